//! Dicts (`IndexMap<K, V>`) with Python semantics. Like CPython's dict an
//! `IndexMap` keeps insertion order; assigning to an existing key keeps its
//! place. Removing a key (`del`, `pop`) keeps the order of the others
//! (`shift_remove`, O(n), where CPython is O(1)).
//!
//! `keys()`, `values()` and `items()` iterate over snapshots, not live
//! views (pycomp types them as iterators, which cannot be stored).

use std::hash::Hash;

use indexmap::Equivalent;

use super::{PyErr, PyRepr, PyResult};

/// The hasher of every compiled dict and set: foldhash's fast hasher, several
/// times faster than std's SipHash on the short string and int keys compiled
/// code counts with. It changes no result: iteration follows insertion order
/// (`IndexMap`), whatever the hasher, as a Python dict does. Its seed is
/// random per process, as CPython's str hash is; foldhash makes no claim of
/// resisting hash flooding (nor does CPython's int hash), which a compiled
/// function that counts untrusted keys from a network inherits.
pub type DictHasher = foldhash::fast::RandomState;
/// A compiled `dict[K, V]`.
pub type IndexMap<K, V> = indexmap::IndexMap<K, V, DictHasher>;
/// A compiled `set[T]`.
pub type IndexSet<T> = indexmap::IndexSet<T, DictHasher>;

/// The pairs of a dict view (`for k, v in d.items()`), the keys as `&str`.
pub fn view_items<'d, 'a, V, S>(
    d: &'d indexmap::IndexMap<&'a str, V, S>,
) -> impl Iterator<Item = (&'a str, &'d V)> + 'd {
    d.iter().map(|(k, v)| (*k, v))
}

/// A key looked up in a dict view, as `&str` (`String`, `&str` alike).
pub fn view_key<S: AsRef<str> + ?Sized>(k: &S) -> &str {
    k.as_ref()
}

/// `{}` / `dict()`.
pub fn dict_new<K, V>() -> IndexMap<K, V> {
    IndexMap::default()
}

/// `d[k]`: `KeyError: 'x'` (the repr of the key).
pub fn dict_getitem<K, V: Clone, Q>(d: &IndexMap<K, V>, k: &Q) -> PyResult<V>
where
    Q: Hash + Equivalent<K> + PyRepr + ?Sized,
{
    match d.get(k) {
        Some(v) => Ok(v.clone()),
        None => Err(PyErr::key_error_of(k)),
    }
}

/// Room for one more key in `d`, grown fallibly and by doubling (as `insert`
/// grows): `MemoryError` when the allocator cannot give it, as CPython,
/// rather than aborting the process.
#[inline]
pub fn dict_room<K, V>(d: &mut IndexMap<K, V>) -> PyResult<()> {
    if d.len() == d.capacity() {
        d.try_reserve(d.len().max(1))
            .map_err(|_| super::memory_error())?;
    }
    Ok(())
}

/// `d[k] = v`: a new key goes last, an existing key keeps its place;
/// `MemoryError` when `d` cannot grow.
pub fn dict_setitem<K: Hash + Eq, V>(d: &mut IndexMap<K, V>, k: K, v: V) -> PyResult<()> {
    dict_room(d)?;
    d.insert(k, v);
    Ok(())
}

/// `del d[k]`: `KeyError: 'x'`.
pub fn dict_delitem<K, V, Q>(d: &mut IndexMap<K, V>, k: &Q) -> PyResult<()>
where
    Q: Hash + Equivalent<K> + PyRepr + ?Sized,
{
    match d.shift_remove(k) {
        Some(_) => Ok(()),
        None => Err(PyErr::key_error_of(k)),
    }
}

/// `k in d`.
pub fn dict_contains<K, V, Q: Hash + Equivalent<K> + ?Sized>(d: &IndexMap<K, V>, k: &Q) -> bool {
    d.contains_key(k)
}

/// `if k in d:` whose body reads `d[k]` (the lowering's `found_in`): the
/// value found by the test's one lookup, read in place by the body.
pub fn dict_find<'a, K, V, Q: Hash + Equivalent<K> + ?Sized>(
    d: &'a IndexMap<K, V>,
    k: &Q,
) -> Option<&'a V> {
    d.get(k)
}

/// `d.get(k)`.
pub fn dict_get<K, V: Clone, Q: Hash + Equivalent<K> + ?Sized>(
    d: &IndexMap<K, V>,
    k: &Q,
) -> Option<V> {
    d.get(k).cloned()
}

/// `d[k]` read in place: a reference to the value; `KeyError` when missing.
pub fn dict_item_ref<'a, K, V, Q>(d: &'a IndexMap<K, V>, k: &Q) -> PyResult<&'a V>
where
    Q: Hash + Equivalent<K> + PyRepr + ?Sized,
{
    d.get(k).ok_or_else(|| PyErr::key_error_of(k))
}

/// `d.get(k, default)`.
pub fn dict_get_or<K, V: Clone, Q: Hash + Equivalent<K> + ?Sized>(
    d: &IndexMap<K, V>,
    k: &Q,
    default: V,
) -> V {
    match d.get(k) {
        Some(v) => v.clone(),
        None => default,
    }
}

