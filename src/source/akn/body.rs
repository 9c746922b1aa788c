//! The text of the document: preamble, main body, lists and annexes.
//!
//! AKN4UN puts each preamble clause in a `container`, each operative
//! paragraph in a numbered `paragraph` whose text is in `content` or in a
//! `list` (`intro`, `point`s, `sublist`s, `wrapUp`), section headings in
//! unnumbered `paragraph`s with a `heading` or `subheading`, and annexes in
//! `attachments/attachment/doc`.

use crate::model::{Annex, Block, Clause, Heading, Inline, List, ListItem, Operative, Paragraph};

use super::Ctx;
use super::labels::fit;
use super::layout;
use super::tree::Element;

/// Elements of the AKN hierarchy that hold one numbered part.
const HIERARCHY: &[&str] = &[
    "alinea",
    "article",
    "chapter",
    "clause",
    "container",
    "division",
    "hcontainer",
    "indent",
    "item",
    "level",
    "paragraph",
    "part",
    "point",
    "rule",
    "section",
    "subdivision",
    "subparagraph",
    "subsection",
    "tiret",
];

impl Ctx {
    /// The enacting formula and the preamble clauses.
    pub(super) fn preamble(&mut self, el: &Element) -> (Option<Paragraph>, Vec<Clause>) {
        let mut opening = None;
        let mut clauses = Vec::new();
        for child in el.elements() {
            match child.name.as_str() {
                "formula" if opening.is_none() => opening = Some(self.joined(child, false)),
                "container" | "recital" | "citation" => clauses.push(Clause {
                    label: None,
                    blocks: self.blocks(child, &mut true),
                    span: Some(child.span),
                }),
                "recitals" | "citations" => {
                    let (_, inner) = self.preamble(child);
                    clauses.extend(inner);
                }
                "p" | "blockList" => clauses.push(Clause {
                    label: None,
                    blocks: self.block(child, &mut true).into_iter().collect(),
                    span: Some(child.span),
                }),
                _ => self.skip(child, "is not expected in the preamble"),
            }
        }
        (opening, clauses)
    }

    /// The operative part: one clause per part of the main body (of all
    /// of them, when a file has more than one).
    pub(super) fn main_body(&mut self, bodies: &[&Element]) -> Operative {
        let mut clauses: Vec<Clause> = Vec::new();
        let mut raw = Vec::new();
        for child in bodies.iter().flat_map(|b| b.elements()) {
            let name = child.name.as_str();
            let (label, blocks) = if HIERARCHY.contains(&name) {
                let (label, blocks) = self.hier(child, &mut true);
                if label.is_none() && blocks.is_empty() {
                    // An empty part (AKN needs one in an empty main body).
                    continue;
                }
                (label, blocks)
            } else if name == "p" || name == "blockList" {
                (None, self.block(child, &mut true).into_iter().collect())
            } else {
                self.skip(child, "is not expected in the main body");
                continue;
            };
            // A numbered paragraph left empty, its text in the next,
            // unnumbered one ("1." alone, then "Decide …"): the text is
            // the numbered paragraph's.
            if label.is_none()
                && let Some(clause) = clauses.last_mut().filter(|c| c.blocks.is_empty())
            {
                clause.blocks = blocks;
                continue;
            }
            let mut blocks = blocks;
            // Some UN files keep the number in the text ("27 -\tDecides
            // …", no `<num>`): it is the paragraph's label all the same.
            let label = label.or_else(|| number_in_text(&mut blocks));
            raw.push(label);
            clauses.push(Clause {
                label: None,
                blocks,
                span: Some(child.span),
            });
        }
        let body = self.layout(layout::Paragraphs {
            labels: raw,
            clauses,
        });
        let (raw, mut clauses) = (body.labels, body.clauses);
        let fit = fit(&raw, true);
        let numbered =
            fit.pattern.counter != crate::model::Counter::None || !fit.pattern.suffix.is_empty();
        if numbered {
            for (clause, explicit) in clauses.iter_mut().zip(fit.explicit) {
                clause.label = explicit;
            }
        } else {
            for (clause, label) in clauses.iter_mut().zip(raw) {
                clause.label = label;
            }
        }
        Operative {
            numbering: numbered.then_some(fit.pattern),
            clauses,
        }
    }

