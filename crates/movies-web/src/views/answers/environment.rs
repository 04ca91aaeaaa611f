//! What the page tells a chart: whether the system is in dark mode, and how wide the
//! chart's box is (charts are drawn at that width, so text keeps its size).

use leptos::html::Div;
use leptos::prelude::*;
use movies_charts::Theme;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{MediaQueryList, ResizeObserver};

/// A JS callback kept alive with what it is attached to.
type Attached<T> = StoredValue<Option<(T, Closure<dyn Fn()>)>, LocalStorage>;

/// Whether the system asks for dark colors, following changes.
pub fn prefers_dark() -> Signal<bool> {
    let dark = RwSignal::new(false);
    let query = web_sys::window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
    if let Some(query) = query {
        dark.set(query.matches());
        let watched = query.clone();
        let on_change = Closure::<dyn Fn()>::new(move || dark.set(watched.matches()));
        query.set_onchange(Some(on_change.as_ref().unchecked_ref()));
        let kept: Attached<MediaQueryList> = StoredValue::new_local(Some((query, on_change)));
        on_cleanup(move || {
            kept.try_with_value(|kept| kept.as_ref().map(|(query, _)| query.set_onchange(None)));
        });
    }
    dark.into()
}

/// Focuses the element `id` once the current update is rendered. Changing what the URL
/// holds may rebuild the whole view, which would leave the focus on the page's body.
pub fn refocus(id: String) {
    set_timeout(
        move || {
            let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&id));
            if let Some(element) = element {
                let _ = element.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        },
        std::time::Duration::ZERO,
    );
}

/// The chart theme for dark or light mode.
pub fn theme(dark: bool) -> Theme {
    if dark {
        Theme::dark()
    } else {
        Theme::light()
    }
}

/// The content width of `node` in pixels, kept up to date (0 until it is in the page).
pub fn observe_width(node: NodeRef<Div>) -> Signal<u32> {
    let width = RwSignal::new(0_u32);
    let observer: Attached<ResizeObserver> = StoredValue::new_local(None);
    Effect::new(move |_| {
        let Some(element) = node.get() else { return };
        let measured: web_sys::Element = element.clone().into();
        let measure = move || {
            let w = measured.client_width().max(0) as u32;
            if width.get_untracked() != w {
                width.set(w);
            }
        };
        measure();
        let on_resize = Closure::<dyn Fn()>::new(measure);
        if let Ok(resize) = ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            resize.observe(&element);
            observer.set_value(Some((resize, on_resize)));
        }
    });
    on_cleanup(move || {
        observer.try_with_value(|o| {
            if let Some((resize, _)) = o {
                resize.disconnect();
            }
        });
    });
    width.into()
}
