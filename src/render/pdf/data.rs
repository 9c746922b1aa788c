//! The prepared document and the style as data for the Typst template.
//!
//! The template reads one JSON file (`/data.json`). Every word of the
//! resolution travels in it as a JSON string, so the text is never parsed
//! as Typst markup: `#read(…)`, `*`, `$` or `<label>` in a clause print as
//! written. Everything was decided when the document was prepared —
//! labels, quotation marks, notes, links, verb treatment, direction — and
//! is only translated here into the shapes the template reads, with
//! lengths in points.

use serde::Serialize;

use crate::model::Direction;
use crate::render::prepare::{Block, Clause, Inline, PagePart, Prepared, Revision};
use crate::style::{Side, Style, TitleAlign, VerbTreatment};

/// The keys of a style file that the template applies, each with the
/// data it reads them from: `title.organisation-tracking` arrives as
/// `d.style.organisation-tracking`. A key the template never reads is
/// ignored by the PDF while the EPUB and the DOCX apply it: loading a style
/// warns about it. Keys the prepared document applies for every writer
/// (verbs, labels) and the files the writer loads itself (fonts, the
/// template) are not here.
pub const TEMPLATE_KEYS: &[(&str, &str)] = &[
    ("emblem", "emblem"),
    ("page.width", "style.page-width"),
    ("page.height", "style.page-height"),
    ("page.margin-top", "style.margin-top"),
    ("page.margin-bottom", "style.margin-bottom"),
    ("page.margin-start", "style.margin-start"),
    ("page.margin-end", "style.margin-end"),
    ("fonts.body", "style.fonts"),
    ("fonts.scripts", "style.fonts"),
    ("fonts.fallback", "style.fonts"),
    ("text.size", "style.size"),
    ("text.line-height", "style.leading"),
    ("text.paragraph-spacing", "style.paragraph-spacing"),
    ("text.first-line-indent", "style.first-line-indent"),
    ("text.justify", "style.justify"),
    ("text.hyphenate", "style.hyphenate"),
    ("text.footnote-size", "style.footnote-size"),
    ("text.footnote-line-height", "style.footnote-leading"),
    ("colours.text", "style.text-colour"),
    ("colours.accent", "style.accent-colour"),
    ("colours.muted", "style.muted-colour"),
    ("colours.inserted", "style.inserted-colour"),
    ("colours.deleted", "style.deleted-colour"),
    ("colours.moved", "style.moved-colour"),
    ("title.organisation-size", "style.organisation-size"),
    (
        "title.organisation-uppercase",
        "style.organisation-uppercase",
    ),
    ("title.organisation-tracking", "style.organisation-tracking"),
    ("title.size", "style.title-size"),
    ("title.subject-size", "style.subject-size"),
    ("title.reference-position", "style.reference-position"),
    ("title.emblem-height", "style.emblem-height"),
    ("title.align", "style.title-align"),
    ("title.distribution", "head.distribution"),
    ("title.session", "head.session"),
    ("title.adopted-by", "head.adopted-by"),
    ("title.committee", "head.committee"),
    ("lists.indent", "style.list-indent"),
    ("lists.label-width", "style.list-label-width"),
    ("lists.operative-label-width", "style.operative-label-width"),
    ("running.header", "style.running-header"),
    ("running.footer", "style.running-footer"),
    ("running.size", "style.running-size"),
    ("adoption.align", "style.adoption-align"),
    ("adoption.bold", "style.adoption-bold"),
];

