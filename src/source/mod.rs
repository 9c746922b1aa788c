//! The readers: from an input file to a checked [`Resolution`].
//!
//! A reader parses, validates and keeps source positions; it reports every
//! problem it can find in one pass. The readers are a table ([`READERS`]):
//! each says what files it reads, by extension, and how to recognise its
//! input by content, so `respub` takes any supported format without being
//! told, and folder discovery takes exactly the files some reader reads.
//! Readers of XML formats share one decoder ([`decode`]) and one safe
//! element tree ([`tree`]).

pub mod akn;
pub mod decode;
pub mod docx;
pub mod text;
pub mod tree;
pub mod xml;

use std::path::{Path, PathBuf};

use crate::diag::{DiagResult, Diagnostic, SourceText, Warned};
use crate::model::{Language, Reference, Resolution, Span};

/// Inputs larger than this (1 MB) are refused before parsing. The largest
/// real resolution of the UN corpus is 258 KB; a source at the limit, with
/// at most [`xml::tree::MAX_ELEMENTS`] elements and [`MAX_NOTES`] notes, makes
/// its PDF in a few seconds and a few hundred MB: the PDF's layout costs
/// 2 to 5 s of CPU and 250 MB per MB of text, more for long paragraphs.
pub const MAX_SOURCE_BYTES: usize = 1_000_000;

/// The most footnotes accepted in one source. Real resolutions have a
/// handful (4 at most in the UN corpus); the PDF's layout of footnotes
/// grows with the square of their number in one paragraph (4,000 notes:
/// 3.7 s and 740 MB; 10,000: 27 s and 4 GB).
pub const MAX_NOTES: usize = 1_000;

/// An input file as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path, as the user named it (used in messages).
    pub path: PathBuf,
    /// The bytes of the file.
    pub bytes: Vec<u8>,
}

impl SourceFile {
    /// A source from bytes in memory.
    pub fn new(path: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) -> Self {
        SourceFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }

    /// Reads a file from disk. Only a regular file is read: a FIFO, socket
    /// or device is refused without blocking (see [`crate::file`]).
    pub fn open(path: &Path) -> std::io::Result<Self> {
        use std::io::Read;
        let (file, meta) = crate::file::open_regular(path)?;
        let limit = max_bytes(path);
        if meta.len() > limit as u64 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                too_large(meta.len(), limit),
            ));
        }
        // The file may grow after the check: never read past the limit.
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        file.take(limit as u64 + 1).read_to_end(&mut bytes)?;
        Ok(SourceFile {
            path: path.to_path_buf(),
            bytes,
        })
    }

    /// The text for printing diagnostics.
    ///
    /// Invalid UTF-8 and control characters are replaced by U+FFFD so that a
    /// hostile file cannot send escape sequences to the terminal. Readers
    /// stop at the first such character, so the text is cut at the end of
    /// its line: an excerpt of a binary file stays short.
    pub fn text(&self) -> SourceText {
        const REPLACEMENT: char = '\u{FFFD}';
        // A Word file's diagnostics point into the listing of its
        // paragraphs, one per line (see `docx`).
        if docx::recognises(self) {
            return SourceText {
                name: crate::diag::path(&self.path),
                text: docx::listing(&self.bytes).unwrap_or_default(),
            };
        }
        let mut text = String::with_capacity(self.bytes.len());
        let mut first_bad: Option<usize> = None;
        for chunk in self.bytes.utf8_chunks() {
            for c in chunk.valid().chars() {
                if c == '\u{c}' {
                    // A page break of extracted text: a space of the same
                    // length keeps every position.
                    text.push(' ');
                } else if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
                    first_bad.get_or_insert(text.len());
                    text.push(REPLACEMENT);
                } else {
                    text.push(c);
                }
            }
            if !chunk.invalid().is_empty() {
                first_bad.get_or_insert(text.len());
                text.push(REPLACEMENT);
            }
            if first_bad.is_some_and(|at| text.len() > at + 400) {
                break;
            }
        }
        if let Some(at) = first_bad {
            let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
            let mut end = end.min(at + 400);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.truncate(end);
        }
        SourceText {
            name: crate::diag::path(&self.path),
            text,
        }
    }
}

