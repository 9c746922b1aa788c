//! The resolution as plain data.
//!
//! Every reader produces a [`Resolution`] and every writer consumes one; the
//! formats meet only here. Nothing in this module knows about XML, Typst,
//! OOXML or EPUB: it holds the words of a resolution and their structure,
//! with the source position of each part so that a later stage can point a
//! user back to the line that caused a problem.

mod numbering;
mod spans;

use std::fmt;

pub use numbering::{Counter, LabelPattern};

/// A byte range in the source file a node was read from.
///
/// Readers fill it in; nodes built by code (tests, generated labels) have
/// none. Writers only pass it back in diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span covering `start..end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The span as a range, for diagnostics.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// One resolution in one language.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Resolution {
    /// Identification, session, status and related documents.
    pub meta: Meta,
    /// The enacting formula that opens the text ("The Security Council,").
    pub opening: Option<Paragraph>,
    /// Considerations: the clauses that lead with a participle.
    pub preamble: Vec<Clause>,
    /// The decisions of the body.
    pub operative: Operative,
    /// Text after the operative part and before the annexes, if any.
    pub closing: Option<Paragraph>,
    /// The adoption line; when absent, writers print the locale's label for
    /// the status ("Adoptée", "Adopted").
    pub adoption: Option<Paragraph>,
    /// Annexes, in order.
    pub annexes: Vec<Annex>,
}

/// Identification of a resolution.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Meta {
    /// The organisation's reference for the document.
    pub reference: Reference,
    /// The resolution number as printed in its title ("6", "2722 (2024)").
    pub number: ResolutionNumber,
    /// Language of the text.
    pub language: Language,
    /// The organisation that publishes the resolution.
    pub organisation: Organisation,
    /// The body that adopted it ("Assemblée générale", "Security Council").
    pub body: Option<String>,
    /// The session or meeting at which it was considered.
    pub session: Option<Session>,
    /// Subject line ("Prise de position sur la sécurité mondiale").
    pub subject: Option<Paragraph>,
    /// Where the resolution stands, and since when.
    pub status: Status,
    /// Distribution note ("General").
    pub distribution: Option<String>,
    /// The agenda item under which the body considered the resolution, as
    /// printed after "Agenda item" ("89").
    pub agenda_item: Option<String>,
    /// The committee on whose report the body acted, or the draft it
    /// adopted without referring it to one.
    pub committee: Option<Committee>,
    /// The number of the meeting of the session at which the body adopted
    /// the resolution ("40"), for bodies that number their meetings within
    /// sessions.
    pub meeting: Option<String>,
    /// Index terms, for document properties and catalogues.
    pub keywords: Vec<String>,
    /// Documents this one refers to or derives from.
    pub related: Vec<RelatedDocument>,
    /// The recorded vote, when the resolution was put to one.
    pub vote: Option<Vote>,
    /// The drafting rules (`respub lint`'s, by name) that this source
    /// switches off: a finding the secretariat has weighed and accepted.
    pub lint_allow: Vec<String>,
    /// Where the metadata element was in the source.
    pub span: Option<Span>,
}

/// An organisation's reference for a document, e.g. `GA-2017-86-RES-06` or
/// `S/RES/2722 (2024)`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Reference(pub String);

impl Reference {
    /// The reference as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The resolution number that the reference encodes, when it follows the
    /// common `…RES-06` / `…RES/2722` shape.
    pub fn resolution_number(&self) -> Option<u32> {
        let upper = self.0.to_ascii_uppercase();
        let at = upper.rfind("RES")?;
        let rest = upper[at + 3..].trim_start_matches(['-', '/', '.', ' ', '_']);
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        digits.parse().ok()
    }

