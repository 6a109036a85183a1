//! numpy for compiled code: `ndarray::ArrayD<T>` with numpy's semantics.
//!
//! Copied into crates that use numpy as `pcrt::nd` and glob re-exported, so
//! generated code calls `pcrt::nd_binop(...)`. Element types are the dtypes
//! pycomp knows: `f32` (float32), `f64` (float64), `i64` (int64), `i32`
//! (int32), `bool`, and the small ints `i8`, `u8`, `i16`, `u16`, `u32`.
//!
//! - Result dtypes follow numpy 2 (NEP 50): two arrays promote by numpy's
//!   table ([`NdPromote`]); an array and a Python scalar ("weak") keep the
//!   array's dtype unless the scalar is of a higher kind ([`NdWeak`]); true
//!   division, `mean`, `exp` ... give an inexact dtype ([`NdInexact`]); `sum`
//!   widens signed ints to int64 ([`NdSumOut`]; numpy's uint64 sums of
//!   unsigned ints are refused at compile time). The op library's typing hooks
//!   (`pycomp/nptyping.py`) compute the same dtypes at compile time.
//! - Every function returns an owned array (numpy would often return a view;
//!   the compiler's alias pass makes sure the difference is not observable).
//! - Integer arithmetic wraps like numpy's; float errors give inf/nan.
//! - Errors carry numpy's messages. numpy's `AxisError` (a subclass of both
//!   ValueError and IndexError) is raised as ValueError.
//! - Scalars that leave an array by `x[i]` or a full reduction become Python
//!   scalars: `f32` -> `f64`, `i32` -> `i64` ([`NdNum::Py`]); the items of an
//!   iterated array are numpy scalars, kept as 0-d arrays ([`nd_iter`]) and
//!   printed as numpy prints its scalars ([`nd_scalar_str`]).
//!
//! Known differences from numpy (also in tests/diff_numpy/README.md):
//! - numpy scalars (`np.sum(x)`, `np.sqrt(2.0)`) are Python scalars here, so
//!   they promote weakly: `float32_array * np.sqrt(2.0)` stays float32 where
//!   numpy gives float64 (a numpy float64 scalar is strong under NEP 50).
//! - `sum`/`mean`/`var`/`std`/`prod` and `norm` along an axis add in numpy's
//!   order and dtype (pairwise along the innermost axis, float32 stays float32),
//!   so they agree bit for bit. float64 `exp`/`log`/`tanh`/... run what numpy runs
//!   on this CPU (npkern64.rs); the other float functions compute in f64 and
//!   round (numpy's SIMD and SVML versions, chosen by CPU, can differ in the
//!   last place: warning W009), as do BLAS-backed `dot`/`@` and `norm` of a
//!   whole array.
//! - `sort`/`argsort` are stable; numpy's default quicksort may order ties
//!   differently on long arrays.
//! - Integer `@` of huge values wraps like the elementwise ops.

use ndarray::{
    Array2, ArrayD, ArrayView1, ArrayView2, ArrayViewD, Axis, Ix2, IxDyn, SliceInfo, SliceInfoElem,
    Zip,
};

use super::abi::{DType, Decode, DecodeError, Element, Encode, Reader, Writer, tag};
use super::{ExcKind, PyErr, PyResult};

// ---------------------------------------------------------------------------
// Element types
// ---------------------------------------------------------------------------

/// The kind of a dtype or Python scalar: numpy promotes by kind first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NdKind {
    Bool,
    Int,
    Float,
}

/// An array element type: its numpy name, kind, conversions and arithmetic.
pub trait NdNum:
    Element + PartialEq + PartialOrd + Default + std::fmt::Debug + Send + Sync + 'static
{
    const KIND: NdKind;
    /// numpy's name of the dtype (`float32` ...).
    const NAME: &'static str;
    /// The Python scalar an element becomes (`f64`, `i64` or `bool`).
    type Py: Copy;
    fn to_py(self) -> Self::Py;
    fn to_f64(self) -> f64;
    fn to_i64(self) -> i64;
    fn to_bool(self) -> bool;
    fn from_f64(v: f64) -> Self;
    fn from_i64(v: i64) -> Self;
    fn from_bool(v: bool) -> Self;
    /// Whether the Python int `v` is in the dtype's range (numpy 2 raises
    /// OverflowError for an out-of-range Python int used with an int array).
    fn fits_i64(_v: i64) -> bool {
        true
    }
    fn zero() -> Self;
    fn one() -> Self;
    fn add(self, o: Self) -> Self;
    fn sub(self, o: Self) -> Self;
    fn mul(self, o: Self) -> Self;
    /// Floor division as numpy does it (ints: 0 for a zero divisor; floats: `a / 0`).
    fn floordiv(self, o: Self) -> Self;
    /// Python's `%` (sign of the divisor); ints: 0 for a zero divisor, floats: nan.
    fn rem(self, o: Self) -> Self;
    /// `**`; for ints the caller has refused negative exponents.
    fn pow(self, o: Self) -> Self;
    fn neg(self) -> Self;
    fn abs(self) -> Self;
    fn is_nan(self) -> bool;
    fn floor(self) -> Self;
    fn ceil(self) -> Self;
    fn sign(self) -> Self;
    /// `np.round(x, decimals)`: half to even.
    fn round_to(self, decimals: i64) -> Self;
    /// The 2-D matrix product, as numpy computes it for the dtype (float32 and
    /// float64 with numpy's OpenBLAS, `pcrt::blas`).
    fn matmul2(a: ArrayView2<'_, Self>, b: ArrayView2<'_, Self>) -> PyResult<Array2<Self>>;
    /// `np.linalg.norm` of a whole array of this (inexact) dtype, its elements
    /// in memory order: numpy's `sqrt(x.dot(x))`.
    fn norm_all(items: &[Self]) -> PyResult<Self> {
        Ok(Self::from_f64(
            items
                .iter()
                .map(|x| x.to_f64() * x.to_f64())
                .fold(0.0, |acc, x| acc + x)
                .sqrt(),
        ))
    }
}

/// Converts one element to another dtype as `astype` does (floats to ints truncate).
#[inline]
pub fn nd_cast<A: NdNum, B: NdNum>(x: A) -> B {
    match A::KIND {
        NdKind::Bool => B::from_bool(x.to_bool()),
        NdKind::Int => B::from_i64(x.to_i64()),
        NdKind::Float => B::from_f64(x.to_f64()),
    }
}

fn float_divmod(a: f64, b: f64) -> (f64, f64) {
    // CPython's float_divmod, which numpy's npy_divmod follows.
    if b == 0.0 {
        return (a / b, f64::NAN);
    }
    let mut m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0_f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 { f + 1.0 } else { f }
    } else {
        0.0_f64.copysign(a / b)
    };
    (floordiv, m)
}

macro_rules! float_elem {
    ($t:ty, $name:literal) => {
        impl NdNum for $t {
            const KIND: NdKind = NdKind::Float;
            const NAME: &'static str = $name;
            type Py = f64;
            #[inline]
            fn to_py(self) -> f64 {
                self as f64
            }
            #[inline]
            fn to_f64(self) -> f64 {
                self as f64
            }
            #[inline]
            fn to_i64(self) -> i64 {
                self as i64
            }
            #[inline]
            fn to_bool(self) -> bool {
                self != 0.0
            }
            #[inline]
            fn from_f64(v: f64) -> Self {
                v as $t
            }
            #[inline]
            fn from_i64(v: i64) -> Self {
                v as $t
            }
            #[inline]
            fn from_bool(v: bool) -> Self {
                if v { 1.0 } else { 0.0 }
            }
            fn zero() -> Self {
                0.0
            }
            fn one() -> Self {
                1.0
            }
            #[inline]
            fn add(self, o: Self) -> Self {
                self + o
            }
            #[inline]
            fn sub(self, o: Self) -> Self {
                self - o
            }
            #[inline]
            fn mul(self, o: Self) -> Self {
                self * o
            }
            fn floordiv(self, o: Self) -> Self {
                float_divmod(self as f64, o as f64).0 as $t
            }
            fn rem(self, o: Self) -> Self {
                float_divmod(self as f64, o as f64).1 as $t
            }
            fn pow(self, o: Self) -> Self {
                self.powf(o)
            }
            fn neg(self) -> Self {
                -self
            }
            fn abs(self) -> Self {
                <$t>::abs(self)
            }
            #[inline]
            fn is_nan(self) -> bool {
                <$t>::is_nan(self)
            }
            fn floor(self) -> Self {
                <$t>::floor(self)
            }
            fn ceil(self) -> Self {
                <$t>::ceil(self)
            }
            fn sign(self) -> Self {
                if self.is_nan() {
                    self
                } else if self > 0.0 {
                    1.0
                } else if self < 0.0 {
                    -1.0
                } else {
                    0.0
                }
            }
            fn round_to(self, decimals: i64) -> Self {
                if decimals >= 0 {
                    let f = (10.0 as $t).powi(decimals as i32);
                    (self * f).round_ties_even() / f
                } else {
                    let f = (10.0 as $t).powi((-decimals) as i32);
                    (self / f).round_ties_even() * f
                }
            }
            fn matmul2(a: ArrayView2<'_, Self>, b: ArrayView2<'_, Self>) -> PyResult<Array2<Self>> {
                super::blas_matmul2(a, b)
            }
            fn norm_all(items: &[Self]) -> PyResult<Self> {
                super::blas_norm(items)
            }
        }
    };
}

float_elem!(f32, "float32");
float_elem!(f64, "float64");

/// numpy's float16 (IEEE 754 binary16), stored as its bits. Arithmetic is
/// numpy's: each operation computes in f32 and rounds once to float16 (exact for
/// `+ - * /` and `sqrt`: f32 has more than twice float16's precision), and
/// conversions from f64 round directly (`np.float16(x)` of a Python float).
#[allow(non_camel_case_types)]
#[derive(Clone, Copy, Debug, Default)]
#[repr(transparent)]
pub struct f16(pub u16);

impl f16 {
    /// The float16 nearest to `x` (ties to even; out of range gives inf).
    pub fn from_f64(x: f64) -> f16 {
        let b = x.to_bits();
        let sign = ((b >> 48) & 0x8000) as u16;
        let exp = ((b >> 52) & 0x7ff) as i64;
        let man = b & ((1u64 << 52) - 1);
        if exp == 0x7ff {
            let nan = if man != 0 {
                0x0200 | (man >> 42) as u16
            } else {
                0
            };
            return f16(sign | 0x7c00 | nan);
        }
        let e = exp - 1023 + 15;
        if e >= 31 {
            return f16(sign | 0x7c00);
        }
        // the kept bits, the shift that drops the rest, rounded to nearest even
        let (kept, shift) = if e <= 0 {
            if e < -10 {
                return f16(sign);
            }
            (man | (1u64 << 52), (43 - e) as u32)
        } else {
            (((e as u64) << 52) | man, 42)
        };
        let rest = kept & ((1u64 << shift) - 1);
        let half = 1u64 << (shift - 1);
        let mut r = kept >> shift;
        if rest > half || (rest == half && r & 1 == 1) {
            r += 1; // a carry into the exponent is the next binade (or inf)
        }
        f16(sign | r as u16)
    }

    /// The exact value as an f32.
    pub fn to_f32(self) -> f32 {
        let h = self.0;
        let sign = if h & 0x8000 != 0 { -1.0f32 } else { 1.0 };
        let exp = (h >> 10) & 0x1f;
        let man = u32::from(h & 0x3ff);
        match exp {
            0 => sign * man as f32 * (-24f32).exp2(),
            31 if man == 0 => sign * f32::INFINITY,
            31 => f32::NAN.copysign(sign),
            _ => f32::from_bits(
                (u32::from(h & 0x8000) << 16) | (u32::from(exp) + 112) << 23 | man << 13,
            ),
        }
    }

    /// `f(self, o)` computed in f32 and rounded once.
    #[inline]
    fn via(self, o: f16, f: impl Fn(f32, f32) -> f32) -> f16 {
        f16::from_f64(f64::from(f(self.to_f32(), o.to_f32())))
    }
}

impl PartialEq for f16 {
    fn eq(&self, o: &f16) -> bool {
        self.to_f32() == o.to_f32()
    }
}

impl PartialOrd for f16 {
    fn partial_cmp(&self, o: &f16) -> Option<std::cmp::Ordering> {
        self.to_f32().partial_cmp(&o.to_f32())
    }
}

impl Element for f16 {
    const DTYPE: DType = DType::Float16;
    fn write_le(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.0.to_le_bytes());
    }
    fn read_le(bytes: &[u8]) -> Self {
        f16(u16::from_le_bytes(bytes.try_into().expect("element size")))
    }
}

impl NdNum for f16 {
    const KIND: NdKind = NdKind::Float;
    const NAME: &'static str = "float16";
    type Py = f64;
    #[inline]
    fn to_py(self) -> f64 {
        f64::from(self.to_f32())
    }
    #[inline]
    fn to_f64(self) -> f64 {
        f64::from(self.to_f32())
    }
    fn to_i64(self) -> i64 {
        self.to_f32() as i64
    }
    fn to_bool(self) -> bool {
        self.0 & 0x7fff != 0
    }
    #[inline]
    fn from_f64(v: f64) -> Self {
        f16::from_f64(v)
    }
    fn from_i64(v: i64) -> Self {
        f16::from_f64(v as f64)
    }
    fn from_bool(v: bool) -> Self {
        f16(if v { 0x3c00 } else { 0 })
    }
    fn zero() -> Self {
        f16(0)
    }
    fn one() -> Self {
        f16(0x3c00)
    }
    #[inline]
    fn add(self, o: Self) -> Self {
        self.via(o, |a, b| a + b)
    }
    #[inline]
    fn sub(self, o: Self) -> Self {
        self.via(o, |a, b| a - b)
    }
    #[inline]
    fn mul(self, o: Self) -> Self {
        self.via(o, |a, b| a * b)
    }
    fn floordiv(self, o: Self) -> Self {
        f16::from_f64(float_divmod(self.to_f64(), o.to_f64()).0)
    }
    fn rem(self, o: Self) -> Self {
        f16::from_f64(float_divmod(self.to_f64(), o.to_f64()).1)
    }
    fn pow(self, o: Self) -> Self {
        self.via(o, f32::powf)
    }
    fn neg(self) -> Self {
        f16(self.0 ^ 0x8000)
    }
    fn abs(self) -> Self {
        f16(self.0 & 0x7fff)
    }
    fn is_nan(self) -> bool {
        self.0 & 0x7c00 == 0x7c00 && self.0 & 0x3ff != 0
    }
    fn floor(self) -> Self {
        self.via(self, |a, _| a.floor())
    }
    fn ceil(self) -> Self {
        self.via(self, |a, _| a.ceil())
    }
    fn sign(self) -> Self {
        f16::from_f64(f64::from(NdNum::sign(self.to_f32())))
    }
    fn round_to(self, decimals: i64) -> Self {
        // numpy multiplies (or divides) by 10**|decimals| in float16, rounds half to
        // even, and divides (or multiplies) back, each step rounded to float16
        let f = f16::from_f64(10f64.powi(decimals.unsigned_abs().min(400) as i32));
        let even = |x: f16| x.via(x, |a, _| a.round_ties_even());
        if decimals >= 0 {
            even(self.mul(f)).via(f, |a, b| a / b)
        } else {
            even(self.via(f, |a, b| a / b)).mul(f)
        }
    }
    fn matmul2(a: ArrayView2<'_, Self>, b: ArrayView2<'_, Self>) -> PyResult<Array2<Self>> {
        // numpy's float16 matmul accumulates in float32 and rounds each product sum once
        let (n, k) = a.dim();
        let m = b.dim().1;
        Ok(Array2::from_shape_fn((n, m), |(i, j)| {
            let mut acc = 0f32;
            for t in 0..k {
                acc += a[[i, t]].to_f32() * b[[t, j]].to_f32();
            }
            f16::from_f64(f64::from(acc))
        }))
    }
    fn norm_all(items: &[Self]) -> PyResult<Self> {
        // numpy's HALF_dot (a float32 sum rounded to float16), then a float16 sqrt
        let acc: f32 = items
            .iter()
            .fold(0f32, |acc, x| acc + x.to_f32() * x.to_f32());
        let sq = f16::from_f64(f64::from(acc));
        Ok(f16::from_f64(f64::from(sq.to_f32()).sqrt()))
    }
}

fn int_pow(mut base: i64, mut exp: i64) -> i64 {
    let mut acc: i64 = 1;
    while exp > 0 {
        if exp & 1 == 1 {
            acc = acc.wrapping_mul(base);
        }
        base = base.wrapping_mul(base);
        exp >>= 1;
    }
    acc
}

/// A float converted to an int as numpy's C cast does on x86-64: through a
/// truncating conversion to `i32` (dtypes up to 32 bits) or `i64` that gives
/// the type's minimum for NaN and values out of range, then wrapped to the
/// narrower type (`np.array([300.7]).astype(np.uint8)` is 44, NaN is 0).
#[inline]
fn c_cast_f64_i32(v: f64) -> i32 {
    if v > -2147483649.0 && v < 2147483648.0 {
        v as i32
    } else {
        i32::MIN
    }
}

#[inline]
fn c_cast_f64_i64(v: f64) -> i64 {
    if (-9223372036854775808.0..9223372036854775808.0).contains(&v) {
        v as i64
    } else {
        i64::MIN
    }
}

macro_rules! int_elem {
    (@floordiv signed, $a:ident, $o:ident) => {{
        if $o == 0 {
            return 0;
        }
        let q = $a.wrapping_div($o);
        if ($a.wrapping_rem($o) != 0) && (($a < 0) != ($o < 0)) {
            q - 1
        } else {
            q
        }
    }};
    (@floordiv unsigned, $a:ident, $o:ident) => {{
        if $o == 0 { 0 } else { $a / $o }
    }};
    (@rem signed, $a:ident, $o:ident) => {{
        if $o == 0 {
            return 0;
        }
        let r = $a.wrapping_rem($o);
        if r != 0 && ((r < 0) != ($o < 0)) { r + $o } else { r }
    }};
    (@rem unsigned, $a:ident, $o:ident) => {{
        if $o == 0 { 0 } else { $a % $o }
    }};
    (@abs signed, $a:ident) => {
        $a.wrapping_abs()
    };
    (@abs unsigned, $a:ident) => {
        $a
    };
    (@sign signed, $a:ident) => {
        $a.signum()
    };
    (@sign unsigned, $a:ident) => {
        Self::from($a != 0)
    };
    ($t:ty, $name:literal, $via:ident, $signed:tt) => {
        impl NdNum for $t {
            const KIND: NdKind = NdKind::Int;
            const NAME: &'static str = $name;
            type Py = i64;
            #[inline]
            fn to_py(self) -> i64 {
                self as i64
            }
            #[inline]
            fn to_f64(self) -> f64 {
                self as f64
            }
            #[inline]
            fn to_i64(self) -> i64 {
                self as i64
            }
            #[inline]
            fn to_bool(self) -> bool {
                self != 0
            }
            #[inline]
            fn from_f64(v: f64) -> Self {
                $via(v) as $t
            }
            fn fits_i64(v: i64) -> bool {
                <$t>::try_from(v).is_ok()
            }
            #[inline]
            fn from_i64(v: i64) -> Self {
                v as $t
            }
            #[inline]
            fn from_bool(v: bool) -> Self {
                v as $t
            }
            fn zero() -> Self {
                0
            }
            fn one() -> Self {
                1
            }
            #[inline]
            fn add(self, o: Self) -> Self {
                self.wrapping_add(o)
            }
            #[inline]
            fn sub(self, o: Self) -> Self {
                self.wrapping_sub(o)
            }
            #[inline]
            fn mul(self, o: Self) -> Self {
                self.wrapping_mul(o)
            }
            fn floordiv(self, o: Self) -> Self {
                int_elem!(@floordiv $signed, self, o)
            }
            fn rem(self, o: Self) -> Self {
                int_elem!(@rem $signed, self, o)
            }
            fn pow(self, o: Self) -> Self {
                int_pow(self as i64, o as i64) as $t
            }
            fn neg(self) -> Self {
                self.wrapping_neg()
            }
            fn abs(self) -> Self {
                int_elem!(@abs $signed, self)
            }
            #[inline]
            fn is_nan(self) -> bool {
                false
            }
            fn floor(self) -> Self {
                self
            }
            fn ceil(self) -> Self {
                self
            }
            fn sign(self) -> Self {
                int_elem!(@sign $signed, self)
            }
            fn round_to(self, decimals: i64) -> Self {
                if decimals >= 0 {
                    self
                } else {
                    let f = 10f64.powi((-decimals) as i32);
                    ((self as f64 / f).round_ties_even() * f) as $t
                }
            }
            fn matmul2(a: ArrayView2<'_, Self>, b: ArrayView2<'_, Self>) -> PyResult<Array2<Self>> {
                let (n, k) = a.dim();
                let m = b.dim().1;
                Ok(Array2::from_shape_fn((n, m), |(i, j)| {
                    let mut acc: $t = 0;
                    for t in 0..k {
                        acc = acc.wrapping_add(a[[i, t]].wrapping_mul(b[[t, j]]));
                    }
                    acc
                }))
            }
        }
    };
}

int_elem!(i8, "int8", c_cast_f64_i32, signed);
int_elem!(u8, "uint8", c_cast_f64_i32, unsigned);
int_elem!(i16, "int16", c_cast_f64_i32, signed);
int_elem!(u16, "uint16", c_cast_f64_i32, unsigned);
int_elem!(i32, "int32", c_cast_f64_i32, signed);
int_elem!(u32, "uint32", c_cast_f64_i64, unsigned);
int_elem!(i64, "int64", c_cast_f64_i64, signed);

impl NdNum for bool {
    const KIND: NdKind = NdKind::Bool;
    const NAME: &'static str = "bool";
    type Py = bool;
    fn to_py(self) -> bool {
        self
    }
    fn to_f64(self) -> f64 {
        if self { 1.0 } else { 0.0 }
    }
    fn to_i64(self) -> i64 {
        self as i64
    }
    fn to_bool(self) -> bool {
        self
    }
    fn from_f64(v: f64) -> Self {
        v != 0.0
    }
    fn from_i64(v: i64) -> Self {
        v != 0
    }
    fn from_bool(v: bool) -> Self {
        v
    }
    fn zero() -> Self {
        false
    }
    fn one() -> Self {
        true
    }
    fn add(self, o: Self) -> Self {
        self || o
    }
    fn sub(self, o: Self) -> Self {
        self ^ o
    }
    fn mul(self, o: Self) -> Self {
        self && o
    }
    fn floordiv(self, o: Self) -> Self {
        self && o
    }
    fn rem(self, _o: Self) -> Self {
        false
    }
    fn pow(self, o: Self) -> Self {
        self || !o
    }
    fn neg(self) -> Self {
        self
    }
    fn abs(self) -> Self {
        self
    }
    fn is_nan(self) -> bool {
        false
    }
    fn floor(self) -> Self {
        self
    }
    fn ceil(self) -> Self {
        self
    }
    fn sign(self) -> Self {
        self
    }
    fn round_to(self, _decimals: i64) -> Self {
        self
    }
    fn matmul2(a: ArrayView2<'_, Self>, b: ArrayView2<'_, Self>) -> PyResult<Array2<Self>> {
        let (n, k) = a.dim();
        let m = b.dim().1;
        Ok(Array2::from_shape_fn((n, m), |(i, j)| {
            (0..k).any(|t| a[[i, t]] && b[[t, j]])
        }))
    }
}

/// A Python scalar used with arrays (`x * 2.0`): `f64`, `i64` or `bool`.
pub trait NdScalar: Copy {
    const KIND: NdKind;
    /// The value as an i64 (floats truncate).
    fn as_i64(self) -> i64;
    /// The value as an element of dtype `O`; an int out of the range of an
    /// int dtype raises OverflowError as numpy does.
    fn to_elem<O: NdNum>(self) -> PyResult<O>;
    /// The value as an element of dtype `O`, an int out of its range wrapped
    /// (numpy's unsafe cast: `np.where(c, uint8_array, 300)` holds 44).
    fn to_elem_wrapping<O: NdNum>(self) -> O;
    /// -1 / 1 for an int below / above the range of the int dtype `O`, else 0.
    fn beyond<O: NdNum>(self) -> i64 {
        0
    }
}

impl NdScalar for f64 {
    const KIND: NdKind = NdKind::Float;
    fn as_i64(self) -> i64 {
        self as i64
    }
    fn to_elem<O: NdNum>(self) -> PyResult<O> {
        Ok(O::from_f64(self))
    }
    fn to_elem_wrapping<O: NdNum>(self) -> O {
        O::from_f64(self)
    }
}

impl NdScalar for i64 {
    const KIND: NdKind = NdKind::Int;
    fn as_i64(self) -> i64 {
        self
    }
    fn to_elem<O: NdNum>(self) -> PyResult<O> {
        if O::KIND == NdKind::Int && !O::fits_i64(self) {
            return Err(PyErr::overflow(format!(
                "Python integer {self} out of bounds for {}",
                O::NAME
            )));
        }
        Ok(O::from_i64(self))
    }
    fn to_elem_wrapping<O: NdNum>(self) -> O {
        O::from_i64(self)
    }
    fn beyond<O: NdNum>(self) -> i64 {
        if O::KIND == NdKind::Int && !O::fits_i64(self) {
            self.signum()
        } else {
            0
        }
    }
}

impl NdScalar for bool {
    const KIND: NdKind = NdKind::Bool;
    fn as_i64(self) -> i64 {
        self as i64
    }
    fn to_elem<O: NdNum>(self) -> PyResult<O> {
        Ok(O::from_bool(self))
    }
    fn to_elem_wrapping<O: NdNum>(self) -> O {
        O::from_bool(self)
    }
}

// ---------------------------------------------------------------------------
// Promotion (numpy 2, NEP 50)
// ---------------------------------------------------------------------------

/// The dtype of `A op B` for two arrays.
pub trait NdPromote<B: NdNum>: NdNum {
    type Out: NdNum;
}

/// The dtype of `array op python_scalar`: the scalar is weak.
pub trait NdWeak<S: NdScalar>: NdNum {
    type Out: NdNum;
}

/// The inexact dtype of true division, `mean`, `exp` ...: ints become float64.
pub trait NdInexact: NdNum {
    type Out: NdNum;
}

/// The dtype of `sum`/`prod`: bool and int32 widen to int64.
pub trait NdSumOut: NdNum {
    type Out: NdNum;
}

pub type NdPromoted<A, B> = <A as NdPromote<B>>::Out;
pub type NdWeakOut<A, S> = <A as NdWeak<S>>::Out;
pub type NdInexactOut<A> = <A as NdInexact>::Out;
pub type NdSumOf<A> = <A as NdSumOut>::Out;

macro_rules! promote {
    ($($a:ty, $b:ty => $o:ty;)*) => {$(
        impl NdPromote<$b> for $a {
            type Out = $o;
        }
    )*};
}

promote! {
    bool, bool => bool; bool, i8 => i8; bool, u8 => u8; bool, i16 => i16; bool, u16 => u16; bool, i32 => i32; bool, u32 => u32; bool, i64 => i64; bool, f32 => f32; bool, f64 => f64; bool, f16 => f16;
    i8, bool => i8; i8, i8 => i8; i8, u8 => i16; i8, i16 => i16; i8, u16 => i32; i8, i32 => i32; i8, u32 => i64; i8, i64 => i64; i8, f32 => f32; i8, f64 => f64; i8, f16 => f16;
    u8, bool => u8; u8, i8 => i16; u8, u8 => u8; u8, i16 => i16; u8, u16 => u16; u8, i32 => i32; u8, u32 => u32; u8, i64 => i64; u8, f32 => f32; u8, f64 => f64; u8, f16 => f16;
    i16, bool => i16; i16, i8 => i16; i16, u8 => i16; i16, i16 => i16; i16, u16 => i32; i16, i32 => i32; i16, u32 => i64; i16, i64 => i64; i16, f32 => f32; i16, f64 => f64; i16, f16 => f32;
    u16, bool => u16; u16, i8 => i32; u16, u8 => u16; u16, i16 => i32; u16, u16 => u16; u16, i32 => i32; u16, u32 => u32; u16, i64 => i64; u16, f32 => f32; u16, f64 => f64; u16, f16 => f32;
    i32, bool => i32; i32, i8 => i32; i32, u8 => i32; i32, i16 => i32; i32, u16 => i32; i32, i32 => i32; i32, u32 => i64; i32, i64 => i64; i32, f32 => f64; i32, f64 => f64; i32, f16 => f64;
    u32, bool => u32; u32, i8 => i64; u32, u8 => u32; u32, i16 => i64; u32, u16 => u32; u32, i32 => i64; u32, u32 => u32; u32, i64 => i64; u32, f32 => f64; u32, f64 => f64; u32, f16 => f64;
    i64, bool => i64; i64, i8 => i64; i64, u8 => i64; i64, i16 => i64; i64, u16 => i64; i64, i32 => i64; i64, u32 => i64; i64, i64 => i64; i64, f32 => f64; i64, f64 => f64; i64, f16 => f64;
    f32, bool => f32; f32, i8 => f32; f32, u8 => f32; f32, i16 => f32; f32, u16 => f32; f32, i32 => f64; f32, u32 => f64; f32, i64 => f64; f32, f32 => f32; f32, f64 => f64; f32, f16 => f32;
    f64, bool => f64; f64, i8 => f64; f64, u8 => f64; f64, i16 => f64; f64, u16 => f64; f64, i32 => f64; f64, u32 => f64; f64, i64 => f64; f64, f32 => f64; f64, f64 => f64; f64, f16 => f64;
    f16, bool => f16; f16, i8 => f16; f16, u8 => f16; f16, i16 => f32; f16, u16 => f32; f16, i32 => f64; f16, u32 => f64; f16, i64 => f64; f16, f32 => f32; f16, f64 => f64; f16, f16 => f16;
}

macro_rules! weak {
    ($($a:ty, $s:ty => $o:ty;)*) => {$(
        impl NdWeak<$s> for $a {
            type Out = $o;
        }
    )*};
}

weak! {
    bool, bool => bool; bool, i64 => i64; bool, f64 => f64;
    i8, bool => i8; i8, i64 => i8; i8, f64 => f64;
    u8, bool => u8; u8, i64 => u8; u8, f64 => f64;
    i16, bool => i16; i16, i64 => i16; i16, f64 => f64;
    u16, bool => u16; u16, i64 => u16; u16, f64 => f64;
    u32, bool => u32; u32, i64 => u32; u32, f64 => f64;
    i32, bool => i32; i32, i64 => i32; i32, f64 => f64;
    i64, bool => i64; i64, i64 => i64; i64, f64 => f64;
    f32, bool => f32; f32, i64 => f32; f32, f64 => f32;
    f64, bool => f64; f64, i64 => f64; f64, f64 => f64;
    f16, bool => f16; f16, i64 => f16; f16, f64 => f16;
}

