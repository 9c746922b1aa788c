//! Which block of one version is which block of the other.
//!
//! Blocks (clauses, paragraphs, list items, annexes) are aligned on their
//! normalised text. Blocks both versions have word for word, in order, are
//! the longest common subsequence of the two lists; between two of them, the
//! blocks left on each side are paired when their words are alike enough
//! (a clause whose words were edited), in order. What is left is looked
//! for elsewhere: a block found at another place, the same or nearly so,
//! has moved; the rest was deleted or inserted.

use similar::{Algorithm, DiffOp, capture_diff_slices};
use unicode_segmentation::UnicodeSegmentation;

/// Two blocks whose words overlap this much (twice the words they share
/// over the words of both) are one block, edited.
pub const SIMILAR: f64 = 0.5;

/// A block found elsewhere in the other version is the same block, moved,
/// when its words overlap this much.
pub const MOVED: f64 = 0.8;

/// Above this many pairs to weigh in one stretch, blocks are paired by
/// their place alone, so that a document rewritten from end to end is
/// still compared quickly.
const MAX_WEIGHED: usize = 4096;

/// What one block of the merged sequence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pair {
    /// Old block `.0` is new block `.1`, at the same place in the order.
    Both(usize, usize),
    /// Only the old version has it.
    Old(usize),
    /// Only the new version has it.
    New(usize),
    /// Old block `.0`, at its old place; it moved to new block `.1`.
    MovedAway(usize, usize),
    /// New block `.1`, at its new place; it was old block `.0`.
    MovedHere(usize, usize),
}

/// What a block is compared by: its kind and normalised text.
#[derive(Debug, Clone)]
pub struct Key {
    /// Blocks of different kinds (a paragraph, a list) are never paired.
    pub kind: u8,
    /// The normalised text.
    pub text: String,
}

impl Key {
    fn words(&self) -> Vec<&str> {
        self.text
            .split_word_bounds()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .collect()
    }
}

/// How alike two lists of words are, from 0 to 1.
fn similarity(a: &[&str], b: &[&str]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let shared: usize = capture_diff_slices(Algorithm::Myers, a, b)
        .iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// The merged sequence of `old` and `new`: the new order, with the blocks
/// only the old version has at their old places (before the new blocks of
/// the same stretch).
pub fn align(old: &[Key], new: &[Key]) -> Vec<Pair> {
    let exact = |k: &Key| format!("{}\u{0}{}", k.kind, k.text);
    let old_keys: Vec<String> = old.iter().map(exact).collect();
    let new_keys: Vec<String> = new.iter().map(exact).collect();
    // The anchors: pairs in order in both versions.
    let mut anchors: Vec<(usize, usize)> = Vec::new();
    let mut gaps: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => anchors.extend((0..len).map(|k| (old_index + k, new_index + k))),
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => gaps.push((old_index..old_index + old_len, new_index..new_index)),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => gaps.push((old_index..old_index, new_index..new_index + new_len)),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => gaps.push((
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            )),
        }
    }
    let old_words: Vec<Vec<&str>> = old.iter().map(Key::words).collect();
    let new_words: Vec<Vec<&str>> = new.iter().map(Key::words).collect();
    let mut old_taken = vec![false; old.len()];
    let mut new_taken = vec![false; new.len()];
    for &(o, n) in &anchors {
        old_taken[o] = true;
        new_taken[n] = true;
    }
    // Moves: a block left over on one side that is, word for word, one
    // left over on the other, at another place.
    let mut moves: Vec<(usize, usize)> = Vec::new();
    for (gi, (go, _)) in gaps.iter().enumerate() {
        for o in go.clone() {
            let found = gaps
                .iter()
                .enumerate()
                .filter(|(gj, _)| *gj != gi)
                .flat_map(|(_, (_, gn))| gn.clone())
                .find(|&n| !new_taken[n] && old_keys[o] == new_keys[n]);
            if let Some(n) = found {
                moves.push((o, n));
                old_taken[o] = true;
                new_taken[n] = true;
            }
        }
    }
    // Edits: in each stretch, the pairs alike enough, in order.
    for (go, gn) in &gaps {
        let olds: Vec<usize> = go.clone().filter(|&o| !old_taken[o]).collect();
        let news: Vec<usize> = gn.clone().filter(|&n| !new_taken[n]).collect();
        for (o, n) in pair_in_order(&olds, &news, old, new, &old_words, &new_words) {
            anchors.push((o, n));
            old_taken[o] = true;
            new_taken[n] = true;
        }
    }
    // Moves again: what is left, nearly the same as a block left
    // elsewhere.
    for o in 0..old.len() {
        if old_taken[o] {
            continue;
        }
        let best = (0..new.len())
            .filter(|&n| !new_taken[n] && old[o].kind == new[n].kind)
            .map(|n| (n, similarity(&old_words[o], &new_words[n])))
            .filter(|&(_, s)| s >= MOVED)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((n, _)) = best {
            moves.push((o, n));
            old_taken[o] = true;
            new_taken[n] = true;
        }
    }
    anchors.sort_unstable();
    merged(old.len(), new.len(), &anchors, &moves)
}

