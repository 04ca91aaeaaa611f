//! Chooses which movies carry a quirk, so that no movie gets two by accident.

use crate::catalog::Movie;
use crate::rng::Rng;

/// Catalog indices in a fixed random order, each handed out at most once.
pub(crate) struct Targets {
    order: Vec<usize>,
    used: Vec<bool>,
}

impl Targets {
    /// A random order over `n` catalog indices.
    pub(crate) fn new(rng: &mut Rng, n: usize) -> Self {
        let mut order: Vec<usize> = (0..n).collect();
        rng.shuffle(&mut order);
        Targets { order, used: vec![false; n] }
    }

    /// The next unused movie that satisfies `fits`, marked used.
    pub(crate) fn take(&mut self, movies: &[Movie], fits: impl Fn(&Movie) -> bool) -> usize {
        let i = *self
            .order
            .iter()
            .find(|&&i| !self.used[i] && fits(&movies[i]))
            .expect("the catalog has a movie for every quirk");
        self.used[i] = true;
        i
    }

    /// The next unused movie, marked used.
    pub(crate) fn any(&mut self, movies: &[Movie]) -> usize {
        self.take(movies, |_| true)
    }
}
