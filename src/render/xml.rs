//! The respub XML writer: the model written back as a respub source.
//!
//! respub XML is the format a secretariat keeps and edits; a document that
//! arrives in another format (Akoma Ntoso today, plain text and Word
//! later) becomes a source by being written in it (`respub import`). Like
//! Akoma Ntoso it is an exchange format, so this writer writes the model,
//! not the presentation: the words as the model has them, the patterns
//! and labels as the model gives them.
//!
//! The output is canonical: one model gives one file, whatever it was read
//! from. It is indented, and its paragraphs are wrapped at [`WIDTH`]
//! columns, only where the reader collapses white space, so the layout
//! never changes the words. Every struct of the model is destructured
//! without `..`: a field added to the model is a compile error here until
//! it is written, never a silent loss. And every output is read back
//! before it is returned ([`write`]): what this writer gives is a source
//! that `respub check` accepts and that reads as the same model.

use thiserror::Error;

use crate::chars::replace_refused;
use crate::diag::{DiagResult, Diagnostic, Warned};
use crate::model::{
    Annex, Block, Clause, Committee, Footnote, Heading, Inline, Link, List, ListItem, Meta,
    Operative, Organisation, Paragraph, RelatedDocument, Resolution, Session, Status, Tally, Vote,
};
use crate::respub_xml::NAMESPACE;
use crate::source::{self, SourceFile};

use super::{Prepared, Writer};

/// The column at which paragraphs are wrapped.
pub const WIDTH: usize = 100;

/// The comment at the top of what `respub build --format xml` writes, by
/// which a later build knows the file for its own output and not a source.
pub const BUILD_MARK: &str =
    "<!-- Written by respub build from its source: edit the source, not this copy. -->";

/// Writes respub XML: what `respub build --format xml` writes, marked with
/// [`BUILD_MARK`].
#[derive(Debug, Clone, Copy, Default)]
pub struct XmlWriter;

impl Writer for XmlWriter {
    fn render(&self, doc: &Prepared<'_>) -> DiagResult<Warned<Vec<u8>>> {
        let output = checked(doc.resolution, true).map_err(|e| {
            let hint = e.hint(&crate::diag::path(&doc.source.path));
            vec![Diagnostic::error(e.to_string()).with_hint(hint)]
        })?;
        Ok(Warned {
            output,
            warnings: Vec::new(),
        })
    }
}

/// Why a model could not be written as respub XML. Nothing is written.
#[derive(Debug, Error)]
pub enum XmlError {
    /// The written XML is refused by the respub XML reader: the document
    /// holds what no respub source may (a number that contradicts the
    /// reference), which its own format let pass.
    #[error("the document cannot be written as respub XML: {0}")]
    Unreadable(String),
    /// The written XML reads back as another model: respub XML cannot
    /// express something the model holds.
    #[error("the document cannot be written as respub XML without changing it: {0}")]
    Changed(String),
}

impl XmlError {
    /// What to do about it, for the file `input` the document was read
    /// from.
    pub fn hint(&self, input: &str) -> String {
        match self {
            XmlError::Unreadable(_) => {
                format!("a respub source may not hold this; correct it in `{input}` and try again")
            }
            XmlError::Changed(_) => {
                format!("this is a bug in respub, not in `{input}`; please report it with the file")
            }
        }
    }
}

/// The resolution as a respub source, checked: the bytes are read back
/// and must give the same model (source positions aside).
pub fn write(res: &Resolution) -> Result<Vec<u8>, XmlError> {
    checked(res, false)
}

fn checked(res: &Resolution, mark: bool) -> Result<Vec<u8>, XmlError> {
    let bytes = to_xml(res, mark).into_bytes();
    let file = SourceFile::new("respub.xml", bytes);
    let back = source::read(&file).map_err(|errors| {
        let first = errors
            .into_iter()
            .find(Diagnostic::is_error)
            .map(|d| d.message)
            .unwrap_or_default();
        XmlError::Unreadable(first)
    })?;
    let (expected, got) = (res.clone().without_spans(), back.output.without_spans());
    if expected != got {
        return Err(XmlError::Changed(first_difference(&expected, &got)));
    }
    Ok(file.bytes)
}

/// The first line where the two models' descriptions differ, for the
/// message: which part of the document did not survive.
fn first_difference(expected: &Resolution, got: &Resolution) -> String {
    let (expected, got) = (format!("{expected:#?}"), format!("{got:#?}"));
    expected
        .lines()
        .zip(got.lines().chain(std::iter::repeat("")))
        .find(|(a, b)| a != b)
        .map(|(a, b)| format!("`{}` became `{}`", a.trim(), b.trim()))
        .unwrap_or_else(|| "the document lost its end".to_string())
}

