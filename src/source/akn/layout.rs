//! Structure that UN files show by layout rather than by element.
//!
//! Some AKN4UN files keep the items of a paragraph's list as operative
//! paragraphs of their own, after the paragraph that introduces them
//! ("19. … as follows:", then "(1) …", "(2) …"); end a paragraph's
//! sentence in the unnumbered paragraph after it; keep the last preamble
//! clause ("Acting under Chapter VII …,") or a `*` ornament at the head of
//! the main body; or put an annex in the main body after the last
//! operative paragraph, under a heading, its numbered paragraphs counting
//! again from 1. Read as they are marked, such files have clauses that are
//! not clauses: the numbering, the punctuation and the comparison of
//! language versions would all be wrong. These passes give the text the
//! structure the published document has, and say what they moved in a
//! warning at its position. What they look for in each language (the marks
//! that end clauses, the words that name an annex) is the locale's
//! `[drafting]` table.
//!
//! They work on the paragraphs of the main body with the labels written
//! in the file, before the labels are fitted to a pattern.

use crate::diag::Diagnostic;
use crate::model::{Annex, Block, Clause, ListItem, Paragraph, Span, plain_text};
use crate::source::text::words::{Phrases, WORDS};

/// The paragraphs of a main body, each with the label the file gives it.
pub(super) struct Paragraphs {
    /// The label as written (`19.`, `(1)`), per paragraph.
    pub labels: Vec<Option<String>>,
    /// The paragraphs.
    pub clauses: Vec<Clause>,
}

impl Paragraphs {
    fn new() -> Paragraphs {
        Paragraphs {
            labels: Vec::new(),
            clauses: Vec::new(),
        }
    }

    fn push(&mut self, label: Option<String>, clause: Clause) {
        self.labels.push(label);
        self.clauses.push(clause);
    }
}

/// Records what a pass changed, at the paragraph it changed.
fn moved(warnings: &mut Vec<Diagnostic>, span: Option<Span>, message: String, hint: &str) {
    let mut warning = Diagnostic::warning(message).with_hint(hint);
    if let Some(span) = span {
        warning = warning.at(span);
    }
    warnings.push(warning);
}

/// What a language says that these passes look for.
pub(super) struct Words<'a> {
    /// The marks that end a paragraph whose list follows (`:`).
    pub intro_end: &'a [String],
    /// The marks that end a preamble clause (`,`).
    pub preamble_end: &'a [String],
    /// The marks that end an operative clause (`;`, and `.` for the last).
    pub clause_end: Vec<String>,
    /// The words that join a list's last items ("and", "et").
    pub joiners: &'a [String],
    /// The words that name an annex in a heading ("Annex", "المرفق").
    pub annex: &'a Phrases,
}

impl super::Ctx {
    /// The main body's paragraphs with the structure their layout shows;
    /// an annex found among them is kept for the document.
    pub(super) fn layout(&mut self, body: Paragraphs) -> Paragraphs {
        let Some(locale) = WORDS.languages.iter().find_map(|l| {
            l.locale
                .as_ref()
                .filter(|locale| locale.language == self.language)
        }) else {
            return body;
        };
        let drafting = &locale.drafting;
        let annex = Phrases::new(drafting.annex_words.iter().map(String::as_str));
        let words = Words {
            preamble_end: &drafting.preamble_end,
            intro_end: &drafting.intro_end,
            clause_end: drafting
                .operative_end
                .iter()
                .chain(&drafting.last_end)
                .cloned()
                .collect(),
            joiners: &drafting.list_joiners,
            annex: &annex,
        };
        let body = ornaments(body, &mut self.warnings);
        let (preamble, body) = preamble_in_main_body(body, &words, &mut self.warnings);
        self.preamble_in_body = preamble;
        let body = continuations(body, &words, &mut self.warnings);
        let body = lists_kept_as_paragraphs(body, &words, &mut self.warnings);
        let (body, annex) = annex_in_main_body(body, &words, &mut self.warnings);
        if annex.is_some() {
            self.annex_in_body = annex;
        }
        body
    }
}

