//! The bundle C ABI (docs/abi.md): the PCV encoding of Rust values (on the
//! bytes of `pcv.rs`), the per-thread last error, and [`call_entry`], the
//! wrapper every generated `P_call_F` entry point runs its body in.
//!
//! Generated `src/ffi.rs` entry points look like this:
//!
//! ```ignore
//! #[unsafe(no_mangle)]
//! pub unsafe extern "C" fn chunk_call_chunk_words(args: *const u8, args_len: usize, out: *mut *mut u8, out_len: *mut usize) -> i32 {
//!     // SAFETY: the caller passes a readable args buffer and writable out pointers (see the header).
//!     unsafe {
//!         pcrt::abi::call_entry(args, args_len, out, out_len, |a| {
//!             let text: &str = a.next_str("text")?;
//!             let size: i64 = a.next("size")?;
//!             Ok(crate::chunk_words(text, size)?)
//!         })
//!     }
//! }
//! ```
//!
//! Any type implementing [`Decode`] may be a parameter type and any type
//! implementing [`Encode`] a result type: the scalars (`i64`, `f64`, `bool`,
//! `String`, `()` for `None`), `Option<T>`, `Vec<T>`, `IndexMap<K, V>`,
//! `IndexSet<T>`, tuples of 1 to 8 elements and [`NdArray`].

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::ffi::{CString, c_char};
use std::fmt;
use std::hash::{BuildHasher, Hash};
use std::panic::{self, AssertUnwindSafe};

use indexmap::{IndexMap, IndexSet};

use super::error::{ExcKind, PyErr};
pub use super::pcv::{ABI_VERSION, DType, Malformed, Payload, Writer, tag};

/// Entry point status: success, the result is in `*out`.
pub const STATUS_OK: i32 = 0;
/// Entry point status: the compiled code raised a Python exception.
pub const STATUS_RAISED: i32 = 1;
/// Entry point status: the arguments did not decode to the declared types (`TypeError`).
pub const STATUS_BAD_ARGS: i32 = 2;
/// Entry point status: a Rust panic was caught (`SystemError`; a pycomp bug).
pub const STATUS_INTERNAL: i32 = 3;

// ---------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------

/// A Rust value that has a PCV encoding.
pub trait Encode {
    /// Appends the PCV encoding of `self` (tag byte and payload) to `out`.
    fn encode(&self, out: &mut Writer);

    /// Appends a list of `items`: a generic list, or, for `f64`, `i64` and
    /// `bool`, a packed list.
    fn encode_list(items: &[Self], out: &mut Writer)
    where
        Self: Sized,
    {
        out.header(tag::LIST, items.len());
        for item in items {
            item.encode(out);
        }
    }
}

/// The PCV encoding of `value` in a new (16-byte aligned) buffer.
pub fn encode_to_writer<T: Encode + ?Sized>(value: &T) -> Writer {
    let mut out = Writer::with_capacity(64);
    value.encode(&mut out);
    out
}

/// The PCV encoding of `value` as bytes.
pub fn encode_to_vec<T: Encode + ?Sized>(value: &T) -> Vec<u8> {
    encode_to_writer(value).as_slice().to_vec()
}

impl<T: Encode + ?Sized> Encode for &T {
    fn encode(&self, out: &mut Writer) {
        (**self).encode(out)
    }
}

impl<T: Encode + ?Sized> Encode for Box<T> {
    fn encode(&self, out: &mut Writer) {
        (**self).encode(out)
    }
}

impl Encode for () {
    fn encode(&self, out: &mut Writer) {
        out.none();
    }
}

/// The little-endian bytes of a slice of plain numbers, borrowed on a
/// little-endian target.
fn le_bytes<T: Element>(items: &[T]) -> Cow<'_, [u8]> {
    if cfg!(target_endian = "little") {
        // SAFETY: f32, f64, i32, i64 and bool are plain data without padding
        // whose in-memory bytes on a little-endian target are their PCV bytes
        // (a bool is one byte, 0 or 1).
        Cow::Borrowed(unsafe {
            std::slice::from_raw_parts(items.as_ptr().cast::<u8>(), std::mem::size_of_val(items))
        })
    } else {
        let mut out = Vec::with_capacity(std::mem::size_of_val(items));
        for &x in items {
            x.write_le(&mut out);
        }
        Cow::Owned(out)
    }
}

impl Encode for bool {
    fn encode(&self, out: &mut Writer) {
        out.bool(*self);
    }
    fn encode_list(items: &[Self], out: &mut Writer) {
        out.packed(DType::Bool, &le_bytes(items));
    }
}

impl Encode for i64 {
    fn encode(&self, out: &mut Writer) {
        out.int(*self);
    }
    fn encode_list(items: &[Self], out: &mut Writer) {
        out.packed(DType::Int64, &le_bytes(items));
    }
}

impl Encode for f64 {
    fn encode(&self, out: &mut Writer) {
        out.float(*self);
    }
    fn encode_list(items: &[Self], out: &mut Writer) {
        out.packed(DType::Float64, &le_bytes(items));
    }
}

impl Encode for str {
    fn encode(&self, out: &mut Writer) {
        out.str(self);
    }
}

impl Encode for String {
    fn encode(&self, out: &mut Writer) {
        out.str(self);
    }
}

/// A `pathlib.Path` crosses as its text (a PCV str; the manifest's kind `path`).
impl Encode for super::PyPath {
    fn encode(&self, out: &mut Writer) {
        out.str(self.as_str());
    }
}

impl Encode for super::Bytes {
    fn encode(&self, out: &mut Writer) {
        out.bytes_value(self);
    }
}

