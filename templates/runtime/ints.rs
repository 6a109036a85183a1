//! Python `int` semantics on `i64`.
//!
//! Python ints are unbounded; compiled ints are `i64`, so every operation
//! whose exact result leaves `i64` raises `OverflowError` instead of
//! wrapping. Division and modulo round toward negative infinity, as Python's.

use super::{PyErr, PyResult};
use std::cmp::Ordering;

/// The message of the `OverflowError` raised when an int result leaves `i64`.
pub const INT_OVERFLOW_MESSAGE: &str = "integer overflow: result does not fit in 64 bits";

/// The `OverflowError` for an int result outside `i64`.
pub fn int_overflow() -> PyErr {
    PyErr::overflow(INT_OVERFLOW_MESSAGE)
}

#[inline]
fn checked(r: Option<i64>) -> PyResult<i64> {
    r.ok_or_else(int_overflow)
}

/// `a + b`.
#[inline]
pub fn int_add(a: i64, b: i64) -> PyResult<i64> {
    checked(a.checked_add(b))
}

/// `a - b`.
#[inline]
pub fn int_sub(a: i64, b: i64) -> PyResult<i64> {
    checked(a.checked_sub(b))
}

/// `a * b`.
#[inline]
pub fn int_mul(a: i64, b: i64) -> PyResult<i64> {
    checked(a.checked_mul(b))
}

/// `-a`.
#[inline]
pub fn int_neg(a: i64) -> PyResult<i64> {
    checked(a.checked_neg())
}

/// `abs(a)`.
#[inline]
pub fn int_abs(a: i64) -> PyResult<i64> {
    checked(a.checked_abs())
}

/// `~a` (never overflows).
pub fn int_invert(a: i64) -> i64 {
    !a
}

/// Floor division and modulo of a nonzero `b`: the quotient is `None` only
/// for `i64::MIN // -1` (2**63), whose remainder is 0. A remainder of the
/// wrong sign moves by `b` (opposite signs: no overflow) and the quotient by
/// -1 (then `|b| >= 2`, so `|q| <= 2**62`).
#[inline]
fn floor_divmod(a: i64, b: i64) -> (Option<i64>, i64) {
    let q = a.checked_div(b);
    let r = a.wrapping_rem(b);
    if r != 0 && (r ^ b) < 0 {
        (q.map(|q| q - 1), r + b)
    } else {
        (q, r)
    }
}

fn narrow(v: i128) -> PyResult<i64> {
    i64::try_from(v).map_err(|_| int_overflow())
}

/// `a // b`: floor division (rounds toward negative infinity).
#[inline]
pub fn int_floordiv(a: i64, b: i64) -> PyResult<i64> {
    if b == 0 {
        return Err(PyErr::zero_division("integer division or modulo by zero"));
    }
    checked(floor_divmod(a, b).0)
}

/// `a % b`: the remainder has the sign of `b`.
#[inline]
pub fn int_mod(a: i64, b: i64) -> PyResult<i64> {
    if b == 0 {
        return Err(PyErr::zero_division("integer modulo by zero"));
    }
    Ok(floor_divmod(a, b).1)
}

/// `divmod(a, b)`.
pub fn int_divmod(a: i64, b: i64) -> PyResult<(i64, i64)> {
    if b == 0 {
        return Err(PyErr::zero_division("integer division or modulo by zero"));
    }
    let (q, r) = floor_divmod(a, b);
    Ok((checked(q)?, r))
}

/// `a / b`: true division, correctly rounded like CPython's.
pub fn int_truediv(a: i64, b: i64) -> PyResult<f64> {
    if b == 0 {
        return Err(PyErr::zero_division("division by zero"));
    }
    const EXACT: u64 = 1 << 53;
    let (ua, ub) = (a.unsigned_abs(), b.unsigned_abs());
    if ua <= EXACT && ub <= EXACT {
        // Both convert exactly: one IEEE division is correctly rounded.
        return Ok(a as f64 / b as f64);
    }
    let negative = (a < 0) != (b < 0);
    if ua == 0 {
        return Ok(if negative { -0.0 } else { 0.0 });
    }
    let q = ratio_to_f64(ua, ub);
    Ok(if negative { -q } else { q })
}

