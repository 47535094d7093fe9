//! Retention: customers kept, lost, renewed, and what keeping them costs.
//! Each definition names its sources (see `docs/metrics.md`).

use super::builders::{count, money, number, result};
use crate::engine::error::{Reason, Undefined};
use crate::engine::formula::Inputs;
use crate::engine::formula::{Ex, Outcome};
use crate::engine::late::Module;
use crate::engine::spec::{Calculator, Category, CompareWith, Relation, Unit};

/// Why a result is undefined: "There were no customers at the start of the period, so there is nothing to retain or lose."
pub const NO_CUSTOMERS_AT_START: Undefined = Undefined::Because(&Reason {
    id: "no-customers-at-start",
    message:
        "There were no customers at the start of the period, so there is nothing to retain or lose.",
});

/// Why good-fit churn is undefined: no good-fit customers at the start.
pub const NO_GOOD_FIT_AT_START: Undefined = Undefined::Because(&Reason {
    id: "no-good-fit-at-start",
    message: "There were no good-fit customers at the start, so none could be lost.",
});

/// Why bad-fit churn is undefined: no bad-fit customers at the start.
pub const NO_BAD_FIT_AT_START: Undefined = Undefined::Because(&Reason {
    id: "no-bad-fit-at-start",
    message: "There were no bad-fit customers at the start, so none could be lost.",
});

/// Why the gap is undefined: one of the two groups had no customers at the start.
pub const NO_FIT_AT_START: Undefined = Undefined::Because(&Reason {
    id: "no-fit-at-start",
    message: "One of the two groups had no customers at the start, so there is no gap to \
              measure.",
});

/// Why a result is undefined: "No tickets yet."
pub const NO_TICKETS: Undefined = Undefined::Because(&Reason {
    id: "no-tickets",
    message: "No tickets yet.",
});

/// Why a result is undefined: "Nobody was up for renewal."
pub const NO_RENEWALS: Undefined = Undefined::Because(&Reason {
    id: "no-renewals",
    message: "Nobody was up for renewal.",
});

/// Customer retention rate: (E − N) / S × 100.
pub const RETENTION_RATE: Calculator = Calculator {
    id: "retention-rate",
    name: "Customer retention rate (CRR)",
    category: Category::Retention,
    summary: "The share of customers at the start of a period who are still customers at its end.",
    synonyms: &["crr", "retention", "customers kept", "client retention"],
    inputs: &[
        count("customers_start", "Customers at the start").hint("Active customers on day one."),
        count("customers_end", "Customers at the end").hint("Active customers on the last day."),
        count("new_customers", "New customers").hint("Won during the period."),
    ],
    results: &[
        result("retention_pct", "Retention rate", Unit::Percent)
            .higher_better()
            .headline(),
        result(
            "customers_kept",
            "Customers kept from the start",
            Unit::Count,
        )
        .higher_better(),
    ],
    relations: &[
        Relation {
            lhs: &["new_customers"],
            rhs: &["customers_end"],
            why: "new customers are counted among the customers at the end",
        },
        Relation {
            lhs: &["customers_end"],
            rhs: &["customers_start", "new_customers"],
            why: "only customers from the start and new ones can be customers at the end",
        },
    ],
    compute: |i| {
        let kept = i.num("customers_end") - i.num("new_customers");
        let mut out = Outcome::new();
        out.set(
            "retention_pct",
            kept.clone()
                .pct_of(i.num("customers_start"), NO_CUSTOMERS_AT_START),
        )
        .set("customers_kept", kept);
        out
    },
    sources: &["000", "004"],
    chart: None,
    example: "customers_start=200&customers_end=210&new_customers=30",
    take_away: None,
    next: None,
    compare: Some(&CompareWith {
        calc: "proportion-compare",
        carry: &[
            ("successes_a", "customers_kept"),
            ("total_a", "customers_start"),
        ],
        fixed: &[("counted", "kept"), ("direction", "higher-better")],
    }),
};

/// Customer churn rate over a period, and the same rate compounded over a year.
pub const CHURN_RATE: Calculator = Calculator {
    id: "churn-rate",
    name: "Customer churn rate",
    category: Category::Retention,
    summary: "The share of customers lost in a period, and what it adds up to over a year.",
    synonyms: &[
        "churn",
        "cancellation rate",
        "attrition",
        "customers lost",
        "logo churn",
    ],
    inputs: &[
        count("customers_start", "Customers at the start"),
        count("customers_lost", "Customers lost")
            .hint("Only customers who were active at the start; new ones who left don't count."),
        number("period_months", "Period length", Unit::Months, 1, 120, true)
            .hint("In months: 1 for monthly churn, 3 for quarterly, 12 for yearly.")
            .default("1"),
    ],
    results: &[
        result("churn_pct", "Churn rate for the period", Unit::Percent)
            .lower_better()
            .headline(),
        result("annual_churn_pct", "Churn over a year", Unit::Percent).lower_better(),
    ],
    relations: &[Relation {
        lhs: &["customers_lost"],
        rhs: &["customers_start"],
        why: "you can only lose customers you had at the start",
    }],
    compute: churn_rate,
    sources: &["001", "003", "004"],
    chart: None,
    example: "customers_start=400&customers_lost=20&period_months=1",
    take_away: None,
    next: None,
    compare: Some(&CompareWith {
        calc: "proportion-compare",
        carry: &[
            ("successes_a", "customers_lost"),
            ("total_a", "customers_start"),
        ],
        fixed: &[("counted", "lost"), ("direction", "lower-better")],
    }),
};

