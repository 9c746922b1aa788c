//! From the element tree to the model, checking the vocabulary on the way.
//!
//! Every problem is recorded and the walk goes on past it (an unknown
//! element is reported and skipped), so one run reports everything it can.
//! Recursion follows the tree, whose depth the parser has already bounded.

use crate::diag::Diagnostic;
use crate::model::{
    Annex, Block, Clause, Committee, Counter, Date, Footnote, Heading, Inline, LabelPattern,
    Language, Link, List, ListItem, Meta, Operative, Organisation, Paragraph, Reference,
    RelatedDocument, Resolution, ResolutionNumber, Session, Span, Status, StatusKind, Tally, Vote,
};

use super::tree::{Attribute, Element, Node, is_xml_space};
use super::vocabulary::{self, INLINE, NAMESPACE};

/// More errors than this in one file are summarised: past this point they
/// are almost always one mistake repeated.
const MAX_ERRORS: usize = 100;

/// The patterns of lists without a `pattern` attribute, by nesting depth.
pub const DEFAULT_PATTERNS: [&str; 3] = ["1.", "(a)", "(i)"];

/// The top-level parts of a resolution, in the order they must come.
const PARTS: [&str; 7] = [
    "meta",
    "opening",
    "preamble",
    "operative",
    "closing",
    "adoption",
    "annex",
];

/// Converts the root element, returning the model and every diagnostic.
pub fn resolution(root: &Element) -> (Resolution, Vec<Diagnostic>) {
    let mut reader = Reader::default();
    let res = reader.resolution(root);
    let mut diagnostics = reader.diagnostics;
    if reader.errors > MAX_ERRORS {
        diagnostics.push(Diagnostic::error(format!(
            "{} more errors are not shown",
            reader.errors - MAX_ERRORS
        )));
    }
    (res, diagnostics)
}

/// Converts a standalone `<meta>` element (as [`crate::render::xml::meta_xml`]
/// writes it), returning the metadata and every diagnostic.
pub fn meta(el: &Element) -> (Meta, Vec<Diagnostic>) {
    let mut reader = Reader::default();
    let meta = reader.meta(el);
    (meta, reader.diagnostics)
}

#[derive(Default)]
struct Reader {
    diagnostics: Vec<Diagnostic>,
    errors: usize,
    /// Nesting depth of lists, for their default pattern.
    list_depth: usize,
    /// Whether the walk is inside a footnote, or a link.
    in_note: bool,
    in_link: bool,
}

/// A run of inline nodes waiting to become a paragraph.
type Run<'e> = Vec<&'e Node>;

impl Reader {
    fn report(&mut self, diagnostic: Diagnostic) {
        if diagnostic.is_error() {
            self.errors += 1;
            if self.errors > MAX_ERRORS {
                return;
            }
        }
        self.diagnostics.push(diagnostic);
    }

    // ----- Generic checks -------------------------------------------------

    /// Checks the attributes of `el` against the vocabulary.
    fn attributes(&mut self, el: &Element) {
        let Some(spec) = vocabulary::element_spec(&el.name.local) else {
            return;
        };
        for attr in &el.attributes {
            let written = attr.name.qualified.as_str();
            let known = spec.attributes.iter().any(|a| {
                if a.name == "xml:lang" {
                    attr.name.local == "lang"
                        && attr.name.namespace.as_deref() == Some(XML_NAMESPACE)
                } else {
                    attr.name.namespace.is_none() && a.name == attr.name.local
                }
            });
            if known {
                continue;
            }
            let names = || spec.attributes.iter().map(|a| a.name);
            let mut d = Diagnostic::error(format!(
                "unknown attribute `{written}` on `<{}>`",
                el.name.local
            ))
            .at(attr.span)
            .with_label("not a respub attribute here");
            d = match vocabulary::closest(written, names()) {
                Some(near) => d.with_hint(format!("did you mean `{near}`?")),
                None if spec.attributes.is_empty() => {
                    d.with_hint(format!("`<{}>` takes no attributes", el.name.local))
                }
                None => d.with_hint(format!(
                    "`<{}>` takes {}",
                    el.name.local,
                    list_names(names(), "`", "`")
                )),
            };
            self.report(d);
        }
        for missing in spec.attributes.iter().filter(|a| a.required) {
            let present = el
                .attributes
                .iter()
                .any(|a| a.name.qualified == missing.name);
            if !present {
                self.report(
                    Diagnostic::error(format!(
                        "`<{}>` has no `{}` attribute",
                        el.name.local, missing.name
                    ))
                    .at(el.name_span())
                    .with_label(format!("`{}` missing", missing.name))
                    .with_hint(attribute_example(&el.name.local, missing.name)),
                );
            }
        }
    }

