//! Tuples read by position, and unpacking into names.
//!
//! A compiled tuple is a Rust tuple; operations that pick an item by a value
//! known only at run time see a homogeneous tuple as a slice of its items,
//! built by the compiler. Unpacking any iterable into `n` names checks the
//! count as CPython does, with its messages.

use super::{ExcKind, PyErr, PyRepr, PyResult};
use std::ops::Deref;
use std::sync::Arc;

/// `tuple[T, ...]`: a tuple of any length. Immutable and shared: a copy is a
/// reference count (an `Arc`, so a module constant or an exception's state may
/// hold one), and it reads as the slice of its items everywhere a list op takes
/// `&[T]`. Equality, order and hashing are the items' (lexicographic), as
/// CPython's tuple; `repr` is CPython's, `(x,)` for one item.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Tuple<T>(pub Arc<[T]>);

impl<T> Deref for Tuple<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<T> Default for Tuple<T> {
    fn default() -> Self {
        Tuple(Arc::from(Vec::new()))
    }
}

impl<T> From<Vec<T>> for Tuple<T> {
    fn from(items: Vec<T>) -> Self {
        Tuple(Arc::from(items))
    }
}

impl<T> FromIterator<T> for Tuple<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        Tuple(items.into_iter().collect())
    }
}

impl<'a, T> IntoIterator for &'a Tuple<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T: PyRepr> PyRepr for Tuple<T> {
    fn py_arg(&self) -> Option<super::Obj> {
        let items: Option<Vec<super::Obj>> = self.iter().map(PyRepr::py_arg).collect();
        items.map(super::Obj::Tuple)
    }
    fn py_repr(&self) -> String {
        let items: Vec<String> = self.iter().map(PyRepr::py_repr).collect();
        if items.len() == 1 {
            format!("({},)", items[0])
        } else {
            format!("({})", items.join(", "))
        }
    }
}

/// `tuple(items)`: a new tuple of the items of any iterable (grown fallibly:
/// `MemoryError`, never an abort, as `list(items)`).
pub fn tuple_from<T>(items: impl IntoIterator<Item = T>) -> PyResult<Tuple<T>> {
    super::py_list(items).map(Tuple::from)
}

