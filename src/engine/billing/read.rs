//! A subscription export's rows as subscriptions: when each starts and ends (to the month),
//! its trial, and its monthly amount. Every rule here is the anchors' (ChartMogul, the dbt
//! MRR playbook, Stripe's own MRR):
//! - MRR normalises every interval to a month: a year ÷ 12, a week × 52 ÷ 12, a day × 365 ÷ 12,
//!   a quarter ÷ 3; divided by the interval count; times the quantity.
//! - Trials, free plans and ended subscriptions count 0.
//! - Amounts in cents are detected (Baremetrics' template, a header saying cents, or whole
//!   numbers that are all multiples of 100 with a typical price of 1,000 or more) or chosen.
//! - One currency per run: with several, the user says which (the others are left out).
//!
//! Monthly amounts are kept exact: as the amount × 12 × L (L the least common multiple of the
//! interval counts), a whole multiple of what was typed for every interval, so sums and
//! differences of MRR never round. [`Ledger::per_month`] is the divisor back to money.

use super::columns::{Picks, Role};
use crate::engine::csv::import::Table;
use crate::engine::dates::{parse_month, Month, SlashOrder};
use crate::engine::fast_hash::QuickMap;
use crate::engine::pace::{self, Pace, Unpaced};
use rust_decimal::Decimal;
use std::borrow::Cow;

/// A month as a count of months since year 0, so months can be stepped and subtracted.
pub type MonthIndex = u32;

/// The largest scaled MRR one subscription may have: 10²⁰. A text the browser can hold has
/// fewer than 7 × 10⁷ rows (a JS string is under 2²⁹ characters, a row at least 8), so no
/// sum of scaled amounts (a month's MRR, a movement, a cohort) passes 7 × 10²⁷, well inside a
/// decimal's 7.9 × 10²⁸: the plain `+` of the movements cannot overflow.
const MAX_SCALED: Decimal = Decimal::from_parts(0x6310_0000, 0x6bc7_5e2d, 0x5, false, 0);

/// The index of `m`.
pub fn index(m: Month) -> MonthIndex {
    u32::from(m.year) * 12 + u32::from(m.month.saturating_sub(1))
}

/// The month of index `i`.
pub fn month_of(i: MonthIndex) -> Month {
    Month {
        year: u16::try_from(i / 12).unwrap_or(u16::MAX),
        month: u8::try_from(i % 12 + 1).unwrap_or(1),
    }
}

/// "2026-03", as `data-month` and the CSV write a month.
pub fn month_id(m: Month) -> String {
    format!("{:04}-{:02}", m.year, m.month)
}

/// When a cancellation counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Cancel {
    /// When its paid period ends (the subscription's end): ChartMogul's and Stripe's default.
    #[default]
    AtPeriodEnd,
    /// When the customer asks.
    WhenMade,
}

/// How amounts are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Amounts {
    /// Detected (see the module's rules).
    #[default]
    Detect,
    /// In cents (÷ 100).
    Cents,
    /// In currency units.
    Units,
}

/// The choices a run is read with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// When a cancellation counts.
    pub cancel: Cancel,
    /// How amounts are written.
    pub amounts: Amounts,
    /// The currency to read (upper case); `None`: the file's only one.
    pub currency: Option<String>,
}

/// One subscription, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subscription {
    /// Its customer (index into [`Ledger::customers`]).
    pub customer: u32,
    /// The first month it counts in.
    pub start: MonthIndex,
    /// The first month it no longer counts in (`None`: still running).
    pub end: Option<MonthIndex>,
    /// The first month after its trial (`None`: no trial).
    pub paid_from: Option<MonthIndex>,
    /// Its MRR × [`Ledger::per_month`] (0: a free plan, a trial without an end).
    pub scaled_mrr: Decimal,
    /// Its row as a spreadsheet numbers it (header = 1).
    pub row: usize,
}

