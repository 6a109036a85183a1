//! Instances of the classes a compiled module defines.
//!
//! Python shares objects: two names, a list item and a field can all refer to
//! one instance, and a change through one is seen through every other. An
//! instance is therefore an [`Instance`]: a reference-counted, interior-mutable
//! handle (`Rc<RefCell<T>>`) whose `clone` shares, never copies. Generated code
//! never holds a borrow of an object across a call: fields are read through
//! [`Instance::get`] and written through [`Instance::with_mut`], which release the borrow
//! before returning, so a method can always reach the object again.
//! (docs/architecture.md, "Objects".)

use super::abi::{self, Decode, DecodeError, Reader, Writer, tag};
use super::{PyErr, PyResult};
use std::cell::{Ref, RefCell, RefMut};
use std::hash::{Hash, Hasher};
use std::rc::Rc;
use std::sync::{Arc, Mutex, MutexGuard};

/// A shared instance of a compiled class `T` (the struct of its fields).
pub struct Instance<T>(Rc<RefCell<T>>);

impl<T> Clone for Instance<T> {
    /// Another reference to the same object, as Python's assignment gives.
    fn clone(&self) -> Self {
        Instance(Rc::clone(&self.0))
    }
}

impl<T: Default> Default for Instance<T> {
    fn default() -> Self {
        Instance::new(T::default())
    }
}

impl<T> Instance<T> {
    /// A new object holding `fields`.
    pub fn new(fields: T) -> Instance<T> {
        Instance(Rc::new(RefCell::new(fields)))
    }

    /// Reads the object: `f` gets its fields; the borrow ends when `get` returns.
    pub fn get<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.0.borrow())
    }

    /// Changes the object: `f` gets its fields mutably; the borrow ends when it returns.
    pub fn with_mut<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        f(&mut self.0.borrow_mut())
    }

    /// The fields, borrowed (for Rust callers of the generated API).
    pub fn borrow(&self) -> Ref<'_, T> {
        self.0.borrow()
    }

    /// The fields, borrowed mutably: a place for `obj.items.append(x)` within one
    /// statement.
    pub fn borrow_mut(&self) -> RefMut<'_, T> {
        self.0.borrow_mut()
    }

    /// `a is b`: the same object.
    pub fn is(&self, other: &Instance<T>) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// An identity for the default `__hash__` and `repr`.
    pub fn addr(&self) -> usize {
        Rc::as_ptr(&self.0) as *const u8 as usize
    }
}

impl<T: Clone> Instance<T> {
    /// A copy of the fields (the record a Rust caller reads).
    pub fn to_record(&self) -> T {
        self.0.borrow().clone()
    }
}

/// The cell of a variable nested functions change (`nonlocal`, in place) or of a
/// module-level variable functions change (`global`): a one-field object like an
/// [`Instance`], but `Send + Sync` for a `Send` value (`Arc<Mutex<T>>`), so that a
/// function value (`pcrt::Func`) may keep it and every thread sees one variable.
/// The same methods as [`Instance`], each holding the lock for one operation only
/// (generated code never holds it across a call). (docs/architecture.md, "Nested
/// functions" and "Module-level state".)
pub struct Shared<T>(Arc<Mutex<T>>);

impl<T> Clone for Shared<T> {
    /// Another reference to the same cell.
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T: Default> Default for Shared<T> {
    fn default() -> Self {
        Shared::new(T::default())
    }
}

impl<T> Shared<T> {
    /// A new cell holding `fields`.
    pub fn new(fields: T) -> Shared<T> {
        Shared(Arc::new(Mutex::new(fields)))
    }

    fn lock(&self) -> MutexGuard<'_, T> {
        // a panic while the lock was held (caught at the entry point) leaves the value
        // as the last completed operation left it
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Reads the cell: `f` gets its fields; the lock ends when `get` returns.
    pub fn get<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.lock())
    }

    /// Changes the cell: `f` gets its fields mutably; the lock ends when it returns.
    pub fn with_mut<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        f(&mut self.lock())
    }

    /// The fields, locked (a place read within one statement).
    pub fn borrow(&self) -> MutexGuard<'_, T> {
        self.lock()
    }

    /// The fields, locked for a change within one statement.
    pub fn borrow_mut(&self) -> MutexGuard<'_, T> {
        self.lock()
    }

    /// `a is b`: the same cell.
    pub fn is(&self, other: &Shared<T>) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }

    /// An identity for the default `__hash__` and `repr`.
    pub fn addr(&self) -> usize {
        Arc::as_ptr(&self.0) as *const u8 as usize
    }
}

