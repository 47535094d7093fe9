//! Embedding: `?calc=…&embed=1` shows one calculator alone for an iframe on a blog, posting
//! its height to the parent page; the full app offers the snippet to paste.

use crate::engine::embed::{self, Snippet};
use crate::engine::evaluate::Evaluation;
use crate::engine::report;
use crate::engine::spec::Calculator;
use crate::engine::state;
use crate::ui::browser;
use crate::ui::lazy::{lazy, mount_into, Later};
use crate::ui::widgets::CopyStatus;
use crate::ui::widgets::LazyDetails;
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
    /// `show=a,b`: the secondary figures shown up front (`None`: the first three).
    pub show: Option<Vec<&'static str>>,
}

impl Embed {
    /// The query pairs that keep the page an embed across URL updates.
    pub fn query_suffix(&self) -> String {
        let mut pairs = vec![("embed", "1".to_owned()), ("theme", self.theme.clone())];
        if let Some(show) = &self.show {
            pairs.push(("show", show.join(",")));
        }
        format!("&{}", state::encode_pairs(&pairs))
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
                   // Once the calculator is in the page (it is made right after this): a frame the blog has
                   // scrolled out of view may not lay out, nor observe, until it is scrolled to, but reading
                   // its height lays it out, and timers still run.
    set_timeout(post_height, std::time::Duration::ZERO);
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

/// Listens for the measuring frame's resize messages (a plain listener: the page's lifetime,
/// one closure type) and keeps the latest height in `height`.
fn listen_for_height(height: RwSignal<String>) {
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let frame = gloo::utils::document()
                .query_selector("iframe.embed-measure")
                .ok()
                .flatten()
                .and_then(|f| f.dyn_into::<web_sys::HtmlIFrameElement>().ok())
                .and_then(|f| f.content_window());
            let from_frame = match (frame, ev.source()) {
                (Some(w), Some(s)) => js_sys::Object::is(w.as_ref(), s.as_ref()),
                _ => false,
            };
            let data = ev.data();
            let kind = js_sys::Reflect::get(&data, &"type".into())
                .ok()
                .and_then(|v| v.as_string());
            let value = js_sys::Reflect::get(&data, &"height".into())
                .ok()
                .and_then(|v| v.as_f64());
            if let (true, Some("cs-metrics:resize"), Some(h)) = (from_frame, kind.as_deref(), value)
            {
                height.try_set(format!("{}", h.ceil().max(1.0) as u32));
            }
        });
    let _ = gloo::utils::window()
        .add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    on_message.forget();
}

/// "Embed on your site": the snippet for this calculator and its inputs, with a copy button.
/// Its height is measured: the calculator is loaded as an embed in a hidden frame of a blog
/// column's width, and the frame's own resize message gives the height a blog that strips
/// scripts still shows in full.
#[component]
pub fn EmbedPanel(
    /// The calculator.
    calc: &'static Calculator,
    /// The link query of its current figures (the snippet carries them).
    current: RwSignal<String>,
    /// Its latest evaluation (which secondary figures there are to pick from).
    evaluation: Memo<Evaluation>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <LazyDetails class="embed-panel" testid="embed-panel" summary="Embed on your site" open=open>
            <Later load=Box::new(move |target, owner| Box::pin(embed_body(target, owner, calc, current, evaluation, open))) />
        </LazyDetails>
    }
}

lazy! { embed_panel:
    fn embed_body(
        target: web_sys::Element,
        owner: Owner,
        calc: &'static Calculator,
        current: RwSignal<String>,
        evaluation: Memo<Evaluation>,
        open: RwSignal<bool>,
    ) {
        mount_into(&target, &owner, move || view! { <EmbedBody calc=calc current=current evaluation=evaluation open=open /> });
    }
}

