//! The package document (`package.opf`): what the book is (metadata,
//! including its accessibility), what it holds (manifest) and in which
//! order it is read (spine); and `META-INF/container.xml`, which points to
//! it.

use crate::model::Resolution;
use crate::render::text::plain;
use crate::style::Style;

use super::xhtml::{ContentDoc, title};
use super::xml::Xml;
use super::{CSS, EmbeddedFont, NAV, dir};
use crate::render::time::w3cdtf;

/// `META-INF/container.xml`, naming the package document at `opf`.
pub(super) fn container(opf: &str) -> Vec<u8> {
    let mut xml = Xml::new();
    xml.start(
        "container",
        &[
            ("version", "1.0"),
            ("xmlns", "urn:oasis:names:tc:opendocument:xmlns:container"),
        ],
    );
    xml.newline();
    xml.start("rootfiles", &[]);
    xml.newline();
    xml.empty(
        "rootfile",
        &[
            ("full-path", opf),
            ("media-type", "application/oebps-package+xml"),
        ],
    );
    xml.newline();
    xml.end("rootfiles");
    xml.newline();
    xml.end("container");
    xml.finish()
}

/// The book's identifier: a URN made from the organisation's reference and
/// the language, so that every build of a resolution in a language carries
/// the same one, and each language edition its own.
pub(super) fn identifier(res: &Resolution) -> String {
    let slug = res.meta.reference.slug();
    let slug = if slug.is_empty() {
        "resolution".to_string()
    } else {
        slug
    };
    format!(
        "urn:respub:{slug}:{}",
        res.meta.language.as_str().to_ascii_lowercase()
    )
}

/// The accessibility features the content documents provide; each is true
/// of every book this writer makes:
///
/// - `structuralNavigation`: the title is a heading, parts are sections,
///   lists are lists;
/// - `tableOfContents`: the navigation document;
/// - `readingOrder`: the markup is in reading order (notes follow the text
///   they belong to, and link back to it);
/// - `displayTransformability`: sizes are relative and nothing is an image
///   of text, so readers can change fonts, sizes and colours.
const FEATURES: [&str; 4] = [
    "structuralNavigation",
    "tableOfContents",
    "readingOrder",
    "displayTransformability",
];

/// The package document.
pub(super) fn package_document(
    res: &Resolution,
    style: &Style,
    timestamp: i64,
    docs: &[ContentDoc],
    fonts: &[EmbeddedFont<'_>],
) -> Vec<u8> {
    let meta = &res.meta;
    let locale = style.locale(&meta.language);
    let lang = meta.language.as_str();
    let title = title(res, locale);
    let mut xml = Xml::new();
    xml.start(
        "package",
        &[
            ("xmlns", "http://www.idpf.org/2007/opf"),
            ("version", "3.0"),
            ("unique-identifier", "pub-id"),
            ("xml:lang", lang),
            ("dir", dir(&meta.language)),
        ],
    );
    xml.newline();

    xml.start(
        "metadata",
        &[("xmlns:dc", "http://purl.org/dc/elements/1.1/")],
    );
    xml.newline();
    let line = |xml: &mut Xml, name: &str, attrs: &[(&str, &str)], text: &str| {
        xml.leaf(name, attrs, text);
        xml.newline();
    };
    line(
        &mut xml,
        "dc:identifier",
        &[("id", "pub-id")],
        &identifier(res),
    );
    if !meta.reference.0.trim().is_empty() {
        line(
            &mut xml,
            "dc:identifier",
            &[("id", "reference")],
            meta.reference.as_str(),
        );
    }
    line(&mut xml, "dc:title", &[("id", "title")], &title);
    line(&mut xml, "dc:language", &[], lang);
    if let Some(body) = &meta.body {
        line(&mut xml, "dc:creator", &[], body);
    }
    if !meta.organisation.name.trim().is_empty() {
        line(&mut xml, "dc:publisher", &[], &meta.organisation.name);
    }
    if let Some(subject) = &meta.subject {
        line(
            &mut xml,
            "dc:subject",
            &[],
            &plain(&subject.content, locale),
        );
    }
    for keyword in meta.keywords.iter().filter(|k| !k.trim().is_empty()) {
        line(&mut xml, "dc:subject", &[], keyword);
    }
    let date = meta
        .status
        .date
        .or_else(|| meta.session.as_ref().and_then(|s| s.end.or(s.start)));
    if let Some(date) = date {
        line(&mut xml, "dc:date", &[], &date.to_string());
    }
    line(
        &mut xml,
        "meta",
        &[("property", "dcterms:modified")],
        &w3cdtf(timestamp),
    );

    // EPUB Accessibility 1.1: the book is text only, with no hazards.
    line(
        &mut xml,
        "meta",
        &[("property", "schema:accessMode")],
        "textual",
    );
    line(
        &mut xml,
        "meta",
        &[("property", "schema:accessModeSufficient")],
        "textual",
    );
    for feature in FEATURES {
        line(
            &mut xml,
            "meta",
            &[("property", "schema:accessibilityFeature")],
            feature,
        );
    }
    line(
        &mut xml,
        "meta",
        &[("property", "schema:accessibilityHazard")],
        "none",
    );
    let summary = locale.labels.summary.replace("{title}", &title);
    line(
        &mut xml,
        "meta",
        &[("property", "schema:accessibilitySummary")],
        &summary,
    );
    line(
        &mut xml,
        "meta",
        &[("property", "dcterms:conformsTo")],
        "EPUB Accessibility 1.1 - WCAG 2.1 Level AA",
    );
    xml.end("metadata");
    xml.newline();

    xml.start("manifest", &[]);
    xml.newline();
    let item = |xml: &mut Xml, attrs: &[(&str, &str)]| {
        xml.empty("item", attrs);
        xml.newline();
    };
    let xhtml = "application/xhtml+xml";
    item(
        &mut xml,
        &[
            ("id", "nav"),
            ("href", NAV),
            ("media-type", xhtml),
            ("properties", "nav"),
        ],
    );
    item(
        &mut xml,
        &[("id", "css"), ("href", CSS), ("media-type", "text/css")],
    );
    for doc in docs {
        item(
            &mut xml,
            &[("id", &doc.id), ("href", &doc.href), ("media-type", xhtml)],
        );
    }
    for font in fonts {
        let media = font_media_type(&font.file.data);
        item(
            &mut xml,
            &[
                ("id", &font.id),
                ("href", &font.href),
                ("media-type", media),
            ],
        );
    }
    xml.end("manifest");
    xml.newline();

    xml.start(
        "spine",
        &[("page-progression-direction", dir(&meta.language))],
    );
    xml.newline();
    // The navigation document is in the spine, out of the reading order,
    // so that its landmarks may point to its own table of contents.
    xml.empty("itemref", &[("idref", "nav"), ("linear", "no")]);
    xml.newline();
    for doc in docs {
        xml.empty("itemref", &[("idref", &doc.id)]);
        xml.newline();
    }
    xml.end("spine");
    xml.newline();
    xml.end("package");
    xml.finish()
}

/// `font/otf` for CFF-flavoured OpenType, `font/ttf` for TrueType outlines:
/// both are core media types of EPUB 3.
fn font_media_type(data: &[u8]) -> &'static str {
    if data.starts_with(b"OTTO") {
        "font/otf"
    } else {
        "font/ttf"
    }
}
