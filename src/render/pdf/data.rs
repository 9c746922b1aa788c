//! The model and the style as data for the Typst template.
//!
//! The template reads one JSON file (`/data.json`). Every word of the
//! resolution travels in it as a JSON string, so the text is never parsed
//! as Typst markup: `#read(…)`, `*`, `$` or `<label>` in a clause print as
//! written. Everything the template should not have to know is worked out
//! here: labels in the document's language, list and paragraph labels,
//! quotation marks, verb treatment, writing direction, lengths in points.

use serde::Serialize;

use crate::diag::Diagnostic;
use crate::model::{Block, Direction, Inline, Paragraph, Resolution};
use crate::render::text::plain;
use crate::style::{Locale, PageLabelPart, Style, VerbTreatment, page_label_parts};

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
    pub head: Head,
    /// The emblem, when the style has one.
    pub emblem: Option<Emblem>,
    /// The source file attached to the PDF.
    pub attachment: Attachment,
    /// The enacting formula.
    pub opening: Option<Vec<Node>>,
    /// Preamble clauses.
    pub preamble: Vec<ClauseData>,
    /// Operative clauses.
    pub operative: Vec<ClauseData>,
    /// Whether operative clauses carry labels (numbered paragraphs).
    pub operative_numbered: bool,
    /// Text after the operative part.
    pub closing: Option<Vec<Node>>,
    /// The adoption line.
    pub adoption: Vec<Node>,
    /// Annexes.
    pub annexes: Vec<AnnexData>,
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
    /// Line height as a multiple of the size.
    pub line_height: f64,
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
    /// Body text colour, `#rrggbb`.
    pub text_colour: String,
    /// Accent colour.
    pub accent_colour: String,
    /// Muted colour.
    pub muted_colour: String,
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
    pub page: Vec<PagePart>,
    /// Numbering pattern of page numbers (`1` or `١`).
    pub page_digits: &'static str,
}

/// A piece of the page label: text, or the page number, or the page count.
#[derive(Debug, Serialize)]
#[serde(tag = "t", content = "v", rename_all = "kebab-case")]
pub enum PagePart {
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
pub struct Head {
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
    },
    /// A heading; `level` counts from 1 for the document title.
    Heading {
        /// Level in the whole document.
        level: u8,
        /// Its content.
        c: Vec<Node>,
    },
    /// A list with its labels worked out.
    List {
        /// Introductory text.
        intro: Option<Vec<Node>>,
        /// The items.
        items: Vec<ItemData>,
        /// Text after the items.
        continuation: Option<Vec<Node>>,
    },
}

/// A list item.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ItemData {
    /// Its label.
    pub label: String,
    /// Its content.
    pub blocks: Vec<BlockData>,
}

/// An annex.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct AnnexData {
    /// Label line ("Annexe 1").
    pub label: Vec<Node>,
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
}

