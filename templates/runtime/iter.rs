//! `range` and the builtins over iterables: `enumerate`, `zip`, `reversed`,
//! `sorted`, `sum`, `min`, `max`, `any`, `all`, and the `list`/`set`/
//! `dict`/`tuple` constructors.
//!
//! Iterables are taken as `impl IntoIterator<Item = T>` of owned items; the
//! lazy builtins return iterators, as Python's do. Key functions are
//! closures `FnMut(T) -> PyResult<K>` taking an owned (cloned) item; each
//! is called once per item, in order, as CPython does.

use super::seq::{apply_order, sort_order};
use super::{PyErr, PyRepr, PyResult, int_overflow};

// ---------------------------------------------------------------------------
// range

/// A Python `range`: an immutable sequence of ints (`Copy`; iterating it
/// does not consume it).
#[derive(Clone, Copy, Debug)]
pub struct PyRange {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

/// `range(stop)`.
pub fn py_range1(stop: i64) -> PyRange {
    PyRange { start: 0, stop, step: 1 }
}

/// `range(start, stop)`.
pub fn py_range2(start: i64, stop: i64) -> PyRange {
    PyRange { start, stop, step: 1 }
}

/// `range(start, stop, step)`: `ValueError: range() arg 3 must not be zero`.
pub fn py_range3(start: i64, stop: i64, step: i64) -> PyResult<PyRange> {
    if step == 0 {
        return Err(PyErr::value_error("range() arg 3 must not be zero"));
    }
    Ok(PyRange { start, stop, step })
}

impl PyRange {
    /// The number of items, which may exceed `i64::MAX`.
    fn count(&self) -> u128 {
        let (lo, hi, step) = (self.start as i128, self.stop as i128, self.step as i128);
        if step > 0 && lo < hi {
            ((hi - lo - 1) / step + 1) as u128
        } else if step < 0 && hi < lo {
            ((lo - hi - 1) / (-step) + 1) as u128
        } else {
            0
        }
    }

    /// `len(r)`: `OverflowError: Python int too large to convert to C ssize_t`
    /// past `i64::MAX` items.
    pub fn len(&self) -> PyResult<i64> {
        i64::try_from(self.count())
            .map_err(|_| PyErr::overflow("Python int too large to convert to C ssize_t"))
    }

    /// `bool(r)`.
    pub fn is_empty(&self) -> bool {
        self.count() == 0
    }

    /// `r[i]`: `IndexError: range object index out of range`.
    pub fn getitem(&self, i: i64) -> PyResult<i64> {
        let n = self.count() as i128;
        let j = if i < 0 { i as i128 + n } else { i as i128 };
        if j < 0 || j >= n {
            return Err(PyErr::index_error("range object index out of range"));
        }
        Ok((self.start as i128 + j * self.step as i128) as i64)
    }

    /// `x in r`.
    pub fn contains(&self, x: i64) -> bool {
        let (lo, hi, step, x) = (self.start as i128, self.stop as i128, self.step as i128, x as i128);
        let inside = if step > 0 { lo <= x && x < hi } else { hi < x && x <= lo };
        inside && (x - lo) % step == 0
    }

    /// `r.index(x)`: `ValueError: 5 is not in range`.
    pub fn index(&self, x: i64) -> PyResult<i64> {
        if self.contains(x) {
            Ok(((x as i128 - self.start as i128) / self.step as i128) as i64)
        } else {
            Err(PyErr::value_error(format!("{x} is not in range")))
        }
    }

    /// `r.count(x)`.
    pub fn count_of(&self, x: i64) -> i64 {
        i64::from(self.contains(x))
    }

