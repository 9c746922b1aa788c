//! `respub compare`: the redline of two versions, through the real binary.
//!
//! The DOCX's tracked changes are checked in LibreOffice through its UNO
//! API (`tests/tools/redline.py`, run by Debian's Python with
//! `python3-uno`): accepting every change must give the text of the new
//! version's own DOCX, rejecting every change the text of the old one's,
//! for version pairs in French and English (a word changed, a clause
//! inserted, a list item deleted, a verb changed, a paragraph moved, a
//! note added) and a long UN resolution. The external tools are required:
//! a test fails, never skips, when one is missing
//! (`scripts/install-test-deps` installs them).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{repo_path, respub, run, temp_dir};

/// The edits of the fixture pairs: `tests/fixtures/compare/LANG/old.xml`
/// against `LANG/EDIT.xml`.
const EDITS: [&str; 6] = ["word", "clause", "item", "verb", "moved", "note"];

/// The interpreter that has Debian's `python3-uno`.
const UNO_PYTHON: &str = "/usr/bin/python3";

fn fixture(lang: &str, name: &str) -> PathBuf {
    repo_path(&format!("tests/fixtures/compare/{lang}/{name}.xml"))
}

/// Runs `respub compare OLD NEW --out OUT` with `args`, asserting success.
fn compare(old: &Path, new: &Path, out: &Path, args: &[&str]) -> crate::util::Run {
    let mut cmd = respub(crate::util::root());
    cmd.arg("compare")
        .arg(old)
        .arg(new)
        .arg("--out")
        .arg(out)
        .args(args);
    let done = run(&mut cmd);
    assert_eq!(
        done.code,
        Some(0),
        "respub compare failed:\n{}{}",
        done.stdout,
        done.stderr
    );
    done
}

/// Builds `source` as a normal DOCX into `out`, returning its path.
fn build_docx(source: &Path, out: &Path) -> PathBuf {
    let done = run(respub(crate::util::root())
        .arg("build")
        .arg(source)
        .args(["--format", "docx", "--out"])
        .arg(out));
    assert_eq!(done.code, Some(0), "respub build failed: {}", done.stderr);
    out.join(source.file_stem().unwrap()).with_extension("docx")
}

fn redline_path(new: &Path, out: &Path, ext: &str) -> PathBuf {
    let stem = new.file_stem().unwrap().to_str().unwrap();
    out.join(format!("{stem}.redline.{ext}"))
}

/// What LibreOffice read in one DOCX.
#[derive(Debug)]
struct Read {
    /// The tracked changes it had: (type, author, date).
    redlines: Vec<(String, String, String)>,
    /// How many were left after accepting or rejecting.
    left: u64,
    /// The text of its paragraphs, without the empty ones.
    paragraphs: Vec<String>,
    footnotes: Vec<String>,
}

/// Reads `jobs` (`(mode, docx)`, mode `accept`, `reject` or `keep`) in one
/// LibreOffice. Each file is copied first, so that no two jobs open one
/// file.
fn libreoffice(jobs: &[(&str, &Path)], dir: &Path) -> Vec<Read> {
    let mut args = vec![
        repo_path("tests/tools/redline.py").display().to_string(),
        dir.join("lo-profile").display().to_string(),
    ];
    for (i, (mode, path)) in jobs.iter().enumerate() {
        let copy = dir.join(format!("{i}-{mode}.docx"));
        std::fs::copy(path, &copy).unwrap();
        args.push(format!("{mode}:{}", copy.display()));
    }
    let out = Command::new(UNO_PYTHON).args(&args).output().unwrap_or_else(|e| {
        panic!("cannot run {UNO_PYTHON} ({e}); install the test tools with scripts/install-test-deps")
    });
    assert!(
        out.status.success(),
        "tests/tools/redline.py failed (is python3-uno installed? scripts/install-test-deps): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let strings = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    report
        .as_array()
        .unwrap()
        .iter()
        .map(|r| Read {
            redlines: r["redlines"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| {
                    let s = |k: &str| t[k].as_str().unwrap().to_string();
                    (s("type"), s("author"), s("date"))
                })
                .collect(),
            left: r["left"].as_u64().unwrap(),
            // LibreOffice 7.4 leaves an empty paragraph at the top of a
            // document whose only footnote's insertion it rejects: the
            // text is compared without empty paragraphs.
            paragraphs: strings(&r["paragraphs"])
                .into_iter()
                .filter(|p| !p.trim().is_empty())
                .collect(),
            footnotes: strings(&r["footnotes"]),
        })
        .collect()
}

/// The first difference between two texts, for messages.
fn first_difference(a: &[String], b: &[String]) -> String {
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        if x != y {
            return format!("paragraph {i}:\n  got      {x:?}\n  expected {y:?}");
        }
    }
    format!("{} paragraphs against {}", a.len(), b.len())
}

