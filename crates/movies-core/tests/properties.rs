//! Property tests of the core:
//! - random CSV files mixing valid and invalid movie, rating, link, credits and keyword
//!   rows (random field counts, stray line breaks, bad ids, duplicates, garbage lines,
//!   shuffled columns) account for every record, whether fed whole or one byte at a
//!   time, and so do they under record limits small enough to be hit;
//! - rows written as CSV by the core's writer read back to the same values;
//! - the Python-literal parser never panics, reads JSON as it reads Python literals,
//!   skips a damaged entry keeping the others, and keeps what precedes a cut.

mod common;

use std::borrow::Cow;

use common::{process, process_with, Feed};
use movies_core::export::{CellWriter, Format, TableRow, TableWriter, WriteOptions};
use movies_core::model::{CastEntry, CastRow, Issue, KeywordRow, LinkRow, Movie, NamedEntry, RatingRow, Severity};
use movies_core::pyliteral::{parse_dict, parse_dict_list, ListReport, MAX_LIST_ITEMS, MAX_REPORTED_ENTRIES};
use movies_core::values::Date;
use movies_core::{InputFile, Limits};
use movies_sample::{csv_field, MOVIES_METADATA_COLUMNS as MOVIE_COLUMNS};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;

// ---------------------------------------------------------------------------------------
// Random input files
// ---------------------------------------------------------------------------------------

/// The header of ratings.csv.
const RATING_COLUMNS: [&str; 4] = ["userId", "movieId", "rating", "timestamp"];

/// The header of links.csv.
const LINK_COLUMNS: [&str; 3] = ["movieId", "imdbId", "tmdbId"];

/// The header of credits.csv.
const CREDIT_COLUMNS: [&str; 3] = ["cast", "crew", "id"];

/// The header of keywords.csv.
const KEYWORD_COLUMNS: [&str; 2] = ["id", "keywords"];

/// Limits that the header of movies_metadata.csv fits in (305 bytes, 24 fields) but
/// many generated movie records do not.
const MOVIE_LIMITS: Limits = Limits { max_record_bytes: 400, max_fields: 26 };

/// Limits that the header of links.csv fits in but damaged link records often do not.
const LINK_LIMITS: Limits = Limits { max_record_bytes: 24, max_fields: 5 };

/// A field value: mostly one of `options` (valid and known-bad forms), sometimes any
/// short text without control characters (accents, quotes and commas included).
fn field(options: &'static [&'static str]) -> BoxedStrategy<String> {
    prop_oneof![
        6 => select(options).prop_map(str::to_owned),
        1 => "\\PC{0,18}",
    ]
    .boxed()
}

/// Text of a free-text column, including commas, quotes and line breaks to be quoted.
fn free_text() -> BoxedStrategy<String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z' ]{1,20}",
        Just("two\nlines, \"quoted\"\r\n - Written by".to_owned()),
        "\\PC{0,24}",
    ]
    .boxed()
}

/// The 24 fields of a movie record (ids from a small pool, so duplicates are common).
fn movie_fields() -> impl Strategy<Value = Vec<String>> {
    let money = &["0", "30000000", "3897569.0", "", "unknown", "-5", "NaN", "1,500,000", "inf", "/x.jpg"];
    let literal = &[
        "[{'id': 16, 'name': 'Animation'}, {'id': 35, 'name': 'Comedy'}]",
        "[{'name': \"Children's Film Studio\", 'id': 3}]",
        "[]",
        "",
        "[{'id': 16, 'name': 'Anim",
        "[{'name': 'no id'}]",
    ];
    (
        (
            field(&["False", "TRUE", "", "maybe"]),
            field(&["", "{'id': 10194, 'name': 'Toy Story Collection', 'poster_path': None}", "{'id': 1"]),
            field(money),
            field(literal),
            field(&["1", "2", "3", "7", "12", "19", "0", "-4", "12.0", "1995-10-30", "", "x"]),
            field(&["tt0114709", "", "x"]),
            free_text(),
        ),
        (
            field(&["21.946943", "", "abc", "-1", "1e400", "0.5"]),
            field(literal),
            field(&["1995-10-30", "10/30/1995", "", "2015-02-30", "soon", "1/5/2001"]),
            field(money),
            field(&["81.0", "", "-3", "x"]),
            field(&["7.7", "", "x"]),
            field(&["5415", "12.0", "", "-3", "x"]),
        ),
    )
        .prop_map(
            |(
                (adult, collection, budget, genres, id, imdb, text),
                (pop, companies, date, revenue, runtime, avg, count),
            )| {
                let mut f: Vec<String> = MOVIE_COLUMNS.iter().map(|_| String::new()).collect();
                f[0] = adult;
                f[1] = collection;
                f[2] = budget;
                f[3] = genres;
                f[5] = id;
                f[6] = imdb;
                f[8] = text.clone();
                f[9] = text.clone();
                f[10] = pop;
                f[12] = companies;
                f[14] = date;
                f[15] = revenue;
                f[16] = runtime;
                f[20] = text;
                f[21] = "False".to_owned();
                f[22] = avg;
                f[23] = count;
                f
            },
        )
}

