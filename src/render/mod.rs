//! The writers: one per output format, all with the same shape.
//!
//! A writer takes the [`Prepared`] document — the model with every
//! presentation decision made once, in [`prepare`] — and returns the bytes
//! of the output with any warnings. It never reads the source again, never
//! decides what the document says or how it is labelled, and never touches
//! the filesystem: the build stage writes its bytes.

pub mod akn;
pub mod docx;
pub mod epub;
pub mod pdf;
pub mod prepare;
pub mod text;
pub mod time;
pub mod xml;
pub mod zip;

use std::fmt;
use std::str::FromStr;

use crate::diag::{DiagResult, Warned};
use crate::model::Resolution;
use crate::source::SourceFile;
use crate::style::Style;

pub use prepare::{Prepared, prepare};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// PDF/A-3a and PDF/UA-1, for print and archive.
    Pdf,
    /// EPUB 3, for e-readers.
    Epub,
    /// DOCX (Office Open XML), for correspondence.
    Docx,
    /// Akoma Ntoso 3.0 XML, for exchange with other legislative systems.
    Akn,
    /// Plain UTF-8 text, for checks and quick reading.
    Text,
    /// respub XML, the source format itself: what a document read from
    /// another format says, as a source.
    Xml,
}

impl Format {
    /// The formats `respub build` writes when none is named.
    pub const DEFAULT: [Format; 3] = [Format::Pdf, Format::Epub, Format::Docx];

    /// Every format, in the order outputs are listed.
    pub const ALL: [Format; 6] = [
        Format::Pdf,
        Format::Epub,
        Format::Docx,
        Format::Akn,
        Format::Text,
        Format::Xml,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Epub => "epub",
            Format::Docx => "docx",
            Format::Akn => "akn",
            Format::Text => "txt",
            Format::Xml => "xml",
        }
    }

    /// The extension of the output file, without the leading dot. Both XML
    /// formats say which they are before `.xml`, so that no output has the
    /// name of its own source (`X.xml`).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Akn => "akn.xml",
            Format::Xml => "respub.xml",
            other => other.name(),
        }
    }

    /// The writer of this format.
    pub fn writer(self) -> &'static dyn Writer {
        match self {
            Format::Pdf => &pdf::PdfWriter,
            Format::Text => &text::TextWriter,
            Format::Epub => &epub::EpubWriter,
            Format::Docx => &docx::DocxWriter,
            Format::Akn => &akn::AknWriter,
            Format::Xml => &xml::XmlWriter,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s) || (s == "text" && *f == Format::Text))
            .ok_or_else(|| {
                let names: Vec<_> = Format::ALL.iter().map(|f| f.name()).collect();
                format!("unknown format `{s}`; choose from {}", names.join(", "))
            })
    }
}

/// A writer of one output format.
pub trait Writer: Sync {
    /// Renders the prepared document, returning the output's bytes.
    fn render(&self, doc: &Prepared<'_>) -> DiagResult<Warned<Vec<u8>>>;
}

/// The whole pipeline after reading, for a model in memory: prepares `res`
/// (read from `source`) in `style` and writes it as `format`, dated
/// `timestamp`. The warnings of preparing come before the writer's.
pub fn render(
    format: Format,
    res: &Resolution,
    source: &SourceFile,
    style: &Style,
    timestamp: i64,
) -> DiagResult<Warned<Vec<u8>>> {
    let prepared = prepare(res, source, style, timestamp)?;
    let mut written = format.writer().render(&prepared.output)?;
    let mut warnings = prepared.warnings;
    warnings.append(&mut written.warnings);
    written.warnings = warnings;
    Ok(written)
}
