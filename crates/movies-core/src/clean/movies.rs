//! `movies_metadata.csv` → `movies_master` (and, through the sink, `movies_aggregated`).

use std::borrow::Cow;
use std::io;

use super::{optional, required, Cleaner, ColumnSpec, Emit, Record, Rejection, SeenIds};
use crate::input::InputFile;
use crate::model::{Movie, NamedEntry};
use crate::pyliteral::parse_dict;
use crate::values;

const ADULT: usize = 0;
const COLLECTION: usize = 1;
const BUDGET: usize = 2;
const GENRES: usize = 3;
const HOMEPAGE: usize = 4;
const ID: usize = 5;
const IMDB_ID: usize = 6;
const ORIGINAL_LANGUAGE: usize = 7;
const ORIGINAL_TITLE: usize = 8;
const OVERVIEW: usize = 9;
const POPULARITY: usize = 10;
const POSTER_PATH: usize = 11;
const COMPANIES: usize = 12;
const RELEASE_DATE: usize = 13;
const REVENUE: usize = 14;
const RUNTIME: usize = 15;
const STATUS: usize = 16;
const TAGLINE: usize = 17;
const TITLE: usize = 18;
const VIDEO: usize = 19;
const VOTE_AVERAGE: usize = 20;
const VOTE_COUNT: usize = 21;

/// Cleans movie records.
#[derive(Default)]
pub(crate) struct MoviesCleaner {
    seen: SeenIds,
}

/// The values that decide whether a movie is accepted.
pub(crate) struct CheckedMovie {
    id: i64,
    budget: Option<f64>,
    revenue: Option<f64>,
}

fn money(rec: &Record<'_>, col: usize, name: &'static str, id: i64) -> Result<Option<f64>, Rejection> {
    let raw = rec.get(col);
    values::money(raw).map_err(|reason| Rejection::value(name, reason, raw).with_id(Some(id)))
}

impl Cleaner for MoviesCleaner {
    const FILE: InputFile = InputFile::MoviesMetadata;
    const COLUMNS: &'static [ColumnSpec] = &[
        optional("adult"),
        optional("belongs_to_collection"),
        required("budget"),
        required("genres"),
        optional("homepage"),
        required("id"),
        optional("imdb_id"),
        optional("original_language"),
        optional("original_title"),
        optional("overview"),
        required("popularity"),
        optional("poster_path"),
        required("production_companies"),
        required("release_date"),
        required("revenue"),
        optional("runtime"),
        optional("status"),
        optional("tagline"),
        required("title"),
        optional("video"),
        optional("vote_average"),
        optional("vote_count"),
    ];
    type Checked = CheckedMovie;

    fn check(&self, rec: &Record<'_>) -> Result<CheckedMovie, Rejection> {
        let raw_id = rec.get(ID);
        let id = values::positive_id(raw_id).map_err(|reason| Rejection::value("id", reason, raw_id))?;
        self.seen.check("id", id)?;
        let budget = money(rec, BUDGET, "budget", id)?;
        let revenue = money(rec, REVENUE, "revenue", id)?;
        Ok(CheckedMovie { id, budget, revenue })
    }

    fn record_id(checked: &CheckedMovie) -> Option<i64> {
        Some(checked.id)
    }

    fn emit(&mut self, checked: CheckedMovie, rec: &Record<'_>, out: &mut Emit<'_>) -> io::Result<()> {
        self.seen.insert(checked.id, out.line);
        let (collection_id, collection_name) = collection(rec.get(COLLECTION), out)?;
        let movie = Movie {
            id: checked.id,
            title: out.opt_text("title", rec.get(TITLE))?,
            original_title: out.opt_text("original_title", rec.get(ORIGINAL_TITLE))?,
            original_language: out.opt_text("original_language", rec.get(ORIGINAL_LANGUAGE))?,
            adult: out.or_warn("adult", rec.get(ADULT), values::boolean)?,
            video: out.or_warn("video", rec.get(VIDEO), values::boolean)?,
            status: out.opt_text("status", rec.get(STATUS))?,
            release_date: out.or_warn("release_date", rec.get(RELEASE_DATE), values::date)?,
            budget: checked.budget,
            revenue: checked.revenue,
            popularity: out.or_warn("popularity", rec.get(POPULARITY), values::finite_float)?,
            runtime: out.or_warn("runtime", rec.get(RUNTIME), non_negative)?,
            vote_average: out.or_warn("vote_average", rec.get(VOTE_AVERAGE), values::finite_float)?,
            vote_count: out.or_warn("vote_count", rec.get(VOTE_COUNT), count)?,
            imdb_id: out.opt_text("imdb_id", rec.get(IMDB_ID))?,
            homepage: out.opt_text("homepage", rec.get(HOMEPAGE))?,
            tagline: out.opt_text("tagline", rec.get(TAGLINE))?,
            overview: out.opt_text("overview", rec.get(OVERVIEW))?,
            poster_path: out.opt_text("poster_path", rec.get(POSTER_PATH))?,
            collection_id,
            collection_name,
            genres: out.named_list("genres", rec.get(GENRES))?,
            companies: out.named_list("production_companies", rec.get(COMPANIES))?,
        };
        out.sink.movie(movie)
    }
}

/// A float that cannot be negative (runtime).
fn non_negative(raw: &[u8]) -> Result<Option<f64>, &'static str> {
    match values::finite_float(raw)? {
        Some(v) if v < 0.0 => Err("negative value"),
        other => Ok(other),
    }
}

/// A count: a non-negative integer.
fn count(raw: &[u8]) -> Result<Option<i64>, &'static str> {
    match values::integer(raw)? {
        Some(v) if v < 0 => Err("negative count"),
        other => Ok(other),
    }
}

/// The `belongs_to_collection` dict: its id and name.
fn collection(raw: &[u8], out: &mut Emit<'_>) -> io::Result<(Option<i64>, Option<String>)> {
    let text = out.text("belongs_to_collection", raw)?;
    match parse_dict::<NamedEntry<'_>>(&text) {
        Ok(Some(entry)) => Ok((entry.id, entry.name.map(Cow::into_owned))),
        Ok(None) => Ok((None, None)),
        Err(err) => {
            out.warn("belongs_to_collection", err.to_string(), &text)?;
            Ok((None, None))
        }
    }
}
