//! The Word reader: respub's own DOCX read back as its source (also after
//! LibreOffice has saved it), foreign drafts made with pandoc and
//! LibreOffice read by their words, and hostile packages refused.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::util::{self, respub, run};

/// Builds `source` as DOCX and text into `dir`, and returns both paths.
fn build(source: &Path, dir: &Path) -> (PathBuf, PathBuf) {
    let out = run(respub(util::root())
        .args(["build", "--format", "docx,txt", "--out"])
        .arg(dir)
        .arg(source));
    assert_eq!(out.code, Some(0), "{}: {}", source.display(), out.stderr);
    let stem = source.file_stem().unwrap().to_string_lossy().into_owned();
    (
        dir.join(format!("{stem}.docx")),
        dir.join(format!("{stem}.txt")),
    )
}

/// `respub import` of `docx` into `dir`, then the text output of the
/// source it wrote.
fn text_through_import(docx: &Path, dir: &Path) -> String {
    let imported = dir.join("imported");
    let out = run(respub(util::root())
        .args(["import", "--force", "--out"])
        .arg(&imported)
        .arg(docx));
    assert_eq!(out.code, Some(0), "{}: {}", docx.display(), out.stderr);
    let stem = docx.file_stem().unwrap().to_string_lossy().into_owned();
    let xml = imported.join(format!("{stem}.xml"));
    let out = run(respub(util::root())
        .args(["build", "--format", "txt", "--out"])
        .arg(&imported)
        .arg(&xml));
    assert_eq!(out.code, Some(0), "{}: {}", xml.display(), out.stderr);
    std::fs::read_to_string(imported.join(format!("{stem}.txt"))).unwrap()
}

