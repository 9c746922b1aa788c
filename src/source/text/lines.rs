//! From the text to paragraphs: lines, page artefacts and hard wrapping.
//!
//! Text copied out of a PDF comes in lines of the page's width, with the
//! page's running header, footer and number between the pages. Those are
//! dropped, each with a warning that names it; the lines of one paragraph
//! are joined and the hyphenation at their ends undone. Text already in
//! paragraphs (one a line, or Markdown's blank-line-separated blocks) is
//! taken as it is. Every paragraph keeps where each of its pieces was in
//! the file, so that a diagnostic points at the text's own line and column.

use crate::diag::Diagnostic;
use crate::model::Span;

use super::Layout;
use super::words::{self, Words};

/// A paragraph of the text, its lines joined.
#[derive(Debug, Clone)]
pub struct Para {
    /// The text, lines joined by a space (or by nothing, where a word was
    /// hyphenated at the end of a line).
    pub text: String,
    /// Where the pieces of `text` start in the file: (offset in `text`,
    /// offset in the file), in order.
    map: Vec<(usize, usize)>,
    /// Where the paragraph is in the file.
    pub span: Span,
    /// Leading spaces of its first line.
    pub indent: usize,
    /// Whether it was a Markdown heading (`## Résolution N° 6`).
    pub heading: bool,
    /// Whether a page ends after it (or the text does): where a PDF puts
    /// its footnotes.
    pub page_end: bool,
    /// Whether it is a note printed at the foot of a page, lifted out of
    /// the paragraph it interrupted (`pdftotext` gives it between the
    /// page's last line and the first of the next page).
    pub foot: bool,
    /// The length of its last line, in characters.
    last_line_chars: usize,
}

impl Para {
    /// A paragraph of one line, `t`, at file offset `start`.
    fn new(t: &str, start: usize, indent: usize, heading: bool) -> Para {
        Para {
            text: t.to_string(),
            map: vec![(0, start)],
            span: Span::new(start, start + t.len()),
            indent,
            heading,
            page_end: false,
            foot: false,
            last_line_chars: t.chars().count(),
        }
    }

    /// The file offset of byte `at` of [`Para::text`].
    pub fn source(&self, at: usize) -> usize {
        let i = self.map.partition_point(|&(t, _)| t <= at).max(1) - 1;
        let (t, s) = self.map[i];
        s + (at - t)
    }

    /// The span in the file of `range` of [`Para::text`].
    pub fn span_of(&self, range: std::ops::Range<usize>) -> Span {
        let start = self.source(range.start);
        let end = if range.end > range.start {
            self.source(range.end - 1) + 1
        } else {
            start
        };
        Span::new(start, end.max(start))
    }
}

/// One line of the file.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// Without its end of line and trailing spaces.
    text: &'a str,
    /// File offset of the line's first byte.
    start: usize,
}

impl Line<'_> {
    fn trimmed(&self) -> &str {
        self.text.trim()
    }
    fn blank(&self) -> bool {
        self.trimmed().is_empty()
    }
    fn content_start(&self) -> usize {
        self.start + (self.text.len() - self.text.trim_start().len())
    }
    fn span(&self) -> Span {
        let start = self.content_start();
        Span::new(start, start + self.trimmed().len())
    }
}

/// What a dropped line was.
enum Artefact {
    PageNumber,
    PageBreak,
    Running,
}

/// Splits `text` (which starts at file offset `base`) into paragraphs,
/// reporting each dropped artefact in `warnings`.
pub fn paragraphs(
    text: &str,
    base: usize,
    words: &Words,
    layout: Layout,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<Para> {
    if layout == Layout::OnePerLine {
        return one_per_line(text, base);
    }
    // Lines, and the page breaks that form feeds and page marks make.
    let mut pages: Vec<Vec<Line<'_>>> = vec![Vec::new()];
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let body = raw.trim_end_matches(['\n', '\r']);
        let mut at = 0;
        for (i, piece) in body.split('\u{c}').enumerate() {
            if i > 0 {
                pages.push(Vec::new());
            }
            let line = Line {
                text: piece.trim_end(),
                start: base + offset + at,
            };
            at += piece.len() + 1;
            let t = line.trimmed();
            if is_page_mark(t) {
                warnings.push(dropped(&line, text, base, Artefact::PageBreak));
                pages.push(Vec::new());
            } else if words.is_page_number(t) {
                warnings.push(dropped(&line, text, base, Artefact::PageNumber));
            } else {
                pages.last_mut().expect("one page at least").push(line);
            }
        }
        offset += raw.len();
    }
    let kept = drop_running_lines(&pages, text, base, warnings);
    join(&kept, words, warnings, text, base)
}

