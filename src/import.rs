//! `respub import`: documents in any format a reader takes, written as
//! respub XML sources.
//!
//! respub works from one structured source per document, but an archive
//! arrives in the formats other systems write (Akoma Ntoso today, plain
//! text and Word later). Importing reads each file with the reader table
//! ([`crate::source::READERS`]), so every reader added there can be
//! imported from, applies the language and reference the user gives, and
//! writes the model through the respub XML writer ([`crate::render::xml`]),
//! which reads its output back before it is written. Files are written as
//! the build writes its outputs, atomically; an existing file is only
//! replaced when asked, and the file being imported never.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::build::{self, OutputError};
use crate::diag::{Diagnostic, SourceText};
use crate::model::{Language, Reference, Resolution};
use crate::render::Format;

/// The folder imports go to when none is named.
pub const DEFAULT_FOLDER: &str = "sources";

/// One file to import and where its source goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The file to read.
    pub input: PathBuf,
    /// The respub XML source to write: `DIR/<stem>.xml`.
    pub output: PathBuf,
}

/// Why an import would not be safe to start. Nothing has been written.
#[derive(Debug, Error)]
pub enum PlanError {
    /// The output folder is not a folder.
    #[error(transparent)]
    Folder(#[from] OutputError),
    /// An input names no file (`..`, `/`).
    #[error("`{}` names no file; name the files to import", shown(.0))]
    NoFileName(PathBuf),
    /// The output exists and `--force` was not given.
    #[error("`{}` exists; nothing was written. Add --force to replace it with the import of `{}`, or choose another folder with --out", shown(.output), shown(.input))]
    Exists {
        /// The output that exists.
        output: PathBuf,
        /// The file that would be imported there.
        input: PathBuf,
    },
    /// The output is a file being imported: never replaced, even with
    /// `--force`.
    #[error("importing `{}` would write over `{}`, a file being imported; nothing was written. Choose another folder with --out", shown(.input), shown(.replaced))]
    ReplacesInput {
        /// The file whose import would replace it.
        input: PathBuf,
        /// The input that would be replaced.
        replaced: PathBuf,
    },
    /// Two inputs would be imported to the same file.
    #[error("`{}` and `{}` would both be imported as `{}`; nothing was written. Import them into different folders with --out, or rename one", shown(.first), shown(.second), shown(.output))]
    Collision {
        /// The first input.
        first: PathBuf,
        /// The second input.
        second: PathBuf,
        /// The shared output.
        output: PathBuf,
    },
}

/// Why a `--lang` or `--reference` cannot be used.
#[derive(Debug, Error)]
pub enum OverrideError {
    /// The language is no BCP 47 tag.
    #[error("--lang: {0}; write a BCP 47 tag such as `fr`, `en`, `es`, `ar` or `fr-CH`")]
    Language(String),
    /// The reference is empty.
    #[error("--reference is empty; give the document's reference, e.g. `S/RES/2730 (2024)`")]
    EmptyReference,
    /// The reference holds a character no source may hold.
    #[error("--reference holds the character U+{0:04X}, which no source may hold; remove it")]
    Character(u32),
}

fn shown(path: &Path) -> String {
    crate::diag::path(path)
}

/// What `--lang` and `--reference` set in every imported document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// The language of the text.
    pub language: Option<Language>,
    /// The document's reference.
    pub reference: Option<Reference>,
}

impl Overrides {
    /// The overrides, checked as the respub XML reader checks the
    /// language and the reference of a source.
    pub fn new(language: Option<&str>, reference: Option<&str>) -> Result<Self, OverrideError> {
        let language = match language.map(str::trim) {
            None => None,
            Some(tag) => match crate::render::prepare::language_tag_problem(tag) {
                Some(problem) => return Err(OverrideError::Language(problem)),
                None => Some(Language(tag.to_string())),
            },
        };
        let reference = match reference {
            None => None,
            Some(text) => {
                if let Some(c) = text.chars().find(|&c| crate::chars::is_refused(c)) {
                    return Err(OverrideError::Character(u32::from(c)));
                }
                let text = crate::source::xml::convert::collapse(text);
                if text.is_empty() {
                    return Err(OverrideError::EmptyReference);
                }
                Some(Reference(text))
            }
        };
        Ok(Overrides {
            language,
            reference,
        })
    }

