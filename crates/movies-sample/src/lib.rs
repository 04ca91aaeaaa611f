//! A small, deterministic, entirely synthetic copy of Kaggle's "The Movies Dataset": the
//! sample the web explorer opens with "Try the sample", and the fixture tests use.
//!
//! Everything is invented by this crate's own code (titles, companies, people, keywords)
//! and drawn from a fixed seed, so [`sample_files`] and [`write_sample_zip`] give the same
//! bytes on every run and platform. The shape follows the real files: same headers and
//! column order, Python-literal columns, `csv.writer` quoting, multi-line overviews, LF
//! line endings in `movies_metadata.csv` and CRLF in the four others.
//!
//! | file | records | content |
//! | --- | --- | --- |
//! | `movies_metadata.csv` | 1,507 (1,500 movies + 4 duplicate rows + 3 split halves) | released 1950-2017, more in recent years; 20 TMDB genres; 150 companies, 6 of them big studios active in every year; skewed popularity; ~80% budgets and ~84% revenues `0` |
//! | `credits.csv` | 1,499 | cast and crew literals (a few entries each) |
//! | `keywords.csv` | 1,499 | keyword literals, about a third `[]` |
//! | `links.csv` | 1,501 | MovieLens ids from 1, 7-digit `imdbId`, `tmdbId` = movie id (3 empty) |
//! | `ratings.csv` | 40,000 | by user then movie, half stars (4 off-grid), unix timestamps |
//!
//! ```
//! use movies_sample::{injected_quirks, sample_files, QuirkKind};
//!
//! let files = sample_files();
//! assert_eq!(files[0].name, "movies_metadata.csv");
//! let splits = injected_quirks()
//!     .into_iter()
//!     .filter(|q| q.kind == QuirkKind::SplitRecord)
//!     .count();
//! assert_eq!(splits, 3);
//! ```
//!
//! ```no_run
//! let file = std::fs::File::create("the-movies-dataset-sample.zip")?;
//! movies_sample::write_sample_zip(file)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Injected quirks
//!
//! Every defect and tricky form of `SPEC.md` is present at least once, in the textual
//! form of the real data. [`injected_quirks`] returns the list below as data (one
//! [`Quirk`] per movie and kind); the variants of [`QuirkKind`] say what the cleaner
//! does with each. Movie ids are TMDB ids; "-" means the quirk is not on one movie. The
//! movie-level lists are exhaustive for the defects (duplicates, split records, float or
//! unparsable money, bad or empty dates, spreadsheet values, malformed literal, bad ids):
//! no other row has them.
//!
//! <!-- quirk table: generated, checked by tests/sample/quirks.rs -->
//! | file | kind | movie ids | details |
//! | --- | --- | --- | --- |
//! | `movies_metadata.csv` | [`Collection`](QuirkKind::Collection) | 395142 | `belongs_to_collection` = `{'id': …, 'name': '… Collection', 'poster_path': None, 'backdrop_path': '/….jpg'}`: collection id and name filled |
//! | `movies_metadata.csv` | [`NoneInLiteral`](QuirkKind::NoneInLiteral) | 395142 | that collection's `'poster_path': None` is null |
//! | `movies_metadata.csv` | [`TrueFlag`](QuirkKind::TrueFlag) | 214940 | `video` = `True` |
//! | `movies_metadata.csv` | [`MultilineOverview`](QuirkKind::MultilineOverview) | 309080, 348014 | quoted overview ending `\n - Written by Ilse Marwood`, and one with a blank line |
//! | `movies_metadata.csv` | [`DoubleQuotedString`](QuirkKind::DoubleQuotedString) | 120983 | `{'name': "Children's Film Studio", 'id': …}` |
//! | `movies_metadata.csv` | [`BackslashEscape`](QuirkKind::BackslashEscape) | 300016 | `{'name': 'Kestrel\'s "Night Owl" Pictures', 'id': …}` |
//! | `movies_metadata.csv` | [`SharedCompanyName`](QuirkKind::SharedCompanyName) | 185855, 284026 | `Northwind Pictures` under two ids, one movie each: two companies |
//! | `movies_metadata.csv` | [`CompanyNameVariant`](QuirkKind::CompanyNameVariant) | 98582, 101953 | one company id listed as `Redwood Films` (98582 and a few others) and as `Redwood Films Ltd.` (101953): one company, displayed `Redwood Films` |
//! | `movies_metadata.csv` | [`NonAsciiText`](QuirkKind::NonAsciiText) | 16780, 341448 | original titles `L'Été des Châteaux de Verre` (fr) and `夜の港の約束` (ja), kept intact |
//! | `movies_metadata.csv` | [`HtmlLikeText`](QuirkKind::HtmlLikeText) | 113508 | title `The <b>Salt &amp; "Pepper"</b> Show` (quotes doubled in the CSV field), kept verbatim |
//! | `movies_metadata.csv` | [`Profit`](QuirkKind::Profit) | 341841 | revenue > budget > 0: positive profit |
//! | `movies_metadata.csv` | [`Loss`](QuirkKind::Loss) | 149271 | 0 < revenue < budget: negative profit |
//! | `movies_metadata.csv` | [`UnknownRevenue`](QuirkKind::UnknownRevenue) | 391749 | budget known, revenue `0`: revenue and profit null |
//! | `movies_metadata.csv` | [`NoGenres`](QuirkKind::NoGenres) | 195150 | `genres` = `[]`: null genre in `movies_aggregated`, not in `genre_year` |
//! | `movies_metadata.csv` | [`NoCompanies`](QuirkKind::NoCompanies) | 298362 | `production_companies` = `[]`: null company, not in the company tables |
//! | `movies_metadata.csv` | [`SplitRecord`](QuirkKind::SplitRecord) | 440273, 179183, 426380 | 10 + 15 fields, the second line starting ` - Written by …`: repaired, 2 read + 2 accepted each |
//! | `movies_metadata.csv` | [`DuplicateIdExact`](QuirkKind::DuplicateIdExact) | 423825, 404518, 198708 | exact later copy: rejected ("duplicate id") |
//! | `movies_metadata.csv` | [`DuplicateIdOtherPopularity`](QuirkKind::DuplicateIdOtherPopularity) | 218536 | later copy with another popularity: rejected, the first row's popularity kept |
//! | `movies_metadata.csv` | [`FloatBudget`](QuirkKind::FloatBudget) | 285540, 149855 | budget `2700000.0`, `7800000.0`: parsed as numbers |
//! | `movies_metadata.csv` | [`FloatRevenue`](QuirkKind::FloatRevenue) | 157289, 146843 | revenue `101769284.0`, `2135392.0`: parsed as numbers |
//! | `movies_metadata.csv` | [`UnparsableBudget`](QuirkKind::UnparsableBudget) | 323370, 314061 | budget `unknown`, `"1,500,000"`: rows rejected |
//! | `movies_metadata.csv` | [`EmptyReleaseDate`](QuirkKind::EmptyReleaseDate) | 273484, 36019, 414030, 351912, 198427, 255309 | empty date: null year, no per-year metrics |
//! | `movies_metadata.csv` | [`ImpossibleReleaseDate`](QuirkKind::ImpossibleReleaseDate) | 20573 | `2015-02-30`: null date plus a warning |
//! | `movies_metadata.csv` | [`SpreadsheetDate`](QuirkKind::SpreadsheetDate) | 270034, 370789 | `4/17/1998`, `8/10/1999`: accepted as 1998-04-17, 1999-08-10 |
//! | `movies_metadata.csv` | [`SpreadsheetBoolean`](QuirkKind::SpreadsheetBoolean) | 270034, 370789 | `adult` `FALSE`, `video` `FALSE` / `TRUE` |
//! | `movies_metadata.csv` | [`MalformedLiteral`](QuirkKind::MalformedLiteral) | 275924 | `genres` missing its closing `}]`: null genres + warning, row kept |
//! | `movies_metadata.csv` | [`ZeroId`](QuirkKind::ZeroId) | 0 | `id` `0`: rejected |
//! | `movies_metadata.csv` | [`NonNumericId`](QuirkKind::NonNumericId) | - | `id` `29O379` (letter O): rejected |
//! | `credits.csv` | [`DuplicateIdExact`](QuirkKind::DuplicateIdExact) | 172367 | row repeated right after itself: the copy rejected |
//! | `credits.csv` | [`NoneInLiteral`](QuirkKind::NoneInLiteral) | 140342 | first cast entry has `'profile_path': None` |
//! | `credits.csv` | [`DoubleQuotedString`](QuirkKind::DoubleQuotedString) | 185737 | character `"Mrs. Fenwick's Parrot"` |
//! | `credits.csv` | [`BackslashEscape`](QuirkKind::BackslashEscape) | 202391 | character `'Mickey \'The Ear\' "Slim" Doyle'` |
//! | `credits.csv` | [`NonAsciiText`](QuirkKind::NonAsciiText) | 188421 | first cast member's name is non-ASCII |
//! | `credits.csv` | [`EmptyList`](QuirkKind::EmptyList) | 404745 | `cast` = `[]` (crew listed) |
//! | `credits.csv` | [`CrlfLineEndings`](QuirkKind::CrlfLineEndings) | - | CRLF line endings |
//! | `keywords.csv` | [`DuplicateIdExact`](QuirkKind::DuplicateIdExact) | 428043 | row repeated right after itself: the copy rejected |
//! | `keywords.csv` | [`DoubleQuotedString`](QuirkKind::DoubleQuotedString) | 17688 | `{'id': …, 'name': "grandmother's recipe"}` |
//! | `keywords.csv` | [`EmptyList`](QuirkKind::EmptyList) | 237308 | `[]` (about a third of all rows are) |
//! | `keywords.csv` | [`CrlfLineEndings`](QuirkKind::CrlfLineEndings) | - | CRLF line endings |
//! | `links.csv` | [`MissingTmdbId`](QuirkKind::MissingTmdbId) | - ×3 | rows with an empty `tmdbId`: kept, null `tmdb_id` |
//! | `links.csv` | [`CrlfLineEndings`](QuirkKind::CrlfLineEndings) | - | CRLF line endings |
//! | `ratings.csv` | [`OffGridRating`](QuirkKind::OffGridRating) | - ×4 | `4.7`, `2.7`, `3.9`, `4.2` at data rows 9001, 18002, 27003, 36004 |
//! | `ratings.csv` | [`CrlfLineEndings`](QuirkKind::CrlfLineEndings) | - | CRLF line endings |
//! <!-- end of quirk table -->

