//! List and paragraph label patterns such as `1.`, `(a)`, `i)` or `(أ)`.
//!
//! A pattern is written as a sample label, the way a drafter thinks of it:
//! the counter is the one letter or digit that stands for "the number",
//! everything around it is kept as written.

use std::fmt;

/// How an item's number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Counter {
    /// 1, 2, 3 …
    #[default]
    Decimal,
    /// a, b, c … z, aa, bb …
    LowerAlpha,
    /// A, B, C …
    UpperAlpha,
    /// i, ii, iii …
    LowerRoman,
    /// I, II, III …
    UpperRoman,
    /// أ, ب, ج, د, هـ … (abjad order, as in UN Arabic texts)
    ArabicAbjad,
    /// أ, ب, ت, ث … (alphabetical order)
    ArabicAlpha,
    /// ١, ٢, ٣ … (Arabic-Indic digits)
    ArabicIndic,
    /// No number: a bullet or a fixed mark.
    None,
}

/// The letters of the abjad order, with the tatweel that UN texts put after
/// a lone hā' so it does not look like a stray mark.
const ABJAD: [&str; 28] = [
    "أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص", "ق",
    "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ",
];

/// The letters of the alphabetical (hijā'ī) order.
const HIJAI: [&str; 28] = [
    "أ", "ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر", "ز", "س", "ش", "ص", "ض", "ط", "ظ", "ع", "غ",
    "ف", "ق", "ك", "ل", "م", "ن", "هـ", "و", "ي",
];

impl Counter {
    /// Writes `n` (from 1) with this counter.
    pub fn format(self, n: u32) -> String {
        match self {
            Counter::Decimal => n.to_string(),
            Counter::LowerAlpha => alpha(n, b'a'),
            Counter::UpperAlpha => alpha(n, b'A'),
            Counter::LowerRoman => roman(n).to_lowercase(),
            Counter::UpperRoman => roman(n),
            Counter::ArabicAbjad => letters(n, &ABJAD),
            Counter::ArabicAlpha => letters(n, &HIJAI),
            Counter::ArabicIndic => n
                .to_string()
                .chars()
                .map(|d| char::from_u32(0x0660 + d.to_digit(10).unwrap_or(0)).unwrap_or(d))
                .collect(),
            Counter::None => String::new(),
        }
    }

    /// The sample that stands for this counter in a pattern.
    pub fn sample(self) -> &'static str {
        match self {
            Counter::Decimal => "1",
            Counter::LowerAlpha => "a",
            Counter::UpperAlpha => "A",
            Counter::LowerRoman => "i",
            Counter::UpperRoman => "I",
            Counter::ArabicAbjad => "أ",
            Counter::ArabicAlpha => "ت",
            Counter::ArabicIndic => "١",
            Counter::None => "",
        }
    }

    /// The number that `text` writes with this counter (`iv` → 4 in lower
    /// Roman), if it is one [`Counter::format`] writes.
    pub fn value(self, text: &str) -> Option<u32> {
        let text = text.trim_end_matches('\u{0640}');
        let value = match self {
            Counter::Decimal if text.bytes().all(|b| b.is_ascii_digit()) => text.parse().ok()?,
            Counter::LowerAlpha | Counter::UpperAlpha => {
                let base = if self == Counter::LowerAlpha {
                    b'a'
                } else {
                    b'A'
                };
                let first = *text.as_bytes().first()?;
                if !(base..base + 26).contains(&first) || text.bytes().any(|b| b != first) {
                    return None;
                }
                (text.len() as u32 - 1) * 26 + u32::from(first - base) + 1
            }
            Counter::LowerRoman | Counter::UpperRoman => {
                // Summed by the subtractive rule, then checked against the
                // canonical form below: `iiii` or `ic` are no numbers.
                let digit = |c: u8| match c.to_ascii_uppercase() {
                    b'I' => Some(1),
                    b'V' => Some(5),
                    b'X' => Some(10),
                    b'L' => Some(50),
                    b'C' => Some(100),
                    b'D' => Some(500),
                    b'M' => Some(1000),
                    _ => None,
                };
                let digits = text.bytes().map(digit).collect::<Option<Vec<u32>>>()?;
                let mut sum = 0;
                for (i, &d) in digits.iter().enumerate() {
                    if digits.get(i + 1).is_some_and(|&next| next > d) {
                        sum -= d as i64;
                    } else {
                        sum += d as i64;
                    }
                }
                u32::try_from(sum).ok().filter(|&n| n < 400)?
            }
            Counter::ArabicAbjad | Counter::ArabicAlpha => {
                let table = if self == Counter::ArabicAbjad {
                    &ABJAD
                } else {
                    &HIJAI
                };
                let at = table
                    .iter()
                    .position(|l| l.trim_end_matches('\u{0640}') == text)?;
                at as u32 + 1
            }
            Counter::ArabicIndic => text.chars().try_fold(0u32, |n, c| {
                let d = (c as u32).checked_sub(0x0660).filter(|&d| d < 10)?;
                n.checked_mul(10)?.checked_add(d)
            })?,
            _ => return None,
        };
        (value > 0 && self.format(value).trim_end_matches('\u{0640}') == text).then_some(value)
    }

    fn from_sample(c: char) -> Option<Counter> {
        Some(match c {
            '1' => Counter::Decimal,
            'a' => Counter::LowerAlpha,
            'A' => Counter::UpperAlpha,
            'i' => Counter::LowerRoman,
            'I' => Counter::UpperRoman,
            'أ' => Counter::ArabicAbjad,
            'ت' => Counter::ArabicAlpha,
            '١' => Counter::ArabicIndic,
            _ => return None,
        })
    }
}

