//! The respub XML vocabulary: its namespace, elements and attributes.
//!
//! This table is the reader's list of names; `schema/respub.rng` and
//! `docs/source-format.md` define the same names, and a test keeps the
//! three in step.

pub use crate::respub_xml::NAMESPACE;

/// The namespace of Akoma Ntoso 3.0, recognised to explain that such a file
/// is not a respub source.
pub const AKN_NAMESPACE: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

/// An attribute an element accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttributeSpec {
    /// The name as written (`xml:lang` for the one namespaced attribute).
    pub name: &'static str,
    /// Whether the element must carry it.
    pub required: bool,
}

/// An element of the vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ElementSpec {
    /// The local name.
    pub name: &'static str,
    /// The attributes it accepts.
    pub attributes: &'static [AttributeSpec],
}

const fn optional(name: &'static str) -> AttributeSpec {
    AttributeSpec {
        name,
        required: false,
    }
}

const fn required(name: &'static str) -> AttributeSpec {
    AttributeSpec {
        name,
        required: true,
    }
}

const fn element(name: &'static str, attributes: &'static [AttributeSpec]) -> ElementSpec {
    ElementSpec { name, attributes }
}

/// Every element of the vocabulary.
pub const ELEMENTS: &[ElementSpec] = &[
    element("resolution", &[required("xml:lang")]),
    // Metadata.
    element("meta", &[]),
    element("reference", &[]),
    element("number", &[]),
    element("organisation", &[optional("short")]),
    element("body", &[]),
    element(
        "session",
        &[
            optional("number"),
            optional("place"),
            optional("country"),
            optional("start"),
            optional("end"),
            optional("name"),
        ],
    ),
    element("subject", &[]),
    element("status", &[required("value"), optional("date")]),
    element("distribution", &[]),
    element("agenda-item", &[]),
    element("committee", &[optional("name"), required("document")]),
    element("meeting", &[]),
    element("keyword", &[]),
    element(
        "related",
        &[required("ref"), optional("relation"), optional("href")],
    ),
    element("vote", &[]),
    element("in-favour", &[required("count")]),
    element("against", &[required("count")]),
    element("abstaining", &[required("count")]),
    element("member", &[]),
    element("lint", &[required("allow")]),
    // Parts of the text.
    element("opening", &[]),
    element("preamble", &[]),
    element("operative", &[optional("numbering")]),
    element("clause", &[optional("label")]),
    element("closing", &[]),
    element("adoption", &[]),
    element("annex", &[]),
    element("label", &[]),
    element("title", &[]),
    // Blocks.
    element("p", &[]),
    element("heading", &[optional("level")]),
    element("list", &[optional("pattern"), optional("start")]),
    element("intro", &[]),
    element("item", &[optional("label")]),
    element("continuation", &[]),
    // Inline.
    element("verb", &[]),
    element("em", &[]),
    element("strong", &[]),
    element("sup", &[]),
    element("sub", &[]),
    element("q", &[]),
    element("ref", &[optional("href"), optional("doc")]),
    element("note", &[optional("mark")]),
    element("nbsp", &[]),
    element("br", &[]),
];

/// The elements allowed in running text.
pub const INLINE: &[&str] = &[
    "verb", "em", "strong", "sup", "sub", "q", "ref", "note", "nbsp", "br",
];

/// The description of element `name`, if it is one.
pub fn element_spec(name: &str) -> Option<&'static ElementSpec> {
    ELEMENTS.iter().find(|e| e.name == name)
}

/// The candidate closest to `name`, if it is close enough to be a likely
/// typo ("did you mean …?").
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        // A third of the letters may differ: `preambule`, `itme`, `Clause`
        // are typos; `table` for `title` is not. A longer or shorter form of
        // a name (`emph`, `organisationName`) is a near miss too.
        .filter(|&(distance, c)| {
            distance * 3 <= c.chars().count().max(3)
                || (c.len() >= 2 && lower.starts_with(&c.to_lowercase()))
                || (lower.len() >= 3 && c.to_lowercase().starts_with(&lower))
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let names = ELEMENTS.iter().map(|e| e.name);
        assert_eq!(closest("preambule", names.clone()), Some("preamble"));
        assert_eq!(closest("Clause", names.clone()), Some("clause"));
        assert_eq!(closest("organization", names.clone()), Some("organisation"));
        assert_eq!(closest("itme", names.clone()), Some("item"));
        assert_eq!(closest("emph", names.clone()), Some("em"));
        assert_eq!(closest("table", names.clone()), None);
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<_> = ELEMENTS.iter().map(|e| e.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), ELEMENTS.len());
        assert!(INLINE.iter().all(|n| element_spec(n).is_some()));
    }
}
