//! The prepared document: every presentation decision, made once for a
//! document in a style, before any writer runs.
//!
//! The model says what a resolution is; the prepared document says how it
//! is presented in one style: the label of every numbered thing, the
//! quotation marks of every depth, the number of every note, which links a
//! reader may follow, the document's metadata, the emblem and its
//! alternative text, the fonts the text needs and the typography of its
//! language. Every writer reads the same [`Prepared`], so the PDF, the EPUB
//! and the DOCX cannot disagree on any of it.
//!
//! Preparing also finds what a writer could not print — a character no
//! font of the style has, a link no reader may follow, an empty heading, a
//! nesting deeper than every format allows — and reports it here, once,
//! at its place in the source. `respub check` prepares too, so a source it
//! calls clean builds in every format.

mod checks;
pub mod fonts;
pub mod links;
mod locate;
mod node;
pub mod redline;
mod tree;
pub mod typography;

use crate::diag::{DiagResult, Diagnostic, Warned};
use crate::model::{self, Date, Direction, Language, Resolution, Span};
use crate::source::SourceFile;
use crate::style::{Asset, FontFile, Locale, PageLabelPart, Style, VerbTreatment};

pub use checks::language_tag_problem;
pub use links::{Href, LinkProblem};
pub use tree::{
    Annex, Block, Body, Clause, Heading, Inline, Item, List, Note, Operative, Para, Revision,
    Setting, for_each_run, plain,
};

use crate::compare::Style as WordStyle;
use checks::Limits;
use locate::Locator;
use node::{Node, View};

/// Nested lists deeper than this are refused: it is the number of list
/// levels Word has, and no resolution comes near it.
pub const MAX_LIST_DEPTH: usize = 9;

/// Inline markup nested deeper than this (emphasis in a quotation in a
/// link …) is refused; real texts nest three or four levels.
pub const MAX_INLINE_DEPTH: usize = 16;

/// A resolution prepared for the writers in one style.
#[derive(Debug, Clone)]
pub struct Prepared<'a> {
    /// The model, for writers of exchange formats that keep its structure.
    pub resolution: &'a Resolution,
    /// The source file, as read (the PDF carries it).
    pub source: &'a SourceFile,
    /// The style.
    pub style: &'a Style,
    /// The locale of the document's language in the style.
    pub locale: &'a Locale,
    /// The moment recorded as the outputs' date, in seconds since 1970.
    /// It dates the files; it never names the document.
    pub timestamp: i64,
    /// The document's properties, the same in every format.
    pub meta: Metadata,
    /// The title block.
    pub head: Head,
    /// The emblem, when the style has one.
    pub emblem: Option<Emblem<'a>>,
    /// The fonts the text needs.
    pub fonts: FontPlan<'a>,
    /// The text.
    pub body: Body,
    /// How many notes the text has.
    pub notes: usize,
    /// When the document is a redline of two versions: who and when, and
    /// the summary of the changes. A normal document has none, and no
    /// marks.
    pub redline: Option<redline::Redline>,
}

/// The document's properties: what PDF Info and XMP, the EPUB's package
/// and the DOCX's core properties all say.
#[derive(Debug, Clone, PartialEq)]
pub struct Metadata {
    /// The full title: "Résolution N° 6 – Prise de position sur la
    /// sécurité mondiale".
    pub title: String,
    /// The subject line as plain text.
    pub subject: Option<String>,
    /// Index terms: the reference first, then the source's keywords.
    pub keywords: Vec<String>,
    /// The organisation that publishes the resolution.
    pub author: String,
    /// The body that adopted it.
    pub creator: Option<String>,
    /// The language, as the source tags it.
    pub language: Language,
    /// Its writing direction.
    pub direction: Direction,
    /// The tag Word's proofing tools use (`fr-FR`).
    pub word_language: String,
    /// The ISO 639-2 code (`fra`).
    pub iso639_2: String,
    /// A stable identifier of this language version of the resolution:
    /// `urn:respub:GA-2017-86-RES-06:fr`.
    pub identifier: String,
    /// The organisation's reference.
    pub reference: String,
    /// The date of the resolution: the status date, else the last day of
    /// the session.
    pub date: Option<Date>,
    /// A description of the document for assistive technology.
    pub summary: String,
}

