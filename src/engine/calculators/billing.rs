//! `billing-import` (METRICS.md, the end of "Breakdowns"): a subscription export dropped or
//! pasted, read in the browser into month-by-month MRR movements (`engine::billing`), the
//! last (or a chosen) month's NRR, GRR and logo churn, and cohorts. Its page markup, file
//! and CSV tables are in `billing_chart`.

use super::builders::{choice, result};
use crate::engine::billing::{
    self, columns::NOT_USED, Amounts, Cancel, Fatal, Ledger, MonthRow, Movements, Options, Picks,
    Role,
};
use crate::engine::csv::import::{CsvError, Table};
use crate::engine::dates::parse_year_month;
use crate::engine::error::{Reason, Undefined};
use crate::engine::evaluate::Evaluation;
use crate::engine::formula::{Ex, Inputs, Outcome};
use crate::engine::late::{self, Draw, Module};
use crate::engine::pace::{self, Pace, Unpaced};
use crate::engine::spec::{
    Calculator, Category, Chart, Choice, InputSpec, Kind, Need, TextKind, Unit,
};
use rust_decimal::Decimal;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Arc, OnceLock};

// `Reason`s must be statics to be referenced from a const: each is its own item.
macro_rules! reasons {
    ($($name:ident = $id:literal, $message:literal;)*) => {
        $(
            #[doc = $message]
            pub const $name: Undefined = Undefined::Because(&Reason { id: $id, message: $message });
        )*
    };
}

reasons! {
    NO_START_COLUMN = "no-start-column", "No column of start dates was found: pick it under Columns.";
    NO_AMOUNT_COLUMN = "no-amount-column", "No column of amounts (plan amount, price or MRR) was found: pick it under Columns.";
    SEVERAL_CURRENCIES = "several-currencies", "The file has several currencies: type the one to read in Currency.";
    NO_SUCH_CURRENCY = "no-such-currency", "No subscription in the file is in the currency typed.";
    INTERVAL_COUNTS = "interval-counts", "The interval counts are too varied to keep the amounts exact.";
    NO_SUBSCRIPTIONS = "no-subscriptions", "No subscription in the file could be read: see the rows left out.";
    MONTH_OUTSIDE = "month-outside", "The month typed is outside the file's months.";
    NO_MRR_AT_START = "no-mrr-at-start", "No MRR at the start of the month: NRR and GRR compare with it.";
    NO_CUSTOMERS_AT_START = "no-customers-at-start", "No paying customers at the start of the month.";
    NO_ACTIVE_CUSTOMERS = "no-active-customers", "No paying customers at the end of the month.";
    READER_LOADING = "reader-loading", "The file is still being read.";
}

/// The reason a file can't be read at all.
fn fatal_reason(f: &Fatal) -> Undefined {
    match f {
        Fatal::NoStart => NO_START_COLUMN,
        Fatal::NoAmount => NO_AMOUNT_COLUMN,
        Fatal::SeveralCurrencies(_) => SEVERAL_CURRENCIES,
        Fatal::NoSuchCurrency(_) => NO_SUCH_CURRENCY,
        Fatal::IntervalCounts => INTERVAL_COUNTS,
    }
}

const COLUMNS: &[Choice] = &[
    Choice {
        id: "auto",
        label: "Found automatically",
    },
    Choice {
        id: "by-hand",
        label: "Picked by hand",
    },
];

const CANCEL: &[Choice] = &[
    Choice {
        id: "period-end",
        label: "When the paid period ends",
    },
    Choice {
        id: "when-made",
        label: "When the customer cancels",
    },
];

const AMOUNTS: &[Choice] = &[
    Choice {
        id: "detect",
        label: "Detect",
    },
    Choice {
        id: "cents",
        label: "In cents",
    },
    Choice {
        id: "units",
        label: "In currency units",
    },
];

/// What the cohort grid shows.
pub const COHORT_VIEWS: &[Choice] = &[
    Choice {
        id: "customers-pct",
        label: "Customers, %",
    },
    Choice {
        id: "revenue-pct",
        label: "Revenue, %",
    },
    Choice {
        id: "customers-count",
        label: "Customers",
    },
    Choice {
        id: "revenue-money",
        label: "Revenue",
    },
];

/// The file input's id.
pub const FILE: &str = "subscriptions";

