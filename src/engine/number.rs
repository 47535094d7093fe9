//! One number from text, as people type or paste it: `1,234.50`, `$1,234.50`, `12%`, ` 7 `,
//! `−5`, `(1,200)`, and with the decimal-comma setting `1.234,50`, `€1.234,50`, `1 234,5`.
//!
//! Choices written down here because the catalogue is silent on them:
//! - Thousands separators must group exactly three digits; anything else is ambiguous and gets
//!   a message instead of a guess (`1,23` in decimal-dot mode is most likely a decimal comma).
//! - Magnitudes above 10^15 are refused: no customer-success figure is that large, and the cap
//!   keeps every product of two inputs far inside rust_decimal's 28 digits.
//! - Scientific notation is accepted (spreadsheets export `1.5E+06`) within the same cap.

use crate::engine::dec::Checked;
use crate::engine::error::NumberError;
use crate::engine::locale::DecimalMark;
use rust_decimal::Decimal;

/// A parsed number and the decorations that came with it, so the caller can refuse a `%` in a
/// count or a currency sign in a percentage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parsed {
    /// The exact value.
    pub value: Decimal,
    /// A `%` was typed.
    pub percent: bool,
    /// A currency symbol or code was typed.
    pub currency: bool,
}

/// The largest magnitude accepted: 10^15.
pub const MAX_MAGNITUDE: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

const CURRENCY_SYMBOLS: &[char] = &[
    '$', '€', '£', '¥', '₹', '₩', '₽', '₺', '₪', '₫', '₱', '฿', '₴', '₦', '₲', '₡', '¢',
];
const CURRENCY_CODES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "INR", "CNY", "SEK", "NOK", "DKK",
    "PLN", "BRL", "MXN", "ZAR", "SGD", "HKD", "US$", "A$", "C$", "R$",
];
const GROUPING_SPACES: &[char] = &[' ', '\u{a0}', '\u{202f}', '\u{2009}', '\'', '’'];

/// Parses one number. Never panics; every refusal is a typed [`NumberError`].
pub fn parse(text: &str, mark: DecimalMark) -> Result<Parsed, NumberError> {
    // Fast path for what lists are made of: short runs of ASCII digits ("7", "10", "365").
    if let Some(value) = parse_small_integer(text.as_bytes()) {
        return Ok(Parsed {
            value: Decimal::from(value),
            percent: false,
            currency: false,
        });
    }
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(NumberError::Empty);
    }
    if is_non_finite_word(trimmed) {
        return Err(NumberError::NotFinite);
    }
    if trimmed.chars().any(is_other_script_digit) {
        return Err(NumberError::OtherScriptDigits);
    }
    let mut parsed = Parsed {
        value: Decimal::ZERO,
        percent: false,
        currency: false,
    };
    let (negative, body) = strip_decorations(trimmed, &mut parsed)?;
    let magnitude = parse_magnitude(body, mark)?;
    parsed.value = if negative { -magnitude } else { magnitude };
    Ok(parsed)
}

/// A quick refusal for the cells of a text or date column (`Starter`, `2026-01-15`,
/// `01/15/2026 10:23`): text that [`parse`] can only refuse as not a number, never as too
/// large. A number needs an ASCII digit; and without an exponent (whose digits alone can make
/// "too large") a `/`, a `:` or a `-` right after a digit lands in the digits, which then
/// can't be read. Exact, so a column is counted as the full reader would, a hundred times
/// faster (a property test holds it to `parse`).
pub fn cannot_be_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    if !bytes.iter().any(u8::is_ascii_digit) {
        return true;
    }
    if bytes.iter().any(|b| matches!(b, b'e' | b'E')) {
        return false;
    }
    bytes.iter().any(|b| matches!(b, b'/' | b':'))
        || bytes
            .windows(2)
            .any(|w| matches!(w, [d, b'-'] if d.is_ascii_digit()))
}

/// Up to 18 ASCII digits and nothing else, as an integer; anything else gives `None`.
pub fn parse_small_integer(bytes: &[u8]) -> Option<u64> {
    if bytes.is_empty() || bytes.len() > 15 {
        return None;
    }
    let mut value: u64 = 0;
    for &b in bytes {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        value = value.checked_mul(10)?.checked_add(u64::from(digit))?;
    }
    Some(value)
}

