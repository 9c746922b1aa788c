//! The respub XML reader.
//!
//! Reading happens in three steps, each in its own module:
//! 1. the bytes are checked to be UTF-8 text that XML allows (here);
//! 2. [`tree`] parses them into an element tree, refusing what is unsafe;
//! 3. [`convert`] checks the tree against the [`vocabulary`] and builds the
//!    model, reporting every problem it finds.
//!
//! The format is documented in `docs/source-format.md`; its schema is
//! `schema/respub.rng`.

pub mod convert;
pub mod tree;
pub mod vocabulary;

use crate::diag::{DiagResult, Diagnostic, Warned};
use crate::model::{Resolution, Span};

use super::SourceFile;
use vocabulary::{AKN_NAMESPACE, NAMESPACE};

/// Reads a respub XML source.
pub fn read(file: &SourceFile) -> DiagResult<Warned<Resolution>> {
    let (text, base) = decode(&file.bytes).map_err(|d| vec![d])?;
    let (root, mut diagnostics) = tree::parse(text, base)?;
    check_root(&root)?;
    let (resolution, found) = convert::resolution(&root);
    diagnostics.extend(found);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    Ok(Warned {
        output: resolution,
        warnings: diagnostics,
    })
}

/// The text of the file and the offset where it starts (after a UTF-8 byte
/// order mark), or the first reason it is not XML text.
fn decode(bytes: &[u8]) -> Result<(&str, usize), Diagnostic> {
    let at = |start: usize, len: usize| Span::new(start, start + len);
    if bytes.is_empty() {
        return Err(Diagnostic::error("the file is empty")
            .at(at(0, 0))
            .with_hint(
                "a respub source is one `<resolution xmlns=\"urn:respub:resolution:1\">` element",
            ));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(
            Diagnostic::error("sources must be UTF-8; this file is UTF-16")
                .at(at(0, 2))
                .with_label("UTF-16 byte order mark")
                .with_hint("save the file as UTF-8 (without a byte order mark)"),
        );
    }
    // A UTF-8 byte order mark is legal XML: skip it.
    let base = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    let text = match std::str::from_utf8(&bytes[base..]) {
        Ok(text) => text,
        Err(e) => {
            let offset = base + e.valid_up_to();
            let len = e.error_len().unwrap_or(bytes.len() - offset).max(1);
            let printable = text_like(bytes);
            let mut d = Diagnostic::error(format!(
                "the file is not valid UTF-8: byte 0x{:02X} cannot start or continue a character here",
                bytes[offset]
            ))
            .at(at(offset, len))
            .with_label("invalid UTF-8");
            d = if printable {
                d.with_hint("save the file as UTF-8; it may be in Latin-1 or Windows-1252")
            } else {
                d.with_hint("this looks like a binary file, not a resolution source")
            };
            return Err(d);
        }
    };
    // Also refused: C1 controls and DEL, which XML tolerates but which no
    // resolution contains and which could drive a terminal.
    let refused =
        |c: char| !tree::is_xml_char(c) || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
    if let Some((offset, c)) = text.char_indices().find(|&(_, c)| refused(c)) {
        return Err(Diagnostic::error(format!(
            "the character U+{:04X} is not allowed in XML",
            u32::from(c)
        ))
        .at(at(base + offset, c.len_utf8()))
        .with_label("control character")
        .with_hint(if !text_like(bytes) {
            "this looks like a binary file, not a resolution source"
        } else {
            "delete it; control characters have no place in a resolution"
        }));
    }
    Ok((text, base))
}

/// Whether most of the first bytes are printable, to tell a mis-encoded
/// text from binary junk.
fn text_like(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
        .count();
    control * 20 < head.len().max(1)
}

/// Checks that the root is a respub `<resolution>`, explaining what the file
/// is otherwise.
fn check_root(root: &tree::Element) -> Result<(), Vec<Diagnostic>> {
    let name = &root.name;
    let span = root.name_span();
    let error = match name.namespace.as_deref() {
        Some(NAMESPACE) if name.local == "resolution" => return Ok(()),
        Some(AKN_NAMESPACE) => Diagnostic::error(format!(
            "not a respub source: the root element is `<{}>` in the Akoma Ntoso namespace `{AKN_NAMESPACE}`",
            name.qualified
        ))
        .with_label("Akoma Ntoso document")
        .with_hint("respub does not read Akoma Ntoso yet; write the resolution in the respub format (docs/source-format.md)"),
        Some(NAMESPACE) => {
            let mut d = Diagnostic::error(format!(
                "not a respub source: the root element is `<{}>`, not `<resolution>`",
                name.local
            ))
            .with_label("expected `<resolution>`");
            if vocabulary::closest(&name.local, ["resolution"]).is_some() {
                d = d.with_hint("did you mean `<resolution>`?");
            }
            d
        }
        None if name.local == "resolution" => {
            Diagnostic::error("`<resolution>` is in no namespace").with_label("namespace missing")
        }
        Some(other) if name.local == "resolution" => {
            Diagnostic::error(format!("`<resolution>` is in the namespace `{other}`, not respub's"))
                .with_label("wrong namespace")
        }
        namespace => Diagnostic::error(format!(
            "not a respub source: the root element is `<{}>`{}",
            name.qualified,
            namespace.map(|ns| format!(" in the namespace `{ns}`")).unwrap_or_default()
        ))
        .with_label("expected `<resolution>`"),
    };
    Err(vec![error.at(span).with_hint(format!(
        "a respub source starts with `<resolution xmlns=\"{NAMESPACE}\" xml:lang=\"…\">`"
    ))])
}

#[cfg(test)]
mod tests;
