//! Dynamic values: `typing.Any`, `object`, unions of distinct types
//! (`int | str`), lists of mixed items and JSON-shaped data.
//!
//! One enum of Python values ([`Obj`]) with CPython's operations on it, each
//! raising the `TypeError` (with CPython's message) that CPython raises for
//! operand types it does not support. Values are owned, like every other
//! compiled value: the alias pass refuses in-place changes to a value another
//! name shares.
//!
//! A dynamic value meets a declared type where Python code says so: an
//! annotated variable, a parameter, a `return`. There [`FromObj`] checks the
//! value's class and raises `TypeError` if it is not the declared one (CPython
//! does not check annotations; compiled code keeps each declared type exact).

use std::hash::{Hash, Hasher};

use super::{IndexMap, IndexSet};

use super::{
    PyErr, PyRepr, PyResult, float_floordiv, float_mod, float_pow, float_to_int, float_truediv,
    int_add, int_float_cmp, int_floordiv, int_from_str, int_mod, int_mul, int_neg, int_pow,
    int_sub, int_truediv, norm_index, str_repeat, str_repr,
};

/// A Python value whose class is known only at run time.
///
/// A value can be nested as deeply as memory allows (`x = [x]` in a loop):
/// nothing in the runtime recurses over it on the host's stack. Cloning,
/// hashing and the ABI's encoding follow it on a stack that grows
/// ([`super::deep`]), freeing it takes its nested containers apart one at a
/// time, and repr, `==` and `<` raise CPython's `RecursionError` past the
/// recursion limit ([`super::nested`]).
#[derive(Default)]
pub enum Obj {
    #[default]
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Obj>),
    Tuple(Vec<Obj>),
    Dict(IndexMap<Obj, Obj>),
    Set(IndexSet<Obj>),
}

impl Obj {
    /// The class name, as `type(x).__name__` gives it.
    pub fn class_name(&self) -> &'static str {
        match self {
            Obj::None => "NoneType",
            Obj::Bool(_) => "bool",
            Obj::Int(_) => "int",
            Obj::Float(_) => "float",
            Obj::Str(_) => "str",
            Obj::List(_) => "list",
            Obj::Tuple(_) => "tuple",
            Obj::Dict(_) => "dict",
            Obj::Set(_) => "set",
        }
    }

    /// `x is None`.
    pub fn is_none(&self) -> bool {
        matches!(self, Obj::None)
    }

    /// `isinstance(x, cls)` for a builtin class name (`bool` is an `int`, as in Python).
    pub fn isinstance(&self, cls: &str) -> bool {
        match cls {
            "object" => true,
            "int" => matches!(self, Obj::Int(_) | Obj::Bool(_)),
            "NoneType" => self.is_none(),
            _ => self.class_name() == cls,
        }
    }

    /// The value as a number (bool counts as int), for arithmetic.
    fn num(&self) -> Option<Num> {
        match self {
            Obj::Bool(b) => Some(Num::Int(i64::from(*b))),
            Obj::Int(i) => Some(Num::Int(*i)),
            Obj::Float(f) => Some(Num::Float(*f)),
            _ => None,
        }
    }

    fn hashable(&self) -> PyResult<()> {
        match self {
            Obj::List(_) | Obj::Dict(_) | Obj::Set(_) => Err(PyErr::type_error(format!(
                "unhashable type: '{}'",
                self.class_name()
            ))),
            Obj::Tuple(items) => super::deep(|| items.iter().try_for_each(Obj::hashable)),
            _ => Ok(()),
        }
    }

    /// A list, tuple, dict or set with at least one item: what can hold a
    /// value nested inside it.
    fn holds_items(&self) -> bool {
        match self {
            Obj::List(v) | Obj::Tuple(v) => !v.is_empty(),
            Obj::Dict(d) => !d.is_empty(),
            Obj::Set(s) => !s.is_empty(),
            _ => false,
        }
    }

    /// Moves the items of this container that hold items themselves onto
    /// `pending` (leaving `None` in a list or tuple, emptying a dict or set).
    fn take_nested(&mut self, pending: &mut Vec<Obj>) {
        match self {
            Obj::List(v) | Obj::Tuple(v) => {
                for x in v.iter_mut().filter(|x| x.holds_items()) {
                    pending.push(std::mem::take(x));
                }
            }
            Obj::Dict(d) if d.iter().any(|(k, v)| k.holds_items() || v.holds_items()) => {
                for (k, v) in d.drain(..) {
                    pending.extend([k, v].into_iter().filter(Obj::holds_items));
                }
            }
            Obj::Set(s) if s.iter().any(Obj::holds_items) => {
                pending.extend(s.drain(..).filter(Obj::holds_items));
            }
            _ => {}
        }
    }
}

/// Freeing a value never recurses: the containers nested in it are moved to
/// a worklist and freed one at a time, each already emptied of containers,
/// so `x = [x]` repeated 10^6 times frees like a flat list.
impl Drop for Obj {
    fn drop(&mut self) {
        let nested = match self {
            Obj::List(v) | Obj::Tuple(v) => v.iter().any(Obj::holds_items),
            Obj::Dict(d) => d.iter().any(|(k, v)| k.holds_items() || v.holds_items()),
            Obj::Set(s) => s.iter().any(Obj::holds_items),
            _ => false,
        };
        if !nested {
            return;
        }
        let mut pending = Vec::new();
        self.take_nested(&mut pending);
        while let Some(mut x) = pending.pop() {
            x.take_nested(&mut pending);
        }
    }
}

impl Clone for Obj {
    fn clone(&self) -> Obj {
        match self {
            Obj::None => Obj::None,
            Obj::Bool(b) => Obj::Bool(*b),
            Obj::Int(i) => Obj::Int(*i),
            Obj::Float(f) => Obj::Float(*f),
            Obj::Str(s) => Obj::Str(s.clone()),
            Obj::List(v) => Obj::List(super::deep(|| v.clone())),
            Obj::Tuple(v) => Obj::Tuple(super::deep(|| v.clone())),
            Obj::Dict(d) => Obj::Dict(super::deep(|| d.clone())),
            Obj::Set(s) => Obj::Set(super::deep(|| s.clone())),
        }
    }
}

/// Rust's debug form (for Rust callers), on a stack that grows.
impl std::fmt::Debug for Obj {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Obj::None => f.write_str("None"),
            Obj::Bool(b) => f.debug_tuple("Bool").field(b).finish(),
            Obj::Int(i) => f.debug_tuple("Int").field(i).finish(),
            Obj::Float(x) => f.debug_tuple("Float").field(x).finish(),
            Obj::Str(s) => f.debug_tuple("Str").field(s).finish(),
            Obj::List(v) => super::deep(|| f.debug_tuple("List").field(v).finish()),
            Obj::Tuple(v) => super::deep(|| f.debug_tuple("Tuple").field(v).finish()),
            Obj::Dict(d) => super::deep(|| f.debug_tuple("Dict").field(d).finish()),
            Obj::Set(s) => super::deep(|| f.debug_tuple("Set").field(s).finish()),
        }
    }
}

