//! `respub lint`: every rule finds its defect inside the element at fault,
//! clean texts report nothing, rules switch off per source and per style,
//! and language versions that lost or gained a paragraph are told so.

use std::fs;
use std::path::Path;

use crate::util::{repo_path, respub, run, style_copy, temp_dir};

/// The fixture every case starts from: it lints clean.
const CLEAN: &str = "tests/fixtures/lint/clean.en.xml";

/// One finding of a `--messages short` run: file, line, kind and rule.
#[derive(Debug)]
struct Finding {
    file: String,
    line: usize,
    kind: String,
    rule: String,
}

/// The findings printed by `respub lint` (`file:line:col: warning[rule]: …`).
fn findings(stderr: &str) -> Vec<Finding> {
    stderr
        .lines()
        .filter_map(|line| {
            let (head, _) = line.split_once("]: ")?;
            let (place, kind_rule) = head.rsplit_once(": ")?;
            let (kind, rule) = kind_rule.split_once('[')?;
            let mut parts = place.rsplitn(3, ':');
            let _column = parts.next()?;
            let line_no = parts.next()?.parse().ok()?;
            Some(Finding {
                file: parts.next()?.to_string(),
                line: line_no,
                kind: kind.to_string(),
                rule: rule.to_string(),
            })
        })
        .collect()
}

fn lint(cwd: &Path, args: &[&str]) -> crate::util::Run {
    run(respub(cwd)
        .arg("lint")
        .args(args)
        .args(["--messages", "short"]))
}

/// The 1-based line of the first line of `text` holding `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` is not in the fixture"))
        + 1
}

/// The lines of the element that starts at the line holding `at`: up to
/// the first line from there that closes a clause, or the metadata.
fn element_lines(text: &str, at: &str) -> std::ops::RangeInclusive<usize> {
    let start = line_of(text, at);
    let end = text
        .lines()
        .enumerate()
        .skip(start - 1)
        .find(|(_, l)| l.contains("</clause>") || l.contains("</meta>"))
        .map_or(start, |(i, _)| i + 1);
    start..=end
}

#[test]
fn the_clean_fixture_and_the_seed_lint_clean() {
    let r = lint(
        &repo_path(""),
        &[
            CLEAN,
            "sources/GA-2017-86-RES-06.fr.xml",
            "--deny",
            "warnings",
        ],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(findings(&r.stderr).is_empty(), "{}", r.stderr);
    assert!(
        r.stderr.contains("linted 2 sources: 0 warnings, 0 notes"),
        "{}",
        r.stderr
    );
}

/// Each rule with one defect: (rule, kind, what is replaced, by what, a
/// text on the line where the element at fault starts).
const CASES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "clause-punctuation",
        "warning",
        "the reports of the member countries;",
        "the reports of the member countries,",
        "<clause label=\"1.\">",
    ),
    (
        "clause-punctuation",
        "warning",
        "to remain seized of the matter.",
        "to remain seized of the matter;",
        "<clause label=\"4.\">",
    ),
    (
        "clause-punctuation",
        "warning",
        "      database,",
        "      database;",
        "<verb>Noting</verb>",
    ),
    (
        "list-punctuation",
        "warning",
        "to inform the member countries;",
        "to inform the member countries.",
        "<item label=\"(b)\">",
    ),
    (
        "preamble-operative-verb",
        "warning",
        "<verb>Noting</verb>",
        "<verb>Decides</verb>",
        "<verb>Decides</verb>",
    ),
    (
        "operative-participle",
        "warning",
        "<verb>Welcomes</verb>",
        "<verb>Recalling</verb>",
        "<clause label=\"1.\">",
    ),
    (
        "unknown-phrase",
        "note",
        "<verb>Invites</verb>",
        "<verb>Beckons</verb>",
        "<clause label=\"3.\">",
    ),
    (
        "clause-numbering",
        "warning",
        "<clause label=\"3.\">",
        "<clause label=\"5.\">",
        "<clause label=\"5.\">",
    ),
    (
        "clause-numbering",
        "warning",
        "<clause label=\"4.\">",
        "<clause label=\"3.\">",
        "to remain seized",
    ),
    (
        "list-numbering",
        "warning",
        "<item label=\"(c)\">",
        "<item label=\"(e)\">",
        "<item label=\"(e)\">",
    ),
    (
        "cross-reference",
        "warning",
        "paragraph 2 (b) above",
        "paragraph 7 above",
        "<clause label=\"3.\">",
    ),
    (
        "cross-reference",
        "warning",
        "paragraph 2 (b) above",
        "paragraph 2 (f) above",
        "<clause label=\"3.\">",
    ),
    (
        "cross-reference",
        "warning",
        "paragraph 1 below",
        "paragraphs 1 and 9 below",
        "<verb>Bearing in mind</verb>",
    ),
    (
        "repeated-word",
        "warning",
        "to publish the figures",
        "to publish the the figures",
        "<item label=\"(a)\">",
    ),
    (
        "unbalanced",
        "warning",
        "(a threat to every member country),",
        "(a threat to every member country,",
        "<verb>Recalling</verb>",
    ),
    (
        "unbalanced",
        "warning",
        "Travel Documents”",
        "Travel Documents",
        "<verb>Noting</verb>",
    ),
    (
        "dates",
        "warning",
        "date=\"2030-11-07\"",
        "date=\"2030-10-01\"",
        "<meta>",
    ),
    (
        "dates",
        "warning",
        "date=\"2030-11-07\"",
        "date=\"2030-12-07\"",
        "<meta>",
    ),
];

