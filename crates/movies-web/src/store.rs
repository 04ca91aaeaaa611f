//! The page's state, as signals, and how the worker's responses change it.

use std::collections::{BTreeMap, HashMap};

use leptos::prelude::*;
use movies_protocol::{
    Answer, CompanyGenreYear, CompanyYear, ExportEvent, FileEntry, FileStatus, FoundFile, InputFile, IssueRow,
    LoadEvent, Manifest, MovieList, MoviePage, MovieQuery, Overview, PersonHit, PersonPage, Ranking, RankingQuery,
    Response, SnapshotComparison, TitleHit,
};

use crate::drill::{Drill, DrillState};
use crate::url_state::{Page, View, ViewState};

/// Where a load is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Nothing loaded yet.
    Idle,
    /// A load runs.
    Loading,
    /// The last load finished.
    Done,
    /// The last load was cancelled.
    Cancelled,
    /// The last load could not start.
    Failed,
}

/// Where one input file is.
#[derive(Debug, Clone, PartialEq)]
pub enum FileState {
    /// Not started.
    Waiting,
    /// Being read.
    Running,
    /// Read to its end (or stopped by an error: see the entry).
    Done(FileEntry),
    /// Stopped by a cancel: at this many records, or before it started.
    Cancelled(Option<u64>),
    /// Stopped because the worker failed, at this many records.
    Lost(u64),
}

/// Progress of one input file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileProgress {
    /// Which input.
    pub file: InputFile,
    /// Where it is read from.
    pub source: String,
    /// Bytes read.
    pub bytes_done: u64,
    /// Bytes in all.
    pub bytes_total: u64,
    /// Records read.
    pub records: u64,
    /// Milliseconds spent.
    pub elapsed_ms: f64,
    /// Where it is.
    pub state: FileState,
}

/// A message for the user in the alert area.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    /// Distinguishes alerts for dismissal.
    pub id: u32,
    /// The text (names the file and what is wrong).
    pub message: String,
}

/// The rows of one company, as the worker sent them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompanyData {
    /// Its `company_year` rows.
    pub years: Vec<CompanyYear>,
    /// Its `company_genre_year` rows.
    pub genres: Vec<CompanyGenreYear>,
}

/// A page of the error log.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ErrorLogPage {
    /// The request it answers.
    pub id: u32,
    /// Rows matching the filter.
    pub matching: u64,
    /// Rows in the log.
    pub total: u64,
    /// Rows kept in memory.
    pub kept: u64,
    /// The rows shown.
    pub rows: Vec<IssueRow>,
}

/// The movies of a chart's cell, as the worker sent them.
#[derive(Debug, Clone, PartialEq)]
pub struct CellMovies {
    /// The cell.
    pub query: MovieQuery,
    /// Its movies and their totals.
    pub list: MovieList,
    /// Whether the user ratings were read when the worker answered.
    pub rated: bool,
    /// Whether the error-log flags come from the whole log.
    pub flags_complete: bool,
}

/// A company ranking, as the worker sent it.
#[derive(Debug, Clone, PartialEq)]
pub struct RankingAnswer {
    /// The ranking asked for.
    pub query: RankingQuery,
    /// The companies, best first.
    pub ranking: Ranking,
    /// Whether the user ratings were read when the worker answered.
    pub rated: bool,
}

/// The worker's answer about one movie.
#[derive(Debug, Clone, PartialEq)]
pub struct MovieAnswer {
    /// The movie asked for.
    pub movie_id: i64,
    /// Its page, `None` when the load does not mention it.
    pub page: Option<MoviePage>,
    /// Its rows of the error log.
    pub issues: Vec<IssueRow>,
}

/// The worker's answer about one person.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonAnswer {
    /// The person asked for.
    pub person_id: i64,
    /// Their page, `None` when no credit names them.
    pub page: Option<PersonPage>,
    /// Whether the credits were read when the worker answered.
    pub credits_read: bool,
}

/// The last hits of one search, with the text they answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Hits<T> {
    /// The text searched.
    pub text: String,
    /// The best matches.
    pub hits: Vec<T>,
    /// Whether everything searchable was read (people: the credits).
    pub complete: bool,
}

impl<T> Default for Hits<T> {
    fn default() -> Self {
        Hits { text: String::new(), hits: Vec::new(), complete: false }
    }
}

/// An export being prepared.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportStatus {
    /// The request.
    pub id: u32,
    /// What is exported, in words.
    pub label: String,
    /// Bytes produced so far.
    pub bytes: u64,
    /// Input file being re-read, with its progress.
    pub reading: Option<(InputFile, u64, u64)>,
    /// Set when it failed.
    pub error: Option<String>,
    /// Set when it is done and stays listed (a folder export says where it wrote).
    pub finished: Option<String>,
    /// Whether the user asked to stop it.
    pub cancelling: bool,
}