/// Everything the template prints, and how.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Data {
    /// BCP 47 primary language subtag, for `text(lang:)`.
    pub lang: String,
    /// ISO 3166 region, when the source's tag has a two-letter one.
    pub region: Option<String>,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// Lengths, sizes, colours and fonts from the house style.
    pub style: StyleData,
    /// Document properties for the PDF's info dictionary and XMP.
    pub document: DocumentData,
    /// Words printed around the text, in the document's language.
    pub labels: LabelData,
    /// The title block.
    pub head: HeadData,
    /// The emblem, when the style has one.
    pub emblem: Option<Emblem>,
    /// The source file attached to the PDF.
    pub attachment: Attachment,
    /// In a redline: the summary of the changes, printed over the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redline: Option<RedlineData>,
    /// The enacting formula.
    pub opening: Option<Vec<Node>>,
    /// In a redline, what became of the enacting formula.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opening_rev: Option<&'static str>,
    /// Preamble clauses.
    pub preamble: Vec<ClauseData>,
    /// Operative clauses.
    pub operative: Vec<ClauseData>,
    /// Whether operative clauses carry labels (numbered paragraphs).
    pub operative_numbered: bool,
    /// Text after the operative part.
    pub closing: Option<Vec<Node>>,
    /// In a redline, what became of the text after the operative part.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closing_rev: Option<&'static str>,
    /// The adoption line.
    pub adoption: Vec<Node>,
    /// Annexes.
    pub annexes: Vec<AnnexData>,
}

/// What a redline prints over its text.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct RedlineData {
    /// "Changes from the previous version: 3 clauses inserted."
    pub summary: String,
}

/// Style values, lengths in points.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct StyleData {
    /// Page width.
    pub page_width: f64,
    /// Page height.
    pub page_height: f64,
    /// Top margin.
    pub margin_top: f64,
    /// Bottom margin.
    pub margin_bottom: f64,
    /// Margin where lines start.
    pub margin_start: f64,
    /// Margin where lines end.
    pub margin_end: f64,
    /// Font families, in fallback order: the document's script first.
    pub fonts: Vec<String>,
    /// Body size.
    pub size: f64,
    /// Leading of body text, as a multiple of the size.
    pub leading: f64,
    /// Space between paragraphs.
    pub paragraph_spacing: f64,
    /// First-line indent of clauses.
    pub first_line_indent: f64,
    /// Justified text.
    pub justify: bool,
    /// Hyphenation.
    pub hyphenate: bool,
    /// Footnote size.
    pub footnote_size: f64,
    /// Leading of footnotes, as a multiple of their size.
    pub footnote_leading: f64,
    /// Body text colour, `#rrggbb`.
    pub text_colour: String,
    /// Accent colour.
    pub accent_colour: String,
    /// Muted colour.
    pub muted_colour: String,
    /// A redline's inserted text.
    pub inserted_colour: String,
    /// A redline's deleted text.
    pub deleted_colour: String,
    /// A redline's change bars of moved paragraphs.
    pub moved_colour: String,
    /// Organisation name size.
    pub organisation_size: f64,
    /// Whether the organisation name is set in capitals.
    pub organisation_uppercase: bool,
    /// Letter-spacing of the organisation name, in em.
    pub organisation_tracking: f64,
    /// Title size.
    pub title_size: f64,
    /// Reference and subject size.
    pub subject_size: f64,
    /// `top-end` or `below-title`.
    pub reference_position: &'static str,
    /// Height of the emblem.
    pub emblem_height: f64,
    /// `center` or `start`: where the title is set.
    pub title_align: &'static str,
    /// List indent per level.
    pub list_indent: f64,
    /// Width of list labels.
    pub list_label_width: f64,
    /// Width of operative paragraph labels.
    pub operative_label_width: f64,
    /// Running header on pages after the first.
    pub running_header: bool,
    /// Running footer.
    pub running_footer: bool,
    /// Size of header and footer.
    pub running_size: f64,
    /// `start` or `end`: the side of the adoption line.
    pub adoption_align: &'static str,
    /// Whether the adoption line is bold.
    pub adoption_bold: bool,
}

/// Document properties.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct DocumentData {
    /// Title: the resolution title and its subject.
    pub title: String,
    /// The organisation.
    pub author: String,
    /// The subject line, as plain text.
    pub description: Option<String>,
    /// Index terms, with the reference first.
    pub keywords: Vec<String>,
}

