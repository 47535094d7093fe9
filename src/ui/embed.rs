//! Embedding: `?calc=…&embed=1` shows one calculator alone for an iframe on a blog, posting
//! its height to the parent page; the full app offers the snippet to paste.

use crate::engine::embed;
use crate::engine::spec::Calculator;
use crate::engine::state;
use crate::ui::browser::{self, CopyStatus};
use crate::ui::disclosure::LazyDetails;
use crate::ui::fields::Form;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Set when the page is an embed: the `theme` it was asked for (`light`, `dark`, `auto`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Embed {
    /// The requested theme.
    pub theme: String,
}

impl Embed {
    /// The query pairs that keep the page an embed across URL updates.
    pub fn query_suffix(&self) -> String {
        format!(
            "&embed=1&theme={}",
            state::encode_pairs(&[("t", self.theme.clone())]).trim_start_matches("t=")
        )
    }
}

/// Applies the theme and starts reporting the content height to the parent page.
pub fn start(embed: &Embed) {
    let root = gloo::utils::document().document_element();
    if let Some(root) = root {
        match embed.theme.as_str() {
            "light" | "dark" => {
                let _ = root.set_attribute("data-theme", &embed.theme);
            }
            _ => {
                let _ = root.remove_attribute("data-theme");
            }
        }
        let _ = root.class_list().add_1("embedded");
    }
    let Some(body) = gloo::utils::document().body() else {
        return;
    };
    let post = Closure::<dyn Fn()>::new(post_height);
    let observer = web_sys::ResizeObserver::new(post.as_ref().unchecked_ref());
    if let Ok(observer) = observer {
        observer.observe(&body);
    }
    post.forget(); // observes the page for its whole life
    post_height();
}

/// `postMessage({type: "cs-metrics:resize", height}, "*")` to the parent: only a number is
/// sent, so any site may listen.
fn post_height() {
    let window = gloo::utils::window();
    let Some(body) = gloo::utils::document().body() else {
        return;
    };
    let height = body.get_bounding_client_rect().height().ceil();
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &"cs-metrics:resize".into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
    let _ = parent.post_message(&message, "*");
}

/// The link from an embed to the full app, with the same inputs.
pub fn full_app_href() -> String {
    let query = browser::query();
    let kept: Vec<(String, String)> = state::decode_pairs(&query)
        .into_iter()
        .filter(|(k, _)| k != "embed" && k != "theme")
        .collect();
    let pairs: Vec<(&str, String)> = kept.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    format!("{}?{}", browser::app_url(), state::encode_pairs(&pairs))
}

/// "Embed on your site": the snippet for this calculator and its inputs, with a copy button.
#[component]
pub fn EmbedPanel(
    /// The calculator.
    calc: &'static Calculator,
    /// Its form (the snippet carries the current inputs).
    form: Form,
) -> impl IntoView {
    let with_script = RwSignal::new(true);
    let copied = RwSignal::new(None::<bool>);
    // Built only while the panel is open: no work on keystrokes for a closed panel.
    let open = RwSignal::new(false);
    let snippet = move || {
        if !open.get() {
            return String::new();
        }
        let (query, _) = state::to_query(calc, &form.texts(), form.skip_invalid.get());
        let origin = gloo::utils::window()
            .location()
            .origin()
            .unwrap_or_default();
        embed::snippet(
            &browser::app_url(),
            &origin,
            &query,
            calc.name,
            with_script.get(),
        )
    };
    view! {
            <LazyDetails
                class="embed-panel"
                testid="embed-panel"
                summary="Embed on your site"
                on_toggle=Callback::new(move |is_open| open.set(is_open))
            >
                <p class="hint">"Paste this into a blog post: the calculator opens with the figures you see now."</p>
                <label class="check">
                    <input type="checkbox" data-testid="embed-with-script" prop:checked=with_script on:change:target=move |ev| with_script.set(ev.target().checked()) />
                    "Add the script that fits the frame's height to its content"
                </label>
                <label for="embed-snippet" class="visually-hidden">"Embed code"</label>
                <textarea id="embed-snippet" readonly rows="6" data-testid="embed-snippet" prop:value=snippet></textarea>
                <div class="actions">
                    <button type="button" class="button button-quiet" data-testid="embed-copy" on:click=move |_| browser::copy(&snippet(), move |ok| copied.set(Some(ok)))>
                        "Copy embed code"
                    </button>
    <CopyStatus copied=copied done="Copied." refused="Couldn't copy: select the code and copy it." />
                </div>
            </LazyDetails>
        }
}
