//! The billing import's page markup, file and CSV tables: what was read (columns, currency,
//! cents, rows left out, each naming its row), MRR with its movements (the projection's
//! chart), every month in a table (`data-month="YYYY-MM"`), the cohort grid, and "Use these
//! figures" into the revenue calculators.

use super::billing::{analysis, chosen_month, Analysis};
use super::projection::Month as ChartMonth;
use super::projection_chart::history_svg;
use crate::engine::billing::read::{month_id, month_of};
use crate::engine::billing::{Cohort, Ledger, MonthRow, Role};
use crate::engine::charts::escape;
use crate::engine::evaluate::Evaluation;
use crate::engine::format::{self, Display};
use crate::engine::formula::Value;
use crate::engine::late::{Cell, Table};
use crate::engine::spec::{Chart, Unit};
use crate::engine::state::encode_pairs;
use rust_decimal::Decimal;

/// A role's name as the page lists the columns used.
fn role_name(role: Role) -> &'static str {
    match role {
        Role::Customer => "customer",
        Role::Subscription => "subscription",
        Role::Status => "status",
        Role::Start => "start",
        Role::Canceled => "cancelled at",
        Role::Ended => "ended at",
        Role::PeriodEnd => "period end",
        Role::TrialEnd => "trial end",
        Role::Amount => "amount",
        Role::Monthly => "monthly amount",
        Role::Interval => "interval",
        Role::IntervalCount => "interval count",
        Role::Quantity => "quantity",
        Role::Currency => "currency",
    }
}

/// A scaled MRR in money.
fn money_of(ledger: &Ledger, v: Decimal) -> Decimal {
    v.checked_div(ledger.per_month).unwrap_or_default()
}

/// The page's markup (empty before a file is read).
pub fn draw(chart: &Chart, e: &Evaluation, display: Display) -> String {
    let Chart::Billing { title } = chart else {
        return String::new();
    };
    let Some(a) = analysis(e) else {
        return String::new();
    };
    let mut out = format!("<figcaption>{}</figcaption>", escape(title));
    out.push_str(&columns_used(&a));
    let ledger = match &a.ledger {
        Ok(l) => l,
        Err(f) => {
            out.push_str(&format!(
                r#"<p class="error" role="alert" data-testid="billing-error">{}</p>"#,
                escape(&f.message())
            ));
            return out;
        }
    };
    out.push_str(&read_summary(ledger, &a));
    out.push_str(&problems(ledger));
    let months = &a.movements.months;
    if months.is_empty() {
        return out;
    }
    out.push_str(&chart_svg(title, ledger, months, display));
    out.push_str(&month_table(ledger, months, display));
    let chosen = e.field("month").and_then(|f| f.text.clone());
    if let Some(row) = chosen_month(&a.movements, chosen.as_deref()) {
        out.push_str(&use_figures(e, row));
    }
    let view = e.mode.of("cohort_view").unwrap_or("customers-pct");
    out.push_str(&cohort_grid(ledger, &a.movements.cohorts, view, display));
    out
}

/// Which column was taken for what.
fn columns_used(a: &Analysis) -> String {
    let used: Vec<String> = Role::ALL
        .iter()
        .filter_map(|r| {
            let c = a.picks.get(*r)?;
            let name = a.table.header.get(c)?;
            Some(format!(
                r#"<li data-role="{}"><span>{}</span> <q>{}</q></li>"#,
                r.input_id(),
                role_name(*r),
                escape(name)
            ))
        })
        .collect();
    format!(
        r#"<details class="billing-columns" data-testid="billing-columns"><summary>Columns used ({} of {}): change them under Columns, "Picked by hand"</summary><ul>{}</ul></details>"#,
        used.len(),
        a.table.header.len(),
        used.join("")
    )
}

