//! respub publishes official resolutions.
//!
//! A resolution is kept as one structured source file. respub reads it
//! ([`source`]) into a plain document model ([`model`]), and writers
//! ([`render`]) turn the model into a PDF for print and archive, an EPUB
//! for e-readers and a DOCX for correspondence, all in one house style
//! ([`style`]).
//!
//! ```no_run
//! use respub::{source::SourceFile, style::Style, render::{self, Format}};
//! let file = SourceFile::open("sources/GA-2017-86-RES-06.fr.xml".as_ref()).unwrap();
//! let res = respub::source::read(&file).unwrap().output;
//! let style = Style::builtin();
//! // Prepared once, in the style: labels, notes, links, metadata, fonts.
//! let doc = render::prepare(&res, &file, &style, 0).unwrap().output;
//! let pdf = Format::Pdf.writer().render(&doc).unwrap().output;
//! let epub = Format::Epub.writer().render(&doc).unwrap().output;
//! ```
#![deny(missing_docs)]

pub mod akn;
pub mod build;
pub mod chars;
pub mod cli;
pub mod compare;
pub mod diag;
pub mod docx_meta;
pub mod file;
pub mod import;
pub mod lint;
pub mod model;
pub mod redline;
pub mod render;
pub mod respub_xml;
pub mod source;
pub mod style;
