//! respub XML round trip over a corpus of Akoma Ntoso resolutions: each
//! file is read by the AKN reader, written as respub XML (the writer reads
//! its output back and refuses any change of the model), and that XML is
//! read and written again, which must give the same bytes. Prints every
//! file that fails and the count of those that pass. With an output
//! folder, the respub XML of each file is saved there, for validating it
//! against `schema/respub.rng` (`scripts/xml-round-trip` does both).
//!
//!     cargo run --release --example xml_round_trip -- [CORPUS] [OUT]

use std::path::{Path, PathBuf};

use respub::render::xml;
use respub::source::{self, SourceFile};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .unwrap_or_else(|| "/work/shared/corpus/unsc-akn".into());
    let out = args.next().map(PathBuf::from);
    let mut files = Vec::new();
    walk(Path::new(&dir), &mut files);
    files.sort();
    let (mut passed, mut unread) = (0usize, 0usize);
    let mut failed = Vec::new();
    for (i, path) in files.iter().enumerate() {
        let file = match SourceFile::open(path) {
            Ok(file) => file,
            Err(e) => {
                unread += 1;
                println!("{}: not read: {e}", path.display());
                continue;
            }
        };
        let Ok(read) = source::read(&file) else {
            // Files the AKN reader refuses are not the writer's to judge.
            unread += 1;
            println!("{}: not read: the AKN reader refuses it", path.display());
            continue;
        };
        match round_trip(&read.output) {
            Ok(bytes) => {
                passed += 1;
                if let Some(out) = &out {
                    let name = out.join(format!("{i:04}.xml"));
                    if let Err(e) = std::fs::write(&name, bytes) {
                        eprintln!("{}: {e}", name.display());
                        std::process::exit(2);
                    }
                }
            }
            Err(why) => {
                println!("{}: {why}", path.display());
                failed.push(path);
            }
        }
    }
    println!(
        "{passed} of {} files round-trip through respub XML; {} fail; {unread} not read",
        files.len(),
        failed.len()
    );
    if !failed.is_empty() {
        std::process::exit(1);
    }
}

/// The checked respub XML of `res`, once more through the reader and the
/// writer: the second writing must give the same bytes.
fn round_trip(res: &respub::model::Resolution) -> Result<Vec<u8>, String> {
    let bytes = xml::write(res).map_err(|e| e.to_string())?;
    let file = SourceFile::new("written.xml", bytes.clone());
    let back =
        source::read(&file).map_err(|d| format!("the written XML is refused: {}", d[0].message))?;
    let again = xml::write(&back.output).map_err(|e| format!("written again: {e}"))?;
    if again != bytes {
        return Err("the second writing differs from the first".into());
    }
    Ok(bytes)
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
