//! numpy's float64 ufunc kernels (`np.exp`, `np.log` of a float64 array), bit
//! for bit on the CPUs where numpy does not call the C library.
//!
//! numpy (a Linux x86-64 wheel, 2.x) picks its float64 loops at run time from
//! the CPU's features. On a CPU with the X86_V4 group (AVX-512 F, CD, VL, BW,
//! DQ) `exp` and `log` of float64 run Intel's SVML vector functions
//! (`__svml_exp8_ha`, `__svml_log8_ha`, linked into numpy); below that level
//! they call the C library's `exp`/`log`, which Rust's `f64::exp`/`f64::ln`
//! call too. The X86_V4 versions here perform the same AVX-512 instructions in
//! the same order on the same constants (so `vrcp14pd`, directed-rounding FMAs
//! and `vscalefpd` give what they give numpy), eight lanes at a time, and the
//! same scalar code for the lanes SVML hands to its slow path (overflow,
//! underflow, infinities, zeros, negative inputs).

use std::sync::atomic::{AtomicU8, Ordering};

/// 0: not yet detected; 2: numpy's scalar loops (the C library's functions);
/// 4: numpy's X86_V4 loops (SVML for `exp` and `log`).
static LEVEL: AtomicU8 = AtomicU8::new(0);

/// The dispatch level numpy would choose on this CPU, detected once.
#[inline]
pub fn npk64_level() -> u8 {
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
    // numpy's X86_V4 group (AVX512_SKX) on top of X86_V3.
    let v3 = std::arch::is_x86_feature_detected!("avx2")
        && std::arch::is_x86_feature_detected!("fma")
        && std::arch::is_x86_feature_detected!("f16c")
        && std::arch::is_x86_feature_detected!("bmi1")
        && std::arch::is_x86_feature_detected!("bmi2")
        && std::arch::is_x86_feature_detected!("lzcnt")
        && std::arch::is_x86_feature_detected!("movbe");
    let v4 = v3
        && std::arch::is_x86_feature_detected!("avx512f")
        && std::arch::is_x86_feature_detected!("avx512cd")
        && std::arch::is_x86_feature_detected!("avx512vl")
        && std::arch::is_x86_feature_detected!("avx512bw")
        && std::arch::is_x86_feature_detected!("avx512dq");
    if v4 { 4 } else { 2 }
}

#[cfg(not(target_arch = "x86_64"))]
fn detect_level() -> u8 {
    2
}

/// `np.exp` of float64 values, in place, as numpy computes it on this CPU.
pub fn npk64_exp(xs: &mut [f64]) {
    #[cfg(target_arch = "x86_64")]
    if npk64_level() == 4 {
        // SAFETY: the CPU has AVX-512 F and DQ (checked just above).
        unsafe { v4::map8(xs, v4::exp8) };
        return;
    }
    for x in xs.iter_mut() {
        *x = x.exp();
    }
}

/// `np.log` of float64 values, in place, as numpy computes it on this CPU.
pub fn npk64_log(xs: &mut [f64]) {
    #[cfg(target_arch = "x86_64")]
    if npk64_level() == 4 {
        // SAFETY: the CPU has AVX-512 F and DQ (checked just above).
        unsafe { v4::map8(xs, v4::log8) };
        return;
    }
    for x in xs.iter_mut() {
        *x = x.ln();
    }
}

