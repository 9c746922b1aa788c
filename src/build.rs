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
    #[error("`{}` does not exist; name a source file or a folder of sources", shown(.0))]
    Missing(PathBuf),
    /// A named path is neither a file nor a folder.
    #[error("`{}` is {what}, not a file; name a source file or a folder of sources", shown(.path))]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What it is: `a FIFO`, `a socket`, `a device`.
        what: &'static str,
    },
    /// A folder could not be read.
    #[error("cannot read the folder `{}`: {error}", shown(.path))]
    Unreadable {
        /// The folder.
        path: PathBuf,
        /// What the system said.
        error: std::io::Error,
    },
    /// Two sources would write the same output file.
    #[error("`{}` and `{}` would both be written to `{}.*`; rename one of them", shown(.first), shown(.second), shown(.stem))]
    Collision {
        /// The first source.
        first: PathBuf,
        /// The second source.
        second: PathBuf,
        /// The shared output stem.
        stem: PathBuf,
    },
}

fn shown(path: &Path) -> String {
    crate::diag::path(path)
}

/// The sources of a run, and what discovery passed over.
#[derive(Debug, Default)]
pub struct Sources {
    /// One job per source, in the order given, folders sorted.
    pub jobs: Vec<Job>,
    /// Files found in folders that looked like sources but are not regular
    /// files (a FIFO, a socket, a device), skipped with a warning.
    pub skipped: Vec<Skipped>,
    /// The sources that were found in a folder rather than named.
    found: std::collections::HashSet<PathBuf>,
}

/// A file discovery passed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file.
    pub path: PathBuf,
    /// What it is: `a FIFO`, `a socket`, `a device`.
    pub what: &'static str,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "skipped `{}`: it is {}, not a file",
            shown(&self.path),
            self.what
        )
    }
}

/// Lists the sources named by `inputs` (files, or folders searched
/// recursively for the files some reader reads) with their output stems
/// under `out`. Folders' sub-folders are mirrored under `out`. Only regular
/// files are taken (see [`may_read`]).
pub fn discover(inputs: &[PathBuf], out: &Path) -> Result<Sources, DiscoverError> {
    let mut sources = Sources::default();
    for input in inputs {
        let meta = match std::fs::metadata(input) {
            Ok(meta) => meta,
            Err(_) if input.symlink_metadata().is_err() => {
                return Err(DiscoverError::Missing(input.clone()));
            }
            // A broken link, or a path we may not look at: the reader says
            // which when it fails to open it.
            Err(_) => {
                let name = input.file_name().map(PathBuf::from).unwrap_or_default();
                sources.jobs.push(Job {
                    stem: out.join(stem_of(&name)),
                    source: input.clone(),
                });
                continue;
            }
        };
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(input, &mut files, &mut sources.skipped)?;
            files.sort();
            for file in files {
                let rel = file.strip_prefix(input).unwrap_or(&file);
                sources.found.insert(file.clone());
                sources.jobs.push(Job {
                    stem: out.join(stem_of(rel)),
                    source: file,
                });
            }
        } else if meta.is_file() {
            let name = input.file_name().map(PathBuf::from).unwrap_or_default();
            sources.jobs.push(Job {
                stem: out.join(stem_of(&name)),
                source: input.clone(),
            });
        } else {
            return Err(DiscoverError::NotAFile {
                path: input.clone(),
                what: crate::file::kind(&meta),
            });
        }
    }
    let mut seen = std::collections::HashMap::new();
    for job in &sources.jobs {
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
    sources.jobs.dedup();
    Ok(sources)
}

fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    skipped: &mut Vec<Skipped>,
) -> Result<(), DiscoverError> {
    let unreadable = |error| DiscoverError::Unreadable {
        path: dir.to_path_buf(),
        error,
    };
    for entry in std::fs::read_dir(dir).map_err(unreadable)? {
        let entry = entry.map_err(unreadable)?;
        let path = entry.path();
        let kind = entry.file_type().map_err(unreadable)?;
        if kind.is_dir() {
            walk(&path, files, skipped)?;
        } else if crate::source::is_source_name(&path) {
            match may_read(&path) {
                Ok(()) => files.push(path),
                Err(what) => skipped.push(Skipped { path, what }),
            }
        }
    }
    Ok(())
}

