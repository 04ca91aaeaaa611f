//! Finding and opening the dataset's files inside a zip archive.
//!
//! The archive is read through an [`Origin`] (a path natively, a dropped `File` in the
//! browser), which opens a fresh reader for each entry: the directory is parsed once,
//! nothing is held in memory beyond the entry being inflated, and entries can be read
//! on several threads at once. Files are found by base name at any depth; entries are
//! checked before they are opened ([`limits`]) and read through a reader of our own
//! that bounds them by their declared size and checks their CRC-32 ([`EntryReader`]).
//!
//! An archive whose central directory cannot be read (a download cut short, most
//! often) is *salvaged* ([`salvage`]): its entries are found by walking their local
//! headers from the start, so the files stored completely before the cut are still
//! processed, the entry the cut falls in is read up to the cut and then reported, and
//! [`Archive::damage`] says what happened to the archive as a whole. An archive that
//! arrives through a pipe is read front to back by [`StreamedZip`].

mod directory;
mod limits;
mod local;
mod reader;
mod salvage;
mod stream;

use std::io::{Seek, SeekFrom};

pub use limits::{MAX_COMPRESSION_RATIO, MAX_DECLARED_SIZE, RATIO_EXEMPT_SIZE};
pub use reader::EntryReader;
pub use stream::{EntryStream, StreamedZip};

use crate::error::{InputError, InputErrorKind};
use crate::input::{InputFile, MatchQuality};
use crate::origin::Origin;
use limits::{check, Facts, RatioLimit};

/// A dataset file found in an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Index in the archive.
    pub index: usize,
    /// Full entry name (control characters shown escaped).
    pub path: String,
    /// Which input it is.
    pub file: InputFile,
    /// Declared uncompressed size.
    pub size: u64,
    /// Compressed size.
    pub compressed_size: u64,
}

/// Where a member's data is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DataAt {
    /// After the local header at this offset (from the central directory).
    Header(u64),
    /// At this offset (found by the salvage walk).
    Start(u64),
}

/// A problem with a member found while the archive was walked.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Problem {
    /// Its data cannot be delimited or inflated.
    Corrupt(&'static str),
    /// It inflates past the ratio limit.
    Ratio { inflated: u64, compressed: u64, limit: u64 },
}

impl Problem {
    fn kind(&self) -> InputErrorKind {
        match self {
            Problem::Corrupt(why) => InputErrorKind::CorruptEntry(why),
            Problem::Ratio { inflated, compressed, limit } => {
                InputErrorKind::CompressionRatioTooHigh { declared: *inflated, compressed: *compressed, limit: *limit }
            }
        }
    }
}

/// One member of the archive, as its directory or the salvage walk lists it.
#[derive(Debug, Clone)]
struct Member {
    name: String,
    is_dir: bool,
    encrypted: bool,
    method: u16,
    crc32: u32,
    size: u64,
    /// `u64::MAX` when unknown (the archive ends inside the member's deflate stream).
    compressed_size: u64,
    data: DataAt,
    /// Compressed bytes present in the file (fewer than `compressed_size` when the
    /// archive ends inside the member).
    present: u64,
    problem: Option<Problem>,
}

/// A zip archive holding (some of) the dataset's files.
pub struct Archive<O> {
    origin: O,
    members: Vec<Member>,
    /// Why the central directory could not be used, when the archive was salvaged.
    salvaged: Option<String>,
}

