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

use crate::render::prepare::{
    Annex, Block, Clause, Href, Inline, List, Note, Para, Prepared, Revision,
};

use super::css::verb_class;
use super::xml::Xml;
use super::{CSS, dir, emblem_file};

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

/// Writes every content document of `doc`, in reading order.
pub(super) fn documents(doc: &Prepared<'_>) -> Vec<ContentDoc> {
    let mut docs = Vec::new();
    let mut page = Page::new(doc, "resolution");
    let toc = page.resolution();
    docs.push(page.finish("text/resolution.xhtml", toc, false));
    for (i, annex) in doc.body.annexes.iter().enumerate() {
        let id = format!("annex-{}", i + 1);
        let href = format!("text/{id}.xhtml");
        let mut page = Page::new(doc, &id);
        let toc = page.annex(annex, &href);
        docs.push(page.finish(&href, toc, true));
    }
    docs
}

/// One content document being written.
struct Page<'a> {
    doc: &'a Prepared<'a>,
    /// Manifest id, also the prefix of ids that must be unique in the book.
    id: String,
    xml: Xml,
    /// Footnotes anchored in this document, waiting for the notes section.
    notes: Vec<&'a Note>,
    /// The element level of the text's level-1 headings: 2 in the
    /// resolution, under its title, and 3 in an annex, under its heading.
    heading_base: usize,
}

