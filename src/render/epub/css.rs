//! The stylesheet, generated from the house style so that the e-book looks
//! like the print version while staying reflowable.
//!
//! Print sizes become sizes relative to the body text (`em`), so that the
//! reader's own text size scales everything together; the colours, the
//! fonts, the spacing, the list indents and the treatment of verbs come
//! from the same [`Style`] as the PDF. The sheet is written for the book's
//! direction, with physical sides chosen once (older reading systems do not
//! know logical properties such as `padding-inline-start`).

use std::fmt::Write;

use crate::model::Direction;
use crate::render::prepare::Prepared;
use crate::style::{Length, ReferencePosition, Side, TitleAlign, VerbTreatment};

use super::EmbeddedFont;

/// Every way a verb can be set: the stylesheet has a class for each.
const TREATMENTS: [VerbTreatment; 5] = [
    VerbTreatment::AsWritten,
    VerbTreatment::Uppercase,
    VerbTreatment::SmallCaps,
    VerbTreatment::Italic,
    VerbTreatment::Bold,
];

/// The class of a verb set as `treatment`.
pub(super) fn verb_class(treatment: VerbTreatment) -> &'static str {
    match treatment {
        VerbTreatment::AsWritten => "verb",
        VerbTreatment::Uppercase => "verb uppercase",
        VerbTreatment::SmallCaps => "verb small-caps",
        VerbTreatment::Italic => "verb italic",
        VerbTreatment::Bold => "verb bold",
    }
}

