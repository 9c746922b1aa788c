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
pub mod tree;
pub mod xml;

use std::path::{Path, PathBuf};

use crate::diag::{DiagResult, Diagnostic, SourceText, Warned};
use crate::model::{Resolution, Span};

/// Inputs larger than this are refused before parsing: no real resolution
/// comes near it, and a hostile file must not exhaust memory.
pub const MAX_SOURCE_BYTES: usize = 16 * 1024 * 1024;

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

    /// Reads a file from disk.
    pub fn open(path: &Path) -> std::io::Result<Self> {
        let len = std::fs::metadata(path)?.len();
        if len > MAX_SOURCE_BYTES as u64 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "the file is {} MB; respub reads sources of at most {} MB",
                    len / (1024 * 1024),
                    MAX_SOURCE_BYTES / (1024 * 1024)
                ),
            ));
        }
        Ok(SourceFile {
            path: path.to_path_buf(),
            bytes: std::fs::read(path)?,
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
        let mut text = String::with_capacity(self.bytes.len());
        let mut first_bad: Option<usize> = None;
        for chunk in self.bytes.utf8_chunks() {
            for c in chunk.valid().chars() {
                if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
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
            name: self.path.display().to_string(),
            text,
        }
    }
}

/// Opens a source for reading, or explains why it cannot be read. A file
/// over [`MAX_SOURCE_BYTES`] is refused with a diagnostic at its first byte,
/// with an excerpt of its beginning so the user sees what it is.
pub fn load(path: &Path) -> Result<SourceFile, (SourceText, Vec<Diagnostic>)> {
    use std::io::Read;
    let name = path.display().to_string();
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
    let len = std::fs::metadata(path).map_err(unreadable)?.len();
    if len <= MAX_SOURCE_BYTES as u64 {
        return SourceFile::open(path).map_err(unreadable);
    }
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(200).read_to_end(&mut head))
        .map_err(unreadable)?;
    // The excerpt: the first line, control characters and invalid UTF-8
    // replaced as for any source.
    let mut text = SourceFile::new(path, head).text().text;
    text.truncate(text.find('\n').unwrap_or(text.len()));
    let diag = Diagnostic::error(format!(
        "the file is {} MB; respub reads sources of at most {} MB",
        len / (1024 * 1024),
        MAX_SOURCE_BYTES / (1024 * 1024)
    ))
    .at(Span::new(0, 0))
    .with_label("file too large")
    .with_hint("check that this is a resolution source and not another file");
    Err((SourceText { name, text }, vec![diag]))
}

/// A reader of one input format.
#[derive(Debug)]
pub struct Reader {
    /// The format's name, for messages: "respub XML".
    pub name: &'static str,
    /// The extensions (lower case, without the dot) of the files it reads;
    /// folder discovery takes files with these.
    pub extensions: &'static [&'static str],
    /// Whether a file is in this format, judged by its content.
    pub recognises: fn(&SourceFile) -> bool,
    /// Reads and checks the file.
    pub read: fn(&SourceFile) -> DiagResult<Warned<Resolution>>,
}

/// Every reader. A file goes to the first that recognises its content,
/// else to the first that reads its extension: respub XML for an `.xml`
/// file that is no known XML, since it is respub's own format.
pub static READERS: &[Reader] = &[
    Reader {
        name: "respub XML",
        extensions: &["xml"],
        recognises: xml::recognises,
        read: xml::read,
    },
    Reader {
        name: "Akoma Ntoso",
        extensions: &["xml"],
        recognises: akn::recognises,
        read: akn::read,
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

/// Whether some reader reads files named like `path`: what folder
/// discovery takes.
pub fn is_source_name(path: &Path) -> bool {
    READERS.iter().any(|r| reads_extension(r, path))
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
    if file.bytes.len() > MAX_SOURCE_BYTES {
        return Err(vec![
            Diagnostic::error(format!(
                "the file is {} MB; respub reads sources of at most {} MB",
                file.bytes.len() / (1024 * 1024),
                MAX_SOURCE_BYTES / (1024 * 1024)
            ))
            .at(Span::new(0, 0))
            .with_hint("check that this is a resolution source and not another file"),
        ]);
    }
    (reader_for(file).read)(file)
}
