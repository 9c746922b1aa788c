//! The content documents: the resolution, then one document per annex, in
//! semantic XHTML.
//!
//! The markup says what each part is, and the stylesheet alone says how it
//! looks: the title is the `h1`, clauses are paragraphs whose leading verb
//! is a `span.verb`, lists are `ol` whose items carry the document's own
//! labels as text (so `(a)`, `(iv)` or `(أ)` survive any reading system and
//! are read aloud), footnotes are EPUB footnotes with links both ways, and
//! annexes are `doc-appendix` sections. Text from the source is always
//! written as escaped character data.

use crate::diag::{Diagnostic, Warned};
use crate::model::{Annex, Block, Clause, Footnote, Inline, List, Paragraph, Resolution};
use crate::render::text::plain;
use crate::style::{Locale, Style};

use super::xml::Xml;
use super::{CSS, dir};

/// One XHTML content document of the book.
pub(super) struct ContentDoc {
    /// Manifest id.
    pub id: String,
    /// Path relative to the package folder (`text/resolution.xhtml`).
    pub href: String,
    /// Its entry in the table of contents.
    pub toc: TocEntry,
    /// Whether it is an annex (back matter) rather than the resolution.
    pub annex: bool,
    /// The document.
    pub bytes: Vec<u8>,
}

/// An entry of the table of contents.
pub(super) struct TocEntry {
    /// The text shown.
    pub label: String,
    /// The target, relative to the package folder.
    pub href: String,
    /// Entries below it.
    pub children: Vec<TocEntry>,
}

/// Writes every content document of `res`, in reading order. Footnotes are
/// numbered through the whole book, as in the print version.
pub(super) fn documents(res: &Resolution, style: &Style) -> Warned<Vec<ContentDoc>> {
    let locale = style.locale(&res.meta.language);
    let mut notes_seen = 0;
    let mut warnings = Vec::new();
    let mut docs = Vec::new();

    let mut page = Page::new(res, locale, "resolution", notes_seen);
    let toc = page.resolution();
    let (doc, seen) = page.finish("text/resolution.xhtml", toc, false, &mut warnings);
    docs.push(doc);
    notes_seen = seen;

    for (i, annex) in res.annexes.iter().enumerate() {
        let id = format!("annex-{}", i + 1);
        let href = format!("text/{id}.xhtml");
        let mut page = Page::new(res, locale, &id, notes_seen);
        let toc = page.annex(annex, i, &href);
        let (doc, seen) = page.finish(&href, toc, true, &mut warnings);
        docs.push(doc);
        notes_seen = seen;
    }
    Warned {
        output: docs,
        warnings,
    }
}

/// The document title shown in the reading system and the table of
/// contents: the locale's title for the resolution number.
pub(super) fn title(res: &Resolution, locale: &Locale) -> String {
    locale.labels.title_for(&res.meta.number.0)
}

/// One content document being written.
struct Page<'a> {
    res: &'a Resolution,
    locale: &'a Locale,
    /// Manifest id, also the prefix of ids that must be unique in the book.
    id: String,
    xml: Xml,
    /// Footnotes anchored in this document, waiting for the notes section.
    notes: Vec<PendingNote<'a>>,
    /// Footnotes anchored so far in the book, this document included.
    notes_before: usize,
    /// Depth of quotations, to alternate outer and inner marks.
    quote_depth: usize,
    /// Whether an `a` element is open (links cannot nest in HTML).
    in_link: bool,
    /// The element level of the text's level-1 headings: 2 in the
    /// resolution, under its title, and 3 in an annex, under its heading.
    heading_base: usize,
    warnings: Vec<Diagnostic>,
}

struct PendingNote<'a> {
    /// Number of the note in the book, from 1: it makes the ids.
    number: usize,
    /// What the reference and the note show.
    mark: String,
    note: &'a Footnote,
}

impl<'a> Page<'a> {
    fn new(res: &'a Resolution, locale: &'a Locale, id: &str, notes_before: usize) -> Self {
        let lang = res.meta.language.as_str();
        let mut xml = Xml::new();
        xml.doctype_html();
        let mut html = vec![
            ("xmlns", "http://www.w3.org/1999/xhtml"),
            ("xmlns:epub", "http://www.idpf.org/2007/ops"),
            ("lang", lang),
            ("xml:lang", lang),
        ];
        html.push(("dir", dir(&res.meta.language)));
        xml.start("html", &html);
        xml.newline();
        Page {
            res,
            locale,
            id: id.to_string(),
            xml,
            notes: Vec::new(),
            notes_before,
            quote_depth: 0,
            in_link: false,
            heading_base: 2,
            warnings: Vec::new(),
        }
    }

