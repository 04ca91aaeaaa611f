//! Finding and opening the dataset's files inside a zip archive.
//!
//! The archive is read through any `Read + Seek` (a file natively, `File.slice` reads in
//! the browser), so nothing is held in memory beyond the entry being inflated. Files
//! are found by base name at any depth; entries are checked before they are opened
//! (encryption, compression method, declared size) and read through a guard that
//! stops an entry inflating past its declared size.

use std::io::{self, Read, Seek};

use zip::{CompressionMethod, ZipArchive};

use crate::error::{InputError, InputErrorKind};
use crate::input::{InputFile, MatchQuality};

/// Largest uncompressed size an entry may declare: room for ten times the full
/// ratings file (26 million rows, 700 MB) and then some, while refusing archives that
/// announce absurd sizes.
pub const MAX_DECLARED_SIZE: u64 = 64 << 30;

/// A dataset file found in an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Index in the archive.
    pub index: usize,
    /// Full entry name.
    pub path: String,
    /// Which input it is.
    pub file: InputFile,
    /// Declared uncompressed size.
    pub size: u64,
    /// Compressed size.
    pub compressed_size: u64,
}

/// A zip archive holding (some of) the dataset's files.
pub struct Archive<R> {
    zip: ZipArchive<R>,
    name: String,
}

impl<R: Read + Seek> Archive<R> {
    /// Reads the archive's directory; `name` is used in messages.
    pub fn open(reader: R, name: &str) -> Result<Self, InputError> {
        match ZipArchive::new(reader) {
            Ok(zip) => Ok(Archive { zip, name: name.to_owned() }),
            Err(zip::result::ZipError::Io(e)) if e.kind() != io::ErrorKind::UnexpectedEof => {
                Err(InputError::archive(name, InputErrorKind::Io(e)))
            }
            Err(e) => Err(InputError::archive(name, InputErrorKind::NotAZip(describe_zip_error(&e)))),
        }
    }

    /// The archive's name as given to [`open`](Self::open).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Every entry name, for messages when nothing was recognised.
    pub fn entry_names(&self) -> Vec<String> {
        self.zip.file_names().filter_map(Result::ok).map(|n| n.into_owned()).collect()
    }

    /// The best entry for each input file (a full file over its `_small` fallback;
    /// the first one in archive order among equals).
    pub fn dataset_entries(&self) -> Vec<Entry> {
        let mut best: Vec<(Entry, MatchQuality)> = Vec::new();
        for index in 0..self.zip.len() {
            let Ok(meta) = self.zip.by_index_data(index) else {
                continue;
            };
            if meta.is_dir() {
                continue;
            }
            let Ok(path) = meta.name() else { continue };
            let Some((file, quality)) = InputFile::recognise(&path) else {
                continue;
            };
            let entry = Entry {
                index,
                path: path.into_owned(),
                file,
                size: meta.size(),
                compressed_size: meta.compressed_size(),
            };
            match best.iter_mut().find(|(e, _)| e.file == file) {
                Some(slot) if quality > slot.1 => *slot = (entry, quality),
                Some(_) => {}
                None => best.push((entry, quality)),
            }
        }
        let mut entries: Vec<Entry> = best.into_iter().map(|(e, _)| e).collect();
        entries.sort_by_key(|e| e.file);
        entries
    }

    /// Opens an entry for streaming, after checking it can be read safely.
    pub fn open_entry(&mut self, entry: &Entry) -> Result<impl Read + '_, InputError> {
        let fail = |kind| InputError::new(entry.file, &entry.path, kind);
        let meta =
            self.zip.by_index_data(entry.index).map_err(|e| fail(InputErrorKind::NotAZip(describe_zip_error(&e))))?;
        if meta.encrypted() {
            return Err(fail(InputErrorKind::Encrypted));
        }
        let method = meta.compression();
        if !matches!(method, CompressionMethod::Stored | CompressionMethod::Deflated) {
            return Err(fail(InputErrorKind::UnsupportedCompression(method_name(method))));
        }
        if meta.size() > MAX_DECLARED_SIZE {
            return Err(fail(InputErrorKind::DeclaredSizeTooLarge { declared: meta.size(), limit: MAX_DECLARED_SIZE }));
        }
        let declared = meta.size();
        let reader = self.zip.by_index(entry.index).map_err(|e| match e {
            zip::result::ZipError::Io(e) => fail(InputErrorKind::Io(e)),
            other => fail(InputErrorKind::NotAZip(describe_zip_error(&other))),
        })?;
        Ok(SizeGuard { inner: reader, remaining: declared, declared })
    }
}

/// A readable name of a compression method.
fn method_name(method: CompressionMethod) -> String {
    const NAMES: [(CompressionMethod, &str); 7] = [
        (CompressionMethod::DEFLATE64, "Deflate64"),
        (CompressionMethod::BZIP2, "bzip2"),
        (CompressionMethod::LZMA, "LZMA"),
        (CompressionMethod::ZSTD, "Zstandard"),
        (CompressionMethod::XZ, "XZ"),
        (CompressionMethod::PPMD, "PPMd"),
        (CompressionMethod::AES, "AES encryption"),
    ];
    match NAMES.iter().find(|(m, _)| *m == method) {
        Some((_, name)) => (*name).to_owned(),
        None => format!("{method:?}"),
    }
}

fn describe_zip_error(e: &zip::result::ZipError) -> String {
    match e {
        zip::result::ZipError::InvalidArchive(why) => why.to_string(),
        zip::result::ZipError::UnsupportedArchive(why) => why.to_string(),
        zip::result::ZipError::Io(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
            "the archive ends too early (truncated download?)".into()
        }
        other => other.to_string(),
    }
}

/// Fails a read that would go past the entry's declared size.
struct SizeGuard<R> {
    inner: R,
    remaining: u64,
    declared: u64,
}

impl<R: Read> Read for SizeGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n as u64 > self.remaining {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                InputErrorKind::InflatesBeyondDeclaredSize(self.declared).to_string(),
            ));
        }
        self.remaining -= n as u64;
        Ok(n)
    }
}
