//! The body: `word/document.xml` and `word/footnotes.xml`.
//!
//! Paragraphs name their style and, in lists, their place in a Word list;
//! runs name a character style. The only direct formatting left is what no
//! style can carry: superscripts, the indents of list paragraphs that
//! continue an item, and nested emphasis inside an already styled run.

use crate::diag::Diagnostic;
use crate::model::{Block, Clause, Footnote, Inline, Link, List, Paragraph, Resolution};
use crate::style::{Locale, Style};

use super::Lang;
use super::numbering::{LEVELS, Level, NumId, Numbering, level_indent, representable};
use super::package::{Relationships, rel};
use super::styles::{self, OperativeLayout, id, lang_prop};
use super::xml::{NS_R, NS_W, PPR_ORDER, Prop, RPR_ORDER, SECTPR_ORDER, Xml};

/// The header and footer parts a section refers to.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// Header of every page but the first, when the first differs.
    pub header: Option<String>,
    /// Header of the first page.
    pub first_header: Option<String>,
    /// Footer of every page but the first.
    pub footer: Option<String>,
    /// Footer of the first page.
    pub first_footer: Option<String>,
}

/// What writing the body produced.
pub struct Written {
    /// `word/document.xml`.
    pub document: Vec<u8>,
    /// `word/footnotes.xml`.
    pub footnotes: Vec<u8>,
    /// The lists, for `word/numbering.xml`.
    pub numbering: Numbering,
    /// The document's relationships, with the hyperlinks added.
    pub rels: Relationships,
    /// The relationships of the footnotes (their hyperlinks).
    pub note_rels: Relationships,
    /// Content that could not be rendered as asked.
    pub warnings: Vec<Diagnostic>,
    /// Whether any text is in Arabic script, so the Arabic font is needed.
    pub uses_arabic: bool,
}

/// Formatting of a run beyond its paragraph's style.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunFmt {
    /// Character style.
    pub style: Option<&'static str>,
    /// Bold where the character style is taken already.
    pub bold: bool,
    /// Italic where the character style is taken already.
    pub italic: bool,
    /// `superscript` or `subscript`.
    pub vert: Option<&'static str>,
}

impl RunFmt {
    /// The format with character style `style`, or, when a style is set
    /// already, with the direct property `fallback` applies.
    fn styled(mut self, style: &'static str, fallback: impl FnOnce(&mut RunFmt)) -> Self {
        if self.style.is_none() {
            self.style = Some(style);
        } else {
            fallback(&mut self);
        }
        self
    }

    fn props(&self, lang: &Lang, rtl: bool) -> Vec<Prop> {
        let mut props = Vec::new();
        if let Some(style) = self.style {
            props.push(Prop::val("w:rStyle", style));
        }
        if self.bold {
            props.extend([Prop::flag("w:b"), Prop::flag("w:bCs")]);
        }
        if self.italic {
            props.extend([Prop::flag("w:i"), Prop::flag("w:iCs")]);
        }
        if let Some(vert) = self.vert {
            props.push(Prop::val("w:vertAlign", vert));
        }
        if rtl {
            props.push(Prop::flag("w:rtl"));
        }
        props.push(lang_prop(lang));
        props
    }
}

/// Whether `c` belongs to a right-to-left script.
fn is_rtl_char(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Splits `text` where its direction changes: runs of right-to-left script
/// are marked `true`, runs with Latin (or other left-to-right) letters
/// `false`; spaces, digits and punctuation stay with the run before them
/// (at the start, with the first run), and text with no letters at all
/// takes the paragraph's direction.
pub fn direction_runs(text: &str, base_rtl: bool) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut current = None::<bool>;
    for (at, c) in text.char_indices() {
        let strong = if is_rtl_char(c) {
            Some(true)
        } else if c.is_alphabetic() {
            Some(false)
        } else {
            None
        };
        if let Some(dir) = strong {
            match current {
                Some(cur) if cur != dir => {
                    out.push((&text[start..at], cur));
                    start = at;
                    current = Some(dir);
                }
                None => current = Some(dir),
                _ => {}
            }
        }
    }
    if start < text.len() {
        out.push((&text[start..], current.unwrap_or(base_rtl)));
    }
    out
}

