//! A small element tree read safely from untrusted XML, for every reader
//! of an XML format (respub XML, Akoma Ntoso).
//!
//! This is the only place that sees raw XML. It refuses what respub never
//! needs and what makes XML dangerous — DOCTYPEs, entity declarations and
//! references to anything but the predefined and numeric entities — and it
//! bounds the depth and size of the tree before any recursion, so a hostile
//! file gives one clean error instead of a stack overflow or a hang.
//!
//! Every element, attribute and text keeps its byte span in the file. Names
//! are resolved against the namespace declarations in scope.

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::escape::EscapeError;
use quick_xml::events::attributes::AttrError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use crate::diag::Diagnostic;
use crate::model::Span;

/// The deepest nesting accepted. Real resolutions stay under 15 levels.
pub const MAX_DEPTH: usize = 100;

/// The most elements accepted in one file; real resolutions have fewer
/// than 2,000. At the limit, the PDF's layout takes a few seconds (10,000
/// list items: 3.4 s; 10,000 superscripts: 4 s).
pub const MAX_ELEMENTS: usize = 10_000;

/// The namespace of the `xml:` prefix, bound in every document.
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// An element name, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The namespace URI, if the name is in one.
    pub namespace: Option<String>,
    /// The local part.
    pub local: String,
    /// The name as written, with its prefix.
    pub qualified: String,
}

/// An attribute, its value unescaped and normalised.
#[derive(Debug, Clone)]
pub struct Attribute {
    /// The resolved name; unprefixed attributes are in no namespace.
    pub name: Name,
    /// The value.
    pub value: String,
    /// Where the whole `name="value"` is.
    pub span: Span,
    /// Where the value is, without its quotes.
    pub value_span: Span,
}

/// A child of an element.
#[derive(Debug, Clone)]
pub enum Node {
    /// An element.
    Element(Element),
    /// Character data, references resolved, whitespace as written.
    Text(Text),
}

/// A run of character data.
#[derive(Debug, Clone)]
pub struct Text {
    /// The characters.
    pub text: String,
    /// Where they are.
    pub span: Span,
}

impl Text {
    /// Whether the text is only XML whitespace (which layout may ignore).
    pub fn is_blank(&self) -> bool {
        self.text.chars().all(is_xml_space)
    }
}

impl Name {
    /// The local part, which is what readers match on.
    pub fn as_str(&self) -> &str {
        &self.local
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.local == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.local == *other
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.qualified)
    }
}

/// An element with its attributes and children.
#[derive(Debug, Clone)]
pub struct Element {
    /// The resolved name.
    pub name: Name,
    /// The attributes, in source order, namespace declarations excluded.
    pub attributes: Vec<Attribute>,
    /// The children.
    pub children: Vec<Node>,
    /// Where the start tag (or the empty-element tag) is.
    pub tag: Span,
    /// From the start tag to the end of the end tag.
    pub span: Span,
}

impl Element {
    /// The attribute with local name `name` in no namespace.
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes
            .iter()
            .find(|a| a.name.namespace.is_none() && a.name.local == name)
    }

    /// The span of the element name in its start tag (after `<`), the
    /// narrowest place to point at the element.
    pub fn name_span(&self) -> Span {
        let start = self.tag.start + 1;
        Span::new(start, start + self.name.qualified.len())
    }

    /// The value of the attribute written `name` (with its prefix, if any).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.name.qualified == name)
            .map(|a| a.value.as_str())
    }

    /// Whether the element is in namespace `uri`.
    pub fn in_namespace(&self, uri: &str) -> bool {
        self.name.namespace.as_deref() == Some(uri)
    }

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element named `name` (local name).
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
                Node::Text(t) => out.push_str(&t.text),
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

/// The XML whitespace characters (not the no-break space, which is text).
pub fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// What a format's root element is, for messages about a file that lacks
/// one or has two.
#[derive(Debug, Clone, Copy)]
pub struct Root {
    /// The root element's name: `resolution`, `akomaNtoso`.
    pub name: &'static str,
    /// What a file of the format is: "a respub source is one
    /// `<resolution xmlns=…>` element".
    pub hint: &'static str,
}

