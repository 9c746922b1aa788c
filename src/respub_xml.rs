//! What the respub XML reader ([`crate::source::xml`]) and writer
//! ([`crate::render::xml`]) share, so that neither depends on the other:
//! the namespace of respub sources. The reader's table of element and
//! attribute names stays with the reader.

/// The namespace of respub sources.
pub const NAMESPACE: &str = "urn:respub:resolution:1";
