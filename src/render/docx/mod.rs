//! DOCX (ISO/IEC 29500 transitional), for correspondence.
//!
//! A resolution is attached to letters and opened in Word or LibreOffice,
//! quoted, edited and pasted from, so the file must keep looking right
//! when edited: named styles from the house style ([`styles`]), real Word
//! numbering ([`numbering`]), live page fields ([`header`]) and the house
//! fonts embedded ([`fonts`]). The package is built from scratch
//! ([`package`]) and zipped with fixed timestamps, so two builds of the
//! same source give the same bytes.
//!
//! The emblem is in the title block ([`emblem`]), as a PNG drawn from the
//! style's SVG with the SVG alongside for Word.

mod document;
mod emblem;
mod fonts;
mod geometry;
mod header;
mod numbering;
pub(crate) mod obfuscation;
mod package;
mod settings;
mod styles;
mod theme;
mod xml;

use std::collections::BTreeSet;

use crate::diag::{DiagResult, Diagnostic, Warned};
use crate::model::Direction;

use super::Writer;
use super::prepare::Prepared;
use super::zip::{ZipBuilder, ZipError};
use document::{EmblemRef, Section};
use geometry::{Geometry, TitleContent};
use numbering::{Level, Numbering, representable};
use package::{CoreProperties, Part, Relationships, content_type as ct, rel};
use styles::OperativeLayout;

pub use obfuscation::obfuscate;

/// Writes DOCX.
#[derive(Debug, Clone, Copy, Default)]
pub struct DocxWriter;

impl Writer for DocxWriter {
    fn render(&self, doc: &Prepared<'_>) -> DiagResult<Warned<Vec<u8>>> {
        let parts = parts(doc)?;
        let output = zip(&parts, doc.timestamp).map_err(|e| {
            vec![
                Diagnostic::error(format!("cannot assemble the DOCX package: {e}"))
                    .with_hint("this is a bug in respub; please report it with the source file"),
            ]
        })?;
        Ok(Warned {
            output,
            warnings: Vec::new(),
        })
    }
}

/// The language of the text as Word tags it, its direction, and the
/// characters its complex-script font lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lang {
    /// A language tag with a region, as Word's proofing tools expect
    /// (`fr-FR`, `ar-SA`).
    pub tag: String,
    /// Whether the text runs right to left.
    pub rtl: bool,
    /// The family Word sets complex-script text in: the document's own
    /// for right-to-left text, else the style's first script family.
    pub cs_font: String,
    /// For right-to-left text: the characters the complex-script font
    /// covers, and the font that sets the others.
    pub cs_fallback: Option<CsFallback>,
}

/// What the complex-script font covers. The Arabic house font has no
/// Latin letters, parentheses or slashes; left to itself, Word or
/// LibreOffice would set them in whatever font the reader's machine has,
/// so they are set in the body font, as the PDF sets them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsFallback {
    /// Characters the complex-script font has.
    pub covered: BTreeSet<char>,
    /// The family that sets the others.
    pub font: String,
}

impl CsFallback {
    /// Whether `c` needs the fallback font.
    pub fn needs(&self, c: char) -> bool {
        !c.is_whitespace() && !self.covered.contains(&c)
    }
}

impl Lang {
    /// The language of `doc`, set in its style's fonts.
    pub fn of(doc: &Prepared<'_>) -> Self {
        let style = doc.style;
        let rtl = doc.meta.direction == Direction::Rtl;
        let cs_font = if rtl {
            doc.fonts.main
        } else {
            style
                .fonts
                .scripts
                .values()
                .next()
                .unwrap_or(&style.fonts.body)
        };
        let mut lang = Lang {
            tag: doc.meta.word_language.clone(),
            rtl,
            cs_font: cs_font.to_string(),
            cs_fallback: None,
        };
        if rtl {
            let family = doc.fonts.main;
            let regular = style
                .fonts
                .files
                .iter()
                .filter(|f| f.family == family)
                .min_by_key(|f| (f.bold, f.italic));
            if let Some(face) = regular.and_then(|f| ttf_parser::Face::parse(&f.data, 0).ok()) {
                let mut covered = BTreeSet::new();
                if let Some(cmap) = face.tables().cmap {
                    for table in cmap.subtables.into_iter().filter(|t| t.is_unicode()) {
                        table.codepoints(|cp| {
                            if let Some(c) = char::from_u32(cp) {
                                covered.insert(c);
                            }
                        });
                    }
                }
                lang.cs_fallback = Some(CsFallback {
                    covered,
                    font: style.fonts.body.clone(),
                });
            }
        }
        lang
    }
}