/// How many subscriptions, customers and months; the currency; cents or units, and why.
fn read_summary(ledger: &Ledger, a: &Analysis) -> String {
    let months = &a.movements.months;
    let span = match (months.first(), months.last()) {
        (Some(f), Some(l)) => format!(
            ", {} to {}",
            month_of(f.month).label(),
            month_of(l.month).label()
        ),
        _ => String::new(),
    };
    let currency = ledger
        .currency
        .as_deref()
        .map(|c| format!(" in {c}"))
        .unwrap_or_default();
    let other = if ledger.other_currency > 0 {
        format!(
            " {} rows in other currencies were left out.",
            ledger.other_currency
        )
    } else {
        String::new()
    };
    let (cents, why) = ledger.cents;
    format!(
        r#"<p class="hint" data-testid="billing-read">Read {} subscriptions of {} customers{currency}{span}, from {} rows. Amounts read as {} ({why}).{other}</p>"#,
        ledger.subscriptions.len(),
        ledger.customers.len(),
        ledger.rows,
        if cents { "cents" } else { "currency units" },
    )
}

/// The rows left out, each naming its row.
fn problems(ledger: &Ledger) -> String {
    if ledger.problem_total == 0 {
        return String::new();
    }
    let items: String = ledger
        .problems
        .iter()
        .map(|p| format!("<li>{}</li>", escape(&p.message())))
        .collect();
    let more = ledger.problem_total.saturating_sub(ledger.problems.len());
    let tail = if more > 0 {
        format!("<li>and {more} more.</li>")
    } else {
        String::new()
    };
    format!(
        r#"<div class="warn" role="alert" data-testid="billing-problems"><p>{} row{} left out:</p><ul>{items}{tail}</ul></div>"#,
        ledger.problem_total,
        if ledger.problem_total == 1 { "" } else { "s" }
    )
}

/// The projection's chart over the months that happened: new and reactivation together as
/// what comes in.
fn chart_svg(title: &str, ledger: &Ledger, months: &[MonthRow], display: Display) -> String {
    let m = |v| money_of(ledger, v);
    let series: Vec<ChartMonth> = months
        .iter()
        .map(|r| ChartMonth {
            mrr: m(r.mrr_end),
            new: m(r.new + r.reactivation),
            expansion: m(r.expansion),
            contraction: m(r.contraction),
            churned: m(r.churned),
        })
        .collect();
    let start = months.first().map(|r| m(r.mrr_start)).unwrap_or_default();
    let last = series.last().map(|s| s.mrr).unwrap_or_default();
    let described = format!(
        "MRR month by month from {} to {}, ending at {}; new and reactivated MRR as bars up, contraction and churn down",
        months.first().map(|r| month_of(r.month).label()).unwrap_or_default(),
        months.last().map(|r| month_of(r.month).label()).unwrap_or_default(),
        format::card(last, Unit::Money, display)
    );
    format!(
        r#"<div class="billing-chart">{}</div><p class="hint">Month 0 is the start of {}; bars: new and reactivation (green), expansion, contraction, churn.</p>"#,
        history_svg(title, &described, start, series, display),
        months
            .first()
            .map(|r| month_of(r.month).label())
            .unwrap_or_default(),
    )
}

/// The figures of a month row, in the table's order, with their ids.
fn month_cells(ledger: &Ledger, r: &MonthRow) -> [(&'static str, Decimal); 7] {
    let m = |v| money_of(ledger, v);
    [
        ("mrr_start", m(r.mrr_start)),
        ("new_mrr", m(r.new)),
        ("expansion_mrr", m(r.expansion)),
        ("contraction_mrr", m(r.contraction)),
        ("churned_mrr", m(r.churned)),
        ("reactivation_mrr", m(r.reactivation)),
        ("mrr_end", m(r.mrr_end)),
    ]
}

/// Every month: its MRR movements and its customers.
fn month_table(ledger: &Ledger, months: &[MonthRow], display: Display) -> String {
    let mut rows = String::new();
    for r in months {
        let cells: String = month_cells(ledger, r)
            .iter()
            .map(|(id, v)| {
                format!(
                    r#"<td data-figure="{id}" data-value="{}">{}</td>"#,
                    format::plain(*v),
                    format::card(*v, Unit::Money, display)
                )
            })
            .collect();
        rows.push_str(&format!(
            r#"<tr data-month="{}"><th scope="row">{}</th>{cells}<td data-figure="customers_start">{}</td><td data-figure="customers_won">{}</td><td data-figure="customers_lost">{}</td></tr>"#,
            month_id(month_of(r.month)),
            month_of(r.month).label(),
            r.customers_start,
            r.customers_new.saturating_add(r.customers_back),
            r.customers_lost
        ));
    }
    format!(
        r#"<div class="months-wrap" tabindex="0" role="region" aria-label="MRR movements, month by month"><table class="months billing-months" data-testid="billing-months"><thead><tr><th scope="col">Month</th><th scope="col">MRR at start</th><th scope="col">New</th><th scope="col">Expansion</th><th scope="col">Contraction</th><th scope="col">Churned</th><th scope="col">Reactivation</th><th scope="col">MRR at end</th><th scope="col">Customers at start</th><th scope="col">Won</th><th scope="col">Lost</th></tr></thead><tbody>{rows}</tbody></table></div>"#
    )
}

/// A result's value, to `dp` decimals, as a link carries it.
fn carried(e: &Evaluation, id: &str, times: i64, dp: u32) -> Option<String> {
    match e.result(id)?.computed.value {
        Value::Number(v) => Some(format::plain(
            v.checked_mul(Decimal::from(times))?.round_dp(dp),
        )),
        _ => None,
    }
}

/// What each calculator is fed: (calculator, its name, [(its input, the result, × factor,
/// decimals)]). ARR inputs take 12 × the month's MRR; money goes to the cent, percentages to
/// six decimals (a link carries what the page shows, to those digits).
/// One calculator fed: its id, its name, and (its input, the result, × factor, decimals).
type Feed = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str, i64, u32)],
);

