//! The PDF's vertical geometry, in the terms of Word and LibreOffice, so
//! that a printed DOCX breaks where the PDF breaks.
//!
//! Typst and Word measure lines differently. Typst's line box runs from
//! the top edge of the font (its cap height) down to the baseline, and the
//! template puts `leading` between two such boxes, so baselines are the
//! leading plus the cap height apart; spacing between blocks is measured
//! between those boxes, and the last line of a page only needs its cap
//! height above the bottom margin. Word and LibreOffice give every line a
//! box of exactly its line height (`w:lineRule="exact"`), with the
//! baseline at 80 % of it in LibreOffice; the spacing between two
//! paragraphs is the larger of the space after the first and the space
//! before the second, and is dropped at the top of a page, as Typst drops
//! it.
//!
//! So here every line of the DOCX is exactly the PDF's baseline-to-baseline
//! distance high, and every space is the PDF's distance between two
//! baselines less the parts of the two line boxes around it. The margins
//! move by the part of a line box that lies above the PDF's first baseline
//! and below its last, which puts the baselines of a page where the PDF has
//! them and gives a page the PDF's number of lines.
//!
//! The title block, the headings, the notes and the running header and
//! footer are modelled on the built-in templates (`styles/official.typ`,
//! `styles/unsc.typ`); the spacing they write in em of the text is written
//! here in the same terms, next to a note of where the template has it.

use crate::render::prepare::Prepared;
use crate::style::{ReferencePosition, Style, TitleLayout};

/// Where LibreOffice puts the baseline in a line of exact height.
const ASCENT: f64 = 0.8;

/// How narrow Typst lets a space of a justified line become: two thirds
/// of its width, its default `par.justification-limits`, which the
/// templates keep.
const SPACE_MIN: f64 = 2.0 / 3.0;

/// Twentieths of a point, rounded.
pub fn twips(pt: f64) -> i64 {
    (pt * 20.0).round() as i64
}

/// Points of `twips`.
fn pt(twips: i64) -> f64 {
    twips as f64 / 20.0
}

/// The top edge of `family`'s regular face, in em, as Typst measures it:
/// the cap height, or the ascender when the font gives none (Noto Naskh
/// Arabic gives none, so Arabic lines are taller than Latin ones).
pub fn top_edge(style: &Style, family: &str) -> f64 {
    let face = style
        .fonts
        .files
        .iter()
        .filter(|f| f.family == family)
        .min_by_key(|f| (f.bold, f.italic))
        .and_then(|f| ttf_parser::Face::parse(&f.data, 0).ok());
    let Some(face) = face else {
        return 0.7;
    };
    let upem = f64::from(face.units_per_em());
    let ascender = face.typographic_ascender().unwrap_or(face.ascender());
    let cap = face.capital_height().filter(|&h| h > 0).unwrap_or(ascender);
    f64::from(cap) / upem
}

/// How wide `text` is set in `families` (the first that has each
/// character) at `size` points, in points: the sum of the glyphs'
/// advances. Kerning, which only narrows a line, is left out, so the
/// width is never short.
pub fn advance_width(style: &Style, families: &[&str], bold: bool, size: f64, text: &str) -> f64 {
    let faces: Vec<ttf_parser::Face<'_>> = families
        .iter()
        .filter_map(|family| {
            style
                .fonts
                .files
                .iter()
                .filter(|f| f.family == *family)
                .min_by_key(|f| (f.bold != bold, f.italic))
                .and_then(|f| ttf_parser::Face::parse(&f.data, 0).ok())
        })
        .collect();
    let em: f64 = text
        .chars()
        .map(|c| {
            faces
                .iter()
                .find_map(|face| {
                    let glyph = face.glyph_index(c)?;
                    let advance = face.glyph_hor_advance(glyph)?;
                    Some(f64::from(advance) / f64::from(face.units_per_em()))
                })
                // A character no face has is set in a fallback font.
                .unwrap_or(0.6)
        })
        .sum();
    em * size
}

/// The space before and after a paragraph and its exact line height, in
/// twips.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Spacing {
    /// Space before.
    pub before: i64,
    /// Space after.
    pub after: i64,
    /// Exact line height.
    pub line: i64,
}