/// Words printed around the text.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct LabelData {
    /// "Résolution N° 6".
    pub title: String,
    /// "Objet :".
    pub subject: String,
    /// The page label split around its placeholders.
    pub page: Vec<PageNode>,
    /// Numbering pattern of page numbers (`1` or `١`).
    pub page_digits: &'static str,
}

/// A piece of the page label: text, or the page number, or the page count.
#[derive(Debug, Serialize)]
#[serde(tag = "t", content = "v", rename_all = "kebab-case")]
pub enum PageNode {
    /// Printed as is.
    Text(String),
    /// The current page.
    Page,
    /// The number of pages.
    Pages,
}

/// The title block.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct HeadData {
    /// The organisation's name.
    pub organisation: String,
    /// The adopting body.
    pub body: Option<String>,
    /// The reference.
    pub reference: String,
    /// The subject line.
    pub subject: Option<Vec<Node>>,
    /// The distribution line ("Distr.: General"), when the source gives one.
    pub distribution: Option<String>,
    /// The date of the status (adoption, vote), written in the language.
    pub date: Option<String>,
    /// The title with its markup: the title label, with the subject in it
    /// when the label has `{subject}`.
    pub heading: Vec<Node>,
    /// Whether the subject is part of the title rather than a line of its
    /// own.
    pub subject_in_title: bool,
    /// "Eightieth session".
    pub session: Option<String>,
    /// "Agenda item 89".
    pub agenda_item: Option<String>,
    /// "Resolution adopted by the General Assembly on 3 November 2025".
    pub adopted_by: Option<String>,
    /// "[without reference to a Main Committee (A/80/L.7)]".
    pub committee: Option<String>,
}

/// The emblem image, in the template's virtual files.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Emblem {
    /// Virtual path.
    pub path: String,
    /// Alternative text.
    pub alt: String,
}

/// The source file carried inside the PDF.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Attachment {
    /// Name under which it is attached: the source's file name.
    pub name: String,
    /// Virtual path of its bytes.
    pub path: String,
    /// Description shown by PDF readers.
    pub description: String,
}

/// A clause.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ClauseData {
    /// Its label, when numbered.
    pub label: Option<String>,
    /// In a redline, what became of it: `inserted`, `deleted`, `changed`,
    /// `moved-here` or `moved-away`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rev: Option<&'static str>,
    /// Its content.
    pub blocks: Vec<BlockData>,
}

/// A block.
#[derive(Debug, Serialize)]
#[serde(tag = "t", rename_all = "kebab-case")]
pub enum BlockData {
    /// A paragraph.
    Par {
        /// Its content.
        c: Vec<Node>,
        /// In a redline, what became of it.
        #[serde(skip_serializing_if = "Option::is_none")]
        rev: Option<&'static str>,
    },
    /// A heading; `level` counts from 1 for the document title.
    Heading {
        /// Level in the whole document.
        level: u8,
        /// Its content.
        c: Vec<Node>,
        /// In a redline, what became of it.
        #[serde(skip_serializing_if = "Option::is_none")]
        rev: Option<&'static str>,
    },
    /// A list with its labels worked out.
    List {
        /// Introductory text.
        intro: Option<Vec<Node>>,
        /// In a redline, what became of the introductory text.
        #[serde(skip_serializing_if = "Option::is_none")]
        intro_rev: Option<&'static str>,
        /// The items.
        items: Vec<ItemData>,
        /// Text after the items.
        continuation: Option<Vec<Node>>,
        /// In a redline, what became of the text after the items.
        #[serde(skip_serializing_if = "Option::is_none")]
        continuation_rev: Option<&'static str>,
    },
}

