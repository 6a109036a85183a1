//! `pcrt::blas`: numpy's float32/float64 matrix products, computed by the
//! OpenBLAS library numpy itself ships (`numpy.libs/libscipy_openblas64_*.so`).
//!
//! Copied into a generated crate with `nd.rs` (and `assets.rs`, to find the
//! bundle). The compiler copies numpy's OpenBLAS (and the two libraries it
//! links, found through its `$ORIGIN` run path) into a bundle whose code uses
//! `@`, `np.matmul`, `np.dot`, `ndarray.dot` or `np.linalg.norm`; it is
//! loaded at the first such call. The same library on the same machine gives
//! the same bits as numpy, when it is called as numpy calls it: this module
//! makes numpy's choices (numpy/_core/src/umath/matmul.c.src) between
//! `gemm`, `syrk`, `gemv`, `dot` and numpy's own loop from the operands'
//! sizes and memory layouts.
//!
//! A library that cannot be loaded raises RuntimeError at the call (never a
//! different result).

use ndarray::{Array2, ArrayView1, ArrayView2, ShapeBuilder};
use std::ffi::{CStr, CString, c_char, c_int, c_void};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::{ExcKind, PyErr, PyResult};

const ROW_MAJOR: c_int = 101;
const COL_MAJOR: c_int = 102;
const NO_TRANS: c_int = 111;
const TRANS: c_int = 112;
const UPPER: c_int = 121;

/// numpy's BLAS_MAXSIZE for an ILP64 BLAS.
const BLAS_MAXSIZE: isize = isize::MAX - 1;
/// numpy's NPY_CBLAS_CHUNK: a dot product is summed in chunks of this many.
const CBLAS_CHUNK: usize = 1 << 30;

type GemmFn<T> = unsafe extern "C" fn(
    c_int,
    c_int,
    c_int,
    i64,
    i64,
    i64,
    T,
    *const T,
    i64,
    *const T,
    i64,
    T,
    *mut T,
    i64,
);
type GemvFn<T> =
    unsafe extern "C" fn(c_int, c_int, i64, i64, T, *const T, i64, *const T, i64, T, *mut T, i64);
type DotFn<T> = unsafe extern "C" fn(i64, *const T, i64, *const T, i64) -> T;
type SyrkFn<T> =
    unsafe extern "C" fn(c_int, c_int, c_int, i64, i64, T, *const T, i64, T, *mut T, i64);

/// The CBLAS functions of the loaded library (ILP64: 64-bit sizes).
pub struct Blas {
    sgemm: GemmFn<f32>,
    dgemm: GemmFn<f64>,
    sgemv: GemvFn<f32>,
    dgemv: GemvFn<f64>,
    sdot: DotFn<f32>,
    ddot: DotFn<f64>,
    ssyrk: SyrkFn<f32>,
    dsyrk: SyrkFn<f64>,
}

/// The library file: `PYCOMP_BLAS_LIBRARY` when set and non-empty; inside a
/// bundle (a `manifest.json` beside the compiled library) the bundle's own
/// copy only; else the file found in numpy's wheel at compile time.
pub fn blas_library_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PYCOMP_BLAS_LIBRARY").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let compiled = crate::PCRT_BLAS_LIBRARY;
    if compiled.is_empty() {
        return None;
    }
    if let Some(dir) = super::assets::bundle_dir()
        && dir.join("manifest.json").is_file()
    {
        return Path::new(compiled).file_name().map(|n| dir.join(n));
    }
    Some(PathBuf::from(compiled))
}

#[cfg(unix)]
fn dl_error() -> String {
    // SAFETY: dlerror returns NULL or a NUL-terminated message owned by libc.
    let e = unsafe { libc::dlerror() };
    if e.is_null() {
        "unknown error".to_string()
    } else {
        // SAFETY: non-null, NUL-terminated (above); copied at once.
        unsafe { CStr::from_ptr(e) }.to_string_lossy().into_owned()
    }
}

/// Elsewhere no library is loaded: a product raises RuntimeError saying why.
#[cfg(not(unix))]
fn load(_path: &Path) -> Result<Blas, String> {
    Err("loading a shared library is implemented for Unix systems only".to_string())
}