#[derive(Clone, Copy)]
enum Num {
    Int(i64),
    Float(f64),
}

impl Num {
    fn float(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
        }
    }
}

// ---------------------------------------------------------------------------
// Equality, hashing and order, as Python's `==`, `hash` and `<`.

/// What CPython's `RecursionError` says when `==` or `<` nests too deep.
const IN_COMPARISON: &str = " in comparison";

impl PartialEq for Obj {
    fn eq(&self, other: &Obj) -> bool {
        if let (Some(a), Some(b)) = (self.num(), other.num()) {
            return match (a, b) {
                (Num::Int(x), Num::Int(y)) => x == y,
                (Num::Float(x), Num::Float(y)) => x == y,
                (Num::Int(i), Num::Float(f)) | (Num::Float(f), Num::Int(i)) => {
                    int_float_cmp(i, f) == Some(std::cmp::Ordering::Equal)
                }
            };
        }
        match (self, other) {
            (Obj::None, Obj::None) => true,
            (Obj::Str(a), Obj::Str(b)) => a == b,
            (Obj::List(a), Obj::List(b)) | (Obj::Tuple(a), Obj::Tuple(b)) => {
                a.len() == b.len() && super::nested(IN_COMPARISON, || a == b)
            }
            (Obj::Dict(a), Obj::Dict(b)) => {
                a.len() == b.len()
                    && super::nested(IN_COMPARISON, || a.iter().all(|(k, v)| b.get(k) == Some(v)))
            }
            (Obj::Set(a), Obj::Set(b)) => {
                a.len() == b.len()
                    && super::nested(IN_COMPARISON, || a.iter().all(|x| b.contains(x)))
            }
            _ => false,
        }
    }
}

// Dict keys and set items are hashable values (checked before insertion);
// on those `==` is an equivalence except for NaN, which CPython also only
// finds again by identity.
impl Eq for Obj {}

impl Hash for Obj {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Equal numbers hash alike: 1, 1.0 and True are one dict key.
        match self.num() {
            Some(Num::Int(i)) => return i.hash(state),
            Some(Num::Float(f)) => {
                if f.fract() == 0.0 && f.abs() < 9.2e18 {
                    return (f as i64).hash(state);
                }
                return f.to_bits().hash(state);
            }
            None => {}
        }
        match self {
            Obj::Str(s) => s.hash(state),
            Obj::Tuple(items) => {
                7u8.hash(state);
                super::deep(|| items.iter().for_each(|x| x.hash(state)));
            }
            _ => 0u8.hash(state),
        }
    }
}

/// Rust's partial order for generic code (`max` of a list of values); compiled
/// `<` on dynamic values goes through [`obj_lt`] and friends, which raise
/// CPython's `TypeError` where this answers `None`.
impl PartialOrd for Obj {
    fn partial_cmp(&self, other: &Obj) -> Option<std::cmp::Ordering> {
        obj_compare(self, other, "<").ok().flatten()
    }
}

/// The order of two values, or `TypeError` when Python cannot compare them;
/// `Ok(None)` for unordered floats (NaN).
fn obj_compare(a: &Obj, b: &Obj, op: &str) -> PyResult<Option<std::cmp::Ordering>> {
    use std::cmp::Ordering;
    if let (Some(x), Some(y)) = (a.num(), b.num()) {
        return Ok(match (x, y) {
            (Num::Int(x), Num::Int(y)) => Some(x.cmp(&y)),
            (Num::Float(x), Num::Float(y)) => x.partial_cmp(&y),
            (Num::Int(i), Num::Float(f)) => int_float_cmp(i, f),
            (Num::Float(f), Num::Int(i)) => int_float_cmp(i, f).map(Ordering::reverse),
        });
    }
    match (a, b) {
        (Obj::Str(x), Obj::Str(y)) => Ok(Some(x.cmp(y))),
        (Obj::List(x), Obj::List(y)) | (Obj::Tuple(x), Obj::Tuple(y)) => {
            super::nested(IN_COMPARISON, || {
                for (p, q) in x.iter().zip(y) {
                    if p != q {
                        return obj_compare(p, q, op);
                    }
                }
                Ok(Some(x.len().cmp(&y.len())))
            })
        }
        _ => Err(PyErr::type_error(format!(
            "'{op}' not supported between instances of '{}' and '{}'",
            a.class_name(),
            b.class_name()
        ))),
    }
}

/// `a == b`: `RecursionError` when the values nest past the recursion
/// limit. A container compared with itself is equal without looking inside,
/// as in CPython (whose list comparison skips identical items).
pub fn obj_eq(a: &Obj, b: &Obj) -> PyResult<bool> {
    if std::ptr::eq(a, b) && a.holds_items() {
        return Ok(true);
    }
    super::catch_raised(|| Ok(a == b))
}

/// `a != b`.
pub fn obj_ne(a: &Obj, b: &Obj) -> PyResult<bool> {
    obj_eq(a, b).map(|eq| !eq)
}

/// `a < b`.
pub fn obj_lt(a: &Obj, b: &Obj) -> PyResult<bool> {
    Ok(super::catch_raised(|| obj_compare(a, b, "<"))? == Some(std::cmp::Ordering::Less))
}

/// `a <= b`.
pub fn obj_le(a: &Obj, b: &Obj) -> PyResult<bool> {
    Ok(matches!(
        super::catch_raised(|| obj_compare(a, b, "<="))?,
        Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)
    ))
}

/// `a > b`.
pub fn obj_gt(a: &Obj, b: &Obj) -> PyResult<bool> {
    Ok(super::catch_raised(|| obj_compare(a, b, ">"))? == Some(std::cmp::Ordering::Greater))
}

/// `a >= b`.
pub fn obj_ge(a: &Obj, b: &Obj) -> PyResult<bool> {
    Ok(matches!(
        super::catch_raised(|| obj_compare(a, b, ">="))?,
        Some(std::cmp::Ordering::Greater | std::cmp::Ordering::Equal)
    ))
}

