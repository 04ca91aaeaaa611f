//! Records broken by stray line breaks and unterminated quotes.

use super::expect::{case, manifest_counts, Case, Expect, Rows};
use super::inputs::put;
use crate::csvgen::{line, movie, movies_file};

/// The cases of this subject, in the corpus's order.
pub fn cases() -> Vec<Case> {
    vec![
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
    ]
}