/// Writes `text` as runs in `fmt`, split by direction, and in
/// right-to-left text by what the complex-script font covers. Returns
/// whether it contained right-to-left script.
pub fn text_runs(out: &mut Xml, lang: &Lang, fmt: &RunFmt, text: &str) -> bool {
    let mut saw_rtl = false;
    for (segment, rtl) in direction_runs(text, lang.rtl) {
        saw_rtl |= rtl && segment.chars().any(is_rtl_char);
        let pieces = match (&lang.cs_fallback, rtl) {
            (Some(fallback), true) => coverage_runs(segment, fallback),
            _ => vec![(segment, None)],
        };
        for (piece, font) in pieces {
            let mut props = fmt.props(lang, rtl);
            if let Some(font) = font {
                props.push(Prop::new("w:rFonts", &[("w:cs", font)]));
            }
            out.start("w:r", &[]);
            out.props("w:rPr", RPR_ORDER, props);
            text_content(out, piece);
            out.end("w:r");
        }
    }
    saw_rtl
}

/// Splits right-to-left `text` into stretches the complex-script font
/// covers (`None`) and stretches set in the fallback font.
fn coverage_runs<'t>(
    text: &'t str,
    fallback: &'t super::CsFallback,
) -> Vec<(&'t str, Option<&'t str>)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut current: Option<bool> = None;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            continue;
        }
        let needs = fallback.needs(c);
        match current {
            Some(cur) if cur != needs => {
                out.push((&text[start..at], cur.then_some(fallback.font.as_str())));
                start = at;
                current = Some(needs);
            }
            None => current = Some(needs),
            _ => {}
        }
    }
    if start < text.len() {
        out.push((
            &text[start..],
            current.unwrap_or(false).then_some(fallback.font.as_str()),
        ));
    }
    out
}

/// Writes the content of a run: text, with tabs as elements of their own
/// and line ends as spaces (line breaks are `Inline::LineBreak`).
fn text_content(out: &mut Xml, text: &str) {
    for (i, piece) in text.split('\t').enumerate() {
        if i > 0 {
            out.empty("w:tab", &[]);
        }
        if !piece.is_empty() {
            let piece = piece.replace(['\n', '\r'], " ");
            out.leaf("w:t", &[("xml:space", "preserve")], &piece);
        }
    }
}

/// Writes one run holding only `element` (a field character, a tab …).
pub fn element_run(
    out: &mut Xml,
    lang: &Lang,
    fmt: &RunFmt,
    element: &str,
    attrs: &[(&str, &str)],
) {
    out.start("w:r", &[]);
    out.props("w:rPr", RPR_ORDER, fmt.props(lang, lang.rtl));
    out.empty(element, attrs);
    out.end("w:r");
}

/// How to write the first paragraph of a clause or list item.
#[derive(Debug, Clone, Default)]
struct Head {
    style: String,
    /// Word numbering: list and level.
    num: Option<(NumId, usize)>,
    /// A typed label, for lists Word cannot number.
    label: Option<String>,
    /// Direct indent (left, hanging), where the style cannot know it.
    ind: Option<(i64, i64)>,
    /// Other paragraph properties no style can carry.
    extra: Vec<Prop>,
}

/// The surroundings of a run of blocks: the style of paragraphs that
/// continue it, and the list it sits in.
#[derive(Debug, Clone)]
struct Cont {
    style: String,
    ind: Option<(i64, i64)>,
    /// Indent of the text lists in these blocks start from.
    base: i64,
    /// The enclosing list (`None` when it has typed labels) and its level.
    list: Option<(Option<NumId>, usize)>,
}

impl Cont {
    fn head(&self) -> Head {
        Head {
            style: self.style.clone(),
            num: None,
            label: None,
            ind: self.ind,
            extra: Vec::new(),
        }
    }
}