/// The pairs of `olds` and `news` (indices in order) alike enough, in
/// order, with the most likeness in all.
fn pair_in_order(
    olds: &[usize],
    news: &[usize],
    old: &[Key],
    new: &[Key],
    old_words: &[Vec<&str>],
    new_words: &[Vec<&str>],
) -> Vec<(usize, usize)> {
    if olds.is_empty() || news.is_empty() {
        return Vec::new();
    }
    let alike = |o: usize, n: usize| -> f64 {
        if old[o].kind != new[n].kind {
            return 0.0;
        }
        let s = similarity(&old_words[o], &new_words[n]);
        if s >= SIMILAR { s } else { 0.0 }
    };
    if olds.len() * news.len() > MAX_WEIGHED {
        return olds
            .iter()
            .zip(news)
            .filter(|&(&o, &n)| alike(o, n) > 0.0)
            .map(|(&o, &n)| (o, n))
            .collect();
    }
    // Weighted longest common subsequence.
    let (m, k) = (olds.len(), news.len());
    let weight: Vec<Vec<f64>> = olds
        .iter()
        .map(|&o| news.iter().map(|&n| alike(o, n)).collect())
        .collect();
    let mut best = vec![vec![0.0f64; k + 1]; m + 1];
    for i in (0..m).rev() {
        for j in (0..k).rev() {
            let take = if weight[i][j] > 0.0 {
                weight[i][j] + best[i + 1][j + 1]
            } else {
                0.0
            };
            best[i][j] = take.max(best[i + 1][j]).max(best[i][j + 1]);
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < m && j < k {
        if weight[i][j] > 0.0 && best[i][j] == weight[i][j] + best[i + 1][j + 1] {
            pairs.push((olds[i], news[j]));
            i += 1;
            j += 1;
        } else if best[i][j] == best[i + 1][j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

/// The merged order: between two anchors, the old blocks of the stretch,
/// then its new ones.
fn merged(
    old_len: usize,
    new_len: usize,
    anchors: &[(usize, usize)],
    moves: &[(usize, usize)],
) -> Vec<Pair> {
    let moved_to = |o: usize| moves.iter().find(|m| m.0 == o).map(|m| m.1);
    let moved_from = |n: usize| moves.iter().find(|m| m.1 == n).map(|m| m.0);
    let mut out = Vec::with_capacity(old_len.max(new_len));
    let (mut o, mut n) = (0, 0);
    let ends = anchors.iter().copied().chain([(old_len, new_len)]);
    for (ao, an) in ends {
        for i in o..ao {
            out.push(match moved_to(i) {
                Some(to) => Pair::MovedAway(i, to),
                None => Pair::Old(i),
            });
        }
        for j in n..an {
            out.push(match moved_from(j) {
                Some(from) => Pair::MovedHere(from, j),
                None => Pair::New(j),
            });
        }
        if ao < old_len && an < new_len {
            out.push(Pair::Both(ao, an));
        }
        (o, n) = (ao + 1, an + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(texts: &[&str]) -> Vec<Key> {
        texts
            .iter()
            .map(|t| Key {
                kind: 0,
                text: t.to_string(),
            })
            .collect()
    }

    #[test]
    fn unchanged_blocks_pair_in_order() {
        let a = keys(&["one two", "three four", "five six"]);
        assert_eq!(
            align(&a, &a),
            vec![Pair::Both(0, 0), Pair::Both(1, 1), Pair::Both(2, 2)]
        );
    }

    #[test]
    fn inserted_and_deleted_blocks_are_found() {
        let old = keys(&["alpha beta", "gamma delta", "epsilon zeta"]);
        let new = keys(&["alpha beta", "new words here", "epsilon zeta"]);
        assert_eq!(
            align(&old, &new),
            vec![
                Pair::Both(0, 0),
                Pair::Old(1),
                Pair::New(1),
                Pair::Both(2, 2)
            ]
        );
    }

    #[test]
    fn an_edited_block_is_paired_with_its_old_self() {
        let old = keys(&["a", "decides to remain seized of the matter", "z"]);
        let new = keys(&["a", "decides to remain actively seized of the matter", "z"]);
        assert_eq!(
            align(&old, &new),
            vec![Pair::Both(0, 0), Pair::Both(1, 1), Pair::Both(2, 2)]
        );
    }

    #[test]
    fn a_block_that_moved_is_a_move() {
        let old = keys(&[
            "first clause",
            "second clause",
            "third clause",
            "fourth one",
        ]);
        let new = keys(&[
            "second clause",
            "third clause",
            "first clause",
            "fourth one",
        ]);
        assert_eq!(
            align(&old, &new),
            vec![
                Pair::MovedAway(0, 2),
                Pair::Both(1, 0),
                Pair::Both(2, 1),
                Pair::MovedHere(0, 2),
                Pair::Both(3, 3)
            ]
        );
    }

    #[test]
    fn blocks_of_different_kinds_are_never_paired() {
        let old = vec![Key {
            kind: 0,
            text: "the same words".into(),
        }];
        let new = vec![Key {
            kind: 1,
            text: "the same words".into(),
        }];
        assert_eq!(align(&old, &new), vec![Pair::Old(0), Pair::New(0)]);
    }
}
