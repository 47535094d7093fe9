//! A survey export broken down (`nps-trend`, `nps-segments`, "Break down by…"): the score
//! column's answers counted as promoters, passives and detractors per group, the groups taken
//! from any column (a plan, a region) or from a date column by month or by quarter. Only the
//! counts leave this module: a link carries counts per group, never the rows.

use super::import::{quick_whole, Column, Skipped, Table};
use crate::engine::dates::{parse_month, Month, SlashOrder};
use crate::engine::error::shorten;
use crate::engine::fast_hash::QuickMap;
use crate::engine::groups::{Group, MAX_GROUPS};
use crate::engine::list::{check_entry, EntryRule};
use crate::engine::locale::DecimalMark;
use crate::engine::pace::{self, Pace, Unpaced};
use rust_decimal::Decimal;
use std::cell::RefCell;
use std::sync::{Arc, Weak};

/// How rows are put into groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupBy {
    /// By the text of this column (0-based).
    Column(usize),
    /// By the month of the dates in this column.
    Month(usize),
    /// By their quarter.
    Quarter(usize),
}

/// What a breakdown took and left.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grouped {
    /// The groups: by date in time order, otherwise in the order they first appear.
    pub groups: Vec<Group>,
    /// Answers counted.
    pub taken: usize,
    /// Rows without an answer, left out.
    pub blank: usize,
    /// The first few rows skipped for another reason.
    pub skipped: Vec<Skipped>,
    /// How many were skipped for another reason.
    pub skipped_total: usize,
    /// Groups beyond the most a table holds, merged into none (their answers left out).
    pub too_many_groups: bool,
}

impl Grouped {
    /// One sentence on what was taken and left.
    pub fn summary(&self, what: &str) -> String {
        let n = self.groups.len();
        let mut text = format!(
            "Took {} answer{} in {n} {what}{}",
            self.taken,
            if self.taken == 1 { "" } else { "s" },
            if n == 1 { "" } else { "s" }
        );
        if self.blank > 0 {
            text.push_str(&format!(
                "; {} row{} without an answer left out",
                self.blank,
                if self.blank == 1 { "" } else { "s" }
            ));
        }
        if self.skipped_total > 0 {
            let listed: Vec<String> = self
                .skipped
                .iter()
                .map(|s| format!("row {} “{}” ({})", s.row, s.text, s.reason))
                .collect();
            text.push_str(&format!("; skipped {}", listed.join(", ")));
            let more = self.skipped_total.saturating_sub(self.skipped.len());
            if more > 0 {
                text.push_str(&format!(" and {more} more"));
            }
        }
        if self.too_many_groups {
            text.push_str(&format!(
                "; more than {MAX_GROUPS} {what}s: only the first {MAX_GROUPS} were kept"
            ));
        }
        text.push('.');
        text
    }
}

/// Whether most of a column's cells are dates (then it can be grouped by month or quarter).
pub fn is_date_column(table: &Table, index: usize) -> bool {
    let cells: Vec<&str> = table
        .column(index)
        .take(2_000)
        .flatten()
        .filter(|c| !c.trim().is_empty())
        .collect();
    if cells.is_empty() {
        return false;
    }
    let order = SlashOrder::of_column(cells.iter().copied());
    let dated = cells
        .iter()
        .filter(|c| parse_month(c, order).is_some())
        .count();
    dated.saturating_mul(5) >= cells.len().saturating_mul(4)
}

/// The key a row falls under: a column's text (a plan), a month or a quarter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key<'t> {
    Text(&'t str),
    Month(Month),
    Quarter(u16, u8),
}

impl Key<'_> {
    fn label(&self) -> String {
        match self {
            Key::Text("") => "(blank)".to_owned(),
            Key::Text(t) => (*t).to_owned(),
            Key::Month(m) => m.label(),
            Key::Quarter(y, q) => format!("Q{q} {y}"),
        }
    }
}

/// Where an answer goes: 0 promoter, 1 passive, 2 detractor.
fn kind_of(value: Decimal) -> usize {
    if value >= Decimal::from(9) {
        0
    } else if value >= Decimal::from(7) {
        1
    } else {
        2
    }
}

/// NPS answers, as a breakdown reads them: whole numbers from 0 to 10.
pub const NPS_RULE: EntryRule = EntryRule {
    whole: true,
    min: Decimal::ZERO,
    max: Decimal::TEN,
};

/// What a file is suggested to be broken down by, from its columns counted with
/// [`NPS_RULE`]: the column of 0–10 answers (the one that most looks like the NPS question)
/// and the column to group by (see [`suggested_by`]).
pub fn suggested(table: &Table, columns: &[Column], want_dates: bool) -> (usize, usize) {
    let score = super::import::pick(
        columns,
        NPS_RULE,
        crate::engine::calculators::loyalty::NPS_QUESTION,
    )
    .unwrap_or(0);
    (score, suggested_by(table, columns, score, want_dates))
}

