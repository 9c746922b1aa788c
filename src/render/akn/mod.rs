//! The Akoma Ntoso writer: the model as an AKN 3.0 `statement`, in the
//! fashion of the United Nations' AKN4UN, valid against the OASIS schema.
//!
//! Reading the output back with [`crate::source::akn`] gives the same
//! model: every field has one place in the file. What AKN has no element
//! for (the session's place and dates, related documents with their
//! relation) goes in a `proprietary` block in respub's namespace.

mod body;
mod meta;
mod xml;

use crate::diag::{DiagResult, Diagnostic, Warned};
use crate::model::{Resolution, StatusKind};
use crate::source::akn::{AKN_NS, RESPUB_NS};
use crate::style::Style;

use super::{Document, RenderOptions, Writer};
use xml::Out;

/// The AKN4UN namespace, for the names of the members in a vote.
const AKN4UN_NS: &str = "http://un.org/akn4un";

/// Writes Akoma Ntoso 3.0 XML.
#[derive(Debug, Clone, Copy, Default)]
pub struct AknWriter;

impl Writer for AknWriter {
    fn render(
        &self,
        doc: Document<'_>,
        style: &Style,
        options: &RenderOptions,
    ) -> DiagResult<Warned<Vec<u8>>> {
        let output = to_akn(doc.resolution, style, options.timestamp).map_err(|e| {
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

/// The resolution as an AKN 3.0 document. `timestamp` (seconds since the
/// epoch) dates the manifestation, and the work when the resolution has no
/// date of its own.
pub fn to_akn(res: &Resolution, style: &Style, timestamp: i64) -> std::io::Result<Vec<u8>> {
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
    let ids = meta::Ids::new(res, timestamp);
    meta::meta(&mut out, res, &ids, "")?;
    let locale = style.locale(&res.meta.language);
    let mut body = body::Body::new(&mut out);
    body.cover_page(res, locale)?;
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
