//! The words the text reader recognises, from the lexicons and locales
//! (`styles/locales/`), compiled once for matching: phrases are compared
//! without regard to case, to the form of the apostrophe, to no-break
//! spaces, to the tatweel and to Arabic vowel marks, so that `SACHANT`,
//! `Sachant` and the corpus's spellings are one phrase.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::model::LabelPattern;
use crate::style::{Lexicon, Locale};

/// The words of every language the lexicons know.
pub static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let locales = crate::style::builtin_locales();
    Words::new(crate::style::builtin_lexicons(), &locales)
});

/// Compiled lexicons.
#[derive(Debug)]
pub struct Words {
    /// One entry a language.
    pub languages: Vec<LanguageWords>,
    /// The page labels of every locale ("page {page} / {pages}").
    page_labels: Vec<String>,
}

/// What the reader matches in one language.
#[derive(Debug)]
pub struct LanguageWords {
    /// The lexicon, as written.
    pub lexicon: Lexicon,
    /// The language's locale, when there is one.
    pub locale: Option<Locale>,
    /// Opening phrases of preamble clauses.
    pub preamble: Phrases,
    /// Opening phrases of operative clauses.
    pub operative: Phrases,
    /// Enacting formulas.
    pub openings: Phrases,
    /// Title words, before the number.
    pub titles: Phrases,
    /// Subject labels.
    pub subjects: Phrases,
    /// Adoption phrases.
    pub adopted: Phrases,
    /// Phrases of drafts not adopted.
    pub not_adopted: Phrases,
    /// Agenda labels.
    pub agenda: Phrases,
    /// The heading of the notes ("Notes").
    pub notes: Phrases,
    /// Names of annex labels ("Annex").
    pub annex: Phrases,
}

impl Words {
    fn new(lexicons: Vec<Lexicon>, locales: &[Locale]) -> Words {
        let languages = lexicons
            .into_iter()
            .map(|lexicon| {
                let locale = locales
                    .iter()
                    .find(|l| l.language == lexicon.language)
                    .cloned();
                let label = |f: fn(&Locale) -> &str| -> Vec<String> {
                    locale.iter().map(|l| f(l).to_string()).collect()
                };
                let before_number = |l: &Locale| -> String {
                    l.labels
                        .title
                        .split("{number}")
                        .next()
                        .unwrap_or_default()
                        .trim()
                        .to_string()
                };
                let titles: Vec<String> = lexicon
                    .header
                    .titles
                    .iter()
                    .cloned()
                    .chain(locale.iter().map(before_number))
                    .collect();
                let adopted: Vec<String> = lexicon
                    .closing
                    .adopted
                    .iter()
                    .cloned()
                    .chain(label(|l| &l.labels.status_adopted))
                    .collect();
                let not_adopted: Vec<String> = lexicon
                    .closing
                    .not_adopted
                    .iter()
                    .cloned()
                    .chain(label(|l| &l.labels.status_not_adopted))
                    .collect();
                let subjects: Vec<String> = lexicon
                    .header
                    .subjects
                    .iter()
                    .cloned()
                    .chain(label(|l| &l.labels.subject))
                    .collect();
                LanguageWords {
                    preamble: Phrases::new(lexicon.preamble()),
                    operative: Phrases::new(lexicon.operative()),
                    openings: Phrases::new(lexicon.openings()),
                    titles: Phrases::new(titles.iter().map(String::as_str)),
                    subjects: Phrases::new(subjects.iter().map(String::as_str)),
                    adopted: Phrases::new(adopted.iter().map(String::as_str)),
                    not_adopted: Phrases::new(not_adopted.iter().map(String::as_str)),
                    agenda: Phrases::new(lexicon.header.agenda.iter().map(String::as_str)),
                    notes: Phrases::new(label(|l| &l.labels.notes).iter().map(String::as_str)),
                    annex: Phrases::new(label(|l| &l.labels.annex).iter().map(String::as_str)),
                    lexicon,
                    locale,
                }
            })
            .collect();
        Words {
            languages,
            page_labels: locales.iter().map(|l| l.labels.page.clone()).collect(),
        }
    }

    /// Whether `text` opens with a clause phrase or an enacting formula
    /// of some language.
    pub fn starts_known(&self, text: &str) -> bool {
        self.languages.iter().any(|l| {
            l.preamble.match_at(text).is_some()
                || l.operative.match_at(text).is_some()
                || l.openings.match_at(text).is_some()
        })
    }

    /// Whether a line is only a page number: `2/5`, or a locale's page
    /// label ("page 2 / 5").
    pub fn is_page_number(&self, line: &str) -> bool {
        let fraction = line.split_once('/').is_some_and(|(a, b)| {
            let digits = |s: &str| {
                let s = s.trim();
                !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit())
            };
            digits(a) && digits(b)
        });
        fraction
            || self
                .page_labels
                .iter()
                .any(|label| page_label_matches(label, line))
    }
}