    /// Checks that `child` is a respub element allowed in `parent`; reports
    /// it otherwise. Returns its local name when it may be read.
    fn allowed<'e>(
        &mut self,
        parent: &Element,
        child: &'e Element,
        allowed: &[&str],
    ) -> Option<&'e str> {
        let name = child.name.local.as_str();
        if child.name.namespace.as_deref() != Some(NAMESPACE) {
            let d = match &child.name.namespace {
                None => Diagnostic::error(format!(
                    "`<{}>` is in no namespace",
                    child.name.qualified
                ))
                .with_hint(format!(
                    "respub elements are in `{NAMESPACE}`; declare it on the root with `xmlns`"
                )),
                Some(ns) => Diagnostic::error(format!(
                    "`<{}>` is in the namespace `{ns}`, which respub does not read",
                    child.name.qualified
                ))
                .with_hint("remove it; a source holds only respub elements"),
            };
            self.report(d.at(child.name_span()).with_label("foreign element"));
            return None;
        }
        if allowed.contains(&name) {
            self.attributes(child);
            return Some(name);
        }
        let here = format!("`<{}>`", parent.name.local);
        let allowed_list = if allowed.is_empty() {
            format!("{here} takes no elements")
        } else {
            format!(
                "allowed in {here}: {}",
                list_names(allowed.iter().copied(), "`<", ">`")
            )
        };
        let d = if vocabulary::element_spec(name).is_some() {
            Diagnostic::error(format!("`<{name}>` is not allowed in {here}"))
                .at(child.name_span())
                .with_label("not allowed here")
                .with_hint(allowed_list)
        } else {
            let all = vocabulary::ELEMENTS.iter().map(|e| e.name);
            let near = vocabulary::closest(name, allowed.iter().copied())
                .or_else(|| vocabulary::closest(name, all));
            let mut d = Diagnostic::error(format!("unknown element `<{name}>`"))
                .at(child.name_span())
                .with_label("not a respub element");
            if let Some(near) = near {
                d = d.with_hint(format!("did you mean `<{near}>`?"));
            }
            d.with_hint(allowed_list)
        };
        self.report(d);
        None
    }

    /// Reports non-blank text in an element that takes none.
    fn no_text(&mut self, parent: &Element, node: &Node, hint: &str) -> bool {
        let Node::Text(text) = node else { return false };
        if !text.is_blank() {
            let offset = text.text.len() - text.text.trim_start_matches(is_xml_space).len();
            // Text spans are byte exact unless a reference was resolved
            // inside; point at the first character either way.
            let start = (text.span.start + offset).min(text.span.end);
            let first = text.text[offset..].chars().next().map_or(1, char::len_utf8);
            self.report(
                Diagnostic::error(format!(
                    "text is not allowed directly in `<{}>`",
                    parent.name.local
                ))
                .at(Span::new(start, (start + first).min(text.span.end)))
                .with_label("text here")
                .with_hint(hint.to_string()),
            );
        }
        true
    }

    /// The text of an element that holds only text, whitespace collapsed.
    fn text_only(&mut self, el: &Element) -> Option<String> {
        let mut text = String::new();
        for node in &el.children {
            match node {
                Node::Text(t) => text.push_str(&t.text),
                Node::Element(child) => {
                    self.report(
                        Diagnostic::error(format!("`<{}>` holds only text", el.name.local))
                            .at(child.name_span())
                            .with_label(format!("`<{}>` not allowed here", child.name.local))
                            .with_hint("remove the markup and keep its text"),
                    );
                }
            }
        }
        let text = collapse(&text);
        if text.is_empty() {
            self.report(
                Diagnostic::error(format!("`<{}>` is empty", el.name.local))
                    .at(el.span)
                    .with_hint("write its text, or remove the element if it is optional"),
            );
            return None;
        }
        Some(text)
    }

    fn attribute_value<'e>(&mut self, el: &'e Element, name: &str) -> Option<&'e Attribute> {
        let attr = el.attribute(name)?;
        if attr.value.trim().is_empty() {
            self.report(
                Diagnostic::error(format!(
                    "the `{name}` attribute of `<{}>` is empty",
                    el.name.local
                ))
                .at(attr.span)
                .with_hint("give it a value or remove it"),
            );
            return None;
        }
        Some(attr)
    }

    fn text_attribute(&mut self, el: &Element, name: &str) -> Option<String> {
        self.attribute_value(el, name).map(|a| collapse(&a.value))
    }

    /// The `label` of a clause or an item. Empty, it is a label still: the
    /// part is printed without one and takes no number (the titled
    /// sections of UN operative parts).
    fn label(&mut self, el: &Element) -> Option<String> {
        let attr = el.attribute("label")?;
        Some(collapse(&attr.value))
    }

    fn date_attribute(&mut self, el: &Element, name: &str) -> Option<(Date, Span)> {
        let attr = self.attribute_value(el, name)?;
        let value = attr.value.trim();
        match Date::parse_iso(value) {
            Some(date) => Some((date, attr.value_span)),
            None => {
                let shape_ok = value.len() == 10
                    && value.bytes().enumerate().all(|(i, b)| {
                        if i == 4 || i == 7 {
                            b == b'-'
                        } else {
                            b.is_ascii_digit()
                        }
                    });
                let message = if shape_ok {
                    format!("`{value}` is not a date of the calendar")
                } else {
                    format!("`{value}` is not a date in the form YYYY-MM-DD")
                };
                self.report(
                    Diagnostic::error(message)
                        .at(attr.value_span)
                        .with_label("invalid date")
                        .with_hint("write dates as YYYY-MM-DD, e.g. `2017-09-29`"),
                );
                None
            }
        }
    }

    // ----- The resolution -------------------------------------------------

    fn resolution(&mut self, root: &Element) -> Resolution {
        self.attributes(root);
        let mut res = Resolution::default();
        if let Some(lang) = root
            .attributes
            .iter()
            .find(|a| a.name.local == "lang" && a.name.namespace.as_deref() == Some(XML_NAMESPACE))
        {
            let tag = lang.value.trim();
            if is_language_tag(tag) {
                res.meta.language = Language(tag.to_string());
            } else {
                self.report(
                    Diagnostic::error(format!("`{tag}` is not a language tag"))
                        .at(lang.value_span)
                        .with_label("expected a BCP 47 tag")
                        .with_hint("write the language as `fr`, `en`, `es`, `ar` or another BCP 47 tag such as `fr-CH`"),
                );
            }
        }
        let mut last_part: Option<(usize, &str)> = None;
        let mut seen_parts: Vec<&str> = Vec::new();
        let mut seen_meta = false;
        let mut seen_operative = false;
        for node in &root.children {
            if self.no_text(
                root,
                node,
                "text goes inside `<opening>`, a `<clause>` or another part",
            ) {
                continue;
            }
            let Node::Element(el) = node else { continue };
            let Some(name) = self.allowed(root, el, &PARTS) else {
                continue;
            };
            let order = PARTS.iter().position(|p| *p == name).unwrap_or(0);
            let repeated = name != "annex" && seen_parts.contains(&name);
            if let Some((last, last_name)) = last_part
                && (repeated || order < last)
            {
                let message = if repeated {
                    format!("a second `<{name}>`")
                } else {
                    format!("`<{name}>` comes after `<{last_name}>`")
                };
                self.report(
                    Diagnostic::error(message)
                        .at(el.name_span())
                        .with_label("out of place")
                        .with_hint(format!(
                            "the parts of a resolution come once each, in this order: {}",
                            list_names(PARTS.iter().copied(), "`<", ">`")
                        )),
                );
                continue;
            }
            last_part = Some((order, name));
            seen_parts.push(name);
            match name {
                "meta" => {
                    seen_meta = true;
                    let language = res.meta.language.clone();
                    res.meta = self.meta(el);
                    res.meta.language = language;
                }
                "opening" => res.opening = self.paragraph(el),
                "preamble" => res.preamble = self.clauses(el),
                "operative" => {
                    seen_operative = true;
                    res.operative = self.operative(el);
                }
                "closing" => res.closing = self.paragraph(el),
                "adoption" => res.adoption = self.paragraph(el),
                "annex" => {
                    if let Some(annex) = self.annex(el) {
                        res.annexes.push(annex);
                    }
                }
                _ => {}
            }
        }
        for (seen, part, hint) in [
            (
                seen_meta,
                "meta",
                "add `<meta>` with the reference, number, organisation and status",
            ),
            (
                seen_operative,
                "operative",
                "add `<operative>` with the clauses that decide",
            ),
        ] {
            if !seen {
                self.report(
                    Diagnostic::error(format!("the resolution has no `<{part}>`"))
                        .at(root.name_span())
                        .with_label(format!("`<{part}>` missing"))
                        .with_hint(hint),
                );
            }
        }
        res
    }

    // ----- Metadata -------------------------------------------------------

    fn meta(&mut self, el: &Element) -> Meta {
        const CHILDREN: [&str; 15] = [
            "reference",
            "number",
            "organisation",
            "body",
            "session",
            "subject",
            "status",
            "distribution",
            "agenda-item",
            "committee",
            "meeting",
            "keyword",
            "related",
            "vote",
            "lint",
        ];
        let allowed = &CHILDREN;
        let mut meta = Meta {
            span: Some(el.span),
            ..Meta::default()
        };
        let mut seen: Vec<&str> = Vec::new();
        let mut number_span = None;
        for node in &el.children {
            if self.no_text(
                el,
                node,
                "metadata goes in the elements of `<meta>`, such as `<subject>`",
            ) {
                continue;
            }
            let Node::Element(child) = node else { continue };
            let Some(name) = self.allowed(el, child, allowed) else {
                continue;
            };
            if !matches!(name, "keyword" | "related") {
                if seen.contains(&name) {
                    self.report(
                        Diagnostic::error(format!("a second `<{name}>` in `<meta>`"))
                            .at(child.name_span())
                            .with_label("repeated")
                            .with_hint(format!(
                                "a resolution has one `<{name}>`; keep the right one"
                            )),
                    );
                    continue;
                }
                seen.push(name);
            }
            match name {
                "reference" => {
                    if let Some(text) = self.text_only(child) {
                        meta.reference = Reference(text);
                    }
                }
                "number" => {
                    if let Some(text) = self.text_only(child) {
                        number_span = Some(child.span);
                        meta.number = ResolutionNumber(text);
                    }
                }
                "organisation" => {
                    if let Some(name) = self.text_only(child) {
                        meta.organisation = Organisation {
                            name,
                            short: self.text_attribute(child, "short"),
                        };
                    }
                }
                "body" => meta.body = self.text_only(child),
                "distribution" => meta.distribution = self.text_only(child),
                "agenda-item" => meta.agenda_item = self.text_only(child),
                "committee" => {
                    self.empty_element(child);
                    meta.committee = Some(Committee {
                        name: self.text_attribute(child, "name"),
                        document: self.text_attribute(child, "document"),
                    });
                }
                "meeting" => {
                    if let Some(text) = self.text_only(child) {
                        if !text.chars().all(|c| c.is_ascii_digit()) {
                            self.report(
                                Diagnostic::error(format!("the meeting `{text}` is not a number"))
                                    .at(child.span)
                                    .with_hint("write the number of the meeting alone, e.g. `<meeting>40</meeting>`"),
                            );
                        }
                        meta.meeting = Some(text);
                    }
                }
                "keyword" => meta.keywords.extend(self.text_only(child)),
                "subject" => meta.subject = self.paragraph(child),
                "session" => meta.session = Some(self.session(child)),
                "status" => {
                    if let Some(status) = self.status(child) {
                        meta.status = status;
                    }
                }
                "related" => meta.related.extend(self.related(child)),
                "vote" => meta.vote = Some(self.vote(child)),
                "lint" => {
                    self.empty_element(child);
                    if let Some(rules) = self.text_attribute(child, "allow") {
                        meta.lint_allow = rules.split_whitespace().map(String::from).collect();
                    }
                }
                _ => {}
            }
        }
        for (name, example) in [
            ("reference", "<reference>GA-2017-86-RES-06</reference>"),
            ("number", "<number>6</number>"),
            (
                "organisation",
                "<organisation short=\"INTERPOL\">O.I.P.C.-INTERPOL</organisation>",
            ),
            ("status", "<status value=\"adopted\"/>"),
        ] {
            if !seen.contains(&name) {
                self.report(
                    Diagnostic::error(format!("the metadata has no `<{name}>`"))
                        .at(el.name_span())
                        .with_label(format!("`<{name}>` missing"))
                        .with_hint(format!("add it to `<meta>`, e.g. `{example}`")),
                );
            }
        }
        // A document without a number of its own (a draft, a presidential
        // statement) is titled by its symbol: its number is its reference.
        if let Some(span) = number_span
            && meta.number.value().is_none()
            && meta.number.0 != meta.reference.0
        {
            self.report(
                Diagnostic::error(format!(
                    "the resolution number `{}` does not start with a number",
                    meta.number
                ))
                .at(span)
                .with_hint(format!(
                    "write the number as printed in the title, e.g. `6` or `2722 (2024)`; a document without a number of its own takes its reference, `{}`",
                    meta.reference
                )),
            );
        }
        // The number in the reference must be the resolution's number.
        if let (Some(in_reference), Some(number), Some(span)) = (
            meta.reference.resolution_number(),
            meta.number.value(),
            number_span,
        ) && in_reference != number
        {
            self.report(
                Diagnostic::error(format!(
                    "the number {number} contradicts the reference `{}`, which says {in_reference}",
                    meta.reference
                ))
                .at(span)
                .with_label(format!("number {number}"))
                .with_hint(format!(
                    "correct `<number>` or `<reference>`: `{}` is resolution {in_reference}",
                    meta.reference
                )),
            );
        }
        meta
    }

    fn session(&mut self, el: &Element) -> Session {
        self.empty_element(el);
        let start = self.date_attribute(el, "start");
        let end = self.date_attribute(el, "end");
        if let (Some((start, _)), Some((end, end_span))) = (start, end)
            && end < start
        {
            self.report(
                Diagnostic::error(format!(
                    "the session ends ({end}) before it starts ({start})"
                ))
                .at(end_span)
                .with_label("before the start")
                .with_hint("check the `start` and `end` dates"),
            );
        }
        Session {
            number: self.text_attribute(el, "number"),
            place: self.text_attribute(el, "place"),
            country: self.text_attribute(el, "country"),
            start: start.map(|d| d.0),
            end: end.map(|d| d.0),
            name: self.text_attribute(el, "name"),
        }
    }

    fn status(&mut self, el: &Element) -> Option<Status> {
        self.empty_element(el);
        let date = self.date_attribute(el, "date").map(|d| d.0);
        let attr = el.attribute("value")?;
        let value = attr.value.trim();
        match StatusKind::from_keyword(value) {
            Some(kind) => Some(Status { kind, date }),
            None => {
                let keywords = StatusKind::ALL.map(StatusKind::keyword);
                let mut d = Diagnostic::error(format!("unknown status `{value}`"))
                    .at(attr.value_span)
                    .with_label("not a status");
                if let Some(near) = vocabulary::closest(value, keywords) {
                    d = d.with_hint(format!("did you mean `{near}`?"));
                }
                self.report(d.with_hint(format!(
                    "the status is one of {}",
                    list_names(keywords, "`", "`")
                )));
                None
            }
        }
    }

    fn related(&mut self, el: &Element) -> Option<RelatedDocument> {
        let reference = self.text_attribute(el, "ref")?;
        let title = if el
            .children
            .iter()
            .all(|n| matches!(n, Node::Text(t) if t.is_blank()))
        {
            None
        } else {
            self.text_only(el)
        };
        Some(RelatedDocument {
            reference: Reference(reference),
            relation: self.text_attribute(el, "relation"),
            title,
            href: self.text_attribute(el, "href"),
        })
    }

    fn vote(&mut self, el: &Element) -> Vote {
        let mut vote = Vote::default();
        let mut seen: Vec<&str> = Vec::new();
        for node in &el.children {
            if self.no_text(
                el,
                node,
                "the sides of a vote go in `<in-favour>`, `<against>` and `<abstaining>`",
            ) {
                continue;
            }
            let Node::Element(child) = node else { continue };
            let Some(name) = self.allowed(el, child, &["in-favour", "against", "abstaining"])
            else {
                continue;
            };
            if seen.contains(&name) {
                self.report(
                    Diagnostic::error(format!("a second `<{name}>` in `<vote>`"))
                        .at(child.name_span())
                        .with_label("repeated")
                        .with_hint(format!(
                            "a vote has one `<{name}>`; put all its members in it"
                        )),
                );
                continue;
            }
            seen.push(name);
            let tally = self.tally(child);
            match name {
                "in-favour" => vote.in_favour = tally,
                "against" => vote.against = tally,
                _ => vote.abstaining = tally,
            }
        }
        vote
    }

    /// One side of a vote: its count and the members who voted so.
    fn tally(&mut self, el: &Element) -> Tally {
        let count = match self.attribute_value(el, "count") {
            None => 0,
            Some(attr) => match attr.value.trim().parse::<u32>() {
                Ok(count) => count,
                Err(_) => {
                    self.report(
                        Diagnostic::error(format!("`{}` is not a number of votes", attr.value))
                            .at(attr.value_span)
                            .with_label("not a count")
                            .with_hint("`count` is a whole number from 0, e.g. `count=\"13\"`"),
                    );
                    0
                }
            },
        };
        let mut members = Vec::new();
        for node in &el.children {
            if self.no_text(el, node, "each member goes in a `<member>`") {
                continue;
            }
            let Node::Element(child) = node else { continue };
            if self.allowed(el, child, &["member"]).is_some() {
                members.extend(self.text_only(child));
            }
        }
        Tally { count, members }
    }

    /// Reports any content of an element that must be empty.
    fn empty_element(&mut self, el: &Element) {
        for node in &el.children {
            let span = match node {
                Node::Text(t) if t.is_blank() => continue,
                Node::Text(t) => t.span,
                Node::Element(child) => child.span,
            };
            self.report(
                Diagnostic::error(format!("`<{}>` takes no content", el.name.local))
                    .at(span)
                    .with_label("content here")
                    .with_hint(format!(
                        "everything about it goes in its attributes: write `<{} …/>`",
                        el.name.local
                    )),
            );
            return;
        }
    }

    // ----- Clauses and blocks ---------------------------------------------

    fn clauses(&mut self, el: &Element) -> Vec<Clause> {
        let mut clauses = Vec::new();
        for node in &el.children {
            if self.no_text(el, node, "each clause goes in a `<clause>`") {
                continue;
            }
            let Node::Element(child) = node else { continue };
            if self.allowed(el, child, &["clause"]).is_some() {
                clauses.extend(self.clause(child));
            }
        }
        if clauses.is_empty() && !el.children.iter().any(|n| matches!(n, Node::Element(_))) {
            self.report(
                Diagnostic::error(format!("`<{}>` has no clauses", el.name.local))
                    .at(el.span)
                    .with_hint("add its `<clause>` elements, or remove it"),
            );
        }
        clauses
    }

    fn operative(&mut self, el: &Element) -> Operative {
        let numbering = el.attribute("numbering").and_then(|a| self.pattern(a));
        Operative {
            numbering,
            clauses: self.clauses(el),
        }
    }

    fn clause(&mut self, el: &Element) -> Option<Clause> {
        // Clauses may carry headings: UN texts title the sections of long
        // operative parts ("Asset freeze", "Travel ban").
        let blocks = self.flow(el, &["heading", "p", "list"]);
        if blocks.is_empty() {
            self.report(
                Diagnostic::error("empty clause")
                    .at(el.span)
                    .with_hint("write the clause's text, or remove the element"),
            );
            return None;
        }
        let clause = Clause {
            label: self.label(el),
            blocks,
            span: Some(el.span),
        };
        if clause.verb().is_none() {
            self.report(
                Diagnostic::warning("the clause does not open with a `<verb>`")
                    .at(el.name_span())
                    .with_label("no leading verb")
                    .with_hint("mark its leading verb or participle, e.g. `<clause><verb>DECIDES</verb> that …</clause>`"),
            );
        }
        Some(clause)
    }

    /// Mixed content: runs of text and inline elements become paragraphs,
    /// interrupted by the block elements in `blocks`.
    fn flow(&mut self, el: &Element, blocks: &[&str]) -> Vec<Block> {
        let mut out = Vec::new();
        let mut run: Run<'_> = Vec::new();
        let mut allowed: Vec<&str> = INLINE.to_vec();
        allowed.extend_from_slice(blocks);
        for node in &el.children {
            match node {
                Node::Text(_) => run.push(node),
                Node::Element(child) => {
                    let Some(name) = self.allowed(el, child, &allowed) else {
                        continue;
                    };
                    if INLINE.contains(&name) {
                        run.push(node);
                        continue;
                    }
                    self.flush(&mut run, &mut out);
                    match name {
                        "p" => out.extend(self.paragraph(child).map(Block::Paragraph)),
                        "list" => out.extend(self.list(child).map(Block::List)),
                        "heading" => out.extend(self.heading(child).map(Block::Heading)),
                        _ => {}
                    }
                }
            }
        }
        self.flush(&mut run, &mut out);
        out
    }

    fn flush(&mut self, run: &mut Run<'_>, out: &mut Vec<Block>) {
        if run
            .iter()
            .all(|n| matches!(n, Node::Text(t) if t.is_blank()))
        {
            run.clear();
            return;
        }
        let span = Span::new(span_of(run[0]).start, span_of(run[run.len() - 1]).end);
        let mut content = self.inline_run(run.drain(..));
        collapse_run(&mut content);
        if has_text(&content) {
            out.push(Block::Paragraph(Paragraph {
                content,
                span: Some(span),
            }));
        }
    }

    /// An element of inline content, read as a paragraph.
    fn paragraph(&mut self, el: &Element) -> Option<Paragraph> {
        let mut content = self.inline_content(el);
        collapse_run(&mut content);
        if !has_text(&content) {
            self.report(
                Diagnostic::error(format!("empty `<{}>`", el.name.local))
                    .at(el.span)
                    .with_hint("write its text, or remove the element"),
            );
            return None;
        }
        Some(Paragraph {
            content,
            span: Some(el.span),
        })
    }

    fn heading(&mut self, el: &Element) -> Option<Heading> {
        let level = match el.attribute("level") {
            None => 1,
            Some(attr) => match attr.value.trim().parse::<u8>() {
                Ok(level @ 1..=6) => level,
                _ => {
                    self.report(
                        Diagnostic::error(format!("`{}` is not a heading level", attr.value))
                            .at(attr.value_span)
                            .with_hint("the level is a number from 1 (highest) to 6"),
                    );
                    1
                }
            },
        };
        let p = self.paragraph(el)?;
        Some(Heading {
            level,
            content: p.content,
            span: p.span,
        })
    }

    fn pattern(&mut self, attr: &Attribute) -> Option<LabelPattern> {
        let sample = attr.value.trim();
        // Empty, the pattern gives no label at all: lists whose items are
        // set apart without a mark, as Akoma Ntoso texts have them.
        let pattern = if sample.is_empty() {
            Some(LabelPattern {
                prefix: String::new(),
                counter: Counter::None,
                suffix: String::new(),
            })
        } else {
            LabelPattern::parse(sample)
        };
        if pattern.is_none() {
            self.report(
                Diagnostic::error(format!("`{sample}` is not a label pattern"))
                    .at(attr.value_span)
                    .with_label("unknown pattern")
                    .with_hint(
                        "write a sample label with one counter: `1.`, `1)`, `(a)`, `a)`, `(i)`, `(I)`, `A.`, `(أ)`, `1 -` or a bullet `•`",
                    ),
            );
        }
        pattern
    }

    fn list(&mut self, el: &Element) -> Option<List> {
        let depth = self.list_depth;
        let pattern = match el.attribute("pattern") {
            Some(attr) => self.pattern(attr).unwrap_or_default(),
            None => LabelPattern::parse(DEFAULT_PATTERNS[depth % DEFAULT_PATTERNS.len()])
                .unwrap_or_default(),
        };
        let start = match el.attribute("start") {
            None => 1,
            Some(attr) => {
                match attr.value.trim().parse::<u32>() {
                    Ok(n) if (1..=100_000).contains(&n) => n,
                    _ => {
                        self.report(
                        Diagnostic::error(format!("`{}` is not a list start", attr.value))
                            .at(attr.value_span)
                            .with_hint("`start` is the number of the first item, a whole number from 1"),
                    );
                        1
                    }
                }
            }
        };
        let mut list = List {
            intro: None,
            pattern,
            start,
            items: Vec::new(),
            continuation: None,
            span: Some(el.span),
        };
        self.list_depth += 1;
        for node in &el.children {
            if self.no_text(
                el,
                node,
                "list text goes in `<intro>`, an `<item>` or `<continuation>`",
            ) {
                continue;
            }
            let Node::Element(child) = node else { continue };
            let Some(name) = self.allowed(el, child, &["intro", "item", "continuation"]) else {
                continue;
            };
            let misplaced = match name {
                "intro" => {
                    list.intro.is_some() || !list.items.is_empty() || list.continuation.is_some()
                }
                "item" => list.continuation.is_some(),
                _ => list.continuation.is_some(),
            };
            if misplaced {
                self.report(
                    Diagnostic::error(format!("`<{name}>` is out of place in `<list>`"))
                        .at(child.name_span())
                        .with_label("out of place")
                        .with_hint("a list holds an optional `<intro>`, then its `<item>`s, then an optional `<continuation>`"),
                );
                continue;
            }
            match name {
                "intro" => list.intro = self.paragraph(child),
                "continuation" => list.continuation = self.paragraph(child),
                _ => list.items.extend(self.item(child)),
            }
        }
        self.list_depth -= 1;
        if list.items.is_empty() {
            if !el
                .children
                .iter()
                .any(|n| matches!(n, Node::Element(e) if e.name.local == "item"))
            {
                self.report(
                    Diagnostic::error("the list has no items")
                        .at(el.name_span())
                        .with_hint("add its `<item>` elements, or remove the list"),
                );
            }
            return None;
        }
        Some(list)
    }

    fn item(&mut self, el: &Element) -> Option<ListItem> {
        // Items may carry headings: UN texts title the points of long
        // lists ("Asset freeze", "Travel ban").
        let blocks = self.flow(el, &["heading", "p", "list"]);
        if blocks.is_empty() {
            self.report(
                Diagnostic::error("empty list item")
                    .at(el.span)
                    .with_hint("write the item's text, or remove the element"),
            );
            return None;
        }
        Some(ListItem {
            label: self.label(el),
            blocks,
            span: Some(el.span),
        })
    }

    fn annex(&mut self, el: &Element) -> Option<Annex> {
        let mut annex = Annex {
            span: Some(el.span),
            ..Annex::default()
        };
        for node in &el.children {
            if self.no_text(
                el,
                node,
                "annex text goes in `<p>`, `<heading>` or `<list>` elements",
            ) {
                continue;
            }
            let Node::Element(child) = node else { continue };
            let Some(name) = self.allowed(el, child, &["label", "title", "p", "heading", "list"])
            else {
                continue;
            };
            let misplaced = match name {
                "label" => {
                    annex.label.is_some() || annex.title.is_some() || !annex.blocks.is_empty()
                }
                "title" => annex.title.is_some() || !annex.blocks.is_empty(),
                _ => false,
            };
            if misplaced {
                self.report(
                    Diagnostic::error(format!("`<{name}>` is out of place in `<annex>`"))
                        .at(child.name_span())
                        .with_label("out of place")
                        .with_hint("an annex holds an optional `<label>`, an optional `<title>`, then its paragraphs, headings and lists"),
                );
                continue;
            }
            match name {
                "label" => annex.label = self.paragraph(child),
                "title" => annex.title = self.paragraph(child),
                "p" => annex
                    .blocks
                    .extend(self.paragraph(child).map(Block::Paragraph)),
                "heading" => annex.blocks.extend(self.heading(child).map(Block::Heading)),
                _ => annex.blocks.extend(self.list(child).map(Block::List)),
            }
        }
        if annex.label.is_none() && annex.title.is_none() && annex.blocks.is_empty() {
            self.report(
                Diagnostic::error("empty annex")
                    .at(el.span)
                    .with_hint("write the annex's content, or remove the element"),
            );
            return None;
        }
        Some(annex)
    }

    // ----- Inline content -------------------------------------------------

    /// The inline content of `el`, whitespace as written.
    fn inline_content(&mut self, el: &Element) -> Vec<Inline> {
        let mut nodes = Vec::with_capacity(el.children.len());
        for node in &el.children {
            match node {
                Node::Text(_) => nodes.push(node),
                Node::Element(child) => {
                    if self.allowed(el, child, INLINE).is_some() {
                        nodes.push(node);
                    }
                }
            }
        }
        self.inline_run(nodes.into_iter())
    }

    /// Converts checked inline nodes, whitespace as written: it is
    /// collapsed once for the whole paragraph, since a space may sit on
    /// either side of an element's edge.
    fn inline_run<'e>(&mut self, nodes: impl Iterator<Item = &'e Node>) -> Vec<Inline> {
        let mut content = Vec::new();
        for node in nodes {
            match node {
                Node::Text(t) => content.push(Inline::Text(t.text.clone())),
                Node::Element(el) => content.extend(self.inline(el)),
            }
        }
        content
    }

    /// One inline element (already checked to be allowed where it is).
    fn inline(&mut self, el: &Element) -> Option<Inline> {
        let name = el.name.local.as_str();
        match name {
            "nbsp" => {
                self.empty_element(el);
                return Some(Inline::Text('\u{a0}'.to_string()));
            }
            "br" => {
                self.empty_element(el);
                return Some(Inline::LineBreak);
            }
            _ => {}
        }
        if (name == "note" && self.in_note) || (name == "ref" && self.in_link) {
            self.report(
                Diagnostic::error(format!("`<{name}>` inside another `<{name}>`"))
                    .at(el.name_span())
                    .with_label("nested")
                    .with_hint(format!("close the outer `<{name}>` first")),
            );
            return None;
        }
        let (was_note, was_link) = (self.in_note, self.in_link);
        self.in_note |= name == "note";
        self.in_link |= name == "ref";
        let mut content = self.inline_content(el);
        if name == "note" {
            // A note is a paragraph of its own.
            collapse_run(&mut content);
        }
        self.in_note = was_note;
        self.in_link = was_link;
        if !has_text(&content) {
            self.report(
                Diagnostic::error(format!("empty `<{name}>`"))
                    .at(el.span)
                    .with_hint("write its text, or remove the element"),
            );
            return None;
        }
        Some(match name {
            "verb" => Inline::Verb(content),
            "em" => Inline::Emphasis(content),
            "strong" => Inline::Strong(content),
            "sup" => Inline::Superscript(content),
            "sub" => Inline::Subscript(content),
            "q" => Inline::Quote(content),
            "ref" => Inline::Link(Link {
                href: self.text_attribute(el, "href"),
                reference: self.text_attribute(el, "doc").map(Reference),
                content,
                span: Some(el.span),
            }),
            _ => Inline::Footnote(Footnote {
                mark: self.text_attribute(el, "mark"),
                content,
                span: Some(el.span),
            }),
        })
    }
}

