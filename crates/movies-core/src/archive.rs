//! Finding and opening the dataset's files inside a zip archive.
//!
//! The archive is read through any `Read + Seek` (a file natively, `File.slice` reads in
//! the browser), so nothing is held in memory beyond the entry being inflated. Files
//! are found by base name at any depth; entries are checked before they are opened
//! (encryption, compression method, declared size, compression ratio) and read through
//! a guard that stops an entry inflating past its declared size.
//!
//! An archive whose central directory cannot be read (a download cut short, most
//! often) is *salvaged*: its entries are found by walking their local headers from the
//! start, so the files stored completely before the cut are still processed, the entry
//! the cut falls in is read up to the cut and then reported, and
//! [`Archive::damage`] says what happened to the archive as a whole.

use std::io::{self, Read, Seek, SeekFrom, Take};

use flate2::read::DeflateDecoder;
use flate2::{Decompress, FlushDecompress, Status};
use zip::read::ZipFile;
use zip::{CompressionMethod, ZipArchive};

use crate::error::{InputError, InputErrorKind};
use crate::input::{InputFile, MatchQuality};

/// Largest uncompressed size an entry may declare: room for ten times the full
/// ratings file (26 million rows, 700 MB) and then some, while refusing archives that
/// announce absurd sizes.
pub const MAX_DECLARED_SIZE: u64 = 64 << 30;

/// Largest ratio of uncompressed to compressed size an entry may have (beyond
/// [`RATIO_EXEMPT_SIZE`]). The dataset's CSV files deflate about 3 to 6 to 1; deflate
/// itself cannot go past 1032 to 1, which only runs of one byte reach: a zip bomb.
/// With this limit an entry costs at most 100 times its compressed bytes to read.
pub const MAX_COMPRESSION_RATIO: u64 = 100;

/// Entries up to this uncompressed size are not held to [`MAX_COMPRESSION_RATIO`]:
/// reading 64 MiB costs well under a second, however well it compresses.
pub const RATIO_EXEMPT_SIZE: u64 = 64 << 20;

/// Most entries a salvaged archive is searched for (a zip without zip64 holds at most
/// 65,535; the dataset has 7).
const MAX_SALVAGED_ENTRIES: usize = 65_535;

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

/// A zip archive holding (some of) the dataset's files.
pub struct Archive<R> {
    inner: Inner<R>,
    name: String,
}

enum Inner<R> {
    /// Read through its central directory, as zips normally are.
    Central(ZipArchive<R>),
    /// Read by walking its local headers (the central directory is missing or broken).
    Salvaged(Salvaged<R>),
}

/// What dataset selection needs to know about one entry.
struct Listed {
    index: usize,
    name: String,
    is_dir: bool,
    size: u64,
    compressed_size: u64,
}

/// The facts checked before an entry is opened.
struct Facts {
    encrypted: bool,
    method: u16,
    size: u64,
    compressed_size: u64,
}

impl<R: Read + Seek> Archive<R> {
    /// Reads the archive's directory; `name` is used in messages.
    ///
    /// When the central directory cannot be read but the file starts with a local
    /// header, the archive is salvaged (see the module documentation).
    pub fn open(mut reader: R, name: &str) -> Result<Self, InputError> {
        let fail = |kind| InputError::archive(name, kind);
        let len = reader.seek(SeekFrom::End(0)).map_err(|e| fail(InputErrorKind::Io(e)))?;
        if len == 0 {
            return Err(fail(InputErrorKind::NotAZip("the file is empty (0 bytes)".into())));
        }
        // A first look through a borrow, so that the reader is still there to salvage
        // the archive when its directory is unreadable.
        let error = match ZipArchive::new(&mut reader) {
            Ok(_) => None,
            Err(zip::result::ZipError::Io(e)) if e.kind() != io::ErrorKind::UnexpectedEof => {
                return Err(fail(InputErrorKind::Io(e)))
            }
            Err(e) => Some(e),
        };
        let Some(error) = error else {
            let zip = ZipArchive::new(reader).map_err(|e| fail(InputErrorKind::NotAZip(describe_zip_error(&e))))?;
            return Ok(Archive { inner: Inner::Central(zip), name: name.to_owned() });
        };
        let why = describe_zip_error(&error);
        let damage = match &error {
            zip::result::ZipError::InvalidArchive(text) if text.contains("EOCD") => {
                "its end, with the directory of its files, is missing".to_owned()
            }
            _ => why.clone(),
        };
        match Salvaged::scan(reader, damage) {
            Ok(Some(salvaged)) => Ok(Archive { inner: Inner::Salvaged(salvaged), name: name.to_owned() }),
            Ok(None) => Err(fail(InputErrorKind::NotAZip(why))),
            Err(e) => Err(fail(InputErrorKind::Io(e))),
        }
    }

