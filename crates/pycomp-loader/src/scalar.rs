//! The fast path of a call whose arguments and result are numbers: a
//! function whose parameters are all `int` or `float` (at most
//! [`MAX_PARAMS`]) and whose result is an `int`, `float` or `bool` is called
//! through its typed C entry point (`c_symbol` in the manifest, docs/abi.md
//! "Typed C entry points"): no PCV encoding, no result buffer. Arguments
//! that are not exactly `int` / `float` (a `bool`, an `int` subclass, an int
//! beyond 64 bits, an `int` for a `float` parameter ...) take the generic
//! path, which converts or refuses them as it always does.

use std::ffi::{c_char, c_void};
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::{Duration, Instant};

use pyo3::ffi;
use pyo3::prelude::*;

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

impl Default for CError {
    fn default() -> CError {
        CError {
            status: 0,
            class_name: std::ptr::null_mut(),
            message: std::ptr::null_mut(),
        }
    }
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
/// ends in a later tick of the coarse clock than the function's last held
/// call ended in: a call that spans a tick (at most its resolution, 1-10 ms,
/// with the GIL held: less than CPython's own switch interval of 5 ms
/// between threads on most systems) always does, and a run of short calls
/// releases it for one call per tick at most. One read of the clock per
/// held call.
#[derive(Default)]
pub struct GilPolicy {
    hold: AtomicBool,
    /// The coarse clock when the last held call ended.
    last_end: AtomicI64,
}

impl GilPolicy {
    /// Runs `call`, with the GIL released or held as the last call decided,
    /// and records whether it was short.
    #[inline]
    pub fn run<T: Send>(&self, py: Python<'_>, call: impl FnOnce() -> T + Send) -> T {
        if self.hold.load(Ordering::Relaxed) {
            let value = call();
            let end = coarse_ticks();
            if self.last_end.load(Ordering::Relaxed) != end {
                self.last_end.store(end, Ordering::Relaxed);
                self.hold.store(false, Ordering::Relaxed);
            }
            value
        } else {
            self.released(py, call)
        }
    }

    #[inline(never)]
    fn released<T: Send>(&self, py: Python<'_>, call: impl FnOnce() -> T + Send) -> T {
        let start = Instant::now();
        let value = py.detach(call);
        if start.elapsed() < SHORT_CALL {
            self.last_end.store(coarse_ticks(), Ordering::Relaxed);
            self.hold.store(true, Ordering::Relaxed);
        }
        value
    }
}

/// A function called through its typed entry point.
pub struct ScalarEntry {
    entry: usize,
    params: Vec<Num>,
    /// The parameters' kinds, one bit each (1: float), for [`invoke`].
    floats: u8,
    result: Num,
}

impl ScalarEntry {
    /// The fast path of a function with these parameter and result types,
    /// if they are numbers; `entry` is the typed entry point's address.
    pub fn new(entry: *const c_void, params: &[&Ty], result: &Ty) -> Option<ScalarEntry> {
        if params.len() > MAX_PARAMS {
            return None;
        }
        let params: Vec<Num> = params
            .iter()
            .map(|t| Num::of(t, false))
            .collect::<Option<_>>()?;
        let floats = params
            .iter()
            .enumerate()
            .map(|(i, k)| u8::from(*k == Num::Float) << i)
            .sum();
        Some(ScalarEntry {
            entry: entry as usize,
            params,
            floats,
            result: Num::of(result, true)?,
        })
    }

    /// The arguments as the entry takes them (an `f64` by its bits), if each
    /// is exactly of its parameter's type (else the generic path binds them).
    #[inline]
    fn args(&self, args: &[*mut ffi::PyObject]) -> Option<[u64; MAX_PARAMS]> {
        if args.len() != self.params.len() {
            return None;
        }
        let mut out = [0; MAX_PARAMS];
        for (i, (&obj, kind)) in args.iter().zip(&self.params).enumerate() {
            // SAFETY: each is a live object the caller holds for the call.
            let ty = unsafe { ffi::Py_TYPE(obj) };
            out[i] = match kind {
                Num::Int if ty == &raw mut ffi::PyLong_Type => {
                    let mut overflow = 0;
                    // SAFETY: `obj` is an int; the call does not fail for an int.
                    let v = unsafe { ffi::PyLong_AsLongLongAndOverflow(obj, &mut overflow) };
                    if overflow != 0 {
                        return None;
                    }
                    v as u64
                }
                // SAFETY: `obj` is a float; the call does not fail for one.
                Num::Float if ty == &raw mut ffi::PyFloat_Type => {
                    unsafe { ffi::PyFloat_AsDouble(obj) }.to_bits()
                }
                _ => return None,
            };
        }
        Some(out)
    }

