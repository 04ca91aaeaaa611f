//! Cutting a file's text into parts that clean exactly as one pass would.
//!
//! A part ends after a line break that follows a line holding exactly the header's
//! number of fields and no quote. Such a line is a record of its own, or the second
//! half of a record split by a line break that the part's cleaner joins with the line
//! before it: either way no record, and no repair of a split record, spans two parts.
//!
//! Quotes (a quoted field may hold line breaks) and lone carriage returns (the old Mac
//! line ending) make record boundaries depend on everything before them, so from the
//! first one on the rest of the file is handed back whole as the [`Tail`], to be
//! cleaned in one pass. The real ratings.csv has neither.

use std::io::{self, Cursor, Read};

use memchr::{memchr, memchr2_iter, memchr_iter, memrchr};

use super::{Part, PartHead};
use crate::error::InputError;
use crate::input::InputFile;
use crate::origin::read_up_to;
use crate::pipeline::{decode, read_header, FileJob};
use crate::records::{Limits, RecordReader};

/// Largest part: past this without a place to cut, the rest becomes the tail.
const MAX_PART: usize = 64 << 20;
/// Line breaks looked at, from the end of the text read, for a place to cut.
const CUT_SEARCH_LINES: usize = 256;
/// Bytes read at a time.
const READ_BYTES: usize = 1 << 20;

/// The rest of a file that is not cut: it starts on line `first_line`.
pub struct Tail<'r> {
    /// The line its first record starts on.
    pub first_line: u64,
    /// Its text.
    pub text: Box<dyn Read + 'r>,
}

/// Reads a file's text and hands it out in parts.
pub struct Cutter<'r> {
    file: InputFile,
    source: String,
    input: Box<dyn Read + 'r>,
    head: PartHead,
    /// Commas on a line with the header's number of fields.
    commas: usize,
    /// Text read and not yet handed out.
    carry: Vec<u8>,
    /// The line `carry` starts on.
    next_line: u64,
    next_index: u32,
    eof: bool,
    /// A quote or a lone carriage return was met: no more parts, only the tail.
    uncuttable: bool,
    bytes_read: u64,
}

impl<'r> Cutter<'r> {
    /// Opens `reader` (the stored bytes of the input `file`, named `source`): inflates
    /// and decodes it as one pass would, and reads the header. `None` when the header
    /// itself holds a quote or a lone carriage return, or does not end within the
    /// first part: the whole file is then better cleaned in one pass.
    pub fn open<R: Read + 'r>(file: InputFile, source: &str, reader: R) -> Result<Option<Self>, InputError> {
        let (mut input, encoding) = decode(reader).map_err(|e| InputError::io(file, source, e))?;
        let mut carry = Vec::new();
        let end = loop {
            if let Some(end) = memchr(b'\n', &carry) {
                break end + 1;
            }
            let read = fill(&mut input, &mut carry, READ_BYTES).map_err(|e| InputError::io(file, source, e))?;
            if read == 0 || carry.len() >= MAX_PART {
                return Ok(None);
            }
        };
        if has_quote_or_lone_cr(&carry[..end]) {
            return Ok(None);
        }
        let mut header = RecordReader::new(Cursor::new(&carry[..end]), Limits::default());
        let names = read_header(file, &mut header, source)?;
        let head = PartHead { names, encoding, bytes: end as u64 };
        // Refuses a header without the file's columns, as one pass would.
        FileJob::open_part(file, source, &head, 2, io::empty(), Limits::default())?;
        let commas = head.names.len().saturating_sub(1);
        let bytes_read = carry.len() as u64;
        carry.drain(..end);
        Ok(Some(Cutter {
            file,
            source: source.to_owned(),
            input,
            head,
            commas,
            carry,
            next_line: 2,
            next_index: 0,
            eof: false,
            uncuttable: false,
            bytes_read,
        }))
    }

    /// The header every part shares.
    pub fn head(&self) -> &PartHead {
        &self.head
    }

    /// Bytes of text read so far.
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// The next part, of about `target` bytes (more when no place to cut is near).
    /// `None` once the text is handed out or the rest must be read as the tail.
    pub fn next_part(&mut self, target: usize) -> Result<Option<Part>, InputError> {
        let mut want = target.max(1);
        let cut = loop {
            if self.uncuttable {
                return Ok(None);
            }
            while self.carry.len() < want && !self.eof {
                let wanted = want - self.carry.len();
                let read = fill(&mut self.input, &mut self.carry, wanted).map_err(|e| self.io_error(e))?;
                self.bytes_read += read as u64;
                self.eof = read == 0;
            }
            if self.carry.is_empty() {
                return Ok(None);
            }
            let cut = if self.eof && self.carry.len() <= want {
                Some(self.carry.len())
            } else {
                cut_point(&self.carry[..want.min(self.carry.len())], self.commas)
            };
            match cut {
                Some(cut) if !has_quote_or_lone_cr(&self.carry[..cut]) => break cut,
                Some(_) => self.uncuttable = true,
                None if self.carry.len() >= MAX_PART => self.uncuttable = true,
                None => want = want.saturating_mul(2),
            }
        };
        let rest = self.carry.split_off(cut);
        let text = std::mem::replace(&mut self.carry, rest);
        let part = Part { index: self.next_index, first_line: self.next_line, text };
        self.next_index += 1;
        self.next_line += memchr_iter(b'\n', &part.text).count() as u64;
        Ok(Some(part))
    }

    /// What is left once [`next_part`](Self::next_part) said `None`: the rest of the
    /// text, to clean in one pass, or `None` when every byte went into parts.
    pub fn into_tail(self) -> Option<Tail<'r>> {
        if self.carry.is_empty() && self.eof {
            return None;
        }
        let text: Box<dyn Read + 'r> = Box::new(Cursor::new(self.carry).chain(self.input));
        Some(Tail { first_line: self.next_line, text })
    }

    fn io_error(&self, e: io::Error) -> InputError {
        InputError::io(self.file, &self.source, e)
    }
}

/// Reads up to `wanted` (at most [`READ_BYTES`]) more into `carry`; how many (0 at the
/// end of the input).
fn fill(mut input: &mut dyn Read, carry: &mut Vec<u8>, wanted: usize) -> io::Result<usize> {
    let start = carry.len();
    carry.resize(start + wanted.clamp(1, READ_BYTES), 0);
    let read = read_up_to(&mut input, &mut carry[start..])?;
    carry.truncate(start + read);
    Ok(read)
}

/// Where to cut `text`: just after the last line break that ends a line of exactly
/// `commas` commas (looking at the last [`CUT_SEARCH_LINES`] lines only).
fn cut_point(text: &[u8], commas: usize) -> Option<usize> {
    let mut end = memrchr(b'\n', text)?;
    for _ in 0..CUT_SEARCH_LINES {
        let start = memrchr(b'\n', &text[..end]).map_or(0, |i| i + 1);
        if memchr_iter(b',', &text[start..end]).count() == commas {
            return Some(end + 1);
        }
        if start == 0 {
            return None;
        }
        end = start - 1;
    }
    None
}

/// Whether `text` holds a quote, or a carriage return not followed by a line feed.
fn has_quote_or_lone_cr(text: &[u8]) -> bool {
    memchr2_iter(b'"', b'\r', text).any(|i| text[i] == b'"' || text.get(i + 1) != Some(&b'\n'))
}
