//! Hostile numbers, ratings, dates and ids.

use super::expect::{case, manifest_counts, Case, Expect, Rows};
use super::inputs::put;
use crate::csvgen::{line, movie, movies_file};

/// The cases of this subject, in the corpus's order.
pub fn cases() -> Vec<Case> {
    vec![
        case("hostile-numbers", |dir| {
            let records: Vec<String> = [
                ("budget", "NaN"),
                ("budget", "inf"),
                ("budget", "-5"),
                ("budget", "1e400"),
                ("budget", "0x10"),
                ("revenue", "-infinity"),
            ]
            .iter()
            .enumerate()
            .map(|(i, set)| line(&movie(i as u32 + 1, &[*set])))
            .chain([
                line(&movie(
                    7,
                    &[("budget", "3897569.0"), ("popularity", "NaN"), ("vote_count", "1e3"), ("runtime", "-5")],
                )),
                line(&movie(8, &[("budget", "0"), ("vote_average", "1e400"), ("popularity", "0x10")])),
            ])
            .collect();
            let input = put(dir, "movies_metadata.csv", &movies_file(&records));
            let expect = Expect::ok()
                .file("movies_metadata.csv", "ok", Rows::Exactly(2))
                .logs("negative amount")
                .logs("number out of range")
                .logs("not a number")
                .after(|dir| manifest_counts(dir, "movies_metadata.csv", (8, 2, 6)));
            (vec![input], expect)
        }),
        case("hostile-ratings", |dir| {
            let text = "userId,movieId,rating,timestamp\n1,1,NaN,1\n1,2,inf,1\n1,3,5.5,1\n0,1,4,1\n1,-1,4,1\n\
                        1,1,4,x\n99999999999999999999,1,4,1\n1,1,0x10,1\n1,1,4.5,1260759144\n";
            let input = put(dir, "ratings.csv", text.as_bytes());
            let expect = Expect::ok().file("ratings.csv", "ok", Rows::Any).logs("rating outside 0.5 to 5");
            (vec![input], expect)
        }),
        case("impossible-dates", |dir| {
            let dates = ["2015-02-30", "0000-01-01", "13/45/2000", "1995-10-30T00:00", "99999-01-01", "2/29/1900"];
            let records: Vec<String> = dates
                .iter()
                .enumerate()
                .map(|(i, date)| line(&movie(i as u32 + 1, &[("release_date", date)])))
                .collect();
            let input = put(dir, "movies_metadata.csv", &movies_file(&records));
            let expect = Expect::ok().file("movies_metadata.csv", "ok", Rows::Exactly(6)).logs("impossible date");
            (vec![input], expect)
        }),
        case("hostile-ids", |dir| {
            let ids = ["0", "-3", "99999999999999999999", "12abc", "", "1.5", "0x10", "7", "7", "7.0", "8"];
            let records: Vec<String> = ids
                .iter()
                .map(|id| {
                    let mut fields = movie(1, &[]);
                    fields[5] = (*id).to_owned();
                    line(&fields)
                })
                .collect();
            let mut inputs = vec![put(dir, "movies_metadata.csv", &movies_file(&records))];
            let credits = "cast,crew,id\n[],[],5\n[],[],5\n[],[],-5\n[],[],abc\n";
            inputs.push(put(dir, "credits.csv", credits.as_bytes()));
            let expect = Expect::ok()
                .file("movies_metadata.csv", "ok", Rows::Exactly(2))
                .file("credits.csv", "ok", Rows::Exactly(1))
                .logs("duplicate id (first accepted on line 9)")
                .logs("id is out of range")
                .logs("id must be a positive integer")
                .logs("id is empty");
            (inputs, expect)
        }),
    ]
}
