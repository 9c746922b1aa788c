//! The Word reader: a DOCX to the model.
//!
//! Two kinds of Word file come in. **respub's own DOCX**, sent out and
//! edited: its named styles say what every paragraph is (clause, list
//! level, note, annex), and the metadata the body does not show travels in
//! its custom document properties ([`crate::docx_meta`]), so it reads back
//! as its source, after Word or LibreOffice has saved it too ([`own`]).
//! **A foreign draft**, from any Word, LibreOffice or pandoc: its styles
//! mean nothing to respub, so its paragraphs, with their formatting, Word
//! numbering and notes, are written out as the plain-text reader's input,
//! one line each, and recognised by their words like any text ([`draft`]).
//!
//! Both start from the same walk of the package ([`package`], [`body`],
//! [`numbering`]), and both point their diagnostics at the same
//! **listing**: the document's paragraphs, one per line, line *n* being
//! paragraph *n* of the body, then the notes. That listing is what
//! [`SourceFile::text`](crate::source::SourceFile::text) shows for a DOCX,
//! so `draft.docx:12:5` is the fifth character of paragraph 12.

mod body;
mod draft;
mod numbering;
mod own;
pub mod package;

use std::collections::HashMap;

use crate::diag::{DiagResult, Diagnostic, Warned};
use crate::model::{Resolution, Span};

use super::{Hints, SourceFile};
use body::{Para, PartKind, Piece, SetAside, Styles, Walker};
use package::{Package, PackageError, Relationship};

/// Whether `file` is a ZIP package, which is what a Word file is: the
/// readers of respub take no other ZIP.
pub fn recognises(file: &SourceFile) -> bool {
    file.bytes.starts_with(b"PK\x03\x04")
}

/// Reads a Word document, respub's own or a foreign draft.
pub fn read_with(file: &SourceFile, hints: &Hints) -> DiagResult<Warned<Resolution>> {
    let doc = Document::open(&file.bytes).map_err(|e| vec![package_error(&e)])?;
    let mut warnings = doc.warnings();
    let mut read = if doc.is_own() {
        own::read(&doc)?
    } else {
        draft::read(&doc, &file.path, hints)?
    };
    warnings.append(&mut read.warnings);
    read.warnings = warnings;
    Ok(read)
}

/// The listing of a Word file's paragraphs that its diagnostics point
/// into, or `None` when it cannot be opened.
pub fn listing(bytes: &[u8]) -> Option<String> {
    Document::open(bytes).ok().map(|d| d.listing.text)
}

/// The error for a package that cannot be read, at the file's start.
fn package_error(e: &PackageError) -> Diagnostic {
    Diagnostic::error(e.to_string())
        .at(Span::new(0, 0))
        .with_hint(e.hint())
}

/// What a line of the listing shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Paragraph `n` of the body.
    Body(usize),
    /// A paragraph of a note: its part, and its number there.
    Note(PartKind, usize),
}

/// One line of the listing.
#[derive(Debug, Clone, Copy)]
pub struct Line {
    /// Where it is in the listing.
    pub span: Span,
    /// What it shows.
    pub kind: LineKind,
}

/// The paragraphs written out one per line, with the plain-text reader's
/// marks (see [`draft`]).
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// The text.
    pub text: String,
    /// Its lines: the body's paragraphs in order, then a blank line, then
    /// the notes'.
    pub lines: Vec<Line>,
    /// The targets of the links, in the order their marks appear.
    pub links: Vec<String>,
}

/// A Word document, walked.
pub struct Document {
    /// The paragraphs of the body, in order, labels computed.
    pub body: Vec<Para>,
    /// The paragraphs of each note, by part and id.
    pub notes: HashMap<(PartKind, String), Vec<Para>>,
    /// The notes in the order the body refers to them.
    pub note_order: Vec<(PartKind, String)>,
    /// The custom document properties, (name, value).
    pub properties: Vec<(String, String)>,
    /// What the walk set aside.
    pub aside: SetAside,
    /// How many comments the document has.
    pub comments: usize,
    /// Relationships to things outside the package, other than links.
    pub external: Vec<Relationship>,
    /// How many endnotes were read as footnotes.
    pub endnotes: usize,
    /// The listing.
    pub listing: Listing,
}