/// The correctly rounded (half to even) double nearest to `a / b`, `a, b > 0`.
fn ratio_to_f64(a: u64, b: u64) -> f64 {
    let la = 64 - a.leading_zeros() as i32;
    let lb = 64 - b.leading_zeros() as i32;
    // Scale so that the integer quotient has 56 or 57 bits.
    let shift = 56 - (la - lb);
    let (num, den) = if shift >= 0 {
        ((a as u128) << shift, b as u128)
    } else {
        (a as u128, (b as u128) << (-shift))
    };
    let q = num / den;
    let sticky = num % den != 0;
    let qbits = 128 - q.leading_zeros() as i32;
    let drop = qbits - 53;
    let mut m = q >> drop;
    let rest = q & ((1u128 << drop) - 1);
    let half = 1u128 << (drop - 1);
    if rest > half || (rest == half && (sticky || m & 1 == 1)) {
        m += 1;
    }
    // m <= 2**53, so it converts exactly; the scaling by a power of two is
    // exact because the result is a normal number.
    (m as f64) * pow2(drop - shift)
}

fn pow2(e: i32) -> f64 {
    // |e| stays well inside the normal exponent range here.
    f64::from_bits(((1023 + e) as u64) << 52)
}

/// `a ** b` for `b >= 0`. Python gives a float for a negative exponent; the
/// compiled `int ** int` is typed `int`, so that case raises instead of
/// silently changing type (use `float(a) ** b`).
pub fn int_pow(a: i64, b: i64) -> PyResult<i64> {
    if b < 0 {
        if a == 0 {
            return Err(PyErr::zero_division(
                "0.0 cannot be raised to a negative power",
            ));
        }
        return Err(PyErr::value_error(
            "pycomp: int ** negative int gives a float in Python; compiled int ** int must \
             stay an int (write float(a) ** b)",
        ));
    }
    let mut result: i64 = 1;
    let mut base = a;
    let mut e = b;
    // Fast exits keep huge exponents of 0, 1 and -1 from overflowing.
    match a {
        0 => return Ok(if b == 0 { 1 } else { 0 }),
        1 => return Ok(1),
        -1 => return Ok(if b % 2 == 0 { 1 } else { -1 }),
        _ => {}
    }
    if b >= 64 {
        return Err(int_overflow());
    }
    while e > 0 {
        if e & 1 == 1 {
            result = int_mul(result, base)?;
        }
        e >>= 1;
        if e > 0 {
            base = int_mul(base, base)?;
        }
    }
    Ok(result)
}

/// `a ** b` as Python computes it when the exponent is negative: both are
/// converted to float first. Also valid for `b >= 0` (exact result as float).
pub fn int_pow_float(a: i64, b: i64) -> PyResult<f64> {
    if b >= 0 {
        // Python's result is an int here; give its (correctly rounded) float.
        return match int_pow(a, b) {
            Ok(v) => Ok(v as f64),
            Err(_) => super::float_pow(a as f64, b as f64),
        };
    }
    super::float_pow(a as f64, b as f64)
}

/// `pow(a, b, m)`: modular exponentiation; a negative exponent takes the
/// modular inverse (Python 3.8+). The result has the sign of `m`.
pub fn int_pow_mod(a: i64, b: i64, m: i64) -> PyResult<i64> {
    if m == 0 {
        return Err(PyErr::value_error("pow() 3rd argument cannot be 0"));
    }
    let mm = (m as i128).abs();
    let mut base = (a as i128).rem_euclid(mm);
    let mut e = b as i128;
    if e < 0 {
        base = mod_inverse(base, mm)
            .ok_or_else(|| PyErr::value_error("base is not invertible for the given modulus"))?;
        e = -e;
    }
    let mut result: i128 = 1 % mm;
    while e > 0 {
        if e & 1 == 1 {
            result = result * base % mm;
        }
        base = base * base % mm;
        e >>= 1;
    }
    if m < 0 && result != 0 {
        result -= mm;
    }
    narrow(result)
}

fn mod_inverse(a: i128, m: i128) -> Option<i128> {
    let (mut old_r, mut r) = (a, m);
    let (mut old_s, mut s) = (1i128, 0i128);
    while r != 0 {
        let q = old_r / r;
        (old_r, r) = (r, old_r - q * r);
        (old_s, s) = (s, old_s - q * s);
    }
    if old_r != 1 {
        // m == 1 makes everything congruent to 0, which is its own inverse.
        return if m == 1 { Some(0) } else { None };
    }
    Some(old_s.rem_euclid(m))
}

/// `a << b`.
pub fn int_lshift(a: i64, b: i64) -> PyResult<i64> {
    if b < 0 {
        return Err(PyErr::value_error("negative shift count"));
    }
    if a == 0 {
        return Ok(0);
    }
    if b >= 64 {
        return Err(int_overflow());
    }
    narrow((a as i128) << b)
}