    /// The archive's name as given to [`open`](Self::open).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What is wrong with the archive as a whole, when it had to be salvaged: the files
    /// found were processed, but the archive is damaged and should be downloaded again.
    pub fn damage(&self) -> Option<InputError> {
        match &self.inner {
            Inner::Central(_) => None,
            Inner::Salvaged(s) => Some(InputError::archive(
                &self.name,
                InputErrorKind::ArchiveSalvaged { entries: s.entries.len(), why: s.why.clone() },
            )),
        }
    }

    /// Every entry name, for messages when nothing was recognised.
    pub fn entry_names(&self) -> Vec<String> {
        self.listing().into_iter().map(|l| l.name).collect()
    }

    fn listing(&self) -> Vec<Listed> {
        match &self.inner {
            Inner::Central(zip) => (0..zip.len())
                .filter_map(|index| {
                    let meta = zip.by_index_data(index).ok()?;
                    let name = printable(&meta.name().ok()?);
                    Some(Listed {
                        index,
                        name,
                        is_dir: meta.is_dir(),
                        size: meta.size(),
                        compressed_size: meta.compressed_size(),
                    })
                })
                .collect(),
            Inner::Salvaged(s) => s
                .entries
                .iter()
                .enumerate()
                .map(|(index, e)| Listed {
                    index,
                    name: e.name.clone(),
                    is_dir: e.name.ends_with('/'),
                    size: e.size,
                    compressed_size: e.compressed_size,
                })
                .collect(),
        }
    }

