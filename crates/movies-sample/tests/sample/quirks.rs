//! Every quirk listed by `injected_quirks()` is really in the files, the defect lists are
//! exhaustive, and the table in the crate docs is the same list.

use std::collections::HashSet;

use movies_sample::{Quirk, QuirkKind};

use crate::pylit::{self, Value};
use crate::{bytes, listed_quirks, Table};

const ALL_KINDS: [QuirkKind; 32] = [
    QuirkKind::SplitRecord,
    QuirkKind::MultilineOverview,
    QuirkKind::DuplicateIdExact,
    QuirkKind::DuplicateIdOtherPopularity,
    QuirkKind::FloatBudget,
    QuirkKind::FloatRevenue,
    QuirkKind::UnparsableBudget,
    QuirkKind::EmptyReleaseDate,
    QuirkKind::ImpossibleReleaseDate,
    QuirkKind::SpreadsheetDate,
    QuirkKind::SpreadsheetBoolean,
    QuirkKind::MalformedLiteral,
    QuirkKind::ZeroId,
    QuirkKind::NonNumericId,
    QuirkKind::Collection,
    QuirkKind::NoneInLiteral,
    QuirkKind::TrueFlag,
    QuirkKind::DoubleQuotedString,
    QuirkKind::BackslashEscape,
    QuirkKind::NonAsciiText,
    QuirkKind::HtmlLikeText,
    QuirkKind::Profit,
    QuirkKind::Loss,
    QuirkKind::UnknownRevenue,
    QuirkKind::NoGenres,
    QuirkKind::NoCompanies,
    QuirkKind::SharedCompanyName,
    QuirkKind::CompanyNameVariant,
    QuirkKind::EmptyList,
    QuirkKind::MissingTmdbId,
    QuirkKind::OffGridRating,
    QuirkKind::CrlfLineEndings,
];

fn count(quirks: &[Quirk], file: &str, kind: QuirkKind) -> usize {
    quirks.iter().filter(|q| q.file == file && q.kind == kind).count()
}

fn ids(quirks: &[Quirk], file: &str, kind: QuirkKind) -> Vec<i64> {
    quirks.iter().filter(|q| q.file == file && q.kind == kind).map(|q| q.movie_id.expect("a movie id")).collect()
}

#[test]
fn every_kind_is_injected() {
    let kinds: HashSet<QuirkKind> = listed_quirks().iter().map(|q| q.kind).collect();
    assert_eq!(kinds, ALL_KINDS.into_iter().collect());
}

/// `(id, name)` of the companies of a movie row.
fn companies(movies: &Table, id: i64) -> Vec<(i64, String)> {
    let row = movies.by_id(id)[0];
    pylit::parse(movies.get(row, "production_companies"))
        .unwrap()
        .as_list()
        .iter()
        .map(|c| (c.int_at("id"), c.str_at("name").to_string()))
        .collect()
}

