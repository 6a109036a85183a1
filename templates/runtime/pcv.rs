//! PCV, the value encoding of the bundle ABI (docs/abi.md), version 2: its
//! bytes, written and read in one place.
//!
//! This file is the one Rust implementation of the encoding. Every generated
//! crate carries it as `pcrt::pcv` (inside the runtime copy, so generated
//! crates keep depending on crates.io crates only), and the Python loader
//! compiles the same file as the `pycomp-pcv` crate. It depends on nothing
//! but `std`: type-driven encoding (Rust values in the runtime, Python
//! objects in the loader) sits on top of it.
//!
//! Layout rules shared by every value:
//! - little-endian; one tag byte per value;
//! - array payloads (ndarray data and packed lists) start at an offset from
//!   the start of the buffer that is a multiple of [`ALIGN`] (zero bytes pad
//!   up to it), so a reader holding a buffer whose start is 16-byte aligned
//!   can view them in place; [`Writer`] buffers are always so aligned.

use std::alloc::{self, Layout};
use std::ptr::NonNull;

/// The version of the bundle ABI this encoding belongs to.
pub const ABI_VERSION: u32 = 2;

/// The alignment of array payloads, relative to the start of the buffer, and
/// of every buffer a [`Writer`] allocates.
pub const ALIGN: usize = 16;

/// The tag bytes.
pub mod tag {
    pub const NONE: u8 = 0x00;
    pub const FALSE: u8 = 0x01;
    pub const TRUE: u8 = 0x02;
    pub const INT: u8 = 0x03;
    pub const FLOAT: u8 = 0x04;
    pub const STR: u8 = 0x05;
    pub const LIST: u8 = 0x06;
    pub const TUPLE: u8 = 0x07;
    pub const DICT: u8 = 0x08;
    pub const SET: u8 = 0x09;
    pub const NDARRAY: u8 = 0x0A;
    /// A `list[float]`, `list[int]` or `list[bool]` as one array payload.
    pub const PACKED: u8 = 0x0B;
    /// A `bytes` value: `u64` length, the bytes (no padding).
    pub const BYTES: u8 = 0x0C;

    /// The Python name of the type a tag encodes, for error messages.
    pub fn type_name(tag: u8) -> &'static str {
        match tag {
            NONE => "None",
            FALSE | TRUE => "bool",
            INT => "int",
            FLOAT => "float",
            STR => "str",
            LIST | PACKED => "list",
            TUPLE => "tuple",
            DICT => "dict",
            SET => "set",
            NDARRAY => "ndarray",
            BYTES => "bytes",
            _ => "an unknown PCV tag",
        }
    }
}

/// The element type of an array payload, with its dtype byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum DType {
    Float32 = 1,
    Float64 = 2,
    Int32 = 3,
    Int64 = 4,
    /// One byte per element, 0 or 1.
    Bool = 5,
    Int8 = 6,
    UInt8 = 7,
    Int16 = 8,
    UInt16 = 9,
    UInt32 = 10,
    /// IEEE 754 binary16 (numpy's float16), two bytes.
    Float16 = 11,
}

impl DType {
    /// The dtype byte.
    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(code: u8) -> Option<DType> {
        Some(match code {
            1 => DType::Float32,
            2 => DType::Float64,
            3 => DType::Int32,
            4 => DType::Int64,
            5 => DType::Bool,
            6 => DType::Int8,
            7 => DType::UInt8,
            8 => DType::Int16,
            9 => DType::UInt16,
            10 => DType::UInt32,
            11 => DType::Float16,
            _ => return None,
        })
    }

