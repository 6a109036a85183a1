//! `range` and the builtins over iterables: `enumerate`, `zip`, `reversed`,
//! `sorted`, `sum`, `min`, `max`, `any`, `all`, and `list()` (`set()` and
//! `dict()` are in set.rs and dict.rs).
//!
//! Iterables are taken as `impl IntoIterator<Item = T>` of owned items; the
//! lazy builtins return iterators, as Python's do. Key functions are
//! closures `FnMut(T) -> PyResult<K>` taking an owned (cloned) item; each
//! is called once per item, in order, as CPython does.

use super::seq::{apply_order, sort_order};
use super::{PyErr, PyRepr, PyResult, int_overflow};

// ---------------------------------------------------------------------------
// range

/// `range(...)`: compiled code only ever iterates a range (pycomp types it
/// as an `Iterator[int]`, which cannot be stored), so the range is its own
/// iterator. `len`, `in` and `reversed` on it are exact and O(1).
#[derive(Clone, Debug)]
pub struct PyRange {
    next: i64,
    step: i64,
    remaining: u64,
    stop: i64,
}

/// `range(stop)`.
pub fn py_range1(stop: i64) -> PyRange {
    py_range_new(0, stop, 1)
}

/// `range(start, stop)`.
pub fn py_range2(start: i64, stop: i64) -> PyRange {
    py_range_new(start, stop, 1)
}

/// `range(start, stop, step)`: `ValueError: range() arg 3 must not be zero`.
pub fn py_range3(start: i64, stop: i64, step: i64) -> PyResult<PyRange> {
    if step == 0 {
        return Err(PyErr::value_error("range() arg 3 must not be zero"));
    }
    Ok(py_range_new(start, stop, step))
}

fn py_range_new(start: i64, stop: i64, step: i64) -> PyRange {
    let (lo, hi, st) = (start as i128, stop as i128, step as i128);
    let count = if st > 0 && lo < hi {
        (hi - lo - 1) / st + 1
    } else if st < 0 && hi < lo {
        (lo - hi - 1) / (-st) + 1
    } else {
        0
    };
    // At most 2**64 - 1 items (range(-2**63, 2**63 - 1)).
    PyRange {
        next: start,
        step,
        remaining: count as u64,
        stop,
    }
}

impl PyRange {
    /// `len(r)`: `OverflowError: Python int too large to convert to C ssize_t`
    /// past `i64::MAX` items.
    pub fn len(&self) -> PyResult<i64> {
        i64::try_from(self.remaining)
            .map_err(|_| PyErr::overflow("Python int too large to convert to C ssize_t"))
    }

    /// `bool(r)`.
    pub fn is_empty(&self) -> bool {
        self.remaining == 0
    }

    fn item(&self, j: u64) -> i64 {
        (self.next as i128 + j as i128 * self.step as i128) as i64
    }

    /// `r[i]`: `IndexError: range object index out of range`.
    pub fn getitem(&self, i: i64) -> PyResult<i64> {
        let n = self.remaining as i128;
        let j = if i < 0 { i as i128 + n } else { i as i128 };
        if j < 0 || j >= n {
            return Err(PyErr::index_error("range object index out of range"));
        }
        Ok(self.item(j as u64))
    }

    /// `x in r`.
    pub fn contains(&self, x: i64) -> bool {
        if self.remaining == 0 {
            return false;
        }
        let (first, step, x) = (self.next as i128, self.step as i128, x as i128);
        let last = self.item(self.remaining - 1) as i128;
        let inside = if step > 0 {
            first <= x && x <= last
        } else {
            last <= x && x <= first
        };
        inside && (x - first) % step == 0
    }
}

impl Iterator for PyRange {
    type Item = i64;
    fn next(&mut self) -> Option<i64> {
        if self.remaining == 0 {
            return None;
        }
        let v = self.next;
        self.remaining -= 1;
        // Past the last item the next value may leave i64; it is never read.
        self.next = v.wrapping_add(self.step);
        Some(v)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        match usize::try_from(self.remaining) {
            Ok(n) => (n, Some(n)),
            Err(_) => (usize::MAX, None),
        }
    }
}