/// The title block.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    /// The organisation's name.
    pub organisation: String,
    /// The adopting body.
    pub body: Option<String>,
    /// The reference.
    pub reference: String,
    /// The printed title as plain text: "Résolution N° 6", or "80/7.
    /// Report of the International Atomic Energy Agency" when the title
    /// label takes the subject in (`{number}. {subject}`).
    pub title: String,
    /// The printed title with the markup of the subject in it.
    pub heading: Vec<Inline>,
    /// Whether the subject is part of the title, so not printed on a line
    /// of its own.
    pub subject_in_title: bool,
    /// "Objet :".
    pub subject_label: String,
    /// The subject line.
    pub subject: Option<Vec<Inline>>,
    /// The distribution line ("Distr.: General"), when the style shows
    /// it.
    pub distribution: Option<String>,
    /// The resolution's date written in the language, when the style
    /// shows the distribution line and the date.
    pub date: Option<String>,
    /// The session's name ("Eightieth session"), when the style shows the
    /// session.
    pub session: Option<String>,
    /// "Agenda item 89", when the style shows the session.
    pub agenda_item: Option<String>,
    /// "Resolution adopted by the General Assembly on 3 November 2025",
    /// when the style shows it.
    pub adopted_by: Option<String>,
    /// "[without reference to a Main Committee (A/80/L.7)]", when the
    /// style shows it.
    pub committee: Option<String>,
    /// The page label ("page {page} / {pages}") split around its
    /// placeholders, for formats that print live page numbers.
    pub page_label: Vec<PagePart>,
}

/// A piece of the page label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PagePart {
    /// Printed as is.
    Text(String),
    /// The number of the current page.
    Page,
    /// The number of pages.
    Pages,
}

/// The emblem and its alternative text.
#[derive(Debug, Clone)]
pub struct Emblem<'a> {
    /// The image file of the style.
    pub file: &'a Asset,
    /// What it shows, for those who cannot see it.
    pub alt: String,
    /// Its format.
    pub format: ImageFormat,
}

/// The format of an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// Scalable vector graphics.
    Svg,
    /// PNG.
    Png,
}

/// The fonts the document needs.
#[derive(Debug, Clone)]
pub struct FontPlan<'a> {
    /// The family of the document's script ("Noto Naskh Arabic" for
    /// Arabic, the body family otherwise).
    pub main: &'a str,
    /// Every family in the order a character looks for its glyph.
    pub families: Vec<&'a str>,
    /// The faces of the families that set some character, italic faces
    /// only when the text has italics: what packages embed.
    pub faces: Vec<&'a FontFile>,
    /// Whether any text is set in italics.
    pub italics: bool,
}

impl FontPlan<'_> {
    /// Whether `family` sets some character of the text.
    pub fn uses(&self, family: &str) -> bool {
        self.faces.iter().any(|f| f.family == family)
    }
}

/// Prepares `res`, read from `source`, in `style`. Errors are problems of
/// the source that no format could print; warnings, what was adapted.
pub fn prepare<'a>(
    res: &'a Resolution,
    source: &'a SourceFile,
    style: &'a Style,
    timestamp: i64,
) -> DiagResult<Warned<Prepared<'a>>> {
    prepare_with(res, source, style, timestamp, |p| p.body(res))
}

/// Prepares the document of `res` whose text `body` prepares: the
/// resolution's own, or a redline's.
fn prepare_with<'a>(
    res: &'a Resolution,
    source: &'a SourceFile,
    style: &'a Style,
    timestamp: i64,
    body: impl FnOnce(&mut Preparer<'a>) -> Body,
) -> DiagResult<Warned<Prepared<'a>>> {
    let locale = style.locale(&res.meta.language);
    let mut p = Preparer {
        locale,
        style,
        verbs: VerbTreatment::AsWritten,
        diagnostics: Vec::new(),
        notes: 0,
        locator: Locator::new(source),
        limits: Limits::default(),
        italics: false,
    };
    p.check_language(res);
    let meta_span = res.meta.span;

    let head = p.head(res);
    let body = body(&mut p);
    let meta = p.metadata(res, &head);
    p.check_strings(&meta, &head, &body, meta_span);
    let emblem = style.emblem.as_ref().map(|file| Emblem {
        file,
        alt: locale.labels.emblem_for(&res.meta.organisation.name),
        format: if file.path.to_ascii_lowercase().ends_with(".svg") {
            ImageFormat::Svg
        } else {
            ImageFormat::Png
        },
    });
    let fonts = p.fonts(&head, &body, meta_span);

    let notes = p.notes;
    let Preparer { diagnostics, .. } = p;
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    Ok(Warned {
        output: Prepared {
            resolution: res,
            source,
            style,
            locale,
            timestamp,
            meta,
            head,
            emblem,
            fonts,
            body,
            notes,
            redline: None,
        },
        warnings: diagnostics,
    })
}

