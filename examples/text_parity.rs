//! Text-reader parity over a corpus of Akoma Ntoso resolutions: each file
//! is read by the AKN reader, turned into plain text, and that text read
//! back by the text reader; the two readings must have the same numbers of
//! preamble and operative clauses, list items and notes. Prints the share
//! of files that match, the mismatches per count, and the time the text
//! reader took over the texts.
//!
//! Two ways of making the text:
//!
//! - by default, respub's own plain-text output (`--format txt`): one
//!   paragraph a line, over the whole corpus;
//! - with `--pdf N`, what a person copying the published PDF gets:
//!   respub's PDF of the document through `pdftotext` (poppler), with its
//!   hard-wrapped lines, running headers and page numbers, over a fixed
//!   sample of N documents a language, spread evenly over each language's
//!   files in name order. Arabic keeps respub's text output, since the
//!   text of an Arabic PDF comes out in visual order. Building the PDFs is
//!   slow, so their texts are kept in `--cache DIR` (default
//!   `target/text-parity`) under the name of the source and reused;
//!   `--fresh` builds them again.
//!
//! The UN's Akoma Ntoso of one language version sometimes marks a
//! resolution otherwise than its other versions do (an Arabic file that
//! makes a list's items paragraphs); the text reader cannot match both.
//! A document whose counts differ from those that all its other versions
//! (two at least) share is counted apart, and the share is printed a
//! second time without such documents.
//!
//! `--dump DIR` writes the text of every mismatched document there, for
//! looking at; `--shapes FILE` writes the two readings' counts of every
//! document, a line each (path, then preamble, operative, items and notes
//! of the text reading and of the AKN reading, tab-separated).
//!
//!     cargo run --release --example text_parity -- [CORPUS] [--pdf N] [--cache DIR] [--fresh] [--dump DIR] [--shapes FILE]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use respub::model::{Resolution, Shape};
use respub::render::{self, Format};
use respub::source::{self, SourceFile};
use respub::style::{self, Style};

/// What the command line asks for.
struct Options {
    corpus: PathBuf,
    /// Documents a language for the PDF sample; `None` for the text output.
    pdf: Option<usize>,
    cache: PathBuf,
    fresh: bool,
    dump: Option<PathBuf>,
    shapes: Option<PathBuf>,
}

fn options() -> Result<Options, String> {
    let mut opts = Options {
        corpus: PathBuf::from("/work/shared/corpus/unsc-akn"),
        pdf: None,
        cache: PathBuf::from("target/text-parity"),
        fresh: false,
        dump: None,
        shapes: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--pdf" => {
                let n = value("--pdf")?;
                opts.pdf = Some(
                    n.parse()
                        .map_err(|_| format!("--pdf takes a number of documents, not `{n}`"))?,
                );
            }
            "--cache" => opts.cache = PathBuf::from(value("--cache")?),
            "--dump" => opts.dump = Some(PathBuf::from(value("--dump")?)),
            "--shapes" => opts.shapes = Some(PathBuf::from(value("--shapes")?)),
            "--fresh" => opts.fresh = true,
            other if other.starts_with("--") => return Err(format!("unknown option `{other}`")),
            other => opts.corpus = PathBuf::from(other),
        }
    }
    Ok(opts)
}

