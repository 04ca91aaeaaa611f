//! Figures for the movie and person pages and the searches: build time, bytes held,
//! page times and per-keystroke search times, printed (never asserted).
//!
//! `cargo run --release -p movies-core --example pages_bench -- FILE...` with the
//! dataset's zip or its CSV files (`../shared/data/real/*.csv`, or the full-scale zip
//! from `../shared/bench/make_dataset.py --scale 1.0`).

use std::time::Instant;

use movies_core::origin::InMemory;
use movies_core::pages::load::explore;
use movies_core::sources::{resolve, Given, GivenKind};

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
    for word in ["toy story", "tom hanks", "john lasseter", "e"] {
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