#[test]
fn every_rule_finds_its_defect_inside_the_element_at_fault() {
    let clean = fs::read_to_string(repo_path(CLEAN)).unwrap();
    let dir = temp_dir();
    let mut failures = Vec::new();
    for (i, &(rule, kind, from, to, at)) in CASES.iter().enumerate() {
        assert!(
            clean.contains(from),
            "case {i}: `{from}` is not in the fixture"
        );
        let text = clean.replacen(from, to, 1);
        let file = dir.path().join(format!("case-{i}.en.xml"));
        fs::write(&file, &text).unwrap();
        let check = run(respub(dir.path()).arg("check").arg(&file));
        assert_eq!(
            check.code,
            Some(0),
            "case {i} must be a clean source: {}",
            check.stderr
        );
        let r = lint(dir.path(), &[file.to_str().unwrap()]);
        // Warnings alone do not fail the run.
        assert_eq!(r.code, Some(0), "case {i}: {}", r.stderr);
        let found = findings(&r.stderr);
        let lines = element_lines(&text, at);
        let hit = found
            .iter()
            .any(|f| f.rule == rule && f.kind == kind && lines.contains(&f.line));
        let others: Vec<_> = found.iter().filter(|f| f.rule != rule).collect();
        if !hit || !others.is_empty() {
            failures.push(format!(
                "case {i} ({rule}: `{from}` → `{to}`): expected a {kind} on lines {lines:?}, got {found:?}\n{}",
                r.stderr
            ));
        }
        // And --deny warnings fails on it, unless it is only a note.
        let denied = lint(dir.path(), &[file.to_str().unwrap(), "--deny", "warnings"]);
        let expected = if kind == "warning" { 1 } else { 0 };
        if denied.code != Some(expected) {
            failures.push(format!(
                "case {i}: --deny warnings exited {:?}",
                denied.code
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_source_or_a_style_switches_a_rule_off() {
    let clean = fs::read_to_string(repo_path(CLEAN)).unwrap();
    let doubled = clean.replacen("to publish the figures", "to publish the the figures", 1);
    let dir = temp_dir();

    let allowed = doubled.replacen(
        "  </meta>",
        "    <lint allow=\"repeated-word\"/>\n  </meta>",
        1,
    );
    fs::write(dir.path().join("allowed.en.xml"), &allowed).unwrap();
    let r = lint(dir.path(), &["allowed.en.xml", "--deny", "warnings"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(findings(&r.stderr).is_empty(), "{}", r.stderr);

    // A name that is no rule is a finding of its own, at the metadata.
    let typo = doubled.replacen(
        "  </meta>",
        "    <lint allow=\"repeated-words\"/>\n  </meta>",
        1,
    );
    fs::write(dir.path().join("typo.en.xml"), &typo).unwrap();
    let r = lint(dir.path(), &["typo.en.xml"]);
    let found = findings(&r.stderr);
    assert!(
        found
            .iter()
            .any(|f| f.rule == "unknown-rule" && element_lines(&typo, "<meta>").contains(&f.line)),
        "{}",
        r.stderr
    );
    assert!(
        found.iter().any(|f| f.rule == "repeated-word"),
        "{}",
        r.stderr
    );

    // The same through the style.
    let styles = style_copy(&dir.path().join("styles"));
    let style = styles.join("official.toml");
    let mut toml = fs::read_to_string(&style).unwrap();
    toml.push_str("\n[lint]\nallow = [\"repeated-word\"]\n");
    fs::write(&style, toml).unwrap();
    fs::write(dir.path().join("doubled.en.xml"), &doubled).unwrap();
    let r = lint(dir.path(), &["doubled.en.xml"]);
    assert_eq!(findings(&r.stderr).len(), 1, "{}", r.stderr);
    let r = lint(
        dir.path(),
        &["doubled.en.xml", "--style", style.to_str().unwrap()],
    );
    assert!(findings(&r.stderr).is_empty(), "{}", r.stderr);
}

/// The four language versions of S/RES/2558 (2020), as the UN publishes
/// them in Akoma Ntoso.
const GROUP: [&str; 4] = [
    "tests/fixtures/corpus/2020/English/S_RES_2558 (2020)-2017560E.xml",
    "tests/fixtures/corpus/2020/French/S_RES_2558 (2020)-2017560F.xml",
    "tests/fixtures/corpus/2020/Spanish/S_RES_2558 (2020)-2017560S.xml",
    "tests/fixtures/corpus/2020/Arabic/S_RES_2558 (2020)-2017560A.xml",
];

/// The byte range of the `n`-th `<paragraph …>…</paragraph>` of `text`.
fn paragraph(text: &str, n: usize) -> std::ops::Range<usize> {
    let start = text
        .match_indices("<paragraph ")
        .nth(n)
        .expect("the version has the paragraph")
        .0;
    let end = start + text[start..].find("</paragraph>").unwrap() + "</paragraph>".len();
    start..end
}

#[test]
fn language_versions_that_lost_or_gained_a_paragraph_are_both_reported() {
    let dir = temp_dir();
    let names: Vec<String> = GROUP
        .iter()
        .map(|p| {
            Path::new(p)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let texts: Vec<String> = GROUP
        .iter()
        .map(|p| fs::read_to_string(repo_path(p)).unwrap())
        .collect();
    for (name, text) in names.iter().zip(&texts) {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let r = lint(dir.path(), &["."]);
    assert!(
        findings(&r.stderr).is_empty(),
        "a clean group: {}",
        r.stderr
    );

    // French loses its third operative paragraph; Spanish gains one.
    let mut french = texts[1].clone();
    french.replace_range(paragraph(&french, 2), "");
    fs::write(dir.path().join(&names[1]), &french).unwrap();
    let mut spanish = texts[2].clone();
    let second = paragraph(&spanish, 1);
    let copy = spanish[second.clone()].replacen("eId=\"", "eId=\"copy_", 1);
    spanish.insert_str(second.end, &format!("\n{copy}"));
    fs::write(dir.path().join(&names[2]), &spanish).unwrap();

    let r = lint(dir.path(), &["."]);
    let found = findings(&r.stderr);
    let parity: Vec<_> = found.iter().filter(|f| f.rule == "parity").collect();
    assert_eq!(parity.len(), 2, "{}", r.stderr);
    for (name, text) in [(&names[1], &french), (&names[2], &spanish)] {
        let body = line_of(text, "<mainBody>")..=line_of(text, "</mainBody>");
        let hit = parity
            .iter()
            .find(|f| f.file.ends_with(name.as_str()))
            .unwrap_or_else(|| panic!("no parity finding in {name}: {}", r.stderr));
        assert!(
            body.contains(&hit.line),
            "{name}: line {} is outside the operative part {body:?}",
            hit.line
        );
    }
    // Each names the versions it was compared with.
    assert!(r.stderr.contains(&names[0]), "{}", r.stderr);
}

/// Forms that published resolutions use correctly, each a change to the
/// clean fixture that must still lint clean: (what is replaced, by what).
const CORRECT_FORMS: &[(&str, &str)] = &[
    // An operative clause that opens with a participial phrase and
    // reaches its verb after a comma, as UN texts do.
    (
        "<verb>Invites</verb> the member countries",
        "Noting the figures, <verb>invites</verb> the member countries",
    ),
    // An adverb the preamble also opens with, the verb after it.
    (
        "<verb>Welcomes</verb> the reports",
        "<verb>Further</verb> welcomes the reports",
    ),
    // A joining word after the item's mark, with a comma.
    (
        "to consult the member countries;",
        "to consult the member countries; and,",
    ),
    // A preamble clause that ends with a list, the sentence going on in
    // the next clause: its last item ends as items do.
    (
        "<clause><verb>Noting</verb> the figures of the “Stolen and Lost Travel Documents”\n      database,</clause>",
        "<clause><verb>Noting</verb> the figures:\n      <list pattern=\"(a)\"><item label=\"(a)\">of the database;</item><item label=\"(b)\">of the notices;</item></list></clause>",
    ),
    // A section heading in bold, with a colon.
    (
        "<clause label=\"4.\">",
        "<clause><strong>Follow-up:</strong></clause>\n    <clause label=\"4.\">",
    ),
];

#[test]
fn forms_published_texts_use_correctly_lint_clean() {
    let clean = fs::read_to_string(repo_path(CLEAN)).unwrap();
    let dir = temp_dir();
    let mut failures = Vec::new();
    for (i, &(from, to)) in CORRECT_FORMS.iter().enumerate() {
        assert!(
            clean.contains(from),
            "form {i}: `{from}` is not in the fixture"
        );
        let file = dir.path().join(format!("form-{i}.en.xml"));
        fs::write(&file, clean.replacen(from, to, 1)).unwrap();
        let check = run(respub(dir.path()).arg("check").arg(&file));
        assert_eq!(
            check.code,
            Some(0),
            "form {i} must be a clean source: {}",
            check.stderr
        );
        let r = lint(dir.path(), &[file.to_str().unwrap()]);
        if !findings(&r.stderr).is_empty() {
            failures.push(format!("form {i} (`{to}`):\n{}", r.stderr));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
