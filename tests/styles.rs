//! House styles: the built-in style chosen for a document by its
//! organisation and body, the General Assembly style in every format, and
//! the warning for a style key the template never reads.

use std::path::Path;

use respub::source;
use respub::style::{Style, choose};

use crate::consistency::outputs;
use crate::util::{self, repo_path, respub, run};

/// A General Assembly resolution modelled on A/RES/80/7.
const GA: &str = "tests/fixtures/valid/A-RES-80-7.en.xml";

/// The seed: a resolution of INTERPOL's General Assembly.
const SEED: &str = "sources/GA-2017-86-RES-06.fr.xml";

/// A Security Council resolution.
const SC: &str = "tests/fixtures/valid/S-RES-2734 (2024) excerpt.en.xml";

/// The name of the built-in style chosen for the source at `rel`.
fn chosen(rel: &str) -> String {
    let file = source::load(&repo_path(rel)).unwrap_or_else(|(_, d)| panic!("{rel}: {d:?}"));
    let res = source::read(&file).unwrap_or_else(|d| panic!("{rel}: {d:?}"));
    choose(&Style::builtins(), &res.output.meta).name.clone()
}

#[test]
fn the_general_assembly_style_is_chosen_only_for_the_united_nations() {
    assert_eq!(chosen(GA), "unga");
    // INTERPOL's "Assemblée générale" is not the UN's.
    assert_eq!(chosen(SEED), "official");
    assert_eq!(chosen(SC), "unsc");
}

/// The text with its runs of white space made single spaces.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_general_assembly_resolution_has_its_masthead_title_and_closing_line_in_every_format() {
    let dir = util::temp_dir();
    let out = dir.path().join("out");
    // No --style: the style is chosen by the document.
    let found = outputs(&repo_path(GA), &out, None);
    // The masthead: the organisation, the body, the symbol at the top end,
    // the distribution and the date.
    let masthead = [
        "United Nations",
        "General Assembly",
        "A/RES/80/7",
        "Distr.: General",
        "3 November 2025",
    ];
    // Then, in this order, the lines over the title, the title, the text
    // and the closing line.
    let expected = [
        "Eightieth session",
        "Agenda item 89",
        "Resolution adopted by the General Assembly on 3 November 2025",
        "[without reference to a Main Committee (A/80/L.7)]",
        "80/7. Report of the International Atomic Energy Agency",
        "The General Assembly,",
        "Having received the report",
        "Requests the Secretary-General",
        "40th plenary meeting",
    ];
    for format in ["pdf", "epub", "docx"] {
        let text = flat(found[format]["text"].as_str().unwrap());
        for line in masthead {
            assert!(text.contains(line), "{format}: `{line}` in:\n{text}");
        }
        let mut from = 0;
        for line in expected {
            let at = text[from..]
                .find(line)
                .unwrap_or_else(|| panic!("{format}: `{line}` after byte {from} of:\n{text}"));
            from += at + line.len();
        }
        // The subject is in the title, not on a line of its own.
        assert!(!text.contains("Subject:"), "{format}: {text}");
        assert_eq!(
            text.matches("Report of the International Atomic Energy Agency")
                .count(),
            1,
            "{format}: {text}"
        );
        assert_eq!(
            found[format]["title"], "80/7. Report of the International Atomic Energy Agency",
            "{format}"
        );
    }
    // The operative paragraphs are numbered (the DOCX numbers them with
    // its numbering definitions, outside the text).
    for format in ["pdf", "epub"] {
        let text = flat(found[format]["text"].as_str().unwrap());
        assert!(text.contains("5. Requests"), "{format}: {text}");
    }
    // The closing line gives the date of the meeting, after its number.
    let pdf = flat(found["pdf"]["text"].as_str().unwrap());
    assert!(
        pdf.contains("40th plenary meeting 3 November 2025"),
        "{pdf}"
    );

    let file = |ext: &str| out.join(format!("A-RES-80-7.en.{ext}"));
    crate::epub::epubcheck_file(&file("epub"));
    let errors = crate::docx::openxml_errors(&file("docx"));
    assert!(errors.is_empty(), "openxml-audit:\n{}", errors.join("\n"));
}

