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
//! The emblem is left out: Word needs a bitmap fallback for SVG images,
//! and the letterhead of a covering letter carries it anyway.

mod document;
mod fonts;
mod header;
mod numbering;
mod package;
mod settings;
mod styles;
mod theme;
mod xml;

use std::collections::BTreeSet;

use crate::diag::{DiagResult, Diagnostic, Warned};
use crate::model::{Language, Resolution};
use crate::render::text::plain;
use crate::style::Style;

use super::zip::{ZipBuilder, ZipError};
use super::{Document, RenderOptions, Writer};
use document::Section;
use numbering::{Level, Numbering, representable};
use package::{CoreProperties, Part, Relationships, content_type as ct, rel};
use styles::OperativeLayout;

pub use fonts::obfuscate;

/// Writes DOCX.
#[derive(Debug, Clone, Copy, Default)]
pub struct DocxWriter;

impl Writer for DocxWriter {
    fn render(
        &self,
        doc: Document<'_>,
        style: &Style,
        options: &RenderOptions,
    ) -> DiagResult<Warned<Vec<u8>>> {
        let (parts, warnings) = parts(doc.resolution, style, options);
        let output = zip(&parts, options.timestamp).map_err(|e| {
            vec![
                Diagnostic::error(format!("cannot assemble the DOCX package: {e}"))
                    .with_hint("this is a bug in respub; please report it with the source file"),
            ]
        })?;
        Ok(Warned { output, warnings })
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
    /// The Word tag for `language`: tags with a region are kept; a bare
    /// language gets the region whose conventions the organisations use.
    pub fn of(language: &Language) -> Self {
        let raw = language.as_str().replace('_', "-");
        let tag = if raw.contains('-') {
            raw
        } else {
            match language.primary().as_str() {
                "fr" => "fr-FR".into(),
                "en" => "en-GB".into(),
                "es" => "es-ES".into(),
                "ar" => "ar-SA".into(),
                "ru" => "ru-RU".into(),
                "zh" => "zh-CN".into(),
                "pt" => "pt-PT".into(),
                "de" => "de-DE".into(),
                other => other.to_string(),
            }
        };
        Lang {
            tag,
            rtl: language.direction() == crate::model::Direction::Rtl,
            cs_fallback: None,
        }
    }

    /// The language of `language` set in `style`'s fonts.
    pub fn in_style(language: &Language, style: &Style) -> Self {
        let mut lang = Lang::of(language);
        if lang.rtl {
            let regular = style
                .fonts
                .files
                .iter()
                .filter(|f| f.family == style.fonts.arabic)
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
fn parts(res: &Resolution, style: &Style, options: &RenderOptions) -> (Vec<Part>, Vec<Diagnostic>) {
    let lang = Lang::in_style(&res.meta.language, style);
    let locale = style.locale(&res.meta.language);

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
            header::header(res, locale, style, &lang),
        ));
        running.push(Part::new(
            "word/header2.xml",
            ct::HEADER,
            header::empty_header(),
        ));
    }
    if style.running.footer {
        let footer = header::footer(res, locale, &lang);
        section.footer = Some(rels.add(rel::FOOTER, "footer1.xml"));
        running.push(Part::new("word/footer1.xml", ct::FOOTER, footer.clone()));
        if section.first_header.is_some() {
            section.first_footer = Some(rels.add(rel::FOOTER, "footer2.xml"));
            running.push(Part::new("word/footer2.xml", ct::FOOTER, footer));
        }
    }

    let mut numbering = Numbering::new();
    let operative = operative_layout(res, style, &mut numbering);
    let written = document::write(
        res, style, locale, &lang, numbering, rels, operative, &section,
    );

    let mut families = vec![style.fonts.body.as_str()];
    if written.uses_arabic && style.fonts.arabic != style.fonts.body {
        families.push(style.fonts.arabic.as_str());
    }
    let fonts = fonts::font_table(&style.fonts, &families);

    let title = locale.labels.title_for(&res.meta.number.0);
    let subject = res.meta.subject.as_ref().map(|s| plain(&s.content, locale));
    let core = CoreProperties {
        description: subject.as_ref().map(|s| format!("{title} — {s}")),
        title,
        subject,
        creator: res.meta.organisation.name.clone(),
        keywords: res.meta.keywords.clone(),
        identifier: res.meta.reference.0.clone(),
        language: lang.tag.clone(),
        timestamp: options.timestamp,
    };

    let mut root_rels = Relationships::new();
    root_rels.add(rel::OFFICE_DOCUMENT, "word/document.xml");
    root_rels.add(rel::CORE_PROPERTIES, "docProps/core.xml");
    root_rels.add(rel::EXTENDED_PROPERTIES, "docProps/app.xml");

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
            package::app_properties(&res.meta.organisation.name),
        ),
        Part::new("word/document.xml", ct::DOCUMENT, written.document),
        Part::by_extension("word/_rels/document.xml.rels", written.rels.to_xml()),
        Part::new(
            "word/styles.xml",
            ct::STYLES,
            styles::styles_xml(style, &lang, operative),
        ),
        Part::new(
            "word/numbering.xml",
            ct::NUMBERING,
            written
                .numbering
                .to_xml(style, locale, res.meta.reference.as_str()),
        ),
        Part::new(
            "word/settings.xml",
            ct::SETTINGS,
            settings::settings_xml(style, &lang),
        ),
        Part::new("word/fontTable.xml", ct::FONT_TABLE, fonts.table),
        Part::new("word/footnotes.xml", ct::FOOTNOTES, written.footnotes),
        Part::new("word/theme/theme1.xml", ct::THEME, theme::theme_xml(style)),
    ];
    if !written.note_rels.is_empty() {
        parts.push(Part::by_extension(
            "word/_rels/footnotes.xml.rels",
            written.note_rels.to_xml(),
        ));
    }
    parts.extend(running);
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
    ];
    let types = Part::by_extension(
        "[Content_Types].xml",
        package::content_types(&parts, &defaults),
    );
    parts.insert(0, types);
    (parts, written.warnings)
}

/// Whether Word numbers the operative clauses, and whether they carry
/// labels at all. Word numbers them when the part has a numbering and no
/// clause overrides its label ("1 bis."); otherwise the labels are typed.
fn operative_layout(res: &Resolution, style: &Style, numbering: &mut Numbering) -> OperativeLayout {
    let operative = &res.operative;
    let labelled =
        operative.numbering.is_some() || operative.clauses.iter().any(|c| c.label.is_some());
    let regular = operative.clauses.iter().all(|c| c.label.is_none());
    let num = match &operative.numbering {
        Some(pattern) if regular && representable(pattern) && !operative.clauses.is_empty() => {
            let width = style.lists.operative_label_width.twips();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_language_tags() {
        assert_eq!(Lang::of(&Language("fr".into())).tag, "fr-FR");
        assert_eq!(Lang::of(&Language("fr-CH".into())).tag, "fr-CH");
        let ar = Lang::of(&Language("ar".into()));
        assert!(ar.rtl);
        assert_eq!(ar.tag, "ar-SA");
    }
}
