//! numpy's float32 ufunc kernels (`np.exp`, `np.log` ... of a float32 array),
//! element by element, bit for bit.
//!
//! numpy picks a float32 loop at run time from the CPU's features. On an x86
//! CPU with the X86_V3 feature set (AVX2, FMA3, F16C, BMI1/2, LZCNT, MOVBE)
//! `exp` and `log` run numpy's own SIMD algorithms (a rational approximation
//! after a Cody-Waite range reduction, `loops_exponent_log.dispatch.c.src`);
//! their AVX-512 variants compute the same values. Below that level numpy
//! calls the C library's `expf`/`logf`, which Rust's `f32::exp`/`f32::ln`
//! call too. The scalar ports here do one lane of the SIMD loop: the same
//! operations in the same order, in float32, each `fmadd` an `f32::mul_add`
//! (one rounding, as the FMA instruction).

use std::sync::atomic::{AtomicU8, Ordering};

/// 0: not yet detected; 2: numpy's baseline loops (libm's float functions);
/// 3: numpy's X86_V3 SIMD loops; 4: X86_V4 (AVX-512), where numpy's `exp`,
/// `log`, `tanh`, `sin`, `cos` compute what its X86_V3 loops compute.
static LEVEL: AtomicU8 = AtomicU8::new(0);

/// The dispatch level numpy would choose on this CPU, detected once.
#[inline]
pub fn npk32_level() -> u8 {
    let l = LEVEL.load(Ordering::Relaxed);
    if l != 0 {
        return l;
    }
    let l = detect_level();
    LEVEL.store(l, Ordering::Relaxed);
    l
}

