//! `pycomp._loader`: opens a compiled pycomp bundle (a C shared library plus
//! `manifest.json`) and calls its functions over the bundle C ABI
//! (docs/abi.md): Python arguments are bound like CPython binds them,
//! checked and encoded as PCV by the manifest's parameter types, the native
//! call runs with the GIL released, and the result is decoded back into
//! Python objects by the manifest's return type.
//!
//! No Rust panic may reach Python: every failure is a `PyErr`.

use std::collections::HashMap;
use std::ffi::{CStr, c_char, c_void};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use pycomp_pcv::Writer;
use pyo3::exceptions::{
    PyAttributeError, PyException, PyImportError, PyKeyError, PyOSError, PyRuntimeError,
    PySystemError, PyTypeError, PyValueError,
};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyBytes, PyDict, PyFloat, PyFrozenSet, PyInt, PyList, PySet, PyString, PyTuple, PyType,
};
use serde_json::Value;

mod decode;
mod encode;
mod function;
mod numpy;
mod scalar;
mod types;

use types::{Ty, tag};

/// The bundle ABI version this loader supports.
pub const ABI_VERSION: u32 = pycomp_pcv::ABI_VERSION;

/// Below this much stack, encoding or decoding a nested value continues on a
/// fresh segment of [`STACK_SEGMENT`] bytes.
const STACK_RED_ZONE: usize = 128 * 1024;
const STACK_SEGMENT: usize = 2 * 1024 * 1024;

pyo3::create_exception!(
    pycomp._loader,
    BundleError,
    PyImportError,
    "A compiled pycomp bundle could not be loaded (missing or bad manifest.json, \
     missing library or symbol, or an ABI version this pycomp does not support)."
);

type CallFn = unsafe extern "C" fn(*const u8, usize, *mut *mut u8, *mut usize) -> i32;
type IterCallFn = unsafe extern "C" fn(*const u8, usize, *mut *mut c_void) -> i32;
type IterNextFn = unsafe extern "C" fn(*mut c_void, *mut *mut u8, *mut usize) -> i32;
type IterFreeFn = unsafe extern "C" fn(*mut c_void);
pub type FreeFn = unsafe extern "C" fn(*mut u8, usize);
/// `P_trust_next_args` (docs/abi.md).
pub type TrustFn = unsafe extern "C" fn();
type StrFn = unsafe extern "C" fn() -> *const c_char;
type VersionFn = unsafe extern "C" fn() -> u32;

struct Param {
    name: String,
    ty: Ty,
    /// The manifest's JSON default, if the parameter has one.
    default: Option<Value>,
    /// The default as a Python object of the parameter's type, encoded
    /// where it lands (array payloads are aligned by their offset).
    default_obj: Option<Py<PyAny>>,
    /// Keyword-only (after `*` in the Python signature): never given by position.
    kw_only: bool,
    /// Positional-only (before `/`): never given by keyword.
    pos_only: bool,
}

/// How an entry point is called: for a value, or for an iterator handle.
#[derive(Clone, Copy)]
enum Entry {
    Value(CallFn),
    Iterator(IterCallFn),
}

struct Function {
    name: String,
    call: Entry,
    /// The typed entry point, for numbers in and out (scalar.rs).
    scalar: Option<scalar::ScalarEntry>,
    /// Whether the next call releases the GIL.
    gil: scalar::GilPolicy,
    params: Vec<Param>,
    returns: Ty,
    /// Whether load.py converts the values of this function (types::python_converts):
    /// then its records are the tuples of their fields here.
    python_converts: bool,
}

/// A loaded bundle. `Bundle(path)` opens the bundle directory `path`
/// (holding `manifest.json` and the library it names).
#[pyclass(frozen, module = "pycomp._loader")]
pub struct Bundle {
    name: String,
    path: PathBuf,
    library_path: PathBuf,
    manifest_text: String,
    functions: Vec<Function>,
    by_name: HashMap<String, usize>,
    free_buffer: FreeFn,
    /// `P_iter_next` / `P_iter_free`, when a function returns an iterator.
    iter_fns: Option<(IterNextFn, IterFreeFn)>,
    last_error_class: StrFn,
    last_error_message: StrFn,
    /// `P_trust_next_args`: every str the loader writes is valid UTF-8 (made
    /// from a str object, encode.rs), so the library need not check them.
    trust_next_args: Option<TrustFn>,
    /// `P_error_free`, when a function has a typed entry point the loader calls.
    error_free: Option<scalar::ErrorFreeFn>,
    /// The Python classes of the module's exception classes (manifest `exceptions`),
    /// made once per bundle, bases first.
    exceptions: Vec<ExcClass>,
    /// The classes records and family objects decode to, by name: load.py's
    /// dataclasses (records.py), given once by `set_classes`.
    classes: std::sync::OnceLock<Py<PyDict>>,
    // Last: the function pointers above point into it.
    _library: libloading::Library,
}

/// The text of a C string owned by the library ("" for NULL).
///
/// # Safety
///
/// `p` must be NULL or point to a NUL-terminated string.
unsafe fn c_text(p: *const c_char) -> String {
    if p.is_null() {
        String::new()
    } else {
        // SAFETY: per this function's contract.
        unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
    }
}

thread_local! {
    /// The argument buffer of calls made on this thread, reused.
    static ARGS: std::cell::RefCell<Writer> = std::cell::RefCell::new(Writer::with_capacity(256));
}

/// Frees a result buffer when dropped.
pub struct OutBuffer {
    pub(crate) ptr: *mut u8,
    pub(crate) len: usize,
    pub(crate) free: FreeFn,
}

// SAFETY: the buffer is owned exclusively; the library frees it from any thread.
unsafe impl Send for OutBuffer {}

