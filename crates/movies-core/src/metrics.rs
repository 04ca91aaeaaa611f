//! The metric tables: the company and genre questions, per release year.
//!
//! Definitions (SPEC.md): sums run over distinct movies; movies without a release year
//! are left out (and counted in [`Coverage`]); company tables leave out movies without a
//! company and `genre_year` those without a genre; a `*_sum` over no known value is
//! null; a company's or genre's display name is the smallest name listed for its id.
//! User ratings: a movie's are those of every MovieLens movie links_master maps to it
//! (see [`RatingsByMovie`]); `mean_rating` is the sum of the group's ratings over their
//! number, null without ratings.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::kept::{MovieRatings, RatingsByMovie};
use crate::model::{Movie, Named};

/// A sum over the movies where a value is known, with how many those were.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct KnownSum {
    /// Sum of the known values; `None` when no value was known.
    pub sum: Option<f64>,
    /// Number of movies whose value was known.
    pub movies: i64,
}

impl KnownSum {
    fn add(&mut self, value: Option<f64>) {
        if let Some(v) = value {
            self.sum = Some(self.sum.unwrap_or(0.0) + v);
            self.movies += 1;
        }
    }
}

/// The user ratings of a group of distinct movies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct UserRatings {
    /// Distinct movies with at least one rating.
    pub rated_movies: i64,
    /// Number of ratings of those movies.
    pub ratings: i64,
    /// Sum of those ratings over their number; `None` when there are none.
    pub mean_rating: Option<f64>,
}

/// Running sum of the ratings of a group.
#[derive(Debug, Clone, Copy, Default)]
struct RatingSum {
    rated_movies: i64,
    ratings: u64,
    sum: f64,
}

impl RatingSum {
    fn add(&mut self, movie: Option<MovieRatings>) {
        if let Some(r) = movie.filter(|r| r.ratings > 0) {
            self.rated_movies += 1;
            self.ratings += r.ratings;
            self.sum += r.sum;
        }
    }

    fn finish(self) -> UserRatings {
        let total = MovieRatings { ratings: self.ratings, sum: self.sum };
        UserRatings { rated_movies: self.rated_movies, ratings: self.ratings as i64, mean_rating: total.mean() }
    }
}

/// Running totals for a group of distinct movies (also what the drill-down adds up,
/// in the same order, so its sums equal the metric's to the last bit).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Totals {
    movies: i64,
    budget: KnownSum,
    revenue: KnownSum,
    profit: KnownSum,
    popularity: KnownSum,
    ratings: RatingSum,
}

impl Totals {
    pub(crate) fn add(&mut self, movie: &Movie, ratings: Option<MovieRatings>) {
        self.movies += 1;
        self.budget.add(movie.budget);
        self.revenue.add(movie.revenue);
        self.profit.add(movie.profit());
        self.popularity.add(movie.popularity);
        self.ratings.add(ratings);
    }

    fn avg_popularity(&self) -> Option<f64> {
        self.popularity.sum.map(|s| s / self.popularity.movies as f64)
    }

    /// The totals as sent with a list of movies.
    pub(crate) fn summary(self) -> GroupTotals {
        GroupTotals {
            movies: self.movies,
            budget: self.budget,
            revenue: self.revenue,
            profit: self.profit,
            popularity: self.popularity,
            avg_popularity: self.avg_popularity(),
            ratings: self.ratings.finish(),
        }
    }
}

/// What a group of distinct movies adds up to: the numbers of its metric rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupTotals {
    /// Distinct movies.
    pub movies: i64,
    /// Budgets.
    pub budget: KnownSum,
    /// Revenues.
    pub revenue: KnownSum,
    /// Profits (movies with both budget and revenue known).
    pub profit: KnownSum,
    /// Popularity: its total (`total_popularity`) over the movies where it is known.
    pub popularity: KnownSum,
    /// Mean popularity over movies where it is known.
    pub avg_popularity: Option<f64>,
    /// User ratings of the movies.
    pub ratings: UserRatings,
}

/// A row of `company_year`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanyYear {
    /// TMDB company id.
    pub company_id: i64,
    /// Display name.
    pub company: Option<String>,
    /// Release year.
    pub year: i32,
    /// Distinct movies.
    pub movies: i64,
    /// Budgets.
    pub budget: KnownSum,
    /// Revenues.
    pub revenue: KnownSum,
    /// Profits (movies with both budget and revenue known).
    pub profit: KnownSum,
    /// Mean popularity over movies where it is known.
    pub avg_popularity: Option<f64>,
    /// User ratings of the movies.
    pub ratings: UserRatings,
}

