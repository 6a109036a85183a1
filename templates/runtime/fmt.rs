//! `repr()`/`str()` of scalars, float to text exactly as CPython, and the
//! format-spec mini-language (`format(x, spec)`, f-string `{x:spec}`).

use super::{PyErr, PyResult, char_decimal_value, char_isprintable, string_with_room};

/// `repr(x)` and `str(x)` as Python spells them.
///
/// Containers implement `py_str` as the repr of their items, as Python does.
pub trait PyRepr {
    fn py_repr(&self) -> String;
    fn py_str(&self) -> String {
        self.py_repr()
    }
    /// The value as an exception's argument (`KeyError(key).args`): plain values only
    /// (numbers, strings, None, tuples of them); None for what an `Obj` cannot hold.
    fn py_arg(&self) -> Option<super::Obj> {
        None
    }
}

impl PyRepr for i64 {
    fn py_arg(&self) -> Option<super::Obj> {
        Some(super::Obj::Int(*self))
    }
    fn py_repr(&self) -> String {
        self.to_string()
    }
}

impl PyRepr for f64 {
    fn py_arg(&self) -> Option<super::Obj> {
        Some(super::Obj::Float(*self))
    }
    fn py_repr(&self) -> String {
        float_repr(*self)
    }
}

impl PyRepr for bool {
    fn py_arg(&self) -> Option<super::Obj> {
        Some(super::Obj::Bool(*self))
    }
    fn py_repr(&self) -> String {
        String::from(if *self { "True" } else { "False" })
    }
}

impl PyRepr for str {
    fn py_arg(&self) -> Option<super::Obj> {
        Some(super::Obj::Str(self.to_string()))
    }
    fn py_repr(&self) -> String {
        str_repr(self)
    }
    fn py_str(&self) -> String {
        self.to_string()
    }
}

impl PyRepr for String {
    fn py_arg(&self) -> Option<super::Obj> {
        Some(super::Obj::Str(self.clone()))
    }
    fn py_repr(&self) -> String {
        str_repr(self)
    }
    fn py_str(&self) -> String {
        self.clone()
    }
}

impl PyRepr for () {
    fn py_arg(&self) -> Option<super::Obj> {
        Some(super::Obj::None)
    }
    fn py_repr(&self) -> String {
        String::from("None")
    }
}

impl<T: PyRepr> PyRepr for Option<T> {
    fn py_arg(&self) -> Option<super::Obj> {
        match self {
            Some(v) => v.py_arg(),
            None => Some(super::Obj::None),
        }
    }
    fn py_repr(&self) -> String {
        match self {
            Some(v) => v.py_repr(),
            None => String::from("None"),
        }
    }
    fn py_str(&self) -> String {
        match self {
            Some(v) => v.py_str(),
            None => String::from("None"),
        }
    }
}

impl<T: PyRepr + ?Sized> PyRepr for &T {
    fn py_arg(&self) -> Option<super::Obj> {
        (**self).py_arg()
    }
    fn py_repr(&self) -> String {
        (**self).py_repr()
    }
    fn py_str(&self) -> String {
        (**self).py_str()
    }
}

/// What `ascii()` and the `!a` conversion make of a repr: each non-ASCII
/// character escaped as `\xhh`, `\uhhhh` or `\Uhhhhhhhh` (CPython's
/// `backslashreplace` of the repr).
pub fn ascii_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let v = c as u32;
        if c.is_ascii() {
            out.push(c);
        } else if v < 0x100 {
            out.push_str(&format!("\\x{v:02x}"));
        } else if v < 0x10000 {
            out.push_str(&format!("\\u{v:04x}"));
        } else {
            out.push_str(&format!("\\U{v:08x}"));
        }
    }
    out
}

/// `repr(s)`: quotes chosen as CPython does, non-printables escaped.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if c.is_ascii() || char_isprintable(c) => out.push(c),
            c => {
                let v = c as u32;
                if v < 0x100 {
                    out.push_str(&format!("\\x{v:02x}"));
                } else if v < 0x10000 {
                    out.push_str(&format!("\\u{v:04x}"));
                } else {
                    out.push_str(&format!("\\U{v:08x}"));
                }
            }
        }
    }
    out.push(quote);
    out
}

