//! Messages between the explorer page and the worker that runs the transform core.
//!
//! Every message is one JSON text (`{"json": "..."}` on the JS side). A request that
//! carries the user's files sends them beside the JSON as a `files` array of `File`s;
//! a response that carries export bytes sends them beside it as a transferred
//! `Uint8Array` named `bytes`. Errors cross the boundary as plain data: every request
//! gets an answer, a failure included.

use serde::{Deserialize, Serialize};

pub use movies_core::diff::{MovieChange, MovieRef, SnapshotDiff};
pub use movies_core::export::{FileEntry, FileStatus, Format, Manifest};
pub use movies_core::metrics::{CompanyGenreYear, CompanySummary, CompanyYear, Coverage, GenreYear};
pub use movies_core::model::Severity;
pub use movies_core::{InputFile, Table};

/// A request from the page to the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Process the files sent along (zips and/or CSV files). Cancels a running load.
    Load {
        /// Identifies the load in the responses.
        job: u32,
    },
    /// Stop the load `job` at its next step.
    Cancel {
        /// The load to stop.
        job: u32,
    },
    /// The per-year metrics of some companies.
    Companies {
        /// Echoed in the response.
        id: u32,
        /// TMDB company ids.
        company_ids: Vec<i64>,
    },
    /// A page of the error log.
    ErrorLog {
        /// Echoed in the response.
        id: u32,
        /// Which rows.
        query: ErrorLogQuery,
    },
    /// Download a table, or everything as a zip.
    Export {
        /// Echoed in the responses.
        id: u32,
        /// What to export.
        export: ExportRequest,
    },
}

/// Which rows of the error log to return.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorLogQuery {
    /// Only this input file.
    pub file: Option<InputFile>,
    /// Only this severity.
    pub severity: Option<Severity>,
    /// Only rows whose column, reason or raw value contains this text (case-insensitive).
    pub text: String,
    /// Rows to skip.
    pub offset: usize,
    /// Rows to return at most.
    pub limit: usize,
}

/// What to export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ExportRequest {
    /// One table in one format.
    Table {
        /// The table.
        table: Table,
        /// The format.
        format: Format,
    },
    /// Everything, as `movies-clean-<date>.zip` in the command's layout.
    All {
        /// Today's date as `YYYY-MM-DD` (the page's clock), for the file name.
        date: String,
        /// Also every table as `parquet/<table>.parquet`, as `movies process --format all`.
        parquet: bool,
    },
}

/// A dataset file found in what the user loaded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FoundFile {
    /// Which input.
    pub file: InputFile,
    /// Where it is (`archive.zip:folder/movies_metadata.csv` or a file name).
    pub source: String,
    /// Uncompressed size in bytes.
    pub bytes: u64,
}

/// What the company and genre views need once movies_metadata.csv is done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    /// Every company with its movie count, for the type-ahead.
    pub companies: Vec<CompanySummary>,
    /// The whole `genre_year` table (a few thousand rows).
    pub genre_year: Vec<GenreYear>,
    /// Movies the metrics could not use.
    pub coverage: Coverage,
    /// First and last release year, when any movie has one.
    pub years: Option<(i32, i32)>,
}

/// What changed from an older snapshot to the loaded (newest) one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotComparison {
    /// The older snapshot (its file name).
    pub older: String,
    /// The newest snapshot, the one loaded.
    pub newer: String,
    /// Movies added in all.
    pub added: u64,
    /// Movies removed in all.
    pub removed: u64,
    /// Movies with another budget or revenue in all.
    pub changed: u64,
    /// The lists, cut to their first rows (see [`MAX_DIFF_ROWS`]).
    pub diff: SnapshotDiff,
    /// Why the older snapshot could not be compared, when it could not.
    pub error: Option<String>,
}

/// Rows of each list of a [`SnapshotComparison`] sent to the page.
pub const MAX_DIFF_ROWS: usize = 5000;

/// One row of the error log, as shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssueRow {
    /// Input file.
    pub file: InputFile,
    /// Line of the record.
    pub line: u64,
    /// Movie id when readable.
    pub movie_id: Option<i64>,
    /// Error or warning.
    pub severity: Severity,
    /// Column concerned.
    pub column: Option<String>,
    /// What is wrong.
    pub reason: String,
    /// Offending text (first 200 characters).
    pub raw_value: Option<String>,
}

/// A failure reported to the user: which file, where, what, what to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserError {
    /// The file or archive concerned.
    pub source: String,
    /// Line in that file, when known.
    pub line: Option<u64>,
    /// The whole message, ready to show.
    pub message: String,
}

