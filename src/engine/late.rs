//! Formulas and charts linked late. The "Compare and plan" calculators are defined in the
//! catalogue like any other (their inputs, results, links and texts are data the home view,
//! the form and the docs read), but their formulas, the statistics under them and their
//! charts are one [`Module`] that the browser loads the first time such a calculator opens:
//! the release wasm is split there (`ui/lazy.rs`), so a first visit doesn't download them.
//!
//! A definition's `compute` calls [`run`] with its id. Until the module is installed it gives
//! no results (every figure waits, "—", for the few milliseconds the module takes to
//! arrive). Native builds, where the tests run, install it on first use.

use crate::engine::evaluate::Evaluation;
use crate::engine::format::Display;
use crate::engine::formula::{Inputs, Outcome};
use crate::engine::spec::{Calculator, Category, Chart};
use std::sync::OnceLock;

/// A calculator's formula.
pub type Compute = fn(&Inputs) -> Outcome;

/// What the late part of the engine holds.
#[derive(Debug)]
pub struct Module {
    /// The formulas, by calculator id.
    pub computes: &'static [(&'static str, Compute)],
    /// The page markup of a chart only these calculators draw (empty until its values are
    /// known).
    pub draw: fn(&Chart, &Evaluation, Display) -> String,
    /// The same chart as a downloadable SVG document.
    pub draw_file: fn(&Chart, &Evaluation, Display) -> Option<String>,
}

static INSTALLED: OnceLock<&'static Module> = OnceLock::new();

/// Installs the module (the browser, once it has loaded it).
pub fn install(module: &'static Module) {
    let _ = INSTALLED.set(module);
}

/// The module, if installed. Native builds install it here: they link it anyway.
pub fn module() -> Option<&'static Module> {
    #[cfg(not(target_arch = "wasm32"))]
    install(&crate::engine::calculators::compare::MODULE);
    INSTALLED.get().copied()
}

/// Whether `calc` needs the module, and it isn't there yet.
pub fn waits_for_module(calc: &Calculator) -> bool {
    is_late(calc) && module().is_none()
}

/// Whether `calc`'s formula is linked late.
pub fn is_late(calc: &Calculator) -> bool {
    calc.category == Category::Compare
}

/// Runs calculator `id`'s formula, or gives no results while the module is not installed.
pub fn run(id: &str, inputs: &Inputs) -> Outcome {
    let compute = module().and_then(|m| m.computes.iter().find(|(c, _)| *c == id));
    match compute {
        Some((_, compute)) => compute(inputs),
        None => Outcome::new(),
    }
}