/// Every line that is not blank as a paragraph of its own: nothing is
/// joined or dropped.
fn one_per_line(text: &str, base: usize) -> Vec<Para> {
    let mut paras = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let line = Line {
            text: raw.trim_end_matches(['\n', '\r']).trim_end(),
            start: base + offset,
        };
        offset += raw.len();
        if line.blank() {
            continue;
        }
        let indent = line.text.len() - line.text.trim_start().len();
        paras.push(Para::new(
            line.trimmed(),
            line.content_start(),
            indent,
            false,
        ));
    }
    if let Some(last) = paras.last_mut() {
        last.page_end = true;
    }
    paras
}

/// `…/…`, `.../...` and `-2-`: the marks of a page break in typed texts.
fn is_page_mark(line: &str) -> bool {
    let continued = matches!(line, "…/…" | ".../..." | "…/..." | "./.");
    let number = line
        .strip_prefix(['-', '–', '—'])
        .and_then(|l| l.strip_suffix(['-', '–', '—']))
        .is_some_and(|n| {
            let n = n.trim();
            !n.is_empty() && n.len() <= 4 && n.bytes().all(|b| b.is_ascii_digit())
        });
    continued || number
}

/// How many lines at the top and bottom of a page may be running lines.
const RUNNING: usize = 3;

/// A kept line: whether a page break comes before it, and whether it is
/// part of a note at the foot of its page.
type Kept<'a> = (Line<'a>, bool, bool);

/// The lines of every page but the running headers and footers, each with
/// whether a page break comes before it and whether it is a foot note.
fn drop_running_lines<'a>(
    pages: &[Vec<Line<'a>>],
    text: &str,
    base: usize,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<Kept<'a>> {
    let content = |page: &[Line<'a>]| -> Vec<Line<'a>> {
        page.iter().filter(|l| !l.blank()).copied().collect()
    };
    let key = |l: &Line<'_>| -> String {
        l.trimmed()
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect()
    };
    let mut running = std::collections::HashMap::<String, usize>::new();
    if pages.len() > 1 {
        for page in pages {
            let lines = content(page);
            let mut seen = std::collections::HashSet::new();
            let top = lines.iter().take(RUNNING);
            let bottom = lines.iter().rev().take(RUNNING);
            for l in top.chain(bottom) {
                if seen.insert(key(l)) {
                    *running.entry(key(l)).or_default() += 1;
                }
            }
        }
    }
    // The heading of the first page, which a running header repeats.
    let first: Vec<Line<'a>> = pages
        .first()
        .map(|p| content(p).into_iter().take(12).collect())
        .unwrap_or_default();
    let symbols: Vec<&str> = first
        .iter()
        .flat_map(|l| l.trimmed().split_whitespace())
        .filter(|t| words::is_symbol(t))
        .collect();
    let is_running = |l: &Line<'_>, first_page_top: bool| {
        if first_page_top {
            return false;
        }
        running.get(&key(l)).is_some_and(|&n| n > 1)
            || first.iter().any(|f| f.trimmed() == l.trimmed())
            || (l.trimmed().chars().count() < 80
                && l.trimmed().split_whitespace().any(|t| symbols.contains(&t)))
    };
    let mut kept = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        if pages.len() == 1 {
            kept.extend(page.iter().map(|&l| (l, false, false)));
            break;
        }
        let lines = content(page);
        let mut drop = std::collections::HashSet::new();
        // A label alone may come out among the running lines at the top
        // of a page (`2.` between "United Nations" and the running title):
        // it is kept, and the running lines after it are still dropped.
        let mut top = 0;
        for l in &lines {
            if top == RUNNING {
                break;
            }
            let t = l.trimmed();
            if index > 0 && words::label_at(t).is_some_and(|label| label.len == t.len()) {
                continue;
            }
            if !is_running(l, index == 0) {
                break;
            }
            top += 1;
            drop.insert(l.start);
        }
        for l in lines.iter().rev().take(RUNNING) {
            if !is_running(l, false) || drop.contains(&l.start) {
                break;
            }
            drop.insert(l.start);
        }
        // A line that is only the document's symbol is the running
        // footer, wherever `pdftotext` put it on the page.
        for l in &lines {
            if words::reference(l.trimmed()).is_some() && is_running(l, false) && index > 0 {
                drop.insert(l.start);
            }
        }
        let body: Vec<&Line<'a>> = lines.iter().filter(|l| !drop.contains(&l.start)).collect();
        let foot = foot_notes(&body);
        let mut after_break = index > 0;
        for l in page {
            if drop.contains(&l.start) {
                warnings.push(dropped(l, text, base, Artefact::Running));
                continue;
            }
            let in_foot = foot.is_some_and(|start| l.start >= start);
            kept.push((*l, after_break && !l.blank() && !in_foot, in_foot));
            if !l.blank() && !in_foot {
                after_break = false;
            }
        }
    }
    kept
}

