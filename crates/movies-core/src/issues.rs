//! Browsing the error log: which rows match a filter, in the exported log's order.

use serde::{Deserialize, Serialize};

use crate::input::InputFile;
use crate::model::{Issue, Severity};

/// Which rows of the error log to show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueFilter {
    /// Only this input file.
    pub file: Option<InputFile>,
    /// Only this severity.
    pub severity: Option<Severity>,
    /// Only rows whose column, reason or raw value contains this text (case-insensitive),
    /// or whose movie id is this number.
    pub text: String,
}

impl IssueFilter {
    /// A test of one row against the filter (the text is prepared once).
    pub fn matcher(&self) -> impl Fn(&Issue) -> bool + '_ {
        let needle = self.text.trim().to_lowercase();
        move |issue: &Issue| {
            let has = |text: &str| text.to_lowercase().contains(&needle);
            self.file.is_none_or(|f| f == issue.file)
                && self.severity.is_none_or(|s| s == issue.severity)
                && (needle.is_empty()
                    || issue.column.is_some_and(has)
                    || has(&issue.reason)
                    || issue.raw_value.as_deref().is_some_and(has)
                    || issue.movie_id.is_some_and(|id| id.to_string() == needle))
        }
    }
}

/// The rows in the order of the exported error log: input file order, then as read
/// (files may be processed in another order).
pub fn in_log_order(issues: &[Issue]) -> impl Iterator<Item = &Issue> {
    InputFile::ALL.into_iter().flat_map(move |file| issues.iter().filter(move |i| i.file == file))
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    fn issue(file: InputFile, line: u64, severity: Severity, reason: &'static str) -> Issue {
        Issue {
            file,
            line,
            movie_id: Some(862),
            severity,
            column: Some("budget"),
            reason: Cow::Borrowed(reason),
            raw_value: Some("/ff9qCepilowshEtG2GYWwzt2bs4.jpg".into()),
        }
    }

    #[test]
    fn rows_match_by_file_severity_and_text_in_log_order() {
        let issues = vec![
            issue(InputFile::Ratings, 9, Severity::Warning, "rating off the half-star grid"),
            issue(InputFile::MoviesMetadata, 30, Severity::Error, "duplicate id"),
            issue(InputFile::MoviesMetadata, 40, Severity::Warning, "not a date"),
        ];
        let lines = |filter: &IssueFilter| -> Vec<u64> {
            in_log_order(&issues).filter(|i| filter.matcher()(i)).map(|i| i.line).collect()
        };
        assert_eq!(lines(&IssueFilter::default()), [30, 40, 9]);
        let errors = IssueFilter { severity: Some(Severity::Error), ..IssueFilter::default() };
        assert_eq!(lines(&errors), [30]);
        let ratings = IssueFilter { file: Some(InputFile::Ratings), ..IssueFilter::default() };
        assert_eq!(lines(&ratings), [9]);
        let text = IssueFilter { text: " DUPLICATE ".into(), ..IssueFilter::default() };
        assert_eq!(lines(&text), [30]);
        let raw = IssueFilter { text: "ff9qcep".into(), ..IssueFilter::default() };
        assert_eq!(lines(&raw), [30, 40, 9]);
        let id = IssueFilter { text: "862".into(), ..IssueFilter::default() };
        assert_eq!(lines(&id).len(), 3);
    }
}
