//! Reading a zip archive front to back from a stream that cannot seek: a pipe, as in
//! `cat the-movies-dataset.zip | movies process /dev/stdin`.
//!
//! Entries are met in the order they are stored, each through its local header; the
//! deflate stream tells where an entry ends even when its sizes only follow its data
//! (archives written by streaming tools). The central directory at the end is not
//! needed: reaching it ends the walk. The same checks as for a seekable archive apply
//! (encryption, method, declared size, compression ratio over the whole walk), and
//! every entry's size and CRC-32 are checked at its end.

use std::io::{self, Read};

use flate2::{Decompress, FlushDecompress, Status};

use super::limits::{check, Facts, RatioLimit, MAX_DECLARED_SIZE};
use super::local::{u32_at, Descriptor, LocalHeader, CENTRAL_HEADER, END_OF_DIRECTORY, LOCAL_HEADER};
use crate::error::{InputError, InputErrorKind};

/// Bytes read from the stream at a time.
const BUFFER: usize = 256 << 10;

/// A byte stream read ahead, so that what follows an entry's data can be looked at
/// before it is consumed.
struct Lookahead<R> {
    inner: R,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
}

impl<R: Read> Lookahead<R> {
    fn new(inner: R) -> Self {
        Lookahead { inner, buf: vec![0; BUFFER], start: 0, end: 0, eof: false }
    }

    /// The bytes available, at least `n` unless the stream ends first.
    fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        if self.end - self.start < n && !self.eof {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
            while self.end < n.min(self.buf.len()) {
                match self.inner.read(&mut self.buf[self.end..]) {
                    Ok(0) => {
                        self.eof = true;
                        break;
                    }
                    Ok(got) => self.end += got,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(&self.buf[self.start..self.end])
    }

    fn consume(&mut self, n: usize) {
        self.start += n;
    }
}

/// The entry being read.
struct Current {
    header: LocalHeader,
    /// The inflater, for deflated entries.
    inflater: Option<Decompress>,
    /// Compressed bytes consumed (stored entries: bytes read).
    compressed: u64,
    /// Uncompressed bytes produced.
    inflated: u64,
    hasher: crc32fast::Hasher,
    /// Its data was read to the end and checked.
    finished: bool,
}

/// How the walk ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// Still walking.
    Walking,
    /// At the central directory: every entry was seen.
    Directory,
    /// The stream ended (or held something else) where a header was expected.
    Cut,
}

/// Why a step of reading an entry's data stopped.
enum StepError {
    /// The stream ended inside the data.
    Cut,
    /// The compressed data cannot be inflated.
    Invalid,
    /// Reading the stream failed.
    Io(io::Error),
}

impl From<io::Error> for StepError {
    fn from(e: io::Error) -> Self {
        StepError::Io(e)
    }
}

/// The facts of a local header that are checked before its data is read.
fn facts(header: &LocalHeader) -> Facts {
    Facts {
        encrypted: header.encrypted(),
        method: header.method,
        size: header.size,
        compressed_size: header.compressed_size,
    }
}

/// Inflates what the stream holds into `buf`: `(consumed, produced, at the end)`.
fn inflate<R: Read>(
    input: &mut Lookahead<R>,
    inflater: &mut Decompress,
    buf: &mut [u8],
) -> Result<(u64, usize, bool), StepError> {
    let mut consumed = 0u64;
    loop {
        let available = input.peek(1)?;
        if available.is_empty() {
            return Err(StepError::Cut);
        }
        let (before_in, before_out) = (inflater.total_in(), inflater.total_out());
        let status = inflater.decompress(available, buf, FlushDecompress::None);
        let used = (inflater.total_in() - before_in) as usize;
        let produced = (inflater.total_out() - before_out) as usize;
        input.consume(used);
        consumed += used as u64;
        match status {
            Ok(Status::StreamEnd) => return Ok((consumed, produced, true)),
            Ok(_) if produced > 0 => return Ok((consumed, produced, false)),
            Ok(_) if used > 0 => {}
            // No progress on the input it was given: a stream the inflater cannot go on with.
            Ok(_) | Err(_) => return Err(StepError::Invalid),
        }
    }
}

/// Copies up to `left` stored bytes into `buf`: `(consumed, produced, at the end)`.
fn copy_stored<R: Read>(input: &mut Lookahead<R>, buf: &mut [u8], left: u64) -> Result<(u64, usize, bool), StepError> {
    if left == 0 {
        return Ok((0, 0, true));
    }
    let available = input.peek(1)?;
    let n = available.len().min(buf.len()).min(usize::try_from(left).unwrap_or(usize::MAX));
    if n == 0 {
        return Err(StepError::Cut);
    }
    buf[..n].copy_from_slice(&available[..n]);
    input.consume(n);
    Ok((n as u64, n, n as u64 == left))
}

/// Skips `left` bytes of the stream (fewer when it ends first).
fn skip<R: Read>(input: &mut Lookahead<R>, mut left: u64) -> io::Result<()> {
    while left > 0 {
        let got = input.peek(1)?.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        if got == 0 {
            break;
        }
        input.consume(got);
        left -= got as u64;
    }
    Ok(())
}

/// A zip archive read from a stream, one entry after the other.
pub struct StreamedZip<R> {
    input: Lookahead<R>,
    name: String,
    current: Option<Current>,
    ending: Ending,
    /// Entries met so far.
    entries: usize,
    /// Inflated and compressed bytes of the walk, for the ratio limit.
    walked: (u64, u64),
    /// The ratio limit of the walk.
    pub(super) ratio: RatioLimit,
}

impl<R: Read> StreamedZip<R> {
    /// Reads `input`, named `name` in messages.
    pub fn new(input: R, name: &str) -> Self {
        StreamedZip {
            input: Lookahead::new(input),
            name: name.to_owned(),
            current: None,
            ending: Ending::Walking,
            entries: 0,
            walked: (0, 0),
            ratio: RatioLimit::DEFAULT,
        }
    }

