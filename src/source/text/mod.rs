//! The plain-text reader: a resolution typed, pasted or extracted from a
//! PDF, in plain text or light Markdown, read into the model by what
//! resolutions are made of.
//!
//! Resolutions are built the same way in every organisation and language
//! (`docs/source-format.md`, "Reading plain text"): heading material, the
//! enacting formula, preamble clauses that open with a participle and end
//! with a comma, operative clauses that open with a verb, then the
//! adoption. The reader recognises each part by the words that open it —
//! phrases counted in the UN's own Akoma Ntoso and INTERPOL's capitalised
//! usage, kept as data in `styles/locales/lexicon/` — and by its
//! punctuation, numbering and position when the words are unknown. Every
//! such guess is a warning at the text's own line and column, and nothing
//! is dropped silently: what is not structure or metadata stays a plain
//! paragraph, with a warning.
//!
//! The work happens in steps, each in its own module: [`lines`] makes
//! paragraphs of the lines (page artefacts dropped, hard wrapping undone),
//! [`inline`] reads marks and notes inside a paragraph, [`facts`] reads
//! dates, sessions and votes out of sentences, and this module gives each
//! paragraph its place.

mod facts;
mod inline;
mod lines;
pub(crate) mod words;

use crate::diag::{DiagResult, Diagnostic, Warned};
use crate::model::{
    Annex, Block, Clause, Counter, Inline, LabelPattern, Language, List, ListItem, Organisation,
    Paragraph, Reference, RelatedDocument, Resolution, ResolutionNumber, Span, StatusKind,
};

use super::decode::{TextKind, decode_as};
use super::{Hints, SourceFile};
use inline::{Inlines, Notes};
use lines::Para;
use words::{Label, LanguageWords, WORDS};

/// How far ahead of the operative numbering a number may be and still
/// say where the numbering goes on (the clauses between were missed).
const SKIPPED: u32 = 5;

/// What a text source is, for the message about an empty file.
const HINT: &str = "a text source is a resolution in plain text or Markdown, in UTF-8: its reference, title, opening formula, preamble and operative clauses";

/// Plain text is not recognised by its content: a file is read as text
/// when its name says so (`.txt`, `.md`).
pub fn recognises(_: &SourceFile) -> bool {
    false
}

/// Reads a plain-text resolution.
pub fn read(file: &SourceFile) -> DiagResult<Warned<Resolution>> {
    read_with(file, &Hints::default())
}

/// Reads a plain-text resolution in the language the user gives, when
/// there is a lexicon for it, and with the reference the user gives,
/// which replaces any the text has.
pub fn read_with(file: &SourceFile, hints: &Hints) -> DiagResult<Warned<Resolution>> {
    let (text, base) = decode_as(&file.bytes, HINT, TextKind::Plain).map_err(|d| vec![d])?;
    if text.trim().is_empty() {
        return Err(vec![
            Diagnostic::error("the file holds no text, only spaces and blank lines")
                .at(Span::new(0, 0))
                .with_hint(HINT),
        ]);
    }
    read_text(text, base, &file.path, hints, Layout::Wrapped)
}

/// How the lines of a text make its paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Typed, pasted or extracted text: hard-wrapped lines are joined, page
    /// artefacts dropped.
    Wrapped,
    /// One paragraph per line, nothing dropped: the paragraphs of a Word
    /// document, written out by its reader.
    OnePerLine,
}

/// Reads `text` (which starts at byte `base` of the file at `path`, and
/// is not empty) as a resolution, its lines laid out as `layout` says.
pub fn read_text(
    text: &str,
    base: usize,
    path: &std::path::Path,
    hints: &Hints,
    layout: Layout,
) -> DiagResult<Warned<Resolution>> {
    let mut warnings = Vec::new();
    let paras = lines::paragraphs(text, base, &WORDS, layout, &mut warnings);
    let given = hints.language.as_ref().and_then(|tag| {
        let primary = tag.primary();
        let found = WORDS
            .languages
            .iter()
            .find(|l| l.lexicon.language == primary);
        if found.is_none() {
            warnings.push(
                Diagnostic::warning(format!(
                    "respub has no lexicon for `{tag}`: the text is read with the lexicon of the language its phrases suggest"
                ))
                .at(Span::new(base, base))
                .with_hint(format!(
                    "lexicons are in `styles/locales/lexicon/`; the source is still marked `{tag}`"
                )),
            );
        }
        found
    });
    let lang = given.unwrap_or_else(|| language(&paras, path));
    let mut reader = Reader {
        lang,
        text,
        base,
        warnings,
        res: Resolution::default(),
        notes: Notes::default(),
        stage: Stage::Header,
        clause: None,
        levels: Vec::new(),
        numbering: None,
        closing: Vec::new(),
        header_date: None,
        pending: None,
        orphans: Vec::new(),
        at: 0,
        given_reference: hints.reference.clone(),
        ahead: Ahead::default(),
    };
    reader.res.meta.language = Language(lang.lexicon.language.clone());
    reader.read(paras)?;
    Ok(Warned {
        output: reader.res,
        warnings: reader.warnings,
    })
}

/// The language of the text: the lexicon whose phrases open the most
/// paragraphs; on a tie, the one the file name gives (`X.fr.txt`).
fn language(paras: &[Para], path: &std::path::Path) -> &'static LanguageWords {
    let named = path
        .file_stem()
        .and_then(|s| std::path::Path::new(s).extension())
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let score = |l: &LanguageWords| -> usize {
        paras
            .iter()
            .take(200)
            .filter(|p| {
                let t = words::label_at(&p.text).map_or(p.text.as_str(), |l| &p.text[l.len..]);
                [
                    &l.preamble,
                    &l.operative,
                    &l.openings,
                    &l.titles,
                    &l.subjects,
                ]
                .iter()
                .any(|set| set.match_at(t).is_some())
            })
            .count()
    };
    let default = Language::default().primary();
    WORDS
        .languages
        .iter()
        .max_by_key(|l| {
            (
                score(l),
                named.as_deref() == Some(l.lexicon.language.as_str()),
                l.lexicon.language == default,
            )
        })
        .expect("the lexicons are built in")
}

/// Where the reading is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Header,
    Preamble,
    Operative,
    Closing,
}

/// A clause being read: its paragraphs and items in order, made into
/// blocks when it ends.
struct Building {
    operative: bool,
    label: Option<String>,
    span: Span,
    entries: Vec<Entry>,
}

/// A paragraph of a clause: at depth 0 the clause's own, deeper an item of
/// a list (with its label) or a further paragraph of one.
struct Entry {
    depth: usize,
    item: Option<(String, LabelPattern, u32)>,
    para: Paragraph,
    lower: bool,
}

/// An open list level: its pattern and the number of its last item.
struct Level {
    pattern: LabelPattern,
    last: u32,
}

struct Reader<'t> {
    lang: &'static LanguageWords,
    text: &'t str,
    base: usize,
    warnings: Vec<Diagnostic>,
    res: Resolution,
    notes: Notes,
    stage: Stage,
    clause: Option<Building>,
    levels: Vec<Level>,
    /// The operative numbering, once a numbered operative clause is read,
    /// and the number of the last.
    numbering: Option<(LabelPattern, u32)>,
    closing: Vec<Para>,
    header_date: Option<crate::model::Date>,
    /// A label alone on its line, for the paragraph that follows.
    pending: Option<(Label, Span)>,
    /// Labels alone on their lines that a later paragraph's label came
    /// before (`pdftotext` stacks the labels of several paragraphs), each
    /// with its span and the index of the paragraph it was met at: each
    /// goes to the next paragraph without a label that it fits.
    orphans: Vec<(Label, Span, usize)>,
    /// The index of the paragraph being read.
    at: usize,
    /// The reference the user gives, which replaces the text's.
    given_reference: Option<Reference>,
    /// What the paragraphs after the one being read are.
    ahead: Ahead,
}

