//! The DOCX writer: package structure, Word numbering, fields, fonts,
//! languages, reproducibility, and the verdict of the OOXML validator,
//! LibreOffice and python-docx on its output.
//!
//! The external tools are required: a test fails, never skips, when one is
//! missing (`scripts/install-test-deps` installs them).

use std::io::Read;
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

use crate::util::model::{para, seed_meta, text};

/// 2017-09-29T00:00:00Z, the day the seed resolution was adopted.
const ADOPTED: i64 = 1_506_643_200;

// ---------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------

fn clause(verb: &str, rest: Vec<Inline>) -> Clause {
    let mut content = vec![Inline::Verb(vec![text(verb)])];
    content.extend(rest);
    Clause {
        label: None,
        blocks: vec![Block::Paragraph(para(content))],
        span: None,
    }
}

fn item(content: Vec<Inline>) -> ListItem {
    ListItem {
        label: None,
        blocks: vec![Block::Paragraph(para(content))],
        span: None,
    }
}

fn list(sample: &str, items: Vec<ListItem>) -> List {
    List {
        intro: None,
        pattern: LabelPattern::parse(sample).unwrap(),
        start: 1,
        items,
        continuation: None,
        span: None,
    }
}

/// The seed resolution GA-2017-86-RES-06, built in code as the XML reader
/// would build it.
fn seed() -> Resolution {
    let mut approve = clause(
        "APPROUVE",
        vec![
            text(" le document "),
            Inline::Quote(vec![text("Prise de position sur la sécurité mondiale")]),
            text(
                " en tant qu'expression pleine et entière de cette place et de cette contribution, qui consistent à :",
            ),
        ],
    );
    approve.blocks.push(Block::List(list(
        "1.",
        vec![
            item(vec![text("permettre aux pays membres de jouer un rôle dans la sécurité mondiale ;")]),
            item(vec![text("faciliter la coordination entre les acteurs de l'architecture de sécurité mondiale et coopérer avec des parties prenantes extérieures à la communauté policière ;")]),
            item(vec![text("promouvoir les normes, l'innovation et l'intégrité dans le cadre du travail de police ;")]),
            item(vec![text("faire entendre la voix de la police dans les cadres internationaux/supranationaux au plus haut niveau ;")]),
        ],
    )));
    Resolution {
        meta: Meta {
            keywords: vec!["sécurité mondiale".into(), "prise de position".into()],
            ..seed_meta()
        },
        opening: Some(para(vec![
            text("L'Assemblée générale de l'O.I.P.C.-INTERPOL, réunie en sa 86"),
            Inline::Superscript(vec![text("ème")]),
            text(" session à Beijing (Chine) du 26 au 29 septembre 2017,"),
        ])),
        preamble: vec![
            clause(
                "SACHANT",
                vec![text(
                    " que la mutation qualitative des menaces exige l'adoption par l'Organisation d'un modèle de fonctionnement judicieusement choisi et souple si elle entend répondre aux besoins de la police,",
                )],
            ),
            clause(
                "NOTANT",
                vec![text(
                    " que le Secrétariat général utilise un cadre stratégique pour orienter ses priorités et ses activités, et que la première année du cycle de mise en œuvre de ce cadre pour la période 2017 - 2020 arrive à son terme,",
                )],
            ),
            clause(
                "RECONNAISSANT",
                vec![text(
                    " qu'il est important de renforcer la plateforme de coopération internationale entre les services chargés de l'application de la loi, mais aussi entre eux et d'autres parties prenantes telles que le secteur privé, et que cette plateforme permette la coordination entre les acteurs de l'architecture de sécurité mondiale,",
                )],
            ),
            clause(
                "RECONNAISSANT",
                vec![text(
                    " l'intérêt de communiquer sur le travail et l'impact d'INTERPOL, d'en faire la promotion et de les faire connaître au-delà des pays membres de l'Organisation, et surtout aux gouvernements nationaux et au grand public,",
                )],
            ),
        ],
        operative: Operative {
            numbering: None,
            clauses: vec![
                clause(
                    "ACCUEILLE FAVORABLEMENT",
                    vec![text(
                        " les initiatives qui clarifient la place de l'Organisation au sein de la communauté internationale et sa contribution au renforcement de la sécurité ;",
                    )],
                ),
                approve,
                clause(
                    "ADHÈRE",
                    vec![text(
                        " aux sept objectifs de l'action policière mondiale et à leurs sous-objectifs respectifs tels qu'ils sont présentés à l'annexe 1 du Rapport GA-2017-86-REP-07, en tant que support de l'action de promotion menée auprès des gouvernements nationaux et des acteurs intergouvernementaux de l'architecture de sécurité mondiale, et en tant que moyen possible, pour les pays membres, de respecter les engagements pris au titre du Programme de développement durable à l'horizon 2030 de l'ONU, en particulier de l'objectif de développement durable N° 16 ;",
                    )],
                ),
                clause(
                    "DEMANDE",
                    vec![text(
                        " au Secrétariat général de mettre à disposition l'intégralité ou des parties de ce document, aux fins d'une visibilité extérieure maximale.",
                    )],
                ),
            ],
        },
        closing: None,
        adoption: None,
        annexes: Vec::new(),
    }
}

