//! numpy's float64 ufunc kernels (`np.exp`, `np.log`, `np.log1p`, `np.expm1`,
//! `np.log2`, `np.log10`, `np.tanh` of a float64 array), bit for bit on the
//! CPUs where numpy does not call the C library.
//!
//! numpy (a Linux x86-64 wheel, 2.x) picks its float64 loops at run time from
//! the CPU's features. On a CPU with the X86_V4 group (AVX-512 F, CD, VL, BW,
//! DQ) `exp`, `log`, `log1p`, `expm1`, `log2` and `log10` of float64 run
//! Intel's SVML vector functions (`__svml_exp8_ha` ..., linked into numpy);
//! below that level they call the C library's functions, which Rust's
//! `f64::exp`, `f64::ln` ... call too. The X86_V4 versions here perform the same AVX-512 instructions in
//! the same order on the same constants (so `vrcp14pd`, directed-rounding FMAs
//! and `vscalefpd` give what they give numpy), eight lanes at a time, and the
//! same scalar code for the lanes SVML hands to its slow path (overflow,
//! underflow, infinities, zeros, negative inputs).
//!
//! `tanh` of float64 runs numpy's own SIMD algorithm (universal intrinsics,
//! `loops_hyperbolic.dispatch.cpp.src`) on X86_V3 (AVX2 + FMA3) and X86_V4
//! alike: |x| picks one of 16 intervals by its exponent, a degree-16
//! polynomial in |x| - b with that interval's coefficients, evaluated by
//! FMAs. The port here does one lane of it with `f64::mul_add`.
//!
//! The constants and tables (polynomial coefficients, 2^(j/16) and log(c)
//! tables, thresholds) are data read from numpy 2.4's `_multiarray_umath`:
//! Intel's SVML (BSD-3-Clause, github.com/numpy/SVML) for the X86_V4 kernels,
//! numpy's `loops_hyperbolic.dispatch.cpp.src` (BSD-3-Clause, itself derived
//! from SVML's `tanh`) for `tanh`. The code is this project's.

use std::sync::atomic::{AtomicU8, Ordering};

/// 0: not yet detected; 2: numpy's scalar loops (the C library's functions);
/// 3: numpy's X86_V3 loops (its own SIMD float32 `exp`, `log`, `tanh`, `sin`,
/// `cos` and float64 `tanh`); 4: numpy's X86_V4 loops (SVML for float64 `exp`,
/// `log`, `log1p`, `expm1`, `log2`, `log10`; the rest as X86_V3).
static LEVEL: AtomicU8 = AtomicU8::new(0);

