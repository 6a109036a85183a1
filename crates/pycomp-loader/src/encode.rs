//! Python objects to PCV, checked against the manifest type.

use std::cell::RefCell;
use std::collections::HashSet;

use pyo3::exceptions::{PyOverflowError, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyFrozenSet, PyList, PyMemoryView, PySet,
    PyString, PyTuple,
};

use pycomp_pcv::{DType, Writer};

use crate::numpy;
use crate::types::{Ty, tag};

/// One step from a parameter into a value nested in it, for messages.
#[derive(Debug)]
pub enum Step {
    /// `xs[3]` (list or tuple item).
    Index(usize),
    /// `d['a']` (dict value), holding the key's repr.
    Value(String),
    /// a key of a dict.
    Key,
    /// an item of a set.
    Member,
    /// A field of a record, by its place and name: `spans[0][1]` in the messages
    /// the wire form gives (a record is the tuple of its fields),
    /// `spans[0].start` in those load.py gave for the objects themselves.
    Field(usize, String),
}

/// Why a Python value does not fit its declared type.
#[derive(Debug)]
pub enum EncodeError {
    /// Wrong type: `found` is the Python type name of the value at `path`
    /// (innermost step last), `expected` the type wanted there.
    Type {
        path: Vec<Step>,
        expected: String,
        found: String,
    },
    /// An int that does not fit in 64 bits (or in a float).
    Overflow { path: Vec<Step>, what: &'static str },
    /// An object that is no instance of a record's or family's class: `wanted`
    /// says what it must be ("a Span (an object with the attribute 'end')").
    /// Reported as load.py did: the place in Python spelling (`'spans'[0].x`).
    Instance {
        path: Vec<Step>,
        wanted: String,
        found: String,
    },
    /// A Python exception while looking at the value (e.g. a str with
    /// surrogates, an `__index__` that raised).
    Py(PyErr),
}

impl From<PyErr> for EncodeError {
    fn from(e: PyErr) -> Self {
        EncodeError::Py(e)
    }
}

impl EncodeError {
    fn within(mut self, step: Step) -> Self {
        match &mut self {
            EncodeError::Type { path, .. }
            | EncodeError::Overflow { path, .. }
            | EncodeError::Instance { path, .. } => path.push(step),
            EncodeError::Py(_) => {}
        }
        self
    }

