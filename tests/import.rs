//! respub XML out and `respub import`: every document respub reads, written
//! as respub XML, reads back as the same model and validates against the
//! schema; the command writes sources safely and reports bad inputs at
//! their place.

use std::fs;
use std::path::{Path, PathBuf};

use respub::model::{
    Block, Clause, Footnote, Heading, Inline, LabelPattern, Link, List, ListItem, Paragraph,
    Reference, Resolution, Tally, Vote,
};
use respub::render::xml;
use respub::source::{self, SourceFile};

use crate::util::{self, repo_path, respub, run};

const SEED: &str = "sources/GA-2017-86-RES-06.fr.xml";
const AKN: &str = "tests/fixtures/akn/S_RES_2722-2400437E.xml";
const TEXT: &str = "tests/fixtures/text";
/// The seed as it arrived, in text: `/work/shared/seeds/000_d3a0c8379349494b.txt`.
const SEED_TEXT: &str = "tests/fixtures/text/GA-2017-86-RES-06.fr.txt";

fn read(path: &Path) -> Resolution {
    let file = SourceFile::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    source::read(&file)
        .unwrap_or_else(|d| panic!("{}: {d:?}", path.display()))
        .output
}

/// The model read back from respub XML; an error on any diagnostic but
/// the warning about clauses without a verb (headings alone are clauses):
/// the writer's output is clean.
fn reread(bytes: &[u8], what: &str) -> Result<Resolution, String> {
    let file = SourceFile::new("written.xml", bytes.to_vec());
    let text = file.text().text;
    let shown = |d: &[respub::diag::Diagnostic]| {
        d.iter()
            .take(5)
            .map(|d| {
                let (line, column) =
                    respub::diag::line_column(&text, d.span.map_or(0, |s| s.start));
                format!("{line}:{column}: {}", d.message)
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let warned = source::xml::read(&file)
        .map_err(|d| format!("{what}: the written XML is refused: {}", shown(&d)))?;
    let unexpected: Vec<_> = warned
        .warnings
        .iter()
        .filter(|w| !w.message.contains("does not open with a `<verb>`"))
        .cloned()
        .collect();
    if !unexpected.is_empty() {
        return Err(format!(
            "{what}: reading the written XML warns: {}",
            shown(&unexpected)
        ));
    }
    Ok(warned.output)
}

/// Writes `res` as respub XML and checks that it reads back as `res`, and
/// that writing that again gives the same bytes. Returns the bytes, or
/// what went wrong (the models and the XML are saved for a look).
fn round_trip(res: &Resolution, what: &str) -> Result<Vec<u8>, String> {
    let bytes = xml::to_xml(res, false).into_bytes();
    let saved = |name: &str, expected: &str, got: &str| {
        let dir = std::env::temp_dir()
            .join("respub-xml-round-trip")
            .join(name);
        let _ = fs::create_dir_all(&dir);
        let _ = fs::write(dir.join("expected.txt"), expected);
        let _ = fs::write(dir.join("got.txt"), got);
        let _ = fs::write(dir.join("written.xml"), &bytes);
        dir.display().to_string()
    };
    let name = Path::new(what)
        .file_name()
        .map_or(what.to_string(), |n| n.to_string_lossy().into_owned());
    let back = reread(&bytes, what).map_err(|e| format!("{e} (see {})", saved(&name, "", "")))?;
    let (expected, got) = (res.clone().without_spans(), back.clone().without_spans());
    if expected != got {
        let dir = saved(&name, &format!("{expected:#?}"), &format!("{got:#?}"));
        return Err(format!(
            "{what}: the round trip changed the model; see {dir}"
        ));
    }
    if xml::to_xml(&back, false).into_bytes() != bytes {
        return Err(format!("{what}: the output is not canonical"));
    }
    match xml::write(res) {
        Ok(checked) if checked == bytes => Ok(bytes),
        Ok(_) => Err(format!("{what}: the checked writer disagrees")),
        Err(e) => Err(format!("{what}: {e}")),
    }
}

fn assert_round_trip(res: &Resolution, what: &str) -> Vec<u8> {
    round_trip(res, what).unwrap_or_else(|e| panic!("{e}"))
}

/// Round-trips every file of `files`, failing with the list of those that
/// do not.
fn assert_all_round_trip(files: &[PathBuf], what: &str) {
    let failed: Vec<String> = files
        .iter()
        .filter_map(|path| round_trip(&read(path), &path.display().to_string()).err())
        .collect();
    eprintln!(
        "{} of {} {what} round-trip identically",
        files.len() - failed.len(),
        files.len()
    );
    assert!(
        failed.is_empty(),
        "{} of {} {what} do not round-trip:\n{}",
        failed.len(),
        files.len(),
        failed.join("\n")
    );
}

/// Every respub XML source among the fixtures: the `.xml` files whose
/// reader is respub XML's and that read without errors.
fn respub_fixtures() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "xml") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&repo_path("tests/fixtures"), &mut files);
    files.sort();
    files
        .into_iter()
        .filter(|path| {
            let file = SourceFile::open(path).unwrap();
            source::reader_for(&file).name == "respub XML" && source::read(&file).is_ok()
        })
        .collect()
}

