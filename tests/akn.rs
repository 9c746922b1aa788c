//! Akoma Ntoso in and out: the reader on UN Security Council documents,
//! the writer against the OASIS schema, and the round trip between them.
//!
//! The fixtures are a few UN documents copied into `tests/fixtures/akn/`;
//! the corpus tests read a fixed sample of the whole corpus, copied into
//! `tests/fixtures/corpus/`, and fail if any file of it is missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use respub::diag::Severity;
use respub::model::{
    Annex, Block, Clause, Committee, Date, Footnote, Heading, Inline, LabelPattern, Language, Link,
    List, ListItem, Meta, Operative, Paragraph, Reference, RelatedDocument, Resolution,
    ResolutionNumber, Session, Status, StatusKind, Tally, Vote,
};
use respub::render::Format;
use respub::source::{self, SourceFile};
use respub::style::Style;

const FIXTURES: &str = "tests/fixtures/akn";

/// Where the sample of the corpus is.
const CORPUS: &str = "tests/fixtures/corpus";

/// The folder of the corpus sample, every file of [`SAMPLE`] checked to be
/// there: a missing file fails the test, it never shortens it.
pub(crate) fn corpus() -> PathBuf {
    let dir = repo(CORPUS);
    let missing: Vec<_> = SAMPLE.iter().filter(|f| !dir.join(f).is_file()).collect();
    assert!(
        missing.is_empty(),
        "the corpus sample lacks {missing:?} under {}",
        dir.display()
    );
    dir
}

/// A fixed, varied sample of the corpus: every language, the longest
/// files, annexes, footnotes, not-adopted drafts and vetoes, the four files
/// that do not validate, and the odd structures (quoted structures, a
/// presidential statement, deep sublists).
pub(crate) const SAMPLE: &[&str] = &[
    "2021/Arabic/S_RES_2610 (2021)-2119270A.xml",
    "2024/Arabic/S_RES_2734-2410318A.xml",
    "2024/English/S_RES_2734-2410318E.xml",
    "2024/French/S_RES_2734-2410318F.xml",
    "2021/French/S_RES_2610 (2021)-2119270F.xml",
    "2021/Spanish/S_RES_2610 (2021)-2119270S.xml",
    "2024/Spanish/S_RES_2734-2410318S.xml",
    "2020/English/S_RES_2551 (2020)-2015095E.xml",
    "2020/English/S_RES_2557 (2020)-2017451E.xml",
    "2020/English/S_RES_2558 (2020)-2017560E.xml",
    "2023/English/S_RES_2713-2323995E.xml",
    "not-adopted/English/S_2023_212-2305680E.xml",
    "not-adopted/English/S_2025-353-2508520E.xml",
    "not-adopted/English/S_2024_239-2405580E.xml",
    "2020/French/S_RES_2551 (2020)-2015095F.xml",
    "2020/French/S_RES_2557 (2020)-2017451F.xml",
    "2020/French/S_RES_2558 (2020)-2017560F.xml",
    "2023/French/S_RES_2713-2323995F.xml",
    "not-adopted/French/S_2023_212-2305680F.xml",
    "not-adopted/French/S_2025-353-2508520F.xml",
    "not-adopted/French/S_2024_239-2405580F.xml",
    "2020/Spanish/S_RES_2551 (2020)-2015095S.xml",
    "2020/Spanish/S_RES_2557 (2020)-2017451S.xml",
    "2020/Spanish/S_RES_2558 (2020)-2017560S.xml",
    "2023/Spanish/S_RES_2713-2323995S.xml",
    "not-adopted/Spanish/S_2023_212-2305680S.xml",
    "not-adopted/Spanish/S_2025-353-2508520S.xml",
    "not-adopted/Spanish/S_2024_239-2405580S.xml",
    "2020/Arabic/S_RES_2551 (2020)-2015095A.xml",
    "2020/Arabic/S_RES_2557 (2020)-2017451A.xml",
    "2020/Arabic/S_RES_2558 (2020)-2017560A.xml",
    "2023/Arabic/S_RES_2713-2323995A.xml",
    "not-adopted/Arabic/S_2023_212-2305680A.xml",
    "not-adopted/Arabic/S_2025-353-2508520A.xml",
    "not-adopted/Arabic/S_2024_239-2405580A.xml",
    "2022/Arabic/S_RES_2628 (2022)-2204795A.xml",
    "2025/Arabic/S_RES_2768-2500616A.xml",
    "2025/Arabic/S_RES_2790-2513822A.xml",
    "2026/Arabic/S_RES_2815-2601247A.xml",
    "2020/English/S_PRST_2020_11.xml",
    "2023/English/S_RES_2699-2318982E.xml",
    "2020/English/S_RES_2550 (2020)-2015092E.xml",
    "2020/Arabic/S_RES_2552 (2020)-2015117A.xml",
    "2020/English/S_RES_2556 (2020)-2017440E.xml",
    "2022/English/S_RES_2662-2226129E.xml",
    "2020/Spanish/S_RES_2549 (2020)-2014746S.xml",
    "2021/French/S_RES_2597 (2021)-2113155F.xml",
    "2022/Spanish/S_RES_2671-2229246S.xml",
    "2023/Arabic/S_RES_2692-2313856A.xml",
    "2024/French/S_RES_2759-2421413F.xml",
    "2025/English/S_RES_2800-2518457E.xml",
    "2026/Arabic/S_RES_2814-2601178A.xml",
];

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

pub(crate) fn fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo(FIXTURES))
        .expect("the AKN fixtures are missing")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "expected the five AKN fixtures");
    files
}

fn read(path: &Path) -> (SourceFile, Resolution) {
    let file = SourceFile::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let warned = source::read(&file).unwrap_or_else(|d| panic!("{}: {d:?}", path.display()));
    (file, warned.output)
}

