//! `links.csv` → `links_master`.

use std::io;

use super::{optional, required, Cleaner, ColumnSpec, Emit, Record, Rejection, SeenIds};
use crate::input::InputFile;
use crate::model::LinkRow;
use crate::values;

const MOVIE_ID: usize = 0;
const IMDB_ID: usize = 1;
const TMDB_ID: usize = 2;

/// Cleans link records; an empty `tmdbId` is kept as null (a known gap of the source).
#[derive(Default)]
pub(crate) struct LinksCleaner {
    seen: SeenIds,
}

impl Cleaner for LinksCleaner {
    const FILE: InputFile = InputFile::Links;
    const COLUMNS: &'static [ColumnSpec] = &[required("movieId"), optional("imdbId"), required("tmdbId")];
    type Checked = i64;

    fn check(&self, rec: &Record<'_>) -> Result<i64, Rejection> {
        let raw = rec.get(MOVIE_ID);
        let id = values::positive_id(raw).map_err(|reason| Rejection::value("movieId", reason, raw))?;
        self.seen.check("movieId", id)?;
        Ok(id)
    }

    fn record_id(checked: &i64) -> Option<i64> {
        Some(*checked)
    }

    fn emit(&mut self, movielens_id: i64, rec: &Record<'_>, out: &mut Emit<'_>) -> io::Result<()> {
        self.seen.insert(movielens_id, out.line);
        let imdb_text = out.text("imdbId", rec.get(IMDB_ID))?;
        let imdb_id = match values::imdb_id(&imdb_text) {
            Ok(id) => id,
            Err(reason) => {
                out.warn("imdbId", reason, &imdb_text)?;
                None
            }
        };
        let tmdb_id = out.or_warn("tmdbId", rec.get(TMDB_ID), |raw| {
            if raw.trim_ascii().is_empty() {
                Ok(None)
            } else {
                values::positive_id(raw).map(Some)
            }
        })?;
        out.sink.link(&LinkRow { movielens_id, imdb_id, tmdb_id })
    }
}
