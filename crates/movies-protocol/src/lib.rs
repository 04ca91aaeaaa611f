//! Messages between the explorer page and the worker that runs the transform core.
//!
//! Every message is one JSON text (`{"json": "..."}` on the JS side). A request that
//! carries the user's files sends them beside the JSON as a `files` array of `File`s;
//! a response that carries export bytes sends them beside it as a transferred
//! `Uint8Array` named `bytes`. Errors cross the boundary as plain data: every request
//! gets an answer, a failure included.

use serde::{Deserialize, Serialize};

pub use movies_core::diff::{MovieChange, MovieRef, SnapshotDiff};
pub use movies_core::drill::{GenrePick, MovieList, MovieQuery, MovieRow};
pub use movies_core::error::ErrorCode;
pub use movies_core::export::{FileEntry, FileStatus, Format, Manifest};
pub use movies_core::issues::IssueFilter;
pub use movies_core::metrics::{CompanyGenreYear, CompanySummary, CompanyYear, Coverage, GenreYear, GroupTotals};
pub use movies_core::model::Severity;
pub use movies_core::pages::histogram::RatingSummary;
pub use movies_core::pages::{
    CastCredit, CrewCredit, Department, MoviePage, NamedRef, PersonHit, PersonMovie, PersonPage, PersonRole,
    PersonYear, TitleHit,
};
pub use movies_core::ranking::{RankBy, RankedCompany, Ranking, RankingQuery};
pub use movies_core::sources::Walk;
pub use movies_core::{InputError, InputFile, Table};

mod export;
pub use export::{ExportEvent, ExportRequest};
mod answer;

pub use answer::{Answer, IssueRow};

/// Identifies a load: every answer carries the load it belongs to, so that a late
/// answer about an earlier load is dropped instead of merged into the current one.
pub type LoadId = u32;

/// A request from the page to the worker. Every request is answered: a load by
/// [`LoadEvent`]s ending in `Finished`, `Failed` or `Cancelled`; a cancel by the load's
/// `Cancelled` (or `NotRunning`); a query by an [`Answer`]; an export by
/// [`ExportEvent`]s ending in `Ready`, `Written`, `Cancelled` or `Failed`; a request that cannot be read by
/// [`Response::Rejected`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Process the files sent along (zips, CSV files, folders' files). Supersedes a
    /// running load.
    Load {
        /// Identifies the load in the answers.
        load: LoadId,
        /// How the files sent along were given: one entry per file or folder the user
        /// dropped or picked.
        inputs: Vec<GivenInput>,
    },
    /// Stop the load `load` at its next step.
    Cancel {
        /// The load to stop.
        load: LoadId,
    },
    /// The per-year metrics of some companies.
    Companies {
        /// Echoed in the answer.
        id: u32,
        /// The load the question is about.
        load: LoadId,
        /// TMDB company ids.
        company_ids: Vec<i64>,
    },
    /// The companies that lead on a metric over a range of years.
    CompanyRanking {
        /// Echoed in the answer.
        id: u32,
        /// The load the question is about.
        load: LoadId,
        /// Which ranking.
        query: RankingQuery,
    },
    /// A page of the error log.
    ErrorLog {
        /// Echoed in the answer.
        id: u32,
        /// The load the question is about.
        load: LoadId,
        /// Which rows.
        query: ErrorLogQuery,
    },
    /// The movies behind a number of a chart (a metric table's cell).
    Movies {
        /// Echoed in the answer.
        id: u32,
        /// The load the question is about.
        load: LoadId,
        /// Which cell.
        query: MovieQuery,
    },
    /// The page of one movie.
    Movie {
        /// Echoed in the answer.
        id: u32,
        /// The load the question is about.
        load: LoadId,
        /// TMDB movie id.
        movie_id: i64,
    },
    /// The page of one person.
    Person {
        /// Echoed in the answer.
        id: u32,
        /// The load the question is about.
        load: LoadId,
        /// TMDB person id.
        person_id: i64,
    },
    /// Movies by title or people by name, for a type-ahead.
    Search {
        /// Echoed in the answer.
        id: u32,
        /// The load the question is about.
        load: LoadId,
        /// What the user typed.
        text: String,
        /// What is searched.
        kind: SearchKind,
    },
    /// Download a table, or everything as a zip.
    Export {
        /// Echoed in the events.
        id: u32,
        /// The load whose data is exported.
        load: LoadId,
        /// What to export.
        export: ExportRequest,
    },
    /// Stop export `id` at its next step (answered by its [`ExportEvent::Cancelled`],
    /// at once when it is not running).
    CancelExport {
        /// The export to stop.
        id: u32,
        /// The load whose data it exports.
        load: LoadId,
    },
}

