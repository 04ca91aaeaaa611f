//! The `movies` command end to end: the built binary run on the committed sample, on
//! the real rows of the dataset and on a generated scale-0.05 dataset (each skipped with
//! a message when absent, except the real rows under `CI=true`, which fail instead),
//! checking the exit status, the export layout, the manifest, every CSV and NDJSON file
//! against the schema, where the sample's injected quirks end up, and the messages of
//! usage and input errors.

#[path = "../../movies-core/tests/real/locate.rs"]
mod real_data;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use movies_core::export::QUERIES_SQL;
use movies_core::schema::{schema_sql, Table};
use movies_sample::{injected_quirks, QuirkKind};
use real_data::real_data_dir;
use serde_json::Value;

/// The binary under test.
const MOVIES: &str = env!("CARGO_BIN_EXE_movies");

/// A folder under the system's temporary folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    /// A new, empty folder named after the test.
    fn new(test: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("movies-cli-test-{}-{test}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    /// A path inside the folder.
    fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Runs the binary with `args`.
fn movies<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(MOVIES).args(args).output().expect("the movies binary runs")
}

/// The committed sample dataset.
fn sample_zip() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/sample.zip")
}

/// Runs `movies process INPUTS --out OUT --quiet`, asserts it succeeded silently, checks
/// the export and returns its manifest.
fn process_ok(inputs: &[&Path], out: &Path) -> Value {
    let mut args: Vec<&std::ffi::OsStr> = inputs.iter().map(|p| p.as_os_str()).collect();
    args.extend(["--out".as_ref(), out.as_os_str(), "--quiet".as_ref()]);
    let mut command = vec!["process".as_ref()];
    command.extend(args);
    let output = movies(&command);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{:?} failed: {stderr}", output.status);
    assert!(stderr.is_empty(), "--quiet printed: {stderr}");
    check_export(out)
}

/// The rows of an exported CSV table, header checked against the schema.
fn read_csv(out: &Path, table: Table) -> Vec<csv::StringRecord> {
    let path = out.join(format!("csv/{}.csv", table.name()));
    let mut reader = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let names: Vec<&str> = table.def().columns.iter().map(|c| c.name).collect();
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), names, "{}", path.display());
    reader.records().map(|r| r.unwrap_or_else(|e| panic!("{}: {e}", path.display()))).collect()
}

/// Checks the layout, the manifest and every file of the export in `out`; returns the
/// manifest.
fn check_export(out: &Path) -> Value {
    let mut entries: Vec<String> =
        fs::read_dir(out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    entries.sort();
    let layout = [".movies-written", "csv", "json", "manifest.json", "queries.sql", "schema.sql"];
    assert_eq!(entries, layout, "layout of {}", out.display());
    assert_eq!(fs::read_to_string(out.join("schema.sql")).unwrap(), schema_sql());
    assert_eq!(fs::read_to_string(out.join("queries.sql")).unwrap(), QUERIES_SQL);
    for (folder, extension) in [("csv", "csv"), ("json", "ndjson")] {
        let mut files: Vec<String> = fs::read_dir(out.join(folder))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        let mut expected: Vec<String> = Table::ALL.iter().map(|t| format!("{}.{extension}", t.name())).collect();
        expected.sort();
        assert_eq!(files, expected, "{folder}/");
    }

    let manifest: Value = serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["formats"], serde_json::json!(["csv", "ndjson"]));
    let files = manifest["files"].as_object().unwrap();
    assert_eq!(files.len(), 5);
    let mut logged = 0;
    for (name, entry) in files {
        let n = |key: &str| entry[key].as_u64().unwrap_or_else(|| panic!("{name}.{key}"));
        assert_eq!(n("records_read"), n("rows_accepted") + n("rows_rejected"), "{name}");
        assert!(matches!(entry["status"].as_str(), Some("ok" | "missing")), "{name}: {entry}");
        logged += n("rows_rejected") + n("warnings");
    }
    let rows = |table: Table| manifest["tables"][table.name()]["rows"].as_u64().unwrap();
    assert_eq!(rows(Table::ErrorLog), logged);
    assert_eq!(rows(Table::MoviesMaster), manifest["coverage"]["movies"].as_u64().unwrap());
    let movies = files["movies_metadata.csv"]["rows_accepted"].as_u64().unwrap()
        - files["movies_metadata.csv"]["records_repaired"].as_u64().unwrap();
    assert_eq!(rows(Table::MoviesMaster), movies);

    for table in Table::ALL {
        let csv_rows = read_csv(out, table);
        assert_eq!(csv_rows.len() as u64, rows(table), "csv/{}.csv", table.name());
        assert_eq!(ndjson_lines(out, table), rows(table), "json/{}.ndjson", table.name());
    }

    let mut by_file: BTreeMap<(String, String), u64> = BTreeMap::new();
    for row in read_csv(out, Table::ErrorLog) {
        *by_file.entry((row[0].to_owned(), row[3].to_owned())).or_default() += 1;
    }
    for (name, entry) in files {
        let count = |severity: &str| by_file.get(&(name.clone(), severity.to_owned())).copied().unwrap_or(0);
        assert_eq!(count("error"), entry["rows_rejected"].as_u64().unwrap(), "{name} errors");
        assert_eq!(count("warning"), entry["warnings"].as_u64().unwrap(), "{name} warnings");
    }
    manifest
}

