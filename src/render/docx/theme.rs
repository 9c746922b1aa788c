//! `word/theme/theme1.xml`: the Office theme, built from the house style.
//!
//! Word expects a theme beside the styles. Its fonts are the house fonts
//! and its colours the house colours, so that what a user picks from
//! Word's theme menus (headings, colours) stays within the house style.

use crate::style::Style;

use super::Lang;
use super::xml::Xml;

const NS_A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";

/// The theme part.
pub fn theme_xml(style: &Style, lang: &Lang) -> Vec<u8> {
    let mut xml = Xml::new();
    xml.start("a:theme", &[("xmlns:a", NS_A), ("name", &style.name)]);
    xml.start("a:themeElements", &[]);

    xml.start("a:clrScheme", &[("name", &style.name)]);
    let text = style.colours.text.hex();
    let accent = style.colours.accent.hex();
    let muted = style.colours.muted.hex();
    let colours: [(&str, &str); 12] = [
        ("a:dk1", &text),
        ("a:lt1", "FFFFFF"),
        ("a:dk2", &accent),
        ("a:lt2", "EEF1F5"),
        ("a:accent1", &accent),
        ("a:accent2", &muted),
        ("a:accent3", &text),
        ("a:accent4", &accent),
        ("a:accent5", &muted),
        ("a:accent6", &text),
        ("a:hlink", &accent),
        ("a:folHlink", &muted),
    ];
    for (slot, hex) in colours {
        xml.start(slot, &[]);
        xml.empty("a:srgbClr", &[("val", hex)]);
        xml.end(slot);
    }
    xml.end("a:clrScheme");

    xml.start("a:fontScheme", &[("name", &style.name)]);
    for slot in ["a:majorFont", "a:minorFont"] {
        xml.start(slot, &[]);
        xml.empty("a:latin", &[("typeface", &style.fonts.body)]);
        xml.empty("a:ea", &[("typeface", "")]);
        xml.empty("a:cs", &[("typeface", &lang.cs_font)]);
        xml.end(slot);
    }
    xml.end("a:fontScheme");

    // The format scheme needs three entries in each list; a document
    // without drawings uses none of them, so they are plain.
    xml.start("a:fmtScheme", &[("name", &style.name)]);
    let solid = |xml: &mut Xml| {
        xml.start("a:solidFill", &[]);
        xml.empty("a:schemeClr", &[("val", "phClr")]);
        xml.end("a:solidFill");
    };
    xml.start("a:fillStyleLst", &[]);
    for _ in 0..3 {
        solid(&mut xml);
    }
    xml.end("a:fillStyleLst");
    xml.start("a:lnStyleLst", &[]);
    for width in ["6350", "12700", "19050"] {
        xml.start(
            "a:ln",
            &[
                ("w", width),
                ("cap", "flat"),
                ("cmpd", "sng"),
                ("algn", "ctr"),
            ],
        );
        solid(&mut xml);
        xml.empty("a:prstDash", &[("val", "solid")]);
        xml.empty("a:miter", &[("lim", "800000")]);
        xml.end("a:ln");
    }
    xml.end("a:lnStyleLst");
    xml.start("a:effectStyleLst", &[]);
    for _ in 0..3 {
        xml.start("a:effectStyle", &[]);
        xml.empty("a:effectLst", &[]);
        xml.end("a:effectStyle");
    }
    xml.end("a:effectStyleLst");
    xml.start("a:bgFillStyleLst", &[]);
    for _ in 0..3 {
        solid(&mut xml);
    }
    xml.end("a:bgFillStyleLst");
    xml.end("a:fmtScheme");

    xml.end("a:themeElements");
    xml.empty("a:objectDefaults", &[]);
    xml.empty("a:extraClrSchemeLst", &[]);
    xml.end("a:theme");
    xml.finish()
}