/// What a [`Request::Search`] searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchKind {
    /// Movie titles.
    Titles,
    /// Names over cast and crew.
    People,
}

/// Most hits one search returns.
pub const MAX_HITS: usize = 20;

/// One file or folder the user gave the page. The `File`s travel beside the request,
/// in one array; these entries point into it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GivenInput {
    /// A file.
    File {
        /// Index of the file in the array sent along.
        file: usize,
    },
    /// A dropped folder.
    Folder {
        /// Its name.
        name: String,
        /// The files found in it, at any depth: index in the array sent along, and the
        /// path inside the dropped folder (`the-movies-dataset/ratings.csv`).
        files: Vec<(usize, String)>,
        /// What the walk saw.
        walk: Walk,
    },
}

/// Which rows of the error log to return.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorLogQuery {
    /// Which rows match.
    #[serde(flatten)]
    pub filter: IssueFilter,
    /// Rows to skip.
    pub offset: usize,
    /// Rows to return at most.
    pub limit: usize,
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

/// What kind of failure a [`UserError`] is, so the page can act on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "code", rename_all = "snake_case")]
pub enum ErrorKind {
    /// An input file or archive failed (the core's kind of error).
    Input(ErrorCode),
    /// An input the user gave yields nothing (not a dataset file, an empty folder...).
    Unused,
    /// The request is about a load that is not the worker's current one.
    StaleLoad,
    /// The question needs data the load has not read yet (the metrics before
    /// movies_metadata.csv is done).
    NotReady,
    /// The request cannot be read (a page and a worker of different versions).
    BadRequest,
    /// Writing an export failed.
    Output,
    /// The worker itself failed (it could not start, or stopped).
    Worker,
}

/// A failure reported to the user: which file, where, what, what to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserError {
    /// What kind of failure.
    pub kind: ErrorKind,
    /// The file or archive concerned.
    pub source: String,
    /// Line in that file, when known.
    pub line: Option<u64>,
    /// The whole message, ready to show.
    pub message: String,
}

impl UserError {
    /// A failure of the core, with its kind.
    pub fn from_input(error: &InputError) -> Self {
        UserError {
            kind: ErrorKind::Input(error.kind.code()),
            source: error.source.clone(),
            line: error.line,
            message: error.to_string(),
        }
    }

    /// A failure of another kind.
    pub fn new(kind: ErrorKind, source: &str, message: String) -> Self {
        UserError { kind, source: source.to_owned(), line: None, message }
    }
}

/// What happens to a load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum LoadEvent {
    /// The load found its files and starts.
    Started {
        /// Files found, in processing order.
        files: Vec<FoundFile>,
        /// Dataset files not found (their tables stay empty).
        missing: Vec<InputFile>,
        /// Things the user should know (fallbacks, files recognised by their header).
        notes: Vec<String>,
        /// Inputs given that yield nothing, and why.
        unused: Vec<UserError>,
        /// Archives found damaged (cut short): what they still held is loaded.
        damage: Vec<UserError>,
    },
    /// Progress of one file.
    Progress {
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
        /// The file.
        file: InputFile,
        /// Its manifest entry.
        entry: FileEntry,
        /// Milliseconds it took.
        elapsed_ms: f64,
    },
    /// movies_metadata.csv is done: the answers can be charted.
    MoviesReady {
        /// What the views need first.
        overview: Overview,
    },
    /// ratings.csv and links.csv are done: the answers, recomputed with the user
    /// ratings of their movies (sent just before [`LoadEvent::Finished`]).
    RatingsReady {
        /// The views' data, with ratings.
        overview: Overview,
    },
    /// Several snapshot zips were loaded: what changed from each older one to the newest.
    Snapshots {
        /// One comparison per older snapshot, oldest first.
        comparisons: Vec<SnapshotComparison>,
    },
    /// Every file is done.
    Finished {
        /// The manifest, as "Export all" would write it.
        manifest: Manifest,
        /// The worker's WebAssembly memory at the end, in bytes.
        memory_bytes: u64,
    },
    /// The load could not start (not a zip, no dataset file, ...).
    Failed {
        /// What went wrong.
        error: UserError,
    },
    /// The load was cancelled; results of the files done so far stay.
    Cancelled {
        /// The file being read when the cancel came, and its records read by then.
        stopped: Option<(InputFile, u64)>,
    },
    /// A cancel came for a load that was not running (it had ended, or another one
    /// replaced it).
    NotRunning,
}

