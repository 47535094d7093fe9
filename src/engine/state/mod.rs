//! A calculator's state as text: the shareable link (`link`), the record kept in the browser
//! (`record`), the rule that picks the figures a calculator opens with (`start`), and the
//! scenarios they hold (`sheet`). Links and records share one `key=value&…` encoding
//! (`pairs`); the UI only reads the address and storage and writes what these give it.

pub mod link;
pub mod pairs;
pub mod record;
pub mod sheet;
pub mod start;
mod texts;

pub use link::{inputs_from_link, read_link, to_query, FromLink, Link, Omission, Query, SeekLink};
pub use pairs::{decode_pairs, encode_pairs};
pub use record::{from_record, to_record, StoredError};
pub use sheet::{Scenario, Sheet};
pub use start::defaults;
pub use texts::Texts;

#[cfg(test)]
mod tests;
