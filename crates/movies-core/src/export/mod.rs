//! Writing the export layout: `csv/<table>.csv`, `json/<table>.ndjson`,
//! `manifest.json`, `schema.sql`, `queries.sql`, and on request (with the `parquet`
//! feature) `parquet/<table>.parquet`.
//!
//! The layout is the same for the command-line tool (a folder) and the browser (a zip);
//! an [`ExportTarget`] abstracts where the files go. Streamed tables (keywords, cast,
//! crew, links, ratings, error log) are written by a [`StreamingSink`] as rows arrive;
//! the movie tables and metrics are written at the end from the kept movies.

mod cells;
mod encode;
mod manifest;
#[cfg(feature = "parquet")]
pub mod parquet;
mod writer;
pub mod zipfile;

use std::io::{self, Write};

pub use cells::{AggregatedRow, CellWriter, TableRow};
pub use encode::{push_csv_text, push_float, push_int, push_json_string, CsvCells, JsonCells, JsonKeys};
pub use manifest::{FileEntry, FileStatus, Manifest, TableEntry};
pub use writer::{Format, TableWriter, WriteOptions};

use crate::kept::Kept;
use crate::metrics::Metrics;
use crate::model::{CastRow, CrewRow, Issue, KeywordRow, LinkRow, Movie, RatingRow};
use crate::schema::Table;
use crate::sink::Sink;

/// The SQL of the nine questions, and of the user ratings, over the exported tables.
pub const QUERIES_SQL: &str = include_str!("../../../../assets/queries.sql");

/// The tables an input file's rows stream into (the error log aside; the movies are
/// kept in memory and written at the end).
pub fn streamed_tables(file: crate::input::InputFile) -> &'static [Table] {
    use crate::input::InputFile;
    match file {
        InputFile::MoviesMetadata => &[],
        InputFile::Credits => &[Table::CastMaster, Table::CrewMaster],
        InputFile::Keywords => &[Table::KeywordsMaster],
        InputFile::Links => &[Table::LinksMaster],
        InputFile::Ratings => &[Table::RatingsMaster],
    }
}

/// Where the files of an export are created.
pub trait ExportTarget {
    /// A file being written.
    type Out: Write;
    /// Creates the file at `path` (relative, `/`-separated, e.g. `csv/movies_master.csv`).
    fn create(&mut self, path: &str) -> io::Result<Self::Out>;
}

/// What to write: which formats, with which options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportPlan {
    /// Formats written for every table.
    pub formats: Vec<Format>,
    /// Writer options.
    pub options: WriteOptions,
}

impl Default for ExportPlan {
    fn default() -> Self {
        ExportPlan { formats: Format::TEXT.to_vec(), options: WriteOptions::default() }
    }
}

/// The writers of one table, one per format.
struct TableFiles<W: Write> {
    writers: Vec<TableWriter<W>>,
}

impl<W: Write> TableFiles<W> {
    fn open<T: ExportTarget<Out = W>>(
        target: &mut T,
        table: Table,
        plan: &ExportPlan,
        path: impl Fn(Format) -> String,
    ) -> io::Result<Self> {
        let mut writers = Vec::with_capacity(plan.formats.len());
        for &format in &plan.formats {
            let out = target.create(&path(format))?;
            writers.push(TableWriter::new(out, table, format, plan.options));
        }
        Ok(TableFiles { writers })
    }

    #[inline]
    fn write<R: TableRow>(&mut self, row: &R) -> io::Result<()> {
        for w in &mut self.writers {
            w.write(row)?;
        }
        Ok(())
    }

    fn rows(&self) -> u64 {
        self.writers.first().map_or(0, TableWriter::rows)
    }

    fn finish(self) -> io::Result<()> {
        for w in self.writers {
            w.finish()?;
        }
        Ok(())
    }
}

/// A [`Sink`] that writes the streamed tables as rows arrive and keeps the movies,
/// links and rating counts (see [`Kept`]).
pub struct StreamingSink<W: Write> {
    /// Indexed by `Table as usize`.
    tables: Vec<Option<TableFiles<W>>>,
    kept: Kept,
}

