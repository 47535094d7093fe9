//! Small pieces shared by the views: copy statuses (with a field to copy by hand when the
//! browser refuses), a `<details>` panel built on first open, and a signal that settles.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// "Copied." or how to copy by hand, after a copy button was used.
#[component]
pub fn CopyStatus(
    /// Whether the last copy worked (`None`: nothing copied yet).
    copied: RwSignal<Option<bool>>,
    /// What to say when it worked.
    done: &'static str,
    /// What to say when the browser refused.
    refused: &'static str,
) -> impl IntoView {
    view! {
        <span class="action-status" role="status">
            {move || match copied.get() {
                Some(true) => done,
                Some(false) => refused,
                None => "",
            }}
        </span>
    }
}

/// What "Copy link" did: copied (with what the link leaves out), or a field holding the
/// link to copy by hand when the browser refused (inside a blog's frame, for one).
#[component]
pub fn LinkCopyStatus(
    /// `Ok(sentence)` after a copy, `Err(link)` when it was refused, `None` before.
    copied: RwSignal<Option<Result<String, String>>>,
) -> impl IntoView {
    view! {
        <p class="action-status" role="status" data-testid="copy-status">
            {move || match copied.get() {
                Some(Ok(done)) => view! { <span>{done}</span> }.into_any(),
                Some(Err(link)) => view! {
                    <span>"Couldn't copy here: select the link and copy it."</span>
                    <label class="visually-hidden" for="link-fallback">"Link to these figures"</label>
                    <input
                        id="link-fallback"
                        type="text"
                        readonly
                        class="link-fallback"
                        data-testid="link-fallback"
                        prop:value=link
                        on:focus=|ev: web_sys::FocusEvent| {
                            if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                input.select();
                            }
                        }
                    />
                }
                .into_any(),
                None => ().into_any(),
            }}
        </p>
    }
}

/// A closed-by-default disclosure with lazily built content (kept once built, so what was
/// typed in it survives closing and reopening).
#[component]
pub fn LazyDetails(
    /// The `<details>` element's class.
    class: &'static str,
    /// Its `data-testid`, if any.
    #[prop(optional, into)]
    testid: Option<String>,
    /// The summary line, always shown.
    #[prop(into)]
    summary: String,
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

/// `source`'s latest value once it has kept still for `quiet_ms`: a live region fed by this
/// speaks once when typing pauses, not at every keystroke. The first value is not spoken (a
/// page's own content is read as the page).
pub fn settled(source: Memo<Option<String>>, quiet_ms: u64) -> ReadSignal<String> {
    let (out, set_out) = signal(String::new());
    let generation = StoredValue::new(0_u64);
    Effect::new(move |first: Option<()>| {
        let value = source.get().unwrap_or_default();
        generation.update_value(|g| *g = g.wrapping_add(1));
        if first.is_none() {
            return;
        }
        let mine = generation.get_value();
        set_timeout(
            move || {
                if generation.try_get_value() == Some(mine) {
                    set_out.try_set(value);
                }
            },
            std::time::Duration::from_millis(quiet_ms),
        );
    });
    out
}