/// The embed panel's content, built on first open.
#[component]
fn EmbedBody(
    /// The calculator.
    calc: &'static Calculator,
    /// The link query of its current figures.
    current: RwSignal<String>,
    /// Its latest evaluation.
    evaluation: Memo<Evaluation>,
    /// Whether the panel is open (the snippet is only kept current while it is).
    open: RwSignal<bool>,
) -> impl IntoView {
    // The secondary figures up front: the first three unless the author picks (`None`).
    let picked = RwSignal::new(None::<Vec<&'static str>>);
    let offered = Memo::new(move |_| {
        evaluation.with(|e| {
            report::secondary(calc, e)
                .into_iter()
                .map(|r| (r.id, r.label))
                .collect::<Vec<_>>()
        })
    });
    let up_front = move || {
        picked.get().unwrap_or_else(|| {
            offered.with(|o| o.iter().take(report::UP_FRONT).map(|(id, _)| *id).collect())
        })
    };
    let toggle = move |id: &'static str, on: bool| {
        let mut now: Vec<&'static str> = untrack(up_front);
        now.retain(|x| *x != id);
        if on {
            now.push(id);
        }
        // In the calculator's order, whatever the order of the clicks.
        let order = offered.get_untracked();
        now.sort_by_key(|id| order.iter().position(|(o, _)| o == id));
        picked.set(Some(now));
    };
    let with_script = RwSignal::new(true);
    let theme = RwSignal::new("auto".to_owned());
    let copied = RwSignal::new(None::<bool>);
    // Kept current only while the panel is open: no work on keystrokes for a closed panel.
    let query = Memo::new(move |_| open.get().then(|| current.get()));
    // The measuring frame reloads only once the figures keep still for a second.
    let measured = crate::ui::widgets::settled(query, 1_000);
    let height = RwSignal::new(String::new());
    listen_for_height(height);
    let snippet = move || {
        let q = query.get().unwrap_or_default();
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
            theme: &theme.get(),
            height: height.with(|h| h.parse().unwrap_or(FALLBACK_HEIGHT)),
            with_script: with_script.get(),
            show: picked.get().as_deref(),
        })
    };
    view! {
            <p class="hint">"Paste this into a blog post: the calculator opens with the figures you see now."</p>
            <label for="embed-theme">"Colours"</label>
            <select id="embed-theme" data-testid="embed-theme" on:change:target=move |ev| theme.set(ev.target().value())>
                <option value="auto">"Follow the reader's system"</option>
                <option value="light">"Light"</option>
                <option value="dark">"Dark"</option>
            </select>
            <fieldset class="embed-figures" hidden=move || offered.with(Vec::is_empty)>
                <legend>{format!("Figures shown under the headline (up to {})", report::UP_FRONT)}</legend>
                {move || {
                    let chosen = up_front();
                    offered
                        .get()
                        .into_iter()
                        .map(|(id, label)| {
                            let on = chosen.contains(&id);
                            let full = !on && chosen.len() >= report::UP_FRONT;
                            view! {
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        data-testid=format!("embed-show-{id}")
                                        prop:checked=on
                                        disabled=full
                                        on:change:target=move |ev| toggle(id, ev.target().checked())
                                    />
                                    {label}
                                </label>
                            }
                        })
                        .collect_view()
                }}
                <p class="hint">"The others sit behind “More results”."</p>
            </fieldset>
            <label class="check">
                <input type="checkbox" data-testid="embed-with-script" prop:checked=with_script on:change:target=move |ev| with_script.set(ev.target().checked()) />
                "Add the script that fits the frame's height to its content"
            </label>
            <label for="embed-snippet" class="visually-hidden">"Embed code"</label>
            <textarea id="embed-snippet" readonly rows="6" data-testid="embed-snippet" prop:value=snippet></textarea>
            <p class="hint" data-testid="embed-height">
                {move || height.with(|h| if h.is_empty() {
                    "Measuring the calculator's height…".to_owned()
                } else {
                    format!("Height {h} px: the whole calculator in a {COLUMN_WIDTH} px column, also where a blog strips the script.")
                })}
            </p>
            <div class="actions">
                <button type="button" class="button button-quiet" data-testid="embed-copy" on:click=move |_| browser::copy(&snippet(), move |ok| copied.set(Some(ok)))>
                    "Copy embed code"
                </button>
                <CopyStatus copied=copied done="Copied." refused="Couldn't copy: select the code and copy it." />
            </div>
            <iframe
                class="embed-measure"
                src=move || {
                    // The figures when the panel was built, then each settled change.
                    let q = measured.get();
                    let q = if q.is_empty() { query.get_untracked().unwrap_or_default() } else { q };
                    // Measured with the figures picked: they change the height.
                    let show = picked.get().map(|p| format!("&show={}", p.join(","))).unwrap_or_default();
                    if q.is_empty() { String::new() } else { format!("{}?{q}&embed=1&measure=1{show}", browser::app_url()) }
                }
                width=COLUMN_WIDTH.to_string()
                tabindex="-1"
                aria-hidden="true"
                title="Measuring the embed's height"
            ></iframe>
    }
}