impl DoubleEndedIterator for PyRange {
    fn next_back(&mut self) -> Option<i64> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        Some(self.item(self.remaining))
    }
}

impl PyRepr for PyRange {
    /// As CPython prints the range object (for a range not yet iterated).
    fn py_repr(&self) -> String {
        if self.step == 1 {
            format!("range({}, {})", self.next, self.stop)
        } else {
            format!("range({}, {}, {})", self.next, self.stop, self.step)
        }
    }
}

// ---------------------------------------------------------------------------
// Operations on `Iterator[T]` values that CPython allows only on some
// iterables. They are traits implemented for exactly the Rust iterators
// that stand for such iterables, so that anything else fails to build
// instead of computing what CPython would refuse with a TypeError.

/// `reversed(it)`: only a range (CPython: `TypeError: 'generator' object is
/// not reversible`).
pub trait PyReversible: Iterator + Sized {
    fn py_reversed(self) -> std::iter::Rev<Self>;
}

impl PyReversible for PyRange {
    fn py_reversed(self) -> std::iter::Rev<PyRange> {
        self.rev()
    }
}

/// `reversed(range(...))`.
pub fn py_reversed_iter<I: PyReversible>(it: I) -> std::iter::Rev<I> {
    it.py_reversed()
}

/// `len(it)`: only a range.
pub trait PyIterLen {
    fn py_len(&self) -> PyResult<i64>;
}

impl PyIterLen for PyRange {
    fn py_len(&self) -> PyResult<i64> {
        self.len()
    }
}

/// `len(range(...))`.
pub fn py_len_iter<I: PyIterLen>(it: I) -> PyResult<i64> {
    it.py_len()
}

/// `x in it`: a range (O(1)), or a generator expression (consumed up to
/// the first equal item, as CPython does).
pub trait PyIterContains<Q: ?Sized> {
    fn py_contains(self, x: &Q) -> bool;
}

impl PyIterContains<i64> for PyRange {
    fn py_contains(self, x: &i64) -> bool {
        self.contains(*x)
    }
}

impl<T: PartialEq<Q>, Q: ?Sized> PyIterContains<Q> for std::vec::IntoIter<T> {
    fn py_contains(mut self, x: &Q) -> bool {
        self.any(|y| y == *x)
    }
}

/// `x in it` for an `Iterator[T]`.
pub fn py_iter_contains<Q: ?Sized, I: PyIterContains<Q>>(it: I, x: &Q) -> bool {
    it.py_contains(x)
}

// ---------------------------------------------------------------------------
// Lazy builtins

/// `enumerate(items, start)`. (The counter is an i64: it wraps past
/// `i64::MAX`, where CPython would go on with big ints.)
pub fn py_enumerate<T>(
    items: impl IntoIterator<Item = T>,
    start: i64,
) -> impl Iterator<Item = (i64, T)> {
    let mut k = start;
    items.into_iter().map(move |x| {
        let i = k;
        k = k.wrapping_add(1);
        (i, x)
    })
}

/// `zip(a, b)`: stops at the shortest.
pub fn py_zip2<A, B>(
    a: impl IntoIterator<Item = A>,
    b: impl IntoIterator<Item = B>,
) -> impl Iterator<Item = (A, B)> {
    a.into_iter().zip(b)
}

/// `zip(*rows)`: column `j` holds item `j` of every row, for `j` below the
/// shortest row's length (no rows: no columns). Each column is a tuple in CPython;
/// the compiler only lets it be used where a list behaves the same.
pub fn zip_star<T: Clone>(rows: impl Iterator<Item = Vec<T>>) -> impl Iterator<Item = Vec<T>> {
    let rows: Vec<Vec<T>> = rows.collect();
    let n = rows.iter().map(Vec::len).min().unwrap_or(0);
    (0..n).map(move |j| rows.iter().map(|r| r[j].clone()).collect())
}

/// `xs, ys = zip(*pairs)`: no pairs gives no tuples to unpack.
pub fn unzip2<A, B>(rows: impl Iterator<Item = (A, B)>) -> PyResult<(Vec<A>, Vec<B>)> {
    let (xs, ys): (Vec<A>, Vec<B>) = rows.unzip();
    if xs.is_empty() {
        return Err(PyErr::value_error(
            "not enough values to unpack (expected 2, got 0)",
        ));
    }
    Ok((xs, ys))
}

