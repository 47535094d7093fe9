use super::*;
use crate::engine::catalogue;
use crate::engine::state::decode_pairs;

fn texts(query: &str) -> Texts {
    let mut t = Texts::new();
    for (k, v) in decode_pairs(query) {
        t.insert(k, v);
    }
    t
}

const DOT: ReadOptions = ReadOptions {
    mark: DecimalMark::Dot,
    skip_invalid: false,
};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn value_at(calc: &Calculator, t: &Texts, vary: &str, x: Decimal, result: &str) -> Option<Decimal> {
    let mut t = t.clone();
    t.insert(vary.to_owned(), input_text(x, DecimalMark::Dot));
    let e = crate::engine::evaluate::evaluate(calc, |id| t.get(id).map(String::as_str), DOT);
    match e.result(result)?.computed.value {
        Value::Number(v) => Some(v),
        _ => None,
    }
}

#[test]
fn ltv_cac_reaches_three_at_a_cac_of_14000_exactly() {
    // 42,000 / 3 = 14,000: the ratio is exactly 3 there.
    let calc = catalogue::find("ltv-cac").unwrap();
    let t = texts("ltv=42000&cac=12000");
    let req = SeekRequest {
        result: "ltv_cac_ratio",
        target: d("3"),
        vary: "cac",
    };
    assert_eq!(
        seek(calc, &t, DOT, req),
        Seek::Found {
            value: d("14000"),
            exact: true,
            others: false
        }
    );
}

#[test]
fn nps_needs_this_many_promoters() {
    // (p − 10) / (p + 30) × 100 = 50 ⇒ p = 50: exactly, with 20 passives and 10 detractors.
    let calc = catalogue::find("nps").unwrap();
    let t = texts("promoters=70&passives=20&detractors=10");
    let req = SeekRequest {
        result: "nps",
        target: d("50"),
        vary: "promoters",
    };
    assert_eq!(
        seek(calc, &t, DOT, req),
        Seek::Found {
            value: d("50"),
            exact: true,
            others: false
        }
    );
}

#[test]
fn an_inexact_answer_holds_to_ten_significant_digits() {
    // NRR = (1,000,000 + 200,000 − 50,000 − c) / 1,000,000 × 100: 97.123456789… needs a
    // churn of 178,765.43210…, which no 10-digit value hits exactly.
    let calc = catalogue::find("nrr").unwrap();
    let t = texts("starting_arr=1000000&expansion=200000&downsell=50000&churn=100000");
    let target = d("97.12345678912345");
    let req = SeekRequest {
        result: "nrr_pct",
        target,
        vary: "churn",
    };
    let Seek::Found { value, exact, .. } = seek(calc, &t, DOT, req) else {
        panic!("not found")
    };
    assert!(!exact);
    let got = value_at(calc, &t, "churn", value, "nrr_pct").unwrap();
    let rel = ((got - target) / target).abs();
    assert!(rel < d("1e-10"), "{value} gives {got}");
}

#[test]
fn grr_can_never_exceed_100() {
    let calc = catalogue::find("grr").unwrap();
    let t = texts("renewable_arr=1000000&downsell=0&churn=100000");
    let req = SeekRequest {
        result: "grr_pct",
        target: d("120"),
        vary: "churn",
    };
    match seek(calc, &t, DOT, req) {
        Seek::Unreachable(why) => assert!(why.contains("can never exceed 100"), "{why}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_input_the_result_ignores_says_so() {
    // Target NPS changes how many promoters are needed, not the NPS itself.
    let calc = catalogue::find("nps").unwrap();
    let t = texts("promoters=70&passives=20&detractors=10&target_nps=80");
    let req = SeekRequest {
        result: "nps",
        target: d("75"),
        vary: "target_nps",
    };
    match seek(calc, &t, DOT, req) {
        Seek::Unreachable(why) => assert!(why.contains("stays at 60.0"), "{why}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_ids_are_refused_in_words() {
    let calc = catalogue::find("nps").unwrap();
    let t = texts("promoters=70&passives=20&detractors=10");
    let req = SeekRequest {
        result: "nps",
        target: d("75"),
        vary: "nothing",
    };
    assert!(matches!(seek(calc, &t, DOT, req), Seek::Invalid(_)));
}

/// Every calculator, every numeric result and input from its example: a target the result
/// takes when the input is 10 % higher is reached, and the answer gives it back.
#[test]
fn seek_reaches_every_reachable_target_of_every_calculator() {
    let (mut found, mut asked) = (0, 0);
    for calc in catalogue::ALL {
        let t = texts(calc.example);
        let e = crate::engine::evaluate::evaluate(calc, |id| t.get(id).map(String::as_str), DOT);
        for input in numeric_inputs(calc, &e) {
            let Some(x) = e.field(input.id).and_then(|f| f.value) else {
                continue;
            };
            let (lo, hi, whole) = range(input).unwrap();
            let moved = if whole {
                (x * d("1.1")).round() + Decimal::ONE
            } else {
                x * d("1.1") + d("0.5")
            };
            let moved = moved.min(hi).max(lo);
            for result in numeric_results(calc, &e) {
                let Some(target) = value_at(calc, &t, input.id, moved, result.id) else {
                    continue;
                };
                let Some(now) = value_at(calc, &t, input.id, x, result.id) else {
                    continue;
                };
                if target == now {
                    continue; // the input doesn't move this result
                }
                asked += 1;
                let req = SeekRequest {
                    result: result.id,
                    target,
                    vary: input.id,
                };
                match seek(calc, &t, DOT, req) {
                    Seek::Found { value, .. } => {
                        found += 1;
                        let got = value_at(calc, &t, input.id, value, result.id).unwrap();
                        let scale = target.abs().max(d("1e-6"));
                        let ok = ((got - target) / scale).abs() < d("1e-9") || whole;
                        assert!(
                            ok,
                            "{} {} by {}: {value} gives {got}, not {target}",
                            calc.id, result.id, input.id
                        );
                    }
                    other => panic!(
                        "{} {} by {} to {target}: {other:?}",
                        calc.id, result.id, input.id
                    ),
                }
            }
        }
    }
    assert!(asked > 100, "{asked}");
    assert_eq!(found, asked);
}

#[test]
fn sensitivity_puts_the_biggest_lever_first() {
    // LTV:CAC = 42,000 / 12,000 = 3.5. LTV ±10 %: 3.15 and 3.85 (0.70 apart);
    // CAC ±10 %: 42,000 / 10,800 = 3.888… and 42,000 / 13,200 = 3.1818… (0.707 apart).
    let calc = catalogue::find("ltv-cac").unwrap();
    let t = texts("ltv=42000&cac=12000");
    let tornado = sensitivity(calc, &t, DOT, 10).unwrap();
    assert_eq!(tornado.headline.id, "ltv_cac_ratio");
    assert_eq!(tornado.base, d("3.5"));
    let rows = tornado.rows;
    let ids: Vec<&str> = rows.iter().map(|r| r.input.id).collect();
    assert_eq!(ids, ["cac", "ltv"]);
    assert_eq!(rows[1].low, Some(d("3.15")));
    assert_eq!(rows[1].high, Some(d("3.85")));
    assert!(rows[0].low.unwrap() > d("3.888") && rows[0].high.unwrap() < d("3.182"));
}
