//! The rows of the real dataset: where they are ([`real_data_dir`], which skips or, in
//! CI, fails when they are absent) and reading them.

mod locate;

pub use locate::real_data_dir;

/// The bytes of one file of the real-data folder.
pub fn read_real(dir: &std::path::Path, name: &str) -> Vec<u8> {
    let path = dir.join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}
