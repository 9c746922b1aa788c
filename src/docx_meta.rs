//! What the DOCX writer ([`crate::render::docx`]) and the DOCX reader
//! ([`crate::source::docx`]) share: how the metadata that the body does not
//! show travels in the package's custom document properties
//! (`docProps/custom.xml`), so that respub's own DOCX, edited in Word and
//! sent back, reads as the source it was made from.
//!
//! The metadata is the `<meta>` element of respub XML, written by the
//! respub XML writer and read by its reader: one vocabulary, checked the
//! same way whatever file carries it. Word keeps at most 255 characters of
//! a custom property's text, so the element is cut into numbered
//! properties of that length ([`chunks`]) and joined again on reading
//! ([`join`]).

/// The property that marks a package as respub's own, with the version of
/// this layout.
pub const MARK: &str = "respub";

/// The value of [`MARK`]: the version of the layout of the properties.
pub const VERSION: &str = "1";

/// The property holding the document's language tag.
pub const LANGUAGE: &str = "respub.language";

/// The prefix of the numbered properties holding the `<meta>` element:
/// `respub.meta.001`, `respub.meta.002` …
pub const META_PREFIX: &str = "respub.meta.";

/// The longest text Word keeps in a custom property.
pub const MAX_VALUE_CHARS: usize = 255;

/// The `(name, value)` properties that carry the metadata `meta_xml` (the
/// respub XML `<meta>` element) in language `language`, in order.
pub fn properties(language: &str, meta_xml: &str) -> Vec<(String, String)> {
    let mut props = vec![
        (MARK.to_string(), VERSION.to_string()),
        (LANGUAGE.to_string(), language.to_string()),
    ];
    for (i, chunk) in chunks(&one_line(meta_xml)).into_iter().enumerate() {
        props.push((format!("{META_PREFIX}{:03}", i + 1), chunk));
    }
    props
}

/// The `<meta>` element written on one line: line breaks of the indented
/// XML become single spaces, which the reader collapses as it collapses
/// every space between words, so that no application's handling of line
/// breaks in a property can change it.
fn one_line(xml: &str) -> String {
    xml.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` in pieces of at most [`MAX_VALUE_CHARS`] characters. A piece
/// neither starts nor ends with a space, which some applications trim
/// from property values: the cut moves back into a word (cutting a word
/// in two loses nothing, since the pieces are joined without separators).
pub fn chunks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let limit = rest
            .char_indices()
            .nth(MAX_VALUE_CHARS)
            .map_or(rest.len(), |(at, _)| at);
        let mut end = limit;
        if end < rest.len() {
            while end > 0 && (rest[..end].ends_with(' ') || rest[end..].starts_with(' ')) {
                end -= rest[..end].chars().next_back().map_or(1, char::len_utf8);
            }
            if end == 0 {
                // Only spaces around every possible cut: cut at the limit.
                end = limit;
            }
        }
        out.push(rest[..end].to_string());
        rest = &rest[end..];
    }
    out
}

/// The `<meta>` element back from the properties `props` (name, value), in
/// any order: the numbered pieces joined in the order of their numbers.
/// `None` when the package has none.
pub fn join<'a>(props: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<String> {
    let mut pieces: Vec<(u32, &str)> = props
        .into_iter()
        .filter_map(|(name, value)| {
            let n = name.strip_prefix(META_PREFIX)?.parse().ok()?;
            Some((n, value))
        })
        .collect();
    if pieces.is_empty() {
        return None;
    }
    pieces.sort_by_key(|(n, _)| *n);
    Some(pieces.into_iter().map(|(_, v)| v).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_metadata_is_cut_into_pieces_word_keeps_and_joined_again() {
        let text = format!("<meta>{}</meta>", "un mot   et puis d’autres, ".repeat(40));
        let pieces = chunks(&text);
        assert!(pieces.len() > 3);
        for piece in &pieces {
            assert!(piece.chars().count() <= MAX_VALUE_CHARS, "{piece}");
            assert!(
                !piece.ends_with(' ') && !piece.starts_with(' '),
                "«{piece}»"
            );
        }
        let named: Vec<(String, String)> = pieces
            .iter()
            .enumerate()
            .rev()
            .map(|(i, p)| (format!("{META_PREFIX}{:03}", i + 1), p.clone()))
            .collect();
        let back = join(named.iter().map(|(n, v)| (n.as_str(), v.as_str()))).unwrap();
        assert_eq!(back, text);
    }

    #[test]
    fn the_indented_element_travels_on_one_line() {
        let props = properties("fr", "<meta>\n  <reference>X</reference>\n</meta>\n");
        assert_eq!(props[0], (MARK.to_string(), VERSION.to_string()));
        assert_eq!(props[2].1, "<meta> <reference>X</reference> </meta>");
    }
}
