//! A `<details>` panel whose content is built the first time it opens. The settings, CSV
//! import and embed panels start closed on every calculator; building their forms at start-up
//! cost time on the way to the first result (measured: ~13 ms of a 65 ms start in a CPU
//! profile) for panels most visits never open.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A closed-by-default disclosure with lazily built content (kept once built, so what was
/// typed in it survives closing and reopening).
#[component]
pub fn LazyDetails(
    /// The `<details>` element's class.
    class: &'static str,
    /// Its `data-testid`, if any.
    #[prop(optional)]
    testid: Option<&'static str>,
    /// The summary line, always shown.
    summary: &'static str,
    /// Called with `true` when the panel opens and `false` when it closes.
    #[prop(optional)]
    on_toggle: Option<Callback<bool>>,
    /// Whether it is open, when the page also opens or closes it (two-way).
    #[prop(optional)]
    open: Option<RwSignal<bool>>,
    /// The content, built on first open.
    children: ChildrenFn,
) -> impl IntoView {
    let opened = RwSignal::new(false);
    let state = open;
    let toggled = move |ev: web_sys::Event| {
        let open = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
            .is_some_and(|d| d.open());
        if open {
            opened.set(true);
        }
        if let Some(state) = state {
            state.set(open);
        }
        if let Some(callback) = on_toggle {
            callback.run(open);
        }
    };
    view! {
        <details class=class data-testid=testid on:toggle=toggled prop:open=move || state.is_some_and(|s| s.get())>
            <summary>{summary}</summary>
            <Show when=move || opened.get()>{children()}</Show>
        </details>
    }
}
