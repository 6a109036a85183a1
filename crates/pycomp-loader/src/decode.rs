//! PCV to Python objects, checked against the manifest's return type.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyFrozenSet, PyInt, PyList, PySet, PyTuple};

use crate::numpy::ArraySink;
use crate::types::{DType, Ty, tag};
use pycomp_pcv::Payload;

/// Why a result did not decode: a bundle/manifest disagreement (a pycomp
/// bug, reported as `SystemError`), or a Python error building the objects.
pub enum DecodeError {
    Bad(String),
    Py(PyErr),
}

impl From<PyErr> for DecodeError {
    fn from(e: PyErr) -> Self {
        DecodeError::Py(e)
    }
}

type Result<T> = std::result::Result<T, DecodeError>;

impl From<pycomp_pcv::Malformed> for DecodeError {
    fn from(m: pycomp_pcv::Malformed) -> Self {
        DecodeError::Bad(m.to_string())
    }
}

pub use pycomp_pcv::Reader;

fn wrong(ty: &Ty, found: u8) -> DecodeError {
    DecodeError::Bad(format!("expected {ty}, found {}", tag::type_name(found)))
}

/// Reads one value of type `ty`, at any depth of nesting: each level runs
/// on a fresh stack segment when the current one runs low.
pub fn decode<'py>(
    py: Python<'py>,
    r: &mut Reader<'_>,
    ty: &Ty,
    sink: &mut ArraySink,
) -> Result<Bound<'py, PyAny>> {
    stacker::maybe_grow(crate::STACK_RED_ZONE, crate::STACK_SEGMENT, || {
        decode_value(py, r, ty, sink)
    })
}

/// An item of a container: a scalar directly (it nests nothing), anything
/// else through [`decode`].
fn decode_item<'py>(
    py: Python<'py>,
    r: &mut Reader<'_>,
    ty: &Ty,
    sink: &mut ArraySink,
) -> Result<Bound<'py, PyAny>> {
    match ty {
        Ty::None | Ty::Bool | Ty::Int | Ty::Float | Ty::Str => decode_value(py, r, ty, sink),
        _ => decode(py, r, ty, sink),
    }
}

