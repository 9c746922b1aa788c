//! The PDF writer: standards, structure, attachment, text as data,
//! reproducibility, Arabic. Checked with the tools an archivist would use
//! (qpdf, poppler, pikepdf); a missing tool fails the test.

use std::path::{Path, PathBuf};
use std::process::Command;

use respub::model::{
    Annex, Block, Clause, Date, Footnote, Heading, Inline, LabelPattern, Language, Link, List,
    ListItem, Meta, Operative, Organisation, Paragraph, Reference, Resolution, ResolutionNumber,
    Status, StatusKind,
};
use respub::render::Format;
use respub::source::SourceFile;
use respub::style::Style;

use crate::util;

// ---------------------------------------------------------------------------
// Helpers

/// Runs a validator, failing the test with an install hint when it is
/// missing.
fn run(program: &str, args: &[&str]) -> std::process::Output {
    Command::new(program).args(args).output().unwrap_or_else(|e| {
        panic!("`{program}` is needed by this test ({e}); install it with scripts/install-test-deps")
    })
}

fn stdout(program: &str, args: &[&str]) -> String {
    let out = run(program, args);
    assert!(
        out.status.success(),
        "`{program} {}` failed: {}{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs a Python script with pikepdf on `pdf`; the script prints JSON.
fn pikepdf(pdf: &Path, script: &str) -> serde_json::Value {
    let code = format!("import sys, json, pikepdf\npdf = pikepdf.open(sys.argv[1])\n{script}");
    let out = stdout("python3", &["-c", &code, pdf.to_str().unwrap()]);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("pikepdf script printed `{out}`: {e}"))
}

fn text(s: &str) -> Vec<Inline> {
    vec![Inline::Text(s.into())]
}

fn para(inlines: Vec<Inline>) -> Block {
    Block::Paragraph(Paragraph {
        content: inlines,
        span: None,
    })
}

fn clause(verb: &str, rest: &str) -> Clause {
    Clause {
        label: None,
        blocks: vec![para(vec![
            Inline::Verb(text(verb)),
            Inline::Text(rest.into()),
        ])],
        span: None,
    }
}

fn meta(lang: &str, reference: &str, number: &str, org: &str) -> Meta {
    Meta {
        reference: Reference(reference.into()),
        number: ResolutionNumber(number.into()),
        language: Language(lang.into()),
        organisation: Organisation {
            name: org.into(),
            short: None,
        },
        status: Status {
            kind: StatusKind::Adopted,
            date: Date::new(2017, 9, 29),
        },
        ..Meta::default()
    }
}

/// A French resolution with every kind of content the writer handles:
/// verbs, a numbered list nested three deep with explicit labels, a
/// footnote, a quotation, a link, superscript, an annex with a heading.
fn french() -> Resolution {
    let mut meta = meta("fr", "GA-2017-86-RES-06", "6", "O.I.P.C.-INTERPOL");
    meta.body = Some("Assemblée générale".into());
    meta.subject = Some(Paragraph::text(
        "Prise de position sur la sécurité mondiale",
    ));
    meta.keywords = vec!["sécurité mondiale".into()];
    let inner = List {
        pattern: LabelPattern::parse("i)").unwrap(),
        start: 1,
        items: vec![
            ListItem {
                label: None,
                blocks: vec![para(text("premier sous-sous-point ;"))],
                span: None,
            },
            ListItem {
                label: Some("ii bis)".into()),
                blocks: vec![para(text("point inséré ;"))],
                span: None,
            },
        ],
        ..List::default()
    };
    let middle = List {
        pattern: LabelPattern::parse("a)").unwrap(),
        start: 1,
        items: vec![ListItem {
            label: None,
            blocks: vec![
                para(text("sous-point qui se subdivise :")),
                Block::List(inner),
            ],
            span: None,
        }],
        ..List::default()
    };
    let list = List {
        pattern: LabelPattern::parse("1.").unwrap(),
        start: 1,
        items: vec![
            ListItem {
                label: None,
                blocks: vec![para(text(
                    "permettre aux pays membres de jouer un rôle dans la sécurité mondiale ;",
                ))],
                span: None,
            },
            ListItem {
                label: None,
                blocks: vec![
                    para(text("faciliter la coordination :")),
                    Block::List(middle),
                ],
                span: None,
            },
        ],
        ..List::default()
    };
    Resolution {
        meta,
        opening: Some(Paragraph {
            content: vec![
                Inline::Text("L’Assemblée générale de l’O.I.P.C.-INTERPOL, réunie en sa 86".into()),
                Inline::Superscript(text("e")),
                Inline::Text(" session à Beijing (Chine) du 26 au 29 septembre 2017,".into()),
            ],
            span: None,
        }),
        preamble: vec![
            clause(
                "Sachant",
                " que la mutation qualitative des menaces exige l’adoption par l’Organisation d’un modèle de fonctionnement judicieusement choisi,",
            ),
            Clause {
                label: None,
                blocks: vec![para(vec![
                    Inline::Verb(text("Notant")),
                    Inline::Text(" que le Secrétariat général utilise un cadre stratégique".into()),
                    Inline::Footnote(Footnote {
                        mark: None,
                        content: text("Cadre stratégique pour la période 2017-2020."),
                        span: None,
                    }),
                    Inline::Text(" pour orienter ses priorités,".into()),
                ])],
                span: None,
            },
        ],
        operative: Operative {
            numbering: None,
            clauses: vec![
                Clause {
                    label: None,
                    blocks: vec![
                        para(vec![
                            Inline::Verb(text("Approuve")),
                            Inline::Text(" le document ".into()),
                            Inline::Quote(text("Prise de position sur la sécurité mondiale")),
                            Inline::Text(", publié sur ".into()),
                            Inline::Link(Link {
                                href: Some("https://www.interpol.int".into()),
                                reference: None,
                                content: text("le site de l’Organisation"),
                                span: None,
                            }),
                            Inline::Text(", qui consiste à :".into()),
                        ]),
                        Block::List(list),
                    ],
                    span: None,
                },
                clause(
                    "Demande",
                    " au Secrétariat général de mettre à disposition ce document.",
                ),
            ],
        },
        closing: None,
        adoption: None,
        annexes: vec![Annex {
            label: Some(Paragraph::text("Annexe 1")),
            title: Some(Paragraph::text("Objectifs de l’action policière mondiale")),
            blocks: vec![
                Block::Heading(Heading {
                    level: 1,
                    content: text("Premier objectif"),
                    span: None,
                }),
                para(text("Lutter contre le terrorisme.")),
            ],
            span: None,
        }],
    }
}

fn source_for(res: &Resolution) -> SourceFile {
    SourceFile::new(
        format!("sources/{}.{}.xml", res.meta.reference, res.meta.language),
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<resolution ref=\"{}\"/>\n",
            res.meta.reference
        ),
    )
}