fn main() {
    let opts = match options() {
        Ok(opts) => opts,
        Err(e) => {
            eprintln!("text_parity: {e}");
            std::process::exit(2);
        }
    };
    let mut files = Vec::new();
    walk(&opts.corpus, &mut files);
    files.sort();
    if let Some(n) = opts.pdf {
        files = sample(&files, n);
    }
    let styles = Style::builtins();
    let (mut matched, mut failed, mut skipped) = (0usize, 0usize, 0usize);
    let mut off = [0usize; 4];
    let mut reading = Duration::ZERO;
    let mut bytes_read = 0usize;
    let mut by_language: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut shapes = String::new();
    // Per document: its resolution's reference, whether it matched, and
    // the counts of its Akoma Ntoso reading.
    let mut outcomes: Vec<(String, String, bool, Shape)> = Vec::new();
    for path in &files {
        let Some((res, text)) = text_of(path, &opts, &styles) else {
            skipped += 1;
            println!("{}: no text made of it", path.display());
            continue;
        };
        let text_file = SourceFile::new(path.with_extension("txt"), text.clone());
        let start = Instant::now();
        let read = source::read(&text_file);
        reading += start.elapsed();
        bytes_read += text.len();
        let want = res.shape();
        let reference = res.meta.reference.0.clone();
        let language = language_of(path);
        let tally = by_language.entry(language).or_default();
        tally.1 += 1;
        let mut mismatch = true;
        match read {
            Ok(got) => {
                let got = got.output.shape();
                let counts =
                    |s: Shape| format!("{}\t{}\t{}\t{}", s.preamble, s.operative, s.items, s.notes);
                shapes.push_str(&format!(
                    "{}\t{}\t{}\n",
                    path.display(),
                    counts(got),
                    counts(want)
                ));
                let diffs = [
                    got.preamble != want.preamble,
                    got.operative != want.operative,
                    got.items != want.items,
                    got.notes != want.notes,
                ];
                if diffs.iter().any(|&d| d) {
                    println!("{}: text {got:?}, akn {want:?}", path.display());
                    for (o, d) in off.iter_mut().zip(diffs) {
                        *o += usize::from(d);
                    }
                } else {
                    matched += 1;
                    tally.0 += 1;
                    mismatch = false;
                }
            }
            Err(errors) => {
                failed += 1;
                shapes.push_str(&format!("{}\tnot read\n", path.display()));
                println!("{}: {}", path.display(), errors[0].message);
            }
        }
        outcomes.push((reference, language_of(path), !mismatch, want));
        if let (true, Some(dir)) = (mismatch, &opts.dump) {
            let name = path.file_name().unwrap_or_default();
            let _ = std::fs::create_dir_all(dir);
            let _ = std::fs::write(dir.join(name).with_extension("txt"), &text);
        }
    }
    if let Some(file) = &opts.shapes {
        if let Err(e) = std::fs::write(file, &shapes) {
            eprintln!("text_parity: {}: {e}", file.display());
        }
    }
    let total = files.len().max(1);
    let how = match opts.pdf {
        Some(n) => {
            format!("pdftotext of respub's PDF (Arabic: respub's text), a sample of {n} a language")
        }
        None => "respub's text output".to_string(),
    };
    println!("{how}:");
    println!(
        "{matched} of {} files match ({:.1} %); {failed} not read; {skipped} not made into text; mismatched counts: preamble {}, operative {}, list items {}, notes {}",
        files.len(),
        matched as f64 * 100.0 / total as f64,
        off[0],
        off[1],
        off[2],
        off[3]
    );
    for (language, (m, n)) in &by_language {
        println!("  {language}: {m} of {n}");
    }
    let apart = disagreeing(&opts.corpus, &files, &outcomes);
    let kept = files.len() - apart.len();
    let kept_matched = outcomes
        .iter()
        .enumerate()
        .filter(|(i, o)| o.2 && !apart.contains(i))
        .count();
    let apart_matched = apart.iter().filter(|&&i| outcomes[i].2).count();
    for &i in &apart {
        println!(
            "{}: its Akoma Ntoso disagrees with the other language versions",
            files[i].display()
        );
    }
    println!(
        "without the {} documents whose Akoma Ntoso disagrees with all their other language versions ({apart_matched} of them matched): {kept_matched} of {kept} match ({:.1} %)",
        apart.len(),
        kept_matched as f64 * 100.0 / kept.max(1) as f64
    );
    println!(
        "the text reader took {:.2} s for the {} texts ({:.1} MB)",
        reading.as_secs_f64(),
        files.len(),
        bytes_read as f64 / 1e6
    );
}