/// What follows the paragraph being read, for the rules that depend on
/// it: a heading is a heading only when a clause follows it, and a
/// preamble clause may open with an operative verb when more preamble
/// follows.
#[derive(Debug, Default, Clone, Copy)]
struct Ahead {
    /// The clause that the next paragraph opens, past any heading-like
    /// lines: `Some(true)` for an operative one, `Some(false)` for a
    /// preamble one.
    clause: Option<bool>,
    /// Whether the very next paragraph opens a preamble clause.
    preamble_next: bool,
}

/// What opens a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opener {
    /// A phrase of the lexicon: preamble or operative, its length.
    Known { operative: bool, len: usize },
    /// Capitals or emphasis the lexicon does not know: its length.
    Unknown { len: usize },
}

impl Reader<'_> {
    fn where_(&self, offset: usize) -> String {
        let (line, column) = crate::diag::line_column(self.text, offset.saturating_sub(self.base));
        format!("{line}:{column}")
    }

    fn line_of(&self, offset: usize) -> usize {
        crate::diag::line_column(self.text, offset.saturating_sub(self.base)).0
    }

    fn warn(&mut self, message: String, span: Span, label: &str) {
        self.warnings
            .push(Diagnostic::warning(message).at(span).with_label(label));
    }

    fn inlines(&mut self, text: &str) -> Vec<Inline> {
        let quotes = self.lang.locale.as_ref().map(|l| {
            (
                l.quotes.open.trim().to_string(),
                l.quotes.close.trim().to_string(),
            )
        });
        Inlines {
            quotes,
            notes: &mut self.notes,
        }
        .read(text)
    }

    /// The plain text of `text`, for deciding what it is: its note
    /// markers are not used up, since the paragraph is read again.
    fn plain_of(&mut self, text: &str) -> String {
        let used = self.notes.used.len();
        let plain = inline::plain(&self.inlines(text));
        self.notes.used.truncate(used);
        plain
    }

    fn paragraph(&mut self, text: &str, span: Span) -> Paragraph {
        Paragraph {
            content: self.inlines(text),
            span: Some(span),
        }
    }

    fn read(&mut self, mut paras: Vec<Para>) -> DiagResult<()> {
        self.split_notes(&mut paras);
        let count = paras.len();
        for i in 0..count {
            let next_opens = paras
                .get(i + 1)
                .is_some_and(|n| self.opener(&body_of(n).1).is_some());
            let para = paras[i].clone();
            self.at = i;
            self.expire_orphans(false);
            self.ahead = self.look_ahead(&paras[i + 1..]);
            match self.stage {
                Stage::Header => self.header(para, next_opens),
                Stage::Preamble | Stage::Operative => self.body(para),
                Stage::Closing => self.closing.push(para),
            }
        }
        self.expire_orphans(true);
        self.end_clause();
        self.finish_closing();
        self.check()
    }

    /// What the paragraphs `upcoming` open: see [`Ahead`].
    fn look_ahead(&self, upcoming: &[Para]) -> Ahead {
        let mut ahead = Ahead::default();
        let expected = self.numbering.as_ref().map_or(1, |(_, last)| last + 1);
        for (i, para) in upcoming.iter().take(4).enumerate() {
            let (label, text) = body_of(para);
            let opener = self.opener(&text);
            let known = match opener {
                Some(Opener::Known { operative, .. }) => Some(operative),
                _ => None,
            };
            if i == 0 {
                ahead.preamble_next = label.is_none() && known == Some(false);
            }
            let clause = match &label {
                // The next number of the operative numbering, or a number
                // and an operative verb.
                Some(l) => l
                    .candidates
                    .iter()
                    .any(|(p, n)| {
                        p.counter == Counter::Decimal && (*n == expected || known == Some(true))
                    })
                    .then_some(true),
                None => known,
            };
            if clause.is_some() {
                ahead.clause = clause;
                break;
            }
            // Several heading lines in a row ("Mandate", "General
            // principles") head the same clause.
            let heading = label.as_ref().is_none_or(|l| {
                l.candidates
                    .iter()
                    .any(|(p, _)| matches!(p.counter, Counter::UpperAlpha | Counter::UpperRoman))
            });
            if !(heading && heading_shape(&text)) {
                break;
            }
        }
        ahead
    }

    // ----- Notes ----------------------------------------------------------

    /// Takes the note texts off the end of the text ("[1] See …", "¹ See
    /// …", under a "Notes" heading or not).
    fn split_notes(&mut self, paras: &mut Vec<Para>) {
        // The notes lifted off the foot of their pages.
        let mut feet = Vec::new();
        paras.retain(|p| {
            if p.foot {
                feet.push(p.clone());
            }
            !p.foot
        });
        for note in feet {
            let (mark, len) = foot_note_mark(&note.text).expect("a note opens with its mark");
            self.note_text(&note, mark, len);
        }
        let mut start = paras.len();
        while start > 0 && note_mark(&paras[start - 1].text).is_some() {
            start -= 1;
        }
        if start == paras.len() {
            return;
        }
        let mut notes: Vec<(Para, String, usize)> = paras
            .drain(start..)
            .map(|p| {
                let (mark, len) = note_mark(&p.text).expect("a note");
                (p, mark, len)
            })
            .collect();
        if let Some(last) = paras.last() {
            let t = last.text.trim();
            if self.lang.notes.match_at(t).is_some_and(|n| n == t.len()) {
                paras.pop();
            }
        }
        // The notes a PDF prints at the foot of its pages: "1The initial
        // …", the last paragraphs before a page break.
        let mut i = paras.len();
        while i > 0 {
            i -= 1;
            if !paras[i].page_end {
                continue;
            }
            let mut first = i + 1;
            while first > 0 && foot_note_mark(&paras[first - 1].text).is_some() {
                first -= 1;
            }
            for p in paras
                .drain(first..=i)
                .rev()
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
            {
                let (mark, len) = foot_note_mark(&p.text).expect("a note");
                notes.push((p, mark, len));
            }
            i = first;
        }
        for (note, mark, len) in notes {
            self.note_text(&note, mark, len);
        }
    }

    /// Keeps the text of the note `mark`, `note` past its mark's `len`.
    fn note_text(&mut self, note: &Para, mark: String, len: usize) {
        let content = Inlines {
            quotes: None,
            notes: &mut Notes::default(),
        }
        .read(note.text[len..].trim());
        self.notes.texts.insert(mark, (content, note.span));
    }

    // ----- Heading material -----------------------------------------------

    fn header(&mut self, para: Para, next_opens: bool) {
        let plain = self.plain_of(&para.text);
        let plain = plain.trim();
        let lang = self.lang;
        if lang.openings.match_at(plain).is_some() || (next_opens && ends_with_comma(plain)) {
            if lang.openings.match_at(plain).is_none() {
                let line = self.line_of(para.span.start);
                self.warn(
                    format!("line {line} read as the opening formula: it ends with a comma and the preamble follows"),
                    para.span,
                    "opening formula",
                );
            }
            self.opening(&para);
            self.stage = Stage::Preamble;
            return;
        }
        if matches!(self.opener(&body_of(&para).1), Some(Opener::Known { .. })) {
            self.stage = Stage::Preamble;
            self.body(para);
            return;
        }
        self.header_line(&para, plain);
    }

    /// Reads the opening formula, and what it says of the body and session.
    fn opening(&mut self, para: &Para) {
        let p = self.paragraph(&para.text, para.span);
        let plain = inline::plain(&p.content);
        let lang = self.lang;
        if self.res.meta.body.is_none() {
            let bodies = words::Phrases::new(lang.lexicon.bodies());
            if let Some(range) = bodies.find(&plain) {
                self.res.meta.body = Some(plain[range].to_string());
            }
        }
        if self.res.meta.organisation.name.is_empty() {
            if let Some((name, short)) = lang
                .lexicon
                .organisations()
                .find(|(name, _)| plain.contains(name))
            {
                self.res.meta.organisation = Organisation {
                    name: name.to_string(),
                    short: short.map(str::to_string),
                };
            }
        }
        let session = facts::session(&plain, lang);
        if session != crate::model::Session::default() {
            self.res.meta.session = Some(session);
        }
        self.res.opening = Some(p);
    }

    fn header_line(&mut self, para: &Para, plain: &str) {
        let lang = self.lang;
        let span = para.span;
        let line = self.line_of(span.start);
        let after = |len: usize| plain[len..].trim_start_matches([':', ' ', '\u{a0}']).trim();
        // Adoption under the title, as the UN prints it.
        if lang.adopted.match_at(plain).is_some() || lang.not_adopted.match_at(plain).is_some() {
            self.closing.push(para.clone());
            return;
        }
        if let Some(len) = lang.subjects.match_at(plain) {
            let raw = strip_label(&para.text, len);
            let content = self.inlines(raw);
            self.res.meta.subject = Some(Paragraph {
                content,
                span: Some(span),
            });
            return;
        }
        if let Some(len) = lang.titles.match_at(plain) {
            let number = after(len);
            if number.starts_with(|c: char| c.is_ascii_digit()) || words::is_reference(number) {
                self.res.meta.number = ResolutionNumber(number.to_string());
                return;
            }
        }
        // "80/7. Title": a General Assembly number and title.
        if let Some((number, title)) = plain.split_once(". ") {
            let parts: Vec<&str> = number.split('/').collect();
            if parts.len() == 2
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            {
                self.res.meta.number = ResolutionNumber(number.to_string());
                self.res.meta.subject = Some(Paragraph {
                    content: vec![Inline::Text(title.trim().to_string())],
                    span: Some(span),
                });
                return;
            }
        }
        if plain.starts_with("Distr")
            || lang.locale.as_ref().is_some_and(|l| {
                let label = l
                    .labels
                    .distribution
                    .split("{distribution}")
                    .next()
                    .unwrap_or_default()
                    .trim();
                !label.is_empty() && plain.starts_with(label)
            })
        {
            self.res.meta.distribution = Some(crate::akn::distribution_of(plain).to_string());
            return;
        }
        if let Some(written) = words::reference(plain) {
            let plain = written.as_str();
            let reference = &mut self.res.meta.reference;
            let better = reference.0.is_empty()
                || (!reference.0.to_ascii_uppercase().contains("RES") && plain.contains("RES"));
            if better {
                if !reference.0.is_empty() {
                    let old = RelatedDocument {
                        reference: reference.clone(),
                        ..RelatedDocument::default()
                    };
                    self.res.meta.related.push(old);
                }
                self.res.meta.reference = Reference(plain.to_string());
            } else {
                self.res.meta.related.push(RelatedDocument {
                    reference: Reference(plain.to_string()),
                    ..RelatedDocument::default()
                });
                self.warn(
                    format!("line {line}: a second symbol, `{plain}`, kept as a related document"),
                    span,
                    "related document",
                );
            }
            return;
        }
        let same = |a: &str, b: &str| normalise(a) == normalise(b);
        if let Some((name, short)) = lang.lexicon.organisations().find(|(n, _)| same(n, plain)) {
            self.res.meta.organisation = Organisation {
                name: name.to_string(),
                short: short.map(str::to_string),
            };
            return;
        }
        if plain == normalise_spaces(plain) && lang.lexicon.bodies().any(|b| same(b, plain)) {
            self.res.meta.body = Some(plain.to_string());
            return;
        }
        let dates = facts::dates(plain, lang);
        if dates.len() == 1 && plain.chars().count() < 40 {
            self.header_date = dates.first().copied();
            return;
        }
        if let Some(len) = lang.agenda.match_at(plain) {
            let _ = len;
            self.res.meta.keywords.push(plain.to_string());
            self.warn(
                format!("line {line}, an agenda line, kept as a keyword"),
                span,
                "agenda item",
            );
            return;
        }
        if plain.starts_with('[') && plain.ends_with(']') {
            let symbol = plain
                .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']'))
                .find(|t| words::is_symbol(t));
            if let Some(symbol) = symbol {
                self.res.meta.related.push(RelatedDocument {
                    reference: Reference(symbol.to_string()),
                    relation: Some("draft".into()),
                    title: Some(plain[1..plain.len() - 1].to_string()),
                    href: None,
                });
                return;
            }
        }
        let sessions = words::Phrases::new(lang.lexicon.header.sessions.iter().map(String::as_str));
        if plain.chars().count() < 60 && sessions.find(plain).is_some() {
            let number = facts::ordinal_before(plain, &sessions, lang);
            if let Some(number) = number {
                self.res.meta.session.get_or_insert_default().number = Some(number);
            } else {
                self.res.meta.keywords.push(plain.to_string());
                self.warn(
                    format!("line {line}, a session line, kept as a keyword"),
                    span,
                    "session",
                );
            }
            return;
        }
        if self.res.meta.subject.is_none() && !para.heading {
            self.warn(
                format!("line {line} is no heading line respub knows; read as the subject"),
                span,
                "subject",
            );
            let content = self.inlines(&para.text);
            self.res.meta.subject = Some(Paragraph {
                content,
                span: Some(span),
            });
        } else {
            self.warn(
                format!("line {line} is no heading line respub knows; kept as a keyword"),
                span,
                "keyword",
            );
            self.res.meta.keywords.push(plain.to_string());
        }
    }

    // ----- Clauses ----------------------------------------------------------

    /// What opens `text` as a clause: a known phrase, or capitals or
    /// emphasis the lexicon lacks.
    fn opener(&self, text: &str) -> Option<Opener> {
        let (start, inner) = match inline::emphasis(text) {
            Some((marker, inner, _)) => (marker.len(), Some(inner)),
            None => (0, None),
        };
        let t = &text[start..];
        let pre = self.lang.preamble.match_at(t);
        let op = self.lang.operative.match_at(t);
        let known = match (pre, op) {
            (Some(p), Some(o)) => Some((o >= p, p.max(o))),
            (Some(p), None) => Some((false, p)),
            (None, Some(o)) => Some((true, o)),
            (None, None) => None,
        };
        if let Some(inner) = inner {
            return Some(match known {
                Some((operative, _)) => Opener::Known {
                    operative,
                    len: inner.len() + 2 * start,
                },
                None => Opener::Unknown {
                    len: inner.len() + 2 * start,
                },
            });
        }
        if let Some((operative, len)) = known {
            // The capitals go on past the phrase: "RECONNAISSANT EN OUTRE".
            let caps = capitals(text);
            let len = if caps > len { caps } else { len };
            return Some(Opener::Known { operative, len });
        }
        let caps = capitals(text);
        (caps > 0).then_some(Opener::Unknown { len: caps })
    }

    fn body(&mut self, para: Para) {
        let (label, text_start) = match self.pending.take() {
            Some((label, span)) if words::label_at(&para.text).is_none() => {
                (Some(self.stacked(label, span, &para.text)), 0)
            }
            Some((label, span)) if self.stacks(&label, &para) => {
                // Labels on lines of their own, one after another: they
                // are kept for the paragraphs that follow.
                if !self.label_after_text(&label, span) {
                    self.orphans.push((label, span, self.at));
                }
                let (l, rest) = body_of(&para);
                let start = para.text.len() - rest.len();
                return self.body_with(para, l, start);
            }
            Some((label, span)) => {
                // A label alone, then a list: a clause that is only a list.
                self.labelled_clause(label, span, None);
                let (l, rest) = body_of(&para);
                let start = para.text.len() - rest.len();
                return self.body_with(para.clone(), l, start);
            }
            None => {
                let (label, text) = body_of(&para);
                if label.is_none() && self.stage != Stage::Header {
                    if let Some(orphan) = self.orphan_for(&para) {
                        return self.body_with(para, Some(orphan), 0);
                    }
                }
                let label = label.or_else(|| self.bare_number(&para));
                let start = match &label {
                    Some(l) if text.len() == para.text.len() => l.len,
                    _ => para.text.len() - text.len(),
                };
                (label, start)
            }
        };
        self.body_with(para, label, text_start);
    }

    /// Whether the label alone `label`, followed by the paragraph `next`
    /// that opens with a label of its own, is one of labels stacked apart
    /// from their paragraphs rather than a clause that is only a list:
    /// the next label is alone too, or goes on the clause being read.
    fn stacks(&self, label: &Label, next: &Para) -> bool {
        let Some(next_label) = words::label_at(&next.text) else {
            return false;
        };
        if self.stage == Stage::Header || self.clause.is_none() {
            return false;
        }
        let alone = next_label.len >= next.text.trim_end().len();
        let goes_on = self.level_for(&next_label).is_some_and(|(_, _, n)| n)
            || (self.last_ends_with_colon() && self.levels.is_empty());
        // A label that opens a clause, then the first item of its list,
        // is a clause that is only a list.
        let opens_list = self.fit(label, "").is_none()
            && next_label.candidates.iter().any(|(_, n)| *n <= 1)
            && !self.last_ends_with_colon();
        (alone || goes_on) && !opens_list
    }

    /// Whether `label`, the next operative number stacked on a line of its
    /// own, is the number of the paragraph before it (`pdftotext` may put
    /// the number after the first lines of its clause): that paragraph,
    /// read as a further paragraph of the clause before, opens with an
    /// operative verb. It is made the clause of that number, with a
    /// warning.
    fn label_after_text(&mut self, label: &Label, span: Span) -> bool {
        let Some(next) = self.next_number() else {
            return false;
        };
        let Some((pattern, value)) = label
            .candidates
            .iter()
            .find(|(p, n)| p.counter == Counter::Decimal && *n == next)
            .cloned()
        else {
            return false;
        };
        let Some(clause) = &self.clause else {
            return false;
        };
        let Some(last) = clause.entries.last() else {
            return false;
        };
        if clause.entries.len() < 2 || last.depth != 0 || last.item.is_some() {
            return false;
        }
        let plain = inline::plain(&last.para.content);
        let verb = match self.opener(&plain) {
            Some(Opener::Known {
                operative: true,
                len,
            }) => len,
            _ => return false,
        };
        let entry = self
            .clause
            .as_mut()
            .and_then(|c| c.entries.pop())
            .expect("the clause's last paragraph");
        let line = self.line_of(span.start);
        let at = entry.para.span.unwrap_or(span);
        let to = self.line_of(at.start);
        self.warn(
            format!(
                "line {line}: `{}`, on a line of its own after line {to}, read as the number of the clause that line opens",
                label.text
            ),
            span,
            "clause number",
        );
        self.end_clause();
        let mut content = entry.para.content;
        if let Some(Inline::Text(first)) = content.first().cloned() {
            if verb <= first.len() && first.is_char_boundary(verb) {
                content[0] = Inline::Text(first[verb..].to_string());
                content.insert(
                    0,
                    Inline::Verb(vec![Inline::Text(first[..verb].to_string())]),
                );
            }
        }
        self.numbering = Some((pattern, value));
        self.stage = Stage::Operative;
        self.clause = Some(Building {
            operative: true,
            label: None,
            span: at,
            entries: vec![Entry {
                depth: 0,
                item: None,
                para: Paragraph {
                    content,
                    span: Some(at),
                },
                lower: false,
            }],
        });
        true
    }

    /// How well `label` fits as the label of a paragraph opening `text`:
    /// the depth of the list it goes on (deeper is likelier: a new list
    /// after a colon is the deepest), 0 for the next operative clause, or
    /// `None` when it fits nowhere.
    fn fit(&self, label: &Label, text: &str) -> Option<usize> {
        if let Some((index, _, true)) = self.level_for(label) {
            return Some(index + 1);
        }
        if self.clause.is_some()
            && self.last_ends_with_colon()
            // The first item of a list, or a bullet (numbered 0).
            && label.candidates.iter().any(|(_, n)| *n <= 1)
            && !label
                .candidates
                .iter()
                .any(|(p, n)| p.counter == Counter::Decimal && self.next_number() == Some(*n))
        {
            return Some(self.levels.len() + 1);
        }
        let operative = matches!(
            self.opener(text),
            Some(Opener::Known {
                operative: true,
                ..
            })
        );
        let next = self.next_number();
        (operative
            && label
                .candidates
                .iter()
                .any(|(p, n)| p.counter == Counter::Decimal && Some(*n) == next))
        .then_some(0)
    }

    /// The next number of the operative numbering, once there is one.
    fn next_number(&self) -> Option<u32> {
        self.numbering.as_ref().map(|(_, last)| last + 1)
    }

    /// The label for the text of `text`, when `label` came last of stacked
    /// labels: of it and the orphans, the one that fits the text best; the
    /// others stay for the paragraphs after.
    fn stacked(&mut self, label: Label, span: Span, text: &str) -> Label {
        let first = self
            .orphans
            .iter()
            .position(|(_, _, at)| *at + 4 >= self.at)
            .unwrap_or(self.orphans.len());
        if first == self.orphans.len() {
            return label;
        }
        let own = self.fit(&label, text);
        let best = self.orphans[first..]
            .iter()
            .enumerate()
            .filter_map(|(i, (l, _, _))| self.fit(l, text).map(|f| (f, i + first)))
            .max_by_key(|&(f, i)| (f, std::cmp::Reverse(i)));
        match best {
            Some((f, i)) if own.is_none_or(|o| f > o) => {
                let (chosen, chosen_span, _) = self.orphans.remove(i);
                self.orphans.insert(i, (label, span, self.at));
                let line = self.line_of(chosen_span.start);
                self.warn(
                    format!(
                        "line {line}: `{}`, on a line of its own before other labels, read as the label of the paragraph that follows them",
                        chosen.text
                    ),
                    chosen_span,
                    "label",
                );
                chosen
            }
            _ => label,
        }
    }

    /// A label kept from a stack of labels for `para`, a paragraph without
    /// one: the first orphan, when it fits the paragraph.
    fn orphan_for(&mut self, para: &Para) -> Option<Label> {
        let (label, _, _) = self.orphans.first()?;
        self.fit(label, &para.text)?;
        let (label, span, _) = self.orphans.remove(0);
        let line = self.line_of(span.start);
        let to = self.line_of(para.span.start);
        self.warn(
            format!(
                "line {line}: `{}`, one of labels stacked on lines of their own, read as the label of line {to}",
                label.text
            ),
            span,
            "label",
        );
        Some(label)
    }

    /// Stacked labels that no paragraph took within a few paragraphs (or
    /// by the end, with `all`): each is kept as a paragraph of the clause
    /// being read, with a warning, so that nothing is lost.
    fn expire_orphans(&mut self, all: bool) {
        while let Some((label, _, at)) = self.orphans.first() {
            // A number the numbering has passed fits nothing any more.
            let last = self.numbering.as_ref().map_or(0, |(_, n)| *n);
            let passed = label
                .candidates
                .iter()
                .all(|(p, n)| p.counter == Counter::Decimal && *n <= last);
            if !all && !passed && *at + 40 > self.at {
                break;
            }
            let (label, span, _) = self.orphans.remove(0);
            let line = self.line_of(span.start);
            self.warn(
                format!(
                    "line {line}: the label `{}`, on a line of its own, fits no paragraph after it; kept as a paragraph",
                    label.text
                ),
                span,
                "label",
            );
            let p = self.paragraph(&label.text, span);
            match &mut self.clause {
                Some(clause) => clause.entries.push(Entry {
                    depth: 0,
                    item: None,
                    para: p,
                    lower: false,
                }),
                None => self.labelled_clause(label, span, None),
            }
        }
    }

    /// The number of an operative clause written without its dot (`11
    /// Condemns …`): the next number of the operative numbering, before an
    /// operative verb. It is read as a label of that numbering, with a
    /// warning.
    fn bare_number(&mut self, para: &Para) -> Option<Label> {
        let (pattern, last) = self.numbering.clone()?;
        let text = para.text.as_str();
        let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let rest = &text[digits..];
        if digits == 0 || !rest.starts_with(' ') || pattern.counter != Counter::Decimal {
            return None;
        }
        let value: u32 = text[..digits].parse().ok()?;
        let len = digits + (rest.len() - rest.trim_start().len());
        let operative = matches!(
            self.opener(&text[len..]),
            Some(Opener::Known {
                operative: true,
                ..
            })
        );
        if value != last + 1 || !operative {
            return None;
        }
        let line = self.line_of(para.span.start);
        self.warn(
            format!(
                "line {line}: `{}` read as the number of operative clause {value}, written without its `{}`",
                &text[..digits],
                pattern.suffix
            ),
            para.span_of(0..digits),
            "clause number",
        );
        Some(Label {
            text: text[..digits].to_string(),
            len,
            candidates: vec![(pattern, value)],
        })
    }

    fn body_with(&mut self, para: Para, label: Option<Label>, start: usize) {
        let text = para.text[start..].to_string();
        let span = para.span_of(start..para.text.len());
        if text.trim().is_empty() {
            if let Some(label) = label {
                if self.stage != Stage::Header && is_heading(&label.text) {
                    self.heading_clause(None, &label.text.clone(), span);
                    return;
                }
                self.pending = Some((label, para.span));
            }
            return;
        }
        let plain = self.plain_of(&text);
        if label.is_none() && self.stage == Stage::Operative && self.is_closing(&plain) {
            self.end_clause();
            self.stage = Stage::Closing;
            self.closing.push(para);
            return;
        }
        let opener = self.opener(&text);
        let heading_label = label.as_ref().is_none_or(|l| {
            l.candidates
                .iter()
                .any(|(p, _)| matches!(p.counter, Counter::UpperAlpha | Counter::UpperRoman))
        });
        // A heading between clauses: short, closed by no punctuation, and
        // followed by a clause (the UN's are often long, with commas inside:
        // "Prevention of Illicit Exports of Petroleum, including …").
        // A known phrase that is the whole paragraph ("Reporting") opens
        // no clause: a clause says something after its phrase.
        let whole = |len: usize| len >= text.trim_end().len();
        let short = opener.is_none() && self.levels.is_empty() && is_heading(&text);
        let followed = match opener {
            Some(Opener::Known { len, .. }) => whole(len),
            _ => true,
        } && self.ahead.clause.is_some()
            && heading_shape(&text);
        // Headings come in runs ("Mandate", "General principles"): one
        // that a clause follows needs no clause before it.
        if heading_label
            && (short || followed)
            && (followed || self.clause.is_some() || label.is_some())
        {
            let own = label.map(|l| l.text);
            self.heading_clause(own, &text, span);
            return;
        }
        match label {
            Some(label) => self.labelled(label, para, start, &text, span, opener),
            None => self.unlabelled(&para, &text, span, opener),
        }
    }

    fn labelled(
        &mut self,
        label: Label,
        para: Para,
        start: usize,
        text: &str,
        span: Span,
        opener: Option<Opener>,
    ) {
        let decimal = label
            .candidates
            .iter()
            .find(|(p, _)| p.counter == Counter::Decimal)
            .cloned();
        let operative_phrase = matches!(
            opener,
            Some(Opener::Known {
                operative: true,
                ..
            })
        );
        let continues_list = self.level_for(&label).is_some_and(|(_, _, next)| next);
        let numbering_fits = decimal
            .as_ref()
            .is_some_and(|(p, n)| match &self.numbering {
                Some((pattern, last)) => pattern == p && *n == last + 1,
                None => true,
            });
        let label_span = para.span_of(0..label.text.len().min(para.text.len()));
        if decimal.is_some()
            && numbering_fits
            && operative_phrase
            && (!continues_list || self.numbering.is_some())
        {
            self.labelled_clause(label, label_span, Some((text, span, opener)));
            return;
        }
        // The next number of the operative numbering is the next clause,
        // unless a list of the same pattern is open.
        let next_clause = numbering_fits && self.numbering.is_some() && !continues_list;
        if self.clause.is_some()
            && !next_clause
            && (continues_list || !self.levels.is_empty() || self.last_ends_with_colon())
        {
            self.item(label, text, span);
            return;
        }
        if decimal.is_some() && numbering_fits {
            if !operative_phrase {
                let what = first_words(text);
                self.warn(
                    format!("`{what}` is not a known operative phrase; read as an operative clause because it is numbered"),
                    span,
                    "operative clause",
                );
            }
            self.labelled_clause(label, label_span, Some((text, span, opener)));
            return;
        }
        // A number out of the sequence before an operative verb, where no
        // list is open (`61 -` for `16 -`): an operative clause with its
        // label as written; the sequence goes on from the number expected.
        if decimal.is_some()
            && operative_phrase
            && self.levels.is_empty()
            && !self.last_ends_with_colon()
        {
            if let Some(expected) = self.next_number() {
                let line = self.line_of(span.start);
                self.warn(
                    format!(
                        "line {line}: `{}` is not the next number, {expected}, but an operative verb follows it; read as operative clause {expected}, labelled as written",
                        label.text
                    ),
                    label_span,
                    "clause number",
                );
                self.labelled_clause(label, label_span, Some((text, span, opener)));
                // A number a little ahead says clauses were missed; one
                // far off, or behind, is a slip of the numbering.
                if let Some((_, last)) = &mut self.numbering {
                    if !(expected..=expected + SKIPPED).contains(last) {
                        *last = expected;
                    }
                }
                return;
            }
        }
        if self.clause.is_none() {
            let (line, what) = (self.line_of(span.start), first_words(text));
            self.warn(
                format!("line {line}: `{label}` `{what}` opens no clause respub knows; read as a clause", label = label.text),
                span,
                "clause",
            );
            let _ = start;
            self.new_clause(
                self.stage == Stage::Operative,
                Some(label.text.clone()),
                text,
                span,
                opener,
            );
            return;
        }
        self.item(label, text, span);
    }

    /// A heading between clauses, which the UN's Akoma Ntoso makes a clause
    /// of its own, without a number.
    fn heading_clause(&mut self, label: Option<String>, text: &str, span: Span) {
        self.end_clause();
        let line = self.line_of(span.start);
        self.warn(
            format!("line {line} read as a heading between clauses"),
            span,
            "heading",
        );
        let content = self.inlines(text);
        let clause = Clause {
            label: Some(label.unwrap_or_default()),
            blocks: vec![Block::Heading(crate::model::Heading {
                level: 1,
                content,
                span: Some(span),
            })],
            span: Some(span),
        };
        // A heading that an operative clause follows heads the operative
        // part, even before its first clause.
        if self.ahead.clause == Some(true) {
            self.stage = Stage::Operative;
        }
        if self.stage == Stage::Operative || self.numbering.is_some() {
            self.res.operative.clauses.push(clause);
        } else {
            self.res.preamble.push(clause);
        }
    }

    /// A numbered operative clause.
    fn labelled_clause(
        &mut self,
        label: Label,
        label_span: Span,
        body: Option<(&str, Span, Option<Opener>)>,
    ) {
        let decimal = label
            .candidates
            .iter()
            .find(|(p, _)| p.counter == Counter::Decimal)
            .cloned();
        let (pattern, value) = decimal.unwrap_or_else(|| label.candidates[0].clone());
        let expected = self.numbering.as_ref().map_or(1, |(_, last)| last + 1);
        let own = (value != expected).then(|| label.text.clone());
        self.numbering = Some((pattern, value));
        self.stage = Stage::Operative;
        match body {
            Some((text, span, opener)) => self.new_clause(true, own, text, span, opener),
            None => {
                self.end_clause();
                self.clause = Some(Building {
                    operative: true,
                    label: own,
                    span: label_span,
                    entries: Vec::new(),
                });
            }
        }
    }

    fn unlabelled(&mut self, para: &Para, text: &str, span: Span, opener: Option<Opener>) {
        let line = self.line_of(span.start);
        let numbered = self.numbering.is_some();
        match opener {
            // "Recalls that …," among the preamble clauses: a drafting
            // slip the punctuation and the next clause show.
            Some(Opener::Known {
                operative: true, ..
            }) if self.stage == Stage::Preamble
                && ends_with_comma(text)
                && self.ahead.preamble_next =>
            {
                let what = first_words(text);
                self.warn(
                    format!("`{what}` opens with an operative verb; line {line} read as a preamble clause because it ends with a comma and a preamble clause follows"),
                    span,
                    "clause",
                );
                self.new_clause(false, None, text, span, opener);
            }
            Some(Opener::Known {
                operative: true, ..
            }) if !numbered => {
                self.new_clause(true, None, text, span, opener);
            }
            Some(Opener::Known {
                operative: false, ..
            }) if self.stage == Stage::Preamble => {
                self.new_clause(false, None, text, span, opener);
            }
            Some(Opener::Unknown { len }) if !numbered => {
                let phrase = text[..len].trim_matches(['*', '_']).to_string();
                let operative = self.stage == Stage::Operative || !ends_with_comma(text);
                let (part, why) = if operative {
                    ("an operative", "it does not end with a comma")
                } else {
                    ("a preamble", "it ends with a comma")
                };
                let kind = if operative { "operative" } else { "preambular" };
                self.warn(
                    format!("`{phrase}` is not a known {kind} phrase; read as {part} clause because {why}"),
                    span,
                    "clause",
                );
                self.new_clause(operative, None, text, span, opener);
            }
            _ if self.clause.is_none()
                || (self.stage == Stage::Preamble
                    && ends_with_comma(text)
                    && self.levels.is_empty()) =>
            {
                let operative = self.stage == Stage::Operative || !ends_with_comma(text);
                let what = first_words(text);
                let (part, why) = if operative {
                    ("an operative", "it does not end with a comma")
                } else {
                    ("a preamble", "it ends with a comma")
                };
                self.warn(
                    format!("`{what}` is not a known phrase; line {line} read as {part} clause because {why}"),
                    span,
                    "clause",
                );
                self.new_clause(operative, None, text, span, None);
            }
            _ => {
                let depth = self.paragraph_depth(para);
                let at = self.clause.as_ref().map_or(span, |c| c.span);
                let at = self.where_(at.start);
                self.warn(
                    format!("line {line} read as a further paragraph of the clause at {at}"),
                    span,
                    "paragraph",
                );
                let p = self.paragraph(text, span);
                let lower = text.starts_with(char::is_lowercase);
                if let Some(clause) = &mut self.clause {
                    clause.entries.push(Entry {
                        depth,
                        item: None,
                        para: p,
                        lower,
                    });
                }
                self.levels.truncate(depth);
            }
        }
    }

    /// The depth of an unlabelled paragraph inside a clause: that of the
    /// item it is indented as, else the clause's own.
    fn paragraph_depth(&self, para: &Para) -> usize {
        if para.indent == 0 || self.levels.is_empty() {
            return 0;
        }
        (para.indent / 2).min(self.levels.len())
    }

    fn last_ends_with_colon(&self) -> bool {
        self.clause
            .as_ref()
            .and_then(|c| c.entries.last())
            .is_some_and(|e| {
                inline::plain(&e.para.content)
                    .trim_end()
                    .ends_with([':', '：'])
            })
    }

    /// The open level that `label` continues: its index, the candidate,
    /// and whether it is the next number.
    fn level_for(&self, label: &Label) -> Option<(usize, (LabelPattern, u32), bool)> {
        for (index, level) in self.levels.iter().enumerate().rev() {
            if let Some(c) = label
                .candidates
                .iter()
                .find(|(p, n)| *p == level.pattern && *n == level.last + 1)
            {
                return Some((index, c.clone(), true));
            }
        }
        for (index, level) in self.levels.iter().enumerate().rev() {
            if let Some(c) = label.candidates.iter().find(|(p, _)| *p == level.pattern) {
                return Some((index, c.clone(), false));
            }
        }
        None
    }

    fn item(&mut self, label: Label, text: &str, span: Span) {
        // A label that is not the next of an open list but may be the
        // first of a new one opens a sublist after a colon: `i)` after
        // `a) Protection des civils :` is a Roman one, not the ninth letter.
        let found = self.level_for(&label).filter(|(_, _, next)| {
            *next
                || !(self.last_ends_with_colon()
                    && label
                        .candidates
                        .iter()
                        .any(|(p, n)| *n == 1 && !self.levels.iter().any(|l| l.pattern == *p)))
        });
        let (depth, (pattern, value)) = match found {
            Some((index, candidate, _)) => {
                self.levels.truncate(index + 1);
                self.levels[index].last = candidate.1;
                (index + 1, candidate)
            }
            None => {
                // A new level: the first item is number 1 if it can be.
                let candidate = label
                    .candidates
                    .iter()
                    .find(|(_, n)| *n == 1)
                    .unwrap_or(&label.candidates[0])
                    .clone();
                self.levels.push(Level {
                    pattern: candidate.0.clone(),
                    last: candidate.1,
                });
                (self.levels.len(), candidate)
            }
        };
        let p = self.paragraph(text, span);
        if let Some(clause) = &mut self.clause {
            clause.entries.push(Entry {
                depth,
                item: Some((label.text.clone(), pattern, value)),
                para: p,
                lower: false,
            });
        }
    }

    fn new_clause(
        &mut self,
        operative: bool,
        label: Option<String>,
        text: &str,
        span: Span,
        opener: Option<Opener>,
    ) {
        self.end_clause();
        if operative {
            self.stage = Stage::Operative;
        }
        let verb_len = match opener {
            Some(Opener::Known { len, .. } | Opener::Unknown { len }) => len,
            None => 0,
        };
        let verb_text = text[..verb_len].trim_matches(['*', '_']);
        let mut content = Vec::new();
        if !verb_text.is_empty() {
            content.push(Inline::Verb(self.inlines(verb_text)));
        }
        content.extend(self.inlines(&text[verb_len..]));
        self.clause = Some(Building {
            operative,
            label,
            span,
            entries: vec![Entry {
                depth: 0,
                item: None,
                para: Paragraph {
                    content,
                    span: Some(span),
                },
                lower: false,
            }],
        });
    }

    fn end_clause(&mut self) {
        self.levels.clear();
        let Some(building) = self.clause.take() else {
            return;
        };
        let clause = Clause {
            label: building.label,
            blocks: blocks(&building.entries, 0),
            span: Some(building.span),
        };
        if building.operative {
            self.res.operative.clauses.push(clause);
        } else {
            self.res.preamble.push(clause);
        }
    }

    // ----- Closing ------------------------------------------------------------

    /// Whether a paragraph after the operative part is a closing line: an
    /// adoption, a meeting or a date.
    fn is_closing(&self, plain: &str) -> bool {
        let lang = self.lang;
        let plain = plain.trim();
        let meetings =
            words::Phrases::new(lang.lexicon.closing.meetings.iter().map(String::as_str));
        lang.adopted.match_at(plain).is_some()
            || lang.not_adopted.match_at(plain).is_some()
            || (plain.chars().count() < 60
                && plain.starts_with(|c: char| c.is_ascii_digit())
                && facts::ordinal_before(plain, &meetings, lang).is_some())
            || (plain.chars().count() < 40 && facts::dates(plain, lang).len() == 1)
            || (self.lang.annex.match_at(plain).is_some() && plain.chars().count() < 40)
    }

    fn finish_closing(&mut self) {
        let paras = std::mem::take(&mut self.closing);
        let lang = self.lang;
        let mut lines: Vec<Paragraph> = Vec::new();
        let mut annex: Option<Annex> = None;
        let meetings =
            words::Phrases::new(lang.lexicon.closing.meetings.iter().map(String::as_str));
        for para in paras {
            let p = self.paragraph(&para.text, para.span);
            let plain = inline::plain(&p.content);
            let plain = plain.trim();
            if lang.annex.match_at(plain).is_some() && plain.chars().count() < 40 {
                if let Some(done) = annex.take() {
                    self.res.annexes.push(done);
                }
                annex = Some(Annex {
                    label: Some(p),
                    span: Some(para.span),
                    ..Annex::default()
                });
                continue;
            }
            if let Some(annex) = &mut annex {
                if annex.title.is_none() && annex.blocks.is_empty() {
                    annex.title = Some(p);
                } else {
                    annex.blocks.push(Block::Paragraph(p));
                }
                continue;
            }
            let adopted = lang.adopted.match_at(plain).is_some();
            let failed = lang.not_adopted.match_at(plain).is_some();
            let meeting = facts::ordinal_before(plain, &meetings, lang);
            let dates = facts::dates(plain, lang);
            if failed {
                self.res.meta.status.kind = StatusKind::NotAdopted;
            } else if adopted || meeting.is_some() {
                self.res.meta.status.kind = StatusKind::Adopted;
            }
            if let Some(&date) = dates.last() {
                self.res.meta.status.date = Some(date);
            }
            if let Some(number) = meeting {
                let session = self.res.meta.session.get_or_insert_default();
                session.number.get_or_insert(number);
            }
            if let Some(vote) = facts::vote(plain, lang) {
                self.res.meta.vote = Some(vote);
            }
            let known = adopted
                || failed
                || self.res.meta.status.date.is_some()
                || self.res.meta.vote.is_some();
            if !known {
                let line = self.line_of(para.span.start);
                self.warn(
                    format!("line {line}, after the operative part, is no adoption, meeting or date line; kept in the closing lines"),
                    para.span,
                    "closing line",
                );
            }
            // The status alone is what writers print without a line.
            let label = lang
                .locale
                .as_ref()
                .map(|l| l.labels.status(self.res.meta.status.kind));
            if label != Some(plain) {
                lines.push(p);
            }
        }
        if let Some(done) = annex.take() {
            self.res.annexes.push(done);
        }
        if self.res.meta.status.date.is_none() && self.res.meta.status.kind == StatusKind::Adopted {
            self.res.meta.status.date = self.header_date;
        }
        if !lines.is_empty() {
            let span = lines.first().and_then(|p| p.span);
            let mut content = Vec::new();
            for (i, line) in lines.into_iter().enumerate() {
                if i > 0 {
                    content.push(Inline::LineBreak);
                }
                content.extend(line.content);
            }
            self.res.adoption = Some(Paragraph { content, span });
        }
    }

    // ----- Checks ---------------------------------------------------------------

    fn check(&mut self) -> DiagResult<()> {
        let mut errors = Vec::new();
        let end = Span::new(self.base + self.text.len(), self.base + self.text.len());
        if self.res.operative.clauses.is_empty() {
            let message = match self.res.preamble.last().and_then(|c| c.span) {
                Some(span) => format!(
                    "no operative part: the text ends after the preamble clause that starts at {}",
                    self.where_(span.start)
                ),
                None => {
                    "no operative part: the text has no clause that opens with a verb".to_string()
                }
            };
            errors.push(
                Diagnostic::error(message)
                    .at(end)
                    .with_label("operative clauses expected here")
                    .with_hint("a resolution decides something: its operative clauses open with a verb (\"Decides\", \"APPROUVE\"), after the preamble"),
            );
        }
        // The clauses were numbered: the part carries the pattern, and
        // each clause out of its sequence its own label.
        if let Some((pattern, _)) = &self.numbering {
            self.res.operative.numbering = Some(pattern.clone());
        }
        let meta = &mut self.res.meta;
        if let Some(reference) = self.given_reference.take() {
            meta.reference = reference;
        }
        if meta.reference.0.is_empty() {
            errors.push(
                Diagnostic::error("no reference: no line of the heading is a document symbol such as `S/RES/2722 (2024)` or `GA-2017-86-RES-06`; add one, or give it with `respub import --reference`")
                    .at(Span::new(self.base, self.base))
                    .with_label("the reference is expected in the heading")
                    .with_hint("add a line with the reference at the top of the text, or give it with `respub import --reference`"),
            );
        } else if meta.number.0.is_empty() {
            let number = match (
                meta.reference.resolution_number(),
                meta.reference.0.rsplit_once(' '),
            ) {
                (Some(n), Some((_, year))) if year.starts_with('(') => format!("{n} {year}"),
                (Some(n), _) => n.to_string(),
                (None, _) => meta.reference.0.clone(),
            };
            meta.number = ResolutionNumber(number);
        }
        if meta.organisation.name.is_empty() {
            self.warnings.push(
                Diagnostic::warning("no organisation: the text names none respub knows")
                    .at(Span::new(self.base, self.base))
                    .with_hint("add a line with the organisation (\"United Nations\") at the top of the text"),
            );
        }
        let used = std::mem::take(&mut self.notes.used);
        let mut unused: Vec<_> = self
            .notes
            .texts
            .iter()
            .filter(|(mark, _)| !used.contains(mark))
            .map(|(mark, (content, span))| (mark.clone(), content.clone(), *span))
            .collect();
        unused.sort_by_key(|u| u.2.start);
        for (mark, content, span) in unused {
            let line = self.line_of(span.start);
            self.warnings.push(
                Diagnostic::warning(format!("the note `{mark}` at line {line} has no marker in the text; kept as a closing line"))
                    .at(span)
                    .with_label("note without a marker"),
            );
            let adoption = self.res.adoption.get_or_insert_default();
            if !adoption.content.is_empty() {
                adoption.content.push(Inline::LineBreak);
            }
            adoption.content.extend(content);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            errors.extend(std::mem::take(&mut self.warnings));
            Err(errors)
        }
    }
}