fn render_with(res: &Resolution, source: &SourceFile, timestamp: i64) -> Vec<u8> {
    let style = Style::builtin();
    let warned = respub::render::render(Format::Pdf, res, source, &style, timestamp)
        .unwrap_or_else(|e| panic!("the PDF writer failed: {e:#?}"));
    assert!(
        warned.warnings.is_empty(),
        "unexpected warnings: {:#?}",
        warned.warnings
    );
    warned.output
}

fn render(res: &Resolution) -> Vec<u8> {
    render_with(
        res,
        &source_for(res),
        Date::new(2017, 9, 29).unwrap().unix_seconds(),
    )
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn pdftotext(pdf: &Path) -> String {
    stdout("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"])
}

/// The words of `text`, lower-cased.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Asserts that the `expected` words occur in `printed` in order. Printed
/// text is compared without spaces and punctuation, so that words
/// hyphenated at line ends still match, and other text (running headers,
/// footnotes) may come between them.
fn assert_in_order(expected: &[String], printed: &str) {
    let stream: String = printed
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let mut at = 0;
    for (i, word) in expected.iter().enumerate() {
        match stream[at..].find(word.as_str()) {
            Some(p) => at += p + word.len(),
            None => panic!(
                "word {i} `{word}` of the text is missing or out of order in the PDF; context: {:?}\nprinted:\n{printed}",
                &expected[i.saturating_sub(5)..(i + 5).min(expected.len())]
            ),
        }
    }
}

