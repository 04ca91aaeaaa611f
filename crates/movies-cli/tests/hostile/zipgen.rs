//! Zip archives for the corpus: ordinary ones written with the `zip` crate, and forged
//! ones written byte by byte (methods our build cannot write, encryption flags, sizes
//! that lie, zip bombs).

use std::io::{Cursor, Write};

use flate2::{Compress, Compression, FlushCompress, Status};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// An archive of `files`, deflated, written with the `zip` crate.
pub fn deflated(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in files {
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        zip.start_file(*name, options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// An archive of `files` written as a stream (sizes and checksums in data descriptors
/// after each entry's data, as web servers and streaming tools write them).
pub fn streamed(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut zip = ZipWriter::new_stream(Vec::new());
    for (name, data) in files {
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        zip.start_file(*name, options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Raw deflate (no zlib header) of `data`.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = flate2::write::DeflateEncoder::new(&mut out, Compression::fast());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap();
    out
}

/// One entry of a forged archive. Every size and flag is written as given, true or not.
pub struct RawEntry {
    /// The name, as bytes.
    pub name: Vec<u8>,
    /// Compression method number (0 stored, 8 deflate, 12 bzip2, 14 LZMA, 93 Zstandard, 99 AES).
    pub method: u16,
    /// General purpose flags (bit 0: encrypted).
    pub flags: u16,
    /// CRC-32 written in the headers.
    pub crc: u32,
    /// The entry's data as stored.
    pub data: Vec<u8>,
    /// Uncompressed size written in the headers.
    pub size: u64,
    /// Extra field of both headers.
    pub extra: Vec<u8>,
}

impl RawEntry {
    /// A correct deflated entry.
    pub fn deflated(name: &str, content: &[u8]) -> Self {
        RawEntry {
            name: name.as_bytes().to_vec(),
            method: 8,
            flags: 0,
            crc: crc32(content),
            data: deflate(content),
            size: content.len() as u64,
            extra: Vec::new(),
        }
    }

    /// An entry whose headers say `method` in front of arbitrary data.
    pub fn with_method(name: &str, method: u16, content: &[u8]) -> Self {
        RawEntry { method, data: content.to_vec(), ..RawEntry::deflated(name, content) }
    }
}

/// The CRC-32 of `data`.
pub fn crc32(data: &[u8]) -> u32 {
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(data);
    hasher.finalize()
}

/// Writes a zip archive of `entries` (zip64 extra fields where a size does not fit in
/// 32 bits).
pub fn forge(entries: &[RawEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for entry in entries {
        let offset = out.len() as u64;
        let compressed = entry.data.len() as u64;
        let zip64 = entry.size >= 0xFFFF_FFFF || compressed >= 0xFFFF_FFFF;
        let mut extra = entry.extra.clone();
        if zip64 {
            extra.extend_from_slice(&1u16.to_le_bytes());
            extra.extend_from_slice(&16u16.to_le_bytes());
            extra.extend_from_slice(&entry.size.to_le_bytes());
            extra.extend_from_slice(&compressed.to_le_bytes());
        }
        let size32 = if zip64 { 0xFFFF_FFFF } else { entry.size as u32 };
        let compressed32 = if zip64 { 0xFFFF_FFFF } else { compressed as u32 };
        let version: u16 = if zip64 { 45 } else { 20 };
        // Local header.
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&version.to_le_bytes());
        out.extend_from_slice(&entry.flags.to_le_bytes());
        out.extend_from_slice(&entry.method.to_le_bytes());
        out.extend_from_slice(&[0, 0, 0x21, 0]); // time, date: 1980-01-01
        out.extend_from_slice(&entry.crc.to_le_bytes());
        out.extend_from_slice(&compressed32.to_le_bytes());
        out.extend_from_slice(&size32.to_le_bytes());
        out.extend_from_slice(&(entry.name.len() as u16).to_le_bytes());
        out.extend_from_slice(&(extra.len() as u16).to_le_bytes());
        out.extend_from_slice(&entry.name);
        out.extend_from_slice(&extra);
        out.extend_from_slice(&entry.data);
        // Central directory header.
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&(0x0300 | version).to_le_bytes()); // made by: Unix
        central.extend_from_slice(&version.to_le_bytes());
        central.extend_from_slice(&entry.flags.to_le_bytes());
        central.extend_from_slice(&entry.method.to_le_bytes());
        central.extend_from_slice(&[0, 0, 0x21, 0]);
        central.extend_from_slice(&entry.crc.to_le_bytes());
        central.extend_from_slice(&compressed32.to_le_bytes());
        central.extend_from_slice(&size32.to_le_bytes());
        central.extend_from_slice(&(entry.name.len() as u16).to_le_bytes());
        central.extend_from_slice(&(extra.len() as u16).to_le_bytes());
        central.extend_from_slice(&[0, 0, 0, 0, 0, 0]); // comment length, disk, internal attributes
        central.extend_from_slice(&(0o100644u32 << 16).to_le_bytes());
        central.extend_from_slice(&(offset as u32).to_le_bytes());
        central.extend_from_slice(&entry.name);
        central.extend_from_slice(&extra);
    }
    let central_start = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&central_start.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

/// Compresses `data` and ends with a full flush: the output is byte-aligned and the
/// next input is compressed as if from scratch.
fn full_flush(compress: &mut Compress, data: &[u8], flush: FlushCompress) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 100 + 1024);
    let mut input = data;
    loop {
        if out.capacity() - out.len() < 1024 {
            out.reserve(64 * 1024);
        }
        let before = compress.total_in();
        let status = compress.compress_vec(input, &mut out, flush).unwrap();
        input = &input[(compress.total_in() - before) as usize..];
        let flushed = out.len() < out.capacity();
        match status {
            Status::StreamEnd => return out,
            _ if input.is_empty() && flushed && flush != FlushCompress::Finish => return out,
            _ => {}
        }
    }
}

/// A raw deflate stream of `prefix` followed by `chunk` repeated `times`, made in
/// milliseconds whatever its inflated size: each chunk is compressed once after a full
/// flush, and the identical compressed chunks are repeated.
pub fn repeated_deflate(prefix: &[u8], chunk: &[u8], times: u64) -> Vec<u8> {
    repeated_deflate_around(prefix, chunk, times, &[])
}

/// As [`repeated_deflate`], with `suffix` after the repeated chunks.
pub fn repeated_deflate_around(prefix: &[u8], chunk: &[u8], times: u64, suffix: &[u8]) -> Vec<u8> {
    let mut compress = Compress::new(Compression::best(), false);
    let head = full_flush(&mut compress, prefix, FlushCompress::Full);
    let first = full_flush(&mut compress, chunk, FlushCompress::Full);
    let second = full_flush(&mut compress, chunk, FlushCompress::Full);
    assert_eq!(first, second, "a fully flushed chunk compresses the same every time");
    let tail = full_flush(&mut compress, suffix, FlushCompress::Finish);
    let mut out = Vec::with_capacity(head.len() + first.len() * times as usize + tail.len());
    out.extend_from_slice(&head);
    for _ in 0..times {
        out.extend_from_slice(&first);
    }
    out.extend_from_slice(&tail);
    out
}

/// A ratings.csv that inflates to about `gib` GiB of valid ratings, as a raw deflate
/// stream, with its exact inflated size.
pub fn ratings_bomb(gib: u64) -> (Vec<u8>, u64) {
    let header = b"userId,movieId,rating,timestamp\n";
    let row = b"1,1,4.0,1\n";
    let chunk: Vec<u8> = row.iter().copied().cycle().take((1 << 20) / row.len() * row.len()).collect();
    let times = (gib << 30) / chunk.len() as u64;
    (repeated_deflate(header, &chunk, times), header.len() as u64 + chunk.len() as u64 * times)
}
