//! What keeps compiled code from taking its host process down: recursion
//! raises `RecursionError` instead of overflowing the stack, and memory
//! sized by data is reserved fallibly so that a size no allocator can give
//! raises `MemoryError` instead of aborting the process.

use super::{ExcKind, PyErr, PyResult};
use std::cell::Cell;

/// Compiled frames one thread may have open at once: CPython's default
/// recursion limit (`sys.getrecursionlimit()`), counted over compiled code only.
pub const RECURSION_LIMIT: u32 = 1000;

/// Below this much stack, a compiled function continues on a fresh segment.
const STACK_RED_ZONE: usize = 256 * 1024;
/// The size of each fresh stack segment.
const STACK_SEGMENT: usize = 4 * 1024 * 1024;

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Leaves one level of compiled recursion when dropped (also on unwinding).
struct Level;

impl Drop for Level {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// Runs the body of a compiled function one recursion level deeper:
/// `RecursionError` past `RECURSION_LIMIT`, and on a fresh stack segment
/// when the current one is nearly used up, so no depth the limit allows can
/// overflow the host thread's stack, however small it is.
#[inline]
pub fn guard<T>(body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    let depth = DEPTH.with(Cell::get);
    if depth >= RECURSION_LIMIT {
        return Err(PyErr::new(
            ExcKind::RecursionError,
            "maximum recursion depth exceeded",
        ));
    }
    DEPTH.with(|d| d.set(depth + 1));
    let _level = Level;
    stacker::maybe_grow(STACK_RED_ZONE, STACK_SEGMENT, body)
}

/// The current depth of compiled recursion on this thread.
pub fn recursion_depth() -> u32 {
    DEPTH.with(Cell::get)
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
