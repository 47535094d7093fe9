//! Month-by-month MRR movements and cohorts from a [`Ledger`], per customer, as ChartMogul and
//! the dbt MRR playbook classify them. A customer's MRR in a month is what their subscriptions
//! count at the month's end (a subscription counts from its start month until the month it
//! ends, that month excluded; nothing while in trial). Against the month before, each
//! customer's change is exactly one of:
//! - **new**: MRR for the first time;
//! - **reactivation**: MRR again after a month at 0 (a customer who returns after churning);
//! - **expansion** / **contraction**: more / less MRR than the month before, both above 0;
//! - **churn**: 0 after MRR the month before (the whole of it is churned).
//!
//! So, for every month, start + new + reactivation + expansion − contraction − churned = end,
//! exactly (amounts are kept scaled to whole multiples: see `read`).

use super::read::{Ledger, MonthIndex};
use rust_decimal::Decimal;
use std::ops::{AddAssign, Sub};

/// One month's movements, in scaled MRR (÷ [`Ledger::per_month`] for money).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MonthRow {
    /// The month.
    pub month: MonthIndex,
    /// MRR at its start (the month before's end).
    pub mrr_start: Decimal,
    /// From customers paying for the first time.
    pub new: Decimal,
    /// From customers paying more.
    pub expansion: Decimal,
    /// From customers paying less (a positive amount).
    pub contraction: Decimal,
    /// From customers who stopped paying (a positive amount).
    pub churned: Decimal,
    /// From customers who came back.
    pub reactivation: Decimal,
    /// MRR at its end.
    pub mrr_end: Decimal,
    /// Customers paying at its start.
    pub customers_start: u64,
    /// New customers.
    pub customers_new: u64,
    /// Customers who came back.
    pub customers_back: u64,
    /// Customers who stopped paying.
    pub customers_lost: u64,
    /// Customers paying at its end.
    pub customers_end: u64,
}

/// The customers who started paying in one month, followed month by month.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cohort {
    /// The month they first paid.
    pub month: MonthIndex,
    /// Of them, how many pay `k` months later (`[0]` is the cohort's size).
    pub customers: Vec<u64>,
    /// Their MRR `k` months later, scaled.
    pub mrr: Vec<Decimal>,
}

/// What a ledger adds up to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Movements {
    /// Every month from the first start to the file's last month.
    pub months: Vec<MonthRow>,
    /// One per month with new customers, oldest first.
    pub cohorts: Vec<Cohort>,
}

/// What the months' sums are kept in: whole scaled amounts as `i128` (a few times quicker
/// than decimals over a large export's customers × months), or decimals when an amount's
/// digits don't fit.
trait Amount: Copy + Default + PartialOrd + AddAssign + Sub<Output = Self> {}
impl Amount for i128 {}
impl Amount for Decimal {}

/// A month's sums, in the amount the tally keeps.
#[derive(Clone, Copy, Debug, Default)]
struct Sums<T> {
    mrr_start: T,
    new: T,
    expansion: T,
    contraction: T,
    churned: T,
    reactivation: T,
    mrr_end: T,
}

/// The months of `ledger`, up to its last month.
pub fn movements(ledger: &Ledger) -> Movements {
    let (Some(first), Some(last)) = (
        ledger.subscriptions.iter().map(|s| s.start).min(),
        ledger.last,
    ) else {
        return Movements::default();
    };
    // Every amount at one scale, as a whole number of its smallest unit.
    let scale = ledger
        .subscriptions
        .iter()
        .map(|s| s.scaled_mrr.scale())
        .max()
        .unwrap_or(0);
    let whole: Option<Vec<i128>> = ledger
        .subscriptions
        .iter()
        .map(|s| {
            // Raised to the common scale (more decimals, so exact unless the digits run out).
            let mut v = s.scaled_mrr;
            v.rescale(scale);
            (v.scale() == scale && v == s.scaled_mrr).then(|| v.mantissa())
        })
        .collect();
    let quick = whole.and_then(|amounts| {
        tally(ledger, &amounts, first, last, |v| {
            Decimal::try_from_i128_with_scale(v, scale).ok()
        })
    });
    quick
        .or_else(|| {
            let amounts: Vec<Decimal> = ledger.subscriptions.iter().map(|s| s.scaled_mrr).collect();
            tally(ledger, &amounts, first, last, Some)
        })
        .unwrap_or_default()
}

