//! Plain text: the words of the resolution with its labels, in reading
//! order. Used to check outputs against the source and for quick reading.

use crate::diag::{DiagResult, Warned};
use crate::model::{Block, Inline, Resolution};
use crate::style::{Locale, Style, VerbTreatment};

use super::{Document, RenderOptions, Writer};

/// Writes UTF-8 plain text.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextWriter;

impl Writer for TextWriter {
    fn render(
        &self,
        doc: Document<'_>,
        style: &Style,
        _: &RenderOptions,
    ) -> DiagResult<Warned<Vec<u8>>> {
        Ok(Warned {
            output: to_text(doc.resolution, style).into_bytes(),
            warnings: Vec::new(),
        })
    }
}

/// The resolution as plain text, one paragraph a line, with the style's
/// labels and numbering.
pub fn to_text(res: &Resolution, style: &Style) -> String {
    let locale = style.locale(&res.meta.language);
    let mut out = Text {
        locale,
        notes: Vec::new(),
        lines: Vec::new(),
        verbs: style.verbs.preamble,
    };
    let meta = &res.meta;
    out.lines.push(meta.organisation.name.clone());
    if let Some(body) = &meta.body {
        out.lines.push(body.clone());
    }
    out.lines.push(locale.labels.title_for(&meta.number.0));
    out.lines.push(meta.reference.0.clone());
    if let Some(subject) = &meta.subject {
        let text = out.inlines(&subject.content);
        out.lines.push(format!("{} {text}", locale.labels.subject));
    }
    if let Some(p) = &res.opening {
        let text = out.inlines(&p.content);
        out.lines.push(text);
    }
    out.verbs = style.verbs.preamble;
    for clause in &res.preamble {
        out.blocks(&clause.blocks, 0, None);
    }
    out.verbs = style.verbs.operative;
    for (i, clause) in res.operative.clauses.iter().enumerate() {
        out.blocks(&clause.blocks, 0, res.operative.label(i));
    }
    if let Some(p) = &res.closing {
        let text = out.inlines(&p.content);
        out.lines.push(text);
    }
    let adoption = match &res.adoption {
        Some(p) => out.inlines(&p.content),
        None => locale.labels.status(meta.status.kind).to_string(),
    };
    out.lines.push(adoption);
    out.verbs = VerbTreatment::AsWritten;
    for annex in &res.annexes {
        for p in annex.label.iter().chain(annex.title.iter()) {
            let text = out.inlines(&p.content);
            out.lines.push(text);
        }
        out.blocks(&annex.blocks, 0, None);
    }
    if !out.notes.is_empty() {
        out.lines.push(locale.labels.notes.clone());
        let notes = std::mem::take(&mut out.notes);
        for (i, note) in notes.iter().enumerate() {
            out.lines.push(format!("[{}] {note}", i + 1));
        }
    }
    let mut text = out.lines.join("\n");
    text.push('\n');
    text
}

/// Flattens inlines to text, with the locale's quotation marks; footnotes
/// are left out. For titles and metadata.
pub fn plain(inlines: &[Inline], locale: &Locale) -> String {
    let mut t = Text {
        locale,
        notes: Vec::new(),
        lines: Vec::new(),
        verbs: VerbTreatment::AsWritten,
    };
    let mut out = String::new();
    t.push_inlines(inlines, &mut out, 0, false);
    out
}

struct Text<'a> {
    locale: &'a Locale,
    notes: Vec<String>,
    lines: Vec<String>,
    verbs: VerbTreatment,
}

impl Text<'_> {
    fn blocks(&mut self, blocks: &[Block], depth: usize, mut label: Option<String>) {
        for block in blocks {
            let prefix = label.take().map(|l| format!("{l} ")).unwrap_or_default();
            let indent = "  ".repeat(depth);
            match block {
                Block::Paragraph(p) => {
                    let text = self.inlines(&p.content);
                    self.lines.push(format!("{indent}{prefix}{text}"));
                }
                Block::Heading(h) => {
                    let text = self.inlines(&h.content);
                    self.lines.push(format!("{indent}{prefix}{text}"));
                }
                Block::List(list) => {
                    if let Some(p) = &list.intro {
                        let text = self.inlines(&p.content);
                        self.lines.push(format!("{indent}{prefix}{text}"));
                    } else if !prefix.trim().is_empty() {
                        // A numbered clause that is only a list keeps its label.
                        self.lines.push(format!("{indent}{}", prefix.trim_end()));
                    }
                    for (i, item) in list.items.iter().enumerate() {
                        self.blocks(&item.blocks, depth + 1, Some(list.label(i)));
                    }
                    if let Some(p) = &list.continuation {
                        let text = self.inlines(&p.content);
                        self.lines.push(format!("{indent}{text}"));
                    }
                }
            }
        }
    }

    fn inlines(&mut self, inlines: &[Inline]) -> String {
        let mut out = String::new();
        self.push_inlines(inlines, &mut out, 0, true);
        out
    }

    fn push_inlines(
        &mut self,
        inlines: &[Inline],
        out: &mut String,
        quote_depth: usize,
        notes: bool,
    ) {
        for inline in inlines {
            match inline {
                Inline::Text(t) => out.push_str(t),
                Inline::LineBreak => out.push(' '),
                Inline::Verb(c) => {
                    let mut verb = String::new();
                    self.push_inlines(c, &mut verb, quote_depth, notes);
                    if self.verbs == VerbTreatment::Uppercase {
                        verb = verb.to_uppercase();
                    }
                    out.push_str(&verb);
                }
                Inline::Quote(c) => {
                    let q = &self.locale.quotes;
                    let (open, close) = if quote_depth % 2 == 0 {
                        (q.open.clone(), q.close.clone())
                    } else {
                        (q.inner_open.clone(), q.inner_close.clone())
                    };
                    out.push_str(&open);
                    self.push_inlines(c, out, quote_depth + 1, notes);
                    out.push_str(&close);
                }
                Inline::Footnote(note) => {
                    if notes {
                        let mut text = String::new();
                        self.push_inlines(&note.content, &mut text, 0, notes);
                        self.notes.push(text);
                        out.push_str(&format!("[{}]", self.notes.len()));
                    }
                }
                other => {
                    if let Some(c) = other.children() {
                        self.push_inlines(c, out, quote_depth, notes);
                    }
                }
            }
        }
    }
}