/// Prints what the archival and accessibility checks look at.
const FACTS: &str = r#"
from pikepdf import Name
root = pdf.Root
xmp = str(pdf.Root.Metadata.read_bytes(), 'utf-8')
outline = []
with pdf.open_outline() as o:
    def walk(items):
        for it in items:
            outline.append(str(it.title))
            walk(it.children)
    walk(o.root)
files = {}
for name, spec in pdf.attachments.items():
    files[name] = {
        'relationship': str(spec.obj.get('/AFRelationship')),
        'mime': str(spec.obj.EF.F.get('/Subtype')),
        'size': len(spec.get_file().read_bytes()),
        'desc': str(spec.obj.get('/Desc')),
    }
af = [str(f.get('/AFRelationship')) for f in root.get('/AF', [])]
info = pdf.docinfo
print(json.dumps({
    'xmp': xmp,
    'struct': '/StructTreeRoot' in root,
    'marked': bool(root.MarkInfo.Marked),
    'lang': str(root.Lang),
    'title': str(info.get('/Title')),
    'author': str(info.get('/Author')),
    'subject': str(info.get('/Subject')),
    'keywords': str(info.get('/Keywords')),
    'created': str(info.get('/CreationDate')),
    'display_title': bool(root.ViewerPreferences.DisplayDocTitle),
    'outline': outline,
    'files': files,
    'af': af,
}))
"#;

// ---------------------------------------------------------------------------
// Tests on models built in Rust

#[test]
fn standards_structure_and_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let res = french();
    let pdf = write(dir.path(), "fr.pdf", &render(&res));
    let p = pdf.to_str().unwrap();

    let check = run("qpdf", &["--check", p]);
    assert!(
        check.status.success(),
        "qpdf --check: {}",
        String::from_utf8_lossy(&check.stdout)
    );

    let fonts = stdout("pdffonts", &[p]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts listed: {fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        // name type encoding emb sub uni object-id: emb, sub, uni are the
        // last three flags before the two-column object id.
        assert_eq!(cols[n - 5], "yes", "font not embedded: {row}");
        assert_eq!(cols[n - 3], "yes", "font without ToUnicode: {row}");
        assert!(
            cols[0].contains("Noto"),
            "a font that is not the style's: {row}"
        );
    }

    let facts = pikepdf(&pdf, FACTS);
    let xmp = facts["xmp"].as_str().unwrap();
    let compact: String = xmp.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        compact.contains("<pdfaid:part>3</pdfaid:part>") || compact.contains("pdfaid:part=\"3\""),
        "XMP does not claim PDF/A-3: {xmp}"
    );
    assert!(
        compact.contains("<pdfaid:conformance>A</pdfaid:conformance>")
            || compact.contains("pdfaid:conformance=\"A\""),
        "XMP does not claim conformance A: {xmp}"
    );
    assert!(
        compact.contains("<pdfuaid:part>1</pdfuaid:part>")
            || compact.contains("pdfuaid:part=\"1\""),
        "XMP does not claim PDF/UA-1: {xmp}"
    );
    assert_eq!(facts["struct"], true);
    assert_eq!(facts["marked"], true);
    assert_eq!(facts["lang"], "fr");
    assert_eq!(facts["display_title"], true);
    assert_eq!(
        facts["title"],
        "Résolution N°\u{a0}6 – Prise de position sur la sécurité mondiale"
    );
    assert_eq!(facts["author"], "O.I.P.C.-INTERPOL");
    assert_eq!(
        facts["subject"],
        "Prise de position sur la sécurité mondiale"
    );
    let keywords = facts["keywords"].as_str().unwrap();
    assert!(
        keywords.contains("GA-2017-86-RES-06") && keywords.contains("sécurité mondiale"),
        "{keywords}"
    );
    assert!(
        facts["created"].as_str().unwrap().starts_with("D:20170929"),
        "{}",
        facts["created"]
    );
    let outline: Vec<&str> = facts["outline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(outline[0], "Résolution N°\u{a0}6");
    assert!(
        outline.iter().any(|t| t.starts_with("Annexe 1")),
        "no annex bookmark: {outline:?}"
    );
    assert!(
        outline.contains(&"Premier objectif"),
        "no annex heading bookmark: {outline:?}"
    );

    let file = &facts["files"]["GA-2017-86-RES-06.fr.xml"];
    assert_eq!(file["relationship"], "/Source", "{facts}");
    assert_eq!(file["mime"], "/application/xml");
    assert_eq!(file["size"], source_for(&res).bytes.len());
    assert_eq!(facts["af"], serde_json::json!(["/Source"]));

    let list = stdout("pdfdetach", &["-list", p]);
    assert!(
        list.contains("GA-2017-86-RES-06.fr.xml"),
        "pdfdetach -list: {list}"
    );
}

