//! Choices of the answer views that are not in the URL but should survive switching
//! tabs (a view is rebuilt when its tab is shown again): the metric of each view, the
//! genre chart's form, the company whose genres are shown, and the load whose default
//! companies were picked. Provided once by the app, as context.

use leptos::prelude::*;

use super::metric::Metric;

/// The answer views' remembered choices.
#[derive(Clone, Copy)]
pub struct AnswerChoices {
    /// The metric charted in the company view.
    pub company_metric: RwSignal<Metric>,
    /// The metric charted in the genre view.
    pub genre_metric: RwSignal<Metric>,
    /// Whether the genre metric is drawn as lines (else as a heatmap).
    pub genre_lines: RwSignal<bool>,
    /// The company whose releases by genre are shown.
    pub genre_focus: RwSignal<Option<i64>>,
    defaulted_job: RwSignal<Option<u32>>,
}

impl AnswerChoices {
    /// The choices of a fresh page.
    pub fn new() -> Self {
        AnswerChoices {
            company_metric: RwSignal::new(Metric::Budget),
            genre_metric: RwSignal::new(Metric::Budget),
            genre_lines: RwSignal::new(false),
            genre_focus: RwSignal::new(None),
            defaulted_job: RwSignal::new(None),
        }
    }

    /// Whether default companies were already picked for load `job`; marks it so.
    pub fn first_defaults_for(&self, job: u32) -> bool {
        let first = self.defaulted_job.get_untracked() != Some(job);
        self.defaulted_job.set(Some(job));
        first
    }
}

/// The choices provided by the app.
pub fn use_choices() -> AnswerChoices {
    expect_context::<AnswerChoices>()
}
