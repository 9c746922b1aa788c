//! Parity of language versions: sources of one run that share a reference
//! (the English, French, Spanish and Arabic S/RES/2736 (2024)) must have
//! the same preamble and operative paragraphs, numbering, lists, notes and
//! annexes.
//!
//! The structure most versions share is taken as the text's; each version
//! that differs is told the first place where it does and which versions
//! it was compared with. When no structure is shared by more versions
//! than any other, every version is compared with the others.

use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::model::{Block, Clause, Counter, LabelPattern, Resolution, Span};

use super::text::notes;
use super::{Context, Document, Rule};

/// What must agree between versions, for one clause.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ClauseShape {
    /// The number it is printed with, when it has one.
    number: Option<u32>,
    /// Its lists: each item's own lists, as shapes.
    lists: Vec<ListShape>,
    /// How many notes it has.
    notes: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct ListShape(Vec<Vec<ListShape>>);

impl ListShape {
    fn items(&self) -> usize {
        self.0.len()
    }
}

/// What must agree between versions, for a whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shape {
    preamble: Vec<ClauseShape>,
    operative: Vec<ClauseShape>,
    annexes: usize,
}

fn lists(blocks: &[Block]) -> Vec<ListShape> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::List(list) => Some(ListShape(
                list.items.iter().map(|item| lists(&item.blocks)).collect(),
            )),
            _ => None,
        })
        .collect()
}

fn clause_shape(clause: &Clause, label: Option<String>) -> ClauseShape {
    let number = label.as_deref().and_then(|l| {
        LabelPattern::read(l.trim())
            .into_iter()
            .find(|(p, _)| p.counter != Counter::None)
            .map(|(_, n)| n)
    });
    ClauseShape {
        number,
        lists: lists(&clause.blocks),
        notes: notes(&clause.blocks),
    }
}

/// Which clauses of a document are headings rather than paragraphs: a
/// section's heading is lettered in one version ("A.") and not in another
/// ("ألف -"), kept as a heading in one and as a bold paragraph in another,
/// and is not a paragraph of the text.
#[derive(Debug, Default)]
pub(super) struct Headings {
    preamble: Vec<bool>,
    operative: Vec<bool>,
}

impl Headings {
    /// The headings of the document `cx` reads.
    pub(super) fn of(cx: &Context<'_>) -> Headings {
        let is_heading = |c: &Clause| {
            let headings =
                !c.blocks.is_empty() && c.blocks.iter().all(|b| matches!(b, Block::Heading(_)));
            headings || super::clauses::is_heading_like(cx, c)
        };
        Headings {
            preamble: cx.res.preamble.iter().map(is_heading).collect(),
            operative: cx.res.operative.clauses.iter().map(is_heading).collect(),
        }
    }
}

/// The shape of `res` without its headings, and where each of its
/// paragraphs is among the clauses of its part.
fn shape(res: &Resolution, headings: &Headings) -> (Shape, Positions) {
    let mut positions = Positions::default();
    let mut preamble = Vec::new();
    for (i, c) in res.preamble.iter().enumerate() {
        if !headings.preamble.get(i).copied().unwrap_or(false) {
            positions.preamble.push(i);
            preamble.push(clause_shape(c, c.label.clone()));
        }
    }
    let mut operative = Vec::new();
    for (i, c) in res.operative.clauses.iter().enumerate() {
        if !headings.operative.get(i).copied().unwrap_or(false) {
            positions.operative.push(i);
            operative.push(clause_shape(c, res.operative.label(i)));
        }
    }
    (
        Shape {
            preamble,
            operative,
            annexes: res.annexes.len(),
        },
        positions,
    )
}

/// Where the paragraphs of a shape are among their part's clauses.
#[derive(Debug, Default)]
struct Positions {
    preamble: Vec<usize>,
    operative: Vec<usize>,
}