#[cfg(target_arch = "x86_64")]
fn detect_level() -> u8 {
    // numpy's X86_V3 group: every one of these, as its run-time check asks.
    let v3 = std::arch::is_x86_feature_detected!("avx2")
        && std::arch::is_x86_feature_detected!("fma")
        && std::arch::is_x86_feature_detected!("f16c")
        && std::arch::is_x86_feature_detected!("bmi1")
        && std::arch::is_x86_feature_detected!("bmi2")
        && std::arch::is_x86_feature_detected!("lzcnt")
        && std::arch::is_x86_feature_detected!("movbe");
    // and X86_V4 (AVX512_SKX): AVX-512 F, CD, VL, BW and DQ besides.
    let v4 = v3
        && std::arch::is_x86_feature_detected!("avx512f")
        && std::arch::is_x86_feature_detected!("avx512cd")
        && std::arch::is_x86_feature_detected!("avx512vl")
        && std::arch::is_x86_feature_detected!("avx512bw")
        && std::arch::is_x86_feature_detected!("avx512dq");
    if v4 {
        4
    } else if v3 {
        3
    } else {
        2
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn detect_level() -> u8 {
    2
}

/// `np.exp` of one float32 element.
#[inline]
pub fn npk32_exp(x: f32) -> f32 {
    if npk32_level() >= 3 {
        simd_exp(x)
    } else {
        x.exp()
    }
}

/// `np.log` of one float32 element.
#[inline]
pub fn npk32_log(x: f32) -> f32 {
    if npk32_level() >= 3 {
        simd_log(x)
    } else {
        x.ln()
    }
}

// `np.log1p`, `np.expm1`, `np.log2`, `np.log10`: numpy's X86_V3 and baseline
// loops call libm's float functions (`log1pf` ...), as Rust's `f32` methods do;
// its X86_V4 loops call Intel's SVML, which is not reproduced here (pycomp warns
// about it). There, for `expm1` and `log2`, the float64 function rounded to
// float32 differs from SVML less often (bench/np_kernels.py: 4.4% against 6.8%
// for expm1, about 1.2% both for log2), for `log1p` and `log10` the float one.

/// `np.log1p` of one float32 element.
#[inline]
pub fn npk32_log1p(x: f32) -> f32 {
    x.ln_1p()
}

/// `np.expm1` of one float32 element.
#[inline]
pub fn npk32_expm1(x: f32) -> f32 {
    if npk32_level() >= 4 {
        f64::from(x).exp_m1() as f32
    } else {
        x.exp_m1()
    }
}

/// `np.log2` of one float32 element.
#[inline]
pub fn npk32_log2(x: f32) -> f32 {
    if npk32_level() >= 4 {
        f64::from(x).log2() as f32
    } else {
        x.log2()
    }
}

/// `np.log10` of one float32 element.
#[inline]
pub fn npk32_log10(x: f32) -> f32 {
    x.log10()
}

const FLT_MIN: f32 = f32::MIN_POSITIVE;
const LOG2E: f32 = std::f32::consts::LOG2_E;
const LN2: f32 = std::f32::consts::LN_2;
const SQRT1_2: f32 = std::f32::consts::FRAC_1_SQRT_2;
/// 1.5 * 2**23: adding then subtracting it rounds to an integer (ties to even).
const RINT_MAGIC: f32 = 12_582_912.0;

/// 2**k for an integer-valued float32 `k` in the normal range, by adding `k` to
/// the exponent field of `p` (the AVX2 loop's integer add; AVX-512's scalef
/// gives the same values), and the subnormal case by a division that rounds once.
fn scale_by_pow2(p: f32, k: f32) -> f32 {
    let lowest = -125.0_f32;
    if k <= lowest {
        let diff = -(k - lowest);
        let div = (1_i32 << (diff as i32)) as f32;
        let q = (p.to_bits() as i32).wrapping_add((lowest as i32) << 23);
        f32::from_bits(q as u32) / div
    } else {
        let q = (p.to_bits() as i32).wrapping_add((k as i32) << 23);
        f32::from_bits(q as u32)
    }
}

/// One lane of numpy's `simd_exp_FLOAT`.
pub fn simd_exp(x_in: f32) -> f32 {
    // The kernel's constants (npy_simd_data.h, the loop's literals) as float32 bits.
    const XMAX: f32 = f32::from_bits(0x42B1_7218);
    const XMIN: f32 = f32::from_bits(0xC2CF_F1B5);
    const C1: f32 = f32::from_bits(0xBF31_7200);
    const C2: f32 = f32::from_bits(0xB5BF_BE8E);
    const P: [f32; 6] = [
        f32::from_bits(0x3F80_0000),
        f32::from_bits(0x3F39_CBD5),
        f32::from_bits(0x3E7D_4C58),
        f32::from_bits(0x3D51_7D8C),
        f32::from_bits(0x3BDD_7159),
        f32::from_bits(0x3A05_3DD8),
    ];
    const Q: [f32; 3] = [
        f32::from_bits(0x3F80_0000),
        f32::from_bits(0xBE8C_6857),
        f32::from_bits(0x3CB0_E832),
    ];
    if x_in.is_nan() {
        return f32::NAN;
    }
    if x_in >= XMAX {
        return f32::INFINITY;
    }
    if x_in <= XMIN {
        return 0.0;
    }
    let x = x_in;
    let k = (x * LOG2E + RINT_MAGIC) - RINT_MAGIC;
    let mut r = k.mul_add(C1, x);
    r = k.mul_add(C2, r);
    r = k.mul_add(0.0, r);
    let mut num = P[5].mul_add(r, P[4]);
    num = num.mul_add(r, P[3]);
    num = num.mul_add(r, P[2]);
    num = num.mul_add(r, P[1]);
    num = num.mul_add(r, P[0]);
    let mut den = Q[2].mul_add(r, Q[1]);
    den = den.mul_add(r, Q[0]);
    scale_by_pow2(num / den, k)
}

/// One lane of numpy's `simd_log_FLOAT`.
pub fn simd_log(x_in: f32) -> f32 {
    const P: [f32; 6] = [
        0.0,
        f32::from_bits(0x3F80_0000),
        f32::from_bits(0x4007_361C),
        f32::from_bits(0x3FBD_70A9),
        f32::from_bits(0x3EC3_0333),
        f32::from_bits(0x3CD4_2BCD),
    ];
    const Q: [f32; 6] = [
        f32::from_bits(0x3F80_0000),
        f32::from_bits(0x4027_361C),
        f32::from_bits(0x401C_FE0D),
        f32::from_bits(0x3F7C_8AE4),
        f32::from_bits(0x3E1E_5BF3),
        f32::from_bits(0x3BC0_83DF),
    ];
    if x_in.is_nan() {
        return f32::NAN;
    }
    if x_in < 0.0 {
        return -f32::NAN;
    }
    if x_in == 0.0 {
        return f32::NEG_INFINITY;
    }
    if x_in == f32::INFINITY {
        return f32::INFINITY;
    }
    // The exponent and the mantissa in [0.5, 1); a subnormal is scaled by 2**100 first.
    let subnormal = x_in < FLT_MIN;
    let bits = if subnormal {
        (x_in * f32::from_bits(0x7180_0000)).to_bits()
    } else {
        x_in.to_bits()
    };
    let mut exponent = ((bits >> 23) as i32 - 0x7e) as f32;
    if subnormal {
        exponent -= 100.0;
    }
    let mut m = f32::from_bits((bits & 0x007f_ffff) | (126 << 23));
    if m <= SQRT1_2 {
        m += m;
        exponent -= 1.0;
    }
    let r = m - 1.0;
    let mut num = P[5].mul_add(r, P[4]);
    num = num.mul_add(r, P[3]);
    num = num.mul_add(r, P[2]);
    num = num.mul_add(r, P[1]);
    num = num.mul_add(r, P[0]);
    let mut den = Q[5].mul_add(r, Q[4]);
    den = den.mul_add(r, Q[3]);
    den = den.mul_add(r, Q[2]);
    den = den.mul_add(r, Q[1]);
    den = den.mul_add(r, Q[0]);
    exponent.mul_add(LN2, num / den)
}