/// The stylesheet of `doc`'s book, which embeds `fonts`.
pub(super) fn stylesheet(doc: &Prepared<'_>, fonts: &[EmbeddedFont<'_>]) -> String {
    let style = doc.style;
    let base = style.text.size;
    let em = |length: Length| em(length, base);
    let (start, end) = match doc.meta.direction {
        Direction::Ltr => ("left", "right"),
        Direction::Rtl => ("right", "left"),
    };
    let accent = hex(style.colours.accent.0);
    let muted = hex(style.colours.muted.0);
    let text = hex(style.colours.text.0);

    let mut css = String::new();
    let mut rule = |selector: &str, declarations: &[String]| {
        let _ = writeln!(css, "{selector} {{");
        for d in declarations {
            let _ = writeln!(css, "  {d};");
        }
        css.push_str("}\n\n");
    };
    let d = |property: &str, value: &str| format!("{property}: {value}");

    let mut faces = String::new();
    for font in fonts {
        let f = font.file;
        let _ = writeln!(
            faces,
            "@font-face {{\n  font-family: {};\n  font-style: {};\n  font-weight: {};\n  src: url(\"../{}\");\n}}\n",
            css_string(&f.family),
            if f.italic { "italic" } else { "normal" },
            if f.bold { 700 } else { 400 },
            font.href,
        );
    }

    let mut families: Vec<String> = doc
        .fonts
        .families
        .iter()
        .filter(|f| **f == doc.fonts.main || doc.fonts.uses(f))
        .map(|f| css_string(f))
        .collect();
    families.push("serif".into());

    rule(
        "body",
        &[
            d("font-family", &families.join(", ")),
            d("color", &text),
            d("line-height", &number(style.text.line_height)),
            d("widows", "2"),
            d("orphans", "2"),
        ],
    );
    let align = if style.text.justify { "justify" } else { start };
    let hyphens = if style.text.hyphenate {
        "auto"
    } else {
        "manual"
    };
    rule(
        "p",
        &[
            d(
                "margin",
                &format!("0 0 {} 0", em(style.text.paragraph_spacing)),
            ),
            d("text-indent", &em(style.text.first_line_indent)),
            d("text-align", align),
            d("-webkit-hyphens", hyphens),
            d("hyphens", hyphens),
        ],
    );
    rule("a", &[d("color", &accent)]);

    // The title block, as in print: the organisation and the body on the
    // start side, the reference on the end side (top-end style), a double
    // rule, the centred title and subject, and a short rule. The markup
    // stays in reading order (title, then reference); a grid places the
    // parts where reading systems support it, and elsewhere they simply
    // follow one another.
    let top_end = style.title.reference_position == ReferencePosition::TopEnd;
    // The emblem, when there is one, takes a column of its own at the start.
    let emblem = doc.emblem.is_some();
    let (name_column, reference_column) = if emblem { ("2", "3") } else { ("1", "2") };
    rule(
        "header.masthead",
        &[
            d("display", "grid"),
            d(
                "grid-template-columns",
                if emblem { "auto 1fr auto" } else { "1fr auto" },
            ),
            d("column-gap", "1em"),
            d("align-items", "center"),
            d("margin", "0 0 1.6em 0"),
        ],
    );
    rule(
        "header.masthead p",
        &[
            d("text-indent", "0"),
            d("text-align", start),
            d("margin", "0"),
            d("hyphens", "manual"),
        ],
    );
    if emblem {
        rule(
            "header.masthead img.emblem",
            &[
                d("grid-column", "1"),
                d("grid-row", "1 / span 2"),
                d("height", &em(style.title.emblem_height)),
                d("width", "auto"),
            ],
        );
    }
    let mut organisation = vec![
        d("grid-column", name_column),
        d("grid-row", "1"),
        d("font-size", &em(style.title.organisation_size)),
        d("font-weight", "bold"),
        d("color", &accent),
    ];
    if style.title.organisation_tracking != 0.0 {
        organisation.push(d(
            "letter-spacing",
            &format!("{}em", style.title.organisation_tracking),
        ));
    }
    if style.title.organisation_uppercase {
        organisation.push(d("text-transform", "uppercase"));
    }
    rule("header.masthead p.organisation", &organisation);
    rule(
        "header.masthead p.body",
        &[
            d("grid-column", name_column),
            d("grid-row", "2"),
            d("font-size", &em(style.title.organisation_size)),
            d("color", &muted),
        ],
    );
    // The lines some styles add (`title.distribution`, `title.session`,
    // `title.adopted-by`, `title.committee`): the distribution and the date
    // on the side where lines end, under the reference, then each of the
    // others on a row of its own over the title, the first under the rule
    // that otherwise tops the title.
    let shows = &style.title;
    let mut row = 3;
    if shows.distribution {
        for (class, at) in [("distribution", "2"), ("date", "3")] {
            rule(
                &format!("header.masthead p.{class}"),
                &[
                    d("grid-column", reference_column),
                    d("grid-row", at),
                    d("text-align", end),
                    d("font-size", &em(style.title.subject_size)),
                ],
            );
        }
        row = 4;
    }
    let rule_line = format!("4px double {accent}");
    let mut ruled = false;
    let lower = [
        ("session", shows.session, false),
        ("agenda-item", shows.session, false),
        ("adopted-by", shows.adopted_by, true),
        ("committee", shows.committee, false),
    ];
    for (class, shown, strong) in lower {
        if !shown {
            continue;
        }
        let mut declarations = vec![d("grid-column", "1 / -1"), d("grid-row", &row.to_string())];
        if strong {
            declarations.extend([
                d("font-weight", "bold"),
                d("font-size", &em(style.title.subject_size)),
                d("margin-top", "1.2em"),
            ]);
        }
        if class == "committee" {
            declarations.push(d("margin-top", "0.6em"));
        }
        if !ruled {
            declarations.extend([d("padding-top", "0.6em"), d("border-top", &rule_line)]);
            ruled = true;
        }
        rule(&format!("header.masthead p.{class}"), &declarations);
        row += 1;
    }
    let title_row = row;
    let reference_place = if top_end {
        [
            d("grid-column", reference_column),
            d(
                "grid-row",
                if shows.distribution {
                    "1"
                } else {
                    "1 / span 2"
                },
            ),
            d("text-align", end),
        ]
    } else {
        [
            d("grid-column", "1 / -1"),
            d("grid-row", &(title_row + 1).to_string()),
            d("text-align", "center"),
        ]
    };
    let mut reference = reference_place.to_vec();
    reference.extend([
        d("font-size", &em(style.title.subject_size)),
        d("font-weight", "bold"),
        d("color", &accent),
    ]);
    rule("header.masthead p.reference", &reference);
    let title_align = match style.title.align {
        TitleAlign::Center => "center",
        TitleAlign::Start => start,
    };
    rule(
        "h1",
        &[
            d("font-size", &em(style.title.size)),
            d("line-height", "1.2"),
            d("font-weight", "bold"),
            d("color", &accent),
            d("text-align", title_align),
            d("hyphens", "manual"),
        ],
    );
    let mut title = vec![
        d("grid-column", "1 / -1"),
        d("grid-row", &title_row.to_string()),
        d("margin", "0.4em 0 0.5em 0"),
    ];
    if !ruled {
        title.extend([d("padding-top", "0.6em"), d("border-top", &rule_line)]);
    }
    rule("header.masthead h1", &title);
    rule(
        "header.masthead p.subject",
        &[
            d("grid-column", "1 / -1"),
            d("grid-row", &(title_row + 2).to_string()),
            d("font-size", &em(style.title.subject_size)),
            d("text-align", "center"),
            d("margin-top", "0.3em"),
        ],
    );
    rule(
        "header.masthead::after",
        &[
            d("content", "\"\""),
            d("display", "block"),
            d("grid-column", "1 / -1"),
            d("grid-row", &(title_row + 3).to_string()),
            d("justify-self", "center"),
            d("width", "18%"),
            d("margin", "0.9em auto 0 auto"),
            d("border-top", &format!("1px solid {accent}")),
        ],
    );
    rule(".subject-label", &[d("font-weight", "bold")]);

    // The body of the resolution.
    for treatment in TREATMENTS {
        let declarations = verb(treatment);
        if !declarations.is_empty() {
            let class = verb_class(treatment).replace(' ', ".");
            rule(&format!("span.{class}"), &declarations);
        }
    }
    rule(
        "p.adoption",
        &[
            d("margin-top", "1.2em"),
            d(
                "font-weight",
                if style.adoption.bold {
                    "bold"
                } else {
                    "normal"
                },
            ),
            d("text-indent", "0"),
            d(
                "text-align",
                match style.adoption.align {
                    Side::Start => start,
                    Side::End => end,
                },
            ),
        ],
    );

    // Lists carry their labels as text: the label hangs in a box of the
    // style's label width. As in print, the outermost list is indented and
    // nested lists start where the text of their item starts; items are
    // closer to each other than paragraphs are.
    let hanging = |selector: &str, indent: Length, width: Length| {
        vec![
            (
                selector.to_string(),
                vec![d("list-style", "none"), d("margin", "0"), d("padding", "0")],
            ),
            (
                format!("{selector} > li"),
                vec![
                    d(&format!("margin-{start}"), &em(indent)),
                    d(&format!("padding-{start}"), &em(width)),
                ],
            ),
            (format!("{selector} > li p"), vec![d("text-indent", "0")]),
            (
                format!("{selector} > li > p.labelled"),
                vec![d("text-indent", &format!("-{}", em(width)))],
            ),
            (
                format!("{selector} > li > p.labelled > .label"),
                vec![
                    d("display", "inline-block"),
                    d("box-sizing", "border-box"),
                    d("min-width", &em(width)),
                    d(&format!("padding-{end}"), "0.3em"),
                    d("text-indent", "0"),
                ],
            ),
        ]
    };
    let lists = &style.lists;
    for (selector, declarations) in hanging("ol.list", lists.indent, lists.label_width)
        .into_iter()
        .chain(hanging(
            "ol.clauses",
            Length(0.0),
            lists.operative_label_width,
        ))
    {
        rule(&selector, &declarations);
    }
    rule("li ol.list > li", &[d(&format!("margin-{start}"), "0")]);
    let half = em(Length(style.text.paragraph_spacing.pt() / 2.0));
    rule("ol.list p", &[d("margin-bottom", &half)]);
    rule("ol.list", &[d("margin-bottom", &half)]);
    rule("li ol.list", &[d("margin-bottom", "0")]);
    rule("p.continuation", &[d("text-indent", "0")]);

    // Annexes start on a new page, with their label and title as a heading.
    rule(
        "section.annex",
        &[d("page-break-before", "always"), d("break-before", "page")],
    );
    rule(
        "section.annex h2",
        &[
            d(
                "font-size",
                &em(Length(style.title.subject_size.pt() * 1.15)),
            ),
            d("line-height", "1.25"),
            d("color", &accent),
            d("text-align", "center"),
            d("margin", "0 0 1.2em 0"),
        ],
    );
    rule(".annex-label, .annex-title", &[d("display", "block")]);
    rule(
        "h3, h4, h5, h6",
        &[
            d("font-size", "1.05em"),
            d("font-weight", "bold"),
            d("color", &accent),
            d("margin", "1.2em 0 0.5em 0"),
        ],
    );

    // Notes: smaller, after a rule, each linking back to its reference.
    rule("sup", &[d("line-height", "0"), d("font-size", "0.7em")]);
    rule("sup.noteref a", &[d("text-decoration", "none")]);
    rule(
        "section.footnotes",
        &[
            d("margin-top", "2.5em"),
            d("font-size", &em(style.text.footnote_size)),
        ],
    );
    rule(
        "section.footnotes::before",
        &[
            d("content", "\"\""),
            d("display", "block"),
            d("width", "25%"),
            d("margin-bottom", "0.8em"),
            d("border-top", &format!("1px solid {muted}")),
        ],
    );
    rule(
        "section.footnotes h2",
        &[
            d("font-size", "1em"),
            d("font-weight", "bold"),
            d("color", &muted),
            d("margin", "0 0 0.5em 0"),
        ],
    );
    rule(
        "aside.footnote p",
        &[d("text-indent", "0"), d("margin", "0 0 0.4em 0")],
    );
    rule(
        "a.note-mark",
        &[d("text-decoration", "none"), d("font-weight", "bold")],
    );

    // The navigation document.
    rule(
        "nav ol",
        &[
            d("list-style", "none"),
            d("margin", "0"),
            d(&format!("padding-{start}"), "0"),
        ],
    );
    rule("nav ol ol", &[d(&format!("padding-{start}"), "1.5em")]);
    rule("nav li", &[d("margin", "0.3em 0")]);
    rule(
        "nav h1",
        &[d(
            "font-size",
            &em(Length(style.title.subject_size.pt() * 1.25)),
        )],
    );

    if doc.redline.is_some() {
        // A redline's marks: underlined and struck through as well as
        // coloured, never colour alone; a bar beside changed paragraphs.
        let colours = &style.colours;
        let (inserted, deleted, moved) = (
            hex(colours.inserted.0),
            hex(colours.deleted.0),
            hex(colours.moved.0),
        );
        rule(
            "ins",
            &[d("text-decoration", "underline"), d("color", &inserted)],
        );
        rule(
            "del",
            &[d("text-decoration", "line-through"), d("color", &deleted)],
        );
        for (class, colour) in [
            ("rev-inserted", &inserted),
            ("rev-deleted", &deleted),
            ("rev-changed", &text),
            ("rev-moved-here", &moved),
            ("rev-moved-away", &moved),
        ] {
            rule(
                &format!("p.{class}"),
                &[
                    d(&format!("border-{start}"), &format!("2px solid {colour}")),
                    d(&format!("padding-{start}"), "0.5em"),
                ],
            );
        }
        rule(
            "p.redline-summary",
            &[
                d("border", &format!("1px solid {inserted}")),
                d("padding", "0.4em 0.6em"),
                d("font-weight", "bold"),
                d("text-indent", "0"),
            ],
        );
    }

    format!(
        "/* Generated by respub from the house style `{}`; do not edit. */\n\n{faces}{css}",
        style.name.replace("*/", "* /")
    )
}

