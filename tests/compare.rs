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

// ---------------------------------------------------------------------
// The PDF and the EPUB
// ---------------------------------------------------------------------

fn tool(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| {
        panic!("`{program}` is needed by this test ({e}); install it with scripts/install-test-deps")
    });
    assert!(
        out.status.success(),
        "`{program} {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of `source` as the text writer prints it, from its opening
/// (the title block is laid out in another order in the PDF): its lines,
/// and its notes apart.
fn plain_text(source: &Path, dir: &Path, opening: &str) -> (String, String) {
    let done = run(respub(crate::util::root())
        .arg("build")
        .arg(source)
        .args(["--format", "txt", "--out"])
        .arg(dir));
    assert_eq!(done.code, Some(0), "{}", done.stderr);
    let stem = source.file_stem().unwrap().to_str().unwrap();
    let text = std::fs::read_to_string(dir.join(format!("{stem}.txt"))).unwrap();
    let start = text.find(opening).expect("the opening is in the text");
    // The notes, after the heading of the notes section.
    let text = match text.rfind("\nNotes\n") {
        Some(at) => format!("{}{}", &text[start..at], &text[at + "\nNotes".len()..]),
        None => text[start..].to_string(),
    };
    let (notes, lines): (Vec<&str>, Vec<&str>) = text.lines().partition(|l| {
        l.starts_with('[')
            && l.split_once(']')
                .is_some_and(|(n, _)| n[1..].parse::<u32>().is_ok())
    });
    // Note marks are numbers that follow the version printed too.
    let lines: Vec<String> = lines
        .into_iter()
        .map(|l| without_note_marks(without_label(l)))
        .collect();
    (lines.join("\n"), notes.join("\n"))
}

/// `line` without its note marks (`[2]`).
fn without_note_marks(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let close = rest[open..].find(']').map(|c| open + c);
        match close {
            Some(close) if rest[open + 1..close].chars().all(|c| c.is_ascii_digit()) => {
                out.push_str(&rest[..open]);
                rest = &rest[close + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A line of the text writer without the label it starts with ("4.",
/// "(b)", "2 bis."): labels follow the numbering of the version printed,
/// and a redline prints the new numbering.
fn without_label(line: &str) -> &str {
    let label = |token: &str| {
        let core = token.trim_start_matches('(').trim_end_matches(['.', ')']);
        !core.is_empty()
            && core.chars().count() <= 4
            && core.chars().all(char::is_alphanumeric)
            && (token.ends_with('.') || token.ends_with(')'))
    };
    let mut rest = line.trim_start();
    let mut tokens = rest.splitn(3, ' ');
    match (tokens.next(), tokens.next()) {
        (Some(first), Some(second)) if second == "bis." || second == "ter." => {
            rest = &rest[first.len() + second.len() + 2..];
        }
        (Some(first), Some(_)) if label(first) => rest = &rest[first.len() + 1..],
        _ => {}
    }
    rest
}

/// The letters and digits of `text`, lower-cased: words hyphenated at
/// line ends still match.
fn stream(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Asserts that the words of `expected` are in `printed`, in order.
fn assert_words_in_order(expected: &str, printed: &str, what: &str) {
    let printed = stream(printed);
    let mut at = 0;
    for word in words(expected) {
        match printed[at..].find(&word) {
            Some(p) => at += p + word.len(),
            None => panic!("{what}: `{word}` is missing or out of order"),
        }
    }
}

/// How many spans of the PDF's structure tree are tagged underlined, and
/// struck through.
fn decorations(pdf: &Path) -> (u64, u64) {
    let script = r#"
import sys, json, pikepdf
pdf = pikepdf.open(sys.argv[1])
counts = {'/Underline': 0, '/LineThrough': 0}
def walk(node, depth=0):
    if depth > 300 or not isinstance(node, pikepdf.Dictionary):
        return
    a = node.get('/A')
    attrs = [a] if isinstance(a, pikepdf.Dictionary) else [x for x in (a or []) if isinstance(x, pikepdf.Dictionary)]
    for x in attrs:
        t = str(x.get('/TextDecorationType', ''))
        if t in counts:
            counts[t] += 1
    kids = node.get('/K')
    if isinstance(kids, pikepdf.Array):
        for k in kids:
            walk(k, depth + 1)
    else:
        walk(kids, depth + 1)
walk(pdf.Root.StructTreeRoot)
xmp = str(pdf.Root.Metadata.read_bytes(), 'utf-8')
print(json.dumps({'counts': counts, 'a': 'pdfaid:part="3"' in xmp or '<pdfaid:part>3<' in xmp,
    'ua': 'pdfuaid:part="1"' in xmp or '<pdfuaid:part>1<' in xmp, 'marked': bool(pdf.Root.MarkInfo.Marked)}))
"#;
    let out = tool("python3", &["-c", script, pdf.to_str().unwrap()]);
    let facts: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(facts["a"], true, "not PDF/A-3: {facts}");
    assert_eq!(facts["ua"], true, "not PDF/UA-1: {facts}");
    assert_eq!(facts["marked"], true);
    tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    (
        facts["counts"]["/Underline"].as_u64().unwrap(),
        facts["counts"]["/LineThrough"].as_u64().unwrap(),
    )
}

#[test]
fn the_redline_pdf_holds_every_word_of_both_versions_in_order() {
    let dir = temp_dir();
    for (lang, opening) in [
        ("fr", "L’Assemblée générale"),
        ("en", "The Security Council"),
    ] {
        let old = fixture(lang, "old");
        let (old_text, old_notes) = plain_text(&old, &dir.path().join("txt"), opening);
        for edit in EDITS {
            let new = fixture(lang, edit);
            let out = dir.path().join(lang);
            compare(&old, &new, &out, &["--format", "pdf,epub"]);
            let pdf = redline_path(&new, &out, "pdf");
            let printed = tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
            let (new_text, new_notes) = plain_text(&new, &dir.path().join("txt"), opening);
            let what = format!("{lang} {edit}");
            assert_words_in_order(&new_text, &printed, &format!("{what}, the new version"));
            assert_words_in_order(&old_text, &printed, &format!("{what}, the old version"));
            for word in words(&old_notes).iter().chain(&words(&new_notes)) {
                assert!(
                    stream(&printed).contains(word),
                    "{what}: note word `{word}`"
                );
            }
            let (underlined, struck) = decorations(&pdf);
            assert!(underlined + struck > 0, "{what}: nothing is marked");
            // EPUBCheck takes seconds a book: the books with lists and notes.
            if matches!(edit, "item" | "note") {
                crate::epub::epubcheck_file(&redline_path(&new, &out, "epub"));
            }
        }
    }
}

#[test]
fn the_redline_pdf_marks_the_changed_words_and_nothing_else() {
    let dir = temp_dir();
    let old = fixture("fr", "old");
    // One word replaced: one deletion and one insertion, nothing else.
    let new = fixture("fr", "word");
    compare(&old, &new, dir.path(), &["--format", "pdf"]);
    assert_eq!(decorations(&redline_path(&new, dir.path(), "pdf")), (1, 1));
    // No change: no mark, and the summary says so.
    let same = old_copy(&old, dir.path());
    compare(&old, &same, dir.path(), &["--format", "pdf,epub"]);
    let pdf = redline_path(&same, dir.path(), "pdf");
    assert_eq!(decorations(&pdf), (0, 0));
    let printed = tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    assert!(
        printed.contains("Aucune modification par rapport à la version précédente."),
        "{printed}"
    );
    let epub = redline_path(&same, dir.path(), "epub");
    crate::epub::epubcheck_file(&epub);
}

#[test]
fn the_redline_epub_marks_changes_with_ins_and_del() {
    let dir = temp_dir();
    let new = fixture("en", "word");
    compare(
        &fixture("en", "old"),
        &new,
        dir.path(),
        &["--format", "epub"],
    );
    let epub = redline_path(&new, dir.path(), "epub");
    crate::epub::epubcheck_file(&epub);
    let text = docx_part(&epub, "EPUB/text/resolution.xhtml");
    assert!(text.contains("<del>actively </del>"), "{text}");
    assert!(text.contains(
        r#"class="redline-summary">Changes from the previous version: 1 clause changed.</p>"#
    ));
    assert!(text.contains("rev-changed"));
}