/// How many of a page's last lines may be its foot notes.
const FOOT: usize = 10;

/// Where the notes at the foot of a page start (the file offset of their
/// first line), when its last lines are notes: each opens with its mark
/// glued to its first word (`1The initial …`), and the page's text before
/// carries the mark (`… conflict,1`). The notes run to the end of the page.
fn foot_notes(body: &[&Line<'_>]) -> Option<usize> {
    let from = body.len().saturating_sub(FOOT).max(1);
    let mut start = None;
    for j in (from..body.len()).rev() {
        let Some((mark, _)) = super::foot_note_mark(body[j].trimmed()) else {
            continue;
        };
        if body[..j].iter().any(|l| carries_mark(l.trimmed(), &mark)) {
            start = Some(body[j].start);
        }
    }
    start
}

/// Whether `line` carries the note mark `mark`: the digits glued after a
/// word or its punctuation, and not followed by more of a word.
fn carries_mark(line: &str, mark: &str) -> bool {
    line.match_indices(mark).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after = line[at + mark.len()..].chars().next();
        before.is_some_and(|c| {
            c.is_alphabetic() || matches!(c, ',' | '.' | ';' | ':' | ')' | '»' | '”' | '’')
        }) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn dropped(line: &Line<'_>, text: &str, base: usize, what: Artefact) -> Diagnostic {
    let (number, _) = crate::diag::line_column(text, line.start - base);
    let shown = line.trimmed();
    let why = match what {
        Artefact::PageNumber => "a page number",
        Artefact::PageBreak => "the mark of a page break",
        Artefact::Running => "a running header or footer repeated on the pages",
    };
    Diagnostic::warning(format!("line {number} dropped: `{shown}` is {why}"))
        .at(line.span())
        .with_label("page artefact")
}

/// Joins the kept lines into paragraphs.
fn join(
    lines: &[Kept<'_>],
    words: &Words,
    warnings: &mut Vec<Diagnostic>,
    text: &str,
    base: usize,
) -> Vec<Para> {
    let content: Vec<&Line<'_>> = lines
        .iter()
        .map(|(l, _, _)| l)
        .filter(|l| !l.blank())
        .collect();
    let wrapped = is_wrapped(&content);
    // The width of a full line: lines near it were wrapped.
    let mut lengths: Vec<usize> = content
        .iter()
        .map(|l| l.trimmed().chars().count())
        .collect();
    lengths.sort_unstable();
    let width = lengths.get(lengths.len() * 9 / 10).copied().unwrap_or(0);
    let all_text = lowercase_words(lines);
    let mut paras: Vec<Para> = Vec::new();
    let mut feet: Vec<Para> = Vec::new();
    let mut open = false;
    let mut blank_before = false;
    for &(line, page_break, foot) in lines {
        if line.blank() {
            if !foot {
                blank_before = true;
            }
            continue;
        }
        if foot {
            // A note at the foot of a page: a paragraph of its own, out
            // of the flow of the text, which goes on after it.
            let t = line.trimmed();
            let start = line.content_start();
            match feet.last_mut() {
                Some(note) if super::foot_note_mark(t).is_none() => {
                    append(note, t, start, &all_text, warnings, text, base);
                }
                _ => feet.push(Para::new(t, start, 0, false)),
            }
            if let Some(note) = feet.last_mut() {
                note.foot = true;
                note.page_end = true;
            }
            continue;
        }
        let t = line.trimmed();
        let (t, heading) = match markdown_heading(t) {
            Some(h) => (h, true),
            None => (t, false),
        };
        let start = line.content_start() + (line.trimmed().len() - t.len());
        if page_break {
            if let Some(prev) = paras.last_mut() {
                prev.page_end = true;
            }
        }
        let continues = open
            && !heading
            && paras.last().is_some_and(|prev| {
                !prev.heading && continues(prev, t, wrapped, width, blank_before, page_break, words)
            });
        blank_before = false;
        if continues {
            let prev = paras.last_mut().expect("an open paragraph");
            append(prev, t, start, &all_text, warnings, text, base);
        } else {
            let indent = line.text.len() - line.text.trim_start().len();
            paras.push(Para::new(t, start, indent, heading));
        }
        open = true;
    }
    if let Some(last) = paras.last_mut() {
        last.page_end = true;
    }
    paras.extend(feet);
    paras
}

/// Whether the text is hard-wrapped: many of its lines end in the middle
/// of a sentence, the next going on in lower case.
fn is_wrapped(lines: &[&Line<'_>]) -> bool {
    let open = lines
        .windows(2)
        .filter(|w| {
            let end = w[0].trimmed().chars().last().unwrap_or(' ');
            let next = w[1].trimmed().chars().next().unwrap_or(' ');
            (end.is_alphanumeric() || end == '\u{ad}' || end == '-') && next.is_lowercase()
        })
        .count();
    open >= 2 && open * 8 >= lines.len()
}

/// Whether `next` goes on the paragraph `prev`.
fn continues(
    prev: &Para,
    next: &str,
    wrapped: bool,
    width: usize,
    blank_before: bool,
    page_break: bool,
    words: &Words,
) -> bool {
    if !wrapped {
        return false;
    }
    let end = prev.text.chars().last().unwrap_or(' ');
    let terminal = matches!(end, '.' | ',' | ';' | ':' | '،' | '؛');
    let lower = next.chars().next().is_some_and(char::is_lowercase);
    // A label alone on its line opens a paragraph, after a page break
    // too ("Measures", then the page's running lines, then "1.").
    let label_alone = words::label_at(next).is_some_and(|l| l.len == next.len());
    if page_break {
        return (!terminal || lower) && !label_alone;
    }
    if blank_before
        || words::label_at(next).is_some()
        || words::label_at(&prev.text).is_some_and(|l| l.len == prev.text.len())
    {
        return false;
    }
    if words.starts_known(next) && next.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let short = prev.last_line_chars * 10 < width * 7;
    if short && !matches!(end, '-' | '\u{ad}') {
        return lower && !terminal;
    }
    !(terminal && !lower && matches!(end, '.' | ';' | ':' | '؛'))
}

/// Appends the line `t` at file offset `start` to `para`, undoing the
/// hyphenation of a word split at the end of the previous line.
fn append(
    para: &mut Para,
    t: &str,
    start: usize,
    all_text: &std::collections::HashSet<String>,
    warnings: &mut Vec<Diagnostic>,
    text: &str,
    base: usize,
) {
    let mut glue = " ";
    if para.text.ends_with('\u{ad}') {
        para.text.pop();
        glue = "";
    } else if para.text.ends_with('-')
        && para.text[..para.text.len() - 1].ends_with(char::is_alphabetic)
        && t.starts_with(char::is_lowercase)
    {
        let head = para.text[..para.text.len() - 1]
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or_default();
        let tail: String = t.chars().take_while(|c| c.is_alphabetic()).collect();
        let joined = format!("{head}{tail}").to_lowercase();
        if all_text.contains(&joined) {
            let at = para.text.len() - 1;
            let span = para.span_of(at..at + 1);
            let (line, column) = crate::diag::line_column(text, span.start - base);
            warnings.push(
                Diagnostic::warning(format!(
                    "`{head}-{tail}` at {line}:{column} read as `{head}{tail}`, a word hyphenated at the end of the line"
                ))
                .at(span)
                .with_label("hyphenation undone"),
            );
            para.text.pop();
            glue = "";
        } else {
            glue = "";
        }
    }
    para.text.push_str(glue);
    para.map.push((para.text.len(), start));
    para.text.push_str(t);
    para.span.end = start + t.len();
    para.last_line_chars = t.chars().count();
}

/// The words of the text in lower case, to tell a hyphenated word from a
/// compound.
fn lowercase_words(lines: &[Kept<'_>]) -> std::collections::HashSet<String> {
    lines
        .iter()
        .flat_map(|(l, _, _)| l.text.split(|c: char| !c.is_alphabetic()))
        .filter(|w| w.len() > 3)
        .map(str::to_lowercase)
        .collect()
}

/// The text of a Markdown heading line (`## Résolution N° 6`).
fn markdown_heading(line: &str) -> Option<&str> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
        Some(line[hashes..].trim())
    } else {
        None
    }
}
