//! The font table and the embedded fonts.
//!
//! The recipient of a resolution rarely has the house fonts, so the DOCX
//! carries them. ISO/IEC 29500-1 §17.8.1 embeds a font as an "obfuscated"
//! part: the first 32 bytes are XORed with a GUID whose text form is the
//! `w:fontKey` of the `w:embedRegular` (… `w:embedBoldItalic`) element that
//! points to it. The GUID is derived from the font bytes, never drawn at
//! random, so that two builds give the same package.

use crate::style::{FONT_HEAD, FontFile, Fonts};

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
            let key = font_key(face);
            let name = format!("fonts/font{}.odttf", parts.len() + 1);
            let rid = rels.add(rel::FONT, name.clone());
            let head = &face.data[..FONT_HEAD.min(face.data.len())];
            parts.push(Part::font(
                format!("word/{name}"),
                face.data.clone(),
                obfuscate(head, &key),
            ));
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

/// A GUID for `face`, from a 128-bit FNV-1a hash of its name, size and
/// CRC-32 (known once per process, where hashing every byte of the font
/// this way would cost more than the rest of the package).
fn font_key(face: &FontFile) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut hash = OFFSET;
    let tag = format!(
        "{}|{}|{}|{}|{:08x}",
        face.family,
        face.bold,
        face.italic,
        face.data.len(),
        crate::render::zip::font_crc(&face.data)
    );
    for byte in tag.as_bytes() {
        hash ^= u128::from(*byte);
        hash = hash.wrapping_mul(PRIME);
    }
    let hex = format!("{hash:032X}");
    format!(
        "{{{}-{}-{}-{}-{}}}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The bytes of `data` with its first 32 bytes XORed with the key of
/// `guid`: the GUID's 16 bytes in reverse order of their hex pairs.
pub fn obfuscate(data: &[u8], guid: &str) -> Vec<u8> {
    let hex: Vec<u8> = guid.bytes().filter(u8::is_ascii_hexdigit).collect();
    let mut key = [0u8; 16];
    for (i, pair) in hex.chunks(2).take(16).enumerate() {
        let text = std::str::from_utf8(pair).unwrap_or("00");
        key[15 - i] = u8::from_str_radix(text, 16).unwrap_or(0);
    }
    let mut out = data.to_vec();
    for (i, byte) in out.iter_mut().take(32).enumerate() {
        *byte ^= key[i % 16];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obfuscation_reverses_the_guid_bytes_and_is_its_own_inverse() {
        let guid = "{00112233-4455-6677-8899-AABBCCDDEEFF}";
        let data = vec![0u8; 40];
        let out = obfuscate(&data, guid);
        assert_eq!(out[0], 0xFF);
        assert_eq!(out[15], 0x00);
        assert_eq!(out[16], 0xFF);
        assert_eq!(out[1], 0xEE);
        assert_eq!(&out[32..], &[0u8; 8]);
        assert_eq!(obfuscate(&out, guid), data);
    }

    #[test]
    fn keys_are_stable_and_distinct_per_face() {
        let style = crate::style::Style::builtin();
        let keys: Vec<_> = style.fonts.files.iter().map(font_key).collect();
        assert_eq!(
            keys,
            style.fonts.files.iter().map(font_key).collect::<Vec<_>>()
        );
        let unique: std::collections::BTreeSet<_> = keys.iter().collect();
        assert_eq!(unique.len(), keys.len());
        assert!(keys.iter().all(|k| k.len() == 38 && k.starts_with('{')));
    }
}
