//! Downloads: one table, or everything as a zip in the command-line tool's layout.
//!
//! The bytes go to the page in chunks as they are produced (the page keeps them as
//! Blob parts), so no export is ever held whole in the worker. Tables kept in memory
//! (movies, metrics, a complete error log) are written from it; the others are
//! written by reading their input file again, which keeps memory flat whatever the
//! size of ratings.csv.

use std::cell::{Cell, RefCell};
use std::io::{self, Write};
use std::rc::Rc;

use movies_core::export::zipfile::{EntryWriter, ZipLayout};
use movies_core::export::{
    finish_export, streamed_tables, write_table, AggregatedRow, ExportPlan, ExportTarget, FileEntry, Format,
    StreamingSink,
};
use movies_core::sources::Source;
use movies_core::{values, InputFile, Table};
use movies_protocol::{ErrorKind, ExportEvent, ExportRequest, LoadId, Response, UserError};

use crate::context::Context;
use crate::origin::FileOrigin;
use crate::post::Poster;
use crate::runner::run_source;

/// Size of the chunks sent to the page.
const CHUNK: usize = 1 << 20;

/// Where the events of one export go: the page, tagged with the request and its load.
#[derive(Clone)]
struct Reply {
    poster: Poster,
    id: u32,
    load: LoadId,
}

impl Reply {
    fn send(&self, event: ExportEvent) {
        self.poster.send(&Response::Export { id: self.id, load: self.load, event });
    }

    fn send_chunk(&self, stream: u32, bytes: &[u8]) {
        let response = Response::Export { id: self.id, load: self.load, event: ExportEvent::Chunk { stream } };
        self.poster.send_with_bytes(&response, bytes);
    }
}

/// Sends what is written as export chunks of one stream.
pub struct ChunkPoster {
    reply: Reply,
    stream: u32,
    buf: Vec<u8>,
    sent: Rc<Cell<u64>>,
}

impl ChunkPoster {
    fn new(reply: &Reply, stream: u32, sent: &Rc<Cell<u64>>) -> Self {
        ChunkPoster { reply: reply.clone(), stream, buf: Vec::with_capacity(CHUNK), sent: sent.clone() }
    }

    fn send(&mut self) {
        if !self.buf.is_empty() {
            self.reply.send_chunk(self.stream, &self.buf);
            self.sent.set(self.sent.get() + self.buf.len() as u64);
            self.buf.clear();
        }
    }
}

impl Write for ChunkPoster {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send();
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send();
        Ok(())
    }
}

/// A target that expects exactly one file.
struct OneFile(Option<ChunkPoster>);

impl ExportTarget for OneFile {
    type Out = ChunkPoster;

    fn create(&mut self, path: &str) -> io::Result<ChunkPoster> {
        self.0.take().ok_or_else(|| io::Error::other(format!("unexpected second file {path}")))
    }
}

type SharedWriter = Rc<RefCell<Option<EntryWriter<ChunkPoster>>>>;

/// One zip entry being written (shared with the target that finishes it).
pub struct SharedEntry(SharedWriter);

