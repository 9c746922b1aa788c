//! Named Word styles generated from the house style.
//!
//! Every kind of block has a paragraph style with a name a Word user
//! recognises ("Resolution Title", "Preamble Clause" …) and the leading
//! verb has a character style, all built on the house fonts, sizes,
//! spacing and colours; the body then carries almost no direct
//! formatting, so a clause pasted into another document keeps its look
//! and a restyled document changes everywhere at once.

use crate::style::{ReferencePosition, Side, Style, TitleAlign, VerbTreatment};

use super::Lang;
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
    /// The document reference.
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

/// The frame that puts the reference in the top corner where lines end,
/// beside the organisation, when the style puts it there. The reference
/// still follows the title in reading order, as the source has it.
///
/// This is the one piece of layout written on the paragraph rather than
/// in its style: LibreOffice ignores frames defined in styles.
pub fn reference_frame(style: &Style, lang: &Lang) -> Option<Prop> {
    (style.title.reference_position == ReferencePosition::TopEnd).then(|| {
        Prop::new(
            "w:framePr",
            &[
                ("w:wrap", "around"),
                ("w:vAnchor", "margin"),
                ("w:hAnchor", "margin"),
                ("w:xAlign", if lang.rtl { "left" } else { "right" }),
                ("w:y", "1"),
            ],
        )
    })
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

fn spacing(before: i64, after: i64) -> Prop {
    Prop::new(
        "w:spacing",
        &[("w:before", &twips(before)), ("w:after", &twips(after))],
    )
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
pub fn styles_xml(style: &Style, lang: &Lang, operative: OperativeLayout) -> Vec<u8> {
    let body = &style.fonts.body;
    let cs = &lang.cs_font;
    let text_size = style.text.size.half_points();
    let para_space = style.text.paragraph_spacing.twips();
    // The PDF sets lines `line-height` × size apart; "at least" that much
    // gives the same in Word without clipping larger text.
    let line = (style.text.line_height * style.text.size.pt() * 20.0).round() as i64;
    let accent = style.colours.accent.hex();
    let muted = style.colours.muted.hex();
    let first_line = style.text.first_line_indent.twips();
    let body_align = if style.text.justify {
        Align::Justify
    } else {
        Align::Start
    };
    let text_width =
        style.page.width.twips() - style.page.margin_start.twips() - style.page.margin_end.twips();

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
        colour(style.colours.text.hex()),
        lang_prop(lang),
    ];
    default_run.extend(size(text_size));
    xml.props("w:rPr", RPR_ORDER, default_run);
    xml.end("w:rPrDefault");
    xml.start("w:pPrDefault", &[]);
    xml.props(
        "w:pPr",
        PPR_ORDER,
        vec![Prop::new(
            "w:spacing",
            &[
                ("w:after", &twips(para_space)),
                ("w:line", &twips(line)),
                ("w:lineRule", "atLeast"),
            ],
        )],
    );
    xml.end("w:pPrDefault");
    xml.end("w:docDefaults");

    let mut defs = Vec::new();
    let mut normal = Def::para(id::NORMAL, "Normal");
    normal.based_on = None;
    normal.default = true;
    normal.ui_priority = Some(0);
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

    // The title block: the organisation and the body at the start, the
    // reference at the end of the same lines, a double rule under them,
    // then the title and the subject centred.
    let rule = Prop::parent(
        "w:pBdr",
        vec![Prop::new(
            "w:bottom",
            &[
                ("w:val", "thickThinSmallGap"),
                ("w:sz", "12"),
                ("w:space", "4"),
                ("w:color", &accent),
            ],
        )],
    );
    // The emblem's line is as tall as the picture: no exact line height.
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
        .p(rule.clone())
        .p(spacing(0, 40))
        .p(jc(Align::Start))
        .r(bold())
        .r([colour(accent.clone())])
        .r(size(organisation_size));
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
    // The same border as the organisation's, so that Word draws one rule
    // under both.
    defs.push(
        Def::para(id::BODY, "Issuing Body")
            .next(id::TITLE)
            .p(Prop::flag("w:keepNext"))
            .p(rule)
            .p(spacing(0, 40))
            .p(jc(Align::Start))
            .r([colour(muted.clone())])
            .r(size(organisation_size)),
    );
    // The lines some styles add to the title block, between the body and
    // the title.
    let subject_size = style.title.subject_size.half_points();
    let shows = &style.title;
    if shows.distribution {
        // Set in the reference's frame, under it.
        defs.push(
            Def::para(id::DISTRIBUTION, "Resolution Distribution")
                .p(Prop::flag("w:keepNext"))
                .p(spacing(0, 0))
                .p(jc(Align::End))
                .r(size(subject_size)),
        );
    }
    if shows.session {
        defs.push(
            Def::para(id::SESSION, "Resolution Session")
                .p(Prop::flag("w:keepNext"))
                .p(spacing(0, 0))
                .p(jc(Align::Start)),
        );
    }
    if shows.adopted_by {
        defs.push(
            Def::para(id::ADOPTED_BY, "Resolution Adopted By")
                .p(Prop::flag("w:keepNext"))
                .p(spacing(360, 120))
                .p(jc(Align::Start))
                .r(bold())
                .r(size(subject_size)),
        );
    }
    if shows.committee {
        defs.push(
            Def::para(id::COMMITTEE, "Resolution Committee")
                .p(Prop::flag("w:keepNext"))
                .p(spacing(0, 120))
                .p(jc(Align::Start)),
        );
    }
    let title_size = style.title.size.half_points();
    defs.push(
        Def::para(id::TITLE, "Resolution Title")
            .next(id::SUBJECT)
            .p(Prop::flag("w:keepNext"))
            .p(spacing(title_size * 9, title_size * 4))
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
        .p(Prop::flag("w:keepNext"));
    reference = match style.title.reference_position {
        ReferencePosition::TopEnd => reference.p(spacing(0, 0)).p(jc(Align::End)),
        ReferencePosition::BelowTitle => reference.p(spacing(0, 120)).p(jc(Align::Center)),
    };
    defs.push(
        reference
            .r(bold())
            .r([colour(accent.clone())])
            .r(size(style.title.subject_size.half_points())),
    );
    defs.push(
        Def::para(id::SUBJECT, "Resolution Subject")
            .next(id::OPENING)
            .p(Prop::flag("w:keepNext"))
            .p(spacing(0, 300))
            .p(jc(Align::Center))
            .r(size(style.title.subject_size.half_points())),
    );
    defs.push(Def::chr(id::SUBJECT_LABEL, "Subject Label").r(bold()));

    // The text.
    defs.push(
        Def::para(id::OPENING, "Opening Formula")
            .next(id::PREAMBLE)
            .p(Prop::flag("w:keepNext"))
            .p(ind(0, -first_line)),
    );
    defs.push(
        Def::para(id::PREAMBLE, "Preamble Clause")
            .next(id::PREAMBLE)
            .p(ind(0, -first_line)),
    );
    defs.push(
        Def::para(id::PREAMBLE_CONTINUED, "Preamble Clause Continued").next(id::PREAMBLE_CONTINUED),
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
        operative_def = operative_def.p(ind(0, -first_line));
    }
    defs.push(operative_def);
    defs.push(operative_continued);
    for depth in 0..super::numbering::LEVELS {
        let (left, hanging) = super::numbering::level_indent(style, 0, depth);
        defs.push(
            Def::para(list_item(depth), format!("List Item {}", depth + 1))
                .next(list_item(depth))
                // List items are closer to each other than clauses are.
                .p(spacing(0, para_space / 2))
                .p(ind(left, hanging)),
        );
    }
    defs.push(Def::para(id::CLOSING, "Closing Formula").p(spacing(240, para_space)));
    let adoption = Def::para(id::ADOPTION, "Adoption Line")
        .p(Prop::flag("w:keepLines"))
        .p(spacing(
            (style.text.size.pt() * 12.0).round() as i64,
            para_space,
        ))
        .p(jc(match style.adoption.align {
            Side::Start => Align::Start,
            Side::End => Align::End,
        }));
    defs.push(if style.adoption.bold {
        adoption.r(bold())
    } else {
        adoption
    });

    // Annexes: label and title centred, a little larger than the subject.
    let annex_size = (style.title.subject_size.pt() * 2.0 * 1.15).round() as i64;
    defs.push(
        Def::para(id::ANNEX_LABEL, "Annex Label")
            .next(id::ANNEX_TITLE)
            .p(Prop::flag("w:keepNext"))
            .p(Prop::flag("w:pageBreakBefore"))
            .p(spacing(0, 120))
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
            .p(spacing(0, 240))
            .p(jc(Align::Center))
            .p(Prop::val("w:outlineLvl", 1))
            .r(bold())
            .r([colour(accent.clone())])
            .r(size(annex_size)),
    );
    defs.push(Def::para(id::ANNEX_TEXT, "Annex Text").next(id::ANNEX_TEXT));
    for level in 1..=ANNEX_HEADING_LEVELS {
        defs.push(
            Def::para(annex_heading(level), format!("Annex Heading {level}"))
                .next(id::ANNEX_TEXT)
                .p(Prop::flag("w:keepNext"))
                .p(spacing(240, 120))
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
    for (sid, name, side) in [
        (id::HEADER, "header", "w:bottom"),
        (id::FOOTER, "footer", "w:top"),
    ] {
        let rule = Prop::parent(
            "w:pBdr",
            vec![Prop::new(
                side,
                &[
                    ("w:val", "single"),
                    ("w:sz", "4"),
                    ("w:space", "3"),
                    ("w:color", &muted),
                ],
            )],
        );
        defs.push(
            Def::para(sid, name)
                .p(rule)
                .p(tabs())
                .p(Prop::new(
                    "w:spacing",
                    &[("w:after", "0"), ("w:line", "240"), ("w:lineRule", "auto")],
                ))
                .p(jc(Align::Start))
                .r([colour(muted.clone())])
                .r(size(running_size)),
        );
    }
    defs.push(
        Def::para(id::FOOTNOTE_TEXT, "footnote text")
            .p(Prop::new(
                "w:spacing",
                &[("w:after", "60"), ("w:line", "240"), ("w:lineRule", "auto")],
            ))
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
