//! The PCV conformance vectors (tests/data/abi/*.json) through the runtime's
//! `Encode`/`Decode` of Rust values: each value encodes to the expected
//! bytes, the bytes decode to a value that encodes to them again, and every
//! invalid case is refused. The Python loader, the C header and the Node
//! binding are checked against the same files (tests/test_pcv_vectors.py).

use std::path::PathBuf;

use pcrt_tests::pcrt::Bytes;
use pcrt_tests::pcrt::abi::{DType, Decode, Encode, NdArray, decode_from_slice, encode_to_writer};
use pcrt_tests::pcrt::{IndexMap, IndexSet, Tuple};
use serde_json::Value;

fn vector_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/abi");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/data/abi exists")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no vector files in {}", dir.display());
    files
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

/// A Rust value built from the vectors' JSON convention.
trait FromJson: Sized {
    fn from_json(v: &Value, t: &Value) -> Self;
}

impl FromJson for () {
    fn from_json(_: &Value, _: &Value) -> Self {}
}

impl FromJson for bool {
    fn from_json(v: &Value, _: &Value) -> Self {
        v.as_bool().expect("a bool")
    }
}

impl FromJson for i64 {
    fn from_json(v: &Value, _: &Value) -> Self {
        match v {
            Value::String(s) => s.parse().expect("an int string"),
            _ => v.as_i64().expect("an int"),
        }
    }
}

impl FromJson for f64 {
    fn from_json(v: &Value, _: &Value) -> Self {
        match v {
            Value::Object(o) => match o["float"].as_str().expect("a float name") {
                "nan" => f64::NAN,
                "inf" => f64::INFINITY,
                "-inf" => f64::NEG_INFINITY,
                "-0.0" => -0.0,
                other => panic!("unknown float {other}"),
            },
            _ => v.as_f64().expect("a float"),
        }
    }
}

impl FromJson for String {
    fn from_json(v: &Value, _: &Value) -> Self {
        v.as_str().expect("a str").to_string()
    }
}

impl FromJson for Bytes {
    fn from_json(v: &Value, _: &Value) -> Self {
        Bytes(unhex(v["bytes"].as_str().expect("a bytes hex string")))
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(v: &Value, t: &Value) -> Self {
        (!v.is_null()).then(|| T::from_json(v, &t["item"]))
    }
}

fn items(v: &Value) -> &Vec<Value> {
    v.as_array().expect("an array")
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: &Value, t: &Value) -> Self {
        items(v)
            .iter()
            .map(|x| T::from_json(x, &t["item"]))
            .collect()
    }
}

impl<T: FromJson + std::hash::Hash + Eq> FromJson for IndexSet<T> {
    fn from_json(v: &Value, t: &Value) -> Self {
        items(v)
            .iter()
            .map(|x| T::from_json(x, &t["item"]))
            .collect()
    }
}

impl<K: FromJson + std::hash::Hash + Eq, V: FromJson> FromJson for IndexMap<K, V> {
    fn from_json(v: &Value, t: &Value) -> Self {
        items(v)
            .iter()
            .map(|kv| {
                let kv = items(kv);
                (
                    K::from_json(&kv[0], &t["key"]),
                    V::from_json(&kv[1], &t["value"]),
                )
            })
            .collect()
    }
}

impl<T: FromJson> FromJson for Tuple<T> {
    fn from_json(v: &Value, t: &Value) -> Self {
        Tuple::from(Vec::<T>::from_json(v, t))
    }
}

macro_rules! tuple_from_json {
    ($($name:ident $idx:tt),+) => {
        impl<$($name: FromJson),+> FromJson for ($($name,)+) {
            fn from_json(v: &Value, t: &Value) -> Self {
                let v = items(v);
                ($($name::from_json(&v[$idx], &t["items"][$idx]),)+)
            }
        }
    };
}
tuple_from_json!(A 0);
tuple_from_json!(A 0, B 1);
tuple_from_json!(A 0, B 1, C 2);
tuple_from_json!(A 0, B 1, C 2, D 3);

impl FromJson for NdArray {
    fn from_json(v: &Value, t: &Value) -> Self {
        let dtype = DType::from_name(t["dtype"].as_str().expect("a dtype")).expect("a dtype");
        let shape: Vec<usize> = items(&v["shape"])
            .iter()
            .map(|d| d.as_u64().expect("a dim") as usize)
            .collect();
        let mut data = Vec::new();
        for x in items(&v["data"]) {
            match dtype {
                DType::Float32 => {
                    data.extend_from_slice(&(f64::from_json(x, t) as f32).to_le_bytes())
                }
                DType::Float64 => data.extend_from_slice(&f64::from_json(x, t).to_le_bytes()),
                DType::Int32 => {
                    data.extend_from_slice(&(i64::from_json(x, t) as i32).to_le_bytes())
                }
                DType::Int64 => data.extend_from_slice(&i64::from_json(x, t).to_le_bytes()),
                DType::Bool => data.push(u8::from(bool::from_json(x, t))),
                // the small ints: the low bytes of the value (the vectors hold them in range);
                // float16 items are given as their bits
                DType::Int8
                | DType::UInt8
                | DType::Int16
                | DType::UInt16
                | DType::UInt32
                | DType::Float16 => {
                    let bytes = i64::from_json(x, t).to_le_bytes();
                    data.extend_from_slice(&bytes[..dtype.item_size()])
                }
            }
        }
        NdArray::new(dtype, shape, data).expect("a consistent array")
    }
}

