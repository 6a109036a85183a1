//! Typed C entry points (docs/abi.md, "Typed entry points"): beside the
//! generic `P_call_F`, a function whose parameters and result are flat
//! (scalars, `str`, lists of them, ndarrays) gets `P_F(...)` taking and
//! returning plain C values. This module holds the C structs they use (the
//! same layout as `pycomp.h`, shipped in every bundle), the conversions from
//! C arguments, and [`typed_entry`], the wrapper each runs in.
//!
//! Struct names follow `pycomp.h` (C naming), so cbindgen's header names
//! them as C users read them.
#![allow(non_camel_case_types)]

use std::ffi::{CString, c_char, c_void};
use std::panic::{self, AssertUnwindSafe};

use super::abi::{STATUS_BAD_ARGS, STATUS_INTERNAL, STATUS_RAISED};
use super::error::PyErr;

/// The most dimensions a returned tensor has (`PYCOMP_MAX_NDIM`).
pub const MAX_NDIM: usize = 8;

/// Why a typed call failed: `status` (docs/abi.md), the Python class name
/// and message. Owned strings; freed by `P_error_free`.
#[repr(C)]
pub struct pycomp_error {
    pub status: i32,
    pub class_name: *mut c_char,
    pub message: *mut c_char,
}

/// A `str` result: NUL-terminated UTF-8 (`len` bytes before the NUL; the
/// text itself may hold NUL bytes). Owned; freed by `P_string_free`.
#[repr(C)]
pub struct pycomp_string {
    pub data: *mut c_char,
    pub len: usize,
}

/// A `list[str]` result: `len` strings. Owned; freed by `P_strings_free`.
#[repr(C)]
pub struct pycomp_strings {
    pub items: *mut pycomp_string,
    pub len: usize,
}

/// An array argument: C-contiguous `data` of `dtype` (`PYCOMP_F32` ...)
/// with `ndim` dimensions `shape`. Borrowed for the call.
#[repr(C)]
pub struct pycomp_view {
    pub data: *const c_void,
    pub dtype: i32,
    pub ndim: usize,
    pub shape: *const i64,
}

macro_rules! tensors {
    ($($name:ident: $t:ty, $dl_code:expr, $free:ident, $export:ident;)+) => {$(
        /// An owned array result: `ndim` dimensions `shape`, C-contiguous,
        /// 16-byte aligned `data`, `strides` in elements. Freed by the
        /// bundle's `P_tensor_*_free`, or handed to DLPack.
        #[repr(C)]
        pub struct $name {
            pub data: *mut $t,
            pub ndim: usize,
            pub shape: [i64; MAX_NDIM],
            pub strides: [i64; MAX_NDIM],
            /// Private: the allocation behind `data`.
            pub owner: *mut c_void,
        }

        impl $name {
            /// A tensor owning `items` with `shape` (a product of which is `items.len()`).
            pub fn new(shape: &[usize], items: &[$t]) -> Result<$name, CallError> {
                tensor_parts(shape, items, |data, ndim, shape, strides, owner| $name {
                    data: data.cast(),
                    ndim,
                    shape,
                    strides,
                    owner,
                })
            }
        }

        /// Frees a tensor (and zeroes it). NULL and freed tensors are ignored.
        ///
        /// # Safety
        ///
        /// `t` must be NULL or a tensor a typed entry point filled in, not
        /// handed to DLPack.
        pub unsafe fn $free(t: *mut $name) {
            // SAFETY: per the contract.
            let Some(t) = (unsafe { t.as_mut() }) else { return };
            if !t.owner.is_null() {
                // SAFETY: `owner` came from `Box::into_raw` in `tensor_parts`.
                drop(unsafe { Box::from_raw(t.owner.cast::<Owned>()) });
            }
            t.data = std::ptr::null_mut();
            t.owner = std::ptr::null_mut();
            t.ndim = 0;
        }

        /// Moves a tensor into a DLPack `DLManagedTensor` (CPU, C-contiguous);
        /// the tensor is left empty. NULL for NULL or an empty tensor.
        ///
        /// # Safety
        ///
        /// `t` must be NULL or a tensor a typed entry point filled in.
        pub unsafe fn $export(t: *mut $name) -> *mut DLManagedTensor {
            // SAFETY: per the contract.
            let Some(t) = (unsafe { t.as_mut() }) else { return std::ptr::null_mut() };
            if t.owner.is_null() {
                return std::ptr::null_mut();
            }
            let dtype = DLDataType { code: $dl_code, bits: (8 * std::mem::size_of::<$t>()) as u8, lanes: 1 };
            let managed = to_dlpack(t.data.cast(), t.ndim, t.shape, t.strides, t.owner, dtype);
            t.data = std::ptr::null_mut();
            t.owner = std::ptr::null_mut();
            t.ndim = 0;
            managed
        }
    )+};
}