/// Whether `line` is `label` with numbers for `{page}` and `{pages}`.
fn page_label_matches(label: &str, line: &str) -> bool {
    let mut rest = line.trim();
    for (i, part) in label.split("{page").enumerate() {
        let part = if i == 0 {
            part
        } else {
            let part = part.strip_prefix("s}").or_else(|| part.strip_prefix('}'));
            let Some(part) = part else { return false };
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits == 0 {
                return false;
            }
            rest = &rest[digits..];
            part
        };
        let Some(after) = strip_prefix_ci(rest, part) else {
            return false;
        };
        rest = after;
    }
    rest.is_empty() && label.contains("{page")
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let mut chars = text.char_indices();
    for p in prefix.chars() {
        let (_, c) = chars.next()?;
        if fold(c) != fold(p) {
            return None;
        }
    }
    Some(chars.next().map_or("", |(at, _)| &text[at..]))
}

/// A set of phrases, matched at the start of a text, longest first.
#[derive(Debug, Default)]
pub struct Phrases {
    /// By their first character, folded: each phrase's folded characters,
    /// longest first.
    by_first: HashMap<char, Vec<Vec<char>>>,
}

/// A character as phrases compare it; `None` for one they ignore.
fn fold(c: char) -> Option<char> {
    match c {
        '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{200E}' | '\u{200F}' | '\u{ad}' => {
            None
        }
        '’' | 'ʼ' | '`' | '\'' => Some('\''),
        c if c.is_whitespace() => Some(' '),
        c => c.to_lowercase().next(),
    }
}

impl Phrases {
    /// The phrases, as written.
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a str>) -> Phrases {
        let mut by_first: HashMap<char, Vec<Vec<char>>> = HashMap::new();
        for phrase in phrases {
            let mut folded: Vec<char> = Vec::new();
            for c in phrase.trim().chars().filter_map(fold) {
                if !(c == ' ' && folded.last() == Some(&' ')) {
                    folded.push(c);
                }
            }
            if let Some(&first) = folded.first() {
                let list = by_first.entry(first).or_default();
                if !list.contains(&folded) {
                    list.push(folded);
                }
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.len()));
        }
        Phrases { by_first }
    }

    /// The length in bytes of the longest phrase that opens `text`, ending
    /// at a word's end.
    pub fn match_at(&self, text: &str) -> Option<usize> {
        let first = text.chars().find_map(fold)?;
        let candidates = self.by_first.get(&first)?;
        candidates.iter().find_map(|phrase| match_one(phrase, text))
    }

    /// Where the first phrase of the set occurs in `text`, as a whole
    /// word: its byte range.
    pub fn find(&self, text: &str) -> Option<std::ops::Range<usize>> {
        let mut prev: Option<char> = None;
        for (at, c) in text.char_indices() {
            if !prev.is_some_and(char::is_alphanumeric) {
                if let Some(len) = self.match_at(&text[at..]) {
                    return Some(at..at + len);
                }
            }
            prev = Some(c);
        }
        None
    }
}

fn match_one(phrase: &[char], text: &str) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    for &p in phrase {
        // Skip what phrases ignore.
        while chars.peek().is_some_and(|&(_, c)| fold(c).is_none()) {
            chars.next();
        }
        let (_, c) = chars.next()?;
        let c = fold(c)?;
        if c != p {
            return None;
        }
        if p == ' ' {
            while chars.peek().is_some_and(|&(_, c)| c.is_whitespace()) {
                chars.next();
            }
        }
    }
    let end = chars.peek().map_or(text.len(), |&(at, _)| at);
    // A phrase that ends in a letter ends at a word's end.
    let ends_word = !phrase.last().is_some_and(|c| c.is_alphanumeric())
        || !text[end..]
            .chars()
            .find(|&c| fold(c).is_some())
            .is_some_and(char::is_alphanumeric);
    ends_word.then_some(end)
}

/// A label that opens a paragraph: `1.`, `(a)`, `ii)`, `(أ)`, `1 -`, `•`.
#[derive(Debug, Clone)]
pub struct Label {
    /// The label as written.
    pub text: String,
    /// Its length in bytes with the spaces after it.
    pub len: usize,
    /// The patterns it may follow, with its number in each.
    pub candidates: Vec<(LabelPattern, u32)>,
}

/// The quotation marks around the Arabic texts' third-level numbers.
const QUOTES: [char; 2] = ['’', '‘'];

/// Bullets that open list items.
const BULLETS: [&str; 7] = ["-", "•", "–", "*", "◦", "▪", "·"];