impl Spacing {
    fn new(before: f64, after: f64, line: i64) -> Self {
        Spacing {
            before: twips(before.max(0.0)),
            after: twips(after.max(0.0)),
            line,
        }
    }
}

/// A rule drawn as a paragraph border: its width in eighths of a point and
/// its distance from the text in points.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rule {
    /// `w:sz`.
    pub size: i64,
    /// `w:space`, 0 to 31 points.
    pub space: i64,
}

impl Rule {
    /// A rule `width` points wide whose top edge is `gap` points below the
    /// text.
    fn new(width: f64, gap: f64) -> Self {
        Rule {
            size: (width * 8.0).round().max(2.0) as i64,
            space: gap.round().clamp(0.0, 31.0) as i64,
        }
    }

    /// How far the rule and its distance push what follows, in points, as
    /// LibreOffice draws it.
    fn height(self, double: bool) -> f64 {
        let width = self.size as f64 / 8.0;
        // A double rule is two lines and the gap between them.
        let width = if double { width * 2.0 } else { width };
        self.space as f64 + width
    }
}

/// A framed paragraph at a fixed place beside the title block: its offset
/// from the top margin and its line height, in twips.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    /// `w:y` of `w:framePr`, from the top margin.
    pub y: i64,
    /// Exact line height.
    pub line: i64,
}

/// What the title block holds, which sets its height.
#[derive(Debug, Clone, Copy, Default)]
pub struct TitleContent {
    /// The emblem's height, in points, when there is one.
    pub emblem: Option<f64>,
    /// An issuing body under the organisation.
    pub body: bool,
    /// A reference.
    pub reference: bool,
    /// A subject line.
    pub subject: bool,
}

impl TitleContent {
    /// What `doc` puts in the title block.
    pub fn of(doc: &Prepared<'_>) -> Self {
        TitleContent {
            emblem: doc
                .emblem
                .as_ref()
                .map(|_| doc.style.title.emblem_height.pt()),
            body: doc.head.body.is_some(),
            reference: !doc.head.reference.is_empty(),
            subject: doc.head.subject.is_some(),
        }
    }
}

/// The title block's paragraphs.
#[derive(Debug, Clone, Copy, Default)]
pub struct TitleBlock {
    /// The exact height of the row that sets the emblem beside the
    /// organisation (official layout) or the body (United Nations layout).
    pub row: i64,
    /// The organisation.
    pub organisation: Spacing,
    /// The issuing body, or in the United Nations layout the row that
    /// holds it.
    pub body: Spacing,
    /// The thin rule under the organisation (United Nations layout).
    pub organisation_rule: Option<Rule>,
    /// The rule over the title: double in the official layout, heavy in
    /// the United Nations one.
    pub title_rule: Rule,
    /// The reference (in a frame when it is at the top end).
    pub reference: Spacing,
    /// The frame of the reference at the top end.
    pub reference_frame: Option<Frame>,
    /// The title.
    pub title: Spacing,
    /// The subject line.
    pub subject: Spacing,
    /// The adoption line under the title (United Nations layout).
    pub adoption: Spacing,
}

/// The vertical measures of one document's DOCX, in twips.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    /// Top margin.
    pub margin_top: i64,
    /// Bottom margin.
    pub margin_bottom: i64,
    /// Distance from the top of the page to the header.
    pub header: i64,
    /// Distance from the bottom of the page to the footer.
    pub footer: i64,
    /// Body text: a paragraph's space before and after, its line height.
    pub text: Spacing,
    /// Space after a list item.
    pub list_item: i64,
    /// The adoption line after the text (official layout).
    pub adoption: Spacing,
    /// Headings in annexes, and of the lower levels in the text.
    pub heading: Spacing,
    /// Headings of the first level in the text.
    pub text_heading: Spacing,
    /// An annex's label.
    pub annex_label: Spacing,
    /// An annex's title under its label.
    pub annex_title: Spacing,
    /// Space after an annex's label when it has no title.
    pub annex_label_alone_after: i64,
    /// Footnote text.
    pub note: Spacing,
    /// Height of the footnote separator's paragraph (Word).
    pub note_separator: i64,
    /// Running header and footer text.
    pub running: Spacing,
    /// The rule under the header.
    pub header_rule: Rule,
    /// The rule over the footer.
    pub footer_rule: Rule,
    /// The title block.
    pub title: TitleBlock,
    /// The width of a space in a justified paragraph, in percent of the
    /// font's (`w:w` of the runs that hold the spaces), when the style
    /// justifies text. Typst justifies a line by shrinking its spaces down
    /// to two thirds of their width as well as by stretching them, where
    /// Word and LibreOffice before 24.2 only stretch them: with spaces of
    /// their narrowest width, which the justification stretches, a line of
    /// the DOCX holds what a line of the PDF can. Only the spaces: letters
    /// set closer would gain on lines of long words what Typst cannot, and
    /// would break the joining of Arabic letters.
    pub space_width: Option<i64>,
}

