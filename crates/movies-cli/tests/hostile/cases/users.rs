//! The inputs real users hand over: deep folders, folders without the dataset, gzip,
//! other archive formats, Git LFS pointers, web pages, JSON literals, an absurdly
//! well-compressed entry.

use std::fs;

use super::expect::{all_ok_but, case, Case, Expect, Rows};
use super::inputs::{deflated_entry, put};
use crate::csvgen::{self, line, movie, movies_file};
use crate::zipgen::{self, RawEntry};

/// The cases of this subject, in the corpus's order.
pub fn cases() -> Vec<Case> {
    vec![
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
            let entry = RawEntry { crc: hasher.finalize(), ..deflated_entry("movies_metadata.csv", data, size) };
            let input = put(dir, "the-movies-dataset.zip", &zipgen::forge(&[entry]));
            let expect = Expect::ok()
                .file("movies_metadata.csv", "ok", Rows::Exactly(2))
                .logs("movies_metadata.csv,3,,error,,record larger than the 16 MiB limit");
            (vec![input], expect)
        }),
    ]
}
