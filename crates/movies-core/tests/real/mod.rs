//! Where the rows of the real dataset are: `shared/data/real/` beside the workspace.
//!
//! The files are not part of the repository, so every test (and the benchmark) that
//! reads them asks [`real_data_dir`] first and skips, with a message, when they are
//! absent.

use std::path::PathBuf;

/// The real-data folder, or `None` (after printing why `what` is skipped) when it is
/// absent.
pub fn real_data_dir(what: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/real");
    if dir.join("movies_metadata.csv").is_file() {
        Some(dir)
    } else {
        eprintln!("skipping {what}: the real data folder {} is absent", dir.display());
        None
    }
}

/// The bytes of one file of the real-data folder.
pub fn read_real(dir: &std::path::Path, name: &str) -> Vec<u8> {
    let path = dir.join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}
