//! PCV to Python objects, checked against the manifest's return type.

use pyo3::ffi;
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

/// Reads one value of type `ty`: the Python objects are made straight from
/// the buffer, with no Python code in between (a record's class is the only
/// Python code a result's decoding calls).
pub fn decode<'py>(
    py: Python<'py>,
    r: &mut Reader<'_>,
    ty: &Ty,
    sink: &mut ArraySink,
) -> Result<Bound<'py, PyAny>> {
    let mut d = Decoder {
        py,
        sink,
        strs: StrCache::default(),
        last_tuple: None,
    };
    if let Ty::Str = ty {
        // a str alone has nothing to share with
        return decode_value(&mut d, r, ty);
    }
    decode_nested(&mut d, r, ty)
}

/// What one result's decoding carries along: the sink of its arrays and the
/// short strings it has made so far.
struct Decoder<'py, 's> {
    py: Python<'py>,
    sink: &'s mut ArraySink,
    strs: StrCache<'py>,
    /// The last `tuple[...]` type's items and how its tuples are made (a list
    /// of tuples asks once per item). A `tuple[...]` type is always the
    /// manifest's (`Any` holds only `tuple[Any, ...]`), alive through the
    /// decoding: its items' address names it.
    last_tuple: Option<(*const Ty, Option<Seq>)>,
}

impl Decoder<'_, '_> {
    /// How a tuple of items of `types` is made: filled in place, untracked
    /// when it can hold no tracked object; `None` when an item may run Python
    /// code (then it is made of the decoded items).
    fn tuple_kind(&mut self, types: &[Ty]) -> Option<Seq> {
        match self.last_tuple {
            Some((at, kind)) if at == types.as_ptr() => kind,
            _ => {
                let kind =
                    (!types.iter().any(calls_python)).then(|| Seq::tuple(types.iter().all(atomic)));
                self.last_tuple = Some((types.as_ptr(), kind));
                kind
            }
        }
    }
}

/// A value at any depth of nesting: each level runs on a fresh stack segment
/// when the current one runs low.
fn decode_nested<'py>(
    d: &mut Decoder<'py, '_>,
    r: &mut Reader<'_>,
    ty: &Ty,
) -> Result<Bound<'py, PyAny>> {
    stacker::maybe_grow(crate::STACK_RED_ZONE, crate::STACK_SEGMENT, || {
        decode_value(d, r, ty)
    })
}

/// An item of a container: a str through the decoding's shared short
/// strings, another scalar directly (it nests nothing), anything else
/// through [`decode_nested`].
fn decode_item<'py>(
    d: &mut Decoder<'py, '_>,
    r: &mut Reader<'_>,
    ty: &Ty,
) -> Result<Bound<'py, PyAny>> {
    match ty {
        Ty::Str => match r.peek()? {
            tag::STR => {
                r.u8()?;
                let bytes = r.len_bytes()?;
                d.strs.get(d.py, bytes)
            }
            t => Err(wrong(ty, t)),
        },
        Ty::None | Ty::Bool | Ty::Int | Ty::Float => decode_value(d, r, ty),
        _ => decode_nested(d, r, ty),
    }
}

