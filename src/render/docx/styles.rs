//! Named Word styles generated from the house style.
//!
//! Every kind of block has a paragraph style with a name a Word user
//! recognises ("Resolution Title", "Preamble Clause" …) and the leading
//! verb has a character style, all built on the house fonts, sizes,
//! spacing and colours; the body then carries almost no direct
//! formatting, so a clause pasted into another document keeps its look
//! and a restyled document changes everywhere at once.

use crate::style::{Length, ReferencePosition, Side, Style, TitleAlign, VerbTreatment};

use super::Lang;
use super::geometry::{self, Frame, Geometry, Rule, Spacing};
use super::numbering::NumId;
use super::xml::{NS_W, PPR_ORDER, Prop, RPR_ORDER, Xml};

/// Style ids, as paragraphs and runs refer to them.
pub mod id {
    /// The base paragraph style.
    pub const NORMAL: &str = "Normal";
    /// The paragraph that holds the emblem.
    pub const EMBLEM: &str = "ResolutionEmblem";
    /// The organisation's name above the title.
    pub const ORGANISATION: &str = "ResolutionOrganisation";
    /// The adopting body under the organisation.
    pub const BODY: &str = "IssuingBody";
    /// "Résolution N° 6".
    pub const TITLE: &str = "ResolutionTitle";
    /// The document reference (in the United Nations layout, its symbol).
    pub const REFERENCE: &str = "ResolutionReference";
    /// The subject line.
    pub const SUBJECT: &str = "ResolutionSubject";
    /// "Distr.: General" and the date, beside the reference.
    pub const DISTRIBUTION: &str = "ResolutionDistribution";
    /// "Eightieth session", "Agenda item 89".
    pub const SESSION: &str = "ResolutionSession";
    /// "Resolution adopted by the General Assembly on 3 November 2025".
    pub const ADOPTED_BY: &str = "ResolutionAdoptedBy";
    /// "[without reference to a Main Committee (A/80/L.7)]".
    pub const COMMITTEE: &str = "ResolutionCommittee";
    /// "The Security Council," / "L'Assemblée générale …,".
    pub const OPENING: &str = "OpeningFormula";
    /// A preamble clause.
    pub const PREAMBLE: &str = "PreambleClause";
    /// A further paragraph of a preamble clause.
    pub const PREAMBLE_CONTINUED: &str = "PreambleClauseContinued";
    /// An operative clause.
    pub const OPERATIVE: &str = "OperativeClause";
    /// A further paragraph of an operative clause.
    pub const OPERATIVE_CONTINUED: &str = "OperativeClauseContinued";
    /// The text after the operative part.
    pub const CLOSING: &str = "ClosingFormula";
    /// "Adoptée" / the adoption line.
    pub const ADOPTION: &str = "AdoptionLine";
    /// "Annexe 1".
    pub const ANNEX_LABEL: &str = "AnnexLabel";
    /// The title of an annex.
    pub const ANNEX_TITLE: &str = "AnnexTitle";
    /// Body text of an annex.
    pub const ANNEX_TEXT: &str = "AnnexText";
    /// Running header.
    pub const HEADER: &str = "Header";
    /// Running footer.
    pub const FOOTER: &str = "Footer";
    /// Footnote text.
    pub const FOOTNOTE_TEXT: &str = "FootnoteText";
    /// Footnote reference mark (character style).
    pub const FOOTNOTE_REFERENCE: &str = "FootnoteReference";
    /// The leading verb or participle, as written (character style); the
    /// verbs set otherwise have styles based on it.
    pub const VERB: &str = "ResolutionVerb";
    /// A verb in capitals.
    pub const VERB_CAPS: &str = "ResolutionVerbCaps";
    /// A verb in small capitals.
    pub const VERB_SMALL_CAPS: &str = "ResolutionVerbSmallCaps";
    /// A verb in italics.
    pub const VERB_ITALIC: &str = "ResolutionVerbItalic";
    /// A verb in bold.
    pub const VERB_BOLD: &str = "ResolutionVerbBold";
    /// The label before the subject line (character style).
    pub const SUBJECT_LABEL: &str = "SubjectLabel";
    /// Emphasis (character style).
    pub const EMPHASIS: &str = "Emphasis";
    /// Strong emphasis (character style).
    pub const STRONG: &str = "Strong";
    /// A link (character style).
    pub const HYPERLINK: &str = "Hyperlink";
}