tensors! {
    pycomp_tensor_f32: f32, 2, tensor_f32_free, tensor_f32_to_dlpack;
    pycomp_tensor_f64: f64, 2, tensor_f64_free, tensor_f64_to_dlpack;
    pycomp_tensor_i32: i32, 0, tensor_i32_free, tensor_i32_to_dlpack;
    pycomp_tensor_i64: i64, 0, tensor_i64_free, tensor_i64_to_dlpack;
    pycomp_tensor_bool: bool, 6, tensor_bool_free, tensor_bool_to_dlpack;
}

/// The allocation behind a tensor's data: 16-byte aligned bytes.
struct Owned {
    _bytes: super::pcv::Writer,
}

/// Copies `items` into a 16-byte aligned allocation and describes it.
fn tensor_parts<T: Copy, R>(
    shape: &[usize],
    items: &[T],
    make: impl FnOnce(*mut c_void, usize, [i64; MAX_NDIM], [i64; MAX_NDIM], *mut c_void) -> R,
) -> Result<R, CallError> {
    if shape.len() > MAX_NDIM {
        return Err(CallError::raised(PyErr::value_error(format!(
            "a result of {} dimensions has no C tensor (at most {MAX_NDIM})",
            shape.len()
        ))));
    }
    let mut dims = [0i64; MAX_NDIM];
    let mut strides = [0i64; MAX_NDIM];
    let mut step = 1i64;
    for i in (0..shape.len()).rev() {
        dims[i] = shape[i] as i64;
        strides[i] = step;
        step = step.saturating_mul(shape[i] as i64);
    }
    let mut bytes = super::pcv::Writer::with_capacity(std::mem::size_of_val(items).max(1));
    // SAFETY: `T` is f32, f64, i32, i64 or bool: plain data without padding.
    bytes.bytes(unsafe {
        std::slice::from_raw_parts(items.as_ptr().cast::<u8>(), std::mem::size_of_val(items))
    });
    let data = bytes.as_slice().as_ptr() as *mut c_void;
    let owner = Box::into_raw(Box::new(Owned { _bytes: bytes })).cast::<c_void>();
    Ok(make(data, shape.len(), dims, strides, owner))
}

// ---------------------------------------------------------------------------
// DLPack (dlpack.h, v0.8 `DLManagedTensor`)
// ---------------------------------------------------------------------------

