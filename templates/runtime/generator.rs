//! Generators: a Python generator function compiles to a Rust `async` block
//! that awaits [`Co::yield_`] at each `yield`, driven one step per `next` by
//! [`Gen`] (stackless coroutines on the standard library's async machinery, no
//! executor: the block never waits on anything but its own yields).
//!
//! A [`Gen`] is an `Iterator<Item = PyResult<T>>`: it runs the body up to the
//! next `yield` on each `next`, so an exception is raised exactly when the
//! failing item is reached, as in CPython; after it (or after the body
//! returns) the generator is finished. Dropping a `Gen` part-way frees its
//! state.
//!
//! A `Gen` is not `Send`: its body may hold class instances
//! (`pcrt::Instance`, an `Rc`), and a generator made inside a call stays on
//! that call's thread. Only an entry point's iterator leaves the call
//! (`iter_abi`): the compiler refuses one whose state could reach an
//! instance (E100, `sendcheck.py`), so what it hands to the host owns only
//! values that are themselves `Send`.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use super::{ExcKind, PyErr, PyResult};

type Body = Pin<Box<dyn Future<Output = PyResult<()>>>>;

/// A generator: a shared handle, as a Python name holds a reference to one
/// generator object (a clone advances the same generator).
pub struct Gen<T> {
    state: Rc<RefCell<State<T>>>,
}

struct State<T> {
    body: Option<Body>,
    slot: Rc<RefCell<Option<T>>>,
}

impl<T> Clone for Gen<T> {
    fn clone(&self) -> Self {
        Gen {
            state: self.state.clone(),
        }
    }
}

/// The handle a generator body yields through.
pub struct Co<T> {
    slot: Rc<RefCell<Option<T>>>,
}

impl<T> Co<T> {
    /// `yield value`: hands `value` to the consumer and suspends the body
    /// until the next `next`.
    pub fn yield_(&self, value: T) -> Suspend {
        *self.slot.borrow_mut() = Some(value);
        Suspend { resumed: false }
    }
}

/// The future of one `yield`: pending once (the suspension), then ready.
pub struct Suspend {
    resumed: bool,
}

impl Future for Suspend {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if self.resumed {
            Poll::Ready(())
        } else {
            self.resumed = true;
            Poll::Pending
        }
    }
}

impl<T: 'static> Gen<T> {
    /// A generator running `body`, which yields through the `Co` it is given.
    /// Nothing of the body runs before the first `next` (as in CPython).
    pub fn new<F, Fut>(body: F) -> Gen<T>
    where
        F: FnOnce(Co<T>) -> Fut,
        Fut: Future<Output = PyResult<()>> + 'static,
    {
        let slot = Rc::new(RefCell::new(None));
        let fut = body(Co { slot: slot.clone() });
        Gen {
            state: Rc::new(RefCell::new(State {
                body: Some(Box::pin(fut)),
                slot,
            })),
        }
    }

    /// `iter(xs)`: a generator over the items of a list (or any iterable).
    pub fn from_items<I>(items: I) -> Gen<T>
    where
        I: IntoIterator<Item = T>,
        I::IntoIter: 'static,
    {
        let mut it = items.into_iter();
        Gen::new(move |co| async move {
            for x in it.by_ref() {
                co.yield_(x).await;
            }
            Ok(())
        })
    }
}

