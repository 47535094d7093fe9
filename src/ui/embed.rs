//! Embedding: `?calc=…&embed=1` shows one calculator alone for an iframe on a blog, posting
//! its height to the parent page; the full app offers the snippet to paste.

use crate::engine::embed::{self, Snippet};
use crate::engine::evaluate::Evaluation;
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
    /// `measure=1`: a hidden frame of the app's own embed panel, measuring the calculator's
    /// height for the snippet. It keeps nothing: no link writes, no saved inputs.
    pub measure: bool,
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

/// The link from an embed to the full app with the figures the reader has now.
#[component]
pub fn FullAppLink(
    /// The query of the calculator's current state, without `?`.
    query: RwSignal<String>,
) -> impl IntoView {
    view! {
        <p class="embed-credit">
            <a href=move || format!("{}?{}", browser::app_url(), query.get()) target="_blank" rel="noopener" data-testid="full-app">
                "cs-metrics"
            </a>
            " · open the full app with these figures"
        </p>
    }
}

/// The width of a blog's article column the snippet's height is measured at (px).
const COLUMN_WIDTH: u32 = 700;
/// The height used until the measurement arrives (px).
const FALLBACK_HEIGHT: u32 = 720;

/// "Embed on your site": the snippet for this calculator and its inputs, with a copy button.
/// Its height is measured: the calculator is loaded as an embed in a hidden frame of a blog
/// column's width, and the frame's own resize message gives the height a blog that strips
/// scripts still shows in full.
#[component]
pub fn EmbedPanel(
    /// The calculator.
    calc: &'static Calculator,
    /// Its form (the snippet carries the current inputs).
    form: Form,
    /// Its latest evaluation (for lists carried as counts).
    evaluation: Memo<Evaluation>,
) -> impl IntoView {
    let with_script = RwSignal::new(true);
    let theme = RwSignal::new("auto");
    let copied = RwSignal::new(None::<bool>);
    // Built only while the panel is open: no work on keystrokes for a closed panel.
    let open = RwSignal::new(false);
    let query = Memo::new(move |_| {
        if !open.get() {
            return String::new();
        }
        let texts = form.texts();
        evaluation.with(|e| {
            state::to_query(
                calc,
                &texts,
                form.mark.get(),
                form.skip_invalid.get(),
                Some(e),
            )
            .text
        })
    });
    // The frame measured is reloaded only once the figures keep still for a second.
    let measured_query = browser::settled(Memo::new(move |_| Some(query.get())), 1_000);
    let height = RwSignal::new(None::<u32>);
    let frame = NodeRef::<leptos::html::Iframe>::new();
    let listener = window_event_listener(leptos::ev::message, move |ev| {
        let from_frame = frame.get_untracked().and_then(|f| f.content_window());
        let source = ev.source();
        let same = match (&from_frame, &source) {
            (Some(w), Some(s)) => js_sys::Object::is(w.as_ref(), s.as_ref()),
            _ => false,
        };
        if !same {
            return;
        }
        let data = ev.data();
        let kind = js_sys::Reflect::get(&data, &"type".into()).ok().and_then(|v| v.as_string());
        let value = js_sys::Reflect::get(&data, &"height".into()).ok().and_then(|v| v.as_f64());
        if let (Some("cs-metrics:resize"), Some(h)) = (kind.as_deref(), value) {
            height.set(Some(h.ceil().max(1.0) as u32));
        }
    });
    on_cleanup(move || listener.remove());
    let measure_src = move || {
        let q = measured_query.get();
        (!q.is_empty()).then(|| format!("{}?{q}&embed=1&measure=1", browser::app_url()))
    };
    let snippet = move || {
        let q = query.get();
        if q.is_empty() {
            return String::new();
        }
        let origin = gloo::utils::window()
            .location()
            .origin()
            .unwrap_or_default();
        embed::snippet(&Snippet {
            app_url: &browser::app_url(),
            origin: &origin,
            query: &q,
            title: calc.name,
            theme: theme.get(),
            height: height.get().unwrap_or(FALLBACK_HEIGHT),
            with_script: with_script.get(),
        })
    };
    view! {
            <LazyDetails
                class="embed-panel"
                testid="embed-panel"
                summary="Embed on your site"
                on_toggle=Callback::new(move |is_open| open.set(is_open))
            >
                <p class="hint">"Paste this into a blog post: the calculator opens with the figures you see now."</p>
                <fieldset class="choices-inline">
                    <legend>"Colours"</legend>
                    {[("auto", "Follow the reader's system"), ("light", "Light"), ("dark", "Dark")]
                        .into_iter()
                        .map(|(id, label)| view! {
                            <label class="choice">
                                <input type="radio" name="embed-theme" value=id data-testid=format!("embed-theme-{id}")
                                    prop:checked=move || theme.get() == id
                                    on:change=move |_| theme.set(id) />
                                <span>{label}</span>
                            </label>
                        })
                        .collect_view()}
                </fieldset>
                <label class="check">
                    <input type="checkbox" data-testid="embed-with-script" prop:checked=with_script on:change:target=move |ev| with_script.set(ev.target().checked()) />
                    "Add the script that fits the frame's height to its content"
                </label>
                <label for="embed-snippet" class="visually-hidden">"Embed code"</label>
                <textarea id="embed-snippet" readonly rows="6" data-testid="embed-snippet" prop:value=snippet></textarea>
                <p class="hint" data-testid="embed-height">
                    {move || match height.get() {
                        Some(h) => format!("Height {h} px: the whole calculator in a {COLUMN_WIDTH} px column, also where a blog strips the script."),
                        None => "Measuring the calculator's height…".to_owned(),
                    }}
                </p>
                <div class="actions">
                    <button type="button" class="button button-quiet" data-testid="embed-copy" on:click=move |_| browser::copy(&snippet(), move |ok| copied.set(Some(ok)))>
                        "Copy embed code"
                    </button>
                    <CopyStatus copied=copied done="Copied." refused="Couldn't copy: select the code and copy it." />
                </div>
                {move || measure_src().map(|src| view! {
                    <iframe
                        class="embed-measure"
                        node_ref=frame
                        src=src
                        width=COLUMN_WIDTH.to_string()
                        tabindex="-1"
                        aria-hidden="true"
                        title="Measuring the embed's height"
                    ></iframe>
                })}
            </LazyDetails>
        }
}