impl ExportStatus {
    /// A new export `id` of `label`, nothing produced yet.
    pub fn new(id: u32, label: String) -> Self {
        ExportStatus { id, label, bytes: 0, reading: None, error: None, finished: None, cancelling: false }
    }

    /// Whether it still runs (so it can be cancelled).
    pub fn running(&self) -> bool {
        self.error.is_none() && self.finished.is_none()
    }
}

/// All signals of the page. Cheap to copy; provided as context.
#[derive(Clone, Copy)]
pub struct Store {
    /// The current load.
    pub job: RwSignal<u32>,
    /// Where the current load is.
    pub phase: RwSignal<Phase>,
    /// Progress per input file, in processing order.
    pub files: RwSignal<Vec<FileProgress>>,
    /// Dataset files that were not found.
    pub missing: RwSignal<Vec<InputFile>>,
    /// Remarks about the input (ignored files, fallbacks).
    pub notes: RwSignal<Vec<String>>,
    /// Errors shown with role="alert".
    pub alerts: RwSignal<Vec<Alert>>,
    /// What the views chart first.
    pub overview: RwSignal<Option<Overview>>,
    /// Whether the answers carry the user ratings (ratings.csv and links.csv read).
    pub rated: RwSignal<bool>,
    /// The manifest, once every file is done.
    pub manifest: RwSignal<Option<Manifest>>,
    /// Manifest entries of the files done so far.
    pub entries: RwSignal<BTreeMap<InputFile, FileEntry>>,
    /// Company rows received, by company id.
    pub companies: RwSignal<HashMap<i64, CompanyData>>,
    /// The last company ranking received.
    pub ranking: RwSignal<Option<RankingAnswer>>,
    /// The last error-log page received.
    pub error_log: RwSignal<Option<ErrorLogPage>>,
    /// The movies of the last chart cell asked about.
    pub cell_movies: RwSignal<Option<CellMovies>>,
    /// Exports in preparation.
    pub exports: RwSignal<Vec<ExportStatus>>,
    /// Comparisons with older snapshots, when several were loaded.
    pub snapshots: RwSignal<Vec<SnapshotComparison>>,
    /// What the URL holds: view, companies, genres, years.
    pub view: RwSignal<ViewState>,
    /// The last movie page received.
    pub movie: RwSignal<Option<MovieAnswer>>,
    /// The last person page received.
    pub person: RwSignal<Option<PersonAnswer>>,
    /// The last title search answered.
    pub titles: RwSignal<Hits<TitleHit>>,
    /// The last name search answered.
    pub people: RwSignal<Hits<PersonHit>>,
    next_alert: RwSignal<u32>,
}

impl Store {
    /// A store with nothing loaded, the view read from the URL.
    pub fn new(view: ViewState) -> Self {
        Store {
            job: RwSignal::new(0),
            phase: RwSignal::new(Phase::Idle),
            files: RwSignal::new(Vec::new()),
            missing: RwSignal::new(Vec::new()),
            notes: RwSignal::new(Vec::new()),
            alerts: RwSignal::new(Vec::new()),
            overview: RwSignal::new(None),
            rated: RwSignal::new(false),
            manifest: RwSignal::new(None),
            entries: RwSignal::new(BTreeMap::new()),
            companies: RwSignal::new(HashMap::new()),
            ranking: RwSignal::new(None),
            error_log: RwSignal::new(None),
            cell_movies: RwSignal::new(None),
            exports: RwSignal::new(Vec::new()),
            snapshots: RwSignal::new(Vec::new()),
            view: RwSignal::new(view),
            movie: RwSignal::new(None),
            person: RwSignal::new(None),
            titles: RwSignal::new(Hits::default()),
            people: RwSignal::new(Hits::default()),
            next_alert: RwSignal::new(0),
        }
    }

    /// Shows an alert.
    pub fn alert(&self, message: String) {
        let id = self.next_alert.get_untracked() + 1;
        self.next_alert.set(id);
        self.alerts.update(|alerts| alerts.push(Alert { id, message }));
    }