    /// The blocks of a part of the hierarchy and its label.
    fn hier(&mut self, el: &Element, leading: &mut bool) -> (Option<String>, Vec<Block>) {
        let mut label = None;
        let mut blocks = Vec::new();
        let mut stray: Vec<&Element> = Vec::new();
        for child in el.elements() {
            if child.name != "point" && !stray.is_empty() {
                blocks.push(Block::List(self.list(
                    &std::mem::take(&mut stray),
                    None,
                    None,
                )));
            }
            match child.name.as_str() {
                "num" if label.is_none() => {
                    label = Some(child.clean_text()).filter(|l| !l.is_empty());
                }
                "heading" | "subheading" => {
                    let mut heading = self.heading(child);
                    // A subheading with no heading above it is the part's
                    // heading (the UN titles operative sections so).
                    if child.name == "subheading"
                        && el.child("heading").is_none()
                        && child.attr("class").is_none()
                    {
                        heading.level = 1;
                    }
                    blocks.push(Block::Heading(heading));
                }
                "content" | "intro" | "wrapUp" => blocks.extend(self.blocks(child, leading)),
                "list" | "sublist" | "blockList" => blocks.extend(self.block(child, leading)),
                "point" => stray.push(child),
                "p" => blocks.extend(self.block(child, leading)),
                name if HIERARCHY.contains(&name) => {
                    let (inner_label, inner) = self.hier(child, leading);
                    if inner_label.is_some() {
                        self.warn(
                            child,
                            "a numbered part inside a paragraph is read without its number",
                        );
                    }
                    blocks.extend(inner);
                }
                _ => self.skip(child, "is not expected here"),
            }
        }
        if !stray.is_empty() {
            blocks.push(Block::List(self.list(&stray, None, None)));
        }
        (label, blocks)
    }

    /// A `heading` (level 1) or `subheading` (level 2, or the level its
    /// class `levelN` gives).
    fn heading(&mut self, el: &Element) -> Heading {
        let default = if el.name == "heading" { 1 } else { 2 };
        let level = el
            .attr("class")
            .and_then(|c| c.strip_prefix("level"))
            .and_then(|l| l.parse().ok())
            .unwrap_or(default);
        Heading {
            level,
            content: self.inlines(el, false),
            span: Some(el.span),
        }
    }

    /// The block elements inside `el` (`p`, `blockList`, lists).
    fn blocks(&mut self, el: &Element, leading: &mut bool) -> Vec<Block> {
        let mut out = Vec::new();
        for child in el.elements() {
            if child.name == "num" {
                continue;
            }
            out.extend(self.block(child, leading));
        }
        out
    }

    /// One block element.
    fn block(&mut self, el: &Element, leading: &mut bool) -> Option<Block> {
        match el.name.as_str() {
            "p" => {
                let level = el
                    .attr("class")
                    .and_then(|c| c.strip_prefix("heading"))
                    .and_then(|l| l.parse::<u8>().ok());
                let content = self.inlines(el, std::mem::take(leading));
                // An empty `<p>` (UN texts keep some, `<p>\t</p>`) holds
                // nothing to read.
                if content.is_empty() {
                    return None;
                }
                Some(match level {
                    Some(level) => Block::Heading(Heading {
                        level,
                        content,
                        span: Some(el.span),
                    }),
                    None => Block::Paragraph(Paragraph {
                        content,
                        span: Some(el.span),
                    }),
                })
            }
            "blockList" => Some(Block::List(self.block_list(el, leading))),
            "list" | "sublist" => Some(Block::List(self.hier_list(el, leading))),
            "heading" | "subheading" => Some(Block::Heading(self.heading(el))),
            "content" | "intro" | "wrapUp" | "blockContainer" => {
                let inner = self.blocks(el, leading);
                if inner.len() > 1 {
                    self.warn(el, "only the first block of this element is kept here");
                }
                inner.into_iter().next()
            }
            "tblock" | "foreign" | "table" | "toc" => {
                self.skip(el, "is not supported by respub");
                None
            }
            _ => {
                self.skip(el, "is not expected here");
                None
            }
        }
    }

