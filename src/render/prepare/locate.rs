//! Finds a character's own place in the source.
//!
//! The model keeps the span of every paragraph, not of every character, so
//! a message about one character (one no font has, one no format allows)
//! would point at the start of its paragraph. Searching the paragraph's
//! bytes for the character — as written, or as a numeric character
//! reference such as `&#x4E2D;` — points at the character itself.

use crate::model::Span;
use crate::source::SourceFile;

/// Searches the bytes of a source.
pub struct Locator<'a> {
    bytes: &'a [u8],
}

impl<'a> Locator<'a> {
    /// A locator in `source`.
    pub fn new(source: &'a SourceFile) -> Self {
        Locator {
            bytes: &source.bytes,
        }
    }

    /// The span of the first `c` inside `within`, or `within` itself when
    /// it cannot be found there.
    pub fn find_char(&self, c: char, within: Option<Span>) -> Option<Span> {
        let span = within?;
        let end = span.end.min(self.bytes.len());
        let start = span.start.min(end);
        let hay = &self.bytes[start..end];
        let mut buf = [0; 4];
        let literal = c.encode_utf8(&mut buf).as_bytes();
        let mut best = find(hay, literal).map(|at| (at, literal.len()));
        for reference in references(c) {
            if let Some(at) = find_ignore_case(hay, reference.as_bytes()) {
                if best.is_none_or(|(b, _)| at < b) {
                    best = Some((at, reference.len()));
                }
            }
        }
        Some(match best {
            Some((at, len)) => Span::new(start + at, start + at + len),
            None => span,
        })
    }
}

/// The numeric character references that can write `c` (the shortest
/// forms, which is what people and tools write).
fn references(c: char) -> [String; 2] {
    let n = u32::from(c);
    [format!("&#x{n:x};"), format!("&#{n};")]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

fn find_ignore_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_are_found_as_written_or_as_references() {
        let file = SourceFile::new("a.xml", "<p>un 中 et &#x1F600; fin</p>".as_bytes());
        let loc = Locator::new(&file);
        let whole = Some(Span::new(0, file.bytes.len()));
        assert_eq!(loc.find_char('中', whole), Some(Span::new(6, 9)));
        assert_eq!(loc.find_char('😀', whole), Some(Span::new(13, 22)));
        assert_eq!(loc.find_char('z', whole), whole);
        assert_eq!(loc.find_char('z', None), None);
    }
}
