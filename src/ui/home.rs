//! The home view: the six categories, each calculator with one line on what it tells you, and
//! a filter that also matches synonyms ("churn", "dollar retention", "CLV").

use crate::engine::catalogue;
use crate::engine::focus::{self, Focus};
use crate::engine::home_page;
use crate::ui::csv_panel::ExportAllButton;
use crate::ui::lazy::{lazy, mount_into, Later};
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

lazy! { home_view:
    /// Builds the home view into `target`.
    fn load_home(target: web_sys::Element, owner: Owner) {
        mount_into(&target, &owner, || view! { <Home /> });
    }
}

/// The home view, loaded on first use: a visit that opens a calculator (a shared link, an
/// embed) doesn't download the list of every calculator (measured in BENCHMARKS.md).
#[component]
pub fn HomeLater() -> impl IntoView {
    view! { <Later load=Box::new(|target, owner| Box::pin(load_home(target, owner))) /> }
}

/// The list of calculators: static markup from the catalogue, filtered by toggling `hidden`,
/// one click handler for every card.
#[component]
fn Home() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let (query, set_query) = signal(String::new());
    let matching = Memo::new(move |_| query.with(|q| catalogue::matching(q)));
    let list = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(list) = list.get() else { return };
        matching.with(|ids| show_only(&list, ids));
    });
    let open_first = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if let Some(id) = matching.with(|m| m.first().copied()) {
            nav.open(Some(id));
        }
    };
    // A card opens its calculator in the page (a modified click is the browser's).
    let open_card = move |ev: web_sys::MouseEvent| {
        if is_modified_click(&ev) {
            return;
        }
        let card = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("li[data-id]").ok().flatten());
        let id = card
            .and_then(|li| li.get_attribute("data-id"))
            .and_then(|id| catalogue::part_of(&id));
        if let Some((id, _)) = id {
            ev.prevent_default();
            nav.open(Some(id));
        }
    };
    view! {
        <section class="home" on:keydown=move_focus>
            <h1>{home_page::TITLE}</h1>
            <p class="lead">{home_page::LEAD}</p>
            <form class="filter" role="search" on:submit=open_first>
                <label for="calc-filter">"Find a calculator"</label>
                <input
                    id="calc-filter"
                    type="search"
                    data-testid="calc-filter"
                    placeholder=home_page::FILTER_HINT
                    autocomplete="off"
                    on:input:target=move |ev| set_query.set(ev.target().value())
                    prop:value=query
                />
            </form>
            <p class="filter-count" aria-live="polite" data-testid="filter-count">
                {move || home_page::count_text(matching.with(Vec::len))}
            </p>
            <div class="home-list" node_ref=list on:click=open_card inner_html=catalogue::home_markup()></div>
            <div class="home-actions">
                <ExportAllButton />
            </div>
        </section>
    }
}

/// Shows the cards of `ids` and hides the others, and each category left with none.
fn show_only(list: &web_sys::HtmlDivElement, ids: &[&str]) {
    let Ok(sections) = list.query_selector_all("section.category") else {
        return;
    };
    for i in 0..sections.length() {
        let Some(section) = sections
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let mut any = false;
        if let Ok(items) = section.query_selector_all("li[data-id]") {
            for j in 0..items.length() {
                let Some(li) = items
                    .item(j)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                else {
                    continue;
                };
                let shown = li
                    .get_attribute("data-id")
                    .is_some_and(|id| ids.contains(&id.as_str()));
                any |= shown;
                let _ = li.toggle_attribute_with_force("hidden", !shown);
            }
        }
        let _ = section.toggle_attribute_with_force("hidden", !any);
    }
}
