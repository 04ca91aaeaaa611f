use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::limits::RatioLimit;
use super::local::{DATA_DESCRIPTOR, LOCAL_HEADER};
use super::*;
use crate::origin::InMemory;

const MOVIES: &[u8] = b"id,title\n1,Toy Story\n2,Jumanji\n";

fn links() -> Vec<u8> {
    let mut text = String::from("movieId,imdbId,tmdbId\n");
    for i in 0..5000 {
        text.push_str(&format!("{i},{},{}\n", i * 7919 % 100_003, i * 31));
    }
    text.into_bytes()
}

/// An archive of movies_metadata.csv then links.csv, written as a file or a stream.
fn archive(stream: bool) -> Vec<u8> {
    let files = [("data/movies_metadata.csv", MOVIES.to_vec()), ("data/links.csv", links())];
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    if stream {
        let mut zip = ZipWriter::new_stream(Vec::new());
        for (name, data) in &files {
            zip.start_file(*name, options).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    } else {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in &files {
            zip.start_file(*name, options).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }
}

fn open(name: &str, bytes: &[u8]) -> Result<Archive<InMemory>, InputError> {
    Archive::open(InMemory::new(name, bytes.to_vec()))
}

/// Reads an entry to its end: its bytes, or the kind of error that stopped it.
fn read(archive: &Archive<InMemory>, entry: &Entry) -> Result<Vec<u8>, InputErrorKind> {
    let mut reader = archive.open_entry(entry).map_err(|e| e.kind)?;
    let mut out = Vec::new();
    reader.read_to_end(&mut out).map_err(InputErrorKind::from_io)?;
    Ok(out)
}

/// Where the data of links.csv ends (the central directory follows).
fn central_directory_start(zip: &[u8]) -> usize {
    let eocd = &zip[zip.len() - 22..];
    u32::from_le_bytes([eocd[16], eocd[17], eocd[18], eocd[19]]) as usize
}

#[test]
fn a_truncated_archive_is_salvaged_and_its_cut_entry_reported() {
    for stream in [false, true] {
        let zip = archive(stream);
        let cut = &zip[..central_directory_start(&zip) - 3000];
        let archive = open("cut.zip", cut).unwrap();
        let damage = archive.damage().expect("reported as damaged").to_string();
        assert!(damage.starts_with("cut.zip: the archive is damaged (its end"), "{damage}");
        let entries = archive.dataset_entries();
        assert_eq!(entries.len(), 2, "stream {stream}");
        assert_eq!(read(&archive, &entries[0]).unwrap(), MOVIES, "stream {stream}");
        let links = entries.iter().find(|e| e.file == InputFile::Links).unwrap();
        let err = read(&archive, links).unwrap_err();
        assert!(matches!(err, InputErrorKind::EntryTruncated { .. }), "stream {stream}: {err}");
    }
}

#[test]
fn an_archive_missing_only_its_directory_reads_whole() {
    for stream in [false, true] {
        let zip = archive(stream);
        let archive = open("a.zip", &zip[..central_directory_start(&zip)]).unwrap();
        assert!(archive.damage().is_some());
        let entries = archive.dataset_entries();
        let entry = entries.iter().find(|e| e.file == InputFile::Links).unwrap();
        assert_eq!(read(&archive, entry).unwrap(), links(), "stream {stream}");
    }
}

#[test]
fn a_whole_archive_is_not_salvaged_and_its_entries_read_in_any_order() {
    let zip = archive(true);
    let archive = open("a.zip", &zip).unwrap();
    assert!(archive.damage().is_none());
    let entries = archive.dataset_entries();
    assert_eq!(read(&archive, &entries[1]).unwrap(), links());
    assert_eq!(read(&archive, &entries[0]).unwrap(), MOVIES);
    // Two readers of one archive at once: each has its own.
    let mut first = archive.open_entry(&entries[1]).unwrap();
    let mut second = archive.open_entry(&entries[1]).unwrap();
    let (mut a, mut b) = ([0u8; 5], [0u8; 5]);
    first.read_exact(&mut a).unwrap();
    second.read_exact(&mut b).unwrap();
    assert_eq!(a, b);
}

#[test]
fn a_corrupt_entry_is_named_as_such() {
    let mut zip = archive(false);
    let at = central_directory_start(&zip) - 200;
    zip[at..at + 16].fill(0xFF);
    let archive = open("c.zip", &zip).unwrap();
    let entries = archive.dataset_entries();
    let links = entries.iter().find(|e| e.file == InputFile::Links).unwrap();
    let err = read(&archive, links).unwrap_err();
    assert!(matches!(err, InputErrorKind::CorruptEntry(_)), "{err}");
}

#[test]
fn empty_and_foreign_files_are_named_as_such() {
    let err = open("e.zip", b"").err().unwrap();
    assert_eq!(
        err.to_string().split(" — ").next(),
        Some("e.zip: not a readable zip archive: the file is empty (0 bytes)")
    );
    let err = open("p.zip", b"<html>not found</html>").err().unwrap();
    assert!(err.to_string().contains("no zip directory at its end: not a zip file, or one cut short"), "{err}");
}

/// A raw deflate stream of `mib` MiB of zeros, made by repeating one fully flushed
/// compressed MiB (so that debug builds make it fast).
fn zeros_deflated(mib: usize) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    let mut compress = Compress::new(Compression::fast(), false);
    let mut chunk = Vec::with_capacity(64 * 1024);
    compress.compress_vec(&vec![0u8; 1 << 20], &mut chunk, FlushCompress::Full).unwrap();
    let mut end = Vec::with_capacity(64);
    compress.compress_vec(&[], &mut end, FlushCompress::Finish).unwrap();
    let mut out = chunk.repeat(mib);
    out.extend_from_slice(&end);
    out
}

/// A local header with a data descriptor (sizes after the data), as streamed archives
/// have them, followed by `data` and the descriptor.
fn streamed_entry(name: &str, data: &[u8], size: u64, crc: u32) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&LOCAL_HEADER.to_le_bytes());
    out.extend_from_slice(&[20, 0, 8, 0, 8, 0, 0, 0, 0x21, 0]); // version, flags, method, time, date
    out.extend_from_slice(&[0; 12]); // CRC-32 and sizes: in the descriptor
    out.extend_from_slice(&(name.len() as u16).to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(data);
    out.extend_from_slice(&DATA_DESCRIPTOR.to_le_bytes());
    out.extend_from_slice(&crc.to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(&(size as u32).to_le_bytes());
    out
}

/// A ratio limit that small test inputs can reach.
const SMALL_LIMIT: RatioLimit = RatioLimit { exempt: 8 << 20, ratio: 100 };

#[test]
fn small_bombs_in_a_salvaged_archive_do_not_add_up() {
    // Each entry alone inflates under the exemption; together they go over it.
    let bomb = zeros_deflated(3);
    let mut zip = Vec::new();
    for name in ["a.bin", "b.bin", "ratings.csv"] {
        zip.extend(streamed_entry(name, &bomb, 3 << 20, 0));
    }
    let members = salvage::walk(&mut Cursor::new(&zip), zip.len() as u64, SMALL_LIMIT).unwrap().unwrap();
    let ratings = members.iter().find(|m| m.name == "ratings.csv").unwrap();
    assert!(matches!(ratings.problem, Some(Problem::Ratio { .. })), "{:?}", ratings.problem);
    // Under the real limit, 9 MiB of zeros is read.
    let members = salvage::walk(&mut Cursor::new(&zip), zip.len() as u64, RatioLimit::DEFAULT).unwrap().unwrap();
    assert!(members.iter().all(|m| m.problem.is_none()));
}

#[test]
fn control_characters_in_entry_names_are_escaped() {
    assert_eq!(printable("a\u{1b}[2J/ratings.csv"), "a\\u{1b}[2J/ratings.csv");
    assert_eq!(printable("données/ratings.csv"), "données/ratings.csv");
}

/// An entry of a streamed archive: its name and its bytes (or the error).
type Walked = (String, Result<Vec<u8>, InputErrorKind>);

/// Every entry of a streamed archive, and the damage of the archive.
fn walk_stream(bytes: &[u8]) -> (Vec<Walked>, Option<InputError>) {
    let mut zip = StreamedZip::new(bytes, "pipe");
    let mut seen = Vec::new();
    while let Some(name) = zip.next_entry().unwrap() {
        let mut out = Vec::new();
        let read = zip.entry().read_to_end(&mut out).map(|_| out).map_err(InputErrorKind::from_io);
        seen.push((name, read));
    }
    let damage = zip.damage();
    (seen, damage)
}

#[test]
fn a_stream_is_read_front_to_back_whatever_wrote_it() {
    for stream in [false, true] {
        let (entries, damage) = walk_stream(&archive(stream));
        assert!(damage.is_none(), "stream {stream}");
        let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["data/movies_metadata.csv", "data/links.csv"]);
        assert_eq!(entries[0].1.as_deref().unwrap(), MOVIES);
        assert_eq!(entries[1].1.as_deref().unwrap(), links().as_slice());
    }
}

