//! The typography of the document's language, from its locale file.
//!
//! The rules only ever touch spaces and the apostrophe: they turn a
//! breaking space into the no-break space the language requires, insert one
//! where it is missing or remove one it does not want, and print a typed
//! `'` as the language's apostrophe. Words are never changed. Addresses
//! (`https://…`, `www.…`, `a@b.org`) and marks between two letters or
//! digits (`10:55`) are left alone. Applying the rules twice gives the
//! result of applying them once.

use crate::style::{Space, Typography};

/// U+00A0, a no-break space of normal width.
pub const NBSP: char = '\u{a0}';
/// U+202F, the narrow no-break space.
pub const NNBSP: char = '\u{202f}';

/// Applies `rules` to `text`; `prev` is the character printed before it in
/// the same paragraph (across inline boundaries), if any.
pub fn apply(rules: &Typography, text: &str, prev: Option<char>) -> String {
    let tokens = tokens(text);
    let mut out = String::with_capacity(text.len() + 8);
    for (i, tok) in tokens.iter().enumerate() {
        if tok.starts_with(' ') {
            let before = out.chars().last().or(prev);
            let next = tokens.get(i + 1).copied().unwrap_or("");
            match space_between(rules, before, next, &out, i == 0) {
                Some(Some(space)) => out.push(space),
                Some(None) => {}
                None => out.push_str(tok),
            }
        } else if is_address(tok) {
            out.push_str(tok);
        } else {
            let before = out.chars().last().or(prev);
            word(rules, tok, before, &mut out);
        }
    }
    out
}

/// What the space run between `before` and the word `next` becomes:
/// `None` to keep it, `Some(None)` to remove it, `Some(Some(c))` for `c`.
fn space_between(
    rules: &Typography,
    before: Option<char>,
    next: &str,
    out: &str,
    at_start: bool,
) -> Option<Option<char>> {
    let first = next.chars().next();
    if let Some(rule) = before.and_then(|b| rules.space_after.get(&b)) {
        return Some(rule.char());
    }
    if let Some(rule) = first.and_then(|f| rules.space_before.get(&f)) {
        if is_address(next) {
            return None;
        }
        // A space that opens a text node follows an inline (a verb, a
        // quotation): removing it could join two words.
        if *rule == Space::None && at_start {
            return None;
        }
        return Some(rule.char());
    }
    let bound = first.is_some_and(|f| f.is_ascii_digit())
        && rules
            .bind_to_number
            .iter()
            .any(|a| out.ends_with(a.as_str()));
    bound.then_some(Some(NBSP))
}

/// Copies one word into `out`, inserting the spaces the rules want inside
/// it (`mot;` → `mot ;`) and the apostrophe.
fn word(rules: &Typography, word: &str, before: Option<char>, out: &mut String) {
    let chars: Vec<char> = word.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let prev = if i == 0 { before } else { Some(chars[i - 1]) };
        let next = chars.get(i + 1).copied();
        let is_space = |c: char| c.is_whitespace() || c == NBSP || c == NNBSP;
        let between_words =
            prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
        if rules.insert_missing && !between_words {
            let wants = rules.space_before.get(&c).and_then(|r| r.char());
            // Only after a word or a closing mark: not at the start of a
            // paragraph, and not twice.
            let after_word = prev.is_some_and(|p| {
                !is_space(p) && (p.is_alphanumeric() || matches!(p, ')' | ']' | '»' | '”' | '’'))
            }) || (c == '»' && prev.is_some_and(|p| !is_space(p)));
            if let Some(space) = wants.filter(|_| after_word && next.is_none_or(|n| n != '/')) {
                out.push(space);
            }
        }
        if c == '\'' && prev.is_some_and(char::is_alphabetic) {
            out.push(rules.apostrophe.unwrap_or('\''));
        } else {
            out.push(c);
        }
        if rules.insert_missing && !between_words {
            let wants = rules.space_after.get(&c).and_then(|r| r.char());
            if let Some(space) = wants.filter(|_| next.is_some_and(|n| !is_space(n))) {
                out.push(space);
            }
        }
    }
}

/// Splits `text` into words and runs of spaces, keeping both.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::style::Style;

    fn rules(lang: &str) -> Typography {
        let style = Style::builtin();
        style
            .locale(&crate::model::Language(lang.into()))
            .typography
            .clone()
    }

    fn fr(text: &str) -> String {
        apply(&rules("fr"), text, None)
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
    fn french_apostrophes_are_typographic() {
        assert_eq!(fr("l'Assemblée d'INTERPOL"), "l’Assemblée d’INTERPOL");
        assert_eq!(fr("aujourd'hui"), "aujourd’hui");
        assert_eq!(fr("'cité'"), "'cité’");
    }

    #[test]
    fn french_numero_keeps_its_number() {
        assert_eq!(fr("objectif N° 16"), "objectif N°\u{a0}16");
    }

    #[test]
    fn french_rule_sees_the_character_before_an_inline() {
        let r = rules("fr");
        assert_eq!(apply(&r, ";", Some('é')), "\u{202f};");
        assert_eq!(apply(&r, " ;", Some('»')), "\u{202f};");
    }

    #[test]
    fn french_is_idempotent() {
        let once = fr("Objet : le « document » ; l'N° 6 !");
        assert_eq!(fr(&once), once);
    }

    #[test]
    fn english_removes_space_before_punctuation_and_binds_numbers() {
        let en = rules("en");
        assert_eq!(apply(&en, "security ;", None), "security;");
        assert_eq!(
            apply(&en, "resolution No. 6", None),
            "resolution No.\u{a0}6"
        );
        assert_eq!(apply(&en, "at 10:55", None), "at 10:55");
        assert_eq!(apply(&en, "the Council's", None), "the Council’s");
    }

    #[test]
    fn spanish_rules() {
        let es = rules("es");
        assert_eq!(apply(&es, "¿ Por qué ?", None), "¿Por qué?");
        assert_eq!(
            apply(&es, "resolución N.º 6", None),
            "resolución N.º\u{a0}6"
        );
    }

    #[test]
    fn arabic_is_untouched() {
        let text = "إن مجلس الأمن ، إذ يشير ؛ 10:55";
        assert_eq!(apply(&rules("ar"), text, None), text);
    }
}