impl<T: Encode> Encode for Option<T> {
    fn encode(&self, out: &mut Writer) {
        match self {
            None => out.none(),
            Some(v) => v.encode(out),
        }
    }
}

impl<T: Encode> Encode for [T] {
    fn encode(&self, out: &mut Writer) {
        T::encode_list(self, out)
    }
}

impl<T: Encode> Encode for Vec<T> {
    fn encode(&self, out: &mut Writer) {
        T::encode_list(self, out)
    }
}

impl<K: Encode, V: Encode, S> Encode for IndexMap<K, V, S> {
    fn encode(&self, out: &mut Writer) {
        out.header(tag::DICT, self.len());
        for (k, v) in self {
            k.encode(out);
            v.encode(out);
        }
    }
}

impl<T: Encode, S> Encode for IndexSet<T, S> {
    fn encode(&self, out: &mut Writer) {
        out.header(tag::SET, self.len());
        for item in self {
            item.encode(out);
        }
    }
}

/// A frozenset crosses as a set (the manifest's `"class": "frozenset"` tells the
/// loader to build a `frozenset`).
impl<T: Encode> Encode for super::FrozenSet<T> {
    fn encode(&self, out: &mut Writer) {
        self.0.encode(out);
    }
}

// ---------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------

/// Why a PCV value did not decode to the expected Rust type.
#[derive(Clone, Debug, PartialEq)]
pub struct DecodeError {
    /// The Python spelling of the type that was expected where decoding
    /// failed (the innermost one, e.g. `str` inside a `list[str]`).
    pub expected: String,
    /// What was found instead (a Python type name, or a description of the
    /// malformed bytes).
    pub found: String,
    /// Where inside the value, e.g. `[3]` or `[2][key]`; empty at the top.
    pub path: String,
}

impl DecodeError {
    /// A wrong tag: `expected` was wanted and the tag says something else.
    pub fn mismatch(expected: impl Into<String>, found_tag: u8) -> DecodeError {
        DecodeError {
            expected: expected.into(),
            found: tag::type_name(found_tag).to_string(),
            path: String::new(),
        }
    }

    /// Malformed bytes (truncated value, bad UTF-8, bad ndarray header ...).
    pub fn malformed(expected: impl Into<String>, what: impl Into<String>) -> DecodeError {
        DecodeError {
            expected: expected.into(),
            found: what.into(),
            path: String::new(),
        }
    }

    /// The same error, one level further down (`segment` is prepended to the path).
    pub fn within(mut self, segment: &str) -> DecodeError {
        self.path.insert_str(0, segment);
        self
    }

    /// The message for a parameter: `argument 'size' must be int, not str`.
    /// `declared` is the Python spelling of the parameter's whole type.
    pub fn argument_message(&self, name: &str, declared: &str) -> String {
        if self.path.is_empty() {
            format!("argument '{name}' must be {declared}, not {}", self.found)
        } else {
            format!(
                "argument '{name}' must be {declared}, but {name}{} is {}, not {}",
                self.path, self.found, self.expected
            )
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "expected {}, not {}", self.expected, self.found)
        } else {
            write!(
                f,
                "at {}: expected {}, not {}",
                self.path, self.expected, self.found
            )
        }
    }
}

impl std::error::Error for DecodeError {}

/// The Python spelling of the type being decoded, computed only for an error
/// message (usually `Self::type_name`).
pub type Expected = fn() -> String;

