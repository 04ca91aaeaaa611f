//! Streaming CSV records with line numbers and memory limits.
//!
//! A thin pull reader over `csv_core`: it reads the input in fixed-size chunks, hands
//! out one record at a time (fields as raw bytes, quotes already removed) with the
//! line the record starts on, and never lets a single record grow past
//! [`Limits::max_record_bytes`] or [`Limits::max_fields`]: a record that does is
//! reported as [`Next::TooLarge`] as soon as the limit is hit (so a header that never
//! ends fails at once) and the rest of it is skipped on the next call, so a hostile
//! file cannot make memory grow.

use std::io::{self, Read};

use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

/// Bounds on what one record may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest total size of a record's fields, in bytes.
    pub max_record_bytes: usize,
    /// Largest number of fields in a record.
    pub max_fields: usize,
}

impl Default for Limits {
    /// 16 MiB and 10,000 fields: the largest real record (a cast list) is under 1 MiB
    /// and the widest file has 24 columns, so both leave wide headroom while keeping a
    /// hostile record from taking more than a few dozen MiB.
    fn default() -> Self {
        Limits { max_record_bytes: 16 << 20, max_fields: 10_000 }
    }
}

/// The fields of one record, borrowed from the reader.
#[derive(Debug, Clone, Copy)]
pub struct Fields<'r> {
    data: &'r [u8],
    ends: &'r [usize],
    /// Bytes between two fields: 0 when the fields are packed (unquoted by csv_core),
    /// 1 when they are still separated by their commas (a line read in place).
    gap: usize,
}

impl<'r> Fields<'r> {
    /// Builds a view over packed field bytes and their end offsets.
    pub fn new(data: &'r [u8], ends: &'r [usize]) -> Self {
        Fields { data, ends, gap: 0 }
    }

    /// Builds a view over a line whose fields are still separated by one byte each
    /// (`ends` are the positions of the separators, then of the line's end).
    pub fn separated(data: &'r [u8], ends: &'r [usize]) -> Self {
        Fields { data, ends, gap: 1 }
    }

    /// Number of fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when the record has no field at all.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The bytes of field `i`, or empty when the record is shorter.
    pub fn get(&self, i: usize) -> &'r [u8] {
        match self.ends.get(i) {
            Some(&end) => {
                let start = if i == 0 { 0 } else { self.ends[i - 1] + self.gap };
                &self.data[start..end]
            }
            None => &[],
        }
    }

    /// The line the fields were read from, when they were read in place
    /// (separated by their commas, unquoted).
    pub fn line(&self) -> Option<&'r [u8]> {
        (self.gap == 1).then_some(self.data)
    }

    /// Iterates over the fields in order.
    pub fn iter(&self) -> impl Iterator<Item = &'r [u8]> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// What [`RecordReader::next_record`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// A record is available through [`RecordReader::fields`].
    Record,
    /// A record broke a limit; its content was skipped.
    TooLarge(LimitHit),
    /// The input is exhausted.
    End,
}

/// Which limit a skipped record broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitHit {
    /// More bytes than [`Limits::max_record_bytes`].
    RecordBytes(usize),
    /// More fields than [`Limits::max_fields`].
    Fields(usize),
}

impl std::fmt::Display for LimitHit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LimitHit::RecordBytes(max) => {
                write!(f, "record larger than the {} MiB limit", max >> 20)
            }
            LimitHit::Fields(max) => write!(f, "record with more than the {max} fields limit"),
        }
    }
}

const CHUNK: usize = 256 * 1024;

/// Pulls CSV records out of a byte stream.
pub struct RecordReader<R> {
    input: R,
    core: Reader,
    buf: Box<[u8]>,
    buf_start: usize,
    buf_end: usize,
    eof: bool,
    out: Vec<u8>,
    out_len: usize,
    ends: Vec<usize>,
    ends_len: usize,
    line: u64,
    /// Line breaks consumed outside csv_core (it counts its own in `line()`).
    newlines: u64,
    bytes_consumed: u64,
    limits: Limits,
    replay: bool,
    /// What the last call returned, for [`unread`](RecordReader::unread).
    last: Next,
    /// Where the current record's line lies in `buf`, when it is read in place.
    in_place: Option<(usize, usize)>,
    /// The rest of a record that broke a limit is still to be skipped.
    skipping: bool,
}

