//! Where the real rows of The Movies Dataset are, for every Rust test that reads them:
//! the tests and benchmark of movies-core (through `real/mod.rs`) and the tests of
//! movies-cli, which include this file by path.
//!
//! The rows are not part of the repository: they are in `shared/data/real/` beside the
//! workspace, or wherever `MOVIES_REAL_DATA` points. A test that finds them absent
//! skips with a message naming the folder, except under `CI=true`, where it fails with
//! that message: CI must never pass without having read them.

use std::path::PathBuf;

/// The real-data folder, or `None` after printing why `what` is skipped. Panics
/// instead of skipping when the environment variable `CI` is `true`.
pub fn real_data_dir(what: &str) -> Option<PathBuf> {
    let dir = match std::env::var_os("MOVIES_REAL_DATA").filter(|dir| !dir.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/real"),
    };
    if dir.join("movies_metadata.csv").is_file() {
        return Some(dir);
    }
    let why = format!("the real data folder {} is absent (no movies_metadata.csv in it)", dir.display());
    if std::env::var("CI").is_ok_and(|ci| ci == "true") {
        panic!("{what}: {why}, and CI=true requires it: the real-data tests must not be skipped in CI");
    }
    eprintln!("skipping {what}: {why}");
    None
}
