//! Team performance: what the customer-success team does and how fast it delivers.
//! Each definition names its sources (see `docs/metrics.md`).

use super::builders::{choice, count, number, result};
use super::{list_len, list_sum};
use crate::engine::error::{Reason, Undefined};
use crate::engine::formula::Inputs;
use crate::engine::formula::{Ex, Outcome};
use crate::engine::late::Module;
use crate::engine::list::ParsedList;
use crate::engine::spec::{
    Bound, Calculator, Category, Choice, InputSpec, Kind, Need, Relation, Unit,
};
use rust_decimal::Decimal;

/// Why the referral rate is undefined: no new customers to be referred.
pub const NO_NEW_CUSTOMERS: Undefined = Undefined::Because(&Reason {
    id: "no-new-customers",
    message: "No new customers were won, so none of them could have come by referral.",
});

/// Why the repeat request rate is undefined: no clients.
pub const NO_CLIENTS: Undefined = Undefined::Because(&Reason {
    id: "no-clients",
    message: "The number of clients is 0, so there is no share of them to work out.",
});

/// Why a result is undefined: "The period is 0 days."
pub const NO_PERIOD: Undefined = Undefined::Because(&Reason {
    id: "no-period",
    message: "The period is 0 days.",
});

/// Why a result is undefined: "Paste the individual values to see this."
pub const NEEDS_LIST: Undefined = Undefined::Because(&Reason {
    id: "needs-list",
    message: "Paste the individual values to see this.",
});

const DAYS: InputSpec = InputSpec {
    id: "days",
    label: "Days to first value",
    hint: "One number per customer: days from the start of onboarding to first value.",
    kind: Kind::List {
        min: Bound::Fixed(0),
        max: Bound::Fixed(36_500),
        whole: false,
    },
    unit: Unit::Days,
    default: None,
    need: Need::Required,
    modes: &["list"],
    question: &["days", "time to value", "first value"],
};

/// Average (and median) time to first value.
pub const TIME_TO_FIRST_VALUE: Calculator = Calculator {
    id: "time-to-first-value",
    name: "Time to first value",
    category: Category::Team,
    summary: "How long customers wait, on average, before they get value from you.",
    synonyms: &[
        "ttv",
        "ttfv",
        "onboarding time",
        "time to value",
        "activation",
    ],
    inputs: &[
        choice(
            "mode",
            "Enter your data as",
            &[
                Choice {
                    id: "list",
                    label: "Days per customer",
                },
                Choice {
                    id: "totals",
                    label: "Total days and customers",
                },
            ],
        ),
        DAYS,
        number(
            "total_days",
            "Total days",
            Unit::Days,
            0,
            1_000_000_000,
            false,
        )
        .hint("Days to first value, added up over all customers.")
        .only_in(&["totals"]),
        count("customers", "Customers").only_in(&["totals"]),
    ],
    results: &[
        result("avg_days", "Average time to first value", Unit::Days)
            .lower_better()
            .headline(),
        result("median_days", "Median time to first value", Unit::Days)
            .lower_better()
            .only_in(&["list"]),
    ],
    relations: &[],
    compute: time_to_first_value,
    sources: &["002"],
    chart: None,
    example: "days=12,30,9,45,21,14,60,18",
    take_away: None,
    next: None,
    compare: None,
};

fn time_to_first_value(i: &Inputs) -> Outcome {
    let mut out = Outcome::new();
    if i.mode() == Some("totals") {
        out.set(
            "avg_days",
            i.num("total_days")
                .per(i.num("customers"), super::NO_CUSTOMERS),
        );
        return out;
    }
    let days = i.list("days");
    out.set(
        "avg_days",
        list_sum(days, Unit::Days).per(list_len(days), super::NO_CUSTOMERS),
    )
    .set("median_days", median(days));
    out
}

/// The middle value (the mean of the two middle values for an even count), from the
/// distribution when the list has one.
fn median(list: &ParsedList) -> Ex {
    match middles(list) {
        Some((_, middle)) if list.count % 2 == 1 => Ex::num(middle, Unit::Days),
        Some((lower, upper)) => (Ex::num(lower, Unit::Days) + Ex::num(upper, Unit::Days)) / 2,
        None => Ex::fail(NEEDS_LIST),
    }
}

/// The entries at ranks ⌊(n − 1) / 2⌋ and ⌊n / 2⌋ in ascending order (the same one for an odd
/// count), with one pass over the list.
fn middles(list: &ParsedList) -> Option<(Decimal, Decimal)> {
    let upper_rank = list.count / 2;
    let lower_rank = list.count.checked_sub(1)? / 2;
    if list.distribution.is_empty() {
        let mut values = list.values.clone();
        let upper = crate::engine::list::select(&mut values, upper_rank)?;
        // `select` leaves the `upper_rank` smallest entries before it: the lower middle is
        // the largest of them.
        let lower = if lower_rank == upper_rank {
            upper
        } else {
            values.get(..upper_rank)?.iter().max().copied()?
        };
        return Some((lower, upper));
    }
    let mut seen = 0_usize;
    let mut lower = None;
    for (value, n) in &list.distribution {
        seen = seen.saturating_add(*n);
        if lower.is_none() && lower_rank < seen {
            lower = Some(*value);
        }
        if upper_rank < seen {
            return Some((lower?, *value));
        }
    }
    None
}

