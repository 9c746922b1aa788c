//! A redline as a prepared document: the merged text of two versions
//! ([`crate::compare`]) with every change marked, in the new version's
//! style.
//!
//! The writers never compare anything. Each block of the merged text
//! carries its [`Revision`] and each changed word its mark
//! ([`Inline::Inserted`], [`Inline::Deleted`], [`Inline::Restyled`]); a
//! block one version alone has is marked down to its words, so that a
//! writer shows a mark where it finds one and nothing else. The title
//! block, metadata and style are the new version's; the summary of the
//! changes is written once here, in the document's language.

use crate::compare::{self, Change, Comparison, Move, Summary};
use crate::diag::{DiagResult, Diagnostic, Warned};
use crate::model::Resolution;
use crate::render::time;
use crate::source::SourceFile;
use crate::style::{Style, VerbTreatment};

use super::{
    Annex, Block, Body, Clause, Heading, Inline, Item, Levels, List, Operative, Para, Prepared,
    Preparer, Revision, plain, prepare_with, typography,
};

/// Who made the changes, when, and what they come to.
#[derive(Debug, Clone, PartialEq)]
pub struct Redline {
    /// The author tracked changes are attributed to.
    pub author: String,
    /// When they were made, as W3C date and time (`2017-09-29T00:00:00Z`):
    /// the document's timestamp, never the clock.
    pub date: String,
    /// The summary line, in the document's language: "Changes from the
    /// previous version: 3 clauses inserted, 1 clause deleted."
    pub summary: String,
    /// The counts of the summary.
    pub counts: Summary,
    /// What assistive technology says before inserted text.
    pub inserted_text: String,
    /// What assistive technology says before deleted text.
    pub deleted_text: String,
}

/// Why a redline cannot be prepared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RedlineError {
    /// The locale of the document's language has no `[redline]` table.
    #[error(
        "the locale `{language}` of the style `{style}` has no [redline] table, so a redline cannot say what changed in that language"
    )]
    NoLabels {
        /// The language.
        language: String,
        /// The style.
        style: String,
    },
}

/// Prepares the redline of `comparison` (of `old` and `new`) in `style`,
/// as the new version: its source, title block and metadata, dated
/// `timestamp`, with changes attributed to `author`.
pub fn prepare_redline<'a>(
    old: &Resolution,
    new: &'a Resolution,
    comparison: &Comparison,
    source: &'a SourceFile,
    style: &'a Style,
    timestamp: i64,
    author: &str,
) -> DiagResult<Warned<Prepared<'a>>> {
    let locale = style.locale(&new.meta.language);
    let labels = locale.redline.as_ref().ok_or_else(|| {
        vec![
            Diagnostic::error(
                RedlineError::NoLabels {
                    language: locale.language.clone(),
                    style: style.name.clone(),
                }
                .to_string(),
            )
            .with_hint("add a [redline] table to the locale file, as styles/locales/en.toml has"),
        ]
    })?;
    let s = comparison.summary;
    let redline = Redline {
        author: author.to_string(),
        date: time::w3cdtf(timestamp),
        summary: typography::apply(
            &locale.typography,
            &labels.summary_of([s.inserted, s.deleted, s.changed, s.moved]),
            None,
        ),
        counts: s,
        inserted_text: labels.inserted_text.clone(),
        deleted_text: labels.deleted_text.clone(),
    };
    let mut prepared = prepare_with(new, source, style, timestamp, |p| {
        p.redline_body(old, new, comparison)
    })?;
    prepared.output.redline = Some(redline);
    Ok(prepared)
}

/// The mark a block of the merged text shows.
fn revision(change: Change) -> Option<Revision> {
    match change {
        Change::Same => None,
        Change::Inserted => Some(Revision::Inserted),
        Change::Deleted => Some(Revision::Deleted),
        Change::Changed => Some(Revision::Changed),
        Change::Moved(Move::Here) => Some(Revision::MovedHere),
        Change::Moved(Move::Away) => Some(Revision::MovedAway),
    }
}