macro_rules! unary_out {
    ($tr:ident: $($a:ty => $o:ty),*) => {$(
        impl $tr for $a {
            type Out = $o;
        }
    )*};
}

unary_out!(NdInexact: bool => f64, i32 => f64, i64 => f64, f32 => f32, f64 => f64);
unary_out!(NdInexact: i8 => f64, u8 => f64, i16 => f64, u16 => f64, u32 => f64, f16 => f16);
unary_out!(NdSumOut: bool => i64, i32 => i64, i64 => i64, f32 => f32, f64 => f64);
// numpy sums unsigned ints into uint64, which compiled code does not have:
// `nptyping.sum_dtype` refuses those sums.
unary_out!(NdSumOut: i8 => i64, i16 => i64, f16 => f16);

// ---------------------------------------------------------------------------
// Shapes, broadcasting and errors
// ---------------------------------------------------------------------------

/// A shape as numpy prints it in error messages: `(2,3)`, `(4,)`, `()`.
pub fn nd_shape_text(s: &[usize]) -> String {
    match s.len() {
        0 => "()".to_string(),
        1 => format!("({},)", s[0]),
        _ => format!(
            "({})",
            s.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

/// A shape as Python's tuple repr: `(2, 3)`, `(4,)`, `()`.
fn shape_repr(s: &[usize]) -> String {
    match s.len() {
        0 => "()".to_string(),
        1 => format!("({},)", s[0]),
        _ => format!(
            "({})",
            s.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The broadcast shape of several operands, or numpy's ValueError.
pub fn nd_broadcast_shapes(shapes: &[&[usize]]) -> PyResult<Vec<usize>> {
    let n = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out = vec![1usize; n];
    for s in shapes {
        for (i, &d) in s.iter().rev().enumerate() {
            let o = &mut out[n - 1 - i];
            if d == *o || d == 1 {
                continue;
            }
            if *o == 1 {
                *o = d;
            } else {
                let mut msg = String::from("operands could not be broadcast together with shapes ");
                for s in shapes {
                    msg.push_str(&nd_shape_text(s));
                    msg.push(' ');
                }
                return Err(PyErr::value_error(msg));
            }
        }
    }
    Ok(out)
}

/// `a op= b` of arrays, computed as `a op b`: numpy writes the result into `a`,
/// so a result broadcast to another shape than `a`'s raises numpy's ValueError
/// (`x += rows` with `x` of shape `(3,)` and `rows` of `(2, 3)`) where `a op b`
/// alone would give the larger array. A 0-d `a` is a numpy scalar (an item of an
/// array), which numpy cannot write into: `a op= b` rebinds it to the result.
pub fn nd_inplace_result<A: NdNum, R>(out: &ArrayD<A>, result: ArrayD<R>) -> PyResult<ArrayD<R>> {
    if out.ndim() > 0 && result.shape() != out.shape() {
        return Err(PyErr::value_error(format!(
            "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
            nd_shape_text(out.shape()),
            nd_shape_text(result.shape())
        )));
    }
    Ok(result)
}

/// Normalizes an `axis=` argument for an array of `ndim` dimensions
/// (numpy's AxisError, raised as ValueError).
pub fn nd_axis(axis: i64, ndim: usize) -> PyResult<usize> {
    let n = ndim as i64;
    if axis < -n || axis >= n {
        return Err(PyErr::value_error(format!(
            "axis {axis} is out of bounds for array of dimension {ndim}"
        )));
    }
    Ok((if axis < 0 { axis + n } else { axis }) as usize)
}

fn zip2<A: NdNum, B: NdNum, O>(
    a: &ArrayD<A>,
    b: &ArrayD<B>,
    mut f: impl FnMut(A, B) -> O,
) -> PyResult<ArrayD<O>> {
    if a.shape() == b.shape() {
        // Contiguous operands of one shape: a flat loop the compiler vectorises.
        if let (Some(x), Some(y)) = (a.as_slice(), b.as_slice()) {
            let data: Vec<O> = x.iter().zip(y).map(|(&x, &y)| f(x, y)).collect();
            return Ok(from_vec(a.shape().to_vec(), data));
        }
        return Ok(Zip::from(a).and(b).map_collect(|&x, &y| f(x, y)));
    }
    let shape = nd_broadcast_shapes(&[a.shape(), b.shape()])?;
    let av = a.broadcast(IxDyn(&shape)).expect("checked broadcast");
    let bv = b.broadcast(IxDyn(&shape)).expect("checked broadcast");
    // Iterating with a fixed number of dimensions avoids IxDyn's per-element
    // index arithmetic (several times faster for the usual ranks 2 and 3).
    macro_rules! fixed {
        ($ix:ty) => {{
            let av = av.into_dimensionality::<$ix>().expect("rank checked");
            let bv = bv.into_dimensionality::<$ix>().expect("rank checked");
            return Ok(Zip::from(&av)
                .and(&bv)
                .map_collect(|&x, &y| f(x, y))
                .into_dyn());
        }};
    }
    match shape.len() {
        1 => fixed!(ndarray::Ix1),
        2 => fixed!(ndarray::Ix2),
        3 => fixed!(ndarray::Ix3),
        4 => fixed!(ndarray::Ix4),
        _ => Ok(Zip::from(&av).and(&bv).map_collect(|&x, &y| f(x, y))),
    }
}

fn scalar_array<O: NdNum>(v: O) -> ArrayD<O> {
    ArrayD::from_elem(IxDyn(&[]), v)
}

/// Builds an array of `shape` (C order) from its elements.
fn from_vec<T>(shape: Vec<usize>, data: Vec<T>) -> ArrayD<T> {
    ArrayD::from_shape_vec(IxDyn(&shape), data).expect("shape matches data")
}

fn internal(msg: &str) -> PyErr {
    PyErr::new(
        ExcKind::SystemError,
        format!("internal error in the numpy runtime: {msg}"),
    )
}

// ---------------------------------------------------------------------------
// Elementwise arithmetic and comparisons
// ---------------------------------------------------------------------------

/// A binary elementwise operation whose dtype is the promoted one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NdOp {
    Add,
    Sub,
    Mul,
    FloorDiv,
    Mod,
    Pow,
    /// `np.maximum` (NaN propagates)
    Max,
    /// `np.minimum` (NaN propagates)
    Min,
    /// `&` (bool and int arrays)
    BitAnd,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
}

#[inline]
fn nd_maximum<T: NdNum>(x: T, y: T) -> T {
    if x.is_nan() {
        x
    } else if y.is_nan() || y > x {
        y
    } else {
        x
    }
}

#[inline]
fn nd_minimum<T: NdNum>(x: T, y: T) -> T {
    if x.is_nan() {
        x
    } else if y.is_nan() || y < x {
        y
    } else {
        x
    }
}

#[inline]
fn apply<T: NdNum>(op: NdOp, x: T, y: T) -> T {
    match op {
        NdOp::Add => x.add(y),
        NdOp::Sub => x.sub(y),
        NdOp::Mul => x.mul(y),
        NdOp::FloorDiv => x.floordiv(y),
        NdOp::Mod => x.rem(y),
        NdOp::Pow => x.pow(y),
        NdOp::Max => nd_maximum(x, y),
        NdOp::Min => nd_minimum(x, y),
        NdOp::BitAnd => T::from_i64(x.to_i64() & y.to_i64()),
        NdOp::BitOr => T::from_i64(x.to_i64() | y.to_i64()),
        NdOp::BitXor => T::from_i64(x.to_i64() ^ y.to_i64()),
    }
}

/// Calls `$body` with `$f` bound to the element function of `$op`, so each
/// operation gets its own monomorphised (vectorisable) loop.
macro_rules! with_op {
    ($op:expr, $t:ty, |$f:ident| $body:expr) => {
        match $op {
            NdOp::Add => {
                let $f = |x: $t, y: $t| x.add(y);
                $body
            }
            NdOp::Sub => {
                let $f = |x: $t, y: $t| x.sub(y);
                $body
            }
            NdOp::Mul => {
                let $f = |x: $t, y: $t| x.mul(y);
                $body
            }
            op => {
                let $f = move |x: $t, y: $t| apply(op, x, y);
                $body
            }
        }
    };
}

fn negative_power_error() -> PyErr {
    PyErr::value_error("Integers to negative integer powers are not allowed.")
}

/// `a op b` for two arrays, with broadcasting.
pub fn nd_binop<A, B>(op: NdOp, a: &ArrayD<A>, b: &ArrayD<B>) -> PyResult<ArrayD<NdPromoted<A, B>>>
where
    A: NdPromote<B>,
    B: NdNum,
{
    type O<A, B> = NdPromoted<A, B>;
    if op == NdOp::Pow && O::<A, B>::KIND == NdKind::Int && b.iter().any(|&y| y.to_i64() < 0) {
        return Err(negative_power_error());
    }
    with_op!(op, O<A, B>, |f| zip2(a, b, |x, y| f(nd_cast::<A, O<A, B>>(x), nd_cast::<B, O<A, B>>(y))))
}

/// `a op s` for an array and a Python scalar.
pub fn nd_binop_s<A, S>(op: NdOp, a: &ArrayD<A>, s: S) -> PyResult<ArrayD<NdWeakOut<A, S>>>
where
    A: NdWeak<S>,
    S: NdScalar,
{
    let y: NdWeakOut<A, S> = s.to_elem()?;
    if op == NdOp::Pow && NdWeakOut::<A, S>::KIND == NdKind::Int && y.to_i64() < 0 {
        return Err(negative_power_error());
    }
    if op == NdOp::Pow
        && A::KIND == NdKind::Float
        && let Some(g) = fast_scalar_power(s)?
    {
        // exact in f64 and rounded once: the dtype's own square, reciprocal and sqrt
        return Ok(a.mapv(|x| {
            let v: NdWeakOut<A, S> = nd_cast(x);
            NdWeakOut::<A, S>::from_f64(g(v.to_f64()))
        }));
    }
    with_op!(op, NdWeakOut<A, S>, |f| Ok(a.mapv(|x| f(nd_cast(x), y))))
}

type FloatMap = fn(f64) -> f64;

/// numpy's shortcut for a float array to the power of a Python scalar: 2 and 2.0 are
/// `np.square`, -1 and -1.0 `np.reciprocal`, the float 0.5 `np.sqrt` (their results
/// are correctly rounded, where the `power` loop's are the C library's or SVML's: glibc's
/// `pow(x, 2.0)` is off by one in the last place for about 0.06% of x).
/// Any other exponent, and a bool, goes through `power`.
fn fast_scalar_power<S: NdScalar>(s: S) -> PyResult<Option<FloatMap>> {
    Ok(match S::KIND {
        NdKind::Int => match s.as_i64() {
            2 => Some(|v| v * v),
            -1 => Some(|v| 1.0 / v),
            _ => None,
        },
        NdKind::Float => match s.to_elem::<f64>()? {
            0.5 => Some(f64::sqrt),
            2.0 => Some(|v| v * v),
            -1.0 => Some(|v| 1.0 / v),
            _ => None,
        },
        _ => None,
    })
}

/// `s op a` for a Python scalar and an array.
pub fn nd_s_binop<S, A>(op: NdOp, s: S, a: &ArrayD<A>) -> PyResult<ArrayD<NdWeakOut<A, S>>>
where
    A: NdWeak<S>,
    S: NdScalar,
{
    let x: NdWeakOut<A, S> = s.to_elem()?;
    if op == NdOp::Pow
        && NdWeakOut::<A, S>::KIND == NdKind::Int
        && a.iter().any(|&y| y.to_i64() < 0)
    {
        return Err(negative_power_error());
    }
    with_op!(op, NdWeakOut<A, S>, |f| Ok(a.mapv(|y| f(x, nd_cast(y)))))
}

/// `a / b`: true division, in the inexact dtype of the promoted one.
pub fn nd_truediv<A, B>(
    a: &ArrayD<A>,
    b: &ArrayD<B>,
) -> PyResult<ArrayD<NdInexactOut<NdPromoted<A, B>>>>
where
    A: NdPromote<B>,
    B: NdNum,
    NdPromoted<A, B>: NdInexact,
{
    zip2(a, b, |x, y| {
        div_elem(
            nd_cast::<A, NdPromoted<A, B>>(x),
            nd_cast::<B, NdPromoted<A, B>>(y),
        )
    })
}

#[inline]
fn div_elem<T: NdInexact>(x: T, y: T) -> NdInexactOut<T> {
    // The inexact type is f32 or f64: divide in it (ints are exact in f64).
    let x: NdInexactOut<T> = nd_cast(x);
    let y: NdInexactOut<T> = nd_cast(y);
    NdInexactOut::<T>::from_f64(x.to_f64() / y.to_f64())
}

/// `a / s`.
pub fn nd_truediv_s<A, S>(a: &ArrayD<A>, s: S) -> PyResult<ArrayD<NdInexactOut<NdWeakOut<A, S>>>>
where
    A: NdWeak<S>,
    S: NdScalar,
    NdWeakOut<A, S>: NdInexact,
{
    let y: NdWeakOut<A, S> = s.to_elem()?;
    Ok(a.mapv(|x| div_elem(nd_cast::<A, NdWeakOut<A, S>>(x), y)))
}

/// `s / a`.
pub fn nd_s_truediv<S, A>(s: S, a: &ArrayD<A>) -> PyResult<ArrayD<NdInexactOut<NdWeakOut<A, S>>>>
where
    A: NdWeak<S>,
    S: NdScalar,
    NdWeakOut<A, S>: NdInexact,
{
    let x: NdWeakOut<A, S> = s.to_elem()?;
    Ok(a.mapv(|y| div_elem(x, nd_cast::<A, NdWeakOut<A, S>>(y))))
}

/// A comparison; the result is a bool array.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NdCmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[inline]
fn compare<T: NdNum>(op: NdCmp, x: T, y: T) -> bool {
    match op {
        NdCmp::Eq => x == y,
        NdCmp::Ne => x != y,
        NdCmp::Lt => x < y,
        NdCmp::Le => x <= y,
        NdCmp::Gt => x > y,
        NdCmp::Ge => x >= y,
    }
}

/// `a < b` ... for two arrays (compared in the promoted dtype).
pub fn nd_compare<A, B>(op: NdCmp, a: &ArrayD<A>, b: &ArrayD<B>) -> PyResult<ArrayD<bool>>
where
    A: NdPromote<B>,
    B: NdNum,
{
    zip2(a, b, |x, y| {
        compare(
            op,
            nd_cast::<A, NdPromoted<A, B>>(x),
            nd_cast::<B, NdPromoted<A, B>>(y),
        )
    })
}

/// `a < s`.
pub fn nd_compare_s<A, S>(op: NdCmp, a: &ArrayD<A>, s: S) -> PyResult<ArrayD<bool>>
where
    A: NdWeak<S>,
    S: NdScalar,
{
    if NdWeakOut::<A, S>::KIND == NdKind::Int && S::KIND == NdKind::Int {
        // numpy compares a Python int with an int array exactly, even out of
        // the array's range.
        let y = s.as_i64();
        return Ok(a.mapv(|x| compare(op, x.to_i64(), y)));
    }
    let y: NdWeakOut<A, S> = s.to_elem()?;
    Ok(a.mapv(|x| compare(op, nd_cast(x), y)))
}

/// `s < a`.
pub fn nd_s_compare<S, A>(op: NdCmp, s: S, a: &ArrayD<A>) -> PyResult<ArrayD<bool>>
where
    A: NdWeak<S>,
    S: NdScalar,
{
    if NdWeakOut::<A, S>::KIND == NdKind::Int && S::KIND == NdKind::Int {
        let x = s.as_i64();
        return Ok(a.mapv(|y| compare(op, x, y.to_i64())));
    }
    let x: NdWeakOut<A, S> = s.to_elem()?;
    Ok(a.mapv(|y| compare(op, x, nd_cast(y))))
}

/// A unary function computed in floating point (`np.exp` ...); ints give float64.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NdFn {
    Exp,
    Log,
    Sqrt,
    Tanh,
    Sin,
    Cos,
    Log1p,
    Expm1,
    Log2,
    Log10,
}

/// The dtype of `np.exp` and the other [`NdFn`]s: numpy casts an int or bool array
/// to the smallest float that holds it (float16 for bool and 8-bit ints, float32
/// for 16-bit ints, else float64); a float dtype stays.
pub trait NdUfuncOut: NdNum {
    type Out: NdNum;
}

unary_out!(NdUfuncOut: bool => f16, i8 => f16, u8 => f16, i16 => f32, u16 => f32, i32 => f64);
unary_out!(NdUfuncOut: u32 => f64, i64 => f64, f16 => f16, f32 => f32, f64 => f64);

/// `np.exp(a)` and the other [`NdFn`]s.
pub fn nd_ufunc<A: NdUfuncOut>(f: NdFn, a: &ArrayD<A>) -> ArrayD<<A as NdUfuncOut>::Out> {
    if <A as NdUfuncOut>::Out::NAME == "float32" {
        // numpy's own float32 loops (templates/runtime_optional/npkern32.rs).
        let kernel: Option<fn(f32) -> f32> = match f {
            NdFn::Exp => Some(super::npk32_exp),
            NdFn::Log => Some(super::npk32_log),
            NdFn::Tanh => Some(super::npk32_tanh),
            NdFn::Sin => Some(super::npk32_sin),
            NdFn::Cos => Some(super::npk32_cos),
            NdFn::Log1p => Some(super::npk32_log1p),
            NdFn::Expm1 => Some(super::npk32_expm1),
            NdFn::Log2 => Some(super::npk32_log2),
            NdFn::Log10 => Some(super::npk32_log10),
            _ => None,
        };
        if let Some(k) = kernel {
            return a.mapv(|x| <A as NdUfuncOut>::Out::from_f64(f64::from(k(x.to_f64() as f32))));
        }
    }
    if <A as NdUfuncOut>::Out::NAME == "float16" {
        // numpy's float16 loops below AVX-512 widen to float32 and call libm's
        // float function (`expf` ...), as Rust's f32 methods do; its AVX-512
        // loops call SVML, not reproduced (bench/np_kernels.py).
        let k: fn(f32) -> f32 = match f {
            NdFn::Exp => f32::exp,
            NdFn::Log => f32::ln,
            NdFn::Sqrt => f32::sqrt,
            NdFn::Tanh => f32::tanh,
            NdFn::Sin => f32::sin,
            NdFn::Cos => f32::cos,
            NdFn::Log1p => f32::ln_1p,
            NdFn::Expm1 => f32::exp_m1,
            NdFn::Log2 => f32::log2,
            NdFn::Log10 => f32::log10,
        };
        return a.mapv(|x| <A as NdUfuncOut>::Out::from_f64(f64::from(k(x.to_f64() as f32))));
    }
    if <A as NdUfuncOut>::Out::NAME == "float64" {
        // numpy's float64 loops as this CPU runs them
        // (templates/runtime_optional/npkern64.rs).
        let kernel: Option<fn(&mut [f64])> = match f {
            NdFn::Exp => Some(super::npk64_exp),
            NdFn::Log => Some(super::npk64_log),
            NdFn::Tanh => Some(super::npk64_tanh),
            NdFn::Log2 => Some(super::npk64_log2),
            NdFn::Log10 => Some(super::npk64_log10),
            NdFn::Expm1 => Some(super::npk64_expm1),
            NdFn::Log1p => Some(super::npk64_log1p),
            _ => None,
        };
        if let Some(k) = kernel {
            let mut v: Vec<f64> = a.iter().map(|x| x.to_f64()).collect();
            k(&mut v);
            return ArrayD::from_shape_vec(a.raw_dim(), v)
                .expect("same shape")
                .mapv(<A as NdUfuncOut>::Out::from_f64);
        }
    }
    a.mapv(|x| {
        let v = x.to_f64();
        let r = match f {
            NdFn::Exp => v.exp(),
            NdFn::Log => v.ln(),
            NdFn::Sqrt => v.sqrt(),
            NdFn::Tanh => v.tanh(),
            NdFn::Sin => v.sin(),
            NdFn::Cos => v.cos(),
            NdFn::Log1p => v.ln_1p(),
            NdFn::Expm1 => v.exp_m1(),
            NdFn::Log2 => v.log2(),
            NdFn::Log10 => v.log10(),
        };
        <A as NdUfuncOut>::Out::from_f64(r)
    })
}

/// A Python number given to a numpy function that takes arrays (`np.sqrt(d)`):
/// the numpy scalar `np.asarray` makes of it (bool, int64 or float64).
pub fn nd_scalar<O: NdNum>(v: O) -> ArrayD<O> {
    scalar_array(v)
}

/// `np.nan_to_num(x, nan=, posinf=, neginf=)`: NaN and the infinities replaced
/// (the infinities by the dtype's largest finite values unless given), the
/// values cast to the dtype; an int or bool array is copied unchanged.
pub fn nd_nan_to_num<T: NdNum>(
    a: &ArrayD<T>,
    nan: f64,
    posinf: Option<f64>,
    neginf: Option<f64>,
) -> ArrayD<T> {
    if T::KIND != NdKind::Float {
        return a.clone();
    }
    let big = if T::NAME == "float32" {
        f32::MAX as f64
    } else {
        f64::MAX
    };
    let (nan, posinf, neginf) = (
        T::from_f64(nan),
        T::from_f64(posinf.unwrap_or(big)),
        T::from_f64(neginf.unwrap_or(-big)),
    );
    a.mapv(|x| {
        let v = x.to_f64();
        if v.is_nan() {
            nan
        } else if v == f64::INFINITY {
            posinf
        } else if v == f64::NEG_INFINITY {
            neginf
        } else {
            x
        }
    })
}

/// A unary function that keeps the dtype.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NdMap {
    Neg,
    Abs,
    Floor,
    Ceil,
    Sign,
    Square,
    /// `~`: logical not of bools, bitwise not of ints.
    Invert,
}

/// `-a`, `np.abs(a)`, `np.floor(a)` ...
pub fn nd_map<A: NdNum>(f: NdMap, a: &ArrayD<A>) -> ArrayD<A> {
    a.mapv(|x| match f {
        NdMap::Neg => x.neg(),
        NdMap::Abs => x.abs(),
        NdMap::Floor => x.floor(),
        NdMap::Ceil => x.ceil(),
        NdMap::Sign => x.sign(),
        NdMap::Square => x.mul(x),
        NdMap::Invert => {
            if A::KIND == NdKind::Bool {
                A::from_bool(!x.to_bool())
            } else {
                A::from_i64(!x.to_i64())
            }
        }
    })
}

/// A test of each element giving a bool array (`np.isnan` ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NdTest {
    IsNan,
    IsInf,
    IsFinite,
    IsNegInf,
    IsPosInf,
}

/// `np.isnan(a)`, `np.isinf(a)`, `np.isfinite(a)`, `np.isneginf(a)`, `np.isposinf(a)`
/// (ints and bools are finite).
pub fn nd_test<A: NdNum>(t: NdTest, a: &ArrayD<A>) -> ArrayD<bool> {
    a.mapv(|x| {
        let v = x.to_f64();
        match t {
            NdTest::IsNan => v.is_nan(),
            NdTest::IsInf => v.is_infinite(),
            NdTest::IsFinite => v.is_finite(),
            NdTest::IsNegInf => v == f64::NEG_INFINITY,
            NdTest::IsPosInf => v == f64::INFINITY,
        }
    })
}

/// `np.logical_and(a, b)` / `logical_or` / `logical_xor` (via [`NdOp::BitAnd`] ...):
/// the truth of each element, combined; a bool array.
pub fn nd_logical<A: NdNum, B: NdNum>(
    op: NdOp,
    a: &ArrayD<A>,
    b: &ArrayD<B>,
) -> PyResult<ArrayD<bool>> {
    zip2(a, b, |x, y| apply(op, x.to_bool(), y.to_bool()))
}

/// `np.logical_not(a)`.
pub fn nd_logical_not<A: NdNum>(a: &ArrayD<A>) -> ArrayD<bool> {
    a.mapv(|x| !x.to_bool())
}

/// `np.round(a, decimals)`: half to even, like numpy.
pub fn nd_round<A: NdNum>(a: &ArrayD<A>, decimals: i64) -> ArrayD<A> {
    a.mapv(|x| x.round_to(decimals))
}

/// `np.clip(a, lo, hi)`: `minimum(maximum(a, lo), hi)`; either bound may be None.
/// As numpy's, an int bound below an int dtype's range is no lower bound and one
/// above it no upper bound (`np.clip(img, 0, 300)`); the other way round it
/// raises OverflowError.
pub fn nd_clip<A, S>(
    a: &ArrayD<A>,
    lo: Option<S>,
    hi: Option<S>,
) -> PyResult<ArrayD<NdWeakOut<A, S>>>
where
    A: NdWeak<S>,
    S: NdScalar,
{
    let lo = lo.filter(|v| v.beyond::<NdWeakOut<A, S>>() >= 0);
    let hi = hi.filter(|v| v.beyond::<NdWeakOut<A, S>>() <= 0);
    let lo: Option<NdWeakOut<A, S>> = lo.map(|v| v.to_elem()).transpose()?;
    let hi: Option<NdWeakOut<A, S>> = hi.map(|v| v.to_elem()).transpose()?;
    Ok(a.mapv(|x| {
        let mut v: NdWeakOut<A, S> = nd_cast(x);
        if let Some(l) = lo {
            v = nd_maximum(v, l);
        }
        if let Some(h) = hi {
            v = nd_minimum(v, h);
        }
        v
    }))
}

/// `np.clip(a, lo, hi)` with array bounds: the three shapes broadcast together
/// (numpy's message names all three), then `minimum(maximum(a, lo), hi)`.
pub fn nd_clip_arrays<A, B, C>(
    a: &ArrayD<A>,
    lo: &ArrayD<B>,
    hi: &ArrayD<C>,
) -> PyResult<ArrayD<NdPromoted<NdPromoted<A, B>, C>>>
where
    A: NdPromote<B>,
    B: NdNum,
    NdPromoted<A, B>: NdPromote<C>,
    C: NdNum,
{
    nd_broadcast_shapes(&[a.shape(), lo.shape(), hi.shape()])?;
    nd_binop(NdOp::Min, &nd_binop(NdOp::Max, a, lo)?, hi)
}

fn where_impl<A: NdNum, B: NdNum, O: NdNum>(
    c: &ArrayD<bool>,
    x: &ArrayD<A>,
    y: &ArrayD<B>,
) -> PyResult<ArrayD<O>> {
    let pick = |&c: &bool, &x: &A, &y: &B| {
        if c {
            nd_cast::<A, O>(x)
        } else {
            nd_cast::<B, O>(y)
        }
    };
    if c.shape() == x.shape() && c.shape() == y.shape() {
        return Ok(Zip::from(c).and(x).and(y).map_collect(pick));
    }
    let shape = nd_broadcast_shapes(&[c.shape(), x.shape(), y.shape()])?;
    let cv = c.broadcast(IxDyn(&shape)).expect("checked broadcast");
    let xv = x.broadcast(IxDyn(&shape)).expect("checked broadcast");
    let yv = y.broadcast(IxDyn(&shape)).expect("checked broadcast");
    Ok(Zip::from(&cv).and(&xv).and(&yv).map_collect(pick))
}

/// `np.where(c, x, y)` for two arrays.
pub fn nd_where<A, B>(
    c: &ArrayD<bool>,
    x: &ArrayD<A>,
    y: &ArrayD<B>,
) -> PyResult<ArrayD<NdPromoted<A, B>>>
where
    A: NdPromote<B>,
    B: NdNum,
{
    where_impl(c, x, y)
}

/// `np.where(c, x, s)`: an array and a Python scalar.
pub fn nd_where_as<A, S>(c: &ArrayD<bool>, x: &ArrayD<A>, y: S) -> PyResult<ArrayD<NdWeakOut<A, S>>>
where
    A: NdWeak<S>,
    S: NdScalar,
{
    where_impl(c, x, &scalar_array(y.to_elem_wrapping::<NdWeakOut<A, S>>()))
}

/// `np.where(c, s, y)`: a Python scalar and an array.
pub fn nd_where_sa<S, A>(c: &ArrayD<bool>, x: S, y: &ArrayD<A>) -> PyResult<ArrayD<NdWeakOut<A, S>>>
where
    A: NdWeak<S>,
    S: NdScalar,
{
    where_impl(c, &scalar_array(x.to_elem_wrapping::<NdWeakOut<A, S>>()), y)
}

/// `np.where(c, s, t)`: two Python scalars of one type (`f64`, `i64` or `bool`).
pub fn nd_where_ss<S: NdScalar + NdNum>(c: &ArrayD<bool>, x: S, y: S) -> ArrayD<S> {
    c.mapv(|c| if c { x } else { y })
}

// ---------------------------------------------------------------------------
// Reductions
// ---------------------------------------------------------------------------

fn reduce<A: NdNum, O: Clone>(
    a: &ArrayD<A>,
    axis: Option<i64>,
    keepdims: bool,
    empty_error: Option<&str>,
    mut f: impl FnMut(ArrayView1<'_, A>) -> O,
) -> PyResult<ArrayD<O>> {
    match axis {
        None => {
            if let (true, Some(m)) = (a.is_empty(), empty_error) {
                return Err(PyErr::value_error(m));
            }
            let flat: Vec<A> = a.iter().copied().collect();
            let v = f(ArrayView1::from(&flat[..]));
            let shape = if keepdims { vec![1; a.ndim()] } else { vec![] };
            Ok(ArrayD::from_elem(IxDyn(&shape), v))
        }
        Some(ax) => {
            let k = nd_axis(ax, a.ndim())?;
            if let (0, Some(m)) = (a.shape()[k], empty_error) {
                return Err(PyErr::value_error(m));
            }
            let mut out = a.map_axis(Axis(k), f);
            if keepdims {
                out.insert_axis_inplace(Axis(k));
            }
            Ok(out)
        }
    }
}

/// Whether numpy adds the lanes of an axis reduction pairwise. Its iterator walks the
/// non-trivial axis with the smallest stride innermost: when that is the reduced axis,
/// each lane goes to the add loop whole and is summed pairwise ([`pairwise_sum`]);
/// otherwise the inner loop runs across lanes and each output adds its lane's
/// elements one after the other. A full reduction is one lane, summed pairwise.
fn pairwise_lanes<A>(a: &ArrayD<A>, axis: Option<i64>) -> bool {
    let Some(ax) = axis else {
        return true;
    };
    let Ok(k) = nd_axis(ax, a.ndim()) else {
        return true; // `reduce` raises numpy's AxisError
    };
    let inner = (0..a.ndim())
        .filter(|&d| a.shape()[d] > 1)
        .min_by_key(|&d| a.strides()[d].unsigned_abs());
    inner.is_none_or(|d| d == k)
}

/// numpy's `pairwise_sum`: fewer than 8 elements add one after the other from 0;
/// up to 128 add into 8 interleaved accumulators, combined as a tree, then the
/// remainder; longer runs split in two at a multiple of 8. Bit for bit numpy's float
/// sum (float32 stays float32).
fn pairwise_sum<A: NdNum, O: NdNum>(x: &ArrayView1<'_, A>, start: usize, n: usize) -> O {
    let at = |i: usize| nd_cast::<A, O>(x[start + i]);
    if n < 8 {
        (0..n).fold(O::zero(), |acc, i| acc.add(at(i)))
    } else if n <= 128 {
        let mut r: [O; 8] = std::array::from_fn(at);
        let whole = n - n % 8;
        for block in (8..whole).step_by(8) {
            for (j, rj) in r.iter_mut().enumerate() {
                *rj = rj.add(at(block + j));
            }
        }
        let low = r[0].add(r[1]).add(r[2].add(r[3]));
        let high = r[4].add(r[5]).add(r[6].add(r[7]));
        (whole..n).fold(low.add(high), |acc, i| acc.add(at(i)))
    } else {
        let half = n / 2 - (n / 2) % 8;
        pairwise_sum::<A, O>(x, start, half).add(pairwise_sum(x, start + half, n - half))
    }
}

/// A float lane's sum in the output dtype, in numpy's order ([`pairwise_lanes`]),
/// from numpy's identity +0.0 (a sum of nothing or of -0.0s is 0.0).
fn lane_sum<A: NdNum, O: NdNum>(lane: &ArrayView1<'_, A>, pairwise: bool) -> O {
    if pairwise && O::DTYPE == DType::Float16 {
        // numpy's float16 add loop sums a whole lane pairwise in float32 and rounds once
        let total: f32 = pairwise_sum(lane, 0, lane.len());
        return O::from_f64(f64::from(0.0 + total));
    }
    if pairwise {
        O::zero().add(pairwise_sum(lane, 0, lane.len()))
    } else {
        lane.iter().fold(O::zero(), |acc, &x| acc.add(nd_cast(x)))
    }
}

/// numpy's `true_divide(sum, count)` of `mean`/`var`: the count is an intp scalar,
/// so the quotient is computed in float64 and cast to the output dtype.
fn per_item<O: NdNum>(total: O, count: usize) -> O {
    O::from_f64(total.to_f64() / count as f64)
}

/// `np.sum(a, axis, keepdims)`.
pub fn nd_sum<A: NdSumOut>(
    a: &ArrayD<A>,
    axis: Option<i64>,
    keepdims: bool,
) -> PyResult<ArrayD<NdSumOf<A>>> {
    let pairwise = pairwise_lanes(a, axis);
    reduce(a, axis, keepdims, None, |lane| {
        if NdSumOf::<A>::KIND == NdKind::Float {
            lane_sum(&lane, pairwise)
        } else {
            lane.iter()
                .fold(NdSumOf::<A>::zero(), |acc, &x| acc.add(nd_cast(x)))
        }
    })
}

/// `np.prod(a, axis, keepdims)`: one element after the other in the output dtype,
/// from 1, as numpy's multiply reduction (it has no pairwise form).
pub fn nd_prod<A: NdSumOut>(
    a: &ArrayD<A>,
    axis: Option<i64>,
    keepdims: bool,
) -> PyResult<ArrayD<NdSumOf<A>>> {
    reduce(a, axis, keepdims, None, |lane| {
        lane.iter()
            .fold(NdSumOf::<A>::one(), |acc, &x| acc.mul(nd_cast(x)))
    })
}

/// `np.mean(a, axis, keepdims)` (nan for an empty lane, as numpy): numpy's sum in
/// the output dtype (float64 for ints), divided by the count.
pub fn nd_mean<A: NdInexact>(
    a: &ArrayD<A>,
    axis: Option<i64>,
    keepdims: bool,
) -> PyResult<ArrayD<NdInexactOut<A>>> {
    let pairwise = pairwise_lanes(a, axis);
    reduce(a, axis, keepdims, None, |lane| {
        if NdInexactOut::<A>::DTYPE == DType::Float16 {
            // numpy's `_mean` of float16: the sum and the quotient in float32, then float16
            let total: f32 = lane_sum(&lane, pairwise);
            return NdInexactOut::<A>::from_f64(f64::from(total / lane.len() as f32));
        }
        per_item(lane_sum(&lane, pairwise), lane.len())
    })
}

/// numpy's `_var` for one lane, in the output dtype: the mean as [`nd_mean`], the
/// squared deviations `(x - mean) * (x - mean)` (a new contiguous array, so summed
/// in the same order as the lane), their sum divided by `max(n - ddof, 0)`.
fn variance<A: NdNum, O: NdNum>(lane: &ArrayView1<'_, A>, ddof: i64, pairwise: bool) -> O {
    let n = lane.len();
    let mean: O = per_item(lane_sum(lane, pairwise), n);
    let squares: Vec<O> = lane
        .iter()
        .map(|&x| {
            let d = nd_cast::<A, O>(x).sub(mean);
            d.mul(d)
        })
        .collect();
    let total: O = lane_sum(&ArrayView1::from(&squares[..]), pairwise);
    let dof = (n as i64).saturating_sub(ddof).max(0);
    per_item(total, dof as usize)
}

/// `np.var(a, axis, keepdims, ddof)`.
pub fn nd_var<A: NdInexact>(
    a: &ArrayD<A>,
    axis: Option<i64>,
    keepdims: bool,
    ddof: i64,
) -> PyResult<ArrayD<NdInexactOut<A>>> {
    let pairwise = pairwise_lanes(a, axis);
    reduce(a, axis, keepdims, None, |lane| {
        variance(&lane, ddof, pairwise)
    })
}

/// `np.std(a, axis, keepdims, ddof)`: the square root of the variance in its dtype
/// (the f64 root of an f32 rounds back exactly).
pub fn nd_std<A: NdInexact>(
    a: &ArrayD<A>,
    axis: Option<i64>,
    keepdims: bool,
    ddof: i64,
) -> PyResult<ArrayD<NdInexactOut<A>>> {
    let pairwise = pairwise_lanes(a, axis);
    reduce(a, axis, keepdims, None, |lane| {
        let var: NdInexactOut<A> = variance(&lane, ddof, pairwise);
        NdInexactOut::<A>::from_f64(var.to_f64().sqrt())
    })
}

/// `np.linalg.norm(a, axis, keepdims)`: the 2-norm (Frobenius for a whole matrix).
pub fn nd_norm<A: NdInexact>(
    a: &ArrayD<A>,
    axis: Option<i64>,
    keepdims: bool,
) -> PyResult<ArrayD<NdInexactOut<A>>> {
    type O<A> = NdInexactOut<A>;
    if axis.is_none() {
        // numpy: `sqrt(x.dot(x))` of `x.ravel(order='K')` (memory order), the dot
        // numpy's BLAS `dot` for float32/float64 (ints become float64 first)
        let flat: Vec<O<A>> = match a.as_slice_memory_order() {
            Some(items) => items.iter().map(|&x| nd_cast(x)).collect(),
            None => a.iter().map(|&x| nd_cast(x)).collect(),
        };
        let v = O::<A>::norm_all(&flat)?;
        let shape = if keepdims { vec![1; a.ndim()] } else { vec![] };
        return Ok(ArrayD::from_elem(IxDyn(&shape), v));
    }
    let pairwise = pairwise_lanes(a, axis);
    reduce(a, axis, keepdims, None, |lane| {
        // numpy: `sqrt(add.reduce(x * x, axis))` in the output dtype
        let squares: Vec<O<A>> = lane
            .iter()
            .map(|&x| nd_cast::<A, O<A>>(x).mul(nd_cast(x)))
            .collect();
        let total: O<A> = lane_sum(&ArrayView1::from(&squares[..]), pairwise);
        O::<A>::from_f64(total.to_f64().sqrt())
    })
}

/// `np.linalg.norm(a, ord, axis, keepdims)` with an int `ord` along one axis: numpy's
/// vector norms (`ord=2` the 2-norm above; `1` the sum of magnitudes; `0` the count
/// of nonzero elements; another `p` `sum(|x| ** p) ** (1 / p)`), each in the
/// output dtype with numpy's order of additions.
pub fn nd_norm_ord<A: NdInexact>(
    a: &ArrayD<A>,
    ord: i64,
    axis: i64,
    keepdims: bool,
) -> PyResult<ArrayD<NdInexactOut<A>>> {
    if ord == 2 {
        return nd_norm(a, Some(axis), keepdims);
    }
    let pairwise = pairwise_lanes(a, Some(axis));
    reduce(a, Some(axis), keepdims, None, |lane| {
        type O<A> = NdInexactOut<A>;
        let terms: Vec<O<A>> = lane
            .iter()
            .map(|&x| {
                let m = nd_cast::<A, O<A>>(x).abs();
                match ord {
                    0 => O::<A>::from_bool(m != O::<A>::zero()),
                    1 => m,
                    // `absx **= ord` in the output dtype (float32's powf)
                    _ => m.pow(O::<A>::from_i64(ord)),
                }
            })
            .collect();
        let total: O<A> = lane_sum(&ArrayView1::from(&terms[..]), pairwise);
        match ord {
            0 | 1 => total,
            // `ret **= reciprocal(ord, dtype=ret.dtype)`
            _ => total.pow(O::<A>::from_f64(1.0 / ord as f64)),
        }
    })
}

/// `np.max(a, axis, keepdims)` (NaN propagates; an empty lane raises).
pub fn nd_max<A: NdNum>(a: &ArrayD<A>, axis: Option<i64>, keepdims: bool) -> PyResult<ArrayD<A>> {
    reduce(
        a,
        axis,
        keepdims,
        Some("zero-size array to reduction operation maximum which has no identity"),
        |lane| lane.iter().copied().reduce(nd_maximum).unwrap_or_default(),
    )
}

/// `np.min(a, axis, keepdims)`.
pub fn nd_min<A: NdNum>(a: &ArrayD<A>, axis: Option<i64>, keepdims: bool) -> PyResult<ArrayD<A>> {
    reduce(
        a,
        axis,
        keepdims,
        Some("zero-size array to reduction operation minimum which has no identity"),
        |lane| lane.iter().copied().reduce(nd_minimum).unwrap_or_default(),
    )
}

fn arg_best<A: NdNum>(lane: &ArrayView1<'_, A>, better: impl Fn(A, A) -> bool) -> i64 {
    let mut best = 0usize;
    let mut bv: Option<A> = None;
    for (i, &x) in lane.iter().enumerate() {
        match bv {
            None => {
                best = i;
                bv = Some(x);
                if x.is_nan() {
                    break;
                }
            }
            Some(b) => {
                if x.is_nan() {
                    return i as i64;
                }
                if better(x, b) {
                    best = i;
                    bv = Some(x);
                }
            }
        }
    }
    best as i64
}

/// `np.argmax(a, axis, keepdims)`: the first maximum (the first NaN if any).
pub fn nd_argmax<A: NdNum>(
    a: &ArrayD<A>,
    axis: Option<i64>,
    keepdims: bool,
) -> PyResult<ArrayD<i64>> {
    reduce(
        a,
        axis,
        keepdims,
        Some("attempt to get argmax of an empty sequence"),
        |lane| arg_best(&lane, |x, b| x > b),
    )
}

/// `np.argmin(a, axis, keepdims)`.
pub fn nd_argmin<A: NdNum>(
    a: &ArrayD<A>,
    axis: Option<i64>,
    keepdims: bool,
) -> PyResult<ArrayD<i64>> {
    reduce(
        a,
        axis,
        keepdims,
        Some("attempt to get argmin of an empty sequence"),
        |lane| arg_best(&lane, |x, b| x < b),
    )
}

/// `np.any(a, axis, keepdims)`.
pub fn nd_any<A: NdNum>(
    a: &ArrayD<A>,
    axis: Option<i64>,
    keepdims: bool,
) -> PyResult<ArrayD<bool>> {
    reduce(a, axis, keepdims, None, |lane| {
        lane.iter().any(|x| x.to_bool())
    })
}

/// `np.all(a, axis, keepdims)`.
pub fn nd_all<A: NdNum>(
    a: &ArrayD<A>,
    axis: Option<i64>,
    keepdims: bool,
) -> PyResult<ArrayD<bool>> {
    reduce(a, axis, keepdims, None, |lane| {
        lane.iter().all(|x| x.to_bool())
    })
}

// ---------------------------------------------------------------------------
// Linear algebra
// ---------------------------------------------------------------------------

const MATMUL_SIG: &str = "(n?,k),(k,m?)->(n?,m?)";

/// `np.einsum(subscripts, a, b)` of two operands, `subscripts` letters only
/// (`"ij,jk->ik"`, `"bid,bjd->bij"`, `"ij,ij->i"`, implicit output: the labels
/// seen once, in alphabetical order; the compiler refuses `...` and a label
/// repeated within one operand). A label's sizes broadcast (1 against n), as
/// numpy's iterator does; each output item sums the products over the other
/// labels, in the result dtype, row-major over them in alphabetical order.
pub fn nd_einsum2<A, B>(
    subscripts: &str,
    a: &ArrayD<A>,
    b: &ArrayD<B>,
) -> PyResult<ArrayD<NdPromoted<A, B>>>
where
    A: NdPromote<B>,
    B: NdNum,
{
    type O<A, B> = NdPromoted<A, B>;
    let (inputs, output) = match subscripts.split_once("->") {
        Some((i, o)) => (i, Some(o)),
        None => (subscripts, None),
    };
    let (sa, sb) = inputs.split_once(',').unwrap_or((inputs, ""));
    let (la, lb): (Vec<char>, Vec<char>) =
        (sa.trim().chars().collect(), sb.trim().chars().collect());
    let out: Vec<char> = match output {
        Some(o) => o.trim().chars().collect(),
        None => {
            let mut once: Vec<char> = la
                .iter()
                .chain(lb.iter())
                .copied()
                .filter(|c| la.iter().chain(lb.iter()).filter(|d| *d == c).count() == 1)
                .collect();
            once.sort_unstable();
            once
        }
    };
    for (i, (labels, nd)) in [(&la, a.ndim()), (&lb, b.ndim())].into_iter().enumerate() {
        if labels.len() > nd {
            return Err(PyErr::value_error(format!(
                "einstein sum subscripts string contains too many subscripts for operand {i}"
            )));
        }
        if labels.len() < nd {
            return Err(PyErr::value_error(
                "operand has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.",
            ));
        }
    }
    // the iteration's labels: the output's, then the summed ones in alphabetical order
    let mut summed: Vec<char> = la
        .iter()
        .chain(lb.iter())
        .copied()
        .filter(|c| !out.contains(c))
        .collect();
    summed.sort_unstable();
    summed.dedup();
    let iter: Vec<char> = out.iter().chain(summed.iter()).copied().collect();
    let mut size = vec![1usize; iter.len()];
    let mut clash = false;
    for (labels, shape) in [(&la, a.shape()), (&lb, b.shape())] {
        for (c, &n) in labels.iter().zip(shape) {
            let k = iter.iter().position(|d| d == c).unwrap_or(0);
            if size[k] == 1 {
                size[k] = n;
            } else if n != 1 && n != size[k] {
                clash = true;
            }
        }
    }
    if clash {
        let remapped = |labels: &[char], shape: &[usize]| -> String {
            let axes: Vec<Option<usize>> = iter
                .iter()
                .map(|c| labels.iter().position(|d| d == c))
                .collect();
            let lead = axes.iter().take_while(|x| x.is_none()).count();
            let identity = lead == 0 && axes.iter().enumerate().all(|(i, x)| *x == Some(i));
            if identity {
                return nd_shape_text(shape);
            }
            let parts: Vec<String> = axes[lead..]
                .iter()
                .map(|x| x.map_or("newaxis".to_string(), |i| shape[i].to_string()))
                .collect();
            format!("({})", parts.join(","))
        };
        return Err(PyErr::value_error(format!(
            "operands could not be broadcast together with remapped shapes [original->remapped]: {}->{} {}->{} ",
            nd_shape_text(a.shape()),
            remapped(&la, a.shape()),
            nd_shape_text(b.shape()),
            remapped(&lb, b.shape()),
        )));
    }
    let pos = |labels: &[char]| -> Vec<usize> {
        labels
            .iter()
            .map(|c| iter.iter().position(|d| d == c).unwrap_or(0))
            .collect()
    };
    let (pa, pb) = (pos(&la), pos(&lb));
    let nout = out.len();
    let out_len: usize = size[..nout].iter().product();
    let sum_len: usize = size[nout..].iter().product();
    let mut idx = vec![0usize; iter.len()];
    let mut items = Vec::with_capacity(out_len);
    let at = |labels_pos: &[usize], shape: &[usize], idx: &[usize]| -> Vec<usize> {
        labels_pos
            .iter()
            .zip(shape)
            .map(|(&k, &n)| if n == 1 { 0 } else { idx[k] })
            .collect()
    };
    for o in 0..out_len {
        let mut rest = o;
        for k in (0..nout).rev() {
            idx[k] = rest % size[k];
            rest /= size[k];
        }
        let mut acc = O::<A, B>::zero();
        for s in 0..sum_len {
            let mut rest = s;
            for k in (nout..iter.len()).rev() {
                idx[k] = rest % size[k];
                rest /= size[k];
            }
            let x: O<A, B> = nd_cast(a[IxDyn(&at(&pa, a.shape(), &idx))]);
            let y: O<A, B> = nd_cast(b[IxDyn(&at(&pb, b.shape(), &idx))]);
            acc = acc.add(x.mul(y));
        }
        items.push(acc);
    }
    Ok(from_vec(size[..nout].to_vec(), items))
}

/// `a @ b` / `np.matmul`: 1-D and 2-D operands, and stacks of matrices
/// (batch dimensions broadcast). Two 1-D operands give a 0-d array.
pub fn nd_matmul<A, B>(a: &ArrayD<A>, b: &ArrayD<B>) -> PyResult<ArrayD<NdPromoted<A, B>>>
where
    A: NdPromote<B>,
    B: NdNum,
{
    type O<A, B> = NdPromoted<A, B>;
    for (i, nd) in [a.ndim(), b.ndim()].into_iter().enumerate() {
        if nd == 0 {
            return Err(PyErr::value_error(format!(
                "matmul: Input operand {i} does not have enough dimensions (has 0, gufunc core with signature {MATMUL_SIG} requires 1)"
            )));
        }
    }
    let mut ash: Vec<usize> = a.shape().to_vec();
    let mut bsh: Vec<usize> = b.shape().to_vec();
    let a1 = ash.len() == 1;
    let b1 = bsh.len() == 1;
    if a1 {
        ash.insert(0, 1);
    }
    if b1 {
        bsh.push(1);
    }
    let (n, k) = (ash[ash.len() - 2], ash[ash.len() - 1]);
    let (k2, m) = (bsh[bsh.len() - 2], bsh[bsh.len() - 1]);
    if k != k2 {
        return Err(PyErr::value_error(format!(
            "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature {MATMUL_SIG} (size {k2} is different from {k})"
        )));
    }
    let abatch = &ash[..ash.len() - 2];
    let bbatch = &bsh[..bsh.len() - 2];
    let batch = nd_broadcast_shapes(&[abatch, bbatch]).map_err(|_| {
        PyErr::value_error(format!(
            "matmul: operands could not be broadcast together with shapes {} {}",
            nd_shape_text(a.shape()),
            nd_shape_text(b.shape())
        ))
    })?;
    let mut ao: ArrayD<O<A, B>> = a.mapv(nd_cast);
    let mut bo: ArrayD<O<A, B>> = b.mapv(nd_cast);
    // 1-D operands become a row / a column (insert_axis works for any memory layout)
    if a1 {
        ao.insert_axis_inplace(Axis(0));
    }
    if b1 {
        bo.insert_axis_inplace(Axis(1));
    }
    let mut afull = batch.clone();
    afull.extend([n, k]);
    let mut bfull = batch.clone();
    bfull.extend([k, m]);
    let av = ao
        .broadcast(IxDyn(&afull))
        .ok_or_else(|| internal("matmul broadcast"))?;
    let bv = bo
        .broadcast(IxDyn(&bfull))
        .ok_or_else(|| internal("matmul broadcast"))?;
    let count: usize = batch.iter().product();
    let mut data: Vec<O<A, B>> = Vec::with_capacity(count * n * m);
    let mut idx = vec![0usize; batch.len()];
    for _ in 0..count {
        let mut a2: ArrayViewD<'_, O<A, B>> = av.view();
        let mut b2: ArrayViewD<'_, O<A, B>> = bv.view();
        for &i in &idx {
            a2 = a2.index_axis_move(Axis(0), i);
            b2 = b2.index_axis_move(Axis(0), i);
        }
        let a2 = a2
            .into_dimensionality::<Ix2>()
            .map_err(|_| internal("matmul rank"))?;
        let b2 = b2
            .into_dimensionality::<Ix2>()
            .map_err(|_| internal("matmul rank"))?;
        let r = O::<A, B>::matmul2(a2, b2)?;
        data.extend(r.iter().copied());
        for d in (0..idx.len()).rev() {
            idx[d] += 1;
            if idx[d] < batch[d] {
                break;
            }
            idx[d] = 0;
        }
    }
    let mut out_shape = batch;
    if !a1 {
        out_shape.push(n);
    }
    if !b1 {
        out_shape.push(m);
    }
    Ok(from_vec(out_shape, data))
}

fn dot_check(a: &[usize], b: &[usize]) -> PyResult<()> {
    if a.is_empty() || b.is_empty() {
        return Ok(());
    }
    let ai = a.len() - 1;
    let bi = if b.len() == 1 { 0 } else { b.len() - 2 };
    if a[ai] != b[bi] {
        return Err(PyErr::value_error(format!(
            "shapes {} and {} not aligned: {} (dim {ai}) != {} (dim {bi})",
            nd_shape_text(a),
            nd_shape_text(b),
            a[ai],
            b[bi]
        )));
    }
    Ok(())
}

/// `np.dot(a, b)` for 1-D and 2-D operands (the same as `@`, with np.dot's
/// error message); a 0-d operand multiplies.
pub fn nd_dot<A, B>(a: &ArrayD<A>, b: &ArrayD<B>) -> PyResult<ArrayD<NdPromoted<A, B>>>
where
    A: NdPromote<B>,
    B: NdNum,
{
    if a.ndim() == 0 || b.ndim() == 0 {
        return nd_binop(NdOp::Mul, a, b);
    }
    if b.ndim() > 2 {
        return Err(PyErr::new(
            ExcKind::NotImplementedError,
            "np.dot with a second operand of more than 2 dimensions is not compiled; use @",
        ));
    }
    dot_check(a.shape(), b.shape())?;
    nd_matmul(a, b)
}

// ---------------------------------------------------------------------------
// Shape manipulation
// ---------------------------------------------------------------------------

/// A shape argument: an int, a tuple of ints or a list of ints.
pub trait NdShapeArg {
    fn dims(&self) -> Vec<i64>;
}

impl NdShapeArg for () {
    fn dims(&self) -> Vec<i64> {
        Vec::new()
    }
}

impl NdShapeArg for i64 {
    fn dims(&self) -> Vec<i64> {
        vec![*self]
    }
}

impl NdShapeArg for Vec<i64> {
    fn dims(&self) -> Vec<i64> {
        self.clone()
    }
}

impl NdShapeArg for [i64] {
    fn dims(&self) -> Vec<i64> {
        self.to_vec()
    }
}

/// `x.shape` of an array whose rank is not known at compile time (`tuple[int, ...]`).
impl NdShapeArg for super::Tuple<i64> {
    fn dims(&self) -> Vec<i64> {
        self.0.to_vec()
    }
}

impl<T: NdShapeArg + ?Sized> NdShapeArg for &T {
    fn dims(&self) -> Vec<i64> {
        (**self).dims()
    }
}

macro_rules! shape_tuple {
    ($($n:tt),+) => {
        impl NdShapeArg for ($(shape_tuple!(@i64 $n),)+) {
            fn dims(&self) -> Vec<i64> {
                vec![$(self.$n),+]
            }
        }
    };
    (@i64 $n:tt) => { i64 };
}

shape_tuple!(0);
shape_tuple!(0, 1);
shape_tuple!(0, 1, 2);
shape_tuple!(0, 1, 2, 3);
shape_tuple!(0, 1, 2, 3, 4);

fn creation_shape<S: NdShapeArg>(shape: &S) -> PyResult<Vec<usize>> {
    shape
        .dims()
        .into_iter()
        .map(|d| {
            usize::try_from(d)
                .map_err(|_| PyErr::value_error("negative dimensions are not allowed"))
        })
        .collect()
}

/// A reshape target as numpy's error message prints it (`convert_shape_to_string`):
/// leading unknown dimensions left out, later ones `newaxis`, `(0)` / `(4,)`.
fn reshape_text(dims: &[i64]) -> String {
    let Some(first) = dims.iter().position(|&d| d >= 0) else {
        return "()".to_string();
    };
    let parts: Vec<String> = dims[first..]
        .iter()
        .map(|&d| {
            if d < 0 {
                "newaxis".to_string()
            } else {
                d.to_string()
            }
        })
        .collect();
    if dims.len() == 1 {
        format!("({},)", parts[0])
    } else {
        format!("({})", parts.join(","))
    }
}

/// `a.reshape(shape)`: one dimension may be -1.
pub fn nd_reshape<A: NdNum, S: NdShapeArg>(a: &ArrayD<A>, shape: S) -> PyResult<ArrayD<A>> {
    let dims = shape.dims();
    let size = a.len();
    let unknown: Vec<usize> = dims
        .iter()
        .enumerate()
        .filter(|(_, d)| **d < 0)
        .map(|(i, _)| i)
        .collect();
    if unknown.len() > 1 {
        return Err(PyErr::value_error("can only specify one unknown dimension"));
    }
    let known: usize = dims
        .iter()
        .filter(|d| **d >= 0)
        .map(|d| *d as usize)
        .product();
    let mut out: Vec<usize> = dims
        .iter()
        .map(|d| if *d < 0 { 0 } else { *d as usize })
        .collect();
    if let Some(&u) = unknown.first() {
        if known == 0 || !size.is_multiple_of(known) {
            return Err(PyErr::value_error(format!(
                "cannot reshape array of size {size} into shape {}",
                reshape_text(&dims)
            )));
        }
        out[u] = size / known;
    } else if known != size {
        return Err(PyErr::value_error(format!(
            "cannot reshape array of size {size} into shape {}",
            reshape_text(&dims)
        )));
    }
    Ok(from_vec(out, a.iter().copied().collect()))
}

/// `a.T`, `a.transpose()`, `np.transpose(a)`: the axes reversed.
///
/// The result keeps numpy's memory layout (a C-ordered array gives an
/// F-ordered one): numpy's matrix products choose their BLAS call from it.
pub fn nd_transpose<A: NdNum>(a: &ArrayD<A>) -> ArrayD<A> {
    a.clone().reversed_axes()
}

/// `np.transpose(a, axes)`.
pub fn nd_permute<A: NdNum, S: NdShapeArg>(a: &ArrayD<A>, axes: S) -> PyResult<ArrayD<A>> {
    let axes = axes.dims();
    if axes.len() != a.ndim() {
        return Err(PyErr::value_error("axes don't match array"));
    }
    let mut perm = Vec::with_capacity(axes.len());
    for &ax in &axes {
        let k = nd_axis(ax, a.ndim())?;
        if perm.contains(&k) {
            return Err(PyErr::value_error("repeated axis in transpose"));
        }
        perm.push(k);
    }
    // numpy's memory layout kept (as `nd_transpose`)
    Ok(a.clone().permuted_axes(IxDyn(&perm)))
}

/// `np.expand_dims(a, axis)`.
pub fn nd_expand_dims<A: NdNum>(a: &ArrayD<A>, axis: i64) -> PyResult<ArrayD<A>> {
    let k = nd_axis(axis, a.ndim() + 1)?;
    let mut out = a.clone();
    out.insert_axis_inplace(Axis(k));
    Ok(out)
}

/// `np.squeeze(a)`: every length-1 axis removed.
pub fn nd_squeeze<A: NdNum>(a: &ArrayD<A>) -> ArrayD<A> {
    let shape: Vec<usize> = a.shape().iter().copied().filter(|&d| d != 1).collect();
    from_vec(shape, a.iter().copied().collect())
}

/// `np.squeeze(a, axis)`.
pub fn nd_squeeze_axis<A: NdNum>(a: &ArrayD<A>, axis: i64) -> PyResult<ArrayD<A>> {
    let k = nd_axis(axis, a.ndim())?;
    if a.shape()[k] != 1 {
        return Err(PyErr::value_error(
            "cannot select an axis to squeeze out which has size not equal to one",
        ));
    }
    let mut shape = a.shape().to_vec();
    shape.remove(k);
    Ok(from_vec(shape, a.iter().copied().collect()))
}

/// A sequence of arrays for `np.concatenate`/`np.stack`: a list or a tuple.
pub trait NdSeq<T> {
    fn nd_views(&self) -> Vec<ArrayViewD<'_, T>>;
}

impl<T> NdSeq<T> for [ArrayD<T>] {
    fn nd_views(&self) -> Vec<ArrayViewD<'_, T>> {
        self.iter().map(|a| a.view()).collect()
    }
}

impl<T, const N: usize> NdSeq<T> for [ArrayD<T>; N] {
    fn nd_views(&self) -> Vec<ArrayViewD<'_, T>> {
        self.iter().map(|a| a.view()).collect()
    }
}

impl<T> NdSeq<T> for Vec<ArrayD<T>> {
    fn nd_views(&self) -> Vec<ArrayViewD<'_, T>> {
        self.iter().map(|a| a.view()).collect()
    }
}

