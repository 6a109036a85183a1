//! `threading.Lock()` / `threading.RLock()`: a lock acquired and released by
//! calls (`acquire()`, `release()`, or `with lock:`), not by a guard's scope,
//! since Python's code decides when to release it.
//!
//! A [`Lock`] is a shared handle (`Arc`): a module-level lock is one object
//! for every thread calling into the library. Waiting blocks the calling
//! thread (the Python loader releases the GIL during compiled calls).

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::ThreadId;

use super::{ExcKind, PyErr, PyResult};

#[derive(Clone, Default)]
pub struct Lock {
    inner: Arc<LockInner>,
}

#[derive(Default)]
struct LockInner {
    state: Mutex<Held>,
    freed: Condvar,
    reentrant: bool,
}

#[derive(Default)]
struct Held {
    /// The thread holding it (for an RLock) and how many times it holds it;
    /// a plain Lock counts 0 or 1 and has no owner.
    owner: Option<ThreadId>,
    count: u64,
}

impl Lock {
    /// `threading.Lock()`.
    pub fn new() -> Lock {
        Lock::default()
    }

    /// `threading.RLock()`: the holding thread may acquire it again.
    pub fn new_reentrant() -> Lock {
        Lock {
            inner: Arc::new(LockInner {
                reentrant: true,
                ..LockInner::default()
            }),
        }
    }

    fn state(&self) -> MutexGuard<'_, Held> {
        self.inner.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `lock.acquire()` (blocking): True once held.
    pub fn acquire(&self) -> bool {
        let me = std::thread::current().id();
        let mut held = self.state();
        if self.inner.reentrant && held.owner == Some(me) {
            held.count += 1;
            return true;
        }
        while held.count > 0 {
            held = self
                .inner
                .freed
                .wait(held)
                .unwrap_or_else(|e| e.into_inner());
        }
        held.count = 1;
        held.owner = self.inner.reentrant.then_some(me);
        true
    }

    /// `lock.release()`: RuntimeError with CPython's message when not held
    /// (by this thread, for an RLock).
    pub fn release(&self) -> PyResult<()> {
        let mut held = self.state();
        if self.inner.reentrant {
            if held.owner != Some(std::thread::current().id()) {
                return Err(PyErr::new(
                    ExcKind::RuntimeError,
                    "cannot release un-acquired lock",
                ));
            }
        } else if held.count == 0 {
            return Err(PyErr::new(ExcKind::RuntimeError, "release unlocked lock"));
        }
        held.count -= 1;
        if held.count == 0 {
            held.owner = None;
            self.inner.freed.notify_one();
        }
        Ok(())
    }

    /// `lock.locked()` (a plain Lock's).
    pub fn locked(&self) -> bool {
        self.state().count > 0
    }
}