/// The 4 fields of a rating record.
fn rating_fields() -> impl Strategy<Value = Vec<String>> {
    (
        field(&["1", "42", "0", "-1", "x", ""]),
        field(&["1", "862", "0", "-1", "x", "", "2.0"]),
        field(&["4.5", "0.5", "5", "5.0", "4.7", "0", "5.5", "NaN", "", "abc", "-inf"]),
        field(&["1260759144", "", "x", "-5", "1.5"]),
    )
        .prop_map(|(user, movie, rating, time)| vec![user, movie, rating, time])
}

/// The 3 fields of a link record (movie ids from a small pool).
fn link_fields() -> impl Strategy<Value = Vec<String>> {
    (
        field(&["1", "2", "3", "17", "0", "x", "", "-2"]),
        field(&["0114709", "tt0114709", "114709", "", "x12"]),
        field(&["862", "", "0", "x", "12.0", "-1"]),
    )
        .prop_map(|(movie, imdb, tmdb)| vec![movie, imdb, tmdb])
}

/// The 3 fields of a credits record (cast and crew literals, valid and not).
fn credit_fields() -> impl Strategy<Value = Vec<String>> {
    let literals = &[
        "[{'cast_id': 14, 'character': 'Woody (voice)', 'credit_id': 'x', 'gender': 2, 'id': 31, 'name': 'Tom Hanks', 'order': 0, 'profile_path': None}]",
        "[{'credit_id': 'y', 'department': 'Directing', 'gender': 2, 'id': 7879, 'job': 'Director', 'name': \"O'Brien\", 'profile_path': None}]",
        "[]",
        "",
        "[{'id': 1, 'name': 'cut",
        "[[[[[[[[",
        "[{}, {}, {}]",
    ];
    (field(literals), field(literals), field(&["862", "1", "2", "0", "-1", "x", "", "1.0"]))
        .prop_map(|(cast, crew, id)| vec![cast, crew, id])
}

/// The 2 fields of a keywords record.
fn keyword_fields() -> impl Strategy<Value = Vec<String>> {
    (
        field(&["862", "1", "2", "0", "-1", "x", ""]),
        field(&["[{'id': 931, 'name': 'jealousy'}, {'id': 4290, 'name': 'toy'}]", "[]", "", "[{'id'", "None"]),
    )
        .prop_map(|(id, keywords)| vec![id, keywords])
}

/// How a generated record is damaged before it is written.
#[derive(Debug, Clone)]
enum Damage {
    /// Written as it is.
    None,
    /// Only its first `n` fields.
    Truncated(usize),
    /// `n` extra fields appended.
    Extra(usize),
    /// A line break inserted at the byte `at` (modulo the length, on a char boundary).
    StrayBreak(usize),
    /// Replaced by arbitrary bytes (quotes, line breaks, invalid UTF-8 included).
    Garbage(Vec<u8>),
}

/// Mostly no damage; sometimes each kind of [`Damage`].
fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        12 => Just(Damage::None),
        2 => (0usize..30).prop_map(Damage::Truncated),
        2 => (1usize..4).prop_map(Damage::Extra),
        2 => any::<usize>().prop_map(Damage::StrayBreak),
        1 => proptest::collection::vec(any::<u8>(), 0..40).prop_map(Damage::Garbage),
    ]
}

