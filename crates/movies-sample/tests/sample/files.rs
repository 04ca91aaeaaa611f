//! The five files: determinism, zip, headers, record shapes, realistic content.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::{Cursor, Read};
use std::sync::OnceLock;

use movies_sample::{injected_quirks, sample_files, write_sample_zip, FOLDER, ZIP_COMMENT};

use crate::listed_quirks;

use crate::pylit::{self, Value};
use crate::{bytes, sample, Table};

const HEADERS: [(&str, &str); 5] = [
    (
        "movies_metadata.csv",
        "adult,belongs_to_collection,budget,genres,homepage,id,imdb_id,original_language,\
         original_title,overview,popularity,poster_path,production_companies,\
         production_countries,release_date,revenue,runtime,spoken_languages,status,tagline,\
         title,video,vote_average,vote_count",
    ),
    ("credits.csv", "cast,crew,id"),
    ("keywords.csv", "id,keywords"),
    ("links.csv", "movieId,imdbId,tmdbId"),
    ("ratings.csv", "userId,movieId,rating,timestamp"),
];

fn zip_bytes() -> Vec<u8> {
    write_sample_zip(Cursor::new(Vec::new())).expect("zip").into_inner()
}

/// The zip, written once per test run (deflate is slow in debug builds).
fn zip_once() -> &'static [u8] {
    static ZIP: OnceLock<Vec<u8>> = OnceLock::new();
    ZIP.get_or_init(zip_bytes)
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(sample_files(), sample());
    assert_eq!(zip_bytes(), zip_once());
    assert_eq!(injected_quirks(), listed_quirks());
}

#[test]
fn zip_holds_the_five_files_under_the_folder() {
    let zip = zip_once();
    assert!(zip.len() < 600_000, "zip is {} bytes", zip.len());
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).expect("readable zip");
    assert_eq!(archive.comment(), ZIP_COMMENT.as_bytes(), "the comment `movies sample` recognises");
    let names: Vec<String> = archive.file_names().map(|name| name.expect("entry name").into_owned()).collect();
    let mut expected: Vec<String> = HEADERS.iter().map(|(name, _)| format!("{FOLDER}{name}")).collect();
    expected.push(FOLDER.to_string());
    let (mut got, mut want) = (names, expected);
    got.sort();
    want.sort();
    assert_eq!(got, want);
    for (name, _) in HEADERS {
        let mut entry = archive.by_name(&format!("{FOLDER}{name}")).expect(name);
        assert_eq!(entry.compression(), zip::CompressionMethod::Deflated);
        let modified = entry.last_modified().expect("timestamp");
        assert_eq!((modified.year(), modified.month(), modified.day()), (2017, 11, 10));
        let mut content = Vec::new();
        entry.read_to_end(&mut content).expect("inflate");
        assert_eq!(content, bytes(name), "{name}");
    }
}

#[test]
fn files_come_in_order_with_the_real_headers() {
    let names: Vec<&str> = sample().iter().map(|f| f.name).collect();
    assert_eq!(names, HEADERS.map(|(name, _)| name));
    for (name, header) in HEADERS {
        let text = std::str::from_utf8(bytes(name)).expect("UTF-8");
        assert!(text.starts_with(&format!("{header}\n")) || text.starts_with(&format!("{header}\r\n")));
        let table = Table::read(name);
        if name != "movies_metadata.csv" {
            assert!(table.records.iter().all(|r| r.len() == table.header.len()), "{name}");
        }
    }
}

#[test]
fn line_endings_follow_the_real_files() {
    assert!(!bytes("movies_metadata.csv").contains(&b'\r'));
    for (name, _) in &HEADERS[1..] {
        let text = std::str::from_utf8(bytes(name)).unwrap();
        assert!(text.ends_with("\r\n"));
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count(), "{name}");
    }
}

#[test]
fn movies_have_three_split_records_that_join_into_valid_rows() {
    let movies = Table::read("movies_metadata.csv");
    let lengths: Vec<usize> = movies.records.iter().map(|r| r.len()).collect();
    assert_eq!(lengths.iter().filter(|&&n| n == 10).count(), 3);
    assert_eq!(lengths.iter().filter(|&&n| n == 15).count(), 3);
    assert!(lengths.iter().all(|n| [10, 15, 24].contains(n)));
    for (i, pair) in movies.records.windows(2).enumerate() {
        if pair[0].len() != 10 {
            continue;
        }
        assert_eq!(pair[1].len(), 15, "record after the 10-field record {i}");
        // The second half puts the date in `id` and the poster path in `budget`.
        assert_eq!(pair[1][5].len(), 10);
        assert!(pair[1][5].chars().nth(4) == Some('-'));
        assert!(pair[1][2].starts_with('/') && pair[1][2].ends_with(".jpg"));
        let joined: Vec<String> = pair[0]
            .iter()
            .take(9)
            .map(str::to_string)
            .chain([format!("{}\n{}", &pair[0][9], &pair[1][0])])
            .chain(pair[1].iter().skip(1).map(str::to_string))
            .collect();
        assert_eq!(joined.len(), 24);
        assert!(joined[5].parse::<i64>().unwrap() > 0);
        assert!(joined[2].parse::<f64>().is_ok());
        assert!(joined[14].len() == 10 && joined[23].parse::<u32>().is_ok());
    }
    // Physically: the first line ends inside the unquoted overview.
    let text = std::str::from_utf8(bytes("movies_metadata.csv")).unwrap();
    assert_eq!(text.matches("\n - Written by ").count(), 4); // 3 split + 1 quoted
}