/// `t[a:b:c]` of a tuple of any length: a new tuple (bounds clamped, as CPython).
pub fn tuple_slice<T: Clone>(
    items: &[T],
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> PyResult<Tuple<T>> {
    super::list_slice(items, start, stop, step).map(Tuple::from)
}

/// `a + b` of tuples.
pub fn tuple_add<T: Clone>(a: &[T], b: &[T]) -> Tuple<T> {
    Tuple::from(super::list_add(a, b))
}

/// `t * n` of a tuple: n <= 0 gives `()`.
pub fn tuple_mul<T: Clone>(items: &[T], n: i64) -> PyResult<Tuple<T>> {
    super::list_mul(items, n).map(Tuple::from)
}

/// `t[i]` of a homogeneous tuple: `IndexError: tuple index out of range`.
pub fn tuple_getitem<T: Clone>(items: &[T], i: i64) -> PyResult<T> {
    let n = items.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if (0..n).contains(&j) {
        Ok(items[j as usize].clone())
    } else {
        Err(PyErr::index_error("tuple index out of range"))
    }
}

/// `t.index(x)`: `ValueError: tuple.index(x): x not in tuple`.
pub fn tuple_index<T: PartialEq<Q>, Q: ?Sized>(items: &[T], x: &Q) -> PyResult<i64> {
    match items.iter().position(|y| y == x) {
        Some(k) => Ok(k as i64),
        None => Err(PyErr::value_error("tuple.index(x): x not in tuple")),
    }
}

/// The first `N` items of an iterable being unpacked into `N` names; CPython's
/// messages when there are fewer or more.
pub(crate) fn unpack_exact<T, const N: usize>(
    items: impl IntoIterator<Item = T>,
) -> PyResult<[T; N]> {
    let mut it = items.into_iter();
    let mut got: Vec<T> = Vec::with_capacity(N);
    for _ in 0..N {
        match it.next() {
            Some(x) => got.push(x),
            None => {
                return Err(PyErr::value_error(format!(
                    "not enough values to unpack (expected {N}, got {})",
                    got.len()
                )));
            }
        }
    }
    if it.next().is_some() {
        return Err(PyErr::value_error(format!(
            "too many values to unpack (expected {N})"
        )));
    }
    match got.try_into() {
        Ok(arr) => Ok(arr),
        Err(_) => unreachable!("exactly N items were collected"),
    }
}

/// `a, = items` (also `(a,) = items`, `[a] = items`).
pub fn unpack1<T>(items: impl IntoIterator<Item = T>) -> PyResult<(T,)> {
    let [a] = unpack_exact::<T, 1>(items)?;
    Ok((a,))
}

/// `a, b = items`.
pub fn unpack2<T>(items: impl IntoIterator<Item = T>) -> PyResult<(T, T)> {
    let [a, b] = unpack_exact::<T, 2>(items)?;
    Ok((a, b))
}

/// `a, b, c = items`.
pub fn unpack3<T>(items: impl IntoIterator<Item = T>) -> PyResult<(T, T, T)> {
    let [a, b, c] = unpack_exact::<T, 3>(items)?;
    Ok((a, b, c))
}

/// `a, b, c, d = items`.
pub fn unpack4<T>(items: impl IntoIterator<Item = T>) -> PyResult<(T, T, T, T)> {
    let [a, b, c, d] = unpack_exact::<T, 4>(items)?;
    Ok((a, b, c, d))
}

/// `a, b, c, d, e = items`.
pub fn unpack5<T>(items: impl IntoIterator<Item = T>) -> PyResult<(T, T, T, T, T)> {
    let [a, b, c, d, e] = unpack_exact::<T, 5>(items)?;
    Ok((a, b, c, d, e))
}

/// `a, *rest, z = items`: `before` items, the rest as a list, `after` items
/// (CPython's message when there are fewer than `before + after`).
fn unpack_starred<T>(
    items: impl IntoIterator<Item = T>,
    before: usize,
    after: usize,
) -> PyResult<(std::vec::IntoIter<T>, Vec<T>, std::vec::IntoIter<T>)> {
    let mut all: Vec<T> = items.into_iter().collect();
    let need = before + after;
    if all.len() < need {
        return Err(PyErr::value_error(format!(
            "not enough values to unpack (expected at least {need}, got {})",
            all.len()
        )));
    }
    let tail = all.split_off(all.len() - after);
    let mid = all.split_off(before);
    Ok((all.into_iter(), mid, tail.into_iter()))
}

/// The next of exactly counted items.
fn counted<T>(it: &mut std::vec::IntoIter<T>) -> PyResult<T> {
    it.next()
        .ok_or_else(|| PyErr::new(ExcKind::SystemError, "unpacking lost an item"))
}

/// `a0, *rest = items`.
pub fn unpack_star_1_0<T>(items: impl IntoIterator<Item = T>) -> PyResult<(T, Vec<T>)> {
    let (mut head, mid, _tail) = unpack_starred(items, 1, 0)?;
    Ok((counted(&mut head)?, mid))
}

/// `a0, a1, *rest = items`.
pub fn unpack_star_2_0<T>(items: impl IntoIterator<Item = T>) -> PyResult<(T, T, Vec<T>)> {
    let (mut head, mid, _tail) = unpack_starred(items, 2, 0)?;
    Ok((counted(&mut head)?, counted(&mut head)?, mid))
}

/// `a0, a1, a2, *rest = items`.
pub fn unpack_star_3_0<T>(items: impl IntoIterator<Item = T>) -> PyResult<(T, T, T, Vec<T>)> {
    let (mut head, mid, _tail) = unpack_starred(items, 3, 0)?;
    Ok((
        counted(&mut head)?,
        counted(&mut head)?,
        counted(&mut head)?,
        mid,
    ))
}

/// `*rest, z0 = items`.
pub fn unpack_star_0_1<T>(items: impl IntoIterator<Item = T>) -> PyResult<(Vec<T>, T)> {
    let (_head, mid, mut tail) = unpack_starred(items, 0, 1)?;
    Ok((mid, counted(&mut tail)?))
}

/// `*rest, z0, z1 = items`.
pub fn unpack_star_0_2<T>(items: impl IntoIterator<Item = T>) -> PyResult<(Vec<T>, T, T)> {
    let (_head, mid, mut tail) = unpack_starred(items, 0, 2)?;
    Ok((mid, counted(&mut tail)?, counted(&mut tail)?))
}

/// `*rest, z0, z1, z2 = items`.
pub fn unpack_star_0_3<T>(items: impl IntoIterator<Item = T>) -> PyResult<(Vec<T>, T, T, T)> {
    let (_head, mid, mut tail) = unpack_starred(items, 0, 3)?;
    Ok((
        mid,
        counted(&mut tail)?,
        counted(&mut tail)?,
        counted(&mut tail)?,
    ))
}

/// `a0, *rest, z0 = items`.
pub fn unpack_star_1_1<T>(items: impl IntoIterator<Item = T>) -> PyResult<(T, Vec<T>, T)> {
    let (mut head, mid, mut tail) = unpack_starred(items, 1, 1)?;
    Ok((counted(&mut head)?, mid, counted(&mut tail)?))
}

/// `a0, a1, *rest, z0 = items`.
pub fn unpack_star_2_1<T>(items: impl IntoIterator<Item = T>) -> PyResult<(T, T, Vec<T>, T)> {
    let (mut head, mid, mut tail) = unpack_starred(items, 2, 1)?;
    Ok((
        counted(&mut head)?,
        counted(&mut head)?,
        mid,
        counted(&mut tail)?,
    ))
}

/// `a0, *rest, z0, z1 = items`.
pub fn unpack_star_1_2<T>(items: impl IntoIterator<Item = T>) -> PyResult<(T, Vec<T>, T, T)> {
    let (mut head, mid, mut tail) = unpack_starred(items, 1, 2)?;
    Ok((
        counted(&mut head)?,
        mid,
        counted(&mut tail)?,
        counted(&mut tail)?,
    ))
}
