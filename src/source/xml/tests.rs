//! Unit tests of the XML reader: the model it builds and the problems it
//! reports. The command-line behaviour on hostile files is tested in
//! `tests/source.rs`.

use super::*;
use crate::diag::{Severity, line_column};
use crate::model::{Block, Counter, Inline, StatusKind};

const HEAD: &str = r#"<resolution xmlns="urn:respub:resolution:1" xml:lang="fr">
  <meta>
    <reference>GA-2017-86-RES-06</reference>
    <number>6</number>
    <organisation short="INTERPOL">O.I.P.C.-INTERPOL</organisation>
    <status value="adopted" date="2017-09-29"/>
  </meta>
"#;

fn source(body: &str) -> String {
    format!("{HEAD}{body}\n</resolution>\n")
}

fn read_str(text: &str) -> DiagResult<Warned<Resolution>> {
    read(&SourceFile::new("test.xml", text.as_bytes()))
}

fn errors(text: &str) -> Vec<(String, (usize, usize))> {
    let diagnostics = match read_str(text) {
        Ok(w) => panic!(
            "expected errors, got a resolution with warnings {:?}",
            w.warnings
        ),
        Err(d) => d,
    };
    diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            (
                d.message,
                line_column(text, d.span.map_or(usize::MAX, |s| s.start)),
            )
        })
        .collect()
}

fn first_paragraph(blocks: &[Block]) -> &[Inline] {
    match &blocks[0] {
        Block::Paragraph(p) => &p.content,
        other => panic!("expected a paragraph, got {other:?}"),
    }
}

#[test]
fn reads_the_seed() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sources/GA-2017-86-RES-06.fr.xml"
    ))
    .unwrap();
    let res = read(&SourceFile::new("seed.xml", bytes)).unwrap();
    assert!(res.warnings.is_empty(), "{:?}", res.warnings);
    let res = res.output;
    assert_eq!(res.meta.reference.as_str(), "GA-2017-86-RES-06");
    assert_eq!(res.meta.number.value(), Some(6));
    assert_eq!(res.meta.language.as_str(), "fr");
    assert_eq!(res.meta.status.kind, StatusKind::Adopted);
    let session = res.meta.session.as_ref().unwrap();
    assert_eq!(session.end.unwrap().to_string(), "2017-09-29");
    assert_eq!(res.preamble.len(), 4);
    assert_eq!(res.operative.clauses.len(), 4);
    let approves = &res.operative.clauses[1];
    assert_eq!(
        approves.verb(),
        Some(&[Inline::Text("APPROUVE".into())][..])
    );
    assert!(
        first_paragraph(&approves.blocks)
            .iter()
            .any(|i| matches!(i, Inline::Quote(_)))
    );
    let Block::List(list) = &approves.blocks[1] else {
        panic!("expected the list")
    };
    assert_eq!(list.items.len(), 4);
    assert_eq!(list.label(3), "4.");
    let opening = &res.opening.as_ref().unwrap().content;
    assert!(opening.contains(&Inline::Superscript(vec![Inline::Text("ème".into())])));
    // Every node read from the file knows where it was.
    assert!(res.preamble.iter().all(|c| c.span.is_some()));
}

#[test]
fn collapses_indentation_but_keeps_no_break_spaces() {
    let res = read_str(&source(
        "<operative><clause>\n   <verb>DECIDES</verb>   that\n  N°<nbsp/>16 and N°&#160;17 <em> stand </em>.\n</clause></operative>",
    ))
    .unwrap()
    .output;
    let content = first_paragraph(&res.operative.clauses[0].blocks);
    assert_eq!(
        content,
        &[
            Inline::Verb(vec![Inline::Text("DECIDES".into())]),
            Inline::Text(" that N°".into()),
            Inline::Text("\u{a0}".into()),
            Inline::Text("16 and N°\u{a0}17 ".into()),
            Inline::Emphasis(vec![Inline::Text("stand ".into())]),
            Inline::Text(".".into()),
        ]
    );
}

