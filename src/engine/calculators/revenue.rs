//! Revenue: recurring revenue, its movements, retention of revenue.
//! Each definition names its sources (see `docs/metrics.md`).

use super::builders::{count, money, result};
use crate::engine::error::{Reason, Undefined};
use crate::engine::formula::{Ex, Outcome};
use crate::engine::late::Module;
use crate::engine::spec::{Calculator, Category, Relation, Unit};

/// Why a result is undefined: "Revenue at the start is 0, so there is no base to compare with."
pub const NO_STARTING_REVENUE: Undefined = Undefined::Because(&Reason {
    id: "no-starting-revenue",
    message: "Revenue at the start is 0, so there is no base to compare with.",
});

/// Why a result is undefined: "Last quarter's expansion was 0, so there is no base for a change in percent."
pub const NO_EXPANSION_LAST_QUARTER: Undefined = Undefined::Because(&Reason {
    id: "no-expansion-last-quarter",
    message: "Last quarter's expansion was 0, so there is no base for a change in percent.",
});

/// Why a result is undefined: "Enter the number of CSMs to see this."
pub const NO_CSMS: Undefined = Undefined::Because(&Reason {
    id: "no-csms",
    message: "Enter the number of CSMs to see this.",
});

/// Why the amount per CSM is undefined when 0 CSMs were entered.
pub const ZERO_CSMS: Undefined = Undefined::Because(&Reason {
    id: "zero-csms",
    message: "With 0 CSMs there is no one to share the expansion among.",
});

/// Why growth per client is undefined: a period without clients.
pub const NO_CLIENTS: Undefined = Undefined::Because(&Reason {
    id: "no-clients",
    message: "The number of clients is 0 in one of the periods.",
});

/// Why a result is undefined: "No units were purchased."
pub const NO_UNITS_PURCHASED: Undefined = Undefined::Because(&Reason {
    id: "no-units-purchased",
    message: "No units were purchased.",
});

/// Why a result is undefined: "No churned or contraction MRR: nothing was lost, so the ratio has no upper bound."
pub const NO_LOST_REVENUE: Undefined = Undefined::Because(&Reason {
    id: "no-lost-revenue",
    message: "No churned or contraction MRR: nothing was lost, so the ratio has no upper bound.",
});

/// MRR = active customers × ARPA; ARR = MRR × 12.
pub const MRR: Calculator = Calculator {
    id: "mrr",
    name: "Monthly recurring revenue (MRR)",
    category: Category::Revenue,
    summary: "Recurring revenue per month and per year from your active customers.",
    synonyms: &[
        "mrr",
        "arr",
        "recurring revenue",
        "annual recurring revenue",
    ],
    inputs: &[
        count("active_customers", "Active customers"),
        money("arpa", "ARPA (monthly)").hint("Average revenue per account per month."),
    ],
    results: &[
        result("mrr", "MRR", Unit::Money).higher_better().headline(),
        result("arr", "ARR", Unit::Money).higher_better(),
    ],
    relations: &[],
    compute: |i| {
        let mrr = i.num("active_customers") * i.num("arpa");
        let mut out = Outcome::new();
        out.set("arr", mrr.clone().collapse_named(Unit::Money, "MRR") * 12)
            .set("mrr", mrr);
        out
    },
    sources: &["001", "003"],
    chart: None,
    example: "active_customers=250&arpa=80",
    take_away: None,
    next: None,
    compare: None,
};

/// ARPA = MRR / accounts.
pub const ARPA: Calculator = Calculator {
    id: "arpa",
    name: "Average revenue per account (ARPA)",
    category: Category::Revenue,
    summary: "What an average account pays you per month.",
    synonyms: &[
        "arpa",
        "arpu",
        "average revenue per user",
        "revenue per customer",
    ],
    inputs: &[money("mrr", "MRR"), count("accounts", "Accounts")],
    results: &[result("arpa", "ARPA", Unit::Money)
        .higher_better()
        .headline()],
    relations: &[],
    compute: |i| {
        let mut out = Outcome::new();
        out.set(
            "arpa",
            i.num("mrr").per(i.num("accounts"), super::NO_ACCOUNTS),
        );
        out
    },
    sources: &["003"],
    chart: None,
    example: "mrr=20000&accounts=250",
    take_away: None,
    next: None,
    compare: None,
};

