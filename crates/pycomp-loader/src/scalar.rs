//! The fast path of a call whose arguments and result are numbers: a
//! function whose parameters are all `int` or `float` (at most
//! [`MAX_PARAMS`]) and whose result is an `int`, `float` or `bool` is called
//! through its typed C entry point (`c_symbol` in the manifest, docs/abi.md
//! "Typed C entry points"): no PCV encoding, no result buffer. Arguments
//! that are not exactly `int` / `float` (a `bool`, an `int` subclass, an int
//! beyond 64 bits, an `int` for a `float` parameter ...) take the generic
//! path, which converts or refuses them as it always does.

use std::ffi::{c_char, c_void};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyInt};

use crate::types::Ty;

/// Functions with more parameters take the generic path.
pub const MAX_PARAMS: usize = 3;

/// `pycomp_error` of the typed entry points (templates/runtime/cabi.rs).
#[repr(C)]
pub struct CError {
    pub status: i32,
    pub class_name: *mut c_char,
    pub message: *mut c_char,
}

/// `P_error_free`.
pub type ErrorFreeFn = unsafe extern "C" fn(*mut CError);

#[derive(Clone, Copy, PartialEq)]
enum Num {
    Int,
    Float,
    Bool,
}

impl Num {
    fn of(ty: &Ty, result: bool) -> Option<Num> {
        match ty {
            Ty::Int => Some(Num::Int),
            Ty::Float => Some(Num::Float),
            Ty::Bool if result => Some(Num::Bool),
            _ => None,
        }
    }
}

/// One decoded argument.
#[derive(Clone, Copy)]
enum Arg {
    I(i64),
    F(f64),
}

/// A released call shorter than this makes the next call keep the GIL.
const SHORT_CALL: Duration = Duration::from_micros(20);

/// The coarse monotonic clock (a read of the kernel's tick count, a few ns;
/// `Instant::now` and the time-stamp counter cost up to ~70 ns in a VM), in
/// ticks of its resolution (1-10 ms): a call with the GIL held that spans
/// a tick gives it back from the next call on.
#[cfg(target_os = "linux")]
fn coarse_ticks() -> i64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is writable; CLOCK_MONOTONIC_COARSE exists on Linux >= 2.6.32.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC_COARSE, &mut ts) };
    ts.tv_sec * 1_000_000_000 + ts.tv_nsec
}

#[cfg(not(target_os = "linux"))]
fn coarse_ticks() -> i64 {
    use std::sync::OnceLock;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_millis() as i64
}

/// Whether the next call of a function holds the GIL. A call releases it
/// by default (other threads run meanwhile, and several threads can be in
/// the library at once). Releasing and taking it again costs more than a
/// call of a few microseconds, so after a released call shorter than
/// [`SHORT_CALL`] the next call keeps it, until a call with the GIL held
/// spans a tick of the coarse clock (at most its resolution, 1-10 ms, with
/// the GIL held: less than CPython's own switch interval of 5 ms between
/// threads on most systems).
#[derive(Default)]
pub struct GilPolicy {
    hold: AtomicBool,
}

impl GilPolicy {
    /// Runs `call`, with the GIL released or held as the last call decided,
    /// and records whether it was short.
    pub fn run<T: Send>(&self, py: Python<'_>, call: impl FnOnce() -> T + Send) -> T {
        if self.hold.load(Ordering::Relaxed) {
            let start = coarse_ticks();
            let value = call();
            if coarse_ticks() != start {
                self.hold.store(false, Ordering::Relaxed);
            }
            value
        } else {
            let start = Instant::now();
            let value = py.detach(call);
            if start.elapsed() < SHORT_CALL {
                self.hold.store(true, Ordering::Relaxed);
            }
            value
        }
    }
}

/// A function called through its typed entry point.
pub struct ScalarEntry {
    entry: usize,
    params: Vec<Num>,
    result: Num,
}

impl ScalarEntry {
    /// The fast path of a function with these parameter and result types,
    /// if they are numbers; `entry` is the typed entry point's address.
    pub fn new(entry: *const c_void, params: &[&Ty], result: &Ty) -> Option<ScalarEntry> {
        if params.len() > MAX_PARAMS {
            return None;
        }
        Some(ScalarEntry {
            entry: entry as usize,
            params: params
                .iter()
                .map(|t| Num::of(t, false))
                .collect::<Option<_>>()?,
            result: Num::of(result, true)?,
        })
    }