    /// A form of the reference safe in identifiers and file names:
    /// characters other than ASCII letters, digits, `-` and `.` become `-`.
    pub fn slug(&self) -> String {
        let mut out = String::with_capacity(self.0.len());
        for c in self.0.chars() {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                out.push(c);
            } else if !out.ends_with('-') {
                out.push('-');
            }
        }
        out.trim_matches('-').to_string()
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The number of a resolution as printed ("6", "2722 (2024)").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ResolutionNumber(pub String);

impl ResolutionNumber {
    /// The leading integer of the number, if it has one.
    pub fn value(&self) -> Option<u32> {
        let digits: String = self
            .0
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        digits.parse().ok()
    }
}

impl fmt::Display for ResolutionNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A BCP 47 language tag such as `fr`, `en`, `es-419` or `ar`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Language(pub String);

impl Default for Language {
    fn default() -> Self {
        Language("en".into())
    }
}

impl Language {
    /// The tag as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary subtag in lower case (`fr` for `fr-CH`).
    pub fn primary(&self) -> String {
        self.0
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    }

    /// The region subtag in upper case, when the tag has a two-letter one
    /// (`CH` for `fr-CH`).
    pub fn region(&self) -> Option<String> {
        self.0
            .split(['-', '_'])
            .skip(1)
            .find(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_alphabetic()))
            .map(str::to_ascii_uppercase)
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Writing direction. Which languages run right to left is a fact of their
/// locale files, not of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum Direction {
    /// Left to right (Latin, Cyrillic, …).
    #[default]
    Ltr,
    /// Right to left (Arabic, Hebrew, …).
    Rtl,
}

/// The organisation that publishes a resolution.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Organisation {
    /// Full name as printed ("O.I.P.C.-INTERPOL", "United Nations").
    pub name: String,
    /// Short form or acronym, if different ("INTERPOL", "UN").
    pub short: Option<String>,
}

/// A session or meeting of the issuing body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Session {
    /// Ordinal of the session or meeting ("86", "9527").
    pub number: Option<String>,
    /// City.
    pub place: Option<String>,
    /// Country of the city.
    pub country: Option<String>,
    /// First day.
    pub start: Option<Date>,
    /// Last day.
    pub end: Option<Date>,
    /// The session's name as printed ("Eightieth session").
    pub name: Option<String>,
}

/// How a resolution came before the body: on the report of one of its
/// committees, or as a draft it adopted without reference to one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Committee {
    /// The committee ("Third Committee"); none for a draft adopted without
    /// reference to a committee.
    pub name: Option<String>,
    /// The document the body acted on: the committee's report or the draft
    /// ("A/80/L.7").
    pub document: Option<String>,
}

/// A calendar date, validated on construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// A date, if `day` exists in that month of that year.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        if (1..=9999).contains(&year) && day >= 1 && day <= days {
            Some(Date { year, month, day })
        } else {
            None
        }
    }

    /// Parses an ISO 8601 calendar date, `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year = text[0..4].parse().ok()?;
        let month = text[5..7].parse().ok()?;
        let day = text[8..10].parse().ok()?;
        Date::new(year, month, day)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Seconds since 1970-01-01T00:00:00Z at midnight UTC of this date.
    pub fn unix_seconds(self) -> i64 {
        // Days from civil, after H. Hinnant's public-domain algorithm.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        (era * 146_097 + doe - 719_468) * 86_400
    }
}

/// Fuzzing draws dates that exist, as [`Date::new`] builds them.
#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for Date {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        let year = u.int_in_range(1..=9999)?;
        let month = u.int_in_range(1..=12)?;
        let day = u.int_in_range(1..=31)?;
        Ok(Date::new(year, month, day).unwrap_or(Date {
            year,
            month,
            day: 28,
        }))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Where a resolution stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Status {
    /// Adopted, not adopted, draft or withdrawn.
    pub kind: StatusKind,
    /// The day the status was reached (adoption, vote, withdrawal).
    pub date: Option<Date>,
}

/// The outcome of a resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum StatusKind {
    /// Adopted by the body.
    Adopted,
    /// Put to the vote and not adopted (or vetoed).
    NotAdopted,
    /// Not yet considered.
    #[default]
    Draft,
    /// Withdrawn by its sponsors.
    Withdrawn,
}

