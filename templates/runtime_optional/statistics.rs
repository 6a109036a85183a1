//! The `statistics` module, with CPython 3.11's algorithms: `mean`, `variance`,
//! `pvariance`, `stdev` and `pstdev` sum the data exactly (each float as the
//! ratio of integers it is, as `statistics._sum` / `_ss` do with fractions) and
//! round once at the end; the mean or variance of ints is an int when it is a
//! whole number. Big integers from `num-bigint`.

use super::IndexMap;
use super::{
    ExcKind, INT_OVERFLOW_MESSAGE, Obj, PyErr, PyResult, collect_vec, dict_room, int_truediv,
    math_fsum, push, py_sorted, str_repr,
};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

fn stat_error(message: &str) -> PyErr {
    PyErr::new(ExcKind::StatisticsError, message)
}

/// Every finite float is `X / 2**1074` for an integer `X`.
const SCALE: u32 = 1074;

/// Whether data is finite, and then the power of two that makes every item an
/// integer (`StatNumber::scaled` gives them one at a time: the exact sums hold
/// a few big integers of bounded size, never one per item); ints are not
/// scaled. `NonFinite(total)` when an item is NaN or infinite: CPython then
/// sums those items alone, as floats.
pub enum Exact {
    Finite(u32),
    NonFinite(f64),
}

/// Data a statistics function accepts: ints or floats.
pub trait StatNumber: Copy + PartialOrd {
    const IS_INT: bool;
    fn exact(data: &[Self]) -> Exact;
    /// The item times `2**shift` of `exact`, an integer.
    fn scaled(self) -> BigInt;
    fn to_f64(self) -> f64;
    fn mean_of_two(a: Self, b: Self) -> f64;
    /// `(a * (n - delta) + b * delta) / n` in the data's own arithmetic.
    fn interpolate(a: Self, b: Self, n: i64, delta: i64) -> PyResult<f64>;
    /// The value as Python holds it (an int stays an int).
    fn to_obj(self) -> Obj;
    /// `1 / x`, true division (ZeroDivisionError for a zero).
    fn reciprocal(self) -> PyResult<f64>;
}

impl StatNumber for i64 {
    const IS_INT: bool = true;
    fn exact(_: &[i64]) -> Exact {
        Exact::Finite(0)
    }
    fn scaled(self) -> BigInt {
        BigInt::from(self)
    }
    fn to_f64(self) -> f64 {
        self as f64
    }
    /// `(a + b) / 2` of two ints: their exact sum, rounded once.
    fn mean_of_two(a: i64, b: i64) -> f64 {
        (a as i128 + b as i128) as f64 / 2.0
    }
    fn interpolate(a: i64, b: i64, n: i64, delta: i64) -> PyResult<f64> {
        let v = BigInt::from(a) * (n - delta) + BigInt::from(b) * delta;
        ratio_to_f64(&v, &BigInt::from(n))
    }
    fn to_obj(self) -> Obj {
        Obj::Int(self)
    }
    fn reciprocal(self) -> PyResult<f64> {
        int_truediv(1, self)
    }
}

impl StatNumber for f64 {
    const IS_INT: bool = false;
    fn exact(data: &[f64]) -> Exact {
        if data.iter().any(|x| !x.is_finite()) {
            // `partials[None]`: 0 plus each NaN or infinity, in order
            let total = data
                .iter()
                .filter(|x| !x.is_finite())
                .fold(0.0, |t, x| t + x);
            return Exact::NonFinite(total);
        }
        Exact::Finite(SCALE)
    }
    fn scaled(self) -> BigInt {
        scaled(self)
    }
    fn to_f64(self) -> f64 {
        self
    }
    fn mean_of_two(a: f64, b: f64) -> f64 {
        (a + b) / 2.0
    }
    fn interpolate(a: f64, b: f64, n: i64, delta: i64) -> PyResult<f64> {
        Ok((a * (n - delta) as f64 + b * delta as f64) / n as f64)
    }
    fn to_obj(self) -> Obj {
        Obj::Float(self)
    }
    fn reciprocal(self) -> PyResult<f64> {
        if self == 0.0 {
            return Err(PyErr::zero_division("float division by zero"));
        }
        Ok(1.0 / self)
    }
}