/// The first column that is dates, else the first that is neither the scores nor numbers
/// (the other way round unless `want_dates`): what a file is suggested to be grouped by.
pub fn suggested_by(table: &Table, columns: &[Column], score: usize, want_dates: bool) -> usize {
    let dates = (0..table.header.len()).find(|&i| i != score && is_date_column(table, i));
    let texts = columns
        .iter()
        .find(|c| {
            c.index != score
                && c.numeric.saturating_mul(2) < table.len().max(1)
                && !is_date_column(table, c.index)
        })
        .map(|c| c.index);
    let first_other = (0..table.header.len()).find(|&i| i != score).unwrap_or(0);
    if want_dates {
        dates.or(texts).unwrap_or(first_other)
    } else {
        texts.or(dates).unwrap_or(first_other)
    }
}

/// How column `by` groups its rows: by quarter (or, not `by_quarter`, month) when it holds
/// dates, else by its text.
pub fn grouping(table: &Table, by: usize, by_quarter: bool) -> GroupBy {
    match (is_date_column(table, by), by_quarter) {
        (true, true) => GroupBy::Quarter(by),
        (true, false) => GroupBy::Month(by),
        _ => GroupBy::Column(by),
    }
}

/// The last breakdown: the import works it out in slices before it shows the table, and the
/// preview reads it from here instead of counting a million rows in one task.
type Kept = (
    Weak<Table>,
    usize,
    GroupBy,
    EntryRule,
    DecimalMark,
    Arc<Grouped>,
);

thread_local! {
    static KEPT: RefCell<Option<Kept>> = const { RefCell::new(None) };
}

/// [`group`], from the last breakdown when it was of this table with these choices.
pub fn group_of(
    table: &Arc<Table>,
    score: usize,
    by: GroupBy,
    rule: EntryRule,
    mark: DecimalMark,
) -> Arc<Grouped> {
    pace::now(group_of_paced(table, score, by, rule, mark, &mut Unpaced))
}

/// [`group_of`], counted a slice at a time at `pace` when not kept.
pub async fn group_of_paced(
    table: &Arc<Table>,
    score: usize,
    by: GroupBy,
    rule: EntryRule,
    mark: DecimalMark,
    pace: &mut dyn Pace,
) -> Arc<Grouped> {
    let hit = KEPT.with(|k| {
        k.borrow()
            .as_ref()
            .filter(|(t, s, b, r, m, _)| {
                (*s, *b, *r, *m) == (score, by, rule, mark)
                    && t.upgrade().is_some_and(|t| Arc::ptr_eq(&t, table))
            })
            .map(|kept| Arc::clone(&kept.5))
    });
    if let Some(hit) = hit {
        return hit;
    }
    let grouped = Arc::new(group_paced(table, score, by, rule, mark, pace).await);
    KEPT.with(|k| {
        *k.borrow_mut() = Some((
            Arc::downgrade(table),
            score,
            by,
            rule,
            mark,
            Arc::clone(&grouped),
        ));
    });
    grouped
}

/// Counts the answers in column `score` (on the rule's 0–10 scale) per group.
pub fn group(
    table: &Table,
    score: usize,
    by: GroupBy,
    rule: EntryRule,
    mark: DecimalMark,
) -> Grouped {
    pace::now(group_paced(table, score, by, rule, mark, &mut Unpaced))
}

