//! A small element tree read safely from an untrusted Akoma Ntoso file.
//!
//! This is the only part of the AKN reader that sees raw XML. It refuses
//! DOCTYPEs and entity references other than the predefined and numeric
//! ones (the classic ways to make XML read files or explode in memory), and
//! it bounds depth and size while reading, before any recursion, so a
//! hostile file gives one clean error instead of a stack overflow.
//!
//! Every element and text keeps its byte span in the file, for diagnostics.

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use crate::diag::Diagnostic;
use crate::model::Span;

/// The deepest nesting accepted. The UN corpus stays under 25 levels.
pub const MAX_DEPTH: usize = 100;

/// The most elements accepted in one file; the longest resolution of the
/// UN corpus has 1,613. With more, the PDF's layout would take more than
/// a few seconds (see [`crate::source::MAX_SOURCE_BYTES`]).
pub const MAX_ELEMENTS: usize = 10_000;

/// The Akoma Ntoso 3.0 namespace.
pub const AKN_NS: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

/// An element with its attributes and children.
#[derive(Debug, Clone)]
pub struct Element {
    /// The local name (`paragraph` for `akn:paragraph`).
    pub name: String,
    /// The namespace the name is in, if any.
    pub namespace: Option<String>,
    /// Attributes as `(qualified name, value)`, values unescaped.
    pub attributes: Vec<(String, String)>,
    /// Children in document order.
    pub children: Vec<Node>,
    /// From the `<` of the start tag to the `>` of the end tag.
    pub span: Span,
}

/// A child of an element.
#[derive(Debug, Clone)]
pub enum Node {
    /// An element.
    Element(Element),
    /// Character data, unescaped (CDATA included).
    Text(String),
}

impl Element {
    /// The value of attribute `name` (qualified, as written).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether the element is in the Akoma Ntoso namespace.
    pub fn is_akn(&self) -> bool {
        self.namespace.as_deref() == Some(AKN_NS)
    }

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The first descendant element named `name`, depth first.
    pub fn find(&self, name: &str) -> Option<&Element> {
        self.elements().find_map(|e| {
            if e.name == name {
                Some(e)
            } else {
                e.find(name)
            }
        })
    }

    /// All descendant elements named `name`, in document order.
    pub fn find_all<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        for e in self.elements() {
            if e.name == name {
                out.push(e);
            }
            e.find_all(name, out);
        }
    }

    /// Whether the class attribute contains the token `token`.
    pub fn has_class(&self, token: &str) -> bool {
        self.attr("class").is_some_and(|c| {
            c.split_ascii_whitespace()
                .any(|t| t.eq_ignore_ascii_case(token))
        })
    }

    /// All the text inside the element, concatenated.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.push_text(&mut out);
        out
    }

    fn push_text(&self, out: &mut String) {
        for child in &self.children {
            match child {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => e.push_text(out),
            }
        }
    }

    /// The text inside the element with runs of white space collapsed and
    /// the ends trimmed.
    pub fn clean_text(&self) -> String {
        self.text()
            .split_ascii_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Parses `text` into its root element.
pub fn parse(text: &str) -> Result<Element, Diagnostic> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    // Open elements, with the namespace bindings each one declared.
    let mut stack: Vec<(Element, Vec<(String, String)>)> = Vec::new();
    let mut root = None;
    let mut count = 0usize;
    loop {
        let start = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            let at = reader.error_position() as usize;
            Diagnostic::error(format!("the file is not well-formed XML: {e}"))
                .at(Span::new(at, at))
                .with_hint("open the file in an XML editor to find and fix the error")
        })?;
        let end = reader.buffer_position() as usize;
        let span = Span::new(start, end);
        match event {
            Event::Start(tag) | Event::Empty(tag) if root.is_some() => {
                let _ = tag;
                return Err(Diagnostic::error("there is content after the root element").at(span));
            }
            Event::Start(tag) => {
                count += 1;
                if stack.len() >= MAX_DEPTH || count > MAX_ELEMENTS {
                    return Err(too_big(span, stack.len() >= MAX_DEPTH));
                }
                let (element, bindings) = open(&tag, span, &stack)?;
                stack.push((element, bindings));
            }
            Event::Empty(tag) => {
                count += 1;
                if stack.len() >= MAX_DEPTH || count > MAX_ELEMENTS {
                    return Err(too_big(span, stack.len() >= MAX_DEPTH));
                }
                let (element, _) = open(&tag, span, &stack)?;
                match stack.last_mut() {
                    Some((parent, _)) => parent.children.push(Node::Element(element)),
                    None => root = Some(element),
                }
            }
            Event::End(_) => {
                let Some((mut element, _)) = stack.pop() else {
                    return Err(Diagnostic::error("an end tag has no start tag").at(span));
                };
                element.span.end = end;
                match stack.last_mut() {
                    Some((parent, _)) => parent.children.push(Node::Element(element)),
                    None => root = Some(element),
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content(), span)?,
            Event::CData(t) => push_text(&mut stack, &t, span)?,
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match &*r {
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "amp" => "&".into(),
                        "apos" => "'".into(),
                        "quot" => "\"".into(),
                        other => {
                            return Err(Diagnostic::error(format!("the entity `&{other};` is not allowed"))
                                .at(span)
                                .with_hint("write the character itself, or a numeric reference such as `&#160;`"));
                        }
                    },
                    Err(e) => {
                        return Err(
                            Diagnostic::error(format!("bad character reference: {e}")).at(span)
                        );
                    }
                };
                push_text(&mut stack, &resolved, span)?;
            }
            Event::DocType(_) => {
                return Err(Diagnostic::error("DOCTYPE declarations are not allowed")
                    .at(span)
                    .with_label("remove this declaration")
                    .with_hint("Akoma Ntoso files are validated by schema; a DOCTYPE can make a file read other files"));
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if let Some((open, _)) = stack.last() {
        return Err(
            Diagnostic::error(format!("the element `{}` is never closed", open.name)).at(open.span),
        );
    }
    root.ok_or_else(|| Diagnostic::error("the file has no root element").at(Span::new(0, 0)))
}