    fn head(&mut self, title: &str) {
        self.xml.start("head", &[]);
        self.xml.newline();
        self.xml.empty("meta", &[("charset", "utf-8")]);
        self.xml.newline();
        self.xml.leaf("title", &[], title);
        self.xml.newline();
        let css = format!("../{CSS}");
        self.xml.empty(
            "link",
            &[("rel", "stylesheet"), ("type", "text/css"), ("href", &css)],
        );
        self.xml.newline();
        self.xml.end("head");
        self.xml.newline();
    }

    /// The resolution itself: title block, opening, preamble, operative
    /// part, closing and adoption.
    fn resolution(&mut self) -> TocEntry {
        let res = self.res;
        let meta = &res.meta;
        let title = title(res, self.locale);
        let href = "text/resolution.xhtml";
        self.head(&title);
        self.xml.start("body", &[("epub:type", "bodymatter")]);
        self.xml.newline();

        self.xml.start("header", &[("class", "masthead")]);
        self.xml.newline();
        if !meta.organisation.name.is_empty() {
            self.xml
                .leaf("p", &[("class", "organisation")], &meta.organisation.name);
            self.xml.newline();
        }
        if let Some(body) = &meta.body {
            self.xml.leaf("p", &[("class", "body")], body);
            self.xml.newline();
        }
        self.xml.leaf("h1", &[("id", "title")], &title);
        self.xml.newline();
        if !meta.reference.0.is_empty() {
            self.xml
                .leaf("p", &[("class", "reference")], meta.reference.as_str());
            self.xml.newline();
        }
        if let Some(subject) = &meta.subject {
            self.xml.start("p", &[("class", "subject")]);
            self.xml.leaf(
                "span",
                &[("class", "subject-label")],
                &self.locale.labels.subject,
            );
            self.xml.text(" ");
            self.inlines(&subject.content);
            self.xml.end("p");
            self.xml.newline();
        }
        self.xml.end("header");
        self.xml.newline();

        if let Some(p) = &res.opening {
            self.paragraph(p, "opening", None);
        }
        let mut children = Vec::new();
        if !res.preamble.is_empty() {
            let label = self.locale.labels.preamble.clone();
            self.xml.start(
                "section",
                &[
                    ("id", "preamble"),
                    ("class", "preamble"),
                    ("aria-label", &label),
                ],
            );
            self.xml.newline();
            for clause in &res.preamble {
                self.clause(clause, None);
            }
            self.xml.end("section");
            self.xml.newline();
            children.push(TocEntry {
                label,
                href: format!("{href}#preamble"),
                children: Vec::new(),
            });
        }
        let operative = &res.operative;
        if !operative.clauses.is_empty() {
            let label = self.locale.labels.operative.clone();
            self.xml.start(
                "section",
                &[
                    ("id", "operative"),
                    ("class", "operative"),
                    ("aria-label", &label),
                ],
            );
            self.xml.newline();
            let numbered = (0..operative.clauses.len()).any(|i| operative.label(i).is_some());
            if numbered {
                self.xml.start("ol", &[("class", "clauses")]);
                self.xml.newline();
                for (i, clause) in operative.clauses.iter().enumerate() {
                    self.xml.start("li", &[]);
                    self.clause(clause, operative.label(i).as_deref());
                    self.xml.end("li");
                    self.xml.newline();
                }
                self.xml.end("ol");
                self.xml.newline();
            } else {
                for clause in &operative.clauses {
                    self.clause(clause, None);
                }
            }
            self.xml.end("section");
            self.xml.newline();
            children.push(TocEntry {
                label,
                href: format!("{href}#operative"),
                children: Vec::new(),
            });
        }
        if let Some(p) = &res.closing {
            self.paragraph(p, "closing", None);
        }
        match &res.adoption {
            Some(p) => self.paragraph(p, "adoption", None),
            None => {
                let status = self.locale.labels.status(meta.status.kind);
                self.xml.leaf("p", &[("class", "adoption")], status);
                self.xml.newline();
            }
        }
        TocEntry {
            label: title,
            href: href.to_string(),
            children,
        }
    }

