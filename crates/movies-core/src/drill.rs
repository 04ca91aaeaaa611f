//! The movies behind a number of a metric table: a company × year, company × genre ×
//! year or genre × year cell, listed movie by movie with the cell's totals.
//!
//! [`MovieIndex`] maps every (company, year) and (genre, year) to the positions of
//! its movies, built once when the movies are read, so that a question is answered
//! by reading its own movies instead of all of them. The movies of a cell are added
//! up in input order, the order [`Metrics::compute`](crate::Metrics::compute) adds
//! them in, so the totals equal the metric's numbers to the last bit.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::kept::RatingsByMovie;
use crate::metrics::{display_names, GroupTotals, Totals};
use crate::model::{Issue, Movie};

/// Which genres a question is about.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum GenrePick {
    /// Any genre or none.
    #[default]
    Any,
    /// Movies without a genre (`company_genre_year`'s null genre).
    Without,
    /// Movies with a genre of this display name.
    Named(String),
}

/// A cell of a metric table: the movies of a release year, of a company, of a genre,
/// or of both.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MovieQuery {
    /// Only movies listing this TMDB company id.
    pub company_id: Option<i64>,
    /// Only movies with (or without) this genre.
    pub genre: GenrePick,
    /// Release year.
    pub year: i32,
}

/// One movie of a cell, with what the drill-down panel shows of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovieRow {
    /// TMDB id.
    pub id: i64,
    /// Title.
    pub title: Option<String>,
    /// Release date, ISO `YYYY-MM-DD`.
    pub release_date: Option<String>,
    /// Budget (USD), when known.
    pub budget: Option<f64>,
    /// Revenue (USD), when known.
    pub revenue: Option<f64>,
    /// Revenue − budget, when both are known.
    pub profit: Option<f64>,
    /// TMDB popularity, when known.
    pub popularity: Option<f64>,
    /// Number of user ratings.
    pub ratings: u64,
    /// Mean user rating; `None` without ratings.
    pub mean_rating: Option<f64>,
    /// Display names of its genres, in source order.
    pub genres: Vec<String>,
    /// Display names of its companies, in source order.
    pub companies: Vec<String>,
    /// Rows of the error log (those kept in memory) naming its id.
    pub issues: u32,
}

/// The movies of a cell and what they add up to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MovieList {
    /// The movies, in input order.
    pub rows: Vec<MovieRow>,
    /// Their totals, as the metric tables have them.
    pub totals: GroupTotals,
}

/// Positions of the movies of every (company, year) and (genre, year).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MovieIndex {
    by_company_year: HashMap<(i64, i32), Vec<u32>>,
    by_genre_year: HashMap<(i64, i32), Vec<u32>>,
    genre_ids: HashMap<String, Vec<i64>>,
    genre_names: HashMap<i64, String>,
    company_names: HashMap<i64, String>,
}

impl MovieIndex {
    /// Indexes `movies` (the slice later questions are answered from).
    pub fn build(movies: &[Movie]) -> Self {
        let owned = |names: HashMap<i64, Option<&str>>| -> HashMap<i64, String> {
            names.into_iter().filter_map(|(id, name)| Some((id, name?.to_owned()))).collect()
        };
        let genre_names = owned(display_names(movies.iter().flat_map(|m| &m.genres)));
        let company_names = owned(display_names(movies.iter().flat_map(|m| &m.companies)));
        let mut genre_ids: HashMap<String, Vec<i64>> = HashMap::new();
        for (id, name) in &genre_names {
            genre_ids.entry(name.clone()).or_default().push(*id);
        }
        let mut index = MovieIndex { genre_ids, genre_names, company_names, ..MovieIndex::default() };
        for (at, movie) in movies.iter().enumerate() {
            let Some(year) = movie.release_year() else { continue };
            for company in &movie.companies {
                index.by_company_year.entry((company.id, year)).or_default().push(at as u32);
            }
            for genre in &movie.genres {
                index.by_genre_year.entry((genre.id, year)).or_default().push(at as u32);
            }
        }
        index
    }