/// The resolution as respub XML, canonical and indented, not checked (see
/// [`write`]). With `mark`, the file carries [`BUILD_MARK`].
pub fn to_xml(res: &Resolution, mark: bool) -> String {
    let mut out = Out::default();
    out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if mark {
        out.raw(BUILD_MARK);
        out.raw("\n");
    }
    out.resolution(res);
    out.raw("\n");
    out.text
}

/// The metadata of a resolution as the `<meta>` element of respub XML, in
/// the respub namespace, standing alone: what the DOCX carries in its
/// document properties ([`crate::docx_meta`]), read back by
/// [`crate::source::xml::convert::meta`].
pub fn meta_xml(meta: &Meta) -> String {
    let mut out = Out::default();
    out.meta(meta);
    let xmlns = format!("<meta xmlns=\"{NAMESPACE}\"");
    out.text.replacen("<meta", &xmlns, 1)
}

/// The text being written, and the column the next character goes to.
#[derive(Default)]
struct Out {
    text: String,
    column: usize,
}

/// The attributes of an element, in the order written; `None` is not
/// written.
type Attributes<'a> = [(&'a str, Option<&'a str>)];

impl Out {
    /// Appends markup or escaped text, keeping count of the column.
    fn raw(&mut self, text: &str) {
        match text.rfind('\n') {
            Some(at) => self.column = text[at + 1..].chars().count(),
            None => self.column += text.chars().count(),
        }
        self.text.push_str(text);
    }

    /// A line break and the indentation of `depth`.
    fn line(&mut self, depth: usize) {
        self.raw("\n");
        self.raw(&"  ".repeat(depth));
    }

    fn tag(&mut self, name: &str, attributes: &Attributes<'_>, close: &str) {
        self.raw("<");
        self.raw(name);
        for (key, value) in attributes {
            if let Some(value) = value {
                self.raw(" ");
                self.raw(key);
                self.raw("=\"");
                self.raw(&quick_xml::escape::escape(replace_refused(value)));
                self.raw("\"");
            }
        }
        self.raw(close);
    }

    fn start(&mut self, name: &str, attributes: &Attributes<'_>) {
        self.tag(name, attributes, ">");
    }

    fn empty(&mut self, name: &str, attributes: &Attributes<'_>) {
        self.tag(name, attributes, "/>");
    }

    fn end(&mut self, name: &str) {
        self.raw("</");
        self.raw(name);
        self.raw(">");
    }

    /// An element holding only text, on one line.
    fn element(&mut self, name: &str, attributes: &Attributes<'_>, text: &str) {
        self.start(name, attributes);
        self.raw(&quick_xml::escape::partial_escape(replace_refused(text)));
        self.end(name);
    }

    /// Text of a paragraph, escaped, a space becoming a line break when
    /// the next word would pass [`WIDTH`]: the reader reads both as one
    /// space. Continuation lines are indented one step below `depth`.
    fn words(&mut self, text: &str, depth: usize) {
        let text = replace_refused(text);
        for (i, word) in text.split(' ').enumerate() {
            let word = quick_xml::escape::partial_escape(word);
            if i > 0 {
                let indent = 2 * (depth + 1);
                if self.column + 1 + word.chars().count() > WIDTH && self.column > indent {
                    self.line(depth + 1);
                } else {
                    self.raw(" ");
                }
            }
            self.raw(&word);
        }
    }

    // ----- The resolution -------------------------------------------------

    fn resolution(&mut self, res: &Resolution) {
        let Resolution {
            meta,
            opening,
            preamble,
            operative,
            closing,
            adoption,
            annexes,
        } = res;
        self.start(
            "resolution",
            &[
                ("xmlns", Some(NAMESPACE)),
                ("xml:lang", Some(meta.language.as_str())),
            ],
        );
        self.line(1);
        self.meta(meta);
        if let Some(opening) = opening {
            self.part("opening", opening);
        }
        if !preamble.is_empty() {
            self.raw("\n");
            self.line(1);
            self.start("preamble", &[]);
            self.clauses(preamble);
            self.line(1);
            self.end("preamble");
        }
        let Operative { numbering, clauses } = operative;
        self.raw("\n");
        self.line(1);
        let numbering = numbering.as_ref().map(ToString::to_string);
        self.start("operative", &[("numbering", numbering.as_deref())]);
        self.clauses(clauses);
        self.line(1);
        self.end("operative");
        if let Some(closing) = closing {
            self.part("closing", closing);
        }
        if let Some(adoption) = adoption {
            self.part("adoption", adoption);
        }
        for annex in annexes {
            self.raw("\n");
            self.line(1);
            self.annex(annex);
        }
        self.raw("\n");
        self.end("resolution");
    }

