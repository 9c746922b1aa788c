//! The command line: argument parsing and printing. The work is done by
//! the library ([`crate::build`]); this module only turns its reports into
//! messages and an exit code.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::build::{self, Job, Report, Settings};
use crate::diag::{self, Severity};
use crate::import;
use crate::render::Format;
use crate::style::Style;

/// Exit code: every input is clean.
pub const EXIT_OK: u8 = 0;
/// Exit code: an input has errors or an output failed.
pub const EXIT_INPUT: u8 = 1;
/// Exit code: bad usage, an output could not be written, or respub
/// itself failed.
pub const EXIT_USAGE: u8 = 2;
/// Exit code: the build was interrupted (SIGINT; SIGTERM gives 143).
pub const EXIT_INTERRUPTED: u8 = 130;

const EXAMPLES: &str = "\
Examples:
  respub check                      check every source in sources/
  respub check sources/GA-2017-86-RES-06.fr.xml
  respub build                      build sources/ into output/ (PDF, EPUB, DOCX)
  respub build sources/GA-2017-86-RES-06.fr.xml --format pdf --out somewhere/
  respub build archive/ --style styles/official.toml
  respub lint                       check sources/ against the drafting rules
  respub lint --deny warnings archive/S_RES_2736*
  respub import resolution.txt      write sources/resolution.xml from plain text
  respub import S_RES_2722.akn.xml  write sources/S_RES_2722.xml from Akoma Ntoso
  respub compare draft.xml rev1.xml write output/rev1.redline.pdf and .docx

Exit codes: 0 clean, 1 an input has errors, 2 usage error, an output that
cannot be written (folder, permissions, disk) or internal error,
130 interrupted.";

/// Publishes official resolutions as PDF/A, EPUB 3 and DOCX from one
/// structured source.
#[derive(Debug, Parser)]
#[command(name = "respub", version, about, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// How diagnostics are printed.
    #[arg(long, global = true, value_enum, default_value_t = Messages::Human)]
    messages: Messages,
    /// When to use colours.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Checks sources and reports every problem, without writing anything.
    #[command(after_help = EXAMPLES)]
    Check(CheckArgs),
    /// Builds sources into PDF, EPUB and DOCX.
    #[command(after_help = EXAMPLES)]
    Build(BuildArgs),
    /// Checks sources against the drafting rules and compares their
    /// language versions, without writing anything.
    #[command(after_help = EXAMPLES)]
    Lint(LintArgs),
    /// Imports documents of another format (plain text, Markdown, Akoma
    /// Ntoso) as respub XML sources.
    #[command(after_help = EXAMPLES)]
    Import(ImportArgs),
    /// Compares two versions of a resolution and writes their redline:
    /// a DOCX with tracked changes, a PDF (and an EPUB) with the changes
    /// marked.
    #[command(after_help = EXAMPLES)]
    Compare(CompareArgs),
}

#[derive(Debug, Args)]
struct CompareArgs {
    /// The old version.
    old: PathBuf,
    /// The new version; the redline is named after it
    /// (`<name>.redline.docx`).
    new: PathBuf,
    /// Formats to write, separated by commas: pdf, epub, docx.
    #[arg(long, short, value_delimiter = ',', default_values_t = crate::redline::DEFAULT_FORMATS.to_vec())]
    format: Vec<Format>,
    /// Output folder.
    #[arg(long, short, default_value = "output")]
    out: PathBuf,
    /// The author the DOCX's tracked changes are attributed to.
    #[arg(long, default_value = crate::redline::DEFAULT_AUTHOR)]
    author: String,
    /// A style file (default: the built-in style that fits the new
    /// version, as `build` chooses it).
    #[arg(long)]
    style: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Source files or folders (searched recursively). Default: sources/.
    paths: Vec<PathBuf>,
    /// A style file to check every document in (default: the built-in
    /// style that fits each document, as `build` chooses it).
    #[arg(long)]
    style: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct LintArgs {
    /// Source files or folders (searched recursively). Default: sources/.
    /// Sources that share a reference are compared as language versions.
    paths: Vec<PathBuf>,
    /// A style file for every document (default: the built-in style that
    /// fits each document); its `[lint] allow` switches rules off.
    #[arg(long)]
    style: Option<PathBuf>,
    /// Fail (exit 1) when there are findings of this kind.
    #[arg(long, value_enum)]
    deny: Option<Deny>,
}

/// What `--deny` makes fatal.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Deny {
    /// Every warning (notes stay information).
    Warnings,
}

