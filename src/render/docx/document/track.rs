//! Tracked changes, for a redline: Word's own revision marks.
//!
//! Text only the new version has is in `w:ins`, text only the old one had
//! in `w:del` (as `w:delText`), a paragraph one version alone has carries
//! the same mark on its paragraph mark, and words set otherwise before
//! carry their old run properties in `w:rPrChange`. Every mark has its own
//! `w:id`, the author and the date the redline was prepared with, so Word
//! and LibreOffice can accept or reject each, or all: accepting all gives
//! the new version, rejecting all the old one.

use std::cell::Cell;

use crate::render::prepare::redline::Redline;

use super::super::xml::{Prop, RPR_ORDER, Xml, in_order};

/// Who made the changes and when, and the next revision id.
#[derive(Debug)]
pub struct Tracker {
    author: String,
    date: String,
    next: Cell<u32>,
}

/// Which version alone has a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// The new one: `w:ins`.
    Inserted,
    /// The old one: `w:del`, its text in `w:delText`.
    Deleted,
}

impl Mark {
    fn tag(self) -> &'static str {
        match self {
            Mark::Inserted => "w:ins",
            Mark::Deleted => "w:del",
        }
    }
}

impl Tracker {
    /// The tracker of `redline`.
    pub fn new(redline: &Redline) -> Self {
        Tracker {
            author: redline.author.clone(),
            date: redline.date.clone(),
            next: Cell::new(1),
        }
    }

    /// The attributes of a new revision: a fresh id, the author, the date.
    pub fn attrs(&self) -> Vec<(&'static str, String)> {
        let id = self.next.get();
        self.next.set(id + 1);
        vec![
            ("w:id", id.to_string()),
            ("w:author", self.author.clone()),
            ("w:date", self.date.clone()),
        ]
    }

    /// Opens the mark around runs.
    pub fn open(&self, out: &mut Xml, mark: Mark) {
        let attrs = self.attrs();
        let attrs: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        out.start(mark.tag(), &attrs);
    }

    /// Closes the mark opened by [`Tracker::open`].
    pub fn close(&self, out: &mut Xml, mark: Mark) {
        out.end(mark.tag());
    }

    /// The mark of a paragraph mark, for the paragraph's `w:pPr/w:rPr`.
    pub fn paragraph_mark(&self, mark: Mark) -> Prop {
        Prop::parent_with(mark.tag(), self.attrs(), Vec::new())
    }

    /// `w:rPrChange` with the old run properties `was`.
    pub fn format_change(&self, was: Vec<Prop>) -> Prop {
        Prop::parent_with(
            "w:rPrChange",
            self.attrs(),
            vec![Prop::parent("w:rPr", in_order(RPR_ORDER, was))],
        )
    }
}