fn assert_same_text(got: &Read, expected: &Read, what: &str) {
    assert!(
        got.paragraphs == expected.paragraphs,
        "{what}: {}",
        first_difference(&got.paragraphs, &expected.paragraphs)
    );
    assert_eq!(got.footnotes, expected.footnotes, "{what}: the footnotes");
    assert_eq!(got.left, 0, "{what}: tracked changes are left");
}

/// Checks accept-all and reject-all of the redline of every `(old, new)`
/// pair against the normal DOCX of each version.
fn check_pairs(pairs: &[(PathBuf, PathBuf)], date: &str) {
    let dir = temp_dir();
    let out = dir.path().join("out");
    let mut docs: Vec<(PathBuf, PathBuf, PathBuf)> = Vec::new();
    for (old, new) in pairs {
        compare(old, new, &out, &["--format", "docx"]);
        let redline = redline_path(new, &out, "docx");
        let errors = crate::docx::openxml_errors(&redline);
        assert!(
            errors.is_empty(),
            "openxml-audit found errors in {}:\n{}",
            redline.display(),
            errors.join("\n")
        );
        let plain = |p: &Path, sub: &str| build_docx(p, &dir.path().join(sub));
        docs.push((redline, plain(old, "old"), plain(new, "new")));
    }
    let mut jobs: Vec<(&str, &Path)> = Vec::new();
    for (redline, old, new) in &docs {
        jobs.extend([
            ("accept", redline.as_path()),
            ("reject", redline.as_path()),
            ("keep", new.as_path()),
            ("keep", old.as_path()),
        ]);
    }
    let reads = libreoffice(&jobs, dir.path());
    for (((old, new), chunk), _) in pairs.iter().zip(reads.chunks(4)).zip(&docs) {
        let [accepted, rejected, new_text, old_text] = chunk else {
            panic!("LibreOffice read {} files", reads.len())
        };
        let what = format!("{} → {}", old.display(), new.display());
        assert!(
            !accepted.redlines.is_empty(),
            "{what}: the redline has no tracked change"
        );
        for (kind, author, when) in &accepted.redlines {
            assert_eq!(author, "respub", "{what}: {kind}");
            assert_eq!(when, date, "{what}: {kind}");
        }
        assert!(new_text.redlines.is_empty() && old_text.redlines.is_empty());
        assert_same_text(
            accepted,
            new_text,
            &format!("{what}, every change accepted"),
        );
        assert_same_text(
            rejected,
            old_text,
            &format!("{what}, every change rejected"),
        );
    }
}

#[test]
fn accepting_every_change_gives_the_new_version_and_rejecting_the_old_french() {
    let pairs: Vec<_> = EDITS
        .iter()
        .map(|e| (fixture("fr", "old"), fixture("fr", e)))
        .collect();
    check_pairs(&pairs, "2017-09-29");
}

#[test]
fn accepting_every_change_gives_the_new_version_and_rejecting_the_old_english() {
    let pairs: Vec<_> = EDITS
        .iter()
        .map(|e| (fixture("en", "old"), fixture("en", e)))
        .collect();
    check_pairs(&pairs, "2024-06-10");
}

/// The XML of `part` in the DOCX at `path`.
fn docx_part(path: &Path, part: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(part).unwrap(), &mut text).unwrap();
    text
}