#[test]
fn a_stream_fed_a_byte_at_a_time_reads_the_same() {
    struct Trickle<'a>(&'a [u8]);
    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let Some((first, rest)) = self.0.split_first() else { return Ok(0) };
            buf[0] = *first;
            self.0 = rest;
            Ok(1)
        }
    }
    let zip = archive(true);
    let mut stream = StreamedZip::new(Trickle(&zip), "pipe");
    assert_eq!(stream.next_entry().unwrap().as_deref(), Some("data/movies_metadata.csv"));
    // Skipped without being read.
    assert_eq!(stream.next_entry().unwrap().as_deref(), Some("data/links.csv"));
    let mut out = Vec::new();
    stream.entry().read_to_end(&mut out).unwrap();
    assert_eq!(out, links());
    assert_eq!(stream.next_entry().unwrap(), None);
    assert!(stream.damage().is_none());
}

#[test]
fn a_cut_stream_reports_its_cut_entry_and_damage() {
    let zip = archive(true);
    let (entries, damage) = walk_stream(&zip[..central_directory_start(&zip) - 3000]);
    assert_eq!(entries[0].1.as_deref().unwrap(), MOVIES);
    assert!(matches!(entries[1].1, Err(InputErrorKind::EntryTruncated { .. })), "{:?}", entries[1].1);
    assert!(damage.is_some());
    // Cut between two entries: the first is whole, the archive is reported cut.
    let whole = archive(false);
    let second = whole.windows(4).rposition(|w| w == LOCAL_HEADER.to_le_bytes()).unwrap();
    let (entries, damage) = walk_stream(&whole[..second]);
    assert_eq!(entries.len(), 1);
    assert!(damage.expect("cut").to_string().contains("the stream ends before the directory"));
}