impl Preparer<'_> {
    fn redline_body(&mut self, old: &Resolution, new: &Resolution, cmp: &Comparison) -> Body {
        let opening = cmp.opening.as_ref().map(|p| self.merged_para(p));
        self.verbs = self.style.verbs.preamble;
        let preamble = cmp.preamble.iter().map(|c| self.merged_clause(c)).collect();
        self.verbs = self.style.verbs.operative;
        let clauses: Vec<Clause> = cmp
            .operative
            .iter()
            .map(|c| self.merged_clause(c))
            .collect();
        // Numbered by the reader's software when no clause of either
        // version has a label of its own.
        let own_labels = |r: &Resolution| r.operative.clauses.iter().any(|c| c.label.is_some());
        let operative = Operative {
            regular: !own_labels(old) && !own_labels(new),
            clauses,
            pattern: new.operative.numbering.clone(),
        };
        self.verbs = VerbTreatment::AsWritten;
        let closing = cmp.closing.as_ref().map(|p| self.merged_para(p));
        let adoption = match &cmp.adoption {
            Some(p) => self.merged_para(p),
            None => self.adoption(new),
        };
        let several = cmp.annexes.len() > 1;
        let annexes = cmp
            .annexes
            .iter()
            .enumerate()
            .map(|(i, a)| self.merged_annex(a, i, several))
            .collect();
        Body {
            opening,
            preamble,
            operative,
            closing,
            adoption,
            annexes,
        }
    }

    fn merged_para(&mut self, p: &compare::Para) -> Para {
        Para {
            content: self.run_of(&p.content, None),
            span: None,
            revision: revision(p.change),
        }
    }

    fn merged_clause(&mut self, c: &compare::Clause) -> Clause {
        Clause {
            label: c.label.clone(),
            blocks: self.merged_blocks(&c.blocks, 0, &mut Levels::default()),
            revision: revision(c.change),
            old_label: c.old_label.clone(),
        }
    }

    fn merged_blocks(
        &mut self,
        blocks: &[compare::Block],
        depth: usize,
        levels: &mut Levels,
    ) -> Vec<Block> {
        blocks
            .iter()
            .map(|b| match b {
                compare::Block::Paragraph(p) => Block::Paragraph(self.merged_para(p)),
                compare::Block::Heading(wanted, p) => {
                    let level = (*wanted).max(1).min(levels.last + 1);
                    levels.last = level;
                    Block::Heading(Heading {
                        level,
                        content: self.run_of(&p.content, None),
                        revision: revision(p.change),
                    })
                }
                compare::Block::List(l) => Block::List(self.merged_list(l, depth, levels)),
            })
            .collect()
    }

    fn merged_list(&mut self, l: &compare::List, depth: usize, levels: &mut Levels) -> List {
        let items = l
            .items
            .iter()
            .map(|item| Item {
                label: item.label.clone(),
                blocks: self.merged_blocks(&item.blocks, depth + 1, levels),
                revision: revision(item.change),
                old_label: item.old_label.clone(),
            })
            .collect();
        List {
            intro: l.intro.as_ref().map(|p| self.merged_para(p)),
            items,
            continuation: l.continuation.as_ref().map(|p| self.merged_para(p)),
            pattern: l.pattern.clone(),
            start: l.start,
            regular: l.regular,
            depth,
        }
    }

    fn merged_annex(&mut self, a: &compare::Annex, index: usize, several: bool) -> Annex {
        let given = a
            .label
            .as_ref()
            .filter(|p| !compare_plain(&p.content).trim().is_empty());
        let label = match given {
            Some(p) => self.run_of(&p.content, None),
            None => {
                let text = if several {
                    format!("{} {}", self.locale.labels.annex, index + 1)
                } else {
                    self.locale.labels.annex.clone()
                };
                let text = vec![Inline::Text(self.text_line(&text))];
                // The label of an annex one version alone has is its too.
                match a.change {
                    c if c.is_new_only() => vec![Inline::Inserted(text)],
                    c if c.is_old_only() => vec![Inline::Deleted(text)],
                    _ => text,
                }
            }
        };
        let title = a
            .title
            .as_ref()
            .filter(|p| !compare_plain(&p.content).trim().is_empty())
            .map(|p| self.run_of(&p.content, None));
        let label_text = plain(&label).trim().to_string();
        let heading = match title.as_ref().map(|t| plain(t).trim().to_string()) {
            Some(t) if !t.is_empty() => format!("{label_text} – {t}"),
            _ => label_text,
        };
        Annex {
            label,
            title,
            heading,
            blocks: self.merged_blocks(&a.blocks, 0, &mut Levels::default()),
            revision: revision(a.change),
        }
    }
}

