//! CSV out: one row per input, per result and per cell of a chart's table (the projection's
//! months) of a calculator, in RFC 4180 form (CRLF line ends, quoted fields where needed)
//! with a UTF-8 byte-order mark so Excel reads it as UTF-8.
//!
//! Values are exact plain decimals (no thousands separators, no currency sign) so spreadsheets
//! read them as numbers; the decimal-comma variant uses `;` between fields and `,` in numbers,
//! as spreadsheets in those locales expect. Text cells that a spreadsheet could run as a
//! formula are neutralised with a leading `'` (OWASP); numbers are never altered.
//!
//! Written by hand rather than with the `csv` crate: writing is a few lines, and the crate
//! would add to the wasm every visitor downloads.

use crate::engine::evaluate::{read_number, Evaluation};
use crate::engine::format::{self, Display};
use crate::engine::formula::Parsed;
use crate::engine::formula::Value;
use crate::engine::spec::{Calculator, Kind, Unit};
use crate::engine::state::sheet::letter;
use crate::engine::state::{Sheet, Texts};

/// The header row. `value` is exact, for calculations; `shown` is the value as the page shows
/// it (rounded, with its unit), for a person reading the file.
/// `scenario` is the set of figures a row belongs to: `A`, or `B · Raise prices` (last, so a
/// file of one scenario reads as before).
pub const COLUMNS: [&str; 9] = [
    "metric", "kind", "field", "label", "value", "shown", "unit", "note", "scenario",
];

/// How the file is laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dialect {
    /// `,` between fields, `.` in numbers.
    #[default]
    Standard,
    /// `;` between fields, `,` in numbers (spreadsheets in decimal-comma locales).
    DecimalComma,
}

impl Dialect {
    fn separator(self) -> char {
        match self {
            Dialect::Standard => ',',
            Dialect::DecimalComma => ';',
        }
    }
}

/// One row of the export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The calculator's id.
    pub metric: &'static str,
    /// `input` or `result`.
    pub kind: &'static str,
    /// The input's or result's id.
    pub field: &'static str,
    /// Its label.
    pub label: &'static str,
    /// The exact value as a plain decimal with a dot, a verdict's or choice's id, or empty.
    pub value: String,
    /// Whether `value` is a number (numbers are never neutralised, only localised).
    pub numeric: bool,
    /// The value as the page shows it: rounded, with its unit (`46.2`, `$20,000.00`, `61.5%`).
    pub shown: String,
    /// The unit (`%`, `USD`, `count`…).
    pub unit: String,
    /// The reason of an undefined result, a verdict's sentence, an input's problem.
    pub note: String,
    /// The scenario: `A`, or `B · Raise prices`.
    pub scenario: String,
}

/// The unit column for `unit`, with the currency code for money.
pub fn unit_name(unit: Unit, currency_code: &str) -> String {
    match unit {
        Unit::Count => "count",
        Unit::Money => currency_code,
        Unit::Percent => "%",
        Unit::Points => "percentage points",
        Unit::Nps => "NPS",
        Unit::Score => "score",
        Unit::Ratio => "ratio",
        Unit::Months => "months",
        Unit::Years => "years",
        Unit::Days => "days",
        Unit::Weight => "weight",
        Unit::Plain => "",
        Unit::Change => "percentage points",
        Unit::Probability => "probability",
        Unit::Label => "",
        Unit::Chance => "%",
    }
    .to_owned()
}

