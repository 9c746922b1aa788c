//! The package document (`package.opf`): what the book is (metadata,
//! including its accessibility), what it holds (manifest) and in which
//! order it is read (spine); and `META-INF/container.xml`, which points to
//! it.

use crate::render::prepare::Prepared;
use crate::render::time::w3cdtf;

use super::xhtml::ContentDoc;
use super::xml::Xml;
use super::{CSS, EmbeddedFont, NAV, dir, emblem_file};

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
    doc: &Prepared<'_>,
    docs: &[ContentDoc],
    fonts: &[EmbeddedFont<'_>],
) -> Vec<u8> {
    let meta = &doc.meta;
    let lang = meta.language.as_str();
    let mut xml = Xml::new();
    xml.start(
        "package",
        &[
            ("xmlns", "http://www.idpf.org/2007/opf"),
            ("version", "3.0"),
            ("unique-identifier", "pub-id"),
            ("xml:lang", lang),
            ("dir", dir(meta.direction)),
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
        &meta.identifier,
    );
    if !meta.reference.trim().is_empty() {
        line(
            &mut xml,
            "dc:identifier",
            &[("id", "reference")],
            &meta.reference,
        );
    }
    line(&mut xml, "dc:title", &[("id", "title")], &meta.title);
    line(&mut xml, "dc:language", &[], lang);
    if let Some(body) = &meta.creator {
        line(&mut xml, "dc:creator", &[], body);
    }
    if !meta.author.trim().is_empty() {
        line(&mut xml, "dc:publisher", &[], &meta.author);
    }
    if let Some(subject) = &meta.subject {
        line(&mut xml, "dc:subject", &[], subject);
        line(&mut xml, "dc:description", &[], subject);
    }
    for keyword in &meta.keywords {
        line(&mut xml, "dc:subject", &[], keyword);
    }
    if let Some(date) = meta.date {
        line(&mut xml, "dc:date", &[], &date.to_string());
    }
    line(
        &mut xml,
        "meta",
        &[("property", "dcterms:modified")],
        &w3cdtf(doc.timestamp),
    );

    // EPUB Accessibility 1.1: the book is text, with no hazards; the
    // emblem, when there is one, is an image with its alternative text.
    line(
        &mut xml,
        "meta",
        &[("property", "schema:accessMode")],
        "textual",
    );
    if doc.emblem.is_some() {
        line(
            &mut xml,
            "meta",
            &[("property", "schema:accessMode")],
            "visual",
        );
    }
    line(
        &mut xml,
        "meta",
        &[("property", "schema:accessModeSufficient")],
        "textual",
    );
    let alt = doc.emblem.as_ref().map(|_| "alternativeText");
    for feature in FEATURES.into_iter().chain(alt) {
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
    line(
        &mut xml,
        "meta",
        &[("property", "schema:accessibilitySummary")],
        &meta.summary,
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
    if let Some(emblem) = &doc.emblem {
        let (href, media) = emblem_file(emblem.format);
        item(
            &mut xml,
            &[("id", "emblem"), ("href", href), ("media-type", media)],
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
        &[("page-progression-direction", dir(meta.direction))],
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
