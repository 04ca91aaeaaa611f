//! Where the bytes of a file the user gave come from.
//!
//! The core does no I/O of its own: the command reads paths, the browser's worker
//! reads `File`s, the tests read memory. Each of them implements [`Origin`], and the
//! archive reader and the input resolver work over any of them. An origin opens a
//! fresh reader each time it is asked, so a source can be read again (for an export)
//! and several entries of one archive can be read at once, each through its own
//! reader, while the archive's directory is parsed only once.

use std::io::{self, Cursor, Read, Seek};
use std::sync::Arc;

/// A file the user gave: a path natively, a dropped `File` in the browser.
pub trait Origin {
    /// A reader over the file's bytes, positioned at its start.
    type Reader: Read + Seek;

    /// The file's name as the user knows it (the path, or the dropped file's relative
    /// path).
    fn name(&self) -> &str;

    /// The file's size in bytes.
    fn size(&self) -> u64;

    /// Opens a new reader at the start of the file.
    fn open(&self) -> io::Result<Self::Reader>;
}

/// A file held in memory: the tests, fuzzing and the embedded sample use it.
#[derive(Debug, Clone)]
pub struct InMemory {
    name: String,
    bytes: Arc<[u8]>,
}

impl InMemory {
    /// Holds `bytes` under `name`.
    pub fn new(name: &str, bytes: impl Into<Arc<[u8]>>) -> Self {
        InMemory { name: name.to_owned(), bytes: bytes.into() }
    }
}

impl Origin for InMemory {
    type Reader = Cursor<Arc<[u8]>>;

    fn name(&self) -> &str {
        &self.name
    }

    fn size(&self) -> u64 {
        self.bytes.len() as u64
    }

    fn open(&self) -> io::Result<Self::Reader> {
        Ok(Cursor::new(self.bytes.clone()))
    }
}

/// Reads up to `buf.len()` bytes; returns how many (fewer only at the end of the input).
pub fn read_up_to(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut len = 0;
    while len < buf.len() {
        match reader.read(&mut buf[len..]) {
            Ok(0) => break,
            Ok(n) => len += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(len)
}

/// The first `n` bytes of an origin (fewer when it is shorter).
pub fn head(origin: &impl Origin, n: usize) -> io::Result<Vec<u8>> {
    let mut buf = vec![0u8; n];
    let len = read_up_to(&mut origin.open()?, &mut buf)?;
    buf.truncate(len);
    Ok(buf)
}