struct Body<'a> {
    style: &'a Style,
    locale: &'a Locale,
    lang: &'a Lang,
    numbering: Numbering,
    rels: Relationships,
    note_rels: Relationships,
    /// Footnotes, as `w:footnote` fragments in order.
    notes: Vec<Vec<u8>>,
    warnings: Vec<Diagnostic>,
    uses_arabic: bool,
    verb_style: &'static str,
    warned_depth: bool,
    /// Keep the paragraphs being written on the page of what follows.
    keep_with_next: bool,
}

/// Writes the body of `res`.
#[allow(clippy::too_many_arguments)]
pub fn write(
    res: &Resolution,
    style: &Style,
    locale: &Locale,
    lang: &Lang,
    numbering: Numbering,
    rels: Relationships,
    operative: OperativeLayout,
    section: &Section,
) -> Written {
    let mut body = Body {
        style,
        locale,
        lang,
        numbering,
        rels,
        note_rels: Relationships::new(),
        notes: Vec::new(),
        warnings: Vec::new(),
        uses_arabic: lang.rtl,
        verb_style: styles::verb_style(style, false),
        warned_depth: false,
        keep_with_next: false,
    };
    let mut out = Xml::new();
    out.start("w:document", &[("xmlns:w", NS_W), ("xmlns:r", NS_R)]);
    out.start("w:body", &[]);
    body.title_block(&mut out, res);
    if let Some(p) = &res.opening {
        body.paragraph(&mut out, &plain_head(id::OPENING), &p.content);
    }
    body.verb_style = styles::verb_style(style, false);
    for clause in &res.preamble {
        let head = Head {
            label: clause.label.clone(),
            ..plain_head(id::PREAMBLE)
        };
        body.clause(&mut out, clause, head, id::PREAMBLE_CONTINUED, 0);
    }
    body.verb_style = styles::verb_style(style, true);
    let label_width = style.lists.operative_label_width.twips();
    for (index, clause) in res.operative.clauses.iter().enumerate() {
        // Word numbers the clauses through the style when it can;
        // otherwise the label is typed and hangs in the same place.
        let label = match operative.num {
            Some(_) => None,
            None => res.operative.label(index),
        };
        let head = Head {
            label,
            ..plain_head(id::OPERATIVE)
        };
        let base = if operative.labelled { label_width } else { 0 };
        // The adoption line never stands alone on a page: the last clause
        // goes with it, as in the PDF.
        body.keep_with_next = res.closing.is_none() && index + 1 == res.operative.clauses.len();
        body.clause(&mut out, clause, head, id::OPERATIVE_CONTINUED, base);
    }
    body.keep_with_next = false;
    if let Some(p) = &res.closing {
        body.paragraph(&mut out, &plain_head(id::CLOSING), &p.content);
    }
    match &res.adoption {
        Some(p) => body.paragraph(&mut out, &plain_head(id::ADOPTION), &p.content),
        None => {
            let label = locale.labels.status(res.meta.status.kind).to_string();
            body.paragraph(&mut out, &plain_head(id::ADOPTION), &[Inline::Text(label)]);
        }
    }
    body.verb_style = styles::verb_style(style, false);
    let many = res.annexes.len() > 1;
    for (index, annex) in res.annexes.iter().enumerate() {
        let label = match &annex.label {
            Some(p) => p.content.clone(),
            None if many => vec![Inline::Text(format!(
                "{} {}",
                locale.labels.annex,
                index + 1
            ))],
            None => vec![Inline::Text(locale.labels.annex.clone())],
        };
        body.paragraph(&mut out, &plain_head(id::ANNEX_LABEL), &label);
        if let Some(title) = &annex.title {
            body.paragraph(&mut out, &plain_head(id::ANNEX_TITLE), &title.content);
        }
        let cont = Cont {
            style: id::ANNEX_TEXT.into(),
            ind: None,
            base: 0,
            list: None,
        };
        body.blocks(&mut out, &annex.blocks, None, &cont);
    }
    body.section(&mut out, section);
    out.end("w:body");
    out.end("w:document");

    let footnotes = body.footnotes_part();
    Written {
        document: out.finish(),
        footnotes,
        numbering: body.numbering,
        rels: body.rels,
        note_rels: body.note_rels,
        warnings: body.warnings,
        uses_arabic: body.uses_arabic,
    }
}

