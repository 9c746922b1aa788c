//! One source, the same document in every format: the links a reader may
//! follow, the document's properties, the emblem and its alternative text,
//! the language's typography — read back from the PDF, the EPUB and the
//! DOCX by the tools their readers use (pikepdf and poppler, the EPUB's
//! package and XHTML, the DOCX's parts), through the real binary.

use std::path::{Path, PathBuf};

use crate::util::{self, repo_path, respub, run};

/// Builds `source` into PDF, EPUB and DOCX under `out` with the real
/// binary (and `style`, if given), and returns what each output says of
/// itself (tests/tools/outputs.py).
pub(crate) fn outputs(source: &Path, out: &Path, style: Option<&Path>) -> serde_json::Value {
    let mut cmd = respub(util::root());
    cmd.args([
        "build",
        source.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    if let Some(style) = style {
        cmd.args(["--style", style.to_str().unwrap()]);
    }
    let built = run(&mut cmd);
    assert_eq!(built.code, Some(0), "{}", built.stderr);
    let stem = source.file_stem().unwrap().to_str().unwrap();
    let file = |ext: &str| out.join(format!("{stem}.{ext}"));
    let files: Vec<PathBuf> = ["pdf", "epub", "docx"].iter().map(|e| file(e)).collect();
    let read = std::process::Command::new("python3")
        .arg(repo_path("tests/tools/outputs.py"))
        .args(&files)
        .output()
        .expect("python3 with pikepdf is installed by scripts/test");
    assert!(
        read.status.success(),
        "reading the outputs failed: {}",
        String::from_utf8_lossy(&read.stderr)
    );
    serde_json::from_slice(&read.stdout).expect("outputs.py prints JSON")
}

fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("a list: {value}"))
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_same_links_are_followable_in_every_format_and_check_names_the_others() {
    let source = repo_path("tests/fixtures/consistency/links.fr.xml");
    let dir = util::temp_dir();
    let found = outputs(&source, dir.path(), None);
    let expected = [
        "https://www.interpol.int/fr",
        "mailto:secretariat@interpol.int",
        "https://www.interpol.int/fr/Rapport%20annuel%202017.pdf",
        "https://www.interpol.int/Resolutions",
    ];
    for format in ["pdf", "epub", "docx"] {
        assert_eq!(
            strings(&found[format]["links"]),
            expected,
            "the followable links of the {format}"
        );
    }

    // Each address no reader may follow is reported once, at its place.
    let check =
        run(respub(util::root()).args(["check", source.to_str().unwrap(), "--messages", "short"]));
    assert_eq!(check.code, Some(0), "warnings only: {}", check.stderr);
    let name = "tests/fixtures/consistency/links.fr.xml";
    for (at, scheme) in [
        ("17:43", "ftp"),
        ("21:43", "javascript"),
        ("21:89", "file"),
        ("21:136", "data"),
    ] {
        let line = format!("{name}:{at}: warning: the link to `{scheme}:");
        assert_eq!(
            check.stderr.matches(&line).count(),
            1,
            "{line}\n{}",
            check.stderr
        );
    }
    assert_eq!(check.stderr.matches("will not be followable").count(), 4);
}

/// The sources whose outputs are compared: the seed, and United Nations
/// resolutions in English, French, Spanish and Arabic, with notes and
/// annexes.
const SOURCES: [&str; 5] = [
    "sources/GA-2017-86-RES-06.fr.xml",
    "tests/fixtures/akn/S_RES_2722-2400437E.xml",
    "tests/fixtures/akn/S_RES_2751-2417748F.xml",
    "tests/fixtures/akn/S_RES_2730-2409275S.xml",
    "tests/fixtures/akn/S_RES_2741-2411824A.xml",
];

#[test]
fn title_subject_language_date_and_emblem_agree_in_every_format() {
    let dir = util::temp_dir();
    for source in SOURCES {
        let found = outputs(&repo_path(source), dir.path(), None);
        let (pdf, epub, docx) = (&found["pdf"], &found["epub"], &found["docx"]);
        let title = pdf["title"].as_str().unwrap();
        assert!(!title.is_empty(), "{source}: the PDF has a title");
        for (what, value) in [
            ("XMP title", &pdf["xmp_title"]),
            ("EPUB title", &epub["title"]),
            ("DOCX title", &docx["title"]),
        ] {
            assert_eq!(value.as_str().unwrap(), title, "{source}: {what}");
        }
        let subject = pdf["subject"].as_str().unwrap();
        assert_eq!(epub["subject"].as_str().unwrap(), subject, "{source}");
        assert_eq!(docx["subject"].as_str().unwrap(), subject, "{source}");
        let language = pdf["language"].as_str().unwrap();
        assert!(!language.is_empty(), "{source}: the PDF has a language");
        for value in [&pdf["xmp_language"], &epub["language"], &docx["language"]] {
            assert_eq!(value.as_str().unwrap(), language, "{source}: language");
        }
        let created = pdf["created"].as_str().unwrap();
        assert_eq!(epub["created"].as_str().unwrap(), created, "{source}");
        assert_eq!(docx["created"].as_str().unwrap(), created, "{source}");
        assert_eq!(pdf["keywords"], docx["keywords"], "{source}: keywords");

        // The emblem, with the same alternative text, in every format.
        let alts = strings(&pdf["emblem_alts"]);
        assert_eq!(alts.len(), 1, "{source}: one figure in the PDF");
        assert!(!alts[0].trim().is_empty(), "{source}: alternative text");
        assert_eq!(strings(&epub["emblem_alts"]), alts, "{source}: EPUB");
        assert_eq!(strings(&docx["emblem_alts"]), alts, "{source}: DOCX");
        assert_eq!(strings(&epub["images"]).len(), 1, "{source}");
        assert_eq!(
            strings(&docx["images"]),
            ["word/media/emblem.png", "word/media/emblem.svg"],
            "{source}: the DOCX has the SVG and its PNG"
        );
    }
}

#[test]
fn french_apostrophes_are_typographic_in_every_format() {
    let dir = util::temp_dir();
    let found = outputs(&repo_path(SOURCES[0]), dir.path(), None);
    for format in ["pdf", "epub", "docx"] {
        let text = found[format]["text"].as_str().unwrap();
        assert!(
            text.contains("L’Assemblée générale de l’O.I.P.C.-INTERPOL"),
            "{format}: {text}"
        );
        assert!(!text.contains("l'"), "{format} keeps a typed apostrophe");
    }
}

/// A German locale file in a copy of the built-in style folder: German
/// labels, quotation marks and spacing, with no change to respub.
const GERMAN: &str = r#"language = "de"
name = "Deutsch"
direction = "ltr"
script = "latin"
word-language = "de-DE"
iso639-2 = "deu"
iso639-2-aliases = ["ger"]
list-patterns = ["1.", "a)", "i)", "–"]
months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"]
date = "{day}. {month} {year}"

[labels]
distribution = "Verteilung: {distribution}"
title = "Entschließung Nr. {number}"
subject = "Betreff:"
page = "Seite {page} von {pages}"
annex = "Anlage"
notes = "Anmerkungen"
contents = "Inhalt"
preamble = "Präambel"
operative = "Beschlussteil"
back-to-text = "Zurück zum Text"
summary = "{title}: vollständiger Text, mit Überschriften gegliedert, in logischer Lesereihenfolge."
status-adopted = "Angenommen"
status-not-adopted = "Nicht angenommen"
status-draft = "Entwurf"
status-withdrawn = "Zurückgezogen"
emblem = "Emblem der {organisation}"
emblem-alone = "Emblem"

[quotes]
open = "„"
close = "“"
inner-open = "‚"
inner-close = "‘"

[typography]
apostrophe = "’"
space-before = { ";" = "none", ":" = "none", "!" = "none", "?" = "none" }
bind-to-number = ["Nr."]
"#;

const GERMAN_SOURCE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<resolution xmlns="urn:respub:resolution:1" xml:lang="de">
  <meta>
    <reference>GA-2017-86-RES-06</reference>
    <number>6</number>
    <organisation short="INTERPOL">IKPO-INTERPOL</organisation>
    <body>Generalversammlung</body>
    <subject>Stellungnahme zur globalen Sicherheit</subject>
    <status value="adopted" date="2017-09-29"/>
  </meta>
  <opening>Die Generalversammlung der IKPO-INTERPOL,</opening>
  <preamble>
    <clause><verb>IN DEM BEWUSSTSEIN</verb>, dass sich die Bedrohungen wandeln ;</clause>
  </preamble>
  <operative>
    <clause><verb>BILLIGT</verb> das Dokument <q>Stellungnahme zur globalen Sicherheit</q>.</clause>
  </operative>
</resolution>
"#;

#[test]
fn a_language_is_added_by_adding_its_locale_file() {
    let dir = util::temp_dir();
    let style = util::style_copy(&dir.path().join("style"));
    std::fs::write(style.join("locales/de.toml"), GERMAN).unwrap();
    let source = dir.path().join("beschluss.de.xml");
    std::fs::write(&source, GERMAN_SOURCE).unwrap();
    let style_file = style.join("official.toml");

    let check = run(respub(dir.path()).args([
        "check",
        source.to_str().unwrap(),
        "--style",
        style_file.to_str().unwrap(),
    ]));
    assert_eq!(check.code, Some(0), "{}", check.stderr);
    assert!(!check.stderr.contains("warning"), "{}", check.stderr);

    let found = outputs(&source, &dir.path().join("out"), Some(&style_file));
    for format in ["pdf", "epub", "docx"] {
        let text = found[format]["text"].as_str().unwrap();
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for expected in [
            "Entschließung Nr.",
            "„Stellungnahme zur globalen Sicherheit“",
            "Bedrohungen wandeln;",
            "Angenommen",
        ] {
            assert!(flat.contains(expected), "{format}: `{expected}` in {flat}");
        }
        assert_eq!(found[format]["language"], "de", "{format}");
    }
    assert_eq!(
        strings(&found["pdf"]["emblem_alts"]),
        ["Emblem der IKPO-INTERPOL"]
    );
}

/// Every Rust file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a Rust file without its test module (nothing, for a file
/// that is a test module).
fn code_of(path: &Path) -> String {
    if path.file_name().is_some_and(|n| n == "tests.rs") {
        return String::new();
    }
    let text = std::fs::read_to_string(path).unwrap();
    match text.find("#[cfg(test)]") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

#[test]
fn no_writer_uses_a_reader_and_no_language_is_named_in_code() {
    let mut files = Vec::new();
    rust_files(&repo_path("src/render"), &mut files);
    for file in &files {
        let code = code_of(file);
        for line in code
            .lines()
            .map(|l| l.split("//").next().unwrap_or_default())
        {
            for reader in [
                "source::akn",
                "source::xml",
                "source::tree",
                "source::decode",
            ] {
                assert!(
                    !line.contains(reader),
                    "{} uses the reader module `{reader}`: {line}",
                    file.display()
                );
            }
        }
    }
    // Language codes belong in the locale files.
    let mut files = Vec::new();
    rust_files(&repo_path("src"), &mut files);
    let codes = [
        "\"fr\"",
        "\"en\"",
        "\"es\"",
        "\"ar\"",
        "\"ru\"",
        "\"zh\"",
        "\"fra\"",
        "\"eng\"",
        "\"spa\"",
        "\"ara\"",
        "\"fr-FR\"",
        "\"en-GB\"",
        "\"ar-SA\"",
    ];
    for file in &files {
        let code = code_of(file);
        for (number, line) in code.lines().enumerate() {
            let line = line.split("//").next().unwrap_or_default();
            for c in codes {
                // The fallback locale of a style is English, by name.
                let fallback = line.contains("locales.get(\"en\")")
                    || line.contains("Language(\"en\".into())")
                    || line.contains("unwrap_or(\"en\")");
                assert!(
                    !line.contains(c) || fallback,
                    "{}:{}: the language code {c} belongs in a locale file",
                    file.display(),
                    number + 1
                );
            }
        }
    }
}
