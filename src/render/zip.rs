//! ZIP packages, the container of EPUB and DOCX.
//!
//! Written by hand rather than with a ZIP crate for two controls the
//! formats need. Every entry gets the same time and permissions, and the
//! first can be stored uncompressed (EPUB's `mimetype`), so the bytes
//! depend only on the document. And a font, the bulk of every package, is
//! written from a deflate stream made once — when the binary is built for
//! the built-in fonts, once per process for a style's own — instead of
//! being compressed again for every document.
//!
//! A font's stream leaves out its first [`FONT_HEAD`] bytes, which a DOCX
//! obfuscates differently per face: an entry is the first bytes as a
//! stored deflate block, followed by the shared stream of the rest. Both
//! are plain DEFLATE (RFC 1951), which every ZIP reader inflates.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use flate2::Compression;
use flate2::write::DeflateEncoder;

use crate::style::{FONT_HEAD, FileBytes};

use super::time::UtcTime;

/// What an entry of a package holds.
#[derive(Debug, Clone)]
pub enum Content {
    /// Bytes made for this document.
    Bytes(Vec<u8>),
    /// A font file of the style. `head`, when given, replaces the font's
    /// first [`FONT_HEAD`] bytes (the whole of a shorter font) in the
    /// package, and must be as long as what it replaces.
    Font {
        /// The font as the style has it.
        file: FileBytes,
        /// What the package has instead of the font's first bytes.
        head: Option<Vec<u8>>,
    },
}

/// Why a package cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum ZipError {
    /// ZIP without its 64-bit extension counts 65,535 entries and 4 GiB.
    #[error("the package is too large for a ZIP file ({0})")]
    TooLarge(&'static str),
    /// A font's replacement head is not as long as the bytes it replaces
    /// (the first [`FONT_HEAD`], or the whole of a shorter font).
    #[error("a font head of {0} bytes does not match the bytes it replaces")]
    FontHead(usize),
}

/// A ZIP archive being written in memory.
pub struct ZipBuilder {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: usize,
    time: u16,
    date: u16,
}

/// How an entry's data is laid out.
const STORED: u16 = 0;
const DEFLATED: u16 = 8;

/// Version 2.0 of the format: deflate and folders, nothing later.
const VERSION_NEEDED: u16 = 20;
/// "Made by" a Unix system (3), version 2.0, so readers apply the
/// permissions in the external attributes.
const VERSION_MADE_BY: u16 = (3 << 8) | 20;
/// A regular file, `rw-r--r--`.
const UNIX_FILE_MODE: u32 = 0o100_644;
/// General purpose flag 11: the name is UTF-8.
const UTF8_NAME: u16 = 1 << 11;

impl ZipBuilder {
    /// An empty archive whose entries are all dated `timestamp` (seconds
    /// since 1970, moved into the years ZIP can record, 1980–2107).
    pub fn new(timestamp: i64) -> Self {
        let (time, date) = UtcTime::from_unix_clamped(timestamp).dos();
        ZipBuilder {
            out: Vec::new(),
            central: Vec::new(),
            entries: 0,
            time,
            date,
        }
    }

    /// Adds `data` uncompressed.
    pub fn stored(&mut self, name: &str, data: &[u8]) -> Result<(), ZipError> {
        let crc = crc32fast::hash(data);
        self.entry(name, STORED, crc, data.len(), &[data])
    }

    /// Adds `content`, compressed.
    pub fn deflated(&mut self, name: &str, content: &Content) -> Result<(), ZipError> {
        match content {
            Content::Bytes(data) => {
                let packed = deflate(data);
                self.entry(
                    name,
                    DEFLATED,
                    crc32fast::hash(data),
                    data.len(),
                    &[&packed],
                )
            }
            Content::Font { file, head } => self.font(name, file, head.as_deref()),
        }
    }

    fn font(&mut self, name: &str, file: &FileBytes, head: Option<&[u8]>) -> Result<(), ZipError> {
        let split = FONT_HEAD.min(file.len());
        let head = head.unwrap_or(&file[..split]);
        if head.len() != split {
            return Err(ZipError::FontHead(head.len()));
        }
        let packed = packed(file);
        let mut crc = crc32fast::Hasher::new();
        crc.update(head);
        crc.combine(&packed.tail_crc);
        let block = stored_block(head);
        self.entry(
            name,
            DEFLATED,
            crc.finalize(),
            file.len(),
            &[&block, &packed.tail],
        )
    }