/// Whether `path` is a file respub may read: a regular file, or a
/// symbolic link to one. Otherwise what it is (`a FIFO`, `a socket`, `a
/// device`, `a folder`). The file is never opened, so a FIFO or a device
/// cannot block here. A path that cannot be looked at counts as a file:
/// reading it then says why it cannot be read.
pub fn may_read(path: &Path) -> Result<(), &'static str> {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => Err(crate::file::kind(&meta)),
        _ => Ok(()),
    }
}

/// Whether a folder search would take `path` as a source: a name that
/// discovery reads, a file it may read, and not respub's own output.
fn discoverable(path: &Path) -> bool {
    crate::source::is_source_name(path) && may_read(path).is_ok() && !is_own_output(path)
}

/// `sub/GA-2017-86-RES-06.fr.xml` → `sub/GA-2017-86-RES-06.fr`.
fn stem_of(rel: &Path) -> PathBuf {
    let mut stem = rel.to_path_buf();
    stem.set_extension("");
    stem
}

/// Why a build would not be safe to start. Nothing has been written.
#[derive(Debug, Error)]
pub enum OutputError {
    /// `--out` names something that is not a folder.
    #[error("the output folder `{}` is {what}; name a folder with --out, or move the file away", shown(.out))]
    NotAFolder {
        /// The `--out` path.
        out: PathBuf,
        /// What it is: `a file`, `a FIFO` …
        what: &'static str,
    },
    /// An output would replace a source.
    #[error(
        "the {format} output of `{}` would be written to `{}`, which is {}; nothing was written. Choose an output folder apart from the sources with --out, or rename one of the files",
        shown(.of), shown(.output), .what
    )]
    ReplacesSource {
        /// The output path.
        output: PathBuf,
        /// The source the output is made from.
        of: PathBuf,
        /// The format.
        format: Format,
        /// What the output would replace: "the source `x`", "a source".
        what: String,
    },
}

/// Every output of the run: each job's path for each format, in order.
pub fn outputs_of_run<'a>(
    jobs: &'a [Job],
    formats: &'a [Format],
) -> impl Iterator<Item = (&'a Job, Format, PathBuf)> + 'a {
    jobs.iter()
        .flat_map(move |job| formats.iter().map(move |&f| (job, f, job.output(f))))
}

/// Where a path's file is: its folder resolved (symbolic links, `..`),
/// and its name as given, since an output is renamed onto the name itself.
/// `None` when the folder does not exist.
pub(crate) fn location(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    Some(folder_of(path).canonicalize().ok()?.join(name))
}

/// The identity of the file at `path`, following symbolic links: device
/// and inode on Unix (so hard links are the same file), the resolved path
/// elsewhere.
pub(crate) fn identity(path: &Path) -> Option<(u64, u64, PathBuf)> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino(), PathBuf::new()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some((0, 0, path.canonicalize().ok()?))
    }
}

