//! ZIP packages, the container of EPUB and DOCX, written with the `zip`
//! crate.
//!
//! Two things the formats need beyond the crate's defaults:
//!
//! - **The same bytes for the same document.** Every entry gets the same
//!   time (the document's timestamp, never the clock) and the same Unix
//!   mode, no extra field, and the entries go in the order given. EPUB's
//!   `mimetype` is written first and stored ([`ZipBuilder::stored`]).
//! - **Fonts compressed once.** A font is the bulk of every package, so
//!   it is not deflated again for each. The built-in fonts were deflated
//!   when the binary was built (`build.rs` made the archive
//!   [`BUILTIN_FONTS`]), both as they are, for EPUB, and obfuscated, for
//!   DOCX (see [`obfuscation`]); a style's own fonts are deflated the
//!   first time a package of the process needs them. A package copies
//!   such an entry's deflated bytes as they are.
//!
//! The crate copies a deflated entry raw from another archive, but no one
//! call gives the copy a new name *and* a new time and mode:
//! `raw_copy_file_touch` sets the time and mode and keeps the name,
//! `raw_copy_file_rename` sets the name and keeps the time and mode. So a
//! font goes through both, by way of an archive of that one entry in
//! memory ([`ZipBuilder::copy`]). The detour costs one more copy of the
//! compressed bytes, little beside compressing them. Nothing lower in the
//! crate's public API writes bytes already compressed (`start_file`
//! compresses what it is given, and `PreparedZipFile` can only be made by
//! compressing), short of writing under the writer with its `unsafe`
//! accessors.

use std::io::{Cursor, Write};
use std::sync::{Arc, Mutex, OnceLock};

use ::zip::write::SimpleFileOptions;
use ::zip::{CompressionMethod, DateTime, System, ZipArchive, ZipWriter};

use crate::render::docx::obfuscation;
use crate::style::{BUILTIN_FONTS, FileBytes};

use super::time::UtcTime;

pub use ::zip::result::ZipError;

/// What an entry of a package holds.
#[derive(Debug, Clone)]
pub enum Content {
    /// Bytes made for this document.
    Bytes(Vec<u8>),
    /// A font file of the style, as it is or, for a DOCX, obfuscated
    /// with the key [`font_key`] gives.
    Font {
        /// The font as the style has it.
        file: FileBytes,
        /// Whether the package holds it obfuscated.
        obfuscated: bool,
    },
}

/// The permissions of every entry, `rw-r--r--` (the crate marks them as a
/// regular file's).
const MODE: u32 = 0o644;

/// A ZIP archive being written in memory.
pub struct ZipBuilder {
    zip: ZipWriter<Cursor<Vec<u8>>>,
    time: DateTime,
}

impl ZipBuilder {
    /// An empty archive whose entries are all dated `timestamp` (seconds
    /// since 1970, moved into the years ZIP can record, 1980–2107).
    pub fn new(timestamp: i64) -> Self {
        let (time, date) = UtcTime::from_unix_clamped(timestamp).dos();
        ZipBuilder {
            zip: ZipWriter::new(Cursor::new(Vec::new())),
            time: DateTime::try_from_msdos(date, time).expect("dos() gives a valid DOS time"),
        }
    }

    /// The options of every entry but for how it is compressed.
    fn options(&self, method: CompressionMethod) -> SimpleFileOptions {
        entry_options(method).last_modified_time(self.time)
    }

    /// Adds `data` uncompressed.
    pub fn stored(&mut self, name: &str, data: &[u8]) -> Result<(), ZipError> {
        self.zip
            .start_file(name, self.options(CompressionMethod::Stored))?;
        self.zip.write_all(data)?;
        Ok(())
    }

    /// Adds `content`, compressed.
    pub fn deflated(&mut self, name: &str, content: &Content) -> Result<(), ZipError> {
        match content {
            Content::Bytes(data) => {
                self.zip
                    .start_file(name, self.options(CompressionMethod::Deflated))?;
                self.zip.write_all(data)?;
                Ok(())
            }
            Content::Font { file, obfuscated } => {
                let packed = packed(file, *obfuscated);
                self.copy(name, packed.archive(), packed.index)
            }
        }
    }

    /// Copies entry `index` of `archive`, still compressed, as `name`,
    /// with this package's time and mode.
    fn copy(&mut self, name: &str, archive: &[u8], index: usize) -> Result<(), ZipError> {
        let mut source = ZipArchive::new(Cursor::new(archive))?;
        let entry = source.by_index_raw(index)?;
        // The time and mode, into an archive of this entry alone, made
        // large enough for its headers and bytes not to be moved as it
        // grows...
        let room = usize::try_from(entry.compressed_size()).unwrap_or(0)
            + 2 * entry.name_raw().len()
            + 256;
        let mut touched = ZipWriter::new(Cursor::new(Vec::with_capacity(room)));
        touched.raw_copy_file_touch(entry, self.time, Some(MODE))?;
        let mut touched = touched.finish_into_readable()?;
        // ...then the name, into the package.
        self.zip
            .raw_copy_file_rename(touched.by_index_raw(0)?, name)
    }

