//! Entry names: `..` and absolute paths, control characters, the same file twice, and
//! twenty thousand entries.

use std::path::Path;

use super::expect::{case, Case, Expect, Rows};
use super::inputs::{put, with_ratings_entry};
use crate::csvgen;
use crate::zipgen::{self, RawEntry};

/// The cases of this subject, in the corpus's order.
pub fn cases() -> Vec<Case> {
    vec![
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
    ]
}