impl<O: Origin> Archive<O> {
    /// Reads the archive's directory (or, when it is unreadable but the file starts
    /// with a local header, salvages the archive: see the module documentation).
    pub fn open(origin: O) -> Result<Self, InputError> {
        let name = origin.name().to_owned();
        let fail = |kind| InputError::archive(&name, kind);
        let io = |e| fail(InputErrorKind::Io(e));
        let mut reader = origin.open().map_err(io)?;
        let len = reader.seek(SeekFrom::End(0)).map_err(io)?;
        if len == 0 {
            return Err(fail(InputErrorKind::NotAZip("the file is empty (0 bytes)".into())));
        }
        let unreadable = match directory::list(&mut reader, len).map_err(io)? {
            Ok(members) => return Ok(Archive { origin, members, salvaged: None }),
            Err(unreadable) => unreadable,
        };
        match salvage::walk(&mut reader, len, RatioLimit::DEFAULT).map_err(io)? {
            Some(members) => Ok(Archive { origin, members, salvaged: Some(unreadable.describe()) }),
            None => Err(fail(InputErrorKind::NotAZip(match unreadable {
                directory::Unreadable::NoEnd => "no zip directory at its end: not a zip file, or one cut short".into(),
                directory::Unreadable::Broken(why) => why,
            }))),
        }
    }

    /// The archive's name, as its origin gives it.
    pub fn name(&self) -> &str {
        self.origin.name()
    }

    /// Where the archive is read from.
    pub fn origin(&self) -> &O {
        &self.origin
    }

    /// What is wrong with the archive as a whole, when it had to be salvaged: the files
    /// found were processed, but the archive is damaged and should be downloaded again.
    pub fn damage(&self) -> Option<InputError> {
        self.salvaged.as_ref().map(|why| {
            InputError::archive(
                self.name(),
                InputErrorKind::ArchiveSalvaged { entries: self.members.len(), why: why.clone() },
            )
        })
    }

    /// Every member's name (control characters escaped), folders included.
    pub fn entry_names(&self) -> impl Iterator<Item = &str> {
        self.members.iter().map(|m| m.name.as_str())
    }

    /// The best entry for each input file (a full file over its `_small` fallback;
    /// the first one in archive order among equals).
    pub fn dataset_entries(&self) -> Vec<Entry> {
        let mut best: Vec<(Entry, MatchQuality)> = Vec::new();
        for (index, member) in self.members.iter().enumerate().filter(|(_, m)| !m.is_dir) {
            let Some((file, quality)) = InputFile::recognise(&member.name) else {
                continue;
            };
            let entry = Entry {
                index,
                path: member.name.clone(),
                file,
                size: member.size,
                compressed_size: member.compressed_size,
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
    pub fn open_entry(&self, entry: &Entry) -> Result<EntryReader<O::Reader>, InputError> {
        let source = format!("{}:{}", self.name(), entry.path);
        let fail = |kind| InputError::new(entry.file, &source, kind);
        let member =
            self.members.get(entry.index).ok_or_else(|| fail(InputErrorKind::NotAZip("no such entry".into())))?;
        let facts = Facts {
            encrypted: member.encrypted,
            method: member.method,
            size: member.size,
            compressed_size: member.compressed_size,
        };
        check(&facts).map_err(fail)?;
        if let Some(problem) = &member.problem {
            return Err(fail(problem.kind()));
        }
        let mut reader = self.origin.open().map_err(|e| fail(InputErrorKind::Io(e)))?;
        let start = match member.data {
            DataAt::Start(start) => start,
            DataAt::Header(header) => directory::data_start(&mut reader, header)
                .map_err(|e| fail(InputErrorKind::from_io(e)))?
                .ok_or_else(|| fail(InputErrorKind::CorruptEntry("its local header is missing")))?,
        };
        reader.seek(SeekFrom::Start(start)).map_err(|e| fail(InputErrorKind::Io(e)))?;
        let cut_short = (member.present < member.compressed_size).then_some(member.compressed_size);
        Ok(EntryReader::new(reader, member.method == 8, member.present, member.crc32, member.size, cut_short))
    }
}

impl<O: std::fmt::Debug> std::fmt::Debug for Archive<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Archive").field("origin", &self.origin).field("members", &self.members.len()).finish()
    }
}

/// Control characters of an entry name shown escaped, so a hostile name cannot move
/// the cursor or recolour the terminal it is printed on.
fn printable(name: &str) -> String {
    if name.chars().any(char::is_control) {
        name.chars().map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() }).collect()
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
mod tests;