/// `sorted(xs, reverse=...)` of dynamic values: `TypeError` on values
/// CPython cannot order. Stable, as CPython's.
pub fn obj_sorted(items: impl IntoIterator<Item = Obj>, reverse: bool) -> PyResult<Vec<Obj>> {
    let mut xs: Vec<Obj> = items.into_iter().collect();
    let mut err = None;
    let order = super::sort_order(xs.len(), reverse, |i, j| {
        match obj_compare(&xs[i], &xs[j], "<") {
            Ok(o) => o == Some(std::cmp::Ordering::Less),
            Err(e) => {
                err.get_or_insert(e);
                false
            }
        }
    });
    if let Some(e) = err {
        return Err(e);
    }
    super::apply_order(&mut xs, &order);
    Ok(xs)
}

/// `min(xs)` / `max(xs)` of dynamic values (`want` is `Less` for min).
pub fn obj_min_max(
    items: impl IntoIterator<Item = Obj>,
    want: std::cmp::Ordering,
    name: &str,
) -> PyResult<Obj> {
    let mut best: Option<Obj> = None;
    for x in items {
        best = Some(match best {
            None => x,
            Some(b) => {
                let op = if want == std::cmp::Ordering::Less {
                    "<"
                } else {
                    ">"
                };
                if obj_compare(&x, &b, op)? == Some(want) {
                    x
                } else {
                    b
                }
            }
        });
    }
    best.ok_or_else(|| PyErr::value_error(format!("{name}() arg is an empty sequence")))
}

// ---------------------------------------------------------------------------
// repr, str, truth, len

/// What CPython's `RecursionError` says when a repr nests too deep.
const IN_REPR: &str = " while getting the repr of an object";

/// Appends the repr of `x` to `out`: one buffer for the whole value. Each
/// container is one level of recursion (`RecursionError` past the limit).
fn write_repr(x: &Obj, out: &mut String) {
    match x {
        Obj::None => out.push_str("None"),
        Obj::Bool(b) => out.push_str(&b.py_repr()),
        Obj::Int(i) => out.push_str(&i.to_string()),
        Obj::Float(f) => out.push_str(&f.py_repr()),
        Obj::Str(s) => out.push_str(&str_repr(s)),
        Obj::Set(s) if s.is_empty() => out.push_str("set()"),
        Obj::List(xs) => super::nested(IN_REPR, || write_items(out, "[", xs.iter(), "]")),
        Obj::Tuple(xs) if xs.len() == 1 => {
            super::nested(IN_REPR, || write_items(out, "(", xs.iter(), ",)"))
        }
        Obj::Tuple(xs) => super::nested(IN_REPR, || write_items(out, "(", xs.iter(), ")")),
        Obj::Set(s) => super::nested(IN_REPR, || write_items(out, "{", s.iter(), "}")),
        Obj::Dict(d) => super::nested(IN_REPR, || {
            out.push('{');
            for (i, (k, v)) in d.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(k, out);
                out.push_str(": ");
                write_repr(v, out);
            }
            out.push('}');
        }),
    }
}

fn write_items<'a>(out: &mut String, open: &str, xs: impl Iterator<Item = &'a Obj>, close: &str) {
    out.push_str(open);
    for (i, x) in xs.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_repr(x, out);
    }
    out.push_str(close);
}

/// Infallible, as every repr is to generic code: a value nested past the
/// recursion limit raises `RecursionError` through [`super::nested`]; the
/// `repr`/`str` ops go through [`obj_repr`]/[`obj_str`], which return it.
impl PyRepr for Obj {
    fn py_arg(&self) -> Option<Obj> {
        Some(self.clone())
    }
    fn py_repr(&self) -> String {
        let mut out = String::new();
        write_repr(self, &mut out);
        out
    }
    fn py_str(&self) -> String {
        match self {
            Obj::Str(s) => s.clone(),
            other => other.py_repr(),
        }
    }
}

/// `repr(x)`: `RecursionError` when `x` nests past the recursion limit.
/// `sep.join(xs)` of dynamic values: the items are gathered first, as CPython's
/// join makes a sequence of its argument; the first item not a str raises
/// CPython's TypeError.
pub fn obj_join(sep: &str, items: impl IntoIterator<Item = Obj>) -> PyResult<String> {
    let items: Vec<Obj> = items.into_iter().collect();
    let mut strs: Vec<&str> = Vec::with_capacity(items.len());
    for (i, x) in items.iter().enumerate() {
        match x {
            Obj::Str(s) => strs.push(s),
            other => {
                return Err(PyErr::type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    other.class_name()
                )));
            }
        }
    }
    Ok(strs.join(sep))
}

/// `sep.join(x)` of one dynamic value: its items as `obj_join`'s; a value that
/// is not iterable raises CPython's "can only join an iterable".
pub fn obj_join_value(sep: &str, x: Obj) -> PyResult<String> {
    match x {
        Obj::List(_) | Obj::Tuple(_) | Obj::Dict(_) | Obj::Set(_) | Obj::Str(_) => {
            obj_join(sep, obj_iter(x)?)
        }
        _ => Err(PyErr::type_error("can only join an iterable")),
    }
}

pub fn obj_repr(x: &Obj) -> PyResult<String> {
    super::catch_raised(|| Ok(x.py_repr()))
}

/// `str(x)`: `RecursionError` when `x` nests past the recursion limit.
pub fn obj_str(x: &Obj) -> PyResult<String> {
    super::catch_raised(|| Ok(x.py_str()))
}

/// `format(x, spec)` / `f"{x:spec}"`.
pub fn obj_format(x: &Obj, spec: &str) -> PyResult<String> {
    match x {
        Obj::None => super::format_none(spec),
        Obj::Bool(b) => super::format_bool(*b, spec),
        Obj::Int(i) => super::format_int(*i, spec),
        Obj::Float(f) => super::format_float(*f, spec),
        Obj::Str(s) => super::format_str(s, spec),
        other if spec.is_empty() => obj_str(other),
        other => Err(PyErr::type_error(format!(
            "unsupported format string passed to {}.__format__",
            other.class_name()
        ))),
    }
}

/// `bool(x)`.
pub fn obj_truth(x: &Obj) -> bool {
    match x {
        Obj::None => false,
        Obj::Bool(b) => *b,
        Obj::Int(i) => *i != 0,
        Obj::Float(f) => *f != 0.0,
        Obj::Str(s) => !s.is_empty(),
        Obj::List(v) | Obj::Tuple(v) => !v.is_empty(),
        Obj::Dict(d) => !d.is_empty(),
        Obj::Set(s) => !s.is_empty(),
    }
}

