//! Each calculator's inputs kept in localStorage, in the engine's versioned form.

use crate::engine::number::DecimalMark;
use crate::engine::spec::Calculator;
use crate::engine::state::{self, Texts};
use crate::ui::browser;
use std::cell::RefCell;
use std::rc::Rc;

fn key(calc: &Calculator) -> String {
    format!("cs-metrics:v1:calc:{}", calc.id)
}

/// The saved texts and skip flag of `calc`, in the format `mark`; `Ok(None)` when nothing is
/// saved. A value that can't be read is removed and its notice returned.
pub fn load(calc: &Calculator, mark: DecimalMark) -> Result<Option<(Texts, bool)>, String> {
    match browser::load(&key(calc)) {
        Ok(Some(stored)) => match state::from_storage(calc, &stored, mark) {
            Ok(saved) => Ok(Some(saved)),
            Err(e) => {
                browser::remove(&key(calc));
                Err(e.message().to_owned())
            }
        },
        Ok(None) => Ok(None),
        Err(message) => Err(message.to_owned()),
    }
}

/// Saves `calc`'s texts, typed in `mark`'s format; the sentence to show when that fails.
pub fn save(
    calc: &Calculator,
    texts: &Texts,
    mark: DecimalMark,
    skip_invalid: bool,
) -> Result<(), &'static str> {
    browser::save(&key(calc), &state::to_storage(texts, mark, skip_invalid))
}

/// Wall-clock milliseconds (whole: no float parsing or formatting in the wasm).
fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

fn link_key(calc_id: &str) -> String {
    format!("cs-metrics:v1:link:{calc_id}")
}

/// How long the link before the last one still counts as this app's own (ms).
const SUPERSEDED_GRACE_MS: u64 = 1_000;

/// Remembers `query` as the link this app last put in the address bar for calculator
/// `calc_id` (best effort: without storage, links simply win as before), with the one it
/// replaced and when. A reload loads the address it started with, so a coalesced write that
/// lands while a reload is under way changes what is remembered but not what is loaded: for
/// a second, the replaced link still counts as ours; after that a reopened old link is
/// someone's shared state again.
pub fn remember_link(calc_id: &str, query: &str) {
    let key = link_key(calc_id);
    let stored = browser::load(&key).ok().flatten().unwrap_or_default();
    let latest = stored.lines().next().unwrap_or_default();
    if latest != query {
        // Queries are percent-encoded, so newlines separate the three parts safely.
        let _ = browser::save(&key, &format!("{query}\n{latest}\n{}", now_ms()));
    }
}

/// Whether `query` is the link this app itself last wrote for `calc`: then the saved inputs
/// are at least as new as the link (the link is written at most every 200 ms, the inputs at
/// once), so a reload must show them; any other link is someone's shared state and wins.
/// Saved inputs are per calculator, as they always were: two tabs (or two embeds) of one
/// calculator share them, and the one that wrote last is what a reload of its own link shows.
pub fn is_own_link(calc: &Calculator, query: &str) -> bool {
    let Ok(Some(written)) = browser::load(&link_key(calc.id)) else {
        return false;
    };
    let link = state::read_link(query);
    let mut parts = written.lines();
    let latest = parts.next().unwrap_or_default();
    let replaced = parts.next().unwrap_or_default();
    let replaced_at: u64 = parts.next().and_then(|t| t.parse().ok()).unwrap_or(0);
    state::read_link(latest) == link
        || (now_ms().saturating_sub(replaced_at) < SUPERSEDED_GRACE_MS
            && !replaced.is_empty()
            && state::read_link(replaced) == link)
}

/// Forgets `calc`'s saved texts.
pub fn forget(calc: &Calculator) {
    browser::remove(&key(calc));
}

/// States longer than this (bytes of text) are saved in a task of their own.
const DEFER_ABOVE: usize = 64 * 1024;

/// Keeps a calculator's saved copy in step with its fields. A small state is written at once
/// (a reload must never lose input); a state holding a long list is written in a task of its
/// own right after the current one, coalesced to the latest state, so a 2 MB paste shows its
/// result first and no single task both computes and stores it.
#[derive(Clone, Debug)]
pub struct Saver {
    calc: &'static Calculator,
    pending: Rc<RefCell<Option<(Texts, DecimalMark, bool)>>>,
}

impl Saver {
    /// A saver for `calc`.
    pub fn new(calc: &'static Calculator) -> Self {
        Saver {
            calc,
            pending: Rc::default(),
        }
    }

    /// Saves `texts`; `report` gets the sentence to show when saving failed (`None`: saved).
    pub fn save(
        &self,
        texts: Texts,
        mark: DecimalMark,
        skip_invalid: bool,
        report: impl Fn(Option<&'static str>) + 'static,
    ) {
        let size: usize = texts.values().map(String::len).sum();
        if size <= DEFER_ABOVE {
            self.pending.borrow_mut().take();
            report(save(self.calc, &texts, mark, skip_invalid).err());
            return;
        }
        // Until the newer inputs are stored, the link in the address bar is not "ours": a
        // reload in between must take the link, not the older saved inputs.
        browser::remove(&link_key(self.calc.id));
        if self
            .pending
            .borrow_mut()
            .replace((texts, mark, skip_invalid))
            .is_some()
        {
            return; // the task already scheduled will write the latest state
        }
        let pending = Rc::clone(&self.pending);
        let calc = self.calc;
        leptos::prelude::set_timeout(
            move || {
                let latest = pending.borrow_mut().take();
                if let Some((texts, mark, skip_invalid)) = latest {
                    let saved = save(calc, &texts, mark, skip_invalid);
                    let here = browser::query();
                    if saved.is_ok() && state::read_link(&here).calc.as_deref() == Some(calc.id) {
                        remember_link(calc.id, &here);
                    }
                    report(saved.err());
                }
            },
            std::time::Duration::ZERO,
        );
    }
}
