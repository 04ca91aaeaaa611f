//! The corpus: each case writes its input into a folder and says what the `movies`
//! command must answer (exit status, what stderr names, the manifest, the error log).

use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use super::csvgen::{self, line, movie, movies_file};
use super::zipgen::{self, RawEntry};

/// Rows accepted from one file, as the manifest must report them.
#[derive(Debug, Clone, Copy)]
pub enum Rows {
    /// Exactly this many.
    Exactly(u64),
    /// At least one.
    Some,
    /// Any number (the case is about something else).
    Any,
}

/// A last check of a case's folder after the run.
pub type AfterCheck = Box<dyn Fn(&Path) -> Result<(), String>>;

/// What the command must do with a case.
pub struct Expect {
    /// Exit status.
    pub code: i32,
    /// Texts stderr must contain (each entry: any one of its alternatives).
    pub stderr: Vec<Vec<String>>,
    /// Whether an export is written.
    pub export: bool,
    /// Per input file of the manifest: its status and rows accepted.
    pub files: Vec<(&'static str, &'static str, Rows)>,
    /// Texts that must appear in the error log.
    pub log: Vec<&'static str>,
    /// A last check of the case folder after the run.
    pub after: Option<AfterCheck>,
}

impl Expect {
    /// Exit 0 with an export.
    pub fn ok() -> Self {
        Expect { code: 0, stderr: Vec::new(), export: true, files: Vec::new(), log: Vec::new(), after: None }
    }

    /// Exit 1 with an export (some file failed, the others were written).
    pub fn partial() -> Self {
        Expect { code: 1, ..Expect::ok() }
    }

    /// Exit 1 and no export at all.
    pub fn refused() -> Self {
        Expect { code: 1, export: false, ..Expect::ok() }
    }

    /// stderr must contain `text`.
    pub fn says(mut self, text: impl Into<String>) -> Self {
        self.stderr.push(vec![text.into()]);
        self
    }

    /// stderr must contain one of `texts`.
    pub fn says_any(mut self, texts: &[&str]) -> Self {
        self.stderr.push(texts.iter().map(|t| (*t).to_owned()).collect());
        self
    }

    /// The manifest must show `file` with `status` and `rows` accepted.
    pub fn file(mut self, file: &'static str, status: &'static str, rows: Rows) -> Self {
        self.files.push((file, status, rows));
        self
    }

    /// The error log must contain `text`.
    pub fn logs(mut self, text: &'static str) -> Self {
        self.log.push(text);
        self
    }

    /// A last check of the case folder.
    pub fn after(mut self, check: impl Fn(&Path) -> Result<(), String> + 'static) -> Self {
        self.after = Some(Box::new(check));
        self
    }
}

/// A case: its name, what it is, and how to build it in a folder.
pub struct Case {
    /// Short name, also the folder's.
    pub name: &'static str,
    /// Whether it runs only with `--ignored` (heavy).
    pub heavy: bool,
    /// Writes the input into the folder; returns the command's INPUT arguments.
    pub build: fn(&Path) -> (Vec<PathBuf>, Expect),
}

/// Writes `bytes` to `dir/name`, returning the path.
fn put(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path
}

/// Where the data of entry `name` starts in a (well-formed) archive, and its
/// compressed size.
fn entry_span(zip: &[u8], name: &str) -> (usize, usize) {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).unwrap();
    let file = archive.by_name(name).unwrap();
    (file.data_start().unwrap() as usize, file.compressed_size() as usize)
}

/// Where the central directory of an archive without comment starts.
fn central_start(zip: &[u8]) -> usize {
    let eocd = &zip[zip.len() - 22..];
    assert_eq!(eocd[..4], [0x50, 0x4b, 0x05, 0x06]);
    u32::from_le_bytes([eocd[16], eocd[17], eocd[18], eocd[19]]) as usize
}

/// The five good files as loose CSV files in `dir`.
fn loose_dataset(dir: &Path) -> Vec<PathBuf> {
    csvgen::good_dataset(3).into_iter().map(|(name, bytes)| put(dir, name, &bytes)).collect()
}

/// The status of every file of a good dataset, except those named in `except`.
fn all_ok_but(mut expect: Expect, except: &[&str]) -> Expect {
    for (file, rows) in
        [("movies_metadata.csv", 3), ("credits.csv", 3), ("keywords.csv", 3), ("links.csv", 3), ("ratings.csv", 20_000)]
    {
        if !except.contains(&file) {
            expect = expect.file(file, "ok", Rows::Exactly(rows));
        }
    }
    expect
}

/// Movies 1..=3 and links, plus `entry` as ratings.csv, in a forged archive.
fn with_ratings_entry(dir: &Path, entry: RawEntry) -> PathBuf {
    let zip = zipgen::forge(&[
        RawEntry::deflated("movies_metadata.csv", &csvgen::good_movies()),
        RawEntry::deflated("links.csv", &csvgen::good_links()),
        entry,
    ]);
    put(dir, "the-movies-dataset.zip", &zip)
}