/// `len(x)`: `TypeError: object of type 'int' has no len()`.
pub fn obj_len(x: &Obj) -> PyResult<i64> {
    Ok(match x {
        Obj::Str(s) => s.chars().count() as i64,
        Obj::List(v) | Obj::Tuple(v) => v.len() as i64,
        Obj::Dict(d) => d.len() as i64,
        Obj::Set(s) => s.len() as i64,
        other => {
            return Err(PyErr::type_error(format!(
                "object of type '{}' has no len()",
                other.class_name()
            )));
        }
    })
}

// ---------------------------------------------------------------------------
// Arithmetic

fn unsupported(op: &str, a: &Obj, b: &Obj) -> PyErr {
    PyErr::type_error(format!(
        "unsupported operand type(s) for {op}: '{}' and '{}'",
        a.class_name(),
        b.class_name()
    ))
}

fn numeric(
    a: &Obj,
    b: &Obj,
    op: &str,
    int_op: fn(i64, i64) -> PyResult<Obj>,
    float_op: fn(f64, f64) -> PyResult<f64>,
) -> PyResult<Obj> {
    match (a.num(), b.num()) {
        (Some(Num::Int(x)), Some(Num::Int(y))) => int_op(x, y),
        (Some(x), Some(y)) => Ok(Obj::Float(float_op(x.float(), y.float())?)),
        _ => Err(unsupported(op, a, b)),
    }
}

/// `a + b`: numbers, and concatenation of two str, lists or tuples.
pub fn obj_add(a: &Obj, b: &Obj) -> PyResult<Obj> {
    match (a, b) {
        (Obj::Str(x), Obj::Str(y)) => Ok(Obj::Str(format!("{x}{y}"))),
        (Obj::List(x), Obj::List(y)) => Ok(Obj::List(x.iter().chain(y).cloned().collect())),
        (Obj::Tuple(x), Obj::Tuple(y)) => Ok(Obj::Tuple(x.iter().chain(y).cloned().collect())),
        (Obj::Str(_) | Obj::List(_) | Obj::Tuple(_), _) => Err(PyErr::type_error(format!(
            "can only concatenate {} (not \"{}\") to {}",
            a.class_name(),
            b.class_name(),
            a.class_name()
        ))),
        _ => numeric(
            a,
            b,
            "+",
            |x, y| int_add(x, y).map(Obj::Int),
            |x, y| Ok(x + y),
        ),
    }
}

/// `a - b`: numbers, and the difference of two sets (`set(obj) - set(allowed)` of a
/// JSON object's keys), in the left set's order.
pub fn obj_sub(a: &Obj, b: &Obj) -> PyResult<Obj> {
    if let (Obj::Set(x), Obj::Set(y)) = (a, b) {
        return Ok(Obj::Set(
            x.iter().filter(|k| !y.contains(*k)).cloned().collect(),
        ));
    }
    numeric(
        a,
        b,
        "-",
        |x, y| int_sub(x, y).map(Obj::Int),
        |x, y| Ok(x - y),
    )
}

/// `a * b`: numbers, and repetition of a str, list or tuple by an int.
pub fn obj_mul(a: &Obj, b: &Obj) -> PyResult<Obj> {
    let rep = |seq: &Obj, n: i64| -> PyResult<Obj> {
        let times = usize::try_from(n).unwrap_or(0);
        Ok(match seq {
            Obj::Str(s) => Obj::Str(str_repeat(s, n)?),
            Obj::List(v) => Obj::List(v.iter().cloned().cycle().take(v.len() * times).collect()),
            Obj::Tuple(v) => Obj::Tuple(v.iter().cloned().cycle().take(v.len() * times).collect()),
            _ => unreachable!("only sequences are repeated"),
        })
    };
    let is_seq = |x: &Obj| matches!(x, Obj::Str(_) | Obj::List(_) | Obj::Tuple(_));
    let (seq, other) = if is_seq(a) { (a, b) } else { (b, a) };
    if !is_seq(seq) {
        return numeric(
            a,
            b,
            "*",
            |x, y| int_mul(x, y).map(Obj::Int),
            |x, y| Ok(x * y),
        );
    }
    match other {
        Obj::Int(n) => rep(seq, *n),
        Obj::Bool(n) => rep(seq, i64::from(*n)),
        _ => Err(PyErr::type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            other.class_name()
        ))),
    }
}

/// `a / b`: always a float.
pub fn obj_truediv(a: &Obj, b: &Obj) -> PyResult<Obj> {
    match (a.num(), b.num()) {
        (Some(Num::Int(x)), Some(Num::Int(y))) => Ok(Obj::Float(int_truediv(x, y)?)),
        (Some(x), Some(y)) => Ok(Obj::Float(float_truediv(x.float(), y.float())?)),
        _ => Err(unsupported("/", a, b)),
    }
}

/// `a // b`.
pub fn obj_floordiv(a: &Obj, b: &Obj) -> PyResult<Obj> {
    numeric(
        a,
        b,
        "//",
        |x, y| int_floordiv(x, y).map(Obj::Int),
        float_floordiv,
    )
}

/// `a % b` (numbers; `%`-formatting of str is not compiled).
pub fn obj_mod(a: &Obj, b: &Obj) -> PyResult<Obj> {
    numeric(a, b, "%", |x, y| int_mod(x, y).map(Obj::Int), float_mod)
}

/// `a ** b`.
pub fn obj_pow(a: &Obj, b: &Obj) -> PyResult<Obj> {
    numeric(
        a,
        b,
        "** or pow()",
        |x, y| {
            if y < 0 {
                Ok(Obj::Float(float_pow(x as f64, y as f64)?))
            } else {
                int_pow(x, y).map(Obj::Int)
            }
        },
        float_pow,
    )
}

/// `-x`.
pub fn obj_neg(x: &Obj) -> PyResult<Obj> {
    match x.num() {
        Some(Num::Int(i)) => Ok(Obj::Int(int_neg(i)?)),
        Some(Num::Float(f)) => Ok(Obj::Float(-f)),
        None => Err(PyErr::type_error(format!(
            "bad operand type for unary -: '{}'",
            x.class_name()
        ))),
    }
}

// ---------------------------------------------------------------------------
// Items, membership, iteration

fn index_of(seq: &Obj, i: &Obj, what: &str) -> PyResult<i64> {
    match i.num() {
        Some(Num::Int(i)) => Ok(i),
        _ => Err(PyErr::type_error(match seq {
            Obj::Str(_) => format!("string indices must be integers, not '{}'", i.class_name()),
            _ => format!(
                "{what} indices must be integers or slices, not {}",
                i.class_name()
            ),
        })),
    }
}

/// An index given to a typed list (`LABELS[i]` of a `list[str]`) as a dynamic value
/// (an item of `tolist()`, JSON): an int or a bool, else CPython's TypeError.
pub fn obj_list_index(i: &Obj) -> PyResult<i64> {
    index_of(&Obj::None, i, "list")
}

