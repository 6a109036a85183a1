//! Small standard-library modules, with CPython's algorithms: `string`'s
//! constants and `capwords`, `bisect`, and `heapq` (the exact sift order of
//! CPython's heapq, so a heap list reads the same afterwards).

use super::{PyErr, PyResult};
use std::cmp::Ordering;

// ---------------------------------------------------------------------------
// string

pub const STRING_ASCII_LETTERS: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
pub const STRING_ASCII_LOWERCASE: &str = "abcdefghijklmnopqrstuvwxyz";
pub const STRING_ASCII_UPPERCASE: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
pub const STRING_DIGITS: &str = "0123456789";
pub const STRING_HEXDIGITS: &str = "0123456789abcdefABCDEF";
pub const STRING_OCTDIGITS: &str = "01234567";
pub const STRING_PUNCTUATION: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
pub const STRING_WHITESPACE: &str = " \t\n\r\x0b\x0c";
pub const STRING_PRINTABLE: &str = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\x0b\x0c";

/// `string.capwords(s, sep)`: `sep.join(w.capitalize() for w in s.split(sep))`,
/// with a single space joining when `sep` is None.
pub fn string_capwords(s: &str, sep: Option<String>) -> PyResult<String> {
    let joiner = sep.clone().unwrap_or_else(|| " ".to_string());
    let words = super::str_split(s, sep.as_deref(), -1)?;
    let caps: Vec<String> = words.iter().map(|w| super::str_capitalize(w)).collect();
    Ok(caps.join(&joiner))
}

// ---------------------------------------------------------------------------
// bisect

fn bisect_bounds(len: usize, lo: i64, hi: Option<i64>) -> PyResult<(usize, usize)> {
    if lo < 0 {
        return Err(PyErr::value_error("lo must be non-negative"));
    }
    // As CPython's C code: `hi` of None or -1 means the length; another
    // negative `hi` gives an empty range, and a `hi` past the end raises
    // IndexError only if the search reaches it.
    let hi = match hi {
        None | Some(-1) => len as i64,
        Some(h) => h,
    };
    Ok((lo as usize, hi.max(0) as usize))
}

