//! cs-metrics: customer-success metrics, computed exactly, in the browser.
//!
//! `engine` is pure Rust (rust_decimal, serde) and is tested on the host; `ui` is the Leptos
//! front end, compiled only for wasm32.

pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod ui;