    /// The numpy name (`float32` ...), as in the manifest.
    pub fn name(self) -> &'static str {
        match self {
            DType::Float32 => "float32",
            DType::Float64 => "float64",
            DType::Int32 => "int32",
            DType::Int64 => "int64",
            DType::Bool => "bool",
            DType::Int8 => "int8",
            DType::UInt8 => "uint8",
            DType::Int16 => "int16",
            DType::UInt16 => "uint16",
            DType::UInt32 => "uint32",
            DType::Float16 => "float16",
        }
    }

    pub fn from_name(name: &str) -> Option<DType> {
        Some(match name {
            "float32" => DType::Float32,
            "float64" => DType::Float64,
            "int32" => DType::Int32,
            "int64" => DType::Int64,
            "bool" => DType::Bool,
            "int8" => DType::Int8,
            "uint8" => DType::UInt8,
            "int16" => DType::Int16,
            "uint16" => DType::UInt16,
            "uint32" => DType::UInt32,
            "float16" => DType::Float16,
            _ => return None,
        })
    }

    /// Bytes per element.
    pub fn item_size(self) -> usize {
        match self {
            DType::Float32 | DType::Int32 | DType::UInt32 => 4,
            DType::Float64 | DType::Int64 => 8,
            DType::Int16 | DType::UInt16 | DType::Float16 => 2,
            DType::Bool | DType::Int8 | DType::UInt8 => 1,
        }
    }

    /// Whether a packed list may carry this dtype (`list[float]`,
    /// `list[int]`, `list[bool]` are float64, int64 and bool).
    pub fn is_packable(self) -> bool {
        matches!(self, DType::Float64 | DType::Int64 | DType::Bool)
    }
}

/// The byte length of an array of `dtype` and `shape`, if it fits in `usize`.
pub fn array_byte_len(dtype: DType, shape: &[usize]) -> Option<usize> {
    shape
        .iter()
        .try_fold(dtype.item_size(), |acc, &d| acc.checked_mul(d))
}

/// The zero bytes needed after `offset` to reach the next multiple of [`ALIGN`].
pub fn padding(offset: usize) -> usize {
    (ALIGN - offset % ALIGN) % ALIGN
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/// A growable byte buffer whose start is [`ALIGN`]-byte aligned, with the
/// writers of every PCV value. Handed to a foreign caller with
/// [`Writer::into_raw`] and freed with [`free_raw`].
pub struct Writer {
    ptr: NonNull<u8>,
    len: usize,
    cap: usize,
}

// SAFETY: a Writer owns its allocation exclusively, like a Vec<u8>.
unsafe impl Send for Writer {}
// SAFETY: shared references only read the bytes.
unsafe impl Sync for Writer {}

impl Default for Writer {
    fn default() -> Self {
        Writer::new()
    }
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer").field("len", &self.len).finish()
    }
}

fn layout(cap: usize) -> Layout {
    Layout::from_size_align(cap, ALIGN)
        .unwrap_or_else(|_| alloc::handle_alloc_error(Layout::new::<u8>()))
}

impl Writer {
    /// An empty writer (it allocates on the first byte).
    pub const fn new() -> Writer {
        Writer {
            ptr: NonNull::<u128>::dangling().cast(),
            len: 0,
            cap: 0,
        }
    }

    /// An empty writer with room for `cap` bytes.
    pub fn with_capacity(cap: usize) -> Writer {
        let mut w = Writer::new();
        w.reserve(cap);
        w
    }