/// Parses `text` (which starts at byte `base` of the file) into a tree
/// whose root should be `root`. On failure, returns the diagnostics;
/// well-formedness errors stop the parse, so there is then exactly one.
pub fn parse(
    text: &str,
    base: usize,
    root: Root,
) -> Result<(Element, Vec<Diagnostic>), Vec<Diagnostic>> {
    parse_with_limit(text, base, root, MAX_ELEMENTS)
}

/// [`parse`], with at most `max_elements` elements: a part of a Word
/// package has an element per run and property, many more than a source.
pub fn parse_with_limit(
    text: &str,
    base: usize,
    root: Root,
    max_elements: usize,
) -> Result<(Element, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut parser = Parser {
        max_elements,
        root_kind: root,
        reader: Reader::from_str(text),
        text,
        base,
        stack: Vec::new(),
        scopes: Vec::new(),
        root: None,
        elements: 0,
        warnings: Vec::new(),
        version: XmlVersion::Implicit1_0,
    };
    let config = parser.reader.config_mut();
    config.check_end_names = true;
    config.check_comments = true;
    config.expand_empty_elements = false;
    config.trim_text(false);
    parser.run().map_err(|d| vec![d])?;
    match parser.root {
        Some(root) => Ok((root, parser.warnings)),
        None => Err(vec![
            Diagnostic::error("the file has no root element")
                .at(Span::new(base + text.len(), base + text.len()))
                .with_label(format!(
                    "expected `<{} …>` before the end of the file",
                    root.name
                ))
                .with_hint(root.hint),
        ]),
    }
}

struct Parser<'a> {
    root_kind: Root,
    reader: Reader<&'a [u8]>,
    text: &'a str,
    base: usize,
    /// Open elements, innermost last.
    stack: Vec<Element>,
    /// Namespace bindings declared on each open element: (prefix, uri);
    /// the empty prefix is the default namespace.
    scopes: Vec<Vec<(String, String)>>,
    root: Option<Element>,
    elements: usize,
    max_elements: usize,
    warnings: Vec<Diagnostic>,
    version: XmlVersion,
}

