//! Conversions between the scalar types: `int(s)`, `int(s, base)`,
//! `float(s)`, `ord`, `chr`, and truthiness, with CPython's error messages.

use super::{PyErr, PyResult, char_decimal_value, char_isspace, int_overflow, str_repr};

/// CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`: non-ASCII
/// whitespace becomes ' ', non-ASCII decimal digits their ASCII digit, any
/// other non-ASCII character '?' (which no parser accepts).
fn transform_to_ascii(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                c as u8
            } else if char_isspace(c) {
                b' '
            } else if let Some(d) = char_decimal_value(c) {
                b'0' + d as u8
            } else {
                b'?'
            }
        })
        .collect()
}

/// Python's `Py_ISSPACE` (ASCII whitespace only).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// The repr of `s` truncated to 200 characters (CPython's `%.200R`).
fn repr_200(s: &str) -> String {
    let r = str_repr(s);
    if r.chars().count() > 200 {
        r.chars().take(200).collect()
    } else {
        r
    }
}

fn invalid_int_literal(s: &str, base: i64) -> PyErr {
    PyErr::value_error(format!(
        "invalid literal for int() with base {base}: {}",
        repr_200(s)
    ))
}

fn digit_value(b: u8) -> u32 {
    match b {
        b'0'..=b'9' => (b - b'0') as u32,
        b'a'..=b'z' => (b - b'a') as u32 + 10,
        b'A'..=b'Z' => (b - b'A') as u32 + 10,
        _ => 37,
    }
}

/// `int(s)`: optional surrounding whitespace and sign, single underscores
/// between digits, Unicode decimal digits.
pub fn int_from_str(s: &str) -> PyResult<i64> {
    int_from_str_base(s, 10)
}

/// `int(s, base)` with `base` 0 (prefix decides) or 2..=36.
pub fn int_from_str_base(s: &str, base: i64) -> PyResult<i64> {
    if (base != 0 && base < 2) || base > 36 {
        return Err(PyErr::value_error(
            "int() base must be >= 2 and <= 36, or 0",
        ));
    }
    let orig_base = base;
    let mut base = base as u32;
    let buf = transform_to_ascii(s);
    let at = |i: usize| buf.get(i).copied().unwrap_or(0);
    let invalid = || invalid_int_literal(s, orig_base);
    let mut p = 0;
    while p < buf.len() && is_ascii_space(buf[p]) {
        p += 1;
    }
    let mut negative = false;
    if at(p) == b'+' {
        p += 1;
    } else if at(p) == b'-' {
        p += 1;
        negative = true;
    }
    let mut error_if_nonzero = false;
    if base == 0 {
        base = if at(p) != b'0' {
            10
        } else {
            match at(p + 1) {
                b'x' | b'X' => 16,
                b'o' | b'O' => 8,
                b'b' | b'B' => 2,
                _ => {
                    error_if_nonzero = true;
                    10
                }
            }
        };
    }
    if at(p) == b'0'
        && ((base == 16 && matches!(at(p + 1), b'x' | b'X'))
            || (base == 8 && matches!(at(p + 1), b'o' | b'O'))
            || (base == 2 && matches!(at(p + 1), b'b' | b'B')))
    {
        p += 2;
        if at(p) == b'_' {
            p += 1;
        }
    }
    if at(p) == b'_' {
        return Err(invalid());
    }
    let mut digits: Vec<u32> = Vec::new();
    let mut prev = 0u8;
    while p < buf.len() && (digit_value(buf[p]) < base || buf[p] == b'_') {
        if buf[p] == b'_' {
            if prev == b'_' {
                return Err(invalid());
            }
        } else {
            digits.push(digit_value(buf[p]));
        }
        prev = buf[p];
        p += 1;
    }
    if prev == b'_' || digits.is_empty() {
        return Err(invalid());
    }
    if !base.is_power_of_two() && digits.len() > 4300 {
        return Err(PyErr::value_error(format!(
            "Exceeds the limit (4300 digits) for integer string conversion: value has {} digits; \
             use sys.set_int_max_str_digits() to increase the limit",
            digits.len()
        )));
    }
    if error_if_nonzero && digits.iter().any(|&d| d != 0) {
        return Err(invalid_int_literal(s, 0));
    }
    while p < buf.len() && is_ascii_space(buf[p]) {
        p += 1;
    }
    if p != buf.len() {
        return Err(invalid());
    }
    let mut value: i128 = 0;
    for d in digits {
        value = value * base as i128 + d as i128;
        if value > 1i128 << 64 {
            return Err(int_overflow());
        }
    }
    if negative {
        value = -value;
    }
    i64::try_from(value).map_err(|_| int_overflow())
}