    /// The bytes written so far.
    pub fn as_slice(&self) -> &[u8] {
        // SAFETY: `ptr` is valid for `len` initialised bytes (dangling and
        // aligned when `len` is 0).
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Forgets the bytes written, keeping the allocation.
    pub fn clear(&mut self) {
        self.len = 0;
    }

    /// Forgets the bytes written after the first `len` (a writer that
    /// takes back what a fast path wrote before it gave up).
    pub fn truncate(&mut self, len: usize) {
        self.len = self.len.min(len);
    }

    /// Makes room for `n` more bytes.
    #[inline]
    pub fn reserve(&mut self, n: usize) {
        // every value written reserves: the check stays inline, the growth does not
        if n > self.cap - self.len {
            self.grow(n);
        }
    }

    #[cold]
    #[inline(never)]
    fn grow(&mut self, n: usize) {
        let need = self.len.saturating_add(n);
        let new_cap = need.max(self.cap.saturating_mul(2)).max(64);
        let new_layout = layout(new_cap);
        // SAFETY: the layout has a non-zero size; when we own an allocation,
        // it was made with `layout(self.cap)`.
        let p = unsafe {
            if self.cap == 0 {
                alloc::alloc(new_layout)
            } else {
                alloc::realloc(self.ptr.as_ptr(), layout(self.cap), new_cap)
            }
        };
        self.ptr = NonNull::new(p).unwrap_or_else(|| alloc::handle_alloc_error(new_layout));
        self.cap = new_cap;
    }

    /// Appends raw bytes.
    #[inline]
    pub fn bytes(&mut self, b: &[u8]) {
        self.reserve(b.len());
        // SAFETY: `reserve` made room for `b.len()` bytes after `len`; a
        // caller's slice cannot overlap our exclusively owned allocation.
        unsafe {
            std::ptr::copy_nonoverlapping(b.as_ptr(), self.ptr.as_ptr().add(self.len), b.len());
        }
        self.len += b.len();
    }

    #[inline]
    pub fn u8(&mut self, v: u8) {
        self.bytes(&[v]);
    }

    #[inline]
    pub fn u64(&mut self, v: u64) {
        self.bytes(&v.to_le_bytes());
    }

    /// A count or byte length.
    #[inline]
    pub fn len_u64(&mut self, n: usize) {
        self.u64(n as u64);
    }

    /// Zero bytes up to the next multiple of [`ALIGN`].
    pub fn pad(&mut self) {
        let n = padding(self.len);
        self.reserve(n);
        // SAFETY: room for `n` bytes was reserved.
        unsafe { std::ptr::write_bytes(self.ptr.as_ptr().add(self.len), 0, n) };
        self.len += n;
    }

    /// Overwrites the `u64` at `at` (a count reserved with [`Writer::reserve_u64`]).
    pub fn patch_u64(&mut self, at: usize, v: u64) {
        assert!(at + 8 <= self.len, "patch_u64 past the end");
        // SAFETY: checked in bounds just above.
        unsafe {
            std::ptr::copy_nonoverlapping(v.to_le_bytes().as_ptr(), self.ptr.as_ptr().add(at), 8)
        };
    }

    /// Appends a placeholder `u64`, returning its offset for [`Writer::patch_u64`].
    pub fn reserve_u64(&mut self) -> usize {
        let at = self.len;
        self.u64(0);
        at
    }

    pub fn none(&mut self) {
        self.u8(tag::NONE);
    }

    pub fn bool(&mut self, v: bool) {
        self.u8(if v { tag::TRUE } else { tag::FALSE });
    }

    pub fn int(&mut self, v: i64) {
        self.u8(tag::INT);
        self.bytes(&v.to_le_bytes());
    }

    pub fn float(&mut self, v: f64) {
        self.u8(tag::FLOAT);
        self.u64(v.to_bits());
    }

    pub fn str(&mut self, s: &str) {
        // one reservation for the tag, the length and the text
        self.reserve(9usize.saturating_add(s.len()));
        self.u8(tag::STR);
        self.len_u64(s.len());
        self.bytes(s.as_bytes());
    }

    pub fn bytes_value(&mut self, b: &[u8]) {
        self.u8(tag::BYTES);
        self.len_u64(b.len());
        self.bytes(b);
    }

    /// The header of a list, tuple, dict (`count` pairs) or set; the items follow.
    pub fn header(&mut self, tag: u8, count: usize) {
        self.u8(tag);
        self.len_u64(count);
    }

    /// The header of a packed list of `count` items of `dtype`, then the
    /// padding: its `count * item_size` payload bytes follow. Returns the
    /// offset of the count, for a writer that learns it only at the end.
    pub fn packed_header(&mut self, dtype: DType, count: usize) -> usize {
        self.u8(tag::PACKED);
        self.u8(dtype.code());
        let at = self.len;
        self.len_u64(count);
        self.pad();
        at
    }

    /// A packed list whose payload is `data` (little-endian items of `dtype`).
    pub fn packed(&mut self, dtype: DType, data: &[u8]) {
        self.packed_header(dtype, data.len() / dtype.item_size());
        self.bytes(data);
    }

    /// The header of an ndarray, then the padding: its `nbytes` of
    /// C-contiguous data follow.
    pub fn ndarray_header(&mut self, dtype: DType, shape: &[usize], nbytes: usize) {
        self.u8(tag::NDARRAY);
        self.u8(dtype.code());
        self.u8(shape.len() as u8);
        for &d in shape {
            self.len_u64(d);
        }
        self.len_u64(nbytes);
        self.pad();
    }

    /// An ndarray whose data is `data`.
    pub fn ndarray(&mut self, dtype: DType, shape: &[usize], data: &[u8]) {
        self.ndarray_header(dtype, shape, data.len());
        self.bytes(data);
    }

    /// Hands the buffer over: `(pointer, length)`, to be freed with
    /// [`free_raw`]. The allocation is shrunk to the length first, so the
    /// length alone frees it. An empty writer gives a null pointer.
    pub fn into_raw(self) -> (*mut u8, usize) {
        let this = std::mem::ManuallyDrop::new(self);
        if this.len == 0 {
            if this.cap > 0 {
                // SAFETY: allocated with `layout(cap)`.
                unsafe { alloc::dealloc(this.ptr.as_ptr(), layout(this.cap)) };
            }
            return (std::ptr::null_mut(), 0);
        }
        let mut ptr = this.ptr.as_ptr();
        if this.cap != this.len {
            // SAFETY: allocated with `layout(cap)`; `len` is non-zero.
            ptr = unsafe { alloc::realloc(ptr, layout(this.cap), this.len) };
            if ptr.is_null() {
                alloc::handle_alloc_error(layout(this.len));
            }
        }
        (ptr, this.len)
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        if self.cap > 0 {
            // SAFETY: allocated with `layout(cap)`.
            unsafe { alloc::dealloc(self.ptr.as_ptr(), layout(self.cap)) };
        }
    }
}

/// Frees a buffer from [`Writer::into_raw`]. Null is ignored.
///
/// # Safety
///
/// `ptr` must be null, or a pointer from [`Writer::into_raw`] of this same
/// code (the same allocator) with its length `len`, not freed already.
pub unsafe fn free_raw(ptr: *mut u8, len: usize) {
    if ptr.is_null() || len == 0 {
        return;
    }
    // SAFETY: per the contract, allocated with `layout(len)`.
    unsafe { alloc::dealloc(ptr, layout(len)) };
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

/// Why bytes did not read as a PCV value, before any type is considered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Malformed {
    /// The buffer ended inside a value.
    Truncated,
    /// A dtype byte that names no dtype.
    UnknownDType(u8),
    /// A packed list of a dtype that lists do not pack (only float64, int64, bool).
    NotPackable(DType),
    /// An ndarray whose data length is not its shape's.
    ShapeMismatch,
    /// A bool item that is neither 0 nor 1.
    BadBool,
}

impl std::fmt::Display for Malformed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Malformed::Truncated => f.write_str("a truncated value"),
            Malformed::UnknownDType(c) => write!(f, "an array of unknown dtype {c}"),
            Malformed::NotPackable(d) => write!(f, "a packed list of dtype {}", d.name()),
            Malformed::ShapeMismatch => {
                f.write_str("an ndarray whose data length does not match its shape")
            }
            Malformed::BadBool => f.write_str("a bool item that is neither 0 nor 1"),
        }
    }
}