/// A row of `company_genre_year`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanyGenreYear {
    /// TMDB company id.
    pub company_id: i64,
    /// Display name of the company.
    pub company: Option<String>,
    /// Display name of the genre; `None` for movies without a genre.
    pub genre: Option<String>,
    /// Release year.
    pub year: i32,
    /// Distinct movies released.
    pub releases: i64,
}

/// A row of `genre_year`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GenreYear {
    /// Display name of the genre.
    pub genre: Option<String>,
    /// Release year.
    pub year: i32,
    /// Distinct movies.
    pub movies: i64,
    /// Budgets.
    pub budget: KnownSum,
    /// Revenues.
    pub revenue: KnownSum,
    /// Profits.
    pub profit: KnownSum,
    /// Sum of known popularity.
    pub total_popularity: Option<f64>,
    /// Mean of known popularity.
    pub avg_popularity: Option<f64>,
    /// 1 = the year's most popular genre (total popularity desc at six decimals, null
    /// last; then movies desc; then genre name asc).
    pub popularity_rank: u32,
    /// User ratings of the movies.
    pub ratings: UserRatings,
}

/// A company for search: its id, display name and how many movies list it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanySummary {
    /// TMDB company id.
    pub company_id: i64,
    /// Display name.
    pub company: Option<String>,
    /// Distinct movies listing the company (with or without a year).
    pub movies: i64,
}

/// How many movies the per-year metrics could use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// Movies in movies_master.
    pub movies: u64,
    /// Movies left out of every per-year metric: no release year.
    pub movies_without_year: u64,
    /// Movies left out of the company tables: no production company.
    pub movies_without_company: u64,
    /// Movies left out of genre_year: no genre.
    pub movies_without_genre: u64,
}

/// All metric tables.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    /// Rows of `company_year`, by company id then year.
    pub company_year: Vec<CompanyYear>,
    /// Rows of `company_genre_year`, by company id, year, genre.
    pub company_genre_year: Vec<CompanyGenreYear>,
    /// Rows of `genre_year`, by year then rank.
    pub genre_year: Vec<GenreYear>,
    /// Every company, by id.
    pub companies: Vec<CompanySummary>,
    /// What the metrics cover.
    pub coverage: Coverage,
}

/// The smallest name listed for each id.
pub(crate) fn display_names<'m>(lists: impl Iterator<Item = &'m Named>) -> HashMap<i64, Option<&'m str>> {
    let mut names: HashMap<i64, Option<&str>> = HashMap::new();
    for item in lists {
        let entry = names.entry(item.id).or_insert(None);
        if let Some(name) = item.name.as_deref() {
            if entry.is_none_or(|current| name < current) {
                *entry = Some(name);
            }
        }
    }
    names
}