impl<T: Clone> Shared<T> {
    /// A copy of the fields.
    pub fn to_record(&self) -> T {
        self.lock().clone()
    }
}

/// Hashes an object by identity (`object.__hash__`): for classes that define no
/// `__eq__`.
pub fn hash_identity<T, H: Hasher>(obj: &Instance<T>, state: &mut H) {
    obj.addr().hash(state);
}

/// CPython's default `repr` of an object (`<mod.Name object at 0x...>`); the address
/// is this process's, as in CPython.
pub fn default_repr(qualname: &str, addr: usize) -> String {
    format!("<{qualname} object at {addr:#x}>")
}

/// The enum error of `Label(value)` for a value no member has.
pub fn enum_value_error(value_repr: &str, class: &str) -> PyErr {
    PyErr::new(
        super::ExcKind::ValueError,
        format!("{value_repr} is not a valid {class}"),
    )
}

/// Starts the PCV record of an object crossing the ABI: a tuple of its fields.
pub fn encode_record_header(fields: usize, out: &mut Writer) {
    out.header(tag::TUPLE, fields);
}

/// Reads the header of a record of `fields` fields (a PCV tuple).
pub fn decode_record_header(
    r: &mut Reader<'_>,
    fields: usize,
    expected: abi::Expected,
) -> Result<(), DecodeError> {
    r.expect_tag(tag::TUPLE, expected)?;
    let n = r.u64(expected)?;
    if n != fields as u64 {
        return Err(DecodeError::malformed(
            expected(),
            format!("a record of {n} fields"),
        ));
    }
    Ok(())
}

/// Starts the PCV form of an object of a family (a class with a base or subclasses):
/// the tuple `(its class's name, its record)` (docs/abi.md, "Families").
pub fn encode_family_header(class: &str, out: &mut Writer) {
    out.header(tag::TUPLE, 2);
    abi::Encode::encode(class, out);
}

/// Reads the head of an object of a family: the tuple of two and its class's name;
/// its record follows.
pub fn decode_family_header(
    r: &mut Reader<'_>,
    expected: abi::Expected,
) -> Result<String, DecodeError> {
    r.expect_tag(tag::TUPLE, expected)?;
    let n = r.u64(expected)?;
    if n != 2 {
        return Err(DecodeError::malformed(
            expected(),
            format!("a tuple of {n} items (a class's name and its record)"),
        ));
    }
    String::decode(r).map_err(|e| e.within("[0]"))
}

/// The error of an object of a family whose class is none of the family's.
pub fn unknown_family_class(class: &str, expected: abi::Expected) -> DecodeError {
    DecodeError::malformed(expected(), format!("an object of the class {class:?}"))
}

/// Decodes one field of a record, naming it in errors.
pub fn decode_field<T: Decode>(r: &mut Reader<'_>, name: &str) -> Result<T, DecodeError> {
    T::decode(r).map_err(|e| e.within(&format!(".{name}")))
}

/// Hashing of a value a compiled dict key or `hash()` reaches: `py_hash` feeds a
/// Rust `Hasher` (consistent with `==`: `-0.0 == 0.0`, so both hash alike) and
/// `py_hash_value` is the number CPython's `hash()` gives, where CPython's is fixed:
/// ints, bools, floats (not NaN), tuples of them, and objects whose `__hash__`
/// computes from those. A str's hash is randomized per CPython process, NaN's and
/// None's come from the object's address: those get a number consistent with `==`.
pub trait PyHash {
    fn py_hash<H: Hasher>(&self, state: &mut H);
    fn py_hash_value(&self) -> i64;
}

