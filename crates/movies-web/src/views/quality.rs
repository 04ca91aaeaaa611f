//! The quality view.

use leptos::prelude::*;

/// The quality view (to be built).
#[component]
pub fn QualityView() -> impl IntoView {
    view! { <section class="view" aria-label="quality"><p>"Not built yet."</p></section> }
}
