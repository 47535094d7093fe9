//! Definitions linked late. Each category's calculators (their inputs, results, texts and
//! formulas) are one [`Module`] that the browser loads when one of them first opens: the
//! release wasm is split there (`ui/lazy.rs`), so a visit downloads the catalogue's cards
//! (`catalogue::CARDS`: what the home view lists and searches) and the one category it
//! opens, not the other thirty-odd definitions. Measured in BENCHMARKS.md ("Size while the
//! product grows").
//!
//! Native builds, where the tests, the docs and the catalogue's checks run, link every
//! category and install them all on first use.

use crate::engine::evaluate::Evaluation;
use crate::engine::format::Display;
use crate::engine::spec::{Calculator, Chart, LatePart, Unit};
use rust_decimal::Decimal;
use std::sync::OnceLock;

/// A chart's table for the CSV, written wide after the results: one row per table row (a
/// month), one column per figure, so a spreadsheet charts it as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// What the table holds ("MRR month by month").
    pub title: &'static str,
    /// The first column's heading: what each row is ("Month").
    pub key: &'static str,
    /// The other columns: label and unit.
    pub columns: Vec<(&'static str, Unit)>,
    /// Each row: its key ("3") and its cells, in the columns' order.
    pub rows: Vec<(String, Vec<Cell>)>,
}

/// One cell of such a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    /// An exact figure.
    Number(Decimal),
    /// Words: a verdict's id, a name.
    Text(String),
    /// No value (an undefined figure, the first wave's move).
    Empty,
}

/// A chart only one category's calculators draw: its page markup (empty until its values
/// are known), its downloadable SVG document and its table's rows for the CSV.
#[derive(Debug)]
pub struct Draw {
    /// The markup in the page.
    pub page: fn(&Chart, &Evaluation, Display) -> String,
    /// The file.
    pub file: fn(&Chart, &Evaluation, Display) -> Option<String>,
    /// The table, exported after the results.
    pub table: fn(&Chart, &Evaluation) -> Vec<Table>,
}

/// For a chart without a table of its own.
pub fn no_table(_: &Chart, _: &Evaluation) -> Vec<Table> {
    Vec::new()
}

/// One category's definitions, and its own chart if it has one.
#[derive(Debug)]
pub struct Module {
    /// The calculators, in home-view order.
    pub calculators: &'static [&'static Calculator],
    /// The chart only these calculators draw.
    pub draw: Option<Draw>,
}

static INSTALLED: [OnceLock<&'static Module>; LatePart::ALL.len()] =
    [const { OnceLock::new() }; LatePart::ALL.len()];

fn slot(part: LatePart) -> Option<&'static OnceLock<&'static Module>> {
    let at = LatePart::ALL.iter().position(|c| *c == part)?;
    INSTALLED.get(at)
}

/// Installs `part`'s module (the browser, once it has loaded it).
pub fn install(part: LatePart, module: &'static Module) {
    if let Some(slot) = slot(part) {
        let _ = slot.set(module);
    }
}

/// The module of `part`, if installed. Native builds install every one here: they link them
/// anyway.
pub fn module(part: LatePart) -> Option<&'static Module> {
    #[cfg(not(target_arch = "wasm32"))]
    install_all();
    slot(part).and_then(|s| s.get().copied())
}

/// A function that code every page has calls, but that comes with the part of the only
/// calculators that need it (a reader of an input kind only they have): installed when that
/// part loads, so the main module does not link it. `None` before then; no such calculator
/// can be open before its part is.
#[derive(Debug)]
pub struct Installed<T: Copy + 'static>(OnceLock<T>);

impl<T: Copy + 'static> Installed<T> {
    const fn new() -> Self {
        Installed(OnceLock::new())
    }

    /// Installs `f` (with the part that brings it).
    pub fn install(&self, f: T) {
        let _ = self.0.set(f);
    }

    /// The function, once installed (native builds install everything first).
    pub fn get(&self) -> Option<T> {
        #[cfg(not(target_arch = "wasm32"))]
        install_all();
        self.0.get().copied()
    }
}

/// How a file input's text is read into a table. The CSV reader comes with the part that
/// reads files (the billing import's reader, fetched when a first file arrives; see
/// `calculators::billing::install_reader`).
pub type FileReader = fn(&str) -> Result<crate::engine::csv::import::Table, String>;

