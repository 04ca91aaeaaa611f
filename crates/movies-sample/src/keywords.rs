//! `keywords.csv`: `id,keywords`, one row per movie (about a third `[]`), keyword lists
//! sorted by keyword id like the real file, CRLF line endings, plus one duplicated row.

use std::collections::HashSet;

use crate::catalog::Movie;
use crate::csv_out::{CsvText, Eol};
use crate::names;
use crate::pylit::{self, Py};
use crate::quirks::{QuirkKind, QuirkLog};
use crate::rng::Rng;
use crate::targets::Targets;

/// File name.
pub(crate) const FILE: &str = "keywords.csv";

/// A keyword with an apostrophe, forced onto one movie (written in double quotes).
const APOSTROPHE_KEYWORD: &str = "grandmother's recipe";

/// Writes the file for the catalog movies at `linked` (catalog order), logging quirks.
pub(crate) fn write(
    movies: &[Movie],
    linked: &[usize],
    targets: &mut Targets,
    rng: &mut Rng,
    log: &mut QuirkLog,
) -> Vec<u8> {
    let mut used_ids = HashSet::new();
    let vocabulary: Vec<(i64, &str)> = names::keywords()
        .iter()
        .copied()
        .chain([APOSTROPHE_KEYWORD])
        .map(|word| loop {
            let id = rng.range(100, 250_000);
            if used_ids.insert(id) {
                break (id, word);
            }
        })
        .collect();
    let apostrophe = *vocabulary.last().expect("vocabulary");

    let duplicate = targets.any(movies);
    log.add(FILE, Some(movies[duplicate].id), QuirkKind::DuplicateIdExact);
    let quoted = targets.any(movies);
    log.add(FILE, Some(movies[quoted].id), QuirkKind::DoubleQuotedString);
    let empty = targets.any(movies);
    log.add(FILE, Some(movies[empty].id), QuirkKind::EmptyList);
    log.add(FILE, None, QuirkKind::CrlfLineEndings);

    let mut out = CsvText::new(Eol::CrLf);
    out.record(&["id", "keywords"]);
    for &i in linked {
        let mut chosen: Vec<(i64, &str)> = Vec::new();
        if i != empty && (i == quoted || rng.chance(0.67)) {
            for _ in 0..rng.range(1, 8) {
                let k = *rng.pick(&vocabulary[..vocabulary.len() - 1]);
                if !chosen.contains(&k) {
                    chosen.push(k);
                }
            }
            if i == quoted {
                chosen.push(apostrophe);
            }
            chosen.sort_unstable();
        }
        let literal = pylit::list_of(&chosen, |&(id, name)| vec![("id", Py::Int(id)), ("name", Py::Str(name))]);
        let row = [movies[i].id.to_string(), literal];
        out.record(&row);
        if i == duplicate {
            out.record(&row);
        }
    }
    out.into_bytes()
}
