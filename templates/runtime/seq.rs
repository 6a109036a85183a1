//! Lists (`Vec<T>`) with Python semantics: indexing, slicing, the list
//! methods, and `list.sort` (a port of CPython 3.11's timsort, so that even
//! inconsistent orders such as floats with NaN come out exactly as in CPython).
//!
//! Comparisons use Rust's `PartialEq`/`PartialOrd`, which agree with Python
//! on every type pycomp compiles (int, float, bool, str, lists and tuples of
//! them: lexicographic, the first unequal pair decides) with one exception:
//! CPython's containers treat an object as equal to itself before calling
//! `==`, so `x = float('nan'); [x] == [x]` is `True` in CPython but `false`
//! here (compiled code has values, not object identities).

use super::{PyErr, PyRepr, PyResult};
use std::cmp::Ordering;

// ---------------------------------------------------------------------------
// Indices and slices

/// Normalize a Python index against a length: negative counts from the end.
/// `None` when out of range.
#[inline]
pub fn norm_index(len: usize, i: i64) -> Option<usize> {
    // `len` <= isize::MAX, so `i + len` cannot overflow for a negative `i`;
    // a still negative `j` is a huge u64 and fails the one comparison.
    let j = if i < 0 { i + len as i64 } else { i };
    if (j as u64) < len as u64 {
        Some(j as usize)
    } else {
        None
    }
}

/// A slice resolved against a sequence length, as CPython's
/// `PySlice_Unpack` + `PySlice_AdjustIndices`: `start`, `stop`, `step`
/// and the number of selected items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SliceIndices {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
    pub len: usize,
}

/// Resolve `[start:stop:step]` for a sequence of `len` items.
/// `ValueError: slice step cannot be zero` for a zero step.
pub fn slice_indices(
    len: usize,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> PyResult<SliceIndices> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(PyErr::value_error("slice step cannot be zero"));
    }
    // CPython clamps the step to -PY_SSIZE_T_MAX so that -step cannot overflow.
    let step = step.max(-i64::MAX);
    let length = len as i64;
    let mut start = start.unwrap_or(if step < 0 { i64::MAX } else { 0 });
    let mut stop = stop.unwrap_or(if step < 0 { i64::MIN } else { i64::MAX });
    if start < 0 {
        start += length;
        if start < 0 {
            start = if step < 0 { -1 } else { 0 };
        }
    } else if start >= length {
        start = if step < 0 { length - 1 } else { length };
    }
    if stop < 0 {
        stop += length;
        if stop < 0 {
            stop = if step < 0 { -1 } else { 0 };
        }
    } else if stop >= length {
        stop = if step < 0 { length - 1 } else { length };
    }
    let count = if step < 0 {
        if stop < start {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    Ok(SliceIndices {
        start,
        stop,
        step,
        len: count as usize,
    })
}

impl SliceIndices {
    /// The selected positions, in slice order.
    pub fn positions(&self) -> impl Iterator<Item = usize> + use<> {
        let (start, step) = (self.start, self.step);
        (0..self.len as i64).map(move |i| (start + i * step) as usize)
    }
}

// ---------------------------------------------------------------------------
// Indexing

/// `xs[i]`: `IndexError: list index out of range`.
#[inline]
pub fn list_getitem<T: Clone>(xs: &[T], i: i64) -> PyResult<T> {
    match norm_index(xs.len(), i) {
        Some(j) => Ok(xs[j].clone()),
        None => Err(PyErr::index_error("list index out of range")),
    }
}

/// `xs[i]` with a dynamic `i` (an item of `tolist()` or of JSON data).
pub fn list_getitem_dyn<T: Clone>(xs: &[T], i: &super::Obj) -> PyResult<T> {
    list_getitem(xs, super::obj_list_index(i)?)
}

/// `xs[i] = x`: `IndexError: list assignment index out of range`.
#[inline]
pub fn list_setitem<T>(xs: &mut [T], i: i64, x: T) -> PyResult<()> {
    match norm_index(xs.len(), i) {
        Some(j) => {
            xs[j] = x;
            Ok(())
        }
        None => Err(PyErr::index_error("list assignment index out of range")),
    }
}

/// `del xs[i]`: `IndexError: list assignment index out of range`.
pub fn list_delitem<T>(xs: &mut Vec<T>, i: i64) -> PyResult<()> {
    match norm_index(xs.len(), i) {
        Some(j) => {
            xs.remove(j);
            Ok(())
        }
        None => Err(PyErr::index_error("list assignment index out of range")),
    }
}

/// `xs[start:stop:step]` (each bound optional, negative steps included).
pub fn list_slice<T: Clone>(
    xs: &[T],
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> PyResult<Vec<T>> {
    let s = slice_indices(xs.len(), start, stop, step)?;
    if s.step == 1 {
        let (a, b) = (s.start as usize, s.start as usize + s.len);
        return Ok(xs[a..b].to_vec());
    }
    Ok(s.positions().map(|p| xs[p].clone()).collect())
}

/// `xs[i]` read in place: a reference to the item (the compiled code copies it
/// only where it keeps it).
pub fn list_item_ref<T>(xs: &[T], i: i64) -> PyResult<&T> {
    match norm_index(xs.len(), i) {
        Some(j) => Ok(&xs[j]),
        None => Err(PyErr::index_error("list index out of range")),
    }
}

/// `xs[i]` of a `list[str]` taken as views of the argument buffer (`&[&str]`):
/// the item's `&str`.
pub fn list_str_item<'a>(xs: &[&'a str], i: i64) -> PyResult<&'a str> {
    list_item_ref(xs, i).copied()
}

