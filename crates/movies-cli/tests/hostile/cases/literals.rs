//! Malformed and hostile Python literals.

use super::expect::{case, Case, Expect, Rows};
use super::inputs::put;
use crate::csvgen::{line, movie, movies_file};

/// The cases of this subject, in the corpus's order.
pub fn cases() -> Vec<Case> {
    vec![
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
    ]
}