impl<T> NdSeq<T> for (ArrayD<T>, ArrayD<T>) {
    fn nd_views(&self) -> Vec<ArrayViewD<'_, T>> {
        vec![self.0.view(), self.1.view()]
    }
}

impl<T> NdSeq<T> for (ArrayD<T>, ArrayD<T>, ArrayD<T>) {
    fn nd_views(&self) -> Vec<ArrayViewD<'_, T>> {
        vec![self.0.view(), self.1.view(), self.2.view()]
    }
}

/// `np.concatenate(arrays, axis)`.
pub fn nd_concatenate<T: NdNum, S: NdSeq<T> + ?Sized>(
    arrays: &S,
    axis: i64,
) -> PyResult<ArrayD<T>> {
    let views = arrays.nd_views();
    let Some(first) = views.first() else {
        return Err(PyErr::value_error("need at least one array to concatenate"));
    };
    let nd = first.ndim();
    if nd == 0 {
        return Err(PyErr::value_error(
            "zero-dimensional arrays cannot be concatenated",
        ));
    }
    for (i, v) in views.iter().enumerate().skip(1) {
        if v.ndim() != nd {
            return Err(PyErr::value_error(format!(
                "all the input arrays must have same number of dimensions, but the array at index 0 has {nd} dimension(s) and the array at index {i} has {} dimension(s)",
                v.ndim()
            )));
        }
    }
    let k = nd_axis(axis, nd)?;
    for (i, v) in views.iter().enumerate().skip(1) {
        for d in 0..nd {
            if d != k && v.shape()[d] != first.shape()[d] {
                return Err(PyErr::value_error(format!(
                    "all the input array dimensions except for the concatenation axis must match exactly, but along dimension {d}, the array at index 0 has size {} and the array at index {i} has size {}",
                    first.shape()[d],
                    v.shape()[d]
                )));
            }
        }
    }
    ndarray::concatenate(Axis(k), &views).map_err(|e| internal(&e.to_string()))
}

