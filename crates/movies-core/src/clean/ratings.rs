//! `ratings.csv` → `ratings_master`, the 26-million-row stream.

use std::io;

use super::{optional, required, Cleaner, ColumnSpec, Emit, Record, Rejection};
use crate::input::InputFile;
use crate::model::{RatingRow, Verbatim};
use crate::records::Fields;
use crate::sink::Sink;
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
    fn plain_line(&mut self, fields: Fields<'_>, sink: &mut dyn Sink) -> Option<io::Result<()>> {
        let mut row = plain_rating(fields)?;
        if !sink.writes_rows() {
            // Only counted: the same row as the full checks give then.
            row.verbatim = None;
        }
        Some(sink.rating(&row))
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
            // Plain lines read in place took `plain_line`; these are rarer (quoted, columns
            // reordered, no timestamp), so their text is simply assembled.
            row.verbatim =
                values::export_decimal(stars).and_then(|rating| Verbatim::new([user, movie, rating, timestamp]));
        }
        out.sink.rating(&row)
    }
}

/// A ratings line in its plain form, checked in one pass over its fields (read in
/// place, so their ends are known): `user,movie,stars,timestamp` with the ids
/// (positive) and the timestamp written as the export writes integers, and the stars
/// as `D` or `D.D` between 0.5 and 5. Such a line passes every check of
/// [`RatingsCleaner`], gives no warning and is copied to the export as it is (a `.0`
/// dropped from the stars); `None` sends anything else through the full checks.
#[inline]
fn plain_rating(fields: Fields<'_>) -> Option<RatingRow> {
    let line = fields.line().filter(|line| fields.len() == 4 && line.len() <= Verbatim::CAPACITY)?;
    let (user, movie, stars, timestamp) = (fields.get(0), fields.get(1), fields.get(2), fields.get(3));
    let user_id = values::export_int(user).filter(|&id| id > 0)?;
    let movielens_id = values::export_int(movie).filter(|&id| id > 0)?;
    let timestamp_value = values::export_int(timestamp)?;
    // Tenths of a star, divided once: the same correctly rounded double as parsing the text.
    let (tenths, whole_only) = match *stars {
        [whole @ b'0'..=b'5'] => (u32::from(whole - b'0') * 10, false),
        [whole @ b'0'..=b'5', b'.', tenth @ b'0'..=b'9'] => {
            (u32::from(whole - b'0') * 10 + u32::from(tenth - b'0'), tenth == b'0')
        }
        _ => return None,
    };
    if tenths == 0 || tenths > 50 {
        return None;
    }
    let stars_start = user.len() + movie.len() + 2;
    let ends = [user.len(), stars_start - 1, stars_start + stars.len(), line.len()];
    // `4.0` is written `4`: the line without its `.0`.
    let verbatim = if whole_only {
        Verbatim::joined(&line[..stars_start + 1], &line[stars_start + 3..], 2, ends)
    } else {
        Verbatim::joined(line, &[], 0, ends)
    };
    Some(RatingRow {
        user_id,
        movielens_id,
        rating: f64::from(tenths) / 10.0,
        timestamp: Some(timestamp_value),
        verbatim: Some(verbatim),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the full checks make of a line, for comparison with the one-pass path.
    fn checked(line: &str) -> Option<RatingRow> {
        let fields: Vec<&[u8]> = line.split(',').map(str::as_bytes).collect();
        let data: Vec<u8> = fields.concat();
        let ends: Vec<usize> = fields.iter().scan(0, |end, f| Some(*end + f.len()).inspect(|e| *end = *e)).collect();
        let positions = [Some(0), Some(1), Some(2), Some(3)];
        let rec = Record::new(crate::records::Fields::new(&data, &ends), &positions);
        let row = RatingsCleaner.check(&rec).ok()?;
        let timestamp = values::export_int(fields[3]);
        let rating = values::export_decimal(fields[2])?;
        Some(RatingRow { timestamp, verbatim: Verbatim::new([fields[0], fields[1], rating, fields[3]]), ..row })
    }

    /// A reader positioned on `line`, read in place.
    fn in_place(line: &str) -> crate::records::RecordReader<std::io::Cursor<Vec<u8>>> {
        let text = std::io::Cursor::new(format!("{line}\n").into_bytes());
        let mut reader = crate::records::RecordReader::new(text, crate::records::Limits::default());
        assert_eq!(reader.next_record().unwrap(), crate::records::Next::Record);
        assert_eq!(reader.fields().line(), Some(line.as_bytes()), "{line} read in place");
        reader
    }

    #[test]
    fn plain_lines_give_the_rows_the_full_checks_give() {
        for line in ["1,110,1.0,1425941529", "7,2058,3.5,1232889647", "12,5,5,964982703", "3,31,0.5,1", "4,1,5.0,0"] {
            let plain = plain_rating(in_place(line).fields());
            assert!(plain.is_some(), "{line} should take the one-pass path");
            assert_eq!(plain, checked(line), "{line}");
        }
    }

    #[test]
    fn anything_unusual_takes_the_full_checks() {
        for line in [
            "0,110,1.0,1425941529",   // id 0
            "1,0110,1.0,1425941529",  // leading zero
            "1,-5,1.0,1425941529",    // negative id
            "1,110,5.5,1425941529",   // over 5 stars
            "1,110,0.0,1425941529",   // no stars
            "1,110,3.25,1425941529",  // two decimals
            "1,110,NaN,1425941529",   // not a number
            "1,110,4.0,",             // no timestamp
            "1,110,4.0,1e9",          // timestamp not an integer
            "1,110,4.0,1425941529,9", // a fifth field
            "1,110, 4.0,1425941529",  // padded
            "1,110,4.,1425941529",    // a bare point
            "1,110,,1425941529",      // no stars
            ",110,4.0,1425941529",    // no user
        ] {
            assert_eq!(plain_rating(in_place(line).fields()), None, "{line}");
        }
    }
}
