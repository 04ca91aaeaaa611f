//! From what the user gave (zips, folders, CSV files, gzip-compressed CSV files) to one
//! source per dataset file: the one resolver of the command and the browser.
//!
//! The caller turns each input the user named into a [`Given`]: a file, or a folder it
//! walked (the file system and the browser's dropped folders are the caller's), each
//! file behind an [`Origin`]. [`resolve`] then:
//! - tells what each file is, by name and, for the files the user named, by their first
//!   bytes ([`Content`]): a zip is opened (its directory parsed once, and kept), a gzip
//!   stream is read through, a CSV file whose name says nothing is recognised by its
//!   header, anything else is named for what it is;
//! - when several zips hold a `movies_metadata.csv`, takes them for snapshots of the
//!   dataset: the newest (by the date in its name, else the last given) is loaded and
//!   the movies of the older ones are set aside for comparison;
//! - picks one source per dataset file (the full file over its `_small` fallback, the
//!   first found among equals);
//! - and says what each named input that yields nothing is ([`Unused`]), so that no
//!   input the user named is passed over in silence.

mod choose;
mod describe;

use std::fmt;
use std::io::{self, Read, Seek, SeekFrom};
use std::sync::Arc;

use crate::archive::{Archive, Entry, EntryReader};
use crate::error::{InputError, InputErrorKind};
use crate::input::{date_in_name, InputFile, MatchQuality};
use crate::origin::{head, Origin};
use crate::sniff::{Content, HEAD_BYTES};
use choose::{Candidate, Chooser};
pub use describe::{Unused, UnusedReason};

/// One input the user named.
#[derive(Debug, Clone)]
pub struct Given<O> {
    /// As the user named it (a path, a dropped file's or folder's name).
    pub name: String,
    /// A file or a folder.
    pub kind: GivenKind<O>,
}

/// What a named input is.
#[derive(Debug, Clone)]
pub enum GivenKind<O> {
    /// A file: a zip, a CSV file, a gzip-compressed CSV file (or something else, which
    /// is then named for what it is).
    File(O),
    /// A folder, walked by the caller to any depth: every file found in it.
    Folder {
        /// The files, in the order they are to be considered.
        files: Vec<O>,
        /// What the walk saw.
        walk: Walk,
    },
}

/// What a folder walk saw, for the message when the folder yields nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Walk {
    /// Files found.
    pub files: u64,
    /// Folders entered (the named one excluded).
    pub folders: u64,
    /// Deepest level a file was found at (1: directly in the named folder).
    pub deepest: usize,
    /// Links to folders already visited (a loop), not entered again.
    pub loops: u64,
    /// Places that could not be read (permissions), the first few.
    pub unreadable: Vec<String>,
}

/// Where a source's bytes are.
#[derive(Debug)]
enum Location<O> {
    /// A file of its own (gzip-compressed or not).
    Plain(O),
    /// An entry of an archive, shared with the other entries read from it.
    Entry {
        /// The archive, its directory parsed once.
        archive: Arc<Archive<O>>,
        /// The entry.
        entry: Entry,
    },
}

impl<O: Clone> Clone for Location<O> {
    fn clone(&self) -> Self {
        match self {
            Location::Plain(origin) => Location::Plain(origin.clone()),
            Location::Entry { archive, entry } => Location::Entry { archive: archive.clone(), entry: entry.clone() },
        }
    }
}

/// A dataset file to process, and where to read it.
#[derive(Debug)]
pub struct Source<O> {
    /// Which input it is.
    pub file: InputFile,
    /// How the user would name it (`the-movies-dataset.zip:movies_metadata.csv`).
    pub name: String,
    /// Its size in bytes, uncompressed (estimated for gzip-compressed files), for
    /// progress.
    pub size: u64,
    location: Location<O>,
}

impl<O: Clone> Clone for Source<O> {
    fn clone(&self) -> Self {
        Source { file: self.file, name: self.name.clone(), size: self.size, location: self.location.clone() }
    }
}

/// The bytes of a source, as stored (a gzip stream is inflated by the pipeline).
pub enum SourceReader<R: Read> {
    /// A file of its own.
    Plain(R),
    /// An archive entry.
    Entry(EntryReader<R>),
}

impl<R: Read> Read for SourceReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            SourceReader::Plain(r) => r.read(buf),
            SourceReader::Entry(r) => r.read(buf),
        }
    }
}