/// What preparing a document keeps track of.
struct Preparer<'a> {
    locale: &'a Locale,
    style: &'a Style,
    /// How the verbs of the part being prepared are set.
    verbs: VerbTreatment,
    diagnostics: Vec<Diagnostic>,
    /// Notes numbered so far.
    notes: usize,
    locator: Locator<'a>,
    limits: Limits,
    italics: bool,
}

/// Where inlines being prepared sit.
#[derive(Debug, Clone, Copy, Default)]
struct Context {
    /// Depth of quotations, to alternate outer and inner marks.
    quotes: usize,
    /// Inside a note's text.
    in_note: bool,
    /// Inside a link's text.
    in_link: bool,
    /// Depth of inline markup.
    depth: usize,
    /// The nearest span of the source, for messages.
    span: Option<Span>,
}

impl<'a> Preparer<'a> {
    fn head(&mut self, res: &Resolution) -> Head {
        let meta = &res.meta;
        let labels = &self.locale.labels;
        let shows = &self.style.title;
        let subject = meta.subject.as_ref().map(|p| self.run(&p.content, p.span));
        // A title label with `{subject}` takes the subject in:
        // "80/7. Report of the International Atomic Energy Agency".
        let label = labels.title_for(&meta.number.0);
        let (heading, subject_in_title) = match label.split_once("{subject}") {
            Some((before, after)) => {
                let mut heading = Vec::new();
                let before = self.text_line(before);
                let after = self.text_line(after);
                let inner = subject.clone().unwrap_or_default();
                // Without a subject, the title ends where the label's text does.
                let (before, after) = if inner.is_empty() {
                    (
                        before.trim_end().to_string(),
                        after.trim_start().to_string(),
                    )
                } else {
                    (before, after)
                };
                if !before.is_empty() {
                    heading.push(Inline::Text(before));
                }
                heading.extend(inner);
                if !after.is_empty() {
                    heading.push(Inline::Text(after));
                }
                (heading, true)
            }
            None => (vec![Inline::Text(self.text_line(&label))], false),
        };
        let title = plain(&heading).trim().to_string();
        let date = meta.status.date.map(|d| self.locale.format_date(d));
        let line = |shown: bool, label: &Option<String>, fill: &dyn Fn(&str) -> Option<String>| {
            label
                .as_deref()
                .filter(|_| shown)
                .and_then(fill)
                .map(|l| self.text_line(&l))
        };
        let distribution = meta
            .distribution
            .as_ref()
            .filter(|_| shows.distribution)
            .map(|d| labels.distribution.replace("{distribution}", d));
        let session = meta
            .session
            .as_ref()
            .and_then(|s| s.name.clone())
            .filter(|_| shows.session);
        let agenda_item = line(shows.session, &labels.agenda_item, &|l| {
            meta.agenda_item.as_ref().map(|i| l.replace("{item}", i))
        });
        let adopted_by = line(shows.adopted_by, &labels.adopted_by, &|l| {
            let date = date.as_deref()?;
            let filled = l.replace("{date}", date);
            match &meta.body {
                Some(body) => Some(filled.replace("{body}", body)),
                None if filled.contains("{body}") => None,
                None => Some(filled),
            }
        });
        let committee = meta
            .committee
            .as_ref()
            .filter(|_| shows.committee)
            .and_then(|c| {
                let document = c.document.as_deref().unwrap_or_default();
                let label = match &c.name {
                    Some(name) => labels
                        .committee_report
                        .as_ref()
                        .map(|l| l.replace("{committee}", name)),
                    None => labels.committee_none.clone(),
                };
                label.map(|l| self.text_line(&l.replace("{document}", document)))
            });
        Head {
            organisation: meta.organisation.name.clone(),
            body: meta.body.clone(),
            reference: meta.reference.0.clone(),
            title,
            heading,
            subject_in_title,
            subject_label: self.text_line(&labels.subject),
            subject,
            date: date.filter(|_| shows.distribution),
            distribution,
            session,
            agenda_item,
            adopted_by,
            committee,
            page_label: page_parts(&labels.page),
        }
    }

    /// A line made by the style (a title, a label), with the language's
    /// typography.
    fn text_line(&self, text: &str) -> String {
        typography::apply(&self.locale.typography, text, None)
    }