#[derive(Debug, Args)]
struct BuildArgs {
    /// Source files or folders (searched recursively). Default: sources/.
    paths: Vec<PathBuf>,
    /// Formats to write, separated by commas.
    #[arg(long, short, value_delimiter = ',', default_values_t = Format::DEFAULT.to_vec())]
    format: Vec<Format>,
    /// Output folder; sub-folders of source folders are mirrored in it.
    #[arg(long, short, default_value = "output")]
    out: PathBuf,
    /// A style file for every document (default: the built-in style that
    /// fits each document: `unsc` for Security Council documents, else
    /// `official`).
    #[arg(long)]
    style: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct ImportArgs {
    /// The files to import; each becomes `DIR/<name>.xml`, its name
    /// without its extension (`X.akn.xml` and `X.txt` give `X.xml`).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The folder the sources are written to (DIR).
    #[arg(long, short, default_value = import::DEFAULT_FOLDER)]
    out: PathBuf,
    /// Replace sources that exist (never a file being imported).
    #[arg(long)]
    force: bool,
    /// The language of the text, a BCP 47 tag such as `fr` or `en-GB`,
    /// instead of the one the file gives; a text is read with its
    /// phrases.
    #[arg(long)]
    lang: Option<String>,
    /// The document's reference, such as `S/RES/2730 (2024)`, instead of
    /// the one the file gives (a text without a reference line needs
    /// it).
    #[arg(long)]
    reference: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Messages {
    /// With source excerpts and hints.
    Human,
    /// One line each.
    Short,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// Runs the command line and returns the exit code.
pub fn run(cli: Cli) -> u8 {
    let printer = Printer {
        format: match cli.messages {
            Messages::Human => diag::Format::Human,
            Messages::Short => diag::Format::Short,
        },
        color: match cli.color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        },
    };
    match cli.command {
        Command::Check(args) => check(args, &printer),
        Command::Build(args) => build(args, &printer),
        Command::Import(args) => import(args, &printer),
        Command::Lint(args) => lint(args, &printer),
        Command::Compare(args) => compare(args, &printer),
    }
}

fn compare(args: CompareArgs, printer: &Printer) -> u8 {
    let (styles, source_date_epoch) = match settings(args.style.as_deref(), printer) {
        Ok(settings) => settings,
        Err(code) => return code,
    };
    let formats = distinct(args.format);
    for path in [&args.old, &args.new] {
        if let Err(what) = build::may_read(path) {
            eprintln!(
                "error: `{}` is {what}, not a file; name two versions of a source",
                diag::path(path)
            );
            return EXIT_INPUT;
        }
    }
    let request = crate::redline::Request {
        old: args.old,
        new: args.new,
        out: args.out,
        formats,
        author: args.author,
        styles: &styles,
        source_date_epoch,
    };
    if let Err(e) = crate::redline::check(&request) {
        eprintln!("error: {e}");
        return EXIT_USAGE;
    }
    build::remove_stale_temporaries(&request.out);
    let outcome = crate::redline::run(&request);
    let folders = outcome.written.iter().map(|(_, p)| build::folder_of(p));
    let synced = build::sync_folders(folders, &request.out);
    eprint!(
        "{}",
        printer.messages(&outcome.old.source, &outcome.old.diagnostics)
    );
    eprint!(
        "{}",
        printer.messages(&outcome.new.source, &outcome.new.diagnostics)
    );
    if let Err((folder, e)) = &synced {
        eprintln!(
            "error: cannot force the folder `{}` to disk: {e}",
            diag::path(folder)
        );
    }
    if let Some(s) = outcome.summary.filter(|_| !outcome.written.is_empty()) {
        let outputs: Vec<_> = outcome.written.iter().map(|(_, p)| diag::path(p)).collect();
        let changes = if s.is_empty() {
            "no changes".to_string()
        } else {
            format!(
                "{} inserted, {} deleted, {} changed, {} moved",
                s.inserted, s.deleted, s.changed, s.moved
            )
        };
        eprintln!(
            "compared {} with {}: {changes} -> {}",
            outcome.old.source.name,
            outcome.new.source.name,
            outputs.join(", ")
        );
    }
    if outcome.unwritten || synced.is_err() {
        EXIT_USAGE
    } else if outcome.has_errors() {
        EXIT_INPUT
    } else {
        EXIT_OK
    }
}

fn default_paths(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("sources")]
    } else {
        paths
    }
}

