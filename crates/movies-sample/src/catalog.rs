//! The clean movie catalog: ~1,500 invented movies with plausible values, before any
//! defect is written into the files.

use std::collections::HashSet;

use crate::companies::Companies;
use crate::names;
use crate::reference::{COUNTRIES, GENRES};
use crate::rng::{Rng, Weighted};

/// Number of distinct movies in the catalog.
pub(crate) const MOVIES: usize = 1_500;
const FIRST_YEAR: i32 = 1950;
const LAST_YEAR: i32 = 2017;

/// A `belongs_to_collection` value.
pub(crate) struct Collection {
    /// TMDB collection id.
    pub(crate) id: i64,
    /// Collection name.
    pub(crate) name: String,
    /// Backdrop image path (the poster path is `None`).
    pub(crate) backdrop: String,
}

/// One movie, with the clean values its row will be written from.
pub(crate) struct Movie {
    pub(crate) id: i64,
    pub(crate) imdb: u32,
    pub(crate) title: String,
    pub(crate) original_title: String,
    /// Index into `reference::LANGUAGES`.
    pub(crate) language: usize,
    pub(crate) overview: String,
    pub(crate) tagline: String,
    pub(crate) homepage: String,
    pub(crate) poster: String,
    /// Year, month, day.
    pub(crate) date: Option<(i32, u32, u32)>,
    /// 0 = unknown.
    pub(crate) budget: u64,
    /// 0 = unknown.
    pub(crate) revenue: u64,
    pub(crate) popularity: f64,
    pub(crate) runtime: Option<f64>,
    pub(crate) vote_average: f64,
    pub(crate) vote_count: u32,
    /// Indices into `reference::GENRES`.
    pub(crate) genres: Vec<usize>,
    /// `(company id, name as listed)`.
    pub(crate) companies: Vec<(i64, String)>,
    /// Indices into `reference::COUNTRIES`.
    pub(crate) countries: Vec<usize>,
    /// Indices into `reference::LANGUAGES`.
    pub(crate) spoken: Vec<usize>,
    pub(crate) status: &'static str,
    pub(crate) adult: bool,
    pub(crate) video: bool,
    pub(crate) collection: Option<Collection>,
}

/// Draws the whole catalog.
pub(crate) fn generate(rng: &mut Rng, companies: &Companies) -> Vec<Movie> {
    let years: Vec<i32> = (FIRST_YEAR..=LAST_YEAR).collect();
    let year_weights = Weighted::new(years.iter().map(|&y| {
        let w = (0.045 * f64::from(y - FIRST_YEAR)).exp();
        if y == LAST_YEAR {
            w * 0.35 // the dataset ends in mid-2017
        } else {
            w
        }
    }));
    let genre_weights = Weighted::new(GENRES.iter().map(|g| g.weight));
    let genre_count = Weighted::new([5.0, 36.0, 31.0, 19.0, 6.5, 2.0, 0.5]);
    let company_count = Weighted::new([26.0, 27.0, 25.0, 13.0, 5.0, 2.5, 1.5]);
    let country_weights = Weighted::new(COUNTRIES.iter().map(|c| c.weight));
    let mut ids = HashSet::new();
    let mut imdbs = HashSet::new();
    (0..MOVIES)
        .map(|_| {
            let id = unique(rng, &mut ids, 2, 470_000);
            let imdb = unique(rng, &mut imdbs, 35_000, 7_999_999) as u32;
            let year = years[year_weights.sample(rng)];
            let month = rng.range(1, 12) as u32;
            let date = Some((year, month, rng.range(1, days_in_month(year, month).into()) as u32));
            let popularity = popularity(rng);
            let (budget, revenue) = money(rng, year, popularity);
            let vote_count = (rng.lognormal(1.5 + 1.1 * popularity.ln().max(-2.0), 1.2)) as u32;
            let vote_average =
                if vote_count == 0 { 0.0 } else { (10.0 * (6.1 + 1.1 * rng.normal()).clamp(1.0, 9.5)).round() / 10.0 };
            let mut genres = Vec::new();
            for _ in 0..genre_count.sample(rng) {
                let g = genre_weights.sample(rng);
                if !genres.contains(&g) {
                    genres.push(g);
                }
            }
            let mut listed: Vec<(i64, String)> = Vec::new();
            for _ in 0..company_count.sample(rng) {
                let c = companies.pick_for_year(rng, year);
                if !listed.iter().any(|(id, _)| *id == c.id) {
                    listed.push((c.id, c.name.clone()));
                }
            }
            let mut countries = vec![country_weights.sample(rng)];
            if rng.chance(0.2) {
                let extra = country_weights.sample(rng);
                if extra != countries[0] {
                    countries.push(extra);
                }
            }
            let language = COUNTRIES[countries[0]].language;
            let mut spoken = vec![language];
            if language != 0 && rng.chance(0.3) {
                spoken.push(0);
            }
            if rng.chance(0.04) {
                countries.clear();
            }
            if rng.chance(0.03) {
                spoken.clear();
            }
            let title = names::title(rng);
            Movie {
                id,
                imdb,
                original_title: title.clone(),
                homepage: if rng.chance(0.04 + 0.004 * f64::from(year - FIRST_YEAR)) {
                    format!("http://www.{}.com/", names::slug(&title))
                } else {
                    String::new()
                },
                title,
                language,
                overview: if rng.chance(0.98) { names::overview(rng) } else { String::new() },
                tagline: if rng.chance(0.45) { names::tagline(rng) } else { String::new() },
                poster: if rng.chance(0.97) { rng.image_path() } else { String::new() },
                date,
                budget,
                revenue,
                popularity,
                runtime: runtime(rng),
                vote_average,
                vote_count,
                genres,
                companies: listed,
                countries,
                spoken,
                status: status(rng, year),
                adult: false,
                video: false,
                collection: None,
            }
        })
        .collect()
}