    /// A hierarchical list: `intro`, `point`s with `sublist`s, `wrapUp`.
    fn hier_list(&mut self, el: &Element, leading: &mut bool) -> List {
        // An intro or a wrap-up without text (`<p>\t</p>`, as UN texts
        // have some) is none.
        let intro = el
            .child("intro")
            .map(|i| self.joined(i, std::mem::take(leading)))
            .filter(|p| !p.content.is_empty());
        let points: Vec<&Element> = el
            .elements()
            .filter(|e| e.name != "intro" && e.name != "wrapUp" && e.name != "num")
            .collect();
        let wrap = el.child("wrapUp");
        let mut list = self.list(&points, intro, wrap);
        list.span = Some(el.span);
        list
    }

    /// List items from points; a `sublist` belongs to the point before it.
    fn list(
        &mut self,
        points: &[&Element],
        intro: Option<Paragraph>,
        wrap: Option<&Element>,
    ) -> List {
        let mut labels = Vec::new();
        let mut items: Vec<ListItem> = Vec::new();
        for point in points {
            match point.name.as_str() {
                "sublist" | "list" => {
                    let nested = self.hier_list(point, &mut false);
                    match items.last_mut() {
                        Some(item) => item.blocks.push(Block::List(nested)),
                        None => {
                            labels.push(None);
                            items.push(ListItem {
                                label: None,
                                blocks: vec![Block::List(nested)],
                                span: Some(point.span),
                            });
                        }
                    }
                }
                name if HIERARCHY.contains(&name) => {
                    let (label, blocks) = self.hier(point, &mut false);
                    labels.push(label);
                    items.push(ListItem {
                        label: None,
                        blocks,
                        span: Some(point.span),
                    });
                }
                _ => self.skip(point, "is not expected in a list"),
            }
        }
        let continuation = wrap
            .map(|w| self.joined(w, false))
            .filter(|p| !p.content.is_empty());
        finish(items, &labels, intro, continuation)
    }

    /// A block list: `listIntroduction`, `item`s, `listWrapUp`.
    fn block_list(&mut self, el: &Element, leading: &mut bool) -> List {
        let mut intro = None;
        let mut continuation = None;
        let mut labels = Vec::new();
        let mut items = Vec::new();
        for child in el.elements() {
            match child.name.as_str() {
                "listIntroduction" => {
                    let content = self.inlines(child, std::mem::take(leading));
                    intro = (!content.is_empty()).then_some(Paragraph {
                        content,
                        span: Some(child.span),
                    })
                }
                "listWrapUp" => {
                    let content = self.inlines(child, false);
                    continuation = (!content.is_empty()).then_some(Paragraph {
                        content,
                        span: Some(child.span),
                    })
                }
                "item" => {
                    labels.push(
                        child
                            .child("num")
                            .map(Element::clean_text)
                            .filter(|l| !l.is_empty()),
                    );
                    let blocks = self.blocks(child, &mut false);
                    items.push(ListItem {
                        label: None,
                        blocks,
                        span: Some(child.span),
                    });
                }
                _ => self.skip(child, "is not expected in a list"),
            }
        }
        let mut list = finish(items, &labels, intro, continuation);
        list.span = Some(el.span);
        list
    }

    /// An annex: an attached document's preface and main body.
    pub(super) fn annex(&mut self, doc: &Element) -> Annex {
        let mut annex = Annex {
            span: Some(doc.span),
            ..Annex::default()
        };
        for part in doc.elements() {
            match part.name.as_str() {
                "meta" => {}
                "preface" | "coverPage" => {
                    for p in part.elements() {
                        match p.attr("class") {
                            Some("annexLabel") if annex.label.is_none() => {
                                annex.label = Some(self.joined(p, false))
                            }
                            Some("annexTitle") if annex.title.is_none() => {
                                annex.title = Some(self.joined(p, false))
                            }
                            _ => annex.blocks.extend(self.block(p, &mut false)),
                        }
                    }
                }
                "mainBody" | "body" | "mainContent" => {
                    let blocks = self.annex_blocks(part);
                    annex.blocks.extend(blocks);
                }
                _ => self.skip(part, "is not read in an annex"),
            }
        }
        annex
    }

