//! Finding the dataset files among what the user dropped: zips and CSV files.

use std::io::Read;

use movies_core::archive::{Archive, Entry};
use movies_core::input::{date_in_name, SourceChooser};
use movies_core::{InputError, InputErrorKind, InputFile};
use web_sys::File;

use crate::blob_reader::BlobReader;

/// Where one dataset file is read from.
#[derive(Debug, Clone)]
pub enum Location {
    /// An entry of a dropped zip.
    Zip {
        /// Index of the zip among the dropped files.
        blob: usize,
        /// The entry.
        entry: Entry,
    },
    /// A dropped CSV file.
    Csv {
        /// Its index among the dropped files.
        blob: usize,
    },
}

/// A dataset file to process.
#[derive(Debug, Clone)]
pub struct Source {
    /// Which input.
    pub file: InputFile,
    /// How the user would name it.
    pub name: String,
    /// Uncompressed size.
    pub size: u64,
    /// Where to read it.
    pub location: Location,
}

fn looks_like_zip(file: &File) -> bool {
    let name = file.name().to_ascii_lowercase();
    if name.ends_with(".zip") {
        return true;
    }
    let mut magic = [0u8; 4];
    let read = BlobReader::new(file.clone().into()).and_then(|mut r| r.read(&mut magic));
    matches!(read, Ok(4)) && magic[..2] == *b"PK" && matches!(magic[2..], [3, 4] | [5, 6])
}

/// What a load found among the user's files.
pub struct Resolved {
    /// One source per dataset file of the dataset to load.
    pub sources: Vec<Source>,
    /// Remarks for the user (files ignored, fallbacks used).
    pub notes: Vec<String>,
    /// When several zips each hold a movies_metadata.csv, they are snapshots of the
    /// dataset: the newest (by the date in its name, else the last given) is loaded, and
    /// the movies_metadata.csv of each older one is listed here, oldest first, to be
    /// compared with it.
    pub older_snapshots: Vec<(String, Source)>,
    /// The name of the loaded snapshot, when there are several.
    pub newest_snapshot: Option<String>,
    /// Archives that are damaged (their complete files are still read).
    pub damage: Vec<InputError>,
}

/// A dropped zip and the dataset files it holds.
struct OpenedZip {
    blob: usize,
    name: String,
    entries: Vec<Entry>,
}

impl OpenedZip {
    fn movies(&self) -> Option<&Entry> {
        self.entries.iter().find(|e| e.file == InputFile::MoviesMetadata)
    }
}

/// Finds one source per dataset file (and older snapshots); says what was left aside.
pub fn resolve(files: &[File]) -> Result<Resolved, InputError> {
    let mut zips = Vec::new();
    let mut loose = Vec::new();
    let mut seen = Vec::new();
    let mut damage = Vec::new();
    for (blob, file) in files.iter().enumerate() {
        let name = file.name();
        if looks_like_zip(file) {
            let reader =
                BlobReader::new(file.clone().into()).map_err(|e| InputError::archive(&name, InputErrorKind::Io(e)))?;
            let archive = Archive::open(reader, &name)?;
            damage.extend(archive.damage());
            let entries = archive.dataset_entries();
            if entries.is_empty() {
                seen.extend(archive.entry_names().into_iter().take(8));
            }
            zips.push(OpenedZip { blob, name, entries });
        } else {
            loose.push((blob, name, file.size() as u64));
        }
    }
    let mut snapshots: Vec<usize> = (0..zips.len()).filter(|&i| zips[i].movies().is_some()).collect();
    snapshots.sort_by_key(|&i| (date_in_name(&zips[i].name), i));
    let (older, newest) = match snapshots.split_last() {
        Some((newest, older)) if !older.is_empty() => (older.to_vec(), Some(zips[*newest].name.clone())),
        _ => (Vec::new(), None),
    };
    let older_snapshots = older
        .iter()
        .filter_map(|&i| {
            let zip = &zips[i];
            let entry = zip.movies()?.clone();
            let source = Source {
                file: InputFile::MoviesMetadata,
                name: format!("{}:{}", zip.name, entry.path),
                size: entry.size,
                location: Location::Zip { blob: zip.blob, entry },
            };
            Some((zip.name.clone(), source))
        })
        .collect();

    let mut chooser: SourceChooser<(u64, Location)> = SourceChooser::default();
    for zip in zips.iter().enumerate().filter(|(i, _)| !older.contains(i)).map(|(_, z)| z) {
        for entry in &zip.entries {
            let path = format!("{}:{}", zip.name, entry.path);
            chooser.offer(&path, (entry.size, Location::Zip { blob: zip.blob, entry: entry.clone() }));
        }
    }
    for (blob, name, size) in loose {
        if !chooser.offer(&name, (size, Location::Csv { blob })) {
            chooser.note(format!("{name}: ignored, not a file of the dataset"));
            seen.push(name);
        }
    }
    if chooser.is_empty() {
        let names: Vec<String> = files.iter().map(File::name).collect();
        return Err(InputError::archive(&names.join(", "), InputErrorKind::NoDatasetFiles { found: seen }));
    }
    if let Some(newest) = &newest {
        chooser.note(format!(
            "{} snapshots: loading {newest}, the newest, and comparing it with the {} older (see Changes)",
            older.len() + 1,
            older.len()
        ));
    }
    let (chosen, notes) = chooser.finish();
    let sources =
        chosen.into_iter().map(|(file, name, (size, location))| Source { file, name, size, location }).collect();
    Ok(Resolved { sources, notes, older_snapshots, newest_snapshot: newest, damage })
}
