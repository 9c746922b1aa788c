//! The words of two versions of one paragraph, compared.
//!
//! A paragraph's inlines are a tree (a verb, a quotation with emphasis in
//! it, a link, a note). They are flattened into tokens — words, spaces and
//! punctuation split at Unicode word boundaries, so that Arabic or any
//! other script is cut where its words end, plus the quotation marks, line
//! breaks and notes — each token remembering the containers it sat in. The
//! two token lists are compared with Myers' algorithm on their text alone,
//! and the tree is built again from the result: the words both versions
//! have, the words only the old one has ([`Inline::Deleted`]) and only the
//! new one ([`Inline::Inserted`]), inside the containers they came from.
//! Words both versions have but set otherwise (a word that became part of
//! the verb) are [`Inline::Restyled`]. A note is one token: two notes at the
//! same place whose texts differ are one note whose words are compared in
//! turn.

use std::collections::HashMap;

use similar::{Algorithm, DiffOp, capture_diff_slices};
use unicode_segmentation::UnicodeSegmentation;

use crate::model;

use super::{Inline, Style};

/// A container a token sits in, as the tree of one version has it.
#[derive(Debug, Clone, Copy)]
struct Frame<'a> {
    /// Unique among the containers of both versions.
    id: usize,
    kind: FrameKind<'a>,
}

#[derive(Debug, Clone, Copy)]
enum FrameKind<'a> {
    Style(Style),
    Quote,
    Link(&'a model::Link),
}

impl FrameKind<'_> {
    fn style(self) -> Option<Style> {
        match self {
            FrameKind::Style(s) => Some(s),
            _ => None,
        }
    }

    fn same_kind(self, other: FrameKind<'_>) -> bool {
        match (self, other) {
            (FrameKind::Style(a), FrameKind::Style(b)) => a == b,
            (FrameKind::Quote, FrameKind::Quote) => true,
            (FrameKind::Link(a), FrameKind::Link(b)) => a.href == b.href,
            _ => false,
        }
    }
}

/// What a token is.
#[derive(Debug, Clone, Copy)]
enum Leaf<'a> {
    /// A word, a run of spaces or a mark of punctuation.
    Text(&'a str),
    Break,
    QuoteOpen,
    QuoteClose,
    Note(&'a model::Footnote),
}

#[derive(Debug, Clone)]
struct Token<'a> {
    leaf: Leaf<'a>,
    path: Vec<Frame<'a>>,
    /// What the comparison looks at.
    key: String,
}

impl Token<'_> {
    fn is_space(&self) -> bool {
        matches!(self.leaf, Leaf::Text(t) if t.chars().all(char::is_whitespace))
    }
}

/// Flattens inlines into tokens, numbering containers from `next_id`.
struct Tokens<'a> {
    out: Vec<Token<'a>>,
    path: Vec<Frame<'a>>,
    next_id: usize,
}

impl<'a> Tokens<'a> {
    fn of(inlines: &'a [model::Inline], first_id: usize) -> (Vec<Token<'a>>, usize) {
        let mut t = Tokens {
            out: Vec::new(),
            path: Vec::new(),
            next_id: first_id,
        };
        t.inlines(inlines);
        (t.out, t.next_id)
    }

    fn push(&mut self, leaf: Leaf<'a>, key: String) {
        self.out.push(Token {
            leaf,
            path: self.path.clone(),
            key,
        });
    }

    fn within(&mut self, kind: FrameKind<'a>, f: impl FnOnce(&mut Self)) {
        self.path.push(Frame {
            id: self.next_id,
            kind,
        });
        self.next_id += 1;
        f(self);
        self.path.pop();
    }

    fn inlines(&mut self, inlines: &'a [model::Inline]) {
        for inline in inlines {
            self.inline(inline);
        }
    }