/// NDJSON lines parsed per table; past this, lines are only counted (the cross-engine
/// test compares every row of json/ with csv/).
const PARSED_LINES: u64 = 100_000;

/// Checks that the lines of a table's NDJSON file are objects with exactly the schema's
/// keys (the first [`PARSED_LINES`] of them); returns the number of lines.
fn ndjson_lines(out: &Path, table: Table) -> u64 {
    let path = out.join(format!("json/{}.ndjson", table.name()));
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let keys: BTreeSet<&str> = table.def().columns.iter().map(|c| c.name).collect();
    let mut lines = 0;
    for line in text.lines() {
        if lines < PARSED_LINES {
            let object: serde_json::Map<String, Value> =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{}: {e}: {line}", path.display()));
            assert!(object.keys().map(String::as_str).eq(keys.iter().copied()), "{}: keys of {line}", path.display());
        }
        lines += 1;
    }
    assert!(text.is_empty() || text.ends_with('\n'), "{}: last line unterminated", path.display());
    lines
}

/// The `(records_read, rows_accepted, rows_rejected, warnings, records_repaired)` of a
/// file in the manifest.
fn counts(manifest: &Value, file: &str) -> (u64, u64, u64, u64, u64) {
    let entry = &manifest["files"][file];
    let n = |key: &str| entry[key].as_u64().unwrap();
    (n("records_read"), n("rows_accepted"), n("rows_rejected"), n("warnings"), n("records_repaired"))
}

/// Rows of the error log, as `(source_file, movie_id, severity, column, reason, raw_value)`.
type LogRow = (String, Option<i64>, String, String, String, String);

/// The rows of the exported error log.
fn error_log(out: &Path) -> Vec<LogRow> {
    read_csv(out, Table::ErrorLog)
        .iter()
        .map(|r| {
            (r[0].to_owned(), r[2].parse().ok(), r[3].to_owned(), r[4].to_owned(), r[5].to_owned(), r[6].to_owned())
        })
        .collect()
}

/// Movie ids of the sample's quirks of `kinds` in `file`.
fn quirk_ids(file: &str, kinds: &[QuirkKind]) -> BTreeSet<i64> {
    injected_quirks().iter().filter(|q| q.file == file && kinds.contains(&q.kind)).filter_map(|q| q.movie_id).collect()
}

/// The value of column `name` in a row of `table`.
fn cell<'r>(row: &'r csv::StringRecord, table: Table, name: &str) -> &'r str {
    let at = table.def().columns.iter().position(|c| c.name == name).unwrap();
    &row[at]
}

