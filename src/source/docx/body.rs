//! The text of a Word document as paragraphs of formatted pieces: what
//! both readings of a DOCX (respub's own, by its styles; a foreign draft,
//! by its words) start from.
//!
//! WordprocessingML wraps text in many layers — runs, hyperlinks, fields,
//! content controls, smart tags, tracked changes, tables, text boxes. This
//! walk flattens them into the paragraphs a reader sees, with every
//! tracked change accepted (insertions kept, deletions dropped), field
//! codes dropped and their results kept, and a count of what was set
//! aside, for the warnings. Styles are resolved here too, so that
//! formatting is known the same way whether a run says it directly or
//! through its character style.

use std::collections::HashMap;

use crate::source::tree::Element;

use super::numbering::{NumRef, Numbered, Numbering};
use super::package::Relationships;

/// Which part of the package a paragraph is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartKind {
    /// The main document.
    Body,
    /// `footnotes.xml`.
    Footnotes,
    /// `endnotes.xml`.
    Endnotes,
}

impl PartKind {
    /// The part's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            PartKind::Body => "word/document.xml",
            PartKind::Footnotes => "word/footnotes.xml",
            PartKind::Endnotes => "word/endnotes.xml",
        }
    }
}

/// How a piece of text is set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fmt {
    /// Italic, directly or through its character style.
    pub italic: bool,
    /// Bold, likewise.
    pub bold: bool,
    /// Raised.
    pub superscript: bool,
    /// Lowered.
    pub subscript: bool,
    /// Small capitals or capitals.
    pub caps: bool,
    /// The name of its character style, as the style table names it.
    pub char_style: Option<String>,
    /// The target of the hyperlink it is in.
    pub link: Option<String>,
}

/// A piece of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text in one format.
    Text(String, Fmt),
    /// A tab.
    Tab,
    /// A line break inside the paragraph.
    Break,
    /// A footnote's or endnote's reference.
    Note {
        /// The part the note is in.
        part: PartKind,
        /// Its id there.
        id: String,
        /// The mark typed instead of a number, if any.
        custom: Option<String>,
    },
}

/// One paragraph.
#[derive(Debug, Clone)]
pub struct Para {
    /// The part it is in.
    pub part: PartKind,
    /// The id of the note it belongs to, for paragraphs of notes.
    pub note: Option<String>,
    /// Its number in its part, from 1.
    pub number: usize,
    /// The name of its paragraph style, as the style table names it.
    pub style: Option<String>,
    /// Its place in a Word list, if it is numbered.
    pub num: Option<NumRef>,
    /// The label Word shows before it, computed from the numbering.
    pub numbered: Option<Numbered>,
    /// Its pieces.
    pub pieces: Vec<Piece>,
    /// Whether it was in a table cell.
    pub in_table: bool,
}

impl Para {
    /// The text of the paragraph, tabs and breaks as spaces, notes left
    /// out.
    pub fn plain(&self) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(t, _) => out.push_str(t),
                Piece::Tab | Piece::Break => out.push(' '),
                Piece::Note { .. } => {}
            }
        }
        out
    }

    /// Whether the paragraph has no visible text and no note.
    pub fn is_empty(&self) -> bool {
        self.numbered.is_none()
            && self.pieces.iter().all(|p| match p {
                Piece::Text(t, _) => t.trim().is_empty(),
                Piece::Tab | Piece::Break => true,
                Piece::Note { .. } => false,
            })
    }
}

/// What the walk set aside or accepted, for the warnings.
#[derive(Debug, Default, Clone)]
pub struct SetAside {
    /// Tracked insertions and deletions (and moves), accepted.
    pub changes: usize,
    /// Tracked formatting changes, accepted.
    pub format_changes: usize,
    /// Tables, by the number of the first paragraph of each.
    pub tables: Vec<usize>,
    /// Pictures and drawings, by the paragraph they are in.
    pub pictures: Vec<usize>,
    /// Text boxes, by the paragraph they are anchored in.
    pub text_boxes: Vec<usize>,
    /// Embedded objects and alternative content (altChunk), by paragraph.
    pub embedded: Vec<usize>,
}