/// The declarations that set a verb as `treatment` says. Capitals are
/// made by `text-transform`: the text keeps the words as written, so
/// assistive technology reads them as words; verbs already written in
/// capitals are unchanged either way.
fn verb(treatment: VerbTreatment) -> Vec<String> {
    match treatment {
        VerbTreatment::AsWritten => Vec::new(),
        VerbTreatment::Uppercase => vec!["text-transform: uppercase".into()],
        VerbTreatment::SmallCaps => vec!["font-variant: small-caps".into()],
        VerbTreatment::Italic => vec!["font-style: italic".into()],
        VerbTreatment::Bold => vec!["font-weight: bold".into()],
    }
}

/// `length` relative to the body size, in `em`.
fn em(length: Length, base: Length) -> String {
    if base.pt() <= 0.0 {
        return "1em".into();
    }
    format!("{}em", number(length.pt() / base.pt()))
}

/// A number with at most four decimals and no trailing zeros.
fn number(value: f64) -> String {
    let rounded = (value * 10_000.0).round() / 10_000.0;
    if rounded == 0.0 {
        "0".into()
    } else {
        rounded.to_string()
    }
}

fn hex(rgb: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2])
}

/// `text` as a CSS string: quoted, with quotes, backslashes and line
/// breaks escaped, so a family name cannot end the declaration.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\{:x} ", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_relative() {
        assert_eq!(em(Length(17.0), Length(10.5)), "1.619em");
        assert_eq!(em(Length(0.0), Length(10.5)), "0em");
        assert_eq!(number(1.35), "1.35");
    }

    #[test]
    fn strings_cannot_escape() {
        assert_eq!(
            css_string("Noto \"Serif\"\\;}"),
            "\"Noto \\\"Serif\\\"\\\\;}\""
        );
        assert_eq!(css_string("a\nb"), "\"a\\a b\"");
    }
}