/// `round(x)` of a dynamic value: an int or bool as it is, a float to the nearest int.
pub fn obj_round(x: &Obj) -> PyResult<i64> {
    match x.num() {
        Some(Num::Int(i)) => Ok(i),
        Some(Num::Float(f)) => super::float_round(f),
        None => Err(no_round(x)),
    }
}

/// `round(x, ndigits)` of a dynamic value: an int for an int or bool, a float for a float.
pub fn obj_round_ndigits(x: &Obj, ndigits: i64) -> PyResult<Obj> {
    match x.num() {
        Some(Num::Int(i)) => Ok(Obj::Int(super::int_round(i, ndigits)?)),
        Some(Num::Float(f)) => Ok(Obj::Float(super::float_round_ndigits(f, ndigits)?)),
        None => Err(no_round(x)),
    }
}

fn no_round(x: &Obj) -> PyErr {
    PyErr::type_error(format!(
        "type {} doesn't define __round__ method",
        x.class_name()
    ))
}

/// `x[key]`: list, tuple and str by int index, dict by key.
pub fn obj_getitem(x: &Obj, key: &Obj) -> PyResult<Obj> {
    match x {
        Obj::List(v) | Obj::Tuple(v) => {
            let what = x.class_name();
            let i = index_of(x, key, what)?;
            norm_index(v.len(), i)
                .map(|j| v[j].clone())
                .ok_or_else(|| PyErr::index_error(format!("{what} index out of range")))
        }
        Obj::Str(s) => Ok(Obj::Str(super::str_getitem(
            s,
            index_of(x, key, "string")?,
        )?)),
        Obj::Dict(d) => {
            key.hashable()?;
            d.get(key).cloned().ok_or_else(|| PyErr::key_error_of(key))
        }
        other => Err(PyErr::type_error(format!(
            "'{}' object is not subscriptable",
            other.class_name()
        ))),
    }
}

/// `x[key] = value`.
pub fn obj_setitem(x: &mut Obj, key: Obj, value: Obj) -> PyResult<()> {
    match x {
        Obj::List(v) => {
            let i = index_of(&Obj::List(Vec::new()), &key, "list")?;
            let j = norm_index(v.len(), i)
                .ok_or_else(|| PyErr::index_error("list assignment index out of range"))?;
            v[j] = value;
            Ok(())
        }
        Obj::Dict(d) => {
            key.hashable()?;
            super::dict_room(d)?;
            d.insert(key, value);
            Ok(())
        }
        other => Err(PyErr::type_error(format!(
            "'{}' object does not support item assignment",
            other.class_name()
        ))),
    }
}

/// `item in container`.
pub fn obj_contains(container: &Obj, item: &Obj) -> PyResult<bool> {
    match container {
        Obj::List(v) | Obj::Tuple(v) => super::catch_raised(|| Ok(v.contains(item))),
        Obj::Dict(d) => {
            item.hashable()?;
            Ok(d.contains_key(item))
        }
        Obj::Set(s) => {
            item.hashable()?;
            Ok(s.contains(item))
        }
        Obj::Str(s) => match item {
            Obj::Str(sub) => Ok(s.contains(sub.as_str())),
            other => Err(PyErr::type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                other.class_name()
            ))),
        },
        other => Err(PyErr::type_error(format!(
            "argument of type '{}' is not iterable",
            other.class_name()
        ))),
    }
}

/// `iter(x)` for a `for` loop or a builtin taking an iterable: the items of
/// a list, tuple or set, the keys of a dict, the characters of a str.
pub fn obj_iter(mut x: Obj) -> PyResult<std::vec::IntoIter<Obj>> {
    use std::mem::take;
    Ok(match &mut x {
        Obj::List(v) | Obj::Tuple(v) => take(v).into_iter(),
        Obj::Dict(d) => take(d).into_keys().collect::<Vec<_>>().into_iter(),
        Obj::Set(s) => take(s).into_iter().collect::<Vec<_>>().into_iter(),
        Obj::Str(s) => s
            .chars()
            .map(|c| Obj::Str(c.to_string()))
            .collect::<Vec<_>>()
            .into_iter(),
        other => {
            return Err(PyErr::type_error(format!(
                "'{}' object is not iterable",
                other.class_name()
            )));
        }
    })
}

fn no_attribute(x: &Obj, name: &str) -> PyErr {
    PyErr::new(
        super::ExcKind::AttributeError,
        format!("'{}' object has no attribute '{name}'", x.class_name()),
    )
}

fn as_dict<'a>(x: &'a Obj, method: &str) -> PyResult<&'a IndexMap<Obj, Obj>> {
    match x {
        Obj::Dict(d) => Ok(d),
        other => Err(no_attribute(other, method)),
    }
}

/// `x.get(key, default)` on a dict.
pub fn obj_get(x: &Obj, key: &Obj, default: Obj) -> PyResult<Obj> {
    let d = as_dict(x, "get")?;
    key.hashable()?;
    Ok(d.get(key).cloned().unwrap_or(default))
}

/// `x.keys()` on a dict.
pub fn obj_keys(x: &Obj) -> PyResult<Vec<Obj>> {
    Ok(as_dict(x, "keys")?.keys().cloned().collect())
}

/// `x.values()` on a dict.
pub fn obj_values(x: &Obj) -> PyResult<Vec<Obj>> {
    Ok(as_dict(x, "values")?.values().cloned().collect())
}

/// `x.items()` on a dict.
pub fn obj_items(x: &Obj) -> PyResult<Vec<(Obj, Obj)>> {
    Ok(as_dict(x, "items")?
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect())
}

/// `x.append(item)` on a list.
pub fn obj_append(x: &mut Obj, item: Obj) -> PyResult<()> {
    match x {
        Obj::List(v) => {
            v.push(item);
            Ok(())
        }
        other => Err(no_attribute(other, "append")),
    }
}

// ---------------------------------------------------------------------------
// Conversions

/// `int(x)`.
pub fn obj_to_int(x: &Obj) -> PyResult<i64> {
    match x {
        Obj::Bool(b) => Ok(i64::from(*b)),
        Obj::Int(i) => Ok(*i),
        Obj::Float(f) => float_to_int(*f),
        Obj::Str(s) => int_from_str(s),
        other => Err(PyErr::type_error(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            other.class_name()
        ))),
    }
}

/// `float(x)`.
pub fn obj_to_float(x: &Obj) -> PyResult<f64> {
    match x {
        Obj::Bool(b) => Ok(f64::from(u8::from(*b))),
        Obj::Int(i) => Ok(*i as f64),
        Obj::Float(f) => Ok(*f),
        Obj::Str(s) => super::float_from_str(s),
        other => Err(PyErr::type_error(format!(
            "float() argument must be a string or a real number, not '{}'",
            other.class_name()
        ))),
    }
}