/// A style of the style table.
#[derive(Debug, Clone, Default)]
struct StyleDef {
    name: String,
    based_on: Option<String>,
    italic: Option<bool>,
    bold: Option<bool>,
    num: Option<(Option<String>, Option<u8>)>,
}

/// The style table (`styles.xml`).
#[derive(Debug, Clone, Default)]
pub struct Styles {
    by_id: HashMap<String, StyleDef>,
    default_paragraph: Option<String>,
}

impl Styles {
    /// Reads `styles.xml`.
    pub fn read(root: Option<&Element>) -> Styles {
        let mut styles = Styles::default();
        let Some(root) = root else {
            return styles;
        };
        for el in root.elements().filter(|e| e.name == "style") {
            let Some(id) = w_attr(el, "styleId") else {
                continue;
            };
            let name = el
                .child("name")
                .and_then(|n| w_attr(n, "val"))
                .unwrap_or(id)
                .to_string();
            let rpr = el.child("rPr");
            let num = el.child("pPr").and_then(|p| p.child("numPr")).map(num_pr);
            let def = StyleDef {
                name,
                based_on: el
                    .child("basedOn")
                    .and_then(|b| w_attr(b, "val"))
                    .map(String::from),
                italic: rpr.and_then(|r| toggle(r, "i")),
                bold: rpr.and_then(|r| toggle(r, "b")),
                num,
            };
            if w_attr(el, "type") == Some("paragraph") && w_attr(el, "default").is_some_and(on) {
                styles.default_paragraph = Some(id.to_string());
            }
            styles.by_id.insert(id.to_string(), def);
        }
        styles
    }

    /// The name of style `id` (its id when the table does not know it).
    pub fn name(&self, id: &str) -> String {
        self.by_id
            .get(id)
            .map_or_else(|| id.to_string(), |s| s.name.clone())
    }

    /// The styles of `id` and those it is based on, nearest first.
    fn chain<'s>(&'s self, id: &str) -> impl Iterator<Item = &'s StyleDef> {
        let mut next = Some(id.to_string());
        let mut seen = 0;
        std::iter::from_fn(move || {
            let id = next.take()?;
            seen += 1;
            if seen > 20 {
                return None;
            }
            let def = self.by_id.get(&id)?;
            next = def.based_on.clone();
            Some(def)
        })
    }

    fn italic(&self, id: &str) -> bool {
        self.chain(id).find_map(|s| s.italic).unwrap_or(false)
    }

    fn bold(&self, id: &str) -> bool {
        self.chain(id).find_map(|s| s.bold).unwrap_or(false)
    }

    /// The numbering a paragraph style gives its paragraphs.
    fn num(&self, id: &str) -> Option<(Option<String>, Option<u8>)> {
        self.chain(id).find_map(|s| s.num.clone())
    }
}

/// The attribute `name` of `el` in the WordprocessingML namespace
/// (transitional or strict), whatever its prefix.
pub fn w_attr<'e>(el: &'e Element, name: &str) -> Option<&'e str> {
    attr_in(el, name, "wordprocessingml")
}

/// The attribute `name` of `el` in the relationships namespace.
pub fn r_attr<'e>(el: &'e Element, name: &str) -> Option<&'e str> {
    attr_in(el, name, "relationships")
}

/// The attribute `name` of `el` in a namespace whose URI holds `ns`: the
/// transitional and strict schemas name their namespaces differently.
fn attr_in<'e>(el: &'e Element, name: &str, ns: &str) -> Option<&'e str> {
    el.attributes
        .iter()
        .find(|a| {
            a.name.local == name
                && a.name
                    .namespace
                    .as_deref()
                    .is_some_and(|uri| uri.contains(ns))
        })
        .map(|a| a.value.as_str())
}

/// The list instance and level a `w:numPr` names.
fn num_pr(n: &Element) -> (Option<String>, Option<u8>) {
    (
        n.child("numId")
            .and_then(|e| w_attr(e, "val"))
            .map(String::from),
        n.child("ilvl")
            .and_then(|e| w_attr(e, "val"))
            .and_then(|v| v.parse().ok()),
    )
}

/// Whether an `ST_OnOff` value is on.
fn on(value: &str) -> bool {
    !matches!(value, "0" | "false" | "off")
}