/// Whether a paragraph is a heading between clauses ("Arms embargo",
/// "A. Targeted sanctions", `*`): short, closed by no punctuation, not in
/// lower case (a heading of a script without case is not told from a
/// paragraph).
fn is_heading(text: &str) -> bool {
    let t = text.trim();
    let stars = !t.is_empty() && t.chars().all(|c| c == '*' || c == ' ');
    stars
        || (t.chars().count() <= 80
            && !t.ends_with(['.', ',', ';', ':', '،', '؛'])
            && t.starts_with(char::is_uppercase)
            && t.split_whitespace().count() <= 8)
}

/// Whether a paragraph may be a heading when a clause follows it: not
/// long, closed by no punctuation, not opening in lower case.
fn heading_shape(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars().count() <= 200
        && t.split_whitespace().count() <= 25
        && !t.ends_with(['.', ',', ';', ':', '،', '؛', '-', '–'])
        && !t.starts_with(char::is_lowercase)
}

/// The label that opens a paragraph, and its text after the label.
fn body_of(para: &Para) -> (Option<Label>, String) {
    match words::label_at(&para.text) {
        Some(label) => {
            let rest = para.text[label.len..].to_string();
            (Some(label), rest)
        }
        None => (None, para.text.clone()),
    }
}

/// The mark of a note text: `[1] …`, `¹ …`, `<sup>1</sup> …`, and the length
/// of the mark with its spaces.
fn note_mark(text: &str) -> Option<(String, usize)> {
    const SUPERSCRIPTS: &str = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    let (mark, len) = if let Some(rest) = text.strip_prefix('[') {
        let end = rest.find(']')?;
        (rest[..end].to_string(), end + 2)
    } else if let Some(rest) = text.strip_prefix("<sup>") {
        let end = rest.find("</sup>")?;
        (rest[..end].to_string(), end + 5 + 6)
    } else {
        let sup: String = text
            .chars()
            .take_while(|c| SUPERSCRIPTS.contains(*c))
            .collect();
        let digits = sup
            .chars()
            .map(|c| {
                char::from(b'0' + SUPERSCRIPTS.chars().position(|s| s == c).unwrap_or(0) as u8)
            })
            .collect();
        (digits, sup.len())
    };
    let valid = !mark.is_empty()
        && mark.chars().count() <= 3
        && (mark.bytes().all(|b| b.is_ascii_digit())
            || mark.chars().all(|c| matches!(c, '*' | '†' | '‡')));
    let rest = &text[len..];
    (valid && rest.starts_with(char::is_whitespace))
        .then(|| (mark, len + (rest.len() - rest.trim_start().len())))
}

