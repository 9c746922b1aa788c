//! The Akoma Ntoso vocabulary shared by the reader ([`crate::source::akn`])
//! and the writer ([`crate::render::akn`]), so that neither depends on the
//! other: the namespaces, the source of respub's own metadata, and the
//! language codes AKN names languages by.
//!
//! The codes are locale facts: the ISO 639-2 code of each language is in
//! its locale file (`iso639-2` in `styles/locales/fr.toml`), read here from
//! the locales compiled into respub.

use std::sync::LazyLock;

use crate::model::Language;
use crate::style::Locale;

/// The Akoma Ntoso 3.0 namespace.
pub const NAMESPACE: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

/// The namespace of respub's `proprietary` metadata.
pub const RESPUB_NS: &str = "urn:x-respub:akn:1";

/// The `source` of respub's `proprietary` block.
pub const PROPRIETARY_SOURCE: &str = "#respub";

/// The locales compiled into respub.
static LOCALES: LazyLock<Vec<Locale>> = LazyLock::new(crate::style::builtin_locales);

/// The BCP 47 tag for an AKN language code (ISO 639-2). A code no locale
/// knows is kept as written: it is still a valid tag.
pub fn language_of_code(code: &str) -> Language {
    let code = code.trim();
    let lower = code.to_ascii_lowercase();
    let known = LOCALES
        .iter()
        .find(|l| l.iso639_2 == lower || l.iso639_2_aliases.contains(&lower));
    Language(known.map_or(code.to_string(), |l| l.language.clone()))
}

/// The distribution ("General") of a distribution line, with the label
/// of any locale ("Distr. : ", "التوزيع: ") or the UN's "Distr.:" before it
/// taken off.
pub fn distribution_of(line: &str) -> &str {
    let line = line.trim();
    let labels = LOCALES.iter().filter_map(|l| {
        let (before, _) = l.labels.distribution.split_once("{distribution}")?;
        Some(before.trim_end_matches(|c: char| c.is_whitespace()))
    });
    let rest = labels
        .chain(["Distr."])
        .filter(|p| !p.is_empty())
        .find_map(|prefix| line.strip_prefix(prefix))
        .unwrap_or(line);
    rest.trim_start_matches(|c: char| c == ':' || c.is_whitespace())
        .trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_come_from_the_locales() {
        assert_eq!(language_of_code("fra").as_str(), "fr");
        assert_eq!(language_of_code("fre").as_str(), "fr");
        assert_eq!(language_of_code(" ara ").as_str(), "ar");
        assert_eq!(language_of_code("ENG").as_str(), "en");
        assert_eq!(language_of_code("deu").as_str(), "deu");
    }

    #[test]
    fn distribution_lines_lose_their_label() {
        for line in [
            "Distr.: General",
            "Distr. : General",
            "Distr. General",
            "التوزيع: General",
            "General",
        ] {
            assert_eq!(distribution_of(line), "General", "{line}");
        }
    }
}