/// A list item.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ItemData {
    /// Its label.
    pub label: String,
    /// In a redline, what became of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rev: Option<&'static str>,
    /// Its content.
    pub blocks: Vec<BlockData>,
}

/// An annex.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct AnnexData {
    /// Label line ("Annexe 1").
    pub label: Vec<Node>,
    /// In a redline, what became of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rev: Option<&'static str>,
    /// Title.
    pub title: Option<Vec<Node>>,
    /// Content.
    pub blocks: Vec<BlockData>,
}

/// Inline content.
#[derive(Debug, Serialize)]
#[serde(tag = "t", rename_all = "kebab-case")]
pub enum Node {
    /// Text, printed literally.
    Text {
        /// The characters.
        v: String,
    },
    /// A leading verb and how to set it.
    Verb {
        /// `uppercase`, `small-caps`, `italic`, `bold` or `as-written`.
        how: &'static str,
        /// Its content.
        c: Vec<Node>,
    },
    /// Emphasis.
    Emph {
        /// Its content.
        c: Vec<Node>,
    },
    /// Strong emphasis.
    Strong {
        /// Its content.
        c: Vec<Node>,
    },
    /// Superscript.
    Sup {
        /// Its content.
        c: Vec<Node>,
    },
    /// Subscript.
    Sub {
        /// Its content.
        c: Vec<Node>,
    },
    /// A quotation with its marks.
    Quote {
        /// Opening mark.
        open: String,
        /// Closing mark.
        close: String,
        /// Its content.
        c: Vec<Node>,
    },
    /// A link.
    Link {
        /// Address, if it can be followed.
        href: Option<String>,
        /// Its content.
        c: Vec<Node>,
    },
    /// A footnote.
    Note {
        /// Its mark, when not numbered.
        mark: Option<String>,
        /// Its content.
        c: Vec<Node>,
    },
    /// A line break.
    Br,
    /// In a redline: what only the new version has.
    Ins {
        /// Its content.
        c: Vec<Node>,
    },
    /// In a redline: what only the old version has.
    Del {
        /// Its content.
        c: Vec<Node>,
    },
    /// In a redline: words set otherwise in the old version.
    Restyled {
        /// Its content.
        c: Vec<Node>,
    },
}

/// The template's data for a prepared document; `source_name` is the name
/// the source is attached under.
/// `style` is the document's, or the same style with a setting changed for
/// a second attempt at the layout.
pub fn build(doc: &Prepared<'_>, style: &Style, source_name: &str) -> Data {
    let meta = &doc.meta;
    let head = &doc.head;
    let body = &doc.body;
    let operative: Vec<_> = body.operative.clauses.iter().map(clause).collect();
    Data {
        lang: meta.language.primary(),
        region: meta.language.region(),
        dir: match meta.direction {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        },
        style: style_data(style, &doc.fonts.families),
        document: DocumentData {
            title: meta.title.clone(),
            author: meta.author.clone(),
            description: meta.subject.clone(),
            keywords: meta.keywords.clone(),
        },
        labels: LabelData {
            title: head.title.clone(),
            subject: head.subject_label.clone(),
            page: head
                .page_label
                .iter()
                .map(|p| match p {
                    PagePart::Text(t) => PageNode::Text(t.clone()),
                    PagePart::Page => PageNode::Page,
                    PagePart::Pages => PageNode::Pages,
                })
                .collect(),
            page_digits: if doc.locale.arabic_indic_digits {
                "١"
            } else {
                "1"
            },
        },
        head: HeadData {
            organisation: head.organisation.clone(),
            body: head.body.clone(),
            reference: head.reference.clone(),
            subject: head.subject.as_deref().map(inlines),
            distribution: head.distribution.clone(),
            date: head.date.clone(),
            heading: inlines(&head.heading),
            subject_in_title: head.subject_in_title,
            session: head.session.clone(),
            agenda_item: head.agenda_item.clone(),
            adopted_by: head.adopted_by.clone(),
            committee: head.committee.clone(),
        },
        emblem: doc.emblem.as_ref().map(|e| Emblem {
            path: super::world::emblem_path(&e.file.path),
            alt: e.alt.clone(),
        }),
        attachment: Attachment {
            name: source_name.to_string(),
            path: super::world::SOURCE_PATH.to_string(),
            description: format!("{} ({})", meta.reference, meta.language),
        },
        redline: doc.redline.as_ref().map(|r| RedlineData {
            summary: r.summary.clone(),
        }),
        opening: body.opening.as_ref().map(|p| inlines(&p.content)),
        opening_rev: body.opening.as_ref().and_then(|p| rev(p.revision)),
        preamble: body.preamble.iter().map(clause).collect(),
        operative_numbered: body.operative.labelled(),
        operative,
        closing: body.closing.as_ref().map(|p| inlines(&p.content)),
        closing_rev: body.closing.as_ref().and_then(|p| rev(p.revision)),
        adoption: inlines(&body.adoption.content),
        annexes: body
            .annexes
            .iter()
            .map(|annex| AnnexData {
                label: inlines(&annex.label),
                rev: rev(annex.revision),
                title: annex.title.as_deref().map(inlines),
                // Headings in an annex sit under the annex's own, of level 2.
                blocks: blocks(&annex.blocks, 2),
            })
            .collect(),
    }
}