    /// The best entry for each input file (a full file over its `_small` fallback;
    /// the first one in archive order among equals).
    pub fn dataset_entries(&self) -> Vec<Entry> {
        let mut best: Vec<(Entry, MatchQuality)> = Vec::new();
        for listed in self.listing() {
            if listed.is_dir {
                continue;
            }
            let Some((file, quality)) = InputFile::recognise(&listed.name) else {
                continue;
            };
            let entry = Entry {
                index: listed.index,
                path: listed.name,
                file,
                size: listed.size,
                compressed_size: listed.compressed_size,
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
        let source = format!("{}:{}", self.name, entry.path);
        let fail = |kind| InputError::new(entry.file, &source, kind);
        let (facts, problem) = match &self.inner {
            Inner::Central(zip) => {
                let meta = zip
                    .by_index_data(entry.index)
                    .map_err(|e| fail(InputErrorKind::NotAZip(describe_zip_error(&e))))?;
                let facts = Facts {
                    encrypted: meta.encrypted(),
                    method: method_number(meta.compression()),
                    size: meta.size(),
                    compressed_size: meta.compressed_size(),
                };
                (facts, None)
            }
            Inner::Salvaged(s) => {
                let e =
                    s.entries.get(entry.index).ok_or_else(|| fail(InputErrorKind::NotAZip("no such entry".into())))?;
                let facts = Facts {
                    encrypted: e.flags & 1 != 0,
                    method: e.method,
                    size: e.size,
                    compressed_size: e.compressed_size,
                };
                (facts, e.problem.as_ref().map(SalvageProblem::kind))
            }
        };
        check(&facts).map_err(fail)?;
        if let Some(kind) = problem {
            return Err(fail(kind));
        }
        let declared = facts.size;
        let body = match &mut self.inner {
            Inner::Central(zip) => EntryBody::Central(zip.by_index(entry.index).map_err(|e| match e {
                zip::result::ZipError::Io(e) => fail(InputErrorKind::from_io(e)),
                other => fail(InputErrorKind::NotAZip(describe_zip_error(&other))),
            })?),
            Inner::Salvaged(s) => {
                let e = &s.entries[entry.index];
                let (data_start, present, method) = (e.data_start, e.present, e.method);
                let cut_short = e.present < e.compressed_size;
                let (crc, size) = (e.crc32, e.size);
                s.reader.seek(SeekFrom::Start(data_start)).map_err(|e| fail(InputErrorKind::Io(e)))?;
                let raw = (&mut s.reader).take(present);
                let data = if method == 0 {
                    SalvagedData::Stored(raw)
                } else {
                    SalvagedData::Deflated(DeflateDecoder::new(raw))
                };
                EntryBody::Salvaged(Verified {
                    data,
                    hasher: crc32fast::Hasher::new(),
                    crc,
                    size,
                    read: 0,
                    cut_short: cut_short.then_some((present, e.compressed_size)),
                })
            }
        };
        Ok(SizeGuard { inner: body, remaining: declared, declared })
    }
}

/// Refuses entries that cannot or should not be read.
fn check(facts: &Facts) -> Result<(), InputErrorKind> {
    if facts.encrypted || facts.method == 99 {
        return Err(InputErrorKind::Encrypted);
    }
    if !matches!(facts.method, 0 | 8) {
        return Err(InputErrorKind::UnsupportedCompression(method_name(facts.method)));
    }
    if facts.size > MAX_DECLARED_SIZE {
        return Err(InputErrorKind::DeclaredSizeTooLarge { declared: facts.size, limit: MAX_DECLARED_SIZE });
    }
    if facts.size > RATIO_EXEMPT_SIZE && facts.size / facts.compressed_size.max(1) > MAX_COMPRESSION_RATIO {
        return Err(InputErrorKind::CompressionRatioTooHigh {
            declared: facts.size,
            compressed: facts.compressed_size,
            limit: MAX_COMPRESSION_RATIO,
        });
    }
    Ok(())
}

/// The number of a compression method, as stored in the archive.
fn method_number(method: CompressionMethod) -> u16 {
    #[allow(deprecated)]
    method.to_u16()
}

/// A readable name of a compression method, with its number.
fn method_name(method: u16) -> String {
    let name = match method {
        0 => "stored",
        8 => "deflate",
        1 => "Shrink",
        2..=5 => "Reduce",
        6 | 10 => "Implode",
        9 => "Deflate64",
        12 => "bzip2",
        14 => "LZMA",
        20 | 93 => "Zstandard",
        94 => "MP3",
        95 => "XZ",
        96 => "JPEG",
        97 => "WavPack",
        98 => "PPMd",
        99 => "AES encryption",
        _ => "an unknown method",
    };
    format!("{name} (method {method})")
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

fn describe_zip_error(e: &zip::result::ZipError) -> String {
    match e {
        zip::result::ZipError::InvalidArchive(why) if why.contains("EOCD") => {
            "no zip directory at its end: not a zip file, or one cut short".into()
        }
        zip::result::ZipError::InvalidArchive(why) => why.to_string(),
        zip::result::ZipError::UnsupportedArchive(why) => why.to_string(),
        zip::result::ZipError::Io(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
            "the archive ends too early (truncated download?)".into()
        }
        other => other.to_string(),
    }
}

/// The byte stream of an opened entry.
enum EntryBody<'a, R: Read> {
    Central(ZipFile<'a, R>),
    Salvaged(Verified<'a, R>),
}

impl<R: Read> Read for EntryBody<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            EntryBody::Central(file) => file.read(buf).map_err(explain_zip_read_error),
            EntryBody::Salvaged(data) => data.read(buf),
        }
    }
}

/// Gives the read errors of the zip crate a meaning the user can act on.
fn explain_zip_read_error(e: io::Error) -> io::Error {
    if !matches!(e.kind(), io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput) {
        return e;
    }
    let text = e.to_string();
    let what = if text.contains("checksum") {
        "its data does not match its checksum"
    } else if text.contains("corrupt deflate stream") || text.contains("invalid") {
        "its compressed data is invalid"
    } else {
        return e;
    };
    InputErrorKind::CorruptEntry(what).into_io()
}

/// The data of a salvaged entry: the compressed bytes present in the file.
enum SalvagedData<'a, R: Read> {
    Stored(Take<&'a mut R>),
    Deflated(DeflateDecoder<Take<&'a mut R>>),
}

/// Reads a salvaged entry and checks, at its end, its size and checksum (and reports
/// an entry the archive ends in as cut short).
struct Verified<'a, R: Read> {
    data: SalvagedData<'a, R>,
    hasher: crc32fast::Hasher,
    crc: u32,
    size: u64,
    read: u64,
    /// `(bytes present, compressed size)` when the archive ends inside the entry.
    cut_short: Option<(u64, u64)>,
}

impl<R: Read> Read for Verified<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let result = match &mut self.data {
            SalvagedData::Stored(r) => r.read(buf),
            SalvagedData::Deflated(r) => r.read(buf),
        };
        let cut = |(present, compressed)| InputErrorKind::EntryTruncated { present, compressed }.into_io();
        let n = match result {
            Ok(n) => n,
            Err(e) => {
                return Err(match self.cut_short {
                    Some(cut_short) => cut(cut_short),
                    None => explain_zip_read_error(e),
                })
            }
        };
        if n == 0 && !buf.is_empty() {
            if let Some(cut_short) = self.cut_short {
                return Err(cut(cut_short));
            }
            if self.read != self.size {
                return Err(InputErrorKind::CorruptEntry("its data is shorter than its declared size").into_io());
            }
            if self.hasher.clone().finalize() != self.crc {
                return Err(InputErrorKind::CorruptEntry("its data does not match its checksum").into_io());
            }
        }
        self.hasher.update(&buf[..n]);
        self.read += n as u64;
        Ok(n)
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
        let n = match self.inner.read(buf) {
            Ok(n) => n,
            Err(e) if e.to_string().contains("larger than its declared") => {
                return Err(InputErrorKind::InflatesBeyondDeclaredSize(self.declared).into_io())
            }
            Err(e) => return Err(e),
        };
        if n as u64 > self.remaining {
            return Err(InputErrorKind::InflatesBeyondDeclaredSize(self.declared).into_io());
        }
        self.remaining -= n as u64;
        Ok(n)
    }
}

