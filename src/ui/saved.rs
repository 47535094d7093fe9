//! Each calculator's inputs kept in localStorage, in the engine's versioned form.

use crate::engine::spec::Calculator;
use crate::engine::state::{self, Texts};
use crate::ui::browser;

fn key(calc: &Calculator) -> String {
    format!("cs-metrics:v1:calc:{}", calc.id)
}

/// The saved texts and skip flag of `calc`; `Ok(None)` when nothing is saved. A value that
/// can't be read is removed and its notice returned.
pub fn load(calc: &Calculator) -> Result<Option<(Texts, bool)>, String> {
    match browser::load(&key(calc)) {
        Ok(Some(stored)) => match state::from_storage(calc, &stored) {
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

/// Saves `calc`'s texts; the sentence to show when that fails.
pub fn save(calc: &Calculator, texts: &Texts, skip_invalid: bool) -> Result<(), &'static str> {
    browser::save(&key(calc), &state::to_storage(texts, skip_invalid))
}

/// Forgets `calc`'s saved texts.
pub fn forget(calc: &Calculator) {
    browser::remove(&key(calc));
}