/// The slow path of SVML's `exp` for one value (|x| >= 707.70, infinities):
/// a 64-entry table of 2^(j/64) and a degree-5 polynomial in plain
/// (unfused) double arithmetic, with the result scaled in two steps near
/// overflow and rounded once into the subnormals below 2^-1022.
fn exp_rare(x: f64) -> f64 {
    const INV_LN2_64: f64 = f64::from_bits(0x4057_1547_652b_82fe);
    const SHIFT: f64 = f64::from_bits(0x4338_0000_0000_0000);
    const LN2_64_HI: f64 = f64::from_bits(0x3f86_2e42_fefa_0000);
    const LN2_64_LO: f64 = f64::from_bits(0x3d1c_f79a_bc9e_3b3a);
    const P: [f64; 5] = [
        f64::from_bits(0x3fe0_0000_0000_0000),
        f64::from_bits(0x3fc5_5555_5555_48f8),
        f64::from_bits(0x3fa5_5555_5555_8fcc),
        f64::from_bits(0x3f81_1112_3aaf_20d3),
        f64::from_bits(0x3f56_c16a_1c2a_3ffd),
    ];
    const OVER: f64 = f64::from_bits(0x4086_2e42_fefa_39ef);
    const SUBNORMAL: f64 = f64::from_bits(0xc086_232b_dd7a_bcd2);
    const UNDER: f64 = f64::from_bits(0xc087_4910_d52d_3051);
    const TINY: f64 = f64::from_bits(0x0010_0000_0000_0001);
    const TWO_M60: f64 = f64::from_bits(0x3c30_0000_0000_0000);
    const SPLIT: f64 = f64::from_bits(0x41f8_0000_0000_0000);
    let bits = x.to_bits();
    let e = (bits >> 52) & 0x7ff;
    if e == 0x7ff {
        return if x == f64::NEG_INFINITY { 0.0 } else { x * x };
    }
    if e <= 0x3ca {
        return x + 1.0;
    }
    if x > OVER {
        return f64::MAX * f64::MAX;
    }
    if x < UNDER {
        return TINY * TINY;
    }
    let t = x * INV_LN2_64 + SHIFT;
    let n = t.to_bits() as u32;
    let j = (n & 0x3f) as usize;
    let kd = t - SHIFT;
    let r = (x - kd * LN2_64_HI) - kd * LN2_64_LO;
    let mut p = P[4] * r;
    p = (p + P[3]) * r;
    p = (p + P[2]) * r;
    p = (p + P[1]) * r;
    p = (p + P[0]) * r;
    p = p * r + r;
    p += EXP64_TABLE[2 * j + 1];
    let hi = EXP64_TABLE[2 * j];
    p *= hi;
    let m = n >> 6;
    let pow2 = |e: u32| f64::from_bits(u64::from(e & 0x7ff) << 52);
    if x < SUBNORMAL {
        let e = m.wrapping_add(0x43b) & 0x7ff;
        let scale = pow2(e);
        let lo = p * scale;
        let hi = hi * scale;
        let s = hi + lo;
        if e <= 0x32 {
            return s * TWO_M60;
        }
        let tail = (hi - s) + lo;
        let h = s * SPLIT;
        let top = (s + h) - h;
        let rest = tail + (s - top);
        return top * TWO_M60 + rest * TWO_M60;
    }
    let e = m.wrapping_add(0x3ff) & 0x7ff;
    let p = p + hi;
    if e > 0x7fe {
        return p * pow2(e.wrapping_sub(1)) * 2.0;
    }
    p * pow2(e)
}