/// The jobs of a run. For a build (`out` and the formats given), respub's
/// own outputs are not sources, and no output may replace a source.
fn jobs(paths: Vec<PathBuf>, out: Option<(&Path, &[Format])>) -> Result<Vec<Job>, u8> {
    let paths = default_paths(paths);
    let found = match out {
        Some((out, _)) => build::discover_for_build(&paths, out),
        None => build::discover(&paths, Path::new("")),
    };
    match found {
        Ok(sources) => {
            for skipped in &sources.skipped {
                eprintln!("warning: {skipped}");
            }
            if sources.jobs.is_empty() {
                eprintln!(
                    "error: no sources found (respub reads {} files)",
                    respub_extensions().join(", ")
                );
                return Err(EXIT_INPUT);
            }
            if let Some((out, formats)) = out {
                // Before anything is written: no output may replace a source.
                if let Err(e) = build::check_outputs(&sources, out, formats) {
                    eprintln!("error: {e}");
                    return Err(EXIT_USAGE);
                }
            }
            Ok(sources.jobs)
        }
        Err(e) => {
            eprintln!("error: {e}");
            Err(EXIT_INPUT)
        }
    }
}

fn check(args: CheckArgs, printer: &Printer) -> u8 {
    let (styles, source_date_epoch) = match settings(args.style.as_deref(), printer) {
        Ok(settings) => settings,
        Err(code) => return code,
    };
    let jobs = match jobs(args.paths, None) {
        Ok(jobs) => jobs,
        Err(code) => return code,
    };
    let settings = Settings {
        styles: &styles,
        formats: Vec::new(),
        source_date_epoch,
    };
    let outcomes: Vec<Outcome> = jobs
        .par_iter()
        .map(|job| printer.outcome(&build::check(&job.source, &settings)))
        .collect();
    let bad = outcomes.iter().filter(|o| o.failed).count();
    for outcome in &outcomes {
        eprint!("{}", outcome.messages);
    }
    eprintln!(
        "checked {} source{}: {} clean, {} with errors",
        outcomes.len(),
        plural(outcomes.len()),
        outcomes.len() - bad,
        bad
    );
    if bad > 0 { EXIT_INPUT } else { EXIT_OK }
}

fn lint(args: LintArgs, printer: &Printer) -> u8 {
    let styles = match load_styles(args.style.as_deref(), printer) {
        Ok(styles) => styles,
        Err(code) => return code,
    };
    let jobs = match jobs(args.paths, None) {
        Ok(jobs) => jobs,
        Err(code) => return code,
    };
    let read: Vec<_> = jobs
        .par_iter()
        .map(|job| build::read_with(&job.source, &crate::source::Hints::default()))
        .collect();
    let mut unreadable = 0;
    let mut docs = Vec::new();
    let mut texts = Vec::new();
    for (source, result) in &read {
        match result {
            Ok((_, res, _)) => {
                let style = crate::style::choose(&styles, &res.meta);
                docs.push(crate::lint::Document {
                    res,
                    name: &source.name,
                    style,
                });
                texts.push(source);
            }
            Err(errors) => {
                unreadable += 1;
                eprint!("{}", printer.messages(source, errors));
            }
        }
    }
    let lexicons = crate::style::builtin_lexicons();
    let findings = crate::lint::lint(&docs, &lexicons);
    let count = |severity| {
        findings
            .iter()
            .flatten()
            .filter(|d| d.severity == severity)
            .count()
    };
    let (warnings, notes) = (count(Severity::Warning), count(Severity::Note));
    for (source, found) in texts.iter().zip(&findings) {
        eprint!("{}", printer.messages(source, found));
    }
    eprintln!(
        "linted {} source{}: {} warning{}, {} note{}{}",
        docs.len(),
        plural(docs.len()),
        warnings,
        plural(warnings),
        notes,
        plural(notes),
        if unreadable > 0 {
            format!(", {unreadable} not read (errors above; `respub check` says the same)")
        } else {
            String::new()
        }
    );
    let denied = matches!(args.deny, Some(Deny::Warnings)) && warnings > 0;
    if unreadable > 0 || denied {
        EXIT_INPUT
    } else {
        EXIT_OK
    }
}

