//! Two versions of one resolution, compared part by part.
//!
//! Drafts are revised many times before adoption, and readers must see
//! exactly what changed. Both versions are models, so they are compared by
//! their structure, not by lines: the preamble and operative clauses, the
//! paragraphs and lists in them, list items at every depth, notes and
//! annexes are aligned between the versions ([`align`]), and the words of
//! aligned paragraphs compared ([`words`]). The result is the merged
//! document, in the new version's order with what the old one alone had at
//! its old place, every block and word marked with what became of it. It
//! knows no format: the redline writers show it through the prepared
//! document (`render::prepare::redline`).
//!
//! Labels are not compared: a clause numbered 4 that is numbered 5 because
//! a clause was inserted before it has not changed. Each block of the
//! merged document carries the label it has in its version, and, for
//! blocks in both, the old label when it differs (a typed label that a
//! format prints as text must change with it).

pub mod align;
pub mod words;

use crate::model::{self, LabelPattern, Resolution};

use align::{Key, Pair};

/// What became of a block of the old version in the new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Both versions have it, word for word and set alike.
    Same,
    /// Only the new version has it.
    Inserted,
    /// Only the old version has it.
    Deleted,
    /// Both versions have it, at the same place, with words changed.
    Changed,
    /// It is at another place in the new version.
    Moved(Move),
}

/// Which end of a move a block of the merged document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Its old place, where it is no more.
    Away,
    /// Its new place.
    Here,
}

impl Change {
    /// Whether the block is in the merged document only as the old
    /// version had it: deleted, or moved away.
    pub fn is_old_only(self) -> bool {
        matches!(self, Change::Deleted | Change::Moved(Move::Away))
    }

    /// Whether the block is in the merged document only as the new
    /// version has it: inserted, or moved here.
    pub fn is_new_only(self) -> bool {
        matches!(self, Change::Inserted | Change::Moved(Move::Here))
    }
}

/// A setting of words that the comparison sees: a word that becomes part
/// of the verb, or is emphasised, has changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// The leading verb of a clause.
    Verb,
    /// Emphasis.
    Emphasis,
    /// Strong emphasis.
    Strong,
    /// Superscript.
    Superscript,
    /// Subscript.
    Subscript,
}

/// Inline content of the merged document.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Text both versions have.
    Text(String),
    /// A line break.
    LineBreak,
    /// Words set as the model's verb, emphasis, superscript …
    Styled(Style, Vec<Inline>),
    /// A quotation; its marks are [`Inline::QuoteMark`]s among its
    /// children, so that a quotation one version alone has shows its marks
    /// as inserted or deleted.
    Quote(Vec<Inline>),
    /// The opening or closing mark of the enclosing quotation.
    QuoteMark {
        /// The opening mark, else the closing one.
        open: bool,
    },
    /// A reference to another document.
    Link {
        /// Its address.
        href: Option<String>,
        /// The referenced document.
        reference: Option<model::Reference>,
        /// Its text.
        content: Vec<Inline>,
    },
    /// A footnote, with its own words compared.
    Note {
        /// A mark given in the source.
        mark: Option<String>,
        /// Its text.
        content: Vec<Inline>,
    },
    /// What only the new version has.
    Inserted(Vec<Inline>),
    /// What only the old version has.
    Deleted(Vec<Inline>),
    /// Words both versions have, set otherwise in the old one: `was` are
    /// the settings they had there, outermost first.
    Restyled {
        /// The old settings.
        was: Vec<Style>,
        /// The words.
        content: Vec<Inline>,
    },
}

/// A paragraph of the merged document.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    /// What became of it.
    pub change: Change,
    /// Its content, marked.
    pub content: Vec<Inline>,
}

/// A block of the merged document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph.
    Paragraph(Para),
    /// A heading of `level`.
    Heading(u8, Para),
    /// A list.
    List(List),
}

impl Block {
    /// What became of the block.
    pub fn change(&self) -> Change {
        match self {
            Block::Paragraph(p) | Block::Heading(_, p) => p.change,
            Block::List(l) => l.change,
        }
    }
}