/// A whole CSV file: the header and the damaged records in the column order `order`,
/// with `\n` or `\r\n` line ends.
fn csv_file(columns: &[&str], order: &[usize], records: &[(Vec<String>, Damage)], crlf: bool) -> Vec<u8> {
    let end: &[u8] = if crlf { b"\r\n" } else { b"\n" };
    let mut out: Vec<u8> = order.iter().map(|&i| columns[i]).collect::<Vec<_>>().join(",").into_bytes();
    for (fields, damage) in records {
        out.extend_from_slice(end);
        let mut fields: Vec<String> = order.iter().map(|&i| csv_field(&fields[i])).collect();
        match damage {
            Damage::Truncated(n) => fields.truncate(*n),
            Damage::Extra(n) => fields.extend((0..*n).map(|i| format!("extra{i}"))),
            _ => {}
        }
        let mut line = fields.join(",");
        match damage {
            Damage::Garbage(bytes) => {
                out.extend_from_slice(bytes);
                continue;
            }
            Damage::StrayBreak(at) if !line.is_empty() => {
                let mut at = at % line.len();
                while !line.is_char_boundary(at) {
                    at -= 1;
                }
                line.insert(at, '\n');
            }
            _ => {}
        }
        out.extend_from_slice(line.as_bytes());
    }
    out
}

/// A random file of `columns` (in a random order) with records from `fields`.
fn random_file(
    columns: &'static [&'static str],
    fields: impl Strategy<Value = Vec<String>>,
) -> impl Strategy<Value = Vec<u8>> {
    (
        Just((0..columns.len()).collect::<Vec<usize>>()).prop_shuffle(),
        proptest::collection::vec((fields, damage()), 0..25),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(move |(order, records, crlf, final_break)| {
            let mut file = csv_file(columns, &order, &records, crlf);
            if final_break {
                file.push(b'\n');
            }
            file
        })
}

/// A movies file whose records may be split, as in the real data, by an unquoted line
/// break inside a plain overview (repairable when the rest of the record is valid).
fn movies_file_with_split_overviews() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec((movie_fields(), "[a-z]{1,8} [a-z ]{0,12}", "[a-z ]{0,12}", any::<bool>()), 1..20)
        .prop_map(|records| {
            let mut out = MOVIE_COLUMNS.join(",").into_bytes();
            for (mut fields, head, tail, split) in records {
                out.push(b'\n');
                if split {
                    fields[9] = format!("{head}\n - {tail}");
                    let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
                    // Unquote the overview: its line break now splits the record.
                    let broken = line[..9].join(",") + "," + &fields[9] + "," + &line[10..].join(",");
                    out.extend_from_slice(broken.as_bytes());
                } else {
                    let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
                    out.extend_from_slice(line.join(",").as_bytes());
                }
            }
            out
        })
}

/// Checks that every record of `input` is accounted for under `limits`, once fed whole
/// and once one byte at a time, with the same result both ways.
fn assert_accounted_under(file: InputFile, input: &[u8], limits: Limits) -> Result<(), TestCaseError> {
    let (report, rows) =
        process_with(file, input, Feed::Whole, limits).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(report.records_read, report.rows_accepted + report.rows_rejected, "{:?}", report);
    prop_assert_eq!(rows.issues_of(Severity::Error).len() as u64, report.rows_rejected);
    prop_assert_eq!(rows.issues_of(Severity::Warning).len() as u64, report.warnings);
    let trickled = process_with(file, input, Feed::Trickle, limits).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert!(trickled.0 == report, "reports differ fed one byte at a time");
    prop_assert!(trickled.1 == rows, "rows differ fed one byte at a time");
    Ok(())
}

/// Checks that every record of `input` is accounted for, once fed whole and once one
/// byte at a time, with the same result both ways.
fn assert_accounted(file: InputFile, input: &[u8]) -> Result<(), TestCaseError> {
    let (report, rows) = process(file, input, Feed::Whole).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(report.records_read, report.rows_accepted + report.rows_rejected, "{:?}", report);
    prop_assert_eq!(rows.issues_of(Severity::Error).len() as u64, report.rows_rejected);
    prop_assert_eq!(rows.issues_of(Severity::Warning).len() as u64, report.warnings);
    let kept = match file {
        InputFile::MoviesMetadata => {
            let mut ids: Vec<i64> = rows.movies.iter().map(|m| m.id).collect();
            ids.sort_unstable();
            ids.dedup();
            prop_assert_eq!(ids.len(), rows.movies.len(), "duplicate ids kept");
            rows.movies.len()
        }
        InputFile::Links => rows.links.len(),
        InputFile::Ratings => rows.ratings.len(),
        InputFile::Credits | InputFile::Keywords => unreachable!("not generated"),
    };
    // A repaired pair counts two records accepted for one row.
    prop_assert_eq!(kept as u64 + report.records_repaired, report.rows_accepted, "rows kept");
    let trickled = process(file, input, Feed::Trickle).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert!(trickled.0 == report, "reports differ fed one byte at a time");
    prop_assert!(trickled.1 == rows, "rows differ fed one byte at a time");
    Ok(())
}