impl Drop for OutBuffer {
    fn drop(&mut self) {
        if !self.ptr.is_null() {
            // SAFETY: the pair came from a successful call of this library.
            unsafe { (self.free)(self.ptr, self.len) }
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'` (CPython's wording).
fn name_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

/// A manifest default (JSON) as a Python object of type `ty`.
fn json_to_py<'py>(py: Python<'py>, v: &Value, ty: &Ty) -> Result<Bound<'py, PyAny>, String> {
    let bad = || format!("{v} is not a valid default of type {ty}");
    let py_err = |e: PyErr| e.to_string();
    let items = |item_ty: &Ty| -> Result<Vec<Bound<'py, PyAny>>, String> {
        v.as_array()
            .ok_or_else(bad)?
            .iter()
            .map(|x| json_to_py(py, x, item_ty))
            .collect()
    };
    Ok(match ty {
        Ty::Optional(_) | Ty::None if v.is_null() => py.None().into_bound(py),
        Ty::Optional(inner) => json_to_py(py, v, inner)?,
        Ty::None => return Err(bad()),
        Ty::Bool => PyBool::new(py, v.as_bool().ok_or_else(bad)?)
            .to_owned()
            .into_any(),
        Ty::Int => PyInt::new(py, v.as_i64().ok_or_else(bad)?).into_any(),
        Ty::Float => {
            let f = match v {
                Value::Number(n) => n.as_f64().ok_or_else(bad)?,
                Value::Object(o) => match o.get("float").and_then(Value::as_str) {
                    Some("inf") => f64::INFINITY,
                    Some("-inf") => f64::NEG_INFINITY,
                    Some("nan") => f64::NAN,
                    _ => return Err(bad()),
                },
                _ => return Err(bad()),
            };
            PyFloat::new(py, f).into_any()
        }
        Ty::Str => PyString::new(py, v.as_str().ok_or_else(bad)?).into_any(),
        // `{"bytes": "<hex>"}`
        Ty::Bytes => {
            let hex = v.get("bytes").and_then(Value::as_str).ok_or_else(bad)?;
            let raw = (0..hex.len())
                .step_by(2)
                .map(|i| {
                    hex.get(i..i + 2)
                        .and_then(|d| u8::from_str_radix(d, 16).ok())
                })
                .collect::<Option<Vec<u8>>>()
                .ok_or_else(bad)?;
            PyBytes::new(py, &raw).into_any()
        }
        Ty::List(item) => PyList::new(py, items(item)?).map_err(py_err)?.into_any(),
        Ty::VarTuple(item) => PyTuple::new(py, items(item)?).map_err(py_err)?.into_any(),
        Ty::Set(item) => PySet::new(py, items(item)?).map_err(py_err)?.into_any(),
        Ty::FrozenSet(item) => PyFrozenSet::new(py, items(item)?)
            .map_err(py_err)?
            .into_any(),
        Ty::Tuple(types) => {
            let arr = v
                .as_array()
                .filter(|a| a.len() == types.len())
                .ok_or_else(bad)?;
            let objs = arr
                .iter()
                .zip(types)
                .map(|(x, t)| json_to_py(py, x, t))
                .collect::<Result<Vec<_>, _>>()?;
            PyTuple::new(py, objs).map_err(py_err)?.into_any()
        }
        Ty::Dict(kt, vt) => {
            let d = PyDict::new(py);
            match v {
                // JSON object keys are strings: other key types are spelt as
                // their JSON text ("1", "2.5", "true").
                Value::Object(o) => {
                    for (k, x) in o {
                        let key = match &**kt {
                            Ty::Str => Value::String(k.clone()),
                            _ => serde_json::from_str(k).map_err(|_| bad())?,
                        };
                        d.set_item(json_to_py(py, &key, kt)?, json_to_py(py, x, vt)?)
                            .map_err(py_err)?;
                    }
                }
                // Or an array of [key, value] pairs.
                Value::Array(pairs) => {
                    for pair in pairs {
                        let [k, x] = pair.as_array().map(Vec::as_slice).ok_or_else(bad)? else {
                            return Err(bad());
                        };
                        d.set_item(json_to_py(py, k, kt)?, json_to_py(py, x, vt)?)
                            .map_err(py_err)?;
                    }
                }
                _ => return Err(bad()),
            }
            d.into_any()
        }
        Ty::NdArray { .. } => {
            return Err(format!("an ndarray parameter cannot have a default ({v})"));
        }
        Ty::Iterator(_) | Ty::Family { .. } | Ty::Record { .. } => return Err(bad()),
        Ty::Any => {
            let held = match v {
                Value::Null => Ty::None,
                Value::Bool(_) => Ty::Bool,
                Value::Number(n) if n.is_i64() => Ty::Int,
                Value::Number(_) => Ty::Float,
                Value::String(_) => Ty::Str,
                Value::Array(_) => Ty::List(Box::new(Ty::Any)),
                Value::Object(_) => return Err(bad()),
            };
            json_to_py(py, v, &held)?
        }
    })
}

impl Bundle {
    fn open(py: Python<'_>, path: PathBuf) -> PyResult<Bundle> {
        let at = path.display().to_string();
        let fail = |what: String| {
            BundleError::new_err(format!("cannot load the pycomp bundle at {at}: {what}"))
        };

        let manifest_path = path.join("manifest.json");
        let text = std::fs::read_to_string(&manifest_path)
            .map_err(|e| fail(format!("cannot read {}: {e}", manifest_path.display())))?;
        let manifest: Value = serde_json::from_str(&text).map_err(|e| {
            fail(format!(
                "{} is not valid JSON: {e}",
                manifest_path.display()
            ))
        })?;
        let name = manifest
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_string();
        let fail = |what: String| {
            BundleError::new_err(format!(
                "cannot load the pycomp bundle '{name}' at {at}: {what}"
            ))
        };

        // The version first: anything else may have changed with it.
        match manifest.get("abi_version") {
            Some(v) if v.as_u64() == Some(u64::from(ABI_VERSION)) => {}
            Some(v) => {
                return Err(fail(format!(
                    "its manifest.json says it was built for bundle ABI version {v}, but this \
                     pycomp supports ABI version {ABI_VERSION} (rebuild the bundle with this pycomp)"
                )));
            }
            None => return Err(fail("manifest.json has no \"abi_version\"".into())),
        }
        if name == "?" || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(fail("manifest.json has no valid \"name\"".into()));
        }
        let lib_name = manifest
            .get("library")
            .and_then(Value::as_str)
            .ok_or_else(|| fail("manifest.json has no \"library\"".into()))?;
        let library_path = path.join(lib_name);
        // SAFETY: loading a library runs its initialisers; a bundle is a
        // pycomp-built Rust cdylib, which has none that matter.
        let library = unsafe { libloading::Library::new(&library_path) }.map_err(|e| {
            fail(format!(
                "cannot open its library {}: {e}",
                library_path.display()
            ))
        })?;

        let symbol_err = |sym: &str, e: libloading::Error| {
            fail(format!(
                "its library {} has no symbol {sym}: {e}",
                library_path.display()
            ))
        };
        macro_rules! symbol {
            ($ty:ty, $sym:expr) => {{
                let sym: String = $sym;
                // SAFETY: the ABI fixes the signature of each symbol (docs/abi.md).
                match unsafe { library.get::<$ty>(sym.as_str()) } {
                    Ok(s) => *s,
                    Err(e) => return Err(symbol_err(&sym, e)),
                }
            }};
        }

        let abi_version = symbol!(VersionFn, format!("{name}_abi_version"));
        // SAFETY: `P_abi_version` takes nothing and returns a u32.
        let lib_version = unsafe { abi_version() };
        if lib_version != ABI_VERSION {
            return Err(fail(format!(
                "its library {} was built for bundle ABI version {lib_version}, but this pycomp \
                 supports ABI version {ABI_VERSION} (rebuild the bundle with this pycomp)",
                library_path.display()
            )));
        }
        let manifest_fn = symbol!(StrFn, format!("{name}_manifest"));
        // SAFETY: `P_manifest` returns a static NUL-terminated string.
        let embedded = unsafe { c_text(manifest_fn()) };
        // `files` (sizes and hashes of the bundle's files, the library among
        // them) is added to manifest.json after the library is built, so
        // it cannot be in the embedded copy; everything else must match.
        let mut described = manifest.clone();
        if let Some(fields) = described.as_object_mut() {
            fields.remove("files");
        }
        match serde_json::from_str::<Value>(&embedded) {
            Ok(v) if v == described => {}
            _ => {
                return Err(fail(format!(
                    "manifest.json does not match the manifest embedded in {} (was the library \
                     rebuilt without its manifest.json, or the other way round?)",
                    library_path.display()
                )));
            }
        }
        let free_buffer = symbol!(FreeFn, format!("{name}_free_buffer"));
        let last_error_class = symbol!(StrFn, format!("{name}_last_error_class"));
        let last_error_message = symbol!(StrFn, format!("{name}_last_error_message"));
        // Optional (bundles built before it check every str themselves).
        // SAFETY: the ABI fixes its signature.
        let trust_next_args = unsafe { library.get::<TrustFn>(format!("{name}_trust_next_args")) }
            .ok()
            .map(|s| *s);

