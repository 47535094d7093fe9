//! Which column of a subscription export holds what, found by meaning rather than by exact
//! spelling: Stripe's `Customer ID` / `Start Date (UTC)` / `Plan Interval`, Baremetrics'
//! `customer_oid` / `subscription_started_at` / `plan_interval`, a plain sheet's `Customer`,
//! `Start`, `End`, `Monthly amount`. Headers are compared as lower-case words (`(UTC)`,
//! underscores and punctuation dropped), so a renamed or re-cased export still matches.

/// What a column can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// Who pays: MRR movements are per customer.
    Customer,
    /// The subscription's own id (to find a row given twice).
    Subscription,
    /// `active`, `trialing`, `canceled`…
    Status,
    /// When it started.
    Start,
    /// When the cancellation was made.
    Canceled,
    /// When it ended.
    Ended,
    /// When the paid period ends (a cancellation at period end takes effect then).
    PeriodEnd,
    /// When its trial ends (months before count 0).
    TrialEnd,
    /// The price of one unit per interval.
    Amount,
    /// An amount already per month (a plain sheet's "MRR"): no interval applies.
    Monthly,
    /// `month`, `year`, `week`, `day`.
    Interval,
    /// Every how many intervals it bills (3 months).
    IntervalCount,
    /// Seats.
    Quantity,
    /// `usd`, `EUR`.
    Currency,
}

impl Role {
    /// Every role, in the order the form lists them.
    pub const ALL: [Role; 14] = [
        Role::Customer,
        Role::Subscription,
        Role::Status,
        Role::Start,
        Role::Canceled,
        Role::Ended,
        Role::PeriodEnd,
        Role::TrialEnd,
        Role::Amount,
        Role::Monthly,
        Role::Interval,
        Role::IntervalCount,
        Role::Quantity,
        Role::Currency,
    ];

    /// The id of the input that picks this role's column by hand.
    pub const fn input_id(self) -> &'static str {
        match self {
            Role::Customer => "customer_column",
            Role::Subscription => "subscription_column",
            Role::Status => "status_column",
            Role::Start => "start_column",
            Role::Canceled => "canceled_column",
            Role::Ended => "ended_column",
            Role::PeriodEnd => "period_end_column",
            Role::TrialEnd => "trial_end_column",
            Role::Amount => "amount_column",
            Role::Monthly => "monthly_column",
            Role::Interval => "interval_column",
            Role::IntervalCount => "interval_count_column",
            Role::Quantity => "quantity_column",
            Role::Currency => "currency_column",
        }
    }

    /// Header phrases that name this role, best first (whole header, then contained words),
    /// and words that rule a header out (a trial's end is not the subscription's end).
    fn phrases(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            Role::Customer => (
                &[
                    "customer id",
                    "customer oid",
                    "customer",
                    "customer email",
                    "email",
                    "account id",
                    "account",
                    "client",
                ],
                &["name", "description"],
            ),
            Role::Subscription => (
                &["id", "subscription id", "subscription oid", "subscription"],
                &["customer", "plan", "price", "product"],
            ),
            Role::Status => (&["status", "subscription status", "state"], &[]),
            Role::Start => (
                &[
                    "start date",
                    "subscription started at",
                    "started at",
                    "start",
                    "started",
                    "created",
                    "signup date",
                ],
                &["trial", "period"],
            ),
            Role::Canceled => (
                &[
                    "canceled at",
                    "cancelled at",
                    "subscription canceled at",
                    "cancellation date",
                    "canceled",
                    "cancelled",
                ],
                &["period", "trial", "reason", "feedback", "comment"],
            ),
            Role::Ended => (
                &[
                    "ended at",
                    "end date",
                    "ended",
                    "end",
                    "churned at",
                    "churn date",
                ],
                &["trial", "period"],
            ),
            Role::PeriodEnd => (&["current period end"], &["trial"]),
            Role::TrialEnd => (&["trial end", "trial ends at", "trial ended at"], &[]),
            Role::Amount => (
                &[
                    "plan amount",
                    "amount",
                    "price",
                    "unit amount",
                    "plan price",
                ],
                &["discount", "tax", "refund", "total"],
            ),
            Role::Monthly => (
                &["mrr", "monthly amount", "monthly revenue", "monthly"],
                &[],
            ),
            Role::Interval => (
                &[
                    "plan interval",
                    "interval",
                    "billing interval",
                    "billing period",
                ],
                &["count"],
            ),
            Role::IntervalCount => (&["plan interval count", "interval count"], &[]),
            Role::Quantity => (
                &["quantity", "subscription quantity", "seats", "units"],
                &[],
            ),
            Role::Currency => (&["plan currency", "currency"], &[]),
        }
    }
}