/// The months and cohorts with `amounts[i]` the MRR of subscription `i`; `None` if a sum
/// can't be written as a decimal.
fn tally<T: Amount>(
    ledger: &Ledger,
    amounts: &[T],
    first: MonthIndex,
    last: MonthIndex,
    to_decimal: impl Fn(T) -> Option<Decimal>,
) -> Option<Movements> {
    let zero = T::default();
    let span = usize::try_from(last.saturating_sub(first) + 1).unwrap_or(0);
    let mut months: Vec<MonthRow> = (0..span)
        .map(|k| MonthRow {
            month: first + u32::try_from(k).unwrap_or(0),
            ..MonthRow::default()
        })
        .collect();
    let mut sums: Vec<Sums<T>> = vec![Sums::default(); span];
    // Per cohort: its customers and MRR `k` months after its start.
    let mut cohorts: Vec<Option<(Vec<u64>, Vec<T>)>> = vec![None; span];

    // The subscriptions of each customer, together.
    let mut order: Vec<usize> = (0..ledger.subscriptions.len()).collect();
    // By customer, and each customer's earliest first (the months before it are skipped).
    order.sort_by_key(|&i| {
        ledger
            .subscriptions
            .get(i)
            .map_or((0, 0), |s| (s.customer, s.start))
    });
    let mut mrr = vec![zero; span];
    let mut at = 0;
    while at < order.len() {
        let customer = order
            .get(at)
            .and_then(|&i| ledger.subscriptions.get(i))
            .map_or(0, |s| s.customer);
        // Months before the customer's first subscription are all 0 for them: skipped.
        let from_month = order
            .get(at)
            .and_then(|&i| ledger.subscriptions.get(i))
            .map_or(first, |s| s.start);
        let skip = usize::try_from(from_month.saturating_sub(first)).unwrap_or(0);
        mrr.iter_mut().skip(skip).for_each(|v| *v = zero);
        while let Some((s, amount)) = order
            .get(at)
            .and_then(|&i| Some((ledger.subscriptions.get(i)?, *amounts.get(i)?)))
            .filter(|(s, _)| s.customer == customer)
        {
            let from = s.paid_from.unwrap_or(s.start).max(s.start);
            let to = s.end.unwrap_or(last + 1).min(last + 1);
            let k = |m: MonthIndex| usize::try_from(m.saturating_sub(first)).unwrap_or(usize::MAX);
            if let Some(months) = mrr.get_mut(k(from)..k(to).max(k(from))) {
                months.iter_mut().for_each(|v| *v += amount);
            }
            at += 1;
        }
        let mut before = zero;
        let mut cohort: Option<usize> = None;
        for (k, ((row, sum), now)) in months
            .iter_mut()
            .zip(sums.iter_mut())
            .zip(mrr.iter().copied())
            .enumerate()
            .skip(skip)
        {
            let was = before > zero;
            let is = now > zero;
            if was {
                row.customers_start += 1;
                sum.mrr_start += before;
            }
            match (was, is) {
                (false, true) if cohort.is_none() => {
                    sum.new += now;
                    row.customers_new += 1;
                    cohort = Some(k);
                }
                (false, true) => {
                    sum.reactivation += now;
                    row.customers_back += 1;
                }
                (true, false) => {
                    sum.churned += before;
                    row.customers_lost += 1;
                }
                (true, true) if now > before => sum.expansion += now - before,
                (true, true) if now < before => sum.contraction += before - now,
                _ => {}
            }
            if is {
                row.customers_end += 1;
                sum.mrr_end += now;
            }
            if let (Some(c), true) = (cohort, is) {
                if let Some(slot) = cohorts.get_mut(c) {
                    let size = span - c;
                    let (customers, mrr) =
                        slot.get_or_insert_with(|| (vec![0; size], vec![zero; size]));
                    if let Some(n) = customers.get_mut(k - c) {
                        *n += 1;
                    }
                    if let Some(v) = mrr.get_mut(k - c) {
                        *v += now;
                    }
                }
            }
            before = now;
        }
    }
    for (row, sum) in months.iter_mut().zip(sums) {
        row.mrr_start = to_decimal(sum.mrr_start)?;
        row.new = to_decimal(sum.new)?;
        row.expansion = to_decimal(sum.expansion)?;
        row.contraction = to_decimal(sum.contraction)?;
        row.churned = to_decimal(sum.churned)?;
        row.reactivation = to_decimal(sum.reactivation)?;
        row.mrr_end = to_decimal(sum.mrr_end)?;
    }
    let mut out = Vec::new();
    for (c, slot) in cohorts.into_iter().enumerate() {
        if let Some((customers, mrr)) = slot {
            out.push(Cohort {
                month: first + u32::try_from(c).unwrap_or(0),
                customers,
                mrr: mrr.into_iter().map(&to_decimal).collect::<Option<_>>()?,
            });
        }
    }
    Some(Movements {
        months,
        cohorts: out,
    })
}
