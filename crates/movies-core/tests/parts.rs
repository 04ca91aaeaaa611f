//! A file cleaned in parts, on several cleaners, gives exactly what one pass gives:
//! the same report, error log (rows, order and line numbers), rows and rating counts.
//! On the real ratings_small.csv (skipped with a message when `shared/data/real/` is
//! absent, failing under `CI=true`) and on text made to be hard to cut.

mod real;

use std::io::{Cursor, Write};

use movies_core::collect::CollectSink;
use movies_core::pages::PagesSink;
use movies_core::parts::cut::Cutter;
use movies_core::parts::totals::{PartCleaner, PartsTotal};
use movies_core::{FileJob, InputFile, Limits, Table};
use real::{read_real, real_data_dir};

const FILE: InputFile = InputFile::Ratings;
const SOURCE: &str = "ratings.csv";

/// Cleans `bytes` in one pass and in parts of about `target` bytes over `cleaners`
/// cleaners taking the parts in turn, and checks that both agree. Returns the number
/// of parts and whether a tail was left to one pass.
fn agree(bytes: &[u8], target: usize, cleaners: usize) -> (usize, bool) {
    let mut one_pass = PagesSink::new(CollectSink::new(usize::MAX));
    let report =
        FileJob::open(FILE, SOURCE, Cursor::new(bytes), Limits::default()).unwrap().run(&mut one_pass).unwrap();

    let mut cutter = Cutter::open(FILE, SOURCE, Cursor::new(bytes)).unwrap().expect("a header that can be cut after");
    let head = cutter.head().clone();
    let mut pool: Vec<PartCleaner> = (0..cleaners).map(|_| PartCleaner::default()).collect();
    let mut done = Vec::new();
    while let Some(part) = cutter.next_part(target).unwrap() {
        let cleaner = &mut pool[part.index as usize % cleaners];
        done.push(cleaner.clean(FILE, SOURCE, &head, &part).unwrap());
    }
    let index = done.len() as u32;
    let tail = cutter.into_tail();
    let had_tail = tail.is_some();
    if let Some(tail) = tail {
        done.push(pool[0].clean_tail(FILE, SOURCE, &head, index, tail).unwrap());
    }
    let parts = done.len();
    done.sort_by_key(|d| d.index);
    let mut total = PartsTotal::new(FILE, SOURCE, &head);
    done.into_iter().for_each(|d| total.add_part(d));
    for cleaner in pool {
        let (ratings, histograms) = cleaner.finish();
        total.add_counts(ratings, &histograms);
    }

    assert_eq!(total.report, report, "the report");
    assert_eq!(total.issues, one_pass.inner.issues, "the error log");
    assert_eq!(total.issues_total, one_pass.inner.issues_total);
    assert_eq!(total.rows, one_pass.inner.rows(Table::RatingsMaster), "the ratings_master rows");
    assert_eq!(total.ratings, one_pass.inner.kept.ratings, "the rating counts");
    let mut absorbed = PagesSink::new(CollectSink::new(usize::MAX));
    absorbed.absorb(total);
    assert_eq!(absorbed.inner.kept.ratings, one_pass.inner.kept.ratings);
    for id in 0..200_000 {
        assert_eq!(absorbed.histograms.get(id), one_pass.histograms.get(id), "the half-star counts of movie {id}");
    }
    (parts, had_tail)
}

#[test]
fn the_real_ratings_cleaned_in_parts_agree_with_one_pass() {
    let Some(dir) = real_data_dir("cleaning the real ratings in parts") else { return };
    let bytes = read_real(&dir, "ratings_small.csv");
    for (target, cleaners) in [(1 << 20, 1), (64 << 10, 3), (4 << 10, 2)] {
        let (parts, tail) = agree(&bytes, target, cleaners);
        assert!(parts >= bytes.len() / target, "{parts} parts of about {target} bytes");
        assert!(!tail, "the real ratings have no quote: every byte goes into parts");
    }
}

/// A ratings file with the rows `rows` after its header.
fn ratings(rows: &[&str]) -> Vec<u8> {
    let mut text = b"userId,movieId,rating,timestamp\n".to_vec();
    for row in rows {
        writeln!(text, "{row}").unwrap();
    }
    text
}

#[test]
fn rejected_and_split_records_at_every_cut_agree_with_one_pass() {
    let mut rows = Vec::new();
    for i in 0..400 {
        rows.push(format!("{},{},{}.5,964982703", i % 7 + 1, i % 13 + 1, i % 5));
        match i % 9 {
            0 => rows.push("1,2,9.5,964982703".into()),
            1 => rows.push("1,2".into()),
            2 => rows.push("3,4,2.5,96498".into()),
            3 => rows.push(String::new()),
            4 => rows.push("x,2,3.0,1".into()),
            5 => rows.push("5,6,4.2,1".into()),
            _ => {}
        }
    }
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let bytes = ratings(&rows);
    // Parts from a few lines to many: every line ends one part in some run.
    for target in [1, 7, 30, 64, 100, 333, 4096] {
        let (_, tail) = agree(&bytes, target, 3);
        assert!(!tail);
    }
}

#[test]
fn crlf_line_ends_are_cut_like_line_feeds() {
    let text = b"userId,movieId,rating,timestamp\r\n1,1,4.0,1\r\n2,1,3.5,2\r\n\r\n3,2,x,3\r\n4,2,5,4".to_vec();
    for target in [1, 10, 25] {
        let (parts, tail) = agree(&text, target, 2);
        assert!(parts > 1 && !tail, "{parts} parts");
    }
}

#[test]
fn from_a_quote_or_a_lone_carriage_return_on_the_rest_is_one_tail() {
    let quoted = ratings(&["1,1,4.0,1", "2,1,3.5,2", "3,2,\"4.5\",3", "4,\"2\n\",5,4", "5,3,1.0,5"]);
    let (_, tail) = agree(&quoted, 10, 2);
    assert!(tail, "a quote leaves the rest to one pass");
    let old_mac = b"userId,movieId,rating,timestamp\n1,1,4.0,1\n2,1,3.5,2\r3,2,4.5,3\n".to_vec();
    let (_, tail) = agree(&old_mac, 10, 2);
    assert!(tail, "a lone carriage return leaves the rest to one pass");
}

#[test]
fn a_header_that_cannot_be_cut_after_is_left_to_one_pass() {
    let quoted_header = b"\"userId\",movieId,rating,timestamp\n1,1,4.0,1\n".to_vec();
    assert!(Cutter::open(FILE, SOURCE, Cursor::new(quoted_header)).unwrap().is_none());
    let missing = b"userId,rating\n1,4.0\n".to_vec();
    let refused = Cutter::open(FILE, SOURCE, Cursor::new(missing)).err().expect("a missing column is refused");
    let one_pass = FileJob::open(FILE, SOURCE, Cursor::new(b"userId,rating\n1,4.0\n".to_vec()), Limits::default());
    assert_eq!(refused.to_string(), one_pass.err().unwrap().to_string());
}
