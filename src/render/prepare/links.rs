//! The one rule for link addresses.
//!
//! A resolution is read in PDF viewers, e-readers and word processors that
//! act on a link the moment it is clicked, so an address from a source is
//! made followable only if it is an absolute web or mail address: `http`,
//! `https` or `mailto`. Scripts (`javascript:`), local files (`file:`),
//! embedded data (`data:`), other schemes and relative paths are never
//! followable, whatever their case or surrounding spaces. The address is
//! normalised once, by the `url` crate's WHATWG parser: the scheme and host
//! in lower case, spaces and other characters a URL may not hold
//! percent-encoded, so every format links the very same address.

use std::fmt;

/// The longest address made followable. Typst refuses URLs over 8,000
/// bytes and some readers far less; no real reference needs more.
pub const MAX_HREF: usize = 2_000;

/// A followable link address, normalised.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Href(String);

impl Href {
    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Href {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why an address is not followable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkProblem {
    /// Nothing but spaces.
    Empty,
    /// A scheme readers must not act on (`javascript`, `file`, `data`,
    /// `ftp` …).
    Scheme(String),
    /// A path with no scheme, which would resolve inside the package.
    Relative,
    /// Not an address a URL parser accepts.
    Malformed(String),
    /// Longer than [`MAX_HREF`].
    TooLong(usize),
}

impl fmt::Display for LinkProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkProblem::Empty => f.write_str("the address is empty"),
            LinkProblem::Scheme(s) => write!(f, "`{s}:` addresses are never made followable"),
            LinkProblem::Relative => f.write_str("the address is relative: it names no site"),
            LinkProblem::Malformed(why) => write!(f, "the address is not a valid URL ({why})"),
            LinkProblem::TooLong(n) => write!(
                f,
                "the address is {n} characters long; respub links addresses of at most {MAX_HREF}"
            ),
        }
    }
}

/// The schemes a reader may follow.
const SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// The followable form of `raw`, or why it has none.
pub fn followable(raw: &str) -> Result<Href, LinkProblem> {
    let raw = raw.trim_matches(|c: char| c.is_whitespace());
    if raw.is_empty() {
        return Err(LinkProblem::Empty);
    }
    let length = raw.chars().count();
    if length > MAX_HREF {
        return Err(LinkProblem::TooLong(length));
    }
    let url = url::Url::parse(raw).map_err(|e| match e {
        url::ParseError::RelativeUrlWithoutBase => LinkProblem::Relative,
        other => LinkProblem::Malformed(other.to_string()),
    })?;
    if !SCHEMES.contains(&url.scheme()) {
        return Err(LinkProblem::Scheme(url.scheme().to_string()));
    }
    let web = url.scheme() != "mailto";
    if web && url.host_str().is_none_or(str::is_empty) {
        return Err(LinkProblem::Malformed("no host".into()));
    }
    if !web && url.path().trim().is_empty() {
        return Err(LinkProblem::Malformed("no address after `mailto:`".into()));
    }
    let normal = url.as_str();
    if normal.len() > MAX_HREF {
        return Err(LinkProblem::TooLong(normal.len()));
    }
    Ok(Href(normal.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(raw: &str) -> String {
        followable(raw)
            .map(|h| h.0)
            .unwrap_or_else(|e| panic!("{raw}: {e}"))
    }

    #[test]
    fn web_and_mail_addresses_are_followable_and_normalised() {
        assert_eq!(
            ok("https://www.interpol.int/fr"),
            "https://www.interpol.int/fr"
        );
        assert_eq!(
            ok("  HTTPS://WWW.Interpol.INT/A "),
            "https://www.interpol.int/A"
        );
        assert_eq!(ok("https://example.org/a b"), "https://example.org/a%20b");
        assert_eq!(ok("mailto:info@example.org"), "mailto:info@example.org");
        assert_eq!(ok("http://example.org/é"), "http://example.org/%C3%A9");
    }

    #[test]
    fn other_addresses_are_never_followable() {
        for (raw, scheme) in [
            ("javascript:alert(1)", "javascript"),
            ("JavaScript:alert(1)", "javascript"),
            (" file:///etc/passwd", "file"),
            ("data:text/html,<script>", "data"),
            ("ftp://ftp.example.org/x", "ftp"),
        ] {
            assert_eq!(
                followable(raw),
                Err(LinkProblem::Scheme(scheme.into())),
                "{raw}"
            );
        }
        assert_eq!(
            followable("../META-INF/container.xml"),
            Err(LinkProblem::Relative)
        );
        assert_eq!(followable("   "), Err(LinkProblem::Empty));
        assert!(matches!(
            followable("https://exa mple.org"),
            Err(LinkProblem::Malformed(_))
        ));
        assert!(matches!(
            followable("https://"),
            Err(LinkProblem::Malformed(_))
        ));
        let long = format!("https://example.org/{}", "a".repeat(MAX_HREF));
        assert!(matches!(followable(&long), Err(LinkProblem::TooLong(_))));
    }
}