/// `bisect.bisect_left(a, x, lo, hi)`.
pub fn bisect_left<T: PartialOrd>(a: &[T], x: &T, lo: i64, hi: Option<i64>) -> PyResult<i64> {
    let (mut lo, mut hi) = bisect_bounds(a.len(), lo, hi)?;
    while lo < hi {
        let mid = (lo + hi) / 2;
        let item = a
            .get(mid)
            .ok_or_else(|| PyErr::index_error("list index out of range"))?;
        if item < x {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    Ok(lo as i64)
}

/// `bisect.bisect_right(a, x, lo, hi)` (also `bisect.bisect`).
pub fn bisect_right<T: PartialOrd>(a: &[T], x: &T, lo: i64, hi: Option<i64>) -> PyResult<i64> {
    let (mut lo, mut hi) = bisect_bounds(a.len(), lo, hi)?;
    while lo < hi {
        let mid = (lo + hi) / 2;
        let item = a
            .get(mid)
            .ok_or_else(|| PyErr::index_error("list index out of range"))?;
        if x < item {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo as i64)
}

/// `bisect.insort_left(a, x)`.
pub fn insort_left<T: PartialOrd>(a: &mut Vec<T>, x: T) -> PyResult<()> {
    let i = bisect_left(a, &x, 0, None)? as usize;
    super::list_room(a)?;
    a.insert(i, x);
    Ok(())
}

/// `bisect.insort_right(a, x)` (also `bisect.insort`).
pub fn insort_right<T: PartialOrd>(a: &mut Vec<T>, x: T) -> PyResult<()> {
    let i = bisect_right(a, &x, 0, None)? as usize;
    super::list_room(a)?;
    a.insert(i, x);
    Ok(())
}

// ---------------------------------------------------------------------------
// heapq: CPython's _siftdown / _siftup, step for step

fn sift_down<T: PartialOrd + Clone>(heap: &mut [T], start: usize, mut pos: usize) {
    let newitem = heap[pos].clone();
    while pos > start {
        let parentpos = (pos - 1) >> 1;
        if newitem < heap[parentpos] {
            heap[pos] = heap[parentpos].clone();
            pos = parentpos;
            continue;
        }
        break;
    }
    heap[pos] = newitem;
}

fn sift_up<T: PartialOrd + Clone>(heap: &mut [T], mut pos: usize) {
    let end = heap.len();
    let start = pos;
    let newitem = heap[pos].clone();
    let mut child = 2 * pos + 1;
    while child < end {
        let right = child + 1;
        // CPython: `if rightpos < endpos and not heap[childpos] < heap[rightpos]`
        if right < end && heap[child].partial_cmp(&heap[right]) != Some(Ordering::Less) {
            child = right;
        }
        heap[pos] = heap[child].clone();
        pos = child;
        child = 2 * pos + 1;
    }
    heap[pos] = newitem;
    sift_down(heap, start, pos);
}

/// `heapq.heappush(heap, item)`.
pub fn heappush<T: PartialOrd + Clone>(heap: &mut Vec<T>, item: T) {
    heap.push(item);
    let last = heap.len() - 1;
    sift_down(heap, 0, last);
}

/// `heapq.heappop(heap)`: `IndexError: index out of range` when empty.
pub fn heappop<T: PartialOrd + Clone>(heap: &mut Vec<T>) -> PyResult<T> {
    let last = heap
        .pop()
        .ok_or_else(|| PyErr::index_error("index out of range"))?;
    if heap.is_empty() {
        return Ok(last);
    }
    let top = std::mem::replace(&mut heap[0], last);
    sift_up(heap, 0);
    Ok(top)
}

/// `heapq.heapreplace(heap, item)`: the smallest out, `item` in, one sift;
/// `IndexError: index out of range` when empty.
pub fn heapreplace<T: PartialOrd + Clone>(heap: &mut [T], item: T) -> PyResult<T> {
    let Some(slot) = heap.first_mut() else {
        return Err(PyErr::index_error("index out of range"));
    };
    let top = std::mem::replace(slot, item);
    sift_up(heap, 0);
    Ok(top)
}

/// `heapq.heappushpop(heap, item)`: `item` back when the heap is empty or
/// `heap[0] < item` does not hold, else the smallest (replaced by `item`).
pub fn heappushpop<T: PartialOrd + Clone>(heap: &mut [T], item: T) -> T {
    match heap.first_mut() {
        Some(slot) if *slot < item => {
            let top = std::mem::replace(slot, item);
            sift_up(heap, 0);
            top
        }
        _ => item,
    }
}

/// `heapq.heapify(x)`.
pub fn heapify<T: PartialOrd + Clone>(x: &mut [T]) {
    for i in (0..x.len() / 2).rev() {
        sift_up(x, i);
    }
}

/// `heapq.nlargest(n, items)`: `sorted(items, reverse=True)[:n]`, as documented.
pub fn nlargest<T: PartialOrd>(n: i64, items: impl IntoIterator<Item = T>) -> PyResult<Vec<T>> {
    let mut v = super::py_sorted(items, true)?;
    v.truncate(n.max(0) as usize);
    Ok(v)
}

/// `heapq.nsmallest(n, items)`: `sorted(items)[:n]`.
pub fn nsmallest<T: PartialOrd>(n: i64, items: impl IntoIterator<Item = T>) -> PyResult<Vec<T>> {
    let mut v = super::py_sorted(items, false)?;
    v.truncate(n.max(0) as usize);
    Ok(v)
}

/// `heapq.nlargest(n, items, key=key)`: `sorted(items, key=key, reverse=True)[:n]`.
pub fn nlargest_by_key<T: Clone, K: PartialOrd>(
    n: i64,
    items: impl IntoIterator<Item = T>,
    key: impl FnMut(T) -> PyResult<K>,
) -> PyResult<Vec<T>> {
    let mut v = super::py_sorted_by_key(items, key, true)?;
    v.truncate(n.max(0) as usize);
    Ok(v)
}

/// `heapq.nsmallest(n, items, key=key)`: `sorted(items, key=key)[:n]`.
pub fn nsmallest_by_key<T: Clone, K: PartialOrd>(
    n: i64,
    items: impl IntoIterator<Item = T>,
    key: impl FnMut(T) -> PyResult<K>,
) -> PyResult<Vec<T>> {
    let mut v = super::py_sorted_by_key(items, key, false)?;
    v.truncate(n.max(0) as usize);
    Ok(v)
}

// ---------------------------------------------------------------------------
// str.maketrans / str.translate: tables are dicts from code points, as in
// CPython (`{ord(x): ord(y)}`, deleted characters mapped to None).

type IntMap<V> = super::IndexMap<i64, V>;

/// `str.maketrans(x, y)`.
pub fn str_maketrans2(x: &str, y: &str) -> PyResult<IntMap<i64>> {
    let (xs, ys): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    if xs.len() != ys.len() {
        return Err(PyErr::value_error(
            "the first two maketrans arguments must have equal length",
        ));
    }
    Ok(xs
        .into_iter()
        .zip(ys)
        .map(|(a, b)| (a as i64, b as i64))
        .collect())
}

/// `str.maketrans(x, y, z)`: the characters of z map to None.
pub fn str_maketrans3(x: &str, y: &str, z: &str) -> PyResult<IntMap<Option<i64>>> {
    let mut table: IntMap<Option<i64>> = str_maketrans2(x, y)?
        .into_iter()
        .map(|(k, v)| (k, Some(v)))
        .collect();
    for c in z.chars() {
        table.insert(c as i64, None);
    }
    Ok(table)
}

/// `str.maketrans({char: str})`.
pub fn str_maketrans_dict(d: &super::IndexMap<String, String>) -> PyResult<IntMap<String>> {
    let mut table = IntMap::default();
    for (k, v) in d {
        let mut cs = k.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) => {
                table.insert(c as i64, v.clone());
            }
            _ => {
                return Err(PyErr::value_error(
                    "string keys in translate table must be of length 1",
                ));
            }
        }
    }
    Ok(table)
}

fn mapped_char(code: i64) -> PyResult<char> {
    u32::try_from(code)
        .ok()
        .filter(|&c| c < 0x110000)
        .ok_or_else(|| PyErr::value_error("character mapping must be in range(0x110000)"))
        .and_then(|c| {
            char::from_u32(c).ok_or_else(|| {
                PyErr::value_error("pycomp: a surrogate code point cannot be held in a str")
            })
        })
}

/// `s.translate(table)` with code point values.
pub fn str_translate_int(s: &str, table: &IntMap<i64>) -> PyResult<String> {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match table.get(&(c as i64)) {
            Some(&code) => out.push(mapped_char(code)?),
            None => out.push(c),
        }
    }
    Ok(out)
}

