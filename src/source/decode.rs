//! The one decoder of every text input: encoding, byte order mark and the
//! characters no resolution may hold, checked before any parsing, with the
//! position of the first problem.
//!
//! Sources are UTF-8. A UTF-8 byte order mark is accepted and skipped (the
//! positions of later diagnostics count it); UTF-16, invalid UTF-8 and
//! control characters are refused, with a hint that tells a mis-encoded
//! text from a binary file.

use crate::chars::is_refused;
use crate::diag::Diagnostic;
use crate::model::Span;

/// What kind of text a format is, for the characters it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// XML: the characters XML allows, without C1 controls and DEL.
    Xml,
    /// Plain text: the same, and form feeds, which end the pages of text
    /// extracted from a PDF.
    Plain,
}

/// The text of the file and the offset where it starts (after a UTF-8 byte
/// order mark), or the first reason it is not text respub reads. `what` says
/// what a file of the format is, for the message about an empty one.
pub fn decode<'a>(bytes: &'a [u8], what: &str) -> Result<(&'a str, usize), Diagnostic> {
    decode_as(bytes, what, TextKind::Xml)
}

/// [`decode`] for a format of the given kind.
pub fn decode_as<'a>(
    bytes: &'a [u8],
    what: &str,
    kind: TextKind,
) -> Result<(&'a str, usize), Diagnostic> {
    let at = |start: usize, len: usize| Span::new(start, start + len);
    if bytes.is_empty() {
        return Err(Diagnostic::error("the file is empty")
            .at(at(0, 0))
            .with_hint(what.to_string()));
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
    // A form feed ends a page of text extracted from a PDF.
    let refused = |c: char| !(kind == TextKind::Plain && c == '\u{c}') && is_refused(c);
    let allowed_in = match kind {
        TextKind::Xml => "XML",
        TextKind::Plain => "a text source",
    };
    if let Some((offset, c)) = text.char_indices().find(|&(_, c)| refused(c)) {
        return Err(Diagnostic::error(format!(
            "the character U+{:04X} is not allowed in {allowed_in}",
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
