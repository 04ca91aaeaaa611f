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

    /// Adds the counts of another part of the same file.
    pub fn merge(&mut self, other: &RatingHistograms) {
        for (id, bins) in other.iter() {
            for (bin, count) in bins.iter().enumerate() {
                if *count > 0 {
                    self.add_count(id, bin, *count);
                }
            }
        }
    }

    fn add_count(&mut self, movielens_id: i64, bin: usize, count: u32) {
        let bins = if (0..DENSE_IDS).contains(&movielens_id) {
            let index = movielens_id as usize;
            if index >= self.dense.len() {
                self.dense.resize(index + 1, [0; BINS]);
            }
            &mut self.dense[index]
        } else {
            self.sparse.entry(movielens_id).or_default()
        };
        bins[bin] += count;
    }

    /// `(movielens_id, counts)` of every movie with ratings (dense ids first).
    fn iter(&self) -> impl Iterator<Item = (i64, &[u32; BINS])> {
        let dense = self.dense.iter().enumerate().filter(|(_, bins)| bins.iter().any(|&c| c > 0));
        dense.map(|(id, bins)| (id as i64, bins)).chain(self.sparse.iter().map(|(id, bins)| (*id, bins)))
    }

    /// The counts as bytes, to move them between workers: per movie with ratings, its
    /// id and ten counts, 48 bytes little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::new();
        for (id, bins) in self.iter() {
            bytes.extend_from_slice(&id.to_le_bytes());
            bins.iter().for_each(|c| bytes.extend_from_slice(&c.to_le_bytes()));
        }
        bytes
    }

    /// The counts [`to_bytes`](Self::to_bytes) wrote; `None` when `bytes` are not such.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        const ENTRY: usize = 8 + 4 * BINS;
        if bytes.len() % ENTRY != 0 {
            return None;
        }
        let mut histograms = RatingHistograms::default();
        for entry in bytes.chunks_exact(ENTRY) {
            let id = i64::from_le_bytes(entry[..8].try_into().ok()?);
            for (bin, count) in entry[8..].chunks_exact(4).enumerate() {
                let count = u32::from_le_bytes(count.try_into().ok()?);
                if count > 0 {
                    histograms.add_count(id, bin, count);
                }
            }
        }
        Some(histograms)
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