impl<'a> Parser<'a> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.base + start, self.base + end)
    }

    fn run(&mut self) -> Result<(), Diagnostic> {
        loop {
            let start = self.reader.buffer_position() as usize;
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(error) => return Err(self.xml_error(&error)),
            };
            let end = self.reader.buffer_position() as usize;
            match event {
                Event::Start(tag) => self.open(&tag, start, end)?,
                Event::Empty(tag) => {
                    self.open(&tag, start, end)?;
                    self.close(end);
                }
                Event::End(_) => self.close(end),
                Event::Text(text) => {
                    let content = text.xml_content(self.version);
                    self.text(content, start, end)?;
                }
                Event::CData(data) => {
                    let content = data.xml_content(self.version);
                    // Inside CDATA, markup characters are text: report
                    // nothing at the root level but keep the data.
                    self.text(content, start, end)?;
                }
                Event::GeneralRef(reference) => {
                    let c = self.reference(&reference, start, end)?;
                    self.text(Cow::Owned(c.to_string()), start, end)?;
                }
                Event::Comment(_) => {}
                Event::Decl(decl) => {
                    if let Ok(version) = decl.xml_version() {
                        self.version = version;
                    }
                    if let Some(Ok(encoding)) = decl.encoding()
                        && !encoding.eq_ignore_ascii_case("utf-8")
                        && !encoding.eq_ignore_ascii_case("utf8")
                    {
                        return Err(Diagnostic::error(format!(
                                "the XML declaration names the encoding `{encoding}`; respub sources are UTF-8"
                            ))
                            .at(self.span(start, end))
                            .with_label("declared here")
                            .with_hint("save the file as UTF-8 and write `<?xml version=\"1.0\" encoding=\"UTF-8\"?>`"));
                    }
                }
                Event::PI(pi) => {
                    self.warnings.push(
                        Diagnostic::warning(format!(
                            "the processing instruction `<?{}…?>` is ignored",
                            pi.target()
                        ))
                        .at(self.span(start, end))
                        .with_hint("respub takes no processing instructions; remove it"),
                    );
                }
                Event::DocType(_) => {
                    // Point at the keyword: a DTD can be long.
                    let keyword = (start + "<!DOCTYPE".len()).min(end);
                    return Err(Diagnostic::error("DOCTYPEs are not allowed: respub never expands entities")
                        .at(self.span(start, keyword))
                        .with_label("document type declaration")
                        .with_hint("delete the `<!DOCTYPE …>`; write special characters as themselves or as `&#…;`"));
                }
                Event::Eof => return self.finish(),
            }
        }
    }

    /// Checks the end of input: every element must be closed.
    fn finish(&mut self) -> Result<(), Diagnostic> {
        match self.stack.last() {
            Some(open) => Err(Diagnostic::error(format!(
                "the file ends before `<{}>` is closed",
                open.name.qualified
            ))
            .at(open.tag)
            .with_label("opened here and never closed")
            .with_hint(format!(
                "the file may be truncated; add `</{}>` where the element ends",
                open.name.qualified
            ))),
            None => Ok(()),
        }
    }

    fn open(&mut self, tag: &BytesStart<'_>, start: usize, end: usize) -> Result<(), Diagnostic> {
        let span = self.span(start, end);
        if self.stack.is_empty() && self.root.is_some() {
            return Err(Diagnostic::error("a second root element")
                .at(span)
                .with_label("after the end of the root element")
                .with_hint(format!(
                    "a source holds one `<{}>`; put each resolution in its own file",
                    self.root_kind.name
                )));
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(Diagnostic::error(format!(
                "elements are nested more than {MAX_DEPTH} levels deep"
            ))
            .at(span)
            .with_label(format!("level {}", self.stack.len() + 1))
            .with_hint(
                "no resolution nests this deep; check that elements are closed where they end",
            ));
        }
        self.elements += 1;
        if self.elements > self.max_elements {
            return Err(Diagnostic::error(format!(
                "the file has more than {} elements",
                self.max_elements
            ))
            .at(span)
            .with_hint("no resolution comes near this; check that this is a resolution source"));
        }
        let raw_name = tag.name().into_inner().to_string();
        // A `<` in a tag is never allowed. Outside quotes it means the tag
        // was not closed (`<clause <verb>`); inside, that it was not escaped.
        if let Some((at, quoted)) = stray_lt(tag.attributes_raw()) {
            let at = start + 1 + raw_name.len() + at;
            let error = if quoted {
                Diagnostic::error("`<` is not allowed in an attribute value")
                    .with_label("write `&lt;`")
                    .with_hint("write `&lt;` for a literal `<` in an attribute value")
            } else {
                Diagnostic::error(format!("`<` inside the tag `<{raw_name}`"))
                    .with_label(format!("`<{raw_name}` is not closed before this"))
                    .with_hint(format!("close the tag `<{raw_name}` with `>`"))
            };
            return Err(error.at(self.span(at, at + 1)));
        }
        // Gather attributes and namespace declarations first: a declaration
        // applies to the element that carries it.
        let mut declarations = Vec::new();
        let mut raw_attributes = Vec::new();
        let mut cursor = 1 + raw_name.len();
        for attribute in tag.attributes().with_checks(true) {
            let attribute = attribute.map_err(|e| self.attr_error(&e, start))?;
            let key = attribute.key.into_inner().to_string();
            let (attr_span, value_span) = self.locate_attribute(start, end, &key, &mut cursor);
            let value = match attribute.normalized_value_with(self.version, 1, predefined_entity) {
                Ok(value) => value.into_owned(),
                Err(error) => return Err(self.escape_error(&error, value_span)),
            };
            if key == "xmlns" {
                declarations.push((String::new(), value));
            } else if let Some(prefix) = key.strip_prefix("xmlns:") {
                declarations.push((prefix.to_string(), value));
            } else {
                raw_attributes.push((key, value, attr_span, value_span));
            }
        }
        self.scopes.push(declarations);
        let name = self.resolve(&raw_name, true, span)?;
        let mut attributes = Vec::with_capacity(raw_attributes.len());
        for (key, value, attr_span, value_span) in raw_attributes {
            attributes.push(Attribute {
                name: self.resolve(&key, false, attr_span)?,
                value,
                span: attr_span,
                value_span,
            });
        }
        self.stack.push(Element {
            name,
            attributes,
            children: Vec::new(),
            tag: span,
            span,
        });
        Ok(())
    }

    fn close(&mut self, end: usize) {
        // quick-xml has checked that end tags match, so the stack is never
        // empty here.
        let Some(mut element) = self.stack.pop() else {
            return;
        };
        self.scopes.pop();
        element.span.end = self.base + end;
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(Node::Element(element)),
            None => self.root = Some(element),
        }
    }

    fn text(&mut self, content: Cow<'_, str>, start: usize, end: usize) -> Result<(), Diagnostic> {
        let span = self.span(start, end);
        match self.stack.last_mut() {
            Some(parent) => {
                // Merge with a preceding text (split by a reference).
                if let Some(Node::Text(prev)) = parent.children.last_mut()
                    && prev.span.end == span.start
                {
                    prev.text.push_str(&content);
                    prev.span.end = span.end;
                    return Ok(());
                }
                parent.children.push(Node::Text(Text {
                    text: content.into_owned(),
                    span,
                }));
                Ok(())
            }
            None if content.chars().all(is_xml_space) => Ok(()),
            None => {
                let (message, label) = if self.root.is_some() {
                    (
                        "text after the root element",
                        format!("after `</{}>`", self.root_kind.name),
                    )
                } else {
                    ("text before the root element", "outside any element".into())
                };
                let offset = content.len() - content.trim_start_matches(is_xml_space).len();
                let at = self.base + start + offset.min(end - start);
                Err(Diagnostic::error(message)
                    .at(Span::new(at, (at + 1).min(self.base + end)))
                    .with_label(label)
                    .with_hint("everything in a source belongs inside its one root element"))
            }
        }
    }

    /// Resolves a character or entity reference; only the predefined and
    /// numeric ones are accepted.
    fn reference(
        &self,
        reference: &quick_xml::events::BytesRef<'_>,
        start: usize,
        end: usize,
    ) -> Result<char, Diagnostic> {
        let span = self.span(start, end);
        if reference.is_char_ref() {
            return match reference.resolve_char_ref() {
                Ok(Some(c)) if is_xml_char(c) => Ok(c),
                _ => Err(Diagnostic::error(
                    "this character reference does not name a character allowed in XML",
                )
                .at(span)
                .with_hint("write the character itself, or `&#160;` for a no-break space")),
            };
        }
        let name = reference.as_ref().to_string();
        match predefined_entity(&name) {
            Some(s) => Ok(s.chars().next().unwrap_or('&')),
            None => Err(Diagnostic::error(format!("the entity `&{name};` is not allowed"))
                .at(span)
                .with_label("unknown entity")
                .with_hint(
                    "respub knows only `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` and numeric references like `&#160;`; \
                     write the character itself",
                )),
        }
    }

    fn resolve(&self, raw: &str, element: bool, span: Span) -> Result<Name, Diagnostic> {
        let (prefix, local) = match raw.split_once(':') {
            Some((prefix, local)) => (Some(prefix), local),
            None => (None, raw),
        };
        let namespace = match prefix {
            Some("xml") => Some(XML_NS.to_string()),
            Some(prefix) => match self.lookup(prefix) {
                Some(uri) => Some(uri.to_string()),
                None => {
                    return Err(Diagnostic::error(format!("the prefix `{prefix}:` is not declared"))
                        .at(span)
                        .with_label(format!("in `{raw}`"))
                        .with_hint(format!(
                            "declare it with `xmlns:{prefix}=\"…\"`, or drop the prefix: respub elements are in the default namespace"
                        )));
                }
            },
            // The default namespace applies to elements only.
            None if element => self
                .lookup("")
                .filter(|uri| !uri.is_empty())
                .map(str::to_string),
            None => None,
        };
        Ok(Name {
            namespace,
            local: local.to_string(),
            qualified: raw.to_string(),
        })
    }

    fn lookup(&self, prefix: &str) -> Option<&str> {
        self.scopes
            .iter()
            .rev()
            .flat_map(|scope| scope.iter().rev())
            .find(|(p, _)| p == prefix)
            .map(|(_, uri)| uri.as_str())
    }

    /// Finds `key="value"` in the tag `start..end`, searching from `cursor`
    /// (relative to the tag) since attributes come in order.
    fn locate_attribute(
        &self,
        start: usize,
        end: usize,
        key: &str,
        cursor: &mut usize,
    ) -> (Span, Span) {
        let tag = &self.text.as_bytes()[start..end];
        let mut at = *cursor;
        while at + key.len() <= tag.len() {
            let preceded = at > 0 && tag[at - 1].is_ascii_whitespace();
            if preceded && &tag[at..at + key.len()] == key.as_bytes() {
                let mut p = at + key.len();
                while p < tag.len() && (tag[p].is_ascii_whitespace() || tag[p] == b'=') {
                    p += 1;
                }
                if p < tag.len() && (tag[p] == b'"' || tag[p] == b'\'') {
                    let quote = tag[p];
                    let value_start = p + 1;
                    let value_end = tag[value_start..]
                        .iter()
                        .position(|&b| b == quote)
                        .map_or(tag.len(), |i| value_start + i);
                    *cursor = (value_end + 1).min(tag.len());
                    return (
                        self.span(start + at, start + *cursor),
                        self.span(start + value_start, start + value_end),
                    );
                }
            }
            at += 1;
        }
        let whole = self.span(start, end);
        (whole, whole)
    }

    fn attr_error(&self, error: &AttrError, tag_start: usize) -> Diagnostic {
        // Positions in attribute errors count from the byte after `<`.
        let at = |p: usize| self.span(tag_start + 1 + p, tag_start + 2 + p);
        match error {
            AttrError::ExpectedEq(p) => {
                Diagnostic::error("an attribute name without `=` and a value")
                    .at(at(*p))
                    .with_label("expected `=`")
                    .with_hint("write attributes as `name=\"value\"`")
            }
            AttrError::ExpectedValue(p) => Diagnostic::error("an attribute without a value")
                .at(at(*p))
                .with_label("expected a quoted value")
                .with_hint("write attributes as `name=\"value\"`"),
            AttrError::UnquotedValue(p) => Diagnostic::error("an attribute value without quotes")
                .at(at(*p))
                .with_label("expected `\"`")
                .with_hint("put the value between double quotes: `name=\"value\"`"),
            AttrError::ExpectedQuote(p, quote) => Diagnostic::error(format!(
                "an attribute value is not closed with `{}`",
                char::from(*quote)
            ))
            .at(at(*p))
            .with_hint("close the value with the quote it opened with"),
            AttrError::Duplicated(p, _) => Diagnostic::error("the same attribute is given twice")
                .at(at(*p))
                .with_label("repeated here")
                .with_hint("keep one of them"),
        }
    }

    fn escape_error(&self, error: &quick_xml::Error, value: Span) -> Diagnostic {
        match error {
            quick_xml::Error::Escape(EscapeError::UnrecognizedEntity(range, name)) => {
                let span = Span::new(
                    value.start + range.start.saturating_sub(1),
                    value.start + range.end + 1,
                );
                Diagnostic::error(format!("the entity `&{name};` is not allowed"))
                    .at(span)
                    .with_label("unknown entity")
                    .with_hint("respub knows only the five predefined entities and numeric references like `&#160;`")
            }
            other => Diagnostic::error(format!("this attribute value is not valid XML: {other}"))
                .at(value)
                .with_hint("write `&amp;` for a literal `&`"),
        }
    }

    fn xml_error(&self, error: &quick_xml::Error) -> Diagnostic {
        use quick_xml::errors::{IllFormedError as I, SyntaxError as S};
        let position = self.reader.error_position() as usize;
        let here = self.span(position, (position + 1).min(self.text.len()));
        let diagnostic =
            |message: String, hint: &str| Diagnostic::error(message).at(here).with_hint(hint);
        match error {
            quick_xml::Error::Syntax(syntax) => {
                let hint = match syntax {
                    S::InvalidBangMarkup => {
                        "after `<!` only `--` (a comment) or `[CDATA[` may follow"
                    }
                    S::UnclosedPI | S::UnclosedXmlDecl => "close it with `?>`",
                    S::UnclosedComment => "close the comment with `-->`",
                    S::UnclosedDoctype => "respub refuses DOCTYPEs anyway: delete it",
                    S::UnclosedCData => "close it with `]]>`",
                    S::UnclosedTag => "close the tag with `>`; the file may be truncated",
                    S::UnclosedSingleQuotedAttributeValue
                    | S::UnclosedDoubleQuotedAttributeValue => {
                        "close the attribute value with its quote"
                    }
                };
                diagnostic(format!("malformed XML: {syntax}"), hint).with_label("here")
            }
            quick_xml::Error::IllFormed(ill) => {
                match ill {
                    I::MismatchedEndTag { expected, found } => {
                        let opened = self.stack.last().map(|e| e.tag);
                        let mut d = Diagnostic::error(format!(
                        "`</{found}>` closes `<{expected}>`: elements are not nested properly"
                    ))
                    .at(self.span(position, position + found.len() + 3))
                    .with_label(format!("expected `</{expected}>`"))
                    .with_hint(format!("close `<{expected}>` before `</{found}>`, or check for a missing start tag"));
                        if let Some(opened) = opened {
                            let (line, column) =
                                crate::diag::line_column(self.text, opened.start - self.base);
                            d = d.with_hint(format!(
                                "`<{expected}>` was opened at line {line}, column {column}"
                            ));
                        }
                        d
                    }
                    I::UnmatchedEndTag(name) => {
                        Diagnostic::error(format!("`</{name}>` closes an element that is not open"))
                            .at(self.span(position, position + name.len() + 3))
                            .with_label("no matching start tag")
                            .with_hint("remove it, or add the missing start tag")
                    }
                    I::MissingEndTag(name) => diagnostic(
                        format!("`<{name}>` is never closed"),
                        "the file may be truncated; add the end tag",
                    ),
                    I::MissingDeclVersion(_) | I::UnknownVersion => diagnostic(
                        format!("malformed XML declaration: {ill}"),
                        "write `<?xml version=\"1.0\" encoding=\"UTF-8\"?>`",
                    ),
                    I::MissingDoctypeName => diagnostic(
                        "DOCTYPEs are not allowed: respub never expands entities".into(),
                        "delete the `<!DOCTYPE …>`",
                    ),
                    I::DoubleHyphenInComment => diagnostic(
                        "`--` inside a comment is not allowed in XML".into(),
                        "write it otherwise, for example `- -`",
                    ),
                    I::UnclosedReference => diagnostic(
                        "a `&` that does not start a reference".into(),
                        "write a literal ampersand as `&amp;`",
                    )
                    .with_label("bare `&`"),
                }
            }
            quick_xml::Error::Encoding(e) => diagnostic(
                format!("the file is not valid UTF-8: {e}"),
                "save the file as UTF-8",
            ),
            quick_xml::Error::Escape(e) => diagnostic(
                format!("invalid reference: {e}"),
                "write a literal `&` as `&amp;`",
            ),
            quick_xml::Error::InvalidAttr(e) => {
                let tag_start = self.text[..position.min(self.text.len())]
                    .rfind('<')
                    .unwrap_or(0);
                self.attr_error(e, tag_start)
            }
            other => diagnostic(
                format!("malformed XML: {other}"),
                "check the XML around this position",
            ),
        }
    }
}

/// The offset of the first `<` in the attributes of a tag, and whether it
/// is inside a quoted value.
fn stray_lt(attributes: &str) -> Option<(usize, bool)> {
    let mut quote = None;
    for (at, c) in attributes.char_indices() {
        match (c, quote) {
            ('<', q) => return Some((at, q.is_some())),
            ('"' | '\'', None) => quote = Some(c),
            (c, Some(q)) if c == q => quote = None,
            _ => {}
        }
    }
    None
}

/// The five predefined entities; nothing else is ever expanded.
fn predefined_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return None,
    })
}

pub use crate::chars::is_xml_char;