    fn inline(&mut self, inline: &'a model::Inline) {
        use model::Inline as M;
        match inline {
            M::Text(text) => {
                for word in text.split_word_bounds() {
                    let key = if word.chars().all(char::is_whitespace) {
                        " ".to_string()
                    } else {
                        word.to_string()
                    };
                    self.push(Leaf::Text(word), key);
                }
            }
            M::LineBreak => self.push(Leaf::Break, "\n".into()),
            M::Verb(c) => self.within(FrameKind::Style(Style::Verb), |t| t.inlines(c)),
            M::Emphasis(c) => self.within(FrameKind::Style(Style::Emphasis), |t| t.inlines(c)),
            M::Strong(c) => self.within(FrameKind::Style(Style::Strong), |t| t.inlines(c)),
            M::Superscript(c) => {
                self.within(FrameKind::Style(Style::Superscript), |t| t.inlines(c))
            }
            M::Subscript(c) => self.within(FrameKind::Style(Style::Subscript), |t| t.inlines(c)),
            M::Quote(c) => self.within(FrameKind::Quote, |t| {
                t.push(Leaf::QuoteOpen, "\u{1}«".into());
                t.inlines(c);
                t.push(Leaf::QuoteClose, "\u{1}»".into());
            }),
            M::Link(link) => self.within(FrameKind::Link(link), |t| t.inlines(&link.content)),
            M::Footnote(note) => {
                let key = format!(
                    "\u{1}note {} {}",
                    note.mark.as_deref().unwrap_or(""),
                    super::normalised(&model::plain_text(&note.content))
                );
                self.push(Leaf::Note(note), key);
            }
        }
    }
}

/// What became of a token.
#[derive(Debug, Clone)]
enum Op {
    Same,
    Inserted,
    Deleted,
    /// In both versions, set otherwise in the old one.
    Restyled(Vec<Style>),
    /// A note at the same place in both, its words compared.
    Note(Vec<Inline>),
}

/// A token of the merged paragraph, with the containers it goes in.
struct Placed<'a> {
    op: Op,
    leaf: Leaf<'a>,
    path: Vec<Frame<'a>>,
}

/// The inlines of `old` and `new` merged, with their differences marked.
pub fn diff(old: &[model::Inline], new: &[model::Inline]) -> Vec<Inline> {
    let (old_tokens, next) = Tokens::of(old, 0);
    let (new_tokens, _) = Tokens::of(new, next);
    let placed = merge(&old_tokens, &new_tokens);
    tidy(build(&placed, 0))
}

/// The inlines of one version, with no marks.
pub fn unmarked(inlines: &[model::Inline]) -> Vec<Inline> {
    let (tokens, _) = Tokens::of(inlines, 0);
    let placed: Vec<Placed> = tokens
        .into_iter()
        .map(|t| Placed {
            op: Op::Same,
            leaf: t.leaf,
            path: t.path,
        })
        .collect();
    tidy(build(&placed, 0))
}

/// The inlines of one version, every word marked as only it has it.
pub fn marked(inlines: &[model::Inline], inserted: bool) -> Vec<Inline> {
    let (tokens, _) = Tokens::of(inlines, 0);
    let op = if inserted { Op::Inserted } else { Op::Deleted };
    let placed: Vec<Placed> = tokens
        .into_iter()
        .map(|t| Placed {
            op: op.clone(),
            leaf: t.leaf,
            path: t.path,
        })
        .collect();
    tidy(build(&placed, 0))
}

/// A stretch of the comparison: tokens both versions have, or tokens that
/// differ.
#[derive(Debug, Clone)]
struct Hunk {
    equal: bool,
    old: std::ops::Range<usize>,
    new: std::ops::Range<usize>,
}