/// A cursor over a PCV buffer ([`super::pcv::Reader`] with error messages
/// that name the type being decoded).
#[derive(Clone, Debug)]
pub struct Reader<'a> {
    inner: super::pcv::Reader<'a>,
    /// The writer of the buffer made its str values of valid UTF-8 (the
    /// Python loader: from str objects): they are read without a check.
    utf8_checked: bool,
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader {
            inner: super::pcv::Reader::new(buf),
            utf8_checked: false,
        }
    }

    fn fail(expected: Expected) -> impl Fn(Malformed) -> DecodeError {
        move |m| DecodeError::malformed(expected(), m.to_string())
    }

    /// The bytes not read yet.
    pub fn remaining(&self) -> usize {
        self.inner.remaining()
    }

    /// The next `n` bytes.
    pub fn take(&mut self, n: usize, expected: Expected) -> Result<&'a [u8], DecodeError> {
        self.inner.take(n).map_err(Self::fail(expected))
    }

    /// The next tag byte, without consuming it.
    pub fn peek_tag(&self, expected: Expected) -> Result<u8, DecodeError> {
        self.inner.peek().map_err(Self::fail(expected))
    }

    /// The next byte.
    pub fn u8(&mut self, expected: Expected) -> Result<u8, DecodeError> {
        self.inner.u8().map_err(Self::fail(expected))
    }

    /// Consumes the tag byte if it is `want`, else fails with a mismatch.
    pub fn expect_tag(&mut self, want: u8, expected: Expected) -> Result<(), DecodeError> {
        let t = self.peek_tag(expected)?;
        if t != want {
            return Err(DecodeError::mismatch(expected(), t));
        }
        self.inner.u8().map(|_| ()).map_err(Self::fail(expected))
    }

    pub fn u64(&mut self, expected: Expected) -> Result<u64, DecodeError> {
        self.inner.u64().map_err(Self::fail(expected))
    }

    pub fn i64(&mut self, expected: Expected) -> Result<i64, DecodeError> {
        self.inner.i64().map_err(Self::fail(expected))
    }

    pub fn f64(&mut self, expected: Expected) -> Result<f64, DecodeError> {
        self.inner.f64().map_err(Self::fail(expected))
    }

    /// A count of items, checked against the bytes left.
    pub fn count(&mut self, expected: Expected) -> Result<usize, DecodeError> {
        self.inner.count().map_err(Self::fail(expected))
    }

    /// A `u64` byte length then that many bytes.
    pub fn bytes(&mut self, expected: Expected) -> Result<&'a [u8], DecodeError> {
        self.inner.len_bytes().map_err(Self::fail(expected))
    }

    /// A str's UTF-8 text, borrowed from the buffer (the tag comes first);
    /// checked unless the writer vouched for it ([`trust_next_args`]).
    pub fn str(&mut self) -> Result<&'a str, DecodeError> {
        self.expect_tag(tag::STR, || "str".into())?;
        let bytes = self.bytes(|| "str".into())?;
        if self.utf8_checked || bytes.is_ascii() {
            // Most keys and words: one inlined scan instead of the full UTF-8
            // validation (a call that costs more than the scan on short text).
            // SAFETY: ASCII bytes are valid UTF-8; a checked buffer's are.
            return Ok(unsafe { std::str::from_utf8_unchecked(bytes) });
        }
        std::str::from_utf8(bytes).map_err(|_| DecodeError::malformed("str", "invalid UTF-8"))
    }

    /// `n` str values in a row (a `list[str]`'s items), borrowed from the
    /// buffer: one pass over their headers, then one ASCII check over the whole
    /// run (tags and lengths below 128 are ASCII bytes too) instead of one per
    /// item; UTF-8 validation per item only when the run is not all ASCII.
    /// None, reading nothing, if an item is not a well-formed str: the caller
    /// reads them one by one, which reports it.
    pub fn str_run(&mut self, n: usize) -> Option<Vec<&'a str>> {
        let rest = self.inner.rest();
        let mut items: Vec<&'a [u8]> = Vec::with_capacity(n.min(rest.len()));
        let mut at = 0usize;
        for _ in 0..n {
            let header = rest.get(at..at.checked_add(9)?)?;
            if header[0] != tag::STR {
                return None;
            }
            let mut len = [0u8; 8];
            len.copy_from_slice(&header[1..]);
            let len = usize::try_from(u64::from_le_bytes(len)).ok()?;
            let end = (at + 9).checked_add(len)?;
            items.push(rest.get(at + 9..end)?);
            at = end;
        }
        let strs: Vec<&'a str> = if self.utf8_checked || rest[..at].is_ascii() {
            items
                .into_iter()
                // SAFETY: ASCII bytes are valid UTF-8; a checked buffer's are.
                .map(|b| unsafe { std::str::from_utf8_unchecked(b) })
                .collect()
        } else {
            items
                .into_iter()
                .map(|b| std::str::from_utf8(b).ok())
                .collect::<Option<_>>()?
        };
        self.inner.take(at).ok()?;
        Some(strs)
    }

    /// A bytes value, borrowed from the buffer (the tag comes first).
    pub fn bytes_value(&mut self) -> Result<&'a [u8], DecodeError> {
        self.expect_tag(tag::BYTES, || "bytes".into())?;
        self.bytes(|| "bytes".into())
    }

    /// The rest of a packed list whose tag was read.
    pub fn packed_rest(&mut self, expected: Expected) -> Result<Payload<'a>, DecodeError> {
        self.inner.packed_rest().map_err(Self::fail(expected))
    }

    /// The rest of an ndarray whose tag was read.
    pub fn ndarray_rest(&mut self, expected: Expected) -> Result<Payload<'a>, DecodeError> {
        self.inner.ndarray_rest().map_err(Self::fail(expected))
    }

    /// Whether every byte was read.
    pub fn is_at_end(&self) -> bool {
        self.inner.is_at_end()
    }

    fn unread(&mut self) {
        self.inner.unread();
    }
}

/// A Rust value that can be decoded from PCV.
pub trait Decode: Sized {
    /// Reads one value (tag byte and payload).
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError>;
    /// The Python spelling of the type, e.g. `list[str]`, for messages.
    fn type_name() -> String;
    /// The items of a packed list, converted as a generic list's items
    /// would be; an error for item types that no packed list carries.
    fn from_packed(p: &Payload<'_>) -> Result<Vec<Self>, DecodeError> {
        Err(DecodeError {
            expected: Self::type_name(),
            found: packed_item_name(p.dtype).to_string(),
            path: "[0]".into(),
        })
    }
}

/// The Python type of the items of a packed list of `dtype`.
fn packed_item_name(dtype: DType) -> &'static str {
    match dtype {
        DType::Float64 | DType::Float32 | DType::Float16 => "float",
        DType::Int64
        | DType::Int32
        | DType::Int8
        | DType::UInt8
        | DType::Int16
        | DType::UInt16
        | DType::UInt32 => "int",
        DType::Bool => "bool",
    }
}

/// The items of a packed list as `T`s (a copy; see [`Args::next_slice`] for a view).
fn packed_items<T: Element>(p: &Payload<'_>) -> Vec<T> {
    p.data
        .chunks_exact(T::DTYPE.item_size())
        .map(T::read_le)
        .collect()
}

/// Decodes a whole buffer holding exactly one value.
pub fn decode_from_slice<T: Decode>(buf: &[u8]) -> Result<T, DecodeError> {
    let mut r = Reader::new(buf);
    let v = T::decode(&mut r)?;
    if !r.is_at_end() {
        return Err(DecodeError::malformed(
            T::type_name(),
            "trailing bytes after the value",
        ));
    }
    Ok(v)
}

impl Decode for () {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.expect_tag(tag::NONE, Self::type_name)
    }
    fn type_name() -> String {
        "None".into()
    }
}

