//! How clauses end and how they open: the punctuation of preamble and
//! operative clauses and of list items, and the opening phrase of each
//! clause against the lexicon.

use crate::diag::Diagnostic;
use crate::model::{Block, Clause, Counter, Inline, List, plain_text};

use super::text::{Part, final_text};
use super::{Context, Rule};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    punctuation(cx, out);
    for clause in cx.res.preamble.iter().chain(&cx.res.operative.clauses) {
        lists(cx, &clause.blocks, out);
    }
    openings(cx, out);
}

/// The mark that ends `text`, past any closing quotation marks or
/// brackets, when it is one of `marks`; `None` when it ends otherwise.
fn ending<'m>(text: &str, marks: &'m [String], closers: &[String]) -> Option<&'m str> {
    let mut rest = trim_end(text);
    loop {
        if let Some(mark) = marks.iter().find(|m| rest.ends_with(m.as_str())) {
            return Some(mark);
        }
        rest = strip_closer(rest, closers)?;
    }
}

/// `text` without the closer it ends with, if it ends with one.
fn strip_closer<'t>(text: &'t str, closers: &[String]) -> Option<&'t str> {
    let closer = closers.iter().find(|c| text.ends_with(c.as_str()))?;
    Some(trim_end(&text[..text.len() - closer.len()]))
}

/// The last character of `text` that is not a space or a closer, for
/// messages.
fn last_mark(text: &str, closers: &[String]) -> String {
    let mut rest = trim_end(text);
    while let Some(shorter) = strip_closer(rest, closers) {
        rest = shorter;
    }
    rest.chars().last().map(String::from).unwrap_or_default()
}

/// `text` without the spaces and the invisible direction marks (U+200E,
/// U+200F, U+202A–U+202E, U+2066–U+2069) it ends with.
fn trim_end(text: &str) -> &str {
    text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

/// `text` without a joining word after its final mark ("…; and", and
/// "…; and," as some texts write it).
fn without_joiner<'t>(text: &'t str, joiners: &[String]) -> &'t str {
    let trimmed = trim_end(text);
    let bare = trimmed.strip_suffix([',', '،']).map_or(trimmed, trim_end);
    for joiner in joiners {
        if let Some(rest) = bare.strip_suffix(joiner.as_str()) {
            if rest.ends_with(|c: char| !super::text::is_word_char(c)) {
                return trim_end(rest);
            }
        }
    }
    trimmed
}

fn marks_list(marks: &[String]) -> String {
    marks
        .iter()
        .map(|m| format!("`{m}`"))
        .collect::<Vec<_>>()
        .join(" or ")
}

fn punctuation(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let d = cx.drafting;
    // The convention is that of a resolution, one sentence from its
    // enacting formula on; a text without one (a presidential statement)
    // is made of sentences.
    if cx.res.opening.is_none() {
        return;
    }
    let mut expect = |clause: &Clause, marks: &[String], more: bool, what: &str| {
        if marks.is_empty() {
            return;
        }
        let Some(end) = final_text(&clause.blocks) else {
            return;
        };
        // "…; and", the clause going on in the next.
        let joined = more
            && ending(
                without_joiner(&end.text, &d.list_joiners),
                marks,
                &d.closers,
            )
            .is_some();
        if !end.text.contains(super::text::is_word_char)
            || joined
            || ending(&end.text, marks, &d.closers).is_some()
            || (more && ending(&end.text, &d.intro_end, &d.closers).is_some())
        {
            return;
        }
        let found = last_mark(&end.text, &d.closers);
        out.push(
            Rule::ClausePunctuation
                .finding(
                    format!(
                        "{what} ends with `{found}`; it should end with {}",
                        marks_list(marks)
                    ),
                    end.span.or(clause.span),
                )
                .with_label(format!("should end with {}", marks_list(marks))),
        );
    };
    let preamble = &cx.res.preamble;
    for (i, clause) in preamble.iter().enumerate() {
        if is_heading_like(cx, clause) {
            continue;
        }
        let more = i + 1 < preamble.len();
        // A clause that ends with a list ends as its items do when the
        // sentence goes on in the next clause ("(f) …; and stressing …").
        let ends_in_list =
            matches!(clause.blocks.last(), Some(Block::List(l)) if l.continuation.is_none());
        let item_end = final_text(&clause.blocks)
            .is_some_and(|end| ending(&end.text, &d.operative_end, &d.closers).is_some());
        if !(more && ends_in_list && item_end) {
            expect(clause, &d.preamble_end, more, "this preamble clause");
        }
    }
    let operative = &cx.res.operative;
    // The paragraphs that are clauses: headings kept as paragraphs and
    // items the source puts at the level of the paragraphs (`(a)` among
    // `1.`, `2.`) are not.
    let numbering = operative
        .numbering
        .as_ref()
        .map(|p| p.counter)
        .or_else(|| common_counter(operative));
    let is_clause = |i: usize, clause: &Clause| {
        if is_heading_like(cx, clause) {
            return false;
        }
        match operative.label(i) {
            Some(label) if !label.trim().is_empty() => {
                let read = crate::model::LabelPattern::read(label.trim());
                let numbered = read.iter().any(|(p, _)| p.counter != Counter::None);
                numbered && numbering.is_none_or(|c| read.iter().any(|(p, _)| p.counter == c))
            }
            _ => true,
        }
    };
    let clauses: Vec<(usize, &Clause)> = operative
        .clauses
        .iter()
        .enumerate()
        .filter(|&(i, c)| is_clause(i, c))
        .collect();
    // After a clause that ends with `:`, the paragraphs that follow may be
    // the items of a list the source keeps as paragraphs: they end as items
    // do, until one ends as a clause.
    let mut in_list = false;
    let item_marks: Vec<String> = d.preamble_end.iter().chain(&d.intro_end).cloned().collect();
    for (k, &(i, clause)) in clauses.iter().enumerate() {
        let more = i + 1 < operative.clauses.len();
        let text = final_text(&clause.blocks)
            .map(|t| t.text)
            .unwrap_or_default();
        if in_list && ending(&text, &item_marks, &d.closers).is_some() {
            continue;
        }
        if k + 1 == clauses.len() {
            expect(clause, &d.last_end, more, "the last operative clause");
        } else {
            expect(clause, &d.operative_end, more, "this operative clause");
        }
        in_list = more && ending(&text, &d.intro_end, &d.closers).is_some();
    }
}

