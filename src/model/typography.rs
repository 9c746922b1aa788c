//! The typographic rules of each language, applied once to the model so
//! that every format prints the same characters.
//!
//! Rules only ever touch spaces: they turn a breaking space into the
//! no-break space the language requires, or insert one where it is missing,
//! never change a word. Addresses (`https://…`, `www.…`) and times
//! (`10:55`) are left alone.

use super::{Inline, Language, Resolution, for_each_inline_run_mut};

/// U+00A0, a no-break space of normal width.
pub const NBSP: char = '\u{a0}';
/// U+202F, the narrow no-break space French sets before `; ! ?`.
pub const NNBSP: char = '\u{202f}';

/// Applies the rules of the resolution's language to all its text.
pub fn apply(res: &mut Resolution) {
    let lang = res.meta.language.clone();
    for_each_inline_run_mut(res, &mut |run| apply_run(&lang, run));
}

/// Applies the rules of `lang` to one run of inlines, carrying the character
/// before each text node across inline boundaries.
pub fn apply_run(lang: &Language, run: &mut [Inline]) {
    let mut prev = None;
    walk(lang, run, &mut prev);
}

fn walk(lang: &Language, run: &mut [Inline], prev: &mut Option<char>) {
    for inline in run {
        match inline {
            Inline::Text(text) => {
                *text = apply_text(lang, text, *prev);
                if let Some(last) = text.chars().last() {
                    *prev = Some(last);
                }
            }
            Inline::Footnote(note) => {
                // A note is a run of its own: its first character does not
                // follow the word it is anchored to.
                let mut inner = None;
                walk(lang, &mut note.content, &mut inner);
            }
            Inline::LineBreak => *prev = Some('\n'),
            other => {
                if let Some(children) = other.children_mut() {
                    walk(lang, children, prev);
                }
            }
        }
    }
}

/// Applies the rules of `lang` to `text`; `prev` is the character that
/// precedes it in the paragraph.
pub fn apply_text(lang: &Language, text: &str, prev: Option<char>) -> String {
    match lang.primary().as_str() {
        "fr" => french(text, prev),
        "es" => spanish(text),
        "en" => english(text),
        // Arabic and languages without rules here are left as written.
        _ => text.to_string(),
    }
}

