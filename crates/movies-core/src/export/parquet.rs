//! The Parquet table writer (`parquet/<table>.parquet`), with the `parquet` crate's
//! column writer API (no Arrow).
//!
//! Rows arrive one at a time, as for CSV and NDJSON, but Parquet stores a row group
//! column by column: the cells are staged per column (values plus definition levels)
//! until a row group is full ([`ROW_GROUP_ROWS`] rows, or [`ROW_GROUP_BYTES`] of staged
//! text), then each column is encoded (dictionary when it pays, Snappy pages) and the
//! bytes go to the output. Memory is one row group, whatever the size of the table.
//!
//! Types follow `schema.sql`: BIGINT → INT64, INTEGER → INT32, DOUBLE → DOUBLE,
//! VARCHAR → BYTE_ARRAY (UTF8), BOOLEAN → BOOLEAN, DATE → INT32 (DATE, days since
//! 1970-01-01); a `NOT NULL` column is `REQUIRED`, the others `OPTIONAL`.
//!
//! The file writer needs an output that is `Send`, which the export targets are not
//! (the browser's chunk poster holds an `Rc`): it writes into a `Vec<u8>` that is
//! drained into the real output after every row group.

use std::io::{self, Write};
use std::sync::Arc;

use bytes::Bytes;
use parquet::basic::{Compression, LogicalType, Repetition, Type as PhysicalType};
use parquet::column::writer::ColumnCloseResult;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::metadata::{PageIndexPolicy, ParquetMetaDataReader};
use parquet::file::properties::{WriterProperties, WriterPropertiesPtr};
use parquet::file::reader::ChunkReader;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::{Type, TypePtr};

use super::cells::{CellWriter, TableRow};
use crate::schema::{Column, ColumnType, Table};
use crate::values::Date;

/// Rows per row group (the last one of a table holds the rest).
pub const ROW_GROUP_ROWS: usize = 128 * 1024;

/// A row group is also closed once this much text is staged, so that tables with long
/// texts (overviews) keep memory bounded.
pub const ROW_GROUP_BYTES: usize = 64 << 20;

fn parquet_error(e: ParquetError) -> io::Error {
    match e {
        ParquetError::External(inner) => io::Error::other(inner),
        other => io::Error::other(other),
    }
}

/// The Parquet schema of a table.
pub fn schema(table: Table) -> TypePtr {
    let fields = table.def().columns.iter().map(|c| Arc::new(field(c))).collect();
    let root = Type::group_type_builder(table.name()).with_fields(fields).build();
    Arc::new(root.expect("the schema of every table is a valid Parquet schema"))
}

fn field(column: &Column) -> Type {
    let (physical, logical) = match column.ty {
        ColumnType::BigInt => (PhysicalType::INT64, None),
        ColumnType::Integer => (PhysicalType::INT32, None),
        ColumnType::Double => (PhysicalType::DOUBLE, None),
        ColumnType::Varchar => (PhysicalType::BYTE_ARRAY, Some(LogicalType::String)),
        ColumnType::Boolean => (PhysicalType::BOOLEAN, None),
        ColumnType::Date => (PhysicalType::INT32, Some(LogicalType::Date)),
    };
    let repetition = if column.nullable { Repetition::OPTIONAL } else { Repetition::REQUIRED };
    Type::primitive_type_builder(column.name, physical)
        .with_repetition(repetition)
        .with_logical_type(logical)
        .build()
        .expect("a primitive column is a valid Parquet type")
}

fn properties() -> WriterPropertiesPtr {
    Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
            .set_created_by(concat!("movies-core ", env!("CARGO_PKG_VERSION")).to_owned())
            .build(),
    )
}