#[test]
fn structure_tree_has_headings_lists_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "fr.pdf", &render(&french()));
    let facts = pikepdf(
        &pdf,
        r#"
counts = {}
def walk(node, depth=0):
    if depth > 200: return
    if isinstance(node, pikepdf.Dictionary):
        s = node.get('/S')
        if s is not None:
            counts[str(s)] = counts.get(str(s), 0) + 1
        kids = node.get('/K')
        if kids is not None:
            if isinstance(kids, pikepdf.Array):
                for k in kids: walk(k, depth + 1)
            else:
                walk(kids, depth + 1)
walk(pdf.Root.StructTreeRoot)
print(json.dumps(counts))
"#,
    );
    let count = |tag: &str| facts[tag].as_u64().unwrap_or(0);
    assert_eq!(count("/H1"), 1, "{facts}");
    assert_eq!(count("/H2"), 1, "annex heading: {facts}");
    assert_eq!(count("/H3"), 1, "heading inside the annex: {facts}");
    assert!(count("/L") >= 3, "three nested lists: {facts}");
    assert!(
        count("/LI") >= 5 && count("/Lbl") >= 5 && count("/LBody") >= 5,
        "{facts}"
    );
    assert!(count("/P") >= 6, "paragraphs: {facts}");
    assert!(
        count("/Note") >= 1 || count("/FENote") >= 1,
        "footnote: {facts}"
    );
    assert!(count("/Figure") == 1, "emblem figure: {facts}");
}

#[test]
fn every_word_and_label_is_printed_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let res = french();
    let pdf = write(dir.path(), "fr.pdf", &render(&res));
    let style = Style::builtin();
    // The plain-text writer prints the same words and labels in reading
    // order; its first lines (organisation, body, title, reference) are laid
    // out side by side in the PDF's title block, and its notes come at the
    // end where the PDF puts them at the page foot.
    let plain = util::text_of(&res, &style);
    let lines: Vec<&str> = plain.lines().collect();
    let (head, rest) = lines.split_at(4);
    let body: Vec<&str> = rest.iter().copied().take_while(|l| *l != "Notes").collect();
    let body = body.join("\n").replace("[1]", "");
    let printed = pdftotext(&pdf);
    assert_in_order(&words(&body), &printed);
    for line in head {
        assert_in_order(&words(line), &printed);
    }
    for needle in [
        "SACHANT",
        "NOTANT",
        "APPROUVE",
        "DEMANDE",
        "« Prise de position sur la sécurité mondiale »",
        "ii bis)",
        "a)",
        "i)",
        "page 1 / 2",
        "Adoptée",
    ] {
        assert!(
            printed.contains(needle),
            "`{needle}` is not printed:\n{printed}"
        );
    }
}

#[test]
fn hostile_text_is_printed_literally_and_reads_nothing() {
    let hostile = [
        "#read(\"/etc/passwd\")",
        "#set page(width: 1cm)",
        "*gras* _italique_ $x^2$ @ref <label> // commentaire",
        "] ) \" \\ #{ } #import \"/data.json\"",
    ];
    let mut res = french();
    res.preamble = hostile
        .iter()
        .map(|h| clause("Notant", &format!(" {h}")))
        .collect();
    res.meta.subject = Some(Paragraph::text("#read(\"/etc/hostname\")"));
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "hostile.pdf", &render(&res));
    let printed = pdftotext(&pdf);
    // Spaces aside (French typography spaces the colon), every character
    // is printed as written.
    let flat: String = printed.split_whitespace().collect();
    for h in hostile.iter().chain(["#read(\"/etc/hostname\")"].iter()) {
        let h: String = h.split_whitespace().collect();
        assert!(
            flat.contains(&h),
            "`{h}` is not printed literally:\n{printed}"
        );
    }
    // Had the text been evaluated, /etc/passwd would be printed and the
    // page would be 1 cm wide.
    assert!(!printed.contains("root:"), "a file was read:\n{printed}");
    let width = pikepdf(&pdf, "print(json.dumps(float(pdf.pages[0].MediaBox[2])))");
    assert!(
        (width.as_f64().unwrap() - 595.27).abs() < 0.5,
        "page width {width}"
    );
}