    /// The overrides as hints for the readers: the text reader reads in
    /// the language given and takes the reference given.
    pub fn hints(&self) -> crate::source::Hints {
        crate::source::Hints {
            language: self.language.clone(),
            reference: self.reference.clone(),
        }
    }

    /// Applies the overrides to `res`; an error when the reference given
    /// contradicts the document's number, as the reader reports it in a
    /// source.
    pub fn apply(&self, res: &mut Resolution) -> Result<(), Diagnostic> {
        if let Some(language) = &self.language {
            res.meta.language = language.clone();
        }
        if let Some(reference) = &self.reference {
            if let (Some(in_reference), Some(number)) =
                (reference.resolution_number(), res.meta.number.value())
                && in_reference != number
            {
                return Err(Diagnostic::error(format!(
                    "the reference `{reference}` given with --reference is resolution {in_reference}, but the document is resolution {number}"
                ))
                .with_hint("give the document's own reference, or leave out --reference"));
            }
            res.meta.reference = reference.clone();
        }
        Ok(())
    }
}

/// The name of the source imported from `input`: its name without its
/// extension and without the format's mark before it (`X.akn.xml`,
/// `X.respub.xml` and `X.txt` all give `X.xml`; `X.fr.xml` stays
/// `X.fr.xml`).
pub fn source_name(input: &Path) -> Option<PathBuf> {
    let marks: Vec<&str> = Format::ALL
        .iter()
        .filter_map(|f| f.extension().rsplit_once('.').map(|(mark, _)| mark))
        .collect();
    let mut stem = Path::new(input.file_name()?).file_stem()?;
    while let Some(ext) = Path::new(stem).extension() {
        let ext = ext.to_string_lossy().to_ascii_lowercase();
        if !marks.contains(&ext.as_str()) {
            break;
        }
        match Path::new(stem).file_stem() {
            Some(shorter) => stem = shorter,
            None => break,
        }
    }
    let mut name = stem.to_os_string();
    name.push(".xml");
    Some(PathBuf::from(name))
}

/// Where each input goes under `out`, checked before anything is read or
/// written: the folder can be one, no two inputs go to one file, no output
/// is a file being imported (however it is reached: a symbolic link, `..`,
/// a hard link), and no output exists unless `force`.
pub fn plan(inputs: &[PathBuf], out: &Path, force: bool) -> Result<Vec<Plan>, PlanError> {
    use std::collections::{HashMap, HashSet};
    build::check_folder(out)?;
    // Sets and maps, not scans of the plans so far: an archive of
    // thousands of files is imported in one run.
    let mut plans: Vec<Plan> = Vec::new();
    let mut seen: HashSet<&Path> = HashSet::new();
    let mut by_output: HashMap<PathBuf, usize> = HashMap::new();
    for input in inputs {
        if !seen.insert(input) {
            continue;
        }
        let name = source_name(input).ok_or_else(|| PlanError::NoFileName(input.clone()))?;
        let output = out.join(name);
        if let Some(&first) = by_output.get(&output) {
            return Err(PlanError::Collision {
                first: plans[first].input.clone(),
                second: input.clone(),
                output,
            });
        }
        by_output.insert(output.clone(), plans.len());
        plans.push(Plan {
            input: input.clone(),
            output,
        });
    }
    // Each input's file, however it is reached: by its identity (a hard
    // link, a symbolic link) and by its resolved place (`..`).
    let mut inputs_by_identity = HashMap::new();
    let mut inputs_by_location = HashMap::new();
    for (i, plan) in plans.iter().enumerate() {
        if let Some(id) = build::identity(&plan.input) {
            inputs_by_identity.entry(id).or_insert(i);
        }
        if let Some(place) = build::location(&plan.input) {
            inputs_by_location.entry(place).or_insert(i);
        }
    }
    for plan in &plans {
        if plan.output.symlink_metadata().is_err() {
            continue;
        }
        let replaced = build::identity(&plan.output)
            .and_then(|id| inputs_by_identity.get(&id))
            .or_else(|| build::location(&plan.output).and_then(|l| inputs_by_location.get(&l)));
        if let Some(&replaced) = replaced {
            return Err(PlanError::ReplacesInput {
                input: plan.input.clone(),
                replaced: plans[replaced].input.clone(),
            });
        }
        if !force {
            return Err(PlanError::Exists {
                output: plan.output.clone(),
                input: plan.input.clone(),
            });
        }
    }
    Ok(plans)
}

