//! `collections`: `Counter`, `defaultdict` and `OrderedDict` held in the
//! compiled dict (`IndexMap`, insertion order as CPython's dicts), with the
//! methods and missing-key behaviour of CPython 3.11's subclasses.

use std::hash::Hash;

use indexmap::Equivalent;

use super::IndexMap;

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
    let mut c = IndexMap::default();
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
    let mut out = IndexMap::default();
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
impl<T> DefaultFactory for super::IndexSet<T> {
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
        return Err(PyErr::key_error_of(k));
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
    found.ok_or_else(|| PyErr::key_error_of("dictionary is empty"))
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

// ------------------------------------------------------------------ deque

/// `collections.deque`: a double-ended queue with an optional `maxlen`. An
/// append that would pass `maxlen` drops an item from the other end, as
/// CPython's does. Equality compares the items only (not `maxlen`).
#[derive(Clone, Debug, Default)]
pub struct Deque<T> {
    items: std::collections::VecDeque<T>,
    maxlen: Option<usize>,
}

impl<T: PartialEq> PartialEq for Deque<T> {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items
    }
}

impl<T: PyRepr> PyRepr for Deque<T> {
    /// `deque([1, 2])`, `deque([1, 2], maxlen=3)`.
    fn py_repr(&self) -> String {
        let items: Vec<String> = self.items.iter().map(PyRepr::py_repr).collect();
        match self.maxlen {
            Some(m) => format!("deque([{}], maxlen={m})", items.join(", ")),
            None => format!("deque([{}])", items.join(", ")),
        }
    }
}