/// A label pattern: a counter with the text around it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LabelPattern {
    /// Text before the number, e.g. `(`.
    pub prefix: String,
    /// The counter.
    pub counter: Counter,
    /// Text after the number, e.g. `)` or `.`; for [`Counter::None`] the
    /// whole label (a bullet).
    pub suffix: String,
}

impl Default for LabelPattern {
    fn default() -> Self {
        LabelPattern {
            prefix: String::new(),
            counter: Counter::Decimal,
            suffix: ".".into(),
        }
    }
}

impl LabelPattern {
    /// Parses a sample label such as `1.`, `(a)`, `i)`, `1 -` or `(أ)`.
    ///
    /// The sample must contain exactly one counter character; a sample with
    /// none (such as `•`) is a fixed mark. Returns `None` when the sample is
    /// empty, longer than 12 characters or has two counters.
    pub fn parse(sample: &str) -> Option<LabelPattern> {
        if sample.is_empty() || sample.chars().count() > 12 {
            return None;
        }
        let mut found = None;
        for (at, c) in sample.char_indices() {
            if let Some(counter) = Counter::from_sample(c) {
                if found.is_some() {
                    return None;
                }
                found = Some((at, c.len_utf8(), counter));
            }
        }
        Some(match found {
            Some((at, len, counter)) => LabelPattern {
                prefix: sample[..at].to_string(),
                counter,
                suffix: sample[at + len..].to_string(),
            },
            None => LabelPattern {
                prefix: String::new(),
                counter: Counter::None,
                suffix: sample.to_string(),
            },
        })
    }

    /// The patterns a written label such as `(iv)`, `b)`, `12.` or `(ج)`
    /// may follow, each with the number it gives the label: `(i)` is the
    /// first lower Roman label and the ninth letter. Case decides between
    /// the lower and upper counters; a label with no counter is a bullet.
    pub fn read(label: &str) -> Vec<(LabelPattern, u32)> {
        let is_counter = |c: char| c.is_alphanumeric() || c == '\u{0640}';
        let Some(start) = label.find(is_counter) else {
            return LabelPattern::parse(label)
                .map(|p| vec![(p, 0)])
                .unwrap_or_default();
        };
        let end = label[start..]
            .find(|c: char| !is_counter(c))
            .map_or(label.len(), |n| start + n);
        let (prefix, run, suffix) = (&label[..start], &label[start..end], &label[end..]);
        if suffix.contains(is_counter) {
            return Vec::new();
        }
        let counters = [
            Counter::Decimal,
            Counter::LowerRoman,
            Counter::LowerAlpha,
            Counter::UpperRoman,
            Counter::UpperAlpha,
            Counter::ArabicAbjad,
            Counter::ArabicAlpha,
            Counter::ArabicIndic,
        ];
        counters
            .into_iter()
            .filter_map(|counter| {
                let value = counter.value(run)?;
                let pattern = LabelPattern {
                    prefix: prefix.to_string(),
                    counter,
                    suffix: suffix.to_string(),
                };
                Some((pattern, value))
            })
            .collect()
    }