/// A response from the worker to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Response {
    /// The worker is ready for requests.
    Ready,
    /// Something happened to a load.
    Load {
        /// The load.
        load: LoadId,
        /// What.
        event: LoadEvent,
    },
    /// The answer to a query.
    Answer {
        /// The request.
        id: u32,
        /// The load the answer is about.
        load: LoadId,
        /// The answer.
        answer: Answer,
    },
    /// Something happened to an export.
    Export {
        /// The request.
        id: u32,
        /// The load whose data is exported.
        load: LoadId,
        /// What.
        event: ExportEvent,
    },
    /// A request could not be read or its kind is unknown.
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
        let request = Request::Export {
            id: 3,
            load: 1,
            export: ExportRequest::Table { table: Table::CompanyYear, format: Format::Csv },
        };
        assert_eq!(Request::from_json(&request.to_json()), Ok(request));
        let load = Request::Load {
            load: 2,
            inputs: vec![
                GivenInput::File { file: 0 },
                GivenInput::Folder {
                    name: "data".into(),
                    files: vec![(1, "data/a/ratings.csv".into())],
                    walk: Walk::default(),
                },
            ],
        };
        assert_eq!(Request::from_json(&load.to_json()), Ok(load));
        let ready = ExportEvent::Ready {
            file_name: "company_year.csv".into(),
            mime: "text/csv".into(),
            order: vec![0],
            bytes: 10,
        };
        let response = Response::Export { id: 3, load: 1, event: ready };
        assert_eq!(Response::from_json(&response.to_json()), Ok(response));
        let movies = Request::Movies {
            id: 4,
            load: 1,
            query: MovieQuery { company_id: Some(3), genre: GenrePick::Without, year: 1995 },
        };
        assert_eq!(Request::from_json(&movies.to_json()), Ok(movies));
        let answer = Answer::Movies {
            query: MovieQuery { company_id: None, genre: GenrePick::Named("Drama".into()), year: 2001 },
            list: MovieList::default(),
            rated: true,
            flags_complete: false,
        };
        let response = Response::Answer { id: 4, load: 1, answer };
        assert_eq!(Response::from_json(&response.to_json()), Ok(response));
        let error = UserError::new(ErrorKind::Input(ErrorCode::NotAZip), "a.zip", "a.zip: not a zip".into());
        let failed = Response::Load { load: 4, event: LoadEvent::Failed { error } };
        assert_eq!(Response::from_json(&failed.to_json()), Ok(failed));
        let query = RankingQuery { by: RankBy::Revenue, years: (1995, 1995), min_known: 1, limit: 100 };
        let ranking = Request::CompanyRanking { id: 5, load: 1, query };
        assert_eq!(Request::from_json(&ranking.to_json()), Ok(ranking));
        let rows = vec![RankedCompany {
            rank: 1,
            company_id: 33,
            company: Some("Universal Pictures".into()),
            value: 1.5e9,
            known: 12,
            movies: 17,
            ratings: 0,
        }];
        let answer = Answer::CompanyRanking {
            query,
            ranking: Ranking { rows, ranked: 1, unknown: 2, below_minimum: 0 },
            rated: false,
        };
        let response = Response::Answer { id: 5, load: 1, answer };
        assert_eq!(Response::from_json(&response.to_json()), Ok(response));
        assert!(Request::from_json("{\"type\":\"nope\"}").is_err());
    }
}
