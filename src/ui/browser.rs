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
