//! Where a style's files come from: the copy compiled into the binary, or
//! a folder on disk.

use std::collections::HashMap;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, LazyLock};

/// The source of a style's files.
#[derive(Debug, Clone)]
pub enum StyleFiles {
    /// The default style, compiled into the binary from `styles/`.
    Builtin,
    /// A style folder on disk.
    Dir(PathBuf),
}

/// The files of `styles/` compiled into the binary, by path relative to it.
const BUILTIN: &[(&str, &[u8])] = &[
    (
        "official.toml",
        include_bytes!("../../styles/official.toml"),
    ),
    ("official.typ", include_bytes!("../../styles/official.typ")),
    ("emblem.svg", include_bytes!("../../styles/emblem.svg")),
    ("unsc.toml", include_bytes!("../../styles/unsc.toml")),
    ("unsc.typ", include_bytes!("../../styles/unsc.typ")),
    (
        "un-emblem.svg",
        include_bytes!("../../styles/un-emblem.svg"),
    ),
    (
        "locales/en.toml",
        include_bytes!("../../styles/locales/en.toml"),
    ),
    (
        "locales/fr.toml",
        include_bytes!("../../styles/locales/fr.toml"),
    ),
    (
        "locales/es.toml",
        include_bytes!("../../styles/locales/es.toml"),
    ),
    (
        "locales/ar.toml",
        include_bytes!("../../styles/locales/ar.toml"),
    ),
    (
        "fonts/NotoSerif-Regular.ttf",
        include_bytes!("../../styles/fonts/NotoSerif-Regular.ttf"),
    ),
    (
        "fonts/NotoSerif-Bold.ttf",
        include_bytes!("../../styles/fonts/NotoSerif-Bold.ttf"),
    ),
    (
        "fonts/NotoSerif-Italic.ttf",
        include_bytes!("../../styles/fonts/NotoSerif-Italic.ttf"),
    ),
    (
        "fonts/NotoSerif-BoldItalic.ttf",
        include_bytes!("../../styles/fonts/NotoSerif-BoldItalic.ttf"),
    ),
    (
        "fonts/NotoNaskhArabic-Regular.ttf",
        include_bytes!("../../styles/fonts/NotoNaskhArabic-Regular.ttf"),
    ),
    (
        "fonts/NotoNaskhArabic-Bold.ttf",
        include_bytes!("../../styles/fonts/NotoNaskhArabic-Bold.ttf"),
    ),
    (
        "fonts/LiberationSerif-Regular.ttf",
        include_bytes!("../../styles/fonts/LiberationSerif-Regular.ttf"),
    ),
    (
        "fonts/LiberationSerif-Bold.ttf",
        include_bytes!("../../styles/fonts/LiberationSerif-Bold.ttf"),
    ),
    (
        "fonts/LiberationSerif-Italic.ttf",
        include_bytes!("../../styles/fonts/LiberationSerif-Italic.ttf"),
    ),
    (
        "fonts/LiberationSerif-BoldItalic.ttf",
        include_bytes!("../../styles/fonts/LiberationSerif-BoldItalic.ttf"),
    ),
];

/// A file of the built-in style, by path relative to `styles/`.
pub fn builtin_file(path: &str) -> Option<&'static [u8]> {
    BUILTIN
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, data)| *data)
}

impl StyleFiles {
    /// How `name` is shown to the user.
    pub fn display(&self, name: &str) -> String {
        match self {
            StyleFiles::Builtin => format!("<built-in>/styles/{name}"),
            StyleFiles::Dir(dir) => dir.join(name).display().to_string(),
        }
    }

    /// Reads the style file itself.
    pub fn read(&self, name: &str) -> io::Result<Vec<u8>> {
        match self {
            StyleFiles::Builtin => builtin_file(name)
                .map(<[u8]>::to_vec)
                .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such built-in file")),
            StyleFiles::Dir(dir) => std::fs::read(dir.join(name)),
        }
    }

    /// Reads a file the style names, relative to the style's folder. Paths
    /// that would leave the folder are refused, so a style cannot make a
    /// writer read arbitrary files. A built-in file is shared, not copied:
    /// styles that name the same fonts hold the same bytes.
    pub fn read_asset(&self, rel: &str) -> io::Result<Arc<[u8]>> {
        let path = Path::new(rel);
        let inside = path
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        if rel.is_empty() || !inside {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "the path leaves the style folder",
            ));
        }
        let rel = rel.trim_start_matches("./");
        match self {
            StyleFiles::Builtin => BUILTIN_SHARED
                .get(rel)
                .cloned()
                .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such built-in file")),
            StyleFiles::Dir(dir) => std::fs::read(dir.join(rel)).map(Arc::from),
        }
    }
}

/// The built-in files as shared bytes, made once per process.
static BUILTIN_SHARED: LazyLock<HashMap<&'static str, Arc<[u8]>>> = LazyLock::new(|| {
    BUILTIN
        .iter()
        .map(|(path, data)| (*path, Arc::from(*data)))
        .collect()
});

/// The family name, boldness and slant of a font file, read from its
/// `name` and `OS/2` tables.
pub fn font_face(data: &[u8]) -> Option<(String, bool, bool)> {
    let face = ttf_parser::Face::parse(data, 0).ok()?;
    let family = face
        .names()
        .into_iter()
        .filter(|n| {
            n.name_id == ttf_parser::name_id::TYPOGRAPHIC_FAMILY
                || n.name_id == ttf_parser::name_id::FAMILY
        })
        .filter_map(|n| n.to_string().map(|s| (n.name_id, s)))
        .min_by_key(|(id, _)| {
            if *id == ttf_parser::name_id::TYPOGRAPHIC_FAMILY {
                0
            } else {
                1
            }
        })
        .map(|(_, s)| s)?;
    Some((family, face.is_bold(), face.is_italic()))
}
