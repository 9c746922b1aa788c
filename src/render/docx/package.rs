//! The Open Packaging Conventions layer: parts, content types,
//! relationships and the document properties (`docProps/`).
//!
//! Nothing here knows about WordprocessingML; it only names parts and the
//! links between them, built from scratch for every document as pandoc
//! does, so that no stale template part can slip in.

use super::xml::Xml;
use crate::render::time::w3cdtf;
use crate::render::zip::Content;
use crate::style::FileBytes;

/// Relationship types used by the package.
pub mod rel {
    /// The main document part.
    pub const OFFICE_DOCUMENT: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
    /// Core properties (Dublin Core).
    pub const CORE_PROPERTIES: &str =
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
    /// Custom document properties.
    pub const CUSTOM_PROPERTIES: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties";
    /// Extended (application) properties.
    pub const EXTENDED_PROPERTIES: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties";
    /// Style definitions.
    pub const STYLES: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
    /// Numbering definitions.
    pub const NUMBERING: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering";
    /// Document settings.
    pub const SETTINGS: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings";
    /// Font table.
    pub const FONT_TABLE: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable";
    /// An embedded font, from the font table.
    pub const FONT: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font";
    /// Footnotes.
    pub const FOOTNOTES: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes";
    /// A header.
    pub const HEADER: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header";
    /// A footer.
    pub const FOOTER: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer";
    /// The Office theme.
    pub const THEME: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";
    /// An image.
    pub const IMAGE: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";
    /// A hyperlink target outside the package.
    pub const HYPERLINK: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";
}

/// Content types of the parts.
pub mod content_type {
    /// Relationship parts.
    pub const RELATIONSHIPS: &str = "application/vnd.openxmlformats-package.relationships+xml";
    /// Plain XML (default for `.xml`).
    pub const XML: &str = "application/xml";
    /// The main document.
    pub const DOCUMENT: &str =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    /// Styles.
    pub const STYLES: &str =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml";
    /// Numbering.
    pub const NUMBERING: &str =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml";
    /// Settings.
    pub const SETTINGS: &str =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml";
    /// Font table.
    pub const FONT_TABLE: &str =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml";
    /// Footnotes.
    pub const FOOTNOTES: &str =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml";
    /// A header.
    pub const HEADER: &str =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml";
    /// A footer.
    pub const FOOTER: &str =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml";
    /// The Office theme.
    pub const THEME: &str = "application/vnd.openxmlformats-officedocument.theme+xml";
    /// Core properties.
    pub const CORE: &str = "application/vnd.openxmlformats-package.core-properties+xml";
    /// Custom properties.
    pub const CUSTOM: &str = "application/vnd.openxmlformats-officedocument.custom-properties+xml";
    /// Extended properties.
    pub const EXTENDED: &str =
        "application/vnd.openxmlformats-officedocument.extended-properties+xml";
    /// A PNG image.
    pub const PNG: &str = "image/png";
    /// An SVG image.
    pub const SVG: &str = "image/svg+xml";
    /// An obfuscated embedded font (ISO/IEC 29500-1 §17.8.1).
    pub const OBFUSCATED_FONT: &str =
        "application/vnd.openxmlformats-officedocument.obfuscatedFont";
}

/// One part of the package.
#[derive(Debug, Clone)]
pub struct Part {
    /// Its name inside the package, without the leading `/`.
    pub name: String,
    /// Its content type; `None` when the default for its extension applies.
    pub content_type: Option<&'static str>,
    /// Its bytes.
    pub content: Content,
}

impl Part {
    /// A part with an explicit content type (an `Override`).
    pub fn new(name: impl Into<String>, content_type: &'static str, data: Vec<u8>) -> Self {
        Part {
            name: name.into(),
            content_type: Some(content_type),
            content: Content::Bytes(data),
        }
    }

    /// A font of the style, obfuscated, typed by its extension's
    /// `Default`.
    pub fn font(name: impl Into<String>, file: FileBytes) -> Self {
        Part {
            name: name.into(),
            content_type: None,
            content: Content::Font {
                file,
                obfuscated: true,
            },
        }
    }

    /// A part typed by its extension's `Default`.
    pub fn by_extension(name: impl Into<String>, data: Vec<u8>) -> Self {
        Part {
            name: name.into(),
            content_type: None,
            content: Content::Bytes(data),
        }
    }
}

/// The relationships of one source part, numbered `rId1`, `rId2`, … in
/// the order they are added.
#[derive(Debug, Clone, Default)]
pub struct Relationships {
    entries: Vec<Relationship>,
}

#[derive(Debug, Clone)]
struct Relationship {
    id: String,
    kind: &'static str,
    target: String,
    external: bool,
}

impl Relationships {
    /// No relationships yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a relationship to a part, by path relative to the source part;
    /// returns its id.
    pub fn add(&mut self, kind: &'static str, target: impl Into<String>) -> String {
        self.push(kind, target.into(), false)
    }

    /// Adds a relationship to a resource outside the package.
    pub fn add_external(&mut self, kind: &'static str, target: impl Into<String>) -> String {
        self.push(kind, target.into(), true)
    }

