//! Throughput of our Python-literal parser against the `py_literal` crate, on the `cast`
//! and `crew` fields of the real credits.csv repeated to about 50 MB.
//!
//! Run with `cargo bench -p movies-core --bench pyliteral`. Skips, with a message, when
//! the real data is absent (and fails under `CI=true`, as the tests do).

#[path = "../tests/real/mod.rs"]
mod real;

use std::hint::black_box;
use std::time::Instant;

use movies_core::model::{CastEntry, CrewEntry};
use movies_core::pyliteral::parse_dict_list;
use py_literal::Value;

/// Bytes of literal text parsed per run.
const TARGET_BYTES: usize = 50 << 20;

/// A literal field and whether it is a cast list (else a crew list).
struct Field {
    text: String,
    is_cast: bool,
}

/// The cast and crew fields of credits.csv, repeated until they total [`TARGET_BYTES`].
fn corpus(credits: &[u8]) -> (Vec<Field>, usize) {
    let mut reader = csv::Reader::from_reader(credits);
    let mut once = Vec::new();
    for record in reader.records() {
        let record = record.expect("credits.csv is valid CSV");
        once.push(Field { text: record[0].to_owned(), is_cast: true });
        once.push(Field { text: record[1].to_owned(), is_cast: false });
    }
    let size: usize = once.iter().map(|f| f.text.len()).sum();
    assert!(size > 0, "credits.csv has no literal text");
    let mut fields = Vec::new();
    let mut total = 0;
    while total < TARGET_BYTES {
        for field in &once {
            total += field.text.len();
            fields.push(Field { text: field.text.clone(), is_cast: field.is_cast });
        }
    }
    (fields, total)
}

/// Parses every field with our parser into the model's entries; returns the entries read.
fn ours(fields: &[Field]) -> usize {
    let mut cast: Vec<CastEntry<'_>> = Vec::new();
    let mut crew: Vec<CrewEntry<'_>> = Vec::new();
    let mut entries = 0;
    for field in fields {
        if field.is_cast {
            cast.clear();
            assert!(parse_dict_list(&field.text, &mut cast).is_clean(), "valid cast literal");
            entries += black_box(&cast).len();
        } else {
            crew.clear();
            assert!(parse_dict_list(&field.text, &mut crew).is_clean(), "valid crew literal");
            entries += black_box(&crew).len();
        }
    }
    entries
}

/// Parses every field into a `py_literal` value tree; returns the entries read.
fn theirs(fields: &[Field]) -> usize {
    let mut entries = 0;
    for field in fields {
        match field.text.parse::<Value>().expect("valid literal") {
            Value::List(items) => entries += black_box(items).len(),
            other => panic!("not a list: {other:?}"),
        }
    }
    entries
}

/// Runs `parse` once and prints its throughput; returns the entries read.
fn time(name: &str, bytes: usize, fields: &[Field], parse: fn(&[Field]) -> usize) -> (usize, f64) {
    let started = Instant::now();
    let entries = parse(fields);
    let seconds = started.elapsed().as_secs_f64();
    let mb_per_s = bytes as f64 / 1e6 / seconds;
    println!("{name:<12} {seconds:>7.3} s {mb_per_s:>9.1} MB/s  ({entries} entries)");
    (entries, mb_per_s)
}

fn main() {
    let Some(dir) = real::real_data_dir("the pyliteral benchmark") else {
        return;
    };
    let (fields, bytes) = corpus(&real::read_real(&dir, "credits.csv"));
    println!("credits.csv cast and crew literals: {} fields, {:.1} MB", fields.len(), bytes as f64 / 1e6);
    ours(&fields); // warm-up: page in the corpus
    let (ours_entries, ours_speed) = time("movies-core", bytes, &fields, ours);
    let (their_entries, their_speed) = time("py_literal", bytes, &fields, theirs);
    assert_eq!(ours_entries, their_entries, "the parsers read different entry counts");
    println!("movies-core is {:.1}x py_literal", ours_speed / their_speed);
}