    /// The archive: the entries, the central directory and its end record.
    pub fn finish(self) -> Result<Vec<u8>, ZipError> {
        Ok(self.zip.finish()?.into_inner())
    }
}

/// How every entry is written, whichever process or platform writes it:
/// with `method`, from a Unix system, `rw-r--r--`, dated 1980-01-01 until
/// a package gives it its own time.
fn entry_options(method: CompressionMethod) -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(method)
        .system(System::Unix)
        .unix_permissions(MODE)
        .last_modified_time(DateTime::default())
}

/// The GUID with which a DOCX obfuscates `file`
/// ([`obfuscation::font_key`]): made when the binary was built for a
/// built-in font, once per process for a style's own.
pub fn font_key(file: &FileBytes) -> String {
    match file.builtin().and_then(|f| f.font.as_ref()) {
        Some(font) => font.key.to_string(),
        None => loaded(file)
            .key
            .get_or_init(|| obfuscation::font_key(file))
            .clone(),
    }
}

/// A font deflated: entry `index` of a ZIP archive in memory.
struct Packed {
    archive: Archive,
    index: usize,
}

enum Archive {
    /// [`BUILTIN_FONTS`], made when the binary was built.
    Builtin,
    /// An archive of the one entry, made by this process.
    Made(Arc<[u8]>),
}

impl Packed {
    fn archive(&self) -> &[u8] {
        match &self.archive {
            Archive::Builtin => BUILTIN_FONTS,
            Archive::Made(bytes) => bytes,
        }
    }
}

/// `file` deflated, as it is or obfuscated.
fn packed(file: &FileBytes, obfuscated: bool) -> Packed {
    if let Some(font) = file.builtin().and_then(|f| f.font.as_ref()) {
        let index = if obfuscated {
            font.obfuscated
        } else {
            font.plain
        };
        return Packed {
            archive: Archive::Builtin,
            index,
        };
    }
    let forms = loaded(file);
    let archive = if obfuscated {
        forms.obfuscated.get_or_init(|| {
            let key = font_key(file);
            pack(&obfuscation::obfuscate(file, &key))
        })
    } else {
        forms.plain.get_or_init(|| pack(file))
    };
    Packed {
        archive: Archive::Made(Arc::clone(archive)),
        index: 0,
    }
}

/// An archive of `data` alone, deflated.
fn pack(data: &[u8]) -> Arc<[u8]> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let written = (|| -> Result<Vec<u8>, ZipError> {
        zip.start_file("font", entry_options(CompressionMethod::Deflated))?;
        zip.write_all(data)?;
        Ok(zip.finish()?.into_inner())
    })();
    // Writing to memory fails only when out of memory.
    written.expect("writing to memory").into()
}

/// What this process made of a font that is not built in, each part the
/// first time a package needs it.
#[derive(Default)]
struct Loaded {
    key: OnceLock<String>,
    plain: OnceLock<Arc<[u8]>>,
    obfuscated: OnceLock<Arc<[u8]>>,
}

/// The fonts not built in that packages embedded so far. The files are
/// kept, so their addresses identify them; a process uses the fonts of a
/// handful of styles.
static LOADED: Mutex<Vec<(FileBytes, Arc<Loaded>)>> = Mutex::new(Vec::new());

