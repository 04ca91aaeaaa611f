//! The invented production companies: ~150 with TMDB-like ids, a few big studios active
//! in every year, many small ones active for a few decades, and some names chosen to
//! exercise the literal syntax.

use std::collections::HashSet;

use crate::names;
use crate::rng::{Rng, Weighted};

/// A name with an apostrophe: the literal writes it in double quotes.
pub(crate) const APOSTROPHE: &str = "Children's Film Studio";
/// A name with both quote kinds: the literal escapes the apostrophe (`\'`).
pub(crate) const BOTH_QUOTES: &str = "Kestrel's \"Night Owl\" Pictures";
/// A name used by two different company ids.
pub(crate) const SHARED: &str = "Northwind Pictures";
/// A company listed under two spellings of its name (same id).
pub(crate) const VARIANT: &str = "Redwood Films";
/// The other spelling of [`VARIANT`].
pub(crate) const VARIANT_ALT: &str = "Redwood Films Ltd.";

const BIG: [(&str, f64); 6] = [
    ("Meridian Pictures", 40.0),
    ("Starling Bros. Studios", 32.0),
    ("Monarch Film Company", 26.0),
    ("Paragon Entertainment", 20.0),
    ("Bluebird Motion Pictures", 16.0),
    ("Lodestar Media", 12.0),
];

const SPECIAL: [&str; 8] =
    [APOSTROPHE, BOTH_QUOTES, SHARED, SHARED, VARIANT, "Cinéma Lumière du Sud", "北辰映画", "Złota Klatka Film"];

const TOTAL: usize = 150;

/// One production company.
pub(crate) struct Company {
    /// TMDB-like company id (unique).
    pub(crate) id: i64,
    /// Name (not unique: see [`SHARED`]).
    pub(crate) name: String,
    first_year: i32,
    last_year: i32,
}

/// The company pool with its popularity weights.
pub(crate) struct Companies {
    list: Vec<Company>,
    weights: Weighted,
}

impl Companies {
    /// Builds the pool.
    pub(crate) fn generate(rng: &mut Rng) -> Self {
        let mut ids = HashSet::new();
        let mut names: HashSet<String> = HashSet::new();
        let mut list = Vec::with_capacity(TOTAL);
        let mut weights = Vec::with_capacity(TOTAL);
        let mut fresh_id = |rng: &mut Rng| loop {
            let id = rng.range(1, 99_999);
            if ids.insert(id) {
                return id;
            }
        };
        for (name, weight) in BIG {
            list.push(Company { id: fresh_id(rng), name: name.to_string(), first_year: 1950, last_year: 2017 });
            names.insert(name.to_string());
            weights.push(weight);
        }
        while list.len() < TOTAL {
            let name = match SPECIAL.get(list.len() - BIG.len()) {
                Some(special) => special.to_string(),
                None => names::company(rng),
            };
            if !names.insert(name.clone()) && name != SHARED {
                continue;
            }
            let first_year = rng.range(1950, 2010) as i32;
            let span = rng.range(12, 50) as i32;
            list.push(Company { id: fresh_id(rng), name, first_year, last_year: (first_year + span).min(2017) });
            weights.push(rng.lognormal(0.0, 0.8));
        }
        Companies { weights: Weighted::new(weights), list }
    }

    /// A company active in `year`, chosen by weight (big studios most often).
    pub(crate) fn pick_for_year(&self, rng: &mut Rng, year: i32) -> &Company {
        for _ in 0..40 {
            let c = &self.list[self.weights.sample(rng)];
            if (c.first_year..=c.last_year).contains(&year) {
                return c;
            }
        }
        &self.list[rng.below(BIG.len())]
    }

    /// Every company with exactly this name, in pool order.
    pub(crate) fn named(&self, name: &str) -> Vec<&Company> {
        self.list.iter().filter(|c| c.name == name).collect()
    }
}