// ---------------------------------------------------------------------------
// Float to decimal digits.
//
// Digit strings follow David Gay's dtoa conventions, which CPython uses:
// `digits` has no leading or trailing zeros (zero is "0") and the value is
// 0.d1d2d3... * 10**decpt.

/// Little-endian base 2**32 naturals, just enough for exact expansions.
fn big_mul_small(n: &mut Vec<u32>, m: u32) {
    let mut carry: u64 = 0;
    for limb in n.iter_mut() {
        let v = (*limb as u64) * (m as u64) + carry;
        *limb = v as u32;
        carry = v >> 32;
    }
    if carry != 0 {
        n.push(carry as u32);
    }
}

fn big_shl(n: &mut Vec<u32>, bits: u32) {
    let words = (bits / 32) as usize;
    let rest = bits % 32;
    if rest != 0 {
        let mut carry = 0u32;
        for limb in n.iter_mut() {
            let v = *limb;
            *limb = (v << rest) | carry;
            carry = v >> (32 - rest);
        }
        if carry != 0 {
            n.push(carry);
        }
    }
    if words > 0 {
        n.splice(0..0, std::iter::repeat_n(0u32, words));
    }
}

fn big_to_decimal(mut n: Vec<u32>) -> Vec<u8> {
    const CHUNK: u64 = 1_000_000_000;
    let mut chunks: Vec<u32> = Vec::new();
    while n.last() == Some(&0) {
        n.pop();
    }
    while !n.is_empty() {
        let mut rem: u64 = 0;
        for limb in n.iter_mut().rev() {
            let v = (rem << 32) | (*limb as u64);
            *limb = (v / CHUNK) as u32;
            rem = v % CHUNK;
        }
        chunks.push(rem as u32);
        while n.last() == Some(&0) {
            n.pop();
        }
    }
    let mut out = Vec::with_capacity(chunks.len() * 9);
    for (i, c) in chunks.iter().rev().enumerate() {
        if i == 0 {
            out.extend_from_slice(c.to_string().as_bytes());
        } else {
            out.extend_from_slice(format!("{c:09}").as_bytes());
        }
    }
    if out.is_empty() {
        out.push(b'0');
    }
    out
}

/// The exact decimal expansion of a finite `x > 0`.
fn exact_digits(x: f64) -> (Vec<u8>, i32) {
    let bits = x.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut m, mut e) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp_bits - 1075)
    };
    if m == 0 {
        return (vec![b'0'], 1);
    }
    let tz = m.trailing_zeros();
    m >>= tz;
    e += tz as i32;
    let mut n = vec![m as u32, (m >> 32) as u32];
    let (digits, decpt) = if e >= 0 {
        big_shl(&mut n, e as u32);
        let d = big_to_decimal(n);
        let len = d.len() as i32;
        (d, len)
    } else {
        // m * 2**e == m * 5**k / 10**k with k = -e.
        let k = -e;
        let mut left = k;
        while left >= 13 {
            big_mul_small(&mut n, 1_220_703_125); // 5**13
            left -= 13;
        }
        if left > 0 {
            big_mul_small(&mut n, 5u32.pow(left as u32));
        }
        let d = big_to_decimal(n);
        let len = d.len() as i32;
        (d, len - k)
    };
    strip_trailing_zeros(digits, decpt)
}

fn strip_trailing_zeros(mut digits: Vec<u8>, decpt: i32) -> (Vec<u8>, i32) {
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    (digits, decpt)
}

