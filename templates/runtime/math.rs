//! The `math` module, as CPython 3.11's Modules/mathmodule.c: the same libm
//! functions (through Rust's `f64` methods, which call the platform libm,
//! or directly where Rust has its own formula), the same error rules
//! (`ValueError: math domain error`, `OverflowError: math range error`),
//! and ports of CPython's own algorithms (`fsum`, `hypot`/`dist`).
//!
//! Int results live in i64: where CPython would return a bigger int
//! (`factorial(21)`, `floor(1e300)`) these raise `OverflowError`.

use super::{PyErr, PyResult, int_overflow};

pub const MATH_PI: f64 = std::f64::consts::PI;
pub const MATH_E: f64 = std::f64::consts::E;
pub const MATH_TAU: f64 = std::f64::consts::TAU;
pub const MATH_INF: f64 = f64::INFINITY;
pub const MATH_NAN: f64 = f64::NAN;

unsafe extern "C" {
    // Rust's f64::asinh/acosh/atanh are not libm's: these are.
    #[link_name = "asinh"]
    safe fn libm_asinh(x: f64) -> f64;
    #[link_name = "acosh"]
    safe fn libm_acosh(x: f64) -> f64;
    #[link_name = "atanh"]
    safe fn libm_atanh(x: f64) -> f64;
    // Rust's own `cbrt` symbol (compiler-builtins) shadows libm's; glibc
    // also exports its cbrt as `cbrtf64`.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[link_name = "cbrtf64"]
    safe fn libm_cbrt(x: f64) -> f64;
    #[link_name = "ldexp"]
    safe fn libm_ldexp(x: f64, exp: std::ffi::c_int) -> f64;
    // Rust has no error function; CPython's math.erf/erfc are libm's.
    #[link_name = "erf"]
    safe fn libm_erf(x: f64) -> f64;
    #[link_name = "erfc"]
    safe fn libm_erfc(x: f64) -> f64;
}

fn domain_error() -> PyErr {
    PyErr::value_error("math domain error")
}

fn range_error() -> PyErr {
    PyErr::overflow("math range error")
}

/// CPython's `math_1`: a NaN result from a non-NaN argument is a domain
/// error; an infinite result from a finite argument is a range error for
/// functions that can overflow, else a domain error (a singularity).
fn math_1(x: f64, f: impl Fn(f64) -> f64, can_overflow: bool) -> PyResult<f64> {
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow {
            range_error()
        } else {
            domain_error()
        });
    }
    Ok(r)
}

