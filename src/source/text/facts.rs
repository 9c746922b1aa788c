//! Facts read out of sentences: the dates of a session, its number and
//! place in an opening formula ("réunie en sa 86ème session à Beijing
//! (Chine) du 26 au 29 septembre 2017"), a meeting's number and a vote in
//! an adoption line. The words they hang on (month names, "session",
//! "voix") come from the locale and the lexicon.

use crate::model::{Date, Session, Tally, Vote};

use super::words::{LanguageWords, Phrases};

/// A date as written around a month's name: the first day of a range,
/// the (last) day, the month and the year, each when it is there.
type Written = (Option<u32>, Option<u32>, u8, Option<i32>);

/// The dates written in `text`, in order; a range such as "du 26 au 29
/// septembre 2017" gives its two ends.
pub fn dates(text: &str, lang: &LanguageWords) -> Vec<Date> {
    let Some(locale) = &lang.locale else {
        return Vec::new();
    };
    let lower = text.to_lowercase();
    // Every month name, with where it is.
    let mut months: Vec<(usize, usize, u8)> = Vec::new();
    for (index, name) in locale.months.iter().enumerate() {
        let name = name.to_lowercase();
        let mut from = 0;
        while let Some(at) = lower[from..].find(&name) {
            let start = from + at;
            let end = start + name.len();
            let bounded = !lower[..start]
                .chars()
                .last()
                .is_some_and(char::is_alphabetic)
                && !lower[end..].chars().next().is_some_and(char::is_alphabetic);
            if bounded {
                months.push((start, end, index as u8 + 1));
            }
            from = end;
        }
    }
    months.sort_unstable();
    let number = |token: &str| -> Option<u32> {
        let digits: String = token.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    let mut found: Vec<Written> = Vec::new();
    for &(start, end, month) in &months {
        let before: Vec<&str> = lower[..start].split_whitespace().rev().take(4).collect();
        let after: Vec<&str> = lower[end..].split_whitespace().take(3).collect();
        let year = after
            .iter()
            .take(3)
            .filter_map(|t| number(t.trim_start_matches(',')))
            .find(|&y| (1000..=9999).contains(&y))
            .map(|y| y as i32);
        let days: Vec<u32> = before
            .iter()
            .take(4)
            .filter_map(|t| number(t))
            .filter(|d| (1..=31).contains(d))
            .collect();
        let day_after = after
            .first()
            .and_then(|t| number(t))
            .filter(|d| (1..=31).contains(d));
        let (first, last) = match (days.first(), day_after) {
            (Some(&d), _) => (days.get(1).copied(), Some(d)),
            (None, Some(d)) => (None, Some(d)),
            _ => (None, None),
        };
        found.push((first, last, month, year));
    }
    // A month without a year takes the next one's: "26 septembre au 1er
    // octobre 2017".
    let mut out = Vec::new();
    for i in 0..found.len() {
        let (first, last, month, year) = found[i];
        let year = year.or_else(|| found[i + 1..].iter().find_map(|f| f.3));
        let (Some(year), Some(last)) = (year, last) else {
            continue;
        };
        if let Some(first) = first.filter(|&f| f < last) {
            out.extend(Date::new(year, month, first as u8));
        }
        out.extend(Date::new(year, month, last as u8));
    }
    out
}

/// The number written as an ordinal just before one of `words`: "86ème
/// session" → 86, "9527th meeting" → 9527.
pub fn ordinal_before(text: &str, words: &Phrases, lang: &LanguageWords) -> Option<String> {
    let mut from = 0;
    while let Some(range) = words.find(&text[from..]) {
        let start = from + range.start;
        let before = text[..start].trim_end();
        let token = before
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or_default();
        let digits: String = token.chars().take_while(char::is_ascii_digit).collect();
        let suffix = &token[digits.len()..];
        let ordinal = suffix.is_empty()
            || lang
                .lexicon
                .header
                .ordinal_suffixes
                .iter()
                .any(|s| s == suffix || s.trim_start_matches('.') == suffix);
        if !digits.is_empty() && ordinal {
            return Some(digits);
        }
        from += range.end;
    }
    None
}

/// The session an opening formula names: its number, place, country and
/// dates.
pub fn session(text: &str, lang: &LanguageWords) -> Session {
    let sessions = Phrases::new(lang.lexicon.header.sessions.iter().map(String::as_str));
    let number = ordinal_before(text, &sessions, lang);
    let (place, country) = place(text).unzip();
    let dates = dates(text, lang);
    Session {
        number,
        place,
        country,
        start: dates.first().copied(),
        end: dates.get(1).copied(),
        name: None,
    }
}

/// "Beijing (Chine)": a capitalised name followed by a capitalised name in
/// brackets, none with digits.
fn place(text: &str) -> Option<(String, String)> {
    let mut from = 0;
    while let Some(open) = text[from..].find('(') {
        let open = from + open;
        let close = open + text[open..].find(')')?;
        let country = text[open + 1..close].trim();
        let before = text[..open].trim_end();
        let words: Vec<&str> = before.split_whitespace().rev().take(3).collect();
        let mut city: Vec<&str> = Vec::new();
        for w in words {
            if w.starts_with(char::is_uppercase) && !w.contains(char::is_numeric) {
                city.insert(0, w.trim_end_matches(','));
            } else {
                break;
            }
        }
        let capital = |s: &str| {
            s.starts_with(char::is_uppercase)
                && !s.contains(char::is_numeric)
                && !s.contains('/')
                && s.split_whitespace().count() <= 4
        };
        if !city.is_empty() && capital(country) && before.ends_with(|c: char| c.is_alphabetic()) {
            return Some((city.join(" "), country.to_string()));
        }
        from = close + 1;
    }
    None
}

/// The vote an adoption line records: "par 8 voix contre zéro, avec 3
/// abstentions".
pub fn vote(text: &str, lang: &LanguageWords) -> Option<Vote> {
    let closing = &lang.lexicon.closing;
    let count = |templates: &[String]| -> Option<u32> {
        templates
            .iter()
            .find_map(|t| template(text, t, &closing.numbers))
    };
    let in_favour = count(&closing.in_favour)?;
    let tally = |count: u32| Tally {
        count,
        members: Vec::new(),
    };
    Some(Vote {
        in_favour: tally(in_favour),
        against: tally(count(&closing.against).unwrap_or(0)),
        abstaining: tally(count(&closing.abstaining).unwrap_or(0)),
    })
}

/// The number `{n}` stands for where `template` occurs in `text`.
fn template(text: &str, template: &str, numbers: &[String]) -> Option<u32> {
    let (before, after) = template.split_once("{n}")?;
    let lower = text.to_lowercase();
    let (before, after) = (before.to_lowercase(), after.to_lowercase());
    let mut from = 0;
    while from <= lower.len() {
        let at = if before.trim().is_empty() {
            from
        } else {
            from + lower[from..].find(before.as_str())? + before.len()
        };
        let rest = lower[at..].trim_start();
        let token: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
        let value = token.parse::<u32>().ok().or_else(|| {
            numbers
                .iter()
                .position(|n| n.to_lowercase() == token)
                .map(|n| n as u32)
        });
        let tail = rest[token.len()..].trim_start();
        if let Some(value) = value {
            if after.trim().is_empty() || tail.starts_with(after.trim()) {
                return Some(value);
            }
        }
        if before.trim().is_empty() {
            // Try every number of the text.
            let next = lower[from..].find(|c: char| c.is_alphanumeric())?;
            let skip = lower[from + next..]
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(lower.len() - from - next);
            from += next + skip.max(1);
        } else {
            from = at;
        }
        while !lower.is_char_boundary(from.min(lower.len())) {
            from += 1;
        }
    }
    None
}
