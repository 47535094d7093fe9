//! Billing exports by hand: twelve Stripe-shaped subscriptions worked month by month (each
//! movement kind, a trial, an annual plan, a quantity change, a cancellation at the period's
//! end and a reactivation), cents detection, the row messages, and the properties the issue
//! asks for (a month's movements add up to its change; NRR and GRR agree with the `nrr` and
//! `grr` calculators fed that month's figures).

use crate::support::*;
use cs_metrics::engine::billing::{self, Amounts, Cancel, MonthRow, Options, Role};
use cs_metrics::engine::csv::import;
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

const STRIPE: &str = include_str!("../fixtures/billing/stripe-subscriptions.csv");
const BAREMETRICS: &str = include_str!("../fixtures/billing/baremetrics-template.csv");

fn ledger(text: &str, options: &Options) -> billing::Ledger {
    let table = import::parse(text).expect("csv");
    let picks = billing::pick(&table.header, |_| None);
    billing::read(&table, &picks, options).expect("ledger")
}

fn money(l: &billing::Ledger, v: Decimal) -> Decimal {
    v / l.per_month
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal")
}

/// (new, expansion, contraction, churned, reactivation, end) of a month, in money.
fn flows(l: &billing::Ledger, m: &MonthRow) -> [Decimal; 7] {
    [
        m.mrr_start,
        m.new,
        m.expansion,
        m.contraction,
        m.churned,
        m.reactivation,
        m.mrr_end,
    ]
    .map(|v| money(l, v).round_dp(6))
}

#[test]
fn stripe_columns_are_found_by_meaning() {
    let table = import::parse(STRIPE).expect("csv");
    let picks = billing::pick(&table.header, |_| None);
    let name = |r: Role| picks.get(r).and_then(|c| table.header.get(c)).cloned();
    assert_eq!(name(Role::Customer).as_deref(), Some("Customer ID"));
    assert_eq!(name(Role::Subscription).as_deref(), Some("id"));
    assert_eq!(name(Role::Start).as_deref(), Some("Start Date (UTC)"));
    assert_eq!(name(Role::Canceled).as_deref(), Some("Canceled At (UTC)"));
    assert_eq!(name(Role::Ended).as_deref(), Some("Ended At (UTC)"));
    assert_eq!(
        name(Role::PeriodEnd).as_deref(),
        Some("Current Period End (UTC)")
    );
    assert_eq!(name(Role::TrialEnd).as_deref(), Some("Trial End (UTC)"));
    assert_eq!(name(Role::Amount).as_deref(), Some("Plan Amount"));
    assert_eq!(name(Role::Interval).as_deref(), Some("Plan Interval"));
    assert_eq!(
        name(Role::IntervalCount).as_deref(),
        Some("Plan Interval Count")
    );
    assert_eq!(name(Role::Quantity).as_deref(), Some("Quantity"));
    assert_eq!(name(Role::Currency).as_deref(), Some("Plan Currency"));
    assert_eq!(name(Role::Monthly), None);
    // A pick by hand wins; "none" drops a column.
    let picks = billing::pick(&table.header, |r| match r {
        Role::Customer => Some("Customer Email"),
        Role::TrialEnd => Some(billing::columns::NOT_USED),
        _ => None,
    });
    assert_eq!(
        picks
            .get(Role::Customer)
            .and_then(|c| table.header.get(c))
            .map(String::as_str),
        Some("Customer Email")
    );
    assert_eq!(picks.get(Role::TrialEnd), None);
}

#[test]
fn twelve_subscriptions_month_by_month() {
    let l = ledger(STRIPE, &Options::default());
    assert_eq!(l.problem_total, 0, "{:?}", l.problems);
    assert_eq!(l.currency.as_deref(), Some("USD"));
    assert!(!l.cents.0);
    let m = billing::movements(&l);
    let ids: Vec<String> = m
        .months
        .iter()
        .map(|r| billing::read::month_id(billing::read::month_of(r.month)))
        .collect();
    assert_eq!(
        ids,
        ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]
    );
    let third = d("43.333333"); // 10 a week × 52 ÷ 12
    let rows: Vec<[Decimal; 7]> = m.months.iter().map(|r| flows(&l, r)).collect();
    let z = Decimal::ZERO;
    // start, new, expansion, contraction, churned, reactivation, end
    assert_eq!(rows[0], [z, d("580"), z, z, z, z, d("580")]);
    assert_eq!(rows[1], [d("580"), d("80"), z, z, d("70"), z, d("590")]);
    assert_eq!(
        rows[2],
        [
            d("590"),
            d("60") + third,
            z,
            d("80"),
            d("50"),
            z,
            d("563.333333")
        ]
    );
    assert_eq!(rows[3], [d("563.333333"), z, z, z, z, z, d("563.333333")]);
    assert_eq!(
        rows[5],
        [
            d("563.333333"),
            d("100"),
            d("90"),
            z,
            d("80"),
            d("70"),
            d("743.333333")
        ]
    );
    let june = &m.months[5];
    assert_eq!(
        (
            june.customers_start,
            june.customers_new,
            june.customers_back,
            june.customers_lost,
            june.customers_end
        ),
        (7, 1, 1, 1, 8)
    );
    // The Jan cohort (A, B, C, G, H, I): I leaves in Feb and is back in Jun, C leaves in Mar.
    let jan = &m.cohorts[0];
    assert_eq!(jan.customers, vec![6, 5, 4, 4, 4, 5]);
    let mrr: Vec<Decimal> = jan.mrr.iter().map(|v| money(&l, *v).round_dp(6)).collect();
    assert_eq!(mrr, ["580", "510", "380", "380", "380", "540"].map(d));
}