impl Decode for bool {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        match r.u8(Self::type_name)? {
            tag::FALSE => Ok(false),
            tag::TRUE => Ok(true),
            t => {
                r.unread();
                Err(DecodeError::mismatch("bool", t))
            }
        }
    }
    fn type_name() -> String {
        "bool".into()
    }
    fn from_packed(p: &Payload<'_>) -> Result<Vec<Self>, DecodeError> {
        match p.dtype {
            DType::Bool => Ok(p.data.iter().map(|&b| b != 0).collect()),
            d => Err(DecodeError::malformed("bool", packed_item_name(d)).within("[0]")),
        }
    }
}

impl Decode for i64 {
    /// Accepts `int`, and `bool` (a subclass of `int` in Python).
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        match r.u8(Self::type_name)? {
            tag::INT => r.i64(Self::type_name),
            tag::FALSE => Ok(0),
            tag::TRUE => Ok(1),
            t => {
                r.unread();
                Err(DecodeError::mismatch("int", t))
            }
        }
    }
    fn type_name() -> String {
        "int".into()
    }
    fn from_packed(p: &Payload<'_>) -> Result<Vec<Self>, DecodeError> {
        match p.dtype {
            DType::Int64 => Ok(packed_items::<i64>(p)),
            DType::Bool => Ok(p.data.iter().map(|&b| i64::from(b)).collect()),
            d => Err(DecodeError::malformed("int", packed_item_name(d)).within("[0]")),
        }
    }
}

impl Decode for f64 {
    /// Accepts `float`, and `int`/`bool` converted as `float(x)` would.
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        match r.u8(Self::type_name)? {
            tag::FLOAT => r.f64(Self::type_name),
            tag::INT => Ok(r.i64(Self::type_name)? as f64),
            tag::FALSE => Ok(0.0),
            tag::TRUE => Ok(1.0),
            t => {
                r.unread();
                Err(DecodeError::mismatch("float", t))
            }
        }
    }
    fn type_name() -> String {
        "float".into()
    }
    fn from_packed(p: &Payload<'_>) -> Result<Vec<Self>, DecodeError> {
        match p.dtype {
            DType::Float64 => Ok(packed_items::<f64>(p)),
            DType::Int64 => Ok(packed_items::<i64>(p)
                .into_iter()
                .map(|x| x as f64)
                .collect()),
            DType::Bool => Ok(p.data.iter().map(|&b| f64::from(b)).collect()),
            d => Err(DecodeError::malformed("float", packed_item_name(d)).within("[0]")),
        }
    }
}

impl Decode for String {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.str().map(str::to_owned)
    }
    fn type_name() -> String {
        "str".into()
    }
}

impl Decode for super::PyPath {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.str().map(super::PyPath::parse)
    }
    fn type_name() -> String {
        "str".into()
    }
}

impl Decode for super::Bytes {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.bytes_value().map(super::Bytes::from)
    }
    fn type_name() -> String {
        "bytes".into()
    }
}

impl<T: Decode> Decode for Option<T> {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        if r.peek_tag(Self::type_name)? == tag::NONE {
            r.u8(Self::type_name)?;
            return Ok(None);
        }
        match T::decode(r) {
            Ok(v) => Ok(Some(v)),
            // A wrong tag at the top: say the whole optional type was expected.
            Err(mut e) if e.path.is_empty() => {
                e.expected = Self::type_name();
                Err(e)
            }
            Err(e) => Err(e),
        }
    }
    fn type_name() -> String {
        format!("{} | None", T::type_name())
    }
}

impl<T: Decode> Decode for Box<T> {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        T::decode(r).map(Box::new)
    }
    fn type_name() -> String {
        T::type_name()
    }
}

/// Reads `count` items after a container header, tagging errors with `[i]`.
fn decode_items<T: Decode>(
    r: &mut Reader<'_>,
    count: usize,
    mut push: impl FnMut(T),
) -> Result<(), DecodeError> {
    for i in 0..count {
        let item = T::decode(r).map_err(|e| e.within(&format!("[{i}]")))?;
        push(item);
    }
    Ok(())
}

impl<T: Decode> Decode for Vec<T> {
    /// A generic list, or a packed one (for items that numbers convert to).
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        match r.u8(Self::type_name)? {
            tag::LIST => {
                let n = r.count(Self::type_name)?;
                let mut v = Vec::with_capacity(n);
                decode_items(r, n, |x| v.push(x))?;
                Ok(v)
            }
            tag::PACKED => {
                let p = r.packed_rest(Self::type_name)?;
                T::from_packed(&p)
            }
            t => {
                r.unread();
                Err(DecodeError::mismatch(Self::type_name(), t))
            }
        }
    }
    fn type_name() -> String {
        format!("list[{}]", T::type_name())
    }
}

impl<K, V, S> Decode for IndexMap<K, V, S>
where
    K: Decode + Hash + Eq,
    V: Decode,
    S: BuildHasher + Default,
{
    /// A repeated key keeps its first position and its last value, like a
    /// Python dict display.
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.expect_tag(tag::DICT, Self::type_name)?;
        let n = r.count(Self::type_name)?;
        let mut m = IndexMap::with_capacity_and_hasher(n, S::default());
        for i in 0..n {
            let k = K::decode(r).map_err(|e| e.within(&format!("[key #{i}]")))?;
            let v = V::decode(r).map_err(|e| e.within(&format!("[value #{i}]")))?;
            m.insert(k, v);
        }
        Ok(m)
    }
    fn type_name() -> String {
        format!("dict[{}, {}]", K::type_name(), V::type_name())
    }
}

