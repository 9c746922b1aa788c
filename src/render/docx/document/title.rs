//! The title block, in the arrangement of the style's template.

use crate::render::prepare::{Inline, Prepared};
use crate::style::TitleLayout;

use super::super::geometry;
use super::super::styles::{self, id};
use super::super::xml::{RPR_ORDER, Xml};
use super::{Body, EmblemRef, Head, InlineState, RunFmt, picture, plain_head, text_runs};

impl Body<'_> {
    /// Writes the title block.
    pub(super) fn title_block(&mut self, out: &mut Xml, doc: &Prepared<'_>) {
        match self.style.title.layout {
            TitleLayout::Official => self.official_title(out, doc),
            TitleLayout::UnitedNations | TitleLayout::GeneralAssembly => self.un_title(out, doc),
        }
    }

    /// The emblem beside the organisation and the body, the title, the
    /// reference (framed at the top end, or under the title) and the
    /// subject.
    fn official_title(&mut self, out: &mut Xml, doc: &Prepared<'_>) {
        let head = &doc.head;
        let emblem = self.emblem.take();
        if let Some(emblem) = &emblem {
            self.emblem_table_start(out, emblem);
        }
        if !head.organisation.is_empty() {
            let name = Inline::Text(head.organisation.clone());
            self.paragraph(out, &plain_head(id::ORGANISATION), &[name]);
        }
        if let Some(body) = &head.body {
            self.paragraph(out, &plain_head(id::BODY), &[Inline::Text(body.clone())]);
        }
        if emblem.is_some() {
            if head.organisation.is_empty() && head.body.is_none() {
                // A table cell holds at least one paragraph.
                self.paragraph(out, &plain_head(id::BODY), &[]);
            }
            emblem_table_end(out);
        }
        self.title_lines(out, doc);
        self.paragraph(out, &plain_head(id::TITLE), &head.heading);
        self.reference(out, doc);
        if let Some(subject) = head.subject.as_ref().filter(|_| !head.subject_in_title) {
            out.start("w:p", &[]);
            self.paragraph_props(out, &plain_head(id::SUBJECT));
            let label = RunFmt {
                style: Some(id::SUBJECT_LABEL),
                ..RunFmt::default()
            };
            let text = format!("{} ", head.subject_label);
            text_runs(out, self.lang, &label, &text);
            self.inlines(out, subject, RunFmt::default(), &mut InlineState::default());
            out.end("w:p");
        }
    }

    /// The organisation with the symbol framed at the end of its line, the
    /// emblem beside the body, the title and the adoption line. No subject
    /// line, as the UN prints none.
    fn un_title(&mut self, out: &mut Xml, doc: &Prepared<'_>) {
        let head = &doc.head;
        let name = Inline::Text(head.organisation.clone());
        self.paragraph(out, &plain_head(id::ORGANISATION), &[name]);
        self.reference(out, doc);
        let emblem = self.emblem.take();
        if let Some(emblem) = &emblem {
            self.emblem_table_start(out, emblem);
        }
        // Without an emblem, the body's paragraph is the row: it is
        // written even when there is no body.
        let body: Vec<_> = head.body.iter().map(|b| Inline::Text(b.clone())).collect();
        self.paragraph(out, &plain_head(id::BODY), &body);
        if emblem.is_some() {
            emblem_table_end(out);
        }
        self.title_lines(out, doc);
        self.paragraph(out, &plain_head(id::TITLE), &head.heading);
        if self.style.title.layout.adoption_under_title() {
            self.paragraph(out, &plain_head(id::ADOPTION), &doc.body.adoption.content);
        }
    }

    /// The lines some styles add between the body and the title: the
    /// session, the agenda item, the adoption and the committee lines.
    fn title_lines(&mut self, out: &mut Xml, doc: &Prepared<'_>) {
        let head = &doc.head;
        let lines = [
            (id::SESSION, &head.session),
            (id::SESSION, &head.agenda_item),
            (id::ADOPTED_BY, &head.adopted_by),
            (id::COMMITTEE, &head.committee),
        ];
        for (style, line) in lines {
            if let Some(line) = line {
                self.paragraph(out, &plain_head(style), &[Inline::Text(line.clone())]);
            }
        }
    }

    /// The reference, framed at the top end when the style puts it there,
    /// and under it, in the same frame, the distribution and the date.
    fn reference(&mut self, out: &mut Xml, doc: &Prepared<'_>) {
        let head = &doc.head;
        let width = frame_width(doc, self.lang);
        let frame: Vec<_> = self
            .geometry
            .title
            .reference_frame
            .map(|frame| styles::frame(frame, width, self.lang))
            .into_iter()
            .collect();
        if !head.reference.is_empty() {
            let reference = Inline::Text(head.reference.clone());
            let props = Head {
                extra: frame.clone(),
                ..plain_head(id::REFERENCE)
            };
            self.paragraph(out, &props, &[reference]);
        }
        for line in [&head.distribution, &head.date].into_iter().flatten() {
            let props = Head {
                extra: frame.clone(),
                ..plain_head(id::DISTRIBUTION)
            };
            self.paragraph(out, &props, &[Inline::Text(line.clone())]);
        }
    }

    /// Opens the borderless table that sets the emblem beside the
    /// organisation's name (or the body's), in a row exactly as high as the
    /// PDF's, and leaves its second cell open for the name.
    fn emblem_table_start(&mut self, out: &mut Xml, emblem: &EmblemRef) {
        let (cx, cy) = emblem.image.extent;
        // Twips from EMUs: 635 EMUs a twip; a gap of 10 pt after the image.
        let first = cx / 635 + 200;
        let page = &self.style.page;
        let width = page.width.twips() - page.margin_start.twips() - page.margin_end.twips();
        let rest = (width - first).max(1);
        out.start("w:tbl", &[]);
        out.start("w:tblPr", &[]);
        if self.lang.rtl {
            out.empty("w:bidiVisual", &[]);
        }
        out.empty("w:tblW", &[("w:w", &width.to_string()), ("w:type", "dxa")]);
        out.start("w:tblBorders", &[]);
        for side in [
            "w:top",
            "w:left",
            "w:bottom",
            "w:right",
            "w:insideH",
            "w:insideV",
        ] {
            out.empty(side, &[("w:val", "nil")]);
        }
        out.end("w:tblBorders");
        out.empty("w:tblLayout", &[("w:type", "fixed")]);
        out.start("w:tblCellMar", &[]);
        for side in ["w:left", "w:right"] {
            out.empty(side, &[("w:w", "0"), ("w:type", "dxa")]);
        }
        out.end("w:tblCellMar");
        // A layout table: no header row, no banding.
        out.empty(
            "w:tblLook",
            &[
                ("w:val", "0000"),
                ("w:firstRow", "0"),
                ("w:lastRow", "0"),
                ("w:firstColumn", "0"),
                ("w:lastColumn", "0"),
                ("w:noHBand", "1"),
                ("w:noVBand", "1"),
            ],
        );
        out.end("w:tblPr");
        out.start("w:tblGrid", &[]);
        out.empty("w:gridCol", &[("w:w", &first.to_string())]);
        out.empty("w:gridCol", &[("w:w", &rest.to_string())]);
        out.end("w:tblGrid");
        out.start("w:tr", &[]);
        out.start("w:trPr", &[]);
        out.empty("w:cantSplit", &[]);
        let height = self.geometry.title.row.to_string();
        out.empty("w:trHeight", &[("w:val", &height), ("w:hRule", "exact")]);
        out.end("w:trPr");
        let cell = |out: &mut Xml, w: i64| {
            out.start("w:tc", &[]);
            out.start("w:tcPr", &[]);
            out.empty("w:tcW", &[("w:w", &w.to_string()), ("w:type", "dxa")]);
            out.empty("w:vAlign", &[("w:val", "center")]);
            out.end("w:tcPr");
        };
        cell(out, first);
        out.start("w:p", &[]);
        self.paragraph_props(out, &plain_head(id::EMBLEM));
        out.start("w:r", &[]);
        let fmt = RunFmt::default();
        out.props("w:rPr", RPR_ORDER, fmt.props(self.lang, self.lang.rtl));
        picture(out, emblem, cx, cy);
        out.end("w:r");
        out.end("w:p");
        out.end("w:tc");
        cell(out, rest);
    }
}

/// Closes the emblem's table.
fn emblem_table_end(out: &mut Xml) {
    out.end("w:tc");
    out.end("w:tr");
    out.end("w:tbl");
}

/// The width of the reference's frame, in twips: its widest line, the
/// reference in bold at its size or a line under it at the subject's, with
/// a point to spare on each side.
fn frame_width(doc: &Prepared<'_>, lang: &super::super::Lang) -> i64 {
    let style = doc.style;
    let head = &doc.head;
    let families = [style.fonts.body.as_str(), lang.cs_font.as_str()];
    let reference_size = styles::reference_size(style).pt();
    let small = style.title.subject_size.pt();
    let reference =
        geometry::advance_width(style, &families, true, reference_size, &head.reference);
    let widest = [&head.distribution, &head.date]
        .into_iter()
        .flatten()
        .map(|line| geometry::advance_width(style, &families, false, small, line))
        .fold(reference, f64::max);
    geometry::twips(widest + 2.0)
}
