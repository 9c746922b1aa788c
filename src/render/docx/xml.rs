//! A small layer over quick-xml's writer for the parts of the package.
//!
//! Every part is written through [`Xml`], which escapes text and attribute
//! values and strips the characters XML 1.0 forbids, so that no text from a
//! source can break a part. Property elements (`w:pPr`, `w:rPr`, …) are
//! gathered as [`Prop`]s and written in the order the schema requires,
//! which [`PPR_ORDER`] and [`RPR_ORDER`] keep as data.

use std::borrow::Cow;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

/// The WordprocessingML main namespace.
pub const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The relationships namespace used in part content (`r:id`).
pub const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Writes one XML part into memory.
pub struct Xml {
    writer: Writer<Vec<u8>>,
}

/// Writing into a `Vec` cannot fail; quick-xml still returns `io::Result`.
fn infallible(result: std::io::Result<()>) {
    result.expect("writing XML into memory cannot fail");
}

impl Xml {
    /// A part that starts with `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`.
    pub fn new() -> Self {
        let mut writer = Writer::new(Vec::with_capacity(16 * 1024));
        infallible(writer.write_event(Event::Decl(BytesDecl::new(
            "1.0",
            Some("UTF-8"),
            Some("yes"),
        ))));
        // Word writes a line break after the declaration; it keeps parts readable.
        writer.get_mut().push(b'\n');
        Xml { writer }
    }

    /// A fragment without the XML declaration, to be placed inside another
    /// part with [`Xml::raw`].
    pub fn fragment() -> Self {
        Xml {
            writer: Writer::new(Vec::new()),
        }
    }

    /// Appends a fragment written by another [`Xml`].
    pub fn raw(&mut self, fragment: &[u8]) {
        self.writer.get_mut().extend_from_slice(fragment);
    }

    /// Opens element `name` with attributes.
    pub fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let start = element(name, attrs);
        infallible(self.writer.write_event(Event::Start(start)));
    }

    /// Closes element `name`.
    pub fn end(&mut self, name: &str) {
        infallible(self.writer.write_event(Event::End(BytesEnd::new(name))));
    }

    /// Writes the empty element `name` with attributes.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let start = element(name, attrs);
        infallible(self.writer.write_event(Event::Empty(start)));
    }

    /// Writes text content, escaped, without the characters XML forbids.
    pub fn text(&mut self, text: &str) {
        let clean = xml_safe(text);
        infallible(self.writer.write_event(Event::Text(BytesText::new(&clean))));
    }

    /// Writes `<name attrs>text</name>`.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start(name, attrs);
        self.text(text);
        self.end(name);
    }

    /// Writes `props` inside `container` in the order given by `order`;
    /// writes nothing when there are none.
    pub fn props(&mut self, container: &str, order: &[&str], mut props: Vec<Prop>) {
        if props.is_empty() {
            return;
        }
        props.sort_by_key(|p| rank(order, p.tag));
        self.start(container, &[]);
        for prop in &props {
            self.prop(prop);
        }
        self.end(container);
    }

    /// Writes one property element.
    pub fn prop(&mut self, prop: &Prop) {
        let attrs: Vec<(&str, &str)> = prop.attrs.iter().map(|(k, v)| (*k, v.as_ref())).collect();
        match &prop.inner {
            Inner::None => self.empty(prop.tag, &attrs),
            Inner::Children(children) => {
                self.start(prop.tag, &attrs);
                for child in children {
                    self.prop(child);
                }
                self.end(prop.tag);
            }
        }
    }

    /// The bytes of the part.
    pub fn finish(self) -> Vec<u8> {
        self.writer.into_inner()
    }
}

fn element<'a>(name: &'a str, attrs: &[(&'a str, &'a str)]) -> BytesStart<'a> {
    let mut start = BytesStart::new(name);
    for (key, value) in attrs {
        let value = xml_safe(value);
        start.push_attribute((*key, value.as_ref()));
    }
    start
}

