//! One large file cleaned on several cores: cut into parts at record boundaries
//! ([`cut`]), each part cleaned on its own ([`crate::FileJob::open_part`]), and the
//! parts' results added up in file order ([`totals`]) to what one pass would give.
//!
//! The browser's worker uses this for ratings.csv (26 million rows): one worker
//! inflates and cuts, others clean. A part carries the number of its first line, so
//! the error log's line numbers are those of the whole file.

pub mod cut;
pub mod totals;

use serde::{Deserialize, Serialize};

use crate::input::InputFile;
use crate::pipeline::{FileReport, TextEncoding};

/// What every part of a file shares: the header's columns and how the text was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartHead {
    /// Column names, as read from the header.
    pub names: Vec<String>,
    /// The file's text encoding.
    pub encoding: TextEncoding,
    /// Bytes of the header, its line break included.
    pub bytes: u64,
}

impl PartHead {
    /// The report of the file before any part is added: the header's bytes alone.
    pub fn report(&self, file: InputFile, source: &str) -> FileReport {
        FileReport {
            file,
            source: source.to_owned(),
            records_read: 0,
            rows_accepted: 0,
            rows_rejected: 0,
            warnings: 0,
            records_repaired: 0,
            encoding: self.encoding,
            windows_1252_fields: 0,
            bytes: self.bytes,
        }
    }
}

/// A run of whole records of a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// Its place among the parts, from 0.
    pub index: u32,
    /// The line its first record starts on.
    pub first_line: u64,
    /// Its text: whole lines, each ending with a line break (the last part may end
    /// without one, as the file does).
    pub text: Vec<u8>,
}