/// Whether `path` holds respub's own output in an XML format, which a
/// folder search would otherwise take for a source: an Akoma Ntoso file
/// whose FRBR manifestation names respub as its author, or a respub XML
/// file that carries [`crate::render::xml::BUILD_MARK`]. Files of the other
/// formats respub writes are never sources.
fn is_own_output(path: &Path) -> bool {
    use std::io::Read;
    let lower = path.to_string_lossy().to_ascii_lowercase();
    let named = |format: Format| lower.ends_with(&format!(".{}", format.extension()));
    let (akn, xml) = (named(Format::Akn), named(Format::Xml));
    if !akn && !xml {
        return false;
    }
    let mut head = Vec::new();
    let read = crate::file::open_regular(path)
        .and_then(|(file, _)| file.take(8 * 1024).read_to_end(&mut head));
    if read.is_err() {
        return false;
    }
    let head = String::from_utf8_lossy(&head);
    if xml {
        // The mark comes right after the XML declaration.
        return head
            .lines()
            .take(2)
            .any(|line| line == crate::render::xml::BUILD_MARK);
    }
    let Some(start) = head.find("<FRBRManifestation>") else {
        return false;
    };
    let manifestation = &head[start..];
    let end = manifestation
        .find("</FRBRManifestation>")
        .unwrap_or(manifestation.len());
    manifestation[..end].contains(r##"<FRBRauthor href="#respub"/>"##)
}

/// The build's sources: [`discover`], less respub's own outputs found in
/// the folders searched (`X.akn.xml` or `X.respub.xml` beside `X.xml` when the output folder
/// is the source folder), so that building into the source folder again
/// does not read the last build's outputs as sources.
pub fn discover_for_build(inputs: &[PathBuf], out: &Path) -> Result<Sources, DiscoverError> {
    let mut sources = discover(inputs, out)?;
    let slots: std::collections::HashSet<PathBuf> = outputs_of_run(&sources.jobs, &Format::ALL)
        .filter(|(job, ..)| sources.found.contains(&job.source))
        .filter_map(|(.., path)| location(&path))
        .collect();
    if slots.is_empty() {
        return Ok(sources);
    }
    let found = &sources.found;
    sources.jobs.retain(|job| {
        !(found.contains(&job.source)
            && location(&job.source).is_some_and(|l| slots.contains(&l))
            && is_own_output(&job.source))
    });
    Ok(sources)
}

/// Checks, before anything is written, that the output folder can be one
/// and that no output of the run is, or resolves to (through symbolic
/// links, `..` or a hard link), a source of the run or a file a folder
/// search would take as a source.
pub fn check_outputs(sources: &Sources, out: &Path, formats: &[Format]) -> Result<(), OutputError> {
    check_folder(out)?;
    let by_identity: std::collections::HashMap<_, _> = sources
        .jobs
        .iter()
        .filter_map(|job| Some((identity(&job.source)?, &job.source)))
        .collect();
    for (job, format, output) in outputs_of_run(&sources.jobs, formats) {
        if output.symlink_metadata().is_err() {
            continue;
        }
        let replaced = identity(&output)
            .and_then(|id| by_identity.get(&id))
            .map(|source| format!("the source `{}`", shown(source)))
            .or_else(|| {
                let target = output.canonicalize().ok();
                [Some(output.clone()), target]
                    .into_iter()
                    .flatten()
                    .any(|p| discoverable(&p))
                    .then(|| "a source respub would read from that folder".to_string())
            });
        if let Some(what) = replaced {
            return Err(OutputError::ReplacesSource {
                output,
                of: job.source.clone(),
                format,
                what,
            });
        }
    }
    Ok(())
}

/// Checks that `out` is a folder, or nothing yet (it is then created).
pub fn check_folder(out: &Path) -> Result<(), OutputError> {
    match std::fs::metadata(out) {
        Ok(meta) if !meta.is_dir() => Err(OutputError::NotAFolder {
            out: out.to_path_buf(),
            what: crate::file::kind(&meta),
        }),
        _ => Ok(()),
    }
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
    /// Whether an output could not be written (an error of the output
    /// folder or the disk, not of the source).
    pub unwritten: bool,
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
        unwritten: false,
    }
}