impl<T, S> Decode for IndexSet<T, S>
where
    T: Decode + Hash + Eq,
    S: BuildHasher + Default,
{
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.expect_tag(tag::SET, Self::type_name)?;
        let n = r.count(Self::type_name)?;
        let mut s = IndexSet::with_capacity_and_hasher(n, S::default());
        decode_items(r, n, |x| {
            s.insert(x);
        })?;
        Ok(s)
    }
    fn type_name() -> String {
        format!("set[{}]", T::type_name())
    }
}

impl<T: Decode + Hash + Eq> Decode for super::FrozenSet<T> {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        <super::IndexSet<T> as Decode>::decode(r).map(super::FrozenSet)
    }
    fn type_name() -> String {
        format!("frozenset[{}]", T::type_name())
    }
}

/// A parameter decoded as a view of the argument buffer: a `dict[str, T]` the
/// function only reads (decided by the lowering stage, `dict_views`) is an
/// `IndexMap<&str, T>` whose keys borrow the buffer (no `String` per key), its
/// values numbers or such views in turn.
pub trait ViewDecode<'a>: Sized {
    /// Reads one value (tag byte and payload).
    fn decode_view(r: &mut Reader<'a>) -> Result<Self, DecodeError>;
    /// The Python spelling of the type, as [`Decode::type_name`] gives it.
    fn view_type_name() -> String;
}

macro_rules! view_as_decode {
    ($($t:ty),*) => {$(
        impl<'a> ViewDecode<'a> for $t {
            fn decode_view(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
                <$t as Decode>::decode(r)
            }
            fn view_type_name() -> String {
                <$t as Decode>::type_name()
            }
        }
    )*};
}

view_as_decode!(i64, f64, bool);

impl<'a, V, S> ViewDecode<'a> for IndexMap<&'a str, V, S>
where
    V: ViewDecode<'a>,
    S: BuildHasher + Default,
{
    /// As the owned dict's decoding: a repeated key keeps its first position
    /// and its last value; the same error messages.
    fn decode_view(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        r.expect_tag(tag::DICT, Self::view_type_name)?;
        let n = r.count(Self::view_type_name)?;
        let mut m = IndexMap::with_capacity_and_hasher(n, S::default());
        for i in 0..n {
            let k = r.str().map_err(|e| e.within(&format!("[key #{i}]")))?;
            let v = V::decode_view(r).map_err(|e| e.within(&format!("[value #{i}]")))?;
            m.insert(k, v);
        }
        Ok(m)
    }
    fn view_type_name() -> String {
        format!("dict[str, {}]", V::view_type_name())
    }
}

/// A tuple of any length: the PCV tuple of its items (docs/abi.md).
impl<T: Encode> Encode for super::Tuple<T> {
    fn encode(&self, out: &mut Writer) {
        out.header(tag::TUPLE, self.len());
        for item in self.iter() {
            item.encode(out);
        }
    }
}

impl<T: Decode> Decode for super::Tuple<T> {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.expect_tag(tag::TUPLE, Self::type_name)?;
        let n = r.count(Self::type_name)?;
        let mut v = Vec::with_capacity(n);
        decode_items(r, n, |x| v.push(x))?;
        Ok(super::Tuple::from(v))
    }
    fn type_name() -> String {
        format!("tuple[{}, ...]", T::type_name())
    }
}

macro_rules! tuple_impls {
    ($( ($len:expr; $($name:ident $idx:tt),+) )+) => {$(
        impl<$($name: Encode),+> Encode for ($($name,)+) {
            fn encode(&self, out: &mut Writer) {
                out.header(tag::TUPLE, $len);
                $( self.$idx.encode(out); )+
            }
        }

        impl<$($name: Decode),+> Decode for ($($name,)+) {
            fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
                r.expect_tag(tag::TUPLE, Self::type_name)?;
                let n = r.u64(Self::type_name)?;
                if n != $len {
                    return Err(DecodeError::malformed(
                        Self::type_name(),
                        format!("a tuple of length {n}"),
                    ));
                }
                Ok(($(
                    $name::decode(r).map_err(|e| e.within(concat!("[", stringify!($idx), "]")))?,
                )+))
            }
            fn type_name() -> String {
                let items: Vec<String> = vec![$($name::type_name()),+];
                format!("tuple[{}]", items.join(", "))
            }
        }
    )+};
}

tuple_impls! {
    (1; A 0)
    (2; A 0, B 1)
    (3; A 0, B 1, C 2)
    (4; A 0, B 1, C 2, D 3)
    (5; A 0, B 1, C 2, D 3, E 4)
    (6; A 0, B 1, C 2, D 3, E 4, F 5)
    (7; A 0, B 1, C 2, D 3, E 4, F 5, G 6)
    (8; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7)
}

// ---------------------------------------------------------------------------
// ndarray
// ---------------------------------------------------------------------------

/// An element type an [`NdArray`] can hold.
pub trait Element: Copy {
    const DTYPE: DType;
    /// Appends the little-endian bytes of `self`.
    fn write_le(self, out: &mut Vec<u8>);
    /// Reads one element from exactly `DTYPE.item_size()` little-endian bytes.
    fn read_le(bytes: &[u8]) -> Self;
}