/// The Python spelling of a manifest type, which picks the Rust type below.
fn spelling(t: &Value) -> String {
    let kind = t["kind"].as_str().expect("a kind");
    match kind {
        "list" | "set" => format!("{kind}[{}]", spelling(&t["item"])),
        "dict" => format!("dict[{}, {}]", spelling(&t["key"]), spelling(&t["value"])),
        "optional" => format!("{} | None", spelling(&t["item"])),
        "tuple" if t.get("items").is_none() => format!("tuple[{}, ...]", spelling(&t["item"])),
        "tuple" => format!(
            "tuple[{}]",
            items(&t["items"])
                .iter()
                .map(spelling)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        "ndarray" => "ndarray".into(),
        _ => kind.into(),
    }
}

fn check_case<T: FromJson + Encode + Decode>(c: &Value) {
    let name = c["name"].as_str().unwrap_or("?");
    let want = unhex(c["hex"].as_str().expect("hex"));
    let value = T::from_json(&c["value"], &c["type"]);
    let written = encode_to_writer(&value);
    assert_eq!(written.as_slice(), &want[..], "{name}: encoding");
    assert!(
        (written.as_slice().as_ptr() as usize).is_multiple_of(16),
        "{name}: buffers are 16-byte aligned"
    );
    let read: T = decode_from_slice(&want).unwrap_or_else(|e| panic!("{name}: decoding: {e}"));
    assert_eq!(
        encode_to_writer(&read).as_slice(),
        &want[..],
        "{name}: decode then encode"
    );
}

fn check_invalid<T: Decode>(c: &Value) {
    let name = c["name"].as_str().unwrap_or("?");
    let bytes = unhex(c["hex"].as_str().expect("hex"));
    assert!(
        decode_from_slice::<T>(&bytes).is_err(),
        "{name}: must be refused"
    );
}

/// Runs `$check::<T>(case)` with the Rust type of the case's Python type.
macro_rules! by_type {
    ($check:ident, $case:expr, { $($py:literal => $rust:ty),+ $(,)? }) => {{
        let case = $case;
        let spelt = spelling(&case["type"]);
        match spelt.as_str() {
            $($py => $check::<$rust>(case),)+
            other => panic!("no Rust type for {other} in tests/vectors.rs: add it"),
        }
    }};
}

macro_rules! dispatch {
    ($check:ident, $case:expr) => {
        by_type!($check, $case, {
            "none" => (),
            "bool" => bool,
            "int" => i64,
            "float" => f64,
            "str" => String,
            "bytes" => Bytes,
            "bytes | None" => Option<Bytes>,
            "list[bytes]" => Vec<Bytes>,
            "dict[bytes, int]" => IndexMap<Bytes, i64>,
            "tuple[str, bytes, int]" => (String, Bytes, i64),
            "int | None" => Option<i64>,
            "list[str]" => Vec<String>,
            "list[list[str]]" => Vec<Vec<String>>,
            "set[int]" => IndexSet<i64>,
            "dict[str, int]" => IndexMap<String, i64>,
            "dict[int, str]" => IndexMap<i64, String>,
            "tuple[int, str, float, bool]" => (i64, String, f64, bool),
            "tuple[]" => EmptyTuple,
            "tuple[str | None, str | None]" => (Option<String>, Option<String>),
            "dict[str, list[tuple[int, str | None]]]" => IndexMap<String, Vec<(i64, Option<String>)>>,
            "tuple[int, int]" => (i64, i64),
            "tuple[str, str]" => (String, String),
            // an object of a family: (class name, record)
            "tuple[str, tuple[str, float]]" => (String, (String, f64)),
            "tuple[str, str, tuple[tuple[str], tuple[int, int]]]" =>
                (String, String, ((String,), (i64, i64))),
            "tuple[str, str, tuple[tuple[str], tuple[]]]" =>
                (String, String, ((String,), EmptyTuple)),
            "list[float]" => Vec<f64>,
            "list[int]" => Vec<i64>,
            "list[bool]" => Vec<bool>,
            "tuple[str, list[float]]" => (String, Vec<f64>),
            "list[list[int]]" => Vec<Vec<i64>>,
            "ndarray" => NdArray,
            "tuple[str, ndarray]" => (String, NdArray),
            "tuple[str, ...]" => Tuple<String>,
            "tuple[int, ...]" => Tuple<i64>,
            "dict[tuple[str, ...], int]" => IndexMap<Tuple<String>, i64>,
        })
    };
}

/// `tuple[()]`: the runtime has no empty tuple type, so the test spells it.
struct EmptyTuple;

impl FromJson for EmptyTuple {
    fn from_json(_: &Value, _: &Value) -> Self {
        EmptyTuple
    }
}

impl Encode for EmptyTuple {
    fn encode(&self, out: &mut pcrt_tests::pcrt::abi::Writer) {
        out.header(pcrt_tests::pcrt::abi::tag::TUPLE, 0);
    }
}

impl Decode for EmptyTuple {
    fn decode(
        r: &mut pcrt_tests::pcrt::abi::Reader<'_>,
    ) -> Result<Self, pcrt_tests::pcrt::abi::DecodeError> {
        r.expect_tag(pcrt_tests::pcrt::abi::tag::TUPLE, Self::type_name)?;
        match r.u64(Self::type_name)? {
            0 => Ok(EmptyTuple),
            n => Err(pcrt_tests::pcrt::abi::DecodeError::malformed(
                "tuple[()]",
                format!("{n} items"),
            )),
        }
    }
    fn type_name() -> String {
        "tuple[()]".into()
    }
}

#[test]
fn conformance_vectors() {
    let mut cases = 0;
    for file in vector_files() {
        let doc: Value =
            serde_json::from_str(&std::fs::read_to_string(&file).expect("readable")).expect("JSON");
        for c in items(&doc["cases"]) {
            dispatch!(check_case, c);
            cases += 1;
        }
        for c in doc["invalid"].as_array().into_iter().flatten() {
            dispatch!(check_invalid, c);
            cases += 1;
        }
    }
    assert!(cases > 40, "only {cases} vectors");
}

/// The fields of the vectors' `TooLong` exception (`self.n`, `self.limit`).
#[derive(Clone)]
struct TooLongFields {
    n: i64,
    limit: i64,
}

fn too_long_fields(fields: &dyn std::any::Any, out: &mut pcrt_tests::pcrt::abi::Writer) {
    pcrt_tests::pcrt::encode_exc_fields::<TooLongFields>(fields, out, |o, out| {
        pcrt_tests::pcrt::encode_record_header(2, out);
        o.n.encode(out);
        o.limit.encode(out);
    });
}

static TOO_LONG: pcrt_tests::pcrt::UserExc = pcrt_tests::pcrt::UserExc {
    name: "TooLong",
    base: pcrt_tests::pcrt::ExcKind::ValueError,
    fields: Some(too_long_fields),
};

/// The error a failed call stores in `*out` is the vectors' "error" and "error with
/// args and fields".
#[test]
fn errors_match_the_vectors() {
    use pcrt_tests::pcrt::{ExcKind, Instance, Obj, PyErr};
    let hex_of = |name: &str| -> Vec<u8> {
        for file in vector_files() {
            let doc: Value =
                serde_json::from_str(&std::fs::read_to_string(&file).expect("readable"))
                    .expect("JSON");
            if let Some(c) = items(&doc["cases"]).iter().find(|c| c["name"] == name) {
                return unhex(c["hex"].as_str().expect("hex"));
            }
        }
        panic!("no vector {name}");
    };
    let written = |e: &PyErr| {
        let mut out = pcrt_tests::pcrt::abi::Writer::with_capacity(64);
        e.encode_error(&mut out);
        out.as_slice().to_vec()
    };
    let index = PyErr::index_error("list index out of range");
    assert_eq!(written(&index), hex_of("error"));
    let key = PyErr::key_error_of("b");
    assert_eq!(written(&key), hex_of("error with args"));
    assert_eq!(key.to_string(), "KeyError: 'b'");
    assert_eq!(pcrt_tests::pcrt::exc_repr(&key), "KeyError('b')");
    let message = String::from("length 6 exceeds 2");
    let raised = PyErr::with_state(
        ExcKind::User(&TOO_LONG),
        &Instance::new(TooLongFields { n: 6, limit: 2 }),
        message.clone(),
        format!("TooLong('{message}')"),
        Obj::Tuple(vec![Obj::Str(message.clone())]),
    );
    assert_eq!(written(&raised), hex_of("error with args and fields"));
    assert_eq!(
        raised.fields::<TooLongFields>().map(|f| (f.n, f.limit)),
        Some((6, 2))
    );
    assert!(key.fields::<TooLongFields>().is_none());
    assert_eq!(key.args(), Some(&Obj::Tuple(vec![Obj::Str("b".into())])));
    assert!(index.fields::<TooLongFields>().is_none() && index.args().is_none());
}