    /// A part of the text that is one paragraph, after a blank line.
    fn part(&mut self, name: &str, p: &Paragraph) {
        self.raw("\n");
        self.line(1);
        self.paragraph(name, &[], p, 1);
    }

    fn meta(&mut self, meta: &Meta) {
        let Meta {
            reference,
            number,
            // On the root element.
            language: _,
            organisation,
            body,
            session,
            subject,
            status,
            distribution,
            agenda_item,
            committee,
            meeting,
            keywords,
            related,
            vote,
            lint_allow,
            // Where it was read from: not part of the document.
            span: _,
        } = meta;
        self.start("meta", &[]);
        self.line(2);
        self.element("reference", &[], reference.as_str());
        self.line(2);
        self.element("number", &[], &number.0);
        let Organisation { name, short } = organisation;
        self.line(2);
        self.element("organisation", &[("short", short.as_deref())], name);
        if let Some(body) = body {
            self.line(2);
            self.element("body", &[], body);
        }
        if let Some(session) = session {
            let Session {
                number,
                place,
                country,
                start,
                end,
                name,
            } = session;
            let (start, end) = (start.map(|d| d.to_string()), end.map(|d| d.to_string()));
            self.line(2);
            self.empty(
                "session",
                &[
                    ("number", number.as_deref()),
                    ("place", place.as_deref()),
                    ("country", country.as_deref()),
                    ("start", start.as_deref()),
                    ("end", end.as_deref()),
                    ("name", name.as_deref()),
                ],
            );
        }
        if let Some(subject) = subject {
            self.line(2);
            self.paragraph("subject", &[], subject, 2);
        }
        let Status { kind, date } = status;
        let date = date.map(|d| d.to_string());
        self.line(2);
        self.empty(
            "status",
            &[("value", Some(kind.keyword())), ("date", date.as_deref())],
        );
        if let Some(distribution) = distribution {
            self.line(2);
            self.element("distribution", &[], distribution);
        }
        if let Some(agenda_item) = agenda_item {
            self.line(2);
            self.element("agenda-item", &[], agenda_item);
        }
        if let Some(Committee { name, document }) = committee {
            self.line(2);
            self.empty(
                "committee",
                &[("name", name.as_deref()), ("document", document.as_deref())],
            );
        }
        if let Some(meeting) = meeting {
            self.line(2);
            self.element("meeting", &[], meeting);
        }
        for keyword in keywords {
            self.line(2);
            self.element("keyword", &[], keyword);
        }
        for RelatedDocument {
            reference,
            relation,
            title,
            href,
        } in related
        {
            let attributes = [
                ("ref", Some(reference.as_str())),
                ("relation", relation.as_deref()),
                ("href", href.as_deref()),
            ];
            self.line(2);
            match title {
                Some(title) => self.element("related", &attributes, title),
                None => self.empty("related", &attributes),
            }
        }
        if let Some(Vote {
            in_favour,
            against,
            abstaining,
        }) = vote
        {
            self.line(2);
            self.start("vote", &[]);
            self.tally("in-favour", in_favour);
            self.tally("against", against);
            self.tally("abstaining", abstaining);
            self.line(2);
            self.end("vote");
        }
        if !lint_allow.is_empty() {
            self.line(2);
            self.empty("lint", &[("allow", Some(lint_allow.join(" ").as_str()))]);
        }
        self.line(1);
        self.end("meta");
    }

    fn tally(&mut self, name: &str, tally: &Tally) {
        let Tally { count, members } = tally;
        let count = count.to_string();
        let attributes = [("count", Some(count.as_str()))];
        self.line(3);
        if members.is_empty() {
            self.empty(name, &attributes);
            return;
        }
        self.start(name, &attributes);
        for member in members {
            self.line(4);
            self.element("member", &[], member);
        }
        self.line(3);
        self.end(name);
    }

    // ----- Clauses and blocks ---------------------------------------------

    /// The clauses of the preamble or the operative part, at depth 2.
    fn clauses(&mut self, clauses: &[Clause]) {
        for Clause {
            label,
            blocks,
            span: _,
        } in clauses
        {
            self.line(2);
            self.start("clause", &[("label", label.as_deref())]);
            self.flow(blocks, 2);
            self.end("clause");
        }
    }

