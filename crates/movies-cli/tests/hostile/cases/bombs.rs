//! Zip bombs, sizes that lie, and zips inside the zip.

use super::expect::{case, Case, Expect, Rows};
use super::inputs::{central_start, deflated_entry, put, with_ratings_entry};
use crate::csvgen;
use crate::zipgen::{self, RawEntry};

/// The cases of this subject, in the corpus's order.
pub fn cases() -> Vec<Case> {
    vec![
        case("zip-bomb-10-gib-declared", |dir| {
            let (data, size) = zipgen::ratings_bomb(10);
            let input = with_ratings_entry(dir, deflated_entry("ratings.csv", data, size));
            let expect = Expect::partial()
                .says("the-movies-dataset.zip:ratings.csv: the entry inflates to 10.0 GiB")
                .says("more than the limit of 100 times its compressed size")
                .file("ratings.csv", "failed", Rows::Exactly(0))
                .file("movies_metadata.csv", "ok", Rows::Exactly(3));
            (vec![input], expect)
        }),
        case("zip-bomb-10-gib-declared-1-mib", |dir| {
            let (data, _) = zipgen::ratings_bomb(10);
            let input = with_ratings_entry(dir, deflated_entry("ratings.csv", data, 1 << 20));
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
            let bomb = RawEntry { flags: 8, ..deflated_entry("ratings.csv", data, 0) };
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
            let bomb = |name: &str| deflated_entry(name, data.clone(), size);
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
    ]
}
