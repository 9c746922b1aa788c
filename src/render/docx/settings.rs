//! `word/settings.xml`: embedded fonts on, hyphenation as the style says,
//! the footnote separators, and the compatibility mode of current Word so
//! that it does not open the file in compatibility view.

use crate::style::Style;

use super::Lang;
use super::xml::{NS_W, Xml};

/// `word/settings.xml`.
pub fn settings_xml(style: &Style, lang: &Lang) -> Vec<u8> {
    let mut xml = Xml::new();
    xml.start("w:settings", &[("xmlns:w", NS_W)]);
    // Children in the order of CT_Settings.
    xml.empty("w:embedTrueTypeFonts", &[]);
    xml.empty(
        "w:defaultTabStop",
        &[("w:val", &style.lists.label_width.twips().to_string())],
    );
    if style.text.hyphenate {
        xml.empty("w:autoHyphenation", &[]);
    }
    xml.empty("w:characterSpacingControl", &[("w:val", "doNotCompress")]);
    xml.start("w:footnotePr", &[]);
    xml.empty("w:footnote", &[("w:id", "-1")]);
    xml.empty("w:footnote", &[("w:id", "0")]);
    xml.end("w:footnotePr");
    xml.start("w:compat", &[]);
    xml.empty(
        "w:compatSetting",
        &[
            ("w:name", "compatibilityMode"),
            ("w:uri", "http://schemas.microsoft.com/office/word"),
            ("w:val", "15"),
        ],
    );
    xml.end("w:compat");
    let mut theme = vec![("w:val", lang.tag.as_str())];
    if lang.rtl {
        theme.push(("w:bidi", lang.tag.as_str()));
    }
    xml.empty("w:themeFontLang", &theme);
    xml.end("w:settings");
    xml.finish()
}