/// `xs[start:stop]` read in place: a view of the items (no copy).
pub fn list_slice_ref<T>(xs: &[T], start: Option<i64>, stop: Option<i64>) -> PyResult<&[T]> {
    let s = slice_indices(xs.len(), start, stop, None)?;
    let a = s.start as usize;
    Ok(&xs[a..a + s.len])
}

/// `xs[start:stop:step] = items`. A step of 1 replaces the slice by any
/// number of items; an extended slice needs exactly as many items as it
/// selects (`ValueError: attempt to assign sequence of size 2 to extended
/// slice of size 3`).
pub fn list_set_slice<T>(
    xs: &mut Vec<T>,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
    items: impl IntoIterator<Item = T>,
) -> PyResult<()> {
    let s = slice_indices(xs.len(), start, stop, step)?;
    let items: Vec<T> = items.into_iter().collect();
    if s.step == 1 {
        let lo = s.start.clamp(0, xs.len() as i64) as usize;
        let hi = s.stop.clamp(lo as i64, xs.len() as i64) as usize;
        xs.splice(lo..hi, items);
        return Ok(());
    }
    if items.len() != s.len {
        return Err(PyErr::value_error(format!(
            "attempt to assign sequence of size {} to extended slice of size {}",
            items.len(),
            s.len
        )));
    }
    for (p, x) in s.positions().zip(items) {
        xs[p] = x;
    }
    Ok(())
}

/// `del xs[start:stop:step]`.
pub fn list_del_slice<T>(
    xs: &mut Vec<T>,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> PyResult<()> {
    let s = slice_indices(xs.len(), start, stop, step)?;
    if s.len == 0 {
        return Ok(());
    }
    let mut doomed = vec![false; xs.len()];
    for p in s.positions() {
        doomed[p] = true;
    }
    let mut k = 0;
    xs.retain(|_| {
        let keep = !doomed[k];
        k += 1;
        keep
    });
    Ok(())
}

// ---------------------------------------------------------------------------
// Operators

/// `a + b` for lists.
pub fn list_add<T: Clone>(a: &[T], b: &[T]) -> Vec<T> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    out.extend_from_slice(a);
    out.extend_from_slice(b);
    out
}

/// `xs * n` (and `n * xs`): `n <= 0` gives `[]`; a result too large to
/// allocate raises `MemoryError`, as CPython's `list_repeat` does.
pub fn list_mul<T: Clone>(xs: &[T], n: i64) -> PyResult<Vec<T>> {
    if n <= 0 || xs.is_empty() {
        return Ok(Vec::new());
    }
    let total = usize::try_from(n)
        .ok()
        .and_then(|n| n.checked_mul(xs.len()))
        .ok_or_else(super::memory_error)?;
    let mut out = super::vec_with_room(total)?;
    if let [x] = xs {
        out.resize(total, x.clone());
        return Ok(out);
    }
    for _ in 0..n {
        out.extend_from_slice(xs);
    }
    Ok(out)
}

/// `a == b`: same length and equal items.
pub fn list_eq<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    a == b
}

/// `a != b`.
pub fn list_ne<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    a != b
}

/// `a < b`: lexicographic; the first unequal pair decides, else the length.
pub fn list_lt<T: PartialOrd>(a: &[T], b: &[T]) -> bool {
    a < b
}

/// `a <= b`.
pub fn list_le<T: PartialOrd>(a: &[T], b: &[T]) -> bool {
    a <= b
}

/// `a > b`.
pub fn list_gt<T: PartialOrd>(a: &[T], b: &[T]) -> bool {
    a > b
}

