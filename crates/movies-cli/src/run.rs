//! `movies process`: every dataset file cleaned in parallel, then the export finished.
//!
//! Each input file is one job; worker threads take the largest jobs first. A job
//! streams its tables straight to files (and its error-log rows to a part file, joined
//! in input order at the end), so memory stays flat whatever the size of ratings.csv.
//! The job that reads the movies then writes the tables derived from them alone
//! (movies, aggregated, metrics) while ratings are still being read, leaving only
//! `movie_ratings`, the error log and the manifest for the end. Everything is written
//! into a staging folder (see [`crate::output`]).

use std::collections::VecDeque;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use movies_core::export::{
    finish_export, finish_export_after_movie_tables, streamed_tables, write_movie_tables, ExportPlan, ExportTarget,
    FileEntry, Format, Manifest, StreamingSink,
};
use movies_core::kept::Kept;
use movies_core::{FileJob, FileReport, InputError, InputFile, Limits, Sink, Step, Table};

use crate::disk::Source;
use crate::offload;
use crate::readahead;

/// Records cleaned between two progress updates.
const STEP_RECORDS: usize = 16 * 1024;

/// An [`ExportTarget`] writing into a folder.
pub struct FolderTarget {
    root: PathBuf,
}

impl FolderTarget {
    /// Writes under `root`.
    pub fn new(root: PathBuf) -> Self {
        FolderTarget { root }
    }
}

impl ExportTarget for FolderTarget {
    type Out = File;

    fn create(&mut self, path: &str) -> io::Result<File> {
        let full = self.root.join(path);
        if let Some(parent) = full.parent() {
            fs::create_dir_all(parent)?;
        }
        File::create(&full).map_err(|e| io::Error::new(e.kind(), format!("cannot create {}: {e}", full.display())))
    }
}

/// Live counters the progress display reads, one slot per input file.
#[derive(Default)]
pub struct Progress {
    /// Per input file: bytes of CSV consumed.
    pub bytes: [AtomicU64; 5],
    /// Per input file: records read.
    pub records: [AtomicU64; 5],
}

impl Progress {
    /// The counters of `file`: bytes, records.
    pub fn of(&self, file: InputFile) -> (&AtomicU64, &AtomicU64) {
        let slot = InputFile::ALL.iter().position(|f| *f == file).unwrap_or(0);
        (&self.bytes[slot], &self.records[slot])
    }
}

/// How one file went.
pub struct JobOutcome {
    /// The input.
    pub file: InputFile,
    /// Its manifest entry.
    pub entry: FileEntry,
    /// The file-level error, if any.
    pub error: Option<InputError>,
    /// Wall time of the job.
    pub elapsed: Duration,
    kept: Kept,
    rows: Vec<(Table, u64)>,
    /// Whether this job read the movies and already wrote the tables that derive from
    /// them alone (while the other files were still being read).
    wrote_movie_tables: bool,
}

/// The result of a run.
pub struct RunOutcome {
    /// The manifest written.
    pub manifest: Manifest,
    /// Per file, in input order.
    pub jobs: Vec<JobOutcome>,
    /// Wall time of the whole run.
    pub elapsed: Duration,
}

/// A failure to write the output.
#[derive(Debug)]
pub struct OutputError(pub io::Error);

/// Runs the export of `sources` into the (empty) folder `stage`.
pub fn run(
    sources: &[Source],
    stage: &Path,
    plan: &ExportPlan,
    threads: usize,
    progress: &Progress,
) -> Result<RunOutcome, OutputError> {
    let started = Instant::now();
    let (manifest, jobs) = run_staged(sources, stage, plan, threads, progress).map_err(OutputError)?;
    Ok(RunOutcome { manifest, jobs, elapsed: started.elapsed() })
}