    /// The arguments, if each is exactly of its parameter's type (else the
    /// generic path binds them).
    fn args(&self, args: &[Borrowed<'_, '_, PyAny>]) -> Option<[Arg; MAX_PARAMS]> {
        if args.len() != self.params.len() {
            return None;
        }
        let mut out = [Arg::I(0); MAX_PARAMS];
        for (i, (obj, kind)) in args.iter().zip(&self.params).enumerate() {
            out[i] = match kind {
                Num::Int if obj.is_exact_instance_of::<PyInt>() => {
                    let mut overflow = 0;
                    // SAFETY: `obj` is an int; the call does not fail for an int.
                    let v =
                        unsafe { ffi::PyLong_AsLongLongAndOverflow(obj.as_ptr(), &mut overflow) };
                    if overflow != 0 {
                        return None;
                    }
                    Arg::I(v)
                }
                Num::Float if obj.is_exact_instance_of::<PyFloat>() => {
                    Arg::F(obj.cast::<PyFloat>().ok()?.value())
                }
                _ => return None,
            };
        }
        Some(out)
    }

    /// Calls the function with `args` if they take the fast path: the
    /// status, the result (on status 0) and the error (otherwise).
    pub fn call<'py>(
        &self,
        py: Python<'py>,
        gil: &GilPolicy,
        args: &[Borrowed<'_, 'py, PyAny>],
    ) -> Option<(i32, Bound<'py, PyAny>, CError)> {
        let values = self.args(args)?;
        let n = self.params.len();
        let entry = self.entry;
        let (status, bits, err) = gil.run(py, move || {
            let mut err = CError {
                status: 0,
                class_name: std::ptr::null_mut(),
                message: std::ptr::null_mut(),
            };
            // SAFETY: `entry` is the typed entry point of a function with
            // these parameter and result types (the manifest's `c_symbol`).
            let (status, bits) = unsafe {
                match self.result {
                    Num::Int => invoke::<i64>(entry, &values[..n], &mut err),
                    Num::Float => {
                        invoke::<f64>(entry, &values[..n], &mut err).map_bits(f64::to_bits)
                    }
                    Num::Bool => invoke::<bool>(entry, &values[..n], &mut err).map_bits(u64::from),
                }
            };
            (status, bits, SendError(err))
        });
        let value = match self.result {
            Num::Int => PyInt::new(py, bits).into_any(),
            Num::Float => PyFloat::new(py, f64::from_bits(bits as u64)).into_any(),
            Num::Bool => PyBool::new(py, bits != 0).to_owned().into_any(),
        };
        Some((status, value, err.0))
    }
}

/// The error crosses back from the released-GIL closure.
struct SendError(CError);

// SAFETY: the strings are owned by this call and freed by `P_error_free`.
unsafe impl Send for SendError {}

trait MapBits<T> {
    fn map_bits(self, f: impl FnOnce(T) -> u64) -> (i32, i64);
}

impl<T> MapBits<T> for (i32, T) {
    fn map_bits(self, f: impl FnOnce(T) -> u64) -> (i32, i64) {
        (self.0, f(self.1) as i64)
    }
}

/// Calls the typed entry at `entry` with `args` and a result of type `R`.
///
/// # Safety
///
/// `entry` must be a typed entry point taking `args`' types in order, then
/// `R *out` and `pycomp_error *err`, and returning the status.
unsafe fn invoke<R: Default>(entry: usize, args: &[Arg], err: *mut CError) -> (i32, R) {
    use Arg::{F, I};
    let mut out = R::default();
    let o: *mut R = &mut out;
    macro_rules! go {
        ($($t:ty),* ; $($v:expr),*) => {{
            // SAFETY: per this function's contract.
            let f: unsafe extern "C" fn($($t,)* *mut R, *mut CError) -> i32 =
                unsafe { std::mem::transmute::<usize, _>(entry) };
            unsafe { f($($v,)* o, err) }
        }};
    }
    let status = match *args {
        [] => go!(;),
        [I(a)] => go!(i64; a),
        [F(a)] => go!(f64; a),
        [I(a), I(b)] => go!(i64, i64; a, b),
        [I(a), F(b)] => go!(i64, f64; a, b),
        [F(a), I(b)] => go!(f64, i64; a, b),
        [F(a), F(b)] => go!(f64, f64; a, b),
        [I(a), I(b), I(c)] => go!(i64, i64, i64; a, b, c),
        [I(a), I(b), F(c)] => go!(i64, i64, f64; a, b, c),
        [I(a), F(b), I(c)] => go!(i64, f64, i64; a, b, c),
        [I(a), F(b), F(c)] => go!(i64, f64, f64; a, b, c),
        [F(a), I(b), I(c)] => go!(f64, i64, i64; a, b, c),
        [F(a), I(b), F(c)] => go!(f64, i64, f64; a, b, c),
        [F(a), F(b), I(c)] => go!(f64, f64, i64; a, b, c),
        [F(a), F(b), F(c)] => go!(f64, f64, f64; a, b, c),
        // `ScalarEntry::new` takes at most MAX_PARAMS parameters; an unknown
        // status (a SystemError) rather than a panic all the same.
        _ => -1,
    };
    (status, out)
}
