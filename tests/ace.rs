//! Ace by DAISY, the EPUB accessibility checker, on the EPUBs the `respub`
//! binary builds: the seed, the United Nations documents (the Akoma Ntoso
//! fixtures and the corpus sample, in English, French, Spanish and Arabic),
//! the respub XML fixtures and the accessibility fixture (notes, annexes,
//! lists four deep). Every book must have no violation at all, whatever its
//! impact. Ace and Chromium are required: scripts/install-test-deps
//! installs them, and the test fails, never skips, without them.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::util;

/// Where scripts/install-test-deps installs Ace's Node modules.
const ACE_MODULES: &str = ".tools/ace/node_modules";

/// The Chromium Ace drives, unless `PUPPETEER_EXECUTABLE_PATH` names one.
const CHROMIUM: &str = "/usr/bin/chromium";

const INSTALL: &str = "run scripts/install-test-deps";

/// One failed check of a report.
struct Violation {
    rule: String,
    impact: String,
    file: String,
    html: String,
}

/// The sources checked, by the folder they are built into: every XML file
/// of each folder (and of its subfolders, for the corpus).
const SOURCES: &[(&str, &str)] = &[
    ("seed", "sources"),
    ("ace", "tests/fixtures/ace"),
    ("valid", "tests/fixtures/valid"),
    ("akn", "tests/fixtures/akn"),
    ("corpus", "tests/fixtures/corpus"),
];

fn xml_files(dir: &Path, into: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            xml_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "xml") {
            into.push(path);
        }
    }
}

/// Builds the EPUBs of every source of `dir` into `out` with the binary.
fn build(dir: &str, out: &Path) -> Vec<PathBuf> {
    let mut sources = Vec::new();
    xml_files(&util::repo_path(dir), &mut sources);
    sources.sort();
    assert!(!sources.is_empty(), "no source in {dir}");
    let run = util::run(
        util::respub(util::root())
            .args(["build", "--format", "epub", "--out"])
            .arg(out)
            .args(&sources),
    );
    assert_eq!(
        run.code,
        Some(0),
        "respub build failed:\n{}{}",
        run.stdout,
        run.stderr
    );
    let books: Vec<PathBuf> = sources
        .iter()
        .map(|s| out.join(format!("{}.epub", s.file_stem().unwrap().to_string_lossy())))
        .collect();
    for book in &books {
        assert!(book.is_file(), "{} was not written", book.display());
    }
    books
}

/// The seed's EPUB with the language taken off its resolution document: a
/// book Ace must fault, so that a check that saw nothing cannot pass.
fn faulty_copy(book: &Path, out: &Path) -> PathBuf {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(book).unwrap()).unwrap();
    let path = out.join("faulty.epub");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let mut changed = false;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == "EPUB/text/resolution.xhtml" {
            let text = String::from_utf8(data).unwrap();
            let stripped = text.replacen(" lang=\"fr\" xml:lang=\"fr\"", "", 1);
            changed = stripped != text;
            data = stripped.into_bytes();
        }
        let method = if name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        writer.start_file(name, options).unwrap();
        writer.write_all(&data).unwrap();
    }
    writer.finish().unwrap();
    assert!(
        changed,
        "the seed's resolution document has no lang attribute"
    );
    path
}

/// The Node modules and Chromium, or a failure saying how to install them.
fn tools() -> (PathBuf, String) {
    let modules = util::repo_path(ACE_MODULES);
    let chromium = std::env::var("PUPPETEER_EXECUTABLE_PATH").unwrap_or_else(|_| CHROMIUM.into());
    let mut missing = Vec::new();
    if !util::has_program("node") {
        missing.push("Node.js (`node`)".to_string());
    }
    for module in ["@daisy/ace-core", "@daisy/ace-axe-runner-puppeteer"] {
        if !modules.join(module).join("package.json").is_file() {
            missing.push(format!("{module} in {}", modules.display()));
        }
    }
    if !Path::new(&chromium).is_file() {
        missing.push(format!("Chromium at {chromium}"));
    }
    assert!(
        missing.is_empty(),
        "Ace by DAISY cannot run: missing {}; {INSTALL}",
        missing.join(", ")
    );
    (modules, chromium)
}