    fn metadata(&mut self, res: &Resolution, head: &Head) -> Metadata {
        let meta = &res.meta;
        let subject = head
            .subject
            .as_ref()
            .map(|s| plain(s).trim().to_string())
            .filter(|s| !s.is_empty());
        let title = match &subject {
            Some(s) if !head.subject_in_title => format!("{} – {s}", head.title),
            _ => head.title.clone(),
        };
        let mut keywords = vec![meta.reference.0.clone()];
        for k in &meta.keywords {
            if !k.trim().is_empty() && !keywords.contains(k) {
                keywords.push(k.clone());
            }
        }
        let slug = meta.reference.slug();
        let slug = if slug.is_empty() {
            "resolution".to_string()
        } else {
            slug
        };
        let language = meta.language.clone();
        let word_language = if language.as_str().contains('-') {
            language.as_str().to_string()
        } else {
            self.locale.word_language.clone()
        };
        Metadata {
            summary: self.text_line(&self.locale.labels.summary.replace("{title}", &title)),
            title,
            subject,
            keywords,
            author: meta.organisation.name.clone(),
            creator: meta.body.clone(),
            identifier: format!(
                "urn:respub:{slug}:{}",
                language.as_str().to_ascii_lowercase()
            ),
            direction: self.locale.direction,
            word_language,
            iso639_2: self.locale.iso639_2.clone(),
            language,
            reference: meta.reference.0.clone(),
            date: meta
                .status
                .date
                .or_else(|| meta.session.as_ref().and_then(|s| s.end.or(s.start))),
        }
    }

    fn body(&mut self, res: &Resolution) -> Body {
        let opening = res.opening.as_ref().map(|p| self.para(p));
        self.verbs = self.style.verbs.preamble;
        let preamble = res
            .preamble
            .iter()
            .map(|c| Clause {
                label: c.label.clone(),
                blocks: self.blocks(&c.blocks, 0, c.span, &mut Levels::default()),
                revision: None,
                old_label: None,
            })
            .collect();
        self.verbs = self.style.verbs.operative;
        let op = &res.operative;
        let operative = Operative {
            clauses: op
                .clauses
                .iter()
                .enumerate()
                .map(|(i, c)| Clause {
                    label: op.label(i),
                    blocks: self.blocks(&c.blocks, 0, c.span, &mut Levels::default()),
                    revision: None,
                    old_label: None,
                })
                .collect(),
            pattern: op.numbering.clone(),
            regular: op.clauses.iter().all(|c| c.label.is_none()),
        };
        self.verbs = VerbTreatment::AsWritten;
        let closing = res.closing.as_ref().map(|p| self.para(p));
        let adoption = self.adoption(res);
        let several = res.annexes.len() > 1;
        let annexes = res
            .annexes
            .iter()
            .enumerate()
            .map(|(i, annex)| self.annex(annex, i, several))
            .collect();
        Body {
            opening,
            preamble,
            operative,
            closing,
            adoption,
            annexes,
        }
    }

    /// The adoption line: the source's, the meeting over the date, or the
    /// locale's label of the status.
    fn adoption(&mut self, res: &Resolution) -> Para {
        let labels = &self.locale.labels;
        match (&res.adoption, &labels.meeting, &res.meta.meeting) {
            (Some(p), _, _) => self.para(p),
            // "40th plenary meeting", over the date.
            (None, Some(label), Some(meeting)) => {
                let ordinal = self.locale.ordinals.of(meeting);
                let mut content = vec![Inline::Text(
                    self.text_line(&label.replace("{meeting}", &ordinal)),
                )];
                if let Some(date) = res.meta.status.date {
                    content.push(Inline::LineBreak);
                    content.push(Inline::Text(self.locale.format_date(date)));
                }
                Para {
                    content,
                    span: res.meta.span,
                    revision: None,
                }
            }
            (None, _, _) => Para {
                content: vec![Inline::Text(
                    self.text_line(labels.status(res.meta.status.kind)),
                )],
                span: res.meta.span,
                revision: None,
            },
        }
    }

    fn annex(&mut self, annex: &model::Annex, index: usize, several: bool) -> Annex {
        let given = annex
            .label
            .as_ref()
            .filter(|p| !model_plain(&p.content).trim().is_empty());
        let label = match given {
            Some(p) => self.run(&p.content, p.span.or(annex.span)),
            None if several => vec![Inline::Text(self.text_line(&format!(
                "{} {}",
                self.locale.labels.annex,
                index + 1
            )))],
            None => vec![Inline::Text(self.text_line(&self.locale.labels.annex))],
        };
        let title = annex
            .title
            .as_ref()
            .filter(|p| !model_plain(&p.content).trim().is_empty())
            .map(|p| self.run(&p.content, p.span.or(annex.span)));
        let label_text = plain(&label).trim().to_string();
        let heading = match title.as_ref().map(|t| plain(t).trim().to_string()) {
            Some(t) if !t.is_empty() => format!("{label_text} – {t}"),
            _ => label_text,
        };
        Annex {
            label,
            title,
            heading,
            blocks: self.blocks(&annex.blocks, 0, annex.span, &mut Levels::default()),
            revision: None,
        }
    }

