//! Links to the movie and person pages: real `?movie=` / `?person=` links that open
//! the page in place (the loaded data stays), or in a new tab with a modifier key.

use leptos::prelude::*;

use crate::context::use_app;
use crate::url_state::Page;

/// A link to a page, showing `text` (escaped like every text from the data).
#[component]
pub fn PageLink(page: Page, text: String) -> impl IntoView {
    let store = use_app().store;
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        store.open_page(page);
        if let Some(window) = web_sys::window() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    };
    let class = match page {
        Page::Movie(_) => "movie-link",
        Page::Person(_) => "person-link",
    };
    view! { <a href=page.href() class=class on:click=on_click>{text}</a> }
}

/// A link to a movie, by title (its id when it has none).
pub fn movie_link(id: i64, title: Option<&str>) -> impl IntoView {
    let text = title.map_or_else(|| format!("movie {id}"), str::to_owned);
    view! { <PageLink page=Page::Movie(id) text=text/> }
}

/// A link to a person, by name; plain text without a person id.
pub fn person_link(id: Option<i64>, name: Option<&str>) -> AnyView {
    let text = name.map(str::to_owned).unwrap_or_else(|| id.map_or("(no name)".into(), |id| format!("person {id}")));
    match id {
        Some(id) => view! { <PageLink page=Page::Person(id) text=text/> }.into_any(),
        None => view! { <span>{text}</span> }.into_any(),
    }
}