impl<O: Origin> Source<O> {
    /// Opens the source for reading, from its start; each call gives a reader of its own.
    pub fn open(&self) -> Result<SourceReader<O::Reader>, InputError> {
        match &self.location {
            Location::Plain(origin) => {
                origin.open().map(SourceReader::Plain).map_err(|e| InputError::io(self.file, &self.name, e))
            }
            Location::Entry { archive, entry } => archive.open_entry(entry).map(SourceReader::Entry),
        }
    }
}

/// What the user gave, resolved.
#[derive(Debug)]
pub struct Resolved<O> {
    /// One source per dataset file found, in input order.
    pub sources: Vec<Source<O>>,
    /// When several zips each hold a movies_metadata.csv: the movies of each older
    /// snapshot (its name, then the source), oldest first, to compare with the loaded
    /// one.
    pub older_snapshots: Vec<(String, Source<O>)>,
    /// The name of the loaded snapshot, when there are several.
    pub newest_snapshot: Option<String>,
    /// Remarks for the user (fallbacks used, files recognised by their header, files
    /// inside folders left aside).
    pub notes: Vec<String>,
    /// Named inputs that yield nothing, and why.
    pub unused: Vec<Unused>,
    /// Archives that are damaged (their complete files are still read).
    pub damage: Vec<InputError>,
}

/// What one named input turned out to hold.
enum Found<O> {
    /// Candidates for the chooser; whether they are the entries of a zip (which may be
    /// a snapshot of the dataset).
    Files { candidates: Vec<Candidate<Location<O>>>, zipped: bool },
    /// Nothing usable, and why.
    Nothing(UnusedReason),
}

/// Resolves what the user gave into sources. Fails only when nothing at all can be
/// used; the message then says what each input held.
pub fn resolve<O: Origin + Clone>(given: Vec<Given<O>>) -> Result<Resolved<O>, InputError> {
    let mut damage = Vec::new();
    let mut notes = Vec::new();
    let mut found: Vec<Found<O>> = Vec::with_capacity(given.len());
    for (index, input) in given.iter().enumerate() {
        found.push(match &input.kind {
            GivenKind::File(origin) => classify_file(index, origin, &mut damage, &mut notes),
            GivenKind::Folder { files, walk } => classify_folder(index, &input.name, files, walk),
        });
    }
    let (older, newest) = snapshots(&given, &found);
    let mut older_snapshots = Vec::new();
    let mut chooser = Chooser::default();
    let mut unused = Vec::new();
    for (index, found) in found.into_iter().enumerate() {
        match found {
            Found::Files { candidates, .. } if older.contains(&index) => {
                let newest = newest.clone().unwrap_or_default();
                if let Some(movies) = candidates.into_iter().find(|c| c.file == InputFile::MoviesMetadata) {
                    older_snapshots.push((index, given[index].name.clone(), source_of(movies)));
                }
                unused.push(Unused { name: given[index].name.clone(), reason: UnusedReason::OlderSnapshot { newest } });
            }
            Found::Files { candidates, .. } => candidates.into_iter().for_each(|c| chooser.offer(c)),
            Found::Nothing(reason) => unused.push(Unused { name: given[index].name.clone(), reason }),
        }
    }
    older_snapshots.sort_by_key(|(index, ..)| older.iter().position(|o| o == index));
    let older_snapshots = older_snapshots.into_iter().map(|(_, name, source)| (name, source)).collect();
    for (index, input) in given.iter().enumerate() {
        let left: Vec<&(usize, String, String)> = chooser.left_aside.iter().filter(|(g, ..)| *g == index).collect();
        if !chooser.uses(index) && !left.is_empty() && !older.contains(&index) {
            let by = left.iter().map(|(_, _, by)| by.clone()).collect();
            unused.push(Unused { name: input.name.clone(), reason: UnusedReason::Superseded { by } });
        }
    }
    // Only the files left aside inside a folder or an archive are worth a note: a
    // named input left aside is reported as unused.
    let (chosen, choice_notes) = chooser.finish();
    notes.extend(choice_notes);
    if let Some(newest) = &newest {
        notes.push(format!(
            "{} snapshots: loading {newest}, the newest, and comparing it with the {} older",
            older.len() + 1,
            older.len()
        ));
    }
    if chosen.is_empty() {
        if unused.is_empty() {
            if let Some(damage) = damage.pop() {
                return Err(damage);
            }
        }
        return Err(nothing_found(&given, &unused));
    }
    let sources = chosen.into_iter().map(source_of).collect();
    Ok(Resolved { sources, older_snapshots, newest_snapshot: newest, notes, unused, damage })
}