const fn column(role: Role, label: &'static str) -> InputSpec {
    InputSpec {
        id: role.input_id(),
        label,
        hint: "",
        kind: Kind::Text(TextKind::Column(FILE)),
        unit: Unit::Plain,
        default: None,
        need: Need::Optional,
        modes: &["by-hand"],
        question: &[],
    }
}

const fn text(
    id: &'static str,
    label: &'static str,
    kind: TextKind,
    hint: &'static str,
) -> InputSpec {
    InputSpec {
        id,
        label,
        hint,
        kind: Kind::Text(kind),
        unit: Unit::Plain,
        default: None,
        need: Need::Optional,
        modes: &[],
        question: &[],
    }
}

/// From a billing export to MRR movements, NRR, GRR and cohorts.
pub const BILLING_IMPORT: Calculator = Calculator {
    id: "billing-import",
    name: "MRR movements from a billing export",
    category: Category::Revenue,
    summary: "Drop a Stripe or Baremetrics subscription export: MRR month by month, new, expansion, contraction, churn and reactivation, NRR, GRR and cohorts. Read in your browser, never uploaded.",
    synonyms: &[
        "stripe",
        "baremetrics",
        "chartmogul",
        "billing",
        "subscriptions",
        "mrr movements",
        "cohorts",
        "import",
        "reactivation",
    ],
    inputs: &[
        InputSpec {
            id: FILE,
            label: "Subscription export",
            hint: "A CSV of subscriptions: Stripe's subscriptions export, Baremetrics' import template, or a sheet of customer, start, end and monthly amount.",
            kind: Kind::File,
            unit: Unit::Plain,
            default: None,
            need: Need::Required,
            modes: &[],
            question: &[],
        },
        choice("columns", "Columns", COLUMNS)
            .hint("Which column is which: found by its header, or picked by hand.")
            .default("auto"),
        column(Role::Customer, "Customer"),
        column(Role::Subscription, "Subscription id"),
        column(Role::Status, "Status"),
        column(Role::Start, "Start date"),
        column(Role::Canceled, "Cancelled at"),
        column(Role::Ended, "Ended at"),
        column(Role::PeriodEnd, "Current period end"),
        column(Role::TrialEnd, "Trial end"),
        column(Role::Amount, "Amount per interval"),
        column(Role::Monthly, "Monthly amount (MRR)"),
        column(Role::Interval, "Interval"),
        column(Role::IntervalCount, "Interval count"),
        column(Role::Quantity, "Quantity"),
        column(Role::Currency, "Currency"),
        choice("cancel_at", "A cancellation counts", CANCEL)
            .hint("At the period's end the customer still pays until then (Stripe's and ChartMogul's default).")
            .default("period-end"),
        choice("amounts", "Amounts", AMOUNTS)
            .hint("Baremetrics and Stripe's API write cents (4900 for 49.00).")
            .default("detect"),
        text(
            "currency",
            "Currency",
            TextKind::Code,
            "Needed when the file has several: MRR adds one currency.",
        ),
        text(
            "month",
            "Month",
            TextKind::Month,
            "The month the results are for (blank: the file's last).",
        ),
        choice("cohort_view", "Cohort grid shows", COHORT_VIEWS).default("customers-pct"),
    ],
    results: &[
        result("nrr_pct", "NRR in {month_shown}", Unit::Percent)
            .headline()
            .higher_better(),
        result("grr_pct", "GRR", Unit::Percent).higher_better(),
        result("logo_churn_pct", "Logo churn", Unit::Percent).lower_better(),
        result("mrr_end", "MRR at the month's end", Unit::Money).higher_better(),
        result("active_customers", "Paying customers at the month's end", Unit::Count)
            .higher_better(),
        result("month_shown", "Month shown", Unit::Label),
        result("mrr_start", "MRR at the month's start", Unit::Money),
        result("new_mrr", "New MRR", Unit::Money),
        result("expansion_mrr", "Expansion MRR", Unit::Money),
        result("contraction_mrr", "Contraction MRR", Unit::Money),
        result("churned_mrr", "Churned MRR", Unit::Money),
        result("reactivation_mrr", "Reactivation MRR", Unit::Money),
        result("customers_start", "Customers at the month's start", Unit::Count),
        result("customers_won", "Customers won (new and back)", Unit::Count),
        result("customers_lost", "Customers lost", Unit::Count),
        result("arpa", "ARPA", Unit::Money),
        result("expansion_pct", "Expansion, % of starting MRR", Unit::Percent),
        result("contraction_pct", "Contraction, % of starting MRR", Unit::Percent),
        result("revenue_churn_pct", "Churned, % of starting MRR", Unit::Percent),
        result("subscriptions_read", "Subscriptions read", Unit::Count),
        result("rows_left_out", "Rows left out", Unit::Count),
        result("month_count", "Months in the file", Unit::Count),
    ],
    relations: &[],
    compute: billing_import,
    sources: &["003", "mrr-movements"],
    chart: Some(Chart::Billing {
        title: "MRR month by month, with its movements",
    }),
    example: "subscriptions=Customer,Start,End,MRR%0AAcme,2026-01-05,,500%0AGlobex,2026-01-20,2026-04-02,300%0AInitech,2026-02-11,,250%0AUmbrella,2026-03-01,,400%0AAcme,2026-04-01,,200%0AHooli,2026-04-15,,150",
    take_away: Some("In {month_shown}, NRR {nrr_pct} and GRR {grr_pct}, with {logo_churn_pct} of customers lost; MRR ended at {mrr_end}"),
    next: None,
    compare: None,
};