/// A paragraph of marks only (`*`, `* * *`) among the operative
/// paragraphs is an ornament of the page, not a clause: it is skipped.
pub(super) fn ornaments(body: Paragraphs, warnings: &mut Vec<Diagnostic>) -> Paragraphs {
    let mut out = Paragraphs::new();
    for (label, clause) in body.labels.into_iter().zip(body.clauses) {
        let marks = match clause.blocks.as_slice() {
            [Block::Paragraph(p)] => {
                Some(plain_text(&p.content)).filter(|text| !text.contains(char::is_alphanumeric))
            }
            _ => None,
        };
        if let (None, Some(text)) = (&label, marks) {
            let mut warning = Diagnostic::warning(format!(
                "`{}` alone among the operative paragraphs is an ornament, not a clause; it is skipped",
                text.trim()
            ));
            if let Some(span) = clause.span {
                warning = warning.at(span).with_label("skipped");
            }
            warnings.push(warning);
            continue;
        }
        out.push(label, clause);
    }
    out
}

/// The unnumbered paragraphs that open a numbered main body and end as
/// preamble clauses do ("Acting under Chapter VII of the Charter,") are
/// the last clauses of the preamble. Returns them and the rest.
pub(super) fn preamble_in_main_body(
    body: Paragraphs,
    words: &Words<'_>,
    warnings: &mut Vec<Diagnostic>,
) -> (Vec<Clause>, Paragraphs) {
    let leading = body.labels.iter().take_while(|l| l.is_none()).count();
    let numbered = body.labels[leading..]
        .iter()
        .filter(|l| l.is_some())
        .count();
    let preamble_like = body.clauses[..leading].iter().all(|c| {
        matches!(c.blocks.as_slice(), [Block::Paragraph(_)])
            && ends_with(&c.blocks, words.preamble_end)
    });
    if leading == 0 || numbered < 2 || !preamble_like {
        return (Vec::new(), body);
    }
    let Paragraphs {
        mut labels,
        mut clauses,
    } = body;
    let rest_labels = labels.split_off(leading);
    let rest = clauses.split_off(leading);
    for clause in &clauses {
        moved(
            warnings,
            clause.span,
            "this unnumbered paragraph before the numbered ones ends as a preamble clause; it is read as the last of the preamble".into(),
            "in Akoma Ntoso, put it in the `<preamble>`",
        );
    }
    (
        clauses,
        Paragraphs {
            labels: rest_labels,
            clauses: rest,
        },
    )
}

/// A numbered paragraph that stops short of the end of its sentence
/// (its last list item ends with a comma, its text with "and") goes on in
/// the unnumbered paragraph after it, which the file keeps apart: that
/// paragraph is its continuation, not a paragraph of its own.
pub(super) fn continuations(
    body: Paragraphs,
    words: &Words<'_>,
    warnings: &mut Vec<Diagnostic>,
) -> Paragraphs {
    let mut out = Paragraphs::new();
    for (label, clause) in body.labels.into_iter().zip(body.clauses) {
        if let (None, true, Some(Some(parent)), Some(previous)) = (
            &label,
            opens_with_text(&clause),
            out.labels.last(),
            out.clauses.last_mut(),
        ) && parent.contains(char::is_alphanumeric)
            && unfinished(&previous.blocks, words)
        {
            moved(
                warnings,
                clause.span,
                format!(
                    "this unnumbered paragraph is read as the end of paragraph `{parent}`, whose sentence it finishes"
                ),
                "in Akoma Ntoso, put it in the paragraph (a list's `<wrapUp>`, or its `<content>`)",
            );
            let mut blocks = clause.blocks;
            match (previous.blocks.last_mut(), blocks.as_slice()) {
                (Some(Block::List(list)), [Block::Paragraph(_)]) if list.continuation.is_none() => {
                    let Some(Block::Paragraph(p)) = blocks.pop() else {
                        unreachable!("matched as one paragraph")
                    };
                    list.continuation = Some(p);
                }
                _ => previous.blocks.append(&mut blocks),
            }
            continue;
        }
        out.push(label, clause);
    }
    out
}

/// Whether the text of `blocks` stops without a mark that ends a clause
/// or introduces what follows.
fn unfinished(blocks: &[Block], words: &Words<'_>) -> bool {
    let Some(text) = final_text(blocks) else {
        return false;
    };
    let text = trim_end(&text);
    let ends = |marks: &[String]| marks.iter().any(|m| text.ends_with(m.as_str()));
    if ends(&words.clause_end) || ends(words.intro_end) {
        return false;
    }
    // A heading kept as a paragraph ends with a word; a clause that goes
    // on ends with a comma or a joining word.
    let joined = words.joiners.iter().any(|j| {
        text.strip_suffix(j.as_str())
            .is_some_and(|rest| rest.ends_with(|c: char| !c.is_alphanumeric()))
    });
    joined || text.ends_with([',', '،'])
}

