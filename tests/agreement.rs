//! `check` and `build` agree: a source `check` calls clean builds in every
//! format, and a source it refuses is refused by `build` with the same
//! located error and nothing written.
//!
//! Each case is the repro of a defect once found by mutating real
//! sources: a character no house font has, a code point PDF/A or XML
//! refuses, nesting, an overlong link or title, a missing alternative
//! text, an empty heading, a language tag one format refuses, an
//! invisible direction control inside a link.

use std::fs;
use std::path::Path;

use crate::util::{self, repo_path, respub, run};

const SEED: &str = "sources/GA-2017-86-RES-06.fr.xml";
const AKN: &str = "tests/fixtures/akn/S_RES_2722-2400437E.xml";
const FORMATS: [(&str, &str); 5] = [
    ("pdf", ".pdf"),
    ("epub", ".epub"),
    ("docx", ".docx"),
    ("akn", ".akn.xml"),
    ("txt", ".txt"),
];

/// What both commands must say about a case.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    /// Both succeed; `build` writes every format.
    Clean,
    /// Both fail with a located error containing this text; `build`
    /// writes nothing.
    Refused(&'static str),
}

struct Case {
    name: &'static str,
    base: &'static str,
    edit: fn(&str) -> String,
    expect: Expect,
}

/// The seed with `what` inserted just after its first `<verb>…</verb>`.
fn in_seed(text: &str, what: &str) -> String {
    let at = text.find("</verb>").expect("the seed has a verb") + "</verb>".len();
    format!("{}{what}{}", &text[..at], &text[at..])
}

/// The AKN fixture with `what` inserted at the start of its first
/// operative paragraph's text.
fn in_akn(text: &str, what: &str) -> String {
    let para = text.find("<mainBody>").expect("a main body");
    let at = para
        + text[para..]
            .match_indices("<p")
            .find(|(i, _)| matches!(text.as_bytes()[para + i + 2], b' ' | b'>'))
            .unwrap()
            .0;
    let at = at + text[at..].find('>').unwrap() + 1;
    format!("{}{what}{}", &text[..at], &text[at..])
}

