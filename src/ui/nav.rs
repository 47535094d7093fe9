//! Which view is open (home or one calculator), kept in the query string so links, reloads
//! and the back button all work; and clicks the browser should keep (new tab, new window).

use crate::engine::catalogue;
use crate::engine::state;
use crate::ui::browser;
use leptos::prelude::*;

/// What the page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// The list of calculators.
    Home,
    /// One calculator, by id.
    Calculator(&'static str),
    /// A `?calc=` that names no calculator.
    Unknown(String),
}

impl Page {
    /// The page a query string asks for.
    pub fn from_query(query: &str) -> Page {
        match state::read_link(query).calc {
            None => Page::Home,
            Some(id) => match catalogue::part_of(&id) {
                Some((id, _)) => Page::Calculator(id),
                None => Page::Unknown(id),
            },
        }
    }
}

/// Opens views; shared through context.
#[derive(Clone, Copy, Debug)]
pub struct Nav {
    /// The page shown.
    pub page: RwSignal<Page>,
}

impl Nav {
    /// Opens calculator `id` (or the home view for `None`) as a new history entry.
    pub fn open(&self, id: Option<&'static str>) {
        let query = id.map(|id| format!("calc={id}")).unwrap_or_default();
        self.open_query(&query);
    }

    /// Opens the page a link query names, with the figures it carries, as a new history
    /// entry (the calculator reads its inputs from the link as it starts).
    pub fn open_query(&self, query: &str) {
        browser::push_query(query);
        self.page.set(Page::from_query(query));
        browser::focus("main");
    }
}

/// Whether a click should be left to the browser (new tab, new window, download).
pub fn is_modified_click(ev: &web_sys::MouseEvent) -> bool {
    ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0
}
