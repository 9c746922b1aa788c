//! respub's own DOCX, read back by its styles.
//!
//! The DOCX writer gives every paragraph a named style that says what it
//! is (`Operative Clause`, `List Item 2`, `Annex Title` …) and every verb
//! a character style; Word numbering or a typed label and a tab give the
//! labels. This reader inverts that: styles are matched by name, without
//! spaces or case, so that the renaming Word and LibreOffice do on saving
//! (`OperativeClause`, `Operative Clause`) changes nothing, and labels are
//! computed from `numbering.xml` as Word shows them, so that renumbering
//! is read as it is shown. The metadata comes from the document
//! properties, read by the respub XML reader's own code.
//!
//! A paragraph in a style respub does not write (one a reviewer added in
//! `Normal`) is kept as a paragraph of the part it stands in, with a
//! warning naming it.

use crate::diag::{DiagResult, Diagnostic, Warned};
use crate::docx_meta;
use crate::model::{
    Annex, Block, Clause, Footnote, Heading, Inline, LabelPattern, Language, Link, List, ListItem,
    Paragraph, Resolution, Span,
};

use super::body::{Fmt, Para, Piece};
use super::draft::{normalise, note_text};
use super::{Document, package};

/// The longest typed label (the text before a paragraph's first tab).
const MAX_LABEL_CHARS: usize = 16;

/// Title-block styles: the writer fills them from the metadata, which
/// comes back from the document properties.
const TITLE_BLOCK: [&str; 10] = [
    "resolutionemblem",
    "resolutionorganisation",
    "issuingbody",
    "resolutiontitle",
    "resolutionreference",
    "resolutionsubject",
    "resolutiondistribution",
    "resolutionsession",
    "resolutionadoptedby",
    "resolutioncommittee",
];

/// Whether `para` is in the title block respub writes from the metadata.
pub fn in_title_block(para: &Para) -> bool {
    para.style
        .as_deref()
        .map(normalise)
        .is_some_and(|s| TITLE_BLOCK.contains(&s.as_str()))
}

/// Which part of the text paragraphs are going to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Head,
    Preamble,
    Operative,
    Annex,
}

/// Reads respub's own DOCX.
pub fn read(doc: &Document) -> DiagResult<Warned<Resolution>> {
    let mut reader = Reader {
        doc,
        res: Resolution::default(),
        part: Part::Head,
        lists: Vec::new(),
        heading: None,
        warnings: Vec::new(),
        numbering: None,
    };
    reader.res.meta = meta(doc, &mut reader.warnings)?;
    for (i, para) in doc.body.iter().enumerate() {
        reader.paragraph(para, &doc.body[i + 1..]);
    }
    reader.close_lists();
    if let Some(h) = reader.heading.take() {
        reader.push_block(Block::Heading(h));
    }
    reader.res.operative.numbering = reader.numbering.take();
    if reader.res.operative.clauses.is_empty() {
        return Err(vec![
            Diagnostic::error("the document has no operative paragraph in the style “Operative Clause”")
                .at(Span::new(0, 0))
                .with_hint("respub's DOCX keeps each operative paragraph in that style; restore it, or remove the document's `respub` properties to read it as a draft"),
        ]);
    }
    Ok(Warned {
        output: reader.res,
        warnings: reader.warnings,
    })
}

/// The metadata, from the document properties, with the warnings about
/// it added to `warnings`.
fn meta(doc: &Document, warnings: &mut Vec<Diagnostic>) -> DiagResult<crate::model::Meta> {
    let props = doc.properties.iter().map(|(n, v)| (n.as_str(), v.as_str()));
    let refused = |message: String| {
        vec![
            Diagnostic::error(format!("the document properties of respub's DOCX are damaged: {message}"))
                .at(Span::new(0, 0))
                .with_hint("import the respub source the DOCX was built from, or remove the document's `respub` properties to read it as a draft"),
        ]
    };
    let Some(xml) = docx_meta::join(props) else {
        return Err(refused("the metadata properties are missing".into()));
    };
    let el = package::parse("docProps/custom.xml", &xml).map_err(|e| refused(e.to_string()))?;
    let (mut meta, diagnostics) = crate::source::xml::convert::meta(&el);
    // What respub wrote itself came from a source it accepted; a finding
    // of the respub XML reader's stricter checks (a number that
    // contradicts the reference, which an Akoma Ntoso source may have) is
    // said, not refused. Only metadata without a reference is unusable.
    if meta.reference.0.trim().is_empty() {
        let first = diagnostics
            .iter()
            .find(|d| d.is_error())
            .map(|d| d.message.clone());
        return Err(refused(
            first.unwrap_or_else(|| "the reference is missing".into()),
        ));
    }
    for d in diagnostics {
        warnings.push(
            Diagnostic::warning(format!("in the document properties: {}", d.message))
                .at(Span::new(0, 0)),
        );
    }
    meta.language = Language(
        doc.property(docx_meta::LANGUAGE)
            .unwrap_or_default()
            .to_string(),
    );
    if meta.language.0.is_empty() {
        return Err(refused("the language property is missing".into()));
    }
    meta.span = None;
    Ok(meta)
}

