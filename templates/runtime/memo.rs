//! `functools.cache` and `functools.lru_cache`: one cache per decorated
//! function, a `static` shared by every call and thread.
//!
//! As in CPython, the lock is held only to look up or store a result, never
//! while the function runs: a recursive function fills its own cache, and two
//! threads asking for the same missing key may both compute it (the first
//! result stored stays). A call that raises stores nothing.

use super::IndexMap;
use std::hash::Hash;
use std::sync::{Mutex, MutexGuard};

/// Results by arguments, least recently used first.
pub struct Memo<K, V> {
    /// `None`: unbounded (`functools.cache`, `lru_cache(maxsize=None)`).
    maxsize: Option<usize>,
    /// Made at the first store (a `static` needs a `const` constructor).
    entries: Mutex<Option<IndexMap<K, V>>>,
}

impl<K: Hash + Eq, V: Clone> Memo<K, V> {
    pub const fn new(maxsize: Option<usize>) -> Self {
        Memo {
            maxsize,
            entries: Mutex::new(None),
        }
    }

    fn entries(&self) -> MutexGuard<'_, Option<IndexMap<K, V>>> {
        // the lock is never held across user code, so a poisoned lock holds a whole map
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The stored result for `key`, which becomes the most recently used.
    pub fn get(&self, key: &K) -> Option<V> {
        let mut guard = self.entries();
        let entries = guard.as_mut()?;
        let index = entries.get_index_of(key)?;
        if self.maxsize.is_some() {
            let last = entries.len() - 1;
            entries.move_index(index, last);
            return entries.get_index(last).map(|(_, v)| v.clone());
        }
        entries.get_index(index).map(|(_, v)| v.clone())
    }

    /// Stores `value` for `key` (unless another call stored one meanwhile),
    /// dropping the least recently used result past `maxsize`.
    pub fn put(&self, key: K, value: &V) {
        if self.maxsize == Some(0) {
            return;
        }
        let mut guard = self.entries();
        let entries = guard.get_or_insert_with(IndexMap::default);
        // a table that cannot grow keeps what it has: the result is returned
        // all the same, only not remembered
        if entries.contains_key(&key) || super::dict_room(entries).is_err() {
            return;
        }
        entries.insert(key, value.clone());
        if let Some(max) = self.maxsize {
            while entries.len() > max {
                entries.shift_remove_index(0);
            }
        }
    }
}