/// The value of toggle property `name` in properties `props`, if set.
fn toggle(props: &Element, name: &str) -> Option<bool> {
    props.child(name).map(|e| w_attr(e, "val").is_none_or(on))
}

/// The state of the walk.
pub struct Walker<'a> {
    styles: &'a Styles,
    rels: &'a Relationships,
    part: PartKind,
    /// The paragraphs so far.
    pub paras: Vec<Para>,
    /// What was set aside.
    pub aside: SetAside,
    /// Inside a complex field: whether its code (before `separate`) is
    /// being read, one entry per open field.
    fields: Vec<bool>,
    in_table: bool,
    note: Option<String>,
    /// Whether the last paragraph's mark was deleted: the next paragraph
    /// then goes on it.
    join_next: bool,
}

impl<'a> Walker<'a> {
    /// A walk of part `part`, whose relationships are `rels`.
    pub fn new(styles: &'a Styles, rels: &'a Relationships, part: PartKind) -> Self {
        Walker {
            styles,
            rels,
            part,
            paras: Vec::new(),
            aside: SetAside::default(),
            fields: Vec::new(),
            in_table: false,
            note: None,
            join_next: false,
        }
    }

    /// Walks the block-level content of `container` (`w:body`, a cell, a
    /// text box, a note).
    pub fn blocks(&mut self, container: &Element) {
        for el in container.elements() {
            match el.name.as_str() {
                "p" => self.paragraph(el),
                "tbl" => {
                    self.aside.tables.push(self.paras.len() + 1);
                    let outer = std::mem::replace(&mut self.in_table, true);
                    for row in el.elements().filter(|e| e.name == "tr") {
                        for cell in row.elements().filter(|e| e.name == "tc") {
                            self.blocks(cell);
                        }
                    }
                    self.in_table = outer;
                }
                // Content controls, custom XML and accepted insertions
                // hold blocks of their own.
                "sdt" => {
                    if let Some(content) = el.child("sdtContent") {
                        self.blocks(content);
                    }
                }
                "customXml" | "ins" | "moveTo" => self.blocks(el),
                "del" | "moveFrom" => self.aside.changes += 1,
                "altChunk" => self.aside.embedded.push(self.paras.len() + 1),
                _ => {}
            }
        }
    }

    /// Walks the notes of a `footnotes.xml` or `endnotes.xml` root.
    pub fn notes(&mut self, root: &Element) {
        for note in root
            .elements()
            .filter(|e| matches!(e.name.as_str(), "footnote" | "endnote"))
        {
            // Separators are Word's furniture, not notes.
            if w_attr(note, "type").is_some_and(|t| t != "normal") {
                continue;
            }
            let Some(id) = w_attr(note, "id") else {
                continue;
            };
            self.note = Some(id.to_string());
            self.blocks(note);
            self.note = None;
        }
    }

    fn paragraph(&mut self, p: &Element) {
        let ppr = p.child("pPr");
        let style_id = ppr
            .and_then(|pr| pr.child("pStyle"))
            .and_then(|s| w_attr(s, "val"))
            .map(String::from)
            .or_else(|| self.styles.default_paragraph.clone());
        let direct = ppr.and_then(|pr| pr.child("numPr")).map(num_pr);
        let from_style = style_id.as_deref().and_then(|s| self.styles.num(s));
        let num_id = direct
            .as_ref()
            .and_then(|(id, _)| id.clone())
            .or_else(|| from_style.as_ref().and_then(|(id, _)| id.clone()));
        let level = direct
            .as_ref()
            .and_then(|(_, l)| *l)
            .or_else(|| from_style.as_ref().and_then(|(_, l)| *l));
        // `numId` 0 takes away the numbering a style gives.
        let num = num_id.filter(|id| id != "0").map(|num_id| NumRef {
            num_id,
            level,
            style: style_id.clone(),
        });
        if ppr.and_then(|pr| pr.child("pPrChange")).is_some() {
            self.aside.format_changes += 1;
        }
        // A paragraph mark deleted as a tracked change joins the paragraph
        // to the next one once the change is accepted.
        let mark_deleted = ppr
            .and_then(|pr| pr.child("rPr"))
            .is_some_and(|r| r.child("del").is_some());
        let mark_inserted = ppr
            .and_then(|pr| pr.child("rPr"))
            .is_some_and(|r| r.child("ins").is_some());
        if mark_deleted || mark_inserted {
            self.aside.changes += 1;
        }
        let mut para = Para {
            part: self.part,
            note: self.note.clone(),
            number: self.paras.len() + 1,
            style: style_id.as_deref().map(|id| self.styles.name(id)),
            num,
            numbered: None,
            pieces: Vec::new(),
            in_table: self.in_table,
        };
        let base = Fmt::default();
        let mut extra = Vec::new();
        self.inline(p, &base, &mut para, &mut extra);
        let joins = std::mem::replace(&mut self.join_next, mark_deleted);
        match self.paras.last_mut() {
            Some(prev) if joins && prev.note == para.note => prev.pieces.append(&mut para.pieces),
            _ => self.paras.push(para),
        }
        // Text boxes anchored in the paragraph come after it.
        for content in extra {
            self.blocks(content);
        }
    }