/// Whether paragraphs of style `id` take the text's alignment (justified
/// when the style justifies text), as the body text and the notes do; the
/// title block, the headings and the running header and footer have their
/// own.
pub fn takes_text_alignment(id: &str) -> bool {
    [
        id::OPENING,
        id::PREAMBLE,
        id::PREAMBLE_CONTINUED,
        id::OPERATIVE,
        id::OPERATIVE_CONTINUED,
        id::CLOSING,
        id::ANNEX_TEXT,
        id::FOOTNOTE_TEXT,
    ]
    .contains(&id)
        || id
            .strip_prefix("ListItem")
            .is_some_and(|n| n.parse::<usize>().is_ok())
}

/// The deepest heading level inside annexes that has its own style.
pub const ANNEX_HEADING_LEVELS: u8 = 3;

/// The style id of list items at `depth` (0-based): `ListItem1` …
pub fn list_item(depth: usize) -> String {
    format!("ListItem{}", depth + 1)
}

/// The style id of annex headings of `level` (1-based): `AnnexHeading1` …
pub fn annex_heading(level: u8) -> String {
    format!("AnnexHeading{}", level.clamp(1, ANNEX_HEADING_LEVELS))
}

/// The character style of a leading verb set as `treatment`. Verbs always
/// carry one, even when set as written, so that a Word user can find and
/// restyle them.
pub fn verb_style(treatment: VerbTreatment) -> &'static str {
    match treatment {
        VerbTreatment::AsWritten => id::VERB,
        VerbTreatment::Uppercase => id::VERB_CAPS,
        VerbTreatment::SmallCaps => id::VERB_SMALL_CAPS,
        VerbTreatment::Italic => id::VERB_ITALIC,
        VerbTreatment::Bold => id::VERB_BOLD,
    }
}

/// Every way a verb can be set, with its style's name.
const VERB_STYLES: [(VerbTreatment, &str); 4] = [
    (VerbTreatment::Uppercase, "Resolution Verb Caps"),
    (VerbTreatment::SmallCaps, "Resolution Verb Small Caps"),
    (VerbTreatment::Italic, "Resolution Verb Italic"),
    (VerbTreatment::Bold, "Resolution Verb Bold"),
];

/// The size the reference is set in: the title's in the UN masthead, the
/// subject's otherwise. Its style and its frame's width both follow it.
pub fn reference_size(style: &Style) -> Length {
    if style.title.layout.un_masthead() {
        style.title.size
    } else {
        style.title.subject_size
    }
}

/// The frame that puts the reference in the top corner where lines end,
/// beside the organisation, at the height the PDF has it. The reference
/// still follows the title in reading order, as the source has it.
///
/// This is the one piece of layout written on the paragraph rather than
/// in its style: LibreOffice ignores frames defined in styles.
///
/// Its width is that of its widest line: a frame without one is as narrow
/// as LibreOffice can make it, and breaks the reference at every slash.
pub fn frame(frame: Frame, width: i64, lang: &Lang) -> Prop {
    Prop::new(
        "w:framePr",
        &[
            ("w:w", &width.to_string()),
            ("w:wrap", "around"),
            ("w:vAnchor", "margin"),
            ("w:hAnchor", "margin"),
            ("w:xAlign", if lang.rtl { "left" } else { "right" }),
            ("w:y", &frame.y.to_string()),
        ],
    )
}

/// How the operative clauses are laid out.
#[derive(Debug, Clone, Copy)]
pub struct OperativeLayout {
    /// The clauses carry labels (numbered or typed), which hang in the
    /// operative label width.
    pub labelled: bool,
    /// The list that numbers them, when Word numbers them.
    pub num: Option<NumId>,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Paragraph,
    Character,
}