    /// Positions of the movies of `query`, ascending.
    fn positions(&self, movies: &[Movie], query: &MovieQuery) -> Vec<u32> {
        let year = query.year;
        let named = |name: &str| self.genre_ids.get(name).map(Vec::as_slice).unwrap_or_default();
        let mut found: Vec<u32> = match (&query.company_id, &query.genre) {
            (Some(company), _) => self.by_company_year.get(&(*company, year)).cloned().unwrap_or_default(),
            (None, GenrePick::Named(name)) => {
                named(name).iter().filter_map(|id| self.by_genre_year.get(&(*id, year))).flatten().copied().collect()
            }
            (None, GenrePick::Any | GenrePick::Without) => {
                (0..movies.len() as u32).filter(|&at| movies[at as usize].release_year() == Some(year)).collect()
            }
        };
        found.sort_unstable();
        found.dedup();
        found.retain(|&at| {
            let movie = &movies[at as usize];
            match &query.genre {
                GenrePick::Any => true,
                GenrePick::Without => movie.genres.is_empty(),
                GenrePick::Named(name) => movie.genres.iter().any(|g| named(name).contains(&g.id)),
            }
        });
        found
    }

    /// The movies of `query` among `movies` (the slice the index was built from), with
    /// their user ratings and how many rows of `issues` name each of them.
    pub fn answer(
        &self,
        movies: &[Movie],
        ratings: &RatingsByMovie,
        issues: &[Issue],
        query: &MovieQuery,
    ) -> MovieList {
        let positions = self.positions(movies, query);
        let ids: HashSet<i64> = positions.iter().map(|&at| movies[at as usize].id).collect();
        let mut flagged: HashMap<i64, u32> = HashMap::new();
        for id in issues.iter().filter_map(|i| i.movie_id).filter(|id| ids.contains(id)) {
            *flagged.entry(id).or_default() += 1;
        }
        let names = |list: &[crate::model::Named], names: &HashMap<i64, String>| -> Vec<String> {
            list.iter().filter_map(|n| names.get(&n.id).cloned()).collect()
        };
        let mut totals = Totals::default();
        let rows = positions
            .iter()
            .map(|&at| {
                let movie = &movies[at as usize];
                let movie_ratings = ratings.get(movie.id);
                totals.add(movie, movie_ratings);
                MovieRow {
                    id: movie.id,
                    title: movie.title.clone(),
                    release_date: movie.release_date.map(|d| d.to_string()),
                    budget: movie.budget,
                    revenue: movie.revenue,
                    profit: movie.profit(),
                    popularity: movie.popularity,
                    ratings: movie_ratings.map_or(0, |r| r.ratings),
                    mean_rating: movie_ratings.and_then(|r| r.mean()),
                    genres: names(&movie.genres, &self.genre_names),
                    companies: names(&movie.companies, &self.company_names),
                    issues: flagged.get(&movie.id).copied().unwrap_or(0),
                }
            })
            .collect();
        MovieList { rows, totals: totals.summary() }
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::input::InputFile;
    use crate::kept::Kept;
    use crate::metrics::Metrics;
    use crate::model::{Named, Severity};
    use crate::values::Date;

    fn named(id: i64, name: &str) -> Named {
        Named { id, name: Some(name.to_owned()) }
    }

    fn movie(id: i64, year: Option<u16>, budget: Option<f64>, genres: Vec<Named>, companies: Vec<Named>) -> Movie {
        Movie {
            id,
            title: Some(format!("Movie {id}")),
            release_date: year.and_then(|y| Date::new(y, 3, 4)),
            budget,
            revenue: budget.map(|b| b * 3.0 + 0.1),
            popularity: Some(id as f64 / 7.0),
            genres,
            companies,
            ..Movie::default()
        }
    }

    fn movies() -> Vec<Movie> {
        let (drama, comedy) = (|| named(18, "Drama"), || named(35, "Comedy"));
        let (pixar, other) = (|| named(3, "Pixar"), || named(8, "Other"));
        vec![
            movie(10, Some(1995), Some(30e6), vec![drama(), comedy()], vec![pixar(), other()]),
            movie(11, Some(1995), None, vec![comedy()], vec![pixar()]),
            movie(12, Some(1995), Some(0.3), vec![], vec![pixar()]),
            movie(13, Some(1996), Some(5.0), vec![drama()], vec![pixar()]),
            movie(14, None, Some(7.0), vec![drama()], vec![pixar()]),
            movie(15, Some(1995), Some(0.7), vec![named(99, "Drama")], vec![]),
            movie(16, Some(1995), Some(0.1), vec![drama()], vec![other()]),
        ]
    }

    fn ids(list: &MovieList) -> Vec<i64> {
        list.rows.iter().map(|r| r.id).collect()
    }

    fn ask(company_id: Option<i64>, genre: GenrePick, year: i32) -> MovieList {
        let movies = movies();
        let issue = |movie_id| Issue {
            file: InputFile::MoviesMetadata,
            line: 2,
            movie_id: Some(movie_id),
            severity: Severity::Warning,
            column: Some("release_date"),
            reason: Cow::Borrowed("not a date"),
            raw_value: None,
        };
        let mut kept = Kept::default();
        kept.links.insert(1, Some(10));
        kept.ratings.add(1, 4.0);
        kept.ratings.add(1, 3.0);
        let issues = [issue(10), issue(12), issue(10), issue(999)];
        MovieIndex::build(&movies).answer(
            &movies,
            &kept.ratings_by_movie(),
            &issues,
            &MovieQuery { company_id, genre, year },
        )
    }

    #[test]
    fn cells_list_their_movies_with_the_metric_totals() {
        let movies = movies();
        let metrics = Metrics::compute(&movies, &RatingsByMovie::default());
        let pixar_1995 = ask(Some(3), GenrePick::Any, 1995);
        assert_eq!(ids(&pixar_1995), [10, 11, 12]);
        let row = metrics.company_year.iter().find(|r| (r.company_id, r.year) == (3, 1995)).unwrap();
        let totals = pixar_1995.totals;
        assert_eq!(
            (totals.movies, totals.budget, totals.revenue, totals.profit),
            (row.movies, row.budget, row.revenue, row.profit)
        );
        assert_eq!(totals.avg_popularity, row.avg_popularity);
        assert_eq!(totals.budget.sum, Some(30e6 + 0.3));
        assert_eq!(
            (totals.ratings.rated_movies, totals.ratings.ratings, totals.ratings.mean_rating),
            (1, 2, Some(3.5))
        );

        let first = &pixar_1995.rows[0];
        assert_eq!(first.release_date.as_deref(), Some("1995-03-04"));
        assert_eq!((first.ratings, first.mean_rating, first.issues), (2, Some(3.5), 2));
        assert_eq!(first.genres, ["Drama", "Comedy"]);
        assert_eq!(first.companies, ["Pixar", "Other"]);
        assert_eq!((pixar_1995.rows[1].issues, pixar_1995.rows[2].issues), (0, 1));
        assert_eq!(pixar_1995.rows[1].profit, None);
    }

    #[test]
    fn genres_are_picked_by_display_name_or_their_absence() {
        // Genre ids 18 and 99 are both named Drama: the cell holds the movies of both.
        let drama = ask(None, GenrePick::Named("Drama".into()), 1995);
        assert_eq!(ids(&drama), [10, 15, 16]);
        let genre_row = Metrics::compute(&movies(), &RatingsByMovie::default())
            .genre_year
            .into_iter()
            .find(|g| g.genre.as_deref() == Some("Comedy") && g.year == 1995)
            .unwrap();
        let comedy = ask(None, GenrePick::Named("Comedy".into()), 1995);
        assert_eq!(comedy.totals.popularity.sum, genre_row.total_popularity);
        assert_eq!(comedy.totals.budget, genre_row.budget);
        assert_eq!(ids(&ask(Some(3), GenrePick::Named("Comedy".into()), 1995)), [10, 11]);
        assert_eq!(ids(&ask(Some(3), GenrePick::Without, 1995)), [12]);
        assert_eq!(ids(&ask(None, GenrePick::Any, 1995)), [10, 11, 12, 15, 16]);
        assert_eq!(ids(&ask(None, GenrePick::Without, 1995)), [12]);
    }

    #[test]
    fn unknown_cells_are_empty_with_null_sums() {
        for list in [ask(Some(3), GenrePick::Any, 1800), ask(Some(404), GenrePick::Any, 1995)] {
            assert!(list.rows.is_empty());
            assert_eq!(list.totals.movies, 0);
            assert_eq!(list.totals.budget.sum, None);
        }
        assert!(ask(None, GenrePick::Named("Western".into()), 1995).rows.is_empty());
        // A movie without a year is in no cell.
        assert!(!ids(&ask(Some(3), GenrePick::Any, 1996)).contains(&14));
    }

    #[test]
    fn queries_cross_the_boundary_as_json() {
        let query = MovieQuery { company_id: Some(3), genre: GenrePick::Named("Science Fiction".into()), year: 1977 };
        let json = serde_json::to_string(&query).unwrap();
        assert_eq!(json, r#"{"company_id":3,"genre":{"kind":"named","name":"Science Fiction"},"year":1977}"#);
        assert_eq!(serde_json::from_str::<MovieQuery>(&json).unwrap(), query);
        let without = serde_json::to_string(&GenrePick::Without).unwrap();
        assert_eq!(serde_json::from_str::<GenrePick>(&without).unwrap(), GenrePick::Without);
    }
}
