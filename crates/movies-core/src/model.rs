//! The rows of the cleaned tables and of the error log.

use std::borrow::Cow;

use crate::input::InputFile;
use crate::pyliteral::{FromDict, Scalar};
use crate::values::Date;

/// One movie of `movies_master`, with the genres and companies that feed
/// `movies_aggregated` and the metrics.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Movie {
    /// TMDB id, positive and unique.
    pub id: i64,
    /// Title shown to users.
    pub title: Option<String>,
    /// Title in the original language.
    pub original_title: Option<String>,
    /// ISO 639-1 code of the original language.
    pub original_language: Option<String>,
    /// Adult film flag.
    pub adult: Option<bool>,
    /// Video (not theatrical) flag.
    pub video: Option<bool>,
    /// Release status (`Released`, `Rumored`, ...).
    pub status: Option<String>,
    /// Release date.
    pub release_date: Option<Date>,
    /// Budget in dollars; `None` when unknown (the source's `0`).
    pub budget: Option<f64>,
    /// Revenue in dollars; `None` when unknown.
    pub revenue: Option<f64>,
    /// TMDB popularity score.
    pub popularity: Option<f64>,
    /// Running time in minutes.
    pub runtime: Option<f64>,
    /// Mean TMDB vote.
    pub vote_average: Option<f64>,
    /// Number of TMDB votes.
    pub vote_count: Option<i64>,
    /// IMDb id (`tt0114709`).
    pub imdb_id: Option<String>,
    /// Official web site.
    pub homepage: Option<String>,
    /// Tagline.
    pub tagline: Option<String>,
    /// Plot overview.
    pub overview: Option<String>,
    /// TMDB poster image path.
    pub poster_path: Option<String>,
    /// TMDB id of the collection the movie belongs to.
    pub collection_id: Option<i64>,
    /// Name of that collection.
    pub collection_name: Option<String>,
    /// Genres, distinct by id, in source order.
    pub genres: Vec<Named>,
    /// Production companies, distinct by id, in source order.
    pub companies: Vec<Named>,
}

impl Movie {
    /// Year of the release date.
    pub fn release_year(&self) -> Option<i32> {
        self.release_date.map(|d| i32::from(d.year))
    }

    /// `revenue - budget` when both are known.
    pub fn profit(&self) -> Option<f64> {
        Some(self.revenue? - self.budget?)
    }
}

/// An `{'id': ..., 'name': ...}` entry: a genre, company, keyword or collection.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Named {
    /// TMDB id.
    pub id: i64,
    /// Display name.
    pub name: Option<String>,
}

/// A `{'id': ..., 'name': ...}` dict as parsed, before validation.
#[derive(Debug, Default)]
pub struct NamedEntry<'a> {
    /// The `id` value when it is an integer.
    pub id: Option<i64>,
    /// The `name` value.
    pub name: Option<Cow<'a, str>>,
}

impl<'a> FromDict<'a> for NamedEntry<'a> {
    fn set(&mut self, key: &str, value: Scalar<'a>) {
        match key {
            "id" => self.id = value.as_int(),
            "name" => self.name = value.into_text(),
            _ => {}
        }
    }
}

/// One entry of a `cast` literal.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct CastEntry<'a> {
    /// Position of the entry in TMDB's cast list.
    pub cast_id: Option<i64>,
    /// Character played.
    pub character: Option<Cow<'a, str>>,
    /// TMDB credit id.
    pub credit_id: Option<Cow<'a, str>>,
    /// 0 unknown, 1 female, 2 male.
    pub gender: Option<i64>,
    /// TMDB person id.
    pub person_id: Option<i64>,
    /// Person name.
    pub name: Option<Cow<'a, str>>,
    /// Billing order.
    pub order: Option<i64>,
    /// TMDB profile image path.
    pub profile_path: Option<Cow<'a, str>>,
}

impl<'a> FromDict<'a> for CastEntry<'a> {
    fn set(&mut self, key: &str, value: Scalar<'a>) {
        match key {
            "cast_id" => self.cast_id = value.as_int(),
            "character" => self.character = value.into_text(),
            "credit_id" => self.credit_id = value.into_text(),
            "gender" => self.gender = value.as_int(),
            "id" => self.person_id = value.as_int(),
            "name" => self.name = value.into_text(),
            "order" => self.order = value.as_int(),
            "profile_path" => self.profile_path = value.into_text(),
            _ => {}
        }
    }
}

/// One entry of a `crew` literal.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct CrewEntry<'a> {
    /// TMDB credit id.
    pub credit_id: Option<Cow<'a, str>>,
    /// Department (`Directing`, `Writing`, ...).
    pub department: Option<Cow<'a, str>>,
    /// 0 unknown, 1 female, 2 male.
    pub gender: Option<i64>,
    /// TMDB person id.
    pub person_id: Option<i64>,
    /// Job (`Director`, `Screenplay`, ...).
    pub job: Option<Cow<'a, str>>,
    /// Person name.
    pub name: Option<Cow<'a, str>>,
    /// TMDB profile image path.
    pub profile_path: Option<Cow<'a, str>>,
}