/// Gross and net revenue churn.
pub const REVENUE_CHURN: Calculator = Calculator {
    id: "revenue-churn",
    name: "Revenue churn rate",
    category: Category::Revenue,
    summary:
        "The share of recurring revenue lost from existing customers, before and after expansion.",
    synonyms: &[
        "mrr churn",
        "revenue churn",
        "net negative churn",
        "dollar churn",
        "churn",
    ],
    inputs: &[
        money("mrr_start", "MRR at the start"),
        money("churned_mrr", "Churned MRR").hint("From customers who cancelled."),
        money("contraction_mrr", "Contraction MRR").hint("From downgrades."),
        money("expansion_mrr", "Expansion MRR")
            .hint("From upgrades and add-ons.")
            .default("0"),
    ],
    results: &[
        result(
            "gross_revenue_churn_pct",
            "Gross revenue churn",
            Unit::Percent,
        ),
        result("net_revenue_churn_pct", "Net revenue churn", Unit::Percent)
            .lower_better()
            .headline(),
    ],
    relations: &[Relation {
        lhs: &["churned_mrr", "contraction_mrr"],
        rhs: &["mrr_start"],
        why: "you can't lose more revenue than you started with",
    }],
    compute: |i| {
        let lost = i.num("churned_mrr") + i.num("contraction_mrr");
        let start = i.num("mrr_start");
        let mut out = Outcome::new();
        out.set(
            "gross_revenue_churn_pct",
            lost.clone().pct_of(start.clone(), NO_STARTING_REVENUE),
        )
        .set(
            "net_revenue_churn_pct",
            (lost - i.num("expansion_mrr")).pct_of(start, NO_STARTING_REVENUE),
        );
        out
    },
    sources: &["000"],
    chart: None,
    example: "mrr_start=10000&churned_mrr=500&contraction_mrr=200&expansion_mrr=900",
    take_away: None,
    next: None,
    compare: None,
};

/// Growth of revenue from customers who existed at the start.
pub const EXISTING_REVENUE_GROWTH: Calculator = Calculator {
    id: "existing-revenue-growth",
    name: "Existing customer revenue growth",
    category: Category::Revenue,
    summary: "How revenue from the customers you already had grew or shrank.",
    synonyms: &[
        "expansion",
        "existing customers",
        "revenue growth",
        "upsell",
    ],
    inputs: &[
        money("mrr_start", "MRR at the start").hint("From customers who existed at the start."),
        money("expansion_mrr", "Expansion MRR"),
        money("contraction_mrr", "Contraction MRR"),
        money("churned_mrr", "Churned MRR"),
    ],
    results: &[
        result(
            "mrr_end_existing",
            "MRR at the end from those customers",
            Unit::Money,
        ),
        result(
            "growth_pct",
            "Growth from existing customers",
            Unit::Percent,
        )
        .higher_better()
        .headline(),
    ],
    relations: &[Relation {
        lhs: &["contraction_mrr", "churned_mrr"],
        rhs: &["mrr_start"],
        why: "you can't lose more revenue than you started with",
    }],
    compute: |i| {
        let change = i.num("expansion_mrr") - i.num("contraction_mrr") - i.num("churned_mrr");
        let start = i.num("mrr_start");
        let mut out = Outcome::new();
        out.set("mrr_end_existing", start.clone() + change.clone())
            .set("growth_pct", change.pct_of(start, NO_STARTING_REVENUE));
        out
    },
    sources: &["000"],
    chart: None,
    example: "mrr_start=10000&expansion_mrr=900&contraction_mrr=200&churned_mrr=500",
    take_away: None,
    next: None,
    compare: None,
};

/// Gross revenue retention (gross renewal rate).
pub const GRR: Calculator = Calculator {
    id: "grr",
    name: "Gross revenue retention (GRR)",
    category: Category::Revenue,
    summary: "The share of renewable revenue kept, not counting expansion. Never above 100 %.",
    synonyms: &["grr", "gross renewal rate", "gross dollar retention", "gdr"],
    inputs: &[
        money("renewable_arr", "Renewable ARR"),
        money("downsell", "Downsell").hint("ARR lost to downgrades at renewal."),
        money("churn", "Churned ARR").hint("ARR lost to customers who left."),
    ],
    results: &[result("grr_pct", "GRR", Unit::Percent)
        .higher_better()
        .headline()],
    relations: &[Relation {
        lhs: &["downsell", "churn"],
        rhs: &["renewable_arr"],
        why: "you can't lose more than the renewable ARR",
    }],
    compute: |i| {
        let kept = i.num("renewable_arr") - i.num("downsell") - i.num("churn");
        let mut out = Outcome::new();
        out.set(
            "grr_pct",
            kept.pct_of(i.num("renewable_arr"), NO_STARTING_REVENUE),
        );
        out
    },
    sources: &["002"],
    chart: None,
    example: "renewable_arr=1000000&downsell=50000&churn=100000",
    take_away: None,
    next: None,
    compare: None,
};

