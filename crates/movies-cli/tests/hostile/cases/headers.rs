//! Header rows: missing, extra, reordered and repeated columns, a header alone, and
//! text that is no CSV at all.

use super::expect::{case, Case, Expect, Rows};
use super::inputs::put;
use crate::csvgen::{self, line, movie};

/// The cases of this subject, in the corpus's order.
pub fn cases() -> Vec<Case> {
    vec![
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
    ]
}
