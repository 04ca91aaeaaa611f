//! Writing a case's input: files into its folder, archives cut at chosen places, and
//! the inputs several cases share.

use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use crate::csvgen::{self, line, movie, movies_file};
use crate::zipgen::{self, RawEntry};

/// Writes `bytes` to `dir/name`, returning the path.
pub fn put(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path
}

/// Where the data of entry `name` starts in a (well-formed) archive, and its
/// compressed size.
pub fn entry_span(zip: &[u8], name: &str) -> (usize, usize) {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).unwrap();
    let file = archive.by_name(name).unwrap();
    (file.data_start().unwrap() as usize, file.compressed_size() as usize)
}

/// Where the central directory of an archive without comment starts.
pub fn central_start(zip: &[u8]) -> usize {
    let eocd = &zip[zip.len() - 22..];
    assert_eq!(eocd[..4], [0x50, 0x4b, 0x05, 0x06]);
    u32::from_le_bytes([eocd[16], eocd[17], eocd[18], eocd[19]]) as usize
}

/// The five good files as loose CSV files in `dir`.
pub fn loose_dataset(dir: &Path) -> Vec<PathBuf> {
    csvgen::good_dataset(3).into_iter().map(|(name, bytes)| put(dir, name, &bytes)).collect()
}

/// An entry of `data`, deflated already, whose headers declare `size` bytes
/// uncompressed and a checksum of 0, true or not (as a bomb declares them).
pub fn deflated_entry(name: &str, data: Vec<u8>, size: u64) -> RawEntry {
    RawEntry { name: name.as_bytes().to_vec(), method: 8, flags: 0, crc: 0, data, size, extra: Vec::new() }
}

/// Movies 1..=3 and links, plus `entry` as ratings.csv, in a forged archive.
pub fn with_ratings_entry(dir: &Path, entry: RawEntry) -> PathBuf {
    let zip = zipgen::forge(&[
        RawEntry::deflated("movies_metadata.csv", &csvgen::good_movies()),
        RawEntry::deflated("links.csv", &csvgen::good_links()),
        entry,
    ]);
    put(dir, "the-movies-dataset.zip", &zip)
}

/// A movies_metadata.csv of movie 1, movie 2 with an overview of `size` bytes (plain
/// letters, or quoted text with commas and line breaks), and, when `third`, movie 3.
pub fn with_big_overview(size: usize, third: bool) -> Vec<u8> {
    let record = line(&movie(2, &[("overview", "OVERVIEW")]));
    let (before, after) = record.split_once("OVERVIEW").unwrap();
    let mut bytes = movies_file(&[line(&movie(1, &[]))]);
    bytes.extend_from_slice(before.as_bytes());
    bytes.resize(bytes.len() + size, b'x');
    bytes.extend_from_slice(after.as_bytes());
    if third {
        bytes.push(b'\n');
        bytes.extend(line(&movie(3, &[])).into_bytes());
    }
    bytes
}
