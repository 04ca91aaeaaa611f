//! A [`Sink`] that keeps what an interactive view needs, with bounded memory.
//!
//! It keeps the movies, links and rating counts ([`Kept`]), counts the
//! rows of every streamed table without keeping them, and keeps the error log up to a
//! cap (the count stays exact; an export re-reads the input to write every row).

use std::io;

use crate::kept::Kept;
use crate::model::{CastRow, CrewRow, Issue, KeywordRow, LinkRow, Movie, RatingRow};
use crate::schema::Table;
use crate::sink::Sink;

/// Error-log rows kept in memory by default.
pub const DEFAULT_ISSUE_CAP: usize = 100_000;

/// Keeps movies and the first error-log rows; counts everything.
#[derive(Debug)]
pub struct CollectSink {
    /// Movies, links and rating counts received.
    pub kept: Kept,
    /// The first `issue_cap` error-log rows.
    pub issues: Vec<Issue>,
    /// All error-log rows received, kept or not.
    pub issues_total: u64,
    rows: Vec<u64>,
    issue_cap: usize,
}

impl Default for CollectSink {
    fn default() -> Self {
        CollectSink::new(DEFAULT_ISSUE_CAP)
    }
}

impl CollectSink {
    /// A sink keeping at most `issue_cap` error-log rows.
    pub fn new(issue_cap: usize) -> Self {
        CollectSink {
            kept: Kept::default(),
            issues: Vec::new(),
            issues_total: 0,
            rows: vec![0; Table::ALL.len()],
            issue_cap,
        }
    }

    /// Rows received for a streamed table (or the error log).
    pub fn rows(&self, table: Table) -> u64 {
        self.rows[table as usize]
    }

    /// Takes in ratings.csv cleaned elsewhere (in parts, see [`crate::parts`]): its
    /// `rows` of `ratings_master`, its error-log rows (the first of `issues_total`) and
    /// its rating counts.
    pub fn absorb(&mut self, rows: u64, issues: Vec<Issue>, issues_total: u64, ratings: crate::kept::RatingStats) {
        self.rows[Table::RatingsMaster as usize] += rows;
        self.rows[Table::ErrorLog as usize] += issues_total;
        self.issues_total += issues_total;
        let room = self.issue_cap.saturating_sub(self.issues.len());
        self.issues.extend(issues.into_iter().take(room));
        self.kept.ratings.merge(ratings);
    }

    fn count(&mut self, table: Table) -> io::Result<()> {
        self.rows[table as usize] += 1;
        Ok(())
    }
}

impl Sink for CollectSink {
    fn movie(&mut self, movie: Movie) -> io::Result<()> {
        self.kept.movies.push(movie);
        Ok(())
    }
    fn keyword(&mut self, _: &KeywordRow<'_>) -> io::Result<()> {
        self.count(Table::KeywordsMaster)
    }
    fn cast(&mut self, _: &CastRow<'_>) -> io::Result<()> {
        self.count(Table::CastMaster)
    }
    fn crew(&mut self, _: &CrewRow<'_>) -> io::Result<()> {
        self.count(Table::CrewMaster)
    }
    fn link(&mut self, row: &LinkRow) -> io::Result<()> {
        self.kept.links.insert(row.movielens_id, row.tmdb_id);
        self.count(Table::LinksMaster)
    }
    fn rating(&mut self, row: &RatingRow) -> io::Result<()> {
        self.kept.ratings.add(row.movielens_id, row.rating);
        self.count(Table::RatingsMaster)
    }
    fn issue(&mut self, issue: &Issue) -> io::Result<()> {
        self.issues_total += 1;
        if self.issues.len() < self.issue_cap {
            self.issues.push(issue.clone());
        }
        self.count(Table::ErrorLog)
    }
}