/// A hash from a Rust `Hasher`, for the values CPython's hash is not fixed for.
pub fn hasher_value<T: Hash + ?Sized>(x: &T) -> i64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    x.hash(&mut h);
    let v = h.finish() as i64;
    if v == -1 { -2 } else { v }
}

impl PyHash for i64 {
    fn py_hash<H: Hasher>(&self, state: &mut H) {
        self.hash(state);
    }
    fn py_hash_value(&self) -> i64 {
        super::py_hash_int(*self)
    }
}

impl PyHash for bool {
    fn py_hash<H: Hasher>(&self, state: &mut H) {
        i64::from(*self).hash(state);
    }
    fn py_hash_value(&self) -> i64 {
        i64::from(*self)
    }
}

impl PyHash for f64 {
    fn py_hash<H: Hasher>(&self, state: &mut H) {
        let v = if *self == 0.0 { 0.0 } else { *self };
        v.to_bits().hash(state);
    }
    fn py_hash_value(&self) -> i64 {
        py_hash_float(*self)
    }
}

/// CPython's `hash()` of a float (`_Py_HashDouble`): the value as a fraction reduced
/// modulo 2**61 - 1, so an integral float hashes as its int. NaN (hashed by address
/// in CPython 3.10+) gives 0.
pub fn py_hash_float(v: f64) -> i64 {
    const BITS: u32 = 61;
    const MODULUS: u64 = (1 << BITS) - 1;
    if v.is_nan() {
        return 0;
    }
    if v.is_infinite() {
        return if v > 0.0 { 314_159 } else { -314_159 };
    }
    let (mut m, mut e) = frexp(v);
    let sign: i64 = if m < 0.0 {
        m = -m;
        -1
    } else {
        1
    };
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (BITS - 28));
        m *= 268_435_456.0; // 2**28
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e % BITS as i32
    } else {
        BITS as i32 - 1 - ((-1 - e) % BITS as i32)
    } as u32;
    x = ((x << e) & MODULUS) | (x >> (BITS - e));
    let h = x as i64 * sign;
    if h == -1 { -2 } else { h }
}

/// `v = m * 2**e` with `0.5 <= |m| < 1` (C's `frexp`), for a finite `v`.
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // subnormal: scale into the normal range first
        let (m, e) = frexp(v * 18_014_398_509_481_984.0); // 2**54
        return (m, e - 54);
    }
    (
        f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52)),
        exp - 1022,
    )
}

impl PyHash for String {
    fn py_hash<H: Hasher>(&self, state: &mut H) {
        self.hash(state);
    }
    fn py_hash_value(&self) -> i64 {
        hasher_value(self.as_str())
    }
}

impl PyHash for () {
    fn py_hash<H: Hasher>(&self, _state: &mut H) {}
    /// The empty tuple's (None, also `()`, is hashed by address in CPython).
    fn py_hash_value(&self) -> i64 {
        py_hash_items(&[])
    }
}

impl<T: PyHash> PyHash for Option<T> {
    fn py_hash<H: Hasher>(&self, state: &mut H) {
        if let Some(v) = self {
            v.py_hash(state);
        }
    }
    fn py_hash_value(&self) -> i64 {
        match self {
            Some(v) => v.py_hash_value(),
            None => ().py_hash_value(),
        }
    }
}

