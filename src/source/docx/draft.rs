//! A foreign Word draft, read by its words.
//!
//! Its styles say nothing respub can trust, so each paragraph is written
//! out as one line of the plain-text reader's input — Word's label first
//! (`1.`, `(a)`, computed from the numbering), italics as `*…*`, bold as
//! `**…**`, raised text as `<sup>…</sup>`, notes as `[n]` with their texts
//! after the body — and the plain-text reader recognises the resolution's
//! parts in it as in any text, with the same lexicons and the same
//! warnings. That text is also the listing the diagnostics point into.
//!
//! The document's own characters must not read as those marks: `*`, `_`,
//! `<`, a `#` that opens a line and a `[` that opens something like a note
//! mark are carried through the reader as control characters of the same
//! length and put back in the model, and so are the ends of hyperlinks,
//! which the text reader has no syntax for.

use crate::diag::{DiagResult, Diagnostic, Warned};
use crate::model::{Inline, Link, Resolution, Span};
use crate::source::Hints;
use crate::source::text::{self, Layout};

use super::body::{Fmt, Para, Piece};
use super::{Document, Line, LineKind, Listing};

/// Stand-ins for the document's own characters that the text reader
/// would read as marks, each of the same length as the character.
const SHIELDS: [(char, char); 5] = [
    ('*', '\u{1}'),
    ('_', '\u{2}'),
    ('<', '\u{3}'),
    ('[', '\u{4}'),
    ('#', '\u{5}'),
];

/// Where a link starts and ends in the listing.
const LINK_START: char = '\u{6}';
const LINK_END: char = '\u{7}';

/// The listing of `doc`: each paragraph of the body on its line, then a
/// blank line and the notes, one line each, in the order of reference.
pub fn listing(doc: &Document) -> Listing {
    let mut out = Listing::default();
    for para in &doc.body {
        let start = out.text.len();
        line(&mut out, para, doc);
        out.lines.push(Line {
            span: Span::new(start, out.text.len()),
            kind: LineKind::Body(para.number),
        });
        out.text.push('\n');
    }
    if !doc.note_order.is_empty() {
        out.text.push('\n');
    }
    for (i, key) in doc.note_order.iter().enumerate() {
        let Some(paras) = doc.notes.get(key) else {
            continue;
        };
        let start = out.text.len();
        out.text.push_str(&format!("[{}] ", i + 1));
        for (j, para) in paras.iter().enumerate() {
            if j > 0 {
                out.text.push(' ');
            }
            let pieces = note_text(&para.pieces);
            pieces_markup(&mut out, &pieces, doc);
        }
        if let Some(first) = paras.first() {
            out.lines.push(Line {
                span: Span::new(start, out.text.len()),
                kind: LineKind::Note(key.0, first.number),
            });
        }
        out.text.push('\n');
    }
    out
}

/// The pieces of a note's paragraph without its own mark (Word's
/// `footnoteRef`, or a typed mark in the reference style) and the space
/// after it.
pub fn note_text(pieces: &[Piece]) -> Vec<Piece> {
    let mut rest: Vec<Piece> = pieces
        .iter()
        .skip_while(|p| match p {
            Piece::Text(t, fmt) => {
                t.trim().is_empty()
                    || fmt.superscript && t.trim().chars().count() <= 3
                    || fmt.char_style.as_deref().is_some_and(|s| {
                        normalise(s) == "footnotereference" || normalise(s) == "endnotereference"
                    })
            }
            Piece::Tab => true,
            _ => false,
        })
        .cloned()
        .collect();
    if let Some(Piece::Text(t, _)) = rest.first_mut() {
        *t = t.trim_start().to_string();
    }
    rest
}

/// A style name as respub compares it: lower case, without spaces.
pub fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Writes paragraph `para` on the listing's current line.
fn line(out: &mut Listing, para: &Para, doc: &Document) {
    if let Some(n) = &para.numbered {
        if !n.label.is_empty() {
            shielded(&mut out.text, &n.label);
            out.text.push(' ');
        }
    }
    pieces_markup(out, &para.pieces, doc);
}