fn decode_value<'py>(
    d: &mut Decoder<'py, '_>,
    r: &mut Reader<'_>,
    ty: &Ty,
) -> Result<Bound<'py, PyAny>> {
    let py = d.py;
    if let Ty::Optional(inner) = ty {
        if r.peek()? == tag::NONE {
            r.u8()?;
            return Ok(py.None().into_bound(py));
        }
        return decode_item(d, r, inner);
    }
    if let Ty::Any = ty {
        let t = r.peek()?;
        let held = Ty::held_by_tag(t).ok_or_else(|| wrong(ty, t))?;
        return decode_nested(d, r, &held);
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
            if calls_python(item) {
                PyList::new(py, decoded(d, r, n, |_| item)?)?.into_any()
            } else {
                filled(d, r, Seq::List, n, |_| item)?
            }
        }
        (Ty::VarTuple(item), tag::TUPLE) => {
            let n = r.count()?;
            if calls_python(item) {
                PyTuple::new(py, decoded(d, r, n, |_| item)?)?.into_any()
            } else {
                filled(d, r, Seq::tuple(atomic(item)), n, |_| item)?
            }
        }
        (Ty::Tuple(types), tag::TUPLE) => {
            let n = r.count()?;
            if n != types.len() {
                return Err(DecodeError::Bad(format!(
                    "expected {ty}, found a tuple of length {n}"
                )));
            }
            match d.tuple_kind(types) {
                Some(kind) => filled(d, r, kind, n, |i| &types[i])?,
                None => PyTuple::new(py, decoded(d, r, n, |i| &types[i])?)?.into_any(),
            }
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
                let class = match &d.sink.classes {
                    Some(classes) => classes.bind(py).get_item(name)?,
                    None => None,
                };
                class
                    .map(Bound::unbind)
                    .ok_or_else(|| DecodeError::Bad(format!("no class {name} to make")))
            })?;
            let class = class.bind(py);
            if *cache
                .plain
                .get_or_try_init(py, || plain_dataclass(class, fields))?
            {
                let obj = object_new(class)?;
                for ((_, ty), name) in fields.iter().zip(cache.names(py, fields)) {
                    let v = decode_item(d, r, ty)?;
                    obj.setattr(name.bind(py), v)?;
                }
                obj
            } else {
                let values = decoded(d, r, n, |i| &fields[i].1)?;
                class.call1(PyTuple::new(py, values)?)?
            }
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
            decode_nested(d, r, record)?
        }
        // an object of a family: `(class name, record)`, its record read as its class's
        (Ty::Family { classes, .. }, tag::TUPLE) => {
            let n = r.count()?;
            if n != 2 {
                return Err(DecodeError::Bad(format!(
                    "expected {ty}, found a tuple of length {n}"
                )));
            }
            let class = decode_value(d, r, &Ty::Str)?;
            let name: String = class.extract()?;
            let (_, record) = classes
                .iter()
                .find(|(c, _)| *c == name)
                .ok_or_else(|| DecodeError::Bad(format!("expected {ty}, found a {name}")))?;
            let fields = decode_nested(d, r, record)?;
            PyTuple::new(py, [class, fields])?.into_any()
        }
        (Ty::Set(item), tag::SET) => {
            let n = r.count()?;
            let set = PySet::empty(py)?;
            for _ in 0..n {
                set.add(decode_item(d, r, item)?)?;
            }
            set.into_any()
        }
        (Ty::FrozenSet(item), tag::SET) => {
            let n = r.count()?;
            let mut items = Vec::with_capacity(n);
            for _ in 0..n {
                items.push(decode_item(d, r, item)?);
            }
            PyFrozenSet::new(py, &items)?.into_any()
        }
        (Ty::Dict(kt, vt), tag::DICT) => {
            let n = r.count()?;
            let dict = PyDict::new(py);
            for _ in 0..n {
                let k = decode_item(d, r, kt)?;
                let v = decode_item(d, r, vt)?;
                dict.set_item(k, v)?;
            }
            dict.into_any()
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
            d.sink.array(py, &p)?
        }
        (ty, t) => return Err(wrong(ty, t)),
    })
}

/// Whether instances of a record's `class` can be made as its `__init__`
/// makes them, without calling it: a dataclass as records.py makes it
/// (`make_dataclass` of the record's fields, in their order), whose generated
/// `__init__` only sets each field in order (`self.x = x`). The loader then
/// does the same: `object.__new__(class)` and one `setattr` per field, so the
/// instance's `__dict__` is the one `__init__` gives (same keys, same order,
/// CPython's shared keys). Anything else (another metaclass, `__new__`,
/// `__setattr__`, `__post_init__`, a frozen dataclass, other fields) is called.
fn plain_dataclass(class: &Bound<'_, PyAny>, fields: &[(String, Ty)]) -> PyResult<bool> {
    let py = class.py();
    let object = py.get_type::<pyo3::types::PyAny>();
    let same =
        |attr: &str| -> PyResult<bool> { Ok(class.getattr(attr)?.is(object.getattr(attr)?)) };
    if !class.get_type().is(py.get_type::<pyo3::types::PyType>())
        || class.hasattr("__post_init__")?
        || !same("__new__")?
        || !same("__setattr__")?
    {
        return Ok(false);
    }
    let Ok(params) = class.getattr("__dataclass_params__") else {
        return Ok(false);
    };
    if params.getattr("frozen")?.is_truthy()? || !params.getattr("init")?.is_truthy()? {
        return Ok(false);
    }
    let names: Vec<String> = class
        .getattr("__dataclass_fields__")?
        .try_iter()?
        .map(|k| k?.extract())
        .collect::<PyResult<_>>()?;
    Ok(names.len() == fields.len() && names.iter().zip(fields).all(|(a, (b, _))| a == b))
}