/// One kind of line: its font size, its top edge and its leading, in
/// points, as Typst sets it.
#[derive(Debug, Clone, Copy)]
struct Line {
    /// Top edge above the baseline.
    top: f64,
    /// Leading.
    leading: f64,
}

impl Line {
    /// Baseline-to-baseline distance.
    fn pitch(self) -> f64 {
        self.top + self.leading
    }

    /// The exact line height that reproduces the pitch, in twips.
    fn exact(self) -> i64 {
        twips(self.pitch())
    }
}

/// The space between two line boxes of heights `above` and `below` (in
/// twips) that puts their baselines `distance` points apart.
fn gap(distance: f64, above: i64, below: i64) -> f64 {
    distance - (1.0 - ASCENT) * pt(above) - ASCENT * pt(below)
}

impl Geometry {
    /// The geometry of `res` set in `family` in `style`.
    pub fn new(style: &Style, family: &str, content: TitleContent) -> Self {
        let size = style.text.size.pt();
        let lead = style.text.leading();
        let edge = top_edge(style, family);
        let cap = |text: f64| edge * text;
        // A line of `text`-sized type in a paragraph of `par`-sized type:
        // the template's leading is in em of the paragraph.
        let line = |text: f64, par: f64| Line {
            top: cap(text),
            leading: lead * par,
        };
        let body = line(size, size);
        let p = body.exact();
        let ps = style.text.paragraph_spacing.pt();

        // Margins: the PDF's first baseline is its cap height below the
        // top margin, LibreOffice's 80 % of the line; its last line may
        // hang its leading into the bottom margin.
        let top_shift = ASCENT * pt(p) - body.top;
        let margin_top = style.page.margin_top.pt() - top_shift;
        let margin_bottom = style.page.margin_bottom.pt() - (1.0 - ASCENT) * pt(p);

        let text = Spacing::new(ps, ps, p);
        // The official template puts 0.6 em more before the adoption line.
        let adoption = Spacing::new(ps + 0.6 * size, ps, p);

        // Headings: 1.05 times the size, bold; Typst sets the block around
        // a heading of level 2 at 1.2 em, of lower levels at 1 em, and the
        // templates put 1.3 em above and 0.7 em below it. The paragraph
        // after a heading starts at the heading's distance, not its own.
        let heading_at = |scale: f64| {
            let em = scale * size;
            let h = line(1.05 * size, em).exact();
            Spacing::new(
                gap(1.3 * em + cap(1.05 * size), p, h),
                gap(0.7 * em + body.top, h, p),
                h,
            )
        };
        // In annexes, headings start at level 3; in the text, at level 2.
        let heading = heading_at(1.0);
        let text_heading = heading_at(1.2);

        // An annex starts a page with its label and title, 1.15 times the
        // subject size, in one level-2 heading; 1.4 em below it.
        let annex_size = 1.15 * style.title.subject_size.pt();
        let annex = line(annex_size, 1.2 * size);
        // At the top of a page, the label's baseline is where the PDF has
        // it when its line is as much taller than a body line as its cap
        // height is.
        let label_line = twips(pt(p) + (annex.top - body.top) / ASCENT);
        let annex_below = 1.4 * 1.2 * size + body.top;
        let annex_label = Spacing::new(0.0, 0.0, label_line);
        let annex_title = Spacing::new(
            gap(annex.pitch(), label_line, annex.exact()),
            gap(annex_below, annex.exact(), p),
            annex.exact(),
        );
        let annex_label_alone_after = twips(gap(annex_below, label_line, p).max(0.0));

        // Footnotes: the template's leading and 0.5 em between notes, 0.9 em
        // between the text and the separator.
        let note_size = style.text.footnote_size.pt();
        let note_line = Line {
            top: cap(note_size),
            leading: style.text.footnote_leading() * note_size,
        };
        let note = Spacing::new(0.5 * size - note_line.leading, 0.0, note_line.exact());
        let note_separator = twips(0.9 * size);

        // The running header and footer, in the margins: the header's rule
        // at 60 % of the top margin, the footer's at 60 % of the bottom
        // margin from the bottom (header-ascent and footer-descent 40 %),
        // the text a paragraph spacing at the running size from the rule,
        // less 0.45 em (header) or 0.35 em (footer).
        let running_size = style.running.size.pt();
        let running = line(running_size, running_size);
        let running_spacing = lead * running_size + ps;
        let h = running.exact();
        let rule_y = 0.6 * style.page.margin_top.pt();
        let header_base = rule_y - (running_spacing - 0.45 * running_size);
        let header = twips(header_base - ASCENT * pt(h));
        let header_rule = Rule::new(0.4, rule_y - 0.2 - (header_base + (1.0 - ASCENT) * pt(h)));
        let page_height = style.page.height.pt();
        let footer_rule_y = page_height - 0.6 * style.page.margin_bottom.pt();
        let footer_base = footer_rule_y + running_spacing - 0.35 * running_size + running.top;
        let footer = twips(page_height - footer_base - (1.0 - ASCENT) * pt(h));
        let footer_rule = Rule::new(0.4, footer_base - ASCENT * pt(h) - 0.2 - footer_rule_y);

        let origin = margin_top;
        let title = match style.title.layout {
            TitleLayout::Official => official_title(style, content, origin, &line, p),
            TitleLayout::UnitedNations | TitleLayout::GeneralAssembly => {
                un_title(style, content, origin, &line, p)
            }
        };

        Geometry {
            margin_top: twips(margin_top),
            margin_bottom: twips(margin_bottom),
            header,
            footer,
            text,
            list_item: twips(ps / 2.0),
            adoption,
            heading,
            text_heading,
            annex_label,
            annex_title,
            annex_label_alone_after,
            note,
            note_separator,
            running: Spacing::new(0.0, 0.0, h),
            header_rule,
            footer_rule,
            title,
            space_width: style
                .text
                .justify
                .then(|| (SPACE_MIN * 100.0).round() as i64),
        }
    }
}

