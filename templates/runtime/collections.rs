//! `collections`: `Counter`, `defaultdict` and `OrderedDict` held in the
//! compiled dict (`IndexMap`, insertion order as CPython's dicts), with the
//! methods and missing-key behaviour of CPython 3.11's subclasses.

use std::hash::Hash;

use indexmap::{Equivalent, IndexMap};

use super::{PyErr, PyRepr, PyResult, int_add, int_sub};

// ------------------------------------------------------------------ Counter

/// `c[k]`: a missing key counts 0 (and is not inserted).
pub fn counter_get<K, Q: Hash + Equivalent<K> + ?Sized>(c: &IndexMap<K, i64>, k: &Q) -> i64 {
    c.get(k).copied().unwrap_or(0)
}

/// `Counter(iterable)`.
pub fn counter_from_iter<K: Hash + Eq>(
    items: impl Iterator<Item = K>,
) -> PyResult<IndexMap<K, i64>> {
    let mut c = IndexMap::new();
    counter_update(&mut c, counter_ones(items), false)?;
    Ok(c)
}

/// Each item of an iterable, counting one (`c.update(iterable)`).
pub fn counter_ones<K>(items: impl Iterator<Item = K>) -> impl Iterator<Item = (K, i64)> {
    items.map(|k| (k, 1))
}

/// A mapping's (key, count) pairs (`c.update(mapping)`), taken before the
/// Counter changes (so `c.update(c)` doubles every count, as in CPython).
pub fn counter_pairs<K: Clone>(m: &IndexMap<K, i64>) -> std::vec::IntoIter<(K, i64)> {
    m.iter()
        .map(|(k, n)| (k.clone(), *n))
        .collect::<Vec<_>>()
        .into_iter()
}

/// `c.update(...)` / `c.subtract(...)`: counts added (subtracted) key by key;
/// a new key starts at 0 (an empty Counter updated from a mapping so takes its
/// zero and negative counts as they are, as CPython's does).
pub fn counter_update<K: Hash + Eq>(
    c: &mut IndexMap<K, i64>,
    pairs: impl Iterator<Item = (K, i64)>,
    subtract: bool,
) -> PyResult<()> {
    for (k, n) in pairs {
        super::dict_room(c)?;
        let slot = c.entry(k).or_insert(0);
        *slot = if subtract {
            int_sub(*slot, n)?
        } else {
            int_add(*slot, n)?
        };
    }
    Ok(())
}

/// `c.most_common(n)`: by count, highest first; equal counts keep insertion
/// order (CPython sorts stably, and `heapq.nlargest` keeps that order too).
pub fn counter_most_common<K: Clone>(c: &IndexMap<K, i64>, n: Option<i64>) -> Vec<(K, i64)> {
    let mut items: Vec<(K, i64)> = c.iter().map(|(k, v)| (k.clone(), *v)).collect();
    items.sort_by_key(|item| std::cmp::Reverse(item.1));
    if let Some(n) = n {
        items.truncate(n.max(0) as usize);
    }
    items
}

/// `list(c.elements())`: each key repeated by its count (none for counts below one).
pub fn counter_elements<K: Clone>(c: &IndexMap<K, i64>) -> PyResult<Vec<K>> {
    let mut out = Vec::new();
    for (k, n) in c {
        for _ in 0..(*n).max(0) {
            out.try_reserve(1).map_err(|_| super::memory_error())?;
            out.push(k.clone());
        }
    }
    Ok(out)
}

/// `c.total()`.
pub fn counter_total<K>(c: &IndexMap<K, i64>) -> PyResult<i64> {
    c.values().try_fold(0i64, |acc, n| int_add(acc, *n))
}

/// `a + b`, `a - b`, `a | b`, `a & b`: CPython's loops over `a` then over the
/// keys only `b` has, keeping positive counts.
pub fn counter_binop<K: Hash + Eq + Clone>(
    a: &IndexMap<K, i64>,
    b: &IndexMap<K, i64>,
    op: char,
) -> PyResult<IndexMap<K, i64>> {
    let mut out = IndexMap::new();
    for (k, &n) in a {
        let m = counter_get(b, k);
        let new = match op {
            '+' => int_add(n, m)?,
            '-' => int_sub(n, m)?,
            '|' => n.max(m),
            _ => n.min(m),
        };
        if new > 0 {
            out.insert(k.clone(), new);
        }
    }
    if op != '&' {
        for (k, &m) in b {
            if a.contains_key(k) {
                continue;
            }
            let new = if op == '-' { int_sub(0, m)? } else { m };
            if new > 0 {
                out.insert(k.clone(), new);
            }
        }
    }
    Ok(out)
}