/// `x * 2**1074` as an integer (exact for every finite float).
fn scaled(x: f64) -> BigInt {
    if x == 0.0 {
        return BigInt::zero();
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    // x = mant * 2**(exp - 1075) for a normal float, mant * 2**-1074 for a subnormal
    let (mant, shift) = if exp == 0 {
        (frac, 0)
    } else {
        (frac | (1u64 << 52), exp - 1)
    };
    let v = BigInt::from(mant) << shift as usize;
    if x < 0.0 { -v } else { v }
}

/// `2**k` as a float, for `-1074 <= k <= 1023`.
fn pow2(k: i64) -> f64 {
    if k >= -1022 {
        f64::from_bits(((k + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (k + 1074))
    }
}

/// `n / d` (d > 0) as the nearest float, ties to even: what CPython's `int / int`
/// (and so `float(Fraction)`) gives, with its OverflowError.
fn ratio_to_f64(n: &BigInt, d: &BigInt) -> PyResult<f64> {
    if n.is_zero() {
        return Ok(0.0);
    }
    let a = n.abs();
    // 2**e <= a/d < 2**(e+1)
    let mut e = a.bits() as i64 - d.bits() as i64;
    let below = if e >= 0 {
        a < (d << e as usize)
    } else {
        (&a << (-e) as usize) < *d
    };
    if below {
        e -= 1;
    }
    let lsb = (e - 52).max(-1074);
    let (num, den) = if lsb >= 0 {
        (a.clone(), d << lsb as usize)
    } else {
        (&a << (-lsb) as usize, d.clone())
    };
    let (mut q, r) = num.div_rem(&den);
    let twice = r << 1usize;
    if twice > den || (twice == den && q.is_odd()) {
        q += 1;
    }
    if q.bits() as i64 + lsb > 1024 {
        return Err(PyErr::new(
            ExcKind::OverflowError,
            "integer division result too large for a float",
        ));
    }
    let mant = q.to_u64().unwrap_or(0) as f64;
    let v = mant * pow2(lsb);
    Ok(if n.is_negative() { -v } else { v })
}

/// CPython's `_convert(Fraction(n, d), T)`: an int when T is int and the value a
/// whole number, a float otherwise.
fn convert<T: StatNumber>(n: BigInt, d: BigInt) -> PyResult<Obj> {
    if T::IS_INT {
        let (q, r) = n.div_rem(&d);
        if r.is_zero() {
            if let Some(i) = q.to_i64() {
                return Ok(Obj::Int(i));
            }
            return Err(PyErr::new(ExcKind::OverflowError, INT_OVERFLOW_MESSAGE));
        }
    }
    ratio_to_f64(&n, &d).map(Obj::Float)
}

/// The exact sum of the items, scaled (`StatNumber::scaled`).
fn sum_of<T: StatNumber>(data: &[T]) -> BigInt {
    data.iter().fold(BigInt::zero(), |t, &x| t + x.scaled())
}

/// `statistics.mean(data)`.
pub fn stat_mean<T: StatNumber>(data: impl IntoIterator<Item = T>) -> PyResult<Obj> {
    let data: Vec<T> = collect_vec(data)?;
    let exact = T::exact(&data);
    if data.is_empty() {
        return Err(stat_error("mean requires at least one data point"));
    }
    let n = BigInt::from(data.len());
    match exact {
        Exact::NonFinite(total) => Ok(Obj::Float(total / data.len() as f64)),
        Exact::Finite(shift) => convert::<T>(sum_of(&data), (BigInt::from(1) << shift) * n),
    }
}

/// `statistics.mean` of floats, which is always a float.
pub fn stat_mean_float(data: impl IntoIterator<Item = f64>) -> PyResult<f64> {
    match stat_mean(data)? {
        Obj::Float(x) => Ok(x),
        _ => unreachable!("the mean of floats is a float"),
    }
}

/// `statistics.fmean(data)`: `fsum(data) / n`.
pub fn stat_fmean<T: StatNumber>(data: impl IntoIterator<Item = T>) -> PyResult<f64> {
    let data: Vec<f64> = collect_vec(data.into_iter().map(T::to_f64))?;
    let total = math_fsum(data.iter().copied())?;
    if data.is_empty() {
        return Err(stat_error("fmean requires at least one data point"));
    }
    Ok(total / data.len() as f64)
}

/// The sum of squared deviations from the mean, exactly: `(num, den)` of
/// CPython's `ss` (c = None), or the non-finite float it is.
enum SumSquares {
    Exact(BigInt, BigInt),
    NonFinite(f64),
}

fn sum_squares<T: StatNumber>(data: &[T]) -> SumSquares {
    match T::exact(data) {
        Exact::NonFinite(total) => SumSquares::NonFinite(total),
        Exact::Finite(shift) => {
            if data.is_empty() {
                return SumSquares::Exact(BigInt::zero(), BigInt::from(1));
            }
            let n = BigInt::from(data.len());
            let sx = sum_of(data);
            let sxx = data.iter().fold(BigInt::zero(), |t, &x| {
                let v = x.scaled();
                t + &v * &v
            });
            // ((n * sxx - sx * sx) / n) / 2**(2 * shift)
            let num = &n * sxx - &sx * &sx;
            SumSquares::Exact(num, n << (2 * shift) as usize)
        }
    }
}

/// `variance` (sample, `ddof` 1) and `pvariance` (population, `ddof` 0).
fn var_of<T: StatNumber>(data: &[T], ddof: usize, name: &str) -> PyResult<SumSquares> {
    let ss = sum_squares(data);
    let need = if ddof == 1 {
        "two data points"
    } else {
        "one data point"
    };
    if data.len() < 1 + ddof {
        return Err(stat_error(&format!("{name} requires at least {need}")));
    }
    let div = data.len() - ddof;
    Ok(match ss {
        SumSquares::NonFinite(total) => SumSquares::NonFinite(total / div as f64),
        SumSquares::Exact(num, den) => SumSquares::Exact(num, den * BigInt::from(div)),
    })
}

fn variance_obj<T: StatNumber>(data: Vec<T>, ddof: usize, name: &str) -> PyResult<Obj> {
    match var_of(&data, ddof, name)? {
        SumSquares::NonFinite(x) => Ok(Obj::Float(x)),
        SumSquares::Exact(num, den) => convert::<T>(num, den),
    }
}

/// `statistics.variance(data)`.
pub fn stat_variance<T: StatNumber>(data: impl IntoIterator<Item = T>) -> PyResult<Obj> {
    variance_obj(collect_vec(data)?, 1, "variance")
}

/// `statistics.pvariance(data)`.
pub fn stat_pvariance<T: StatNumber>(data: impl IntoIterator<Item = T>) -> PyResult<Obj> {
    variance_obj(collect_vec(data)?, 0, "pvariance")
}

/// The float of an `Obj` a float-data statistic returned.
pub fn stat_float(x: Obj) -> f64 {
    match x {
        Obj::Float(f) => f,
        Obj::Int(i) => i as f64,
        _ => unreachable!("a statistic of floats is a float"),
    }
}

fn stdev_of<T: StatNumber>(data: Vec<T>, ddof: usize, name: &str) -> PyResult<f64> {
    match var_of(&data, ddof, name)? {
        // CPython reads `.numerator` of the float: AttributeError
        SumSquares::NonFinite(_) => Err(PyErr::new(
            ExcKind::AttributeError,
            "'float' object has no attribute 'numerator'",
        )),
        SumSquares::Exact(num, den) => {
            let g = num.gcd(&den);
            let (num, den) = if g.is_zero() {
                (num, den)
            } else {
                (num / &g, den / &g)
            };
            float_sqrt_of_frac(&num, &den)
        }
    }
}

/// `statistics.stdev(data)`.
pub fn stat_stdev<T: StatNumber>(data: impl IntoIterator<Item = T>) -> PyResult<f64> {
    stdev_of(collect_vec(data)?, 1, "stdev")
}

/// `statistics.pstdev(data)`.
pub fn stat_pstdev<T: StatNumber>(data: impl IntoIterator<Item = T>) -> PyResult<f64> {
    stdev_of(collect_vec(data)?, 0, "pstdev")
}

/// `_integer_sqrt_of_frac_rto`: the integer square root of `n / m`, its last
/// bit set when inexact (round to odd).
fn isqrt_frac_rto(n: &BigInt, m: &BigInt) -> BigInt {
    let a = (n / m).sqrt();
    let inexact = &a * &a * m != *n;
    if inexact { a | BigInt::from(1) } else { a }
}

/// `_float_sqrt_of_frac`: the correctly rounded square root of `n / m`.
fn float_sqrt_of_frac(n: &BigInt, m: &BigInt) -> PyResult<f64> {
    const SQRT_BIT_WIDTH: i64 = 2 * 53 + 3;
    let q = (n.bits() as i64 - m.bits() as i64 - SQRT_BIT_WIDTH).div_euclid(2);
    if q >= 0 {
        let num = isqrt_frac_rto(n, &(m << (2 * q) as usize)) << q as usize;
        ratio_to_f64(&num, &BigInt::from(1))
    } else {
        let num = isqrt_frac_rto(&(n << (-2 * q) as usize), m);
        ratio_to_f64(&num, &(BigInt::from(1) << (-q) as usize))
    }
}

fn sorted<T: StatNumber>(data: impl IntoIterator<Item = T>) -> PyResult<Vec<T>> {
    py_sorted(data, false)
}

const NO_MEDIAN: &str = "no median for empty data";

/// `statistics.median(data)` of ints: the middle item, or the mean of the two
/// middle ones (a float).
pub fn stat_median_int(data: impl IntoIterator<Item = i64>) -> PyResult<Obj> {
    let d = sorted(data)?;
    let n = d.len();
    if n == 0 {
        return Err(stat_error(NO_MEDIAN));
    }
    Ok(if n % 2 == 1 {
        Obj::Int(d[n / 2])
    } else {
        Obj::Float(<i64 as StatNumber>::mean_of_two(d[n / 2 - 1], d[n / 2]))
    })
}

/// `statistics.median(data)` of floats.
pub fn stat_median_float(data: impl IntoIterator<Item = f64>) -> PyResult<f64> {
    let d = sorted(data)?;
    let n = d.len();
    if n == 0 {
        return Err(stat_error(NO_MEDIAN));
    }
    Ok(if n % 2 == 1 {
        d[n / 2]
    } else {
        <f64 as StatNumber>::mean_of_two(d[n / 2 - 1], d[n / 2])
    })
}

/// `statistics.median_low(data)` / `median_high(data)`.
pub fn stat_median_side<T: StatNumber>(
    data: impl IntoIterator<Item = T>,
    high: bool,
) -> PyResult<T> {
    let d = sorted(data)?;
    let n = d.len();
    if n == 0 {
        return Err(stat_error(NO_MEDIAN));
    }
    Ok(if n % 2 == 1 || high {
        d[n / 2]
    } else {
        d[n / 2 - 1]
    })
}

/// Items a `Counter` counts, by what CPython compares them by.
pub trait StatKey {
    type Key: std::hash::Hash + Eq;
    fn key(&self, index: usize) -> Self::Key;
}

impl StatKey for i64 {
    type Key = i64;
    fn key(&self, _: usize) -> i64 {
        *self
    }
}

impl StatKey for f64 {
    type Key = (u64, usize);
    /// `0.0` and `-0.0` are one key; each NaN is its own.
    fn key(&self, index: usize) -> (u64, usize) {
        if self.is_nan() {
            (0, index + 1)
        } else {
            ((self + 0.0).to_bits(), 0)
        }
    }
}

impl StatKey for String {
    type Key = String;
    fn key(&self, _: usize) -> String {
        self.clone()
    }
}

/// The distinct items with their counts, in first-seen order (`Counter(data)`):
/// equal items count together (`0.0` and `-0.0` too, the first one seen kept);
/// each NaN counts alone, as distinct NaN objects do in CPython. The table
/// grows fallibly: `MemoryError` when it cannot.
fn counts<T: StatKey>(data: impl IntoIterator<Item = T>) -> PyResult<Vec<(T, usize)>> {
    let mut seen: IndexMap<T::Key, (T, usize)> = IndexMap::default();
    for (i, x) in data.into_iter().enumerate() {
        dict_room(&mut seen)?;
        seen.entry(x.key(i)).or_insert((x, 0)).1 += 1;
    }
    Ok(seen.into_values().collect())
}

/// `statistics.mode(data)`: the first of the most common items.
pub fn stat_mode<T: StatKey>(data: impl IntoIterator<Item = T>) -> PyResult<T> {
    let mut best: Option<(T, usize)> = None;
    for (x, c) in counts(data)? {
        if best.as_ref().is_none_or(|(_, b)| c > *b) {
            best = Some((x, c));
        }
    }
    best.map(|(x, _)| x)
        .ok_or_else(|| stat_error("no mode for empty data"))
}

/// `statistics.multimode(data)`: every most common item, in first-seen order.
pub fn stat_multimode<T: StatKey>(data: impl IntoIterator<Item = T>) -> PyResult<Vec<T>> {
    let c = counts(data)?;
    let top = c.iter().map(|(_, k)| *k).max().unwrap_or(0);
    Ok(c.into_iter()
        .filter(|(_, k)| *k == top)
        .map(|(x, _)| x)
        .collect())
}

/// `statistics.quantiles(data, n=n, method=method)`.
pub fn stat_quantiles<T: StatNumber>(
    data: impl IntoIterator<Item = T>,
    n: i64,
    method: &str,
) -> PyResult<Vec<f64>> {
    if n < 1 {
        return Err(stat_error("n must be at least 1"));
    }
    let d = sorted(data)?;
    let ld = d.len() as i64;
    if ld < 2 {
        return Err(stat_error("must have at least two data points"));
    }
    let interpolate = |a: usize, b: usize, delta: i64| T::interpolate(d[a], d[b], n, delta);
    let mut out = Vec::new();
    match method {
        "inclusive" => {
            let m = ld - 1;
            for i in 1..n {
                let (j, delta) = ((i * m).div_euclid(n), (i * m).rem_euclid(n));
                push(&mut out, interpolate(j as usize, j as usize + 1, delta)?)?;
            }
        }
        "exclusive" => {
            let m = ld + 1;
            for i in 1..n {
                let j = (i * m).div_euclid(n).clamp(1, ld - 1);
                let delta = i * m - j * n;
                push(&mut out, interpolate(j as usize - 1, j as usize, delta)?)?;
            }
        }
        _ => {
            return Err(PyErr::value_error(format!(
                "Unknown method: {}",
                str_repr(method)
            )));
        }
    }
    Ok(out)
}

/// `statistics.geometric_mean(data)`: `exp(fmean(map(log, data)))`; a
/// ValueError on the way (no data, a value that is not positive, `inf - inf`
/// in fsum) becomes CPython's StatisticsError.
pub fn stat_geometric_mean<T: StatNumber>(data: impl IntoIterator<Item = T>) -> PyResult<f64> {
    let refused =
        || stat_error("geometric mean requires a non-empty dataset containing positive numbers");
    let mut logs = Vec::new();
    for x in data {
        let x = x.to_f64();
        if x <= 0.0 {
            return Err(refused()); // math.log: "math domain error"
        }
        logs.push(x.ln());
    }
    if logs.is_empty() {
        return Err(refused());
    }
    let n = logs.len() as f64;
    match math_fsum(logs) {
        Ok(total) => Ok((total / n).exp()),
        Err(e) if e.kind == ExcKind::ValueError => Err(refused()),
        Err(e) => Err(e),
    }
}

/// `statistics.harmonic_mean(data)` (no weights), as CPython 3.11 computes it: one
/// value is returned as it is (an int stays an int); then, in order, a negative value
/// raises and a zero makes the result the int 0 (CPython's ZeroDivisionError path);
/// otherwise n over the exact sum of the reciprocals (each a float, `1 / x`), rounded
/// once. A non-finite reciprocal sum (a NaN in the data, or an infinite reciprocal)
/// is divided as a float, as CPython's `_sum` keeps it.
pub fn stat_harmonic_mean<T: StatNumber>(data: impl IntoIterator<Item = T>) -> PyResult<Obj> {
    const NEGATIVE: &str = "harmonic mean does not support negative values";
    let data: Vec<T> = collect_vec(data)?;
    match data.as_slice() {
        [] => return Err(stat_error("harmonic_mean requires at least one data point")),
        [x] => {
            if x.to_f64() < 0.0 {
                return Err(stat_error(NEGATIVE));
            }
            return Ok(x.to_obj());
        }
        _ => {}
    }
    let mut terms = Vec::with_capacity(data.len());
    for x in &data {
        if x.to_f64() < 0.0 {
            return Err(stat_error(NEGATIVE));
        }
        match x.reciprocal() {
            Ok(r) => terms.push(r),
            Err(e) if e.kind == ExcKind::ZeroDivisionError => return Ok(Obj::Int(0)),
            Err(e) => return Err(e),
        }
    }
    let n = data.len();
    match f64::exact(&terms) {
        Exact::NonFinite(total) => Ok(Obj::Float(n as f64 / total)),
        Exact::Finite(shift) => {
            let total = sum_of(&terms);
            if total <= BigInt::zero() {
                return Err(stat_error("Weighted sum must be positive"));
            }
            ratio_to_f64(&((BigInt::from(n)) << shift as usize), &total).map(Obj::Float)
        }
    }
}

/// Two samples as floats, their means and the sum of their co-deviations.
struct CoDeviations {
    x: Vec<f64>,
    y: Vec<f64>,
    xbar: f64,
    ybar: f64,
    sxy: f64,
}

/// The co-deviations of two samples, after CPython's checks (same lengths,
/// two points at least).
fn co_deviations<A: StatNumber, B: StatNumber>(
    x: &[A],
    y: &[B],
    name: &str,
) -> PyResult<CoDeviations> {
    let n = x.len();
    if y.len() != n {
        return Err(stat_error(&format!(
            "{name} requires that both inputs have same number of data points"
        )));
    }
    if n < 2 {
        return Err(stat_error(&format!(
            "{name} requires at least two data points"
        )));
    }
    let x: Vec<f64> = x.iter().map(|v| v.to_f64()).collect();
    let y: Vec<f64> = y.iter().map(|v| v.to_f64()).collect();
    let xbar = math_fsum(x.iter().copied())? / n as f64;
    let ybar = math_fsum(y.iter().copied())? / n as f64;
    let sxy = math_fsum(x.iter().zip(&y).map(|(a, b)| (a - xbar) * (b - ybar)))?;
    Ok(CoDeviations {
        x,
        y,
        xbar,
        ybar,
        sxy,
    })
}

/// `statistics.covariance(x, y)`: the sample covariance, `sxy / (n - 1)`.
pub fn stat_covariance<A: StatNumber, B: StatNumber>(x: &[A], y: &[B]) -> PyResult<f64> {
    let c = co_deviations(x, y, "covariance")?;
    Ok(c.sxy / (x.len() - 1) as f64)
}

/// `statistics.correlation(x, y)`: Pearson's r, `sxy / sqrt(sxx * syy)`;
/// StatisticsError when that root is 0.
pub fn stat_correlation<A: StatNumber, B: StatNumber>(x: &[A], y: &[B]) -> PyResult<f64> {
    let CoDeviations {
        x,
        y,
        xbar,
        ybar,
        sxy,
    } = co_deviations(x, y, "correlation")?;
    let sxx = math_fsum(x.iter().map(|a| (a - xbar) * (a - xbar)))?;
    let syy = math_fsum(y.iter().map(|b| (b - ybar) * (b - ybar)))?;
    let root = (sxx * syy).sqrt();
    if root == 0.0 {
        return Err(stat_error("at least one of the inputs is constant"));
    }
    Ok(sxy / root)
}
