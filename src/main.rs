//! Entry point: mounts the Leptos app in the browser.

#[cfg(target_arch = "wasm32")]
fn main() {
    cs_metrics::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("cs-metrics is a web app: build and serve it with `bash scripts/serve.sh`.");
}