/// A fresh value in `lo..=hi` not in `used`.
fn unique(rng: &mut Rng, used: &mut HashSet<i64>, lo: i64, hi: i64) -> i64 {
    loop {
        let v = rng.range(lo, hi);
        if used.insert(v) {
            return v;
        }
    }
}

/// Days in a month of the proleptic Gregorian calendar.
pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Skewed popularity: most movies below 3, a few above 50 (6 decimals, like TMDB).
fn popularity(rng: &mut Rng) -> f64 {
    let mut p = rng.lognormal(0.1, 1.2);
    if rng.chance(0.006) {
        p *= 12.0; // the handful of blockbusters
    }
    (p.max(0.001) * 1e6).round() / 1e6
}

/// Budget and revenue, 0 meaning unknown: ~80% of budgets and ~84% of revenues are 0, and
/// known budgets grow with the year; popular movies are more often documented.
fn money(rng: &mut Rng, year: i32, popularity: f64) -> (u64, u64) {
    let p_budget = if popularity > 8.0 { 0.75 } else { 0.17 };
    let budget = if rng.chance(p_budget) {
        let median = 9e5 * (0.045 * f64::from(year - FIRST_YEAR)).exp();
        round_money(rng.lognormal(median.ln(), 0.9))
    } else {
        0
    };
    let revenue = if budget > 0 && rng.chance(0.6) {
        (budget as f64 * rng.lognormal(0.45, 1.0)) as u64
    } else if budget == 0 && rng.chance(0.05) {
        rng.lognormal(15.0, 1.6) as u64
    } else {
        0
    };
    (budget, revenue)
}

/// Budgets are round numbers (`3500000`, `27000`).
fn round_money(v: f64) -> u64 {
    let step = if v >= 1e6 { 1e5 } else { 1e3 };
    ((v / step).round() * step).max(step) as u64
}

fn runtime(rng: &mut Rng) -> Option<f64> {
    match rng.below(100) {
        0 => None,
        1 | 2 => Some(0.0),
        _ => Some((100.0 + 18.0 * rng.normal()).clamp(62.0, 210.0).round()),
    }
}

fn status(rng: &mut Rng, year: i32) -> &'static str {
    match rng.below(400) {
        0 => "",
        1 | 2 => "Rumored",
        3..=40 if year == LAST_YEAR => "Post Production",
        _ => "Released",
    }
}
