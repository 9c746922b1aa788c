//! The source format end to end: the seed passes `respub check`, its model
//! holds every word of the seed text, hostile and malformed inputs are
//! refused with a precise message, and the schema, the documentation and
//! the reader define the same vocabulary.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use respub::source::xml::vocabulary;
use respub::source::{self, SourceFile};
use respub::style::Style;

use crate::util::{self, Run};

const SEED_SOURCE: &str = "sources/GA-2017-86-RES-06.fr.xml";
/// The seed as published (a copy of the shared seed file).
const SEED_TEXT: &str = "tests/fixtures/seed.txt";
const INVALID: &str = "tests/fixtures/invalid";
const VALID: &str = "tests/fixtures/valid";

fn fixtures(dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(util::repo_path(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn check(cwd: &Path, path: &str, short: bool) -> Run {
    let mut cmd = util::respub(cwd);
    cmd.args(["check", path, "--color", "never"]);
    if short {
        cmd.args(["--messages", "short"]);
    }
    util::run(&mut cmd)
}

#[test]
fn check_passes_on_the_sources_folder() {
    let run = check(util::root(), "sources/", false);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains(" clean, 0 with errors"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("warning"),
        "the seed has no warnings: {}",
        run.stderr
    );
}

/// Words of `text` after folding no-break spaces and the seed's markdown.
fn words(text: &str) -> Vec<String> {
    let text = text
        .replace("<sup>", "")
        .replace("</sup>", "")
        .replace("**", "")
        .replace("##", "")
        .replace(['\u{a0}', '\u{202f}'], " ")
        // French typography prints the typed apostrophe as ’.
        .replace('’', "'");
    text.split_whitespace().map(str::to_string).collect()
}

#[test]
fn the_seed_model_holds_every_word_of_the_seed_in_order() {
    let seed = std::fs::read_to_string(util::repo_path(SEED_TEXT))
        .expect("the seed text is in tests/fixtures");
    let file = SourceFile::open(&util::repo_path(SEED_SOURCE)).unwrap();
    let res = source::read(&file).expect("the seed reads cleanly").output;
    let text = util::text_of(&res, &Style::builtin());
    let model = words(&text);
    let expected = words(&seed);
    // Every word of the seed appears in the model's text, in order; the
    // model may add words (the organisation and body at the top).
    let mut at = 0;
    for (i, word) in expected.iter().enumerate() {
        match model[at..].iter().position(|w| w == word) {
            Some(p) => at += p + 1,
            None => panic!(
                "word {i} `{word}` of the seed is missing after `{}` in the model's text:\n{text}",
                model[..at].join(" ")
            ),
        }
    }
    // And nothing is lost between the first and the last word of the body:
    // the text from the opening on is exactly the seed's.
    let start = model.iter().position(|w| w == "L'Assemblée").unwrap();
    let end = model.iter().position(|w| w == "maximale.").unwrap();
    let seed_start = expected.iter().position(|w| w == "L'Assemblée").unwrap();
    let seed_end = expected.iter().position(|w| w == "maximale.").unwrap();
    let body: Vec<_> = model[start..=end].iter().filter(|w| !is_label(w)).collect();
    let seed_body: Vec<_> = expected[seed_start..=seed_end]
        .iter()
        .filter(|w| !is_label(w))
        .collect();
    assert_eq!(body, seed_body);
}

fn is_label(word: &str) -> bool {
    word.strip_suffix('.')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Replaces the temporary folder in messages so snapshots are stable.
fn normalise(text: &str, dir: &Path) -> String {
    text.replace(&dir.display().to_string(), "[TMP]")
}

/// Runs `check` on `path` in both message formats and returns the snapshot
/// text, after the checks every refused input must pass.
fn refused(cwd: &Path, path: &str) -> String {
    let human = check(cwd, path, false);
    let short = check(cwd, path, true);
    for run in [&human, &short] {
        assert_eq!(run.code, Some(1), "{path}: expected exit 1\n{}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{path}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{path}: diagnostics go to stderr");
    }
    // The short form starts with `file:line:column: error`.
    let first = short.stderr.lines().next().unwrap_or_default();
    let rest = first
        .strip_prefix(path)
        .and_then(|r| r.strip_prefix(':'))
        .unwrap_or_else(|| {
            panic!("{path}: the first line does not name the file: {first}");
        });
    let mut parts = rest.splitn(3, ':');
    let (line, column) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    assert!(
        line.parse::<usize>().is_ok() && column.parse::<usize>().is_ok(),
        "{path}: no line:column in `{first}`"
    );
    assert!(
        parts.next().unwrap_or("").trim_start().starts_with("error"),
        "{path}: `{first}` is not an error"
    );
    format!(
        "$ respub check {path}\n{}\n$ respub check {path} --messages short\n{}",
        human.stderr, short.stderr
    )
}

#[test]
fn malformed_and_hostile_inputs_are_refused_precisely() {
    let names = fixtures(INVALID);
    assert!(names.len() >= 25, "only {} fixtures", names.len());
    for name in &names {
        let path = format!("{INVALID}/{name}");
        let text = refused(util::root(), &path);
        let stem = name.trim_end_matches(".xml").replace([' ', '(', ')'], "-");
        insta::assert_snapshot!(format!("invalid-{stem}"), text);
    }
}

#[test]
fn united_nations_texts_can_be_expressed() {
    // Footnotes, annexes, titled points, nested (a)/(i) lists, numbered
    // operative paragraphs, explicit labels.
    for name in fixtures(VALID) {
        let path = format!("{VALID}/{name}");
        let run = check(util::root(), &path, false);
        assert_eq!(run.code, Some(0), "{path}: {}", run.stderr);
        assert!(!run.stderr.contains("warning"), "{path}: {}", run.stderr);
    }
}

#[test]
fn deeply_nested_elements_give_one_error_without_overflow() {
    let dir = util::temp_dir();
    // Deep enough to overflow any recursion, small enough to be read (1 MB).
    let depth = 50_000;
    let mut text = String::from("<resolution xmlns=\"urn:respub:resolution:1\" xml:lang=\"en\">\n");
    text.push_str(&"<list>".repeat(depth));
    text.push_str(&"</list>".repeat(depth));
    text.push_str("</resolution>\n");
    std::fs::write(dir.path().join("deep.xml"), text).unwrap();
    let snapshot = refused(dir.path(), "deep.xml");
    insta::assert_snapshot!("generated-deep-nesting", normalise(&snapshot, dir.path()));
}

#[test]
fn a_50_mb_file_of_junk_is_refused_at_its_first_byte() {
    let dir = util::temp_dir();
    let path = dir.path().join("junk.xml");
    // Deterministic junk: a linear congruential sequence, no clock.
    let mut state: u32 = 2017;
    let junk: Vec<u8> = (0..50 * 1024 * 1024)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (state >> 16) as u8
        })
        .collect();
    std::fs::write(&path, junk).unwrap();
    let snapshot = refused(dir.path(), "junk.xml");
    assert!(snapshot.contains("junk.xml:1:1"), "{snapshot}");
    insta::assert_snapshot!("generated-50mb-junk", normalise(&snapshot, dir.path()));
}

#[test]
fn a_utf8_byte_order_mark_is_accepted() {
    let dir = util::temp_dir();
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(std::fs::read(util::repo_path(SEED_SOURCE)).unwrap());
    std::fs::write(dir.path().join("bom.xml"), bytes).unwrap();
    let run = check(dir.path(), "bom.xml", false);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn errors_after_a_byte_order_mark_point_at_the_right_place() {
    let dir = util::temp_dir();
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    let seed = std::fs::read_to_string(util::repo_path(SEED_SOURCE)).unwrap();
    bytes.extend(
        seed.replace("<number>6</number>", "<number>7</number>")
            .into_bytes(),
    );
    std::fs::write(dir.path().join("bom.xml"), bytes).unwrap();
    let run = check(dir.path(), "bom.xml", true);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.starts_with("bom.xml:5:5: error"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_schema_validates_the_seed_and_refuses_invalid_sources() {
    assert!(
        util::has_program("xmllint"),
        "xmllint is needed (apt install libxml2-utils)"
    );
    let xmllint = |file: &str| {
        util::run(
            std::process::Command::new("xmllint")
                .current_dir(util::root())
                .args(["--noout", "--nonet", "--relaxng", "schema/respub.rng", file]),
        )
    };
    let valid = std::iter::once(SEED_SOURCE.to_string())
        .chain(fixtures(VALID).into_iter().map(|n| format!("{VALID}/{n}")));
    for file in valid {
        let run = xmllint(&file);
        assert_eq!(run.code, Some(0), "{file}: {}", run.stderr);
    }
    for name in [
        "unknown-element-near-miss",
        "unknown-status",
        "missing-reference",
        "invalid-date",
        "element-in-wrong-place",
    ] {
        let run = xmllint(&format!("{INVALID}/{name}.xml"));
        assert_eq!(
            run.code,
            Some(3),
            "the schema accepts {name}: {}",
            run.stderr
        );
    }
}

/// Element name → attribute names, as `schema/respub.rng` defines them.
fn schema_vocabulary() -> BTreeMap<String, BTreeSet<String>> {
    use quick_xml::events::Event;
    let text = std::fs::read_to_string(util::repo_path("schema/respub.rng")).unwrap();
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    // The enclosing `element` patterns, innermost last (None for others).
    let mut stack: Vec<Option<String>> = Vec::new();
    loop {
        let (start, empty) = match reader.read_event().unwrap() {
            Event::Start(e) => (e.into_owned(), false),
            Event::Empty(e) => (e.into_owned(), true),
            Event::End(_) => {
                stack.pop();
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let kind = start.local_name().as_ref().to_string();
        let name = start.try_get_attribute("name").unwrap().map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .unwrap()
                .into_owned()
        });
        let element = match (kind.as_str(), name) {
            ("element", Some(name)) => {
                out.entry(name.clone()).or_default();
                Some(name)
            }
            ("attribute", Some(name)) => {
                let owner = stack
                    .iter()
                    .rev()
                    .flatten()
                    .next()
                    .expect("attributes belong to elements");
                out.get_mut(owner).unwrap().insert(name);
                None
            }
            _ => None,
        };
        if !empty {
            stack.push(element);
        }
    }
    out
}

#[test]
fn schema_reader_and_documentation_define_the_same_vocabulary() {
    let schema = schema_vocabulary();
    let reader: BTreeMap<String, BTreeSet<String>> = vocabulary::ELEMENTS
        .iter()
        .map(|e| {
            (
                e.name.to_string(),
                e.attributes.iter().map(|a| a.name.to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(
        schema, reader,
        "schema/respub.rng and the reader's vocabulary differ"
    );

    let docs = std::fs::read_to_string(util::repo_path("docs/source-format.md")).unwrap();
    for (element, attributes) in &schema {
        // Empty elements are documented as written: `<br/>`.
        let heading = format!("### `<{element}>`");
        let empty = format!("### `<{element}/>`");
        let (at, heading) = docs
            .find(&heading)
            .map(|at| (at, heading.clone()))
            .or_else(|| docs.find(&empty).map(|at| (at, empty)))
            .unwrap_or_else(|| panic!("docs/source-format.md has no section `{heading}`"));
        let section = &docs[at + heading.len()..];
        let section = &section[..section.find("\n#").unwrap_or(section.len())];
        for attribute in attributes {
            assert!(
                section.contains(&format!("`{attribute}`")),
                "the section on `<{element}>` does not document its attribute `{attribute}`"
            );
        }
    }
    // And the documentation describes no element the schema lacks.
    for line in docs.lines().filter(|l| l.starts_with("### `<")) {
        let name = line
            .trim_start_matches("### `<")
            .split(['>', '/'])
            .next()
            .unwrap();
        assert!(
            schema.contains_key(name),
            "docs/source-format.md documents `<{name}>`, which the schema lacks"
        );
    }
}
