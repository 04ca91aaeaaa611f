//! Processing of one input file, a step at a time.
//!
//! [`FileJob::open`] reads the header and binds the columns; each
//! [`FileJob::step`] then cleans up to a given number of records into a [`Sink`].
//! Working in steps lets the browser worker report progress, answer other requests
//! and honour a cancel between steps; the command-line tool simply loops.
//!
//! Records with the wrong number of fields are repaired here when joining one with the
//! next (at the line break that split them) gives exactly one valid record.

use std::borrow::Cow;
use std::io::{self, Read};

use serde::{Deserialize, Serialize};

use crate::clean::{
    Cleaner, CreditsCleaner, Emit, KeywordsCleaner, LinksCleaner, MoviesCleaner, RatingsCleaner, Record, Rejection,
};
use crate::encoding::{Bom, Utf16ToUtf8};
use crate::error::{InputError, InputErrorKind};
use crate::gzip::GzipReader;
use crate::input::InputFile;
use crate::model::{Issue, Severity};
use crate::origin::read_up_to;
use crate::parts::PartHead;
use crate::records::{Fields, Limits, Next, RecordReader};
use crate::sink::Sink;
use crate::sniff::{Content, HEAD_BYTES};

/// The text encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextEncoding {
    /// UTF-8 (with or without BOM).
    Utf8,
    /// UTF-8 with some fields decoded as Windows-1252.
    Windows1252,
    /// UTF-16 little endian.
    Utf16le,
    /// UTF-16 big endian.
    Utf16be,
}

/// Counts of one file, as the manifest reports them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileReport {
    /// Which input.
    pub file: InputFile,
    /// The path it was read from (entry name in the archive, or file name).
    pub source: String,
    /// Records read (the header excluded); a repaired pair counts two.
    pub records_read: u64,
    /// Records that made a row (a repaired pair counts two).
    pub rows_accepted: u64,
    /// Records rejected, each with an error-log row.
    pub rows_rejected: u64,
    /// Warnings logged (rows kept with a value set to null).
    pub warnings: u64,
    /// Pairs of records joined back together.
    pub records_repaired: u64,
    /// Encoding the file was read in.
    pub encoding: TextEncoding,
    /// Fields decoded as Windows-1252.
    pub windows_1252_fields: u64,
    /// Bytes of CSV text consumed.
    pub bytes: u64,
}

impl FileReport {
    /// Adds the counts of `part`, the report of a later part of the same file.
    pub fn absorb(&mut self, part: &FileReport) {
        self.records_read += part.records_read;
        self.rows_accepted += part.rows_accepted;
        self.rows_rejected += part.rows_rejected;
        self.warnings += part.warnings;
        self.records_repaired += part.records_repaired;
        self.windows_1252_fields += part.windows_1252_fields;
        self.bytes += part.bytes;
        if part.encoding == TextEncoding::Windows1252 && self.encoding == TextEncoding::Utf8 {
            self.encoding = TextEncoding::Windows1252;
        }
    }
}

/// Whether a step finished the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// More records remain.
    More,
    /// The file is done; its report is final.
    Done,
}

/// One input file being processed.
pub struct FileJob<'r> {
    inner: Box<dyn Job + 'r>,
}

trait Job {
    fn step(&mut self, sink: &mut dyn Sink, max_records: usize) -> Result<Step, InputError>;
    fn report(&self) -> &FileReport;
}