/// The mark of a note at the foot of a PDF's page: digits glued to the
/// note's first word (`1The initial …`), and the length of the mark.
fn foot_note_mark(text: &str) -> Option<(String, usize)> {
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &text[digits..];
    let glued = rest.starts_with(char::is_uppercase);
    (digits > 0 && digits <= 2 && glued).then(|| (text[..digits].to_string(), digits))
}

/// The length of the run of words in capitals that opens `text`
/// (`ACCUEILLE FAVORABLEMENT`), each of two letters at least.
fn capitals(text: &str) -> usize {
    let mut end = 0;
    let mut at = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let w = word.trim_end();
        let letters = w.trim_end_matches([',', ';', ':']);
        let caps = letters.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && letters
                .chars()
                .all(|c| c.is_uppercase() || matches!(c, '-' | '\'' | '’'));
        if !caps {
            break;
        }
        end = at + letters.len();
        at += word.len();
        // Punctuation ends the phrase.
        if letters.len() != w.len() {
            break;
        }
    }
    end
}

fn ends_with_comma(text: &str) -> bool {
    text.trim_end().ends_with([',', '،'])
}

/// The first words of a text, for messages.
fn first_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(3).collect();
    words.join(" ")
}

/// A label's text cut off a paragraph's raw text, with the Markdown marks
/// around it: `**Objet :** Prise …` → `Prise …`.
fn strip_label(raw: &str, plain_len: usize) -> &str {
    let mut rest = raw.trim_start_matches(['*', '_']);
    let mut taken = 0;
    let mut chars = rest.char_indices();
    while taken < plain_len {
        match chars.next() {
            Some((_, c)) => taken += c.len_utf8(),
            None => break,
        }
    }
    rest = &rest[taken.min(rest.len())..];
    rest.trim_start_matches(['*', '_', ':', ' ', '\u{a0}'])
        .trim()
}

