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

/// The months of `ledger`, up to its last month.
pub fn movements(ledger: &Ledger) -> Movements {
    let (Some(first), Some(last)) = (
        ledger.subscriptions.iter().map(|s| s.start).min(),
        ledger.last,
    ) else {
        return Movements::default();
    };
    let span = usize::try_from(last.saturating_sub(first) + 1).unwrap_or(0);
    let mut months: Vec<MonthRow> = (0..span)
        .map(|k| MonthRow {
            month: first + u32::try_from(k).unwrap_or(0),
            ..MonthRow::default()
        })
        .collect();
    let mut cohorts: Vec<Option<Cohort>> = vec![None; span];

    // The subscriptions of each customer, together.
    let mut order: Vec<usize> = (0..ledger.subscriptions.len()).collect();
    // By customer, and each customer's earliest first (the months before it are skipped).
    order.sort_by_key(|&i| {
        ledger
            .subscriptions
            .get(i)
            .map_or((0, 0), |s| (s.customer, s.start))
    });
    let mut mrr = vec![Decimal::ZERO; span];
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
        mrr.iter_mut().skip(skip).for_each(|v| *v = Decimal::ZERO);
        while let Some(s) = order
            .get(at)
            .and_then(|&i| ledger.subscriptions.get(i))
            .filter(|s| s.customer == customer)
        {
            let from = s.paid_from.unwrap_or(s.start).max(s.start);
            let to = s.end.unwrap_or(last + 1).min(last + 1);
            for m in from..to {
                let k = usize::try_from(m.saturating_sub(first)).unwrap_or(usize::MAX);
                if let Some(v) = mrr.get_mut(k) {
                    *v += s.scaled_mrr;
                }
            }
            at += 1;
        }
        let mut before = Decimal::ZERO;
        let mut cohort: Option<usize> = None;
        for (k, (row, now)) in months
            .iter_mut()
            .zip(mrr.iter().copied())
            .enumerate()
            .skip(skip)
        {
            let was = before > Decimal::ZERO;
            let is = now > Decimal::ZERO;
            if was {
                row.customers_start += 1;
                row.mrr_start += before;
            }
            match (was, is) {
                (false, true) if cohort.is_none() => {
                    row.new += now;
                    row.customers_new += 1;
                    cohort = Some(k);
                }
                (false, true) => {
                    row.reactivation += now;
                    row.customers_back += 1;
                }
                (true, false) => {
                    row.churned += before;
                    row.customers_lost += 1;
                }
                (true, true) if now > before => row.expansion += now - before,
                (true, true) if now < before => row.contraction += before - now,
                _ => {}
            }
            if is {
                row.customers_end += 1;
                row.mrr_end += now;
            }
            if let (Some(c), true) = (cohort, is) {
                let month = first + u32::try_from(c).unwrap_or(0);
                let size = span - c;
                if let Some(slot) = cohorts.get_mut(c) {
                    let entry = slot.get_or_insert_with(|| Cohort {
                        month,
                        customers: vec![0; size],
                        mrr: vec![Decimal::ZERO; size],
                    });
                    if let Some(n) = entry.customers.get_mut(k - c) {
                        *n += 1;
                    }
                    if let Some(v) = entry.mrr.get_mut(k - c) {
                        *v += now;
                    }
                }
            }
            before = now;
        }
    }
    Movements {
        months,
        cohorts: cohorts.into_iter().flatten().collect(),
    }
}
