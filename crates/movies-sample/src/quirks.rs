//! The catalogue of quirks injected into the sample, as data for tests.

/// One injected quirk: which file holds it, which movie (TMDB id) it is on, and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Quirk {
    /// Base name of the file that holds it, e.g. `movies_metadata.csv`.
    pub file: &'static str,
    /// TMDB id of the movie the row is about; `None` when the quirk is not on one movie
    /// (a file-wide property, a ratings or links row without a TMDB id, or an id that is
    /// not a number).
    pub movie_id: Option<i64>,
    /// What the quirk is, and so what a cleaner should do with it.
    pub kind: QuirkKind,
}

/// The kinds of quirk. Each variant says what the file holds and what a cleaner following
/// `SPEC.md` does with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QuirkKind {
    /// A record cut in two by a stray, unquoted line break inside `overview`: a physical
    /// record of 10 fields, then one of 15 (its `id` column holds the release date, its
    /// `budget` column the poster path). Joined at the break they make one valid record.
    /// Cleaner: repair; two records read, two accepted, one movie row whose overview holds
    /// the line break.
    SplitRecord,
    /// A quoted overview spanning several physical lines. Cleaner: keep the text, inner
    /// newlines included.
    MultilineOverview,
    /// A later row repeating an earlier row exactly (same id). Cleaner: keep the first,
    /// reject the later one as "duplicate id".
    DuplicateIdExact,
    /// A later row with the same id as an earlier one but another `popularity`. Cleaner:
    /// keep the first row (and its popularity), reject the later one as "duplicate id".
    DuplicateIdOtherPopularity,
    /// `budget` written as a float (`3500000.0`). Cleaner: parse it as the number.
    FloatBudget,
    /// `revenue` written as a float. Cleaner: parse it as the number.
    FloatRevenue,
    /// `budget` is unparsable text (`unknown`, `1,500,000`). Cleaner: reject the row.
    UnparsableBudget,
    /// Empty `release_date`. Cleaner: null date and year, row kept (left out of per-year
    /// metrics).
    EmptyReleaseDate,
    /// A `release_date` that is not a calendar date (`2015-02-30`). Cleaner: null date
    /// plus a warning, row kept.
    ImpossibleReleaseDate,
    /// `release_date` in a spreadsheet's `M/D/YYYY` form. Cleaner: accept it.
    SpreadsheetDate,
    /// `adult`/`video` written `FALSE`/`TRUE` by a spreadsheet. Cleaner: read as booleans.
    SpreadsheetBoolean,
    /// A Python literal cut short (`genres` without its closing `}]`). Cleaner: that field
    /// becomes null (no genres) with a warning; the row is kept.
    MalformedLiteral,
    /// `id` is `0`. Cleaner: reject the row.
    ZeroId,
    /// `id` is not a number (a letter O typed for a zero). Cleaner: reject the row.
    NonNumericId,
    /// `belongs_to_collection` holds a dict literal (whose `poster_path` is `None`).
    /// Cleaner: fill `collection_id` and `collection_name`.
    Collection,
    /// A literal holding `None` (an image path). Cleaner: read it as null.
    NoneInLiteral,
    /// `video` is `True`. Cleaner: read it as true.
    TrueFlag,
    /// A literal string in double quotes because it has an apostrophe
    /// (`{'name': "Children's Film Studio", 'id': 123}`). Cleaner: read the text.
    DoubleQuotedString,
    /// A literal string with both quote kinds, so the apostrophe is backslash-escaped
    /// (`'Kestrel\'s "Night Owl" Pictures'`). Cleaner: unescape it.
    BackslashEscape,
    /// Non-ASCII UTF-8 text (accents, CJK) in titles or names. Cleaner: keep it intact.
    NonAsciiText,
    /// A title with HTML-like markup and double quotes (`<b>`, `&amp;`, `"`), doubled
    /// inside the quoted CSV field. Cleaner: keep it verbatim; a UI must escape it.
    HtmlLikeText,
    /// Budget and revenue known, revenue above budget. Cleaner: positive profit.
    Profit,
    /// Budget and revenue known, revenue below budget. Cleaner: negative profit.
    Loss,
    /// Budget known, revenue `0`. Cleaner: revenue null, so profit null.
    UnknownRevenue,
    /// `genres` is `[]`. Cleaner: one aggregated row with a null genre; left out of
    /// `genre_year`.
    NoGenres,
    /// `production_companies` is `[]`. Cleaner: one aggregated row with a null company;
    /// left out of the company tables.
    NoCompanies,
    /// Two different company ids with the same name (one movie for each id). Cleaner: keep
    /// them apart (companies are keyed by id).
    SharedCompanyName,
    /// One company id listed under two spellings (one movie for each spelling). Cleaner:
    /// one company, displayed under the smaller name by code point.
    CompanyNameVariant,
    /// A literal column that is an empty list (`[]`): no keywords, or no cast. Cleaner: no
    /// rows in that table for the movie.
    EmptyList,
    /// A links row whose `tmdbId` is empty. Cleaner: keep it with a null `tmdb_id`.
    MissingTmdbId,
    /// A rating off the half-star grid (`4.7`). Cleaner: keep the value.
    OffGridRating,
    /// The file ends its lines with CRLF, like the real file. Cleaner: no `\r` in values.
    CrlfLineEndings,
}

/// Collects the quirks as the files are written.
#[derive(Default)]
pub(crate) struct QuirkLog(Vec<Quirk>);

impl QuirkLog {
    /// Records a quirk.
    pub(crate) fn add(&mut self, file: &'static str, movie_id: Option<i64>, kind: QuirkKind) {
        self.0.push(Quirk { file, movie_id, kind });
    }

    /// All recorded quirks, in the order they were injected.
    pub(crate) fn into_vec(self) -> Vec<Quirk> {
        self.0
    }
}