/// Builds the template's data for a resolution, with warnings for content
/// that had to be adapted to print.
pub fn build(res: &Resolution, style: &Style, source_name: &str) -> (Data, Vec<Diagnostic>) {
    let locale = style.locale(&res.meta.language);
    let meta = &res.meta;
    let mut b = Builder {
        locale,
        verbs: VerbTreatment::AsWritten,
        warnings: Vec::new(),
        note_depth: 0,
        base_heading: 1,
        last_heading: 1,
    };

    let title = locale.labels.title_for(&meta.number.0);
    let subject_text = meta.subject.as_ref().map(|p| plain(&p.content, locale));
    let doc_title = match &subject_text {
        Some(s) if !s.trim().is_empty() => format!("{title} – {}", s.trim()),
        _ => title.clone(),
    };
    let mut keywords = vec![meta.reference.0.clone()];
    keywords.extend(
        meta.keywords
            .iter()
            .filter(|k| !keywords.contains(k))
            .cloned()
            .collect::<Vec<_>>(),
    );

    let direction = meta.language.direction();
    let lang = meta.language.primary();
    let region = meta
        .language
        .0
        .split(['-', '_'])
        .nth(1)
        .filter(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_ascii_uppercase);

    let head = Head {
        organisation: meta.organisation.name.clone(),
        body: meta.body.clone(),
        reference: meta.reference.0.clone(),
        subject: meta.subject.as_ref().map(|p| b.inlines(&p.content)),
        distribution: meta
            .distribution
            .as_ref()
            .map(|d| locale.labels.distribution.replace("{distribution}", d)),
        date: meta.status.date.map(|d| locale.format_date(d)),
    };
    let opening = res.opening.as_ref().map(|p| b.inlines(&p.content));

    b.verbs = style.verbs.preamble;
    let preamble = res
        .preamble
        .iter()
        .map(|c| ClauseData {
            label: c.label.clone(),
            blocks: b.blocks(&c.blocks, 0),
        })
        .collect();

    b.verbs = style.verbs.operative;
    let operative: Vec<_> = res
        .operative
        .clauses
        .iter()
        .enumerate()
        .map(|(i, c)| ClauseData {
            label: res.operative.label(i),
            blocks: b.blocks(&c.blocks, 0),
        })
        .collect();
    let operative_numbered = operative.iter().any(|c| c.label.is_some());

    b.verbs = VerbTreatment::AsWritten;
    let closing = res.closing.as_ref().map(|p| b.inlines(&p.content));
    let adoption = match &res.adoption {
        Some(p) => b.inlines(&p.content),
        None => vec![Node::Text {
            v: locale.labels.status(meta.status.kind).to_string(),
        }],
    };

    let many = res.annexes.len() > 1;
    let annexes = res
        .annexes
        .iter()
        .enumerate()
        .map(|(i, annex)| {
            // Headings in an annex sit under the annex's own, of level 2.
            b.base_heading = 2;
            b.last_heading = 2;
            let label = match &annex.label {
                Some(p) => b.inlines(&p.content),
                None if many => text(format!("{} {}", locale.labels.annex, i + 1)),
                None => text(locale.labels.annex.clone()),
            };
            AnnexData {
                label,
                title: annex.title.as_ref().map(|p| b.inlines(&p.content)),
                blocks: b.blocks(&annex.blocks, 0),
            }
        })
        .collect();

    let emblem = style.emblem.as_ref().map(|e| Emblem {
        path: super::world::emblem_path(&e.path),
        alt: meta.organisation.name.clone(),
    });

    let data = Data {
        lang,
        region,
        dir: match direction {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        },
        style: style_data(style, &meta.language),
        document: DocumentData {
            title: doc_title,
            author: meta.organisation.name.clone(),
            description: subject_text.filter(|s| !s.trim().is_empty()),
            keywords,
        },
        labels: LabelData {
            title,
            subject: locale.labels.subject.clone(),
            page: page_parts(&locale.labels.page),
            page_digits: if locale.arabic_indic_digits {
                "١"
            } else {
                "1"
            },
        },
        head,
        emblem,
        attachment: Attachment {
            name: source_name.to_string(),
            path: super::world::SOURCE_PATH.to_string(),
            description: format!("{} ({})", meta.reference, meta.language),
        },
        opening,
        preamble,
        operative,
        operative_numbered,
        closing,
        adoption,
        annexes,
    };
    (data, b.warnings)
}

fn text(v: String) -> Vec<Node> {
    vec![Node::Text { v }]
}

