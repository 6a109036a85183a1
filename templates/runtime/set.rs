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

/// What the set functions read: a set, or a frozenset's items (`&IndexSet<T>` or
/// `&FrozenSet<T>`, whatever expression made it: a `?` result is not coerced by `Deref`).
pub trait AsIndexSet<T> {
    fn items(&self) -> &IndexSet<T>;
}

impl<T> AsIndexSet<T> for IndexSet<T> {
    fn items(&self) -> &IndexSet<T> {
        self
    }
}

impl<T> AsIndexSet<T> for FrozenSet<T> {
    fn items(&self) -> &IndexSet<T> {
        &self.0
    }
}

impl<T, S: AsIndexSet<T> + ?Sized> AsIndexSet<T> for &S {
    fn items(&self) -> &IndexSet<T> {
        (**self).items()
    }
}

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
pub fn set_contains<T, Q: Hash + Equivalent<T> + ?Sized>(
    s: &(impl AsIndexSet<T> + ?Sized),
    x: &Q,
) -> bool {
    let s = s.items();
    s.contains(x)
}

/// `s.copy()`.
pub fn set_copy<T: Clone>(s: &(impl AsIndexSet<T> + ?Sized)) -> IndexSet<T> {
    let s = s.items();
    s.clone()
}

/// `s.clear()`.
pub fn set_clear<T>(s: &mut IndexSet<T>) {
    s.clear();
}

// ---------------------------------------------------------------------------
// Set algebra between two sets (the operators).

/// `a | b`.
pub fn set_union<T: Hash + Eq + Clone>(
    a: &(impl AsIndexSet<T> + ?Sized),
    b: &(impl AsIndexSet<T> + ?Sized),
) -> IndexSet<T> {
    let a = a.items();
    let b = b.items();
    a.union(b).cloned().collect()
}

/// `a & b`: in `a`'s order.
pub fn set_intersection<T: Hash + Eq + Clone>(
    a: &(impl AsIndexSet<T> + ?Sized),
    b: &(impl AsIndexSet<T> + ?Sized),
) -> IndexSet<T> {
    let a = a.items();
    let b = b.items();
    a.iter().filter(|x| b.contains(*x)).cloned().collect()
}

/// `a - b`.
pub fn set_difference<T: Hash + Eq + Clone>(
    a: &(impl AsIndexSet<T> + ?Sized),
    b: &(impl AsIndexSet<T> + ?Sized),
) -> IndexSet<T> {
    let a = a.items();
    let b = b.items();
    a.iter().filter(|x| !b.contains(*x)).cloned().collect()
}

/// `a ^ b`: `a`'s items not in `b`, then `b`'s items not in `a`.
pub fn set_symmetric_difference<T: Hash + Eq + Clone>(
    a: &(impl AsIndexSet<T> + ?Sized),
    b: &(impl AsIndexSet<T> + ?Sized),
) -> IndexSet<T> {
    let a = a.items();
    let b = b.items();
    a.symmetric_difference(b).cloned().collect()
}

/// `a == b`.
pub fn set_eq<T: Hash + Eq>(
    a: &(impl AsIndexSet<T> + ?Sized),
    b: &(impl AsIndexSet<T> + ?Sized),
) -> bool {
    let a = a.items();
    let b = b.items();
    a.len() == b.len() && a.is_subset(b)
}

/// `a <= b` / `a.issubset(b)`.
pub fn set_le<T: Hash + Eq>(
    a: &(impl AsIndexSet<T> + ?Sized),
    b: &(impl AsIndexSet<T> + ?Sized),
) -> bool {
    let a = a.items();
    let b = b.items();
    a.is_subset(b)
}

/// `a < b`: a proper subset.
pub fn set_lt<T: Hash + Eq>(
    a: &(impl AsIndexSet<T> + ?Sized),
    b: &(impl AsIndexSet<T> + ?Sized),
) -> bool {
    let a = a.items();
    let b = b.items();
    a.len() < b.len() && a.is_subset(b)
}

/// `a >= b` / `a.issuperset(b)`.
pub fn set_ge<T: Hash + Eq>(
    a: &(impl AsIndexSet<T> + ?Sized),
    b: &(impl AsIndexSet<T> + ?Sized),
) -> bool {
    let a = a.items();
    let b = b.items();
    b.is_subset(a)
}

/// `a > b`: a proper superset.
pub fn set_gt<T: Hash + Eq>(
    a: &(impl AsIndexSet<T> + ?Sized),
    b: &(impl AsIndexSet<T> + ?Sized),
) -> bool {
    let a = a.items();
    let b = b.items();
    a.len() > b.len() && b.is_subset(a)
}

// ---------------------------------------------------------------------------
// The methods, which take any iterable.

/// `s.union(items)`.
pub fn set_union_iter<T: Hash + Eq + Clone>(
    s: &(impl AsIndexSet<T> + ?Sized),
    items: impl IntoIterator<Item = T>,
) -> PyResult<IndexSet<T>> {
    let s = s.items();
    let mut out = s.clone();
    set_update(&mut out, items)?;
    Ok(out)
}

/// `s.intersection(items)`.
pub fn set_intersection_iter<T: Hash + Eq + Clone>(
    s: &(impl AsIndexSet<T> + ?Sized),
    items: impl IntoIterator<Item = T>,
) -> PyResult<IndexSet<T>> {
    let s = s.items();
    Ok(set_intersection(s, &py_set(items)?))
}