/// Opens a source for reading, or explains why it cannot be read. A file
/// over [`MAX_SOURCE_BYTES`] is refused with a diagnostic at its first byte,
/// with an excerpt of its beginning so the user sees what it is.
pub fn load(path: &Path) -> Result<SourceFile, (SourceText, Vec<Diagnostic>)> {
    use std::io::Read;
    let name = crate::diag::path(path);
    let unreadable = |e: std::io::Error| {
        let text = SourceText {
            name: name.clone(),
            text: String::new(),
        };
        // Point at 1:1 so the message names the file the way every other
        // diagnostic does.
        let diag = Diagnostic::error(format!("cannot read `{name}`: {e}"))
            .at(Span::new(0, 0))
            .with_hint("check that the file exists, that you may read it, and that it is a resolution source");
        (text, vec![diag])
    };
    let (file, meta) = crate::file::open_regular(path).map_err(unreadable)?;
    let len = meta.len();
    let limit = max_bytes(path);
    if len <= limit as u64 {
        return SourceFile::open(path).map_err(unreadable);
    }
    let mut head = Vec::new();
    file.take(200).read_to_end(&mut head).map_err(unreadable)?;
    // The excerpt: the first line, control characters and invalid UTF-8
    // replaced as for any source.
    let mut text = SourceFile::new(path, head).text().text;
    text.truncate(text.find('\n').unwrap_or(text.len()));
    let diag = Diagnostic::error(too_large(len, limit))
        .at(Span::new(0, 0))
        .with_label("file too large")
        .with_hint("check that this is a resolution source and not another file");
    Err((SourceText { name, text }, vec![diag]))
}

/// The largest file read from `path`: [`MAX_SOURCE_BYTES`], or for a Word
/// file, which carries fonts and pictures besides its text,
/// [`docx::package::MAX_FILE_BYTES`].
pub fn max_bytes(path: &Path) -> usize {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if [".docx", ".docm", ".dotx", ".doc"]
        .iter()
        .any(|ext| name.ends_with(ext))
    {
        docx::package::MAX_FILE_BYTES
    } else {
        MAX_SOURCE_BYTES
    }
}

/// The message for a source of `len` bytes, over `limit`: sizes in
/// megabytes of 10^6 bytes, the file's rounded up to one decimal so that
/// a file just over the limit never reads as the limit itself.
fn too_large(len: u64, limit: usize) -> String {
    let tenths = len.div_ceil(100_000);
    format!(
        "the file is {}.{} MB; respub reads {} of at most {} MB",
        tenths / 10,
        tenths % 10,
        if limit == MAX_SOURCE_BYTES {
            "sources"
        } else {
            "Word files"
        },
        format_limit(limit)
    )
}

/// `limit` in megabytes, with a decimal only when needed.
fn format_limit(limit: usize) -> String {
    let tenths = limit as u64 / 100_000;
    if tenths % 10 == 0 {
        format!("{}", tenths / 10)
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

/// A reader of one input format.
#[derive(Debug)]
pub struct Reader {
    /// The format's name, for messages: "respub XML".
    pub name: &'static str,
    /// The extensions (lower case, without the dot) of the files it reads;
    /// folder discovery takes files with these.
    pub extensions: &'static [&'static str],
    /// Whether folder discovery takes its files. Plain text is read when
    /// named, not found in folders: a folder of sources also holds
    /// READMEs, notes and respub's own `.txt` outputs.
    pub in_folders: bool,
    /// Whether a file is in this format, judged by its content.
    pub recognises: fn(&SourceFile) -> bool,
    /// Reads and checks the file, with what the user says of it.
    pub read: fn(&SourceFile, &Hints) -> DiagResult<Warned<Resolution>>,
}

/// What the user says of an input (`respub import --lang --reference`),
/// for the readers that would otherwise guess it. A structured format
/// states its language and reference and its reader does not need them;
/// plain text often leaves them to be guessed, and its reader reads the
/// text in the language given and takes the reference given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    /// The language of the text.
    pub language: Option<Language>,
    /// The document's reference.
    pub reference: Option<Reference>,
}