/// The official template's title block: the emblem beside the
/// organisation and the body, the reference at the top end, vertically
/// centred in one row; 4 pt and a double rule; the title (0.9 em above,
/// 0.8 em below, of its heading's 1.4 em); the reference under it or the
/// subject (0.6 em apart); 0.4 em, a short rule, 0.6 em and the text.
/// `origin` is the DOCX's top margin, in points.
fn official_title(
    style: &Style,
    content: TitleContent,
    origin: f64,
    line: &dyn Fn(f64, f64) -> Line,
    p: i64,
) -> TitleBlock {
    let size = style.text.size.pt();
    let top = style.page.margin_top.pt();
    let org_size = style.title.organisation_size.pt();
    let ref_size = style.title.subject_size.pt();
    let title_size = style.title.size.pt();
    let org = line(org_size, size);
    // Paragraphs of the title block are 0.45 em apart.
    let par_gap = 0.45 * size;
    let column = org.top + if content.body { par_gap + org.top } else { 0.0 };
    let at_top = content.reference && style.title.reference_position == ReferencePosition::TopEnd;
    let reference = line(ref_size, size);
    let row = column
        .max(if at_top { reference.top } else { 0.0 })
        .max(content.emblem.unwrap_or(0.0));
    let org_base = top + (row - column) / 2.0 + org.top;
    let last_base = if content.body {
        org_base + par_gap + org.top
    } else {
        org_base
    };
    // The organisation and the body: one line box each, as high as their
    // baselines are apart.
    let org_line = if content.body {
        twips(par_gap + org.top)
    } else {
        org.exact()
    };
    let row_bottom = top + row;
    // Beside the emblem, the row is exactly the PDF's; without one, the
    // organisation and the body stand where the PDF has them.
    let (organisation, prev_bottom) = match content.emblem {
        Some(_) => (Spacing::new(0.0, 0.0, org_line), row_bottom),
        None => (
            Spacing::new(origin_gap(org_base, origin, org_line), 0.0, org_line),
            last_base + (1.0 - ASCENT) * pt(org_line),
        ),
    };
    let body = Spacing::new(0.0, 0.0, org_line);

    let reference_frame = at_top.then(|| {
        let h = twips(1.25 * ref_size);
        let base = top + (row - reference.top) / 2.0 + reference.top;
        Frame {
            y: twips(base - ASCENT * pt(h) - origin),
            line: h,
        }
    });

    // The rule: a thick line 4 pt and 0.45 em under the row, a thin one
    // 0.45 em less 0.6 em under it, drawn as the title's top border.
    let heading_em = 1.4 * size;
    let title_line = line(title_size, heading_em);
    let t = title_line.exact();
    let thin = row_bottom + 4.0 + 0.3 * size;
    let title_base = thin + 0.6 * size + 0.9 * heading_em + title_line.top;
    let title_top = title_base - ASCENT * pt(t);
    let title_rule = Rule::new(0.75, title_top - thin - 0.2);
    let title_before = title_top - title_rule.height(true) - prev_bottom;

    // Under the title, its 0.8 em, then the reference (below-title) and the
    // subject, 0.6 em apart: each paragraph's space after, in that order.
    let ref_line = reference.exact();
    let below_title = content.reference && !at_top;
    let mut after = [0.0; 3];
    let mut prev = (0, title_base, t, 0.8 * heading_em);
    for (index, present) in [(1, below_title), (2, content.subject)] {
        if present {
            let base = prev.1 + prev.3 + reference.top;
            after[prev.0] = gap(base - prev.1, prev.2, ref_line);
            prev = (index, base, ref_line, 0.6 * size);
        }
    }
    // Then 0.4 em, the short rule, 0.6 em and the text at its own spacing.
    let lead = style.text.leading() * size;
    let ps = style.text.paragraph_spacing.pt();
    let to_text =
        prev.3 + 0.4 * size + (0.6 * size).max(lead + ps) + 0.6 * size + line(size, size).top;
    after[prev.0] = gap(to_text, prev.2, p);
    TitleBlock {
        row: twips(row_bottom - origin),
        organisation,
        body,
        organisation_rule: None,
        title_rule,
        reference: match reference_frame {
            Some(frame) => Spacing::new(0.0, 0.0, frame.line),
            None => Spacing::new(0.0, after[1], ref_line),
        },
        reference_frame,
        title: Spacing::new(title_before, after[0], t),
        subject: Spacing::new(0.0, after[2], ref_line),
        adoption: Spacing::default(),
    }
}