const FEEDS: &[Feed] = &[
    (
        "nrr",
        "NRR",
        &[
            ("starting_arr", "mrr_start", 12, 2),
            ("expansion", "expansion_mrr", 12, 2),
            ("downsell", "contraction_mrr", 12, 2),
            ("churn", "churned_mrr", 12, 2),
        ],
    ),
    (
        "grr",
        "GRR",
        &[
            ("renewable_arr", "mrr_start", 12, 2),
            ("downsell", "contraction_mrr", 12, 2),
            ("churn", "churned_mrr", 12, 2),
        ],
    ),
    (
        "revenue-churn",
        "Revenue churn",
        &[
            ("mrr_start", "mrr_start", 1, 2),
            ("churned_mrr", "churned_mrr", 1, 2),
            ("contraction_mrr", "contraction_mrr", 1, 2),
            ("expansion_mrr", "expansion_mrr", 1, 2),
        ],
    ),
    (
        "churn-rate",
        "Churn rate",
        &[
            ("customers_start", "customers_start", 1, 0),
            ("customers_lost", "customers_lost", 1, 0),
        ],
    ),
    (
        "arpa",
        "ARPA",
        &[
            ("mrr", "mrr_end", 1, 2),
            ("accounts", "active_customers", 1, 0),
        ],
    ),
    (
        "revenue-projection",
        "Revenue projection",
        &[
            ("mrr_start", "mrr_end", 1, 2),
            ("new_mrr", "new_mrr", 1, 2),
            ("expansion_pct", "expansion_pct", 1, 6),
            ("contraction_pct", "contraction_pct", 1, 6),
            ("churn_pct", "revenue_churn_pct", 1, 6),
        ],
    ),
];

/// The links for a month: each calculator with its figures filled in.
pub fn feed_queries(e: &Evaluation) -> Vec<(&'static str, &'static str, String)> {
    FEEDS
        .iter()
        .filter_map(|(calc, name, inputs)| {
            let mut pairs = vec![("calc", (*calc).to_owned()), ("v", "2".to_owned())];
            for (input, result, times, dp) in inputs.iter() {
                pairs.push((input, carried(e, result, *times, *dp)?));
            }
            Some((*calc, *name, encode_pairs(&pairs)))
        })
        .collect()
}

/// "Use these figures": the month's figures into the revenue calculators.
fn use_figures(e: &Evaluation, row: &MonthRow) -> String {
    let links: String = feed_queries(e)
        .into_iter()
        .map(|(calc, name, q)| {
            format!(
                r#"<li><a data-testid="use-{calc}" data-open="?{q}" href="?{q}">{name}</a></li>"#
            )
        })
        .collect();
    if links.is_empty() {
        return String::new();
    }
    format!(
        r#"<nav class="use-figures" data-testid="billing-use" aria-label="Use these figures"><p>Use the figures of {} in:</p><ul>{links}</ul></nav>"#,
        month_of(row.month).label()
    )
}