/// Annual churn compounds the period's rate: 1 − (1 − c)^(12 / months), with the share kept
/// taken exactly as (start − lost) / start rather than from the rounded churn.
fn churn_rate(i: &Inputs) -> Outcome {
    let (start, lost) = (i.num("customers_start"), i.num("customers_lost"));
    let churn = lost.clone().pct_of(&start, NO_CUSTOMERS_AT_START);
    let share = churn
        .clone()
        .collapse_named(Unit::Percent, "Churn rate for the period")
        / 100;
    let kept = (&start - &lost).per(&start, NO_CUSTOMERS_AT_START);
    let shown_kept = (Ex::int(1) - share).valued_by(&kept);
    let remaining = shown_kept.pow_ratio(Ex::int(12), i.num("period_months"));
    let annual = (Ex::int(1) - remaining) * 100;
    let mut out = Outcome::new();
    out.set("churn_pct", churn).set("annual_churn_pct", annual);
    out
}

/// A "part of a whole" rate: `part / whole × 100`, undefined for `reason` when the whole is 0.
fn share_pct(i: &Inputs, part: &str, whole: &str, reason: Undefined) -> Ex {
    i.num(part).pct_of(i.num(whole), reason)
}

/// Renewal rate: renewed / up for renewal.
pub const RENEWAL_RATE: Calculator = Calculator {
    id: "renewal-rate",
    name: "Renewal rate",
    category: Category::Retention,
    summary: "The share of customers up for renewal who renewed.",
    synonyms: &["renewals", "contract renewal", "subscription renewal"],
    inputs: &[
        count("up_for_renewal", "Up for renewal").hint("Customers whose contract came up."),
        count("renewed", "Renewed"),
    ],
    results: &[result("renewal_pct", "Renewal rate", Unit::Percent)
        .higher_better()
        .headline()],
    relations: &[Relation {
        lhs: &["renewed"],
        rhs: &["up_for_renewal"],
        why: "you can't renew more customers than were up for renewal",
    }],
    compute: |i| {
        let mut out = Outcome::new();
        out.set(
            "renewal_pct",
            share_pct(i, "renewed", "up_for_renewal", NO_RENEWALS),
        );
        out
    },
    sources: &["001", "004"],
    chart: None,
    example: "up_for_renewal=120&renewed=90",
    take_away: None,
    next: None,
    compare: Some(&CompareWith {
        calc: "proportion-compare",
        carry: &[("successes_a", "renewed"), ("total_a", "up_for_renewal")],
        fixed: &[("counted", "renewed"), ("direction", "higher-better")],
    }),
};

/// Repeat purchase rate: customers with two or more purchases / customers with one or more.
pub const REPEAT_PURCHASE_RATE: Calculator = Calculator {
    id: "repeat-purchase-rate",
    name: "Repeat purchase rate",
    category: Category::Retention,
    summary: "The share of buying customers who came back and bought again.",
    synonyms: &[
        "repeat customers",
        "returning customers",
        "purchase frequency",
    ],
    inputs: &[
        count("customers", "Customers who bought").hint("With at least one purchase."),
        count("repeat_customers", "Repeat customers").hint("With two or more purchases."),
    ],
    results: &[
        result("repeat_purchase_pct", "Repeat purchase rate", Unit::Percent)
            .higher_better()
            .headline(),
    ],
    relations: &[Relation {
        lhs: &["repeat_customers"],
        rhs: &["customers"],
        why: "repeat customers are among the customers who bought",
    }],
    compute: |i| {
        let mut out = Outcome::new();
        out.set(
            "repeat_purchase_pct",
            share_pct(i, "repeat_customers", "customers", super::NO_CUSTOMERS),
        );
        out
    },
    sources: &["000"],
    chart: None,
    example: "customers=200&repeat_customers=30",
    take_away: None,
    next: None,
    compare: None,
};

/// Customer retention cost: what customer-success work costs per customer.
pub const RETENTION_COST: Calculator = Calculator {
    id: "retention-cost",
    name: "Customer retention cost (CRC)",
    category: Category::Retention,
    summary: "What your retention and customer-success work costs per customer.",
    synonyms: &[
        "crc",
        "cost to retain",
        "cost to serve",
        "customer success cost",
    ],
    inputs: &[
        money("retention_spend", "Retention spend")
            .hint("What customer-success and retention programmes cost in the period."),
        count("customers", "Customers"),
    ],
    results: &[
        result("cost_per_customer", "Cost per customer", Unit::Money)
            .lower_better()
            .headline(),
    ],
    relations: &[],
    compute: |i| {
        let mut out = Outcome::new();
        out.set(
            "cost_per_customer",
            i.num("retention_spend")
                .per(i.num("customers"), super::NO_CUSTOMERS),
        );
        out
    },
    sources: &["001"],
    chart: None,
    example: "retention_spend=12000&customers=300",
    take_away: None,
    next: None,
    compare: None,
};

