//! What keeps compiled code from taking its host process down: recursion
//! raises `RecursionError` instead of overflowing the stack, and memory
//! sized by data is reserved fallibly so that a size no allocator can give
//! raises `MemoryError` instead of aborting the process.
//!
//! The runtime's own recursion over a value's depth (the repr, `==` and `<`
//! of nested dynamic values) counts with compiled frames, as CPython counts
//! it with Python frames, and raises CPython's `RecursionError` past the
//! limit ([`nested`]); what CPython does at any depth (copying, hashing,
//! freeing, passing a value across the ABI) runs on a stack that grows
//! ([`deep`]), and freeing a dynamic value never recurses (obj.rs).

use super::{ExcKind, PyErr, PyResult};
use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};

/// Compiled frames one thread may have open at once: CPython's default
/// recursion limit (`sys.getrecursionlimit()`), counted over compiled code only.
pub const RECURSION_LIMIT: u32 = 1000;

/// Below this much stack, a compiled function continues on a fresh segment.
const STACK_RED_ZONE: usize = 256 * 1024;
/// The size of each fresh stack segment.
const STACK_SEGMENT: usize = 4 * 1024 * 1024;

/// A thread's compiled frames: one thread-local, so that a compiled
/// function's way in and out finds it once.
struct Frames {
    /// Compiled frames open (and levels of the runtime's recursion).
    depth: Cell<u32>,
    /// The lowest address of the current stack segment a compiled function
    /// starts at without a fresh segment (its limit plus the red zone);
    /// `usize::MAX` until learnt from `stacker` (or when it cannot tell).
    low_water: Cell<usize>,
}

thread_local! {
    static FRAMES: Frames = const {
        Frames {
            depth: Cell::new(0),
            low_water: Cell::new(usize::MAX),
        }
    };
}

/// This thread's [`Frames`] (found once per use: a thread-local of a
/// shared library is reached through a call).
#[inline(always)]
fn frames() -> &'static Frames {
    // SAFETY: a thread-local without a destructor lives as long as its
    // thread; `Frames` is not `Sync`, so the reference stays on this thread.
    FRAMES.with(|f| unsafe { &*std::ptr::from_ref(f) })
}

/// An address in the caller's frame: the stack pointer, near enough beside
/// a red zone of 256 KiB.
#[inline(always)]
fn stack_address() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// `body` on the current stack when at least the red zone is left of it,
/// else on a fresh segment ([`stacker::maybe_grow`]): one compare with a
/// per-thread address on the way in, where `stacker` reads the stack's
/// limit through a lazily made thread-local and the stack pointer through
/// a call.
#[inline(always)]
fn on_stack<T>(frames: &Frames, body: impl FnOnce() -> T) -> T {
    if stack_address() > frames.low_water.get() {
        body()
    } else {
        on_stack_slow(body)
    }
}

/// The first call on a thread, or a segment running low: as
/// [`stacker::maybe_grow`] decides (a fresh segment when less than the red
/// zone is left, or when the stack's limit is unknown). The current
/// segment's `low_water` is learnt for good; a fresh one's holds while
/// `body` runs on it (the previous one restored after, also on unwinding).
#[inline(never)]
fn on_stack_slow<T>(body: impl FnOnce() -> T) -> T {
    struct Restore(usize);
    impl Drop for Restore {
        fn drop(&mut self) {
            frames().low_water.set(self.0);
        }
    }
    let low_water = || {
        stacker::remaining_stack()
            .filter(|&left| left >= STACK_RED_ZONE)
            .and_then(|left| stack_address().checked_sub(left))
            .map_or(usize::MAX, |limit| limit.saturating_add(STACK_RED_ZONE))
    };
    let here = low_water();
    if here != usize::MAX {
        frames().low_water.set(here);
        return body();
    }
    stacker::grow(STACK_SEGMENT, || {
        let _restore = Restore(frames().low_water.replace(low_water()));
        body()
    })
}

/// Leaves one level of compiled recursion when dropped (also on unwinding).
struct Level<'a>(&'a Cell<u32>);

impl Drop for Level<'_> {
    fn drop(&mut self) {
        self.0.set(self.0.get().saturating_sub(1));
    }
}

/// Runs the body of a compiled function one recursion level deeper:
/// `RecursionError` past `RECURSION_LIMIT`, and on a fresh stack segment
/// when the current one is nearly used up, so no depth the limit allows can
/// overflow the host thread's stack, however small it is.
#[inline]
pub fn guard<T>(body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    let frames = frames();
    let depth = frames.depth.get();
    if depth >= RECURSION_LIMIT {
        return Err(PyErr::new(
            ExcKind::RecursionError,
            "maximum recursion depth exceeded",
        ));
    }
    frames.depth.set(depth + 1);
    let _level = Level(&frames.depth);
    on_stack(frames, || catch_raised(body))
}