/// A header as lower-case words: `Start Date (UTC)` → `start date`, `plan_amount` →
/// `plan amount`.
pub fn words(header: &str) -> String {
    let lower = header.to_lowercase();
    let spaced: String = lower
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    spaced
        .split_whitespace()
        .filter(|w| *w != "utc")
        .collect::<Vec<_>>()
        .join(" ")
}

/// How well `header` (as [`words`]) names `role`: 2 × phrases + 1 for the whole header, 1 ×
/// for the phrase among its words; 0 when it does not or an excluding word is there.
fn score(role: Role, header: &str) -> usize {
    let (phrases, excluded) = role.phrases();
    let padded = format!(" {header} ");
    if excluded.iter().any(|w| padded.contains(&format!(" {w} "))) {
        return 0;
    }
    let n = phrases.len();
    phrases
        .iter()
        .enumerate()
        .map(|(rank, p)| {
            let weight = n - rank;
            if header == *p {
                weight * 2 + 1 + n * 2
            } else if padded.contains(&format!(" {p} ")) {
                weight
            } else {
                0
            }
        })
        .max()
        .unwrap_or(0)
}

/// The column picked for each role (`None`: not in the file).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Picks {
    at: [Option<usize>; Role::ALL.len()],
}

impl Picks {
    /// The column of `role`.
    pub fn get(&self, role: Role) -> Option<usize> {
        let i = Role::ALL.iter().position(|r| *r == role)?;
        self.at.get(i).copied().flatten()
    }

    /// Sets the column of `role`.
    pub fn set(&mut self, role: Role, column: Option<usize>) {
        if let Some(i) = Role::ALL.iter().position(|r| *r == role) {
            if let Some(slot) = self.at.get_mut(i) {
                *slot = column;
            }
        }
    }
}

/// What a by-hand pick says: a column's header, or "none" (that role is not in the file).
pub const NOT_USED: &str = "none";

/// The columns of `header`, each role's best match (a column serves one role: the best
/// scores are placed first), then the user's picks by header name over them (`chosen`:
/// blank for automatic, [`NOT_USED`] for none).
pub fn pick<'a>(header: &[String], chosen: impl Fn(Role) -> Option<&'a str>) -> Picks {
    let names: Vec<String> = header.iter().map(|h| words(h)).collect();
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for (r, role) in Role::ALL.iter().enumerate() {
        for (c, name) in names.iter().enumerate() {
            let s = score(*role, name);
            if s > 0 {
                candidates.push((s, r, c));
            }
        }
    }
    // Best score first; ties: the earlier role, then the leftmost column.
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut picks = Picks::default();
    let mut taken = vec![false; header.len()];
    for (_, r, c) in candidates {
        let free = taken.get(c).is_some_and(|t| !t);
        if free && picks.at.get(r).is_some_and(Option::is_none) {
            if let Some(slot) = picks.at.get_mut(r) {
                *slot = Some(c);
            }
            if let Some(t) = taken.get_mut(c) {
                *t = true;
            }
        }
    }
    for role in Role::ALL {
        match chosen(role).map(str::trim) {
            None | Some("") => {}
            Some(NOT_USED) => picks.set(role, None),
            Some(name) => {
                if let Some(c) = header.iter().position(|h| h.trim() == name) {
                    picks.set(role, Some(c));
                }
            }
        }
    }
    picks
}
