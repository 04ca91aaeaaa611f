//! Why an input the user named yields nothing, in words that say what it is and what
//! to do.

use std::fmt;

use super::Walk;
use crate::error::{printable, shown, InputError};
use crate::sniff::Content;

/// A named input that yields nothing.
#[derive(Debug)]
pub struct Unused {
    /// The input, as the user named it.
    pub name: String,
    /// Why.
    pub reason: UnusedReason,
}

/// Why a named input yields nothing.
#[derive(Debug)]
pub enum UnusedReason {
    /// A text file whose name and header row are not those of a dataset file.
    NotDataset {
        /// The first names of its header row.
        header: Vec<String>,
    },
    /// A file of another format (a tarball, a workbook, a Git LFS pointer...).
    Content(Content),
    /// A zip archive without any file of the dataset.
    EmptyArchive {
        /// Its first entries.
        names: Vec<String>,
    },
    /// A folder without any file of the dataset.
    EmptyFolder {
        /// What the walk saw.
        walk: Walk,
        /// The first files it holds.
        names: Vec<String>,
    },
    /// Its dataset files are all given elsewhere too, and those were used.
    Superseded {
        /// What was used instead.
        by: Vec<String>,
    },
    /// An older snapshot of the dataset than the one loaded (the page compares them).
    OlderSnapshot {
        /// The snapshot loaded.
        newest: String,
    },
    /// It cannot be opened or read.
    Unreadable(InputError),
}

/// The dataset's file names, for messages.
const EXPECTED: &str = "movies_metadata.csv, credits.csv, keywords.csv, links.csv or ratings.csv (or .csv.gz)";

impl UnusedReason {
    /// What the user can do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            UnusedReason::NotDataset { .. } => "give the files of The Movies Dataset (Kaggle) under their own names",
            UnusedReason::Content(content) => content.advice(),
            UnusedReason::EmptyArchive { names } if names.iter().any(|n| n.to_ascii_lowercase().ends_with(".zip")) => {
                "archives inside the archive are not opened: extract the inner zip and give it instead"
            }
            UnusedReason::EmptyArchive { .. } => "give the-movies-dataset.zip as downloaded from Kaggle",
            UnusedReason::EmptyFolder { names, .. }
                if names.iter().any(|n| n.to_ascii_lowercase().ends_with(".zip")) =>
            {
                "a zip in a folder is not opened: give the zip itself"
            }
            UnusedReason::EmptyFolder { .. } => "give the folder that holds the dataset's CSV files",
            UnusedReason::Superseded { .. } => "give each dataset file once",
            UnusedReason::OlderSnapshot { .. } => {
                "give one snapshot at a time (or use `movies backfill` for dated dumps)"
            }
            UnusedReason::Unreadable(error) => error.hint(),
        }
    }
}

impl fmt::Display for UnusedReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnusedReason::NotDataset { header } if header.iter().all(String::is_empty) => {
                write!(f, "not a file of The Movies Dataset: its name is not {EXPECTED}, and it has no header row")
            }
            UnusedReason::NotDataset { header } => write!(
                f,
                "not a file of The Movies Dataset: its name is not {EXPECTED}, and its header ({}) is not theirs",
                header.iter().map(|h| shown(h)).collect::<Vec<_>>().join(", ")
            ),
            UnusedReason::Content(content) => write!(f, "{content}, not a CSV file or zip of the dataset"),
            UnusedReason::EmptyArchive { names } if names.is_empty() => f.write_str("an empty zip archive"),
            UnusedReason::EmptyArchive { names } => write!(
                f,
                "a zip archive without any file of The Movies Dataset (it holds: {})",
                names.iter().map(|n| printable(n)).collect::<Vec<_>>().join(", ")
            ),
            UnusedReason::EmptyFolder { walk, .. } if walk.files == 0 && walk.unreadable.is_empty() => {
                write!(f, "an empty folder ({walk})")
            }
            UnusedReason::EmptyFolder { walk, names } => {
                write!(f, "no file named {EXPECTED} in it: {walk}")?;
                if !names.is_empty() {
                    let shown: Vec<String> = names.iter().map(|n| printable(n)).collect();
                    write!(f, " ({}{})", shown.join(", "), if walk.files > names.len() as u64 { ", …" } else { "" })?;
                }
                Ok(())
            }
            UnusedReason::Superseded { by } => {
                write!(f, "not used: the same dataset files are read from {}", by.join(", "))
            }
            UnusedReason::OlderSnapshot { newest } => write!(f, "an older snapshot of the dataset than {newest}"),
            UnusedReason::Unreadable(error) => write!(f, "{}", error.kind),
        }
    }
}

impl fmt::Display for Unused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} — {}", printable(&self.name), self.reason, self.reason.hint())
    }
}