#[test]
fn rebuilds_are_byte_identical_and_dated_by_the_options() {
    let res = french();
    let source = source_for(&res);
    let t2017 = Date::new(2017, 9, 29).unwrap().unix_seconds();
    let first = render_with(&res, &source, t2017);
    let second = render_with(&res, &source, t2017);
    assert!(first == second, "two renders of the same input differ");

    let t2020 = Date::new(2020, 1, 2).unwrap().unix_seconds() + 3 * 3600 + 4 * 60 + 5;
    let later = render_with(&res, &source, t2020);
    assert!(later != first);
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "later.pdf", &later);
    let facts = pikepdf(
        &pdf,
        r#"
xmp = str(pdf.Root.Metadata.read_bytes(), 'utf-8')
print(json.dumps({'created': str(pdf.docinfo.get('/CreationDate')), 'modified': str(pdf.docinfo.get('/ModDate')), 'xmp': xmp}))
"#,
    );
    assert!(
        facts["created"]
            .as_str()
            .unwrap()
            .starts_with("D:20200102030405"),
        "{facts}"
    );
    assert!(
        facts["modified"]
            .as_str()
            .unwrap()
            .starts_with("D:20200102030405"),
        "{facts}"
    );
    assert!(
        facts["xmp"]
            .as_str()
            .unwrap()
            .contains("2020-01-02T03:04:05"),
        "{facts}"
    );
}

#[test]
fn arabic_is_set_right_to_left_with_arabic_labels() {
    let mut meta = meta("ar", "S/RES/2722 (2024)", "2722 (2024)", "الأمم المتحدة");
    meta.body = Some("مجلس الأمن".into());
    let list = List {
        pattern: LabelPattern::parse("(أ)").unwrap(),
        start: 1,
        items: ["البند الأول؛", "البند الثاني."]
            .iter()
            .map(|t| ListItem {
                label: None,
                blocks: vec![para(text(t))],
                span: None,
            })
            .collect(),
        ..List::default()
    };
    let res = Resolution {
        meta,
        opening: Some(Paragraph::text("إن مجلس الأمن،")),
        preamble: vec![clause("إذ يشير", " إلى قراراته السابقة،")],
        operative: Operative {
            numbering: LabelPattern::parse("1 -"),
            clauses: vec![
                Clause {
                    label: None,
                    blocks: vec![
                        para(vec![
                            Inline::Verb(text("يطلب")),
                            Inline::Text(" إلى الأمين العام ما يلي:".into()),
                        ]),
                        Block::List(list),
                    ],
                    span: None,
                },
                clause("يقرر", " أن يبقي المسألة قيد نظره."),
            ],
        },
        ..Resolution::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "ar.pdf", &render(&res));
    let p = pdf.to_str().unwrap();
    let check = run("qpdf", &["--check", p]);
    assert!(check.status.success());
    let fonts = stdout("pdffonts", &[p]);
    assert!(
        fonts.contains("NotoNaskhArabic"),
        "Arabic font not used: {fonts}"
    );
    let lang = pikepdf(&pdf, "print(json.dumps(str(pdf.Root.Lang)))");
    assert_eq!(lang, "ar");
    let printed = pdftotext(&pdf);
    for needle in ["القرار رقم", "الصفحة", "مجلس الأمن", "(أ)", "(ب)"] {
        assert!(
            printed.contains(needle),
            "`{needle}` is not printed:\n{printed}"
        );
    }
    // Right to left: the title block's reference is at the left edge.
    let bbox = stdout("pdftotext", &["-bbox", "-f", "1", "-l", "1", p, "-"]);
    let line = bbox
        .lines()
        .find(|l| l.contains(">S/RES/2722<"))
        .expect("reference printed");
    let x_min: f64 = line
        .split("xMin=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        x_min < 200.0,
        "the reference is not at the left in RTL: {line}"
    );
}

// ---------------------------------------------------------------------------
// Acceptance: the real seed through the real binary

const SEED: &str = "sources/GA-2017-86-RES-06.fr.xml";