/// Round a digit string to `keep` significant digits, ties to even (the
/// digits are exact, so a tie is a remainder of exactly "5").
fn round_digits(digits: &[u8], decpt: i32, keep: i64) -> (Vec<u8>, i32) {
    if keep >= digits.len() as i64 {
        return (digits.to_vec(), decpt);
    }
    if keep < 0 {
        return (vec![b'0'], 1);
    }
    let k = keep as usize;
    let mut kept = digits[..k].to_vec();
    let rest = &digits[k..];
    let last_odd = kept.last().is_some_and(|d| (d - b'0') % 2 == 1);
    let round_up = rest[0] > b'5' || (rest[0] == b'5' && (rest.len() > 1 || last_odd));
    let mut decpt = decpt;
    if round_up {
        let mut i = kept.len();
        loop {
            if i == 0 {
                kept.insert(0, b'1');
                decpt += 1;
                break;
            }
            i -= 1;
            if kept[i] == b'9' {
                kept[i] = b'0';
            } else {
                kept[i] += 1;
                break;
            }
        }
    }
    if kept.is_empty() {
        return (vec![b'0'], 1);
    }
    strip_trailing_zeros(kept, decpt)
}

/// The shortest digits that round-trip (dtoa mode 0, Python's repr).
fn shortest_digits(x: f64) -> (Vec<u8>, i32) {
    if x == 0.0 {
        return (vec![b'0'], 1);
    }
    let s = format!("{:e}", x.abs());
    let (mant, exp) = s.split_once('e').unwrap_or((s.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: Vec<u8> = mant.bytes().filter(|b| b.is_ascii_digit()).collect();
    let (digits, decpt) = strip_trailing_zeros(digits, exp + 1);
    // When the exact value lies halfway between two equally short
    // candidates, Rust may pick either; dtoa picks the even last digit.
    // That needs a neighbour within the rounding interval, so at least 16
    // digits, and an exact expansion of n + 1 digits ending in 5.
    if digits.len() >= 16 && might_be_short_exact(x.abs()) {
        let (exact, exact_decpt) = exact_digits(x.abs());
        if exact.len() == digits.len() + 1 && exact.last() == Some(&b'5') {
            let (even, even_decpt) = round_digits(&exact, exact_decpt, digits.len() as i64);
            if (even.as_slice(), even_decpt) != (digits.as_slice(), decpt) {
                let text = format!(
                    "0.{}e{}",
                    std::str::from_utf8(&even).unwrap_or("0"),
                    even_decpt
                );
                if text.parse::<f64>().ok() == Some(x.abs()) {
                    return (even, even_decpt);
                }
            }
        }
    }
    (digits, decpt)
}

/// Whether the exact decimal expansion of `x > 0` can have at most 18
/// significant digits (it has at least 0.69 digits per binary place after
/// the point).
fn might_be_short_exact(x: f64) -> bool {
    let bits = x.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (m, e) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp_bits - 1075)
    };
    m != 0 && e + (m.trailing_zeros() as i32) > -27
}

/// `x` correctly rounded to `n >= 1` significant digits (dtoa mode 2).
fn significant_digits(x: f64, n: i64) -> (Vec<u8>, i32) {
    if x == 0.0 {
        return (vec![b'0'], 1);
    }
    let (d, p) = exact_digits(x.abs());
    round_digits(&d, p, n)
}

/// `|x|` correctly rounded to `ndigits` places after the decimal point
/// (dtoa mode 3; `ndigits` may be negative). Zero comes back as ("0", 1).
pub(crate) fn float_digits_fixed(x: f64, ndigits: i32) -> (Vec<u8>, i32) {
    if x == 0.0 {
        return (vec![b'0'], 1);
    }
    let (d, p) = exact_digits(x.abs());
    round_digits(&d, p, p as i64 + ndigits as i64)
}

