//! Checks of what every writer must be able to print: the language tag,
//! the characters, and the length of the strings that become document
//! properties and bookmarks.

use crate::diag::Diagnostic;
use crate::model::{Resolution, Span};

use super::{Body, Head, Metadata, Preparer, plain};

/// The longest title, subject, keyword or heading. PDF strings (the
/// title in the document information, bookmarks) may not exceed 32,767
/// bytes, and a title of this length is already no title.
pub const MAX_LINE: usize = 4_000;

/// Limits already reported, so that one deep document gives one message.
#[derive(Debug, Default)]
pub struct Limits {
    /// Lists nested too deep.
    pub list_depth: bool,
    /// Inline markup nested too deep.
    pub inline_depth: bool,
}

/// Why a language tag cannot be declared in every format, if it cannot.
///
/// The one check of BCP 47 tags: a primary language of two or three ASCII
/// letters (what Typst, EPUB and Word accept), then subtags of one to eight
/// ASCII letters or digits, separated by hyphens.
pub fn language_tag_problem(tag: &str) -> Option<String> {
    let mut subtags = tag.split('-');
    let primary = subtags.next().unwrap_or_default();
    if !(2..=3).contains(&primary.len()) || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
        return Some(format!(
            "`{}` does not start with a language code of two or three letters",
            excerpt(tag, 40)
        ));
    }
    for subtag in subtags {
        if !(1..=8).contains(&subtag.len()) || !subtag.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Some(format!(
                "`{}` has a part that is not one to eight letters or digits",
                excerpt(tag, 40)
            ));
        }
    }
    None
}

/// `text` cut to `max` characters, with control characters escaped, for
/// quoting in a message.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Why a character may not appear in a published text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// What XML forbids (control characters but tab and line ends),
    /// noncharacters, and the byte order mark, which PDF/A refuses
    /// inside text.
    Unpublishable,
    /// An invisible control that starts an embedding, override or
    /// isolate (U+202A, U+202B, U+202D, U+202E, U+2066 to U+2068). The
    /// direction of a text comes from its language and the Unicode
    /// bidirectional algorithm; an override left open reorders the rest
    /// of the paragraph, can make a text read differently from what is
    /// stored, and breaks the PDF's tagging of links. Their closing
    /// controls (U+202C, U+2069) do nothing alone and are kept.
    DirectionControl,
}

impl Refused {
    /// Whether, and why, `c` is refused.
    pub fn of(c: char) -> Option<Refused> {
        let n = u32::from(c);
        if (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || (0xFDD0..=0xFDEF).contains(&n)
            || (n & 0xFFFE) == 0xFFFE
            || c == '\u{feff}'
        {
            Some(Refused::Unpublishable)
        } else if matches!(n, 0x202A | 0x202B | 0x202D | 0x202E | 0x2066..=0x2068) {
            Some(Refused::DirectionControl)
        } else {
            None
        }
    }

    fn label(self) -> &'static str {
        match self {
            Refused::Unpublishable => "not allowed in a published text",
            Refused::DirectionControl => "an invisible direction control",
        }
    }

    fn hint(self) -> &'static str {
        match self {
            Refused::Unpublishable => {
                "control characters, noncharacters and byte order marks have no place in a resolution: delete it"
            }
            Refused::DirectionControl => {
                "delete it: the direction of the text comes from its language; where a mark is needed, use U+200E LEFT-TO-RIGHT MARK or U+200F RIGHT-TO-LEFT MARK"
            }
        }
    }
}

