//! Reading gzip-compressed CSV (`ratings.csv.gz`, or a gzip stream whatever its
//! name) transparently and streamed, as pandas, DuckDB and Spark do.
//!
//! The same bomb limit as for zip entries holds: past [`RATIO_EXEMPT_SIZE`] inflated,
//! a stream that inflates more than [`MAX_COMPRESSION_RATIO`] times its compressed
//! size is stopped.
//!
//! [`RATIO_EXEMPT_SIZE`]: crate::archive::RATIO_EXEMPT_SIZE
//! [`MAX_COMPRESSION_RATIO`]: crate::archive::MAX_COMPRESSION_RATIO

use std::io::{self, Read};

use flate2::read::MultiGzDecoder;

use crate::archive::{MAX_COMPRESSION_RATIO, RATIO_EXEMPT_SIZE};
use crate::error::InputErrorKind;

/// Counts the bytes read through it.
struct Counted<R> {
    inner: R,
    count: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

/// The uncompressed bytes of a gzip stream (all its members, as `gzip` writes them
/// when files are concatenated).
pub struct GzipReader<R: Read> {
    decoder: MultiGzDecoder<Counted<R>>,
    inflated: u64,
}

impl<R: Read> GzipReader<R> {
    /// Reads the gzip stream `inner`.
    pub fn new(inner: R) -> Self {
        GzipReader { decoder: MultiGzDecoder::new(Counted { inner, count: 0 }), inflated: 0 }
    }
}

impl<R: Read> Read for GzipReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = match self.decoder.read(buf) {
            Ok(n) => n,
            Err(e) if is_decoding(&e) => return Err(InputErrorKind::CorruptGzip.into_io()),
            Err(e) => return Err(e),
        };
        self.inflated += n as u64;
        let compressed = self.decoder.get_ref().count;
        if self.inflated > RATIO_EXEMPT_SIZE && self.inflated / compressed.max(1) > MAX_COMPRESSION_RATIO {
            return Err(InputErrorKind::CompressionRatioTooHigh {
                declared: self.inflated,
                compressed,
                limit: MAX_COMPRESSION_RATIO,
            }
            .into_io());
        }
        Ok(n)
    }
}

/// True for the errors the gzip decoder itself raises on bad or missing data (not
/// those of the reader below it, which keep their own kind).
fn is_decoding(e: &io::Error) -> bool {
    let ours = e.get_ref().is_some_and(|inner| inner.is::<InputErrorKind>());
    !ours && matches!(e.kind(), io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput | io::ErrorKind::UnexpectedEof)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::write::GzEncoder;
    use flate2::Compression;

    use super::*;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn members_are_read_one_after_the_other_and_damage_is_named() {
        let mut two = gzip(b"userId,movieId\n");
        two.extend(gzip(b"1,2\n"));
        let mut out = String::new();
        GzipReader::new(&two[..]).read_to_string(&mut out).unwrap();
        assert_eq!(out, "userId,movieId\n1,2\n");
        let cut = &two[..two.len() / 2];
        let err = GzipReader::new(cut).read_to_end(&mut Vec::new()).unwrap_err();
        assert!(matches!(InputErrorKind::from_io(err), InputErrorKind::CorruptGzip));
    }
}