        let mut functions = Vec::new();
        let mut by_name = HashMap::new();
        let mut iter_fns = None;
        let mut error_free = None;
        let empty = Vec::new();
        let fns = match manifest.get("functions") {
            Some(Value::Array(a)) => a,
            None => &empty,
            Some(_) => {
                return Err(fail(
                    "\"functions\" in manifest.json is not an array".into(),
                ));
            }
        };
        for f in fns {
            let fname = f
                .get("name")
                .and_then(Value::as_str)
                .ok_or_else(|| fail(format!("a function in manifest.json has no name: {f}")))?
                .to_string();
            let bad = |what: String| fail(format!("function {fname}() in manifest.json: {what}"));
            let symbol_name = f
                .get("symbol")
                .and_then(Value::as_str)
                .ok_or_else(|| bad("no \"symbol\"".into()))?
                .to_string();
            let returns_json = f.get("returns").unwrap_or(&Value::Null);
            let param_json = match f.get("params") {
                Some(Value::Array(a)) => a.as_slice(),
                _ => &[],
            };
            let python_converts = types::python_converts(returns_json)
                || param_json
                    .iter()
                    .any(|p| p.get("type").is_some_and(types::python_converts));
            let records = if python_converts {
                types::Records::Tuples
            } else {
                types::Records::Objects
            };
            let returns = Ty::parse_as(returns_json, records).map_err(&bad)?;
            let call = if matches!(returns, Ty::Iterator(_)) {
                if iter_fns.is_none() {
                    iter_fns = Some((
                        symbol!(IterNextFn, format!("{name}_iter_next")),
                        symbol!(IterFreeFn, format!("{name}_iter_free")),
                    ));
                }
                Entry::Iterator(symbol!(IterCallFn, symbol_name))
            } else {
                Entry::Value(symbol!(CallFn, symbol_name))
            };
            let mut params: Vec<Param> = Vec::new();
            let ps = match f.get("params") {
                Some(Value::Array(a)) => a,
                None => &empty,
                Some(_) => return Err(bad("\"params\" is not an array".into())),
            };
            for p in ps {
                let pname = p
                    .get("name")
                    .and_then(Value::as_str)
                    .ok_or_else(|| bad(format!("a parameter has no name: {p}")))?
                    .to_string();
                if params.iter().any(|q| q.name == pname) {
                    return Err(bad(format!("duplicate parameter '{pname}'")));
                }
                let ty = Ty::parse_as(p.get("type").unwrap_or(&Value::Null), records)
                    .map_err(|e| bad(format!("parameter '{pname}': {e}")))?;
                let default = p.get("default").cloned();
                let default_obj = match &default {
                    None => None,
                    Some(d) => {
                        let obj = json_to_py(py, d, &ty)
                            .map_err(|e| bad(format!("parameter '{pname}': {e}")))?;
                        let mut buf = Writer::new();
                        encode::encode(&obj, &ty, &mut buf).map_err(|e| {
                            bad(format!(
                                "parameter '{pname}': bad default: {}",
                                e.into_pyerr(&fname, &pname, &ty)
                            ))
                        })?;
                        Some(obj.unbind())
                    }
                };
                let kind = p.get("kind").and_then(Value::as_str).unwrap_or("");
                params.push(Param {
                    name: pname,
                    ty,
                    default,
                    default_obj,
                    kw_only: kind == "kwonly",
                    pos_only: kind == "posonly",
                });
            }
            let param_types: Vec<&Ty> = params.iter().map(|p| &p.ty).collect();
            let c_symbol = f.get("c_symbol").and_then(Value::as_str);
            // A typed entry's error has the class and message only: a bundle whose
            // module defines exception classes takes the PCV call, whose error carries
            // their args and fields.
            let carries = manifest.get("exceptions").is_some();
            // keyword-only parameters are bound by `bind`, which refuses them by position
            let kw_only = params.iter().any(|p| p.kw_only);
            let scalar = match c_symbol {
                Some(sym) if matches!(call, Entry::Value(_)) && !carries && !kw_only => {
                    // SAFETY: only the address is taken; `ScalarEntry` calls it
                    // with the signature the manifest's types give it.
                    let entry = symbol!(*const c_void, sym.to_string());
                    scalar::ScalarEntry::new(entry, &param_types, &returns)
                }
                _ => None,
            };
            if scalar.is_some() && error_free.is_none() {
                error_free = Some(symbol!(scalar::ErrorFreeFn, format!("{name}_error_free")));
            }
            if by_name.insert(fname.clone(), functions.len()).is_some() {
                return Err(fail(format!(
                    "manifest.json lists function {fname}() twice"
                )));
            }
            functions.push(Function {
                name: fname,
                call,
                scalar,
                gil: scalar::GilPolicy::default(),
                params,
                returns,
                python_converts,
            });
        }