/// The rows of one calculator: its visible inputs, then its visible results.
pub fn calculator_rows(
    calc: &'static Calculator,
    texts: &Texts,
    evaluation: &Evaluation,
    display: Display,
) -> Vec<Row> {
    let (mark, currency_code) = (display.mark, display.currency.code);
    let mut rows = Vec::new();
    for spec in calc
        .inputs
        .iter()
        .filter(|i| evaluation.field(i.id).is_some())
    {
        let field = evaluation.field(spec.id);
        let error = field
            .and_then(|f| f.error.as_ref())
            .map(|e| e.message(spec.label));
        let text = texts
            .get(spec.id)
            .map(String::as_str)
            .filter(|t| !t.trim().is_empty());
        let text = text.or(spec.default).unwrap_or_default();
        let (value, numeric, shown, unit, note) = match spec.kind {
            Kind::Choice(choices) => {
                let id = evaluation.mode.of(spec.id).unwrap_or_default();
                let label = choices
                    .iter()
                    .find(|c| c.id == id)
                    .map(|c| c.label)
                    .unwrap_or_default();
                (
                    id.to_owned(),
                    false,
                    label.to_owned(),
                    String::new(),
                    label.to_owned(),
                )
            }
            // A list is exported as its summary, never its (possibly million) entries.
            Kind::List { .. } => {
                let summary = field.and_then(|f| f.summary.as_ref());
                let count = summary.map_or(0, |s| s.count);
                let spread: Vec<String> = summary
                    .map(|s| {
                        s.distribution
                            .iter()
                            .map(|(v, n)| format!("{}: {n}", format::plain(*v)))
                            .collect()
                    })
                    .unwrap_or_default();
                let note = if spread.is_empty() {
                    String::new()
                } else {
                    format!("values given: {}", spread.join("; "))
                };
                (
                    count.to_string(),
                    true,
                    format::card(count.into(), Unit::Count, display),
                    "values".to_owned(),
                    note,
                )
            }
            // Groups: how many, and their lines (counts per group, as the link carries them).
            Kind::Groups => {
                let groups = crate::engine::late::read_groups(text, mark)
                    .and_then(Result::ok)
                    .unwrap_or_default();
                (
                    groups.len().to_string(),
                    true,
                    format::card(groups.len().into(), Unit::Count, display),
                    "groups".to_owned(),
                    crate::engine::groups::lines(&groups).replace('\n', "; "),
                )
            }
            // A file: its rows, never its cells (the results and tables say what it holds).
            Kind::File => {
                let rows = field.and_then(|f| f.table.as_ref()).map_or(0, |t| t.len());
                (
                    rows.to_string(),
                    true,
                    format::card(rows.into(), Unit::Count, display),
                    "rows".to_owned(),
                    String::new(),
                )
            }
            Kind::Text(_) => (
                text.trim().to_owned(),
                false,
                text.trim().to_owned(),
                String::new(),
                String::new(),
            ),
            Kind::Number { .. } => match read_number(spec, text, mark) {
                (Parsed::Number(v), _) => (
                    format::plain(v),
                    true,
                    format::card(v, spec.unit, display),
                    unit_name(spec.unit, currency_code),
                    String::new(),
                ),
                _ => (
                    String::new(),
                    false,
                    String::new(),
                    unit_name(spec.unit, currency_code),
                    String::new(),
                ),
            },
        };
        let note = match error {
            Some(e) => e,
            None => note,
        };
        rows.push(Row {
            metric: calc.id,
            kind: "input",
            field: spec.id,
            label: spec.label,
            value,
            numeric,
            shown,
            unit,
            note,
            scenario: "A".to_owned(),
        });
    }
    for result in &evaluation.results {
        let Some(spec) = calc.result(result.id) else {
            continue;
        };
        let shown = format::result_text(&result.computed, spec, display);
        let (value, numeric, note) = match result.computed.value {
            // A number whose digits can't all be vouched for is left out, with the reason.
            Value::Number(_) if shown.is_err() => (
                String::new(),
                false,
                shown
                    .as_ref()
                    .err()
                    .map(|r| r.message().to_owned())
                    .unwrap_or_default(),
            ),
            Value::Number(_) if result.computed.label.is_some() => (
                result
                    .computed
                    .label
                    .as_deref()
                    .unwrap_or_default()
                    .to_owned(),
                false,
                String::new(),
            ),
            Value::Number(v) => (format::plain(v), true, String::new()),
            Value::Verdict(v) => (v.id.to_owned(), false, v.sentence.to_owned()),
            Value::Undefined(reason) => (String::new(), false, reason.message().to_owned()),
        };
        let unit = if matches!(result.computed.value, Value::Verdict(_)) {
            String::new()
        } else {
            unit_name(spec.unit, currency_code)
        };
        rows.push(Row {
            metric: calc.id,
            kind: "result",
            field: spec.id,
            label: spec.label,
            value,
            numeric,
            shown: shown.unwrap_or_default(),
            unit,
            note,
            scenario: "A".to_owned(),
        });
    }
    rows
}

/// The tables of `calc`'s chart (the projection's months; a billing export's months and
/// cohorts), if it has any, for the file's second part.
pub fn chart_table(
    calc: &'static Calculator,
    evaluation: &Evaluation,
) -> Vec<crate::engine::late::Table> {
    let (Some((_, part)), Some(chart)) = (crate::engine::catalogue::part_of(calc.id), calc.chart)
    else {
        return Vec::new();
    };
    crate::engine::late::table(part, &chart, evaluation)
}

/// A table written after the results, with the scenario it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The calculator's id.
    pub metric: &'static str,
    /// The scenario: `A`, or `B · Raise prices`.
    pub scenario: String,
    /// The currency code money columns are in.
    pub currency: &'static str,
    /// The table.
    pub table: crate::engine::late::Table,
}

/// The chart tables of every scenario of `sheet`, A first.
pub fn sheet_sections(
    calc: &'static Calculator,
    sheet: &Sheet,
    evaluations: &[Evaluation],
    display: Display,
) -> Vec<Section> {
    sheet
        .scenarios()
        .iter()
        .enumerate()
        .zip(evaluations)
        .flat_map(|((at, scenario), e)| {
            chart_table(calc, e).into_iter().map(move |table| Section {
                metric: calc.id,
                scenario: scenario_label(at, scenario.name.as_deref()),
                currency: display.currency.code,
                table,
            })
        })
        .collect()
}