    /// Writes the local header and data of one entry and records its
    /// central directory record.
    fn entry(
        &mut self,
        name: &str,
        method: u16,
        crc: u32,
        size: usize,
        data: &[&[u8]],
    ) -> Result<(), ZipError> {
        let packed: usize = data.iter().map(|d| d.len()).sum();
        let offset = u32::try_from(self.out.len()).map_err(|_| ZipError::TooLarge("over 4 GiB"))?;
        let size = u32::try_from(size).map_err(|_| ZipError::TooLarge("an entry over 4 GiB"))?;
        let packed =
            u32::try_from(packed).map_err(|_| ZipError::TooLarge("an entry over 4 GiB"))?;
        let name_len = u16::try_from(name.len())
            .map_err(|_| ZipError::TooLarge("an entry name over 64 KiB"))?;
        if self.entries == usize::from(u16::MAX) {
            return Err(ZipError::TooLarge("over 65,535 entries"));
        }
        let flags = if name.is_ascii() { 0 } else { UTF8_NAME };

        // The local header and the central record share these fields, in
        // this order, from "version needed" to "extra field length".
        let (time, date) = (self.time, self.date);
        let fields = |out: &mut Vec<u8>| {
            put16(out, VERSION_NEEDED);
            put16(out, flags);
            put16(out, method);
            put16(out, time);
            put16(out, date);
            put32(out, crc);
            put32(out, packed);
            put32(out, size);
            put16(out, name_len);
            put16(out, 0); // extra field length
        };

        let mut local = Vec::with_capacity(30 + name.len());
        put32(&mut local, 0x0403_4b50);
        fields(&mut local);
        local.extend_from_slice(name.as_bytes());

        let c = &mut self.central;
        put32(c, 0x0201_4b50);
        put16(c, VERSION_MADE_BY);
        fields(c);
        put16(c, 0); // comment length
        put16(c, 0); // disk number
        put16(c, 0); // internal attributes
        put32(c, UNIX_FILE_MODE << 16);
        put32(c, offset);
        c.extend_from_slice(name.as_bytes());

        self.out.extend_from_slice(&local);
        for chunk in data {
            self.out.extend_from_slice(chunk);
        }
        self.entries += 1;
        Ok(())
    }

    /// The archive: the entries, the central directory and its end record.
    pub fn finish(mut self) -> Result<Vec<u8>, ZipError> {
        let too_large = |_| ZipError::TooLarge("over 4 GiB");
        let start = u32::try_from(self.out.len()).map_err(too_large)?;
        let size = u32::try_from(self.central.len()).map_err(too_large)?;
        start
            .checked_add(size)
            .ok_or(ZipError::TooLarge("over 4 GiB"))?;
        // Checked against u16::MAX as each entry was added.
        let entries = self.entries as u16;
        self.out.append(&mut self.central);
        let out = &mut self.out;
        put32(out, 0x0605_4b50);
        put16(out, 0); // this disk
        put16(out, 0); // the disk where the central directory starts
        put16(out, entries);
        put16(out, entries);
        put32(out, size);
        put32(out, start);
        put16(out, 0); // comment length
        Ok(self.out)
    }
}

fn put16(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// `head` as a stored, non-final deflate block (RFC 1951 §3.2.4): a
/// header byte, the length and its complement, the bytes.
fn stored_block(head: &[u8]) -> Vec<u8> {
    // At most FONT_HEAD bytes, far below a stored block's 65,535.
    let len = head.len() as u16;
    let mut block = Vec::with_capacity(5 + head.len());
    block.push(0); // BFINAL 0, BTYPE 00 (stored), padding to the byte
    put16(&mut block, len);
    put16(&mut block, !len);
    block.extend_from_slice(head);
    block
}

/// `data` as a raw deflate stream.
fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::default());
    // Writing into a Vec cannot fail.
    encoder.write_all(data).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// A font file as packages embed it: the bytes after its first
/// [`FONT_HEAD`], deflated, and their CRC-32, from which the CRC of any
/// head followed by them is derived without reading the font again.
struct Packed {
    tail: FileTail,
    tail_crc: crc32fast::Hasher,
}

/// The packed form of `file`, made once per process. A built-in font's
/// deflate stream was made when the binary was built.
fn packed(file: &FileBytes) -> Arc<Packed> {
    let slot = {
        let mut cache = PACKED.lock().unwrap_or_else(|e| e.into_inner());
        match cache.iter().find(|(f, _)| f.same(file)) {
            Some((_, slot)) => slot.clone(),
            None => {
                let slot = Arc::new(OnceLock::new());
                cache.push((file.clone(), slot.clone()));
                slot
            }
        }
    };
    // Made outside the lock, once, whichever thread gets there first.
    if let Some(packed) = slot.get() {
        return Arc::clone(packed);
    }
    let rest = &file[FONT_HEAD.min(file.len())..];
    let tail = match file.builtin().and_then(|f| f.deflated_tail) {
        Some(tail) => FileTail::Builtin(tail),
        None => FileTail::Made(deflate(rest).into()),
    };
    let mut tail_crc = crc32fast::Hasher::new();
    tail_crc.update(rest);
    let made = Arc::new(Packed { tail, tail_crc });
    Arc::clone(slot.get_or_init(|| made))
}