/// The seed and the corpus sample, in four languages, with notes, deep
/// lists and annexes.
fn sources() -> Vec<PathBuf> {
    let mut out = vec![util::repo_path("sources/GA-2017-86-RES-06.fr.xml")];
    let mut stack = vec![util::repo_path("tests/fixtures/corpus")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "xml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn respubs_own_docx_imports_as_its_source() {
    let sources = sources();
    assert!(sources.len() > 50);
    for source in &sources {
        let dir = util::temp_dir();
        let (docx, txt) = build(source, dir.path());
        let expected = std::fs::read_to_string(&txt).unwrap();
        let got = text_through_import(&docx, dir.path());
        assert_eq!(got, expected, "{}", source.display());
    }
}

/// Saves `docx` again with LibreOffice, as Word 2007 XML, into `dir`.
fn libreoffice_save(docx: &Path, dir: &Path) -> PathBuf {
    let saved = dir.join("saved");
    let profile = format!("-env:UserInstallation=file://{}/lo-profile", dir.display());
    let out = std::process::Command::new("soffice")
        .args([
            &profile,
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
        ])
        .arg(&saved)
        .arg(docx)
        .output()
        .expect("LibreOffice (soffice) is needed: scripts/install-test-deps installs it");
    let path = saved.join(docx.file_name().unwrap());
    assert!(
        path.exists(),
        "LibreOffice did not save {}: {}",
        docx.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    path
}

#[test]
#[ignore = "S/RES/2713 en (annexes with lists) does not yet come back identical after a LibreOffice save"]
fn respubs_own_docx_still_imports_after_libreoffice_saves_it() {
    let chosen = [
        "sources/GA-2017-86-RES-06.fr.xml",
        "tests/fixtures/corpus/2023/English/S_RES_2713-2323995E.xml",
        "tests/fixtures/corpus/2023/French/S_RES_2713-2323995F.xml",
        "tests/fixtures/corpus/2023/Spanish/S_RES_2713-2323995S.xml",
        "tests/fixtures/corpus/2023/Arabic/S_RES_2713-2323995A.xml",
        "tests/fixtures/corpus/2020/English/S_RES_2556 (2020)-2017440E.xml",
    ];
    for rel in chosen {
        let source = util::repo_path(rel);
        let dir = util::temp_dir();
        let (docx, txt) = build(&source, dir.path());
        let saved = libreoffice_save(&docx, dir.path());
        // LibreOffice rewrites the package: styles, numbering and runs.
        assert_ne!(
            std::fs::read(&saved).unwrap(),
            std::fs::read(&docx).unwrap()
        );
        let expected = std::fs::read_to_string(&txt).unwrap();
        assert_eq!(text_through_import(&saved, dir.path()), expected, "{rel}");
    }
}

/// The Word drafts of `tests/fixtures/docx/` (see its README).
const DRAFTS: [&str; 4] = [
    "draft-en.pandoc.docx",
    "draft-fr.pandoc.docx",
    "draft-en.libreoffice.docx",
    "draft-fr.libreoffice.docx",
];

#[test]
#[ignore = "the word check of the PDF misses `see` of the pandoc draft's note; not yet understood"]
fn word_drafts_import_with_their_structure_and_check_clean() {
    for name in DRAFTS {
        let path = util::repo_path(&format!("tests/fixtures/docx/{name}"));
        let file = respub::source::SourceFile::open(&path).unwrap();
        let read = respub::source::read(&file).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let res = read.output;
        let shape = res.shape();
        assert_eq!(
            (shape.preamble, shape.operative, shape.items, shape.notes),
            (5, 4, 3, 2),
            "{name}"
        );
        assert_eq!(res.meta.reference.0, "S/RES/2999 (2026)", "{name}");
        assert_eq!(res.meta.number.0, "2999 (2026)", "{name}");
        assert!(
            res.operative.numbering.is_some(),
            "{name}: the Word list numbers the clauses"
        );
        let check = run(respub(util::root()).arg("check").arg(&path));
        assert_eq!(check.code, Some(0), "{name}: {}", check.stderr);
        assert!(
            !check.stderr.contains("warning"),
            "{name}: {}",
            check.stderr
        );

        // Every word of the draft is in the PDF built from it.
        let dir = util::temp_dir();
        let out = run(respub(util::root())
            .args(["build", "--format", "pdf", "--out"])
            .arg(dir.path())
            .arg(&path));
        assert_eq!(out.code, Some(0), "{name}: {}", out.stderr);
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let pdf = dir.path().join(format!("{stem}.pdf"));
        let text = std::process::Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) is needed");
        let pdf_words = words(&String::from_utf8_lossy(&text.stdout));
        let md = name.split('.').next().unwrap();
        let source = std::fs::read_to_string(util::repo_path(&format!(
            "tests/fixtures/docx/drafts/{md}.md"
        )))
        .unwrap();
        for word in words(&source.replace("[^1]:", "").replace("[^2]:", "")) {
            assert!(
                pdf_words.contains(&word),
                "{name}: `{word}` is not in the PDF"
            );
        }
    }
}

/// The words of `text`, letters and digits only.
fn words(text: &str) -> std::collections::HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().any(char::is_alphabetic) && w.len() > 1)
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn tracked_changes_are_accepted_and_comments_and_tables_said() {
    let path = util::repo_path("tests/fixtures/docx/draft-en.tracked.docx");
    let file = respub::source::SourceFile::open(&path).unwrap();
    let read = respub::source::read(&file).unwrap();
    let messages: Vec<&str> = read.warnings.iter().map(|d| d.message.as_str()).collect();
    assert!(
        messages.iter().any(|m| m.contains("1 tracked change")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("1 comment")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("has a table")),
        "{messages:?}"
    );
    let text = util::text_of(&read.output, &respub::style::Style::builtin());
    assert!(text.contains("give priority to"), "{text}");
    assert!(
        !text.contains("absolute"),
        "the deletion is accepted: {text}"
    );
    assert!(
        !text.contains("Which resolutions"),
        "the comment is left out: {text}"
    );
    assert!(
        text.contains("Annex table cell"),
        "the table's text is kept: {text}"
    );
}

/// A DOCX whose parts are `parts` (name, bytes), zipped.
fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap();
    }
    out.into_inner()
}

const TYPES: &[u8] = br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const ROOT_RELS: &[u8] = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

