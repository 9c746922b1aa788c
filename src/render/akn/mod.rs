//! The Akoma Ntoso writer: the model as an AKN 3.0 `statement`, in the
//! fashion of the United Nations' AKN4UN, valid against the OASIS schema.
//!
//! Akoma Ntoso is an exchange format: it records the words of the source
//! and their structure, not their presentation, so this writer writes the
//! prepared document's model, with the words as the source has them, the
//! labels the model's numbering gives and the language's code from its
//! locale. Reading the output back with [`crate::source::akn`] gives the
//! same model: every field has one place in the file. What AKN has no element
//! for (the session's place and dates, related documents with their
//! relation) goes in a `proprietary` block in respub's namespace.

mod body;
mod meta;
mod xml;

use crate::akn::{NAMESPACE as AKN_NS, RESPUB_NS};
use crate::diag::{DiagResult, Diagnostic, Warned};
use crate::model::StatusKind;

use super::{Prepared, Writer};
use xml::Out;

/// The AKN4UN namespace, for the names of the members in a vote.
const AKN4UN_NS: &str = "http://un.org/akn4un";

/// Writes Akoma Ntoso 3.0 XML.
#[derive(Debug, Clone, Copy, Default)]
pub struct AknWriter;

impl Writer for AknWriter {
    fn render(&self, doc: &Prepared<'_>) -> DiagResult<Warned<Vec<u8>>> {
        let output = to_akn(doc).map_err(|e| {
            vec![Diagnostic::error(format!(
                "cannot write the Akoma Ntoso document: {e}"
            ))]
        })?;
        Ok(Warned {
            output,
            warnings: Vec::new(),
        })
    }
}

/// The resolution as an AKN 3.0 document. The timestamp dates the
/// manifestation, and the work when the resolution has no date of its own.
pub fn to_akn(doc: &Prepared<'_>) -> std::io::Result<Vec<u8>> {
    let res = doc.resolution;
    let mut out = Out::new();
    out.declaration()?;
    out.start(
        "akomaNtoso",
        &[
            ("xmlns", AKN_NS),
            ("xmlns:akn4un", AKN4UN_NS),
            ("xmlns:respub", RESPUB_NS),
        ],
    )?;
    out.nl()?;
    let name = match res.meta.status.kind {
        StatusKind::Adopted => "resolution",
        _ => "draftResolution",
    };
    out.start("statement", &[("name", name)])?;
    out.nl()?;
    let ids = meta::Ids::new(res, doc.timestamp, &doc.meta.iso639_2);
    meta::meta(&mut out, res, &ids, "")?;
    let mut body = body::Body::new(&mut out);
    body.cover_page(res, doc.locale)?;
    body.preface(res)?;
    body.preamble(res)?;
    body.main_body(res)?;
    body.conclusions(res)?;
    body.attachments(res, &ids)?;
    out.end("statement")?;
    out.nl()?;
    out.end("akomaNtoso")?;
    out.nl()?;
    Ok(out.into_inner())
}