/// The slow path of SVML's `log` for the values its vector path leaves out:
/// NaN, the infinities, zeros and negative numbers (the x86 default NaN, as
/// 0/0 gives it, for -inf and negative numbers).
fn log_rare(x: f64) -> f64 {
    const DEFAULT_NAN: u64 = 0xfff8_0000_0000_0000;
    if x.is_nan() || x == f64::INFINITY {
        return x * x;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x < 0.0 {
        return f64::from_bits(DEFAULT_NAN);
    }
    // A positive finite value does not reach here; the C library's log.
    x.ln()
}

/// 2^(j/64) for j in 0..64, each as a (high, low) pair of doubles.
const EXP64_TABLE: [f64; 128] = exp64_table();

const fn exp64_table() -> [f64; 128] {
    #[rustfmt::skip]
    const BITS: [u64; 128] = [
        0x3ff0000000000000, 0x0000000000000000, 0x3ff02c9a3e778061, 0xbc7160139cd8dc5d,
        0x3ff059b0d3158574, 0x3c8cd2523567f613, 0x3ff0874518759bc8, 0x3c60f74e61e6c861,
        0x3ff0b5586cf9890f, 0x3c979aa65d837b6d, 0x3ff0e3ec32d3d1a2, 0x3c3ebe3d702f9cd1,
        0x3ff11301d0125b51, 0xbc9556522a2fbd0e, 0x3ff1429aaea92de0, 0xbc91c923b9d5f416,
        0x3ff172b83c7d517b, 0xbc801b15eaa59348, 0x3ff1a35beb6fcb75, 0x3c8b898c3f1353bf,
        0x3ff1d4873168b9aa, 0x3c9aecf73e3a2f60, 0x3ff2063b88628cd6, 0x3c8a6f4144a6c38d,
        0x3ff2387a6e756238, 0x3c968efde3a8a894, 0x3ff26b4565e27cdd, 0x3c80472b981fe7f2,
        0x3ff29e9df51fdee1, 0x3c82f7e16d09ab31, 0x3ff2d285a6e4030b, 0x3c8b3782720c0ab4,
        0x3ff306fe0a31b715, 0x3c834d754db0abb6, 0x3ff33c08b26416ff, 0x3c8fdd395dd3f84a,
        0x3ff371a7373aa9cb, 0xbc924aedcc4b5068, 0x3ff3a7db34e59ff7, 0xbc71d1e83e9436d2,
        0x3ff3dea64c123422, 0x3c859f48a72a4c6d, 0x3ff4160a21f72e2a, 0xbc58a78f4817895b,
        0x3ff44e086061892d, 0x3c4363ed60c2ac11, 0x3ff486a2b5c13cd0, 0x3c6ecce1daa10379,
        0x3ff4bfdad5362a27, 0x3c7690cebb7aafb0, 0x3ff4f9b2769d2ca7, 0xbc8f94340071a38e,
        0x3ff5342b569d4f82, 0xbc78dec6bd0f385f, 0x3ff56f4736b527da, 0x3c93350518fdd78e,
        0x3ff5ab07dd485429, 0x3c9063e1e21c5409, 0x3ff5e76f15ad2148, 0x3c9432e62b64c035,
        0x3ff6247eb03a5585, 0xbc8c33c53bef4da8, 0x3ff6623882552225, 0xbc93cedd78565858,
        0x3ff6a09e667f3bcd, 0xbc93b3efbf5e2228, 0x3ff6dfb23c651a2f, 0xbc6367efb86da9ee,
        0x3ff71f75e8ec5f74, 0xbc781f647e5a3ecf, 0x3ff75feb564267c9, 0xbc8619321e55e68a,
        0x3ff7a11473eb0187, 0xbc7b32dcb94da51d, 0x3ff7e2f336cf4e62, 0x3c65ebe1abd66c55,
        0x3ff82589994cce13, 0xbc9369b6f13b3734, 0x3ff868d99b4492ed, 0xbc94d450d872576e,
        0x3ff8ace5422aa0db, 0x3c8db72fc1f0eab4, 0x3ff8f1ae99157736, 0x3c7bf68359f35f44,
        0x3ff93737b0cdc5e5, 0xbc5da9b88b6c1e29, 0x3ff97d829fde4e50, 0xbc92434322f4f9aa,
        0x3ff9c49182a3f090, 0x3c71affc2b91ce27, 0x3ffa0c667b5de565, 0xbc87c50422622263,
        0x3ffa5503b23e255d, 0xbc91bbd1d3bcbb15, 0x3ffa9e6b5579fdbf, 0x3c8469846e735ab3,
        0x3ffae89f995ad3ad, 0x3c8c1a7792cb3387, 0x3ffb33a2b84f15fb, 0xbc55c3d956dcaeba,
        0x3ffb7f76f2fb5e47, 0xbc68d6f438ad9334, 0x3ffbcc1e904bc1d2, 0x3c74ffd70a5fddcd,
        0x3ffc199bdd85529c, 0x3c736eae30af0cb3, 0x3ffc67f12e57d14b, 0x3c84e08fd10959ac,
        0x3ffcb720dcef9069, 0x3c676b2c6c921968, 0x3ffd072d4a07897c, 0xbc8fad5d3ffffa6f,
        0x3ffd5818dcfba487, 0x3c74a385a63d07a7, 0x3ffda9e603db3285, 0x3c8e5a50d5c192ac,
        0x3ffdfc97337b9b5f, 0xbc82d52107b43e1f, 0x3ffe502ee78b3ff6, 0x3c74b604603a88d3,
        0x3ffea4afa2a490da, 0xbc8ff7128fd391f0, 0x3ffefa1bee615a27, 0x3c8ec3bc41aa2008,
        0x3fff50765b6e4540, 0x3c8a64a931d185ee, 0x3fffa7c1819e90d8, 0x3c77893b4d91cd9d,
    ];
    let mut out = [0.0; 128];
    let mut i = 0;
    while i < 128 {
        out[i] = f64::from_bits(BITS[i]);
        i += 1;
    }
    out
}

#[cfg(target_arch = "x86_64")]
mod v4 {
    use core::arch::x86_64::*;

    /// Eight doubles given by their bit patterns.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn bits8(b: [u64; 8]) -> __m512d {
        _mm512_castsi512_pd(_mm512_setr_epi64(
            b[0] as i64,
            b[1] as i64,
            b[2] as i64,
            b[3] as i64,
            b[4] as i64,
            b[5] as i64,
            b[6] as i64,
            b[7] as i64,
        ))
    }

    #[inline]
    #[target_feature(enable = "avx512f")]
    fn splat(b: u64) -> __m512d {
        _mm512_set1_pd(f64::from_bits(b))
    }

    /// An eight-lane kernel: the results, the lanes to recompute by the
    /// scalar slow path, and that slow path.
    pub(super) type Kernel8 = fn(__m512d) -> (__m512d, u8, fn(f64) -> f64);

    /// `f` over `xs` eight at a time (the last group padded), then the lanes
    /// `f` marks as its slow path recomputed one by one by `f`'s scalar part.
    #[target_feature(enable = "avx512f,avx512dq")]
    pub(super) fn map8(xs: &mut [f64], f: Kernel8) {
        for chunk in xs.chunks_mut(8) {
            let mut lane = [0.0f64; 8];
            lane[..chunk.len()].copy_from_slice(chunk);
            let x = _mm512_setr_pd(
                lane[0], lane[1], lane[2], lane[3], lane[4], lane[5], lane[6], lane[7],
            );
            let (r, slow, rare) = f(x);
            let mut out = [0.0f64; 8];
            // SAFETY: `out` holds eight doubles.
            unsafe { _mm512_storeu_pd(out.as_mut_ptr(), r) };
            for (i, v) in chunk.iter_mut().enumerate() {
                *v = if slow & (1 << i) != 0 {
                    rare(lane[i])
                } else {
                    out[i]
                };
            }
        }
    }

    /// SVML's `__svml_exp8_ha` main path: x = (k/16) ln 2 + r with k from an
    /// FMA rounded toward zero, 2^(k/16) = 2^floor(k/16) * T[k mod 16] (a
    /// 16-entry table with a low part), exp(r) by a degree-6 polynomial.
    /// Lanes with |x| >= 707.70 (and the infinities) take the slow path.
    pub(super) fn exp8(x: __m512d) -> (__m512d, u8, fn(f64) -> f64) {
        // SAFETY: only called through `map8`, whose CPU check covers these.
        unsafe { exp8_impl(x) }
    }

    #[target_feature(enable = "avx512f")]
    fn exp8_impl(x: __m512d) -> (__m512d, u8, fn(f64) -> f64) {
        const RN: i32 = _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC;
        const RZ: i32 = _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC;
        let hi_a = bits8([
            0x3ff0000000000000,
            0x3ff0b5586cf9890f,
            0x3ff172b83c7d517b,
            0x3ff2387a6e756238,
            0x3ff306fe0a31b715,
            0x3ff3dea64c123422,
            0x3ff4bfdad5362a27,
            0x3ff5ab07dd485429,
        ]);
        let hi_b = bits8([
            0x3ff6a09e667f3bcd,
            0x3ff7a11473eb0187,
            0x3ff8ace5422aa0db,
            0x3ff9c49182a3f090,
            0x3ffae89f995ad3ad,
            0x3ffc199bdd85529c,
            0x3ffd5818dcfba487,
            0x3ffea4afa2a490da,
        ]);
        let lo_a = bits8([
            0x0000000000000000,
            0x3c979aa65d837b6d,
            0xbc801b15eaa59348,
            0x3c968efde3a8a894,
            0x3c834d754db0abb6,
            0x3c859f48a72a4c6d,
            0x3c7690cebb7aafb0,
            0x3c9063e1e21c5409,
        ]);
        let lo_b = bits8([
            0xbc93b3efbf5e2228,
            0xbc7b32dcb94da51d,
            0x3c8db72fc1f0eab4,
            0x3c71affc2b91ce27,
            0x3c8c1a7792cb3387,
            0x3c736eae30af0cb3,
            0x3c74a385a63d07a7,
            0xbc8ff7128fd391f0,
        ]);
        let log2e = splat(0x3ff71547652b82fe);
        let shift = splat(0x42f8000000003ff0);
        let ln2_hi = splat(0x3fe62e42fefa39ef);
        let ln2_lo = splat(0x3c7abc9e3b39803f);
        let c = [
            splat(0x3f57411836940c04),
            splat(0x3f81101cbbc265c0),
            splat(0x3fa55557242d68fe),
            splat(0x3fc5555553939732),
            splat(0x3fe000000000d008),
            splat(0x3fefffffffffff70),
        ];
        let t = _mm512_fmadd_round_pd::<RZ>(x, log2e, shift);
        let n = _mm512_sub_round_pd::<RN>(t, shift);
        let j = _mm512_castpd_si512(t);
        let lo = _mm512_permutex2var_pd(lo_a, j, lo_b);
        let hi = _mm512_permutex2var_pd(hi_a, j, hi_b);
        let r = _mm512_fnmadd_round_pd::<RN>(n, ln2_hi, x);
        let abs = _mm512_castsi512_pd(_mm512_and_si512(
            _mm512_castpd_si512(x),
            _mm512_set1_epi64(0x7fff_ffff_ffff_ffff),
        ));
        let slow = _mm512_cmp_pd_mask::<_CMP_GE_OQ>(abs, splat(0x40861da04cbafe44));
        let r = _mm512_fnmadd_round_pd::<RN>(ln2_lo, n, r);
        let r = _mm512_castsi512_pd(_mm512_and_si512(
            _mm512_castpd_si512(r),
            _mm512_set1_epi64(0xbfff_ffff_ffff_ffff_u64 as i64),
        ));
        let r2 = _mm512_mul_round_pd::<RN>(r, r);
        let a = _mm512_fmadd_round_pd::<RN>(c[0], r, c[1]);
        let b = _mm512_fmadd_round_pd::<RN>(c[2], r, c[3]);
        let d = _mm512_fmadd_round_pd::<RN>(c[4], r, c[5]);
        let p = _mm512_fmadd_round_pd::<RN>(r2, a, b);
        let p = _mm512_fmadd_round_pd::<RN>(r2, p, d);
        let p = _mm512_fmadd_round_pd::<RN>(p, r, lo);
        let p = _mm512_fmadd_round_pd::<RN>(hi, p, hi);
        let res = _mm512_scalef_round_pd::<RN>(p, n);
        (res, slow, super::exp_rare)
    }

    pub(super) fn log8(x: __m512d) -> (__m512d, u8, fn(f64) -> f64) {
        // SAFETY: only called through `map8`, whose CPU check covers these.
        unsafe { log8_impl(x) }
    }

    /// SVML's `__svml_log8_ha` main path: x = 2^e * m with m in [1, 2)
    /// (`vgetexppd`, `vgetmantpd`), c = `vrcp14pd(m)` rounded to a multiple of
    /// 1/32, r = c*m - 1 by one FMA, log(x) = e*ln 2 - log(c) (16-entry table
    /// of high and low parts) + a degree-9 polynomial in r, summed so the
    /// rounding error of the first addition is kept. Zeros, negative values,
    /// infinities and NaN take the slow path.
    #[target_feature(enable = "avx512f,avx512dq")]
    fn log8_impl(x: __m512d) -> (__m512d, u8, fn(f64) -> f64) {
        const RN: i32 = _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC;
        let hi_a = bits8([
            0x0000000000000000,
            0xbfaf0a30c0120000,
            0xbfbe27076e2b0000,
            0xbfc5ff3070a78000,
            0xbfcc8ff7c79a8000,
            0xbfd1675cababc000,
            0xbfd4618bc21c4000,
            0xbfd739d7f6bbc000,
        ]);
        let hi_b = bits8([
            0x3fd269621134c000,
            0x3fcf991c6cb38000,
            0x3fca93ed3c8b0000,
            0x3fc5bf406b540000,
            0x3fc1178e82280000,
            0x3fb9335e5d590000,
            0x3fb08598b59e0000,
            0x3fa0415d89e80000,
        ]);
        let lo_a = bits8([
            0x0000000000000000,
            0x3d53ab33d066d1d2,
            0x3d2a342c2af0003c,
            0xbd43d3c873e20a07,
            0xbd4a21ac25d81ef3,
            0x3d59f1fc63382a8f,
            0xbd5ec27d0b7b37b3,
            0xbd50069ce24c53fb,
        ]);
        let lo_b = bits8([
            0x3d5b92783beb7677,
            0x3d59bcbecca0cdf3,
            0xbd530e486a0ac42d,
            0x3d5ed8fdc149767e,
            0xbd4b8421cc74be04,
            0x3d52622b8757a8fb,
            0x3d4d034451fecdfb,
            0xbd577771fd187145,
        ]);
        let one = splat(0x3ff0000000000000);
        let m =
            _mm512_getmant_round_pd::<_MM_MANT_NORM_1_2, _MM_MANT_SIGN_ZERO, _MM_FROUND_NO_EXC>(x);
        let e = _mm512_getexp_round_pd::<_MM_FROUND_NO_EXC>(x);
        let rcp = _mm512_rcp14_pd(m);
        let slow = _mm512_fpclass_pd_mask::<0xdf>(x);
        let c = _mm512_roundscale_round_pd::<0x58, _MM_FROUND_NO_EXC>(rcp);
        let r = _mm512_fmsub_round_pd::<RN>(c, m, one);
        let small = _mm512_cmp_pd_mask::<_CMP_LT_OQ>(c, splat(0x3fe8000000000000));
        let p0 =
            _mm512_fmadd_round_pd::<RN>(splat(0x3fc249229cee81ef), r, splat(0xbfc55553fb28db06));
        let p1 =
            _mm512_fmadd_round_pd::<RN>(splat(0x3fbc81cd309d7c70), r, splat(0xbfc007357e93af62));
        let r2 = _mm512_mul_round_pd::<RN>(r, r);
        let p2 =
            _mm512_fmadd_round_pd::<RN>(splat(0x3fc9999999cc9f5c), r, splat(0xbfd00000000c05bd));
        let j = _mm512_srli_epi64::<48>(_mm512_castpd_si512(c));
        let p1 = _mm512_fmadd_round_pd::<RN>(r2, p1, p0);
        let r4 = _mm512_mul_round_pd::<RN>(r2, r2);
        let p3 =
            _mm512_fmadd_round_pd::<RN>(splat(0x3fd5555555555466), r, splat(0xbfdfffffffffffc6));
        let e = _mm512_mask_add_round_pd::<RN>(e, small, e, one);
        let hi = _mm512_permutex2var_pd(hi_a, j, hi_b);
        let lo = _mm512_permutex2var_pd(lo_a, j, lo_b);
        let p2 = _mm512_fmadd_round_pd::<RN>(r2, p2, p3);
        let hi = _mm512_fmadd_round_pd::<RN>(splat(0x3fe62e42fefa0000), e, hi);
        let p1 = _mm512_fmadd_round_pd::<RN>(r4, p1, p2);
        let s = _mm512_add_round_pd::<RN>(hi, r);
        let err = _mm512_sub_round_pd::<RN>(s, hi);
        let err = _mm512_mask_xor_pd(err, slow, err, err);
        let tail = _mm512_sub_round_pd::<RN>(r, err);
        let p1 = _mm512_fmadd_round_pd::<RN>(r2, p1, tail);
        let lo = _mm512_fmadd_round_pd::<RN>(splat(0x3d7cf79abc9e0000), e, lo);
        let res = _mm512_add_round_pd::<RN>(p1, lo);
        let res = _mm512_add_round_pd::<RN>(s, res);
        (res, slow, super::log_rare)
    }
}
