//! Cross-references: "paragraph 14 below", "paragraphe 3 ci-dessus",
//! "párrafo 2 a)", "الفقرة 5" that point at a paragraph or sub-paragraph
//! the document does not have.
//!
//! A reference is the document's own when the words after its numbers say
//! so ("above", "of the present resolution"), or when nothing says it is
//! another document's: no "of …" after it and no document named before
//! it in its clause ("recalls resolution 2231 (2015), in particular
//! paragraph 3" is that resolution's paragraph).

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::Diagnostic;
use crate::model::{Block, Clause, LabelPattern};

use super::text::{is_word_char, paragraphs, starts_with_phrase, words};
use super::{Context, Rule};

/// One paragraph reference found in a text.
#[derive(Debug, PartialEq)]
struct Reference {
    /// The paragraph numbers, with the sub-paragraph labels after each.
    targets: Vec<(u32, Vec<String>)>,
    /// The reference as written.
    written: String,
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let d = cx.drafting;
    if d.paragraph_words.is_empty() {
        return;
    }
    // The paragraphs the document has, by number, with the labels of
    // their sub-paragraphs.
    let mut known: BTreeMap<u32, BTreeSet<String>> = BTreeMap::new();
    let operative = &cx.res.operative;
    for (i, clause) in operative.clauses.iter().enumerate() {
        let Some(label) = operative.label(i) else {
            continue;
        };
        let Some(n) = LabelPattern::read(label.trim())
            .into_iter()
            .find(|(p, _)| p.counter == crate::model::Counter::Decimal)
            .map(|(_, n)| n)
        else {
            continue;
        };
        known.insert(n, sub_labels(clause));
    }
    // Numbers the source keeps in the text ("27 -" in some Arabic Akoma
    // Ntoso) are no labels: without most paragraphs' numbers, the rule
    // cannot tell what the text has.
    if known.is_empty() || known.len() * 5 < operative.clauses.len() * 4 {
        return;
    }
    for clause in cx.res.preamble.iter().chain(&operative.clauses) {
        let mut paras = Vec::new();
        paragraphs(&clause.blocks, &mut paras);
        let mut before = String::new();
        for p in paras {
            let text = crate::model::plain_text(&p.content);
            for (at, len, reference) in find(cx, &text) {
                let preceding = format!("{before} {}", &text[..at]);
                if !is_own(cx, &text[at + len..], &preceding) {
                    continue;
                }
                for (n, subs) in &reference.targets {
                    let problem = match known.get(n) {
                        None => Some(format!(
                            "`{}` refers to paragraph {n}, which the text does not have (it has {})",
                            reference.written,
                            range(&known)
                        )),
                        // A paragraph without a list may keep its
                        // items as paragraphs of their own.
                        Some(labels) if labels.is_empty() => None,
                        Some(labels) => subs.iter().find(|s| !labels.contains(*s)).map(|s| {
                            format!(
                                "`{}` refers to sub-paragraph {s} of paragraph {n}, which has {}",
                                reference.written,
                                if labels.is_empty() {
                                    "none".to_string()
                                } else {
                                    labels.iter().cloned().collect::<Vec<_>>().join(", ")
                                }
                            )
                        }),
                    };
                    if let Some(message) = problem {
                        out.push(Rule::CrossReference.finding(message, p.span).with_hint(
                            "correct the number, or say which document the paragraph is of",
                        ));
                        break;
                    }
                }
            }
            before.push(' ');
            before.push_str(&text);
        }
    }
}

/// "1–12", for messages.
fn range(known: &BTreeMap<u32, BTreeSet<String>>) -> String {
    match (known.keys().next(), known.keys().last()) {
        (Some(first), Some(last)) if first != last => format!("paragraphs {first} to {last}"),
        (Some(first), _) => format!("paragraph {first} only"),
        _ => "none".into(),
    }
}

/// The labels of the first-level list items of `clause`, without their
/// brackets and dots: `a`, `iv`, `أ`.
fn sub_labels(clause: &Clause) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for block in &clause.blocks {
        if let Block::List(list) = block {
            for i in 0..list.items.len() {
                out.insert(core(&list.label(i)));
            }
        }
    }
    out
}