/// The styles to choose from: the one named, or the built-in ones. Their
/// warnings (keys the template ignores) are printed.
fn load_styles(path: Option<&std::path::Path>, printer: &Printer) -> Result<Vec<Style>, u8> {
    let styles = match path {
        None => Style::builtins(),
        Some(path) => match Style::from_path(path) {
            Ok(style) => vec![style],
            Err(e) => {
                eprint!(
                    "{}",
                    diag::render(&e.source, &e.diagnostics, printer.format, printer.color)
                );
                return Err(EXIT_INPUT);
            }
        },
    };
    for style in &styles {
        if !style.warnings.is_empty() {
            eprint!(
                "{}",
                diag::render(
                    &style.source,
                    &style.warnings,
                    printer.format,
                    printer.color
                )
            );
        }
    }
    Ok(styles)
}

/// `SOURCE_DATE_EPOCH`, when set.
/// What every command that reads sources needs first: the styles to
/// choose from and the moment `SOURCE_DATE_EPOCH` fixes, if any.
fn settings(
    style: Option<&std::path::Path>,
    printer: &Printer,
) -> Result<(Vec<Style>, Option<i64>), u8> {
    Ok((load_styles(style, printer)?, source_date_epoch()?))
}

/// The formats asked for, each once, in the order outputs are listed.
fn distinct(mut formats: Vec<Format>) -> Vec<Format> {
    formats.sort();
    formats.dedup();
    formats
}

fn source_date_epoch() -> Result<Option<i64>, u8> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => match value.trim().parse::<i64>() {
            Ok(secs) if secs >= 0 => Ok(Some(secs)),
            _ => {
                eprintln!(
                    "error: SOURCE_DATE_EPOCH=`{value}` is not a number of seconds since 1970"
                );
                Err(EXIT_USAGE)
            }
        },
        Err(_) => Ok(None),
    }
}

fn build(args: BuildArgs, printer: &Printer) -> u8 {
    let (styles, source_date_epoch) = match settings(args.style.as_deref(), printer) {
        Ok(settings) => settings,
        Err(code) => return code,
    };
    let formats = distinct(args.format);
    let jobs = match jobs(args.paths, Some((&args.out, &formats))) {
        Ok(jobs) => jobs,
        Err(code) => return code,
    };
    // Temporary files that killed builds left in the folders written to.
    let folders: std::collections::BTreeSet<PathBuf> = build::outputs_of_run(&jobs, &formats)
        .map(|(.., path)| build::folder_of(&path).to_path_buf())
        .collect();
    for folder in &folders {
        build::remove_stale_temporaries(folder);
    }
    let stop = match Stop::install() {
        Ok(stop) => stop,
        Err(e) => {
            eprintln!("error: cannot handle interruptions: {e}");
            return EXIT_USAGE;
        }
    };
    let settings = Settings {
        styles: &styles,
        formats,
        source_date_epoch,
    };
    let started = Instant::now();
    let progress = Progress::new(jobs.len());
    // Each report is reduced to its printed messages as soon as its
    // document is done, so a batch does not hold every source in memory.
    // Once interrupted, documents not yet started are not started; those
    // under way are finished, so no temporary file is left behind.
    let outcomes: Vec<Option<Outcome>> = jobs
        .par_iter()
        .map(|job| {
            if stop.requested() {
                return None;
            }
            let report = build::build(job, &settings);
            progress.done(&report);
            Some(printer.outcome(&report))
        })
        .collect();
    progress.finish();
    let skipped = outcomes.iter().filter(|o| o.is_none()).count();
    let outcomes: Vec<Outcome> = outcomes.into_iter().flatten().collect();
    // The renames of the outputs reach the disk before success is reported.
    let written_to: std::collections::BTreeSet<&Path> = outcomes
        .iter()
        .flat_map(|o| o.folders.iter().map(PathBuf::as_path))
        .collect();
    let synced = build::sync_folders(written_to, &args.out);
    let failed = outcomes.iter().filter(|o| o.failed).count();
    let unwritten = outcomes.iter().any(|o| o.unwritten);
    let outputs: usize = outcomes.iter().map(|o| o.written).sum();
    // In the order of the sources, whatever order they were built in.
    for outcome in &outcomes {
        eprint!("{}", outcome.messages);
    }
    if let Err((folder, e)) = &synced {
        eprintln!(
            "error: cannot force the folder `{}` to disk: {e}",
            diag::path(folder)
        );
        eprintln!("  = hint: check the disk, then build again");
    }
    let total = outcomes.len() + skipped;
    eprintln!(
        "built {} of {} source{} ({} file{} written), {} failed, in {:.2} s",
        outcomes.len() - failed,
        total,
        plural(total),
        outputs,
        plural(outputs),
        failed,
        started.elapsed().as_secs_f64()
    );
    if let Some(code) = stop.exit_code() {
        eprintln!(
            "interrupted: {skipped} source{} not built; build again to finish",
            plural(skipped)
        );
        return code;
    }
    if unwritten || synced.is_err() {
        EXIT_USAGE
    } else if failed > 0 {
        EXIT_INPUT
    } else {
        EXIT_OK
    }
}