fn plain_head(style: &str) -> Head {
    Head {
        style: style.into(),
        ..Head::default()
    }
}

impl Body<'_> {
    fn title_block(&mut self, out: &mut Xml, res: &Resolution) {
        let meta = &res.meta;
        if !meta.organisation.name.is_empty() {
            let name = Inline::Text(meta.organisation.name.clone());
            self.paragraph(out, &plain_head(id::ORGANISATION), &[name]);
        }
        if let Some(body) = &meta.body {
            self.paragraph(out, &plain_head(id::BODY), &[Inline::Text(body.clone())]);
        }
        let title = self.locale.labels.title_for(&meta.number.0);
        self.paragraph(out, &plain_head(id::TITLE), &[Inline::Text(title)]);
        if !meta.reference.0.is_empty() {
            let reference = Inline::Text(meta.reference.0.clone());
            let head = Head {
                extra: styles::reference_frame(self.style, self.lang)
                    .into_iter()
                    .collect(),
                ..plain_head(id::REFERENCE)
            };
            self.paragraph(out, &head, &[reference]);
        }
        if let Some(subject) = &meta.subject {
            out.start("w:p", &[]);
            self.paragraph_props(out, &plain_head(id::SUBJECT));
            let label = RunFmt {
                style: Some(id::SUBJECT_LABEL),
                ..RunFmt::default()
            };
            let text = format!("{} ", self.locale.labels.subject);
            self.uses_arabic |= text_runs(out, self.lang, &label, &text);
            self.inlines(
                out,
                &subject.content,
                RunFmt::default(),
                &mut InlineState::default(),
            );
            out.end("w:p");
        }
    }

    fn clause(&mut self, out: &mut Xml, clause: &Clause, head: Head, continued: &str, base: i64) {
        let cont = Cont {
            style: continued.into(),
            ind: None,
            base,
            list: None,
        };
        self.blocks(out, &clause.blocks, Some(head), &cont);
    }

    /// Writes `blocks`; the first paragraph is written as `head` says, the
    /// others as `cont` says.
    fn blocks(&mut self, out: &mut Xml, blocks: &[Block], mut head: Option<Head>, cont: &Cont) {
        for block in blocks {
            match block {
                Block::Paragraph(p) => {
                    let spec = head.take().unwrap_or_else(|| cont.head());
                    self.paragraph(out, &spec, &p.content);
                }
                Block::Heading(h) => {
                    if let Some(spec) = head.take() {
                        self.paragraph(out, &spec, &[]);
                    }
                    self.paragraph(
                        out,
                        &plain_head(&styles::annex_heading(h.level)),
                        &h.content,
                    );
                }
                Block::List(list) => {
                    if let Some(intro) = &list.intro {
                        let spec = head.take().unwrap_or_else(|| cont.head());
                        self.paragraph(out, &spec, &intro.content);
                    } else if let Some(spec) = head.take() {
                        // The label of a clause or item that opens with a
                        // list stands on a line of its own.
                        self.paragraph(out, &spec, &[]);
                    }
                    self.list(out, list, cont);
                    if let Some(Paragraph { content, .. }) = &list.continuation {
                        self.paragraph(out, &cont.head(), content);
                    }
                }
            }
        }
        if let Some(spec) = head {
            self.paragraph(out, &spec, &[]);
        }
    }

    fn list(&mut self, out: &mut Xml, list: &List, cont: &Cont) {
        let mut depth = cont.list.map_or(0, |(_, d)| d + 1);
        if depth >= LEVELS {
            if !self.warned_depth {
                self.warned_depth = true;
                self.warnings.push(
                    Diagnostic::warning(format!(
                        "lists are nested more than {LEVELS} deep; Word has {LEVELS} list levels, so the deeper items are set at the ninth"
                    ))
                    .at(list.span),
                );
            }
            depth = LEVELS - 1;
        }
        let base = cont.base;
        let (left, hanging) = level_indent(self.style, base, depth);
        let num = if list.is_regular() && representable(&list.pattern) {
            let level = Level {
                pattern: list.pattern.clone(),
                start: list.start,
                left,
                hanging,
            };
            // A nested list is a level of the list it sits in, unless that
            // level already numbers another way: then it is a list of its own.
            let parent = cont.list.and_then(|(num, _)| num);
            let num = match parent {
                Some(num) if self.numbering.define(num, depth, level.clone()) => num,
                _ => {
                    let num = self.numbering.new_list(base, None);
                    self.numbering.define(num, depth, level);
                    num
                }
            };
            Some(num)
        } else {
            None
        };
        for (index, item) in list.items.iter().enumerate() {
            let head = Head {
                style: styles::list_item(depth),
                num: num.map(|n| (n, depth)),
                label: num.is_none().then(|| list.label(index)),
                ind: num.is_none().then_some((left, hanging)),
                extra: Vec::new(),
            };
            let item_cont = Cont {
                style: styles::list_item(depth),
                ind: Some((left, 0)),
                base,
                list: Some((num, depth)),
            };
            self.blocks(out, &item.blocks, Some(head), &item_cont);
        }
    }

    fn paragraph_props(&mut self, out: &mut Xml, head: &Head) {
        let mut props = vec![Prop::val("w:pStyle", &head.style)];
        if let Some((num, level)) = head.num {
            props.push(Prop::parent(
                "w:numPr",
                vec![Prop::val("w:ilvl", level), Prop::val("w:numId", num.0)],
            ));
        }
        if let Some((left, hanging)) = head.ind {
            props.push(Prop::new(
                "w:ind",
                &[
                    ("w:left", &left.to_string()),
                    ("w:hanging", &hanging.to_string()),
                ],
            ));
        }
        props.extend(head.extra.iter().cloned());
        if self.keep_with_next {
            props.push(Prop::flag("w:keepNext"));
        }
        out.props("w:pPr", PPR_ORDER, props);
    }

    fn paragraph(&mut self, out: &mut Xml, head: &Head, content: &[Inline]) {
        out.start("w:p", &[]);
        self.paragraph_props(out, head);
        if let Some(label) = &head.label {
            self.uses_arabic |= text_runs(out, self.lang, &RunFmt::default(), label);
            element_run(out, self.lang, &RunFmt::default(), "w:tab", &[]);
        }
        self.inlines(out, content, RunFmt::default(), &mut InlineState::default());
        out.end("w:p");
    }

    fn inlines(&mut self, out: &mut Xml, inlines: &[Inline], fmt: RunFmt, state: &mut InlineState) {
        for inline in inlines {
            match inline {
                Inline::Text(text) => self.uses_arabic |= text_runs(out, self.lang, &fmt, text),
                Inline::Verb(c) => {
                    let verb = self.verb_style;
                    self.inlines(out, c, fmt.styled(verb, |_| {}), state);
                }
                Inline::Emphasis(c) => {
                    self.inlines(out, c, fmt.styled(id::EMPHASIS, |f| f.italic = true), state)
                }
                Inline::Strong(c) => {
                    self.inlines(out, c, fmt.styled(id::STRONG, |f| f.bold = true), state)
                }
                Inline::Superscript(c) => self.inlines(
                    out,
                    c,
                    RunFmt {
                        vert: Some("superscript"),
                        ..fmt
                    },
                    state,
                ),
                Inline::Subscript(c) => self.inlines(
                    out,
                    c,
                    RunFmt {
                        vert: Some("subscript"),
                        ..fmt
                    },
                    state,
                ),
                Inline::Quote(c) => {
                    let q = &self.locale.quotes;
                    let (open, close) = if state.quotes % 2 == 0 {
                        (q.open.clone(), q.close.clone())
                    } else {
                        (q.inner_open.clone(), q.inner_close.clone())
                    };
                    self.uses_arabic |= text_runs(out, self.lang, &fmt, &open);
                    state.quotes += 1;
                    self.inlines(out, c, fmt, state);
                    state.quotes -= 1;
                    self.uses_arabic |= text_runs(out, self.lang, &fmt, &close);
                }
                Inline::Link(link) => self.link(out, link, fmt, state),
                Inline::Footnote(note) => {
                    if state.in_note {
                        // Word has no notes inside notes: the text stays
                        // in place, in brackets.
                        text_runs(out, self.lang, &fmt, " (");
                        self.inlines(out, &note.content, fmt, state);
                        text_runs(out, self.lang, &fmt, ")");
                    } else {
                        self.footnote(out, note);
                    }
                }
                Inline::LineBreak => element_run(out, self.lang, &fmt, "w:br", &[]),
            }
        }
    }

    fn link(&mut self, out: &mut Xml, link: &Link, fmt: RunFmt, state: &mut InlineState) {
        let target = link.href.as_deref().and_then(safe_target);
        if link.href.is_some() && target.is_none() {
            self.warnings.push(Diagnostic::warning(format!(
                "the link address `{}` is not an http, https, mailto or ftp address; the DOCX shows its text without the link",
                link.href.as_deref().unwrap_or_default()
            )));
        }
        match target {
            Some(target) if !state.in_link => {
                // A link in a note belongs to the notes part.
                let rels = if state.in_note {
                    &mut self.note_rels
                } else {
                    &mut self.rels
                };
                let rid = rels.add_external(rel::HYPERLINK, target);
                out.start("w:hyperlink", &[("r:id", &rid), ("w:history", "1")]);
                state.in_link = true;
                self.inlines(out, &link.content, fmt.styled(id::HYPERLINK, |_| {}), state);
                state.in_link = false;
                out.end("w:hyperlink");
            }
            _ => self.inlines(out, &link.content, fmt, state),
        }
    }

    fn footnote(&mut self, out: &mut Xml, note: &Footnote) {
        let id = (self.notes.len() + 1).to_string();
        let mark = RunFmt {
            style: Some(id::FOOTNOTE_REFERENCE),
            ..RunFmt::default()
        };
        out.start("w:r", &[]);
        out.props("w:rPr", RPR_ORDER, mark.props(self.lang, self.lang.rtl));
        match &note.mark {
            Some(custom) => {
                out.empty(
                    "w:footnoteReference",
                    &[("w:customMarkFollows", "1"), ("w:id", &id)],
                );
                out.leaf("w:t", &[("xml:space", "preserve")], custom);
            }
            None => out.empty("w:footnoteReference", &[("w:id", &id)]),
        }
        out.end("w:r");

        let mut xml = Xml::fragment();
        xml.start("w:footnote", &[("w:id", &id)]);
        xml.start("w:p", &[]);
        xml.props(
            "w:pPr",
            PPR_ORDER,
            vec![Prop::val("w:pStyle", id::FOOTNOTE_TEXT)],
        );
        xml.start("w:r", &[]);
        xml.props("w:rPr", RPR_ORDER, mark.props(self.lang, self.lang.rtl));
        match &note.mark {
            Some(custom) => xml.leaf("w:t", &[("xml:space", "preserve")], custom),
            None => xml.empty("w:footnoteRef", &[]),
        }
        xml.end("w:r");
        text_runs(&mut xml, self.lang, &RunFmt::default(), " ");
        let mut state = InlineState {
            in_note: true,
            ..InlineState::default()
        };
        self.inlines(&mut xml, &note.content, RunFmt::default(), &mut state);
        xml.end("w:p");
        xml.end("w:footnote");
        self.notes.push(xml.finish());
    }

    fn section(&self, out: &mut Xml, section: &Section) {
        let page = &self.style.page;
        let (left, right) = if self.lang.rtl {
            (page.margin_end.twips(), page.margin_start.twips())
        } else {
            (page.margin_start.twips(), page.margin_end.twips())
        };
        let mut props = Vec::new();
        let refs = [
            ("w:headerReference", "default", &section.header),
            ("w:headerReference", "first", &section.first_header),
            ("w:footerReference", "default", &section.footer),
            ("w:footerReference", "first", &section.first_footer),
        ];
        for (tag, kind, rid) in refs {
            if let Some(rid) = rid {
                props.push(Prop::new(tag, &[("w:type", kind), ("r:id", rid)]));
            }
        }
        props.push(Prop::new(
            "w:pgSz",
            &[
                ("w:w", &page.width.twips().to_string()),
                ("w:h", &page.height.twips().to_string()),
            ],
        ));
        let top = page.margin_top.twips();
        let bottom = page.margin_bottom.twips();
        props.push(Prop::new(
            "w:pgMar",
            &[
                ("w:top", &top.to_string()),
                ("w:right", &right.to_string()),
                ("w:bottom", &bottom.to_string()),
                ("w:left", &left.to_string()),
                ("w:header", &(top / 2).to_string()),
                ("w:footer", &(bottom / 2).to_string()),
                ("w:gutter", "0"),
            ],
        ));
        if section.first_header.is_some() || section.first_footer.is_some() {
            props.push(Prop::flag("w:titlePg"));
        }
        if self.lang.rtl {
            props.push(Prop::flag("w:bidi"));
        }
        // `w:headerReference` and `w:footerReference` may come in any
        // order among themselves; the sort keeps the order given.
        out.props("w:sectPr", SECTPR_ORDER, props);
    }

    fn footnotes_part(&self) -> Vec<u8> {
        let mut xml = Xml::new();
        xml.start("w:footnotes", &[("xmlns:w", NS_W), ("xmlns:r", NS_R)]);
        for (id, kind, element) in [
            ("-1", "separator", "w:separator"),
            ("0", "continuationSeparator", "w:continuationSeparator"),
        ] {
            xml.start("w:footnote", &[("w:type", kind), ("w:id", id)]);
            xml.start("w:p", &[]);
            xml.props(
                "w:pPr",
                PPR_ORDER,
                vec![Prop::new(
                    "w:spacing",
                    &[("w:after", "0"), ("w:line", "240"), ("w:lineRule", "auto")],
                )],
            );
            xml.start("w:r", &[]);
            xml.empty(element, &[]);
            xml.end("w:r");
            xml.end("w:p");
            xml.end("w:footnote");
        }
        for note in &self.notes {
            xml.raw(note);
        }
        xml.end("w:footnotes");
        xml.finish()
    }
}