/// The Akoma Ntoso documents: the fixtures and the whole corpus sample.
fn akn_documents() -> Vec<PathBuf> {
    let corpus = crate::akn::corpus();
    let mut files: Vec<PathBuf> = crate::akn::SAMPLE.iter().map(|f| corpus.join(f)).collect();
    files.extend(crate::akn::fixtures());
    files
}

/// The plain-text fixtures: the seed's text and published UN texts (the
/// folder's README describes them).
fn text_fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(repo_path(TEXT))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .filter(|p| !p.ends_with("README.md"))
        .collect();
    files.sort();
    files
}

#[test]
fn respub_xml_sources_round_trip() {
    let mut sources = vec![repo_path(SEED)];
    sources.extend(respub_fixtures());
    assert!(
        sources.len() >= 4,
        "the seed and the valid fixtures: {sources:?}"
    );
    assert_all_round_trip(&sources, "respub XML sources");
}

#[test]
fn akn_documents_round_trip_through_respub_xml() {
    let files = akn_documents();
    assert!(files.len() >= 58, "the corpus sample and the AKN fixtures");
    assert_all_round_trip(&files, "Akoma Ntoso documents");
}

#[test]
fn text_documents_round_trip_through_respub_xml() {
    let files = text_fixtures();
    assert!(files.len() >= 6, "the text fixtures: {files:?}");
    assert_all_round_trip(&files, "plain-text documents");
}

#[test]
fn a_model_built_in_code_round_trips() {
    let mut res = crate::akn::built();
    res.meta.vote = Some(Vote {
        in_favour: Tally {
            count: 13,
            members: vec!["Algeria".into(), "Côte d'Ivoire".into()],
        },
        against: Tally::default(),
        abstaining: Tally {
            count: 2,
            members: Vec::new(),
        },
    });
    res.operative.clauses.push(Clause {
        label: Some("B.".into()),
        blocks: vec![
            Block::Paragraph(Paragraph::text("Asset freeze")),
            Block::Paragraph(Paragraph::text("Second paragraph.")),
        ],
        span: None,
    });
    res.annexes[0].blocks.push(Block::Heading(Heading {
        level: 3,
        content: vec![Inline::Text("Third level".into())],
        span: None,
    }));
    assert_round_trip(&res, "built model");
}

/// Text and attributes that would break XML or a template if they were
/// not escaped, everywhere the format takes text.
const HOSTILE: &str =
    "a < b && c > d ]]> <![CDATA[x]]> #read(\"/etc/passwd\") 'q' \"qq\" &amp; <!-- c --> $x {y}";