/// A list of the merged document.
#[derive(Debug, Clone, PartialEq)]
pub struct List {
    /// What became of it.
    pub change: Change,
    /// Its introduction.
    pub intro: Option<Para>,
    /// Its items, merged.
    pub items: Vec<Item>,
    /// The words after the items.
    pub continuation: Option<Para>,
    /// The pattern of its labels, in the version it is taken from (the
    /// new one when both have it).
    pub pattern: LabelPattern,
    /// The number of its first item.
    pub start: u32,
    /// Whether every item, in both versions, takes its label from the
    /// pattern.
    pub regular: bool,
}

/// A list item of the merged document.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// What became of it.
    pub change: Change,
    /// Its label in its version (the new one when both have it).
    pub label: String,
    /// Its old label, when both versions have it and the labels differ.
    pub old_label: Option<String>,
    /// Its content.
    pub blocks: Vec<Block>,
}

/// A clause of the merged document.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// What became of it.
    pub change: Change,
    /// Its label in its version (the new one when both have it).
    pub label: Option<String>,
    /// Its old label, when both versions have it and the labels differ.
    pub old_label: Option<String>,
    /// Its content.
    pub blocks: Vec<Block>,
}

/// An annex of the merged document.
#[derive(Debug, Clone, PartialEq)]
pub struct Annex {
    /// What became of it.
    pub change: Change,
    /// Its label line, when a version gives one.
    pub label: Option<Para>,
    /// Its title.
    pub title: Option<Para>,
    /// Its content.
    pub blocks: Vec<Block>,
}

/// How many parts changed, and how.
///
/// The parts counted are the clauses of the preamble and of the operative
/// part, the opening and closing paragraphs, and the blocks of annexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    /// Parts only the new version has.
    pub inserted: usize,
    /// Parts only the old version has.
    pub deleted: usize,
    /// Parts both have, with words changed.
    pub changed: usize,
    /// Parts that moved (counted once, not at both ends).
    pub moved: usize,
}

impl Summary {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        *self == Summary::default()
    }

    fn count(&mut self, change: Change) {
        match change {
            Change::Same | Change::Moved(Move::Away) => {}
            Change::Inserted => self.inserted += 1,
            Change::Deleted => self.deleted += 1,
            Change::Changed => self.changed += 1,
            Change::Moved(Move::Here) => self.moved += 1,
        }
    }
}

/// The merged document of two versions.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The enacting formula.
    pub opening: Option<Para>,
    /// The preamble's clauses.
    pub preamble: Vec<Clause>,
    /// The operative clauses.
    pub operative: Vec<Clause>,
    /// The text after the operative part.
    pub closing: Option<Para>,
    /// The adoption line, when a version has its own.
    pub adoption: Option<Para>,
    /// The annexes.
    pub annexes: Vec<Annex>,
    /// What changed, in counts.
    pub summary: Summary,
}

/// Compares two versions of a resolution.
pub fn compare(old: &Resolution, new: &Resolution) -> Comparison {
    let opening = optional(old.opening.as_ref(), new.opening.as_ref());
    let preamble = clauses(
        &old.preamble,
        &new.preamble,
        |i| old.preamble[i].label.clone(),
        |j| new.preamble[j].label.clone(),
    );
    let operative = clauses(
        &old.operative.clauses,
        &new.operative.clauses,
        |i| old.operative.label(i),
        |j| new.operative.label(j),
    );
    let closing = optional(old.closing.as_ref(), new.closing.as_ref());
    let adoption = optional(old.adoption.as_ref(), new.adoption.as_ref());
    let annexes = annexes(&old.annexes, &new.annexes);
    let mut summary = Summary::default();
    for p in opening.iter().chain(&closing) {
        summary.count(p.change);
    }
    for c in preamble.iter().chain(&operative) {
        summary.count(c.change);
    }
    for a in &annexes {
        match a.change {
            Change::Same | Change::Changed => {
                for b in &a.blocks {
                    summary.count(b.change());
                }
                for p in a.label.iter().chain(&a.title) {
                    summary.count(p.change);
                }
            }
            change => summary.count(change),
        }
    }
    Comparison {
        opening,
        preamble,
        operative,
        closing,
        adoption,
        annexes,
        summary,
    }
}

/// Text with every run of white space one space, trimmed: what two
/// versions are compared by.
pub fn normalised(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether merged inlines mark anything.
pub fn has_marks(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| match i {
        Inline::Inserted(_) | Inline::Deleted(_) | Inline::Restyled { .. } => true,
        Inline::Styled(_, c)
        | Inline::Quote(c)
        | Inline::Link { content: c, .. }
        | Inline::Note { content: c, .. } => has_marks(c),
        Inline::Text(_) | Inline::LineBreak | Inline::QuoteMark { .. } => false,
    })
}