impl Write for SharedEntry {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        match self.0.borrow_mut().as_mut() {
            Some(writer) => writer.write(data),
            None => Err(io::Error::other("zip entry already finished")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A target whose files become entries of a zip, each compressed as its own stream.
struct ZipTarget {
    reply: Reply,
    sent: Rc<Cell<u64>>,
    next_stream: u32,
    entries: Vec<(u32, SharedWriter)>,
}

impl ZipTarget {
    fn stream(&mut self) -> u32 {
        self.next_stream += 1;
        self.next_stream - 1
    }

    fn post_stream(&mut self, bytes: &[u8]) -> u32 {
        let stream = self.stream();
        let mut out = ChunkPoster::new(&self.reply, stream, &self.sent);
        out.buf.extend_from_slice(bytes);
        out.send();
        stream
    }

    /// Finishes every entry and sends the headers around them; returns the order of
    /// the streams in the archive.
    fn finish(mut self, mut layout: ZipLayout) -> io::Result<Vec<u32>> {
        let mut order = Vec::new();
        for (stream, shared) in std::mem::take(&mut self.entries) {
            let writer = shared.borrow_mut().take().ok_or_else(|| io::Error::other("zip entry finished twice"))?;
            let (mut out, meta) = writer.finish()?;
            out.flush()?;
            let header = self.post_stream(&layout.local_header(&meta.name));
            let descriptor = self.post_stream(&layout.add(meta));
            order.extend([header, stream, descriptor]);
        }
        order.push(self.post_stream(&layout.finish()));
        Ok(order)
    }
}

impl ExportTarget for ZipTarget {
    type Out = SharedEntry;

    fn create(&mut self, path: &str) -> io::Result<SharedEntry> {
        let stream = self.stream();
        let writer = EntryWriter::new(path, ChunkPoster::new(&self.reply, stream, &self.sent));
        let shared = Rc::new(RefCell::new(Some(writer)));
        self.entries.push((stream, shared.clone()));
        Ok(SharedEntry(shared))
    }
}

/// A target whose files go to the page uncompressed, each as its own stream announced
/// by [`ExportEvent::File`], for the page to write into a folder.
struct FolderTarget {
    reply: Reply,
    sent: Rc<Cell<u64>>,
    files: u32,
}

impl ExportTarget for FolderTarget {
    type Out = ChunkPoster;

    fn create(&mut self, path: &str) -> io::Result<ChunkPoster> {
        let stream = self.files;
        self.files += 1;
        self.reply.send(ExportEvent::File { stream, path: path.to_owned() });
        Ok(ChunkPoster::new(&self.reply, stream, &self.sent))
    }
}

fn failure(source: &str, message: String) -> UserError {
    UserError::new(ErrorKind::Output, source, message)
}

/// Why an export stopped before its end.
enum Stop {
    /// The page cancelled it.
    Cancelled,
    /// It failed.
    Failed(UserError),
}

impl From<UserError> for Stop {
    fn from(error: UserError) -> Self {
        Stop::Failed(error)
    }
}

/// Runs an export request of load `load` and answers it.
pub async fn export(ctx: Rc<Context>, id: u32, load: LoadId, request: ExportRequest) {
    let reply = Reply { poster: ctx.poster.clone(), id, load };
    let held = ctx.session.borrow().load;
    ctx.exports.borrow_mut().insert(id, false);
    let result = if held != load {
        let message = format!("the export is of load {load}, but load {held} is the one held: load the data again");
        Err(Stop::Failed(UserError::new(ErrorKind::StaleLoad, "page", message)))
    } else {
        match &request {
            ExportRequest::Table { table, format } => export_table(&ctx, &reply, *table, *format).await,
            ExportRequest::All { date, parquet } => export_all(&ctx, &reply, date, *parquet).await,
            ExportRequest::Folder { parquet } => export_folder(&ctx, &reply, *parquet).await,
        }
    };
    ctx.exports.borrow_mut().remove(&id);
    match result {
        Ok(()) => {}
        Err(Stop::Cancelled) => reply.send(ExportEvent::Cancelled),
        Err(Stop::Failed(error)) => reply.send(ExportEvent::Failed { error }),
    }
}

/// Re-reads `sources` into `sink`, telling the page how far it got; stops when the
/// page cancels the export.
async fn reread(
    ctx: &Context,
    reply: &Reply,
    sources: &[Source<FileOrigin>],
    sink: &mut dyn movies_core::Sink,
) -> Result<Vec<(InputFile, FileEntry)>, Stop> {
    let mut entries = Vec::new();
    let stop = || ctx.export_cancelled(reply.id);
    for source in sources {
        let mut on_step = |report: &movies_core::FileReport| {
            reply.send(ExportEvent::Progress { file: source.file, bytes_done: report.bytes, bytes_total: source.size })
        };
        let entry = match run_source(ctx, source, sink, &mut on_step, &stop).await {
            Ok(report) => FileEntry::from_report(&report, None),
            Err(failure) if failure.is_cancel() => return Err(Stop::Cancelled),
            Err(failure) => match &failure.report {
                Some(report) => FileEntry::from_report(report, Some(failure.error.to_string())),
                None => FileEntry::failed(&source.name, failure.error.to_string()),
            },
        };
        entries.push((source.file, entry));
    }
    Ok(entries)
}

/// The sources of the last load in input order (the order the command writes).
fn sources_in_input_order(ctx: &Context) -> Vec<Source<FileOrigin>> {
    let mut sources = ctx.session.borrow().sources.clone();
    sources.sort_by_key(|s| s.file);
    sources
}

async fn export_table(ctx: &Context, reply: &Reply, table: Table, format: Format) -> Result<(), Stop> {
    let name = format!("{}.{}", table.name(), format.extension());
    let io_error = |e: io::Error| failure(&name, format!("{name}: {e}"));
    let sent = Rc::new(Cell::new(0));
    let mut target = OneFile(Some(ChunkPoster::new(reply, 0, &sent)));
    let plan = ExportPlan { formats: vec![format], ..ExportPlan::default() };
    let (kept, metrics, issues, complete_log) = {
        let session = ctx.session.borrow();
        let complete = session.issues.len() as u64 == session.issues_total && !session.running;
        (session.kept.clone(), session.metrics.clone(), session.issues.clone(), complete)
    };
    let movies = &kept.movies;
    match table {
        Table::MoviesMaster
        | Table::MoviesAggregated
        | Table::CompanyYear
        | Table::CompanyGenreYear
        | Table::GenreYear
        | Table::MovieRatings => {
            let metrics = metrics.unwrap_or_default();
            match table {
                Table::MoviesMaster => write_table(&mut target, &plan, movies.iter()),
                Table::MoviesAggregated => write_table(&mut target, &plan, movies.iter().flat_map(AggregatedRow::of)),
                Table::CompanyYear => write_table(&mut target, &plan, &metrics.company_year),
                Table::CompanyGenreYear => write_table(&mut target, &plan, &metrics.company_genre_year),
                Table::GenreYear => write_table(&mut target, &plan, &metrics.genre_year),
                _ => write_table(&mut target, &plan, kept.movie_ratings()),
            }
            .map_err(io_error)?;
        }
        Table::ErrorLog if complete_log => {
            write_table(&mut target, &plan, issues.iter()).map_err(io_error)?;
        }
        _ => {
            let feeding: Vec<Source<FileOrigin>> = sources_in_input_order(ctx)
                .into_iter()
                .filter(|s| table == Table::ErrorLog || streamed_tables(s.file).contains(&table))
                .collect();
            let mut sink = StreamingSink::open(&mut target, &[table], &plan).map_err(io_error)?;
            reread(ctx, reply, &feeding, &mut sink).await?;
            sink.finish().map_err(io_error)?;
        }
    }
    let mime = format.mime().to_owned();
    reply.send(ExportEvent::Ready { file_name: name, mime, order: vec![0], bytes: sent.get() });
    Ok(())
}

/// The plan of a whole export, and the tables its sink streams.
fn whole_export(parquet: bool) -> (ExportPlan, Vec<Table>) {
    let mut plan = ExportPlan::default();
    if parquet {
        plan.formats.push(Format::Parquet);
    }
    let mut tables: Vec<Table> = InputFile::ALL.iter().flat_map(|f| streamed_tables(*f)).copied().collect();
    tables.push(Table::ErrorLog);
    (plan, tables)
}

/// Writes every file of the command's layout into `target`, re-reading the inputs.
async fn write_everything<T: ExportTarget>(
    ctx: &Context,
    reply: &Reply,
    target: &mut T,
    parquet: bool,
    io_error: impl Fn(io::Error) -> UserError,
) -> Result<(), Stop> {
    let (plan, tables) = whole_export(parquet);
    let mut sink = StreamingSink::open(target, &tables, &plan).map_err(&io_error)?;
    let entries = reread(ctx, reply, &sources_in_input_order(ctx), &mut sink).await?;
    let streamed = sink.finish().map_err(&io_error)?;
    finish_export(target, &plan, &streamed.kept, entries, &streamed.rows).map_err(&io_error)?;
    Ok(())
}

async fn export_all(ctx: &Context, reply: &Reply, date: &str, parquet: bool) -> Result<(), Stop> {
    let name = format!("movies-clean-{date}.zip");
    let io_error = |e: io::Error| failure(&name, format!("{name}: {e}"));
    let day = values::date(date.as_bytes()).ok().flatten().unwrap_or(values::Date { year: 1980, month: 1, day: 1 });
    let sent = Rc::new(Cell::new(0));
    let mut target = ZipTarget { reply: reply.clone(), sent: sent.clone(), next_stream: 0, entries: Vec::new() };
    write_everything(ctx, reply, &mut target, parquet, io_error).await?;
    let order = target.finish(ZipLayout::new(day.year, day.month, day.day)).map_err(io_error)?;
    let mime = "application/zip".to_owned();
    reply.send(ExportEvent::Ready { file_name: name, mime, order, bytes: sent.get() });
    Ok(())
}

async fn export_folder(ctx: &Context, reply: &Reply, parquet: bool) -> Result<(), Stop> {
    let io_error = |e: io::Error| failure("folder", format!("export to a folder: {e}"));
    let sent = Rc::new(Cell::new(0));
    let mut target = FolderTarget { reply: reply.clone(), sent: sent.clone(), files: 0 };
    write_everything(ctx, reply, &mut target, parquet, io_error).await?;
    reply.send(ExportEvent::Written { files: target.files, bytes: sent.get() });
    Ok(())
}
