//! Fields, records and headers over the size limits.

use super::expect::{case, Case, Expect, Rows};
use super::inputs::{put, with_big_overview};
use crate::csvgen::{line, movie, movies_file};

/// The cases of this subject, in the corpus's order.
pub fn cases() -> Vec<Case> {
    vec![
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
    ]
}