/// A source read with its reader: the file, the model and the warnings,
/// or the errors.
pub(crate) type ReadResult = Result<(SourceFile, Resolution, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Loads and reads the source at `path`, with its text for diagnostics.
fn read(path: &Path) -> (SourceText, ReadResult) {
    read_with(path, &source::Hints::default())
}

/// [`read`], with what the user says of the input.
pub(crate) fn read_with(path: &Path, hints: &source::Hints) -> (SourceText, ReadResult) {
    let file = match source::load(path) {
        Ok(file) => file,
        Err((text, diagnostics)) => return (text, Err(diagnostics)),
    };
    let text = file.text();
    match source::read_with(&file, hints) {
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
        unwritten: false,
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
            let result = rendered.map_err(|e| (e, false)).and_then(|warned| {
                let path = job.output(format);
                write_atomic(&path, &warned.output)
                    .map_err(|e| (vec![write_error(&path, &e)], true))?;
                Ok((path, warned.warnings))
            });
            (format, result)
        })
        .collect();
    let mut written = Vec::new();
    let mut failed = Vec::new();
    let mut unwritten = false;
    for (format, result) in results {
        match result {
            Ok((path, warnings)) => {
                diagnostics.extend(warnings);
                written.push((format, path));
            }
            Err((errors, io)) => {
                diagnostics.extend(errors);
                failed.push(format);
                unwritten |= io;
            }
        }
    }
    Report {
        source,
        diagnostics,
        written,
        failed,
        unwritten,
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

/// What an output could not be written for, said so that the user knows
/// which path is at fault and what to do.
pub fn write_error(path: &Path, error: &std::io::Error) -> Diagnostic {
    use std::io::ErrorKind;
    let dir = folder_of(path);
    // A folder of the path that exists as something else.
    let blocked = dir
        .ancestors()
        .filter(|a| !a.as_os_str().is_empty())
        .find_map(|a| {
            let meta = std::fs::metadata(a).ok()?;
            (!meta.is_dir()).then(|| (a.to_path_buf(), crate::file::kind(&meta)))
        });
    let full = matches!(
        error.kind(),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded
    );
    let head = format!("cannot write `{}`", shown(path));
    if let Some((blocked, what)) = blocked {
        Diagnostic::error(format!(
            "{head}: `{}` is {what}, not a folder",
            shown(&blocked)
        ))
        .with_hint("move it away, or choose another output folder with --out")
    } else if full {
        Diagnostic::error(format!("{head}: the disk is full ({error})")).with_hint(format!(
            "free some space on the disk of `{}`, or choose another output folder with --out",
            shown(dir)
        ))
    } else if matches!(
        error.kind(),
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem
    ) {
        Diagnostic::error(format!(
            "{head}: the folder `{}` is not writable ({error})",
            shown(dir)
        ))
        .with_hint("choose an output folder you may write to with --out, or change its permissions")
    } else {
        Diagnostic::error(format!("{head}: {error}")).with_hint(format!(
            "check that `{}` is a folder you may write to and that its disk is not full",
            shown(dir)
        ))
    }
}

/// The temporary files of [`write_atomic`] are named `.respub-XXXXXX.tmp`,
/// with six random letters and digits.
const TEMP_PREFIX: &str = ".respub-";
const TEMP_SUFFIX: &str = ".tmp";
const TEMP_RANDOM: usize = 6;

/// Whether `name` is that of a temporary file of [`write_atomic`].
fn is_temp_name(name: &std::ffi::OsStr) -> bool {
    let Some(name) = name.to_str() else {
        return false;
    };
    name.strip_prefix(TEMP_PREFIX)
        .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
        .is_some_and(|random| {
            random.len() == TEMP_RANDOM && random.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// Writes `bytes` to `path` through a temporary file in the same folder,
/// forced to disk and then renamed over `path`: whatever happens, even a
/// crash of the system, `path` holds either its old content or the new
/// one, never a part. The rename itself is durable once the folder is
/// synced: [`sync_folders`] does it once per folder at the end of a batch.
///
/// While it exists, the temporary file is locked, so that
/// [`remove_stale_temporaries`] run by another build leaves it alone.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_through_temporary(path, bytes, true)
}

/// [`write_atomic`] for a file that must not exist yet: fails with
/// [`std::io::ErrorKind::AlreadyExists`], writing nothing, if `path`
/// exists when the file is put in place, even if it appeared after a
/// check.
pub fn write_new_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_through_temporary(path, bytes, false)
}

fn write_through_temporary(path: &Path, bytes: &[u8], replace: bool) -> std::io::Result<()> {
    let dir = folder_of(path);
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .rand_bytes(TEMP_RANDOM)
        .tempfile_in(dir)?;
    lock(tmp.as_file(), true)?;
    tmp.write_all(bytes)?;
    // Temporary files are private; an output is a publication.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.as_file().sync_all()?;
    if replace {
        tmp.persist(path).map_err(|e| e.error)?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| e.error)?;
    }
    Ok(())
}

/// Forces to disk the entries of `folders`, where [`write_atomic`] renamed
/// outputs, and of the folders above them up to `out`'s own folder, which
/// hold the folders a build created: each folder once, however many
/// outputs it received. Returns the first folder that failed.
pub fn sync_folders<'a>(
    folders: impl IntoIterator<Item = &'a Path>,
    out: &Path,
) -> Result<(), (PathBuf, std::io::Error)> {
    let mut all = std::collections::BTreeSet::new();
    for dir in folders {
        all.insert(folder_of_dir(dir));
        for above in dir.ancestors().skip(1) {
            if !above.starts_with(out) {
                break;
            }
            all.insert(folder_of_dir(above));
        }
    }
    if let Some(parent) = out.parent() {
        all.insert(folder_of_dir(parent));
    }
    for dir in &all {
        sync_folder(dir).map_err(|e| (dir.clone(), e))?;
    }
    Ok(())
}

/// `dir`, or `.` for the empty path.
fn folder_of_dir(dir: &Path) -> PathBuf {
    if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir.to_path_buf()
    }
}