const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";

fn span_of(node: &Node) -> Span {
    match node {
        Node::Text(t) => t.span,
        Node::Element(e) => e.span,
    }
}

/// Whitespace collapsed as in HTML: runs of XML whitespace become one
/// space, trimmed at both ends; no-break spaces are kept.
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(is_xml_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A text leaf of a run, or a line break, in reading order.
enum Leaf<'a> {
    Text(&'a mut String),
    Break,
}

fn leaves<'a>(run: &'a mut [Inline], out: &mut Vec<Leaf<'a>>) {
    for inline in run {
        match inline {
            Inline::Text(t) => out.push(Leaf::Text(t)),
            Inline::LineBreak => out.push(Leaf::Break),
            // A footnote's text was collapsed as a run of its own.
            Inline::Footnote(_) => {}
            Inline::Verb(c)
            | Inline::Emphasis(c)
            | Inline::Strong(c)
            | Inline::Superscript(c)
            | Inline::Subscript(c)
            | Inline::Quote(c) => leaves(c, out),
            Inline::Link(link) => leaves(&mut link.content, out),
        }
    }
}

/// Collapses whitespace across the inlines of one paragraph: one space
/// between words wherever the markup splits them, none at the start, the
/// end or around line breaks. Empty text nodes are then dropped.
fn collapse_run(run: &mut Vec<Inline>) {
    let mut flat = Vec::new();
    leaves(run, &mut flat);
    let mut after_space = true;
    // Index of the leaf holding the last pending space, to trim it before a
    // break or at the end.
    let mut pending: Option<usize> = None;
    for i in 0..flat.len() {
        match &mut flat[i] {
            Leaf::Break => {
                if let Some(p) = pending.take()
                    && let Leaf::Text(t) = &mut flat[p]
                {
                    t.pop();
                }
                after_space = true;
            }
            Leaf::Text(t) => {
                let mut out = String::with_capacity(t.len());
                for c in t.chars() {
                    if is_xml_space(c) {
                        if !after_space {
                            out.push(' ');
                            after_space = true;
                        }
                    } else {
                        out.push(c);
                        after_space = false;
                    }
                }
                **t = out;
                if t.ends_with(' ') {
                    pending = Some(i);
                } else if !t.is_empty() {
                    pending = None;
                }
            }
        }
    }
    if let Some(p) = pending
        && let Leaf::Text(t) = &mut flat[p]
    {
        t.pop();
    }
    drop_empty_text(run);
}

