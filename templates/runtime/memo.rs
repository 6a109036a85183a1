//! `functools.cache` and `functools.lru_cache`: one cache per decorated
//! function, a `static` shared by every call and thread.
//!
//! As in CPython, the lock is held only to look up or store a result, never
//! while the function runs: a recursive function fills its own cache, and two
//! threads asking for the same missing key may both compute it (the first
//! result stored stays). A call that raises stores nothing.
//!
//! `f.cache_info()` and `f.cache_clear()` reach a function's cache by its
//! name: the first lookup registers the cache (a function never called has an
//! empty cache, which is what `cache_info` then reports).

use super::IndexMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, Once};

/// Results by arguments, least recently used first.
pub struct Memo<K, V> {
    /// `None`: unbounded (`functools.cache`, `lru_cache(maxsize=None)`).
    maxsize: Option<usize>,
    /// Made at the first store (a `static` needs a `const` constructor).
    entries: Mutex<Option<IndexMap<K, V>>>,
    /// Lookups that found a result, and lookups that did not (`cache_info()`).
    hits: AtomicU64,
    misses: AtomicU64,
    registered: Once,
}

impl<K: Hash + Eq + Send + 'static, V: Clone + Send + 'static> Memo<K, V> {
    pub const fn new(maxsize: Option<usize>) -> Self {
        Memo {
            maxsize,
            entries: Mutex::new(None),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
            registered: Once::new(),
        }
    }

    /// The stored result for `key` of the cache of the function `name` (which
    /// `cache_info`/`cache_clear` then find), counted as a hit or a miss.
    pub fn lookup(&'static self, name: &'static str, key: &K) -> Option<V> {
        self.registered.call_once(|| {
            caches().push((name, self));
        });
        let found = self.get(key);
        let counter = if found.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
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

/// `functools._CacheInfo`: what `f.cache_info()` gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CacheInfo {
    pub hits: i64,
    pub misses: i64,
    pub maxsize: Option<i64>,
    pub currsize: i64,
}

impl CacheInfo {
    /// `str()` and `repr()`, as CPython prints the named tuple.
    pub fn to_str(&self) -> String {
        let maxsize = self
            .maxsize
            .map_or_else(|| "None".to_string(), |m| m.to_string());
        format!(
            "CacheInfo(hits={}, misses={}, maxsize={maxsize}, currsize={})",
            self.hits, self.misses, self.currsize
        )
    }
}

/// A function's cache seen without its key and value types.
pub trait CacheControl: Sync {
    fn info(&self) -> CacheInfo;
    fn clear(&self);
}

impl<K: Hash + Eq + Send, V: Clone + Send> CacheControl for Memo<K, V> {
    fn info(&self) -> CacheInfo {
        let currsize = self
            .entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .as_ref()
            .map_or(0, IndexMap::len);
        CacheInfo {
            hits: count(&self.hits),
            misses: count(&self.misses),
            maxsize: self.maxsize.map(|m| i64::try_from(m).unwrap_or(i64::MAX)),
            currsize: i64::try_from(currsize).unwrap_or(i64::MAX),
        }
    }

    fn clear(&self) {
        let mut guard = self
            .entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *guard = None;
        self.hits.store(0, Ordering::Relaxed);
        self.misses.store(0, Ordering::Relaxed);
    }
}

fn count(c: &AtomicU64) -> i64 {
    i64::try_from(c.load(Ordering::Relaxed)).unwrap_or(i64::MAX)
}

type Registry = Vec<(&'static str, &'static dyn CacheControl)>;

static CACHES: Mutex<Registry> = Mutex::new(Vec::new());

fn caches() -> MutexGuard<'static, Registry> {
    CACHES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn find(name: &str) -> Option<&'static dyn CacheControl> {
    caches().iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// `f.cache_info()` of the cached function `name` (of maxsize `maxsize`).
pub fn cache_info(name: &str, maxsize: Option<i64>) -> CacheInfo {
    find(name).map_or(
        CacheInfo {
            hits: 0,
            misses: 0,
            maxsize,
            currsize: 0,
        },
        |c| c.info(),
    )
}

/// `f.cache_clear()`: the results and the counts dropped.
pub fn cache_clear(name: &str) {
    if let Some(c) = find(name) {
        c.clear();
    }
}