/// `a >= b`.
pub fn list_ge<T: PartialOrd>(a: &[T], b: &[T]) -> bool {
    a >= b
}

/// `x in xs`.
pub fn list_contains<T: PartialEq<Q>, Q: ?Sized>(xs: &[T], x: &Q) -> bool {
    xs.iter().any(|y| y == x)
}

// ---------------------------------------------------------------------------
// Methods

/// `xs.index(x, start, stop)` (CPython's defaults: `0`, `sys.maxsize`):
/// `ValueError: 3 is not in list` (the repr of `x`).
pub fn list_index<T: PartialEq<Q>, Q: PyRepr + ?Sized>(
    xs: &[T],
    x: &Q,
    start: i64,
    stop: i64,
) -> PyResult<i64> {
    let n = xs.len() as i128;
    let clamp = |i: i64| {
        let i = i as i128;
        if i < 0 { (i + n).max(0) } else { i.min(n) }
    };
    let (lo, hi) = (clamp(start), clamp(stop));
    if lo < hi {
        for (k, y) in xs[lo as usize..hi as usize].iter().enumerate() {
            if y == x {
                return Ok(lo as i64 + k as i64);
            }
        }
    }
    Err(PyErr::value_error(format!(
        "{} is not in list",
        x.py_repr()
    )))
}

/// `xs.count(x)`.
pub fn list_count<T: PartialEq<Q>, Q: ?Sized>(xs: &[T], x: &Q) -> i64 {
    xs.iter().filter(|y| *y == x).count() as i64
}

/// `xs.insert(i, x)`: the index is clamped to the list, never an error;
/// `MemoryError` when the list cannot grow.
pub fn list_insert<T>(xs: &mut Vec<T>, i: i64, x: T) -> PyResult<()> {
    let n = xs.len() as i128;
    let mut j = i as i128;
    if j < 0 {
        j = (j + n).max(0);
    }
    list_room(xs)?;
    xs.insert(j.min(n) as usize, x);
    Ok(())
}

/// Room for one more item in `xs`, grown fallibly (doubling, as `push`).
pub(crate) fn list_room<T>(xs: &mut Vec<T>) -> PyResult<()> {
    if xs.len() == xs.capacity() {
        xs.try_reserve(1).map_err(|_| super::memory_error())?;
    }
    Ok(())
}

/// `xs.pop(i)` (`i = -1` for `xs.pop()`): `IndexError: pop from empty list`,
/// `IndexError: pop index out of range`.
pub fn list_pop<T>(xs: &mut Vec<T>, i: i64) -> PyResult<T> {
    if xs.is_empty() {
        return Err(PyErr::index_error("pop from empty list"));
    }
    match norm_index(xs.len(), i) {
        Some(j) => Ok(xs.remove(j)),
        None => Err(PyErr::index_error("pop index out of range")),
    }
}

/// `xs.remove(x)`: `ValueError: list.remove(x): x not in list`.
pub fn list_remove<T: PartialEq<Q>, Q: ?Sized>(xs: &mut Vec<T>, x: &Q) -> PyResult<()> {
    match xs.iter().position(|y| y == x) {
        Some(j) => {
            xs.remove(j);
            Ok(())
        }
        None => Err(PyErr::value_error("list.remove(x): x not in list")),
    }
}

/// `xs.reverse()`.
pub fn list_reverse<T>(xs: &mut [T]) {
    xs.reverse();
}

/// `xs.extend(items)`, growing fallibly: `MemoryError` rather than an abort
/// for `xs.extend(range(10**18))`.
pub fn list_extend<T>(xs: &mut Vec<T>, items: impl IntoIterator<Item = T>) -> PyResult<()> {
    let it = items.into_iter();
    let (lower, upper) = it.size_hint();
    xs.try_reserve(lower).map_err(|_| super::memory_error())?;
    if upper == Some(lower) {
        // an exact size (a list, a slice, a range) fits the room just reserved: one
        // copy (a `Vec`'s items are moved by `memcpy`), no check per item
        xs.extend(it);
        return Ok(());
    }
    for x in it {
        super::push(xs, x)?;
    }
    Ok(())
}

/// `xs.append(x)`.
pub fn list_append<T>(xs: &mut Vec<T>, x: T) -> PyResult<()> {
    super::push(xs, x)
}

/// `xs.clear()`.
pub fn list_clear<T>(xs: &mut Vec<T>) {
    xs.clear();
}

