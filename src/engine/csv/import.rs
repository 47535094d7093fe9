//! CSV in: survey exports (a header row, quoted fields, a BOM, `,` or `;` or tab between
//! fields, blank cells, extra columns, ragged rows). The user picks the column of scores (the
//! one that looks most like scores is suggested); its valid values fill the list, and every
//! skipped row is reported with its row number and why.

use crate::engine::error::{shorten, EntryError};
use crate::engine::list::EntryRule;
use crate::engine::locale::DecimalMark;
use crate::engine::pace::{self, Pace, Unpaced};
use rust_decimal::Decimal;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::{Arc, Weak};

/// A parsed CSV file, kept compact: a million-row export is one text and the places of its
/// cells (not a string per cell, which took seconds to build in the browser), so it can stay
/// in the page while the user picks and re-picks its columns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// Column names from the first row (`Column N` where a row is longer than the header).
    pub header: Vec<String>,
    /// The field separator found.
    pub separator: char,
    /// The file's text: unquoted cells are slices of it.
    text: String,
    /// Quoted cells that held `""` or text after their closing quote, written out.
    written: String,
    /// Each data cell, row after row: (start, end) in `text`, or in `written` when the
    /// start has [`WRITTEN`] set.
    cells: Vec<(u32, u32)>,
    /// Where each data row's cells start in `cells`, and one past the last.
    starts: Vec<u32>,
}

/// Marks a cell whose text is in [`Table::written`].
const WRITTEN: u32 = 1 << 31;

impl Table {
    /// How many data rows (the header not counted).
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Whether there are no data rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn text_of(&self, (start, end): (u32, u32)) -> &str {
        let (buffer, start) = if start & WRITTEN != 0 {
            (&self.written, start & !WRITTEN)
        } else {
            (&self.text, start)
        };
        buffer.get(start as usize..end as usize).unwrap_or_default()
    }

    /// The cells of data row `row` (0-based), as many as the row has.
    pub fn row(&self, row: usize) -> impl Iterator<Item = &str> {
        let from = self.starts.get(row).copied().unwrap_or(0) as usize;
        let to = self.starts.get(row + 1).copied().unwrap_or(0) as usize;
        self.cells
            .get(from..to)
            .unwrap_or_default()
            .iter()
            .map(|c| self.text_of(*c))
    }

    /// Cell `col` of data row `row`, if the row is that long.
    pub fn cell(&self, row: usize, col: usize) -> Option<&str> {
        let from = *self.starts.get(row)? as usize;
        let to = *self.starts.get(row + 1)? as usize;
        let at = from.checked_add(col).filter(|at| *at < to)?;
        self.cells.get(at).map(|c| self.text_of(*c))
    }

    /// Column `col` of every data row (`None` where a row is shorter). One pass over the
    /// rows' starts, not a lookup per row: a large export's column is read a few times.
    pub fn column(&self, col: usize) -> impl Iterator<Item = Option<&str>> {
        self.starts.windows(2).map(move |w| match w {
            [from, to] => {
                let at = (*from as usize).checked_add(col)?;
                (at < *to as usize)
                    .then(|| self.cells.get(at).map(|c| self.text_of(*c)))
                    .flatten()
            }
            _ => None,
        })
    }
}

/// Why a file could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvError {
    /// Nothing but blank lines.
    Empty,
    /// A quote opened on this line (1-based) is never closed.
    UnterminatedQuote {
        /// The line where the quoted field starts.
        line: usize,
    },
    /// A header but no data rows.
    NoRows,
}

impl CsvError {
    /// The sentence shown.
    pub fn message(self) -> String {
        match self {
            CsvError::Empty => "The file is empty.".into(),
            CsvError::UnterminatedQuote { line } => format!(
                "The file looks damaged: a quoted field that starts on line {line} never ends \
                 (a \" is missing)."
            ),
            CsvError::NoRows => "The file has a header row but no answers below it.".into(),
        }
    }
}

