//! Small standard-library modules, with CPython's algorithms: `string`'s
//! constants and `capwords`, `bisect`, and `heapq` (the exact sift order of
//! CPython's heapq, so a heap list reads the same afterwards).

use super::{PyErr, PyResult};
use std::cmp::Ordering;

// ---------------------------------------------------------------------------
// string

pub const STRING_ASCII_LETTERS: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
pub const STRING_ASCII_LOWERCASE: &str = "abcdefghijklmnopqrstuvwxyz";
pub const STRING_ASCII_UPPERCASE: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
pub const STRING_DIGITS: &str = "0123456789";
pub const STRING_HEXDIGITS: &str = "0123456789abcdefABCDEF";
pub const STRING_OCTDIGITS: &str = "01234567";
pub const STRING_PUNCTUATION: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
pub const STRING_WHITESPACE: &str = " \t\n\r\x0b\x0c";
pub const STRING_PRINTABLE: &str = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\x0b\x0c";

/// `string.capwords(s, sep)`: `sep.join(w.capitalize() for w in s.split(sep))`,
/// with a single space joining when `sep` is None.
pub fn string_capwords(s: &str, sep: Option<String>) -> PyResult<String> {
    let joiner = sep.clone().unwrap_or_else(|| " ".to_string());
    let words = super::str_split(s, sep, -1)?;
    let caps: Vec<String> = words.iter().map(|w| super::str_capitalize(w)).collect();
    Ok(caps.join(&joiner))
}

// ---------------------------------------------------------------------------
// bisect

fn bisect_bounds(len: usize, lo: i64, hi: Option<i64>) -> PyResult<(usize, usize)> {
    if lo < 0 {
        return Err(PyErr::value_error("lo must be non-negative"));
    }
    // As CPython's C code: `hi` of None or -1 means the length; another
    // negative `hi` gives an empty range, and a `hi` past the end raises
    // IndexError only if the search reaches it.
    let hi = match hi {
        None | Some(-1) => len as i64,
        Some(h) => h,
    };
    Ok((lo as usize, hi.max(0) as usize))
}

/// `bisect.bisect_left(a, x, lo, hi)`.
pub fn bisect_left<T: PartialOrd>(a: &[T], x: &T, lo: i64, hi: Option<i64>) -> PyResult<i64> {
    let (mut lo, mut hi) = bisect_bounds(a.len(), lo, hi)?;
    while lo < hi {
        let mid = (lo + hi) / 2;
        let item = a
            .get(mid)
            .ok_or_else(|| PyErr::index_error("list index out of range"))?;
        if item < x {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    Ok(lo as i64)
}

/// `bisect.bisect_right(a, x, lo, hi)` (also `bisect.bisect`).
pub fn bisect_right<T: PartialOrd>(a: &[T], x: &T, lo: i64, hi: Option<i64>) -> PyResult<i64> {
    let (mut lo, mut hi) = bisect_bounds(a.len(), lo, hi)?;
    while lo < hi {
        let mid = (lo + hi) / 2;
        let item = a
            .get(mid)
            .ok_or_else(|| PyErr::index_error("list index out of range"))?;
        if x < item {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo as i64)
}

/// `bisect.insort_left(a, x)`.
pub fn insort_left<T: PartialOrd>(a: &mut Vec<T>, x: T) -> PyResult<()> {
    let i = bisect_left(a, &x, 0, None)? as usize;
    a.insert(i, x);
    Ok(())
}

/// `bisect.insort_right(a, x)` (also `bisect.insort`).
pub fn insort_right<T: PartialOrd>(a: &mut Vec<T>, x: T) -> PyResult<()> {
    let i = bisect_right(a, &x, 0, None)? as usize;
    a.insert(i, x);
    Ok(())
}

// ---------------------------------------------------------------------------
// heapq: CPython's _siftdown / _siftup, step for step

fn sift_down<T: PartialOrd + Clone>(heap: &mut [T], start: usize, mut pos: usize) {
    let newitem = heap[pos].clone();
    while pos > start {
        let parentpos = (pos - 1) >> 1;
        if newitem < heap[parentpos] {
            heap[pos] = heap[parentpos].clone();
            pos = parentpos;
            continue;
        }
        break;
    }
    heap[pos] = newitem;
}

fn sift_up<T: PartialOrd + Clone>(heap: &mut [T], mut pos: usize) {
    let end = heap.len();
    let start = pos;
    let newitem = heap[pos].clone();
    let mut child = 2 * pos + 1;
    while child < end {
        let right = child + 1;
        // CPython: `if rightpos < endpos and not heap[childpos] < heap[rightpos]`
        if right < end && heap[child].partial_cmp(&heap[right]) != Some(Ordering::Less) {
            child = right;
        }
        heap[pos] = heap[child].clone();
        pos = child;
        child = 2 * pos + 1;
    }
    heap[pos] = newitem;
    sift_down(heap, start, pos);
}

/// `heapq.heappush(heap, item)`.
pub fn heappush<T: PartialOrd + Clone>(heap: &mut Vec<T>, item: T) {
    heap.push(item);
    let last = heap.len() - 1;
    sift_down(heap, 0, last);
}

/// `heapq.heappop(heap)`: `IndexError: index out of range` when empty.
pub fn heappop<T: PartialOrd + Clone>(heap: &mut Vec<T>) -> PyResult<T> {
    let last = heap
        .pop()
        .ok_or_else(|| PyErr::index_error("index out of range"))?;
    if heap.is_empty() {
        return Ok(last);
    }
    let top = std::mem::replace(&mut heap[0], last);
    sift_up(heap, 0);
    Ok(top)
}

/// `heapq.heapify(x)`.
pub fn heapify<T: PartialOrd + Clone>(x: &mut [T]) {
    for i in (0..x.len() / 2).rev() {
        sift_up(x, i);
    }
}

/// `heapq.nlargest(n, items)`: `sorted(items, reverse=True)[:n]`, as documented.
pub fn nlargest<T: PartialOrd>(n: i64, items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut v = super::py_sorted(items, true);
    v.truncate(n.max(0) as usize);
    v
}

/// `heapq.nsmallest(n, items)`: `sorted(items)[:n]`.
pub fn nsmallest<T: PartialOrd>(n: i64, items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut v = super::py_sorted(items, false);
    v.truncate(n.max(0) as usize);
    v
}
