//! The inline content preparing reads: the model's, or a redline's.
//!
//! A normal document is prepared from the model's inlines; a redline from
//! the merged inlines of a comparison, which have the same containers plus
//! the marks of what changed. Both are read through one [`View`], so that a
//! redline's text gets the same typography, quotation marks, note numbers
//! and link checks as a normal document's, decided by the same code.

use crate::compare::{self, Style};
use crate::model::{self, Span};

/// One inline as preparing sees it.
pub enum View<'n, N> {
    /// Text as written.
    Text(&'n str),
    /// A line break.
    Break,
    /// A verb, emphasis, superscript …
    Styled(Style, &'n [N]),
    /// A quotation whose marks preparing adds.
    Quote(&'n [N]),
    /// A quotation whose marks are among its children.
    MarkedQuote(&'n [N]),
    /// The opening (`true`) or closing mark of the enclosing quotation.
    QuoteMark(bool),
    /// A link.
    Link {
        /// Its address as written.
        href: Option<&'n str>,
        /// Where it is in the source.
        span: Option<Span>,
        /// Its text.
        content: &'n [N],
    },
    /// A footnote.
    Note {
        /// A mark given in the source.
        mark: Option<&'n str>,
        /// Where it is in the source.
        span: Option<Span>,
        /// Its text.
        content: &'n [N],
    },
    /// What only the new version has.
    Inserted(&'n [N]),
    /// What only the old version has.
    Deleted(&'n [N]),
    /// Words set otherwise in the old version.
    Restyled(&'n [Style], &'n [N]),
}

impl<N> View<'_, N> {
    /// Whether the inline holds others (and so counts towards the depth
    /// of markup).
    pub fn is_container(&self) -> bool {
        !matches!(self, View::Text(_) | View::Break | View::QuoteMark(_))
    }
}

/// Inline content that can be prepared.
pub trait Node: Sized {
    /// How preparing sees this inline.
    fn view(&self) -> View<'_, Self>;
}

impl Node for model::Inline {
    fn view(&self) -> View<'_, Self> {
        use model::Inline as M;
        match self {
            M::Text(t) => View::Text(t),
            M::LineBreak => View::Break,
            M::Verb(c) => View::Styled(Style::Verb, c),
            M::Emphasis(c) => View::Styled(Style::Emphasis, c),
            M::Strong(c) => View::Styled(Style::Strong, c),
            M::Superscript(c) => View::Styled(Style::Superscript, c),
            M::Subscript(c) => View::Styled(Style::Subscript, c),
            M::Quote(c) => View::Quote(c),
            M::Link(link) => View::Link {
                href: link.href.as_deref(),
                span: link.span,
                content: &link.content,
            },
            M::Footnote(note) => View::Note {
                mark: note.mark.as_deref(),
                span: note.span,
                content: &note.content,
            },
        }
    }
}

impl Node for compare::Inline {
    fn view(&self) -> View<'_, Self> {
        use compare::Inline as C;
        match self {
            C::Text(t) => View::Text(t),
            C::LineBreak => View::Break,
            C::Styled(style, c) => View::Styled(*style, c),
            C::Quote(c) => View::MarkedQuote(c),
            C::QuoteMark { open } => View::QuoteMark(*open),
            C::Link { href, content, .. } => View::Link {
                href: href.as_deref(),
                span: None,
                content,
            },
            C::Note { mark, content } => View::Note {
                mark: mark.as_deref(),
                span: None,
                content,
            },
            C::Inserted(c) => View::Inserted(c),
            C::Deleted(c) => View::Deleted(c),
            C::Restyled { was, content } => View::Restyled(was, content),
        }
    }
}
