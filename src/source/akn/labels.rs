//! Recovering label patterns from the labels written in a file.
//!
//! AKN writes every label out (`<num>(b)</num>`); the model keeps a pattern
//! and only the labels that break it. The pattern chosen is the one that
//! explains the most labels, so a list with a stray `1 bis.` or a part with
//! lettered headings between its numbered paragraphs keeps its numbering,
//! and exactly the irregular labels stay explicit.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::model::{Counter, LabelPattern};

const COUNTERS: [Counter; 8] = [
    Counter::Decimal,
    Counter::LowerAlpha,
    Counter::LowerRoman,
    Counter::UpperAlpha,
    Counter::UpperRoman,
    Counter::ArabicAbjad,
    Counter::ArabicAlpha,
    Counter::ArabicIndic,
];

/// Labels up to this value are recognised; no list comes near it.
const MAX_VALUE: u32 = 400;

/// How a run of labels is best described.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// The pattern.
    pub pattern: LabelPattern,
    /// The number of the first item.
    pub start: u32,
    /// Per item: `None` when the pattern gives its label, else the label
    /// as written (empty for an item without one).
    pub explicit: Vec<Option<String>>,
    /// How many labels the pattern explains.
    pub score: usize,
}

/// Fits a pattern to `labels` (`None` for an item without a label). With
/// `from_one`, only patterns counting from 1 are considered.
pub fn fit(labels: &[Option<String>], from_one: bool) -> Fit {
    let mut candidates: Vec<(LabelPattern, u32)> = Vec::new();
    for (index, label) in labels.iter().enumerate() {
        let Some(label) = label else { continue };
        for candidate in shapes(label, index as u32, from_one) {
            if !candidates.contains(&candidate) {
                candidates.push(candidate);
            }
        }
        // Enough shapes to choose from; scoring is quadratic.
        if candidates.len() > 24 {
            break;
        }
    }
    let bare = (
        LabelPattern {
            prefix: String::new(),
            counter: Counter::None,
            suffix: String::new(),
        },
        1,
    );
    candidates.push(bare);
    let mut best: Option<Fit> = None;
    for (pattern, start) in candidates {
        // Items with their own label do not take a number (see
        // `List::label`), so the count only moves on a match.
        let mut next = start;
        let explicit: Vec<Option<String>> = labels
            .iter()
            .map(|label| {
                let written = label.clone().unwrap_or_default();
                if pattern.format(next) == written {
                    next += 1;
                    None
                } else {
                    Some(written)
                }
            })
            .collect();
        let score = explicit.iter().filter(|e| e.is_none()).count();
        let better = match &best {
            None => true,
            Some(b) => score > b.score || (score == b.score && start == 1 && b.start != 1),
        };
        if better {
            best = Some(Fit {
                pattern,
                start,
                explicit,
                score,
            });
        }
    }
    best.expect("the bare pattern is always a candidate")
}

/// The patterns that could have produced `label` as item `index`.
fn shapes(label: &str, index: u32, from_one: bool) -> Vec<(LabelPattern, u32)> {
    let Some(at) = label.find(|c: char| c.is_alphanumeric()) else {
        // A fixed mark such as a bullet.
        let pattern = LabelPattern {
            prefix: String::new(),
            counter: Counter::None,
            suffix: label.to_string(),
        };
        return vec![(pattern, 1)];
    };
    let rest = &label[at..];
    let len = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '\u{640}'))
        .unwrap_or(rest.len());
    let (token, suffix) = rest.split_at(len);
    let prefix = &label[..at];
    let mut out = Vec::new();
    for counter in COUNTERS {
        let Some(value) = value_of(counter, token) else {
            continue;
        };
        let start = if from_one {
            1
        } else {
            value.saturating_sub(index)
        };
        if start == 0 {
            continue;
        }
        out.push((
            LabelPattern {
                prefix: prefix.to_string(),
                counter,
                suffix: suffix.to_string(),
            },
            start,
        ));
    }
    out
}

fn value_of(counter: Counter, token: &str) -> Option<u32> {
    match counter {
        Counter::Decimal => token
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| token.parse().ok())
            .flatten()
            .filter(|v| *v > 0),
        _ => VALUES.get(&counter)?.get(token).copied(),
    }
}

/// Every label value up to [`MAX_VALUE`] by its counter and text: the
/// inverse of [`Counter::format`], made once rather than searched for
/// every label of every list.
static VALUES: LazyLock<HashMap<Counter, HashMap<String, u32>>> = LazyLock::new(|| {
    COUNTERS
        .into_iter()
        .map(|counter| {
            let mut values = HashMap::new();
            for n in 1..=MAX_VALUE {
                // The first value wins, as a search from 1 would find.
                values.entry(counter.format(n)).or_insert(n);
            }
            (counter, values)
        })
        .collect()
});

#[cfg(test)]
mod tests {
    use super::*;

    fn some(labels: &[&str]) -> Vec<Option<String>> {
        labels.iter().map(|l| Some(l.to_string())).collect()
    }

    #[test]
    fn regular_lists_need_no_labels() {
        let fit = fit(&some(&["(a)", "(b)", "(c)"]), false);
        assert_eq!(fit.pattern.to_string(), "(a)");
        assert!(fit.explicit.iter().all(Option::is_none));
        let roman = super::fit(&some(&["(i)", "(ii)"]), false);
        assert_eq!(roman.pattern.counter, Counter::LowerRoman);
        let arabic = super::fit(&some(&["(أ)", "(ب)", "(ج)", "(د)", "(هـ)"]), false);
        assert_eq!(arabic.pattern.counter, Counter::ArabicAbjad);
        assert!(arabic.explicit.iter().all(Option::is_none));
    }

    #[test]
    fn irregular_labels_stay_explicit() {
        let fit = fit(&some(&["A.", "1.", "2.", "B.", "3."]), true);
        assert_eq!(fit.pattern.to_string(), "1.");
        let explicit: Vec<_> = fit.explicit.iter().map(|e| e.as_deref()).collect();
        assert_eq!(explicit, [Some("A."), None, None, Some("B."), None]);
        let noted = super::fit(&some(&["1.", "2.", "a.", "3."]), false);
        assert_eq!(noted.explicit.iter().filter(|e| e.is_some()).count(), 1);
        let continued = super::fit(&some(&["(h)", "(i)", "(j)"]), false);
        assert_eq!(
            (continued.pattern.counter, continued.start),
            (Counter::LowerAlpha, 8)
        );
    }

    #[test]
    fn unlabelled_items() {
        let fit = fit(&[None, None], false);
        assert_eq!(fit.pattern.format(1), "");
        assert!(fit.explicit.iter().all(Option::is_none));
    }
}