#[test]
fn movie_quirks_are_where_the_list_says() {
    let movies = Table::read("movies_metadata.csv");
    let quirks = listed_quirks();
    let file = "movies_metadata.csv";
    for q in quirks.iter().filter(|q| q.file == file) {
        let Some(id) = q.movie_id else {
            assert_eq!(q.kind, QuirkKind::NonNumericId);
            continue;
        };
        let rows = movies.by_id(id);
        let field = |column: &str| movies.get(rows[0], column);
        let money = |column: &str| field(column).parse::<f64>().unwrap();
        let what = format!("{q:?}");
        match q.kind {
            QuirkKind::SplitRecord => {
                let at = movies.records.iter().position(|r| r.len() == 10 && r[5] == id.to_string()).expect(&what);
                assert_eq!(movies.records[at + 1].len(), 15, "{what}");
                assert!(rows.is_empty(), "{what}");
            }
            QuirkKind::DuplicateIdExact => {
                assert_eq!(rows.len(), 2, "{what}");
                assert_eq!(rows[0], rows[1], "{what}");
            }
            QuirkKind::DuplicateIdOtherPopularity => {
                assert_eq!(rows.len(), 2, "{what}");
                let differ: Vec<&str> = movies
                    .header
                    .iter()
                    .zip(rows[0].iter().zip(rows[1].iter()))
                    .filter(|(_, (a, b))| a != b)
                    .map(|(c, _)| c)
                    .collect();
                assert_eq!(differ, ["popularity"], "{what}");
            }
            kind => {
                assert_eq!(rows.len(), 1, "{what}");
                let ok = match kind {
                    QuirkKind::MultilineOverview => field("overview").contains('\n'),
                    QuirkKind::FloatBudget => field("budget").ends_with(".0") && money("budget") > 0.0,
                    QuirkKind::FloatRevenue => field("revenue").ends_with(".0") && money("revenue") > 0.0,
                    QuirkKind::UnparsableBudget => field("budget").parse::<f64>().is_err(),
                    QuirkKind::EmptyReleaseDate => field("release_date").is_empty(),
                    QuirkKind::ImpossibleReleaseDate => field("release_date") == "2015-02-30",
                    QuirkKind::SpreadsheetDate => {
                        let parts: Vec<&str> = field("release_date").split('/').collect();
                        parts.len() == 3 && parts[2].len() == 4 && parts.iter().all(|p| p.parse::<u32>().is_ok())
                    }
                    QuirkKind::SpreadsheetBoolean => {
                        field("adult") == "FALSE" && ["FALSE", "TRUE"].contains(&field("video"))
                    }
                    QuirkKind::MalformedLiteral => pylit::parse(field("genres")).is_err(),
                    QuirkKind::ZeroId => field("id") == "0",
                    QuirkKind::Collection => {
                        let c = pylit::parse(field("belongs_to_collection")).unwrap();
                        c.int_at("id") > 0 && c.str_at("name").ends_with(" Collection")
                    }
                    QuirkKind::NoneInLiteral => {
                        let c = pylit::parse(field("belongs_to_collection")).unwrap();
                        c.get("poster_path") == Some(&Value::None)
                    }
                    QuirkKind::TrueFlag => field("video") == "True",
                    QuirkKind::DoubleQuotedString => {
                        field("production_companies").contains(": \"")
                            && companies(&movies, id).iter().any(|(_, n)| n.contains('\''))
                    }
                    QuirkKind::BackslashEscape => {
                        field("production_companies").contains("\\'")
                            && companies(&movies, id).iter().any(|(_, n)| n.contains('\'') && n.contains('"'))
                    }
                    QuirkKind::NonAsciiText => !field("original_title").is_ascii(),
                    QuirkKind::HtmlLikeText => {
                        let t = field("title");
                        t.contains("<b>") && t.contains("&amp;") && t.contains('"')
                    }
                    QuirkKind::Profit => money("revenue") > money("budget") && money("budget") > 0.0,
                    QuirkKind::Loss => money("revenue") < money("budget") && money("revenue") > 0.0,
                    QuirkKind::UnknownRevenue => money("budget") > 0.0 && money("revenue") == 0.0,
                    QuirkKind::NoGenres => field("genres") == "[]",
                    QuirkKind::NoCompanies => field("production_companies") == "[]",
                    QuirkKind::SharedCompanyName | QuirkKind::CompanyNameVariant => true,
                    other => panic!("unexpected {other:?} in {file}"),
                };
                assert!(ok, "{what}");
            }
        }
    }

    let shared = ids(quirks, file, QuirkKind::SharedCompanyName);
    let (a, b) = (companies(&movies, shared[0]), companies(&movies, shared[1]));
    assert!(a.iter().any(|(ia, na)| b.iter().any(|(ib, nb)| na == nb && ia != ib)));
    let variant = ids(quirks, file, QuirkKind::CompanyNameVariant);
    let (a, b) = (companies(&movies, variant[0]), companies(&movies, variant[1]));
    assert!(a.iter().any(|(ia, na)| b.iter().any(|(ib, nb)| na != nb && ia == ib)));
}

#[test]
fn movie_defect_lists_are_exhaustive() {
    let movies = Table::read("movies_metadata.csv");
    let quirks = listed_quirks();
    let file = "movies_metadata.csv";
    let rows: Vec<_> = movies.full().collect();
    let matching = |test: &dyn Fn(&csv::StringRecord) -> bool| rows.iter().filter(|r| test(r)).count();
    let ids: Vec<&str> = rows.iter().map(|r| movies.get(r, "id")).collect();
    let distinct: HashSet<&&str> = ids.iter().collect();
    assert_eq!(
        ids.len() - distinct.len(),
        count(quirks, file, QuirkKind::DuplicateIdExact) + count(quirks, file, QuirkKind::DuplicateIdOtherPopularity)
    );
    let dup_ids: HashSet<i64> = quirks
        .iter()
        .filter(|q| {
            q.file == file && matches!(q.kind, QuirkKind::DuplicateIdExact | QuirkKind::DuplicateIdOtherPopularity)
        })
        .map(|q| q.movie_id.unwrap())
        .collect();
    let per_row = |kind| {
        // duplicated rows carry their quirks twice
        quirks
            .iter()
            .filter(|q| q.file == file && q.kind == kind)
            .map(|q| if dup_ids.contains(&q.movie_id.unwrap_or(-1)) { 2 } else { 1 })
            .sum::<usize>()
    };
    let date = |r: &csv::StringRecord| movies.get(r, "release_date").to_string();
    assert_eq!(matching(&|r| date(r).is_empty()), per_row(QuirkKind::EmptyReleaseDate));
    assert_eq!(matching(&|r| date(r).contains('/')), per_row(QuirkKind::SpreadsheetDate));
    assert_eq!(matching(&|r| date(r) == "2015-02-30"), per_row(QuirkKind::ImpossibleReleaseDate));
    assert_eq!(
        matching(&|r| movies.get(r, "adult") != "False" || !["False", "True"].contains(&movies.get(r, "video"))),
        per_row(QuirkKind::SpreadsheetBoolean)
    );
    assert_eq!(matching(&|r| movies.get(r, "video") == "True"), per_row(QuirkKind::TrueFlag));
    let budget = |r: &csv::StringRecord| movies.get(r, "budget").to_string();
    assert_eq!(matching(&|r| budget(r).ends_with(".0")), per_row(QuirkKind::FloatBudget));
    assert_eq!(matching(&|r| movies.get(r, "revenue").ends_with(".0")), per_row(QuirkKind::FloatRevenue));
    assert_eq!(matching(&|r| budget(r).parse::<f64>().is_err()), per_row(QuirkKind::UnparsableBudget));
    assert_eq!(
        matching(&|r| movies.get(r, "id").parse::<i64>().is_err()),
        count(quirks, file, QuirkKind::NonNumericId)
    );
    assert_eq!(matching(&|r| !movies.get(r, "belongs_to_collection").is_empty()), per_row(QuirkKind::Collection));
    assert_eq!(count(quirks, file, QuirkKind::SplitRecord), 3);
}

