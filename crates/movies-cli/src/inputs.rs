//! Resolving the command's INPUT arguments into one source per dataset file.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

use movies_core::archive::{Archive, Entry};
use movies_core::input::SourceChooser;
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
}

/// The sources found, and remarks about what was skipped.
#[derive(Debug, Default)]
pub struct Resolved {
    /// One source per dataset file found, in input order.
    pub sources: Vec<Source>,
    /// Things the user should know (ignored files, fallbacks used).
    pub notes: Vec<String>,
    /// Damaged archives whose readable files are processed, but which make the run
    /// incomplete (a truncated download, say).
    pub damage: Vec<InputError>,
}

fn is_zip(path: &Path) -> io::Result<bool> {
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip")) {
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
    Archive::open(BufReader::with_capacity(1 << 20, file), &path.display().to_string())
}

/// Finds the dataset files in the given zips, folders and CSV files.
pub fn resolve(inputs: &[PathBuf]) -> Result<Resolved, InputError> {
    let mut chooser: SourceChooser<(u64, Location)> = SourceChooser::default();
    let mut seen_names = Vec::new();
    let mut damage = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|e| not_found(input, e))?;
        if meta.is_dir() {
            scan_folder(input, 0, &mut chooser, &mut seen_names)?;
        } else if is_zip(input).map_err(|e| not_found(input, e))? {
            let archive = open_archive(input)?;
            damage.extend(archive.damage());
            let entries = archive.dataset_entries();
            if entries.is_empty() {
                seen_names.extend(archive.entry_names());
            }
            for entry in entries {
                let name = format!("{}:{}", input.display(), entry.path);
                chooser.offer(&name, (entry.size, Location::Zip { archive: input.clone(), entry }));
            }
        } else {
            offer_csv(input, meta.len(), &mut chooser, &mut seen_names);
        }
    }
    if chooser.is_empty() {
        if let Some(damage) = damage.pop() {
            return Err(damage);
        }
        let source = inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
        return Err(InputError::archive(&source, InputErrorKind::NoDatasetFiles { found: seen_names }));
    }
    let (chosen, notes) = chooser.finish();
    let sources =
        chosen.into_iter().map(|(file, name, (size, location))| Source { file, name, size, location }).collect();
    Ok(Resolved { sources, notes, damage })
}

fn offer_csv(path: &Path, size: u64, chooser: &mut SourceChooser<(u64, Location)>, seen: &mut Vec<String>) {
    let name = path.display().to_string();
    if !chooser.offer(&name, (size, Location::Csv(path.to_owned()))) {
        chooser.note(format!("{name}: ignored, not a file of the dataset"));
        seen.push(name);
    }
}

/// Deepest folder nesting searched for CSV files.
const MAX_FOLDER_DEPTH: usize = 8;

fn scan_folder(
    dir: &Path,
    depth: usize,
    chooser: &mut SourceChooser<(u64, Location)>,
    seen: &mut Vec<String>,
) -> Result<(), InputError> {
    let mut entries: Vec<_> =
        std::fs::read_dir(dir).map_err(|e| not_found(dir, e))?.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if depth < MAX_FOLDER_DEPTH {
                scan_folder(&path, depth + 1, chooser, seen)?;
            }
        } else if InputFile::recognise(&path.display().to_string()).is_some() {
            let size = path.metadata().map_or(0, |m| m.len());
            offer_csv(&path, size, chooser, seen);
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
            let mut file = File::open(path).map_err(|e| InputError::io(source.file, &source.name, e))?;
            f(&mut file)
        }
        Location::Zip { archive, entry } => {
            let mut archive = open_archive(archive)?;
            let mut reader = archive.open_entry(entry)?;
            f(&mut reader)
        }
    }
}