/// `np.stack(arrays, axis)`: along a new axis.
pub fn nd_stack<T: NdNum, S: NdSeq<T> + ?Sized>(arrays: &S, axis: i64) -> PyResult<ArrayD<T>> {
    let views = arrays.nd_views();
    let Some(first) = views.first() else {
        return Err(PyErr::value_error("need at least one array to stack"));
    };
    if views.iter().any(|v| v.shape() != first.shape()) {
        return Err(PyErr::value_error(
            "all input arrays must have the same shape",
        ));
    }
    let k = nd_axis(axis, first.ndim() + 1)?;
    ndarray::stack(Axis(k), &views).map_err(|e| internal(&e.to_string()))
}

/// `np.vstack(arrays)`: 1-D arrays become rows, then joined along axis 0.
pub fn nd_vstack<T: NdNum, S: NdSeq<T> + ?Sized>(arrays: &S) -> PyResult<ArrayD<T>> {
    let rows: Vec<ArrayD<T>> = arrays
        .nd_views()
        .into_iter()
        .map(|v| match v.ndim() {
            0 => v
                .to_owned()
                .into_shape_with_order(IxDyn(&[1, 1]))
                .expect("one element"),
            1 => v.insert_axis(Axis(0)).to_owned(),
            _ => v.to_owned(),
        })
        .collect();
    nd_concatenate(&rows, 0)
}

/// `np.hstack(arrays)`: along axis 1, or axis 0 for 1-D arrays.
pub fn nd_hstack<T: NdNum, S: NdSeq<T> + ?Sized>(arrays: &S) -> PyResult<ArrayD<T>> {
    let views = arrays.nd_views();
    let rows: Vec<ArrayD<T>> = views
        .iter()
        .map(|v| {
            if v.ndim() == 0 {
                v.to_owned().insert_axis(Axis(0))
            } else {
                v.to_owned()
            }
        })
        .collect();
    let axis = if rows.first().is_some_and(|r| r.ndim() == 1) {
        0
    } else {
        1
    };
    nd_concatenate(&rows, axis)
}

fn lanes_sorted<A: NdNum, O: Clone>(
    a: &ArrayD<A>,
    axis: i64,
    f: impl Fn(&[A]) -> Vec<O>,
) -> PyResult<ArrayD<O>> {
    let nd = a.ndim();
    if nd == 0 {
        return Err(PyErr::value_error(format!(
            "axis {axis} is out of bounds for array of dimension 0"
        )));
    }
    let k = nd_axis(axis, nd)?;
    // Move the axis last, sort each row, move it back.
    let mut perm: Vec<usize> = (0..nd).filter(|&d| d != k).collect();
    perm.push(k);
    let moved = a.view().permuted_axes(IxDyn(&perm));
    let moved_shape = moved.shape().to_vec();
    let data: Vec<A> = moved.iter().copied().collect();
    let n = a.shape()[k];
    let mut out: Vec<O> = Vec::with_capacity(data.len());
    if n > 0 {
        for row in data.chunks(n) {
            out.extend(f(row));
        }
    }
    let sorted = from_vec(moved_shape, out);
    let mut inverse = vec![0usize; nd];
    for (i, &p) in perm.iter().enumerate() {
        inverse[p] = i;
    }
    Ok(sorted
        .permuted_axes(IxDyn(&inverse))
        .as_standard_layout()
        .into_owned())
}

fn total_cmp<A: NdNum>(x: &A, y: &A) -> std::cmp::Ordering {
    // numpy sorts NaN last.
    match (x.is_nan(), y.is_nan()) {
        (true, true) => std::cmp::Ordering::Equal,
        (true, false) => std::cmp::Ordering::Greater,
        (false, true) => std::cmp::Ordering::Less,
        _ => x.partial_cmp(y).unwrap_or(std::cmp::Ordering::Equal),
    }
}

/// numpy's check of a sort's `kind=`: one of quicksort, heapsort, mergesort or
/// stable, by first letter in either case. Every kind sorts stably here: the same
/// result as numpy's for "stable"/"mergesort" and wherever the keys have no ties.
fn check_sort_kind(kind: &str) -> PyResult<()> {
    match kind.chars().next().map(|c| c.to_ascii_lowercase()) {
        Some('q' | 'h' | 'm' | 's') => Ok(()),
        _ => Err(PyErr::value_error(format!(
            "sort kind must be one of 'quick', 'heap', or 'stable' (got '{kind}')"
        ))),
    }
}

/// `np.sort(a, axis, kind)` (stable).
pub fn nd_sort<A: NdNum>(a: &ArrayD<A>, axis: i64, kind: &str) -> PyResult<ArrayD<A>> {
    check_sort_kind(kind)?;
    lanes_sorted(a, axis, |row| {
        let mut v = row.to_vec();
        v.sort_by(total_cmp);
        v
    })
}

/// `np.argsort(a, axis, kind)` (stable, so ties keep their order).
pub fn nd_argsort<A: NdNum>(a: &ArrayD<A>, axis: i64, kind: &str) -> PyResult<ArrayD<i64>> {
    check_sort_kind(kind)?;
    lanes_sorted(a, axis, |row| {
        let mut idx: Vec<usize> = (0..row.len()).collect();
        idx.sort_by(|&i, &j| total_cmp(&row[i], &row[j]));
        idx.into_iter().map(|i| i as i64).collect()
    })
}

// ---------------------------------------------------------------------------
// Order statistics: percentile, quantile, median
// ---------------------------------------------------------------------------

/// `_lerp` of numpy's quantiles: `a + (b - a) * t`, or `b - (b - a) * (1 - t)`
/// from `t = 0.5` on; `b - a` in the lane's dtype, the rest in `O` (a Python
/// float `t` is weak: float32 lanes compute in float32).
fn quantile_lerp<A: NdNum, O: NdNum>(a: A, b: A, t: f64) -> O {
    let d: O = nd_cast(b.sub(a));
    if t >= 0.5 {
        nd_cast::<A, O>(b).sub(d.mul(O::from_f64(1.0 - t)))
    } else {
        nd_cast::<A, O>(a).add(d.mul(O::from_f64(t)))
    }
}

/// One sorted lane's quantile `q` by numpy's default method ('linear'), as
/// `_quantile` computes it: the neighbouring order statistics of the virtual
/// index `(n - 1) * q`, both the last one from `n - 1` on, and gamma measured
/// from the index used (so `q = 1` of a lane ending in inf is nan, as numpy's).
fn quantile_lane<A: NdNum, O: NdNum>(sorted: &[A], q: f64) -> O {
    let n = sorted.len();
    if A::KIND == NdKind::Float && sorted[n - 1].is_nan() {
        return nd_cast(sorted[n - 1]);
    }
    let virtual_index = (n - 1) as f64 * q;
    let (prev, next) = if virtual_index >= (n - 1) as f64 {
        (-1.0, -1.0)
    } else {
        let p = virtual_index.floor();
        (p, p + 1.0)
    };
    let at = |i: f64| sorted[if i < 0.0 { n - 1 } else { i as usize }];
    quantile_lerp(at(prev), at(next), virtual_index - prev)
}

/// numpy's checks of percentile/quantile arguments, in its order: the range
/// of `q` (already divided by 100 for a percentile), then the axis, an empty
/// lane (numpy's IndexError: it reads the last order statistic of a float
/// lane first, the first of an int one) and a bool array (numpy's `b - a`).
fn quantile_checks<A: NdNum>(
    a: &ArrayD<A>,
    qs: &[f64],
    percent: bool,
    axis: Option<i64>,
) -> PyResult<()> {
    if qs.iter().any(|q| !(0.0..=1.0).contains(q)) {
        return Err(PyErr::value_error(if percent {
            "Percentiles must be in the range [0, 100]"
        } else {
            "Quantiles must be in the range [0, 1]"
        }));
    }
    let n = match axis {
        None => a.len(),
        Some(ax) => a.shape()[nd_axis(ax, a.ndim())?],
    };
    if n == 0 {
        // the index of the first q: `(n - 1) * q` is at or above the last index for
        // q = 0, then below the first one
        let i = if A::KIND == NdKind::Float || qs.first().is_some_and(|&q| q == 0.0) {
            -1
        } else {
            0
        };
        return Err(PyErr::new(
            ExcKind::IndexError,
            format!("index {i} is out of bounds for axis 0 with size 0"),
        ));
    }
    if A::KIND == NdKind::Bool {
        return Err(PyErr::type_error(
            "numpy boolean subtract, the `-` operator, is not supported, use the \
             bitwise_xor, the `^` operator, or the logical_xor function instead.",
        ));
    }
    Ok(())
}

fn sorted_lane<A: NdNum>(lane: ArrayView1<'_, A>) -> Vec<A> {
    let mut v: Vec<A> = lane.iter().copied().collect();
    v.sort_by(total_cmp);
    v
}

fn quantiles_of<A: NdNum, O: NdNum>(
    a: &ArrayD<A>,
    qs: &[f64],
    percent: bool,
    axis: Option<i64>,
    keepdims: bool,
) -> PyResult<Vec<ArrayD<O>>> {
    let qs: Vec<f64> = qs
        .iter()
        .map(|&q| if percent { q / 100.0 } else { q })
        .collect();
    quantile_checks(a, &qs, percent, axis)?;
    qs.iter()
        .map(|&q| {
            reduce(a, axis, keepdims, None, |lane| {
                quantile_lane(&sorted_lane(lane), q)
            })
        })
        .collect()
}

/// `np.percentile(a, q, axis, keepdims)` / `np.quantile` of a Python number
/// `q` (`percent`: q in [0, 100]): the lane's dtype for floats, float64 for ints.
pub fn nd_quantile<A: NdInexact>(
    a: &ArrayD<A>,
    q: f64,
    percent: bool,
    axis: Option<i64>,
    keepdims: bool,
) -> PyResult<ArrayD<NdInexactOut<A>>> {
    let mut r = quantiles_of(a, &[q], percent, axis, keepdims)?;
    r.pop().ok_or_else(|| internal("no quantile"))
}

/// `np.percentile(a, [q1, q2, ...], axis, keepdims)`: one float64 result per q
/// along a new first axis (a list of q is not a weak scalar: float32 lanes
/// interpolate in float64, as numpy's).
pub fn nd_quantiles<A: NdNum, Q: NdScalar>(
    a: &ArrayD<A>,
    qs: &[Q],
    percent: bool,
    axis: Option<i64>,
    keepdims: bool,
) -> PyResult<ArrayD<f64>> {
    let qs: Vec<f64> = qs
        .iter()
        .map(|q| q.to_elem::<f64>())
        .collect::<PyResult<_>>()?;
    let parts = quantiles_of::<A, f64>(a, &qs, percent, axis, keepdims)?;
    let views: Vec<_> = parts.iter().map(|p| p.view()).collect();
    if views.is_empty() {
        let lanes = reduce(a, axis, keepdims, None, |_| 0.0)?;
        let mut shape = vec![0];
        shape.extend_from_slice(lanes.shape());
        return Ok(ArrayD::from_elem(IxDyn(&shape), 0.0));
    }
    ndarray::stack(Axis(0), &views).map_err(|e| internal(&e.to_string()))
}

/// `np.quantile(a, q, axis, keepdims)` of an int `q`: numpy takes the order
/// statistic `(n - 1) * q` itself (no interpolation), in the array's dtype.
pub fn nd_quantile_take<A: NdNum>(
    a: &ArrayD<A>,
    q: i64,
    axis: Option<i64>,
    keepdims: bool,
) -> PyResult<ArrayD<A>> {
    if !(0..=1).contains(&q) {
        return Err(PyErr::value_error("Quantiles must be in the range [0, 1]"));
    }
    let n = match axis {
        None => a.len(),
        Some(ax) => a.shape()[nd_axis(ax, a.ndim())?],
    };
    if n == 0 {
        // a float lane's last item is read first (for nan)
        return Err(PyErr::new(
            ExcKind::IndexError,
            if A::KIND == NdKind::Float {
                "index -1 is out of bounds for axis 0 with size 0"
            } else {
                "cannot do a non-empty take from an empty axes."
            },
        ));
    }
    reduce(a, axis, keepdims, None, |lane| {
        let v = sorted_lane(lane);
        let last = v[v.len() - 1];
        if last.is_nan() {
            last
        } else {
            v[(v.len() - 1) * q as usize]
        }
    })
}

/// `np.median(a, axis, keepdims)`: the mean of the middle order statistic(s)
/// as numpy's `mean` computes it (float32 in float32, ints in float64); nan
/// for an empty lane or one holding nan.
pub fn nd_median<A: NdInexact>(
    a: &ArrayD<A>,
    axis: Option<i64>,
    keepdims: bool,
) -> PyResult<ArrayD<NdInexactOut<A>>> {
    reduce(a, axis, keepdims, None, |lane| {
        let v = sorted_lane(lane);
        let n = v.len();
        if n == 0 {
            return NdInexactOut::<A>::from_f64(f64::NAN);
        }
        if v[n - 1].is_nan() {
            return nd_cast(v[n - 1]);
        }
        if n % 2 == 1 {
            return nd_cast(v[n / 2]);
        }
        let s = nd_cast::<A, NdInexactOut<A>>(v[n / 2 - 1]).add(nd_cast(v[n / 2]));
        NdInexactOut::<A>::from_f64(s.to_f64() / 2.0)
    })
}

// ---------------------------------------------------------------------------
// Indexing
// ---------------------------------------------------------------------------

/// One item of a basic numpy index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NdIx {
    /// `start:stop:step`, each optional.
    Slice(Option<i64>, Option<i64>, Option<i64>),
    /// An int: the dimension is removed.
    Index(i64),
    /// `None` / `np.newaxis`: a new length-1 dimension.
    NewAxis,
    /// `...`: as many full slices as needed.
    Ellipsis,
}

/// Python's `slice.indices(n)`: (start, step, count).
fn slice_indices(
    n: usize,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> PyResult<(i64, i64, usize)> {
    let n = n as i64;
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(PyErr::value_error("slice step cannot be zero"));
    }
    let clamp = |v: Option<i64>, default: i64, lo: i64, hi: i64| -> i64 {
        match v {
            None => default,
            Some(mut x) => {
                if x < 0 {
                    x += n;
                    if x < lo {
                        x = lo;
                    }
                } else if x > hi {
                    x = hi;
                }
                x
            }
        }
    };
    let (start, stop) = if step > 0 {
        (clamp(start, 0, 0, n), clamp(stop, n, 0, n))
    } else {
        (clamp(start, n - 1, -1, n - 1), clamp(stop, -1, -1, n - 1))
    };
    let count = if step > 0 {
        if stop > start {
            (stop - start + step - 1) / step
        } else {
            0
        }
    } else if start > stop {
        (start - stop + (-step) - 1) / (-step)
    } else {
        0
    };
    Ok((start, step, count as usize))
}

fn index_elems(shape: &[usize], ix: &[NdIx]) -> PyResult<Vec<SliceInfoElem>> {
    let nd = shape.len();
    let used = ix
        .iter()
        .filter(|i| matches!(i, NdIx::Slice(..) | NdIx::Index(_)))
        .count();
    if used > nd {
        return Err(PyErr::index_error(format!(
            "too many indices for array: array is {nd}-dimensional, but {used} were indexed"
        )));
    }
    let mut elems = Vec::with_capacity(ix.len() + nd);
    let mut dim = 0usize;
    let mut seen_ellipsis = false;
    for item in ix {
        match *item {
            NdIx::NewAxis => elems.push(SliceInfoElem::NewAxis),
            NdIx::Ellipsis => {
                if seen_ellipsis {
                    return Err(PyErr::index_error(
                        "an index can only have a single ellipsis ('...')",
                    ));
                }
                seen_ellipsis = true;
                for _ in 0..(nd - used) {
                    elems.push(SliceInfoElem::Slice {
                        start: 0,
                        end: None,
                        step: 1,
                    });
                    dim += 1;
                }
            }
            NdIx::Index(i) => {
                let j = axis_position(i, shape[dim], dim)?;
                elems.push(SliceInfoElem::Index(j as isize));
                dim += 1;
            }
            NdIx::Slice(a, b, c) => {
                let (start, step, count) = slice_indices(shape[dim], a, b, c)?;
                let e = if count == 0 {
                    SliceInfoElem::Slice {
                        start: 0,
                        end: Some(0),
                        step: 1,
                    }
                } else if step > 0 {
                    let last = start + (count as i64 - 1) * step;
                    SliceInfoElem::Slice {
                        start: start as isize,
                        end: Some(last as isize + 1),
                        step: step as isize,
                    }
                } else {
                    let last = start + (count as i64 - 1) * step;
                    SliceInfoElem::Slice {
                        start: last as isize,
                        end: Some(start as isize + 1),
                        step: step as isize,
                    }
                };
                elems.push(e);
                dim += 1;
            }
        }
    }
    while dim < nd {
        elems.push(SliceInfoElem::Slice {
            start: 0,
            end: None,
            step: 1,
        });
        dim += 1;
    }
    Ok(elems)
}

/// The slicing `ix` makes of an array of `shape` (numpy's IndexErrors).
fn basic_index(
    shape: &[usize],
    ix: &[NdIx],
) -> PyResult<SliceInfo<Vec<SliceInfoElem>, IxDyn, IxDyn>> {
    SliceInfo::try_from(index_elems(shape, ix)?).map_err(|e| internal(&e.to_string()))
}

/// `a[i, j:k, None, ...]`: basic indexing, as an owned copy.
pub fn nd_index<T: NdNum>(a: &ArrayD<T>, ix: &[NdIx]) -> PyResult<ArrayD<T>> {
    let info = basic_index(a.shape(), ix)?;
    Ok(a.slice(info).to_owned())
}

fn index_ints(shape: &[usize], ix: &[i64]) -> PyResult<Vec<SliceInfoElem>> {
    let items: Vec<NdIx> = ix.iter().map(|&i| NdIx::Index(i)).collect();
    index_elems(shape, &items)
}

/// `a[i] = v` / `a[i, j] = v` with a Python scalar: the selected elements are set
/// (a float stored in an int array truncates, as numpy's assignment casts).
pub fn nd_set_scalar<T: NdNum, I: NdShapeArg, S: NdScalar>(
    a: &mut ArrayD<T>,
    index: I,
    v: S,
) -> PyResult<()> {
    let elems = index_ints(a.shape(), &index.dims())?;
    let value: T = v.to_elem()?;
    let info: SliceInfo<Vec<SliceInfoElem>, IxDyn, IxDyn> =
        SliceInfo::try_from(elems).map_err(|e| internal(&e.to_string()))?;
    a.slice_mut(info).fill(value);
    Ok(())
}

/// `a[i] = b`: the selected sub-array set from an array (taken by value, as the
/// emitter passes assigned values), broadcast (numpy's
/// ValueError 'could not broadcast input array from shape (4,) into shape (3,)').
pub fn nd_set_array<T: NdNum, I: NdShapeArg, B: NdNum>(
    a: &mut ArrayD<T>,
    index: I,
    v: ArrayD<B>,
) -> PyResult<()> {
    let elems = index_ints(a.shape(), &index.dims())?;
    let info: SliceInfo<Vec<SliceInfoElem>, IxDyn, IxDyn> =
        SliceInfo::try_from(elems).map_err(|e| internal(&e.to_string()))?;
    let mut target = a.slice_mut(info);
    let shape = target.shape().to_vec();
    let src = v.broadcast(IxDyn(&shape)).ok_or_else(|| {
        PyErr::value_error(format!(
            "could not broadcast input array from shape {} into shape {}",
            nd_shape_text(v.shape()),
            nd_shape_text(&shape)
        ))
    })?;
    Zip::from(&mut target)
        .and(&src)
        .for_each(|t, &x| *t = nd_cast(x));
    Ok(())
}