proptest! {
    #[test]
    fn every_movie_record_is_accounted_for(input in random_file(&MOVIE_COLUMNS, movie_fields())) {
        assert_accounted(InputFile::MoviesMetadata, &input)?;
    }

    #[test]
    fn split_overviews_are_repaired_or_rejected(input in movies_file_with_split_overviews()) {
        assert_accounted(InputFile::MoviesMetadata, &input)?;
    }

    #[test]
    fn every_rating_record_is_accounted_for(input in random_file(&RATING_COLUMNS, rating_fields())) {
        assert_accounted(InputFile::Ratings, &input)?;
    }

    #[test]
    fn every_link_record_is_accounted_for(input in random_file(&LINK_COLUMNS, link_fields())) {
        assert_accounted(InputFile::Links, &input)?;
    }

    #[test]
    fn every_credits_record_is_accounted_for(input in random_file(&CREDIT_COLUMNS, credit_fields())) {
        assert_accounted_under(InputFile::Credits, &input, Limits::default())?;
    }

    #[test]
    fn every_keywords_record_is_accounted_for(input in random_file(&KEYWORD_COLUMNS, keyword_fields())) {
        assert_accounted_under(InputFile::Keywords, &input, Limits::default())?;
    }

    #[test]
    fn every_record_is_accounted_for_when_limits_are_hit(
        input in random_file(&MOVIE_COLUMNS, movie_fields()),
        links in random_file(&LINK_COLUMNS, link_fields()),
    ) {
        assert_accounted_under(InputFile::MoviesMetadata, &input, MOVIE_LIMITS)?;
        assert_accounted_under(InputFile::Links, &links, LINK_LIMITS)?;
    }
}

// ---------------------------------------------------------------------------------------
// CSV round trip
// ---------------------------------------------------------------------------------------

/// One typed cell of a row, as the row hands it to the writers.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Int(Option<i64>),
    Float(Option<f64>),
    Text(Option<String>),
    Bool(Option<bool>),
    Date(Option<Date>),
}

/// A [`CellWriter`] that records the cells.
#[derive(Default)]
struct Cells(Vec<Cell>);

impl CellWriter for Cells {
    fn int(&mut self, value: Option<i64>) {
        self.0.push(Cell::Int(value));
    }
    fn float(&mut self, value: Option<f64>) {
        self.0.push(Cell::Float(value));
    }
    fn text(&mut self, value: Option<&str>) {
        self.0.push(Cell::Text(value.map(str::to_owned)));
    }
    fn boolean(&mut self, value: Option<bool>) {
        self.0.push(Cell::Bool(value));
    }
    fn date(&mut self, value: Option<Date>) {
        self.0.push(Cell::Date(value));
    }
}

/// The shortest text that reads back as `value` (ryu, without a trailing `.0`).
fn shortest(value: f64) -> String {
    let mut buf = ryu::Buffer::new();
    let text = buf.format_finite(value);
    text.strip_suffix(".0").unwrap_or(text).to_owned()
}

/// Checks one CSV field against the cell it was written from.
fn assert_cell(field: &str, cell: &Cell) -> Result<(), TestCaseError> {
    match cell {
        Cell::Int(None) | Cell::Float(None) | Cell::Text(None) | Cell::Bool(None) | Cell::Date(None) => {
            prop_assert_eq!(field, "")
        }
        Cell::Int(Some(v)) => prop_assert_eq!(field.parse::<i64>().ok(), Some(*v)),
        Cell::Float(Some(v)) => {
            prop_assert_eq!(field.parse::<f64>().ok(), Some(*v), "{} from {}", field, v);
            prop_assert!(field.len() <= shortest(*v).len(), "{} is longer than {}", field, shortest(*v));
        }
        Cell::Text(Some(text)) => prop_assert_eq!(field, text),
        Cell::Bool(Some(b)) => prop_assert_eq!(field, if *b { "true" } else { "false" }),
        Cell::Date(Some(d)) => prop_assert_eq!(field, d.to_string()),
    }
    Ok(())
}

