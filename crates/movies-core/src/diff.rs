//! What changed between two snapshots of the dataset: movies added, removed, and
//! movies whose budget or revenue changed.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::model::Movie;

/// A movie as listed in a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovieRef {
    /// TMDB id.
    pub id: i64,
    /// Title.
    pub title: Option<String>,
    /// Release year.
    pub year: Option<i32>,
}

impl MovieRef {
    fn of(movie: &Movie) -> Self {
        MovieRef { id: movie.id, title: movie.title.clone(), year: movie.release_year() }
    }
}

/// A movie whose budget or revenue differs between the snapshots.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovieChange {
    /// The movie (title as in the newer snapshot).
    pub movie: MovieRef,
    /// Budget before and after (`None` = unknown).
    pub budget: (Option<f64>, Option<f64>),
    /// Revenue before and after.
    pub revenue: (Option<f64>, Option<f64>),
}

/// The differences from an older snapshot to a newer one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SnapshotDiff {
    /// In the newer snapshot only, by id.
    pub added: Vec<MovieRef>,
    /// In the older snapshot only, by id.
    pub removed: Vec<MovieRef>,
    /// In both, with another budget or revenue, by id.
    pub changed: Vec<MovieChange>,
    /// Movies in both with the same budget and revenue.
    pub unchanged: u64,
}

impl SnapshotDiff {
    /// Compares the movies of an `older` snapshot with those of a `newer` one.
    pub fn compare(older: &[Movie], newer: &[Movie]) -> Self {
        let before: HashMap<i64, &Movie> = older.iter().map(|m| (m.id, m)).collect();
        let after: HashMap<i64, &Movie> = newer.iter().map(|m| (m.id, m)).collect();
        let mut diff = SnapshotDiff::default();
        for movie in newer {
            match before.get(&movie.id) {
                None => diff.added.push(MovieRef::of(movie)),
                Some(old) if old.budget != movie.budget || old.revenue != movie.revenue => {
                    diff.changed.push(MovieChange {
                        movie: MovieRef::of(movie),
                        budget: (old.budget, movie.budget),
                        revenue: (old.revenue, movie.revenue),
                    })
                }
                Some(_) => diff.unchanged += 1,
            }
        }
        diff.removed = older.iter().filter(|m| !after.contains_key(&m.id)).map(MovieRef::of).collect();
        diff.added.sort_by_key(|m| m.id);
        diff.removed.sort_by_key(|m| m.id);
        diff.changed.sort_by_key(|c| c.movie.id);
        diff
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn movie(id: i64, budget: Option<f64>, revenue: Option<f64>) -> Movie {
        Movie { id, title: Some(format!("m{id}")), budget, revenue, ..Movie::default() }
    }

    #[test]
    fn added_removed_and_changed() {
        let older = [movie(1, Some(10.0), None), movie(2, None, None), movie(3, Some(5.0), Some(6.0))];
        let newer = [movie(3, Some(5.0), Some(9.0)), movie(1, Some(10.0), None), movie(4, None, None)];
        let diff = SnapshotDiff::compare(&older, &newer);
        assert_eq!(diff.added.iter().map(|m| m.id).collect::<Vec<_>>(), [4]);
        assert_eq!(diff.removed.iter().map(|m| m.id).collect::<Vec<_>>(), [2]);
        assert_eq!(diff.changed.len(), 1);
        assert_eq!(diff.changed[0].revenue, (Some(6.0), Some(9.0)));
        assert_eq!(diff.unchanged, 1);
    }
}
