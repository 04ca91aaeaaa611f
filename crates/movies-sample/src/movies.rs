//! `movies_metadata.csv`: one 24-field row per movie, as the real file writes it (LF line
//! endings, Python literals, pandas-style numbers), with the defects of [`crate::defects`].

use crate::catalog::Movie;
use crate::csv_out::{push_field, CsvText, Eol};
use crate::pylit::{self, Py};
use crate::record::Record;
use crate::reference::{COUNTRIES, GENRES, LANGUAGES};

/// File name.
pub(crate) const FILE: &str = "movies_metadata.csv";

/// Header, in the real file's order.
pub const COLUMNS: [&str; 24] = [
    "adult",
    "belongs_to_collection",
    "budget",
    "genres",
    "homepage",
    "id",
    "imdb_id",
    "original_language",
    "original_title",
    "overview",
    "popularity",
    "poster_path",
    "production_companies",
    "production_countries",
    "release_date",
    "revenue",
    "runtime",
    "spoken_languages",
    "status",
    "tagline",
    "title",
    "video",
    "vote_average",
    "vote_count",
];

/// Column positions used by the defects.
pub(crate) mod col {
    pub(crate) const ADULT: usize = 0;
    pub(crate) const BUDGET: usize = 2;
    pub(crate) const GENRES: usize = 3;
    pub(crate) const ID: usize = 5;
    pub(crate) const OVERVIEW: usize = 9;
    pub(crate) const POPULARITY: usize = 10;
    pub(crate) const RELEASE_DATE: usize = 14;
    pub(crate) const REVENUE: usize = 15;
    pub(crate) const VIDEO: usize = 21;
}

/// The 24 text fields of a movie's row.
pub(crate) fn fields(m: &Movie) -> Vec<String> {
    let py_bool = |b: bool| if b { "True" } else { "False" }.to_string();
    let collection = m.collection.as_ref().map_or(String::new(), |c| {
        pylit::dict(&[
            ("id", Py::Int(c.id)),
            ("name", Py::Str(&c.name)),
            ("poster_path", Py::OptStr(None)),
            ("backdrop_path", Py::OptStr(Some(&c.backdrop))),
        ])
    });
    vec![
        py_bool(m.adult),
        collection,
        m.budget.to_string(),
        pylit::list_of(&m.genres, |&g| vec![("id", Py::Int(GENRES[g].id)), ("name", Py::Str(GENRES[g].name))]),
        m.homepage.clone(),
        m.id.to_string(),
        format!("tt{:07}", m.imdb),
        LANGUAGES[m.language].0.to_string(),
        m.original_title.clone(),
        m.overview.clone(),
        pylit::float(m.popularity),
        m.poster.clone(),
        pylit::list_of(&m.companies, |(id, name)| vec![("name", Py::Str(name)), ("id", Py::Int(*id))]),
        pylit::list_of(&m.countries, |&c| {
            vec![("iso_3166_1", Py::Str(COUNTRIES[c].code)), ("name", Py::Str(COUNTRIES[c].name))]
        }),
        m.date.map_or(String::new(), |(y, mo, d)| format!("{y:04}-{mo:02}-{d:02}")),
        m.revenue.to_string(),
        m.runtime.map_or(String::new(), pylit::float),
        pylit::list_of(&m.spoken, |&l| vec![("iso_639_1", Py::Str(LANGUAGES[l].0)), ("name", Py::Str(LANGUAGES[l].1))]),
        m.status.to_string(),
        m.tagline.clone(),
        m.title.clone(),
        py_bool(m.video),
        pylit::float(m.vote_average),
        m.vote_count.to_string(),
    ]
}

/// The file's bytes: header, then every record.
pub(crate) fn write(records: &[Record]) -> Vec<u8> {
    let mut out = CsvText::new(Eol::Lf);
    out.record(&COLUMNS);
    for record in records {
        match record {
            Record::Row(fields) => out.record(fields),
            Record::Split { fields, head, tail } => {
                // The stray line break cuts `overview`, which is written unquoted: the
                // first line ends inside it, the second line starts with its rest.
                let mut first = String::new();
                for field in &fields[..col::OVERVIEW] {
                    push_field(&mut first, field);
                    first.push(',');
                }
                first.push_str(head);
                out.raw_line(&first);
                let mut second = tail.clone();
                for field in &fields[col::OVERVIEW + 1..] {
                    second.push(',');
                    push_field(&mut second, field);
                }
                out.raw_line(&second);
            }
        }
    }
    out.into_bytes()
}
