//! `pycomp._loader.Function`: the native callable of one bundle function.
//!
//! A type of its own (not a `#[pyclass]`) so that it speaks CPython's
//! vectorcall protocol: a call `f(1, 2)` hands the loader the argument array
//! as the caller holds it, with no tuple made for it, no `*args`/`**kwargs`
//! wrapper and no lookup by name (the function's index is resolved once, when
//! `Bundle.function` made it). Positional number arguments go straight to the
//! typed entry point (scalar.rs); anything else is bound from the argument
//! array and a dict of the keywords exactly as before (`Bundle::invoke`), so
//! every result and error is the same. The `tp_call` slot (used by `PyObject_Call` and friends) takes the
//! same path. Its `__dict__` carries `__name__`, `__doc__` and `__signature__`.

use std::ffi::{c_int, c_void};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;

use pyo3::exceptions::{PySystemError, PyTypeError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString, PyTuple, PyType};

use crate::Bundle;

/// `PY_VECTORCALL_ARGUMENTS_OFFSET` and `Py_TPFLAGS_HAVE_VECTORCALL` (in the
/// stable ABI from 3.12, which pyo3 follows; CPython honours them since 3.8).
const ARGUMENTS_OFFSET: usize = 1 << (usize::BITS - 1);
const HAVE_VECTORCALL: std::ffi::c_ulong = 1 << 11;

/// The object: a vectorcall pointer (at `__vectorcalloffset__`), the
/// instance dict (at `__dictoffset__`), the bundle (a strong reference) and
/// the function's index in it.
#[repr(C)]
struct FunctionObject {
    ob_base: ffi::PyObject,
    vectorcall: ffi::vectorcallfunc,
    dict: *mut ffi::PyObject,
    bundle: *mut ffi::PyObject,
    index: usize,
}

static TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The `Function` type, made once.
pub fn function_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    TYPE.get_or_try_init(py, || make_type(py))
        .map(|t| t.bind(py))
}

/// A new callable of function `index` of `bundle`.
pub fn new_function<'py>(bundle: &Bound<'py, Bundle>, index: usize) -> PyResult<Bound<'py, PyAny>> {
    let py = bundle.py();
    let ty = function_type(py)?;
    // SAFETY: the type is ours; the new object's fields are set before any
    // Python code runs (nothing below calls back into Python).
    unsafe {
        let obj = ffi::PyType_GenericAlloc(ty.as_ptr().cast(), 0);
        if obj.is_null() {
            return Err(PyErr::fetch(py));
        }
        let f = obj.cast::<FunctionObject>();
        (*f).vectorcall = vectorcall;
        (*f).dict = ptr::null_mut();
        (*f).bundle = bundle.clone().into_ptr();
        (*f).index = index;
        Ok(Bound::from_owned_ptr(py, obj))
    }
}

fn internal_error() -> PyErr {
    PySystemError::new_err(
        "pycomp loader: internal error (a panic while calling a bundle function)",
    )
}

/// Runs `body` with the GIL held by the caller: its error raised, a panic a
/// SystemError; NULL on failure.
fn trampoline(body: impl FnOnce(Python<'_>) -> PyResult<*mut ffi::PyObject>) -> *mut ffi::PyObject {
    // SAFETY: CPython calls the slots below with the GIL held.
    let py = unsafe { Python::assume_attached() };
    let result =
        catch_unwind(AssertUnwindSafe(|| body(py))).unwrap_or_else(|_| Err(internal_error()));
    match result {
        Ok(obj) => obj,
        Err(e) => {
            e.restore(py);
            ptr::null_mut()
        }
    }
}

/// The bundle and index of `slf`, one of our objects.
///
/// # Safety
///
/// `slf` must be a live `FunctionObject`.
unsafe fn parts<'py>(py: Python<'py>, slf: *mut ffi::PyObject) -> (Bound<'py, Bundle>, usize) {
    // SAFETY: per this function's contract; the bundle reference is strong
    // and never cleared while the object lives.
    unsafe {
        let f = slf.cast::<FunctionObject>();
        let bundle = Bound::from_borrowed_ptr(py, (*f).bundle).cast_into_unchecked::<Bundle>();
        (bundle, (*f).index)
    }
}