impl<T> Gen<T> {
    /// One step: the next item, the exception the body raised, or None once
    /// it has finished. `ValueError: generator already executing` when the
    /// body asks its own generator for an item, as CPython does.
    pub fn step(&self) -> Option<PyResult<T>> {
        let Ok(mut state) = self.state.try_borrow_mut() else {
            return Some(Err(PyErr::value_error("generator already executing")));
        };
        let body = state.body.as_mut()?;
        let mut cx = Context::from_waker(Waker::noop());
        // A Python exception the runtime raised in the body (`RecursionError`
        // from a repr nested too deep) ends the generator, as any exception.
        let polled = super::catch_raised(|| Ok(body.as_mut().poll(&mut cx)));
        let polled = match polled {
            Ok(p) => p,
            Err(e) => {
                state.body = None;
                return Some(Err(e));
            }
        };
        match polled {
            Poll::Pending => {
                let item = state.slot.borrow_mut().take();
                match item {
                    Some(v) => Some(Ok(v)),
                    None => {
                        state.body = None;
                        Some(Err(PyErr::new(
                            ExcKind::SystemError,
                            "a generator suspended without yielding (a pycomp bug)",
                        )))
                    }
                }
            }
            Poll::Ready(r) => {
                state.body = None;
                r.err().map(Err)
            }
        }
    }
}

impl<T> Iterator for Gen<T> {
    type Item = PyResult<T>;

    fn next(&mut self) -> Option<PyResult<T>> {
        self.step()
    }
}

/// `next(it)`: `StopIteration` (with no message) when it is exhausted.
pub fn gen_next<T>(it: &Gen<T>) -> PyResult<T> {
    it.step()
        .unwrap_or_else(|| Err(PyErr::new(ExcKind::StopIteration, "")))
}

/// `next(it, default)`.
pub fn gen_next_or<T>(it: &Gen<T>, default: T) -> PyResult<T> {
    it.step().unwrap_or(Ok(default))
}

/// `next(gen, None)`: the next item, or `None` at the end.
pub fn gen_next_opt<T>(it: &Gen<T>) -> PyResult<Option<T>> {
    it.step().transpose()
}

/// All the items left, for a builtin that consumes its whole argument
/// (`list`, `sum`, `sorted`, `"".join` ...): the first exception the
/// generator raises is raised instead.
pub fn gen_collect<T>(it: Gen<T>) -> PyResult<Vec<T>> {
    it.collect()
}