// ---------------------------------------------------------------------
// Keys: what blocks are aligned by
// ---------------------------------------------------------------------

/// The text of inlines that decides whether two blocks are the same:
/// words, notes and the settings of words, so that a restyled verb is an
/// edit, not an identity.
fn run_key(inlines: &[model::Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            model::Inline::Text(t) => out.push_str(t),
            model::Inline::LineBreak => out.push('\n'),
            model::Inline::Footnote(n) => {
                out.push_str("\u{1}[");
                run_key(&n.content, out);
                out.push_str("]\u{1}");
            }
            model::Inline::Quote(c) => {
                out.push('\u{2}');
                run_key(c, out);
                out.push('\u{3}');
            }
            other => {
                let tag = match other {
                    model::Inline::Verb(_) => 'v',
                    model::Inline::Emphasis(_) => 'e',
                    model::Inline::Strong(_) => 's',
                    model::Inline::Superscript(_) => 'p',
                    model::Inline::Subscript(_) => 'b',
                    _ => 'l',
                };
                out.push('\u{4}');
                out.push(tag);
                run_key(other.children().unwrap_or_default(), out);
                out.push('\u{5}');
            }
        }
    }
}

fn blocks_key(blocks: &[model::Block], out: &mut String) {
    for block in blocks {
        match block {
            model::Block::Paragraph(p) => run_key(&p.content, out),
            model::Block::Heading(h) => {
                out.push_str("\u{6}h");
                run_key(&h.content, out);
            }
            model::Block::List(l) => {
                out.push_str("\u{6}l");
                if let Some(p) = &l.intro {
                    run_key(&p.content, out);
                }
                for item in &l.items {
                    out.push_str("\u{6}i");
                    blocks_key(&item.blocks, out);
                }
                if let Some(p) = &l.continuation {
                    out.push_str("\u{6}c");
                    run_key(&p.content, out);
                }
            }
        }
        out.push('\u{7}');
    }
}

fn key(kind: u8, fill: impl FnOnce(&mut String)) -> Key {
    let mut raw = String::new();
    fill(&mut raw);
    Key {
        kind,
        text: normalised(&raw),
    }
}

fn block_key(block: &model::Block) -> Key {
    let kind = match block {
        model::Block::Paragraph(_) => 0,
        model::Block::Heading(_) => 1,
        model::Block::List(_) => 2,
    };
    key(kind, |s| blocks_key(std::slice::from_ref(block), s))
}

// ---------------------------------------------------------------------
// Merging
// ---------------------------------------------------------------------

fn para_of(content: &[model::Inline], change: Change) -> Para {
    let content = match change {
        Change::Same | Change::Changed => words::unmarked(content),
        c if c.is_new_only() => words::marked(content, true),
        _ => words::marked(content, false),
    };
    Para { change, content }
}

fn para_pair(old: &[model::Inline], new: &[model::Inline]) -> Para {
    let content = words::diff(old, new);
    let change = if has_marks(&content) {
        Change::Changed
    } else {
        Change::Same
    };
    Para { change, content }
}

fn optional(old: Option<&model::Paragraph>, new: Option<&model::Paragraph>) -> Option<Para> {
    match (old, new) {
        (Some(o), Some(n)) => Some(para_pair(&o.content, &n.content)),
        (None, Some(n)) => Some(para_of(&n.content, Change::Inserted)),
        (Some(o), None) => Some(para_of(&o.content, Change::Deleted)),
        (None, None) => None,
    }
}

/// The change of a block in both versions: the same unless something in
/// it is marked.
fn settled(blocks: &[Block]) -> Change {
    if blocks.iter().all(|b| b.change() == Change::Same) {
        Change::Same
    } else {
        Change::Changed
    }
}