#[cfg(unix)]
fn load(path: &Path) -> Result<Blas, String> {
    use std::os::unix::ffi::OsStrExt;
    if !path.is_file() {
        return Err(
            "no such file (a bundle carries numpy's OpenBLAS beside its library: \
                    copy the whole bundle directory, or name the library with PYCOMP_BLAS_LIBRARY)"
                .to_string(),
        );
    }
    let c_path = CString::new(path.as_os_str().as_bytes()).map_err(|e| e.to_string())?;
    // SAFETY: a NUL-terminated path; the handle is never closed (the functions
    // stay in use for the life of the process).
    let handle = unsafe { libc::dlopen(c_path.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
    if handle.is_null() {
        return Err(dl_error());
    }
    let sym = |name: &str| -> Result<*mut c_void, String> {
        for pattern in ["scipy_cblas_{}64_", "cblas_{}64_"] {
            let full = CString::new(pattern.replace("{}", name)).map_err(|e| e.to_string())?;
            // SAFETY: a valid handle and a NUL-terminated name.
            let p = unsafe { libc::dlsym(handle, full.as_ptr() as *const c_char) };
            if !p.is_null() {
                return Ok(p);
            }
        }
        Err(format!(
            "the library has no 64-bit CBLAS function cblas_{name}"
        ))
    };
    // SAFETY: each symbol is the CBLAS function of that name with the ILP64
    // signature the type states (numpy calls the same functions).
    unsafe {
        Ok(Blas {
            sgemm: std::mem::transmute::<*mut c_void, GemmFn<f32>>(sym("sgemm")?),
            dgemm: std::mem::transmute::<*mut c_void, GemmFn<f64>>(sym("dgemm")?),
            sgemv: std::mem::transmute::<*mut c_void, GemvFn<f32>>(sym("sgemv")?),
            dgemv: std::mem::transmute::<*mut c_void, GemvFn<f64>>(sym("dgemv")?),
            sdot: std::mem::transmute::<*mut c_void, DotFn<f32>>(sym("sdot")?),
            ddot: std::mem::transmute::<*mut c_void, DotFn<f64>>(sym("ddot")?),
            ssyrk: std::mem::transmute::<*mut c_void, SyrkFn<f32>>(sym("ssyrk")?),
            dsyrk: std::mem::transmute::<*mut c_void, SyrkFn<f64>>(sym("dsyrk")?),
        })
    }
}

/// Whether this library was compiled where numpy has no OpenBLAS of its own (a
/// numpy built against Accelerate or MKL; the compiler warned, W013) and none is
/// named by `PYCOMP_BLAS_LIBRARY`: products then use numpy's loops without BLAS,
/// as a numpy built without one computes them. Decided once, as the library.
fn without_blas() -> bool {
    static WITHOUT: OnceLock<bool> = OnceLock::new();
    *WITHOUT.get_or_init(|| blas_library_path().is_none())
}

/// The loaded library; the first call loads it (and decides, success or
/// failure, for the process).
pub fn blas() -> PyResult<&'static Blas> {
    static BLAS: OnceLock<Result<Blas, String>> = OnceLock::new();
    let loaded = BLAS.get_or_init(|| match blas_library_path() {
        None => Err(
            "this library was compiled without numpy's OpenBLAS (numpy was not \
                     installed where it was compiled); set PYCOMP_BLAS_LIBRARY to numpy's \
                     numpy.libs/libscipy_openblas64_*.so"
                .to_string(),
        ),
        Some(path) => load(&path).map_err(|e| format!("'{}': {e}", path.display())),
    });
    loaded.as_ref().map_err(|e| {
        PyErr::new(
            ExcKind::RuntimeError,
            format!("cannot load numpy's OpenBLAS, which computes float matrix products as numpy does, from {e}"),
        )
    })
}

/// float32 and float64: the element types numpy computes products of with BLAS.
pub trait BlasFloat:
    Copy + Default + PartialEq + std::ops::Add<Output = Self> + std::ops::Mul<Output = Self> + 'static
{
    fn gemm(b: &Blas) -> GemmFn<Self>;
    fn gemv(b: &Blas) -> GemvFn<Self>;
    fn dot(b: &Blas) -> DotFn<Self>;
    fn syrk(b: &Blas) -> SyrkFn<Self>;
    fn one() -> Self;
    fn to_f64(self) -> f64;
    fn from_f64(v: f64) -> Self;
    fn bits(self) -> u64;
}

impl BlasFloat for f32 {
    fn gemm(b: &Blas) -> GemmFn<Self> {
        b.sgemm
    }
    fn gemv(b: &Blas) -> GemvFn<Self> {
        b.sgemv
    }
    fn dot(b: &Blas) -> DotFn<Self> {
        b.sdot
    }
    fn syrk(b: &Blas) -> SyrkFn<Self> {
        b.ssyrk
    }
    fn one() -> Self {
        1.0
    }
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
    fn from_f64(v: f64) -> Self {
        v as f32
    }
    fn bits(self) -> u64 {
        u64::from(self.to_bits())
    }
}

impl BlasFloat for f64 {
    fn gemm(b: &Blas) -> GemmFn<Self> {
        b.dgemm
    }
    fn gemv(b: &Blas) -> GemvFn<Self> {
        b.dgemv
    }
    fn dot(b: &Blas) -> DotFn<Self> {
        b.ddot
    }
    fn syrk(b: &Blas) -> SyrkFn<Self> {
        b.dsyrk
    }
    fn one() -> Self {
        1.0
    }
    fn to_f64(self) -> f64 {
        self
    }
    fn from_f64(v: f64) -> Self {
        v
    }
    fn bits(self) -> u64 {
        self.to_bits()
    }
}

/// numpy's is_blasable2d, with strides counted in elements: the second axis
/// is contiguous and the first steps over at least a whole row.
fn blasable2d(s1: isize, s2: isize, _d1: usize, d2: usize) -> bool {
    s2 == 1 && s1 >= d2 as isize && s1 <= BLAS_MAXSIZE
}

/// numpy's `FLOAT_dot` / `DOUBLE_dot` of `n` elements at `x` and `y` with
/// element strides `sx`, `sy`: BLAS `dot` in chunks summed in float64 when
/// both strides are positive, else a loop in the element type.
///
/// # Safety
/// `x` and `y` must address `n` elements at those strides.
unsafe fn dot_raw<T: BlasFloat>(
    x: *const T,
    sx: isize,
    y: *const T,
    sy: isize,
    n: usize,
) -> PyResult<T> {
    if sx > 0 && sy > 0 && !without_blas() {
        if n == 0 {
            return Ok(T::from_f64(0.0));
        }
        let f = T::dot(blas()?);
        let mut sum = 0.0f64;
        let mut done = 0usize;
        while done < n {
            let chunk = (n - done).min(CBLAS_CHUNK);
            // SAFETY: the chunk lies within the `n` elements the caller vouches for.
            let part = unsafe {
                f(
                    chunk as i64,
                    x.offset(done as isize * sx),
                    sx as i64,
                    y.offset(done as isize * sy),
                    sy as i64,
                )
            };
            sum += part.to_f64();
            done += chunk;
        }
        return Ok(T::from_f64(sum));
    }
    let mut sum = T::default();
    for i in 0..n as isize {
        // SAFETY: i < n.
        sum = sum + unsafe { *x.offset(i * sx) * *y.offset(i * sy) };
    }
    Ok(sum)
}

/// numpy's `x.dot(y)` of two 1-D arrays of one float dtype.
pub fn blas_dot<T: BlasFloat>(x: ArrayView1<'_, T>, y: ArrayView1<'_, T>) -> PyResult<T> {
    let n = x.len().min(y.len());
    // SAFETY: both views hold n elements at their strides.
    unsafe { dot_raw(x.as_ptr(), x.strides()[0], y.as_ptr(), y.strides()[0], n) }
}

/// numpy's `matmul_inner_noblas`: each output element summed from 0 in the
/// element type in the order of the inner dimension.
fn noblas<T: BlasFloat>(a: &ArrayView2<'_, T>, b: &ArrayView2<'_, T>, out: &mut Array2<T>) {
    let (m, n) = a.dim();
    let p = b.dim().1;
    for i in 0..m {
        for j in 0..p {
            let mut acc = T::default();
            for t in 0..n {
                acc = acc + a[[i, t]] * b[[t, j]];
            }
            out[[i, j]] = acc;
        }
    }
}

/// numpy's `gemv` helper: `op[i] = sum_t a[i, t] * x[t]` for a blasable `a`
/// (either layout) and a vector at element stride `sx`; `so` the output stride.
///
/// # Safety
/// The pointers must address arrays of those shapes and strides.
#[allow(clippy::too_many_arguments)]
unsafe fn gemv<T: BlasFloat>(
    blas: &Blas,
    a: *const T,
    sa_m: isize,
    sa_n: isize,
    x: *const T,
    sx: isize,
    op: *mut T,
    so: isize,
    m: usize,
    n: usize,
) {
    let (order, lda) = if blasable2d(sa_m, sa_n, m, n) {
        (COL_MAJOR, sa_m)
    } else {
        (ROW_MAJOR, sa_n)
    };
    // SAFETY: the caller's pointers; numpy's call.
    unsafe {
        T::gemv(blas)(
            order,
            TRANS,
            n as i64,
            m as i64,
            T::one(),
            a,
            lda as i64,
            x,
            sx as i64,
            T::default(),
            op,
            so as i64,
        )
    }
}

/// Whether `a` and `b` hold the same numbers at the same places of memory
/// layouts that are each other's transpose: numpy's `ip1 == ip2` of a matrix
/// times its own transpose (`a @ a.T`), for which it calls `syrk`. The
/// compiled program holds `a.T` as a copy, so the test is on the contents.
fn same_buffer<T: BlasFloat>(a: &ArrayView2<'_, T>, b: &ArrayView2<'_, T>) -> bool {
    if std::ptr::eq(a.as_ptr(), b.as_ptr()) {
        return true;
    }
    let (m, n) = a.dim();
    (0..m).all(|i| (0..n).all(|t| a[[i, t]].bits() == b[[t, i]].bits()))
}

/// A C-ordered (or, with `transpose`, F-ordered) copy of `a`: numpy's
/// buffer for an operand that BLAS cannot take as it is.
fn blasable_copy<T: BlasFloat>(a: &ArrayView2<'_, T>, transpose: bool) -> Array2<T> {
    let (r, c) = a.dim();
    let mut out = if transpose {
        Array2::from_elem((r, c).f(), T::default())
    } else {
        Array2::from_elem((r, c), T::default())
    };
    out.assign(a);
    out
}

/// numpy's `matmul_matrixmatrix`: `gemm`, or `syrk` for a matrix times its
/// own transpose, into the C-ordered `out`.
fn matrixmatrix<T: BlasFloat>(
    blas: &Blas,
    a: &ArrayView2<'_, T>,
    b: &ArrayView2<'_, T>,
    out: &mut Array2<T>,
) {
    let (m, n) = a.dim();
    let p = b.dim().1;
    let (is1_m, is1_n) = (a.strides()[0], a.strides()[1]);
    let (is2_n, is2_p) = (b.strides()[0], b.strides()[1]);
    let ldc = p as i64;
    let (trans1, lda) = if blasable2d(is1_m, is1_n, m, n) {
        (NO_TRANS, is1_m)
    } else {
        (TRANS, is1_n)
    };
    let (trans2, ldb) = if blasable2d(is2_n, is2_p, n, p) {
        (NO_TRANS, is2_n)
    } else {
        (TRANS, is2_p)
    };
    let op = out.as_mut_ptr();
    if m == p && is1_m == is2_p && is1_n == is2_n && trans1 != trans2 && same_buffer(a, b) {
        let ld = if trans1 == NO_TRANS { lda } else { ldb };
        // SAFETY: numpy's call on arrays of these shapes and strides.
        unsafe {
            T::syrk(blas)(
                ROW_MAJOR,
                UPPER,
                trans1,
                p as i64,
                n as i64,
                T::one(),
                a.as_ptr(),
                ld as i64,
                T::default(),
                op,
                ldc,
            );
        }
        for i in 0..p {
            for j in i + 1..p {
                out[[j, i]] = out[[i, j]];
            }
        }
    } else {
        // SAFETY: numpy's call on arrays of these shapes and strides.
        unsafe {
            T::gemm(blas)(
                ROW_MAJOR,
                trans1,
                trans2,
                m as i64,
                p as i64,
                n as i64,
                T::one(),
                a.as_ptr(),
                lda as i64,
                b.as_ptr(),
                ldb as i64,
                T::default(),
                op,
                ldc,
            );
        }
    }
}

/// numpy's float32/float64 matmul loop for one pair of matrices (a 1-D
/// operand comes as a 1-row or 1-column view): the same BLAS calls numpy
/// makes for these sizes and memory layouts, or numpy's own loop where it
/// uses none.
pub fn blas_matmul2<T: BlasFloat>(
    a: ArrayView2<'_, T>,
    b: ArrayView2<'_, T>,
) -> PyResult<Array2<T>> {
    let (dm, dn) = a.dim();
    let dp = b.dim().1;
    let mut out = Array2::from_elem((dm, dp), T::default());
    let (is1_m, is1_n) = (a.strides()[0], a.strides()[1]);
    let (is2_n, is2_p) = (b.strides()[0], b.strides()[1]);
    if dm == 0 || dn == 0 || dp == 0 || without_blas() {
        noblas(&a, &b, &mut out);
        return Ok(out);
    }
    let i1blasable = blasable2d(is1_m, is1_n, dm, dn) || blasable2d(is1_n, is1_m, dn, dm);
    let i2blasable = blasable2d(is2_n, is2_p, dn, dp) || blasable2d(is2_p, is2_n, dp, dn);
    if dm == 1 || dn == 1 || dp == 1 {
        if dm == 1 && dp == 1 {
            // SAFETY: row 0 of `a` and column 0 of `b` hold dn elements.
            out[[0, 0]] = unsafe { dot_raw(a.as_ptr(), is1_n, b.as_ptr(), is2_n, dn)? };
        } else if dn == 1 && (dp == 1 || dm == 1) {
            noblas(&a, &b, &mut out);
        } else if dm == 1 && i2blasable && blasable2d(is1_n, 1, dn, 1) {
            let blas = blas()?;
            // SAFETY: numpy's call (vector @ matrix: b's axes swapped); out is 1 x dp.
            unsafe {
                gemv(
                    blas,
                    b.as_ptr(),
                    is2_p,
                    is2_n,
                    a.as_ptr(),
                    is1_n,
                    out.as_mut_ptr(),
                    1,
                    dp,
                    dn,
                )
            };
        } else if dp == 1 && i1blasable && blasable2d(is2_n, 1, dn, 1) {
            let blas = blas()?;
            // SAFETY: numpy's call (matrix @ vector); out is dm x 1.
            unsafe {
                gemv(
                    blas,
                    a.as_ptr(),
                    is1_m,
                    is1_n,
                    b.as_ptr(),
                    is2_n,
                    out.as_mut_ptr(),
                    1,
                    dm,
                    dn,
                )
            };
        } else {
            noblas(&a, &b, &mut out);
        }
        return Ok(out);
    }
    let blas = blas()?;
    // numpy copies an operand BLAS cannot take, keeping its major axis
    let a_copy = (!i1blasable).then(|| blasable_copy(&a, is1_m.abs() < is1_n.abs()));
    let b_copy = (!i2blasable).then(|| blasable_copy(&b, is2_n.abs() < is2_p.abs()));
    let av = a_copy.as_ref().map_or(a.view(), |c| c.view());
    let bv = b_copy.as_ref().map_or(b.view(), |c| c.view());
    matrixmatrix(blas, &av, &bv, &mut out);
    Ok(out)
}

/// `np.linalg.norm(x)` of a whole float array: numpy's `sqrt(x.dot(x))` of
/// the array flattened in memory order, the dot a BLAS `dot` summed in
/// float64 and rounded to the dtype, the square root in the dtype.
pub fn blas_norm<T: BlasFloat>(items: &[T]) -> PyResult<T> {
    let v = ArrayView1::from(items);
    let sq = blas_dot(v, v)?;
    Ok(T::from_f64(sq.to_f64().sqrt()))
}