    /// Walks the inline content of `el` into `para`; text boxes found on
    /// the way are added to `boxes`.
    fn inline<'e>(
        &mut self,
        el: &'e Element,
        fmt: &Fmt,
        para: &mut Para,
        boxes: &mut Vec<&'e Element>,
    ) {
        for child in el.elements() {
            match child.name.as_str() {
                "r" => self.run(child, fmt, para, boxes),
                "hyperlink" => {
                    let target = r_attr(child, "id")
                        .and_then(|id| self.rels.get(id))
                        .filter(|r| r.external)
                        .map(|r| r.target.clone());
                    let mut inner = fmt.clone();
                    if target.is_some() {
                        inner.link = target;
                    }
                    self.inline(child, &inner, para, boxes);
                }
                "ins" | "moveTo" => {
                    self.aside.changes += 1;
                    self.inline(child, fmt, para, boxes);
                }
                "del" | "moveFrom" => self.aside.changes += 1,
                "smartTag" | "customXml" | "fldSimple" | "dir" | "bdo" => {
                    self.inline(child, fmt, para, boxes)
                }
                "sdt" => {
                    if let Some(content) = child.child("sdtContent") {
                        self.inline(content, fmt, para, boxes);
                    }
                }
                "oMath" | "oMathPara" => {
                    let text = child.text();
                    push_text(para, &text, fmt);
                }
                _ => {}
            }
        }
    }

    fn run<'e>(
        &mut self,
        r: &'e Element,
        outer: &Fmt,
        para: &mut Para,
        boxes: &mut Vec<&'e Element>,
    ) {
        let fmt = self.run_format(r, outer);
        for child in r.elements() {
            let in_code = self.fields.last().copied().unwrap_or(false);
            match child.name.as_str() {
                "fldChar" => match w_attr(child, "fldCharType") {
                    Some("begin") => self.fields.push(true),
                    Some("separate") => {
                        if let Some(top) = self.fields.last_mut() {
                            *top = false;
                        }
                    }
                    Some("end") => {
                        self.fields.pop();
                    }
                    _ => {}
                },
                _ if in_code => {}
                "t" => push_text(para, &child.text(), &fmt),
                "tab" | "ptab" => para.pieces.push(Piece::Tab),
                // Page and column breaks are layout; a line break is text.
                "br" | "cr" if !matches!(w_attr(child, "type"), Some("page" | "column")) => {
                    para.pieces.push(Piece::Break)
                }
                "noBreakHyphen" => push_text(para, "\u{2011}", &fmt),
                "softHyphen" => push_text(para, "\u{ad}", &fmt),
                "sym" => {
                    if let Some(c) = w_attr(child, "char").and_then(symbol) {
                        push_text(para, &c.to_string(), &fmt);
                    }
                }
                "footnoteReference" | "endnoteReference" => {
                    let part = if child.name == "footnoteReference" {
                        PartKind::Footnotes
                    } else {
                        PartKind::Endnotes
                    };
                    if let Some(id) = w_attr(child, "id") {
                        let custom = w_attr(child, "customMarkFollows")
                            .is_some_and(on)
                            .then(String::new);
                        para.pieces.push(Piece::Note {
                            part,
                            id: id.to_string(),
                            custom,
                        });
                    }
                }
                "drawing" | "pict" | "object" => {
                    let mut found = Vec::new();
                    child.find_all("txbxContent", &mut found);
                    if found.is_empty() {
                        if child.name == "object" {
                            self.aside.embedded.push(para.number);
                        } else {
                            self.aside.pictures.push(para.number);
                        }
                    } else {
                        self.aside.text_boxes.push(para.number);
                        boxes.extend(found);
                    }
                }
                "AlternateContent" => {
                    // The fallback repeats the choice for older readers.
                    if let Some(choice) = child.child("Choice") {
                        let mut found = Vec::new();
                        choice.find_all("txbxContent", &mut found);
                        if found.is_empty() {
                            self.aside.pictures.push(para.number);
                        } else {
                            self.aside.text_boxes.push(para.number);
                            boxes.extend(found);
                        }
                    }
                }
                // Properties, note marks, layout marks and deleted text.
                _ => {}
            }
        }
        // The text after a custom mark is the mark.
        fix_custom_marks(para);
    }

    fn run_format(&mut self, r: &Element, outer: &Fmt) -> Fmt {
        let mut fmt = Fmt {
            link: outer.link.clone(),
            ..Fmt::default()
        };
        let Some(rpr) = r.child("rPr") else {
            return fmt;
        };
        if rpr.child("rPrChange").is_some() {
            self.aside.format_changes += 1;
        }
        let style = rpr
            .child("rStyle")
            .and_then(|s| w_attr(s, "val"))
            .map(String::from);
        if let Some(id) = &style {
            fmt.italic = self.styles.italic(id);
            fmt.bold = self.styles.bold(id);
            fmt.char_style = Some(self.styles.name(id));
        }
        if let Some(i) = toggle(rpr, "i") {
            fmt.italic = i;
        }
        if let Some(b) = toggle(rpr, "b") {
            fmt.bold = b;
        }
        fmt.caps =
            toggle(rpr, "caps").unwrap_or(false) || toggle(rpr, "smallCaps").unwrap_or(false);
        match rpr.child("vertAlign").and_then(|v| w_attr(v, "val")) {
            Some("superscript") => fmt.superscript = true,
            Some("subscript") => fmt.subscript = true,
            _ => {}
        }
        fmt
    }
}