/// The font files packed so far. The files are kept, so their addresses
/// identify them; a process uses the fonts of a handful of styles.
#[allow(clippy::type_complexity)]
static PACKED: Mutex<Vec<(FileBytes, Arc<OnceLock<Arc<Packed>>>)>> = Mutex::new(Vec::new());

/// A compressed font tail.
enum FileTail {
    Builtin(&'static [u8]),
    Made(Arc<[u8]>),
}

impl std::ops::Deref for FileTail {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            FileTail::Builtin(tail) => tail,
            FileTail::Made(tail) => tail,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::style::builtin_file;

    /// The bytes `content` holds once unpacked.
    fn unpacked(content: &Content) -> Vec<u8> {
        match content {
            Content::Bytes(data) => data.clone(),
            Content::Font { file, head } => {
                let mut data = file.to_vec();
                if let Some(head) = head {
                    data[..head.len()].copy_from_slice(head);
                }
                data
            }
        }
    }

    fn inflate(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::DeflateDecoder::new(data)
            .read_to_end(&mut out)
            .expect("a valid deflate stream");
        out
    }

    #[test]
    fn built_in_fonts_carry_their_compressed_tails() {
        let font = builtin_file("fonts/NotoSerif-Regular.ttf").expect("a built-in font");
        let tail = font
            .deflated_tail
            .expect("fonts are compressed at build time");
        assert_eq!(inflate(tail), &font.data[FONT_HEAD..]);
        assert!(
            builtin_file("official.toml")
                .unwrap()
                .deflated_tail
                .is_none()
        );
    }

    #[test]
    fn a_font_entry_inflates_to_the_font_with_its_new_head() {
        let font = builtin_file("fonts/NotoSerif-Bold.ttf").unwrap();
        let file = FileBytes::Builtin(font);
        let head = vec![0xAB; FONT_HEAD];
        let block = stored_block(&head);
        let tail = &packed(&file).tail;
        let joined = [&block[..], &tail[..]].concat();
        let mut expected = font.data.to_vec();
        expected[..FONT_HEAD].fill(0xAB);
        assert_eq!(inflate(&joined), expected);
    }

    #[test]
    fn fonts_from_disk_are_compressed_once() {
        let data: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let file = FileBytes::Loaded(data.clone().into());
        let (a, b) = (packed(&file), packed(&file.clone()));
        assert!(std::ptr::eq(a.tail.as_ptr(), b.tail.as_ptr()));
        assert_eq!(inflate(&a.tail), &data[FONT_HEAD..]);
        // A font shorter than the head has an empty tail.
        let tiny = FileBytes::Loaded(vec![1, 2, 3].into());
        let block = stored_block(&tiny);
        let joined = [&block[..], &packed(&tiny).tail[..]].concat();
        assert_eq!(inflate(&joined), [1, 2, 3]);
    }

    #[test]
    fn archives_read_back_with_their_times_and_modes() {
        let mut zip = ZipBuilder::new(1_506_643_200);
        zip.stored("mimetype", b"application/epub+zip").unwrap();
        zip.deflated("a/é.xml", &Content::Bytes(b"<x/>".repeat(100)))
            .unwrap();
        let font = FileBytes::Builtin(builtin_file("fonts/NotoSerif-Italic.ttf").unwrap());
        let head = vec![7u8; FONT_HEAD];
        let content = Content::Font {
            file: font.clone(),
            head: Some(head.clone()),
        };
        zip.deflated("f.odttf", &content).unwrap();
        let bytes = zip.finish().unwrap();

        assert_eq!(&bytes[30..38], b"mimetype");
        let mut archive = ::zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 3);
        for (i, name) in ["mimetype", "a/é.xml", "f.odttf"].into_iter().enumerate() {
            let mut entry = archive.by_index(i).unwrap();
            assert_eq!(entry.name().unwrap(), name);
            assert_eq!(entry.unix_mode(), Some(0o100_644));
            let t = entry.last_modified().unwrap();
            assert_eq!((t.year(), t.month(), t.day()), (2017, 9, 29));
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            if i == 2 {
                assert_eq!(data, unpacked(&content));
                assert_eq!(&data[..FONT_HEAD], &head[..]);
                assert_eq!(&data[FONT_HEAD..], &font[FONT_HEAD..]);
            }
        }
    }
}