/// `A`, or `B · Raise prices`.
fn scenario_label(at: usize, name: Option<&str>) -> String {
    let letter = letter(at);
    match name {
        Some(name) => format!("{letter} · {name}"),
        None => letter,
    }
}

/// The rows of every scenario of `sheet`, A first, each evaluated as `evaluations` (one per
/// scenario) give it.
pub fn sheet_rows(
    calc: &'static Calculator,
    sheet: &Sheet,
    evaluations: &[Evaluation],
    display: Display,
) -> Vec<Row> {
    let mut rows = Vec::new();
    for ((at, scenario), e) in sheet.scenarios().iter().enumerate().zip(evaluations) {
        let label = scenario_label(at, scenario.name.as_deref());
        for mut row in calculator_rows(calc, &scenario.texts, e, display) {
            row.scenario = label.clone();
            rows.push(row);
        }
    }
    rows
}

/// The CSV file: BOM, header, rows, CRLF line ends.
pub fn write(rows: &[Row], dialect: Dialect) -> String {
    write_with(rows, &[], dialect)
}

/// The CSV file with tables after the rows: each after a blank line, with a title line
/// ("revenue-projection: MRR month by month (scenario A)"), its header (the key, then each
/// figure's label and unit) and a line per table row, numbers exact.
pub fn write_with(rows: &[Row], sections: &[Section], dialect: Dialect) -> String {
    let mut out = write_rows(rows, dialect);
    let sep = dialect.separator();
    let number = |v: rust_decimal::Decimal| match dialect {
        Dialect::Standard => format::plain(v),
        Dialect::DecimalComma => format::plain(v).replace('.', ","),
    };
    for section in sections {
        let t = &section.table;
        out.push_str("\r\n");
        let title = format!(
            "{}: {} (scenario {})",
            section.metric, t.title, section.scenario
        );
        out.push_str(&quote(&neutralise(&title), sep));
        out.push_str("\r\n");
        let mut header = vec![quote(&neutralise(t.key), sep)];
        for (label, unit) in &t.columns {
            // A count or an NPS needs no unit after its name.
            let unit = match unit {
                Unit::Count | Unit::Nps | Unit::Plain | Unit::Label => String::new(),
                _ => unit_name(*unit, section.currency),
            };
            let named = if unit.is_empty() {
                (*label).to_owned()
            } else {
                format!("{label} ({unit})")
            };
            header.push(quote(&neutralise(&named), sep));
        }
        out.push_str(&header.join(&sep.to_string()));
        out.push_str("\r\n");
        for (key, cells) in &t.rows {
            use crate::engine::late::Cell;
            let mut line = vec![quote(&neutralise(key), sep)];
            line.extend(cells.iter().map(|c| match c {
                Cell::Number(v) => quote(&number(*v), sep),
                Cell::Text(t) => quote(&neutralise(t), sep),
                Cell::Empty => String::new(),
            }));
            out.push_str(&line.join(&sep.to_string()));
            out.push_str("\r\n");
        }
    }
    out
}

fn write_rows(rows: &[Row], dialect: Dialect) -> String {
    let sep = dialect.separator();
    let mut out = String::from('\u{feff}');
    let header: Vec<String> = COLUMNS.iter().map(|c| quote(c, sep)).collect();
    out.push_str(&header.join(&sep.to_string()));
    out.push_str("\r\n");
    for row in rows {
        let value = if row.numeric {
            match dialect {
                Dialect::Standard => row.value.clone(),
                Dialect::DecimalComma => row.value.replace('.', ","),
            }
        } else {
            neutralise(&row.value)
        };
        let cells = [
            neutralise(row.metric),
            neutralise(row.kind),
            neutralise(row.field),
            neutralise(row.label),
            value,
            neutralise(&row.shown),
            neutralise(&row.unit),
            neutralise(&row.note),
            neutralise(&row.scenario),
        ];
        let quoted: Vec<String> = cells.iter().map(|c| quote(c, sep)).collect();
        out.push_str(&quoted.join(&sep.to_string()));
        out.push_str("\r\n");
    }
    out
}

/// Prefixes `'` to text a spreadsheet would read as a formula (OWASP CSV injection).
pub fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// Quotes a field holding the separator, a quote or a line break (RFC 4180).
fn quote(text: &str, sep: char) -> String {
    if text.contains([sep, '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// The file name for an export made on `date` (`YYYY-MM-DD`): `cs-metrics-nps-2026-11-23.csv`.
pub fn file_name(what: &str, date: &str) -> String {
    format!("cs-metrics-{what}-{date}.csv")
}