/// `props` in the order given by `order`, for property elements written
/// as children of another ([`Prop::parent`]).
pub fn in_order(order: &[&str], mut props: Vec<Prop>) -> Vec<Prop> {
    props.sort_by_key(|p| rank(order, p.tag));
    props
}

fn rank(order: &[&str], tag: &str) -> usize {
    let found = order.iter().position(|t| *t == tag);
    debug_assert!(
        found.is_some(),
        "`{tag}` is missing from its schema order table"
    );
    found.unwrap_or(usize::MAX)
}

/// `text` without the characters XML 1.0 does not allow (C0 controls other
/// than tab, line feed and carriage return, and U+FFFE, U+FFFF).
pub fn xml_safe(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| allowed(c)).collect())
    }
}

/// A property element: a tag with attributes and, for a few (`w:numPr`,
/// `w:tabs`), child elements.
#[derive(Debug, Clone, PartialEq)]
pub struct Prop {
    /// The element name, e.g. `w:jc`.
    pub tag: &'static str,
    /// Attributes in the order written.
    pub attrs: Vec<(&'static str, String)>,
    inner: Inner,
}

#[derive(Debug, Clone, PartialEq)]
enum Inner {
    None,
    /// Children written in the given order.
    Children(Vec<Prop>),
}

impl Prop {
    /// An empty element with attributes.
    pub fn new(tag: &'static str, attrs: &[(&'static str, &str)]) -> Self {
        Prop {
            tag,
            attrs: attrs.iter().map(|(k, v)| (*k, v.to_string())).collect(),
            inner: Inner::None,
        }
    }

    /// `<tag w:val="value"/>`.
    pub fn val(tag: &'static str, value: impl ToString) -> Self {
        Prop {
            tag,
            attrs: vec![("w:val", value.to_string())],
            inner: Inner::None,
        }
    }

    /// A toggle or flag with no attributes, e.g. `<w:b/>`.
    pub fn flag(tag: &'static str) -> Self {
        Prop::new(tag, &[])
    }

    /// An element whose children are written as given.
    pub fn parent(tag: &'static str, children: Vec<Prop>) -> Self {
        Prop {
            tag,
            attrs: Vec::new(),
            inner: Inner::Children(children),
        }
    }

    /// An element with attributes and children, written as given.
    pub fn parent_with(
        tag: &'static str,
        attrs: Vec<(&'static str, String)>,
        children: Vec<Prop>,
    ) -> Self {
        Prop {
            tag,
            attrs,
            inner: Inner::Children(children),
        }
    }
}

/// Child order of `w:pPr` (CT_PPr in wml.xsd).
pub const PPR_ORDER: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
];

/// Child order of `w:rPr` (CT_RPr in wml.xsd).
pub const RPR_ORDER: &[&str] = &[
    // The marks of an inserted or deleted paragraph mark (CT_ParaRPr).
    "w:ins",
    "w:del",
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
    "w:rPrChange",
];

/// Child order of `w:sectPr` (CT_SectPr in wml.xsd), after the header and
/// footer references.
pub const SECTPR_ORDER: &[&str] = &[
    "w:headerReference",
    "w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_stripped_and_markup_escaped() {
        let mut xml = Xml::new();
        xml.leaf("w:t", &[("a", "x\u{1}\"<")], "a\u{0}b<c>&\u{ffff}d\te");
        let out = String::from_utf8(xml.finish()).unwrap();
        assert!(
            out.ends_with("<w:t a=\"x&quot;&lt;\">ab&lt;c&gt;&amp;d\te</w:t>"),
            "{out}"
        );
    }

    #[test]
    fn properties_follow_the_schema_order() {
        let mut xml = Xml::new();
        xml.props(
            "w:rPr",
            RPR_ORDER,
            vec![
                Prop::val("w:lang", "fr-FR"),
                Prop::flag("w:b"),
                Prop::val("w:rStyle", "X"),
            ],
        );
        let out = String::from_utf8(xml.finish()).unwrap();
        assert!(
            out.ends_with(r#"<w:rPr><w:rStyle w:val="X"/><w:b/><w:lang w:val="fr-FR"/></w:rPr>"#),
            "{out}"
        );
    }
}