/// `xs.copy()` / `xs[:]` / `list(xs)`.
pub fn list_copy<T: Clone>(xs: &[T]) -> Vec<T> {
    xs.to_vec()
}

/// `xs.sort(reverse=...)`: stable, with CPython's exact algorithm.
pub fn list_sort<T: PartialOrd>(xs: &mut Vec<T>, reverse: bool) {
    let order = sort_order(xs.len(), reverse, |a, b| xs[a] < xs[b]);
    apply_order(xs, &order);
}

/// The keys of a sort: `f` called once per item, first to last; the first
/// error stops it (the list is then left unchanged).
fn sort_keys<T: Clone, K>(xs: &[T], mut key: impl FnMut(T) -> PyResult<K>) -> PyResult<Vec<K>> {
    xs.iter().map(|x| key(x.clone())).collect()
}

/// `xs.sort(key=f, reverse=...)`: calls `f` once per item, first to last;
/// if it raises, the list is left unchanged.
pub fn list_sort_by_key<T: Clone, K: PartialOrd>(
    xs: &mut Vec<T>,
    key: impl FnMut(T) -> PyResult<K>,
    reverse: bool,
) -> PyResult<()> {
    let keys = sort_keys(xs, key)?;
    let order = sort_order(keys.len(), reverse, |a, b| keys[a] < keys[b]);
    apply_order(xs, &order);
    Ok(())
}

/// Rearrange `xs` so that position `i` holds the old `xs[order[i]]`.
pub(crate) fn apply_order<T>(xs: &mut Vec<T>, order: &[usize]) {
    let mut slots: Vec<Option<T>> = std::mem::take(xs).into_iter().map(Some).collect();
    xs.extend(
        order
            .iter()
            .filter_map(|&i| slots.get_mut(i).and_then(Option::take)),
    );
}

// ---------------------------------------------------------------------------
// Plain sorts: values the compiler knows are ints, floats, strs, bools or
// tuples of them (the op's `rust_plain` form). Without a NaN among them `<`
// is a total order, and every stable sort of a total order gives the same
// result: Rust's (branch-free merges, several times faster than timsort's
// galloping on random data) replaces CPython's timsort, whose exact sequence
// of comparisons only matters when the order is inconsistent (a NaN) or a
// comparison could be seen (user `__lt__`), which these types never have.

/// A value whose `<` is a total order unless it holds a NaN: `ordered` is
/// false when it does (then the sort falls back to timsort, as CPython orders
/// NaNs by its own sequence of comparisons).
pub trait PlainOrd: PartialOrd {
    fn ordered(&self) -> bool;
}

macro_rules! plain_always {
    ($($t:ty),*) => {$(
        impl PlainOrd for $t {
            #[inline]
            fn ordered(&self) -> bool {
                true
            }
        }
    )*};
}
plain_always!(i64, bool, String, str);

impl PlainOrd for f64 {
    #[inline]
    fn ordered(&self) -> bool {
        !self.is_nan()
    }
}

impl<T: PlainOrd + ?Sized> PlainOrd for &T {
    #[inline]
    fn ordered(&self) -> bool {
        (**self).ordered()
    }
}

macro_rules! plain_tuple {
    ($($n:tt $t:ident),+) => {
        impl<$($t: PlainOrd),+> PlainOrd for ($($t,)+) {
            #[inline]
            fn ordered(&self) -> bool {
                $(self.$n.ordered())&&+
            }
        }
    };
}
plain_tuple!(0 A);
plain_tuple!(0 A, 1 B);
plain_tuple!(0 A, 1 B, 2 C);
plain_tuple!(0 A, 1 B, 2 C, 3 D);
plain_tuple!(0 A, 1 B, 2 C, 3 D, 4 E);
plain_tuple!(0 A, 1 B, 2 C, 3 D, 4 E, 5 F);

/// The order of two plain values known to be ordered (no NaN).
#[inline]
fn plain_cmp<T: PartialOrd + ?Sized>(a: &T, b: &T) -> Ordering {
    a.partial_cmp(b).unwrap_or(Ordering::Equal)
}

/// `xs.sort(reverse=...)` of plain values (see [`PlainOrd`]).
pub fn list_sort_plain<T: PlainOrd>(xs: &mut Vec<T>, reverse: bool) {
    if !xs.iter().all(PlainOrd::ordered) {
        return list_sort(xs, reverse);
    }
    // reverse: a stable sort by the reversed order keeps equal items in order,
    // as CPython's reverse-sort-reverse does
    if reverse {
        xs.sort_by(|a, b| plain_cmp(b, a));
    } else {
        xs.sort_by(plain_cmp);
    }
}