/// `xs, ys, zs = zip(*triples)`.
pub fn unzip3<A, B, C>(
    rows: impl Iterator<Item = (A, B, C)>,
) -> PyResult<(Vec<A>, Vec<B>, Vec<C>)> {
    let (mut xs, mut ys, mut zs) = (Vec::new(), Vec::new(), Vec::new());
    for (a, b, c) in rows {
        xs.push(a);
        ys.push(b);
        zs.push(c);
    }
    if xs.is_empty() {
        return Err(PyErr::value_error(
            "not enough values to unpack (expected 3, got 0)",
        ));
    }
    Ok((xs, ys, zs))
}

/// `zip(a, b, c)`: stops at the shortest.
pub fn py_zip3<A, B, C>(
    a: impl IntoIterator<Item = A>,
    b: impl IntoIterator<Item = B>,
    c: impl IntoIterator<Item = C>,
) -> impl Iterator<Item = (A, B, C)> {
    a.into_iter().zip(b).zip(c).map(|((x, y), z)| (x, y, z))
}

/// `zip(a, b, c, d)`: stops at the shortest, pulling from each in order as CPython.
pub fn py_zip4<A, B, C, D>(
    a: impl IntoIterator<Item = A>,
    b: impl IntoIterator<Item = B>,
    c: impl IntoIterator<Item = C>,
    d: impl IntoIterator<Item = D>,
) -> impl Iterator<Item = (A, B, C, D)> {
    a.into_iter()
        .zip(b)
        .zip(c)
        .zip(d)
        .map(|(((w, x), y), z)| (w, x, y, z))
}

/// `reversed(xs)` for a list.
pub fn py_reversed<T>(xs: Vec<T>) -> std::iter::Rev<std::vec::IntoIter<T>> {
    xs.into_iter().rev()
}

/// `reversed(s)` for a str: its characters, last first.
pub fn py_reversed_str(s: &str) -> std::vec::IntoIter<String> {
    s.chars()
        .rev()
        .map(String::from)
        .collect::<Vec<String>>()
        .into_iter()
}

// ---------------------------------------------------------------------------
// sorted

/// `sorted(items, reverse=...)`: stable, CPython's algorithm.
pub fn py_sorted<T: PartialOrd>(
    items: impl IntoIterator<Item = T>,
    reverse: bool,
) -> PyResult<Vec<T>> {
    let mut xs: Vec<T> = super::collect_vec(items)?;
    let order = sort_order(xs.len(), reverse, |a, b| xs[a] < xs[b]);
    apply_order(&mut xs, &order);
    Ok(xs)
}

/// `sorted(items, key=f, reverse=...)`.
pub fn py_sorted_by_key<T: Clone, K: PartialOrd>(
    items: impl IntoIterator<Item = T>,
    key: impl FnMut(T) -> PyResult<K>,
    reverse: bool,
) -> PyResult<Vec<T>> {
    let mut xs: Vec<T> = super::collect_vec(items)?;
    super::seq::list_sort_by_key(&mut xs, key, reverse)?;
    Ok(xs)
}

/// `sorted(items, reverse=...)` of plain values (see [`super::PlainOrd`]).
pub fn py_sorted_plain<T: super::PlainOrd>(
    items: impl IntoIterator<Item = T>,
    reverse: bool,
) -> PyResult<Vec<T>> {
    let mut xs: Vec<T> = super::collect_vec(items)?;
    super::seq::list_sort_plain(&mut xs, reverse);
    Ok(xs)
}

/// `sorted(items, key=f, reverse=...)` whose keys are plain values.
pub fn py_sorted_by_key_plain<T: Clone, K: super::PlainOrd>(
    items: impl IntoIterator<Item = T>,
    key: impl FnMut(T) -> PyResult<K>,
    reverse: bool,
) -> PyResult<Vec<T>> {
    let mut xs: Vec<T> = super::collect_vec(items)?;
    super::seq::list_sort_by_key_plain(&mut xs, key, reverse)?;
    Ok(xs)
}

