//! Native tests of the engine through its public API: every calculator of the catalogue with
//! hand-computed examples, its boundaries, undefined cases and validation errors.
#![cfg(not(target_arch = "wasm32"))]

mod calculators;
mod catalogue;
mod properties;
mod support;