/// The key versions share: the reference without differences of case and
/// spacing.
fn key(res: &Resolution) -> String {
    res.meta
        .reference
        .as_str()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

/// Findings for the documents of `docs` that differ from their other
/// language versions, by index in `docs`.
pub(super) fn check(docs: &[Document<'_>], headings: &[Headings]) -> Vec<(usize, Vec<Diagnostic>)> {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, doc) in docs.iter().enumerate() {
        let key = key(doc.res);
        if !key.is_empty() {
            groups.entry(key).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for members in groups.values() {
        let languages: std::collections::BTreeSet<_> = members
            .iter()
            .map(|&i| docs[i].res.meta.language.primary())
            .collect();
        if members.len() < 2 || languages.len() < 2 {
            continue;
        }
        let (shapes, positions): (Vec<Shape>, Vec<Positions>) = members
            .iter()
            .map(|&i| shape(docs[i].res, &headings[i]))
            .unzip();
        // Versions by shape, the most common first.
        let mut classes: Vec<Vec<usize>> = Vec::new();
        for (m, s) in shapes.iter().enumerate() {
            match classes.iter_mut().find(|c| shapes[c[0]] == *s) {
                Some(class) => class.push(m),
                None => classes.push(vec![m]),
            }
        }
        if classes.len() == 1 {
            continue;
        }
        classes.sort_by_key(|c| std::cmp::Reverse(c.len()));
        let majority = classes[0].len() > classes[1].len();
        for (c, class) in classes.iter().enumerate() {
            if majority && c == 0 {
                continue;
            }
            // Compared with the common shape, or with the first other one.
            let other = if majority || c != 0 {
                &classes[0]
            } else {
                &classes[1]
            };
            let names: Vec<String> = other
                .iter()
                .map(|&m| {
                    let doc = &docs[members[m]];
                    format!("{} ({})", doc.res.meta.language, doc.name)
                })
                .collect();
            for &m in class {
                let i = members[m];
                if let Some(d) = first_difference(
                    docs[i].res,
                    (&shapes[m], &positions[m]),
                    &shapes[other[0]],
                    &names,
                ) {
                    out.push((i, vec![d]));
                }
            }
        }
    }
    out
}

/// The first place where `this` differs from `that`, as a finding in the
/// document `res` whose shape is `this`.
fn first_difference(
    res: &Resolution,
    (this, at): (&Shape, &Positions),
    that: &Shape,
    names: &[String],
) -> Option<Diagnostic> {
    let versions = if names.len() == 1 {
        format!("the version {}", names[0])
    } else {
        format!("the versions {}", names.join(", "))
    };
    let parts = [
        (
            "preamble",
            &this.preamble,
            &that.preamble,
            &res.preamble,
            &at.preamble,
        ),
        (
            "operative",
            &this.operative,
            &that.operative,
            &res.operative.clauses,
            &at.operative,
        ),
    ];
    for (part, here, there, clauses, positions) in parts {
        let span_at = |i: usize| -> Option<Span> {
            positions
                .get(i)
                .and_then(|&p| clauses.get(p))
                .or(clauses.last())
                .and_then(|c| c.span)
                .or(res.meta.span)
        };
        for (i, (a, b)) in here.iter().zip(there.iter()).enumerate() {
            if a != b {
                let what = describe_difference(a, b);
                return Some(
                    Rule::Parity
                        .finding(
                            format!("{part} paragraph {} differs from {versions}: {what}", i + 1),
                            span_at(i),
                        )
                        .with_label("first difference"),
                );
            }
        }
        if here.len() != there.len() {
            let at = here.len().min(there.len());
            return Some(
                Rule::Parity
                    .finding(
                        format!(
                            "this version has {} {part} paragraphs, {versions} {}; they agree up to paragraph {at}",
                            here.len(),
                            there.len()
                        ),
                        span_at(at),
                    )
                    .with_label("first difference"),
            );
        }
    }
    if this.annexes != that.annexes {
        return Some(Rule::Parity.finding(
            format!(
                "this version has {} annexes, {versions} {}",
                this.annexes, that.annexes
            ),
            res.annexes.first().and_then(|a| a.span).or(res.meta.span),
        ));
    }
    None
}

/// How clause `a` (here) differs from `b` (there), in words.
fn describe_difference(a: &ClauseShape, b: &ClauseShape) -> String {
    if a.number != b.number {
        let n = |n: Option<u32>| n.map_or("no number".to_string(), |n| format!("number {n}"));
        return format!("{} here, {} there", n(a.number), n(b.number));
    }
    if a.notes != b.notes {
        return format!("{} notes here, {} there", a.notes, b.notes);
    }
    if a.lists.len() != b.lists.len() {
        return format!("{} lists here, {} there", a.lists.len(), b.lists.len());
    }
    for (x, y) in a.lists.iter().zip(&b.lists) {
        if x.items() != y.items() {
            return format!("a list of {} items here, of {} there", x.items(), y.items());
        }
        for (k, (p, q)) in x.0.iter().zip(&y.0).enumerate() {
            if p != q {
                return format!("the sub-items of item {} differ", k + 1);
            }
        }
    }
    "their structure differs".into()
}