/// The dispatch level numpy would choose on this CPU, detected once (the
/// float32 kernels of npkern32.rs read it too).
#[inline]
pub fn npk_level() -> u8 {
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

/// `np.exp` of float64 values, in place, as numpy computes it on this CPU.
pub fn npk64_exp(xs: &mut [f64]) {
    #[cfg(target_arch = "x86_64")]
    if npk_level() == 4 {
        // SAFETY: the CPU has AVX-512 F and DQ (checked just above).
        unsafe { v4::map8(xs, v4::exp8) };
        return;
    }
    for x in xs.iter_mut() {
        *x = x.exp();
    }
}

/// `np.log2` of float64 values, in place, as numpy computes it on this CPU.
pub fn npk64_log2(xs: &mut [f64]) {
    #[cfg(target_arch = "x86_64")]
    if npk_level() == 4 {
        // SAFETY: the CPU has AVX-512 F and DQ (checked just above).
        unsafe { v4::map8(xs, v4::log2_8) };
        return;
    }
    for x in xs.iter_mut() {
        *x = x.log2();
    }
}

/// `np.log10` of float64 values, in place, as numpy computes it on this CPU.
pub fn npk64_log10(xs: &mut [f64]) {
    #[cfg(target_arch = "x86_64")]
    if npk_level() == 4 {
        // SAFETY: the CPU has AVX-512 F and DQ (checked just above).
        unsafe { v4::map8(xs, v4::log10_8) };
        return;
    }
    for x in xs.iter_mut() {
        *x = x.log10();
    }
}

/// `np.expm1` of float64 values, in place, as numpy computes it on this CPU.
pub fn npk64_expm1(xs: &mut [f64]) {
    #[cfg(target_arch = "x86_64")]
    if npk_level() == 4 {
        // numpy gives SVML 1.0 for a NaN and keeps the NaN itself.
        let nans: Vec<(usize, f64)> = xs
            .iter()
            .enumerate()
            .filter(|(_, x)| x.is_nan())
            .map(|(i, x)| (i, *x))
            .collect();
        for &(i, _) in &nans {
            xs[i] = 1.0;
        }
        // SAFETY: the CPU has AVX-512 F and DQ (checked just above).
        unsafe { v4::map8(xs, v4::expm1_8) };
        for (i, x) in nans {
            xs[i] = x;
        }
        return;
    }
    for x in xs.iter_mut() {
        *x = x.exp_m1();
    }
}

/// `np.log1p` of float64 values, in place, as numpy computes it on this CPU.
pub fn npk64_log1p(xs: &mut [f64]) {
    #[cfg(target_arch = "x86_64")]
    if npk_level() == 4 {
        // SAFETY: the CPU has AVX-512 F and DQ (checked just above).
        unsafe { v4::map8(xs, v4::log1p_8) };
        return;
    }
    for x in xs.iter_mut() {
        *x = x.ln_1p();
    }
}

/// `np.tanh` of float64 values, in place, as numpy computes it on this CPU.
pub fn npk64_tanh(xs: &mut [f64]) {
    if npk_level() >= 3 {
        for x in xs.iter_mut() {
            *x = tanh_simd(*x);
        }
        return;
    }
    for x in xs.iter_mut() {
        *x = x.tanh();
    }
}

/// One lane of numpy's float64 `tanh` loop (X86_V3 and X86_V4).
fn tanh_simd(x: f64) -> f64 {
    let bits = x.to_bits();
    // The exponent and the top mantissa bit pick the interval: 2^-3 and
    // below the first, 2^12 and above (and inf, NaN) the last (1.0).
    let top = bits & 0x7ff8_0000_0000_0000;
    let ordinary = top <= 0x7fe0_0000_0000_0000;
    let hi = ((top >> 32) as i32)
        .wrapping_sub(0x3fc0_0000)
        .clamp(0, 0x0078_0000);
    let row = &TANH_TABLE[(hi as u32 >> 19) as usize];
    let c = |k: usize| f64::from_bits(row[k]);
    let y = x.abs() - c(0);
    let mut r = c(17).mul_add(y, c(16));
    for k in (1..16).rev() {
        r = r.mul_add(y, c(k));
    }
    if !ordinary {
        r = 1.0;
    }
    let r = f64::from_bits(r.to_bits() | (bits & 0x8000_0000_0000_0000));
    if x.is_nan() { f64::NAN } else { r }
}

/// Per interval of |x|: b, then the coefficients c0..c16 of the polynomial
/// in |x| - b (numpy's table, from Intel's SVML `tanh`).
#[rustfmt::skip]
const TANH_TABLE: [[u64; 18]; 16] = [
    [0x0000000000000000, 0x0000000000000000, 0x3ff0000000000000, 0xbbf0b3ea3fdfaa19, 0xbfd5555555555555, 0xbce6863ee44ed636, 0x3fc1111111112ab5, 0xbda1ea19ddddb3b4, 0xbfaba1ba1990520b, 0xbe351ca7f096011f, 0x3f9664f94e6ac14e, 0xbea8c4c1fd7852fe, 0xbf822404577aa9dd, 0xbefdd99a221ed573, 0x3f6e3be689423841, 0xbf2a1306713a4f3a, 0xbf55d7e76dc56871, 0x3f35e67ab76a26e7],
    [0x3fcc000000000000, 0x3fcb8fd0416a7c92, 0x3fee842ca3f08532, 0xbfca48aaeb53bc21, 0xbfd183afc292ba11, 0x3fc04dcd0476c75e, 0x3fb5c19efdfc08ad, 0xbfb0b8df995ce4df, 0xbf96e37bba52f6fc, 0x3f9eaaf3320c3851, 0xbf94d3343bae39dd, 0xbfccce16b1046f13, 0x403d8b07f7a82aa3, 0x4070593a3735bab4, 0xc0d263511f5baac1, 0xc1045e509116b066, 0x41528c38809c90c7, 0x41848ee0627d8206],
    [0x3fd4000000000000, 0x3fd35f98a0ea650e, 0x3fed11574af58f1b, 0xbfd19921f4329916, 0xbfcc1a4b039c9bfa, 0x3fc43d3449a80f08, 0x3fa74c98dc34fbac, 0xbfb2955cf41e8164, 0x3ecff7df18455399, 0x3f9cf823fe761fc1, 0xbf7bc748e60df843, 0xbf81a16f224bb7b6, 0xbf9f44ab92fbab0a, 0xbfccab654e44835e, 0x40169f73b15ebe5c, 0x4041fab9250984ce, 0xc076d57fb5190b02, 0xc0a216d618b489ec],
    [0x3fdc000000000000, 0x3fda5729ee488037, 0x3fea945b9c24e4f9, 0xbfd5e0f09bef8011, 0xbfc16e1e6d8d0be6, 0x3fc5c26f3699b7e7, 0xbf790d6a8eff0a77, 0xbfaf9d05c309f7c6, 0x3f97362834d33a4e, 0x3f9022271754ff1f, 0xbf8c89372b43ba85, 0xbf62cbf00406bc09, 0x3fb2eac604473d6a, 0x3fd13ed80037dbac, 0xc025c1dd41cd6cb5, 0xc0458d090ec3de95, 0x4085f09f888f8ada, 0x40a5b89107c8af4f],
    [0x3fe4000000000000, 0x3fe1bf47eabb8f95, 0x3fe6284c3374f815, 0xbfd893b59c35c882, 0xbf92426c751e48a2, 0x3fc1a686f6ab2533, 0xbfac3c021789a786, 0xbf987d27ccff4291, 0x3f9e7f8380184b45, 0xbf731fe77c9c60af, 0xbf8129a092de747a, 0x3f75b29bb02cf69b, 0x3f45f87d903aaac8, 0xbf6045b9076cc487, 0xbf58fd89fe05e0d1, 0xbf74949d60113d63, 0x3fa246332a2fcba5, 0x3fb69d8374520eda],
    [0x3fec000000000000, 0x3fe686650b8c2015, 0x3fe02500a09f8d6e, 0xbfd6ba7cb7576538, 0x3fb4f152b2bad124, 0x3faf203c316ce730, 0xbfae2196b7326859, 0x3f8b2ca62572b098, 0x3f869543e7c420d4, 0xbf84a6046865ec7d, 0x3f60c85b4d538746, 0x3f607df0f9f90c17, 0xbf5e104671036300, 0x3f2085ee7e8ac170, 0x3f73f7af01d5af7a, 0x3f7c9fd6200d0ade, 0xbfb29d851a896fcd, 0xbfbded519f981716],
    [0x3ff4000000000000, 0x3feb2523bb6b2dee, 0x3fd1f25131e3a8c0, 0xbfce7291743d7555, 0x3fbbba40cbef72be, 0xbf89c7a02788557c, 0xbf93a7a011ff8c2a, 0x3f8f1cf6c7f5b00a, 0xbf7326bd4914222a, 0xbf4ca3f1f2b9192b, 0x3f5be9392199ec18, 0xbf4b852a6e0758d5, 0x3f19bc98ddf0f340, 0x3f23524622610430, 0xbf1e40bdead17e6b, 0x3f02cd40e0ad0a9f, 0x3ed9065ae369b212, 0xbef02d288b5b3371],
    [0x3ffc000000000000, 0x3fee1fbf97e33527, 0x3fbd22ca1c24a139, 0xbfbb6d85a01efb80, 0x3fb01ba038be6a3d, 0xbf98157e26e0d541, 0x3f6e4709c7e8430e, 0x3f60379811e43dd5, 0xbf5fc15b0a9d98fa, 0x3f4c77dee0afd227, 0xbf2a0c68a4489f10, 0xbf0078c63d1b8445, 0x3f0d4304bc9246e8, 0xbeff12a6626911b4, 0x3ee224cd6c4513e5, 0xbe858ab8e019f311, 0xbeb8e1ba4c98a030, 0x3eb290981209c1a6],
    [0x4004000000000000, 0x3fef9258260a71c2, 0x3f9b3afe1fba5c76, 0xbf9addae58c7141a, 0x3f916df44871efc8, 0xbf807b55c1c7d278, 0x3f67682afa611151, 0xbf4793826f78537e, 0x3f14cffcfa69fbb6, 0x3f04055bce68597a, 0xbf00462601dc2faa, 0x3eec12eadd55be7a, 0xbed13c415f7b9d41, 0x3eab9008bca408af, 0xbe24b645e68eeaa3, 0xbe792fa6323b7cf8, 0x3e6ffd0766ad4016, 0xbe567e924bf5ff6e],
    [0x400c000000000000, 0x3feff112c63a9077, 0x3f6dd37d19b22b21, 0xbf6dc59376c7aa19, 0x3f63c6869dfc8870, 0xbf53a18d5843190f, 0x3f3ef2ee77717cbf, 0xbf2405695e36240f, 0x3f057e48e5b79d10, 0xbee2bf0cb4a71647, 0x3eb7b6a219dea9f4, 0xbe6fa600f593181b, 0xbe722b8d9720cdb0, 0x3e634df71865f620, 0xbe4abfebfb72bc83, 0x3e2df04d67876402, 0xbe0c63c29f505f5b, 0x3de3f7f7de6b0eb6],
    [0x4014000000000000, 0x3fefff419668df11, 0x3f27ccec13a9ef96, 0xbf27cc5e74677410, 0x3f1fb9aef915d828, 0xbf0fb6bbc89b1a5b, 0x3ef95a4482f180b7, 0xbee0e08de39ce756, 0x3ec33b66d7d77264, 0xbea31eaafe73efd5, 0x3e80cbcc8d4c5c8a, 0xbe5a3c935dce3f7d, 0x3e322666d739bec0, 0xbe05bb1bcf83ca73, 0x3dd51c38f8695ed3, 0xbd95c72be95e4d2c, 0xbd7fab216b9e0e49, 0x3d69ed18bae3ebbc],
    [0x401c000000000000, 0x3feffffc832750f2, 0x3ecbe6c3f33250ae, 0xbecbe6c0e8b4cc87, 0x3ec299d1e27c6e11, 0xbeb299c9c684a963, 0x3e9dc2c27da3b603, 0xbe83d709ba5f714e, 0x3e66ac4e578b9b10, 0xbe46abb02c4368ed, 0x3e2425bb231a5e29, 0xbe001c6d95e3ae96, 0x3dd76a553d7e7918, 0xbdaf2ac143fb6762, 0x3d8313ac38c6832b, 0xbd55a89c30203106, 0x3d2826b62056aa27, 0xbcf7534c4f3dfa71],
    [0x4024000000000000, 0x3feffffffdc96f35, 0x3e41b4865394f75f, 0xbe41b486526b0565, 0x3e379b5ddcca334c, 0xbe279b5dd4fb3d01, 0x3e12e2afd9f7433e, 0xbdf92e3fc5ee63e0, 0x3ddcc74b8d3d5c42, 0xbdbcc749ca8079dd, 0x3d9992a4beac8662, 0xbd74755a00ea1fd3, 0x3d4de0fa59416a39, 0xbd23eae52a3dbf57, 0x3cf7787935626685, 0xbccad6b3bb9eff65, 0x3ca313e31762f523, 0xbc730b73f1eaff20],
    [0x402c000000000000, 0x3fefffffffffcf58, 0x3d8853f01bda5f28, 0xbd8853f01bef63a4, 0x3d8037f57bc62c9a, 0xbd7037f57ae72aa6, 0x3d59f320348679ba, 0xbd414cc030f2110e, 0x3d23c589137f92b4, 0xbd03c5883836b9d2, 0x3ce191ba5ed3fb67, 0xbcbc1c6c063bb7ac, 0x3c948716cf3681b4, 0xbc6b5e3e9ca0955e, 0x3c401ffc49c6bc29, 0xbc12705ccd3dd884, 0x3bea37aa21895319, 0xbbba2cff8135d462],
    [0x4034000000000000, 0x3ff0000000000000, 0x3c73953c0197ef58, 0xbc73955be519be31, 0x3c6a2d4b50a2cff7, 0xbc5a2ca2bba78e86, 0x3c44b61d9bbcc940, 0xbc2ba022e8d82a87, 0x3c107f8e2c8707a1, 0xbbf07a5416264aec, 0x3bc892450bad44c4, 0xbba3be9a4460fe00, 0x3b873f9f2d2fda99, 0xbb5eca68e2c1ba2e, 0xbabf0b21acfa52ab, 0xba8e0a4c47ae75f5, 0x3ae5c7f1fd871496, 0xbab5a71b5f7d9035],
    [0x0000000000000000, 0x3ff0000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000],
];

/// `np.log` of float64 values, in place, as numpy computes it on this CPU.
pub fn npk64_log(xs: &mut [f64]) {
    #[cfg(target_arch = "x86_64")]
    if npk_level() == 4 {
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
#[cfg(target_arch = "x86_64")]
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
#[cfg(target_arch = "x86_64")]
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

/// The slow path of SVML's `log2` and `log10` (the same special values as
/// [`log_rare`]: -inf for zeros, the x86 default NaN for negative values and
/// -inf, +inf for +inf).
#[cfg(target_arch = "x86_64")]
fn log_rare_base(x: f64) -> f64 {
    log_rare(x)
}

/// The slow path of SVML's `expm1` (x >= 707.70, +inf; NaN never reaches it,
/// numpy passes NaN through itself): `exp`'s slow path.
#[cfg(target_arch = "x86_64")]
fn expm1_rare(x: f64) -> f64 {
    if x < 0.0 {
        return -1.0;
    }
    if x.is_nan() {
        return x;
    }
    exp_rare(x)
}

/// The slow path of SVML's `log1p`: [`log_rare`] of 1 + x.
#[cfg(target_arch = "x86_64")]
fn log1p_rare(x: f64) -> f64 {
    log_rare(x + 1.0)
}

/// 2^(j/64) for j in 0..64, each as a (high, low) pair of doubles.
#[cfg(target_arch = "x86_64")]
const EXP64_TABLE: [f64; 128] = exp64_table();

#[cfg(target_arch = "x86_64")]
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

    const RN: i32 = _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC;

    /// a*b + c, rounded once (`vfmadd...pd`).
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn fma(a: __m512d, b: __m512d, c: __m512d) -> __m512d {
        _mm512_fmadd_round_pd::<RN>(a, b, c)
    }

    /// a*b - c, rounded once (`vfmsub...pd`).
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn fms(a: __m512d, b: __m512d, c: __m512d) -> __m512d {
        _mm512_fmsub_round_pd::<RN>(a, b, c)
    }

    #[inline]
    #[target_feature(enable = "avx512f")]
    fn add(a: __m512d, b: __m512d) -> __m512d {
        _mm512_add_round_pd::<RN>(a, b)
    }

    #[inline]
    #[target_feature(enable = "avx512f")]
    fn sub(a: __m512d, b: __m512d) -> __m512d {
        _mm512_sub_round_pd::<RN>(a, b)
    }

    #[inline]
    #[target_feature(enable = "avx512f")]
    fn mul(a: __m512d, b: __m512d) -> __m512d {
        _mm512_mul_round_pd::<RN>(a, b)
    }

    /// The reduction SVML's `log2` and `log10` share: m in [1, 2) and the
    /// exponent e of x, c = `vrcp14pd(m)` rounded to a multiple of 1/32, the
    /// table index (c's top mantissa bits), r = c*m - 1, e + 1 where c < 0.75,
    /// and the lanes for the slow path (zeros, infinities, negative values).
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq")]
    fn log_reduce(
        x: __m512d,
        one: __m512d,
        three_quarters: __m512d,
    ) -> (__m512d, __m512d, __m512i, u8) {
        let m =
            _mm512_getmant_round_pd::<_MM_MANT_NORM_1_2, _MM_MANT_SIGN_NAN, _MM_FROUND_NO_EXC>(x);
        let e = _mm512_getexp_round_pd::<_MM_FROUND_NO_EXC>(x);
        let slow = _mm512_fpclass_pd_mask::<0x5e>(x);
        let c = _mm512_roundscale_round_pd::<0x58, _MM_FROUND_NO_EXC>(_mm512_rcp14_pd(m));
        let r = fms(c, m, one);
        let small = _mm512_cmp_pd_mask::<_CMP_LT_OQ>(c, three_quarters);
        let e = _mm512_mask_add_round_pd::<RN>(e, small, e, one);
        (r, e, _mm512_srli_epi64::<48>(_mm512_castpd_si512(c)), slow)
    }

    pub(super) fn expm1_8(x: __m512d) -> (__m512d, u8, fn(f64) -> f64) {
        // SAFETY: only called through `map8`, whose CPU check covers these.
        unsafe { expm1_impl(x) }
    }

    /// SVML's `__svml_expm18_ha` main path: x = (k/16) ln 2 + r as in `exp`,
    /// S = 2^(k/16) (table, `vscalefpd` by max(k/16, -128)), expm1(x) =
    /// (S - 1) + S*(r + r^2 p(r)) summed with the rounding errors kept, the
    /// sign of x put back. Lanes with x >= 707.70 and NaN take the slow path.
    #[target_feature(enable = "avx512f,avx512dq")]
    fn expm1_impl(x: __m512d) -> (__m512d, u8, fn(f64) -> f64) {
        let d000 = bits8([
            0x3ff0000000000000,
            0x3ff0b5586cf9890f,
            0x3ff172b83c7d517b,
            0x3ff2387a6e756238,
            0x3ff306fe0a31b715,
            0x3ff3dea64c123422,
            0x3ff4bfdad5362a27,
            0x3ff5ab07dd485429,
        ]);
        let d040 = bits8([
            0x3ff6a09e667f3bcd,
            0x3ff7a11473eb0187,
            0x3ff8ace5422aa0db,
            0x3ff9c49182a3f090,
            0x3ffae89f995ad3ad,
            0x3ffc199bdd85529c,
            0x3ffd5818dcfba487,
            0x3ffea4afa2a490da,
        ]);
        let d080 = bits8([
            0x0000000000000000,
            0x3c979aa65d837b6d,
            0xbc801b15eaa59348,
            0x3c968efde3a8a894,
            0x3c834d754db0abb6,
            0x3c859f48a72a4c6d,
            0x3c7690cebb7aafb0,
            0x3c9063e1e21c5409,
        ]);
        let d0c0 = bits8([
            0xbc93b3efbf5e2228,
            0xbc7b32dcb94da51d,
            0x3c8db72fc1f0eab4,
            0x3c71affc2b91ce27,
            0x3c8c1a7792cb3387,
            0x3c736eae30af0cb3,
            0x3c74a385a63d07a7,
            0xbc8ff7128fd391f0,
        ]);
        let d100 = splat(0x3ff71547652b82fe);
        let d140 = splat(0x42f8000000003ff0);
        let d180 = splat(0x40861da04cbafe44);
        let d1c0 = splat(0x8000000000000000);
        let d200 = splat(0x3fe62e42fefa39ef);
        let d240 = splat(0x3c7abc9e3b39803f);
        let d280 = splat(0xc060000000000000);
        let d2c0 = splat(0xbfffffffffffffff);
        let d300 = splat(0x3efa01f8f4be0bb2);
        let d340 = splat(0x3f2a01f8f4b129c3);
        let d380 = splat(0x3f56c16c16304601);
        let d3c0 = splat(0x3f81111110a65711);
        let d400 = splat(0x3fa555555555560a);
        let d440 = splat(0x3fc55555555555f9);
        let d480 = splat(0x3fe0000000000000);
        let d4c0 = splat(0x3ff0000000000000);
        let d500 = splat(0xbff0000000000000);
        let t = fma(x, d100, d140);
        let slow = _mm512_cmp_pd_mask::<_CMP_NLT_UQ>(x, d180);
        let n = sub(t, d140);
        let j = _mm512_castpd_si512(t);
        let hi = _mm512_permutex2var_pd(d000, j, d040);
        let lo = _mm512_permutex2var_pd(d080, j, d0c0);
        let sign = _mm512_and_pd(x, d1c0);
        let r_hi = _mm512_fnmadd_round_pd::<RN>(n, d200, x);
        let big = _mm512_max_round_pd::<_MM_FROUND_NO_EXC>(n, d280);
        let s = _mm512_scalef_round_pd::<RN>(hi, big);
        let r = _mm512_fnmadd_round_pd::<RN>(n, d240, r_hi);
        let tiny = _mm512_cmp_pd_mask::<_CMP_LT_OQ>(s, d4c0);
        let r_lo = sub(r_hi, r);
        let r = _mm512_and_pd(r, d2c0);
        let r_lo = _mm512_fnmadd_round_pd::<RN>(d240, n, r_lo);
        let p = fma(d380, r, d3c0);
        let q = fma(d400, r, d440);
        let r_lo = _mm512_and_pd(r_lo, d2c0);
        let r2 = mul(r, r);
        let u = fma(d300, r, d340);
        let w = add(r_lo, lo);
        let lo = fma(r, lo, w);
        let u = fma(r2, u, p);
        let big_part = _mm512_mask_blend_pd(tiny, s, d500);
        let small_part = _mm512_mask_blend_pd(tiny, d500, s);
        let u = fma(r2, u, q);
        let sm1 = add(s, d500);
        let u = fma(r, u, d480);
        let err = sub(big_part, sm1);
        let u = fma(r2, u, lo);
        let err = add(err, small_part);
        let head = fma(r, s, sm1);
        let tail = sub(head, sm1);
        let tail = fms(r, s, tail);
        let v = fma(u, s, err);
        let v = add(v, tail);
        let res = add(head, v);
        (_mm512_or_pd(res, sign), slow, super::expm1_rare)
    }

    pub(super) fn log1p_8(x: __m512d) -> (__m512d, u8, fn(f64) -> f64) {
        // SAFETY: only called through `map8`, whose CPU check covers these.
        unsafe { log1p_impl(x) }
    }

    /// SVML's `__svml_log1p8_ha` main path: y = 1 + x as a sum of two
    /// doubles (high part y, low part scaled by 2^-e), then `log`'s
    /// reduction of y with the low part folded into r, the sign of x put
    /// back. Lanes where the result comes out NaN (x <= -1, +inf, NaN) take
    /// the slow path.
    #[target_feature(enable = "avx512f,avx512dq")]
    fn log1p_impl(x: __m512d) -> (__m512d, u8, fn(f64) -> f64) {
        let d000 = bits8([
            0x0000000000000000,
            0xbfaf0a30c0120000,
            0xbfbe27076e2b0000,
            0xbfc5ff3070a78000,
            0xbfcc8ff7c79a8000,
            0xbfd1675cababc000,
            0xbfd4618bc21c4000,
            0xbfd739d7f6bbc000,
        ]);
        let d040 = bits8([
            0x3fd269621134c000,
            0x3fcf991c6cb38000,
            0x3fca93ed3c8b0000,
            0x3fc5bf406b540000,
            0x3fc1178e82280000,
            0x3fb9335e5d590000,
            0x3fb08598b59e0000,
            0x3fa0415d89e80000,
        ]);
        let d080 = bits8([
            0x0000000000000000,
            0x3d53ab33d066d1d2,
            0x3d2a342c2af0003c,
            0xbd43d3c873e20a07,
            0xbd4a21ac25d81ef3,
            0x3d59f1fc63382a8f,
            0xbd5ec27d0b7b37b3,
            0xbd50069ce24c53fb,
        ]);
        let d0c0 = bits8([
            0x3d5b92783beb7677,
            0x3d59bcbecca0cdf3,
            0xbd530e486a0ac42d,
            0x3d5ed8fdc149767e,
            0xbd4b8421cc74be04,
            0x3d52622b8757a8fb,
            0x3d4d034451fecdfb,
            0xbd577771fd187145,
        ]);
        let d100 = splat(0x3ff0000000000000);
        let d140 = splat(0x8000000000000000);
        let d180 = splat(0x3fe8000000000000);
        let d1c0 = splat(0x3fbc81cd309d7c70);
        let d200 = splat(0xbfc007357e93af62);
        let d240 = splat(0x3fc249229cee81ef);
        let d280 = splat(0xbfc55553fb28db06);
        let d2c0 = splat(0x3fc9999999cc9f5c);
        let d300 = splat(0xbfd00000000c05bd);
        let d340 = splat(0x3fd5555555555466);
        let d380 = splat(0xbfdfffffffffffc6);
        let d3c0 = splat(0x3fe62e42fefa0000);
        let d400 = splat(0x3d7cf79abc9e0000);
        let big = _mm512_max_round_pd::<_MM_FROUND_NO_EXC>(d100, x);
        let small = _mm512_min_round_pd::<_MM_FROUND_NO_EXC>(d100, x);
        let y = add(d100, x);
        let sign = _mm512_and_pd(x, d140);
        let m =
            _mm512_getmant_round_pd::<_MM_MANT_NORM_1_2, _MM_MANT_SIGN_NAN, _MM_FROUND_NO_EXC>(y);
        let e = _mm512_getexp_round_pd::<_MM_FROUND_NO_EXC>(y);
        let y_err = sub(y, big);
        let rcp = _mm512_rcp14_pd(m);
        let y_lo = sub(small, y_err);
        let neg_e = _mm512_xor_pd(e, d140);
        let c = _mm512_roundscale_round_pd::<0x58, _MM_FROUND_NO_EXC>(rcp);
        let y_lo = _mm512_scalef_round_pd::<RN>(y_lo, neg_e);
        let lt = _mm512_cmp_pd_mask::<_CMP_LT_OQ>(c, d180);
        let r_hi = fms(c, m, d100);
        let c_lo = mul(c, y_lo);
        let e = _mm512_mask_add_round_pd::<RN>(e, lt, e, d100);
        let r = add(r_hi, c_lo);
        let r2 = mul(r, r);
        let a = fma(d1c0, r, d200);
        let r_err = sub(r, r_hi);
        let j = _mm512_srli_epi64::<48>(_mm512_castpd_si512(c));
        let r_err = sub(c_lo, r_err);
        let lo = _mm512_permutex2var_pd(d080, j, d0c0);
        let hi = _mm512_permutex2var_pd(d000, j, d040);
        let hi = fma(d3c0, e, hi);
        let lo = add(lo, r_err);
        let b = fma(d240, r, d280);
        let d = fma(d340, r, d380);
        let s = add(hi, r);
        let a = fma(r2, a, b);
        let f = fma(d2c0, r, d300);
        let r4 = mul(r2, r2);
        let f = fma(r2, f, d);
        let err = sub(s, hi);
        let a = fma(r4, a, f);
        let tail = sub(r, err);
        let a = fma(r2, a, tail);
        let slow = _mm512_cmp_pd_mask::<_CMP_NEQ_UQ>(tail, tail);
        let lo = fma(d400, e, lo);
        let lo = add(a, lo);
        let res = add(s, lo);
        (_mm512_or_pd(res, sign), slow, super::log1p_rare)
    }

    pub(super) fn log2_8(x: __m512d) -> (__m512d, u8, fn(f64) -> f64) {
        // SAFETY: only called through `map8`, whose CPU check covers these.
        unsafe { log2_impl(x) }
    }

    /// SVML's `__svml_log28_ha` main path: log2(x) = e - log2(c) (a table of
    /// high and low parts) + r*log2(e) + a polynomial in r, the first sum
    /// kept to twice the precision.
    #[target_feature(enable = "avx512f,avx512dq")]
    fn log2_impl(x: __m512d) -> (__m512d, u8, fn(f64) -> f64) {
        let d000 = bits8([
            0x0000000000000000,
            0xbfb663f6fac90000,
            0xbfc5c01a39fc0000,
            0xbfcfbc16b9028000,
            0xbfd49a784bcd0000,
            0xbfd91bba891f0000,
            0xbfdd6753e0330000,
            0xbfe0c10500d64000,
        ]);
        let d040 = bits8([
            0x3fda8ff971810000,
            0x3fd6cb0f6865c000,
            0x3fd32bfee3710000,
            0x3fcf5fd8a9060000,
            0x3fc8a8980abf8000,
            0x3fc22dadc2ab0000,
            0x3fb7d60496d00000,
            0x3fa77394c9da0000,
        ]);
        let d080 = bits8([
            0x0000000000000000,
            0xbd33167ccc538261,
            0x3d54bc302ffa76fb,
            0x3d47f5dc57266758,
            0xbd5b8afe492bf6ff,
            0xbd5708b4b2b5056c,
            0x3d55f101c141e670,
            0x3d45669df6a2b592,
        ]);
        let d0c0 = bits8([
            0x3d44bc302ffa76fb,
            0x3d41d406db502403,
            0xbd51979a5db68722,
            0x3d5f1a4847f7b278,
            0x3d5e9933354dbf17,
            0x3d5a4b69691d7994,
            0xbd512ce6312ebb82,
            0xbd54e55443478fe0,
        ]);
        let d100 = splat(0x3ff0000000000000);
        let d140 = splat(0x3fe8000000000000);
        let d180 = splat(0xbfc283074b6385ed);
        let d1c0 = splat(0x3fc48f3d7961ddc4);
        let d200 = splat(0xbfc715442d67f111);
        let d240 = splat(0x3fca6173d9393468);
        let d280 = splat(0xbfcec709dc9f7735);
        let d2c0 = splat(0x3fd2776c510a3422);
        let d300 = splat(0xbfd71547652b8064);
        let d340 = splat(0x3fdec709dc3a0328);
        let d380 = splat(0xbfe71547652b82fe);
        let d3c0 = splat(0x3c77bc726bb4732e);
        let d400 = splat(0x3ff71547652b82fe);
        let (r, e, j, slow) = log_reduce(x, d100, d140);
        let a = fma(d180, r, d1c0);
        let b = fma(d200, r, d240);
        let c = fma(d280, r, d2c0);
        let r2 = mul(r, r);
        let a = fma(r2, a, b);
        let hi = _mm512_permutex2var_pd(d000, j, d040);
        let lo = _mm512_permutex2var_pd(d080, j, d0c0);
        let r4 = mul(r2, r2);
        let d = fma(d300, r, d340);
        let eh = add(e, hi);
        let c = fma(r2, c, d);
        let f = fma(d380, r, d3c0);
        let a = fma(r4, a, c);
        let s = fma(r, d400, eh);
        let a = fma(r2, a, f);
        let err = sub(s, eh);
        let err = _mm512_mask_xor_pd(err, slow, err, err);
        let err = fms(r, d400, err);
        let lo = add(lo, err);
        let a = fma(r, a, lo);
        (add(s, a), slow, super::log_rare_base)
    }

    pub(super) fn log10_8(x: __m512d) -> (__m512d, u8, fn(f64) -> f64) {
        // SAFETY: only called through `map8`, whose CPU check covers these.
        unsafe { log10_impl(x) }
    }

    /// SVML's `__svml_log108_ha` main path: log10(x) = e*log10(2) -
    /// log10(c) (high and low parts) + r*log10(e) + a polynomial in r.
    #[target_feature(enable = "avx512f,avx512dq")]
    fn log10_impl(x: __m512d) -> (__m512d, u8, fn(f64) -> f64) {
        let d000 = bits8([
            0x0000000000000000,
            0xbf9af5f92b000000,
            0xbfaa30a9d60a0000,
            0xbfb31b3055c40000,
            0xbfb8cf1838860000,
            0xbfbe3bc1ab0e0000,
            0xbfc1b3e71ec98000,
            0xbfc42c7e7fe40000,
        ]);
        let d040 = bits8([
            0x3fbffbfc2bbc0000,
            0x3fbb721cd1710000,
            0x3fb715d0ce360000,
            0x3fb2e3a740b80000,
            0x3fadb11ed7660000,
            0x3fa5e3966b7e0000,
            0x3f9cb38fccd80000,
            0x3f8c3d0837780000,
        ]);
        let d080 = bits8([
            0x0000000000000000,
            0xbd4cc1f4dbc14db5,
            0x3d20163d7e67d282,
            0xbd5c46006d082e6d,
            0xbd520326ca2c7e5f,
            0xbd39fe3d562a53f0,
            0x3d5842a222666db0,
            0x3d1ff1d22abd8abe,
        ]);
        let d0c0 = bits8([
            0x3d5e00dd60df12c3,
            0x3d55f8a57d982e77,
            0x3d5ebeeb67bf155a,
            0xbd5ffc5aef53f2ed,
            0x3d557e865b878377,
            0x3d5252a37739a5f7,
            0x3d47fb6d2d6528c7,
            0x3d2310272fe17537,
        ]);
        let d100 = splat(0x3ff0000000000000);
        let d140 = splat(0x3fe8000000000000);
        let d180 = splat(0x3fa8c2d828480370);
        let d1c0 = splat(0xbfabd80d96029814);
        let d200 = splat(0x3fafc3f6f38b58a2);
        let d240 = splat(0xbfb287a63464dc80);
        let d280 = splat(0x3fb63c62777f27d9);
        let d2c0 = splat(0xbfbbcb7b153c06a3);
        let d300 = splat(0x3fc287a7636f428c);
        let d340 = splat(0xbfcbcb7b1526e4db);
        let d380 = splat(0x3c69a5fdaaf11825);
        let d3c0 = splat(0x3fdbcb7b1526e50e);
        let d400 = splat(0x3fd34413509f0000);
        let d440 = splat(0x3d7e7fbcc47c4acd);
        let (r, e, j, slow) = log_reduce(x, d100, d140);
        let b = fma(d200, r, d240);
        let a = fma(d180, r, d1c0);
        let r2 = mul(r, r);
        let r4 = mul(r2, r2);
        let a = fma(r2, a, b);
        let hi = _mm512_permutex2var_pd(d000, j, d040);
        let lo = _mm512_permutex2var_pd(d080, j, d0c0);
        let hi = fma(d400, e, hi);
        let lo = fma(d440, e, lo);
        let c = fma(d300, r, d340);
        let d = fma(d280, r, d2c0);
        let s = fma(r, d3c0, hi);
        let d = fma(r2, d, c);
        let err = sub(s, hi);
        let a = fma(r4, a, d);
        let err = _mm512_mask_xor_pd(err, slow, err, err);
        let a = fma(r, a, d380);
        let err = fms(r, d3c0, err);
        let lo = add(lo, err);
        let a = fma(r, a, lo);
        (add(s, a), slow, super::log_rare_base)
    }

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
            _mm512_getmant_round_pd::<_MM_MANT_NORM_1_2, _MM_MANT_SIGN_NAN, _MM_FROUND_NO_EXC>(x);
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