/// Every case of the corpus.
pub fn all() -> Vec<Case> {
    let case = |name, build| Case { name, heavy: false, build };
    let heavy = |name, build| Case { name, heavy: true, build };
    vec![
        // ---- not a zip, empty, truncated ------------------------------------------------
        case("empty-zip-file", |dir| {
            let input = put(dir, "the-movies-dataset.zip", b"");
            (vec![input], Expect::refused().says("the-movies-dataset.zip").says("the file is empty"))
        }),
        case("empty-csv-file", |dir| {
            let input = put(dir, "movies_metadata.csv", b"");
            (vec![input], Expect::partial().says("movies_metadata.csv").says("the file is empty (no header row)"))
        }),
        case("text-named-zip", |dir| {
            let input = put(dir, "the-movies-dataset.zip", b"<html>404 Not Found</html>\n");
            let expect =
                Expect::refused().says("the-movies-dataset.zip: a web page (HTML)").says("download the dataset again");
            (vec![input], expect)
        }),
        case("zip-magic-then-garbage", |dir| {
            let mut bytes = b"PK\x03\x04".to_vec();
            bytes.extend((0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
            let input = put(dir, "the-movies-dataset.zip", &bytes);
            (vec![input], Expect::refused().says("the-movies-dataset.zip").says_any(&["damaged", "not a readable zip"]))
        }),
        case("truncated-in-last-entry", |dir| {
            let zip = zipgen::deflated(&csvgen::good_dataset(20_000));
            let (start, len) = entry_span(&zip, "ratings.csv");
            let input = put(dir, "the-movies-dataset.zip", &zip[..start + len / 2]);
            let expect = Expect::partial()
                .says("the-movies-dataset.zip: the archive is damaged")
                .says("the-movies-dataset.zip:ratings.csv, line ")
                .says("the archive ends inside this entry")
                .file("ratings.csv", "failed", Rows::Some);
            (vec![input], all_ok_but(expect, &["ratings.csv"]))
        }),
        case("truncated-streamed-archive", |dir| {
            // Entries with data descriptors: sizes only after the data.
            let zip = zipgen::streamed(&csvgen::good_dataset(20_000));
            let (start, len) = entry_span(&zip, "ratings.csv");
            let input = put(dir, "the-movies-dataset.zip", &zip[..start + len / 2]);
            let expect = Expect::partial()
                .says("the archive is damaged")
                .says("the-movies-dataset.zip:ratings.csv")
                .says("truncated")
                .file("ratings.csv", "failed", Rows::Some);
            (vec![input], all_ok_but(expect, &["ratings.csv"]))
        }),
        case("truncated-in-central-directory", |dir| {
            let zip = zipgen::deflated(&csvgen::good_dataset(20_000));
            let input = put(dir, "the-movies-dataset.zip", &zip[..central_start(&zip) + 40]);
            let expect = Expect::partial().says("the-movies-dataset.zip: the archive is damaged");
            (vec![input], all_ok_but(expect, &[]))
        }),
        case("truncated-in-second-header", |dir| {
            let zip = zipgen::deflated(&csvgen::good_dataset(20_000));
            let (start, len) = entry_span(&zip, "movies_metadata.csv");
            let input = put(dir, "the-movies-dataset.zip", &zip[..start + len + 20]);
            let expect = Expect::partial()
                .says("the archive is damaged")
                .file("movies_metadata.csv", "ok", Rows::Exactly(3))
                .file("credits.csv", "missing", Rows::Exactly(0));
            (vec![input], expect)
        }),
        // ---- damaged or unreadable entries -----------------------------------------------
        case("corrupt-deflate-in-one-entry", |dir| {
            let mut zip = zipgen::deflated(&csvgen::good_dataset(20_000));
            let (start, len) = entry_span(&zip, "ratings.csv");
            for byte in &mut zip[start + len / 2..start + len / 2 + 64] {
                *byte ^= 0x55;
            }
            let input = put(dir, "the-movies-dataset.zip", &zip);
            let expect = Expect::partial()
                .says("the-movies-dataset.zip:ratings.csv")
                .says_any(&["the entry is corrupt", "inflates beyond its declared size"])
                .file("ratings.csv", "failed", Rows::Any);
            (vec![input], all_ok_but(expect, &["ratings.csv"]))
        }),
        case("wrong-checksum", |dir| {
            let mut entry = RawEntry::deflated("ratings.csv", &csvgen::ratings(100));
            entry.crc ^= 1;
            let input = with_ratings_entry(dir, entry);
            let expect = Expect::partial()
                .says("ratings.csv")
                .says("does not match its checksum")
                .file("ratings.csv", "failed", Rows::Any)
                .file("movies_metadata.csv", "ok", Rows::Exactly(3));
            (vec![input], expect)
        }),
        case("encrypted-entry", |dir| {
            let entry = RawEntry { flags: 1, ..RawEntry::deflated("ratings.csv", &csvgen::ratings(100)) };
            let input = with_ratings_entry(dir, entry);
            let expect = Expect::partial()
                .says("the-movies-dataset.zip:ratings.csv: the entry is encrypted")
                .file("ratings.csv", "failed", Rows::Exactly(0))
                .file("movies_metadata.csv", "ok", Rows::Exactly(3))
                .file("links.csv", "ok", Rows::Exactly(3));
            (vec![input], expect)
        }),
        case("aes-encrypted-entry", |dir| {
            let mut entry = RawEntry::with_method("ratings.csv", 99, b"\x8f\x11 not really AES");
            entry.flags = 1;
            entry.extra = vec![0x01, 0x99, 7, 0, 2, 0, b'A', b'E', 3, 8, 0];
            let input = with_ratings_entry(dir, entry);
            let expect = Expect::partial().says("ratings.csv").says("encrypted").file(
                "movies_metadata.csv",
                "ok",
                Rows::Exactly(3),
            );
            (vec![input], expect)
        }),
        case("bzip2-entry", |dir| {
            let input = with_ratings_entry(dir, RawEntry::with_method("ratings.csv", 12, b"BZh91AY&SY\x00\x01"));
            let expect = Expect::partial()
                .says("the-movies-dataset.zip:ratings.csv: the entry is compressed with bzip2 (method 12)")
                .file("ratings.csv", "failed", Rows::Exactly(0))
                .file("movies_metadata.csv", "ok", Rows::Exactly(3));
            (vec![input], expect)
        }),
        case("lzma-entry", |dir| {
            let input = with_ratings_entry(dir, RawEntry::with_method("ratings.csv", 14, b"\x09\x14\x05\x00]\x00\x00"));
            let expect = Expect::partial().says("ratings.csv: the entry is compressed with LZMA (method 14)").file(
                "links.csv",
                "ok",
                Rows::Exactly(3),
            );
            (vec![input], expect)
        }),
        case("zstd-entry", |dir| {
            let input =
                with_ratings_entry(dir, RawEntry::with_method("ratings.csv", 93, b"\x28\xb5\x2f\xfd\x00\x58\x00"));
            let expect = Expect::partial()
                .says("ratings.csv: the entry is compressed with Zstandard (method 93)")
                .file("movies_metadata.csv", "ok", Rows::Exactly(3));
            (vec![input], expect)
        }),
        case("unknown-method-entry", |dir| {
            let input = with_ratings_entry(dir, RawEntry::with_method("ratings.csv", 77, b"??"));
            let expect = Expect::partial().says("ratings.csv").says("(method 77)");
            (vec![input], expect)
        }),
        // ---- zip bombs and lying sizes ------------------------------------------------
        case("zip-bomb-10-gib-declared", |dir| {
            let (data, size) = zipgen::ratings_bomb(10);
            let entry =
                RawEntry { name: b"ratings.csv".to_vec(), method: 8, flags: 0, crc: 0, data, size, extra: vec![] };
            let input = with_ratings_entry(dir, entry);
            let expect = Expect::partial()
                .says("the-movies-dataset.zip:ratings.csv: the entry inflates to 10.0 GiB")
                .says("more than the limit of 100 times its compressed size")
                .file("ratings.csv", "failed", Rows::Exactly(0))
                .file("movies_metadata.csv", "ok", Rows::Exactly(3));
            (vec![input], expect)
        }),
        case("zip-bomb-10-gib-declared-1-mib", |dir| {
            let (data, _) = zipgen::ratings_bomb(10);
            let entry = RawEntry {
                name: b"ratings.csv".to_vec(),
                method: 8,
                flags: 0,
                crc: 0,
                data,
                size: 1 << 20,
                extra: vec![],
            };
            let input = with_ratings_entry(dir, entry);
            let expect = Expect::partial()
                .says("the-movies-dataset.zip:ratings.csv, line ")
                .says("inflates beyond its declared size of 1048576 bytes")
                .file("ratings.csv", "failed", Rows::Some)
                .file("links.csv", "ok", Rows::Exactly(3));
            (vec![input], expect)
        }),
        case("zip-bomb-in-truncated-archive", |dir| {
            // No central directory, and a streamed bomb: the salvage walk must stop it.
            let (data, _) = zipgen::ratings_bomb(10);
            let bomb =
                RawEntry { name: b"ratings.csv".to_vec(), method: 8, flags: 8, crc: 0, data, size: 0, extra: vec![] };
            let zip = zipgen::forge(&[RawEntry::deflated("movies_metadata.csv", &csvgen::good_movies()), bomb]);
            let input = put(dir, "the-movies-dataset.zip", &zip[..central_start(&zip)]);
            let expect = Expect::partial()
                .says("the archive is damaged")
                .says("ratings.csv")
                .says("more than the limit of 100 times its compressed size")
                .file("movies_metadata.csv", "ok", Rows::Exactly(3))
                .file("ratings.csv", "failed", Rows::Exactly(0));
            (vec![input], expect)
        }),
        case("declared-50-gb", |dir| {
            let entry = RawEntry { size: 50_000_000_000, ..RawEntry::deflated("ratings.csv", &csvgen::ratings(100)) };
            let input = with_ratings_entry(dir, entry);
            let expect = Expect::partial()
                .says("ratings.csv: the entry inflates to 46.6 GiB")
                .says("limit of 100 times")
                .file("movies_metadata.csv", "ok", Rows::Exactly(3));
            (vec![input], expect)
        }),
        case("declared-4-eib", |dir| {
            let entry = RawEntry { size: 1 << 62, ..RawEntry::deflated("ratings.csv", &csvgen::ratings(100)) };
            let input = with_ratings_entry(dir, entry);
            let expect = Expect::partial()
                .says("ratings.csv: the entry declares 4294967296 GiB uncompressed, over the 64 GiB limit")
                .file("movies_metadata.csv", "ok", Rows::Exactly(3));
            (vec![input], expect)
        }),
        case("declared-smaller-than-data", |dir| {
            let content = csvgen::ratings(5_000);
            let entry = RawEntry { size: 1000, ..RawEntry::deflated("ratings.csv", &content) };
            let input = with_ratings_entry(dir, entry);
            let expect = Expect::partial()
                .says("ratings.csv")
                .says("inflates beyond its declared size of 1000 bytes")
                .file("ratings.csv", "failed", Rows::Any);
            (vec![input], expect)
        }),
        case("nested-zip-only", |dir| {
            let inner = zipgen::deflated(&csvgen::good_dataset(10));
            let input = put(dir, "outer.zip", &zipgen::deflated(&[("the-movies-dataset.zip", inner)]));
            let expect = Expect::refused()
                .says("outer.zip")
                .says("outer.zip: a zip archive without any file of The Movies Dataset (it holds: the-movies-dataset.zip)")
                .says("archives inside the archive are not opened");
            (vec![input], expect)
        }),
        case("nested-zip-bombs-beside-the-data", |dir| {
            // 42.zip-style: zips of zips of bombs, stored next to the real files.
            let (data, size) = zipgen::ratings_bomb(1);
            let bomb = |name: &str| RawEntry {
                name: name.as_bytes().to_vec(),
                method: 8,
                flags: 0,
                crc: 0,
                data: data.clone(),
                size,
                extra: vec![],
            };
            let inner = zipgen::forge(&[bomb("ratings.csv"), bomb("movies_metadata.csv")]);
            let middle =
                zipgen::forge(&[RawEntry::with_method("a.zip", 0, &inner), RawEntry::with_method("b.zip", 0, &inner)]);
            let zip = zipgen::forge(&[
                RawEntry::deflated("the-movies-dataset/movies_metadata.csv", &csvgen::good_movies()),
                RawEntry::with_method("42/42.zip", 0, &middle),
                RawEntry::deflated("the-movies-dataset/links.csv", &csvgen::good_links()),
            ]);
            let input = put(dir, "the-movies-dataset.zip", &zip);
            let expect = Expect::ok().file("movies_metadata.csv", "ok", Rows::Exactly(3)).file(
                "links.csv",
                "ok",
                Rows::Exactly(3),
            );
            (vec![input], expect)
        }),
        // ---- entry names ---------------------------------------------------------------
        case("dot-dot-and-absolute-entry-names", |dir| {
            let zip = zipgen::deflated(&[
                ("../../movies_metadata.csv", csvgen::good_movies()),
                ("/abs/links.csv", csvgen::good_links()),
                ("..\\..\\keywords.csv", csvgen::good_keywords()),
                ("../evil.csv", b"rm -rf /\n".to_vec()),
                ("/tmp/evil.sh", b"#!/bin/sh\ntouch pwned\n".to_vec()),
            ]);
            let input = put(dir, "the-movies-dataset.zip", &zip);
            let abs_existed = Path::new("/abs").exists();
            let expect = Expect::ok()
                .file("movies_metadata.csv", "ok", Rows::Exactly(3))
                .file("links.csv", "ok", Rows::Exactly(3))
                .file("keywords.csv", "ok", Rows::Exactly(3))
                .after(move |dir| {
                    let parent = dir.parent().unwrap();
                    for leaked in [parent.join("evil.csv"), dir.join("evil.csv"), parent.join("movies_metadata.csv")] {
                        if leaked.exists() {
                            return Err(format!("{} was written", leaked.display()));
                        }
                    }
                    if !abs_existed && Path::new("/abs").exists() {
                        return Err("/abs was created".into());
                    }
                    Ok(())
                });
            (vec![input], expect)
        }),
        case("control-characters-in-entry-name", |dir| {
            let name = "data\u{1b}[2J\u{1b}[31m\u{7}/ratings.csv";
            let input = with_ratings_entry(dir, RawEntry::with_method(name, 12, b"BZh9"));
            let expect =
                Expect::partial().says("data\\u{1b}[2J\\u{1b}[31m\\u{7}/ratings.csv").says("bzip2").after(|_| Ok(()));
            (vec![input], expect)
        }),
        case("duplicate-dataset-entries", |dir| {
            let zip = zipgen::deflated(&[
                ("a/movies_metadata.csv", csvgen::good_movies()),
                ("b/movies_metadata.csv", b"not,the,file\n".to_vec()),
                ("b/ratings_small.csv", csvgen::ratings(10)),
            ]);
            let input = put(dir, "the-movies-dataset.zip", &zip);
            let expect = Expect::ok().file("movies_metadata.csv", "ok", Rows::Exactly(3)).file(
                "ratings.csv",
                "ok",
                Rows::Exactly(10),
            );
            (vec![input], expect)
        }),
        case("twenty-thousand-entries", |dir| {
            let mut entries: Vec<RawEntry> =
                (0..20_000).map(|i| RawEntry::with_method(&format!("junk/{i:05}.txt"), 0, b"")).collect();
            entries.push(RawEntry::deflated("movies_metadata.csv", &csvgen::good_movies()));
            let input = put(dir, "the-movies-dataset.zip", &zipgen::forge(&entries));
            (vec![input], Expect::ok().file("movies_metadata.csv", "ok", Rows::Exactly(3)))
        }),
        // ---- encodings and line ends ---------------------------------------------------
        case("utf8-bom", |dir| {
            let mut bytes = b"\xEF\xBB\xBF".to_vec();
            bytes.extend(csvgen::good_movies());
            let input = put(dir, "movies_metadata.csv", &bytes);
            (vec![input], Expect::ok().file("movies_metadata.csv", "ok", Rows::Exactly(3)))
        }),
        case("crlf-line-ends", |dir| {
            let text = String::from_utf8(csvgen::good_movies()).unwrap().replace('\n', "\r\n");
            let input = put(dir, "movies_metadata.csv", text.as_bytes());
            (vec![input], Expect::ok().file("movies_metadata.csv", "ok", Rows::Exactly(3)))
        }),
        case("cr-only-line-ends", |dir| {
            let text = String::from_utf8(csvgen::good_links()).unwrap().replace('\n', "\r");
            let input = put(dir, "links.csv", text.as_bytes());
            (vec![input], Expect::ok().file("links.csv", "ok", Rows::Exactly(3)))
        }),
        case("windows-1252", |dir| {
            let mut records: Vec<Vec<u8>> =
                (1..=3).map(|id| line(&movie(id, &[("title", "Amélie")])).into_bytes()).collect();
            for record in &mut records {
                let text = String::from_utf8(record.clone()).unwrap().replace('é', "\u{0}");
                *record = text.into_bytes().into_iter().map(|b| if b == 0 { 0xE9 } else { b }).collect();
            }
            let mut bytes = csvgen::MOVIE_COLUMNS.join(",").into_bytes();
            for record in records {
                bytes.push(b'\n');
                bytes.extend(record);
            }
            let input = put(dir, "movies_metadata.csv", &bytes);
            let expect = Expect::ok()
                .file("movies_metadata.csv", "ok", Rows::Exactly(3))
                .logs("decoded as Windows-1252")
                .after(|dir| {
                    let master =
                        fs::read_to_string(dir.join("out/csv/movies_master.csv")).map_err(|e| e.to_string())?;
                    master.contains("Amélie").then_some(()).ok_or_else(|| "Amélie not decoded".to_owned())
                });
            (vec![input], expect)
        }),
        case("utf16-le", |dir| {
            let text = String::from_utf8(csvgen::good_movies()).unwrap();
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            let input = put(dir, "movies_metadata.csv", &bytes);
            (vec![input], Expect::ok().file("movies_metadata.csv", "ok", Rows::Exactly(3)))
        }),
        case("utf16-be-odd-length", |dir| {
            let text = String::from_utf8(csvgen::good_links()).unwrap();
            let mut bytes = vec![0xFE, 0xFF];
            bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
            bytes.push(b'x');
            let input = put(dir, "links.csv", &bytes);
            (vec![input], Expect::ok().file("links.csv", "ok", Rows::Exactly(3)))
        }),
        // ---- headers -------------------------------------------------------------------
        case("missing-required-column", |dir| {
            let text = String::from_utf8(csvgen::good_movies()).unwrap().replacen(",id,", ",movie_id,", 1);
            let mut inputs = vec![put(dir, "movies_metadata.csv", text.as_bytes())];
            inputs.push(put(dir, "links.csv", &csvgen::good_links()));
            let expect = Expect::partial()
                .says("movies_metadata.csv, line 1: missing required column(s) id")
                .file("movies_metadata.csv", "failed", Rows::Exactly(0))
                .file("links.csv", "ok", Rows::Exactly(3));
            (inputs, expect)
        }),
        case("extra-and-reordered-columns", |dir| {
            let mut order: Vec<usize> = (0..24).rev().collect();
            order.insert(3, 24);
            let named = |fields: &[String]| -> String {
                let extended: Vec<String> =
                    order.iter().map(|&i| fields.get(i).cloned().unwrap_or_else(|| "extra".into())).collect();
                line(&extended)
            };
            let header: Vec<String> = csvgen::MOVIE_COLUMNS.iter().map(|c| c.to_uppercase()).collect();
            let mut text = named(&header).replace("EXTRA", "some_new_column");
            for id in 1..=3 {
                text.push('\n');
                text.push_str(&named(&movie(id, &[])));
            }
            let input = put(dir, "movies_metadata.csv", text.as_bytes());
            (vec![input], Expect::ok().file("movies_metadata.csv", "ok", Rows::Exactly(3)))
        }),
        case("duplicated-column", |dir| {
            let text = String::from_utf8(csvgen::good_links()).unwrap().replacen("imdbId", "tmdbId", 1);
            let input = put(dir, "links.csv", text.as_bytes());
            let expect = Expect::partial()
                .says("links.csv, line 1: column `tmdbId` appears twice in the header (columns 2 and 3)")
                .file("links.csv", "failed", Rows::Exactly(0));
            (vec![input], expect)
        }),
        case("duplicated-unused-column", |dir| {
            let text = String::from_utf8(csvgen::good_links()).unwrap().replace('\n', ",x,x\n");
            let input = put(dir, "links.csv", text.replacen(",x,x", ",note,note", 1).as_bytes());
            (vec![input], Expect::ok().file("links.csv", "ok", Rows::Exactly(3)))
        }),
        case("header-only", |dir| {
            let input = put(dir, "credits.csv", b"cast,crew,id\n");
            (vec![input], Expect::ok().file("credits.csv", "ok", Rows::Exactly(0)))
        }),
        case("binary-garbage-csv", |dir| {
            let bytes: Vec<u8> = (0..1_000_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8).collect();
            let input = put(dir, "movies_metadata.csv", &bytes);
            let expect =
                Expect::partial().says("movies_metadata.csv").says_any(&["missing required column", "too large"]);
            (vec![input], expect)
        }),
        case("endless-zeros", |dir| {
            let input = dir.join("movies_metadata.csv");
            std::os::unix::fs::symlink("/dev/zero", &input).unwrap();
            let expect = Expect::partial()
                .says("movies_metadata.csv, line 1: header row too large: record larger than the 16 MiB limit");
            (vec![input], expect)
        }),
        case("endless-random", |dir| {
            let input = dir.join("ratings.csv");
            std::os::unix::fs::symlink("/dev/urandom", &input).unwrap();
            let expect = Expect::partial().says("ratings.csv").says_any(&["missing required column", "too large"]);
            (vec![input], expect)
        }),
        // ---- size limits ---------------------------------------------------------------
        case("field-of-300-mb", |dir| {
            let input = put(dir, "movies_metadata.csv", &with_big_overview(300 << 20, true));
            let expect = Expect::ok()
                .file("movies_metadata.csv", "ok", Rows::Exactly(2))
                .logs("movies_metadata.csv,3,,error,,record larger than the 16 MiB limit");
            (vec![input], expect)
        }),
        case("quoted-field-of-100-mb-with-line-breaks", |dir| {
            let mut big = movie(2, &[]);
            big[9] = "line, \"quoted\"\n".repeat(100 << 16);
            let records = [line(&movie(1, &[])), line(&big), line(&movie(3, &[]))];
            let input = put(dir, "movies_metadata.csv", &movies_file(&records));
            let expect = Expect::ok()
                .file("movies_metadata.csv", "ok", Rows::Exactly(2))
                .logs("movies_metadata.csv,3,,error,,record larger than the 16 MiB limit");
            (vec![input], expect)
        }),
        case("row-of-5-million-fields", |dir| {
            let records = [line(&movie(1, &[])), ",".repeat(5_000_000), line(&movie(3, &[]))];
            let input = put(dir, "movies_metadata.csv", &movies_file(&records));
            let expect = Expect::ok()
                .file("movies_metadata.csv", "ok", Rows::Exactly(2))
                .logs("record with more than the 10000 fields limit");
            (vec![input], expect)
        }),
        case("header-of-20-mb", |dir| {
            let mut bytes = format!("cast,crew,{}", "h".repeat(20 << 20)).into_bytes();
            bytes.extend_from_slice(b",id\n[],[],1\n");
            let input = put(dir, "credits.csv", &bytes);
            let expect = Expect::partial().says("credits.csv, line 1: header row too large");
            (vec![input], expect)
        }),
        case("200-thousand-short-records", |dir| {
            let mut bytes = b"movieId,imdbId,tmdbId\n".to_vec();
            for i in 0..200_000u32 {
                bytes.extend(format!("{}\n", i % 7).into_bytes());
            }
            let input = put(dir, "links.csv", &bytes);
            let expect = Expect::ok().file("links.csv", "ok", Rows::Exactly(0)).logs("expected 3 fields, found 1");
            (vec![input], expect)
        }),
        // ---- broken records -----------------------------------------------------------
        case("stray-line-breaks", |dir| {
            // The line breaks are not quoted, as in the real file.
            let split_once =
                line(&movie(2, &[("overview", "OVERVIEW")])).replace("OVERVIEW", "Led by Woody\n Andy's toys");
            let split_twice = line(&movie(3, &[("overview", "OVERVIEW"), ("tagline", "TAGLINE")]))
                .replace("OVERVIEW", "first half\nsecond")
                .replace("TAGLINE", "a tagline\nbroken");
            let records = [line(&movie(1, &[])), split_once, split_twice, line(&movie(4, &[]))];
            let input = put(dir, "movies_metadata.csv", &movies_file(&records));
            let expect = Expect::ok()
                .file("movies_metadata.csv", "ok", Rows::Exactly(4))
                .logs("record split by a line break")
                .logs("expected 24 fields, found 10")
                .after(|dir| manifest_counts(dir, "movies_metadata.csv", (7, 4, 3)));
            (vec![input], expect)
        }),
        case("unterminated-quote", |dir| {
            // The quote runs to the end of the file: the last record swallows the rest.
            let broken = line(&movie(3, &[("overview", "OVERVIEW")])).replace("OVERVIEW", "\"never closed");
            let records = [line(&movie(1, &[])), line(&movie(2, &[])), broken];
            let input = put(dir, "movies_metadata.csv", &movies_file(&records));
            let expect = Expect::ok()
                .file("movies_metadata.csv", "ok", Rows::Exactly(2))
                .logs("expected 24 fields, found 22")
                .after(|dir| manifest_counts(dir, "movies_metadata.csv", (3, 2, 1)));
            (vec![input], expect)
        }),
        // ---- Python literals -----------------------------------------------------------
        case("malformed-and-hostile-literals", |dir| {
            let deep = format!("[{{'id': 1, 'x': {}{}}}]", "[".repeat(1_000_000), "]".repeat(1_000_000));
            let long_list = format!("[{}]", "{'id': 7},".repeat(20_000));
            let many_companies: String = format!(
                "[{}]",
                (1..=250).map(|i| format!("{{'id': {i}, 'name': 'C{i}'}}")).collect::<Vec<_>>().join(", ")
            );
            let records = [
                line(&movie(1, &[("genres", "[{'id': 16, 'name': 'Anim")])),
                line(&movie(2, &[("genres", &deep)])),
                line(&movie(3, &[("genres", &long_list)])),
                line(&movie(4, &[("production_companies", &many_companies)])),
                line(&movie(5, &[("belongs_to_collection", "{'id': 1, 'name': 'x' 'y'}")])),
                line(&movie(6, &[("genres", "[{'id': 1e999999, 'name': '\\xZZ'}]")])),
            ];
            let input = put(dir, "movies_metadata.csv", &movies_file(&records));
            let expect = Expect::ok()
                .file("movies_metadata.csv", "ok", Rows::Exactly(6))
                .logs("malformed Python literal at byte 20: unterminated string")
                .logs("nesting deeper than 64 levels")
                .logs("list longer than the limit of 10000 items")
                .logs("150 entries beyond the limit of 100 per movie left out");
            (vec![input], expect)
        }),
        case("deeply-nested-credits", |dir| {
            let deep = "[".repeat(12 << 20);
            let mut bytes = b"cast,crew,id\n".to_vec();
            bytes.extend(format!("[{{'cast_id': {deep},[],1\n").into_bytes());
            bytes.extend(format!("\"[{}]\",{},2\n", "{},".repeat(15_000), "{".repeat(1000)).into_bytes());
            bytes.extend(b"[],[],3\n");
            let input = put(dir, "credits.csv", &bytes);
            let expect = Expect::ok()
                .file("credits.csv", "ok", Rows::Exactly(3))
                .logs("nesting deeper than 64 levels")
                .logs("expected '[' to open a list")
                .logs("list longer than the limit of 10000 items");
            (vec![input], expect)
        }),
        // ---- values --------------------------------------------------------------------
        case("hostile-numbers", |dir| {
            let records: Vec<String> = [
                ("budget", "NaN"),
                ("budget", "inf"),
                ("budget", "-5"),
                ("budget", "1e400"),
                ("budget", "0x10"),
                ("revenue", "-infinity"),
            ]
            .iter()
            .enumerate()
            .map(|(i, set)| line(&movie(i as u32 + 1, &[*set])))
            .chain([
                line(&movie(
                    7,
                    &[("budget", "3897569.0"), ("popularity", "NaN"), ("vote_count", "1e3"), ("runtime", "-5")],
                )),
                line(&movie(8, &[("budget", "0"), ("vote_average", "1e400"), ("popularity", "0x10")])),
            ])
            .collect();
            let input = put(dir, "movies_metadata.csv", &movies_file(&records));
            let expect = Expect::ok()
                .file("movies_metadata.csv", "ok", Rows::Exactly(2))
                .logs("negative amount")
                .logs("number out of range")
                .logs("not a number")
                .after(|dir| manifest_counts(dir, "movies_metadata.csv", (8, 2, 6)));
            (vec![input], expect)
        }),
        case("hostile-ratings", |dir| {
            let text = "userId,movieId,rating,timestamp\n1,1,NaN,1\n1,2,inf,1\n1,3,5.5,1\n0,1,4,1\n1,-1,4,1\n\
                        1,1,4,x\n99999999999999999999,1,4,1\n1,1,0x10,1\n1,1,4.5,1260759144\n";
            let input = put(dir, "ratings.csv", text.as_bytes());
            let expect = Expect::ok().file("ratings.csv", "ok", Rows::Any).logs("rating outside 0.5 to 5");
            (vec![input], expect)
        }),
        case("impossible-dates", |dir| {
            let dates = ["2015-02-30", "0000-01-01", "13/45/2000", "1995-10-30T00:00", "99999-01-01", "2/29/1900"];
            let records: Vec<String> = dates
                .iter()
                .enumerate()
                .map(|(i, date)| line(&movie(i as u32 + 1, &[("release_date", date)])))
                .collect();
            let input = put(dir, "movies_metadata.csv", &movies_file(&records));
            let expect = Expect::ok().file("movies_metadata.csv", "ok", Rows::Exactly(6)).logs("impossible date");
            (vec![input], expect)
        }),
        case("hostile-ids", |dir| {
            let ids = ["0", "-3", "99999999999999999999", "12abc", "", "1.5", "0x10", "7", "7", "7.0", "8"];
            let records: Vec<String> = ids
                .iter()
                .map(|id| {
                    let mut fields = movie(1, &[]);
                    fields[5] = (*id).to_owned();
                    line(&fields)
                })
                .collect();
            let mut inputs = vec![put(dir, "movies_metadata.csv", &movies_file(&records))];
            let credits = "cast,crew,id\n[],[],5\n[],[],5\n[],[],-5\n[],[],abc\n";
            inputs.push(put(dir, "credits.csv", credits.as_bytes()));
            let expect = Expect::ok()
                .file("movies_metadata.csv", "ok", Rows::Exactly(2))
                .file("credits.csv", "ok", Rows::Exactly(1))
                .logs("duplicate id (first accepted on line 9)")
                .logs("id is out of range")
                .logs("id must be a positive integer")
                .logs("id is empty");
            (inputs, expect)
        }),
        // ---- several inputs, paths and the output folder ------------------------------
        case("good-files-beside-a-bad-one", |dir| {
            let mut inputs = loose_dataset(dir);
            inputs[3] = put(dir, "links.csv", b"movieId,imdbId\n1,0114709\n");
            let expect = Expect::partial().says("links.csv, line 1: missing required column(s) tmdbId");
            let expect = all_ok_but(expect, &["links.csv", "ratings.csv"])
                .file("links.csv", "failed", Rows::Exactly(0))
                .file("ratings.csv", "ok", Rows::Exactly(3));
            (inputs, expect)
        }),
        case("shell-metacharacters-in-paths", |dir| {
            let folder = dir.join("$(touch pwned); `touch pwned2` | rm -rf x &");
            put(&folder, "movies_metadata.csv", &csvgen::good_movies());
            let expect = Expect::ok().file("movies_metadata.csv", "ok", Rows::Exactly(3)).after(|dir| {
                let leaked = ["pwned", "pwned2"].iter().any(|n| dir.join(n).exists() || Path::new(n).exists());
                if leaked {
                    Err("a command in a path was run".into())
                } else {
                    Ok(())
                }
            });
            (vec![folder], expect)
        }),
        case("folder-with-a-symlink-loop", |dir| {
            let folder = dir.join("data");
            put(&folder, "movies_metadata.csv", &csvgen::good_movies());
            std::os::unix::fs::symlink(&folder, folder.join("loop")).unwrap();
            (vec![folder], Expect::ok().file("movies_metadata.csv", "ok", Rows::Exactly(3)))
        }),
        case("output-folder-with-symlinks", |dir| {
            // A previous export's folders replaced by links to elsewhere: links are
            // nobody's output, so the run is refused, and neither the links nor where
            // they point are touched.
            let precious = dir.join("precious");
            put(&precious, "keep.txt", b"keep me");
            let out = dir.join("out");
            fs::create_dir_all(&out).unwrap();
            std::os::unix::fs::symlink(&precious, out.join("csv")).unwrap();
            std::os::unix::fs::symlink(precious.join("keep.txt"), out.join("manifest.json")).unwrap();
            let input = put(dir, "movies_metadata.csv", &csvgen::good_movies());
            let expect = Expect::refused().says("out/csv").says("not written by movies").after(|dir| {
                let precious = dir.join("precious");
                let kept = fs::read_to_string(precious.join("keep.txt")).map_err(|e| e.to_string())?;
                let names: Vec<_> = fs::read_dir(&precious).map_err(|e| e.to_string())?.collect();
                if kept != "keep me" || names.len() != 1 {
                    return Err("the folder a symlink in --out pointed to was changed".into());
                }
                let out = dir.join("out");
                if fs::read_link(out.join("csv")).ok() != Some(precious.clone())
                    || fs::read_link(out.join("manifest.json")).ok() != Some(precious.join("keep.txt"))
                {
                    return Err("the links in --out were changed".into());
                }
                Ok(())
            });
            (vec![input], expect)
        }),
        // ---- the inputs real users hand over ---------------------------------------------
        case("folder-12-levels-deep", |dir| {
            let deep = dir.join("project/a/b/c/d/e/f/g/h/i/j/k");
            for (name, bytes) in csvgen::good_dataset(30) {
                put(&deep, name, &bytes);
            }
            (vec![dir.join("project")], all_ok_but(Expect::ok(), &["ratings.csv"]))
        }),
        case("folder-without-dataset-files", |dir| {
            let folder = dir.join("downloads");
            put(&folder, "notes.txt", b"to do\n");
            put(&folder, "sub/movies.xlsx", b"PK\x03\x04");
            let expect = Expect::refused()
                .says("downloads: no file named movies_metadata.csv")
                .says("2 files in 2 folders (down to level 2) (notes.txt, sub/movies.xlsx)");
            (vec![folder], expect)
        }),
        case("gzip-compressed-csv-files", |dir| {
            let gz = |bytes: &[u8]| {
                let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
                std::io::Write::write_all(&mut encoder, bytes).unwrap();
                encoder.finish().unwrap()
            };
            let movies = put(dir, "movies_metadata.csv.gz", &gz(&csvgen::good_movies()));
            let ratings = put(dir, "part-00000", &gz(&csvgen::ratings(500)));
            let expect = Expect::ok().file("movies_metadata.csv", "ok", Rows::Exactly(3)).file(
                "ratings.csv",
                "ok",
                Rows::Exactly(500),
            );
            (vec![movies, ratings], expect)
        }),
        case("named-input-that-yields-nothing", |dir| {
            let movies = put(dir, "movies_metadata.csv", &csvgen::good_movies());
            let notes = put(dir, "notes.txt", b"remember the milk\n");
            let expect =
                Expect::refused().says("notes.txt: not a file of The Movies Dataset").says("(remember the milk)");
            (vec![movies, notes], expect)
        }),
        case("same-file-given-twice", |dir| {
            let first = put(dir, "a/ratings.csv", &csvgen::ratings(10));
            let second = put(dir, "b/ratings.csv", &csvgen::ratings(10));
            let expect = Expect::refused()
                .says("b/ratings.csv: not used: the same dataset files are read from")
                .says("a/ratings.csv");
            (vec![first, second], expect)
        }),
        case("archives-of-other-formats", |dir| {
            let mut tar = vec![0u8; 1024];
            tar[257..263].copy_from_slice(b"ustar\0");
            let tarball = put(dir, "the-movies-dataset.tar", &tar);
            let seven = put(dir, "the-movies-dataset.7z", b"7z\xBC\xAF\x27\x1C\x00\x04");
            let rar = put(dir, "the-movies-dataset.rar", b"Rar!\x1A\x07\x01\x00");
            let workbook =
                zipgen::deflated(&[("[Content_Types].xml", b"<Types/>".to_vec()), ("xl/workbook.xml", vec![])]);
            let xlsx = put(dir, "movies.xlsx", &workbook);
            let expect = Expect::refused()
                .says("the-movies-dataset.tar: a tar archive, not a CSV file or zip of the dataset — extract it (tar -xf FILE)")
                .says("the-movies-dataset.7z: a 7-Zip archive")
                .says("the-movies-dataset.rar: a RAR archive")
                .says("movies.xlsx: an Excel workbook")
                .says("save each sheet as CSV");
            (vec![tarball, seven, rar, xlsx], expect)
        }),
        case("git-lfs-pointer-and-web-page", |dir| {
            let pointer = b"version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab\nsize 190000000\n";
            let movies = put(dir, "movies_metadata.csv", pointer);
            let page = put(dir, "ratings.csv", b"<!DOCTYPE html><html><body>Sign in to Kaggle</body></html>");
            let expect = Expect::partial()
                .says("movies_metadata.csv: the file is a Git LFS pointer (the file's content was never downloaded), not CSV — fetch the real file first (git lfs pull)")
                .says("ratings.csv: the file is a web page (HTML), not CSV")
                .file("movies_metadata.csv", "failed", Rows::Exactly(0))
                .file("ratings.csv", "failed", Rows::Exactly(0));
            (vec![movies, page], expect)
        }),
        case("json-literals-with-nulls-and-one-bad-entry", |dir| {
            // Literal columns re-exported as JSON (`json.dumps(literal_eval(x))`): `null`
            // keeps its entry, and a malformed entry costs only itself.
            let cast = r#"[{"cast_id": 14, "character": "Woody (voice)", "credit_id": "c1", "gender": 2, "id": 31, "name": "Tom Hanks", "order": 0, "profile_path": null}, {"cast_id": 15, "character": oops, "credit_id": "c2", "id": 12898, "name": "Tim Allen", "order": 1}, {"cast_id": 16, "character": "Mr. Potato Head (voice)", "credit_id": "c3", "gender": null, "id": 7167, "name": "Don Rickles", "order": 2, "profile_path": null}]"#;
            let crew = r#"[{"credit_id": "k1", "department": "Directing", "gender": 2, "id": 7879, "job": "Director", "name": "John Lasseter", "profile_path": null}]"#;
            let mut credits = String::from("cast,crew,id\n");
            credits.push_str(&line(&[cast.to_owned(), crew.to_owned(), "1".to_owned()]));
            credits.push('\n');
            let input = put(dir, "credits.csv", credits.as_bytes());
            let expect =
                Expect::ok().file("credits.csv", "ok", Rows::Exactly(1)).logs("list entry at index 1").after(|dir| {
                    let cast = fs::read_to_string(dir.join("out/csv/cast_master.csv")).map_err(|e| e.to_string())?;
                    let crew = fs::read_to_string(dir.join("out/csv/crew_master.csv")).map_err(|e| e.to_string())?;
                    match (cast.lines().count(), crew.lines().count()) {
                        (3, 2) if cast.contains("Tom Hanks") && cast.contains("Don Rickles") => Ok(()),
                        counts => Err(format!("cast and crew lines {counts:?}, expected (3, 2): {cast}")),
                    }
                });
            (vec![input], expect)
        }),
        case("zip-entry-of-64-mib-at-500-to-1", |dir| {
            // One absurd, well-compressed field among ordinary rows: the entry is read
            // (it takes a second), the record over the size limit is rejected into the
            // error log, and the rows around it are kept.
            let record = line(&movie(2, &[("overview", "@@FIELD@@")]));
            let (before, after) = record.split_once("@@FIELD@@").unwrap();
            let header = String::from_utf8(movies_file(&[line(&movie(1, &[]))])).unwrap();
            let prefix = format!("{header}{before}");
            let suffix = format!("{after}\n{}\n", line(&movie(3, &[])));
            let chunk = vec![b'a'; 1 << 20];
            let data = zipgen::repeated_deflate_around(prefix.as_bytes(), &chunk, 64, suffix.as_bytes());
            let mut hasher = crc32fast::Hasher::new();
            hasher.update(prefix.as_bytes());
            (0..64).for_each(|_| hasher.update(&chunk));
            hasher.update(suffix.as_bytes());
            let size = (prefix.len() + 64 * chunk.len() + suffix.len()) as u64;
            assert!(size / data.len() as u64 > 500, "the entry compresses past 500 to 1");
            let entry = RawEntry {
                name: b"movies_metadata.csv".to_vec(),
                method: 8,
                flags: 0,
                crc: hasher.finalize(),
                data,
                size,
                extra: vec![],
            };
            let input = put(dir, "the-movies-dataset.zip", &zipgen::forge(&[entry]));
            let expect = Expect::ok()
                .file("movies_metadata.csv", "ok", Rows::Exactly(2))
                .logs("movies_metadata.csv,3,,error,,record larger than the 16 MiB limit");
            (vec![input], expect)
        }),
        // ---- the heavy versions (`--ignored`) ------------------------------------------
        heavy("field-of-1-gb", |dir| {
            let input = put(dir, "movies_metadata.csv", &with_big_overview(1 << 30, false));
            let expect = Expect::ok()
                .file("movies_metadata.csv", "ok", Rows::Exactly(1))
                .logs("record larger than the 16 MiB limit");
            (vec![input], expect)
        }),
        heavy("row-of-100-million-fields", |dir| {
            // 100 MB of commas.
            let records = [line(&movie(1, &[])), ",".repeat(100_000_000)];
            let input = put(dir, "movies_metadata.csv", &movies_file(&records));
            let expect = Expect::ok()
                .file("movies_metadata.csv", "ok", Rows::Exactly(1))
                .logs("record with more than the 10000 fields limit");
            (vec![input], expect)
        }),
        heavy("zip-bomb-60-gib-declared-60-mib", |dir| {
            // Under the 64 GiB size limit, and 60 MiB is under the ratio exemption: the
            // guard must stop it after 60 MiB of ratings.
            let (data, _) = zipgen::ratings_bomb(60);
            let entry = RawEntry {
                name: b"ratings.csv".to_vec(),
                method: 8,
                flags: 0,
                crc: 0,
                data,
                size: 60 << 20,
                extra: vec![],
            };
            let input = with_ratings_entry(dir, entry);
            let expect = Expect::partial().says("inflates beyond its declared size of 62914560 bytes").file(
                "ratings.csv",
                "failed",
                Rows::Some,
            );
            (vec![input], expect)
        }),
    ]
}

/// A movies_metadata.csv of movie 1, movie 2 with an overview of `size` bytes (plain
/// letters, or quoted text with commas and line breaks), and, when `third`, movie 3.
fn with_big_overview(size: usize, third: bool) -> Vec<u8> {
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

/// Checks the `(records_read, rows_accepted, rows_rejected)` of `file` in the manifest.
fn manifest_counts(dir: &Path, file: &str, expected: (u64, u64, u64)) -> Result<(), String> {
    let text = fs::read_to_string(dir.join("out/manifest.json")).map_err(|e| e.to_string())?;
    let manifest: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let entry = &manifest["files"][file];
    let n = |key: &str| entry[key].as_u64().unwrap_or(u64::MAX);
    let got = (n("records_read"), n("rows_accepted"), n("rows_rejected"));
    if got == expected {
        Ok(())
    } else {
        Err(format!("{file}: (read, accepted, rejected) = {got:?}, expected {expected:?}"))
    }
}
