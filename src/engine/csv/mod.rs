//! CSV: the export of a calculator's inputs and results (`export`), and the import of survey
//! exports into a list (`import`).

pub mod export;
pub mod import;

pub use export::{
    calculator_rows, file_name, neutralise, sheet_rows, unit_name, write, Dialect, Row, COLUMNS,
};