impl<'a> FromDict<'a> for CrewEntry<'a> {
    fn set(&mut self, key: &str, value: Scalar<'a>) {
        match key {
            "credit_id" => self.credit_id = value.into_text(),
            "department" => self.department = value.into_text(),
            "gender" => self.gender = value.as_int(),
            "id" => self.person_id = value.as_int(),
            "job" => self.job = value.into_text(),
            "name" => self.name = value.into_text(),
            "profile_path" => self.profile_path = value.into_text(),
            _ => {}
        }
    }
}

/// A row of `cast_master`.
#[derive(Debug, Clone, PartialEq)]
pub struct CastRow<'a> {
    /// The movie (credits.csv `id`).
    pub movie_id: i64,
    /// The cast entry.
    pub entry: CastEntry<'a>,
}

/// A row of `crew_master`.
#[derive(Debug, Clone, PartialEq)]
pub struct CrewRow<'a> {
    /// The movie (credits.csv `id`).
    pub movie_id: i64,
    /// The crew entry.
    pub entry: CrewEntry<'a>,
}

/// A row of `keywords_master`.
#[derive(Debug, Clone, PartialEq)]
pub struct KeywordRow<'a> {
    /// The movie.
    pub movie_id: i64,
    /// TMDB keyword id.
    pub keyword_id: i64,
    /// The keyword.
    pub keyword: Option<Cow<'a, str>>,
}

/// A row of `links_master`.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkRow {
    /// MovieLens movie id.
    pub movielens_id: i64,
    /// IMDb id (`tt0114709`).
    pub imdb_id: Option<String>,
    /// TMDB id, when known.
    pub tmdb_id: Option<i64>,
}

/// A row of `ratings_master`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RatingRow {
    /// MovieLens user id.
    pub user_id: i64,
    /// MovieLens movie id.
    pub movielens_id: i64,
    /// Stars, 0.5 to 5.
    pub rating: f64,
    /// Unix time of the rating.
    pub timestamp: Option<i64>,
    /// The input text of the four values, when each is already written exactly as
    /// the export writes it (see [`Verbatim`]).
    pub verbatim: Option<Verbatim>,
}

/// The text of a short row whose values are all already in their export form
/// (integers without sign or leading zero, floats in shortest form, nulls empty),
/// kept as the row's CSV line: the writers copy it instead of formatting numbers
/// again. The ratings file is 26 million such rows, and formatting them was most of
/// its cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verbatim {
    line: [u8; Verbatim::CAPACITY],
    ends: [u8; 4],
}

impl Verbatim {
    /// Longest line kept (a ratings line is about 30 bytes).
    pub const CAPACITY: usize = 48;

    /// The four fields joined by commas, when they fit.
    pub fn new(fields: [&[u8]; 4]) -> Option<Self> {
        let mut verbatim = Verbatim { line: [0; Self::CAPACITY], ends: [0; 4] };
        let mut len = 0;
        for (i, field) in fields.iter().enumerate() {
            let start = len + usize::from(i > 0);
            let end = start + field.len();
            if end > Self::CAPACITY {
                return None;
            }
            if i > 0 {
                verbatim.line[len] = b',';
            }
            verbatim.line[start..end].copy_from_slice(field);
            verbatim.ends[i] = end as u8;
            len = end;
        }
        Some(verbatim)
    }

    /// `head` then `tail` as one line, whose field ends in `head ++ cut ++ tail` are
    /// `ends` (`cut` bytes between the two were left out, all after the third field's
    /// new end). The caller checked the fields and that the line fits.
    #[inline]
    pub(crate) fn joined(head: &[u8], tail: &[u8], cut: usize, ends: [usize; 4]) -> Self {
        let mut verbatim = Verbatim { line: [0; Self::CAPACITY], ends: [0; 4] };
        verbatim.line[..head.len()].copy_from_slice(head);
        verbatim.line[head.len()..head.len() + tail.len()].copy_from_slice(tail);
        verbatim.ends = [ends[0] as u8, ends[1] as u8, (ends[2] - cut) as u8, (ends[3] - cut) as u8];
        verbatim
    }

    /// The CSV line (without its line break).
    #[inline]
    pub fn line(&self) -> &[u8] {
        &self.line[..usize::from(self.ends[3])]
    }

    /// The text of field `i` (0 to 3).
    #[inline]
    pub fn field(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { usize::from(self.ends[i - 1]) + 1 };
        &self.line[start..usize::from(self.ends[i])]
    }
}

/// Whether a logged problem cost the row or only one value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The record was rejected.
    Error,
    /// The record was kept; the value was set to null (or the record repaired).
    Warning,
}

impl Severity {
    /// The word written in the error log.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A row of the error log.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// Which input file.
    pub file: InputFile,
    /// Line of the record's start in that file (1 = header).
    pub line: u64,
    /// The record's movie id, when it could be read.
    pub movie_id: Option<i64>,
    /// Rejected row or nulled value.
    pub severity: Severity,
    /// The column concerned, when one is.
    pub column: Option<&'static str>,
    /// What is wrong, in words.
    pub reason: Cow<'static, str>,
    /// The offending text, cut to its first 200 characters.
    pub raw_value: Option<String>,
}

/// How many characters of an offending value the error log keeps.
pub const RAW_VALUE_CHARS: usize = 200;

/// The first [`RAW_VALUE_CHARS`] characters of `text`.
pub fn raw_excerpt(text: &str) -> String {
    match text.char_indices().nth(RAW_VALUE_CHARS) {
        Some((cut, _)) => text[..cut].to_owned(),
        None => text.to_owned(),
    }
}
