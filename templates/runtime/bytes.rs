//! `bytes`: an immutable sequence of small ints, with CPython's operations,
//! `repr`, and the codecs `str.encode` / `bytes.decode` reach (UTF-8, ASCII,
//! Latin-1 with CPython's error handlers and `UnicodeError` messages).

use std::hash::{Hash, Hasher};
use std::ops::Deref;

use super::{ExcKind, PyErr, PyHash, PyRepr, PyResult, hasher_value, norm_index, slice_indices};

/// A Python `bytes` value. Ordered, hashed and compared as its bytes, as CPython does.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Bytes(pub Vec<u8>);

impl Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<&[u8]> for Bytes {
    fn from(b: &[u8]) -> Bytes {
        Bytes(b.to_vec())
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(b: Vec<u8>) -> Bytes {
        Bytes(b)
    }
}

impl PyRepr for Bytes {
    fn py_repr(&self) -> String {
        bytes_repr(self)
    }
}

impl PyHash for Bytes {
    fn py_hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
    /// Randomized per CPython process (as a str's): a number consistent with `==`.
    fn py_hash_value(&self) -> i64 {
        hasher_value(&self.0[..])
    }
}

/// `repr(b)`: `b'...'`, quoted and escaped as CPython's `bytes_repr`.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote as char);
    out
}

fn memory_error() -> PyErr {
    PyErr::new(ExcKind::MemoryError, "")
}

/// A buffer with room for `n` bytes, or `MemoryError` (never an abort).
fn with_room(n: usize) -> PyResult<Vec<u8>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| memory_error())?;
    Ok(v)
}

// ---------------------------------------------------------------------------
// Construction

/// `bytes()`.
pub fn bytes_empty() -> Bytes {
    Bytes::default()
}

/// `bytes(n)`: `n` zero bytes.
pub fn bytes_zeros(n: i64) -> PyResult<Bytes> {
    if n < 0 {
        return Err(PyErr::value_error("negative count"));
    }
    let n = usize::try_from(n).map_err(|_| memory_error())?;
    let mut v = with_room(n)?;
    v.resize(n, 0);
    Ok(Bytes(v))
}

fn byte_of(x: i64) -> PyResult<u8> {
    u8::try_from(x).map_err(|_| PyErr::value_error("bytes must be in range(0, 256)"))
}

/// `bytes(iterable_of_ints)`.
pub fn bytes_from_ints(items: impl Iterator<Item = i64>) -> PyResult<Bytes> {
    let mut v = Vec::with_capacity(items.size_hint().0);
    for x in items {
        v.push(byte_of(x)?);
    }
    Ok(Bytes(v))
}

/// `bytes.fromhex(s)`: pairs of hex digits, ASCII whitespace allowed between pairs.
pub fn bytes_fromhex(s: &str) -> PyResult<Bytes> {
    let error = |at: usize| {
        PyErr::value_error(format!(
            "non-hexadecimal number found in fromhex() arg at position {at}"
        ))
    };
    let chars: Vec<char> = s.chars().collect();
    let digit = |i: usize| chars.get(i).and_then(|c| c.to_digit(16)).map(|d| d as u8);
    let mut out = Vec::with_capacity(chars.len() / 2);
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c') {
            i += 1;
            continue;
        }
        let top = digit(i).ok_or_else(|| error(i))?;
        let bot = digit(i + 1).ok_or_else(|| error(i + 1))?;
        out.push(top << 4 | bot);
        i += 2;
    }
    Ok(Bytes(out))
}

// ---------------------------------------------------------------------------
// Sequence operations

/// `len(b)`.
pub fn bytes_len(b: &[u8]) -> i64 {
    b.len() as i64
}

/// `b[i]`: an int.
pub fn bytes_getitem(b: &[u8], i: i64) -> PyResult<i64> {
    match norm_index(b.len(), i) {
        Some(j) => Ok(i64::from(b[j])),
        None => Err(PyErr::index_error("index out of range")),
    }
}