    fn para(&mut self, p: &model::Paragraph) -> Para {
        Para {
            content: self.run(&p.content, p.span),
            span: p.span,
            revision: None,
        }
    }

    fn blocks(
        &mut self,
        blocks: &[model::Block],
        depth: usize,
        span: Option<Span>,
        levels: &mut Levels,
    ) -> Vec<Block> {
        blocks
            .iter()
            .map(|b| self.block(b, depth, span, levels))
            .collect()
    }

    fn block(
        &mut self,
        block: &model::Block,
        depth: usize,
        span: Option<Span>,
        levels: &mut Levels,
    ) -> Block {
        match block {
            model::Block::Paragraph(p) => Block::Paragraph(Para {
                content: self.run(&p.content, p.span.or(span)),
                span: p.span.or(span),
                revision: None,
            }),
            model::Block::Heading(h) => {
                let at = h.span.or(span);
                let content = self.run(&h.content, at);
                if plain(&content).trim().is_empty() {
                    self.diagnostics.push(
                        Diagnostic::error("this heading is empty")
                            .at(at)
                            .with_label("empty heading")
                            .with_hint("give the heading its words, or delete it: an empty heading cannot be navigated to (PDF/UA, EPUB accessibility)"),
                    );
                }
                let wanted = h.level.max(1);
                let level = wanted.min(levels.last + 1);
                if level != wanted {
                    self.diagnostics.push(
                        Diagnostic::warning(format!(
                            "this heading of level {wanted} skips a level; it is printed at level {level}"
                        ))
                        .at(at)
                        .with_hint("headings must not skip levels, so that assistive technology can navigate them"),
                    );
                }
                levels.last = level;
                Block::Heading(Heading {
                    level,
                    content,
                    revision: None,
                })
            }
            model::Block::List(list) => {
                let at = list.span.or(span);
                if depth >= MAX_LIST_DEPTH && !self.limits.list_depth {
                    self.limits.list_depth = true;
                    self.diagnostics.push(
                        Diagnostic::error(format!(
                            "lists are nested more than {MAX_LIST_DEPTH} deep here"
                        ))
                        .at(at)
                        .with_label("too deep")
                        .with_hint(format!("Word has {MAX_LIST_DEPTH} list levels and no resolution needs more; make the deepest items paragraphs of the level above")),
                    );
                }
                let items = list
                    .items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| Item {
                        label: list.label(i),
                        blocks: self.blocks(&item.blocks, depth + 1, item.span.or(at), levels),
                        revision: None,
                        old_label: None,
                    })
                    .collect();
                Block::List(List {
                    intro: list.intro.as_ref().map(|p| Para {
                        content: self.run(&p.content, p.span.or(at)),
                        span: p.span.or(at),
                        revision: None,
                    }),
                    items,
                    continuation: list.continuation.as_ref().map(|p| Para {
                        content: self.run(&p.content, p.span.or(at)),
                        span: p.span.or(at),
                        revision: None,
                    }),
                    pattern: list.pattern.clone(),
                    start: list.start,
                    regular: list.is_regular(),
                    depth,
                })
            }
        }
    }

    /// Prepares one run of inlines: a paragraph's content.
    fn run(&mut self, inlines: &[model::Inline], span: Option<Span>) -> Vec<Inline> {
        self.run_of(inlines, span)
    }

    /// Prepares one run of inlines of the model or of a redline.
    fn run_of<N: Node>(&mut self, inlines: &[N], span: Option<Span>) -> Vec<Inline> {
        let mut prev = None;
        let ctx = Context {
            span,
            ..Context::default()
        };
        self.inlines(inlines, ctx, &mut prev)
    }

    fn inlines<N: Node>(
        &mut self,
        inlines: &[N],
        ctx: Context,
        prev: &mut Option<char>,
    ) -> Vec<Inline> {
        let mut out = Vec::with_capacity(inlines.len());
        for inline in inlines {
            self.inline(inline, ctx, prev, &mut out);
        }
        out
    }

    fn inline<N: Node>(
        &mut self,
        inline: &N,
        ctx: Context,
        prev: &mut Option<char>,
        out: &mut Vec<Inline>,
    ) {
        let view = inline.view();
        if ctx.depth >= MAX_INLINE_DEPTH && view.is_container() {
            if !self.limits.inline_depth {
                self.limits.inline_depth = true;
                self.diagnostics.push(
                    Diagnostic::error(format!(
                        "inline markup is nested more than {MAX_INLINE_DEPTH} deep here"
                    ))
                    .at(ctx.span)
                    .with_hint("real texts nest emphasis, quotations and links three or four deep; remove the inner markup"),
                );
            }
            return;
        }
        let inner = Context {
            depth: ctx.depth + 1,
            ..ctx
        };
        match view {
            View::Text(text) => {
                let text = typography::apply(&self.locale.typography, text, *prev);
                if let Some(last) = text.chars().last() {
                    *prev = Some(last);
                }
                out.push(Inline::Text(text));
            }
            View::Break => {
                *prev = Some('\n');
                out.push(Inline::LineBreak);
            }
            View::Styled(style, c) => {
                let content = self.inlines(c, inner, prev);
                out.push(self.styled(style, content));
            }
            View::Quote(c) => {
                let (open, close) = self.quote_marks(ctx.quotes);
                *prev = open.chars().last().or(*prev);
                let content = self.inlines(
                    c,
                    Context {
                        quotes: ctx.quotes + 1,
                        ..inner
                    },
                    prev,
                );
                *prev = close.chars().last().or(*prev);
                out.push(Inline::Quote {
                    open,
                    close,
                    content,
                });
            }
            // A quotation of a redline carries its marks among its words,
            // so that they are marked with them.
            View::MarkedQuote(c) => {
                let inner = Context {
                    quotes: ctx.quotes + 1,
                    ..inner
                };
                for inline in c {
                    self.inline(inline, inner, prev, out);
                }
            }
            View::QuoteMark(open) => {
                let (o, c) = self.quote_marks(ctx.quotes.saturating_sub(1));
                let mark = if open { o } else { c };
                *prev = mark.chars().last().or(*prev);
                out.push(Inline::Text(mark));
            }
            View::Link {
                href,
                span,
                content,
            } => self.link(href, span, content, inner, prev, out),
            View::Note {
                mark,
                span,
                content,
            } => self.note(mark, span, content, inner, prev, out),
            View::Inserted(c) => {
                let content = self.inlines(c, inner, prev);
                out.push(Inline::Inserted(content));
            }
            View::Deleted(c) => {
                let content = self.inlines(c, inner, prev);
                out.push(Inline::Deleted(content));
            }
            View::Restyled(was, c) => {
                let was = was.iter().map(|&s| self.setting(s)).collect();
                let content = self.inlines(c, inner, prev);
                out.push(Inline::Restyled { was, content });
            }
        }
    }

    /// The opening and closing marks of a quotation `depth` quotations deep.
    fn quote_marks(&self, depth: usize) -> (String, String) {
        let q = &self.locale.quotes;
        if depth % 2 == 0 {
            (q.open.clone(), q.close.clone())
        } else {
            (q.inner_open.clone(), q.inner_close.clone())
        }
    }

    /// How the style sets words of `style` in the part being prepared.
    fn setting(&self, style: WordStyle) -> Setting {
        match style {
            WordStyle::Verb => Setting::Verb(self.verbs),
            WordStyle::Emphasis => Setting::Emphasis,
            WordStyle::Strong => Setting::Strong,
            WordStyle::Superscript => Setting::Superscript,
            WordStyle::Subscript => Setting::Subscript,
        }
    }

    fn styled(&mut self, style: WordStyle, content: Vec<Inline>) -> Inline {
        match style {
            WordStyle::Verb => {
                if self.verbs == VerbTreatment::Italic {
                    self.italics = true;
                }
                Inline::Verb {
                    treatment: self.verbs,
                    content,
                }
            }
            WordStyle::Emphasis => {
                self.italics = true;
                Inline::Emphasis(content)
            }
            WordStyle::Strong => Inline::Strong(content),
            WordStyle::Superscript => Inline::Superscript(content),
            WordStyle::Subscript => Inline::Subscript(content),
        }
    }

    fn link<N: Node>(
        &mut self,
        raw_href: Option<&str>,
        span: Option<Span>,
        link_content: &[N],
        ctx: Context,
        prev: &mut Option<char>,
        out: &mut Vec<Inline>,
    ) {
        let at = span.or(ctx.span);
        let mut href = None;
        if let Some(raw) = raw_href {
            match links::followable(raw) {
                Ok(h) if ctx.in_link => {
                    let _ = h;
                    self.diagnostics.push(
                        Diagnostic::warning(
                            "a link inside the text of another link cannot be followed on its own; its text is printed as part of the outer link",
                        )
                        .at(at)
                        .with_hint("move the inner link out of the outer link's text"),
                    );
                }
                Ok(h) => href = Some(h),
                Err(problem) => self.diagnostics.push(
                    Diagnostic::warning(format!(
                        "the link to `{}` will not be followable: {problem}",
                        checks::excerpt(raw, 80)
                    ))
                    .at(at)
                    .with_label("printed as text, without a link")
                    .with_hint("respub links absolute web and mail addresses only: `https://…`, `http://…`, `mailto:…`"),
                ),
            }
        }
        let inner = Context {
            in_link: true,
            span: at,
            ..ctx
        };
        // Notes anchored in the link's text follow the link: a link
        // cannot contain a note reference in every format.
        let mut content = Vec::new();
        for inline in link_content {
            self.inline(inline, inner, prev, &mut content);
        }
        let mut notes = Vec::new();
        take_notes(&mut content, &mut notes);
        out.push(Inline::Link { href, content });
        out.extend(notes);
    }

    #[allow(clippy::too_many_arguments)]
    fn note<N: Node>(
        &mut self,
        mark: Option<&str>,
        span: Option<Span>,
        note_content: &[N],
        ctx: Context,
        prev: &mut Option<char>,
        out: &mut Vec<Inline>,
    ) {
        let at = span.or(ctx.span);
        if ctx.in_note {
            // No format prints a note inside a note's text: its words stay
            // where they are, in parentheses.
            self.diagnostics.push(
                Diagnostic::warning(
                    "a footnote inside a footnote is printed in parentheses in the outer note",
                )
                .at(at)
                .with_hint("move the inner note's text into the outer note"),
            );
            out.push(Inline::Text(" (".into()));
            *prev = Some('(');
            for inline in note_content {
                self.inline(inline, ctx, prev, out);
            }
            out.push(Inline::Text(")".into()));
            *prev = Some(')');
            return;
        }
        self.notes += 1;
        let number = self.notes;
        let inner = Context {
            in_note: true,
            quotes: 0,
            span: at,
            ..ctx
        };
        // A note is a run of its own: its first character does not follow
        // the word it is anchored to.
        let mut note_prev = None;
        let content = self.inlines(note_content, inner, &mut note_prev);
        out.push(Inline::Note(Note {
            number,
            custom_mark: mark.map(str::to_string).filter(|m| !m.trim().is_empty()),
            content,
        }));
    }

    fn fonts(&mut self, head: &Head, body: &Body, span: Option<Span>) -> FontPlan<'a> {
        let style = self.style;
        let main = style.fonts.family_for(&self.locale.script);
        let families = style.fonts.search_order(&self.locale.script);
        let coverages = fonts::coverages(&style.fonts);
        let mut used: Vec<&'a str> = vec![main];
        let mut missing: Vec<(char, Option<Span>)> = Vec::new();
        let mut check = |text: &str, span: Option<Span>| {
            for c in text.chars().filter(|&c| fonts::needs_glyph(c)) {
                match fonts::family_for(c, &families, &coverages) {
                    Some(family) if !used.contains(&family) => used.push(family),
                    Some(_) => {}
                    None if !missing.iter().any(|(m, _)| *m == c) => missing.push((c, span)),
                    None => {}
                }
            }
        };
        for line in [
            &head.organisation,
            &head.reference,
            &head.title,
            &head.subject_label,
        ] {
            check(line, span);
        }
        let lines = [
            &head.body,
            &head.distribution,
            &head.date,
            &head.session,
            &head.agenda_item,
            &head.adopted_by,
            &head.committee,
        ];
        for line in lines.into_iter().flatten() {
            check(line, span);
        }
        for part in &head.page_label {
            if let PagePart::Text(t) = part {
                check(t, span);
            }
        }
        if let Some(s) = &head.subject {
            visit_text(s, &mut |t| check(t, span));
        }
        visit_body_text(body, &mut |t, s| check(t, s.or(span)));
        for (c, at) in missing {
            let at = self.locator.find_char(c, at);
            self.diagnostics.push(
                Diagnostic::error(format!(
                    "no font of the style `{}` has the character {} (U+{:04X})",
                    style.name,
                    shown(c),
                    u32::from(c)
                ))
                .at(at)
                .with_label("no font has this character")
                .with_hint(format!("the style's fonts are: {}", families.join(", ")))
                .with_hint(
                    "add a font that has it to the style's `fonts.files` and `fonts.fallback`, or replace the character",
                ),
            );
        }
        let faces = style
            .fonts
            .files
            .iter()
            .filter(|f| used.contains(&f.family.as_str()) && (self.italics || !f.italic))
            .collect();
        FontPlan {
            main,
            families,
            faces,
            italics: self.italics,
        }
    }
}

