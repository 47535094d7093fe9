//! A table of groups typed or pasted as lines, each a label and its promoters, passives and
//! detractors (`Q1 2026, 120, 45, 30` or `Enterprise; 80; 30; 10`): the survey waves of
//! `nps-trend` and the segments of `nps-segments`. The last three cells of a line are the
//! counts, everything before them the label (so a label may hold commas: `EU, Enterprise,
//! 80, 30, 10`). A link carries these lines as they are: counts per group, never raw answers.

use crate::engine::error::shorten;
use crate::engine::locale::DecimalMark;
use crate::engine::number;
use rust_decimal::Decimal;

/// One group: its label (the user's text) and its answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// The label as typed, trimmed.
    pub label: String,
    /// Answers of 9 or 10.
    pub promoters: u64,
    /// Answers of 7 or 8.
    pub passives: u64,
    /// Answers from 0 to 6.
    pub detractors: u64,
}

impl Group {
    /// All its answers.
    pub fn responses(&self) -> u64 {
        self.promoters
            .saturating_add(self.passives)
            .saturating_add(self.detractors)
    }

    /// Its counts as a triple.
    pub fn counts(&self) -> (u64, u64, u64) {
        (self.promoters, self.passives, self.detractors)
    }

    /// The line that gives this group back (`label, promoters, passives, detractors`).
    pub fn line(&self) -> String {
        format!(
            "{}, {}, {}, {}",
            self.label, self.promoters, self.passives, self.detractors
        )
    }
}

/// The most groups a table holds: a wave a week for nearly four years, or a segment per
/// country.
pub const MAX_GROUPS: usize = 200;

/// The most answers one count may hold (a billion): every statistic stays well inside a
/// decimal's 28 digits.
const MAX_COUNT: u64 = 1_000_000_000;

/// Why a line was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadLine {
    /// 1-based line number among the non-blank lines.
    pub line: usize,
    /// The line, shortened.
    pub text: String,
    /// What is wrong with it.
    pub why: String,
}

/// Groups read, or the first few bad lines and how many there were.
pub type Read = Result<Vec<Group>, (Vec<BadLine>, usize)>;

/// Reads `text` (one group per line; blank lines skipped) in the user's number format.
/// `Err` lists the first few bad lines and how many there were.
pub fn parse(text: &str, mark: DecimalMark) -> Read {
    let mut groups = Vec::new();
    let mut bad = Vec::new();
    let mut total_bad = 0_usize;
    let lines = text.lines().filter(|l| !l.trim().is_empty());
    for (i, line) in lines.enumerate() {
        match parse_line(line, mark) {
            Ok(group) => groups.push(group),
            Err(why) => {
                total_bad = total_bad.saturating_add(1);
                if bad.len() < crate::engine::list::SHOWN_BAD_ENTRIES {
                    bad.push(BadLine {
                        line: i.saturating_add(1),
                        text: shorten(line),
                        why,
                    });
                }
            }
        }
    }
    if groups.len() > MAX_GROUPS {
        total_bad = total_bad.saturating_add(1);
        bad.push(BadLine {
            line: MAX_GROUPS.saturating_add(1),
            text: String::new(),
            why: format!("more than {MAX_GROUPS} lines: merge some groups first"),
        });
    }
    if total_bad > 0 {
        return Err((bad, total_bad));
    }
    Ok(groups)
}

/// The separator a line's counts are split by, tried in this order: a tab, `;` (a
/// decimal-comma sheet pastes those), `,`. The label is whatever comes before the last three
/// cells, so it may hold any of them.
const SEPARATORS: [char; 3] = ['\t', ';', ','];

fn parse_line(line: &str, mark: DecimalMark) -> Result<Group, String> {
    let mut first_error = None;
    for sep in SEPARATORS.into_iter().filter(|s| line.contains(*s)) {
        match split_line(line, sep, mark) {
            Ok(group) => return Ok(group),
            Err(why) => {
                first_error.get_or_insert(why);
            }
        }
    }
    Err(first_error
        .unwrap_or_else(|| "needs a name and three counts: promoters, passives, detractors".into()))
}