/// The pieces as marked-up text.
fn pieces_markup(out: &mut Listing, pieces: &[Piece], doc: &Document) {
    let mut i = 0;
    while i < pieces.len() {
        match &pieces[i] {
            Piece::Text(..) => {
                let run: Vec<(&str, &Fmt)> = pieces[i..]
                    .iter()
                    .map_while(|p| match p {
                        Piece::Text(t, f) => Some((t.as_str(), f)),
                        _ => None,
                    })
                    .collect();
                i += run.len();
                let at_start = out.text.is_empty() || out.text.ends_with('\n');
                let mut text = String::new();
                marked(&mut text, &run, 0, false, &mut out.links);
                if at_start {
                    // A `#` that opens a line would be a Markdown heading.
                    if let Some(rest) = text.strip_prefix('#') {
                        text = format!("\u{5}{rest}");
                    }
                }
                out.text.push_str(&text);
            }
            Piece::Tab | Piece::Break => {
                out.text.push(' ');
                i += 1;
            }
            Piece::Note { part, id, custom } => {
                let key = (*part, id.clone());
                if let Some(n) = doc.note_order.iter().position(|k| *k == key) {
                    out.text.push_str(&format!("[{}]", n + 1));
                } else if let Some(mark) = custom {
                    shielded(&mut out.text, mark);
                }
                i += 1;
            }
        }
    }
}

/// A property by which runs are grouped, outermost first.
fn key(fmt: &Fmt, level: usize) -> Option<String> {
    match level {
        0 => fmt.link.clone(),
        1 => fmt.bold.then(String::new),
        2 => fmt.italic.then(String::new),
        3 if fmt.superscript => Some("sup".into()),
        3 if fmt.subscript => Some("sub".into()),
        _ => None,
    }
}

/// Writes the runs `items`, grouped by the property of `level` and those
/// inside it; `in_bold` says whether a `**` is open, inside which italics
/// are written `_…_` so that the marks do not run together.
fn marked(
    out: &mut String,
    items: &[(&str, &Fmt)],
    level: usize,
    in_bold: bool,
    links: &mut Vec<String>,
) {
    if level > 3 {
        for (text, _) in items {
            shielded(out, text);
        }
        return;
    }
    let mut i = 0;
    while i < items.len() {
        let k = key(items[i].1, level);
        let len = items[i..]
            .iter()
            .take_while(|(_, f)| key(f, level) == k)
            .count();
        let group = &items[i..i + len];
        i += len;
        let Some(k) = k else {
            marked(out, group, level + 1, in_bold, links);
            continue;
        };
        let mut inner = String::new();
        marked(&mut inner, group, level + 1, in_bold || level == 1, links);
        let core = inner.trim();
        if core.is_empty() {
            out.push_str(&inner);
            continue;
        }
        let lead = &inner[..inner.len() - inner.trim_start().len()];
        let trail = &inner[inner.trim_end().len()..];
        let (open, close) = match level {
            0 => {
                links.push(k);
                (LINK_START.to_string(), LINK_END.to_string())
            }
            1 => ("**".into(), "**".into()),
            2 if in_bold => ("_".into(), "_".into()),
            2 => ("*".into(), "*".into()),
            _ => (format!("<{k}>"), format!("</{k}>")),
        };
        out.push_str(lead);
        out.push_str(&open);
        out.push_str(core);
        out.push_str(&close);
        out.push_str(trail);
    }
}

/// Appends `text` with the characters the reader would take for marks
/// replaced by their stand-ins, and line breaks by spaces.
fn shielded(out: &mut String, text: &str) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let c = match c {
            '\n' | '\r' | '\u{b}' | '\u{c}' => ' ',
            '[' => {
                // Only a bracket that could open a note mark (`[1]`, `[*]`).
                let rest: String = chars.clone().take(5).collect();
                let mark = rest.split(']').next().unwrap_or("");
                if rest.contains(']') && !mark.is_empty() && mark.len() <= 3 {
                    '\u{4}'
                } else {
                    '['
                }
            }
            c => SHIELDS
                .iter()
                .find(|(from, _)| *from == c && c != '[' && c != '#')
                .map_or(c, |(_, to)| *to),
        };
        if c.is_control() && !SHIELDS.iter().any(|(_, to)| *to == c) {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
}

/// `text` with the stand-ins put back.
pub fn unshield(text: &str) -> String {
    text.chars()
        .filter(|c| *c != LINK_START && *c != LINK_END)
        .map(|c| {
            SHIELDS
                .iter()
                .find(|(_, to)| *to == c)
                .map_or(c, |(from, _)| *from)
        })
        .collect()
}