/// Runs Ace once over `books`, returning each book's report.
fn ace(books: &[PathBuf], out: &Path) -> Vec<Value> {
    let (modules, chromium) = tools();
    let reports = out.join("reports");
    let output = Command::new("node")
        .arg(util::repo_path("tests/tools/ace/run.js"))
        .arg(&reports)
        .args(books)
        .env("ACE_NODE_MODULES", &modules)
        .env("PUPPETEER_EXECUTABLE_PATH", &chromium)
        .output()
        .unwrap_or_else(|e| panic!("cannot run node ({e}); {INSTALL}"));
    assert!(
        output.status.success(),
        "Ace failed (exit {:?}); {INSTALL} if it is not installed:\n{}{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (1..=books.len())
        .map(|i| {
            let path = reports.join(i.to_string()).join("report.json");
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("no report {}: {e}", path.display()));
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        })
        .collect()
}

fn str_at<'a>(value: &'a Value, pointer: &str) -> &'a str {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or("?")
}

/// Every failed check of `report`, and the documents it checked.
fn violations(report: &Value) -> (Vec<Violation>, Vec<String>) {
    let mut found = Vec::new();
    let mut checked = Vec::new();
    for doc in report["assertions"].as_array().into_iter().flatten() {
        let file = str_at(doc, "/earl:testSubject/url").to_string();
        checked.push(file.clone());
        for check in doc["assertions"].as_array().into_iter().flatten() {
            if str_at(check, "/earl:result/earl:outcome") != "pass" {
                found.push(Violation {
                    rule: str_at(check, "/earl:test/dct:title").to_string(),
                    impact: str_at(check, "/earl:test/earl:impact").to_string(),
                    file: file.clone(),
                    html: str_at(check, "/earl:result/html").to_string(),
                });
            }
        }
    }
    (found, checked)
}

#[test]
fn every_epub_passes_ace_by_daisy() {
    let dir = util::temp_dir();
    let mut books = Vec::new();
    for (name, sources) in SOURCES {
        books.extend(build(sources, &dir.path().join(name)));
    }
    assert!(books.len() >= 60, "{} books", books.len());
    let faulty = faulty_copy(&books[0], dir.path());
    books.push(faulty);

    let reports = ace(&books, dir.path());

    let (caught, _) = violations(reports.last().unwrap());
    assert!(
        caught.iter().any(|v| v.rule == "html-has-lang"),
        "Ace did not fault a content document without a language; its reports are misread"
    );

    let mut listing = String::new();
    let mut by_rule: BTreeMap<String, usize> = BTreeMap::new();
    let mut count = 0;
    for (book, report) in books.iter().zip(&reports).take(books.len() - 1) {
        let (found, checked) = violations(report);
        assert!(
            checked.iter().any(|f| f.ends_with("text/resolution.xhtml")),
            "Ace did not check the resolution of {}: {checked:?}",
            book.display()
        );
        let outcome = str_at(report, "/earl:result/earl:outcome");
        if found.is_empty() && outcome == "pass" {
            continue;
        }
        let name = book.strip_prefix(dir.path()).unwrap_or(book).display();
        listing.push_str(&format!("{name} (outcome {outcome}):\n"));
        for v in &found {
            count += 1;
            *by_rule.entry(v.rule.clone()).or_default() += 1;
            listing.push_str(&format!(
                "  {} [{}] in {}: {}\n",
                v.rule, v.impact, v.file, v.html
            ));
        }
    }
    assert!(
        listing.is_empty(),
        "Ace: {count} violations in {} books ({by_rule:?}):\n{listing}",
        books.len() - 1
    );
}