/// Every part of the package, in the order they are zipped.
fn parts(doc: &Prepared<'_>) -> DiagResult<Vec<Part>> {
    let style = doc.style;
    let lang = Lang::of(doc);
    let geometry = Geometry::new(style, doc.fonts.main, TitleContent::of(doc));

    let mut rels = Relationships::new();
    rels.add(rel::STYLES, "styles.xml");
    rels.add(rel::SETTINGS, "settings.xml");
    rels.add(rel::FONT_TABLE, "fontTable.xml");
    rels.add(rel::NUMBERING, "numbering.xml");
    rels.add(rel::FOOTNOTES, "footnotes.xml");
    rels.add(rel::THEME, "theme/theme1.xml");
    let mut running = Vec::new();
    let mut section = Section::default();
    if style.running.header {
        section.header = Some(rels.add(rel::HEADER, "header1.xml"));
        section.first_header = Some(rels.add(rel::HEADER, "header2.xml"));
        running.push(Part::new(
            "word/header1.xml",
            ct::HEADER,
            header::header(doc, &lang),
        ));
        running.push(Part::new(
            "word/header2.xml",
            ct::HEADER,
            header::empty_header(),
        ));
    }
    if style.running.footer {
        let footer = header::footer(doc, &lang);
        section.footer = Some(rels.add(rel::FOOTER, "footer1.xml"));
        running.push(Part::new("word/footer1.xml", ct::FOOTER, footer.clone()));
        if section.first_header.is_some() {
            section.first_footer = Some(rels.add(rel::FOOTER, "footer2.xml"));
            running.push(Part::new("word/footer2.xml", ct::FOOTER, footer));
        }
    }

    let mut media = Vec::new();
    let emblem = match &doc.emblem {
        Some(e) => {
            let image = emblem::images(e, style.title.emblem_height.pt()).map_err(|message| {
                vec![Diagnostic::error(message).with_hint("check the style's `emblem` file")]
            })?;
            let png = rels.add(rel::IMAGE, "media/emblem.png");
            media.push(Part::by_extension(
                "word/media/emblem.png",
                image.png.to_vec(),
            ));
            let svg = image.svg.clone().map(|svg| {
                media.push(Part::by_extension("word/media/emblem.svg", svg));
                rels.add(rel::IMAGE, "media/emblem.svg")
            });
            Some(EmblemRef { image, png, svg })
        }
        None => None,
    };

    let mut numbering = Numbering::new();
    let operative = operative_layout(doc, &mut numbering);
    let written = document::write(
        doc, &lang, &geometry, numbering, rels, operative, &section, emblem,
    );

    // A DOCX is edited: every face of the families the text uses is
    // embedded, so italics typed by a recipient are in the house font too.
    let faces: Vec<_> = style
        .fonts
        .files
        .iter()
        .filter(|f| doc.fonts.uses(&f.family))
        .collect();
    let fonts = fonts::font_table(&style.fonts, &faces);

    let meta = &doc.meta;
    let core = CoreProperties {
        title: meta.title.clone(),
        subject: meta.subject.clone(),
        description: meta.subject.clone(),
        creator: meta.author.clone(),
        keywords: meta.keywords.clone(),
        identifier: meta.identifier.clone(),
        language: meta.language.as_str().to_string(),
        timestamp: doc.timestamp,
    };

    let mut root_rels = Relationships::new();
    root_rels.add(rel::OFFICE_DOCUMENT, "word/document.xml");
    root_rels.add(rel::CORE_PROPERTIES, "docProps/core.xml");
    root_rels.add(rel::EXTENDED_PROPERTIES, "docProps/app.xml");
    root_rels.add(rel::CUSTOM_PROPERTIES, "docProps/custom.xml");
    // What the body does not show travels in the document properties, so
    // that the DOCX, edited and sent back, reads as its source.
    let model = &doc.resolution.meta;
    let custom = crate::docx_meta::properties(
        model.language.as_str(),
        &crate::render::xml::meta_xml(model),
    );

    let mut parts = vec![
        Part::by_extension("_rels/.rels", root_rels.to_xml()),
        Part::new(
            "docProps/core.xml",
            ct::CORE,
            package::core_properties(&core),
        ),
        Part::new(
            "docProps/app.xml",
            ct::EXTENDED,
            package::app_properties(&meta.author),
        ),
        Part::new(
            "docProps/custom.xml",
            ct::CUSTOM,
            package::custom_properties(&custom),
        ),
        Part::new("word/document.xml", ct::DOCUMENT, written.document),
        Part::by_extension("word/_rels/document.xml.rels", written.rels.to_xml()),
        Part::new(
            "word/styles.xml",
            ct::STYLES,
            styles::styles_xml(style, &lang, &geometry, operative),
        ),
        Part::new(
            "word/numbering.xml",
            ct::NUMBERING,
            written.numbering.to_xml(style, doc.locale, &meta.reference),
        ),
        Part::new(
            "word/settings.xml",
            ct::SETTINGS,
            settings::settings_xml(style, &lang),
        ),
        Part::new("word/fontTable.xml", ct::FONT_TABLE, fonts.table),
        Part::new("word/footnotes.xml", ct::FOOTNOTES, written.footnotes),
        Part::new(
            "word/theme/theme1.xml",
            ct::THEME,
            theme::theme_xml(style, &lang),
        ),
    ];
    if !written.note_rels.is_empty() {
        parts.push(Part::by_extension(
            "word/_rels/footnotes.xml.rels",
            written.note_rels.to_xml(),
        ));
    }
    parts.extend(running);
    parts.extend(media);
    if let Some(font_rels) = fonts.rels {
        parts.push(Part::by_extension(
            "word/_rels/fontTable.xml.rels",
            font_rels,
        ));
    }
    parts.extend(fonts.fonts);

    let defaults = [
        ("rels", ct::RELATIONSHIPS),
        ("xml", ct::XML),
        ("odttf", ct::OBFUSCATED_FONT),
        ("png", ct::PNG),
        ("svg", ct::SVG),
    ];
    let types = Part::by_extension(
        "[Content_Types].xml",
        package::content_types(&parts, &defaults),
    );
    parts.insert(0, types);
    Ok(parts)
}