/// A formatting a run of text is wrapped in, outermost first.
#[derive(Debug, Clone, PartialEq)]
enum Wrap {
    Link(String),
    Verb,
    Strong,
    Emphasis,
    Superscript,
    Subscript,
}

/// What a run of inline content holds at its leaves.
#[derive(Debug, Clone)]
enum Leaf {
    Text(String),
    Note(Footnote),
    Break,
}

struct Reader<'a> {
    doc: &'a Document,
    res: Resolution,
    part: Part,
    /// The lists open in the current clause or annex: `lists[0]` in it,
    /// each next one in the last item of the one before.
    lists: Vec<List>,
    /// A heading waiting for the clause it opens.
    heading: Option<Heading>,
    warnings: Vec<Diagnostic>,
    /// The pattern Word numbers the operative clauses with.
    numbering: Option<LabelPattern>,
}

impl Reader<'_> {
    /// Reads paragraph `para`, followed by `rest`.
    fn paragraph(&mut self, para: &Para, rest: &[Para]) {
        let next = rest.iter().find(|p| !p.is_empty());
        let style = para.style.as_deref().map(normalise).unwrap_or_default();
        let span = self.doc.body_span(para.number);
        let (typed, pieces) = typed_label(para);
        let label = para
            .numbered
            .as_ref()
            .map(|n| n.label.clone())
            .filter(|l| !l.is_empty())
            .or(typed.clone());
        let content = self.inlines(&pieces);
        // A clause or item that opens with a heading has the heading in
        // bold beside its label, and its text in the next paragraph, in
        // the style that continues it.
        let continued = match style.as_str() {
            "preambleclause" => "preambleclausecontinued".to_string(),
            "operativeclause" => "operativeclausecontinued".to_string(),
            s if s.starts_with("listitem") => s.to_string(),
            _ => String::new(),
        };
        let beside_label = label.as_deref().is_some_and(|l| !l.trim().is_empty())
            && matches!(content.as_slice(), [Inline::Strong(_)])
            && next.is_some_and(|n| {
                n.numbered.is_none()
                    && typed_label(n).0.is_none()
                    && n.style.as_deref().map(normalise).as_deref() == Some(continued.as_str())
            });
        if beside_label {
            if let [Inline::Strong(inner)] = content.as_slice() {
                let heading = Heading {
                    level: 1,
                    content: inner.clone(),
                    span: Some(span),
                };
                if let Some(pending) = self.heading.replace(heading) {
                    self.push_block(Block::Heading(pending));
                }
            }
        }
        let content = if beside_label { Vec::new() } else { content };
        let paragraph = Paragraph {
            content,
            span: Some(span),
        };
        let empty = paragraph.content.is_empty();
        if let Some(depth) = style
            .strip_prefix("listitem")
            .and_then(|n| n.parse::<usize>().ok())
        {
            // A numbered paragraph opens an item, even when its level
            // shows no label (a list of unlabelled items).
            let label = match &para.numbered {
                Some(n) if n.label.is_empty() && typed.is_none() => Some(String::new()),
                _ => label,
            };
            self.item(
                para,
                depth.saturating_sub(1),
                label,
                typed.is_some(),
                paragraph,
            );
            return;
        }
        if let Some(level) = style
            .strip_prefix("annexheading")
            .and_then(|n| n.parse::<u8>().ok())
        {
            self.close_lists();
            let heading = Heading {
                level,
                content: paragraph.content,
                span: Some(span),
            };
            // Before a labelled clause, a heading is a clause of its own,
            // set apart from the numbering by an empty label; before an
            // unlabelled one, or in the text of a clause, it is a block of
            // the clause.
            // Headings in a row go together before what follows them.
            let next = rest.iter().find(|p| {
                !p.is_empty()
                    && !p
                        .style
                        .as_deref()
                        .is_some_and(|s| normalise(s).starts_with("annexheading"))
            });
            let next_style = next.and_then(|n| n.style.as_deref()).map(normalise);
            let next_labelled = next.is_some_and(|n| {
                n.numbered.as_ref().is_some_and(|x| !x.label.is_empty())
                    || typed_label(n).0.is_some_and(|l| !l.is_empty())
            });
            if self.part == Part::Annex {
                self.push_block(Block::Heading(heading));
            } else if next_labelled
                && matches!(
                    next_style.as_deref(),
                    Some("preambleclause" | "operativeclause")
                )
            {
                if let Some(pending) = self.heading.take() {
                    self.push_block(Block::Heading(pending));
                }
                let clause = Clause {
                    label: Some(String::new()),
                    blocks: vec![Block::Heading(heading)],
                    span: Some(span),
                };
                if next_style.as_deref() == Some("operativeclause") {
                    self.part = Part::Operative;
                    self.res.operative.clauses.push(clause);
                } else {
                    self.part = Part::Preamble;
                    self.res.preamble.push(clause);
                }
            } else if let Some(pending) = self.heading.replace(heading) {
                self.push_block(Block::Heading(pending));
            }
            return;
        }
        match style.as_str() {
            "openingformula" => {
                self.close_lists();
                self.res.opening = Some(paragraph);
            }
            "preambleclause" | "operativeclause" => {
                self.close_lists();
                let operative = style == "operativeclause";
                self.part = if operative {
                    Part::Operative
                } else {
                    Part::Preamble
                };
                let mut blocks: Vec<Block> = self
                    .heading
                    .take()
                    .map(Block::Heading)
                    .into_iter()
                    .collect();
                if !empty {
                    blocks.push(Block::Paragraph(paragraph));
                }
                let mut clause = Clause {
                    label: typed,
                    blocks,
                    span: Some(span),
                };
                if operative {
                    if let Some(n) = &para.numbered {
                        // Word numbers the clauses: the label is the
                        // numbering's, unless it is out of its sequence.
                        let expected = self
                            .res
                            .operative
                            .clauses
                            .iter()
                            .filter(|c| c.label.is_none())
                            .count() as u32
                            + 1;
                        if self.numbering.is_none() {
                            self.numbering = n.pattern.clone();
                        }
                        if n.value != expected || self.numbering != n.pattern {
                            clause.label = label;
                        }
                    }
                    self.res.operative.clauses.push(clause);
                } else {
                    self.res.preamble.push(clause);
                }
            }
            "preambleclausecontinued" | "operativeclausecontinued" | "annextext" => {
                self.close_lists();
                if style == "annextext" && self.part != Part::Annex {
                    self.new_annex(None, span);
                }
                self.further(paragraph);
            }
            "closingformula" => {
                self.close_lists();
                self.res.closing = Some(paragraph);
            }
            "adoptionline" => {
                self.close_lists();
                self.res.adoption = Some(paragraph);
            }
            "annexlabel" => {
                self.close_lists();
                self.new_annex(Some(paragraph), span);
            }
            "annextitle" => {
                self.close_lists();
                if self.part != Part::Annex {
                    self.new_annex(None, span);
                }
                if let Some(annex) = self.res.annexes.last_mut() {
                    annex.title = Some(paragraph);
                }
            }
            s if TITLE_BLOCK.contains(&s) && self.part == Part::Head => {}
            _ if empty => {}
            _ => {
                let name = para.style.clone().unwrap_or_else(|| "Normal".into());
                self.warnings.push(
                    Diagnostic::warning(format!(
                        "paragraph {} is in the style `{}`, which respub's DOCX does not use; it is read as a further paragraph of what stands before it",
                        para.number,
                        crate::diag::escape(&name)
                    ))
                    .at(span)
                    .with_label(format!("paragraph {}", para.number))
                    .with_hint("give it the style of the clause or list item it belongs to (Operative Clause, List Item 1 …)"),
                );
                self.close_lists();
                if self.part == Part::Head {
                    self.part = Part::Preamble;
                }
                self.further(paragraph);
            }
        }
    }

    fn new_annex(&mut self, label: Option<Paragraph>, span: Span) {
        self.part = Part::Annex;
        self.res.annexes.push(Annex {
            label,
            title: None,
            blocks: Vec::new(),
            span: Some(span),
        });
    }

    /// The blocks paragraphs are going to: the last clause's or annex's.
    fn container(&mut self) -> Option<&mut Vec<Block>> {
        match self.part {
            Part::Head => None,
            Part::Preamble => self.res.preamble.last_mut().map(|c| &mut c.blocks),
            Part::Operative => self.res.operative.clauses.last_mut().map(|c| &mut c.blocks),
            Part::Annex => self.res.annexes.last_mut().map(|a| &mut a.blocks),
        }
    }

    fn push_block(&mut self, block: Block) {
        if self.container().is_none() {
            // Text before any clause: a clause of its own, so that nothing
            // is lost.
            self.part = Part::Preamble;
            self.res.preamble.push(Clause::default());
        }
        if let Some(blocks) = self.container() {
            blocks.push(block);
        }
    }

    /// A paragraph that goes on the clause or annex: a pending heading
    /// first, then the paragraph, as the continuation of a list that ends
    /// just before it.
    fn further(&mut self, p: Paragraph) {
        if let Some(h) = self.heading.take() {
            self.push_block(Block::Heading(h));
        }
        continue_or_push(self.container_or_new(), p);
    }

    fn container_or_new(&mut self) -> &mut Vec<Block> {
        if self.container().is_none() {
            self.part = Part::Preamble;
            self.res.preamble.push(Clause::default());
        }
        self.container().expect("a container was just made")
    }

    /// A list item's paragraph at `depth`.
    fn item(
        &mut self,
        para: &Para,
        depth: usize,
        label: Option<String>,
        typed: bool,
        p: Paragraph,
    ) {
        let span = p.span;
        let opens = label.is_some();
        let heading = self.heading.take();
        if !opens {
            if let Some(h) = heading.clone() {
                self.push_block(Block::Heading(h));
            }
        }
        // Close the lists deeper than this item's.
        while self.lists.len() > depth + 1 {
            self.close_one();
        }
        if !opens {
            // A further paragraph of the item at this depth, or the
            // continuation of a list nested in it.
            match self.lists.last_mut().and_then(|l| l.items.last_mut()) {
                Some(item) => continue_or_push(&mut item.blocks, p),
                None => self.further(p),
            }
            return;
        }
        if self.lists.len() < depth + 1 {
            // A new list, in the container or in the last item; the
            // paragraph just before it is its introduction.
            let (pattern, start) = match (&para.numbered, &label) {
                (Some(n), _) if n.pattern.is_some() => {
                    (n.pattern.clone().unwrap_or_default(), n.value)
                }
                (_, Some(l)) => LabelPattern::read(l).into_iter().next().unwrap_or_else(|| {
                    (
                        LabelPattern {
                            prefix: String::new(),
                            counter: crate::model::Counter::None,
                            suffix: l.clone(),
                        },
                        1,
                    )
                }),
                _ => (LabelPattern::default(), 1),
            };
            let intro = {
                let blocks: &mut Vec<Block> =
                    match self.lists.last_mut().and_then(|l| l.items.last_mut()) {
                        Some(item) => &mut item.blocks,
                        None => self.container_or_new(),
                    };
                match blocks.last() {
                    Some(Block::Paragraph(_)) => match blocks.pop() {
                        Some(Block::Paragraph(p)) => Some(p),
                        _ => None,
                    },
                    _ => None,
                }
            };
            self.lists.push(List {
                intro,
                pattern,
                start: start.max(1),
                items: Vec::new(),
                continuation: None,
                span,
            });
        }
        let list = self.lists.last_mut().expect("a list is open");
        let expected = list.start + list.items.iter().filter(|i| i.label.is_none()).count() as u32;
        let own_label = match &para.numbered {
            Some(n)
                if !typed && n.value == expected && n.pattern.as_ref() == Some(&list.pattern) =>
            {
                None
            }
            _ => label,
        };
        let mut blocks: Vec<Block> = heading.map(Block::Heading).into_iter().collect();
        if !p.content.is_empty() {
            blocks.push(Block::Paragraph(p));
        }
        list.items.push(ListItem {
            label: own_label,
            blocks,
            span,
        });
    }

    fn close_one(&mut self) {
        let Some(list) = self.lists.pop() else {
            return;
        };
        match self.lists.last_mut().and_then(|l| l.items.last_mut()) {
            Some(item) => item.blocks.push(Block::List(list)),
            None => self.container_or_new().push(Block::List(list)),
        }
    }

    fn close_lists(&mut self) {
        while !self.lists.is_empty() {
            self.close_one();
        }
    }

    /// The inline content of `pieces`.
    fn inlines(&self, pieces: &[Piece]) -> Vec<Inline> {
        let mut items: Vec<(Vec<Wrap>, Leaf)> = Vec::new();
        for piece in pieces {
            match piece {
                Piece::Text(text, fmt) => {
                    if fmt
                        .char_style
                        .as_deref()
                        .is_some_and(|s| normalise(s) == "subjectlabel")
                    {
                        continue;
                    }
                    items.push((wraps(fmt), Leaf::Text(text.clone())));
                }
                Piece::Tab => items.push((Vec::new(), Leaf::Text(" ".into()))),
                Piece::Break => items.push((Vec::new(), Leaf::Break)),
                Piece::Note { part, id, custom } => {
                    let key = (*part, id.clone());
                    let Some(paras) = self.doc.notes.get(&key) else {
                        continue;
                    };
                    let mut content = Vec::new();
                    for (i, para) in paras.iter().enumerate() {
                        if i > 0 {
                            content.push(Inline::LineBreak);
                        }
                        content.extend(self.inlines(&note_text(&para.pieces)));
                    }
                    items.push((
                        Vec::new(),
                        Leaf::Note(Footnote {
                            mark: custom.clone().filter(|m| !m.is_empty()),
                            content,
                            span: self.doc.note_span(&key),
                        }),
                    ));
                }
            }
        }
        nest(items)
    }
}