#[repr(C)]
#[derive(Clone, Copy)]
pub struct DLDevice {
    pub device_type: i32,
    pub device_id: i32,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct DLDataType {
    pub code: u8,
    pub bits: u8,
    pub lanes: u16,
}

#[repr(C)]
pub struct DLTensor {
    pub data: *mut c_void,
    pub device: DLDevice,
    pub ndim: i32,
    pub dtype: DLDataType,
    pub shape: *mut i64,
    pub strides: *mut i64,
    pub byte_offset: u64,
}

#[repr(C)]
pub struct DLManagedTensor {
    pub dl_tensor: DLTensor,
    pub manager_ctx: *mut c_void,
    pub deleter: Option<unsafe extern "C" fn(*mut DLManagedTensor)>,
}

/// What a `DLManagedTensor` owns: the data and its shape and strides.
struct DlContext {
    owner: *mut c_void,
    shape: [i64; MAX_NDIM],
    strides: [i64; MAX_NDIM],
}

unsafe extern "C" fn dl_delete(m: *mut DLManagedTensor) {
    if m.is_null() {
        return;
    }
    // SAFETY: `m` and its context came from `Box::into_raw` in `to_dlpack`,
    // and DLPack calls the deleter once.
    unsafe {
        let m = Box::from_raw(m);
        let ctx = Box::from_raw(m.manager_ctx.cast::<DlContext>());
        drop(Box::from_raw(ctx.owner.cast::<Owned>()));
    }
}

fn to_dlpack(
    data: *mut c_void,
    ndim: usize,
    shape: [i64; MAX_NDIM],
    strides: [i64; MAX_NDIM],
    owner: *mut c_void,
    dtype: DLDataType,
) -> *mut DLManagedTensor {
    let ctx = Box::into_raw(Box::new(DlContext {
        owner,
        shape,
        strides,
    }));
    // SAFETY: `ctx` was just made and lives until the deleter runs.
    let (shape, strides) = unsafe { ((*ctx).shape.as_mut_ptr(), (*ctx).strides.as_mut_ptr()) };
    Box::into_raw(Box::new(DLManagedTensor {
        dl_tensor: DLTensor {
            data,
            device: DLDevice {
                device_type: 1,
                device_id: 0,
            },
            ndim: ndim as i32,
            dtype,
            shape,
            strides,
            byte_offset: 0,
        },
        manager_ctx: ctx.cast(),
        deleter: Some(dl_delete),
    }))
}

// ---------------------------------------------------------------------------
// Errors and the entry wrapper
// ---------------------------------------------------------------------------

/// Why a typed call failed: the status, class and message of `pycomp_error`.
#[derive(Debug)]
pub struct CallError {
    pub status: i32,
    pub class: &'static str,
    pub message: String,
}

impl CallError {
    /// A bad argument (status 2) of class `class`.
    pub fn bad_arg(class: &'static str, message: String) -> CallError {
        CallError {
            status: STATUS_BAD_ARGS,
            class,
            message,
        }
    }