#[test]
fn reads_nested_lists_notes_links_and_annexes() {
    let res = read_str(&source(
        r#"<operative numbering="1.">
    <clause><verb>Decides</verb> that:<list pattern="(a)"><intro>all States shall:</intro>
      <item>freeze<note>See <ref href="https://undocs.org/S/RES/1267(1999)" doc="S/RES/1267 (1999)">1267</ref>.</note> assets;
        <list><item>first<list><item>deep</item></list></item></list></item>
      <continuation>as appropriate;</continuation></list></clause>
  </operative>
  <annex><label>Annex I</label><title>Mandate</title><heading level="2">Scope</heading><p>Text.</p>
    <list pattern="(أ)" start="3"><item>one</item></list></annex>"#,
    ))
    .unwrap()
    .output;
    assert_eq!(res.operative.label(0).as_deref(), Some("1."));
    let Block::List(list) = &res.operative.clauses[0].blocks[1] else {
        panic!()
    };
    assert!(list.intro.is_some() && list.continuation.is_some());
    let item = &list.items[0];
    let Inline::Footnote(note) = &first_paragraph(&item.blocks)[1] else {
        panic!()
    };
    let Inline::Link(link) = &note.content[1] else {
        panic!()
    };
    assert_eq!(
        link.reference.as_ref().unwrap().as_str(),
        "S/RES/1267 (1999)"
    );
    // Lists without a pattern take `(a)` inside a list, `(i)` inside that.
    let Block::List(inner) = &item.blocks[1] else {
        panic!()
    };
    assert_eq!(inner.label(0), "(a)");
    let Block::List(deepest) = &inner.items[0].blocks[1] else {
        panic!()
    };
    assert_eq!(deepest.pattern.counter, Counter::LowerRoman);
    let annex = &res.annexes[0];
    assert!(annex.label.is_some() && annex.title.is_some());
    let Block::List(arabic) = &annex.blocks[2] else {
        panic!()
    };
    assert_eq!(arabic.label(0), "(ج)");
}

#[test]
fn reports_every_problem_in_one_run() {
    let text = r#"<resolution xmlns="urn:respub:resolution:1" xml:lang="fr">
  <meta>
    <reference>GA-2017-86-RES-07</reference>
    <number>6</number>
    <session start="2017-02-30" end="2017-09-29"/>
    <status value="adopt"/>
  </meta>
  <preambule><clause>x</clause></preambule>
  <operative>
    <clause colour="red"><verb>DECIDES</verb></clause>
    <clause>  </clause>
    stray text
  </operative>
</resolution>"#;
    let found = errors(text);
    let expect = [
        ("the metadata has no `<organisation>`", (2, 4)),
        ("`2017-02-30` is not a date of the calendar", (5, 21)),
        ("unknown status `adopt`", (6, 20)),
        (
            "the number 6 contradicts the reference `GA-2017-86-RES-07`, which says 7",
            (4, 5),
        ),
        ("unknown element `<preambule>`", (8, 4)),
        ("unknown attribute `colour` on `<clause>`", (10, 13)),
        ("empty clause", (11, 5)),
        ("text is not allowed directly in `<operative>`", (12, 5)),
    ];
    for (message, position) in expect {
        assert!(
            found.iter().any(|(m, p)| m == message && *p == position),
            "missing {message:?} at {position:?} in {found:#?}"
        );
    }
    assert_eq!(found.len(), expect.len(), "{found:#?}");
}

#[test]
fn suggests_names() {
    let text = source("<operative><clause><verb>A</verb> b<emph>c</emph></clause></operative>");
    let d = read_str(&text).unwrap_err();
    let unknown = d
        .iter()
        .find(|d| d.message == "unknown element `<emph>`")
        .unwrap();
    assert_eq!(unknown.hints[0], "did you mean `<em>`?");
}

#[test]
fn refuses_doctypes_and_unknown_entities() {
    let doctype = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x \"boom\">]>\n<r/>";
    assert_eq!(
        errors(doctype),
        [(
            "DOCTYPEs are not allowed: respub never expands entities".to_string(),
            (2, 1)
        )]
    );
    let entity = source("<operative><clause><verb>A</verb> &nbsp;</clause></operative>");
    assert_eq!(errors(&entity)[0].0, "the entity `&nbsp;` is not allowed");
}