/// Runs `respub build <source> --format pdf --out <out>` from the
/// repository root, with `SOURCE_DATE_EPOCH` when given, and returns the
/// PDF's path.
fn build(source: &Path, out: &Path, epoch: Option<&str>) -> PathBuf {
    let mut cmd = util::respub(util::root());
    cmd.args(["build", "--format", "pdf", "--out"])
        .arg(out)
        .arg(source);
    if let Some(epoch) = epoch {
        cmd.env("SOURCE_DATE_EPOCH", epoch);
    }
    let run = util::run(&mut cmd);
    assert_eq!(
        run.code,
        Some(0),
        "respub build failed:\n{}\n{}",
        run.stdout,
        run.stderr
    );
    assert!(
        !run.stderr.contains("warning"),
        "unexpected warnings:\n{}",
        run.stderr
    );
    let stem = source.file_stem().unwrap().to_string_lossy().into_owned();
    let pdf = out.join(format!("{stem}.pdf"));
    assert!(pdf.is_file(), "{} was not written", pdf.display());
    pdf
}

#[test]
fn the_seed_builds_to_an_archival_accessible_pdf() {
    let dir = util::temp_dir();
    let pdf = build(&util::repo_path(SEED), dir.path(), None);
    assert!(pdf.ends_with("GA-2017-86-RES-06.fr.pdf"));
    let p = pdf.to_str().unwrap();

    let check = run("qpdf", &["--check", p]);
    assert!(
        check.status.success(),
        "qpdf --check: {}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    let fonts = stdout("pdffonts", &[p]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts: {fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            (cols[n - 5], cols[n - 3]),
            ("yes", "yes"),
            "not embedded with ToUnicode: {row}"
        );
    }

    let facts = pikepdf(&pdf, FACTS);
    let xmp: String = facts["xmp"]
        .as_str()
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for claim in [
        ("pdfaid:part", "3"),
        ("pdfaid:conformance", "A"),
        ("pdfuaid:part", "1"),
    ] {
        let element = format!("<{0}>{1}</{0}>", claim.0, claim.1);
        let attribute = format!("{}=\"{}\"", claim.0, claim.1);
        assert!(
            xmp.contains(&element) || xmp.contains(&attribute),
            "XMP lacks {claim:?}: {xmp}"
        );
    }
    assert_eq!(facts["struct"], true);
    assert_eq!(facts["marked"], true);
    assert_eq!(facts["lang"], "fr");
    assert_eq!(facts["display_title"], true);
    assert_eq!(
        facts["title"],
        "Résolution N°\u{a0}6 – Prise de position sur la sécurité mondiale"
    );
    assert_eq!(facts["author"], "O.I.P.C.-INTERPOL");
    assert_eq!(facts["outline"][0], "Résolution N°\u{a0}6");
    // No status date in the seed: the date is the session's last day.
    assert!(
        facts["created"].as_str().unwrap().starts_with("D:20170929"),
        "{}",
        facts["created"]
    );

    let seed = std::fs::read(util::repo_path(SEED)).unwrap();
    let file = &facts["files"]["GA-2017-86-RES-06.fr.xml"];
    assert_eq!(file["relationship"], "/Source", "{facts}");
    assert_eq!(file["mime"], "/application/xml");
    assert_eq!(file["size"], seed.len());
    let list = stdout("pdfdetach", &["-list", p]);
    assert!(
        list.contains("1: GA-2017-86-RES-06.fr.xml"),
        "pdfdetach -list: {list}"
    );
    let saved = dir.path().join("extracted.xml");
    stdout(
        "pdfdetach",
        &["-save", "1", "-o", saved.to_str().unwrap(), p],
    );
    assert!(
        std::fs::read(&saved).unwrap() == seed,
        "the attached source differs from the seed"
    );
}

