//! The company type-ahead: an ARIA combobox over every company of the dataset.
//! Prefix matches come first, then word starts, then other matches, each by movie
//! count; at most [`LIMIT`] suggestions.

use leptos::prelude::*;
use movies_protocol::CompanySummary;

use super::data::unnamed;
use crate::context::use_app;
use crate::format;
use crate::url_state::MAX_COMPANIES;
use crate::views::answers::environment::refocus;

/// Most suggestions shown.
pub const LIMIT: usize = 20;

/// Element id of the search input (focused again after a chip is removed).
pub const INPUT_ID: &str = "company-search";
const LISTBOX_ID: &str = "company-suggestions";

/// A company as searched.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// TMDB id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// The name lowercased, for matching.
    lower: String,
    /// Movies listing it.
    pub movies: i64,
}

/// Every company, most movies first.
pub fn index(companies: &[CompanySummary]) -> Vec<Entry> {
    let mut entries: Vec<Entry> = companies
        .iter()
        .map(|c| {
            let name = c.company.clone().unwrap_or_else(|| unnamed(c.company_id));
            Entry { id: c.company_id, lower: name.to_lowercase(), name, movies: c.movies }
        })
        .collect();
    entries.sort_by(|a, b| b.movies.cmp(&a.movies).then_with(|| a.lower.cmp(&b.lower)));
    entries
}

/// How well an entry matches, best first.
fn rank(lower: &str, query: &str) -> Option<usize> {
    if lower.starts_with(query) {
        Some(0)
    } else if lower.match_indices(query).any(|(at, _)| !lower[..at].ends_with(char::is_alphanumeric)) {
        Some(1)
    } else if lower.contains(query) {
        Some(2)
    } else {
        None
    }
}

/// Up to `limit` entries matching `query` (case-insensitive), not in `exclude`.
/// An empty query suggests the companies with most movies.
pub fn suggest<'a>(entries: &'a [Entry], query: &str, exclude: &[i64], limit: usize) -> Vec<&'a Entry> {
    let query = query.trim().to_lowercase();
    let mut buckets: [Vec<&Entry>; 3] = Default::default();
    for entry in entries.iter().filter(|e| !exclude.contains(&e.id)) {
        if let Some(r) = rank(&entry.lower, &query) {
            if buckets[r].len() < limit {
                buckets[r].push(entry);
            }
            if buckets[0].len() == limit {
                break;
            }
        }
    }
    buckets.into_iter().flatten().take(limit).collect()
}

/// The name split around the first case-insensitive match of `query`, for highlighting.
fn split_match<'a>(name: &'a str, query: &str) -> (&'a str, &'a str, &'a str) {
    let query = query.trim().to_lowercase();
    let lower = name.to_lowercase();
    // Byte offsets of the lowercase text are only valid on the name when lowercasing
    // kept every length.
    match lower.find(&query) {
        Some(at) if !query.is_empty() && lower.len() == name.len() && name.is_char_boundary(at + query.len()) => {
            (&name[..at], &name[at..at + query.len()], &name[at + query.len()..])
        }
        _ => (name, "", ""),
    }
}

/// Puts the search box back in focus once the selection's change is rendered.
pub fn focus_search() {
    refocus(INPUT_ID.to_owned());
}

/// "Search 23,000 companies, e.g. Warner": the count and the biggest company's first word.
fn placeholder(entries: &[Entry]) -> String {
    let example = entries.first().and_then(|e| e.name.split_whitespace().next()).unwrap_or("Pixar");
    format!("Search {} companies, e.g. {example}", format::count(entries.len() as u64))
}

fn option_id(i: usize) -> String {
    format!("company-option-{i}")
}

fn scroll_to_option(i: usize) {
    if let Some(element) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&option_id(i)))
    {
        element.scroll_into_view_with_bool(false);
    }
}

