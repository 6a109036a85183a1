//! PCV to Python objects, checked against the manifest's return type.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PySet, PyString, PyTuple};

use crate::numpy;
use crate::types::{DType, Ty, tag};

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

pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0 }
    }

    pub fn at_end(&self) -> bool {
        self.pos == self.buf.len()
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if n > self.buf.len() - self.pos {
            return Err(DecodeError::Bad("the value is truncated".into()));
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    fn u64(&mut self) -> Result<u64> {
        let mut b = [0u8; 8];
        b.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(b))
    }

    /// A count or length, bounded by the bytes left.
    fn count(&mut self) -> Result<usize> {
        let n = self.u64()?;
        if n > (self.buf.len() - self.pos) as u64 {
            return Err(DecodeError::Bad("the value is truncated".into()));
        }
        Ok(n as usize)
    }

    fn peek(&self) -> Result<u8> {
        self.buf
            .get(self.pos)
            .copied()
            .ok_or_else(|| DecodeError::Bad("the value is truncated".into()))
    }
}

fn wrong(ty: &Ty, found: u8) -> DecodeError {
    DecodeError::Bad(format!("expected {ty}, found {}", tag::name(found)))
}

/// Reads one value of type `ty`.
pub fn decode<'py>(py: Python<'py>, r: &mut Reader<'_>, ty: &Ty) -> Result<Bound<'py, PyAny>> {
    if let Ty::Optional(inner) = ty {
        if r.peek()? == tag::NONE {
            r.pos += 1;
            return Ok(py.None().into_bound(py));
        }
        return decode(py, r, inner);
    }
    let t = r.u8()?;
    Ok(match (ty, t) {
        (Ty::None, tag::NONE) => py.None().into_bound(py),
        (Ty::Bool, tag::FALSE) => PyBool::new(py, false).to_owned().into_any(),
        (Ty::Bool, tag::TRUE) => PyBool::new(py, true).to_owned().into_any(),
        (Ty::Int, tag::INT) => {
            let v = i64::from_le_bytes(r.take(8)?.try_into().unwrap_or([0; 8]));
            PyInt::new(py, v).into_any()
        }
        (Ty::Float, tag::FLOAT) => PyFloat::new(py, f64::from_bits(r.u64()?)).into_any(),
        // A float-typed result computed as an int: float(x).
        (Ty::Float, tag::INT) => {
            let v = i64::from_le_bytes(r.take(8)?.try_into().unwrap_or([0; 8]));
            PyFloat::new(py, v as f64).into_any()
        }
        (Ty::Str, tag::STR) => {
            let n = r.count()?;
            let bytes = r.take(n)?;
            let s = std::str::from_utf8(bytes)
                .map_err(|_| DecodeError::Bad("a str is not valid UTF-8".into()))?;
            PyString::new(py, s).into_any()
        }
        (Ty::List(item), tag::LIST) => {
            let n = r.count()?;
            let mut items = Vec::with_capacity(n);
            for _ in 0..n {
                items.push(decode(py, r, item)?);
            }
            PyList::new(py, items)?.into_any()
        }
        (Ty::VarTuple(item), tag::TUPLE) => {
            let n = r.count()?;
            let mut items = Vec::with_capacity(n);
            for _ in 0..n {
                items.push(decode(py, r, item)?);
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
                items.push(decode(py, r, it)?);
            }
            PyTuple::new(py, items)?.into_any()
        }
        (Ty::Set(item), tag::SET) => {
            let n = r.count()?;
            let set = PySet::empty(py)?;
            for _ in 0..n {
                set.add(decode(py, r, item)?)?;
            }
            set.into_any()
        }
        (Ty::Dict(kt, vt), tag::DICT) => {
            let n = r.count()?;
            let d = PyDict::new(py);
            for _ in 0..n {
                let k = decode(py, r, kt)?;
                let v = decode(py, r, vt)?;
                d.set_item(k, v)?;
            }
            d.into_any()
        }
        (Ty::NdArray { dtype, ndim }, tag::NDARRAY) => {
            let code = r.u8()?;
            let found = DType::from_code(code)
                .ok_or_else(|| DecodeError::Bad(format!("unknown ndarray dtype code {code}")))?;
            if found != *dtype {
                return Err(DecodeError::Bad(format!(
                    "expected {ty}, found ndarray[{}]",
                    found.name()
                )));
            }
            let nd = r.u8()? as usize;
            if ndim.is_some_and(|n| n != nd) {
                return Err(DecodeError::Bad(format!(
                    "expected {ty}, found an ndarray with {nd} dimensions"
                )));
            }
            let mut shape = Vec::with_capacity(nd);
            for _ in 0..nd {
                let d = usize::try_from(r.u64()?)
                    .map_err(|_| DecodeError::Bad("an ndarray dimension is too big".into()))?;
                shape.push(d);
            }
            let nbytes = r.count()?;
            let want = shape
                .iter()
                .try_fold(dtype.item_size(), |a, &d| a.checked_mul(d));
            if want != Some(nbytes) {
                return Err(DecodeError::Bad(format!(
                    "an ndarray of shape {shape:?} has {nbytes} data bytes"
                )));
            }
            numpy::make_array(py, *dtype, &shape, r.take(nbytes)?)?
        }
        (ty, t) => return Err(wrong(ty, t)),
    })
}
