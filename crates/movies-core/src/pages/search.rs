//! The title and name searches: type-ahead over every movie and every person.

use serde::{Deserialize, Serialize};

use super::credits::Person;
use super::text_index::{normalise, MatchKind};
use super::Explorer;
use crate::model::Movie;

/// Directors and actors first, then most credits first.
pub(super) fn person_rank(p: &Person) -> (bool, std::cmp::Reverse<u32>, i64) {
    (p.directed == 0 && p.cast == 0, std::cmp::Reverse(p.cast + p.crew), p.id)
}

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

/// The `limit` best entries of a text index searched in rank order: by how they match
/// (entries of one kind stay in rank order), and, when `top` says the entry is of
/// the best class, the search stops at `limit` prefix matches of that class, for no
/// later entry can beat them (the first keystrokes match nearly everything).
fn best(
    find: impl FnOnce(&mut dyn FnMut(usize, MatchKind) -> bool),
    top: impl Fn(usize) -> bool,
    limit: usize,
) -> Vec<usize> {
    let mut found: Vec<(bool, MatchKind, usize)> = Vec::new();
    let mut best_class = 0;
    find(&mut |entry, kind| {
        let top = top(entry);
        found.push((!top, kind, entry));
        best_class += usize::from(top && kind == MatchKind::Prefix);
        best_class < limit
    });
    if found.len() > limit {
        found.select_nth_unstable(limit);
        found.truncate(limit);
    }
    found.sort_unstable();
    found.into_iter().map(|f| f.2).collect()
}

impl Explorer {
    /// Up to `limit` movies whose title holds `query` (case-insensitive): titles
    /// starting with it first, then word starts, then the rest; each by TMDB vote
    /// count, most first.
    pub fn search_titles(&self, movies: &[Movie], query: &str, limit: usize) -> Vec<TitleHit> {
        let query = normalise(query);
        best(|each| self.titles.find(&query, each), |_| true, limit)
            .into_iter()
            .filter_map(|entry| movies.get(*self.title_order.get(entry)? as usize))
            .map(|m| TitleHit { movie_id: m.id, title: m.title.clone().unwrap_or_default(), year: m.release_year() })
            .collect()
    }

    /// Up to `limit` people whose name holds `query` (case-insensitive): directors
    /// and actors first, then by how the name matches (start, word start, inside),
    /// then by number of credits, most first.
    pub fn search_people(&self, query: &str, limit: usize) -> Vec<PersonHit> {
        let query = normalise(query);
        let people = self.credits().people();
        let person = |entry: usize| &people[self.name_order[entry] as usize];
        let top = |entry: usize| !person_rank(person(entry)).0;
        best(|each| self.names.find(&query, each), top, limit)
            .into_iter()
            .map(|entry| {
                let p = person(entry);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn movie(id: i64, title: &str, votes: i64) -> Movie {
        Movie { id, title: Some(title.into()), vote_count: Some(votes), ..Movie::default() }
    }

    #[test]
    fn prefix_matches_first_each_by_votes_and_the_limit_holds() {
        let movies = [
            movie(1, "Story of a Toy", 900),
            movie(2, "Toy Story", 5000),
            movie(3, "Toy Story 2", 4000),
            movie(4, "Retoyed", 10),
            movie(5, "The Toys", 7000),
        ];
        let explorer = Explorer::with_movies(&movies);
        let ids =
            |q: &str, limit| explorer.search_titles(&movies, q, limit).iter().map(|h| h.movie_id).collect::<Vec<_>>();
        assert_eq!(ids("toy", 20), [2, 3, 5, 1, 4]);
        assert_eq!(ids("toy", 2), [2, 3]);
        assert_eq!(ids("TOY S", 20), [2, 3]);
        assert_eq!(ids("t", 3), [5, 2, 3]);
        assert!(ids("zzz", 20).is_empty());
    }
}