fn nested(open: &str, close: &str, depth: usize, inner: &str) -> String {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

const CASES: &[Case] = &[
    Case {
        name: "a Han character no house font has",
        base: SEED,
        edit: |t| in_seed(t, " 中 "),
        expect: Expect::Refused("has the character"),
    },
    Case {
        name: "an emoji",
        base: SEED,
        edit: |t| in_seed(t, " &#x1F600; "),
        expect: Expect::Refused("has the character"),
    },
    Case {
        name: "a Thai combining mark",
        base: SEED,
        edit: |t| in_seed(t, " &#x0E47; "),
        expect: Expect::Refused("has the character"),
    },
    Case {
        name: "a mathematical letter",
        base: SEED,
        edit: |t| in_seed(t, " &#x1D54F; "),
        expect: Expect::Refused("has the character"),
    },
    Case {
        name: "a noncharacter",
        base: SEED,
        edit: |t| in_seed(t, " &#xFDD0; "),
        expect: Expect::Refused("the character U+FDD0 cannot be published"),
    },
    Case {
        name: "the last code point",
        base: SEED,
        edit: |t| in_seed(t, " &#x10FFFF; "),
        expect: Expect::Refused("the character U+10FFFF cannot be published"),
    },
    Case {
        name: "a byte order mark inside the text",
        base: SEED,
        edit: |t| in_seed(t, " a\u{FEFF}b "),
        expect: Expect::Refused("the character U+FEFF cannot be published"),
    },
    Case {
        name: "a right-to-left override inside a link",
        base: SEED,
        edit: |t| {
            in_seed(
                t,
                r#" <ref href="https://example.org/">&#x202E;2255 (2015)</ref> "#,
            )
        },
        expect: Expect::Refused("the character U+202E cannot be published"),
    },
    Case {
        name: "an isolate in the Security Council text",
        base: AKN,
        edit: |t| in_akn(t, "\u{2067}"),
        expect: Expect::Refused("the character U+2067 cannot be published"),
    },
    Case {
        name: "a closing direction control alone",
        base: AKN,
        edit: |t| in_akn(t, "\u{202C}"),
        expect: Expect::Clean,
    },
    Case {
        name: "a NUL through the AKN reader",
        base: AKN,
        edit: |t| in_akn(t, "a\u{0}b"),
        expect: Expect::Refused("error"),
    },
    Case {
        name: "an escape through the AKN reader",
        base: AKN,
        edit: |t| in_akn(t, "\u{1b}[31m"),
        expect: Expect::Refused("error"),
    },
    Case {
        name: "a delete through the AKN reader",
        base: AKN,
        edit: |t| in_akn(t, "a\u{7f}b"),
        expect: Expect::Refused("error"),
    },
    Case {
        name: "U+FFFE through the AKN reader",
        base: AKN,
        edit: |t| in_akn(t, "a\u{FFFE}b"),
        expect: Expect::Refused("error"),
    },
    Case {
        name: "62 nested emphases",
        base: SEED,
        edit: |t| in_seed(t, &nested("<em>", "</em>", 62, "x")),
        expect: Expect::Refused("error"),
    },
    Case {
        name: "16 nested emphases, the most accepted",
        base: SEED,
        edit: |t| in_seed(t, &nested("<em>", "</em>", 16, "x")),
        expect: Expect::Clean,
    },
    Case {
        name: "30 nested lists",
        base: SEED,
        edit: |t| {
            let list = nested(r#"<list pattern="(a)"><item>"#, "</item></list>", 30, "x");
            let at = t.find("</clause>").unwrap();
            format!("{}{list}{}", &t[..at], &t[at..])
        },
        expect: Expect::Refused("error"),
    },
    Case {
        name: "9 nested lists, the most accepted",
        base: SEED,
        edit: |t| {
            let list = nested(r#"<list pattern="(a)"><item>"#, "</item></list>", 9, "x");
            let at = t.find("</clause>").unwrap();
            format!("{}{list}{}", &t[..at], &t[at..])
        },
        expect: Expect::Clean,
    },
    Case {
        // Kept as text, with a warning: never followable.
        name: "a 200,000-character link address",
        base: SEED,
        edit: |t| {
            let href = format!("https://example.org/{}", "a".repeat(200_000));
            in_seed(t, &format!(r#" <ref href="{href}">lien</ref> "#))
        },
        expect: Expect::Clean,
    },
    Case {
        name: "a 40,000-character subject",
        base: SEED,
        edit: |t| {
            let at = t.find("<subject>").unwrap() + "<subject>".len();
            format!("{}{}{}", &t[..at], "mot ".repeat(10_000), &t[at..])
        },
        expect: Expect::Refused("error"),
    },
    Case {
        name: "an empty annex heading",
        base: SEED,
        edit: |t| {
            t.replacen(
                "</operative>",
                r#"</operative><annex><heading level="1"> </heading><p>x</p></annex>"#,
                1,
            )
        },
        expect: Expect::Refused("error"),
    },
    Case {
        name: "an empty docAuthority (the emblem's alternative text)",
        base: AKN,
        edit: |t| {
            let start = t.find("<docAuthority").unwrap();
            let open_end = start + t[start..].find('>').unwrap() + 1;
            let close = open_end + t[open_end..].find("</docAuthority>").unwrap();
            format!("{}{}", &t[..open_end], &t[close..])
        },
        expect: Expect::Clean,
    },
    Case {
        name: "no docAuthority at all",
        base: AKN,
        edit: |t| {
            let mut t = t.to_string();
            while let Some(start) = t.find("<docAuthority") {
                let end =
                    start + t[start..].find("</docAuthority>").unwrap() + "</docAuthority>".len();
                t.replace_range(start..end, "");
            }
            t
        },
        expect: Expect::Clean,
    },
    Case {
        name: "a language tag starting with a digit",
        base: SEED,
        edit: |t| t.replacen(r#"xml:lang="fr""#, r#"xml:lang="1a""#, 1),
        expect: Expect::Refused("is not a language tag"),
    },
    Case {
        name: "a language tag with a direction override",
        base: SEED,
        edit: |t| t.replacen(r#"xml:lang="fr""#, "xml:lang=\"fr-\u{202E}\"", 1),
        expect: Expect::Refused("error"),
    },
    Case {
        name: "a regional language tag",
        base: SEED,
        edit: |t| t.replacen(r#"xml:lang="fr""#, r#"xml:lang="fr-CH""#, 1),
        expect: Expect::Clean,
    },
];

fn outputs(out: &Path) -> Vec<String> {
    fs::read_dir(out)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn check_and_build_agree_on_every_repro() {
    let formats = FORMATS.map(|(f, _)| f).join(",");
    let mut failures = Vec::new();
    for case in CASES {
        let dir = util::temp_dir();
        let base = fs::read_to_string(repo_path(case.base)).unwrap();
        let text = (case.edit)(&base);
        assert_ne!(text, base, "{}: the edit changed nothing", case.name);
        fs::write(dir.path().join("case.xml"), text).unwrap();

        let checked = run(respub(dir.path()).args(["check", "case.xml", "--messages", "short"]));
        let built = run(respub(dir.path()).args([
            "build",
            "case.xml",
            "--out",
            "out",
            "--messages",
            "short",
            "--format",
            &formats,
        ]));
        let written = outputs(&dir.path().join("out"));
        let located = |stderr: &str, what: &str| {
            stderr
                .lines()
                .any(|l| l.starts_with("case.xml:") && l.contains(": error:") && l.contains(what))
        };
        let ok = match case.expect {
            Expect::Clean => {
                checked.code == Some(0)
                    && built.code == Some(0)
                    && FORMATS
                        .iter()
                        .all(|(_, ext)| written.contains(&format!("case{ext}")))
            }
            Expect::Refused(what) => {
                checked.code == Some(1)
                    && built.code == Some(1)
                    && written.is_empty()
                    && located(&checked.stderr, what)
                    && located(&built.stderr, what)
            }
        };
        if !ok {
            failures.push(format!(
                "{} (expected {:?}): check exit {:?}, build exit {:?}, wrote {written:?}\n  check: {}\n  build: {}",
                case.name,
                case.expect,
                checked.code,
                built.code,
                checked.stderr.trim().replace('\n', "\n         "),
                built.stderr.trim().replace('\n', "\n         "),
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