#[test]
fn sample_quirks_end_up_where_they_should() {
    let scratch = Scratch::new("sample");
    let out = scratch.join("out");
    let manifest = process_ok(&[&sample_zip()], &out);
    assert_eq!(counts(&manifest, "movies_metadata.csv"), (1507, 1499, 8, 5, 3));
    assert_eq!(counts(&manifest, "credits.csv"), (1499, 1498, 1, 0, 0));
    assert_eq!(counts(&manifest, "keywords.csv"), (1499, 1498, 1, 0, 0));
    assert_eq!(counts(&manifest, "links.csv"), (1501, 1501, 0, 0, 0));
    assert_eq!(counts(&manifest, "ratings.csv"), (40000, 40000, 0, 0, 0));
    let log = error_log(&out);
    let movies_file = "movies_metadata.csv";
    let logged = |file: &str, severity: &str, pick: &dyn Fn(&LogRow) -> bool| -> BTreeSet<i64> {
        log.iter().filter(|r| r.0 == file && r.2 == severity && pick(r)).filter_map(|r| r.1).collect()
    };

    // Split records: repaired, one warning each, one movie row holding the line break.
    let repaired = logged(movies_file, "warning", &|r| r.4.starts_with("record split by a line break"));
    assert_eq!(repaired, quirk_ids(movies_file, &[QuirkKind::SplitRecord]));
    assert_eq!(repaired.len(), 3);
    let movies = read_csv(&out, Table::MoviesMaster);
    for id in &repaired {
        let rows: Vec<_> = movies.iter().filter(|m| cell(m, Table::MoviesMaster, "id") == id.to_string()).collect();
        assert_eq!(rows.len(), 1, "movie {id}");
        assert!(cell(rows[0], Table::MoviesMaster, "overview").contains("\n - Written by"), "movie {id}");
    }

    // Duplicates: the later copies rejected, in every file that has them.
    for file in [movies_file, "credits.csv", "keywords.csv"] {
        let duplicates = logged(file, "error", &|r| r.4.starts_with("duplicate id"));
        let expected = quirk_ids(file, &[QuirkKind::DuplicateIdExact, QuirkKind::DuplicateIdOtherPopularity]);
        assert_eq!(duplicates, expected, "{file}");
    }
    assert_eq!(movies.len(), 1496);
    let ids: BTreeSet<&str> = movies.iter().map(|m| cell(m, Table::MoviesMaster, "id")).collect();
    assert_eq!(ids.len(), movies.len(), "a duplicate id was kept");

    // The first row of a duplicated id is kept: its popularity, not the copy's.
    let raw = &movies_sample::sample_files()[0].bytes;
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(raw.as_slice());
    let other = *quirk_ids(movies_file, &[QuirkKind::DuplicateIdOtherPopularity]).first().unwrap();
    let first = reader.records().map(Result::unwrap).find(|r| r.len() == 24 && r[5] == other.to_string()).unwrap();
    let kept = movies.iter().find(|m| cell(m, Table::MoviesMaster, "id") == other.to_string()).unwrap();
    assert_eq!(
        cell(kept, Table::MoviesMaster, "popularity").parse::<f64>().unwrap(),
        first[10].parse::<f64>().unwrap()
    );

    // Unparsable budgets reject their rows.
    let budgets: Vec<&LogRow> = log.iter().filter(|r| r.2 == "error" && r.3 == "budget").collect();
    assert_eq!(
        budgets.iter().filter_map(|r| r.1).collect::<BTreeSet<_>>(),
        quirk_ids(movies_file, &[QuirkKind::UnparsableBudget])
    );
    assert_eq!(budgets.iter().map(|r| r.5.as_str()).collect::<BTreeSet<_>>(), BTreeSet::from(["unknown", "1,500,000"]));

    // An impossible date is null plus a warning; the row is kept.
    let impossible = quirk_ids(movies_file, &[QuirkKind::ImpossibleReleaseDate]);
    assert_eq!(logged(movies_file, "warning", &|r| r.3 == "release_date" && r.5 == "2015-02-30"), impossible);
    let id = impossible.first().unwrap().to_string();
    let row = movies.iter().find(|m| cell(m, Table::MoviesMaster, "id") == id).expect("kept");
    assert_eq!(
        (cell(row, Table::MoviesMaster, "release_date"), cell(row, Table::MoviesMaster, "release_year")),
        ("", "")
    );

    // Spreadsheet dates are read as dates.
    for id in quirk_ids(movies_file, &[QuirkKind::SpreadsheetDate]) {
        let row = movies.iter().find(|m| cell(m, Table::MoviesMaster, "id") == id.to_string()).unwrap();
        let year = cell(row, Table::MoviesMaster, "release_year");
        assert!(cell(row, Table::MoviesMaster, "release_date").starts_with(year) && !year.is_empty(), "{id}");
    }

    // A malformed literal: null genres plus a warning, the row kept.
    assert_eq!(
        logged(movies_file, "warning", &|r| r.3 == "genres"),
        quirk_ids(movies_file, &[QuirkKind::MalformedLiteral])
    );

    // Bad ids are rejected (no id to show).
    let bad_ids: BTreeSet<&str> =
        log.iter().filter(|r| r.2 == "error" && r.3 == "id" && r.1.is_none()).map(|r| r.5.as_str()).collect();
    assert_eq!(bad_ids, BTreeSet::from(["0", "29O379"]));

    // Nothing else is in the error log.
    assert_eq!(log.len(), 3 + 4 + 1 + 1 + 2 + 1 + 1 + 2, "{log:#?}");

    // Links without a TMDB id are kept with a null one; off-grid ratings are kept.
    let links = read_csv(&out, Table::LinksMaster);
    let missing_tmdb = injected_quirks().iter().filter(|q| q.kind == QuirkKind::MissingTmdbId).count();
    assert_eq!(links.iter().filter(|l| cell(l, Table::LinksMaster, "tmdb_id").is_empty()).count(), missing_tmdb);
    let ratings = read_csv(&out, Table::RatingsMaster);
    let off_grid: Vec<f64> = ratings
        .iter()
        .map(|r| cell(r, Table::RatingsMaster, "rating").parse::<f64>().unwrap())
        .filter(|r| (r * 2.0).fract() != 0.0)
        .collect();
    assert_eq!(off_grid, [4.7, 2.7, 3.9, 4.2]);
}