    fn fail(&self, kind: InputErrorKind) -> InputError {
        let source = match &self.current {
            Some(current) => format!("{}:{}", self.name, super::printable(&current.header.name)),
            None => self.name.clone(),
        };
        InputError::archive(&source, kind)
    }

    /// Moves to the next entry, skipping what is left of the current one, and returns
    /// its name (control characters escaped); `None` after the last entry.
    pub fn next_entry(&mut self) -> Result<Option<String>, InputError> {
        if self.ending != Ending::Walking {
            self.current = None;
            return Ok(None);
        }
        if self.current.as_ref().is_some_and(|c| !c.finished) {
            let mut scratch = vec![0u8; 64 << 10];
            loop {
                match self.read_data(&mut scratch) {
                    Ok(0) => break,
                    Ok(_) => {}
                    Err(e) => return Err(self.fail(InputErrorKind::from_io(e))),
                }
            }
        }
        self.current = None;
        if self.ending != Ending::Walking {
            return Ok(None);
        }
        let name = &self.name;
        let signature = self.input.peek(4).map_err(|e| InputError::archive(name, InputErrorKind::Io(e)))?;
        match (signature.len() >= 4).then(|| u32_at(signature, 0)) {
            Some(LOCAL_HEADER) => {}
            Some(CENTRAL_HEADER | END_OF_DIRECTORY) => {
                self.ending = Ending::Directory;
                return Ok(None);
            }
            _ if self.entries == 0 => {
                return Err(self.fail(InputErrorKind::NotAZip("it does not start with a zip entry".into())))
            }
            _ => {
                self.ending = Ending::Cut;
                return Ok(None);
            }
        }
        let header = self.read_header()?;
        self.entries += 1;
        let name = super::printable(&header.name);
        let deflated = header.method == 8;
        self.current = Some(Current {
            inflater: deflated.then(|| Decompress::new(false)),
            header,
            compressed: 0,
            inflated: 0,
            hasher: crc32fast::Hasher::new(),
            finished: false,
        });
        self.refuse_unreadable()?;
        Ok(Some(name))
    }

    fn read_header(&mut self) -> Result<LocalHeader, InputError> {
        // The fixed part and, at most, a name and an extra field of 64 KiB each.
        let name = &self.name;
        let io = |e| InputError::archive(name, InputErrorKind::Io(e));
        let mut bytes = self.input.peek(30 + 2 * 0xFFFF).map_err(io)?;
        let header = LocalHeader::read(&mut bytes).map_err(io)?;
        let Some(header) = header else {
            self.ending = Ending::Cut;
            return Err(self.fail(InputErrorKind::EntryTruncated { present: 0, compressed: u64::MAX }));
        };
        self.input.consume(header.length as usize);
        Ok(header)
    }

    /// Fails on an entry that cannot be read and whose end cannot be found, which
    /// stops the walk. One whose sizes are known is skipped when read (and reported).
    fn refuse_unreadable(&mut self) -> Result<(), InputError> {
        let Some(current) = &self.current else { return Ok(()) };
        let header = &current.header;
        if !header.has_descriptor() {
            return Ok(());
        }
        let problem = match check(&facts(header)) {
            Err(kind) => kind,
            Ok(()) if header.method == 8 => return Ok(()),
            Ok(()) => {
                InputErrorKind::CorruptEntry("its size is only written after its data, which a stream cannot skip")
            }
        };
        self.ending = Ending::Cut;
        Err(self.fail(problem))
    }

