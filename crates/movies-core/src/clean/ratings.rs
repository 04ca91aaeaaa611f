//! `ratings.csv` → `ratings_master`, the 26-million-row stream.

use std::io;

use super::{optional, required, Cleaner, ColumnSpec, Emit, Record, Rejection};
use crate::input::InputFile;
use crate::model::RatingRow;
use crate::values;

const USER_ID: usize = 0;
const MOVIE_ID: usize = 1;
const RATING: usize = 2;
const TIMESTAMP: usize = 3;

/// Cleans rating records. Ratings are not deduplicated (a user may re-rate a movie).
#[derive(Default)]
pub(crate) struct RatingsCleaner;

impl Cleaner for RatingsCleaner {
    const FILE: InputFile = InputFile::Ratings;
    const COLUMNS: &'static [ColumnSpec] =
        &[required("userId"), required("movieId"), required("rating"), optional("timestamp")];
    type Checked = RatingRow;

    #[inline]
    fn check(&self, rec: &Record<'_>) -> Result<RatingRow, Rejection> {
        let raw = rec.get(USER_ID);
        let user_id = values::positive_id(raw).map_err(|reason| Rejection::value("userId", reason, raw))?;
        let raw = rec.get(MOVIE_ID);
        let movielens_id = values::positive_id(raw).map_err(|reason| Rejection::value("movieId", reason, raw))?;
        let raw = rec.get(RATING);
        let rating = match values::finite_float(raw) {
            Ok(Some(r)) if r > 0.0 && r <= 5.0 => r,
            Ok(Some(_)) => return Err(Rejection::value("rating", "rating outside 0.5 to 5", raw)),
            Ok(None) => return Err(Rejection::value("rating", "rating is empty", raw)),
            Err(reason) => return Err(Rejection::value("rating", reason, raw)),
        };
        Ok(RatingRow { user_id, movielens_id, rating, timestamp: None })
    }

    fn record_id(checked: &RatingRow) -> Option<i64> {
        Some(checked.movielens_id)
    }

    #[inline]
    fn emit(&mut self, mut row: RatingRow, rec: &Record<'_>, out: &mut Emit<'_>) -> io::Result<()> {
        row.timestamp = out.or_warn("timestamp", rec.get(TIMESTAMP), values::integer)?;
        out.sink.rating(&row)
    }
}