    /// The compiled code raised `e` (status 1).
    pub fn raised(e: PyErr) -> CallError {
        CallError {
            status: STATUS_RAISED,
            class: e.kind.name(),
            message: e.message,
        }
    }
}

impl From<PyErr> for CallError {
    fn from(e: PyErr) -> CallError {
        CallError::raised(e)
    }
}

fn c_string(s: &str) -> *mut c_char {
    let c = CString::new(s)
        .unwrap_or_else(|_| CString::new(s.replace('\0', "\\0")).unwrap_or_default());
    c.into_raw()
}

/// Frees the strings of an error (and zeroes it). NULL is ignored.
///
/// # Safety
///
/// `err` must be NULL or an error a typed entry point filled in (or zeroed).
pub unsafe fn error_free(err: *mut pycomp_error) {
    // SAFETY: per the contract.
    let Some(err) = (unsafe { err.as_mut() }) else {
        return;
    };
    for p in [&mut err.class_name, &mut err.message] {
        if !p.is_null() {
            // SAFETY: made by `CString::into_raw` in `c_string`.
            drop(unsafe { CString::from_raw(*p) });
        }
        *p = std::ptr::null_mut();
    }
    err.status = 0;
}

/// A result type of a typed entry point: how it is written to `*out`.
pub trait IntoC: Sized {
    /// The C type `out` points to.
    type C;
    /// Whether the entry point has an `out` parameter (not for `None`).
    const HAS_OUT: bool = true;
    fn into_c(self) -> Result<Self::C, CallError>;
}

impl IntoC for () {
    type C = u8;
    const HAS_OUT: bool = false;
    fn into_c(self) -> Result<u8, CallError> {
        Ok(0)
    }
}

macro_rules! scalar_into_c {
    ($($t:ty),+) => {$(
        impl IntoC for $t {
            type C = $t;
            fn into_c(self) -> Result<$t, CallError> {
                Ok(self)
            }
        }
    )+};
}
scalar_into_c!(i64, f64, bool);

impl IntoC for String {
    type C = pycomp_string;
    fn into_c(self) -> Result<pycomp_string, CallError> {
        let len = self.len();
        let data = CString::new(self)
            .map(CString::into_raw)
            .unwrap_or_else(|e| {
                // NUL bytes inside: keep them, terminated by one more.
                let mut bytes = e.into_vec();
                bytes.push(0);
                Box::into_raw(bytes.into_boxed_slice()).cast::<c_char>()
            });
        Ok(pycomp_string { data, len })
    }
}

/// A `bytes` result: a `pycomp_string` whose `len` bytes are followed by a NUL
/// (freed by `P_string_free` like a str).
impl IntoC for super::Bytes {
    type C = pycomp_string;
    fn into_c(self) -> Result<pycomp_string, CallError> {
        let len = self.0.len();
        let mut bytes = self.0;
        bytes.push(0);
        let data = Box::into_raw(bytes.into_boxed_slice()).cast::<c_char>();
        Ok(pycomp_string { data, len })
    }
}

/// Frees a string result (and zeroes it). NULL is ignored.
///
/// # Safety
///
/// `s` must be NULL or a string a typed entry point filled in.
pub unsafe fn string_free(s: *mut pycomp_string) {
    // SAFETY: per the contract.
    let Some(s) = (unsafe { s.as_mut() }) else {
        return;
    };
    if !s.data.is_null() {
        // SAFETY: `len + 1` bytes allocated as a boxed slice or CString,
        // both a `Box<[u8]>` of that length.
        drop(unsafe {
            Box::from_raw(std::ptr::slice_from_raw_parts_mut(
                s.data.cast::<u8>(),
                s.len + 1,
            ))
        });
    }
    s.data = std::ptr::null_mut();
    s.len = 0;
}

impl IntoC for Vec<String> {
    type C = pycomp_strings;
    fn into_c(self) -> Result<pycomp_strings, CallError> {
        let items: Vec<pycomp_string> = self
            .into_iter()
            .map(|s| s.into_c())
            .collect::<Result<_, _>>()?;
        let len = items.len();
        let items = Box::into_raw(items.into_boxed_slice()).cast::<pycomp_string>();
        Ok(pycomp_strings { items, len })
    }
}

/// Frees a list of strings (and zeroes it). NULL is ignored.
///
/// # Safety
///
/// `s` must be NULL or a list a typed entry point filled in.
pub unsafe fn strings_free(s: *mut pycomp_strings) {
    // SAFETY: per the contract.
    let Some(s) = (unsafe { s.as_mut() }) else {
        return;
    };
    if !s.items.is_null() {
        // SAFETY: a boxed slice of `len` strings from `into_c`.
        let mut items =
            unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(s.items, s.len)) };
        for item in items.iter_mut() {
            // SAFETY: each was filled in by `String::into_c`.
            unsafe { string_free(item) };
        }
    }
    s.items = std::ptr::null_mut();
    s.len = 0;
}

impl IntoC for Vec<f64> {
    type C = pycomp_tensor_f64;
    fn into_c(self) -> Result<pycomp_tensor_f64, CallError> {
        pycomp_tensor_f64::new(&[self.len()], &self)
    }
}

impl IntoC for Vec<i64> {
    type C = pycomp_tensor_i64;
    fn into_c(self) -> Result<pycomp_tensor_i64, CallError> {
        pycomp_tensor_i64::new(&[self.len()], &self)
    }
}