#[test]
fn a_cancellation_counts_when_made_or_at_the_period_end() {
    let made = ledger(
        STRIPE,
        &Options {
            cancel: Cancel::WhenMade,
            ..Options::default()
        },
    );
    let m = billing::movements(&made);
    // D (80 a month, cancelled on 10 March, paid until 1 June) churns in March, not June.
    assert_eq!(money(&made, m.months[2].churned), d("130"));
    assert_eq!(money(&made, m.months[5].churned), Decimal::ZERO);
}

#[test]
fn the_calculator_gives_the_last_months_nrr_grr_and_logo_churn() {
    let ev = run("billing-import", &[("subscriptions", STRIPE)]);
    // NRR = (1690/3 + 90 − 80) ÷ (1690/3) = 172/169; GRR = 145/169; 1 of 7 customers lost.
    close(&ev, "nrr_pct", "101.775147928994082840");
    close(&ev, "grr_pct", "85.798816568047337278");
    close(&ev, "logo_churn_pct", "14.285714285714285714");
    close(&ev, "mrr_end", "743.333333333333333333");
    exact(&ev, "active_customers", "8");
    exact(&ev, "customers_start", "7");
    exact(&ev, "new_mrr", "100");
    exact(&ev, "reactivation_mrr", "70");
}

#[test]
fn baremetrics_amounts_are_cents() {
    let l = ledger(BAREMETRICS, &Options::default());
    assert!(l.cents.0, "{:?}", l.cents);
    let m = billing::movements(&l);
    let jan = m.months.last().expect("a month");
    assert_eq!(money(&l, jan.mrr_start), d("345"));
    assert_eq!(money(&l, jan.churned), d("49"));
    assert_eq!(money(&l, jan.reactivation), d("49"));
    // Chosen by hand, the same file in units is 100 times larger.
    let units = ledger(
        BAREMETRICS,
        &Options {
            amounts: Amounts::Units,
            ..Options::default()
        },
    );
    let jan_units = billing::movements(&units)
        .months
        .last()
        .cloned()
        .expect("a month");
    assert_eq!(money(&units, jan_units.mrr_start), d("34500"));
}

#[test]
fn bad_rows_are_named_and_left_out() {
    let text = "Customer,Start,End,Monthly amount,Subscription\n\
                a,2026-01-05,,100,s1\n\
                b,2026-13-45,,100,s2\n\
                c,2026-02-01,,-20,s3\n\
                d,2026-03-01,2026-01-01,50,s4\n\
                e,2026-01-01,,40,s1\n\
                f,2026-01-01,,abc,s6\n\
                g,2026-01-01,,900000000000000000000,s7\n";
    let l = ledger(text, &Options::default());
    let messages: Vec<String> = l.problems.iter().map(|p| p.message()).collect();
    assert_eq!(l.problem_total, 6, "{messages:?}");
    assert!(messages[0].starts_with("Row 3:") && messages[0].contains("not a date"));
    assert!(messages[1].starts_with("Row 4:") && messages[1].contains("credit"));
    assert!(messages[2].starts_with("Row 5:") && messages[2].contains("ends before it starts"));
    assert_eq!(messages[3], "Row 6 repeats subscription s1 of row 2.");
    assert!(messages[4].starts_with("Row 7:") && messages[4].contains("not a number"));
    // 9 × 10²⁰ a month is 1.08 × 10²² scaled: past what sums keep exact, so left out by name.
    assert_eq!(
        messages[5],
        "Row 8: the amount “900000000000000000000” (times its quantity) is too large to add up \
         exactly."
    );
    // No date or amount column at all.
    let table = import::parse("Name,Plan\na,Pro\n").expect("csv");
    let picks = billing::pick(&table.header, |_| None);
    assert_eq!(
        billing::read(&table, &picks, &Options::default()),
        Err(billing::Fatal::NoStart)
    );
    let table = import::parse("Name,Start\na,2026-01-01\n").expect("csv");
    let picks = billing::pick(&table.header, |_| None);
    assert_eq!(
        billing::read(&table, &picks, &Options::default()),
        Err(billing::Fatal::NoAmount)
    );
}

