//! Dates as survey tools export them, read to the month: ISO (`2026-01-15`, with a time or a
//! `T…Z` after it: Qualtrics, Typeform, Google Forms' ISO), US (`01/15/2026 09:14 AM`:
//! SurveyMonkey), European (`15.01.2026`), and day-first slashes (`15/01/2026`). Whether
//! slashes put the month or the day first is decided for the whole column
//! ([`SlashOrder::of_column`]): day first when some date can only be read that way (a first
//! number above 12), else month first, as SurveyMonkey writes them.

/// A month: year and month (1–12).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    /// The year.
    pub year: u16,
    /// The month, 1–12.
    pub month: u8,
}

impl Month {
    /// Its quarter, 1–4.
    pub fn quarter(self) -> u8 {
        self.month.div_ceil(3)
    }

    /// "Jan 2026".
    pub fn label(self) -> String {
        const NAMES: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let name = NAMES
            .get(usize::from(self.month.saturating_sub(1)))
            .copied()
            .unwrap_or("?");
        format!("{name} {}", self.year)
    }

    /// "Q1 2026".
    pub fn quarter_label(self) -> String {
        format!("Q{} {}", self.quarter(), self.year)
    }
}

/// How a column writes dates with slashes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlashOrder {
    /// 01/15/2026.
    MonthFirst,
    /// 15/01/2026.
    DayFirst,
}

impl SlashOrder {
    /// The order of a column: day first when one of its slash dates has a first number
    /// above 12, else month first.
    pub fn of_column<'a>(cells: impl Iterator<Item = &'a str>) -> SlashOrder {
        for cell in cells.take(10_000) {
            if let Some((first, _, _)) = slash_parts(cell.trim()) {
                if first > 12 {
                    return SlashOrder::DayFirst;
                }
            }
        }
        SlashOrder::MonthFirst
    }
}

/// The leading digits of `s` as a number, and the rest.
fn digits(s: &str) -> Option<(u32, &str)> {
    // Byte by byte: a million dates are read this way, and `str::parse` is several times
    // slower than the four digits need.
    let mut value = 0_u32;
    let mut end = 0_usize;
    for &b in s.as_bytes().iter().take(5) {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            break;
        }
        value = value * 10 + u32::from(digit);
        end += 1;
    }
    if end == 0 || end > 4 {
        return None;
    }
    Some((value, s.get(end..)?))
}

/// `a/b/yyyy…` as (a, b, year).
fn slash_parts(s: &str) -> Option<(u32, u32, u32)> {
    let (a, rest) = digits(s)?;
    let (b, rest) = digits(rest.strip_prefix('/')?)?;
    let (year, _) = digits(rest.strip_prefix('/')?)?;
    Some((a, b, year))
}

fn month(year: u32, month: u32, day: u32) -> Option<Month> {
    let valid =
        (1..=12).contains(&month) && (1..=31).contains(&day) && (1900..=2200).contains(&year);
    valid.then_some(Month {
        year: u16::try_from(year).ok()?,
        month: u8::try_from(month).ok()?,
    })
}

/// The month of a date cell, or `None` when it is not a date in a known form.
pub fn parse_month(cell: &str, order: SlashOrder) -> Option<Month> {
    let s = cell.trim().trim_matches('"');
    let (first, rest) = digits(s)?;
    if let Some(rest) = rest.strip_prefix('-') {
        // ISO: yyyy-mm-dd, anything after (a time, T…Z).
        let (m, rest) = digits(rest)?;
        let (d, _) = digits(rest.strip_prefix('-')?)?;
        return month(first, m, d);
    }
    if let Some(rest) = rest.strip_prefix('.') {
        // dd.mm.yyyy
        let (m, rest) = digits(rest)?;
        let (y, _) = digits(rest.strip_prefix('.')?)?;
        return month(y, m, first);
    }
    let (a, b, y) = slash_parts(s)?;
    match order {
        SlashOrder::MonthFirst => month(y, a, b),
        SlashOrder::DayFirst => month(y, b, a),
    }
}

/// A month written `2026-03` (as `<input type="month">` gives it).
pub fn parse_year_month(text: &str) -> Option<Month> {
    let (y, m) = text.trim().split_once('-')?;
    let (year, month) = (y.parse::<u16>().ok()?, m.parse::<u8>().ok()?);
    (y.len() == 4 && (1..=12).contains(&month) && m.len() == 2).then_some(Month { year, month })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(year: u16, month: u8) -> Option<Month> {
        Some(Month { year, month })
    }

    #[test]
    fn every_form_the_tools_export() {
        let us = SlashOrder::MonthFirst;
        assert_eq!(parse_month("2026-01-15", us), m(2026, 1));
        assert_eq!(parse_month("2026-04-02T09:14:00Z", us), m(2026, 4));
        assert_eq!(parse_month("2026-07-31 23:59:59", us), m(2026, 7));
        assert_eq!(parse_month("01/15/2026", us), m(2026, 1));
        assert_eq!(parse_month("11/02/2026 09:14", us), m(2026, 11));
        assert_eq!(parse_month("1/5/2026 9:14:22 AM", us), m(2026, 1));
        assert_eq!(parse_month("15.01.2026", us), m(2026, 1));
        assert_eq!(parse_month("15/01/2026", SlashOrder::DayFirst), m(2026, 1));
        assert_eq!(parse_month("\"2026-03-01\"", us), m(2026, 3));
    }

    #[test]
    fn what_is_not_a_date() {
        let us = SlashOrder::MonthFirst;
        for cell in [
            "",
            "n/a",
            "2026",
            "13/45/2026",
            "2026-13-01",
            "Enterprise",
            "9",
            "12.5",
        ] {
            assert_eq!(parse_month(cell, us), None, "{cell}");
        }
    }

    #[test]
    fn a_column_says_which_comes_first() {
        let us = ["01/15/2026", "02/03/2026"];
        assert_eq!(
            SlashOrder::of_column(us.into_iter()),
            SlashOrder::MonthFirst
        );
        let eu = ["03/02/2026", "15/01/2026"];
        assert_eq!(SlashOrder::of_column(eu.into_iter()), SlashOrder::DayFirst);
    }

    #[test]
    fn labels_and_quarters() {
        let jan = Month {
            year: 2026,
            month: 1,
        };
        assert_eq!(jan.label(), "Jan 2026");
        assert_eq!(jan.quarter_label(), "Q1 2026");
        assert_eq!(
            Month {
                year: 2026,
                month: 12
            }
            .quarter_label(),
            "Q4 2026"
        );
    }
}