fn style_data(style: &Style, lang: &crate::model::Language) -> StyleData {
    let main = style.fonts.family_for(lang).to_string();
    let mut fonts = vec![main];
    for family in [&style.fonts.body, &style.fonts.arabic]
        .into_iter()
        .chain(&style.fonts.fallback)
    {
        if !fonts.contains(family) {
            fonts.push(family.clone());
        }
    }
    let colour = |c: crate::style::Colour| format!("#{}", c.hex());
    StyleData {
        page_width: style.page.width.pt(),
        page_height: style.page.height.pt(),
        margin_top: style.page.margin_top.pt(),
        margin_bottom: style.page.margin_bottom.pt(),
        margin_start: style.page.margin_start.pt(),
        margin_end: style.page.margin_end.pt(),
        fonts,
        size: style.text.size.pt(),
        line_height: style.text.line_height,
        paragraph_spacing: style.text.paragraph_spacing.pt(),
        first_line_indent: style.text.first_line_indent.pt(),
        justify: style.text.justify,
        hyphenate: style.text.hyphenate,
        footnote_size: style.text.footnote_size.pt(),
        text_colour: colour(style.colours.text),
        accent_colour: colour(style.colours.accent),
        muted_colour: colour(style.colours.muted),
        organisation_size: style.title.organisation_size.pt(),
        organisation_uppercase: style.title.organisation_uppercase,
        organisation_tracking: style.title.organisation_tracking,
        title_size: style.title.size.pt(),
        subject_size: style.title.subject_size.pt(),
        reference_position: match style.title.reference_position {
            crate::style::ReferencePosition::TopEnd => "top-end",
            crate::style::ReferencePosition::BelowTitle => "below-title",
        },
        list_indent: style.lists.indent.pt(),
        list_label_width: style.lists.label_width.pt(),
        operative_label_width: style.lists.operative_label_width.pt(),
        running_header: style.running.header,
        running_footer: style.running.footer,
        running_size: style.running.size.pt(),
    }
}

/// The page label as the template's parts (the locale splits it), with
/// neighbouring text merged.
fn page_parts(pattern: &str) -> Vec<PagePart> {
    let mut parts = Vec::new();
    for part in page_label_parts(pattern) {
        match part {
            PageLabelPart::Text(text) => push_text(&mut parts, text),
            PageLabelPart::Page => parts.push(PagePart::Page),
            PageLabelPart::Pages => parts.push(PagePart::Pages),
        }
    }
    parts
}

fn push_text(parts: &mut Vec<PagePart>, text: &str) {
    if text.is_empty() {
        return;
    }
    match parts.last_mut() {
        Some(PagePart::Text(t)) => t.push_str(text),
        _ => parts.push(PagePart::Text(text.to_string())),
    }
}

struct Builder<'a> {
    locale: &'a Locale,
    verbs: VerbTreatment,
    warnings: Vec<Diagnostic>,
    /// How many footnotes enclose the inlines being converted.
    note_depth: usize,
    /// Level of the heading that encloses the part being converted: the
    /// title (1) or an annex's heading (2).
    base_heading: u8,
    /// Level of the last heading, so that levels never skip (PDF/UA).
    last_heading: u8,
}

