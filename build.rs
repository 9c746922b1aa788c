//! Compiles the built-in style (`styles/`) into the binary.
//!
//! Writes `$OUT_DIR/builtin_styles.rs`, the table of every file under
//! `styles/` that `src/style/files.rs` includes. Font files also get their
//! compressed form, made here once rather than in every EPUB and DOCX a
//! process writes: see `src/render/zip.rs` for how it is used.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The leading bytes of a font that a package may replace (a DOCX
/// obfuscates them), so they are kept out of the compressed form. Written
/// to `$OUT_DIR/font_head.rs`, which `src/style/files.rs` includes.
const FONT_HEAD: usize = 32;

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    let styles = root.join("styles");
    println!("cargo::rerun-if-changed=styles");

    let mut files = Vec::new();
    walk(&styles, &mut files);
    files.sort();

    let packed_dir = out.join("packed");
    std::fs::create_dir_all(&packed_dir).expect("OUT_DIR is writable");
    let mut table = String::from("&[\n");
    for path in &files {
        let rel = path
            .strip_prefix(&styles)
            .expect("walked from styles/")
            .to_str()
            .expect("style file names are UTF-8")
            .replace('\\', "/");
        let tail = if is_font(path) {
            let data = std::fs::read(path).expect("a readable style file");
            let packed = packed_dir.join(rel.replace('/', "__") + ".deflate");
            std::fs::write(&packed, deflate(&data[FONT_HEAD.min(data.len())..]))
                .expect("OUT_DIR is writable");
            format!("Some(include_bytes!({:?}))", packed.display().to_string())
        } else {
            "None".to_string()
        };
        writeln!(
            table,
            "    BuiltinFile {{ path: {rel:?}, data: include_bytes!({:?}), deflated_tail: {tail} }},",
            path.display().to_string()
        )
        .expect("writing to a string");
    }
    table.push_str("]\n");
    std::fs::write(out.join("builtin_styles.rs"), table).expect("OUT_DIR is writable");
    std::fs::write(out.join("font_head.rs"), FONT_HEAD.to_string()).expect("OUT_DIR is writable");
}

/// Every file under `dir`, skipping hidden ones.
fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("styles/ is readable") {
        let path = entry.expect("styles/ is readable").path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, files);
        } else {
            files.push(path);
        }
    }
}

fn is_font(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ttf") || e.eq_ignore_ascii_case("otf"))
}

/// A raw deflate stream of `data` at the highest level: it is made once.
fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}