/// Days from 1970-01-01 to `date` (proleptic Gregorian), as Parquet's DATE stores it.
pub fn days_since_epoch(date: Date) -> i32 {
    // Howard Hinnant's days_from_civil.
    let month = i64::from(date.month);
    let year = i64::from(date.year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(date.day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    (era * 146_097 + day_of_era - 719_468) as i32
}

/// The staged cells of one column in the current row group.
enum Staged {
    Int64(Vec<i64>),
    Int32(Vec<i32>),
    Double(Vec<f64>),
    Boolean(Vec<bool>),
    /// The texts end to end, and where each one ends.
    Text {
        bytes: Vec<u8>,
        ends: Vec<usize>,
    },
}

struct ColumnStage {
    column: &'static Column,
    values: Staged,
    /// Definition levels (1 = value, 0 = null); only for nullable columns.
    defs: Vec<i16>,
}

impl ColumnStage {
    fn new(column: &'static Column) -> Self {
        let values = match column.ty {
            ColumnType::BigInt => Staged::Int64(Vec::new()),
            ColumnType::Integer | ColumnType::Date => Staged::Int32(Vec::new()),
            ColumnType::Double => Staged::Double(Vec::new()),
            ColumnType::Boolean => Staged::Boolean(Vec::new()),
            ColumnType::Varchar => Staged::Text { bytes: Vec::new(), ends: Vec::new() },
        };
        ColumnStage { column, values, defs: Vec::new() }
    }

    fn clear(&mut self) {
        self.defs.clear();
        match &mut self.values {
            Staged::Int64(v) => v.clear(),
            Staged::Int32(v) => v.clear(),
            Staged::Double(v) => v.clear(),
            Staged::Boolean(v) => v.clear(),
            Staged::Text { bytes, ends } => {
                bytes.clear();
                ends.clear();
            }
        }
    }
}

/// Receives the cells of one row into the column stages.
struct RowCells<'a> {
    columns: &'a mut [ColumnStage],
    next: usize,
    /// Bytes of text staged by this row.
    text_bytes: usize,
    error: Option<String>,
}

impl RowCells<'_> {
    /// The stage of the next column when `value` is present or the column is nullable;
    /// records an error otherwise.
    fn stage(&mut self, present: bool, cell: &str) -> Option<&mut ColumnStage> {
        let index = self.next;
        self.next += 1;
        let Some(stage) = self.columns.get_mut(index) else {
            self.error.get_or_insert_with(|| format!("more cells than columns ({cell} cell {index})"));
            return None;
        };
        if stage.column.nullable {
            stage.defs.push(i16::from(present));
        } else if !present {
            let name = stage.column.name;
            self.error.get_or_insert_with(|| format!("null in the NOT NULL column {name}"));
            return None;
        }
        if present {
            Some(stage)
        } else {
            None
        }
    }

    fn mismatch(&mut self, cell: &str) {
        let name = self.columns[self.next - 1].column.name;
        self.error.get_or_insert_with(|| format!("a {cell} cell for column {name}"));
    }
}

impl CellWriter for RowCells<'_> {
    fn int(&mut self, value: Option<i64>) {
        let Some(stage) = self.stage(value.is_some(), "integer") else { return };
        let value = value.unwrap_or_default();
        match &mut stage.values {
            Staged::Int64(v) => v.push(value),
            Staged::Int32(v) if stage.column.ty == ColumnType::Integer => match i32::try_from(value) {
                Ok(n) => v.push(n),
                Err(_) => {
                    let name = stage.column.name;
                    self.error.get_or_insert_with(|| format!("{value} does not fit the INTEGER column {name}"));
                }
            },
            _ => self.mismatch("integer"),
        }
    }

    fn float(&mut self, value: Option<f64>) {
        let Some(stage) = self.stage(value.is_some(), "float") else { return };
        match &mut stage.values {
            Staged::Double(v) => v.push(value.unwrap_or_default()),
            _ => self.mismatch("float"),
        }
    }

    fn text(&mut self, value: Option<&str>) {
        let Some(stage) = self.stage(value.is_some(), "text") else { return };
        match &mut stage.values {
            Staged::Text { bytes, ends } => {
                let text = value.unwrap_or_default();
                bytes.extend_from_slice(text.as_bytes());
                ends.push(bytes.len());
                self.text_bytes += text.len();
            }
            _ => self.mismatch("text"),
        }
    }

    fn boolean(&mut self, value: Option<bool>) {
        let Some(stage) = self.stage(value.is_some(), "boolean") else { return };
        match &mut stage.values {
            Staged::Boolean(v) => v.push(value.unwrap_or_default()),
            _ => self.mismatch("boolean"),
        }
    }

    fn date(&mut self, value: Option<Date>) {
        let Some(stage) = self.stage(value.is_some(), "date") else { return };
        match &mut stage.values {
            Staged::Int32(v) if stage.column.ty == ColumnType::Date => {
                v.push(value.map(days_since_epoch).unwrap_or_default());
            }
            _ => self.mismatch("date"),
        }
    }
}

/// Writes one table as a Parquet file into `out`.
pub struct ParquetTable<W: Write> {
    out: W,
    file: SerializedFileWriter<Vec<u8>>,
    table: Table,
    columns: Vec<ColumnStage>,
    staged_rows: usize,
    staged_bytes: usize,
    /// Set when a row could not be staged (its first cells may have been): the file is
    /// unusable and every later call fails.
    failed: Option<String>,
}

