//! Builtins over iterables and dicts that iter.rs and dict.rs leave out:
//! `iter`, `next`, `hash` of ints, and `reversed` of a dict's values and
//! items.

use super::IndexMap;
use super::{PyErr, PyResult};

/// `iter(items)`: the iterable's own iterator.
pub fn py_iter<T>(items: impl IntoIterator<Item = T>) -> impl Iterator<Item = T> {
    items.into_iter()
}

/// `next(it)`: `StopIteration` (with an empty message) when it is exhausted.
pub fn py_next<T>(it: impl IntoIterator<Item = T>) -> PyResult<T> {
    it.into_iter()
        .next()
        .ok_or_else(|| PyErr::new(super::ExcKind::StopIteration, ""))
}

/// `next(it, default)`.
pub fn py_next_or<T>(it: impl IntoIterator<Item = T>, default: T) -> T {
    it.into_iter().next().unwrap_or(default)
}

/// `next(it, None)`.
pub fn py_next_opt<T>(it: impl IntoIterator<Item = T>) -> Option<T> {
    it.into_iter().next()
}

/// `hash(n)` of an int, as CPython computes it: `n` reduced modulo the
/// Mersenne prime 2**61 - 1 with `n`'s sign, and -1 (an error marker in C)
/// turned into -2. Deterministic, unlike the hash of a str.
pub fn py_hash_int(n: i64) -> i64 {
    const MODULUS: i128 = (1 << 61) - 1;
    let m = (n as i128).abs() % MODULUS;
    let h = if n < 0 { -m } else { m } as i64;
    if h == -1 { -2 } else { h }
}

/// `reversed(d.values())`.
pub fn dict_reversed_values<K, V: Clone>(d: &IndexMap<K, V>) -> std::vec::IntoIter<V> {
    d.values().rev().cloned().collect::<Vec<V>>().into_iter()
}

/// `reversed(d.items())`.
pub fn dict_reversed_items<K: Clone, V: Clone>(d: &IndexMap<K, V>) -> std::vec::IntoIter<(K, V)> {
    d.iter()
        .rev()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect::<Vec<(K, V)>>()
        .into_iter()
}
