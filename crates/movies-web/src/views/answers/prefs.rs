//! Choices of the answer views that are not in the URL but should survive switching
//! tabs (a view is rebuilt when its tab is shown again): the company whose genres are
//! shown, and the load whose default companies were picked. Provided once by the app,
//! as context.

use leptos::prelude::*;

/// The answer views' remembered choices.
#[derive(Clone, Copy)]
pub struct AnswerChoices {
    /// The company whose releases by genre are shown.
    pub genre_focus: RwSignal<Option<i64>>,
    defaulted_job: RwSignal<Option<u32>>,
}

impl AnswerChoices {
    /// The choices of a fresh page.
    pub fn new() -> Self {
        AnswerChoices { genre_focus: RwSignal::new(None), defaulted_job: RwSignal::new(None) }
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
