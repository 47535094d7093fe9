//! The few browser services the app uses: the query string, history, localStorage and the
//! clipboard. Every failure (storage disabled, quota full, clipboard refused) is returned as a
//! sentence for a notice, never a panic.

use wasm_bindgen::JsCast;

/// The page's query string, without `?` (empty when unavailable).
pub fn query() -> String {
    gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default()
        .trim_start_matches('?')
        .to_owned()
}

/// Replaces the current history entry's query (typing must not spam the history). The
/// address it already has is not written again: a history update costs ~4 ms in Chromium, and
/// every calculator's first render would pay it for nothing.
pub fn replace_query(query: &str) {
    if self::query() != query {
        set_query(query, false);
    }
}

/// Adds a history entry for a new view (opening a calculator, going home).
pub fn push_query(query: &str) {
    set_query(query, true);
}

fn set_query(query: &str, push: bool) {
    let window = gloo::utils::window();
    let Ok(history) = window.history() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_default();
    let url = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    let done = if push {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    };
    // A URL too long for the browser is not worth a crash: the state is still saved locally.
    let _ = done;
}

/// The page title outside a calculator (as in index.html).
pub const DEFAULT_TITLE: &str = "cs-metrics · customer-success metrics calculator";

/// Sets the tab's title.
pub fn set_title(title: &str) {
    gloo::utils::document().set_title(title);
}

/// `source`'s latest value once it has kept still for `quiet_ms`: a live region fed by this
/// speaks once when typing pauses, not at every keystroke. The first value is not spoken (a
/// page's own content is read as the page).
pub fn settled(
    source: leptos::prelude::Memo<Option<String>>,
    quiet_ms: u64,
) -> leptos::prelude::ReadSignal<String> {
    use leptos::prelude::*;
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

/// The app's address without its query: origin and path.
pub fn app_url() -> String {
    let location = gloo::utils::window().location();
    format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}

/// Writes a calculator's query with `replaceState` at most every 200 ms: the first change after
/// a quiet spell is written at once (a single change such as Reset must be in the link before
/// any reload), later ones in a burst of typing are coalesced, always ending on the latest.
/// The timer holds only strings, never a signal, so it is safe after the view is gone; it
/// skips the write if the page has moved to another calculator meanwhile.
#[derive(Clone, Debug)]
pub struct CoalescedQuery {
    calc: &'static str,
    state: std::rc::Rc<std::cell::RefCell<Coalescing>>,
}

#[derive(Debug, Default)]
struct Coalescing {
    pending: Option<String>,
    timer_set: bool,
    last_write: f64,
}

const COALESCE_MS: f64 = 200.0;

fn now_ms() -> f64 {
    gloo::utils::window()
        .performance()
        .map(|p| p.now())
        .unwrap_or_default()
}

impl CoalescedQuery {
    /// A writer for calculator `calc`.
    pub fn new(calc: &'static str) -> Self {
        CoalescedQuery {
            calc,
            state: Default::default(),
        }
    }

    /// Makes `query` the page's query at once, dropping any pending one (for single actions
    /// such as Reset, which must be in the link before any reload).
    pub fn write_now(&self, query: &str) {
        let mut state = self.state.borrow_mut();
        state.pending = None;
        state.last_write = now_ms();
        drop(state);
        publish(self.calc, query);
    }

    /// Makes `query` the page's query, now or within 200 ms.
    pub fn write(&self, query: String) {
        let mut state = self.state.borrow_mut();
        let quiet = now_ms() - state.last_write >= COALESCE_MS;
        if quiet && !state.timer_set {
            state.last_write = now_ms();
            state.pending = None;
            drop(state);
            publish(self.calc, &query);
            return;
        }
        state.pending = Some(query);
        if state.timer_set {
            return;
        }
        state.timer_set = true;
        let wait = (COALESCE_MS - (now_ms() - state.last_write)).max(0.0);
        drop(state);
        let shared = std::rc::Rc::clone(&self.state);
        let calc = self.calc;
        leptos::prelude::set_timeout(
            move || {
                let mut state = shared.borrow_mut();
                state.timer_set = false;
                state.last_write = now_ms();
                let Some(query) = state.pending.take() else {
                    return;
                };
                drop(state);
                let here = crate::engine::state::read_link(&self::query()).calc;
                if here.as_deref() == Some(calc) {
                    publish(calc, &query);
                }
            },
            std::time::Duration::from_millis(wait as u64),
        );
    }
}

/// Puts `query` in the address bar and remembers it as calculator `calc`'s own link: a reload
/// within the coalescing delay then finds the newer saved inputs instead of the older link.
fn publish(calc: &'static str, query: &str) {
    replace_query(query);
    crate::ui::saved::remember_link(calc, query);
}

fn storage() -> Result<web_sys::Storage, &'static str> {
    match gloo::utils::window().local_storage() {
        Ok(Some(storage)) => Ok(storage),
        _ => Err("This browser doesn't allow saving, so your inputs won't be kept after a reload."),
    }
}