/// The file reader.
pub static FILE_READER: Installed<FileReader> = Installed::new();

/// The CSV reader for file inputs, as the billing part installs it.
pub fn csv_file_reader(text: &str) -> Result<crate::engine::csv::import::Table, String> {
    crate::engine::csv::import::parse(text).map_err(|e| e.message())
}

/// Reads a file input's text; `None` until the part that reads files is installed.
pub fn read_file(text: &str) -> Option<Result<crate::engine::csv::import::Table, String>> {
    FILE_READER.get().map(|read| read(text))
}

/// How a groups input's lines are read (`engine::groups::parse`). Only the breakdowns have
/// such inputs, so the parser comes with their part, not with every page.
pub type GroupsReader = fn(&str, crate::engine::locale::DecimalMark) -> crate::engine::groups::Read;

/// The groups reader (installed with the breakdowns' part).
pub static GROUPS_READER: Installed<GroupsReader> = Installed::new();

/// Reads a groups input's text; `None` until the breakdowns' part is installed.
pub fn read_groups(
    text: &str,
    mark: crate::engine::locale::DecimalMark,
) -> Option<crate::engine::groups::Read> {
    GROUPS_READER.get().map(|read| read(text, mark))
}

/// Whether a text names a month (`YYYY-MM`; `engine::dates::parse_year_month`). Only the
/// billing import has a month input, so the check comes with its part.
pub type MonthCheck = fn(&str) -> bool;

/// The month check (installed with the billing import's part).
pub static MONTH_CHECK: Installed<MonthCheck> = Installed::new();

/// The month check as installed: `parse_year_month` finds a month.
pub fn is_month(text: &str) -> bool {
    crate::engine::dates::parse_year_month(text).is_some()
}

/// Whether `text` names a month; `None` until the billing import's part is installed.
pub fn check_month(text: &str) -> Option<bool> {
    MONTH_CHECK.get().map(|check| check(text))
}

/// Installs every module (native builds, which link them all).
#[cfg(not(target_arch = "wasm32"))]
fn install_all() {
    crate::engine::calculators::billing::install_reader();
    GROUPS_READER.install(crate::engine::groups::parse);
    MONTH_CHECK.install(is_month);
    use crate::engine::calculators as c;
    let modules: [(LatePart, &'static Module); LatePart::ALL.len()] = [
        (LatePart::Loyalty, &c::loyalty::MODULE),
        (LatePart::Retention, &c::retention::MODULE),
        (LatePart::Revenue, &c::revenue::MODULE),
        (LatePart::Projection, &c::projection::MODULE),
        (LatePart::UnitEconomics, &c::unit_economics::MODULE),
        (LatePart::Team, &c::team::MODULE),
        (LatePart::Composite, &c::composite::MODULE),
        (LatePart::Compare, &c::compare::MODULE),
        (LatePart::Breakdowns, &c::breakdowns::MODULE),
        (LatePart::Billing, &c::billing::MODULE),
    ];
    for (part, module) in modules {
        install(part, module);
    }
}

/// Calculator `id` of `part`, once its module is installed.
pub fn calculator(part: LatePart, id: &str) -> Option<&'static Calculator> {
    module(part)?
        .calculators
        .iter()
        .copied()
        .find(|c| c.id == id)
}

/// The page markup of a chart `part`'s module draws (empty until it is installed).
pub fn draw(part: LatePart, chart: &Chart, e: &Evaluation, display: Display) -> String {
    module(part)
        .and_then(|m| m.draw.as_ref())
        .map(|d| (d.page)(chart, e, display))
        .unwrap_or_default()
}

/// The table of such a chart, for the CSV (none until its module is installed).
pub fn table(part: LatePart, chart: &Chart, e: &Evaluation) -> Vec<Table> {
    module(part)
        .and_then(|m| m.draw.as_ref())
        .map(|d| (d.table)(chart, e))
        .unwrap_or_default()
}

/// The downloadable SVG of such a chart.
pub fn draw_file(
    part: LatePart,
    chart: &Chart,
    e: &Evaluation,
    display: Display,
) -> Option<String> {
    module(part)
        .and_then(|m| m.draw.as_ref())
        .and_then(|d| (d.file)(chart, e, display))
}