/// CPython's `PyOS_double_to_string` (with `format_float_short`). `code` is
/// one of `e E f F g G r`.
fn double_to_string(
    x: f64,
    code: char,
    precision: i64,
    alt: bool,
    add_dot_0: bool,
    no_neg_0: bool,
) -> String {
    let upper = code.is_ascii_uppercase();
    let code = code.to_ascii_lowercase();
    if x.is_nan() {
        return String::from(if upper { "NAN" } else { "nan" });
    }
    if x.is_infinite() {
        let s = if upper { "INF" } else { "inf" };
        return if x < 0.0 {
            format!("-{s}")
        } else {
            s.to_string()
        };
    }
    let mut precision = precision;
    let (digits, decpt) = match code {
        'e' => {
            precision += 1;
            significant_digits(x, precision)
        }
        'f' => float_digits_fixed(x, precision.clamp(-100_000, 100_000) as i32),
        'g' => {
            if precision == 0 {
                precision = 1;
            }
            significant_digits(x, precision)
        }
        _ => shortest_digits(x),
    };
    let mut negative = x.is_sign_negative();
    if no_neg_0 && negative && digits == b"0" {
        negative = false;
    }
    let digits_len = digits.len() as i64;
    let mut decpt = decpt as i64;
    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match code {
        'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        'f' => vdigits_end = decpt + precision,
        'g' => {
            if decpt <= -4 || decpt > (if add_dot_0 { precision - 1 } else { precision }) {
                use_exp = true;
            }
            if alt {
                vdigits_end = precision;
            }
        }
        _ => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    if !use_exp && add_dot_0 {
        vdigits_end = vdigits_end.max(decpt + 1);
    } else {
        vdigits_end = vdigits_end.max(decpt);
    }
    let zeros = |out: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            out.push('0');
        }
    };
    let digit_str = std::str::from_utf8(&digits).unwrap_or("0");
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if decpt <= 0 {
        zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    if 0 < decpt && decpt <= digits_len {
        out.push_str(&digit_str[..decpt as usize]);
        out.push('.');
        out.push_str(&digit_str[decpt as usize..]);
    } else {
        out.push_str(digit_str);
    }
    if digits_len < decpt {
        zeros(&mut out, decpt - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - decpt);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push_str(&format!("{exp:+03}"));
    }
    out
}

/// `repr(x)` / `str(x)` of a float: shortest round-trip digits, exponent
/// notation below 1e-4 and from 1e16 on, `.0` on integral values.
pub fn float_repr(x: f64) -> String {
    double_to_string(x, 'r', 0, false, true, false)
}

/// `str(x)` of a float (same as its repr).
pub fn float_to_str(x: f64) -> String {
    float_repr(x)
}

/// `str(b)` / `repr(b)`.
pub fn bool_to_str(b: bool) -> String {
    String::from(if b { "True" } else { "False" })
}

// ---------------------------------------------------------------------------
// The format-spec mini-language:
// [[fill]align][sign][z][#][0][width][grouping][.precision][type]

#[derive(Clone, Copy, PartialEq, Debug)]
enum Grouping {
    None,
    Comma,
    Underscore,
    UnderscoreFour,
}

#[derive(Clone, Debug)]
struct Spec {
    fill: char,
    align: char,
    sign: char,
    no_neg_0: bool,
    alternate: bool,
    width: i64,
    grouping: Grouping,
    precision: i64,
    ty: char,
}

fn get_integer(chars: &[char], pos: &mut usize) -> PyResult<Option<i64>> {
    let mut acc: i64 = 0;
    let mut consumed = 0;
    while let Some(&c) = chars.get(*pos) {
        let Some(d) = char_decimal_value(c) else {
            break;
        };
        let d = d as i64;
        if acc > (isize::MAX as i64 - d) / 10 {
            return Err(PyErr::value_error(
                "Too many decimal digits in format string",
            ));
        }
        acc = acc * 10 + d;
        consumed += 1;
        *pos += 1;
    }
    Ok(if consumed == 0 { None } else { Some(acc) })
}

fn char_for_message(c: char) -> String {
    let v = c as u32;
    if v > 32 && v < 128 {
        c.to_string()
    } else {
        format!("\\x{v:x}")
    }
}