/// The search box and its suggestions.
#[component]
pub fn CompanySearch() -> impl IntoView {
    let store = use_app().store;
    let entries =
        Memo::new(move |_| store.overview.with(|o| o.as_ref().map(|o| index(&o.companies)).unwrap_or_default()));
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let full = move || store.view.with(|v| v.companies.len() >= MAX_COMPANIES);
    let suggestions = Memo::new(move |_| {
        let exclude = store.view.with(|v| v.companies.clone());
        entries
            .with(|all| query.with(|q| suggest(all, q, &exclude, LIMIT).into_iter().cloned().collect::<Vec<Entry>>()))
    });
    let expanded = move || open.get() && !full() && !suggestions.with(Vec::is_empty);

    let choose = move |id: i64| {
        store.view.update(|v| {
            if !v.companies.contains(&id) && v.companies.len() < MAX_COMPANIES {
                v.companies.push(id);
            }
        });
        query.set(String::new());
        active.set(None);
        open.set(false);
        focus_search();
    };
    let step = move |delta: isize| {
        let n = suggestions.with_untracked(Vec::len) as isize;
        if n == 0 {
            return;
        }
        let next = match active.get_untracked() {
            Some(i) => (i as isize + delta).rem_euclid(n),
            None if delta > 0 => 0,
            None => n - 1,
        } as usize;
        active.set(Some(next));
        scroll_to_option(next);
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" | "ArrowUp" => {
            ev.prevent_default();
            if !open.get_untracked() {
                open.set(true);
            }
            step(if ev.key() == "ArrowDown" { 1 } else { -1 });
        }
        "Enter" => {
            let pick = active.get_untracked().or(Some(0).filter(|_| !query.with_untracked(|q| q.trim().is_empty())));
            let id = pick.and_then(|i| suggestions.with_untracked(|s| s.get(i).map(|e| e.id)));
            if let Some(id) = id.filter(|_| open.get_untracked()) {
                ev.prevent_default();
                choose(id);
            }
        }
        "Escape" => {
            if open.get_untracked() {
                open.set(false);
                active.set(None);
            } else {
                query.set(String::new());
            }
        }
        _ => {}
    };
    let status = move || {
        if full() {
            format!("{MAX_COMPANIES} companies selected, the most: remove one to add another.")
        } else if !query.with(|q| q.trim().is_empty()) && suggestions.with(Vec::is_empty) {
            let other = if store.view.with(|v| v.companies.is_empty()) { "" } else { "other " };
            format!("No {other}company matches “{}”.", query.get().trim())
        } else {
            String::new()
        }
    };
    let option = move |(i, entry): (usize, Entry)| {
        let (before, matched, after) = query.with_untracked(|q| {
            let (b, m, a) = split_match(&entry.name, q);
            (b.to_owned(), m.to_owned(), a.to_owned())
        });
        let id = entry.id;
        let noun = if entry.movies == 1 { "movie" } else { "movies" };
        view! {
            <li
                role="option"
                id=option_id(i)
                class="suggestion"
                class:active=move || active.get() == Some(i)
                aria-selected=move || (active.get() == Some(i)).to_string()
                on:mousedown=move |ev| {
                    ev.prevent_default();
                    choose(id);
                }
            >
                <span class="suggestion-name">{before}<mark>{matched}</mark>{after}</span>
                <span class="suggestion-count">{format!("{} {noun}", format::count(entry.movies.max(0) as u64))}</span>
            </li>
        }
    };
    view! {
        <div class="company-search">
            <label for=INPUT_ID>"Add a company"</label>
            <div class="combo">
                <input
                    id=INPUT_ID
                    type="text"
                    role="combobox"
                    autocomplete="off"
                    spellcheck="false"
                    aria-autocomplete="list"
                    aria-controls=LISTBOX_ID
                    aria-expanded=move || expanded().to_string()
                    aria-activedescendant=move || active.get().filter(|_| expanded()).map(option_id)
                    placeholder=move || {
                        if full() { "Remove a company to add another".to_owned() } else { placeholder(&entries.read()) }
                    }
                    disabled=full
                    prop:value=move || query.get()
                    on:input=move |ev| {
                        query.set(event_target_value(&ev));
                        active.set(None);
                        open.set(true);
                    }
                    on:click=move |_| open.set(true)
                    on:blur=move |_| {
                        open.set(false);
                        active.set(None);
                    }
                    on:keydown=on_key
                />
                <ul id=LISTBOX_ID role="listbox" aria-label="Matching companies" class="suggestions" hidden=move || !expanded()>
                    {move || suggestions.get().into_iter().enumerate().map(option).collect_view()}
                </ul>
            </div>
            <p class="search-status" aria-live="polite">{status}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries() -> Vec<Entry> {
        let company = |id, name: &str, movies| CompanySummary { company_id: id, company: Some(name.into()), movies };
        index(&[
            company(1, "Warner Bros.", 1000),
            company(2, "Time Warner", 50),
            company(3, "Stewarner Films", 900),
            company(4, "warner music", 5),
            company(5, "Paramount", 800),
        ])
    }

    #[test]
    fn prefix_then_word_then_substring_by_movies() {
        let all = entries();
        let ids =
            |q: &str, exclude: &[i64], limit| suggest(&all, q, exclude, limit).iter().map(|e| e.id).collect::<Vec<_>>();
        assert_eq!(ids("WARNER", &[], 20), [1, 4, 2, 3]);
        assert_eq!(ids(" warner ", &[1], 20), [4, 2, 3]);
        assert_eq!(ids("warner", &[], 2), [1, 4]);
        assert_eq!(ids("", &[], 3), [1, 3, 5]);
        assert!(ids("zzz", &[], 20).is_empty());
    }

    #[test]
    fn the_match_is_highlighted() {
        assert_eq!(split_match("Time Warner", "warn"), ("Time ", "Warn", "er"));
        assert_eq!(split_match("Paramount", "x"), ("Paramount", "", ""));
        assert_eq!(split_match("Paramount", ""), ("Paramount", "", ""));
        assert_eq!(split_match("İstanbul Film", "film"), ("İstanbul Film", "", ""));
    }
}