/// A cohort cell's figure for `view`: the share of the cohort's customers or MRR still
/// there (%), or the count or money itself; `None` past the file's last month.
fn cohort_value(ledger: &Ledger, c: &Cohort, k: usize, view: &str) -> Option<Decimal> {
    let customers = Decimal::from(*c.customers.get(k)?);
    let mrr = *c.mrr.get(k)?;
    let hundred = Decimal::ONE_HUNDRED;
    match view {
        "revenue-pct" => mrr
            .checked_mul(hundred)?
            .checked_div(*c.mrr.first()?)
            .or(Some(Decimal::ZERO)),
        "customers-count" => Some(customers),
        "revenue-money" => Some(money_of(ledger, mrr)),
        _ => customers
            .checked_mul(hundred)?
            .checked_div(Decimal::from(*c.customers.first()?))
            .or(Some(Decimal::ZERO)),
    }
}

/// The average row: for shares, what all the cohorts that reached month `k` kept together
/// (their sum over their sum at month 0, so a large cohort weighs more); for counts and money,
/// the mean over those cohorts.
fn cohort_average(ledger: &Ledger, cohorts: &[Cohort], k: usize, view: &str) -> Option<Decimal> {
    let reached: Vec<&Cohort> = cohorts.iter().filter(|c| c.customers.len() > k).collect();
    if reached.is_empty() {
        return None;
    }
    let hundred = Decimal::ONE_HUNDRED;
    let sum_u = |at: usize| -> Decimal {
        reached
            .iter()
            .map(|c| Decimal::from(c.customers.get(at).copied().unwrap_or(0)))
            .sum()
    };
    let sum_m = |at: usize| -> Decimal {
        reached
            .iter()
            .map(|c| c.mrr.get(at).copied().unwrap_or_default())
            .sum()
    };
    let n = Decimal::from(reached.len() as u64);
    match view {
        "revenue-pct" => sum_m(k).checked_mul(hundred)?.checked_div(sum_m(0)),
        "customers-count" => sum_u(k).checked_div(n),
        "revenue-money" => money_of(ledger, sum_m(k)).checked_div(n),
        _ => sum_u(k).checked_mul(hundred)?.checked_div(sum_u(0)),
    }
}

fn cohort_unit(view: &str) -> Unit {
    match view {
        "revenue-money" => Unit::Money,
        "customers-count" => Unit::Count,
        _ => Unit::Percent,
    }
}