mod catalog;
mod companies;
mod credits;
mod csv_out;
mod dataset;
mod defects;
mod keywords;
mod links;
mod movies;
mod names;
mod people;
mod pylit;
mod quirks;
mod ratings;
mod record;
mod reference;
mod rng;
mod showcase;
mod targets;
mod zip_out;

pub use csv_out::csv_field;
pub use movies::COLUMNS as MOVIES_METADATA_COLUMNS;
pub use quirks::{Quirk, QuirkKind};
pub use zip_out::{write_sample_zip, FOLDER, ZIP_COMMENT};

/// One generated CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleFile {
    /// Base name, as in the Kaggle archive (e.g. `movies_metadata.csv`).
    pub name: &'static str,
    /// UTF-8 CSV bytes, header row first.
    pub bytes: Vec<u8>,
}

/// The five sample files, in this order: `movies_metadata.csv`, `credits.csv`,
/// `keywords.csv`, `links.csv`, `ratings.csv`. Deterministic: every call returns the same
/// bytes.
pub fn sample_files() -> Vec<SampleFile> {
    dataset::generate().files
}

/// Every quirk injected into the sample (the table of the crate docs), in injection
/// order. A movie with several quirks appears once per quirk.
pub fn injected_quirks() -> Vec<Quirk> {
    dataset::generate().quirks
}