/// The zero of each run of ten decimal digits outside ASCII (Unicode category Nd, as of
/// Unicode 15): Arabic-Indic, Devanagari, Thai, fullwidth and the rest. A table of 67 code
/// points instead of `char::is_numeric`, whose Unicode tables cost kilobytes of wasm; it also
/// leaves fractions and Roman numerals (`½`, `Ⅻ`), which are not digits, to the plain
/// "not a number" message.
const OTHER_SCRIPT_ZEROS: [u32; 67] = [
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6,
    0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
    0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x11F50, 0x16A60, 0x16AC0,
    0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E950,
    0x1FBF0,
];

/// Whether `c` is a decimal digit of a script other than ASCII (`٣`, `１`).
pub fn is_other_script_digit(c: char) -> bool {
    let c = u32::from(c);
    c >= 0x660
        && OTHER_SCRIPT_ZEROS
            .iter()
            .any(|zero| (*zero..zero.saturating_add(10)).contains(&c))
}

fn is_non_finite_word(text: &str) -> bool {
    let word = text
        .trim_start_matches(['+', '-', '−'])
        .to_ascii_lowercase();
    matches!(word.as_str(), "nan" | "inf" | "infinity" | "∞" | "-nan")
}

/// Strips sign, parentheses, currency and percent; returns the sign and the bare digits.
fn strip_decorations<'a>(
    text: &'a str,
    parsed: &mut Parsed,
) -> Result<(bool, &'a str), NumberError> {
    let mut negative = false;
    let mut body = text;
    if let Some(inner) = body.strip_prefix('(').and_then(|b| b.strip_suffix(')')) {
        negative = true;
        body = inner.trim();
    }
    let mut sign_seen = negative;
    loop {
        let before = body;
        if let Some(rest) = strip_sign(body) {
            if sign_seen {
                return Err(NumberError::MisplacedSign);
            }
            sign_seen = true;
            negative = rest.0;
            body = rest.1;
        }
        if let Some(rest) = strip_currency_prefix(body) {
            parsed.currency = true;
            body = rest;
        }
        body = body.trim_start();
        if body == before {
            break;
        }
    }
    loop {
        let before = body;
        if let Some(rest) = body.strip_suffix('%') {
            if parsed.percent {
                return Err(NumberError::NotANumber);
            }
            parsed.percent = true;
            body = rest;
        }
        if let Some(rest) = strip_currency_suffix(body) {
            parsed.currency = true;
            body = rest;
        }
        body = body.trim_end();
        if body == before {
            break;
        }
    }
    if body.starts_with(['+', '-', '−']) || body.ends_with(['+', '-', '−']) {
        return Err(NumberError::MisplacedSign);
    }
    Ok((negative, body))
}

fn strip_sign(text: &str) -> Option<(bool, &str)> {
    if let Some(rest) = text.strip_prefix('-').or_else(|| text.strip_prefix('−')) {
        return Some((true, rest));
    }
    text.strip_prefix('+').map(|rest| (false, rest))
}

fn strip_currency_prefix(text: &str) -> Option<&str> {
    for code in CURRENCY_CODES {
        if let Some(rest) = text.strip_prefix(code) {
            return Some(rest);
        }
    }
    text.strip_prefix(CURRENCY_SYMBOLS)
}

fn strip_currency_suffix(text: &str) -> Option<&str> {
    for code in CURRENCY_CODES {
        if let Some(rest) = text.strip_suffix(code) {
            return Some(rest);
        }
    }
    text.strip_suffix(CURRENCY_SYMBOLS)
}

/// Digits with optional grouping, decimal mark and exponent, to an exact non-negative decimal.
fn parse_magnitude(body: &str, mark: DecimalMark) -> Result<Decimal, NumberError> {
    let (mantissa, exponent) = split_exponent(body)?;
    let decimal_char = mark.char();
    let mut parts = mantissa.split(decimal_char);
    let integer = parts.next().unwrap_or_default();
    let fraction = parts.next();
    if parts.next().is_some() {
        return Err(NumberError::SeveralDecimalMarks);
    }
    let integer_digits = ungroup(integer, mark)?;
    let fraction_digits = fraction.unwrap_or_default();
    if !fraction_digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(if fraction_digits.contains(other_mark(mark)) {
            NumberError::SeveralDecimalMarks
        } else {
            NumberError::NotANumber
        });
    }
    if integer_digits.is_empty() && fraction_digits.is_empty() {
        return Err(NumberError::NotANumber);
    }
    let significant = integer_digits.trim_start_matches('0');
    if significant.len() > 16 {
        return Err(NumberError::TooLarge);
    }
    let fraction_kept = fraction_digits.trim_end_matches('0');
    if fraction_kept.len() > 20 {
        return Err(NumberError::TooPrecise);
    }
    // The digits make the mantissa, the kept fraction digits the scale: at most 36 digits,
    // which fit an i128; a mantissa beyond a Decimal's 96 bits can't be held exactly.
    let mantissa = significant
        .bytes()
        .chain(fraction_kept.bytes())
        .try_fold(0_i128, |m, digit| {
            m.checked_mul(10)?
                .checked_add(i128::from(char::from(digit).to_digit(10)?))
        })
        .ok_or(NumberError::TooPrecise)?;
    let scale = u32::try_from(fraction_kept.len()).map_err(|_| NumberError::TooPrecise)?;
    let value =
        Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| NumberError::TooPrecise)?;
    let scaled = apply_exponent(value, exponent)?;
    if scaled > MAX_MAGNITUDE {
        return Err(NumberError::TooLarge);
    }
    Ok(scaled.normalize())
}

