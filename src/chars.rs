//! Which characters a document may hold: the readers refuse the others,
//! and the writers of XML must never write them, so that what they write
//! can always be read again. One place for both, so that a reader and a
//! writer cannot disagree.

use std::borrow::Cow;

/// Whether `c` may appear in an XML 1.0 document.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Whether a source may not hold `c`: what XML 1.0 forbids, and also the
/// C1 controls and DEL, which XML tolerates but which no resolution
/// contains and which could drive a terminal. (The plain-text decoder also
/// takes form feeds.)
pub fn is_refused(c: char) -> bool {
    !is_xml_char(c) || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// `text` with every refused character replaced by U+FFFD, for writers of
/// XML.
pub fn replace_refused(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_refused) {
        text.chars()
            .map(|c| if is_refused(c) { '\u{fffd}' } else { c })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}