/// [`group`], a slice at a time at `pace`.
async fn group_paced(
    table: &Table,
    score: usize,
    by: GroupBy,
    rule: EntryRule,
    mark: DecimalMark,
    pace: &mut dyn Pace,
) -> Grouped {
    let (key_column, dated) = match by {
        GroupBy::Column(c) => (c, false),
        GroupBy::Month(c) | GroupBy::Quarter(c) => (c, true),
    };
    let order = if dated {
        SlashOrder::of_column(table.column(key_column).flatten())
    } else {
        SlashOrder::MonthFirst
    };
    let nps_scale = rule.whole && rule.min.is_zero() && rule.max == Decimal::TEN;
    let mut out = Grouped::default();
    let mut index: QuickMap<Key, usize> = QuickMap::default();
    // Rows of one group often come together (an export sorted by date or plan).
    let mut last: Option<(Key, usize)> = None;
    let mut keys: Vec<Key> = Vec::new();
    let mut counts: Vec<[u64; 3]> = Vec::new();
    // The reason is worded only for the rows shown: a file of a million bad rows words a few.
    let skip = |out: &mut Grouped, row: usize, cell: &str, reason: &dyn Fn() -> String| {
        out.skipped_total = out.skipped_total.saturating_add(1);
        if out.skipped.len() < crate::engine::list::SHOWN_BAD_ENTRIES {
            out.skipped.push(Skipped {
                row,
                text: shorten(cell),
                reason: reason(),
            });
        }
    };
    for i in 0..table.len() {
        if pace::every(i) {
            pace::tick(pace).await;
        }
        // Data rows start on spreadsheet row 2, under the header.
        let at = i.saturating_add(2);
        let cell = table.cell(i, score).unwrap_or_default().trim();
        if cell.is_empty() {
            out.blank = out.blank.saturating_add(1);
            continue;
        }
        let kind = match quick_whole(cell).filter(|v| nps_scale && *v <= 10) {
            Some(v) => kind_of(Decimal::from(v)),
            None => match check_entry(cell, mark, rule) {
                Ok(v) => kind_of(v),
                Err(e) => {
                    skip(&mut out, at, cell, &|| e.reason());
                    continue;
                }
            },
        };
        let text = table.cell(i, key_column).unwrap_or_default();
        let key = match by {
            GroupBy::Column(_) => Key::Text(text.trim()),
            GroupBy::Month(_) | GroupBy::Quarter(_) => {
                let Some(m) = parse_month(text, order) else {
                    skip(&mut out, at, text, &|| "not a date".to_owned());
                    continue;
                };
                match by {
                    GroupBy::Month(_) => Key::Month(m),
                    _ => Key::Quarter(m.year, m.quarter()),
                }
            }
        };
        let known = last
            .filter(|(k, _)| *k == key)
            .map(|(_, s)| s)
            .or_else(|| index.get(&key).copied());
        let slot = match known {
            Some(s) => s,
            None => {
                if keys.len() >= MAX_GROUPS {
                    out.too_many_groups = true;
                    continue;
                }
                index.insert(key, keys.len());
                keys.push(key);
                counts.push([0; 3]);
                keys.len() - 1
            }
        };
        last = Some((key, slot));
        if let Some(c) = counts.get_mut(slot).and_then(|c| c.get_mut(kind)) {
            *c = c.saturating_add(1);
        }
        out.taken = out.taken.saturating_add(1);
    }
    let mut groups: Vec<(Key, [u64; 3])> = keys.into_iter().zip(counts).collect();
    if dated {
        groups.sort_by(|a, b| a.0.cmp(&b.0));
    }
    out.groups = groups
        .into_iter()
        .map(|(key, [p, a, d])| Group {
            label: key.label(),
            promoters: p,
            passives: a,
            detractors: d,
        })
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::csv::import::parse;

    const NPS: EntryRule = EntryRule {
        whole: true,
        min: Decimal::ZERO,
        max: Decimal::TEN,
    };

    fn counts(g: &Grouped) -> Vec<(String, u64, u64, u64)> {
        g.groups
            .iter()
            .map(|g| (g.label.clone(), g.promoters, g.passives, g.detractors))
            .collect()
    }

    const FILE: &str = "Date,Plan,Score\n2026-01-15,Pro,10\n2026-02-03,Starter,3\n2026-04-20,Pro,8\n2026-04-21,Starter,9\n,Pro,\n2026-05-01,Pro,x\nsoon,Pro,7\n";

    #[test]
    fn by_quarter_in_time_order() {
        let table = parse(FILE).expect("parses");
        let g = group(&table, 2, GroupBy::Quarter(0), NPS, DecimalMark::Dot);
        assert_eq!(
            counts(&g),
            [("Q1 2026".into(), 1, 0, 1), ("Q2 2026".into(), 1, 1, 0)]
        );
        assert_eq!((g.taken, g.blank, g.skipped_total), (4, 1, 2));
        assert_eq!(
            g.summary("wave"),
            "Took 4 answers in 2 waves; 1 row without an answer left out; skipped row 7 “x” (not a number), row 8 “soon” (not a date)."
        );
    }

    #[test]
    fn by_month_and_by_plan() {
        let table = parse(FILE).expect("parses");
        let g = group(&table, 2, GroupBy::Month(0), NPS, DecimalMark::Dot);
        let labels: Vec<String> = g.groups.iter().map(|g| g.label.clone()).collect();
        assert_eq!(labels, ["Jan 2026", "Feb 2026", "Apr 2026"]);
        let g = group(&table, 2, GroupBy::Column(1), NPS, DecimalMark::Dot);
        assert_eq!(
            counts(&g),
            [("Pro".into(), 1, 2, 0), ("Starter".into(), 1, 0, 1)]
        );
    }

    #[test]
    fn a_date_column_is_told_from_others() {
        let table = parse(FILE).expect("parses");
        assert!(is_date_column(&table, 0));
        assert!(!is_date_column(&table, 1));
        assert!(!is_date_column(&table, 2));
    }
}
