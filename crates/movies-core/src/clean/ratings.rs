//! `ratings.csv` → `ratings_master`, the 26-million-row stream.

use std::io;

use super::{optional, required, Cleaner, ColumnSpec, Emit, Record, Rejection};
use crate::input::InputFile;
use crate::model::{RatingRow, Verbatim};
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
        let (user, movie, stars) = (rec.get(USER_ID), rec.get(MOVIE_ID), rec.get(RATING));
        let id = |raw: &[u8], column: &'static str| match values::export_int(raw).filter(|&v| v > 0) {
            Some(v) => Ok(v),
            None => values::positive_id(raw).map_err(|reason| Rejection::value(column, reason, raw)),
        };
        let user_id = id(user, "userId")?;
        let movielens_id = id(movie, "movieId")?;
        let rating = match values::finite_float(stars) {
            Ok(Some(r)) if r > 0.0 && r <= 5.0 => r,
            Ok(Some(_)) => return Err(Rejection::value("rating", "rating outside 0.5 to 5", stars)),
            Ok(None) => return Err(Rejection::value("rating", "rating is empty", stars)),
            Err(reason) => return Err(Rejection::value("rating", reason, stars)),
        };
        Ok(RatingRow { user_id, movielens_id, rating, timestamp: None, verbatim: None })
    }

    fn record_id(checked: &RatingRow) -> Option<i64> {
        Some(checked.movielens_id)
    }

    #[inline]
    fn emit(&mut self, mut row: RatingRow, rec: &Record<'_>, out: &mut Emit<'_>) -> io::Result<()> {
        let timestamp = rec.get(TIMESTAMP);
        let exact_timestamp = values::export_int(timestamp);
        row.timestamp = match exact_timestamp {
            Some(t) => Some(t),
            None => out.or_warn("timestamp", timestamp, values::integer)?,
        };
        let (user, movie, stars) = (rec.get(USER_ID), rec.get(MOVIE_ID), rec.get(RATING));
        let in_export_form = out.sink.writes_rows()
            && (exact_timestamp.is_some() || timestamp.is_empty())
            && values::is_export_int(user)
            && values::is_export_int(movie);
        if in_export_form {
            row.verbatim = match (values::export_decimal(stars), rec.line_in_order()) {
                (Some(rating), Some(line)) if rating.len() == stars.len() => Verbatim::from_line(line),
                (Some(rating), _) => Verbatim::new([user, movie, rating, timestamp]),
                (None, _) => None,
            };
        }
        out.sink.rating(&row)
    }
}