impl<'a> Page<'a> {
    fn new(doc: &'a Prepared<'a>, id: &str) -> Self {
        let lang = doc.meta.language.as_str();
        let mut xml = Xml::new();
        xml.doctype_html();
        let html = [
            ("xmlns", "http://www.w3.org/1999/xhtml"),
            ("xmlns:epub", "http://www.idpf.org/2007/ops"),
            ("lang", lang),
            ("xml:lang", lang),
            ("dir", dir(doc.meta.direction)),
        ];
        xml.start("html", &html);
        xml.newline();
        Page {
            doc,
            id: id.to_string(),
            xml,
            notes: Vec::new(),
            heading_base: 2,
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
        let doc = self.doc;
        let head = &doc.head;
        let body = &doc.body;
        let href = "text/resolution.xhtml";
        self.head(&doc.meta.title);
        self.xml.start("body", &[("epub:type", "bodymatter")]);
        self.xml.newline();

        self.xml.start("header", &[("class", "masthead")]);
        self.xml.newline();
        if let Some(emblem) = &doc.emblem {
            let src = format!("../{}", emblem_file(emblem.format).0);
            self.xml.empty(
                "img",
                &[("class", "emblem"), ("src", &src), ("alt", &emblem.alt)],
            );
            self.xml.newline();
        }
        if !head.organisation.is_empty() {
            self.xml
                .leaf("p", &[("class", "organisation")], &head.organisation);
            self.xml.newline();
        }
        if let Some(b) = &head.body {
            self.xml.leaf("p", &[("class", "body")], b);
            self.xml.newline();
        }
        // The lines some styles add: the distribution and the date beside
        // the body, then the session, the agenda item, the adoption and
        // the committee over the title.
        let lines = [
            ("distribution", &head.distribution),
            ("date", &head.date),
            ("session", &head.session),
            ("agenda-item", &head.agenda_item),
            ("adopted-by", &head.adopted_by),
            ("committee", &head.committee),
        ];
        for (class, line) in lines {
            if let Some(line) = line {
                self.xml.leaf("p", &[("class", class)], line);
                self.xml.newline();
            }
        }
        self.xml.start("h1", &[("id", "title")]);
        self.inlines(&head.heading);
        self.xml.end("h1");
        self.xml.newline();
        if !head.reference.is_empty() {
            self.xml
                .leaf("p", &[("class", "reference")], &head.reference);
            self.xml.newline();
        }
        if let Some(subject) = head.subject.as_ref().filter(|_| !head.subject_in_title) {
            self.xml.start("p", &[("class", "subject")]);
            self.xml
                .leaf("span", &[("class", "subject-label")], &head.subject_label);
            self.xml.text(" ");
            self.inlines(subject);
            self.xml.end("p");
            self.xml.newline();
        }
        self.xml.end("header");
        self.xml.newline();

        if let Some(redline) = &doc.redline {
            self.xml
                .leaf("p", &[("class", "redline-summary")], &redline.summary);
            self.xml.newline();
        }
        if let Some(p) = &body.opening {
            self.paragraph(p, "opening", None);
        }
        let mut children = Vec::new();
        if !body.preamble.is_empty() {
            let label = doc.locale.labels.preamble.clone();
            self.section_start("preamble", &label);
            for clause in &body.preamble {
                self.clause(clause);
            }
            self.xml.end("section");
            self.xml.newline();
            children.push(TocEntry {
                label,
                href: format!("{href}#preamble"),
                children: Vec::new(),
            });
        }
        let operative = &body.operative;
        if !operative.clauses.is_empty() {
            let label = doc.locale.labels.operative.clone();
            self.section_start("operative", &label);
            if operative.labelled() {
                self.xml.start("ol", &[("class", "clauses")]);
                self.xml.newline();
                for clause in &operative.clauses {
                    self.xml.start("li", &[]);
                    self.clause(clause);
                    self.xml.end("li");
                    self.xml.newline();
                }
                self.xml.end("ol");
                self.xml.newline();
            } else {
                for clause in &operative.clauses {
                    self.clause(clause);
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
        if let Some(p) = &body.closing {
            self.paragraph(p, "closing", None);
        }
        self.paragraph(&body.adoption, "adoption", None);
        TocEntry {
            label: head.title.clone(),
            href: href.to_string(),
            children,
        }
    }

    fn section_start(&mut self, id: &str, label: &str) {
        self.xml.start(
            "section",
            &[("id", id), ("class", id), ("aria-label", label)],
        );
        self.xml.newline();
    }

    /// An annex as a `doc-appendix` section.
    fn annex(&mut self, annex: &'a Annex, href: &str) -> TocEntry {
        self.head(&annex.heading);
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
        self.inlines(&annex.label);
        self.xml.end("span");
        if let Some(title) = &annex.title {
            // A space keeps the words apart where styles are not applied.
            self.xml.text(" ");
            self.xml.start("span", &[("class", "annex-title")]);
            self.inlines(title);
            self.xml.end("span");
        }
        self.xml.end("h2");
        self.xml.newline();
        self.blocks(&annex.blocks, None, "");
        self.xml.end("section");
        self.xml.newline();
        TocEntry {
            label: annex.heading.clone(),
            href: href.to_string(),
            children: Vec::new(),
        }
    }

    /// A clause: its blocks, the first paragraph marked as the clause and
    /// carrying the label, if any.
    fn clause(&mut self, clause: &'a Clause) {
        self.blocks(&clause.blocks, clause.label.as_deref(), "clause");
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
    fn paragraph(&mut self, p: &'a Para, class: &str, label: Option<&str>) {
        let label = label.filter(|l| !l.trim().is_empty());
        let mut class = match (class, label) {
            ("", Some(_)) => "labelled".to_string(),
            (c, Some(_)) => format!("{c} labelled"),
            (c, None) => c.to_string(),
        };
        // A redline's paragraph that changed has a change bar.
        if let Some(revision) = p.revision {
            if !class.is_empty() {
                class.push(' ');
            }
            class.push_str(revision_class(revision));
        }
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
        for item in &list.items {
            self.xml.start("li", &[]);
            self.blocks(&item.blocks, Some(&item.label), "");
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
        let mut rest = inlines;
        while let Some((first, tail)) = rest.split_first() {
            match first {
                Inline::Link {
                    href: Some(href), ..
                } => {
                    let run = link_run(href, rest);
                    self.link(href, &rest[..run]);
                    rest = &rest[run..];
                }
                _ => {
                    self.inline(first);
                    rest = tail;
                }
            }
        }
    }

    /// Links to one address with only spaces between them, as one link.
    /// Sources converted from word processors split a reference in several
    /// links (`733`, a space, `(1992)`): a screen reader would announce
    /// each, some with no name. A link with no text at all is written as
    /// its content alone, since nothing could name it.
    fn link(&mut self, href: &Href, run: &'a [Inline]) {
        let named = run.iter().any(|i| match i {
            Inline::Link { content, .. } => has_text(content),
            _ => false,
        });
        if named {
            self.xml.start("a", &[("href", href.as_str())]);
        }
        for inline in run {
            match inline {
                Inline::Link { content, .. } => self.inlines(content),
                other => self.inline(other),
            }
        }
        if named {
            self.xml.end("a");
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
            Inline::Verb { treatment, content } => {
                self.wrapped("span", Some(verb_class(*treatment)), content)
            }
            Inline::Emphasis(c) => self.wrapped("em", None, c),
            Inline::Strong(c) => self.wrapped("strong", None, c),
            Inline::Superscript(c) => self.wrapped("sup", None, c),
            Inline::Subscript(c) => self.wrapped("sub", None, c),
            Inline::Quote {
                open,
                close,
                content,
            } => {
                // The marks are text, as in print: `q` would leave them to
                // each reading system's stylesheet.
                self.xml.text(open);
                self.inlines(content);
                self.xml.text(close);
            }
            Inline::Link { href, content } => match href {
                Some(href) => self.link(href, std::slice::from_ref(inline)),
                None => self.inlines(content),
            },
            Inline::Note(note) => self.noteref(note),
            // A redline's marks are the HTML elements for them, which
            // reading systems and assistive technology know.
            Inline::Inserted(c) => self.wrapped("ins", None, c),
            Inline::Deleted(c) => self.wrapped("del", None, c),
            Inline::Restyled { content, .. } => self.inlines(content),
        }
    }

    /// The reference to a footnote, and the note queued for the notes
    /// section at the end of the document.
    fn noteref(&mut self, note: &'a Note) {
        let number = note.number;
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
            &note.mark(),
        );
        self.xml.end("sup");
        self.notes.push(note);
    }

    /// The notes of this document, each an EPUB footnote that links back
    /// to its reference.
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
        let title = self.doc.locale.labels.notes.clone();
        self.xml.leaf("h2", &[("id", &heading)], &title);
        self.xml.newline();
        let notes = std::mem::take(&mut self.notes);
        for note in notes {
            let number = note.number;
            let mark = note.mark();
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
            let name = format!("{} {mark}", self.doc.locale.labels.back_to_text);
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
        }
        self.xml.end("section");
        self.xml.newline();
    }

    /// Closes the document after its notes.
    fn finish(mut self, href: &str, toc: TocEntry, annex: bool) -> ContentDoc {
        self.notes_section();
        self.xml.end("body");
        self.xml.newline();
        self.xml.end("html");
        ContentDoc {
            id: self.id,
            href: href.to_string(),
            toc,
            annex,
            bytes: self.xml.finish(),
        }
    }
}

/// The class of a redline's paragraph marked `revision`.
pub(super) fn revision_class(revision: Revision) -> &'static str {
    match revision {
        Revision::Inserted => "rev-inserted",
        Revision::Deleted => "rev-deleted",
        Revision::Changed => "rev-changed",
        Revision::MovedHere => "rev-moved-here",
        Revision::MovedAway => "rev-moved-away",
    }
}

/// How many inlines from the start of `inlines`, a link to `href`, make
/// one link: up to the last link to `href` reached over links to it and
/// spaces only.
fn link_run(href: &Href, inlines: &[Inline]) -> usize {
    let mut run = 1;
    for (i, inline) in inlines.iter().enumerate().skip(1) {
        match inline {
            Inline::Link { href: Some(h), .. } if h == href => run = i + 1,
            Inline::Text(t) if !t.chars().any(|c| !c.is_whitespace()) => {}
            _ => break,
        }
    }
    run
}

/// Whether `inlines` show any text: a character that is neither a space
/// nor a control character (which the XML layer drops).
fn has_text(inlines: &[Inline]) -> bool {
    let visible = |s: &str| s.chars().any(|c| !c.is_whitespace() && !c.is_control());
    inlines.iter().any(|i| match i {
        Inline::Text(t) => visible(t),
        Inline::Quote {
            open,
            close,
            content,
        } => visible(open) || visible(close) || has_text(content),
        Inline::Verb { content, .. }
        | Inline::Emphasis(content)
        | Inline::Strong(content)
        | Inline::Superscript(content)
        | Inline::Subscript(content)
        | Inline::Link { content, .. }
        | Inline::Inserted(content)
        | Inline::Deleted(content)
        | Inline::Restyled { content, .. } => has_text(content),
        Inline::Note(_) | Inline::LineBreak => false,
    })
}