#[test]
fn real_files_are_processed() {
    let Some(real) = real_data_dir("real_files_are_processed") else {
        return;
    };
    let scratch = Scratch::new("real");
    let out = scratch.join("out");
    let manifest = process_ok(&[&real], &out);
    assert_eq!(counts(&manifest, "movies_metadata.csv"), (600, 600, 0, 0, 0));
    assert_eq!(counts(&manifest, "credits.csv"), (35, 35, 0, 0, 0));
    assert_eq!(counts(&manifest, "keywords.csv"), (57, 57, 0, 0, 0));
    assert_eq!(counts(&manifest, "links.csv"), (45843, 45843, 0, 0, 0));
    assert_eq!(counts(&manifest, "ratings.csv"), (100_004, 100_004, 0, 0, 0));
    assert!(manifest["files"]["links.csv"]["source"].as_str().unwrap().ends_with("/links.csv"));
    assert!(manifest["files"]["ratings.csv"]["source"].as_str().unwrap().ends_with("ratings_small.csv"));
    let expected = [
        (Table::MoviesMaster, 600),
        (Table::MoviesAggregated, 3229),
        (Table::KeywordsMaster, 439),
        (Table::CastMaster, 724),
        (Table::CrewMaster, 980),
        (Table::LinksMaster, 45843),
        (Table::RatingsMaster, 100_004),
        (Table::CompanyYear, 794),
        (Table::CompanyGenreYear, 2400),
        (Table::GenreYear, 129),
        (Table::ErrorLog, 0),
    ];
    for (table, rows) in expected {
        assert_eq!(manifest["tables"][table.name()]["rows"], rows, "{}", table.name());
    }

    let movies = read_csv(&out, Table::MoviesMaster);
    let toy = movies.iter().find(|m| cell(m, Table::MoviesMaster, "id") == "862").unwrap();
    let toy_cells: Vec<&str> =
        ["title", "release_date", "release_year", "budget", "revenue", "profit", "popularity", "collection_name"]
            .iter()
            .map(|c| cell(toy, Table::MoviesMaster, c))
            .collect();
    assert_eq!(
        toy_cells,
        ["Toy Story", "1995-10-30", "1995", "30000000", "373554033", "343554033", "21.946943", "Toy Story Collection"]
    );
    let links = read_csv(&out, Table::LinksMaster);
    assert_eq!(links.iter().filter(|l| cell(l, Table::LinksMaster, "tmdb_id").is_empty()).count(), 219);
}