fn clauses(
    old: &[model::Clause],
    new: &[model::Clause],
    old_label: impl Fn(usize) -> Option<String>,
    new_label: impl Fn(usize) -> Option<String>,
) -> Vec<Clause> {
    let keys = |cs: &[model::Clause]| -> Vec<Key> {
        cs.iter()
            .map(|c| key(0, |s| blocks_key(&c.blocks, s)))
            .collect()
    };
    align::align(&keys(old), &keys(new))
        .into_iter()
        .map(|pair| match pair {
            Pair::Both(i, j) => {
                let blocks = blocks(&old[i].blocks, &new[j].blocks);
                let (label, was) = (new_label(j), old_label(i));
                Clause {
                    change: settled(&blocks),
                    old_label: was.filter(|w| Some(w) != label.as_ref()),
                    label,
                    blocks,
                }
            }
            Pair::New(j) | Pair::MovedHere(_, j) => {
                let change = match pair {
                    Pair::New(_) => Change::Inserted,
                    _ => Change::Moved(Move::Here),
                };
                Clause {
                    change,
                    label: new_label(j),
                    old_label: None,
                    blocks: one_side(&new[j].blocks, change),
                }
            }
            Pair::Old(i) | Pair::MovedAway(i, _) => {
                let change = match pair {
                    Pair::Old(_) => Change::Deleted,
                    _ => Change::Moved(Move::Away),
                };
                Clause {
                    change,
                    label: old_label(i),
                    old_label: None,
                    blocks: one_side(&old[i].blocks, change),
                }
            }
        })
        .collect()
}

/// Blocks that one version alone has, every one marked `change`.
fn one_side(blocks: &[model::Block], change: Change) -> Vec<Block> {
    blocks.iter().map(|b| one_block(b, change)).collect()
}

fn one_block(block: &model::Block, change: Change) -> Block {
    match block {
        model::Block::Paragraph(p) => Block::Paragraph(para_of(&p.content, change)),
        model::Block::Heading(h) => Block::Heading(h.level, para_of(&h.content, change)),
        model::Block::List(l) => Block::List(List {
            change,
            intro: l.intro.as_ref().map(|p| para_of(&p.content, change)),
            items: l
                .items
                .iter()
                .enumerate()
                .map(|(i, item)| Item {
                    change,
                    label: l.label(i),
                    old_label: None,
                    blocks: one_side(&item.blocks, change),
                })
                .collect(),
            continuation: l.continuation.as_ref().map(|p| para_of(&p.content, change)),
            pattern: l.pattern.clone(),
            start: l.start,
            regular: l.is_regular(),
        }),
    }
}

/// The merged blocks of two versions of a clause, item or annex.
fn blocks(old: &[model::Block], new: &[model::Block]) -> Vec<Block> {
    let old_keys: Vec<Key> = old.iter().map(block_key).collect();
    let new_keys: Vec<Key> = new.iter().map(block_key).collect();
    align::align(&old_keys, &new_keys)
        .into_iter()
        .map(|pair| match pair {
            Pair::Both(i, j) => block_pair(&old[i], &new[j]),
            Pair::New(j) => one_block(&new[j], Change::Inserted),
            Pair::MovedHere(_, j) => one_block(&new[j], Change::Moved(Move::Here)),
            Pair::Old(i) => one_block(&old[i], Change::Deleted),
            Pair::MovedAway(i, _) => one_block(&old[i], Change::Moved(Move::Away)),
        })
        .collect()
}

/// Two blocks of one kind, paired by the alignment.
fn block_pair(old: &model::Block, new: &model::Block) -> Block {
    match (old, new) {
        (model::Block::Paragraph(o), model::Block::Paragraph(n)) => {
            Block::Paragraph(para_pair(&o.content, &n.content))
        }
        (model::Block::Heading(o), model::Block::Heading(n)) => {
            let mut p = para_pair(&o.content, &n.content);
            if o.level != n.level && p.change == Change::Same {
                p.change = Change::Changed;
            }
            Block::Heading(n.level, p)
        }
        (model::Block::List(o), model::Block::List(n)) => Block::List(list_pair(o, n)),
        // The alignment pairs blocks of one kind only.
        _ => one_block(new, Change::Inserted),
    }
}