/// `s.difference(items)`.
pub fn set_difference_iter<T: Hash + Eq + Clone>(
    s: &(impl AsIndexSet<T> + ?Sized),
    items: impl IntoIterator<Item = T>,
) -> PyResult<IndexSet<T>> {
    let s = s.items();
    Ok(set_difference(s, &py_set(items)?))
}

/// `s.symmetric_difference(items)`.
pub fn set_symmetric_difference_iter<T: Hash + Eq + Clone>(
    s: &(impl AsIndexSet<T> + ?Sized),
    items: impl IntoIterator<Item = T>,
) -> PyResult<IndexSet<T>> {
    let s = s.items();
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
    s: &(impl AsIndexSet<T> + ?Sized),
    items: impl IntoIterator<Item = T>,
) -> PyResult<bool> {
    let s = s.items();
    Ok(s.is_subset(&py_set(items)?))
}

/// `s.issuperset(items)`.
pub fn set_issuperset_iter<T: Hash + Eq>(
    s: &(impl AsIndexSet<T> + ?Sized),
    items: impl IntoIterator<Item = T>,
) -> bool {
    let s = s.items();
    items.into_iter().all(|x| s.contains(&x))
}

/// `s.isdisjoint(items)`.
pub fn set_isdisjoint_iter<T: Hash + Eq>(
    s: &(impl AsIndexSet<T> + ?Sized),
    items: impl IntoIterator<Item = T>,
) -> bool {
    let s = s.items();
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

// ---------------------------------------------------------------------------
// frozenset

/// A `frozenset`: the items of an [`IndexSet`] that nothing changes after it is
/// made, hashable (a dict key, a set item) and printed `frozenset({...})`. The
/// set functions above read it through `Deref` (`&FrozenSet<T>` coerces to
/// `&IndexSet<T>`); the front end gives no method that changes it (CPython's
/// frozenset has none), and wraps an algebra result in `FrozenSet` when the
/// left operand is one (`frozenset | set` is a frozenset, `set | frozenset` a
/// set, as in CPython).
#[derive(Clone, Debug)]
pub struct FrozenSet<T>(pub IndexSet<T>);

impl<T> Default for FrozenSet<T> {
    fn default() -> Self {
        FrozenSet(IndexSet::default())
    }
}

impl<T> std::ops::Deref for FrozenSet<T> {
    type Target = IndexSet<T>;
    fn deref(&self) -> &IndexSet<T> {
        &self.0
    }
}

/// `frozenset(items)`.
pub fn py_frozenset<T: Hash + Eq>(items: impl IntoIterator<Item = T>) -> PyResult<FrozenSet<T>> {
    py_set(items).map(FrozenSet)
}

/// `frozenset()`.
pub fn frozenset_new<T>() -> FrozenSet<T> {
    FrozenSet::default()
}

/// Set equality, whatever the order (a frozenset equals a set of the same items).
impl<T: Hash + Eq> PartialEq for FrozenSet<T> {
    fn eq(&self, other: &Self) -> bool {
        set_eq(&self.0, &other.0)
    }
}

impl<T: Hash + Eq> Eq for FrozenSet<T> {}

/// The items' hashes combined independently of their order, so equal frozensets hash
/// alike whatever order their items were added in.
impl<T: Hash> Hash for FrozenSet<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let mut acc = 0u64;
        for x in self.0.iter() {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            x.hash(&mut h);
            acc ^= frozenset_shuffle(std::hash::Hasher::finish(&h));
        }
        state.write_u64(acc);
        state.write_usize(self.0.len());
    }
}

/// setobject.c's `_shuffle_bits`: spreads an item's hash before the xor.
fn frozenset_shuffle(h: u64) -> u64 {
    ((h ^ 89_869_747) ^ (h << 16)).wrapping_mul(3_644_798_167)
}

/// CPython's `hash(frozenset)` (setobject.c's `frozenset_hash`) from the items' hashes.
pub fn frozenset_hash_of(hashes: impl IntoIterator<Item = i64>, len: usize) -> i64 {
    let mut h = 0u64;
    for x in hashes {
        h ^= frozenset_shuffle(x as u64);
    }
    h ^= (len as u64 + 1).wrapping_mul(1_927_868_237);
    h ^= (h >> 11) ^ (h >> 25);
    h = h.wrapping_mul(69_069).wrapping_add(907_133_923);
    if h == u64::MAX {
        return 590_923_713;
    }
    h as i64
}

impl<T: super::PyHash + Hash> super::PyHash for FrozenSet<T> {
    fn py_hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.hash(state);
    }
    fn py_hash_value(&self) -> i64 {
        frozenset_hash_of(
            self.0.iter().map(super::PyHash::py_hash_value),
            self.0.len(),
        )
    }
}

impl<'a, T> IntoIterator for &'a FrozenSet<T> {
    type Item = &'a T;
    type IntoIter = indexmap::set::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T> IntoIterator for FrozenSet<T> {
    type Item = T;
    type IntoIter = indexmap::set::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<T: Hash + Eq> FromIterator<T> for FrozenSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        FrozenSet(items.into_iter().collect())
    }
}

impl<T: PyRepr> PyRepr for FrozenSet<T> {
    fn py_repr(&self) -> String {
        if self.0.is_empty() {
            return "frozenset()".to_string();
        }
        format!("frozenset({})", self.0.py_repr())
    }
}