/// Adds `text` in `fmt` to `para`, joining it to the piece before when
/// that is set the same way: Word and LibreOffice split runs at will.
fn push_text(para: &mut Para, text: &str, fmt: &Fmt) {
    if text.is_empty() {
        return;
    }
    if let Some(Piece::Text(prev, prev_fmt)) = para.pieces.last_mut() {
        if prev_fmt == fmt {
            prev.push_str(text);
            return;
        }
    }
    para.pieces.push(Piece::Text(text.to_string(), fmt.clone()));
}

/// A note reference with `customMarkFollows` is followed by its mark as
/// text: the text becomes the mark.
fn fix_custom_marks(para: &mut Para) {
    let mut i = 0;
    while i + 1 < para.pieces.len() {
        let is_custom =
            matches!(&para.pieces[i], Piece::Note { custom: Some(m), .. } if m.is_empty());
        if is_custom {
            if let Piece::Text(text, _) = para.pieces[i + 1].clone() {
                if let Piece::Note { custom, .. } = &mut para.pieces[i] {
                    *custom = Some(text);
                }
                para.pieces.remove(i + 1);
            }
        }
        i += 1;
    }
}

/// The character of a `w:sym`: its code, less the offset of the symbol
/// fonts' private-use area. A bullet of the Symbol font is `F0B7`.
fn symbol(code: &str) -> Option<char> {
    let n = u32::from_str_radix(code, 16).ok()?;
    let n = if (0xF000..=0xF0FF).contains(&n) {
        n - 0xF000
    } else {
        n
    };
    match n {
        0xB7 => Some('•'),
        0xA7 => Some('▪'),
        _ => char::from_u32(n).filter(|c| !c.is_control()),
    }
}

/// Computes every numbered paragraph's label, in document order.
pub fn number(paras: &mut [Para], numbering: &Numbering) {
    let mut counters = numbering.counters();
    for para in paras.iter_mut() {
        if let Some(num) = &para.num {
            para.numbered = counters.next(num);
        }
    }
}