fn list_pair(old: &model::List, new: &model::List) -> List {
    let intro = optional(old.intro.as_ref(), new.intro.as_ref());
    let continuation = optional(old.continuation.as_ref(), new.continuation.as_ref());
    let keys = |l: &model::List| -> Vec<Key> {
        l.items
            .iter()
            .map(|item| key(0, |s| blocks_key(&item.blocks, s)))
            .collect()
    };
    let items: Vec<Item> = align::align(&keys(old), &keys(new))
        .into_iter()
        .map(|pair| match pair {
            Pair::Both(i, j) => {
                let blocks = blocks(&old.items[i].blocks, &new.items[j].blocks);
                let (label, was) = (new.label(j), old.label(i));
                Item {
                    change: settled(&blocks),
                    old_label: (was != label).then_some(was),
                    label,
                    blocks,
                }
            }
            Pair::New(j) | Pair::MovedHere(_, j) => {
                let change = match pair {
                    Pair::New(_) => Change::Inserted,
                    _ => Change::Moved(Move::Here),
                };
                Item {
                    change,
                    label: new.label(j),
                    old_label: None,
                    blocks: one_side(&new.items[j].blocks, change),
                }
            }
            Pair::Old(i) | Pair::MovedAway(i, _) => {
                let change = match pair {
                    Pair::Old(_) => Change::Deleted,
                    _ => Change::Moved(Move::Away),
                };
                Item {
                    change,
                    label: old.label(i),
                    old_label: None,
                    blocks: one_side(&old.items[i].blocks, change),
                }
            }
        })
        .collect();
    let unchanged = intro
        .iter()
        .chain(&continuation)
        .all(|p| p.change == Change::Same)
        && items.iter().all(|i| i.change == Change::Same)
        && old.pattern == new.pattern;
    List {
        change: if unchanged {
            Change::Same
        } else {
            Change::Changed
        },
        intro,
        items,
        continuation,
        pattern: new.pattern.clone(),
        start: new.start,
        regular: old.is_regular() && new.is_regular(),
    }
}

