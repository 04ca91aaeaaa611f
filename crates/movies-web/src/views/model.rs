//! The model view.

use leptos::prelude::*;

/// The model view (to be built).
#[component]
pub fn ModelView() -> impl IntoView {
    view! { <section class="view" aria-label="model"><p>"Not built yet."</p></section> }
}
