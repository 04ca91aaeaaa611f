//! What the worker knows about the dataset loaded last.

use std::collections::BTreeMap;
use std::rc::Rc;

use movies_core::drill::MovieIndex;
use movies_core::export::FileEntry;
use movies_core::kept::{Kept, RatingsByMovie};
use movies_core::model::Issue;
use movies_core::pages::Explorer;
use movies_core::sources::Source;
use movies_core::{InputFile, Metrics, Table};
use movies_protocol::LoadId;

use crate::origin::FileOrigin;

/// The files of the last load and what was computed from them.
#[derive(Default)]
pub struct Session {
    /// The load these results belong to.
    pub load: LoadId,
    /// True while that load runs.
    pub running: bool,
    /// A cancel was asked for the running load.
    pub cancel_requested: bool,
    /// The dataset files found, each knowing where to read it again (for exports).
    pub sources: Vec<Source<FileOrigin>>,
    /// Movies once movies_metadata.csv is done; links and rating counts once the
    /// load is finished.
    pub kept: Rc<Kept>,
    /// Where the movies of each metric cell are, once movies_metadata.csv is done.
    pub index: Rc<MovieIndex>,
    /// The user ratings of each movie, once the load is finished (empty before).
    pub ratings: Rc<RatingsByMovie>,
    /// The movie and person pages and the searches: titles once movies_metadata.csv
    /// is done, credits, keywords and rating distributions once the load is finished.
    pub explorer: Explorer,
    /// Metrics, once movies_metadata.csv is done.
    pub metrics: Option<Rc<Metrics>>,
    /// Manifest entries of the files done.
    pub entries: BTreeMap<InputFile, FileEntry>,
    /// Rows per streamed table.
    pub rows: Vec<(Table, u64)>,
    /// The error-log rows kept in memory.
    pub issues: Rc<Vec<Issue>>,
    /// Error-log rows in all.
    pub issues_total: u64,
}
