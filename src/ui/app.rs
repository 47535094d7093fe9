//! The shell: header, settings context, and which view is open (home or one calculator), kept
//! in the query string so links, reloads and the back button all work.

use crate::engine::catalogue;
use crate::engine::home_page;
use crate::engine::spec::Calculator;
use crate::engine::state;
use crate::ui::browser;
use crate::ui::embed::{self, Embed};
use crate::ui::home::HomeLater;
use crate::ui::nav::{is_modified_click, Nav, Page};
use crate::ui::open::OpenCalculator;
use crate::ui::pwa::{self, UpdateNotice};
use crate::ui::settings::{Settings, SettingsPanel};
use leptos::prelude::*;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    provide_context(Settings::load());
    let link = state::read_link(&browser::query());
    if let Some((id, _)) = link
        .calc
        .as_deref()
        .and_then(catalogue::part_of)
        .filter(|_| link.embed)
    {
        // Set up once the definition is there: the figures to show are the calculator's.
        let prepare = move |calc: &'static Calculator| {
            let embed = Embed {
                theme: link.theme.clone().unwrap_or_else(|| "auto".into()),
                measure: link.measure,
                show: link.show.as_ref().map(|ids| {
                    ids.iter()
                        .filter_map(|id| calc.result(id).map(|r| r.id))
                        .collect()
                }),
            };
            embed::start(&embed);
            provide_context(embed);
        };
        return view! {
            <main id="main" class="embed">
                <OpenCalculator id=id prepare=Box::new(prepare) />
            </main>
        }
        .into_any();
    }
    let updates = pwa::register();
    let page = RwSignal::new(Page::from_query(&browser::query()));
    let nav = Nav { page };
    provide_context(nav);
    let listener = window_event_listener(leptos::ev::popstate, move |_| {
        page.set(Page::from_query(&browser::query()))
    });
    on_cleanup(move || listener.remove());

    let go_home = move |ev: web_sys::MouseEvent| {
        if !is_modified_click(&ev) {
            ev.prevent_default();
            nav.open(None);
        }
    };
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="app-header">
            <a
                class="brand"
                href="?"
                on:click=go_home
                data-testid="home-link"
                inner_html=format!("{}cs-metrics", home_page::BRAND_MARK)
            ></a>
            <SettingsPanel />
        </header>
        <main id="main" tabindex="-1">
            {move || match page.get() {
                Page::Home => view! { <HomeLater /> }.into_any(),
                Page::Calculator(id) => view! { <OpenCalculator id=id /> }.into_any(),
                Page::Unknown(id) => {
                    view! {
                        <p class="notice notice-error" role="alert" data-testid="unknown-calc">
                            "There is no calculator called “"
                            {crate::engine::error::shorten(&id)}
                            "”. Pick one below."
                        </p>
                        <HomeLater />
                    }
                        .into_any()
                }
            }}
        </main>
        <UpdateNotice updates=updates />
        <footer class="app-footer">
            <p>{home_page::FOOTER}</p>
        </footer>
    }
    .into_any()
}
