//! Finding the dataset files among what the user dropped: zips and CSV files.

use std::io::Read;

use movies_core::archive::{Archive, Entry};
use movies_core::input::SourceChooser;
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

/// Finds one source per dataset file; says what was left aside.
pub fn resolve(files: &[File]) -> Result<(Vec<Source>, Vec<String>), InputError> {
    let mut chooser: SourceChooser<(u64, Location)> = SourceChooser::default();
    let mut seen = Vec::new();
    for (blob, file) in files.iter().enumerate() {
        let name = file.name();
        if looks_like_zip(file) {
            let reader = BlobReader::new(file.clone().into()).map_err(|e| InputError::archive(&name, InputErrorKind::Io(e)))?;
            let archive = Archive::open(reader, &name)?;
            let entries = archive.dataset_entries();
            if entries.is_empty() {
                seen.extend(archive.entry_names().into_iter().take(8));
            }
            for entry in entries {
                let path = format!("{name}:{}", entry.path);
                chooser.offer(&path, (entry.size, Location::Zip { blob, entry }));
            }
        } else if !chooser.offer(&name, (file.size() as u64, Location::Csv { blob })) {
            chooser.note(format!("{name}: ignored, not a file of the dataset"));
            seen.push(name);
        }
    }
    if chooser.is_empty() {
        let names: Vec<String> = files.iter().map(File::name).collect();
        return Err(InputError::archive(&names.join(", "), InputErrorKind::NoDatasetFiles { found: seen }));
    }
    let (chosen, notes) = chooser.finish();
    Ok((chosen.into_iter().map(|(file, name, (size, location))| Source { file, name, size, location }).collect(), notes))
}