        let exceptions = exception_classes(py, &manifest, &name).map_err(fail)?;
        Ok(Bundle {
            name,
            path,
            library_path,
            manifest_text: text,
            functions,
            by_name,
            free_buffer,
            iter_fns,
            trust_next_args,
            last_error_class,
            last_error_message,
            error_free,
            exceptions,
            classes: std::sync::OnceLock::new(),
            _library: library,
        })
    }

    fn lookup(&self, name: &str) -> PyResult<&Function> {
        self.index_of(name).map(|i| &self.functions[i])
    }

    fn index_of(&self, name: &str) -> PyResult<usize> {
        self.by_name.get(name).copied().ok_or_else(|| {
            PyAttributeError::new_err(format!(
                "the pycomp bundle '{}' has no function '{name}'",
                self.name
            ))
        })
    }

    /// Calls function `index` through its typed entry point with the
    /// positional `args`, if it has one and they take it (scalar.rs): its
    /// result (a new reference), or NULL with its exception set.
    #[inline]
    fn invoke_scalar(
        &self,
        py: Python<'_>,
        index: usize,
        args: &[*mut pyo3::ffi::PyObject],
    ) -> Option<*mut pyo3::ffi::PyObject> {
        let f = &self.functions[index];
        let entry = f.scalar.as_ref()?;
        let mut err = scalar::CError::default();
        let (status, bits) = entry.call(py, &f.gil, args, &mut err)?;
        if status == 0 {
            return Some(entry.value(bits));
        }
        self.scalar_failed(py, f, status, err).restore(py);
        Some(std::ptr::null_mut())
    }

    /// Calls function `index` with `args`/`kwargs`: binds and encodes them,
    /// runs the native entry with the GIL released, and decodes the result
    /// (ndarray results view the library's result buffer).
    /// (`args`: the positional arguments, borrowed: a vectorcall's array needs no
    /// tuple made of it.)
    fn invoke<'py>(
        slf: &Bound<'py, Self>,
        index: usize,
        args: &[Borrowed<'_, 'py, PyAny>],
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let this = slf.get();
        let f = &this.functions[index];
        if f.scalar.is_some()
            && kwargs.is_none_or(|k| k.is_empty())
            && args.len() <= scalar::MAX_PARAMS
        {
            let mut objs = [std::ptr::null_mut(); scalar::MAX_PARAMS];
            for (slot, arg) in objs.iter_mut().zip(args) {
                *slot = arg.as_ptr();
            }
            if let Some(result) = this.invoke_scalar(py, index, &objs[..args.len()]) {
                // SAFETY: a new reference, or NULL with the exception set.
                return unsafe { Bound::from_owned_ptr_or_err(py, result) };
            }
        }
        ARGS.with(|cell| {
            // A call made while encoding (Python code run by `__index__` ...)
            // finds the buffer in use and takes a fresh one.
            let mut fresh = Writer::new();
            let mut guard = cell.try_borrow_mut();
            let buf: &mut Writer = match guard.as_deref_mut() {
                Ok(w) => w,
                Err(_) => &mut fresh,
            };
            buf.clear();
            Bundle::bind(py, f, args, kwargs, buf)?;
            let call = match f.call {
                Entry::Value(call) => call,
                Entry::Iterator(start) => {
                    return this.start_iterator(slf, f, start, buf.as_slice());
                }
            };
            let (status, out) = this.run(py, f, call, buf);
            if buf.len() > 1 << 20 {
                *buf = Writer::new(); // do not keep a big argument buffer alive
            }
            this.finish(slf, f, status, out)
        })
    }

    /// Runs the native entry `call` on the PCV args in `input`, with the GIL
    /// released. Returns the status and the buffer the library stored.
    fn run(&self, py: Python<'_>, f: &Function, call: CallFn, input: &Writer) -> (i32, OutBuffer) {
        let trust = self.trust_next_args;
        let (status, out, out_len) = f.gil.run(py, move || {
            let mut out: *mut u8 = std::ptr::null_mut();
            let mut out_len: usize = 0;
            let bytes = input.as_slice();
            // SAFETY: the ABI: `input` is readable for its length during the
            // call, and `out`/`out_len` are writable; the loader's strs are
            // valid UTF-8, and the call comes next on this thread.
            let status = unsafe {
                if let Some(trust) = trust {
                    trust();
                }
                call(bytes.as_ptr(), bytes.len(), &mut out, &mut out_len)
            };
            (status, out as usize, out_len)
        });
        let out = OutBuffer {
            ptr: out as *mut u8,
            len: out_len,
            free: self.free_buffer,
        };
        (status, out)
    }

    /// The Python result (or exception) of a call that returned `status`
    /// and stored `out`.
    fn finish<'py>(
        &self,
        slf: &Bound<'py, Self>,
        f: &Function,
        status: i32,
        out: OutBuffer,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        if status != 0 {
            let (class, message, carried) = self.error_of(&out);
            return Err(self.error(py, &f.name, status, &class, &message, carried.as_ref()));
        }
        decode_result(
            py,
            out,
            &f.returns,
            slf.clone().unbind(),
            &f.name,
            "returned",
        )
    }

    /// The result of a call through the typed entry point: `value` on
    /// status 0, else the exception `err` describes (then freed).
    #[cold]
    #[inline(never)]
    fn scalar_failed(
        &self,
        py: Python<'_>,
        f: &Function,
        status: i32,
        mut err: scalar::CError,
    ) -> PyErr {
        // SAFETY: on failure the entry point stored NUL-terminated strings (or NULL).
        let (class, message) = unsafe { (c_text(err.class_name), c_text(err.message)) };
        if let Some(free) = self.error_free {
            // SAFETY: `err` was filled by this library's typed entry point.
            unsafe { free(&mut err) };
        }
        self.error(py, &f.name, status, &class, &message, None)
    }

    /// The (class, message) of a failed call: the PCV tuple the library
    /// stored in `*out`, or else this thread's last error; with the PCV bytes of
    /// its third element (the args and fields of a module's exception class).
    fn error_of(&self, out: &OutBuffer) -> (String, String, Option<Carried>) {
        if !out.ptr.is_null() {
            // SAFETY: the library stored a buffer of `len` bytes.
            let bytes = unsafe { std::slice::from_raw_parts(out.ptr, out.len) };
            let mut r = pycomp_pcv::Reader::new(bytes);
            let text = |r: &mut pycomp_pcv::Reader<'_>| -> Option<String> {
                (r.u8().ok()? == tag::STR).then_some(())?;
                Some(String::from_utf8_lossy(r.len_bytes().ok()?).into_owned())
            };
            let header = (r.u8(), r.u64());
            if let (Ok(tag::TUPLE), Ok(n @ (2 | 3))) = header
                && let (Some(class), Some(message)) = (text(&mut r), text(&mut r))
            {
                // the whole buffer and where the element starts: PCV pads arrays
                // to offsets from the start
                let carried = (n == 3).then(|| Carried {
                    buf: bytes.to_vec(),
                    at: r.pos(),
                });
                return (class, message, carried);
            }
        }
        // SAFETY: both return NUL-terminated strings owned by the library.
        unsafe {
            (
                c_text((self.last_error_class)()),
                c_text((self.last_error_message)()),
                None,
            )
        }
    }

    /// Binds `args`/`kwargs` to `f`'s parameters as CPython would and
    /// encodes them into `buf` as the PCV args tuple.
    fn bind<'py>(
        py: Python<'py>,
        f: &Function,
        args: &[Borrowed<'_, 'py, PyAny>],
        kwargs: Option<&Bound<'_, PyDict>>,
        buf: &mut Writer,
    ) -> PyResult<()> {
        let n = f.params.len();
        // the parameters that may be given by position (keyword-only ones come last)
        let npos = f.params.iter().take_while(|p| !p.kw_only).count();
        // The common case: every argument given by position.
        if args.len() == n && npos == n && kwargs.is_none_or(|k| k.is_empty()) {
            buf.header(tag::TUPLE, n);
            for (p, obj) in f.params.iter().zip(args) {
                encode::encode(obj, &p.ty, buf)
                    .map_err(|e| e.into_pyerr(&f.name, &p.name, &p.ty))?;
            }
            return Ok(());
        }
        let given = args.len();
        let mut slots: Vec<Option<Bound<'_, PyAny>>> = (0..n).map(|_| None).collect();
        for (slot, obj) in slots.iter_mut().take(npos).zip(args) {
            *slot = Some(Borrowed::to_owned(*obj));
        }
        if let Some(kwargs) = kwargs {
            // A snapshot: nothing below can change the dict under us.
            for pair in kwargs.items().iter() {
                let pair = pair.cast_into::<PyTuple>()?;
                let key = pair.get_item(0)?;
                let key = key
                    .cast::<PyString>()
                    .map_err(|_| {
                        PyTypeError::new_err(format!("{}() keywords must be strings", f.name))
                    })?
                    .to_str()?
                    .to_owned();
                let Some(i) = f.params.iter().position(|p| p.name == key && !p.pos_only) else {
                    // CPython names every positional-only one given by keyword, if any
                    let mut pos_only: Vec<String> = Vec::new();
                    for k in kwargs.keys().iter() {
                        if let Ok(k) = k.cast::<PyString>()
                            && let Ok(k) = k.to_str()
                            && f.params.iter().any(|p| p.pos_only && p.name == k)
                        {
                            pos_only.push(k.to_owned());
                        }
                    }
                    if !pos_only.is_empty() {
                        return Err(PyTypeError::new_err(format!(
                            "{}() got some positional-only arguments passed as keyword \
                             arguments: '{}'",
                            f.name,
                            pos_only.join(", ")
                        )));
                    }
                    return Err(PyTypeError::new_err(format!(
                        "{}() got an unexpected keyword argument '{key}'",
                        f.name
                    )));
                };
                if slots[i].is_some() {
                    return Err(PyTypeError::new_err(format!(
                        "{}() got multiple values for argument '{key}'",
                        f.name
                    )));
                }
                slots[i] = Some(pair.get_item(1)?);
            }
        }
        if given > npos {
            let required = f.params[..npos]
                .iter()
                .filter(|p| p.default.is_none())
                .count();
            let takes = if required == npos {
                plural(npos, "positional argument")
            } else {
                format!("from {required} to {npos} positional arguments")
            };
            // CPython counts the keyword-only arguments given too
            let kw_given = slots[npos..].iter().filter(|s| s.is_some()).count();
            let also = if kw_given == 0 {
                String::new()
            } else {
                format!(
                    " positional argument{} (and {})",
                    if given == 1 { "" } else { "s" },
                    plural(kw_given, "keyword-only argument")
                )
            };
            let was = if given == 1 && kw_given == 0 {
                "was"
            } else {
                "were"
            };
            return Err(PyTypeError::new_err(format!(
                "{}() takes {takes} but {given}{also} {was} given",
                f.name
            )));
        }
        for (kw_only, what) in [
            (false, "required positional argument"),
            (true, "required keyword-only argument"),
        ] {
            let missing: Vec<&str> = f
                .params
                .iter()
                .zip(&slots)
                .filter(|(p, s)| p.kw_only == kw_only && s.is_none() && p.default_obj.is_none())
                .map(|(p, _)| p.name.as_str())
                .collect();
            if !missing.is_empty() {
                return Err(PyTypeError::new_err(format!(
                    "{}() missing {}: {}",
                    f.name,
                    plural(missing.len(), what),
                    name_list(&missing)
                )));
            }
        }

        buf.header(tag::TUPLE, n);
        for (p, slot) in f.params.iter().zip(&slots) {
            let obj = match (slot, &p.default_obj) {
                (Some(obj), _) => obj,
                (None, Some(default)) => default.bind(py),
                (None, None) => return Err(unreachable_missing()),
            };
            encode::encode(obj, &p.ty, buf).map_err(|e| e.into_pyerr(&f.name, &p.name, &p.ty))?;
        }
        Ok(())
    }

    /// The Python exception for a failed call; `carried`: the `(args, fields)` of
    /// an exception of the module's classes (docs/abi.md).
    fn error(
        &self,
        py: Python<'_>,
        func: &str,
        status: i32,
        class: &str,
        message: &str,
        carried: Option<&Carried>,
    ) -> PyErr {
        match status {
            1 => match (carried, self.exceptions.iter().find(|x| x.name == class)) {
                (Some(state), Some(own)) => own.raised(py, message, state),
                (Some(state), None) => builtin_exception(py, class, message, state)
                    .unwrap_or_else(|| python_exception(py, &self.exceptions, class, message)),
                _ => python_exception(py, &self.exceptions, class, message),
            },
            2 => PyTypeError::new_err(format!("{func}() {message}")),
            3 => PySystemError::new_err(message.to_string()),
            s => PySystemError::new_err(format!(
                "{func}() returned the unknown status {s} ({class}: {message})"
            )),
        }
    }
}

