//! The font table and the embedded fonts.
//!
//! The recipient of a resolution rarely has the house fonts, so the DOCX
//! carries them. ISO/IEC 29500-1 §17.8.1 embeds a font as an "obfuscated"
//! part: the first 32 bytes are XORed with a GUID whose text form is the
//! `w:fontKey` of the `w:embedRegular` (… `w:embedBoldItalic`) element that
//! points to it ([`super::obfuscation`]). The key depends on the font
//! alone, so the obfuscated face was made once, as the font's own was
//! compressed once: the package copies it ([`crate::render::zip`]).

use crate::render::zip::font_key;
use crate::style::{FontFile, Fonts};

use super::package::{Part, Relationships, rel};
use super::xml::{NS_R, NS_W, Xml};

/// One face of a family to embed.
struct Embedded {
    /// `w:embedRegular`, `w:embedBold`, …
    element: &'static str,
    /// The relationship id in the font table's relationships.
    rid: String,
    /// `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}`.
    key: String,
}

/// The font table part, its relationships and the obfuscated font parts.
pub struct FontTable {
    /// `word/fontTable.xml`.
    pub table: Vec<u8>,
    /// `word/_rels/fontTable.xml.rels`, when fonts are embedded.
    pub rels: Option<Vec<u8>>,
    /// `word/fonts/fontN.odttf`.
    pub fonts: Vec<Part>,
}

/// Builds the font table of the body family and the families of `faces`,
/// embedding `faces` (the prepared document's: those the text needs).
pub fn font_table(fonts: &Fonts, faces: &[&FontFile]) -> FontTable {
    let mut families: Vec<&str> = vec![&fonts.body];
    for face in faces {
        if !families.contains(&face.family.as_str()) {
            families.push(&face.family);
        }
    }
    let mut rels = Relationships::new();
    let mut parts = Vec::new();
    let mut xml = Xml::new();
    xml.start("w:fonts", &[("xmlns:w", NS_W), ("xmlns:r", NS_R)]);
    for family in &families {
        let mut embedded = Vec::new();
        // Schema order: regular, bold, italic, bold italic.
        for (element, bold, italic) in [
            ("w:embedRegular", false, false),
            ("w:embedBold", true, false),
            ("w:embedItalic", false, true),
            ("w:embedBoldItalic", true, true),
        ] {
            let Some(face) = faces
                .iter()
                .find(|f| f.family == *family && f.bold == bold && f.italic == italic)
            else {
                continue;
            };
            let key = font_key(&face.data);
            let name = format!("fonts/font{}.odttf", parts.len() + 1);
            let rid = rels.add(rel::FONT, name.clone());
            parts.push(Part::font(format!("word/{name}"), face.data.clone()));
            embedded.push(Embedded { element, rid, key });
        }
        xml.start("w:font", &[("w:name", family)]);
        // The ANSI character set marks a Latin family; a script's family
        // leaves Word to read its character set from the font itself.
        if !fonts.scripts.values().any(|f| f == family) {
            xml.empty("w:charset", &[("w:val", "00")]);
        }
        xml.empty("w:family", &[("w:val", "roman")]);
        xml.empty("w:pitch", &[("w:val", "variable")]);
        for e in &embedded {
            xml.empty(e.element, &[("r:id", &e.rid), ("w:fontKey", &e.key)]);
        }
        xml.end("w:font");
    }
    xml.end("w:fonts");
    FontTable {
        table: xml.finish(),
        rels: (!rels.is_empty()).then(|| rels.to_xml()),
        fonts: parts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_stable_and_distinct_per_face() {
        let style = crate::style::Style::builtin();
        let key = |f: &FontFile| font_key(&f.data);
        let keys: Vec<_> = style.fonts.files.iter().map(key).collect();
        assert_eq!(keys, style.fonts.files.iter().map(key).collect::<Vec<_>>());
        let unique: std::collections::BTreeSet<_> = keys.iter().collect();
        assert_eq!(unique.len(), keys.len());
        assert!(keys.iter().all(|k| k.len() == 38 && k.starts_with('{')));
    }
}
