//! The title and name searches: type-ahead over every movie and every person.

use serde::{Deserialize, Serialize};

use super::text_index::{normalise, MatchKind};
use super::Explorer;
use crate::model::Movie;

/// A movie found by title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TitleHit {
    /// TMDB id.
    pub movie_id: i64,
    /// Its title.
    pub title: String,
    /// Release year.
    pub year: Option<i32>,
}

/// A person found by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonHit {
    /// TMDB person id.
    pub person_id: i64,
    /// Their name.
    pub name: String,
    /// What they are known for: `Director`, `Actor` or `Crew`.
    pub known_for: String,
    /// Their cast and crew credits.
    pub credits: u32,
}

/// The `limit` best of `(key, item)` pairs, best (smallest key) first.
fn best<K: Ord + Copy, T>(mut found: Vec<(K, T)>, limit: usize) -> Vec<T> {
    if found.len() > limit {
        found.select_nth_unstable_by_key(limit, |f| f.0);
        found.truncate(limit);
    }
    found.sort_by_key(|f| f.0);
    found.into_iter().map(|f| f.1).collect()
}

impl Explorer {
    /// Up to `limit` movies whose title holds `query` (case-insensitive): titles
    /// starting with it first, then word starts, then the rest; each by TMDB vote
    /// count, most first.
    pub fn search_titles(&self, movies: &[Movie], query: &str, limit: usize) -> Vec<TitleHit> {
        let query = normalise(query);
        let mut found: Vec<((MatchKind, i64, usize), usize)> = Vec::new();
        self.titles.find(&query, |i, kind| {
            let votes = movies.get(i).and_then(|m| m.vote_count).unwrap_or(0);
            found.push(((kind, -votes, i), i));
        });
        best(found, limit)
            .into_iter()
            .filter_map(|i| movies.get(i))
            .map(|m| TitleHit { movie_id: m.id, title: m.title.clone().unwrap_or_default(), year: m.release_year() })
            .collect()
    }

    /// Up to `limit` people whose name holds `query` (case-insensitive): directors
    /// and actors first, then by how the name matches (start, word start, inside),
    /// then by number of credits, most first.
    pub fn search_people(&self, query: &str, limit: usize) -> Vec<PersonHit> {
        let query = normalise(query);
        let people = self.credits().people();
        let mut found: Vec<((bool, MatchKind, i64, usize), usize)> = Vec::new();
        self.names.find(&query, |i, kind| {
            let p = &people[i];
            let credits = i64::from(p.cast) + i64::from(p.crew);
            found.push(((p.directed == 0 && p.cast == 0, kind, -credits, i), i));
        });
        best(found, limit)
            .into_iter()
            .map(|i| {
                let p = &people[i];
                let known_for = if p.directed > 0 {
                    "Director"
                } else if p.cast > 0 {
                    "Actor"
                } else {
                    "Crew"
                };
                PersonHit {
                    person_id: p.id,
                    name: self.credits().text(p.name).unwrap_or_default().to_owned(),
                    known_for: known_for.to_owned(),
                    credits: p.cast + p.crew,
                }
            })
            .collect()
    }
}