/// Why a row was left out. Each names its row (the header is row 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A date cell that is not a date, or not in the form of the column's other dates.
    BadDate {
        /// The row.
        row: usize,
        /// The column's header.
        column: String,
        /// The cell.
        text: String,
    },
    /// No start date.
    NoStart {
        /// The row.
        row: usize,
    },
    /// An amount that is not a number.
    BadAmount {
        /// The row.
        row: usize,
        /// The cell.
        text: String,
    },
    /// A negative amount: a credit, not a subscription.
    Credit {
        /// The row.
        row: usize,
        /// The cell.
        text: String,
    },
    /// An amount so large (times its quantity) that sums of it could not be kept exact.
    TooLarge {
        /// The row.
        row: usize,
        /// The cell.
        text: String,
    },
    /// An interval other than day, week, month, quarter, year.
    BadInterval {
        /// The row.
        row: usize,
        /// The cell.
        text: String,
    },
    /// The same subscription twice.
    Repeated {
        /// The row left out.
        row: usize,
        /// The row kept.
        first: usize,
        /// The subscription's id.
        id: String,
    },
    /// An end before the start.
    EndsBeforeStart {
        /// The row.
        row: usize,
    },
}

impl Problem {
    /// The sentence shown.
    pub fn message(&self) -> String {
        use crate::engine::error::shorten;
        match self {
            Problem::BadDate { row, column, text } => format!(
                "Row {row}: “{}” in {column} is not a date, or not in the form of the \
                 column's other dates.",
                shorten(text)
            ),
            Problem::NoStart { row } => format!("Row {row}: no start date."),
            Problem::BadAmount { row, text } => {
                format!("Row {row}: the amount “{}” is not a number.", shorten(text))
            }
            Problem::Credit { row, text } => format!(
                "Row {row}: a negative amount ({}) is a credit, not a subscription.",
                shorten(text)
            ),
            Problem::TooLarge { row, text } => format!(
                "Row {row}: the amount “{}” (times its quantity) is too large to add up \
                 exactly.",
                shorten(text)
            ),
            Problem::BadInterval { row, text } => format!(
                "Row {row}: “{}” is not an interval (day, week, month, quarter or year).",
                shorten(text)
            ),
            Problem::Repeated { row, first, id } => format!(
                "Row {row} repeats subscription {} of row {first}.",
                shorten(id)
            ),
            Problem::EndsBeforeStart { row } => {
                format!("Row {row}: it ends before it starts.")
            }
        }
    }
}

/// Why a file can't be read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fatal {
    /// No column of start dates.
    NoStart,
    /// No column of amounts.
    NoAmount,
    /// Several currencies and none chosen: each with its number of rows.
    SeveralCurrencies(Vec<(String, usize)>),
    /// The chosen currency is not in the file.
    NoSuchCurrency(String),
    /// Interval counts so varied that a common multiple is too large to keep exact.
    IntervalCounts,
}

impl Fatal {
    /// The sentence shown.
    pub fn message(&self) -> String {
        match self {
            Fatal::NoStart => "No column of start dates was found: pick it under Columns.".into(),
            Fatal::NoAmount => {
                "No column of amounts (plan amount, price or MRR) was found: pick it under \
                 Columns."
                    .into()
            }
            Fatal::SeveralCurrencies(found) => {
                let listed: Vec<String> = found
                    .iter()
                    .map(|(c, n)| format!("{c} ({n} row{})", if *n == 1 { "" } else { "s" }))
                    .collect();
                format!(
                    "The file has several currencies: {}. MRR adds one currency: type the one \
                     to read in Currency.",
                    listed.join(", ")
                )
            }
            Fatal::NoSuchCurrency(c) => format!("No subscription in the file is in {c}."),
            Fatal::IntervalCounts => {
                "The interval counts are too varied to keep the amounts exact.".into()
            }
        }
    }
}

/// A file's subscriptions in one currency.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ledger {
    /// The subscriptions read.
    pub subscriptions: Vec<Subscription>,
    /// The customers' ids, in order of appearance.
    pub customers: Vec<String>,
    /// The divisor from a scaled MRR to money per month (12 × L, × 100 for cents).
    pub per_month: Decimal,
    /// The currency read, if the file names one.
    pub currency: Option<String>,
    /// Whether amounts were read as cents, and why.
    pub cents: (bool, &'static str),
    /// The last month the file speaks of (its latest start, cancellation or end).
    pub last: Option<MonthIndex>,
    /// Rows left out, first few.
    pub problems: Vec<Problem>,
    /// How many rows were left out in all.
    pub problem_total: usize,
    /// Rows in another currency, left out.
    pub other_currency: usize,
    /// Data rows in the file.
    pub rows: usize,
}

/// How many problems a ledger keeps to show.
pub const SHOWN_PROBLEMS: usize = 8;