/// The UN template's title block: the organisation and the symbol on one
/// line; 0.4 em, less 0.2 em, a thin rule and 0.4 em; the emblem and the
/// body at 1.4 times the title size, centred in one row; 0.4 em, a heavy
/// rule, 1.4 em; the title (0.6 em above and below, of its heading's
/// 1.4 em) and the adoption line; 1.2 em more than a paragraph's distance,
/// and the text.
fn un_title(
    style: &Style,
    content: TitleContent,
    origin: f64,
    line: &dyn Fn(f64, f64) -> Line,
    p: i64,
) -> TitleBlock {
    let size = style.text.size.pt();
    let top = style.page.margin_top.pt();
    let org_size = style.title.organisation_size.pt();
    let title_size = style.title.size.pt();
    let body_size = 1.4 * title_size;
    let par_gap = 0.4 * size;
    let org = line(org_size, size);
    let symbol = line(title_size, size);

    // The organisation and the symbol share a baseline; the thin rule
    // under them is the organisation's bottom border.
    let first_base = top + org.top.max(symbol.top);
    let org_line = org.exact();
    let thin = first_base + par_gap - 0.2 * size;
    let org_bottom = first_base + (1.0 - ASCENT) * pt(org_line);
    let organisation_rule = Rule::new(0.6, thin - 0.3 - org_bottom);
    let row_top = thin + par_gap;
    let organisation = Spacing::new(
        origin_gap(first_base, origin, org_line),
        row_top - (org_bottom + organisation_rule.height(false)),
        org_line,
    );
    let symbol_line = twips(1.25 * title_size);
    let reference_frame = content.reference.then(|| Frame {
        y: twips(first_base - ASCENT * pt(symbol_line) - origin),
        line: symbol_line,
    });

    // The second row: the emblem and the body, exactly the PDF's height;
    // without an emblem, the body's line is that high.
    let body_top = line(body_size, size).top;
    let row = content
        .emblem
        .unwrap_or(0.0)
        .max(if content.body { body_top } else { 0.0 });
    let body = match content.emblem {
        Some(_) => Spacing::new(0.0, 0.0, twips(1.25 * body_size)),
        None => Spacing::new(0.0, 0.0, twips(row.max(1.0))),
    };
    let row_bottom = row_top + row;
    let heavy = row_bottom + par_gap;

    // The title under the heavy rule, its top border.
    let heading_em = 1.4 * size;
    let title = line(title_size, heading_em);
    let t = title.exact();
    let title_base = heavy + 1.4 * size + 0.6 * heading_em + title.top;
    let title_top = title_base - ASCENT * pt(t);
    let title_rule = Rule::new(2.2, title_top - (heavy + 1.1));
    let title_before = title_top - title_rule.height(false) - row_bottom;
    let adoption_base = title_base + 0.6 * heading_em + line(size, size).top;
    let lead = style.text.leading() * size;
    let ps = style.text.paragraph_spacing.pt();
    let to_text = lead + ps + 1.2 * size + line(size, size).top;
    TitleBlock {
        row: twips(row),
        organisation,
        body,
        organisation_rule: Some(organisation_rule),
        title_rule,
        reference: Spacing::new(0.0, 0.0, symbol_line),
        reference_frame,
        title: Spacing::new(title_before, 0.0, t),
        subject: Spacing::default(),
        adoption: Spacing::new(gap(adoption_base - title_base, t, p), gap(to_text, p, p), p),
    }
}

