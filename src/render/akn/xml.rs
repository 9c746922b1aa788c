//! A thin layer over quick-xml's writer: elements, escaped text, and the
//! line breaks between blocks that keep the output readable without
//! touching the white space inside paragraphs.

use std::io::Result;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::chars::replace_refused;

/// The document being written.
pub struct Out {
    writer: Writer<Vec<u8>>,
}

impl Out {
    /// An empty document.
    pub fn new() -> Self {
        Out {
            writer: Writer::new(Vec::new()),
        }
    }

    /// The bytes written.
    pub fn into_inner(self) -> Vec<u8> {
        self.writer.into_inner()
    }

    /// `<?xml version="1.0" encoding="UTF-8"?>` and a line break.
    pub fn declaration(&mut self) -> Result<()> {
        self.writer
            .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        self.nl()
    }

    /// A start tag with attributes, written in the order given.
    pub fn start(&mut self, name: &str, attributes: &[(&str, &str)]) -> Result<()> {
        self.writer.write_event(Event::Start(tag(name, attributes)))
    }

    /// An empty element.
    pub fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) -> Result<()> {
        self.writer.write_event(Event::Empty(tag(name, attributes)))
    }

    /// An end tag.
    pub fn end(&mut self, name: &str) -> Result<()> {
        self.writer.write_event(Event::End(BytesEnd::new(name)))
    }

    /// Text, escaped, with the characters the readers refuse replaced.
    pub fn text(&mut self, text: &str) -> Result<()> {
        let clean = replace_refused(text);
        self.writer.write_event(Event::Text(BytesText::new(&clean)))
    }

    /// An element holding only text.
    pub fn element(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) -> Result<()> {
        self.start(name, attributes)?;
        self.text(text)?;
        self.end(name)
    }

    /// A line break between blocks (never inside mixed content).
    pub fn nl(&mut self) -> Result<()> {
        self.writer.write_event(Event::Text(BytesText::new("\n")))
    }
}

fn tag<'a>(name: &'a str, attributes: &[(&str, &str)]) -> BytesStart<'a> {
    let mut start = BytesStart::new(name);
    for (key, value) in attributes {
        let clean = replace_refused(value);
        start.push_attribute((*key, clean.as_ref()));
    }
    start
}
