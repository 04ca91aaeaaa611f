//! Answers to the page's questions about the loaded dataset.

use movies_core::model::Issue;
use movies_core::InputFile;
use movies_protocol::{CompanyGenreYear, CompanyYear, ErrorLogQuery, IssueRow, Response};

use crate::session::Session;

/// Most rows one error-log page may hold.
const MAX_PAGE: usize = 1000;

/// The `company_year` and `company_genre_year` rows of the given companies.
pub fn companies(session: &Session, id: u32, company_ids: &[i64]) -> Response {
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
    Response::Companies { id, company_year, company_genre_year }
}

fn matches(issue: &Issue, query: &ErrorLogQuery, needle: &str) -> bool {
    query.file.is_none_or(|f| f == issue.file)
        && query.severity.is_none_or(|s| s == issue.severity)
        && (needle.is_empty()
            || issue.column.is_some_and(|c| c.to_lowercase().contains(needle))
            || issue.reason.to_lowercase().contains(needle)
            || issue.raw_value.as_deref().is_some_and(|r| r.to_lowercase().contains(needle))
            || issue.movie_id.is_some_and(|id| id.to_string() == needle))
}

/// A page of the error log kept in memory, in the order of the exported log (input
/// file order, then line) rather than the order the files were processed in.
pub fn error_log(session: &Session, id: u32, query: &ErrorLogQuery) -> Response {
    let needle = query.text.trim().to_lowercase();
    let mut matching = 0u64;
    let mut rows = Vec::new();
    let in_export_order = InputFile::ALL.iter().flat_map(|f| session.issues.iter().filter(move |i| i.file == *f));
    for issue in in_export_order.filter(|i| matches(i, query, &needle)) {
        if matching as usize >= query.offset && rows.len() < query.limit.min(MAX_PAGE) {
            rows.push(IssueRow {
                file: issue.file,
                line: issue.line,
                movie_id: issue.movie_id,
                severity: issue.severity,
                column: issue.column.map(str::to_owned),
                reason: issue.reason.to_string(),
                raw_value: issue.raw_value.clone(),
            });
        }
        matching += 1;
    }
    Response::ErrorLog { id, matching, total: session.issues_total, kept: session.issues.len() as u64, rows }
}