/// Net revenue retention (dollar retention).
pub const NRR: Calculator = Calculator {
    id: "nrr",
    name: "Net revenue retention (NRR)",
    category: Category::Revenue,
    summary: "Revenue kept from existing customers including expansion: above 100 % means growth without new customers.",
    synonyms: &["nrr", "ndr", "dollar retention", "net dollar retention", "revenue retention"],
    inputs: &[
        money("starting_arr", "ARR at the start"),
        money("expansion", "Expansion"),
        money("downsell", "Downsell"),
        money("churn", "Churned ARR"),
    ],
    results: &[result("nrr_pct", "NRR", Unit::Percent).higher_better().headline()],
    relations: &[Relation {
        lhs: &["downsell", "churn"],
        rhs: &["starting_arr"],
        why: "you can't lose more than the ARR you started with",
    }],
    compute: |i| {
        let end = i.num("starting_arr") + i.num("expansion") - i.num("downsell") - i.num("churn");
        let mut out = Outcome::new();
        out.set("nrr_pct", end.pct_of(i.num("starting_arr"), NO_STARTING_REVENUE));
        out
    },
    sources: &["002", "004"],
    chart: None,
    example: "starting_arr=1000000&expansion=200000&downsell=50000&churn=100000",
    take_away: None,
    next: None,
    compare: None,
};

/// Quarterly expansion revenue: change on last quarter, and per CSM.
pub const EXPANSION_REVENUE: Calculator = Calculator {
    id: "expansion-revenue",
    name: "Quarterly expansion revenue",
    category: Category::Revenue,
    summary: "How expansion revenue moved since last quarter, and what each CSM brought in.",
    synonyms: &[
        "expansion",
        "upsell",
        "cross-sell",
        "quarter over quarter",
        "qoq",
    ],
    inputs: &[
        money("expansion_this_quarter", "Expansion this quarter"),
        money("expansion_last_quarter", "Expansion last quarter"),
        count("csms", "CSMs")
            .hint("Optional: customer success managers on the team.")
            .optional(),
    ],
    results: &[
        result("qoq_change_pct", "Change on last quarter", Unit::Percent)
            .higher_better()
            .headline(),
        result("per_csm", "Expansion per CSM", Unit::Money).higher_better(),
    ],
    relations: &[],
    compute: |i| {
        let this = i.num("expansion_this_quarter");
        let last = i.num("expansion_last_quarter");
        let per_csm = match i.opt("csms") {
            Some(csms) => this.clone().per(csms, ZERO_CSMS),
            None => Ex::fail(NO_CSMS),
        };
        let mut out = Outcome::new();
        out.set(
            "qoq_change_pct",
            (this - last.clone()).pct_of(last, NO_EXPANSION_LAST_QUARTER),
        )
        .set("per_csm", per_csm);
        out
    },
    sources: &["002"],
    chart: None,
    example: "expansion_this_quarter=60000&expansion_last_quarter=50000&csms=4",
    take_away: None,
    next: None,
    compare: None,
};