impl StatusKind {
    /// Every status, in the order the source format documents them.
    pub const ALL: [StatusKind; 4] = [
        StatusKind::Adopted,
        StatusKind::NotAdopted,
        StatusKind::Draft,
        StatusKind::Withdrawn,
    ];

    /// The keyword used for the status in sources and locale files.
    pub fn keyword(self) -> &'static str {
        match self {
            StatusKind::Adopted => "adopted",
            StatusKind::NotAdopted => "not-adopted",
            StatusKind::Draft => "draft",
            StatusKind::Withdrawn => "withdrawn",
        }
    }

    /// The status named by `keyword`, if any.
    pub fn from_keyword(keyword: &str) -> Option<StatusKind> {
        Self::ALL.into_iter().find(|s| s.keyword() == keyword)
    }
}

/// A recorded vote: who voted for, against and abstained.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Vote {
    /// Votes in favour.
    pub in_favour: Tally,
    /// Votes against.
    pub against: Tally,
    /// Abstentions.
    pub abstaining: Tally,
}

/// One side of a vote.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Tally {
    /// How many members voted this way.
    pub count: u32,
    /// Their names, when recorded, in the order given.
    pub members: Vec<String>,
}

/// Another document that a resolution names in its metadata.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct RelatedDocument {
    /// Its reference ("GA-2017-86-REP-07").
    pub reference: Reference,
    /// How it relates ("report", "draft", "amends").
    pub relation: Option<String>,
    /// Its title, if given.
    pub title: Option<String>,
    /// Where it can be read.
    pub href: Option<String>,
}

/// The operative part: the decisions of the body.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Operative {
    /// How the clauses are numbered; `None` when they are not.
    pub numbering: Option<LabelPattern>,
    /// The clauses, in order.
    pub clauses: Vec<Clause>,
}

impl Operative {
    /// The label printed before clause `index` (0-based), if any: the
    /// clause's own label, or the next number of the part's numbering.
    /// Clauses with their own label ("1 bis.", a lettered heading) do not
    /// take a number, so the clause after "1 bis." is still "2.".
    pub fn label(&self, index: usize) -> Option<String> {
        let clause = self.clauses.get(index)?;
        if let Some(label) = &clause.label {
            return Some(label.clone());
        }
        let number = self.clauses[..index]
            .iter()
            .filter(|c| c.label.is_none())
            .count() as u32
            + 1;
        self.numbering.as_ref().map(|p| p.format(number))
    }
}

/// A preamble or operative clause: one paragraph that usually opens with a
/// verb or participle, possibly followed by lists and further paragraphs.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Clause {
    /// An explicit label that overrides the numbering ("1 bis.").
    pub label: Option<String>,
    /// The content; the first block is normally a paragraph.
    pub blocks: Vec<Block>,
    /// Where the clause was in the source.
    pub span: Option<Span>,
}

impl Clause {
    /// The leading verb of the clause: the first inline of its first
    /// paragraph, when that is marked as a verb.
    pub fn verb(&self) -> Option<&[Inline]> {
        match self.blocks.first() {
            Some(Block::Paragraph(p)) => match p.content.first() {
                Some(Inline::Verb(words)) => Some(words),
                _ => None,
            },
            _ => None,
        }
    }
}

/// A block of text.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[non_exhaustive]
pub enum Block {
    /// A paragraph.
    Paragraph(Paragraph),
    /// A numbered or bulleted list.
    List(List),
    /// A heading inside an annex.
    Heading(Heading),
}

/// A run of inline content.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Paragraph {
    /// The text and its markup.
    pub content: Vec<Inline>,
    /// Where the paragraph was in the source.
    pub span: Option<Span>,
}

impl Paragraph {
    /// A paragraph of plain text.
    pub fn text(text: impl Into<String>) -> Self {
        Paragraph {
            content: vec![Inline::Text(text.into())],
            span: None,
        }
    }
}

/// A heading inside an annex.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Heading {
    /// 1 for the highest level inside the annex.
    pub level: u8,
    /// The heading text.
    pub content: Vec<Inline>,
    /// Where the heading was in the source.
    pub span: Option<Span>,
}

