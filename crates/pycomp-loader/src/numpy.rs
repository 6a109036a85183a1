//! ndarray values, through numpy's Python API (no numpy headers or C API, so
//! the extension stays abi3 and builds without numpy installed; numpy is only
//! imported when a bundle function takes or returns an array).

use pycomp_pcv::Writer;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyByteArray, PyDict, PyMemoryView, PyTuple};

use crate::encode::EncodeError;
use crate::types::{DType, Ty, numpy_le};

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
    out: &mut Writer,
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
    kwargs.set_item("dtype", numpy_le(dtype))?;
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
    out.ndarray_header(dtype, &shape, nbytes);
    out.bytes(array_bytes(&arr, nbytes)?);
    Ok(())
}

/// The data of `arr`, a live C-contiguous ndarray of `nbytes` bytes.
fn array_bytes<'a>(arr: &'a Bound<'_, PyAny>, nbytes: usize) -> PyResult<&'a [u8]> {
    if nbytes == 0 {
        return Ok(&[]);
    }
    let ptr: usize = arr
        .getattr("__array_interface__")?
        .get_item("data")?
        .get_item(0)?
        .extract()?;
    // SAFETY: `arr` is a live C-contiguous ndarray (borrowed for 'a, with the
    // GIL held) whose buffer starts at `ptr` and is `nbytes` long.
    Ok(unsafe { std::slice::from_raw_parts(ptr as *const u8, nbytes) })
}

/// A `list[float]`/`list[int]`/`list[bool]` argument given as a 1-D numpy
/// array or a buffer-protocol object (`array.array`, ...): its items as a
/// packed list of `dtype`, in one copy. Item kinds convert as the scalars
/// do: any real number to a float, ints and bools to an int, bools only to
/// a bool.
pub fn encode_packed_array(
    obj: &Bound<'_, PyAny>,
    ty: &Ty,
    dtype: DType,
    out: &mut Writer,
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
    let Ok(np) = numpy(py) else {
        return Err(mismatch(found));
    };
    let is_array = obj.is_instance(&np.getattr("ndarray")?)?;
    if !is_array && PyMemoryView::from(obj).is_err() {
        return Err(mismatch(found));
    }
    let arr = np.call_method1("asarray", (obj,))?;
    let kind: String = arr.getattr("dtype")?.getattr("kind")?.extract()?;
    let name: String = arr.getattr("dtype")?.getattr("name")?.extract()?;
    let ndim: usize = arr.getattr("ndim")?.extract()?;
    let allowed = match dtype {
        DType::Float64 => "fiub",
        DType::Int64 => "iub",
        _ => "b",
    };
    if ndim != 1 || !allowed.contains(kind.as_str()) || kind.is_empty() {
        return Err(mismatch(format!("ndarray[{name}, ndim={ndim}]")));
    }
    let kwargs = PyDict::new(py);
    // Ints must fit: uint64 beyond int64 is refused by "safe" casting.
    kwargs.set_item(
        "casting",
        if dtype == DType::Float64 {
            "unsafe"
        } else {
            "safe"
        },
    )?;
    let arr = arr
        .call_method("astype", (numpy_le(dtype),), Some(&kwargs))
        .map_err(|_| mismatch(format!("ndarray[{name}, ndim={ndim}]")))?;
    let arr = np.call_method1("ascontiguousarray", (arr,))?;
    let count: usize = arr.getattr("size")?.extract()?;
    let nbytes = count * dtype.item_size();
    out.packed_header(dtype, count);
    out.bytes(array_bytes(&arr, nbytes)?);
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
    let flat = np.call_method1("frombuffer", (buf, numpy_le(dtype)))?;
    flat.call_method1("reshape", (PyTuple::new(py, shape)?,))
}