impl<T> IntoIterator for Deque<T> {
    type Item = T;
    type IntoIter = std::collections::vec_deque::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<T> Deque<T> {
    /// The items, front to back, by reference.
    pub fn iter(&self) -> std::collections::vec_deque::Iter<'_, T> {
        self.items.iter()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// `d.maxlen`.
    pub fn maxlen(&self) -> Option<i64> {
        self.maxlen.map(|m| m as i64)
    }

    fn room(&mut self) -> PyResult<()> {
        if self.items.len() == self.items.capacity() {
            self.items
                .try_reserve(1)
                .map_err(|_| super::memory_error())?;
        }
        Ok(())
    }

    /// `d.append(x)`: at a full `maxlen`, the leftmost item goes.
    pub fn append(&mut self, x: T) -> PyResult<()> {
        if self.maxlen == Some(0) {
            return Ok(());
        }
        if Some(self.items.len()) == self.maxlen {
            self.items.pop_front();
        }
        self.room()?;
        self.items.push_back(x);
        Ok(())
    }

    /// `d.appendleft(x)`: at a full `maxlen`, the rightmost item goes.
    pub fn appendleft(&mut self, x: T) -> PyResult<()> {
        if self.maxlen == Some(0) {
            return Ok(());
        }
        if Some(self.items.len()) == self.maxlen {
            self.items.pop_back();
        }
        self.room()?;
        self.items.push_front(x);
        Ok(())
    }

    /// `d.extend(items)`.
    pub fn extend(&mut self, items: impl Iterator<Item = T>) -> PyResult<()> {
        for x in items {
            self.append(x)?;
        }
        Ok(())
    }

    /// `d.extendleft(items)`: each item appended on the left, so their order reverses.
    pub fn extendleft(&mut self, items: impl Iterator<Item = T>) -> PyResult<()> {
        for x in items {
            self.appendleft(x)?;
        }
        Ok(())
    }

    /// `d.pop()`: `IndexError: pop from an empty deque`.
    pub fn pop(&mut self) -> PyResult<T> {
        self.items
            .pop_back()
            .ok_or_else(|| PyErr::index_error("pop from an empty deque"))
    }

    /// `d.popleft()`: `IndexError: pop from an empty deque`.
    pub fn popleft(&mut self) -> PyResult<T> {
        self.items
            .pop_front()
            .ok_or_else(|| PyErr::index_error("pop from an empty deque"))
    }

    /// `d.rotate(n)`: n steps to the right (to the left when negative).
    pub fn rotate(&mut self, n: i64) {
        let len = self.items.len();
        if len > 1 {
            let k = n.rem_euclid(len as i64) as usize;
            self.items.rotate_right(k);
        }
    }

    /// `d.clear()`.
    pub fn clear(&mut self) {
        self.items.clear();
    }

    /// `d.reverse()`.
    pub fn reverse(&mut self) {
        self.items.make_contiguous().reverse();
    }

    /// `d.insert(i, x)`: the index is clamped as a list's; `IndexError: deque
    /// already at its maximum size` when full.
    pub fn insert(&mut self, i: i64, x: T) -> PyResult<()> {
        if Some(self.items.len()) == self.maxlen {
            return Err(PyErr::index_error("deque already at its maximum size"));
        }
        let n = self.items.len() as i128;
        let mut j = i as i128;
        if j < 0 {
            j = (j + n).max(0);
        }
        self.room()?;
        self.items.insert(j.min(n) as usize, x);
        Ok(())
    }

    fn index_of(&self, i: i64) -> PyResult<usize> {
        super::norm_index(self.items.len(), i)
            .ok_or_else(|| PyErr::index_error("deque index out of range"))
    }

    /// `d[i]`: `IndexError: deque index out of range`.
    pub fn getitem(&self, i: i64) -> PyResult<T>
    where
        T: Clone,
    {
        Ok(self.items[self.index_of(i)?].clone())
    }

    /// `d[i] = x`.
    pub fn setitem(&mut self, i: i64, x: T) -> PyResult<()> {
        let j = self.index_of(i)?;
        self.items[j] = x;
        Ok(())
    }

    /// `del d[i]`.
    pub fn delitem(&mut self, i: i64) -> PyResult<()> {
        let j = self.index_of(i)?;
        self.items.remove(j);
        Ok(())
    }

    /// `x in d`.
    pub fn contains<Q: ?Sized>(&self, x: &Q) -> bool
    where
        T: PartialEq<Q>,
    {
        self.items.iter().any(|y| y == x)
    }

    /// `d.count(x)`.
    pub fn count<Q: ?Sized>(&self, x: &Q) -> i64
    where
        T: PartialEq<Q>,
    {
        self.items.iter().filter(|y| *y == x).count() as i64
    }

    /// `d.index(x, start, stop)`: `ValueError: 3 is not in deque`.
    pub fn index<Q: PyRepr + ?Sized>(&self, x: &Q, start: i64, stop: i64) -> PyResult<i64>
    where
        T: PartialEq<Q>,
    {
        let n = self.items.len() as i128;
        let clamp = |i: i64| {
            let i = i as i128;
            if i < 0 { (i + n).max(0) } else { i.min(n) }
        };
        let (lo, hi) = (clamp(start) as usize, clamp(stop) as usize);
        for (j, y) in self.items.iter().enumerate().take(hi).skip(lo) {
            if y == x {
                return Ok(j as i64);
            }
        }
        Err(PyErr::value_error(format!(
            "{} is not in deque",
            x.py_repr()
        )))
    }

    /// `d.remove(x)`: the first item equal to x; `ValueError: 3 is not in deque`.
    pub fn remove<Q: PyRepr + ?Sized>(&mut self, x: &Q) -> PyResult<()>
    where
        T: PartialEq<Q>,
    {
        match self.items.iter().position(|y| y == x) {
            Some(j) => {
                self.items.remove(j);
                Ok(())
            }
            None => Err(PyErr::value_error(format!(
                "{} is not in deque",
                x.py_repr()
            ))),
        }
    }
}

/// `d[i]` as a place changed in place (`d[i].append(x)`, `d[i] += 1`).
pub fn deque_item_mut<T>(d: &mut Deque<T>, i: i64) -> PyResult<&mut T> {
    let j = d.index_of(i)?;
    Ok(&mut d.items[j])
}

/// `deque(iterable, maxlen)`: only the last `maxlen` items are kept;
/// `ValueError: maxlen must be non-negative`.
pub fn deque_new<T>(items: impl Iterator<Item = T>, maxlen: Option<i64>) -> PyResult<Deque<T>> {
    let maxlen = match maxlen {
        Some(m) if m < 0 => return Err(PyErr::value_error("maxlen must be non-negative")),
        Some(m) => Some(m as usize),
        None => None,
    };
    let mut d = Deque {
        items: std::collections::VecDeque::new(),
        maxlen,
    };
    d.extend(items)?;
    Ok(d)
}

// A class with a deque field gets the record impls every class gets; a record
// holding a deque is refused at the ABI (the manifest has no deque form, E103), so
// these only satisfy the trait bounds: the items as a list, no maxlen.
impl<T: super::abi::Encode> super::abi::Encode for Deque<T> {
    fn encode(&self, out: &mut super::abi::Writer) {
        out.header(super::pcv::tag::LIST, self.items.len());
        for x in &self.items {
            x.encode(out);
        }
    }
}

impl<T: super::abi::Decode> super::abi::Decode for Deque<T> {
    fn decode(r: &mut super::abi::Reader<'_>) -> Result<Self, super::abi::DecodeError> {
        let items = Vec::<T>::decode(r)?;
        Ok(Deque {
            items: items.into(),
            maxlen: None,
        })
    }
    fn type_name() -> String {
        format!("deque[{}]", T::type_name())
    }
}

// ------------------------------------------------- kinds inside other values
//
// A Counter, defaultdict or OrderedDict held in a list, a tuple or a dict's value
// is the same Rust map as a dict, so the container's `PyRepr`/`PartialEq` would
// show and compare it as one. The compiler names the value's shape with these
// marker types (`KList<KCounter>` for `list[Counter[str]]`,
// pycollections.kinds_marker) and `repr`/`==` walk the value by the marker.

/// `repr` and `==` of a `T` whose shape the marker `Self` names.
pub trait KindShape<T: ?Sized> {
    fn repr(x: &T) -> String;
    fn eq(a: &T, b: &T) -> bool;
}

/// The class a defaultdict of these values was made with, as its repr names it.
pub trait KindFactory<T: ?Sized> {
    fn factory() -> &'static str;
}

/// A value holding no collections class: its own `PyRepr` and `PartialEq`.
pub struct KPlain;
/// A list (`KList`), deque (`KDeque`), optional (`KOpt`) or plain dict (`KDict`,
/// by its values' shape; keys are never maps) of shaped items.
pub struct KList<M>(std::marker::PhantomData<M>);
pub struct KDeque<M>(std::marker::PhantomData<M>);
pub struct KOpt<M>(std::marker::PhantomData<M>);
pub struct KDict<M>(std::marker::PhantomData<M>);
/// A Counter, an OrderedDict and a defaultdict, by their values' shape.
pub struct KCounter;
pub struct KOrdered<M>(std::marker::PhantomData<M>);
pub struct KDefault<M>(std::marker::PhantomData<M>);

/// `repr(x)` / `str(x)` of a value holding collections classes.
pub fn kinds_repr<M: KindShape<T>, T: ?Sized>(x: &T) -> String {
    M::repr(x)
}

/// `a == b` of values holding collections classes.
pub fn kinds_eq<M: KindShape<T>, T: ?Sized>(a: &T, b: &T) -> bool {
    M::eq(a, b)
}

/// `x in xs` of a list of values holding (or being) collections classes.
pub fn kinds_list_contains<M: KindShape<T>, T>(xs: &[T], x: &T) -> bool {
    xs.iter().any(|y| M::eq(y, x))
}

/// `a == b` of two lists holding collections classes, each a `Vec`, a slice or an array.
pub fn kinds_list_eq<M: KindShape<T>, T>(a: &[T], b: &[T]) -> bool {
    <KList<M> as KindShape<[T]>>::eq(a, b)
}

fn kinds_join<'a, M: KindShape<T>, T: 'a>(items: impl Iterator<Item = &'a T>) -> String {
    items.map(M::repr).collect::<Vec<_>>().join(", ")
}

fn kinds_all_eq<'a, M: KindShape<T>, T: 'a>(
    a: impl ExactSizeIterator<Item = &'a T>,
    b: impl ExactSizeIterator<Item = &'a T>,
) -> bool {
    a.len() == b.len() && a.zip(b).all(|(x, y)| M::eq(x, y))
}

impl<T: PyRepr + PartialEq + ?Sized> KindShape<T> for KPlain {
    fn repr(x: &T) -> String {
        x.py_repr()
    }
    fn eq(a: &T, b: &T) -> bool {
        a == b
    }
}

impl<T: DefaultFactory> KindFactory<T> for KPlain {
    fn factory() -> &'static str {
        T::FACTORY
    }
}