/// `math.sqrt(x)`.
pub fn math_sqrt(x: f64) -> PyResult<f64> {
    math_1(x, f64::sqrt, false)
}
/// `math.exp(x)`.
pub fn math_exp(x: f64) -> PyResult<f64> {
    math_1(x, f64::exp, true)
}
/// `math.exp2(x)`.
pub fn math_exp2(x: f64) -> PyResult<f64> {
    math_1(x, f64::exp2, true)
}
/// `math.expm1(x)`.
pub fn math_expm1(x: f64) -> PyResult<f64> {
    math_1(x, f64::exp_m1, true)
}
/// `math.erf(x)`: the error function (a GELU's `0.5 * x * (1 + erf(x / sqrt(2)))`).
pub fn math_erf(x: f64) -> PyResult<f64> {
    math_1(x, |v| libm_erf(v), false)
}
/// `math.erfc(x)`: `1 - erf(x)`, accurate where erf is near 1.
pub fn math_erfc(x: f64) -> PyResult<f64> {
    math_1(x, |v| libm_erfc(v), false)
}
/// `math.log(x)`.
pub fn math_log(x: f64) -> PyResult<f64> {
    math_1(x, f64::ln, false)
}
/// `math.log(x, base)`: `ZeroDivisionError: float division by zero` for base 1.
pub fn math_log_base(x: f64, base: f64) -> PyResult<f64> {
    let num = math_log(x)?;
    let den = math_log(base)?;
    if den == 0.0 {
        return Err(PyErr::zero_division("float division by zero"));
    }
    Ok(num / den)
}
/// `math.log2(x)`.
pub fn math_log2(x: f64) -> PyResult<f64> {
    math_1(x, f64::log2, false)
}
/// `math.log10(x)`.
pub fn math_log10(x: f64) -> PyResult<f64> {
    math_1(x, f64::log10, false)
}
/// `math.log1p(x)`.
pub fn math_log1p(x: f64) -> PyResult<f64> {
    math_1(x, f64::ln_1p, false)
}
/// `math.sin(x)`.
pub fn math_sin(x: f64) -> PyResult<f64> {
    math_1(x, f64::sin, false)
}
/// `math.cos(x)`.
pub fn math_cos(x: f64) -> PyResult<f64> {
    math_1(x, f64::cos, false)
}
/// `math.tan(x)`.
pub fn math_tan(x: f64) -> PyResult<f64> {
    math_1(x, f64::tan, false)
}
/// `math.asin(x)`.
pub fn math_asin(x: f64) -> PyResult<f64> {
    math_1(x, f64::asin, false)
}
/// `math.acos(x)`.
pub fn math_acos(x: f64) -> PyResult<f64> {
    math_1(x, f64::acos, false)
}
/// `math.atan(x)`.
pub fn math_atan(x: f64) -> PyResult<f64> {
    math_1(x, f64::atan, false)
}
/// `math.sinh(x)`.
pub fn math_sinh(x: f64) -> PyResult<f64> {
    math_1(x, f64::sinh, true)
}
/// `math.cosh(x)`.
pub fn math_cosh(x: f64) -> PyResult<f64> {
    math_1(x, f64::cosh, true)
}
/// `math.tanh(x)`.
pub fn math_tanh(x: f64) -> PyResult<f64> {
    math_1(x, f64::tanh, false)
}
/// `math.asinh(x)`.
pub fn math_asinh(x: f64) -> PyResult<f64> {
    math_1(x, |v| libm_asinh(v), false)
}
/// `math.acosh(x)`.
pub fn math_acosh(x: f64) -> PyResult<f64> {
    math_1(x, |v| libm_acosh(v), false)
}
/// `math.atanh(x)`.
pub fn math_atanh(x: f64) -> PyResult<f64> {
    math_1(x, |v| libm_atanh(v), false)
}
/// `math.cbrt(x)`: glibc's cbrt, as CPython on Linux (elsewhere Rust's,
/// which may differ in the last bit).
pub fn math_cbrt(x: f64) -> PyResult<f64> {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    return math_1(x, |v| libm_cbrt(v), false);
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    return math_1(x, f64::cbrt, false);
}
/// `math.fabs(x)`.
pub fn math_fabs(x: f64) -> f64 {
    x.abs()
}
/// `math.atan2(y, x)`.
pub fn math_atan2(y: f64, x: f64) -> f64 {
    y.atan2(x)
}
/// `math.copysign(x, y)`.
pub fn math_copysign(x: f64, y: f64) -> f64 {
    x.copysign(y)
}
/// `math.degrees(x)`: `x * (180 / pi)`, as CPython computes it.
pub fn math_degrees(x: f64) -> f64 {
    x * (180.0 / MATH_PI)
}
/// `math.radians(x)`: `x * (pi / 180)`.
pub fn math_radians(x: f64) -> f64 {
    x * (MATH_PI / 180.0)
}
/// `math.isnan(x)`.
pub fn math_isnan(x: f64) -> bool {
    x.is_nan()
}
/// `math.isinf(x)`.
pub fn math_isinf(x: f64) -> bool {
    x.is_infinite()
}
/// `math.isfinite(x)`.
pub fn math_isfinite(x: f64) -> bool {
    x.is_finite()
}

