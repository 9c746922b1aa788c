//! The content of a prepared document: the resolution's text with every
//! presentation decision made.
//!
//! These types mirror the model's, but where the model says "a quotation",
//! "a footnote", "the third item of a list numbered `(a)`", a prepared node
//! says which marks enclose the quotation, which number the note has and
//! that the item's label is `(c)`. A writer only chooses how its format
//! expresses each node; it never decides what the node is.

use crate::model::{LabelPattern, Span};
use crate::style::VerbTreatment;

use super::links::Href;

/// Inline content, ready to print.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Text, with the language's typography applied.
    Text(String),
    /// The leading verb or participle of a clause, and how the style sets it.
    Verb {
        /// Capitals, small capitals, italics, bold or as written.
        treatment: VerbTreatment,
        /// The words of the verb.
        content: Vec<Inline>,
    },
    /// Emphasis (italic).
    Emphasis(Vec<Inline>),
    /// Strong emphasis (bold).
    Strong(Vec<Inline>),
    /// Superscript.
    Superscript(Vec<Inline>),
    /// Subscript.
    Subscript(Vec<Inline>),
    /// A quotation between the marks of its depth.
    Quote {
        /// The opening mark, with any space the language puts inside it.
        open: String,
        /// The closing mark.
        close: String,
        /// The quoted words.
        content: Vec<Inline>,
    },
    /// A reference to another document. Links never contain links or
    /// notes: a note anchored in a link's text follows the link.
    Link {
        /// Where it leads, when a reader may follow it.
        href: Option<Href>,
        /// The text shown.
        content: Vec<Inline>,
    },
    /// A footnote anchored here. Notes never contain notes.
    Note(Note),
    /// A line break.
    LineBreak,
    /// In a redline: what only the new version has.
    Inserted(Vec<Inline>),
    /// In a redline: what only the old version has.
    Deleted(Vec<Inline>),
    /// In a redline: words both versions have, set otherwise in the old
    /// one.
    Restyled {
        /// How the old version set them, outermost first.
        was: Vec<Setting>,
        /// The words, as the new version sets them.
        content: Vec<Inline>,
    },
}

/// How words are set, as a redline records the setting of words in the
/// old version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// As a leading verb, treated so.
    Verb(VerbTreatment),
    /// Emphasis.
    Emphasis,
    /// Strong emphasis.
    Strong,
    /// Superscript.
    Superscript,
    /// Subscript.
    Subscript,
}

/// In a redline, what became of a block of the old version: the mark a
/// writer shows on it (a change bar, a tracked paragraph mark). Normal
/// documents have none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revision {
    /// Only the new version has it.
    Inserted,
    /// Only the old version has it.
    Deleted,
    /// Both have it; words in it changed.
    Changed,
    /// It moved here from another place: as inserted here.
    MovedHere,
    /// It moved away to another place: as deleted here.
    MovedAway,
}

impl Revision {
    /// Whether the block is there only in the new version (inserted or
    /// moved here): its paragraph marks are insertions.
    pub fn is_insertion(self) -> bool {
        matches!(self, Revision::Inserted | Revision::MovedHere)
    }

    /// Whether the block is there only in the old version (deleted or
    /// moved away): its paragraph marks are deletions.
    pub fn is_deletion(self) -> bool {
        matches!(self, Revision::Deleted | Revision::MovedAway)
    }
}

impl Inline {
    /// The children of a container, if this is one (a note's text is not
    /// its child: it is printed elsewhere).
    pub fn children(&self) -> Option<&[Inline]> {
        match self {
            Inline::Verb { content, .. }
            | Inline::Quote { content, .. }
            | Inline::Link { content, .. } => Some(content),
            Inline::Emphasis(c)
            | Inline::Strong(c)
            | Inline::Superscript(c)
            | Inline::Subscript(c)
            | Inline::Inserted(c)
            | Inline::Deleted(c)
            | Inline::Restyled { content: c, .. } => Some(c),
            Inline::Text(_) | Inline::Note(_) | Inline::LineBreak => None,
        }
    }
}

/// A footnote.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Its number in the document, from 1, in reading order: it makes
    /// identifiers, and is the mark when the source gives none.
    pub number: usize,
    /// The mark the source gives instead of the number, if any.
    pub custom_mark: Option<String>,
    /// The note's text.
    pub content: Vec<Inline>,
}

impl Note {
    /// The mark printed at the anchor and before the note.
    pub fn mark(&self) -> String {
        self.custom_mark
            .clone()
            .unwrap_or_else(|| self.number.to_string())
    }
}

/// A paragraph.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Para {
    /// Its content.
    pub content: Vec<Inline>,
    /// Where it was in the source.
    pub span: Option<Span>,
    /// In a redline, what became of it.
    pub revision: Option<Revision>,
}

/// A block of text.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph.
    Paragraph(Para),
    /// A list.
    List(List),
    /// A heading.
    Heading(Heading),
}

