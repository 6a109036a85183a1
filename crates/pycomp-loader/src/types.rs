//! Manifest types (docs/abi.md, "The manifest") and defaults.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyString;
use serde_json::Value;
use std::fmt;

pub use pycomp_pcv::{DType, tag};

/// The little-endian numpy dtype string of `dtype`.
pub fn numpy_le(dtype: DType) -> &'static str {
    match dtype {
        DType::Float32 => "<f4",
        DType::Float64 => "<f8",
        DType::Int32 => "<i4",
        DType::Int64 => "<i8",
        DType::Bool => "|b1",
        DType::Int8 => "|i1",
        DType::UInt8 => "|u1",
        DType::Int16 => "<i2",
        DType::UInt16 => "<u2",
        DType::UInt32 => "<u4",
        DType::Float16 => "<f2",
    }
}

/// A parameter or result type.
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    None,
    Bool,
    Int,
    Float,
    Str,
    Bytes,
    List(Box<Ty>),
    Set(Box<Ty>),
    /// A set the manifest gives the class `frozenset`: decoded as one (it may be a
    /// dict key or a set item).
    FrozenSet(Box<Ty>),
    Dict(Box<Ty>, Box<Ty>),
    /// `tuple[A, B]`.
    Tuple(Vec<Ty>),
    /// `tuple[T, ...]` (`{"kind": "tuple", "item": T}`; an extension of docs/abi.md).
    VarTuple(Box<Ty>),
    Optional(Box<Ty>),
    /// An ndarray of one of `dtypes`: one for `npt.NDArray[np.float32]`, several for
    /// an entry point's `np.ndarray` without a dtype (`{"dtypes": [...]}`, compiled
    /// once per dtype; docs/abi.md).
    NdArray {
        dtypes: Vec<DType>,
        ndim: Option<usize>,
    },
    /// `typing.Any`: a value of any of the types above except ndarray, encoded
    /// by what it holds (PCV is self-describing).
    Any,
    /// A returned iterator (a generator): items of the inner type, one per
    /// `P_iter_next` on the handle the entry point gives.
    Iterator(Box<Ty>),
    /// An object of a family of classes (`{"kind": "family"}`): the tuple `(class
    /// name, record)`, the record of that class; `classes` are the classes a value
    /// of type `name` may have (`name` and those deriving from it), each with its
    /// record's type. load.py makes the dataclasses.
    Family {
        name: String,
        classes: Vec<(String, Ty)>,
    },
    /// An instance of a class of the module (`{"kind": "record"}`) that the loader
    /// converts itself ([`Records::Objects`]): any object with the class's
    /// attributes in, the loader's dataclass of the class out; the tuple of its
    /// fields on the wire. Its name and its fields' names and types, in order.
    Record {
        name: String,
        fields: Vec<(String, Ty)>,
        cache: RecordCache,
    },
}

/// What converting a record looks up once and keeps: its fields' names as interned
/// Python strings (for `getattr`) and its class. A copy of the type starts empty.
/// Also whether the class's instances are made by the loader itself (decode.rs
/// `plain_dataclass`).
pub struct RecordCache {
    names: PyOnceLock<Vec<Py<PyString>>>,
    pub class: PyOnceLock<Py<PyAny>>,
    pub plain: PyOnceLock<bool>,
}

impl RecordCache {
    fn new() -> RecordCache {
        RecordCache {
            names: PyOnceLock::new(),
            class: PyOnceLock::new(),
            plain: PyOnceLock::new(),
        }
    }

    /// The names of `fields` (the record's), interned.
    pub fn names<'a>(&'a self, py: Python<'_>, fields: &[(String, Ty)]) -> &'a [Py<PyString>] {
        self.names.get_or_init(py, || {
            fields
                .iter()
                .map(|(f, _)| PyString::intern(py, f).unbind())
                .collect()
        })
    }
}

impl Clone for RecordCache {
    fn clone(&self) -> Self {
        RecordCache::new()
    }
}

/// A cache is no part of what a type is.
impl PartialEq for RecordCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl fmt::Debug for RecordCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecordCache")
    }
}

/// How a function's types hold instances of the module's classes (records, and
/// the records of a family's objects).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Records {
    /// As the tuples of their fields, the wire form: load.py converts the objects
    /// (`pcv_encode`/`pcv_decode` too: the conformance vectors are wire values).
    Tuples,
    /// As [`Ty::Record`]s: the loader converts the objects itself, straight from
    /// and to the wire (encode.rs, decode.rs).
    Objects,
}

