//! Inline content: AKN `p`, `span`, `a`, `authorialNote`… to model inlines.
//!
//! AKN4UN marks italics and bold with `span class="italic"`/`"bold"`, keeps
//! the source's tabs and line breaks in `xml:space="preserve"` paragraphs,
//! and sets the leading verb of each clause in an italic span (bold italic
//! in Arabic). White space is collapsed here, as a reader of the printed
//! text sees it, and the leading italic span of a clause becomes the verb.

use crate::model::{Footnote, Inline, Link, Paragraph, Reference};

use super::Ctx;
use super::tree::{Element, Node};

/// Elements whose text is kept as it is, their markup carrying metadata
/// or presentation the model does not need.
const TRANSPARENT: &[&str] = &[
    "abbr",
    "concept",
    "date",
    "decoration",
    "def",
    "docAuthority",
    "docCommittee",
    "docDate",
    "docJurisdiction",
    "docNumber",
    "docProponent",
    "docPurpose",
    "docStage",
    "docStatus",
    "docTitle",
    "docType",
    "entity",
    "fillIn",
    "inline",
    "legislature",
    "location",
    "mod",
    "mref",
    "organization",
    "person",
    "placeholder",
    "role",
    "session",
    "shortTitle",
    "term",
    "time",
];

impl Ctx {
    /// The inlines of a paragraph-like element, white space collapsed.
    /// `leading` marks the first run of a clause, whose italic opening
    /// span is the clause's verb.
    pub(super) fn inlines(&mut self, el: &Element, leading: bool) -> Vec<Inline> {
        let mut raw = Vec::new();
        self.raw_children(el, &mut raw);
        settle(normalize(raw), leading)
    }

    /// The paragraphs inside `el` (or `el` itself when it holds text
    /// directly) as one paragraph, joined by line breaks.
    pub(super) fn joined(&mut self, el: &Element, leading: bool) -> Paragraph {
        let paras: Vec<&Element> = el.elements().filter(|e| e.name == "p").collect();
        let mut content = Vec::new();
        if paras.is_empty() {
            content = self.inlines(el, leading);
        } else {
            for (i, p) in paras.iter().enumerate() {
                if i > 0 {
                    content.push(Inline::LineBreak);
                }
                content.extend(self.inlines(p, leading && i == 0));
            }
            for other in el.elements().filter(|e| e.name != "p") {
                self.skip(other, "is not expected here");
            }
        }
        Paragraph {
            content,
            span: Some(el.span),
        }
    }

    fn raw_children(&mut self, el: &Element, out: &mut Vec<Inline>) {
        for child in &el.children {
            match child {
                Node::Text(t) => out.push(Inline::Text(t.text.clone())),
                Node::Element(e) => self.raw_inline(e, out),
            }
        }
    }

    fn raw_of(&mut self, el: &Element) -> Vec<Inline> {
        let mut out = Vec::new();
        self.raw_children(el, &mut out);
        out
    }

    fn raw_inline(&mut self, e: &Element, out: &mut Vec<Inline>) {
        match e.name.as_str() {
            "span" => {
                let children = self.raw_of(e);
                let italic = e.has_class("italic");
                let bold = e.has_class("bold");
                // An italic span is a verb candidate until `settle` knows
                // whether it opens a clause.
                out.push(match (italic, bold) {
                    (true, true) => Inline::Strong(vec![Inline::Verb(children)]),
                    (true, false) => Inline::Verb(children),
                    (false, true) => Inline::Strong(children),
                    (false, false) => return out.extend(children),
                });
            }
            "i" | "u" => out.push(Inline::Emphasis(self.raw_of(e))),
            "b" => out.push(Inline::Strong(self.raw_of(e))),
            "sup" => out.push(Inline::Superscript(self.raw_of(e))),
            "sub" => out.push(Inline::Subscript(self.raw_of(e))),
            "quotedText" => out.push(Inline::Quote(self.raw_of(e))),
            "inline" if e.attr("name") == Some("quote") => out.push(Inline::Quote(self.raw_of(e))),
            "br" | "eol" | "eop" => out.push(Inline::LineBreak),
            "a" => {
                let href = e
                    .attr("href")
                    // Real files write addresses with spaces ("…/S/RES/2216 (2015)").
                    .map(|h| h.trim().to_string())
                    .filter(|h| !h.is_empty());
                let reference = e
                    .has_class("reference")
                    .then(|| e.attr("title"))
                    .flatten()
                    .map(|t| Reference(t.to_string()));
                out.push(Inline::Link(Link {
                    href,
                    reference,
                    content: self.raw_of(e),
                    span: Some(e.span),
                }));
            }
            "ref" => {
                let reference = e.attr("href").map(|h| Reference(h.to_string()));
                out.push(Inline::Link(Link {
                    href: None,
                    reference,
                    content: self.raw_of(e),
                    span: Some(e.span),
                }));
            }
            "authorialNote" | "note" => {
                self.notes += 1;
                let mark = e
                    .attr("marker")
                    .map(str::trim)
                    .filter(|m| *m != self.notes.to_string())
                    .map(str::to_string);
                let content = self.joined(e, false).content;
                out.push(Inline::Footnote(Footnote {
                    mark,
                    content,
                    span: Some(e.span),
                }));
            }
            "docDate" => {
                // AKN4UN writes "on<docDate>10 January 2024</docDate>", the
                // space left to the renderer.
                let glued = matches!(out.last(), Some(Inline::Text(t)) if t.chars().last().is_some_and(char::is_alphanumeric));
                if glued {
                    out.push(Inline::Text(" ".into()));
                }
                self.raw_children(e, out);
            }
            "img" => self.skip(e, "is an image, which respub does not carry"),
            "noteRef" => self.skip(
                e,
                "refers to a note kept elsewhere, which respub does not read",
            ),
            "quotedStructure" | "embeddedStructure" => self.flatten_blocks(e, out),
            name if TRANSPARENT.contains(&name) => self.raw_children(e, out),
            _ => {
                self.warn(
                    e,
                    format!(
                        "`<{}>` is not understood here; its text is kept as plain text",
                        e.name
                    ),
                );
                self.raw_children(e, out);
            }
        }
    }