/// `xs.sort(key=f, reverse=...)` whose keys are plain values: `f` called once
/// per item, first to last, as [`list_sort_by_key`].
pub fn list_sort_by_key_plain<T: Clone, K: PlainOrd>(
    xs: &mut Vec<T>,
    key: impl FnMut(T) -> PyResult<K>,
    reverse: bool,
) -> PyResult<()> {
    let keys = sort_keys(xs, key)?;
    let order = if keys.iter().all(PlainOrd::ordered) {
        let mut ids: Vec<usize> = (0..keys.len()).collect();
        if reverse {
            ids.sort_by(|&a, &b| plain_cmp(&keys[b], &keys[a]));
        } else {
            ids.sort_by(|&a, &b| plain_cmp(&keys[a], &keys[b]));
        }
        ids
    } else {
        sort_order(keys.len(), reverse, |a, b| keys[a] < keys[b])
    };
    apply_order(xs, &order);
    Ok(())
}

// ---------------------------------------------------------------------------
// Timsort, as CPython 3.11's Objects/listobject.c (powersort merge policy,
// galloping with an adaptive threshold). It sorts a permutation of the item
// positions `0..n` given `lt(i, j)` = "item i < item j"; only `<` is ever
// used, in the same sequence as CPython, so any order (even an inconsistent
// one) gives CPython's result.

/// The permutation that sorts `n` items by `lt` (stable; with `reverse`,
/// CPython's reverse-sort-reverse so that equal items keep their order).
pub fn sort_order(n: usize, reverse: bool, mut lt: impl FnMut(usize, usize) -> bool) -> Vec<usize> {
    let mut ids: Vec<usize> = (0..n).collect();
    if reverse {
        ids.reverse();
    }
    timsort(&mut ids, &mut lt);
    if reverse {
        ids.reverse();
    }
    ids
}

const MIN_GALLOP: usize = 7;

struct Run {
    base: usize,
    len: usize,
    power: u32,
}

struct MergeState {
    min_gallop: usize,
    pending: Vec<Run>,
    tmp: Vec<usize>,
    listlen: usize,
}

fn timsort<F: FnMut(usize, usize) -> bool>(a: &mut [usize], lt: &mut F) {
    let n = a.len();
    if n < 2 {
        return;
    }
    let mut ms = MergeState {
        min_gallop: MIN_GALLOP,
        pending: Vec::new(),
        tmp: Vec::new(),
        listlen: n,
    };
    let minrun = compute_minrun(n);
    let mut lo = 0;
    let mut remaining = n;
    while remaining > 0 {
        let (mut run, descending) = count_run(a, lo, lo + remaining, lt);
        if descending {
            a[lo..lo + run].reverse();
        }
        if run < minrun {
            let force = remaining.min(minrun);
            binarysort(a, lo, lo + force, lo + run, lt);
            run = force;
        }
        ms.found_new_run(a, run, lt);
        ms.pending.push(Run {
            base: lo,
            len: run,
            power: 0,
        });
        lo += run;
        remaining -= run;
    }
    while ms.pending.len() > 1 {
        let mut i = ms.pending.len() - 2;
        if i > 0 && ms.pending[i - 1].len < ms.pending[i + 1].len {
            i -= 1;
        }
        ms.merge_at(a, i, lt);
    }
}