    /// Annex `index` (from 0) as a `doc-appendix` section.
    fn annex(&mut self, annex: &'a Annex, index: usize, href: &str) -> TocEntry {
        let several = self.res.annexes.len() > 1;
        let label = match &annex.label {
            Some(p) => plain(&p.content, self.locale),
            None if several => format!("{} {}", self.locale.labels.annex, index + 1),
            None => self.locale.labels.annex.clone(),
        };
        let title = annex.title.as_ref().map(|p| plain(&p.content, self.locale));
        let full = match &title {
            Some(t) if !t.trim().is_empty() => format!("{label} – {t}"),
            _ => label.clone(),
        };
        self.head(&full);
        self.heading_base = 3;
        self.xml.start("body", &[("epub:type", "backmatter")]);
        self.xml.newline();
        let heading = format!("{}-heading", self.id);
        let id = self.id.clone();
        self.xml.start(
            "section",
            &[
                ("id", &id),
                ("class", "annex"),
                ("epub:type", "appendix"),
                ("role", "doc-appendix"),
                ("aria-labelledby", &heading),
            ],
        );
        self.xml.newline();
        self.xml.start("h2", &[("id", &heading)]);
        self.xml.start("span", &[("class", "annex-label")]);
        match &annex.label {
            Some(p) => self.inlines(&p.content),
            None => self.xml.text(&label),
        }
        self.xml.end("span");
        if let Some(p) = &annex.title {
            // A space keeps the words apart where styles are not applied.
            self.xml.text(" ");
            self.xml.start("span", &[("class", "annex-title")]);
            self.inlines(&p.content);
            self.xml.end("span");
        }
        self.xml.end("h2");
        self.xml.newline();
        self.blocks(&annex.blocks, None, "");
        self.xml.end("section");
        self.xml.newline();
        TocEntry {
            label: full,
            href: href.to_string(),
            children: Vec::new(),
        }
    }

    /// A clause: its blocks, the first paragraph marked as the clause and
    /// carrying the label, if any.
    fn clause(&mut self, clause: &'a Clause, label: Option<&str>) {
        self.blocks(&clause.blocks, label, "clause");
    }

    /// Writes `blocks`; `label` goes at the start of the first paragraph
    /// (hanging, by the stylesheet), and `class` on that paragraph.
    fn blocks(&mut self, blocks: &'a [Block], mut label: Option<&str>, class: &str) {
        let mut class = Some(class).filter(|c| !c.is_empty());
        for block in blocks {
            match block {
                Block::Paragraph(p) => {
                    self.paragraph(p, class.take().unwrap_or(""), label.take());
                }
                Block::Heading(h) => {
                    // Headings never skip a level: below the title (`h1`)
                    // they start at `h2`, below an annex heading at `h3`.
                    let level = usize::from(h.level.max(1)) + self.heading_base - 1;
                    let name = format!("h{}", level.min(6));
                    self.xml.start(&name, &[]);
                    self.inlines(&h.content);
                    self.xml.end(&name);
                    self.xml.newline();
                }
                Block::List(list) => {
                    if list.intro.is_none() {
                        if let Some(l) = label.take() {
                            self.label_line(l);
                        }
                    }
                    self.list(list, label.take(), class.take().unwrap_or(""));
                }
            }
            class = None;
        }
        if let Some(l) = label {
            self.label_line(l);
        }
    }

    /// A label with no paragraph to carry it (an item that opens with a
    /// list, or an empty one).
    fn label_line(&mut self, label: &str) {
        if label.trim().is_empty() {
            return;
        }
        self.xml.start("p", &[("class", "labelled")]);
        self.label(label);
        self.xml.end("p");
        self.xml.newline();
    }

    fn label(&mut self, label: &str) {
        if !label.trim().is_empty() {
            // The space inside the label keeps it apart from the text in
            // readers that ignore the stylesheet and for text-to-speech;
            // where the label hangs, in its own box, the space vanishes.
            self.xml
                .leaf("span", &[("class", "label")], &format!("{label} "));
        }
    }

