//! The build stage: finds sources, reads them, runs the writers in
//! parallel and writes each output atomically.
//!
//! Outputs are written to a temporary file beside the target and renamed
//! over it, so a failed or interrupted build never leaves a truncated file
//! or damages the output of an earlier build.

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use thiserror::Error;

use crate::diag::{Diagnostic, SourceText, Warned};
use crate::model::Resolution;
use crate::render::{Format, Prepared, prepare};
use crate::source::{self, SourceFile};
use crate::style::Style;

/// One source to process and where its outputs go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// The source file.
    pub source: PathBuf,
    /// The output path without extension: `output/sub/GA-2017-86-RES-06.fr`.
    pub stem: PathBuf,
}

impl Job {
    /// The output path for `format`.
    pub fn output(&self, format: Format) -> PathBuf {
        let mut name = self.stem.as_os_str().to_os_string();
        name.push(".");
        name.push(format.extension());
        PathBuf::from(name)
    }
}

/// Why the inputs could not be listed.
#[derive(Debug, Error)]
pub enum DiscoverError {
    /// A named path does not exist.
    #[error("`{0}` does not exist; name a source file or a folder of sources")]
    Missing(PathBuf),
    /// A folder could not be read.
    #[error("cannot read the folder `{path}`: {error}")]
    Unreadable {
        /// The folder.
        path: PathBuf,
        /// What the system said.
        error: std::io::Error,
    },
    /// Two sources would write the same output file.
    #[error("`{first}` and `{second}` would both be written to `{stem}.*`; rename one of them")]
    Collision {
        /// The first source.
        first: PathBuf,
        /// The second source.
        second: PathBuf,
        /// The shared output stem.
        stem: PathBuf,
    },
}

/// Lists the sources named by `inputs` (files, or folders searched
/// recursively for the files some reader reads) with their output stems
/// under `out`. Folders'
/// sub-folders are mirrored under `out`.
pub fn discover(inputs: &[PathBuf], out: &Path) -> Result<Vec<Job>, DiscoverError> {
    let mut jobs = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut files = Vec::new();
            walk(input, &mut files)?;
            files.sort();
            for file in files {
                let rel = file.strip_prefix(input).unwrap_or(&file);
                jobs.push(Job {
                    stem: out.join(stem_of(rel)),
                    source: file,
                });
            }
        } else if input.is_file() {
            let name = input.file_name().map(PathBuf::from).unwrap_or_default();
            jobs.push(Job {
                stem: out.join(stem_of(&name)),
                source: input.clone(),
            });
        } else {
            return Err(DiscoverError::Missing(input.clone()));
        }
    }
    let mut seen = std::collections::HashMap::new();
    for job in &jobs {
        if let Some(first) = seen.insert(job.stem.clone(), job.source.clone()) {
            if first != job.source {
                return Err(DiscoverError::Collision {
                    first,
                    second: job.source.clone(),
                    stem: job.stem.clone(),
                });
            }
        }
    }
    jobs.dedup();
    Ok(jobs)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), DiscoverError> {
    let unreadable = |error| DiscoverError::Unreadable {
        path: dir.to_path_buf(),
        error,
    };
    for entry in std::fs::read_dir(dir).map_err(unreadable)? {
        let entry = entry.map_err(unreadable)?;
        let path = entry.path();
        let kind = entry.file_type().map_err(unreadable)?;
        if kind.is_dir() {
            walk(&path, files)?;
        } else if crate::source::is_source_name(&path) {
            files.push(path);
        }
    }
    Ok(())
}

/// `sub/GA-2017-86-RES-06.fr.xml` → `sub/GA-2017-86-RES-06.fr`.
fn stem_of(rel: &Path) -> PathBuf {
    let mut stem = rel.to_path_buf();
    stem.set_extension("");
    stem
}

/// The moment recorded in the outputs of `res`: `override_epoch` (from
/// `SOURCE_DATE_EPOCH`) when given, else the status date, else the last day
/// of the session, else the Unix epoch. Never the clock.
pub fn timestamp(res: &Resolution, override_epoch: Option<i64>) -> i64 {
    override_epoch
        .or_else(|| res.meta.status.date.map(|d| d.unix_seconds()))
        .or_else(|| {
            let session = res.meta.session.as_ref()?;
            session.end.or(session.start).map(|d| d.unix_seconds())
        })
        .unwrap_or(0)
}

/// What happened to one source.
#[derive(Debug)]
pub struct Report {
    /// The source, for printing diagnostics with excerpts.
    pub source: SourceText,
    /// Errors and warnings, from the reader and the writers.
    pub diagnostics: Vec<Diagnostic>,
    /// The outputs written.
    pub written: Vec<(Format, PathBuf)>,
    /// The formats that failed.
    pub failed: Vec<Format>,
}