/// `math.pow(x, y)`, with CPython's handling of infinities and NaNs.
pub fn math_pow(x: f64, y: f64) -> PyResult<f64> {
    if !x.is_finite() || !y.is_finite() {
        let r = if x.is_nan() {
            if y == 0.0 { 1.0 } else { x }
        } else if y.is_nan() {
            if x == 1.0 { 1.0 } else { y }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && (y.abs() % 2.0) == 1.0;
            if y > 0.0 {
                if odd_y { x } else { x.abs() }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if y > 0.0 && x.abs() > 1.0 {
            y
        } else if y < 0.0 && x.abs() < 1.0 {
            -y
        } else {
            0.0
        };
        return Ok(r);
    }
    let r = x.powf(y);
    if r.is_nan() {
        return Err(domain_error());
    }
    if r.is_infinite() {
        return Err(if x == 0.0 {
            domain_error()
        } else {
            range_error()
        });
    }
    Ok(r)
}

/// A float already rounded to an integral value, as an int:
/// `ValueError: cannot convert float NaN to integer`,
/// `OverflowError: cannot convert float infinity to integer`.
fn integral_to_int(r: f64) -> PyResult<i64> {
    if r.is_nan() {
        return Err(PyErr::value_error("cannot convert float NaN to integer"));
    }
    if r.is_infinite() {
        return Err(PyErr::overflow("cannot convert float infinity to integer"));
    }
    // -2**63 is exactly representable; 2**63 is the first value too large.
    if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&r) {
        Ok(r as i64)
    } else {
        Err(int_overflow())
    }
}

/// `math.floor(x)`.
pub fn math_floor(x: f64) -> PyResult<i64> {
    integral_to_int(x.floor())
}
/// `math.ceil(x)`.
pub fn math_ceil(x: f64) -> PyResult<i64> {
    integral_to_int(x.ceil())
}
/// `math.trunc(x)`.
pub fn math_trunc(x: f64) -> PyResult<i64> {
    integral_to_int(x.trunc())
}

/// `math.fmod(x, y)`.
pub fn math_fmod(x: f64, y: f64) -> PyResult<f64> {
    if y.is_infinite() && x.is_finite() {
        return Ok(x);
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error());
    }
    Ok(r)
}

/// `math.modf(x)`: `(fractional part, integral part)`, both with x's sign.
pub fn math_modf(x: f64) -> (f64, f64) {
    if x.is_infinite() {
        return (0.0f64.copysign(x), x);
    }
    if x.is_nan() {
        return (x, x);
    }
    let i = x.trunc();
    ((x - i).copysign(x), i)
}

/// `math.frexp(x)`: `(m, e)` with `x == m * 2**e`, `0.5 <= abs(m) < 1`.
pub fn math_frexp(x: f64) -> (f64, i64) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (x, adjust) = if x.abs() < f64::MIN_POSITIVE {
        (x * 2f64.powi(54), -54)
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022 + adjust)
}

/// `math.ldexp(x, i)`: `OverflowError: math range error` on overflow.
pub fn math_ldexp(x: f64, i: i64) -> PyResult<f64> {
    if x == 0.0 || !x.is_finite() {
        return Ok(x);
    }
    let r = if i > i64::from(std::ffi::c_int::MAX) {
        f64::INFINITY.copysign(x)
    } else if i < i64::from(std::ffi::c_int::MIN) {
        0.0f64.copysign(x)
    } else {
        libm_ldexp(x, i as std::ffi::c_int)
    };
    if r.is_infinite() {
        return Err(range_error());
    }
    Ok(r)
}

