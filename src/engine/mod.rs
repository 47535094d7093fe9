//! The metric engine: parsing, validation, formulas, verdicts and display rules. No web crate
//! is reachable from here (they are wasm32-only dependencies), so all of it is tested natively.

pub mod approx;
pub mod billing;
pub mod calculators;
pub mod catalogue;
pub mod chance;
pub mod charts;
pub mod convert;
pub mod csv;
pub mod dates;
pub mod dec;
pub mod docs;
pub mod embed;
pub mod error;
pub mod evaluate;
pub mod fast_hash;
pub mod focus;
pub mod format;
pub mod formula;
pub mod groups;
pub mod home_page;
pub mod late;
pub mod list;
pub mod locale;
pub mod number;
pub mod pace;
pub mod report;
pub mod spec;
pub mod state;
pub mod stats;
pub mod types;
pub mod whatif;
