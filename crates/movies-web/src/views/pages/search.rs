//! The title and name searches shown on every view: type-ahead ARIA comboboxes whose
//! every keystroke asks the worker, which answers from the whole dataset.

use leptos::prelude::*;
use movies_protocol::{Request, SearchKind};

use crate::context::use_app;
use crate::format;
use crate::url_state::Page;

/// One suggestion: where it leads, its label and a detail.
#[derive(Debug, Clone, PartialEq)]
struct Suggestion {
    page: Page,
    label: String,
    detail: String,
}

fn key(kind: SearchKind) -> &'static str {
    match kind {
        SearchKind::Titles => "title",
        SearchKind::People => "person",
    }
}

/// The suggestions answering `query`, the status line to show and the text they
/// answer (empty while the worker has not answered it).
fn suggestions(kind: SearchKind, query: &str) -> (Vec<Suggestion>, String, String) {
    let store = use_app().store;
    let query = query.trim();
    if query.is_empty() {
        return (Vec::new(), String::new(), String::new());
    }
    let (answered, list, complete) = match kind {
        SearchKind::Titles => store.titles.with(|h| {
            let list = h.hits.iter().map(|t| Suggestion {
                page: Page::Movie(t.movie_id),
                label: t.title.clone(),
                detail: t.year.map(|y| y.to_string()).unwrap_or_default(),
            });
            (h.text == query, list.collect::<Vec<_>>(), h.complete)
        }),
        SearchKind::People => store.people.with(|h| {
            let list = h.hits.iter().map(|p| Suggestion {
                page: Page::Person(p.person_id),
                label: p.name.clone(),
                detail: format!("{} · {} credits", p.known_for, format::count(u64::from(p.credits))),
            });
            (h.text == query, list.collect::<Vec<_>>(), h.complete)
        }),
    };
    if !answered {
        return (Vec::new(), String::new(), String::new());
    }
    let status = if !complete {
        "Names are searchable once credits.csv is read.".to_owned()
    } else if list.is_empty() {
        format!("No {} matches “{query}”.", if kind == SearchKind::Titles { "title" } else { "name" })
    } else {
        String::new()
    };
    (list, status, query.to_owned())
}

/// A search box over titles or names; choosing a suggestion opens its page.
#[component]
pub fn PageSearch(kind: SearchKind) -> impl IntoView {
    let app = use_app();
    let store = app.store;
    let k = key(kind);
    let (input_id, listbox_id) = (format!("{k}-search"), format!("{k}-suggestions"));
    let option_id = move |i: usize| format!("{k}-option-{i}");
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let found = Memo::new(move |_| query.with(|q| suggestions(kind, q)));
    let expanded = move || open.get() && !found.with(|f| f.0.is_empty());
    let ask = move |text: String| {
        if !text.trim().is_empty() && store.overview.with_untracked(Option::is_some) {
            app.request(|id, load| Request::Search { id, load, text: text.trim().to_owned(), kind });
        }
    };
    // A load that ends makes the names searchable: the text typed is asked again.
    Effect::new(move |_| {
        store.phase.track();
        store.overview.track();
        ask(query.get_untracked());
    });
    let choose = move |page: Page| {
        store.open_page(page);
        query.set(String::new());
        active.set(None);
        open.set(false);
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = found.with_untracked(|f| f.0.len());
        match ev.key().as_str() {
            "ArrowDown" | "ArrowUp" if n > 0 => {
                ev.prevent_default();
                open.set(true);
                let delta = if ev.key() == "ArrowDown" { 1 } else { n - 1 };
                active
                    .set(Some(active.get_untracked().map_or(if delta == 1 { 0 } else { n - 1 }, |i| (i + delta) % n)));
            }
            "Enter" => {
                let pick = active.get_untracked().unwrap_or(0);
                if let Some(page) = found.with_untracked(|f| f.0.get(pick).map(|s| s.page)) {
                    ev.prevent_default();
                    choose(page);
                }
            }
            "Escape" => {
                open.set(false);
                active.set(None);
            }
            _ => {}
        }
    };
    let (label, placeholder) = match kind {
        SearchKind::Titles => ("Find a movie", "Title, e.g. Toy Story"),
        SearchKind::People => ("Find a person", "Cast or crew name, e.g. Tom Hanks"),
    };
    let option = move |(i, s): (usize, Suggestion)| {
        let page = s.page;
        view! {
            <li
                role="option"
                id=option_id(i)
                class="suggestion"
                class:active=move || active.get() == Some(i)
                aria-selected=move || (active.get() == Some(i)).to_string()
                on:mousedown=move |ev| {
                    ev.prevent_default();
                    choose(page);
                }
            >
                <span class="suggestion-name">{s.label}</span>
                <span class="suggestion-count">{s.detail}</span>
            </li>
        }
    };
    view! {
        <div class="page-search">
            <label for=input_id.clone()>{label}</label>
            <div class="combo">
                <input
                    id=input_id
                    type="search"
                    role="combobox"
                    autocomplete="off"
                    spellcheck="false"
                    aria-autocomplete="list"
                    aria-controls=listbox_id.clone()
                    aria-expanded=move || expanded().to_string()
                    aria-activedescendant=move || active.get().filter(|_| expanded()).map(option_id)
                    placeholder=placeholder
                    disabled=move || store.overview.with(Option::is_none)
                    prop:value=move || query.get()
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        ask(text.clone());
                        query.set(text);
                        active.set(None);
                        open.set(true);
                    }
                    on:focus=move |_| open.set(true)
                    on:blur=move |_| {
                        open.set(false);
                        active.set(None);
                    }
                    on:keydown=on_key
                />
                <ul id=listbox_id role="listbox" aria-label=label class="suggestions" hidden=move || !expanded()
                    data-for=move || found.with(|f| f.2.clone())>
                    {move || found.get().0.into_iter().enumerate().map(option).collect_view()}
                </ul>
            </div>
            <p class="search-status" aria-live="polite">{move || found.with(|f| f.1.clone())}</p>
        </div>
    }
}

/// The two searches, side by side.
#[component]
pub fn PageSearches() -> impl IntoView {
    view! {
        <section class="page-searches" aria-label="Find a movie or a person">
            <PageSearch kind=SearchKind::Titles/>
            <PageSearch kind=SearchKind::People/>
        </section>
    }
}
