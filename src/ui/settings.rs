//! Settings kept across visits: the currency shown with amounts and the number format used
//! both for typing and for display.

use crate::engine::csv::Dialect;
use crate::engine::format::{self, Display, CURRENCIES};
use crate::engine::locale::DecimalMark;
use crate::engine::state;
use crate::ui::browser;
use crate::ui::lazy::{lazy, mount_into, Later};
use crate::ui::widgets::LazyDetails;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

const KEY: &str = "cs-metrics:v1:settings";

/// The app's settings, shared through context.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// Decimal dot or comma.
    pub mark: RwSignal<DecimalMark>,
    /// The currency's code.
    pub currency: RwSignal<&'static str>,
    /// The CSV layout for exports.
    pub csv: RwSignal<Dialect>,
    /// Show each result's working (remembered).
    pub working: RwSignal<bool>,
}

impl Settings {
    /// Settings from storage, or the defaults.
    pub fn load() -> Self {
        let mut mark = DecimalMark::Dot;
        let mut currency = "USD";
        let mut csv = Dialect::Standard;
        let mut working = false;
        if let Ok(Some(stored)) = browser::load(KEY) {
            for (key, value) in state::decode_pairs(&stored) {
                match key.as_str() {
                    "mark" => mark = DecimalMark::from_id(&value).unwrap_or(mark),
                    "currency" => currency = format::currency(&value).code,
                    "csv" if value == "semicolon" => csv = Dialect::DecimalComma,
                    "working" => working = value == "1",
                    _ => {}
                }
            }
        }
        let settings = Settings {
            mark: RwSignal::new(mark),
            currency: RwSignal::new(currency),
            csv: RwSignal::new(csv),
            working: RwSignal::new(working),
        };
        Effect::new(move |_| {
            let stored = state::encode_pairs(&[
                ("v", "1".to_owned()),
                ("mark", settings.mark.get().id().to_owned()),
                ("currency", settings.currency.get().to_owned()),
                ("csv", csv_id(settings.csv.get()).to_owned()),
                (
                    "working",
                    if settings.working.get() { "1" } else { "0" }.to_owned(),
                ),
            ]);
            let _ = browser::save(KEY, &stored);
        });
        settings
    }

    /// How numbers are displayed now.
    pub fn display(&self) -> Display {
        Display {
            mark: self.mark.get(),
            currency: format::currency(self.currency.get()),
        }
    }
}

fn csv_id(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Standard => "comma",
        Dialect::DecimalComma => "semicolon",
    }
}

/// The settings controls in the header, a popover that Escape and a click outside close.
#[component]
pub fn SettingsPanel() -> impl IntoView {
    // Open at once when the static home page loaded the app to show settings.
    let open = RwSignal::new(crate::ui::browser::take_intent("settings"));
    // The page's own state, not the signal: the details opens at once on a click, while its
    // `toggle` event (which sets the signal) comes a task later; an Escape or a click outside
    // in between must still close it.
    let close = move || {
        let Some(details) = open_settings() else {
            return false;
        };
        details.set_open(false);
        open.set(false);
        true
    };
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && close() {
            crate::ui::browser::focus_selector(".settings summary");
        }
    });
    let clicks = window_event_listener(leptos::ev::click, move |ev| {
        let inside = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest(".settings").ok().flatten())
            .is_some();
        if !inside {
            close();
        }
    });
    on_cleanup(move || {
        keys.remove();
        clicks.remove();
    });
    view! {
        <LazyDetails class="settings" summary="Settings" open=open>
            <Later load=Box::new(|target, owner| Box::pin(settings_body(target, owner))) />
        </LazyDetails>
    }
}

/// The settings popover, when it is open.
fn open_settings() -> Option<web_sys::HtmlDetailsElement> {
    document()
        .query_selector("details.settings")
        .ok()
        .flatten()?
        .dyn_into::<web_sys::HtmlDetailsElement>()
        .ok()
        .filter(web_sys::HtmlDetailsElement::open)
}

lazy! { settings_panel:
    fn settings_body(target: web_sys::Element, owner: Owner) {
        mount_into(&target, &owner, || view! { <SettingsBody /> });
    }
}

/// The settings themselves: currency, number format, CSV dialect.
#[component]
fn SettingsBody() -> impl IntoView {
    let settings = expect_context::<Settings>();
    view! {
        <div class="settings-body">
            <label for="setting-currency">"Currency"</label>
            <select
                id="setting-currency"
                data-testid="settings-currency"
                on:change:target=move |ev| {
                    settings.currency.set(format::currency(&ev.target().value()).code)
                }
                prop:value=move || settings.currency.get()
            >
                {CURRENCIES
                    .iter()
                    .map(|c| {
                        let label = if c.code == "NONE" {
                            "No symbol".to_owned()
                        } else {
                            format!("{} {}", c.code, c.symbol.trim())
                        };
                        view! { <option value=c.code>{label}</option> }
                    })
                    .collect_view()}
            </select>
            <label for="setting-mark">"Number format"</label>
            <select
                id="setting-mark"
                data-testid="settings-number-format"
                on:change:target=move |ev| {
                    if let Some(mark) = DecimalMark::from_id(&ev.target().value()) {
                        settings.mark.set(mark);
                    }
                }
                prop:value=move || settings.mark.get().id()
            >
                <option value="dot">"1,234.5 (decimal dot)"</option>
                <option value="comma">"1.234,5 (decimal comma)"</option>
            </select>
            <label for="setting-csv">"CSV exports"</label>
            <select
                id="setting-csv"
                data-testid="settings-csv"
                on:change:target=move |ev| {
                    settings.csv.set(if ev.target().value() == "semicolon" { Dialect::DecimalComma } else { Dialect::Standard })
                }
                prop:value=move || csv_id(settings.csv.get())
            >
                <option value="comma">"Comma-separated, decimal dot"</option>
                <option value="semicolon">"Semicolon-separated, decimal comma"</option>
            </select>
        </div>
    }
}
