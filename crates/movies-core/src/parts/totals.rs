//! Cleaning parts of ratings.csv and adding their results up in file order.
//!
//! A [`PartCleaner`] cleans the parts given to it (in any order, on any core) and
//! keeps the rating counts of all of them; each part's report and error-log rows go
//! back at once as a [`PartDone`]. [`PartsTotal`] adds the parts up in file order, so
//! the error log lists rows as one pass would, then the counts of every cleaner;
//! [`PagesSink::absorb`] puts the total where one pass over the file would have.

use std::borrow::Cow;
use std::io::Read;

use serde::{Deserialize, Serialize};

use super::cut::Tail;
use super::{Part, PartHead};
use crate::clean::column_named;
use crate::collect::{CollectSink, DEFAULT_ISSUE_CAP};
use crate::error::InputError;
use crate::input::InputFile;
use crate::kept::RatingStats;
use crate::model::{Issue, Severity};
use crate::pages::histogram::RatingHistograms;
use crate::pages::PagesSink;
use crate::pipeline::{FileJob, FileReport};
use crate::records::Limits;
use crate::schema::Table;

/// An error-log row as it travels between workers (its column by name).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssueRecord {
    /// Which input file.
    pub file: InputFile,
    /// Line of the record's start.
    pub line: u64,
    /// The record's movie id, when it could be read.
    pub movie_id: Option<i64>,
    /// Rejected row or nulled value.
    pub severity: Severity,
    /// The column concerned, when one is.
    pub column: Option<String>,
    /// What is wrong, in words.
    pub reason: String,
    /// The offending text.
    pub raw_value: Option<String>,
}

impl From<&Issue> for IssueRecord {
    fn from(issue: &Issue) -> Self {
        IssueRecord {
            file: issue.file,
            line: issue.line,
            movie_id: issue.movie_id,
            severity: issue.severity,
            column: issue.column.map(str::to_owned),
            reason: issue.reason.to_string(),
            raw_value: issue.raw_value.clone(),
        }
    }
}

impl IssueRecord {
    /// The row again (a column the file's cleaner does not read is dropped: no cleaner
    /// names one).
    pub fn into_issue(self) -> Issue {
        Issue {
            file: self.file,
            line: self.line,
            movie_id: self.movie_id,
            severity: self.severity,
            column: self.column.and_then(|name| column_named(self.file, &name)),
            reason: Cow::Owned(self.reason),
            raw_value: self.raw_value,
        }
    }
}

/// What cleaning one part gave, apart from the rating counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartDone {
    /// The part's place in the file.
    pub index: u32,
    /// Its counts.
    pub report: FileReport,
    /// Rows it added to `ratings_master`.
    pub rows: u64,
    /// Its error-log rows (the first [`DEFAULT_ISSUE_CAP`]).
    pub issues: Vec<IssueRecord>,
    /// Its error-log rows in all.
    pub issues_total: u64,
}

/// Cleans parts of one file and keeps their rating counts.
#[derive(Default)]
pub struct PartCleaner {
    sink: PagesSink<CollectSink>,
}

impl PartCleaner {
    /// Cleans `part` of `file` (named `source`), whose columns `head` gives.
    pub fn clean(
        &mut self,
        file: InputFile,
        source: &str,
        head: &PartHead,
        part: &Part,
    ) -> Result<PartDone, InputError> {
        self.run(file, source, head, part.index, part.first_line, &part.text[..])
    }

    /// Cleans the tail of a file that could not be cut further: part `index`.
    pub fn clean_tail(
        &mut self,
        file: InputFile,
        source: &str,
        head: &PartHead,
        index: u32,
        tail: Tail<'_>,
    ) -> Result<PartDone, InputError> {
        self.run(file, source, head, index, tail.first_line, tail.text)
    }

    fn run(
        &mut self,
        file: InputFile,
        source: &str,
        head: &PartHead,
        index: u32,
        first_line: u64,
        text: impl Read,
    ) -> Result<PartDone, InputError> {
        let (rows_before, issues_before) = (self.sink.inner.rows(Table::RatingsMaster), self.sink.inner.issues_total);
        let report =
            FileJob::open_part(file, source, head, first_line, text, Limits::default())?.run(&mut self.sink)?;
        let issues = std::mem::take(&mut self.sink.inner.issues);
        Ok(PartDone {
            index,
            report,
            rows: self.sink.inner.rows(Table::RatingsMaster) - rows_before,
            issues: issues.iter().map(IssueRecord::from).collect(),
            issues_total: self.sink.inner.issues_total - issues_before,
        })
    }

    /// The rating counts of every part cleaned.
    pub fn finish(self) -> (RatingStats, RatingHistograms) {
        (self.sink.inner.kept.ratings, self.sink.histograms)
    }
}

/// The parts of one file added up.
#[derive(Debug, Clone)]
pub struct PartsTotal {
    /// The file's counts.
    pub report: FileReport,
    /// Rows of `ratings_master`.
    pub rows: u64,
    /// The first [`DEFAULT_ISSUE_CAP`] error-log rows, in file order.
    pub issues: Vec<Issue>,
    /// Error-log rows in all.
    pub issues_total: u64,
    /// Ratings count and sum per MovieLens movie.
    pub ratings: RatingStats,
    /// Ratings per half star per MovieLens movie.
    pub histograms: RatingHistograms,
}

impl PartsTotal {
    /// The total before any part: the header alone.
    pub fn new(file: InputFile, source: &str, head: &PartHead) -> Self {
        PartsTotal {
            report: head.report(file, source),
            rows: 0,
            issues: Vec::new(),
            issues_total: 0,
            ratings: RatingStats::default(),
            histograms: RatingHistograms::default(),
        }
    }

    /// Adds the next part in file order.
    pub fn add_part(&mut self, part: PartDone) {
        self.report.absorb(&part.report);
        self.rows += part.rows;
        self.issues_total += part.issues_total;
        let room = DEFAULT_ISSUE_CAP.saturating_sub(self.issues.len());
        self.issues.extend(part.issues.into_iter().take(room).map(IssueRecord::into_issue));
    }

    /// Adds the rating counts one cleaner kept.
    pub fn add_counts(&mut self, ratings: RatingStats, histograms: &RatingHistograms) {
        self.ratings.merge(ratings);
        self.histograms.merge(histograms);
    }
}

impl PagesSink<CollectSink> {
    /// Takes in a file cleaned in parts, as if its rows had come through this sink.
    pub fn absorb(&mut self, total: PartsTotal) {
        self.inner.absorb(total.rows, total.issues, total.issues_total, total.ratings);
        self.histograms.merge(&total.histograms);
    }
}
