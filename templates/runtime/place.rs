//! Helpers the emitter itself calls: mutable places inside containers, and `pc_catch!` for exceptions caught by an enclosing `try`.

use super::IndexMap;
use super::{PyErr, PyRepr, PyResult};
use indexmap::Equivalent;
use std::hash::Hash;

/// `xs[i]` as a place to assign through or mutate, with Python's negative indices.
pub fn list_item_mut<T>(xs: &mut [T], i: i64) -> PyResult<&mut T> {
    let n = xs.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(PyErr::index_error("list index out of range"));
    }
    Ok(&mut xs[j as usize])
}

/// `d[k]` as a place to mutate; a missing key is Python's `KeyError`. The key is
/// borrowed in any form the dict's keys compare with (`&str` for `String` keys: a
/// borrowed `str` parameter names the item of a `dict[str, ...]`).
pub fn dict_item_mut<'a, K, V, Q>(d: &'a mut IndexMap<K, V>, k: &Q) -> PyResult<&'a mut V>
where
    K: Hash + Eq,
    Q: Hash + Equivalent<K> + PyRepr + ?Sized,
{
    match d.get_mut(k) {
        Some(v) => Ok(v),
        None => Err(PyErr::key_error_of(k)),
    }
}

/// `d[k] = d.get(k, default) <op> x` in one lookup: `update` receives the current
/// value (or `default`); the key is copied into the dict only when it is inserted.
/// When `update` raises, `d` is left as it was, as in Python.
pub fn dict_upsert<K, V: Clone, Q>(
    d: &mut IndexMap<K, V>,
    k: &Q,
    default: V,
    update: impl FnOnce(V) -> PyResult<V>,
) -> PyResult<()>
where
    K: Hash + Eq + std::borrow::Borrow<Q>,
    Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
{
    if let Some(slot) = d.get_mut(k) {
        *slot = update(slot.clone())?;
    } else {
        let value = update(default)?;
        super::dict_room(d)?;
        d.insert(k.to_owned(), value);
    }
    Ok(())
}

/// [`dict_upsert`] with a key not needed afterwards: moved into the dict when
/// inserted, hashed once.
pub fn dict_upsert_owned<K: Hash + Eq, V: Clone>(
    d: &mut IndexMap<K, V>,
    k: K,
    default: V,
    update: impl FnOnce(V) -> PyResult<V>,
) -> PyResult<()> {
    super::dict_room(d)?;
    match d.entry(k) {
        indexmap::map::Entry::Occupied(mut slot) => {
            let value = update(slot.get().clone())?;
            *slot.get_mut() = value;
        }
        indexmap::map::Entry::Vacant(slot) => {
            slot.insert(update(default)?);
        }
    }
    Ok(())
}

/// `d[k] <op>= x` in one lookup; a missing key is Python's `KeyError`.
pub fn dict_aug<K, V: Clone, Q>(
    d: &mut IndexMap<K, V>,
    k: &Q,
    update: impl FnOnce(V) -> PyResult<V>,
) -> PyResult<()>
where
    K: Hash + Eq + std::borrow::Borrow<Q>,
    Q: Hash + Eq + PyRepr + ?Sized,
{
    match d.get_mut(k) {
        Some(slot) => {
            *slot = update(slot.clone())?;
            Ok(())
        }
        None => Err(PyErr::key_error_of(k)),
    }
}

/// Unwraps a `PyResult` inside a `try` block: on an exception, stores it in
/// `$slot` and leaves the block labelled `$label`, where the handlers run.
#[macro_export]
macro_rules! pc_catch {
    ($e:expr, $slot:ident, $label:lifetime) => {
        match $e {
            Ok(value) => value,
            Err(err) => {
                $slot = Some(err);
                break $label;
            }
        }
    };
}

/// `d.setdefault(k, default)` as a place: the item, inserted first if missing.
pub fn dict_setdefault_mut<K: Hash + Eq, V>(
    d: &mut IndexMap<K, V>,
    k: K,
    default: V,
) -> PyResult<&mut V> {
    super::dict_room(d)?;
    Ok(d.entry(k).or_insert(default))
}

/// `repr(e)` of an exception: `ValueError('message')`, as CPython prints it.
pub fn exc_repr(e: &PyErr) -> String {
    if let Some(state) = &e.state {
        return state.repr.clone();
    }
    if e.message.is_empty() {
        return format!("{}()", e.kind.short_name());
    }
    if super::ExcKind::KeyError.catches(e.kind) {
        // the message already is the repr of the key
        return format!("{}({})", e.kind.short_name(), e.message);
    }
    format!("{}({})", e.kind.short_name(), e.message.as_str().py_repr())
}

/// `str(exc)` / `repr(exc)` of an exception that may be None (`__exit__`'s `exc`).
impl PyRepr for PyErr {
    fn py_repr(&self) -> String {
        exc_repr(self)
    }
    fn py_str(&self) -> String {
        self.message.clone()
    }
}