fn run_staged(
    sources: &[Source],
    stage: &Path,
    plan: &ExportPlan,
    threads: usize,
    progress: &Progress,
) -> io::Result<(Manifest, Vec<JobOutcome>)> {
    let mut order: Vec<usize> = (0..sources.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(sources[i].size));
    let queue = Mutex::new(order.into_iter().collect::<VecDeque<usize>>());
    let results: Mutex<Vec<(usize, io::Result<JobOutcome>)>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, sources.len().max(1)) {
            scope.spawn(|| loop {
                let next = queue.lock().map(|mut q| q.pop_front()).unwrap_or(None);
                let Some(i) = next else { break };
                let source = &sources[i];
                let open = |pump: &mut dyn FnMut(&mut dyn Read)| {
                    pump(&mut source.open()?);
                    Ok(())
                };
                let outcome = run_job(source.file, &source.name, open, stage, plan, progress.of(source.file));
                if let Ok(mut r) = results.lock() {
                    r.push((i, outcome));
                }
            });
        }
    });
    let mut results = results.into_inner().map_err(|_| io::Error::other("a worker thread panicked"))?;
    results.sort_by_key(|(i, _)| sources[*i].file);
    let jobs = results.into_iter().map(|(_, outcome)| outcome).collect::<io::Result<Vec<_>>>()?;
    finish_run(jobs, stage, plan)
}

/// Once every file is cleaned: joins the error-log parts, writes the tables of files
/// that were missing (empty) and the tables that need everything (movie ratings,
/// manifest).
pub(crate) fn finish_run(
    mut jobs: Vec<JobOutcome>,
    stage: &Path,
    plan: &ExportPlan,
) -> io::Result<(Manifest, Vec<JobOutcome>)> {
    jobs.sort_by_key(|job| job.file);
    let mut target = FolderTarget::new(stage.to_owned());
    let error_rows = join_error_log_parts(&mut target, stage, plan, &jobs)?;
    let mut rows: Vec<(Table, u64)> = jobs.iter().flat_map(|j| j.rows.iter().copied()).collect();
    rows.push((Table::ErrorLog, error_rows));
    let missing: Vec<Table> = InputFile::ALL
        .iter()
        .flat_map(|&f| streamed_tables(f))
        .copied()
        .filter(|table| !rows.iter().any(|(t, _)| t == table))
        .collect();
    StreamingSink::open(&mut target, &missing, plan)?.finish()?;
    let mut kept = Kept::default();
    for job in &mut jobs {
        kept.merge(std::mem::take(&mut job.kept));
    }
    let files: Vec<(InputFile, FileEntry)> = jobs.iter().map(|j| (j.file, j.entry.clone())).collect();
    // Only the movies job writes the movie tables (there is one source per input file).
    let (manifest, _) = if jobs.iter().any(|j| j.wrote_movie_tables) {
        finish_export_after_movie_tables(&mut target, plan, &kept, files, &rows)?
    } else {
        finish_export(&mut target, plan, &kept, files, &rows)?
    };
    Ok((manifest, jobs))
}

/// Where a job stages its part of the error log, inside the staging folder.
pub fn error_part_path(format: Format, file: InputFile) -> String {
    format!("parts/error_log.{}.{}", file.file_name().trim_end_matches(".csv"), format.extension())
}