/// Whether pasted text is a table (a header of names over rows of several cells, such as
/// `Name, Score` copied from a spreadsheet) rather than a list of numbers: then the column
/// picker, not the list, should read it. Only the first lines are looked at, split on the
/// separator the header uses most; quotes are not read here (the picker's parse reads them),
/// which keeps the full CSV reader out of the page's first download (every paste runs this).
pub fn is_table(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().filter(|l| !l.trim().is_empty()).take(6);
    let Some(header) = lines.next() else {
        return false;
    };
    let Some(sep) = [',', ';', '\t']
        .into_iter()
        .max_by_key(|c| header.matches(*c).count())
        .filter(|c| header.contains(*c))
    else {
        return false;
    };
    let cells: Vec<&str> = header.split(sep).collect();
    let named = cells.iter().any(|cell| {
        cell.trim()
            .trim_start_matches('"')
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
    });
    named && cells.len() >= 2 && lines.any(|l| l.split(sep).count() >= 2)
}

/// A file's bytes as text, as a browser reads a file: UTF-8, with a byte that is not UTF-8
/// replaced by `�` (an export saved in another encoding still opens, its accents marked).
/// Valid bytes, which a file almost always has, are kept without a copy.
pub fn text_of_file(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes)
        .unwrap_or_else(|not_utf8| String::from_utf8_lossy(not_utf8.as_bytes()).into_owned())
}

/// Reads CSV text. Never panics; a damaged file gives a [`CsvError`].
pub fn parse(text: &str) -> Result<Table, CsvError> {
    parse_owned(text.to_owned())
}

/// [`parse`], keeping the text given (a large file is not copied).
pub fn parse_owned(text: String) -> Result<Table, CsvError> {
    pace::now(parse_paced(text, &mut Unpaced))
}