/// What a [`StreamingSink`] leaves when it is finished.
#[derive(Debug, Default)]
pub struct Streamed {
    /// What was kept for the tables written at the end.
    pub kept: Kept,
    /// Rows written per streamed table.
    pub rows: Vec<(Table, u64)>,
}

impl<W: Write> StreamingSink<W> {
    /// Opens the files of `tables` (streamed tables only) at their layout paths.
    pub fn open<T: ExportTarget<Out = W>>(target: &mut T, tables: &[Table], plan: &ExportPlan) -> io::Result<Self> {
        Self::open_with_paths(target, tables, plan, |format, table| format.path(table))
    }

    /// Like [`open`](Self::open) with custom paths (e.g. parts of a table written by
    /// several threads, to be concatenated later).
    pub fn open_with_paths<T: ExportTarget<Out = W>>(
        target: &mut T,
        tables: &[Table],
        plan: &ExportPlan,
        path: impl Fn(Format, Table) -> String,
    ) -> io::Result<Self> {
        let mut opened: Vec<Option<TableFiles<W>>> = Table::ALL.iter().map(|_| None).collect();
        for &table in tables {
            opened[table as usize] = Some(TableFiles::open(target, table, plan, |format| path(format, table))?);
        }
        Ok(StreamingSink { tables: opened, kept: Kept::default() })
    }

    #[inline]
    fn write<R: TableRow>(&mut self, row: &R) -> io::Result<()> {
        match &mut self.tables[R::TABLE as usize] {
            Some(files) => files.write(row),
            None => Ok(()),
        }
    }

    /// Flushes and closes every file.
    pub fn finish(self) -> io::Result<Streamed> {
        let mut rows = Vec::new();
        for (table, files) in Table::ALL.into_iter().zip(self.tables) {
            if let Some(files) = files {
                rows.push((table, files.rows()));
                files.finish()?;
            }
        }
        Ok(Streamed { kept: self.kept, rows })
    }
}

impl<W: Write> Sink for StreamingSink<W> {
    fn movie(&mut self, movie: Movie) -> io::Result<()> {
        self.kept.movies.push(movie);
        Ok(())
    }
    fn keyword(&mut self, row: &KeywordRow<'_>) -> io::Result<()> {
        self.write(row)
    }
    fn cast(&mut self, row: &CastRow<'_>) -> io::Result<()> {
        self.write(row)
    }
    fn crew(&mut self, row: &CrewRow<'_>) -> io::Result<()> {
        self.write(row)
    }
    fn link(&mut self, row: &LinkRow) -> io::Result<()> {
        self.kept.links.insert(row.movielens_id, row.tmdb_id);
        self.write(row)
    }
    fn rating(&mut self, row: &RatingRow) -> io::Result<()> {
        self.kept.ratings.add(row.movielens_id, row.rating);
        self.write(row)
    }
    fn issue(&mut self, issue: &Issue) -> io::Result<()> {
        self.write(issue)
    }
    fn writes_rows(&self) -> bool {
        true
    }
}

/// Writes one whole table from rows in memory.
pub fn write_table<T: ExportTarget, R: TableRow>(
    target: &mut T,
    plan: &ExportPlan,
    rows: impl IntoIterator<Item = R>,
) -> io::Result<u64> {
    let mut files = TableFiles::open(target, R::TABLE, plan, |format| format.path(R::TABLE))?;
    for row in rows {
        files.write(&row)?;
    }
    let count = files.rows();
    files.finish()?;
    Ok(count)
}

/// Writes the tables derived from the movies alone: `movies_master` and
/// `movies_aggregated`. They need nothing but movies_metadata.csv, so they can be
/// written while the other files are still being read.
pub fn write_movie_tables<T: ExportTarget>(target: &mut T, plan: &ExportPlan, movies: &[Movie]) -> io::Result<()> {
    write_table(target, plan, movies)?;
    write_table(target, plan, movies.iter().flat_map(AggregatedRow::of))?;
    Ok(())
}