impl<W: Write> ParquetTable<W> {
    /// Starts the file of `table`.
    pub fn new(out: W, table: Table) -> io::Result<Self> {
        let file = SerializedFileWriter::new(Vec::new(), schema(table), properties()).map_err(parquet_error)?;
        let columns = table.def().columns.iter().map(ColumnStage::new).collect();
        Ok(ParquetTable { out, file, table, columns, staged_rows: 0, staged_bytes: 0, failed: None })
    }

    fn check(&self) -> io::Result<()> {
        match &self.failed {
            None => Ok(()),
            Some(message) => Err(io::Error::new(io::ErrorKind::InvalidData, message.clone())),
        }
    }

    /// Stages one row; writes a row group when one is full.
    pub fn write<R: TableRow>(&mut self, row: &R) -> io::Result<()> {
        self.check()?;
        let mut cells = RowCells { columns: &mut self.columns, next: 0, text_bytes: 0, error: None };
        row.write_cells(&mut cells);
        let (next, text_bytes) = (cells.next, cells.text_bytes);
        let error = match cells.error {
            Some(e) => Some(e),
            None if next != self.columns.len() => Some(format!("{next} cells for {} columns", self.columns.len())),
            None => None,
        };
        if let Some(error) = error {
            self.failed = Some(format!("{}: cannot write a row as Parquet: {error}", self.table.name()));
            return self.check();
        }
        self.staged_rows += 1;
        self.staged_bytes += text_bytes + 8 * self.columns.len();
        if self.staged_rows >= ROW_GROUP_ROWS || self.staged_bytes >= ROW_GROUP_BYTES {
            self.flush_row_group()?;
        }
        Ok(())
    }

    /// Encodes the staged rows as one row group and sends its bytes to the output.
    fn flush_row_group(&mut self) -> io::Result<()> {
        if self.staged_rows == 0 {
            return Ok(());
        }
        let mut group = self.file.next_row_group().map_err(parquet_error)?;
        for stage in &mut self.columns {
            let mut column = group
                .next_column()
                .map_err(parquet_error)?
                .ok_or_else(|| io::Error::other("the Parquet schema has fewer columns than the table"))?;
            let defs = if stage.column.nullable { Some(stage.defs.as_slice()) } else { None };
            let written = match &mut stage.values {
                Staged::Int64(v) => column.typed::<Int64Type>().write_batch(v, defs, None),
                Staged::Int32(v) => column.typed::<Int32Type>().write_batch(v, defs, None),
                Staged::Double(v) => column.typed::<DoubleType>().write_batch(v, defs, None),
                Staged::Boolean(v) => column.typed::<BoolType>().write_batch(v, defs, None),
                Staged::Text { bytes, ends } => {
                    // One buffer for the row group's texts; the values are slices of it.
                    let shared = Bytes::from(std::mem::take(bytes));
                    let mut start = 0;
                    let values: Vec<ByteArray> = ends
                        .iter()
                        .map(|&end| {
                            let value = ByteArray::from(shared.slice(start..end));
                            start = end;
                            value
                        })
                        .collect();
                    column.typed::<ByteArrayType>().write_batch(&values, defs, None)
                }
            };
            written.map_err(parquet_error)?;
            column.close().map_err(parquet_error)?;
            stage.clear();
        }
        group.close().map_err(parquet_error)?;
        self.staged_rows = 0;
        self.staged_bytes = 0;
        self.drain()
    }

    /// Moves the bytes the file writer produced so far to the output.
    fn drain(&mut self) -> io::Result<()> {
        let bytes = std::mem::take(self.file.inner_mut());
        self.out.write_all(&bytes)
    }