fn annexes(old: &[model::Annex], new: &[model::Annex]) -> Vec<Annex> {
    let keys = |annexes: &[model::Annex]| -> Vec<Key> {
        annexes
            .iter()
            .map(|a| {
                key(0, |s| {
                    for p in a.label.iter().chain(&a.title) {
                        run_key(&p.content, s);
                        s.push('\u{7}');
                    }
                    blocks_key(&a.blocks, s);
                })
            })
            .collect()
    };
    let one = |a: &model::Annex, change: Change| Annex {
        change,
        label: a.label.as_ref().map(|p| para_of(&p.content, change)),
        title: a.title.as_ref().map(|p| para_of(&p.content, change)),
        blocks: one_side(&a.blocks, change),
    };
    align::align(&keys(old), &keys(new))
        .into_iter()
        .map(|pair| match pair {
            Pair::Both(i, j) => {
                let (o, n) = (&old[i], &new[j]);
                let label = optional(o.label.as_ref(), n.label.as_ref());
                let title = optional(o.title.as_ref(), n.title.as_ref());
                let blocks = blocks(&o.blocks, &n.blocks);
                let same = settled(&blocks) == Change::Same
                    && label.iter().chain(&title).all(|p| p.change == Change::Same);
                Annex {
                    change: if same { Change::Same } else { Change::Changed },
                    label,
                    title,
                    blocks,
                }
            }
            Pair::New(j) => one(&new[j], Change::Inserted),
            Pair::MovedHere(_, j) => one(&new[j], Change::Moved(Move::Here)),
            Pair::Old(i) => one(&old[i], Change::Deleted),
            Pair::MovedAway(i, _) => one(&old[i], Change::Moved(Move::Away)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::Block as B2;
    use super::*;
    use crate::model::{Block as B, Clause as C, Inline as I, Paragraph};

    fn clause(text: &str) -> C {
        C {
            label: None,
            blocks: vec![B::Paragraph(Paragraph::text(text))],
            span: None,
        }
    }

    fn numbered(texts: &[&str]) -> Resolution {
        Resolution {
            operative: model::Operative {
                numbering: LabelPattern::parse("1."),
                clauses: texts.iter().map(|t| clause(t)).collect(),
            },
            ..Resolution::default()
        }
    }

    #[test]
    fn identical_versions_have_no_changes() {
        let res = numbered(&["Decides one thing;", "Requests another;"]);
        let cmp = compare(&res, &res);
        assert!(cmp.summary.is_empty());
        assert!(cmp.operative.iter().all(|c| c.change == Change::Same));
    }

    #[test]
    fn renumbering_is_not_a_change() {
        let old = numbered(&["Decides one thing;", "Requests another;"]);
        let new = numbered(&["Decides one thing;", "Urges all;", "Requests another;"]);
        let cmp = compare(&old, &new);
        let changes: Vec<_> = cmp.operative.iter().map(|c| c.change).collect();
        assert_eq!(changes, [Change::Same, Change::Inserted, Change::Same]);
        // The clause now numbered 3 was 2: the same clause, its old label kept.
        assert_eq!(cmp.operative[2].label.as_deref(), Some("3."));
        assert_eq!(cmp.operative[2].old_label.as_deref(), Some("2."));
        assert_eq!(
            cmp.summary,
            Summary {
                inserted: 1,
                ..Summary::default()
            }
        );
    }

    #[test]
    fn edits_moves_and_deletions_are_counted_once() {
        let old = numbered(&[
            "Decides to remain seized of the matter;",
            "Requests the Secretary-General to report;",
            "Calls upon all parties to cease hostilities;",
            "Expresses its gratitude to the Mission;",
        ]);
        let new = numbered(&[
            "Requests the Secretary-General to report;",
            "Calls upon all parties to cease hostilities at once;",
            "Decides to remain seized of the matter;",
        ]);
        let cmp = compare(&old, &new);
        let changes: Vec<_> = cmp.operative.iter().map(|c| c.change).collect();
        assert_eq!(
            changes,
            [
                Change::Moved(Move::Away),
                Change::Same,
                Change::Changed,
                Change::Deleted,
                Change::Moved(Move::Here),
            ]
        );
        assert_eq!(
            cmp.summary,
            Summary {
                inserted: 0,
                deleted: 1,
                changed: 1,
                moved: 1
            }
        );
    }

    #[test]
    fn list_items_are_compared_at_every_depth() {
        let item = |t: &str, inner: Option<model::List>| model::ListItem {
            label: None,
            blocks: std::iter::once(B::Paragraph(Paragraph::text(t)))
                .chain(inner.map(B::List))
                .collect(),
            span: None,
        };
        let list = |items: Vec<model::ListItem>| model::List {
            pattern: LabelPattern::parse("(a)").unwrap(),
            start: 1,
            items,
            ..model::List::default()
        };
        let with = |inner: &[&str]| {
            let mut c = clause("Decides:");
            c.blocks.push(B::List(list(vec![
                item(
                    "to act;",
                    Some(list(inner.iter().map(|t| item(t, None)).collect())),
                ),
                item("to report;", None),
            ])));
            Resolution {
                operative: model::Operative {
                    numbering: None,
                    clauses: vec![c],
                },
                ..Resolution::default()
            }
        };
        let cmp = compare(
            &with(&["at once;", "in full;", "together;"]),
            &with(&["at once;", "together;"]),
        );
        assert_eq!(cmp.operative[0].change, Change::Changed);
        let B2::List(outer) = &cmp.operative[0].blocks[1] else {
            panic!("{:?}", cmp.operative[0].blocks)
        };
        assert_eq!(outer.items[0].change, Change::Changed);
        assert_eq!(outer.items[1].change, Change::Same);
        let B2::List(inner) = &outer.items[0].blocks[1] else {
            panic!()
        };
        let changes: Vec<_> = inner.items.iter().map(|i| i.change).collect();
        assert_eq!(changes, [Change::Same, Change::Deleted, Change::Same]);
        // The deleted item keeps its old label; "together" is (b) now.
        assert_eq!(inner.items[1].label, "(b)");
        assert_eq!(inner.items[2].label, "(b)");
        assert_eq!(inner.items[2].old_label.as_deref(), Some("(c)"));
        assert_eq!(
            cmp.summary,
            Summary {
                changed: 1,
                ..Summary::default()
            }
        );
    }

    #[test]
    fn a_restyled_verb_is_a_change() {
        let mut old = clause("");
        old.blocks = vec![B::Paragraph(Paragraph {
            content: vec![
                I::Verb(vec![I::Text("Decides".into())]),
                I::Text(" to act".into()),
            ],
            span: None,
        })];
        let mut new = old.clone();
        new.blocks = vec![B::Paragraph(Paragraph {
            content: vec![
                I::Emphasis(vec![I::Text("Decides".into())]),
                I::Text(" to act".into()),
            ],
            span: None,
        })];
        let res = |c: C| Resolution {
            preamble: vec![c],
            ..Resolution::default()
        };
        let cmp = compare(&res(old), &res(new));
        assert_eq!(cmp.preamble[0].change, Change::Changed);
        assert_eq!(cmp.summary.changed, 1);
    }
}
