//! The text of the document: cover page, preface, preamble, main body,
//! conclusions and annexes, and the inline markup inside them.

use std::io::Result;

use crate::model::{Block, Heading, Inline, List, Paragraph, Resolution};
use crate::style::Locale;

use super::meta::{Ids, meta};
use super::xml::Out;

/// Writes the parts of the document, numbering `eId`s and notes in order.
pub struct Body<'a> {
    out: &'a mut Out,
    /// Footnotes written so far: a note's marker is its number unless the
    /// model gives one.
    notes: usize,
    /// `eId`s given so far.
    ids: usize,
}

impl<'a> Body<'a> {
    /// Writes into `out`.
    pub fn new(out: &'a mut Out) -> Self {
        Body {
            out,
            notes: 0,
            ids: 0,
        }
    }

    fn eid(&mut self, prefix: &str) -> String {
        self.ids += 1;
        format!("{prefix}_{}", self.ids)
    }

    /// Publisher, symbol, issuing body, distribution, title and adoption
    /// line, as on the first page of a UN document.
    pub fn cover_page(&mut self, res: &Resolution, locale: &Locale) -> Result<()> {
        let meta = &res.meta;
        self.out.start("coverPage", &[])?;
        self.out.nl()?;
        self.out.start("p", &[("class", "upperLeft")])?;
        self.out.element(
            "docAuthority",
            &[("refersTo", "#publisher")],
            &meta.organisation.name,
        )?;
        self.out.end("p")?;
        self.out.nl()?;
        self.out.start("p", &[("class", "upperRight")])?;
        self.out.element(
            "docNumber",
            &[("refersTo", "#symbol")],
            meta.reference.as_str(),
        )?;
        self.out.end("p")?;
        self.out.nl()?;
        if let Some(body) = &meta.body {
            self.out.start("p", &[("class", "upperLeft")])?;
            self.out
                .element("docAuthority", &[("refersTo", "#issuingBody")], body)?;
            self.out.end("p")?;
            self.out.nl()?;
        }
        if let Some(distribution) = &meta.distribution {
            let label = locale
                .labels
                .distribution
                .replace("{distribution}", distribution);
            self.out.start("p", &[])?;
            self.out
                .element("docStatus", &[("refersTo", "#generalDistribution")], &label)?;
            self.out.end("p")?;
            self.out.nl()?;
        }
        if let Some(date) = meta.status.date {
            let iso = date.to_string();
            self.out.start("p", &[])?;
            self.out.element(
                "docDate",
                &[("date", &iso), ("refersTo", "#dateOfIssuance")],
                &iso,
            )?;
            self.out.end("p")?;
            self.out.nl()?;
        }
        // A draft's number is its symbol, and it has no title of its own.
        let number = meta.number.0.as_str();
        let draft = meta.status.kind != crate::model::StatusKind::Adopted
            && number == meta.reference.as_str();
        if !draft {
            let title = locale.labels.title_for("\u{0}");
            let (before, after) = title.split_once('\u{0}').unwrap_or((title.as_str(), ""));
            self.out.start("p", &[])?;
            self.out
                .start("docTitle", &[("refersTo", "#resolutionNumber")])?;
            self.out.text(before)?;
            self.out
                .element("docNumber", &[("refersTo", "#resolutionNumber")], number)?;
            self.out.text(after)?;
            self.out.end("docTitle")?;
            self.out.end("p")?;
            self.out.nl()?;
        }
        if let Some(adoption) = &res.adoption {
            self.out.start("p", &[])?;
            self.out.start("docTitle", &[("refersTo", "#adoption")])?;
            self.inlines(&adoption.content)?;
            self.out.end("docTitle")?;
            self.out.end("p")?;
            self.out.nl()?;
        }
        self.out.end("coverPage")?;
        self.out.nl()
    }

    /// The subject, as the document's title.
    pub fn preface(&mut self, res: &Resolution) -> Result<()> {
        let Some(subject) = &res.meta.subject else {
            return Ok(());
        };
        self.out.start("preface", &[])?;
        self.out.start("p", &[])?;
        self.out.start("docTitle", &[("refersTo", "#subject")])?;
        self.inlines(&subject.content)?;
        self.out.end("docTitle")?;
        self.out.end("p")?;
        self.out.end("preface")?;
        self.out.nl()
    }