/// Engagement touchpoints per account and per week.
pub const ENGAGEMENT_ACTIVITY: Calculator = Calculator {
    id: "engagement-activity",
    name: "Engagement activity",
    category: Category::Team,
    summary: "How often the team proactively reaches customers: per account and per week.",
    synonyms: &[
        "touchpoints",
        "engagement",
        "check-ins",
        "calls",
        "meetings",
    ],
    inputs: &[
        count("touchpoints", "Touchpoints").hint("Calls, emails, meetings, sponsor visits…"),
        count("accounts", "Accounts"),
        number("period_days", "Period length", Unit::Days, 1, 3_660, true)
            .hint("In days.")
            .default("30"),
    ],
    results: &[
        result("per_account", "Touchpoints per account", Unit::Plain).headline(),
        // The team's total per week: the seed counts the team's touchpoints over a period.
        result("per_week", "Touchpoints per week (whole team)", Unit::Plain),
    ],
    relations: &[],
    compute: |i| {
        let mut out = Outcome::new();
        out.set(
            "per_account",
            i.num("touchpoints")
                .per(i.num("accounts"), super::NO_ACCOUNTS),
        )
        .set(
            "per_week",
            (i.num("touchpoints").per(i.num("period_days"), NO_PERIOD) * 7)
                .valued_by(&(i.num("touchpoints") * 7).per(i.num("period_days"), NO_PERIOD)),
        );
        out
    },
    sources: &["002"],
    chart: None,
    example: "touchpoints=120&accounts=40&period_days=30",
    take_away: None,
    next: None,
    compare: None,
};

/// Advocacy activities driven by the team.
pub const ADVOCACY_ACTIVITY: Calculator = Calculator {
    id: "advocacy-activity",
    name: "Advocacy activity",
    category: Category::Team,
    summary: "Referrals, reviews and case studies the team drove, in total and per 100 customers.",
    synonyms: &[
        "advocacy",
        "referrals",
        "reviews",
        "case studies",
        "testimonials",
    ],
    inputs: &[
        count("referrals", "Referrals").default("0"),
        count("reviews", "Reviews").default("0"),
        count("case_studies", "Case studies").default("0"),
        count("other", "Other advocacy")
            .hint("Talks, quotes, references…")
            .default("0"),
        count("customers", "Customers")
            .hint("Optional: to compare teams of any size.")
            .optional(),
    ],
    results: &[
        result("total", "Advocacy activities", Unit::Count).headline(),
        result(
            "per_100_customers",
            "Advocacy per 100 customers",
            Unit::Plain,
        ),
    ],
    relations: &[],
    compute: |i| {
        let total = i.num("referrals") + i.num("reviews") + i.num("case_studies") + i.num("other");
        let per_100 = match i.opt("customers") {
            Some(c) => total
                .clone()
                .collapse_named(Unit::Count, "Advocacy activities")
                .pct_of(c, super::NO_CUSTOMERS),
            None => Ex::fail(super::NO_CUSTOMERS),
        };
        let mut out = Outcome::new();
        out.set("total", total).set("per_100_customers", per_100);
        out
    },
    sources: &["002", "004"],
    chart: None,
    example: "referrals=5&reviews=3&case_studies=1&other=1&customers=200",
    take_away: None,
    next: None,
    compare: None,
};

/// Share of new business that came from referrals.
pub const REFERRAL_RATE: Calculator = Calculator {
    id: "referral-rate",
    name: "Referral rate",
    category: Category::Team,
    summary: "The share of new customers who came through referrals and introductions.",
    synonyms: &[
        "referrals",
        "word of mouth",
        "introductions",
        "organic growth",
        "warm intro",
    ],
    inputs: &[
        count("new_customers", "New customers"),
        count("referred_customers", "Referred new customers"),
    ],
    results: &[result("referral_pct", "Referral rate", Unit::Percent)
        .higher_better()
        .headline()],
    relations: &[Relation {
        lhs: &["referred_customers"],
        rhs: &["new_customers"],
        why: "referred customers are among the new customers",
    }],
    compute: |i| {
        let mut out = Outcome::new();
        out.set(
            "referral_pct",
            i.num("referred_customers")
                .pct_of(i.num("new_customers"), NO_NEW_CUSTOMERS),
        );
        out
    },
    sources: &["004"],
    chart: None,
    example: "new_customers=40&referred_customers=10",
    take_away: None,
    next: None,
    compare: None,
};

/// Share of clients who came back with another request.
pub const REPEAT_REQUEST_RATE: Calculator = Calculator {
    id: "repeat-request-rate",
    name: "Repeat request rate",
    category: Category::Team,
    summary: "The share of clients who came back with a new request.",
    synonyms: &["repeat requests", "repeat business", "returning clients"],
    inputs: &[
        count("clients", "Clients"),
        count("repeat_clients", "Clients with a repeat request"),
    ],
    results: &[
        result("repeat_request_pct", "Repeat request rate", Unit::Percent)
            .lower_better()
            .headline(),
    ],
    relations: &[Relation {
        lhs: &["repeat_clients"],
        rhs: &["clients"],
        why: "repeat clients are among all clients",
    }],
    compute: |i| {
        let mut out = Outcome::new();
        out.set(
            "repeat_request_pct",
            i.num("repeat_clients").pct_of(i.num("clients"), NO_CLIENTS),
        );
        out
    },
    sources: &["004"],
    chart: None,
    example: "clients=80&repeat_clients=20",
    take_away: None,
    next: None,
    compare: None,
};

/// This category's calculators, in home-view order: a new one is defined in this file and
/// listed here.
pub const CALCULATORS: &[&Calculator] = &[
    &TIME_TO_FIRST_VALUE,
    &ENGAGEMENT_ACTIVITY,
    &ADVOCACY_ACTIVITY,
    &REFERRAL_RATE,
    &REPEAT_REQUEST_RATE,
];

/// This category's definitions, linked late (see `engine::late`): the browser loads them when
/// one of them first opens.
pub static MODULE: Module = Module {
    calculators: CALCULATORS,
    draw: None,
};