fn other_mark(mark: DecimalMark) -> char {
    match mark {
        DecimalMark::Dot => ',',
        DecimalMark::Comma => '.',
    }
}

/// Splits `1.5e+06` into mantissa and exponent; a body without `e` has exponent 0.
fn split_exponent(body: &str) -> Result<(&str, i32), NumberError> {
    let Some(at) = body.find(['e', 'E']) else {
        return Ok((body, 0));
    };
    let (mantissa, rest) = body.split_at(at);
    let digits = rest.get(1..).unwrap_or_default();
    let unsigned = digits.trim_start_matches(['+', '-']);
    if mantissa.is_empty()
        || unsigned.is_empty()
        || !unsigned.bytes().all(|b| b.is_ascii_digit())
        || digits.len().saturating_sub(unsigned.len()) > 1
    {
        return Err(NumberError::NotANumber);
    }
    if unsigned.len() > 4 {
        return Err(if digits.starts_with('-') {
            NumberError::TooPrecise
        } else {
            NumberError::TooLarge
        });
    }
    let magnitude: i32 = unsigned.parse().map_err(|_| NumberError::NotANumber)?;
    Ok((
        mantissa,
        if digits.starts_with('-') {
            -magnitude
        } else {
            magnitude
        },
    ))
}

fn apply_exponent(value: Decimal, exponent: i32) -> Result<Decimal, NumberError> {
    if exponent == 0 || value.is_zero() {
        return Ok(value);
    }
    if exponent > 0 {
        if exponent > 16 {
            return Err(NumberError::TooLarge);
        }
        let factor = Decimal::from(10_i64.pow(exponent.unsigned_abs()));
        return value.c_mul(factor).ok_or(NumberError::TooLarge);
    }
    if exponent < -20 {
        return Err(NumberError::TooPrecise);
    }
    // 10^-e as an exact decimal (1 with scale e): an integer power of ten overflows i64 at
    // e = 19, which the fuzzer found (`1E-19`).
    let factor = Decimal::new(1, exponent.unsigned_abs());
    let scaled = value
        .c_mul(factor)
        .ok_or(NumberError::TooPrecise)?
        .normalize();
    if scaled.scale() > 20 {
        return Err(NumberError::TooPrecise);
    }
    Ok(scaled)
}