fn split_line(line: &str, sep: char, mark: DecimalMark) -> Result<Group, String> {
    let mut cells: Vec<&str> = line.rsplitn(4, sep).collect();
    cells.reverse();
    let [label, counts @ ..] = cells.as_slice() else {
        return Err("needs a name and three counts: promoters, passives, detractors".into());
    };
    if counts.len() != 3 {
        return Err("needs a name and three counts: promoters, passives, detractors".into());
    }
    let label = label.trim().to_owned();
    if label.is_empty() {
        return Err("needs a name before its counts".into());
    }
    let mut read = [0_u64; 3];
    let what = ["promoters", "passives", "detractors"];
    for ((slot, cell), name) in read.iter_mut().zip(counts).zip(what) {
        *slot = count(cell.trim(), mark).map_err(|why| format!("{name} {why}"))?;
    }
    let [promoters, passives, detractors] = read;
    Ok(Group {
        label,
        promoters,
        passives,
        detractors,
    })
}

/// A whole count from 0 to a billion.
fn count(cell: &str, mark: DecimalMark) -> Result<u64, String> {
    let value = number::parse(cell, mark)
        .map_err(|_| format!("“{}” is not a number", shorten(cell)))?
        .value;
    if value.is_sign_negative() && !value.is_zero() {
        return Err("can't be negative".into());
    }
    if value.fract() != Decimal::ZERO {
        return Err("must be a whole number".into());
    }
    u64::try_from(value.trunc().mantissa())
        .ok()
        .filter(|v| *v <= MAX_COUNT)
        .ok_or_else(|| "is more than a billion".into())
}

/// The lines of `groups`, as the link and the field keep them.
pub fn lines(groups: &[Group]) -> String {
    groups
        .iter()
        .map(Group::line)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(label: &str, p: u64, a: u64, d: u64) -> Group {
        Group {
            label: label.into(),
            promoters: p,
            passives: a,
            detractors: d,
        }
    }

    #[test]
    fn lines_in_each_separator() {
        let text = "Q1 2026, 120, 45, 30\n\nQ2 2026;130;40;25\nQ3\t140\t35\t20";
        assert_eq!(
            parse(text, DecimalMark::Dot),
            Ok(vec![
                g("Q1 2026", 120, 45, 30),
                g("Q2 2026", 130, 40, 25),
                g("Q3", 140, 35, 20)
            ])
        );
    }

    #[test]
    fn a_label_may_hold_the_separator() {
        assert_eq!(
            parse("EU, Enterprise, 80, 30, 10", DecimalMark::Dot),
            Ok(vec![g("EU, Enterprise", 80, 30, 10)])
        );
    }

    #[test]
    fn bad_lines_say_which_and_why() {
        let (bad, total) = parse(
            "A, 1, 2\nB, 1, x, 3\n, 1, 2, 3\nC, 1.5, 0, 0\nD, -1, 0, 0",
            DecimalMark::Dot,
        )
        .expect_err("bad");
        assert_eq!(total, 5);
        assert_eq!(bad[0].line, 1);
        assert!(bad[0].why.contains("three counts"));
        assert!(
            bad[1].why.contains("passives “x” is not a number"),
            "{}",
            bad[1].why
        );
        assert!(bad[2].why.contains("needs a name"));
        assert!(bad[3].why.contains("whole number"));
        assert!(bad[4].why.contains("negative"));
    }

    #[test]
    fn lines_give_the_groups_back() {
        let groups = vec![
            g("Starter, EU", 10, 5, 30),
            g("Pro; 2", 40, 20, 10),
            g("x\ty", 1, 2, 3),
        ];
        assert_eq!(parse(&lines(&groups), DecimalMark::Dot), Ok(groups));
    }
}