/// What happened to one input.
#[derive(Debug)]
pub struct Imported {
    /// The input, for printing diagnostics with excerpts.
    pub source: SourceText,
    /// The reader's warnings, or the errors that stopped the import.
    pub diagnostics: Vec<Diagnostic>,
    /// The source written, if it was.
    pub written: Option<PathBuf>,
    /// Whether the source could not be written (an error of the output
    /// folder or the disk, not of the input).
    pub unwritten: bool,
}

impl Imported {
    /// Whether the input had errors or its source could not be written.
    pub fn failed(&self) -> bool {
        self.written.is_none()
    }
}

/// Imports one file: reads it, applies the overrides and writes its
/// source atomically, replacing an existing file only when `force`. An
/// input with errors writes nothing.
pub fn import(plan: &Plan, overrides: &Overrides, force: bool) -> Imported {
    let (source, read) = build::read_with(&plan.input, &overrides.hints());
    let fail = |source, diagnostics, unwritten| Imported {
        source,
        diagnostics,
        written: None,
        unwritten,
    };
    let (mut res, mut diagnostics) = match read {
        Ok((_, res, warnings)) => (res, warnings),
        Err(errors) => return fail(source, errors, false),
    };
    if let Err(error) = overrides.apply(&mut res) {
        diagnostics.push(error);
        return fail(source, diagnostics, false);
    }
    let bytes = match crate::render::xml::write(&res) {
        Ok(bytes) => bytes,
        Err(e) => {
            let hint = e.hint(&shown(&plan.input));
            // The problem is in the document as a whole, not at a place
            // of the input: at 1:1, the message names the file.
            diagnostics.push(
                Diagnostic::error(e.to_string())
                    .at(crate::model::Span::new(0, 0))
                    .with_hint(hint),
            );
            return fail(source, diagnostics, false);
        }
    };
    let written = if force {
        build::write_atomic(&plan.output, &bytes)
    } else {
        build::write_new_atomic(&plan.output, &bytes)
    };
    match written {
        Ok(()) => Imported {
            source,
            diagnostics,
            written: Some(plan.output.clone()),
            unwritten: false,
        },
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let exists = PlanError::Exists {
                output: plan.output.clone(),
                input: plan.input.clone(),
            };
            diagnostics.push(Diagnostic::error(exists.to_string()));
            fail(source, diagnostics, true)
        }
        Err(e) => {
            diagnostics.push(build::write_error(&plan.output, &e));
            fail(source, diagnostics, true)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_is_named_after_the_input_without_its_format() {
        for (input, name) in [
            ("in/x.akn.xml", "x.xml"),
            ("x.txt", "x.xml"),
            ("GA-2017-86-RES-06.fr.xml", "GA-2017-86-RES-06.fr.xml"),
            ("S_RES_2722.fr.AKN.xml", "S_RES_2722.fr.xml"),
            ("x.respub.xml", "x.xml"),
            ("x.respub.akn.xml", "x.xml"),
            ("README", "README.xml"),
            ("x.docx", "x.xml"),
        ] {
            assert_eq!(source_name(Path::new(input)), Some(name.into()), "{input}");
        }
        assert_eq!(source_name(Path::new("..")), None);
    }

    #[test]
    fn overrides_are_checked_like_a_source() {
        assert!(Overrides::new(Some("fr-CH"), Some(" S/RES/1  (2026) ")).is_ok());
        assert!(matches!(
            Overrides::new(Some("french"), None),
            Err(OverrideError::Language(_))
        ));
        assert!(matches!(
            Overrides::new(None, Some("  ")),
            Err(OverrideError::EmptyReference)
        ));
        assert!(matches!(
            Overrides::new(None, Some("S/RES/1\u{1b}[31m")),
            Err(OverrideError::Character(0x1b))
        ));
        let set = Overrides::new(None, Some("S/RES/1  (2026)")).unwrap();
        assert_eq!(set.reference, Some(Reference("S/RES/1 (2026)".into())));
    }
}
