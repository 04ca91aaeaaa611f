//! The known defects of the real `movies_metadata.csv`, written into chosen rows: split
//! records, duplicate ids, float and unparsable money, bad dates, spreadsheet re-saves, a
//! malformed literal and bad ids.

use crate::catalog::Movie;
use crate::movies::{col, fields, FILE};
use crate::pylit;
use crate::quirks::{QuirkKind, QuirkLog};
use crate::record::Record;
use crate::rng::Rng;
use crate::targets::Targets;

/// The movies file's records, and the catalog indices whose id was destroyed (these
/// movies get no credits, keywords or links).
pub(crate) struct Injected {
    /// Records in file order.
    pub(crate) records: Vec<Record>,
    /// Catalog indices of the rows with id `0` or a non-numeric id.
    pub(crate) lost_ids: Vec<usize>,
}

/// Renders every movie and injects the defects, logging each one.
pub(crate) fn inject(movies: &[Movie], targets: &mut Targets, rng: &mut Rng, log: &mut QuirkLog) -> Injected {
    let mut rows: Vec<Vec<String>> = movies.iter().map(fields).collect();
    let mut note = |i: usize, kind| log.add(FILE, Some(movies[i].id), kind);

    let mut splits = Vec::new();
    for _ in 0..3 {
        // The second half puts the release date in `id` and the poster path in `budget`.
        let i = targets.take(movies, |m| m.date.is_some() && !m.poster.is_empty() && !m.overview.is_empty());
        let words: Vec<String> =
            movies[i].overview.split_whitespace().take(12).map(|w| w.replace([',', '"'], "")).collect();
        let tail = format!(" - Written by {}", crate::names::plain_person(rng));
        splits.push((i, words.join(" "), tail));
        note(i, QuirkKind::SplitRecord);
    }

    let mut copies = Vec::new();
    for kind in [
        QuirkKind::DuplicateIdExact,
        QuirkKind::DuplicateIdExact,
        QuirkKind::DuplicateIdExact,
        QuirkKind::DuplicateIdOtherPopularity,
    ] {
        let i = targets.any(movies);
        let mut copy = rows[i].clone();
        if kind == QuirkKind::DuplicateIdOtherPopularity {
            let other = (movies[i].popularity * 1.5 + 0.25) * 1e6;
            copy[col::POPULARITY] = pylit::float(other.round() / 1e6);
        }
        let after = rng.range(i as i64, movies.len() as i64 - 1) as usize;
        copies.push((after, copy));
        note(i, kind);
    }

    for (column, kind) in [
        (col::BUDGET, QuirkKind::FloatBudget),
        (col::BUDGET, QuirkKind::FloatBudget),
        (col::REVENUE, QuirkKind::FloatRevenue),
        (col::REVENUE, QuirkKind::FloatRevenue),
    ] {
        let i = targets.take(movies, |m| if column == col::BUDGET { m.budget > 0 } else { m.revenue > 0 });
        rows[i][column].push_str(".0");
        note(i, kind);
    }

    for text in ["unknown", "1,500,000"] {
        let i = targets.any(movies);
        rows[i][col::BUDGET] = text.to_string();
        note(i, QuirkKind::UnparsableBudget);
    }

    for _ in 0..6 {
        let i = targets.any(movies);
        rows[i][col::RELEASE_DATE].clear();
        note(i, QuirkKind::EmptyReleaseDate);
    }

    let i = targets.any(movies);
    rows[i][col::RELEASE_DATE] = "2015-02-30".to_string();
    note(i, QuirkKind::ImpossibleReleaseDate);

    for video in ["FALSE", "TRUE"] {
        let i = targets.any(movies);
        let (y, m, d) = movies[i].date.expect("catalog dates are set");
        rows[i][col::RELEASE_DATE] = format!("{m}/{d}/{y}");
        rows[i][col::ADULT] = "FALSE".to_string();
        rows[i][col::VIDEO] = video.to_string();
        note(i, QuirkKind::SpreadsheetDate);
        note(i, QuirkKind::SpreadsheetBoolean);
    }

    let i = targets.take(movies, |m| m.genres.len() >= 2);
    let genres = &mut rows[i][col::GENRES];
    genres.truncate(genres.len() - "}]".len());
    note(i, QuirkKind::MalformedLiteral);

    let zero = targets.any(movies);
    rows[zero][col::ID] = "0".to_string();
    log.add(FILE, Some(0), QuirkKind::ZeroId);
    let typo = targets.take(movies, |m| m.id.to_string().contains('0'));
    rows[typo][col::ID] = movies[typo].id.to_string().replace('0', "O");
    log.add(FILE, None, QuirkKind::NonNumericId);

    let mut records: Vec<Record> = rows.into_iter().map(Record::Row).collect();
    for (i, head, tail) in splits {
        if let Record::Row(fields) = std::mem::replace(&mut records[i], Record::Row(Vec::new())) {
            records[i] = Record::Split { fields, head, tail };
        }
    }
    copies.sort_by_key(|&(after, _)| std::cmp::Reverse(after));
    for (after, copy) in copies {
        records.insert(after + 1, Record::Row(copy));
    }
    Injected { records, lost_ids: vec![zero, typo] }
}
