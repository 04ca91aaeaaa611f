//! Reading one entry's data: inflated (or stored), bounded by its declared size, and
//! checked against its size and CRC-32 at its end.
//!
//! Every problem is reported with its own [`InputErrorKind`] carried in the
//! `io::Error` (see [`InputErrorKind::into_io`]), from facts this reader checks
//! itself, never from another crate's message text.

use std::io::{self, BufReader, Read, Take};

use flate2::bufread::DeflateDecoder;

use crate::error::InputErrorKind;

/// Buffer between the archive's bytes and the inflater.
const BUFFER: usize = 256 << 10;

/// The compressed bytes of an entry, as they come out of the archive.
enum Data<R: Read> {
    Stored(Take<R>),
    Deflated(Box<DeflateDecoder<BufReader<Take<R>>>>),
}

/// A reader over one entry's uncompressed bytes.
pub struct EntryReader<R: Read> {
    data: Data<R>,
    hasher: crc32fast::Hasher,
    crc: u32,
    /// Declared uncompressed size: reading past it fails.
    size: u64,
    read: u64,
    /// `(bytes present, compressed size)` when the archive ends inside the entry.
    cut_short: Option<(u64, u64)>,
}

impl<R: Read> EntryReader<R> {
    /// Reads `present` compressed bytes from `reader` (positioned at the entry's data),
    /// inflating them when `deflated`; `crc` and `size` are checked at the end.
    /// `cut_short` holds the entry's compressed size when fewer bytes are present.
    pub(crate) fn new(reader: R, deflated: bool, present: u64, crc: u32, size: u64, cut_short: Option<u64>) -> Self {
        let raw = reader.take(present);
        let data = if deflated {
            Data::Deflated(Box::new(DeflateDecoder::new(BufReader::with_capacity(BUFFER, raw))))
        } else {
            Data::Stored(raw)
        };
        EntryReader {
            data,
            hasher: crc32fast::Hasher::new(),
            crc,
            size,
            read: 0,
            cut_short: cut_short.map(|compressed| (present, compressed)),
        }
    }

    fn truncated(&self) -> Option<io::Error> {
        self.cut_short.map(|(present, compressed)| InputErrorKind::EntryTruncated { present, compressed }.into_io())
    }

    /// Checks, at the end of the data, that all of it was there and intact.
    fn check_end(&self) -> io::Result<()> {
        if let Some(cut) = self.truncated() {
            return Err(cut);
        }
        if self.read != self.size {
            return Err(InputErrorKind::CorruptEntry("its data is shorter than its declared size").into_io());
        }
        if self.hasher.clone().finalize() != self.crc {
            return Err(InputErrorKind::CorruptEntry("its data does not match its checksum").into_io());
        }
        Ok(())
    }
}

impl<R: Read> Read for EntryReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        let result = match &mut self.data {
            Data::Stored(r) => r.read(buf),
            Data::Deflated(r) => r.read(buf),
        };
        let n = match result {
            Ok(n) => n,
            Err(e) => {
                return Err(match self.truncated() {
                    Some(cut) => cut,
                    // The inflater's own errors: the compressed bytes make no sense.
                    None if matches!(e.kind(), io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput) => {
                        InputErrorKind::CorruptEntry("its compressed data is invalid").into_io()
                    }
                    None => e,
                });
            }
        };
        if n == 0 {
            self.check_end()?;
            return Ok(0);
        }
        if self.read + n as u64 > self.size {
            return Err(InputErrorKind::InflatesBeyondDeclaredSize(self.size).into_io());
        }
        self.hasher.update(&buf[..n]);
        self.read += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use flate2::write::DeflateEncoder;
    use flate2::Compression;

    use super::*;

    fn deflated(data: &[u8]) -> Vec<u8> {
        let mut encoder = DeflateEncoder::new(Vec::new(), Compression::fast());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    fn read_all(mut reader: impl Read) -> Result<Vec<u8>, InputErrorKind> {
        let mut out = Vec::new();
        reader.read_to_end(&mut out).map_err(InputErrorKind::from_io)?;
        Ok(out)
    }

    #[test]
    fn sizes_and_checksums_are_checked() {
        let text = b"id,title\n1,Toy Story\n".repeat(100);
        let crc = crc32fast::hash(&text);
        let packed = deflated(&text);
        let len = packed.len() as u64;
        let size = text.len() as u64;
        let ok = EntryReader::new(Cursor::new(&packed), true, len, crc, size, None);
        assert_eq!(read_all(ok).unwrap(), text);
        let stored = EntryReader::new(Cursor::new(&text), false, size, crc, size, None);
        assert_eq!(read_all(stored).unwrap(), text);
        let bad_crc = EntryReader::new(Cursor::new(&packed), true, len, crc ^ 1, size, None);
        assert!(matches!(read_all(bad_crc), Err(InputErrorKind::CorruptEntry(why)) if why.contains("checksum")));
        let lying = EntryReader::new(Cursor::new(&packed), true, len, crc, size / 2, None);
        assert!(matches!(read_all(lying), Err(InputErrorKind::InflatesBeyondDeclaredSize(_))));
        let short = EntryReader::new(Cursor::new(&packed), true, len, crc, size * 2, None);
        assert!(matches!(read_all(short), Err(InputErrorKind::CorruptEntry(why)) if why.contains("shorter")));
        let cut = EntryReader::new(Cursor::new(&packed[..10]), true, 10, crc, size, Some(len));
        assert!(matches!(read_all(cut), Err(InputErrorKind::EntryTruncated { present: 10, .. })));
        let garbage = vec![0xFFu8; 64];
        let invalid = EntryReader::new(Cursor::new(&garbage), true, 64, 0, 1000, None);
        assert!(matches!(read_all(invalid), Err(InputErrorKind::CorruptEntry(why)) if why.contains("invalid")));
    }
}