#[test]
fn the_seed_pdf_holds_every_word_of_the_seed_in_order() {
    let dir = util::temp_dir();
    let pdf = build(&util::repo_path(SEED), dir.path(), None);
    let seed = std::fs::read_to_string(util::repo_path("tests/fixtures/seed.txt")).unwrap();
    let seed = seed.replace("<sup>", "").replace("</sup>", "");
    let mut lines: Vec<&str> = seed.lines().filter(|l| !l.trim().is_empty()).collect();
    // The house style prints the reference in the top corner of the title
    // block (`reference-position = "top-end"`), before the title.
    let reference = lines
        .iter()
        .position(|l| l.trim() == "GA-2017-86-RES-06")
        .unwrap();
    let line = lines.remove(reference);
    lines.insert(0, line);
    let printed = pdftotext(&pdf);
    assert_in_order(&words(&lines.join("\n")), &printed);
    // Hyphenation must not lose or add letters: the body is printed as a
    // whole, from the opening to the last clause.
    let stream = |t: &str| -> String { t.chars().filter(|c| c.is_alphanumeric()).collect() };
    let body_start = lines
        .iter()
        .position(|l| l.starts_with("L'Assemblée"))
        .unwrap();
    let body_end = lines.iter().position(|l| l.starts_with("DEMANDE")).unwrap();
    for line in &lines[body_start..=body_end] {
        let want = stream(&line.replace(|c: char| c.is_ascii_digit() && line.starts_with(c), ""));
        assert!(
            stream(&printed).contains(&want),
            "`{line}` is not printed whole:\n{printed}"
        );
    }
}

#[test]
fn the_seed_rebuilds_byte_identical_and_honours_source_date_epoch() {
    let (a, b, c) = (util::temp_dir(), util::temp_dir(), util::temp_dir());
    let first = std::fs::read(build(&util::repo_path(SEED), a.path(), None)).unwrap();
    let second = std::fs::read(build(&util::repo_path(SEED), b.path(), None)).unwrap();
    assert!(first == second, "two builds of the seed differ");

    // 2021-03-04T05:06:07Z
    let epoch = build(&util::repo_path(SEED), c.path(), Some("1614834367"));
    let facts = pikepdf(&epoch, FACTS);
    assert!(
        facts["created"]
            .as_str()
            .unwrap()
            .starts_with("D:20210304050607"),
        "{}",
        facts["created"]
    );
    assert!(
        facts["xmp"]
            .as_str()
            .unwrap()
            .contains("2021-03-04T05:06:07"),
        "XMP dates"
    );
    let again = build(&util::repo_path(SEED), c.path(), Some("1614834367"));
    assert!(std::fs::read(again).unwrap() != first);
}

#[test]
fn hostile_source_text_is_printed_literally_through_the_binary() {
    let dir = util::temp_dir();
    // A file the hostile text tries to read: its content must not appear.
    std::fs::write(dir.path().join("secret.txt"), "CANARY-7f3a").unwrap();
    let hostile = [
        r##"#read("secret.txt")"##,
        r##"#read("/etc/passwd")"##,
        "#set page(width: 1cm)",
        "*gras* _italique_ $x^2$ @ref <label> // commentaire",
        r##"] ) " \ #{ }"##,
    ];
    let clauses: String = hostile
        .iter()
        .map(|h| {
            let escaped = h
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            format!("<clause><verb>NOTANT</verb> {escaped}</clause>\n")
        })
        .collect();
    let xml = std::fs::read_to_string(util::repo_path(SEED)).unwrap();
    let start = xml.find("<preamble>").unwrap() + "<preamble>".len();
    let end = xml.find("</preamble>").unwrap();
    let xml = format!("{}\n{clauses}{}", &xml[..start], &xml[end..]);
    let source = dir.path().join("hostile.fr.xml");
    std::fs::write(&source, xml).unwrap();

    let pdf = build(&source, dir.path(), None);
    let printed = pdftotext(&pdf);
    // Compared without spaces: the reader applies French typography (a
    // narrow space before `:`), which is not what is tested here.
    let bare = |t: &str| -> String { t.chars().filter(|c| !c.is_whitespace()).collect() };
    for h in hostile {
        assert!(
            bare(&printed).contains(&bare(h)),
            "`{h}` is not printed literally:\n{printed}"
        );
    }
    assert!(
        !printed.contains("CANARY") && !printed.contains("root:"),
        "a file was read:\n{printed}"
    );
    let width = pikepdf(&pdf, "print(json.dumps(float(pdf.pages[0].MediaBox[2])))");
    assert!(
        (width.as_f64().unwrap() - 595.28).abs() < 0.5,
        "page width {width}"
    );
}