/// A value of a declared type, as a dynamic value.
pub trait IntoObj {
    fn into_obj(self) -> Obj;
}

impl IntoObj for Obj {
    fn into_obj(self) -> Obj {
        self
    }
}
impl IntoObj for () {
    fn into_obj(self) -> Obj {
        Obj::None
    }
}
impl IntoObj for bool {
    fn into_obj(self) -> Obj {
        Obj::Bool(self)
    }
}
impl IntoObj for i64 {
    fn into_obj(self) -> Obj {
        Obj::Int(self)
    }
}
impl IntoObj for f64 {
    fn into_obj(self) -> Obj {
        Obj::Float(self)
    }
}
impl IntoObj for String {
    fn into_obj(self) -> Obj {
        Obj::Str(self)
    }
}
impl IntoObj for &str {
    fn into_obj(self) -> Obj {
        Obj::Str(self.to_string())
    }
}
impl<T: IntoObj> IntoObj for Option<T> {
    fn into_obj(self) -> Obj {
        self.map_or(Obj::None, IntoObj::into_obj)
    }
}
impl<T: IntoObj> IntoObj for Vec<T> {
    fn into_obj(self) -> Obj {
        Obj::List(self.into_iter().map(IntoObj::into_obj).collect())
    }
}
impl<T: IntoObj + Clone> IntoObj for &[T] {
    fn into_obj(self) -> Obj {
        Obj::List(self.iter().cloned().map(IntoObj::into_obj).collect())
    }
}
impl<T: IntoObj + Clone> IntoObj for super::Tuple<T> {
    fn into_obj(self) -> Obj {
        Obj::Tuple(self.iter().cloned().map(IntoObj::into_obj).collect())
    }
}
impl<K: IntoObj, V: IntoObj> IntoObj for IndexMap<K, V> {
    fn into_obj(self) -> Obj {
        Obj::Dict(
            self.into_iter()
                .map(|(k, v)| (k.into_obj(), v.into_obj()))
                .collect(),
        )
    }
}
impl<T: IntoObj> IntoObj for IndexSet<T> {
    fn into_obj(self) -> Obj {
        Obj::Set(self.into_iter().map(IntoObj::into_obj).collect())
    }
}

/// A dynamic value checked against a declared type: `TypeError` naming
/// both classes when it is not of that type.
pub trait FromObj: Sized {
    fn from_obj(x: Obj) -> PyResult<Self>;
    /// The declared type, as Python spells it.
    fn declared() -> String;
}

fn not_declared<T: FromObj>(x: &Obj) -> PyErr {
    PyErr::type_error(format!(
        "expected {}, got {} (a dynamic value must have the declared type where it meets one)",
        T::declared(),
        x.class_name()
    ))
}

/// `x` (a dynamic value) where a `T` is declared.
pub fn obj_cast<T: FromObj>(x: Obj) -> PyResult<T> {
    T::from_obj(x)
}

/// `x[start:stop:step]`: a new list, tuple or str (bounds clamped, as CPython's);
/// another class raises CPython's TypeError.
pub fn obj_slice(
    x: &Obj,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> PyResult<Obj> {
    match x {
        Obj::List(v) => Ok(Obj::List(super::list_slice(v, start, stop, step)?)),
        Obj::Tuple(v) => Ok(Obj::Tuple(super::list_slice(v, start, stop, step)?)),
        Obj::Str(s) => Ok(Obj::Str(super::str_slice(s, start, stop, step)?)),
        Obj::Dict(_) => Err(PyErr::type_error("unhashable type: 'slice'")),
        other => Err(PyErr::type_error(format!(
            "'{}' object is not subscriptable",
            other.class_name()
        ))),
    }
}

/// A dict key of a declared type found with a dynamic value: `ID2LABEL.get(i)`
/// where `i` came from `tolist()` or JSON. CPython compares the value with the
/// keys, so `1`, `True` and `1.0` find the key `1`, and a value of another class
/// finds nothing (no error).
pub trait DynKey: Sized {
    /// The key of this type equal to `x`, or None when none is.
    fn dyn_key(x: &Obj) -> Option<Self>;
}

impl DynKey for i64 {
    fn dyn_key(x: &Obj) -> Option<Self> {
        match *x {
            Obj::Int(i) => Some(i),
            Obj::Bool(b) => Some(i64::from(b)),
            // exactly representable: below 2**63 in magnitude, no fraction
            Obj::Float(f)
                if f.fract() == 0.0
                    && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f) =>
            {
                Some(f as i64)
            }
            _ => None,
        }
    }
}

impl DynKey for bool {
    fn dyn_key(x: &Obj) -> Option<Self> {
        match *x {
            Obj::Bool(b) => Some(b),
            Obj::Int(i @ (0 | 1)) => Some(i == 1),
            Obj::Float(f) if f == 0.0 || f == 1.0 => Some(f == 1.0),
            _ => None,
        }
    }
}

impl DynKey for String {
    fn dyn_key(x: &Obj) -> Option<Self> {
        match x {
            Obj::Str(s) => Some(s.clone()),
            _ => None,
        }
    }
}

impl DynKey for Obj {
    fn dyn_key(x: &Obj) -> Option<Self> {
        Some(x.clone())
    }
}

impl<A: DynKey, B: DynKey> DynKey for (A, B) {
    fn dyn_key(x: &Obj) -> Option<Self> {
        match x {
            Obj::Tuple(v) if v.len() == 2 => Some((A::dyn_key(&v[0])?, B::dyn_key(&v[1])?)),
            _ => None,
        }
    }
}

impl<A: DynKey, B: DynKey, C: DynKey> DynKey for (A, B, C) {
    fn dyn_key(x: &Obj) -> Option<Self> {
        match x {
            Obj::Tuple(v) if v.len() == 3 => {
                Some((A::dyn_key(&v[0])?, B::dyn_key(&v[1])?, C::dyn_key(&v[2])?))
            }
            _ => None,
        }
    }
}

/// The key `x` finds in a dict with keys of type `K`: CPython's TypeError when
/// `x` is unhashable (a list, dict or set), else the equal key if there is one.
fn dyn_key_of<K: DynKey>(x: &Obj) -> PyResult<Option<K>> {
    x.hashable()?;
    Ok(K::dyn_key(x))
}