    /// Writes the last row group and the footer, flushes, and gives the output back.
    pub fn finish(mut self) -> io::Result<W> {
        self.check()?;
        self.flush_row_group()?;
        self.drain()?;
        let rest = self.file.into_inner().map_err(parquet_error)?;
        self.out.write_all(&rest)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Joins complete Parquet files of `table` (parts written in parallel, e.g. the error
/// log of each input file) into one file written to `out`, in the order given. Row
/// groups are copied as they are, without decoding. Returns the rows written.
pub fn concat<R: ChunkReader + 'static, W: Write>(
    table: Table,
    parts: impl IntoIterator<Item = R>,
    out: W,
) -> io::Result<u64> {
    let mut joined = ParquetTable::new(out, table)?;
    let expected = schema(table);
    let mut rows = 0u64;
    for part in parts {
        let metadata = ParquetMetaDataReader::new()
            .with_page_index_policy(PageIndexPolicy::Optional)
            .parse_and_finish(&part)
            .map_err(parquet_error)?;
        if metadata.file_metadata().schema_descr().root_schema() != expected.as_ref() {
            let message = format!("{}: a part has another Parquet schema", table.name());
            return Err(io::Error::new(io::ErrorKind::InvalidData, message));
        }
        let column_indexes = metadata.column_index();
        let offset_indexes = metadata.offset_index();
        for (g, group) in metadata.row_groups().iter().enumerate() {
            let mut out = joined.file.next_row_group().map_err(parquet_error)?;
            for (c, column) in group.columns().iter().enumerate() {
                let close = ColumnCloseResult {
                    bytes_written: column.compressed_size() as u64,
                    rows_written: group.num_rows() as u64,
                    metadata: column.clone(),
                    bloom_filter: None,
                    column_index: column_indexes.and_then(|i| i.get(g)).and_then(|row| row.get(c)).cloned(),
                    offset_index: offset_indexes.and_then(|i| i.get(g)).and_then(|row| row.get(c)).cloned(),
                };
                out.append_column(&part, close).map_err(parquet_error)?;
            }
            out.close().map_err(parquet_error)?;
            rows += group.num_rows() as u64;
            joined.drain()?;
        }
    }
    joined.finish()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{Format, TableWriter, WriteOptions};
    use crate::input::InputFile;
    use crate::model::{Issue, LinkRow, Movie, RatingRow, Severity};
    use parquet::basic::Repetition;
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;

    fn read(bytes: Vec<u8>) -> SerializedFileReader<Bytes> {
        SerializedFileReader::new(Bytes::from(bytes)).expect("a valid Parquet file")
    }

    fn rows(reader: &SerializedFileReader<Bytes>) -> Vec<Vec<Field>> {
        reader
            .get_row_iter(None)
            .unwrap()
            .map(|row| row.unwrap().get_column_iter().map(|(_, f)| f.clone()).collect())
            .collect()
    }

    fn write_all<R: TableRow>(rows: impl IntoIterator<Item = R>) -> io::Result<Vec<u8>> {
        let mut writer = TableWriter::new(Vec::new(), R::TABLE, Format::Parquet, WriteOptions::default());
        for row in rows {
            writer.write(&row)?;
        }
        writer.finish()
    }

    #[test]
    fn dates_count_days_from_1970() {
        let day = |y, m, d| days_since_epoch(Date::new(y, m, d).unwrap());
        assert_eq!(day(1970, 1, 1), 0);
        assert_eq!(day(1969, 12, 31), -1);
        assert_eq!(day(2000, 3, 1), 11_017);
        assert_eq!(day(1995, 10, 30), 9_433);
        assert_eq!(day(1, 1, 1), -719_162);
        assert_eq!(day(9999, 12, 31), 2_932_896);
    }

    #[test]
    fn the_schema_follows_schema_sql() {
        let bytes = write_all(Vec::<Movie>::new()).unwrap();
        let reader = read(bytes);
        let descr = reader.metadata().file_metadata().schema_descr_ptr();
        let columns = Table::MoviesMaster.def().columns;
        assert_eq!(descr.num_columns(), columns.len());
        for (i, column) in columns.iter().enumerate() {
            let parquet = descr.column(i);
            assert_eq!(parquet.name(), column.name);
            let info = parquet.self_type().get_basic_info();
            let repetition = if column.nullable { Repetition::OPTIONAL } else { Repetition::REQUIRED };
            assert_eq!(info.repetition(), repetition, "{}", column.name);
            let expected = match column.ty {
                ColumnType::BigInt => PhysicalType::INT64,
                ColumnType::Integer | ColumnType::Date => PhysicalType::INT32,
                ColumnType::Double => PhysicalType::DOUBLE,
                ColumnType::Varchar => PhysicalType::BYTE_ARRAY,
                ColumnType::Boolean => PhysicalType::BOOLEAN,
            };
            assert_eq!(parquet.physical_type(), expected, "{}", column.name);
        }
        assert_eq!(reader.metadata().num_row_groups(), 0);
        assert_eq!(reader.metadata().file_metadata().num_rows(), 0);
    }

    #[test]
    fn values_and_nulls_round_trip() {
        let movie = Movie {
            id: 862,
            title: Some("Toy Story, \"the\" film\né".into()),
            adult: Some(false),
            release_date: Date::new(1995, 10, 30),
            budget: Some(30_000_000.0),
            revenue: Some(373_554_033.0),
            popularity: Some(21.946943),
            vote_count: Some(5415),
            ..Movie::default()
        };
        let bare = Movie { id: 7, ..Movie::default() };
        let reader = read(write_all([&movie, &bare]).unwrap());
        let rows = rows(&reader);
        assert_eq!(rows.len(), 2);
        let first = &rows[0];
        assert_eq!(first[0], Field::Long(862));
        assert_eq!(first[1], Field::Str("Toy Story, \"the\" film\né".into()));
        assert_eq!(first[2], Field::Null);
        assert_eq!(first[4], Field::Bool(false));
        assert_eq!(first[7], Field::Date(9_433));
        assert_eq!(first[8], Field::Int(1995));
        assert_eq!(first[9], Field::Double(30_000_000.0));
        assert_eq!(first[11], Field::Double(343_554_033.0));
        assert_eq!(first[12], Field::Double(21.946943));
        assert_eq!(first[15], Field::Long(5415));
        assert_eq!(rows[1][0], Field::Long(7));
        assert!(rows[1][1..].iter().all(|f| *f == Field::Null), "{:?}", rows[1]);
    }

    #[test]
    fn row_groups_hold_at_most_128k_rows() {
        let total = 2 * ROW_GROUP_ROWS + 5;
        let ratings = (0..total as i64).map(|i| RatingRow {
            user_id: i / 100,
            movielens_id: i % 1000,
            rating: (i % 10 + 1) as f64 / 2.0,
            timestamp: if i % 7 == 0 { None } else { Some(1_260_759_144 + i) },
            verbatim: None,
        });
        let reader = read(write_all(ratings).unwrap());
        let metadata = reader.metadata();
        let groups: Vec<i64> = metadata.row_groups().iter().map(|g| g.num_rows()).collect();
        assert_eq!(groups, vec![ROW_GROUP_ROWS as i64, ROW_GROUP_ROWS as i64, 5]);
        let rows = rows(&reader);
        assert_eq!(rows.len(), total);
        let last = total as i64 - 1;
        assert_eq!(
            rows[total - 1],
            vec![
                Field::Long(last / 100),
                Field::Long(last % 1000),
                Field::Double((last % 10 + 1) as f64 / 2.0),
                Field::Long(1_260_759_144 + last)
            ]
        );
        assert_eq!(rows[7][3], Field::Null);
    }

    #[test]
    fn a_null_in_a_not_null_column_or_a_wrong_cell_is_an_error() {
        let issue = Issue {
            file: InputFile::Links,
            line: 3,
            movie_id: None,
            severity: Severity::Warning,
            column: None,
            reason: "x".into(),
            raw_value: None,
        };
        assert!(write_all([&issue]).is_ok());
        // error_log.line is NOT NULL; a line number past i64::MAX is written as null.
        let unwritable = Issue { line: u64::MAX, ..issue.clone() };
        let error = write_all([&unwritable]).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        assert!(error.to_string().contains("null in the NOT NULL column line"), "{error}");
        let mut writer = ParquetTable::new(Vec::new(), Table::LinksMaster).unwrap();
        let error = writer.write(&issue).unwrap_err();
        assert!(error.to_string().contains("links_master: cannot write a row as Parquet: a text cell"), "{error}");
        // The row was half staged: the writer refuses anything more.
        let link = LinkRow { movielens_id: 1, imdb_id: None, tmdb_id: None };
        assert_eq!(writer.write(&link).unwrap_err().kind(), io::ErrorKind::InvalidData);
        assert!(writer.finish().is_err());
    }

    #[test]
    fn parts_are_joined_in_order() {
        let link = |id: i64| LinkRow { movielens_id: id, imdb_id: Some(format!("tt{id:07}")), tmdb_id: Some(id * 2) };
        let first = write_all((1..=3).map(link)).unwrap();
        let empty = write_all(Vec::<LinkRow>::new()).unwrap();
        let second = write_all((10..=11).map(link)).unwrap();
        let mut joined = Vec::new();
        let parts = [first, empty, second].map(Bytes::from);
        let rows_written = concat(Table::LinksMaster, parts, &mut joined).unwrap();
        assert_eq!(rows_written, 5);
        let reader = read(joined);
        let ids: Vec<Field> = rows(&reader).into_iter().map(|r| r[0].clone()).collect();
        assert_eq!(ids, [1, 2, 3, 10, 11].map(Field::Long).to_vec());
        let other =
            write_all([RatingRow { user_id: 1, movielens_id: 1, rating: 1.0, timestamp: None, verbatim: None }])
                .unwrap();
        let error = concat(Table::LinksMaster, [Bytes::from(other)], Vec::new()).unwrap_err();
        assert!(error.to_string().contains("schema"), "{error}");
    }
}