#[test]
fn literals_parse_except_the_malformed_one() {
    let mut failures = Vec::new();
    for (name, columns) in [
        (
            "movies_metadata.csv",
            &["belongs_to_collection", "genres", "production_companies", "production_countries", "spoken_languages"][..],
        ),
        ("credits.csv", &["cast", "crew"][..]),
        ("keywords.csv", &["keywords"][..]),
    ] {
        let table = Table::read(name);
        for record in table.full() {
            for column in columns {
                let text = table.get(record, column);
                if !text.is_empty() && pylit::parse(text).is_err() {
                    failures.push((name, table.get(record, "id").to_string(), *column));
                }
            }
        }
    }
    let malformed = listed_quirks().iter().find(|q| q.kind == movies_sample::QuirkKind::MalformedLiteral).unwrap();
    assert_eq!(failures, [("movies_metadata.csv", malformed.movie_id.unwrap().to_string(), "genres")]);
}

/// Positive integer ids of the movie rows (split records included), with repeats.
fn movie_ids(movies: &Table) -> Vec<i64> {
    movies
        .records
        .iter()
        .filter(|r| r.len() == 24 || r.len() == 10)
        .filter_map(|r| r[5].parse().ok())
        .filter(|&id| id > 0)
        .collect()
}

#[test]
fn movies_look_like_the_real_catalog() {
    let movies = Table::read("movies_metadata.csv");
    let unique: HashSet<i64> = movie_ids(&movies).into_iter().collect();
    assert!((1_450..=1_510).contains(&unique.len()), "{} movies", unique.len());

    let rows: Vec<_> = movies.full().collect();
    let share = |column: &str| rows.iter().filter(|r| movies.get(r, column) == "0").count() as f64 / rows.len() as f64;
    assert!((0.75..0.85).contains(&share("budget")), "budget zeros {}", share("budget"));
    assert!((0.80..0.88).contains(&share("revenue")), "revenue zeros {}", share("revenue"));

    let years: Vec<i32> = rows.iter().filter_map(|r| movies.get(r, "release_date").get(..4)?.parse().ok()).collect();
    assert!(years.iter().all(|y| (1950..=2017).contains(y)));
    let decade = |d: i32| years.iter().filter(|&&y| y / 10 == d / 10).count();
    assert!(decade(2000) > 3 * decade(1950));

    let mut popularity: Vec<f64> = rows.iter().map(|r| movies.get(r, "popularity").parse().unwrap()).collect();
    popularity.sort_by(f64::total_cmp);
    assert!(popularity[popularity.len() - 1] > 20.0 * popularity[popularity.len() / 2]);

    let (mut genres, mut company_years) = (BTreeSet::new(), HashMap::<i64, HashSet<&str>>::new());
    let (mut profits, mut losses) = (0, 0);
    for r in &rows {
        if let Ok(list) = pylit::parse(movies.get(r, "genres")) {
            for g in list.as_list() {
                genres.insert((g.int_at("id"), g.str_at("name").to_string()));
            }
        }
        let year = movies.get(r, "release_date").get(..4).unwrap_or("");
        for c in pylit::parse(movies.get(r, "production_companies")).unwrap().as_list() {
            company_years.entry(c.int_at("id")).or_default().insert(year);
        }
        let money = |c| movies.get(r, c).parse::<f64>().unwrap_or(0.0);
        match (money("budget"), money("revenue")) {
            (b, v) if b > 0.0 && v > b => profits += 1,
            (b, v) if v > 0.0 && v < b => losses += 1,
            _ => {}
        }
    }
    let expected: BTreeSet<(i64, String)> = [
        (28, "Action"),
        (12, "Adventure"),
        (16, "Animation"),
        (35, "Comedy"),
        (80, "Crime"),
        (99, "Documentary"),
        (18, "Drama"),
        (10751, "Family"),
        (14, "Fantasy"),
        (36, "History"),
        (27, "Horror"),
        (10402, "Music"),
        (9648, "Mystery"),
        (10749, "Romance"),
        (878, "Science Fiction"),
        (10770, "TV Movie"),
        (53, "Thriller"),
        (10752, "War"),
        (37, "Western"),
        (10769, "Foreign"),
    ]
    .into_iter()
    .map(|(id, name)| (id, name.to_string()))
    .collect();
    assert_eq!(genres, expected);
    assert!((120..=150).contains(&company_years.len()), "{} companies", company_years.len());
    let mut spans: Vec<usize> = company_years.values().map(HashSet::len).collect();
    spans.sort_unstable_by(|a, b| b.cmp(a));
    assert!(spans[5] >= 40, "the big studios release in many years: {spans:?}");
    assert!(profits > 50 && losses > 30, "{profits} profits, {losses} losses");
    let non_ascii = rows.iter().any(|r| !movies.get(r, "original_title").is_ascii());
    assert!(non_ascii);
}

