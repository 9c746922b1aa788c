//! `respub compare`: two versions of a resolution, read, checked and
//! compared ([`crate::compare`]), written as their redline — a DOCX with
//! Word's tracked changes, a PDF and an EPUB with the changes marked.
//!
//! Each version is read and prepared as a build would, so that either
//! input's errors are reported at its own `file:line:column` and nothing is
//! written. The redline is the new version, in its style, dated as its
//! build would be; its outputs are `<new-stem>.redline.<ext>`, written
//! atomically as the build writes, and never over either input.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::build::{self, ReadResult};
use crate::compare::{self, Summary};
use crate::diag::{Diagnostic, SourceText, Warned};
use crate::render::prepare::redline::prepare_redline;
use crate::render::{Format, prepare};
use crate::style::Style;

/// The formats a redline is written in.
pub const FORMATS: [Format; 3] = [Format::Pdf, Format::Epub, Format::Docx];

/// The formats written when none is named.
pub const DEFAULT_FORMATS: [Format; 2] = [Format::Pdf, Format::Docx];

/// The author of tracked changes when none is named.
pub const DEFAULT_AUTHOR: &str = "respub";

/// What to compare and where to write it.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The old version.
    pub old: PathBuf,
    /// The new version.
    pub new: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// The formats to write.
    pub formats: Vec<Format>,
    /// The author tracked changes are attributed to.
    pub author: String,
    /// The styles to choose from, as a build chooses.
    pub styles: &'a [Style],
    /// `SOURCE_DATE_EPOCH`, when set.
    pub source_date_epoch: Option<i64>,
}