/// Total sales growth per client between two periods.
pub const SALES_GROWTH_PER_CLIENT: Calculator = Calculator {
    id: "sales-growth-per-client",
    name: "Sales growth per client",
    category: Category::Revenue,
    summary: "How much more (or less) the average client buys than in the previous period.",
    synonyms: &[
        "revenue per client",
        "growth per customer",
        "wallet share",
        "year over year",
    ],
    inputs: &[
        money("revenue_previous", "Revenue, previous period"),
        count("clients_previous", "Clients, previous period"),
        money("revenue_current", "Revenue, this period"),
        count("clients_current", "Clients, this period"),
    ],
    results: &[
        result(
            "per_client_previous",
            "Per client, previous period",
            Unit::Money,
        ),
        result(
            "per_client_current",
            "Revenue per client, this period",
            Unit::Money,
        ),
        result("growth_pct", "Growth per client", Unit::Percent)
            .higher_better()
            .headline(),
    ],
    relations: &[],
    compute: |i| {
        let before = i
            .num("revenue_previous")
            .per(i.num("clients_previous"), NO_CLIENTS);
        let now = i
            .num("revenue_current")
            .per(i.num("clients_current"), NO_CLIENTS);
        // (now − before) / before × 100 = (rc × cp − rp × cc) × 100 / (rp × cc): valued from
        // the inputs, not from the two rounded per-client values.
        let (rp, cp) = (i.num("revenue_previous"), i.num("clients_previous"));
        let (rc, cc) = (i.num("revenue_current"), i.num("clients_current"));
        // Where those products are too large for a decimal: (rc × cp / (cc × rp) − 1) × 100,
        // in whichever order keeps more digits.
        let exact = ((&rc * &cp - &rp * &cc) * 100).per(&rp * &cc, NO_STARTING_REVENUE);
        let ratio = Ex::quotient(&[&rc, &cp], &[&cc, &rp], NO_STARTING_REVENUE);
        let growth = (now
            .clone()
            .collapse_named(Unit::Money, "Per client, this period")
            - before
                .clone()
                .collapse_named(Unit::Money, "Per client, previous period"))
        .pct_of(
            before
                .clone()
                .collapse_named(Unit::Money, "Per client, previous period"),
            NO_STARTING_REVENUE,
        )
        .valued_by(&((ratio - 1) * 100))
        .valued_by(&exact);
        let mut out = Outcome::new();
        out.set("per_client_previous", before)
            .set("per_client_current", now)
            .set("growth_pct", growth);
        out
    },
    sources: &["004"],
    chart: None,
    example:
        "revenue_previous=100000&clients_previous=50&revenue_current=132000&clients_current=60",
    take_away: None,
    next: None,
    compare: None,
};

/// Consumption rate: units used of units purchased (may exceed 100 % with overage).
pub const CONSUMPTION_RATE: Calculator = Calculator {
    id: "consumption-rate",
    name: "Consumption rate",
    category: Category::Revenue,
    summary: "How much of what customers bought they actually use.",
    synonyms: &[
        "usage",
        "utilisation",
        "utilization",
        "seats used",
        "credits used",
    ],
    inputs: &[
        count("units_used", "Units used").hint("Seats, credits, licences… in use."),
        count("units_purchased", "Units purchased"),
    ],
    results: &[result("consumption_pct", "Consumption rate", Unit::Percent)
        .higher_better()
        .headline()],
    relations: &[],
    compute: |i| {
        let mut out = Outcome::new();
        out.set(
            "consumption_pct",
            i.num("units_used")
                .pct_of(i.num("units_purchased"), NO_UNITS_PURCHASED),
        );
        out
    },
    sources: &["004"],
    chart: None,
    example: "units_used=800&units_purchased=1000",
    take_away: None,
    next: None,
    compare: None,
};

/// SaaS quick ratio: revenue gained per unit of revenue lost.
pub const QUICK_RATIO: Calculator = Calculator {
    id: "quick-ratio",
    name: "SaaS quick ratio",
    category: Category::Revenue,
    summary: "MRR gained for every unit of MRR lost: 4 or more reads as efficient growth.",
    synonyms: &["quick ratio", "growth efficiency", "mrr growth"],
    inputs: &[
        money("new_mrr", "New MRR"),
        money("expansion_mrr", "Expansion MRR"),
        money("churned_mrr", "Churned MRR"),
        money("contraction_mrr", "Contraction MRR"),
    ],
    results: &[result("quick_ratio", "Quick ratio", Unit::Ratio)
        .higher_better()
        .headline()],
    relations: &[],
    compute: |i| {
        let gained = i.num("new_mrr") + i.num("expansion_mrr");
        let lost = i.num("churned_mrr") + i.num("contraction_mrr");
        let mut out = Outcome::new();
        out.set("quick_ratio", gained.per(lost, NO_LOST_REVENUE));
        out
    },
    sources: &["saas"],
    chart: None,
    example: "new_mrr=10000&expansion_mrr=5000&churned_mrr=2000&contraction_mrr=1750",
    take_away: None,
    next: None,
    compare: None,
};

/// This category's calculators, in home-view order: a new one is defined in this file and
/// listed here.
pub const CALCULATORS: &[&Calculator] = &[
    &MRR,
    &ARPA,
    &REVENUE_CHURN,
    &EXISTING_REVENUE_GROWTH,
    &GRR,
    &NRR,
    &EXPANSION_REVENUE,
    &SALES_GROWTH_PER_CLIENT,
    &CONSUMPTION_RATE,
    &QUICK_RATIO,
];

/// This category's definitions, linked late (see `engine::late`): the browser loads them when
/// one of them first opens. (The revenue projection, listed with them, is a part of its own.)
pub static MODULE: Module = Module {
    calculators: CALCULATORS,
    draw: None,
};