/// `a >> b`: arithmetic shift, rounding toward negative infinity.
pub fn int_rshift(a: i64, b: i64) -> PyResult<i64> {
    if b < 0 {
        return Err(PyErr::value_error("negative shift count"));
    }
    Ok(if b >= 64 {
        if a < 0 { -1 } else { 0 }
    } else {
        a >> b
    })
}

/// `round(a, ndigits)` for an int: half to even at `10 ** -ndigits`.
pub fn int_round(a: i64, ndigits: i64) -> PyResult<i64> {
    if ndigits >= 0 {
        return Ok(a);
    }
    if ndigits < -19 {
        return Ok(0);
    }
    let p = 10i128.pow((-ndigits) as u32);
    let x = a as i128;
    let mut q = x.div_euclid(p);
    let r = x.rem_euclid(p);
    if 2 * r > p || (2 * r == p && q % 2 != 0) {
        q += 1;
    }
    narrow(q * p)
}

/// Exact comparison of an int with a float, as Python does (no rounding of
/// the int). `None` when `f` is NaN.
pub fn int_float_cmp(a: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    const TWO63: f64 = 9_223_372_036_854_775_808.0;
    if f >= TWO63 {
        return Some(Ordering::Less);
    }
    if f < -TWO63 {
        return Some(Ordering::Greater);
    }
    let fl = f.floor();
    // -2**63 <= fl < 2**63, so the conversion is exact.
    let fi = fl as i64;
    Some(match a.cmp(&fi) {
        Ordering::Equal if f > fl => Ordering::Less,
        o => o,
    })
}

/// `a == f` for int `a` and float `f`, exactly.
pub fn int_float_eq(a: i64, f: f64) -> bool {
    int_float_cmp(a, f) == Some(Ordering::Equal)
}

/// `a != f`, exactly.
pub fn int_float_ne(a: i64, f: f64) -> bool {
    !int_float_eq(a, f)
}

/// `a < f`, exactly.
pub fn int_float_lt(a: i64, f: f64) -> bool {
    int_float_cmp(a, f) == Some(Ordering::Less)
}

/// `a <= f`, exactly.
pub fn int_float_le(a: i64, f: f64) -> bool {
    matches!(int_float_cmp(a, f), Some(Ordering::Less | Ordering::Equal))
}

/// `a > f`, exactly.
pub fn int_float_gt(a: i64, f: f64) -> bool {
    int_float_cmp(a, f) == Some(Ordering::Greater)
}

/// `a >= f`, exactly.
pub fn int_float_ge(a: i64, f: f64) -> bool {
    matches!(
        int_float_cmp(a, f),
        Some(Ordering::Greater | Ordering::Equal)
    )
}

/// `f == a` for float `f` and int `a`, exactly.
pub fn float_int_eq(f: f64, a: i64) -> bool {
    int_float_eq(a, f)
}

/// `f != a`, exactly.
pub fn float_int_ne(f: f64, a: i64) -> bool {
    !int_float_eq(a, f)
}

/// `f < a`, exactly.
pub fn float_int_lt(f: f64, a: i64) -> bool {
    int_float_gt(a, f)
}

/// `f <= a`, exactly.
pub fn float_int_le(f: f64, a: i64) -> bool {
    int_float_ge(a, f)
}

/// `f > a`, exactly.
pub fn float_int_gt(f: f64, a: i64) -> bool {
    int_float_lt(a, f)
}

/// `f >= a`, exactly.
pub fn float_int_ge(f: f64, a: i64) -> bool {
    int_float_le(a, f)
}

/// `float(a)`: correctly rounded (half to even), as Python's.
pub fn int_to_float(a: i64) -> f64 {
    a as f64
}

/// `str(a)` / `repr(a)`.
pub fn int_to_str(a: i64) -> String {
    a.to_string()
}

fn with_prefix(a: i64, prefix: &str, digits: String) -> String {
    if a < 0 {
        format!("-{prefix}{digits}")
    } else {
        format!("{prefix}{digits}")
    }
}

/// `hex(a)`: `'-0xff'` for -255.
pub fn int_hex(a: i64) -> String {
    with_prefix(a, "0x", format!("{:x}", a.unsigned_abs()))
}

/// `oct(a)`.
pub fn int_oct(a: i64) -> String {
    with_prefix(a, "0o", format!("{:o}", a.unsigned_abs()))
}

/// `bin(a)`.
pub fn int_bin(a: i64) -> String {
    with_prefix(a, "0b", format!("{:b}", a.unsigned_abs()))
}

/// `int.bit_length()`.
pub fn int_bit_length(a: i64) -> i64 {
    (64 - a.unsigned_abs().leading_zeros()) as i64
}