#[test]
fn hostile_text_survives_the_round_trip_literally() {
    let mut res = crate::akn::built();
    let text = || Inline::Text(HOSTILE.into());
    res.meta.organisation.short = Some(HOSTILE.into());
    res.meta.body = Some(HOSTILE.into());
    res.meta.keywords.push(HOSTILE.into());
    res.meta.related[0].title = Some(HOSTILE.into());
    res.meta.related[0].relation = Some(HOSTILE.into());
    res.meta.subject = Some(Paragraph::text(HOSTILE));
    res.opening = Some(Paragraph {
        content: vec![
            text(),
            Inline::Link(Link {
                href: Some("https://example.org/?a=1&b=\"2\"<3>".into()),
                reference: Some(Reference(HOSTILE.into())),
                content: vec![text()],
                span: None,
            }),
            Inline::Footnote(Footnote {
                mark: Some("\"*\"&<".into()),
                content: vec![text()],
                span: None,
            }),
        ],
        span: None,
    });
    res.preamble.push(Clause {
        label: Some(HOSTILE.into()),
        blocks: vec![Block::List(List {
            intro: Some(Paragraph::text(HOSTILE)),
            pattern: LabelPattern::parse("<1>").unwrap(),
            start: 1,
            items: vec![ListItem {
                label: Some("\"&\"".into()),
                blocks: vec![Block::Paragraph(Paragraph::text(HOSTILE))],
                span: None,
            }],
            continuation: None,
            span: None,
        })],
        span: None,
    });
    let bytes = assert_round_trip(&res, "hostile text");
    let written = String::from_utf8(bytes).unwrap();
    assert!(!written.contains("]]>"), "`]]>` is escaped");
    assert!(!written.contains("<!-- c -->"), "no comment is injected");
    let back = reread(written.as_bytes(), "hostile text").unwrap();
    assert_eq!(back.meta.body.as_deref(), Some(HOSTILE));
    assert_eq!(
        back.opening.unwrap().content[0],
        Inline::Text(HOSTILE.into())
    );
}

#[test]
fn characters_no_source_may_hold_are_never_written() {
    let mut res = crate::akn::built();
    let bad = "bell\u{7} escape\u{1b}[31m nul\u{0} c1\u{85} del\u{7f} \u{fffe}";
    res.opening = Some(Paragraph::text(bad));
    res.meta.organisation.short = Some(bad.into());
    let written = xml::to_xml(&res, false);
    assert!(!written.chars().any(respub::chars::is_refused), "{written}");
    reread(written.as_bytes(), "control characters").unwrap();
    // The checked writer says the text could not be kept, without panicking.
    let error = xml::write(&res).unwrap_err();
    assert!(error.to_string().contains("without changing it"), "{error}");
}

