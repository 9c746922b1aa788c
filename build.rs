//! Compiles the built-in style (`styles/`) into the binary.
//!
//! Writes two files to `$OUT_DIR`, which `src/style/files.rs` includes:
//!
//! - `builtin_styles.rs`, the table of every file under `styles/`;
//! - `fonts.zip`, a ZIP archive of every built-in font deflated twice: as
//!   it is, for EPUB, and obfuscated, for DOCX, with the key the table
//!   records (see `src/render/docx/obfuscation.rs`, compiled here too).
//!
//! Fonts are the bulk of every package; compressed here, once and at the
//! highest level, they are copied into each EPUB and DOCX as they are
//! (see `src/render/zip.rs`).

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

#[path = "src/render/docx/obfuscation.rs"]
mod obfuscation;

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    let styles = root.join("styles");
    println!("cargo::rerun-if-changed=styles");
    println!("cargo::rerun-if-changed=src/render/docx/obfuscation.rs");

    let mut files = Vec::new();
    walk(&styles, &mut files);
    files.sort();

    let mut fonts = Fonts::default();
    let mut table = String::from("&[\n");
    for path in &files {
        let rel = path
            .strip_prefix(&styles)
            .expect("walked from styles/")
            .to_str()
            .expect("style file names are UTF-8")
            .replace('\\', "/");
        let font = if is_font(path) {
            let data = std::fs::read(path).expect("a readable style file");
            let key = obfuscation::font_key(&data);
            let plain = fonts.add(&format!("plain/{rel}"), &data);
            let obfuscated = fonts.add(
                &format!("obfuscated/{rel}"),
                &obfuscation::obfuscate(&data, &key),
            );
            format!(
                "Some(BuiltinFont {{ key: {key:?}, plain: {plain}, obfuscated: {obfuscated} }})"
            )
        } else {
            "None".to_string()
        };
        writeln!(
            table,
            "    BuiltinFile {{ path: {rel:?}, data: include_bytes!({:?}), font: {font} }},",
            path.display().to_string()
        )
        .expect("writing to a string");
    }
    table.push_str("]\n");
    std::fs::write(out.join("builtin_styles.rs"), table).expect("OUT_DIR is writable");
    std::fs::write(out.join("fonts.zip"), fonts.finish()).expect("OUT_DIR is writable");
}

/// The archive of the fonts, being written.
struct Fonts {
    zip: ZipWriter<Cursor<Vec<u8>>>,
    entries: usize,
}

impl Default for Fonts {
    fn default() -> Self {
        Fonts {
            zip: ZipWriter::new(Cursor::new(Vec::new())),
            entries: 0,
        }
    }
}

impl Fonts {
    /// Adds `data`, deflated at the highest level, and returns its index in
    /// the archive. The name and time do not matter: a package copies the
    /// entry under its own.
    fn add(&mut self, name: &str, data: &[u8]) -> usize {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(9))
            .system(zip::System::Unix)
            .unix_permissions(0o644)
            .last_modified_time(zip::DateTime::default());
        self.zip
            .start_file(name, options)
            .expect("writing to memory");
        self.zip.write_all(data).expect("writing to memory");
        self.entries += 1;
        self.entries - 1
    }

    fn finish(self) -> Vec<u8> {
        self.zip.finish().expect("writing to memory").into_inner()
    }
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