    /// A paragraph; one that carries a label is marked `labelled`, so
    /// that the stylesheet hangs the label in the margin.
    fn paragraph(&mut self, p: &'a Paragraph, class: &str, label: Option<&str>) {
        let label = label.filter(|l| !l.trim().is_empty());
        let class = match (class, label) {
            ("", Some(_)) => "labelled".to_string(),
            (c, Some(_)) => format!("{c} labelled"),
            (c, None) => c.to_string(),
        };
        let attrs: &[(&str, &str)] = if class.is_empty() {
            &[]
        } else {
            &[("class", &class)]
        };
        self.xml.start("p", attrs);
        if let Some(label) = label {
            self.label(label);
        }
        self.inlines(&p.content);
        self.xml.end("p");
        self.xml.newline();
    }

    /// A list: its introduction, the items with their own labels as text,
    /// and the words that continue the sentence after it.
    fn list(&mut self, list: &'a List, label: Option<&str>, class: &str) {
        if let Some(p) = &list.intro {
            self.paragraph(p, class, label);
        }
        self.xml.start("ol", &[("class", "list")]);
        self.xml.newline();
        for (i, item) in list.items.iter().enumerate() {
            self.xml.start("li", &[]);
            let label = list.label(i);
            self.blocks(&item.blocks, Some(&label), "");
            self.xml.end("li");
            self.xml.newline();
        }
        self.xml.end("ol");
        self.xml.newline();
        if let Some(p) = &list.continuation {
            self.paragraph(p, "continuation", None);
        }
    }

    fn inlines(&mut self, inlines: &'a [Inline]) {
        for inline in inlines {
            self.inline(inline);
        }
    }

    fn wrapped(&mut self, name: &str, class: Option<&str>, children: &'a [Inline]) {
        match class {
            Some(c) => self.xml.start(name, &[("class", c)]),
            None => self.xml.start(name, &[]),
        }
        self.inlines(children);
        self.xml.end(name);
    }

    fn inline(&mut self, inline: &'a Inline) {
        match inline {
            Inline::Text(text) => self.xml.text(text),
            Inline::LineBreak => self.xml.empty("br", &[]),
            // The verb keeps the words of the source; the stylesheet sets
            // it in capitals, small capitals or italics as the style says,
            // so screen readers read a word, not a string of letters.
            Inline::Verb(c) => self.wrapped("span", Some("verb"), c),
            Inline::Emphasis(c) => self.wrapped("em", None, c),
            Inline::Strong(c) => self.wrapped("strong", None, c),
            Inline::Superscript(c) => self.wrapped("sup", None, c),
            Inline::Subscript(c) => self.wrapped("sub", None, c),
            Inline::Quote(c) => {
                // The marks are text, as in print: `q` would leave them to
                // each reading system's stylesheet.
                let q = &self.locale.quotes;
                let (open, close) = if self.quote_depth % 2 == 0 {
                    (q.open.clone(), q.close.clone())
                } else {
                    (q.inner_open.clone(), q.inner_close.clone())
                };
                self.xml.text(&open);
                self.quote_depth += 1;
                self.inlines(c);
                self.quote_depth -= 1;
                self.xml.text(&close);
            }
            Inline::Link(link) => {
                let href = link.href.as_deref().and_then(safe_href);
                match href {
                    Some(href) if !self.in_link => {
                        self.xml.start("a", &[("href", href)]);
                        self.in_link = true;
                        self.inlines(&link.content);
                        self.in_link = false;
                        self.xml.end("a");
                        // Notes anchored inside the link text are referenced
                        // right after it: links cannot contain links.
                        let mut notes = Vec::new();
                        collect_footnotes(&link.content, &mut notes);
                        for note in notes {
                            self.noteref(note);
                        }
                    }
                    _ => {
                        if let Some(bad) = link.href.as_deref().filter(|h| safe_href(h).is_none()) {
                            self.warnings.push(
                                Diagnostic::warning(format!(
                                    "the link address `{bad}` is not a web or mail address; the e-book shows the text without a link"
                                ))
                                .with_hint("write an absolute `https://…` or `mailto:` address"),
                            );
                        }
                        self.inlines(&link.content);
                    }
                }
            }
            Inline::Footnote(note) => {
                if !self.in_link {
                    self.noteref(note);
                }
            }
        }
    }