#[test]
fn tracked_changes_are_word_s_own_marks() {
    let dir = temp_dir();
    let out = dir.path();
    let docx = |edit: &str, args: &[&str]| {
        let new = match edit {
            "old" => old_copy(&fixture("en", "old"), out),
            _ => fixture("en", edit),
        };
        let mut all = vec!["--format", "docx"];
        all.extend_from_slice(args);
        compare(&fixture("en", "old"), &new, out, &all);
        docx_part(&redline_path(&new, out, "docx"), "word/document.xml")
    };
    // A word deleted, in `w:del` with its text in `w:delText`.
    let word = docx("word", &[]);
    assert!(
        word.contains(r#"<w:delText xml:space="preserve">actively</w:delText>"#),
        "{word}"
    );
    // A clause inserted: its runs and its paragraph mark.
    let clause = docx("clause", &["--author", "Secretariat <Legal>"]);
    assert!(clause.contains(r#"w:author="Secretariat &lt;Legal&gt;""#));
    assert!(
        clause.contains(r#"<w:rPr><w:ins w:id="#),
        "the inserted paragraph's mark is tracked"
    );
    // A list item deleted: its paragraph mark too.
    let item = docx("item", &[]);
    assert!(item.contains(r#"<w:rPr><w:del w:id="#));
    // A verb restyled: the old run properties in `w:rPrChange`.
    let verb = docx("verb", &[]);
    assert!(verb.contains("<w:rPrChange "), "no format change");
    // Revision ids are unique.
    let ids: Vec<&str> = ["<w:ins w:id=\"", "<w:del w:id=\"", "<w:rPrChange w:id=\""]
        .iter()
        .flat_map(|tag| {
            verb.match_indices(tag).map(|(at, _)| {
                let rest = &verb[at + tag.len()..];
                &rest[..rest.find('"').unwrap()]
            })
        })
        .collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "revision ids repeat");
    // An unchanged version has none of them.
    let same = docx("old", &[]);
    for mark in ["<w:ins ", "<w:del ", "<w:rPrChange "] {
        assert!(!same.contains(mark), "{mark} in a redline with no changes");
    }
}

#[test]
fn the_redline_is_dated_by_the_new_version_or_source_date_epoch() {
    let dir = temp_dir();
    let new = fixture("fr", "word");
    let first = dir.path().join("a");
    let second = dir.path().join("b");
    compare(&fixture("fr", "old"), &new, &first, &["--format", "docx"]);
    compare(&fixture("fr", "old"), &new, &second, &["--format", "docx"]);
    let read = |d: &Path| std::fs::read(redline_path(&new, d, "docx")).unwrap();
    assert_eq!(read(&first), read(&second), "two runs differ");
    let doc = docx_part(&redline_path(&new, &first, "docx"), "word/document.xml");
    assert!(doc.contains(r#"w:date="2017-09-29T00:00:00Z""#));
    let epoch = dir.path().join("c");
    let done = run(respub(crate::util::root())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .arg("compare")
        .arg(fixture("fr", "old"))
        .arg(&new)
        .args(["--format", "docx", "--out"])
        .arg(&epoch));
    assert_eq!(done.code, Some(0), "{}", done.stderr);
    let doc = docx_part(&redline_path(&new, &epoch, "docx"), "word/document.xml");
    assert!(doc.contains(r#"w:date="2023-11-14T22:13:20Z""#));
}

// ---------------------------------------------------------------------
// A long UN document
// ---------------------------------------------------------------------

/// The longest English resolution of the corpus sample, imported as a
/// respub source into `dir`.
fn long_document(dir: &Path) -> PathBuf {
    let akn = repo_path("tests/fixtures/corpus/2024/English/S_RES_2734-2410318E.xml");
    let done = run(respub(crate::util::root())
        .arg("import")
        .arg(&akn)
        .arg("--out")
        .arg(dir));
    assert_eq!(done.code, Some(0), "respub import failed: {}", done.stderr);
    dir.join("S_RES_2734-2410318E.xml")
}

/// `source` with the `n`th (from 0) of its `<clause` elements of the
/// operative part.
fn clause_range(source: &str, n: usize) -> std::ops::Range<usize> {
    let operative = source.find("<operative").unwrap();
    let start = source[operative..]
        .match_indices("<clause")
        .nth(n)
        .map(|(i, _)| operative + i)
        .unwrap();
    let end = source[start..].find("</clause>").unwrap() + start + "</clause>".len();
    start..end
}

/// An edited copy of `source`: a word changed, a clause deleted, a clause
/// inserted and a clause moved.
pub fn edited(source: &str) -> String {
    let mut text = source.to_string();
    let first = (0..)
        .map(|n| clause_range(&text, n))
        .find(|r| text[r.clone()].contains(" the "))
        .unwrap();
    let changed = text[first.clone()].replacen(" the ", " every ", 1);
    text.replace_range(first, &changed);
    let deleted = clause_range(&text, 5);
    text.replace_range(deleted, "");
    let moved = clause_range(&text, 10);
    let clause = text[moved.clone()].to_string();
    text.replace_range(moved, "");
    let before = clause_range(&text, 2).start;
    text.insert_str(before, &clause);
    let at = clause_range(&text, 20).start;
    text.insert_str(
        at,
        "<clause><verb>Requests</verb> the Monitoring Team to report on the &amp; <q>*new*</q> #measures;</clause>",
    );
    text
}

#[test]
fn a_long_un_resolution_round_trips_through_its_tracked_changes() {
    let dir = temp_dir();
    let old = long_document(&dir.path().join("old"));
    let text = std::fs::read_to_string(&old).unwrap();
    let new = dir.path().join("S_RES_2734-rev1.xml");
    std::fs::write(&new, edited(&text)).unwrap();
    let done = compare(
        &old,
        &new,
        &dir.path().join("summary"),
        &["--format", "docx"],
    );
    assert!(
        done.stderr
            .contains("1 inserted, 1 deleted, 1 changed, 1 moved"),
        "{}",
        done.stderr
    );
    check_pairs(&[(old, new)], "2024-06-10");
}

// ---------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------

#[test]
fn versions_in_different_languages_are_refused() {
    let dir = temp_dir();
    let done = run(respub(crate::util::root())
        .arg("compare")
        .arg(fixture("fr", "old"))
        .arg(fixture("en", "old"))
        .arg("--out")
        .arg(dir.path()));
    assert_eq!(done.code, Some(1), "{}", done.stderr);
    assert!(
        done.stderr
            .contains("the versions are in different languages"),
        "{}",
        done.stderr
    );
    assert!(
        done.stderr.contains("old.xml:"),
        "not located: {}",
        done.stderr
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn different_references_are_a_warning() {
    let dir = temp_dir();
    let text = std::fs::read_to_string(fixture("fr", "word")).unwrap();
    let new = dir.path().join("other.xml");
    std::fs::write(
        &new,
        text.replace("GA-2017-86-RES-06", "GA-2017-86-RES-07")
            .replace("<number>6</number>", "<number>7</number>"),
    )
    .unwrap();
    let done = compare(&fixture("fr", "old"), &new, &dir.path().join("out"), &[]);
    assert!(
        done.stderr
            .contains("warning: the versions have different references"),
        "{}",
        done.stderr
    );
    assert!(redline_path(&new, &dir.path().join("out"), "docx").exists());
}

#[test]
fn identical_versions_give_a_redline_that_says_so() {
    let dir = temp_dir();
    let old = fixture("en", "old");
    let done = compare(&old, &old_copy(&old, dir.path()), dir.path(), &[]);
    assert!(done.stderr.contains(": no changes -> "), "{}", done.stderr);
}

fn old_copy(old: &Path, dir: &Path) -> PathBuf {
    let copy = dir.join("same.xml");
    std::fs::copy(old, &copy).unwrap();
    copy
}

#[test]
fn an_invalid_version_reports_its_own_errors_and_writes_nothing() {
    let dir = temp_dir();
    let bad = dir.path().join("bad.xml");
    let text = std::fs::read_to_string(fixture("fr", "word")).unwrap();
    std::fs::write(
        &bad,
        text.replace("<verb>SACHANT</verb>", "<verbe>SACHANT</verbe>"),
    )
    .unwrap();
    let out = dir.path().join("out");
    let done = run(respub(crate::util::root())
        .arg("compare")
        .arg(fixture("fr", "old"))
        .arg(&bad)
        .arg("--out")
        .arg(&out));
    assert_eq!(done.code, Some(1), "{}", done.stderr);
    assert!(done.stderr.contains("bad.xml:"), "{}", done.stderr);
    assert!(done.stderr.contains("error"), "{}", done.stderr);
    assert!(!out.exists() || std::fs::read_dir(&out).unwrap().count() == 0);
}

#[test]
fn a_redline_is_written_in_its_formats_of_two_files() {
    let dir = temp_dir();
    let done = run(respub(crate::util::root())
        .arg("compare")
        .arg(fixture("fr", "old"))
        .arg(fixture("fr", "word"))
        .args(["--format", "akn", "--out"])
        .arg(dir.path()));
    assert_eq!(done.code, Some(2), "{}", done.stderr);
    assert!(done.stderr.contains("not akn"), "{}", done.stderr);
    let same = run(respub(crate::util::root())
        .arg("compare")
        .arg(fixture("fr", "word"))
        .arg(fixture("fr", "word"))
        .arg("--out")
        .arg(dir.path()));
    assert_eq!(same.code, Some(2), "{}", same.stderr);
    assert!(same.stderr.contains("is both versions"), "{}", same.stderr);
}