// ---------------------------------------------------------------------------
// sum

/// `sum(ints, start)`: exact; `OverflowError` only if the total leaves i64.
pub fn py_sum_int(items: impl IntoIterator<Item = i64>, start: i64) -> PyResult<i64> {
    // An i128 cannot overflow before 2**64 items.
    let total = items
        .into_iter()
        .fold(start as i128, |acc, x| acc + x as i128);
    i64::try_from(total).map_err(|_| int_overflow())
}

/// `sum(bools, start)`.
pub fn py_sum_bool(items: impl IntoIterator<Item = bool>, start: i64) -> PyResult<i64> {
    py_sum_int(items.into_iter().map(i64::from), start)
}

/// `sum(floats, start)`: plain left-to-right addition, as CPython 3.11
/// (3.12 switched to compensated summation). CPython returns the int `0`
/// for an empty iterable with the default start; this returns `0.0`.
pub fn py_sum_float(items: impl IntoIterator<Item = f64>, start: f64) -> f64 {
    items.into_iter().fold(start, |acc, x| acc + x)
}

/// `sum(floats) / d` with an int `d`: CPython's empty sum is the int `0`, so
/// dividing it by zero is int division ("division by zero"), while a sum of
/// items is a float ("float division by zero").
pub fn py_sum_float_truediv(items: impl IntoIterator<Item = f64>, d: i64) -> PyResult<f64> {
    let mut any = false;
    let total = items.into_iter().fold(0.0, |acc, x| {
        any = true;
        acc + x
    });
    if d == 0 {
        return Err(PyErr::zero_division(if any {
            "float division by zero"
        } else {
            "division by zero"
        }));
    }
    Ok(total / d as f64)
}

// ---------------------------------------------------------------------------
// min / max. Like CPython, a later item replaces the current best only if
// it compares strictly better (`<` for min, `>` for max): the first of
// equal items wins, and NaN behaves as it does in CPython.

fn best<T: PartialOrd>(items: impl IntoIterator<Item = T>, want_max: bool) -> Option<T> {
    let mut it = items.into_iter();
    let mut cur = it.next()?;
    for x in it {
        let better = if want_max { x > cur } else { x < cur };
        if better {
            cur = x;
        }
    }
    Some(cur)
}

fn best_by_key<T: Clone, K: PartialOrd>(
    items: impl IntoIterator<Item = T>,
    mut key: impl FnMut(T) -> PyResult<K>,
    want_max: bool,
) -> PyResult<Option<T>> {
    let mut it = items.into_iter();
    let Some(first) = it.next() else {
        return Ok(None);
    };
    let mut cur_key = key(first.clone())?;
    let mut cur = first;
    for x in it {
        let k = key(x.clone())?;
        let better = if want_max { k > cur_key } else { k < cur_key };
        if better {
            cur = x;
            cur_key = k;
        }
    }
    Ok(Some(cur))
}

fn empty_error(name: &str) -> PyErr {
    PyErr::value_error(format!("{name}() arg is an empty sequence"))
}

/// `max(items)`: `ValueError: max() arg is an empty sequence`.
pub fn py_max<T: PartialOrd>(items: impl IntoIterator<Item = T>) -> PyResult<T> {
    best(items, true).ok_or_else(|| empty_error("max"))
}

/// `min(items)`: `ValueError: min() arg is an empty sequence`.
pub fn py_min<T: PartialOrd>(items: impl IntoIterator<Item = T>) -> PyResult<T> {
    best(items, false).ok_or_else(|| empty_error("min"))
}

/// `max(items, default=None)`: `None` when empty.
pub fn py_max_opt<T: PartialOrd>(items: impl IntoIterator<Item = T>) -> Option<T> {
    best(items, true)
}

/// `min(items, default=None)`: `None` when empty.
pub fn py_min_opt<T: PartialOrd>(items: impl IntoIterator<Item = T>) -> Option<T> {
    best(items, false)
}