/// Items kept as paragraphs become the list of the paragraph that
/// introduces them: a labelled paragraph that ends with an introducing
/// mark, followed by paragraphs whose labels have another shape than its
/// own (`(1)` after `19.`), all of one shape.
pub(super) fn lists_kept_as_paragraphs(
    body: Paragraphs,
    words: &Words<'_>,
    warnings: &mut Vec<Diagnostic>,
) -> Paragraphs {
    let mut out = Paragraphs::new();
    let mut rest = body.labels.into_iter().zip(body.clauses).peekable();
    while let Some((label, mut clause)) = rest.next() {
        let introduces = label.is_some() && ends_with(&clause.blocks, words.intro_end);
        if let Some(parent) = label.as_deref().filter(|_| introduces) {
            let parent_shape = shape(parent);
            let mut item_shape = None;
            let mut labels = Vec::new();
            let mut items = Vec::new();
            // Items without labels: every unlabelled paragraph up to the
            // next numbered one.
            // Quoted text after "… the following:" is the paragraph's own
            // (the text it inserts elsewhere), not an item.
            while matches!(rest.peek(), Some((None, c)) if opens_with_quotation(c)) {
                let (_, quoted) = rest.next().expect("peeked");
                clause.blocks.extend(quoted.blocks);
            }
            let unlabelled = matches!(rest.peek(), Some((None, c)) if opens_with_text(c));
            while unlabelled && matches!(rest.peek(), Some((None, c)) if opens_with_text(c)) {
                let (label, item) = rest.next().expect("peeked");
                labels.push(label);
                items.push(ListItem {
                    label: None,
                    blocks: item.blocks,
                    span: item.span,
                });
            }
            while let Some((Some(next), _)) = rest.peek().filter(|_| !unlabelled) {
                let next_shape = shape(next);
                if next_shape == parent_shape
                    || item_shape.as_ref().is_some_and(|s| *s != next_shape)
                {
                    break;
                }
                item_shape = Some(next_shape);
                let (label, item) = rest.next().expect("peeked");
                labels.push(label);
                items.push(ListItem {
                    label: None,
                    blocks: item.blocks,
                    span: item.span,
                });
            }
            if !items.is_empty() {
                let first = labels[0].as_deref().unwrap_or("");
                let last = labels[labels.len() - 1].as_deref().unwrap_or("");
                let which = match (unlabelled, items.len()) {
                    (true, 1) => format!("the unnumbered paragraph after paragraph `{parent}` is"),
                    (true, n) => {
                        format!("the {n} unnumbered paragraphs after paragraph `{parent}` are")
                    }
                    (false, 1) => {
                        format!("the paragraph labelled `{first}` after paragraph `{parent}` is")
                    }
                    (false, n) => format!(
                        "the {n} paragraphs labelled `{first}` to `{last}` after paragraph `{parent}` are"
                    ),
                };
                moved(
                    warnings,
                    items[0].span,
                    format!("{which} read as the items of its list"),
                    "in Akoma Ntoso, put the items in a `<list>` of the paragraph",
                );
                clause
                    .blocks
                    .push(Block::List(super::body::finish(items, &labels, None, None)));
            }
        }
        out.push(label, clause);
    }
    out
}

/// An annex in the main body: from a heading that names an annex, after
/// which the numbered paragraphs count again from 1, to the end. Returns
/// the paragraphs before it and the annex.
pub(super) fn annex_in_main_body(
    body: Paragraphs,
    words: &Words<'_>,
    warnings: &mut Vec<Diagnostic>,
) -> (Paragraphs, Option<Annex>) {
    let Some(at) = annex_heading(&body, words.annex) else {
        return (body, None);
    };
    let Paragraphs {
        mut labels,
        mut clauses,
    } = body;
    let tail_labels = labels.split_off(at);
    let tail = clauses.split_off(at);
    let span = tail[0].span;
    let mut annex = Annex {
        span,
        ..Annex::default()
    };
    let mut blocks = Vec::new();
    let mut run_labels = Vec::new();
    let mut run = Vec::new();
    for (label, clause) in tail_labels.into_iter().zip(tail) {
        if label.is_some() {
            run_labels.push(label);
            run.push(ListItem {
                label: None,
                blocks: clause.blocks,
                span: clause.span,
            });
            continue;
        }
        if !run.is_empty() {
            let items = std::mem::take(&mut run);
            blocks.push(Block::List(super::body::finish(
                items,
                &run_labels,
                None,
                None,
            )));
            run_labels.clear();
        }
        for block in clause.blocks {
            match block {
                // The headings before any text: the annex's label line,
                // then its title.
                Block::Heading(h) if blocks.is_empty() && annex.title.is_none() => {
                    let line = Paragraph {
                        content: h.content,
                        span: h.span,
                    };
                    if annex.label.is_none() {
                        annex.label = Some(line);
                    } else {
                        annex.title = Some(line);
                    }
                }
                other => blocks.push(other),
            }
        }
    }
    if !run.is_empty() {
        blocks.push(Block::List(super::body::finish(
            run,
            &run_labels,
            None,
            None,
        )));
    }
    annex.blocks = blocks;
    moved(
        warnings,
        span,
        "the paragraphs from this heading on are read as an annex: their numbering starts again at 1".into(),
        "in Akoma Ntoso, put an annex in `<attachments>`",
    );
    (Paragraphs { labels, clauses }, Some(annex))
}