/// A response from the worker to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Response {
    /// The worker is ready for requests.
    Ready,
    /// A load found its files and starts.
    Started {
        /// The load.
        job: u32,
        /// Files found, in processing order.
        files: Vec<FoundFile>,
        /// Dataset files not found (their tables stay empty).
        missing: Vec<InputFile>,
        /// Things the user should know (ignored files, fallbacks).
        notes: Vec<String>,
        /// Archives found damaged (cut short): what they still held is loaded.
        damage: Vec<UserError>,
    },
    /// Progress of one file.
    Progress {
        /// The load.
        job: u32,
        /// The file.
        file: InputFile,
        /// Bytes of CSV text read.
        bytes_done: u64,
        /// Bytes in the file.
        bytes_total: u64,
        /// Records read.
        records: u64,
        /// Milliseconds since the file started.
        elapsed_ms: f64,
    },
    /// A file is done (or failed: see the entry's status and error).
    FileDone {
        /// The load.
        job: u32,
        /// The file.
        file: InputFile,
        /// Its manifest entry.
        entry: FileEntry,
        /// Milliseconds it took.
        elapsed_ms: f64,
    },
    /// movies_metadata.csv is done: the answers can be charted.
    MoviesReady {
        /// The load.
        job: u32,
        /// What the views need first.
        overview: Overview,
    },
    /// Several snapshot zips were loaded: what changed from each older one to the newest.
    Snapshots {
        /// The load.
        job: u32,
        /// One comparison per older snapshot, oldest first.
        comparisons: Vec<SnapshotComparison>,
    },
    /// Every file is done.
    Finished {
        /// The load.
        job: u32,
        /// The manifest, as "Export all" would write it.
        manifest: Manifest,
        /// The worker's WebAssembly memory at the end, in bytes.
        memory_bytes: u64,
    },
    /// The load could not start (not a zip, no dataset file, ...).
    Failed {
        /// The load.
        job: u32,
        /// What went wrong.
        error: UserError,
    },
    /// The load was cancelled; results of the files done so far stay.
    Cancelled {
        /// The load.
        job: u32,
    },
    /// Answer to [`Request::Companies`].
    Companies {
        /// The request.
        id: u32,
        /// Their `company_year` rows.
        company_year: Vec<CompanyYear>,
        /// Their `company_genre_year` rows.
        company_genre_year: Vec<CompanyGenreYear>,
    },
    /// Answer to [`Request::ErrorLog`].
    ErrorLog {
        /// The request.
        id: u32,
        /// Rows matching the query (in memory).
        matching: u64,
        /// Rows in the whole error log.
        total: u64,
        /// Rows kept in memory for browsing (the export has them all).
        kept: u64,
        /// The page asked for.
        rows: Vec<IssueRow>,
    },
    /// Progress of an export that re-reads the input files.
    ExportProgress {
        /// The request.
        id: u32,
        /// The file being re-read.
        file: InputFile,
        /// Bytes of it read.
        bytes_done: u64,
        /// Bytes in it.
        bytes_total: u64,
    },
    /// Part of an export: the bytes travel beside this message. Parts of one stream
    /// are sent in order.
    ExportChunk {
        /// The request.
        id: u32,
        /// Which stream of the export the bytes belong to.
        stream: u32,
    },
    /// An export is complete: its file is the concatenation of the streams in `order`.
    ExportReady {
        /// The request.
        id: u32,
        /// File name for the download.
        file_name: String,
        /// MIME type.
        mime: String,
        /// Streams in file order.
        order: Vec<u32>,
        /// Total size in bytes.
        bytes: u64,
    },
    /// An export failed.
    ExportFailed {
        /// The request.
        id: u32,
        /// What went wrong.
        error: UserError,
    },
    /// A request could not be understood or answered.
    Rejected {
        /// Why.
        error: UserError,
    },
}

impl Request {
    /// Encodes the request as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Decodes a request.
    pub fn from_json(json: &str) -> Result<Self, String> {
        serde_json::from_str(json).map_err(|e| format!("bad request: {e}"))
    }
}

impl Response {
    /// Encodes the response as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Decodes a response.
    pub fn from_json(json: &str) -> Result<Self, String> {
        serde_json::from_str(json).map_err(|e| format!("bad response: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_as_json() {
        let request =
            Request::Export { id: 3, export: ExportRequest::Table { table: Table::CompanyYear, format: Format::Csv } };
        assert_eq!(Request::from_json(&request.to_json()), Ok(request));
        let response = Response::ExportReady {
            id: 3,
            file_name: "company_year.csv".into(),
            mime: "text/csv".into(),
            order: vec![0],
            bytes: 10,
        };
        assert_eq!(Response::from_json(&response.to_json()), Ok(response));
        assert!(Request::from_json("{\"type\":\"nope\"}").is_err());
    }
}