/// A paragraph after a list that ends just before it is the list's
/// continuation; otherwise it is a paragraph of its own.
fn continue_or_push(blocks: &mut Vec<Block>, p: Paragraph) {
    if let Some(Block::List(list)) = blocks.last_mut() {
        if list.continuation.is_none() {
            list.continuation = Some(p);
            return;
        }
    }
    blocks.push(Block::Paragraph(p));
}

/// The label typed before a paragraph's first tab, and the pieces after
/// it.
fn typed_label(para: &Para) -> (Option<String>, Vec<Piece>) {
    let pieces = &para.pieces;
    if let [Piece::Text(label, fmt), Piece::Tab, rest @ ..] = pieces.as_slice() {
        let plain = fmt.char_style.is_none() && !fmt.italic && !fmt.bold;
        let len = label.chars().count();
        if plain && (1..=MAX_LABEL_CHARS).contains(&len) {
            return (Some(label.clone()), rest.to_vec());
        }
    }
    if let [Piece::Tab, rest @ ..] = pieces.as_slice() {
        // An empty label, typed: the clause is set apart from the
        // numbering.
        return (Some(String::new()), rest.to_vec());
    }
    (None, pieces.to_vec())
}

/// The formattings of a run, outermost first.
fn wraps(fmt: &Fmt) -> Vec<Wrap> {
    let mut out = Vec::new();
    if let Some(href) = &fmt.link {
        out.push(Wrap::Link(href.clone()));
    }
    let verb = fmt
        .char_style
        .as_deref()
        .is_some_and(|s| normalise(s).starts_with("resolutionverb"));
    if verb {
        out.push(Wrap::Verb);
    } else {
        let style = fmt.char_style.as_deref().map(normalise);
        if fmt.bold || style.as_deref() == Some("strong") {
            out.push(Wrap::Strong);
        }
        if fmt.italic || style.as_deref() == Some("emphasis") {
            out.push(Wrap::Emphasis);
        }
    }
    if fmt.superscript {
        out.push(Wrap::Superscript);
    } else if fmt.subscript {
        out.push(Wrap::Subscript);
    }
    out
}

