//! Running header and footer.
//!
//! The header carries the organisation, the title and the reference on
//! the pages after the first (the first shows them in the title block);
//! the footer the reference and "page X of Y" in the document's language,
//! with live `PAGE` and `NUMPAGES` fields, so the count stays right when
//! the text is edited.

use crate::render::prepare::{PagePart, Prepared};

use super::Lang;
use super::document::{RunFmt, element_run, text_runs};
use super::styles::id;
use super::xml::{NS_R, NS_W, PPR_ORDER, Prop, Xml};

/// A header with the organisation at the start of the line and the title
/// and reference at its end.
pub fn header(doc: &Prepared<'_>, lang: &Lang) -> Vec<u8> {
    let mut xml = start("w:hdr", id::HEADER);
    let fmt = RunFmt::default();
    let head = &doc.head;
    let mut organisation = head.organisation.clone();
    if doc.style.title.organisation_uppercase {
        organisation = organisation.to_uppercase();
    }
    text_runs(&mut xml, lang, &fmt, &organisation);
    element_run(&mut xml, lang, &fmt, "w:tab", &[]);
    text_runs(
        &mut xml,
        lang,
        &fmt,
        &format!("{} · {}", head.title, head.reference),
    );
    finish(xml, "w:hdr")
}

/// An empty header, for the first page.
pub fn empty_header() -> Vec<u8> {
    // In the base style: the header style's rule has no place here.
    let xml = start("w:hdr", id::NORMAL);
    finish(xml, "w:hdr")
}

/// A footer with the reference at the start of the line and the page
/// label at its end, its numbers live fields.
pub fn footer(doc: &Prepared<'_>, lang: &Lang) -> Vec<u8> {
    let mut xml = start("w:ftr", id::FOOTER);
    let fmt = RunFmt::default();
    text_runs(&mut xml, lang, &fmt, &doc.head.reference);
    element_run(&mut xml, lang, &fmt, "w:tab", &[]);
    for piece in page_label(&doc.head.page_label) {
        match piece {
            Piece::Text(text) => {
                text_runs(&mut xml, lang, &fmt, text);
            }
            Piece::Field(instruction, shown) => field(&mut xml, lang, &fmt, instruction, shown),
        }
    }
    finish(xml, "w:ftr")
}

/// A part of the page label.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    /// A field instruction and the result shown until it is updated.
    Field(&'static str, &'static str),
}

/// The page label as text and fields.
fn page_label(label: &[PagePart]) -> Vec<Piece<'_>> {
    label
        .iter()
        .map(|part| match part {
            PagePart::Text(text) => Piece::Text(text),
            PagePart::Page => Piece::Field("PAGE", "1"),
            PagePart::Pages => Piece::Field("NUMPAGES", "1"),
        })
        .collect()
}

/// A complex field: begin, instruction, separate, result, end.
fn field(xml: &mut Xml, lang: &Lang, fmt: &RunFmt, instruction: &str, shown: &str) {
    element_run(xml, lang, fmt, "w:fldChar", &[("w:fldCharType", "begin")]);
    xml.start("w:r", &[]);
    xml.leaf(
        "w:instrText",
        &[("xml:space", "preserve")],
        &format!(" {instruction} \\* MERGEFORMAT "),
    );
    xml.end("w:r");
    element_run(
        xml,
        lang,
        fmt,
        "w:fldChar",
        &[("w:fldCharType", "separate")],
    );
    text_runs(xml, lang, fmt, shown);
    element_run(xml, lang, fmt, "w:fldChar", &[("w:fldCharType", "end")]);
}

fn start(root: &str, style: &str) -> Xml {
    let mut xml = Xml::new();
    xml.start(root, &[("xmlns:w", NS_W), ("xmlns:r", NS_R)]);
    xml.start("w:p", &[]);
    xml.props("w:pPr", PPR_ORDER, vec![Prop::val("w:pStyle", style)]);
    xml
}

fn finish(mut xml: Xml, root: &str) -> Vec<u8> {
    xml.end("w:p");
    xml.end(root);
    xml.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_label_becomes_text_and_fields() {
        let label = [
            PagePart::Text("page ".into()),
            PagePart::Page,
            PagePart::Text(" / ".into()),
            PagePart::Pages,
        ];
        assert_eq!(
            page_label(&label),
            vec![
                Piece::Text("page "),
                Piece::Field("PAGE", "1"),
                Piece::Text(" / "),
                Piece::Field("NUMPAGES", "1"),
            ]
        );
    }
}