/// `s.translate(table)` with None values only: the table's characters deleted.
pub fn str_translate_none(s: &str, table: &IntMap<()>) -> String {
    s.chars()
        .filter(|&c| !table.contains_key(&(c as i64)))
        .collect()
}

/// `s.translate(table)` with code points or None (delete).
pub fn str_translate_opt(s: &str, table: &IntMap<Option<i64>>) -> PyResult<String> {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match table.get(&(c as i64)) {
            Some(Some(code)) => out.push(mapped_char(*code)?),
            Some(None) => {}
            None => out.push(c),
        }
    }
    Ok(out)
}

/// `s.translate(table)` with str values.
pub fn str_translate_str(s: &str, table: &IntMap<String>) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match table.get(&(c as i64)) {
            Some(rep) => out.push_str(rep),
            None => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------
// str.isidentifier, with CPython 3.11's tables (Unicode 14.0)

fn in_ranges(c: char, table: &[(u32, u32)]) -> bool {
    let c = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// `s.isidentifier()`: XID_Start or `_` first, XID_Continue after.
pub fn str_isidentifier(s: &str) -> bool {
    let mut cs = s.chars();
    match cs.next() {
        None => false,
        Some(first) => {
            in_ranges(first, super::ident_tables::IDENT_START)
                && cs.all(|c| in_ranges(c, super::ident_tables::IDENT_CONTINUE))
        }
    }
}

// ---------------------------------------------------------------------------
// time

/// The reference point of `time.perf_counter`/`time.monotonic` (undefined in CPython
/// too: only differences mean anything): the first reading in the process.
fn clock_base() -> std::time::Instant {
    static BASE: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    *BASE.get_or_init(std::time::Instant::now)
}

/// `time.perf_counter()` and `time.monotonic()`: seconds on a monotonic clock.
pub fn time_monotonic() -> f64 {
    clock_base().elapsed().as_secs_f64()
}

/// `time.perf_counter_ns()` and `time.monotonic_ns()`.
pub fn time_monotonic_ns() -> i64 {
    i64::try_from(clock_base().elapsed().as_nanos()).unwrap_or(i64::MAX)
}

fn since_epoch() -> std::time::Duration {
    // a clock set before 1970 reads as the epoch rather than failing
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
}

/// `time.time()`: seconds since the Unix epoch.
pub fn time_time() -> f64 {
    since_epoch().as_secs_f64()
}

/// `time.time_ns()`.
pub fn time_time_ns() -> i64 {
    i64::try_from(since_epoch().as_nanos()).unwrap_or(i64::MAX)
}

fn sleep_ns(ns: i64) -> PyResult<()> {
    if ns < 0 {
        return Err(PyErr::value_error("sleep length must be non-negative"));
    }
    std::thread::sleep(std::time::Duration::from_nanos(ns.unsigned_abs()));
    Ok(())
}

/// `time.sleep(secs)` with an int: CPython counts nanoseconds in a 64-bit int.
pub fn time_sleep_int(secs: i64) -> PyResult<()> {
    match secs.checked_mul(1_000_000_000) {
        Some(ns) => sleep_ns(ns),
        None if secs < 0 => sleep_ns(-1),
        None => Err(PyErr::overflow(
            "timestamp too large to convert to C _PyTime_t",
        )),
    }
}

/// `time.sleep(secs)` with a float: rounded up to a nanosecond, as CPython's timeouts.
pub fn time_sleep(secs: f64) -> PyResult<()> {
    if secs.is_nan() {
        return Err(PyErr::value_error("Invalid value NaN (not a number)"));
    }
    let ns = (secs * 1e9).ceil();
    // the i64 range as floats: 2**63 (i64::MAX as f64) is itself out of range
    if !(i64::MIN as f64..i64::MAX as f64).contains(&ns) {
        return Err(PyErr::overflow(
            "timestamp out of range for platform time_t",
        ));
    }
    sleep_ns(ns as i64)
}

/// `os.environ`: the process's environment, read at each lookup. CPython's
/// `os.environ` is a copy made at start-up that it keeps in step with the
/// process's own (its writes call `putenv`), so a host that sets a variable
/// through `os.environ` is seen here too.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Environ;

/// The value of an environment variable, None when unset (or for a name no
/// variable can have: empty, or holding `=` or NUL, which CPython's mapping
/// never holds either). `ValueError` for a value that is not UTF-8: CPython
/// keeps such bytes as surrogate escapes, which a compiled str cannot hold.
pub fn os_getenv(key: &str) -> PyResult<Option<String>> {
    if key.is_empty() || key.contains(['=', '\0']) {
        return Ok(None);
    }
    match std::env::var_os(key) {
        None => Ok(None),
        Some(v) => v.into_string().map(Some).map_err(|_| {
            PyErr::value_error(format!(
                "the environment variable {key} is not UTF-8 (compiled code holds str as UTF-8)"
            ))
        }),
    }
}

/// `os.environ.get(key, default)` / `os.getenv(key, default)`.
pub fn os_getenv_or(key: &str, default: String) -> PyResult<String> {
    Ok(os_getenv(key)?.unwrap_or(default))
}

/// `os.environ[key]`: `KeyError: 'key'` when unset.
pub fn os_environ_item(key: &str) -> PyResult<String> {
    os_getenv(key)?.ok_or_else(|| PyErr::key_error_of(key))
}

/// `key in os.environ`.
pub fn os_environ_contains(key: &str) -> bool {
    !key.is_empty() && !key.contains(['=', '\0']) && std::env::var_os(key).is_some()
}

// ---------------------------------------------------------------------------
// string.Template

/// `string.Template(s)`: the template text; `$`-placeholders are found when it is
/// substituted, as CPython's class matches its pattern then.
#[derive(Clone, Debug, Default)]
pub struct PyTemplate {
    pub template: String,
}

impl PyTemplate {
    pub fn new(template: &str) -> PyTemplate {
        PyTemplate {
            template: template.to_string(),
        }
    }
}

/// One match of `Template.pattern` (delimiter `$`, idpattern
/// `(?a:[_a-z][_a-z0-9]*)` under IGNORECASE): its byte range in the template and
/// what it is.
enum Placeholder<'a> {
    Escaped,
    Named(&'a str),
    Invalid,
}

fn is_id_start(b: u8) -> bool {
    b == b'_' || b.is_ascii_alphabetic()
}

fn is_id_char(b: u8) -> bool {
    b == b'_' || b.is_ascii_alphanumeric()
}

/// The placeholders of `t` in order, with the byte offset of each `$` and the
/// offset just past the match (ASCII bytes only, so byte scanning is exact).
fn placeholders(t: &str) -> Vec<(usize, usize, Placeholder<'_>)> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'$' {
            i += 1;
            continue;
        }
        let start = i;
        let next = b.get(i + 1).copied();
        if next == Some(b'$') {
            out.push((start, i + 2, Placeholder::Escaped));
            i += 2;
        } else if next.is_some_and(is_id_start) {
            let mut j = i + 2;
            while j < b.len() && is_id_char(b[j]) {
                j += 1;
            }
            out.push((start, j, Placeholder::Named(&t[i + 1..j])));
            i = j;
        } else if next == Some(b'{') && b.get(i + 2).copied().is_some_and(is_id_start) && {
            let mut j = i + 3;
            while j < b.len() && is_id_char(b[j]) {
                j += 1;
            }
            b.get(j) == Some(&b'}')
        } {
            let mut j = i + 3;
            while is_id_char(b[j]) {
                j += 1;
            }
            out.push((start, j + 1, Placeholder::Named(&t[i + 2..j])));
            i = j + 1;
        } else {
            out.push((start, i + 1, Placeholder::Invalid));
            i += 1;
        }
    }
    out
}