    /// Calls the function with `args` if they take the fast path: the
    /// status and the result's bits (an `f64`'s, a `bool` as 0 or 1); the
    /// error in `err` when the status is not 0.
    #[inline]
    pub fn call(
        &self,
        py: Python<'_>,
        gil: &GilPolicy,
        args: &[*mut ffi::PyObject],
        err: &mut CError,
    ) -> Option<(i32, u64)> {
        let values = self.args(args)?;
        let (entry, n, floats, result) = (self.entry, self.params.len(), self.floats, self.result);
        let err = SendError(err);
        Some(gil.run(py, move || {
            let err = err;
            // SAFETY: `entry` is the typed entry point of a function with
            // these parameter and result types (the manifest's `c_symbol`).
            unsafe {
                match result {
                    Num::Int => {
                        invoke::<i64>(entry, n, floats, &values, err.0).map_bits(|v| v as u64)
                    }
                    Num::Float => {
                        invoke::<f64>(entry, n, floats, &values, err.0).map_bits(f64::to_bits)
                    }
                    Num::Bool => {
                        invoke::<bool>(entry, n, floats, &values, err.0).map_bits(u64::from)
                    }
                }
            }
        }))
    }

    /// The Python value of a result's bits (a new reference, NULL with an
    /// exception set when it cannot be made).
    #[inline]
    pub fn value(&self, bits: u64) -> *mut ffi::PyObject {
        // SAFETY: the GIL is held (the caller's).
        unsafe {
            match self.result {
                Num::Int => ffi::PyLong_FromLongLong(bits as i64),
                Num::Float => ffi::PyFloat_FromDouble(f64::from_bits(bits)),
                Num::Bool => ffi::PyBool_FromLong((bits != 0).into()),
            }
        }
    }
}

/// The error's place crosses into the released-GIL closure.
struct SendError(*mut CError);

// SAFETY: the caller's `CError`, written by the entry point on this call's
// thread while the caller waits for it.
unsafe impl Send for SendError {}

trait MapBits<T> {
    fn map_bits(self, f: impl FnOnce(T) -> u64) -> (i32, u64);
}

impl<T> MapBits<T> for (i32, T) {
    #[inline]
    fn map_bits(self, f: impl FnOnce(T) -> u64) -> (i32, u64) {
        (self.0, f(self.1))
    }
}

/// Calls the typed entry at `entry` with the first `n` of `args` (bit `i`
/// of `floats` set: the `i`th is an `f64`'s bits, else an `i64`) and a result
/// of type `R`.
///
/// # Safety
///
/// `entry` must be a typed entry point taking those types in order, then
/// `R *out` and `pycomp_error *err`, and returning the status.
#[inline]
unsafe fn invoke<R: Default>(
    entry: usize,
    n: usize,
    floats: u8,
    args: &[u64; MAX_PARAMS],
    err: *mut CError,
) -> (i32, R) {
    let mut out = R::default();
    let o: *mut R = &mut out;
    let [a, b, c] = *args;
    let (fa, fb, fc) = (f64::from_bits(a), f64::from_bits(b), f64::from_bits(c));
    let (ia, ib, ic) = (a as i64, b as i64, c as i64);
    macro_rules! go {
        ($($t:ty),* ; $($v:expr),*) => {{
            // SAFETY: per this function's contract.
            let f: unsafe extern "C" fn($($t,)* *mut R, *mut CError) -> i32 =
                unsafe { std::mem::transmute::<usize, _>(entry) };
            unsafe { f($($v,)* o, err) }
        }};
    }
    let status = match (n, floats) {
        (0, _) => go!(;),
        (1, 0) => go!(i64; ia),
        (1, _) => go!(f64; fa),
        (2, 0b00) => go!(i64, i64; ia, ib),
        (2, 0b10) => go!(i64, f64; ia, fb),
        (2, 0b01) => go!(f64, i64; fa, ib),
        (2, _) => go!(f64, f64; fa, fb),
        (3, 0b000) => go!(i64, i64, i64; ia, ib, ic),
        (3, 0b100) => go!(i64, i64, f64; ia, ib, fc),
        (3, 0b010) => go!(i64, f64, i64; ia, fb, ic),
        (3, 0b110) => go!(i64, f64, f64; ia, fb, fc),
        (3, 0b001) => go!(f64, i64, i64; fa, ib, ic),
        (3, 0b101) => go!(f64, i64, f64; fa, ib, fc),
        (3, 0b011) => go!(f64, f64, i64; fa, fb, ic),
        (3, _) => go!(f64, f64, f64; fa, fb, fc),
        // `ScalarEntry::new` takes at most MAX_PARAMS parameters; an unknown
        // status (a SystemError) rather than a panic all the same.
        _ => -1,
    };
    (status, out)
}