    /// Forgets everything of the previous load, for load `job`.
    pub fn begin_load(&self, job: u32) {
        self.job.set(job);
        self.phase.set(Phase::Loading);
        self.files.set(Vec::new());
        self.missing.set(Vec::new());
        self.notes.set(Vec::new());
        self.alerts.set(Vec::new());
        self.overview.set(None);
        self.rated.set(false);
        self.manifest.set(None);
        self.entries.set(BTreeMap::new());
        self.companies.set(HashMap::new());
        self.ranking.set(None);
        self.error_log.set(None);
        self.cell_movies.set(None);
        self.snapshots.set(Vec::new());
        self.movie.set(None);
        self.person.set(None);
        self.titles.set(Hits::default());
        self.people.set(Hits::default());
    }

    /// Switches to a view (leaving a movie or person page).
    pub fn show(&self, view: View) {
        self.view.update(|v| {
            v.view = view;
            v.page = None;
        });
    }

    /// Shows the page of a movie or person (closing the drill-down panel it may have
    /// been opened from).
    pub fn open_page(&self, page: Page) {
        self.view.update(|v| {
            v.page = Some(page);
            v.drill = None;
        });
    }

    /// Opens the drill-down panel on the movies of `drill`.
    pub fn open_drill(&self, drill: Drill) {
        self.view.update(|v| v.drill = Some(DrillState { drill, sort: None }));
    }

    fn update_file(&self, file: InputFile, change: impl FnOnce(&mut FileProgress)) {
        self.files.update(|files| {
            if let Some(progress) = files.iter_mut().find(|p| p.file == file) {
                change(progress);
            }
        });
    }

    /// Marks export `id` done, with what it did.
    pub fn finish_export(&self, id: u32, message: String) {
        self.update_export(id, |e| {
            e.reading = None;
            e.finished = Some(message);
        });
    }

    /// The worker stopped unexpectedly (`message` says how): the running load and
    /// exports end here, saying so, instead of leaving their bars where they froze.
    pub fn worker_failed(&self, message: &str) {
        let loading = self.phase.get_untracked() == Phase::Loading;
        if loading {
            self.files.update(|files| {
                for p in files.iter_mut().filter(|p| matches!(p.state, FileState::Waiting | FileState::Running)) {
                    p.state = FileState::Lost(p.records);
                }
            });
            self.phase.set(Phase::Failed);
        }
        self.exports.update(|exports| {
            for e in exports.iter_mut().filter(|e| e.running()) {
                e.reading = None;
                e.error = Some(format!("{} stopped: the worker failed.", e.label));
            }
        });
        let then = if loading { " The load stopped where the bars show;" } else { "" };
        self.alert(format!(
            "The processing worker stopped unexpectedly ({message}).{then} load the data again to go on (a new worker \
             starts)."
        ));
    }

    /// Marks export `id` as being stopped at the user's request.
    pub fn cancelling_export(&self, id: u32) {
        self.update_export(id, |e| e.cancelling = true);
    }

    /// Marks export `id` failed, and says why.
    pub fn fail_export(&self, id: u32, message: String) {
        self.update_export(id, |e| e.error = Some(message.clone()));
        self.alert(message);
    }

    fn update_export(&self, id: u32, change: impl FnOnce(&mut ExportStatus)) {
        self.exports.update(|exports| {
            if let Some(export) = exports.iter_mut().find(|e| e.id == id) {
                change(export);
            }
        });
    }

    /// Applies a worker response (export bytes are handled by the download module).
    /// Every kind of response has its arm: a new one cannot be ignored silently.
    pub fn apply(&self, response: Response) {
        let current = self.job.get_untracked();
        match response {
            // Readiness only opens the worker client's outbox.
            Response::Ready => {}
            // What the page shows belongs to the current load alone: news and answers
            // about an earlier one (sent before the worker saw the new load) are dropped.
            Response::Load { load, .. } | Response::Answer { load, .. } | Response::Export { load, .. }
                if load != current => {}
            Response::Load { event, .. } => self.apply_load(event),
            Response::Answer { id, answer, .. } => self.apply_answer(id, answer),
            Response::Export { id, event, .. } => self.apply_export(id, event),
            Response::Rejected { error } => self.alert(error.message),
        }
    }

