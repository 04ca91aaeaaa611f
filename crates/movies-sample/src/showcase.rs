//! Valid but tricky content placed on chosen movies of the catalog (collection, HTML-like
//! and non-ASCII titles, quoting-heavy company names, profit and loss examples...), each
//! recorded as a quirk of `movies_metadata.csv`.

use crate::catalog::{Collection, Movie};
use crate::companies::{self, Companies};
use crate::movies::FILE;
use crate::quirks::{QuirkKind, QuirkLog};
use crate::rng::Rng;
use crate::targets::Targets;

/// A property a chosen movie must have.
type MovieTest = fn(&Movie) -> bool;

/// Puts the showcase content on movies chosen by `targets`.
pub(crate) fn apply(
    movies: &mut [Movie],
    companies: &Companies,
    targets: &mut Targets,
    rng: &mut Rng,
    log: &mut QuirkLog,
) {
    let mut note = |movies: &[Movie], i: usize, kind| log.add(FILE, Some(movies[i].id), kind);

    let i = targets.take(movies, |m| m.date.is_some() && !m.poster.is_empty());
    movies[i].collection = Some(Collection {
        id: rng.range(10_000, 480_000),
        name: format!("{} Collection", movies[i].title),
        backdrop: rng.image_path(),
    });
    note(movies, i, QuirkKind::Collection);
    note(movies, i, QuirkKind::NoneInLiteral);

    let i = targets.any(movies);
    movies[i].video = true;
    note(movies, i, QuirkKind::TrueFlag);

    for overview_end in ["\n - Written by Ilse Marwood", "\n\nRestored in 4K for its anniversary."] {
        let i = targets.take(movies, |m| !m.overview.is_empty());
        movies[i].overview.push_str(overview_end);
        note(movies, i, QuirkKind::MultilineOverview);
    }

    for (name, kind) in
        [(companies::APOSTROPHE, QuirkKind::DoubleQuotedString), (companies::BOTH_QUOTES, QuirkKind::BackslashEscape)]
    {
        let i = targets.any(movies);
        list_company(&mut movies[i], companies.named(name)[0].id, name);
        note(movies, i, kind);
    }
    for company in companies.named(companies::SHARED) {
        let i = targets.any(movies);
        list_company(&mut movies[i], company.id, companies::SHARED);
        note(movies, i, QuirkKind::SharedCompanyName);
    }
    let variant = companies.named(companies::VARIANT)[0].id;
    for name in [companies::VARIANT, companies::VARIANT_ALT] {
        let i = targets.any(movies);
        list_company(&mut movies[i], variant, name);
        note(movies, i, QuirkKind::CompanyNameVariant);
    }

    // (title, original title, language index, country index)
    for (title, original, language, country) in [
        ("The Summer of Glass Castles", "L'Été des Châteaux de Verre", 1, 2),
        ("Promise of the Night Harbor", "夜の港の約束", 4, 5),
    ] {
        let i = targets.any(movies);
        let m = &mut movies[i];
        m.title = title.to_string();
        m.original_title = original.to_string();
        m.language = language;
        m.countries = vec![country];
        m.spoken = vec![language, 0];
        note(movies, i, QuirkKind::NonAsciiText);
    }

    let i = targets.any(movies);
    movies[i].title = "The <b>Salt &amp; \"Pepper\"</b> Show".to_string();
    movies[i].original_title = movies[i].title.clone();
    note(movies, i, QuirkKind::HtmlLikeText);

    let dated = |m: &Movie| m.date.is_some();
    let cases: [(QuirkKind, MovieTest); 5] = [
        (QuirkKind::Profit, |m| m.budget > 0 && m.revenue > m.budget),
        (QuirkKind::Loss, |m| m.revenue > 0 && m.revenue < m.budget),
        (QuirkKind::UnknownRevenue, |m| m.budget > 0 && m.revenue == 0),
        (QuirkKind::NoGenres, |m| m.genres.is_empty()),
        (QuirkKind::NoCompanies, |m| m.companies.is_empty()),
    ];
    for (kind, fits) in cases {
        let i = targets.take(movies, |m| dated(m) && fits(m));
        note(movies, i, kind);
    }
}

/// Lists a company on a movie under `name`, replacing any entry with the same id.
fn list_company(movie: &mut Movie, id: i64, name: &str) {
    movie.companies.retain(|(listed, _)| *listed != id);
    movie.companies.push((id, name.to_string()));
}