/// A Security Council-like resolution: numbered operative paragraphs,
/// lists nested four deep, footnotes, a link and two annexes.
fn council() -> Resolution {
    let nested = |depth: usize| -> List {
        let samples = ["(a)", "(i)", "a.", "•"];
        let mut inner: Option<List> = None;
        for d in (depth..4).rev() {
            let mut first = item(vec![text(&format!("level {} first item", d + 1))]);
            if let Some(l) = inner.take() {
                first.blocks.push(Block::List(l));
            }
            inner = Some(list(
                samples[d],
                vec![
                    first,
                    item(vec![text(&format!("level {} second item", d + 1))]),
                ],
            ));
        }
        inner.unwrap()
    };
    let mut decides = clause("Decides", vec![text(" that the measures shall apply to:")]);
    decides.blocks.push(Block::List(nested(0)));
    let mut urges = clause("Urges", vec![text(" Member States:")]);
    urges.blocks.push(Block::List(list(
        "(a)",
        vec![
            item(vec![text("to report;")]),
            item(vec![text("to cooperate;")]),
        ],
    )));
    Resolution {
        meta: Meta {
            reference: Reference("S/RES/2722 (2024)".into()),
            number: ResolutionNumber("2722 (2024)".into()),
            language: Language("en".into()),
            organisation: Organisation {
                name: "United Nations".into(),
                short: Some("UN".into()),
            },
            body: Some("Security Council".into()),
            subject: Some(Paragraph::text("The situation in the Middle East")),
            status: Status {
                kind: StatusKind::Adopted,
                date: Date::new(2024, 1, 10),
            },
            ..Meta::default()
        },
        opening: Some(Paragraph::text("The Security Council,")),
        preamble: vec![clause(
            "Recalling",
            vec![
                text(" its resolution 2216 (2015)"),
                Inline::Footnote(Footnote {
                    mark: None,
                    content: vec![
                        text("See "),
                        Inline::Link(Link {
                            href: Some("https://undocs.org/S/RES/2216(2015)".into()),
                            reference: None,
                            content: vec![text("S/RES/2216 (2015)")],
                            span: None,
                        }),
                        text("."),
                    ],
                    span: None,
                }),
                text(" and the statement of its President"),
                Inline::Footnote(Footnote {
                    mark: None,
                    content: vec![text("S/PRST/2023/5.")],
                    span: None,
                }),
                text(","),
            ],
        )],
        operative: Operative {
            numbering: LabelPattern::parse("1."),
            clauses: vec![
                clause("Condemns", vec![text(" the attacks;")]),
                decides,
                urges,
                clause(
                    "Decides",
                    vec![
                        text(" to remain "),
                        Inline::Emphasis(vec![text("actively")]),
                        text(" seized of the matter."),
                    ],
                ),
            ],
        },
        closing: None,
        adoption: Some(Paragraph::text(
            "Adopted by the Security Council at its 9527th meeting, on 10 January 2024",
        )),
        annexes: vec![
            Annex {
                label: Some(Paragraph::text("Annex I")),
                title: Some(Paragraph::text("List of measures")),
                blocks: vec![
                    Block::Heading(Heading {
                        level: 1,
                        content: vec![text("Measures")],
                        span: None,
                    }),
                    Block::Paragraph(Paragraph::text("The measures are listed below.")),
                    Block::List(list(
                        "1.",
                        vec![
                            item(vec![text("Asset freeze")]),
                            item(vec![text("Travel ban")]),
                        ],
                    )),
                ],
                span: None,
            },
            Annex {
                label: Some(Paragraph::text("Annex II")),
                title: None,
                blocks: vec![Block::Paragraph(Paragraph::text("Further text."))],
                span: None,
            },
        ],
    }
}

/// An Arabic resolution with abjad-lettered sub-paragraphs.
fn arabic() -> Resolution {
    let mut decides = clause("يقرر", vec![text(" ما يلي:")]);
    decides.blocks.push(Block::List(list(
        "(أ)",
        vec![
            item(vec![text(
                "أن تطبق التدابير المشار إليها في القرار S/RES/2216 (2015)؛",
            )]),
            item(vec![text("أن يبقي المسألة قيد نظره الفعلي؛")]),
        ],
    )));
    Resolution {
        meta: Meta {
            reference: Reference("S/RES/2722 (2024)".into()),
            number: ResolutionNumber("2722 (2024)".into()),
            language: Language("ar".into()),
            organisation: Organisation {
                name: "الأمم المتحدة".into(),
                short: None,
            },
            body: Some("مجلس الأمن".into()),
            subject: Some(Paragraph::text("الحالة في الشرق الأوسط")),
            status: Status {
                kind: StatusKind::Adopted,
                date: Date::new(2024, 1, 10),
            },
            ..Meta::default()
        },
        opening: Some(Paragraph::text("إن مجلس الأمن،")),
        preamble: vec![clause(
            "إذ يشير",
            vec![
                text(" إلى قراره "),
                Inline::Strong(vec![text("2216 (2015)")]),
                Inline::Footnote(Footnote {
                    mark: None,
                    content: vec![text("انظر الوثيقة S/2015/100.")],
                    span: None,
                }),
                text("،"),
            ],
        )],
        operative: Operative {
            numbering: LabelPattern::parse("1 -"),
            clauses: vec![
                clause("يدين", vec![text(" الهجمات؛")]),
                decides,
                clause("يقرر", vec![text(" أن يبقي المسألة قيد نظره الفعلي.")]),
            ],
        },
        closing: None,
        adoption: None,
        annexes: Vec::new(),
    }
}

// ---------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------

fn render_with(res: &Resolution, timestamp: i64) -> (Vec<u8>, Vec<respub::diag::Diagnostic>) {
    let source = SourceFile::new("model.xml", Vec::new());
    let warned = respub::render::render(Format::Docx, res, &source, &Style::builtin(), timestamp)
        .unwrap_or_else(|e| panic!("the DOCX writer failed: {e:?}"));
    (warned.output, warned.warnings)
}