#[test]
fn other_file_quirks_are_where_the_list_says() {
    let quirks = listed_quirks();
    for name in ["credits.csv", "keywords.csv"] {
        let table = Table::read(name);
        let literal = if name == "credits.csv" { "cast" } else { "keywords" };
        for q in quirks.iter().filter(|q| q.file == name) {
            let Some(id) = q.movie_id else {
                assert_eq!(q.kind, QuirkKind::CrlfLineEndings);
                continue;
            };
            let rows = table.by_id(id);
            let text = format!("{}{}", table.get(rows[0], literal), rows[0].get(1).unwrap());
            let ok = match q.kind {
                QuirkKind::DuplicateIdExact => rows.len() == 2 && rows[0] == rows[1],
                QuirkKind::NoneInLiteral => text.contains("'profile_path': None"),
                QuirkKind::DoubleQuotedString => text.contains(": \""),
                QuirkKind::BackslashEscape => text.contains("\\'"),
                QuirkKind::NonAsciiText => !text.is_ascii(),
                QuirkKind::EmptyList => table.get(rows[0], literal) == "[]",
                other => panic!("unexpected {other:?} in {name}"),
            };
            assert!(ok && (rows.len() == 1 || q.kind == QuirkKind::DuplicateIdExact), "{q:?}");
        }
    }
    let links = Table::read("links.csv");
    let missing = links.records.iter().filter(|r| r[2].is_empty()).count();
    assert_eq!(missing, count(quirks, "links.csv", QuirkKind::MissingTmdbId));
    let ratings = Table::read("ratings.csv");
    let off_grid = ratings.records.iter().filter(|r| r[2].parse::<f64>().unwrap() * 2.0 % 1.0 != 0.0);
    assert_eq!(off_grid.count(), count(quirks, "ratings.csv", QuirkKind::OffGridRating));
    for q in quirks.iter().filter(|q| q.kind == QuirkKind::CrlfLineEndings) {
        let text = std::str::from_utf8(bytes(q.file)).unwrap();
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    }
}

/// The quirk table as the crate docs should show it: one row per (file, kind) in
/// injection order, movie ids comma-separated, `-` for rows without a movie id.
fn expected_table() -> Vec<[String; 3]> {
    let quirks = listed_quirks();
    let mut keys: Vec<(&str, QuirkKind)> = Vec::new();
    for q in quirks {
        if !keys.contains(&(q.file, q.kind)) {
            keys.push((q.file, q.kind));
        }
    }
    keys.into_iter()
        .map(|(file, kind)| {
            let of_key = || quirks.iter().filter(move |q| q.file == file && q.kind == kind);
            let mut ids: Vec<String> = of_key().filter_map(|q| q.movie_id.map(|id| id.to_string())).collect();
            match of_key().filter(|q| q.movie_id.is_none()).count() {
                0 => {}
                1 => ids.push("-".to_string()),
                n => ids.push(format!("- ×{n}")),
            }
            [file.to_string(), format!("{kind:?}"), ids.join(", ")]
        })
        .collect()
}

/// The first three cells of the quirk table rows in `src/lib.rs`.
fn documented_table() -> Vec<[String; 3]> {
    let lib = include_str!("../../src/lib.rs");
    let start = lib.find("<!-- quirk table").expect("table start marker");
    let end = lib.find("<!-- end of quirk table").expect("table end marker");
    lib[start..end]
        .lines()
        .filter_map(|line| line.strip_prefix("//! | "))
        .skip(2) // header and separator
        .map(|row| {
            let cells: Vec<&str> = row.split(" | ").collect();
            let unquote = |s: &str| s.trim().trim_matches('`').to_string();
            let kind = cells[1].split('`').nth(1).unwrap_or(cells[1]).to_string();
            [unquote(cells[0]), kind, cells[2].trim().to_string()]
        })
        .collect()
}

#[test]
fn the_crate_docs_list_the_same_quirks() {
    let expected = expected_table();
    let shown: Vec<String> = expected
        .iter()
        .map(|[file, kind, ids]| format!("//! | `{file}` | [`{kind}`](QuirkKind::{kind}) | {ids} | |"))
        .collect();
    assert_eq!(documented_table(), expected, "expected rows:\n{}", shown.join("\n"));
}
