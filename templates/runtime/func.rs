//! Functions as values: a Python function stored in a variable or a container,
//! or returned from a function (a closure factory, a decorator, a dispatch table).
//!
//! A `Func` is shared like a Python function object (cloning it is a reference
//! count) and callable from any thread, since the values holding it may be
//! returned to a host that calls from several. What it reads from the function
//! that made it are its own copies, taken when it was made (the compiler allows
//! that only where CPython's closure would read the same values).

use std::sync::Arc;

use super::{IndexMap, PyErr, PyResult};

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

/// What `f(..., **d)` binds at run time: the names of the called function's
/// parameters and which of them the written arguments fill (docs/language.md,
/// "Calls").
pub struct KwSpec {
    /// Keyword arguments written before / after `**d`.
    pub before: &'static [&'static str],
    pub after: &'static [&'static str],
    /// The parameters a keyword may bind (not positional-only, not `*args`/`**kwargs`).
    pub named: &'static [&'static str],
    /// Those of `named` the positional arguments fill.
    pub by_position: &'static [&'static str],
    /// The positional-only parameters.
    pub posonly: &'static [&'static str],
    /// The function has a `**kwargs` parameter.
    pub varkw: bool,
    /// Required parameters no written argument fills: positional ones, keyword-only ones.
    pub missing: &'static [&'static str],
    pub missing_kwonly: &'static [&'static str],
}

/// CPython's list of names in a "missing" message: `'a'`, `'a' and 'b'`,
/// `'a', 'b', and 'c'`.
fn quoted_names(names: &[&str]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.len() {
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        n => format!("{}, and {}", q[..n - 1].join(", "), q[n - 1]),
    }
}

/// Checks the keys of `d` in `f(..., **d)` as CPython binds them: a key repeating a
/// written keyword, a key naming a parameter a positional argument fills, a key no
/// parameter takes (without `**kwargs`), then required parameters neither the
/// written arguments nor `d` fill; CPython's TypeError, in its order. `func` names
/// the function as CPython's binding errors do (`f`, `C.__init__`), `merged` as its
/// keyword-merging error does (`mod.f`, `mod.C` for a constructor).
pub fn kw_bind<V>(
    d: &IndexMap<String, V>,
    func: &str,
    merged: &str,
    spec: &KwSpec,
) -> PyResult<()> {
    let dup = |k: &str| {
        PyErr::type_error(format!(
            "{}() got multiple values for keyword argument '{k}'",
            merged
        ))
    };
    if let Some(k) = d.keys().find(|k| spec.before.contains(&k.as_str())) {
        return Err(dup(k));
    }
    if let Some(k) = spec.after.iter().find(|k| d.contains_key(**k)) {
        return Err(dup(k));
    }
    for k in d.keys() {
        let k = k.as_str();
        if spec.named.contains(&k) {
            if spec.by_position.contains(&k) {
                return Err(PyErr::type_error(format!(
                    "{}() got multiple values for argument '{k}'",
                    func
                )));
            }
        } else if !spec.varkw {
            let posonly: Vec<&str> = spec
                .posonly
                .iter()
                .copied()
                .filter(|p| d.contains_key(*p))
                .collect();
            return Err(PyErr::type_error(if posonly.is_empty() {
                format!("{}() got an unexpected keyword argument '{k}'", func)
            } else {
                format!(
                    "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                    func,
                    posonly.join(", ")
                )
            }));
        }
    }
    for (names, kind) in [
        (spec.missing, "positional"),
        (spec.missing_kwonly, "keyword-only"),
    ] {
        let missing: Vec<&str> = names
            .iter()
            .copied()
            .filter(|n| !d.contains_key(*n))
            .collect();
        if !missing.is_empty() {
            let s = if missing.len() == 1 { "" } else { "s" };
            return Err(PyErr::type_error(format!(
                "{}() missing {} required {kind} argument{s}: {}",
                func,
                missing.len(),
                quoted_names(&missing)
            )));
        }
    }
    Ok(())
}