/// Cleans one file, streaming its tables into the staging folder; `open` gives its
/// bytes (on a read-ahead thread), `counters` are its progress (bytes, records).
pub(crate) fn run_job<'a>(
    file: InputFile,
    name: &str,
    open: impl FnOnce(&mut dyn FnMut(&mut dyn Read)) -> Result<(), InputError> + Send + 'a,
    stage: &Path,
    plan: &ExportPlan,
    (bytes, records): (&AtomicU64, &AtomicU64),
) -> io::Result<JobOutcome> {
    let started = Instant::now();
    let mut target = FolderTarget::new(stage.to_owned());
    let mut tables = streamed_tables(file).to_vec();
    tables.push(Table::ErrorLog);
    let mut sink = StreamingSink::open_with_paths(&mut target, &tables, plan, |format, table| {
        if table == Table::ErrorLog {
            error_part_path(format, file)
        } else {
            format.path(table)
        }
    })?;
    let mut last_report: Option<FileReport> = None;
    let clean = |sink: &mut dyn Sink, last_report: &mut Option<FileReport>| {
        std::thread::scope(|scope| {
            let reader = readahead::spawn(scope, open)?;
            let mut job = FileJob::open(file, name, reader, Limits::default())?;
            loop {
                let step = job.step(sink, STEP_RECORDS);
                *last_report = Some(job.report().clone());
                bytes.store(job.report().bytes, Ordering::Relaxed);
                records.store(job.report().records_read, Ordering::Relaxed);
                if step? == Step::Done {
                    return Ok(());
                }
            }
        })
    };
    let (sink, result): (_, Result<(), InputError>) = if file == InputFile::Ratings {
        std::thread::scope(|scope| {
            let (mut handover, writer) = offload::spawn_writer(scope, sink);
            let result = clean(&mut handover, &mut last_report);
            let handed = handover.finish();
            let sink = writer.join().map_err(|_| io::Error::other("the ratings writer panicked"))??;
            handed?;
            Ok::<_, io::Error>((sink, result))
        })?
    } else {
        let result = clean(&mut sink, &mut last_report);
        (sink, result)
    };
    let streamed = sink.finish()?;
    let error = result.err();
    let entry = match (&last_report, &error) {
        (Some(report), error) => FileEntry::from_report(report, error.as_ref().map(ToString::to_string)),
        (None, Some(error)) => FileEntry::failed(name, error.to_string()),
        (None, None) => FileEntry::failed(name, "no data".into()),
    };
    let rows = streamed.rows.into_iter().filter(|(t, _)| *t != Table::ErrorLog).collect();
    let wrote_movie_tables = file == InputFile::MoviesMetadata;
    if wrote_movie_tables {
        write_movie_tables(&mut target, plan, &streamed.kept.movies)?;
    }
    let (elapsed, kept) = (started.elapsed(), streamed.kept);
    Ok(JobOutcome { file, entry, error, elapsed, kept, rows, wrote_movie_tables })
}

/// Joins the per-file error-log parts, in input order, into the error_log table.
fn join_error_log_parts(
    target: &mut FolderTarget,
    stage: &Path,
    plan: &ExportPlan,
    jobs: &[JobOutcome],
) -> io::Result<u64> {
    let mut rows = 0;
    for &format in &plan.formats {
        if format == Format::Parquet {
            // Parquet parts cannot be concatenated as bytes: their row groups are copied.
            let parts = jobs.iter().filter_map(|job| File::open(stage.join(error_part_path(format, job.file))).ok());
            let out = io::BufWriter::with_capacity(1 << 20, target.create(&format.path(Table::ErrorLog))?);
            rows = movies_core::export::parquet::concat(Table::ErrorLog, parts, out)?;
            continue;
        }
        let mut out = io::BufWriter::with_capacity(1 << 20, target.create(&format.path(Table::ErrorLog))?);
        if format == Format::Csv {
            let header: Vec<&str> = Table::ErrorLog.def().columns.iter().map(|c| c.name).collect();
            writeln!(out, "{}", header.join(","))?;
        }
        let mut count = 0u64;
        for job in jobs {
            let part = stage.join(error_part_path(format, job.file));
            let Ok(file) = File::open(&part) else {
                continue;
            };
            let mut reader = BufReader::with_capacity(1 << 20, file);
            if format == Format::Csv {
                let mut header = Vec::new();
                reader.read_until(b'\n', &mut header)?;
            }
            count += job.entry.rows_rejected + job.entry.warnings;
            io::copy(&mut reader, &mut out)?;
        }
        out.flush()?;
        rows = count;
    }
    fs::remove_dir_all(stage.join("parts"))?;
    Ok(rows)
}