/// CPython's tuple hash (xxHash's mixing over the items' hashes, `tuplehash`).
pub fn py_hash_items(items: &[i64]) -> i64 {
    const PRIME1: u64 = 11_400_714_785_074_694_791;
    const PRIME2: u64 = 14_029_467_366_897_019_727;
    const PRIME5: u64 = 2_870_177_450_012_600_261;
    let mut acc = PRIME5;
    for &lane in items {
        acc = acc.wrapping_add((lane as u64).wrapping_mul(PRIME2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(PRIME1);
    }
    acc = acc.wrapping_add(items.len() as u64 ^ (PRIME5 ^ 3_527_539));
    if acc == u64::MAX {
        return 1_546_275_796;
    }
    acc as i64
}

macro_rules! tuple_py_hash {
    ($( ($($name:ident $idx:tt),+) )+) => {$(
        impl<$($name: PyHash),+> PyHash for ($($name,)+) {
            fn py_hash<HS: Hasher>(&self, state: &mut HS) {
                $( self.$idx.py_hash(state); )+
            }
            fn py_hash_value(&self) -> i64 {
                py_hash_items(&[$( self.$idx.py_hash_value() ),+])
            }
        }
    )+};
}

tuple_py_hash! {
    (A 0)
    (A 0, B 1)
    (A 0, B 1, C 2)
    (A 0, B 1, C 2, D 3)
    (A 0, B 1, C 2, D 3, E 4)
    (A 0, B 1, C 2, D 3, E 4, F 5)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, I 7)
}

/// A tuple of any length hashes as the fixed tuple of the same items.
impl<T: PyHash> PyHash for super::Tuple<T> {
    fn py_hash<HS: Hasher>(&self, state: &mut HS) {
        for item in self.iter() {
            item.py_hash(state);
        }
    }
    fn py_hash_value(&self) -> i64 {
        let lanes: Vec<i64> = self.iter().map(PyHash::py_hash_value).collect();
        py_hash_items(&lanes)
    }
}

/// `hash(x)`: CPython's number where CPython's is fixed (see [`PyHash`]).
pub fn py_hash<T: PyHash + ?Sized>(x: &T) -> i64 {
    x.py_hash_value()
}

impl PyHash for str {
    fn py_hash<H: Hasher>(&self, state: &mut H) {
        self.hash(state);
    }
    fn py_hash_value(&self) -> i64 {
        hasher_value(self)
    }
}

impl<T: PyHash + ?Sized> PyHash for &T {
    fn py_hash<H: Hasher>(&self, state: &mut H) {
        (**self).py_hash(state);
    }
    fn py_hash_value(&self) -> i64 {
        (**self).py_hash_value()
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Instance<T> {
    /// The fields, as the struct's `Debug` prints them (for Rust callers).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.borrow().fmt(f)
    }
}

// An exception raised by a dunder method that the runtime called through a
// Rust trait (`PartialEq` inside `list.index`, `PartialOrd` inside `sorted`,
// `Hash` of a dict key, `PyRepr` of a container), which cannot return it.
// It waits here until the generated code, right after the operation that
// called the method, takes it and raises it (`dunder_checked`); until then no
// further dunder runs, as CPython runs none after the exception.
thread_local! {
    static DUNDER_ERROR: std::cell::RefCell<Option<PyErr>> = const { std::cell::RefCell::new(None) };
    /// Whether `DUNDER_ERROR` holds an exception: the check every compiled
    /// function's return makes, a plain flag (no borrow, no destructor state).
    static DUNDER_PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Calls a dunder method for a trait impl: its result, or, when it raised (or an
/// earlier one did and is still waiting), `fallback` with the exception kept for
/// [`dunder_checked`].
pub fn dunder_call<T>(fallback: T, call: impl FnOnce() -> PyResult<T>) -> T {
    if DUNDER_PENDING.with(std::cell::Cell::get) {
        return fallback;
    }
    match call() {
        Ok(v) => v,
        Err(err) => {
            DUNDER_ERROR.with(|e| *e.borrow_mut() = Some(err));
            DUNDER_PENDING.with(|p| p.set(true));
            fallback
        }
    }
}

/// The result of an operation that may have called dunder methods: the exception
/// one of them raised, if any, else `value`.
#[inline]
pub fn dunder_checked<T>(value: T) -> PyResult<T> {
    if !DUNDER_PENDING.with(std::cell::Cell::get) {
        return Ok(value);
    }
    DUNDER_PENDING.with(|p| p.set(false));
    match DUNDER_ERROR.with(|e| e.borrow_mut().take()) {
        Some(err) => Err(err),
        None => Ok(value),
    }
}

/// As [`dunder_checked`], for an operation that can raise by itself: the dunder's
/// exception comes first (the operation's own error followed from the fallback).
#[inline]
pub fn dunder_checked_result<T>(result: PyResult<T>) -> PyResult<T> {
    dunder_checked(()).and(result)
}