/// `d.setdefault(k, default)`: the value of `k`, inserting `default` first
/// if `k` is missing.
pub fn dict_setdefault<K: Hash + Eq, V: Clone>(
    d: &mut IndexMap<K, V>,
    k: K,
    default: V,
) -> PyResult<V> {
    dict_room(d)?;
    Ok(d.entry(k).or_insert(default).clone())
}

/// `d.pop(k)`: `KeyError: 'x'`.
pub fn dict_pop<K, V, Q>(d: &mut IndexMap<K, V>, k: &Q) -> PyResult<V>
where
    Q: Hash + Equivalent<K> + PyRepr + ?Sized,
{
    match d.shift_remove(k) {
        Some(v) => Ok(v),
        None => Err(PyErr::key_error_of(k)),
    }
}

/// `d.pop(k, default)`.
pub fn dict_pop_or<K, V, Q: Hash + Equivalent<K> + ?Sized>(
    d: &mut IndexMap<K, V>,
    k: &Q,
    default: V,
) -> V {
    d.shift_remove(k).unwrap_or(default)
}

/// `d.popitem()`: the last inserted pair (LIFO);
/// `KeyError: 'popitem(): dictionary is empty'`.
pub fn dict_popitem<K: Hash + Eq, V>(d: &mut IndexMap<K, V>) -> PyResult<(K, V)> {
    match d.pop() {
        Some(kv) => Ok(kv),
        None => Err(PyErr::key_error_of("popitem(): dictionary is empty")),
    }
}

/// `d.update(other)` for a dict.
pub fn dict_update<K: Hash + Eq + Clone, V: Clone>(
    d: &mut IndexMap<K, V>,
    other: &IndexMap<K, V>,
) -> PyResult<()> {
    for (k, v) in other {
        dict_setitem(d, k.clone(), v.clone())?;
    }
    Ok(())
}

/// `d.update(pairs)` for an iterable of `(key, value)` pairs.
pub fn dict_update_pairs<K: Hash + Eq, V>(
    d: &mut IndexMap<K, V>,
    pairs: impl IntoIterator<Item = (K, V)>,
) -> PyResult<()> {
    for (k, v) in pairs {
        dict_setitem(d, k, v)?;
    }
    Ok(())
}

/// `dict(pairs)`, `dict(zip(ks, vs))`, `{k: v for ...}`: later duplicates
/// overwrite the value but keep the first position.
pub fn dict_from_pairs<K: Hash + Eq, V>(
    pairs: impl IntoIterator<Item = (K, V)>,
) -> PyResult<IndexMap<K, V>> {
    let mut d = IndexMap::default();
    dict_update_pairs(&mut d, pairs)?;
    Ok(d)
}

/// `dict.fromkeys(keys, value)`.
pub fn dict_fromkeys<K: Hash + Eq, V: Clone>(
    keys: impl IntoIterator<Item = K>,
    value: V,
) -> PyResult<IndexMap<K, V>> {
    dict_from_pairs(keys.into_iter().map(|k| (k, value.clone())))
}

/// `d.keys()`: an iterator over a snapshot of the keys (the loop body may
/// change `d`).
pub fn dict_keys<K: Clone, V>(d: &IndexMap<K, V>) -> std::vec::IntoIter<K> {
    d.keys().cloned().collect::<Vec<K>>().into_iter()
}

/// `d.values()`.
pub fn dict_values<K, V: Clone>(d: &IndexMap<K, V>) -> std::vec::IntoIter<V> {
    d.values().cloned().collect::<Vec<V>>().into_iter()
}

/// `d.items()`.
pub fn dict_items<K: Clone, V: Clone>(d: &IndexMap<K, V>) -> std::vec::IntoIter<(K, V)> {
    d.iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect::<Vec<(K, V)>>()
        .into_iter()
}

/// `d.copy()`.
pub fn dict_copy<K: Clone, V: Clone>(d: &IndexMap<K, V>) -> IndexMap<K, V> {
    d.clone()
}

/// `d.clear()`.
pub fn dict_clear<K, V>(d: &mut IndexMap<K, V>) {
    d.clear();
}

/// `a | b`: a copy of `a` updated by `b` (no bigger than the two together).
pub fn dict_or<K: Hash + Eq + Clone, V: Clone>(
    a: &IndexMap<K, V>,
    b: &IndexMap<K, V>,
) -> IndexMap<K, V> {
    let mut d = a.clone();
    for (k, v) in b {
        d.insert(k.clone(), v.clone());
    }
    d
}

/// `a == b`: same keys with equal values, in any order.
pub fn dict_eq<K: Hash + Eq, V: PartialEq>(a: &IndexMap<K, V>, b: &IndexMap<K, V>) -> bool {
    a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| v == w))
}

/// `reversed(d)`: the keys, last inserted first.
pub fn dict_reversed<K: Clone, V>(d: &IndexMap<K, V>) -> std::vec::IntoIter<K> {
    d.keys().rev().cloned().collect::<Vec<K>>().into_iter()
}

impl<K: PyRepr, V: PyRepr, S> PyRepr for indexmap::IndexMap<K, V, S> {
    fn py_repr(&self) -> String {
        let items: Vec<String> = self
            .iter()
            .map(|(k, v)| format!("{}: {}", k.py_repr(), v.py_repr()))
            .collect();
        format!("{{{}}}", items.join(", "))
    }
}
