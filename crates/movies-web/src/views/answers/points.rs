//! The chart's points as buttons: a click, or Enter (or Space) on a focused point,
//! opens the movies behind it; the arrow keys, Home and End move the focus from point
//! to point (one tab stop per chart, as the chart crate sets them).

use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::drill::Drill;

/// The point element an event happened on, if any.
fn point_of(target: Option<web_sys::EventTarget>) -> Option<Element> {
    target?.dyn_into::<Element>().ok()?.closest(".point").ok().flatten()
}

/// The cell behind a point element, by its `data-s` and `data-y`, as `cell_of` (the
/// figure's points) says.
fn drill_of(point: &Element, cell_of: &impl Fn(usize, i32) -> Option<Drill>) -> Option<Drill> {
    let series = point.get_attribute("data-s")?.parse::<usize>().ok()?;
    let year = point.get_attribute("data-y")?.parse::<i32>().ok()?;
    cell_of(series, year)
}

/// A click on the chart: opens the clicked point's movies.
pub fn on_click(ev: &leptos::ev::MouseEvent, cell_of: impl Fn(usize, i32) -> Option<Drill>, open: impl Fn(Drill)) {
    if let Some(drill) = point_of(ev.target()).and_then(|p| drill_of(&p, &cell_of)) {
        open(drill);
    }
}

/// Moves the roving tab stop to `next` and focuses it.
fn focus(current: &Element, next: &Element) {
    let _ = current.set_attribute("tabindex", "-1");
    let _ = next.set_attribute("tabindex", "0");
    // SVG elements have focus() too; the call is made on the object whatever its class.
    let _ = next.unchecked_ref::<web_sys::HtmlElement>().focus();
}

/// A key on the chart: Enter or Space opens the focused point's movies, the arrows,
/// Home and End move between points.
pub fn on_key(ev: &leptos::ev::KeyboardEvent, cell_of: impl Fn(usize, i32) -> Option<Drill>, open: impl Fn(Drill)) {
    let Some(point) = point_of(ev.target()) else { return };
    let key = ev.key();
    if key == "Enter" || key == " " {
        ev.prevent_default();
        if let Some(drill) = drill_of(&point, &cell_of) {
            open(drill);
        }
        return;
    }
    let Some(points) = point.parent_element().map(|layer| layer.get_elements_by_class_name("point")) else {
        return;
    };
    let count = points.length();
    let at = (0..count).find(|&i| points.item(i).as_ref() == Some(&point)).unwrap_or(0);
    let next = match key.as_str() {
        "ArrowRight" | "ArrowDown" => (at + 1).min(count.saturating_sub(1)),
        "ArrowLeft" | "ArrowUp" => at.saturating_sub(1),
        "Home" => 0,
        "End" => count.saturating_sub(1),
        _ => return,
    };
    ev.prevent_default();
    if let Some(next) = points.item(next) {
        focus(&point, &next);
    }
}