impl Bundle {
    /// Calls an entry point that returns an iterator: the handle it gives is
    /// wrapped in a [`NativeIterator`] (which keeps the bundle loaded).
    fn start_iterator<'py>(
        &self,
        slf: &Bound<'py, Bundle>,
        f: &Function,
        start: IterCallFn,
        input: &[u8],
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let Some((next, free)) = self.iter_fns else {
            return Err(PySystemError::new_err("the bundle has no iterator symbols"));
        };
        let Ty::Iterator(item) = &f.returns else {
            return Err(PySystemError::new_err("not an iterator function"));
        };
        let (class_fn, message_fn) = (self.last_error_class, self.last_error_message);
        let trust = self.trust_next_args;
        let (status, handle, error) = py.detach(move || {
            let mut handle: *mut c_void = std::ptr::null_mut();
            // SAFETY: the ABI: `input` is readable during the call, `handle`
            // writable; the loader's strs are valid UTF-8 (as in `run`).
            let status = unsafe {
                if let Some(trust) = trust {
                    trust();
                }
                start(input.as_ptr(), input.len(), &mut handle)
            };
            let error = if status == 0 {
                None
            } else {
                // SAFETY: both return NUL-terminated strings owned by the library.
                Some(unsafe { (c_text(class_fn()), c_text(message_fn())) })
            };
            (status, handle as usize, error)
        });
        if let Some((class, message)) = error {
            return Err(self.error(py, &f.name, status, &class, &message, None));
        }
        let it = NativeIterator {
            bundle: slf.clone().unbind(),
            function: f.name.clone(),
            item: (**item).clone(),
            handle: Mutex::new(handle),
            next,
            free,
        };
        Ok(Bound::new(py, it)?.into_any())
    }
}

/// The Python iterator over a compiled generator: each `next()` runs the
/// native generator to its next item with the GIL released. Closing it (or
/// dropping it) frees the native state, wherever the generator stopped.
#[pyclass(frozen, module = "pycomp._loader")]
pub struct NativeIterator {
    bundle: Py<Bundle>,
    function: String,
    item: Ty,
    /// The native handle; 0 once freed.
    handle: Mutex<usize>,
    next: IterNextFn,
    free: IterFreeFn,
}

impl NativeIterator {
    fn release(&self, handle: &mut usize) {
        if *handle != 0 {
            // SAFETY: a live handle from this bundle, freed once (zeroed after).
            unsafe { (self.free)(*handle as *mut c_void) };
            *handle = 0;
        }
    }
}

impl Drop for NativeIterator {
    fn drop(&mut self) {
        let mut h = self.handle.lock().unwrap_or_else(|e| e.into_inner());
        let handle = *h;
        if handle != 0 {
            // SAFETY: as in `release`.
            unsafe { (self.free)(handle as *mut c_void) };
            *h = 0;
        }
    }
}

#[pymethods]
impl NativeIterator {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let bundle = self.bundle.get();
        let (class_fn, message_fn) = (bundle.last_error_class, bundle.last_error_message);
        let next = self.next;
        let (status, out, out_len, error) = py.detach(|| {
            let mut h = self.handle.lock().unwrap_or_else(|e| e.into_inner());
            if *h == 0 {
                return (4, 0usize, 0usize, None);
            }
            let mut out: *mut u8 = std::ptr::null_mut();
            let mut out_len: usize = 0;
            // SAFETY: a live handle, used under the lock by this thread only.
            let status = unsafe { next(*h as *mut c_void, &mut out, &mut out_len) };
            let error = if status == 0 || status == 4 {
                None
            } else {
                // SAFETY: both return NUL-terminated strings owned by the library.
                Some(unsafe { (c_text(class_fn()), c_text(message_fn())) })
            };
            if status != 0 {
                // exhausted, or raised: the generator is finished either way
                self.release(&mut h);
            }
            (status, out as usize, out_len, error)
        });
        if let Some((class, message)) = error {
            return Err(bundle.error(py, &self.function, status, &class, &message, None));
        }
        if status == 4 {
            return Ok(None);
        }
        let out = OutBuffer {
            ptr: out as *mut u8,
            len: out_len,
            free: bundle.free_buffer,
        };
        let bundle = self.bundle.clone_ref(py);
        decode_result(py, out, &self.item, bundle, &self.function, "yielded").map(Some)
    }

    /// Stops the generator and frees its native state (also done when the
    /// iterator is garbage-collected). Further `next()` calls raise StopIteration.
    fn close(&self, py: Python<'_>) {
        py.detach(|| {
            let mut h = self.handle.lock().unwrap_or_else(|e| e.into_inner());
            self.release(&mut h);
        });
    }

    fn __repr__(&self) -> String {
        format!("<pycomp iterator of {}()>", self.function)
    }
}