fn drop_empty_text(run: &mut Vec<Inline>) {
    run.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
    for inline in run.iter_mut() {
        // Notes are runs of their own, cleaned where they are built.
        if matches!(inline, Inline::Footnote(_)) {
            continue;
        }
        if let Some(children) = inline.children_mut() {
            drop_empty_text(children);
        }
    }
}

/// Whether a run has any character but XML white space (a footnote alone
/// counts; a no-break space, which the white space rules keep, does too).
fn has_text(run: &[Inline]) -> bool {
    run.iter().any(|i| match i {
        Inline::Text(t) => t.chars().any(|c| !is_xml_space(c)),
        Inline::Footnote(_) => true,
        Inline::LineBreak => false,
        other => other.children().is_some_and(has_text),
    })
}

/// Whether `tag` has the shape of a BCP 47 language tag: a primary subtag
/// of 2 or 3 letters, then subtags of 1 to 8 letters or digits.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn list_names<'a>(names: impl IntoIterator<Item = &'a str>, open: &str, close: &str) -> String {
    let names: Vec<String> = names
        .into_iter()
        .map(|n| format!("{open}{n}{close}"))
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn attribute_example(element: &str, attribute: &str) -> String {
    let example = match (element, attribute) {
        ("resolution", "xml:lang") => {
            "<resolution xmlns=\"urn:respub:resolution:1\" xml:lang=\"fr\">"
        }
        ("status", "value") => "<status value=\"adopted\" date=\"2017-09-29\"/>",
        ("related", "ref") => "<related ref=\"GA-2017-86-REP-07\" relation=\"report\"/>",
        _ => return format!("add `{attribute}=\"…\"`"),
    };
    format!("for example `{example}`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_whitespace_like_html() {
        assert_eq!(collapse("  a \n\t b  "), "a b");
        assert_eq!(collapse("N°\u{a0}6"), "N°\u{a0}6");
        let mut run = vec![
            Inline::Text("\n  86".into()),
            Inline::Superscript(vec![Inline::Text(" ème ".into())]),
            Inline::Text(" session ".into()),
            Inline::LineBreak,
            Inline::Text("  next\n".into()),
        ];
        collapse_run(&mut run);
        assert_eq!(
            run,
            vec![
                Inline::Text("86".into()),
                Inline::Superscript(vec![Inline::Text(" ème ".into())]),
                Inline::Text("session".into()),
                Inline::LineBreak,
                Inline::Text("next".into()),
            ]
        );
    }

    #[test]
    fn language_tags() {
        for ok in ["fr", "en", "es-419", "ar", "fr-CH", "zh-Hant-TW"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["", "f", "french", "fr_FR", "fr-", "12"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}
