//! A pipe as the one input (`cat the-movies-dataset.zip | movies process /dev/stdin`):
//! read once, front to back, as it comes.
//!
//! What the stream is is told by its first bytes: a zip is walked entry after entry
//! (each dataset file cleaned as it passes), gzip is inflated on the fly (a gzipped
//! zip too), and CSV text is recognised by the name given or else by its header row.
//! The files are cleaned one after the other, since the stream holds them in a row; a
//! `_small` fallback met before its full file is replaced by it.

use std::fs::File;
use std::io::{self, Cursor, Read};
use std::path::Path;
use std::time::Instant;

use movies_core::archive::StreamedZip;
use movies_core::export::ExportPlan;
use movies_core::gzip::GzipReader;
use movies_core::input::MatchQuality;
use movies_core::origin::read_up_to;
use movies_core::sniff::{Content, HEAD_BYTES};
use movies_core::sources::UnusedReason;
use movies_core::{InputError, InputErrorKind, InputFile};

use crate::run::{finish_run, run_job, JobOutcome, Progress, RunOutcome};

/// Why a stream run stopped before its export.
pub enum StreamError {
    /// The stream holds nothing of the dataset, or cannot be read.
    Input(InputError),
    /// The output could not be written.
    Output(io::Error),
}

impl From<io::Error> for StreamError {
    fn from(e: io::Error) -> Self {
        StreamError::Output(e)
    }
}

/// What a stream run did.
pub struct StreamRun {
    /// The export's outcome.
    pub outcome: RunOutcome,
    /// The stream ended before the archive's directory (cut short, or broken).
    pub damage: Vec<InputError>,
    /// Remarks (entries left aside).
    pub notes: Vec<String>,
}

/// A stream, as a reader that may be sent to the read-ahead thread.
pub type Stream = Box<dyn Read + Send>;

/// The first bytes of `reader`, and a reader that still starts with them.
fn peek(mut reader: Stream) -> io::Result<(Vec<u8>, Stream)> {
    let mut head = vec![0u8; HEAD_BYTES];
    let len = read_up_to(&mut reader, &mut head)?;
    head.truncate(len);
    let rest: Stream = Box::new(Cursor::new(head.clone()).chain(reader));
    Ok((head, rest))
}

/// A stream opened and told apart by its first bytes, before anything is written.
pub enum OpenedStream {
    /// A zip archive (gzip-compressed or not), to walk entry after entry.
    Zip(Stream),
    /// One CSV file of the dataset (gzip-compressed or not).
    Csv(InputFile, Stream),
}

/// Opens the stream at `path` (named `name`) and tells what it holds; refuses one that
/// holds nothing of the dataset.
pub fn open(path: &Path, name: &str) -> Result<OpenedStream, InputError> {
    let input_error = |e: io::Error| InputError::archive(name, InputErrorKind::from_io(e));
    let file = File::open(path).map_err(input_error)?;
    let (mut head, mut stream) = peek(Box::new(file)).map_err(input_error)?;
    if Content::of(&head) == Content::Gzip {
        (head, stream) = peek(Box::new(GzipReader::new(stream))).map_err(input_error)?;
    }
    match Content::of(&head) {
        Content::Zip => Ok(OpenedStream::Zip(stream)),
        Content::Text => {
            let base = name.strip_suffix(".gz").unwrap_or(name);
            let file = InputFile::recognise(base).map(|(file, _)| file).or_else(|| InputFile::from_csv_head(&head));
            match file {
                Some(file) => Ok(OpenedStream::Csv(file, stream)),
                None => Err(nothing(name, UnusedReason::NotDataset { header: InputFile::header_of(&head) })),
            }
        }
        other => Err(InputError::archive(name, InputErrorKind::NotCsv(other))),
    }
}

/// Reads the opened stream (named `name`) into the staging folder `stage`.
pub fn run_stream(
    opened: OpenedStream,
    name: &str,
    stage: &Path,
    plan: &ExportPlan,
    progress: &Progress,
) -> Result<StreamRun, StreamError> {
    let started = Instant::now();
    let mut notes = Vec::new();
    let mut damage = Vec::new();
    let jobs = match opened {
        OpenedStream::Zip(stream) => {
            let mut zip = StreamedZip::new(stream, name);
            let jobs = zip_entries(&mut zip, name, stage, plan, progress, &mut notes, &mut damage)?;
            damage.extend(zip.damage());
            jobs
        }
        OpenedStream::Csv(file, mut stream) => {
            let open = |pump: &mut dyn FnMut(&mut dyn Read)| {
                pump(&mut stream);
                Ok(())
            };
            vec![run_job(file, name, open, stage, plan, progress.of(file))?]
        }
    };
    let (manifest, jobs) = finish_run(jobs, stage, plan)?;
    Ok(StreamRun { outcome: RunOutcome { manifest, jobs, elapsed: started.elapsed() }, damage, notes })
}

/// The error for a stream that holds nothing of the dataset.
fn nothing(name: &str, reason: UnusedReason) -> InputError {
    let found = vec![reason.to_string()];
    let kind = InputErrorKind::NoDatasetFiles { found, hint: Some(reason.hint()) };
    InputError::archive(name, kind)
}

/// Cleans the dataset files of a zip stream as they pass.
fn zip_entries(
    zip: &mut StreamedZip<Stream>,
    name: &str,
    stage: &Path,
    plan: &ExportPlan,
    progress: &Progress,
    notes: &mut Vec<String>,
    damage: &mut Vec<InputError>,
) -> Result<Vec<JobOutcome>, StreamError> {
    let mut done: Vec<(MatchQuality, String, JobOutcome)> = Vec::new();
    let mut others = Vec::new();
    loop {
        let entry = match zip.next_entry() {
            Ok(Some(entry)) => entry,
            Ok(None) => break,
            Err(error) if done.is_empty() && others.is_empty() => return Err(StreamError::Input(error)),
            Err(error) => {
                damage.push(error);
                break;
            }
        };
        let Some((file, quality)) = InputFile::recognise(&entry) else {
            if others.len() < 8 {
                others.push(entry);
            }
            continue;
        };
        let path = format!("{name}:{entry}");
        let earlier = done.iter().position(|(_, _, job)| job.file == file);
        if let Some(i) = earlier {
            if done[i].0 >= quality {
                notes.push(format!("{path}: ignored, {} is already used", done[i].1));
                continue;
            }
            notes.push(format!("{file}: using {path} rather than {}", done[i].1));
        }
        let open = |pump: &mut dyn FnMut(&mut dyn Read)| {
            pump(&mut zip.entry());
            Ok(())
        };
        let job = run_job(file, &path, open, stage, plan, progress.of(file))?;
        match earlier {
            Some(i) => done[i] = (quality, path, job),
            None => done.push((quality, path, job)),
        }
    }
    if done.is_empty() {
        // A stream cut short says so rather than that it holds nothing.
        return Err(match damage.pop().or_else(|| zip.damage()) {
            Some(damage) => StreamError::Input(damage),
            None => StreamError::Input(nothing(name, UnusedReason::EmptyArchive { names: others })),
        });
    }
    Ok(done.into_iter().map(|(_, _, job)| job).collect())
}
