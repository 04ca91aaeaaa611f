//! Writing a zip archive whose entries are compressed concurrently.
//!
//! One input file feeds several outputs at once (credits.csv → cast and crew, in two
//! formats), so the entries of "Export all" cannot be written one after the other.
//! Each entry is deflated on its own by an [`EntryWriter`] into whatever stream the
//! caller chooses (in the browser: chunks kept as Blob parts); [`ZipLayout`] then
//! produces the headers, data descriptors and central directory that go around those
//! streams, in archive order. Entries are always written with a data descriptor and a
//! zip64 local extra field, so sizes need not be known in advance and may exceed 4 GiB.

use std::io::{self, Write};

use flate2::write::DeflateEncoder;
use flate2::{Compression, Crc};

/// What the archive needs to know about a finished entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryMeta {
    /// Path inside the archive (`/`-separated, UTF-8).
    pub name: String,
    /// CRC-32 of the uncompressed bytes.
    pub crc32: u32,
    /// Size of the deflated data.
    pub compressed_size: u64,
    /// Size of the data before compression.
    pub size: u64,
}

/// Counts the bytes passing through to `W`.
struct Counting<W> {
    inner: W,
    count: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Deflates one entry's data into `W`, tracking its CRC and sizes.
pub struct EntryWriter<W: Write> {
    name: String,
    encoder: DeflateEncoder<Counting<W>>,
    crc: Crc,
    size: u64,
}

impl<W: Write> EntryWriter<W> {
    /// Starts the entry `name`, compressing at a fast level (exports are large and
    /// mostly written once).
    pub fn new(name: &str, out: W) -> Self {
        EntryWriter {
            name: name.to_owned(),
            encoder: DeflateEncoder::new(Counting { inner: out, count: 0 }, Compression::new(3)),
            crc: Crc::new(),
            size: 0,
        }
    }

    /// Ends the compressed stream; returns the output and the entry's metadata.
    pub fn finish(self) -> io::Result<(W, EntryMeta)> {
        let counting = self.encoder.finish()?;
        let meta =
            EntryMeta { name: self.name, crc32: self.crc.sum(), compressed_size: counting.count, size: self.size };
        Ok((counting.inner, meta))
    }
}

impl<W: Write> Write for EntryWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.encoder.write(buf)?;
        self.crc.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.encoder.flush()
    }
}

const LOCAL_HEADER: u32 = 0x0403_4b50;
const DATA_DESCRIPTOR: u32 = 0x0807_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const ZIP64_END: u32 = 0x0606_4b50;
const ZIP64_LOCATOR: u32 = 0x0706_4b50;
const END: u32 = 0x0605_4b50;
const VERSION_ZIP64: u16 = 45;
/// Bit 3: sizes in a data descriptor; bit 11: UTF-8 names.
const FLAGS: u16 = 0x0808;
const DEFLATE: u16 = 8;
const U32_MAX: u64 = 0xFFFF_FFFF;

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Places entries in an archive and writes the bytes around their data.
#[derive(Debug, Clone)]
pub struct ZipLayout {
    dos_time: u16,
    dos_date: u16,
    entries: Vec<(EntryMeta, u64)>,
    offset: u64,
}

impl ZipLayout {
    /// A layout whose entries carry the given date (year, month, day), midnight.
    pub fn new(year: u16, month: u8, day: u8) -> Self {
        let dos_date = (year.saturating_sub(1980) << 9) | (u16::from(month) << 5) | u16::from(day);
        ZipLayout { dos_time: 0, dos_date, entries: Vec::new(), offset: 0 }
    }

    /// The local header that must precede the data of an entry named `name`.
    pub fn local_header(&self, name: &str) -> Vec<u8> {
        let mut h = Vec::with_capacity(30 + name.len() + 20);
        put32(&mut h, LOCAL_HEADER);
        put16(&mut h, VERSION_ZIP64);
        put16(&mut h, FLAGS);
        put16(&mut h, DEFLATE);
        put16(&mut h, self.dos_time);
        put16(&mut h, self.dos_date);
        put32(&mut h, 0);
        put32(&mut h, U32_MAX as u32);
        put32(&mut h, U32_MAX as u32);
        put16(&mut h, name.len() as u16);
        put16(&mut h, 20);
        h.extend_from_slice(name.as_bytes());
        put16(&mut h, 0x0001);
        put16(&mut h, 16);
        put64(&mut h, 0);
        put64(&mut h, 0);
        h
    }

