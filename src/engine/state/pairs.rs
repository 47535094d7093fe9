//! The `key=value&…` encoding links and stored records share: percent-encoded for links,
//! escaped only where the pair syntax needs it for storage (a 2 MB paste keeps its size).

/// Percent-encodes `key=value` pairs. Commas and stars stay readable (`scores=0,7,9`,
/// `scores=9*120,10*30`).
pub fn encode_pairs(pairs: &[(&str, String)]) -> String {
    join_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())), encode_into)
}

/// `key=value` pairs joined with `&`, keys and values escaped by `escape`.
pub(crate) fn join_pairs<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    escape: fn(&mut String, &str),
) -> String {
    let mut out = String::new();
    for (i, (key, value)) in pairs.into_iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        escape(&mut out, key);
        out.push('=');
        escape(&mut out, value);
    }
    out
}

fn encode_into(out: &mut String, text: &str) {
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~' | b',' | b'*') {
            out.push(char::from(byte));
        } else {
            push_escaped(out, byte);
        }
    }
}

/// `%XX` for one byte.
fn push_escaped(out: &mut String, byte: u8) {
    out.push('%');
    out.push(hex_digit(byte >> 4));
    out.push(hex_digit(byte & 0x0f));
}

fn hex_digit(nibble: u8) -> char {
    char::from_digit(u32::from(nibble), 16)
        .map(|c| c.to_ascii_uppercase())
        .unwrap_or('0')
}

/// Decodes `a=1&b=x%20y` (and `+` as a space); malformed escapes are kept as typed.
pub fn decode_pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            (decode(key), decode(value))
        })
        .collect()
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let escaped = (b == b'%')
            .then(|| bytes.get(i.saturating_add(1)..i.saturating_add(3)))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (b, escaped) {
            (_, Some(value)) => {
                out.push(value);
                i = i.saturating_add(3);
            }
            (b'+', None) => {
                out.push(b' ');
                i = i.saturating_add(1);
            }
            (other, None) => {
                out.push(other);
                i = i.saturating_add(1);
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Escapes only what the pair syntax needs (`%`, `&`, `=`, `+`): storage is not a URL, and a
/// pasted list keeps its size instead of tripling it (`\n` → `%0A`), which matters for a
/// 2 MB paste against the browser's storage quota. [`decode_pairs`] reads both forms.
pub(crate) fn escape_stored_into(out: &mut String, text: &str) {
    // A byte search: the four are ASCII, and a byte of a multi-byte character is never ASCII
    // (a search by `char` decoded every character: 96 ms of a 7 MB export's save).
    let mut plain_from = 0;
    for (at, byte) in text.bytes().enumerate() {
        if matches!(byte, b'%' | b'&' | b'=' | b'+') {
            out.push_str(text.get(plain_from..at).unwrap_or_default());
            push_escaped(out, byte);
            plain_from = at.saturating_add(1);
        }
    }
    out.push_str(text.get(plain_from..).unwrap_or_default());
}