impl IntoC for Vec<bool> {
    type C = pycomp_tensor_bool;
    fn into_c(self) -> Result<pycomp_tensor_bool, CallError> {
        pycomp_tensor_bool::new(&[self.len()], &self)
    }
}

/// Runs a typed entry point: `body` under `catch_unwind`, its result written
/// to `*out`, a failure to `*err` (when not NULL). Returns the status.
///
/// # Safety
///
/// `out` must be NULL or valid for writes (NULL is refused when the result
/// has an out parameter); `err` must be NULL or valid for writes.
pub unsafe fn typed_entry<R: IntoC>(
    out: *mut R::C,
    err: *mut pycomp_error,
    body: impl FnOnce() -> Result<R, CallError>,
) -> i32 {
    let run = panic::catch_unwind(AssertUnwindSafe(|| {
        if R::HAS_OUT && out.is_null() {
            return Err(CallError {
                status: STATUS_INTERNAL,
                class: "SystemError",
                message: "NULL out pointer passed to a pycomp entry point".into(),
            });
        }
        body()?.into_c()
    }));
    let e = match run {
        Ok(Ok(value)) => {
            if R::HAS_OUT {
                // SAFETY: checked non-null; the caller guarantees it is writable.
                unsafe { out.write(value) };
            }
            if let Some(err) = unsafe { err.as_mut() } {
                err.status = 0;
                err.class_name = std::ptr::null_mut();
                err.message = std::ptr::null_mut();
            }
            return 0;
        }
        Ok(Err(e)) => e,
        Err(payload) => {
            let message = format!(
                "internal error in compiled code (a pycomp bug, please report): {}",
                super::abi::panic_message(&*payload)
            );
            let _ = panic::catch_unwind(AssertUnwindSafe(move || drop(payload)));
            CallError {
                status: STATUS_INTERNAL,
                class: "SystemError",
                message,
            }
        }
    };
    // SAFETY: the caller guarantees `err` is NULL or writable.
    if let Some(err) = unsafe { err.as_mut() } {
        err.status = e.status;
        err.class_name = c_string(e.class);
        err.message = c_string(&e.message);
    }
    e.status
}

// ---------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------

/// A `str` argument: NUL-terminated UTF-8, borrowed for the call.
///
/// # Safety
///
/// `p` must be NULL or a NUL-terminated string readable for the call.
pub unsafe fn str_arg<'a>(p: *const c_char, name: &str) -> Result<&'a str, CallError> {
    if p.is_null() {
        return Err(CallError::bad_arg(
            "TypeError",
            format!("argument '{name}' must be str, not NULL"),
        ));
    }
    // SAFETY: per the contract.
    let bytes = unsafe { std::ffi::CStr::from_ptr(p) }.to_bytes();
    utf8(bytes, name)
}

fn utf8<'a>(bytes: &'a [u8], name: &str) -> Result<&'a str, CallError> {
    std::str::from_utf8(bytes).map_err(|e| {
        CallError::bad_arg(
            "UnicodeDecodeError",
            format!(
                "argument '{name}': 'utf-8' codec can't decode byte 0x{:02x} in position {}: \
                 invalid UTF-8",
                bytes[e.valid_up_to()],
                e.valid_up_to()
            ),
        )
    })
}

/// A `list[str]` argument: `n` NUL-terminated UTF-8 strings.
///
/// # Safety
///
/// `p` must be NULL (only with `n` 0) or point to `n` string pointers, each
/// as for [`str_arg`].
pub unsafe fn str_list_arg(
    p: *const *const c_char,
    n: usize,
    name: &str,
) -> Result<Vec<String>, CallError> {
    // SAFETY: per the contract.
    let items = unsafe { str_list_ref_arg(p, n, name)? };
    Ok(items.into_iter().map(str::to_owned).collect())
}