fn style_data(style: &Style, families: &[&str]) -> StyleData {
    let colour = |c: crate::style::Colour| format!("#{}", c.hex());
    StyleData {
        page_width: style.page.width.pt(),
        page_height: style.page.height.pt(),
        margin_top: style.page.margin_top.pt(),
        margin_bottom: style.page.margin_bottom.pt(),
        margin_start: style.page.margin_start.pt(),
        margin_end: style.page.margin_end.pt(),
        fonts: families.iter().map(|f| f.to_string()).collect(),
        size: style.text.size.pt(),
        leading: style.text.leading(),
        paragraph_spacing: style.text.paragraph_spacing.pt(),
        first_line_indent: style.text.first_line_indent.pt(),
        justify: style.text.justify,
        hyphenate: style.text.hyphenate,
        footnote_size: style.text.footnote_size.pt(),
        footnote_leading: style.text.footnote_leading(),
        text_colour: colour(style.colours.text),
        accent_colour: colour(style.colours.accent),
        muted_colour: colour(style.colours.muted),
        inserted_colour: colour(style.colours.inserted),
        deleted_colour: colour(style.colours.deleted),
        moved_colour: colour(style.colours.moved),
        organisation_size: style.title.organisation_size.pt(),
        organisation_uppercase: style.title.organisation_uppercase,
        organisation_tracking: style.title.organisation_tracking,
        title_size: style.title.size.pt(),
        subject_size: style.title.subject_size.pt(),
        reference_position: match style.title.reference_position {
            crate::style::ReferencePosition::TopEnd => "top-end",
            crate::style::ReferencePosition::BelowTitle => "below-title",
        },
        emblem_height: style.title.emblem_height.pt(),
        title_align: match style.title.align {
            TitleAlign::Center => "center",
            TitleAlign::Start => "start",
        },
        list_indent: style.lists.indent.pt(),
        list_label_width: style.lists.label_width.pt(),
        operative_label_width: style.lists.operative_label_width.pt(),
        running_header: style.running.header,
        running_footer: style.running.footer,
        running_size: style.running.size.pt(),
        adoption_align: side(style.adoption.align),
        adoption_bold: style.adoption.bold,
    }
}

fn side(side: Side) -> &'static str {
    match side {
        Side::Start => "start",
        Side::End => "end",
    }
}

/// The name of a redline's revision, as the template reads it.
fn rev(revision: Option<Revision>) -> Option<&'static str> {
    revision.map(|r| match r {
        Revision::Inserted => "inserted",
        Revision::Deleted => "deleted",
        Revision::Changed => "changed",
        Revision::MovedHere => "moved-here",
        Revision::MovedAway => "moved-away",
    })
}