/// Writes `rows` with the core's CSV [`TableWriter`], reads the text back with the `csv`
/// crate and checks the header and every value.
fn assert_csv_round_trip<R: TableRow>(rows: &[R]) -> Result<(), TestCaseError> {
    let mut writer = TableWriter::new(Vec::new(), R::TABLE, Format::Csv, WriteOptions::default());
    for row in rows {
        writer.write(row).map_err(|e| TestCaseError::fail(e.to_string()))?;
    }
    prop_assert_eq!(writer.rows(), rows.len() as u64);
    let bytes = writer.finish().map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert!(std::str::from_utf8(&bytes).is_ok(), "the CSV is not UTF-8");
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let names: Vec<&str> = R::TABLE.def().columns.iter().map(|c| c.name).collect();
    let header = reader.headers().map_err(|e| TestCaseError::fail(e.to_string()))?.clone();
    prop_assert_eq!(header.iter().collect::<Vec<_>>(), names.clone());
    let records: Vec<csv::StringRecord> =
        reader.records().collect::<Result<_, _>>().map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(records.len(), rows.len());
    for (record, row) in records.iter().zip(rows) {
        let mut cells = Cells::default();
        row.write_cells(&mut cells);
        prop_assert_eq!(record.len(), cells.0.len());
        prop_assert_eq!(cells.0.len(), names.len());
        for (field, cell) in record.iter().zip(&cells.0) {
            assert_cell(field, cell)?;
        }
    }
    Ok(())
}

/// Any text, or text dense in the characters CSV must quote.
fn text() -> BoxedStrategy<String> {
    prop_oneof![any::<String>(), "[a,\"\n\r ]{0,8}", "\\PC{1,12}"].boxed()
}

/// Optional text; never empty (the cleaner turns empty text into null).
fn opt_text() -> BoxedStrategy<Option<String>> {
    proptest::option::of(text().prop_filter("empty text is null", |t| !t.is_empty())).boxed()
}

/// A finite float: any bit pattern, or the decimal and whole values of the data.
fn float() -> BoxedStrategy<f64> {
    use proptest::num::f64 as f;
    prop_oneof![
        f::POSITIVE | f::NEGATIVE | f::NORMAL | f::SUBNORMAL | f::ZERO,
        (-100_000_000i64..100_000_000).prop_map(|t| t as f64 / 10.0),
        (0u64..1 << 53).prop_map(|v| v as f64),
        (0u32..1_000_000).prop_map(|v| f64::from(v) / 1e6),
    ]
    .boxed()
}

/// A non-negative finite amount (budgets and revenues).
fn amount() -> BoxedStrategy<Option<f64>> {
    proptest::option::of(float().prop_map(f64::abs)).boxed()
}

/// A valid calendar date.
fn date() -> BoxedStrategy<Date> {
    (1u16..=9999, 1u8..=12, 1u8..=31).prop_filter_map("not a calendar date", |(y, m, d)| Date::new(y, m, d)).boxed()
}

/// A movie row with any values (genres and companies do not reach `movies_master`).
fn movie() -> impl Strategy<Value = Movie> {
    (
        (any::<i64>(), opt_text(), opt_text(), opt_text(), any::<Option<bool>>(), any::<Option<bool>>(), opt_text()),
        (proptest::option::of(date()), amount(), amount(), proptest::option::of(float())),
        (proptest::option::of(float()), proptest::option::of(float()), any::<Option<i64>>()),
        (opt_text(), opt_text(), opt_text(), opt_text(), opt_text(), any::<Option<i64>>(), opt_text()),
    )
        .prop_map(
            |(
                (id, title, original_title, original_language, adult, video, status),
                (release_date, budget, revenue, popularity),
                (runtime, vote_average, vote_count),
                (imdb_id, homepage, tagline, overview, poster_path, collection_id, collection_name),
            )| Movie {
                id,
                title,
                original_title,
                original_language,
                adult,
                video,
                status,
                release_date,
                budget,
                revenue,
                popularity,
                runtime,
                vote_average,
                vote_count,
                imdb_id,
                homepage,
                tagline,
                overview,
                poster_path,
                collection_id,
                collection_name,
                ..Movie::default()
            },
        )
}

