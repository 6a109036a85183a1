//! Functions as values: a Python function stored in a variable or a container,
//! or returned from a function (a closure factory, a decorator, a dispatch table).
//!
//! A `Func` is shared like a Python function object (cloning it is a reference
//! count) and callable from any thread, since the values holding it may be
//! returned to a host that calls from several. What it reads from the function
//! that made it are its own copies, taken when it was made (the compiler allows
//! that only where CPython's closure would read the same values).

use std::sync::Arc;

use super::PyResult;

/// A function taking the arguments `A` (a tuple) and returning an `R`.
pub struct Func<A, R>(Arc<dyn Fn(A) -> PyResult<R> + Send + Sync>);

impl<A, R> Func<A, R> {
    pub fn new(f: impl Fn(A) -> PyResult<R> + Send + Sync + 'static) -> Self {
        Func(Arc::new(f))
    }

    /// Calls the function; its exception propagates.
    pub fn call(&self, args: A) -> PyResult<R> {
        (self.0)(args)
    }
}

impl<A, R> Clone for Func<A, R> {
    fn clone(&self) -> Self {
        Func(Arc::clone(&self.0))
    }
}

impl<A: 'static, R: 'static> Default for Func<A, R> {
    /// What a variable holds before its first assignment: never called (the
    /// compiler refuses reads Python may make before assignment).
    fn default() -> Self {
        Func::new(|_| unreachable!("a function variable read before assignment"))
    }
}
