//! What a sink keeps while the rows stream by: the movies, the links between
//! MovieLens and TMDB ids, and the count and mean of the ratings of each movie.
//!
//! Ratings are aggregated on the fly (a count and a sum per movie), never kept, so the
//! 26 million (or 260 million) rows pass in flat memory; `movie_ratings` is the join
//! of those aggregates with the links at the end.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::model::Movie;

/// MovieLens ids below this are counted in a dense vector; larger (hostile) ids in a map.
const DENSE_IDS: i64 = 4_000_000;

/// Ratings counted before they are added to their movies' totals. The ratings file
/// is sorted by user, so each rating lands on a random movie's slot, usually a cache
/// miss; adding a batch in a tight loop lets the processor wait for many misses at
/// once instead of one per row. The order of the additions is unchanged.
const PENDING_RATINGS: usize = 512;

/// Units of a rating sum: millionths of a star. Integer sums are exact whatever the
/// order of the additions, so the ratings of one file cleaned in parts on several
/// cores add up to exactly what one pass gives; a sum of half stars converts back to
/// exactly the double it always was.
const MICRO_STARS: f64 = 1e6;

/// A rating in [`MICRO_STARS`] (ratings are above 0 and at most 5 by now).
fn micro_stars(rating: f64) -> i64 {
    (rating * MICRO_STARS).round() as i64
}

/// Ratings count and sum per MovieLens movie.
#[derive(Debug, Default, Clone)]
pub struct RatingStats {
    dense: Vec<(u64, i64)>,
    sparse: HashMap<i64, (u64, i64)>,
    pending: Vec<(i64, i64)>,
}

impl RatingStats {
    /// Counts one rating.
    #[inline]
    pub fn add(&mut self, movielens_id: i64, rating: f64) {
        self.pending.push((movielens_id, micro_stars(rating)));
        if self.pending.len() >= PENDING_RATINGS {
            self.add_pending();
        }
    }

    fn add_pending(&mut self) {
        let mut pending = std::mem::take(&mut self.pending);
        for &(movielens_id, micro) in &pending {
            self.add_to(movielens_id, 1, micro);
        }
        pending.clear();
        self.pending = pending;
    }

    #[inline]
    fn add_to(&mut self, movielens_id: i64, count: u64, micro: i64) {
        let slot = if (0..DENSE_IDS).contains(&movielens_id) {
            let index = movielens_id as usize;
            if index >= self.dense.len() {
                self.dense.resize(index + 1, (0, 0));
            }
            &mut self.dense[index]
        } else {
            self.sparse.entry(movielens_id).or_default()
        };
        slot.0 += count;
        slot.1 += micro;
    }

    /// The count and sum of one MovieLens movie's ratings, pending ones included.
    pub fn get(&self, movielens_id: i64) -> Option<(u64, f64)> {
        let settled = if (0..DENSE_IDS).contains(&movielens_id) {
            self.dense.get(movielens_id as usize).copied()
        } else {
            self.sparse.get(&movielens_id).copied()
        };
        let (mut count, mut micro) = settled.unwrap_or_default();
        for &(_, rating) in self.pending.iter().filter(|(id, _)| *id == movielens_id) {
            count += 1;
            micro += rating;
        }
        (count > 0).then_some((count, micro as f64 / MICRO_STARS))
    }

    /// Adds the counts of another part of the same file set.
    pub fn merge(&mut self, mut other: RatingStats) {
        self.add_pending();
        other.add_pending();
        if self.dense.is_empty() && self.sparse.is_empty() {
            *self = other;
            return;
        }
        if self.dense.len() < other.dense.len() {
            self.dense.resize(other.dense.len(), (0, 0));
        }
        for (id, (count, micro)) in other.exact() {
            self.add_to(id, count, micro);
        }
    }

    /// `(movielens_id, (count, sum))` for every movie with ratings, by id (ratings still
    /// pending included, added on a copy).
    pub fn iter(&self) -> impl Iterator<Item = (i64, (u64, f64))> {
        self.exact().map(|(id, (count, micro))| (id, (count, micro as f64 / MICRO_STARS)))
    }

    /// Like [`iter`](Self::iter), with the sums in [`MICRO_STARS`].
    fn exact(&self) -> impl Iterator<Item = (i64, (u64, i64))> {
        let mut settled;
        let totals = if self.pending.is_empty() {
            self
        } else {
            settled = self.clone();
            settled.add_pending();
            &settled
        };
        let mut sparse: Vec<(i64, (u64, i64))> = totals.sparse.iter().map(|(id, v)| (*id, *v)).collect();
        sparse.sort_by_key(|(id, _)| *id);
        let dense = totals.dense.iter().enumerate().filter(|(_, (count, _))| *count > 0);
        let all: Vec<(i64, (u64, i64))> = dense.map(|(id, v)| (id as i64, *v)).chain(sparse).collect();
        all.into_iter()
    }