struct Def {
    kind: Kind,
    id: String,
    name: String,
    based_on: Option<&'static str>,
    next: Option<String>,
    default: bool,
    ui_priority: Option<u32>,
    ppr: Vec<Prop>,
    rpr: Vec<Prop>,
}

impl Def {
    fn para(id: impl Into<String>, name: impl Into<String>) -> Self {
        Def {
            kind: Kind::Paragraph,
            id: id.into(),
            name: name.into(),
            based_on: Some(id::NORMAL),
            next: None,
            default: false,
            ui_priority: None,
            ppr: Vec::new(),
            rpr: Vec::new(),
        }
    }

    fn chr(id: impl Into<String>, name: impl Into<String>) -> Self {
        Def {
            kind: Kind::Character,
            based_on: Some("DefaultParagraphFont"),
            ..Def::para(id, name)
        }
    }

    fn next(mut self, next: impl Into<String>) -> Self {
        self.next = Some(next.into());
        self
    }

    fn p(mut self, prop: Prop) -> Self {
        self.ppr.push(prop);
        self
    }

    fn r(mut self, props: impl IntoIterator<Item = Prop>) -> Self {
        self.rpr.extend(props);
        self
    }
}

fn twips(value: i64) -> String {
    value.to_string()
}

/// `w:spacing`: space before and after, and the exact line height.
pub fn spacing(spacing: Spacing) -> Prop {
    Prop::new(
        "w:spacing",
        &[
            ("w:before", &twips(spacing.before)),
            ("w:after", &twips(spacing.after)),
            ("w:line", &twips(spacing.line)),
            ("w:lineRule", "exact"),
        ],
    )
}

/// Direct space before a paragraph: for the first item of a list inside an
/// item and the further paragraphs of an item, which keep a paragraph's
/// distance from what precedes them while items keep a list's; for what
/// follows a heading, which starts at the heading's distance (0).
pub fn space_before(twips: i64) -> Prop {
    Prop::new("w:spacing", &[("w:before", &twips.to_string())])
}

fn size(half_points: i64) -> [Prop; 2] {
    [
        Prop::val("w:sz", half_points),
        Prop::val("w:szCs", half_points),
    ]
}

fn bold() -> [Prop; 2] {
    [Prop::flag("w:b"), Prop::flag("w:bCs")]
}

fn italic() -> [Prop; 2] {
    [Prop::flag("w:i"), Prop::flag("w:iCs")]
}

fn colour(hex: String) -> Prop {
    Prop::val("w:color", hex)
}

fn ind(left: i64, hanging: i64) -> Prop {
    if hanging > 0 {
        Prop::new(
            "w:ind",
            &[("w:left", &twips(left)), ("w:hanging", &twips(hanging))],
        )
    } else {
        Prop::new(
            "w:ind",
            &[("w:left", &twips(left)), ("w:firstLine", &twips(-hanging))],
        )
    }
}

/// `w:jc` for the side where lines start, the centre or where they end.
/// Word reads `left` and `right` in a right-to-left paragraph as its start
/// and end, so the same values serve both directions.
pub fn jc(align: Align) -> Prop {
    Prop::val(
        "w:jc",
        match align {
            Align::Start => "left",
            Align::Center => "center",
            Align::End => "right",
            Align::Justify => "both",
        },
    )
}

/// Horizontal alignment of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Where lines start.
    Start,
    /// Centred.
    Center,
    /// Where lines end.
    End,
    /// Justified.
    Justify,
}

fn verb_props(treatment: VerbTreatment) -> Vec<Prop> {
    match treatment {
        VerbTreatment::AsWritten => Vec::new(),
        VerbTreatment::Uppercase => vec![Prop::flag("w:caps")],
        VerbTreatment::SmallCaps => vec![Prop::flag("w:smallCaps")],
        VerbTreatment::Italic => italic().to_vec(),
        VerbTreatment::Bold => bold().to_vec(),
    }
}