impl Metrics {
    /// Computes every metric table from the cleaned movies and their user ratings
    /// (empty before ratings.csv and links.csv are read: every group then has none).
    pub fn compute(movies: &[Movie], ratings: &RatingsByMovie) -> Metrics {
        let company_names = display_names(movies.iter().flat_map(|m| &m.companies));
        let genre_names = display_names(movies.iter().flat_map(|m| &m.genres));
        let owned = |name: Option<&Option<&str>>| name.copied().flatten().map(str::to_owned);

        let mut coverage = Coverage { movies: movies.len() as u64, ..Coverage::default() };
        let mut company_year: BTreeMap<(i64, i32), Totals> = BTreeMap::new();
        let mut company_genre_year: BTreeMap<(i64, i32, Option<i64>), i64> = BTreeMap::new();
        let mut genre_year: BTreeMap<(i32, i64), Totals> = BTreeMap::new();
        let mut company_movies: BTreeMap<i64, i64> = BTreeMap::new();

        for movie in movies {
            coverage.movies_without_company += u64::from(movie.companies.is_empty());
            coverage.movies_without_genre += u64::from(movie.genres.is_empty());
            for company in &movie.companies {
                *company_movies.entry(company.id).or_default() += 1;
            }
            let Some(year) = movie.release_year() else {
                coverage.movies_without_year += 1;
                continue;
            };
            let movie_ratings = ratings.get(movie.id);
            for company in &movie.companies {
                company_year.entry((company.id, year)).or_default().add(movie, movie_ratings);
                if movie.genres.is_empty() {
                    *company_genre_year.entry((company.id, year, None)).or_default() += 1;
                }
                for genre in &movie.genres {
                    *company_genre_year.entry((company.id, year, Some(genre.id))).or_default() += 1;
                }
            }
            for genre in &movie.genres {
                genre_year.entry((year, genre.id)).or_default().add(movie, movie_ratings);
            }
        }

        let company_year = company_year
            .into_iter()
            .map(|((company_id, year), t)| CompanyYear {
                company_id,
                company: owned(company_names.get(&company_id)),
                year,
                movies: t.movies,
                budget: t.budget,
                revenue: t.revenue,
                profit: t.profit,
                avg_popularity: t.avg_popularity(),
                ratings: t.ratings.finish(),
            })
            .collect();

        let mut company_genre_year: Vec<CompanyGenreYear> = company_genre_year
            .into_iter()
            .map(|((company_id, year, genre_id), releases)| CompanyGenreYear {
                company_id,
                company: owned(company_names.get(&company_id)),
                genre: genre_id.and_then(|id| owned(genre_names.get(&id))),
                year,
                releases,
            })
            .collect();
        company_genre_year.sort_by(|a, b| (a.company_id, a.year, &a.genre).cmp(&(b.company_id, b.year, &b.genre)));

        let mut genre_year: Vec<GenreYear> = genre_year
            .into_iter()
            .map(|((year, genre_id), t)| GenreYear {
                genre: owned(genre_names.get(&genre_id)),
                year,
                movies: t.movies,
                budget: t.budget,
                revenue: t.revenue,
                profit: t.profit,
                total_popularity: t.popularity.sum,
                avg_popularity: t.avg_popularity(),
                popularity_rank: 0,
                ratings: t.ratings.finish(),
            })
            .collect();
        rank_genres(&mut genre_year);

        let companies = company_movies
            .into_iter()
            .map(|(company_id, movies)| CompanySummary {
                company_id,
                company: owned(company_names.get(&company_id)),
                movies,
            })
            .collect();

        Metrics { company_year, company_genre_year, genre_year, companies, coverage }
    }
}

/// A total popularity as ranked: at the six decimals of the source, so that equal totals
/// tie whatever order their floats were added in (SQL engines add in any order).
fn ranked_total(total: f64) -> f64 {
    (total * 1e6).round()
}