/// CPython's `ValueError('Invalid placeholder in string: line L, col C')`: the
/// line and column (in characters, counted by `str.splitlines`'s line breaks) of
/// the position just past the `$`.
fn invalid_placeholder(t: &str, dollar: usize) -> PyErr {
    let prefix: Vec<char> = t[..dollar + 1].chars().collect();
    let (mut line, mut col) = (1, 0);
    let mut k = 0;
    while k < prefix.len() {
        let c = prefix[k];
        let brk = super::is_line_break(c);
        if c == '\r' && prefix.get(k + 1) == Some(&'\n') {
            k += 1;
        }
        if brk {
            line += 1;
            col = 0;
        } else {
            col += 1;
        }
        k += 1;
    }
    PyErr::value_error(format!(
        "Invalid placeholder in string: line {line}, col {col}"
    ))
}

/// `t.substitute(mapping)` (`safe`: `t.safe_substitute(mapping)`): each
/// placeholder replaced by `str()` of its value, `$$` by `$`; a missing name is
/// CPython's KeyError (kept as written by `safe_substitute`), a `$` starting no
/// placeholder its ValueError (kept by `safe_substitute`), left to right.
pub fn template_substitute<V: super::PyRepr>(
    t: &PyTemplate,
    mapping: &super::IndexMap<String, V>,
    safe: bool,
) -> PyResult<String> {
    let text = t.template.as_str();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (start, end, ph) in placeholders(text) {
        out.push_str(&text[last..start]);
        match ph {
            Placeholder::Escaped => out.push('$'),
            Placeholder::Named(name) => match mapping.get(name) {
                Some(v) => out.push_str(&v.py_str()),
                None if safe => out.push_str(&text[start..end]),
                None => return Err(PyErr::key_error_of(name)),
            },
            Placeholder::Invalid if safe => out.push('$'),
            Placeholder::Invalid => return Err(invalid_placeholder(text, start)),
        }
        last = end;
    }
    out.push_str(&text[last..]);
    Ok(out)
}

