//! The checks an entry must pass before a byte of it is inflated.
//!
//! The reader downstream is streaming and bounds every record, so an entry that
//! inflates well costs time, not memory. The limits therefore refuse up front only
//! what would take minutes to read (absurd declared sizes, and huge entries that
//! compress far better than text does), and read everything that takes seconds, so a
//! bad record among good ones costs the user one error-log row, not the file.

use crate::error::InputErrorKind;

/// Largest uncompressed size an entry may declare: room for ten times the full
/// ratings file (26 million rows, 700 MB) and then some, while refusing archives that
/// announce absurd sizes.
pub const MAX_DECLARED_SIZE: u64 = 64 << 30;

/// Largest ratio of uncompressed to compressed size an entry may have beyond
/// [`RATIO_EXEMPT_SIZE`]. The dataset's CSV files deflate about 3 to 6 to 1; deflate
/// itself cannot go past 1032 to 1, which only runs of one byte reach: a zip bomb.
pub const MAX_COMPRESSION_RATIO: u64 = 100;

/// Entries up to this uncompressed size are read whatever their compression ratio:
/// inflating and scanning 1 GiB takes a few seconds (the record-size limit keeps
/// memory flat), so a well-compressed field among good rows is rejected as one
/// oversized record instead of the whole file being refused.
pub const RATIO_EXEMPT_SIZE: u64 = 1 << 30;

/// What is checked of an entry before it is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Facts {
    /// The entry is encrypted (flag bit 0).
    pub encrypted: bool,
    /// Its compression method number.
    pub method: u16,
    /// Declared uncompressed size.
    pub size: u64,
    /// Compressed size.
    pub compressed_size: u64,
}

/// Refuses entries that cannot or should not be read.
pub(crate) fn check(facts: &Facts) -> Result<(), InputErrorKind> {
    if facts.encrypted || facts.method == 99 {
        return Err(InputErrorKind::Encrypted);
    }
    if !matches!(facts.method, 0 | 8) {
        return Err(InputErrorKind::UnsupportedCompression(method_name(facts.method)));
    }
    if facts.size > MAX_DECLARED_SIZE {
        return Err(InputErrorKind::DeclaredSizeTooLarge { declared: facts.size, limit: MAX_DECLARED_SIZE });
    }
    if RatioLimit::DEFAULT.exceeded(facts.size, facts.compressed_size) {
        return Err(RatioLimit::DEFAULT.error(facts.size, facts.compressed_size));
    }
    Ok(())
}

/// The compression-ratio limit of a walk over several entries (the salvage walk, a
/// streamed archive), where what was inflated adds up across entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RatioLimit {
    /// Bytes inflated before the ratio counts.
    pub exempt: u64,
    /// Largest ratio of inflated to compressed bytes.
    pub ratio: u64,
}

impl RatioLimit {
    /// [`RATIO_EXEMPT_SIZE`] and [`MAX_COMPRESSION_RATIO`].
    pub const DEFAULT: RatioLimit = RatioLimit { exempt: RATIO_EXEMPT_SIZE, ratio: MAX_COMPRESSION_RATIO };

    /// True when `inflated` bytes from `compressed` go past the limit.
    pub fn exceeded(self, inflated: u64, compressed: u64) -> bool {
        inflated > self.exempt && inflated / compressed.max(1) > self.ratio
    }

    /// The error for a walk stopped by this limit.
    pub fn error(self, inflated: u64, compressed: u64) -> InputErrorKind {
        InputErrorKind::CompressionRatioTooHigh { declared: inflated, compressed, limit: self.ratio }
    }
}

/// A readable name of a compression method, with its number.
pub(crate) fn method_name(method: u16) -> String {
    let name = match method {
        0 => "stored",
        8 => "deflate",
        1 => "Shrink",
        2..=5 => "Reduce",
        6 | 10 => "Implode",
        9 => "Deflate64",
        12 => "bzip2",
        14 => "LZMA",
        20 | 93 => "Zstandard",
        94 => "MP3",
        95 => "XZ",
        96 => "JPEG",
        97 => "WavPack",
        98 => "PPMd",
        99 => "AES encryption",
        _ => "an unknown method",
    };
    format!("{name} (method {method})")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(method: u16, size: u64, compressed_size: u64) -> Facts {
        Facts { encrypted: false, method, size, compressed_size }
    }

    #[test]
    fn entries_are_checked_before_they_are_read() {
        assert!(check(&facts(8, 900 << 20, 200 << 20)).is_ok());
        assert!(check(&facts(8, RATIO_EXEMPT_SIZE, 1)).is_ok(), "entries read in seconds may compress well");
        assert!(check(&facts(8, 64 << 20, 128 << 10)).is_ok(), "a 64 MiB entry at 500:1 is read");
        let bomb = check(&facts(8, 10 << 30, 10 << 20)).unwrap_err().to_string();
        assert_eq!(
            bomb,
            "the entry inflates to 10.0 GiB from 10.0 MiB compressed, more than the limit of 100 times its compressed size"
        );
        let absurd = check(&facts(8, 1 << 62, 1 << 40)).unwrap_err().to_string();
        assert!(absurd.contains("over the 64 GiB limit"), "{absurd}");
        for (method, name) in [(12, "bzip2 (method 12)"), (14, "LZMA (method 14)"), (93, "Zstandard (method 93)")] {
            let err = check(&facts(method, 10, 10)).unwrap_err().to_string();
            assert!(err.contains(name), "{err}");
        }
        let encrypted = Facts { encrypted: true, ..facts(8, 10, 10) };
        assert!(matches!(check(&encrypted), Err(InputErrorKind::Encrypted)));
        assert!(matches!(check(&facts(99, 10, 10)), Err(InputErrorKind::Encrypted)));
    }
}
