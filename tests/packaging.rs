//! The EPUB and DOCX packages as the binary writes them: the same bytes
//! from two runs, and the fonts of a style folder, compressed at run time
//! rather than when the binary was built, packaged like the built-in ones.

use std::io::{Cursor, Read};
use std::path::Path;

use zip::{CompressionMethod, ZipArchive};

use crate::util::{self, repo_path, respub, run};

const SEED: &str = "sources/GA-2017-86-RES-06.fr.xml";

/// Builds the seed into `dir/out` as EPUB and DOCX, with the style file
/// `style` if given, and returns the two packages.
fn build(dir: &Path, out: &str, style: Option<&Path>) -> [Vec<u8>; 2] {
    let mut cmd = respub(dir);
    cmd.args(["build", repo_path(SEED).to_str().unwrap(), "--out", out])
        .args(["--format", "epub,docx"])
        .env("SOURCE_DATE_EPOCH", "1506688496");
    if let Some(style) = style {
        cmd.args(["--style", style.to_str().unwrap()]);
    }
    let built = run(&mut cmd);
    assert_eq!(built.code, Some(0), "{}", built.stderr);
    ["epub", "docx"].map(|ext| {
        std::fs::read(dir.join(out).join(format!("GA-2017-86-RES-06.fr.{ext}"))).unwrap()
    })
}

/// An entry as a reader sees it: name, method, Unix mode, date and time,
/// and its bytes once inflated.
type Entry = (String, CompressionMethod, Option<u32>, When, Vec<u8>);

/// Year, month, day, hour, minute, second.
type When = (u16, u8, u8, u8, u8, u8);

fn entries(package: &[u8]) -> Vec<Entry> {
    let mut archive = ZipArchive::new(Cursor::new(package)).expect("a ZIP file");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            let t = entry.last_modified().unwrap();
            let when = (
                t.year(),
                t.month(),
                t.day(),
                t.hour(),
                t.minute(),
                t.second(),
            );
            let name = entry.name().unwrap().into_owned();
            (name, entry.compression(), entry.unix_mode(), when, data)
        })
        .collect()
}

#[test]
fn two_runs_write_the_same_bytes() {
    let dir = util::temp_dir();
    let style = util::style_copy(&dir.path().join("style")).join("official.toml");
    for style in [None, Some(style.as_path())] {
        let first = build(dir.path(), "a", style);
        let second = build(dir.path(), "b", style);
        assert!(first == second, "two runs differ (style {style:?})");
    }
}

#[test]
fn a_style_folders_own_fonts_are_packaged_like_the_built_in_ones() {
    let dir = util::temp_dir();
    let style = util::style_copy(&dir.path().join("style")).join("official.toml");
    let built_in = build(dir.path(), "built-in", None);
    let own = build(dir.path(), "own", Some(&style));
    for ((built_in, own), font) in built_in.iter().zip(&own).zip([".ttf", ".odttf"]) {
        let (built_in, own) = (entries(built_in), entries(own));
        let fonts: Vec<_> = own.iter().filter(|e| e.0.ends_with(font)).collect();
        assert!(!fonts.is_empty(), "no {font} entry");
        for (name, method, ..) in fonts {
            assert_eq!(*method, CompressionMethod::Deflated, "{name}");
        }
        assert_eq!(built_in.len(), own.len());
        for (a, b) in built_in.iter().zip(&own) {
            assert!(a == b, "`{}` differs from `{}`", a.0, b.0);
        }
        for (name, _, mode, when, _) in &own {
            assert_eq!(*mode, Some(0o100_644), "{name}");
            assert_eq!(*when, (2017, 9, 29, 12, 34, 56), "{name}");
        }
    }
}