    fn apply_load(&self, event: LoadEvent) {
        match event {
            LoadEvent::Started { files, missing, notes, unused, damage } => {
                for error in unused.into_iter().chain(damage) {
                    self.alert(error.message);
                }
                let waiting = |f: FoundFile| FileProgress {
                    file: f.file,
                    source: f.source,
                    bytes_done: 0,
                    bytes_total: f.bytes,
                    records: 0,
                    elapsed_ms: 0.0,
                    state: FileState::Waiting,
                };
                self.files.set(files.into_iter().map(waiting).collect());
                self.missing.set(missing);
                self.notes.set(notes);
            }
            LoadEvent::Progress { file, bytes_done, bytes_total, records, elapsed_ms } => {
                self.update_file(file, |p| {
                    p.bytes_done = bytes_done;
                    p.bytes_total = bytes_total.max(bytes_done);
                    p.records = records;
                    p.elapsed_ms = elapsed_ms;
                    p.state = FileState::Running;
                });
            }
            LoadEvent::FileDone { file, entry, elapsed_ms } => {
                if entry.status == FileStatus::Failed {
                    // The core's message already starts with the file and line.
                    let error = entry.error.clone().unwrap_or_else(|| format!("{file}: could not be read"));
                    self.alert(error);
                }
                self.entries.update(|entries| {
                    entries.insert(file, entry.clone());
                });
                self.update_file(file, |p| {
                    p.bytes_done = p.bytes_total;
                    p.elapsed_ms = elapsed_ms;
                    p.state = FileState::Done(entry);
                });
            }
            LoadEvent::MoviesReady { overview } => self.overview.set(Some(overview)),
            LoadEvent::RatingsReady { overview } => {
                // The company rows and movies received lack the ratings: they are asked
                // for again.
                self.companies.set(HashMap::new());
                self.ranking.set(None);
                self.cell_movies.set(None);
                self.rated.set(true);
                self.overview.set(Some(overview));
            }
            LoadEvent::Snapshots { comparisons } => self.snapshots.set(comparisons),
            LoadEvent::Finished { manifest, .. } => {
                self.manifest.set(Some(manifest));
                self.phase.set(Phase::Done);
            }
            LoadEvent::Failed { error } => {
                self.alert(error.message);
                self.phase.set(Phase::Failed);
            }
            LoadEvent::Cancelled { stopped } => {
                self.files.update(|files| {
                    for p in files.iter_mut().filter(|p| !matches!(p.state, FileState::Done(_))) {
                        let records = stopped.filter(|(file, _)| *file == p.file).map(|(_, records)| records);
                        p.state = FileState::Cancelled(records);
                    }
                });
                self.phase.set(Phase::Cancelled);
            }
            // A cancel that came after the load had ended: nothing to change.
            LoadEvent::NotRunning => {}
        }
    }

    fn apply_answer(&self, id: u32, answer: Answer) {
        match answer {
            Answer::Companies { company_year, company_genre_year } => {
                let mut received: HashMap<i64, CompanyData> = HashMap::new();
                for row in company_year {
                    received.entry(row.company_id).or_default().years.push(row);
                }
                for row in company_genre_year {
                    received.entry(row.company_id).or_default().genres.push(row);
                }
                self.companies.update(|companies| companies.extend(received));
            }
            Answer::CompanyRanking { query, ranking, rated } => {
                self.ranking.set(Some(RankingAnswer { query, ranking, rated }));
            }
            Answer::ErrorLog { matching, total, kept, rows } => {
                self.error_log.set(Some(ErrorLogPage { id, matching, total, kept, rows }));
            }
            Answer::Movies { query, list, rated, flags_complete } => {
                self.cell_movies.set(Some(CellMovies { query, list, rated, flags_complete }));
            }
            Answer::Movie { movie_id, page, issues } => {
                self.movie.set(Some(MovieAnswer { movie_id, page: page.map(|p| *p), issues }));
            }
            Answer::Person { person_id, page, credits_read } => {
                self.person.set(Some(PersonAnswer { person_id, page: page.map(|p| *p), credits_read }));
            }
            Answer::Titles { text, hits } => self.titles.set(Hits { text, hits, complete: true }),
            Answer::People { text, hits, credits_read } => {
                self.people.set(Hits { text, hits, complete: credits_read });
            }
            Answer::Failed { error } => self.alert(error.message),
        }
    }

    fn apply_export(&self, id: u32, event: ExportEvent) {
        match event {
            // The worker client keeps and counts the bytes itself.
            ExportEvent::Chunk { .. } => {}
            ExportEvent::Progress { file, bytes_done, bytes_total } => {
                self.update_export(id, |e| e.reading = Some((file, bytes_done, bytes_total)));
            }
            ExportEvent::Ready { .. } => self.exports.update(|exports| exports.retain(|e| e.id != id)),
            // The folder's writer announces the end once the page closed the files.
            ExportEvent::File { .. } | ExportEvent::Written { .. } => {}
            ExportEvent::Cancelled => self.update_export(id, |e| {
                if e.running() {
                    e.reading = None;
                    e.finished = Some(format!("Cancelled {}: nothing was saved.", e.label));
                }
            }),
            ExportEvent::Failed { error } => {
                self.update_export(id, |e| e.error = Some(error.message.clone()));
                self.alert(error.message);
            }
        }
    }
}

#[cfg(test)]
mod tests;