/// A shape as numpy writes it in indexing errors: `(2,)`, `(1,3)`.
fn shape_tight(s: &[usize]) -> String {
    match s {
        [n] => format!("({n},)"),
        _ => format!(
            "({})",
            s.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

/// numpy's error for an advanced-indexing assignment whose value does not
/// broadcast to what the index selects.
fn shape_mismatch(v: &[usize], selected: &[usize]) -> PyErr {
    PyErr::value_error(format!(
        "shape mismatch: value array of shape {} could not be broadcast to indexing result of shape {}",
        shape_tight(v),
        shape_tight(selected)
    ))
}

/// `v` broadcast to `shape` for an assignment: numpy drops leading length-1
/// dimensions of the value first.
fn assign_source<B: NdNum>(v: &ArrayD<B>, shape: &[usize]) -> Option<ArrayD<B>> {
    let mut view = v.view();
    while view.ndim() > shape.len() && view.shape()[0] == 1 {
        view = view.index_axis_move(Axis(0), 0);
    }
    view.broadcast(IxDyn(shape)).map(|b| b.to_owned())
}

/// `a[i, :n, ...] = v`: basic indexing assignment with an array, broadcast and cast
/// as numpy's assignment casts (a float stored in an int array truncates).
pub fn nd_set_index<T: NdNum, B: NdNum>(
    a: &mut ArrayD<T>,
    ix: &[NdIx],
    v: ArrayD<B>,
) -> PyResult<()> {
    let info = basic_index(a.shape(), ix)?;
    let mut target = a.slice_mut(info);
    let shape = target.shape().to_vec();
    let src = assign_source(&v, &shape).ok_or_else(|| {
        PyErr::value_error(format!(
            "could not broadcast input array from shape {} into shape {}",
            nd_shape_text(v.shape()),
            nd_shape_text(&shape)
        ))
    })?;
    Zip::from(&mut target)
        .and(&src)
        .for_each(|t, &x| *t = nd_cast(x));
    Ok(())
}

/// `a[i, :n, ...] = x` with a Python scalar.
pub fn nd_set_index_s<T: NdNum, S: NdScalar>(a: &mut ArrayD<T>, ix: &[NdIx], v: S) -> PyResult<()> {
    let value: T = v.to_elem()?;
    let info = basic_index(a.shape(), ix)?;
    a.slice_mut(info).fill(value);
    Ok(())
}

/// What an index array selects along the leading axes of an array of `shape`:
/// the row-major positions over the first `lead` axes, and the result's shape.
struct Selection {
    rows: Vec<usize>,
    lead: usize,
    shape: Vec<usize>,
    mask: bool,
}

fn too_many_indices(nd: usize, used: usize) -> PyErr {
    PyErr::index_error(format!(
        "too many indices for array: array is {nd}-dimensional, but {used} were indexed"
    ))
}

/// `a[mask]` / `a[idx]`: a bool array selects where it is true (its shape must
/// match the leading axes), an int array picks rows of the first axis (negative
/// from the end); a float array raises IndexError, as numpy does.
fn select<I: NdNum>(shape: &[usize], idx: &ArrayD<I>) -> PyResult<Selection> {
    let nd = shape.len();
    match I::KIND {
        NdKind::Bool => {
            let k = idx.ndim();
            if k > nd {
                return Err(too_many_indices(nd, k));
            }
            for (axis, (&m, &n)) in idx.shape().iter().zip(shape).enumerate() {
                if m != n {
                    return Err(PyErr::index_error(format!(
                        "boolean index did not match indexed array along axis {axis}; size of axis is {n} but size of corresponding boolean axis is {m}"
                    )));
                }
            }
            let rows: Vec<usize> = idx
                .iter()
                .enumerate()
                .filter(|(_, b)| b.to_bool())
                .map(|(i, _)| i)
                .collect();
            let mut out = vec![rows.len()];
            out.extend_from_slice(&shape[k..]);
            Ok(Selection {
                rows,
                lead: k,
                shape: out,
                mask: true,
            })
        }
        NdKind::Int => {
            if nd == 0 {
                return Err(too_many_indices(0, 1));
            }
            let rows = take_positions(idx, shape[0], 0)?;
            let mut out = idx.shape().to_vec();
            out.extend_from_slice(&shape[1..]);
            Ok(Selection {
                rows,
                lead: 1,
                shape: out,
                mask: false,
            })
        }
        NdKind::Float => Err(PyErr::index_error(
            "arrays used as indices must be of integer (or boolean) type",
        )),
    }
}

/// The elements of `a` in row-major order, to write (an array in another layout,
/// a transpose, is first copied into row-major order).
fn row_major_mut<T: NdNum>(a: &mut ArrayD<T>) -> PyResult<&mut [T]> {
    if !a.is_standard_layout() {
        *a = a.as_standard_layout().into_owned();
    }
    a.as_slice_mut()
        .ok_or_else(|| internal("a row-major array without a slice"))
}

/// `a[mask]`, `a[idx]` (fancy indexing along the first axes), as a new array.
pub fn nd_getitem_array<T: NdNum, I: NdNum>(a: &ArrayD<T>, idx: &ArrayD<I>) -> PyResult<ArrayD<T>> {
    let sel = select(a.shape(), idx)?;
    let inner: usize = a.shape()[sel.lead..].iter().product();
    let data: Vec<T> = a.iter().copied().collect(); // row-major
    let mut out = room_for::<T>(&sel.shape)?;
    for &r in &sel.rows {
        out.extend_from_slice(&data[r * inner..(r + 1) * inner]);
    }
    Ok(from_vec(sel.shape, out))
}

/// `a[[0, 2]]` / `a[[True, False]]`: a list index is the array numpy makes of it.
pub fn nd_getitem_list<T: NdNum, S: NdScalar + NdNum>(
    a: &ArrayD<T>,
    idx: &[S],
) -> PyResult<ArrayD<T>> {
    nd_getitem_array(a, &from_vec(vec![idx.len()], idx.to_vec()))
}

/// `a[[i, j]] = v` / `a[[True, False]] = v`: [`nd_setitem_array`] with the list
/// as the index array it stands for.
pub fn nd_setitem_list<T: NdNum, S: NdScalar + NdNum, B: NdNum>(
    a: &mut ArrayD<T>,
    idx: &[S],
    v: ArrayD<B>,
) -> PyResult<()> {
    nd_setitem_array(a, &from_vec(vec![idx.len()], idx.to_vec()), v)
}

/// `a[[i, j]] = x` with a Python scalar: [`nd_setitem_array_s`] through the list.
pub fn nd_setitem_list_s<T: NdNum, I: NdScalar + NdNum, S: NdScalar>(
    a: &mut ArrayD<T>,
    idx: &[I],
    v: S,
) -> PyResult<()> {
    nd_setitem_array_s(a, &from_vec(vec![idx.len()], idx.to_vec()), v)
}

/// `a[mask] = v` / `a[idx] = v` with an array value, broadcast to what the index
/// selects (rows picked twice get the last value, as numpy assigns in order).
pub fn nd_setitem_array<T: NdNum, I: NdNum, B: NdNum>(
    a: &mut ArrayD<T>,
    idx: &ArrayD<I>,
    v: ArrayD<B>,
) -> PyResult<()> {
    let sel = select(a.shape(), idx)?;
    let src = assign_source(&v, &sel.shape).ok_or_else(|| {
        if sel.mask && sel.shape.len() == 1 && v.ndim() == 1 {
            PyErr::value_error(format!(
                "NumPy boolean array indexing assignment cannot assign {} input values to the {} output values where the mask is true",
                v.len(),
                sel.shape[0]
            ))
        } else {
            shape_mismatch(v.shape(), &sel.shape)
        }
    })?;
    let inner: usize = a.shape()[sel.lead..].iter().product();
    let values: Vec<T> = src.iter().map(|&x| nd_cast(x)).collect(); // row-major
    let flat = row_major_mut(a)?;
    for (k, &r) in sel.rows.iter().enumerate() {
        flat[r * inner..(r + 1) * inner].copy_from_slice(&values[k * inner..(k + 1) * inner]);
    }
    Ok(())
}

/// `a[mask] = x` / `a[idx] = x` with a Python scalar.
pub fn nd_setitem_array_s<T: NdNum, I: NdNum, S: NdScalar>(
    a: &mut ArrayD<T>,
    idx: &ArrayD<I>,
    v: S,
) -> PyResult<()> {
    let value: T = v.to_elem()?;
    let sel = select(a.shape(), idx)?;
    let inner: usize = a.shape()[sel.lead..].iter().product();
    let flat = row_major_mut(a)?;
    for &r in &sel.rows {
        flat[r * inner..(r + 1) * inner].fill(value);
    }
    Ok(())
}

/// `a[rows, cols]`: the row-major positions two integer index arrays pick over
/// the first two axes (broadcast together), and the result's leading shape;
/// checked in numpy's order: the broadcast, then every index of axis 0, then
/// axis 1 (a bool or float index array is refused as numpy refuses it).
fn pair_positions<I: NdNum, J: NdNum>(
    shape: &[usize],
    rows: &ArrayD<I>,
    cols: &ArrayD<J>,
) -> PyResult<(Vec<usize>, Vec<usize>)> {
    if shape.len() < 2 {
        return Err(too_many_indices(shape.len(), 2));
    }
    if I::KIND != NdKind::Int || J::KIND != NdKind::Int {
        return Err(PyErr::index_error(
            "arrays used as indices must be of integer (or boolean) type",
        ));
    }
    let lead = nd_broadcast_shapes(&[rows.shape(), cols.shape()]).map_err(|_| {
        PyErr::index_error(format!(
            "shape mismatch: indexing arrays could not be broadcast together with shapes {} {} ",
            shape_tight(rows.shape()),
            shape_tight(cols.shape())
        ))
    })?;
    let axis = |ix: Vec<i64>, dim: usize| -> PyResult<Vec<usize>> {
        ix.into_iter()
            .map(|i| axis_position(i, shape[dim], dim))
            .collect()
    };
    let spread = |a: ArrayViewD<'_, i64>| -> Option<Vec<i64>> {
        a.broadcast(IxDyn(&lead))
            .map(|b| b.iter().copied().collect())
    };
    let (r, c) = (rows.mapv(|x| x.to_i64()), cols.mapv(|x| x.to_i64()));
    let r = axis(
        spread(r.view()).ok_or_else(|| internal("broadcast rows"))?,
        0,
    )?;
    let c = axis(
        spread(c.view()).ok_or_else(|| internal("broadcast cols"))?,
        1,
    )?;
    let width = shape[1];
    Ok((
        r.into_iter().zip(c).map(|(i, j)| i * width + j).collect(),
        lead,
    ))
}

/// `a[rows, cols]` with two integer index arrays (`probs[np.arange(n), labels]`):
/// the picked elements (or rows of the remaining axes), in the broadcast shape.
pub fn nd_getitem_pair<T: NdNum, I: NdNum, J: NdNum>(
    a: &ArrayD<T>,
    (rows, cols): &(ArrayD<I>, ArrayD<J>),
) -> PyResult<ArrayD<T>> {
    let (picks, mut shape) = pair_positions(a.shape(), rows, cols)?;
    let inner: usize = a.shape()[2..].iter().product();
    shape.extend_from_slice(&a.shape()[2..]);
    let data: Vec<T> = a.iter().copied().collect(); // row-major
    let mut out = room_for::<T>(&shape)?;
    for &p in &picks {
        out.extend_from_slice(&data[p * inner..(p + 1) * inner]);
    }
    Ok(from_vec(shape, out))
}

/// `a[rows, cols] = x` with a Python scalar (`one_hot[np.arange(n), ids] = 1.0`).
pub fn nd_setitem_pair_s<T: NdNum, I: NdNum, J: NdNum, S: NdScalar>(
    a: &mut ArrayD<T>,
    (rows, cols): &(ArrayD<I>, ArrayD<J>),
    v: S,
) -> PyResult<()> {
    let value: T = v.to_elem()?;
    let (picks, _) = pair_positions(a.shape(), rows, cols)?;
    let inner: usize = a.shape()[2..].iter().product();
    let flat = row_major_mut(a)?;
    for &p in &picks {
        flat[p * inner..(p + 1) * inner].fill(value);
    }
    Ok(())
}

/// `a[rows, cols] = v` with an array value broadcast to what the indices pick
/// (positions picked twice get the last value, as numpy assigns in order).
pub fn nd_setitem_pair<T: NdNum, I: NdNum, J: NdNum, B: NdNum>(
    a: &mut ArrayD<T>,
    (rows, cols): &(ArrayD<I>, ArrayD<J>),
    v: ArrayD<B>,
) -> PyResult<()> {
    let (picks, mut shape) = pair_positions(a.shape(), rows, cols)?;
    shape.extend_from_slice(&a.shape()[2..]);
    let src = assign_source(&v, &shape).ok_or_else(|| shape_mismatch(v.shape(), &shape))?;
    let inner: usize = a.shape()[2..].iter().product();
    let values: Vec<T> = src.iter().map(|&x| nd_cast(x)).collect(); // row-major
    let flat = row_major_mut(a)?;
    for (k, &p) in picks.iter().enumerate() {
        flat[p * inner..(p + 1) * inner].copy_from_slice(&values[k * inner..(k + 1) * inner]);
    }
    Ok(())
}

/// `np.nonzero(a)` / `np.where(a)`: for each axis, the indices of the true
/// (non-zero) elements in row-major order (a 0-d array raises, as numpy 2).
pub fn nd_nonzero<A: NdNum>(a: &ArrayD<A>) -> PyResult<Vec<ArrayD<i64>>> {
    if a.ndim() == 0 {
        return Err(PyErr::value_error(
            "Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead. If the context of this error is of the form `arr[nonzero(cond)]`, just use `arr[cond]`.",
        ));
    }
    let mut axes: Vec<Vec<i64>> = vec![Vec::new(); a.ndim()];
    for (ix, x) in a.indexed_iter() {
        if x.to_bool() {
            for (d, list) in axes.iter_mut().enumerate() {
                list.push(ix[d] as i64);
            }
        }
    }
    Ok(axes
        .into_iter()
        .map(|v| from_vec(vec![v.len()], v))
        .collect())
}

/// `np.flatnonzero(a)`: the flat (row-major) positions of the true (non-zero)
/// elements, an int64 vector; a 0-d array counts as one element, as numpy.
pub fn nd_flatnonzero<A: NdNum>(a: &ArrayD<A>) -> ArrayD<i64> {
    let picks: Vec<i64> = a
        .iter()
        .enumerate()
        .filter(|(_, x)| x.to_bool())
        .map(|(i, _)| i as i64)
        .collect();
    from_vec(vec![picks.len()], picks)
}

/// `np.take_along_axis(arr, indices, axis)`: `arr` indexed along `axis` by
/// `indices` (the same rank; the other axes broadcast as numpy's fancy index
/// `(arange(n0)[:, None], ..., indices, ...)` does), with numpy's errors in its
/// order: the rank, the axis (AxisError), the broadcast (its shapes listed as
/// numpy lists them), then each index against the axis's length (negative ones
/// count from the end).
pub fn nd_take_along_axis<A: NdNum, I: NdNum>(
    a: &ArrayD<A>,
    indices: &ArrayD<I>,
    axis: i64,
) -> PyResult<ArrayD<A>> {
    let nd = a.ndim();
    let k = nd_axis(axis, nd)?;
    if indices.ndim() != nd {
        return Err(PyErr::value_error(
            "`indices` and `arr` must have the same number of dimensions",
        ));
    }
    let (ash, ish) = (a.shape(), indices.shape());
    let mut out_shape = Vec::with_capacity(nd);
    let mut fits = true;
    for d in 0..nd {
        if d == k {
            out_shape.push(ish[d]);
        } else if ash[d] == ish[d] || ish[d] == 1 {
            out_shape.push(ash[d]);
        } else if ash[d] == 1 {
            out_shape.push(ish[d]);
        } else {
            fits = false;
        }
    }
    if !fits {
        let compact = |s: &[usize]| shape_repr(s).replace(", ", ",");
        let mut shapes = String::new();
        for d in 0..nd {
            if d == k {
                shapes.push_str(&compact(ish));
            } else {
                let mut s = vec![1usize; nd];
                s[d] = ash[d];
                shapes.push_str(&compact(&s));
            }
            shapes.push(' ');
        }
        return Err(PyErr::index_error(format!(
            "shape mismatch: indexing arrays could not be broadcast together with shapes {shapes}"
        )));
    }
    let n = ash[k] as i64;
    let mut data = Vec::with_capacity(out_shape.iter().product());
    for ix in ndarray::indices(IxDyn(&out_shape)) {
        let mut src = Vec::with_capacity(nd);
        let mut at = Vec::with_capacity(nd);
        for d in 0..nd {
            at.push(if ish[d] == 1 { 0 } else { ix[d] });
            src.push(if ash[d] == 1 && d != k { 0 } else { ix[d] });
        }
        let i = indices[IxDyn(&at)].to_i64();
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(PyErr::index_error(format!(
                "index {i} is out of bounds for axis {k} with size {n}"
            )));
        }
        src[k] = j as usize;
        data.push(a[IxDyn(&src)]);
    }
    Ok(from_vec(out_shape, data))
}

/// The axis `np.split` / `np.array_split` cut along: numpy reads `ary.shape[axis]`
/// as a Python tuple index (IndexError out of range, negative counts from the end).
fn split_axis<A: NdNum>(a: &ArrayD<A>, axis: i64) -> PyResult<usize> {
    let nd = a.ndim() as i64;
    if axis < -nd || axis >= nd {
        return Err(PyErr::index_error("tuple index out of range"));
    }
    Ok(if axis < 0 { axis + nd } else { axis } as usize)
}

/// The pieces between consecutive `points` along axis `k`, each a Python slice
/// `[start:stop]` of the axis (negative points count from the end, clamped).
fn split_pieces<A: NdNum>(a: &ArrayD<A>, k: usize, points: &[i64]) -> Vec<ArrayD<A>> {
    let n = a.shape()[k] as i64;
    let at = |i: i64| -> usize { (if i < 0 { (i + n).max(0) } else { i.min(n) }) as usize };
    points
        .windows(2)
        .map(|w| {
            let (start, stop) = (at(w[0]), at(w[1]));
            a.slice_axis(Axis(k), ndarray::Slice::from(start..stop.max(start)))
                .as_standard_layout()
                .into_owned()
        })
        .collect()
}

/// `np.split(ary, sections, axis)` (`equal`) / `np.array_split(ary, sections, axis)`:
/// `sections` pieces along the axis (array_split: the first `len % sections` one
/// longer); numpy's errors in its order (the axis, `integer modulo by zero`, the
/// unequal division, `number sections must be larger than 0.`).
pub fn nd_split<A: NdNum>(
    a: &ArrayD<A>,
    sections: i64,
    axis: i64,
    equal: bool,
) -> PyResult<Vec<ArrayD<A>>> {
    let k = split_axis(a, axis)?;
    let n = a.shape()[k] as i64;
    if equal {
        if sections == 0 {
            return Err(PyErr::zero_division("integer modulo by zero"));
        }
        if n % sections.abs() != 0 {
            return Err(PyErr::value_error(
                "array split does not result in an equal division",
            ));
        }
    }
    if sections <= 0 {
        return Err(PyErr::value_error("number sections must be larger than 0."));
    }
    let (each, extras) = (n / sections, n % sections);
    let mut points = vec![0i64];
    for i in 0..sections {
        let size = if i < extras { each + 1 } else { each };
        points.push(points[points.len() - 1] + size);
    }
    Ok(split_pieces(a, k, &points))
}

/// `np.split(ary, [i, j, ...], axis)` / `np.array_split` with a list of indices:
/// `ary[:i]`, `ary[i:j]`, ..., `ary[j:]` along the axis, as Python slices.
pub fn nd_split_at<A: NdNum>(
    a: &ArrayD<A>,
    indices: &[i64],
    axis: i64,
) -> PyResult<Vec<ArrayD<A>>> {
    let k = split_axis(a, axis)?;
    let mut points = vec![0i64];
    points.extend_from_slice(indices);
    points.push(a.shape()[k] as i64);
    Ok(split_pieces(a, k, &points))
}

/// `np.tril(m, k)` (`upper` false) / `np.triu(m, k)`: the last two axes with the
/// elements above (below) the `k`-th diagonal set to zero; a 1-D `m` is the row of
/// an n x n matrix (numpy broadcasts it), a 0-d one raises numpy's TypeError.
pub fn nd_tri_part<A: NdNum>(a: &ArrayD<A>, k: i64, upper: bool) -> PyResult<ArrayD<A>> {
    let mut out = match a.ndim() {
        0 => {
            return Err(PyErr::type_error(
                "tri() missing 1 required positional argument: 'N'",
            ));
        }
        1 => {
            let n = a.len();
            a.broadcast(IxDyn(&[n, n]))
                .ok_or_else(|| PyErr::value_error("tri: cannot broadcast"))?
                .to_owned()
        }
        _ => a.as_standard_layout().into_owned(),
    };
    let nd = out.ndim();
    for (ix, x) in out.indexed_iter_mut() {
        let d = ix[nd - 1] as i64 - ix[nd - 2] as i64;
        if (upper && d < k) || (!upper && d > k) {
            *x = A::zero();
        }
    }
    Ok(out)
}

/// `np.diff(a, n, axis)`: the `n`-th differences along `axis`, in the array's
/// dtype (ints wrap as numpy's subtraction, bools give `!=` as numpy's
/// `not_equal`); the axis shrinks by `n` (to 0 when `n` is not smaller). numpy's
/// checks in its order: a negative `n`, a 0-d array, the axis (AxisError).
pub fn nd_diff<A: NdNum>(a: &ArrayD<A>, n: i64, axis: i64) -> PyResult<ArrayD<A>> {
    if n < 0 {
        return Err(PyErr::value_error(format!(
            "order must be non-negative but got {n}"
        )));
    }
    if n == 0 {
        return Ok(a.as_standard_layout().into_owned());
    }
    if a.ndim() == 0 {
        return Err(PyErr::value_error(
            "diff requires input that is at least one dimensional",
        ));
    }
    let nd = a.ndim();
    let k = nd_axis(axis, nd)?;
    let mut perm: Vec<usize> = (0..nd).filter(|&d| d != k).collect();
    perm.push(k);
    let moved = a.view().permuted_axes(IxDyn(&perm));
    let mut shape = moved.shape().to_vec();
    let len = a.shape()[k];
    let out_len = len.saturating_sub(usize::try_from(n).unwrap_or(usize::MAX));
    shape[nd - 1] = out_len;
    let data: Vec<A> = moved.iter().copied().collect();
    let mut out: Vec<A> = Vec::with_capacity(data.len());
    if len > 0 {
        for row in data.chunks(len) {
            let mut lane = row.to_vec();
            while lane.len() > out_len {
                lane = lane.windows(2).map(|w| w[1].sub(w[0])).collect();
            }
            out.extend(lane);
        }
    }
    let mut inverse = vec![0usize; nd];
    for (i, &p) in perm.iter().enumerate() {
        inverse[p] = i;
    }
    Ok(from_vec(shape, out)
        .permuted_axes(IxDyn(&inverse))
        .as_standard_layout()
        .into_owned())
}

// ---------------------------------------------------------------------------
// Creation and conversion
// ---------------------------------------------------------------------------

/// `np.array(list)` of a 1-D list.
pub fn nd_array1<O: NdNum, S: NdScalar>(v: &[S]) -> PyResult<ArrayD<O>> {
    let data = v
        .iter()
        .map(|x| x.to_elem())
        .collect::<PyResult<Vec<O>>>()?;
    Ok(from_vec(vec![v.len()], data))
}

fn inhomogeneous(after: usize, shape: &[usize]) -> PyErr {
    PyErr::value_error(format!(
        "setting an array element with a sequence. The requested array has an inhomogeneous shape after {after} dimensions. The detected shape was {} + inhomogeneous part.",
        shape_repr(shape)
    ))
}

/// `np.array(list_of_lists)`; ragged rows raise ValueError.
pub fn nd_array2<O: NdNum, S: NdScalar>(v: &[Vec<S>]) -> PyResult<ArrayD<O>> {
    let n = v.len();
    if n == 0 {
        return Err(empty_nested(2, 0));
    }
    let m = v.first().map_or(0, |r| r.len());
    if v.iter().any(|r| r.len() != m) {
        return Err(inhomogeneous(1, &[n]));
    }
    let data = v
        .iter()
        .flatten()
        .map(|x| x.to_elem())
        .collect::<PyResult<Vec<O>>>()?;
    Ok(from_vec(vec![n, m], data))
}

/// `np.array(xs)` / `np.asarray(xs)` (`func`) of a list without `dtype=`: the array
/// `made` of its items, whose dtype follows their Python type. NumPy makes a list with no
/// items a float64 array, so an empty array of ints or bools raises here rather than
/// differ from NumPy's (its dtype is fixed when the function is compiled; warning W008
/// at compile time). The compiler's own list conversions (a list as an index, a list
/// given to a numpy function) do not come here: `__nd_list`.
pub fn nd_items_dtype<O: NdNum>(func: &str, made: PyResult<ArrayD<O>>) -> PyResult<ArrayD<O>> {
    let a = made?;
    if a.is_empty() && O::NAME != "float64" {
        let items = match O::NAME {
            "int64" => "ints",
            "bool" => "bools",
            _ => "items",
        };
        return Err(PyErr::value_error(format!(
            "pycomp: {func} of a list with no {items} is a float64 array in numpy, but this \
             compiled array is {} (its dtype is fixed when compiling); pass dtype=np.{} or \
             dtype=np.float64",
            O::NAME,
            O::NAME
        )));
    }
    Ok(a)
}

/// NumPy makes an array of nested lists that are empty at `depth` one of
/// rank `depth + 1` (`np.array([])` is 1-D, `np.array([[]])` 2-D), but the
/// compiled array's rank is fixed by the annotation: refuse, never return an
/// array of another shape (an empty batch, `embed([])`, lands here).
fn empty_nested(rank: usize, depth: usize) -> PyErr {
    let what = if depth == 0 {
        "an empty list"
    } else {
        "a list of empty lists"
    };
    PyErr::value_error(format!(
        "np.array of {what}: NumPy would make a {}-D array here, but this compiled array is \
         {rank}-D (its rank is fixed when the function is compiled)",
        depth + 1
    ))
}

/// `np.array(list_of_lists_of_lists)`.
pub fn nd_array3<O: NdNum, S: NdScalar>(v: &[Vec<Vec<S>>]) -> PyResult<ArrayD<O>> {
    let n = v.len();
    if n == 0 {
        return Err(empty_nested(3, 0));
    }
    let m = v.first().map_or(0, |r| r.len());
    if v.iter().any(|r| r.len() != m) {
        return Err(inhomogeneous(1, &[n]));
    }
    if m == 0 {
        return Err(empty_nested(3, 1));
    }
    let p = v.first().and_then(|r| r.first()).map_or(0, |r| r.len());
    if v.iter().flatten().any(|r| r.len() != p) {
        return Err(inhomogeneous(2, &[n, m]));
    }
    let data = v
        .iter()
        .flatten()
        .flatten()
        .map(|x| x.to_elem())
        .collect::<PyResult<Vec<O>>>()?;
    Ok(from_vec(vec![n, m, p], data))
}

/// `np.full(shape, value)` (and `np.zeros`/`np.ones` through it).
pub fn nd_full<O: NdNum, S: NdShapeArg, V: NdScalar>(shape: S, value: V) -> PyResult<ArrayD<O>> {
    let dims = creation_shape(&shape)?;
    filled(dims, value.to_elem()?)
}

/// `np.zeros(shape)`.
pub fn nd_zeros<O: NdNum, S: NdShapeArg>(shape: S) -> PyResult<ArrayD<O>> {
    let dims = creation_shape(&shape)?;
    filled(dims, O::zero())
}

/// `np.ones(shape)`.
pub fn nd_ones<O: NdNum, S: NdShapeArg>(shape: S) -> PyResult<ArrayD<O>> {
    let dims = creation_shape(&shape)?;
    filled(dims, O::one())
}

/// An array of shape `dims` holding `value` everywhere, allocated fallibly:
/// numpy's `ValueError` for a byte size past `isize::MAX`, its `MemoryError`
/// ("Unable to allocate …") when the allocator refuses.
fn filled<O: NdNum>(dims: Vec<usize>, value: O) -> PyResult<ArrayD<O>> {
    let mut data = room_for::<O>(&dims)?;
    data.resize(data.capacity(), value);
    Ok(from_vec(dims, data))
}

/// An empty `Vec` with exactly the room an array of shape `dims` needs.
fn room_for<O: NdNum>(dims: &[usize]) -> PyResult<Vec<O>> {
    let n = super::array_elements(dims, std::mem::size_of::<O>())?;
    let mut data: Vec<O> = Vec::new();
    if data.try_reserve_exact(n).is_err() {
        return Err(PyErr::new(
            ExcKind::MemoryError,
            format!(
                "Unable to allocate {} for an array with shape {} and data type {}",
                numpy_size_string(n as u128 * std::mem::size_of::<O>() as u128),
                shape_repr(dims),
                O::NAME
            ),
        ));
    }
    Ok(data)
}

/// numpy's `_ArrayMemoryError._size_to_string`: `6.94 EiB`, `512. MiB`, `100 bytes`.
fn numpy_size_string(num_bytes: u128) -> String {
    const UNITS: [&str; 7] = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let bits = 128 - num_bytes.leading_zeros() as usize;
    let mut unit = (bits.saturating_sub(1)).max(1) / 10;
    let mut n_units = num_bytes as f64 / (1u128 << (unit * 10)) as f64;
    if n_units.round() == 1024.0 {
        unit += 1;
        n_units /= 1024.0;
    }
    if unit >= UNITS.len() {
        n_units *= (1u128 << ((unit - (UNITS.len() - 1)) * 10)) as f64;
        unit = UNITS.len() - 1;
    }
    let name = UNITS[unit];
    if unit == 0 {
        format!("{n_units:.0} {name}")
    } else if n_units.round() < 1000.0 {
        // `{:#.3g}`: three significant digits, keeping a trailing point.
        let digits = if n_units >= 99.95 {
            0
        } else if n_units >= 9.995 {
            1
        } else {
            2
        };
        if digits == 0 {
            format!("{n_units:.0}. {name}")
        } else {
            format!("{n_units:.digits$} {name}")
        }
    } else {
        format!("{n_units:.0}. {name}")
    }
}

/// `np.full_like(a, value)` and `np.zeros_like`/`np.ones_like` (`dtype=` gives `O`).
pub fn nd_full_like<A: NdNum, O: NdNum, V: NdScalar>(
    a: &ArrayD<A>,
    value: V,
) -> PyResult<ArrayD<O>> {
    Ok(ArrayD::from_elem(IxDyn(a.shape()), value.to_elem()?))
}

/// `np.zeros_like(a)`.
pub fn nd_zeros_like<A: NdNum, O: NdNum>(a: &ArrayD<A>) -> ArrayD<O> {
    ArrayD::from_elem(IxDyn(a.shape()), O::zero())
}

/// `np.ones_like(a)`.
pub fn nd_ones_like<A: NdNum, O: NdNum>(a: &ArrayD<A>) -> ArrayD<O> {
    ArrayD::from_elem(IxDyn(a.shape()), O::one())
}

/// `np.arange(start, stop, step)` over ints.
pub fn nd_arange_i<O: NdNum>(start: i64, stop: i64, step: i64) -> PyResult<ArrayD<O>> {
    if step == 0 {
        return Err(PyErr::zero_division("division by zero"));
    }
    let count = if step > 0 {
        if stop > start {
            (stop - start + step - 1) / step
        } else {
            0
        }
    } else if start > stop {
        (start - stop - step - 1) / (-step)
    } else {
        0
    };
    let mut data = room_for::<O>(&[count as usize])?;
    data.extend((0..count).map(|i| O::from_i64(start + i * step)));
    Ok(from_vec(vec![count as usize], data))
}

/// `np.arange(start, stop, step)` over floats.
pub fn nd_arange_f<O: NdNum>(start: f64, stop: f64, step: f64) -> PyResult<ArrayD<O>> {
    if step == 0.0 {
        return Err(PyErr::zero_division("float division by zero"));
    }
    let len = ((stop - start) / step).ceil();
    if len.is_nan() {
        return Err(PyErr::value_error("arange: cannot compute length"));
    }
    let count = if len > 0.0 { len as usize } else { 0 };
    let mut data = room_for::<O>(&[count])?;
    data.extend((0..count).map(|i| O::from_f64(start + i as f64 * step)));
    Ok(from_vec(vec![count], data))
}

/// `np.linspace(start, stop, num, endpoint)` of Python numbers, computed as numpy
/// computes it in float64: `i * step + start` with `step = (stop - start) / div`
/// (`(i / div) * delta + start` when the step is zero, `i * delta + start` when
/// `div` is 0), the last point set to `stop` with `endpoint`; an int dtype floors
/// the values before the cast (a bool dtype does not).
pub fn nd_linspace<O: NdNum>(
    start: f64,
    stop: f64,
    num: i64,
    endpoint: bool,
) -> PyResult<ArrayD<O>> {
    Ok(linspace_parts(start, stop, num, endpoint)?
        .0
        .mapv(|x| nd_cast::<f64, O>(if O::KIND == NdKind::Int { x.floor() } else { x })))
}

/// `np.linspace(..., retstep=True)`: the float64 points and the step, a numpy
/// float64 (the typing hook compiles it only where `div` is positive: numpy's
/// step is then `np.float64`, a Python float nan otherwise).
pub fn nd_linspace_step(
    start: f64,
    stop: f64,
    num: i64,
    endpoint: bool,
) -> PyResult<(ArrayD<f64>, ArrayD<f64>)> {
    let (y, step) = linspace_parts(start, stop, num, endpoint)?;
    Ok((y, scalar_array(step)))
}

fn linspace_parts(start: f64, stop: f64, num: i64, endpoint: bool) -> PyResult<(ArrayD<f64>, f64)> {
    if num < 0 {
        return Err(PyErr::value_error(format!(
            "Number of samples, {num}, must be non-negative."
        )));
    }
    let div = if endpoint { num - 1 } else { num };
    let delta = stop - start;
    let step = if div > 0 {
        delta / div as f64
    } else {
        f64::NAN
    };
    let mut data = room_for::<f64>(&[num as usize])?;
    data.extend((0..num).map(|i| {
        let i = i as f64;
        let y = if div <= 0 {
            i * delta
        } else if step == 0.0 {
            i / div as f64 * delta
        } else {
            i * step
        };
        y + start
    }));
    if endpoint
        && num > 1
        && let Some(last) = data.last_mut()
    {
        *last = stop;
    }
    Ok((from_vec(vec![num as usize], data), step))
}

/// `a.astype(dtype)`.
pub fn nd_astype<A: NdNum, O: NdNum>(a: &ArrayD<A>) -> ArrayD<O> {
    a.mapv(nd_cast)
}

/// `a.copy()`.
pub fn nd_copy<A: NdNum>(a: &ArrayD<A>) -> ArrayD<A> {
    a.clone()
}

fn only_0d<A: NdNum>(a: &ArrayD<A>) -> PyResult<A> {
    if a.ndim() != 0 {
        return Err(PyErr::type_error(
            "only 0-dimensional arrays can be converted to Python scalars",
        ));
    }
    a.iter()
        .next()
        .copied()
        .ok_or_else(|| internal("0-d array without an element"))
}

/// `float(a)` of a 0-d array.
pub fn nd_float<A: NdNum>(a: &ArrayD<A>) -> PyResult<f64> {
    Ok(only_0d(a)?.to_f64())
}

/// `int(a)` of a 0-d array (floats truncate; nan and inf raise as `int(float)`).
pub fn nd_int<A: NdNum>(a: &ArrayD<A>) -> PyResult<i64> {
    let v = only_0d(a)?;
    if A::KIND == NdKind::Float {
        let f = v.to_f64();
        if f.is_nan() {
            return Err(PyErr::value_error("cannot convert float NaN to integer"));
        }
        if f.is_infinite() {
            return Err(PyErr::overflow("cannot convert float infinity to integer"));
        }
        if !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f) {
            return Err(PyErr::overflow("int too large to convert to i64"));
        }
    }
    Ok(v.to_i64())
}

/// `round` of an array (not a numpy scalar): numpy's TypeError.
fn round_scalar_only<A: NdNum>(a: &ArrayD<A>) -> PyResult<()> {
    if a.ndim() != 0 {
        return Err(PyErr::type_error(
            "type numpy.ndarray doesn't define __round__ method",
        ));
    }
    Ok(())
}

/// `round(s, n)` of a numpy scalar: a numpy scalar of its dtype, rounded as
/// `np.round` rounds.
pub fn nd_round_scalar<A: NdNum>(a: &ArrayD<A>, ndigits: i64) -> PyResult<ArrayD<A>> {
    round_scalar_only(a)?;
    Ok(nd_round(a, ndigits))
}

/// `round(s)` of a numpy scalar: the Python int it rounds to (floats half to
/// even, as numpy's `__round__`; NaN and inf raise as `round` of a float does).
pub fn nd_round_int<A: NdNum>(a: &ArrayD<A>) -> PyResult<i64> {
    round_scalar_only(a)?;
    if A::KIND == NdKind::Float {
        super::float_round(nd_float(a)?)
    } else {
        nd_int(a)
    }
}

/// `a.item()`: the only element of a size-1 array, as a Python scalar.
pub fn nd_item_value<A: NdNum>(a: &ArrayD<A>) -> PyResult<A::Py> {
    if a.len() != 1 {
        return Err(PyErr::value_error(
            "can only convert an array of size 1 to a Python scalar",
        ));
    }
    Ok(a.iter()
        .next()
        .copied()
        .ok_or_else(|| internal("size-1 array"))?
        .to_py())
}

/// `bool(a)` / `if a:`: only arrays of one element have a truth value.
pub fn nd_truth<A: NdNum>(a: &ArrayD<A>) -> PyResult<bool> {
    match a.len() {
        1 => Ok(a.iter().next().is_some_and(|x| x.to_bool())),
        0 => Err(PyErr::value_error(
            "The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array is not empty.",
        )),
        _ => Err(PyErr::value_error(
            "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
        )),
    }
}

/// `len(a)`: the length of the first dimension.
pub fn nd_len<A>(a: &ArrayD<A>) -> PyResult<i64> {
    match a.shape().first() {
        Some(&n) => Ok(n as i64),
        None => Err(PyErr::type_error("len() of unsized object")),
    }
}

/// `a.ndim`.
pub fn nd_ndim<A>(a: &ArrayD<A>) -> i64 {
    a.ndim() as i64
}

/// `a.dtype`: known at compile time, so nothing at run time.
pub fn nd_dtype<A>(_a: &ArrayD<A>) {}

/// `str(a.dtype)`: numpy's name of the dtype.
pub fn nd_dtype_str<A: NdNum>(_dtype: &()) -> String {
    A::NAME.to_string()
}

/// `repr(a.dtype)`: `dtype('uint8')`.
pub fn nd_dtype_repr<A: NdNum>(_dtype: &()) -> String {
    format!("dtype('{}')", A::NAME)
}

/// `a.size`.
pub fn nd_size<A>(a: &ArrayD<A>) -> i64 {
    a.len() as i64
}

/// The properties `a.nbytes` and `a.itemsize`: each element's Rust type has numpy's
/// item size (bool 1, float16 2, ...).
pub fn nd_nbytes<A>(a: &ArrayD<A>) -> i64 {
    (a.len() * std::mem::size_of::<A>()) as i64
}

pub fn nd_itemsize<A>(_a: &ArrayD<A>) -> i64 {
    std::mem::size_of::<A>() as i64
}