#[test]
fn credits_and_keywords_cover_the_movies() {
    let movies = Table::read("movies_metadata.csv");
    let ids: HashSet<i64> = movie_ids(&movies).into_iter().collect();
    for (name, literal) in [("credits.csv", "cast"), ("keywords.csv", "keywords")] {
        let table = Table::read(name);
        let rows: Vec<i64> = table.records.iter().map(|r| table.get(r, "id").parse().unwrap()).collect();
        assert!(rows.iter().all(|id| ids.contains(id)), "{name}");
        let distinct: HashSet<i64> = rows.iter().copied().collect();
        assert_eq!(rows.len(), distinct.len() + 1, "{name}: one duplicate id");
        let empty = table.records.iter().filter(|r| table.get(r, literal) == "[]").count();
        let share = empty as f64 / rows.len() as f64;
        if name == "keywords.csv" {
            assert!((0.25..0.40).contains(&share), "keywords [] share {share}");
        } else {
            assert!(share < 0.06, "cast [] share {share}");
        }
    }
    let credits = Table::read("credits.csv");
    let mut none_photos = 0;
    for r in &credits.records {
        for entry in pylit::parse(credits.get(r, "cast")).unwrap().as_list() {
            for key in ["cast_id", "gender", "id", "order"] {
                entry.int_at(key);
            }
            for key in ["character", "credit_id", "name"] {
                entry.str_at(key);
            }
            none_photos += usize::from(entry.get("profile_path") == Some(&Value::None));
        }
        for entry in pylit::parse(credits.get(r, "crew")).unwrap().as_list() {
            assert_eq!(entry.str_at("credit_id").len(), 24);
            for key in ["department", "job", "name"] {
                entry.str_at(key);
            }
        }
    }
    assert!(none_photos > 100);
}

#[test]
fn links_map_movielens_to_tmdb() {
    let links = Table::read("links.csv");
    let movies = Table::read("movies_metadata.csv");
    let ids: HashSet<i64> = movie_ids(&movies).into_iter().collect();
    let mut last = 0;
    let mut empty = 0;
    for r in &links.records {
        let movie_id: u32 = r[0].parse().unwrap();
        assert!(movie_id > last);
        last = movie_id;
        assert!(r[1].len() == 7 && r[1].bytes().all(|b| b.is_ascii_digit()));
        if r[2].is_empty() {
            empty += 1;
        } else {
            assert!(ids.contains(&r[2].parse().unwrap()));
        }
    }
    assert_eq!(links.records[0][0].to_string(), "1");
    assert_eq!(empty, 3);
    assert!(links.records.len() >= 1_450);
}

#[test]
fn ratings_are_sorted_half_stars_with_unix_times() {
    let ratings = Table::read("ratings.csv");
    let links = Table::read("links.csv");
    let known: HashSet<&str> = links.records.iter().map(|r| r.get(0).unwrap()).collect();
    assert_eq!(ratings.records.len(), 40_000);
    let mut previous = (0u32, 0u32);
    let mut off_grid = 0;
    for r in &ratings.records {
        let key: (u32, u32) = (r[0].parse().unwrap(), r[1].parse().unwrap());
        assert!(key > previous, "sorted by user then movie");
        previous = key;
        assert!(known.contains(&r[1]));
        let rating: f64 = r[2].parse().unwrap();
        assert!((0.5..=5.0).contains(&rating));
        if (rating * 2.0).fract() != 0.0 {
            off_grid += 1;
        }
        let ts: i64 = r[3].parse().unwrap();
        assert!((789_652_009..=1_501_829_870).contains(&ts));
    }
    assert_eq!(off_grid, 4);
    assert!(previous.0 > 200, "{} users", previous.0);
}