macro_rules! element_impls {
    ($($t:ty => $dt:ident),+) => {$(
        impl Element for $t {
            const DTYPE: DType = DType::$dt;
            fn write_le(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            fn read_le(bytes: &[u8]) -> Self {
                <$t>::from_le_bytes(bytes.try_into().expect("element size"))
            }
        }
    )+};
}

element_impls!(
    f32 => Float32,
    f64 => Float64,
    i32 => Int32,
    i64 => Int64,
    i8 => Int8,
    u8 => UInt8,
    i16 => Int16,
    u16 => UInt16,
    u32 => UInt32
);

impl Element for bool {
    const DTYPE: DType = DType::Bool;
    fn write_le(self, out: &mut Vec<u8>) {
        out.push(self as u8);
    }
    fn read_le(bytes: &[u8]) -> Self {
        bytes[0] != 0
    }
}

/// A numpy array crossing the ABI: dtype, shape and C-contiguous
/// little-endian element bytes (`data.len() == product(shape) * item_size`).
#[derive(Clone, Debug, PartialEq)]
pub struct NdArray {
    pub dtype: DType,
    pub shape: Vec<usize>,
    pub data: Vec<u8>,
}

impl NdArray {
    /// Checks that `data` holds exactly `product(shape)` elements.
    pub fn new(dtype: DType, shape: Vec<usize>, data: Vec<u8>) -> Result<NdArray, PyErr> {
        let want = byte_len(dtype, &shape).ok_or_else(|| PyErr::value_error("array is too big"))?;
        if data.len() != want {
            return Err(PyErr::value_error(format!(
                "array of shape {shape:?} and dtype {} needs {want} bytes, got {}",
                dtype.name(),
                data.len()
            )));
        }
        Ok(NdArray { dtype, shape, data })
    }

    /// An array of the elements of `items` (C order) with the given shape.
    pub fn from_slice<T: Element>(shape: Vec<usize>, items: &[T]) -> Result<NdArray, PyErr> {
        let mut data = Vec::with_capacity(items.len() * T::DTYPE.item_size());
        for &x in items {
            x.write_le(&mut data);
        }
        NdArray::new(T::DTYPE, shape, data)
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        self.shape.iter().product()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn ndim(&self) -> usize {
        self.shape.len()
    }

    /// The elements in C order; a `TypeError` if the dtype is not `T`'s.
    pub fn to_vec<T: Element>(&self) -> Result<Vec<T>, PyErr> {
        if self.dtype != T::DTYPE {
            return Err(PyErr::type_error(format!(
                "expected an array of dtype {}, got {}",
                T::DTYPE.name(),
                self.dtype.name()
            )));
        }
        Ok(self
            .data
            .chunks_exact(T::DTYPE.item_size())
            .map(T::read_le)
            .collect())
    }
}

fn byte_len(dtype: DType, shape: &[usize]) -> Option<usize> {
    super::pcv::array_byte_len(dtype, shape)
}

impl Encode for NdArray {
    fn encode(&self, out: &mut Writer) {
        out.ndarray(self.dtype, &self.shape, &self.data);
    }
}

impl Decode for NdArray {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.expect_tag(tag::NDARRAY, Self::type_name)?;
        let p = r.ndarray_rest(Self::type_name)?;
        Ok(NdArray {
            dtype: p.dtype,
            shape: p.shape,
            data: p.data.to_vec(),
        })
    }
    fn type_name() -> String {
        "ndarray".into()
    }
}

// ---------------------------------------------------------------------------
// The last error, per thread
// ---------------------------------------------------------------------------

struct LastError {
    class: CString,
    message: CString,
}

thread_local! {
    static LAST_ERROR: RefCell<LastError> =
        RefCell::new(LastError { class: CString::default(), message: CString::default() });
}

/// A C string of `s`, with any NUL byte (which C cannot carry) shown as `\0`.
fn to_cstring(s: &str) -> CString {
    match CString::new(s) {
        Ok(c) => c,
        Err(_) => CString::new(s.replace('\0', "\\0")).unwrap_or_default(),
    }
}

thread_local! {
    /// Set by `P_trust_next_args`, taken by the next call's entry point.
    static TRUST_NEXT_ARGS: Cell<bool> = const { Cell::new(false) };
}

/// `P_trust_next_args`: the `args` buffer of the next call on this thread
/// has str values of valid UTF-8 only (its writer made them from its own
/// strings, as the Python loader makes them from str objects), so they are
/// read without checking them. That next call takes it back, whatever it
/// returns.
pub fn trust_next_args() {
    TRUST_NEXT_ARGS.with(|t| t.set(true));
}

/// Whether the writer of this call's `args` vouched for their UTF-8 (the
/// first thing every call's entry point asks; cleared by asking).
pub fn take_trusted_args() -> bool {
    TRUST_NEXT_ARGS.with(|t| t.replace(false))
}

/// Records the error of a failed call on this thread.
pub fn set_last_error(class: &str, message: &str) {
    let class = to_cstring(class);
    let message = to_cstring(message);
    // `try_with`: during thread teardown there is nowhere to record it.
    let _ = LAST_ERROR.try_with(|e| {
        if let Ok(mut e) = e.try_borrow_mut() {
            e.class = class;
            e.message = message;
        }
    });
}

/// Forgets this thread's last error (both strings become empty).
pub fn clear_last_error() {
    set_last_error("", "");
}

/// The Python class name of this thread's last error, NUL-terminated; empty if
/// there was none. Valid until the next failed call on this thread.
pub fn last_error_class() -> *const c_char {
    LAST_ERROR
        .try_with(|e| e.borrow().class.as_ptr())
        .unwrap_or(c"".as_ptr())
}

/// The message of this thread's last error, NUL-terminated; empty if there
/// was none. Valid until the next failed call on this thread.
pub fn last_error_message() -> *const c_char {
    LAST_ERROR
        .try_with(|e| e.borrow().message.as_ptr())
        .unwrap_or(c"".as_ptr())
}

// ---------------------------------------------------------------------------
// Result buffers and the manifest
// ---------------------------------------------------------------------------

/// Frees a result buffer stored in `*out` by an entry point. Null is ignored.
///
/// # Safety
///
/// `buf` must be null, or a pointer returned as `*out` by an entry point of
/// this library with its length `len`, not freed already.
pub unsafe fn free_buffer(buf: *mut u8, len: usize) {
    // SAFETY: per the contract, `buf`/`len` came from `Writer::into_raw`.
    unsafe { super::pcv::free_raw(buf, len) }
}

/// `s` followed by a NUL byte, at compile time: `N` must be `s.len() + 1`.
/// Used for the static manifest:
/// `static M: [u8; J.len() + 1] = pcrt::abi::nul_terminated(J);`
pub const fn nul_terminated<const N: usize>(s: &str) -> [u8; N] {
    let bytes = s.as_bytes();
    assert!(bytes.len() + 1 == N, "N must be the string length plus one");
    let mut out = [0u8; N];
    let mut i = 0;
    while i < bytes.len() {
        assert!(bytes[i] != 0, "the string must not contain NUL");
        out[i] = bytes[i];
        i += 1;
    }
    out
}

// ---------------------------------------------------------------------------
// The entry-point wrapper
// ---------------------------------------------------------------------------

/// Why a call failed: the closure given to [`call_entry`] returns this, and
/// `?` converts both a raised [`PyErr`] and an argument error into it.
#[derive(Clone, Debug, PartialEq)]
pub enum CallError {
    /// The compiled code raised (status 1).
    Raised(PyErr),
    /// The arguments did not decode (status 2, `TypeError`); the message.
    BadArgs(String),
}

impl From<PyErr> for CallError {
    fn from(e: PyErr) -> CallError {
        CallError::Raised(e)
    }
}

impl From<DecodeError> for CallError {
    fn from(e: DecodeError) -> CallError {
        CallError::BadArgs(e.to_string())
    }
}

/// The arguments of a call: the PCV tuple header has been read; each
/// [`Args::next`] decodes the next parameter.
#[derive(Debug)]
pub struct Args<'a> {
    reader: Reader<'a>,
    given: usize,
    taken: usize,
}