/// The folder `path` is in (`.` for a bare file name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

fn sync_folder(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Takes an exclusive lock on `file`: waiting for it when `wait`, else
/// failing at once when another process holds it.
fn lock(file: &std::fs::File, wait: bool) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let flags = if wait {
            libc::LOCK_EX
        } else {
            libc::LOCK_EX | libc::LOCK_NB
        };
        // SAFETY: flock on a descriptor we own, valid for the call.
        if unsafe { libc::flock(file.as_raw_fd(), flags) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    #[cfg(not(unix))]
    let _ = (file, wait);
    Ok(())
}

/// How old a temporary file must be before another build may remove it:
/// a writer locks its temporary file right after creating it, and this
/// covers the moment between the two.
/// Without locks (outside Unix), only much older files are taken as stale.
#[cfg(unix)]
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(5);
#[cfg(not(unix))]
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes the temporary files that killed builds left in `dir`: only
/// files named as [`write_atomic`] names them, older than a few seconds,
/// that no process holds locked (a live build holds each of its own). Not
/// recursive, and symbolic links are never followed. Returns how many were
/// removed; a file that cannot be examined is left alone.
pub fn remove_stale_temporaries(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let now = std::time::SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        if !is_temp_name(&entry.file_name()) {
            continue;
        }
        let path = entry.path();
        let Ok(meta) = path.symlink_metadata() else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if !meta.is_file() || !old {
            continue;
        }
        let mut options = std::fs::OpenOptions::new();
        options.read(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
        }
        let Ok(file) = options.open(&path) else {
            continue;
        };
        if lock(&file, false).is_ok() && std::fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
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
    fn write_errors_name_the_path_and_what_to_do() {
        use std::io::{Error, ErrorKind};
        let path = Path::new("out/x.pdf");
        let full = write_error(path, &Error::from(ErrorKind::StorageFull));
        assert!(
            full.message
                .starts_with("cannot write `out/x.pdf`: the disk is full")
        );
        assert!(
            full.hints[0].contains("free some space"),
            "{:?}",
            full.hints
        );
        let denied = write_error(path, &Error::from(ErrorKind::PermissionDenied));
        assert!(
            denied.message.contains("the folder `out` is not writable"),
            "{}",
            denied.message
        );
    }

    #[test]
    fn only_respub_s_own_temporary_names_are_recognised() {
        for (name, ours) in [
            (".respub-a1B2c3.tmp", true),
            (".respub-a1B2c.tmp", false),
            (".respub-a1B2c3.tmp.bak", false),
            (".respub-a1-2c3.tmp", false),
            ("respub-a1B2c3.tmp", false),
        ] {
            assert_eq!(is_temp_name(name.as_ref()), ours, "{name}");
        }
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

    #[test]
    fn a_new_file_never_replaces_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.xml");
        write_new_atomic(&path, b"first").unwrap();
        let again = write_new_atomic(&path, b"second").unwrap_err();
        assert_eq!(again.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }
}