/// `object.__new__(class)` through the slot itself (no argument tuple, no
/// Python-level call): an instance laid out as a call of `class` makes it,
/// with its shared-key attribute values ready (which `PyType_GenericNew` would
/// not make, giving each instance a dict of its own).
fn object_new<'py>(class: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = class.py();
    let object = py.get_type::<pyo3::types::PyAny>();
    let args = PyTuple::empty(py);
    // SAFETY: the GIL is held; `object`'s `tp_new` slot is object_new, called
    // as `object.__new__` calls it, with `class` a subtype of object (any
    // type is) and an empty argument tuple; a null result is the error it set.
    unsafe {
        let slot = ffi::PyType_GetSlot(object.as_ptr().cast(), ffi::Py_tp_new);
        if slot.is_null() {
            return Err(PyErr::fetch(py));
        }
        let new: ffi::newfunc = std::mem::transmute(slot);
        let obj = new(class.as_ptr().cast(), args.as_ptr(), std::ptr::null_mut());
        Bound::from_owned_ptr_or_err(py, obj)
    }
}

/// Whether decoding a value of `ty` may run Python code: a record's class
/// (`__init__`, `__post_init__`) or numpy's. A container of values that run
/// none is made first and filled in place: no Python code sees its empty slots.
fn calls_python(ty: &Ty) -> bool {
    match ty {
        Ty::None | Ty::Bool | Ty::Int | Ty::Float | Ty::Str | Ty::Bytes | Ty::Any => false,
        Ty::List(t)
        | Ty::Set(t)
        | Ty::FrozenSet(t)
        | Ty::VarTuple(t)
        | Ty::Optional(t)
        | Ty::Iterator(t) => calls_python(t),
        Ty::Dict(k, v) => calls_python(k) || calls_python(v),
        Ty::Tuple(ts) => ts.iter().any(calls_python),
        Ty::NdArray { .. } | Ty::Family { .. } | Ty::Record { .. } => true,
    }
}

/// Whether a value of `ty` holds no object that CPython's cyclic collector
/// tracks: scalars, and tuples of them, which the loader untracks as the
/// collector would at its first pass over them (`_PyTuple_MaybeUntrack`).
fn atomic(ty: &Ty) -> bool {
    match ty {
        Ty::None | Ty::Bool | Ty::Int | Ty::Float | Ty::Str | Ty::Bytes => true,
        Ty::Optional(t) | Ty::VarTuple(t) => atomic(t),
        Ty::Tuple(ts) => ts.iter().all(atomic),
        _ => false,
    }
}

/// A list or a tuple (untracked by the cyclic collector or not).
#[derive(Clone, Copy)]
enum Seq {
    List,
    Tuple { untrack: bool },
}

impl Seq {
    fn tuple(untrack: bool) -> Seq {
        Seq::Tuple { untrack }
    }
}

/// `n` items, item `i` of type `item(i)`, decoded into a vector first (for
/// items that may run Python code: [`calls_python`]).
fn decoded<'py, 't>(
    d: &mut Decoder<'py, '_>,
    r: &mut Reader<'_>,
    n: usize,
    item: impl Fn(usize) -> &'t Ty,
) -> Result<Vec<Bound<'py, PyAny>>> {
    let mut items = Vec::with_capacity(n);
    for i in 0..n {
        items.push(decode_item(d, r, item(i))?);
    }
    Ok(items)
}