/// `math.isclose(a, b, rel_tol=..., abs_tol=...)`.
pub fn math_isclose(a: f64, b: f64, rel_tol: f64, abs_tol: f64) -> PyResult<bool> {
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(PyErr::value_error("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(true);
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(false);
    }
    let diff = (b - a).abs();
    Ok(diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol)
}

// ---------------------------------------------------------------------------
// hypot and dist: CPython 3.11's vector_norm (not libm's hypot).

fn dl_split(x: f64) -> (f64, f64) {
    let t = x * 134_217_729.0; // 2**27 + 1
    let hi = t - (t - x);
    (hi, x - hi)
}

/// `x * y` as an exact sum `hi + lo` (Dekker).
fn dl_mul(x: f64, y: f64) -> (f64, f64) {
    let (xh, xl) = dl_split(x);
    let (yh, yl) = dl_split(y);
    let p = xh * yh;
    let q = xh * yl + xl * yh;
    let z = p + q;
    let zz = p - z + q + xl * yl;
    (z, zz)
}

/// `a + b` as an exact sum `hi + lo`, for `|a| >= |b|`.
fn dl_fast_sum(a: f64, b: f64) -> (f64, f64) {
    let x = a + b;
    (x, (a - x) + b)
}

fn vector_norm(vec: &[f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = math_frexp(max);
    if max_e < -1023 {
        // ldexp(1.0, -max_e) would overflow: CPython 3.11 divides by max
        // instead (3.12 rescales the subnormals and recurses).
        let (mut csum, mut frac) = (1.0f64, 0.0f64);
        for &x in vec {
            let x = x / max;
            let x = x * x;
            let old = csum;
            csum += x;
            frac += (old - csum) + x;
        }
        return max * (csum - 1.0 + frac).sqrt();
    }
    let scale = libm_ldexp(1.0, -max_e as std::ffi::c_int);
    let (mut csum, mut frac1, mut frac2) = (1.0f64, 0.0f64, 0.0f64);
    for &x in vec {
        let x = x * scale;
        let (hi, lo) = dl_mul(x, x);
        let (s, slo) = dl_fast_sum(csum, hi);
        csum = s;
        frac1 += lo;
        frac2 += slo;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let (hi, lo) = dl_mul(-h, h);
    let (s, slo) = dl_fast_sum(csum, hi);
    csum = s;
    frac1 += lo;
    frac2 += slo;
    let x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    h / scale
}

/// `math.hypot(*coordinates)`.
pub fn math_hypot(coordinates: &[f64]) -> f64 {
    let v: Vec<f64> = coordinates.iter().map(|x| x.abs()).collect();
    let found_nan = v.iter().any(|x| x.is_nan());
    let max = v.iter().fold(0.0f64, |m, &x| if x > m { x } else { m });
    vector_norm(&v, max, found_nan)
}

/// `math.dist(p, q)`:
/// `ValueError: both points must have the same number of dimensions`.
pub fn math_dist(p: &[f64], q: &[f64]) -> PyResult<f64> {
    if p.len() != q.len() {
        return Err(PyErr::value_error(
            "both points must have the same number of dimensions",
        ));
    }
    let v: Vec<f64> = p.iter().zip(q).map(|(a, b)| (a - b).abs()).collect();
    let found_nan = v.iter().any(|x| x.is_nan());
    let max = v.iter().fold(0.0f64, |m, &x| if x > m { x } else { m });
    Ok(vector_norm(&v, max, found_nan))
}

/// `math.dist(p, q)` of int points: each coordinate converted to a float first, as
/// CPython's.
pub fn math_dist_ints(p: &[i64], q: &[i64]) -> PyResult<f64> {
    let floats = |xs: &[i64]| xs.iter().map(|&x| x as f64).collect::<Vec<f64>>();
    math_dist(&floats(p), &floats(q))
}

// ---------------------------------------------------------------------------
// fsum: Shewchuk's exact summation, as CPython's math_fsum.

/// `math.fsum(items)`: the correctly rounded sum.
/// `OverflowError: intermediate overflow in fsum`, `ValueError: -inf + inf in fsum`.
pub fn math_fsum(items: impl IntoIterator<Item = f64>) -> PyResult<f64> {
    let mut p: Vec<f64> = Vec::new();
    let (mut special_sum, mut inf_sum) = (0.0f64, 0.0f64);
    for item in items {
        let mut x = item;
        let xsave = x;
        let mut i = 0;
        for j in 0..p.len() {
            let mut y = p[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let yr = hi - x;
            let lo = y - yr;
            if lo != 0.0 {
                p[i] = lo;
                i += 1;
            }
            x = hi;
        }
        p.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                // From an overflow, or from an inf or nan in the items.
                if xsave.is_finite() {
                    return Err(PyErr::overflow("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                p.clear();
            } else {
                p.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(PyErr::value_error("-inf + inf in fsum"));
        }
        return Ok(special_sum);
    }
    let mut hi = 0.0f64;
    let mut n = p.len();
    if n > 0 {
        n -= 1;
        hi = p[n];
        let mut lo = 0.0f64;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        // Round half-even across partials (sum([1e-16, 1, 1e16]) rounds up).
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(hi)
}

// ---------------------------------------------------------------------------
// prod

/// `math.prod(floats, start=...)`: plain left-to-right product. CPython
/// returns the int `1` for an empty iterable with the default start; this
/// returns `1.0`.
pub fn math_prod_float(items: impl IntoIterator<Item = f64>, start: f64) -> f64 {
    items.into_iter().fold(start, |acc, x| acc * x)
}

/// `math.prod(ints, start=1)`: exact; `OverflowError` only if the product
/// leaves i64 (a later zero still gives 0, as in CPython).
pub fn math_prod_int(items: impl IntoIterator<Item = i64>, start: i64) -> PyResult<i64> {
    // Every nonzero factor has magnitude >= 1, so once the magnitude passes
    // 2**63 only a zero factor can bring the product back into range.
    let limit: i128 = 1 << 63;
    let mut acc = start as i128;
    let mut overflowed = false;
    for x in items {
        if x == 0 {
            acc = 0;
            overflowed = false;
        } else if !overflowed {
            acc *= x as i128;
            overflowed = acc.abs() > limit;
        }
    }
    if overflowed {
        return Err(int_overflow());
    }
    i64::try_from(acc).map_err(|_| int_overflow())
}

// ---------------------------------------------------------------------------
// Integer functions

/// `math.gcd(a, b)`: non-negative.
pub fn math_gcd(a: i64, b: i64) -> PyResult<i64> {
    let (mut x, mut y) = (a.unsigned_abs(), b.unsigned_abs());
    while y != 0 {
        (x, y) = (y, x % y);
    }
    i64::try_from(x).map_err(|_| int_overflow())
}

/// `math.lcm(a, b)`: non-negative; 0 if either is 0.
pub fn math_lcm(a: i64, b: i64) -> PyResult<i64> {
    if a == 0 || b == 0 {
        return Ok(0);
    }
    let (mut x, mut y) = (a.unsigned_abs() as u128, b.unsigned_abs() as u128);
    let prod = x * y;
    while y != 0 {
        (x, y) = (y, x % y);
    }
    i64::try_from(prod / x).map_err(|_| int_overflow())
}

/// `math.factorial(n)`: `ValueError: factorial() not defined for negative values`.
pub fn math_factorial(n: i64) -> PyResult<i64> {
    if n < 0 {
        return Err(PyErr::value_error(
            "factorial() not defined for negative values",
        ));
    }
    let mut acc: i64 = 1;
    for k in 2..=n {
        acc = acc.checked_mul(k).ok_or_else(int_overflow)?;
    }
    Ok(acc)
}

/// `math.comb(n, k)`: 0 when `k > n`.
pub fn math_comb(n: i64, k: i64) -> PyResult<i64> {
    if n < 0 {
        return Err(PyErr::value_error("n must be a non-negative integer"));
    }
    if k < 0 {
        return Err(PyErr::value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(0);
    }
    let k = k.min(n - k) as u128;
    let n = n as u128;
    // acc = C(n - k + i, i) never exceeds the result, so an intermediate
    // value past i64 means the result is too.
    let mut acc: u128 = 1;
    for i in 1..=k {
        acc = acc * (n - k + i) / i;
        if acc > i64::MAX as u128 {
            return Err(int_overflow());
        }
    }
    Ok(acc as i64)
}

/// `math.perm(n, k)` (`k = None`: `n!`): 0 when `k > n`.
pub fn math_perm(n: i64, k: Option<i64>) -> PyResult<i64> {
    let Some(k) = k else {
        return math_factorial(n);
    };
    if n < 0 {
        return Err(PyErr::value_error("n must be a non-negative integer"));
    }
    if k < 0 {
        return Err(PyErr::value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(0);
    }
    let mut acc: i64 = 1;
    for f in (n - k + 1)..=n {
        acc = acc.checked_mul(f).ok_or_else(int_overflow)?;
    }
    Ok(acc)
}

/// `math.isqrt(n)`: `ValueError: isqrt() argument must be nonnegative`.
pub fn math_isqrt(n: i64) -> PyResult<i64> {
    if n < 0 {
        return Err(PyErr::value_error("isqrt() argument must be nonnegative"));
    }
    let n = n as u64;
    let mut r = (n as f64).sqrt() as u64;
    while r.checked_mul(r).is_none_or(|sq| sq > n) {
        r -= 1;
    }
    while (r + 1).checked_mul(r + 1).is_some_and(|sq| sq <= n) {
        r += 1;
    }
    Ok(r as i64)
}