/// A list whose items are labelled by a pattern such as `1.`, `(a)` or `(i)`.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct List {
    /// Text that introduces the items, when the list carries it.
    pub intro: Option<Paragraph>,
    /// How the items are labelled.
    pub pattern: LabelPattern,
    /// The number of the first item.
    pub start: u32,
    /// The items.
    pub items: Vec<ListItem>,
    /// Text that continues the sentence after the items.
    pub continuation: Option<Paragraph>,
    /// Where the list was in the source.
    pub span: Option<Span>,
}

impl List {
    /// The label of item `index` (0-based): the item's own label, or the
    /// pattern applied to its number. Items with their own label do not
    /// take a number, so the item after "(a bis)" is still "(b)".
    pub fn label(&self, index: usize) -> String {
        match self.items.get(index).and_then(|i| i.label.clone()) {
            Some(label) => label,
            None => {
                let before = self.items[..index.min(self.items.len())]
                    .iter()
                    .filter(|i| i.label.is_none())
                    .count() as u32;
                // A model may start a list anywhere (a reader bounds the
                // start, a program need not): the last numbers stay
                // u32::MAX rather than wrap to 0.
                self.pattern.format(self.start.saturating_add(before))
            }
        }
    }

    /// Whether every item takes its label from the pattern, so that a writer
    /// can hand the numbering to the reader's software.
    pub fn is_regular(&self) -> bool {
        self.items.iter().all(|i| i.label.is_none())
    }
}

/// An item of a list.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ListItem {
    /// An explicit label that overrides the pattern.
    pub label: Option<String>,
    /// The content: paragraphs and nested lists.
    pub blocks: Vec<Block>,
    /// Where the item was in the source.
    pub span: Option<Span>,
}

/// An annex to a resolution.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Annex {
    /// The label line ("Annexe 1", "Annex"), as written in the source.
    pub label: Option<Paragraph>,
    /// The annex title.
    pub title: Option<Paragraph>,
    /// The content.
    pub blocks: Vec<Block>,
    /// Where the annex was in the source.
    pub span: Option<Span>,
}

/// Inline content.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[non_exhaustive]
pub enum Inline {
    /// Plain text, as written in the source.
    Text(String),
    /// The leading verb or participle of a clause, set as the style says.
    Verb(Vec<Inline>),
    /// Emphasis (usually italic).
    Emphasis(Vec<Inline>),
    /// Strong emphasis (usually bold).
    Strong(Vec<Inline>),
    /// Superscript, as in "86<sup>e</sup>".
    Superscript(Vec<Inline>),
    /// Subscript.
    Subscript(Vec<Inline>),
    /// A quotation, printed between the locale's quotation marks.
    Quote(Vec<Inline>),
    /// A reference to another document, with an optional address.
    Link(Link),
    /// A footnote, numbered by the writers in document order.
    Footnote(Footnote),
    /// A line break inside a paragraph.
    LineBreak,
}

/// A reference to another document.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Link {
    /// The address, if the reference can be followed.
    pub href: Option<String>,
    /// The referenced document, when it is one the organisation knows.
    pub reference: Option<Reference>,
    /// The text shown.
    pub content: Vec<Inline>,
    /// Where the link was in the source.
    pub span: Option<Span>,
}

/// A footnote.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Footnote {
    /// A mark written in the source, if not numbered automatically.
    pub mark: Option<String>,
    /// The note text.
    pub content: Vec<Inline>,
    /// Where the note was in the source.
    pub span: Option<Span>,
}

/// The words of `inlines` without their marks and without notes; a line
/// break is a space. For attribute values and for comparing texts.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push_str(t),
            Inline::LineBreak => out.push(' '),
            Inline::Footnote(_) => {}
            other => out.push_str(&plain_text(other.children().unwrap_or_default())),
        }
    }
    out
}