/// What a run of the file gives: the columns used, the subscriptions, the months.
#[derive(Debug)]
pub struct Analysis {
    /// The table read.
    pub table: Arc<Table>,
    /// The columns used.
    pub picks: Picks,
    /// The subscriptions, or why there are none.
    pub ledger: Result<Ledger, Fatal>,
    /// The months and cohorts.
    pub movements: Movements,
}

/// The choices a run reads, as the evaluation gives them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    options: Options,
    chosen: Vec<Option<Arc<str>>>,
}

thread_local! {
    /// The last few runs: the formula and the page's tables read the same run, and
    /// scenarios alternate between a few.
    static RUNS: RefCell<Vec<(Key, Rc<Analysis>)>> = const { RefCell::new(Vec::new()) };
}

/// The run of `table` with these choices, from the last few when it is one of them; `None`
/// before the reader's part is installed (no table can have been read then).
fn run(
    table: &Arc<Table>,
    options: Options,
    chosen: Vec<Option<Arc<str>>>,
) -> Option<Rc<Analysis>> {
    let key = Key { options, chosen };
    if let Some(a) = kept(table, &key) {
        return Some(a);
    }
    let reader = READER.get()?;
    let analysis = Rc::new(pace::now((reader.work)(table, &key, &mut Unpaced)));
    keep(key, Rc::clone(&analysis));
    Some(analysis)
}

/// The run of `table` with `key`'s choices, if it is one of the last few.
fn kept(table: &Arc<Table>, key: &Key) -> Option<Rc<Analysis>> {
    RUNS.with(|runs| {
        runs.borrow()
            .iter()
            .find(|(k, a)| k == key && Arc::ptr_eq(&a.table, table))
            .map(|(_, a)| Rc::clone(a))
    })
}

/// Keeps a run, forgetting the oldest of more than three.
fn keep(key: Key, analysis: Rc<Analysis>) {
    RUNS.with(|runs| {
        let mut runs = runs.borrow_mut();
        if runs.len() >= 3 {
            runs.remove(0);
        }
        runs.push((key, analysis));
    });
}

/// Reads `table` with `key`'s choices into its subscriptions and months, at `pace`.
async fn work_out(table: &Arc<Table>, key: &Key, pace: &mut dyn Pace) -> Analysis {
    let picks = billing::pick(&table.header, |role| {
        Role::ALL
            .iter()
            .position(|r| *r == role)
            .and_then(|i| key.chosen.get(i))
            .and_then(|c| c.as_deref())
    });
    let ledger = billing::read_paced(table, &picks, &key.options, pace).await;
    pace::tick(pace).await;
    let movements = ledger.as_ref().map(billing::movements).unwrap_or_default();
    Analysis {
        table: Arc::clone(table),
        picks,
        ledger,
        movements,
    }
}