/// The page label split around its placeholders, neighbouring text merged.
fn page_parts(pattern: &str) -> Vec<PagePart> {
    let mut parts: Vec<PagePart> = Vec::new();
    for part in crate::style::page_label_parts(pattern) {
        match part {
            PageLabelPart::Text("") => {}
            PageLabelPart::Text(text) => match parts.last_mut() {
                Some(PagePart::Text(t)) => t.push_str(text),
                _ => parts.push(PagePart::Text(text.to_string())),
            },
            PageLabelPart::Page => parts.push(PagePart::Page),
            PageLabelPart::Pages => parts.push(PagePart::Pages),
        }
    }
    parts
}

/// How a character is shown in a message: itself, unless it is invisible
/// or would disturb the message.
fn shown(c: char) -> String {
    if c.is_control() || !fonts::needs_glyph(c) || ('\u{e000}'..='\u{f8ff}').contains(&c) {
        format!("`\\u{{{:04x}}}`", u32::from(c))
    } else {
        format!("`{c}`")
    }
}

/// The heading levels seen so far in one part.
#[derive(Debug, Clone, Copy, Default)]
struct Levels {
    last: u8,
}

/// Moves the notes out of `inlines` (at any depth) into `notes`; a note in
/// a redline's mark keeps its mark.
fn take_notes(inlines: &mut Vec<Inline>, notes: &mut Vec<Inline>) {
    let mut i = 0;
    while i < inlines.len() {
        if matches!(inlines[i], Inline::Note(_)) {
            notes.push(inlines.remove(i));
            continue;
        }
        match &mut inlines[i] {
            Inline::Inserted(content) | Inline::Deleted(content) => {
                let mut inner = Vec::new();
                take_notes(content, &mut inner);
                if !inner.is_empty() {
                    notes.push(match &inlines[i] {
                        Inline::Inserted(_) => Inline::Inserted(inner),
                        _ => Inline::Deleted(inner),
                    });
                }
            }
            Inline::Restyled { was, content } => {
                let mut inner = Vec::new();
                take_notes(content, &mut inner);
                if !inner.is_empty() {
                    notes.push(Inline::Restyled {
                        was: was.clone(),
                        content: inner,
                    });
                }
            }
            Inline::Verb { content, .. }
            | Inline::Quote { content, .. }
            | Inline::Link { content, .. }
            | Inline::Emphasis(content)
            | Inline::Strong(content)
            | Inline::Superscript(content)
            | Inline::Subscript(content) => take_notes(content, notes),
            _ => {}
        }
        i += 1;
    }
}