/// The run properties of the text's language: `w:lang`, and for a
/// right-to-left language its complex-script tag.
pub fn lang_prop(lang: &Lang) -> Prop {
    if lang.rtl {
        Prop::new("w:lang", &[("w:val", &lang.tag), ("w:bidi", &lang.tag)])
    } else {
        Prop::val("w:lang", &lang.tag)
    }
}

/// `word/styles.xml`.
pub fn styles_xml(
    style: &Style,
    lang: &Lang,
    geometry: &Geometry,
    operative: OperativeLayout,
) -> Vec<u8> {
    let body = &style.fonts.body;
    let cs = &lang.cs_font;
    let text_size = style.text.size.half_points();
    let accent = style.colours.accent.hex();
    let ink = style.colours.text.hex();
    let muted = style.colours.muted.hex();
    let first_line = style.text.first_line_indent.twips();
    let body_align = if style.text.justify {
        Align::Justify
    } else {
        Align::Start
    };
    let text_width =
        style.page.width.twips() - style.page.margin_start.twips() - style.page.margin_end.twips();
    let un = style.title.layout.un_masthead();
    let under_title = style.title.layout.adoption_under_title();
    let title = &geometry.title;

    let mut xml = Xml::new();
    xml.start("w:styles", &[("xmlns:w", NS_W)]);

    xml.start("w:docDefaults", &[]);
    xml.start("w:rPrDefault", &[]);
    let mut default_run = vec![
        Prop::new(
            "w:rFonts",
            &[
                ("w:ascii", body),
                ("w:hAnsi", body),
                ("w:eastAsia", body),
                ("w:cs", cs),
            ],
        ),
        colour(ink.clone()),
        // Kerning at every size, as the PDF is kerned (Word and
        // LibreOffice leave it off without this).
        Prop::val("w:kern", 1),
        lang_prop(lang),
    ];
    default_run.extend(size(text_size));
    xml.props("w:rPr", RPR_ORDER, default_run);
    xml.end("w:rPrDefault");
    xml.start("w:pPrDefault", &[]);
    // Every paragraph is a paragraph spacing from the next (Word takes the
    // larger of the space after one and the space before the next), in
    // lines of the PDF's exact pitch.
    xml.props("w:pPr", PPR_ORDER, vec![spacing(geometry.text)]);
    xml.end("w:pPrDefault");
    xml.end("w:docDefaults");

    let mut defs = Vec::new();
    let mut normal = Def::para(id::NORMAL, "Normal");
    normal.based_on = None;
    normal.default = true;
    normal.ui_priority = Some(0);
    // Never the first or last line of a paragraph alone on a page.
    normal = normal.p(Prop::flag("w:widowControl")).p(jc(body_align));
    if lang.rtl {
        normal = normal.p(Prop::flag("w:bidi"));
    }
    defs.push(normal);

    let mut default_font = Def::chr("DefaultParagraphFont", "Default Paragraph Font");
    default_font.based_on = None;
    default_font.default = true;
    default_font.ui_priority = Some(1);
    defs.push(default_font);

    // The title block. Official: the emblem beside the organisation and
    // the body, the reference at the end of the same row, a double rule,
    // then the title and the subject centred. United Nations: the
    // organisation and the symbol over a thin rule, the emblem beside the
    // body in large type, a heavy rule, the title and the adoption line.
    let border = |side: &'static str, val: &str, rule: Rule, colour: &str| {
        Prop::parent(
            "w:pBdr",
            vec![Prop::new(
                side,
                &[
                    ("w:val", val),
                    ("w:sz", &rule.size.to_string()),
                    ("w:space", &rule.space.to_string()),
                    ("w:color", colour),
                ],
            )],
        )
    };
    // The emblem's row is as tall as the PDF's: its line need not be.
    defs.push(
        Def::para(id::EMBLEM, "Resolution Emblem")
            .p(Prop::flag("w:keepNext"))
            .p(Prop::new(
                "w:spacing",
                &[
                    ("w:before", "0"),
                    ("w:after", "0"),
                    ("w:line", "240"),
                    ("w:lineRule", "auto"),
                ],
            ))
            .p(jc(Align::Start)),
    );
    let organisation_size = style.title.organisation_size.half_points();
    let mut organisation = Def::para(id::ORGANISATION, "Resolution Organisation")
        .next(id::BODY)
        .p(Prop::flag("w:keepNext"))
        .p(spacing(title.organisation))
        .p(jc(Align::Start))
        .r(size(organisation_size));
    if let Some(rule) = title.organisation_rule {
        organisation = organisation.p(border("w:bottom", "single", rule, &ink));
    }
    if !un {
        organisation = organisation.r(bold()).r([colour(accent.clone())]);
    }
    let tracking = style.title.organisation_tracking;
    if !lang.rtl && tracking != 0.0 {
        // In twentieths of a point; never in Arabic, where it would break
        // the joining of the letters.
        let twips = (style.title.organisation_size.pt() * tracking * 20.0).round() as i64;
        organisation = organisation.r([Prop::val("w:spacing", twips)]);
    }
    if style.title.organisation_uppercase {
        organisation = organisation.r([Prop::flag("w:caps")]);
    }
    defs.push(organisation);
    let mut issuing = Def::para(id::BODY, "Issuing Body")
        .next(id::TITLE)
        .p(Prop::flag("w:keepNext"))
        .p(spacing(title.body))
        .p(jc(Align::Start));
    issuing = if un {
        issuing
            .r(bold())
            .r(size((style.title.size.pt() * 1.4 * 2.0).round() as i64))
    } else {
        issuing
            .r([colour(muted.clone())])
            .r(size(organisation_size))
    };
    defs.push(issuing);
    // The lines some styles add to the title block, between the body and
    // the title, each line as high as its size at the text's line height.
    let subject_size = style.title.subject_size.half_points();
    let exact = |size: f64, before: f64, after: f64| Spacing {
        before: geometry::twips(before),
        after: geometry::twips(after),
        line: geometry::twips(size * style.text.line_height),
    };
    let text_size = style.text.size.pt();
    let small = style.title.subject_size.pt();
    let shows = &style.title;
    if shows.distribution {
        // Set in the reference's frame, under it.
        defs.push(
            Def::para(id::DISTRIBUTION, "Resolution Distribution")
                .p(Prop::flag("w:keepNext"))
                .p(spacing(exact(small, 0.0, 0.0)))
                .p(jc(Align::End))
                .r(size(subject_size)),
        );
    }
    if shows.session {
        defs.push(
            Def::para(id::SESSION, "Resolution Session")
                .p(Prop::flag("w:keepNext"))
                .p(spacing(exact(text_size, 0.0, 0.35 * text_size)))
                .p(jc(Align::Start)),
        );
    }
    if shows.adopted_by {
        defs.push(
            Def::para(id::ADOPTED_BY, "Resolution Adopted By")
                .p(Prop::flag("w:keepNext"))
                .p(spacing(exact(small, 1.6 * text_size, 0.35 * text_size)))
                .p(jc(Align::Start))
                .r(bold())
                .r(size(subject_size)),
        );
    }
    if shows.committee {
        defs.push(
            Def::para(id::COMMITTEE, "Resolution Committee")
                .p(Prop::flag("w:keepNext"))
                .p(spacing(exact(text_size, 0.5 * text_size, 0.35 * text_size)))
                .p(jc(Align::Start)),
        );
    }
    let title_size = style.title.size.half_points();
    let title_rule = if un {
        border("w:top", "single", title.title_rule, &ink)
    } else {
        border("w:top", "thickThinSmallGap", title.title_rule, &accent)
    };
    defs.push(
        Def::para(id::TITLE, "Resolution Title")
            .next(if under_title {
                id::ADOPTION
            } else {
                id::SUBJECT
            })
            .p(Prop::flag("w:keepNext"))
            .p(title_rule)
            .p(spacing(title.title))
            .p(jc(match style.title.align {
                TitleAlign::Center => Align::Center,
                TitleAlign::Start => Align::Start,
            }))
            .p(Prop::val("w:outlineLvl", 0))
            .r(bold())
            .r([colour(accent.clone())])
            .r(size(title_size)),
    );
    let mut reference = Def::para(id::REFERENCE, "Resolution Reference")
        .next(id::SUBJECT)
        .p(Prop::flag("w:keepNext"))
        .p(spacing(title.reference));
    reference = match style.title.reference_position {
        ReferencePosition::TopEnd => reference.p(jc(Align::End)),
        ReferencePosition::BelowTitle => reference.p(jc(Align::Center)),
    };
    defs.push(
        reference
            .r(bold())
            .r([colour(accent.clone())])
            .r(size(reference_size(style).half_points())),
    );
    defs.push(
        Def::para(id::SUBJECT, "Resolution Subject")
            .next(id::OPENING)
            .p(Prop::flag("w:keepNext"))
            .p(spacing(title.subject))
            .p(jc(Align::Center))
            .r(size(style.title.subject_size.half_points())),
    );
    defs.push(Def::chr(id::SUBJECT_LABEL, "Subject Label").r(bold()));

    // The text. Paragraphs other than labelled clauses and list items have
    // the style's first-line indent, as in the PDF.
    let indented = || ind(0, -first_line);
    defs.push(
        Def::para(id::OPENING, "Opening Formula")
            .next(id::PREAMBLE)
            .p(Prop::flag("w:keepNext"))
            .p(indented()),
    );
    defs.push(
        Def::para(id::PREAMBLE, "Preamble Clause")
            .next(id::PREAMBLE)
            .p(indented()),
    );
    defs.push(
        Def::para(id::PREAMBLE_CONTINUED, "Preamble Clause Continued")
            .next(id::PREAMBLE_CONTINUED)
            .p(indented()),
    );
    let label_width = style.lists.operative_label_width.twips();
    let mut operative_def = Def::para(id::OPERATIVE, "Operative Clause").next(id::OPERATIVE);
    let mut operative_continued = Def::para(id::OPERATIVE_CONTINUED, "Operative Clause Continued")
        .next(id::OPERATIVE_CONTINUED);
    if let Some(num) = operative.num {
        operative_def = operative_def.p(Prop::parent("w:numPr", vec![Prop::val("w:numId", num.0)]));
    }
    if operative.labelled {
        operative_def = operative_def.p(ind(label_width, label_width));
        operative_continued = operative_continued.p(ind(label_width, 0));
    } else {
        operative_def = operative_def.p(indented());
        operative_continued = operative_continued.p(indented());
    }
    defs.push(operative_def);
    defs.push(operative_continued);
    for depth in 0..super::numbering::LEVELS {
        let (left, hanging) = super::numbering::level_indent(style, 0, depth);
        defs.push(
            Def::para(list_item(depth), format!("List Item {}", depth + 1))
                .next(list_item(depth))
                // List items are closer to each other than clauses are:
                // half a paragraph spacing, before and after, so that the
                // text around a list keeps its own (the larger wins).
                .p(spacing(Spacing {
                    before: geometry.list_item,
                    after: geometry.list_item,
                    line: geometry.text.line,
                }))
                .p(ind(left, hanging)),
        );
    }
    // The closing formula stays with the adoption line.
    defs.push(
        Def::para(id::CLOSING, "Closing Formula")
            .p(Prop::flag("w:keepNext"))
            .p(indented()),
    );
    let adoption = Def::para(id::ADOPTION, "Adoption Line").p(Prop::flag("w:keepLines"));
    defs.push(if under_title {
        // Under the title, before the text, as the template sets it; the
        // style's `[adoption]` is for the line after the text.
        adoption
            .next(id::OPENING)
            .p(Prop::flag("w:keepNext"))
            .p(spacing(title.adoption))
            .p(jc(Align::Start))
    } else {
        let adoption = adoption
            .p(spacing(geometry.adoption))
            .p(jc(match style.adoption.align {
                Side::Start => Align::Start,
                Side::End => Align::End,
            }));
        if style.adoption.bold {
            adoption.r(bold())
        } else {
            adoption
        }
    });

    // Annexes: label and title centred, a little larger than the subject.
    let annex_size = (style.title.subject_size.pt() * 2.0 * 1.15).round() as i64;
    defs.push(
        Def::para(id::ANNEX_LABEL, "Annex Label")
            .next(id::ANNEX_TITLE)
            .p(Prop::flag("w:keepNext"))
            .p(Prop::flag("w:pageBreakBefore"))
            .p(spacing(geometry.annex_label))
            .p(jc(Align::Center))
            .p(Prop::val("w:outlineLvl", 0))
            .r(bold())
            .r([colour(accent.clone())])
            .r(size(annex_size)),
    );
    defs.push(
        Def::para(id::ANNEX_TITLE, "Annex Title")
            .next(id::ANNEX_TEXT)
            .p(Prop::flag("w:keepNext"))
            .p(spacing(geometry.annex_title))
            .p(jc(Align::Center))
            .p(Prop::val("w:outlineLvl", 1))
            .r(bold())
            .r([colour(accent.clone())])
            .r(size(annex_size)),
    );
    defs.push(
        Def::para(id::ANNEX_TEXT, "Annex Text")
            .next(id::ANNEX_TEXT)
            .p(indented()),
    );
    for level in 1..=ANNEX_HEADING_LEVELS {
        defs.push(
            Def::para(annex_heading(level), format!("Annex Heading {level}"))
                .next(id::ANNEX_TEXT)
                .p(Prop::flag("w:keepNext"))
                .p(spacing(geometry.heading))
                .p(jc(Align::Start))
                .p(Prop::val("w:outlineLvl", level + 1))
                .r(bold())
                .r([colour(accent.clone())])
                .r(size((style.text.size.pt() * 2.0 * 1.05).round() as i64)),
        );
    }

    // Running header and footer, notes.
    let running_size = style.running.size.half_points();
    let tabs = || {
        Prop::parent(
            "w:tabs",
            vec![Prop::new(
                "w:tab",
                &[("w:val", "right"), ("w:pos", &twips(text_width))],
            )],
        )
    };
    // A thin rule under the header and over the footer, as in the PDF.
    for (sid, name, side, rule) in [
        (id::HEADER, "header", "w:bottom", geometry.header_rule),
        (id::FOOTER, "footer", "w:top", geometry.footer_rule),
    ] {
        let rule = Prop::parent(
            "w:pBdr",
            vec![Prop::new(
                side,
                &[
                    ("w:val", "single"),
                    ("w:sz", &rule.size.to_string()),
                    ("w:space", &rule.space.to_string()),
                    ("w:color", &muted),
                ],
            )],
        );
        defs.push(
            Def::para(sid, name)
                .p(rule)
                .p(tabs())
                .p(spacing(geometry.running))
                .p(jc(Align::Start))
                .r([colour(muted.clone())])
                .r(size(running_size)),
        );
    }
    defs.push(
        Def::para(id::FOOTNOTE_TEXT, "footnote text")
            .p(spacing(geometry.note))
            .p(jc(body_align))
            .r(size(style.text.footnote_size.half_points())),
    );
    defs.push(
        Def::chr(id::FOOTNOTE_REFERENCE, "footnote reference")
            .r([Prop::val("w:vertAlign", "superscript")]),
    );

    // Character styles.
    defs.push(Def::chr(id::VERB, "Resolution Verb"));
    for (treatment, name) in VERB_STYLES {
        let mut def = Def::chr(verb_style(treatment), name).r(verb_props(treatment));
        def.based_on = Some(id::VERB);
        defs.push(def);
    }
    defs.push(Def::chr(id::EMPHASIS, "Emphasis").r(italic()));
    defs.push(Def::chr(id::STRONG, "Strong").r(bold()));
    defs.push(
        Def::chr(id::HYPERLINK, "Hyperlink")
            .r([colour(accent.clone()), Prop::val("w:u", "single")]),
    );

    for def in &defs {
        write_style(&mut xml, def);
    }
    xml.end("w:styles");
    xml.finish()
}

