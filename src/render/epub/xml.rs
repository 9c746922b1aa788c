//! A small layer over quick-xml's `Writer` shared by every XML part of the
//! book: it keeps text from the source as data (escaped, and stripped of
//! the characters XML cannot carry) and lets callers place line breaks
//! only where they cannot change the text.

use std::borrow::Cow;

use quick_xml::Writer;
use quick_xml::escape::partial_escape;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

/// An XML document being written to memory.
pub(super) struct Xml {
    writer: Writer<Vec<u8>>,
}

/// Writing to a `Vec` cannot fail short of running out of memory, which
/// aborts anyway; quick-xml still returns `io::Result`, so it is checked
/// here once instead of at every call.
fn done(result: std::io::Result<()>) {
    result.expect("writing XML to memory cannot fail");
}

impl Xml {
    /// A new document that starts with the XML declaration.
    pub(super) fn new() -> Self {
        let mut writer = Writer::new(Vec::new());
        done(writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None))));
        let mut xml = Xml { writer };
        xml.newline();
        xml
    }

    /// Writes the HTML doctype that XHTML content documents carry.
    pub(super) fn doctype_html(&mut self) {
        done(
            self.writer
                .write_event(Event::DocType(BytesText::from_escaped("html"))),
        );
        self.newline();
    }

    /// Opens `name` with `attrs`; attribute values are escaped and cleaned.
    pub(super) fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        done(self.writer.write_event(Event::Start(element(name, attrs))));
    }

    /// Closes `name`.
    pub(super) fn end(&mut self, name: &str) {
        done(self.writer.write_event(Event::End(BytesEnd::new(name))));
    }

    /// Writes an empty element.
    pub(super) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        done(self.writer.write_event(Event::Empty(element(name, attrs))));
    }

    /// Writes `<name attrs>text</name>`.
    pub(super) fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start(name, attrs);
        self.text(text);
        self.end(name);
    }

    /// Writes text, escaped.
    pub(super) fn text(&mut self, text: &str) {
        let clean = xml_chars(text);
        if !clean.is_empty() {
            // Quotes and apostrophes need no escaping in text: leaving them
            // keeps the source readable.
            let escaped = partial_escape(clean.as_ref());
            done(
                self.writer
                    .write_event(Event::Text(BytesText::from_escaped(escaped))),
            );
        }
    }

    /// Writes a line break between elements, for people reading the
    /// source; callers only use it where whitespace is not significant.
    pub(super) fn newline(&mut self) {
        done(
            self.writer
                .write_event(Event::Text(BytesText::from_escaped("\n"))),
        );
    }

    /// The bytes written.
    pub(super) fn finish(mut self) -> Vec<u8> {
        self.newline();
        self.writer.into_inner()
    }
}

fn element<'a>(name: &'a str, attrs: &[(&str, &str)]) -> BytesStart<'a> {
    let mut start = BytesStart::new(name);
    for (key, value) in attrs {
        start.push_attribute((*key, xml_chars(value).as_ref()));
    }
    start
}

/// `text` without the characters that XML 1.0 forbids (most C0 controls)
/// or that HTML treats as errors (C1 controls, noncharacters). A source
/// reader should already refuse them; a writer must still never produce a
/// file that a reading system rejects.
pub(super) fn xml_chars(text: &str) -> Cow<'_, str> {
    fn allowed(c: char) -> bool {
        let code = c as u32;
        match c {
            '\t' | '\n' => true,
            '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => false,
            '\u{FDD0}'..='\u{FDEF}' => false,
            _ => code & 0xFFFE != 0xFFFE,
        }
    }
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| allowed(c)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_data() {
        let mut xml = Xml::new();
        xml.start("p", &[("title", "a\"b<c")]);
        xml.text("</p><script>alert(1)</script> & ]]> <!-- \u{1}\u{FFFE}");
        xml.end("p");
        let out = String::from_utf8(xml.finish()).unwrap();
        assert!(out.contains("<p title=\"a&quot;b&lt;c\">"), "{out}");
        assert!(
            out.contains(
                "&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt; &lt;!-- </p>"
            ),
            "{out}"
        );
    }
}