unsafe extern "C" fn vectorcall(
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargsf: usize,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    let nargs = nargsf & !ARGUMENTS_OFFSET;
    if kwnames.is_null() && nargs <= crate::scalar::MAX_PARAMS {
        // The numbers' fast path, before anything else: no reference taken to
        // the bundle, no array of borrowed objects; a panic is a SystemError.
        // SAFETY: CPython calls us with the GIL held, our object and `nargs`
        // readable pointers; the bundle reference is strong while `slf` lives.
        let taken = catch_unwind(AssertUnwindSafe(|| unsafe {
            let py = Python::assume_attached();
            let f = slf.cast::<FunctionObject>();
            let bundle = Borrowed::from_ptr(py, (*f).bundle).cast_unchecked::<Bundle>();
            let all: &[*mut ffi::PyObject] = if nargs == 0 {
                &[]
            } else {
                std::slice::from_raw_parts(args, nargs)
            };
            bundle.get().invoke_scalar(py, (*f).index, all)
        }))
        .unwrap_or_else(|_| Some(trampoline(|_| Err(internal_error()))));
        if let Some(result) = taken {
            return result;
        }
    }
    trampoline(|py| {
        // SAFETY: CPython passes our object, `nargs` positional arguments
        // followed by one value per name in `kwnames` (a tuple, or NULL).
        let (bundle, index) = unsafe { parts(py, slf) };
        let nkw = if kwnames.is_null() {
            0
        } else {
            // SAFETY: `kwnames` is a tuple.
            unsafe { Bound::from_borrowed_ptr(py, kwnames) }
                .cast_into::<PyTuple>()?
                .len()
        };
        let all: &[*mut ffi::PyObject] = if nargs + nkw == 0 {
            &[]
        } else {
            // SAFETY: as above: `nargs + nkw` readable pointers.
            unsafe { std::slice::from_raw_parts(args, nargs + nkw) }
        };
        // SAFETY: each is a live object the caller holds for the call.
        let borrowed = |p: &*mut ffi::PyObject| unsafe { Borrowed::from_ptr(py, *p) };
        let positional: Vec<_> = all[..nargs].iter().map(borrowed).collect();
        let kwargs = if nkw == 0 {
            None
        } else {
            let d = PyDict::new(py);
            // SAFETY: `kwnames` is a tuple of `nkw` str.
            let names = unsafe { Bound::from_borrowed_ptr(py, kwnames) }.cast_into::<PyTuple>()?;
            for (name, value) in names.iter().zip(&all[nargs..]) {
                d.set_item(name, borrowed(value))?;
            }
            Some(d)
        };
        Bundle::invoke(&bundle, index, &positional, kwargs.as_ref()).map(Bound::into_ptr)
    })
}

unsafe extern "C" fn call(
    slf: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    trampoline(|py| {
        // SAFETY: CPython passes our object, a tuple and a dict or NULL.
        let (bundle, index) = unsafe { parts(py, slf) };
        let args = unsafe { Bound::from_borrowed_ptr(py, args) }.cast_into::<PyTuple>()?;
        let kwargs = if kwargs.is_null() {
            None
        } else {
            Some(unsafe { Bound::from_borrowed_ptr(py, kwargs) }.cast_into::<PyDict>()?)
        };
        let args: Vec<_> = args.iter_borrowed().collect();
        Bundle::invoke(&bundle, index, &args, kwargs.as_ref()).map(Bound::into_ptr)
    })
}

unsafe extern "C" fn repr(slf: *mut ffi::PyObject) -> *mut ffi::PyObject {
    trampoline(|py| {
        // SAFETY: `slf` is ours.
        let (bundle, index) = unsafe { parts(py, slf) };
        let b = bundle.get();
        let text = format!("<pycomp function {}.{}>", b.name, b.functions[index].name);
        Ok(PyString::new(py, &text).into_ptr())
    })
}

unsafe extern "C" fn get_bundle(slf: *mut ffi::PyObject, _: *mut c_void) -> *mut ffi::PyObject {
    trampoline(|py| {
        // SAFETY: `slf` is ours.
        let (bundle, _) = unsafe { parts(py, slf) };
        Ok(bundle.into_any().into_ptr())
    })
}

unsafe extern "C" fn traverse(
    slf: *mut ffi::PyObject,
    visit: ffi::visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: `slf` is ours; a heap type's instances visit their type.
    unsafe {
        let f = slf.cast::<FunctionObject>();
        for p in [(*f).dict, (*f).bundle, ffi::Py_TYPE(slf).cast()] {
            if !p.is_null() {
                let r = visit(p, arg);
                if r != 0 {
                    return r;
                }
            }
        }
    }
    0
}

unsafe extern "C" fn clear(slf: *mut ffi::PyObject) -> c_int {
    // SAFETY: `slf` is ours. The bundle holds no reference back to its
    // functions, so a cycle goes through the dict: clearing it breaks it.
    unsafe {
        let f = slf.cast::<FunctionObject>();
        let d = std::mem::replace(&mut (*f).dict, ptr::null_mut());
        if !d.is_null() {
            ffi::Py_DECREF(d);
        }
    }
    0
}