fn write_style(xml: &mut Xml, def: &Def) {
    let kind = match def.kind {
        Kind::Paragraph => "paragraph",
        Kind::Character => "character",
    };
    let mut attrs = vec![("w:type", kind)];
    if def.default {
        attrs.push(("w:default", "1"));
    }
    attrs.push(("w:styleId", def.id.as_str()));
    xml.start("w:style", &attrs);
    xml.empty("w:name", &[("w:val", &def.name)]);
    if let Some(parent) = def.based_on {
        xml.empty("w:basedOn", &[("w:val", parent)]);
    }
    if let Some(next) = &def.next {
        xml.empty("w:next", &[("w:val", next)]);
    }
    if let Some(priority) = def.ui_priority {
        xml.empty("w:uiPriority", &[("w:val", &priority.to_string())]);
    }
    xml.empty("w:qFormat", &[]);
    if def.kind == Kind::Paragraph {
        xml.props("w:pPr", PPR_ORDER, def.ppr.clone());
    }
    xml.props("w:rPr", RPR_ORDER, def.rpr.clone());
    xml.end("w:style");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::docx::geometry::TitleContent;

    /// The paragraph styles of `xml`: id, parent and own `w:jc`.
    fn paragraph_styles(xml: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let attr = |s: &str, before: &str| {
            s.split_once(before)
                .map(|(_, rest)| rest.split('"').next().unwrap_or_default().to_string())
        };
        xml.split("<w:style ")
            .skip(1)
            .filter(|s| s.starts_with(r#"w:type="paragraph""#))
            .map(|s| {
                let s = s.split("</w:style>").next().unwrap_or_default();
                let id = attr(s, r#"w:styleId=""#).unwrap_or_default();
                (
                    id,
                    attr(s, r#"<w:basedOn w:val=""#),
                    attr(s, r#"<w:jc w:val=""#),
                )
            })
            .collect()
    }

    #[test]
    fn the_styles_that_take_the_text_alignment_are_those_without_their_own() {
        for name in crate::style::BUILTIN_STYLES {
            let style = Style::builtin_named(name).unwrap();
            let lang = Lang {
                tag: "fr-FR".into(),
                rtl: false,
                cs_font: style.fonts.body.clone(),
                cs_fallback: None,
            };
            let geometry = Geometry::new(&style, &style.fonts.body, TitleContent::default());
            let operative = OperativeLayout {
                labelled: true,
                num: None,
            };
            let xml = String::from_utf8(styles_xml(&style, &lang, &geometry, operative)).unwrap();
            let styles = paragraph_styles(&xml);
            let normal = styles
                .iter()
                .find(|s| s.0 == id::NORMAL)
                .and_then(|s| s.2.clone());
            for (sid, _, _) in &styles {
                if sid == id::NORMAL {
                    continue;
                }
                // The alignment a paragraph of the style has, through the
                // styles it is based on, and whether that is Normal's.
                let mut at = sid.clone();
                let own = loop {
                    let Some((_, parent, jc)) = styles.iter().find(|s| s.0 == at) else {
                        break None;
                    };
                    match (jc, parent) {
                        (Some(jc), _) => break Some((jc.clone(), at == id::NORMAL)),
                        (None, Some(parent)) => at = parent.clone(),
                        (None, None) => break None,
                    }
                };
                let text_alignment = match own {
                    Some((jc, from_normal)) => {
                        from_normal || Some(jc) == normal && sid == id::FOOTNOTE_TEXT
                    }
                    None => false,
                };
                assert_eq!(takes_text_alignment(sid), text_alignment, "{name}: {sid}");
            }
        }
    }
}
