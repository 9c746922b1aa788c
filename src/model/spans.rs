//! Forgetting where a model was read from.
//!
//! Two readings of the same document from different files (a source and
//! the respub XML written from it, an Akoma Ntoso file and its import)
//! differ only in their source positions. Comparing them without those
//! positions says whether a conversion kept every word and every part.
//! Every struct is destructured without `..`, so that a field added to the
//! model must be considered here.

use super::{
    Annex, Block, Clause, Footnote, Heading, Inline, Link, List, ListItem, Meta, Operative,
    Paragraph, Resolution,
};

impl Resolution {
    /// The resolution with every source position removed.
    pub fn without_spans(mut self) -> Resolution {
        let Resolution {
            meta,
            opening,
            preamble,
            operative,
            closing,
            adoption,
            annexes,
        } = &mut self;
        let Meta {
            reference: _,
            number: _,
            language: _,
            organisation: _,
            body: _,
            session: _,
            subject,
            status: _,
            distribution: _,
            agenda_item: _,
            committee: _,
            meeting: _,
            keywords: _,
            related: _,
            vote: _,
            lint_allow: _,
            span,
        } = meta;
        *span = None;
        for p in subject
            .iter_mut()
            .chain(opening.iter_mut())
            .chain(closing.iter_mut())
            .chain(adoption.iter_mut())
        {
            paragraph(p);
        }
        let Operative {
            numbering: _,
            clauses,
        } = operative;
        for Clause {
            label: _,
            blocks: content,
            span,
        } in preamble.iter_mut().chain(clauses.iter_mut())
        {
            *span = None;
            blocks(content);
        }
        for Annex {
            label,
            title,
            blocks: content,
            span,
        } in annexes
        {
            *span = None;
            label.iter_mut().chain(title.iter_mut()).for_each(paragraph);
            blocks(content);
        }
        self
    }
}

fn paragraph(p: &mut Paragraph) {
    let Paragraph { content, span } = p;
    *span = None;
    inlines(content);
}

fn blocks(run: &mut [Block]) {
    for block in run {
        match block {
            Block::Paragraph(p) => paragraph(p),
            Block::Heading(Heading {
                level: _,
                content,
                span,
            }) => {
                *span = None;
                inlines(content);
            }
            Block::List(List {
                intro,
                pattern: _,
                start: _,
                items,
                continuation,
                span,
            }) => {
                *span = None;
                intro
                    .iter_mut()
                    .chain(continuation.iter_mut())
                    .for_each(paragraph);
                for ListItem {
                    label: _,
                    blocks: content,
                    span,
                } in items
                {
                    *span = None;
                    blocks(content);
                }
            }
        }
    }
}

fn inlines(run: &mut [Inline]) {
    for inline in run {
        match inline {
            Inline::Text(_) | Inline::LineBreak => {}
            Inline::Verb(content)
            | Inline::Emphasis(content)
            | Inline::Strong(content)
            | Inline::Superscript(content)
            | Inline::Subscript(content)
            | Inline::Quote(content) => inlines(content),
            Inline::Link(Link {
                href: _,
                reference: _,
                content,
                span,
            })
            | Inline::Footnote(Footnote {
                mark: _,
                content,
                span,
            }) => {
                *span = None;
                inlines(content);
            }
        }
    }
}