fn parse_spec(
    spec: &str,
    default_type: char,
    default_align: char,
    type_name: &str,
) -> PyResult<Spec> {
    let chars: Vec<char> = spec.chars().collect();
    let end = chars.len();
    let mut pos = 0;
    let mut s = Spec {
        fill: ' ',
        align: default_align,
        sign: '\0',
        no_neg_0: false,
        alternate: false,
        width: -1,
        grouping: Grouping::None,
        precision: -1,
        ty: default_type,
    };
    let is_align = |c: char| matches!(c, '<' | '>' | '=' | '^');
    let mut align_specified = false;
    let mut fill_specified = false;
    if end >= 2 && is_align(chars[1]) {
        s.align = chars[1];
        s.fill = chars[0];
        fill_specified = true;
        align_specified = true;
        pos = 2;
    } else if end >= 1 && is_align(chars[0]) {
        s.align = chars[0];
        align_specified = true;
        pos = 1;
    }
    if pos < end && matches!(chars[pos], ' ' | '+' | '-') {
        s.sign = chars[pos];
        pos += 1;
    }
    if pos < end && chars[pos] == 'z' {
        s.no_neg_0 = true;
        pos += 1;
    }
    if pos < end && chars[pos] == '#' {
        s.alternate = true;
        pos += 1;
    }
    if !fill_specified && pos < end && chars[pos] == '0' {
        s.fill = '0';
        if !align_specified && default_align == '>' {
            s.align = '=';
        }
        pos += 1;
    }
    if let Some(w) = get_integer(&chars, &mut pos)? {
        s.width = w;
    }
    let both = || PyErr::value_error("Cannot specify both ',' and '_'.");
    if pos < end && chars[pos] == ',' {
        s.grouping = Grouping::Comma;
        pos += 1;
    }
    if pos < end && chars[pos] == '_' {
        if s.grouping != Grouping::None {
            return Err(both());
        }
        s.grouping = Grouping::Underscore;
        pos += 1;
    }
    if pos < end && chars[pos] == ',' && s.grouping == Grouping::Underscore {
        return Err(both());
    }
    if pos < end && chars[pos] == '.' {
        pos += 1;
        match get_integer(&chars, &mut pos)? {
            Some(p) => s.precision = p,
            None => return Err(PyErr::value_error("Format specifier missing precision")),
        }
    }
    if end - pos > 1 {
        return Err(PyErr::value_error(format!(
            "Invalid format specifier '{spec}' for object of type '{type_name}'"
        )));
    }
    if end - pos == 1 {
        s.ty = chars[pos];
    }
    if s.grouping != Grouping::None {
        match s.ty {
            'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => {}
            'b' | 'o' | 'x' | 'X' if s.grouping == Grouping::Underscore => {
                s.grouping = Grouping::UnderscoreFour;
            }
            t => {
                let sep = if s.grouping == Grouping::Comma {
                    ','
                } else {
                    '_'
                };
                return Err(PyErr::value_error(format!(
                    "Cannot specify '{sep}' with '{}'.",
                    char_for_message(t)
                )));
            }
        }
    }
    Ok(s)
}

fn unknown_code(ty: char, type_name: &str) -> PyErr {
    PyErr::value_error(format!(
        "Unknown format code '{}' for object of type '{type_name}'",
        char_for_message(ty)
    ))
}

/// CPython's `_PyUnicode_InsertThousandsGrouping`: the digits, zero-padded
/// to `min_width`, with separators (the padding is grouped too).
fn group_digits(digits: &[char], min_width: i64, grouping: Grouping) -> Vec<char> {
    let (sep, group) = match grouping {
        Grouping::None => (None, 0),
        Grouping::Comma => (Some(','), 3),
        Grouping::Underscore => (Some('_'), 3),
        Grouping::UnderscoreFour => (Some('_'), 4),
    };
    let mut out_rev: Vec<char> = Vec::new();
    let mut remaining = digits.len() as i64;
    let mut min_width = min_width;
    let mut digits_pos = digits.len();
    let mut use_sep = false;
    let mut fill = |out_rev: &mut Vec<char>, n_chars: i64, n_zeros: i64, use_sep: bool| {
        if use_sep && let Some(sep) = sep {
            out_rev.push(sep);
        }
        for _ in 0..n_chars {
            digits_pos -= 1;
            out_rev.push(digits[digits_pos]);
        }
        for _ in 0..n_zeros {
            out_rev.push('0');
        }
    };
    let mut broken = false;
    if sep.is_some() {
        loop {
            let l = group.min(remaining.max(min_width).max(1));
            let n_zeros = (l - remaining).max(0);
            let n_chars = remaining.min(l).max(0);
            fill(&mut out_rev, n_chars, n_zeros, use_sep);
            use_sep = true;
            remaining -= n_chars;
            min_width -= l;
            if remaining <= 0 && min_width <= 0 {
                broken = true;
                break;
            }
            min_width -= 1;
        }
    }
    if !broken {
        let l = remaining.max(min_width).max(1);
        let n_zeros = (l - remaining).max(0);
        let n_chars = remaining.min(l).max(0);
        fill(&mut out_rev, n_chars, n_zeros, use_sep);
    }
    out_rev.reverse();
    out_rev
}