/// Writes the three metric tables.
pub fn write_metric_tables<T: ExportTarget>(target: &mut T, plan: &ExportPlan, metrics: &Metrics) -> io::Result<()> {
    write_table(target, plan, &metrics.company_year)?;
    write_table(target, plan, &metrics.company_genre_year)?;
    write_table(target, plan, &metrics.genre_year)?;
    Ok(())
}

/// Rows of the tables [`write_movie_tables`] and [`finish_export_after_movie_tables`]
/// write, without writing them.
pub fn final_table_rows(kept: &Kept, metrics: &Metrics) -> Vec<(Table, u64)> {
    let movies = &kept.movies;
    let aggregated: usize = movies.iter().map(|m| m.genres.len().max(1) * m.companies.len().max(1)).sum();
    vec![
        (Table::MoviesMaster, movies.len() as u64),
        (Table::MoviesAggregated, aggregated as u64),
        (Table::CompanyYear, metrics.company_year.len() as u64),
        (Table::CompanyGenreYear, metrics.company_genre_year.len() as u64),
        (Table::GenreYear, metrics.genre_year.len() as u64),
        (Table::MovieRatings, kept.ratings.iter().count() as u64),
    ]
}

/// The manifest of an export: `files` holds the entry of every input that was
/// present (the others are marked missing), `streamed_rows` the rows the streaming
/// sinks received.
pub fn build_manifest(
    formats: &[Format],
    files: impl IntoIterator<Item = (crate::input::InputFile, FileEntry)>,
    streamed_rows: &[(Table, u64)],
    kept: &Kept,
    metrics: &Metrics,
) -> Manifest {
    let mut manifest = Manifest::new(formats);
    for (file, entry) in files {
        manifest.files.insert(file.file_name().to_owned(), entry);
    }
    for &(table, rows) in streamed_rows.iter().chain(&final_table_rows(kept, metrics)) {
        manifest.add_rows(table, rows);
    }
    manifest.coverage = metrics.coverage;
    manifest
}

/// Finishes an export once every input file was streamed: writes the movie tables,
/// then everything [`finish_export_after_movie_tables`] writes.
pub fn finish_export<T: ExportTarget>(
    target: &mut T,
    plan: &ExportPlan,
    kept: &Kept,
    files: impl IntoIterator<Item = (crate::input::InputFile, FileEntry)>,
    streamed_rows: &[(Table, u64)],
) -> io::Result<(Manifest, Metrics)> {
    write_movie_tables(target, plan, &kept.movies)?;
    finish_export_after_movie_tables(target, plan, kept, files, streamed_rows)
}

/// Finishes an export whose movie tables were already written (see
/// [`write_movie_tables`]): computes the metrics (they need the ratings and links as
/// well as the movies), writes the metric tables, `movie_ratings`, `manifest.json`,
/// `schema.sql` and `queries.sql`.
pub fn finish_export_after_movie_tables<T: ExportTarget>(
    target: &mut T,
    plan: &ExportPlan,
    kept: &Kept,
    files: impl IntoIterator<Item = (crate::input::InputFile, FileEntry)>,
    streamed_rows: &[(Table, u64)],
) -> io::Result<(Manifest, Metrics)> {
    let metrics = Metrics::compute(&kept.movies, &kept.ratings_by_movie());
    write_metric_tables(target, plan, &metrics)?;
    write_table(target, plan, kept.movie_ratings())?;
    let manifest = build_manifest(&plan.formats, files, streamed_rows, kept, &metrics);
    write_documents(target, &manifest)?;
    Ok((manifest, metrics))
}

/// Writes `manifest.json`, `schema.sql` and `queries.sql`.
pub fn write_documents<T: ExportTarget>(target: &mut T, manifest: &Manifest) -> io::Result<()> {
    let mut out = target.create("manifest.json")?;
    let json = serde_json::to_vec_pretty(manifest).map_err(io::Error::other)?;
    out.write_all(&json)?;
    out.write_all(b"\n")?;
    out.flush()?;
    let mut out = target.create("schema.sql")?;
    out.write_all(crate::schema::schema_sql().as_bytes())?;
    out.flush()?;
    let mut out = target.create("queries.sql")?;
    out.write_all(QUERIES_SQL.as_bytes())?;
    out.flush()
}
