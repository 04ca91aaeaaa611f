//! The page's frame: header, alerts, progress, tabs and the current view.

use leptos::prelude::*;

use crate::context::{use_app, AppContext};
use crate::loading::{load_sample, DropOverlay, Loader};
use crate::progress::ProgressPanel;
use crate::store::Store;
use crate::url_state::{View, ViewState};
use crate::views;

fn current_query() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

fn write_query(query: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(query));
    }
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let store = Store::new(ViewState::from_query(&current_query()));
    let app = AppContext::start(store);
    provide_context(app);
    provide_context(views::AnswerChoices::new());
    // `?sample` in the URL opens the embedded sample at once (see scripts/serve.sh).
    let query = current_query();
    if query.trim_start_matches('?').split('&').any(|pair| pair == "sample" || pair.starts_with("sample=")) {
        load_sample(app);
    }
    Effect::new(move |_| write_query(&store.view.with(ViewState::to_query)));
    // Only a change of tab rebuilds the view; selections update it in place.
    let tab = Memo::new(move |_| store.view.with(|v| v.view));
    let page = Memo::new(move |_| store.view.with(|v| v.page));

    view! {
        <DropOverlay/>
        <header class="top">
            <div class="brand">
                <h1>"Movies explorer"</h1>
                <p class="tagline">"The Movies Dataset, cleaned and charted in your browser. Nothing leaves this machine."</p>
            </div>
            <Loader/>
        </header>
        <Alerts/>
        <ProgressPanel/>
        <views::pages::search::PageSearches/>
        <Tabs/>
        // The tab panel of the selected tab; a movie or person page is a page of its own.
        <main
            id="view"
            role=move || if page.get().is_none() { "tabpanel" } else { "main" }
            aria-labelledby=move || page.get().is_none().then(|| format!("tab-{}", tab.get().key()))
        >
            {move || match page.get() {
                Some(page) => views::pages::render(page),
                None => views::render(tab.get()),
            }}
        </main>
        <views::DrillPanel/>
    }
}

/// Errors and warnings for the user, each dismissible.
#[component]
fn Alerts() -> impl IntoView {
    let store = use_app().store;
    view! {
        <section class="alerts" aria-live="polite">
            <For each=move || store.alerts.get() key=|a| a.id let:alert>
                <div class="alert" role="alert">
                    <span>{alert.message.clone()}</span>
                    <button
                        class="dismiss"
                        aria-label="Dismiss"
                        on:click=move |_| store.alerts.update(|all| all.retain(|a| a.id != alert.id))
                    >
                        "×"
                    </button>
                </div>
            </For>
        </section>
    }
}

/// The view tabs, as the ARIA tabs pattern has them: one Tab stop (the selected tab),
/// Left and Right step between tabs, Home and End go to the first and last; each
/// tab controls the view below it.
#[component]
fn Tabs() -> impl IntoView {
    let store = use_app().store;
    let select = move |view: View| store.show(view);
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let current = store.view.with_untracked(|v| v.view);
        let Some(next) = current.after_key(&ev.key()) else { return };
        ev.prevent_default();
        select(next);
        if let Some(tab) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&format!("tab-{}", next.key())))
        {
            let _ = wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&tab).focus();
        }
    };
    // The selected tab is kept in view where the tab bar scrolls (a phone's width).
    let list = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let key = store.view.with(|v| v.view.key());
        let (Some(list), Some(tab)) = (
            list.get(),
            web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&format!("tab-{key}"))),
        ) else {
            return;
        };
        let tab: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(tab);
        let left = tab.offset_left() - list.offset_left();
        let scroll = scrolled_to_show((left, left + tab.offset_width()), list.scroll_left(), list.client_width());
        list.set_scroll_left(scroll);
    });
    view! {
        <nav class="tabs" aria-label="Views">
            <div class="tab-list" role="tablist" aria-label="Views" on:keydown=on_key node_ref=list>
                {View::ALL
                    .into_iter()
                    .map(|view| {
                        let selected = move || store.view.with(|v| v.view == view && v.page.is_none());
                        let current = move || store.view.with(|v| v.view == view);
                        view! {
                            <button
                                type="button"
                                role="tab"
                                id=format!("tab-{}", view.key())
                                aria-controls="view"
                                aria-selected=move || selected().to_string()
                                tabindex=move || if current() { "0" } else { "-1" }
                                class:active=selected
                                on:click=move |_| select(view)
                            >
                                {view.label()}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </nav>
    }
}

/// Where a box scrolled to `scroll` and `width` wide must scroll so that the span
/// `(left, right)` of its content shows whole (it stays put when it already does).
fn scrolled_to_show((left, right): (i32, i32), scroll: i32, width: i32) -> i32 {
    if left < scroll {
        left
    } else if right > scroll + width {
        (right - width).min(left)
    } else {
        scroll
    }
}

#[cfg(test)]
mod tests {
    use super::scrolled_to_show;

    #[test]
    fn a_tab_cut_at_either_edge_is_scrolled_into_view() {
        assert_eq!(scrolled_to_show((10, 60), 0, 100), 0);
        assert_eq!(scrolled_to_show((80, 130), 0, 100), 30);
        assert_eq!(scrolled_to_show((20, 60), 40, 100), 20);
        assert_eq!(scrolled_to_show((0, 300), 50, 100), 0);
    }
}