fn clause(c: &Clause) -> ClauseData {
    ClauseData {
        label: c.label.clone(),
        rev: rev(c.revision),
        // Headings in the text sit under the title, of level 1.
        blocks: blocks(&c.blocks, 1),
    }
}

/// The blocks of a part whose own heading has level `base`.
fn blocks(list: &[Block], base: u8) -> Vec<BlockData> {
    list.iter()
        .map(|block| match block {
            Block::Paragraph(p) => BlockData::Par {
                c: inlines(&p.content),
                rev: rev(p.revision),
            },
            Block::Heading(h) => BlockData::Heading {
                level: base.saturating_add(h.level),
                c: inlines(&h.content),
                rev: rev(h.revision),
            },
            Block::List(list) => BlockData::List {
                intro: list.intro.as_ref().map(|p| inlines(&p.content)),
                intro_rev: list.intro.as_ref().and_then(|p| rev(p.revision)),
                items: list
                    .items
                    .iter()
                    .map(|item| ItemData {
                        label: item.label.clone(),
                        rev: rev(item.revision),
                        blocks: blocks(&item.blocks, base),
                    })
                    .collect(),
                continuation: list.continuation.as_ref().map(|p| inlines(&p.content)),
                continuation_rev: list.continuation.as_ref().and_then(|p| rev(p.revision)),
            },
        })
        .collect()
}

fn inlines(list: &[Inline]) -> Vec<Node> {
    list.iter().map(inline).collect()
}

fn inline(inline: &Inline) -> Node {
    match inline {
        Inline::Text(v) => Node::Text { v: v.clone() },
        Inline::LineBreak => Node::Br,
        Inline::Verb { treatment, content } => Node::Verb {
            how: verb_name(*treatment),
            c: inlines(content),
        },
        Inline::Emphasis(c) => Node::Emph { c: inlines(c) },
        Inline::Strong(c) => Node::Strong { c: inlines(c) },
        Inline::Superscript(c) => Node::Sup { c: inlines(c) },
        Inline::Subscript(c) => Node::Sub { c: inlines(c) },
        Inline::Quote {
            open,
            close,
            content,
        } => Node::Quote {
            open: open.clone(),
            close: close.clone(),
            c: inlines(content),
        },
        Inline::Link { href, content } => Node::Link {
            href: href.as_ref().map(|h| h.as_str().to_string()),
            c: inlines(content),
        },
        Inline::Note(note) => Node::Note {
            mark: note.custom_mark.clone(),
            c: inlines(&note.content),
        },
        Inline::Inserted(c) => Node::Ins { c: inlines(c) },
        Inline::Deleted(c) => Node::Del { c: inlines(c) },
        Inline::Restyled { content, .. } => Node::Restyled {
            c: inlines(content),
        },
    }
}

fn verb_name(v: VerbTreatment) -> &'static str {
    match v {
        VerbTreatment::AsWritten => "as-written",
        VerbTreatment::Uppercase => "uppercase",
        VerbTreatment::SmallCaps => "small-caps",
        VerbTreatment::Italic => "italic",
        VerbTreatment::Bold => "bold",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_style_value_of_the_template_has_its_key() {
        let style = Style::builtin();
        let data = serde_json::to_value(style_data(&style, &["Noto Serif"])).unwrap();
        let fields: std::collections::BTreeSet<String> = data
            .as_object()
            .unwrap()
            .keys()
            .map(|k| format!("style.{k}"))
            .collect();
        let mapped: std::collections::BTreeSet<String> = TEMPLATE_KEYS
            .iter()
            .map(|(_, path)| path.to_string())
            .filter(|p| p.starts_with("style."))
            .collect();
        assert_eq!(fields, mapped);
    }
}