#[test]
fn written_xml_validates_against_the_schema() {
    assert!(
        util::has_program("xmllint"),
        "xmllint is needed (apt install libxml2-utils)"
    );
    let dir = util::temp_dir();
    let mut inputs = vec![repo_path(SEED)];
    inputs.extend(respub_fixtures());
    inputs.extend(akn_documents());
    inputs.extend(text_fixtures());
    let mut files = Vec::new();
    for (i, path) in inputs.iter().enumerate() {
        let file = dir.path().join(format!("{i}.xml"));
        fs::write(&file, xml::write(&read(path)).unwrap()).unwrap();
        files.push((file, path));
    }
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--nonet", "--relaxng"])
        .arg(repo_path("schema/respub.rng"))
        .args(files.iter().map(|(f, _)| f))
        .output()
        .expect("xmllint runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for (file, input) in &files {
        assert!(
            stderr.contains(&format!("{} validates", file.display())),
            "the respub XML of {} does not validate:\n{}",
            input.display(),
            stderr
                .lines()
                .filter(|l| l.starts_with(&file.display().to_string()))
                .take(5)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    assert!(out.status.success(), "{stderr}");
}

// ----- The command ----------------------------------------------------------

/// The `.xml` files of `dir`, sorted.
fn xml_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".xml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn import_writes_a_clean_source_that_reads_as_the_input() {
    let dir = util::temp_dir();
    fs::copy(repo_path(AKN), dir.path().join("S_RES_2722.akn.xml")).unwrap();
    let input_check = run(respub(dir.path()).args(["check", "S_RES_2722.akn.xml"]));
    assert_eq!(input_check.code, Some(0), "{}", input_check.stderr);

    // Into sources/ by default, named without the format.
    let out = run(respub(dir.path()).args(["import", "S_RES_2722.akn.xml"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("imported S_RES_2722.akn.xml -> sources/S_RES_2722.xml"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("imported 1 of 1 file, 0 failed"),
        "{}",
        out.stderr
    );
    let written = dir.path().join("sources/S_RES_2722.xml");
    assert_eq!(
        read(&written).without_spans(),
        read(&repo_path(AKN)).without_spans()
    );
    // Clean, as the input was; the only warnings are about clauses without
    // a leading verb, which the Akoma Ntoso reader does not give.
    let check =
        run(respub(dir.path()).args(["check", "sources/S_RES_2722.xml", "--messages", "short"]));
    assert_eq!(check.code, Some(0), "{}", check.stderr);
    assert!(
        check.stderr.contains("1 clean, 0 with errors"),
        "{}",
        check.stderr
    );
    assert!(
        check
            .stderr
            .lines()
            .filter(|l| l.contains("warning"))
            .all(|l| l.contains("does not open with a `<verb>`")),
        "{}",
        check.stderr
    );
    assert!(
        fs::read_to_string(&written)
            .unwrap()
            .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<resolution xmlns=\"urn:respub:resolution:1\" xml:lang=\"en\">\n"),
    );
    let names: Vec<String> = fs::read_dir(dir.path().join("sources"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["S_RES_2722.xml"], "no temporary file is left");
}

#[test]
fn import_never_replaces_a_file_unless_forced() {
    let dir = util::temp_dir();
    let out_dir = dir.path().join("out");
    fs::create_dir(&out_dir).unwrap();
    let target = out_dir.join("S_RES_2722-2400437E.xml");
    fs::write(&target, "precious").unwrap();
    let import = |extra: &[&str]| {
        run(respub(dir.path())
            .args(["import", repo_path(AKN).to_str().unwrap(), "--out", "out"])
            .args(extra))
    };
    let out = import(&[]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.contains("`out/S_RES_2722-2400437E.xml` exists")
            && out.stderr.contains("--force"),
        "{}",
        out.stderr
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), "precious");

    let out = import(&["--force"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(
        read(&target).without_spans(),
        read(&repo_path(AKN)).without_spans()
    );
}

#[test]
fn a_source_is_never_imported_over_itself() {
    let dir = util::temp_dir();
    let source = dir.path().join("GA.fr.xml");
    fs::copy(repo_path(SEED), &source).unwrap();
    fs::create_dir(dir.path().join("links")).unwrap();
    std::os::unix::fs::symlink(&source, dir.path().join("links/GA.fr.xml")).unwrap();
    for args in [
        &["import", "GA.fr.xml", "--out", ".", "--force"][..],
        &["import", "GA.fr.xml", "--out", "./links/..", "--force"][..],
        &["import", "GA.fr.xml", "--out", "links", "--force"][..],
    ] {
        let out = run(respub(dir.path()).args(args));
        assert_eq!(out.code, Some(2), "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("a file being imported"),
            "{args:?}: {}",
            out.stderr
        );
        assert_eq!(
            fs::read(&source).unwrap(),
            fs::read(repo_path(SEED)).unwrap()
        );
    }
    // Two inputs that would become one source.
    fs::copy(repo_path(AKN), dir.path().join("x.akn.xml")).unwrap();
    fs::copy(repo_path(AKN), dir.path().join("x.respub.xml")).unwrap();
    let out = run(respub(dir.path()).args(["import", "x.akn.xml", "x.respub.xml", "--out", "o"]));
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.contains("would both be imported as `o/x.xml`"),
        "{}",
        out.stderr
    );
    assert!(!dir.path().join("o").exists());
}

#[test]
fn lang_and_reference_override_the_document_s_and_are_checked() {
    let dir = util::temp_dir();
    let akn = repo_path(AKN);
    let import = |extra: &[&str]| {
        run(respub(dir.path())
            .args(["import", akn.to_str().unwrap(), "--out", "o", "--force"])
            .args(extra))
    };
    let out = import(&["--lang", "en-GB", "--reference", "S/RES/2722  (2024)"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let res = read(&dir.path().join("o/S_RES_2722-2400437E.xml"));
    assert_eq!(res.meta.language.as_str(), "en-GB");
    assert_eq!(res.meta.reference.as_str(), "S/RES/2722 (2024)");
    fs::remove_dir_all(dir.path().join("o")).unwrap();

    for (args, code, message) in [
        (&["--lang", "english"][..], 2, "--lang: `english`"),
        (&["--lang", "fr_FR"][..], 2, "--lang: `fr_FR`"),
        (&["--reference", " "][..], 2, "--reference is empty"),
        (
            &["--reference", "S/RES/2723 (2024)"][..],
            1,
            "is resolution 2723, but the document is resolution 2722",
        ),
    ] {
        let out = import(args);
        assert_eq!(out.code, Some(code), "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(message), "{args:?}: {}", out.stderr);
        assert!(xml_files(&dir.path().join("o")).is_empty(), "{args:?}");
    }
}

#[test]
fn bad_inputs_are_located_and_write_nothing() {
    let dir = util::temp_dir();
    let cases: [(&str, &[u8], &str); 5] = [
        ("empty.xml", b"", "empty.xml:1:1: error: the file is empty"),
        (
            "latin1.xml",
            b"<resolution xmlns=\"urn:respub:resolution:1\" xml:lang=\"fr\">\n  <p>Assembl\xe9e</p>\n</resolution>\n",
            "latin1.xml:2:13: error: the file is not valid UTF-8",
        ),
        (
            "malformed.akn.xml",
            b"<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">\n<statement name=\"resolution\">\n</akomaNtoso>\n",
            "malformed.akn.xml:3:",
        ),
        (
            "unclosed.xml",
            b"<resolution xmlns=\"urn:respub:resolution:1\" xml:lang=\"fr\">\n  <meta>\n",
            "unclosed.xml:2:3: error",
        ),
        (
            "text.txt",
            b"Not XML at all.\n",
            "text.txt:1:1: error",
        ),
    ];
    for (name, bytes, located) in cases {
        fs::write(dir.path().join(name), bytes).unwrap();
        let out =
            run(respub(dir.path()).args(["import", name, "--out", "o", "--messages", "short"]));
        assert_eq!(out.code, Some(1), "{name}: {}", out.stderr);
        assert!(out.stderr.contains(located), "{name}: {}", out.stderr);
        assert!(
            out.stderr.contains("imported 0 of 1 file, 1 failed"),
            "{name}: {}",
            out.stderr
        );
        assert!(xml_files(&dir.path().join("o")).is_empty(), "{name}");
    }
    // A bad input among good ones: the good ones are imported.
    let out = run(respub(dir.path()).args([
        "import",
        "empty.xml",
        repo_path(AKN).to_str().unwrap(),
        "--out",
        "o",
    ]));
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert_eq!(
        xml_files(&dir.path().join("o")),
        ["S_RES_2722-2400437E.xml"]
    );
}

#[test]
fn hostile_text_is_imported_literally() {
    let dir = util::temp_dir();
    let escaped = HOSTILE
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let source = fs::read_to_string(repo_path(SEED))
        .unwrap()
        .replace(
            "<body>Assemblée générale</body>",
            &format!("<body>{escaped}</body>"),
        )
        .replace(
            "<verb>SACHANT</verb> que",
            &format!("<verb>SACHANT</verb> <q>{escaped}</q>"),
        );
    fs::write(dir.path().join("hostile.fr.xml"), source).unwrap();
    let out = run(respub(dir.path()).args(["import", "hostile.fr.xml", "--out", "o"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let imported = read(&dir.path().join("o/hostile.fr.xml"));
    assert_eq!(imported.meta.body.as_deref(), Some(HOSTILE));
    let Some(Block::Paragraph(p)) = imported.preamble[0].blocks.first() else {
        panic!("a paragraph")
    };
    assert_eq!(
        p.content[2],
        Inline::Quote(vec![Inline::Text(HOSTILE.into())])
    );
    assert_eq!(
        imported.without_spans(),
        read(&dir.path().join("hostile.fr.xml")).without_spans()
    );
    let check = run(respub(dir.path()).args(["check", "o/hostile.fr.xml"]));
    assert_eq!(check.code, Some(0), "{}", check.stderr);
}

#[test]
fn build_writes_respub_xml_only_when_asked_and_never_reads_it_back() {
    let dir = util::temp_dir();
    let src = dir.path().join("d");
    fs::create_dir(&src).unwrap();
    fs::copy(repo_path(SEED), src.join("b.xml")).unwrap();
    for _ in 0..2 {
        let out = run(respub(dir.path()).args(["build", "d", "--out", "d", "--format", "xml"]));
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        assert!(
            out.stderr.contains("built 1 of 1 source "),
            "{}",
            out.stderr
        );
    }
    assert_eq!(xml_files(&src), ["b.respub.xml", "b.xml"]);
    let written = fs::read_to_string(src.join("b.respub.xml")).unwrap();
    assert!(written.lines().nth(1) == Some(xml::BUILD_MARK), "{written}");
    assert_eq!(
        read(&src.join("b.respub.xml")).without_spans(),
        read(&src.join("b.xml")).without_spans()
    );
    // A hand-written `b.respub.xml` is a source, and never replaced.
    fs::write(src.join("b.respub.xml"), fs::read(repo_path(SEED)).unwrap()).unwrap();
    let out = run(respub(dir.path()).args(["build", "d", "--out", "d", "--format", "xml"]));
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.contains("the source `d/b.respub.xml`"),
        "{}",
        out.stderr
    );

    // The default formats do not include it.
    let out = run(respub(dir.path()).args(["build", "d/b.xml", "--out", "o"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(xml_files(&dir.path().join("o")).is_empty());
}

/// The `--format txt` output of the source `source`, built in `dir`.
fn text_output(dir: &Path, source: &Path) -> String {
    let out = dir.join("txt");
    let build = run(respub(dir)
        .args(["build", "--format", "txt", "--out"])
        .arg(&out)
        .arg(source));
    assert_eq!(build.code, Some(0), "{}", build.stderr);
    let name = source.file_stem().unwrap().to_string_lossy().into_owned();
    let text = fs::read_to_string(out.join(format!("{name}.txt"))).unwrap();
    fs::remove_dir_all(&out).unwrap();
    text
}

/// The lines of a text output from the opening formula on.
fn from_opening(text: &str) -> String {
    let at = text
        .lines()
        .position(|l| l.contains("réunie en sa"))
        .unwrap_or_else(|| panic!("no opening formula in:\n{text}"));
    text.lines().skip(at).collect::<Vec<_>>().join("\n")
}

#[test]
fn the_seed_text_imports_as_its_hand_encoded_source() {
    let dir = util::temp_dir();
    let out = run(respub(dir.path()).args([
        "import",
        repo_path(SEED_TEXT).to_str().unwrap(),
        "--messages",
        "short",
    ]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let imported = dir.path().join("sources/GA-2017-86-RES-06.fr.xml");
    assert!(
        out.stderr.contains("-> sources/GA-2017-86-RES-06.fr.xml"),
        "{}",
        out.stderr
    );

    // The text output, from the opening formula on, is the hand-encoded
    // source's.
    let want = text_output(dir.path(), &repo_path(SEED));
    let got = text_output(dir.path(), &imported);
    assert_eq!(from_opening(&got), from_opening(&want));

    // The header and the session facts read from the opening formula.
    let res = read(&imported);
    let meta = &res.meta;
    assert_eq!(meta.reference.as_str(), "GA-2017-86-RES-06");
    assert_eq!(meta.number.0, "6");
    assert_eq!(meta.language.as_str(), "fr");
    assert_eq!(
        meta.subject
            .clone()
            .map(|s| respub::model::plain_text(&s.content)),
        Some("Prise de position sur la sécurité mondiale".to_string())
    );
    let session = meta.session.clone().expect("the session");
    assert_eq!(session.number.as_deref(), Some("86"));
    assert_eq!(session.place.as_deref(), Some("Beijing"));
    assert_eq!(session.country.as_deref(), Some("Chine"));
    assert_eq!(session.start, respub::model::Date::new(2017, 9, 26));
    assert_eq!(session.end, respub::model::Date::new(2017, 9, 29));
    assert_eq!(res.shape(), read(&repo_path(SEED)).shape());

    // The imported source is clean, and reads as the text did.
    let check = run(respub(dir.path()).args(["check", "sources/GA-2017-86-RES-06.fr.xml"]));
    assert_eq!(check.code, Some(0), "{}", check.stderr);
    assert!(
        check.stderr.contains("1 clean, 0 with errors"),
        "{}",
        check.stderr
    );
    assert_eq!(
        res.without_spans(),
        read(&repo_path(SEED_TEXT)).without_spans()
    );
}

#[test]
fn a_text_s_guesses_are_warnings_at_its_lines() {
    let dir = util::temp_dir();
    let text = repo_path("tests/fixtures/text/S-RES-2722-2024.en.txt");
    let out = run(respub(dir.path())
        .args(["import", "--out", "o", "--messages", "short"])
        .arg(&text));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let shown = diag_path(&text);
    assert!(
        out.stderr.contains(&format!(
            "{shown}:64:1: warning: line 64 dropped: `1/2` is a page number"
        )),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("imported 1 of 1 file, 0 failed"),
        "{}",
        out.stderr
    );
    let res = read(&dir.path().join("o/S-RES-2722-2024.en.xml"));
    assert_eq!(res.meta.reference.as_str(), "S/RES/2722 (2024)");
}

/// A path as respub prints it.
fn diag_path(path: &Path) -> String {
    respub::diag::path(path)
}

#[test]
fn a_text_without_a_reference_takes_the_one_given() {
    let dir = util::temp_dir();
    let text = fs::read_to_string(repo_path(SEED_TEXT))
        .unwrap()
        .replace("GA-2017-86-RES-06\n", "");
    fs::write(dir.path().join("seed.txt"), text).unwrap();

    let out =
        run(respub(dir.path()).args(["import", "seed.txt", "--out", "o", "--messages", "short"]));
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr.contains("seed.txt:1:1: error: no reference")
            && out.stderr.contains("--reference"),
        "{}",
        out.stderr
    );
    assert!(xml_files(&dir.path().join("o")).is_empty());

    let out = run(respub(dir.path()).args([
        "import",
        "seed.txt",
        "--out",
        "o",
        "--reference",
        "GA-2017-86-RES-06",
        "--lang",
        "fr-CH",
    ]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let res = read(&dir.path().join("o/seed.xml"));
    assert_eq!(res.meta.reference.as_str(), "GA-2017-86-RES-06");
    assert_eq!(res.meta.number.0, "6");
    assert_eq!(res.meta.language.as_str(), "fr-CH");
    assert_eq!(res.shape(), read(&repo_path(SEED)).shape());

    // A language respub has no lexicon for is a guess, said as one.
    let out = run(respub(dir.path()).args([
        "import",
        "seed.txt",
        "--out",
        "o",
        "--force",
        "--reference",
        "GA-2017-86-RES-06",
        "--lang",
        "de",
        "--messages",
        "short",
    ]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("seed.txt:1:1: warning: respub has no lexicon for `de`"),
        "{}",
        out.stderr
    );
    assert_eq!(
        read(&dir.path().join("o/seed.xml")).meta.language.as_str(),
        "de"
    );
}