#[derive(Debug, Default)]
struct InlineState {
    /// Depth of quotations, to alternate outer and inner marks.
    quotes: usize,
    in_note: bool,
    in_link: bool,
}

/// The address of a link when it is one a reader can safely follow, with
/// spaces and other characters a URI may not hold percent-encoded.
fn safe_target(href: &str) -> Option<String> {
    let href = href.trim();
    let scheme = href.split(':').next()?.to_ascii_lowercase();
    if !matches!(scheme.as_str(), "http" | "https" | "mailto" | "ftp") || !href.contains(':') {
        return None;
    }
    let mut out = String::with_capacity(href.len());
    for c in href.chars() {
        if c.is_ascii_graphic()
            && !matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}')
        {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_split_where_the_direction_changes() {
        let runs = direction_runs("قرار S/RES/2722 (2024) بشأن", true);
        assert_eq!(
            runs,
            vec![
                ("قرار ", true),
                ("S/RES/2722 (2024) ", false),
                ("بشأن", true)
            ]
        );
        assert_eq!(direction_runs("2024", true), vec![("2024", true)]);
        assert_eq!(direction_runs("le texte", false), vec![("le texte", false)]);
    }

    #[test]
    fn characters_the_arabic_font_lacks_are_set_in_the_fallback() {
        let fallback = super::super::CsFallback {
            covered: "قرار0123456789".chars().collect(),
            font: "Noto Serif".into(),
        };
        assert_eq!(
            coverage_runs("قرار (2015) قرار", &fallback),
            vec![
                ("قرار ", None),
                ("(", Some("Noto Serif")),
                ("2015", None),
                (") ", Some("Noto Serif")),
                ("قرار", None)
            ]
        );
    }

    #[test]
    fn only_followable_links_are_kept() {
        assert_eq!(
            safe_target("https://a.org/x y"),
            Some("https://a.org/x%20y".into())
        );
        assert_eq!(safe_target("javascript:alert(1)"), None);
        assert_eq!(safe_target("file:///etc/passwd"), None);
        assert_eq!(safe_target("relative/path"), None);
    }
}
