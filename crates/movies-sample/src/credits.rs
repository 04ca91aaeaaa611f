//! `credits.csv`: `cast,crew,id`, one row per movie with cast and crew literals (CRLF line
//! endings like the real file), plus one duplicated row.

use crate::catalog::Movie;
use crate::csv_out::{CsvText, Eol};
use crate::names;
use crate::people::{People, Person};
use crate::pylit::{self, Py};
use crate::quirks::{QuirkKind, QuirkLog};
use crate::rng::Rng;
use crate::targets::Targets;

/// File name.
pub(crate) const FILE: &str = "credits.csv";

const CREW_JOBS: [(&str, &str); 8] = [
    ("Directing", "Director"),
    ("Writing", "Screenplay"),
    ("Production", "Producer"),
    ("Sound", "Original Music Composer"),
    ("Camera", "Director of Photography"),
    ("Editing", "Editor"),
    ("Writing", "Writer"),
    ("Production", "Casting"),
];

/// Characters forced onto chosen movies to exercise the literal quoting.
const APOSTROPHE_CHARACTER: &str = "Mrs. Fenwick's Parrot";
const BOTH_QUOTES_CHARACTER: &str = "Mickey 'The Ear' \"Slim\" Doyle";

struct CastEntry<'a> {
    cast_id: i64,
    character: String,
    credit_id: String,
    person: &'a Person,
}

struct CrewEntry<'a> {
    credit_id: String,
    job: (&'static str, &'static str),
    person: &'a Person,
}

/// What a chosen movie's credits must show.
#[derive(Clone, Copy, PartialEq)]
enum Forced {
    Nothing,
    NoPhoto,
    Character(&'static str),
    NonAsciiName,
    NoCast,
}

/// Writes the file for the catalog movies at `linked` (catalog order), logging quirks.
pub(crate) fn write(
    movies: &[Movie],
    linked: &[usize],
    people: &People,
    targets: &mut Targets,
    rng: &mut Rng,
    log: &mut QuirkLog,
) -> Vec<u8> {
    let duplicate = targets.any(movies);
    log.add(FILE, Some(movies[duplicate].id), QuirkKind::DuplicateIdExact);
    let mut forced = vec![Forced::Nothing; movies.len()];
    for (what, kind) in [
        (Forced::NoPhoto, QuirkKind::NoneInLiteral),
        (Forced::Character(APOSTROPHE_CHARACTER), QuirkKind::DoubleQuotedString),
        (Forced::Character(BOTH_QUOTES_CHARACTER), QuirkKind::BackslashEscape),
        (Forced::NonAsciiName, QuirkKind::NonAsciiText),
        (Forced::NoCast, QuirkKind::EmptyList),
    ] {
        let i = targets.any(movies);
        forced[i] = what;
        log.add(FILE, Some(movies[i].id), kind);
    }
    log.add(FILE, None, QuirkKind::CrlfLineEndings);

    let mut out = CsvText::new(Eol::CrLf);
    out.record(&["cast", "crew", "id"]);
    for &i in linked {
        let mut ids = CreditIds::new(rng);
        let row = [
            cast_literal(rng, &mut ids, people, forced[i]),
            crew_literal(rng, &mut ids, people),
            movies[i].id.to_string(),
        ];
        out.record(&row);
        if i == duplicate {
            out.record(&row);
        }
    }
    out.into_bytes()
}

/// Machine parts of the credit ids: a few import servers wrote most of them.
const MACHINES: [&str; 5] = ["a7d10b32e4", "5e6f90c1d2", "b3c82a0f51", "e91d47a6c0", "4f2b86d9e7"];

/// MongoDB-ObjectId-like credit ids: a time and machine prefix shared by a movie, then a
/// counter.
struct CreditIds {
    prefix: String,
    counter: u32,
}

impl CreditIds {
    fn new(rng: &mut Rng) -> Self {
        // Most credits came in one bulk import (a narrow time range), the rest later.
        let time = if rng.chance(0.7) {
            0x5391_0000 + rng.below(0x1_0000) as u64
        } else {
            0x53a0_0000 + rng.below(0x0600_0000) as u64
        };
        CreditIds { prefix: format!("{time:08x}{}", rng.pick(&MACHINES)), counter: rng.below(0xff_0000) as u32 }
    }

    fn next(&mut self) -> String {
        self.counter += 4;
        format!("{}{:06x}", self.prefix, self.counter)
    }
}

fn cast_literal(rng: &mut Rng, ids: &mut CreditIds, people: &People, forced: Forced) -> String {
    if forced == Forced::NoCast || rng.chance(0.03) {
        return "[]".to_string();
    }
    let mut cast_id = rng.range(1, 20);
    let mut cast: Vec<CastEntry> = Vec::new();
    for _ in 0..rng.range(1, 4) {
        let person = people.pick(rng);
        if cast.iter().any(|c| c.person.id == person.id) {
            continue;
        }
        cast.push(CastEntry { cast_id, character: names::character(rng), credit_id: ids.next(), person });
        cast_id += rng.range(1, 2);
    }
    let lead = &mut cast[0];
    match forced {
        Forced::NoPhoto => lead.person = people.find(|p| p.profile.is_none()),
        Forced::NonAsciiName => lead.person = people.find(|p| !p.name.is_ascii()),
        Forced::Character(character) => lead.character = character.to_string(),
        Forced::Nothing | Forced::NoCast => {}
    }
    let mut order = 0;
    pylit::list_of(&cast, |c| {
        order += 1;
        vec![
            ("cast_id", Py::Int(c.cast_id)),
            ("character", Py::Str(&c.character)),
            ("credit_id", Py::Str(&c.credit_id)),
            ("gender", Py::Int(c.person.gender)),
            ("id", Py::Int(c.person.id)),
            ("name", Py::Str(&c.person.name)),
            ("order", Py::Int(order - 1)),
            ("profile_path", Py::OptStr(c.person.profile.as_deref())),
        ]
    })
}

fn crew_literal(rng: &mut Rng, ids: &mut CreditIds, people: &People) -> String {
    if rng.chance(0.01) {
        return "[]".to_string();
    }
    let crew: Vec<CrewEntry> = (0..[1, 1, 2, 2, 3][rng.below(5)])
        .map(|k| CrewEntry {
            credit_id: ids.next(),
            job: if k == 0 { CREW_JOBS[0] } else { *rng.pick(&CREW_JOBS) },
            person: people.pick(rng),
        })
        .collect();
    pylit::list_of(&crew, |c| {
        vec![
            ("credit_id", Py::Str(&c.credit_id)),
            ("department", Py::Str(c.job.0)),
            ("gender", Py::Int(c.person.gender)),
            ("id", Py::Int(c.person.id)),
            ("job", Py::Str(c.job.1)),
            ("name", Py::Str(&c.person.name)),
            ("profile_path", Py::OptStr(c.person.profile.as_deref())),
        ]
    })
}