/// `b[start:stop:step]`.
pub fn bytes_slice(
    b: &[u8],
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> PyResult<Bytes> {
    let s = slice_indices(b.len(), start, stop, step)?;
    if s.step == 1 {
        let a = s.start as usize;
        return Ok(Bytes(b[a..a + s.len].to_vec()));
    }
    Ok(Bytes(s.positions().map(|p| b[p]).collect()))
}

/// The items of `b` as ints (`for x in b`, `list(b)`).
pub fn bytes_iter(b: &[u8]) -> std::vec::IntoIter<i64> {
    b.iter()
        .map(|&x| i64::from(x))
        .collect::<Vec<_>>()
        .into_iter()
}

/// `a + b`.
pub fn bytes_concat(a: &[u8], b: &[u8]) -> PyResult<Bytes> {
    let mut v = with_room(a.len() + b.len())?;
    v.extend_from_slice(a);
    v.extend_from_slice(b);
    Ok(Bytes(v))
}

/// `b * n`.
pub fn bytes_repeat(b: &[u8], n: i64) -> PyResult<Bytes> {
    if n <= 0 || b.is_empty() {
        return Ok(Bytes::default());
    }
    let total = (b.len() as u128) * (n as u128);
    if total > isize::MAX as u128 {
        return Err(PyErr::overflow("repeated bytes are too long"));
    }
    let mut v = with_room(total as usize)?;
    for _ in 0..n {
        v.extend_from_slice(b);
    }
    Ok(Bytes(v))
}

/// The position of `sub` in `hay` at or after 0, if any.
fn find_sub(hay: &[u8], sub: &[u8]) -> Option<usize> {
    if sub.is_empty() {
        return Some(0);
    }
    hay.windows(sub.len()).position(|w| w == sub)
}

fn rfind_sub(hay: &[u8], sub: &[u8]) -> Option<usize> {
    if sub.is_empty() {
        return Some(hay.len());
    }
    hay.windows(sub.len()).rposition(|w| w == sub)
}

/// `sub in b`.
pub fn bytes_contains(b: &[u8], sub: &[u8]) -> bool {
    find_sub(b, sub).is_some()
}

/// `x in b` for an int `x`.
pub fn bytes_contains_int(b: &[u8], x: i64) -> PyResult<bool> {
    let x = u8::try_from(x).map_err(|_| PyErr::value_error("byte must be in range(0, 256)"))?;
    Ok(b.contains(&x))
}

/// `a < b` and the other orderings: lexicographic by byte.
pub fn bytes_cmp(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    a.cmp(b)
}

/// The part `[start:end]` of `b` a search looks at, and its offset (CPython's
/// `ADJUST_INDICES`); None when `start` is past the end.
fn window(b: &[u8], start: Option<i64>, end: Option<i64>) -> Option<(&[u8], usize)> {
    let n = b.len() as i64;
    let s = start.map_or(0, |i| if i < 0 { (i + n).max(0) } else { i });
    let e = end.map_or(n, |i| if i < 0 { (i + n).max(0) } else { i.min(n) });
    if s > n {
        return None;
    }
    if e < s {
        return Some((&b[0..0], s as usize));
    }
    Some((&b[s as usize..e as usize], s as usize))
}

/// `b.find(sub, start, end)`.
pub fn bytes_find(b: &[u8], sub: &[u8], start: Option<i64>, end: Option<i64>) -> i64 {
    match window(b, start, end) {
        Some((w, off)) if w.len() >= sub.len() => find_sub(w, sub).map_or(-1, |p| (p + off) as i64),
        _ => -1,
    }
}

/// `b.rfind(sub, start, end)`.
pub fn bytes_rfind(b: &[u8], sub: &[u8], start: Option<i64>, end: Option<i64>) -> i64 {
    match window(b, start, end) {
        Some((w, off)) if w.len() >= sub.len() => {
            rfind_sub(w, sub).map_or(-1, |p| (p + off) as i64)
        }
        _ => -1,
    }
}

/// `b.index(sub, start, end)`: `ValueError: subsection not found`.
pub fn bytes_index(b: &[u8], sub: &[u8], start: Option<i64>, end: Option<i64>) -> PyResult<i64> {
    match bytes_find(b, sub, start, end) {
        -1 => Err(PyErr::value_error("subsection not found")),
        i => Ok(i),
    }
}

/// `b.count(sub, start, end)`: non-overlapping occurrences.
pub fn bytes_count(b: &[u8], sub: &[u8], start: Option<i64>, end: Option<i64>) -> i64 {
    let Some((w, _)) = window(b, start, end) else {
        return 0;
    };
    if sub.is_empty() {
        return w.len() as i64 + 1;
    }
    let (mut n, mut i) = (0, 0);
    while i + sub.len() <= w.len() {
        if &w[i..i + sub.len()] == sub {
            n += 1;
            i += sub.len();
        } else {
            i += 1;
        }
    }
    n
}

/// `b.startswith(prefix, start, end)`.
pub fn bytes_startswith(b: &[u8], prefix: &[u8], start: Option<i64>, end: Option<i64>) -> bool {
    window(b, start, end).is_some_and(|(w, _)| w.starts_with(prefix))
}

/// `b.endswith(suffix, start, end)`.
pub fn bytes_endswith(b: &[u8], suffix: &[u8], start: Option<i64>, end: Option<i64>) -> bool {
    window(b, start, end).is_some_and(|(w, _)| w.ends_with(suffix))
}

/// `b.replace(old, new, count)`.
pub fn bytes_replace(b: &[u8], old: &[u8], new: &[u8], count: i64) -> Bytes {
    let mut out = Vec::with_capacity(b.len());
    let mut left = if count < 0 {
        usize::MAX
    } else {
        count as usize
    };
    if old.is_empty() {
        // CPython inserts `new` before every byte and at the end
        for (i, &c) in b.iter().enumerate() {
            if left > 0 {
                out.extend_from_slice(new);
                left -= 1;
            }
            out.push(c);
            if i + 1 == b.len() && left > 0 {
                out.extend_from_slice(new);
            }
        }
        if b.is_empty() && left > 0 {
            out.extend_from_slice(new);
        }
        return Bytes(out);
    }
    let mut i = 0;
    while i < b.len() {
        if left > 0 && b[i..].starts_with(old) {
            out.extend_from_slice(new);
            i += old.len();
            left -= 1;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Bytes(out)
}

/// ASCII whitespace as `bytes.split()` and `bytes.strip()` see it.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// `b.split(sep, maxsplit)`.
pub fn bytes_split(b: &[u8], sep: Option<Bytes>, maxsplit: i64) -> PyResult<Vec<Bytes>> {
    let mut left = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let mut out = Vec::new();
    match sep {
        None => {
            let mut i = 0;
            loop {
                while i < b.len() && is_space(b[i]) {
                    i += 1;
                }
                if i == b.len() {
                    break;
                }
                if left == 0 {
                    out.push(Bytes(b[i..].to_vec()));
                    break;
                }
                let start = i;
                while i < b.len() && !is_space(b[i]) {
                    i += 1;
                }
                out.push(Bytes(b[start..i].to_vec()));
                left -= 1;
            }
        }
        Some(sep) if sep.is_empty() => return Err(PyErr::value_error("empty separator")),
        Some(sep) => {
            let mut start = 0;
            let mut i = 0;
            while left > 0 && i + sep.len() <= b.len() {
                if b[i..].starts_with(&sep) {
                    out.push(Bytes(b[start..i].to_vec()));
                    i += sep.len();
                    start = i;
                    left -= 1;
                } else {
                    i += 1;
                }
            }
            out.push(Bytes(b[start..].to_vec()));
        }
    }
    Ok(out)
}

fn strip_range(b: &[u8], chars: Option<&[u8]>, left: bool, right: bool) -> Bytes {
    let strip = |c: u8| match chars {
        None => is_space(c),
        Some(set) => set.contains(&c),
    };
    let (mut a, mut z) = (0, b.len());
    if left {
        while a < z && strip(b[a]) {
            a += 1;
        }
    }
    if right {
        while z > a && strip(b[z - 1]) {
            z -= 1;
        }
    }
    Bytes(b[a..z].to_vec())
}

/// `b.strip(chars)`.
pub fn bytes_strip(b: &[u8], chars: Option<Bytes>) -> Bytes {
    strip_range(b, chars.as_deref(), true, true)
}

/// `b.lstrip(chars)`.
pub fn bytes_lstrip(b: &[u8], chars: Option<Bytes>) -> Bytes {
    strip_range(b, chars.as_deref(), true, false)
}

/// `b.rstrip(chars)`.
pub fn bytes_rstrip(b: &[u8], chars: Option<Bytes>) -> Bytes {
    strip_range(b, chars.as_deref(), false, true)
}

/// `b.upper()`: ASCII letters only.
pub fn bytes_upper(b: &[u8]) -> Bytes {
    Bytes(b.to_ascii_uppercase())
}

/// `b.lower()`: ASCII letters only.
pub fn bytes_lower(b: &[u8]) -> Bytes {
    Bytes(b.to_ascii_lowercase())
}

/// `sep.join(items)`.
pub fn bytes_join<B: AsRef<[u8]>>(sep: &[u8], items: impl Iterator<Item = B>) -> Bytes {
    let mut out = Vec::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.extend_from_slice(sep);
        }
        out.extend_from_slice(item.as_ref());
    }
    Bytes(out)
}

/// `b.hex()`, or `b.hex(sep)` with a one-character separator between bytes.
pub fn bytes_hex(b: &[u8], sep: Option<String>) -> PyResult<String> {
    let sep = match sep {
        None => None,
        Some(s) => {
            let mut cs = s.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) if c.is_ascii() => Some(c),
                (Some(_), None) => {
                    return Err(PyErr::value_error("sep must be ASCII."));
                }
                _ => return Err(PyErr::value_error("sep must be length 1.")),
            }
        }
    };
    let mut out = String::with_capacity(b.len() * 3);
    for (i, c) in b.iter().enumerate() {
        if i > 0
            && let Some(s) = sep
        {
            out.push(s);
        }
        out.push_str(&format!("{c:02x}"));
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// int.from_bytes / int.to_bytes

fn big_endian(byteorder: &str) -> PyResult<bool> {
    match byteorder {
        "big" => Ok(true),
        "little" => Ok(false),
        _ => Err(PyErr::value_error(
            "byteorder must be either 'little' or 'big'",
        )),
    }
}

/// `int.from_bytes(b, byteorder, signed=signed)`; a value past 64 bits is the
/// documented `OverflowError` of compiled ints.
pub fn int_from_bytes(b: &[u8], byteorder: &str, signed: bool) -> PyResult<i64> {
    let big = big_endian(byteorder)?;
    let mut digits: Vec<u8> = b.to_vec();
    if !big {
        digits.reverse();
    }
    let negative = signed && digits.first().is_some_and(|&d| d & 0x80 != 0);
    let mut v: i128 = 0;
    for &d in &digits {
        let d = if negative { !d } else { d };
        v = v
            .checked_mul(256)
            .and_then(|x| x.checked_add(i128::from(d)))
            .ok_or_else(|| PyErr::overflow(super::INT_OVERFLOW_MESSAGE))?;
        if v > i128::from(u64::MAX) + 1 {
            return Err(PyErr::overflow(super::INT_OVERFLOW_MESSAGE));
        }
    }
    if negative {
        v = -v - 1;
    }
    i64::try_from(v).map_err(|_| PyErr::overflow(super::INT_OVERFLOW_MESSAGE))
}

/// `n.to_bytes(length, byteorder, signed=signed)`.
pub fn int_to_bytes(n: i64, length: i64, byteorder: &str, signed: bool) -> PyResult<Bytes> {
    if length < 0 {
        return Err(PyErr::value_error("length argument must be non-negative"));
    }
    let big = big_endian(byteorder)?;
    if n < 0 && !signed {
        return Err(PyErr::overflow("can't convert negative int to unsigned"));
    }
    let too_big = || PyErr::overflow("int too big to convert");
    let len = usize::try_from(length).map_err(|_| memory_error())?;
    let value = i128::from(n);
    let fits = if len >= 16 {
        true
    } else {
        let bits = 8 * len as u32;
        if signed {
            bits > 0 && value >= -(1i128 << (bits - 1)) && value < (1i128 << (bits - 1))
                || bits == 0 && value == 0
        } else {
            value < (1i128 << bits)
        }
    };
    if !fits {
        return Err(too_big());
    }
    let fill = if n < 0 { 0xff } else { 0 };
    let mut out = with_room(len)?;
    let le = n.to_le_bytes();
    out.extend((0..len).map(|i| le.get(i).copied().unwrap_or(fill)));
    if big {
        out.reverse();
    }
    Ok(Bytes(out))
}

// ---------------------------------------------------------------------------
// Codecs

#[derive(Clone, Copy, PartialEq, Eq)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }

    /// CPython's spellings of the three codecs (after `encodings.normalize_encoding`).
    fn lookup(encoding: &str) -> PyResult<Codec> {
        let norm: String = encoding
            .trim()
            .to_ascii_lowercase()
            .chars()
            .map(|c| if c == ' ' || c == '-' { '_' } else { c })
            .collect();
        match norm.as_str() {
            "utf_8" | "utf8" | "u8" | "utf" | "utf8_ucs2" | "utf8_ucs4" | "cp65001" => {
                Ok(Codec::Utf8)
            }
            "ascii" | "us_ascii" | "646" | "ansi_x3.4_1968" | "ansi_x3_4_1968" | "cp367"
            | "csascii" | "ibm367" | "iso646_us" | "iso_646.irv_1991" | "iso_ir_6" | "us" => {
                Ok(Codec::Ascii)
            }
            "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859"
            | "cp819" | "ibm819" | "iso_ir_100" | "csisolatin1" | "iso_8859_1_1987" => {
                Ok(Codec::Latin1)
            }
            _ => Err(PyErr::new(
                ExcKind::LookupError,
                format!("unknown encoding: {encoding}"),
            )),
        }
    }

    /// The first code point / byte value this codec cannot carry.
    fn limit(self) -> u32 {
        match self {
            Codec::Utf8 => u32::MAX,
            Codec::Ascii => 0x80,
            Codec::Latin1 => 0x100,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Handler {
    Strict,
    Ignore,
    Replace,
    BackslashReplace,
    XmlCharRefReplace,
}

/// The error handler named `errors`; CPython looks it up only when an error
/// occurs, so an unknown name raises `LookupError` there.
fn handler(errors: &str) -> PyResult<Handler> {
    Ok(match errors {
        "strict" => Handler::Strict,
        "ignore" => Handler::Ignore,
        "replace" => Handler::Replace,
        "backslashreplace" => Handler::BackslashReplace,
        "xmlcharrefreplace" => Handler::XmlCharRefReplace,
        "surrogateescape" | "surrogatepass" | "namereplace" => {
            return Err(PyErr::value_error(format!(
                "the '{errors}' error handler is not supported by compiled code"
            )));
        }
        _ => {
            return Err(PyErr::new(
                ExcKind::LookupError,
                format!("unknown error handler name '{errors}'"),
            ));
        }
    })
}

fn decode_error(codec: Codec, b: &[u8], start: usize, end: usize, reason: &str) -> PyErr {
    let message = if end == start + 1 {
        format!(
            "'{}' codec can't decode byte 0x{:02x} in position {start}: {reason}",
            codec.name(),
            b[start]
        )
    } else {
        format!(
            "'{}' codec can't decode bytes in position {start}-{}: {reason}",
            codec.name(),
            end - 1
        )
    };
    PyErr::new(ExcKind::UnicodeDecodeError, message)
}

/// Appends what `errors` puts for the undecodable `bad` bytes.
fn decode_replacement(out: &mut String, h: Handler, bad: &[u8]) {
    match h {
        Handler::Replace => out.push('\u{fffd}'),
        Handler::BackslashReplace => {
            for c in bad {
                out.push_str(&format!("\\x{c:02x}"));
            }
        }
        _ => {}
    }
}

/// Whether `encoding` names UTF-8 (LookupError for an unknown codec), for
/// text files, whose UTF-8 sequences may span two reads.
pub fn codec_is_utf8(encoding: &str) -> PyResult<bool> {
    Ok(Codec::lookup(encoding)? == Codec::Utf8)
}

/// `b.decode(encoding, errors)`.
pub fn bytes_decode(b: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    let codec = Codec::lookup(encoding)?;
    match codec {
        Codec::Utf8 => {
            let mut out = String::with_capacity(b.len());
            let mut rest = b;
            loop {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        out.push_str(s);
                        return Ok(out);
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        // SAFETY-free: the prefix was just validated
                        out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default());
                        let start = b.len() - rest.len() + good;
                        let (len, reason) = match e.error_len() {
                            None => (rest.len() - good, "unexpected end of data"),
                            Some(n) => {
                                let first = rest[good];
                                let invalid_start = !(0xc2..=0xf4).contains(&first);
                                (
                                    n,
                                    if invalid_start {
                                        "invalid start byte"
                                    } else {
                                        "invalid continuation byte"
                                    },
                                )
                            }
                        };
                        let h = match handler(errors) {
                            Ok(Handler::Strict) => {
                                return Err(decode_error(codec, b, start, start + len, reason));
                            }
                            Ok(Handler::XmlCharRefReplace) => {
                                return Err(PyErr::type_error(
                                    "don't know how to handle UnicodeDecodeError in error callback",
                                ));
                            }
                            Ok(h) => h,
                            Err(e) => return Err(e),
                        };
                        decode_replacement(&mut out, h, &rest[good..good + len]);
                        rest = &rest[good + len..];
                    }
                }
            }
        }
        Codec::Ascii | Codec::Latin1 => {
            let mut out = String::with_capacity(b.len());
            for (i, &c) in b.iter().enumerate() {
                if u32::from(c) < codec.limit() {
                    out.push(char::from(c));
                    continue;
                }
                match handler(errors)? {
                    Handler::Strict => {
                        return Err(decode_error(
                            codec,
                            b,
                            i,
                            i + 1,
                            "ordinal not in range(128)",
                        ));
                    }
                    Handler::XmlCharRefReplace => {
                        return Err(PyErr::type_error(
                            "don't know how to handle UnicodeDecodeError in error callback",
                        ));
                    }
                    h => decode_replacement(&mut out, h, &b[i..i + 1]),
                }
            }
            Ok(out)
        }
    }
}