/// [`parse_owned`], a slice at a time at `pace` (a million rows are more than one task).
pub async fn parse_paced(mut text: String, pace: &mut dyn Pace) -> Result<Table, CsvError> {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    let separator = detect_separator(&text);
    let mut table = Table {
        separator,
        ..Table::default()
    };
    let read = Reader::read(&text, separator as u8, pace).await?;
    table.written = read.written;
    let mut records = read.records.into_iter();
    let Some(header) = records.next() else {
        return Err(CsvError::Empty);
    };
    let mut cells = read.cells;
    let mut header: Vec<String> = cells
        .get(header.0..header.1)
        .unwrap_or_default()
        .iter()
        .map(|c| {
            let (start, end) = *c;
            let buffer = if start & WRITTEN != 0 {
                &table.written
            } else {
                &text
            };
            buffer
                .get((start & !WRITTEN) as usize..end as usize)
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    let first = header.len();
    cells.drain(..first);
    table.starts = records
        .map(|(from, _)| u32::try_from(from.saturating_sub(first)).unwrap_or(u32::MAX))
        .collect();
    if table.starts.is_empty() {
        return Err(CsvError::NoRows);
    }
    table
        .starts
        .push(u32::try_from(cells.len()).unwrap_or(u32::MAX));
    let width = table
        .starts
        .windows(2)
        .map(|w| match w {
            [a, b] => b.saturating_sub(*a) as usize,
            _ => 0,
        })
        .max()
        .unwrap_or(0)
        .max(header.len());
    for i in header.len()..width {
        header.push(format!("Column {}", i.saturating_add(1)));
    }
    for (i, name) in header.iter_mut().enumerate() {
        if name.trim().is_empty() {
            *name = format!("Column {}", i.saturating_add(1));
        }
    }
    table.header = header;
    table.cells = cells;
    table.text = text;
    Ok(table)
}

/// The separator that occurs most in the first line outside quotes (`,` when none does).
fn detect_separator(text: &str) -> char {
    let mut counts = [(',', 0_usize), (';', 0), ('\t', 0)];
    let mut in_quotes = false;
    for c in text.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            '\n' | '\r' if !in_quotes => break,
            _ if !in_quotes => {
                for (sep, n) in &mut counts {
                    if c == *sep {
                        *n = n.saturating_add(1);
                    }
                }
            }
            _ => {}
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(',', |(c, _)| *c)
}

/// One pass over the text's bytes (every delimiter is ASCII, so cells start and end on
/// character boundaries): the cells' places, and the records that are not blank.
struct Reader {
    cells: Vec<(u32, u32)>,
    /// Each non-blank record's range in `cells`.
    records: Vec<(usize, usize)>,
    written: String,
}

impl Reader {
    async fn read(text: &str, sep: u8, pace: &mut dyn Pace) -> Result<Reader, CsvError> {
        let bytes = text.as_bytes();
        let at = |i: usize| bytes.get(i).copied();
        // Room for the cells and records from the first 64 kB's density: a large file's
        // vectors are not grown (and copied) twenty times over.
        let sample = bytes.get(..65_536).unwrap_or(bytes);
        let per_sample = |f: &dyn Fn(u8) -> bool| {
            let n = sample.iter().filter(|&&b| f(b)).count().saturating_add(1);
            n.saturating_mul(bytes.len() / sample.len().max(1) + 1)
        };
        let records = per_sample(&|b| b == b'\n');
        let cells = per_sample(&|b| b == sep).saturating_add(records);
        let mut out = Reader {
            cells: Vec::with_capacity(cells),
            records: Vec::with_capacity(records),
            written: String::new(),
        };
        let (mut i, mut line) = (0_usize, 1_usize);
        let place = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        let mut record = 0_usize;
        while i < bytes.len() {
            if pace::every(record) {
                pace::tick(pace).await;
            }
            record += 1;
            let first = out.cells.len();
            let mut blank = true;
            loop {
                // Whitespace before an opening quote is not part of the cell.
                let mut j = i;
                while matches!(at(j), Some(b' ' | b'\t')) && at(j) != Some(sep) {
                    j += 1;
                }
                let cell = if at(j) == Some(b'"') {
                    let quote_line = line;
                    let open = j + 1;
                    let mut k = open;
                    let mut doubled = false;
                    loop {
                        match at(k) {
                            None => return Err(CsvError::UnterminatedQuote { line: quote_line }),
                            Some(b'"') if at(k + 1) == Some(b'"') => {
                                doubled = true;
                                k += 2;
                            }
                            Some(b'"') => break,
                            Some(b'\n') => {
                                line += 1;
                                k += 1;
                            }
                            Some(_) => k += 1,
                        }
                    }
                    let inside = text.get(open..k).unwrap_or_default();
                    // Text after the closing quote, up to the separator, belongs to the cell.
                    let mut m = k + 1;
                    while !matches!(at(m), None | Some(b'\n' | b'\r')) && at(m) != Some(sep) {
                        m += 1;
                    }
                    let after = text.get(k + 1..m).unwrap_or_default();
                    i = m;
                    if doubled || !after.is_empty() {
                        let start = out.written.len();
                        out.written.push_str(&inside.replace("\"\"", "\""));
                        out.written.push_str(after);
                        (place(start) | WRITTEN, place(out.written.len()))
                    } else {
                        (place(open), place(k))
                    }
                } else {
                    // A tight search for the cell's end (most cells of a large export).
                    let rest = bytes.get(i..).unwrap_or_default();
                    let k = i.saturating_add(
                        rest.iter()
                            .position(|&b| b == sep || b == b'\n' || b == b'\r')
                            .unwrap_or(rest.len()),
                    );
                    let cell = (place(i), place(k));
                    i = k;
                    cell
                };
                // A record is blank until one of its cells is not (only then is it looked at).
                if blank {
                    let (start, end) = cell;
                    let shown = if start & WRITTEN != 0 {
                        out.written.get((start & !WRITTEN) as usize..end as usize)
                    } else {
                        text.get(start as usize..end as usize)
                    };
                    blank = shown.is_none_or(|t| t.trim().is_empty());
                }
                out.cells.push(cell);
                if at(i) == Some(sep) {
                    i += 1;
                    continue;
                }
                // The end of the record: \r\n, \n, \r or the end of the text.
                if at(i) == Some(b'\r') {
                    i += 1;
                }
                if at(i) == Some(b'\n') {
                    i += 1;
                }
                line += 1;
                break;
            }
            if blank {
                out.cells.truncate(first);
            } else {
                out.records.push((first, out.cells.len()));
            }
        }
        Ok(out)
    }
}

/// A column and how much it looks like scores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// 0-based index.
    pub index: usize,
    /// Its header.
    pub name: String,
    /// Cells that are numbers.
    pub numeric: usize,
    /// Cells that are valid entries under the rule (e.g. whole 0–10).
    pub valid: usize,
    /// The smallest and largest valid entry, if any.
    pub range: Option<(Decimal, Decimal)>,
}

impl Column {
    /// A spreadsheet's name for the column: A, B, … Z, AA, AB…
    pub fn letter(&self) -> String {
        let mut n = self.index.saturating_add(1);
        let mut letters = Vec::new();
        while n > 0 {
            let rest = (n - 1) % 26;
            letters.push(char::from(b'A'.saturating_add(rest as u8)));
            n = (n - 1) / 26;
        }
        letters.iter().rev().collect()
    }

    /// Whether its answers reach the upper part of the rule's scale: a 0–10 question has
    /// answers above 6 somewhere, where a 1–5 one never does. A column that stays in the
    /// lowest 60 % of the scale is on a shorter one.
    pub fn reaches_top(&self, rule: EntryRule) -> bool {
        let Some((_, high)) = self.range else {
            return false;
        };
        high > top_threshold(rule)
    }

    /// A warning when the column can't be the list's question: its answers never reach the
    /// scale's upper part, or many of its numbers fall outside the scale.
    pub fn fit_warning(&self, rule: EntryRule) -> Option<String> {
        let outside = self.numeric.saturating_sub(self.valid);
        let scale = format!("{}–{}", rule.min.normalize(), rule.max.normalize());
        if self.valid > 0 && !self.reaches_top(rule) {
            return Some(format!(
                "No answer in column {} is above {}: it looks like a question on a shorter \
                 scale, not this {scale} one. Pick the column of the {scale} question if the \
                 file has one.",
                self.letter(),
                top_threshold(rule).normalize()
            ));
        }
        if outside > 0 && outside.saturating_mul(5) > self.numeric {
            return Some(format!(
                "{outside} of the {} numbers in column {} are outside {scale}: it may be a \
                 question on another scale.",
                self.numeric,
                self.letter()
            ));
        }
        None
    }
}

/// A column as the picker offers it: its letter, its name (long question texts cut after
/// 60 characters, where two questions still differ; the whole name is shown beside the
/// picker) and what it holds ("B · How likely… — 200 answers, 0–10").
pub fn option_label(c: &Column) -> String {
    let name = c.name.trim();
    let cut: String = name.chars().take(60).collect();
    let name = if cut.len() < name.len() {
        format!("{}…", cut.trim_end())
    } else {
        cut
    };
    let held = match c.range {
        Some((low, high)) => format!(
            "{} answer{}, {}–{}",
            c.valid,
            if c.valid == 1 { "" } else { "s" },
            low.normalize(),
            high.normalize()
        ),
        None if c.numeric > 0 => format!("{} numbers, none on the scale", c.numeric),
        None => "no numbers".to_owned(),
    };
    format!("{} · {name} — {held}", c.letter())
}

/// The answer a question on the rule's scale rises above somewhere: 60 % of the way up,
/// rounded down (6 on 0–10, 3 on 1–5, 4 on 1–7).
fn top_threshold(rule: EntryRule) -> Decimal {
    let span = rule.max.checked_sub(rule.min).unwrap_or_default();
    let part = span
        .checked_mul(Decimal::new(6, 1))
        .unwrap_or_default()
        .floor();
    rule.min.checked_add(part).unwrap_or(rule.max)
}

/// A cell of nothing but up to 9 ASCII digits, as a number (the number reader would give
/// the same, a hundred times slower).
pub(crate) fn quick_whole(cell: &str) -> Option<u32> {
    if cell.is_empty() || cell.len() > 9 {
        return None;
    }
    // Nine digits stay below u32::MAX: no overflow to check.
    cell.bytes().try_fold(0_u32, |value, b| {
        let digit = b.wrapping_sub(b'0');
        (digit <= 9).then(|| value * 10 + u32::from(digit))
    })
}

/// `range` stretched to hold `v`.
fn widen(range: Option<(Decimal, Decimal)>, v: Decimal) -> (Decimal, Decimal) {
    range.map_or((v, v), |(low, high)| (low.min(v), high.max(v)))
}

/// A rule's bounds as whole numbers, when both are (0–10, 1–5): the cells read at once are
/// then checked and ranged without a decimal.
fn whole_bounds(rule: EntryRule) -> Option<(u32, u32)> {
    let whole = |d: Decimal| {
        (d.scale() == 0)
            .then(|| u32::try_from(d.mantissa()).ok())
            .flatten()
    };
    Some((whole(rule.min)?, whole(rule.max)?))
}

/// The last two column counts: the import counts them in slices before it shows the table,
/// and the pickers that show it (the list's column, the break-down's 0–10 column) read them
/// from here instead of counting a large export again. Two, because a CSAT or CES import
/// counts with its own rule and with the break-down's.
type Counted = (Weak<Table>, EntryRule, DecimalMark, Rc<Vec<Column>>);

thread_local! {
    static COUNTED: RefCell<Vec<Counted>> = const { RefCell::new(Vec::new()) };
}

/// [`columns`], from the last count when it was of this table with this rule and mark.
pub fn columns_of(table: &Arc<Table>, rule: EntryRule, mark: DecimalMark) -> Rc<Vec<Column>> {
    pace::now(columns_of_paced(table, rule, mark, &mut Unpaced))
}

/// [`columns_of`], counted a slice at a time at `pace` when not counted yet.
pub async fn columns_of_paced(
    table: &Arc<Table>,
    rule: EntryRule,
    mark: DecimalMark,
    pace: &mut dyn Pace,
) -> Rc<Vec<Column>> {
    let hit = COUNTED.with(|c| {
        c.borrow()
            .iter()
            .find(|(t, r, m, _)| {
                *r == rule && *m == mark && t.upgrade().is_some_and(|t| Arc::ptr_eq(&t, table))
            })
            .map(|(_, _, _, cols)| Rc::clone(cols))
    });
    if let Some(hit) = hit {
        return hit;
    }
    let counted = Rc::new(columns_paced(table, rule, mark, pace).await);
    COUNTED.with(|c| {
        let mut kept = c.borrow_mut();
        if kept.len() >= 2 {
            kept.remove(0);
        }
        kept.push((Arc::downgrade(table), rule, mark, Rc::clone(&counted)));
    });
    counted
}

/// Every column with its counts.
pub fn columns(table: &Table, rule: EntryRule, mark: DecimalMark) -> Vec<Column> {
    pace::now(columns_paced(table, rule, mark, &mut Unpaced))
}

/// [`columns`], a slice at a time at `pace`.
async fn columns_paced(
    table: &Table,
    rule: EntryRule,
    mark: DecimalMark,
    pace: &mut dyn Pace,
) -> Vec<Column> {
    let whole_range = whole_bounds(rule);
    let mut out = Vec::with_capacity(table.header.len());
    for (index, name) in table.header.iter().enumerate() {
        let cells = table.column(index).flatten();
        let mut column = Column {
            index,
            name: name.clone(),
            numeric: 0,
            valid: 0,
            range: None,
        };
        // The range of the cells read at once, kept as whole numbers.
        let mut quick: Option<(u32, u32)> = None;
        for (row, cell) in cells.enumerate() {
            if pace::every(row) {
                pace::tick(pace).await;
            }
            // Most cells of an export are small whole numbers: read them at once.
            if let Some(v) = quick_whole(cell.trim()) {
                column.numeric = column.numeric.saturating_add(1);
                if whole_range.is_some_and(|(low, high)| (low..=high).contains(&v)) {
                    column.valid = column.valid.saturating_add(1);
                    quick = Some(quick.map_or((v, v), |(low, high)| (low.min(v), high.max(v))));
                } else if whole_range.is_none() {
                    let v = Decimal::from(v);
                    if v >= rule.min && v <= rule.max {
                        column.valid = column.valid.saturating_add(1);
                        column.range = Some(widen(column.range, v));
                    }
                }
                continue;
            }
            // A plan's name or a date: not a number, known without the full reader.
            if crate::engine::number::cannot_be_number(cell) {
                continue;
            }
            match check(cell, rule, mark) {
                Ok(v) => {
                    column.numeric = column.numeric.saturating_add(1);
                    column.valid = column.valid.saturating_add(1);
                    column.range = Some(widen(column.range, v));
                }
                Err(EntryError::Number(_)) => {}
                Err(_) => column.numeric = column.numeric.saturating_add(1),
            }
        }
        if let Some((low, high)) = quick {
            let range = widen(column.range, Decimal::from(low));
            column.range = Some(widen(Some(range), Decimal::from(high)));
        }
        out.push(column);
    }
    out
}

/// Words in a header that name a score question of any kind, and ones that name an
/// identifier.
const SCORE_WORDS: &[&str] = &["score", "rating", "rate", "scale", "question"];
const ID_WORDS: &[&str] = &[
    "id",
    "#",
    "number",
    "row",
    "index",
    "group",
    "segment",
    "category",
    "code",
    "collector",
];

/// The column that looks most like the answers to `question` (its words, such as
/// "recommend", from the list's definition) on the rule's scale: the most valid cells and
/// the fewest out-of-range numbers (an ID column is all numbers, few of them in 0–10); a
/// header with the question's words counts most, one that names a score of any kind counts
/// too; a column that never reaches the scale's upper part (a 1–5 question against a 0–10
/// one) counts a quarter; one that names an identifier or a group code is chosen last; the
/// leftmost wins a tie.
pub fn suggest(
    table: &Table,
    rule: EntryRule,
    mark: DecimalMark,
    question: &[&str],
) -> Option<usize> {
    pick(&columns(table, rule, mark), rule, question)
}

/// [`suggest`] from columns already counted (a large file's are counted once).
pub fn pick(columns: &[Column], rule: EntryRule, question: &[&str]) -> Option<usize> {
    let weight = |c: &Column| {
        // The header words weighed here are English and ASCII: ASCII case folding suffices.
        let name = c.name.to_ascii_lowercase();
        let words: Vec<&str> = name
            .split(|ch: char| ch.is_ascii() && !ch.is_ascii_alphanumeric() && ch != '#')
            .collect();
        let asked = question.iter().any(|w| name.contains(w));
        let scoreish = SCORE_WORDS.iter().any(|w| name.contains(w));
        let idish = words.iter().any(|w| ID_WORDS.contains(w)) && !asked;
        let base = c.valid.saturating_mul(2).saturating_sub(c.numeric);
        let named = match (asked, scoreish) {
            (true, _) => c.valid.saturating_mul(2),
            (false, true) => c.valid,
            (false, false) => 0,
        };
        let weight = base.saturating_add(named);
        if idish {
            0 // still offered, but never preferred
        } else if c.reaches_top(rule) {
            weight.saturating_mul(4)
        } else {
            weight
        }
    };
    columns
        .iter()
        .filter(|c| c.valid > 0)
        .max_by(|a, b| weight(a).cmp(&weight(b)).then(b.index.cmp(&a.index)))
        .map(|c| c.index)
}

/// A row left out of an import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// The row's number as a spreadsheet shows it (the header is row 1).
    pub row: usize,
    /// The cell, shortened.
    pub text: String,
    /// Why.
    pub reason: String,
}