fn decode_value<'py>(
    py: Python<'py>,
    r: &mut Reader<'_>,
    ty: &Ty,
    sink: &mut ArraySink,
) -> Result<Bound<'py, PyAny>> {
    if let Ty::Optional(inner) = ty {
        if r.peek()? == tag::NONE {
            r.u8()?;
            return Ok(py.None().into_bound(py));
        }
        return decode(py, r, inner, sink);
    }
    if let Ty::Any = ty {
        let t = r.peek()?;
        let held = Ty::held_by_tag(t).ok_or_else(|| wrong(ty, t))?;
        return decode(py, r, &held, sink);
    }
    let t = r.u8()?;
    Ok(match (ty, t) {
        (Ty::None, tag::NONE) => py.None().into_bound(py),
        (Ty::Bool, tag::FALSE) => PyBool::new(py, false).to_owned().into_any(),
        (Ty::Bool, tag::TRUE) => PyBool::new(py, true).to_owned().into_any(),
        (Ty::Int, tag::INT) => PyInt::new(py, r.i64()?).into_any(),
        (Ty::Float, tag::FLOAT) => PyFloat::new(py, r.f64()?).into_any(),
        // A float-typed result computed as an int: float(x).
        (Ty::Float, tag::INT) => PyFloat::new(py, r.i64()? as f64).into_any(),
        (Ty::List(item), tag::PACKED) => packed_list(py, &r.packed_rest()?, item)?,
        (Ty::Str, tag::STR) => str_object(py, r.len_bytes()?)?,
        (Ty::Bytes, tag::BYTES) => PyBytes::new(py, r.len_bytes()?).into_any(),
        (Ty::List(item), tag::LIST) => {
            let n = r.count()?;
            let mut items = Vec::with_capacity(n);
            for _ in 0..n {
                items.push(decode_item(py, r, item, sink)?);
            }
            PyList::new(py, items)?.into_any()
        }
        (Ty::VarTuple(item), tag::TUPLE) => {
            let n = r.count()?;
            let mut items = Vec::with_capacity(n);
            for _ in 0..n {
                items.push(decode_item(py, r, item, sink)?);
            }
            PyTuple::new(py, items)?.into_any()
        }
        (Ty::Tuple(types), tag::TUPLE) => {
            let n = r.count()?;
            if n != types.len() {
                return Err(DecodeError::Bad(format!(
                    "expected {ty}, found a tuple of length {n}"
                )));
            }
            let mut items = Vec::with_capacity(n);
            for it in types {
                items.push(decode_item(py, r, it, sink)?);
            }
            PyTuple::new(py, items)?.into_any()
        }
        (
            Ty::Record {
                name,
                fields,
                cache,
            },
            tag::TUPLE,
        ) => {
            let n = r.count()?;
            if n != fields.len() {
                return Err(DecodeError::Bad(format!(
                    "expected {name}, found a tuple of length {n}"
                )));
            }
            let class = cache.class.get_or_try_init(py, || {
                let class = match &sink.classes {
                    Some(classes) => classes.bind(py).get_item(name)?,
                    None => None,
                };
                class
                    .map(Bound::unbind)
                    .ok_or_else(|| DecodeError::Bad(format!("no class {name} to make")))
            })?;
            let mut values = Vec::with_capacity(fields.len());
            for (_, ty) in fields {
                values.push(decode_item(py, r, ty, sink)?);
            }
            class.bind(py).call1(PyTuple::new(py, values)?)?
        }
        // an object of a family: `(class name, record)`, its record read as its class's
        (Ty::Family { classes, .. }, tag::TUPLE)
            if classes.iter().any(|(_, r)| matches!(r, Ty::Record { .. })) =>
        {
            if r.count()? != 2 || r.u8()? != tag::STR {
                return Err(DecodeError::Bad(format!(
                    "expected {ty}, found another tuple"
                )));
            }
            let name = r.len_bytes()?;
            let record = classes
                .iter()
                .find(|(c, _)| c.as_bytes() == name)
                .map(|(_, record)| record);
            let Some(record) = record else {
                let name = String::from_utf8_lossy(name);
                return Err(DecodeError::Bad(format!("expected {ty}, found a {name}")));
            };
            decode(py, r, record, sink)?
        }
        // an object of a family: `(class name, record)`, its record read as its class's
        (Ty::Family { classes, .. }, tag::TUPLE) => {
            let n = r.count()?;
            if n != 2 {
                return Err(DecodeError::Bad(format!(
                    "expected {ty}, found a tuple of length {n}"
                )));
            }
            let class = decode_value(py, r, &Ty::Str, sink)?;
            let name: String = class.extract()?;
            let (_, record) = classes
                .iter()
                .find(|(c, _)| *c == name)
                .ok_or_else(|| DecodeError::Bad(format!("expected {ty}, found a {name}")))?;
            let fields = decode(py, r, record, sink)?;
            PyTuple::new(py, [class, fields])?.into_any()
        }
        (Ty::Set(item), tag::SET) => {
            let n = r.count()?;
            let set = PySet::empty(py)?;
            for _ in 0..n {
                set.add(decode_item(py, r, item, sink)?)?;
            }
            set.into_any()
        }
        (Ty::FrozenSet(item), tag::SET) => {
            let n = r.count()?;
            let mut items = Vec::with_capacity(n);
            for _ in 0..n {
                items.push(decode_item(py, r, item, sink)?);
            }
            PyFrozenSet::new(py, &items)?.into_any()
        }
        (Ty::Dict(kt, vt), tag::DICT) => {
            let n = r.count()?;
            let d = PyDict::new(py);
            for _ in 0..n {
                let k = decode_item(py, r, kt, sink)?;
                let v = decode_item(py, r, vt, sink)?;
                d.set_item(k, v)?;
            }
            d.into_any()
        }
        (Ty::NdArray { dtypes, ndim }, tag::NDARRAY) => {
            let p = r.ndarray_rest()?;
            if !dtypes.contains(&p.dtype) {
                return Err(DecodeError::Bad(format!(
                    "expected {ty}, found ndarray[{}]",
                    p.dtype.name()
                )));
            }
            if ndim.is_some_and(|n| n != p.shape.len()) {
                return Err(DecodeError::Bad(format!(
                    "expected {ty}, found an ndarray with {} dimensions",
                    p.shape.len()
                )));
            }
            sink.array(py, &p)?
        }
        (ty, t) => return Err(wrong(ty, t)),
    })
}

/// A Python str of UTF-8 `bytes`, checked once: by CPython's decoder, which
/// builds the object as it goes (`std::str::from_utf8` first would read the
/// bytes twice). Invalid UTF-8 is a bundle bug, reported as such.
fn str_object<'py>(py: Python<'py>, bytes: &[u8]) -> Result<Bound<'py, PyAny>> {
    let len =
        isize::try_from(bytes.len()).map_err(|_| DecodeError::Bad("a str is too long".into()))?;
    // SAFETY: `bytes` is valid for `len` bytes; the GIL is held (`py`); a null
    // result (a decode error) is taken as the error it set.
    unsafe {
        let obj = pyo3::ffi::PyUnicode_DecodeUTF8(bytes.as_ptr().cast(), len, c"strict".as_ptr());
        Bound::from_owned_ptr_or_err(py, obj).map_err(|e| {
            if e.is_instance_of::<pyo3::exceptions::PyUnicodeDecodeError>(py) {
                DecodeError::Bad("a str is not valid UTF-8".into())
            } else {
                DecodeError::Py(e)
            }
        })
    }
}

/// A packed list as a Python list of `item`s.
fn packed_list<'py>(py: Python<'py>, p: &Payload<'_>, item: &Ty) -> Result<Bound<'py, PyAny>> {
    let list = match (item, p.dtype) {
        (Ty::Float, DType::Float64) => PyList::new(
            py,
            p.data
                .chunks_exact(8)
                .map(|b| f64::from_le_bytes(b.try_into().unwrap_or([0; 8]))),
        )?,
        (Ty::Int, DType::Int64) => PyList::new(
            py,
            p.data
                .chunks_exact(8)
                .map(|b| i64::from_le_bytes(b.try_into().unwrap_or([0; 8]))),
        )?,
        (Ty::Bool, DType::Bool) => PyList::new(py, p.data.iter().map(|&b| b != 0))?,
        _ => {
            return Err(DecodeError::Bad(format!(
                "expected list[{item}], found a packed list of {}",
                p.dtype.name()
            )));
        }
    };
    Ok(list.into_any())
}