/// A list or tuple of `n` items made at its size and filled in place, item
/// `i` of type `item(i)` (none of which runs Python code: [`calls_python`]).
fn filled<'py, 't>(
    d: &mut Decoder<'py, '_>,
    r: &mut Reader<'_>,
    kind: Seq,
    n: usize,
    item: impl Fn(usize) -> &'t Ty,
) -> Result<Bound<'py, PyAny>> {
    let py = d.py;
    let len = isize::try_from(n).map_err(|_| DecodeError::Bad("a sequence is too long".into()))?;
    // SAFETY: the GIL is held (`py`); a null result is taken as the error
    // it set. The new object is owned by `seq` from here on: on an error
    // its slots not yet filled are null, which list and tuple deallocation
    // and traversal skip.
    let seq = unsafe {
        let obj = match kind {
            Seq::List => ffi::PyList_New(len),
            Seq::Tuple { .. } => ffi::PyTuple_New(len),
        };
        Bound::from_owned_ptr_or_err(py, obj)?
    };
    for i in 0..n {
        let v = decode_item(d, r, item(i))?;
        // SAFETY: `seq` is a new list/tuple of `len` slots, referenced only
        // here; `i < len`; the item's reference is given to it.
        let status = unsafe {
            match kind {
                Seq::List => ffi::PyList_SetItem(seq.as_ptr(), i as isize, v.into_ptr()),
                Seq::Tuple { .. } => ffi::PyTuple_SetItem(seq.as_ptr(), i as isize, v.into_ptr()),
            }
        };
        if status != 0 {
            return Err(PyErr::fetch(py).into());
        }
    }
    if let Seq::Tuple { untrack: true } = kind {
        // SAFETY: a tuple (a GC object) holding only untracked objects.
        unsafe { ffi::PyObject_GC_UnTrack(seq.as_ptr().cast()) };
    }
    Ok(seq)
}

/// The short strings one decoding has made, reused for equal bytes: a
/// result with the same label or key many times holds one object (whose
/// hash CPython computes once), as a CPython function's result often does.
/// Direct-mapped by a hash of the bytes; the table is made at the ninth
/// short string of a result, and given up when few strings repeat.
#[derive(Default)]
struct StrCache<'py> {
    slots: Vec<Option<(Fingerprint, Bound<'py, PyAny>)>>,
    lookups: u64,
    hits: u64,
    off: bool,
}

/// Strings up to this many bytes are shared; a one-byte ASCII str is one of
/// CPython's own singletons already.
const SHARED_STR_MAX: usize = 24;
const STR_SLOTS: usize = 256;
/// The first strings are made at once (a small result pays for no table).
const STR_FIRST: u64 = 8;
/// After this many strings, sharing stops unless one in 8 was found.
const STR_TRIAL: u64 = 512;

impl<'py> StrCache<'py> {
    fn get(&mut self, py: Python<'py>, bytes: &[u8]) -> Result<Bound<'py, PyAny>> {
        if self.off || !(2..=SHARED_STR_MAX).contains(&bytes.len()) {
            return str_object(py, bytes);
        }
        self.lookups += 1;
        if self.slots.is_empty() {
            if self.lookups <= STR_FIRST {
                return str_object(py, bytes);
            }
            self.slots.resize_with(STR_SLOTS, || None);
        }
        let key = Fingerprint::of(bytes);
        let slot = &mut self.slots[key.slot()];
        if let Some((held, obj)) = slot
            && *held == key
        {
            self.hits += 1;
            return Ok(obj.clone());
        }
        let obj = str_object(py, bytes)?;
        *slot = Some((key, obj.clone()));
        if self.lookups == STR_TRIAL && self.hits < STR_TRIAL / 8 {
            self.off = true;
            self.slots = Vec::new();
        }
        Ok(obj)
    }
}

/// 2 to [`SHARED_STR_MAX`] bytes as words that hold every byte: equal
/// fingerprints are equal bytes. Read a word at a time (no copy, no call).
#[derive(PartialEq, Eq)]
struct Fingerprint {
    len: usize,
    words: [u64; 3],
}

impl Fingerprint {
    fn of(b: &[u8]) -> Fingerprint {
        let n = b.len();
        let u64_at = |i: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&b[i..i + 8]);
            u64::from_le_bytes(w)
        };
        let u32_at = |i: usize| {
            let mut w = [0u8; 4];
            w.copy_from_slice(&b[i..i + 4]);
            u64::from(u32::from_le_bytes(w))
        };
        let words = if n >= 8 {
            // [0, 8), [8, 16) when past 16, [n - 8, n): all of n <= 24
            [u64_at(0), if n > 16 { u64_at(8) } else { 0 }, u64_at(n - 8)]
        } else if n >= 4 {
            [u32_at(0) | u32_at(n - 4) << 32, 0, 0]
        } else {
            let (first, second, last) = (b[0], b[1], b[n - 1]);
            [
                u64::from_le_bytes([first, second, last, 0, 0, 0, 0, 0]),
                0,
                0,
            ]
        };
        Fingerprint { len: n, words }
    }

    fn slot(&self) -> usize {
        let [a, b, c] = self.words;
        let h = (a ^ b.rotate_left(17) ^ c.rotate_left(31) ^ self.len as u64)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> 56) as usize % STR_SLOTS
    }
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