/// How an interval turns into months: (periods per year, so MRR × 12 = amount × this).
fn per_year(interval: &str) -> Option<u32> {
    // The two words nearly every row holds, told without a lower-cased copy per row.
    let t = interval.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("month") {
        return Some(12);
    }
    if t.eq_ignore_ascii_case("year") {
        return Some(1);
    }
    let w = t.to_ascii_lowercase();
    let w = w.trim_end_matches("ly").trim_end_matches('s');
    Some(match w {
        "" | "month" | "mo" | "m" => 12,
        "year" | "annual" | "yr" | "y" => 1,
        "week" | "wk" | "w" => 52,
        "day" | "dai" | "d" => 365,
        "quarter" | "q" => 4,
        _ => return None,
    })
}

/// An amount cell: digits with an optional sign, dot decimals, thousands commas, a currency
/// sign or code around it.
fn amount(cell: &str) -> Option<Decimal> {
    // Plain digits and dots (nearly every export's cells) read at once: what the general
    // reading below gives them, without its copies of the cell (a test holds the two equal).
    let plain = cell.trim();
    if !plain.is_empty() && plain.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return if plain.bytes().any(|b| b.is_ascii_digit()) {
            plain.parse::<Decimal>().ok()
        } else {
            None
        };
    }
    amount_in_words(cell)
}

/// [`amount`] for any cell: signs, separators, a currency around the digits.
fn amount_in_words(cell: &str) -> Option<Decimal> {
    // A decimal comma (`49,90`, no dot, one or two digits after it) becomes a dot; other
    // commas group thousands.
    let decimal_comma = !cell.contains('.')
        && cell
            .rsplit_once(',')
            .is_some_and(|(_, after)| (1..=2).contains(&after.trim().len()));
    let cell = if decimal_comma {
        cell.replace(',', ".")
    } else {
        cell.to_owned()
    };
    let t: String = cell
        .trim()
        .chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, '.' | '-'))
        .collect();
    if cell.trim().is_empty() {
        return Some(Decimal::ZERO);
    }
    let has_digit = cell.chars().any(|c| c.is_ascii_digit());
    let letters = cell.chars().filter(|c| c.is_alphabetic()).count();
    if !has_digit || letters > 3 {
        return None;
    }
    t.parse::<Decimal>().ok()
}

/// A date cell's month: the forms of `engine::dates`, or a Unix time in seconds or
/// milliseconds (Baremetrics writes those).
fn date(cell: &str, order: SlashOrder) -> Option<Month> {
    let t = cell.trim();
    if !t.is_empty() && t.len() >= 9 && t.chars().all(|c| c.is_ascii_digit()) {
        let n: u64 = t.parse().ok()?;
        let seconds = if t.len() >= 12 { n / 1000 } else { n };
        return Some(civil_month(seconds / 86_400));
    }
    parse_month(t, order)
}