impl Document {
    /// Opens and walks the package in `bytes`.
    pub fn open(bytes: &[u8]) -> Result<Document, PackageError> {
        let mut package = Package::open(bytes)?;
        let main = package.main.clone();
        let rels = package.relationships(&main)?;
        let target = |kind: &str| -> Option<String> {
            let mut found: Vec<&Relationship> = rels
                .values()
                .filter(|r| r.kind == kind && !r.external)
                .collect();
            found.sort_by(|a, b| a.target.cmp(&b.target));
            found.first().map(|r| r.target.clone())
        };
        let styles_root = match target("styles") {
            Some(name) => package.xml(&name)?,
            None => None,
        };
        let styles = Styles::read(styles_root.as_ref());
        let numbering_root = match target("numbering") {
            Some(name) => package.xml(&name)?,
            None => None,
        };
        let numbering = numbering::Numbering::read(numbering_root.as_ref());
        let root = package
            .xml(&main)?
            .ok_or_else(|| PackageError::Missing(main.clone()))?;
        let body_el = root.child("body").ok_or_else(|| PackageError::Xml {
            part: main.clone(),
            message: "the document has no `w:body` element".into(),
        })?;
        let mut walker = Walker::new(&styles, &rels, PartKind::Body);
        walker.blocks(body_el);
        let mut body = walker.paras;
        let mut aside = walker.aside;
        body::number(&mut body, &numbering);

        let mut notes: HashMap<(PartKind, String), Vec<Para>> = HashMap::new();
        let mut endnotes = 0;
        for (kind, part) in [
            ("footnotes", PartKind::Footnotes),
            ("endnotes", PartKind::Endnotes),
        ] {
            let Some(name) = target(kind) else {
                continue;
            };
            let Some(root) = package.xml(&name)? else {
                continue;
            };
            let note_rels = package.relationships(&name)?;
            let mut walker = Walker::new(&styles, &note_rels, part);
            walker.notes(&root);
            aside.changes += walker.aside.changes;
            aside.format_changes += walker.aside.format_changes;
            for para in walker.paras {
                if let Some(id) = para.note.clone() {
                    notes.entry((part, id)).or_default().push(para);
                }
            }
        }
        let mut note_order = Vec::new();
        for para in &body {
            for piece in &para.pieces {
                if let Piece::Note { part, id, .. } = piece {
                    let key = (*part, id.clone());
                    if !note_order.contains(&key) && notes.contains_key(&key) {
                        if *part == PartKind::Endnotes {
                            endnotes += 1;
                        }
                        note_order.push(key);
                    }
                }
            }
        }
        let comments = match target("comments") {
            Some(name) => package.xml(&name)?.map_or(0, |root| {
                root.elements().filter(|e| e.name == "comment").count()
            }),
            None => 0,
        };
        let mut external: Vec<Relationship> = rels
            .values()
            .filter(|r| r.external && r.kind != "hyperlink")
            .cloned()
            .collect();
        external.sort_by(|a, b| (&a.kind, &a.target).cmp(&(&b.kind, &b.target)));
        let properties = match package.xml("docProps/custom.xml")? {
            Some(root) => custom_properties(&root),
            None => Vec::new(),
        };
        let mut doc = Document {
            body,
            notes,
            note_order,
            properties,
            aside,
            comments,
            external,
            endnotes,
            listing: Listing::default(),
        };
        doc.listing = draft::listing(&doc);
        Ok(doc)
    }

    /// Whether the document is respub's own: its properties say so.
    pub fn is_own(&self) -> bool {
        self.property(crate::docx_meta::MARK).is_some()
    }

    /// The custom property `name`.
    pub fn property(&self, name: &str) -> Option<&str> {
        self.properties
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The span of paragraph `number` of the body in the listing.
    pub fn body_span(&self, number: usize) -> Span {
        self.listing
            .lines
            .iter()
            .find(|l| l.kind == LineKind::Body(number))
            .map_or(Span::new(0, 0), |l| l.span)
    }

    /// The span of the first line of note `key`.
    pub fn note_span(&self, key: &(PartKind, String)) -> Option<Span> {
        let first = self.notes.get(key)?.first()?;
        self.listing
            .lines
            .iter()
            .find(|l| l.kind == LineKind::Note(key.0, first.number))
            .map(|l| l.span)
    }

    /// The warnings about what was accepted or set aside.
    fn warnings(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let at = |n: usize| self.body_span(n);
        let aside = &self.aside;
        if aside.changes > 0 {
            out.push(
                Diagnostic::warning(format!(
                    "the document has {} tracked {}; they are read as if accepted",
                    aside.changes,
                    plural(aside.changes, "change", "changes")
                ))
                .at(Span::new(0, 0))
                .with_hint("review them in Word (Review › Accept or Reject) if some should not stand, then import again"),
            );
        }
        if aside.format_changes > 0 {
            out.push(
                Diagnostic::warning(format!(
                    "the document has {} tracked formatting {}; the new formatting is read",
                    aside.format_changes,
                    plural(aside.format_changes, "change", "changes")
                ))
                .at(Span::new(0, 0)),
            );
        }
        if self.comments > 0 {
            out.push(
                Diagnostic::warning(format!(
                    "the document has {} {}; comments are not part of a resolution and are left out",
                    self.comments,
                    plural(self.comments, "comment", "comments")
                ))
                .at(Span::new(0, 0))
                .with_hint("read them in Word before the draft goes further"),
            );
        }
        let located = [
            (
                &aside.tables,
                "a table: its cells are read as paragraphs, row by row",
            ),
            (
                &aside.pictures,
                "a picture: it is left out, with no text of its own",
            ),
            (
                &aside.text_boxes,
                "a text box: its text is read after the paragraph it is anchored in",
            ),
            (&aside.embedded, "an embedded object: it is left out"),
        ];
        for (list, what) in located {
            for &n in list.iter() {
                // respub's own title block is a table with the emblem.
                if self.is_own() && self.body.get(n - 1).is_some_and(own::in_title_block) {
                    continue;
                }
                out.push(
                    Diagnostic::warning(format!("paragraph {n} has {what}"))
                        .at(at(n))
                        .with_label(format!("paragraph {n}")),
                );
            }
        }
        for rel in &self.external {
            out.push(
                Diagnostic::warning(format!(
                    "the document refers to `{}` outside the package (a relationship of type `{}`); respub never fetches it, so it is left out",
                    crate::diag::escape(&rel.target),
                    rel.kind
                ))
                .at(Span::new(0, 0)),
            );
        }
        if self.endnotes > 0 {
            out.push(
                Diagnostic::warning(format!(
                    "{} {} read as footnotes, in the order of their references",
                    self.endnotes,
                    plural(self.endnotes, "endnote is", "endnotes are")
                ))
                .at(Span::new(0, 0)),
            );
        }
        out
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// The `(name, text)` of each text property of `docProps/custom.xml`.
fn custom_properties(root: &crate::source::tree::Element) -> Vec<(String, String)> {
    root.elements()
        .filter(|e| e.name == "property")
        .filter_map(|p| {
            let name = p.attr("name")?;
            let value = p
                .elements()
                .find(|v| v.name == "lpwstr" || v.name == "bstr")?;
            Some((name.to_string(), value.text()))
        })
        .collect()
}