/// Why a comparison cannot start. Nothing has been read or written.
#[derive(Debug, Error)]
pub enum RequestError {
    /// A format a redline is not written in.
    #[error("a redline is written as pdf, epub or docx, not {0}")]
    Format(Format),
    /// The same file twice.
    #[error("`{}` is both versions; name the old version, then the new one", crate::diag::path(.0))]
    SameFile(PathBuf),
    /// An output would replace an input.
    #[error("the {format} redline would be written to `{}`, which is {which} version; choose another output folder with --out", crate::diag::path(.output))]
    ReplacesInput {
        /// The output path.
        output: PathBuf,
        /// The format.
        format: Format,
        /// "the old" or "the new".
        which: &'static str,
    },
    /// The output folder is not one.
    #[error(transparent)]
    Output(#[from] build::OutputError),
}

/// What one input said.
#[derive(Debug)]
pub struct Input {
    /// Its text, for excerpts.
    pub source: SourceText,
    /// Its errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
}

impl Input {
    /// Whether the input has errors.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// What happened.
#[derive(Debug)]
pub struct Outcome {
    /// The old version's diagnostics.
    pub old: Input,
    /// The new version's diagnostics, and those of the redline (the
    /// versions' languages and references, the writers').
    pub new: Input,
    /// What changed, when the versions could be compared.
    pub summary: Option<Summary>,
    /// The outputs written.
    pub written: Vec<(Format, PathBuf)>,
    /// Whether an output could not be written (the folder or the disk).
    pub unwritten: bool,
}

impl Outcome {
    /// Whether an input had errors or an output failed.
    pub fn has_errors(&self) -> bool {
        self.old.has_errors() || self.new.has_errors()
    }
}

/// The output of the redline of `new` in `format`, in `out`.
pub fn output_path(new: &Path, out: &Path, format: Format) -> PathBuf {
    let mut stem = new.file_name().map(PathBuf::from).unwrap_or_default();
    stem.set_extension("");
    let mut name = stem.into_os_string();
    name.push(".redline.");
    name.push(format.extension());
    out.join(name)
}

/// Checks, before anything is read, that the request can be carried out.
pub fn check(request: &Request<'_>) -> Result<(), RequestError> {
    if let Some(&format) = request.formats.iter().find(|f| !FORMATS.contains(f)) {
        return Err(RequestError::Format(format));
    }
    let old_id = build::identity(&request.old);
    let new_id = build::identity(&request.new);
    if old_id.is_some() && old_id == new_id {
        return Err(RequestError::SameFile(request.new.clone()));
    }
    build::check_folder(&request.out)?;
    for &format in &request.formats {
        let output = output_path(&request.new, &request.out, format);
        let id = build::identity(&output);
        for (which, input) in [("the old", &old_id), ("the new", &new_id)] {
            if id.is_some() && id == *input {
                return Err(RequestError::ReplacesInput {
                    output,
                    format,
                    which,
                });
            }
        }
    }
    Ok(())
}

/// Reads one version and prepares it as its build would: its own errors.
fn read_version(path: &Path, request: &Request<'_>) -> (SourceText, ReadResult) {
    let (source, read) = build::read_with(path, &crate::source::Hints::default());
    let read = read.and_then(|(file, res, mut warnings)| {
        let style = crate::style::choose(request.styles, &res.meta);
        let when = build::timestamp(&res, request.source_date_epoch);
        match prepare(&res, &file, style, when) {
            Ok(prepared) => warnings.extend(prepared.warnings),
            Err(errors) => {
                warnings.extend(errors);
                return Err(warnings);
            }
        }
        Ok((file, res, warnings))
    });
    (source, read)
}

/// Compares the two versions of `request` and writes their redline.
pub fn run(request: &Request<'_>) -> Outcome {
    let (old_source, old_read) = read_version(&request.old, request);
    let (new_source, new_read) = read_version(&request.new, request);
    let mut outcome = Outcome {
        old: Input {
            source: old_source,
            diagnostics: Vec::new(),
        },
        new: Input {
            source: new_source,
            diagnostics: Vec::new(),
        },
        summary: None,
        written: Vec::new(),
        unwritten: false,
    };
    let (old, new) = match (old_read, new_read) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            outcome.old.diagnostics = old.map_or_else(|e| e, |(.., w)| w);
            outcome.new.diagnostics = new.map_or_else(|e| e, |(.., w)| w);
            return outcome;
        }
    };
    let (_, old_res, old_warnings) = old;
    let (new_file, new_res, new_warnings) = new;
    outcome.old.diagnostics = old_warnings;
    outcome.new.diagnostics = new_warnings;
    let at = new_res.meta.span;
    let (old_lang, new_lang) = (&old_res.meta.language, &new_res.meta.language);
    if old_lang.primary() != new_lang.primary() {
        outcome.new.diagnostics.push(
            Diagnostic::error(format!(
                "the versions are in different languages: `{}` is in `{old_lang}`, this one in `{new_lang}`",
                outcome.old.source.name
            ))
            .at(at)
            .with_label("the new version's language")
            .with_hint("compare two versions of one language; `respub lint` compares the language versions of a resolution"),
        );
        return outcome;
    }
    if old_res.meta.reference != new_res.meta.reference {
        outcome.new.diagnostics.push(
            Diagnostic::warning(format!(
                "the versions have different references: `{}` in `{}`, `{}` here",
                old_res.meta.reference, outcome.old.source.name, new_res.meta.reference
            ))
            .at(at)
            .with_label("the new version's reference")
            .with_hint("check that these are two versions of one resolution; the redline carries this one's"),
        );
    }
    let comparison = compare::compare(&old_res, &new_res);
    outcome.summary = Some(comparison.summary);
    let style = crate::style::choose(request.styles, &new_res.meta);
    let when = build::timestamp(&new_res, request.source_date_epoch);
    let doc = match prepare_redline(
        &old_res,
        &new_res,
        &comparison,
        &new_file,
        style,
        when,
        &request.author,
    ) {
        Ok(Warned { output, warnings }) => {
            outcome.new.diagnostics.extend(warnings);
            output
        }
        Err(errors) => {
            outcome.new.diagnostics.extend(errors);
            return outcome;
        }
    };
    for &format in &request.formats {
        let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            format.writer().render(&doc)
        }))
        .unwrap_or_else(|_| {
            Err(vec![Diagnostic::error(format!(
                "internal error in the {format} writer"
            ))
            .with_hint("this is a bug in respub, not in your sources; please report it with both files")])
        });
        match rendered {
            Ok(Warned { output, warnings }) => {
                outcome.new.diagnostics.extend(warnings);
                let path = output_path(&request.new, &request.out, format);
                match build::write_atomic(&path, &output) {
                    Ok(()) => outcome.written.push((format, path)),
                    Err(e) => {
                        outcome.new.diagnostics.push(build::write_error(&path, &e));
                        outcome.unwritten = true;
                    }
                }
            }
            Err(errors) => outcome.new.diagnostics.extend(errors),
        }
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_are_named_after_the_new_version() {
        assert_eq!(
            output_path(
                Path::new("drafts/GA-2017-86-RES-06.rev2.xml"),
                Path::new("output"),
                Format::Docx
            ),
            PathBuf::from("output/GA-2017-86-RES-06.rev2.redline.docx")
        );
    }
}