    /// The enacting formula and one `container` per preamble clause.
    pub fn preamble(&mut self, res: &Resolution) -> Result<()> {
        if res.opening.is_none() && res.preamble.is_empty() {
            return Ok(());
        }
        self.out.start("preamble", &[])?;
        self.out.nl()?;
        if let Some(opening) = &res.opening {
            let eid = self.eid("formula");
            self.out
                .start("formula", &[("name", "enactingFormula"), ("eId", &eid)])?;
            self.paragraph(opening)?;
            self.out.end("formula")?;
            self.out.nl()?;
        }
        for clause in &res.preamble {
            // AKN4UN names each container after its leading participle.
            let name = clause
                .verb()
                .map(crate::model::plain_text)
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| "preambularClause".into());
            let eid = self.eid("container");
            self.out
                .start("container", &[("name", name.trim()), ("eId", &eid)])?;
            self.blocks(&clause.blocks)?;
            self.out.end("container")?;
            self.out.nl()?;
        }
        self.out.end("preamble")?;
        self.out.nl()
    }

    /// One `paragraph` per operative clause, numbered as the model says.
    pub fn main_body(&mut self, res: &Resolution) -> Result<()> {
        self.out.start("mainBody", &[])?;
        self.out.nl()?;
        for (i, clause) in res.operative.clauses.iter().enumerate() {
            let label = res.operative.label(i).unwrap_or_default();
            self.part("paragraph", &label, &clause.blocks)?;
        }
        if res.operative.clauses.is_empty() {
            // The schema wants something in a main body; the reader drops
            // an empty part.
            self.part("paragraph", "", &[])?;
        }
        self.out.end("mainBody")?;
        self.out.nl()
    }

    /// Text after the operative part.
    pub fn conclusions(&mut self, res: &Resolution) -> Result<()> {
        let Some(closing) = &res.closing else {
            return Ok(());
        };
        self.out.start("conclusions", &[])?;
        self.paragraph(closing)?;
        self.out.end("conclusions")?;
        self.out.nl()
    }

    /// Each annex as an attached `doc`.
    pub fn attachments(&mut self, res: &Resolution, ids: &Ids) -> Result<()> {
        if res.annexes.is_empty() {
            return Ok(());
        }
        self.out.start("attachments", &[])?;
        self.out.nl()?;
        for (i, annex) in res.annexes.iter().enumerate() {
            let component = format!("annex_{}", i + 1);
            self.out
                .start("attachment", &[("eId", &format!("att_{}", i + 1))])?;
            self.out.start("doc", &[("name", "annex")])?;
            self.out.nl()?;
            meta(self.out, res, ids, &component)?;
            if annex.label.is_some() || annex.title.is_some() {
                self.out.start("preface", &[])?;
                for (class, p) in [("annexLabel", &annex.label), ("annexTitle", &annex.title)] {
                    if let Some(p) = p {
                        self.out.start("p", &[("class", class)])?;
                        self.inlines(&p.content)?;
                        self.out.end("p")?;
                    }
                }
                self.out.end("preface")?;
                self.out.nl()?;
            }
            self.out.start("mainBody", &[])?;
            self.out.nl()?;
            self.annex_blocks(&annex.blocks)?;
            if annex.blocks.is_empty() {
                self.part("paragraph", "", &[])?;
            }
            self.out.end("mainBody")?;
            self.out.nl()?;
            self.out.end("doc")?;
            self.out.end("attachment")?;
            self.out.nl()?;
        }
        self.out.end("attachments")?;
        self.out.nl()
    }

    /// An annex's blocks: a list without introduction is written as
    /// numbered paragraphs, as the UN does; the rest one paragraph each.
    fn annex_blocks(&mut self, blocks: &[Block]) -> Result<()> {
        for block in blocks {
            match block {
                Block::List(list)
                    if list.intro.is_none()
                        && list.continuation.is_none()
                        && !list.items.is_empty()
                        && (0..list.items.len()).all(|i| !list.label(i).is_empty()) =>
                {
                    for (i, item) in list.items.iter().enumerate() {
                        self.part("paragraph", &list.label(i), &item.blocks)?;
                    }
                }
                other => self.part("paragraph", "", std::slice::from_ref(other))?,
            }
        }
        Ok(())
    }

    /// A part of the hierarchy (`paragraph`, `point`): its label, leading
    /// headings, then a single list as `list`, or the blocks in `content`.
    fn part(&mut self, name: &str, label: &str, blocks: &[Block]) -> Result<()> {
        let eid = self.eid(if name == "paragraph" { "para" } else { name });
        self.out.start(name, &[("eId", &eid)])?;
        if !label.is_empty() {
            self.out.element("num", &[], label)?;
        }
        let headings = blocks
            .iter()
            .take_while(|b| matches!(b, Block::Heading(_)))
            .count();
        for block in &blocks[..headings] {
            if let Block::Heading(h) = block {
                self.heading(h)?;
            }
        }
        match &blocks[headings..] {
            [] => {}
            [Block::List(list)] => self.list("list", list)?,
            rest => {
                self.out.start("content", &[])?;
                self.blocks(rest)?;
                self.out.end("content")?;
            }
        }
        self.out.end(name)?;
        self.out.nl()
    }

    fn heading(&mut self, h: &Heading) -> Result<()> {
        let class = format!("level{}", h.level);
        let (name, attributes): (&str, Vec<(&str, &str)>) = match h.level {
            0 | 1 => ("heading", vec![]),
            // The class keeps the level: a lone subheading reads as level 1.
            _ => ("subheading", vec![("class", class.as_str())]),
        };
        self.out.start(name, &attributes)?;
        self.inlines(&h.content)?;
        self.out.end(name)
    }

    /// A hierarchical list: `intro`, `point`s, `wrapUp`. An item that is
    /// paragraphs followed by lists is written as a point with its lists
    /// as `sublist`s after it, as AKN4UN does.
    fn list(&mut self, name: &str, list: &List) -> Result<()> {
        self.out.start(name, &[])?;
        if let Some(intro) = &list.intro {
            self.out.start("intro", &[])?;
            self.paragraph(intro)?;
            self.out.end("intro")?;
        }
        for (i, item) in list.items.iter().enumerate() {
            let label = list.label(i);
            let paragraphs = item
                .blocks
                .iter()
                .take_while(|b| matches!(b, Block::Paragraph(_)))
                .count();
            let rest = &item.blocks[paragraphs..];
            let sublists = paragraphs > 0
                && !rest.is_empty()
                && rest.iter().all(|b| matches!(b, Block::List(_)));
            if sublists {
                self.part("point", &label, &item.blocks[..paragraphs])?;
                for block in rest {
                    if let Block::List(nested) = block {
                        self.list("sublist", nested)?;
                    }
                }
            } else {
                self.part("point", &label, &item.blocks)?;
            }
        }
        if let Some(wrap) = &list.continuation {
            self.out.start("wrapUp", &[])?;
            self.paragraph(wrap)?;
            self.out.end("wrapUp")?;
        }
        self.out.end(name)?;
        self.out.nl()
    }

    /// Blocks inside `content`, a `container` or an `item`.
    fn blocks(&mut self, blocks: &[Block]) -> Result<()> {
        for block in blocks {
            match block {
                Block::Paragraph(p) => self.paragraph(p)?,
                Block::Heading(h) => {
                    let class = format!("heading{}", h.level);
                    self.out.start("p", &[("class", &class)])?;
                    self.inlines(&h.content)?;
                    self.out.end("p")?;
                }
                Block::List(list) => self.block_list(list)?,
            }
        }
        Ok(())
    }

    fn block_list(&mut self, list: &List) -> Result<()> {
        self.out.start("blockList", &[])?;
        if let Some(intro) = &list.intro {
            self.out.start("listIntroduction", &[])?;
            self.inlines(&intro.content)?;
            self.out.end("listIntroduction")?;
        }
        for (i, item) in list.items.iter().enumerate() {
            self.out.start("item", &[])?;
            let label = list.label(i);
            if !label.is_empty() {
                self.out.element("num", &[], &label)?;
            }
            self.blocks(&item.blocks)?;
            self.out.end("item")?;
        }
        if let Some(wrap) = &list.continuation {
            self.out.start("listWrapUp", &[])?;
            self.inlines(&wrap.content)?;
            self.out.end("listWrapUp")?;
        }
        self.out.end("blockList")
    }

    fn paragraph(&mut self, p: &Paragraph) -> Result<()> {
        self.out.start("p", &[])?;
        self.inlines(&p.content)?;
        self.out.end("p")
    }

    fn inlines(&mut self, inlines: &[Inline]) -> Result<()> {
        for inline in inlines {
            self.inline(inline)?;
        }
        Ok(())
    }

    fn inline(&mut self, inline: &Inline) -> Result<()> {
        let (name, attributes): (&str, Vec<(&str, String)>) = match inline {
            Inline::Text(t) => return self.out.text(t),
            Inline::LineBreak => return self.out.empty("br", &[]),
            Inline::Footnote(note) => {
                self.notes += 1;
                let marker = note.mark.clone().unwrap_or_else(|| self.notes.to_string());
                let eid = format!("authorialNote_{}", self.notes);
                self.out.start(
                    "authorialNote",
                    &[("marker", &marker), ("placement", "bottom"), ("eId", &eid)],
                )?;
                self.out.start("p", &[])?;
                self.inlines(&note.content)?;
                self.out.end("p")?;
                return self.out.end("authorialNote");
            }
            // AKN4UN sets the leading verb of a clause in an italic span.
            Inline::Verb(_) => ("span", vec![("class", "italic".into())]),
            Inline::Emphasis(_) => ("i", vec![]),
            Inline::Strong(_) => ("b", vec![]),
            Inline::Superscript(_) => ("sup", vec![]),
            Inline::Subscript(_) => ("sub", vec![]),
            // `quotedText` is for amendments (inside `mod`); a quotation in
            // running text is a named generic inline.
            Inline::Quote(_) => ("inline", vec![("name", "quote".into())]),
            Inline::Link(link) => match (&link.href, &link.reference) {
                (Some(href), Some(reference)) => (
                    "a",
                    vec![
                        ("href", href.clone()),
                        ("class", "reference".into()),
                        ("title", reference.0.clone()),
                    ],
                ),
                (Some(href), None) => ("a", vec![("href", href.clone())]),
                (None, Some(reference)) => ("ref", vec![("href", reference.0.clone())]),
                (None, None) => ("a", vec![("href", String::new())]),
            },
        };
        let attributes: Vec<(&str, &str)> =
            attributes.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.out.start(name, &attributes)?;
        self.inlines(inline.children().unwrap_or_default())?;
        self.out.end(name)
    }
}
