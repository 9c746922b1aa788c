//! Reading input files: only regular files are read.
//!
//! A FIFO, socket or device named like a source would block `open` or
//! `read` forever, or never end. Its type is checked without opening it,
//! and once more on the open file, which is opened without blocking: a
//! file swapped for a FIFO between the check and the open cannot hang
//! respub either.

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::Path;

/// What kind of file `meta` describes, for messages: `a file`, `a
/// folder`, `a FIFO`, `a socket`, `a device`.
pub fn kind(meta: &Metadata) -> &'static str {
    let file_type = meta.file_type();
    if file_type.is_file() {
        return "a file";
    }
    if file_type.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    "a special file"
}

/// The error for a path that is not a regular file.
fn not_a_file(meta: &Metadata) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("it is {}, not a file", kind(meta)),
    )
}

/// Opens the regular file at `path` (following symbolic links) for
/// reading, with its metadata. Anything else is refused with an error that
/// says what it is ("it is a FIFO, not a file"), without blocking.
pub fn open_regular(path: &Path) -> io::Result<(File, Metadata)> {
    let before = std::fs::metadata(path)?;
    if !before.is_file() {
        return Err(not_a_file(&before));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a FIFO without a writer would block; without blocking it
        // returns at once, and the check below refuses it. On a regular
        // file the flag changes nothing.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_a_file(&meta));
    }
    Ok((file, meta))
}

/// Reads the whole regular file at `path`; see [`open_regular`].
pub fn read_regular(path: &Path) -> io::Result<Vec<u8>> {
    let (file, meta) = open_regular(path)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    let mut file = file;
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.xml");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let error = read_regular(&fifo).unwrap_err();
        assert_eq!(error.to_string(), "it is a FIFO, not a file");
        let error = read_regular(dir.path()).unwrap_err();
        assert_eq!(error.to_string(), "it is a folder, not a file");
        std::fs::write(dir.path().join("a.xml"), "<a/>").unwrap();
        assert_eq!(read_regular(&dir.path().join("a.xml")).unwrap(), b"<a/>");
    }
}