/// The cohort grid: a row per month customers started in, a column per month since, and
/// the average row; a cell shaded by the share kept.
fn cohort_grid(ledger: &Ledger, cohorts: &[Cohort], view: &str, display: Display) -> String {
    let width = cohorts.first().map_or(0, |c| c.customers.len());
    if width == 0 {
        return String::new();
    }
    let unit = cohort_unit(view);
    let shown = |v: Decimal| match unit {
        Unit::Percent => format!("{}%", format::grouped(v, 0, true, display.mark)),
        _ => format::card(v, unit, display),
    };
    let heads: String = (0..width)
        .map(|k| format!(r#"<th scope="col">{k}</th>"#))
        .collect();
    let cell = |k: usize, v: Option<Decimal>, share: Option<Decimal>| match v {
        Some(v) => {
            // Shade by the share kept, in tenths: CSS gives each a tone.
            let tone = share
                .map(|s| {
                    (s / Decimal::TEN)
                        .round()
                        .min(Decimal::TEN)
                        .max(Decimal::ZERO)
                })
                .map(format::plain)
                .unwrap_or_default();
            format!(
                r#"<td data-since="{k}" data-value="{}" data-tone="{tone}">{}</td>"#,
                format::plain(v),
                shown(v)
            )
        }
        None => format!(r#"<td data-since="{k}"></td>"#),
    };
    let mut rows = String::new();
    for c in cohorts {
        let cells: String = (0..width)
            .map(|k| {
                cell(
                    k,
                    cohort_value(ledger, c, k, view),
                    cohort_value(ledger, c, k, "customers-pct"),
                )
            })
            .collect();
        rows.push_str(&format!(
            r#"<tr data-cohort="{}"><th scope="row">{} <span class="size">({})</span></th>{cells}</tr>"#,
            month_id(month_of(c.month)),
            month_of(c.month).label(),
            c.customers.first().copied().unwrap_or(0)
        ));
    }
    let average: String = (0..width)
        .map(|k| {
            cell(
                k,
                cohort_average(ledger, cohorts, k, view),
                cohort_average(ledger, cohorts, k, "customers-pct"),
            )
        })
        .collect();
    format!(
        r#"<h3 class="cohort-title">Cohorts: customers by the month they started</h3><div class="cohort-wrap" tabindex="0" role="region" aria-label="Cohort grid"><table class="cohort-grid" data-testid="cohort-grid" data-view="{view}"><thead><tr><th scope="col">Started (customers)</th>{heads}</tr></thead><tbody>{rows}<tr data-cohort="average" class="average"><th scope="row">Average</th>{average}</tr></tbody></table></div><p class="hint">Columns are months since the start. Shares are of the cohort's first month; the average weighs each cohort by its size.</p>"#
    )
}

/// The chart as a file.
pub fn draw_file(chart: &Chart, e: &Evaluation, display: Display) -> Option<String> {
    let Chart::Billing { title } = chart else {
        return None;
    };
    let a = analysis(e)?;
    let ledger = a.ledger.as_ref().ok()?;
    let months = &a.movements.months;
    if months.is_empty() {
        return None;
    }
    let svg = chart_svg(title, ledger, months, display);
    let start = svg.find("<svg")?;
    let end = svg.find("</svg>")? + "</svg>".len();
    svg.get(start..end).map(str::to_owned)
}

/// The CSV's tables: a row per month and movement, and the cohort grid.
pub fn tables(chart: &Chart, e: &Evaluation) -> Vec<Table> {
    if !matches!(chart, Chart::Billing { .. }) {
        return Vec::new();
    }
    let Some(a) = analysis(e) else {
        return Vec::new();
    };
    let Ok(ledger) = &a.ledger else {
        return Vec::new();
    };
    let months = Table {
        title: "MRR movements month by month",
        key: "Month",
        columns: vec![
            ("MRR at start", Unit::Money),
            ("New", Unit::Money),
            ("Expansion", Unit::Money),
            ("Contraction", Unit::Money),
            ("Churned", Unit::Money),
            ("Reactivation", Unit::Money),
            ("MRR at end", Unit::Money),
            ("Customers at start", Unit::Count),
            ("Customers won", Unit::Count),
            ("Customers lost", Unit::Count),
        ],
        rows: a
            .movements
            .months
            .iter()
            .map(|r| {
                let mut cells: Vec<Cell> = month_cells(ledger, r)
                    .iter()
                    .map(|(_, v)| Cell::Number(*v))
                    .collect();
                cells.extend(
                    [
                        r.customers_start,
                        r.customers_new.saturating_add(r.customers_back),
                        r.customers_lost,
                    ]
                    .map(|n| Cell::Number(Decimal::from(n))),
                );
                (month_id(month_of(r.month)), cells)
            })
            .collect(),
    };
    let view = e.mode.of("cohort_view").unwrap_or("customers-pct");
    let cohorts = &a.movements.cohorts;
    let width = cohorts.first().map_or(0, |c| c.customers.len());
    // Column headings "0" … "60": the grid is at most five years wide in a heading.
    const SINCE: [&str; 61] = [
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16",
        "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31",
        "32", "33", "34", "35", "36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46",
        "47", "48", "49", "50", "51", "52", "53", "54", "55", "56", "57", "58", "59", "60",
    ];
    let unit = cohort_unit(view);
    let width = width.min(SINCE.len());
    let grid = Table {
        title: "Cohorts by start month (columns: months since)",
        key: "Started",
        columns: SINCE.iter().take(width).map(|h| (*h, unit)).collect(),
        rows: cohorts
            .iter()
            .map(|c| {
                let cells = (0..width)
                    .map(|k| cohort_value(ledger, c, k, view).map_or(Cell::Empty, Cell::Number))
                    .collect();
                (month_id(month_of(c.month)), cells)
            })
            .chain(std::iter::once((
                "Average".to_owned(),
                (0..width)
                    .map(|k| {
                        cohort_average(ledger, cohorts, k, view).map_or(Cell::Empty, Cell::Number)
                    })
                    .collect(),
            )))
            .collect(),
    };
    vec![months, grid]
}
