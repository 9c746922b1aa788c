//! Plain text: the words of the resolution with its labels, in reading
//! order. Used to check outputs against the source and for quick reading.

use crate::diag::{DiagResult, Warned};
use crate::style::VerbTreatment;

use super::Writer;
use super::prepare::{Block, Inline, Prepared};

/// Writes UTF-8 plain text.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextWriter;

impl Writer for TextWriter {
    fn render(&self, doc: &Prepared<'_>) -> DiagResult<Warned<Vec<u8>>> {
        Ok(Warned {
            output: to_text(doc).into_bytes(),
            warnings: Vec::new(),
        })
    }
}

/// The resolution as plain text, one paragraph a line, with the style's
/// labels and numbering, and the notes at the end.
pub fn to_text(doc: &Prepared<'_>) -> String {
    let mut out = Text::default();
    let head = &doc.head;
    out.lines.push(head.organisation.clone());
    if let Some(body) = &head.body {
        out.lines.push(body.clone());
    }
    let lines = [
        &head.session,
        &head.agenda_item,
        &head.adopted_by,
        &head.committee,
    ];
    out.lines.extend(lines.into_iter().flatten().cloned());
    out.lines.push(head.title.clone());
    out.lines.push(head.reference.clone());
    if let Some(subject) = head.subject.as_ref().filter(|_| !head.subject_in_title) {
        let text = out.inlines(subject);
        out.lines.push(format!("{} {text}", head.subject_label));
    }
    let body = &doc.body;
    if let Some(p) = &body.opening {
        let text = out.inlines(&p.content);
        out.lines.push(text);
    }
    for clause in body.preamble.iter().chain(&body.operative.clauses) {
        out.blocks(&clause.blocks, 0, clause.label.clone());
    }
    if let Some(p) = &body.closing {
        let text = out.inlines(&p.content);
        out.lines.push(text);
    }
    let adoption = out.inlines(&body.adoption.content);
    out.lines.push(adoption);
    for annex in &body.annexes {
        let label = out.inlines(&annex.label);
        out.lines.push(label);
        if let Some(title) = &annex.title {
            let title = out.inlines(title);
            out.lines.push(title);
        }
        out.blocks(&annex.blocks, 0, None);
    }
    if !out.notes.is_empty() {
        out.lines.push(doc.locale.labels.notes.clone());
        let notes = std::mem::take(&mut out.notes);
        out.lines.extend(notes);
    }
    let mut text = out.lines.join("\n");
    text.push('\n');
    text
}

#[derive(Default)]
struct Text {
    /// The notes, as printed lines: "[1] text".
    notes: Vec<String>,
    lines: Vec<String>,
}

impl Text {
    fn blocks(&mut self, blocks: &[Block], depth: usize, mut label: Option<String>) {
        let indent = "  ".repeat(depth);
        for block in blocks {
            let prefix = label.take().map(|l| format!("{l} ")).unwrap_or_default();
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
                    for item in &list.items {
                        self.blocks(&item.blocks, depth + 1, Some(item.label.clone()));
                    }
                    if let Some(p) = &list.continuation {
                        let text = self.inlines(&p.content);
                        self.lines.push(format!("{indent}{text}"));
                    }
                }
            }
        }
        if let Some(label) = label {
            self.lines.push(format!("{indent}{label}"));
        }
    }

    fn inlines(&mut self, inlines: &[Inline]) -> String {
        let mut out = String::new();
        self.push(inlines, &mut out);
        out
    }

    fn push(&mut self, inlines: &[Inline], out: &mut String) {
        for inline in inlines {
            match inline {
                Inline::Text(t) => out.push_str(t),
                Inline::LineBreak => out.push(' '),
                Inline::Verb { treatment, content } => {
                    let mut verb = String::new();
                    self.push(content, &mut verb);
                    if *treatment == VerbTreatment::Uppercase {
                        verb = verb.to_uppercase();
                    }
                    out.push_str(&verb);
                }
                Inline::Quote {
                    open,
                    close,
                    content,
                } => {
                    out.push_str(open);
                    self.push(content, out);
                    out.push_str(close);
                }
                Inline::Note(note) => {
                    let mark = note.mark();
                    out.push_str(&format!("[{mark}]"));
                    let mut text = String::new();
                    self.push(&note.content, &mut text);
                    self.notes.push(format!("[{mark}] {text}"));
                }
                other => {
                    if let Some(c) = other.children() {
                        self.push(c, out);
                    }
                }
            }
        }
    }
}