// ---------------------------------------------------------------------------------------
// Salvage: entries found by their local headers
// ---------------------------------------------------------------------------------------

/// An archive read by its local headers.
struct Salvaged<R> {
    reader: R,
    entries: Vec<LocalEntry>,
    /// Why the central directory could not be used.
    why: String,
}

/// One entry found by its local header.
struct LocalEntry {
    name: String,
    flags: u16,
    method: u16,
    crc32: u32,
    compressed_size: u64,
    size: u64,
    data_start: u64,
    /// Compressed bytes present in the file (less than `compressed_size` when the
    /// archive ends inside the entry).
    present: u64,
    /// Why the entry cannot be opened, found while walking past it.
    problem: Option<SalvageProblem>,
}

/// A problem found with an entry while the archive was walked.
enum SalvageProblem {
    /// Its deflate stream is broken or ends with the file (size unknown).
    Unreadable(&'static str),
    /// It inflates past the ratio limit.
    Ratio { inflated: u64, compressed: u64 },
}

impl SalvageProblem {
    fn kind(&self) -> InputErrorKind {
        match self {
            SalvageProblem::Unreadable(why) => InputErrorKind::CorruptEntry(why),
            SalvageProblem::Ratio { inflated, compressed } => InputErrorKind::CompressionRatioTooHigh {
                declared: *inflated,
                compressed: *compressed,
                limit: MAX_COMPRESSION_RATIO,
            },
        }
    }
}

/// What the salvage walk has inflated so far, and from how many bytes.
#[derive(Default)]
struct Walked {
    inflated: u64,
    compressed: u64,
}

const LOCAL_HEADER: u32 = 0x0403_4b50;
const DATA_DESCRIPTOR: u32 = 0x0807_4b50;

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(bytes)
}

