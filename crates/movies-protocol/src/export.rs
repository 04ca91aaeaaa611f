//! The export messages: what the page asks to export, and what happens to it.

use serde::{Deserialize, Serialize};

use crate::{Format, InputFile, Table, UserError};

/// What to export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ExportRequest {
    /// One table in one format.
    Table {
        /// The table.
        table: Table,
        /// The format.
        format: Format,
    },
    /// Everything, as `movies-clean-<date>.zip` in the command's layout.
    All {
        /// Today's date as `YYYY-MM-DD` (the page's clock), for the file name.
        date: String,
        /// Also every table as `parquet/<table>.parquet`, as `movies process --format all`.
        parquet: bool,
    },
    /// Everything as separate files in the command's layout (`csv/…`, `json/…`,
    /// `manifest.json`…), uncompressed, for the page to write into a folder the user
    /// picked: no deflating, so it takes about as long as re-reading the input.
    Folder {
        /// Also `parquet/<table>.parquet`.
        parquet: bool,
    },
}

/// What happens to an export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum ExportEvent {
    /// Progress of an export that re-reads the input files.
    Progress {
        /// The file being re-read.
        file: InputFile,
        /// Bytes of it read.
        bytes_done: u64,
        /// Bytes in it.
        bytes_total: u64,
    },
    /// Part of the export: the bytes travel beside this message. Parts of one stream
    /// are sent in order.
    Chunk {
        /// Which stream of the export the bytes belong to.
        stream: u32,
    },
    /// A file of a folder export begins: the chunks of `stream` are its bytes.
    File {
        /// The stream that carries the file.
        stream: u32,
        /// Its path in the export layout (`csv/movies_master.csv`).
        path: String,
    },
    /// Every file of a folder export was sent (the page closes them).
    Written {
        /// Files sent.
        files: u32,
        /// Bytes sent.
        bytes: u64,
    },
    /// The export is complete: its file is the concatenation of the streams in `order`.
    Ready {
        /// File name for the download.
        file_name: String,
        /// MIME type.
        mime: String,
        /// Streams in file order.
        order: Vec<u32>,
        /// Total size in bytes.
        bytes: u64,
    },
    /// The export stopped because the page cancelled it: nothing more comes for it.
    Cancelled,
    /// The export failed.
    Failed {
        /// What went wrong.
        error: UserError,
    },
}
