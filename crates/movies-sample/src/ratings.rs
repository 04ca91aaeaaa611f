//! `ratings.csv`: `userId,movieId,rating,timestamp`, sorted by user then movie, half-star
//! ratings with a few off the grid, unix timestamps 1995-2017, CRLF line endings.

use std::collections::HashSet;

use crate::csv_out::{CsvText, Eol};
use crate::links::MovieLens;
use crate::quirks::{QuirkKind, QuirkLog};
use crate::rng::{Rng, Weighted};

/// File name.
pub(crate) const FILE: &str = "ratings.csv";

const RATINGS: usize = 40_000;
/// Every this many rows, one rating is off the half-star grid.
const OFF_GRID_EVERY: usize = 9_001;
const OFF_GRID: [&str; 4] = ["4.7", "2.7", "3.9", "4.2"];
const HALF_STARS: [&str; 10] = ["0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.5", "4.0", "4.5", "5.0"];
/// Relative frequency of each half star (shape of the MovieLens distribution).
const HALF_STAR_WEIGHTS: [f64; 10] = [11.0, 33.0, 17.0, 73.0, 44.0, 201.0, 105.0, 288.0, 77.0, 151.0];
/// 1995-01-09 and 2017-08-04, the span of the real timestamps.
const FIRST_TS: i64 = 789_652_009;
const LAST_TS: i64 = 1_501_829_870;
const DAY: i64 = 86_400;

/// Writes the file over the MovieLens movies of `links.csv`, logging quirks.
pub(crate) fn write(lens: &[MovieLens], rng: &mut Rng, log: &mut QuirkLog) -> Vec<u8> {
    let popularity = Weighted::new(lens.iter().map(|m| m.weight));
    let stars = Weighted::new(HALF_STAR_WEIGHTS);
    let mut out = CsvText::new(Eol::CrLf);
    out.record(&["userId", "movieId", "rating", "timestamp"]);
    let mut written = 0;
    let mut user = 0;
    while written < RATINGS {
        user += 1;
        let wanted = (rng.lognormal(3.7, 1.0) as usize).clamp(5, lens.len() / 3);
        let count = wanted.min(RATINGS - written);
        let mut picked = HashSet::new();
        while picked.len() < count {
            picked.insert(popularity.sample(rng));
        }
        let mut picked: Vec<usize> = picked.into_iter().collect();
        picked.sort_unstable();
        // A user rates in sittings, going down the list: seconds apart, with now and
        // then a new sitting days or months later.
        let mut time = rng.range(FIRST_TS, LAST_TS - (LAST_TS - FIRST_TS) / 8);
        for m in picked {
            written += 1;
            let rating = if written % OFF_GRID_EVERY == 0 {
                log.add(FILE, None, QuirkKind::OffGridRating);
                OFF_GRID[(written / OFF_GRID_EVERY - 1) % OFF_GRID.len()]
            } else {
                HALF_STARS[stars.sample(rng)]
            };
            time += if rng.chance(0.02) { rng.range(DAY, 200 * DAY) } else { rng.range(2, 40) };
            time = time.min(LAST_TS);
            out.record(&[user.to_string(), lens[m].id.to_string(), rating.to_string(), time.to_string()]);
        }
    }
    log.add(FILE, None, QuirkKind::CrlfLineEndings);
    out.into_bytes()
}
