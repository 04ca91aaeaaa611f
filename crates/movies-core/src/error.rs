//! Errors that stop a whole input file or archive, with where and what to do.
//!
//! Problems with single records are not errors: they go to the error log.

use std::fmt;
use std::io;

use crate::input::InputFile;
use crate::records::LimitHit;

/// A file-level failure: which file, where, what is wrong.
#[derive(Debug)]
pub struct InputError {
    /// The input concerned, when known.
    pub file: Option<InputFile>,
    /// The path as the user knows it (archive entry or file name).
    pub source: String,
    /// Line in the file, when the problem has one.
    pub line: Option<u64>,
    /// What is wrong.
    pub kind: InputErrorKind,
}

/// What is wrong with an input.
#[derive(Debug)]
#[non_exhaustive]
pub enum InputErrorKind {
    /// Reading failed (truncated file, corrupt compressed data, I/O error).
    Io(io::Error),
    /// The file has no header row.
    Empty,
    /// The header lacks columns the file cannot do without.
    MissingColumns {
        /// The required columns not found.
        missing: Vec<&'static str>,
        /// The header as found.
        found: Vec<String>,
    },
    /// A column the cleaner reads appears twice in the header.
    DuplicateColumn {
        /// The column.
        column: &'static str,
        /// 1-based position of its first occurrence.
        first: usize,
        /// 1-based position of the second.
        second: usize,
    },
    /// The header row breaks a size limit.
    HeaderTooLarge(LimitHit),
    /// The archive cannot be read as a zip file.
    NotAZip(String),
    /// An entry is encrypted.
    Encrypted,
    /// An entry uses a compression method this reader does not support.
    UnsupportedCompression(String),
    /// An entry inflates to more than its declared size (corrupt or a zip bomb).
    InflatesBeyondDeclaredSize(u64),
    /// An entry declares a size beyond what this dataset can be.
    DeclaredSizeTooLarge {
        /// Declared uncompressed size.
        declared: u64,
        /// The limit.
        limit: u64,
    },
    /// None of the five dataset files was found.
    NoDatasetFiles {
        /// What was found instead (first few names).
        found: Vec<String>,
    },
    /// The work was cancelled by the user.
    Cancelled,
}

impl InputError {
    /// An error about `file`, read from `source`.
    pub fn new(file: InputFile, source: &str, kind: InputErrorKind) -> Self {
        InputError { file: Some(file), source: source.to_owned(), line: None, kind }
    }

    /// An error about an archive or path, before any file is recognised.
    pub fn archive(source: &str, kind: InputErrorKind) -> Self {
        InputError { file: None, source: source.to_owned(), line: None, kind }
    }

    /// A read failure of `file`.
    pub fn io(file: InputFile, source: &str, err: io::Error) -> Self {
        InputError::new(file, source, InputErrorKind::Io(err))
    }

    /// Adds the line the problem was found on.
    pub fn at_line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    /// A short hint of what the user can do.
    pub fn hint(&self) -> &'static str {
        match &self.kind {
            InputErrorKind::Io(e) if e.kind() == io::ErrorKind::NotFound => "check the path: nothing is there",
            InputErrorKind::Io(_) | InputErrorKind::InflatesBeyondDeclaredSize(_) => {
                "the file looks truncated or corrupt: download it again"
            }
            InputErrorKind::Empty | InputErrorKind::MissingColumns { .. } | InputErrorKind::DuplicateColumn { .. } => {
                "check that this is the file of The Movies Dataset (Kaggle) with its original header"
            }
            InputErrorKind::HeaderTooLarge(_) => "this is not a CSV file of The Movies Dataset",
            InputErrorKind::NotAZip(_) => "give the-movies-dataset.zip as downloaded from Kaggle, or the CSV files",
            InputErrorKind::Encrypted => "extract the archive with its password and give the CSV files",
            InputErrorKind::UnsupportedCompression(_) => "re-create the zip with standard (deflate) compression",
            InputErrorKind::DeclaredSizeTooLarge { .. } => "this archive is not The Movies Dataset",
            InputErrorKind::NoDatasetFiles { .. } => {
                "expected movies_metadata.csv, credits.csv, keywords.csv, links.csv or ratings.csv"
            }
            InputErrorKind::Cancelled => "start again when ready",
        }
    }
}

impl fmt::Display for InputErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputErrorKind::Io(e) => write!(f, "cannot read the data: {e}"),
            InputErrorKind::Empty => f.write_str("the file is empty (no header row)"),
            InputErrorKind::MissingColumns { missing, found } => {
                let shown: Vec<&str> = found.iter().take(12).map(String::as_str).collect();
                let more = if found.len() > 12 { ", ..." } else { "" };
                write!(f, "missing required column(s) {} (header has: {}{more})", missing.join(", "), shown.join(", "))
            }
            InputErrorKind::DuplicateColumn { column, first, second } => {
                write!(f, "column `{column}` appears twice in the header (columns {first} and {second})")
            }
            InputErrorKind::HeaderTooLarge(hit) => write!(f, "header row too large: {hit}"),
            InputErrorKind::NotAZip(why) => write!(f, "not a readable zip archive: {why}"),
            InputErrorKind::Encrypted => f.write_str("the entry is encrypted"),
            InputErrorKind::UnsupportedCompression(method) => {
                write!(f, "the entry is compressed with {method}, which is not supported (only deflate and stored)")
            }
            InputErrorKind::InflatesBeyondDeclaredSize(size) => {
                write!(f, "the entry inflates beyond its declared size of {size} bytes (corrupt archive or zip bomb)")
            }
            InputErrorKind::DeclaredSizeTooLarge { declared, limit } => {
                write!(f, "the entry declares {} GiB uncompressed, over the {} GiB limit", declared >> 30, limit >> 30)
            }
            InputErrorKind::NoDatasetFiles { found } => {
                let shown: Vec<&str> = found.iter().take(8).map(String::as_str).collect();
                if shown.is_empty() {
                    f.write_str("no file of The Movies Dataset found (the input is empty)")
                } else {
                    write!(f, "no file of The Movies Dataset found (found: {})", shown.join(", "))
                }
            }
            InputErrorKind::Cancelled => f.write_str("cancelled"),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        write!(f, ": {} — {}", self.kind, self.hint())
    }
}

impl std::error::Error for InputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            InputErrorKind::Io(e) => Some(e),
            _ => None,
        }
    }
}
