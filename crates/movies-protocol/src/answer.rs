//! The answers to the page's queries, and the rows they carry.

use serde::{Deserialize, Serialize};

use crate::{
    CompanyGenreYear, CompanyYear, InputFile, MovieList, MoviePage, MovieQuery, PersonHit, PersonPage, Ranking,
    RankingQuery, Severity, TitleHit, UserError,
};

/// The answer to a query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "answer", rename_all = "snake_case")]
pub enum Answer {
    /// Answer to [`crate::Request::Companies`].
    Companies {
        /// Their `company_year` rows.
        company_year: Vec<CompanyYear>,
        /// Their `company_genre_year` rows.
        company_genre_year: Vec<CompanyGenreYear>,
    },
    /// Answer to [`crate::Request::ErrorLog`].
    ErrorLog {
        /// Rows matching the query (in memory).
        matching: u64,
        /// Rows in the whole error log.
        total: u64,
        /// Rows kept in memory for browsing (the export has them all).
        kept: u64,
        /// The page asked for.
        rows: Vec<IssueRow>,
    },
    /// Answer to [`crate::Request::Movies`].
    Movies {
        /// The question answered.
        query: MovieQuery,
        /// Its movies and their totals.
        list: MovieList,
        /// Whether ratings.csv and links.csv were read (else every movie has none yet).
        rated: bool,
        /// Whether the flags come from the whole error log (else from the rows kept in
        /// memory: see [`Answer::ErrorLog`]).
        flags_complete: bool,
    },
    /// Answer to [`crate::Request::Movie`].
    Movie {
        /// The movie asked for.
        movie_id: i64,
        /// Its page; `None` when no file of the load mentions it.
        page: Option<Box<MoviePage>>,
        /// Its rows of the error log (those kept in memory).
        issues: Vec<IssueRow>,
    },
    /// Answer to [`crate::Request::Person`].
    Person {
        /// The person asked for.
        person_id: i64,
        /// Their page; `None` when no credit names them.
        page: Option<Box<PersonPage>>,
        /// Whether the credits were read (else the load has not got there yet).
        credits_read: bool,
    },
    /// Answer to a [`crate::Request::Search`] of titles.
    Titles {
        /// The text searched.
        text: String,
        /// The best matches, best first.
        hits: Vec<TitleHit>,
    },
    /// Answer to a [`crate::Request::Search`] of people.
    People {
        /// The text searched.
        text: String,
        /// The best matches, best first.
        hits: Vec<PersonHit>,
        /// Whether the credits were read (else there is no one to find yet).
        credits_read: bool,
    },
    /// Answer to [`crate::Request::CompanyRanking`].
    CompanyRanking {
        /// The question answered.
        query: RankingQuery,
        /// The companies, best first.
        ranking: Ranking,
        /// Whether ratings.csv and links.csv were read (else no company has a rating yet).
        rated: bool,
    },
    /// The query could not be answered.
    Failed {
        /// Why.
        error: UserError,
    },
}

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

impl From<&movies_core::model::Issue> for IssueRow {
    fn from(issue: &movies_core::model::Issue) -> Self {
        IssueRow {
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
