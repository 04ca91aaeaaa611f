//! `links.csv`: `movieId,imdbId,tmdbId` (MovieLens id, 7-digit zero-padded IMDb number,
//! TMDB id), CRLF line endings, with a few rows whose `tmdbId` is empty.

use crate::catalog::Movie;
use crate::csv_out::{CsvText, Eol};
use crate::quirks::{QuirkKind, QuirkLog};
use crate::rng::Rng;

/// File name.
pub(crate) const FILE: &str = "links.csv";

const MISSING_TMDB: usize = 3;

/// A MovieLens movie, as the ratings see it.
pub(crate) struct MovieLens {
    /// MovieLens `movieId`.
    pub(crate) id: u32,
    /// How often it gets rated (relative).
    pub(crate) weight: f64,
}

/// Writes the file for the catalog movies at `linked` (catalog order = MovieLens order),
/// and returns the MovieLens movies for the ratings.
pub(crate) fn write(
    movies: &[Movie],
    linked: &[usize],
    rng: &mut Rng,
    log: &mut QuirkLog,
) -> (Vec<u8>, Vec<MovieLens>) {
    let mut missing_at: Vec<usize> = (0..MISSING_TMDB).map(|_| rng.below(linked.len())).collect();
    missing_at.sort_unstable();
    let mut out = CsvText::new(Eol::CrLf);
    out.record(&["movieId", "imdbId", "tmdbId"]);
    let mut lens = Vec::with_capacity(linked.len() + MISSING_TMDB);
    let mut next_id = 0;
    let mut new_id = |rng: &mut Rng| {
        next_id += if rng.chance(0.08) { rng.range(2, 20) } else { 1 } as u32;
        next_id
    };
    for (k, &i) in linked.iter().enumerate() {
        for _ in missing_at.iter().filter(|&&at| at == k) {
            let id = new_id(rng);
            out.record(&[id.to_string(), format!("{:07}", rng.range(10_000, 7_999_999)), String::new()]);
            lens.push(MovieLens { id, weight: 0.3 });
            log.add(FILE, None, QuirkKind::MissingTmdbId);
        }
        let m = &movies[i];
        let id = new_id(rng);
        out.record(&[id.to_string(), format!("{:07}", m.imdb), m.id.to_string()]);
        lens.push(MovieLens { id, weight: (m.popularity + 0.2).powf(1.4) });
    }
    log.add(FILE, None, QuirkKind::CrlfLineEndings);
    (out.into_bytes(), lens)
}
