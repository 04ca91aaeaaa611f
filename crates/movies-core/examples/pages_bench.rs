//! Figures for the movie and person pages and the searches: build time, bytes held,
//! page times and per-keystroke search times, printed (never asserted).
//!
//! `cargo run --release -p movies-core --example pages_bench -- FILE...` with the
//! dataset's zip or its CSV files (`../shared/data/real/*.csv`, or the full-scale zip
//! from `../shared/bench/make_dataset.py --scale 1.0`).

use std::time::Instant;

use std::borrow::Cow;

use movies_core::collect::CollectSink;
use movies_core::kept::Kept;
use movies_core::model::{CastEntry, CastRow, CrewEntry, CrewRow};
use movies_core::origin::InMemory;
use movies_core::pages::load::explore;
use movies_core::pages::{Explorer, PagesSink};
use movies_core::sources::{resolve, Given, GivenKind};
use movies_core::Sink;

/// People and credits of the real full dataset: about 560 k cast and 460 k crew rows
/// naming some 350 k distinct people (the generated dataset draws names from a small
/// pool, so its name search says little).
const PEOPLE: i64 = 350_000;
const CAST_ROWS: i64 = 560_000;
const CREW_ROWS: i64 = 460_000;

const SYLLABLES: [&str; 24] = [
    "an", "ber", "ca", "del", "e", "fi", "gor", "han", "i", "jo", "ka", "lam", "mi", "nor", "o", "pe", "ra", "sen",
    "ta", "u", "vi", "wen", "yo", "za",
];

/// A made-up name for person `n`: two capitalised words of two or three syllables.
fn name(n: i64) -> String {
    let mut x = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 8;
    let mut word = |syllables: u64| {
        let mut w = String::new();
        for _ in 0..syllables {
            w.push_str(SYLLABLES[(x % 24) as usize]);
            x /= 24;
        }
        let mut chars = w.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
    };
    let first = word(2);
    let last = word(3);
    format!("{first} {last}")
}

/// An explorer holding credits at the real dataset's scale, with made-up names.
fn people_at_scale() -> Explorer {
    let mut sink = PagesSink::new(CollectSink::new(0));
    let text = |s: String| Some(Cow::Owned(s));
    for row in 0..CAST_ROWS {
        let person = (row * 7919) % PEOPLE;
        let entry = CastEntry {
            person_id: Some(person + 1),
            name: text(name(person)),
            character: text(format!("Character {}", row % 200_000)),
            order: Some(row % 20),
            ..CastEntry::default()
        };
        sink.cast(&CastRow { movie_id: row / 12 + 1, entry }).expect("kept in memory");
    }
    for row in 0..CREW_ROWS {
        let person = (row * 104_729) % PEOPLE;
        let (job, department) = if row % 10 == 0 { ("Director", "Directing") } else { ("Editor", "Editing") };
        let entry = CrewEntry {
            person_id: Some(person + 1),
            name: text(name(person)),
            job: Some(Cow::Borrowed(job)),
            department: Some(Cow::Borrowed(department)),
            ..CrewEntry::default()
        };
        sink.crew(&CrewRow { movie_id: row / 10 + 1, entry }).expect("kept in memory");
    }
    let mut explorer = Explorer::with_movies(&[]);
    explorer.finish(sink, &Kept::default());
    explorer
}

/// Prints the slowest keystroke of typing each word into both searches.
fn time_typing(explorer: &Explorer, kept: &Kept, words: &[&str]) {
    for word in words {
        let mut worst_titles: f64 = 0.0;
        let mut worst_names: f64 = 0.0;
        for end in 1..=word.len() {
            let typed = &word[..end];
            worst_titles = worst_titles.max(slowest(5, || drop(explorer.search_titles(&kept.movies, typed, 20))));
            worst_names = worst_names.max(slowest(5, || drop(explorer.search_people(typed, 20))));
        }
        println!("typing {word:?}: slowest keystroke {worst_titles:.2} ms for titles, {worst_names:.2} ms for names");
    }
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// The slowest of `runs` runs of `work`, in milliseconds.
fn slowest(runs: usize, mut work: impl FnMut()) -> f64 {
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            work();
            ms(started)
        })
        .fold(0.0, f64::max)
}

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: pages_bench FILE... (the dataset's zip or CSV files)");
        std::process::exit(2);
    }
    let given = paths
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
            Given { name: path.clone(), kind: GivenKind::File(InMemory::new(path, bytes)) }
        })
        .collect();
    let sources = resolve(given).unwrap_or_else(|e| panic!("{e}")).sources;
    let started = Instant::now();
    let explored = explore(&sources).unwrap_or_else(|e| panic!("{e}"));
    let (kept, explorer) = (&explored.kept, &explored.explorer);
    println!("load and index: {:.0} ms", ms(started));
    println!(
        "held for the pages: {:.1} MiB ({} credits, {} people, {} movies)",
        explorer.bytes() as f64 / 1048576.0,
        explorer.credits().len(),
        explorer.credits().people().len(),
        kept.movies.len()
    );
    let busiest = explorer.credits().people().iter().max_by_key(|p| p.cast + p.crew).map_or(31, |p| p.id);
    for id in [862, kept.movies.first().map_or(0, |m| m.id)] {
        let page = explorer.movie_page(kept, id);
        let cast = page.as_ref().map_or(0, |p| p.cast.len());
        let time = slowest(20, || drop(explorer.movie_page(kept, id)));
        println!("movie page {id}: {time:.3} ms (slowest of 20), {cast} cast");
    }
    for id in [31, busiest] {
        let movies = explorer.person_page(kept, id).map_or(0, |p| p.movies.len());
        let time = slowest(20, || drop(explorer.person_page(kept, id)));
        println!("person page {id}: {time:.3} ms (slowest of 20), {movies} movies");
    }
    time_typing(explorer, kept, &["toy story", "tom hanks", "john lasseter", "e"]);

    let started = Instant::now();
    let scaled = people_at_scale();
    println!(
        "\ncredits at the real scale, made-up names: built in {:.0} ms, {:.1} MiB ({} credits, {} people)",
        ms(started),
        scaled.bytes() as f64 / 1048576.0,
        scaled.credits().len(),
        scaled.credits().people().len()
    );
    let busiest = scaled.credits().people().iter().max_by_key(|p| p.cast + p.crew).map_or(1, |p| p.id);
    let time = slowest(20, || drop(scaled.person_page(&Kept::default(), busiest)));
    println!("person page {busiest}: {time:.3} ms (slowest of 20)");
    time_typing(&scaled, &Kept::default(), &[&name(42).to_lowercase(), "a", "an"]);
}
