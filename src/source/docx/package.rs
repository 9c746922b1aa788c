//! The package: a Word file opened as the ZIP of XML parts it is, safely.
//!
//! A DOCX arrives from outside, so everything about it is bounded before
//! it is trusted: the file's size, the number of entries, each part's and
//! all parts' uncompressed size (a ZIP bomb stops at the cap, whatever its
//! entries claim), and each part's XML goes through the same safe tree as
//! every XML source (no DOCTYPE, no entities). What respub never does with
//! a Word file is refused with a reason: it never decrypts, never keeps or
//! runs macros, never fetches what a relationship points to outside the
//! package.

use std::collections::HashMap;
use std::io::Read;

use thiserror::Error;

use crate::source::tree::{self, Element, Root};

/// The largest Word file read (25 MB). respub's own DOCX with the house
/// fonts embedded is under 2 MB; a draft with pictures may be larger, and
/// its pictures are never unpacked.
pub const MAX_FILE_BYTES: usize = 25_000_000;

/// The most entries a package may have. A resolution's has a few dozen.
pub const MAX_ENTRIES: usize = 5_000;

/// The largest uncompressed size of one XML part read (16 MB). The
/// `document.xml` of the longest UN resolution, as respub writes it, is
/// about 3 MB.
pub const MAX_PART_BYTES: u64 = 16_000_000;

/// The largest uncompressed size of all the parts read together (48 MB).
pub const MAX_TOTAL_BYTES: u64 = 48_000_000;

/// The most XML elements in one part.
pub const MAX_PART_ELEMENTS: usize = 1_000_000;

/// The namespace of relationships' targets modes and ids.
pub const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The relationship type of the main document part, in both the
/// transitional and the strict schemas.
const OFFICE_DOCUMENT: [&str; 2] = [
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
];

/// Why a package cannot be read. Each says what to do.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum PackageError {
    /// Not a ZIP at all.
    #[error("this is not a Word document: a DOCX is a ZIP package, and this file is not one")]
    NotZip,
    /// An OLE compound file holding an encrypted package.
    #[error("the Word document is protected by a password (encrypted)")]
    Encrypted,
    /// An OLE compound file: a Word 97–2003 `.doc`.
    #[error("this is a Word 97–2003 document (.doc), not a DOCX")]
    LegacyDoc,
    /// The ZIP is damaged or cut short.
    #[error("the ZIP package is damaged or incomplete: {0}")]
    Damaged(String),
    /// Too many entries.
    #[error("the package has {0} entries; respub reads packages of at most {MAX_ENTRIES}")]
    TooManyEntries(usize),
    /// An entry is encrypted with a ZIP password.
    #[error("the part `{0}` is encrypted")]
    EncryptedEntry(String),
    /// A part is over [`MAX_PART_BYTES`] once uncompressed.
    #[error(
        "the part `{0}` is larger than {max} MB once uncompressed; respub stops there",
        max = MAX_PART_BYTES / 1_000_000
    )]
    PartTooLarge(String),
    /// All parts together are over [`MAX_TOTAL_BYTES`].
    #[error(
        "the parts of the package are larger than {max} MB once uncompressed; respub stops there",
        max = MAX_TOTAL_BYTES / 1_000_000
    )]
    TotalTooLarge,
    /// A macro-enabled document.
    #[error("the document is macro-enabled ({0}); respub never runs or keeps macros")]
    Macros(String),
    /// A part that must be there is missing.
    #[error("the package has no `{0}` part")]
    Missing(String),
    /// A part is not UTF-8 XML.
    #[error("the part `{0}` is not UTF-8 text")]
    NotUtf8(String),
    /// A part's XML is refused; `1` is its message, with its position.
    #[error("the part `{part}` cannot be read: {message}")]
    Xml {
        /// The part.
        part: String,
        /// The XML reader's message, with line and column in the part.
        message: String,
    },
}

impl PackageError {
    /// What the user can do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            PackageError::NotZip => {
                "save the document from Word or LibreOffice as “Word Document (.docx)”"
            }
            PackageError::Encrypted | PackageError::EncryptedEntry(_) => {
                "remove the password (in Word: File › Info › Protect Document › Encrypt with Password, then clear it) and save again"
            }
            PackageError::LegacyDoc => {
                "open it in Word or LibreOffice and save it as “Word Document (.docx)”"
            }
            PackageError::Damaged(_) => {
                "the file may have been cut short in transfer; ask for it again, or open it in Word and save it again"
            }
            PackageError::TooManyEntries(_)
            | PackageError::PartTooLarge(_)
            | PackageError::TotalTooLarge => {
                "no resolution comes near this; check that this is a resolution and not another file"
            }
            PackageError::Macros(_) => {
                "save it as “Word Document (.docx)”, which has no macros, and import that"
            }
            PackageError::Missing(_) | PackageError::NotUtf8(_) => {
                "open the document in Word or LibreOffice and save it again as “Word Document (.docx)”"
            }
            PackageError::Xml { .. } => {
                "respub refuses XML with a DOCTYPE or entity declarations; open the document in Word or LibreOffice and save it again"
            }
        }
    }
}