/// Removes thousands separators from the integer part after checking they group by three.
fn ungroup(integer: &str, mark: DecimalMark) -> Result<String, NumberError> {
    if integer.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(integer.to_owned());
    }
    let other = other_mark(mark);
    let is_separator = |c: char| c == other || GROUPING_SPACES.contains(&c);
    if integer
        .chars()
        .any(|c| !c.is_ascii_digit() && !is_separator(c))
    {
        return Err(NumberError::NotANumber);
    }
    let groups: Vec<&str> = integer.split(is_separator).collect();
    let well_grouped = groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
        && groups.iter().skip(1).all(|g| g.len() == 3);
    if well_grouped {
        return Ok(groups.concat());
    }
    // `1,5` with the dot setting (or `1.5` with the comma setting): almost surely the other
    // decimal mark, which deserves its own message.
    if groups.len() == 2 && integer.contains(other) {
        return Err(NumberError::WrongDecimalMark { mark });
    }
    Err(NumberError::BadGrouping)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    fn ok(text: &str, mark: DecimalMark) -> Decimal {
        match parse(text, mark) {
            Ok(p) => p.value,
            Err(e) => panic!("{text:?} failed: {e:?}"),
        }
    }

    #[test]
    fn plain_and_decorated_numbers_with_dot() {
        let cases = [
            ("7", "7"),
            (" 7 ", "7"),
            ("1,234.50", "1234.5"),
            ("$1,234.50", "1234.5"),
            ("12%", "12"),
            ("−5", "-5"),
            ("-5", "-5"),
            ("+5", "5"),
            ("(1,200)", "-1200"),
            ("($1,200.00)", "-1200"),
            ("-$5", "-5"),
            ("$-5", "-5"),
            (".5", "0.5"),
            ("5.", "5"),
            ("1 234.5", "1234.5"),
            ("1'234'567", "1234567"),
            ("USD 1,000", "1000"),
            ("1000 €", "1000"),
            ("1.5E+06", "1500000"),
            ("2e-3", "0.002"),
            ("1E-19", "0.0000000000000000001"),
            ("3E-20", "0.00000000000000000003"),
            ("7400342163022E-19", "0.0000007400342163022"),
            ("0.000", "0"),
            ("007", "7"),
            ("1000000000000000", "1000000000000000"),
        ];
        for (text, want) in cases {
            assert_eq!(ok(text, DecimalMark::Dot), dec(want), "{text}");
        }
    }

    #[test]
    fn decimal_comma_numbers() {
        let cases = [
            ("1.234,50", "1234.5"),
            ("€1.234,50", "1234.5"),
            ("1 234,5", "1234.5"),
            ("1\u{a0}234,5", "1234.5"),
            ("12,5 %", "12.5"),
            ("1.234", "1234"),
            ("0,25", "0.25"),
        ];
        for (text, want) in cases {
            assert_eq!(ok(text, DecimalMark::Comma), dec(want), "{text}");
        }
    }

    #[test]
    fn refusals_are_typed() {
        use NumberError::*;
        let cases = [
            ("", DecimalMark::Dot, Empty),
            ("   ", DecimalMark::Dot, Empty),
            ("NaN", DecimalMark::Dot, NotFinite),
            ("Infinity", DecimalMark::Dot, NotFinite),
            ("-inf", DecimalMark::Dot, NotFinite),
            ("1e400", DecimalMark::Dot, TooLarge),
            ("1e-400", DecimalMark::Dot, TooPrecise),
            ("12abc", DecimalMark::Dot, NotANumber),
            ("abc", DecimalMark::Dot, NotANumber),
            ("٣", DecimalMark::Dot, OtherScriptDigits),
            ("１２", DecimalMark::Dot, OtherScriptDigits),
            (
                "1,5",
                DecimalMark::Dot,
                WrongDecimalMark {
                    mark: DecimalMark::Dot,
                },
            ),
            (
                "1.5",
                DecimalMark::Comma,
                WrongDecimalMark {
                    mark: DecimalMark::Comma,
                },
            ),
            ("1,23,4", DecimalMark::Dot, BadGrouping),
            ("1.2.3", DecimalMark::Dot, SeveralDecimalMarks),
            ("--5", DecimalMark::Dot, MisplacedSign),
            ("5-", DecimalMark::Dot, MisplacedSign),
            ("$", DecimalMark::Dot, NotANumber),
            ("10000000000000001", DecimalMark::Dot, TooLarge),
            ("1e16", DecimalMark::Dot, TooLarge),
            ("0.000000000000000000001", DecimalMark::Dot, TooPrecise),
            ("12%%", DecimalMark::Dot, NotANumber),
            ("🙂", DecimalMark::Dot, NotANumber),
        ];
        for (text, mark, want) in cases {
            assert_eq!(parse(text, mark).map(|p| p.value), Err(want), "{text:?}");
        }
    }

    #[test]
    fn decorations_are_reported() {
        let p = parse("12%", DecimalMark::Dot);
        assert_eq!(p.map(|p| (p.percent, p.currency)), Ok((true, false)));
        let p = parse("€3", DecimalMark::Dot);
        assert_eq!(p.map(|p| (p.percent, p.currency)), Ok((false, true)));
    }

    #[test]
    fn the_other_script_digit_table_holds_only_runs_of_digits() {
        // Each run is ten numeric characters, in ascending order, none of them ASCII.
        assert!(OTHER_SCRIPT_ZEROS.windows(2).all(|w| w[0] + 10 <= w[1]));
        for zero in OTHER_SCRIPT_ZEROS {
            for n in zero..zero + 10 {
                let c = char::from_u32(n).unwrap();
                assert!(c.is_numeric() && is_other_script_digit(c), "{n:#X}");
            }
        }
        for c in ['0', '9', 'a', '½', 'Ⅻ', '²', '−', '٫'] {
            assert!(!is_other_script_digit(c), "{c}");
        }
        for c in ['٣', '۵', '७', '๓', '１', '𝟘'] {
            assert!(is_other_script_digit(c), "{c}");
        }
    }
}