fn too_big(span: Span, depth: bool) -> Diagnostic {
    let message = if depth {
        format!("elements are nested more than {MAX_DEPTH} levels deep")
    } else {
        format!("the file has more than {MAX_ELEMENTS} elements")
    };
    Diagnostic::error(message)
        .at(span)
        .with_hint("no resolution comes near this; check that this is the right file")
}

fn push_text(
    stack: &mut [(Element, Vec<(String, String)>)],
    text: &str,
    span: Span,
) -> Result<(), Diagnostic> {
    match stack.last_mut() {
        Some((parent, _)) => {
            // Merge with a preceding text node so a reference inside a word
            // does not split it.
            if let Some(Node::Text(prev)) = parent.children.last_mut() {
                prev.push_str(text);
            } else {
                parent.children.push(Node::Text(text.to_string()));
            }
            Ok(())
        }
        None if text.trim().is_empty() => Ok(()),
        None => Err(Diagnostic::error("there is text outside the root element").at(span)),
    }
}

fn open(
    tag: &BytesStart<'_>,
    span: Span,
    stack: &[(Element, Vec<(String, String)>)],
) -> Result<(Element, Vec<(String, String)>), Diagnostic> {
    let mut attributes = Vec::new();
    let mut bindings = Vec::new();
    for attr in tag.attributes() {
        let attr = attr.map_err(|e| Diagnostic::error(format!("bad attribute: {e}")).at(span))?;
        let key = attr.key.as_ref().to_string();
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| {
                Diagnostic::error(format!("bad value of attribute `{key}`: {e}"))
                    .at(span)
                    .with_hint("only the predefined entities and numeric references are allowed")
            })?
            .into_owned();
        if key == "xmlns" {
            bindings.push((String::new(), value.clone()));
        } else if let Some(prefix) = key.strip_prefix("xmlns:") {
            bindings.push((prefix.to_string(), value.clone()));
        }
        attributes.push((key, value));
    }
    let qualified = tag.name().as_ref().to_string();
    let (prefix, local) = match qualified.split_once(':') {
        Some((p, l)) => (p.to_string(), l.to_string()),
        None => (String::new(), qualified.clone()),
    };
    let namespace = bindings
        .iter()
        .rev()
        .chain(stack.iter().rev().flat_map(|(_, b)| b.iter().rev()))
        .find(|(p, _)| *p == prefix)
        .map(|(_, uri)| uri.clone())
        .filter(|uri| !uri.is_empty());
    let element = Element {
        name: local,
        namespace,
        attributes,
        children: Vec::new(),
        span,
    };
    Ok((element, bindings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_namespaces_and_references() {
        let root =
            parse(r#"<a xmlns="urn:x" xmlns:b="urn:y"><b:c k="1&amp;2">x&#65;&lt;</b:c></a>"#)
                .unwrap();
        assert_eq!(root.namespace.as_deref(), Some("urn:x"));
        let c = root.child("c").unwrap();
        assert_eq!(c.namespace.as_deref(), Some("urn:y"));
        assert_eq!(c.attr("k"), Some("1&2"));
        assert_eq!(c.text(), "xA<");
    }

    #[test]
    fn refuses_doctypes_entities_and_depth() {
        assert!(parse("<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>").is_err());
        assert!(parse("<a>&x;</a>").is_err());
        let deep = "<a>".repeat(MAX_DEPTH + 1) + &"</a>".repeat(MAX_DEPTH + 1);
        assert!(parse(&deep).unwrap_err().message.contains("nested"));
        assert!(parse("<a><b></a>").is_err());
    }
}