impl Builder<'_> {
    fn blocks(&mut self, blocks: &[Block], depth: usize) -> Vec<BlockData> {
        blocks
            .iter()
            .map(|block| self.block(block, depth))
            .collect()
    }

    fn block(&mut self, block: &Block, depth: usize) -> BlockData {
        match block {
            Block::Paragraph(p) => BlockData::Par {
                c: self.inlines(&p.content),
            },
            Block::Heading(h) => {
                let wanted = self.base_heading.saturating_add(h.level.max(1));
                let level = wanted.min(self.last_heading + 1);
                if level != wanted {
                    self.warnings.push(
                        Diagnostic::warning(format!(
                            "this heading of level {} skips a level; it is printed at level {}",
                            h.level,
                            level - self.base_heading
                        ))
                        .at(h.span)
                        .with_hint("headings must not skip levels, so that assistive technology can navigate them"),
                    );
                }
                self.last_heading = level;
                BlockData::Heading {
                    level,
                    c: self.inlines(&h.content),
                }
            }
            Block::List(list) => {
                let items = list
                    .items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| ItemData {
                        label: list.label(i),
                        blocks: self.blocks(&item.blocks, depth + 1),
                    })
                    .collect();
                BlockData::List {
                    intro: list.intro.as_ref().map(|p| self.paragraph(p)),
                    items,
                    continuation: list.continuation.as_ref().map(|p| self.paragraph(p)),
                }
            }
        }
    }

    fn paragraph(&mut self, p: &Paragraph) -> Vec<Node> {
        self.inlines(&p.content)
    }

    fn inlines(&mut self, inlines: &[Inline]) -> Vec<Node> {
        self.inlines_at(inlines, 0)
    }

    fn inlines_at(&mut self, inlines: &[Inline], quotes: usize) -> Vec<Node> {
        inlines
            .iter()
            .map(|inline| self.inline(inline, quotes))
            .collect()
    }

    fn inline(&mut self, inline: &Inline, quotes: usize) -> Node {
        match inline {
            Inline::Text(v) => Node::Text { v: v.clone() },
            Inline::LineBreak => Node::Br,
            Inline::Verb(c) => Node::Verb {
                how: verb_name(self.verbs),
                c: self.inlines_at(c, quotes),
            },
            Inline::Emphasis(c) => Node::Emph {
                c: self.inlines_at(c, quotes),
            },
            Inline::Strong(c) => Node::Strong {
                c: self.inlines_at(c, quotes),
            },
            Inline::Superscript(c) => Node::Sup {
                c: self.inlines_at(c, quotes),
            },
            Inline::Subscript(c) => Node::Sub {
                c: self.inlines_at(c, quotes),
            },
            Inline::Quote(c) => {
                let q = &self.locale.quotes;
                let (open, close) = if quotes % 2 == 0 {
                    (q.open.clone(), q.close.clone())
                } else {
                    (q.inner_open.clone(), q.inner_close.clone())
                };
                Node::Quote {
                    open,
                    close,
                    c: self.inlines_at(c, quotes + 1),
                }
            }
            Inline::Link(link) => Node::Link {
                href: link.href.clone().filter(|h| followable(h)),
                c: self.inlines_at(&link.content, quotes),
            },
            Inline::Footnote(note) => {
                if self.note_depth > 0 {
                    // A note cannot anchor inside another note's text on a
                    // printed page; keep its words, in parentheses.
                    self.warnings.push(
                        Diagnostic::warning(
                            "a footnote inside a footnote is printed in parentheses",
                        )
                        .at(note.span)
                        .with_hint("move the inner note's text into the outer note"),
                    );
                    let mut c = vec![Node::Text { v: " (".into() }];
                    c.extend(self.inlines_at(&note.content, quotes));
                    c.push(Node::Text { v: ")".into() });
                    return Node::Emph { c };
                }
                self.note_depth += 1;
                let c = self.inlines_at(&note.content, 0);
                self.note_depth -= 1;
                Node::Note {
                    mark: note.mark.clone(),
                    c,
                }
            }
        }
    }
}

/// Whether a link address is one a PDF reader may open: web and mail
/// addresses only, so that a source cannot plant other actions.
fn followable(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p))
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
    fn page_label_is_split_around_placeholders() {
        let parts = page_parts("page {page} / {pages}");
        let json = serde_json::to_string(&parts).unwrap();
        assert_eq!(
            json,
            r#"[{"t":"text","v":"page "},{"t":"page"},{"t":"text","v":" / "},{"t":"pages"}]"#
        );
        let parts = page_parts("{pages}{page}");
        assert_eq!(
            serde_json::to_string(&parts).unwrap(),
            r#"[{"t":"pages"},{"t":"page"}]"#
        );
        let parts = page_parts("{x} {page}");
        assert_eq!(
            serde_json::to_string(&parts).unwrap(),
            r#"[{"t":"text","v":"{x} "},{"t":"page"}]"#
        );
    }

    #[test]
    fn only_web_and_mail_links_are_followable() {
        assert!(followable("https://www.interpol.int"));
        assert!(followable("mailto:a@b.c"));
        assert!(!followable("javascript:alert(1)"));
        assert!(!followable("file:///etc/passwd"));
    }
}