/// Whether Word numbers the operative clauses, and whether they carry
/// labels at all. Word numbers them when the part has a numbering and no
/// clause overrides its label ("1 bis."); otherwise the labels are typed.
fn operative_layout(doc: &Prepared<'_>, numbering: &mut Numbering) -> OperativeLayout {
    let operative = &doc.body.operative;
    let labelled = operative.labelled();
    let num = match &operative.pattern {
        Some(pattern)
            if operative.regular && representable(pattern) && !operative.clauses.is_empty() =>
        {
            let width = doc.style.lists.operative_label_width.twips();
            let num = numbering.new_list(width, Some(styles::id::OPERATIVE));
            numbering.define(
                num,
                0,
                Level {
                    pattern: pattern.clone(),
                    start: 1,
                    left: width,
                    hanging: width,
                },
            );
            Some(num)
        }
        _ => None,
    };
    OperativeLayout { labelled, num }
}

/// Zips `parts` with every entry dated `timestamp` (clamped to the years
/// a zip can record, 1980–2107) and the same permissions.
fn zip(parts: &[Part], timestamp: i64) -> Result<Vec<u8>, ZipError> {
    let mut zip = ZipBuilder::new(timestamp);
    for part in parts {
        zip.deflated(&part.name, &part.content)?;
    }
    zip.finish()
}
