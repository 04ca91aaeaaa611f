//! Byte order marks, line ends, Windows-1252 and UTF-16.

use std::fs;

use super::expect::{case, Case, Expect, Rows};
use super::inputs::put;
use crate::csvgen::{self, line, movie};

/// The cases of this subject, in the corpus's order.
pub fn cases() -> Vec<Case> {
    vec![
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
    ]
}