/// The index of the paragraph that opens an annex in the main body: an
/// unlabelled heading naming an annex, after a numbered paragraph, whose
/// next numbered paragraph is 1.
fn annex_heading(body: &Paragraphs, annex: &Phrases) -> Option<usize> {
    let mut last_value = None;
    for (i, (label, clause)) in body.labels.iter().zip(&body.clauses).enumerate() {
        if let Some(label) = label {
            last_value = value(label).or(last_value);
            continue;
        }
        let Some(Block::Heading(heading)) = clause.blocks.first() else {
            continue;
        };
        if last_value.is_none_or(|v| v <= 1) || annex.find(&plain_text(&heading.content)).is_none()
        {
            continue;
        }
        let restarts = body.labels[i + 1..]
            .iter()
            .flatten()
            .next()
            .is_some_and(|l| value(l) == Some(1));
        if restarts {
            return Some(i);
        }
    }
    None
}

/// The number a decimal label counts (`19.` → 19).
fn value(label: &str) -> Option<u32> {
    let digits: String = label.chars().filter(char::is_ascii_digit).collect();
    (!digits.is_empty() && digits.len() == label.chars().filter(|c| c.is_alphanumeric()).count())
        .then(|| digits.parse().ok())
        .flatten()
}

/// A label's shape: its marks, with each run of digits written `1` and
/// each run of letters `a` (`(iv)` → `(a)`, `19.` → `1.`).
fn shape(label: &str) -> String {
    let mut out = String::new();
    for c in label.trim().chars() {
        let class = if c.is_ascii_digit() || c.is_numeric() {
            '1'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if !(class.is_alphanumeric() && out.ends_with(class)) {
            out.push(class);
        }
    }
    out
}

/// Whether a paragraph of the main body opens with a quotation mark.
fn opens_with_quotation(clause: &Clause) -> bool {
    let Some(Block::Paragraph(p)) = clause.blocks.first() else {
        return false;
    };
    plain_text(&p.content)
        .trim_start()
        .starts_with(['“', '«', '‘', '„', '"'])
}

/// Whether a paragraph of the main body opens with text (not a heading).
fn opens_with_text(clause: &Clause) -> bool {
    matches!(clause.blocks.first(), Some(Block::Paragraph(_)))
}

/// Whether the text of `blocks` ends with one of `marks`.
fn ends_with(blocks: &[Block], marks: &[String]) -> bool {
    final_text(blocks).is_some_and(|text| {
        let text = trim_end(&text);
        marks.iter().any(|m| text.ends_with(m.as_str()))
    })
}

/// The text `blocks` end with: the last paragraph's, or the last list
/// item's (or the list's continuation).
fn final_text(blocks: &[Block]) -> Option<String> {
    match blocks.last()? {
        Block::Paragraph(p) => Some(plain_text(&p.content)),
        Block::List(list) => match &list.continuation {
            Some(p) => Some(plain_text(&p.content)),
            None => final_text(&list.items.last()?.blocks),
        },
        Block::Heading(_) => None,
    }
}

/// `text` without the spaces and invisible direction marks it ends with.
fn trim_end(text: &str) -> &str {
    text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_tell_item_labels_from_paragraph_numbers() {
        assert_eq!(shape("19."), "1.");
        assert_eq!(shape("(1)"), "(1)");
        assert_eq!(shape("(iv)"), "(a)");
        assert_eq!(shape("(أ)"), "(a)");
        assert_ne!(shape("a)"), shape("(a)"));
    }

    #[test]
    fn only_decimal_labels_have_a_value() {
        assert_eq!(value("19."), Some(19));
        assert_eq!(value("1 -"), Some(1));
        assert_eq!(value("(a)"), None);
        assert_eq!(value("1 bis."), None);
    }
}