impl<'r> FileJob<'r> {
    /// Opens `reader` as the input `file` (named `source` in messages) and reads its header.
    pub fn open<R: Read + 'r>(file: InputFile, source: &str, reader: R, limits: Limits) -> Result<Self, InputError> {
        let (stream, encoding) = decode(reader).map_err(|e| InputError::io(file, source, e))?;
        let inner: Box<dyn Job + 'r> = match file {
            InputFile::MoviesMetadata => Processor::boxed(MoviesCleaner::default(), source, stream, encoding, limits)?,
            InputFile::Credits => Processor::boxed(CreditsCleaner::default(), source, stream, encoding, limits)?,
            InputFile::Keywords => Processor::boxed(KeywordsCleaner::default(), source, stream, encoding, limits)?,
            InputFile::Links => Processor::boxed(LinksCleaner::default(), source, stream, encoding, limits)?,
            InputFile::Ratings => Processor::boxed(RatingsCleaner, source, stream, encoding, limits)?,
        };
        Ok(FileJob { inner })
    }

    /// Opens `reader`, a part of the input `file` cut at a record boundary (see
    /// [`crate::parts`]): its records start on line `first_line` and have the columns
    /// of `head`, whose header is not repeated. Its report counts the part alone.
    pub fn open_part<R: Read + 'r>(
        file: InputFile,
        source: &str,
        head: &PartHead,
        first_line: u64,
        reader: R,
        limits: Limits,
    ) -> Result<Self, InputError> {
        let reader = RecordReader::new(reader, limits).starting_at_line(first_line);
        let (names, encoding) = (&head.names, head.encoding);
        let inner: Box<dyn Job + 'r> = match file {
            InputFile::MoviesMetadata => {
                Processor::with_columns(MoviesCleaner::default(), source, reader, names, encoding)?
            }
            InputFile::Credits => Processor::with_columns(CreditsCleaner::default(), source, reader, names, encoding)?,
            InputFile::Keywords => {
                Processor::with_columns(KeywordsCleaner::default(), source, reader, names, encoding)?
            }
            InputFile::Links => Processor::with_columns(LinksCleaner::default(), source, reader, names, encoding)?,
            InputFile::Ratings => Processor::with_columns(RatingsCleaner, source, reader, names, encoding)?,
        };
        Ok(FileJob { inner })
    }

    /// Cleans up to `max_records` records into `sink`.
    pub fn step(&mut self, sink: &mut dyn Sink, max_records: usize) -> Result<Step, InputError> {
        self.inner.step(sink, max_records)
    }

    /// Runs the file to its end.
    pub fn run(mut self, sink: &mut dyn Sink) -> Result<FileReport, InputError> {
        while self.step(sink, 64 * 1024)? == Step::More {}
        Ok(self.inner.report().clone())
    }

    /// The counts so far (final once [`Step::Done`] was returned).
    pub fn report(&self) -> &FileReport {
        self.inner.report()
    }
}

/// Opens the text of a file: gzip-compressed data is inflated on the fly, a UTF-8
/// byte-order mark is skipped, UTF-16 is transcoded to UTF-8, and anything that is not
/// text (an archive, a workbook, a Git LFS pointer...) is refused for what it is.
pub(crate) fn decode<'r, R: Read + 'r>(reader: R) -> io::Result<(Box<dyn Read + 'r>, TextEncoding)> {
    let (head, rest) = peek_head(reader)?;
    match Content::of(&head) {
        Content::Gzip => {
            let (head, rest) = peek_head(GzipReader::new(io::Cursor::new(head).chain(rest)))?;
            match Content::of(&head) {
                Content::Text => Ok(text(head, rest)),
                other => Err(InputErrorKind::NotCsv(other).into_io()),
            }
        }
        Content::Text => Ok(text(head, rest)),
        other => Err(InputErrorKind::NotCsv(other).into_io()),
    }
}

/// The first [`HEAD_BYTES`] of `reader` (fewer when it is shorter), and the reader.
fn peek_head<R: Read>(mut reader: R) -> io::Result<(Vec<u8>, R)> {
    let mut head = vec![0u8; HEAD_BYTES];
    let len = read_up_to(&mut reader, &mut head)?;
    head.truncate(len);
    Ok((head, reader))
}

/// The text starting with `head`, its byte-order mark recognised.
fn text<'r>(head: Vec<u8>, rest: impl Read + 'r) -> (Box<dyn Read + 'r>, TextEncoding) {
    let bom = Bom::sniff(&head);
    let skip = match bom {
        Bom::None if head.starts_with(&[0xEF, 0xBB, 0xBF]) => 3,
        Bom::None => 0,
        Bom::Utf16Le | Bom::Utf16Be => 2,
    };
    let mut start = io::Cursor::new(head);
    start.set_position(skip);
    let stream: Box<dyn Read + 'r> = Box::new(start.chain(rest));
    match bom {
        Bom::None => (stream, TextEncoding::Utf8),
        Bom::Utf16Le => (Box::new(Utf16ToUtf8::new(stream, bom)), TextEncoding::Utf16le),
        Bom::Utf16Be => (Box::new(Utf16ToUtf8::new(stream, bom)), TextEncoding::Utf16be),
    }
}

/// A record set aside while the next one is read (for the split-record repair).
#[derive(Default)]
struct HeldRecord {
    data: Vec<u8>,
    ends: Vec<usize>,
    line: u64,
}

impl HeldRecord {
    fn hold(&mut self, fields: Fields<'_>, line: u64) {
        self.data.clear();
        self.ends.clear();
        for field in fields.iter() {
            self.data.extend_from_slice(field);
            self.ends.push(self.data.len());
        }
        self.line = line;
    }

    fn fields(&self) -> Fields<'_> {
        Fields::new(&self.data, &self.ends)
    }

    /// This record's fields followed by `next`'s, its last and `next`'s first field
    /// joined by the line break that split them.
    fn join(&self, next: Fields<'_>, joined: &mut HeldRecord) {
        joined.hold(self.fields(), self.line);
        joined.ends.pop();
        for (i, field) in next.iter().enumerate() {
            if i == 0 {
                joined.data.push(b'\n');
            }
            joined.data.extend_from_slice(field);
            joined.ends.push(joined.data.len());
        }
    }
}

