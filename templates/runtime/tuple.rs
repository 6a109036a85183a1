//! Tuples read by position, and unpacking into names.
//!
//! A compiled tuple is a Rust tuple; operations that pick an item by a value
//! known only at run time see a homogeneous tuple as a slice of its items,
//! built by the compiler. Unpacking any iterable into `n` names checks the
//! count as CPython does, with its messages.

use super::{PyErr, PyResult};

/// `t[i]` of a homogeneous tuple: `IndexError: tuple index out of range`.
pub fn tuple_getitem<T: Clone>(items: &[T], i: i64) -> PyResult<T> {
    let n = items.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if (0..n).contains(&j) {
        Ok(items[j as usize].clone())
    } else {
        Err(PyErr::index_error("tuple index out of range"))
    }
}

/// `t.index(x)`: `ValueError: tuple.index(x): x not in tuple`.
pub fn tuple_index<T: PartialEq<Q>, Q: ?Sized>(items: &[T], x: &Q) -> PyResult<i64> {
    match items.iter().position(|y| y == x) {
        Some(k) => Ok(k as i64),
        None => Err(PyErr::value_error("tuple.index(x): x not in tuple")),
    }
}

/// The first `N` items of an iterable being unpacked into `N` names; CPython's
/// messages when there are fewer or more.
fn unpack_exact<T, const N: usize>(items: impl IntoIterator<Item = T>) -> PyResult<[T; N]> {
    let mut it = items.into_iter();
    let mut got: Vec<T> = Vec::with_capacity(N);
    for _ in 0..N {
        match it.next() {
            Some(x) => got.push(x),
            None => {
                return Err(PyErr::value_error(format!(
                    "not enough values to unpack (expected {N}, got {})",
                    got.len()
                )));
            }
        }
    }
    if it.next().is_some() {
        return Err(PyErr::value_error(format!(
            "too many values to unpack (expected {N})"
        )));
    }
    match got.try_into() {
        Ok(arr) => Ok(arr),
        Err(_) => unreachable!("exactly N items were collected"),
    }
}

/// `a, b = items`.
pub fn unpack2<T>(items: impl IntoIterator<Item = T>) -> PyResult<(T, T)> {
    let [a, b] = unpack_exact::<T, 2>(items)?;
    Ok((a, b))
}

/// `a, b, c = items`.
pub fn unpack3<T>(items: impl IntoIterator<Item = T>) -> PyResult<(T, T, T)> {
    let [a, b, c] = unpack_exact::<T, 3>(items)?;
    Ok((a, b, c))
}

/// `a, b, c, d = items`.
pub fn unpack4<T>(items: impl IntoIterator<Item = T>) -> PyResult<(T, T, T, T)> {
    let [a, b, c, d] = unpack_exact::<T, 4>(items)?;
    Ok((a, b, c, d))
}

/// `a, b, c, d, e = items`.
pub fn unpack5<T>(items: impl IntoIterator<Item = T>) -> PyResult<(T, T, T, T, T)> {
    let [a, b, c, d, e] = unpack_exact::<T, 5>(items)?;
    Ok((a, b, c, d, e))
}