/// Works out, at `pace`, the run that `e`'s formula will read, and keeps it: evaluated
/// next, the formula finds it done. `e` holds the fields as read ([`crate::engine::evaluate::
/// read_fields`]); nothing is done for any other calculator, or a run already kept.
pub async fn prepare(e: &Evaluation, pace: &mut dyn Pace) {
    let (Some((table, key)), Some(reader)) = (key_of(e), READER.get()) else {
        return;
    };
    if kept(&table, &key).is_some() {
        return;
    }
    let analysis = (reader.work)(&table, &key, pace).await;
    keep(key, Rc::new(analysis));
}

/// Work at a pace, as the reader's part hands it over.
type Paced<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// The billing import's heavy half, installed with a part of its own the first time a file
/// arrives ([`install_reader`]): the CSV reader, the ledger and months, and the page's
/// markup. The page of `billing-import` opens with only the definition and its controls.
#[derive(Debug)]
pub struct Reader {
    /// Reads a CSV file's text, at a pace.
    pub parse: for<'a> fn(String, &'a mut dyn Pace) -> Paced<'a, Result<Table, CsvError>>,
    /// Works out a run.
    work: for<'a> fn(&'a Arc<Table>, &'a Key, &'a mut dyn Pace) -> Paced<'a, Analysis>,
    /// The page's markup, file and CSV tables.
    draw: Draw,
}

static READER: OnceLock<Reader> = OnceLock::new();

/// Installs the reader (called from its own part, so that everything it names is fetched
/// with that part, not with the definition).
pub fn install_reader() {
    late::FILE_READER.install(late::csv_file_reader);
    let _ = READER.set(Reader {
        parse: |text, pace| Box::pin(crate::engine::csv::import::parse_paced(text, pace)),
        work: |table, key, pace| Box::pin(work_out(table, key, pace)),
        draw: Draw {
            page: super::billing_chart::draw,
            file: super::billing_chart::draw_file,
            table: super::billing_chart::tables,
        },
    });
}

/// The reader, once its part is installed.
pub fn reader() -> Option<&'static Reader> {
    READER.get()
}

/// The table and choices an evaluation of `billing-import` reads (`None` before a file is
/// read, or for another calculator).
fn key_of(e: &Evaluation) -> Option<(Arc<Table>, Key)> {
    let table = e.field(FILE)?.table.as_ref()?;
    let text = |id: &str| e.field(id).and_then(|f| f.text.clone());
    let options = options_of(|id| e.mode.of(id), text("currency").as_deref());
    let chosen = Role::ALL.iter().map(|r| text(r.input_id())).collect();
    Some((Arc::clone(table), Key { options, chosen }))
}

fn options_of(choice: impl Fn(&str) -> Option<&'static str>, currency: Option<&str>) -> Options {
    Options {
        cancel: match choice("cancel_at") {
            Some("when-made") => Cancel::WhenMade,
            _ => Cancel::AtPeriodEnd,
        },
        amounts: match choice("amounts") {
            Some("cents") => Amounts::Cents,
            Some("units") => Amounts::Units,
            _ => Amounts::Detect,
        },
        currency: currency.map(|c| c.trim().to_ascii_uppercase()),
    }
}

/// The run an evaluation of `billing-import` shows (`None` before a file is read).
pub fn analysis(e: &Evaluation) -> Option<Rc<Analysis>> {
    let (table, key) = key_of(e)?;
    run(&table, key.options, key.chosen)
}

/// The month `month` (`YYYY-MM`) points at, else the last.
pub fn chosen_month<'m>(movements: &'m Movements, month: Option<&str>) -> Option<&'m MonthRow> {
    match month.and_then(parse_year_month) {
        Some(m) => {
            let i = billing::read::index(m);
            movements.months.iter().find(|r| r.month == i)
        }
        None => movements.months.last(),
    }
}

