//! Choices that are not in the URL but should survive switching tabs (the views are
//! rebuilt on every switch): the metric of each view, the genre chart's form, the
//! company whose genres are shown, and the load whose default companies were picked.

use std::cell::Cell;

use super::metric::Metric;

thread_local! {
    static COMPANY_METRIC: Cell<Metric> = const { Cell::new(Metric::Budget) };
    static GENRE_METRIC: Cell<Metric> = const { Cell::new(Metric::Budget) };
    static GENRE_LINES: Cell<bool> = const { Cell::new(false) };
    static DEFAULTED_JOB: Cell<Option<u32>> = const { Cell::new(None) };
    static GENRE_FOCUS: Cell<Option<i64>> = const { Cell::new(None) };
}

/// The company whose releases by genre were last shown.
pub fn genre_focus() -> Option<i64> {
    GENRE_FOCUS.get()
}

/// Remembers the company whose releases by genre are shown.
pub fn set_genre_focus(company: Option<i64>) {
    GENRE_FOCUS.set(company);
}

/// The metric last chosen in the company view.
pub fn company_metric() -> Metric {
    COMPANY_METRIC.get()
}

/// Remembers the company view's metric.
pub fn set_company_metric(metric: Metric) {
    COMPANY_METRIC.set(metric);
}

/// The metric last chosen in the genre view.
pub fn genre_metric() -> Metric {
    GENRE_METRIC.get()
}

/// Remembers the genre view's metric.
pub fn set_genre_metric(metric: Metric) {
    GENRE_METRIC.set(metric);
}

/// Whether the genre metric is drawn as lines (else as a heatmap).
pub fn genre_lines() -> bool {
    GENRE_LINES.get()
}

/// Remembers the genre chart's form.
pub fn set_genre_lines(lines: bool) {
    GENRE_LINES.set(lines);
}

/// Whether default companies were already picked for load `job`; marks it so.
pub fn first_defaults_for(job: u32) -> bool {
    DEFAULTED_JOB.replace(Some(job)) != Some(job)
}