struct Processor<R, C> {
    reader: RecordReader<R>,
    cleaner: C,
    positions: Vec<Option<usize>>,
    width: usize,
    report: FileReport,
    held: HeldRecord,
    joined: HeldRecord,
    done: bool,
    /// The header lists exactly the cleaner's columns, in its order: records read in
    /// place may take the cleaner's one-pass [`Cleaner::plain_line`].
    columns_in_order: bool,
}

impl<'r, R: Read + 'r, C: Cleaner + 'r> Processor<R, C> {
    fn boxed(
        cleaner: C,
        source: &str,
        input: R,
        encoding: TextEncoding,
        limits: Limits,
    ) -> Result<Box<dyn Job + 'r>, InputError> {
        let mut reader = RecordReader::new(input, limits);
        let names = read_header(C::FILE, &mut reader, source)?;
        Self::with_columns(cleaner, source, reader, &names, encoding)
    }

    /// A processor of records whose header, `names`, was read already.
    fn with_columns(
        cleaner: C,
        source: &str,
        reader: RecordReader<R>,
        names: &[String],
        encoding: TextEncoding,
    ) -> Result<Box<dyn Job + 'r>, InputError> {
        let positions = bind_columns::<C>(names).map_err(|kind| InputError::new(C::FILE, source, kind).at_line(1))?;
        let report = FileReport {
            file: C::FILE,
            source: source.to_owned(),
            records_read: 0,
            rows_accepted: 0,
            rows_rejected: 0,
            warnings: 0,
            records_repaired: 0,
            encoding,
            windows_1252_fields: 0,
            bytes: reader.bytes_consumed(),
        };
        let columns_in_order =
            names.len() == positions.len() && positions.iter().enumerate().all(|(i, p)| *p == Some(i));
        Ok(Box::new(Processor {
            columns_in_order,
            width: names.len(),
            reader,
            cleaner,
            positions,
            report,
            held: HeldRecord::default(),
            joined: HeldRecord::default(),
            done: false,
        }))
    }
}

/// Reads the header record and returns its column names, trimmed and unquoted.
pub(crate) fn read_header<R: Read>(
    file: InputFile,
    reader: &mut RecordReader<R>,
    source: &str,
) -> Result<Vec<String>, InputError> {
    let header = match reader.next_record() {
        Ok(Next::Record) => reader.fields(),
        Ok(Next::End) => return Err(InputError::new(file, source, InputErrorKind::Empty)),
        Ok(Next::TooLarge(hit)) => {
            return Err(InputError::new(file, source, InputErrorKind::HeaderTooLarge(hit)).at_line(1))
        }
        Err(e) => return Err(InputError::io(file, source, e)),
    };
    Ok(header.iter().map(|f| String::from_utf8_lossy(f).trim().trim_matches('"').to_owned()).collect())
}

/// Maps the cleaner's columns to header positions (names compared case-insensitively).
fn bind_columns<C: Cleaner>(names: &[String]) -> Result<Vec<Option<usize>>, InputErrorKind> {
    let mut positions = Vec::with_capacity(C::COLUMNS.len());
    let mut missing = Vec::new();
    for spec in C::COLUMNS {
        let mut found = names.iter().enumerate().filter(|(_, n)| n.eq_ignore_ascii_case(spec.name)).map(|(i, _)| i);
        let first = found.next();
        if let Some(second) = found.next() {
            return Err(InputErrorKind::DuplicateColumn {
                column: spec.name,
                first: first.unwrap_or(0) + 1,
                second: second + 1,
            });
        }
        if first.is_none() && spec.required {
            missing.push(spec.name);
        }
        positions.push(first);
    }
    if missing.is_empty() {
        Ok(positions)
    } else {
        Err(InputErrorKind::MissingColumns { missing, found: names.to_vec() })
    }
}

impl<R: Read, C: Cleaner> Processor<R, C> {
    fn log_rejection(&mut self, sink: &mut dyn Sink, line: u64, rejection: Rejection) -> io::Result<()> {
        self.report.rows_rejected += 1;
        sink.issue(&Issue {
            file: C::FILE,
            line,
            movie_id: rejection.movie_id,
            severity: Severity::Error,
            column: rejection.column,
            reason: rejection.reason,
            raw_value: rejection.raw,
        })
    }

