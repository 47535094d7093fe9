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

/// Replaces the current history entry's query (typing must not spam the history).
pub fn replace_query(query: &str) {
    set_query(query, false);
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

/// The page's full address.
pub fn href() -> String {
    gloo::utils::window().location().href().unwrap_or_default()
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

/// Copies `text` to the clipboard; `done` is told whether it worked.
pub fn copy(text: &str, done: impl FnOnce(bool) + 'static) {
    let clipboard = gloo::utils::window().navigator().clipboard();
    let promise = clipboard.write_text(text);
    let future = wasm_bindgen_futures::JsFuture::from(promise);
    leptos::task::spawn_local(async move {
        done(future.await.is_ok());
    });
}

/// Whether the user asked for reduced motion (used to skip transitions in code).
#[allow(dead_code)]
pub fn reduced_motion() -> bool {
    gloo::utils::window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
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
    text.as_string().ok_or("The file couldn't be read as text.")
}