/// A `list[str]` parameter the function only reads: views of the caller's
/// strings, valid for the call (same contract and errors as [`str_list_arg`]).
///
/// # Safety
/// As [`str_list_arg`].
pub unsafe fn str_list_ref_arg<'a>(
    p: *const *const c_char,
    n: usize,
    name: &str,
) -> Result<Vec<&'a str>, CallError> {
    // SAFETY: per the contract.
    let ptrs = unsafe { slice_arg(p, n, name, "list[str]")? };
    ptrs.iter()
        .enumerate()
        .map(|(i, &s)| {
            // SAFETY: per the contract.
            unsafe { str_arg(s, &format!("{name}[{i}]")) }
        })
        .collect()
}

/// A `list[float]`, `list[int]` or `list[bool]` argument: `n` items at
/// `p`, borrowed for the call.
///
/// # Safety
///
/// `p` must be NULL (only with `n` 0) or point to `n` readable, aligned items.
pub unsafe fn slice_arg<'a, T>(
    p: *const T,
    n: usize,
    name: &str,
    declared: &str,
) -> Result<&'a [T], CallError> {
    if n == 0 {
        return Ok(&[]);
    }
    if p.is_null() {
        return Err(CallError::bad_arg(
            "TypeError",
            format!("argument '{name}' must be {declared}, not NULL (with {n} items)"),
        ));
    }
    if !(p as usize).is_multiple_of(std::mem::align_of::<T>()) {
        return Err(CallError::bad_arg(
            "ValueError",
            format!("argument '{name}' is not aligned for its items"),
        ));
    }
    // SAFETY: per the contract.
    Ok(unsafe { std::slice::from_raw_parts(p, n) })
}

/// The dtype codes of [`pycomp_view`] (`PYCOMP_F32` ...), as in PCV.
pub fn view_dtype_name(code: i32) -> &'static str {
    u8::try_from(code)
        .ok()
        .and_then(super::pcv::DType::from_code)
        .map_or("an unknown dtype", |d| d.name())
}

/// An array argument's shape and data, checked against the declared dtype
/// code and number of dimensions.
///
/// # Safety
///
/// `v` must be NULL or point to a view whose `shape` has `ndim` items and
/// whose `data` holds the product of them items of its dtype.
pub unsafe fn view_arg<'a, T>(
    v: *const pycomp_view,
    name: &str,
    dtype: i32,
    ndim: Option<usize>,
    declared: &str,
) -> Result<(Vec<usize>, &'a [T]), CallError> {
    // SAFETY: per the contract.
    let Some(v) = (unsafe { v.as_ref() }) else {
        return Err(CallError::bad_arg(
            "TypeError",
            format!("argument '{name}' must be {declared}, not NULL"),
        ));
    };
    if v.dtype != dtype || ndim.is_some_and(|n| n != v.ndim) || v.ndim > MAX_NDIM {
        return Err(CallError::bad_arg(
            "TypeError",
            format!(
                "argument '{name}' must be {declared}, not ndarray[{}, ndim={}]",
                view_dtype_name(v.dtype),
                v.ndim
            ),
        ));
    }
    // SAFETY: per the contract.
    let dims = unsafe { slice_arg(v.shape, v.ndim, name, "a shape")? };
    let mut shape = Vec::with_capacity(v.ndim);
    let mut count = 1usize;
    for &d in dims {
        let d = usize::try_from(d).map_err(|_| {
            CallError::bad_arg(
                "ValueError",
                format!("argument '{name}' has a negative dimension"),
            )
        })?;
        count = count.checked_mul(d).ok_or_else(|| {
            CallError::bad_arg("ValueError", format!("argument '{name}' is too big"))
        })?;
        shape.push(d);
    }
    // SAFETY: per the contract.
    let items = unsafe { slice_arg(v.data.cast::<T>(), count, name, declared)? };
    Ok((shape, items))
}
