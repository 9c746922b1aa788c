//! The body: `word/document.xml` and `word/footnotes.xml`.
//!
//! Paragraphs name their style and, in lists, their place in a Word list;
//! runs name a character style. The only direct formatting left is what no
//! style can carry: superscripts, the indents and space before of list
//! paragraphs that continue an item or open a list inside one, the space
//! around headings that differs from their style's, and nested emphasis
//! inside an already styled run.

use crate::render::prepare::{
    Block, Clause, Href, Inline, List, Note, Prepared, Revision, Setting,
};
use crate::style::Style;

use super::Lang;
use super::geometry::{Geometry, Spacing};
use super::numbering::{LEVELS, Level, NumId, Numbering, level_indent, representable};
use super::package::{Relationships, rel};
use super::styles::{self, OperativeLayout, id, lang_prop};
use super::xml::{NS_R, NS_W, PPR_ORDER, Prop, RPR_ORDER, SECTPR_ORDER, Xml};

mod title;
mod track;

use track::{Mark, Tracker};

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

/// The emblem's image parts in the package.
pub struct EmblemRef {
    /// The image and its size.
    pub image: super::emblem::EmblemImage,
    /// The relationship of the PNG.
    pub png: String,
    /// The relationship of the SVG, which Word shows instead.
    pub svg: Option<String>,
}

/// DrawingML namespaces of an inline picture.
const NS_WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const NS_A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_PIC: &str = "http://schemas.openxmlformats.org/drawingml/2006/picture";
const NS_ASVG: &str = "http://schemas.microsoft.com/office/drawing/2016/SVG/main";
/// The extension of `a:blip` that holds an SVG.
const SVG_BLIP_EXT: &str = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}";

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
    /// The width of spaces, in percent of the font's, in a justified
    /// paragraph (see [`Geometry::space_width`]).
    pub space_width: Option<i64>,
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