impl Preparer<'_> {
    /// The document's language must be one every format can declare.
    pub(super) fn check_language(&mut self, res: &Resolution) {
        let tag = res.meta.language.as_str();
        if let Some(problem) = language_tag_problem(tag) {
            self.diagnostics.push(
                Diagnostic::error(format!("the language tag {problem}"))
                    .at(res.meta.span)
                    .with_hint("write a BCP 47 tag such as `fr`, `en`, `es-419` or `ar`"),
            );
        } else if !self
            .style
            .locales
            .contains_key(&res.meta.language.primary())
        {
            self.diagnostics.push(
                Diagnostic::warning(format!(
                    "the style `{}` has no locale for `{tag}`; its labels are printed in {}",
                    self.style.name, self.locale.name
                ))
                .at(res.meta.span)
                .with_hint(format!(
                    "add `{}.toml` to the style's locale folder",
                    res.meta.language.primary()
                )),
            );
        }
    }

    /// Titles, headings and keywords become PDF strings and bookmarks;
    /// the text may hold no character a format refuses.
    pub(super) fn check_strings(
        &mut self,
        meta: &Metadata,
        head: &Head,
        body: &Body,
        meta_span: Option<Span>,
    ) {
        let long = |what: &str, text: &str, at: Option<Span>, out: &mut Vec<Diagnostic>| {
            let n = text.chars().count();
            if n > MAX_LINE {
                out.push(
                    Diagnostic::error(format!(
                        "the {what} is {n} characters long; titles, subjects, keywords and headings may have at most {MAX_LINE}"
                    ))
                    .at(at)
                    .with_hint("a long text belongs in a paragraph"),
                );
            }
        };
        long("title", &meta.title, meta_span, &mut self.diagnostics);
        for k in &meta.keywords {
            long("keyword", k, meta_span, &mut self.diagnostics);
        }
        long(
            "organisation",
            &head.organisation,
            meta_span,
            &mut self.diagnostics,
        );
        long(
            "reference",
            &head.reference,
            meta_span,
            &mut self.diagnostics,
        );
        for annex in &body.annexes {
            long("annex heading", &annex.heading, None, &mut self.diagnostics);
        }
        let mut headings = Vec::new();
        let clauses = body.preamble.iter().chain(&body.operative.clauses);
        for blocks in clauses
            .map(|c| &c.blocks)
            .chain(body.annexes.iter().map(|a| &a.blocks))
        {
            collect_headings(blocks, &mut headings);
        }
        for h in headings {
            long("heading", &h, None, &mut self.diagnostics);
        }

        let mut bad: Vec<(char, Refused, Option<Span>)> = Vec::new();
        let mut check = |text: &str, span: Option<Span>| {
            for (c, why) in text.chars().filter_map(|c| Some((c, Refused::of(c)?))) {
                if !bad.iter().any(|(b, ..)| *b == c) {
                    bad.push((c, why, span));
                }
            }
        };
        for line in [&head.organisation, &head.reference]
            .into_iter()
            .chain(head.body.iter())
            .chain(head.distribution.iter())
            .chain(head.session.iter())
            .chain(head.agenda_item.iter())
            .chain(head.adopted_by.iter())
            .chain(head.committee.iter())
            .chain(meta.keywords.iter())
        {
            check(line, meta_span);
        }
        if let Some(s) = &head.subject {
            super::visit_text(s, &mut |t| check(t, meta_span));
        }
        super::visit_body_text(body, &mut |t, s| check(t, s.or(meta_span)));
        for (c, why, at) in bad {
            let at = self.locator.find_char(c, at);
            self.diagnostics.push(
                Diagnostic::error(format!(
                    "the character U+{:04X} cannot be published",
                    u32::from(c)
                ))
                .at(at)
                .with_label(why.label())
                .with_hint(why.hint()),
            );
        }
    }
}

fn collect_headings(blocks: &[super::Block], out: &mut Vec<String>) {
    for block in blocks {
        match block {
            super::Block::Heading(h) => out.push(plain(&h.content)),
            super::Block::List(list) => {
                for item in &list.items {
                    collect_headings(&item.blocks, out);
                }
            }
            super::Block::Paragraph(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_every_format_accepts() {
        for ok in ["fr", "en", "es-419", "ar", "zh-Hant-TW", "fr-CH"] {
            assert_eq!(language_tag_problem(ok), None, "{ok}");
        }
        for bad in [
            "",
            "f",
            "1a",
            "fr_FR",
            "fr-",
            "\"><x",
            "français",
            "en-\u{202e}x",
            "abcdefgh",
        ] {
            assert!(language_tag_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn characters_no_format_allows() {
        for c in [
            '\u{0}',
            '\u{1b}',
            '\u{7f}',
            '\u{fffe}',
            '\u{fdd0}',
            '\u{10ffff}',
            '\u{feff}',
        ] {
            assert_eq!(
                Refused::of(c),
                Some(Refused::Unpublishable),
                "{:x}",
                u32::from(c)
            );
        }
        for c in [
            '\u{202a}', '\u{202b}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}',
        ] {
            assert_eq!(
                Refused::of(c),
                Some(Refused::DirectionControl),
                "{:x}",
                u32::from(c)
            );
        }
        for c in [
            'a', '\t', '\n', 'é', '\u{202f}', '中', '\u{200e}', '\u{200f}', '\u{202c}', '\u{2069}',
        ] {
            assert_eq!(Refused::of(c), None, "{:x}", u32::from(c));
        }
    }
}