    /// The counts as bytes, to move them between workers: per movie with ratings, its
    /// id, count and exact sum, 24 bytes little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::new();
        for (id, (count, micro)) in self.exact() {
            bytes.extend_from_slice(&id.to_le_bytes());
            bytes.extend_from_slice(&count.to_le_bytes());
            bytes.extend_from_slice(&micro.to_le_bytes());
        }
        bytes
    }

    /// The counts [`to_bytes`](Self::to_bytes) wrote; `None` when `bytes` are not such.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        if bytes.len() % 24 != 0 {
            return None;
        }
        let mut stats = RatingStats::default();
        for entry in bytes.chunks_exact(24) {
            let word = |i: usize| <[u8; 8]>::try_from(&entry[i * 8..i * 8 + 8]).ok();
            let (id, count, micro) =
                (i64::from_le_bytes(word(0)?), u64::from_le_bytes(word(1)?), i64::from_le_bytes(word(2)?));
            stats.add_to(id, count, micro);
        }
        Some(stats)
    }
}

impl PartialEq for RatingStats {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

/// A row of `movie_ratings`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovieRating {
    /// MovieLens movie id.
    pub movielens_id: i64,
    /// TMDB id through links_master, when known.
    pub tmdb_id: Option<i64>,
    /// Number of ratings.
    pub ratings: i64,
    /// Mean rating.
    pub avg_rating: f64,
}

/// The user ratings of one TMDB movie.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct MovieRatings {
    /// Number of ratings.
    pub ratings: u64,
    /// Sum of the ratings (stars; half stars add exactly in a double).
    pub sum: f64,
}

impl MovieRatings {
    /// The mean rating; `None` without ratings.
    pub fn mean(&self) -> Option<f64> {
        (self.ratings > 0).then(|| self.sum / self.ratings as f64)
    }
}

/// User ratings per TMDB movie id (see [`Kept::ratings_by_movie`]); empty until the
/// ratings and links are read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RatingsByMovie(HashMap<i64, MovieRatings>);

impl RatingsByMovie {
    /// The ratings of the TMDB movie `movie_id`, when it has any.
    pub fn get(&self, movie_id: i64) -> Option<MovieRatings> {
        self.0.get(&movie_id).copied()
    }

    /// Whether no movie has ratings.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What the sinks keep for the tables written at the end.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Kept {
    /// The movies, in input order.
    pub movies: Vec<Movie>,
    /// MovieLens id → TMDB id, from links.csv.
    pub links: BTreeMap<i64, Option<i64>>,
    /// Ratings per MovieLens movie.
    pub ratings: RatingStats,
}

impl Kept {
    /// Adds what another sink kept (another file of the same input).
    pub fn merge(&mut self, other: Kept) {
        self.movies.extend(other.movies);
        self.links.extend(other.links);
        self.ratings.merge(other.ratings);
    }

    /// The ratings of each TMDB movie: those of every MovieLens movie that links_master
    /// maps to its id (ratings of unlinked MovieLens movies belong to none).
    pub fn ratings_by_movie(&self) -> RatingsByMovie {
        let mut by_movie: HashMap<i64, MovieRatings> = HashMap::new();
        for (movielens_id, (count, sum)) in self.ratings.iter() {
            if let Some(tmdb_id) = self.links.get(&movielens_id).copied().flatten() {
                let totals = by_movie.entry(tmdb_id).or_default();
                totals.ratings += count;
                totals.sum += sum;
            }
        }
        RatingsByMovie(by_movie)
    }

    /// The rows of `movie_ratings`, by MovieLens id.
    pub fn movie_ratings(&self) -> Vec<MovieRating> {
        self.ratings
            .iter()
            .map(|(movielens_id, (count, sum))| MovieRating {
                movielens_id,
                tmdb_id: self.links.get(&movielens_id).copied().flatten(),
                ratings: count as i64,
                avg_rating: sum / count as f64,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_are_counted_and_joined_to_links() {
        let mut a = Kept::default();
        a.ratings.add(1, 4.0);
        a.ratings.add(1, 3.0);
        a.ratings.add(9_000_000_000, 5.0);
        let mut b = Kept::default();
        b.links.insert(1, Some(862));
        b.links.insert(2, None);
        b.ratings.add(2, 0.5);
        a.merge(b);
        assert_eq!(
            a.movie_ratings(),
            vec![
                MovieRating { movielens_id: 1, tmdb_id: Some(862), ratings: 2, avg_rating: 3.5 },
                MovieRating { movielens_id: 2, tmdb_id: None, ratings: 1, avg_rating: 0.5 },
                MovieRating { movielens_id: 9_000_000_000, tmdb_id: None, ratings: 1, avg_rating: 5.0 },
            ]
        );
    }

    #[test]
    fn a_tmdb_movie_has_the_ratings_of_every_movielens_id_linked_to_it() {
        let mut kept = Kept::default();
        kept.links.insert(1, Some(862));
        kept.links.insert(7, Some(862));
        kept.links.insert(2, None);
        kept.ratings.add(1, 4.0);
        kept.ratings.add(7, 2.5);
        kept.ratings.add(7, 3.0);
        kept.ratings.add(2, 5.0);
        kept.ratings.add(3, 1.0);
        let by_movie = kept.ratings_by_movie();
        assert_eq!(by_movie.get(862), Some(MovieRatings { ratings: 3, sum: 9.5 }));
        assert_eq!(by_movie.get(862).and_then(|r| r.mean()), Some(9.5 / 3.0));
        assert_eq!(by_movie.get(2), None);
        assert_eq!(kept.ratings.get(7), Some((2, 5.5)));
        assert_eq!(kept.ratings.get(3), Some((1, 1.0)));
        assert_eq!(kept.ratings.get(4), None);
        assert_eq!(by_movie.get(3), None);
        assert_eq!(MovieRatings::default().mean(), None);
    }
}
