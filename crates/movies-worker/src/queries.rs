//! Answers to the page's questions about the loaded dataset.

use movies_core::issues::in_log_order;
use movies_core::ranking::rank_companies;
use movies_protocol::{
    Answer, CompanyGenreYear, CompanyYear, ErrorKind, ErrorLogQuery, IssueRow, LoadId, MovieQuery, RankingQuery,
    SearchKind, UserError, MAX_HITS,
};

use crate::session::Session;

/// Most rows one error-log page may hold.
const MAX_PAGE: usize = 1000;

/// The answer when the question is about another load than the session's.
pub fn stale(session: &Session, load: LoadId) -> Option<Answer> {
    (session.load != load).then(|| Answer::Failed {
        error: UserError::new(
            ErrorKind::StaleLoad,
            "page",
            format!("the question is about load {load}, but load {} is the one held", session.load),
        ),
    })
}

/// The `company_year` and `company_genre_year` rows of the given companies.
pub fn companies(session: &Session, company_ids: &[i64]) -> Answer {
    let (mut company_year, mut company_genre_year) = (Vec::<CompanyYear>::new(), Vec::<CompanyGenreYear>::new());
    if let Some(metrics) = &session.metrics {
        for &company in company_ids {
            let start = metrics.company_year.partition_point(|r| r.company_id < company);
            company_year.extend(metrics.company_year[start..].iter().take_while(|r| r.company_id == company).cloned());
            let start = metrics.company_genre_year.partition_point(|r| r.company_id < company);
            company_genre_year
                .extend(metrics.company_genre_year[start..].iter().take_while(|r| r.company_id == company).cloned());
        }
    }
    Answer::Companies { company_year, company_genre_year }
}

/// The companies that lead on a metric over a range of years, from the session's
/// `company_year` rows; a failure before movies_metadata.csv is done.
pub fn ranking(session: &Session, query: RankingQuery) -> Answer {
    match &session.metrics {
        Some(metrics) => Answer::CompanyRanking {
            ranking: rank_companies(&metrics.company_year, &query),
            query,
            rated: !session.ratings.is_empty(),
        },
        None => Answer::Failed {
            error: UserError::new(
                ErrorKind::NotReady,
                "movies_metadata.csv",
                "The ranking needs movies_metadata.csv: it is not read yet (or could not be read).".into(),
            ),
        },
    }
}

/// A page of the error log kept in memory, in the order of the exported log.
pub fn error_log(session: &Session, query: &ErrorLogQuery) -> Answer {
    let matches = query.filter.matcher();
    let mut matching = 0u64;
    let mut rows = Vec::new();
    for issue in in_log_order(&session.issues).filter(|i| matches(i)) {
        if matching as usize >= query.offset && rows.len() < query.limit.min(MAX_PAGE) {
            rows.push(IssueRow::from(issue));
        }
        matching += 1;
    }
    Answer::ErrorLog { matching, total: session.issues_total, kept: session.issues.len() as u64, rows }
}

/// The movies of a metric cell, from the index built when the movies were read.
pub fn movies(session: &Session, query: MovieQuery) -> Answer {
    let list = session.index.answer(&session.kept.movies, &session.ratings, &session.issues, &query);
    Answer::Movies {
        query,
        list,
        rated: !session.ratings.is_empty(),
        flags_complete: session.issues.len() as u64 == session.issues_total,
    }
}

/// The page of a movie, with its rows of the error log.
pub fn movie(session: &Session, movie_id: i64) -> Answer {
    let page = session.explorer.movie_page(&session.kept, movie_id).map(Box::new);
    let issues = in_log_order(&session.issues).filter(|i| i.movie_id == Some(movie_id)).map(IssueRow::from).collect();
    Answer::Movie { movie_id, page, issues }
}

/// The page of a person.
pub fn person(session: &Session, person_id: i64) -> Answer {
    let page = session.explorer.person_page(&session.kept, person_id).map(Box::new);
    Answer::Person { person_id, page, credits_read: session.explorer.credits_read() }
}

/// The best titles or names matching `text`.
pub fn search(session: &Session, text: String, kind: SearchKind) -> Answer {
    let explorer = &session.explorer;
    match kind {
        SearchKind::Titles => {
            Answer::Titles { hits: explorer.search_titles(&session.kept.movies, &text, MAX_HITS), text }
        }
        SearchKind::People => Answer::People {
            hits: explorer.search_people(&text, MAX_HITS),
            text,
            credits_read: explorer.credits_read(),
        },
    }
}