/// `a.tobytes()`: the elements in C order, each as its little-endian bytes (numpy's
/// native order on the platforms pycomp builds for).
pub fn nd_tobytes<A: NdNum>(a: &ArrayD<A>) -> super::Bytes {
    let mut out = Vec::with_capacity(a.len() * std::mem::size_of::<A>());
    for &x in a.iter() {
        x.write_le(&mut out);
    }
    super::Bytes(out)
}

/// `a.shape` of an array whose rank is not known at compile time: a list.
pub fn nd_shape_tuple<A>(a: &ArrayD<A>) -> super::Tuple<i64> {
    a.shape().iter().map(|&d| d as i64).collect()
}

fn rank_check<A>(a: &ArrayD<A>, n: usize) -> PyResult<()> {
    if a.ndim() != n {
        return Err(internal(&format!(
            "expected a {n}-dimensional array, got {}",
            a.ndim()
        )));
    }
    Ok(())
}

/// `a.shape` of a 1-D array.
pub fn nd_shape1<A>(a: &ArrayD<A>) -> PyResult<(i64,)> {
    rank_check(a, 1)?;
    Ok((a.shape()[0] as i64,))
}

/// `a.shape` of a 2-D array.
pub fn nd_shape2<A>(a: &ArrayD<A>) -> PyResult<(i64, i64)> {
    rank_check(a, 2)?;
    let s = a.shape();
    Ok((s[0] as i64, s[1] as i64))
}

/// `a.shape` of a 3-D array.
pub fn nd_shape3<A>(a: &ArrayD<A>) -> PyResult<(i64, i64, i64)> {
    rank_check(a, 3)?;
    let s = a.shape();
    Ok((s[0] as i64, s[1] as i64, s[2] as i64))
}

/// `a.shape` of a 4-D array.
pub fn nd_shape4<A>(a: &ArrayD<A>) -> PyResult<(i64, i64, i64, i64)> {
    rank_check(a, 4)?;
    let s = a.shape();
    Ok((s[0] as i64, s[1] as i64, s[2] as i64, s[3] as i64))
}

/// `a.tolist()` of a 0-d array: the Python scalar.
pub fn nd_tolist0<A: NdNum>(a: &ArrayD<A>) -> PyResult<A::Py> {
    rank_check(a, 0)?;
    nd_item_value(a)
}

/// `a.tolist()` of a 1-D array.
pub fn nd_tolist1<A: NdNum>(a: &ArrayD<A>) -> PyResult<Vec<A::Py>> {
    rank_check(a, 1)?;
    Ok(a.iter().map(|x| x.to_py()).collect())
}

/// `a.tolist()` of a 2-D array.
pub fn nd_tolist2<A: NdNum>(a: &ArrayD<A>) -> PyResult<Vec<Vec<A::Py>>> {
    rank_check(a, 2)?;
    Ok(a.outer_iter()
        .map(|r| r.iter().map(|x| x.to_py()).collect())
        .collect())
}

/// `a.tolist()` of a 3-D array.
pub fn nd_tolist3<A: NdNum>(a: &ArrayD<A>) -> PyResult<Vec<Vec<Vec<A::Py>>>> {
    rank_check(a, 3)?;
    Ok(a.outer_iter()
        .map(|m| {
            m.outer_iter()
                .map(|r| r.iter().map(|x| x.to_py()).collect())
                .collect()
        })
        .collect())
}

/// `a.tolist()` of an array whose rank is not known at compile time: nested
/// lists of Python scalars as a dynamic value (a 0-d array gives the scalar).
pub fn nd_tolist_obj<A: NdNum>(a: &ArrayD<A>) -> super::Obj {
    fn level<A: NdNum>(v: ArrayViewD<'_, A>) -> super::Obj {
        if v.ndim() == 0 {
            let x = v.iter().next().copied().unwrap_or_default();
            return match A::KIND {
                NdKind::Bool => super::Obj::Bool(x.to_bool()),
                NdKind::Int => super::Obj::Int(x.to_i64()),
                NdKind::Float => super::Obj::Float(x.to_f64()),
            };
        }
        super::Obj::List(v.outer_iter().map(level).collect())
    }
    level(a.view())
}

// ---------------------------------------------------------------------------
// Iteration and numpy scalars
//
// A numpy scalar (an item of a 1-D array, `np.float32(x)`) is compiled as a
// 0-d array of its dtype: arithmetic, comparisons and promotion are then the
// array ops', which numpy defines the same way for scalars (NEP 50 treats both
// as strong). Only printing differs between the two, and `nd_scalar_str` /
// `nd_scalar_repr` / `nd_scalar_format` print as numpy's scalars do.
// ---------------------------------------------------------------------------

/// `for x in a`: the sub-arrays along the first axis, copied (the items of a
/// 1-D array are 0-d arrays: numpy scalars). A 0-d array raises TypeError.
pub fn nd_iter<A: NdNum>(a: &ArrayD<A>) -> PyResult<std::vec::IntoIter<ArrayD<A>>> {
    if a.ndim() == 0 {
        return Err(PyErr::type_error("iteration over a 0-d array"));
    }
    Ok(a.outer_iter()
        .map(|v| v.to_owned())
        .collect::<Vec<_>>()
        .into_iter())
}

/// `x in a`: `(a == x).any()`.
pub fn nd_contains<A, S>(a: &ArrayD<A>, x: S) -> PyResult<bool>
where
    A: NdNum + NdWeak<S>,
    S: NdScalar,
{
    let eq = nd_compare_s(NdCmp::Eq, a, x)?;
    Ok(eq.iter().any(|&b| b))
}

/// The element of a numpy scalar (a 0-d array); an array of another rank
/// raises as numpy does where it needs a scalar.
fn scalar_of<A: NdNum>(a: &ArrayD<A>) -> PyResult<A> {
    only_0d(a)
}

/// `xs[i]` with a numpy integer `i`: its value as a Python int. numpy raises
/// TypeError for float and bool scalars and for arrays of any other rank.
pub fn nd_index_int<A: NdNum>(a: &ArrayD<A>) -> PyResult<i64> {
    if A::KIND != NdKind::Int || a.ndim() != 0 {
        return Err(PyErr::type_error(
            "only integer scalar arrays can be converted to a scalar index",
        ));
    }
    Ok(scalar_of(a)?.to_i64())
}

/// numpy's shortest repr of a float32 or float16 scalar (of its own width's
/// digits): positional from 1e-4 up to 1e6 for float32, 1e3 for float16 (float64
/// switches at 1e16), else scientific with a sign and at least two exponent digits.
fn small_float_str(x: f64, w: FloatWidth) -> String {
    if x.is_nan() {
        return String::from("nan");
    }
    if x.is_infinite() {
        return String::from(if x > 0.0 { "inf" } else { "-inf" });
    }
    let a = x.abs();
    let top = if w == FloatWidth::F16 { 1e3 } else { 1e6 };
    // shortest round-trip digits, "-1.2345679e8", with a tie between two shortest
    // candidates broken to even as numpy's Dragon4 does (Rust's breaks it upwards:
    // -48345.3125 is "-48345.312" in numpy)
    let sci = shortest_even(x, w);
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if a == 0.0 || (1e-4..top).contains(&a) {
        let neg = mantissa.starts_with('-');
        let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
        let point = exp + 1; // digits before the decimal point
        let mut out = String::from(if neg { "-" } else { "" });
        if point <= 0 {
            out.push_str("0.");
            out.push_str(&"0".repeat((-point) as usize));
            out.push_str(&digits);
        } else if point as usize >= digits.len() {
            out.push_str(&digits);
            out.push_str(&"0".repeat(point as usize - digits.len()));
            out.push_str(".0");
        } else {
            out.push_str(&digits[..point as usize]);
            out.push('.');
            out.push_str(&digits[point as usize..]);
        }
        return out;
    }
    format!("{mantissa}e{exp:+03}")
}

/// `str(x)` of a numpy scalar (a 0-d array): `0.1` for `np.float32(0.1)`; of an
/// array of rank >= 1, numpy's `[1.5  2.25]`.
pub fn nd_scalar_str<A: NdNum>(a: &ArrayD<A>) -> PyResult<String> {
    if a.ndim() != 0 {
        return Ok(nd_array_str(a));
    }
    let x = scalar_of(a)?;
    Ok(match (A::KIND, A::DTYPE) {
        (NdKind::Float, DType::Float32) => small_float_str(x.to_f64(), FloatWidth::F32),
        (NdKind::Float, DType::Float16) => small_float_str(x.to_f64(), FloatWidth::F16),
        (NdKind::Float, _) => super::float_repr(x.to_f64()),
        (NdKind::Int, _) => x.to_i64().to_string(),
        (NdKind::Bool, _) => super::bool_to_str(x.to_bool()),
    })
}

/// `repr(x)` of a numpy scalar: `np.float32(0.1)`, `np.int64(3)`, `np.True_`;
/// of an array of rank >= 1, numpy's `array([...])`.
pub fn nd_scalar_repr<A: NdNum>(a: &ArrayD<A>) -> PyResult<String> {
    if a.ndim() != 0 {
        return Ok(nd_array_repr(a));
    }
    let x = scalar_of(a)?;
    if A::KIND == NdKind::Bool {
        return Ok(String::from(if x.to_bool() {
            "np.True_"
        } else {
            "np.False_"
        }));
    }
    Ok(format!("np.{}({})", A::NAME, nd_scalar_str(a)?))
}

/// `format(x, spec)` / `f"{x:spec}"` of a numpy scalar: numpy formats the
/// Python scalar (`f"{np.float32(0.1)}"` is `0.10000000149011612`).
pub fn nd_scalar_format<A: NdNum>(a: &ArrayD<A>, spec: &str) -> PyResult<String> {
    if a.ndim() != 0 {
        if spec.is_empty() {
            return Ok(nd_array_str(a));
        }
        return Err(PyErr::type_error(
            "unsupported format string passed to numpy.ndarray.__format__",
        ));
    }
    let x = scalar_of(a)?;
    match A::KIND {
        NdKind::Float => super::format_float(x.to_f64(), spec),
        NdKind::Int => super::format_int(x.to_i64(), spec),
        NdKind::Bool => super::format_bool(x.to_bool(), spec),
    }
}

// ---------------------------------------------------------------------------
// The ABI: arrays cross as PCV ndarrays (docs/abi.md)
// ---------------------------------------------------------------------------

impl<T: NdNum> Encode for ArrayD<T> {
    fn encode(&self, out: &mut Writer) {
        let size = T::DTYPE.item_size();
        out.ndarray_header(T::DTYPE, self.shape(), self.len() * size);
        if let (true, Some(items)) = (cfg!(target_endian = "little"), self.as_slice()) {
            // SAFETY: the element types are floats, ints, bool and `f16` (a
            // `repr(transparent)` u16 of the bits): plain data without padding whose
            // little-endian bytes are the PCV encoding (a bool is one byte, 0 or 1);
            // `items` is valid for `len * size` bytes.
            let bytes = unsafe {
                std::slice::from_raw_parts(items.as_ptr().cast::<u8>(), items.len() * size)
            };
            out.bytes(bytes);
            return;
        }
        let mut bytes = Vec::with_capacity(self.len() * size);
        for &x in self.iter() {
            x.write_le(&mut bytes);
        }
        out.bytes(&bytes);
    }
}

impl<T: NdNum> Decode for ArrayD<T> {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.expect_tag(tag::NDARRAY, Self::type_name)?;
        let p = r.ndarray_rest(Self::type_name)?;
        if p.dtype != T::DTYPE {
            return Err(DecodeError::malformed(
                Self::type_name(),
                format!("an ndarray of dtype {}", p.dtype.name()),
            ));
        }
        Ok(array_of_payload(p.shape, p.data))
    }
    fn type_name() -> String {
        format!("ndarray[{}]", T::NAME)
    }
}

/// The array of an ndarray payload whose dtype is `T`'s.
fn array_of_payload<T: NdNum>(shape: Vec<usize>, data: &[u8]) -> ArrayD<T> {
    let size = T::DTYPE.item_size();
    let n = data.len() / size;
    let items: Vec<T> = if cfg!(target_endian = "little") && T::KIND != NdKind::Bool {
        let mut items: Vec<T> = Vec::with_capacity(n);
        // SAFETY: the float and int types accept every bit pattern; `data` holds
        // exactly `n * size` bytes and `items` has room for `n` elements.
        unsafe {
            std::ptr::copy_nonoverlapping(
                data.as_ptr(),
                items.as_mut_ptr().cast::<u8>(),
                data.len(),
            );
            items.set_len(n);
        }
        items
    } else {
        data.chunks_exact(size).map(T::read_le).collect()
    };
    from_vec(shape, items)
}

/// A numpy array of one of the dtypes compiled code handles, its dtype known at
/// run time only: an array parameter of an entry point annotated `np.ndarray`
/// without a dtype (the entry dispatches on it to the copy of the function
/// compiled for that dtype, docs/language.md, "numpy"; a returned array whose
/// dtype follows the arguments' is one too), and a model's output or an owned
/// feed of `session.run` (`pcrt::onnx`).
#[derive(Clone, Debug, PartialEq)]
pub enum NdAny {
    Float32(ArrayD<f32>),
    Float64(ArrayD<f64>),
    Int64(ArrayD<i64>),
    Int32(ArrayD<i32>),
    Bool(ArrayD<bool>),
    Int8(ArrayD<i8>),
    UInt8(ArrayD<u8>),
    Int16(ArrayD<i16>),
    UInt16(ArrayD<u16>),
    UInt32(ArrayD<u32>),
    Float16(ArrayD<f16>),
}

impl NdAny {
    /// numpy's name of the array's dtype.
    pub fn dtype_name(&self) -> &'static str {
        match self {
            NdAny::Float32(_) => "float32",
            NdAny::Float64(_) => "float64",
            NdAny::Int64(_) => "int64",
            NdAny::Int32(_) => "int32",
            NdAny::Bool(_) => "bool",
            NdAny::Int8(_) => "int8",
            NdAny::UInt8(_) => "uint8",
            NdAny::Int16(_) => "int16",
            NdAny::UInt16(_) => "uint16",
            NdAny::UInt32(_) => "uint32",
            NdAny::Float16(_) => "float16",
        }
    }

    /// The array's shape.
    pub fn shape(&self) -> &[usize] {
        match self {
            NdAny::Float32(a) => a.shape(),
            NdAny::Float64(a) => a.shape(),
            NdAny::Int64(a) => a.shape(),
            NdAny::Int32(a) => a.shape(),
            NdAny::Bool(a) => a.shape(),
            NdAny::Int8(a) => a.shape(),
            NdAny::UInt8(a) => a.shape(),
            NdAny::Int16(a) => a.shape(),
            NdAny::UInt16(a) => a.shape(),
            NdAny::UInt32(a) => a.shape(),
            NdAny::Float16(a) => a.shape(),
        }
    }

    /// The `TypeError` of an entry point given an array of a dtype it was not
    /// compiled for (`accepted`: the dtypes it takes, in the manifest's order;
    /// `context`: ` when 'x' is ndarray[float32]` where another array decides them).
    pub fn dtype_error(&self, func: &str, param: &str, accepted: &[&str], context: &str) -> PyErr {
        PyErr::type_error(format!(
            "{func}() argument '{param}' must be {}{context}, not ndarray[{}]",
            accepted_dtypes(accepted),
            self.dtype_name()
        ))
    }
}

/// `ndarray of dtype float32, float64 or int64`: the arrays an entry point takes.
pub fn accepted_dtypes(accepted: &[&str]) -> String {
    match accepted {
        [] => "ndarray".into(),
        [one] => format!("ndarray of dtype {one}"),
        [rest @ .., last] => format!("ndarray of dtype {} or {last}", rest.join(", ")),
    }
}

macro_rules! nd_any_from {
    ($($t:ty => $variant:ident),+) => {$(
        impl<D: ndarray::Dimension> From<ndarray::Array<$t, D>> for NdAny {
            fn from(a: ndarray::Array<$t, D>) -> NdAny {
                NdAny::$variant(a.into_dyn())
            }
        }
    )+};
}

nd_any_from!(
    f32 => Float32,
    f64 => Float64,
    i64 => Int64,
    i32 => Int32,
    bool => Bool,
    i8 => Int8,
    u8 => UInt8,
    i16 => Int16,
    u16 => UInt16,
    u32 => UInt32,
    f16 => Float16
);

impl Encode for NdAny {
    fn encode(&self, out: &mut Writer) {
        match self {
            NdAny::Float32(a) => a.encode(out),
            NdAny::Float64(a) => a.encode(out),
            NdAny::Int64(a) => a.encode(out),
            NdAny::Int32(a) => a.encode(out),
            NdAny::Bool(a) => a.encode(out),
            NdAny::Int8(a) => a.encode(out),
            NdAny::UInt8(a) => a.encode(out),
            NdAny::Int16(a) => a.encode(out),
            NdAny::UInt16(a) => a.encode(out),
            NdAny::UInt32(a) => a.encode(out),
            NdAny::Float16(a) => a.encode(out),
        }
    }
}

impl Decode for NdAny {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.expect_tag(tag::NDARRAY, Self::type_name)?;
        let p = r.ndarray_rest(Self::type_name)?;
        Ok(match p.dtype {
            DType::Float32 => NdAny::Float32(array_of_payload(p.shape, p.data)),
            DType::Float64 => NdAny::Float64(array_of_payload(p.shape, p.data)),
            DType::Int64 => NdAny::Int64(array_of_payload(p.shape, p.data)),
            DType::Int32 => NdAny::Int32(array_of_payload(p.shape, p.data)),
            DType::Bool => NdAny::Bool(array_of_payload(p.shape, p.data)),
            DType::Int8 => NdAny::Int8(array_of_payload(p.shape, p.data)),
            DType::UInt8 => NdAny::UInt8(array_of_payload(p.shape, p.data)),
            DType::Int16 => NdAny::Int16(array_of_payload(p.shape, p.data)),
            DType::UInt16 => NdAny::UInt16(array_of_payload(p.shape, p.data)),
            DType::UInt32 => NdAny::UInt32(array_of_payload(p.shape, p.data)),
            DType::Float16 => NdAny::Float16(array_of_payload(p.shape, p.data)),
        })
    }
    fn type_name() -> String {
        "ndarray".into()
    }
}

// ---------------------------------------------------------------------------
// Typed C entry points (pcrt::cabi): array arguments and tensor results
// ---------------------------------------------------------------------------

/// An ndarray argument of a typed entry point, from a `pycomp_view`
/// (copied: the compiled function owns its arrays).
///
/// # Safety
///
/// As for [`super::cabi::view_arg`].
pub unsafe fn nd_view_arg<T: NdNum>(
    v: *const super::cabi::pycomp_view,
    name: &str,
    ndim: Option<usize>,
) -> Result<ArrayD<T>, super::cabi::CallError> {
    let declared = match ndim {
        Some(n) => format!("ndarray[{}, ndim={n}]", T::NAME),
        None => format!("ndarray[{}]", T::NAME),
    };
    let code = i32::from(T::DTYPE.code());
    // SAFETY: forwarded from this function's contract.
    let (shape, items) = unsafe { super::cabi::view_arg::<T>(v, name, code, ndim, &declared)? };
    Ok(from_vec(shape, items.to_vec()))
}

macro_rules! nd_into_c {
    ($($t:ty => $tensor:ident),+) => {$(
        impl super::cabi::IntoC for ArrayD<$t> {
            type C = super::cabi::$tensor;
            fn into_c(self) -> Result<Self::C, super::cabi::CallError> {
                match self.as_slice() {
                    Some(items) => super::cabi::$tensor::new(self.shape(), items),
                    None => {
                        let items: Vec<$t> = self.iter().copied().collect();
                        super::cabi::$tensor::new(self.shape(), &items)
                    }
                }
            }
        }
    )+};
}

nd_into_c!(
    f32 => pycomp_tensor_f32,
    f64 => pycomp_tensor_f64,
    i32 => pycomp_tensor_i32,
    i64 => pycomp_tensor_i64,
    bool => pycomp_tensor_bool
);

// ---------------------------------------------------------------------------
// numpy scalar constructors: `np.float32(x)`, `np.int64(x)` ... of a Python
// number give a numpy scalar (a 0-d array); of an array, the array cast.
// ---------------------------------------------------------------------------

/// `np.int32(n)` and the like of a Python int: numpy's OverflowError when `n`
/// is out of the dtype's range (int32), else the value as that dtype.
pub fn nd_scalar_of_int<O: NdNum>(n: i64) -> PyResult<ArrayD<O>> {
    if O::KIND == NdKind::Int && !O::fits_i64(n) {
        return Err(PyErr::new(
            ExcKind::OverflowError,
            format!("Python integer {n} out of bounds for {}", O::NAME),
        ));
    }
    let v = match O::KIND {
        NdKind::Float => O::from_f64(n as f64), // numpy goes through a C double
        _ => O::from_i64(n),
    };
    Ok(ArrayD::from_elem(IxDyn(&[]), v))
}

/// `np.int64(x)` and the like of a Python float: an int dtype truncates toward
/// zero with int()'s errors for NaN and infinities and numpy's for values out of
/// range; a float dtype rounds (float32: to nearest, inf past its range).
pub fn nd_scalar_of_float<O: NdNum>(x: f64) -> PyResult<ArrayD<O>> {
    let v = match O::KIND {
        NdKind::Float => O::from_f64(x),
        NdKind::Bool => O::from_bool(x != 0.0),
        NdKind::Int => {
            if x.is_nan() {
                return Err(PyErr::value_error("cannot convert float NaN to integer"));
            }
            if x.is_infinite() {
                return Err(PyErr::new(
                    ExcKind::OverflowError,
                    "cannot convert float infinity to integer",
                ));
            }
            let t = x.trunc();
            if !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&t) {
                return Err(PyErr::new(
                    ExcKind::OverflowError,
                    "Python int too large to convert to C long",
                ));
            }
            return nd_scalar_of_int(t as i64);
        }
    };
    Ok(ArrayD::from_elem(IxDyn(&[]), v))
}

// ---------------------------------------------------------------------------
// np.cumsum, np.unique
// ---------------------------------------------------------------------------

/// The running sums (`add`) or products of one lane, in the accumulator's
/// dtype, one element after the other (numpy's order; ints wrap as numpy's).
fn running<A: NdSumOut>(
    lane: &[A],
    start: NdSumOf<A>,
    step: fn(NdSumOf<A>, NdSumOf<A>) -> NdSumOf<A>,
) -> Vec<NdSumOf<A>> {
    let mut acc = start;
    lane.iter()
        .map(|&x| {
            acc = step(acc, nd_cast(x));
            acc
        })
        .collect()
}

/// One step of a running sum or product.
type Step<T> = fn(T, T) -> T;

/// `np.cumsum(a, axis)` / `np.cumprod(a, axis)`: running sums or products along
/// `axis` (numpy's AxisError out of range); a 0-d array is one element, as numpy
/// takes it.
fn cumulative<A: NdSumOut>(
    a: &ArrayD<A>,
    axis: Option<i64>,
    product: bool,
) -> PyResult<ArrayD<NdSumOf<A>>> {
    let (start, step): (NdSumOf<A>, Step<NdSumOf<A>>) = if product {
        (NdSumOf::<A>::one(), NdNum::mul)
    } else {
        (NdSumOf::<A>::zero(), NdNum::add)
    };
    match axis {
        Some(axis) if a.ndim() > 0 => lanes_sorted(a, axis, |lane| running(lane, start, step)),
        _ => {
            if let Some(axis) = axis {
                nd_axis(axis, 1)?; // a 0-d array: one axis, as numpy takes it
            }
            let flat: Vec<A> = a.iter().copied().collect();
            Ok(vec1(running(&flat, start, step)))
        }
    }
}

/// `np.cumsum(a)` (flattened, `axis=None`) / `np.cumsum(a, axis)`.
pub fn nd_cumsum<A: NdSumOut>(a: &ArrayD<A>, axis: Option<i64>) -> PyResult<ArrayD<NdSumOf<A>>> {
    cumulative(a, axis, false)
}

/// `np.cumprod(a)` (flattened) / `np.cumprod(a, axis)`: float32 multiplies in
/// float32 element after element, ints wrap as numpy's.
pub fn nd_cumprod<A: NdSumOut>(a: &ArrayD<A>, axis: Option<i64>) -> PyResult<ArrayD<NdSumOf<A>>> {
    cumulative(a, axis, true)
}

/// numpy's checks of a partition: the axis (AxisError; a 0-d array has none),
/// then `kth` against the lane's length (negative counts from the end; numpy's
/// ValueError `kth(=5) out of bounds (5)` names it counted).
fn check_kth<A: NdNum>(a: &ArrayD<A>, kth: i64, axis: i64) -> PyResult<()> {
    if a.ndim() == 0 {
        return Err(PyErr::value_error(format!(
            "axis {axis} is out of bounds for array of dimension 0"
        )));
    }
    let n = a.shape()[nd_axis(axis, a.ndim())?] as i64;
    if a.is_empty() {
        return Ok(()); // numpy returns an empty array before looking at `kth`
    }
    let k = if kth < 0 { kth + n } else { kth };
    if k < 0 || k >= n {
        return Err(PyErr::value_error(format!("kth(={k}) out of bounds ({n})")));
    }
    Ok(())
}

/// `np.partition(a, kth, axis)`: numpy guarantees the `kth` element in its sorted
/// place, no greater one before it and no smaller one after; the order inside the
/// two parts is left unspecified (and differs between numpy's CPU-dependent
/// select kernels). Compiled code sorts the lane: the guarantee holds, and both
/// parts come in ascending order (docs/language.md).
pub fn nd_partition<A: NdNum>(a: &ArrayD<A>, kth: i64, axis: i64) -> PyResult<ArrayD<A>> {
    check_kth(a, kth, axis)?;
    nd_sort(a, axis, "stable")
}

/// `np.argpartition(a, kth, axis)`: the indices of `np.partition`, from a stable
/// sort (so equal keys keep their order; numpy leaves it unspecified). A 0-d
/// array is taken as one element, as numpy's `argpartition` takes it.
pub fn nd_argpartition<A: NdNum>(a: &ArrayD<A>, kth: i64, axis: i64) -> PyResult<ArrayD<i64>> {
    if a.ndim() == 0 {
        return nd_argpartition(&vec1(a.iter().copied().collect()), kth, axis);
    }
    check_kth(a, kth, axis)?;
    nd_argsort(a, axis, "stable")
}

/// The positions an integer index array picks along an axis of length `n`
/// (negative from the end; numpy's IndexError names the indexed array's `axis`).
fn take_positions<I: NdNum>(ids: &ArrayD<I>, n: usize, axis: usize) -> PyResult<Vec<usize>> {
    if I::KIND != NdKind::Int {
        return Err(PyErr::index_error(
            "arrays used as indices must be of integer (or boolean) type",
        ));
    }
    ids.iter()
        .map(|x| axis_position(x.to_i64(), n, axis))
        .collect()
}

/// Index `i` along an axis of length `n` (negative from the end), or numpy's
/// IndexError naming the indexed array's `axis`.
fn axis_position(i: i64, n: usize, axis: usize) -> PyResult<usize> {
    let n = n as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(PyErr::index_error(format!(
            "index {i} is out of bounds for axis {axis} with size {n}"
        )));
    }
    Ok(j as usize)
}

/// The shape `a[:, ids]` gives from `b`, `a` indexed by the basic items: `ids`'s
/// shape at `pos`, or first when `front`; and the axis order taking `b`'s
/// dimensions with `ids` flattened at `pos` to it.
fn take_shape(b: &[usize], ids: &[usize], pos: usize, front: bool) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(b.len() + ids.len());
    if front {
        out.extend_from_slice(ids);
        out.extend_from_slice(&b[..pos]);
    } else {
        out.extend_from_slice(&b[..pos]);
        out.extend_from_slice(ids);
    }
    out.extend_from_slice(&b[pos + 1..]);
    out
}

/// `a[:, ids]`, `a[ids, 1:]`, `a[0, ids]`: one integer index array among basic
/// items. `b` is `a` indexed by the basic items (the array's own item a full
/// slice); the array picks along `b`'s axis `pos` (axis `axis` of `a`, named in
/// numpy's IndexError), and its dimensions stand there, or first when `front`
/// (numpy's rule when the array and the ints are not next to each other).
pub fn nd_take_indices<T: NdNum, I: NdNum>(
    b: &ArrayD<T>,
    ids: &ArrayD<I>,
    pos: i64,
    axis: i64,
    front: bool,
) -> PyResult<ArrayD<T>> {
    let pos = pos as usize;
    let rows = take_positions(ids, b.shape()[pos], axis as usize)?;
    let picked = b.select(Axis(pos), &rows); // `ids` flattened at `pos`
    let mut moved = picked.view();
    if front {
        let mut perm: Vec<usize> = vec![pos];
        perm.extend((0..b.ndim()).filter(|&d| d != pos));
        moved = moved.permuted_axes(IxDyn(&perm));
    }
    let shape = take_shape(b.shape(), ids.shape(), pos, front);
    let data: Vec<T> = moved.iter().copied().collect(); // row-major
    Ok(from_vec(shape, data))
}

/// `a[:, ids] = v`: the elements `a[:, ids]` reads set from `v`, broadcast to that
/// shape (numpy's ValueError 'shape mismatch: ...') and cast as numpy's assignment
/// casts; a position picked twice keeps the last value. `take` holds the basic
/// items (the array's own item a full slice), the array, `pos`, `axis`, `front`.
pub fn nd_set_take<T: NdNum, I: NdNum, B: NdNum>(
    a: &mut ArrayD<T>,
    take: &(Vec<NdIx>, ArrayD<I>, i64, i64, bool),
    v: ArrayD<B>,
) -> PyResult<()> {
    let (ix, ids, pos, axis, front) = take;
    let (pos, front) = (*pos as usize, *front);
    let info = basic_index(a.shape(), ix)?;
    let mut target = a.slice_mut(info);
    let rows = take_positions(ids, target.shape()[pos], *axis as usize)?;
    let shape = take_shape(target.shape(), ids.shape(), pos, front);
    let src = assign_source(&v, &shape).ok_or_else(|| shape_mismatch(v.shape(), &shape))?;
    // `src` with the array's dimensions flattened into one, at `pos`
    let lead = if front { 0 } else { pos };
    let mut flat_shape: Vec<usize> = shape[..lead].to_vec();
    flat_shape.push(rows.len());
    flat_shape.extend_from_slice(&shape[lead + ids.ndim()..]);
    let data: Vec<B> = src.iter().copied().collect();
    let flat = from_vec(flat_shape, data);
    for (k, &r) in rows.iter().enumerate() {
        let part = flat.index_axis(Axis(lead), k);
        let mut dest = target.index_axis_mut(Axis(pos), r);
        // with `front`, the rest of `part` is `b`'s dimensions without `pos`, in order
        Zip::from(&mut dest)
            .and(&part)
            .for_each(|t, &x| *t = nd_cast(x));
    }
    Ok(())
}

