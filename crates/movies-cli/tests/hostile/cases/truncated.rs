//! Inputs that are not a zip, are empty, or are zips cut short: in an entry, in the
//! central directory, in a header.

use super::expect::{all_ok_but, case, Case, Expect, Rows};
use super::inputs::{central_start, entry_span, put};
use crate::csvgen;
use crate::zipgen;

/// The cases of this subject, in the corpus's order.
pub fn cases() -> Vec<Case> {
    vec![
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
    ]
}
