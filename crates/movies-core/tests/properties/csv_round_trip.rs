//! Rows written as CSV by the core's writer read back to the same values.

use std::borrow::Cow;

use movies_core::export::{CellWriter, Format, TableRow, TableWriter, WriteOptions};
use movies_core::model::{CastEntry, CastRow, Issue, KeywordRow, LinkRow, Movie, RatingRow, Severity};
use movies_core::values::Date;
use movies_core::InputFile;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;

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