/// `a[:, ids] = x` with a Python scalar (converted as `a[i, :n] = x` converts it).
pub fn nd_set_take_s<T: NdNum, I: NdNum, S: NdScalar>(
    a: &mut ArrayD<T>,
    take: &(Vec<NdIx>, ArrayD<I>, i64, i64, bool),
    v: S,
) -> PyResult<()> {
    let value: T = v.to_elem()?;
    nd_set_take(a, take, from_vec(Vec::new(), vec![value]))
}

/// The distinct values of the flattened array in numpy's order (NaN last, all
/// NaNs as one), each with the index of its first occurrence and its count.
fn unique_parts<A: NdNum>(a: &ArrayD<A>) -> (Vec<A>, Vec<i64>, Vec<i64>) {
    let flat: Vec<A> = a.iter().copied().collect();
    let mut order: Vec<usize> = (0..flat.len()).collect();
    order.sort_by(|&i, &j| total_cmp(&flat[i], &flat[j])); // stable: first occurrence first
    let (mut values, mut first, mut counts) = (Vec::new(), Vec::new(), Vec::new());
    for i in order {
        let v = flat[i];
        let same = values
            .last()
            .is_some_and(|&last: &A| last == v || (last.is_nan() && v.is_nan()));
        if same {
            if let Some(c) = counts.last_mut() {
                *c += 1;
            }
        } else {
            values.push(v);
            first.push(i as i64);
            counts.push(1);
        }
    }
    (values, first, counts)
}

fn vec1<T: NdNum>(v: Vec<T>) -> ArrayD<T> {
    let n = v.len();
    // a 1-D shape of the vector's own length always fits
    ArrayD::from_shape_vec(IxDyn(&[n]), v)
        .unwrap_or_else(|_| ArrayD::from_elem(IxDyn(&[0]), T::zero()))
}

/// `np.unique(a)`: the sorted distinct values of the flattened array.
pub fn nd_unique<A: NdNum>(a: &ArrayD<A>) -> ArrayD<A> {
    vec1(unique_parts(a).0)
}

/// `np.unique(a, return_counts=True)`: the values and how often each occurs.
pub fn nd_unique_counts<A: NdNum>(a: &ArrayD<A>) -> (ArrayD<A>, ArrayD<i64>) {
    let (values, _, counts) = unique_parts(a);
    (vec1(values), vec1(counts))
}

/// `np.unique(a, return_inverse=True)`: the values and, for each element, the
/// index of its value among them (in the array's shape, as numpy 2 gives it).
pub fn nd_unique_inverse<A: NdNum>(a: &ArrayD<A>) -> (ArrayD<A>, ArrayD<i64>) {
    let (values, inverse, _) = unique_inverse_parts(a);
    (values, inverse)
}

/// `np.unique(a, return_inverse=True, return_counts=True)`.
pub fn nd_unique_inverse_counts<A: NdNum>(a: &ArrayD<A>) -> (ArrayD<A>, ArrayD<i64>, ArrayD<i64>) {
    unique_inverse_parts(a)
}

fn unique_inverse_parts<A: NdNum>(a: &ArrayD<A>) -> (ArrayD<A>, ArrayD<i64>, ArrayD<i64>) {
    let (values, _, counts) = unique_parts(a);
    let inverse: Vec<i64> = a
        .iter()
        .map(|x| {
            // the values are sorted (NaN last, one NaN): the first not below x
            values.partition_point(|v| total_cmp(v, x) == std::cmp::Ordering::Less) as i64
        })
        .collect();
    (
        vec1(values),
        from_vec(a.shape().to_vec(), inverse),
        vec1(counts),
    )
}

/// `np.unique(a, return_index=True)`: the values and their first indices.
pub fn nd_unique_index<A: NdNum>(a: &ArrayD<A>) -> (ArrayD<A>, ArrayD<i64>) {
    let (values, first, _) = unique_parts(a);
    (vec1(values), vec1(first))
}

/// `np.unique(a, return_index=True, return_counts=True)`.
pub fn nd_unique_index_counts<A: NdNum>(a: &ArrayD<A>) -> (ArrayD<A>, ArrayD<i64>, ArrayD<i64>) {
    let (values, first, counts) = unique_parts(a);
    (vec1(values), vec1(first), vec1(counts))
}

// ---------------------------------------------------------------------------
// np.searchsorted
// ---------------------------------------------------------------------------

/// numpy's check of `side=`: "left" or "right"; another word starting with l or r
/// (in either case) and anything else have two different messages.
fn search_side(side: &str) -> PyResult<bool> {
    match side {
        "left" => Ok(false),
        "right" => Ok(true),
        _ if side.starts_with(['l', 'L', 'r', 'R']) => Err(PyErr::value_error(
            "search side must be one of 'left' or 'right'",
        )),
        _ => Err(PyErr::value_error(format!(
            "search side must be 'left' or 'right' (got '{side}')"
        ))),
    }
}

/// An element of one of two arrays in their common dtype (a search's `a` and `v`,
/// `np.array_equal`'s two arrays): f64 when either is a float (ordered NaN last,
/// as numpy's sort), i64 otherwise (bools as 0 and 1).
#[derive(Clone, Copy, PartialEq, PartialOrd)]
enum SearchKey {
    F(f64),
    I(i64),
}

impl SearchKey {
    fn of<T: NdNum>(x: T, float: bool) -> SearchKey {
        if float {
            SearchKey::F(x.to_f64())
        } else {
            SearchKey::I(x.to_i64())
        }
    }

    /// numpy's `Tag::less`: NaN sorts after every number.
    fn less(self, o: SearchKey) -> bool {
        match (self, o) {
            (SearchKey::F(a), SearchKey::F(b)) => a < b || (b.is_nan() && !a.is_nan()),
            (SearchKey::I(a), SearchKey::I(b)) => a < b,
            _ => false, // one search never mixes them
        }
    }
}

/// numpy's `binsearch`/`argbinsearch`: the insertion points of `keys` in `arr`
/// (read through `sorter` when given), keeping the bounds of the previous key when
/// the keys ascend; a sorter index out of range that the search reads raises
/// numpy's ValueError (one it never reads does not).
fn binsearch(
    arr: &[SearchKey],
    keys: &[SearchKey],
    right: bool,
    sorter: Option<&[i64]>,
) -> PyResult<Vec<i64>> {
    let n = arr.len();
    let cmp = |a: SearchKey, b: SearchKey| if right { !b.less(a) } else { a.less(b) };
    let (mut lo, mut hi) = (0usize, n);
    let mut out = Vec::with_capacity(keys.len());
    let Some(&first) = keys.first() else {
        return Ok(out);
    };
    let mut last = first;
    for &key in keys {
        if cmp(last, key) {
            hi = n;
        } else {
            lo = 0;
            hi = if hi < n { hi + 1 } else { n };
        }
        last = key;
        while lo < hi {
            let mid = lo + ((hi - lo) >> 1);
            let at = match sorter {
                None => mid,
                Some(s) => {
                    let i = s[mid];
                    if i < 0 || i as usize >= n {
                        return Err(PyErr::value_error("Sorter index out of range."));
                    }
                    i as usize
                }
            };
            if cmp(arr[at], key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        out.push(lo as i64);
    }
    Ok(out)
}

/// The sorted array's checks (one dimension) and its keys.
fn search_array<A: NdNum>(a: &ArrayD<A>, float: bool) -> PyResult<Vec<SearchKey>> {
    match a.ndim() {
        0 => Err(PyErr::value_error(
            "object of too small depth for desired array",
        )),
        1 => Ok(a.iter().map(|&x| SearchKey::of(x, float)).collect()),
        _ => Err(PyErr::value_error("object too deep for desired array")),
    }
}

/// The sorter's checks: integers, as many as `a` has.
fn search_sorter<I: NdNum>(sorter: &ArrayD<I>, n: usize) -> PyResult<Vec<i64>> {
    if I::KIND != NdKind::Int {
        return Err(PyErr::type_error("sorter must only contain integers"));
    }
    if sorter.ndim() != 1 {
        return Err(PyErr::value_error(if sorter.ndim() == 0 {
            "object of too small depth for desired array"
        } else {
            "object too deep for desired array"
        }));
    }
    if sorter.len() != n {
        return Err(PyErr::value_error("sorter.size must equal a.size"));
    }
    Ok(sorter.iter().map(|x| x.to_i64()).collect())
}

/// The search of `keys` (in the common dtype: float when `float`) in `a`.
fn search<A: NdNum, I: NdNum>(
    a: &ArrayD<A>,
    float: bool,
    keys: PyResult<Vec<SearchKey>>,
    shape: &[usize],
    side: &str,
    sorter: Option<&ArrayD<I>>,
) -> PyResult<ArrayD<i64>> {
    let right = search_side(side)?; // numpy's order of checks
    let arr = search_array(a, float)?;
    let order = sorter.map(|s| search_sorter(s, arr.len())).transpose()?;
    let found = binsearch(&arr, &keys?, right, order.as_deref())?;
    Ok(from_vec(shape.to_vec(), found))
}

fn search_of_array<A: NdNum, V: NdNum, I: NdNum>(
    a: &ArrayD<A>,
    v: &ArrayD<V>,
    side: &str,
    sorter: Option<&ArrayD<I>>,
) -> PyResult<ArrayD<i64>> {
    let float = A::KIND == NdKind::Float || V::KIND == NdKind::Float;
    let keys = v.iter().map(|&x| SearchKey::of(x, float)).collect();
    search(a, float, Ok(keys), v.shape(), side, sorter)
}

/// A Python number searched for (float64, int64 or bool, as numpy converts it).
fn search_of_scalar<A: NdNum, S: NdScalar, I: NdNum>(
    a: &ArrayD<A>,
    v: S,
    side: &str,
    sorter: Option<&ArrayD<I>>,
) -> PyResult<ArrayD<i64>> {
    let float = A::KIND == NdKind::Float || S::KIND == NdKind::Float;
    let key = if float {
        v.to_elem::<f64>().map(SearchKey::F)
    } else {
        Ok(SearchKey::I(v.as_i64()))
    };
    search(a, float, key.map(|k| vec![k]), &[], side, sorter)
}

/// `np.searchsorted(a, v, side)`: where each element of `v` goes in the sorted 1-D
/// `a` (int64, `v`'s shape).
pub fn nd_searchsorted<A: NdNum, V: NdNum>(
    a: &ArrayD<A>,
    v: &ArrayD<V>,
    side: &str,
) -> PyResult<ArrayD<i64>> {
    search_of_array::<A, V, i64>(a, v, side, None)
}

/// Whether `bins` rise (1), fall (-1) or neither (0), as `np.digitize` decides it
/// in float64: leading repeats of the first edge are skipped, the first different
/// edge decides the direction (NaN compares false, so after NaN it is falling),
/// every later step must not go the other way; no edges or all equal rise.
fn monotonicity(bins: &[f64]) -> i8 {
    let Some(&first) = bins.first() else {
        return 1;
    };
    let Some(start) = bins.iter().position(|&b| b != first) else {
        return 1;
    };
    let rising = first < bins[start];
    for w in bins[start..].windows(2) {
        if (rising && w[0] > w[1]) || (!rising && w[0] < w[1]) {
            return 0;
        }
    }
    if rising { 1 } else { -1 }
}

/// `np.digitize(x, bins, right)`: the index of the bin of each value (bins rising
/// or falling; numpy's ValueErrors for other bins and for bins not 1-D).
pub fn nd_digitize<X: NdNum, B: NdNum>(
    x: &ArrayD<X>,
    bins: &ArrayD<B>,
    right: bool,
) -> PyResult<ArrayD<i64>> {
    match bins.ndim() {
        0 => {
            return Err(PyErr::value_error(
                "object of too small depth for desired array",
            ));
        }
        1 => {}
        _ => return Err(PyErr::value_error("object too deep for desired array")),
    }
    let edges: Vec<f64> = bins.iter().map(|b| b.to_f64()).collect();
    let side = if right { "left" } else { "right" };
    match monotonicity(&edges) {
        0 => Err(PyErr::value_error(
            "bins must be monotonically increasing or decreasing",
        )),
        1 => search_of_array::<B, X, i64>(bins, x, side, None),
        _ => {
            let reversed = bins
                .slice_axis(Axis(0), ndarray::Slice::new(0, None, -1))
                .to_owned();
            let n = bins.len() as i64;
            Ok(search_of_array::<B, X, i64>(&reversed, x, side, None)?.mapv(|i| n - i))
        }
    }
}

/// `np.searchsorted(a, v, side, sorter=order)`: `a` read in the order `order` gives.
pub fn nd_searchsorted_sorter<A: NdNum, V: NdNum, I: NdNum>(
    a: &ArrayD<A>,
    v: &ArrayD<V>,
    side: &str,
    sorter: &ArrayD<I>,
) -> PyResult<ArrayD<i64>> {
    search_of_array(a, v, side, Some(sorter))
}

/// `np.searchsorted(a, x, side)` of a Python number: a numpy int64 (0-d here).
pub fn nd_searchsorted_s<A: NdNum, S: NdScalar>(
    a: &ArrayD<A>,
    v: S,
    side: &str,
) -> PyResult<ArrayD<i64>> {
    search_of_scalar::<A, S, i64>(a, v, side, None)
}

/// `np.searchsorted(a, x, side, sorter=order)` of a Python number.
pub fn nd_searchsorted_s_sorter<A: NdNum, S: NdScalar, I: NdNum>(
    a: &ArrayD<A>,
    v: S,
    side: &str,
    sorter: &ArrayD<I>,
) -> PyResult<ArrayD<i64>> {
    search_of_scalar(a, v, side, Some(sorter))
}

// ---------------------------------------------------------------------------
// np.pad
// ---------------------------------------------------------------------------

/// A `pad_width` argument as numpy reads it (`np.asarray(pad_width)`): its shape
/// and its values, row-major. An int, `(n,)`, `(before, after)`, a list of ints,
/// a list of pairs, or a tuple of pairs.
pub trait NdPadArg {
    fn pad_array(&self) -> (Vec<usize>, Vec<i64>);
}

impl NdPadArg for i64 {
    fn pad_array(&self) -> (Vec<usize>, Vec<i64>) {
        (Vec::new(), vec![*self])
    }
}

impl NdPadArg for (i64,) {
    fn pad_array(&self) -> (Vec<usize>, Vec<i64>) {
        (vec![1], vec![self.0])
    }
}

impl NdPadArg for (i64, i64) {
    fn pad_array(&self) -> (Vec<usize>, Vec<i64>) {
        (vec![2], vec![self.0, self.1])
    }
}

impl NdPadArg for Vec<i64> {
    fn pad_array(&self) -> (Vec<usize>, Vec<i64>) {
        (vec![self.len()], self.clone())
    }
}

impl NdPadArg for Vec<(i64, i64)> {
    fn pad_array(&self) -> (Vec<usize>, Vec<i64>) {
        (
            vec![self.len(), 2],
            self.iter().flat_map(|&(b, a)| [b, a]).collect(),
        )
    }
}

impl<T: NdPadArg + ?Sized> NdPadArg for &T {
    fn pad_array(&self) -> (Vec<usize>, Vec<i64>) {
        (**self).pad_array()
    }
}

macro_rules! pad_pairs {
    ($($n:tt),+) => {
        impl NdPadArg for ($(pad_pairs!(@pair $n),)+) {
            fn pad_array(&self) -> (Vec<usize>, Vec<i64>) {
                let pairs = [$(self.$n),+];
                (vec![pairs.len(), 2], pairs.iter().flat_map(|&(b, a)| [b, a]).collect())
            }
        }
    };
    (@pair $n:tt) => { (i64, i64) };
}

pad_pairs!(0);
pad_pairs!(0, 1);
pad_pairs!(0, 1, 2);
pad_pairs!(0, 1, 2, 3);

fn shape_text(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

/// `np.broadcast_to(a, shape)`: `a` stretched along its length-1 axes and given
/// leading axes to `shape`, as a new array (numpy's is a read-only view: compiled code
/// refuses writing into it, so a copy reads the same), with numpy's ValueErrors.
pub fn nd_broadcast_to<A: NdNum, S: NdShapeArg>(a: &ArrayD<A>, shape: S) -> PyResult<ArrayD<A>> {
    let dims = shape.dims();
    if dims.iter().any(|d| *d < 0) {
        return Err(PyErr::value_error(
            "all elements of broadcast shape must be non-negative",
        ));
    }
    let target: Vec<usize> = dims.iter().map(|d| *d as usize).collect();
    if target.is_empty() && a.ndim() > 0 {
        return Err(PyErr::value_error(
            "cannot broadcast a non-scalar to a scalar array",
        ));
    }
    if a.ndim() > target.len() {
        return Err(PyErr::value_error(
            "input operand has more dimensions than allowed by the axis remapping",
        ));
    }
    match a.broadcast(IxDyn(&target)) {
        Some(view) => Ok(view.to_owned()),
        None => Err(PyErr::value_error(format!(
            "operands could not be broadcast together with remapped shapes \
             [original->remapped]: {}  and requested shape {}",
            shape_text(a.shape()),
            shape_text(&target)
        ))),
    }
}

/// numpy's `_as_pairs(pad_width, ndim, as_index=True)`: one (before, after) pair
/// per axis, with its errors (a negative width; a shape that does not broadcast to
/// `(ndim, 2)`; an empty list).
fn pad_pairs_of<P: NdPadArg>(pad: &P, ndim: usize) -> PyResult<Vec<(usize, usize)>> {
    let (shape, v) = pad.pad_array();
    let negative = || PyErr::value_error("index can't contain negative values");
    if shape.len() < 3 && (v.len() == 1 || (v.len() == 2 && shape != [2, 1])) {
        if v.iter().any(|&x| x < 0) {
            return Err(negative());
        }
        let (b, a) = (v[0] as usize, v[v.len() - 1] as usize);
        return Ok(vec![(b, a); ndim]);
    }
    match v.iter().min() {
        // `np.asarray([])` is float64
        None => return Err(PyErr::type_error("`pad_width` must be of integral type.")),
        Some(&m) if m < 0 => return Err(negative()),
        _ => {}
    }
    // np.broadcast_to(x, (ndim, 2))
    let target = [ndim, 2];
    let fits = shape.len() <= 2
        && shape
            .iter()
            .rev()
            .zip(target.iter().rev())
            .all(|(&s, &t)| s == t || s == 1);
    if !fits {
        return Err(PyErr::value_error(format!(
            "operands could not be broadcast together with remapped shapes \
             [original->remapped]: {}  and requested shape {}",
            shape_text(&shape),
            shape_text(&target)
        )));
    }
    let (rows, cols) = match shape[..] {
        [c] => (1, c),
        [r, c] => (r, c),
        _ => (1, 1),
    };
    let at = |i: usize, j: usize| {
        v[(if rows == 1 { 0 } else { i }) * cols + if cols == 1 { 0 } else { j }]
    };
    Ok((0..ndim)
        .map(|i| (at(i, 0) as usize, at(i, 1) as usize))
        .collect())
}

/// Where position `i` (counted from the start of the original `n` elements, so
/// negative in the before part) reads from in `mode` (numpy's result, which pads one
/// axis after the other: each is an index map).
fn pad_source(i: i64, n: i64, mode: &str) -> i64 {
    match mode {
        "edge" => i.clamp(0, n - 1),
        "reflect" if n == 1 => 0,
        "reflect" => {
            let p = 2 * (n - 1);
            let j = i.rem_euclid(p);
            if j >= n { p - j } else { j }
        }
        "symmetric" => {
            let p = 2 * n;
            let j = i.rem_euclid(p);
            if j >= n { p - 1 - j } else { j }
        }
        _ => i.rem_euclid(n), // wrap
    }
}

fn pad_with<A: NdNum, P: NdPadArg, S: NdScalar>(
    a: &ArrayD<A>,
    pad_width: &P,
    mode: &str,
    fill: Option<S>,
) -> PyResult<ArrayD<A>> {
    let pairs = pad_pairs_of(pad_width, a.ndim())?;
    if !matches!(mode, "constant" | "edge" | "reflect" | "symmetric" | "wrap") {
        return Err(PyErr::value_error(format!(
            "mode '{mode}' is not supported"
        )));
    }
    if fill.is_some() && mode != "constant" {
        return Err(PyErr::value_error(format!(
            "unsupported keyword arguments for mode '{mode}': {{'constant_values'}}"
        )));
    }
    let empty = (0..a.ndim()).find(|&d| a.shape()[d] == 0 && pairs[d] != (0, 0));
    if let (Some(axis), false) = (empty, mode == "constant") {
        return Err(PyErr::value_error(format!(
            "can't extend empty axis {axis} using modes other than 'constant' or 'empty'"
        )));
    }
    let shape: Vec<usize> = a
        .shape()
        .iter()
        .zip(&pairs)
        .map(|(&n, &(b, f))| b + n + f)
        .collect();
    let value = match fill {
        Some(v) => v.to_elem::<A>()?,
        None => A::zero(),
    };
    let mut src = vec![0usize; a.ndim()];
    let out = ArrayD::from_shape_fn(IxDyn(&shape), |ix| {
        for d in 0..a.ndim() {
            let (n, before) = (a.shape()[d] as i64, pairs[d].0 as i64);
            let i = ix[d] as i64 - before;
            if mode == "constant" {
                if i < 0 || i >= n {
                    return value;
                }
                src[d] = i as usize;
            } else {
                src[d] = pad_source(i, n, mode) as usize;
            }
        }
        a[IxDyn(&src)]
    });
    Ok(out)
}

/// `np.pad(a, pad_width, mode)`: modes constant (zeros), edge, reflect, symmetric
/// and wrap, with numpy's errors.
pub fn nd_pad<A: NdNum, P: NdPadArg>(
    a: &ArrayD<A>,
    pad_width: P,
    mode: &str,
) -> PyResult<ArrayD<A>> {
    pad_with(a, &pad_width, mode, None::<i64>)
}

/// `np.pad(a, pad_width, mode, constant_values=x)`: `x` cast to the array's dtype
/// as numpy's assignment casts it (a float into an int array truncates, an int out
/// of int32's range raises OverflowError).
pub fn nd_pad_value<A: NdNum, P: NdPadArg, S: NdScalar>(
    a: &ArrayD<A>,
    pad_width: P,
    mode: &str,
    constant_values: S,
) -> PyResult<ArrayD<A>> {
    pad_with(a, &pad_width, mode, Some(constant_values))
}

// ---------------------------------------------------------------------------
// Builtins iterating an array: max, min, any, all, sorted
// ---------------------------------------------------------------------------

/// The rows of `a` as the builtins iterate it (numpy scalars, 0-d here, for a 1-D
/// array); a 0-d array is not iterable (numpy's TypeError).
fn builtin_rows<A: NdNum>(a: &ArrayD<A>) -> PyResult<Vec<ArrayViewD<'_, A>>> {
    if a.ndim() == 0 {
        return Err(PyErr::type_error("iteration over a 0-d array"));
    }
    Ok(a.outer_iter().collect())
}

/// `max(a)` / `min(a)` as CPython's builtin computes them over the rows: a later row
/// replaces the best only when `row > best` (`<` for min) is true, which is numpy's
/// truth of the comparison (one element; ValueError for more or none); NaN keeps
/// its place as CPython's comparisons leave it. An empty array raises CPython's
/// ValueError.
pub fn nd_builtin_best<A: NdNum>(a: &ArrayD<A>, want_max: bool) -> PyResult<ArrayD<A>> {
    let rows = builtin_rows(a)?;
    let name = if want_max { "max" } else { "min" };
    let mut best = rows
        .first()
        .ok_or_else(|| PyErr::value_error(format!("{name}() arg is an empty sequence")))?
        .view();
    for row in &rows[1..] {
        let pairs: Vec<bool> = row
            .iter()
            .zip(best.iter())
            .map(|(x, b)| if want_max { x > b } else { x < b })
            .collect();
        if nd_truth(&from_vec(vec![pairs.len()], pairs))? {
            best = row.view();
        }
    }
    Ok(best.to_owned())
}

/// The builtin `max` / `min` of numpy scalars (`max(a, b)`, `max(s[i] for i in ids)`):
/// the first one, replaced by a later one only where `item > best` (`<` for `min`)
/// is true, as CPython compares them (NaN keeps its place); CPython's ValueError
/// when there is none.
pub fn nd_scalars_best<A: NdNum>(
    items: impl IntoIterator<Item = ArrayD<A>>,
    want_max: bool,
) -> PyResult<ArrayD<A>> {
    let mut items = items.into_iter();
    let name = if want_max { "max" } else { "min" };
    let mut best = items
        .next()
        .ok_or_else(|| PyErr::value_error(format!("{name}() arg is an empty sequence")))?;
    for item in items {
        let (x, b) = (scalar_of(&item)?, scalar_of(&best)?);
        if if want_max { x > b } else { x < b } {
            best = item;
        }
    }
    Ok(best)
}

/// `any(gen)` / `all(gen)` of numpy scalars: each item's truth in turn (numpy's
/// ValueError for an array of another size where the rank was not known), stopping
/// at the first item that decides, as CPython: later items are never computed.
pub fn nd_gen_any_all<A: NdNum>(items: super::Gen<ArrayD<A>>, want_any: bool) -> PyResult<bool> {
    for x in items {
        if nd_truth(&x?)? == want_any {
            return Ok(want_any);
        }
    }
    Ok(!want_any)
}

/// `any(a)` / `all(a)`: the truth of each row in turn (numpy's ValueError for a row
/// of more than one element, or none), stopping where CPython stops.
pub fn nd_builtin_any_all<A: NdNum>(a: &ArrayD<A>, want_any: bool) -> PyResult<bool> {
    for row in builtin_rows(a)? {
        if nd_truth(&row.to_owned())? == want_any {
            return Ok(want_any);
        }
    }
    Ok(!want_any)
}

/// `sorted(a)`: the rows of `a` (numpy scalars, 0-d here, of a 1-D array) in
/// CPython's order (its stable sort comparing with `<`, so NaN lands where CPython's
/// algorithm puts it). Rows of another size than one compare as numpy's truth of an
/// array: ValueError at the first comparison (two rows or more).
pub fn nd_builtin_sorted<A: NdNum>(a: &ArrayD<A>, reverse: bool) -> PyResult<Vec<ArrayD<A>>> {
    let rows = builtin_rows(a)?;
    if rows.len() > 1 && rows[0].len() != 1 {
        let truth: ArrayD<bool> = from_vec(vec![rows[0].len()], vec![false; rows[0].len()]);
        nd_truth(&truth)?;
    }
    let firsts: Vec<(A, usize)> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.iter().next().copied().unwrap_or_else(A::zero), i))
        .collect();
    let order = super::py_sorted_by_key(firsts, |(x, _)| Ok(x), reverse)?;
    Ok(order.into_iter().map(|(_, i)| rows[i].to_owned()).collect())
}

// ---------------------------------------------------------------------------
// np.count_nonzero, np.array_equal
// ---------------------------------------------------------------------------

/// `np.count_nonzero(a)`: how many elements are true (NaN is), a numpy int64.
pub fn nd_count_nonzero<A: NdNum>(a: &ArrayD<A>) -> ArrayD<i64> {
    let n = a.iter().filter(|x| x.to_bool()).count() as i64;
    from_vec(Vec::new(), vec![n])
}

/// `np.diag(v, k=0)`: a 1-D `v` on the `k`-th diagonal of a square matrix of zeros,
/// or the `k`-th diagonal of a 2-D `v` (a copy); numpy's ValueError for another rank.
pub fn nd_diag<A: NdNum>(v: &ArrayD<A>, k: i64) -> PyResult<ArrayD<A>> {
    let shift = usize::try_from(k.unsigned_abs()).unwrap_or(usize::MAX);
    match v.ndim() {
        1 => {
            let n = v.len().saturating_add(shift);
            let mut out = filled(vec![n, n], A::zero())?;
            for (i, &x) in v.iter().enumerate() {
                let (r, c) = if k >= 0 {
                    (i, i + shift)
                } else {
                    (i + shift, i)
                };
                out[[r, c]] = x;
            }
            Ok(out)
        }
        2 => {
            let (rows, cols) = (v.shape()[0], v.shape()[1]);
            let (r0, c0) = if k >= 0 { (0, shift) } else { (shift, 0) };
            let n = rows.saturating_sub(r0).min(cols.saturating_sub(c0));
            let items: Vec<A> = (0..n).map(|i| v[[r0 + i, c0 + i]]).collect();
            Ok(from_vec(vec![n], items))
        }
        _ => Err(PyErr::value_error("Input must be 1- or 2-d.")),
    }
}

/// `np.bincount(x, minlength=0)`: how many times each value 0..=max occurs in a 1-D
/// array of ints or bools (int64 counts, at least `minlength` of them); numpy's
/// errors in numpy's order: a float dtype (no safe cast to int64), another rank, a
/// negative `minlength`, a negative value.
pub fn nd_bincount<A: NdNum>(x: &ArrayD<A>, minlength: i64) -> PyResult<ArrayD<i64>> {
    if A::KIND == NdKind::Float {
        return Err(PyErr::type_error(format!(
            "Cannot cast array data from dtype('{}') to dtype('int64') according to the rule 'safe'",
            A::NAME
        )));
    }
    match x.ndim() {
        0 => {
            return Err(PyErr::value_error(
                "object of too small depth for desired array",
            ));
        }
        1 => {}
        _ => return Err(PyErr::value_error("object too deep for desired array")),
    }
    if minlength < 0 {
        return Err(PyErr::value_error("'minlength' must not be negative"));
    }
    let values: Vec<i64> = x.iter().map(|v| v.to_i64()).collect();
    if values.iter().any(|&v| v < 0) {
        return Err(PyErr::value_error(
            "'list' argument must have no negative elements",
        ));
    }
    let top = values.iter().max().map_or(0, |&m| m.saturating_add(1));
    let n = usize::try_from(top.max(minlength)).unwrap_or(usize::MAX);
    let mut counts = filled(vec![n], 0i64)?;
    for v in values {
        counts[[v as usize]] += 1;
    }
    Ok(counts)
}

