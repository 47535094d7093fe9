//! The Leptos front end: a thin layer over the engine. It reads the catalogue and shows what
//! the engine computes; it never re-implements a formula.

mod app;
mod breakdown;
mod browser;
mod calculator;
mod charts;
mod csv_panel;
mod embed;
mod fields;
mod file_field;
mod home;
mod lazy;
mod nav;
mod open;
mod persistence;
mod pwa;
mod results;
mod scenarios;
mod settings;
mod widgets;

/// Mounts the app on the page, in place of the static home page the build put there.
pub fn start() {
    browser::remove_by_id("static-page");
    leptos::mount::mount_to_body(app::App);
}