fn hunks(old: &[Token<'_>], new: &[Token<'_>]) -> Vec<Hunk> {
    let old_keys: Vec<&str> = old.iter().map(|t| t.key.as_str()).collect();
    let new_keys: Vec<&str> = new.iter().map(|t| t.key.as_str()).collect();
    let mut out: Vec<Hunk> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys) {
        let (equal, o, n) = match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => (true, old_index..old_index + len, new_index..new_index + len),
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (false, old_index..old_index + old_len, new_index..new_index),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (false, old_index..old_index, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                false,
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            ),
        };
        push_hunk(
            &mut out,
            Hunk {
                equal,
                old: o,
                new: n,
            },
        );
    }
    // A space alone between two changes belongs to them: "a b c" → "x y z"
    // reads as one replacement, not three around two kept spaces.
    let mut i = 1;
    while i + 1 < out.len() {
        let h = &out[i];
        let lone_space = h.equal && old[h.old.clone()].iter().all(Token::is_space);
        if lone_space && !out[i - 1].equal && !out[i + 1].equal {
            let next = out.remove(i + 1);
            out.remove(i);
            let prev = &mut out[i - 1];
            prev.old.end = next.old.end;
            prev.new.end = next.new.end;
        } else {
            i += 1;
        }
    }
    out
}

fn push_hunk(out: &mut Vec<Hunk>, hunk: Hunk) {
    if let Some(last) = out.last_mut() {
        if last.equal == hunk.equal {
            last.old.end = hunk.old.end;
            last.new.end = hunk.new.end;
            return;
        }
    }
    out.push(hunk);
}