    /// Records a finished entry placed after everything added so far; returns the
    /// data descriptor that must follow its data.
    pub fn add(&mut self, meta: EntryMeta) -> Vec<u8> {
        let header_len = self.local_header(&meta.name).len() as u64;
        let mut d = Vec::with_capacity(24);
        put32(&mut d, DATA_DESCRIPTOR);
        put32(&mut d, meta.crc32);
        put64(&mut d, meta.compressed_size);
        put64(&mut d, meta.size);
        let start = self.offset;
        self.offset += header_len + meta.compressed_size + d.len() as u64;
        self.entries.push((meta, start));
        d
    }

    /// The central directory and end records that close the archive.
    pub fn finish(&self) -> Vec<u8> {
        let mut cd = Vec::new();
        for (meta, offset) in &self.entries {
            let mut extra = Vec::new();
            if meta.size >= U32_MAX {
                put64(&mut extra, meta.size);
            }
            if meta.compressed_size >= U32_MAX {
                put64(&mut extra, meta.compressed_size);
            }
            if *offset >= U32_MAX {
                put64(&mut extra, *offset);
            }
            let extra_len = if extra.is_empty() { 0 } else { 4 + extra.len() };
            put32(&mut cd, CENTRAL_HEADER);
            put16(&mut cd, VERSION_ZIP64);
            put16(&mut cd, VERSION_ZIP64);
            put16(&mut cd, FLAGS);
            put16(&mut cd, DEFLATE);
            put16(&mut cd, self.dos_time);
            put16(&mut cd, self.dos_date);
            put32(&mut cd, meta.crc32);
            put32(&mut cd, meta.compressed_size.min(U32_MAX) as u32);
            put32(&mut cd, meta.size.min(U32_MAX) as u32);
            put16(&mut cd, meta.name.len() as u16);
            put16(&mut cd, extra_len as u16);
            put16(&mut cd, 0);
            put16(&mut cd, 0);
            put16(&mut cd, 0);
            put32(&mut cd, 0o100644 << 16);
            put32(&mut cd, (*offset).min(U32_MAX) as u32);
            cd.extend_from_slice(meta.name.as_bytes());
            if !extra.is_empty() {
                put16(&mut cd, 0x0001);
                put16(&mut cd, extra.len() as u16);
                cd.extend_from_slice(&extra);
            }
        }
        let cd_offset = self.offset;
        let cd_size = cd.len() as u64;
        let count = self.entries.len() as u64;
        let zip64_end_offset = cd_offset + cd_size;
        put32(&mut cd, ZIP64_END);
        put64(&mut cd, 44);
        put16(&mut cd, VERSION_ZIP64);
        put16(&mut cd, VERSION_ZIP64);
        put32(&mut cd, 0);
        put32(&mut cd, 0);
        put64(&mut cd, count);
        put64(&mut cd, count);
        put64(&mut cd, cd_size);
        put64(&mut cd, cd_offset);
        put32(&mut cd, ZIP64_LOCATOR);
        put32(&mut cd, 0);
        put64(&mut cd, zip64_end_offset);
        put32(&mut cd, 1);
        put32(&mut cd, END);
        put16(&mut cd, 0);
        put16(&mut cd, 0);
        put16(&mut cd, count.min(0xFFFF) as u16);
        put16(&mut cd, count.min(0xFFFF) as u16);
        put32(&mut cd, cd_size.min(U32_MAX) as u32);
        put32(&mut cd, cd_offset.min(U32_MAX) as u32);
        put16(&mut cd, 0);
        cd
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Read};

    #[test]
    fn interleaved_entries_make_a_readable_archive() {
        let mut a = EntryWriter::new("csv/a.csv", Vec::new());
        let mut b = EntryWriter::new("json/b.ndjson", Vec::new());
        for i in 0..2000 {
            writeln!(a, "{i},row {i}").unwrap();
            writeln!(b, "{{\"i\":{i}}}").unwrap();
        }
        let (a_data, a_meta) = a.finish().unwrap();
        let (b_data, b_meta) = b.finish().unwrap();

        let mut layout = ZipLayout::new(2026, 11, 23);
        let mut zip = Vec::new();
        for (data, meta) in [(a_data, a_meta), (b_data, b_meta)] {
            zip.extend(layout.local_header(&meta.name));
            zip.extend(&data);
            zip.extend(layout.add(meta));
        }
        zip.extend(layout.finish());

        let mut archive = zip::ZipArchive::new(Cursor::new(zip)).unwrap();
        assert_eq!(archive.len(), 2);
        let mut text = String::new();
        archive.by_name("csv/a.csv").unwrap().read_to_string(&mut text).unwrap();
        assert!(text.starts_with("0,row 0\n1,row 1\n"));
        assert_eq!(text.lines().count(), 2000);
        let mut json = String::new();
        archive.by_name("json/b.ndjson").unwrap().read_to_string(&mut json).unwrap();
        assert!(json.ends_with("{\"i\":1999}\n"));
    }
}
