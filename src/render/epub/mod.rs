//! EPUB 3.3: a reflowable e-book in the house style, meant to pass
//! EPUBCheck without a message and to meet EPUB Accessibility 1.1.
//!
//! The book is written part by part, each by its own module:
//!
//! - [`xhtml`]: the content documents, one for the resolution and one per
//!   annex, in semantic XHTML (headings, paragraphs, lists, footnotes);
//! - [`nav`]: the navigation document (table of contents, landmarks);
//! - [`css`]: the stylesheet, generated from the same [`Style`] as the PDF;
//! - [`package`]: the package document (metadata, manifest, spine) and
//!   `META-INF/container.xml`;
//!
//! and this module puts them in a ZIP container with `mimetype` first and
//! stored, a fixed timestamp and a fixed order, so that the same input
//! always gives the same bytes.

mod css;
mod nav;
mod package;
mod xhtml;
mod xml;

use crate::diag::{DiagResult, Diagnostic, Warned};
use crate::model::Direction;
use crate::style::FontFile;

use super::Writer;
use super::prepare::{ImageFormat, Prepared};
use super::zip::{Content, ZipBuilder, ZipError};

/// Writes EPUB 3 e-books.
#[derive(Debug, Clone, Copy, Default)]
pub struct EpubWriter;

impl Writer for EpubWriter {
    fn render(&self, doc: &Prepared<'_>) -> DiagResult<Warned<Vec<u8>>> {
        let fonts = embedded_fonts(doc);
        let docs = xhtml::documents(doc);

        let mut parts = vec![
            Part::new(CONTAINER, package::container(OPF)),
            Part::new(OPF, package::package_document(doc, &docs, &fonts)),
            Part::new(&in_root(NAV), nav::navigation(doc, &docs)),
            Part::new(&in_root(CSS), css::stylesheet(doc, &fonts).into_bytes()),
        ];
        for d in docs {
            parts.push(Part::new(&in_root(&d.href), d.bytes));
        }
        if let Some(emblem) = &doc.emblem {
            let (href, _) = emblem_file(emblem.format);
            parts.push(Part::new(&in_root(href), emblem.file.data.to_vec()));
        }
        for font in &fonts {
            parts.push(Part {
                path: in_root(&font.href),
                content: Content::Font {
                    file: font.file.data.clone(),
                    obfuscated: false,
                },
            });
        }
        let bytes = zip(&parts, doc.timestamp).map_err(|e| {
            vec![
                Diagnostic::error(format!("cannot assemble the EPUB container: {e}"))
                    .with_hint("this is a bug in respub; please report it with the source file"),
            ]
        })?;
        Ok(Warned {
            output: bytes,
            warnings: Vec::new(),
        })
    }
}

/// The folder that holds the publication's files inside the container.
const ROOT: &str = "EPUB";
/// `META-INF/container.xml`, which points reading systems to the package.
const CONTAINER: &str = "META-INF/container.xml";
/// The package document.
const OPF: &str = "EPUB/package.opf";
/// The navigation document, relative to [`ROOT`].
const NAV: &str = "nav.xhtml";
/// The stylesheet, relative to [`ROOT`].
const CSS: &str = "css/respub.css";
/// The emblem's path relative to [`ROOT`], and its media type.
fn emblem_file(format: ImageFormat) -> (&'static str, &'static str) {
    match format {
        ImageFormat::Svg => ("images/emblem.svg", "image/svg+xml"),
        ImageFormat::Png => ("images/emblem.png", "image/png"),
    }
}

fn in_root(href: &str) -> String {
    format!("{ROOT}/{href}")
}

/// One file of the container.
struct Part {
    path: String,
    content: Content,
}

impl Part {
    fn new(path: &str, data: Vec<u8>) -> Self {
        Part {
            path: path.to_string(),
            content: Content::Bytes(data),
        }
    }
}

/// A font file of the style embedded in the book.
struct EmbeddedFont<'a> {
    /// The face.
    file: &'a FontFile,
    /// Its path relative to [`ROOT`].
    href: String,
    /// Its manifest id.
    id: String,
}

/// The faces that set the book's text, as the prepared document lists
/// them. Faces are embedded as they are, not obfuscated: they are under the
/// SIL Open Font License, and obfuscation would need `encryption.xml` for
/// no gain.
fn embedded_fonts<'a>(doc: &Prepared<'a>) -> Vec<EmbeddedFont<'a>> {
    let mut fonts: Vec<EmbeddedFont<'a>> = Vec::new();
    for &file in &doc.fonts.faces {
        let name = safe_file_name(&file.path);
        let mut href = format!("fonts/{name}");
        if fonts.iter().any(|f| f.href == href) {
            href = format!("fonts/{}-{name}", fonts.len() + 1);
        }
        fonts.push(EmbeddedFont {
            file,
            href,
            id: format!("font-{}", fonts.len() + 1),
        });
    }
    fonts
}

/// The last component of `path` with only characters that every ZIP tool
/// and URL parser takes as they are.
fn safe_file_name(path: &str) -> String {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let name: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let name = name.trim_start_matches('.');
    if name.is_empty() {
        "font.ttf".into()
    } else {
        name.into()
    }
}

/// The direction attribute value of `direction`.
fn dir(direction: Direction) -> &'static str {
    match direction {
        Direction::Ltr => "ltr",
        Direction::Rtl => "rtl",
    }
}

/// Packs `parts` after the `mimetype` entry. Every entry gets the same
/// timestamp and Unix permissions, so the bytes depend only on the parts.
fn zip(parts: &[Part], timestamp: i64) -> Result<Vec<u8>, ZipError> {
    let mut zip = ZipBuilder::new(timestamp);
    // The OCF requires `mimetype` first, uncompressed, without extra fields,
    // so that tools can recognise an EPUB from its first bytes.
    zip.stored("mimetype", b"application/epub+zip")?;
    for part in parts {
        zip.deflated(&part.path, &part.content)?;
    }
    zip.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_names_are_safe() {
        assert_eq!(
            safe_file_name("fonts/Noto Serif (1).ttf"),
            "Noto-Serif--1-.ttf"
        );
        assert_eq!(safe_file_name("../.hidden"), "hidden");
    }
}