/// Reads a foreign draft through the plain-text reader.
pub fn read(
    doc: &Document,
    path: &std::path::Path,
    hints: &Hints,
) -> DiagResult<Warned<Resolution>> {
    let text = &doc.listing.text;
    if doc.body.iter().all(Para::is_empty) {
        return Err(vec![
            Diagnostic::error("the document has no text: its body has no paragraph with words")
                .at(Span::new(0, 0))
                .with_hint("a Word draft of a resolution has its reference, title, preamble and operative paragraphs in the body"),
        ]);
    }
    let located = |mut d: Vec<Diagnostic>| {
        for diag in &mut d {
            name_paragraph(diag, doc);
        }
        d
    };
    let mut warned = text::read_text(text, 0, path, hints, Layout::OnePerLine).map_err(located)?;
    let mut links = doc.listing.links.iter();
    restore(&mut warned.output, &mut links);
    warned.warnings = located(warned.warnings);
    Ok(warned)
}

/// Labels a diagnostic with the paragraph it points into.
fn name_paragraph(diag: &mut Diagnostic, doc: &Document) {
    let Some(span) = diag.span else {
        return;
    };
    let Some(line) = doc
        .listing
        .lines
        .iter()
        .find(|l| l.span.start <= span.start && span.start <= l.span.end)
    else {
        return;
    };
    let what = match line.kind {
        LineKind::Body(n) => format!("paragraph {n}"),
        LineKind::Note(part, n) => format!("paragraph {n} of {}", part.name()),
    };
    diag.label = Some(match diag.label.take() {
        Some(label) => format!("{what}: {label}"),
        None => what,
    });
}

/// Puts the document's characters back in the model, and its links.
fn restore<'a>(res: &mut Resolution, links: &mut impl Iterator<Item = &'a String>) {
    res.meta.reference.0 = unshield(&res.meta.reference.0);
    res.meta.number.0 = unshield(&res.meta.number.0);
    crate::model::for_each_inline_run_mut(res, &mut |run| restore_run(run, links));
}

fn restore_run<'a>(run: &mut Vec<Inline>, links: &mut impl Iterator<Item = &'a String>) {
    let old = std::mem::take(run);
    // The link being gathered: its target and content.
    let mut open: Option<(Option<String>, Vec<Inline>)> = None;
    let push = |inline: Inline,
                run: &mut Vec<Inline>,
                open: &mut Option<(Option<String>, Vec<Inline>)>| {
        match open {
            Some((_, content)) => content.push(inline),
            None => run.push(inline),
        }
    };
    for mut inline in old {
        match &mut inline {
            Inline::Text(t) if t.contains([LINK_START, LINK_END]) => {
                let mut piece = String::new();
                for c in t.chars() {
                    if c == LINK_START || c == LINK_END {
                        if !piece.is_empty() {
                            push(Inline::Text(unshield(&piece)), run, &mut open);
                            piece.clear();
                        }
                        if c == LINK_START && open.is_none() {
                            open = Some((links.next().cloned(), Vec::new()));
                        } else if c == LINK_END {
                            if let Some((href, content)) = open.take() {
                                run.push(link(href, content));
                            }
                        }
                    } else {
                        piece.push(c);
                    }
                }
                if !piece.is_empty() {
                    push(Inline::Text(unshield(&piece)), run, &mut open);
                }
                continue;
            }
            Inline::Text(t) => *t = unshield(t),
            other => {
                if let Some(children) = other.children_mut() {
                    restore_run(children, links);
                }
            }
        }
        push(inline, run, &mut open);
    }
    if let Some((href, content)) = open.take() {
        run.push(link(href, content));
    }
}

fn link(href: Option<String>, content: Vec<Inline>) -> Inline {
    Inline::Link(Link {
        href,
        reference: None,
        content,
        span: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_group_and_keep_their_spaces_outside() {
        let italic = Fmt {
            italic: true,
            ..Fmt::default()
        };
        let bold_italic = Fmt {
            bold: true,
            italic: true,
            ..Fmt::default()
        };
        let plain = Fmt::default();
        let mut out = String::new();
        let mut links = Vec::new();
        marked(
            &mut out,
            &[
                ("Recalling ", &italic),
                ("its *star* ", &plain),
                ("Very", &bold_italic),
            ],
            0,
            false,
            &mut links,
        );
        assert_eq!(out, "*Recalling* its \u{1}star\u{1} **_Very_**");
        assert_eq!(unshield(&out), "*Recalling* its *star* **_Very_**");
    }

    #[test]
    fn only_brackets_like_note_marks_are_shielded() {
        let mut out = String::new();
        shielded(&mut out, "[without reference to a Main Committee] and [1]");
        assert_eq!(out, "[without reference to a Main Committee] and \u{4}1]");
    }
}
