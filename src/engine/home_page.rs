//! The home page as static HTML, generated from the catalogue when building
//! (`cargo run --example home-page > assets/home.html`, checked current by a test) and written
//! into `index.html` by the build (`scripts/post-build.mjs`). It paints with no wasm at all:
//! the filter and the arrow keys are a few lines of script (`assets/home.js`) over the
//! `data-words` each card carries (the same rule as `catalogue::matches`), and each card is a
//! link. The app's wasm loads only when something needs it (Settings, "Export all as CSV"),
//! or when a calculator opens.

use crate::engine::catalogue::{home_markup, CARDS};
use crate::engine::charts::escape;

/// The brand mark in the header, as the app draws it.
pub const BRAND_MARK: &str = r#"<svg class="brand-mark" viewBox="0 0 24 24" aria-hidden="true"><path d="M3 20h18M6 16v-5M11 16V7M16 16v-8M21 16V4"/></svg>"#;

/// The sentence under every page.
pub const FOOTER: &str = "Everything you type stays in this browser: nothing is sent anywhere.";

/// The home view's heading and lead, as the app shows them too.
pub const TITLE: &str = "Customer-success metrics";
/// The lead under it.
pub const LEAD: &str =
    "Type or paste your figures and see each metric at once, worked out exactly. Pick a calculator:";
/// The filter's placeholder.
pub const FILTER_HINT: &str = "churn, NPS, dollar retention, CLV…";

/// "N calculators", as the filter counts them.
pub fn count_text(n: usize) -> String {
    match n {
        0 => "No calculator matches. Try another word.".to_owned(),
        1 => "1 calculator".to_owned(),
        n => format!("{n} calculators"),
    }
}

/// The whole static page: header, the home view and the footer, in one element the app
/// removes when it starts (`#static-page`). Its controls that need the app carry
/// `data-needs-app` with what they do once it is there (`settings`, `export-all`).
pub fn static_home() -> String {
    format!(
        concat!(
            r##"<div id="static-page">"##,
            r##"<a class="skip-link" href="#main">Skip to content</a>"##,
            r##"<header class="app-header"><a class="brand" href="?" data-testid="home-link">{mark}cs-metrics</a>"##,
            r##"<details class="settings" data-needs-app="settings"><summary>Settings</summary></details></header>"##,
            r##"<main id="main" tabindex="-1"><section class="home">"##,
            r##"<h1>{title}</h1><p class="lead">{lead}</p>"##,
            r##"<form class="filter" role="search"><label for="calc-filter">Find a calculator</label>"##,
            r##"<input id="calc-filter" type="search" data-testid="calc-filter" placeholder="{hint}" autocomplete="off"></form>"##,
            r##"<p class="filter-count" aria-live="polite" data-testid="filter-count">{count}</p>"##,
            r##"<div class="home-list">{list}</div>"##,
            r##"<div class="home-actions"><button type="button" class="button button-quiet" data-testid="export-all-csv" data-needs-app="export-all">Export all as CSV</button>"##,
            r##"<span class="action-status" role="status"></span></div>"##,
            r##"</section></main>"##,
            r##"<footer class="app-footer"><p>{footer}</p></footer>"##,
            r##"</div>"##,
        ),
        mark = BRAND_MARK,
        title = escape(TITLE),
        lead = escape(LEAD),
        hint = escape(FILTER_HINT),
        count = escape(&count_text(CARDS.len())),
        list = home_markup(),
        footer = escape(FOOTER),
    )
}
