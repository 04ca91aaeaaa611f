//! The genres view.

use leptos::prelude::*;

/// The genres view (to be built).
#[component]
pub fn GenresView() -> impl IntoView {
    view! { <section class="view" aria-label="genres"><p>"Not built yet."</p></section> }
}
