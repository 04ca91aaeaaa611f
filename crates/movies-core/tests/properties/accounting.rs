//! Random CSV files mixing valid and invalid movie, rating, link, credits and keyword
//! rows (random field counts, stray line breaks, bad ids, duplicates, garbage lines,
//! shuffled columns) account for every record, whether fed whole or one byte at a time,
//! and so do they under record limits small enough to be hit.

use movies_core::model::Severity;
use movies_core::{InputFile, Limits};
use movies_sample::{csv_field, MOVIES_METADATA_COLUMNS as MOVIE_COLUMNS};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;

use crate::common::{process, process_with, Feed};

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