/// Reads up to `buf.len()` bytes; returns how many (fewer only at the end of the file).
fn read_up_to(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
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

impl<R: Read + Seek> Salvaged<R> {
    /// Walks the local headers from the start of the file. `None` when the file does
    /// not start with one (it is not a zip archive at all).
    fn scan(mut reader: R, why: String) -> io::Result<Option<Self>> {
        let len = reader.seek(SeekFrom::End(0))?;
        let mut entries = Vec::new();
        let mut pos = 0u64;
        // Bytes read and inflated so far to find where entries end: the ratio limit
        // holds for the walk as a whole, so that many small bombs cannot add up.
        let mut walked = Walked::default();
        while entries.len() < MAX_SALVAGED_ENTRIES {
            let Some(mut entry) = Self::local_header(&mut reader, pos, len)? else {
                break;
            };
            let data_end = if entry.flags & 8 != 0 {
                match Self::delimit(&mut reader, &mut entry, len, &mut walked)? {
                    Some(end) => end,
                    None => {
                        entries.push(entry);
                        break;
                    }
                }
            } else {
                entry.data_start.saturating_add(entry.compressed_size)
            };
            entry.present = data_end.min(len).saturating_sub(entry.data_start);
            let cut = data_end > len;
            entries.push(entry);
            if cut {
                break;
            }
            pos = data_end;
        }
        if entries.is_empty() {
            return Ok(None);
        }
        Ok(Some(Salvaged { reader, entries, why }))
    }

    /// Parses the local header at `pos`; `None` at anything else (the central
    /// directory, garbage or the end of the file).
    fn local_header(reader: &mut R, pos: u64, len: u64) -> io::Result<Option<LocalEntry>> {
        let mut fixed = [0u8; 30];
        reader.seek(SeekFrom::Start(pos))?;
        if read_up_to(reader, &mut fixed)? < 30 || u32_at(&fixed, 0) != LOCAL_HEADER {
            return Ok(None);
        }
        let name_len = usize::from(u16_at(&fixed, 26));
        let extra_len = usize::from(u16_at(&fixed, 28));
        let mut variable = vec![0u8; name_len + extra_len];
        if read_up_to(reader, &mut variable)? < variable.len() {
            return Ok(None);
        }
        let (name, extra) = variable.split_at(name_len);
        let mut compressed_size = u64::from(u32_at(&fixed, 18));
        let mut size = u64::from(u32_at(&fixed, 22));
        if compressed_size == 0xFFFF_FFFF || size == 0xFFFF_FFFF {
            (size, compressed_size) = zip64_sizes(extra, size, compressed_size);
        }
        let data_start = pos + 30 + (name_len + extra_len) as u64;
        Ok(Some(LocalEntry {
            name: printable(&String::from_utf8_lossy(name)),
            flags: u16_at(&fixed, 6),
            method: u16_at(&fixed, 8),
            crc32: u32_at(&fixed, 14),
            compressed_size,
            size,
            data_start,
            present: len.saturating_sub(data_start).min(compressed_size),
            problem: None,
        }))
    }

    /// Finds where the data of an entry with a data descriptor (sizes not in its local
    /// header) ends, by inflating it, and reads the descriptor. Returns the position
    /// after the descriptor, or `None` when the walk cannot go past this entry.
    fn delimit(reader: &mut R, entry: &mut LocalEntry, len: u64, walked: &mut Walked) -> io::Result<Option<u64>> {
        if entry.method != 8 || entry.flags & 1 != 0 {
            // A stored or encrypted entry does not tell where it ends.
            entry.present = 0;
            entry.problem =
                Some(SalvageProblem::Unreadable("its size is only written after its data, where the damage is"));
            return Ok(None);
        }
        reader.seek(SeekFrom::Start(entry.data_start))?;
        let mut inflater = Decompress::new(false);
        let mut input = vec![0u8; 64 * 1024];
        let mut output = vec![0u8; 256 * 1024];
        let (mut start, mut end) = (0, 0);
        loop {
            if start == end {
                start = 0;
                end = read_up_to(reader, &mut input)?;
                if end == 0 {
                    // The file ends inside the deflate stream: cut short.
                    entry.compressed_size = u64::MAX;
                    entry.size = inflater.total_out();
                    entry.present = inflater.total_in();
                    return Ok(Some(u64::MAX));
                }
            }
            let (before_in, before_out) = (inflater.total_in(), inflater.total_out());
            let status = inflater.decompress(&input[start..end], &mut output, FlushDecompress::None);
            start += (inflater.total_in() - before_in) as usize;
            let (inflated, compressed) = (inflater.total_out(), inflater.total_in());
            let (all_inflated, all_compressed) = (walked.inflated + inflated, walked.compressed + compressed);
            if all_inflated > RATIO_EXEMPT_SIZE && all_inflated / all_compressed.max(1) > MAX_COMPRESSION_RATIO {
                entry.problem = Some(SalvageProblem::Ratio { inflated, compressed });
                return Ok(None);
            }
            match status {
                Ok(Status::StreamEnd) => break,
                Ok(_) if inflater.total_in() > before_in || inflater.total_out() > before_out => {}
                // No progress on the input it was given: a stream zlib cannot go on with.
                Ok(_) | Err(_) => {
                    entry.problem = Some(SalvageProblem::Unreadable("its compressed data is invalid"));
                    return Ok(None);
                }
            }
        }
        walked.inflated += inflater.total_out();
        walked.compressed += inflater.total_in();
        entry.compressed_size = inflater.total_in();
        entry.size = inflater.total_out();
        let data_end = entry.data_start + entry.compressed_size;
        // The descriptor: optional signature, CRC-32, then sizes of 4 or 8 bytes each,
        // told apart by which matches the data just inflated and is followed by the next
        // header (or the end of the file).
        let mut descriptor = [0u8; 28];
        reader.seek(SeekFrom::Start(data_end))?;
        let got = read_up_to(reader, &mut descriptor)?;
        let skip = if got >= 4 && u32_at(&descriptor, 0) == DATA_DESCRIPTOR { 4 } else { 0 };
        if got < skip + 12 {
            entry.compressed_size = u64::MAX;
            entry.present = len.saturating_sub(entry.data_start);
            return Ok(Some(u64::MAX));
        }
        entry.crc32 = u32_at(&descriptor, skip);
        let compressed = entry.compressed_size;
        let zip32 = u64::from(u32_at(&descriptor, skip + 4)) == compressed;
        let zip64 = got >= skip + 20 && u64_at(&descriptor, skip + 4) == compressed;
        let then_header = |at: usize| got <= at || descriptor[at..got.min(at + 2)] == *b"PK";
        let length = match (zip32, zip64) {
            (true, true) if !then_header(skip + 12) => skip + 20,
            (true, _) => skip + 12,
            (false, true) => skip + 20,
            (false, false) => {
                entry.problem = Some(SalvageProblem::Unreadable("its data descriptor does not match its data"));
                skip + 12
            }
        };
        Ok(Some(data_end + length as u64))
    }
}

/// The sizes in a zip64 extra field of a local header (uncompressed, then compressed).
fn zip64_sizes(extra: &[u8], size: u64, compressed_size: u64) -> (u64, u64) {
    let mut at = 0;
    while at + 4 <= extra.len() {
        let id = u16_at(extra, at);
        let field_len = usize::from(u16_at(extra, at + 2));
        let body = &extra[at + 4..(at + 4 + field_len).min(extra.len())];
        if id == 1 {
            return match body.len() {
                16.. => (u64_at(body, 0), u64_at(body, 8)),
                8 if size == 0xFFFF_FFFF => (u64_at(body, 0), compressed_size),
                8 => (size, u64_at(body, 0)),
                _ => (size, compressed_size),
            };
        }
        at += 4 + field_len;
    }
    (size, compressed_size)
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use zip::write::SimpleFileOptions;
    use zip::ZipWriter;

    use super::*;

    const MOVIES: &[u8] = b"id,title\n1,Toy Story\n2,Jumanji\n";

    fn links() -> Vec<u8> {
        let mut text = String::from("movieId,imdbId,tmdbId\n");
        for i in 0..5000 {
            text.push_str(&format!("{i},{},{}\n", i * 7919 % 100_003, i * 31));
        }
        text.into_bytes()
    }

    /// An archive of movies_metadata.csv then links.csv, written as a file or a stream.
    fn archive(stream: bool) -> Vec<u8> {
        let files = [("data/movies_metadata.csv", MOVIES.to_vec()), ("data/links.csv", links())];
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        if stream {
            let mut zip = ZipWriter::new_stream(Vec::new());
            for (name, data) in &files {
                zip.start_file(*name, options).unwrap();
                zip.write_all(data).unwrap();
            }
            zip.finish().unwrap().into_inner()
        } else {
            let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
            for (name, data) in &files {
                zip.start_file(*name, options).unwrap();
                zip.write_all(data).unwrap();
            }
            zip.finish().unwrap().into_inner()
        }
    }

    /// Reads an entry to its end: its bytes, or the kind of error that stopped it.
    fn read(archive: &mut Archive<Cursor<&[u8]>>, entry: &Entry) -> Result<Vec<u8>, InputErrorKind> {
        let mut reader = archive.open_entry(entry).map_err(|e| e.kind)?;
        let mut out = Vec::new();
        reader.read_to_end(&mut out).map_err(InputErrorKind::from_io)?;
        Ok(out)
    }

    /// Where the data of links.csv ends (the central directory follows).
    fn central_directory_start(zip: &[u8]) -> usize {
        let eocd = &zip[zip.len() - 22..];
        u32::from_le_bytes([eocd[16], eocd[17], eocd[18], eocd[19]]) as usize
    }

    #[test]
    fn a_truncated_archive_is_salvaged_and_its_cut_entry_reported() {
        for stream in [false, true] {
            let zip = archive(stream);
            let cut = &zip[..central_directory_start(&zip) - 3000];
            let mut archive = Archive::open(Cursor::new(cut), "cut.zip").unwrap();
            let damage = archive.damage().expect("reported as damaged").to_string();
            assert!(damage.starts_with("cut.zip: the archive is damaged"), "{damage}");
            let entries = archive.dataset_entries();
            assert_eq!(entries.len(), 2, "stream {stream}");
            assert_eq!(read(&mut archive, &entries[0]).unwrap(), MOVIES, "stream {stream}");
            let links = entries.iter().find(|e| e.file == InputFile::Links).unwrap();
            let err = read(&mut archive, links).unwrap_err();
            assert!(matches!(err, InputErrorKind::EntryTruncated { .. }), "stream {stream}: {err}");
        }
    }

    #[test]
    fn an_archive_missing_only_its_directory_reads_whole() {
        for stream in [false, true] {
            let zip = archive(stream);
            let mut archive = Archive::open(Cursor::new(&zip[..central_directory_start(&zip)]), "a.zip").unwrap();
            assert!(archive.damage().is_some());
            let entries = archive.dataset_entries();
            let entry = entries.iter().find(|e| e.file == InputFile::Links).unwrap();
            assert_eq!(read(&mut archive, entry).unwrap(), links(), "stream {stream}");
        }
    }

    #[test]
    fn a_whole_archive_is_not_salvaged() {
        let zip = archive(true);
        let mut archive = Archive::open(Cursor::new(&zip[..]), "a.zip").unwrap();
        assert!(archive.damage().is_none());
        let entries = archive.dataset_entries();
        assert_eq!(read(&mut archive, &entries[1]).unwrap(), links());
    }

    #[test]
    fn empty_and_foreign_files_are_named_as_such() {
        let err = Archive::open(Cursor::new(&b""[..]), "e.zip").err().unwrap();
        assert_eq!(
            err.to_string().split(" — ").next(),
            Some("e.zip: not a readable zip archive: the file is empty (0 bytes)")
        );
        let err = Archive::open(Cursor::new(&b"<html>not found</html>"[..]), "p.zip").err().unwrap();
        assert!(err.to_string().contains("no zip directory at its end: not a zip file, or one cut short"), "{err}");
    }

    #[test]
    fn entries_are_checked_before_they_are_read() {
        let facts = |method, size, compressed_size| Facts { encrypted: false, method, size, compressed_size };
        assert!(check(&facts(8, 900 << 20, 200 << 20)).is_ok());
        assert!(check(&facts(8, RATIO_EXEMPT_SIZE, 1)).is_ok(), "small entries may compress well");
        let bomb = check(&facts(8, 10 << 30, 10 << 20)).unwrap_err().to_string();
        assert_eq!(bomb, "the entry inflates to 10.0 GiB from 10.0 MiB compressed, more than the limit of 100 times its compressed size");
        let absurd = check(&facts(8, 1 << 62, 1 << 40)).unwrap_err().to_string();
        assert!(absurd.contains("over the 64 GiB limit"), "{absurd}");
        for (method, name) in [(12, "bzip2 (method 12)"), (14, "LZMA (method 14)"), (93, "Zstandard (method 93)")] {
            let err = check(&facts(method, 10, 10)).unwrap_err().to_string();
            assert!(err.contains(name), "{err}");
        }
        let encrypted = Facts { encrypted: true, ..facts(8, 10, 10) };
        assert!(matches!(check(&encrypted), Err(InputErrorKind::Encrypted)));
        assert!(matches!(check(&facts(99, 10, 10)), Err(InputErrorKind::Encrypted)));
    }

    /// A raw deflate stream of `mib` MiB of zeros, made by repeating one fully flushed
    /// compressed MiB (so that debug builds make it fast).
    fn zeros_deflated(mib: usize) -> Vec<u8> {
        use flate2::{Compress, Compression, FlushCompress};
        let mut compress = Compress::new(Compression::fast(), false);
        let mut chunk = Vec::with_capacity(64 * 1024);
        compress.compress_vec(&vec![0u8; 1 << 20], &mut chunk, FlushCompress::Full).unwrap();
        let mut end = Vec::with_capacity(64);
        compress.compress_vec(&[], &mut end, FlushCompress::Finish).unwrap();
        let mut out = chunk.repeat(mib);
        out.extend_from_slice(&end);
        out
    }

    /// A local header with a data descriptor (sizes after the data), as streamed
    /// archives have them, followed by `data` and the descriptor.
    fn streamed_entry(name: &str, data: &[u8], size: u64) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&LOCAL_HEADER.to_le_bytes());
        out.extend_from_slice(&[20, 0, 8, 0, 8, 0, 0, 0, 0x21, 0]); // version, flags, method, time, date
        out.extend_from_slice(&[0; 12]); // CRC-32 and sizes: in the descriptor
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        out.extend_from_slice(&DATA_DESCRIPTOR.to_le_bytes());
        out.extend_from_slice(&0u32.to_le_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&(size as u32).to_le_bytes());
        out
    }

    #[test]
    fn small_bombs_in_a_salvaged_archive_do_not_add_up() {
        // Each entry alone inflates under the ratio exemption; together they go over it.
        let bomb = zeros_deflated(30);
        let mut zip = Vec::new();
        for name in ["a.bin", "b.bin", "ratings.csv"] {
            zip.extend(streamed_entry(name, &bomb, 30 << 20));
        }
        let mut archive = Archive::open(Cursor::new(&zip[..]), "z.zip").unwrap();
        let entries = archive.dataset_entries();
        assert_eq!(entries.len(), 1);
        let err = read(&mut archive, &entries[0]).unwrap_err();
        assert!(matches!(err, InputErrorKind::CompressionRatioTooHigh { .. }), "{err}");
    }

    #[test]
    fn control_characters_in_entry_names_are_escaped() {
        assert_eq!(printable("a\u{1b}[2J/ratings.csv"), "a\\u{1b}[2J/ratings.csv");
        assert_eq!(printable("données/ratings.csv"), "données/ratings.csv");
    }
}
