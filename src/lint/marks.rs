//! Slips of the pen: a word written twice in a row, and brackets or
//! quotation marks that are never closed or close nothing.

use crate::diag::Diagnostic;
use crate::model::{Paragraph, plain_text};

use super::text::{is_word_char, paragraphs, words};
use super::{Context, Rule};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let res = cx.res;
    // Marks pair over a whole part: a quotation may run over several
    // paragraphs and clauses.
    let mut body = Vec::new();
    for clause in res.preamble.iter().chain(&res.operative.clauses) {
        paragraphs(&clause.blocks, &mut body);
    }
    let mut groups: Vec<Vec<&Paragraph>> = vec![body];
    for annex in &res.annexes {
        let mut paras = Vec::new();
        paragraphs(&annex.blocks, &mut paras);
        groups.push(paras);
    }
    groups.extend(res.opening.iter().map(|p| vec![p]));
    for group in &groups {
        for p in group {
            repeated(cx, p, out);
        }
        unbalanced(cx, group, out);
    }
}

fn repeated(cx: &Context<'_>, p: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = plain_text(&p.content);
    let mut previous: Option<(usize, &str)> = None;
    for (at, word) in words(&text) {
        if let Some((before_at, before)) = previous {
            let between = &text[before_at + before.len()..at];
            let is_word = word.chars().any(char::is_alphabetic);
            // "(aa)" written "(أ أ)" is a label; "Aida Aida" a name.
            let label =
                text[..before_at].ends_with('(') && text[at + word.len()..].starts_with(')');
            let name = before.chars().next().is_some_and(char::is_uppercase)
                && word.chars().next().is_some_and(char::is_uppercase);
            if is_word
                && !label
                && !name
                && between.chars().all(char::is_whitespace)
                && before.to_lowercase() == word.to_lowercase()
                && !cx
                    .drafting
                    .may_repeat
                    .iter()
                    .any(|w| w.to_lowercase() == word.to_lowercase())
            {
                out.push(
                    Rule::RepeatedWord
                        .finding(format!("`{before} {word}`: a word written twice"), p.span)
                        .with_hint("remove one of them"),
                );
            }
        }
        previous = Some((at, word));
    }
}

/// Marks that pair, over the paragraphs of one clause: a quotation may run
/// over several of them.
fn unbalanced(cx: &Context<'_>, group: &[&Paragraph], out: &mut Vec<Diagnostic>) {
    let pairs = cx.drafting.pair_chars();
    if pairs.is_empty() {
        return;
    }
    // Open marks not yet closed: the mark, the one that closes it and the
    // paragraph it is in.
    let mut open: Vec<(char, char, usize)> = Vec::new();
    for (i, p) in group.iter().enumerate() {
        let text = plain_text(&p.content);
        let mut previous = ' ';
        let mut run = 0; // length of the word before the mark
        let mut chars = text.trim_start().chars().peekable();
        // A quotation of several paragraphs opens each of them again and
        // closes only at its end.
        if let (Some(&c), Some(&(o, _, _))) = (chars.peek(), open.last()) {
            if c == o {
                chars.next();
            }
        }
        for c in chars {
            let closes_top = open.last().is_some_and(|&(_, close, _)| close == c);
            if closes_top {
                open.pop();
            } else if let Some(&(o, close)) = pairs.iter().find(|(o, _)| *o == c) {
                // A mark may open one pair and close another (Arabic
                // writes ”…“ as well as “…”): it opens only what it does
                // not close.
                open.push((o, close, i));
            } else if let Some(&(o, _)) = pairs.iter().find(|(_, cl)| *cl == c) {
                match open.iter().rposition(|&(_, close, _)| close == c) {
                    Some(_) => {
                        let (inner, _, _) = *open.last().expect("a mark is open");
                        report(
                            group[i],
                            format!(
                                "`{c}` closes a `{o}` while a `{inner}` inside it is still open"
                            ),
                            out,
                        );
                        return;
                    }
                    // "2 a)", "1)": a label in the running text.
                    None if c == ')' && (1..=4).contains(&run) => {}
                    None => {
                        report(group[i], format!("a `{c}` that closes nothing"), out);
                        return;
                    }
                }
            }
            if is_word_char(c) {
                run = if is_word_char(previous) { run + 1 } else { 1 };
            } else if c != ')' {
                run = 0;
            }
            previous = c;
        }
    }
    if let Some(&(mark, _, i)) = open.first() {
        report(group[i], format!("a `{mark}` that is never closed"), out);
    }
}

fn report(p: &Paragraph, message: String, out: &mut Vec<Diagnostic>) {
    out.push(
        Rule::Unbalanced
            .finding(message, p.span)
            .with_hint("add the missing mark, or remove the stray one"),
    );
}