impl<'a> Args<'a> {
    /// Reads the tuple header of an `args` buffer.
    pub fn new(buf: &'a [u8]) -> Result<Args<'a>, CallError> {
        Args::vouched(buf, false)
    }

    /// As [`Args::new`]; with `utf8_checked`, the buffer's writer vouched
    /// that its str values are valid UTF-8 ([`trust_next_args`]).
    pub fn vouched(buf: &'a [u8], utf8_checked: bool) -> Result<Args<'a>, CallError> {
        let mut reader = Reader::new(buf);
        reader.utf8_checked = utf8_checked;
        let header = |e: DecodeError| {
            CallError::BadArgs(format!(
                "the arguments must be a PCV tuple, not {}",
                e.found
            ))
        };
        let tuple = || String::from("tuple");
        reader.expect_tag(tag::TUPLE, tuple).map_err(header)?;
        let given = reader.count(tuple).map_err(header)?;
        Ok(Args {
            reader,
            given,
            taken: 0,
        })
    }

    /// Decodes the next parameter, `name` (for the error message), as a `T`.
    pub fn next<T: Decode>(&mut self, name: &str) -> Result<T, CallError> {
        self.arrive(name)?;
        T::decode(&mut self.reader)
            .map_err(|e| CallError::BadArgs(e.argument_message(name, &T::type_name())))
    }

    /// Decodes the next parameter, a `dict[str, T]` the function only reads, as
    /// a view of the argument buffer ([`ViewDecode`]).
    pub fn next_view<T: ViewDecode<'a>>(&mut self, name: &str) -> Result<T, CallError> {
        self.arrive(name)?;
        T::decode_view(&mut self.reader)
            .map_err(|e| CallError::BadArgs(e.argument_message(name, &T::view_type_name())))
    }

    /// Decodes the next parameter, a `str`, as a view into the argument buffer.
    pub fn next_str(&mut self, name: &str) -> Result<&'a str, CallError> {
        self.arrive(name)?;
        self.reader
            .str()
            .map_err(|e| CallError::BadArgs(e.argument_message(name, "str")))
    }