    /// The Python exception for parameter `param` of `func`, declared `declared`.
    pub fn into_pyerr(self, func: &str, param: &str, declared: &Ty) -> PyErr {
        match self {
            EncodeError::Type { path, found, .. } if path.is_empty() => PyTypeError::new_err(
                format!("{func}() argument '{param}' must be {declared}, not {found}"),
            ),
            EncodeError::Type {
                path,
                found,
                expected,
            } => PyTypeError::new_err(format!(
                "{func}() argument '{param}' must be {declared}, but {} is {found}, not {expected}",
                describe(param, &path)
            )),
            EncodeError::Overflow { path, what } if path.is_empty() => PyOverflowError::new_err(
                format!("{func}() argument '{param}' is an int too large to convert to {what}"),
            ),
            EncodeError::Overflow { path, what } => PyOverflowError::new_err(format!(
                "{func}() argument '{param}': {} is an int too large to convert to {what}",
                describe(param, &path)
            )),
            EncodeError::Instance {
                path,
                wanted,
                found,
            } => PyTypeError::new_err(format!(
                "{func}() argument '{param}'{} must be {wanted}, not {found}",
                attribute_path(&path)
            )),
            EncodeError::Py(e) => e,
        }
    }
}

/// The place of a value inside a parameter as load.py spelt it after the quoted
/// parameter name: `[0].start`, `['k']` (`path` innermost first; a dict's keys and a
/// set's items add nothing).
fn attribute_path(path: &[Step]) -> String {
    let mut s = String::new();
    for step in path.iter().rev() {
        match step {
            Step::Index(i) => s.push_str(&format!("[{i}]")),
            Step::Value(key) => s.push_str(&format!("[{key}]")),
            Step::Field(_, name) => {
                s.push('.');
                s.push_str(name);
            }
            Step::Key | Step::Member => {}
        }
    }
    s
}

/// `words[3]`, `a key of d`, `an item of s` ... (`path` innermost first),
/// in time linear in the path, however deep.
fn describe(param: &str, path: &[Step]) -> String {
    let mut prefixes = Vec::new();
    let mut suffix = String::new();
    for step in path.iter().rev() {
        match step {
            Step::Index(i) | Step::Field(i, _) => suffix.push_str(&format!("[{i}]")),
            Step::Value(key) => suffix.push_str(&format!("[{key}]")),
            Step::Key => prefixes.push("a key of "),
            Step::Member => prefixes.push("an item of "),
        }
    }
    let mut s: String = prefixes.into_iter().rev().collect();
    s.push_str(param);
    s.push_str(&suffix);
    s
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".into())
}

fn mismatch(obj: &Bound<'_, PyAny>, ty: &Ty) -> EncodeError {
    EncodeError::Type {
        path: Vec::new(),
        expected: ty.to_string(),
        found: type_name(obj),
    }
}

/// Whether `obj` is a numpy bool scalar (accepted for `bool`).
fn is_numpy_bool(obj: &Bound<'_, PyAny>) -> bool {
    let ty = obj.get_type();
    let module = ty.module().map(|m| m.to_string()).unwrap_or_default();
    let name = ty.name().map(|n| n.to_string()).unwrap_or_default();
    module == "numpy" && (name == "bool" || name == "bool_")
}

thread_local! {
    /// The containers being encoded as `Any` on this thread, outermost
    /// first: a container met again inside itself is a cycle.
    static OPEN: RefCell<HashSet<usize>> = RefCell::new(HashSet::new());
}

/// Leaves a container's entry in [`OPEN`] when dropped (also on an error).
struct Open(usize);

impl Drop for Open {
    fn drop(&mut self) {
        OPEN.with(|o| o.borrow_mut().remove(&self.0));
    }
}

/// The items of a `list[str]`: two C-API calls per item (the item borrowed
/// from the list, its UTF-8 text, which CPython caches), no reference counts
/// and no intermediate copy. Nothing here runs Python code, so the list cannot
/// change meanwhile. An item that is not a str, or has no UTF-8 form (a lone
/// surrogate), goes through [`encode_item`], which reports it.
fn encode_str_items(
    list: &Bound<'_, PyList>,
    item: &Ty,
    out: &mut Writer,
) -> Result<usize, EncodeError> {
    let n = list.len();
    for i in 0..n {
        // SAFETY: `i` is below the length of the live list (borrowed by `list`);
        // the borrowed item stays valid while no Python code runs.
        let obj = unsafe { pyo3::ffi::PyList_GetItem(list.as_ptr(), i as pyo3::ffi::Py_ssize_t) };
        let mut size: pyo3::ffi::Py_ssize_t = 0;
        let text = if obj.is_null() {
            std::ptr::null()
        } else {
            // SAFETY: `obj` is a live object; a non-str sets TypeError and gives NULL.
            unsafe { pyo3::ffi::PyUnicode_AsUTF8AndSize(obj, &mut size) }
        };
        if text.is_null() || size < 0 {
            // the pending exception is replaced by encode_item's own report
            drop(PyErr::take(list.py()));
            let x = list.get_item(i)?;
            encode_item(&x, item, out).map_err(|e| e.within(Step::Index(i)))?;
            continue;
        }
        // SAFETY: CPython's UTF-8 buffer of the str holds `size` bytes of valid UTF-8
        // and lives as long as the str, which the list keeps alive.
        let utf8 = unsafe {
            std::str::from_utf8_unchecked(std::slice::from_raw_parts(
                text.cast::<u8>(),
                size as usize,
            ))
        };
        out.str(utf8);
    }
    Ok(n)
}

/// Appends the PCV encoding of `obj` as a `ty` to `out`, at any depth of
/// nesting: each level runs on a fresh stack segment when the current one
/// runs low.
pub fn encode(obj: &Bound<'_, PyAny>, ty: &Ty, out: &mut Writer) -> Result<(), EncodeError> {
    stacker::maybe_grow(crate::STACK_RED_ZONE, crate::STACK_SEGMENT, || {
        encode_value(obj, ty, out)
    })
}

/// An item of a container: a scalar directly (it nests nothing), anything
/// else through [`encode`].
fn encode_item(obj: &Bound<'_, PyAny>, ty: &Ty, out: &mut Writer) -> Result<(), EncodeError> {
    match ty {
        Ty::None | Ty::Bool | Ty::Int | Ty::Float | Ty::Str => encode_value(obj, ty, out),
        _ => encode(obj, ty, out),
    }
}

fn encode_value(obj: &Bound<'_, PyAny>, ty: &Ty, out: &mut Writer) -> Result<(), EncodeError> {
    match ty {
        Ty::None => {
            if !obj.is_none() {
                return Err(mismatch(obj, ty));
            }
            out.none();
        }
        Ty::Bool => out.bool(bool_value(obj, ty)?),
        Ty::Int => out.int(int_value(obj, ty)?),
        Ty::Float => out.float(float_value(obj, ty)?),
        Ty::Str => {
            let s = obj.cast::<PyString>().map_err(|_| mismatch(obj, ty))?;
            out.str(s.to_str()?);
        }
        Ty::Bytes => encode_bytes(obj, ty, out)?,
        Ty::List(item) if packed_dtype(item).is_some() => {
            let dtype = packed_dtype(item).unwrap_or(DType::Float64);
            encode_packed(obj, ty, item, dtype, out)?;
        }
        Ty::List(item) | Ty::VarTuple(item) => {
            let is_list = obj.is_instance_of::<PyList>();
            if !is_list && !obj.is_instance_of::<PyTuple>() {
                return Err(mismatch(obj, ty));
            }
            out.u8(if matches!(ty, Ty::List(_)) {
                tag::LIST
            } else {
                tag::TUPLE
            });
            let at = out.reserve_u64();
            let n = match obj.cast::<PyList>() {
                Ok(list) if matches!(**item, Ty::Str) => encode_str_items(list, item, out)?,
                _ => each_item(obj, is_list, |i, x| {
                    encode_item(&x.to_owned(), item, out).map_err(|e| e.within(Step::Index(i)))
                })?,
            };
            out.patch_u64(at, n as u64);
        }
        Ty::Set(item) | Ty::FrozenSet(item) => {
            if !obj.is_instance_of::<PySet>() && !obj.is_instance_of::<PyFrozenSet>() {
                return Err(mismatch(obj, ty));
            }
            out.u8(tag::SET);
            let at = out.reserve_u64();
            let mut n = 0;
            // A Python iterator: mutation during iteration is a RuntimeError, not a panic.
            for x in obj.try_iter()? {
                encode_item(&x?, item, out).map_err(|e| e.within(Step::Member))?;
                n += 1;
            }
            out.patch_u64(at, n as u64);
        }
        Ty::Dict(kt, vt) => {
            if !obj.is_instance_of::<PyDict>() {
                return Err(mismatch(obj, ty));
            }
            out.u8(tag::DICT);
            let at = out.reserve_u64();
            let plain = match obj.cast_exact::<PyDict>() {
                Ok(dict) => plain_pairs(dict, kt, vt, out),
                Err(_) => None,
            };
            let mut n = plain.unwrap_or(0);
            let mut pair = |k: &Bound<'_, PyAny>, v: &Bound<'_, PyAny>| {
                encode_item(k, kt, out).map_err(|e| e.within(Step::Key))?;
                encode_item(v, vt, out).map_err(|e| {
                    let key = k
                        .repr()
                        .map(|r| r.to_string())
                        .unwrap_or_else(|_| "...".into());
                    e.within(Step::Value(key))
                })
            };
            match (plain, obj.cast_exact::<PyDict>()) {
                (Some(_), _) => {}
                (None, Ok(dict)) => n = each_pair(dict, &mut pair)?,
                (None, Err(_)) => {
                    // A subclass may define its own items().
                    for item in obj.call_method0("items")?.try_iter()? {
                        let item = item?;
                        let item = item.cast::<PyTuple>().map_err(PyErr::from)?;
                        pair(&item.get_item(0)?, &item.get_item(1)?)?;
                        n += 1;
                    }
                }
            }
            out.patch_u64(at, n as u64);
        }
        Ty::Tuple(items) => {
            let t = obj.cast::<PyTuple>().map_err(|_| mismatch(obj, ty))?;
            if t.len() != items.len() {
                return Err(EncodeError::Type {
                    path: Vec::new(),
                    expected: ty.to_string(),
                    found: format!("a tuple of length {}", t.len()),
                });
            }
            out.header(tag::TUPLE, items.len());
            for (i, (x, it)) in t.iter().zip(items).enumerate() {
                encode_item(&x, it, out).map_err(|e| e.within(Step::Index(i)))?;
            }
        }
        // an object of a family as `(class name, record)`, the nearest class of the
        // family in the object's MRO (the loader's dataclasses, the module's own
        // classes, a subclass of either)
        Ty::Family { name, classes } if native_family(classes) => {
            let Some((class, record)) = family_class(obj, classes)? else {
                let names: Vec<&str> = classes.iter().map(|(c, _)| c.as_str()).collect();
                return Err(EncodeError::Instance {
                    path: Vec::new(),
                    wanted: format!("a {name} ({})", names.join(", ")),
                    found: type_name(obj),
                });
            };
            out.header(tag::TUPLE, 2);
            out.str(class);
            encode(obj, record, out)?;
        }
        // load.py gives an object of a family as `(class name, record)`
        Ty::Family { classes, .. } => {
            let t = obj
                .cast::<PyTuple>()
                .ok()
                .filter(|t| t.len() == 2)
                .ok_or_else(|| mismatch(obj, ty))?;
            let class = t.get_item(0)?;
            let name = class.cast::<PyString>().map_err(|_| mismatch(obj, ty))?;
            let name = name.to_str()?;
            let (_, record) = classes
                .iter()
                .find(|(c, _)| c == name)
                .ok_or_else(|| mismatch(obj, ty))?;
            out.header(tag::TUPLE, 2);
            out.str(name);
            encode(&t.get_item(1)?, record, out)?;
        }
        Ty::Record {
            name,
            fields,
            cache,
        } => {
            out.header(tag::TUPLE, fields.len());
            let py = obj.py();
            let names = cache.names(py, fields);
            encode_fields(obj, name, fields, names, out)?;
        }
        Ty::Optional(item) => {
            if obj.is_none() {
                out.none();
            } else {
                encode(obj, item, out).map_err(|e| match e {
                    // A wrong type at the top: name the whole optional type.
                    EncodeError::Type { path, found, .. } if path.is_empty() => EncodeError::Type {
                        path,
                        expected: ty.to_string(),
                        found,
                    },
                    e => e,
                })?;
            }
        }
        Ty::NdArray { dtypes, ndim } => numpy::encode_array(obj, ty, dtypes, *ndim, out)?,
        Ty::Iterator(_) => return Err(mismatch(obj, ty)),
        Ty::Any => {
            // Exact classes only: a subclass (an IntEnum, a defaultdict) is not
            // what compiled code would see.
            let any = || Box::new(Ty::Any);
            let held = if obj.is_none() {
                Ty::None
            } else if obj.is_exact_instance_of::<PyBool>() {
                Ty::Bool
            } else if obj.is_exact_instance_of::<pyo3::types::PyInt>() {
                Ty::Int
            } else if obj.is_exact_instance_of::<PyFloat>() {
                Ty::Float
            } else if obj.is_exact_instance_of::<PyString>() {
                Ty::Str
            } else if obj.is_exact_instance_of::<PyList>() {
                Ty::List(any())
            } else if obj.is_exact_instance_of::<PyTuple>() {
                Ty::VarTuple(any())
            } else if obj.is_exact_instance_of::<PyDict>() {
                Ty::Dict(any(), any())
            } else if obj.is_exact_instance_of::<PySet>() {
                Ty::Set(any())
            } else {
                return Err(EncodeError::Type {
                    path: Vec::new(),
                    expected: "None, bool, int, float, str, list, tuple, dict or set".into(),
                    found: type_name(obj),
                });
            };
            // Only `Any` nests without a bound from the declared type, and
            // only there can a value contain itself: compiled code gets a
            // copy of the value, which a cycle does not have.
            let _open = match held {
                Ty::List(_) | Ty::VarTuple(_) | Ty::Dict(..) | Ty::Set(_) => {
                    let id = obj.as_ptr() as usize;
                    if !OPEN.with(|o| o.borrow_mut().insert(id)) {
                        return Err(EncodeError::Py(PyValueError::new_err(
                            "Circular reference detected (compiled code receives a copy of \
                             the value, which cannot contain itself)",
                        )));
                    }
                    Some(Open(id))
                }
                _ => None,
            };
            encode(obj, &held, out)?;
        }
    }
    Ok(())
}

/// The fields of record `name` read from `obj`'s attributes (`names`, interned),
/// encoded in order (the tuple's header written by the caller). An object without one of them is no
/// instance of the record (any other error reading it is passed on).
fn encode_fields(
    obj: &Bound<'_, PyAny>,
    name: &str,
    fields: &[(String, Ty)],
    names: &[Py<PyString>],
    out: &mut Writer,
) -> Result<(), EncodeError> {
    let py = obj.py();
    for (i, ((field, fty), attr)) in fields.iter().zip(names).enumerate() {
        let value = match obj.getattr(attr.bind(py)) {
            Ok(v) => v,
            Err(e) if e.is_instance_of::<pyo3::exceptions::PyAttributeError>(py) => {
                return Err(EncodeError::Instance {
                    path: Vec::new(),
                    wanted: format!("a {name} (an object with the attribute '{field}')"),
                    found: type_name(obj),
                });
            }
            Err(e) => return Err(e.into()),
        };
        encode_item(&value, fty, out).map_err(|e| e.within(Step::Field(i, field.clone())))?;
    }
    Ok(())
}

/// Whether a family's records are [`Ty::Record`]s: the loader converts its objects.
fn native_family(classes: &[(String, Ty)]) -> bool {
    classes.iter().any(|(_, r)| matches!(r, Ty::Record { .. }))
}

/// The class of the family `classes` that object `obj` is encoded as: the first of
/// them in `type(obj).__mro__` (by name), with its record; None if none is.
fn family_class<'t>(
    obj: &Bound<'_, PyAny>,
    classes: &'t [(String, Ty)],
) -> Result<Option<(&'t str, &'t Ty)>, EncodeError> {
    let find = |n: &str| {
        classes
            .iter()
            .find(|(c, _)| c == n)
            .map(|(c, r)| (c.as_str(), r))
    };
    let ty = obj.get_type();
    // the object's own class is the first of its MRO: the common case
    if let Some(found) = find(&ty.name()?.to_cow()?) {
        return Ok(Some(found));
    }
    for class in ty.getattr(pyo3::intern!(obj.py(), "__mro__"))?.try_iter()? {
        let class = class?;
        let name = class.getattr(pyo3::intern!(obj.py(), "__name__"))?;
        if let Ok(name) = name.cast::<PyString>()
            && let Some(found) = find(&name.to_cow()?)
        {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

/// A `bool` argument: `bool`, or a numpy bool scalar.
fn bool_value(obj: &Bound<'_, PyAny>, ty: &Ty) -> Result<bool, EncodeError> {
    if let Ok(b) = obj.cast::<PyBool>() {
        Ok(b.is_true())
    } else if is_numpy_bool(obj) {
        Ok(obj.is_truthy()?)
    } else {
        Err(mismatch(obj, ty))
    }
}

/// An `int` argument: int (and bool, its subclass), or anything with
/// `__index__` (numpy ints); never float or str.
/// Calls `f` on each (key, value) of `dict` in order, as `dict.items()` would
/// (without making a tuple per pair); returns the count. A dict that changes
/// size meanwhile (Python code run by a value's `__index__` ...) raises
/// CPython's RuntimeError.
fn each_pair(
    dict: &Bound<'_, PyDict>,
    mut f: impl FnMut(&Bound<'_, PyAny>, &Bound<'_, PyAny>) -> Result<(), EncodeError>,
) -> Result<usize, EncodeError> {
    let py = dict.py();
    let len = dict.len();
    let mut pos: pyo3::ffi::Py_ssize_t = 0;
    let mut n = 0;
    loop {
        let mut k: *mut pyo3::ffi::PyObject = std::ptr::null_mut();
        let mut v: *mut pyo3::ffi::PyObject = std::ptr::null_mut();
        // SAFETY: `dict` is a dict; PyDict_Next checks `pos` against the
        // current table, so a change of the dict cannot make it read out of it.
        if unsafe { pyo3::ffi::PyDict_Next(dict.as_ptr(), &mut pos, &mut k, &mut v) } == 0 {
            break;
        }
        // SAFETY: both are borrowed from the dict; owned references are
        // taken at once (the code `f` runs may remove them from the dict).
        let (k, v) = unsafe {
            (
                Bound::from_borrowed_ptr(py, k),
                Bound::from_borrowed_ptr(py, v),
            )
        };
        f(&k, &v)?;
        n += 1;
        if dict.len() != len {
            return Err(PyRuntimeError::new_err("dictionary changed size during iteration").into());
        }
    }
    Ok(n)
}

/// The pairs of a dict of exact `str` keys and exact `int` (within 64 bits),
/// `float` or `str` values (`dict[str, int]` and the like, the common case):
/// read with borrowed references (no reference counts, no check of the dict's
/// size per pair: nothing here runs Python code, so the dict cannot change).
/// None, with nothing written, at the first pair that is not plain: the
/// general path then converts or reports every pair.
fn plain_pairs(dict: &Bound<'_, PyDict>, kt: &Ty, vt: &Ty, out: &mut Writer) -> Option<usize> {
    if !matches!(kt, Ty::Str) || !matches!(vt, Ty::Int | Ty::Float | Ty::Str) {
        return None;
    }
    let py = dict.py();
    let start = out.len();
    let give_up = |out: &mut Writer| {
        out.truncate(start);
        None
    };
    let text = |obj: Borrowed<'_, '_, PyAny>| -> Option<&str> {
        if !obj.is_exact_instance_of::<PyString>() {
            return None;
        }
        let mut size: pyo3::ffi::Py_ssize_t = 0;
        // SAFETY: `obj` is a str; a lone surrogate gives NULL with an error set.
        let p = unsafe { pyo3::ffi::PyUnicode_AsUTF8AndSize(obj.as_ptr(), &mut size) };
        if p.is_null() {
            drop(PyErr::take(py)); // the general path reports it
            return None;
        }
        // SAFETY: CPython's cached UTF-8 of the str, `size` valid bytes, alive
        // as long as the str, which the dict keeps alive meanwhile.
        Some(unsafe {
            std::str::from_utf8_unchecked(std::slice::from_raw_parts(p.cast(), size as usize))
        })
    };
    let mut pos: pyo3::ffi::Py_ssize_t = 0;
    let mut n = 0;
    loop {
        let mut k: *mut pyo3::ffi::PyObject = std::ptr::null_mut();
        let mut v: *mut pyo3::ffi::PyObject = std::ptr::null_mut();
        // SAFETY: `dict` is a dict; the pair is borrowed from it.
        if unsafe { pyo3::ffi::PyDict_Next(dict.as_ptr(), &mut pos, &mut k, &mut v) } == 0 {
            return Some(n);
        }
        // SAFETY: live objects the dict holds; no Python code runs below.
        let (k, v) = unsafe { (Borrowed::from_ptr(py, k), Borrowed::from_ptr(py, v)) };
        let Some(key) = text(k) else {
            return give_up(out);
        };
        out.str(key);
        match vt {
            Ty::Int if v.is_exact_instance_of::<pyo3::types::PyInt>() => {
                let mut overflow = 0;
                // SAFETY: `v` is an int.
                let x =
                    unsafe { pyo3::ffi::PyLong_AsLongLongAndOverflow(v.as_ptr(), &mut overflow) };
                if overflow != 0 || x == -1 {
                    return give_up(out); // -1 may be an error: the general path decides
                }
                out.int(x);
            }
            Ty::Float if v.is_exact_instance_of::<PyFloat>() => {
                // SAFETY: `v` is a float.
                out.float(unsafe { pyo3::ffi::PyFloat_AsDouble(v.as_ptr()) });
            }
            Ty::Str => match text(v) {
                Some(s) => out.str(s),
                None => return give_up(out),
            },
            _ => return give_up(out),
        }
        n += 1;
    }
}

fn int_value(obj: &Bound<'_, PyAny>, ty: &Ty) -> Result<i64, EncodeError> {
    if obj.is_exact_instance_of::<pyo3::types::PyInt>() {
        // The common case, without pyo3's `__index__` path: an exact int within
        // 64 bits. -1 may be an error indicator: the general path below decides.
        let mut overflow = 0;
        // SAFETY: `obj` is an int and the GIL is held.
        let v = unsafe { pyo3::ffi::PyLong_AsLongLongAndOverflow(obj.as_ptr(), &mut overflow) };
        if overflow == 0 && v != -1 {
            return Ok(v);
        }
    }
    if obj.is_instance_of::<PyFloat>() || obj.is_instance_of::<PyString>() {
        return Err(mismatch(obj, ty));
    }
    match obj.extract::<i64>() {
        Ok(v) => Ok(v),
        Err(e) if e.is_instance_of::<PyOverflowError>(obj.py()) => Err(EncodeError::Overflow {
            path: Vec::new(),
            what: "a 64-bit int",
        }),
        Err(e) if e.is_instance_of::<PyTypeError>(obj.py()) => Err(mismatch(obj, ty)),
        Err(e) => Err(e.into()),
    }
}

/// A `float` argument: float, or int, bool and numpy scalars as `float(x)`
/// converts them; never str.
fn float_value(obj: &Bound<'_, PyAny>, ty: &Ty) -> Result<f64, EncodeError> {
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(f.value());
    }
    if obj.is_instance_of::<PyString>() {
        return Err(mismatch(obj, ty));
    }
    match obj.extract::<f64>() {
        Ok(v) => Ok(v),
        Err(e) if e.is_instance_of::<PyOverflowError>(obj.py()) => Err(EncodeError::Overflow {
            path: Vec::new(),
            what: "float",
        }),
        Err(e) if e.is_instance_of::<PyTypeError>(obj.py()) => Err(mismatch(obj, ty)),
        Err(e) => Err(e.into()),
    }
}

/// The dtype of a packed list of `item`s, if lists of them are packed.
pub fn packed_dtype(item: &Ty) -> Option<DType> {
    match item {
        Ty::Float => Some(DType::Float64),
        Ty::Int => Some(DType::Int64),
        Ty::Bool => Some(DType::Bool),
        _ => None,
    }
}

/// A `list[float]`, `list[int]` or `list[bool]` as a packed list: from a
/// list or tuple item by item (each checked as the scalar would be), or
/// from a 1-D numpy array or buffer-protocol object in one copy.
fn encode_packed(
    obj: &Bound<'_, PyAny>,
    ty: &Ty,
    item: &Ty,
    dtype: DType,
    out: &mut Writer,
) -> Result<(), EncodeError> {
    let is_list = obj.is_instance_of::<PyList>();
    if !is_list && !obj.is_instance_of::<PyTuple>() {
        return numpy::encode_packed_array(obj, ty, dtype, out);
    }
    let count_at = out.packed_header(dtype, 0);
    out.reserve(seq_len(obj, is_list)?.saturating_mul(dtype.item_size()));
    let n = each_item(obj, is_list, |i, x| {
        if packed_item_fast(x, dtype, out) {
            return Ok(());
        }
        // an owned reference: converting it may run Python code (`__index__` ...)
        let x = x.to_owned();
        let step = |e: EncodeError| e.within(Step::Index(i));
        match dtype {
            DType::Float64 => out.bytes(&float_value(&x, item).map_err(step)?.to_le_bytes()),
            DType::Int64 => out.bytes(&int_value(&x, item).map_err(step)?.to_le_bytes()),
            _ => out.u8(u8::from(bool_value(&x, item).map_err(step)?)),
        }
        Ok(())
    })?;
    out.patch_u64(count_at, n as u64);
    Ok(())
}

/// The length of list or tuple `seq`.
fn seq_len(seq: &Bound<'_, PyAny>, is_list: bool) -> Result<usize, EncodeError> {
    // SAFETY: `seq` is a list (`is_list`) or a tuple.
    let len = unsafe {
        if is_list {
            pyo3::ffi::PyList_Size(seq.as_ptr())
        } else {
            pyo3::ffi::PyTuple_Size(seq.as_ptr())
        }
    };
    usize::try_from(len).map_err(|_| PyErr::fetch(seq.py()).into())
}

/// Calls `f` on each item of list or tuple `seq` (with its index), borrowed, in one
/// pass with the size taken once (pyo3's list iterator asks the list for its size at
/// every step); returns the count. `f` takes an owned reference before it runs Python
/// code; a list that such code shortens meanwhile ends the walk early (the count
/// written is the count walked).
fn each_item(
    seq: &Bound<'_, PyAny>,
    is_list: bool,
    mut f: impl FnMut(usize, Borrowed<'_, '_, PyAny>) -> Result<(), EncodeError>,
) -> Result<usize, EncodeError> {
    let py = seq.py();
    let len = seq_len(seq, is_list)?;
    for i in 0..len {
        let at = i as pyo3::ffi::Py_ssize_t;
        // SAFETY: a list or tuple and an index; the item is borrowed (NULL, with
        // IndexError set, past the end of a list that shrank meanwhile).
        let p = unsafe {
            if is_list {
                pyo3::ffi::PyList_GetItem(seq.as_ptr(), at)
            } else {
                pyo3::ffi::PyTuple_GetItem(seq.as_ptr(), at)
            }
        };
        if p.is_null() {
            drop(PyErr::take(py));
            return Ok(i);
        }
        // SAFETY: a live object the container holds, until Python code runs.
        f(i, unsafe { Borrowed::from_ptr(py, p) })?;
    }
    Ok(len)
}

/// Writes a packed item that is exactly a `float` (for float64), an `int` within 64
/// bits (int64) or a `bool` (bool), with no reference counting and no Python code
/// run; false, with nothing written, for anything else (the general path converts it
/// or reports it).
#[inline]
fn packed_item_fast(x: Borrowed<'_, '_, PyAny>, dtype: DType, out: &mut Writer) -> bool {
    match dtype {
        DType::Float64 if x.is_exact_instance_of::<PyFloat>() => {
            // SAFETY: `x` is a float.
            out.bytes(&unsafe { pyo3::ffi::PyFloat_AsDouble(x.as_ptr()) }.to_le_bytes());
            true
        }
        DType::Int64 if x.is_exact_instance_of::<pyo3::types::PyInt>() => {
            let mut overflow = 0;
            // SAFETY: `x` is an int.
            let v = unsafe { pyo3::ffi::PyLong_AsLongLongAndOverflow(x.as_ptr(), &mut overflow) };
            // -1 may be an error indicator: the general path decides
            let fits = overflow == 0 && v != -1;
            if fits {
                out.bytes(&v.to_le_bytes());
            }
            fits
        }
        DType::Bool if x.is_exact_instance_of::<PyBool>() => {
            // SAFETY: `x` is a bool (True is the one object with this address).
            out.u8(u8::from(x.as_ptr() == unsafe { pyo3::ffi::Py_True() }));
            true
        }
        _ => false,
    }
}

/// A `bytes` parameter: a `bytes`, a `bytearray` (copied as it is now), or a
/// `memoryview` of unsigned bytes (format `B`; copied, contiguous or not).
fn encode_bytes(obj: &Bound<'_, PyAny>, ty: &Ty, out: &mut Writer) -> Result<(), EncodeError> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        out.bytes_value(b.as_bytes());
    } else if let Ok(b) = obj.cast::<PyByteArray>() {
        out.bytes_value(&b.to_vec());
    } else if obj.is_instance_of::<PyMemoryView>()
        && obj.getattr("format")?.extract::<String>()? == "B"
    {
        let copy = obj.call_method0("tobytes")?;
        let b = copy.cast::<PyBytes>().map_err(|_| mismatch(obj, ty))?;
        out.bytes_value(b.as_bytes());
    } else {
        return Err(mismatch(obj, ty));
    }
    Ok(())
}
