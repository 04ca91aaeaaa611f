//! The distribution of each MovieLens movie's ratings over the half-star grid.
//!
//! Ten bins per movie (0.5, 1, ..., 5 stars), `u32` counts: 40 bytes per MovieLens
//! movie. A rating off the grid (the real data has a few, such as 4.2) goes to the
//! nearest half star, a tie (4.25) to the higher one; ratings are 0.5 to 5 by then.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// Bins of the half-star grid.
pub const BINS: usize = 10;

/// MovieLens ids below this are counted in a dense vector; larger ones in a map.
const DENSE_IDS: i64 = 4_000_000;

/// The bin of a rating: 0 for 0.5 stars up to 9 for 5 stars.
pub fn bin(rating: f64) -> usize {
    let halves = (rating * 2.0).round();
    (halves.clamp(1.0, BINS as f64) as usize) - 1
}

/// Counts per half star, for each MovieLens movie.
#[derive(Debug, Default, Clone)]
pub struct RatingHistograms {
    dense: Vec<[u32; BINS]>,
    sparse: HashMap<i64, [u32; BINS]>,
}

impl RatingHistograms {
    /// Counts one rating.
    #[inline]
    pub fn add(&mut self, movielens_id: i64, rating: f64) {
        let bins = if (0..DENSE_IDS).contains(&movielens_id) {
            let index = movielens_id as usize;
            if index >= self.dense.len() {
                self.dense.resize((index + 1).max(self.dense.len() * 5 / 4), [0; BINS]);
            }
            &mut self.dense[index]
        } else {
            self.sparse.entry(movielens_id).or_default()
        };
        bins[bin(rating)] += 1;
    }

    /// The counts of one MovieLens movie (zeros when it has no rating).
    pub fn get(&self, movielens_id: i64) -> [u32; BINS] {
        let dense = usize::try_from(movielens_id).ok().and_then(|i| self.dense.get(i));
        dense.or_else(|| self.sparse.get(&movielens_id)).copied().unwrap_or_default()
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.dense.capacity() * 4 * BINS + self.sparse.capacity() * (8 + 4 * BINS + 1)
    }
}

/// The user ratings of a movie as shown on its page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RatingSummary {
    /// Number of ratings.
    pub count: u64,
    /// Their mean, when there is one.
    pub mean: Option<f64>,
    /// Ratings per half star: `bins[0]` for 0.5 stars, `bins[9]` for 5 stars.
    pub bins: [u64; BINS],
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_go_to_the_nearest_half_star() {
        assert_eq!(bin(0.5), 0);
        assert_eq!(bin(5.0), 9);
        assert_eq!(bin(4.2), 7);
        assert_eq!(bin(4.25), 8);
        assert_eq!(bin(0.1), 0);
        let mut histograms = RatingHistograms::default();
        histograms.add(1, 4.0);
        histograms.add(1, 4.2);
        histograms.add(1, 0.5);
        histograms.add(9_000_000_000, 5.0);
        assert_eq!(histograms.get(1), [1, 0, 0, 0, 0, 0, 0, 2, 0, 0]);
        assert_eq!(histograms.get(9_000_000_000)[9], 1);
        assert_eq!(histograms.get(2), [0; BINS]);
        assert_eq!(histograms.get(-3), [0; BINS]);
    }
}