fn render(res: &Resolution, file: &SourceFile, format: Format) -> Vec<u8> {
    let style = Style::builtin();
    match respub::render::render(format, res, file, &style, 1_700_000_000) {
        Ok(w) => w.output,
        Err(d) => panic!("{}: {format} failed: {d:?}", file.path.display()),
    }
}

fn akn(res: &Resolution) -> Vec<u8> {
    render(res, &SourceFile::new("built.xml", Vec::new()), Format::Akn)
}

/// Reads AKN bytes back into the model, failing on errors.
fn reread(bytes: &[u8]) -> (Resolution, Vec<respub::diag::Diagnostic>) {
    let file = SourceFile::new("out.akn.xml", bytes.to_vec());
    let warned =
        source::read(&file).unwrap_or_else(|d| panic!("cannot read the AKN output back: {d:?}"));
    (warned.output, warned.warnings)
}

/// The schema folder: `AKN_SCHEMA_DIR`, or the copy in the repository.
fn schema() -> PathBuf {
    let dir = std::env::var_os("AKN_SCHEMA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo("schemas/akn"));
    let xsd = dir.join("akomantoso30.xsd");
    assert!(
        xsd.is_file(),
        "the AKN schema is missing at {}",
        xsd.display()
    );
    xsd
}

/// Validates files against the AKN 3.0 schema with xmllint, in one run;
/// returns the files that fail with xmllint's messages. Fails the test if
/// xmllint cannot be run.
fn invalid_files(files: &[PathBuf]) -> Vec<String> {
    let xsd = schema();
    let output = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&xsd)
        .args(files)
        .output()
        .expect("xmllint is required to validate Akoma Ntoso (install libxml2-utils)");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut bad = Vec::new();
    for file in files {
        let name = file.display().to_string();
        if !stderr.contains(&format!("{name} validates")) {
            let messages: Vec<&str> = stderr
                .lines()
                .filter(|l| l.starts_with(&name))
                .take(5)
                .collect();
            bad.push(format!("{name}:\n  {}", messages.join("\n  ")));
        }
    }
    bad
}

/// Asserts that writing `res` as AKN and reading it back gives `res`.
fn assert_round_trip(res: &Resolution, what: &str) {
    let bytes = akn(res);
    let (back, warnings) = reread(&bytes);
    assert!(
        warnings.is_empty(),
        "{what}: reading respub's own AKN warns: {warnings:?}"
    );
    let expected = res.clone().without_spans();
    let got = back.without_spans();
    if expected != got {
        let dir = std::env::temp_dir().join("respub-akn-round-trip");
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(dir.join("expected.txt"), format!("{expected:#?}"));
        let _ = std::fs::write(dir.join("got.txt"), format!("{got:#?}"));
        let _ = std::fs::write(dir.join("out.akn.xml"), &bytes);
        panic!(
            "{what}: the round trip changed the model; see {}",
            dir.display()
        );
    }
}

/// The words of a text: runs of letters or of digits, lower-cased. Hyphens
/// join rather than split, as PDF text extraction joins a word broken at
/// a hyphen at a line end.
fn words(text: &str) -> Vec<String> {
    let text = text.replace(['-', '\u{2011}', '\u{ad}'], "");
    let mut out = Vec::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        // Digits and letters are separate words, so that a note number set
        // against its word in a PDF ("paix1") still reads "paix".
        let mut current = String::new();
        for c in word.chars() {
            let switch = current
                .chars()
                .last()
                .is_some_and(|p| p.is_numeric() != c.is_numeric());
            if switch {
                out.push(std::mem::take(&mut current).to_lowercase());
            }
            current.push(c);
        }
        out.push(current.to_lowercase());
    }
    out
}