/// What an import of one column took and left.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Import {
    /// The valid values, as numbers, in order.
    pub values: Vec<Decimal>,
    /// Blank cells (unanswered), not listed one by one.
    pub blank: usize,
    /// The first few rows skipped for another reason.
    pub skipped: Vec<Skipped>,
    /// How many were skipped for another reason.
    pub skipped_total: usize,
}

impl Import {
    /// One sentence on what was taken and left.
    pub fn summary(&self) -> String {
        let taken = self.values.len();
        let mut text = format!("Took {taken} value{}", if taken == 1 { "" } else { "s" });
        if self.blank > 0 {
            text.push_str(&format!(
                "; {} blank cell{} left out",
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
            let more = self.skipped_total.saturating_sub(self.skipped.len());
            text.push_str(&format!("; skipped {}", listed.join(", ")));
            if more > 0 {
                text.push_str(&format!(" and {more} more"));
            }
        }
        text.push('.');
        text
    }
}

/// Takes column `index`: valid cells become values; blank and invalid ones are counted.
pub fn take(table: &Table, index: usize, rule: EntryRule, mark: DecimalMark) -> Import {
    let mut import = Import::default();
    for i in 0..table.len() {
        let cell = table.cell(i, index).unwrap_or_default();
        if cell.trim().is_empty() {
            import.blank = import.blank.saturating_add(1);
            continue;
        }
        match check(cell, rule, mark) {
            Ok(value) => import.values.push(value),
            Err(error) => {
                import.skipped_total = import.skipped_total.saturating_add(1);
                if import.skipped.len() < crate::engine::list::SHOWN_BAD_ENTRIES {
                    // Data rows start on spreadsheet row 2, under the header.
                    let row = i.saturating_add(2);
                    import.skipped.push(Skipped {
                        row,
                        text: shorten(cell),
                        reason: error.reason(),
                    });
                }
            }
        }
    }
    import
}

fn check(cell: &str, rule: EntryRule, mark: DecimalMark) -> Result<Decimal, EntryError> {
    crate::engine::list::check_entry(cell.trim(), mark, rule)
}