    fn push(&mut self, kind: &'static str, target: String, external: bool) -> String {
        let id = format!("rId{}", self.entries.len() + 1);
        self.entries.push(Relationship {
            id: id.clone(),
            kind,
            target,
            external,
        });
        id
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The relationships part.
    pub fn to_xml(&self) -> Vec<u8> {
        let mut xml = Xml::new();
        xml.start(
            "Relationships",
            &[(
                "xmlns",
                "http://schemas.openxmlformats.org/package/2006/relationships",
            )],
        );
        for r in &self.entries {
            let mut attrs = vec![
                ("Id", r.id.as_str()),
                ("Type", r.kind),
                ("Target", r.target.as_str()),
            ];
            if r.external {
                attrs.push(("TargetMode", "External"));
            }
            xml.empty("Relationship", &attrs);
        }
        xml.end("Relationships");
        xml.finish()
    }
}

/// `[Content_Types].xml` for `parts`: a `Default` for each extension in
/// `defaults`, an `Override` for every part that names its type.
pub fn content_types(parts: &[Part], defaults: &[(&str, &str)]) -> Vec<u8> {
    let mut xml = Xml::new();
    xml.start(
        "Types",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/content-types",
        )],
    );
    for (extension, kind) in defaults {
        xml.empty(
            "Default",
            &[("Extension", extension), ("ContentType", kind)],
        );
    }
    for part in parts {
        if let Some(kind) = part.content_type {
            let name = format!("/{}", part.name);
            xml.empty("Override", &[("PartName", &name), ("ContentType", kind)]);
        }
    }
    xml.end("Types");
    xml.finish()
}

/// What `docProps/core.xml` records.
#[derive(Debug, Clone, Default)]
pub struct CoreProperties {
    /// The document's title.
    pub title: String,
    /// Its subject line.
    pub subject: Option<String>,
    /// Its author: the organisation.
    pub creator: String,
    /// Index terms.
    pub keywords: Vec<String>,
    /// The reference, as identifier.
    pub identifier: String,
    /// The language tag.
    pub language: String,
    /// A short description.
    pub description: Option<String>,
    /// Creation and modification time, in seconds since the Unix epoch.
    pub timestamp: i64,
}

/// `docProps/core.xml`.
pub fn core_properties(props: &CoreProperties) -> Vec<u8> {
    let mut xml = Xml::new();
    xml.start(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    );
    xml.leaf("dc:title", &[], &props.title);
    if let Some(subject) = &props.subject {
        xml.leaf("dc:subject", &[], subject);
    }
    xml.leaf("dc:creator", &[], &props.creator);
    if !props.keywords.is_empty() {
        xml.leaf("cp:keywords", &[], &props.keywords.join(", "));
    }
    if let Some(description) = &props.description {
        xml.leaf("dc:description", &[], description);
    }
    xml.leaf("dc:identifier", &[], &props.identifier);
    xml.leaf("dc:language", &[], &props.language);
    let when = w3cdtf(props.timestamp);
    xml.leaf("dcterms:created", &[("xsi:type", "dcterms:W3CDTF")], &when);
    xml.leaf("dcterms:modified", &[("xsi:type", "dcterms:W3CDTF")], &when);
    xml.end("cp:coreProperties");
    xml.finish()
}

/// `docProps/custom.xml`: named text properties, in order.
pub fn custom_properties(props: &[(String, String)]) -> Vec<u8> {
    // The format identifier every custom property carries (ISO/IEC
    // 29500-1 §22.3.2.2), and ids from 2, as Word numbers them.
    const FMTID: &str = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";
    let mut xml = Xml::new();
    xml.start(
        "Properties",
        &[
            (
                "xmlns",
                "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
            ),
            (
                "xmlns:vt",
                "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
            ),
        ],
    );
    for (i, (name, value)) in props.iter().enumerate() {
        let pid = (i + 2).to_string();
        xml.start(
            "property",
            &[("fmtid", FMTID), ("pid", &pid), ("name", name)],
        );
        xml.leaf("vt:lpwstr", &[], value);
        xml.end("property");
    }
    xml.end("Properties");
    xml.finish()
}

/// `docProps/app.xml`: the producing application and the organisation.
pub fn app_properties(company: &str) -> Vec<u8> {
    let mut xml = Xml::new();
    xml.start(
        "Properties",
        &[
            (
                "xmlns",
                "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
            ),
            (
                "xmlns:vt",
                "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
            ),
        ],
    );
    xml.leaf("Template", &[], "");
    xml.leaf(
        "Application",
        &[],
        concat!("respub ", env!("CARGO_PKG_VERSION")),
    );
    xml.leaf("DocSecurity", &[], "0");
    xml.leaf("ScaleCrop", &[], "false");
    xml.leaf("Company", &[], company);
    xml.leaf("LinksUpToDate", &[], "false");
    xml.leaf("SharedDoc", &[], "false");
    xml.leaf("HyperlinksChanged", &[], "false");
    xml.leaf("AppVersion", &[], "16.0000");
    xml.end("Properties");
    xml.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationships_are_numbered_in_order() {
        let mut rels = Relationships::new();
        assert_eq!(rels.add(rel::STYLES, "styles.xml"), "rId1");
        assert_eq!(
            rels.add_external(rel::HYPERLINK, "https://example.org/?a=1&b=2"),
            "rId2"
        );
        let text = String::from_utf8(rels.to_xml()).unwrap();
        assert!(
            text.contains(r#"Target="https://example.org/?a=1&amp;b=2" TargetMode="External""#)
        );
    }
}