fn compute_minrun(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

/// The length of the run starting at `lo`, and whether it is strictly descending.
fn count_run<F: FnMut(usize, usize) -> bool>(
    a: &[usize],
    lo: usize,
    hi: usize,
    lt: &mut F,
) -> (usize, bool) {
    let mut p = lo + 1;
    if p == hi {
        return (1, false);
    }
    let mut n = 2;
    if lt(a[p], a[p - 1]) {
        p += 1;
        while p < hi && lt(a[p], a[p - 1]) {
            p += 1;
            n += 1;
        }
        (n, true)
    } else {
        p += 1;
        while p < hi && !lt(a[p], a[p - 1]) {
            p += 1;
            n += 1;
        }
        (n, false)
    }
}

/// Binary insertion sort of `a[lo..hi]`, of which `a[lo..start]` is sorted.
fn binarysort<F: FnMut(usize, usize) -> bool>(
    a: &mut [usize],
    lo: usize,
    hi: usize,
    mut start: usize,
    lt: &mut F,
) {
    if lo == start {
        start += 1;
    }
    while start < hi {
        let pivot = a[start];
        let (mut l, mut r) = (lo, start);
        while l < r {
            let p = l + ((r - l) >> 1);
            if lt(pivot, a[p]) {
                r = p;
            } else {
                l = p + 1;
            }
        }
        a.copy_within(l..start, l + 1);
        a[l] = pivot;
        start += 1;
    }
}

/// Where `key` goes in the sorted `s`: the leftmost position (before equal items).
fn gallop_left<F: FnMut(usize, usize) -> bool>(
    key: usize,
    s: &[usize],
    hint: usize,
    lt: &mut F,
) -> usize {
    let n = s.len();
    let (mut lastofs, mut ofs);
    lastofs = 0;
    ofs = 1;
    if lt(s[hint], key) {
        let maxofs = n - hint;
        while ofs < maxofs {
            if lt(s[hint + ofs], key) {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            } else {
                break;
            }
        }
        ofs = ofs.min(maxofs);
        lastofs += hint;
        ofs += hint;
    } else {
        let maxofs = hint + 1;
        while ofs < maxofs {
            if lt(s[hint - ofs], key) {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(maxofs);
        let k = lastofs;
        // lastofs may be -1 here: keep it shifted by one.
        lastofs = hint + 1 - ofs;
        ofs = hint - k;
        return binary_left(key, s, lastofs, ofs, lt);
    }
    binary_left(key, s, lastofs + 1, ofs, lt)
}

/// Binary search in `s[lo..hi]` with `s[lo-1] < key <= s[hi]`.
fn binary_left<F: FnMut(usize, usize) -> bool>(
    key: usize,
    s: &[usize],
    mut lo: usize,
    mut hi: usize,
    lt: &mut F,
) -> usize {
    while lo < hi {
        let m = lo + ((hi - lo) >> 1);
        if lt(s[m], key) {
            lo = m + 1;
        } else {
            hi = m;
        }
    }
    hi
}

/// Where `key` goes in the sorted `s`: the rightmost position (after equal items).
fn gallop_right<F: FnMut(usize, usize) -> bool>(
    key: usize,
    s: &[usize],
    hint: usize,
    lt: &mut F,
) -> usize {
    let n = s.len();
    let (mut lastofs, mut ofs);
    lastofs = 0;
    ofs = 1;
    if lt(key, s[hint]) {
        let maxofs = hint + 1;
        while ofs < maxofs {
            if lt(key, s[hint - ofs]) {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            } else {
                break;
            }
        }
        ofs = ofs.min(maxofs);
        let k = lastofs;
        lastofs = hint + 1 - ofs;
        ofs = hint - k;
        return binary_right(key, s, lastofs, ofs, lt);
    } else {
        let maxofs = n - hint;
        while ofs < maxofs {
            if lt(key, s[hint + ofs]) {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(maxofs);
        lastofs += hint;
        ofs += hint;
    }
    binary_right(key, s, lastofs + 1, ofs, lt)
}

/// Binary search in `s[lo..hi]` with `s[lo-1] <= key < s[hi]`.
fn binary_right<F: FnMut(usize, usize) -> bool>(
    key: usize,
    s: &[usize],
    mut lo: usize,
    mut hi: usize,
    lt: &mut F,
) -> usize {
    while lo < hi {
        let m = lo + ((hi - lo) >> 1);
        if lt(key, s[m]) {
            hi = m;
        } else {
            lo = m + 1;
        }
    }
    hi
}

/// The powersort "power" of the run boundary between two adjacent runs.
fn powerloop(s1: usize, n1: usize, n2: usize, n: usize) -> u32 {
    let mut result = 0;
    let mut a = 2 * s1 + n1;
    let mut b = a + n1 + n2;
    loop {
        result += 1;
        if a >= n {
            a -= n;
            b -= n;
        } else if b >= n {
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    result
}

enum MergeEnd {
    Done,
    CopyRest,
}

impl MergeState {
    fn found_new_run<F: FnMut(usize, usize) -> bool>(
        &mut self,
        a: &mut [usize],
        n2: usize,
        lt: &mut F,
    ) {
        let Some(top) = self.pending.last() else {
            return;
        };
        let power = powerloop(top.base, top.len, n2, self.listlen);
        while self.pending.len() > 1 && self.pending[self.pending.len() - 2].power > power {
            let i = self.pending.len() - 2;
            self.merge_at(a, i, lt);
        }
        if let Some(top) = self.pending.last_mut() {
            top.power = power;
        }
    }

    fn merge_at<F: FnMut(usize, usize) -> bool>(&mut self, a: &mut [usize], i: usize, lt: &mut F) {
        let mut pa = self.pending[i].base;
        let mut na = self.pending[i].len;
        let pb = self.pending[i + 1].base;
        let nb = self.pending[i + 1].len;
        self.pending[i].len = na + nb;
        self.pending.remove(i + 1);

        let k = gallop_right(a[pb], &a[pa..pa + na], 0, lt);
        pa += k;
        na -= k;
        if na == 0 {
            return;
        }
        let nb = gallop_left(a[pa + na - 1], &a[pb..pb + nb], nb - 1, lt);
        if nb == 0 {
            return;
        }
        if na <= nb {
            self.merge_lo(a, pa, na, pb, nb, lt);
        } else {
            self.merge_hi(a, pa, na, pb, nb, lt);
        }
    }

    fn merge_lo<F: FnMut(usize, usize) -> bool>(
        &mut self,
        a: &mut [usize],
        pa: usize,
        mut na: usize,
        pb: usize,
        mut nb: usize,
        lt: &mut F,
    ) {
        let tmp = &mut self.tmp;
        tmp.clear();
        tmp.extend_from_slice(&a[pa..pa + na]);
        let (mut dest, mut ia, mut ib) = (pa, 0usize, pb);
        a[dest] = a[ib];
        dest += 1;
        ib += 1;
        nb -= 1;
        let end = 'merge: {
            if nb == 0 {
                break 'merge MergeEnd::Done;
            }
            if na == 1 {
                break 'merge MergeEnd::CopyRest;
            }
            let mut min_gallop = self.min_gallop;
            loop {
                let mut acount = 0usize;
                let mut bcount = 0usize;
                loop {
                    if lt(a[ib], tmp[ia]) {
                        a[dest] = a[ib];
                        dest += 1;
                        ib += 1;
                        bcount += 1;
                        acount = 0;
                        nb -= 1;
                        if nb == 0 {
                            break 'merge MergeEnd::Done;
                        }
                        if bcount >= min_gallop {
                            break;
                        }
                    } else {
                        a[dest] = tmp[ia];
                        dest += 1;
                        ia += 1;
                        acount += 1;
                        bcount = 0;
                        na -= 1;
                        if na == 1 {
                            break 'merge MergeEnd::CopyRest;
                        }
                        if acount >= min_gallop {
                            break;
                        }
                    }
                }
                min_gallop += 1;
                loop {
                    min_gallop -= usize::from(min_gallop > 1);
                    self.min_gallop = min_gallop;
                    let k = gallop_right(a[ib], &tmp[ia..ia + na], 0, lt);
                    acount = k;
                    if k > 0 {
                        a[dest..dest + k].copy_from_slice(&tmp[ia..ia + k]);
                        dest += k;
                        ia += k;
                        na -= k;
                        if na == 1 {
                            break 'merge MergeEnd::CopyRest;
                        }
                        if na == 0 {
                            break 'merge MergeEnd::Done;
                        }
                    }
                    a[dest] = a[ib];
                    dest += 1;
                    ib += 1;
                    nb -= 1;
                    if nb == 0 {
                        break 'merge MergeEnd::Done;
                    }
                    let k = gallop_left(tmp[ia], &a[ib..ib + nb], 0, lt);
                    bcount = k;
                    if k > 0 {
                        a.copy_within(ib..ib + k, dest);
                        dest += k;
                        ib += k;
                        nb -= k;
                        if nb == 0 {
                            break 'merge MergeEnd::Done;
                        }
                    }
                    a[dest] = tmp[ia];
                    dest += 1;
                    ia += 1;
                    na -= 1;
                    if na == 1 {
                        break 'merge MergeEnd::CopyRest;
                    }
                    if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                        break;
                    }
                }
                min_gallop += 1;
                self.min_gallop = min_gallop;
            }
        };
        match end {
            MergeEnd::Done => {
                if na > 0 {
                    a[dest..dest + na].copy_from_slice(&tmp[ia..ia + na]);
                }
            }
            MergeEnd::CopyRest => {
                a.copy_within(ib..ib + nb, dest);
                a[dest + nb] = tmp[ia];
            }
        }
    }

    fn merge_hi<F: FnMut(usize, usize) -> bool>(
        &mut self,
        a: &mut [usize],
        pa: usize,
        mut na: usize,
        pb: usize,
        mut nb: usize,
        lt: &mut F,
    ) {
        let tmp = &mut self.tmp;
        tmp.clear();
        tmp.extend_from_slice(&a[pb..pb + nb]);
        // Positions are kept one past the item they denote (dest, ia, ib),
        // so that they never go below zero.
        let basea = pa;
        let mut dest = pb + nb; // one past
        let mut ia = pa + na; // one past the last item of A
        let mut ib = nb; // one past the last item of B (in tmp)
        a[dest - 1] = a[ia - 1];
        dest -= 1;
        ia -= 1;
        na -= 1;
        let end = 'merge: {
            if na == 0 {
                break 'merge MergeEnd::Done;
            }
            if nb == 1 {
                break 'merge MergeEnd::CopyRest;
            }
            let mut min_gallop = self.min_gallop;
            loop {
                let mut acount = 0usize;
                let mut bcount = 0usize;
                loop {
                    if lt(tmp[ib - 1], a[ia - 1]) {
                        a[dest - 1] = a[ia - 1];
                        dest -= 1;
                        ia -= 1;
                        acount += 1;
                        bcount = 0;
                        na -= 1;
                        if na == 0 {
                            break 'merge MergeEnd::Done;
                        }
                        if acount >= min_gallop {
                            break;
                        }
                    } else {
                        a[dest - 1] = tmp[ib - 1];
                        dest -= 1;
                        ib -= 1;
                        bcount += 1;
                        acount = 0;
                        nb -= 1;
                        if nb == 1 {
                            break 'merge MergeEnd::CopyRest;
                        }
                        if bcount >= min_gallop {
                            break;
                        }
                    }
                }
                min_gallop += 1;
                loop {
                    min_gallop -= usize::from(min_gallop > 1);
                    self.min_gallop = min_gallop;
                    let k = na - gallop_right(tmp[ib - 1], &a[basea..basea + na], na - 1, lt);
                    acount = k;
                    if k > 0 {
                        dest -= k;
                        ia -= k;
                        a.copy_within(ia..ia + k, dest);
                        na -= k;
                        if na == 0 {
                            break 'merge MergeEnd::Done;
                        }
                    }
                    a[dest - 1] = tmp[ib - 1];
                    dest -= 1;
                    ib -= 1;
                    nb -= 1;
                    if nb == 1 {
                        break 'merge MergeEnd::CopyRest;
                    }
                    let k = nb - gallop_left(a[ia - 1], &tmp[..nb], nb - 1, lt);
                    bcount = k;
                    if k > 0 {
                        dest -= k;
                        ib -= k;
                        a[dest..dest + k].copy_from_slice(&tmp[ib..ib + k]);
                        nb -= k;
                        if nb == 1 {
                            break 'merge MergeEnd::CopyRest;
                        }
                        if nb == 0 {
                            break 'merge MergeEnd::Done;
                        }
                    }
                    a[dest - 1] = a[ia - 1];
                    dest -= 1;
                    ia -= 1;
                    na -= 1;
                    if na == 0 {
                        break 'merge MergeEnd::Done;
                    }
                    if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                        break;
                    }
                }
                min_gallop += 1;
                self.min_gallop = min_gallop;
            }
        };
        match end {
            MergeEnd::Done => {
                if nb > 0 {
                    a[dest - nb..dest].copy_from_slice(&tmp[..nb]);
                }
            }
            MergeEnd::CopyRest => {
                // nb == 1: B's first item goes in front of what is left of A.
                a.copy_within(ia - na..ia, dest - na);
                a[dest - na - 1] = tmp[ib - 1];
            }
        }
    }
}

// ---------------------------------------------------------------------------
// repr

impl<T: PyRepr> PyRepr for [T] {
    fn py_repr(&self) -> String {
        let items: Vec<String> = self.iter().map(PyRepr::py_repr).collect();
        format!("[{}]", items.join(", "))
    }
}

impl<T: PyRepr> PyRepr for Vec<T> {
    fn py_repr(&self) -> String {
        self.as_slice().py_repr()
    }
}

macro_rules! tuple_repr {
    ($($name:ident $idx:tt),+) => {
        impl<$($name: PyRepr),+> PyRepr for ($($name,)+) {
            fn py_arg(&self) -> Option<super::Obj> {
                Some(super::Obj::Tuple(vec![$(self.$idx.py_arg()?),+]))
            }
            fn py_repr(&self) -> String {
                let items: Vec<String> = vec![$(self.$idx.py_repr()),+];
                if items.len() == 1 {
                    format!("({},)", items[0])
                } else {
                    format!("({})", items.join(", "))
                }
            }
        }
    };
}

tuple_repr!(A 0);
tuple_repr!(A 0, B 1);
tuple_repr!(A 0, B 1, C 2);
tuple_repr!(A 0, B 1, C 2, D 3);
tuple_repr!(A 0, B 1, C 2, D 3, E 4);
tuple_repr!(A 0, B 1, C 2, D 3, E 4, F 5);
tuple_repr!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple_repr!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