/// Owned text as the rows' `Cow`.
fn owned(text: Option<String>) -> Option<Cow<'static, str>> {
    text.map(Cow::Owned)
}

/// A `cast_master` row with any values.
fn cast_row() -> impl Strategy<Value = CastRow<'static>> {
    (
        any::<i64>(),
        any::<Option<i64>>(),
        opt_text(),
        opt_text(),
        any::<Option<i64>>(),
        any::<Option<i64>>(),
        opt_text(),
        any::<Option<i64>>(),
        opt_text(),
    )
        .prop_map(|(movie_id, cast_id, character, credit_id, gender, person_id, name, order, profile_path)| {
            CastRow {
                movie_id,
                entry: CastEntry {
                    cast_id,
                    character: owned(character),
                    credit_id: owned(credit_id),
                    gender,
                    person_id,
                    name: owned(name),
                    order,
                    profile_path: owned(profile_path),
                },
            }
        })
}

/// An error-log row with any values.
fn issue() -> impl Strategy<Value = Issue> {
    (
        select(InputFile::ALL.to_vec()),
        0u64..i64::MAX as u64,
        any::<Option<i64>>(),
        select(vec![Severity::Error, Severity::Warning]),
        proptest::option::of(select(vec!["id", "budget", "genres", "order", "column"])),
        text(),
        opt_text(),
    )
        .prop_map(|(file, line, movie_id, severity, column, reason, raw_value)| Issue {
            file,
            line,
            movie_id,
            severity,
            column,
            reason: Cow::Owned(reason),
            raw_value,
        })
}

proptest! {
    #[test]
    fn movies_read_back_from_csv(rows in proptest::collection::vec(movie(), 0..8)) {
        assert_csv_round_trip(&rows)?;
    }

    #[test]
    fn cast_rows_read_back_from_csv(rows in proptest::collection::vec(cast_row(), 0..8)) {
        assert_csv_round_trip(&rows)?;
    }

    #[test]
    fn keyword_link_and_rating_rows_read_back_from_csv(
        keywords in proptest::collection::vec((any::<i64>(), any::<i64>(), opt_text()), 0..8),
        links in proptest::collection::vec((any::<i64>(), opt_text(), any::<Option<i64>>()), 0..8),
        ratings in proptest::collection::vec((any::<i64>(), any::<i64>(), float(), any::<Option<i64>>()), 0..8),
    ) {
        let keywords: Vec<KeywordRow<'static>> = keywords
            .into_iter()
            .map(|(movie_id, keyword_id, keyword)| KeywordRow { movie_id, keyword_id, keyword: owned(keyword) })
            .collect();
        assert_csv_round_trip(&keywords)?;
        let links: Vec<LinkRow> = links
            .into_iter()
            .map(|(movielens_id, imdb_id, tmdb_id)| LinkRow { movielens_id, imdb_id, tmdb_id })
            .collect();
        assert_csv_round_trip(&links)?;
        let ratings: Vec<RatingRow> = ratings
            .into_iter()
            .map(|(user_id, movielens_id, rating, timestamp)| RatingRow { user_id, movielens_id, rating, timestamp, verbatim: None })
            .collect();
        assert_csv_round_trip(&ratings)?;
    }

    #[test]
    fn error_log_reads_back_from_csv(rows in proptest::collection::vec(issue(), 0..8)) {
        assert_csv_round_trip(&rows)?;
    }
}

// ---------------------------------------------------------------------------------------
// The literal parser on arbitrary text
// ---------------------------------------------------------------------------------------

/// Text made of the pieces of Python literals and JSON, to reach deep into the parser.
fn literal_soup() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "[", "]", "{", "}", "(", ")", "'", "\"", "\\", "\\x", "\\u", "\\U", "\\0", "\\\n", "4", "e9", "00e9", ":", ",",
        " ", "\n", "None", "True", "False", "'id'", "'name'", "1", "-", "+", ".", "e", "_", "1e999", "é", "😀", "u'",
        "'a'", "\"b\"", "[{", "}]", "x", "null", "true", "false", "NaN", "Infinity", "\\/", "\\ud83d", "\\ude00",
        "\"id\"", "@",
    ];
    proptest::collection::vec(select(PIECES), 0..60).prop_map(|pieces| pieces.concat())
}