/// Calls `f` on every text of `inlines`, notes and quotation marks
/// included.
fn visit_text(inlines: &[Inline], f: &mut impl FnMut(&str)) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => f(t),
            Inline::Note(n) => {
                f(&n.mark());
                visit_text(&n.content, f);
            }
            Inline::Quote {
                open,
                close,
                content,
            } => {
                f(open);
                visit_text(content, f);
                f(close);
            }
            other => {
                if let Some(c) = other.children() {
                    visit_text(c, f);
                }
            }
        }
    }
}

/// Calls `f` on every text of the body with the span of its paragraph,
/// labels included.
fn visit_body_text(body: &Body, f: &mut impl FnMut(&str, Option<Span>)) {
    fn blocks(list: &[Block], f: &mut impl FnMut(&str, Option<Span>)) {
        for block in list {
            match block {
                Block::Paragraph(p) => visit_text(&p.content, &mut |t| f(t, p.span)),
                Block::Heading(h) => visit_text(&h.content, &mut |t| f(t, None)),
                Block::List(list) => {
                    let span = list.intro.as_ref().and_then(|p| p.span);
                    for p in list.intro.iter().chain(&list.continuation) {
                        visit_text(&p.content, &mut |t| f(t, p.span));
                    }
                    for item in &list.items {
                        f(&item.label, span);
                        blocks(&item.blocks, f);
                    }
                }
            }
        }
    }
    for p in body.opening.iter().chain(&body.closing) {
        visit_text(&p.content, &mut |t| f(t, p.span));
    }
    visit_text(&body.adoption.content, &mut |t| f(t, body.adoption.span));
    for clause in body.preamble.iter().chain(&body.operative.clauses) {
        if let Some(l) = &clause.label {
            f(l, None);
        }
        blocks(&clause.blocks, f);
    }
    for annex in &body.annexes {
        visit_text(&annex.label, &mut |t| f(t, None));
        if let Some(t) = &annex.title {
            visit_text(t, &mut |t| f(t, None));
        }
        blocks(&annex.blocks, f);
    }
}

/// Plain text of model inlines, to tell an empty label from a real one.
fn model_plain(inlines: &[model::Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            model::Inline::Text(t) => out.push_str(t),
            other => {
                if let Some(c) = other.children() {
                    out.push_str(&model_plain(c));
                }
            }
        }
    }
    out
}
