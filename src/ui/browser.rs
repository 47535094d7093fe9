//! Thin wrappers over the few browser services the app uses: the query string, history,
//! localStorage, the clipboard, clocks, downloads and files. No rule lives here; every failure
//! (storage disabled, quota full, clipboard refused) comes back as a sentence for a notice,
//! never a panic.

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

/// Marks on the root element whether a write of the link is waiting (`data-link-pending`
/// while it is): the app's own "written" signal, so whoever reads the address (a test, a
/// script of the host page) can wait for it instead of guessing a delay.
pub fn set_link_pending(pending: bool) {
    let Some(root) = gloo::utils::document().document_element() else {
        return;
    };
    let _ = if pending {
        root.set_attribute("data-link-pending", "")
    } else {
        root.remove_attribute("data-link-pending")
    };
}

/// While kept, tells its callback whether an element is in the viewport (on every change);
/// watching stops when it is dropped.
#[derive(Debug)]
pub struct InView {
    observer: web_sys::IntersectionObserver,
    _callback: wasm_bindgen::closure::Closure<dyn Fn(js_sys::Array)>,
}

impl Drop for InView {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Watches whether `el` is (partly) in the viewport, telling `seen` on every change.
pub fn watch_in_view(el: &web_sys::Element, seen: impl Fn(bool) + 'static) -> Option<InView> {
    let callback = wasm_bindgen::closure::Closure::<dyn Fn(js_sys::Array)>::new(
        move |entries: js_sys::Array| {
            let last = entries
                .iter()
                .last()
                .and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok());
            if let Some(entry) = last {
                seen(entry.is_intersecting());
            }
        },
    );
    let observer = web_sys::IntersectionObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(el);
    Some(InView {
        observer,
        _callback: callback,
    })
}

/// Removes the element with this id, if there is one.
pub fn remove_by_id(id: &str) {
    if let Some(el) = gloo::utils::document().get_element_by_id(id) {
        el.remove();
    }
}

/// Whether the static home page asked the app, as it loaded it, to do `what` (`settings`,
/// `export-all`): true once, then the request is gone.
pub fn take_intent(what: &str) -> bool {
    let Some(root) = gloo::utils::document().document_element() else {
        return false;
    };
    if root.get_attribute("data-intent").as_deref() == Some(what) {
        let _ = root.remove_attribute("data-intent");
        return true;
    }
    false
}

/// The page title outside a calculator (as in index.html).
pub const DEFAULT_TITLE: &str = "cs-metrics · customer-success metrics calculator";

/// Sets the tab's title.
pub fn set_title(title: &str) {
    gloo::utils::document().set_title(title);
}

/// Wall-clock milliseconds (whole: no float parsing or formatting in the wasm).
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Milliseconds since the page loaded (monotonic).
pub fn perf_now() -> f64 {
    gloo::utils::window()
        .performance()
        .map(|p| p.now())
        .unwrap_or_default()
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

fn storage() -> Result<web_sys::Storage, &'static str> {
    match gloo::utils::window().local_storage() {
        Ok(Some(storage)) => Ok(storage),
        _ => Err(crate::engine::state::start::NO_STORAGE),
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
    download_blob(name, &blob)
}

/// Draws an SVG document on a canvas at twice its size and offers it as a PNG download:
/// rendered in the browser from the same SVG, nothing sent anywhere. `done` is told whether it
/// worked.
pub fn download_png(
    name: &str,
    svg: &str,
    (width, height): (u32, u32),
    done: impl Fn(bool) + 'static,
) {
    let failed = || false;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let url = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .and_then(|b| web_sys::Url::create_object_url_with_blob(&b));
    let (Ok(url), Ok(image)) = (url, web_sys::HtmlImageElement::new()) else {
        done(failed());
        return;
    };
    let name = name.to_owned();
    let loaded_image = image.clone();
    let source = url.clone();
    let done = std::rc::Rc::new(done);
    let on_error = {
        let done = std::rc::Rc::clone(&done);
        wasm_bindgen::closure::Closure::once_into_js(move || done(false))
    };
    let on_load = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&source);
        let canvas = gloo::utils::document()
            .create_element("canvas")
            .ok()
            .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok());
        let Some(canvas) = canvas else {
            done(false);
            return;
        };
        canvas.set_width(width * 2);
        canvas.set_height(height * 2);
        let context = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok());
        let drawn = context.is_some_and(|c| {
            c.draw_image_with_html_image_element_and_dw_and_dh(
                &loaded_image,
                0.0,
                0.0,
                f64::from(width * 2),
                f64::from(height * 2),
            )
            .is_ok()
        });
        if !drawn {
            done(false);
            return;
        }
        let on_blob =
            wasm_bindgen::closure::Closure::once_into_js(move |blob: Option<web_sys::Blob>| {
                let Some(blob) = blob else {
                    done(false);
                    return;
                };
                done(download_blob(&name, &blob).is_ok());
            });
        if canvas
            .to_blob_with_type(on_blob.unchecked_ref(), "image/png")
            .is_err()
        {
            // The callback never runs: nothing more to report than the missing file.
        }
    });
    image.set_onload(Some(on_load.unchecked_ref()));
    image.set_onerror(Some(on_error.unchecked_ref()));
    image.set_src(&url);
}

/// Offers a blob as a file download called `name`.
fn download_blob(name: &str, blob: &web_sys::Blob) -> Result<(), &'static str> {
    let failed = "The download couldn't start in this browser.";
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|_| failed)?;
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

/// Resolves in a task of its own (a zero timeout), so the page can paint and take input
/// between two long steps of an import.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The longest slice of long work (an import) before the page gets a turn: well under the
/// 200 ms a task may hold, and short enough for a phone four times slower.
const SLICE_MS: f64 = 80.0;

/// The page's pace for long work (see `engine::pace`): slices of [`SLICE_MS`], each in a
/// task of its own.
pub struct TaskPace {
    since: f64,
}

impl TaskPace {
    /// A pace whose first slice starts now.
    pub fn start() -> TaskPace {
        TaskPace { since: perf_now() }
    }
}

impl crate::engine::pace::Pace for TaskPace {
    fn due(&mut self) -> bool {
        perf_now() - self.since >= SLICE_MS
    }

    fn rest(&mut self) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + '_>> {
        Box::pin(async move {
            next_task().await;
            self.since = perf_now();
        })
    }
}

/// Reads a file the user picked or dropped, as text.
pub async fn read_file(file: web_sys::File) -> Result<String, &'static str> {
    // The bytes straight into wasm: `File.text()` decodes them into a JS string that must
    // then be encoded back to UTF-8, a fifth of a second for a 20 MB export.
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "The file couldn't be read.")?;
    Ok(crate::engine::csv::import::text_of_file(
        js_sys::Uint8Array::new(&buffer).to_vec(),
    ))
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