/// The words of the AKN text body (preface, preamble, main body, annexes),
/// of its notes, of its cover-page adoption line and of its labels (`num`,
/// which a heading may precede in the source but not in print), each in
/// document order.
/// Metadata is left out, as is the cover page's title, whose wording is
/// the style's.
fn akn_body_words(bytes: &[u8]) -> [Vec<String>; 4] {
    use quick_xml::events::Event;
    let mut reader = quick_xml::reader::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut adoption_title = false;
    let (mut body, mut notes, mut adoption, mut labels) =
        (String::new(), String::new(), String::new(), String::new());
    loop {
        let event = reader.read_event_into(&mut buf).expect("well-formed AKN");
        match event {
            Event::Start(t) => {
                let name = t.local_name().as_ref().to_string();
                if name == "docDate" {
                    // AKN4UN leaves the space before a date to the renderer.
                    adoption.push(' ');
                }
                if name == "docTitle" {
                    adoption_title = t
                        .try_get_attribute("refersTo")
                        .ok()
                        .flatten()
                        .is_some_and(|a| a.value.trim_start_matches('#') == "adoption");
                }
                stack.push(name);
            }
            Event::End(_) if stack.pop().as_deref() == Some("docTitle") => adoption_title = false,
            Event::End(_) => {}
            Event::Text(_) | Event::GeneralRef(_) => {
                let text = match &event {
                    Event::Text(t) => t.xml10_content().into_owned(),
                    Event::GeneralRef(r) => match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => " ".into(),
                    },
                    _ => unreachable!(),
                };
                let inside = |n: &str| stack.iter().any(|s| s == n);
                let in_body = inside("preamble") || inside("mainBody") || inside("preface");
                if inside("meta") {
                    // metadata
                } else if inside("authorialNote") {
                    notes.push_str(&text);
                    notes.push(' ');
                } else if in_body && inside("num") {
                    labels.push_str(&text);
                    labels.push(' ');
                } else if in_body {
                    body.push_str(&text);
                } else if inside("coverPage") && adoption_title {
                    adoption.push_str(&text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    [
        words(&body),
        words(&notes),
        words(&adoption),
        words(&labels),
    ]
}

/// Asserts that `needle` occurs in `hay` in order (as a subsequence).
fn assert_in_order(needle: &[String], hay: &[String], what: &str) {
    let mut at = 0;
    for (i, word) in needle.iter().enumerate() {
        match hay[at..].iter().position(|w| w == word) {
            Some(p) => at += p + 1,
            None => {
                let context = needle[i.saturating_sub(5)..(i + 5).min(needle.len())].join(" ");
                panic!(
                    "{what}: the word `{word}` (in “{context}”) is missing or out of order in the text output"
                );
            }
        }
    }
}

/// Asserts that every word of `needle` occurs in `hay` at least as often,
/// whole or as two pieces (hyphenated at a line end).
/// For PDF text, whose extraction order follows the page layout (a label
/// column beside a heading is read on its own), the order is checked on
/// the model's text instead.
fn assert_all_present(needle: &[String], hay: &[String], what: &str) {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for w in hay {
        *counts.entry(w.as_str()).or_default() += 1;
    }
    let mut missing = Vec::new();
    for w in needle {
        match counts.get_mut(w.as_str()) {
            Some(n) if *n > 0 => *n -= 1,
            _ => missing.push(w),
        }
    }
    for w in missing {
        let split = w.char_indices().skip(2).map(|(at, _)| at).find(|&at| {
            let (a, b) = w.split_at(at);
            counts.get(a).is_some_and(|n| *n > 0) && counts.get(b).is_some_and(|n| *n > 0)
        });
        let Some(at) = split else {
            panic!("{what}: the word `{w}` is missing (or printed fewer times than written)");
        };
        let (a, b) = w.split_at(at);
        *counts.get_mut(a).unwrap() -= 1;
        *counts.get_mut(b).unwrap() -= 1;
    }
}

fn check_words(source: &[u8], res: &Resolution, what: &str) {
    let text = crate::util::text_of(res, &Style::builtin());
    let hay = words(&text);
    let [body, notes, adoption, labels] = akn_body_words(source);
    assert_in_order(&labels, &hay, &format!("{what} (labels)"));
    assert!(!body.is_empty(), "{what}: no body text found");
    assert_in_order(&body, &hay, what);
    assert_in_order(&notes, &hay, &format!("{what} (notes)"));
    assert_in_order(&adoption, &hay, &format!("{what} (adoption line)"));
}

#[test]
fn reads_un_security_council_documents() {
    let (_, res) = read(&repo(&format!("{FIXTURES}/S_RES_2722-2400437E.xml")));
    let meta = &res.meta;
    assert_eq!(meta.reference.as_str(), "S/RES/2722 (2024)");
    assert_eq!(meta.number.0, "2722 (2024)");
    assert_eq!(meta.language, Language("en".into()));
    assert_eq!(meta.organisation.name, "United Nations");
    assert_eq!(meta.body.as_deref(), Some("Security Council"));
    assert_eq!(meta.distribution.as_deref(), Some("General"));
    assert_eq!(meta.status.kind, StatusKind::Adopted);
    assert_eq!(meta.status.date, Date::new(2024, 1, 10));
    assert_eq!(
        meta.session.as_ref().and_then(|s| s.number.as_deref()),
        Some("9527")
    );
    let related: Vec<&str> = meta.related.iter().map(|r| r.reference.as_str()).collect();
    assert_eq!(related, ["S/2024/37", "S/PV.9527"]);
    let vote = meta.vote.as_ref().expect("the vote is read");
    assert_eq!(
        (
            vote.in_favour.count,
            vote.against.count,
            vote.abstaining.count
        ),
        (11, 0, 4)
    );
    assert!(
        vote.abstaining
            .members
            .contains(&"RUSSIAN FEDERATION".to_string())
    );
    assert!(meta.keywords.contains(&"MARITIME SECURITY".to_string()));
    let subject = meta
        .subject
        .as_ref()
        .expect("subject from the title keyword");
    assert_eq!(
        subject.content,
        vec![Inline::Text(
            "on attacks by Houthis on merchant and commercial vessels".into()
        )]
    );
    let adoption = res.adoption.as_ref().expect("adoption line");
    // The date has a no-break space in the source.
    let expected = "Adopted by the Security Council at its 9527th meeting, on 10\u{a0}January 2024";
    assert_eq!(adoption.content, vec![Inline::Text(expected.into())]);
    let opening = res.opening.as_ref().expect("enacting formula");
    assert_eq!(
        opening.content[0],
        Inline::Emphasis(vec![Inline::Text("The Security Council".into())])
    );
    assert_eq!(res.preamble.len(), 8);
    assert_eq!(
        res.preamble[0].verb(),
        Some(&[Inline::Text("Reaffirming".into())][..])
    );
    assert_eq!(res.operative.numbering, LabelPattern::parse("1."));
    assert_eq!(res.operative.clauses.len(), 11);
    assert!(
        res.operative.clauses.iter().all(|c| c.label.is_none()),
        "regular numbering"
    );
    assert_eq!(
        res.operative.clauses[9].verb(),
        Some(&[Inline::Text("Requests the Secretary-General".into())][..])
    );
    // "…and <span class="italic">further demands</span>…" is emphasis, not a verb.
    let Some(Block::Paragraph(p)) = res.operative.clauses[1].blocks.first() else {
        panic!()
    };
    assert!(p.content.contains(&Inline::Emphasis(vec![Inline::Text(
        "further demands".into()
    )])));
    let link =
        p.content.iter().chain(
            res.operative.clauses[4]
                .blocks
                .iter()
                .flat_map(|b| match b {
                    Block::Paragraph(p) => p.content.iter(),
                    _ => [].iter(),
                }),
        );
    assert!(link.into_iter().any(|i| matches!(i, Inline::Link(l) if l.href.as_deref() == Some("https://undocs.org/en/S/RES/2216(2015)"))));
}

#[test]
fn reads_drafts_footnotes_annexes_and_arabic_lists() {
    let (_, draft) = read(&repo(&format!("{FIXTURES}/S_2024_312-2407138F.xml")));
    assert_eq!(draft.meta.language.as_str(), "fr");
    assert_eq!(draft.meta.status.kind, StatusKind::NotAdopted);
    assert_eq!(draft.meta.reference.as_str(), "S/2024/312");
    let subject = draft
        .meta
        .subject
        .as_ref()
        .expect("the preface title is the subject");
    assert!(matches!(&subject.content[0], Inline::Text(t) if t.contains("projet de résolution")));

    let (_, es) = read(&repo(&format!("{FIXTURES}/S_RES_2730-2409275S.xml")));
    let mut notes = 0;
    let mut count = |run: &mut Vec<Inline>| {
        notes += run
            .iter()
            .filter(|i| matches!(i, Inline::Footnote(_)))
            .count()
    };
    respub::model::for_each_inline_run_mut(&mut es.clone(), &mut count);
    assert_eq!(notes, 1, "the footnote is read");

    let (_, annexed) = read(&repo(&format!("{FIXTURES}/S_RES_2716-2325346E.xml")));
    assert_eq!(annexed.annexes.len(), 1);
    assert!(annexed.annexes[0].blocks.len() > 3);

    let (_, ar) = read(&repo(&format!("{FIXTURES}/S_RES_2741-2411824A.xml")));
    assert_eq!(ar.meta.language.as_str(), "ar");
    assert_eq!(ar.operative.numbering, LabelPattern::parse("1 -"));
    let nested = ar
        .operative
        .clauses
        .iter()
        .flat_map(|c| &c.blocks)
        .any(|b| match b {
            Block::List(l) => {
                l.pattern == LabelPattern::parse("(أ)").unwrap()
                    && l.items
                        .iter()
                        .flat_map(|i| &i.blocks)
                        .any(|b| matches!(b, Block::List(_)))
            }
            _ => false,
        });
    assert!(nested, "Arabic lettered lists with sublists");
    // The leading bold italic span of an Arabic clause is its verb.
    assert!(
        ar.preamble
            .iter()
            .all(|c| c.verb().is_some() || matches!(c.blocks.first(), Some(Block::List(_))))
    );
}

#[test]
fn every_fixture_reads_cleanly_and_keeps_every_word() {
    for path in fixtures() {
        let file = SourceFile::open(&path).unwrap();
        let warned = source::read(&file).unwrap_or_else(|d| panic!("{}: {d:?}", path.display()));
        assert!(
            warned
                .warnings
                .iter()
                .all(|w| w.severity == Severity::Warning),
            "{}: warnings only",
            path.display()
        );
        check_words(&file.bytes, &warned.output, &path.display().to_string());
    }
}

#[test]
fn akn_output_validates_against_the_oasis_schema() {
    let dir = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    let mut models: Vec<(String, Resolution)> = fixtures()
        .iter()
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                read(p).1,
            )
        })
        .collect();
    models.push(("built".into(), built()));
    models.push((
        "seed".into(),
        read(&repo("sources/GA-2017-86-RES-06.fr.xml")).1,
    ));
    models.push(("minimal".into(), Resolution::default()));
    for (name, res) in &models {
        let path = dir.path().join(format!("{name}.akn.xml"));
        std::fs::write(&path, akn(res)).unwrap();
        outputs.push(path);
    }
    let bad = invalid_files(&outputs);
    assert!(
        bad.is_empty(),
        "AKN output does not validate:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_validator_rejects_invalid_akn() {
    // The check above must be able to fail: a misplaced element is caught.
    let dir = tempfile::tempdir().unwrap();
    let bytes = String::from_utf8(akn(&built()))
        .unwrap()
        .replace("<mainBody>", "<mainBody><bogus/>");
    let path = dir.path().join("bad.akn.xml");
    std::fs::write(&path, bytes).unwrap();
    assert_eq!(invalid_files(&[path]).len(), 1);
}

#[test]
fn round_trip_of_the_fixtures() {
    for path in fixtures() {
        let (_, res) = read(&path);
        assert_round_trip(&res, &path.display().to_string());
    }
}

#[test]
fn round_trip_of_a_model_built_in_code() {
    assert_round_trip(&built(), "built model");
    let empty = Resolution {
        meta: Meta {
            reference: Reference("S/RES/1 (2026)".into()),
            number: ResolutionNumber("1 (2026)".into()),
            ..Meta::default()
        },
        ..Resolution::default()
    };
    assert_round_trip(&empty, "empty model");
    // A title without a number takes the symbol's, as UN files with an
    // empty `resolutionNumber` need.
    let mut unnumbered = empty.clone();
    unnumbered.meta.number = ResolutionNumber::default();
    let (back, _) = reread(&akn(&unnumbered));
    assert_eq!(back.meta.number.0, "1 (2026)");
    let mut withdrawn = built();
    withdrawn.meta.status = Status {
        kind: StatusKind::Withdrawn,
        date: None,
    };
    assert_round_trip(&withdrawn, "withdrawn, undated");
}

#[test]
fn the_seed_round_trips() {
    let (_, seed) = read(&repo("sources/GA-2017-86-RES-06.fr.xml"));
    assert_round_trip(&seed, "seed");
}

#[test]
fn output_is_reproducible() {
    let res = built();
    assert_eq!(akn(&res), akn(&res));
    let text = String::from_utf8(akn(&res)).unwrap();
    assert!(text.contains(r#"<statement name="resolution">"#));
    assert!(text.contains(r#"<FRBRlanguage language="fra"/>"#));
    assert!(text.contains("/akn/interpol/statement/resolution/assemblee-generale/2017-09-29/6"));
}

#[test]
fn source_text_cannot_break_the_xml() {
    let mut res = built();
    res.opening = Some(Paragraph::text("</p><script>&amp; ]]> \"'"));
    let bytes = akn(&res);
    let (back, _) = reread(&bytes);
    let expected = vec![Inline::Text("</p><script>&amp; ]]> \"'".into())];
    assert_eq!(back.opening.unwrap().content, expected);
}

#[test]
fn unknown_parts_are_warned_with_their_position_and_skipped() {
    let xml = r##"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
<statement name="resolution">
<coverPage><p><docNumber refersTo="#symbol">S/RES/1 (2020)</docNumber></p></coverPage>
<mainBody>
<paragraph><num>1.</num><content><p>Decides <gadget>to act</gadget>;</p></content></paragraph>
<table/>
</mainBody>
</statement>
</akomaNtoso>"##;
    let file = SourceFile::new("x.xml", xml);
    let warned = source::read(&file).expect("unknown parts are not fatal");
    let text = file.text().text;
    let found: Vec<(usize, usize, String)> = warned
        .warnings
        .iter()
        .map(|w| {
            let (line, col) = respub::diag::line_column(&text, w.span.expect("a position").start);
            (line, col, w.message.clone())
        })
        .collect();
    assert!(
        found
            .iter()
            .any(|(l, c, m)| (*l, *c) == (5, 45) && m.contains("gadget")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(l, c, m)| (*l, *c) == (6, 1) && m.contains("table")),
        "{found:?}"
    );
    let Some(Block::Paragraph(p)) = warned.output.operative.clauses[0].blocks.first() else {
        panic!()
    };
    assert_eq!(
        p.content,
        vec![Inline::Text("Decides to act;".into())],
        "the words are kept"
    );
}

#[test]
fn hostile_files_are_refused_cleanly() {
    let cases: [(&[u8], &str); 4] = [
        (b"<!DOCTYPE akomaNtoso [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><akomaNtoso>&x;</akomaNtoso>", "DOCTYPE"),
        (b"<akomaNtoso><statement>&x;</statement></akomaNtoso>", "entity"),
        (b"<akomaNtoso><statement name=\"r\">\xff</statement></akomaNtoso>", "UTF-8"),
        (b"<akomaNtoso><statement></akomaNtoso>", "not nested properly"),
    ];
    for (bytes, expected) in cases {
        let errors = source::akn::read(&SourceFile::new("x.xml", bytes)).expect_err("refused");
        assert!(
            errors
                .iter()
                .any(|e| e.message.contains(expected) && e.span.is_some()),
            "{expected}: {errors:?}"
        );
    }
    let deep = format!("<akomaNtoso>{}", "<p>".repeat(5000));
    let errors = source::akn::read(&SourceFile::new("x.xml", deep)).expect_err("refused");
    assert!(errors[0].message.contains("nested"));
}

#[test]
fn corpus_sample_builds_and_validates() {
    let corpus = corpus();
    assert!(SAMPLE.len() >= 40);
    let dir = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for (i, rel) in SAMPLE.iter().enumerate() {
        let path = corpus.join(rel);
        let (file, res) = read(&path);
        check_words(&file.bytes, &res, rel);
        assert_round_trip(&res, rel);
        let out = render(&res, &file, Format::Akn);
        let target = dir.path().join(format!("{i}.akn.xml"));
        std::fs::write(&target, out).unwrap();
        outputs.push(target);
    }
    let bad = invalid_files(&outputs);
    assert!(
        bad.is_empty(),
        "AKN output of corpus files does not validate:\n{}",
        bad.join("\n")
    );
}

/// Runs a validator, failing the test if it is missing.
fn tool(program: &str, args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} is required by the corpus test: {e}"))
}

/// Whether an element of XHTML or WordprocessingML ends a word.
fn is_break(name: &str) -> bool {
    matches!(
        name,
        "p" | "li"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "div"
            | "td"
            | "dt"
            | "dd"
            | "br"
            | "tab"
            | "title"
    )
}

/// The text of every XML part of a zip container (EPUB, DOCX), in entry
/// order.
fn zip_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip container");
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        if !(name.ends_with(".xhtml") || name.ends_with(".xml")) {
            continue;
        }
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut entry, &mut xml).unwrap();
        let mut reader = quick_xml::reader::Reader::from_str(&xml);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Text(t)) => out.push_str(&t.xml10_content()),
                Ok(quick_xml::events::Event::GeneralRef(r)) => match r.resolve_char_ref() {
                    Ok(Some(c)) => out.push(c),
                    // `&apos;` and the other predefined entities: punctuation.
                    _ => out.push(' '),
                },
                // Words break at blocks and tabs, not at runs of a paragraph.
                Ok(quick_xml::events::Event::End(e)) if is_break(e.local_name().as_ref()) => {
                    out.push(' ')
                }
                Ok(quick_xml::events::Event::Empty(e)) if is_break(e.local_name().as_ref()) => {
                    out.push(' ')
                }
                Ok(quick_xml::events::Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
    }
    out
}

#[test]
fn corpus_sample_makes_valid_epub_and_docx() {
    let corpus = corpus();
    let dir = tempfile::tempdir().unwrap();
    for (i, rel) in SAMPLE.iter().enumerate() {
        let (file, res) = read(&corpus.join(rel));
        let [body, notes, ..] = akn_body_words(&file.bytes);
        for format in [Format::Epub, Format::Docx] {
            let bytes = render(&res, &file, format);
            let path = dir.path().join(format!("{i}.{}", format.extension()));
            std::fs::write(&path, &bytes).unwrap();
            match format {
                Format::Epub => crate::epub::epubcheck_file(&path),
                _ => {
                    let errors = crate::docx::openxml_errors(&path);
                    assert!(
                        errors.is_empty(),
                        "{rel}: openxml-audit: {}",
                        errors.join("\n")
                    );
                }
            }
            let printed = words(&zip_text(&bytes));
            assert_all_present(&body, &printed, &format!("{rel} ({format})"));
            assert_all_present(&notes, &printed, &format!("{rel} ({format}, notes)"));
        }
    }
}

#[test]
fn corpus_sample_prints_as_valid_tagged_pdf() {
    let corpus = corpus();
    let dir = tempfile::tempdir().unwrap();
    for (i, rel) in SAMPLE.iter().enumerate() {
        let (file, res) = read(&corpus.join(rel));
        let pdf = dir.path().join(format!("{i}.pdf"));
        std::fs::write(&pdf, render(&res, &file, Format::Pdf)).unwrap();
        let p = pdf.as_os_str();
        let check = tool("qpdf", &["--check".as_ref(), p]);
        assert!(
            check.status.success(),
            "{rel}: qpdf --check: {}",
            String::from_utf8_lossy(&check.stdout)
        );
        let info = String::from_utf8_lossy(&tool("pdfinfo", &[p]).stdout).into_owned();
        assert!(
            info.lines()
                .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
            "{rel}: not tagged\n{info}"
        );
        let fonts = String::from_utf8_lossy(&tool("pdffonts", &[p]).stdout).into_owned();
        for row in fonts.lines().skip(2) {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert!(
                n >= 7 && cols[n - 5] == "yes" && cols[n - 3] == "yes",
                "{rel}: font not embedded with Unicode: {row}"
            );
        }
        // Text extraction of Arabic reorders marks and joins, so the word
        // check is for the Latin-script languages; Arabic is covered by the
        // model checks of the AKN test.
        if res.meta.language.as_str() != "ar" {
            let text =
                String::from_utf8_lossy(&tool("pdftotext", &[p, "-".as_ref()]).stdout).into_owned();
            // A word hyphenated at a line end is extracted in two pieces,
            // not always next to each other: split at soft hyphens, and
            // let `assert_all_present` accept a word made of two pieces.
            let text = text.replace("\u{ad}\n", "").replace('\u{ad}', " ");
            let [body, ..] = akn_body_words(&file.bytes);
            assert_all_present(&body, &words(&text), &format!("{rel} (PDF)"));
        }
    }
}

/// A resolution exercising every part of the model the writer carries.
pub(crate) fn built() -> Resolution {
    use crate::util::model::{para, seed_meta, text};
    let item = |blocks: Vec<Block>| ListItem {
        label: None,
        blocks,
        span: None,
    };
    let deep = List {
        intro: None,
        pattern: LabelPattern::parse("–").unwrap(),
        start: 1,
        items: vec![item(vec![Block::Paragraph(para(vec![text(
            "third level",
        )]))])],
        continuation: None,
        span: None,
    };
    let roman = List {
        intro: None,
        pattern: LabelPattern::parse("(i)").unwrap(),
        start: 1,
        items: vec![
            item(vec![
                Block::Paragraph(para(vec![text("second level")])),
                Block::List(deep),
            ]),
            ListItem {
                label: Some("(i bis)".into()),
                blocks: vec![Block::Paragraph(para(vec![text("inserted")]))],
                span: None,
            },
        ],
        continuation: None,
        span: None,
    };
    let letters = List {
        intro: Some(para(vec![Inline::Verb(vec![text("Décide")]), text(" :")])),
        pattern: LabelPattern::parse("a)").unwrap(),
        start: 3,
        items: vec![
            item(vec![
                Block::Paragraph(para(vec![text("first")])),
                Block::List(roman),
            ]),
            item(vec![Block::Paragraph(para(vec![text("second")]))]),
        ],
        continuation: Some(para(vec![text("and so on.")])),
        span: None,
    };
    let note = Inline::Footnote(Footnote {
        mark: None,
        content: vec![
            text("A note with "),
            Inline::Emphasis(vec![text("emphasis")]),
            Inline::LineBreak,
            text("two lines."),
        ],
        span: None,
    });
    let star = Inline::Footnote(Footnote {
        mark: Some("*".into()),
        content: vec![text("Starred.")],
        span: None,
    });
    Resolution {
        meta: Meta {
            session: Some(Session {
                number: Some("86".into()),
                place: Some("Pékin".into()),
                country: Some("Chine".into()),
                start: Date::new(2017, 9, 26),
                end: Date::new(2017, 9, 29),
                name: Some("Quatre-vingt-sixième session".into()),
            }),
            subject: Some(para(vec![text("Prise de position"), star])),
            distribution: Some("Générale".into()),
            agenda_item: Some("12".into()),
            committee: Some(Committee {
                name: Some("Commission des finances".into()),
                document: Some("GA-2017-86-REP-07".into()),
            }),
            meeting: Some("4".into()),
            keywords: vec!["sécurité".into(), "Coopération policière".into()],
            related: vec![RelatedDocument {
                reference: Reference("GA-2017-86-REP-07".into()),
                relation: Some("report".into()),
                title: Some("Rapport".into()),
                href: Some("https://example.org/rep?a=1&b=2".into()),
            }],
            vote: Some(Vote {
                in_favour: Tally {
                    count: 2,
                    members: vec!["A".into(), "B".into()],
                },
                against: Tally::default(),
                abstaining: Tally {
                    count: 1,
                    members: vec![],
                },
            }),
            ..seed_meta()
        },
        opening: Some(para(vec![
            text("L’Assemblée générale, réunie à Pékin"),
            Inline::LineBreak,
            text("du 26 au 29"),
        ])),
        preamble: vec![
            Clause {
                label: None,
                blocks: vec![Block::Paragraph(para(vec![
                    Inline::Verb(vec![text("Rappelant")]),
                    text(" la résolution "),
                    Inline::Link(Link {
                        href: Some("https://example.org/r5".into()),
                        reference: Some(Reference("AG-2016-RES-05".into())),
                        content: vec![text("AG-2016-RES-05")],
                        span: None,
                    }),
                    text(" et "),
                    Inline::Link(Link {
                        href: None,
                        reference: Some(Reference("AG-2015-RES-01".into())),
                        content: vec![text("la précédente")],
                        span: None,
                    }),
                    note,
                    text(","),
                ]))],
                span: None,
            },
            Clause {
                label: None,
                blocks: vec![
                    Block::Paragraph(para(vec![
                        Inline::Verb(vec![text("Considérant")]),
                        text(" que :"),
                    ])),
                    Block::List(List {
                        intro: None,
                        pattern: LabelPattern::parse("•").unwrap(),
                        start: 1,
                        items: vec![item(vec![Block::Paragraph(para(vec![text("un")]))])],
                        continuation: None,
                        span: None,
                    }),
                ],
                span: None,
            },
        ],
        operative: Operative {
            numbering: LabelPattern::parse("1."),
            clauses: vec![
                Clause {
                    label: None,
                    blocks: vec![Block::Paragraph(para(vec![
                        Inline::Verb(vec![text("Adopte")]),
                        text(" le 86"),
                        Inline::Superscript(vec![text("e")]),
                        text(" "),
                        Inline::Quote(vec![text("texte "), Inline::Strong(vec![text("gras")])]),
                        Inline::Subscript(vec![text("2")]),
                    ]))],
                    span: None,
                },
                Clause {
                    label: None,
                    blocks: vec![Block::List(letters)],
                    span: None,
                },
                Clause {
                    label: Some("2 bis.".into()),
                    blocks: vec![
                        Block::Heading(Heading {
                            level: 3,
                            content: vec![text("Titre")],
                            span: None,
                        }),
                        Block::Paragraph(para(vec![text("One.")])),
                        Block::Paragraph(para(vec![text("Two.")])),
                    ],
                    span: None,
                },
                Clause {
                    label: Some(String::new()),
                    blocks: vec![Block::Paragraph(para(vec![text("Unnumbered.")]))],
                    span: None,
                },
            ],
        },
        closing: Some(para(vec![text("Fait à Pékin.")])),
        adoption: Some(para(vec![text("Adoptée")])),
        annexes: vec![
            Annex {
                label: Some(para(vec![text("Annexe 1")])),
                title: Some(para(vec![text("Liste")])),
                blocks: vec![
                    Block::Heading(Heading {
                        level: 1,
                        content: vec![text("Partie A")],
                        span: None,
                    }),
                    Block::Paragraph(para(vec![text("Texte.")])),
                    Block::List(List {
                        intro: None,
                        pattern: LabelPattern::parse("1.").unwrap(),
                        start: 1,
                        items: vec![
                            item(vec![Block::Paragraph(para(vec![text("Item one")]))]),
                            item(vec![Block::Paragraph(para(vec![text("Item two")]))]),
                        ],
                        continuation: None,
                        span: None,
                    }),
                ],
                span: None,
            },
            Annex {
                label: None,
                title: None,
                blocks: vec![Block::Paragraph(para(vec![text("Sans titre.")]))],
                span: None,
            },
        ],
    }
}

#[test]
fn a_missing_symbol_follows_from_the_number_or_is_an_error() {
    let xml = |symbol: &str, title: &str| {
        format!(
            r##"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="resolution">
<meta><identification source="#x"><FRBRWork><FRBRuri value="/akn/un/statement/deliberation/unsc/2025-03-17/2777-2025/"/></FRBRWork></identification></meta>
<coverPage><p><docNumber refersTo="#symbol">{symbol}</docNumber></p><p><docTitle refersTo="#resolutionNumber">{title}</docTitle></p></coverPage>
<mainBody><paragraph><num>1.</num><content><p>Decides.</p></content></paragraph></mainBody></statement></akomaNtoso>"##
        )
    };
    // As in the corpus's S/RES/2777 (2025), Spanish.
    let warned = source::read(&SourceFile::new("x.xml", xml("", "Resolución 2777 (2025)")))
        .expect("read with a warning");
    assert_eq!(warned.output.meta.reference.as_str(), "S/RES/2777 (2025)");
    assert!(
        warned
            .warnings
            .iter()
            .any(|w| w.message.contains("no symbol"))
    );
    let errors =
        source::read(&SourceFile::new("x.xml", xml("", ""))).expect_err("nothing identifies it");
    assert!(errors[0].is_error() && errors[0].message.contains("no symbol"));
}

/// A UN-like file in `lang` whose main body is `body`, with one preamble
/// clause.
fn laid_out(lang: &str, body: &str) -> Resolution {
    let xml = format!(
        r##"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="resolution">
<meta><identification source="#x"><FRBRExpression><FRBRlanguage language="{lang}"/></FRBRExpression></identification></meta>
<coverPage><p><docNumber refersTo="#symbol">S/RES/1 (2020)</docNumber></p></coverPage>
<preamble><formula><p>The Security Council,</p></formula><container><p>Recalling its resolutions,</p></container></preamble>
<mainBody>
{body}
</mainBody></statement></akomaNtoso>"##
    );
    source::read(&SourceFile::new("x.xml", xml))
        .expect("read")
        .output
}

fn numbered(label: &str, text: &str) -> String {
    format!("<paragraph><num>{label}</num><content><p>{text}</p></content></paragraph>")
}

fn unnumbered(text: &str) -> String {
    format!("<paragraph><content><p>{text}</p></content></paragraph>")
}

#[test]
fn items_kept_as_paragraphs_become_the_list_of_the_paragraph_before() {
    // As in the Arabic S/RES/2609 (2021): the items' labels in their text.
    let body = [
        numbered("1.", "Decides to act;"),
        numbered("2.", "Decides to take the following measures:"),
        unnumbered("\t(1)\tPatrols,"),
        unnumbered("\t(2)\tTeam sites,"),
        unnumbered("\t(3)\tWithdrawal;"),
        numbered("3.", "Decides to remain seized of the matter."),
    ]
    .concat();
    let res = laid_out("eng", &body);
    assert_eq!(res.operative.clauses.len(), 3);
    let Some(Block::List(list)) = res.operative.clauses[1].blocks.last() else {
        panic!("paragraph 2 has no list: {:?}", res.operative.clauses[1]);
    };
    assert_eq!(list.items.len(), 3);
    assert_eq!(list.label(2), "(3)");
    // Paragraphs numbered as the others are never items.
    let plain = [
        numbered("1.", "Decides as follows:"),
        numbered("2.", "Requests a report;"),
        numbered("3.", "Decides to remain seized."),
    ]
    .concat();
    assert_eq!(laid_out("eng", &plain).operative.clauses.len(), 3);
}

#[test]
fn an_annex_in_the_main_body_is_read_as_an_annex() {
    // As in S/RES/2803 (2025): a heading, then paragraphs from 1 again.
    let body = [
        numbered("1.", "Endorses the plan;"),
        numbered("2.", "Decides to remain seized of the matter."),
        "<paragraph><heading>ANNEX 1 - The Plan</heading></paragraph>".to_string(),
        numbered("1.", "Gaza will be rebuilt."),
        numbered("2.", "Aid will be sent."),
    ]
    .concat();
    let res = laid_out("eng", &body);
    assert_eq!(res.operative.clauses.len(), 2);
    assert_eq!(res.annexes.len(), 1);
    let annex = &res.annexes[0];
    let label = annex
        .label
        .as_ref()
        .map(|p| respub::model::plain_text(&p.content));
    assert_eq!(label.as_deref(), Some("ANNEX 1 - The Plan"));
    assert!(matches!(&annex.blocks[..], [Block::List(l)] if l.items.len() == 2));
    // A heading that names an annex but is followed by the next number is
    // a heading of the operative part.
    let heading = [
        numbered("1.", "Endorses the plan;"),
        numbered("2.", "Requests a report;"),
        "<paragraph><heading>Annex to the report</heading></paragraph>".to_string(),
        numbered("3.", "Decides to remain seized of the matter."),
    ]
    .concat();
    let res = laid_out("eng", &heading);
    assert!(res.annexes.is_empty());
    assert_eq!(res.operative.clauses.len(), 4);
}

#[test]
fn the_last_preamble_clause_kept_in_the_main_body_returns_to_the_preamble() {
    // As in the Arabic S/RES/2672 (2023), with an ornament first.
    let body = [
        unnumbered("*"),
        unnumbered("Acting under Chapter VII of the Charter,"),
        numbered("1.", "Decides to act;"),
        numbered("2.", "Decides to remain seized of the matter."),
    ]
    .concat();
    let res = laid_out("eng", &body);
    assert_eq!(res.preamble.len(), 2);
    assert_eq!(res.operative.clauses.len(), 2);
    assert_eq!(res.operative.label(0).as_deref(), Some("1."));
}

#[test]
fn an_unnumbered_paragraph_that_ends_a_sentence_belongs_to_the_paragraph_before() {
    // As in S/RES/2796 (2025): a list whose last item ends with a comma,
    // the sentence ending in the next, unnumbered paragraph.
    let list = r#"<paragraph><num>3.</num><list><intro><p>Encourages the Mission:</p></intro>
<point><num>•</num><content><p>to streamline its work,</p></content></point>
<point><num>•</num><content><p>to recognise human rights work,</p></content></point></list></paragraph>"#;
    let body = [
        numbered("1.", "Decides to act;"),
        numbered("2.", "Requests a report;"),
        list.to_string(),
        unnumbered("while fulfilling its mandate, and requests a report;"),
        numbered("4.", "Decides to remain seized of the matter."),
    ]
    .concat();
    let res = laid_out("eng", &body);
    assert_eq!(res.operative.clauses.len(), 4);
    let Some(Block::List(list)) = res.operative.clauses[2].blocks.last() else {
        panic!("no list");
    };
    let end = list
        .continuation
        .as_ref()
        .map(|p| respub::model::plain_text(&p.content));
    assert_eq!(
        end.as_deref(),
        Some("while fulfilling its mandate, and requests a report;")
    );
}

#[test]
fn unnumbered_items_and_labels_alone_are_read_as_the_list_they_are() {
    // As in the Arabic S/RES/2653 (2022): items without labels after the
    // paragraph that introduces them; and as in S/RES/2662 (2022), each
    // label alone in a paragraph before its text.
    let body = [
        numbered("1.", "Decides that the Mission shall:"),
        unnumbered("patrol the border,"),
        unnumbered("support the team sites,"),
        unnumbered("report every month;"),
        numbered("2.", "Notes the need to reduce the stocks:"),
        unnumbered("(1)"),
        unnumbered("removing the stocks;"),
        unnumbered("(2)"),
        unnumbered("selling them;"),
        numbered("3.", "Decides to remain seized of the matter."),
    ]
    .concat();
    let res = laid_out("eng", &body);
    assert_eq!(res.operative.clauses.len(), 3, "{:#?}", res.operative);
    let items = |i: usize| match res.operative.clauses[i].blocks.last() {
        Some(Block::List(list)) => list.items.len(),
        _ => 0,
    };
    assert_eq!((items(0), items(1)), (3, 2));
}