/// `itertools.islice(gen, start, stop, step)` walked to its end (by `list`, a
/// `for` loop ...): it pulls from the shared generator exactly the items CPython's
/// islice pulls (up to `stop`, or `start` when that is larger), so the generator
/// goes on after them, as in the batching idiom `list(islice(it, n))`.
pub fn gen_islice<T>(
    it: &Gen<T>,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> PyResult<std::vec::IntoIter<T>> {
    let (start, stop, step) = super::islice_bounds(start, stop, step)?;
    let mut out = Vec::new();
    let (mut seen, mut next) = (0usize, start);
    loop {
        while seen < next {
            match it.step() {
                None => return Ok(out.into_iter()),
                Some(item) => drop(item?),
            }
            seen += 1;
        }
        if stop.is_some_and(|s| seen >= s) {
            return Ok(out.into_iter());
        }
        match it.step() {
            None => return Ok(out.into_iter()),
            Some(item) => super::push(&mut out, item?)?,
        }
        seen += 1;
        next = match stop {
            Some(s) => next.saturating_add(step).min(s),
            None => next.saturating_add(step),
        };
    }
}

/// `itertools.takewhile(pred, gen)` walked to its end: pulls items while `pred`
/// holds, and the first one for which it fails (dropped, as CPython drops it).
pub fn gen_takewhile<T: Clone>(
    mut pred: impl FnMut(T) -> PyResult<bool>,
    it: &Gen<T>,
) -> PyResult<std::vec::IntoIter<T>> {
    let mut out = Vec::new();
    while let Some(item) = it.step() {
        let x = item?;
        if !pred(x.clone())? {
            break;
        }
        super::push(&mut out, x)?;
    }
    Ok(out.into_iter())
}

/// `x in gen`: pulls items up to the first equal one; the generator goes on after it.
pub fn gen_contains<T: PartialEq<Q>, Q: ?Sized>(it: &Gen<T>, x: &Q) -> PyResult<bool> {
    while let Some(item) = it.step() {
        if item? == *x {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `enumerate(gen, start)`, lazily.
pub fn gen_enumerate<T: 'static>(it: Gen<T>, start: i64) -> Gen<(i64, T)> {
    Gen::new(move |co| async move {
        let mut i = start;
        for x in it {
            co.yield_((i, x?)).await;
            i = super::int_add(i, 1)?;
        }
        Ok(())
    })
}

/// `zip(a, b)` with a generator on either side, lazily: stops at the shorter,
/// pulling `a` first (as CPython does).
pub fn gen_zip<A: 'static, B: 'static>(a: Gen<A>, b: Gen<B>) -> Gen<(A, B)> {
    Gen::new(move |co| async move {
        while let Some(x) = a.step() {
            let x = x?;
            match b.step() {
                Some(y) => co.yield_((x, y?)).await,
                None => break,
            }
        }
        Ok(())
    })
}

/// `any(gen)`: stops at the first true item, as CPython does.
pub fn gen_any(it: Gen<bool>) -> PyResult<bool> {
    for x in it {
        if x? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `all(gen)`: stops at the first false item.
pub fn gen_all(it: Gen<bool>) -> PyResult<bool> {
    for x in it {
        if !x? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `any(gen)` of items other than bools, `truth` deciding each item as `bool()`
/// does: stops at the first true item, so later items are never computed (nor
/// raise), as in CPython.
pub fn gen_any_by<T>(it: Gen<T>, truth: impl Fn(&T) -> bool) -> PyResult<bool> {
    for x in it {
        if truth(&x?) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `all(gen)` of items other than bools: stops at the first false item.
pub fn gen_all_by<T>(it: Gen<T>, truth: impl Fn(&T) -> bool) -> PyResult<bool> {
    for x in it {
        if !truth(&x?) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// CPython's `zip(..., strict=True)` error: iterator `k` (0-based) ran out
/// (`shorter`) while the ones before it had an item, or had an item when the
/// first had none (`longer`).
fn zip_strict_error(k: usize, longer: bool) -> PyErr {
    let what = if longer { "longer" } else { "shorter" };
    let before = if k == 1 {
        String::from("argument 1")
    } else {
        format!("arguments 1-{k}")
    };
    PyErr::value_error(format!("zip() argument {} is {what} than {before}", k + 1))
}

/// `zip(a, b, strict=True)` (or `strict=False`): the pairs, then `ValueError`
/// after the last one when the lengths differ, as CPython raises it on the
/// `next` that finds the mismatch.
pub fn zip2_strict<A: 'static, B: 'static>(a: Vec<A>, b: Vec<B>, strict: bool) -> Gen<(A, B)> {
    let (na, nb) = (a.len(), b.len());
    Gen::new(move |co| async move {
        for pair in a.into_iter().zip(b) {
            co.yield_(pair).await;
        }
        if strict && na != nb {
            return Err(zip_strict_error(1, nb > na));
        }
        Ok(())
    })
}

/// `zip(a, b, c, strict=True)`: the triples, then CPython's `ValueError`
/// naming the first argument found shorter or longer.
pub fn zip3_strict<A: 'static, B: 'static, C: 'static>(
    a: Vec<A>,
    b: Vec<B>,
    c: Vec<C>,
    strict: bool,
) -> Gen<(A, B, C)> {
    let (na, nb, nc) = (a.len(), b.len(), c.len());
    Gen::new(move |co| async move {
        for ((x, y), z) in a.into_iter().zip(b).zip(c) {
            co.yield_((x, y, z)).await;
        }
        let n = na.min(nb).min(nc);
        if !strict || (na == nb && nb == nc) {
            return Ok(());
        }
        Err(if na == n {
            // the first ran out: the next one holding an item is longer
            if nb > n {
                zip_strict_error(1, true)
            } else {
                zip_strict_error(2, true)
            }
        } else if nb == n {
            zip_strict_error(1, false)
        } else {
            zip_strict_error(2, false)
        })
    })
}