/// Whether load.py converts the values of manifest type `v` (records.py): when they
/// hold an enum member, a path or a `collections` class anywhere (and then the
/// records among them too, as tuples); otherwise the loader converts records and
/// family objects itself ([`Records::Objects`]). The one place this is decided:
/// load.py asks `Bundle.python_converts`.
pub fn python_converts(v: &Value) -> bool {
    let Some(obj) = v.as_object() else {
        return false;
    };
    if matches!(
        obj.get("kind").and_then(Value::as_str),
        Some("enum" | "path")
    ) || obj.contains_key("class")
    {
        return true;
    }
    let typed = |list: &Value| {
        list.as_array().is_some_and(|fs| {
            fs.iter()
                .any(|f| f.get("type").is_some_and(python_converts))
        })
    };
    ["item", "key", "value"]
        .iter()
        .any(|k| obj.get(*k).is_some_and(python_converts))
        || obj
            .get("items")
            .and_then(Value::as_array)
            .is_some_and(|items| items.iter().any(python_converts))
        || obj.get("fields").is_some_and(typed)
        || obj
            .get("classes")
            .and_then(Value::as_array)
            .is_some_and(|cs| cs.iter().any(|c| c.get("fields").is_some_and(typed)))
}

impl Ty {
    /// Parses a manifest type object, records as the tuples of their fields.
    pub fn parse(v: &Value) -> Result<Ty, String> {
        Ty::parse_as(v, Records::Tuples)
    }

    /// Parses a manifest type object, records as `records` says.
    pub fn parse_as(v: &Value, records: Records) -> Result<Ty, String> {
        let obj = v
            .as_object()
            .ok_or_else(|| format!("a type must be an object, not {v}"))?;
        let kind = obj
            .get("kind")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("a type needs a \"kind\" string: {v}"))?;
        let field = |name: &str| -> Result<Ty, String> {
            let inner = obj
                .get(name)
                .ok_or_else(|| format!("type {kind} needs \"{name}\": {v}"))?;
            Ty::parse_as(inner, records)
        };
        Ok(match kind {
            "none" => Ty::None,
            "bool" => Ty::Bool,
            "int" => Ty::Int,
            "float" => Ty::Float,
            // a `pathlib.Path` crosses as its text; load.py gives Python a Path
            "str" | "path" => Ty::Str,
            "bytes" => Ty::Bytes,
            "any" => Ty::Any,
            "iterator" => Ty::Iterator(Box::new(field("item")?)),
            "list" => Ty::List(Box::new(field("item")?)),
            "set" if obj.get("class").and_then(Value::as_str) == Some("frozenset") => {
                Ty::FrozenSet(Box::new(field("item")?))
            }
            "set" => Ty::Set(Box::new(field("item")?)),
            "dict" => Ty::Dict(Box::new(field("key")?), Box::new(field("value")?)),
            "optional" => Ty::Optional(Box::new(field("item")?)),
            "tuple" => match obj.get("items") {
                Some(Value::Array(items)) => Ty::Tuple(
                    items
                        .iter()
                        .map(|t| Ty::parse_as(t, records))
                        .collect::<Result<_, _>>()?,
                ),
                Some(other) => return Err(format!("tuple \"items\" must be an array: {other}")),
                None => Ty::VarTuple(Box::new(field("item")?)),
            },
            // An instance of a compiled class crosses as the tuple of its fields;
            // the loader (or load.py) turns it into a dataclass and back.
            "record" => record(v, records)?,
            "family" => family(obj, v, records)?,
            // An enum member crosses as its value; load.py gives Python the member.
            "enum" => match obj.get("value_type").and_then(Value::as_str) {
                Some("int") => Ty::Int,
                Some("str") => Ty::Str,
                _ => {
                    return Err(format!(
                        "an enum needs \"value_type\": \"int\" or \"str\": {v}"
                    ));
                }
            },
            "ndarray" => {
                let names: Vec<&str> = match obj.get("dtypes").and_then(Value::as_array) {
                    Some(ds) => ds.iter().map(|d| d.as_str().unwrap_or("")).collect(),
                    None => vec![obj.get("dtype").and_then(Value::as_str).unwrap_or("")],
                };
                let dtypes = names
                    .iter()
                    .map(|&dname| {
                        DType::from_name(dname)
                            .ok_or_else(|| format!("unknown ndarray dtype {dname:?}: {v}"))
                    })
                    .collect::<Result<Vec<DType>, String>>()?;
                if dtypes.is_empty() {
                    return Err(format!("an ndarray type without dtypes: {v}"));
                }
                let ndim = match obj.get("ndim") {
                    None | Some(Value::Null) => None,
                    Some(n) => Some(
                        n.as_u64()
                            .filter(|&n| n <= 255)
                            .ok_or_else(|| format!("bad ndarray ndim: {v}"))?
                            as usize,
                    ),
                };
                Ty::NdArray { dtypes, ndim }
            }
            other => return Err(format!("unknown type kind {other:?}")),
        })
    }
}