impl<T, M: KindShape<T>> KindShape<[T]> for KList<M> {
    fn repr(x: &[T]) -> String {
        format!("[{}]", kinds_join::<M, T>(x.iter()))
    }
    fn eq(a: &[T], b: &[T]) -> bool {
        kinds_all_eq::<M, T>(a.iter(), b.iter())
    }
}

// A list is a `Vec`, or a slice or an array where it is only read (`[x]`, `xs[1:]`).
impl<T, M: KindShape<T>> KindShape<Vec<T>> for KList<M> {
    fn repr(x: &Vec<T>) -> String {
        <Self as KindShape<[T]>>::repr(x)
    }
    fn eq(a: &Vec<T>, b: &Vec<T>) -> bool {
        <Self as KindShape<[T]>>::eq(a, b)
    }
}

impl<T, M: KindShape<T>, const N: usize> KindShape<[T; N]> for KList<M> {
    fn repr(x: &[T; N]) -> String {
        <Self as KindShape<[T]>>::repr(x)
    }
    fn eq(a: &[T; N], b: &[T; N]) -> bool {
        <Self as KindShape<[T]>>::eq(a, b)
    }
}

impl<T, M: KindShape<T>> KindShape<Deque<T>> for KDeque<M> {
    fn repr(x: &Deque<T>) -> String {
        let items = kinds_join::<M, T>(x.iter());
        match x.maxlen {
            Some(m) => format!("deque([{items}], maxlen={m})"),
            None => format!("deque([{items}])"),
        }
    }
    fn eq(a: &Deque<T>, b: &Deque<T>) -> bool {
        kinds_all_eq::<M, T>(a.iter(), b.iter())
    }
}