unsafe extern "C" fn dealloc(slf: *mut ffi::PyObject) {
    // SAFETY: `slf` is ours, being freed; its type is a heap type.
    unsafe {
        ffi::PyObject_GC_UnTrack(slf.cast());
        clear(slf);
        let f = slf.cast::<FunctionObject>();
        let b = std::mem::replace(&mut (*f).bundle, ptr::null_mut());
        if !b.is_null() {
            ffi::Py_DECREF(b);
        }
        let ty = ffi::Py_TYPE(slf);
        let free = ffi::PyType_GetSlot(ty, ffi::Py_tp_free);
        if !free.is_null() {
            let free: ffi::freefunc = std::mem::transmute::<*mut c_void, ffi::freefunc>(free);
            free(slf.cast());
        }
        ffi::Py_DECREF(ty.cast());
    }
}

fn make_type(py: Python<'_>) -> PyResult<Py<PyType>> {
    let offset = |field: usize| field as ffi::Py_ssize_t;
    // Leaked once per process: the type refers to them for its lifetime.
    let members: &'static mut [ffi::PyMemberDef] = Box::leak(Box::new([
        ffi::PyMemberDef {
            name: c"__vectorcalloffset__".as_ptr(),
            type_code: ffi::Py_T_PYSSIZET,
            offset: offset(std::mem::offset_of!(FunctionObject, vectorcall)),
            flags: ffi::Py_READONLY,
            doc: ptr::null(),
        },
        ffi::PyMemberDef {
            name: c"__dictoffset__".as_ptr(),
            type_code: ffi::Py_T_PYSSIZET,
            offset: offset(std::mem::offset_of!(FunctionObject, dict)),
            flags: ffi::Py_READONLY,
            doc: ptr::null(),
        },
        // SAFETY: the all-zero sentinel.
        unsafe { std::mem::zeroed() },
    ]));
    let getset: &'static mut [ffi::PyGetSetDef] = Box::leak(Box::new([
        ffi::PyGetSetDef {
            name: c"__dict__".as_ptr(),
            get: Some(ffi::PyObject_GenericGetDict),
            set: Some(ffi::PyObject_GenericSetDict),
            doc: ptr::null(),
            closure: ptr::null_mut(),
        },
        ffi::PyGetSetDef {
            name: c"bundle".as_ptr(),
            get: Some(get_bundle),
            set: None,
            doc: c"The bundle this function belongs to.".as_ptr(),
            closure: ptr::null_mut(),
        },
        // SAFETY: the all-zero sentinel.
        unsafe { std::mem::zeroed() },
    ]));
    let slot = |slot: c_int, pfunc: *mut c_void| ffi::PyType_Slot { slot, pfunc };
    let slots: &'static mut [ffi::PyType_Slot] = Box::leak(Box::new([
        slot(ffi::Py_tp_call, call as *mut c_void),
        slot(ffi::Py_tp_repr, repr as *mut c_void),
        slot(ffi::Py_tp_traverse, traverse as *mut c_void),
        slot(ffi::Py_tp_clear, clear as *mut c_void),
        slot(ffi::Py_tp_dealloc, dealloc as *mut c_void),
        slot(ffi::Py_tp_members, members.as_mut_ptr().cast()),
        slot(ffi::Py_tp_getset, getset.as_mut_ptr().cast()),
        slot(
            ffi::Py_tp_doc,
            c"A native callable of one bundle function: calling it binds the arguments \
              as CPython would and calls the native entry point."
                .as_ptr() as *mut c_void,
        ),
        slot(0, ptr::null_mut()),
    ]));
    let spec: &'static mut ffi::PyType_Spec = Box::leak(Box::new(ffi::PyType_Spec {
        name: c"pycomp._loader.Function".as_ptr(),
        basicsize: std::mem::size_of::<FunctionObject>() as c_int,
        itemsize: 0,
        flags: (ffi::Py_TPFLAGS_DEFAULT
            | ffi::Py_TPFLAGS_HAVE_GC
            | HAVE_VECTORCALL
            | ffi::Py_TPFLAGS_DISALLOW_INSTANTIATION) as _,
        slots: slots.as_mut_ptr(),
    }));
    // SAFETY: a complete spec of 'static parts.
    let ty = unsafe { ffi::PyType_FromSpec(spec) };
    if ty.is_null() {
        return Err(PyErr::fetch(py));
    }
    // SAFETY: PyType_FromSpec returned a new reference to a type.
    let ty = unsafe { Bound::from_owned_ptr(py, ty) };
    ty.cast_into::<PyType>()
        .map(Bound::unbind)
        .map_err(|_| PyTypeError::new_err("pycomp loader: Function is not a type"))
}