/// One relationship of a part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relationship {
    /// Its type, the last segment of the type URI (`hyperlink`, `image`).
    pub kind: String,
    /// Its target: a part name resolved against the source part, or the
    /// URI as written for an external target.
    pub target: String,
    /// Whether the target is outside the package.
    pub external: bool,
}

/// The relationships of one part, by id.
pub type Relationships = HashMap<String, Relationship>;

/// An opened package, its parts read on demand.
pub struct Package<'a> {
    zip: zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
    /// Entry names by lower-case name (part names are case-insensitive).
    names: HashMap<String, String>,
    /// Bytes uncompressed so far, against [`MAX_TOTAL_BYTES`].
    read: u64,
    /// The main document part's name (`word/document.xml`).
    pub main: String,
}

/// The signature of an OLE compound file (Word 97–2003, or an encrypted
/// Office package).
const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

impl<'a> Package<'a> {
    /// Opens `bytes` as a Word package and finds its main document.
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, PackageError> {
        if bytes.starts_with(&CFB_MAGIC) {
            // An encrypted package is a compound file with a stream
            // named "EncryptedPackage" (in UTF-16 in its directory).
            let name: Vec<u8> = "EncryptedPackage"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect();
            let encrypted = bytes.windows(name.len()).any(|w| w == name.as_slice());
            return Err(if encrypted {
                PackageError::Encrypted
            } else {
                PackageError::LegacyDoc
            });
        }
        if !bytes.starts_with(b"PK") {
            return Err(PackageError::NotZip);
        }
        let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| PackageError::Damaged(e.to_string()))?;
        if zip.len() > MAX_ENTRIES {
            return Err(PackageError::TooManyEntries(zip.len()));
        }
        let names = zip
            .file_names()
            .filter_map(Result::ok)
            .map(|n| (n.trim_start_matches('/').to_lowercase(), n.to_string()))
            .collect();
        let mut package = Package {
            zip,
            names,
            read: 0,
            main: String::new(),
        };
        package.refuse_macros()?;
        let rels = package.relationships("")?;
        let mut main: Vec<&Relationship> = rels
            .values()
            .filter(|r| !r.external && OFFICE_DOCUMENT.iter().any(|t| t.ends_with(&r.kind)))
            .collect();
        main.sort_by(|a, b| a.target.cmp(&b.target));
        package.main = match main.first() {
            Some(r) => r.target.clone(),
            None if package.has("word/document.xml") => "word/document.xml".to_string(),
            None => return Err(PackageError::Missing("word/document.xml".into())),
        };
        if !package.has(&package.main) {
            return Err(PackageError::Missing(package.main.clone()));
        }
        Ok(package)
    }

    /// A `.docm` says what it is in its content types, and carries its
    /// macros in a `vbaProject.bin`.
    fn refuse_macros(&mut self) -> Result<(), PackageError> {
        if let Some(vba) = self.names.keys().find(|n| n.ends_with("vbaproject.bin")) {
            return Err(PackageError::Macros(format!("it holds `{vba}`")));
        }
        if let Some(types) = self.text("[Content_Types].xml")? {
            if types.contains("macroEnabled") {
                return Err(PackageError::Macros(
                    "its content types say `macroEnabled`".into(),
                ));
            }
        }
        Ok(())
    }

    /// Whether the package has the part `name`.
    pub fn has(&self, name: &str) -> bool {
        self.names.contains_key(&name.to_lowercase())
    }

    /// The uncompressed bytes of part `name`, if the package has it.
    pub fn bytes(&mut self, name: &str) -> Result<Option<Vec<u8>>, PackageError> {
        let Some(entry) = self.names.get(&name.to_lowercase()).cloned() else {
            return Ok(None);
        };
        let file = self.zip.by_name(&entry).map_err(|e| match e {
            zip::result::ZipError::UnsupportedArchive(m) if m.contains("assword") => {
                PackageError::EncryptedEntry(name.to_string())
            }
            other => PackageError::Damaged(format!("`{name}`: {other}")),
        })?;
        if file.encrypted() {
            return Err(PackageError::EncryptedEntry(name.to_string()));
        }
        // The sizes an entry declares may lie: the reading itself stops
        // one byte past the cap.
        if file.size() > MAX_PART_BYTES {
            return Err(PackageError::PartTooLarge(name.to_string()));
        }
        let mut out = Vec::with_capacity(file.size().min(MAX_PART_BYTES) as usize);
        file.take(MAX_PART_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(|e| PackageError::Damaged(format!("`{name}`: {e}")))?;
        if out.len() as u64 > MAX_PART_BYTES {
            return Err(PackageError::PartTooLarge(name.to_string()));
        }
        self.read += out.len() as u64;
        if self.read > MAX_TOTAL_BYTES {
            return Err(PackageError::TotalTooLarge);
        }
        Ok(Some(out))
    }

    /// Part `name` as text, if the package has it.
    pub fn text(&mut self, name: &str) -> Result<Option<String>, PackageError> {
        let Some(bytes) = self.bytes(name)? else {
            return Ok(None);
        };
        let bytes = bytes
            .strip_prefix(b"\xEF\xBB\xBF".as_slice())
            .map(<[u8]>::to_vec)
            .unwrap_or(bytes);
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| PackageError::NotUtf8(name.to_string()))
    }

    /// Part `name` parsed as XML, if the package has it.
    pub fn xml(&mut self, name: &str) -> Result<Option<Element>, PackageError> {
        let Some(text) = self.text(name)? else {
            return Ok(None);
        };
        parse(name, &text).map(Some)
    }

    /// The relationships of part `name` (`""` for the package's own), with
    /// internal targets resolved to part names.
    pub fn relationships(&mut self, name: &str) -> Result<Relationships, PackageError> {
        let (dir, file) = match name.rfind('/') {
            Some(at) => (&name[..at], &name[at + 1..]),
            None => ("", name),
        };
        let rels_name = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let Some(root) = self.xml(&rels_name)? else {
            return Ok(Relationships::new());
        };
        let mut out = Relationships::new();
        for rel in root.elements().filter(|e| e.name == "Relationship") {
            let (Some(id), Some(kind), Some(target)) =
                (rel.attr("Id"), rel.attr("Type"), rel.attr("Target"))
            else {
                continue;
            };
            let external = rel
                .attr("TargetMode")
                .is_some_and(|m| m.eq_ignore_ascii_case("External"));
            let target = if external {
                target.to_string()
            } else {
                resolve(dir, target)
            };
            out.insert(
                id.to_string(),
                Relationship {
                    kind: kind.rsplit('/').next().unwrap_or(kind).to_string(),
                    target,
                    external,
                },
            );
        }
        Ok(out)
    }
}