/// The merged token list: for each hunk, the old tokens deleted before the
/// new ones inserted; a note replaced by a note is one note, compared.
fn merge<'a>(old: &[Token<'a>], new: &[Token<'a>]) -> Vec<Placed<'a>> {
    // The old containers that are the new ones, known from the words they
    // share, so that a deleted word goes in the container it shares.
    let mut same_frame: HashMap<usize, Frame<'a>> = HashMap::new();
    let hunks = hunks(old, new);
    for h in hunks.iter().filter(|h| h.equal) {
        for (o, n) in old[h.old.clone()].iter().zip(&new[h.new.clone()]) {
            for (fo, fnew) in o.path.iter().zip(&n.path) {
                if !fo.kind.same_kind(fnew.kind) {
                    break;
                }
                same_frame.entry(fo.id).or_insert(*fnew);
            }
        }
    }
    let old_path = |t: &Token<'a>| -> Vec<Frame<'a>> {
        let mut path = Vec::with_capacity(t.path.len());
        let mut mapped = true;
        for f in &t.path {
            match same_frame.get(&f.id).filter(|_| mapped) {
                Some(n) => path.push(*n),
                None => {
                    mapped = false;
                    path.push(*f);
                }
            }
        }
        path
    };
    let mut out = Vec::with_capacity(old.len().max(new.len()));
    for h in &hunks {
        if h.equal {
            for (o, n) in old[h.old.clone()].iter().zip(&new[h.new.clone()]) {
                let was: Vec<Style> = o.path.iter().filter_map(|f| f.kind.style()).collect();
                let now: Vec<Style> = n.path.iter().filter_map(|f| f.kind.style()).collect();
                let op = if was == now {
                    Op::Same
                } else {
                    Op::Restyled(was)
                };
                out.push(Placed {
                    op,
                    leaf: n.leaf,
                    path: n.path.clone(),
                });
            }
            continue;
        }
        let olds = &old[h.old.clone()];
        let news = &new[h.new.clone()];
        let notes = |ts: &[Token<'_>]| {
            ts.iter()
                .enumerate()
                .filter(|(_, t)| matches!(t.leaf, Leaf::Note(_)))
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        };
        let (old_notes, new_notes) = (notes(olds), notes(news));
        // Notes at the same places of a replacement are the same notes,
        // changed: the text between them is compared apart.
        let mut cuts: Vec<(usize, usize)> = Vec::new();
        if !old_notes.is_empty() && old_notes.len() == new_notes.len() {
            cuts = old_notes.into_iter().zip(new_notes).collect();
        }
        let (mut o0, mut n0) = (0, 0);
        for (oi, ni) in cuts {
            replaced(&olds[o0..oi], &news[n0..ni], &old_path, &mut out);
            if let (Leaf::Note(a), Leaf::Note(b)) = (olds[oi].leaf, news[ni].leaf) {
                out.push(Placed {
                    op: Op::Note(diff(&a.content, &b.content)),
                    leaf: news[ni].leaf,
                    path: news[ni].path.clone(),
                });
            }
            (o0, n0) = (oi + 1, ni + 1);
        }
        replaced(&olds[o0..], &news[n0..], &old_path, &mut out);
    }
    out
}

fn replaced<'a>(
    olds: &[Token<'a>],
    news: &[Token<'a>],
    old_path: &impl Fn(&Token<'a>) -> Vec<Frame<'a>>,
    out: &mut Vec<Placed<'a>>,
) {
    for t in olds {
        out.push(Placed {
            op: Op::Deleted,
            leaf: t.leaf,
            path: old_path(t),
        });
    }
    for t in news {
        out.push(Placed {
            op: Op::Inserted,
            leaf: t.leaf,
            path: t.path.clone(),
        });
    }
}

/// The tree of `placed`, at the container depth `depth`: runs of tokens in
/// the same container become that container.
fn build(placed: &[Placed<'_>], depth: usize) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < placed.len() {
        let p = &placed[i];
        if p.path.len() <= depth {
            out.push(leaf(p));
            i += 1;
            continue;
        }
        let frame = p.path[depth];
        let mut j = i + 1;
        while j < placed.len()
            && placed[j].path.len() > depth
            && placed[j].path[depth].id == frame.id
        {
            j += 1;
        }
        let children = build(&placed[i..j], depth + 1);
        out.push(match frame.kind {
            FrameKind::Style(style) => Inline::Styled(style, children),
            FrameKind::Quote => Inline::Quote(children),
            FrameKind::Link(link) => Inline::Link {
                href: link.href.clone(),
                reference: link.reference.clone(),
                content: children,
            },
        });
        i = j;
    }
    out
}

fn leaf(p: &Placed<'_>) -> Inline {
    let node = match (p.leaf, &p.op) {
        (Leaf::Text(t), _) => Inline::Text(t.to_string()),
        (Leaf::Break, _) => Inline::LineBreak,
        (Leaf::QuoteOpen, _) => Inline::QuoteMark { open: true },
        (Leaf::QuoteClose, _) => Inline::QuoteMark { open: false },
        (Leaf::Note(note), op) => Inline::Note {
            mark: note.mark.clone(),
            content: match op {
                Op::Note(content) => content.clone(),
                Op::Inserted => marked(&note.content, true),
                Op::Deleted => marked(&note.content, false),
                _ => unmarked(&note.content),
            },
        },
    };
    match &p.op {
        Op::Same | Op::Note(_) => node,
        Op::Inserted => Inline::Inserted(vec![node]),
        Op::Deleted => Inline::Deleted(vec![node]),
        Op::Restyled(was) => Inline::Restyled {
            was: was.clone(),
            content: vec![node],
        },
    }
}

/// Merges neighbouring texts, and neighbouring marks of one kind.
fn tidy(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        let inline = match inline {
            Inline::Styled(s, c) => Inline::Styled(s, tidy(c)),
            Inline::Quote(c) => Inline::Quote(tidy(c)),
            Inline::Link {
                href,
                reference,
                content,
            } => Inline::Link {
                href,
                reference,
                content: tidy(content),
            },
            other => other,
        };
        match (out.last_mut(), inline) {
            (Some(Inline::Text(a)), Inline::Text(b)) => a.push_str(&b),
            (Some(Inline::Inserted(a)), Inline::Inserted(b))
            | (Some(Inline::Deleted(a)), Inline::Deleted(b)) => {
                a.extend(b);
                let merged = tidy(std::mem::take(a));
                *a = merged;
            }
            (
                Some(Inline::Restyled { was: a, content }),
                Inline::Restyled {
                    was: b,
                    content: more,
                },
            ) if *a == b => {
                content.extend(more);
                let merged = tidy(std::mem::take(content));
                *content = merged;
            }
            (_, inline) => out.push(inline),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Inline as M;

    fn text(t: &str) -> M {
        M::Text(t.into())
    }

    fn ins(t: &str) -> Inline {
        Inline::Inserted(vec![Inline::Text(t.into())])
    }

    fn del(t: &str) -> Inline {
        Inline::Deleted(vec![Inline::Text(t.into())])
    }

    fn same(t: &str) -> Inline {
        Inline::Text(t.into())
    }

    #[test]
    fn a_changed_word_is_deleted_and_inserted() {
        let old = [text("the Council decides to remain seized")];
        let new = [text("the Council decides to remain actively seized")];
        assert_eq!(
            diff(&old, &new),
            vec![
                same("the Council decides to remain "),
                ins("actively "),
                same("seized")
            ]
        );
        let new = [text("the Assembly decides to remain seized")];
        assert_eq!(
            diff(&old, &new),
            vec![
                same("the "),
                del("Council"),
                ins("Assembly"),
                same(" decides to remain seized")
            ]
        );
    }

    #[test]
    fn words_replaced_together_are_one_change() {
        let old = [text("to act now and report")];
        let new = [text("to wait until May and report")];
        assert_eq!(
            diff(&old, &new),
            vec![
                same("to "),
                del("act now"),
                ins("wait until May"),
                same(" and report")
            ]
        );
    }

    #[test]
    fn arabic_is_cut_at_its_word_boundaries() {
        let old = [text("يقرر أن يبقي المسألة قيد نظره")];
        let new = [text("يقرر أن يبقي المسألة قيد نظره الفعلي")];
        assert_eq!(
            diff(&old, &new),
            vec![same("يقرر أن يبقي المسألة قيد نظره"), ins(" الفعلي")]
        );
    }

    #[test]
    fn a_word_that_joins_the_verb_is_restyled() {
        let old = [
            M::Verb(vec![text("ACCUEILLE")]),
            text(" FAVORABLEMENT les initiatives"),
        ];
        let new = [
            M::Verb(vec![text("ACCUEILLE FAVORABLEMENT")]),
            text(" les initiatives"),
        ];
        assert_eq!(
            diff(&old, &new),
            vec![
                Inline::Styled(
                    Style::Verb,
                    vec![
                        same("ACCUEILLE"),
                        Inline::Restyled {
                            was: vec![],
                            content: vec![same(" FAVORABLEMENT")]
                        }
                    ]
                ),
                same(" les initiatives")
            ]
        );
    }

    #[test]
    fn a_deleted_word_stays_in_its_quotation() {
        let old = [
            text("le document "),
            M::Quote(vec![text("Prise de position globale")]),
        ];
        let new = [
            text("le document "),
            M::Quote(vec![text("Prise de position")]),
        ];
        assert_eq!(
            diff(&old, &new),
            vec![
                same("le document "),
                Inline::Quote(vec![
                    Inline::QuoteMark { open: true },
                    same("Prise de position"),
                    del(" globale"),
                    Inline::QuoteMark { open: false },
                ])
            ]
        );
    }

    #[test]
    fn an_added_note_is_inserted_with_its_text() {
        let note = |t: &str| {
            M::Footnote(model::Footnote {
                mark: None,
                content: vec![text(t)],
                span: None,
            })
        };
        let old = [text("resolution 2216 (2015),")];
        let new = [text("resolution 2216 (2015)"), note("S/2015/1."), text(",")];
        assert_eq!(
            diff(&old, &new),
            vec![
                same("resolution 2216 (2015)"),
                Inline::Inserted(vec![Inline::Note {
                    mark: None,
                    content: vec![ins("S/2015/1.")]
                }]),
                same(",")
            ]
        );
        // A note whose words changed is one note, its words compared.
        let old = [text("resolution"), note("See S/2015/1.")];
        let new = [text("resolution"), note("See S/2015/2.")];
        assert_eq!(
            diff(&old, &new),
            vec![
                same("resolution"),
                Inline::Note {
                    mark: None,
                    content: vec![same("See S/2015/"), del("1"), ins("2"), same(".")]
                }
            ]
        );
    }

    #[test]
    fn identical_runs_have_no_marks() {
        let run = [
            text("a "),
            M::Emphasis(vec![text("b")]),
            M::LineBreak,
            text("c"),
        ];
        let merged = diff(&run, &run);
        assert_eq!(merged, unmarked(&run));
        assert!(!super::super::has_marks(&merged));
    }
}
