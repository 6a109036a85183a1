//! Iterators across the C ABI (docs/abi.md, "Iterators"): an entry point
//! whose Python function returns an iterator gives the caller an opaque
//! handle; each `next` runs the generator up to its next item and returns
//! that item encoded (PCV); `free` drops the generator, wherever it stopped.
//!
//! Like every entry point, no panic crosses the ABI, and a Python exception
//! leaves its class and message in the thread's last error.

use std::ffi::c_void;
use std::panic::{self, AssertUnwindSafe};

use super::abi::{
    Args, CallError, Encode, STATUS_BAD_ARGS, STATUS_INTERNAL, STATUS_OK, STATUS_RAISED, Writer,
    encode_to_writer, set_last_error,
};
use super::{ExcKind, Gen, PyResult};

/// `P_iter_next` status: the iterator is exhausted (nothing was allocated).
pub const STATUS_DONE: i32 = 4;

/// What an iterator handle points to: the generator, type-erased to a step
/// that encodes its next item.
///
/// The host may advance a handle from another thread than the one that made
/// it (one thread at a time, as the contract of `iter_next` says), although
/// a [`Gen`] is not `Send`: a generator is not `Send` only because its body
/// may hold class instances (`Rc`), and the compiler refuses an entry point
/// whose iterator could reach one (E100, `frontend/pycomp/sendcheck.py`).
/// Everything the handle owns was made by this call and is reachable from
/// the handle alone, so no other thread shares a reference count with it.
pub struct IterHandle {
    step: Box<dyn FnMut() -> Option<PyResult<Writer>>>,
}

fn internal(payload: Box<dyn std::any::Any + Send>) -> i32 {
    // A Python exception the runtime raised outside a compiled function's
    // guard (`limits::nested`).
    let payload = match super::raised_by(payload) {
        Ok(e) => {
            set_last_error(e.kind.name(), &e.message);
            return STATUS_RAISED;
        }
        Err(payload) => payload,
    };
    let msg = if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(a panic without a message)".to_string()
    };
    let _ = panic::catch_unwind(AssertUnwindSafe(move || drop(payload)));
    set_last_error(
        ExcKind::SystemError.name(),
        &format!("internal error in compiled code (a pycomp bug, please report): {msg}"),
    );
    STATUS_INTERNAL
}

/// Runs an exported function that returns an iterator: decodes the
/// arguments, calls `body` (which runs none of the generator's code) and
/// stores a new handle in `*iter_out`. Returns the status (docs/abi.md).
///
/// # Safety
///
/// `args` must be readable for `args_len` bytes (or null with `args_len` 0);
/// `iter_out` must be null or valid for writes.
pub unsafe fn iter_entry<T, F>(
    args: *const u8,
    args_len: usize,
    iter_out: *mut *mut c_void,
    body: F,
) -> i32
where
    T: Encode + 'static,
    F: FnOnce(&mut Args<'_>) -> Result<Gen<T>, CallError>,
{
    let utf8_checked = super::abi::take_trusted_args();
    if iter_out.is_null() {
        set_last_error(
            "SystemError",
            "null iter_out pointer passed to a pycomp entry point",
        );
        return STATUS_INTERNAL;
    }
    // SAFETY: checked non-null; the caller guarantees it is writable.
    unsafe { *iter_out = std::ptr::null_mut() };
    let input: &[u8] = if args.is_null() {
        &[]
    } else {
        // SAFETY: the caller guarantees `args` is readable for `args_len` bytes.
        unsafe { std::slice::from_raw_parts(args, args_len) }
    };
    let run = panic::catch_unwind(AssertUnwindSafe(|| -> Result<Gen<T>, CallError> {
        let mut a = Args::vouched(input, utf8_checked)?;
        let g = body(&mut a)?;
        a.finish()?;
        Ok(g)
    }));
    match run {
        Ok(Ok(g)) => {
            let handle = Box::new(IterHandle {
                step: Box::new(move || g.step().map(|r| r.map(|v| encode_to_writer(&v)))),
            });
            // SAFETY: checked non-null and writable above.
            unsafe { *iter_out = Box::into_raw(handle).cast() };
            STATUS_OK
        }
        Ok(Err(CallError::Raised(e))) => {
            set_last_error(e.kind.name(), &e.message);
            STATUS_RAISED
        }
        Ok(Err(CallError::BadArgs(msg))) => {
            set_last_error(ExcKind::TypeError.name(), &msg);
            STATUS_BAD_ARGS
        }
        Err(payload) => internal(payload),
    }
}

/// The next item of an iterator handle: status 0 with the item in
/// `*out`/`*out_len` (freed by the caller with `P_free_buffer`), 4 when it is
/// exhausted, 1 when the generator raised (it is then finished), 3 on an
/// internal error.
///
/// # Safety
///
/// `iter` must be a live handle from an iterator entry point of this
/// library, not used by another thread at the same time; `out` and `out_len`
/// must be valid for writes.
pub unsafe fn iter_next(iter: *mut c_void, out: *mut *mut u8, out_len: *mut usize) -> i32 {
    if iter.is_null() || out.is_null() || out_len.is_null() {
        set_last_error(
            "SystemError",
            "null pointer passed to a pycomp iterator's next",
        );
        return STATUS_INTERNAL;
    }
    // SAFETY: checked non-null; the caller guarantees they are writable and
    // that `iter` is a live handle used by this thread only.
    let handle = unsafe {
        *out = std::ptr::null_mut();
        *out_len = 0;
        &mut *iter.cast::<IterHandle>()
    };
    match panic::catch_unwind(AssertUnwindSafe(|| (handle.step)())) {
        Ok(Some(Ok(buf))) => {
            let (ptr, len) = buf.into_raw();
            // SAFETY: checked non-null and writable above.
            unsafe {
                *out = ptr;
                *out_len = len;
            }
            STATUS_OK
        }
        Ok(None) => STATUS_DONE,
        Ok(Some(Err(e))) => {
            set_last_error(e.kind.name(), &e.message);
            STATUS_RAISED
        }
        Err(payload) => internal(payload),
    }
}

/// Frees an iterator handle, at its end or before: the generator's state is
/// dropped wherever it stopped. NULL does nothing.
///
/// # Safety
///
/// `iter` must be NULL or a live handle from this library, freed only once.
pub unsafe fn iter_free(iter: *mut c_void) {
    if iter.is_null() {
        return;
    }
    // SAFETY: the caller passes a live handle made by `iter_entry`, once.
    let handle = unsafe { Box::from_raw(iter.cast::<IterHandle>()) };
    let _ = panic::catch_unwind(AssertUnwindSafe(move || drop(handle)));
}