/// Whether `c` is a strong right-to-left character (Unicode bidirectional
/// class R or AL: Hebrew, Arabic, Syriac, Thaana …).
fn is_rtl_char(c: char) -> bool {
    use unicode_bidi::BidiClass;
    matches!(unicode_bidi::bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// Whether `c` is a strong left-to-right character (class L).
fn is_ltr_char(c: char) -> bool {
    unicode_bidi::bidi_class(c) == unicode_bidi::BidiClass::L
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
        } else if is_ltr_char(c) {
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
/// right-to-left documents by what the complex-script font covers. Returns
/// whether it contained right-to-left script.
pub fn text_runs(out: &mut Xml, lang: &Lang, fmt: &RunFmt, text: &str) -> bool {
    runs(out, lang, fmt, text, false, &|| None)
}

/// [`text_runs`], the text deleted (`w:delText`) when `deleted`, each run
/// with the property `extra` gives, if any (a tracked format change).
fn runs(
    out: &mut Xml,
    lang: &Lang,
    fmt: &RunFmt,
    text: &str,
    deleted: bool,
    extra: &dyn Fn() -> Option<Prop>,
) -> bool {
    let mut saw_rtl = false;
    for (segment, rtl) in direction_runs(text, lang.rtl) {
        saw_rtl |= rtl && segment.chars().any(is_rtl_char);
        // In left-to-right stretches too: LibreOffice sets parentheses and
        // other neutral characters in the complex-script font when the
        // paragraph is right to left.
        let pieces = match &lang.cs_fallback {
            Some(fallback) => coverage_runs(segment, fallback),
            None => vec![(segment, None)],
        };
        for (piece, font) in pieces {
            let mut props = fmt.props(lang, rtl);
            if let Some(font) = font {
                props.push(Prop::new("w:rFonts", &[("w:cs", font)]));
            }
            let Some(width) = fmt.space_width else {
                props.extend(extra());
                text_run(out, props, piece, deleted);
                continue;
            };
            // The spaces of a justified paragraph in runs of their own,
            // narrowed as far as the PDF may shrink them.
            for (stretch, spaces) in space_runs(piece) {
                let mut props = props.clone();
                if spaces {
                    props.push(Prop::val("w:w", width));
                }
                props.extend(extra());
                text_run(out, props, stretch, deleted);
            }
        }
    }
    saw_rtl
}

/// Writes one run of `text` with properties `props`, as deleted text when
/// `deleted`.
fn text_run(out: &mut Xml, props: Vec<Prop>, text: &str, deleted: bool) {
    out.start("w:r", &[]);
    out.props("w:rPr", RPR_ORDER, props);
    text_content(out, text, deleted);
    out.end("w:r");
}

/// Whether Typst justifies a line by resizing `c`: the space and the
/// no-break space (line ends, written as spaces, with them).
fn is_justified_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\n' | '\r')
}

/// Splits `text` into stretches of spaces (`true`) and of anything else.
fn space_runs(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut current = None::<bool>;
    for (at, c) in text.char_indices() {
        let space = is_justified_space(c);
        match current {
            Some(cur) if cur != space => {
                out.push((&text[start..at], cur));
                start = at;
            }
            _ => {}
        }
        current = Some(space);
    }
    if let Some(cur) = current {
        out.push((&text[start..], cur));
    }
    out
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
fn text_content(out: &mut Xml, text: &str, deleted: bool) {
    let tag = if deleted { "w:delText" } else { "w:t" };
    for (i, piece) in text.split('\t').enumerate() {
        if i > 0 {
            out.empty("w:tab", &[]);
        }
        if !piece.is_empty() {
            let piece = piece.replace(['\n', '\r'], " ");
            out.leaf(tag, &[("xml:space", "preserve")], &piece);
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
    element_run_with(out, lang, fmt, element, attrs, None);
}

/// [`element_run`] with one more run property (a tracked format change).
fn element_run_with(
    out: &mut Xml,
    lang: &Lang,
    fmt: &RunFmt,
    element: &str,
    attrs: &[(&str, &str)],
    extra: Option<Prop>,
) {
    out.start("w:r", &[]);
    let mut props = fmt.props(lang, lang.rtl);
    props.extend(extra);
    out.props("w:rPr", RPR_ORDER, props);
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
    /// In a redline, what became of the paragraph.
    revision: Option<Revision>,
    /// In a redline, the typed label the old version had, when it differs.
    old_label: Option<String>,
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
    /// Other paragraph properties of the paragraphs that continue it.
    extra: Vec<Prop>,
    /// In a redline, what became of the clause or item the blocks are in.
    revision: Option<Revision>,
}

impl Cont {
    fn head(&self) -> Head {
        Head {
            style: self.style.clone(),
            num: None,
            label: None,
            ind: self.ind,
            extra: self.extra.clone(),
            revision: self.revision,
            old_label: None,
        }
    }
}

struct Body<'a> {
    style: &'a Style,
    lang: &'a Lang,
    geometry: &'a Geometry,
    numbering: Numbering,
    rels: Relationships,
    note_rels: Relationships,
    /// Footnotes, as `w:footnote` fragments in order.
    notes: Vec<Vec<u8>>,
    /// Keep the paragraphs being written on the page of what follows.
    keep_with_next: bool,
    /// The emblem, when the style has one.
    emblem: Option<EmblemRef>,
    /// The next paragraph follows a heading, at the heading's distance.
    after_heading: bool,
    /// Annexes are being written.
    in_annex: bool,
    /// In a redline, the tracked changes.
    tracker: Option<Tracker>,
}

/// Writes the body of `doc`.
#[allow(clippy::too_many_arguments)]
pub fn write(
    doc: &Prepared<'_>,
    lang: &Lang,
    geometry: &Geometry,
    numbering: Numbering,
    rels: Relationships,
    operative: OperativeLayout,
    section: &Section,
    emblem: Option<EmblemRef>,
) -> Written {
    let style = doc.style;
    let mut body = Body {
        style,
        lang,
        geometry,
        numbering,
        rels,
        note_rels: Relationships::new(),
        notes: Vec::new(),
        keep_with_next: false,
        emblem,
        after_heading: false,
        in_annex: false,
        tracker: doc.redline.as_ref().map(Tracker::new),
    };
    let text = &doc.body;
    let mut out = Xml::new();
    out.start("w:document", &[("xmlns:w", NS_W), ("xmlns:r", NS_R)]);
    out.start("w:body", &[]);
    body.title_block(&mut out, doc);
    if let Some(p) = &text.opening {
        body.paragraph(&mut out, &para_head(id::OPENING, p.revision), &p.content);
    }
    for clause in &text.preamble {
        let head = Head {
            label: clause.label.clone(),
            old_label: clause.old_label.clone(),
            ..plain_head(id::PREAMBLE)
        };
        body.clause(&mut out, clause, head, id::PREAMBLE_CONTINUED, 0);
    }
    let label_width = style.lists.operative_label_width.twips();
    let clauses = &text.operative.clauses;
    for (index, clause) in clauses.iter().enumerate() {
        // Word numbers the clauses through the style when it can;
        // otherwise the label is typed and hangs in the same place.
        let (label, old_label) = match operative.num {
            Some(_) => (None, None),
            None => (clause.label.clone(), clause.old_label.clone()),
        };
        let head = Head {
            label,
            old_label,
            ..plain_head(id::OPERATIVE)
        };
        let base = if operative.labelled { label_width } else { 0 };
        // The adoption line after the text never stands alone on a page:
        // the last clause goes with it, as in the PDF, where the template
        // keeps it there when the clauses are not numbered.
        body.keep_with_next = !style.title.layout.adoption_under_title()
            && !operative.labelled
            && text.closing.is_none()
            && index + 1 == clauses.len();
        body.clause(&mut out, clause, head, id::OPERATIVE_CONTINUED, base);
    }
    body.keep_with_next = false;
    if let Some(p) = &text.closing {
        body.paragraph(&mut out, &para_head(id::CLOSING, p.revision), &p.content);
    }
    if !style.title.layout.adoption_under_title() {
        let head = para_head(id::ADOPTION, text.adoption.revision);
        body.paragraph(&mut out, &head, &text.adoption.content);
    }
    body.in_annex = true;
    for annex in &text.annexes {
        let mut label_head = para_head(id::ANNEX_LABEL, annex.revision);
        if annex.title.is_none() {
            // The label alone keeps the distance of label and title.
            label_head.extra.push(styles::spacing(Spacing {
                after: geometry.annex_label_alone_after,
                ..geometry.annex_label
            }));
        }
        body.paragraph(&mut out, &label_head, &annex.label);
        if let Some(title) = &annex.title {
            body.paragraph(&mut out, &para_head(id::ANNEX_TITLE, annex.revision), title);
        }
        let cont = Cont {
            style: id::ANNEX_TEXT.into(),
            ind: None,
            base: 0,
            list: None,
            extra: Vec::new(),
            revision: annex.revision,
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
    }
}

impl Head {
    /// Whether the paragraph shows a label: Word's number or a typed one.
    fn shows_label(&self) -> bool {
        self.num.is_some() || self.label.as_deref().is_some_and(|l| !l.trim().is_empty())
    }
}

fn plain_head(style: &str) -> Head {
    Head {
        style: style.into(),
        ..Head::default()
    }
}

/// The head of a paragraph of style `style` that a redline marks
/// `revision`.
fn para_head(style: &str, revision: Option<Revision>) -> Head {
    Head {
        revision,
        ..plain_head(style)
    }
}

/// The tracked mark of a paragraph one version alone has.
fn mark_of(revision: Option<Revision>) -> Option<Mark> {
    match revision {
        Some(r) if r.is_insertion() => Some(Mark::Inserted),
        Some(r) if r.is_deletion() => Some(Mark::Deleted),
        _ => None,
    }
}

/// `fmt` with words set as `setting`.
fn set(fmt: RunFmt, setting: Setting) -> RunFmt {
    match setting {
        Setting::Verb(treatment) => fmt.styled(styles::verb_style(treatment), |_| {}),
        Setting::Emphasis => fmt.styled(id::EMPHASIS, |f| f.italic = true),
        Setting::Strong => fmt.styled(id::STRONG, |f| f.bold = true),
        Setting::Superscript => RunFmt {
            vert: Some("superscript"),
            ..fmt
        },
        Setting::Subscript => RunFmt {
            vert: Some("subscript"),
            ..fmt
        },
    }
}

impl Body<'_> {
    fn clause(&mut self, out: &mut Xml, clause: &Clause, head: Head, continued: &str, base: i64) {
        let cont = Cont {
            style: continued.into(),
            ind: None,
            base,
            list: None,
            extra: Vec::new(),
            revision: clause.revision,
        };
        let head = Head {
            revision: clause.revision,
            ..head
        };
        self.blocks(out, &clause.blocks, Some(head), &cont);
    }

    /// Writes `blocks`; the first paragraph is written as `head` says, the
    /// others as `cont` says.
    fn blocks(&mut self, out: &mut Xml, blocks: &[Block], mut head: Option<Head>, cont: &Cont) {
        for block in blocks {
            match block {
                Block::Paragraph(p) => {
                    let mut spec = head.take().unwrap_or_else(|| cont.head());
                    spec.revision = p.revision.or(spec.revision);
                    self.paragraph(out, &spec, &p.content);
                }
                Block::Heading(h) => {
                    // A clause or item that opens with a heading has it
                    // beside its label, in bold, at the item's distances,
                    // as in the PDF; one with no label is only the heading.
                    if let Some(mut spec) = head.take().filter(Head::shows_label) {
                        spec.revision = h.revision.or(spec.revision);
                        let heading = [Inline::Strong(h.content.clone())];
                        self.paragraph(out, &spec, &heading);
                        self.after_heading = true;
                        continue;
                    }
                    // Two headings in a row keep the larger of their distances.
                    self.after_heading = false;
                    let mut spec = para_head(
                        &styles::annex_heading(h.level),
                        h.revision.or(cont.revision),
                    );
                    if !self.in_annex && h.level <= 1 {
                        // The PDF sets the text's first level larger apart.
                        spec.extra.push(styles::spacing(self.geometry.text_heading));
                    }
                    self.paragraph(out, &spec, &h.content);
                    self.after_heading = true;
                }
                Block::List(list) => {
                    if let Some(intro) = &list.intro {
                        let mut spec = head.take().unwrap_or_else(|| cont.head());
                        spec.revision = intro.revision.or(spec.revision);
                        self.paragraph(out, &spec, &intro.content);
                    } else if let Some(spec) = head.take() {
                        // The label of a clause or item that opens with a
                        // list stands on a line of its own.
                        self.paragraph(out, &spec, &[]);
                    }
                    self.list(out, list, cont);
                    if let Some(p) = &list.continuation {
                        let mut spec = cont.head();
                        spec.revision = p.revision.or(spec.revision);
                        self.paragraph(out, &spec, &p.content);
                    }
                }
            }
        }
        if let Some(spec) = head {
            self.paragraph(out, &spec, &[]);
        }
    }

    fn list(&mut self, out: &mut Xml, list: &List, cont: &Cont) {
        // Preparing refuses lists deeper than Word's levels.
        let depth = cont.list.map_or(0, |(_, d)| d + 1).min(LEVELS - 1);
        let base = cont.base;
        let (left, hanging) = level_indent(self.style, base, depth);
        let num = if list.regular && representable(&list.pattern) {
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
                label: num.is_none().then(|| item.label.clone()),
                ind: num.is_none().then_some((left, hanging)),
                // Items are closer to each other than to the text around
                // the list; a list in an item keeps a paragraph's distance
                // from the item's text, which is an item too.
                extra: (index == 0 && cont.list.is_some())
                    .then(|| styles::space_before(self.geometry.text.before))
                    .into_iter()
                    .collect(),
                revision: item.revision.or(cont.revision),
                old_label: num.is_none().then(|| item.old_label.clone()).flatten(),
            };
            let item_cont = Cont {
                style: styles::list_item(depth),
                ind: Some((left, 0)),
                base,
                list: Some((num, depth)),
                // A further paragraph of an item is a paragraph's distance
                // from what precedes it.
                extra: vec![styles::space_before(self.geometry.text.before)],
                revision: item.revision.or(cont.revision),
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
        if std::mem::take(&mut self.after_heading) {
            props.retain(|p| p.tag != "w:spacing");
            props.push(styles::space_before(0));
        }
        if self.keep_with_next {
            props.push(Prop::flag("w:keepNext"));
        }
        if let (Some(mark), Some(tracker)) = (mark_of(head.revision), &self.tracker) {
            props.push(Prop::parent("w:rPr", vec![tracker.paragraph_mark(mark)]));
        }
        out.props("w:pPr", PPR_ORDER, props);
    }

    fn paragraph(&mut self, out: &mut Xml, head: &Head, content: &[Inline]) {
        out.start("w:p", &[]);
        self.paragraph_props(out, head);
        if let Some(label) = &head.label {
            let plain = RunFmt::default();
            let mark = mark_of(head.revision);
            let mut state = InlineState {
                mark,
                ..InlineState::default()
            };
            // A typed label that changed with the numbering changes with it,
            // so that rejecting every change gives the old label.
            if let Some(old) = head.old_label.as_ref().filter(|_| mark.is_none()) {
                state.mark = Some(Mark::Deleted);
                self.text(out, &plain, old, &state);
                self.element(out, &plain, "w:tab", &[], &state);
                state.mark = Some(Mark::Inserted);
            }
            self.text(out, &plain, label, &state);
            self.element(out, &plain, "w:tab", &[], &state);
        }
        let fmt = self.text_fmt(&head.style);
        let mut state = InlineState {
            base: fmt,
            ..InlineState::default()
        };
        self.inlines(out, content, fmt, &mut state);
        out.end("w:p");
    }

    /// Writes `text` in `fmt`, tracked as `state` says in a redline.
    fn text(&mut self, out: &mut Xml, fmt: &RunFmt, text: &str, state: &InlineState) {
        let tracker = self.tracker.as_ref();
        let mark = state.mark.filter(|_| tracker.is_some());
        if let (Some(mark), Some(t)) = (mark, tracker) {
            t.open(out, mark);
        }
        let was = state.was.map(|w| w.props(self.lang, self.lang.rtl));
        let change = || match (&was, tracker) {
            (Some(was), Some(t)) => Some(t.format_change(was.clone())),
            _ => None,
        };
        runs(
            out,
            self.lang,
            fmt,
            text,
            mark == Some(Mark::Deleted),
            &change,
        );
        if let (Some(mark), Some(t)) = (mark, tracker) {
            t.close(out, mark);
        }
    }

    /// Writes a run of `element`, tracked as `state` says in a redline.
    fn element(
        &mut self,
        out: &mut Xml,
        fmt: &RunFmt,
        element: &str,
        attrs: &[(&str, &str)],
        state: &InlineState,
    ) {
        let tracker = self.tracker.as_ref();
        let mark = state.mark.filter(|_| tracker.is_some());
        if let (Some(mark), Some(t)) = (mark, tracker) {
            t.open(out, mark);
        }
        let change = match (state.was, tracker) {
            (Some(was), Some(t)) => Some(t.format_change(was.props(self.lang, self.lang.rtl))),
            _ => None,
        };
        element_run_with(out, self.lang, fmt, element, attrs, change);
        if let (Some(mark), Some(t)) = (mark, tracker) {
            t.close(out, mark);
        }
    }

    /// The format runs of a paragraph of style `id` start from: with
    /// narrowed spaces where the paragraph is justified.
    fn text_fmt(&self, id: &str) -> RunFmt {
        RunFmt {
            space_width: self
                .geometry
                .space_width
                .filter(|_| styles::takes_text_alignment(id)),
            ..RunFmt::default()
        }
    }

    fn inlines(&mut self, out: &mut Xml, inlines: &[Inline], fmt: RunFmt, state: &mut InlineState) {
        for inline in inlines {
            match inline {
                Inline::Text(text) => self.text(out, &fmt, text, state),
                Inline::Verb { treatment, content } => {
                    self.inlines(out, content, set(fmt, Setting::Verb(*treatment)), state)
                }
                Inline::Emphasis(c) => self.inlines(out, c, set(fmt, Setting::Emphasis), state),
                Inline::Strong(c) => self.inlines(out, c, set(fmt, Setting::Strong), state),
                Inline::Superscript(c) => {
                    self.inlines(out, c, set(fmt, Setting::Superscript), state)
                }
                Inline::Subscript(c) => self.inlines(out, c, set(fmt, Setting::Subscript), state),
                Inline::Quote {
                    open,
                    close,
                    content,
                } => {
                    self.text(out, &fmt, open, state);
                    self.inlines(out, content, fmt, state);
                    self.text(out, &fmt, close, state);
                }
                Inline::Link { href, content } => {
                    self.link(out, href.as_ref(), content, fmt, state)
                }
                Inline::Note(note) => self.footnote(out, note, state),
                Inline::LineBreak => self.element(out, &fmt, "w:br", &[], state),
                Inline::Inserted(c) | Inline::Deleted(c) if state.whole_note => {
                    self.inlines(out, c, fmt, state)
                }
                Inline::Inserted(c) | Inline::Deleted(c) => {
                    let mark = match inline {
                        Inline::Inserted(_) => Mark::Inserted,
                        _ => Mark::Deleted,
                    };
                    let outer = state.mark.replace(mark);
                    self.inlines(out, c, fmt, state);
                    state.mark = outer;
                }
                Inline::Restyled { was, content } => {
                    let old = was.iter().fold(state.base, |f, &s| set(f, s));
                    let outer = state.was.replace(old);
                    self.inlines(out, content, fmt, state);
                    state.was = outer;
                }
            }
        }
    }

    fn link(
        &mut self,
        out: &mut Xml,
        href: Option<&Href>,
        content: &[Inline],
        fmt: RunFmt,
        state: &mut InlineState,
    ) {
        match href {
            Some(href) => {
                // A link in a note belongs to the notes part.
                let rels = if state.in_note {
                    &mut self.note_rels
                } else {
                    &mut self.rels
                };
                let rid = rels.add_external(rel::HYPERLINK, href.as_str());
                out.start("w:hyperlink", &[("r:id", &rid), ("w:history", "1")]);
                self.inlines(out, content, fmt.styled(id::HYPERLINK, |_| {}), state);
                out.end("w:hyperlink");
            }
            None => self.inlines(out, content, fmt, state),
        }
    }

    fn footnote(&mut self, out: &mut Xml, note: &Note, at: &InlineState) {
        let id = note.number.to_string();
        let mark = RunFmt {
            style: Some(id::FOOTNOTE_REFERENCE),
            ..RunFmt::default()
        };
        // A note one version alone has: its reference and its mark are
        // tracked with it.
        let tracked = at.mark.zip(self.tracker.as_ref());
        if let Some((m, t)) = tracked {
            t.open(out, m);
        }
        out.start("w:r", &[]);
        out.props("w:rPr", RPR_ORDER, mark.props(self.lang, self.lang.rtl));
        match &note.custom_mark {
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
        if let Some((m, t)) = tracked {
            t.close(out, m);
        }

        let mut xml = Xml::fragment();
        xml.start("w:footnote", &[("w:id", &id)]);
        xml.start("w:p", &[]);
        xml.props(
            "w:pPr",
            PPR_ORDER,
            vec![Prop::val("w:pStyle", id::FOOTNOTE_TEXT)],
        );
        let lead = InlineState::default();
        match &note.custom_mark {
            Some(custom) => self.text(&mut xml, &mark, custom, &lead),
            None => self.element(&mut xml, &mark, "w:footnoteRef", &[], &lead),
        }
        let fmt = self.text_fmt(id::FOOTNOTE_TEXT);
        self.text(&mut xml, &fmt, " ", &lead);
        let mut state = InlineState {
            in_note: true,
            base: fmt,
            // The text of a note one version alone has goes and comes with
            // its reference: tracked once, there.
            whole_note: at.mark.is_some(),
            ..InlineState::default()
        };
        self.inlines(&mut xml, &note.content, fmt, &mut state);
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
        // The margins and the header and footer where the PDF's lines are.
        let g = self.geometry;
        props.push(Prop::new(
            "w:pgMar",
            &[
                ("w:top", &g.margin_top.to_string()),
                ("w:right", &right.to_string()),
                ("w:bottom", &g.margin_bottom.to_string()),
                ("w:left", &left.to_string()),
                ("w:header", &g.header.to_string()),
                ("w:footer", &g.footer.to_string()),
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
            // As high as the PDF's distance from the text to the notes
            // (Word; LibreOffice draws its own separator).
            xml.props(
                "w:pPr",
                PPR_ORDER,
                vec![styles::spacing(Spacing {
                    before: 0,
                    after: 0,
                    line: self.geometry.note_separator,
                })],
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

/// An inline picture of the emblem, `cx` × `cy` EMUs, with its
/// alternative text.
fn picture(out: &mut Xml, emblem: &EmblemRef, cx: i64, cy: i64) {
    let (cx, cy) = (cx.to_string(), cy.to_string());
    let alt = emblem.image.alt.as_str();
    out.start("w:drawing", &[]);
    out.start(
        "wp:inline",
        &[
            ("xmlns:wp", NS_WP),
            ("distT", "0"),
            ("distB", "0"),
            ("distL", "0"),
            ("distR", "0"),
        ],
    );
    out.empty("wp:extent", &[("cx", &cx), ("cy", &cy)]);
    out.empty(
        "wp:docPr",
        &[("id", "1"), ("name", "Emblem"), ("descr", alt)],
    );
    out.start("wp:cNvGraphicFramePr", &[]);
    out.empty(
        "a:graphicFrameLocks",
        &[("xmlns:a", NS_A), ("noChangeAspect", "1")],
    );
    out.end("wp:cNvGraphicFramePr");
    out.start("a:graphic", &[("xmlns:a", NS_A)]);
    out.start("a:graphicData", &[("uri", NS_PIC)]);
    out.start("pic:pic", &[("xmlns:pic", NS_PIC)]);
    out.start("pic:nvPicPr", &[]);
    out.empty(
        "pic:cNvPr",
        &[("id", "1"), ("name", "emblem.png"), ("descr", alt)],
    );
    out.empty("pic:cNvPicPr", &[]);
    out.end("pic:nvPicPr");
    out.start("pic:blipFill", &[]);
    match &emblem.svg {
        Some(svg) => {
            out.start("a:blip", &[("r:embed", &emblem.png)]);
            out.start("a:extLst", &[]);
            out.start("a:ext", &[("uri", SVG_BLIP_EXT)]);
            out.empty("asvg:svgBlip", &[("xmlns:asvg", NS_ASVG), ("r:embed", svg)]);
            out.end("a:ext");
            out.end("a:extLst");
            out.end("a:blip");
        }
        None => out.empty("a:blip", &[("r:embed", &emblem.png)]),
    }
    out.start("a:stretch", &[]);
    out.empty("a:fillRect", &[]);
    out.end("a:stretch");
    out.end("pic:blipFill");
    out.start("pic:spPr", &[]);
    out.start("a:xfrm", &[]);
    out.empty("a:off", &[("x", "0"), ("y", "0")]);
    out.empty("a:ext", &[("cx", &cx), ("cy", &cy)]);
    out.end("a:xfrm");
    out.start("a:prstGeom", &[("prst", "rect")]);
    out.empty("a:avLst", &[]);
    out.end("a:prstGeom");
    out.end("pic:spPr");
    out.end("pic:pic");
    out.end("a:graphicData");
    out.end("a:graphic");
    out.end("wp:inline");
    out.end("w:drawing");
}

#[derive(Debug, Default)]
struct InlineState {
    /// Inside a note's text, whose links are the notes part's.
    in_note: bool,
    /// In a redline, which version alone has the runs being written.
    mark: Option<Mark>,
    /// The format of the paragraph's text, from which the old setting of
    /// restyled words is worked out.
    base: RunFmt,
    /// In a redline, how the old version set the runs being written.
    was: Option<RunFmt>,
    /// In a redline, inside the text of a note whose reference is tracked:
    /// the marks of its words are the reference's.
    whole_note: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_are_split_from_the_words() {
        assert_eq!(
            space_runs("des  Nations\u{a0}Unies,"),
            vec![
                ("des", false),
                ("  ", true),
                ("Nations", false),
                ("\u{a0}", true),
                ("Unies,", false)
            ]
        );
        assert_eq!(space_runs(" a"), vec![(" ", true), ("a", false)]);
        assert_eq!(space_runs(""), vec![]);
    }

    #[test]
    fn justified_spaces_are_narrowed_and_nothing_else() {
        let lang = Lang {
            tag: "fr-FR".into(),
            rtl: false,
            cs_font: "Noto Serif".into(),
            cs_fallback: None,
        };
        let fmt = RunFmt {
            space_width: Some(67),
            ..RunFmt::default()
        };
        let mut out = Xml::fragment();
        text_runs(&mut out, &lang, &fmt, "Le Conseil");
        let xml = String::from_utf8(out.finish()).unwrap();
        assert_eq!(
            xml,
            concat!(
                r#"<w:r><w:rPr><w:lang w:val="fr-FR"/></w:rPr><w:t xml:space="preserve">Le</w:t></w:r>"#,
                r#"<w:r><w:rPr><w:w w:val="67"/><w:lang w:val="fr-FR"/></w:rPr><w:t xml:space="preserve"> </w:t></w:r>"#,
                r#"<w:r><w:rPr><w:lang w:val="fr-FR"/></w:rPr><w:t xml:space="preserve">Conseil</w:t></w:r>"#,
            )
        );
    }

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
}
