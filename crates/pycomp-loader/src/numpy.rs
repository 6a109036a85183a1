//! ndarray values, through numpy's Python API (no numpy headers or C API, so
//! the extension stays abi3 and builds without numpy installed; numpy is only
//! imported when a bundle function takes or returns an array).

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyByteArray, PyDict, PyTuple};

use crate::encode::EncodeError;
use crate::types::{DType, Ty, tag};

static NUMPY: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

fn numpy(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    NUMPY
        .get_or_try_init(py, || py.import("numpy").map(Bound::unbind))
        .map(|m| m.bind(py))
}

/// Appends `obj`, which must be a numpy array of `dtype` (and `ndim`
/// dimensions if given), as a PCV ndarray.
pub fn encode_array(
    obj: &Bound<'_, PyAny>,
    ty: &Ty,
    dtype: DType,
    ndim: Option<usize>,
    out: &mut Vec<u8>,
) -> Result<(), EncodeError> {
    let py = obj.py();
    let found = obj
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".into());
    let mismatch = |found: String| EncodeError::Type {
        path: Vec::new(),
        expected: ty.to_string(),
        found,
    };
    // Without numpy installed, nothing can be an ndarray.
    let Ok(np) = numpy(py) else {
        return Err(mismatch(found));
    };
    if !obj.is_instance(&np.getattr("ndarray")?)? {
        return Err(mismatch(found));
    }
    let found_dtype: String = obj.getattr("dtype")?.getattr("name")?.extract()?;
    let found_ndim: usize = obj.getattr("ndim")?.extract()?;
    if found_dtype != dtype.name() {
        return Err(mismatch(format!("ndarray[{found_dtype}]")));
    }
    if ndim.is_some_and(|n| n != found_ndim) {
        return Err(mismatch(format!(
            "ndarray[{found_dtype}, ndim={found_ndim}]"
        )));
    }
    // A C-contiguous little-endian base ndarray (no copy when it already is one).
    let kwargs = PyDict::new(py);
    kwargs.set_item("dtype", dtype.numpy_le())?;
    kwargs.set_item("order", "C")?;
    let arr = np.call_method("asarray", (obj,), Some(&kwargs))?;
    let shape: Vec<usize> = arr.getattr("shape")?.extract()?;
    let nbytes: usize = arr.getattr("nbytes")?.extract()?;
    let want = shape
        .iter()
        .try_fold(dtype.item_size(), |a, &d| a.checked_mul(d));
    if want != Some(nbytes) || shape.len() > 255 {
        return Err(EncodeError::Py(pyo3::exceptions::PyValueError::new_err(
            "unexpected ndarray layout",
        )));
    }
    out.push(tag::NDARRAY);
    out.push(dtype.code());
    out.push(shape.len() as u8);
    for &d in &shape {
        out.extend_from_slice(&(d as u64).to_le_bytes());
    }
    out.extend_from_slice(&(nbytes as u64).to_le_bytes());
    if nbytes > 0 {
        let ptr: usize = arr
            .getattr("__array_interface__")?
            .get_item("data")?
            .get_item(0)?
            .extract()?;
        // SAFETY: `arr` is a live C-contiguous ndarray (we hold a reference and
        // the GIL) whose buffer starts at `ptr` and is `nbytes` long.
        let data = unsafe { std::slice::from_raw_parts(ptr as *const u8, nbytes) };
        out.extend_from_slice(data);
    }
    Ok(())
}

/// A new (writable, C-contiguous) numpy array of `dtype` and `shape` over a
/// copy of `data`.
pub fn make_array<'py>(
    py: Python<'py>,
    dtype: DType,
    shape: &[usize],
    data: &[u8],
) -> PyResult<Bound<'py, PyAny>> {
    let np = numpy(py)?;
    let buf = PyByteArray::new(py, data);
    let flat = np.call_method1("frombuffer", (buf, dtype.numpy_le()))?;
    flat.call_method1("reshape", (PyTuple::new(py, shape)?,))
}
