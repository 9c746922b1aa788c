//! Which fonts a document needs, and whether they can set every character.
//!
//! respub never falls back to the reader's fonts: a character that no font
//! of the style has would print as a blank box in the PDF (Typst refuses
//! it under PDF/A) and differently in every word processor. So the
//! characters are checked once, here, against the character maps of the
//! style's faces, and the families that actually set the text are the ones
//! the EPUB and the DOCX embed.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, OnceLock};

use crate::style::{FontFile, Fonts};

/// The characters one family can set: the union of its faces' maps, as
/// sorted, disjoint ranges.
#[derive(Debug, Clone, Default)]
pub struct Coverage(Vec<(u32, u32)>);

impl Coverage {
    /// The coverage of `faces`.
    fn of<'a>(faces: impl Iterator<Item = &'a FontFile>) -> Coverage {
        let mut points = BTreeSet::new();
        for face in faces {
            let Ok(parsed) = ttf_parser::Face::parse(&face.data, 0) else {
                continue;
            };
            let Some(cmap) = parsed.tables().cmap else {
                continue;
            };
            for table in cmap.subtables.into_iter().filter(|t| t.is_unicode()) {
                table.codepoints(|cp| {
                    // A code point mapped to glyph 0 has no glyph.
                    if table.glyph_index(cp).is_some_and(|g| g.0 != 0) {
                        points.insert(cp);
                    }
                });
            }
        }
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for cp in points {
            match ranges.last_mut() {
                Some((_, end)) if *end + 1 == cp => *end = cp,
                _ => ranges.push((cp, cp)),
            }
        }
        Coverage(ranges)
    }

    /// Whether `c` has a glyph.
    pub fn has(&self, c: char) -> bool {
        let cp = u32::from(c);
        self.0
            .binary_search_by(|&(start, end)| {
                if end < cp {
                    std::cmp::Ordering::Less
                } else if start > cp {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    }
}

/// The coverage of every family of a style's fonts, computed once per
/// process for each distinct set of font files.
pub fn coverages(fonts: &Fonts) -> Arc<Vec<(String, Coverage)>> {
    type Cache = Mutex<Vec<(Vec<usize>, Arc<Vec<(String, Coverage)>>)>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    // Faces are identified by where their bytes are: built-in fonts are
    // shared by every style, fonts from disk by the style that loaded them.
    let key: Vec<usize> = fonts
        .files
        .iter()
        .map(|f| f.data.as_ptr() as usize)
        .collect();
    let cache = CACHE.get_or_init(Mutex::default);
    if let Some((_, hit)) = cache.lock().ok().and_then(|c| {
        c.iter()
            .find(|(k, _)| *k == key)
            .map(|(k, v)| (k.clone(), Arc::clone(v)))
    }) {
        return hit;
    }
    let mut families: Vec<&str> = Vec::new();
    for f in &fonts.files {
        if !families.contains(&f.family.as_str()) {
            families.push(&f.family);
        }
    }
    let computed = Arc::new(
        families
            .into_iter()
            .map(|family| {
                let faces = fonts.files.iter().filter(|f| f.family == family);
                (family.to_string(), Coverage::of(faces))
            })
            .collect::<Vec<_>>(),
    );
    if let Ok(mut c) = cache.lock() {
        // A handful of styles per process at most; keep the cache small
        // should a long process load many.
        if c.len() > 16 {
            c.remove(0);
        }
        c.push((key, Arc::clone(&computed)));
    }
    computed
}

/// Whether a character needs a glyph: spaces, line ends and the invisible
/// formatting characters (joiners, direction marks, the soft hyphen) are
/// set without one.
pub fn needs_glyph(c: char) -> bool {
    !(c.is_whitespace()
        || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}'))
}

/// The family, in `order`, that sets `c`, if any does.
pub fn family_for<'a>(
    c: char,
    order: &[&'a str],
    coverages: &[(String, Coverage)],
) -> Option<&'a str> {
    order.iter().copied().find(|family| {
        coverages
            .iter()
            .any(|(name, cov)| name == family && cov.has(c))
    })
}