/// The indices of the documents whose Akoma Ntoso counts differ from the
/// counts that all the other language versions of their resolution share
/// (two versions at least). The other versions are read from the corpus
/// when the sample left them out.
fn disagreeing(
    corpus: &Path,
    files: &[PathBuf],
    outcomes: &[(String, String, bool, Shape)],
) -> Vec<usize> {
    let mut versions: BTreeMap<String, BTreeMap<String, Shape>> = BTreeMap::new();
    let mut all = Vec::new();
    walk(corpus, &mut all);
    let sampled: std::collections::HashSet<&PathBuf> = files.iter().collect();
    for (reference, language, _, shape) in outcomes {
        versions
            .entry(reference.clone())
            .or_default()
            .insert(language.clone(), *shape);
    }
    if sampled.len() < all.len() {
        for path in all.iter().filter(|p| !sampled.contains(p)) {
            let Ok(file) = SourceFile::open(path) else {
                continue;
            };
            let Ok(read) = source::read(&file) else {
                continue;
            };
            let res = read.output;
            if let Some(v) = versions.get_mut(&res.meta.reference.0) {
                v.entry(language_of(path)).or_insert(res.shape());
            }
        }
    }
    outcomes
        .iter()
        .enumerate()
        .filter(|(_, (reference, language, _, shape))| {
            let others: Vec<&Shape> = versions[reference]
                .iter()
                .filter(|(l, _)| *l != language)
                .map(|(_, s)| s)
                .collect();
            others.len() >= 2 && others.iter().all(|s| *s == others[0]) && others[0] != shape
        })
        .map(|(i, _)| i)
        .collect()
}

/// The AKN reading of `path` and the text made of it, as the options say.
fn text_of(path: &Path, opts: &Options, styles: &[Style]) -> Option<(Resolution, Vec<u8>)> {
    let file = SourceFile::open(path).ok()?;
    let res = source::read(&file).ok()?.output;
    let pdf = opts.pdf.is_some() && language_of(path) != "Arabic";
    let cached = opts.cache.join(cache_name(path));
    if pdf && !opts.fresh {
        if let Ok(text) = std::fs::read(&cached) {
            return Some((res, text));
        }
    }
    let style = style::choose(styles, &res.meta);
    let doc = render::prepare(&res, &file, style, 0).ok()?.output;
    if !pdf {
        let text = Format::Text.writer().render(&doc).ok()?.output;
        return Some((res, text));
    }
    let bytes = Format::Pdf.writer().render(&doc).ok()?.output;
    std::fs::create_dir_all(&opts.cache).ok()?;
    let pdf_path = cached.with_extension("pdf");
    std::fs::write(&pdf_path, bytes).ok()?;
    let out = Command::new("pdftotext")
        .arg(&pdf_path)
        .arg("-")
        .output()
        .map_err(|e| eprintln!("pdftotext could not be run: {e}"))
        .ok()?;
    let _ = std::fs::remove_file(&pdf_path);
    if !out.status.success() {
        eprintln!(
            "pdftotext failed on the PDF of {}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        return None;
    }
    std::fs::write(&cached, &out.stdout).ok()?;
    Some((res, out.stdout))
}

/// The name of a document's cached text: its path under the corpus, with
/// `_` for the folder separators (`2024_English_S_RES_2730-2409275E.txt`).
fn cache_name(path: &Path) -> String {
    let parts: Vec<String> = path
        .iter()
        .rev()
        .take(3)
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let name: Vec<&str> = parts.iter().rev().map(String::as_str).collect();
    Path::new(&name.join("_"))
        .with_extension("txt")
        .to_string_lossy()
        .into_owned()
}

/// The language folder a corpus file is in (`English`, `Arabic` …).
fn language_of(path: &Path) -> String {
    path.parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `n` files of each language, spread evenly over its files in name order:
/// the same sample on every run.
fn sample(files: &[PathBuf], n: usize) -> Vec<PathBuf> {
    let mut by_language: BTreeMap<String, Vec<&PathBuf>> = BTreeMap::new();
    for f in files {
        by_language.entry(language_of(f)).or_default().push(f);
    }
    let mut out = Vec::new();
    for list in by_language.values() {
        let take = n.min(list.len());
        for i in 0..take {
            out.push(list[i * list.len() / take].clone());
        }
    }
    out.sort();
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "xml") {
            out.push(path);
        }
    }
}
