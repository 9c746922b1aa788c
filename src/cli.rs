//! The command line: argument parsing and printing. The work is done by
//! the library ([`crate::build`]); this module only turns its reports into
//! messages and an exit code.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::build::{self, Job, Report, Settings};
use crate::diag::{self, Severity};
use crate::render::Format;
use crate::style::Style;

/// Exit code: every input is clean.
pub const EXIT_OK: u8 = 0;
/// Exit code: an input has errors or an output failed.
pub const EXIT_INPUT: u8 = 1;
/// Exit code: bad usage, or respub itself failed.
pub const EXIT_USAGE: u8 = 2;

const EXAMPLES: &str = "\
Examples:
  respub check                      check every source in sources/
  respub check sources/GA-2017-86-RES-06.fr.xml
  respub build                      build sources/ into output/ (PDF, EPUB, DOCX)
  respub build sources/GA-2017-86-RES-06.fr.xml --format pdf --out somewhere/
  respub build archive/ --style styles/official.toml

Exit codes: 0 clean, 1 an input has errors, 2 usage or internal error.";

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
    }
}

fn default_paths(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("sources")]
    } else {
        paths
    }
}

fn jobs(paths: Vec<PathBuf>, out: &std::path::Path) -> Result<Vec<Job>, u8> {
    match build::discover(&default_paths(paths), out) {
        Ok(jobs) if jobs.is_empty() => {
            let names: Vec<String> = respub_extensions();
            eprintln!(
                "error: no sources found (respub reads {} files)",
                names.join(", ")
            );
            Err(EXIT_INPUT)
        }
        Ok(jobs) => Ok(jobs),
        Err(e) => {
            eprintln!("error: {e}");
            Err(EXIT_INPUT)
        }
    }
}

fn check(args: CheckArgs, printer: &Printer) -> u8 {
    let styles = match load_styles(args.style.as_deref(), printer) {
        Ok(styles) => styles,
        Err(code) => return code,
    };
    let source_date_epoch = match source_date_epoch() {
        Ok(epoch) => epoch,
        Err(code) => return code,
    };
    let jobs = match jobs(args.paths, std::path::Path::new("")) {
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

/// The styles to choose from: the one named, or the built-in ones.
fn load_styles(path: Option<&std::path::Path>, printer: &Printer) -> Result<Vec<Style>, u8> {
    match path {
        None => Ok(Style::builtins()),
        Some(path) => match Style::from_path(path) {
            Ok(style) => Ok(vec![style]),
            Err(e) => {
                eprint!(
                    "{}",
                    diag::render(&e.source, &e.diagnostics, printer.format, printer.color)
                );
                Err(EXIT_INPUT)
            }
        },
    }
}

/// `SOURCE_DATE_EPOCH`, when set.
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
    let styles = match load_styles(args.style.as_deref(), printer) {
        Ok(styles) => styles,
        Err(code) => return code,
    };
    let source_date_epoch = match source_date_epoch() {
        Ok(epoch) => epoch,
        Err(code) => return code,
    };
    let jobs = match jobs(args.paths, &args.out) {
        Ok(jobs) => jobs,
        Err(code) => return code,
    };
    let mut formats = args.format;
    formats.sort();
    formats.dedup();
    let settings = Settings {
        styles: &styles,
        formats,
        source_date_epoch,
    };
    let started = Instant::now();
    let progress = Progress::new(jobs.len());
    // Each report is reduced to its printed messages as soon as its
    // document is done, so a batch does not hold every source in memory.
    let outcomes: Vec<Outcome> = jobs
        .par_iter()
        .map(|job| {
            let report = build::build(job, &settings);
            progress.done(&report);
            printer.outcome(&report)
        })
        .collect();
    progress.finish();
    let failed = outcomes.iter().filter(|o| o.failed).count();
    let outputs: usize = outcomes.iter().map(|o| o.written).sum();
    // In the order of the sources, whatever order they were built in.
    for outcome in &outcomes {
        eprint!("{}", outcome.messages);
    }
    eprintln!(
        "built {} of {} source{} ({} file{} written), {} failed, in {:.2} s",
        outcomes.len() - failed,
        outcomes.len(),
        plural(outcomes.len()),
        outputs,
        plural(outputs),
        failed,
        started.elapsed().as_secs_f64()
    );
    if failed > 0 { EXIT_INPUT } else { EXIT_OK }
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
}

impl Printer {
    fn outcome(&self, report: &Report) -> Outcome {
        Outcome {
            messages: self.render(report),
            written: report.written.len(),
            failed: report.has_errors(),
        }
    }

    fn render(&self, report: &Report) -> String {
        if report.diagnostics.is_empty() {
            return String::new();
        }
        let mut sorted = report.diagnostics.clone();
        // Errors first, then by position, so the first line is the worst.
        sorted.sort_by_key(|d| (d.severity != Severity::Error, d.span.map(|s| s.start)));
        diag::render(&report.source, &sorted, self.format, self.color)
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
                let outputs: Vec<_> = report
                    .written
                    .iter()
                    .map(|(_, p)| p.display().to_string())
                    .collect();
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

/// The file names the readers take, for messages: `*.xml`.
fn respub_extensions() -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for reader in crate::source::READERS {
        for ext in reader.extensions {
            let name = format!("*.{ext}");
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}
