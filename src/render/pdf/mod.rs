//! The PDF writer: PDF/A-3a and PDF/UA-1 through Typst, embedded as a
//! library.
//!
//! The model and the style become data ([`data`]) that the style's Typst
//! template lays out, in a world that holds only the template, that data,
//! the emblem, the style's fonts and the source file ([`world`]). The
//! source file is attached to the PDF, so the machine-readable resolution
//! travels with the printable one. Dates come from the render options,
//! never from the clock: the same input gives the same bytes.

mod data;
mod diagnostics;
mod world;

use typst::diag::SourceDiagnostic;
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diag::{DiagResult, Diagnostic, Warned};
use crate::style::Style;

use super::time::UtcTime;
use super::{Prepared, Writer};
use world::{DocumentWorld, StyleAssets};

pub use data::TEMPLATE_KEYS;

/// How many documents a memoised Typst result may go unused before it is
/// evicted. Fonts and the template stay warm between documents of a batch
/// while memory stays bounded however many documents are built.
const CACHE_AGE: usize = 2;

/// Writes PDF/A-3a + PDF/UA-1 through the style's Typst template.
#[derive(Debug, Clone, Copy, Default)]
pub struct PdfWriter;

impl Writer for PdfWriter {
    fn render(&self, doc: &Prepared<'_>) -> DiagResult<Warned<Vec<u8>>> {
        let style = doc.style;
        let attempt = isolated(|| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| render(doc, style)))
        })?;
        let result = match attempt {
            Ok(result) => result,
            // Typst 0.15 sometimes cannot break a justified, hyphenated
            // paragraph ("bounded inline layout is incomplete"); the same
            // text without hyphenation lays out. Print rather than fail,
            // and say so.
            Err(panic) if style.text.hyphenate => {
                let mut plain = style.clone();
                plain.text.hyphenate = false;
                isolated(|| render(doc, &plain))?.map(|mut warned| {
                    warned.warnings.push(
                        Diagnostic::warning(format!(
                            "Typst could not lay out this document with hyphenation ({}); it was set without",
                            panic_message(&*panic)
                        ))
                        .with_hint("the text is complete; only the hyphenation of long words is missing"),
                    );
                    warned
                })
            }
            Err(panic) => std::panic::resume_unwind(panic),
        };
        typst::comemo::evict(CACHE_AGE);
        result
    }
}

/// The message a panic was raised with.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an internal error".into())
}

/// Stack of the thread that runs Typst, which lays out nested content
/// recursively. Only the pages used are committed.
const TYPST_STACK: usize = 64 * 1024 * 1024;

/// Runs `f` on a thread of its own with a large stack, in a rayon pool of
/// its own. Typst parallelises with rayon; in the build's pool a thread
/// waiting for Typst would pick up other documents and stack their layouts
/// on top of its own until the stack overflows. Here the calling thread
/// simply waits, and Typst's work cannot mix with other documents'.
fn isolated<T: Send>(f: impl FnOnce() -> T + Send) -> DiagResult<T> {
    std::thread::scope(|scope| {
        let worker = scope.spawn(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .stack_size(TYPST_STACK)
                .thread_name(|_| "respub-pdf".into())
                .build()
                .map(|pool| pool.install(f))
        });
        match worker.join() {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(e)) => Err(vec![
                Diagnostic::error(format!("cannot start the thread that makes the PDF: {e}"))
                    .with_hint(
                        "the system may be out of threads or memory; build fewer documents at once",
                    ),
            ]),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// Lays out `doc` in `style` (the document's own, or the same without
/// hyphenation) and exports the PDF.
fn render(doc: &Prepared<'_>, style: &Style) -> DiagResult<Warned<Vec<u8>>> {
    let data = data::build(doc, style, &attachment_name(doc));
    let mut warnings = Vec::new();
    let json = serde_json::to_vec(&data).map_err(|e| {
        vec![Diagnostic::error(format!(
            "cannot prepare the PDF's data: {e}"
        ))]
    })?;
    let assets = StyleAssets::of(style).map_err(|message| {
        vec![Diagnostic::error(message).with_hint("check the style's `template` and `fonts.files`")]
    })?;
    let world = DocumentWorld::new(
        assets.clone(),
        json,
        doc.source.bytes.clone(),
        doc.timestamp,
    );
    let file = |id| assets.loaded(id);
    let convert = |diags: &[SourceDiagnostic]| diagnostics::convert(diags, &file);

    let compiled = typst::compile::<PagedDocument>(&world);
    let typst_warnings = convert(&compiled.warnings);
    // Warnings that Typst upgrades (an unknown font family) fail the document.
    if typst_warnings.iter().any(Diagnostic::is_error) {
        return Err(typst_warnings);
    }
    warnings.extend(typst_warnings);
    let document = compiled.output.map_err(|errors| convert(&errors[..]))?;

    let pdf_options = pdf_options(doc)?;
    let bytes = typst_pdf::pdf(&document, &pdf_options).map_err(|errors| convert(&errors[..]))?;
    Ok(Warned {
        output: bytes,
        warnings,
    })
}

/// The options of the PDF export: the standards, the document's
/// identifier, and the recorded date.
fn pdf_options(doc: &Prepared<'_>) -> DiagResult<PdfOptions> {
    let standards = PdfStandards::new(&[PdfStandard::A_3a, PdfStandard::Ua_1]).map_err(|e| {
        vec![Diagnostic::error(format!(
            "cannot combine PDF/A-3a and PDF/UA-1: {}",
            e.message()
        ))]
    })?;
    let when = UtcTime::from_unix(doc.timestamp)
        .and_then(|t| Datetime::from_ymd_hms(t.year, t.month, t.day, t.hour, t.minute, t.second))
        .ok_or_else(|| {
            vec![
                Diagnostic::error(format!(
                    "the date {} (seconds since 1970) cannot be recorded in a PDF",
                    doc.timestamp
                ))
                .with_hint("give a date between the years 1 and 9999 (SOURCE_DATE_EPOCH or the status date)"),
            ]
        })?;
    Ok(PdfOptions {
        ident: Smart::Custom(doc.meta.identifier.clone()),
        creator: Smart::Custom(Some(format!("respub {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(Timestamp::new_utc(when)),
        standards,
        ..PdfOptions::default()
    })
}

/// The name the source is attached under: its file name, or one made from
/// the reference when the file name cannot be used.
fn attachment_name(doc: &Prepared<'_>) -> String {
    let name = doc
        .source
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let usable = !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\'])
        && typst::syntax::VirtualPath::new(format!("/{name}")).is_ok();
    if usable {
        name
    } else {
        let res = doc.resolution;
        format!("{}.{}.xml", res.meta.reference.slug(), res.meta.language)
    }
}