/// One level of the runtime's own recursion into a value (`repr`, `==`, `<`
/// of nested dynamic values), counted with compiled frames as CPython counts
/// it with Python frames. Past [`RECURSION_LIMIT`] it raises CPython's
/// `RecursionError: maximum recursion depth exceeded{context}` through the
/// infallible operation that recursed (`PyRepr`, `PartialEq`): the error
/// unwinds to the nearest [`catch_raised`] (the fallible op, the enclosing
/// compiled function's [`guard`], the ABI entry point) and is raised there.
pub fn nested<T>(context: &'static str, body: impl FnOnce() -> T) -> T {
    let frames = frames();
    let depth = frames.depth.get();
    if depth >= RECURSION_LIMIT {
        let err = PyErr::new(
            ExcKind::RecursionError,
            format!("maximum recursion depth exceeded{context}"),
        );
        // Not `panic!`: no panic hook runs, nothing is printed.
        panic::resume_unwind(Box::new(err));
    }
    frames.depth.set(depth + 1);
    let _level = Level(&frames.depth);
    on_stack(frames, body)
}

/// `body`, one level of the runtime's recursion into a value that CPython
/// follows at any depth (cloning, hashing, the ABI's encoding): on a fresh
/// stack segment when the current one runs low, never overflowing it.
#[inline]
pub fn deep<T>(body: impl FnOnce() -> T) -> T {
    on_stack(frames(), body)
}

/// `body`, with a Python exception raised by [`nested`] inside it returned as
/// `Err`; any other panic keeps unwinding.
pub fn catch_raised<T>(body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match panic::catch_unwind(AssertUnwindSafe(body)) {
        Ok(r) => r,
        Err(payload) => match raised_by(payload) {
            Ok(e) => Err(e),
            Err(other) => panic::resume_unwind(other),
        },
    }
}

/// The Python exception a caught unwinding payload carries (raised by
/// [`nested`]), or the payload itself when it is a genuine panic.
pub fn raised_by(
    payload: Box<dyn std::any::Any + Send>,
) -> Result<PyErr, Box<dyn std::any::Any + Send>> {
    payload.downcast::<PyErr>().map(|e| *e)
}

/// The current depth of compiled recursion on this thread.
pub fn recursion_depth() -> u32 {
    frames().depth.get()
}

/// CPython's `MemoryError` (raised without a message).
pub fn memory_error() -> PyErr {
    PyErr::new(ExcKind::MemoryError, "")
}

/// An empty `Vec` with room for `n` items, or `MemoryError`.
pub fn vec_with_room<T>(n: usize) -> PyResult<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| memory_error())?;
    Ok(v)
}

/// An empty `Vec` with room for `n` items counted as `u128` (a range's length
/// can pass `usize`), or `MemoryError`.
pub fn vec_with_room_u128<T>(n: u128) -> PyResult<Vec<T>> {
    vec_with_room(usize::try_from(n).map_err(|_| memory_error())?)
}

/// Collects `items` into a `Vec`, reserving fallibly: what the iterator says
/// it holds up front, then as it grows, so that `list(range(10**18))` raises
/// `MemoryError` rather than aborting.
pub fn collect_vec<T>(items: impl IntoIterator<Item = T>) -> PyResult<Vec<T>> {
    let it = items.into_iter();
    let mut out = vec_with_room(it.size_hint().0)?;
    for x in it {
        push(&mut out, x)?;
    }
    Ok(out)
}

/// `v.push(x)`, growing fallibly.
#[inline]
pub fn push<T>(v: &mut Vec<T>, x: T) -> PyResult<()> {
    if v.len() == v.capacity() {
        v.try_reserve(1).map_err(|_| memory_error())?;
    }
    v.push(x);
    Ok(())
}

/// The product of `dims` as a number of elements of `elem_size` bytes that an
/// allocation can hold, or numpy's errors: `ValueError` when the byte size
/// passes `isize::MAX` ("array is too big"), else the element count.
pub fn array_elements(dims: &[usize], elem_size: usize) -> PyResult<usize> {
    let mut n: usize = 1;
    let mut overflow = false;
    for &d in dims {
        match n.checked_mul(d) {
            Some(m) => n = m,
            None => overflow = true,
        }
    }
    if dims.contains(&0) {
        return Ok(0);
    }
    let bytes = n.checked_mul(elem_size.max(1));
    match bytes {
        Some(b) if !overflow && b <= isize::MAX as usize => Ok(n),
        _ => Err(PyErr::value_error(
            "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.",
        )),
    }
}