/// Parses the text of part `name` with the safe tree.
pub fn parse(name: &str, text: &str) -> Result<Element, PackageError> {
    const ROOT: Root = Root {
        name: "document",
        hint: "a part of a Word package is one XML element",
    };
    let refused = |diagnostics: Vec<crate::diag::Diagnostic>| {
        let d = diagnostics.into_iter().next();
        let message = match d {
            Some(d) => match d.span {
                Some(span) => {
                    let (line, column) = crate::diag::line_column(text, span.start);
                    format!("line {line}, column {column}: {}", d.message)
                }
                None => d.message,
            },
            None => "it is not XML".to_string(),
        };
        PackageError::Xml {
            part: name.to_string(),
            message,
        }
    };
    // The tree wants a root named as the format's; the parts' roots vary,
    // and the tree only names the expected root in the message for a file
    // that has none.
    tree::parse_with_limit(text, 0, ROOT, MAX_PART_ELEMENTS)
        .map(|(root, _)| root)
        .map_err(refused)
}

/// The part name `target` points at from a part in folder `dir`.
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_their_part() {
        assert_eq!(resolve("word", "media/a.png"), "word/media/a.png");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(
            resolve("word", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(resolve("word", "/word/styles.xml"), "word/styles.xml");
    }

    #[test]
    fn what_is_no_package_is_named() {
        assert_eq!(Package::open(b"hello").err(), Some(PackageError::NotZip));
        let mut doc = CFB_MAGIC.to_vec();
        doc.extend([0; 64]);
        assert_eq!(Package::open(&doc).err(), Some(PackageError::LegacyDoc));
        doc.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(Package::open(&doc).err(), Some(PackageError::Encrypted));
        assert!(matches!(
            Package::open(b"PK\x03\x04 cut short").err(),
            Some(PackageError::Damaged(_))
        ));
    }
}
