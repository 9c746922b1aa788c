//! The inline content of a paragraph: the few Markdown and HTML marks that
//! texts carry (`**bold**`, `*italic*`, `<sup>ème</sup>`), quotations
//! between the language's marks, and footnote markers (`[1]`, `¹`,
//! `<sup>1</sup>`) turned into the notes they mark. Everything else is
//! text, kept literally: markup of other formats stays data.

use std::collections::HashMap;

use crate::model::{Footnote, Inline, Span};

/// The notes of a text, by mark, waiting for their markers.
#[derive(Debug, Default)]
pub struct Notes {
    /// Each note's text and where it is.
    pub texts: HashMap<String, (Vec<Inline>, Span)>,
    /// The marks used, in the order of their markers.
    pub used: Vec<String>,
}

/// How inline text is read in one document.
pub struct Inlines<'a> {
    /// The language's quotation marks, trimmed: (open, close).
    pub quotes: Option<(String, String)>,
    /// The notes markers may refer to.
    pub notes: &'a mut Notes,
}

const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

impl Inlines<'_> {
    /// The inlines of `text`.
    pub fn read(&mut self, text: &str) -> Vec<Inline> {
        let mut out: Vec<Inline> = Vec::new();
        let mut plain = String::new();
        let mut rest = text;
        let flush = |plain: &mut String, out: &mut Vec<Inline>| {
            if !plain.is_empty() {
                out.push(Inline::Text(std::mem::take(plain)));
            }
        };
        while let Some(c) = rest.chars().next() {
            let after_word = plain.chars().last().is_some_and(|p| !p.is_whitespace())
                || (plain.is_empty() && !out.is_empty());
            if let Some((tag, inner, len)) = html(rest) {
                flush(&mut plain, &mut out);
                if tag == "sup" && self.notes.texts.contains_key(inner) {
                    out.push(self.note(inner));
                } else {
                    let content = self.read(inner);
                    out.push(if tag == "sup" {
                        Inline::Superscript(content)
                    } else {
                        Inline::Subscript(content)
                    });
                }
                rest = &rest[len..];
                continue;
            }
            if let Some((marker, inner, len)) = emphasis(rest) {
                flush(&mut plain, &mut out);
                let content = self.read(inner);
                out.push(if marker.len() == 2 {
                    Inline::Strong(content)
                } else {
                    Inline::Emphasis(content)
                });
                rest = &rest[len..];
                continue;
            }
            if c == '[' {
                if let Some(end) = rest.find(']') {
                    let mark = &rest[1..end];
                    if self.notes.texts.contains_key(mark) {
                        flush(&mut plain, &mut out);
                        out.push(self.note(mark));
                        rest = &rest[end + 1..];
                        continue;
                    }
                }
            }
            if SUPERSCRIPTS.contains(&c) && after_word {
                let digits: String = rest
                    .chars()
                    .take_while(|c| SUPERSCRIPTS.contains(c))
                    .collect();
                let mark: String = digits
                    .chars()
                    .map(|d| {
                        char::from(
                            b'0' + SUPERSCRIPTS.iter().position(|&s| s == d).unwrap_or(0) as u8,
                        )
                    })
                    .collect();
                if self.notes.texts.contains_key(&mark) {
                    flush(&mut plain, &mut out);
                    out.push(self.note(&mark));
                    rest = &rest[digits.len()..];
                    continue;
                }
            }
            // A marker a PDF's text glues to the word before: "conflict,1".
            let glued = plain.chars().last().is_some_and(|p| {
                p.is_alphabetic() || matches!(p, ',' | '.' | ';' | ':' | ')' | '”' | '’' | '»')
            });
            if c.is_ascii_digit() && glued {
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                let next = (self.notes.used.len() + 1).to_string();
                let ends = !rest[digits.len()..].starts_with(char::is_alphanumeric);
                if digits == next && ends && self.notes.texts.contains_key(&digits) {
                    flush(&mut plain, &mut out);
                    out.push(self.note(&digits));
                    rest = &rest[digits.len()..];
                    continue;
                }
            }
            // Where the quotation that opens here ends, found without
            // copying the marks: this runs for every character.
            let quoted = self.quotes.as_ref().and_then(|(open, close)| {
                let after = rest.strip_prefix(open.as_str())?;
                let end = after.find(close.as_str())?;
                Some((open.len(), end, close.len()))
            });
            if let Some((open, end, close)) = quoted {
                let inner = rest[open..open + end].trim();
                if !inner.is_empty() {
                    flush(&mut plain, &mut out);
                    let content = self.read(inner);
                    out.push(Inline::Quote(content));
                    rest = &rest[open + end + close..];
                    continue;
                }
            }
            plain.push(c);
            rest = &rest[c.len_utf8()..];
        }
        flush(&mut plain, &mut out);
        out
    }

    fn note(&mut self, mark: &str) -> Inline {
        let (content, span) = self.notes.texts.get(mark).cloned().unwrap_or_default();
        self.notes.used.push(mark.to_string());
        let numbered = mark
            .parse::<usize>()
            .is_ok_and(|n| n == self.notes.used.len());
        Inline::Footnote(Footnote {
            mark: (!numbered).then(|| mark.to_string()),
            content,
            span: Some(span),
        })
    }
}

/// `<sup>…</sup>` or `<sub>…</sub>` at the start of `text`: the tag, the
/// inner text and the length of the whole.
fn html(text: &str) -> Option<(&'static str, &str, usize)> {
    // Asked at every character of a text: no allocation here, and the
    // tags are written out, not formatted each time.
    if !text.starts_with('<') {
        return None;
    }
    for (tag, open, close) in [("sup", "<sup>", "</sup>"), ("sub", "<sub>", "</sub>")] {
        if let Some(rest) = text.strip_prefix(open) {
            let end = rest.find(close)?;
            return Some((tag, &rest[..end], open.len() + end + close.len()));
        }
    }
    None
}

/// `**…**`, `*…*` or `_…_` at the start of `text`: the marker, the inner
/// text and the length of the whole. The inner text may not start or end
/// with a space, as in Markdown.
pub fn emphasis(text: &str) -> Option<(&'static str, &str, usize)> {
    for marker in ["**", "__", "*", "_"] {
        let Some(rest) = text.strip_prefix(marker) else {
            continue;
        };
        if rest.starts_with(char::is_whitespace) || rest.starts_with(marker) {
            continue;
        }
        let end = rest.find(marker)?;
        let inner = &rest[..end];
        if inner.is_empty() || inner.ends_with(char::is_whitespace) {
            return None;
        }
        // `_` inside a word (snake_case) is no emphasis.
        let after = rest[end + marker.len()..].chars().next();
        if marker.starts_with('_') && after.is_some_and(char::is_alphanumeric) {
            return None;
        }
        return Some((marker, inner, marker.len() * 2 + end));
    }
    None
}

pub use crate::model::plain_text as plain;