/// Checks Python's float syntax (after underscores are removed):
/// `[sign] (digits [. [digits]] | . digits) [(e|E) [sign] digits]`, or
/// `[sign] (inf | infinity | nan)`, case-insensitively.
fn valid_float_syntax(t: &[u8]) -> bool {
    let body = match t.first() {
        Some(b'+' | b'-') => &t[1..],
        _ => t,
    };
    let lower = body.to_ascii_lowercase();
    if lower == b"inf" || lower == b"infinity" || lower == b"nan" {
        return true;
    }
    let mut i = 0;
    let int_digits = body.iter().take_while(|b| b.is_ascii_digit()).count();
    i += int_digits;
    let mut frac_digits = 0;
    if body.get(i) == Some(&b'.') {
        i += 1;
        frac_digits = body[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        i += frac_digits;
    }
    if int_digits + frac_digits == 0 {
        return false;
    }
    if matches!(body.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(body.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp_digits = body[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if exp_digits == 0 {
            return false;
        }
        i += exp_digits;
    }
    i == body.len()
}

/// `float(s)`: whitespace, sign, `inf`/`infinity`/`nan` in any case,
/// underscores between digits, Unicode decimal digits.
pub fn float_from_str(s: &str) -> PyResult<f64> {
    let invalid = || {
        PyErr::value_error(format!(
            "could not convert string to float: {}",
            str_repr(s)
        ))
    };
    let buf = transform_to_ascii(s);
    let mut lo = 0;
    let mut hi = buf.len();
    while lo < hi && is_ascii_space(buf[lo]) {
        lo += 1;
    }
    while lo + 1 < hi && is_ascii_space(buf[hi - 1]) {
        hi -= 1;
    }
    let trimmed = &buf[lo..hi];
    let mut clean: Vec<u8> = Vec::with_capacity(trimmed.len());
    let mut prev = 0u8;
    for &b in trimmed {
        if b == b'_' {
            if !prev.is_ascii_digit() {
                return Err(invalid());
            }
        } else {
            if prev == b'_' && !b.is_ascii_digit() {
                return Err(invalid());
            }
            clean.push(b);
        }
        prev = b;
    }
    if prev == b'_' || !valid_float_syntax(&clean) {
        return Err(invalid());
    }
    let text = std::str::from_utf8(&clean).map_err(|_| invalid())?;
    text.parse::<f64>().map_err(|_| invalid())
}

/// `ord(c)`.
pub fn str_ord(s: &str) -> PyResult<i64> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c as i64),
        _ => Err(PyErr::type_error(format!(
            "ord() expected a character, but string of length {} found",
            s.chars().count()
        ))),
    }
}

/// `chr(i)`.
pub fn int_chr(i: i64) -> PyResult<String> {
    if i32::try_from(i).is_err() {
        return Err(PyErr::overflow("Python int too large to convert to C int"));
    }
    if !(0..0x110000).contains(&i) {
        return Err(PyErr::value_error("chr() arg not in range(0x110000)"));
    }
    char::from_u32(i as u32).map(String::from).ok_or_else(|| {
        PyErr::value_error(
            "pycomp: surrogate code points (U+D800..U+DFFF) cannot be held in compiled strings",
        )
    })
}

/// `bool(s)`.
pub fn str_truth(s: &str) -> bool {
    !s.is_empty()
}

/// `bool(x)` for an int.
pub fn int_truth(x: i64) -> bool {
    x != 0
}

/// `bool(x)` for a float (NaN is true).
pub fn float_truth(x: f64) -> bool {
    x != 0.0
}

/// `int(b)` for a bool.
pub fn bool_to_int(b: bool) -> i64 {
    b as i64
}

/// `float(b)` for a bool.
pub fn bool_to_float(b: bool) -> f64 {
    if b { 1.0 } else { 0.0 }
}