    /// `r[start:stop:step]`, itself a range.
    pub fn slice(&self, start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> PyResult<PyRange> {
        let n = usize::try_from(self.count()).unwrap_or(usize::MAX);
        let s = super::seq::slice_indices(n, start, stop, step)?;
        let item = |i: i64| i64::try_from(self.start as i128 + i as i128 * self.step as i128);
        match (item(s.start), item(s.stop), (self.step as i128 * s.step as i128).try_into()) {
            (Ok(a), Ok(b), Ok(c)) => Ok(PyRange { start: a, stop: b, step: c }),
            _ => Err(int_overflow()),
        }
    }

    /// An iterator over the items.
    pub fn iter(&self) -> RangeIter {
        RangeIter { next: self.start, step: self.step, remaining: self.count() }
    }

    /// `reversed(r)`.
    pub fn reversed(&self) -> std::iter::Rev<RangeIter> {
        self.iter().rev()
    }
}

impl PartialEq for PyRange {
    /// Ranges are equal when they hold the same items.
    fn eq(&self, other: &PyRange) -> bool {
        let n = self.count();
        n == other.count() && (n == 0 || (self.start == other.start && (n == 1 || self.step == other.step)))
    }
}

impl IntoIterator for PyRange {
    type Item = i64;
    type IntoIter = RangeIter;
    fn into_iter(self) -> RangeIter {
        self.iter()
    }
}

impl IntoIterator for &PyRange {
    type Item = i64;
    type IntoIter = RangeIter;
    fn into_iter(self) -> RangeIter {
        self.iter()
    }
}

impl PyRepr for PyRange {
    fn py_repr(&self) -> String {
        if self.step == 1 {
            format!("range({}, {})", self.start, self.stop)
        } else {
            format!("range({}, {}, {})", self.start, self.stop, self.step)
        }
    }
}

/// The iterator of a [`PyRange`].
#[derive(Clone, Debug)]
pub struct RangeIter {
    next: i64,
    step: i64,
    remaining: u128,
}

impl Iterator for RangeIter {
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

impl DoubleEndedIterator for RangeIter {
    fn next_back(&mut self) -> Option<i64> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        Some((self.next as i128 + self.remaining as i128 * self.step as i128) as i64)
    }
}

// ---------------------------------------------------------------------------
// Lazy builtins

/// `enumerate(items, start)`. (The counter is an i64: it wraps past
/// `i64::MAX`, where CPython would go on with big ints.)
pub fn py_enumerate<T>(items: impl IntoIterator<Item = T>, start: i64) -> impl Iterator<Item = (i64, T)> {
    let mut k = start;
    items.into_iter().map(move |x| {
        let i = k;
        k = k.wrapping_add(1);
        (i, x)
    })
}

/// `zip(a, b)`: stops at the shortest.
pub fn py_zip2<A, B>(a: impl IntoIterator<Item = A>, b: impl IntoIterator<Item = B>) -> impl Iterator<Item = (A, B)> {
    a.into_iter().zip(b)
}

/// `zip(a, b, c)`: stops at the shortest.
pub fn py_zip3<A, B, C>(
    a: impl IntoIterator<Item = A>,
    b: impl IntoIterator<Item = B>,
    c: impl IntoIterator<Item = C>,
) -> impl Iterator<Item = (A, B, C)> {
    a.into_iter().zip(b).zip(c).map(|((x, y), z)| (x, y, z))
}

/// `reversed(xs)` for a list.
pub fn py_reversed<T>(xs: Vec<T>) -> std::iter::Rev<std::vec::IntoIter<T>> {
    xs.into_iter().rev()
}

/// `reversed(s)` for a str: its characters, last first.
pub fn py_reversed_str(s: &str) -> std::vec::IntoIter<String> {
    s.chars().rev().map(String::from).collect::<Vec<String>>().into_iter()
}

// ---------------------------------------------------------------------------
// sorted

/// `sorted(items, reverse=...)`: stable, CPython's algorithm.
pub fn py_sorted<T: PartialOrd>(items: impl IntoIterator<Item = T>, reverse: bool) -> Vec<T> {
    let mut xs: Vec<T> = items.into_iter().collect();
    let order = sort_order(xs.len(), reverse, |a, b| xs[a] < xs[b]);
    apply_order(&mut xs, &order);
    xs
}

/// `sorted(items, key=f, reverse=...)`.
pub fn py_sorted_by_key<T: Clone, K: PartialOrd>(
    items: impl IntoIterator<Item = T>,
    key: impl FnMut(T) -> PyResult<K>,
    reverse: bool,
) -> PyResult<Vec<T>> {
    let mut xs: Vec<T> = items.into_iter().collect();
    super::seq::list_sort_by_key(&mut xs, key, reverse)?;
    Ok(xs)
}

// ---------------------------------------------------------------------------
// sum

/// `sum(ints, start)`: exact; `OverflowError` only if the total leaves i64.
pub fn py_sum_int(items: impl IntoIterator<Item = i64>, start: i64) -> PyResult<i64> {
    // An i128 cannot overflow before 2**64 items.
    let total = items.into_iter().fold(start as i128, |acc, x| acc + x as i128);
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
pub fn py_max2_key<T: Clone, K: PartialOrd>(a: T, b: T, key: impl FnMut(T) -> PyResult<K>) -> PyResult<T> {
    py_max_key([a, b], key)
}

/// `min(a, b, key=f)`.
pub fn py_min2_key<T: Clone, K: PartialOrd>(a: T, b: T, key: impl FnMut(T) -> PyResult<K>) -> PyResult<T> {
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

/// `list(items)` / `tuple(items)` for `tuple[T, ...]`.
pub fn py_list<T>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    items.into_iter().collect()
}
