//! The navigation document: the table of contents that reading systems
//! show as their menu, and the landmarks that let them jump to the start
//! of the text.

use crate::render::prepare::Prepared;

use super::xhtml::{ContentDoc, TocEntry};
use super::xml::Xml;
use super::{CSS, dir};

/// The navigation document of a book made of `docs`.
pub(super) fn navigation(doc: &Prepared<'_>, docs: &[ContentDoc]) -> Vec<u8> {
    let lang = doc.meta.language.as_str();
    let contents = &doc.locale.labels.contents;
    let mut xml = Xml::new();
    xml.doctype_html();
    xml.start(
        "html",
        &[
            ("xmlns", "http://www.w3.org/1999/xhtml"),
            ("xmlns:epub", "http://www.idpf.org/2007/ops"),
            ("lang", lang),
            ("xml:lang", lang),
            ("dir", dir(doc.meta.direction)),
        ],
    );
    xml.newline();
    xml.start("head", &[]);
    xml.newline();
    xml.empty("meta", &[("charset", "utf-8")]);
    xml.newline();
    xml.leaf("title", &[], &format!("{} – {contents}", doc.head.title));
    xml.newline();
    xml.empty(
        "link",
        &[("rel", "stylesheet"), ("type", "text/css"), ("href", CSS)],
    );
    xml.newline();
    xml.end("head");
    xml.newline();
    xml.start("body", &[]);
    xml.newline();

    xml.start(
        "nav",
        &[
            ("epub:type", "toc"),
            ("role", "doc-toc"),
            ("id", "toc"),
            ("aria-labelledby", "toc-heading"),
        ],
    );
    xml.newline();
    xml.leaf("h1", &[("id", "toc-heading")], contents);
    xml.newline();
    let entries: Vec<&TocEntry> = docs.iter().map(|d| &d.toc).collect();
    entries_list(&mut xml, &entries);
    xml.end("nav");
    xml.newline();

    // Landmarks are for reading systems, not for reading: hidden, and
    // without a heading of their own.
    xml.start("nav", &[("epub:type", "landmarks"), ("hidden", "hidden")]);
    xml.newline();
    xml.start("ol", &[]);
    xml.newline();
    landmark(&mut xml, "toc", "#toc", contents);
    if let Some(first) = docs.first() {
        landmark(&mut xml, "bodymatter", &first.href, &first.toc.label);
    }
    if let Some(annex) = docs.iter().find(|d| d.annex) {
        landmark(&mut xml, "backmatter", &annex.href, &annex.toc.label);
    }
    xml.end("ol");
    xml.newline();
    xml.end("nav");
    xml.newline();

    xml.end("body");
    xml.newline();
    xml.end("html");
    xml.finish()
}

fn entries_list(xml: &mut Xml, entries: &[&TocEntry]) {
    xml.start("ol", &[]);
    xml.newline();
    for entry in entries {
        xml.start("li", &[]);
        xml.leaf("a", &[("href", &entry.href)], &entry.label);
        if !entry.children.is_empty() {
            xml.newline();
            let children: Vec<&TocEntry> = entry.children.iter().collect();
            entries_list(xml, &children);
        }
        xml.end("li");
        xml.newline();
    }
    xml.end("ol");
    xml.newline();
}

fn landmark(xml: &mut Xml, kind: &str, href: &str, label: &str) {
    xml.start("li", &[]);
    xml.leaf("a", &[("epub:type", kind), ("href", href)], label);
    xml.end("li");
    xml.newline();
}