/// The Python value of the PCV result `out` (status 0) of function `name`,
/// of type `ty`; array results view `out`, which is freed when nothing
/// views it (`bundle` stays loaded until then). `did` is "returned" or
/// "yielded", for the message of a result that does not match its type.
fn decode_result<'py>(
    py: Python<'py>,
    out: OutBuffer,
    ty: &Ty,
    bundle: Py<Bundle>,
    name: &str,
    did: &str,
) -> PyResult<Bound<'py, PyAny>> {
    if out.ptr.is_null() {
        return Err(PySystemError::new_err(format!(
            "{name}() succeeded but {did} no result buffer"
        )));
    }
    // SAFETY: on status 0 the library stored a buffer of `len` bytes; it
    // stays alive while `sink` holds `out` (or the ResultBuffer made of it).
    let bytes = unsafe { std::slice::from_raw_parts(out.ptr, out.len) };
    let mut r = decode::Reader::new(bytes);
    let bad = |what: String| {
        PySystemError::new_err(format!(
            "{name}() {did} a value that does not match its declared type {ty}: {what} \
             (a pycomp bug, please report)"
        ))
    };
    let classes = bundle.get().classes.get().map(|c| c.clone_ref(py));
    let mut sink = numpy::ArraySink::owning(out, bundle).with_classes(classes);
    let value = decode::decode(py, &mut r, ty, &mut sink);
    let at_end = r.is_at_end();
    sink.release(py);
    match value {
        Ok(_) if !at_end => Err(bad("trailing bytes after the value".into())),
        Ok(v) => Ok(v),
        Err(decode::DecodeError::Bad(what)) => Err(bad(what)),
        Err(decode::DecodeError::Py(e)) => Err(e),
    }
}

/// Checked above; an error rather than a panic all the same.
fn unreachable_missing() -> PyErr {
    PySystemError::new_err("a parameter has neither a value nor a default")
}

/// The Python classes of the exception classes a bundle's module defines
/// (manifest `exceptions`, bases first): `type(name, (base,), {...})`, with the
/// base a builtin exception class or an earlier class of the list.
fn exception_classes(
    py: Python<'_>,
    manifest: &Value,
    bundle: &str,
) -> Result<Vec<ExcClass>, String> {
    let mut made: Vec<ExcClass> = Vec::new();
    let Some(list) = manifest.get("exceptions") else {
        return Ok(made);
    };
    let bad = |what: String| format!("\"exceptions\" in manifest.json: {what}");
    let builtins = py.import("builtins").map_err(|e| bad(e.to_string()))?;
    for x in list.as_array().ok_or_else(|| bad("not an array".into()))? {
        let (Some(name), Some(base)) = (
            x.get("name").and_then(Value::as_str),
            x.get("base").and_then(Value::as_str),
        ) else {
            return Err(bad(format!("{x} has no name or base")));
        };
        let base_cls = match made.iter().find(|x| x.name == base) {
            Some(x) => x.class.bind(py).clone(),
            None => builtins
                .getattr(base)
                .ok()
                .and_then(|c| c.cast_into::<PyType>().ok())
                .filter(|t| t.is_subclass_of::<PyException>().unwrap_or(false))
                .ok_or_else(|| bad(format!("{name}: unknown base class {base}")))?,
        };
        let attrs = PyDict::new(py);
        let doc = format!("The compiled exception class `{name}({base})`.");
        let class = (|| -> PyResult<Bound<'_, PyType>> {
            attrs.set_item("__module__", format!("pycomp.bundle.{bundle}"))?;
            attrs.set_item("__doc__", doc)?;
            attrs.set_item("__str__", str_helper(py)?.getattr("__str__")?)?;
            let t = py.get_type::<PyType>().call1((name, (base_cls,), attrs))?;
            Ok(t.cast_into::<PyType>()?)
        })()
        .map_err(|e| bad(format!("{name}: {e}")))?;
        let mut fields = Vec::new();
        for f in x
            .get("fields")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let fname = f.get("name").and_then(Value::as_str);
            let ty = Ty::parse(f.get("type").unwrap_or(&Value::Null));
            match (fname, ty) {
                (Some(fname), Ok(ty)) => fields.push((fname.to_string(), ty)),
                (_, Err(e)) => return Err(bad(format!("{name}: field {f}: {e}"))),
                (None, _) => return Err(bad(format!("{name}: a field has no name: {f}"))),
            }
        }
        made.push(ExcClass {
            name: name.to_string(),
            class: class.unbind(),
            fields,
        });
    }
    Ok(made)
}

/// The third element of a failed call's error (docs/abi.md): the PCV `(args, fields)`
/// of an exception of the module's classes, at `at` in a copy of the error buffer.
struct Carried {
    buf: Vec<u8>,
    at: usize,
}

/// An exception class of the bundle's module (manifest `exceptions`): its Python class
/// and the fields a raised one carries.
struct ExcClass {
    name: String,
    class: Py<PyType>,
    fields: Vec<(String, Ty)>,
}

impl Carried {
    /// The `(args, fields)` tuple, `fields` decoded as the record of `types`.
    fn decode<'py>(
        &self,
        py: Python<'py>,
        types: Vec<Ty>,
    ) -> Result<(Bound<'py, PyTuple>, Bound<'py, PyAny>), String> {
        let mut r = decode::Reader::new(&self.buf);
        r.take(self.at).map_err(|e| e.to_string())?;
        let ty = Ty::Tuple(vec![Ty::VarTuple(Box::new(Ty::Any)), Ty::Tuple(types)]);
        let mut sink = numpy::ArraySink::copying();
        let state = match decode::decode(py, &mut r, &ty, &mut sink) {
            Ok(v) => v,
            Err(decode::DecodeError::Bad(what)) => return Err(what),
            Err(decode::DecodeError::Py(e)) => return Err(e.to_string()),
        };
        let args = state
            .get_item(0)
            .map_err(|e| e.to_string())?
            .cast_into::<PyTuple>()
            .map_err(|e| e.to_string())?;
        let values = state.get_item(1).map_err(|e| e.to_string())?;
        Ok((args, values))
    }
}

impl ExcClass {
    /// The exception a call raised: `cls(*args)` with the fields set as attributes, as
    /// CPython's `__init__` left them; its `str()` is `message` (the class's `__str__`
    /// ran in the compiled code).
    fn raised(&self, py: Python<'_>, message: &str, carried: &Carried) -> PyErr {
        let made = (|| -> Result<Bound<'_, PyAny>, String> {
            let types = self.fields.iter().map(|(_, t)| t.clone()).collect();
            let (args, values) = carried.decode(py, types)?;
            let fail = |e: PyErr| e.to_string();
            let cls = self.class.bind(py);
            let exc = match cls.call1(&args) {
                Ok(exc) => exc,
                // a base whose `__init__` wants other arguments (`UnicodeDecodeError`)
                Err(_) => {
                    let exc = cls.call_method1("__new__", (cls,)).map_err(fail)?;
                    exc.setattr("args", &args).map_err(fail)?;
                    exc
                }
            };
            for (i, (name, _)) in self.fields.iter().enumerate() {
                exc.setattr(name.as_str(), values.get_item(i).map_err(fail)?)
                    .map_err(fail)?;
            }
            if exc.str().map_err(fail)?.to_cow().map_err(fail)? != message {
                shown_messages(py)
                    .and_then(|m| m.set_item(&exc, message))
                    .map_err(fail)?;
            }
            Ok(exc)
        })();
        match made {
            Ok(exc) => PyErr::from_value(exc),
            Err(what) => PySystemError::new_err(format!(
                "the {} exception a call raised did not decode: {what} (a pycomp bug, please \
                 report)",
                self.name
            )),
        }
    }
}