/// The report of `parse_dict_list` is consistent: offsets and spans inside the text at
/// character boundaries, in order, kept and skipped entries within the list limit.
fn assert_report_consistent(text: &str, report: &ListReport, kept: usize) -> Result<(), TestCaseError> {
    let mut next = 0;
    for skipped in &report.skipped {
        prop_assert!(skipped.index >= next && text.get(skipped.span.clone()).is_some(), "{report:?}");
        prop_assert!(skipped.error.offset <= text.len(), "{report:?}");
        next = skipped.index + 1;
    }
    if let Some(broken) = &report.broken {
        prop_assert!(broken.index >= next && text.get(broken.start..).is_some(), "{report:?}");
        prop_assert!(broken.error.offset <= text.len(), "{report:?}");
    }
    prop_assert!(report.unreported == 0 || report.skipped.len() == MAX_REPORTED_ENTRIES, "{report:?}");
    prop_assert!(kept + report.skipped_count() <= MAX_LIST_ITEMS, "{report:?}");
    Ok(())
}

/// How a generated list writes its strings.
#[derive(Debug, Clone, Copy)]
enum Form {
    /// Python's `repr()`: single quotes, double quotes when the text has an apostrophe.
    Python,
    /// Python's `json.dumps` (every non-ASCII character as `\uXXXX`, surrogate pairs
    /// beyond the BMP) or, with `true`, JSON as other writers make it (raw UTF-8, `/`
    /// escaped as `\/`).
    Json(bool),
}

