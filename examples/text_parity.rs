//! Text-reader parity over a corpus of Akoma Ntoso resolutions: each file
//! is read by the AKN reader, written as respub's plain text, and that
//! text read back by the text reader; the two readings must have the same
//! numbers of preamble and operative clauses, list items and notes.
//! Prints the share of files that match, the mismatches per count, and the
//! time the text reader took over the whole corpus.
//!
//!     cargo run --release --example text_parity -- [CORPUS]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use respub::render::{self, Format};
use respub::source::{self, SourceFile};
use respub::style::{self, Style};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/work/shared/corpus/unsc-akn".into());
    let mut files = Vec::new();
    walk(Path::new(&dir), &mut files);
    files.sort();
    let styles = Style::builtins();
    let (mut matched, mut failed) = (0usize, 0usize);
    let mut off = [0usize; 4];
    let mut reading = Duration::ZERO;
    for path in &files {
        let file = match SourceFile::open(path) {
            Ok(file) => file,
            Err(_) => continue,
        };
        let Ok(akn) = source::read(&file) else {
            continue;
        };
        let res = akn.output;
        let style = style::choose(&styles, &res.meta);
        let Ok(doc) = render::prepare(&res, &file, style, 0) else {
            continue;
        };
        let Ok(text) = Format::Text.writer().render(&doc.output) else {
            continue;
        };
        let text_file = SourceFile::new(path.with_extension("txt"), text.output);
        let start = Instant::now();
        let read = source::read(&text_file);
        reading += start.elapsed();
        let want = res.shape();
        match read {
            Ok(got) => {
                let got = got.output.shape();
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
                }
            }
            Err(errors) => {
                failed += 1;
                println!("{}: {}", path.display(), errors[0].message);
            }
        }
    }
    let total = files.len().max(1);
    println!(
        "{matched} of {} files match ({:.1} %); {failed} not read; mismatched counts: preamble {}, operative {}, list items {}, notes {}",
        files.len(),
        matched as f64 * 100.0 / total as f64,
        off[0],
        off[1],
        off[2],
        off[3]
    );
    println!(
        "the text reader took {:.2} s for the {} texts",
        reading.as_secs_f64(),
        files.len()
    );
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