/// A code point as CPython's encode errors show it (`'\xe9'`, `'\u20ac'`).
fn escaped(c: char) -> String {
    let v = c as u32;
    if v < 0x100 {
        format!("\\x{v:02x}")
    } else if v < 0x10000 {
        format!("\\u{v:04x}")
    } else {
        format!("\\U{v:08x}")
    }
}

/// `s.encode(encoding, errors)`.
pub fn str_encode(s: &str, encoding: &str, errors: &str) -> PyResult<Bytes> {
    let codec = Codec::lookup(encoding)?;
    if codec == Codec::Utf8 {
        // a compiled str holds no surrogates: UTF-8 always encodes it
        return Ok(Bytes(s.as_bytes().to_vec()));
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c as u32) < codec.limit() {
            out.push(c as u32 as u8);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < chars.len() && chars[end] as u32 >= codec.limit() {
            end += 1;
        }
        match handler(errors)? {
            Handler::Strict => {
                let range = format!("ordinal not in range({})", codec.limit());
                let message = if end == i + 1 {
                    format!(
                        "'{}' codec can't encode character '{}' in position {i}: {range}",
                        codec.name(),
                        escaped(c)
                    )
                } else {
                    format!(
                        "'{}' codec can't encode characters in position {i}-{}: {range}",
                        codec.name(),
                        end - 1
                    )
                };
                return Err(PyErr::new(ExcKind::UnicodeEncodeError, message));
            }
            Handler::Ignore => {}
            Handler::Replace => out.extend(std::iter::repeat_n(b'?', end - i)),
            Handler::BackslashReplace => {
                for &c in &chars[i..end] {
                    out.extend_from_slice(escaped(c).as_bytes());
                }
            }
            Handler::XmlCharRefReplace => {
                for &c in &chars[i..end] {
                    out.extend_from_slice(format!("&#{};", c as u32).as_bytes());
                }
            }
        }
        i = end;
    }
    Ok(Bytes(out))
}

