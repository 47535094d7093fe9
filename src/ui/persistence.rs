//! The one place that reads and writes a calculator's link and saved figures. What to open
//! with is the engine's pure rule (`state::start`); this module gathers what it needs from the
//! browser and carries out its writes: the link through `replaceState` at most every 200 ms,
//! the record at once (or, for a long paste, in a task of its own), and the memory of which
//! link this app itself wrote.

use crate::engine::locale::DecimalMark;
use crate::engine::spec::Calculator;
use crate::engine::state::record::{self, remember};
use crate::engine::state::start::{self, Found, Start, StorageUnavailable};
use crate::engine::state::{read_link, Sheet};
use crate::ui::browser;
use std::cell::RefCell;
use std::rc::Rc;

fn record_key(calc_id: &str) -> String {
    format!("cs-metrics:v1:calc:{calc_id}")
}

fn link_key(calc_id: &str) -> String {
    format!("cs-metrics:v1:link:{calc_id}")
}

/// The figures `calc` opens with, by the engine's rule over this page's address and storage,
/// for a reader typing in `mark`. A record that can't be read is removed.
pub fn start(calc: &Calculator, mark: DecimalMark, embed: bool) -> Start {
    let query = browser::query();
    let stored = browser::load(&record_key(calc.id));
    let written = browser::load(&link_key(calc.id)).ok().flatten();
    let found = Found {
        query: &query,
        record: stored
            .as_ref()
            .map(|s| s.as_deref())
            .map_err(|_| StorageUnavailable),
        written: written.as_deref(),
        now_ms: browser::now_ms(),
        embed,
    };
    let start = start::start(calc, &found, mark);
    if start.discard_record {
        browser::remove(&record_key(calc.id));
    }
    start
}

/// The saved figures of `calc` (for "Export all"), or `None`.
pub fn saved_sheet(calc: &Calculator, mark: DecimalMark) -> Option<Sheet> {
    let stored = browser::load(&record_key(calc.id)).ok().flatten()?;
    record::from_record(calc, &stored, mark).ok()
}

/// Puts `query` in the address bar and remembers it as calculator `calc`'s own link: a reload
/// within the coalescing delay then finds the newer saved figures instead of the older link.
fn publish(calc: &'static str, query: &str) {
    browser::replace_query(query);
    remember_link(calc, query);
}

/// Remembers `query` as the link this app last put in the address bar for `calc` (best
/// effort: without storage, links simply win).
fn remember_link(calc: &str, query: &str) {
    let key = link_key(calc);
    let previous = browser::load(&key).ok().flatten();
    if let Some(updated) = remember(previous.as_deref(), query, browser::now_ms()) {
        let _ = browser::save(&key, &updated);
    }
}

/// States longer than this (bytes of text) are saved in a task of their own.
const DEFER_ABOVE: usize = 64 * 1024;

/// How often the link may be rewritten while typing (ms): Chromium throttles history updates
/// (measured at 4 ms a call).
const COALESCE_MS: f64 = 200.0;

/// Keeps one calculator's link and record in step with its figures.
#[derive(Clone, Debug)]
pub struct Keeper {
    calc: &'static Calculator,
    link: Rc<RefCell<Coalescing>>,
    pending: Rc<RefCell<Option<(Sheet, DecimalMark)>>>,
}

#[derive(Debug, Default)]
struct Coalescing {
    pending: Option<String>,
    timer_set: bool,
    last_write: f64,
}

impl Keeper {
    /// A keeper for `calc`.
    pub fn new(calc: &'static Calculator) -> Self {
        Keeper {
            calc,
            link: Rc::default(),
            pending: Rc::default(),
        }
    }

    /// Writes `query` to the address bar now or within 200 ms (the first change after a quiet
    /// spell at once, later ones in a burst of typing coalesced, always ending on the latest).
    /// The timer holds only strings, never a signal, so it is safe after the view is gone; it
    /// skips the write if the page has moved to another calculator meanwhile.
    pub fn write_link(&self, query: String) {
        let mut state = self.link.borrow_mut();
        let now = browser::perf_now();
        if now - state.last_write >= COALESCE_MS && !state.timer_set {
            state.last_write = now;
            state.pending = None;
            drop(state);
            publish(self.calc.id, &query);
            return;
        }
        state.pending = Some(query);
        browser::set_link_pending(true);
        if state.timer_set {
            return;
        }
        state.timer_set = true;
        let wait = (COALESCE_MS - (now - state.last_write)).max(0.0);
        drop(state);
        let shared = Rc::clone(&self.link);
        let calc = self.calc.id;
        leptos::prelude::set_timeout(
            move || {
                let mut state = shared.borrow_mut();
                state.timer_set = false;
                state.last_write = browser::perf_now();
                let pending = state.pending.take();
                drop(state);
                if let Some(query) = pending {
                    if read_link(&browser::query()).calc.as_deref() == Some(calc) {
                        publish(calc, &query);
                    }
                }
                browser::set_link_pending(false);
            },
            std::time::Duration::from_millis(wait as u64),
        );
    }

    /// Writes `query` to the address bar at once, dropping any pending one (for single actions
    /// such as Reset, which must be in the link before any reload).
    pub fn write_link_now(&self, query: &str) {
        let mut state = self.link.borrow_mut();
        state.pending = None;
        state.last_write = browser::perf_now();
        drop(state);
        publish(self.calc.id, query);
        browser::set_link_pending(false);
    }

    /// Saves `sheet` (typed in `mark`); `report` gets the sentence to show when saving failed
    /// (`None`: saved). A small state is written at once (a reload must never lose input); a
    /// state holding a long list in a task of its own right after the current one, coalesced
    /// to the latest, so a 2 MB paste shows its result first.
    pub fn save(
        &self,
        sheet: Sheet,
        mark: DecimalMark,
        report: impl Fn(Option<&'static str>) + 'static,
    ) {
        let size: usize = sheet
            .scenarios()
            .iter()
            .flat_map(|s| s.texts.values())
            .map(String::len)
            .sum();
        let key = record_key(self.calc.id);
        if size <= DEFER_ABOVE {
            self.pending.borrow_mut().take();
            report(browser::save(&key, &record::to_record(&sheet, mark)).err());
            return;
        }
        // Until the newer figures are stored, the link in the address bar is not "ours": a
        // reload in between must take the link, not the older saved figures.
        browser::remove(&link_key(self.calc.id));
        if self.pending.borrow_mut().replace((sheet, mark)).is_some() {
            return; // the task already scheduled writes the latest
        }
        let pending = Rc::clone(&self.pending);
        let calc = self.calc.id;
        leptos::prelude::set_timeout(
            move || {
                let latest = pending.borrow_mut().take();
                if let Some((sheet, mark)) = latest {
                    let saved = browser::save(&key, &record::to_record(&sheet, mark));
                    let here = browser::query();
                    if saved.is_ok() && read_link(&here).calc.as_deref() == Some(calc) {
                        remember_link(calc, &here);
                    }
                    report(saved.err());
                }
            },
            std::time::Duration::ZERO,
        );
    }

    /// Forgets the saved figures.
    pub fn forget(&self) {
        browser::remove(&record_key(self.calc.id));
    }
}