#[test]
fn bounds_nesting_before_recursing() {
    let depth = 100_000;
    let text = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
    let found = errors(&text);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].0.contains("nested more than 100 levels"),
        "{found:?}"
    );
}

#[test]
fn accepts_a_utf8_bom_and_refuses_utf16() {
    let text = source("<operative><clause><verb>A</verb> b.</clause></operative>");
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    assert!(read(&SourceFile::new("bom.xml", bom)).is_ok());
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let d = read(&SourceFile::new("utf16.xml", utf16)).unwrap_err();
    assert_eq!(d[0].message, "sources must be UTF-8; this file is UTF-16");
}

#[test]
fn points_at_the_first_invalid_byte() {
    let mut bytes = b"<resolution>\n  caf".to_vec();
    bytes.push(0xE9);
    bytes.extend_from_slice(b"\n</resolution>");
    let d = read(&SourceFile::new("latin1.xml", bytes.clone())).unwrap_err();
    let span = d[0].span.unwrap();
    assert_eq!(span.start, 18);
    assert_eq!(
        line_column(&String::from_utf8_lossy(&bytes), span.start),
        (2, 6)
    );
}

#[test]
fn explains_foreign_roots() {
    let akn = r#"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement/></akomaNtoso>"#;
    assert!(errors(akn)[0].0.contains("Akoma Ntoso"));
    let bare = r#"<resolution xml:lang="fr"/>"#;
    assert_eq!(errors(bare)[0].0, "`<resolution>` is in no namespace");
}

#[test]
fn malformed_xml_is_one_error_at_its_place() {
    let text = source("<operative><clause><verb>A</verb> b</operative>");
    let found = errors(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].0.contains("`</operative>` closes `<clause>`"),
        "{found:?}"
    );
    assert_eq!(found[0].1, (8, 36));
    let whole = source("<operative><clause><verb>A</verb> b</clause></operative>");
    let cut = whole.find("</clause>").unwrap() + "</clause>".len();
    assert_eq!(
        errors(&whole[..cut])[0].0,
        "the file ends before `<operative>` is closed"
    );
    assert!(errors(&whole[..cut - 3])[0].0.starts_with("malformed XML"));
}

#[test]
fn warnings_do_not_stop_the_reader() {
    let text = format!(
        "<?xml-stylesheet href=\"x.css\"?>\n{}",
        source("<operative><clause>Decides nothing.</clause></operative>")
    );
    let warned = read_str(&text).unwrap();
    let messages: Vec<_> = warned.warnings.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "the processing instruction `<?xml-stylesheet…?>` is ignored",
            "the clause does not open with a `<verb>`"
        ]
    );
}

#[test]
fn notes_and_references_do_not_nest() {
    let text = source(
        "<operative><clause><verb>A</verb> b<note>c<note>d</note></note> <ref>e<ref>f</ref></ref></clause></operative>",
    );
    let found: Vec<_> = errors(&text).into_iter().map(|(m, _)| m).collect();
    assert_eq!(
        found,
        [
            "`<note>` inside another `<note>`",
            "`<ref>` inside another `<ref>`"
        ]
    );
}

#[test]
fn parts_come_in_order() {
    let text = source(
        "<operative><clause><verb>A</verb> b.</clause></operative><opening>The Council,</opening><meta/>",
    );
    let found: Vec<_> = errors(&text).into_iter().map(|(m, _)| m).collect();
    assert_eq!(
        found,
        ["`<opening>` comes after `<operative>`", "a second `<meta>`"]
    );
}

#[test]
fn explains_a_stray_less_than_sign() {
    let unclosed = source("<operative><clause <verb>A</verb> b.</clause></operative>");
    assert_eq!(errors(&unclosed)[0].0, "`<` inside the tag `<clause`");
    let unescaped =
        source("<operative><clause label=\"a<b\"><verb>A</verb> b.</clause></operative>");
    assert_eq!(
        errors(&unescaped)[0].0,
        "`<` is not allowed in an attribute value"
    );
}