/// Copies the built-in style to `dir/style`, with `change` applied to the
/// template, and returns the style file's path.
fn style_copy(dir: &Path, change: impl Fn(&str) -> String) -> PathBuf {
    let style = dir.join("style");
    for sub in ["", "fonts", "locales", "lib"] {
        std::fs::create_dir_all(style.join(sub)).unwrap();
        for entry in std::fs::read_dir(util::repo_path("styles").join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                std::fs::copy(&path, style.join(sub).join(path.file_name().unwrap())).unwrap();
            }
        }
    }
    let template = style.join("official.typ");
    let text = std::fs::read_to_string(&template).unwrap();
    std::fs::write(&template, change(&text)).unwrap();
    style.join("official.toml")
}

#[test]
fn a_typst_error_fails_only_its_document_and_names_the_template_line() {
    let dir = util::temp_dir();
    // A template that cannot lay out Arabic documents.
    let style = style_copy(dir.path(), |t| {
        format!("{t}\n#if d.lang == \"ar\" {{ panic(\"no Arabic here\") }}\n")
    });
    let line = std::fs::read_to_string(style.with_file_name("official.typ"))
        .unwrap()
        .lines()
        .count();
    let sources = dir.path().join("sources");
    std::fs::create_dir(&sources).unwrap();
    std::fs::copy(
        util::repo_path(SEED),
        sources.join("GA-2017-86-RES-06.fr.xml"),
    )
    .unwrap();
    std::fs::copy(
        util::repo_path("tests/fixtures/valid/S-RES-2730 (2024) excerpt.ar.xml"),
        sources.join("S-RES-2730.ar.xml"),
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = util::run(
        util::respub(dir.path())
            .args(["build", "--format", "pdf", "--style"])
            .arg(&style)
            .arg("--out")
            .arg(&out)
            .arg(&sources),
    );
    assert_eq!(run.code, Some(1), "{}\n{}", run.stdout, run.stderr);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(all.contains("no Arabic here"), "{all}");
    assert!(
        all.contains(&format!("official.typ:{line}:")),
        "no template location:\n{all}"
    );
    assert!(
        out.join("GA-2017-86-RES-06.fr.pdf").is_file(),
        "the French document was not built"
    );
    assert!(!out.join("S-RES-2730.ar.pdf").exists());
}

#[test]
fn a_font_family_the_style_does_not_provide_is_an_error() {
    let dir = util::temp_dir();
    let style = style_copy(dir.path(), |t| {
        format!("{t}\n#text(font: \"Missing Sans\")[x]\n")
    });
    let out = dir.path().join("out");
    let run = util::run(
        util::respub(dir.path())
            .args(["build", "--format", "pdf", "--style"])
            .arg(&style)
            .arg("--out")
            .arg(&out)
            .arg(util::repo_path(SEED)),
    );
    assert_eq!(run.code, Some(1), "{}\n{}", run.stdout, run.stderr);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(all.contains("unknown font family: missing sans"), "{all}");
    assert!(all.contains("never uses system fonts"), "{all}");
    assert!(!out.join("GA-2017-86-RES-06.fr.pdf").exists());
}

#[test]
fn a_batch_of_many_documents_builds_in_one_process() {
    // Typst parallelises internally; a batch must not stack documents'
    // layouts on one thread (that overflowed the stack at a few hundred).
    let dir = util::temp_dir();
    let sources = dir.path().join("sources");
    std::fs::create_dir(&sources).unwrap();
    let seed = std::fs::read_to_string(util::repo_path(SEED)).unwrap();
    for n in 1..=150 {
        let xml = seed
            .replace("<number>6</number>", &format!("<number>{n}</number>"))
            .replace("GA-2017-86-RES-06", &format!("GA-2017-86-RES-{n:02}"));
        std::fs::write(sources.join(format!("GA-2017-86-RES-{n:02}.fr.xml")), xml).unwrap();
    }
    let out = dir.path().join("out");
    let run = util::run(
        util::respub(dir.path())
            .args(["build", "--format", "pdf", "--out"])
            .arg(&out)
            .arg(&sources),
    );
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    let pdfs = std::fs::read_dir(&out).unwrap().count();
    assert_eq!(pdfs, 150);
    let last = pdftotext(&out.join("GA-2017-86-RES-150.fr.pdf"));
    assert!(last.contains("Résolution N° 150"), "{last}");
}