/// The counter most written labels of the operative part read in: its
/// numbering, when it has none of its own.
fn common_counter(operative: &crate::model::Operative) -> Option<Counter> {
    let mut counts: Vec<(Counter, usize)> = Vec::new();
    for clause in &operative.clauses {
        let Some(label) = clause.label.as_deref() else {
            continue;
        };
        if let Some((p, _)) = crate::model::LabelPattern::read(label.trim()).first() {
            match counts.iter_mut().find(|(c, _)| *c == p.counter) {
                Some((_, n)) => *n += 1,
                None => counts.push((p.counter, 1)),
            }
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(c, _)| c)
}

/// A clause that is a heading the source keeps as a paragraph ("Arms
/// embargo", "A. Targeted sanctions", "Reporting:"): one paragraph without
/// a final mark, either all in bold or italics (then perhaps with a
/// colon), or short, unnumbered and not opening with a phrase of the
/// lexicon.
pub(super) fn is_heading_like(cx: &Context<'_>, clause: &Clause) -> bool {
    let [Block::Paragraph(p)] = clause.blocks.as_slice() else {
        return false;
    };
    let text = plain_text(&p.content);
    let text = text.trim();
    let styled = p.content.iter().all(|i| match i {
        Inline::Strong(_) | Inline::Emphasis(_) | Inline::Verb(_) | Inline::Footnote(_) => true,
        Inline::Text(t) => t.trim().is_empty(),
        _ => false,
    });
    // A title in bold may end with a colon ("**Reporting:**").
    let titled = |text: &str| {
        text.strip_suffix(':')
            .unwrap_or(text)
            .trim_end()
            .chars()
            .last()
            .is_some_and(super::text::is_word_char)
    };
    if styled && text.chars().count() <= 150 && titled(text) {
        return true;
    }
    if !text.chars().last().is_some_and(super::text::is_word_char) {
        return false;
    }
    styled
        || (clause.label.as_deref().is_none_or(str::is_empty)
            && text.chars().count() <= 150
            && cx.phrases.opening(text).is_none())
}

/// The items of each list but the last end with the same mark.
fn lists(cx: &Context<'_>, blocks: &[Block], out: &mut Vec<Diagnostic>) {
    for block in blocks {
        let Block::List(list) = block else { continue };
        list_items(cx, list, out);
        for item in &list.items {
            lists(cx, &item.blocks, out);
        }
    }
}

fn list_items(cx: &Context<'_>, list: &List, out: &mut Vec<Diagnostic>) {
    let d = cx.drafting;
    if list.items.len() < 3 || d.operative_end.is_empty() {
        return;
    }
    // Each item's mark, a joining word ("; and") taken off.
    let ends: Vec<_> = list.items[..list.items.len() - 1]
        .iter()
        .map(|item| {
            let end = final_text(&item.blocks)?;
            let text = without_joiner(&end.text, &d.list_joiners);
            Some((last_mark(text, &d.closers), end.span))
        })
        .collect();
    // The mark most items end with is the list's convention.
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for (mark, _) in ends.iter().flatten() {
        match counts.iter_mut().find(|(m, _)| m == mark) {
            Some((_, n)) => *n += 1,
            None => counts.push((mark, 1)),
        }
    }
    let Some(&(usual, n)) = counts.iter().max_by_key(|(_, n)| *n) else {
        return;
    };
    // Two thirds of the items agree, or there is no convention to hold.
    if n * 3 < ends.len() * 2 {
        return;
    }
    let is_mark = |m: &str| !m.chars().any(super::text::is_word_char);
    if !is_mark(usual) {
        return;
    }
    for (i, (mark, span)) in ends.iter().flatten().enumerate() {
        if mark != usual {
            let label = list.label(i);
            out.push(
                Rule::ListPunctuation
                    .finding(
                        format!(
                            "item {label} ends with `{mark}` where the other items of its list end with `{usual}`"
                        ),
                        span.or(list.items[i].span),
                    )
                    .with_label(format!("the list's items end with `{usual}`")),
            );
            return;
        }
    }
}

fn openings(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cx.phrases.is_empty() {
        return;
    }
    let parts = [
        (&cx.res.preamble, Part::Preamble),
        (&cx.res.operative.clauses, Part::Operative),
    ];
    for (clauses, part) in parts {
        for clause in clauses {
            let Some(Block::Paragraph(first)) = clause.blocks.first() else {
                continue;
            };
            let verb = clause.verb().map(plain_text);
            let text = verb.clone().unwrap_or_else(|| plain_text(&first.content));
            // "Noting the increase in attacks, decides …", and an adverb
            // both parts open with before the verb ("Further expresses").
            let reaches_verb = |phrase: &str| {
                let words = plain_text(&first.content);
                let after = words.trim_start().get(phrase.len()..).unwrap_or("");
                cx.phrases.opens_operative(after) || cx.phrases.operative_after_comma(&words)
            };
            match cx.phrases.opening(&text) {
                Some((phrase, Part::Preamble))
                    if part == Part::Operative && reaches_verb(phrase) => {}
                Some((phrase, found)) if found != part && found != Part::Both => {
                    let (rule, message) = if part == Part::Preamble {
                        (
                            Rule::PreambleOperativeVerb,
                            format!(
                                "this preamble clause opens with `{phrase}`, an operative verb"
                            ),
                        )
                    } else {
                        (
                            Rule::OperativeParticiple,
                            format!(
                                "this operative clause opens with `{phrase}`, a phrase of the preamble"
                            ),
                        )
                    };
                    let hint = if part == Part::Preamble {
                        "a preamble clause opens with a participle or an adjective (\"Recalling\", \"Deeply concerned\"); or move the clause to the operative part"
                    } else {
                        "an operative clause opens with a verb in the present tense (\"Decides\", \"Requests\"); or move the clause to the preamble"
                    };
                    out.push(rule.finding(message, first.span).with_hint(hint));
                }
                None => {
                    if let Some(verb) = verb.filter(|v| !v.trim().is_empty()) {
                        out.push(
                            Rule::UnknownPhrase
                                .finding(
                                    format!(
                                        "the opening phrase `{}` is not in the lexicon",
                                        verb.trim()
                                    ),
                                    first.span,
                                )
                                .with_hint(
                                    "add it to the language's file in styles/locales/lexicon/ if it is right",
                                ),
                        );
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(m: &[&str]) -> Vec<String> {
        m.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_clause_ends_past_closers_and_invisible_direction_marks() {
        let semicolon = marks(&[";"]);
        let closers = marks(&["”", ")"]);
        assert_eq!(
            ending("… seized of it;\u{202C} ", &semicolon, &closers),
            Some(";")
        );
        assert_eq!(ending("… “as follows;”)", &semicolon, &closers), Some(";"));
        assert_eq!(ending("… as follows,", &semicolon, &closers), None);
        assert_eq!(last_mark("… as follows,\u{200F}", &closers), ",");
    }

    #[test]
    fn a_joining_word_after_the_mark_is_set_aside() {
        let joiners = marks(&["and", "و"]);
        assert_eq!(
            without_joiner("in Afghanistan; and", &joiners),
            "in Afghanistan;"
        );
        assert_eq!(
            without_joiner("in Afghanistan; band", &joiners),
            "in Afghanistan; band"
        );
        assert_eq!(without_joiner("SNPF; and,", &joiners), "SNPF;");
    }
}
