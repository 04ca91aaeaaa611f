//! Where cleaned rows go: the [`Sink`] trait.
//!
//! The cleaners push every row and every error-log entry into a sink. The command-line
//! tool's sink writes files as the rows stream by; the browser's keeps what the charts
//! need; tests collect everything.

use std::io;

use crate::model::{CastRow, CrewRow, Issue, KeywordRow, LinkRow, Movie, RatingRow};

/// Receives the rows of the cleaned tables and the error log.
///
/// Rows that borrow from the input are only valid during the call.
pub trait Sink {
    /// A movie of `movies_master` (its `movies_aggregated` rows derive from it).
    fn movie(&mut self, movie: Movie) -> io::Result<()>;
    /// A row of `keywords_master`.
    fn keyword(&mut self, row: &KeywordRow<'_>) -> io::Result<()>;
    /// A row of `cast_master`.
    fn cast(&mut self, row: &CastRow<'_>) -> io::Result<()>;
    /// A row of `crew_master`.
    fn crew(&mut self, row: &CrewRow<'_>) -> io::Result<()>;
    /// A row of `links_master`.
    fn link(&mut self, row: &LinkRow) -> io::Result<()>;
    /// A row of `ratings_master`.
    fn rating(&mut self, row: &RatingRow) -> io::Result<()>;
    /// A row of the error log.
    fn issue(&mut self, issue: &Issue) -> io::Result<()>;
    /// Whether the sink writes rows out, so that keeping their text in export form
    /// ([`crate::model::Verbatim`]) saves it formatting them; a sink that only counts
    /// says no and the cleaner skips that work.
    fn writes_rows(&self) -> bool {
        false
    }
}
