//! A dataset file on disk: the origin of every source read from the files and folders
//! given as INPUT, opened afresh for every reader.

use std::fs::File;
use std::io;
use std::path::PathBuf;

use movies_core::origin::Origin;
use movies_core::sources;

/// A dataset file to process, read from disk.
pub type Source = sources::Source<PathOrigin>;

/// A file on disk, opened afresh for every reader.
#[derive(Debug, Clone)]
pub struct PathOrigin {
    path: PathBuf,
    name: String,
    size: u64,
}

impl PathOrigin {
    /// The file at `path`, of `size` bytes.
    pub fn new(path: PathBuf, size: u64) -> Self {
        PathOrigin { name: path.display().to_string(), path, size }
    }
}

impl Origin for PathOrigin {
    type Reader = File;

    fn name(&self) -> &str {
        &self.name
    }

    fn size(&self) -> u64 {
        self.size
    }

    fn open(&self) -> io::Result<File> {
        File::open(&self.path)
    }
}