/// `a == b` of two Counters: missing keys count 0 (CPython 3.10+).
pub fn counter_eq<K: Hash + Eq>(a: &IndexMap<K, i64>, b: &IndexMap<K, i64>) -> bool {
    a.iter().all(|(k, n)| counter_get(b, k) == *n) && b.iter().all(|(k, n)| counter_get(a, k) == *n)
}

/// `repr(c)`: `Counter({'a': 2, 'b': 1})` in `most_common()` order; `Counter()`.
pub fn counter_repr<K: Clone + PyRepr>(c: &IndexMap<K, i64>) -> String {
    if c.is_empty() {
        return String::from("Counter()");
    }
    let parts: Vec<String> = counter_most_common(c, None)
        .iter()
        .map(|(k, n)| format!("{}: {}", k.py_repr(), n))
        .collect();
    format!("Counter({{{}}})", parts.join(", "))
}

/// `del c[k]`: a Counter ignores a missing key.
pub fn counter_delitem<K, Q: Hash + Equivalent<K> + ?Sized>(c: &mut IndexMap<K, i64>, k: &Q) {
    c.shift_remove(k);
}

// -------------------------------------------------------------- defaultdict

/// The factory a `defaultdict` of this value type was made with (its value
/// type's zero: `int`, `float`, `str`, `bool`, `list`, `set`, `dict`).
pub trait DefaultFactory: Default {
    const FACTORY: &'static str;
}
impl DefaultFactory for i64 {
    const FACTORY: &'static str = "int";
}
impl DefaultFactory for f64 {
    const FACTORY: &'static str = "float";
}
impl DefaultFactory for bool {
    const FACTORY: &'static str = "bool";
}
impl DefaultFactory for String {
    const FACTORY: &'static str = "str";
}
impl<T> DefaultFactory for Vec<T> {
    const FACTORY: &'static str = "list";
}
impl<T> DefaultFactory for indexmap::IndexSet<T> {
    const FACTORY: &'static str = "set";
}
impl<K, V> DefaultFactory for IndexMap<K, V> {
    const FACTORY: &'static str = "dict";
}

/// `d[k]` of a defaultdict: a missing key is inserted with the factory's value.
/// `MemoryError` when `d` cannot grow.
pub fn defaultdict_item<K: Hash + Eq, V: Default>(
    d: &mut IndexMap<K, V>,
    k: K,
) -> PyResult<&mut V> {
    super::dict_room(d)?;
    Ok(d.entry(k).or_default())
}

/// `repr(d)`: `defaultdict(<class 'list'>, {'a': [1]})`.
pub fn defaultdict_repr<K: PyRepr, V: PyRepr + DefaultFactory>(d: &IndexMap<K, V>) -> String {
    format!("defaultdict(<class '{}'>, {})", V::FACTORY, d.py_repr())
}

// -------------------------------------------------------------- OrderedDict

/// `od.move_to_end(key, last=True)`: `KeyError` for a missing key.
pub fn ordered_move_to_end<K, V, Q: Hash + Equivalent<K> + PyRepr + ?Sized>(
    d: &mut IndexMap<K, V>,
    k: &Q,
    last: bool,
) -> PyResult<()> {
    let Some(i) = d.get_index_of(k) else {
        return Err(PyErr::key_error(k.py_repr()));
    };
    let to = if last { d.len() - 1 } else { 0 };
    d.move_index(i, to);
    Ok(())
}

/// `od.popitem(last=True)`: `KeyError: 'dictionary is empty'` when empty.
pub fn ordered_popitem<K: Hash + Eq, V>(d: &mut IndexMap<K, V>, last: bool) -> PyResult<(K, V)> {
    let found = if last {
        d.pop()
    } else {
        d.shift_remove_index(0)
    };
    found.ok_or_else(|| PyErr::key_error("'dictionary is empty'"))
}

/// `repr(od)`: `OrderedDict([('a', 1)])`; `OrderedDict()` when empty (3.11).
pub fn ordered_repr<K: PyRepr, V: PyRepr>(d: &IndexMap<K, V>) -> String {
    if d.is_empty() {
        return String::from("OrderedDict()");
    }
    let parts: Vec<String> = d
        .iter()
        .map(|(k, v)| format!("({}, {})", k.py_repr(), v.py_repr()))
        .collect();
    format!("OrderedDict([{}])", parts.join(", "))
}

/// `a == b` of two OrderedDicts: the order matters too.
pub fn ordered_eq<K: PartialEq, V: PartialEq>(a: &IndexMap<K, V>, b: &IndexMap<K, V>) -> bool {
    a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x == y)
}