/// The `str()` of each exception a call raised whose class's `__str__` made its message
/// (a `weakref.WeakKeyDictionary`): the loader's classes' `__str__` reads it.
fn shown_messages(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    str_helper(py)?.getattr("SHOWN")
}

static STR_HELPER: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// The `__str__` of the loader's exception classes: the message the compiled code made
/// for an exception a call raised, else the base class's `str()`.
fn str_helper(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    STR_HELPER
        .get_or_try_init(py, || {
            PyModule::from_code(
                py,
                c"import weakref\n\
                  SHOWN = weakref.WeakKeyDictionary()\n\
                  def __str__(self):\n\
                  \x20   text = SHOWN.get(self)\n\
                  \x20   if text is not None:\n\
                  \x20       return text\n\
                  \x20   for c in type(self).__mro__:\n\
                  \x20       s = c.__dict__.get('__str__')\n\
                  \x20       if s is not None and s is not __str__:\n\
                  \x20           return s(self)\n\
                  \x20   return object.__str__(self)\n",
                c"pycomp_exceptions.py",
                c"pycomp._exceptions",
            )
            .map(Bound::unbind)
        })
        .map(|m| m.bind(py))
}

/// A builtin exception class's exception that carries its args (a `KeyError`'s key,
/// `ValueError(5)`): `cls(*args)`. None when the class is not a builtin one (or is an
/// `OSError`, made from its message) or CPython's `str()` of it would not be `message`.
fn builtin_exception(
    py: Python<'_>,
    class: &str,
    message: &str,
    carried: &Carried,
) -> Option<PyErr> {
    let cls = py
        .import("builtins")
        .and_then(|b| b.getattr(class))
        .ok()?
        .cast_into::<PyType>()
        .ok()?;
    if !cls.is_subclass_of::<PyException>().ok()? {
        return None;
    }
    if cls.is_subclass_of::<PyOSError>().ok()? {
        return None; // its message has its args and file name: `python_exception`
    }
    let (args, _) = carried.decode(py, Vec::new()).ok()?;
    let exc = cls.call1(args).ok()?;
    // what CPython's class makes of the args is the message the compiled code made
    (exc.str().ok()?.to_cow().ok()? == message).then(|| PyErr::from_value(exc))
}

/// `cls(message)` for the exception class named `class`: one the bundle's
/// module defines (`own`), a builtin exception class (an `Exception`
/// subclass), or a module's class named with its module
/// (`json.JSONDecodeError`, `re.error`); an unknown name becomes
/// `Exception("class: message")`.
fn python_exception(py: Python<'_>, own: &[ExcClass], class: &str, message: &str) -> PyErr {
    let (module, name) = class.rsplit_once('.').unwrap_or(("builtins", class));
    let cls = match own.iter().find(|x| x.name == class) {
        Some(x) => Some(x.class.bind(py).clone()),
        None => py
            .import(module)
            .and_then(|b| b.getattr(name))
            .ok()
            .and_then(|c| {
                let t = c.cast_into::<PyType>().ok()?;
                t.is_subclass_of::<PyException>().ok()?.then_some(t)
            }),
    };
    let Some(cls) = cls else {
        return PyException::new_err(format!("{class}: {message}"));
    };
    let made = if module != "builtins" {
        // A module's exception class takes more than the message
        // (`JSONDecodeError(msg, doc, pos)`): made without its `__init__`,
        // with the whole message as its only argument, so `str(exc)` is it.
        cls.call_method1("__new__", (&cls,)).and_then(|exc| {
            exc.setattr("args", (message,))?;
            Ok(exc)
        })
    } else if let Some(args) = unicode_error_args(py, name, message) {
        cls.call1(args)
    } else if let Some(args) = os_error_args(py, &cls, message) {
        cls.call1(args)
    } else if message.is_empty() {
        cls.call0()
    } else if cls.is_subclass_of::<PyKeyError>().unwrap_or(false) {
        // The message is the repr of the key (what str(KeyError(key)) shows):
        // rebuild the key so str(exc) and exc.args match CPython's `d[key]`.
        let key = key_of_repr(py, message).unwrap_or_else(|| PyString::new(py, message).into_any());
        cls.call1((key,))
    } else {
        cls.call1((message,))
    };
    match made {
        Ok(exc) => PyErr::from_value(exc),
        Err(_) => PyException::new_err(format!("{class}: {message}")),
    }
}

/// The key a `KeyError`'s message is the repr of: a literal, or a frozenset of
/// literals (`frozenset({1, 2})`, `frozenset()`); None for another repr.
fn key_of_repr<'py>(py: Python<'py>, message: &str) -> Option<Bound<'py, PyAny>> {
    let ast = py.import("ast").ok()?;
    if let Ok(key) = ast.call_method1("literal_eval", (message,)) {
        return Some(key);
    }
    let inner = message.strip_prefix("frozenset(")?.strip_suffix(')')?;
    let items = if inner.is_empty() {
        PyTuple::empty(py).into_any()
    } else {
        ast.call_method1("literal_eval", (inner,)).ok()?
    };
    let items: Vec<Bound<'py, PyAny>> = items.try_iter().ok()?.collect::<PyResult<_>>().ok()?;
    PyFrozenSet::new(py, &items).ok().map(Bound::into_any)
}

/// The constructor arguments of an `OSError` (or subclass) whose `str()` is `message`
/// (`[Errno 2] No such file or directory: 'x'`): `(errno, strerror, filename)`, so its
/// `args`, `errno`, `strerror` and `filename` are CPython's.
fn os_error_args<'py>(
    py: Python<'py>,
    cls: &Bound<'py, PyType>,
    message: &str,
) -> Option<(i64, String, Bound<'py, PyAny>)> {
    if !cls.is_subclass_of::<PyOSError>().ok()? {
        return None;
    }
    let (errno, rest) = message.strip_prefix("[Errno ")?.split_once("] ")?;
    let at = rest.find(": '").or_else(|| rest.find(": \""))?;
    let filename = py
        .import("ast")
        .and_then(|ast| ast.call_method1("literal_eval", (&rest[at + 2..],)))
        .ok()?;
    Some((errno.parse().ok()?, rest[..at].to_string(), filename))
}

