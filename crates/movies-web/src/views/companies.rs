//! The companies view.

use leptos::prelude::*;

/// The companies view (to be built).
#[component]
pub fn CompaniesView() -> impl IntoView {
    view! { <section class="view" aria-label="companies"><p>"Not built yet."</p></section> }
}