    /// Handles a record whose field count is wrong: repair with the next, or reject.
    fn repair_or_reject(&mut self, sink: &mut dyn Sink) -> Result<(), InputError> {
        let line = self.reader.line();
        let found = self.reader.fields().len();
        self.held.hold(self.reader.fields(), line);
        let next = self.reader.next_record().map_err(|e| self.io_error(e))?;
        if next == Next::Record && found + self.reader.fields().len() == self.width + 1 {
            let next_line = self.reader.line();
            self.held.join(self.reader.fields(), &mut self.joined);
            let outcome =
                clean_record(&mut self.cleaner, &self.positions, &mut self.report, sink, self.joined.fields(), line)
                    .map_err(|e| self.io_error(e))?;
            if let Ok(movie_id) = outcome {
                self.report.records_read += 2;
                self.report.rows_accepted += 2;
                self.report.records_repaired += 1;
                self.report.warnings += 1;
                let issue = Issue {
                    file: C::FILE,
                    line,
                    movie_id,
                    severity: Severity::Warning,
                    column: None,
                    reason: Cow::Owned(format!(
                        "record split by a line break: joined with line {next_line} into one valid record"
                    )),
                    raw_value: None,
                };
                sink.issue(&issue).map_err(|e| self.io_error(e))?;
                return Ok(());
            }
        }
        if next != Next::End {
            self.reader.unread();
        }
        self.report.records_read += 1;
        let reason = format!("expected {} fields, found {found}", self.width);
        let raw = self.held.fields().iter().map(|f| String::from_utf8_lossy(f)).collect::<Vec<_>>().join(",");
        let rejection = Rejection {
            column: None,
            reason: reason.into(),
            raw: Some(crate::model::raw_excerpt(&raw)),
            movie_id: None,
        };
        self.log_rejection(sink, line, rejection).map_err(|e| self.io_error(e))
    }

    fn io_error(&self, e: io::Error) -> InputError {
        InputError::io(C::FILE, &self.report.source, e).at_line(self.reader.line())
    }
}

/// Checks one (possibly joined) record and, when it is accepted, emits it.
fn clean_record<C: Cleaner>(
    cleaner: &mut C,
    positions: &[Option<usize>],
    report: &mut FileReport,
    sink: &mut dyn Sink,
    fields: Fields<'_>,
    line: u64,
) -> io::Result<Result<Option<i64>, Rejection>> {
    let record = Record::new(fields, positions);
    let checked = match cleaner.check(&record) {
        Ok(checked) => checked,
        Err(rejection) => return Ok(Err(rejection)),
    };
    let movie_id = C::record_id(&checked);
    let mut emit = Emit {
        sink,
        file: C::FILE,
        line,
        movie_id,
        warnings: &mut report.warnings,
        windows_1252_fields: &mut report.windows_1252_fields,
    };
    cleaner.emit(checked, &record, &mut emit)?;
    if report.windows_1252_fields > 0 && report.encoding == TextEncoding::Utf8 {
        report.encoding = TextEncoding::Windows1252;
    }
    Ok(Ok(movie_id))
}

impl<R: Read, C: Cleaner> Job for Processor<R, C> {
    fn step(&mut self, sink: &mut dyn Sink, max_records: usize) -> Result<Step, InputError> {
        if self.done {
            return Ok(Step::Done);
        }
        for _ in 0..max_records {
            let next = self.reader.next_record().map_err(|e| self.io_error(e))?;
            match next {
                Next::End => {
                    self.done = true;
                    break;
                }
                Next::TooLarge(hit) => {
                    self.report.records_read += 1;
                    let line = self.reader.line();
                    let rejection =
                        Rejection { column: None, reason: hit.to_string().into(), raw: None, movie_id: None };
                    self.log_rejection(sink, line, rejection).map_err(|e| self.io_error(e))?;
                }
                Next::Record if self.reader.fields().len() == self.width => {
                    self.report.records_read += 1;
                    let fields = self.reader.fields();
                    if self.columns_in_order && fields.line().is_some() {
                        if let Some(emitted) = self.cleaner.plain_line(fields, sink) {
                            emitted.map_err(|e| self.io_error(e))?;
                            self.report.rows_accepted += 1;
                            continue;
                        }
                    }
                    let line = self.reader.line();
                    let outcome =
                        clean_record(&mut self.cleaner, &self.positions, &mut self.report, sink, fields, line)
                            .map_err(|e| self.io_error(e))?;
                    match outcome {
                        Ok(_) => self.report.rows_accepted += 1,
                        Err(rejection) => self.log_rejection(sink, line, rejection).map_err(|e| self.io_error(e))?,
                    }
                }
                Next::Record => self.repair_or_reject(sink)?,
            }
        }
        self.report.bytes = self.reader.bytes_consumed();
        Ok(if self.done { Step::Done } else { Step::More })
    }

    fn report(&self) -> &FileReport {
        &self.report
    }
}