#[test]
fn several_currencies_ask_which() {
    let text = "Customer,Start,MRR,Currency\na,2026-01-01,10,usd\nb,2026-01-01,20,eur\nc,2026-02-01,5,usd\n";
    let table = import::parse(text).expect("csv");
    let picks = billing::pick(&table.header, |_| None);
    let err = billing::read(&table, &picks, &Options::default()).expect_err("several");
    assert_eq!(
        err.message(),
        "The file has several currencies: USD (2 rows), EUR (1 row). MRR adds one currency: \
         type the one to read in Currency."
    );
    let eur = billing::read(
        &table,
        &picks,
        &Options {
            currency: Some("eur".into()),
            ..Options::default()
        },
    )
    .expect("eur");
    assert_eq!((eur.subscriptions.len(), eur.other_currency), (1, 2));
}

#[test]
fn a_fifty_megabyte_file_reads() {
    let mut text = String::from("Customer,Start,End,MRR\n");
    let mut i = 0_u64;
    while text.len() < 50_000_000 {
        let y = 2021 + (i % 5);
        let m = 1 + (i % 12);
        let end = if i.is_multiple_of(3) {
            format!("{}-{:02}-15", y + 1, m)
        } else {
            String::new()
        };
        text.push_str(&format!(
            "customer-{i:08},{y}-{m:02}-01,{end},{}.50\n",
            10 + i % 90
        ));
        i += 1;
    }
    let l = ledger(&text, &Options::default());
    assert_eq!(l.subscriptions.len() as u64, i);
    let m = billing::movements(&l);
    assert!(m.months.len() > 50);
}

fn number(ev: &cs_metrics::engine::evaluate::Evaluation, id: &str) -> Option<Decimal> {
    match ev.result(id)?.computed.value {
        cs_metrics::engine::formula::Value::Number(v) => Some(v),
        _ => None,
    }
}

/// Subscriptions as a plain sheet: customer, start, end and MRR.
fn sheet() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            0_u8..12,
            0_u8..24,
            prop::option::of(1_u8..24),
            0_u32..50_000,
        ),
        1..40,
    )
    .prop_map(|rows| {
        let mut text = String::from("Customer,Start,End,MRR\n");
        for (c, start, len, cents) in rows {
            let month = |k: u8| format!("{}-{:02}-10", 2024 + u16::from(k / 12), k % 12 + 1);
            let end = len
                .map(|l| month(start.saturating_add(l)))
                .unwrap_or_default();
            text.push_str(&format!(
                "c{c},{},{end},{}.{:02}\n",
                month(start),
                cents / 100,
                cents % 100
            ));
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_months_movements_add_up_to_its_change(text in sheet()) {
        let l = ledger(&text, &Options::default());
        for m in billing::movements(&l).months {
            prop_assert_eq!(
                m.mrr_start + m.new + m.expansion + m.reactivation - m.contraction - m.churned,
                m.mrr_end
            );
            prop_assert_eq!(
                m.customers_start + m.customers_new + m.customers_back - m.customers_lost,
                m.customers_end
            );
        }
    }

    #[test]
    fn nrr_and_grr_agree_with_their_calculators(text in sheet()) {
        let ev = run("billing-import", &[("subscriptions", text.as_str())]);
        // The calculators take ARR: 12 × the month's MRR.
        let figure = |id: &str| number(&ev, id).map(|v| (v * Decimal::from(12)).normalize().to_string());
        let (Some(start), Some(exp), Some(con), Some(churn)) = (
            figure("mrr_start"), figure("expansion_mrr"), figure("contraction_mrr"), figure("churned_mrr"),
        ) else {
            return Ok(());
        };
        let nrr = run("nrr", &[
            ("starting_arr", start.as_str()),
            ("expansion", exp.as_str()),
            ("downsell", con.as_str()),
            ("churn", churn.as_str()),
        ]);
        let grr = run("grr", &[
            ("renewable_arr", start.as_str()),
            ("downsell", con.as_str()),
            ("churn", churn.as_str()),
        ]);
        for (mine, theirs, id) in [(&ev, &nrr, "nrr_pct"), (&ev, &grr, "grr_pct")] {
            let a = number(mine, id);
            let b = number(theirs, id);
            prop_assert_eq!(a.map(|v| v.round_dp(12)), b.map(|v| v.round_dp(12)), "{}", id);
        }
    }
}