/// The type of a record: a tuple of its fields' types, in order, or a
/// [`Ty::Record`].
fn record(v: &Value, records: Records) -> Result<Ty, String> {
    let Some(Value::Array(fields)) = v.get("fields") else {
        return Err(format!("a record needs a \"fields\" array: {v}"));
    };
    let fields = fields
        .iter()
        .map(|f| {
            let name = f
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let ty = f
                .get("type")
                .ok_or_else(|| format!("a record field needs a \"type\": {f}"))?;
            Ok((name, Ty::parse_as(ty, records)?))
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(match records {
        Records::Tuples => Ty::Tuple(fields.into_iter().map(|(_, t)| t).collect()),
        Records::Objects => Ty::Record {
            name: v
                .get("name")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("a record needs a \"name\": {v}"))?
                .to_string(),
            fields,
            cache: RecordCache::new(),
        },
    })
}

/// A family type: the classes deriving from `name` (itself included), with their
/// records' types.
fn family(obj: &serde_json::Map<String, Value>, v: &Value, records: Records) -> Result<Ty, String> {
    let name = obj
        .get("name")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("a family needs a \"name\": {v}"))?;
    let Some(Value::Array(all)) = obj.get("classes") else {
        return Err(format!("a family needs a \"classes\" array: {v}"));
    };
    let class_name = |c: &Value| c.get("name").and_then(Value::as_str).map(str::to_string);
    let mut bases = std::collections::HashMap::new();
    for c in all {
        let n = class_name(c).ok_or_else(|| format!("a family class needs a \"name\": {c}"))?;
        let base = c
            .get("bases")
            .and_then(Value::as_array)
            .and_then(|b| b.first())
            .and_then(Value::as_str)
            .map(str::to_string);
        bases.insert(n, base);
    }
    let derives = |mut n: String| {
        for _ in 0..=bases.len() {
            if n == name {
                return true;
            }
            match bases.get(&n) {
                Some(Some(b)) => n = b.clone(),
                _ => return false,
            }
        }
        false
    };
    let mut classes = Vec::new();
    for c in all {
        let n = class_name(c).unwrap_or_default();
        if derives(n.clone()) {
            classes.push((n, record(c, records)?));
        }
    }
    Ok(Ty::Family {
        name: name.to_string(),
        classes,
    })
}

impl Ty {
    /// The type a dynamic (`Any`) value holds, from its PCV tag.
    pub fn held_by_tag(t: u8) -> Option<Ty> {
        let any = || Box::new(Ty::Any);
        Some(match t {
            tag::NONE => Ty::None,
            tag::FALSE | tag::TRUE => Ty::Bool,
            tag::INT => Ty::Int,
            tag::FLOAT => Ty::Float,
            tag::STR => Ty::Str,
            tag::LIST => Ty::List(any()),
            tag::TUPLE => Ty::VarTuple(any()),
            tag::DICT => Ty::Dict(any(), any()),
            tag::SET => Ty::Set(any()),
            _ => return None,
        })
    }
}

/// The Python spelling, e.g. `dict[str, list[int]]`, `str | None`.
impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::None => f.write_str("None"),
            Ty::Bool => f.write_str("bool"),
            Ty::Int => f.write_str("int"),
            Ty::Float => f.write_str("float"),
            Ty::Str => f.write_str("str"),
            Ty::Bytes => f.write_str("bytes"),
            Ty::Any => f.write_str("Any"),
            Ty::Iterator(t) => write!(f, "Iterator[{t}]"),
            Ty::Family { name, .. } => f.write_str(name),
            // as the tuple of its fields: the messages the wire form has always given
            Ty::Record { fields, .. } => {
                let items: Vec<Ty> = fields.iter().map(|(_, t)| t.clone()).collect();
                write!(f, "{}", Ty::Tuple(items))
            }
            Ty::List(t) => write!(f, "list[{t}]"),
            Ty::Set(t) => write!(f, "set[{t}]"),
            Ty::FrozenSet(t) => write!(f, "frozenset[{t}]"),
            Ty::Dict(k, v) => write!(f, "dict[{k}, {v}]"),
            Ty::Tuple(items) => {
                f.write_str("tuple[")?;
                if items.is_empty() {
                    f.write_str("()")?;
                }
                for (i, t) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{t}")?;
                }
                f.write_str("]")
            }
            Ty::VarTuple(t) => write!(f, "tuple[{t}, ...]"),
            Ty::Optional(t) => write!(f, "{t} | None"),
            Ty::NdArray { dtypes, ndim } => match (dtypes.as_slice(), ndim) {
                ([dtype], None) => write!(f, "ndarray[{}]", dtype.name()),
                ([dtype], Some(n)) => write!(f, "ndarray[{}, ndim={n}]", dtype.name()),
                // as the compiled entry's own TypeError says it (pcrt::accepted_dtypes)
                (many, ndim) => {
                    let names: Vec<&str> = many.iter().map(|d| d.name()).collect();
                    let (last, rest) = names.split_last().expect("dtypes");
                    write!(f, "ndarray of dtype {} or {last}", rest.join(", "))?;
                    match ndim {
                        Some(n) => write!(f, " and ndim={n}"),
                        None => Ok(()),
                    }
                }
            },
        }
    }
}