/// The month of day `days` since 1970-01-01 (Howard Hinnant's civil-from-days).
fn civil_month(days: u64) -> Month {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    Month {
        year: u16::try_from(year).unwrap_or(u16::MAX),
        month: u8::try_from(month).unwrap_or(1),
    }
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// Whether amounts look like cents: whole numbers only, every non-zero one a multiple of
/// 100 (4900, 19900), and a typical one of 1,000 or more.
fn looks_like_cents(cells: &[&str]) -> bool {
    let amounts: Vec<Decimal> = cells
        .iter()
        .filter(|c| !c.trim().is_empty())
        .filter_map(|c| amount(c))
        .filter(|a| !a.is_zero())
        .collect();
    if amounts.is_empty() || cells.iter().any(|c| c.contains('.')) {
        return false;
    }
    let hundred = Decimal::ONE_HUNDRED;
    let all_round = amounts.iter().all(|a| (a % hundred).is_zero());
    let mut sorted = amounts.clone();
    sorted.sort();
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or_default();
    all_round && median >= Decimal::ONE_THOUSAND
}

/// Whether a status means the subscription never paid or is only trying the product.
fn unpaid_status(status: &str) -> (bool, bool) {
    // Compared without case, byte by byte: no lower-cased copy per row.
    let s = status.trim();
    let trial = s
        .as_bytes()
        .windows(5)
        .any(|w| w.eq_ignore_ascii_case(b"trial"));
    let never = ["incomplete", "incomplete_expired", "incomplete expired"]
        .iter()
        .any(|n| s.eq_ignore_ascii_case(n));
    (trial, never)
}

/// Reads `table`'s subscriptions with the columns `picks` names.
pub fn read(table: &Table, picks: &Picks, options: &Options) -> Result<Ledger, Fatal> {
    pace::now(read_paced(table, picks, options, &mut Unpaced))
}

/// [`read`], a slice at a time at `pace` (100,000 rows are more than one task of the page).
pub async fn read_paced(
    table: &Table,
    picks: &Picks,
    options: &Options,
    pace: &mut dyn Pace,
) -> Result<Ledger, Fatal> {
    picks.get(Role::Start).ok_or(Fatal::NoStart)?;
    let monthly_col = picks.get(Role::Monthly);
    let amount_col = monthly_col
        .or(picks.get(Role::Amount))
        .ok_or(Fatal::NoAmount)?;
    let cell = |row: usize, role: Role| -> &str {
        picks
            .get(role)
            .and_then(|c| table.cell(row, c))
            .unwrap_or_default()
    };
    let header_of = |c: usize| table.header.get(c).cloned().unwrap_or_default();
    let order_of = |role: Role| {
        picks.get(role).map_or(SlashOrder::MonthFirst, |c| {
            SlashOrder::of_column(table.column(c).flatten())
        })
    };
    let orders: Vec<(Role, SlashOrder)> = [
        Role::Start,
        Role::Canceled,
        Role::Ended,
        Role::PeriodEnd,
        Role::TrialEnd,
    ]
    .into_iter()
    .map(|r| (r, order_of(r)))
    .collect();
    let order = |role: Role| {
        orders
            .iter()
            .find(|(r, _)| *r == role)
            .map_or(SlashOrder::MonthFirst, |(_, o)| *o)
    };

    // One currency per run.
    // Compared without case, and without a string made per row.
    let currency_of = |row: usize| cell(row, Role::Currency).trim();
    let mut currencies: Vec<(String, usize)> = Vec::new();
    if picks.get(Role::Currency).is_some() {
        for row in 0..table.len() {
            if pace::every(row) {
                pace::tick(pace).await;
            }
            let c = currency_of(row);
            if c.is_empty() {
                continue;
            }
            match currencies
                .iter_mut()
                .find(|(k, _)| k.eq_ignore_ascii_case(c))
            {
                Some((_, n)) => *n += 1,
                None => currencies.push((c.to_ascii_uppercase(), 1)),
            }
        }
    }
    let currency = match (&options.currency, currencies.len()) {
        (Some(c), _) => {
            let c = c.trim().to_ascii_uppercase();
            if !currencies.is_empty() && !currencies.iter().any(|(k, _)| *k == c) {
                return Err(Fatal::NoSuchCurrency(c));
            }
            Some(c)
        }
        (None, 0) => None,
        (None, 1) => currencies.first().map(|(c, _)| c.clone()),
        (None, _) => {
            currencies.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            return Err(Fatal::SeveralCurrencies(currencies));
        }
    };

    // Cents: chosen, or detected.
    let amount_header = crate::engine::billing::columns::words(&header_of(amount_col));
    let baremetrics = table
        .header
        .iter()
        .any(|h| h.trim() == "customer_oid" || h.trim() == "subscription_started_at");
    let cents = match options.amounts {
        Amounts::Cents => (true, "chosen"),
        Amounts::Units => (false, "chosen"),
        Amounts::Detect if amount_header.contains("cents") => (true, "the header says cents"),
        Amounts::Detect if baremetrics && amount_header == "plan amount" => {
            (true, "Baremetrics' template writes cents")
        }
        Amounts::Detect => {
            let sample: Vec<&str> = table.column(amount_col).take(5_000).flatten().collect();
            if looks_like_cents(&sample) {
                (true, "every amount is a whole multiple of 100")
            } else {
                (false, "amounts have decimals or small values")
            }
        }
    };

    // The common multiple of the interval counts, so every monthly amount is whole in it.
    let count_of = |row: usize| -> u64 {
        let t = cell(row, Role::IntervalCount).trim();
        t.parse::<u64>().ok().filter(|n| *n > 0).unwrap_or(1)
    };
    let mut lcm: u64 = 1;
    if monthly_col.is_none() && picks.get(Role::IntervalCount).is_some() {
        for row in 0..table.len() {
            if pace::every(row) {
                pace::tick(pace).await;
            }
            let n = count_of(row);
            let g = gcd(lcm, n);
            lcm = (lcm / g).checked_mul(n).ok_or(Fatal::IntervalCounts)?;
            if lcm > 1_000_000 {
                return Err(Fatal::IntervalCounts);
            }
        }
    }
    let scale = Decimal::from(12_u64.saturating_mul(lcm));
    let per_month = if cents.0 {
        scale * Decimal::ONE_HUNDRED
    } else {
        scale
    };

    let mut ledger = Ledger {
        per_month,
        currency,
        cents,
        rows: table.len(),
        ..Ledger::default()
    };
    // Keyed by the table's own text: a string is made per customer, not per row.
    let mut customer_ids: QuickMap<Cow<'_, str>, u32> = QuickMap::default();
    let mut seen: QuickMap<Cow<'_, str>, u32> = QuickMap::default();
    let mut last: Option<MonthIndex> = None;
    let problem = |ledger: &mut Ledger, p: Problem| {
        ledger.problem_total += 1;
        if ledger.problems.len() < SHOWN_PROBLEMS {
            ledger.problems.push(p);
        }
    };
    for row in 0..table.len() {
        if pace::every(row) {
            pace::tick(pace).await;
        }
        let number = row + 2;
        if let Some(c) = &ledger.currency {
            let own = currency_of(row);
            if !own.is_empty() && !own.eq_ignore_ascii_case(c) {
                ledger.other_currency += 1;
                continue;
            }
        }
        let read_date = |role: Role| -> Result<Option<MonthIndex>, Problem> {
            let text = cell(row, role);
            if text.trim().is_empty() {
                return Ok(None);
            }
            match date(text, order(role)) {
                Some(m) => Ok(Some(index(m))),
                None => Err(Problem::BadDate {
                    row: number,
                    column: picks.get(role).map(header_of).unwrap_or_default(),
                    text: text.to_owned(),
                }),
            }
        };
        let dates = (|| {
            Ok::<_, Problem>((
                read_date(Role::Start)?,
                read_date(Role::Canceled)?,
                read_date(Role::Ended)?,
                read_date(Role::PeriodEnd)?,
                read_date(Role::TrialEnd)?,
            ))
        })();
        let (start, canceled, ended, period_end, trial_end) = match dates {
            Ok(d) => d,
            Err(p) => {
                problem(&mut ledger, p);
                continue;
            }
        };
        let Some(start) = start else {
            // A row with nothing in it at all is a blank line, not a problem.
            if table.row(row).any(|c| !c.trim().is_empty()) {
                problem(&mut ledger, Problem::NoStart { row: number });
            }
            continue;
        };
        let amount_text = table.cell(row, amount_col).unwrap_or_default();
        let Some(price) = amount(amount_text) else {
            problem(
                &mut ledger,
                Problem::BadAmount {
                    row: number,
                    text: amount_text.to_owned(),
                },
            );
            continue;
        };
        if price.is_sign_negative() && !price.is_zero() {
            problem(
                &mut ledger,
                Problem::Credit {
                    row: number,
                    text: amount_text.to_owned(),
                },
            );
            continue;
        }
        let yearly = if monthly_col.is_some() {
            Some(12)
        } else {
            per_year(cell(row, Role::Interval))
        };
        let Some(yearly) = yearly else {
            problem(
                &mut ledger,
                Problem::BadInterval {
                    row: number,
                    text: cell(row, Role::Interval).to_owned(),
                },
            );
            continue;
        };
        // When it stops counting: at the period's end (its end date; for a cancellation
        // not yet ended, the period it paid for) or when the cancellation was made.
        let end = match options.cancel {
            Cancel::AtPeriodEnd => ended.or(canceled.and(period_end)).or(canceled),
            Cancel::WhenMade => canceled.or(ended),
        };
        if end.is_some_and(|e| e < start) {
            problem(&mut ledger, Problem::EndsBeforeStart { row: number });
            continue;
        }
        let id = cell(row, Role::Subscription).trim();
        let key: Cow<'_, str> = if id.is_empty() {
            // No id column: a row given twice word for word is the same subscription.
            Cow::Owned(table.row(row).collect::<Vec<_>>().join("\u{1f}"))
        } else {
            Cow::Borrowed(id)
        };
        if let Some(first) = seen.get(&key) {
            problem(
                &mut ledger,
                Problem::Repeated {
                    row: number,
                    first: *first as usize,
                    id: if id.is_empty() {
                        format!("(same cells as row {first})")
                    } else {
                        id.to_owned()
                    },
                },
            );
            continue;
        }
        seen.insert(key, u32::try_from(number).unwrap_or(u32::MAX));
        let quantity = {
            let t = cell(row, Role::Quantity).trim();
            if t.is_empty() {
                Decimal::ONE
            } else {
                amount(t)
                    .filter(|q| !q.is_sign_negative())
                    .unwrap_or(Decimal::ONE)
            }
        };
        let (trialing, never) = unpaid_status(cell(row, Role::Status));
        // MRR × 12 × L = amount × (periods per year) × (L ÷ interval count) × quantity: whole
        // multiples, exact.
        let count = if monthly_col.is_some() {
            1
        } else {
            count_of(row)
        };
        let factor = Decimal::from(u64::from(yearly).saturating_mul(lcm / count.max(1)));
        let Some(scaled) = price
            .checked_mul(factor)
            .and_then(|v| v.checked_mul(quantity))
            .filter(|v| *v <= MAX_SCALED)
        else {
            problem(
                &mut ledger,
                Problem::TooLarge {
                    row: number,
                    text: amount_text.to_owned(),
                },
            );
            continue;
        };
        let scaled = if never || (trialing && trial_end.is_none()) {
            Decimal::ZERO
        } else {
            scaled
        };
        let customer_text = cell(row, Role::Customer).trim();
        let customer_key: Cow<'_, str> = if customer_text.is_empty() {
            // No customer: the subscription stands for its own customer.
            Cow::Owned(format!("row {number}"))
        } else {
            Cow::Borrowed(customer_text)
        };
        let customer = match customer_ids.get(&customer_key) {
            Some(c) => *c,
            None => {
                let next = u32::try_from(ledger.customers.len()).unwrap_or(u32::MAX);
                ledger.customers.push(customer_key.clone().into_owned());
                customer_ids.insert(customer_key, next);
                next
            }
        };
        for m in [Some(start), canceled, ended].into_iter().flatten() {
            last = Some(last.map_or(m, |l| l.max(m)));
        }
        ledger.subscriptions.push(Subscription {
            customer,
            start,
            end,
            paid_from: trial_end.filter(|t| *t > start),
            scaled_mrr: scaled,
            row: number,
        });
    }
    ledger.last = last;
    Ok(ledger)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_and_unix_times() {
        assert_eq!(per_year("month"), Some(12));
        assert_eq!(per_year("Yearly"), Some(1));
        assert_eq!(per_year("weeks"), Some(52));
        assert_eq!(per_year("daily"), Some(365));
        assert_eq!(per_year("fortnight"), None);
        // 2024-02-29T12:00:00Z
        assert_eq!(
            date("1709208000", SlashOrder::MonthFirst),
            Some(Month {
                year: 2024,
                month: 2
            })
        );
        assert_eq!(
            civil_month(0),
            Month {
                year: 1970,
                month: 1
            }
        );
    }

    #[test]
    fn plain_amounts_read_as_the_general_reading_reads_them() {
        for cell in [
            "49",
            "49.90",
            " 19.00 ",
            "0",
            "007",
            ".5",
            "5.",
            ".",
            "..",
            "1.2.3",
            "990.00",
            "79228162514264337593543950335",
            "79228162514264337593543950336",
        ] {
            assert_eq!(amount(cell), amount_in_words(cell), "{cell:?}");
        }
        assert_eq!(amount("$1,200.50"), Some(Decimal::new(120_050, 2)));
        assert_eq!(amount("49,90"), Some(Decimal::new(4990, 2)));
    }

    #[test]
    fn statuses_are_read_without_case() {
        assert_eq!(unpaid_status(" Trialing "), (true, false));
        assert_eq!(unpaid_status("in_trial"), (true, false));
        assert_eq!(unpaid_status("INCOMPLETE_EXPIRED"), (false, true));
        assert_eq!(unpaid_status("active"), (false, false));
        assert_eq!(unpaid_status("trïal"), (false, false));
        assert_eq!(per_year(" MONTH "), Some(12));
        assert_eq!(per_year(""), Some(12));
        assert_eq!(per_year("Year"), Some(1));
    }

    #[test]
    fn cents_look_like_round_whole_numbers() {
        assert!(looks_like_cents(&["4900", "19900", "0", "9900"]));
        assert!(!looks_like_cents(&["49.00", "199.00"]));
        assert!(!looks_like_cents(&["49", "199", "99"]));
        assert!(!looks_like_cents(&["100", "200", "300"]));
    }
}