/// The stored value under `key`; `Ok(None)` when nothing is stored.
pub fn load(key: &str) -> Result<Option<String>, &'static str> {
    storage()?
        .get_item(key)
        .map_err(|_| "Saved inputs couldn't be read.")
}

/// Stores `value` under `key`.
pub fn save(key: &str, value: &str) -> Result<(), &'static str> {
    storage()?.set_item(key, value).map_err(|_| {
        "Your inputs couldn't be saved: the browser's storage is full. They still work on this page."
    })
}

/// Removes `key`.
pub fn remove(key: &str) {
    if let Ok(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// "Copied." or how to copy by hand, after a copy button was used.
#[leptos::component]
pub fn CopyStatus(
    /// Whether the last copy worked (`None`: nothing copied yet).
    copied: leptos::prelude::RwSignal<Option<bool>>,
    /// What to say when it worked.
    done: &'static str,
    /// What to say when the browser refused.
    refused: &'static str,
) -> impl leptos::IntoView {
    use leptos::prelude::*;
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

/// Copies `text` to the clipboard; `done` is told whether it worked.
pub fn copy(text: &str, done: impl FnOnce(bool) + 'static) {
    let clipboard = gloo::utils::window().navigator().clipboard();
    let promise = clipboard.write_text(text);
    let future = wasm_bindgen_futures::JsFuture::from(promise);
    leptos::task::spawn_local(async move {
        done(future.await.is_ok());
    });
}

/// Moves focus to the first element matching `selector`, if any.
pub fn focus_selector(selector: &str) {
    let found = gloo::utils::document()
        .query_selector(selector)
        .ok()
        .flatten();
    if let Some(el) = found.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Moves focus to the element with `id`, if any (after a view change).
pub fn focus(id: &str) {
    if let Some(el) = gloo::utils::document().get_element_by_id(id) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Today's local date as `YYYY-MM-DD` (for export file names).
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month().saturating_add(1),
        now.get_date()
    )
}

/// Offers `text` as a file download called `name`, through a Blob (nothing leaves the page).
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), &'static str> {
    let failed = "The download couldn't start in this browser.";
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| failed)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| failed)?;
    let link: web_sys::HtmlAnchorElement = gloo::utils::document()
        .create_element("a")
        .map_err(|_| failed)?
        .dyn_into()
        .map_err(|_| failed)?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // Revoking at once can cancel the download in some browsers; a minute later is safe.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
    Ok(())
}

/// Reads a file the user picked or dropped, as text.
pub async fn read_file(file: web_sys::File) -> Result<String, &'static str> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|_| "The file couldn't be read.")?;
    text.dyn_ref::<js_sys::JsString>()
        .and_then(rust_string)
        .ok_or("The file couldn't be read as text.")
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The browser's UTF-8 encoder.
    type TextEncoder;
    #[wasm_bindgen(constructor, catch)]
    fn new() -> Result<TextEncoder, wasm_bindgen::JsValue>;
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &js_sys::JsString) -> js_sys::Uint8Array;
    /// A `DataTransfer` whose `getData` leaves the text in JavaScript.
    type JsDataTransfer;
    #[wasm_bindgen(method, js_name = getData)]
    fn get_data(this: &JsDataTransfer, format: &str) -> js_sys::JsString;
}

/// Texts longer than this (in UTF-16 units) cross into wasm through [`TextEncoder`].
const LONG_TEXT: u32 = 4_096;

/// A JavaScript string as a Rust one. A long text is encoded by the browser and copied into
/// wasm memory at once: wasm-bindgen's own conversion copies one character at a time in
/// JavaScript (measured: about 50 ms for a 2 MB paste).
pub fn rust_string(text: &js_sys::JsString) -> Option<String> {
    if text.length() < LONG_TEXT {
        return text.as_string();
    }
    let bytes = TextEncoder::new().ok()?.encode(text).to_vec();
    String::from_utf8(bytes).ok()
}

/// The first `limit` UTF-16 units of the plain text being pasted (all of it for `u32::MAX`).
pub fn pasted_text(ev: &web_sys::ClipboardEvent, limit: u32) -> Option<String> {
    let data: JsDataTransfer = ev.clipboard_data()?.unchecked_into();
    let text = data.get_data("text");
    if text.length() > limit {
        return rust_string(&text.substring(0, limit));
    }
    rust_string(&text)
}

/// The plain text being pasted, when it is longer than `limit` UTF-16 units; `None` leaves a
/// shorter paste to the browser.
pub fn long_paste(ev: &web_sys::ClipboardEvent, limit: u32) -> Option<String> {
    let data: JsDataTransfer = ev.clipboard_data()?.unchecked_into();
    let text = data.get_data("text");
    if text.length() <= limit {
        return None;
    }
    rust_string(&text)
}
