//! Sets (`IndexSet<T>`) with Python semantics.
//!
//! Iteration order: a compiled set iterates in insertion order (results of
//! `|`, `&`, `-`, `^` list the left operand's items first). CPython iterates
//! a set in hash-table order, which in general differs (for small
//! non-negative ints it happens to be ascending order). Code whose output
//! depends on set order should go through `sorted()`, which is portable.
//! `set.pop()` removes the first item in insertion order.
//!
//! Floats are not hashable in Rust (`f64` is not `Eq`), so there are no
//! `set[float]` or `dict[float, V]` here.

use std::hash::Hash;

use indexmap::Equivalent;

use super::IndexSet;

use super::{PyErr, PyRepr, PyResult};

/// `set()`.
pub fn set_new<T>() -> IndexSet<T> {
    IndexSet::default()
}

/// `set(items)`, reserving fallibly: `MemoryError` for a set no allocator
/// can hold (`set(range(10**18))`), as CPython.
pub fn py_set<T: Hash + Eq>(items: impl IntoIterator<Item = T>) -> PyResult<IndexSet<T>> {
    let it = items.into_iter();
    let mut out = IndexSet::default();
    out.try_reserve(it.size_hint().0)
        .map_err(|_| super::memory_error())?;
    for x in it {
        set_add(&mut out, x)?;
    }
    Ok(out)
}

/// Room for one more item in `s`, grown fallibly and by doubling (as `insert`
/// grows): `MemoryError` rather than aborting the process.
#[inline]
pub fn set_room<T>(s: &mut IndexSet<T>) -> PyResult<()> {
    if s.len() == s.capacity() {
        s.try_reserve(s.len().max(1))
            .map_err(|_| super::memory_error())?;
    }
    Ok(())
}

/// `s.add(x)`; `MemoryError` when `s` cannot grow.
pub fn set_add<T: Hash + Eq>(s: &mut IndexSet<T>, x: T) -> PyResult<()> {
    set_room(s)?;
    s.insert(x);
    Ok(())
}

/// `s.discard(x)`.
pub fn set_discard<T, Q: Hash + Equivalent<T> + ?Sized>(s: &mut IndexSet<T>, x: &Q) {
    s.shift_remove(x);
}

/// `s.remove(x)`: `KeyError: 'x'` (the repr of the item).
pub fn set_remove<T, Q>(s: &mut IndexSet<T>, x: &Q) -> PyResult<()>
where
    Q: Hash + Equivalent<T> + PyRepr + ?Sized,
{
    if s.shift_remove(x) {
        Ok(())
    } else {
        Err(PyErr::key_error_of(x))
    }
}

/// `s.pop()`: the first item in insertion order;
/// `KeyError: 'pop from an empty set'`.
pub fn set_pop<T: Hash + Eq>(s: &mut IndexSet<T>) -> PyResult<T> {
    match s.shift_remove_index(0) {
        Some(x) => Ok(x),
        None => Err(PyErr::key_error_of("pop from an empty set")),
    }
}

/// `x in s`.
pub fn set_contains<T, Q: Hash + Equivalent<T> + ?Sized>(s: &IndexSet<T>, x: &Q) -> bool {
    s.contains(x)
}

/// `s.copy()`.
pub fn set_copy<T: Clone>(s: &IndexSet<T>) -> IndexSet<T> {
    s.clone()
}

/// `s.clear()`.
pub fn set_clear<T>(s: &mut IndexSet<T>) {
    s.clear();
}

// ---------------------------------------------------------------------------
// Set algebra between two sets (the operators).

/// `a | b`.
pub fn set_union<T: Hash + Eq + Clone>(a: &IndexSet<T>, b: &IndexSet<T>) -> IndexSet<T> {
    a.union(b).cloned().collect()
}

/// `a & b`: in `a`'s order.
pub fn set_intersection<T: Hash + Eq + Clone>(a: &IndexSet<T>, b: &IndexSet<T>) -> IndexSet<T> {
    a.iter().filter(|x| b.contains(*x)).cloned().collect()
}

/// `a - b`.
pub fn set_difference<T: Hash + Eq + Clone>(a: &IndexSet<T>, b: &IndexSet<T>) -> IndexSet<T> {
    a.iter().filter(|x| !b.contains(*x)).cloned().collect()
}

/// `a ^ b`: `a`'s items not in `b`, then `b`'s items not in `a`.
pub fn set_symmetric_difference<T: Hash + Eq + Clone>(
    a: &IndexSet<T>,
    b: &IndexSet<T>,
) -> IndexSet<T> {
    a.symmetric_difference(b).cloned().collect()
}

/// `a == b`.
pub fn set_eq<T: Hash + Eq>(a: &IndexSet<T>, b: &IndexSet<T>) -> bool {
    a.len() == b.len() && a.is_subset(b)
}

