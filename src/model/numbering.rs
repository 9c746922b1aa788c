//! List and paragraph label patterns such as `1.`, `(a)`, `i)` or `(أ)`.
//!
//! A pattern is written as a sample label, the way a drafter thinks of it:
//! the counter is the one letter or digit that stands for "the number",
//! everything around it is kept as written.

use std::fmt;

/// How an item's number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
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
                // The value the digits add up to, then only if `roman`
                // writes it so (`IIII` and `IC` are no labels): one
                // writing, where trying every number wrote hundreds, and
                // the text reader asks this of every paragraph's start.
                let upper = text.to_ascii_uppercase();
                let n = roman_value(&upper).filter(|n| (1..400).contains(n))?;
                if roman(n) != upper {
                    return None;
                }
                n
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
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
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

/// The most times a letter label repeats its letter ("zzzz", item 104 of
/// a Latin list). Past it a number is written in digits, as [`roman`]
/// writes those from 4000: a label of item n is otherwise n/26 letters
/// long, and a list starting at 4,000,000,000 made labels of 150 million
/// letters, which took minutes to check and hundreds of megabytes.
const MAX_REPEATS: u32 = 4;

/// a … z, then aa … zz, as legal texts do (not spreadsheet columns).
fn alpha(n: u32, base: u8) -> String {
    if n == 0 {
        return "0".into();
    }
    let repeats = (n - 1) / 26 + 1;
    if repeats > MAX_REPEATS {
        return n.to_string();
    }
    let letter = char::from(base + ((n - 1) % 26) as u8);
    std::iter::repeat_n(letter, repeats as usize).collect()
}

fn letters(n: u32, table: &[&str; 28]) -> String {
    if n == 0 {
        return "0".into();
    }
    let repeats = (n - 1) / 28 + 1;
    if repeats > MAX_REPEATS {
        return n.to_string();
    }
    let letter = table[((n - 1) % 28) as usize];
    letter.repeat(repeats as usize)
}

/// The sum the Roman digits of `text` stand for, a digit before a larger
/// one subtracted; `None` if a character is no Roman digit or the sum is
/// not positive. Whether the digits are written as [`roman`] writes them
/// is for the caller to check.
fn roman_value(text: &str) -> Option<u32> {
    let digit = |c: char| {
        Some(match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            'C' => 100,
            'D' => 500,
            'M' => 1000,
            _ => return None,
        })
    };
    let digits: Vec<i64> = text.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0i64;
    for (i, &d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|&next| next > d) {
            total -= d;
        } else {
            total += d;
        }
    }
    u32::try_from(total).ok().filter(|&n| n > 0)
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
    fn roman_labels_read_back_only_as_written() {
        for n in 1..400 {
            assert_eq!(Counter::UpperRoman.value(&roman(n)), Some(n), "{n}");
            assert_eq!(
                Counter::LowerRoman.value(&roman(n).to_lowercase()),
                Some(n),
                "{n}"
            );
        }
        for text in ["IIII", "IC", "VX", "CD", "", "iv.", "MMMM", "IIV"] {
            assert_eq!(Counter::UpperRoman.value(text), None, "{text}");
        }
    }

    #[test]
    fn letters_double_after_z() {
        assert_eq!(Counter::LowerAlpha.format(26), "z");
        assert_eq!(Counter::LowerAlpha.format(27), "aa");
    }

    #[test]
    fn letters_repeat_at_most_four_times_then_digits_follow() {
        assert_eq!(Counter::LowerAlpha.format(104), "zzzz");
        assert_eq!(Counter::LowerAlpha.format(105), "105");
        assert_eq!(Counter::UpperAlpha.format(u32::MAX), "4294967295");
        assert_eq!(Counter::ArabicAbjad.format(112), "غغغغ");
        assert_eq!(Counter::ArabicAlpha.format(u32::MAX), "4294967295");
        // A longer run of one letter is no label of the pattern.
        assert_eq!(Counter::LowerAlpha.value("aaaaa"), None);
        assert_eq!(Counter::LowerAlpha.value("zzzz"), Some(104));
    }

    /// The repro of a timeout of the writers fuzz target
    /// (tests/fixtures/fuzz/writers/timeout-5bf0f8e03f06.bin): a lettered
    /// list starting near the last number. Its labels were 165 million
    /// letters long, and the number of its third item overflowed.
    #[test]
    fn a_lettered_list_started_at_the_last_numbers_has_short_labels() {
        let list = crate::model::List {
            pattern: LabelPattern::parse("(a)").unwrap(),
            start: u32::MAX - 1,
            items: vec![crate::model::ListItem::default(); 3],
            ..Default::default()
        };
        let labels: Vec<String> = (0..3).map(|i| list.label(i)).collect();
        assert_eq!(labels, ["(4294967294)", "(4294967295)", "(4294967295)"]);
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
