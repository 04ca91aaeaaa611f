//! Controls of the answer views: the metric selector and the year range.

use leptos::prelude::*;

use super::environment::refocus;
use crate::context::use_app;
use crate::metric::Metric;

/// Budget / revenue / profit as a group of radio buttons named `name`.
#[component]
pub fn MetricPicker(metric: Signal<Metric>, set_metric: SignalSetter<Metric>, name: &'static str) -> impl IntoView {
    view! {
        <fieldset class="segmented">
            <legend>"Metric"</legend>
            {Metric::ALL
                .into_iter()
                .map(|m| {
                    let id = format!("{name}-{}", m.key());
                    view! {
                        <input
                            type="radio"
                            id=id.clone()
                            name=name
                            value=m.key()
                            prop:checked=move || metric.get() == m
                            on:change=move |_| set_metric.set(m)
                        />
                        <label for=id>{m.label()}</label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// Parses a year typed by the user.
fn parse_year(text: &str) -> Option<i32> {
    text.trim().parse().ok()
}

/// The range after the user typed `value` into one end, kept within `bounds` and in order.
pub fn adjusted(current: (i32, i32), bounds: (i32, i32), from: bool, value: i32) -> (i32, i32) {
    let value = value.clamp(bounds.0, bounds.1);
    let (mut a, mut b) = current;
    if from {
        a = value;
        b = b.max(a);
    } else {
        b = value;
        a = a.min(b);
    }
    (a, b)
}

/// "From … to …" years, stored in the URL. `bounds` are the years of the data;
/// `shown` is the range in force (the URL's, or the view's default).
#[component]
pub fn YearRange(
    #[prop(into)] bounds: Signal<Option<(i32, i32)>>,
    #[prop(into)] shown: Signal<Option<(i32, i32)>>,
    id: &'static str,
) -> impl IntoView {
    let store = use_app().store;
    let set = move |from: bool, ev: leptos::ev::Event| {
        let (Some(bounds), Some(current)) = (bounds.get_untracked(), shown.get_untracked()) else { return };
        let Some(value) = parse_year(&event_target_value(&ev)) else {
            // Not a year: put the shown value back.
            store.view.update(|_| {});
            return;
        };
        let range = adjusted(current, bounds, from, value);
        store.view.update(|v| v.years = Some(range));
        refocus(event_target::<web_sys::Element>(&ev).id());
    };
    let end = move |from: bool| {
        let label = if from { "From" } else { "to" };
        let input_id = format!("{id}-{}", if from { "from" } else { "to" });
        view! {
            <label for=input_id.clone()>{label}</label>
            <input
                type="number"
                id=input_id
                inputmode="numeric"
                min=move || bounds.get().map(|b| b.0.to_string())
                max=move || bounds.get().map(|b| b.1.to_string())
                prop:value=move || shown.get().map(|r| if from { r.0 } else { r.1 }.to_string()).unwrap_or_default()
                on:change=move |ev| set(from, ev)
            />
        }
    };
    let is_all = move || store.view.with(|v| v.years.is_none());
    view! {
        <fieldset class="year-range">
            <legend>"Years"</legend>
            {end(true)}
            {end(false)}
            <button
                type="button"
                class="button small"
                disabled=is_all
                on:click=move |_| store.view.update(|v| v.years = None)
                title="Show every year with data"
            >
                "All years"
            </button>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_years_stay_in_bounds_and_order() {
        assert_eq!(adjusted((1990, 2000), (1900, 2017), true, 1995), (1995, 2000));
        assert_eq!(adjusted((1990, 2000), (1900, 2017), true, 2010), (2010, 2010));
        assert_eq!(adjusted((1990, 2000), (1900, 2017), false, 1980), (1980, 1980));
        assert_eq!(adjusted((1990, 2000), (1900, 2017), false, 3000), (1990, 2017));
        assert_eq!(adjusted((1990, 2000), (1900, 2017), true, 12), (1900, 2000));
        assert_eq!(parse_year(" 1999 "), Some(1999));
        assert_eq!(parse_year("19x"), None);
    }
}