/// First contact resolution: tickets solved in the first interaction.
pub const FCR: Calculator = Calculator {
    id: "fcr",
    name: "First contact resolution (FCR)",
    category: Category::Retention,
    summary: "The share of support requests solved in the first interaction.",
    synonyms: &[
        "first contact resolution",
        "support",
        "tickets",
        "one-touch resolution",
    ],
    inputs: &[
        count("tickets", "Tickets"),
        count("resolved_first_contact", "Resolved at first contact"),
    ],
    results: &[result("fcr_pct", "First contact resolution", Unit::Percent)
        .higher_better()
        .headline()],
    relations: &[Relation {
        lhs: &["resolved_first_contact"],
        rhs: &["tickets"],
        why: "resolved tickets are among all tickets",
    }],
    compute: |i| {
        let mut out = Outcome::new();
        out.set(
            "fcr_pct",
            share_pct(i, "resolved_first_contact", "tickets", NO_TICKETS),
        );
        out
    },
    sources: &["000", "001"],
    chart: None,
    example: "tickets=200&resolved_first_contact=140",
    take_away: None,
    next: None,
    compare: Some(&CompareWith {
        calc: "proportion-compare",
        carry: &[
            ("successes_a", "resolved_first_contact"),
            ("total_a", "tickets"),
        ],
        fixed: &[("counted", "resolved"), ("direction", "higher-better")],
    }),
};

/// Churn of good-fit and bad-fit customers side by side.
pub const SEGMENT_CHURN: Calculator = Calculator {
    id: "segment-churn",
    name: "Good-fit vs bad-fit churn",
    category: Category::Retention,
    summary: "Churn of customers who fit your product against those who don't.",
    synonyms: &[
        "bad fit",
        "good fit",
        "segment churn",
        "customer fit",
        "churn",
    ],
    inputs: &[
        count("good_fit_start", "Good-fit customers at the start"),
        count("good_fit_lost", "Good-fit customers lost"),
        count("bad_fit_start", "Bad-fit customers at the start"),
        count("bad_fit_lost", "Bad-fit customers lost"),
    ],
    results: &[
        result("good_fit_churn_pct", "Good-fit churn", Unit::Percent).lower_better(),
        result("bad_fit_churn_pct", "Bad-fit churn", Unit::Percent).lower_better(),
        result(
            "churn_gap_pts",
            "Bad-fit churn above good-fit",
            Unit::Points,
        )
        .headline(),
    ],
    relations: &[
        Relation {
            lhs: &["good_fit_lost"],
            rhs: &["good_fit_start"],
            why: "you can only lose customers you had at the start",
        },
        Relation {
            lhs: &["bad_fit_lost"],
            rhs: &["bad_fit_start"],
            why: "you can only lose customers you had at the start",
        },
    ],
    compute: |i| {
        let good = share_pct(i, "good_fit_lost", "good_fit_start", NO_GOOD_FIT_AT_START);
        let bad = share_pct(i, "bad_fit_lost", "bad_fit_start", NO_BAD_FIT_AT_START);
        // Valued as (bad lost × good start − good lost × bad start) × 100 / (both starts): one
        // rounding, where the difference of two rounded rates could show a wrong digit.
        let exact = ((i.num("bad_fit_lost") * i.num("good_fit_start")
            - i.num("good_fit_lost") * i.num("bad_fit_start"))
            * 100)
            .per(
                i.num("bad_fit_start") * i.num("good_fit_start"),
                NO_FIT_AT_START,
            );
        let gap = (bad.clone().collapse_named(Unit::Percent, "Bad-fit churn")
            - good.clone().collapse_named(Unit::Percent, "Good-fit churn"))
        .valued_by(&exact);
        let mut out = Outcome::new();
        out.set("good_fit_churn_pct", good)
            .set("bad_fit_churn_pct", bad)
            .set("churn_gap_pts", gap);
        out
    },
    sources: &["003"],
    chart: None,
    example: "good_fit_start=100&good_fit_lost=5&bad_fit_start=50&bad_fit_lost=15",
    take_away: None,
    next: None,
    compare: None,
};

/// This category's calculators, in home-view order: a new one is defined in this file and
/// listed here.
pub const CALCULATORS: &[&Calculator] = &[
    &RETENTION_RATE,
    &CHURN_RATE,
    &RENEWAL_RATE,
    &REPEAT_PURCHASE_RATE,
    &RETENTION_COST,
    &FCR,
    &SEGMENT_CHURN,
];

/// This category's definitions, linked late (see `engine::late`): the browser loads them when
/// one of them first opens.
pub static MODULE: Module = Module {
    calculators: CALCULATORS,
    draw: None,
};