#[test]
fn a_stream_checks_sizes_checksums_and_the_ratio() {
    let data = b"id,title\n1,Toy Story\n";
    let packed = {
        let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    };
    let good = streamed_entry("movies_metadata.csv", &packed, data.len() as u64, crc32fast::hash(data));
    let (entries, _) = walk_stream(&good);
    assert_eq!(entries[0].1.as_deref().unwrap(), data);
    let bad = streamed_entry("movies_metadata.csv", &packed, data.len() as u64, 1);
    let (entries, _) = walk_stream(&bad);
    assert!(matches!(&entries[0].1, Err(InputErrorKind::CorruptEntry(why)) if why.contains("checksum")));

    let bomb = zeros_deflated(3);
    let mut zip = Vec::new();
    for name in ["a.bin", "b.bin", "ratings.csv"] {
        zip.extend(streamed_entry(name, &bomb, 3 << 20, crc32fast::hash(&vec![0u8; 3 << 20])));
    }
    let mut stream = StreamedZip::new(&zip[..], "pipe");
    stream.ratio = SMALL_LIMIT;
    let mut failure = None;
    while failure.is_none() {
        match stream.next_entry() {
            Ok(Some(_)) => {
                let mut sink = std::io::sink();
                failure = std::io::copy(&mut stream.entry(), &mut sink).err().map(InputErrorKind::from_io);
            }
            Ok(None) => break,
            Err(e) => failure = Some(e.kind),
        }
    }
    assert!(matches!(failure, Some(InputErrorKind::CompressionRatioTooHigh { .. })), "{failure:?}");
}

#[test]
fn a_stream_that_is_not_a_zip_is_refused() {
    let err = StreamedZip::new(&b"id,title\n"[..], "pipe").next_entry().unwrap_err();
    assert!(matches!(err.kind, InputErrorKind::NotAZip(_)), "{err}");
}
