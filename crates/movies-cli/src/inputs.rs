//! Resolving the command's INPUT arguments into one source per dataset file.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

use movies_core::archive::{Archive, Entry};
use movies_core::input::MatchQuality;
use movies_core::{InputError, InputErrorKind, InputFile};

/// Where one dataset file is read from.
#[derive(Debug, Clone)]
pub enum Location {
    /// An entry of a zip archive.
    Zip {
        /// The archive.
        archive: PathBuf,
        /// The entry.
        entry: Entry,
    },
    /// A CSV file on disk.
    Csv(PathBuf),
}

/// A dataset file to process.
#[derive(Debug, Clone)]
pub struct Source {
    /// Which input it is.
    pub file: InputFile,
    /// How the user would name it (e.g. `the-movies-dataset.zip:movies_metadata.csv`).
    pub name: String,
    /// Uncompressed size in bytes (for progress).
    pub size: u64,
    /// Where to read it.
    pub location: Location,
    quality: MatchQuality,
}

/// The sources found, and remarks about what was skipped.
#[derive(Debug, Default)]
pub struct Resolved {
    /// One source per dataset file found.
    pub sources: Vec<Source>,
    /// Things the user should know (ignored files, fallbacks used).
    pub notes: Vec<String>,
}

impl Resolved {
    fn offer(&mut self, candidate: Source) {
        match self.sources.iter_mut().find(|s| s.file == candidate.file) {
            Some(current) if candidate.quality > current.quality => {
                self.notes.push(format!(
                    "{}: using {} rather than {}",
                    candidate.file, candidate.name, current.name
                ));
                *current = candidate;
            }
            Some(current) => self.notes.push(format!(
                "{}: ignored, {} is already used",
                candidate.name, current.name
            )),
            None => self.sources.push(candidate),
        }
    }
}

fn is_zip(path: &Path) -> io::Result<bool> {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
    {
        return Ok(true);
    }
    let mut magic = [0u8; 4];
    let n = File::open(path)?.read(&mut magic)?;
    Ok(n == 4 && magic[..2] == *b"PK" && matches!(magic[2..], [3, 4] | [5, 6]))
}

fn not_found(path: &Path, e: io::Error) -> InputError {
    InputError::archive(&path.display().to_string(), InputErrorKind::Io(e))
}

/// Opens a zip file for reading through a large buffer.
pub fn open_archive(path: &Path) -> Result<Archive<BufReader<File>>, InputError> {
    let file = File::open(path).map_err(|e| not_found(path, e))?;
    Archive::open(
        BufReader::with_capacity(1 << 20, file),
        &path.display().to_string(),
    )
}

/// Finds the dataset files in the given zips, folders and CSV files.
pub fn resolve(inputs: &[PathBuf]) -> Result<Resolved, InputError> {
    let mut resolved = Resolved::default();
    let mut seen_names = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|e| not_found(input, e))?;
        if meta.is_dir() {
            scan_folder(input, 0, &mut resolved, &mut seen_names)?;
        } else if is_zip(input).map_err(|e| not_found(input, e))? {
            let archive = open_archive(input)?;
            let entries = archive.dataset_entries();
            if entries.is_empty() {
                seen_names.extend(archive.entry_names());
            }
            for entry in entries {
                let quality =
                    InputFile::recognise(&entry.path).map_or(MatchQuality::Fallback, |(_, q)| q);
                resolved.offer(Source {
                    file: entry.file,
                    name: format!("{}:{}", input.display(), entry.path),
                    size: entry.size,
                    location: Location::Zip {
                        archive: input.clone(),
                        entry,
                    },
                    quality,
                });
            }
        } else {
            offer_csv(input, meta.len(), &mut resolved, &mut seen_names);
        }
    }
    if resolved.sources.is_empty() {
        let source = inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        return Err(InputError::archive(
            &source,
            InputErrorKind::NoDatasetFiles { found: seen_names },
        ));
    }
    resolved.sources.sort_by_key(|s| s.file);
    Ok(resolved)
}

fn offer_csv(path: &Path, size: u64, resolved: &mut Resolved, seen: &mut Vec<String>) {
    let name = path.display().to_string();
    match InputFile::recognise(&name) {
        Some((file, quality)) => resolved.offer(Source {
            file,
            name,
            size,
            location: Location::Csv(path.to_owned()),
            quality,
        }),
        None => {
            resolved
                .notes
                .push(format!("{name}: ignored, not a file of the dataset"));
            seen.push(name);
        }
    }
}

/// Deepest folder nesting searched for CSV files.
const MAX_FOLDER_DEPTH: usize = 8;

fn scan_folder(
    dir: &Path,
    depth: usize,
    resolved: &mut Resolved,
    seen: &mut Vec<String>,
) -> Result<(), InputError> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| not_found(dir, e))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if depth < MAX_FOLDER_DEPTH {
                scan_folder(&path, depth + 1, resolved, seen)?;
            }
        } else if InputFile::recognise(&path.display().to_string()).is_some() {
            let size = path.metadata().map_or(0, |m| m.len());
            offer_csv(&path, size, resolved, seen);
        } else if seen.len() < 20 {
            seen.push(path.display().to_string());
        }
    }
    Ok(())
}

/// Opens the source and hands its byte stream to `f`.
pub fn with_reader<T>(
    source: &Source,
    f: impl FnOnce(&mut dyn Read) -> Result<T, InputError>,
) -> Result<T, InputError> {
    match &source.location {
        Location::Csv(path) => {
            let mut file =
                File::open(path).map_err(|e| InputError::io(source.file, &source.name, e))?;
            f(&mut file)
        }
        Location::Zip { archive, entry } => {
            let mut archive = open_archive(archive)?;
            let mut reader = archive.open_entry(entry)?;
            f(&mut reader)
        }
    }
}