fn document(body: &str) -> Vec<u8> {
    format!(r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#).into_bytes()
}

/// The hostile packages, by file name.
fn hostile() -> Vec<(&'static str, Vec<u8>)> {
    let seed = std::fs::read(util::repo_path("tests/fixtures/docx/draft-en.pandoc.docx")).unwrap();
    let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    encrypted.extend([0u8; 504]);
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let bomb_body = " ".repeat(17_000_000);
    vec![
        ("not-a-zip.docx", b"Resolution 2999: this is text, not a package".to_vec()),
        ("truncated.docx", seed[..seed.len() / 2].to_vec()),
        ("encrypted.docx", encrypted),
        (
            "macros.docm",
            package(&[
                ("[Content_Types].xml", TYPES),
                ("_rels/.rels", ROOT_RELS),
                ("word/document.xml", &document("<w:p><w:r><w:t>Text</w:t></w:r></w:p>")),
                ("word/vbaProject.bin", b"macro"),
            ]),
        ),
        (
            "doctype.docx",
            package(&[
                ("[Content_Types].xml", TYPES),
                ("_rels/.rels", ROOT_RELS),
                (
                    "word/document.xml",
                    br#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"#,
                ),
            ]),
        ),
        (
            "no-text.docx",
            package(&[
                ("[Content_Types].xml", TYPES),
                ("_rels/.rels", ROOT_RELS),
                ("word/document.xml", &document("<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>")),
            ]),
        ),
        (
            "bomb.docx",
            package(&[
                ("[Content_Types].xml", TYPES),
                ("_rels/.rels", ROOT_RELS),
                ("word/document.xml", &document(&bomb_body)),
            ]),
        ),
        (
            "no-document.docx",
            package(&[("[Content_Types].xml", TYPES), ("_rels/.rels", ROOT_RELS)]),
        ),
    ]
}

#[test]
fn hostile_word_files_are_refused_with_a_clear_message_and_nothing_written() {
    for (name, bytes) in hostile() {
        let dir = util::temp_dir();
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let out_dir = dir.path().join("out");
        let import = run(respub(dir.path())
            .args(["import", "--out", "out"])
            .arg(name));
        assert_eq!(import.code, Some(1), "{name}: {}", import.stderr);
        assert!(
            !import.stderr.contains("panicked"),
            "{name}: {}",
            import.stderr
        );
        let written = std::fs::read_dir(&out_dir).map(|d| d.count()).unwrap_or(0);
        assert_eq!(written, 0, "{name}: nothing is written");
        let check = run(respub(dir.path())
            .args(["check", "--messages", "short"])
            .arg(name));
        assert_eq!(check.code, Some(1), "{name}: {}", check.stderr);
        let stem = name.replace('.', "-");
        insta::assert_snapshot!(format!("word-{stem}"), check.stderr);
    }
}

#[test]
fn a_word_file_is_data_never_code() {
    // Typst and XML markup typed in a draft come out as text.
    let dir = util::temp_dir();
    let hostile = r##"<w:p><w:r><w:t>United Nations</w:t></w:r></w:p><w:p><w:r><w:t>S/RES/2999 (2026)</w:t></w:r></w:p><w:p><w:r><w:t>The Security Council,</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">Recalling #read("/etc/passwd") and &lt;/p&gt;&lt;script&gt; *stars* _under_,</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">1. Decides #set page(width: 1pt) to act;</w:t></w:r></w:p>"##;
    let bytes = package(&[
        ("[Content_Types].xml", TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("word/document.xml", &document(hostile)),
    ]);
    let path: &Path = &dir.path().join("hostile.docx");
    std::fs::write(path, bytes).unwrap();
    let out = run(respub(dir.path()).args([
        "build",
        "--format",
        "pdf,txt",
        "--out",
        "out",
        "hostile.docx",
    ]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let text = std::fs::read_to_string(dir.path().join("out/hostile.txt")).unwrap();
    assert!(
        text.contains(r#"#read("/etc/passwd") and </p><script> *stars* _under_"#),
        "{text}"
    );
    assert!(text.contains("#set page(width: 1pt)"), "{text}");
    assert!(!text.contains("root:"), "{text}");
}
