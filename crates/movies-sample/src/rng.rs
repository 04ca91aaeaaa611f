//! A tiny deterministic PRNG (SplitMix64) and the sampling helpers the generators need.
//!
//! No external crate: the sample must be byte-identical on every platform and every run,
//! so the generator owns its random numbers.

/// SplitMix64 generator (Steele, Lea, Flood 2014): fast, good enough for synthetic data.
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator for one named stream, so each file has its own independent sequence.
    pub(crate) fn stream(seed: u64, stream: &str) -> Self {
        let mut state = seed;
        for b in stream.bytes() {
            state = (state ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        Rng(state)
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform integer in `0..n` (`n > 0`), by multiply-shift (bias is negligible here).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform integer in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    /// Uniform float in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// `true` with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Standard normal deviate (Box-Muller).
    pub(crate) fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.unit(); // (0, 1]
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    /// Log-normal deviate: `exp(mu + sigma * N(0, 1))`.
    pub(crate) fn lognormal(&mut self, mu: f64, sigma: f64) -> f64 {
        (mu + sigma * self.normal()).exp()
    }

    /// A uniformly chosen element of a non-empty slice.
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Fisher-Yates shuffle.
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }

    /// A base-62 token of `len` characters (TMDB image paths look like this).
    pub(crate) fn token(&mut self, len: usize) -> String {
        const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        (0..len).map(|_| char::from(*self.pick(ALPHABET))).collect()
    }

    /// A TMDB-like image path: `/` + 27 base-62 characters + `.jpg`.
    pub(crate) fn image_path(&mut self) -> String {
        format!("/{}.jpg", self.token(27))
    }
}

/// Cumulative weights for repeated weighted choices.
pub(crate) struct Weighted(Vec<f64>);

impl Weighted {
    /// Table over `weights` (non-negative, at least one positive).
    pub(crate) fn new(weights: impl IntoIterator<Item = f64>) -> Self {
        let mut total = 0.0;
        Weighted(
            weights
                .into_iter()
                .map(|w| {
                    total += w;
                    total
                })
                .collect(),
        )
    }

    /// Index of the chosen weight.
    pub(crate) fn sample(&self, rng: &mut Rng) -> usize {
        let total = *self.0.last().expect("non-empty weights");
        let x = rng.unit() * total;
        self.0.partition_point(|&c| c <= x).min(self.0.len() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_deterministic_and_distinct() {
        let a: Vec<u64> = (0..4).map(|_| Rng::stream(7, "a").next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(Rng::stream(7, "a").next_u64(), Rng::stream(7, "b").next_u64());
    }

    #[test]
    fn ranges_stay_in_bounds() {
        let mut rng = Rng::stream(1, "t");
        for _ in 0..10_000 {
            let v = rng.range(-3, 5);
            assert!((-3..=5).contains(&v));
            let u = rng.unit();
            assert!((0.0..1.0).contains(&u));
        }
        let w = Weighted::new([0.0, 1.0, 0.0]);
        assert!((0..100).all(|_| w.sample(&mut rng) == 1));
    }
}