#[test]
fn windows_1252_input_gives_utf8_output() {
    let Some(real) = real_data_dir("windows_1252_input_gives_utf8_output") else {
        return;
    };
    let scratch = Scratch::new("cp1252");
    let input = scratch.join("movies_metadata.csv");
    fs::copy(real.join("movies_metadata.cp1252.csv"), &input).unwrap();
    let out = scratch.join("out");
    let manifest = process_ok(&[&input], &out);
    assert_eq!(counts(&manifest, "movies_metadata.csv"), (50, 49, 1, 1, 0));
    assert_eq!(manifest["files"]["movies_metadata.csv"]["encoding"], "windows1252");
    assert_eq!(manifest["files"]["credits.csv"]["status"], "missing");
    let movies = read_csv(&out, Table::MoviesMaster);
    let city = movies.iter().find(|m| cell(m, Table::MoviesMaster, "id") == "902").unwrap();
    assert_eq!(cell(city, Table::MoviesMaster, "original_title"), "La Cité des Enfants Perdus");
    let log = error_log(&out);
    assert_eq!(log.iter().filter(|r| r.4.contains("Windows-1252")).count(), 1);
}

#[test]
fn generated_dataset_is_processed() {
    let zip = Path::new("/tmp/bench/s005.zip");
    if !zip.is_file() {
        eprintln!(
            "skipping generated_dataset_is_processed: {} is absent \
             (python3 shared/bench/make_dataset.py --scale 0.05 --out {0})",
            zip.display()
        );
        return;
    }
    let scratch = Scratch::new("s005");
    let out = scratch.join("out");
    let manifest = process_ok(&[zip], &out);
    for file in ["movies_metadata.csv", "credits.csv", "keywords.csv", "links.csv", "ratings.csv"] {
        assert_eq!(manifest["files"][file]["status"], "ok", "{file}");
        assert!(counts(&manifest, file).1 > 0, "{file}: no row accepted");
    }
    let (_, _, _, _, repaired) = counts(&manifest, "movies_metadata.csv");
    assert_eq!(repaired, 3, "the three split records are repaired");
}

