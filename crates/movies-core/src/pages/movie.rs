//! The page of one movie: its cleaned row, genres, companies, collection, cast,
//! crew by department, keywords and user ratings.

use serde::{Deserialize, Serialize};

use super::credits::{Credit, Kind};
use super::histogram::RatingSummary;
use super::row::{movie_row, Field};
use super::strings::NONE;
use super::Explorer;
use crate::kept::Kept;
use crate::model::Named;

/// A genre, company or collection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NamedRef {
    /// TMDB id.
    pub id: i64,
    /// Its name.
    pub name: Option<String>,
}

impl From<&Named> for NamedRef {
    fn from(named: &Named) -> Self {
        NamedRef { id: named.id, name: named.name.clone() }
    }
}

/// A role in the cast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CastCredit {
    /// TMDB person id.
    pub person_id: Option<i64>,
    /// The actor's name.
    pub name: Option<String>,
    /// The character played.
    pub character: Option<String>,
    /// Billing order.
    pub order: Option<u32>,
}

/// A job in the crew.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrewCredit {
    /// TMDB person id.
    pub person_id: Option<i64>,
    /// The person's name.
    pub name: Option<String>,
    /// The job.
    pub job: Option<String>,
}

/// The crew of one department.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Department {
    /// Its name (`Directing`, ...).
    pub department: Option<String>,
    /// Its members, in source order.
    pub crew: Vec<CrewCredit>,
}

/// Everything the movie page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MoviePage {
    /// TMDB id.
    pub id: i64,
    /// Title, when the movie is in movies_metadata.csv.
    pub title: Option<String>,
    /// Its `movies_master` row (empty when the movie is only in the credits or keywords).
    pub row: Vec<Field>,
    /// Genres.
    pub genres: Vec<NamedRef>,
    /// Production companies.
    pub companies: Vec<NamedRef>,
    /// The collection it belongs to.
    pub collection: Option<NamedRef>,
    /// Cast, in billing order.
    pub cast: Vec<CastCredit>,
    /// Crew, by department (Directing, Writing, Production first).
    pub crew: Vec<Department>,
    /// Keywords.
    pub keywords: Vec<String>,
    /// MovieLens ids linked to it.
    pub movielens_ids: Vec<i64>,
    /// Their ratings.
    pub ratings: RatingSummary,
    /// Whether credits, keywords, links and ratings were read (else they are empty
    /// because the load has not got there yet).
    pub credits_read: bool,
}

/// Departments shown first, in this order; the others follow by name.
const FIRST_DEPARTMENTS: [&str; 3] = ["Directing", "Writing", "Production"];

fn department_rank(name: Option<&str>) -> (usize, Option<&str>) {
    let first = name.and_then(|n| FIRST_DEPARTMENTS.iter().position(|d| *d == n));
    (first.unwrap_or(FIRST_DEPARTMENTS.len()), name)
}

impl Explorer {
    fn person_id(&self, credit: &Credit) -> Option<i64> {
        (credit.person != NONE).then(|| self.credits().people()[credit.person as usize].id)
    }

    /// The page of the TMDB movie `id`, or `None` when no file mentions it.
    pub fn movie_page(&self, kept: &Kept, id: i64) -> Option<MoviePage> {
        let movie = self.movie(&kept.movies, id);
        let credits = self.credits();
        let of_movie = credits.of_movie(id);
        let keywords: Vec<String> = credits.keywords_of(id).map(str::to_owned).collect();
        if movie.is_none() && of_movie.is_empty() && keywords.is_empty() {
            return None;
        }
        let text = |handle: u32| credits.text(handle).map(str::to_owned);
        let cast = of_movie
            .iter()
            .filter(|c| c.kind == Kind::Cast)
            .map(|c| CastCredit {
                person_id: self.person_id(c),
                name: text(c.name),
                character: text(c.role),
                order: (c.order != u32::MAX).then_some(c.order),
            })
            .collect();
        let mut crew: Vec<(u32, Department)> = Vec::new();
        for c in of_movie.iter().filter(|c| c.kind == Kind::Crew) {
            let member = CrewCredit { person_id: self.person_id(c), name: text(c.name), job: text(c.role) };
            match crew.iter_mut().find(|(d, _)| *d == c.department) {
                Some((_, department)) => department.crew.push(member),
                None => crew.push((c.department, Department { department: text(c.department), crew: vec![member] })),
            }
        }
        crew.sort_by(|a, b| {
            department_rank(a.1.department.as_deref()).cmp(&department_rank(b.1.department.as_deref()))
        });
        Some(MoviePage {
            id,
            title: movie.and_then(|m| m.title.clone()),
            row: movie.map(movie_row).unwrap_or_default(),
            genres: movie.map(|m| m.genres.iter().map(NamedRef::from).collect()).unwrap_or_default(),
            companies: movie.map(|m| m.companies.iter().map(NamedRef::from).collect()).unwrap_or_default(),
            collection: movie.and_then(|m| Some(NamedRef { id: m.collection_id?, name: m.collection_name.clone() })),
            cast,
            crew: crew.into_iter().map(|(_, d)| d).collect(),
            keywords,
            movielens_ids: self.movielens_ids(id).collect(),
            ratings: self.rating_summary(kept, id),
            credits_read: self.credits_read(),
        })
    }
}