/// `d.get(x)` with a dynamic `x`.
pub fn dict_get_dyn<K: DynKey + Hash + Eq, V: Clone>(
    d: &IndexMap<K, V>,
    x: &Obj,
) -> PyResult<Option<V>> {
    Ok(dyn_key_of::<K>(x)?.and_then(|k| d.get(&k).cloned()))
}

/// `d.get(x, default)` with a dynamic `x`.
pub fn dict_get_or_dyn<K: DynKey + Hash + Eq, V: Clone>(
    d: &IndexMap<K, V>,
    x: &Obj,
    default: V,
) -> PyResult<V> {
    Ok(dict_get_dyn(d, x)?.unwrap_or(default))
}

/// `d[x]` with a dynamic `x`: CPython's KeyError with `x` when no key equals it.
pub fn dict_getitem_dyn<K: DynKey + Hash + Eq, V: Clone>(
    d: &IndexMap<K, V>,
    x: &Obj,
) -> PyResult<V> {
    dict_get_dyn(d, x)?.ok_or_else(|| PyErr::key_error_of(x))
}

/// `x in d` with a dynamic `x`.
pub fn dict_contains_dyn<K: DynKey + Hash + Eq, V>(d: &IndexMap<K, V>, x: &Obj) -> PyResult<bool> {
    Ok(dyn_key_of::<K>(x)?.is_some_and(|k| d.contains_key(&k)))
}

/// A dynamic value as a slice bound (`text[span["start"]:span["end"]]`): an int (a
/// bool is one) or None; another class raises CPython's TypeError.
pub fn obj_slice_bound(x: &Obj) -> PyResult<Option<i64>> {
    match x {
        Obj::None => Ok(None),
        Obj::Int(i) => Ok(Some(*i)),
        Obj::Bool(b) => Ok(Some(i64::from(*b))),
        _ => Err(PyErr::type_error(
            "slice indices must be integers or None or have an __index__ method",
        )),
    }
}

/// A value of one declared type where another (containing `Any`) is declared:
/// `list[int]` to `list[Any]`, `dict[str, Any]` to `dict[str, int]`.
pub fn obj_convert<A: IntoObj, B: FromObj>(x: A) -> PyResult<B> {
    B::from_obj(x.into_obj())
}

/// `x` (a dynamic value) as the receiver of `x.method(...)`, a method only `T`'s
/// class has: CPython's `AttributeError` when `x` is of another class.
pub fn obj_receiver<T: FromObj>(x: Obj, method: &str) -> PyResult<T> {
    let class = x.class_name();
    T::from_obj(x).map_err(|_| {
        PyErr::new(
            super::ExcKind::AttributeError,
            format!("'{class}' object has no attribute '{method}'"),
        )
    })
}

impl FromObj for Obj {
    fn from_obj(x: Obj) -> PyResult<Self> {
        Ok(x)
    }
    fn declared() -> String {
        String::from("Any")
    }
}
impl FromObj for () {
    fn from_obj(x: Obj) -> PyResult<Self> {
        match x {
            Obj::None => Ok(()),
            other => Err(not_declared::<()>(&other)),
        }
    }
    fn declared() -> String {
        String::from("None")
    }
}
impl FromObj for bool {
    fn from_obj(x: Obj) -> PyResult<Self> {
        match x {
            Obj::Bool(b) => Ok(b),
            other => Err(not_declared::<bool>(&other)),
        }
    }
    fn declared() -> String {
        String::from("bool")
    }
}
impl FromObj for i64 {
    fn from_obj(x: Obj) -> PyResult<Self> {
        match x {
            Obj::Int(i) => Ok(i),
            other => Err(not_declared::<i64>(&other)),
        }
    }
    fn declared() -> String {
        String::from("int")
    }
}
impl FromObj for f64 {
    fn from_obj(x: Obj) -> PyResult<Self> {
        match x {
            Obj::Float(f) => Ok(f),
            other => Err(not_declared::<f64>(&other)),
        }
    }
    fn declared() -> String {
        String::from("float")
    }
}
impl FromObj for String {
    fn from_obj(mut x: Obj) -> PyResult<Self> {
        match &mut x {
            Obj::Str(s) => Ok(std::mem::take(s)),
            _ => Err(not_declared::<String>(&x)),
        }
    }
    fn declared() -> String {
        String::from("str")
    }
}
impl<T: FromObj> FromObj for Option<T> {
    fn from_obj(x: Obj) -> PyResult<Self> {
        match x {
            Obj::None => Ok(None),
            other => T::from_obj(other).map(Some),
        }
    }
    fn declared() -> String {
        format!("{} | None", T::declared())
    }
}
impl<T: FromObj> FromObj for Vec<T> {
    fn from_obj(mut x: Obj) -> PyResult<Self> {
        match &mut x {
            Obj::List(v) => std::mem::take(v).into_iter().map(T::from_obj).collect(),
            _ => Err(not_declared::<Vec<T>>(&x)),
        }
    }
    fn declared() -> String {
        format!("list[{}]", T::declared())
    }
}
impl<K: FromObj + Hash + Eq, V: FromObj> FromObj for IndexMap<K, V> {
    fn from_obj(mut x: Obj) -> PyResult<Self> {
        match &mut x {
            Obj::Dict(d) => std::mem::take(d)
                .into_iter()
                .map(|(k, v)| Ok((K::from_obj(k)?, V::from_obj(v)?)))
                .collect(),
            _ => Err(not_declared::<IndexMap<K, V>>(&x)),
        }
    }
    fn declared() -> String {
        format!("dict[{}, {}]", K::declared(), V::declared())
    }
}
impl<T: FromObj + Hash + Eq> FromObj for IndexSet<T> {
    fn from_obj(mut x: Obj) -> PyResult<Self> {
        match &mut x {
            Obj::Set(s) => std::mem::take(s).into_iter().map(T::from_obj).collect(),
            _ => Err(not_declared::<IndexSet<T>>(&x)),
        }
    }
    fn declared() -> String {
        format!("set[{}]", T::declared())
    }
}

macro_rules! obj_tuple {
    ($n:expr; $($name:ident $idx:tt),+) => {
        impl<$($name: IntoObj),+> IntoObj for ($($name,)+) {
            fn into_obj(self) -> Obj {
                Obj::Tuple(vec![$(self.$idx.into_obj()),+])
            }
        }
        impl<$($name: FromObj),+> FromObj for ($($name,)+) {
            fn from_obj(mut x: Obj) -> PyResult<Self> {
                match &mut x {
                    Obj::Tuple(v) if v.len() == $n => {
                        let mut it = std::mem::take(v).into_iter();
                        Ok(($($name::from_obj(it.next().unwrap_or_default())?,)+))
                    }
                    _ => Err(not_declared::<Self>(&x)),
                }
            }
            fn declared() -> String {
                let parts: Vec<String> = vec![$($name::declared()),+];
                format!("tuple[{}]", parts.join(", "))
            }
        }
    };
}

