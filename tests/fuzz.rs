//! The crashes the fuzz targets found, replayed: every source kept in
//! `tests/fixtures/fuzz/` (see its README) is built in every format, and
//! `check` and `build` must agree on it, as on the repros of
//! `agreement.rs`.

use std::fs;
use std::path::PathBuf;

use crate::util::{self, repo_path, respub, run};

/// The folders of the targets whose inputs are sources, and the
/// extension each file is given so that the reader the target fed reads
/// it again.
const SOURCES: [(&str, &str); 4] = [
    ("respub_xml", "xml"),
    ("akn", "xml"),
    ("pdf", "xml"),
    ("text", "txt"),
];

/// Every format with the name `build` gives its output for `case.*`.
const OUTPUTS: [(&str, &str); 5] = [
    ("pdf", "case.pdf"),
    ("epub", "case.epub"),
    ("docx", "case.docx"),
    ("akn", "case.akn.xml"),
    ("txt", "case.txt"),
];

/// The fixtures of the source targets, with their extensions, sorted.
fn fixtures() -> Vec<(PathBuf, &'static str)> {
    let root = repo_path("tests/fixtures/fuzz");
    // The folder documents what goes into it: without it a move of the
    // fixtures would leave this test passing on nothing.
    assert!(
        root.join("README.md").is_file(),
        "{} is missing",
        root.display()
    );
    let mut found = Vec::new();
    for (target, ext) in SOURCES {
        let Ok(dir) = fs::read_dir(root.join(target)) else {
            continue;
        };
        for entry in dir {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == ext) {
                found.push((path, ext));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn check_and_build_agree_on_every_fuzz_fixture() {
    let formats = OUTPUTS.map(|(f, _)| f).join(",");
    let mut failures = Vec::new();
    for (path, ext) in fixtures() {
        let dir = util::temp_dir();
        let name = format!("case.{ext}");
        fs::copy(&path, dir.path().join(&name)).unwrap();
        let checked = run(respub(dir.path()).args(["check", &name, "--messages", "short"]));
        let built = run(respub(dir.path()).args([
            "build",
            &name,
            "--out",
            "out",
            "--messages",
            "short",
            "--format",
            &formats,
        ]));
        let written: Vec<String> = fs::read_dir(dir.path().join("out"))
            .map(|d| {
                d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        let located = |stderr: &str| {
            stderr
                .lines()
                .any(|l| l.starts_with(&format!("{name}:")) && l.contains(": error:"))
        };
        let agree = match (checked.code, built.code) {
            (Some(0), Some(0)) => OUTPUTS
                .iter()
                .all(|(_, out)| written.iter().any(|w| w == out)),
            (Some(1), Some(1)) => {
                written.is_empty() && located(&checked.stderr) && located(&built.stderr)
            }
            _ => false,
        };
        if !agree {
            failures.push(format!(
                "{}: check exit {:?}, build exit {:?}, wrote {written:?}\n  check: {}\n  build: {}",
                path.display(),
                checked.code,
                built.code,
                checked.stderr.trim().replace('\n', "\n         "),
                built.stderr.trim().replace('\n', "\n         "),
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