/// An array payload inside the buffer: its dtype, shape and bytes. The bytes
/// start at an aligned offset; whether their address is aligned depends on
/// the buffer's start ([`Payload::is_aligned`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Payload<'a> {
    pub dtype: DType,
    pub shape: Vec<usize>,
    pub data: &'a [u8],
}

impl Payload<'_> {
    /// Whether the data's address suits a view as `&[T]` of its dtype.
    pub fn is_aligned(&self) -> bool {
        (self.data.as_ptr() as usize).is_multiple_of(self.dtype.item_size())
    }

    /// The number of items.
    pub fn count(&self) -> usize {
        self.data.len() / self.dtype.item_size()
    }
}

/// A cursor over a PCV buffer. Offsets (and so padding) count from the
/// start of `buf`.
#[derive(Clone, Debug)]
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader { buf, pos: 0 }
    }

    /// The offset of the next byte.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// The bytes not read yet.
    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// The bytes not read yet, as a slice (for a reader of many items at once,
    /// which then steps over them with [`Reader::take`]).
    pub fn rest(&self) -> &'a [u8] {
        &self.buf[self.pos..]
    }

    /// Whether every byte was read.
    pub fn is_at_end(&self) -> bool {
        self.pos == self.buf.len()
    }

    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], Malformed> {
        if n > self.remaining() {
            return Err(Malformed::Truncated);
        }
        let bytes = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(bytes)
    }

    /// The next byte, without consuming it.
    pub fn peek(&self) -> Result<u8, Malformed> {
        self.buf.get(self.pos).copied().ok_or(Malformed::Truncated)
    }

    /// Steps back one byte (after a tag that turned out not to fit).
    pub fn unread(&mut self) {
        self.pos = self.pos.saturating_sub(1);
    }

    pub fn u8(&mut self) -> Result<u8, Malformed> {
        let b = self.peek()?;
        self.pos += 1;
        Ok(b)
    }

    pub fn u64(&mut self) -> Result<u64, Malformed> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }

    pub fn i64(&mut self) -> Result<i64, Malformed> {
        Ok(self.u64()? as i64)
    }

    pub fn f64(&mut self) -> Result<f64, Malformed> {
        Ok(f64::from_bits(self.u64()?))
    }

    /// A count of items, each at least one byte long: checked against the
    /// bytes left, so a corrupt count cannot make a reader allocate wildly.
    pub fn count(&mut self) -> Result<usize, Malformed> {
        let n = self.u64()?;
        if n > self.remaining() as u64 {
            return Err(Malformed::Truncated);
        }
        Ok(n as usize)
    }

    /// A `u64` byte length then that many bytes (a str's payload).
    pub fn len_bytes(&mut self) -> Result<&'a [u8], Malformed> {
        let n = self.count()?;
        self.take(n)
    }

    /// Skips the zero padding up to the next multiple of [`ALIGN`].
    pub fn skip_padding(&mut self) -> Result<(), Malformed> {
        self.take(padding(self.pos)).map(|_| ())
    }

    fn dtype(&mut self) -> Result<DType, Malformed> {
        let code = self.u8()?;
        DType::from_code(code).ok_or(Malformed::UnknownDType(code))
    }

    /// The rest of a packed list whose tag was read: dtype, count, padding,
    /// payload (shape `[count]`). Bool items are checked to be 0 or 1.
    pub fn packed_rest(&mut self) -> Result<Payload<'a>, Malformed> {
        let dtype = self.dtype()?;
        if !dtype.is_packable() {
            return Err(Malformed::NotPackable(dtype));
        }
        let count = self.u64()?;
        self.skip_padding()?;
        let nbytes = usize::try_from(count)
            .ok()
            .and_then(|c| c.checked_mul(dtype.item_size()))
            .ok_or(Malformed::Truncated)?;
        let data = self.take(nbytes)?;
        if dtype == DType::Bool && data.iter().any(|&b| b > 1) {
            return Err(Malformed::BadBool);
        }
        Ok(Payload {
            dtype,
            shape: vec![nbytes / dtype.item_size()],
            data,
        })
    }

    /// The rest of an ndarray whose tag was read: dtype, shape, byte length,
    /// padding, data. Bool items are checked to be 0 or 1.
    pub fn ndarray_rest(&mut self) -> Result<Payload<'a>, Malformed> {
        let dtype = self.dtype()?;
        let ndim = self.u8()? as usize;
        let mut shape = Vec::with_capacity(ndim);
        for _ in 0..ndim {
            shape.push(usize::try_from(self.u64()?).map_err(|_| Malformed::ShapeMismatch)?);
        }
        let nbytes = self.u64()?;
        self.skip_padding()?;
        if nbytes > self.remaining() as u64 {
            return Err(Malformed::Truncated);
        }
        let data = self.take(nbytes as usize)?;
        if array_byte_len(dtype, &shape) != Some(data.len()) {
            return Err(Malformed::ShapeMismatch);
        }
        if dtype == DType::Bool && data.iter().any(|&b| b > 1) {
            return Err(Malformed::BadBool);
        }
        Ok(Payload { dtype, shape, data })
    }
}