impl<R: Read> RecordReader<R> {
    /// Reads RFC 4180 CSV (comma, double quotes, any of `\n`, `\r\n`, `\r`) from `input`.
    pub fn new(input: R, limits: Limits) -> Self {
        RecordReader {
            input,
            core: ReaderBuilder::new().build(),
            buf: vec![0; CHUNK].into_boxed_slice(),
            buf_start: 0,
            buf_end: 0,
            eof: false,
            out: vec![0; limits.max_record_bytes.saturating_add(1).clamp(1, 4096)],
            out_len: 0,
            ends: vec![0; limits.max_fields.saturating_add(1).clamp(2, 32)],
            ends_len: 0,
            line: 0,
            newlines: 0,
            bytes_consumed: 0,
            limits,
            replay: false,
            last: Next::End,
            in_place: None,
            skipping: false,
        }
    }

    /// Numbers the lines from `first_line` (the input is a part of a file that starts
    /// on that line) rather than from 1.
    pub fn starting_at_line(mut self, first_line: u64) -> Self {
        self.newlines = first_line.saturating_sub(1);
        self
    }

    /// The fields of the last record returned.
    pub fn fields(&self) -> Fields<'_> {
        match self.in_place {
            Some((start, len)) => Fields::separated(&self.buf[start..start + len], &self.ends[..self.ends_len]),
            None => Fields::new(&self.out[..self.out_len], &self.ends[..self.ends_len]),
        }
    }

    /// The 1-based line on which the last record starts.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Bytes of the input consumed so far.
    pub fn bytes_consumed(&self) -> u64 {
        self.bytes_consumed
    }

    /// Makes the next call to [`next_record`](Self::next_record) return what the last
    /// one did again, the same record or the same limit hit (used when a record must be
    /// looked at twice).
    pub fn unread(&mut self) {
        self.replay = true;
    }

    /// Advances to the next record.
    pub fn next_record(&mut self) -> io::Result<Next> {
        if self.replay {
            self.replay = false;
            return Ok(self.last);
        }
        if self.skipping {
            self.skip_rest()?;
        }
        self.out_len = 0;
        self.ends_len = 0;
        self.in_place = None;
        self.skip_line_breaks()?;
        self.line = self.newlines + self.core.line();
        self.last = if self.simple_line() { Next::Record } else { self.read_record()? };
        Ok(self.last)
    }

    /// Reads a record through csv_core, growing the buffers up to the limits. A limit
    /// hit is reported at once, the rest of the record left to [`skip_rest`](Self::skip_rest).
    ///
    /// The buffers grow to one byte and one field past the limits, so that a record
    /// exactly at a limit always fits, however the input is chunked (csv_core reports a
    /// full buffer before it looks at whether the record ends).
    fn read_record(&mut self) -> io::Result<Next> {
        let (max_bytes, max_fields) = (self.limits.max_record_bytes, self.limits.max_fields);
        loop {
            if self.buf_start == self.buf_end && !self.eof {
                self.fill()?;
            }
            let input = &self.buf[self.buf_start..self.buf_end];
            let (result, nin, nout, nend) =
                self.core.read_record(input, &mut self.out[self.out_len..], &mut self.ends[self.ends_len..]);
            self.buf_start += nin;
            self.bytes_consumed += nin as u64;
            self.out_len += nout;
            self.ends_len += nend;
            let hit = match result {
                ReadRecordResult::InputEmpty => None,
                ReadRecordResult::OutputFull if self.out.len() > max_bytes => Some(LimitHit::RecordBytes(max_bytes)),
                ReadRecordResult::OutputFull => {
                    let grown = (self.out.len() * 2).min(max_bytes.saturating_add(1));
                    self.out.resize(grown, 0);
                    None
                }
                ReadRecordResult::OutputEndsFull if self.ends.len() > max_fields => Some(LimitHit::Fields(max_fields)),
                ReadRecordResult::OutputEndsFull => {
                    let grown = (self.ends.len() * 2).min(max_fields.saturating_add(1));
                    self.ends.resize(grown, 0);
                    None
                }
                ReadRecordResult::Record if self.out_len > max_bytes || self.ends_len > max_fields => {
                    let hit = if self.out_len > max_bytes {
                        LimitHit::RecordBytes(max_bytes)
                    } else {
                        LimitHit::Fields(max_fields)
                    };
                    self.out_len = 0;
                    self.ends_len = 0;
                    return Ok(Next::TooLarge(hit));
                }
                ReadRecordResult::Record => return Ok(Next::Record),
                ReadRecordResult::End => return Ok(Next::End),
            };
            if let Some(hit) = hit {
                self.out_len = 0;
                self.ends_len = 0;
                self.skipping = true;
                return Ok(Next::TooLarge(hit));
            }
        }
    }

    /// Reads and drops the rest of a record that broke a limit.
    fn skip_rest(&mut self) -> io::Result<()> {
        self.skipping = false;
        loop {
            if self.buf_start == self.buf_end && !self.eof {
                self.fill()?;
            }
            let input = &self.buf[self.buf_start..self.buf_end];
            let (result, nin, _, _) = self.core.read_record(input, &mut self.out, &mut self.ends);
            self.buf_start += nin;
            self.bytes_consumed += nin as u64;
            if matches!(result, ReadRecordResult::Record | ReadRecordResult::End) {
                self.out_len = 0;
                self.ends_len = 0;
                return Ok(());
            }
        }
    }

    /// The fast path for the common record: a whole line in the buffer, without any
    /// quote, within the limits. Its fields are found in one pass and read in place,
    /// without copying and without csv_core (which stays at the start of a record).
    /// Returns false, having consumed nothing, for anything else.
    fn simple_line(&mut self) -> bool {
        let input = &self.buf[self.buf_start..self.buf_end];
        let max_fields = self.ends.len().min(self.limits.max_fields);
        let max_bytes = self.limits.max_record_bytes.min(input.len());
        let mut fields = 0;
        for (i, &b) in input[..max_bytes].iter().enumerate() {
            match b {
                b',' => {
                    if fields + 1 >= max_fields {
                        return false;
                    }
                    self.ends[fields] = i;
                    fields += 1;
                }
                b'\n' | b'\r' => {
                    let consumed = match (b, input.get(i + 1)) {
                        (b'\n', _) => i + 1,
                        (_, Some(b'\n')) => i + 2,
                        _ => return false,
                    };
                    self.ends[fields] = i;
                    self.ends_len = fields + 1;
                    self.in_place = Some((self.buf_start, i));
                    self.buf_start += consumed;
                    self.bytes_consumed += consumed as u64;
                    self.newlines += 1;
                    return true;
                }
                b'"' => return false,
                _ => {}
            }
        }
        false
    }

    /// Consumes the line breaks before a record, counting them, so that the record's
    /// first line is known whatever the terminator (`\n`, `\r\n`, `\r`) and however
    /// the input is chunked.
    fn skip_line_breaks(&mut self) -> io::Result<()> {
        loop {
            if self.buf_start == self.buf_end {
                if self.eof {
                    return Ok(());
                }
                self.fill()?;
                continue;
            }
            match self.buf[self.buf_start] {
                b'\n' => self.newlines += 1,
                b'\r' => {}
                _ => return Ok(()),
            }
            self.buf_start += 1;
            self.bytes_consumed += 1;
        }
    }

    fn fill(&mut self) -> io::Result<()> {
        self.buf_start = 0;
        self.buf_end = 0;
        loop {
            match self.input.read(&mut self.buf) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.buf_end = n;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds the input `chunk` bytes at a time, to test every split point.
    struct Chunked<'a>(&'a [u8], usize);

    impl Read for Chunked<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.0.len().min(self.1).min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    fn read_all(input: &[u8], chunk: usize, limits: Limits) -> Vec<(u64, Result<Vec<String>, LimitHit>)> {
        let mut reader = RecordReader::new(Chunked(input, chunk), limits);
        let mut out = Vec::new();
        loop {
            match reader.next_record().unwrap() {
                Next::Record => out.push((
                    reader.line(),
                    Ok(reader.fields().iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect()),
                )),
                Next::TooLarge(hit) => out.push((reader.line(), Err(hit))),
                Next::End => return out,
            }
        }
    }

    #[test]
    fn records_fields_and_lines_whole_and_byte_by_byte() {
        let input = b"id,overview\r\n1,\"two\nlines, \"\"quoted\"\"\"\r\n\r\n2,plain\n3,last";
        for chunk in [1, 2, 5, CHUNK] {
            let got = read_all(input, chunk, Limits::default());
            assert_eq!(
                got,
                vec![
                    (1, Ok(vec!["id".into(), "overview".into()])),
                    (2, Ok(vec!["1".into(), "two\nlines, \"quoted\"".into()])),
                    (5, Ok(vec!["2".into(), "plain".into()])),
                    (6, Ok(vec!["3".into(), "last".into()])),
                ],
                "chunk {chunk}"
            );
        }
    }

    #[test]
    fn oversized_records_are_skipped_and_reading_goes_on() {
        let limits = Limits { max_record_bytes: 64, max_fields: 4 };
        let big = format!("a,b\n\"{}\",x\n1,2,3,4,5,6\nok,fine\n", "z".repeat(1000));
        let got = read_all(big.as_bytes(), 7, limits);
        assert_eq!(got[1], (2, Err(LimitHit::RecordBytes(64))));
        assert_eq!(got[2], (3, Err(LimitHit::Fields(4))));
        assert_eq!(got[3], (4, Ok(vec!["ok".into(), "fine".into()])));
    }

    #[test]
    fn a_record_over_a_limit_is_reported_before_its_end() {
        /// Endless input: one record that never ends.
        struct Zeros;
        impl Read for Zeros {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                buf.fill(0);
                Ok(buf.len())
            }
        }
        let limits = Limits { max_record_bytes: 1 << 20, max_fields: 8 };
        let mut reader = RecordReader::new(Zeros, limits);
        assert_eq!(reader.next_record().unwrap(), Next::TooLarge(LimitHit::RecordBytes(1 << 20)));
        assert!(reader.bytes_consumed() < 2 << 20);
    }

    #[test]
    fn records_exactly_at_the_limits_fit_however_they_are_chunked() {
        // Found by the property test: 24 bytes in a 24-byte limit passed whole and
        // failed fed one byte at a time.
        let limits = Limits { max_record_bytes: 8, max_fields: 3 };
        let input = b"a,b,c\n12345678,,\n123456789,,\n1,2,3,4\n\"1234\",\"5678\",\n";
        for chunk in [1, 2, 3, 5, CHUNK] {
            let got = read_all(input, chunk, limits);
            assert_eq!(got[1], (2, Ok(vec!["12345678".into(), String::new(), String::new()])), "chunk {chunk}");
            assert_eq!(got[2], (3, Err(LimitHit::RecordBytes(8))), "chunk {chunk}");
            assert_eq!(got[3], (4, Err(LimitHit::Fields(3))), "chunk {chunk}");
            assert_eq!(got[4], (5, Ok(vec!["1234".into(), "5678".into(), String::new()])), "chunk {chunk}");
        }
    }

    #[test]
    fn unread_replays_a_limit_hit() {
        let limits = Limits { max_record_bytes: 1024, max_fields: 8 };
        let input = format!("a,b\n{}\nc,d\n", "z".repeat(5000));
        for chunk in [1, 7, CHUNK] {
            let mut reader = RecordReader::new(Chunked(input.as_bytes(), chunk), limits);
            assert_eq!(reader.next_record().unwrap(), Next::Record);
            let hit = Next::TooLarge(LimitHit::RecordBytes(1024));
            assert_eq!(reader.next_record().unwrap(), hit);
            reader.unread();
            assert_eq!(reader.next_record().unwrap(), hit, "chunk {chunk}");
            assert_eq!(reader.line(), 2);
            assert_eq!(reader.next_record().unwrap(), Next::Record);
            assert_eq!((reader.line(), reader.fields().get(1)), (3, &b"d"[..]));
            assert_eq!(reader.next_record().unwrap(), Next::End);
        }
    }

    #[test]
    fn unread_replays_the_same_record() {
        let mut reader = RecordReader::new(&b"a\nb\n"[..], Limits::default());
        assert_eq!(reader.next_record().unwrap(), Next::Record);
        reader.unread();
        assert_eq!(reader.next_record().unwrap(), Next::Record);
        assert_eq!(reader.fields().get(0), b"a");
        assert_eq!(reader.next_record().unwrap(), Next::Record);
        assert_eq!(reader.fields().get(0), b"b");
        assert_eq!(reader.next_record().unwrap(), Next::End);
    }
}