fn render(res: &Resolution) -> Vec<u8> {
    render_with(res, ADOPTED).0
}

fn archive(docx: &[u8]) -> zip::ZipArchive<std::io::Cursor<&[u8]>> {
    zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("the DOCX is a zip")
}

fn part(docx: &[u8], name: &str) -> String {
    let mut zip = archive(docx);
    let mut file = zip
        .by_name(name)
        .unwrap_or_else(|_| panic!("the DOCX has no part `{name}`"));
    let mut text = String::new();
    file.read_to_string(&mut text).unwrap();
    text
}

fn part_bytes(docx: &[u8], name: &str) -> Vec<u8> {
    let mut zip = archive(docx);
    let mut file = zip
        .by_name(name)
        .unwrap_or_else(|_| panic!("the DOCX has no part `{name}`"));
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).unwrap();
    bytes
}

fn temp_file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Runs an external tool, failing the test with a clear message when it is
/// not installed.
fn run(program: &str, args: &[&str]) -> std::process::Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{program}` ({e}); install the test tools with scripts/install-test-deps"))
}

/// The errors openxml-audit reports for `path`, as descriptions.
pub(crate) fn openxml_errors(path: &Path) -> Vec<String> {
    let out = run(
        "openxml-audit",
        &["-o", "json", "-m", "0", path.to_str().unwrap()],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "openxml-audit did not print JSON ({e}): {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let file = &report[0];
    assert!(
        file["error_count"].is_number(),
        "unexpected openxml-audit report: {stdout}"
    );
    file["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            format!(
                "{} [{} {}] {}",
                e["part_uri"], e["type"], e["node"], e["description"]
            )
        })
        .collect()
}

fn assert_valid(name: &str, docx: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_file(dir.path(), &format!("{name}.docx"), docx);
    let errors = openxml_errors(&path);
    assert!(
        errors.is_empty(),
        "openxml-audit found {} errors in {name}:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

/// Checks that every XML part is well-formed.
fn assert_well_formed(docx: &[u8]) {
    let mut zip = archive(docx);
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        let mut reader = quick_xml::Reader::from_str(&text);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("`{name}` is not well-formed: {e}"),
            }
        }
    }
}

// ---------------------------------------------------------------------
// Structure
// ---------------------------------------------------------------------

#[test]
fn package_has_every_part_with_its_content_type() {
    let docx = render(&seed());
    assert_well_formed(&docx);
    let zip = archive(&docx);
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    for name in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/numbering.xml",
        "word/settings.xml",
        "word/fontTable.xml",
        "word/_rels/fontTable.xml.rels",
        "word/footnotes.xml",
        "word/header1.xml",
        "word/footer1.xml",
        "docProps/core.xml",
        "docProps/app.xml",
    ] {
        assert!(names.contains(&name), "missing {name}; parts: {names:?}");
    }
    assert_eq!(names[0], "[Content_Types].xml");
    let types = part(&docx, "[Content_Types].xml");
    assert!(types.contains(r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#));
    assert!(types.contains(r#"<Default Extension="odttf" ContentType="application/vnd.openxmlformats-officedocument.obfuscatedFont"/>"#));
}

#[test]
fn core_properties_come_from_the_resolution() {
    let docx = render(&seed());
    let core = part(&docx, "docProps/core.xml");
    assert!(
        core.contains(
            "<dc:title>Résolution N°\u{a0}6 – Prise de position sur la sécurité mondiale</dc:title>"
        ),
        "{core}"
    );
    assert!(
        core.contains("<dc:subject>Prise de position sur la sécurité mondiale</dc:subject>"),
        "{core}"
    );
    assert!(core.contains("<dc:creator>O.I.P.C.-INTERPOL</dc:creator>"));
    assert!(core.contains("<dc:language>fr</dc:language>"));
    assert!(core.contains(
        "<cp:keywords>GA-2017-86-RES-06, sécurité mondiale, prise de position</cp:keywords>"
    ));
    assert!(core.contains(
        r#"<dcterms:created xsi:type="dcterms:W3CDTF">2017-09-29T00:00:00Z</dcterms:created>"#
    ));
    assert!(core.contains(
        r#"<dcterms:modified xsi:type="dcterms:W3CDTF">2017-09-29T00:00:00Z</dcterms:modified>"#
    ));
}

#[test]
fn two_builds_are_byte_identical_and_dated_by_the_timestamp() {
    let first = render(&seed());
    let second = render(&seed());
    assert!(first == second, "two builds of the same model differ");

    let later = render_with(&seed(), ADOPTED + 86_400 * 365).0;
    assert_ne!(first, later);
    assert!(part(&later, "docProps/core.xml").contains("2018-09-29T00:00:00Z"));
    let mut zip = archive(&later);
    let entry = zip.by_name("word/document.xml").unwrap();
    let time = entry.last_modified().unwrap();
    assert_eq!((time.year(), time.month(), time.day()), (2018, 9, 29));

    // Before 1980 a zip cannot record the date; the entries are clamped.
    let early = render_with(&seed(), 0).0;
    let mut zip = archive(&early);
    let time = zip.by_index(0).unwrap().last_modified().unwrap();
    assert_eq!(time.year(), 1980);
    assert!(part(&early, "docProps/core.xml").contains("1970-01-01T00:00:00Z"));
}

// ---------------------------------------------------------------------
// Styles and text
// ---------------------------------------------------------------------

#[test]
fn clauses_carry_named_styles_and_verbs_a_character_style() {
    let docx = render(&seed());
    let styles = part(&docx, "word/styles.xml");
    for name in [
        "Resolution Title",
        "Resolution Reference",
        "Resolution Subject",
        "Opening Formula",
        "Preamble Clause",
        "Operative Clause",
        "List Item 1",
        "List Item 3",
        "Annex Label",
        "Annex Heading 1",
        "Adoption Line",
        "Resolution Verb",
    ] {
        assert!(
            styles.contains(&format!(r#"<w:name w:val="{name}"/>"#)),
            "no style named {name}"
        );
    }
    // The house style: Noto Serif 10.5 pt, verbs in capitals.
    assert!(styles.contains(r#"w:ascii="Noto Serif""#));
    assert!(styles.contains(r#"<w:sz w:val="21"/>"#));
    let verb = styles
        .split(r#"w:styleId="ResolutionVerbCaps""#)
        .nth(1)
        .unwrap();
    let verb = &verb[..verb.find("</w:style>").unwrap()];
    assert!(verb.contains("<w:caps/>") && verb.contains(r#"<w:basedOn w:val="ResolutionVerb"/>"#));

    let document = part(&docx, "word/document.xml");
    assert!(document.contains(r#"<w:pStyle w:val="PreambleClause"/>"#));
    assert!(document.contains(r#"<w:rStyle w:val="ResolutionVerbCaps"/>"#));
    // No direct formatting of fonts, sizes or colours in the body.
    for direct in ["<w:sz ", "<w:color ", "<w:rFonts ", "<w:jc "] {
        assert!(
            !document.contains(direct),
            "the body has direct formatting `{direct}`"
        );
    }
    // Direct spacing only as the space before the first item of a list in
    // an item, which keeps a paragraph's distance from the item's text.
    for spacing in document.split("<w:spacing ").skip(1) {
        let attrs = &spacing[..spacing.find("/>").unwrap()];
        assert!(
            attrs.starts_with("w:before=\"") && attrs.matches('=').count() == 1,
            "the body has direct spacing `{attrs}`"
        );
    }
}

#[test]
fn page_size_and_margins_follow_the_house_style() {
    let docx = render(&seed());
    let document = part(&docx, "word/document.xml");
    // A4: 210 × 297 mm; margins 25 / 22 mm.
    assert!(
        document.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#),
        "{document}"
    );
    assert!(document.contains(r#"w:left="1417""#) && document.contains(r#"w:right="1247""#));
}

#[test]
fn hostile_text_is_escaped() {
    let mut res = seed();
    res.meta.subject = Some(Paragraph::text(
        "</w:t></w:r><w:r><w:t>injected & <![CDATA[x]]>\"'",
    ));
    res.preamble[0]
        .blocks
        .push(Block::Paragraph(Paragraph::text("ab <w:p/> ]]> end")));
    let docx = render(&res);
    assert_well_formed(&docx);
    let document = part(&docx, "word/document.xml");
    assert!(
        document.contains(
            "&lt;/w:t&gt;&lt;/w:r&gt;&lt;w:r&gt;&lt;w:t&gt;injected &amp; &lt;![CDATA[x]]&gt;"
        ),
        "{document}"
    );
    // The spaces of the justified text are runs of their own.
    assert!(document.contains(">&lt;w:p/&gt;</w:t>") && document.contains(">]]&gt;</w:t>"));
    let core = part(&docx, "docProps/core.xml");
    assert!(core.contains("<dc:subject>&lt;/w:t&gt;"));

    // Characters XML forbids never reach a writer: preparing refuses them.
    res.preamble[0]
        .blocks
        .push(Block::Paragraph(Paragraph::text(
            "a\u{0}b \u{1}\u{b} \u{fffe}end",
        )));
    let source = SourceFile::new("model.xml", Vec::new());
    let errors =
        respub::render::render(Format::Docx, &res, &source, &Style::builtin(), 0).unwrap_err();
    for code in ["U+0000", "U+0001", "U+000B", "U+FFFE"] {
        assert!(
            errors
                .iter()
                .any(|e| e.message == format!("the character {code} cannot be published")),
            "{code}: {errors:?}"
        );
    }
}

// ---------------------------------------------------------------------
// Numbering
// ---------------------------------------------------------------------

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn each_logical_list_is_one_word_list() {
    // The seed: one list of four items, operative clauses not numbered.
    let docx = render(&seed());
    let numbering = part(&docx, "word/numbering.xml");
    assert_eq!(count(&numbering, "<w:num "), 1, "{numbering}");
    assert_eq!(count(&numbering, "<w:abstractNum "), 1);
    assert!(
        numbering.contains(r#"<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>"#),
        "{numbering}"
    );
    let document = part(&docx, "word/document.xml");
    assert_eq!(count(&document, r#"<w:numId w:val="1"/>"#), 4);
    // Labels are never typed: no "1." or "2." opens a run.
    assert!(!document.contains(r#"<w:t xml:space="preserve">1.</w:t>"#));

    // The council: operative clauses (one list across the part), one
    // four-deep list and the (a) list inside clauses, one list in an annex.
    let docx = render(&council());
    let numbering = part(&docx, "word/numbering.xml");
    let document = part(&docx, "word/document.xml");
    assert_eq!(count(&numbering, "<w:num "), 4, "{numbering}");
    // The operative clauses are numbered through their style, so a
    // paragraph added in Word continues the numbering.
    let styles = part(&docx, "word/styles.xml");
    let operative = styles
        .split(r#"w:styleId="OperativeClause""#)
        .nth(1)
        .unwrap();
    assert!(
        operative[..operative.find("</w:style>").unwrap()]
            .contains(r#"<w:numPr><w:numId w:val="1"/></w:numPr>"#)
    );
    assert!(numbering.contains(r#"<w:pStyle w:val="OperativeClause"/>"#));
    assert_eq!(
        count(&document, r#"<w:pStyle w:val="OperativeClause"/>"#),
        4
    );
    // The nested list uses levels 0 to 3 of one list.
    for (level, fmt, text) in [
        (0, "lowerLetter", "(%1)"),
        (1, "lowerRoman", "(%2)"),
        (2, "lowerLetter", "%3."),
        (3, "bullet", "•"),
    ] {
        let needle = format!(
            r#"<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>"#
        );
        assert!(numbering.contains(&needle), "missing {needle}");
    }
    for level in 0..4 {
        assert!(document.contains(&format!(
            r#"<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="2"/></w:numPr>"#
        )));
    }
}

#[test]
fn arabic_lists_use_abjad_numbering() {
    let docx = render(&arabic());
    let numbering = part(&docx, "word/numbering.xml");
    assert!(
        numbering.contains(r#"<w:numFmt w:val="arabicAbjad"/><w:lvlText w:val="(%1)"/>"#),
        "{numbering}"
    );
    assert!(numbering.contains(r#"<w:lvlText w:val="%1 -"/>"#));
}

#[test]
fn irregular_lists_fall_back_to_typed_labels() {
    let mut res = seed();
    let Block::List(list) = &mut res.operative.clauses[1].blocks[1] else {
        panic!()
    };
    list.items[1].label = Some("1 bis.".into());
    let docx = render(&res);
    let document = part(&docx, "word/document.xml");
    assert!(document.contains(">1 bis.</w:t>"));
    assert!(document.contains(">3.</w:t>"));
    assert!(!document.contains("<w:numPr>"));
}

// ---------------------------------------------------------------------
// Header, footer, notes, annexes
// ---------------------------------------------------------------------

#[test]
fn footer_has_live_page_fields_in_the_document_language() {
    let docx = render(&seed());
    let footer = part(&docx, "word/footer1.xml");
    assert!(footer.contains(">page </w:t>"), "{footer}");
    let page = footer.find(" PAGE \\* MERGEFORMAT ").expect("a PAGE field");
    let pages = footer
        .find(" NUMPAGES \\* MERGEFORMAT ")
        .expect("a NUMPAGES field");
    assert!(page < pages);
    assert_eq!(count(&footer, r#"w:fldCharType="begin""#), 2);
    assert_eq!(count(&footer, r#"w:fldCharType="end""#), 2);
    let header = part(&docx, "word/header1.xml");
    assert!(
        header.contains(">O.I.P.C.-INTERPOL</w:t>")
            && header.contains(" · GA-2017-86-RES-06</w:t>"),
        "{header}"
    );
    let document = part(&docx, "word/document.xml");
    assert!(document.contains(r#"<w:titlePg/>"#));

    let docx = render(&arabic());
    let footer = part(&docx, "word/footer1.xml");
    assert!(footer.contains(">الصفحة </w:t>"), "{footer}");
    assert!(footer.contains(" NUMPAGES "));
}

#[test]
fn footnotes_and_annexes() {
    let docx = render(&council());
    let notes = part(&docx, "word/footnotes.xml");
    assert!(notes.contains(r#"<w:footnote w:type="separator" w:id="-1">"#));
    assert!(
        notes.contains(r#"<w:footnote w:id="1">"#) && notes.contains(r#"<w:footnote w:id="2">"#)
    );
    assert!(notes.contains(">S/PRST/2023/5.</w:t>"));
    let document = part(&docx, "word/document.xml");
    assert!(document.contains(r#"<w:footnoteReference w:id="1"/>"#));
    assert_eq!(count(&document, r#"<w:pStyle w:val="AnnexLabel"/>"#), 2);
    assert!(document.contains(r#"<w:pStyle w:val="AnnexHeading1"/>"#));
    // The link in the first note is a hyperlink relationship.
    let rels = part(&docx, "word/_rels/footnotes.xml.rels");
    assert!(rels.contains(r#"Target="https://undocs.org/S/RES/2216(2015)" TargetMode="External""#));
    assert!(notes.contains("<w:hyperlink r:id="));
}

// ---------------------------------------------------------------------
// Fonts and languages
// ---------------------------------------------------------------------

#[test]
fn house_fonts_are_embedded_obfuscated() {
    let style = Style::builtin();
    let docx = render(&seed());
    let table = part(&docx, "word/fontTable.xml");
    let rels = part(&docx, "word/_rels/fontTable.xml.rels");
    assert!(part(&docx, "word/settings.xml").contains("<w:embedTrueTypeFonts/>"));
    let serif = table
        .split(r#"<w:font w:name="Noto Serif">"#)
        .nth(1)
        .expect("Noto Serif in the font table");
    let serif = &serif[..serif.find("</w:font>").unwrap()];
    for (element, bold, italic) in [
        ("w:embedRegular", false, false),
        ("w:embedBold", true, false),
        ("w:embedItalic", false, true),
        ("w:embedBoldItalic", true, true),
    ] {
        let at = serif
            .find(&format!("<{element} "))
            .unwrap_or_else(|| panic!("no {element}"));
        let tag = &serif[at..at + serif[at..].find("/>").unwrap()];
        let attr = |name: &str| {
            let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            tag[start..start + tag[start..].find('"').unwrap()].to_string()
        };
        let (rid, key) = (attr("r:id"), attr("w:fontKey"));
        let rel = rels.split(&format!(r#"Id="{rid}""#)).nth(1).unwrap();
        let target = &rel[rel.find("Target=\"").unwrap() + 8..];
        let target = &target[..target.find('"').unwrap()];
        let stored = part_bytes(&docx, &format!("word/{target}"));
        let face = style
            .fonts
            .files
            .iter()
            .find(|f| f.family == "Noto Serif" && f.bold == bold && f.italic == italic)
            .unwrap();
        assert_ne!(&stored[..32], &face.data[..32], "the font is obfuscated");
        assert_eq!(
            respub::render::docx::obfuscate(&stored, &key),
            face.data.to_vec(),
            "{element} decodes to the house font"
        );
    }
    // A French text needs no Arabic font; an Arabic one embeds it.
    assert!(!table.contains("Noto Naskh Arabic\"><w:charset w:val=\"B2\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/><w:embed"));
    let arabic_table = part(&render(&arabic()), "word/fontTable.xml");
    assert!(arabic_table.contains(r#"<w:font w:name="Noto Naskh Arabic">"#));
    let naskh = arabic_table
        .split(r#"<w:font w:name="Noto Naskh Arabic">"#)
        .nth(1)
        .unwrap();
    assert!(naskh[..naskh.find("</w:font>").unwrap()].contains("<w:embedBold "));
}

#[test]
fn language_is_tagged_on_defaults_and_runs() {
    let docx = render(&seed());
    let styles = part(&docx, "word/styles.xml");
    let defaults = &styles[..styles.find("</w:docDefaults>").unwrap()];
    assert!(defaults.contains(r#"<w:lang w:val="fr-FR"/>"#));
    let document = part(&docx, "word/document.xml");
    assert_eq!(
        count(&document, "<w:r>"),
        count(&document, r#"<w:lang w:val="fr-FR"/>"#)
    );
    assert!(!document.contains("<w:rtl/>") && !document.contains("<w:bidi/>"));
}

#[test]
fn arabic_is_right_to_left_with_complex_script_properties() {
    let docx = render(&arabic());
    let styles = part(&docx, "word/styles.xml");
    assert!(styles.contains(r#"w:cs="Noto Naskh Arabic""#));
    assert!(styles.contains(r#"<w:lang w:val="ar-SA" w:bidi="ar-SA"/>"#));
    assert!(styles.contains("<w:szCs "));
    assert!(styles.contains("<w:bCs/>"));
    let normal = styles.split(r#"w:styleId="Normal""#).nth(1).unwrap();
    assert!(normal[..normal.find("</w:style>").unwrap()].contains("<w:bidi/>"));
    let document = part(&docx, "word/document.xml");
    assert!(document.contains("<w:rtl/>"));
    assert!(document.contains(r#"<w:lang w:val="ar-SA" w:bidi="ar-SA"/>"#));
    // The Latin reference inside Arabic text is a left-to-right run.
    // (split where the Arabic font lacks its letters and parentheses,
    // which are set in the body font, as LibreOffice would set them in the
    // complex-script font in a right-to-left paragraph).
    assert!(document.contains(r#"<w:rFonts w:cs="Noto Serif"/><w:lang w:val="ar-SA" w:bidi="ar-SA"/></w:rPr><w:t xml:space="preserve">S/RES/</w:t>"#), "{document}");
    assert!(
        document.contains(
            r#"<w:lang w:val="ar-SA" w:bidi="ar-SA"/></w:rPr><w:t xml:space="preserve">2216</w:t></w:r><w:r><w:rPr><w:w w:val="67"/><w:lang w:val="ar-SA" w:bidi="ar-SA"/></w:rPr><w:t xml:space="preserve"> </w:t>"#
        ),
        "{document}"
    );
    assert!(document.contains("<w:bidi/></w:sectPr>"));
    // Parentheses, which the Arabic font lacks, are set in the body font.
    assert!(document.contains(r#"<w:rFonts w:cs="Noto Serif"/><w:rtl/><w:lang w:val="ar-SA" w:bidi="ar-SA"/></w:rPr><w:t xml:space="preserve">(</w:t>"#), "{document}");
}

// ---------------------------------------------------------------------
// External validators
// ---------------------------------------------------------------------

#[test]
fn openxml_audit_finds_no_errors() {
    assert_valid("seed", &render(&seed()));
    assert_valid("council", &render(&council()));
    assert_valid("arabic", &render(&arabic()));
}

/// Writes a script's JSON answer for the paragraphs of `docx`:
/// `[[style name, text], …]`.
fn python_docx_paragraphs(path: &Path) -> Vec<(String, String)> {
    let script = "import docx, json, sys\n\
        d = docx.Document(sys.argv[1])\n\
        print(json.dumps([[p.style.name, p.text] for p in d.paragraphs]))\n";
    let out = run("python3", &["-c", script, path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "python-docx cannot open the DOCX: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON from the script")
}

/// The words of `text`, lower-cased, split at anything not a letter or digit.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Checks that every word of the seed text appears in `paragraphs`, in
/// order.
fn assert_has_seed_words_in_order(paragraphs: &[(String, String)]) {
    let seed_text = std::fs::read_to_string(crate::util::repo_path("tests/fixtures/seed.txt"))
        .expect("tests/fixtures/seed.txt");
    let seed_text = seed_text
        .replace("##", "")
        .replace("**", "")
        .replace("<sup>", "")
        .replace("</sup>", "");
    // List labels ("1. permettre …") are drawn by Word's numbering, not
    // stored as text: drop them from the seed before comparing.
    let seed_text: String = seed_text
        .lines()
        .map(|line| match line.split_once(". ") {
            Some((label, rest))
                if !label.is_empty() && label.chars().all(|c| c.is_ascii_digit()) =>
            {
                rest
            }
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let docx_text: Vec<String> = paragraphs.iter().flat_map(|(_, t)| words(t)).collect();
    let mut at = 0;
    for word in words(&seed_text) {
        match docx_text[at..].iter().position(|w| *w == word) {
            Some(found) => at += found + 1,
            None => panic!(
                "the word `{word}` of the seed is missing or out of order in the DOCX text (after {:?})",
                &docx_text[at.saturating_sub(8)..at]
            ),
        }
    }
}

/// The style of the first paragraph that starts with `start`.
fn style_of<'p>(paragraphs: &'p [(String, String)], start: &str) -> &'p str {
    paragraphs
        .iter()
        .find(|(_, t)| t.starts_with(start))
        .map(|(s, _)| s.as_str())
        .unwrap_or_else(|| panic!("no paragraph starts with {start}: {paragraphs:?}"))
}

#[test]
fn python_docx_sees_named_styles_and_every_word_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_file(dir.path(), "seed.docx", &render(&seed()));
    let paragraphs = python_docx_paragraphs(&path);
    assert_eq!(style_of(&paragraphs, "SACHANT"), "Preamble Clause");
    assert_eq!(style_of(&paragraphs, "ACCUEILLE"), "Operative Clause");
    assert_eq!(style_of(&paragraphs, "permettre"), "List Item 1");
    assert_eq!(style_of(&paragraphs, "Résolution"), "Resolution Title");
    assert_eq!(style_of(&paragraphs, "Adoptée"), "Adoption Line");
    assert_has_seed_words_in_order(&paragraphs);
}

#[test]
fn libreoffice_renders_a4_with_the_embedded_house_fonts() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_file(dir.path(), "seed.docx", &render(&seed()));
    let pdf = libreoffice_pdf(&path, dir.path());
    let info =
        String::from_utf8_lossy(&run("pdfinfo", &[pdf.to_str().unwrap()]).stdout).into_owned();
    let size = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .unwrap_or_default();
    // A4 is 595.276 × 841.89 pt.
    assert!(
        size.contains("595.") && size.contains("841.") && size.contains("A4"),
        "{info}"
    );
    let fonts =
        String::from_utf8_lossy(&run("pdffonts", &[pdf.to_str().unwrap()]).stdout).into_owned();
    assert!(fonts.contains("NotoSerif-Regular"), "{fonts}");
    assert!(fonts.contains("NotoSerif-Bold"), "{fonts}");
}

/// Converts `docx` to PDF with LibreOffice, in its own profile so that
/// parallel runs do not share state.
pub fn libreoffice_pdf(docx: &Path, dir: &Path) -> PathBuf {
    let profile = dir.join("lo-profile");
    let profile_url = format!("-env:UserInstallation=file://{}", profile.display());
    let out = run(
        "soffice",
        &[
            &profile_url,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            dir.to_str().unwrap(),
            docx.to_str().unwrap(),
        ],
    );
    let pdf = dir.join(docx.with_extension("pdf").file_name().unwrap());
    assert!(
        pdf.exists(),
        "LibreOffice did not convert the DOCX: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}

#[test]
fn lists_deeper_than_word_has_levels_are_refused_before_writing() {
    let deep = |levels: usize| {
        let mut inner = list("(a)", vec![item(vec![text("deepest")])]);
        for _ in 1..levels {
            let mut it = item(vec![text("level")]);
            it.blocks.push(Block::List(inner));
            inner = list("(a)", vec![it]);
        }
        let mut res = seed();
        res.operative.clauses[0].blocks.push(Block::List(inner));
        res
    };
    let source = SourceFile::new("model.xml", Vec::new());
    let errors =
        respub::render::render(Format::Docx, &deep(10), &source, &Style::builtin(), 0).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("nested more than 9")),
        "{errors:?}"
    );
    // Nine levels, all Word has, are written as Word lists.
    let (docx, _) = render_with(&deep(9), ADOPTED);
    assert_well_formed(&docx);
    assert!(part(&docx, "word/numbering.xml").contains(r#"<w:lvl w:ilvl="8">"#));
}

// ---------------------------------------------------------------------
// Acceptance: the real seed through the real binary
// ---------------------------------------------------------------------

/// Builds `source` (relative to the repository) as DOCX with the real
/// binary into `out`, returning the DOCX path.
fn build_docx(source: &str, out: &Path) -> PathBuf {
    let source = crate::util::repo_path(source);
    let run = crate::util::run(crate::util::respub(crate::util::root()).args([
        "build",
        source.to_str().unwrap(),
        "--format",
        "docx",
        "--out",
        out.to_str().unwrap(),
    ]));
    assert_eq!(
        run.code,
        Some(0),
        "respub build failed:\n{}{}",
        run.stdout,
        run.stderr
    );
    let stem = source.file_stem().unwrap().to_str().unwrap();
    let docx = out.join(format!("{stem}.docx"));
    assert!(
        docx.exists(),
        "no {} after the build: {}",
        docx.display(),
        run.stderr
    );
    docx
}

#[test]
fn seed_built_by_respub_passes_every_check() {
    let dir = crate::util::temp_dir();
    let path = build_docx("sources/GA-2017-86-RES-06.fr.xml", &dir.path().join("a"));
    let docx = std::fs::read(&path).unwrap();

    // The OOXML validator: no errors.
    let errors = openxml_errors(&path);
    assert!(
        errors.is_empty(),
        "openxml-audit: {} errors:\n{}",
        errors.len(),
        errors.join("\n")
    );

    // Two builds give the same bytes.
    let again = std::fs::read(build_docx(
        "sources/GA-2017-86-RES-06.fr.xml",
        &dir.path().join("b"),
    ))
    .unwrap();
    assert!(docx == again, "two builds of the seed differ");

    // The XML: one Word list for the one list of the seed, its items
    // numbered by Word; live page fields; embedded fonts; the language.
    let numbering = part(&docx, "word/numbering.xml");
    assert_eq!(count(&numbering, "<w:num "), 1, "{numbering}");
    let document = part(&docx, "word/document.xml");
    assert_eq!(
        count(
            &document,
            r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>"#
        ),
        4
    );
    let footer = part(&docx, "word/footer1.xml");
    assert!(footer.contains(" PAGE ") && footer.contains(" NUMPAGES "));
    let fonts = part(&docx, "word/fontTable.xml");
    for element in [
        "w:embedRegular",
        "w:embedBold",
        "w:embedItalic",
        "w:embedBoldItalic",
    ] {
        assert!(fonts.contains(&format!("<{element} ")), "no {element}");
    }
    assert!(part(&docx, "word/styles.xml").contains(r#"<w:lang w:val="fr-FR"/>"#));
    assert!(document.contains(r#"<w:lang w:val="fr-FR"/>"#));
    assert!(part(&docx, "docProps/core.xml").contains("<dc:language>fr</dc:language>"));

    // python-docx: named styles on the clauses, every word in order.
    let paragraphs = python_docx_paragraphs(&path);
    assert_eq!(style_of(&paragraphs, "SACHANT"), "Preamble Clause");
    assert_eq!(style_of(&paragraphs, "NOTANT"), "Preamble Clause");
    assert_eq!(style_of(&paragraphs, "APPROUVE"), "Operative Clause");
    assert_eq!(style_of(&paragraphs, "DEMANDE"), "Operative Clause");
    assert_eq!(style_of(&paragraphs, "promouvoir"), "List Item 1");
    assert_eq!(style_of(&paragraphs, "Résolution"), "Resolution Title");
    assert_eq!(
        style_of(&paragraphs, "L’Assemblée").to_string(),
        "Opening Formula"
    );
    assert_has_seed_words_in_order(&paragraphs);

    // LibreOffice: A4 like respub's PDF, set in the embedded house fonts
    // (they are not installed on the machine).
    let pdf = libreoffice_pdf(&path, dir.path());
    let info =
        String::from_utf8_lossy(&run("pdfinfo", &[pdf.to_str().unwrap()]).stdout).into_owned();
    assert!(
        info.contains("595.") && info.contains("841.89") && info.contains("(A4)"),
        "{info}"
    );
    let fonts =
        String::from_utf8_lossy(&run("pdffonts", &[pdf.to_str().unwrap()]).stdout).into_owned();
    assert!(
        fonts.contains("NotoSerif-Regular") && fonts.contains("NotoSerif-Bold"),
        "{fonts}"
    );
    let installed = run("fc-list", &[]);
    assert!(
        !String::from_utf8_lossy(&installed.stdout).contains("Noto Serif"),
        "Noto Serif is installed on this machine, so the PDF does not prove the fonts are embedded"
    );
}

#[test]
fn real_un_excerpts_validate() {
    let dir = crate::util::temp_dir();
    for source in [
        "tests/fixtures/valid/S-RES-2730 (2024) excerpt.ar.xml",
        "tests/fixtures/valid/S-RES-2734 (2024) excerpt.en.xml",
    ] {
        let path = build_docx(source, dir.path());
        let errors = openxml_errors(&path);
        assert!(
            errors.is_empty(),
            "{source}: {} errors:\n{}",
            errors.len(),
            errors.join("\n")
        );
        let paragraphs = python_docx_paragraphs(&path);
        assert!(
            paragraphs.iter().any(|(s, _)| s == "Operative Clause"),
            "{paragraphs:?}"
        );
    }
}

#[test]
fn the_framed_reference_keeps_its_lines_whole_in_libreoffice() {
    // A frame without a width is as narrow as LibreOffice can make it: the
    // reference broke at every slash over the distribution lines.
    let res = council();
    let source = SourceFile::new("council.xml", Vec::new());
    let style = Style::builtin_named("unsc").expect("the UN style is built in");
    let docx = respub::render::render(Format::Docx, &res, &source, &style, 0)
        .expect("renders")
        .output;
    let document = part(&docx, "word/document.xml");
    assert!(
        document.contains("<w:framePr w:w=\""),
        "the frame has no width"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = temp_file(dir.path(), "council.docx", &docx);
    let pdf = libreoffice_pdf(&path, dir.path());
    let text = String::from_utf8_lossy(
        &run(
            "pdftotext",
            &["-layout", "-l", "1", pdf.to_str().unwrap(), "-"],
        )
        .stdout,
    )
    .into_owned();
    assert!(
        text.lines().any(|l| l.contains("S/RES/2722 (2024)")),
        "the reference is not on one line:\n{text}"
    );
}