/// A label's letters and digits, in lower case.
fn core(label: &str) -> String {
    label
        .chars()
        .filter(|&c| is_word_char(c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a reference is the document's own, from what follows its
/// numbers (`tail`) and what precedes it in its clause.
fn is_own(cx: &Context<'_>, tail: &str, preceding: &str) -> bool {
    let d = cx.drafting;
    let tail = tail.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
    if d.here.iter().any(|h| starts_with_phrase(tail, h).is_some()) {
        return true;
    }
    // "of resolution 2111" a few words on, past labels and ranges
    // ("paragraph 10 (a)–(d) of resolution 2111 (2013)").
    let near: Vec<&str> = words(tail).take(4).map(|(_, w)| w).collect();
    if near.iter().any(|w| {
        d.elsewhere
            .iter()
            .any(|e| e.split_whitespace().count() == 1 && e.to_lowercase() == w.to_lowercase())
    }) || d
        .elsewhere
        .iter()
        .any(|e| starts_with_phrase(tail, e).is_some())
    {
        return false;
    }
    let preceding = preceding.to_lowercase();
    !words(&preceding).any(|(_, w)| d.documents.iter().any(|doc| doc.to_lowercase() == w))
}

/// The references in `text`, with their byte offsets and lengths.
fn find(cx: &Context<'_>, text: &str) -> Vec<(usize, usize, Reference)> {
    words(text)
        .filter_map(|(at, _)| {
            let (reference, len) = parse(cx, &text[at..])?;
            Some((at, len, reference))
        })
        .collect()
}

/// A reference at the start of `text`: a paragraph word, then numbers
/// with their sub-paragraph labels, joined by the language's joiners.
/// Returns it and the length it covers.
fn parse(cx: &Context<'_>, text: &str) -> Option<(Reference, usize)> {
    let d = cx.drafting;
    let mut rest = text;
    let word = d
        .paragraph_words
        .iter()
        .find_map(|w| starts_with_phrase(rest, w))
        .or_else(|| {
            d.word_prefixes.iter().find_map(|prefix| {
                let after = rest.strip_prefix(prefix.as_str())?;
                let n = d
                    .paragraph_words
                    .iter()
                    .find_map(|w| starts_with_phrase(after, w))?;
                Some(prefix.len() + n)
            })
        })?;
    rest = &rest[word..];
    let mut targets = Vec::new();
    loop {
        let trimmed = rest.trim_start();
        let digits = trimmed
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(trimmed.len());
        if digits == 0 || digits > 4 {
            break;
        }
        // A number followed by a letter is not a paragraph ("2231st").
        let after = &trimmed[digits..];
        if after.starts_with(is_word_char) {
            break;
        }
        let n: u32 = trimmed[..digits].parse().ok()?;
        rest = after;
        let mut subs = Vec::new();
        while let Some((sub, len)) = sub_label(rest) {
            subs.push(sub);
            rest = &rest[len..];
            match joiner(cx, rest) {
                Some(len) if sub_label(&rest[len..]).is_some() => rest = &rest[len..],
                _ => break,
            }
        }
        targets.push((n, subs));
        match joiner(cx, rest) {
            Some(len) => {
                let next = rest[len..].trim_start();
                if next.starts_with(|c: char| c.is_ascii_digit()) {
                    rest = &rest[len..];
                } else {
                    break;
                }
            }
            None => break,
        }
    }
    if targets.is_empty() {
        return None;
    }
    let len = text.len() - rest.len();
    Some((
        Reference {
            targets,
            written: text[..len].trim().to_string(),
        },
        len,
    ))
}

/// A sub-paragraph label at the start of `text`: `(a)`, ` a)`, `(iv)`.
fn sub_label(text: &str) -> Option<(String, usize)> {
    let trimmed = text.trim_start();
    let skipped = text.len() - trimmed.len();
    let (inner, open) = match trimmed.strip_prefix('(') {
        Some(rest) => (rest, 1),
        None => (trimmed, 0),
    };
    let end = inner.find(|c: char| !is_word_char(c))?;
    let label = &inner[..end];
    if label.is_empty() || label.chars().count() > 4 || label.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    // Without a bracket before it, a word is a label only when a bracket
    // closes it: "a)".
    if !inner[end..].starts_with(')') {
        return None;
    }
    Some((core(label), skipped + open + end + 1))
}

/// The length of a joiner ("and", ",", "to") at the start of `text`, with
/// the spaces around it.
fn joiner(cx: &Context<'_>, text: &str) -> Option<usize> {
    // ", and" is one joiner.
    let first = one_joiner(cx, text)?;
    Some(first + one_joiner(cx, &text[first..]).unwrap_or(0))
}

fn one_joiner(cx: &Context<'_>, text: &str) -> Option<usize> {
    let trimmed = text.trim_start();
    let skipped = text.len() - trimmed.len();
    cx.drafting.number_joiners.iter().find_map(|j| {
        let len = if j.chars().any(is_word_char) {
            // Arabic joins و to the number that follows: و4.
            match trimmed.strip_prefix(j.as_str()) {
                Some(after) if after.starts_with(|c: char| c.is_ascii_digit()) => j.len(),
                _ => starts_with_phrase(trimmed, j)?,
            }
        } else {
            trimmed.strip_prefix(j.as_str()).map(|_| j.len())?
        };
        Some(skipped + len)
    })
}