/// Nests runs that share their outer formatting.
fn nest(items: Vec<(Vec<Wrap>, Leaf)>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let first = items[i].0.first().cloned();
        let Some(wrap) = first else {
            match &items[i].1 {
                Leaf::Text(t) => match out.last_mut() {
                    Some(Inline::Text(prev)) => prev.push_str(t),
                    _ => out.push(Inline::Text(t.clone())),
                },
                Leaf::Note(n) => out.push(Inline::Footnote(n.clone())),
                Leaf::Break => out.push(Inline::LineBreak),
            }
            i += 1;
            continue;
        };
        let len = items[i..]
            .iter()
            .take_while(|(w, _)| w.first() == Some(&wrap))
            .count();
        let inner: Vec<(Vec<Wrap>, Leaf)> = items[i..i + len]
            .iter()
            .map(|(w, l)| (w[1..].to_vec(), l.clone()))
            .collect();
        i += len;
        let content = nest(inner);
        out.push(match wrap {
            Wrap::Link(href) => Inline::Link(Link {
                href: Some(href),
                reference: None,
                content,
                span: None,
            }),
            Wrap::Verb => Inline::Verb(content),
            Wrap::Strong => Inline::Strong(content),
            Wrap::Emphasis => Inline::Emphasis(content),
            Wrap::Superscript => Inline::Superscript(content),
            Wrap::Subscript => Inline::Subscript(content),
        });
    }
    out
}
