//! A buffered writer of one table in one format.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use super::cells::TableRow;
use super::encode::{push_csv_text, CsvCells, JsonCells, JsonKeys};
use crate::schema::{Column, Table};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// RFC 4180 CSV with a header row.
    Csv,
    /// One JSON object per line.
    Ndjson,
}

impl Format {
    /// Both formats, in export order.
    pub const ALL: [Format; 2] = [Format::Csv, Format::Ndjson];

    /// The folder of the export layout (`csv/`, `json/`).
    pub fn folder(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Ndjson => "json",
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Ndjson => "ndjson",
        }
    }

    /// The path of a table's file in the export layout, e.g. `csv/movies_master.csv`.
    pub fn path(self, table: Table) -> String {
        format!("{}/{}.{}", self.folder(), table.name(), self.extension())
    }

    /// The MIME type for downloads.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Csv => "text/csv",
            Format::Ndjson => "application/x-ndjson",
        }
    }
}

/// Options of the writers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriteOptions {
    /// Neutralise CSV text cells that spreadsheets would run as formulas.
    pub spreadsheet_safe: bool,
}

const FLUSH_AT: usize = 256 * 1024;

/// Writes rows of one table in one format to `W`, buffering internally.
pub struct TableWriter<W: Write> {
    out: W,
    buf: Vec<u8>,
    format: Format,
    columns: &'static [Column],
    keys: JsonKeys,
    options: WriteOptions,
    rows: u64,
}

impl<W: Write> TableWriter<W> {
    /// Starts the table (with its header row in CSV).
    pub fn new(out: W, table: Table, format: Format, options: WriteOptions) -> Self {
        let columns = table.def().columns;
        let mut buf = Vec::with_capacity(FLUSH_AT + 4096);
        if format == Format::Csv {
            for (i, c) in columns.iter().enumerate() {
                if i > 0 {
                    buf.push(b',');
                }
                push_csv_text(&mut buf, c.name);
            }
            buf.push(b'\n');
        }
        TableWriter { out, buf, format, columns, keys: JsonKeys::new(columns), options, rows: 0 }
    }

    /// Appends one row.
    #[inline]
    pub fn write<R: TableRow>(&mut self, row: &R) -> io::Result<()> {
        debug_assert_eq!(R::TABLE.def().columns.len(), self.columns.len());
        match self.format {
            Format::Csv => {
                let mut cells = CsvCells::new(&mut self.buf, self.options.spreadsheet_safe);
                row.write_cells(&mut cells);
                cells.end();
            }
            Format::Ndjson => {
                let mut cells = JsonCells::new(&mut self.buf, &self.keys);
                row.write_cells(&mut cells);
                cells.end();
            }
        }
        self.rows += 1;
        if self.buf.len() >= FLUSH_AT {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Rows written so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Flushes everything and gives the output back.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.write_all(&self.buf)?;
        self.out.flush()?;
        Ok(self.out)
    }
}