    /// The label of item `n` (from 1).
    pub fn format(&self, n: u32) -> String {
        format!("{}{}{}", self.prefix, self.counter.format(n), self.suffix)
    }
}

impl fmt::Display for LabelPattern {
    /// The sample form, which [`LabelPattern::parse`] reads back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}{}", self.prefix, self.counter.sample(), self.suffix)
    }
}

/// a … z, then aa … zz, as legal texts do (not spreadsheet columns).
fn alpha(n: u32, base: u8) -> String {
    if n == 0 {
        return "0".into();
    }
    let letter = char::from(base + ((n - 1) % 26) as u8);
    std::iter::repeat_n(letter, ((n - 1) / 26 + 1) as usize).collect()
}

fn letters(n: u32, table: &[&str; 28]) -> String {
    if n == 0 {
        return "0".into();
    }
    let letter = table[((n - 1) % 28) as usize];
    letter.repeat(((n - 1) / 28 + 1) as usize)
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_patterns() {
        let p = LabelPattern::parse("(a)").unwrap();
        assert_eq!(
            (p.prefix.as_str(), p.counter, p.suffix.as_str()),
            ("(", Counter::LowerAlpha, ")")
        );
        assert_eq!(LabelPattern::parse("1.").unwrap().format(12), "12.");
        assert_eq!(LabelPattern::parse("i)").unwrap().format(4), "iv)");
        assert_eq!(LabelPattern::parse("(I)").unwrap().format(9), "(IX)");
        assert_eq!(LabelPattern::parse("1 -").unwrap().format(3), "3 -");
        assert_eq!(LabelPattern::parse("(أ)").unwrap().format(5), "(هـ)");
        assert_eq!(LabelPattern::parse("•").unwrap().format(5), "•");
        assert_eq!(LabelPattern::parse("(١)").unwrap().format(12), "(١٢)");
    }

    #[test]
    fn refuses_ambiguous_patterns() {
        assert!(LabelPattern::parse("").is_none());
        assert!(LabelPattern::parse("1a").is_none());
    }

    #[test]
    fn letters_double_after_z() {
        assert_eq!(Counter::LowerAlpha.format(26), "z");
        assert_eq!(Counter::LowerAlpha.format(27), "aa");
    }

    #[test]
    fn written_labels_are_read_back() {
        let read = |l: &str| -> Vec<(String, u32)> {
            LabelPattern::read(l)
                .into_iter()
                .map(|(p, n)| (p.to_string(), n))
                .collect()
        };
        assert_eq!(read("12."), [("1.".to_string(), 12)]);
        assert_eq!(read("(i)"), [("(i)".into(), 1), ("(a)".into(), 9)]);
        assert_eq!(read("(iv)"), [("(i)".to_string(), 4)]);
        assert_eq!(read("b)"), [("a)".to_string(), 2)]);
        assert_eq!(read("(ج)"), [("(أ)".into(), 3), ("(ت)".into(), 5)]);
        assert_eq!(read("(هـ)")[0], ("(أ)".into(), 5));
        assert_eq!(read("1 -"), [("1 -".to_string(), 1)]);
        assert_eq!(read("•"), [("•".to_string(), 0)]);
        assert!(read("1a").is_empty());
    }

    #[test]
    fn display_round_trips() {
        for sample in ["1.", "(a)", "a)", "(i)", "I.", "(أ)", "1 -", "•"] {
            assert_eq!(LabelPattern::parse(sample).unwrap().to_string(), sample);
        }
    }
}