/// The error when nothing given can be used: what each input held.
fn nothing_found<O>(given: &[Given<O>], unused: &[Unused]) -> InputError {
    match unused {
        [one] => {
            let kind =
                InputErrorKind::NoDatasetFiles { found: vec![one.reason.to_string()], hint: Some(one.reason.hint()) };
            InputError::archive(&one.name, kind)
        }
        _ => {
            let kind =
                InputErrorKind::NoDatasetFiles { found: unused.iter().map(ToString::to_string).collect(), hint: None };
            InputError::archive(&format!("{} inputs", given.len()), kind)
        }
    }
}

fn source_of<O: Origin>(candidate: Candidate<Location<O>>) -> Source<O> {
    let size = match &candidate.source {
        Location::Plain(origin) => plain_size(origin),
        Location::Entry { entry, .. } => entry.size,
    };
    Source { file: candidate.file, name: candidate.path, size, location: candidate.source }
}

/// The uncompressed size of a file: for a gzip stream, what its trailer says. The
/// trailer holds the size modulo 4 GiB: exact for files under 4 MiB compressed
/// (deflate cannot go past 1032 to 1), an estimate past that.
fn plain_size<O: Origin>(origin: &O) -> u64 {
    let size = origin.size();
    let trailer = || -> io::Result<Option<u64>> {
        let mut reader = origin.open()?;
        let mut magic = [0u8; 2];
        if crate::origin::read_up_to(&mut reader, &mut magic)? < 2 || magic != [0x1f, 0x8b] || size < 18 {
            return Ok(None);
        }
        reader.seek(SeekFrom::End(-4))?;
        let mut isize = [0u8; 4];
        reader.read_exact(&mut isize)?;
        Ok(Some(u64::from(u32::from_le_bytes(isize))))
    };
    match trailer() {
        Ok(Some(inflated)) if inflated >= size || size < 4 << 20 => inflated,
        Ok(Some(_)) => size.saturating_mul(4),
        _ => size,
    }
}

/// What a file the user named holds.
fn classify_file<O: Origin + Clone>(
    given: usize,
    origin: &O,
    damage: &mut Vec<InputError>,
    notes: &mut Vec<String>,
) -> Found<O> {
    let name = origin.name();
    let head = match head(origin, HEAD_BYTES) {
        Ok(head) => head,
        Err(e) => return Found::Nothing(UnusedReason::Unreadable(InputError::archive(name, InputErrorKind::Io(e)))),
    };
    let by_name = InputFile::recognise(name);
    let content = Content::of(&head);
    let is_zip_name = name.to_ascii_lowercase().ends_with(".zip");
    // A file named .zip that is text is read as a broken zip (the message says so);
    // one that is recognisably something else is named for what it is.
    if content == Content::Zip || (is_zip_name && by_name.is_none() && content == Content::Text) {
        return classify_archive(given, origin, damage);
    }
    let plain = |file, quality| {
        let candidate =
            Candidate { file, quality, path: name.to_owned(), given, source: Location::Plain(origin.clone()) };
        Found::Files { candidates: vec![candidate], zipped: false }
    };
    if let Some((file, quality)) = by_name {
        // Named as a dataset file: read as one (a content that is not CSV is reported
        // when it is read, with the file's name).
        return plain(file, quality);
    }
    let text_head = match content {
        Content::Text => head,
        Content::Gzip => match inflated_head(origin) {
            Ok(head) if Content::of(&head) == Content::Text => head,
            Ok(head) => return Found::Nothing(UnusedReason::Content(Content::of(&head))),
            Err(e) => {
                return Found::Nothing(UnusedReason::Unreadable(InputError::archive(name, InputErrorKind::from_io(e))))
            }
        },
        other => return Found::Nothing(UnusedReason::Content(other)),
    };
    match InputFile::from_csv_head(&text_head) {
        Some(file) => {
            notes.push(format!("{name}: read as {file} (recognised by its header)"));
            plain(file, MatchQuality::Exact)
        }
        None => Found::Nothing(UnusedReason::NotDataset { header: InputFile::header_of(&text_head) }),
    }
}