/// The space before the first paragraph of the page that puts its first
/// baseline at `base`, from the DOCX's top margin `origin` (points).
fn origin_gap(base: f64, origin: f64, line: i64) -> f64 {
    base - origin - ASCENT * pt(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content() -> TitleContent {
        TitleContent {
            emblem: Some(42.5),
            body: true,
            reference: true,
            subject: true,
        }
    }

    #[test]
    fn lines_are_the_pdf_baseline_distance() {
        let style = Style::builtin();
        let g = Geometry::new(&style, &style.fonts.body, content());
        // 10.5 pt: leading (1.35 - 0.72) em plus Noto Serif's cap height,
        // 0.714 em: 14.11 pt.
        assert_eq!(g.text.line, 282);
        assert_eq!((g.text.before, g.text.after), (140, 140));
        assert_eq!(g.list_item, 70);
        // The bottom margin gives the last line's box room below the
        // PDF's last baseline; the top margin puts the first baseline
        // where the PDF has it.
        assert_eq!(g.margin_bottom, twips(70.866 - 0.2 * 14.1));
        assert_eq!(g.margin_top, twips(70.866 - (0.8 * 14.1 - 0.714 * 10.5)));
        // Noto Naskh Arabic gives no cap height: Typst takes its ascender.
        let arabic = Geometry::new(&style, style.fonts.family_for("arabic"), content());
        assert_eq!(arabic.text.line, twips(0.63 * 10.5 + 1.069 * 10.5));
    }

    #[test]
    fn every_title_block_spacing_is_positive() {
        for name in crate::style::BUILTIN_STYLES {
            let style = Style::builtin_named(name).unwrap();
            for family in [style.fonts.body.as_str(), style.fonts.family_for("arabic")] {
                let g = Geometry::new(&style, family, content());
                let t = g.title;
                for s in [
                    t.organisation,
                    t.body,
                    t.reference,
                    t.title,
                    t.subject,
                    t.adoption,
                ] {
                    assert!(s.before >= 0 && s.after >= 0, "{name}: {s:?}");
                }
                assert!(g.heading.before > 0 && g.annex_title.after > 0, "{name}");
                assert!(g.header > 0 && g.footer > 0, "{name}");
            }
        }
    }
}