/// `a <= b` / `a.issubset(b)`.
pub fn set_le<T: Hash + Eq>(a: &IndexSet<T>, b: &IndexSet<T>) -> bool {
    a.is_subset(b)
}

/// `a < b`: a proper subset.
pub fn set_lt<T: Hash + Eq>(a: &IndexSet<T>, b: &IndexSet<T>) -> bool {
    a.len() < b.len() && a.is_subset(b)
}

/// `a >= b` / `a.issuperset(b)`.
pub fn set_ge<T: Hash + Eq>(a: &IndexSet<T>, b: &IndexSet<T>) -> bool {
    b.is_subset(a)
}

/// `a > b`: a proper superset.
pub fn set_gt<T: Hash + Eq>(a: &IndexSet<T>, b: &IndexSet<T>) -> bool {
    a.len() > b.len() && b.is_subset(a)
}

// ---------------------------------------------------------------------------
// The methods, which take any iterable.

/// `s.union(items)`.
pub fn set_union_iter<T: Hash + Eq + Clone>(
    s: &IndexSet<T>,
    items: impl IntoIterator<Item = T>,
) -> PyResult<IndexSet<T>> {
    let mut out = s.clone();
    set_update(&mut out, items)?;
    Ok(out)
}

/// `s.intersection(items)`.
pub fn set_intersection_iter<T: Hash + Eq + Clone>(
    s: &IndexSet<T>,
    items: impl IntoIterator<Item = T>,
) -> PyResult<IndexSet<T>> {
    Ok(set_intersection(s, &py_set(items)?))
}

/// `s.difference(items)`.
pub fn set_difference_iter<T: Hash + Eq + Clone>(
    s: &IndexSet<T>,
    items: impl IntoIterator<Item = T>,
) -> PyResult<IndexSet<T>> {
    Ok(set_difference(s, &py_set(items)?))
}

/// `s.symmetric_difference(items)`.
pub fn set_symmetric_difference_iter<T: Hash + Eq + Clone>(
    s: &IndexSet<T>,
    items: impl IntoIterator<Item = T>,
) -> PyResult<IndexSet<T>> {
    Ok(set_symmetric_difference(s, &py_set(items)?))
}

/// `s.update(items)` (`s |= t`), growing fallibly.
pub fn set_update<T: Hash + Eq>(
    s: &mut IndexSet<T>,
    items: impl IntoIterator<Item = T>,
) -> PyResult<()> {
    for x in items {
        set_add(s, x)?;
    }
    Ok(())
}

/// `s.intersection_update(items)` (`s &= t`).
pub fn set_intersection_update<T: Hash + Eq>(
    s: &mut IndexSet<T>,
    items: impl IntoIterator<Item = T>,
) -> PyResult<()> {
    let keep = py_set(items)?;
    s.retain(|x| keep.contains(x));
    Ok(())
}

/// `s.difference_update(items)` (`s -= t`).
pub fn set_difference_update<T: Hash + Eq>(
    s: &mut IndexSet<T>,
    items: impl IntoIterator<Item = T>,
) -> PyResult<()> {
    let drop = py_set(items)?;
    s.retain(|x| !drop.contains(x));
    Ok(())
}

/// `s.symmetric_difference_update(items)` (`s ^= t`).
pub fn set_symmetric_difference_update<T: Hash + Eq>(
    s: &mut IndexSet<T>,
    items: impl IntoIterator<Item = T>,
) -> PyResult<()> {
    for x in py_set(items)? {
        if !s.shift_remove(&x) {
            set_add(s, x)?;
        }
    }
    Ok(())
}

/// `s.issubset(items)`.
pub fn set_issubset_iter<T: Hash + Eq>(
    s: &IndexSet<T>,
    items: impl IntoIterator<Item = T>,
) -> PyResult<bool> {
    Ok(s.is_subset(&py_set(items)?))
}

/// `s.issuperset(items)`.
pub fn set_issuperset_iter<T: Hash + Eq>(
    s: &IndexSet<T>,
    items: impl IntoIterator<Item = T>,
) -> bool {
    items.into_iter().all(|x| s.contains(&x))
}

/// `s.isdisjoint(items)`.
pub fn set_isdisjoint_iter<T: Hash + Eq>(
    s: &IndexSet<T>,
    items: impl IntoIterator<Item = T>,
) -> bool {
    items.into_iter().all(|x| !s.contains(&x))
}

impl<T: PyRepr, S> PyRepr for indexmap::IndexSet<T, S> {
    fn py_repr(&self) -> String {
        if self.is_empty() {
            return "set()".to_string();
        }
        let items: Vec<String> = self.iter().map(PyRepr::py_repr).collect();
        format!("{{{}}}", items.join(", "))
    }
}