fn import(args: ImportArgs, printer: &Printer) -> u8 {
    let overrides = match import::Overrides::new(args.lang.as_deref(), args.reference.as_deref()) {
        Ok(overrides) => overrides,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    // Before anything is read or written: where each file goes, and that
    // nothing is replaced that may not be.
    let plans = match import::plan(&args.files, &args.out, args.force) {
        Ok(plans) => plans,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    build::remove_stale_temporaries(&args.out);
    let stop = match Stop::install() {
        Ok(stop) => stop,
        Err(e) => {
            eprintln!("error: cannot handle interruptions: {e}");
            return EXIT_USAGE;
        }
    };
    /// What is kept of an import once it is done: its printed messages,
    /// not the input's text.
    struct Done {
        messages: String,
        written: Option<PathBuf>,
        unwritten: bool,
    }
    // In parallel, as the build does; once interrupted, inputs not yet
    // started are not started, and those under way are finished.
    let outcomes: Vec<Option<Done>> = plans
        .par_iter()
        .map(|plan| {
            if stop.requested() {
                return None;
            }
            let imported = import::import(plan, &overrides, args.force);
            let mut messages = printer.messages(&imported.source, &imported.diagnostics);
            if let Some(path) = &imported.written {
                messages.push_str(&format!(
                    "imported {} -> {}\n",
                    imported.source.name,
                    diag::path(path)
                ));
            }
            Some(Done {
                messages,
                written: imported.written,
                unwritten: imported.unwritten,
            })
        })
        .collect();
    let skipped = outcomes.iter().filter(|o| o.is_none()).count();
    let outcomes: Vec<Done> = outcomes.into_iter().flatten().collect();
    let folders: std::collections::BTreeSet<&Path> = outcomes
        .iter()
        .filter_map(|o| o.written.as_deref())
        .map(build::folder_of)
        .collect();
    let synced = build::sync_folders(folders, &args.out);
    // In the order of the inputs, whatever order they were imported in.
    for outcome in &outcomes {
        eprint!("{}", outcome.messages);
    }
    if let Err((folder, e)) = &synced {
        eprintln!(
            "error: cannot force the folder `{}` to disk: {e}",
            diag::path(folder)
        );
        eprintln!("  = hint: check the disk, then import again");
    }
    let failed = outcomes.iter().filter(|o| o.written.is_none()).count();
    let unwritten = outcomes.iter().any(|o| o.unwritten);
    eprintln!(
        "imported {} of {} file{}, {} failed",
        outcomes.len() - failed,
        plans.len(),
        plural(plans.len()),
        failed
    );
    if let Some(code) = stop.exit_code() {
        eprintln!(
            "interrupted: {skipped} file{} not imported; import them again to finish",
            plural(skipped)
        );
        return code;
    }
    if unwritten || synced.is_err() {
        EXIT_USAGE
    } else if failed > 0 {
        EXIT_INPUT
    } else {
        EXIT_OK
    }
}

/// SIGINT and SIGTERM during a build or an import: the first asks it to stop
/// after the documents under way, a second ends respub at once.
struct Stop {
    interrupt: Arc<AtomicBool>,
    terminate: Arc<AtomicBool>,
}

impl Stop {
    fn install() -> std::io::Result<Stop> {
        use signal_hook::consts::{SIGINT, SIGTERM};
        use signal_hook::flag;
        let stop = Stop {
            interrupt: Arc::new(AtomicBool::new(false)),
            terminate: Arc::new(AtomicBool::new(false)),
        };
        for (signal, code, own) in [
            (SIGINT, EXIT_INTERRUPTED, &stop.interrupt),
            (SIGTERM, 143, &stop.terminate),
        ] {
            // A second signal, of either kind, after a first: exit now.
            for set in [&stop.interrupt, &stop.terminate] {
                flag::register_conditional_shutdown(signal, i32::from(code), Arc::clone(set))?;
            }
            flag::register(signal, Arc::clone(own))?;
        }
        Ok(stop)
    }

    fn requested(&self) -> bool {
        self.interrupt.load(Ordering::Relaxed) || self.terminate.load(Ordering::Relaxed)
    }

    /// 130 after SIGINT, 143 after SIGTERM, `None` when not stopped.
    fn exit_code(&self) -> Option<u8> {
        if self.interrupt.load(Ordering::Relaxed) {
            Some(EXIT_INTERRUPTED)
        } else if self.terminate.load(Ordering::Relaxed) {
            Some(143)
        } else {
            None
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

struct Printer {
    format: diag::Format,
    color: bool,
}

/// What is left of a report once its document is done.
struct Outcome {
    /// The diagnostics, rendered for the terminal.
    messages: String,
    /// How many files were written.
    written: usize,
    /// Whether the source had errors or an output failed.
    failed: bool,
    /// Whether an output could not be written.
    unwritten: bool,
    /// The folders written to.
    folders: Vec<PathBuf>,
}

impl Printer {
    fn outcome(&self, report: &Report) -> Outcome {
        Outcome {
            messages: self.render(report),
            written: report.written.len(),
            failed: report.has_errors(),
            unwritten: report.unwritten,
            folders: report
                .written
                .iter()
                .map(|(_, p)| build::folder_of(p).to_path_buf())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect(),
        }
    }

    fn render(&self, report: &Report) -> String {
        self.messages(&report.source, &report.diagnostics)
    }

    /// The diagnostics of one input, errors first, then by position, so
    /// the first line is the worst.
    fn messages(&self, source: &diag::SourceText, diagnostics: &[diag::Diagnostic]) -> String {
        if diagnostics.is_empty() {
            return String::new();
        }
        let mut sorted = diagnostics.to_vec();
        sorted.sort_by_key(|d| (d.severity != Severity::Error, d.span.map(|s| s.start)));
        diag::render(source, &sorted, self.format, self.color)
    }
}

/// A progress bar on a terminal for batches; plain lines otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    total: usize,
}

impl Progress {
    fn new(total: usize) -> Self {
        let bar = (total > 1 && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new(total as u64);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} {elapsed_precise} {wide_msg}",
            ) {
                bar.set_style(style);
            }
            bar
        });
        Progress { bar, total }
    }

    fn done(&self, report: &Report) {
        let status = if report.has_errors() {
            "failed"
        } else {
            "built"
        };
        match &self.bar {
            Some(bar) => {
                bar.set_message(format!("{status} {}", report.source.name));
                bar.inc(1);
            }
            None if self.total > 0 => {
                let outputs: Vec<_> = report.written.iter().map(|(_, p)| diag::path(p)).collect();
                eprintln!("{status} {} -> {}", report.source.name, outputs.join(", "));
            }
            None => {}
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The file names folder discovery takes, for messages: `*.xml`.
fn respub_extensions() -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for reader in crate::source::READERS.iter().filter(|r| r.in_folders) {
        for ext in reader.extensions {
            let name = format!("*.{ext}");
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}
