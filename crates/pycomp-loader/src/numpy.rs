//! ndarray values, through numpy's Python API (no numpy headers or C API, so
//! the extension stays abi3 and builds without numpy installed; numpy is only
//! imported when a bundle function takes or returns an array).

use pycomp_pcv::{Payload, Writer};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyByteArray, PyDict, PyMemoryView, PyTuple};

use crate::encode::EncodeError;
use crate::types::{DType, Ty, numpy_le};
use crate::{Bundle, OutBuffer};

static NUMPY: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

fn numpy(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    NUMPY
        .get_or_try_init(py, || py.import("numpy").map(Bound::unbind))
        .map(|m| m.bind(py))
}

/// Appends `obj`, which must be a numpy array of one of `dtypes` (and `ndim`
/// dimensions if given), as a PCV ndarray.
pub fn encode_array(
    obj: &Bound<'_, PyAny>,
    ty: &Ty,
    dtypes: &[DType],
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
    let Some(&dtype) = dtypes.iter().find(|d| d.name() == found_dtype) else {
        return Err(mismatch(format!("ndarray[{found_dtype}]")));
    };
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

/// A call's result buffer, kept alive while numpy arrays view it; freed by
/// the library's own function when the last one is collected. Holds the
/// bundle, so the library stays loaded as long as the buffer lives.
#[pyclass(frozen, module = "pycomp._loader")]
pub struct ResultBuffer {
    // Held for its Drop, which frees the buffer.
    _out: OutBuffer,
    _bundle: Py<Bundle>,
}

// SAFETY: the buffer is owned exclusively and only read; the library's free
// function may run on any thread.
unsafe impl Sync for ResultBuffer {}

/// One array inside a [`ResultBuffer`], described by numpy's
/// `__array_interface__`: `numpy.asarray(view)` is an ndarray over the
/// library's memory whose `base` is this view.
#[pyclass(frozen, module = "pycomp._loader")]
pub struct ArrayView {
    _owner: Py<ResultBuffer>,
    interface: Py<PyDict>,
}

#[pymethods]
impl ArrayView {
    #[getter]
    fn __array_interface__(&self, py: Python<'_>) -> Py<PyDict> {
        self.interface.clone_ref(py)
    }
}

/// Where a decoded result's arrays come from: views of the result buffer
/// (a call's result), or copies (bytes that will not outlive the decoding).
pub struct ArraySink {
    out: Option<(OutBuffer, Py<Bundle>)>,
    owner: Option<Py<ResultBuffer>>,
    /// The classes records decode to, by name (`Bundle.set_classes`).
    pub classes: Option<Py<PyDict>>,
}

impl ArraySink {
    /// Arrays view `out`, which the sink frees when nothing views it.
    pub fn owning(out: OutBuffer, bundle: Py<Bundle>) -> ArraySink {
        ArraySink {
            out: Some((out, bundle)),
            owner: None,
            classes: None,
        }
    }

    /// The sink, with the classes records decode to.
    pub fn with_classes(self, classes: Option<Py<PyDict>>) -> ArraySink {
        ArraySink { classes, ..self }
    }

    /// Drops the sink, releasing its Python references at once: a `Py` dropped
    /// without the GIL token is queued for pyo3's reference pool instead (a mutex
    /// per object), and in a call through `Function` (function.rs), which CPython
    /// makes with the GIL held but pyo3 does not know of, every drop is.
    pub fn release(self, py: Python<'_>) {
        let ArraySink {
            out,
            owner,
            classes,
        } = self;
        if let Some((out, bundle)) = out {
            drop(out);
            bundle.drop_ref(py);
        }
        if let Some(owner) = owner {
            owner.drop_ref(py);
        }
        if let Some(classes) = classes {
            classes.drop_ref(py);
        }
    }

    /// Arrays are copied out of the bytes.
    pub fn copying() -> ArraySink {
        ArraySink {
            out: None,
            owner: None,
            classes: None,
        }
    }

    /// The numpy array of payload `p`.
    pub fn array<'py>(&mut self, py: Python<'py>, p: &Payload<'_>) -> PyResult<Bound<'py, PyAny>> {
        let aligned = (p.data.as_ptr() as usize).is_multiple_of(pycomp_pcv::ALIGN);
        if p.data.is_empty() || !aligned || (self.out.is_none() && self.owner.is_none()) {
            return make_array(py, p.dtype, &p.shape, p.data);
        }
        if self.owner.is_none() {
            let Some((out, bundle)) = self.out.take() else {
                return make_array(py, p.dtype, &p.shape, p.data);
            };
            self.owner = Some(Py::new(
                py,
                ResultBuffer {
                    _out: out,
                    _bundle: bundle,
                },
            )?);
        }
        let Some(owner) = &self.owner else {
            return make_array(py, p.dtype, &p.shape, p.data);
        };
        let interface = PyDict::new(py);
        interface.set_item("version", 3)?;
        interface.set_item("shape", PyTuple::new(py, &p.shape)?)?;
        interface.set_item("typestr", numpy_le(p.dtype))?;
        // (address, read-only): the buffer is this result's alone, so writable.
        interface.set_item("data", (p.data.as_ptr() as usize, false))?;
        let view = Py::new(
            py,
            ArrayView {
                _owner: owner.clone_ref(py),
                interface: interface.unbind(),
            },
        )?;
        numpy(py)?.call_method1("asarray", (view,))
    }
}