    /// The reference to a footnote, and the note queued for the notes
    /// section at the end of the document.
    fn noteref(&mut self, note: &'a Footnote) {
        self.notes_before += 1;
        let number = self.notes_before;
        let mark = note.mark.clone().unwrap_or_else(|| number.to_string());
        let (id, target) = (format!("fnref-{number}"), format!("#fn-{number}"));
        self.xml.start("sup", &[("class", "noteref")]);
        self.xml.leaf(
            "a",
            &[
                ("id", &id),
                ("href", &target),
                ("epub:type", "noteref"),
                ("role", "doc-noteref"),
            ],
            &mark,
        );
        self.xml.end("sup");
        self.notes.push(PendingNote { number, mark, note });
    }

    /// The notes of this document, each an EPUB footnote that links back
    /// to its reference. Notes inside notes are numbered as they come.
    fn notes_section(&mut self) {
        if self.notes.is_empty() {
            return;
        }
        let heading = format!("{}-notes", self.id);
        self.xml.start(
            "section",
            &[("class", "footnotes"), ("aria-labelledby", &heading)],
        );
        self.xml.newline();
        self.xml
            .leaf("h2", &[("id", &heading)], &self.locale.labels.notes.clone());
        self.xml.newline();
        let mut i = 0;
        while i < self.notes.len() {
            let (number, mark, note) = {
                let n = &self.notes[i];
                (n.number, n.mark.clone(), n.note)
            };
            let id = format!("fn-{number}");
            self.xml.start(
                "aside",
                &[
                    ("id", &id),
                    ("class", "footnote"),
                    ("epub:type", "footnote"),
                    ("role", "doc-footnote"),
                ],
            );
            self.xml.start("p", &[]);
            let back = format!("#fnref-{number}");
            let name = format!("{} {mark}", self.locale.labels.back_to_text);
            self.xml.leaf(
                "a",
                &[
                    ("class", "note-mark"),
                    ("href", &back),
                    ("role", "doc-backlink"),
                    ("aria-label", &name),
                ],
                &mark,
            );
            self.xml.text(" ");
            self.inlines(&note.content);
            self.xml.end("p");
            self.xml.end("aside");
            self.xml.newline();
            i += 1;
        }
        self.xml.end("section");
        self.xml.newline();
    }

    /// Closes the document after its notes; returns it with the number of
    /// notes anchored so far in the book.
    fn finish(
        mut self,
        href: &str,
        toc: TocEntry,
        annex: bool,
        warnings: &mut Vec<Diagnostic>,
    ) -> (ContentDoc, usize) {
        self.notes_section();
        self.xml.end("body");
        self.xml.newline();
        self.xml.end("html");
        warnings.append(&mut self.warnings);
        let doc = ContentDoc {
            id: self.id,
            href: href.to_string(),
            toc,
            annex,
            bytes: self.xml.finish(),
        };
        (doc, self.notes_before)
    }
}

fn collect_footnotes<'a>(inlines: &'a [Inline], out: &mut Vec<&'a Footnote>) {
    for inline in inlines {
        match inline {
            Inline::Footnote(note) => out.push(note),
            other => {
                if let Some(c) = other.children() {
                    collect_footnotes(c, out);
                }
            }
        }
    }
}

/// `href` if it is an absolute web or mail address with nothing a URL
/// parser would reject; anything else (scripts, relative paths into the
/// container, malformed text) is not linked.
fn safe_href(href: &str) -> Option<&str> {
    let lower = href.to_ascii_lowercase();
    let scheme_ok = ["https://", "http://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s));
    let rest_len = href.len() - href.find(':').map_or(0, |i| i + 1);
    let chars_ok = href.chars().all(|c| {
        c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '`' | '{' | '}' | '|' | '\\' | '^')
    });
    (scheme_ok && chars_ok && rest_len > 2).then_some(href)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_addresses_are_linked() {
        assert!(safe_href("https://www.interpol.int/fr").is_some());
        assert!(safe_href("mailto:info@example.org").is_some());
        assert!(safe_href("javascript:alert(1)").is_none());
        assert!(safe_href("../META-INF/container.xml").is_none());
        assert!(safe_href("https://exa mple.org").is_none());
        assert!(safe_href("https://").is_none());
    }
}
