//! Billing exports (Stripe's subscriptions export, Baremetrics' import template, a plain
//! sheet of customer, start, end and monthly amount) read into MRR movements and cohorts,
//! entirely in the browser: which column is which (`columns`), the subscriptions and their
//! monthly amounts (`read`), and the months and cohorts (`movements`). The `billing-import`
//! calculator (`calculators::billing`) shows them.

pub mod columns;
pub mod movements;
pub mod read;

pub use columns::{pick, Picks, Role};
pub use movements::{movements, Cohort, MonthRow, Movements};
pub use read::{read, read_paced, Amounts, Cancel, Fatal, Ledger, Options, Problem};
