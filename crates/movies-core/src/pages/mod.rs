//! What the movie and person pages and the title and name searches need, kept while
//! a load streams by: the credits and keywords ([`credits`]), the ratings' half-star
//! distributions ([`histogram`]), and searchable titles and names ([`text_index`]).
//!
//! [`PagesSink`] wraps another sink and feeds the builders; [`Explorer`] answers
//! from what they built and from the movies, links and ratings in [`Kept`].

pub mod credits;
pub mod histogram;
pub mod load;
mod movie;
mod person;
mod row;
mod search;
pub mod strings;
pub mod text_index;

use std::io;

pub use movie::{CastCredit, CrewCredit, Department, MoviePage, NamedRef};
pub use person::{PersonMovie, PersonPage, PersonRole, PersonYear};
pub use search::{PersonHit, TitleHit};

use self::credits::{CreditsBuilder, CreditsIndex};
use self::histogram::{RatingHistograms, RatingSummary};
use self::text_index::TextIndex;
use crate::kept::{Kept, RatingsByMovie};
use crate::model::{CastRow, CrewRow, Issue, KeywordRow, LinkRow, Movie, RatingRow};
use crate::sink::Sink;

/// A sink that passes every row on to `inner` and keeps what the pages need.
#[derive(Debug, Default)]
pub struct PagesSink<S> {
    /// The sink every row goes on to.
    pub inner: S,
    /// Cast, crew and keywords so far.
    pub credits: CreditsBuilder,
    /// Ratings per half star so far.
    pub histograms: RatingHistograms,
}

impl<S: Sink> PagesSink<S> {
    /// Wraps `inner`.
    pub fn new(inner: S) -> Self {
        PagesSink { inner, credits: CreditsBuilder::default(), histograms: RatingHistograms::default() }
    }
}

impl<S: Sink> Sink for PagesSink<S> {
    fn movie(&mut self, movie: Movie) -> io::Result<()> {
        self.inner.movie(movie)
    }
    fn keyword(&mut self, row: &KeywordRow<'_>) -> io::Result<()> {
        self.credits.keyword(row);
        self.inner.keyword(row)
    }
    fn cast(&mut self, row: &CastRow<'_>) -> io::Result<()> {
        self.credits.cast(row);
        self.inner.cast(row)
    }
    fn crew(&mut self, row: &CrewRow<'_>) -> io::Result<()> {
        self.credits.crew(row);
        self.inner.crew(row)
    }
    fn link(&mut self, row: &LinkRow) -> io::Result<()> {
        self.inner.link(row)
    }
    fn rating(&mut self, row: &RatingRow) -> io::Result<()> {
        self.histograms.add(row.movielens_id, row.rating);
        self.inner.rating(row)
    }
    fn issue(&mut self, issue: &Issue) -> io::Result<()> {
        self.inner.issue(issue)
    }
    fn writes_rows(&self) -> bool {
        self.inner.writes_rows()
    }
}

/// Answers the pages and searches of one loaded dataset.
#[derive(Debug, Default)]
pub struct Explorer {
    /// Indices into the movies, by TMDB id.
    by_id: Vec<(i64, u32)>,
    /// Titles, most TMDB votes first; `title_order[i]` is the movie of entry `i`.
    titles: TextIndex,
    title_order: Vec<u32>,
    credits: CreditsIndex,
    /// Names, directors and actors first, then by credits; `name_order[i]` is the
    /// person of entry `i`.
    names: TextIndex,
    name_order: Vec<u32>,
    histograms: RatingHistograms,
    /// `(TMDB id, MovieLens id)` pairs of links_master, sorted.
    movielens: Vec<(i64, i64)>,
    ratings: RatingsByMovie,
    credits_read: bool,
}

impl Explorer {
    /// The movie lookups and title search, once movies_metadata.csv is read.
    pub fn with_movies(movies: &[Movie]) -> Self {
        let mut by_id: Vec<(i64, u32)> = movies.iter().enumerate().map(|(i, m)| (m.id, i as u32)).collect();
        by_id.sort_unstable();
        let mut title_order: Vec<u32> = (0..movies.len() as u32).collect();
        title_order.sort_by_key(|&i| std::cmp::Reverse(movies[i as usize].vote_count.unwrap_or(0)));
        let titles = TextIndex::new(title_order.iter().map(|&i| movies[i as usize].title.as_deref().unwrap_or("")));
        Explorer { by_id, titles, title_order, ..Explorer::default() }
    }

    /// Adds the credits, keywords and ratings once every file is read.
    pub fn finish<S>(&mut self, sink: PagesSink<S>, kept: &Kept) {
        self.credits = sink.credits.finish();
        let people = self.credits.people();
        let mut name_order: Vec<u32> = (0..people.len() as u32).collect();
        name_order.sort_by_key(|&i| search::person_rank(&people[i as usize]));
        self.names =
            TextIndex::new(name_order.iter().map(|&i| self.credits.text(people[i as usize].name).unwrap_or("")));
        self.name_order = name_order;
        self.histograms = sink.histograms;
        self.movielens = kept.links.iter().filter_map(|(ml, tmdb)| Some(((*tmdb)?, *ml))).collect();
        self.movielens.sort_unstable();
        self.ratings = kept.ratings_by_movie();
        self.credits_read = true;
    }

    /// Whether the credits, keywords and ratings are in (the load has ended).
    pub fn credits_read(&self) -> bool {
        self.credits_read
    }

    /// The movie with TMDB id `id` in `movies` (those this explorer was made with).
    pub fn movie<'m>(&self, movies: &'m [Movie], id: i64) -> Option<&'m Movie> {
        let at = self.by_id.binary_search_by_key(&id, |e| e.0).ok()?;
        movies.get(self.by_id[at].1 as usize)
    }

    /// The MovieLens ids linked to a TMDB movie.
    pub fn movielens_ids(&self, id: i64) -> impl Iterator<Item = i64> + '_ {
        let start = self.movielens.partition_point(|e| e.0 < id);
        self.movielens[start..].iter().take_while(move |e| e.0 == id).map(|e| e.1)
    }

    /// The ratings of a TMDB movie: those of every MovieLens movie linked to it.
    pub fn rating_summary(&self, kept: &Kept, id: i64) -> RatingSummary {
        let mut summary = RatingSummary::default();
        let mut sum = 0.0;
        for movielens_id in self.movielens_ids(id) {
            if let Some((count, total)) = kept.ratings.get(movielens_id) {
                summary.count += count;
                sum += total;
            }
            for (bin, n) in summary.bins.iter_mut().zip(self.histograms.get(movielens_id)) {
                *bin += u64::from(n);
            }
        }
        summary.mean = (summary.count > 0).then(|| sum / summary.count as f64);
        summary
    }

    /// Bytes held by the pages' indexes (beyond the movies themselves).
    pub fn bytes(&self) -> usize {
        self.by_id.capacity() * 16
            + self.titles.bytes()
            + (self.title_order.capacity() + self.name_order.capacity()) * 4
            + self.credits.bytes()
            + self.names.bytes()
            + self.histograms.bytes()
            + self.movielens.capacity() * 16
    }

    /// The credits index.
    pub fn credits(&self) -> &CreditsIndex {
        &self.credits
    }
}