#[test]
fn the_general_assembly_style_sets_preambular_phrases_and_operative_verbs_in_italics() {
    let style = Style::builtin_named("unga").unwrap();
    assert_eq!(style.verbs.preamble, respub::style::VerbTreatment::Italic);
    assert_eq!(style.verbs.operative, respub::style::VerbTreatment::Italic);
    // The EPUB's stylesheet and the DOCX's styles come from the same file.
    let dir = util::temp_dir();
    let built = run(respub(util::root()).args([
        "build",
        GA,
        "--format",
        "epub,docx",
        "--out",
        dir.path().to_str().unwrap(),
    ]));
    assert_eq!(built.code, Some(0), "{}", built.stderr);
    let epub = dir.path().join("A-RES-80-7.en.epub");
    let page = unzip(&epub, "EPUB/text/resolution.xhtml");
    let css = unzip(&epub, "EPUB/css/respub.css");
    for verb in [
        "Having received",
        "Recognizing also",
        "Takes note",
        "Requests",
    ] {
        let span = format!("<span class=\"verb italic\">{verb}</span>");
        assert!(page.contains(&span), "{span} in {page}");
    }
    assert!(
        flat(&css).contains("span.verb.italic { font-style: italic;"),
        "{css}"
    );
    let docx = dir.path().join("A-RES-80-7.en.docx");
    let document = unzip(&docx, "word/document.xml");
    let styles = unzip(&docx, "word/styles.xml");
    // The verb's space is a run of its own, narrowed as the justified
    // text's spaces are, in the verb's style too.
    let run = "<w:rStyle w:val=\"ResolutionVerbItalic\"/><w:lang w:val=\"en-GB\"/></w:rPr><w:t xml:space=\"preserve\">Having</w:t></w:r><w:r><w:rPr><w:rStyle w:val=\"ResolutionVerbItalic\"/><w:w w:val=\"67\"/><w:lang w:val=\"en-GB\"/></w:rPr><w:t xml:space=\"preserve\"> </w:t>";
    assert!(document.contains(run), "{document}");
    assert!(
        styles.contains("w:styleId=\"ResolutionVerbItalic\"><w:name w:val=\"Resolution Verb Italic\"/><w:basedOn w:val=\"ResolutionVerb\"/><w:qFormat/><w:rPr><w:i/>"),
        "{styles}"
    );
}

/// The part `name` of the ZIP file `path`, as text.
fn unzip(path: &Path, name: &str) -> String {
    let read = std::process::Command::new("unzip")
        .args(["-p", path.to_str().unwrap(), name])
        .output()
        .expect("unzip is installed");
    assert!(read.status.success(), "{name} in {}", path.display());
    String::from_utf8(read.stdout).unwrap()
}

#[test]
fn a_style_key_the_template_never_reads_is_a_warning_with_the_file_and_the_key() {
    let dir = util::temp_dir();
    let styles = util::style_copy(&dir.path().join("styles"));
    let check = |style: &Path| {
        run(respub(dir.path()).args([
            "check",
            repo_path(GA).to_str().unwrap(),
            "--style",
            style.to_str().unwrap(),
        ]))
    };
    let style = styles.join("unga.toml");
    let untouched = check(&style);
    assert_eq!(untouched.code, Some(0), "{}", untouched.stderr);
    assert!(
        !untouched.stderr.contains("warning"),
        "{}",
        untouched.stderr
    );

    // A template that no longer prints the committee line.
    let template = styles.join("unga.typ");
    let text = std::fs::read_to_string(&template).unwrap();
    let reads = "  if d.head.committee != none {\n    v(0.5em)\n    par(d.head.committee)\n  }\n";
    assert!(text.contains(reads), "{text}");
    std::fs::write(&template, text.replace(reads, "")).unwrap();
    let warned = check(&style);
    assert_eq!(warned.code, Some(0), "a warning only: {}", warned.stderr);
    let line = std::fs::read_to_string(&style)
        .unwrap()
        .lines()
        .position(|l| l.starts_with("committee = true"))
        .unwrap()
        + 1;
    let stderr = &warned.stderr;
    assert!(stderr.contains("warning"), "{stderr}");
    assert!(stderr.contains("`title.committee`"), "{stderr}");
    assert!(stderr.contains("`unga.typ`"), "{stderr}");
    assert!(stderr.contains(&format!("unga.toml:{line}:1")), "{stderr}");
    assert_eq!(stderr.matches("warning").count(), 1, "{stderr}");
}
