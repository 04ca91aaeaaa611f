//! The page of one person: their movies by year with role or job, the budget,
//! revenue and profit of those movies per year, and their mean user rating.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::credits::Kind;
use super::Explorer;
use crate::kept::Kept;

/// A role played or a job done in one movie.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonRole {
    /// True for a cast credit, false for a crew one.
    pub cast: bool,
    /// The character (cast) or the job (crew).
    pub role: Option<String>,
    /// The department (crew).
    pub department: Option<String>,
}

/// One movie of a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonMovie {
    /// TMDB id.
    pub movie_id: i64,
    /// Title, when the movie is in movies_metadata.csv.
    pub title: Option<String>,
    /// Release year.
    pub year: Option<i32>,
    /// Their credits in it, cast first.
    pub roles: Vec<PersonRole>,
}

/// The money of a person's movies released in one year (sums over distinct movies;
/// `None` when no movie had the value known).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PersonYear {
    /// Release year.
    pub year: i32,
    /// Their movies released that year.
    pub movies: u64,
    /// Sum of the known budgets.
    pub budget_sum: Option<f64>,
    /// Movies with a known budget.
    pub budget_movies: u64,
    /// Sum of the known revenues.
    pub revenue_sum: Option<f64>,
    /// Movies with a known revenue.
    pub revenue_movies: u64,
    /// Sum of the known profits.
    pub profit_sum: Option<f64>,
    /// Movies with a known profit.
    pub profit_movies: u64,
}

/// Everything the person page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonPage {
    /// TMDB person id.
    pub id: i64,
    /// Their name.
    pub name: Option<String>,
    /// Their movies by year (movies without a year last), then by title.
    pub movies: Vec<PersonMovie>,
    /// Budget, revenue and profit of those movies per year.
    pub years: Vec<PersonYear>,
    /// Their movies with at least one user rating.
    pub rated_movies: u64,
    /// Ratings of those movies.
    pub ratings: u64,
    /// Mean of those ratings.
    pub mean_rating: Option<f64>,
}

fn add(sum: &mut Option<f64>, count: &mut u64, value: Option<f64>) {
    if let Some(v) = value {
        *sum = Some(sum.unwrap_or(0.0) + v);
        *count += 1;
    }
}

impl Explorer {
    /// The page of the TMDB person `id`, or `None` when no credit names them.
    pub fn person_page(&self, kept: &Kept, id: i64) -> Option<PersonPage> {
        let credits = self.credits();
        let index = credits.person_index(id)?;
        let text = |handle: u32| credits.text(handle).map(str::to_owned);
        let mut movies: Vec<PersonMovie> = Vec::new();
        for c in credits.of_person(index) {
            let role = PersonRole { cast: c.kind == Kind::Cast, role: text(c.role), department: text(c.department) };
            match movies.last_mut() {
                Some(last) if last.movie_id == c.movie => last.roles.push(role),
                _ => {
                    let movie = self.movie(&kept.movies, c.movie);
                    movies.push(PersonMovie {
                        movie_id: c.movie,
                        title: movie.and_then(|m| m.title.clone()),
                        year: movie.and_then(|m| m.release_year()),
                        roles: vec![role],
                    });
                }
            }
        }
        let mut years: BTreeMap<i32, PersonYear> = BTreeMap::new();
        let (mut rated_movies, mut ratings, mut sum) = (0, 0, 0.0);
        for m in &movies {
            if let Some(r) = self.ratings.get(m.movie_id).filter(|r| r.ratings > 0) {
                rated_movies += 1;
                ratings += r.ratings;
                sum += r.sum;
            }
            let Some(movie) = self.movie(&kept.movies, m.movie_id) else { continue };
            let Some(year) = m.year else { continue };
            let y = years.entry(year).or_insert_with(|| PersonYear { year, ..PersonYear::default() });
            y.movies += 1;
            add(&mut y.budget_sum, &mut y.budget_movies, movie.budget);
            add(&mut y.revenue_sum, &mut y.revenue_movies, movie.revenue);
            add(&mut y.profit_sum, &mut y.profit_movies, movie.profit());
        }
        movies.sort_by(|a, b| {
            let year = |m: &PersonMovie| m.year.unwrap_or(i32::MAX);
            year(a).cmp(&year(b)).then_with(|| a.title.cmp(&b.title)).then(a.movie_id.cmp(&b.movie_id))
        });
        for m in &mut movies {
            m.roles.sort_by_key(|r| !r.cast);
        }
        Some(PersonPage {
            id,
            name: text(credits.people()[index].name),
            movies,
            years: years.into_values().collect(),
            rated_movies,
            ratings,
            mean_rating: (ratings > 0).then(|| sum / ratings as f64),
        })
    }
}