    /// Reads the current entry's uncompressed bytes; 0 at its end.
    fn read_data(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let Some(current) = self.current.as_mut() else { return Ok(0) };
        if current.finished || buf.is_empty() {
            return Ok(0);
        }
        let (descriptor, size, compressed_size) =
            (current.header.has_descriptor(), current.header.size, current.header.compressed_size);
        if !descriptor {
            if let Err(kind) = check(&facts(&current.header)) {
                skip(&mut self.input, compressed_size - current.compressed)?;
                current.compressed = compressed_size;
                current.finished = true;
                return Err(kind.into_io());
            }
        }
        let step = match current.inflater.as_mut() {
            Some(inflater) => inflate(&mut self.input, inflater, buf),
            None => copy_stored(&mut self.input, buf, compressed_size - current.compressed),
        };
        let (consumed, produced, at_end) = match step {
            Ok(step) => step,
            Err(kind) => {
                self.ending = Ending::Cut;
                return Err(match kind {
                    StepError::Cut => InputErrorKind::EntryTruncated {
                        present: current.compressed,
                        compressed: if descriptor { u64::MAX } else { compressed_size },
                    }
                    .into_io(),
                    StepError::Invalid => InputErrorKind::CorruptEntry("its compressed data is invalid").into_io(),
                    StepError::Io(e) => e,
                });
            }
        };
        current.compressed += consumed;
        current.inflated += produced as u64;
        current.hasher.update(&buf[..produced]);
        current.finished = at_end;
        let limit = if descriptor { MAX_DECLARED_SIZE } else { size };
        if current.inflated > limit {
            self.ending = Ending::Cut;
            return Err(InputErrorKind::InflatesBeyondDeclaredSize(limit).into_io());
        }
        let (inflated, compressed) = (self.walked.0 + current.inflated, self.walked.1 + current.compressed);
        if self.ratio.exceeded(inflated, compressed) {
            self.ending = Ending::Cut;
            return Err(self.ratio.error(inflated, compressed).into_io());
        }
        if at_end {
            self.finish_entry()?;
        }
        Ok(produced)
    }

    /// At the end of an entry's data: reads its data descriptor, checks its size and
    /// CRC-32.
    fn finish_entry(&mut self) -> io::Result<()> {
        let Some(current) = self.current.as_mut() else { return Ok(()) };
        self.walked.0 += current.inflated;
        self.walked.1 += current.compressed;
        let mut crc = current.header.crc32;
        let mut sizes_match = current.header.has_descriptor()
            || (current.compressed == current.header.compressed_size && current.inflated == current.header.size);
        if current.header.has_descriptor() {
            let following = self.input.peek(28)?;
            match Descriptor::parse(following, current.compressed) {
                Some(descriptor) => {
                    crc = descriptor.crc32;
                    sizes_match = descriptor.matches;
                    self.input.consume(descriptor.length);
                }
                None => {
                    self.ending = Ending::Cut;
                    return Err(
                        InputErrorKind::EntryTruncated { present: current.compressed, compressed: u64::MAX }.into_io()
                    );
                }
            }
        }
        if !sizes_match {
            return Err(InputErrorKind::CorruptEntry("its data does not match its declared size").into_io());
        }
        if current.hasher.clone().finalize() != crc {
            return Err(InputErrorKind::CorruptEntry("its data does not match its checksum").into_io());
        }
        Ok(())
    }

    /// A reader over the current entry's uncompressed bytes.
    pub fn entry(&mut self) -> EntryStream<'_, R> {
        EntryStream { zip: self }
    }

    /// What is wrong with the archive as a whole once the walk is over: it ended
    /// without its directory (cut short, or followed by something else).
    pub fn damage(&self) -> Option<InputError> {
        (self.ending == Ending::Cut).then(|| {
            InputError::archive(
                &self.name,
                InputErrorKind::ArchiveSalvaged {
                    entries: self.entries,
                    why: "the stream ends before the directory of its files".into(),
                },
            )
        })
    }
}

/// The current entry of a [`StreamedZip`], as a reader.
pub struct EntryStream<'a, R> {
    zip: &'a mut StreamedZip<R>,
}

impl<R: Read> Read for EntryStream<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.zip.read_data(buf)
    }
}
