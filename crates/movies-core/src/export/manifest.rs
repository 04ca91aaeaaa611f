//! `manifest.json`: what was read, accepted, rejected and written.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::metrics::Coverage;
use crate::pipeline::{FileReport, TextEncoding};
use crate::schema::Table;

/// What happened to one input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileStatus {
    /// Read to the end.
    Ok,
    /// Not in the input: the tables it feeds are empty.
    Missing,
    /// Stopped by a file-level error: rows before it were kept.
    Failed,
}

/// The manifest entry of an input file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Read, missing or failed.
    pub status: FileStatus,
    /// Where it was read from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Records read (header excluded).
    pub records_read: u64,
    /// Records that made a row.
    pub rows_accepted: u64,
    /// Records rejected.
    pub rows_rejected: u64,
    /// Values set to null (and records repaired).
    pub warnings: u64,
    /// Split records joined back.
    pub records_repaired: u64,
    /// Encoding it was read in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<TextEncoding>,
    /// The file-level error, when it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl FileEntry {
    /// The entry of a file that was not in the input.
    pub fn missing() -> Self {
        FileEntry {
            status: FileStatus::Missing,
            source: None,
            records_read: 0,
            rows_accepted: 0,
            rows_rejected: 0,
            warnings: 0,
            records_repaired: 0,
            encoding: None,
            error: None,
        }
    }

    /// The entry of a file read to its end, or stopped by `error`.
    pub fn from_report(report: &FileReport, error: Option<String>) -> Self {
        FileEntry {
            status: if error.is_some() { FileStatus::Failed } else { FileStatus::Ok },
            source: Some(report.source.clone()),
            records_read: report.records_read,
            rows_accepted: report.rows_accepted,
            rows_rejected: report.rows_rejected,
            warnings: report.warnings,
            records_repaired: report.records_repaired,
            encoding: Some(report.encoding),
            error,
        }
    }

    /// The entry of a file that failed before any record was read.
    pub fn failed(source: &str, error: String) -> Self {
        FileEntry {
            status: FileStatus::Failed,
            source: Some(source.to_owned()),
            error: Some(error),
            ..FileEntry::missing()
        }
    }
}

/// Rows of an output table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableEntry {
    /// Number of rows.
    pub rows: u64,
}

/// The whole manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// The program that wrote the export.
    pub generator: String,
    /// Formats written.
    pub formats: Vec<String>,
    /// Per input file name.
    pub files: BTreeMap<String, FileEntry>,
    /// Per table name.
    pub tables: BTreeMap<String, TableEntry>,
    /// Movies the per-year metrics could not use.
    pub coverage: Coverage,
}

impl Manifest {
    /// A manifest with every input marked missing and no table rows yet.
    pub fn new(formats: &[super::Format]) -> Self {
        Manifest {
            generator: concat!("movies-core ", env!("CARGO_PKG_VERSION")).to_owned(),
            formats: formats.iter().map(|f| f.extension().to_owned()).collect(),
            files: crate::input::InputFile::ALL
                .iter()
                .map(|f| (f.file_name().to_owned(), FileEntry::missing()))
                .collect(),
            tables: Table::ALL.iter().map(|t| (t.name().to_owned(), TableEntry { rows: 0 })).collect(),
            coverage: Coverage::default(),
        }
    }

    /// Adds rows written to a table.
    pub fn add_rows(&mut self, table: Table, rows: u64) {
        self.tables.entry(table.name().to_owned()).or_insert(TableEntry { rows: 0 }).rows += rows;
    }
}