#[test]
fn sample_command_writes_the_committed_sample() {
    let scratch = Scratch::new("sample-command");
    let zip = scratch.join("sample.zip");
    let output = movies(&["sample".as_ref(), "--out".as_ref(), zip.as_os_str()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(fs::read(&zip).unwrap() == fs::read(sample_zip()).unwrap(), "assets/sample.zip is out of date");
}

#[test]
fn one_format_only() {
    let scratch = Scratch::new("format");
    let out = scratch.join("out");
    let output = movies(&[
        "process".as_ref(),
        sample_zip().as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
        "--quiet".as_ref(),
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(out.join("csv/movies_master.csv").is_file());
    assert!(!out.join("json").exists());
    let manifest: Value = serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["formats"], serde_json::json!(["csv"]));
}

#[test]
fn usage_errors_exit_2_with_a_message() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["process", "x.zip"],
        &["process", "--out", "x"],
        &["process", "x.zip", "--out", "o", "--format", "xml"],
        &["process", "x.zip", "--out", "o", "--threads", "0"],
        &["process", "x.zip", "--bogus", "--out", "o"],
        &["sample"],
    ] {
        let output = movies(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().next().unwrap_or("");
        assert!(first.starts_with("movies: ") && first.len() > "movies: ".len(), "{args:?}: {stderr}");
        assert!(stderr.contains("USAGE"), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
    let help = movies(&["--help"]);
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("USAGE"));
}

/// Runs `movies process INPUT --out OUT --quiet`, expecting exit 1 and exactly one line
/// on stderr that names `named`; returns that line.
fn fails_with_one_line(input: &Path, out: &Path, named: &str) -> String {
    let output =
        movies(&["process".as_ref(), input.as_os_str(), "--out".as_ref(), out.as_os_str(), "--quiet".as_ref()]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "{}: {stderr}", input.display());
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(lines[0].starts_with("movies: ") && lines[0].contains(named), "{stderr}");
    lines[0].to_owned()
}

#[test]
fn input_errors_exit_1_with_one_line_naming_the_file() {
    let scratch = Scratch::new("input-errors");
    let out = scratch.join("out");

    let missing = scratch.join("nowhere/the-movies-dataset.zip");
    let line = fails_with_one_line(&missing, &out, "nowhere/the-movies-dataset.zip");
    assert!(line.contains("check the path"), "{line}");

    let fake = scratch.join("fake.zip");
    fs::write(&fake, "this is not a zip archive\n").unwrap();
    let line = fails_with_one_line(&fake, &out, "fake.zip");
    assert!(line.contains("not a readable zip archive"), "{line}");

    let empty = scratch.join("other.zip");
    let mut zip = zip::ZipWriter::new(fs::File::create(&empty).unwrap());
    zip.start_file("notes/readme.txt", zip::write::SimpleFileOptions::default()).unwrap();
    std::io::Write::write_all(&mut zip, b"nothing to see").unwrap();
    zip.finish().unwrap();
    let line = fails_with_one_line(&empty, &out, "other.zip");
    assert!(line.contains("without any file of The Movies Dataset (it holds: notes/readme.txt)"), "{line}");

    let no_id = scratch.join("movies_metadata.csv");
    fs::write(&no_id, "budget,genres,popularity,production_companies,release_date,revenue,title\n0,[],1.5,[],,0,X\n")
        .unwrap();
    let line = fails_with_one_line(&no_id, &out, "movies_metadata.csv");
    assert!(line.contains("missing required column(s) id"), "{line}");
}

/// Runs `movies` with `args` then `--quiet`; returns the exit code and stderr.
fn run_quiet(args: &[&std::ffi::OsStr]) -> (Option<i32>, String) {
    let mut all = args.to_vec();
    all.push("--quiet".as_ref());
    let output = movies(&all);
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn snapshots_by_day_and_hour_a_held_lock_and_a_backfill() {
    let scratch = Scratch::new("snapshots");
    let (lake, sample) = (scratch.join("lake"), sample_zip());
    let process = |extra: &[&str]| {
        let mut args: Vec<&std::ffi::OsStr> =
            vec!["process".as_ref(), sample.as_os_str(), "--out".as_ref(), lake.as_os_str()];
        args.extend(extra.iter().map(std::ffi::OsStr::new));
        run_quiet(&args)
    };
    for _ in 0..2 {
        // A rerun replaces the day whole.
        assert_eq!(process(&["--snapshot-date", "2026-11-24"]), (Some(0), String::new()));
    }
    check_export(&lake.join("snapshot_date=2026-11-24"));
    for hour in ["7", "08"] {
        assert_eq!(process(&["--snapshot-date", "2026-11-25", "--snapshot-hour", hour]), (Some(0), String::new()));
    }
    for hour in ["hour=07", "hour=08"] {
        check_export(&lake.join("snapshot_date=2026-11-25").join(hour));
    }

    // A lock held by a live process (this test) refuses a second run for that day.
    let lock = lake.join(".snapshot_date=2026-11-26.lock");
    fs::write(&lock, format!("pid {}\n", std::process::id())).unwrap();
    let (code, stderr) = process(&["--snapshot-date", "2026-11-26"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("another run") && stderr.contains(".snapshot_date=2026-11-26.lock"), "{stderr}");
    assert!(!lake.join("snapshot_date=2026-11-26").exists());
    fs::remove_file(&lock).unwrap();

    // Backfill: dated copies of the sample, given out of order, one snapshot each.
    let dumps: Vec<PathBuf> = ["2024-02-01", "2024-01-01"]
        .iter()
        .map(|day| {
            let dump = scratch.join(&format!("the-movies-dataset-{day}.zip"));
            fs::copy(&sample, &dump).unwrap();
            dump
        })
        .collect();
    let mut args: Vec<&std::ffi::OsStr> = vec!["backfill".as_ref()];
    args.extend(dumps.iter().map(|d| d.as_os_str()));
    args.extend(["--out".as_ref(), lake.as_os_str()]);
    assert_eq!(run_quiet(&args), (Some(0), String::new()));
    for day in ["2024-01-01", "2024-02-01"] {
        check_export(&lake.join(format!("snapshot_date={day}")));
    }
    let mut names: Vec<String> =
        fs::read_dir(&lake).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    let expected = ["2024-01-01", "2024-02-01", "2026-11-24", "2026-11-25"].map(|d| format!("snapshot_date={d}"));
    assert_eq!(names, expected, "no lock or staging folder left behind");
}