/// The constructor arguments of a `UnicodeDecodeError` / `UnicodeEncodeError`
/// whose `str()` is `message` (CPython's codec message): `(encoding, object,
/// start, end, reason)`. The message does not carry the whole input, so
/// `object` holds only what `str()` shows: the offending byte or character at
/// `start` (zeros or spaces before it).
fn unicode_error_args<'py>(
    py: Python<'py>,
    class: &str,
    message: &str,
) -> Option<(String, Bound<'py, PyAny>, usize, usize, String)> {
    let decode = match class {
        "UnicodeDecodeError" => true,
        "UnicodeEncodeError" => false,
        _ => return None,
    };
    let rest = message.strip_prefix('\'')?;
    let (encoding, rest) = rest.split_once("' codec can't ")?;
    let (what, reason) = rest.split_once(": ")?;
    let what = what.strip_prefix(if decode { "decode " } else { "encode " })?;
    let (shown, range) = what.split_once(" in position ")?;
    let (start, end) = match range.split_once('-') {
        Some((a, b)) => (a.parse::<usize>().ok()?, b.parse::<usize>().ok()? + 1),
        None => {
            let a = range.parse::<usize>().ok()?;
            (a, a + 1)
        }
    };
    let single = end == start + 1;
    let object = if decode {
        let mut raw = vec![0u8; end];
        if single {
            let hex = shown.strip_prefix("byte 0x")?;
            raw[start] = u8::from_str_radix(hex, 16).ok()?;
        } else {
            raw[start..end].fill(0x80);
        }
        PyBytes::new(py, &raw).into_any()
    } else {
        let mut text: Vec<char> = vec![' '; end];
        if single {
            let esc = shown.strip_prefix("character '")?.strip_suffix('\'')?;
            let digits = esc.get(2..)?;
            text[start] = char::from_u32(u32::from_str_radix(digits, 16).ok()?)?;
        } else {
            text[start..end].fill('\u{20ac}');
        }
        PyString::new(py, &text.into_iter().collect::<String>()).into_any()
    };
    Some((encoding.to_string(), object, start, end, reason.to_string()))
}

#[pymethods]
impl Bundle {
    #[new]
    fn new(py: Python<'_>, path: PathBuf) -> PyResult<Bundle> {
        Bundle::open(py, path)
    }

    /// The bundle's name (the crate name and symbol prefix).
    #[getter]
    fn name(&self) -> &str {
        &self.name
    }

    /// The bundle directory.
    #[getter]
    fn path(&self) -> &Path {
        &self.path
    }

    /// The path of the shared library.
    #[getter]
    fn library_path(&self) -> &Path {
        &self.library_path
    }

    /// The parsed manifest (a new dict each time).
    #[getter]
    fn manifest<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("json")?
            .call_method1("loads", (&self.manifest_text,))
    }

    /// The manifest's JSON text.
    #[getter]
    fn manifest_json(&self) -> &str {
        &self.manifest_text
    }

    /// `{name: class}` of the exception classes the bundle's module defines
    /// (subclasses of builtin exception classes, made when the bundle was opened).
    #[getter]
    fn exceptions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for x in &self.exceptions {
            d.set_item(&x.name, x.class.bind(py))?;
        }
        Ok(d)
    }

    /// The names of the functions, in manifest order.
    #[getter]
    fn functions(&self) -> Vec<String> {
        self.functions.iter().map(|f| f.name.clone()).collect()
    }

    /// `{param: default}` for the parameters of `name` that have one, as
    /// Python objects of the parameter's type (new objects each time).
    fn defaults<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyDict>> {
        let f = self.lookup(name)?;
        let d = PyDict::new(py);
        for p in &f.params {
            if let Some(v) = &p.default {
                let obj = json_to_py(py, v, &p.ty).map_err(PySystemError::new_err)?;
                d.set_item(&p.name, obj)?;
            }
        }
        Ok(d)
    }

    /// Whether load.py converts the values of function `name` (records.py): when its
    /// types hold an enum, a path or a `collections` class. Otherwise the loader
    /// takes any object with a record's attributes and gives the dataclasses of
    /// `set_classes` itself.
    fn python_converts(&self, name: &str) -> PyResult<bool> {
        Ok(self.lookup(name)?.python_converts)
    }

    /// The classes the bundle's records and family objects are given as, by class
    /// name (load.py's dataclasses; the dict is kept, so classes added to it later
    /// are found). Once per bundle.
    fn set_classes(&self, classes: Bound<'_, PyDict>) -> PyResult<()> {
        self.classes
            .set(classes.unbind())
            .map_err(|_| PyRuntimeError::new_err("the bundle's classes are set already"))
    }

    /// Calls function `name` with positional `args` and keyword `kwargs`.
    #[pyo3(signature = (name, args, kwargs=None))]
    fn call<'py>(
        slf: &Bound<'py, Self>,
        name: &str,
        args: &Bound<'py, PyTuple>,
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let index = slf.get().index_of(name)?;
        let args: Vec<_> = args.iter_borrowed().collect();
        Bundle::invoke(slf, index, &args, kwargs)
    }

    /// The native callable of function `name`: `bundle.function(name)(*args)`
    /// calls it with no lookup by name and no Python frame in between.
    fn function<'py>(slf: &Bound<'py, Self>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        let index = slf.get().index_of(name)?;
        function::new_function(slf, index)
    }

    fn __repr__(&self) -> String {
        format!(
            "<pycomp._loader.Bundle '{}' at '{}' ({})>",
            self.name,
            self.path.display(),
            plural(self.functions.len(), "function")
        )
    }
}

/// The PCV encoding of `value` as a value of the manifest type `ty` (a JSON
/// type object, docs/abi.md): exactly what a call sends for an argument of
/// that type, at the start of a buffer. For the conformance vectors.
#[pyfunction]
fn pcv_encode<'py>(
    py: Python<'py>,
    value: &Bound<'py, PyAny>,
    ty: &str,
) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
    let ty = parse_type(ty)?;
    let mut w = Writer::new();
    encode::encode(value, &ty, &mut w).map_err(|e| e.into_pyerr("pcv_encode", "value", &ty))?;
    Ok(pyo3::types::PyBytes::new(py, w.as_slice()))
}

/// The Python value of the PCV bytes `data` of manifest type `ty`, read as
/// a call's result is; `ValueError` if they are not one such value.
#[pyfunction]
fn pcv_decode<'py>(py: Python<'py>, data: &[u8], ty: &str) -> PyResult<Bound<'py, PyAny>> {
    let ty = parse_type(ty)?;
    // Results arrive 16-byte aligned: copy into such a buffer.
    let mut w = Writer::new();
    w.bytes(data);
    let mut r = decode::Reader::new(w.as_slice());
    let value = match decode::decode(py, &mut r, &ty, &mut numpy::ArraySink::copying()) {
        Ok(v) => v,
        Err(decode::DecodeError::Bad(what)) => return Err(PyValueError::new_err(what)),
        Err(decode::DecodeError::Py(e)) => return Err(e),
    };
    if !r.is_at_end() {
        return Err(PyValueError::new_err("trailing bytes after the value"));
    }
    Ok(value)
}

fn parse_type(ty: &str) -> PyResult<Ty> {
    let v: Value = serde_json::from_str(ty).map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ty::parse(&v).map_err(PyValueError::new_err)
}

#[pymodule]
fn _loader(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Bundle>()?;
    m.add("Function", function::function_type(m.py())?)?;
    m.add_function(wrap_pyfunction!(pcv_encode, m)?)?;
    m.add_function(wrap_pyfunction!(pcv_decode, m)?)?;
    m.add_class::<NativeIterator>()?;
    m.add("BundleError", m.py().get_type::<BundleError>())?;
    m.add("ABI_VERSION", ABI_VERSION)?;
    Ok(())
}
