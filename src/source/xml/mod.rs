//! The respub XML reader.
//!
//! Reading happens in three steps, each in its own module:
//! 1. the bytes are checked to be UTF-8 text that XML allows
//!    ([`super::decode`]);
//! 2. [`super::tree`] parses them into an element tree, refusing what is
//!    unsafe;
//! 3. [`convert`] checks the tree against the [`vocabulary`] and builds the
//!    model, reporting every problem it finds.
//!
//! The format is documented in `docs/source-format.md`; its schema is
//! `schema/respub.rng`.

pub mod convert;
pub mod vocabulary;

use crate::diag::{DiagResult, Diagnostic, Warned};
use crate::model::Resolution;

use super::SourceFile;
use super::decode::decode;
use super::tree::{self, Root};
use vocabulary::{AKN_NAMESPACE, NAMESPACE};

/// What a respub source is, for messages about a file that is not one.
pub const ROOT: Root = Root {
    name: "resolution",
    hint: "a respub source is one `<resolution xmlns=\"urn:respub:resolution:1\">` element",
};

/// Whether the file looks like a respub XML source: its root element is
/// `resolution`, whatever its namespace (a wrong one is reported by the
/// reader, with the fix).
pub fn recognises(file: &SourceFile) -> bool {
    super::root_element(&file.bytes).is_some_and(|name| name == "resolution")
}

/// Reads a respub XML source.
pub fn read(file: &SourceFile) -> DiagResult<Warned<Resolution>> {
    let (text, base) = decode(&file.bytes, ROOT.hint).map_err(|d| vec![d])?;
    let (root, mut diagnostics) = tree::parse(text, base, ROOT)?;
    check_root(&root)?;
    let (resolution, found) = convert::resolution(&root);
    diagnostics.extend(found);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    Ok(Warned {
        output: resolution,
        warnings: diagnostics,
    })
}

/// Checks that the root is a respub `<resolution>`, explaining what the file
/// is otherwise.
fn check_root(root: &tree::Element) -> Result<(), Vec<Diagnostic>> {
    let name = &root.name;
    let span = root.name_span();
    let error = match name.namespace.as_deref() {
        Some(NAMESPACE) if name.local == "resolution" => return Ok(()),
        Some(AKN_NAMESPACE) => Diagnostic::error(format!(
            "not a respub source: the root element is `<{}>` in the Akoma Ntoso namespace `{AKN_NAMESPACE}`",
            name.qualified
        ))
        .with_label("Akoma Ntoso document")
        .with_hint("an Akoma Ntoso document has the root `<akomaNtoso>`; a respub source has `<resolution>` in the respub namespace (docs/source-format.md)"),
        Some(NAMESPACE) => {
            let mut d = Diagnostic::error(format!(
                "not a respub source: the root element is `<{}>`, not `<resolution>`",
                name.local
            ))
            .with_label("expected `<resolution>`");
            if vocabulary::closest(&name.local, ["resolution"]).is_some() {
                d = d.with_hint("did you mean `<resolution>`?");
            }
            d
        }
        None if name.local == "resolution" => {
            Diagnostic::error("`<resolution>` is in no namespace").with_label("namespace missing")
        }
        Some(other) if name.local == "resolution" => {
            Diagnostic::error(format!("`<resolution>` is in the namespace `{other}`, not respub's"))
                .with_label("wrong namespace")
        }
        namespace => Diagnostic::error(format!(
            "not a respub source: the root element is `<{}>`{}",
            name.qualified,
            namespace.map(|ns| format!(" in the namespace `{ns}`")).unwrap_or_default()
        ))
        .with_label("expected `<resolution>`"),
    };
    Err(vec![error.at(span).with_hint(format!(
        "a respub source starts with `<resolution xmlns=\"{NAMESPACE}\" xml:lang=\"…\">`"
    ))])
}

#[cfg(test)]
mod tests;