/// `np.array_equal(a, b)`: the same shape and equal elements, compared in the two
/// arrays' common dtype (float64 when either is a float: `2**53 + 1` equals
/// `2.0**53`, as numpy's cast makes it; NaN equals nothing). A Python bool.
pub fn nd_array_equal<A: NdNum, B: NdNum>(a: &ArrayD<A>, b: &ArrayD<B>) -> bool {
    let float = A::KIND == NdKind::Float || B::KIND == NdKind::Float;
    a.shape() == b.shape()
        && a.iter()
            .zip(b.iter())
            .all(|(&x, &y)| SearchKey::of(x, float) == SearchKey::of(y, float))
}

// ---------------------------------------------------------------------------
// np.eye, np.outer, np.tile, np.repeat, np.isclose, np.allclose
// ---------------------------------------------------------------------------

/// `np.eye(N, M=None, k=0, dtype=...)`: ones on the `k`-th diagonal of an
/// `N` x `M` array (numpy's ValueError for a negative dimension).
pub fn nd_eye<O: NdNum>(n: i64, m: Option<i64>, k: i64) -> PyResult<ArrayD<O>> {
    let dims = creation_shape(&vec![n, m.unwrap_or(n)])?;
    let (rows, cols) = (dims[0], dims[1]);
    let mut out = filled(dims, O::zero())?;
    for i in 0..rows {
        let j = i as i64 + k;
        if (0..cols as i64).contains(&j) {
            out[[i, j as usize]] = O::one();
        }
    }
    Ok(out)
}

/// `np.outer(a, b)`: every element of the flattened `a` times every element of
/// the flattened `b`, in their promoted dtype (bool: logical and).
pub fn nd_outer<A, B>(a: &ArrayD<A>, b: &ArrayD<B>) -> PyResult<ArrayD<NdPromoted<A, B>>>
where
    A: NdPromote<B>,
    B: NdNum,
{
    let col = from_vec(vec![a.len(), 1], a.iter().copied().collect());
    let row = from_vec(vec![1, b.len()], b.iter().copied().collect());
    nd_binop(NdOp::Mul, &col, &row)
}

/// The rows of `a` (C order, `n` elements each) each repeated per `counts`
/// (one count for every row, or one per row), as numpy's `PyArray_Repeat`
/// copies chunks.
fn repeat_chunks<T: NdNum>(data: &[T], chunk: usize, counts: &[usize]) -> Vec<T> {
    let rows = data.len().checked_div(chunk).unwrap_or(0);
    let mut out = Vec::new();
    for r in 0..rows {
        let c = if counts.len() == 1 {
            counts[0]
        } else {
            counts[r % counts.len()]
        };
        let piece = &data[r * chunk..(r + 1) * chunk];
        for _ in 0..c {
            out.extend_from_slice(piece);
        }
    }
    out
}

/// `np.repeat(a, repeats, axis=None)` / `a.repeat(...)`: `repeats` an int or a
/// list of ints (one per element along the axis; a single one applies to all),
/// with numpy's errors in numpy's order (the axis, the count of repeats, a
/// negative repeat).
pub fn nd_repeat<A: NdNum, R: NdShapeArg>(
    a: &ArrayD<A>,
    repeats: R,
    axis: Option<i64>,
) -> PyResult<ArrayD<A>> {
    let reps = repeats.dims();
    let (shape, ax) = flat_or_axis(a, axis)?;
    let n = shape[ax];
    let broadcast = reps.len() == 1;
    if !broadcast && reps.len() != n {
        return Err(PyErr::value_error(format!(
            "operands could not be broadcast together with shape ({n},) ({},)",
            reps.len()
        )));
    }
    let total: i64 = if broadcast {
        reps[0] * n as i64
    } else {
        let mut t = 0;
        for &r in &reps {
            if r < 0 {
                return Err(PyErr::value_error(
                    "repeats may not contain negative values.",
                ));
            }
            t += r;
        }
        t
    };
    if total < 0 {
        return Err(PyErr::value_error("negative dimensions are not allowed"));
    }
    let counts: Vec<usize> = reps.iter().map(|&r| r.max(0) as usize).collect();
    let chunk: usize = shape[ax + 1..].iter().product();
    let data: Vec<A> = a.iter().copied().collect();
    let mut out_shape = shape;
    out_shape[ax] = total as usize;
    let out = if n == 0 {
        Vec::new()
    } else {
        repeat_chunks(&data, chunk, &counts)
    };
    Ok(from_vec(out_shape, out))
}

/// `np.repeat(a, counts, axis)` with an array of counts: numpy reads it as intp
/// (`object too deep for desired array` beyond 1-D, a float array its TypeError
/// of the 'safe' cast; a 0-d array is one count for all).
pub fn nd_repeat_by<A: NdNum, R: NdNum>(
    a: &ArrayD<A>,
    repeats: &ArrayD<R>,
    axis: Option<i64>,
) -> PyResult<ArrayD<A>> {
    if repeats.ndim() > 1 {
        return Err(PyErr::value_error("object too deep for desired array"));
    }
    if R::KIND == NdKind::Float {
        return Err(PyErr::type_error(format!(
            "Cannot cast array data from dtype('{}') to dtype('int64') according to the rule 'safe'",
            R::NAME
        )));
    }
    let counts: Vec<i64> = repeats.iter().map(|x| x.to_i64()).collect();
    nd_repeat(a, counts, axis)
}

/// `np.tile(a, reps)`: `a` (given at least as many dimensions as `reps` has
/// entries, leading ones) repeated `reps[i]` times along each axis, as numpy's
/// `tile` does it: the axes whose count is not 1 repeated in turn (a negative
/// count raises numpy's ValueError while there is something to repeat), then a
/// reshape to the product shape (where numpy's reshape of an empty array reads
/// a negative entry as an unknown dimension).
pub fn nd_tile<A: NdNum, R: NdShapeArg>(a: &ArrayD<A>, reps: R) -> PyResult<ArrayD<A>> {
    let mut tup = reps.dims();
    let mut shape = a.shape().to_vec();
    while shape.len() < tup.len() {
        shape.insert(0, 1);
    }
    while tup.len() < shape.len() {
        tup.insert(0, 1);
    }
    let out_shape: Vec<i64> = shape
        .iter()
        .zip(&tup)
        .map(|(&s, &t)| s as i64 * t)
        .collect();
    let mut data: Vec<A> = a.iter().copied().collect();
    let mut n = data.len();
    if n > 0 {
        for (&dim_in, &nrep) in shape.iter().zip(&tup) {
            if nrep != 1 {
                if nrep < 0 && !data.is_empty() {
                    return Err(PyErr::value_error("negative dimensions are not allowed"));
                }
                data = repeat_chunks(&data, n, &[nrep.max(0) as usize]);
            }
            n /= dim_in;
        }
    }
    let unknown: Vec<usize> = (0..out_shape.len()).filter(|&i| out_shape[i] < 0).collect();
    if unknown.len() > 1 {
        return Err(PyErr::value_error("can only specify one unknown dimension"));
    }
    let known: i64 = out_shape.iter().filter(|&&s| s >= 0).product();
    if !unknown.is_empty() && known == 0 {
        return Err(PyErr::value_error(format!(
            "cannot reshape array of size 0 into shape {}",
            reshape_text(&out_shape)
        )));
    }
    Ok(from_vec(
        out_shape.iter().map(|&s| s.max(0) as usize).collect(),
        data,
    ))
}

/// `np.isclose(a, b, rtol, atol, equal_nan)`: numpy's
/// `|a - b| <= atol + rtol * |b| & isfinite(b) | a == b`, with `b` first made
/// inexact (float32 stays, the others become float64) and everything computed
/// in the promoted dtype (`rtol`, `atol` weak Python floats), broadcast.
pub fn nd_isclose<A, B>(
    a: &ArrayD<A>,
    b: &ArrayD<B>,
    rtol: f64,
    atol: f64,
    equal_nan: bool,
) -> PyResult<ArrayD<bool>>
where
    B: NdInexact,
    A: NdPromote<NdInexactOut<B>>,
{
    type D<A, B> = NdPromoted<A, NdInexactOut<B>>;
    let (rt, at) = (D::<A, B>::from_f64(rtol), D::<A, B>::from_f64(atol));
    zip2(a, b, |x, y| {
        let x: D<A, B> = nd_cast(x);
        let y: D<A, B> = nd_cast(nd_cast::<B, NdInexactOut<B>>(y));
        close(x, y, rt, at, equal_nan)
    })
}

#[inline]
fn close<T: NdNum>(x: T, y: T, rt: T, at: T, equal_nan: bool) -> bool {
    (x.sub(y).abs() <= at.add(rt.mul(y.abs())) && y.to_f64().is_finite())
        || x == y
        || (equal_nan && x.is_nan() && y.is_nan())
}

/// `np.isclose(a, v)` with a Python number `v` (weak: a float32 array stays
/// float32, the others compute in float64).
pub fn nd_isclose_s<A>(a: &ArrayD<A>, v: f64, rtol: f64, atol: f64, equal_nan: bool) -> ArrayD<bool>
where
    A: NdWeak<f64>,
{
    type D<A> = NdWeakOut<A, f64>;
    let (rt, at, y) = (
        D::<A>::from_f64(rtol),
        D::<A>::from_f64(atol),
        D::<A>::from_f64(v),
    );
    a.mapv(|x| close(nd_cast::<A, D<A>>(x), y, rt, at, equal_nan))
}

/// `np.allclose(...)`: whether `np.isclose` holds everywhere, a Python bool.
pub fn nd_all_true(a: PyResult<ArrayD<bool>>) -> PyResult<bool> {
    Ok(a?.iter().all(|&x| x))
}

// ---------------------------------------------------------------------------
// np.packbits, np.unpackbits
// ---------------------------------------------------------------------------

/// numpy's `bitorder=` checks, made before anything else: `packbits` compares
/// the start of the string with the whole word, `unpackbits` its first letter
/// (with another message).
fn little_bitorder(order: &str, first_letter: bool) -> PyResult<bool> {
    let (little, big, msg) = if first_letter {
        ("l", "b", "'order' must begin with 'l' or 'b'")
    } else {
        ("little", "big", "'order' must be either 'little' or 'big'")
    };
    if order.starts_with(little) {
        Ok(true)
    } else if order.starts_with(big) {
        Ok(false)
    } else {
        Err(PyErr::value_error(msg))
    }
}

/// The shape an `axis=` of `repeat`/`packbits`/`unpackbits` works on, and the
/// axis: the array flattened when `axis` is None.
fn flat_or_axis<A: NdNum>(a: &ArrayD<A>, axis: Option<i64>) -> PyResult<(Vec<usize>, usize)> {
    match axis {
        None => Ok((vec![a.len()], 0)),
        Some(x) => {
            // a 0-d array counts as 1-D (numpy's PyArray_CheckAxis)
            let shape = if a.ndim() == 0 {
                vec![1]
            } else {
                a.shape().to_vec()
            };
            let ax = nd_axis(x, shape.len())?;
            Ok((shape, ax))
        }
    }
}

/// `np.packbits(a, axis=None, bitorder='big')`: the truth of each element as a
/// bit, eight to a uint8 along the axis (the last byte padded with zeros).
pub fn nd_packbits<A: NdNum>(
    a: &ArrayD<A>,
    axis: Option<i64>,
    bitorder: &str,
) -> PyResult<ArrayD<u8>> {
    let little = little_bitorder(bitorder, false)?;
    if A::KIND == NdKind::Float {
        return Err(PyErr::type_error(
            "Expected an input array of integer or boolean data type",
        ));
    }
    let (shape, ax) = flat_or_axis(a, axis)?;
    let data: Vec<bool> = a.iter().map(|x| x.to_bool()).collect();
    let (outer, n): (usize, usize) = (shape[..ax].iter().product(), shape[ax]);
    let inner: usize = shape[ax + 1..].iter().product();
    let m = n.div_ceil(8);
    let mut out = vec![0u8; outer * m * inner];
    for o in 0..outer {
        for i in 0..n {
            for k in 0..inner {
                if data[(o * n + i) * inner + k] {
                    let bit = if little { i % 8 } else { 7 - i % 8 };
                    out[(o * m + i / 8) * inner + k] |= 1 << bit;
                }
            }
        }
    }
    let mut out_shape = shape;
    out_shape[ax] = m;
    Ok(from_vec(out_shape, out))
}

/// `np.unpackbits(a, axis=None, count=None, bitorder='big')`: the bits of a
/// uint8 array as a uint8 array of 0 and 1, eight per byte along the axis,
/// `count` of them (a negative count drops that many from the end; more than
/// there are pads with zeros), with numpy's errors.
pub fn nd_unpackbits<A: NdNum>(
    a: &ArrayD<A>,
    axis: Option<i64>,
    count: Option<i64>,
    bitorder: &str,
) -> PyResult<ArrayD<u8>> {
    let little = little_bitorder(bitorder, true)?;
    if A::NAME != "uint8" {
        return Err(PyErr::type_error(
            "Expected an input array of unsigned byte data type",
        ));
    }
    let (shape, ax) = flat_or_axis(a, axis)?;
    let (outer, n): (usize, usize) = (shape[..ax].iter().product(), shape[ax]);
    let inner: usize = shape[ax + 1..].iter().product();
    let bits = n * 8;
    let m = match count {
        None => bits,
        Some(c) if c >= 0 => c as usize,
        Some(c) => {
            let drop = c.unsigned_abs() as usize;
            if drop > bits {
                return Err(PyErr::value_error("-count larger than number of elements"));
            }
            bits - drop
        }
    };
    let data: Vec<i64> = a.iter().map(|x| x.to_i64()).collect();
    let mut out = vec![0u8; outer * m * inner];
    for o in 0..outer {
        for j in 0..m.min(bits) {
            let bit = if little { j % 8 } else { 7 - j % 8 };
            for k in 0..inner {
                let byte = data[(o * n + j / 8) * inner + k];
                out[(o * m + j) * inner + k] = ((byte >> bit) & 1) as u8;
            }
        }
    }
    let mut out_shape = shape;
    out_shape[ax] = m;
    Ok(from_vec(out_shape, out))
}

// ---------------------------------------------------------------------------
// str(x) / repr(x) of whole arrays (numpy's arrayprint with its defaults)
// ---------------------------------------------------------------------------

/// numpy's print options, at their defaults.
const PRINT_PRECISION: usize = 8;
const PRINT_THRESHOLD: usize = 1000;
const PRINT_EDGEITEMS: usize = 3;
const PRINT_LINEWIDTH: usize = 75;

/// The width of a float dtype, for its shortest digits and print cutoffs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FloatWidth {
    F16,
    F32,
    F64,
}

impl FloatWidth {
    fn of<A: NdNum>() -> FloatWidth {
        match A::DTYPE {
            DType::Float16 => FloatWidth::F16,
            DType::Float32 => FloatWidth::F32,
            _ => FloatWidth::F64,
        }
    }

    /// `x` rounded to this width (numpy compares print cutoffs in the dtype).
    fn round(self, x: f64) -> f64 {
        match self {
            FloatWidth::F16 => f16::from_f64(x).to_f64(),
            FloatWidth::F32 => f64::from(x as f32),
            FloatWidth::F64 => x,
        }
    }
}

/// `x` (a value of width `w`, exact in an f64) with `digits` digits after the
/// point, positional or scientific, rounded exactly with ties to even; float16's
/// shortest digits where `digits` is their count ([`f16_shortest`]).
fn float_digits(x: f64, w: FloatWidth, digits: usize, sci: bool) -> String {
    let format = |v: f64| {
        if sci {
            format!("{v:.digits$e}")
        } else {
            format!("{v:.digits$}")
        }
    };
    if digits != shortest_frac_len(x, w, sci) {
        return format(x);
    }
    let text = match w {
        FloatWidth::F16 => return format(f16_shortest(x).parse().unwrap_or(x)),
        _ => format(x),
    };
    // The nearest rounding to the shortest count, ties to even, where it reads back. At
    // the bottom of a binade the values that round to `x` reach further up than down,
    // and only a neighbour may read back: the shortest form Rust finds is that one
    // (float32 2**-96 is 1.2621775e-29, whose nearest 8 digits 1.2621774e-29 read back
    // as the float below it).
    let reads_back = match w {
        FloatWidth::F32 => text.parse::<f32>().is_ok_and(|v| v == x as f32),
        _ => text.parse::<f64>().is_ok_and(|v| v == x),
    };
    if reads_back {
        return text;
    }
    let shortest = match w {
        FloatWidth::F32 => format!("{:e}", x as f32),
        _ => format!("{x:e}"),
    };
    format(shortest.parse().unwrap_or(x))
}

/// How many digits after the point the shortest round-trip form of `x` has (of its
/// own width: float32 digits for float32), positional or scientific.
fn shortest_frac_len(x: f64, w: FloatWidth, sci: bool) -> usize {
    let short = match (w, sci) {
        (FloatWidth::F16, _) => {
            let t = f16_shortest(x);
            let (mant, e) = t.split_once('e').unwrap_or((&t, "0"));
            let n = mant.split_once('.').map_or(0, |(_, f)| f.len());
            let e: i64 = e.parse().unwrap_or(0);
            return if sci {
                n
            } else {
                (n as i64 - e).max(0) as usize
            };
        }
        (FloatWidth::F32, false) => format!("{}", x as f32),
        (FloatWidth::F32, true) => format!("{:e}", x as f32),
        (FloatWidth::F64, false) => format!("{x}"),
        (FloatWidth::F64, true) => format!("{x:e}"),
    };
    let mant = short.split_once('e').map_or(short.as_str(), |(m, _)| m);
    mant.split_once('.').map_or(0, |(_, f)| f.len())
}

/// The shortest digits that read back as the float16 `x`, in scientific form
/// (`1.563e-2`), as numpy's Dragon4 finds them: of the candidates with the fewest
/// digits, the one nearest to `x`. That is the nearest rounding of `x` when it
/// reads back; at the bottom of a binade the values that round to `x` reach
/// further up than down, and a neighbour of it may read back where it does not
/// (`np.float16(2**-6)` is `0.01563`, not `0.01562`).
fn f16_shortest(x: f64) -> String {
    let bits = f16::from_f64(x).0;
    let reads_back = |t: &str| t.parse::<f64>().is_ok_and(|v| f16::from_f64(v).0 == bits);
    for n in 0..17usize {
        let t = format!("{x:.n$e}");
        if reads_back(&t) {
            return t;
        }
        let (Ok(v), Some((_, e))) = (t.parse::<f64>(), t.split_once('e')) else {
            break;
        };
        let step = 10f64.powi(e.parse::<i32>().unwrap_or(0) - n as i32);
        let mut best: Option<(f64, String)> = None;
        for c in [v - step, v + step] {
            let ct = format!("{c:.n$e}");
            if let (true, Ok(cv)) = (reads_back(&ct), ct.parse::<f64>())
                && best.as_ref().is_none_or(|b| (cv - x).abs() < b.0)
            {
                best = Some(((cv - x).abs(), ct));
            }
        }
        if let Some((_, ct)) = best {
            return ct;
        }
    }
    format!("{x:e}")
}

/// A float's shortest round-trip digits in scientific form (`-1.2345679e8`), a
/// tie between two shortest candidates broken to even as numpy's Dragon4 breaks
/// it: the digit count of the shortest form, the digits rounded exactly (Rust's
/// shortest form breaks a tie upwards: float32 -48345.3125 is `-48345.313`
/// there, `-48345.312` in numpy).
fn shortest_even(x: f64, w: FloatWidth) -> String {
    float_digits(x, w, shortest_frac_len(x, w, true), true)
}

/// The same cut to at most `PRINT_PRECISION` digits after the point, as numpy's
/// Dragon4 in unique mode gives them (`dragon4_positional` /
/// `dragon4_scientific` with `trim='.'`): the integer part (with its sign), the
/// fraction digits and the exponent (0 in positional form).
fn float_unique(x: f64, w: FloatWidth, sci: bool) -> (String, String, i32) {
    let frac_len = shortest_frac_len(x, w, sci);
    let text = float_digits(x, w, frac_len.min(PRINT_PRECISION), sci);
    let (mant, exp) = text.split_once('e').unwrap_or((&text, "0"));
    let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
    let frac = if frac_len > PRINT_PRECISION {
        frac.trim_end_matches('0')
    } else {
        frac
    };
    (int.to_string(), frac.to_string(), exp.parse().unwrap_or(0))
}

/// numpy's `FloatingFormat` of the printed elements: positional or scientific,
/// the widths left and right of the point (and of the exponent).
struct FloatFormat {
    w: FloatWidth,
    exp: bool,
    pad_left: usize,
    pad_right: usize,
    /// scientific: the digits after the point, the exponent's digits
    precision: usize,
    exp_size: usize,
}

impl FloatFormat {
    fn new(data: &[f64], w: FloatWidth) -> FloatFormat {
        let finite: Vec<f64> = data.iter().copied().filter(|x| x.is_finite()).collect();
        let nonzero: Vec<f64> = finite
            .iter()
            .filter(|&&x| x != 0.0)
            .map(|x| x.abs())
            .collect();
        let mut exp = false;
        if !nonzero.is_empty() {
            let max = nonzero.iter().copied().fold(f64::MIN, f64::max);
            let min = nonzero.iter().copied().fold(f64::MAX, f64::min);
            // numpy compares in the array's dtype (float32 and float16 overflow to
            // inf there; the quotient is computed in f32 for float16, rounded once)
            let ratio = match w {
                FloatWidth::F16 => w.round(f64::from((max as f32) / (min as f32))),
                FloatWidth::F32 => f64::from((max as f32) / (min as f32)),
                FloatWidth::F64 => max / min,
            };
            // (numpy 2.3+: the largest before scientific is 10**min(8, the dtype's
            // decimal precision): 1e6 for float32, 1e3 for float16, compared in the dtype)
            let top = match w {
                FloatWidth::F16 => 1e3,
                FloatWidth::F32 => 1e6,
                FloatWidth::F64 => 1e8,
            };
            exp = max >= top || min < w.round(0.0001) || ratio > 1000.0;
        }
        let mut f = FloatFormat {
            w,
            exp,
            pad_left: 0,
            pad_right: 0,
            precision: 0,
            exp_size: 0,
        };
        if finite.is_empty() {
            f.exp = false;
        } else if exp {
            let parts: Vec<(String, String, i32)> =
                finite.iter().map(|&x| float_unique(x, w, true)).collect();
            f.exp_size = parts
                .iter()
                .map(|p| p.2.unsigned_abs().to_string().len().max(2))
                .max()
                .unwrap_or(2);
            f.precision = parts.iter().map(|p| p.1.len()).max().unwrap_or(0);
            f.pad_left = parts.iter().map(|p| p.0.len()).max().unwrap_or(0);
            f.pad_right = f.exp_size + 2 + f.precision;
        } else {
            let parts: Vec<(String, String, i32)> =
                finite.iter().map(|&x| float_unique(x, w, false)).collect();
            f.pad_left = parts.iter().map(|p| p.0.len()).max().unwrap_or(0);
            f.pad_right = parts.iter().map(|p| p.1.len()).max().unwrap_or(0);
        }
        if finite.len() != data.len() {
            let neginf = data.contains(&f64::NEG_INFINITY) as usize;
            let offset = f.pad_right + 1;
            f.pad_left = f.pad_left.max((3 + neginf).saturating_sub(offset));
        }
        f
    }

    fn format(&self, x: f64) -> String {
        let width = self.pad_left + self.pad_right + 1;
        if !x.is_finite() {
            let text = if x.is_nan() {
                "nan"
            } else if x > 0.0 {
                "inf"
            } else {
                "-inf"
            };
            return format!("{text:>width$}");
        }
        if self.exp {
            // every element with `precision` digits, the exact value's (numpy's
            // `min_digits`: more digits than the shortest when others need them)
            let text = float_digits(x, self.w, self.precision, true);
            let (mant, e) = text.split_once('e').unwrap_or((&text, "0"));
            let e: i32 = e.parse().unwrap_or(0);
            let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
            let sign = if e < 0 { '-' } else { '+' };
            format!(
                "{int:>pl$}.{frac}e{sign}{:0>es$}",
                e.unsigned_abs(),
                pl = self.pad_left,
                es = self.exp_size
            )
        } else {
            let (int, frac, _) = float_unique(x, self.w, false);
            format!(
                "{int:>pl$}.{frac:<pr$}",
                pl = self.pad_left,
                pr = self.pad_right
            )
        }
    }
}

/// The elements numpy looks at to choose the format: all of them, or the
/// `PRINT_EDGEITEMS` first and last along each axis of a summarised array.
fn edge_elems<A: NdNum>(a: &ArrayViewD<'_, A>, summarise: bool, out: &mut Vec<A>) {
    if a.ndim() == 0 {
        out.push(*a.iter().next().expect("0-d array holds one element"));
        return;
    }
    let n = a.shape()[0];
    let picked: Vec<usize> = if summarise && n > 2 * PRINT_EDGEITEMS {
        (0..PRINT_EDGEITEMS).chain(n - PRINT_EDGEITEMS..n).collect()
    } else {
        (0..n).collect()
    };
    for i in picked {
        edge_elems(&a.index_axis(Axis(0), i), summarise, out);
    }
}

/// numpy's `_extendLine`: a word added to the line, or to a new one when it
/// would pass the width (never on a line holding only the indent).
fn extend_line(s: &mut String, line: &mut String, word: &str, width: usize, indent: &str) {
    if line.len() + word.len() > width && line.len() > indent.len() {
        s.push_str(line.trim_end());
        s.push('\n');
        *line = indent.to_string();
    }
    line.push_str(word);
}

/// numpy's `_formatArray` recursion (legacy=False).
fn format_rows<A: NdNum>(
    a: &ArrayViewD<'_, A>,
    fmt: &dyn Fn(A) -> String,
    indent: &str,
    width: usize,
    sep: &str,
    summarise: bool,
) -> String {
    if a.ndim() == 0 {
        return fmt(*a.iter().next().expect("0-d array holds one element"));
    }
    let next_indent = format!("{indent} ");
    let next_width = width - 1;
    let n = a.shape()[0];
    let summary = summarise && 2 * PRINT_EDGEITEMS < n;
    let (leading, trailing) = if summary {
        (PRINT_EDGEITEMS, PRINT_EDGEITEMS)
    } else {
        (0, n)
    };
    let row = |i: usize| {
        format_rows(
            &a.index_axis(Axis(0), i),
            fmt,
            &next_indent,
            next_width,
            sep,
            summarise,
        )
    };
    let mut s = String::new();
    if a.ndim() == 1 {
        let sep_r = sep.trim_end();
        let elem_width = width - sep_r.len().max(1);
        let mut line = indent.to_string();
        for i in 0..leading {
            extend_line(&mut s, &mut line, &row(i), elem_width, indent);
            line.push_str(sep);
        }
        if summary {
            extend_line(&mut s, &mut line, "...", elem_width, indent);
            line.push_str(sep);
        }
        for i in (2..=trailing).rev() {
            extend_line(&mut s, &mut line, &row(n - i), elem_width, indent);
            line.push_str(sep);
        }
        extend_line(&mut s, &mut line, &row(n - 1), elem_width, indent);
        s.push_str(&line);
    } else {
        let line_sep = format!("{}{}", sep.trim_end(), "\n".repeat(a.ndim() - 1));
        for i in 0..leading {
            s.push_str(&format!("{indent}{}{line_sep}", row(i)));
        }
        if summary {
            s.push_str(&format!("{indent}...{line_sep}"));
        }
        for i in (2..=trailing).rev() {
            s.push_str(&format!("{indent}{}{line_sep}", row(n - i)));
        }
        s.push_str(&format!("{indent}{}", row(n - 1)));
    }
    format!("[{}]", &s[indent.len()..])
}

/// numpy's `array2string` with the default options: `[1.5  2.25]`.
fn array_text<A: NdNum>(a: &ArrayD<A>, prefix: &str, sep: &str, suffix: &str) -> String {
    if a.is_empty() {
        return String::from("[]");
    }
    let summarise = a.len() > PRINT_THRESHOLD;
    let mut data = Vec::new();
    edge_elems(&a.view(), summarise, &mut data);
    let indent = format!(" {}", " ".repeat(prefix.len()));
    let width = PRINT_LINEWIDTH - suffix.len();
    match A::KIND {
        NdKind::Float => {
            let vals: Vec<f64> = data.iter().map(|x| x.to_f64()).collect();
            let f = FloatFormat::new(&vals, FloatWidth::of::<A>());
            format_rows(
                &a.view(),
                &|x: A| f.format(x.to_f64()),
                &indent,
                width,
                sep,
                summarise,
            )
        }
        NdKind::Int => {
            let w = data
                .iter()
                .map(|x| x.to_i64().to_string().len())
                .max()
                .unwrap_or(0);
            let fmt = |x: A| format!("{:>w$}", x.to_i64());
            format_rows(&a.view(), &fmt, &indent, width, sep, summarise)
        }
        NdKind::Bool => {
            let fmt = |x: A| String::from(if x.to_bool() { " True" } else { "False" });
            format_rows(&a.view(), &fmt, &indent, width, sep, summarise)
        }
    }
}

/// `str(a)` of an array of rank >= 1 (numpy's `array_str`).
fn nd_array_str<A: NdNum>(a: &ArrayD<A>) -> String {
    array_text(a, "", " ", "")
}

/// `repr(a)` of an array of rank >= 1 (numpy's `array_repr`): `array([1, 2],
/// dtype=int32)`, with `shape=` for an empty array of another shape than `(0,)`
/// and for a summarised one, `dtype=` unless it is float64, int64 or bool (or
/// the array is empty), on a new line when the last line would pass the width.
fn nd_array_repr<A: NdNum>(a: &ArrayD<A>) -> String {
    let prefix = "array(";
    let body = array_text(a, prefix, ", ", ")");
    let mut extras = Vec::new();
    if (a.is_empty() && a.shape() != [0]) || a.len() > PRINT_THRESHOLD {
        extras.push(format!("shape={}", shape_repr(a.shape())));
    }
    if !matches!(A::NAME, "float64" | "int64" | "bool") || a.is_empty() {
        extras.push(format!("dtype={}", A::NAME));
    }
    if extras.is_empty() {
        return format!("{prefix}{body})");
    }
    let text = format!("{prefix}{body},");
    let extra = format!("{})", extras.join(", "));
    let last_line = text.len() - text.rfind('\n').map_or(0, |i| i + 1);
    let spacer = if last_line + extra.len() + 1 > PRINT_LINEWIDTH {
        format!("\n{}", " ".repeat(prefix.len()))
    } else {
        String::from(" ")
    };
    format!("{text}{spacer}{extra}")
}
