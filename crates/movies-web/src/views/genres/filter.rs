//! Genre checkboxes (stored in the URL) and the heatmap / lines switch.

use leptos::prelude::*;

use super::data::{shown_genres, toggle};
use crate::context::use_app;
use crate::views::answers::environment::{refocus, theme};
use crate::views::answers::palette::GenrePalette;

/// One checkbox per genre, colored like its lines; "All" resets.
#[component]
pub fn GenreFilter(#[prop(into)] palette: Signal<GenrePalette>, #[prop(into)] dark: Signal<bool>) -> impl IntoView {
    let store = use_app().store;
    let shown = Memo::new(move |_| palette.with(|p| store.view.with(|v| shown_genres(&v.genres, p))));
    let boxes = move || {
        palette.with(|p| {
            p.names()
                .iter()
                .enumerate()
                .map(|(i, genre)| {
                    let g = genre.clone();
                    let box_id = format!("genre-box-{i}");
                    let checked = {
                        let g = g.clone();
                        move || shown.with(|s| s.contains(&g))
                    };
                    let only = {
                        let checked = checked.clone();
                        move || checked() && shown.with(Vec::len) == 1
                    };
                    let paint = p.paint(Some(genre));
                    let color = move || theme(dark.get()).color(paint).css();
                    let refocused = box_id.clone();
                    let on_change = move |_| {
                        let next = palette.with_untracked(|p| store.view.with_untracked(|v| toggle(&v.genres, p, &g)));
                        store.view.update(|v| v.genres = next);
                        refocus(refocused.clone());
                    };
                    view! {
                        <label class="genre-box">
                            <input type="checkbox" id=box_id prop:checked=checked disabled=only on:change=on_change/>
                            <span class="swatch" aria-hidden="true" style:background-color=color></span>
                            {genre.clone()}
                        </label>
                    }
                })
                .collect_view()
        })
    };
    let all = move || store.view.with(|v| v.genres.is_empty());
    view! {
        <fieldset class="genre-filter">
            <legend>"Genres"</legend>
            {boxes}
            <button
                type="button"
                class="button small"
                disabled=all
                on:click=move |_| store.view.update(|v| v.genres.clear())
            >
                "All genres"
            </button>
        </fieldset>
    }
}

/// Heatmap or lines.
#[component]
pub fn ChartForm(lines: Signal<bool>, set_lines: SignalSetter<bool>) -> impl IntoView {
    let option = move |value: bool, id: &'static str, label: &'static str| {
        view! {
            <input
                type="radio"
                name="genre-form"
                id=id
                prop:checked=move || lines.get() == value
                on:change=move |_| set_lines.set(value)
            />
            <label for=id>{label}</label>
        }
    };
    view! {
        <fieldset class="segmented">
            <legend>"Chart"</legend>
            {option(false, "genre-form-heatmap", "Heatmap")}
            {option(true, "genre-form-lines", "Lines")}
        </fieldset>
    }
}
