//! Manifest types (docs/abi.md, "The manifest") and defaults.

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
}

impl Ty {
    /// Parses a manifest type object.
    pub fn parse(v: &Value) -> Result<Ty, String> {
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
            Ty::parse(inner)
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
            "set" => Ty::Set(Box::new(field("item")?)),
            "dict" => Ty::Dict(Box::new(field("key")?), Box::new(field("value")?)),
            "optional" => Ty::Optional(Box::new(field("item")?)),
            "tuple" => match obj.get("items") {
                Some(Value::Array(items)) => {
                    Ty::Tuple(items.iter().map(Ty::parse).collect::<Result<_, _>>()?)
                }
                Some(other) => return Err(format!("tuple \"items\" must be an array: {other}")),
                None => Ty::VarTuple(Box::new(field("item")?)),
            },
            // An instance of a compiled class crosses as the tuple of its fields; the
            // Python side (load.py) turns it into a dataclass and back.
            "record" => record(v)?,
            "family" => family(obj, v)?,
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

/// The type of a record's fields: a tuple of them, in order.
fn record(v: &Value) -> Result<Ty, String> {
    match v.get("fields") {
        Some(Value::Array(fields)) => Ok(Ty::Tuple(
            fields
                .iter()
                .map(|f| {
                    Ty::parse(
                        f.get("type")
                            .ok_or_else(|| format!("a record field needs a \"type\": {f}"))?,
                    )
                })
                .collect::<Result<_, _>>()?,
        )),
        _ => Err(format!("a record needs a \"fields\" array: {v}")),
    }
}

/// A family type: the classes deriving from `name` (itself included), with their
/// records' types.
fn family(obj: &serde_json::Map<String, Value>, v: &Value) -> Result<Ty, String> {
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
            classes.push((n, record(c)?));
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
            Ty::List(t) => write!(f, "list[{t}]"),
            Ty::Set(t) => write!(f, "set[{t}]"),
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