/// CPython's `calc_number_widths` + `fill_number`: lays out
/// `<lpad><sign><prefix><spad><grouped digits><decimal><remainder><rpad>`.
fn render_number(
    s: &Spec,
    negative: bool,
    prefix: &str,
    digits: &[char],
    has_decimal: bool,
    remainder: &[char],
) -> PyResult<String> {
    // Room for the padding (up to 4 bytes a char) before building anything.
    let room = s.width.max(0) as u128 * 4 + (digits.len() + remainder.len()) as u128 * 2 + 16;
    let mut out = string_with_room(room, TOO_LONG)?;
    let sign = match s.sign {
        '+' => Some(if negative { '-' } else { '+' }),
        ' ' => Some(if negative { '-' } else { ' ' }),
        _ => negative.then_some('-'),
    };
    let n_prefix = prefix.chars().count() as i64;
    let n_non_digit =
        sign.is_some() as i64 + n_prefix + has_decimal as i64 + remainder.len() as i64;
    let min_width = if s.fill == '0' && s.align == '=' {
        s.width - n_non_digit
    } else {
        0
    };
    let grouped = if digits.is_empty() {
        Vec::new()
    } else {
        group_digits(digits, min_width, s.grouping)
    };
    let n_padding = s.width - (n_non_digit + grouped.len() as i64);
    let (mut lpad, mut spad, mut rpad) = (0, 0, 0);
    if n_padding > 0 {
        match s.align {
            '<' => rpad = n_padding,
            '^' => {
                lpad = n_padding / 2;
                rpad = n_padding - lpad;
            }
            '=' => spad = n_padding,
            _ => lpad = n_padding,
        }
    }
    let pad = |out: &mut String, n: i64| {
        for _ in 0..n {
            out.push(s.fill);
        }
    };
    pad(&mut out, lpad);
    if let Some(c) = sign {
        out.push(c);
    }
    out.push_str(prefix);
    pad(&mut out, spad);
    out.extend(grouped);
    if has_decimal {
        out.push('.');
    }
    out.extend(remainder.iter());
    pad(&mut out, rpad);
    Ok(out)
}

/// Raised where CPython would run out of memory for a huge width.
const TOO_LONG: &str = "formatted string is too long";