fn loaded(file: &FileBytes) -> Arc<Loaded> {
    let mut cache = LOADED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, forms)) = cache.iter().find(|(f, _)| f.same(file)) {
        return Arc::clone(forms);
    }
    let forms = Arc::new(Loaded::default());
    cache.push((file.clone(), Arc::clone(&forms)));
    forms
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::style::builtin_file;

    /// The built-in font at `path`, as a style holds it.
    fn builtin(path: &str) -> FileBytes {
        FileBytes::Builtin(builtin_file(path).expect("a built-in font"))
    }

    /// The entries of the ZIP file `bytes`, in the order stored: name,
    /// method, time, Unix mode, extra fields, data.
    #[allow(clippy::type_complexity)]
    fn entries(bytes: &[u8]) -> Vec<(String, CompressionMethod, DateTime, u32, usize, Vec<u8>)> {
        let mut archive = ZipArchive::new(Cursor::new(bytes)).expect("a ZIP file");
        (0..archive.len())
            .map(|i| {
                let mut entry = archive.by_index(i).unwrap();
                let mut data = Vec::new();
                entry.read_to_end(&mut data).unwrap();
                (
                    entry.name().unwrap().into_owned(),
                    entry.compression(),
                    entry.last_modified().unwrap(),
                    entry.unix_mode().unwrap(),
                    entry.extra_data_fields().count(),
                    data,
                )
            })
            .collect()
    }

    /// A package of every kind of entry, at 2017-09-29T12:34:56Z.
    fn package(font: &FileBytes) -> Vec<u8> {
        let mut zip = ZipBuilder::new(1_506_688_496);
        zip.stored("mimetype", b"application/epub+zip").unwrap();
        zip.deflated("a/é.xml", &Content::Bytes(b"<x/>".repeat(100)))
            .unwrap();
        for (name, obfuscated) in [("f.ttf", false), ("f.odttf", true)] {
            let content = Content::Font {
                file: font.clone(),
                obfuscated,
            };
            zip.deflated(name, &content).unwrap();
        }
        zip.finish().unwrap()
    }

    #[test]
    fn entries_keep_their_order_time_and_mode() {
        let bytes = package(&builtin("fonts/NotoSerif-Italic.ttf"));
        let entries = entries(&bytes);
        let names: Vec<_> = entries.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(names, ["mimetype", "a/é.xml", "f.ttf", "f.odttf"]);
        for (name, method, time, mode, extra, _) in &entries {
            let when = (time.year(), time.month(), time.day());
            assert_eq!(when, (2017, 9, 29), "{name}");
            let at = (time.hour(), time.minute(), time.second());
            assert_eq!(at, (12, 34, 56), "{name}");
            assert_eq!(*mode, 0o100_644, "{name}");
            assert_eq!(*extra, 0, "{name}");
            let expected = if name == "mimetype" {
                CompressionMethod::Stored
            } else {
                CompressionMethod::Deflated
            };
            assert_eq!(*method, expected, "{name}");
        }
    }

    #[test]
    fn mimetype_comes_first_stored_without_extra_field() {
        let bytes = package(&builtin("fonts/NotoSerif-Italic.ttf"));
        // The local header: signature, then method at 8, the name's length
        // at 26, the extra field's at 28, the name at 30, the data after.
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        assert_eq!(&bytes[8..10], &[0, 0], "stored");
        assert_eq!(&bytes[26..30], &[8, 0, 0, 0], "no extra field");
        assert_eq!(&bytes[30..58], b"mimetypeapplication/epub+zip");
    }

    #[test]
    fn times_are_clamped_to_what_zip_records() {
        for (timestamp, year) in [(0, 1980), (i64::MAX, 2107)] {
            let mut zip = ZipBuilder::new(timestamp);
            zip.stored("a", b"").unwrap();
            let bytes = zip.finish().unwrap();
            assert_eq!(entries(&bytes)[0].2.year(), year);
        }
    }

    #[test]
    fn font_entries_inflate_to_the_font_or_its_obfuscated_form() {
        for file in [
            builtin("fonts/NotoSerif-Italic.ttf"),
            FileBytes::Loaded(builtin("fonts/NotoNaskhArabic-Bold.ttf").to_vec().into()),
        ] {
            let entries = entries(&package(&file));
            let (plain, obfuscated) = (&entries[2].5, &entries[3].5);
            assert_eq!(plain[..], file[..]);
            let key = font_key(&file);
            assert_eq!(*obfuscated, obfuscation::obfuscate(&file, &key));
            assert_ne!(obfuscated[..32], file[..32]);
            assert_eq!(obfuscated[32..], file[32..]);
            // The key de-obfuscates it.
            assert_eq!(obfuscation::obfuscate(obfuscated, &key), file[..]);
        }
    }

    #[test]
    fn packages_are_reproducible() {
        let font = builtin("fonts/NotoSerif-Regular.ttf");
        assert_eq!(package(&font), package(&font));
        let loaded = FileBytes::Loaded(font.to_vec().into());
        assert_eq!(package(&loaded), package(&loaded));
    }

    #[test]
    fn built_in_fonts_were_packed_when_the_binary_was_built() {
        let mut archive = ZipArchive::new(Cursor::new(BUILTIN_FONTS)).unwrap();
        let style = crate::style::Style::builtin();
        for face in &style.fonts.files {
            let font = face.data.builtin().unwrap().font.as_ref().unwrap();
            // build.rs derived the key as the DOCX writer does.
            assert_eq!(font.key, obfuscation::font_key(&face.data));
            for (index, expected) in [
                (font.plain, face.data.to_vec()),
                (
                    font.obfuscated,
                    obfuscation::obfuscate(&face.data, font.key),
                ),
            ] {
                let mut entry = archive.by_index(index).unwrap();
                assert_eq!(entry.compression(), CompressionMethod::Deflated);
                let mut data = Vec::new();
                entry.read_to_end(&mut data).unwrap();
                assert_eq!(data, expected);
            }
        }
        assert!(builtin_file("official.toml").unwrap().font.is_none());
    }

    #[test]
    fn fonts_from_disk_are_compressed_once() {
        let data: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let file = FileBytes::Loaded(data.into());
        for obfuscated in [false, true] {
            let (a, b) = (packed(&file, obfuscated), packed(&file.clone(), obfuscated));
            assert!(std::ptr::eq(a.archive(), b.archive()));
        }
        // Equal bytes elsewhere in memory are another file.
        let other = FileBytes::Loaded(file.to_vec().into());
        assert!(!std::ptr::eq(
            packed(&file, false).archive(),
            packed(&other, false).archive()
        ));
    }
}
