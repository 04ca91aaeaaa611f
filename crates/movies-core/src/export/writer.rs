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
    /// Apache Parquet (Snappy), typed by the schema. Written only when asked for, and
    /// only by builds of `movies-core` with the `parquet` feature (the `movies`
    /// command); elsewhere writing it fails with [`io::ErrorKind::Unsupported`].
    Parquet,
}

impl Format {
    /// The two text formats of every export (`csv/`, `json/`), in export order.
    /// Parquet is not part of it: it is an extra, explicitly requested format.
    pub const TEXT: [Format; 2] = [Format::Csv, Format::Ndjson];

    /// Every format, text and Parquet.
    pub const EVERY: [Format; 3] = [Format::Csv, Format::Ndjson, Format::Parquet];

    /// Whether this build can write the format (Parquet needs the `parquet` feature).
    pub fn available(self) -> bool {
        self != Format::Parquet || cfg!(feature = "parquet")
    }

    /// The folder of the export layout (`csv/`, `json/`, `parquet/`).
    pub fn folder(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Ndjson => "json",
            Format::Parquet => "parquet",
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Ndjson => "ndjson",
            Format::Parquet => "parquet",
        }
    }

    /// The path of a table's file in the export layout, e.g. `csv/movies_master.csv`.
    pub fn path(self, table: Table) -> String {
        format!("{}/{}.{}", self.folder(), table.name(), self.extension())
    }

    /// The format's name as people write it (`CSV`, `NDJSON`, `Parquet`), for buttons.
    pub fn label(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::Ndjson => "NDJSON",
            Format::Parquet => "Parquet",
        }
    }

    /// The MIME type for downloads.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Csv => "text/csv",
            Format::Ndjson => "application/x-ndjson",
            Format::Parquet => "application/vnd.apache.parquet",
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
    kind: Kind<W>,
    rows: u64,
}

enum Kind<W: Write> {
    /// CSV or NDJSON, encoded into `buf` and written in large blocks.
    Text { out: W, buf: Vec<u8>, format: Format, columns: &'static [Column], keys: JsonKeys, options: WriteOptions },
    /// Parquet, staged per row group.
    #[cfg(feature = "parquet")]
    Parquet(Box<super::parquet::ParquetTable<W>>),
    /// A format this build cannot write: every call fails with the reason.
    Unavailable { kind: io::ErrorKind, reason: String },
}

impl<W: Write> TableWriter<W> {
    /// Starts the table (with its header row in CSV).
    ///
    /// A format that cannot be written here (Parquet without the `parquet` feature)
    /// is reported by the first [`write`](Self::write) or by [`finish`](Self::finish).
    pub fn new(out: W, table: Table, format: Format, options: WriteOptions) -> Self {
        let columns = table.def().columns;
        let kind = match format {
            Format::Csv | Format::Ndjson => {
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
                Kind::Text { out, buf, format, columns, keys: JsonKeys::new(columns), options }
            }
            #[cfg(feature = "parquet")]
            Format::Parquet => match super::parquet::ParquetTable::new(out, table) {
                Ok(writer) => Kind::Parquet(Box::new(writer)),
                Err(e) => Kind::Unavailable { kind: e.kind(), reason: e.to_string() },
            },
            #[cfg(not(feature = "parquet"))]
            Format::Parquet => Kind::Unavailable {
                kind: io::ErrorKind::Unsupported,
                reason: "this build has no Parquet support (movies-core feature `parquet`)".to_owned(),
            },
        };
        TableWriter { kind, rows: 0 }
    }

    /// Appends one row.
    #[inline]
    pub fn write<R: TableRow>(&mut self, row: &R) -> io::Result<()> {
        match &mut self.kind {
            Kind::Text { out, buf, format, columns, keys, options } => {
                debug_assert_eq!(R::TABLE.def().columns.len(), columns.len());
                if *format == Format::Csv {
                    // A known CSV line holds no text cells, so spreadsheet safety is moot.
                    if let Some(line) = row.csv_line() {
                        buf.extend_from_slice(line);
                        buf.push(b'\n');
                    } else {
                        let mut cells = CsvCells::new(buf, options.spreadsheet_safe);
                        row.write_cells(&mut cells);
                        cells.end();
                    }
                } else {
                    let mut cells = JsonCells::new(buf, keys);
                    row.write_cells(&mut cells);
                    cells.end();
                }
                if buf.len() >= FLUSH_AT {
                    out.write_all(buf)?;
                    buf.clear();
                }
            }
            #[cfg(feature = "parquet")]
            Kind::Parquet(writer) => writer.write(row)?,
            Kind::Unavailable { kind, reason } => return Err(io::Error::new(*kind, reason.clone())),
        }
        self.rows += 1;
        Ok(())
    }

    /// Rows written so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Flushes everything and gives the output back.
    pub fn finish(self) -> io::Result<W> {
        match self.kind {
            Kind::Text { mut out, buf, .. } => {
                out.write_all(&buf)?;
                out.flush()?;
                Ok(out)
            }
            #[cfg(feature = "parquet")]
            Kind::Parquet(writer) => writer.finish(),
            Kind::Unavailable { kind, reason } => Err(io::Error::new(kind, reason)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LinkRow;

    #[test]
    fn parquet_is_an_extra_format() {
        assert!(!Format::TEXT.contains(&Format::Parquet));
        assert_eq!(Format::EVERY, [Format::Csv, Format::Ndjson, Format::Parquet]);
        assert_eq!(Format::Parquet.path(Table::RatingsMaster), "parquet/ratings_master.parquet");
        assert_eq!(serde_json::to_string(&Format::Parquet).unwrap(), "\"parquet\"");
        assert_eq!(Format::Parquet.available(), cfg!(feature = "parquet"));
    }

    #[test]
    fn parquet_is_written_only_with_the_feature() {
        let row = LinkRow { movielens_id: 1, imdb_id: None, tmdb_id: Some(862) };
        let mut writer = TableWriter::new(Vec::new(), Table::LinksMaster, Format::Parquet, WriteOptions::default());
        let written = writer.write(&row);
        if cfg!(feature = "parquet") {
            assert!(written.is_ok());
            let bytes = writer.finish().unwrap();
            assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
        } else {
            assert_eq!(written.unwrap_err().kind(), io::ErrorKind::Unsupported);
            assert_eq!(writer.finish().unwrap_err().kind(), io::ErrorKind::Unsupported);
        }
    }
}