/// The first bytes of a gzip-compressed file, inflated.
fn inflated_head<O: Origin>(origin: &O) -> io::Result<Vec<u8>> {
    let mut reader = crate::gzip::GzipReader::new(origin.open()?);
    let mut buf = vec![0u8; HEAD_BYTES];
    let len = crate::origin::read_up_to(&mut reader, &mut buf)?;
    buf.truncate(len);
    Ok(buf)
}

/// The dataset files of a zip the user named.
fn classify_archive<O: Origin + Clone>(given: usize, origin: &O, damage: &mut Vec<InputError>) -> Found<O> {
    let archive = match Archive::open(origin.clone()) {
        Ok(archive) => archive,
        Err(error) => return Found::Nothing(UnusedReason::Unreadable(error)),
    };
    damage.extend(archive.damage());
    if Content::zip_is_workbook(archive.entry_names()) {
        return Found::Nothing(UnusedReason::Content(Content::Workbook));
    }
    let entries = archive.dataset_entries();
    if entries.is_empty() {
        let names = archive.entry_names().take(8).map(str::to_owned).collect();
        return Found::Nothing(UnusedReason::EmptyArchive { names });
    }
    let archive = Arc::new(archive);
    let candidates = entries
        .into_iter()
        .map(|entry| {
            let (file, quality) = InputFile::recognise(&entry.path).unwrap_or((entry.file, MatchQuality::Exact));
            Candidate {
                file,
                quality,
                path: format!("{}:{}", archive.name(), entry.path),
                given,
                source: Location::Entry { archive: archive.clone(), entry },
            }
        })
        .collect();
    Found::Files { candidates, zipped: true }
}

/// The dataset files of a folder: by name only (the folder's other files are counted
/// and the first few named, for the message when none is of the dataset).
fn classify_folder<O: Origin + Clone>(given: usize, folder: &str, files: &[O], walk: &Walk) -> Found<O> {
    let mut candidates = Vec::new();
    let mut others = Vec::new();
    for origin in files {
        match InputFile::recognise(origin.name()) {
            Some((file, quality)) => candidates.push(Candidate {
                file,
                quality,
                path: origin.name().to_owned(),
                given,
                source: Location::Plain(origin.clone()),
            }),
            None if others.len() < 8 => {
                let name = origin.name();
                let inside = name.strip_prefix(folder).map(|rest| rest.trim_start_matches(['/', '\\']));
                others.push(inside.filter(|rest| !rest.is_empty()).unwrap_or(name).to_owned());
            }
            None => {}
        }
    }
    if candidates.is_empty() {
        return Found::Nothing(UnusedReason::EmptyFolder { walk: walk.clone(), names: others });
    }
    Found::Files { candidates, zipped: false }
}

/// When several named zips hold a movies_metadata.csv: the older ones (by the date in
/// their names, else the order given) and the name of the newest.
fn snapshots<O: Origin>(given: &[Given<O>], found: &[Found<O>]) -> (Vec<usize>, Option<String>) {
    let mut holding_movies: Vec<usize> = (0..found.len())
        .filter(|&i| match &found[i] {
            Found::Files { candidates, zipped: true } => candidates.iter().any(|c| c.file == InputFile::MoviesMetadata),
            _ => false,
        })
        .collect();
    holding_movies.sort_by_key(|&i| (date_in_name(&given[i].name), i));
    match holding_movies.split_last() {
        Some((&newest, older)) if !older.is_empty() => (older.to_vec(), Some(given[newest].name.clone())),
        _ => (Vec::new(), None),
    }
}

impl fmt::Display for Walk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        write!(f, "{}", plural(self.files, "file", "files"))?;
        if self.folders > 0 {
            write!(f, " in {} (down to level {})", plural(self.folders + 1, "folder", "folders"), self.deepest)?;
        }
        if self.loops > 0 {
            write!(f, ", {} not followed again", plural(self.loops, "link to a folder", "links to folders"))?;
        }
        if let Some(first) = self.unreadable.first() {
            write!(f, ", {} unreadable (first: {first})", plural(self.unreadable.len() as u64, "place", "places"))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