/// `max(items, key=f, default=None)`: `None` when empty.
pub fn py_max_key_opt<T: Clone, K: PartialOrd>(
    items: impl IntoIterator<Item = T>,
    key: impl FnMut(T) -> PyResult<K>,
) -> PyResult<Option<T>> {
    best_by_key(items, key, true)
}

/// `min(items, key=f, default=None)`: `None` when empty.
pub fn py_min_key_opt<T: Clone, K: PartialOrd>(
    items: impl IntoIterator<Item = T>,
    key: impl FnMut(T) -> PyResult<K>,
) -> PyResult<Option<T>> {
    best_by_key(items, key, false)
}

/// `max(items, default=d)`.
pub fn py_max_default<T: PartialOrd>(items: impl IntoIterator<Item = T>, default: T) -> T {
    best(items, true).unwrap_or(default)
}

/// `min(items, default=d)`.
pub fn py_min_default<T: PartialOrd>(items: impl IntoIterator<Item = T>, default: T) -> T {
    best(items, false).unwrap_or(default)
}

/// `max(items, key=f)`.
pub fn py_max_key<T: Clone, K: PartialOrd>(
    items: impl IntoIterator<Item = T>,
    key: impl FnMut(T) -> PyResult<K>,
) -> PyResult<T> {
    best_by_key(items, key, true)?.ok_or_else(|| empty_error("max"))
}

/// `min(items, key=f)`.
pub fn py_min_key<T: Clone, K: PartialOrd>(
    items: impl IntoIterator<Item = T>,
    key: impl FnMut(T) -> PyResult<K>,
) -> PyResult<T> {
    best_by_key(items, key, false)?.ok_or_else(|| empty_error("min"))
}

/// `max(items, key=f, default=d)`.
pub fn py_max_key_default<T: Clone, K: PartialOrd>(
    items: impl IntoIterator<Item = T>,
    key: impl FnMut(T) -> PyResult<K>,
    default: T,
) -> PyResult<T> {
    Ok(best_by_key(items, key, true)?.unwrap_or(default))
}

/// `min(items, key=f, default=d)`.
pub fn py_min_key_default<T: Clone, K: PartialOrd>(
    items: impl IntoIterator<Item = T>,
    key: impl FnMut(T) -> PyResult<K>,
    default: T,
) -> PyResult<T> {
    Ok(best_by_key(items, key, false)?.unwrap_or(default))
}

/// `max(a, b)`: `a` unless `b > a`.
pub fn py_max2<T: PartialOrd>(a: T, b: T) -> T {
    if b > a { b } else { a }
}

/// `min(a, b)`: `a` unless `b < a`.
pub fn py_min2<T: PartialOrd>(a: T, b: T) -> T {
    if b < a { b } else { a }
}

/// `max(a, b, c)`.
pub fn py_max3<T: PartialOrd>(a: T, b: T, c: T) -> T {
    py_max2(py_max2(a, b), c)
}

/// `min(a, b, c)`.
pub fn py_min3<T: PartialOrd>(a: T, b: T, c: T) -> T {
    py_min2(py_min2(a, b), c)
}

/// `max(a, b, key=f)`.
pub fn py_max2_key<T: Clone, K: PartialOrd>(
    a: T,
    b: T,
    key: impl FnMut(T) -> PyResult<K>,
) -> PyResult<T> {
    py_max_key([a, b], key)
}

/// `min(a, b, key=f)`.
pub fn py_min2_key<T: Clone, K: PartialOrd>(
    a: T,
    b: T,
    key: impl FnMut(T) -> PyResult<K>,
) -> PyResult<T> {
    py_min_key([a, b], key)
}

// ---------------------------------------------------------------------------
// any / all and the constructors

/// `any(bools)`: stops at the first `True`.
pub fn py_any(items: impl IntoIterator<Item = bool>) -> bool {
    items.into_iter().any(|b| b)
}

/// `all(bools)`: stops at the first `False`.
pub fn py_all(items: impl IntoIterator<Item = bool>) -> bool {
    items.into_iter().all(|b| b)
}

/// `list(items)`.
pub fn py_list<T>(items: impl IntoIterator<Item = T>) -> PyResult<Vec<T>> {
    super::collect_vec(items)
}
