//! The heavy versions, run only with `--ignored`: a 1 GB field, 100 million fields, a
//! 60 GiB bomb.

use super::expect::{heavy, Case, Expect, Rows};
use super::inputs::{deflated_entry, put, with_big_overview, with_ratings_entry};
use crate::csvgen::{line, movie, movies_file};
use crate::zipgen;

/// The cases of this subject, in the corpus's order.
pub fn cases() -> Vec<Case> {
    vec![
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
            let input = with_ratings_entry(dir, deflated_entry("ratings.csv", data, 60 << 20));
            let expect = Expect::partial().says("inflates beyond its declared size of 62914560 bytes").file(
                "ratings.csv",
                "failed",
                Rows::Some,
            );
            (vec![input], expect)
        }),
    ]
}