// ---------------------------------------------------------------------------
// bytearray

/// A Python `bytearray`: bytes changed in place (`append`, `extend`, `b[i] = x`,
/// `+=`). Read through `&[u8]` by every `bytes` operation; compares equal to a
/// `bytes` of the same items, as CPython's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ByteArray(pub Vec<u8>);

impl Deref for ByteArray {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl AsRef<[u8]> for ByteArray {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl PyRepr for ByteArray {
    /// `bytearray(b'...')`.
    fn py_repr(&self) -> String {
        format!("bytearray({})", bytes_repr(&self.0))
    }
}

// A class field holding a bytearray gets the record impls every class gets; the
// ABI refuses the class (no bytearray form), so these only satisfy the bounds.
impl super::abi::Encode for ByteArray {
    fn encode(&self, out: &mut super::abi::Writer) {
        super::abi::Encode::encode(&Bytes(self.0.clone()), out);
    }
}

impl super::abi::Decode for ByteArray {
    fn decode(r: &mut super::abi::Reader<'_>) -> Result<Self, super::abi::DecodeError> {
        Ok(ByteArray(<Bytes as super::abi::Decode>::decode(r)?.0))
    }
    fn type_name() -> String {
        String::from("bytearray")
    }
}

fn bytearray_byte(x: i64) -> PyResult<u8> {
    u8::try_from(x).map_err(|_| PyErr::value_error("byte must be in range(0, 256)"))
}

fn bytearray_room(b: &mut ByteArray, more: usize) -> PyResult<()> {
    b.0.try_reserve(more).map_err(|_| memory_error())
}

/// `bytearray(source)` of bytes (or a bytearray): a copy.
pub fn bytearray_of(b: &[u8]) -> ByteArray {
    ByteArray(b.to_vec())
}

/// `bytes(ba)`: the bytes a bytearray holds.
pub fn bytearray_bytes(b: &[u8]) -> Bytes {
    Bytes(b.to_vec())
}

/// `bytearray(s, encoding, errors)`: the encoded string.
pub fn bytearray_encoded(s: &str, encoding: &str, errors: &str) -> PyResult<ByteArray> {
    Ok(ByteArray(str_encode(s, encoding, errors)?.0))
}

/// `bytearray(n)`: `n` zero bytes; `ValueError: negative count`.
pub fn bytearray_zeros(n: i64) -> PyResult<ByteArray> {
    Ok(ByteArray(bytes_zeros(n)?.0))
}

/// `bytearray(iterable_of_ints)`: `ValueError: byte must be in range(0, 256)`.
pub fn bytearray_from_ints(items: impl Iterator<Item = i64>) -> PyResult<ByteArray> {
    let mut b = ByteArray::default();
    bytearray_extend_ints(&mut b, items)?;
    Ok(b)
}

/// `b.append(x)`.
pub fn bytearray_append(b: &mut ByteArray, x: i64) -> PyResult<()> {
    let x = bytearray_byte(x)?;
    bytearray_room(b, 1)?;
    b.0.push(x);
    Ok(())
}

/// `b.extend(bytes)`, `b += bytes`.
pub fn bytearray_extend(b: &mut ByteArray, more: &[u8]) -> PyResult<()> {
    bytearray_room(b, more.len())?;
    b.0.extend_from_slice(more);
    Ok(())
}

/// `b.extend(iterable_of_ints)`: the ints before a bad one are appended, as CPython's.
pub fn bytearray_extend_ints(b: &mut ByteArray, items: impl Iterator<Item = i64>) -> PyResult<()> {
    for x in items {
        bytearray_append(b, x)?;
    }
    Ok(())
}

/// `b.clear()`.
pub fn bytearray_clear(b: &mut ByteArray) {
    b.0.clear();
}

/// `b[i]`: `IndexError: bytearray index out of range`.
pub fn bytearray_getitem(b: &[u8], i: i64) -> PyResult<i64> {
    match norm_index(b.len(), i) {
        Some(j) => Ok(i64::from(b[j])),
        None => Err(PyErr::index_error("bytearray index out of range")),
    }
}

/// `b[i] = x`: `IndexError: bytearray index out of range`, `ValueError: byte must
/// be in range(0, 256)` (the value is checked first, as CPython does).
pub fn bytearray_setitem(b: &mut ByteArray, i: i64, x: i64) -> PyResult<()> {
    let x = bytearray_byte(x)?;
    match norm_index(b.len(), i) {
        Some(j) => {
            b.0[j] = x;
            Ok(())
        }
        None => Err(PyErr::index_error("bytearray index out of range")),
    }
}

/// `b.pop()` / `b.pop(i)`: `IndexError: pop from empty bytearray`, `pop index out of range`.
pub fn bytearray_pop(b: &mut ByteArray, i: i64) -> PyResult<i64> {
    if b.0.is_empty() {
        return Err(PyErr::index_error("pop from empty bytearray"));
    }
    match norm_index(b.len(), i) {
        Some(j) => Ok(i64::from(b.0.remove(j))),
        None => Err(PyErr::index_error("pop index out of range")),
    }
}

/// `b[start:stop:step]`: a new bytearray.
pub fn bytearray_slice(
    b: &[u8],
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> PyResult<ByteArray> {
    Ok(ByteArray(bytes_slice(b, start, stop, step)?.0))
}

/// `a + b` of a bytearray and bytes (or a bytearray): a new bytearray.
pub fn bytearray_concat(a: &[u8], b: &[u8]) -> PyResult<ByteArray> {
    Ok(ByteArray(bytes_concat(a, b)?.0))
}