/// The words of merged inlines, whatever their marks.
fn compare_plain(inlines: &[compare::Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            compare::Inline::Text(t) => out.push_str(t),
            compare::Inline::LineBreak => out.push(' '),
            compare::Inline::QuoteMark { .. } | compare::Inline::Note { .. } => {}
            compare::Inline::Styled(_, c)
            | compare::Inline::Quote(c)
            | compare::Inline::Link { content: c, .. }
            | compare::Inline::Inserted(c)
            | compare::Inline::Deleted(c)
            | compare::Inline::Restyled { content: c, .. } => out.push_str(&compare_plain(c)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block as B, Clause as C, Inline as I, LabelPattern, Paragraph};

    fn res(texts: &[&str]) -> Resolution {
        Resolution {
            operative: crate::model::Operative {
                numbering: LabelPattern::parse("1."),
                clauses: texts
                    .iter()
                    .map(|t| C {
                        label: None,
                        blocks: vec![B::Paragraph(Paragraph {
                            content: vec![
                                I::Verb(vec![I::Text("Decides".into())]),
                                I::Text(format!(" {t}")),
                            ],
                            span: None,
                        })],
                        span: None,
                    })
                    .collect(),
            },
            ..Resolution::default()
        }
    }

    fn redline<'a>(
        old: &Resolution,
        new: &'a Resolution,
        source: &'a SourceFile,
        style: &'a Style,
    ) -> Prepared<'a> {
        let cmp = compare::compare(old, new);
        prepare_redline(old, new, &cmp, source, style, 0, "respub")
            .unwrap()
            .output
    }

    #[test]
    fn every_block_of_a_change_is_marked_and_nothing_else() {
        let style = Style::builtin();
        let source = SourceFile::new("new.xml", Vec::new());
        let old = res(&["to act;", "to report;"]);
        let new = res(&["to act at once;", "to report;", "to remain seized."]);
        let doc = redline(&old, &new, &source, &style);
        let revisions: Vec<_> = doc
            .body
            .operative
            .clauses
            .iter()
            .map(|c| c.revision)
            .collect();
        assert_eq!(
            revisions,
            [Some(Revision::Changed), None, Some(Revision::Inserted)]
        );
        let Block::Paragraph(p) = &doc.body.operative.clauses[2].blocks[0] else {
            panic!()
        };
        assert_eq!(p.revision, Some(Revision::Inserted));
        // Every word of it is inserted, in the verb too.
        assert!(
            matches!(&p.content[..], [Inline::Verb { content, .. }, Inline::Inserted(_)]
                if matches!(&content[..], [Inline::Inserted(_)])),
            "{p:?}"
        );
        let Block::Paragraph(same) = &doc.body.operative.clauses[1].blocks[0] else {
            panic!()
        };
        assert!(
            !same
                .content
                .iter()
                .any(|i| matches!(i, Inline::Inserted(_) | Inline::Deleted(_)))
        );
        let r = doc.redline.unwrap();
        assert_eq!(r.counts.inserted, 1);
        assert_eq!(r.counts.changed, 1);
        assert_eq!(r.date, "1970-01-01T00:00:00Z");
    }

    #[test]
    fn the_summary_is_in_the_document_s_language() {
        let style = Style::builtin();
        let source = SourceFile::new("new.xml", Vec::new());
        let mut old = res(&["to act;"]);
        old.meta.language = crate::model::Language("fr".into());
        let mut new = res(&["to act;", "to wait;", "to see;"]);
        new.meta.language = crate::model::Language("fr".into());
        let doc = redline(&old, &new, &source, &style);
        assert_eq!(
            doc.redline.unwrap().summary,
            "Modifications par rapport à la version précédente\u{a0}: 2 paragraphes insérés."
        );
        let doc = redline(&new, &new, &source, &style);
        assert_eq!(
            doc.redline.unwrap().summary,
            "Aucune modification par rapport à la version précédente."
        );
    }

    #[test]
    fn a_normal_document_has_no_marks() {
        let style = Style::builtin();
        let source = SourceFile::new("new.xml", Vec::new());
        let plain = res(&["to act;"]);
        let doc = super::super::prepare(&plain, &source, &style, 0)
            .unwrap()
            .output;
        assert!(doc.redline.is_none());
        assert!(
            doc.body
                .operative
                .clauses
                .iter()
                .all(|c| c.revision.is_none())
        );
    }
}