impl Inline {
    /// The children of a container inline, if it is one.
    pub fn children(&self) -> Option<&[Inline]> {
        match self {
            Inline::Verb(c)
            | Inline::Emphasis(c)
            | Inline::Strong(c)
            | Inline::Superscript(c)
            | Inline::Subscript(c)
            | Inline::Quote(c) => Some(c),
            Inline::Link(link) => Some(&link.content),
            Inline::Footnote(note) => Some(&note.content),
            Inline::Text(_) | Inline::LineBreak => None,
        }
    }

    /// The children of a container inline, mutably, if it is one.
    pub fn children_mut(&mut self) -> Option<&mut Vec<Inline>> {
        match self {
            Inline::Verb(c)
            | Inline::Emphasis(c)
            | Inline::Strong(c)
            | Inline::Superscript(c)
            | Inline::Subscript(c)
            | Inline::Quote(c) => Some(c),
            Inline::Link(link) => Some(&mut link.content),
            Inline::Footnote(note) => Some(&mut note.content),
            Inline::Text(_) | Inline::LineBreak => None,
        }
    }
}

/// Calls `f` on every paragraph-like run of inlines in the resolution, in
/// reading order (metadata subject first). Footnote contents are visited
/// where they are anchored, inside their inline.
pub fn for_each_inline_run_mut(res: &mut Resolution, f: &mut impl FnMut(&mut Vec<Inline>)) {
    if let Some(p) = &mut res.meta.subject {
        f(&mut p.content);
    }
    let paras = res
        .opening
        .iter_mut()
        .chain(res.closing.iter_mut())
        .chain(res.adoption.iter_mut());
    for p in paras {
        f(&mut p.content);
    }
    for clause in res
        .preamble
        .iter_mut()
        .chain(res.operative.clauses.iter_mut())
    {
        blocks_mut(&mut clause.blocks, f);
    }
    for annex in &mut res.annexes {
        for p in annex.label.iter_mut().chain(annex.title.iter_mut()) {
            f(&mut p.content);
        }
        blocks_mut(&mut annex.blocks, f);
    }
}

fn blocks_mut(blocks: &mut [Block], f: &mut impl FnMut(&mut Vec<Inline>)) {
    for block in blocks {
        match block {
            Block::Paragraph(p) => f(&mut p.content),
            Block::Heading(h) => f(&mut h.content),
            Block::List(list) => {
                for p in list.intro.iter_mut() {
                    f(&mut p.content);
                }
                for item in &mut list.items {
                    blocks_mut(&mut item.blocks, f);
                }
                for p in list.continuation.iter_mut() {
                    f(&mut p.content);
                }
            }
        }
    }
}

/// The structure of a resolution in counts: what two readings of one
/// document must agree on (the text reader's and the Akoma Ntoso
/// reader's, in the parity tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Shape {
    /// Preamble clauses.
    pub preamble: usize,
    /// Operative clauses.
    pub operative: usize,
    /// List items in the clauses, at every depth.
    pub items: usize,
    /// Footnotes, everywhere.
    pub notes: usize,
}

impl Resolution {
    /// The counts of the resolution's parts.
    pub fn shape(&self) -> Shape {
        fn items(blocks: &[Block]) -> usize {
            blocks
                .iter()
                .map(|b| match b {
                    Block::List(list) => {
                        list.items.len()
                            + list.items.iter().map(|i| items(&i.blocks)).sum::<usize>()
                    }
                    _ => 0,
                })
                .sum()
        }
        fn notes(run: &[Inline]) -> usize {
            run.iter()
                .map(|i| {
                    usize::from(matches!(i, Inline::Footnote(_))) + i.children().map_or(0, notes)
                })
                .sum()
        }
        let clauses = self.preamble.iter().chain(&self.operative.clauses);
        let mut copy = self.clone();
        let mut note_count = 0;
        for_each_inline_run_mut(&mut copy, &mut |run| note_count += notes(run));
        Shape {
            preamble: self.preamble.len(),
            operative: self.operative.clauses.len(),
            items: clauses.map(|c| items(&c.blocks)).sum(),
            notes: note_count,
        }
    }
}
