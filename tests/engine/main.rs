//! Native tests of the engine through its public API: every calculator of the catalogue with
//! hand-computed examples, its boundaries, undefined cases and validation errors.
#![cfg(not(target_arch = "wasm32"))]
// A test crate: failing loudly is the point here.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]
#![allow(clippy::type_complexity)]

mod billing;
mod breakdowns;
mod calculators;
mod catalogue;
mod chance;
mod csv;
mod differential;
mod docs;
mod examples;
mod extremes;
mod paced;
mod properties;
mod reasons;
mod reference;
mod reference_breakdowns;
mod reference_compare;
mod support;