/// Splits `text` into words and the spaces between them, keeping each
/// space run, so rules can look at neighbouring words.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = None;
    for (at, c) in text.char_indices() {
        let space = c == ' ';
        if in_space != Some(space) {
            if at > start {
                out.push(&text[start..at]);
            }
            start = at;
            in_space = Some(space);
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

fn is_address(word: &str) -> bool {
    word.contains("://") || word.starts_with("www.") || word.contains('@')
}

fn french(text: &str, prev: Option<char>) -> String {
    let toks = tokens(text);
    let mut out = String::with_capacity(text.len() + 8);
    for (i, tok) in toks.iter().enumerate() {
        if tok.starts_with(' ') {
            let before = if i == 0 {
                prev
            } else {
                toks[i - 1].chars().last()
            };
            let next = toks.get(i + 1).copied().unwrap_or("");
            let first = next.chars().next();
            let space = match (before, first) {
                // « Texte » : the space after « and before » is narrow.
                (Some('«'), _) | (_, Some('»')) => Some(NNBSP),
                (_, Some(';' | '!' | '?')) if !is_address(next) => Some(NNBSP),
                (_, Some(':')) if !is_address(next) => Some(NBSP),
                // N° 6, n° 12
                (_, Some(d)) if d.is_ascii_digit() && ends_with_numero(&out) => Some(NBSP),
                _ => None,
            };
            match space {
                Some(s) => out.push(s),
                None => out.push_str(tok),
            }
            continue;
        }
        if is_address(tok) {
            out.push_str(tok);
            continue;
        }
        french_word(tok, if i == 0 { prev } else { None }, &mut out);
    }
    out
}

/// Inserts the missing spaces inside one word: `mot;` → `mot ;`,
/// `«mot»` → `« mot »`, `Objet:` → `Objet :`, but not `10:55`.
fn french_word(word: &str, prev: Option<char>, out: &mut String) {
    let chars: Vec<char> = word.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let before = if i == 0 {
            prev.filter(|p| *p != ' ' && *p != NBSP && *p != NNBSP)
        } else {
            Some(chars[i - 1])
        };
        let after = chars.get(i + 1).copied();
        match c {
            ';' | '!' | '?'
                if before.is_some_and(|b| b.is_alphanumeric() || b == '»' || b == ')') =>
            {
                out.push(NNBSP)
            }
            ':' if before.is_some_and(char::is_alphabetic)
                && !after.is_some_and(|a| a.is_alphanumeric() || a == '/') =>
            {
                out.push(NBSP)
            }
            '»' if before.is_some_and(|b| !b.is_whitespace() && b != NNBSP && b != NBSP) => {
                out.push(NNBSP)
            }
            _ => {}
        }
        out.push(c);
        if c == '«' && after.is_some_and(|a| !a.is_whitespace()) {
            out.push(NNBSP);
        }
    }
}

fn ends_with_numero(out: &str) -> bool {
    out.ends_with("N°") || out.ends_with("n°") || out.ends_with("Nº") || out.ends_with("nº")
}

/// Spanish: no space before `; : ! ?` or after `¿ ¡`; no-break space in
/// `N.º 6` and `núm. 6`.
fn spanish(text: &str) -> String {
    let toks = tokens(text);
    let mut out = String::with_capacity(text.len());
    for (i, tok) in toks.iter().enumerate() {
        if tok.starts_with(' ') {
            let next = toks.get(i + 1).copied().unwrap_or("");
            let before = out.chars().last();
            if next.starts_with([';', ':', '!', '?']) && !is_address(next) && i > 0 {
                continue;
            }
            if matches!(before, Some('¿' | '¡')) {
                continue;
            }
            if next.starts_with(|c: char| c.is_ascii_digit())
                && (out.ends_with("N.º") || out.ends_with("núm.") || out.ends_with("n.º"))
            {
                out.push(NBSP);
                continue;
            }
            out.push_str(tok);
        } else {
            out.push_str(tok);
        }
    }
    out
}

/// English: no space before `; : ! ?`; no-break space in `No. 6`.
fn english(text: &str) -> String {
    let toks = tokens(text);
    let mut out = String::with_capacity(text.len());
    for (i, tok) in toks.iter().enumerate() {
        if tok.starts_with(' ') {
            let next = toks.get(i + 1).copied().unwrap_or("");
            if next.starts_with([';', ':', '!', '?']) && !is_address(next) && i > 0 {
                continue;
            }
            if next.starts_with(|c: char| c.is_ascii_digit())
                && (out.ends_with("No.") || out.ends_with("Nos.") || out.ends_with("para."))
            {
                out.push(NBSP);
                continue;
            }
        }
        out.push_str(tok);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr(text: &str) -> String {
        apply_text(&Language("fr".into()), text, None)
    }

    #[test]
    fn french_narrow_space_before_semicolon_exclamation_question() {
        assert_eq!(fr("sécurité ;"), "sécurité\u{202f};");
        assert_eq!(fr("vraiment !"), "vraiment\u{202f}!");
        assert_eq!(fr("pourquoi?"), "pourquoi\u{202f}?");
    }

    #[test]
    fn french_space_before_colon_but_not_in_times_or_addresses() {
        assert_eq!(fr("Objet :"), "Objet\u{a0}:");
        assert_eq!(fr("Objet: texte"), "Objet\u{a0}: texte");
        assert_eq!(fr("à 10:55 heures"), "à 10:55 heures");
        assert_eq!(
            fr("voir https://example.org/a?b=c;d"),
            "voir https://example.org/a?b=c;d"
        );
        assert_eq!(fr("voir www.interpol.int"), "voir www.interpol.int");
    }

    #[test]
    fn french_guillemets_take_narrow_spaces_inside() {
        assert_eq!(fr("le « document »"), "le «\u{202f}document\u{202f}»");
        assert_eq!(fr("le «document»"), "le «\u{202f}document\u{202f}»");
    }

    #[test]
    fn french_numero_keeps_its_number() {
        assert_eq!(fr("objectif N° 16"), "objectif N°\u{a0}16");
    }

    #[test]
    fn french_rule_sees_the_character_before_an_inline() {
        let lang = Language("fr".into());
        assert_eq!(apply_text(&lang, ";", Some('é')), "\u{202f};");
        assert_eq!(apply_text(&lang, " ;", Some('»')), "\u{202f};");
    }

    #[test]
    fn french_is_idempotent() {
        let once = fr("Objet : le « document » ; N° 6 !");
        assert_eq!(fr(&once), once);
    }

    #[test]
    fn english_removes_space_before_punctuation_and_binds_numbers() {
        let en = Language("en".into());
        assert_eq!(apply_text(&en, "security ;", None), "security;");
        assert_eq!(
            apply_text(&en, "resolution No. 6", None),
            "resolution No.\u{a0}6"
        );
        assert_eq!(apply_text(&en, "at 10:55", None), "at 10:55");
    }

    #[test]
    fn spanish_rules() {
        let es = Language("es".into());
        assert_eq!(apply_text(&es, "¿ Por qué ?", None), "¿Por qué?");
        assert_eq!(
            apply_text(&es, "resolución N.º 6", None),
            "resolución N.º\u{a0}6"
        );
    }

    #[test]
    fn arabic_is_untouched() {
        let ar = Language("ar".into());
        let text = "إن مجلس الأمن ، إذ يشير ؛ 10:55";
        assert_eq!(apply_text(&ar, text, None), text);
    }
}
