//! `movies process --format parquet|all`: the Parquet files of the export layout, read
//! back with the `parquet` crate: one file per table, the schema's columns, the
//! manifest's row counts; and a later export without Parquet removes the old files.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use movies_core::schema::Table;
use parquet::file::reader::{FileReader, SerializedFileReader};
use serde_json::Value;

const MOVIES: &str = env!("CARGO_BIN_EXE_movies");

fn sample_zip() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/sample.zip")
}

fn process(out: &Path, format: &str) -> Value {
    let output = Command::new(MOVIES)
        .arg("process")
        .arg(sample_zip())
        .arg("--out")
        .arg(out)
        .args(["--format", format, "--quiet"])
        .output()
        .expect("the movies binary runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap()
}

#[test]
fn parquet_files_hold_every_table() {
    let scratch = std::env::temp_dir().join(format!("movies-cli-test-{}-parquet", std::process::id()));
    let _ = fs::remove_dir_all(&scratch);
    let out = scratch.join("out");

    let manifest = process(&out, "parquet");
    assert_eq!(manifest["formats"], serde_json::json!(["parquet"]));
    assert!(!out.join("csv").exists() && !out.join("json").exists());
    let mut names: Vec<String> =
        fs::read_dir(out.join("parquet")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    let mut expected: Vec<String> = Table::ALL.iter().map(|t| format!("{}.parquet", t.name())).collect();
    expected.sort();
    assert_eq!(names, expected);
    for table in Table::ALL {
        let path = out.join(format!("parquet/{}.parquet", table.name()));
        let reader = SerializedFileReader::new(fs::File::open(&path).unwrap()).unwrap();
        let metadata = reader.metadata().file_metadata();
        let columns: Vec<&str> = metadata.schema_descr().columns().iter().map(|c| c.name()).collect();
        let schema: Vec<&str> = table.def().columns.iter().map(|c| c.name).collect();
        assert_eq!(columns, schema, "{}", path.display());
        let rows = manifest["tables"][table.name()]["rows"].as_u64().unwrap();
        assert_eq!(metadata.num_rows() as u64, rows, "{}", path.display());
        if matches!(table, Table::MoviesMaster | Table::RatingsMaster | Table::ErrorLog) {
            assert!(rows > 0, "{} is empty", table.name());
        }
    }

    let manifest = process(&out, "all");
    assert_eq!(manifest["formats"], serde_json::json!(["csv", "ndjson", "parquet"]));
    assert!(out.join("csv/error_log.csv").is_file() && out.join("parquet/error_log.parquet").is_file());
    process(&out, "csv");
    assert!(!out.join("parquet").exists(), "a csv-only export leaves no stale parquet/");
    let _ = fs::remove_dir_all(&scratch);
}
