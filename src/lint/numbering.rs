//! Numbering: operative paragraph numbers and list labels that skip or
//! repeat, and a lone operative paragraph that is numbered.
//!
//! Only labels written in the source can be wrong: those respub numbers
//! itself follow their pattern by construction.

use crate::diag::Diagnostic;
use crate::model::{Block, Clause, Counter, LabelPattern, Span};

use super::{Context, Rule};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let operative = &cx.res.operative;
    let numbered: Vec<_> = (0..operative.clauses.len())
        .filter_map(|i| {
            let label = operative.label(i).filter(|l| !l.trim().is_empty())?;
            Some((i, label))
        })
        .collect();
    if operative.clauses.len() == 1 {
        if let Some((_, label)) = numbered.first() {
            let clause = &operative.clauses[0];
            out.push(
                Rule::LoneNumbered
                    .finding(
                        format!("the only operative paragraph is numbered `{label}`"),
                        clause.span,
                    )
                    .with_hint("a lone operative paragraph takes no number: remove its label"),
            );
        }
    }
    // The labels the source writes, in runs of adjacent clauses: a clause
    // without one between them, or a label of another kind (a section's
    // `A.`, an item's `(a)` kept at the level of the paragraphs), starts a
    // new run.
    let main = operative.numbering.as_ref().map(|p| p.counter);
    for run in operative.clauses.split(|c| written(c, main).is_none()) {
        let labels: Vec<_> = run
            .iter()
            .filter_map(|c| Some((written(c, main)?, c.span)))
            .collect();
        sequence(
            &labels,
            operative.numbering.as_ref(),
            Rule::ClauseNumbering,
            "paragraph",
            out,
        );
    }
    for clause in cx.res.preamble.iter().chain(&operative.clauses) {
        lists(&clause.blocks, out);
    }
}

fn lists(blocks: &[Block], out: &mut Vec<Diagnostic>) {
    for block in blocks {
        let Block::List(list) = block else { continue };
        let written: Vec<_> = list
            .items
            .iter()
            .filter_map(|item| Some((item.label.as_deref()?, item.span)))
            .collect();
        if written.len() == list.items.len() {
            sequence(
                &written,
                Some(&list.pattern),
                Rule::ListNumbering,
                "item",
                out,
            );
        }
        for item in &list.items {
            lists(&item.blocks, out);
        }
    }
}

/// The number `label` gives in `pattern`, else in the first pattern it
/// reads in with a counter.
fn value(label: &str, pattern: Option<&LabelPattern>) -> Option<(LabelPattern, u32)> {
    let read = LabelPattern::read(label.trim());
    let same = read.iter().find(|(p, _)| Some(p) == pattern).cloned();
    same.or_else(|| read.into_iter().find(|(_, n)| *n > 0))
}

/// Labels that follow one another must count up by one, in one pattern;
/// the first finding of a run is reported, since what follows a skip is
/// off by the same amount.
fn sequence(
    labels: &[(&str, Option<Span>)],
    pattern: Option<&LabelPattern>,
    rule: Rule,
    what: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut previous: Option<(LabelPattern, u32, &str)> = None;
    for &(label, span) in labels {
        let Some((this_pattern, n)) = value(label, pattern) else {
            // "1 bis", a bullet: not a number in a sequence.
            previous = None;
            continue;
        };
        if let Some((p, before, before_label)) = &previous {
            let same_pattern = p.counter == this_pattern.counter;
            if same_pattern && n == *before {
                out.push(
                    rule.finding(format!("a second {what} `{label}`"), span)
                        .with_label("repeated")
                        .with_hint(format!(
                            "the {what} before it is numbered `{before_label}` too"
                        )),
                );
                return;
            }
            if same_pattern && n != before + 1 {
                let expected = this_pattern.format(before + 1);
                out.push(
                    rule.finding(
                        format!(
                            "{what} `{label}` follows `{before_label}`: `{expected}` was expected"
                        ),
                        span,
                    )
                    .with_label(format!("`{expected}` expected")),
                );
                return;
            }
        }
        previous = Some((this_pattern, n, label));
    }
}

/// The label `clause` writes, when it is one of the operative numbering
/// (`main`'s counter): a section's `A.` or an item's `(a)` kept at the
/// level of the paragraphs is not.
fn written(clause: &Clause, main: Option<Counter>) -> Option<&str> {
    clause.label.as_deref().filter(|l| {
        !l.trim().is_empty()
            && main.is_none_or(|c| {
                LabelPattern::read(l.trim())
                    .iter()
                    .any(|(p, _)| p.counter == c)
            })
    })
}
