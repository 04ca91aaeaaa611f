//! The local file header that precedes each entry's data, and the little-endian
//! fields it is made of.

use std::io::{self, Read};

use crate::origin::read_up_to;

/// Signature of a local file header (`PK\x03\x04`).
pub(crate) const LOCAL_HEADER: u32 = 0x0403_4b50;
/// Signature of a data descriptor (`PK\x07\x08`), optional before its fields.
pub(crate) const DATA_DESCRIPTOR: u32 = 0x0807_4b50;
/// Signature of a central directory header (`PK\x01\x02`).
pub(crate) const CENTRAL_HEADER: u32 = 0x0201_4b50;
/// Signature of the end of central directory record (`PK\x05\x06`).
pub(crate) const END_OF_DIRECTORY: u32 = 0x0605_4b50;

/// Flag bit 0: the entry is encrypted.
pub(crate) const FLAG_ENCRYPTED: u16 = 1;
/// Flag bit 3: CRC-32 and sizes follow the data in a data descriptor.
pub(crate) const FLAG_DESCRIPTOR: u16 = 1 << 3;

pub(crate) fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

pub(crate) fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

pub(crate) fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(bytes)
}

/// A local file header, as read from the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LocalHeader {
    /// The entry's name, as stored (decoded as UTF-8, lossily).
    pub name: String,
    /// General purpose flags.
    pub flags: u16,
    /// Compression method number.
    pub method: u16,
    /// CRC-32 of the data (0 when it is in a data descriptor).
    pub crc32: u32,
    /// Compressed size (0 when it is in a data descriptor).
    pub compressed_size: u64,
    /// Uncompressed size (0 when it is in a data descriptor).
    pub size: u64,
    /// Bytes of the header itself: where the data starts, counted from the header.
    pub length: u64,
}

impl LocalHeader {
    /// Reads the header at the reader's position; `None` when something else is there
    /// (the central directory, garbage or the end of the input).
    pub fn read(reader: &mut impl Read) -> io::Result<Option<LocalHeader>> {
        let mut fixed = [0u8; 30];
        if read_up_to(reader, &mut fixed)? < 30 || u32_at(&fixed, 0) != LOCAL_HEADER {
            return Ok(None);
        }
        let name_len = usize::from(u16_at(&fixed, 26));
        let extra_len = usize::from(u16_at(&fixed, 28));
        let mut variable = vec![0u8; name_len + extra_len];
        if read_up_to(reader, &mut variable)? < variable.len() {
            return Ok(None);
        }
        let (name, extra) = variable.split_at(name_len);
        let mut compressed_size = u64::from(u32_at(&fixed, 18));
        let mut size = u64::from(u32_at(&fixed, 22));
        if compressed_size == 0xFFFF_FFFF || size == 0xFFFF_FFFF {
            (size, compressed_size) = zip64_sizes(extra, size, compressed_size);
        }
        Ok(Some(LocalHeader {
            name: String::from_utf8_lossy(name).into_owned(),
            flags: u16_at(&fixed, 6),
            method: u16_at(&fixed, 8),
            crc32: u32_at(&fixed, 14),
            compressed_size,
            size,
            length: 30 + (name_len + extra_len) as u64,
        }))
    }

    /// True when the sizes and CRC-32 come after the data.
    pub fn has_descriptor(&self) -> bool {
        self.flags & FLAG_DESCRIPTOR != 0
    }

    /// True when the entry is encrypted.
    pub fn encrypted(&self) -> bool {
        self.flags & FLAG_ENCRYPTED != 0
    }
}

/// The sizes in a zip64 extra field of a local header (uncompressed, then compressed).
fn zip64_sizes(extra: &[u8], size: u64, compressed_size: u64) -> (u64, u64) {
    let mut at = 0;
    while at + 4 <= extra.len() {
        let id = u16_at(extra, at);
        let field_len = usize::from(u16_at(extra, at + 2));
        let body = &extra[at + 4..(at + 4 + field_len).min(extra.len())];
        if id == 1 {
            return match body.len() {
                16.. => (u64_at(body, 0), u64_at(body, 8)),
                8 if size == 0xFFFF_FFFF => (u64_at(body, 0), compressed_size),
                8 => (size, u64_at(body, 0)),
                _ => (size, compressed_size),
            };
        }
        at += 4 + field_len;
    }
    (size, compressed_size)
}

/// A data descriptor found after an entry's data: its CRC-32 and how many bytes it
/// takes (12 to 24, with or without its signature, 4- or 8-byte sizes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Descriptor {
    /// CRC-32 of the data.
    pub crc32: u32,
    /// Bytes the descriptor takes.
    pub length: usize,
    /// The sizes it holds match the data just read.
    pub matches: bool,
}

impl Descriptor {
    /// Reads the descriptor at the start of `bytes` (up to 28 bytes following the data,
    /// fewer at the end of the input) for an entry of `compressed` bytes. The 4- and
    /// 8-byte forms are told apart by which matches the data and is followed by the
    /// next header (or the end of the input). `None` when too few bytes are left.
    pub fn parse(bytes: &[u8], compressed: u64) -> Option<Descriptor> {
        let got = bytes.len();
        let skip = if got >= 4 && u32_at(bytes, 0) == DATA_DESCRIPTOR { 4 } else { 0 };
        if got < skip + 12 {
            return None;
        }
        let crc32 = u32_at(bytes, skip);
        let zip32 = u64::from(u32_at(bytes, skip + 4)) == compressed;
        let zip64 = got >= skip + 20 && u64_at(bytes, skip + 4) == compressed;
        let then_header = |at: usize| got <= at || bytes[at..got.min(at + 2)] == *b"PK";
        let (length, matches) = match (zip32, zip64) {
            (true, true) if !then_header(skip + 12) => (skip + 20, true),
            (true, _) => (skip + 12, true),
            (false, true) => (skip + 20, true),
            (false, false) => (skip + 12, false),
        };
        Some(Descriptor { crc32, length, matches })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptors_of_both_widths_are_told_apart() {
        let mut zip32 = DATA_DESCRIPTOR.to_le_bytes().to_vec();
        zip32.extend_from_slice(&7u32.to_le_bytes());
        zip32.extend_from_slice(&100u32.to_le_bytes());
        zip32.extend_from_slice(&300u32.to_le_bytes());
        zip32.extend_from_slice(b"PK\x03\x04");
        assert_eq!(Descriptor::parse(&zip32, 100), Some(Descriptor { crc32: 7, length: 16, matches: true }));
        let mut zip64 = 7u32.to_le_bytes().to_vec();
        zip64.extend_from_slice(&100u64.to_le_bytes());
        zip64.extend_from_slice(&300u64.to_le_bytes());
        assert_eq!(Descriptor::parse(&zip64, 100), Some(Descriptor { crc32: 7, length: 20, matches: true }));
        assert!(!Descriptor::parse(&zip64, 99).unwrap().matches);
        assert_eq!(Descriptor::parse(&zip64[..8], 100), None);
    }
}
