//! Generates the five files and the quirk list together, from one fixed seed.

use crate::catalog;
use crate::companies::Companies;
use crate::quirks::{Quirk, QuirkLog};
use crate::rng::Rng;
use crate::targets::Targets;
use crate::{credits, defects, keywords, links, movies, people, ratings, showcase, SampleFile};

const SEED: u64 = 0x5eed_2017_1110;

/// Everything the sample is made of.
pub(crate) struct Dataset {
    /// The five CSV files.
    pub(crate) files: Vec<SampleFile>,
    /// Every injected quirk, in injection order.
    pub(crate) quirks: Vec<Quirk>,
}

/// Builds the sample. Each part draws from its own random stream, so changing one file's
/// generator leaves the others as they were.
pub(crate) fn generate() -> Dataset {
    let companies = Companies::generate(&mut Rng::stream(SEED, "companies"));
    let mut movies = catalog::generate(&mut Rng::stream(SEED, "catalog"), &companies);
    let mut targets = Targets::new(&mut Rng::stream(SEED, "targets"), movies.len());
    let mut log = QuirkLog::default();
    showcase::apply(&mut movies, &companies, &mut targets, &mut Rng::stream(SEED, "showcase"), &mut log);
    let injected = defects::inject(&movies, &mut targets, &mut Rng::stream(SEED, "defects"), &mut log);
    let linked: Vec<usize> = (0..movies.len()).filter(|i| !injected.lost_ids.contains(i)).collect();
    let people = people::generate(&mut Rng::stream(SEED, "people"));
    let credits = credits::write(&movies, &linked, &people, &mut targets, &mut Rng::stream(SEED, "credits"), &mut log);
    let keywords = keywords::write(&movies, &linked, &mut targets, &mut Rng::stream(SEED, "keywords"), &mut log);
    let (links, lens) = links::write(&movies, &linked, &mut Rng::stream(SEED, "links"), &mut log);
    let ratings = ratings::write(&lens, &mut Rng::stream(SEED, "ratings"), &mut log);
    let file = |name, bytes| SampleFile { name, bytes };
    Dataset {
        files: vec![
            file(movies::FILE, movies::write(&injected.records)),
            file(credits::FILE, credits),
            file(keywords::FILE, keywords),
            file(links::FILE, links),
            file(ratings::FILE, ratings),
        ],
        quirks: log.into_vec(),
    }
}