impl<T, M: KindShape<T>> KindShape<Option<T>> for KOpt<M> {
    fn repr(x: &Option<T>) -> String {
        x.as_ref().map_or_else(|| String::from("None"), M::repr)
    }
    fn eq(a: &Option<T>, b: &Option<T>) -> bool {
        match (a, b) {
            (Some(x), Some(y)) => M::eq(x, y),
            (None, None) => true,
            _ => false,
        }
    }
}

fn kinds_dict_body<K: PyRepr, V, M: KindShape<V>>(d: &IndexMap<K, V>) -> String {
    let parts: Vec<String> = d
        .iter()
        .map(|(k, v)| format!("{}: {}", k.py_repr(), M::repr(v)))
        .collect();
    format!("{{{}}}", parts.join(", "))
}

/// Dict equality (any order) with the values compared by their shape.
fn kinds_dict_eq<K: Hash + Eq, V, M: KindShape<V>>(a: &IndexMap<K, V>, b: &IndexMap<K, V>) -> bool {
    a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| M::eq(v, w)))
}

impl<K: PyRepr + Hash + Eq, V, M: KindShape<V>> KindShape<IndexMap<K, V>> for KDict<M> {
    fn repr(x: &IndexMap<K, V>) -> String {
        kinds_dict_body::<K, V, M>(x)
    }
    fn eq(a: &IndexMap<K, V>, b: &IndexMap<K, V>) -> bool {
        kinds_dict_eq::<K, V, M>(a, b)
    }
}

impl<K: Clone + PyRepr + Hash + Eq> KindShape<IndexMap<K, i64>> for KCounter {
    fn repr(x: &IndexMap<K, i64>) -> String {
        counter_repr(x)
    }
    fn eq(a: &IndexMap<K, i64>, b: &IndexMap<K, i64>) -> bool {
        counter_eq(a, b)
    }
}

impl<K> KindFactory<IndexMap<K, i64>> for KCounter {
    fn factory() -> &'static str {
        "collections.Counter"
    }
}

impl<K: PyRepr + PartialEq, V, M: KindShape<V>> KindShape<IndexMap<K, V>> for KOrdered<M> {
    fn repr(x: &IndexMap<K, V>) -> String {
        if x.is_empty() {
            return String::from("OrderedDict()");
        }
        let parts: Vec<String> = x
            .iter()
            .map(|(k, v)| format!("({}, {})", k.py_repr(), M::repr(v)))
            .collect();
        format!("OrderedDict([{}])", parts.join(", "))
    }
    fn eq(a: &IndexMap<K, V>, b: &IndexMap<K, V>) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b.iter())
                .all(|((k, v), (j, w))| k == j && M::eq(v, w))
    }
}

impl<K, V, M> KindFactory<IndexMap<K, V>> for KOrdered<M> {
    fn factory() -> &'static str {
        "collections.OrderedDict"
    }
}

impl<K: PyRepr + Hash + Eq, V, M: KindShape<V> + KindFactory<V>> KindShape<IndexMap<K, V>>
    for KDefault<M>
{
    fn repr(x: &IndexMap<K, V>) -> String {
        format!(
            "defaultdict(<class '{}'>, {})",
            M::factory(),
            kinds_dict_body::<K, V, M>(x)
        )
    }
    fn eq(a: &IndexMap<K, V>, b: &IndexMap<K, V>) -> bool {
        kinds_dict_eq::<K, V, M>(a, b)
    }
}

macro_rules! kinds_tuple {
    ($marker:ident, $($name:ident $m:ident $idx:tt),+) => {
        /// A tuple whose fields have these shapes.
        pub struct $marker<$($m),+>(std::marker::PhantomData<($($m,)+)>);

        impl<$($name, $m: KindShape<$name>),+> KindShape<($($name,)+)> for $marker<$($m),+> {
            fn repr(x: &($($name,)+)) -> String {
                let items: Vec<String> = vec![$($m::repr(&x.$idx)),+];
                if items.len() == 1 {
                    format!("({},)", items[0])
                } else {
                    format!("({})", items.join(", "))
                }
            }
            fn eq(a: &($($name,)+), b: &($($name,)+)) -> bool {
                true $(&& $m::eq(&a.$idx, &b.$idx))+
            }
        }
    };
}

kinds_tuple!(KTuple1, A MA 0);
kinds_tuple!(KTuple2, A MA 0, B MB 1);
kinds_tuple!(KTuple3, A MA 0, B MB 1, C MC 2);
kinds_tuple!(KTuple4, A MA 0, B MB 1, C MC 2, D MD 3);
kinds_tuple!(KTuple5, A MA 0, B MB 1, C MC 2, D MD 3, E ME 4);
kinds_tuple!(KTuple6, A MA 0, B MB 1, C MC 2, D MD 3, E ME 4, F MF 5);
