//! numpy's float64 ufunc kernels (templates/runtime_optional/npkern64.rs): the
//! special values numpy gives, on whatever dispatch level this CPU has (the
//! bit-for-bit comparison with numpy itself is tests/test_np_kernels64.py).

use pcrt_tests::npkern64::{
    npk_level, npk64_exp, npk64_expm1, npk64_log, npk64_log1p, npk64_log2, npk64_log10, npk64_tanh,
};

fn run(f: fn(&mut [f64]), xs: &[f64]) -> Vec<f64> {
    let mut v = xs.to_vec();
    f(&mut v);
    v
}

fn same(got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert!(
            (g.is_nan() && w.is_nan()) || g.to_bits() == w.to_bits(),
            "{got:?} != {want:?}"
        );
    }
}

const INF: f64 = f64::INFINITY;
const NAN: f64 = f64::NAN;

#[test]
fn level_is_one_numpy_has() {
    assert!([2, 3, 4].contains(&npk_level()));
}

#[test]
fn exp_and_expm1_special_values() {
    let xs = [0.0, -0.0, INF, -INF, NAN, 710.0, -746.0, 1e-300];
    same(
        &run(npk64_exp, &xs),
        &[1.0, 1.0, INF, 0.0, NAN, INF, 0.0, 1.0],
    );
    let xs = [0.0, -0.0, INF, -INF, NAN, 710.0, -746.0];
    same(
        &run(npk64_expm1, &xs),
        &[0.0, -0.0, INF, -1.0, NAN, INF, -1.0],
    );
}

#[test]
fn logs_special_values() {
    let xs = [1.0, 0.0, -0.0, INF, -INF, -1.0, NAN];
    let want = [0.0, -INF, -INF, INF, NAN, NAN, NAN];
    same(&run(npk64_log, &xs), &want);
    same(&run(npk64_log2, &xs), &want);
    same(&run(npk64_log10, &xs), &want);
    let xs = [0.0, -0.0, -1.0, -2.0, INF, -INF, NAN];
    same(
        &run(npk64_log1p, &xs),
        &[0.0, -0.0, -INF, NAN, INF, NAN, NAN],
    );
    let pow2 = |k: i32| {
        if k >= -1022 {
            f64::from_bits(((k + 1023) as u64) << 52)
        } else {
            f64::from_bits(1u64 << (k + 1074))
        }
    };
    let powers: Vec<f64> = (-1074..1024).map(pow2).collect();
    let ks: Vec<f64> = (-1074..1024).map(f64::from).collect();
    same(&run(npk64_log2, &powers), &ks);
}

#[test]
fn tanh_special_values() {
    let xs = [0.0, -0.0, INF, -INF, NAN, 1e300, -1e300, 5e-324];
    same(
        &run(npk64_tanh, &xs),
        &[0.0, -0.0, 1.0, -1.0, NAN, 1.0, -1.0, 5e-324],
    );
}
