//! The home view: the six categories, each calculator with one line on what it tells you, and
//! a filter that also matches synonyms ("churn", "dollar retention", "CLV").

use crate::engine::catalogue;
use crate::engine::focus::{self, Focus};
use crate::engine::spec::Category;
use crate::ui::csv_panel::ExportAllButton;
use crate::ui::nav::{is_modified_click, Nav};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Arrow keys, Home and End move between the filter and the calculators it shows.
fn move_focus(ev: web_sys::KeyboardEvent) {
    let Some(key) = focus::Key::from_name(&ev.key()) else {
        return;
    };
    let document = gloo::utils::document();
    let cards: Vec<web_sys::HtmlElement> = document
        .query_selector_all(".home li:not([hidden]) .calc-card")
        .map(|list| {
            (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
                // In a category hidden as a whole, a card is not shown either.
                .filter(|el| el.offset_parent().is_some())
                .collect()
        })
        .unwrap_or_default();
    let active = document.active_element();
    let from = match cards.iter().position(|c| {
        active
            .as_ref()
            .is_some_and(|a| a == c.as_ref() as &web_sys::Element)
    }) {
        Some(i) => Focus::Item(i),
        None if active.is_some_and(|a| a.id() == "calc-filter") => Focus::Filter,
        None => return,
    };
    let target = match focus::step(from, key, cards.len()) {
        Some(Focus::Item(i)) => cards.get(i).cloned(),
        Some(Focus::Filter) => document
            .get_element_by_id("calc-filter")
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()),
        None => return,
    };
    if let Some(target) = target {
        ev.prevent_default(); // no page scroll: the focus moves instead
        let _ = target.focus();
    }
}

/// The list of calculators.
#[component]
pub fn Home() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let (query, set_query) = signal(String::new());
    let matching = Memo::new(move |_| {
        query.with(|q| {
            catalogue::CARDS
                .iter()
                .filter(|c| catalogue::matches(c, q))
                .map(|c| c.id)
                .collect::<Vec<_>>()
        })
    });
    let open_first = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if let Some(id) = matching.with(|m| m.first().copied()) {
            nav.open(Some(id));
        }
    };
    view! {
        <section class="home" on:keydown=move_focus>
            <h1>"Customer-success metrics"</h1>
            <p class="lead">
                "Type or paste your figures and see each metric at once, worked out exactly. "
                "Pick a calculator:"
            </p>
            <form class="filter" role="search" on:submit=open_first>
                <label for="calc-filter">"Find a calculator"</label>
                <input
                    id="calc-filter"
                    type="search"
                    data-testid="calc-filter"
                    placeholder="churn, NPS, dollar retention, CLV…"
                    autocomplete="off"
                    on:input:target=move |ev| set_query.set(ev.target().value())
                    prop:value=query
                />
            </form>
            <p class="filter-count" aria-live="polite" data-testid="filter-count">
                {move || {
                    let n = matching.with(Vec::len);
                    match n {
                        0 => "No calculator matches. Try another word.".to_owned(),
                        1 => "1 calculator".to_owned(),
                        n => format!("{n} calculators"),
                    }
                }}
            </p>
            {Category::ALL
                .into_iter()
                .map(|category| {
                    let any = move || {
                        matching.with(|m| catalogue::cards_in(category).any(|c| m.contains(&c.id)))
                    };
                    // Hidden rather than removed: the list is static, and toggling an
                    // attribute is cheaper to run and to ship than a `<Show>` per card.
                    view! {
                            <section class="category" data-category=category.id() hidden=move || !any()>
                                <h2>{category.name()}</h2>
                                <ul class="calc-list">
                                    {catalogue::cards_in(category)
                                        .map(|calc| {
                                            let shown = move || matching.with(|m| m.contains(&calc.id));
                                            let open = move |ev: web_sys::MouseEvent| {
                                                if !is_modified_click(&ev) {
                                                    ev.prevent_default();
                                                    nav.open(Some(calc.id));
                                                }
                                            };
                                            view! {
                                                    <li hidden=move || !shown()>
                                                        <a
                                                            class="calc-card"
                                                            href=format!("?calc={}", calc.id)
                                                            data-testid=format!("open-{}", calc.id)
                                                            on:click=open
                                                        >
                                                            <span class="calc-name">{calc.name}</span>
                                                            <span class="calc-summary">{calc.summary}</span>
                                                        </a>
                                                    </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </section>
                    }
                })
                .collect_view()}
            <div class="home-actions">
                <ExportAllButton />
            </div>
        </section>
    }
}
