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
use crate::model::{Block, Direction, Inline, Language, Resolution};
use crate::style::{FontFile, Style, VerbTreatment};

use super::zip::{Content, ZipBuilder, ZipError};
use super::{Document, RenderOptions, Writer};

/// Writes EPUB 3 e-books.
#[derive(Debug, Clone, Copy, Default)]
pub struct EpubWriter;

impl Writer for EpubWriter {
    fn render(
        &self,
        doc: Document<'_>,
        style: &Style,
        options: &RenderOptions,
    ) -> DiagResult<Warned<Vec<u8>>> {
        let res = doc.resolution;
        let lang = &res.meta.language;
        check_language(lang)?;
        let mut warnings = Vec::new();

        let fonts = embedded_fonts(style, res);
        if fonts.is_empty() {
            warnings.push(
                Diagnostic::warning("the style names no font for this language; the e-book will use the reader's fonts")
                    .with_hint(format!("add the files of `{}` to `fonts.files` in the style", style.fonts.family_for(lang))),
            );
        }
        let content = xhtml::documents(res, style);
        warnings.extend(content.warnings);
        let docs = content.output;

        let mut parts = vec![
            Part::new(CONTAINER, package::container(OPF)),
            Part::new(
                OPF,
                package::package_document(res, style, options.timestamp, &docs, &fonts),
            ),
            Part::new(&in_root(NAV), nav::navigation(res, style, &docs)),
            Part::new(
                &in_root(CSS),
                css::stylesheet(style, lang, &fonts).into_bytes(),
            ),
        ];
        for d in docs {
            parts.push(Part::new(&in_root(&d.href), d.bytes));
        }
        for font in &fonts {
            parts.push(Part {
                path: in_root(&font.href),
                content: Content::Font {
                    file: font.file.data.clone(),
                    head: None,
                },
            });
        }
        let bytes = zip(&parts, options.timestamp).map_err(|e| {
            vec![
                Diagnostic::error(format!("cannot assemble the EPUB container: {e}"))
                    .with_hint("this is a bug in respub; please report it with the source file"),
            ]
        })?;
        Ok(Warned {
            output: bytes,
            warnings,
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

/// The faces that set the book's text: the family of its language and, for
/// Arabic, the Latin family too, for references and Latin names. Italic
/// faces come only when the text has italics, which keeps the book small
/// for the many resolutions without any. Faces are embedded as they are,
/// not obfuscated: they are under the SIL Open Font License, and
/// obfuscation would need `encryption.xml` for no gain.
fn embedded_fonts<'a>(style: &'a Style, res: &Resolution) -> Vec<EmbeddedFont<'a>> {
    let lang = &res.meta.language;
    let mut families = vec![style.fonts.family_for(lang)];
    if !families.contains(&style.fonts.body.as_str()) {
        families.push(&style.fonts.body);
    }
    let italics = has_italics(res, style);
    let mut fonts: Vec<EmbeddedFont<'a>> = Vec::new();
    for family in families {
        let faces = style
            .fonts
            .files
            .iter()
            .filter(|f| f.family == family && (italics || !f.italic));
        for file in faces {
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
    }
    fonts
}

/// Whether any text is set in italics: emphasis, or verbs when the style
/// sets them so.
fn has_italics(res: &Resolution, style: &Style) -> bool {
    let italic_verbs =
        [style.verbs.preamble, style.verbs.operative].contains(&VerbTreatment::Italic);
    let paragraphs = res
        .meta
        .subject
        .iter()
        .chain(&res.opening)
        .chain(&res.closing)
        .chain(&res.adoption)
        .chain(
            res.annexes
                .iter()
                .flat_map(|a| a.label.iter().chain(&a.title)),
        );
    let clauses = res.preamble.iter().chain(&res.operative.clauses);
    paragraphs
        .into_iter()
        .any(|p| run_has_italics(&p.content, italic_verbs))
        || clauses
            .into_iter()
            .any(|c| blocks_have_italics(&c.blocks, italic_verbs))
        || res
            .annexes
            .iter()
            .any(|a| blocks_have_italics(&a.blocks, italic_verbs))
}

fn blocks_have_italics(blocks: &[Block], italic_verbs: bool) -> bool {
    blocks.iter().any(|block| match block {
        Block::Paragraph(p) => run_has_italics(&p.content, italic_verbs),
        Block::Heading(h) => run_has_italics(&h.content, italic_verbs),
        Block::List(list) => {
            let around = list.intro.iter().chain(&list.continuation);
            around
                .into_iter()
                .any(|p| run_has_italics(&p.content, italic_verbs))
                || list
                    .items
                    .iter()
                    .any(|i| blocks_have_italics(&i.blocks, italic_verbs))
        }
    })
}

fn run_has_italics(run: &[Inline], italic_verbs: bool) -> bool {
    run.iter().any(|inline| match inline {
        Inline::Emphasis(_) => true,
        Inline::Verb(_) if italic_verbs => true,
        other => other
            .children()
            .is_some_and(|c| run_has_italics(c, italic_verbs)),
    })
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

/// Refuses a language tag that would make the package invalid: EPUB needs
/// a well-formed BCP 47 tag in `dc:language` and in every `xml:lang`.
fn check_language(lang: &Language) -> DiagResult<()> {
    let tag = lang.as_str();
    let mut subtags = tag.split('-');
    let primary_ok = subtags
        .next()
        .is_some_and(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    let rest_ok =
        subtags.all(|s| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()));
    if primary_ok && rest_ok {
        Ok(())
    } else {
        Err(vec![
            Diagnostic::error(format!(
                "`{tag}` is not a language tag an e-book can declare"
            ))
            .at(None)
            .with_hint("write a BCP 47 tag such as `fr`, `en`, `es-419` or `ar`"),
        ])
    }
}

/// The direction attribute value of `lang`.
fn dir(lang: &Language) -> &'static str {
    match lang.direction() {
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
    fn language_tags_are_checked() {
        for ok in ["fr", "en", "es-419", "ar", "zh-Hant-TW"] {
            assert!(check_language(&Language(ok.into())).is_ok(), "{ok}");
        }
        for bad in ["", "f", "fr_FR", "fr-", "\"><x", "français"] {
            assert!(check_language(&Language(bad.into())).is_err(), "{bad}");
        }
    }

    #[test]
    fn font_names_are_safe() {
        assert_eq!(
            safe_file_name("fonts/Noto Serif (1).ttf"),
            "Noto-Serif--1-.ttf"
        );
        assert_eq!(safe_file_name("../.hidden"), "hidden");
    }
}
