//! The command line as a user runs it: discovery, output names, exit codes,
//! and outputs that a failed build leaves untouched.

use std::fs;
use std::path::Path;

use crate::util::{self, repo_path, respub, run};

const SEED: &str = "sources/GA-2017-86-RES-06.fr.xml";

/// A folder with a `sources/` tree: the seed at the top and a copy under a
/// sub-folder with spaces and parentheses in its name.
fn workspace() -> tempfile::TempDir {
    let dir = util::temp_dir();
    let deep = dir.path().join("sources/Session 86 (Beijing)");
    fs::create_dir_all(&deep).unwrap();
    fs::copy(repo_path(SEED), dir.path().join(SEED)).unwrap();
    fs::copy(repo_path(SEED), deep.join("copy (draft).fr.xml")).unwrap();
    dir
}

#[test]
fn build_mirrors_source_folders_and_names_outputs_after_sources() {
    let dir = workspace();
    let out = run(respub(dir.path()).args(["build", "--format", "txt,pdf"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    for rel in [
        "output/GA-2017-86-RES-06.fr.pdf",
        "output/GA-2017-86-RES-06.fr.txt",
        "output/Session 86 (Beijing)/copy (draft).fr.pdf",
        "output/Session 86 (Beijing)/copy (draft).fr.txt",
    ] {
        assert!(dir.path().join(rel).is_file(), "{rel} was not written");
    }
    assert!(
        out.stderr
            .contains("built 2 of 2 sources (4 files written), 0 failed"),
        "{}",
        out.stderr
    );
    let leftovers: Vec<_> = fs::read_dir(dir.path().join("output"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".respub-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files were left behind");
}

#[test]
fn a_failed_build_leaves_earlier_outputs_intact() {
    let dir = workspace();
    let first = run(respub(dir.path()).args(["build", SEED, "--format", "pdf,txt"]));
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let pdf = dir.path().join("output/GA-2017-86-RES-06.fr.pdf");
    let before = fs::read(&pdf).unwrap();

    // Break the source: the next build must fail and change nothing.
    let source = dir.path().join(SEED);
    let broken = fs::read_to_string(&source)
        .unwrap()
        .replace("</operative>", "");
    fs::write(&source, broken).unwrap();
    let second = run(respub(dir.path()).args(["build", SEED, "--format", "pdf,txt"]));
    assert_eq!(second.code, Some(1), "{}", second.stderr);
    assert!(
        second.stderr.contains("GA-2017-86-RES-06.fr.xml:"),
        "{}",
        second.stderr
    );
    assert_eq!(
        fs::read(&pdf).unwrap(),
        before,
        "the earlier PDF was changed"
    );
}

#[test]
fn check_passes_on_the_sources_and_fails_on_a_bad_file() {
    let out = run(respub(util::root()).args(["check"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stderr.contains("0 with errors"), "{}", out.stderr);

    let dir = util::temp_dir();
    fs::write(dir.path().join("bad.xml"), "<resolution").unwrap();
    let out = run(respub(dir.path()).args(["check", "bad.xml"]));
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("bad.xml:1:"), "{}", out.stderr);
}

#[test]
fn usage_errors_exit_with_2_and_help_shows_examples() {
    let dir = util::temp_dir();
    let out = run(respub(dir.path()).args(["build", "--format", "rtf"]));
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.contains("unknown format `rtf`"),
        "{}",
        out.stderr
    );

    let out = run(respub(dir.path()).args(["frobnicate"]));
    assert_eq!(out.code, Some(2));

    let out = run(respub(repo_path("").as_path())
        .args(["build", SEED])
        .env("SOURCE_DATE_EPOCH", "yesterday"));
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(out.stderr.contains("SOURCE_DATE_EPOCH"), "{}", out.stderr);

    let out = run(respub(dir.path()).args(["--help"]));
    assert_eq!(out.code, Some(0));
    assert!(
        out.stdout.contains("Examples:") && out.stdout.contains("respub build"),
        "{}",
        out.stdout
    );
}

#[test]
fn missing_inputs_are_reported_not_ignored() {
    let dir = util::temp_dir();
    let out = run(respub(dir.path()).args(["check"]));
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr.contains("`sources` does not exist"),
        "{}",
        out.stderr
    );

    fs::create_dir(dir.path().join("sources")).unwrap();
    let out = run(respub(dir.path()).args(["build"]));
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("no sources found"), "{}", out.stderr);
}

#[test]
fn a_style_error_is_reported_with_its_position() {
    let dir = util::temp_dir();
    let style = fs::read_to_string(repo_path("styles/official.toml"))
        .unwrap()
        .replace("size = \"10.5pt\"", "size = \"10.5 furlongs\"");
    // Copy the style folder's files the style names, next to the new style.
    let styles = dir.path().join("styles");
    copy_dir(&repo_path("styles"), &styles);
    fs::write(styles.join("broken.toml"), style).unwrap();
    let out = run(respub(dir.path()).args([
        "build",
        repo_path(SEED).to_str().unwrap(),
        "--style",
        "styles/broken.toml",
    ]));
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(out.stderr.contains("broken.toml:"), "{}", out.stderr);
    assert!(out.stderr.contains("not a length"), "{}", out.stderr);
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn characters_the_body_font_lacks_come_from_the_style_s_fallback_font() {
    assert!(
        util::has_program("pdftotext"),
        "pdftotext (poppler-utils) is required"
    );
    let dir = util::temp_dir();
    let text = fs::read_to_string(repo_path(SEED))
        .unwrap()
        .replace("2017 - 2020", "2017 − 2020 ◦");
    fs::write(dir.path().join("minus.xml"), text).unwrap();
    let out = run(respub(dir.path()).args(["build", "minus.xml", "--format", "pdf"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let pdf = dir.path().join("output/minus.pdf");
    let fonts = std::process::Command::new("pdffonts")
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&fonts.stdout).contains("LiberationSerif"));
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains('−') && text.contains('◦'), "{text}");
}

#[test]
fn a_paragraph_typst_cannot_hyphenate_is_printed_without_hyphenation() {
    let dir = util::temp_dir();
    let source = repo_path("tests/fixtures/akn/S_RES_2751-2417748F.xml");
    let out = run(respub(dir.path()).args(["build", source.to_str().unwrap(), "--format", "pdf"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stderr.contains("it was set without"), "{}", out.stderr);
    assert!(dir.path().join("output/S_RES_2751-2417748F.pdf").is_file());
}
