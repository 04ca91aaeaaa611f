//! The invented people who make up cast and crew.

use std::collections::HashSet;

use crate::names;
use crate::rng::{Rng, Weighted};

const PEOPLE: usize = 400;

/// One person, with TMDB-like id, gender code (0 unknown, 1 female, 2 male) and photo.
pub(crate) struct Person {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) gender: i64,
    /// `None` for about 55% of the people, as in the real credits.
    pub(crate) profile: Option<String>,
}

/// The people, and how often each works: a few are in many films, most in a handful.
pub(crate) struct People {
    list: Vec<Person>,
    weights: Weighted,
}

impl People {
    /// A person, chosen by how often they work.
    pub(crate) fn pick(&self, rng: &mut Rng) -> &Person {
        &self.list[self.weights.sample(rng)]
    }

    /// The first person (in pool order) that `fits`.
    pub(crate) fn find(&self, fits: impl Fn(&Person) -> bool) -> &Person {
        self.list.iter().find(|p| fits(p)).expect("the pool has such a person")
    }
}

/// Builds the pool; ids are unique.
pub(crate) fn generate(rng: &mut Rng) -> People {
    let mut ids = HashSet::new();
    let mut people = Vec::with_capacity(PEOPLE);
    while people.len() < PEOPLE {
        let id = rng.range(1, 1_900_000);
        if !ids.insert(id) {
            continue;
        }
        people.push(Person {
            id,
            name: names::person(rng),
            gender: [0, 1, 1, 2, 2, 2][rng.below(6)],
            profile: rng.chance(0.45).then(|| rng.image_path()),
        });
    }
    People { weights: Weighted::new((0..PEOPLE).map(|rank| 1.0 / (rank as f64 + 3.0))), list: people }
}