/// Sorts by year and ranking order, and numbers the ranks within each year.
fn rank_genres(rows: &mut [GenreYear]) {
    rows.sort_by(|a, b| {
        a.year
            .cmp(&b.year)
            .then_with(|| match (a.total_popularity, b.total_popularity) {
                (Some(x), Some(y)) => ranked_total(y).total_cmp(&ranked_total(x)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
            .then_with(|| b.movies.cmp(&a.movies))
            .then_with(|| a.genre.is_none().cmp(&b.genre.is_none()))
            .then_with(|| a.genre.cmp(&b.genre))
    });
    let mut rank = 0;
    let mut year = None;
    for row in rows {
        if year != Some(row.year) {
            year = Some(row.year);
            rank = 0;
        }
        rank += 1;
        row.popularity_rank = rank;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::Date;

    fn named(id: i64, name: &str) -> Named {
        Named { id, name: Some(name.to_owned()) }
    }

    fn movie(id: i64, year: Option<u16>, budget: Option<f64>, revenue: Option<f64>, pop: Option<f64>) -> Movie {
        Movie {
            id,
            release_date: year.and_then(|y| Date::new(y, 1, 1)),
            budget,
            revenue,
            popularity: pop,
            ..Movie::default()
        }
    }

    #[test]
    fn sums_over_distinct_movies_with_coverage_counts() {
        let mut a = movie(1, Some(2000), Some(10.0), Some(30.0), Some(2.0));
        a.genres = vec![named(28, "Action"), named(35, "Comedy"), named(18, "Drama")];
        a.companies = vec![named(7, "Zeta"), named(8, "Other")];
        let mut b = movie(2, Some(2000), None, Some(5.0), None);
        b.genres = vec![named(28, "Action")];
        b.companies = vec![named(7, "Alpha")];
        let mut c = movie(3, None, Some(1.0), Some(1.0), Some(1.0));
        c.companies = vec![named(7, "Zeta")];
        let d = movie(4, Some(2001), None, None, None);

        let m = Metrics::compute(&[a, b, c, d], &RatingsByMovie::default());
        let z = m.company_year.iter().find(|r| r.company_id == 7).unwrap();
        assert_eq!(z.company.as_deref(), Some("Alpha"));
        assert_eq!((z.year, z.movies), (2000, 2));
        assert_eq!(z.budget, KnownSum { sum: Some(10.0), movies: 1 });
        assert_eq!(z.revenue, KnownSum { sum: Some(35.0), movies: 2 });
        assert_eq!(z.profit, KnownSum { sum: Some(20.0), movies: 1 });
        assert_eq!(z.avg_popularity, Some(2.0));
        assert_eq!(m.company_year.len(), 2);
        assert_eq!(
            m.coverage,
            Coverage { movies: 4, movies_without_year: 1, movies_without_company: 1, movies_without_genre: 2 }
        );
        assert_eq!(m.companies[0], CompanySummary { company_id: 7, company: Some("Alpha".into()), movies: 3 });

        let action = m.genre_year.iter().find(|g| g.genre.as_deref() == Some("Action")).unwrap();
        assert_eq!((action.movies, action.revenue.sum, action.total_popularity), (2, Some(35.0), Some(2.0)));
        let releases: Vec<_> = m
            .company_genre_year
            .iter()
            .filter(|r| r.company_id == 7)
            .map(|r| (r.genre.as_deref(), r.releases))
            .collect();
        assert_eq!(releases, [(Some("Action"), 2), (Some("Comedy"), 1), (Some("Drama"), 1)]);
    }

    #[test]
    fn ratings_are_summed_over_the_rated_movies_of_a_group() {
        use crate::kept::Kept;
        let mut a = movie(862, Some(1995), None, None, None);
        a.genres = vec![named(16, "Animation")];
        a.companies = vec![named(3, "Pixar")];
        let mut b = movie(863, Some(1995), None, None, None);
        b.genres = vec![named(16, "Animation")];
        b.companies = vec![named(3, "Pixar")];
        let mut c = movie(864, Some(1995), None, None, None);
        c.genres = vec![named(16, "Animation")];
        c.companies = vec![named(3, "Pixar")];
        let mut kept = Kept::default();
        kept.links.insert(1, Some(862));
        kept.links.insert(2, Some(863));
        kept.links.insert(3, Some(863));
        for (movielens_id, rating) in [(1, 4.0), (1, 5.0), (2, 3.0), (3, 0.5)] {
            kept.ratings.add(movielens_id, rating);
        }
        let m = Metrics::compute(&[a, b, c], &kept.ratings_by_movie());
        let expected = UserRatings { rated_movies: 2, ratings: 4, mean_rating: Some(12.5 / 4.0) };
        assert_eq!(m.company_year[0].ratings, expected);
        assert_eq!(m.genre_year[0].ratings, expected);

        let unrated = Metrics::compute(&m_movies_without_links(), &kept.ratings_by_movie());
        assert_eq!(unrated.company_year[0].ratings, UserRatings { rated_movies: 0, ratings: 0, mean_rating: None });
    }

    fn m_movies_without_links() -> Vec<Movie> {
        let mut m = movie(1, Some(2001), None, None, None);
        m.companies = vec![named(9, "Nobody")];
        vec![m]
    }

    #[test]
    fn ranking_by_popularity_then_movies_then_name() {
        let mk = |id, genre: Named, pop| {
            let mut m = movie(id, Some(1999), None, None, pop);
            m.genres = vec![genre];
            m
        };
        let movies = [
            mk(1, named(1, "Drama"), Some(5.0)),
            mk(2, named(2, "Action"), Some(5.0)),
            mk(3, named(3, "Comedy"), Some(2.5)),
            mk(4, named(3, "Comedy"), Some(2.5)),
            mk(5, named(4, "Western"), None),
        ];
        let m = Metrics::compute(&movies, &RatingsByMovie::default());
        let order: Vec<_> = m.genre_year.iter().map(|g| (g.genre.clone().unwrap(), g.popularity_rank)).collect();
        assert_eq!(order, [("Comedy".into(), 1), ("Action".into(), 2), ("Drama".into(), 3), ("Western".into(), 4)]);
        assert_eq!(m.genre_year[3].total_popularity, None);
    }

    #[test]
    fn totals_equal_but_for_float_rounding_tie() {
        let mk = |genre: &str, total| GenreYear {
            genre: Some(genre.to_owned()),
            year: 1966,
            movies: 3,
            budget: KnownSum::default(),
            revenue: KnownSum::default(),
            profit: KnownSum::default(),
            total_popularity: Some(total),
            avg_popularity: None,
            popularity_rank: 0,
            ratings: UserRatings::default(),
        };
        let mut rows = [mk("Thriller", 20.242537000000002), mk("Comedy", 20.242537)];
        rank_genres(&mut rows);
        assert_eq!((rows[0].genre.as_deref(), rows[0].popularity_rank), (Some("Comedy"), 1));
    }
}