fn billing_import(i: &Inputs) -> Outcome {
    let mut out = Outcome::new();
    let Some(table) = i.table(FILE) else {
        return out;
    };
    let options = options_of(|id| i.choice(id), i.text("currency"));
    let chosen = Role::ALL
        .iter()
        .map(|r| i.text(r.input_id()).map(Arc::from))
        .collect();
    let analysis = run(table, options, chosen);
    let all: &[&str] = &[
        "nrr_pct",
        "grr_pct",
        "logo_churn_pct",
        "mrr_end",
        "active_customers",
        "mrr_start",
        "new_mrr",
        "expansion_mrr",
        "contraction_mrr",
        "churned_mrr",
        "reactivation_mrr",
        "customers_start",
        "customers_won",
        "customers_lost",
        "arpa",
        "expansion_pct",
        "contraction_pct",
        "revenue_churn_pct",
        "subscriptions_read",
        "rows_left_out",
        "month_count",
    ];
    let fail_all = |out: &mut Outcome, why: Undefined| {
        for id in all {
            out.set(id, Ex::fail(why));
        }
        out.label("month_shown", Err(why));
    };
    let Some(analysis) = analysis else {
        fail_all(&mut out, READER_LOADING);
        return out;
    };
    let ledger = match &analysis.ledger {
        Ok(l) => l,
        Err(f) => {
            fail_all(&mut out, fatal_reason(f));
            return out;
        }
    };
    let count = |n: u64| Ex::num(Decimal::from(n), Unit::Count);
    out.set(
        "subscriptions_read",
        count(ledger.subscriptions.len() as u64),
    )
    .set("rows_left_out", count(ledger.problem_total as u64))
    .set("month_count", count(analysis.movements.months.len() as u64));
    let Some(row) = chosen_month(&analysis.movements, i.text("month")) else {
        let why = if analysis.movements.months.is_empty() {
            NO_SUBSCRIPTIONS
        } else {
            MONTH_OUTSIDE
        };
        for id in all.iter().take(18) {
            out.set(id, Ex::fail(why));
        }
        out.label("month_shown", Err(why));
        return out;
    };
    let month = billing::read::month_of(row.month);
    out.label("month_shown", Ok((1, &month.label())));
    let per = Ex::int(0) + Ex::num(ledger.per_month, Unit::Plain);
    let money = |v: Decimal, name: &'static str| {
        Ex::named(v, Unit::Money, name).per(per.clone(), Undefined::DivideByZero)
    };
    let start = money(row.mrr_start, "MRR at the start");
    let expansion = money(row.expansion, "expansion");
    let contraction = money(row.contraction, "contraction");
    let churned = money(row.churned, "churned MRR");
    let end = money(row.mrr_end, "MRR at the end");
    let pct = |ex: Ex| (ex * 100).per(start.clone(), NO_MRR_AT_START);
    out.set(
        "nrr_pct",
        pct(start.clone() + expansion.clone() - contraction.clone() - churned.clone()),
    )
    .set(
        "grr_pct",
        pct(start.clone() - contraction.clone() - churned.clone()),
    )
    .set("expansion_pct", pct(expansion.clone()))
    .set("contraction_pct", pct(contraction.clone()))
    .set("revenue_churn_pct", pct(churned.clone()))
    .set("mrr_start", start.clone())
    .set("new_mrr", money(row.new, "new MRR"))
    .set("expansion_mrr", expansion)
    .set("contraction_mrr", contraction)
    .set("churned_mrr", churned)
    .set(
        "reactivation_mrr",
        money(row.reactivation, "reactivation MRR"),
    )
    .set("mrr_end", end.clone())
    .set("customers_start", count(row.customers_start))
    .set(
        "customers_won",
        count(row.customers_new.saturating_add(row.customers_back)),
    )
    .set("customers_lost", count(row.customers_lost))
    .set("active_customers", count(row.customers_end))
    .set(
        "logo_churn_pct",
        (count(row.customers_lost) * 100).per(count(row.customers_start), NO_CUSTOMERS_AT_START),
    )
    .set(
        "arpa",
        end.per(count(row.customers_end), NO_ACTIVE_CUSTOMERS),
    );
    out
}

/// Whether a by-hand pick means "not in this file".
pub fn is_not_used(text: &str) -> bool {
    text.trim() == NOT_USED
}

/// The calculators of this part.
pub const CALCULATORS: &[&Calculator] = &[&BILLING_IMPORT];

/// The billing import's definition, page, file and tables, linked late (see `engine::late`).
pub static MODULE: Module = Module {
    calculators: CALCULATORS,
    // Drawn by the reader's part: nothing is drawn before a file is read.
    draw: Some(Draw {
        page: |chart, e, display| {
            READER
                .get()
                .map(|r| (r.draw.page)(chart, e, display))
                .unwrap_or_default()
        },
        file: |chart, e, display| READER.get().and_then(|r| (r.draw.file)(chart, e, display)),
        table: |chart, e| {
            READER
                .get()
                .map(|r| (r.draw.table)(chart, e))
                .unwrap_or_default()
        },
    }),
};