    /// Decodes the next parameter, a `list[str]` the function only reads, as
    /// views into the argument buffer: one `Vec` of `&str`, no `String` per item.
    pub fn next_strs(&mut self, name: &str) -> Result<Vec<&'a str>, CallError> {
        self.arrive(name)?;
        let bad = |e: DecodeError| {
            CallError::BadArgs(e.argument_message(name, &Vec::<String>::type_name()))
        };
        if self
            .reader
            .peek_tag(Vec::<String>::type_name)
            .map_err(bad)?
            != tag::LIST
        {
            // not a generic list: the owned decoding reports it, with the same words
            return match Vec::<String>::decode(&mut self.reader) {
                Err(e) => Err(bad(e)),
                Ok(_) => Err(bad(DecodeError::malformed(
                    "list[str]",
                    "a packed list of str",
                ))),
            };
        }
        self.reader.u8(Vec::<String>::type_name).map_err(bad)?;
        let n = self.reader.count(Vec::<String>::type_name).map_err(bad)?;
        if let Some(items) = self.reader.str_run(n) {
            return Ok(items);
        }
        let mut items = Vec::with_capacity(n);
        for i in 0..n {
            items.push(
                self.reader
                    .str()
                    .map_err(|e| bad(e.within(&format!("[{i}]"))))?,
            );
        }
        Ok(items)
    }

    /// Decodes the next parameter, a `list[float]`, `list[int]` or
    /// `list[bool]`: a view into the argument buffer when it came packed with
    /// `T`'s dtype at an aligned address, else a converted copy.
    pub fn next_slice<T: Element + Decode>(
        &mut self,
        name: &str,
    ) -> Result<Cow<'a, [T]>, CallError> {
        self.arrive(name)?;
        let bad =
            |e: DecodeError| CallError::BadArgs(e.argument_message(name, &Vec::<T>::type_name()));
        if self.reader.peek_tag(Vec::<T>::type_name).map_err(bad)? != tag::PACKED {
            return Vec::<T>::decode(&mut self.reader)
                .map(Cow::Owned)
                .map_err(bad);
        }
        self.reader.u8(Vec::<T>::type_name).map_err(bad)?;
        let p = self.reader.packed_rest(Vec::<T>::type_name).map_err(bad)?;
        if p.dtype == T::DTYPE && p.is_aligned() && cfg!(target_endian = "little") {
            // SAFETY: the payload holds `count` items of `T`'s dtype at an
            // address aligned for `T`; f64 and i64 accept every bit pattern
            // and bool items were checked to be 0 or 1 by `packed_rest`.
            let items =
                unsafe { std::slice::from_raw_parts(p.data.as_ptr().cast::<T>(), p.count()) };
            return Ok(Cow::Borrowed(items));
        }
        T::from_packed(&p).map(Cow::Owned).map_err(bad)
    }

    /// Counts one more parameter, failing if none is left.
    fn arrive(&mut self, name: &str) -> Result<(), CallError> {
        if self.taken == self.given {
            return Err(CallError::BadArgs(format!(
                "missing argument '{name}' (only {} given)",
                self.given
            )));
        }
        self.taken += 1;
        Ok(())
    }

    /// Checks that every argument was taken and nothing follows the tuple.
    pub fn finish(&self) -> Result<(), CallError> {
        if self.taken != self.given {
            return Err(CallError::BadArgs(format!(
                "takes {} arguments but {} were given",
                self.taken, self.given
            )));
        }
        if !self.reader.is_at_end() {
            return Err(CallError::BadArgs(
                "trailing bytes after the arguments".into(),
            ));
        }
        Ok(())
    }
}

/// The text of a caught panic's payload.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(a panic without a message)".to_string()
    }
}

/// Runs one exported function: decodes the args tuple header, runs `body`
/// under `catch_unwind`, checks every argument was used, encodes the result
/// into a new buffer and stores it in `*out`/`*out_len`. Returns the status
/// (docs/abi.md); on a non-zero status `*out` holds the error as a PCV
/// tuple `(class, message)`, or `(class, message, (args, fields))` for an
/// exception of the module's classes ([`PyErr::encode_error`]; freed like a
/// result), and the thread's last error holds the class and message too.
///
/// # Safety
///
/// `args` must be readable for `args_len` bytes (or null with `args_len` 0)
/// for the duration of the call; `out` and `out_len` must be null or valid
/// for writes.
pub unsafe fn call_entry<R, F>(
    args: *const u8,
    args_len: usize,
    out: *mut *mut u8,
    out_len: *mut usize,
    body: F,
) -> i32
where
    R: Encode,
    F: FnOnce(&mut Args<'_>) -> Result<R, CallError>,
{
    let utf8_checked = take_trusted_args();
    if out.is_null() || out_len.is_null() {
        set_last_error(
            "SystemError",
            "null out or out_len pointer passed to a pycomp entry point",
        );
        return STATUS_INTERNAL;
    }
    // SAFETY: both checked non-null; the caller guarantees they are writable.
    unsafe {
        *out = std::ptr::null_mut();
        *out_len = 0;
    }
    let input: &[u8] = if args.is_null() {
        &[]
    } else {
        // SAFETY: the caller guarantees `args` is readable for `args_len` bytes.
        unsafe { std::slice::from_raw_parts(args, args_len) }
    };

    let run = panic::catch_unwind(AssertUnwindSafe(|| -> Result<Writer, CallError> {
        let mut a = Args::vouched(input, utf8_checked)?;
        let result = body(&mut a)?;
        a.finish()?;
        Ok(encode_to_writer(&result))
    }));

    let (status, err) = match run {
        Ok(Ok(buf)) => {
            let (ptr, len) = buf.into_raw();
            // SAFETY: checked non-null and writable above.
            unsafe {
                *out = ptr;
                *out_len = len;
            }
            return STATUS_OK;
        }
        Ok(Err(CallError::Raised(e))) => (STATUS_RAISED, e),
        Ok(Err(CallError::BadArgs(msg))) => (STATUS_BAD_ARGS, PyErr::type_error(msg)),
        // A Python exception the runtime raised outside a compiled
        // function's guard (`limits::nested`).
        Err(payload) => match super::raised_by(payload) {
            Ok(e) => (STATUS_RAISED, e),
            Err(payload) => {
                let msg = format!(
                    "internal error in compiled code (a pycomp bug, please report): {}",
                    panic_message(&*payload)
                );
                // A payload whose destructor panics must not unwind out of here.
                let _ = panic::catch_unwind(AssertUnwindSafe(move || drop(payload)));
                (STATUS_INTERNAL, PyErr::new(ExcKind::SystemError, msg))
            }
        },
    };
    set_last_error(err.kind.name(), &err.message);
    // The error also goes in `*out`, as a PCV tuple (class, message), with the
    // args and fields of an exception of the module's classes as a third element:
    // a caller on another thread (an async binding) can read it there.
    let mut buf = Writer::with_capacity(64);
    err.encode_error(&mut buf);
    let (ptr, len) = buf.into_raw();
    // SAFETY: checked non-null and writable above.
    unsafe {
        *out = ptr;
        *out_len = len;
    }
    status
}