/// A heading inside an annex (or, rarely, the text).
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// Its level under the heading of the part it is in, from 1; levels
    /// never skip.
    pub level: u8,
    /// Its text.
    pub content: Vec<Inline>,
    /// In a redline, what became of it.
    pub revision: Option<Revision>,
}

/// A list with the label of every item worked out.
#[derive(Debug, Clone, PartialEq)]
pub struct List {
    /// Text that introduces the items.
    pub intro: Option<Para>,
    /// The items.
    pub items: Vec<Item>,
    /// Text that continues the sentence after the items.
    pub continuation: Option<Para>,
    /// The pattern the labels follow.
    pub pattern: LabelPattern,
    /// The number of the first item.
    pub start: u32,
    /// Whether every label follows the pattern, so that a format with
    /// numbered lists (Word) may number the items itself.
    pub regular: bool,
    /// How deep the list is nested: 0 for a list in a clause or an annex.
    pub depth: usize,
}

/// An item of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Its label: "(a)", "2.", "(أ)".
    pub label: String,
    /// Its content: paragraphs and nested lists.
    pub blocks: Vec<Block>,
    /// In a redline, what became of it.
    pub revision: Option<Revision>,
    /// In a redline, its label in the old version, when that differs
    /// (for formats that print labels as text).
    pub old_label: Option<String>,
}

/// A preamble or operative clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// Its label, when the part is numbered or the clause has its own.
    pub label: Option<String>,
    /// Its content; the first block is normally a paragraph.
    pub blocks: Vec<Block>,
    /// In a redline, what became of it.
    pub revision: Option<Revision>,
    /// In a redline, its label in the old version, when that differs
    /// (for formats that print labels as text).
    pub old_label: Option<String>,
}

/// The operative part.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Operative {
    /// The clauses.
    pub clauses: Vec<Clause>,
    /// The pattern of the part's numbering, when it is numbered.
    pub pattern: Option<LabelPattern>,
    /// Whether every label follows the pattern (no "1 bis."), so that a
    /// format with numbered lists may number the clauses itself.
    pub regular: bool,
}

impl Operative {
    /// Whether any clause carries a label.
    pub fn labelled(&self) -> bool {
        self.clauses.iter().any(|c| c.label.is_some())
    }
}

/// An annex.
#[derive(Debug, Clone, PartialEq)]
pub struct Annex {
    /// Its label line ("Annexe 2"), from the source or the locale.
    pub label: Vec<Inline>,
    /// Its title, if any.
    pub title: Option<Vec<Inline>>,
    /// The label and title as one line of plain text ("Annexe 2 – Titre"),
    /// for tables of contents and bookmarks.
    pub heading: String,
    /// Its content.
    pub blocks: Vec<Block>,
    /// In a redline, what became of it.
    pub revision: Option<Revision>,
}

/// The text of the resolution, in reading order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Body {
    /// The enacting formula.
    pub opening: Option<Para>,
    /// Preamble clauses.
    pub preamble: Vec<Clause>,
    /// The operative part.
    pub operative: Operative,
    /// Text after the operative part.
    pub closing: Option<Para>,
    /// The adoption line: the source's, or the locale's label of the status.
    pub adoption: Para,
    /// Annexes.
    pub annexes: Vec<Annex>,
}

/// Calls `f` on every run of inlines of `blocks`, notes included, in
/// reading order.
pub fn for_each_run<'a>(blocks: &'a [Block], f: &mut impl FnMut(&'a [Inline])) {
    for block in blocks {
        match block {
            Block::Paragraph(p) => f(&p.content),
            Block::Heading(h) => f(&h.content),
            Block::List(list) => {
                if let Some(p) = &list.intro {
                    f(&p.content);
                }
                for item in &list.items {
                    for_each_run(&item.blocks, f);
                }
                if let Some(p) = &list.continuation {
                    f(&p.content);
                }
            }
        }
    }
}

impl Body {
    /// Calls `f` on every run of inlines of the text (not the notes'), in
    /// reading order.
    pub fn for_each_run<'a>(&'a self, f: &mut impl FnMut(&'a [Inline])) {
        if let Some(p) = &self.opening {
            f(&p.content);
        }
        for clause in self.preamble.iter().chain(&self.operative.clauses) {
            for_each_run(&clause.blocks, f);
        }
        if let Some(p) = &self.closing {
            f(&p.content);
        }
        f(&self.adoption.content);
        for annex in &self.annexes {
            f(&annex.label);
            if let Some(t) = &annex.title {
                f(t);
            }
            for_each_run(&annex.blocks, f);
        }
    }
}

/// Plain text of inlines: the words and quotation marks, without notes.
pub fn plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(inlines, &mut out);
    out
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push_str(t),
            Inline::LineBreak => out.push(' '),
            Inline::Note(_) => {}
            Inline::Quote {
                open,
                close,
                content,
            } => {
                out.push_str(open);
                push_plain(content, out);
                out.push_str(close);
            }
            other => {
                if let Some(c) = other.children() {
                    push_plain(c, out);
                }
            }
        }
    }
}