    /// Blocks inside inline content (a quoted structure): their text is
    /// kept, one line per block, with the labels of numbered parts.
    fn flatten_blocks(&mut self, e: &Element, out: &mut Vec<Inline>) {
        for child in &e.children {
            match child {
                Node::Text(t) => out.push(Inline::Text(t.text.clone())),
                Node::Element(c) if c.name == "p" => {
                    out.push(Inline::LineBreak);
                    self.raw_children(c, out);
                }
                Node::Element(c) if c.name == "num" || c.name == "heading" => {
                    out.push(Inline::LineBreak);
                    self.raw_children(c, out);
                    out.push(Inline::Text(" ".into()));
                }
                Node::Element(c)
                    if c.elements().next().is_some() && !TRANSPARENT.contains(&c.name.as_str()) =>
                {
                    self.flatten_blocks(c, out)
                }
                Node::Element(c) => self.raw_inline(c, out),
            }
        }
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Collapses runs of XML white space to one space, trims both ends of the
/// run, moves spaces at the edges of emphasis out of it, drops empty
/// markup and merges neighbouring texts.
pub(super) fn normalize(run: Vec<Inline>) -> Vec<Inline> {
    let mut space = true;
    let mut out = collapse(run, &mut space);
    trim_end(&mut out);
    hoist(out)
}

fn collapse(run: Vec<Inline>, space: &mut bool) -> Vec<Inline> {
    let mut out = Vec::with_capacity(run.len());
    for inline in run {
        match inline {
            Inline::Text(t) => {
                let mut s = String::with_capacity(t.len());
                for c in t.chars() {
                    if is_space(c) {
                        if !*space {
                            s.push(' ');
                            *space = true;
                        }
                    } else {
                        s.push(c);
                        *space = false;
                    }
                }
                if !s.is_empty() {
                    out.push(Inline::Text(s));
                }
            }
            Inline::LineBreak => {
                trim_end(&mut out);
                out.push(Inline::LineBreak);
                *space = true;
            }
            Inline::Footnote(mut note) => {
                note.content = normalize(note.content);
                out.push(Inline::Footnote(note));
            }
            other => out.push(map_children(other, |c| collapse(c, space))),
        }
    }
    out
}

/// Trims the white space at the end of a run, and the line breaks there.
/// Notes are not text (as in respub XML, whose reader reads `process
/// <note/>` at the end of a paragraph as `process` and its note): the
/// space before a closing note is trimmed too, the note kept.
fn trim_end(run: &mut Vec<Inline>) {
    let mut end = run.len();
    let mut past_note = false;
    while end > 0 {
        let last = &mut run[end - 1];
        match last {
            Inline::Text(t) => {
                let kept = t.trim_end_matches(is_space).len();
                t.truncate(kept);
                if !t.is_empty() {
                    return;
                }
            }
            // A break before a note ends a line of text: the note is on
            // the next line and the break stays.
            Inline::LineBreak if past_note => return,
            Inline::LineBreak => {}
            Inline::Footnote(_) => {
                past_note = true;
                end -= 1;
                continue;
            }
            other => {
                if let Some(children) = other.children_mut() {
                    trim_end(children);
                    if !children.is_empty() {
                        return;
                    }
                } else {
                    return;
                }
            }
        }
        run.remove(end - 1);
        end -= 1;
    }
}

fn hoist(run: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(run.len());
    for inline in run {
        match inline {
            Inline::Text(t) => push_text(&mut out, &t),
            Inline::Footnote(_) | Inline::LineBreak => out.push(inline),
            mut other => {
                let Some(children) = other.children_mut() else {
                    out.push(other);
                    continue;
                };
                let mut inner = hoist(std::mem::take(children));
                let lead = strip_start(&mut inner);
                let trail = strip_end(&mut inner);
                if lead {
                    push_text(&mut out, " ");
                }
                // Markup around no text is dropped, a link too: it could
                // not be seen or followed (`<a href="…"> </a>` between the
                // two halves of a reference), and respub XML has no empty
                // `<ref>`. Line breaks inside stay.
                if has_text(&inner) {
                    *other.children_mut().expect("container") = inner;
                    out.push(other);
                } else {
                    for inline in inner {
                        match inline {
                            Inline::Text(t) => push_text(&mut out, &t),
                            other => out.push(other),
                        }
                    }
                }
                if trail {
                    push_text(&mut out, " ");
                }
            }
        }
    }
    out
}

/// Whether a run has a character but white space, or a note.
fn has_text(run: &[Inline]) -> bool {
    run.iter().any(|i| match i {
        Inline::Text(t) => t.chars().any(|c| !is_space(c)),
        Inline::Footnote(_) => true,
        Inline::LineBreak => false,
        other => other.children().is_some_and(has_text),
    })
}

fn push_text(out: &mut Vec<Inline>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Inline::Text(prev)) = out.last_mut() {
        if prev.ends_with(' ') && text.starts_with(' ') {
            prev.push_str(&text[1..]);
        } else {
            prev.push_str(text);
        }
    } else {
        out.push(Inline::Text(text.to_string()));
    }
}

fn strip_start(run: &mut Vec<Inline>) -> bool {
    let Some(Inline::Text(t)) = run.first_mut() else {
        return false;
    };
    if !t.starts_with(' ') {
        return false;
    }
    t.remove(0);
    if t.is_empty() {
        run.remove(0);
    }
    true
}

fn strip_end(run: &mut Vec<Inline>) -> bool {
    let Some(Inline::Text(t)) = run.last_mut() else {
        return false;
    };
    if !t.ends_with(' ') {
        return false;
    }
    t.pop();
    if t.is_empty() {
        run.pop();
    }
    true
}

/// Keeps the opening italic span of a clause as its verb and turns every
/// other verb candidate into emphasis.
fn settle(mut run: Vec<Inline>, leading: bool) -> Vec<Inline> {
    let mut start = 0;
    if leading {
        // A lone word before the verb's span ("وإذ <span>يشير</span>")
        // belongs to the verb.
        let lone_word = matches!(run.first(), Some(Inline::Text(t)) if t.ends_with(' ') && t.trim_end().split(' ').count() == 1);
        let verb_next = match run.get(1) {
            Some(Inline::Verb(_)) => true,
            Some(Inline::Strong(c)) => matches!(c.as_slice(), [Inline::Verb(_)]),
            _ => false,
        };
        if lone_word && verb_next {
            let word = run.remove(0);
            let verb = match &mut run[0] {
                Inline::Strong(c) => c.remove(0),
                other => std::mem::replace(other, Inline::LineBreak),
            };
            if let (Inline::Verb(words), Inline::Text(word)) = (verb, word) {
                let mut merged = vec![Inline::Text(word)];
                for inline in words {
                    match inline {
                        Inline::Text(t) => push_text(&mut merged, &t),
                        other => merged.push(other),
                    }
                }
                run[0] = Inline::Verb(merged);
            }
        }
        // A bold italic span (Arabic) holding only the verb is the verb.
        if let Some(Inline::Strong(c)) = run.first_mut() {
            if matches!(c.as_slice(), [Inline::Verb(_)]) {
                let verb = c.remove(0);
                run[0] = verb;
            }
        }
        if let Some(Inline::Verb(words)) = run.first_mut() {
            emphasise(words);
            start = 1;
        }
    }
    for inline in &mut run[start..] {
        if let Inline::Verb(words) = inline {
            *inline = Inline::Emphasis(std::mem::take(words));
        }
        if let Some(children) = inline.children_mut() {
            emphasise(children);
        }
    }
    run
}

fn emphasise(run: &mut [Inline]) {
    for inline in run {
        if let Inline::Verb(words) = inline {
            *inline = Inline::Emphasis(std::mem::take(words));
        }
        if let Some(children) = inline.children_mut() {
            emphasise(children);
        }
    }
}

fn map_children(mut inline: Inline, f: impl FnOnce(Vec<Inline>) -> Vec<Inline>) -> Inline {
    if let Some(children) = inline.children_mut() {
        let taken = std::mem::take(children);
        *children = f(taken);
    }
    inline
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn collapses_and_hoists_spaces() {
        let run = vec![
            text("\t"),
            Inline::Verb(vec![text("\tRecalling ")]),
            text(" its\n resolutions  "),
        ];
        let out = settle(normalize(run), true);
        assert_eq!(
            out,
            vec![
                Inline::Verb(vec![text("Recalling")]),
                text(" its resolutions")
            ]
        );
    }

    #[test]
    fn only_the_opening_span_is_a_verb() {
        let run = vec![
            Inline::Strong(vec![Inline::Verb(vec![text("Decides")])]),
            text(" and "),
            Inline::Verb(vec![text("requests")]),
        ];
        let out = settle(normalize(run), true);
        assert_eq!(
            out,
            vec![
                Inline::Verb(vec![text("Decides")]),
                text(" and "),
                Inline::Emphasis(vec![text("requests")])
            ]
        );
    }
}
