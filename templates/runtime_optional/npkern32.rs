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
//!
//! `tanh`, `sin` and `cos` likewise follow numpy's float32 FMA loops
//! (`loops_hyperbolic.dispatch.cpp.src`, `loops_trigonometric.dispatch.cpp`).
//! The kernels' coefficients and `tanh`'s table are data copied from numpy
//! (BSD-3-Clause, (c) NumPy Developers; numpy took the `tanh` table from Intel's
//! SVML, BSD-3-Clause), written here as float32 bit patterns.

use super::npkern64::npk_level;

/// Whether numpy's float32 `tanh`, `sin` and `cos` run their FMA loops on every
/// CPU of the target: on aarch64 they do (NEON always has FMA), while `exp` and
/// `log` have no loop there but libm's. (Not verified against numpy on an
/// aarch64 machine.)
const FMA_LOOPS: bool = cfg!(target_arch = "aarch64");

/// `np.exp` of one float32 element.
#[inline]
pub fn npk32_exp(x: f32) -> f32 {
    if npk_level() >= 3 {
        simd_exp(x)
    } else {
        x.exp()
    }
}

/// `np.log` of one float32 element.
#[inline]
pub fn npk32_log(x: f32) -> f32 {
    if npk_level() >= 3 {
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
    if npk_level() >= 4 {
        f64::from(x).exp_m1() as f32
    } else {
        x.exp_m1()
    }
}

/// `np.log2` of one float32 element.
#[inline]
pub fn npk32_log2(x: f32) -> f32 {
    if npk_level() >= 4 {
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
    // Two roundings (numpy's C loop keeps the multiply and the add apart).
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

/// `np.tanh` of one float32 element.
#[inline]
pub fn npk32_tanh(x: f32) -> f32 {
    if npk_level() >= 3 || FMA_LOOPS {
        simd_tanh(x)
    } else {
        x.tanh()
    }
}

/// numpy's float32 `tanh` table (loops_hyperbolic.dispatch.cpp.src): for each of
/// the 32 intervals of |x|, its start `b` then the polynomial's c0 ... c6, as bits.
const TANH_LUT: [[u32; 8]; 32] = [
    [
        0x0000_0000,
        0x0000_0000,
        0x3F80_0000,
        0xB034_3C7B,
        0xBEAA_AAA5,
        0xB76D_D6B9,
        0x3E09_10E9,
        0xBC0E_2F66,
    ],
    [
        0x3D70_0000,
        0x3D6F_B9C9,
        0x3F7F_1F84,
        0xBD6E_E69D,
        0xBEAB_0612,
        0xBE1C_276D,
        0x4376_1143,
        0x460B_DA12,
    ],
    [
        0x3D90_0000,
        0x3D8F_C35F,
        0x3F7E_BD11,
        0xBD8F_0DA7,
        0xBEA7_F01F,
        0x3C1D_CF2F,
        0x4165_ECDC,
        0x43D6_38EF,
    ],
    [
        0x3DB0_0000,
        0x3DAF_9169,
        0x3F7E_1E5F,
        0xBDAE_477D,
        0xBEA4_E120,
        0x3DC1_A78D,
        0xC190_F756,
        0xC3E1_1C3E,
    ],
    [
        0x3DD0_0000,
        0x3DCF_49AB,
        0x3F7D_609F,
        0xBDCD_2A1F,
        0xBEA3_87B7,
        0x3D96_F985,
        0xC08C_097D,
        0xC2BA_A4E9,
    ],
    [
        0x3DF0_0000,
        0x3DEE_E849,
        0x3F7C_842D,
        0xBDEB_A80D,
        0xBEA1_5962,
        0x3DA2_B61B,
        0xC02B_A813,
        0xC249_DA2D,
    ],
    [
        0x3E10_0000,
        0x3E0F_0EE8,
        0x3F7B_00E5,
        0xBE0C_443B,
        0xBE9D_57F7,
        0x3DC1_3397,
        0xBF7F_6BDA,
        0xC185_9B82,
    ],
    [
        0x3E30_0000,
        0x3E2E_4984,
        0x3F78_9580,
        0xBE29_3CF3,
        0xBE97_6B5A,
        0x3DD2_F670,
        0x3F2B_1DC0,
        0x40DD_5B57,
    ],
    [
        0x3E50_0000,
        0x3E4D_2F8E,
        0x3F75_B8AD,
        0xBE44_F282,
        0xBE90_230D,
        0x3DF4_8A0A,
        0x3ECE_105D,
        0x4049_4640,
    ],
    [
        0x3E70_0000,
        0x3E6B_B32E,
        0x3F72_6FD9,
        0xBE5F_3651,
        0xBE88_0DFF,
        0x3E06_C5A8,
        0x3F42_6A94,
        0x40C7_30A8,
    ],
    [
        0x3E90_0000,
        0x3E8C_51CD,
        0x3F6C_C59B,
        0xBE81_C7C0,
        0xBE74_79B3,
        0x3E1A_3ABA,
        0xBADB_0DC4,
        0xBF0F_160E,
    ],
    [
        0x3EB0_0000,
        0x3EA9_6163,
        0x3F63_FB92,
        0xBE96_D7CA,
        0xBE4C_3D88,
        0x3E27_C405,
        0x3DA4_3B17,
        0x3E30_E76F,
    ],
    [
        0x3ED0_0000,
        0x3EC5_43F1,
        0x3F59_FF97,
        0xBEA7_FB8E,
        0xBE21_2482,
        0x3E2E_78D0,
        0xBD51_AB88,
        0xBEA8_1387,
    ],
    [
        0x3EF0_0000,
        0x3EDF_D735,
        0x3F4F_11D7,
        0xBEB5_0E9E,
        0xBDEB_8CBA,
        0x3E2C_3E44,
        0xBCAE_A23D,
        0xBDB2_6A1C,
    ],
    [
        0x3F10_0000,
        0x3F02_8438,
        0x3F3D_7573,
        0xBEC1_2EFE,
        0xBD5E_78AD,
        0x3E1D_3097,
        0xBD3B_6D8D,
        0xBD35_1E57,
    ],
    [
        0x3F30_0000,
        0x3F18_ABF0,
        0x3F24_F360,
        0xBEC4_BE92,
        0x3C6B_5E6E,
        0x3DF4_A8F4,
        0xBD6C_AAAD,
        0xBB4C_01A0,
    ],
    [
        0x3F50_0000,
        0x3F2B_C480,
        0x3F0C_BFE7,
        0xBEBC_E070,
        0x3D83_9143,
        0x3DA3_8508,
        0xBD79_5BED,
        0x3C1D_7BFB,
    ],
    [
        0x3F70_0000,
        0x3F3B_EC1C,
        0x3EEC_1A69,
        0xBEAD_510E,
        0x3DC2_1EE1,
        0x3D31_416A,
        0xBD5F_DDDA,
        0x3C72_2CD1,
    ],
    [
        0x3F90_0000,
        0x3F4F_2E5B,
        0x3EB0_A801,
        0xBE8E_F7D6,
        0x3DE3_47AF,
        0x3B56_2657,
        0xBD03_8F3B,
        0x3C97_3F1C,
    ],
    [
        0x3FB0_0000,
        0x3F61_3C53,
        0x3E67_53A2,
        0xBE4B_8704,
        0x3DCB_EC96,
        0xBCAE_EAC9,
        0xBC1C_AD63,
        0x3C33_A31B,
    ],
    [
        0x3FD0_0000,
        0x3F6C_E37D,
        0x3E13_2F1A,
        0xBE08_3237,
        0x3D99_EF2D,
        0xBCCE_9419,
        0x3ABB_4766,
        0x3B86_2EF4,
    ],
    [
        0x3FF0_0000,
        0x3F74_3C4F,
        0x3DB7_E7D3,
        0xBDAF_7449,
        0x3D54_2EA1,
        0xBCAA_EAC4,
        0x3B95_F10B,
        0x3A27_B3D0,
    ],
    [
        0x4010_0000,
        0x3F7A_5FEB,
        0x3D32_0845,
        0xBD2E_1EC4,
        0x3CDD_E701,
        0xBC49_E7D0,
        0x3B82_5873,
        0xBA3B_5907,
    ],
    [
        0x4030_0000,
        0x3F7D_EA85,
        0x3C84_D3D4,
        0xBC83_BF06,
        0x3C2C_CA67,
        0xBBA7_1DDD,
        0x3AFA_EA66,
        0xBA0E_FC22,
    ],
    [
        0x4050_0000,
        0x3F7F_3B3D,
        0x3BC4_77B7,
        0xBBC3_E0B5,
        0x3B81_CB27,
        0xBB00_3B0E,
        0x3A49_F878,
        0xB97F_9F0F,
    ],
    [
        0x4070_0000,
        0x3F7F_B78C,
        0x3B10_D3DA,
        0xBB10_AADC,
        0x3AC0_73A1,
        0xBA3F_9A05,
        0x3999_6BF3,
        0xB8C8_AF50,
    ],
    [
        0x4090_0000,
        0x3F7F_EFD4,
        0x3A01_601E,
        0xBA01_57DB,
        0x39AC_3032,
        0xB92C_08A7,
        0x388F_3E6C,
        0xB7BD_DDFB,
    ],
    [
        0x40B0_0000,
        0x3F7F_FDD0,
        0x388C_1A3B,
        0xB88C_18F2,
        0x383A_94D9,
        0xB7BA_9232,
        0x371B_B0E3,
        0xB64F_2950,
    ],
    [
        0x40D0_0000,
        0x3F7F_FFB4,
        0x3717_B0DA,
        0xB717_B096,
        0x36CA_081D,
        0xB64A_0B0F,
        0x35A8_A5E6,
        0xB4E0_85B1,
    ],
    [
        0x40F0_0000,
        0x3F7F_FFF6,
        0x35A4_3BCE,
        0xB5A4_3BAE,
        0x355A_BD4C,
        0xB4DA_C169,
        0x3436_9B17,
        0xB373_1DFA,
    ],
    [
        0x4110_0000,
        0x3F7F_FFFF,
        0x3383_06C6,
        0xB383_012C,
        0x332B_3CB6,
        0xB2AB_78AC,
        0x3224_87B0,
        0xB15A_1F04,
    ],
    [
        0x0000_0000,
        0x3F80_0000,
        0x0000_0000,
        0x0000_0000,
        0x0000_0000,
        0x0000_0000,
        0x0000_0000,
        0x0000_0000,
    ],
];

/// One lane of numpy's float32 `tanh` loop (its FMA targets): a degree-6
/// polynomial in `|x| - b` on one of 32 intervals picked by the exponent and
/// the top mantissa bits, the sign put back; 1 past the last interval.
pub fn simd_tanh(x: f32) -> f32 {
    if x.is_nan() {
        return f32::NAN;
    }
    let bits = x.to_bits();
    let top = (bits & 0x7fe0_0000) as i32;
    let idx = ((top - 0x3d40_0000).clamp(0, 0x03e0_0000) as u32 >> 21) as usize;
    let c = TANH_LUT[idx].map(f32::from_bits);
    let y = x.abs() - c[0];
    let mut r = c[7].mul_add(y, c[6]);
    for k in (1..6).rev() {
        r = r.mul_add(y, c[k]);
    }
    if top > 0x7f00_0000 {
        r = 1.0;
    }
    f32::from_bits(r.to_bits() | (bits & 0x8000_0000))
}

/// `np.sin` of one float32 element.
#[inline]
pub fn npk32_sin(x: f32) -> f32 {
    if npk_level() >= 3 || FMA_LOOPS {
        simd_sincos(x, false)
    } else {
        x.sin()
    }
}

/// `np.cos` of one float32 element.
#[inline]
pub fn npk32_cos(x: f32) -> f32 {
    if npk_level() >= 3 || FMA_LOOPS {
        simd_sincos(x, true)
    } else {
        x.cos()
    }
}

/// One lane of numpy's float32 `sin`/`cos` loop (its FMA targets): a Cody-Waite
/// reduction by pi/2 in three parts, a sine or cosine polynomial picked by the
/// quadrant, negated by subtraction from zero; beyond the reduction's range
/// (and for the infinities) libm's `sinf`/`cosf`.
pub fn simd_sincos(x: f32, cosine: bool) -> f32 {
    const TWO_OVER_PI: f32 = f32::from_bits(0x3F22_F983);
    const PIO2: [f32; 3] = [
        f32::from_bits(0xBFC9_0FD8),
        f32::from_bits(0xB4A8_885A),
        f32::from_bits(0xA7C2_34C4),
    ];
    // Cosine's polynomial in r*r, from the highest coefficient down.
    const COS: [f32; 5] = [
        f32::from_bits(0x37CC_730B),
        f32::from_bits(0xBAB6_036E),
        f32::from_bits(0x3D2A_AA9E),
        f32::from_bits(0xBF00_0000),
        f32::from_bits(0x3F80_0000),
    ];
    // Sine's odd polynomial: these in r*r, then times r plus r.
    const SIN: [f32; 4] = [
        f32::from_bits(0x363E_9DDE),
        f32::from_bits(0xB950_35DD),
        f32::from_bits(0x3C08_88CD),
        f32::from_bits(0xBE2A_AAAB),
    ];
    if x.is_nan() {
        return f32::NAN;
    }
    let limit = if cosine {
        f32::from_bits(0x478B_9A08)
    } else {
        f32::from_bits(0x47E5_5DFF)
    };
    if x.abs() > limit {
        return if cosine { x.cos() } else { x.sin() };
    }
    // numpy's C++ build contracts this multiply and add into one FMA (the C
    // file of `exp` does not): only the fused form gives its quadrants.
    let q = x.mul_add(TWO_OVER_PI, RINT_MAGIC) - RINT_MAGIC;
    let mut r = q.mul_add(PIO2[0], x);
    r = q.mul_add(PIO2[1], r);
    r = q.mul_add(PIO2[2], r);
    let r2 = r * r;
    let mut c = COS[0].mul_add(r2, COS[1]);
    for k in &COS[2..] {
        c = c.mul_add(r2, *k);
    }
    let mut s = SIN[0].mul_add(r2, SIN[1]);
    for k in &SIN[2..] {
        s = s.mul_add(r2, *k);
    }
    s = s.mul_add(r2, 0.0);
    s = s.mul_add(r, r);
    let quadrant = q as i32 + i32::from(cosine);
    let v = if quadrant & 1 == 0 { s } else { c };
    if quadrant & 2 == 2 { 0.0 - v } else { v }
}