    /// Runs of numbered paragraphs become lists; the rest is kept in order.
    fn annex_blocks(&mut self, body: &Element) -> Vec<Block> {
        let mut blocks = Vec::new();
        let mut labels = Vec::new();
        let mut run: Vec<ListItem> = Vec::new();
        for child in body.elements() {
            let name = child.name.as_str();
            let inner = if HIERARCHY.contains(&name) {
                let (label, inner) = self.hier(child, &mut false);
                if label.is_some() {
                    labels.push(label);
                    run.push(ListItem {
                        label: None,
                        blocks: inner,
                        span: Some(child.span),
                    });
                    continue;
                }
                inner
            } else {
                self.block(child, &mut false).into_iter().collect()
            };
            // UN annexes sometimes number an empty paragraph and put its
            // text in the next one ("1." alone, then "Missiles …"): the
            // text is the numbered item's.
            if let Some(item) = run.last_mut().filter(|i| i.blocks.is_empty())
                && !inner.is_empty()
            {
                item.blocks = inner;
                continue;
            }
            flush(&mut blocks, &mut run, &mut labels);
            blocks.extend(inner);
        }
        flush(&mut blocks, &mut run, &mut labels);
        blocks
    }
}

fn flush(blocks: &mut Vec<Block>, run: &mut Vec<ListItem>, labels: &mut Vec<Option<String>>) {
    if !run.is_empty() {
        let items = std::mem::take(run);
        blocks.push(Block::List(finish(items, labels, None, None)));
        labels.clear();
    }
}

pub(super) fn finish(
    mut items: Vec<ListItem>,
    labels: &[Option<String>],
    intro: Option<Paragraph>,
    continuation: Option<Paragraph>,
) -> List {
    let fit = fit(labels, false);
    for (item, explicit) in items.iter_mut().zip(fit.explicit) {
        item.label = explicit;
    }
    List {
        intro,
        pattern: fit.pattern,
        start: fit.start,
        items,
        continuation,
        span: None,
    }
}

/// A label that opens the text of `blocks` — a paragraph number ("27 -",
/// "3.") or an item label ("(1)", "a)") — taken out of the text; `None`
/// when the text opens otherwise.
fn number_in_text(blocks: &mut Vec<Block>) -> Option<String> {
    let Some(Block::Paragraph(p)) = blocks.first_mut() else {
        return None;
    };
    let Some(Inline::Text(text)) = p.content.first_mut() else {
        return None;
    };
    let trimmed = text.trim_start();
    let tail = paragraph_number(trimmed).or_else(|| item_label(trimmed))?;
    let label = trimmed[..trimmed.len() - tail.len()].to_string();
    let words = tail.trim_start().to_string();
    if !words.is_empty() {
        *text = words;
    } else if p.content.len() > 1 {
        // The number alone before the opening phrase.
        p.content.remove(0);
    } else {
        // The number alone in its paragraph, its text in the next.
        blocks.remove(0);
    }
    Some(label)
}

/// The text after a paragraph number that opens `text` ("27 -", "3."),
/// which stands apart from the words: a tab or spaces follow it.
fn paragraph_number(text: &str) -> Option<&str> {
    let digits = text.find(|c: char| !c.is_ascii_digit())?;
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = text[digits..].trim_start_matches(' ');
    let mark = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '-' | '.' | '–'))?;
    let tail = &rest[mark.len_utf8()..];
    (tail.is_empty() || tail.starts_with(char::is_whitespace)).then_some(tail)
}

/// The text after an item label that opens `text` ("(1)", "(iv)", "a)",
/// "(أ)"), set off from the words by a space or a tab.
fn item_label(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('(').unwrap_or(text);
    let len = inner.find(|c: char| !c.is_alphanumeric())?;
    if len == 0 || inner[..len].chars().count() > 4 {
        return None;
    }
    let tail = inner[len..].strip_prefix(')')?;
    (tail.is_empty() || tail.starts_with(char::is_whitespace)).then_some(tail)
}