/// `text` as a string literal of `form`.
fn quoted(text: &str, form: Form) -> String {
    let mut out = String::new();
    match form {
        Form::Python => {
            let quote = if text.contains('\'') && !text.contains('"') { '"' } else { '\'' };
            out.push(quote);
            for c in text.chars() {
                if c == '\\' || c == quote {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push(quote);
        }
        Form::Json(raw) => {
            out.push('"');
            for c in text.chars() {
                match c {
                    '"' | '\\' => {
                        out.push('\\');
                        out.push(c);
                    }
                    '/' if raw => out.push_str("\\/"),
                    c if c.is_ascii() || raw => out.push(c),
                    c => {
                        for unit in c.encode_utf16(&mut [0; 2]) {
                            out.push_str(&format!("\\u{unit:04x}"));
                        }
                    }
                }
            }
            out.push('"');
        }
    }
    out
}

/// One `{'id': id, 'name': name}` entry of `form`.
fn entry(id: usize, name: &str, form: Form) -> String {
    format!("{{{}: {id}, {}: {}}}", quoted("id", form), quoted("name", form), quoted(name, form))
}

/// The entry `{'id': id, 'name': name}` of `form`, damaged in the way `how` picks; every
/// damage keeps its brackets balanced and its strings closed.
fn damaged(id: usize, name: &str, form: Form, how: usize) -> String {
    let (k_id, k_name, v) = (quoted("id", form), quoted("name", form), quoted(name, form));
    match how % 10 {
        0 => format!("{{{k_id}: @, {k_name}: {v}}}"),
        1 => format!("{{{k_id}: {id}, {k_name}: {v} {v}}}"),
        2 => format!("{{{k_id} {id}, {k_name}: {v}}}"),
        3 => format!("{{{k_id}: {id}, {k_name}: {v}}}}}"),
        4 => format!("{{{k_id}: {id}, {k_name}: {v}}} {{{k_id}: {id}}}"),
        5 => format!("{{{k_id}: nan, {k_name}: {v}}}"),
        6 => format!("{{{k_id}: {id}, {k_name}: {v}, {v}: [1, (2, {{3: {v}}}), '],'] @}}"),
        7 => v,
        8 => format!("{{id: {id}, {k_name}: {v}}}"),
        _ => format!("{{{k_id}: {id}, {k_name}: {v}, 'x': '\\x4'}}"),
    }
}

/// Names with the characters that matter to the parser: quotes, brackets, commas,
/// backslashes, slashes and text beyond ASCII.
fn names() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec("[a-z ,:'\"\\[\\]{}()/\\\\éü夜😀]{0,10}", 1..16)
}

fn form() -> impl Strategy<Value = Form> {
    prop_oneof![Just(Form::Python), Just(Form::Json(false)), Just(Form::Json(true))]
}

/// The ids and names kept from `text`, with the report.
fn read_list(text: &str) -> Result<(Vec<(usize, String)>, ListReport), TestCaseError> {
    let mut out: Vec<NamedEntry<'_>> = Vec::new();
    let report = parse_dict_list(text, &mut out);
    assert_report_consistent(text, &report, out.len())?;
    let kept =
        out.iter().map(|e| (e.id.unwrap_or(-1) as usize, e.name.as_deref().unwrap_or_default().to_owned())).collect();
    Ok((kept, report))
}

proptest! {
    #[test]
    fn literal_parser_never_panics(text in prop_oneof![any::<String>(), literal_soup()]) {
        let mut cast: Vec<CastEntry<'_>> = Vec::new();
        let report = parse_dict_list(&text, &mut cast);
        assert_report_consistent(&text, &report, cast.len())?;
        if let Err(err) = parse_dict::<NamedEntry<'_>>(&text) {
            prop_assert!(err.offset <= text.len(), "offset {} past the end", err.offset);
        }
    }

    #[test]
    fn lists_read_the_same_as_python_literals_and_as_json(names in names()) {
        let expected: Vec<(usize, String)> =
            names.iter().enumerate().map(|(i, n)| (i, n.trim().to_owned())).collect();
        for form in [Form::Python, Form::Json(false), Form::Json(true)] {
            let entries: Vec<String> = names.iter().enumerate().map(|(i, n)| entry(i, n, form)).collect();
            let text = format!("[{}]", entries.join(", "));
            let (kept, report) = read_list(&text)?;
            prop_assert!(report.is_clean(), "{text}: {report:?}");
            prop_assert_eq!(&kept, &expected, "{}", text);
        }
    }

    #[test]
    fn one_damaged_entry_is_skipped_and_the_others_kept(
        names in names(),
        form in form(),
        at in any::<prop::sample::Index>(),
        how in 0..10usize,
    ) {
        let bad = at.index(names.len());
        let entries: Vec<String> = names
            .iter()
            .enumerate()
            .map(|(i, n)| if i == bad { damaged(i, n, form, how) } else { entry(i, n, form) })
            .collect();
        let text = format!("[{}]", entries.join(", "));
        let (kept, report) = read_list(&text)?;
        let expected: Vec<(usize, String)> =
            names.iter().enumerate().filter(|&(i, _)| i != bad).map(|(i, n)| (i, n.trim().to_owned())).collect();
        prop_assert_eq!(&kept, &expected, "{}", text);
        prop_assert_eq!(report.skipped.len(), 1, "{}: {:?}", text, report);
        let skipped = &report.skipped[0];
        prop_assert_eq!((skipped.index, &text[skipped.span.clone()]), (bad, entries[bad].as_str()));
        prop_assert!(report.broken.is_none(), "{text}: {report:?}");
    }

    #[test]
    fn a_list_cut_anywhere_keeps_the_entries_before_the_cut(
        names in names(),
        form in form(),
        cut in any::<prop::sample::Index>(),
    ) {
        let entries: Vec<String> = names.iter().enumerate().map(|(i, n)| entry(i, n, form)).collect();
        let text = format!("[{}]", entries.join(", "));
        let mut cut = cut.index(text.len());
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let (kept, report) = read_list(&text[..cut])?;
        let expected: Vec<(usize, String)> =
            names.iter().enumerate().map(|(i, n)| (i, n.trim().to_owned())).take(kept.len()).collect();
        prop_assert_eq!(&kept, &expected, "{}", &text[..cut]);
        prop_assert!(report.skipped.is_empty(), "{}: {:?}", &text[..cut], report);
        prop_assert_eq!(report.broken.is_some(), cut > 0, "{}: {:?}", &text[..cut], report);
        // Every entry that ends before the cut is kept.
        let whole = entries.iter().scan(1, |end, e| { *end += e.len() + 2; Some(*end - 2) }).filter(|&end| end <= cut).count();
        prop_assert_eq!(kept.len(), whole, "{}", &text[..cut]);
    }
}