/// Every reader. A file goes to the first that recognises its content,
/// else to the first that reads its extension: respub XML for an `.xml`
/// file that is no known XML, since it is respub's own format.
pub static READERS: &[Reader] = &[
    Reader {
        name: "respub XML",
        extensions: &["xml"],
        in_folders: true,
        recognises: xml::recognises,
        read: |file, _| xml::read(file),
    },
    Reader {
        name: "Akoma Ntoso",
        extensions: &["xml"],
        in_folders: true,
        recognises: akn::recognises,
        read: |file, _| akn::read(file),
    },
    Reader {
        name: "plain text",
        extensions: &["txt", "md"],
        in_folders: false,
        recognises: text::recognises,
        read: text::read_with,
    },
    Reader {
        name: "Word",
        extensions: &["docx", "docm", "dotx", "doc"],
        // Read when named: a folder of sources also holds the DOCX files
        // respub wrote from them.
        in_folders: false,
        recognises: docx::recognises,
        read: docx::read_with,
    },
];

/// The reader of `file`: the first that recognises its content, else the
/// first that reads its extension (which then explains what is wrong
/// with it), else the respub XML reader.
pub fn reader_for(file: &SourceFile) -> &'static Reader {
    READERS
        .iter()
        .find(|r| (r.recognises)(file))
        .or_else(|| READERS.iter().find(|r| reads_extension(r, &file.path)))
        .unwrap_or(&READERS[0])
}

/// Whether some reader reads files named like `path` in folders: what
/// folder discovery takes.
pub fn is_source_name(path: &Path) -> bool {
    READERS
        .iter()
        .any(|r| r.in_folders && reads_extension(r, path))
}

fn reads_extension(reader: &Reader, path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    reader
        .extensions
        .iter()
        .any(|ext| name.len() > ext.len() + 1 && name.ends_with(&format!(".{ext}")))
}

/// The local name of the root element of an XML file, if it has one: what
/// XML readers recognise their input by. Reads only up to the root's
/// start tag.
pub fn root_element(bytes: &[u8]) -> Option<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::reader::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(tag) | Event::Empty(tag)) => {
                return Some(tag.local_name().as_ref().to_string());
            }
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => buf.clear(),
        }
    }
}

/// Reads and checks a source with its reader.
pub fn read(file: &SourceFile) -> DiagResult<Warned<Resolution>> {
    read_with(file, &Hints::default())
}

/// [`read`], with what the user says of the input.
pub fn read_with(file: &SourceFile, hints: &Hints) -> DiagResult<Warned<Resolution>> {
    let limit = if docx::recognises(file) {
        docx::package::MAX_FILE_BYTES
    } else {
        MAX_SOURCE_BYTES
    };
    if file.bytes.len() > limit {
        return Err(vec![
            Diagnostic::error(too_large(file.bytes.len() as u64, limit))
                .at(Span::new(0, 0))
                .with_hint("check that this is a resolution source and not another file"),
        ]);
    }
    let mut warned = (reader_for(file).read)(file, hints)?;
    if let Some(error) = too_many_notes(&mut warned.output) {
        return Err(vec![error]);
    }
    Ok(warned)
}

/// The error for a resolution with more than [`MAX_NOTES`] footnotes, at
/// the first note over the limit.
fn too_many_notes(res: &mut Resolution) -> Option<Diagnostic> {
    fn count(run: &[crate::model::Inline], seen: &mut usize, over: &mut Option<Option<Span>>) {
        for inline in run {
            if let crate::model::Inline::Footnote(note) = inline {
                *seen += 1;
                if *seen > MAX_NOTES && over.is_none() {
                    *over = Some(note.span);
                }
            }
            if let Some(children) = inline.children() {
                count(children, seen, over);
            }
        }
    }
    let mut seen = 0;
    let mut over = None;
    crate::model::for_each_inline_run_mut(res, &mut |run| count(run, &mut seen, &mut over));
    let span = over?;
    Some(
        Diagnostic::error(format!(
            "the file has {seen} footnotes; respub reads sources of at most {MAX_NOTES}"
        ))
        .at(span.or(Some(Span::new(0, 0))))
        .with_label(format!("note {}", MAX_NOTES + 1))
        .with_hint("no resolution comes near this; check that this is a resolution source"),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_are_given_to_one_decimal_never_below_the_real_size() {
        assert_eq!(
            super::too_large(17_400_000, super::MAX_SOURCE_BYTES),
            "the file is 17.4 MB; respub reads sources of at most 1 MB"
        );
        assert!(
            super::too_large(1_000_001, super::MAX_SOURCE_BYTES).starts_with("the file is 1.1 MB")
        );
    }
}