    /// The content of a clause or an item at `depth`, after its start tag:
    /// a leading paragraph as running text, then each block on a line of
    /// its own.
    fn flow(&mut self, blocks: &[Block], depth: usize) {
        let rest = match blocks.split_first() {
            Some((Block::Paragraph(p), rest)) => {
                let Paragraph { content, span: _ } = p;
                self.inlines(content, depth);
                rest
            }
            _ => blocks,
        };
        for block in rest {
            self.line(depth + 1);
            self.block(block, depth + 1);
        }
        if !rest.is_empty() {
            self.line(depth);
        }
    }

    fn block(&mut self, block: &Block, depth: usize) {
        match block {
            Block::Paragraph(p) => self.paragraph("p", &[], p, depth),
            Block::Heading(Heading {
                level,
                content,
                span: _,
            }) => {
                let level = (*level != 1).then(|| level.to_string());
                self.start("heading", &[("level", level.as_deref())]);
                self.inlines(content, depth);
                self.end("heading");
            }
            Block::List(list) => self.list(list, depth),
        }
    }

    fn list(&mut self, list: &List, depth: usize) {
        let List {
            intro,
            pattern,
            start,
            items,
            continuation,
            span: _,
        } = list;
        let pattern = pattern.to_string();
        let start = (*start != 1).then(|| start.to_string());
        self.start(
            "list",
            &[
                ("pattern", Some(pattern.as_str())),
                ("start", start.as_deref()),
            ],
        );
        if let Some(intro) = intro {
            self.line(depth + 1);
            self.paragraph("intro", &[], intro, depth + 1);
        }
        for ListItem {
            label,
            blocks,
            span: _,
        } in items
        {
            self.line(depth + 1);
            self.start("item", &[("label", label.as_deref())]);
            self.flow(blocks, depth + 1);
            self.end("item");
        }
        if let Some(continuation) = continuation {
            self.line(depth + 1);
            self.paragraph("continuation", &[], continuation, depth + 1);
        }
        self.line(depth);
        self.end("list");
    }

    fn annex(&mut self, annex: &Annex) {
        let Annex {
            label,
            title,
            blocks,
            span: _,
        } = annex;
        self.start("annex", &[]);
        if let Some(label) = label {
            self.line(2);
            self.paragraph("label", &[], label, 2);
        }
        if let Some(title) = title {
            self.line(2);
            self.paragraph("title", &[], title, 2);
        }
        for block in blocks {
            self.line(2);
            self.block(block, 2);
        }
        self.line(1);
        self.end("annex");
    }

    /// An element of inline content at `depth`.
    fn paragraph(&mut self, name: &str, attributes: &Attributes<'_>, p: &Paragraph, depth: usize) {
        let Paragraph { content, span: _ } = p;
        self.start(name, attributes);
        self.inlines(content, depth);
        self.end(name);
    }

    // ----- Inline content -------------------------------------------------

    fn inlines(&mut self, run: &[Inline], depth: usize) {
        for inline in run {
            self.inline(inline, depth);
        }
    }

    fn inline(&mut self, inline: &Inline, depth: usize) {
        let (name, content) = match inline {
            // What `<nbsp/>` reads as: a text of its own.
            Inline::Text(text) if text == "\u{a0}" => return self.empty("nbsp", &[]),
            Inline::Text(text) => return self.words(text, depth),
            Inline::LineBreak => return self.empty("br", &[]),
            Inline::Link(Link {
                href,
                reference,
                content,
                span: _,
            }) => {
                self.start(
                    "ref",
                    &[
                        ("href", href.as_deref()),
                        ("doc", reference.as_ref().map(|r| r.as_str())),
                    ],
                );
                self.inlines(content, depth);
                return self.end("ref");
            }
            Inline::Footnote(Footnote {
                mark,
                content,
                span: _,
            }) => {
                self.start("note", &[("mark", mark.as_deref())]);
                self.inlines(content, depth);
                return self.end("note");
            }
            Inline::Verb(content) => ("verb", content),
            Inline::Emphasis(content) => ("em", content),
            Inline::Strong(content) => ("strong", content),
            Inline::Superscript(content) => ("sup", content),
            Inline::Subscript(content) => ("sub", content),
            Inline::Quote(content) => ("q", content),
        };
        self.start(name, &[]);
        self.inlines(content, depth);
        self.end(name);
    }
}
