//! The views behind the tabs.

mod answers;
mod changes;
mod companies;
mod drill;
mod export;
mod genres;
mod model;
pub mod pages;
mod quality;

use leptos::prelude::*;

pub use answers::prefs::AnswerChoices;
pub use drill::DrillPanel;

use crate::url_state::View;

/// The view for a tab.
pub fn render(view: View) -> AnyView {
    match view {
        View::Companies => companies::CompaniesView().into_any(),
        View::Genres => genres::GenresView().into_any(),
        View::Quality => quality::QualityView().into_any(),
        View::Model => model::ModelView().into_any(),
        View::Changes => changes::ChangesView().into_any(),
        View::Export => export::ExportView().into_any(),
    }
}