impl Report {
    /// Whether the source had errors or an output failed.
    pub fn has_errors(&self) -> bool {
        !self.failed.is_empty() || self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Settings of a build.
#[derive(Debug, Clone)]
pub struct Settings<'a> {
    /// The styles to choose from: each document gets the first whose
    /// `applies-to` matches its metadata, else the first.
    pub styles: &'a [Style],
    /// The formats to write.
    pub formats: Vec<Format>,
    /// `SOURCE_DATE_EPOCH`, when set.
    pub source_date_epoch: Option<i64>,
}

/// Reads and checks one source and prepares it in its style, without
/// writing anything: what a build of it would report before writing.
pub fn check(path: &Path, settings: &Settings<'_>) -> Report {
    let (source, read) = read(path);
    let diagnostics = match read {
        Ok((file, res, mut warnings)) => {
            let style = crate::style::choose(settings.styles, &res.meta);
            let when = timestamp(&res, settings.source_date_epoch);
            match prepare(&res, &file, style, when) {
                Ok(prepared) => warnings.extend(prepared.warnings),
                Err(errors) => warnings.extend(errors),
            }
            warnings
        }
        Err(d) => d,
    };
    Report {
        source,
        diagnostics,
        written: Vec::new(),
        failed: Vec::new(),
    }
}

type ReadResult = Result<(SourceFile, Resolution, Vec<Diagnostic>), Vec<Diagnostic>>;

fn read(path: &Path) -> (SourceText, ReadResult) {
    let file = match source::load(path) {
        Ok(file) => file,
        Err((text, diagnostics)) => return (text, Err(diagnostics)),
    };
    let text = file.text();
    match source::read(&file) {
        Ok(warned) => (text, Ok((file, warned.output, warned.warnings))),
        Err(diagnostics) => (text, Err(diagnostics)),
    }
}

/// Builds one job: reads the source, prepares it in its style and writes
/// every format, in parallel. A source with errors writes nothing.
pub fn build(job: &Job, settings: &Settings<'_>) -> Report {
    let (source, read) = read(&job.source);
    let failed = |source, diagnostics| Report {
        source,
        diagnostics,
        written: Vec::new(),
        failed: settings.formats.clone(),
    };
    let (file, resolution, mut diagnostics) = match read {
        Ok(read) => read,
        Err(d) => return failed(source, d),
    };
    let style = crate::style::choose(settings.styles, &resolution.meta);
    let when = timestamp(&resolution, settings.source_date_epoch);
    let doc = match prepare(&resolution, &file, style, when) {
        Ok(Warned { output, warnings }) => {
            diagnostics.extend(warnings);
            output
        }
        Err(errors) => {
            diagnostics.extend(errors);
            return failed(source, diagnostics);
        }
    };
    let results: Vec<_> = settings
        .formats
        .par_iter()
        .map(|&format| {
            let rendered = render_guarded(format, &doc);
            let result = rendered.and_then(|warned| {
                let path = job.output(format);
                write_atomic(&path, &warned.output).map_err(|e| {
                    vec![
                        Diagnostic::error(format!("cannot write `{}`: {e}", path.display()))
                            .with_hint(
                                "check that the output folder is writable and the disk is not full",
                            ),
                    ]
                })?;
                Ok((path, warned.warnings))
            });
            (format, result)
        })
        .collect();
    let mut written = Vec::new();
    let mut failed = Vec::new();
    for (format, result) in results {
        match result {
            Ok((path, warnings)) => {
                diagnostics.extend(warnings);
                written.push((format, path));
            }
            Err(errors) => {
                diagnostics.extend(errors);
                failed.push(format);
            }
        }
    }
    Report {
        source,
        diagnostics,
        written,
        failed,
    }
}

/// Runs a writer, turning a panic inside it into an error for this one
/// document, so that the other documents of a batch still build.
fn render_guarded(format: Format, doc: &Prepared<'_>) -> crate::diag::DiagResult<Warned<Vec<u8>>> {
    let run = std::panic::AssertUnwindSafe(|| format.writer().render(doc));
    std::panic::catch_unwind(run).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(vec![
            Diagnostic::error(format!("internal error in the {format} writer: {what}"))
                .with_hint("this is a bug in respub, not in your source; please report it with the source file"),
        ])
    })
}

/// Writes `bytes` to `path` through a temporary file in the same folder,
/// renamed over `path` only once complete.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".respub-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    // Not forced to disk: an output can always be built again from its
    // source, and a batch would otherwise wait on the disk for every file.
    // The rename alone ensures that no reader sees a half-written file.
    // Temporary files are private; an output is a publication.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_are_named_after_the_source() {
        let job = Job {
            source: "sources/GA-2017-86-RES-06.fr.xml".into(),
            stem: "output/GA-2017-86-RES-06.fr".into(),
        };
        assert_eq!(
            job.output(Format::Pdf),
            PathBuf::from("output/GA-2017-86-RES-06.fr.pdf")
        );
        assert_eq!(stem_of(Path::new("a b (1).xml")), PathBuf::from("a b (1)"));
    }

    #[test]
    fn atomic_write_replaces_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deep/out.txt");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }
}