/// `t.get_identifiers()`: the valid placeholders' names, once each, in order (a `$`
/// starting none is skipped).
pub fn template_identifiers(t: &PyTemplate) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, _, ph) in placeholders(&t.template) {
        if let Placeholder::Named(name) = ph
            && !out.iter().any(|n| n == name)
        {
            out.push(name.to_string());
        }
    }
    out
}

/// `t.is_valid()`: no `$` starts no placeholder.
pub fn template_is_valid(t: &PyTemplate) -> bool {
    !placeholders(&t.template)
        .iter()
        .any(|(_, _, ph)| matches!(ph, Placeholder::Invalid))
}

// ---------------------------------------------------------------------------
// zlib / binascii checksums

/// The reflected CRC-32 table of zlib (polynomial 0xEDB88320).
const CRC32_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// `zlib.crc32(data, value)` (also `binascii.crc32`): the running CRC continued
/// from `value`, taken modulo 2**32 as CPython's `unsigned_int(bitwise=True)`.
pub fn crc32(data: &[u8], value: i64) -> i64 {
    let mut crc = !(value as u32);
    for &b in data {
        crc = CRC32_TABLE[((crc ^ b as u32) & 0xFF) as usize] ^ (crc >> 8);
    }
    (!crc) as i64
}

/// `zlib.adler32(data, value)`: the running Adler-32 continued from `value`
/// (modulo 2**32, as above).
pub fn adler32(data: &[u8], value: i64) -> i64 {
    const MOD: u32 = 65521;
    let v = value as u32;
    // zlib reduces the halves even for no data (`adler32(b'', -1)` is 917518)
    let (mut a, mut b) = ((v & 0xFFFF) % MOD, (v >> 16) % MOD);
    for chunk in data.chunks(5552) {
        for &x in chunk {
            a += x as u32;
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    ((b << 16) | a) as i64
}