obj_tuple!(1; A 0);
obj_tuple!(2; A 0, B 1);
obj_tuple!(3; A 0, B 1, C 2);
obj_tuple!(4; A 0, B 1, C 2, D 3);
obj_tuple!(5; A 0, B 1, C 2, D 3, E 4);
obj_tuple!(6; A 0, B 1, C 2, D 3, E 4, F 5);

// Narrowed reads: the value after an `isinstance` check that the compiler saw.

/// `x` known to be a str (after `isinstance(x, str)`).
pub fn obj_as_str(x: &Obj) -> &str {
    match x {
        Obj::Str(s) => s,
        _ => unreachable!("isinstance(x, str) was checked"),
    }
}

/// `x` known to be a list.
pub fn obj_as_list(x: &Obj) -> &Vec<Obj> {
    match x {
        Obj::List(v) => v,
        _ => unreachable!("isinstance(x, list) was checked"),
    }
}

/// `x` known to be a dict.
pub fn obj_as_dict(x: &Obj) -> &IndexMap<Obj, Obj> {
    match x {
        Obj::Dict(d) => d,
        _ => unreachable!("isinstance(x, dict) was checked"),
    }
}

/// `x` known to be a float.
pub fn obj_as_float(x: &Obj) -> f64 {
    match x {
        Obj::Float(f) => *f,
        _ => unreachable!("isinstance(x, float) was checked"),
    }
}

/// `x` known to be a bool.
pub fn obj_as_bool(x: &Obj) -> bool {
    match x {
        Obj::Bool(b) => *b,
        _ => unreachable!("isinstance(x, bool) was checked"),
    }
}

/// `x` known to be an int (`isinstance(x, int)`, which a bool also passes):
/// compiled code keeps `bool` and `int` apart, so a bool here raises
/// `TypeError` rather than turn into 1 or 0.
pub fn obj_as_int(x: &Obj) -> PyResult<i64> {
    match x {
        Obj::Int(i) => Ok(*i),
        other => Err(not_declared::<i64>(other)),
    }
}

// ---------------------------------------------------------------------------
// Across the ABI: a dynamic value is encoded by what it holds (PCV is
// self-describing), declared `{"kind": "any"}` in the manifest.

impl super::abi::Encode for Obj {
    fn encode(&self, out: &mut super::abi::Writer) {
        use super::abi::tag;
        match self {
            Obj::None => ().encode(out),
            Obj::Bool(b) => b.encode(out),
            Obj::Int(i) => i.encode(out),
            Obj::Float(f) => f.encode(out),
            Obj::Str(s) => s.encode(out),
            Obj::List(v) => super::deep(|| v.encode(out)),
            Obj::Tuple(v) => super::deep(|| {
                out.header(tag::TUPLE, v.len());
                v.iter().for_each(|x| x.encode(out));
            }),
            Obj::Dict(d) => super::deep(|| d.encode(out)),
            Obj::Set(s) => super::deep(|| s.encode(out)),
        }
    }
}

impl super::abi::Decode for Obj {
    fn decode(r: &mut super::abi::Reader<'_>) -> Result<Self, super::abi::DecodeError> {
        use super::abi::{Decode, DecodeError, tag};
        Ok(match r.peek_tag(<Self as Decode>::type_name)? {
            tag::NONE => {
                <()>::decode(r)?;
                Obj::None
            }
            tag::FALSE | tag::TRUE => Obj::Bool(bool::decode(r)?),
            tag::INT => Obj::Int(i64::decode(r)?),
            tag::FLOAT => Obj::Float(f64::decode(r)?),
            tag::STR => Obj::Str(String::decode(r)?),
            tag::LIST => Obj::List(super::deep(|| Vec::decode(r))?),
            tag::TUPLE => super::deep(|| {
                r.u8(<Self as Decode>::type_name)?;
                let n = r.count(<Self as Decode>::type_name)?;
                let mut v = Vec::with_capacity(n);
                for i in 0..n {
                    v.push(Obj::decode(r).map_err(|e| e.within(&format!("[{i}]")))?);
                }
                Ok(Obj::Tuple(v))
            })?,
            tag::DICT => {
                let d: IndexMap<Obj, Obj> = super::deep(|| IndexMap::decode(r))?;
                if let Some(k) = d.keys().find(|k| k.hashable().is_err()) {
                    return Err(DecodeError::malformed(
                        <Self as Decode>::type_name(),
                        format!("an unhashable {} key", k.class_name()),
                    ));
                }
                Obj::Dict(d)
            }
            tag::SET => Obj::Set(super::deep(|| IndexSet::decode(r))?),
            other => return Err(DecodeError::mismatch(<Self as Decode>::type_name(), other)),
        })
    }
    fn type_name() -> String {
        String::from("Any")
    }
}

/// `a op= b` (augmented assignment): as `a op b`, with the `op=` spelling in
/// CPython's message; `list += iterable` extends the list with any iterable.
pub fn obj_inplace(a: &Obj, b: &Obj, op: &str) -> PyResult<Obj> {
    if let (Obj::List(xs), "+") = (a, op) {
        let mut out = xs.clone();
        out.extend(obj_iter(b.clone())?);
        return Ok(Obj::List(out));
    }
    let result = match op {
        "+" => obj_add(a, b),
        "-" => obj_sub(a, b),
        "*" => obj_mul(a, b),
        "/" => obj_truediv(a, b),
        "//" => obj_floordiv(a, b),
        "%" => obj_mod(a, b),
        _ => obj_pow(a, b),
    };
    result.map_err(|mut e| {
        let plain = format!("unsupported operand type(s) for {op}:");
        if e.message.starts_with(&plain) {
            e.message = e.message.replacen(
                &plain,
                &format!("unsupported operand type(s) for {op}=:"),
                1,
            );
        }
        e
    })
}

/// `a, b = x` of a dynamic value: its items as `for` walks them, exactly `N`
/// of them; CPython's `TypeError: cannot unpack non-iterable int object` for a
/// value that is not iterable, its `ValueError`s for another count.
pub fn obj_unpack<const N: usize>(x: Obj) -> PyResult<[Obj; N]> {
    let items = match x {
        Obj::List(_) | Obj::Tuple(_) | Obj::Dict(_) | Obj::Set(_) | Obj::Str(_) => obj_iter(x)?,
        other => {
            return Err(PyErr::type_error(format!(
                "cannot unpack non-iterable {} object",
                other.class_name()
            )));
        }
    };
    super::unpack_exact::<Obj, N>(items)
}