fn format_long(x: i64, s: &Spec) -> PyResult<String> {
    if s.precision != -1 {
        return Err(PyErr::value_error(
            "Precision not allowed in integer format specifier",
        ));
    }
    if s.no_neg_0 {
        return Err(PyErr::value_error(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    if s.ty == 'c' {
        if s.sign != '\0' {
            return Err(PyErr::value_error(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if s.alternate {
            return Err(PyErr::value_error(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        let c = u32::try_from(x)
            .ok()
            .filter(|&v| v <= 0x10ffff)
            .ok_or_else(|| PyErr::overflow("%c arg not in range(0x110000)"))?;
        // Surrogates are not Rust chars: compiled strings cannot hold them.
        let c = char::from_u32(c).ok_or_else(|| {
            PyErr::value_error("pycomp: surrogate code points cannot be held in compiled strings")
        })?;
        return render_number(s, false, "", &[], false, &[c]);
    }
    let u = x.unsigned_abs();
    let (text, prefix) = match s.ty {
        'b' => (format!("{u:b}"), "0b"),
        'o' => (format!("{u:o}"), "0o"),
        'x' => (format!("{u:x}"), "0x"),
        'X' => (format!("{u:X}"), "0X"),
        _ => (u.to_string(), ""),
    };
    let prefix = if s.alternate { prefix } else { "" };
    let digits: Vec<char> = text.chars().collect();
    render_number(s, x < 0, prefix, &digits, false, &[])
}

fn format_float_internal(x: f64, s: &Spec) -> PyResult<String> {
    if s.precision > i32::MAX as i64 {
        return Err(PyErr::value_error("precision too big"));
    }
    let mut ty = s.ty;
    let mut add_dot_0 = false;
    let mut default_precision = 6;
    if ty == '\0' {
        add_dot_0 = true;
        ty = 'r';
        default_precision = 0;
    }
    if ty == 'n' {
        ty = 'g';
    }
    let mut val = x;
    let mut pct = false;
    if ty == '%' {
        ty = 'f';
        val *= 100.0;
        pct = true;
    }
    let precision = if s.precision < 0 {
        default_precision
    } else {
        if ty == 'r' {
            ty = 'g';
        }
        s.precision
    };
    let mut buf = double_to_string(val, ty, precision, s.alternate, add_dot_0, s.no_neg_0);
    if pct {
        buf.push('%');
    }
    let chars: Vec<char> = buf.chars().collect();
    let (negative, body) = match chars.split_first() {
        Some((&'-', rest)) => (true, rest),
        _ => (false, &chars[..]),
    };
    let n_digits = body.iter().take_while(|c| c.is_ascii_digit()).count();
    let (digits, rest) = body.split_at(n_digits);
    let (has_decimal, remainder) = match rest.split_first() {
        Some((&'.', r)) => (true, r),
        _ => (false, rest),
    };
    render_number(s, negative, "", digits, has_decimal, remainder)
}

fn format_int_named(x: i64, spec: &str, type_name: &str) -> PyResult<String> {
    let s = parse_spec(spec, 'd', '>', type_name)?;
    match s.ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => format_long(x, &s),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => format_float_internal(x as f64, &s),
        t => Err(unknown_code(t, type_name)),
    }
}

/// `format(x, spec)` / `f"{x:spec}"` for an int.
pub fn format_int(x: i64, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(x.to_string());
    }
    format_int_named(x, spec, "int")
}

/// `format(b, spec)` for a bool: `str(b)` for an empty spec, else as the int.
pub fn format_bool(b: bool, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(bool_to_str(b));
    }
    format_int_named(b as i64, spec, "bool")
}

/// `format(x, spec)` for a float.
pub fn format_float(x: f64, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(float_repr(x));
    }
    let s = parse_spec(spec, '\0', '>', "float")?;
    match s.ty {
        '\0' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%' => format_float_internal(x, &s),
        t => Err(unknown_code(t, "float")),
    }
}

/// `format(s, spec)` for a str.
pub fn format_str(text: &str, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(text.to_string());
    }
    let s = parse_spec(spec, 's', '<', "str")?;
    if s.ty != 's' {
        return Err(unknown_code(s.ty, "str"));
    }
    match s.sign {
        ' ' => {
            return Err(PyErr::value_error(
                "Space not allowed in string format specifier",
            ));
        }
        '+' | '-' => {
            return Err(PyErr::value_error(
                "Sign not allowed in string format specifier",
            ));
        }
        _ => {}
    }
    if s.no_neg_0 {
        return Err(PyErr::value_error(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if s.alternate {
        return Err(PyErr::value_error(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if s.align == '=' {
        return Err(PyErr::value_error(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    let mut len = text.chars().count() as i64;
    let truncated: String = if s.precision >= 0 && len >= s.precision {
        len = s.precision;
        text.chars().take(s.precision as usize).collect()
    } else {
        text.to_string()
    };
    let total = if s.width >= 0 && s.width > len {
        s.width
    } else {
        len
    };
    let lpad = match s.align {
        '>' => total - len,
        '^' => (total - len) / 2,
        _ => 0,
    };
    let rpad = total - len - lpad;
    let mut out = string_with_room(total as u128 * 4, TOO_LONG)?;
    for _ in 0..lpad {
        out.push(s.fill);
    }
    out.push_str(&truncated);
    for _ in 0..rpad {
        out.push(s.fill);
    }
    Ok(out)
}

/// `format(None, spec)`.
pub fn format_none(spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        Ok(String::from("None"))
    } else {
        Err(PyErr::type_error(
            "unsupported format string passed to NoneType.__format__",
        ))
    }
}