/// Text as names are compared: tatweel and repeated spaces left out.
fn normalise(text: &str) -> String {
    normalise_spaces(&text.replace('\u{0640}', "")).to_lowercase()
}

fn normalise_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The blocks of the entries at `depth` and below.
fn blocks(entries: &[Entry], depth: usize) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut i = 0;
    while i < entries.len() {
        let e = &entries[i];
        if e.depth <= depth && e.item.is_none() {
            let continuation =
                e.lower && matches!(out.last(), Some(Block::List(l)) if l.continuation.is_none());
            match out.last_mut() {
                Some(Block::List(list)) if continuation => list.continuation = Some(e.para.clone()),
                _ => out.push(Block::Paragraph(e.para.clone())),
            }
            i += 1;
            continue;
        }
        // A list: its items at the depth of the first, up to an entry that
        // is shallower, or an item of another pattern.
        let level = e.depth.max(depth + 1);
        let pattern = e.item.as_ref().map(|i| i.1.clone()).unwrap_or_default();
        let mut list = List {
            pattern: pattern.clone(),
            start: e.item.as_ref().map_or(1, |i| i.2.max(1)),
            span: e.para.span,
            ..List::default()
        };
        let mut expected = list.start;
        while i < entries.len() && entries[i].depth >= level {
            let e = &entries[i];
            let same = e.depth == level && e.item.as_ref().is_some_and(|it| it.1 == pattern);
            if e.depth == level && e.item.is_some() && !same {
                break;
            }
            let end = i
                + 1
                + entries[i + 1..]
                    .iter()
                    .position(|n| n.depth < level || (n.depth == level && n.item.is_some()))
                    .unwrap_or(entries.len() - i - 1);
            let (label, _, value) = e.item.clone().unwrap_or_default();
            let mut item_blocks = vec![Block::Paragraph(e.para.clone())];
            item_blocks.extend(blocks(&entries[i + 1..end], level));
            list.items.push(ListItem {
                label: (e.item.is_none() || value != expected)
                    .then_some(label)
                    .filter(|l| !l.is_empty()),
                blocks: item_blocks,
                span: e.para.span,
            });
            expected = value + 1;
            i = end;
        }
        if list.items.is_empty() {
            out.push(Block::Paragraph(e.para.clone()));
            i += 1;
        } else {
            out.push(Block::List(list));
        }
    }
    out
}
