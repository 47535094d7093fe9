//! A calculator's results, as the engine writes them from the definition's roles (headline,
//! interval, verdict, secondary figures; see `engine::report`): this only places the markup,
//! with "More results" in a compact embed and the working when Settings ask for it.

use crate::engine::evaluate::Evaluation;
use crate::engine::report::{self, Options};
use crate::engine::spec::Calculator;
use crate::ui::settings::Settings;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The results of a calculator.
#[component]
pub fn Results(
    /// The calculator whose results these are.
    calc: &'static Calculator,
    /// The latest evaluation.
    evaluation: Memo<Evaluation>,
    /// In a compact embed: the secondary figures shown up front (`Some(None)`: the first
    /// three); the rest sit behind "More results". `None`: everything up front.
    compact: Option<Option<Vec<&'static str>>>,
) -> impl IntoView {
    let settings = expect_context::<Settings>();
    let report = Memo::new(move |_| {
        let chosen: Option<Vec<&str>> = compact.clone().flatten();
        let options = Options {
            working: settings.working.get(),
            compact: compact.as_ref().map(|_| chosen.as_deref()),
        };
        evaluation.with(|e| report::render(calc, e, settings.display(), options))
    });
    // A link the report carries into another calculator (its next step) opens in the app,
    // as "Compare with another period" does; a modified click keeps the browser's way.
    let nav = use_context::<crate::ui::nav::Nav>();
    let follow = move |ev: web_sys::MouseEvent| {
        if crate::ui::nav::is_modified_click(&ev) {
            return;
        }
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[data-open]").ok().flatten());
        if let (Some(nav), Some(link)) = (nav, target) {
            if let Some(query) = link.get_attribute("data-open") {
                ev.prevent_default();
                nav.open_query(query.trim_start_matches('?'));
            }
        }
    };
    view! {
        <div class="report" data-testid="results" on:click=follow inner_html=move || report.with(|r| r.main.clone())></div>
        <details class="more-results" hidden=move || report.with(|r| r.more.is_empty())>
            <summary>"More results"</summary>
            <div inner_html=move || report.with(|r| r.more.clone())></div>
        </details>
    }
}