/// The label that opens `text`, if any.
pub fn label_at(text: &str) -> Option<Label> {
    let token_end = if text.starts_with('(') {
        text.char_indices()
            .take(9)
            .find(|&(_, c)| c == ')')
            .map(|(at, _)| at + 1)?
    } else {
        let end = text.find(char::is_whitespace).unwrap_or(text.len());
        // "1 -": the Arabic texts' numbering.
        let dash = text[end..].trim_start_matches(' ');
        if end > 0
            && text[..end].bytes().all(|b| b.is_ascii_digit())
            && (dash.starts_with("- ") || dash.starts_with("– ") || dash == "-")
        {
            end + (text[end..].len() - dash.len()) + if dash.starts_with('–') { 3 } else { 1 }
        } else {
            end
        }
    };
    let label = &text[..token_end];
    if label.is_empty() || label.chars().count() > 8 {
        return None;
    }
    let rest = &text[token_end..];
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    let bullet = BULLETS.contains(&label);
    let candidates: Vec<(LabelPattern, u32)> = if bullet {
        LabelPattern::parse(label)
            .map(|p| vec![(p, 0)])
            .unwrap_or_default()
    } else {
        // The UN's Arabic texts number their third level between single
        // quotation marks, `’1‘`, which a copy of the page may give the
        // other way round (`‘1’`): both are one pattern, the Akoma Ntoso's.
        let quoted = label
            .strip_prefix(QUOTES)
            .and_then(|l| l.strip_suffix(QUOTES))
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        if let Some(number) = quoted {
            let pattern = LabelPattern {
                prefix: "’".into(),
                counter: crate::model::Counter::Decimal,
                suffix: "‘".into(),
            };
            let value: u32 = number.parse().ok().filter(|&n| n > 0 && n < 1000)?;
            vec![(pattern, value)]
        } else {
            let closed = label.ends_with(')')
                || label.ends_with('.')
                || label.ends_with('-')
                || label.ends_with('–');
            if !closed {
                return None;
            }
            LabelPattern::read(label)
                .into_iter()
                .filter(|(p, n)| p.counter != crate::model::Counter::None && *n > 0 && *n < 1000)
                .filter(|(p, _)| p.prefix.is_empty() || p.prefix == "(")
                // `3 –` among `2 -` and `4 -`: the dash is typed either way,
                // the numbering is one.
                .map(|(mut p, n)| {
                    p.suffix = p.suffix.replace('–', "-");
                    (p, n)
                })
                .collect()
        }
    };
    if candidates.is_empty() {
        return None;
    }
    let len = token_end + (rest.len() - rest.trim_start().len());
    Some(Label {
        text: label.trim().to_string(),
        len,
        candidates,
    })
}

/// Whether `token` is a document symbol: `S/RES/2722`, `A/80/L.7`,
/// `GA-2017-86-RES-06`, `AGN/69/RES/2`.
pub fn is_symbol(token: &str) -> bool {
    let token = token.trim_matches(|c: char| matches!(c, ',' | ';' | '(' | ')' | '[' | ']'));
    let parts: Vec<&str> = token.split(['/', '-']).collect();
    parts.len() >= 2
        && token.len() <= 40
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'))
        && parts[0].chars().all(|c| c.is_ascii_uppercase())
        && token.chars().any(|c| c.is_ascii_digit())
}

/// Whether `line` is a reference: a symbol, perhaps with its year,
/// `S/RES/2722 (2024)`.
pub fn is_reference(line: &str) -> bool {
    reference(line).is_some()
}

/// The reference `line` is, in its usual form: the symbol, then its year
/// after one space. Texts copied from PDFs also write the year after a
/// no-break space (`S/RES/2777\u{a0}(2025)`) or glued to the symbol
/// (`S/RES/2805(2025)`).
pub fn reference(line: &str) -> Option<String> {
    let line = line.trim();
    let (symbol, year) = match line.find('(') {
        Some(at) if at > 0 => (
            line[..at].trim_end_matches([' ', '\u{a0}']),
            Some(line[at..].trim()),
        ),
        _ => match line.split_once(' ') {
            Some((s, y)) => (s, Some(y.trim())),
            None => (line, None),
        },
    };
    let year_ok = year.is_none_or(|y| {
        y.len() == 6
            && y.starts_with('(')
            && y.ends_with(')')
            && y[1..5].bytes().all(|b| b.is_ascii_digit())
    });
    if !(is_symbol(symbol) && year_ok && !symbol.ends_with(['.', ','])) {
        return None;
    }
    Some(match year {
        Some(year) => format!("{symbol} {year}"),
        None => symbol.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_read_in_their_usual_form() {
        for (line, want) in [
            ("S/RES/2722 (2024)", Some("S/RES/2722 (2024)")),
            ("S/RES/2777\u{a0}(2025)", Some("S/RES/2777 (2025)")),
            ("S/RES/2805(2025)", Some("S/RES/2805 (2025)")),
            ("  GA-2017-86-RES-06 ", Some("GA-2017-86-RES-06")),
            ("A/RES/80/7", Some("A/RES/80/7")),
            ("Resolution 2722 (2024)", None),
            ("S/RES/2722 (2024) of 10 January", None),
            ("S/RES/2722 2024", None),
        ] {
            assert_eq!(reference(line).as_deref(), want, "{line:?}");
        }
    }
}
