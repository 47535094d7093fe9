//! CSV: the export of a calculator's inputs and results (`export`), and the import of survey
//! exports into a list (`import`).

pub mod export;
pub mod groups;
pub mod import;

pub use export::{
    calculator_rows, chart_table, file_name, neutralise, sheet_rows, sheet_sections, unit_name,
    write, write_with, Dialect, Row, Section, COLUMNS,
};
