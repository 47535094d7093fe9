//! Entry point: mounts the Leptos app in the browser.
//!
//! In the browser there is no `main`: wasm-bindgen's start function mounts the app, so std's
//! program start and exit (which flush a stdout the browser doesn't have, and bring its I/O
//! error texts into the wasm) are never linked.

#![cfg_attr(target_arch = "wasm32", no_main)]

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
fn start() {
    cs_metrics::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("cs-metrics is a web app: build and serve it with `bash scripts/serve.sh`.");
}
