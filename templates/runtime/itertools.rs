//! `itertools` and `functools.reduce` / `cmp_to_key`, as CPython 3.11 defines
//! them. The lazy ones (`chain`, `islice`, `count`, `repeat`, `zip_longest`)
//! are iterators; those taking a Python function or materializing their
//! input first (`accumulate`, `product`, `combinations`, `permutations`,
//! `takewhile`, `dropwhile`, `pairwise`) build their items eagerly, in the
//! order CPython yields them.

use super::{PyErr, PyResult};

/// `itertools.chain(a, b)`.
pub fn it_chain2<T>(
    a: impl IntoIterator<Item = T>,
    b: impl IntoIterator<Item = T>,
) -> impl Iterator<Item = T> {
    a.into_iter().chain(b)
}

/// `itertools.chain(a, b, c)`.
pub fn it_chain3<T>(
    a: impl IntoIterator<Item = T>,
    b: impl IntoIterator<Item = T>,
    c: impl IntoIterator<Item = T>,
) -> impl Iterator<Item = T> {
    a.into_iter().chain(b).chain(c)
}

/// `itertools.chain.from_iterable(xss)`.
pub fn it_chain_from<T>(xss: impl IntoIterator<Item = Vec<T>>) -> impl Iterator<Item = T> {
    xss.into_iter().flatten()
}

/// `itertools.islice(it, start, stop, step)`, CPython's argument checks.
pub fn it_islice<T>(
    items: impl IntoIterator<Item = T>,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> PyResult<impl Iterator<Item = T>> {
    let (start, stop, step) = islice_bounds(start, stop, step)?;
    let take = match stop {
        Some(s) if s <= start => 0,
        Some(s) => (s - start - 1) / step + 1,
        None => usize::MAX,
    };
    Ok(items.into_iter().skip(start).step_by(step).take(take))
}

/// islice's arguments checked as CPython checks them: (start, stop, step).
pub fn islice_bounds(
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> PyResult<(usize, Option<usize>, usize)> {
    // CPython reads -1 as its C error marker: a stop of -1 gets the "Stop
    // argument" message, other negative values the "Indices" one.
    if stop == Some(-1) {
        return Err(PyErr::value_error(
            "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
        ));
    }
    let start = start.unwrap_or(0);
    if start < 0 || stop.is_some_and(|s| s < -1) {
        return Err(PyErr::value_error(
            "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
        ));
    }
    let step = step.unwrap_or(1);
    if step < 1 {
        return Err(PyErr::value_error(
            "Step for islice() must be a positive integer or None.",
        ));
    }
    Ok((start as usize, stop.map(|s| s as usize), step as usize))
}

/// `itertools.count(start, step)`. (An i64 counter: it wraps past `i64::MAX`,
/// where CPython goes on with big ints, as `enumerate` does here.)
pub fn it_count(start: i64, step: i64) -> impl Iterator<Item = i64> {
    let mut k = start;
    std::iter::from_fn(move || {
        let v = k;
        k = k.wrapping_add(step);
        Some(v)
    })
}

/// `itertools.repeat(x, n)`.
pub fn it_repeat<T: Clone>(x: T, n: i64) -> impl Iterator<Item = T> {
    std::iter::repeat_n(x, n.max(0) as usize)
}

/// `itertools.accumulate(ints)`: running sums, `OverflowError` past i64.
pub fn it_accumulate_int(
    items: impl IntoIterator<Item = i64>,
    initial: Option<i64>,
) -> PyResult<std::vec::IntoIter<i64>> {
    let mut out: Vec<i64> = initial.into_iter().collect();
    let mut acc = initial;
    for x in items {
        let next = match acc {
            None => x,
            Some(a) => super::int_add(a, x)?,
        };
        out.push(next);
        acc = Some(next);
    }
    Ok(out.into_iter())
}

/// `itertools.accumulate(floats)`.
pub fn it_accumulate_float(
    items: impl IntoIterator<Item = f64>,
    initial: Option<f64>,
) -> std::vec::IntoIter<f64> {
    let mut out: Vec<f64> = initial.into_iter().collect();
    let mut acc = initial;
    for x in items {
        let next = acc.map_or(x, |a| a + x);
        out.push(next);
        acc = Some(next);
    }
    out.into_iter()
}

/// `itertools.accumulate(items, func)`.
pub fn it_accumulate_fn<T: Clone>(
    items: impl IntoIterator<Item = T>,
    mut func: impl FnMut(T, T) -> PyResult<T>,
) -> PyResult<std::vec::IntoIter<T>> {
    let mut out: Vec<T> = Vec::new();
    for x in items {
        let next = match out.last() {
            None => x,
            Some(a) => func(a.clone(), x)?,
        };
        out.push(next);
    }
    Ok(out.into_iter())
}

/// `itertools.groupby(items)`: runs of equal neighbours, each with its items. A
/// group is read in full when its run is reached; the compiler accepts a group
/// only where it is consumed before the loop moves on (pycomp.groupby), which is
/// where CPython's shared iterator gives the same items.
pub fn it_groupby<T: Clone + PartialEq>(
    items: impl IntoIterator<Item = T>,
) -> PyResult<std::vec::IntoIter<(T, Vec<T>)>> {
    it_groupby_by_key(items, |x: T| Ok(x))
}

/// `itertools.groupby(items, key)`: runs whose `key(item)` values are equal (`==`
/// with the run's first key, as CPython compares), each with its items.
pub fn it_groupby_by_key<T: Clone, K: PartialEq>(
    items: impl IntoIterator<Item = T>,
    mut key: impl FnMut(T) -> PyResult<K>,
) -> PyResult<std::vec::IntoIter<(K, Vec<T>)>> {
    let mut out: Vec<(K, Vec<T>)> = Vec::new();
    for x in items {
        let k = key(x.clone())?;
        match out.last_mut() {
            Some((run, group)) if *run == k => super::push(group, x)?,
            _ => super::push(&mut out, (k, vec![x]))?,
        }
    }
    Ok(out.into_iter())
}

/// `itertools.pairwise(items)`.
pub fn it_pairwise<T: Clone>(items: impl IntoIterator<Item = T>) -> std::vec::IntoIter<(T, T)> {
    let v: Vec<T> = items.into_iter().collect();
    v.windows(2)
        .map(|w| (w[0].clone(), w[1].clone()))
        .collect::<Vec<_>>()
        .into_iter()
}

/// `itertools.zip_longest(a, b)`: None fills the shorter.
pub fn it_zip_longest<A, B>(
    a: impl IntoIterator<Item = A>,
    b: impl IntoIterator<Item = B>,
) -> impl Iterator<Item = (Option<A>, Option<B>)> {
    let (mut a, mut b) = (a.into_iter(), b.into_iter());
    std::iter::from_fn(move || match (a.next(), b.next()) {
        (None, None) => None,
        pair => Some(pair),
    })
}

/// `itertools.zip_longest(a, b, fillvalue=x)`.
pub fn it_zip_longest_fill<T: Clone>(
    a: impl IntoIterator<Item = T>,
    b: impl IntoIterator<Item = T>,
    fill: T,
) -> impl Iterator<Item = (T, T)> {
    it_zip_longest(a, b).map(move |(x, y)| {
        (
            x.unwrap_or_else(|| fill.clone()),
            y.unwrap_or_else(|| fill.clone()),
        )
    })
}

/// `itertools.product(a, b)`: the last iterable varies fastest.
pub fn it_product2<A: Clone, B: Clone>(
    a: impl IntoIterator<Item = A>,
    b: impl IntoIterator<Item = B>,
) -> std::vec::IntoIter<(A, B)> {
    let bs: Vec<B> = b.into_iter().collect();
    let mut out = Vec::new();
    for x in a {
        for y in &bs {
            out.push((x.clone(), y.clone()));
        }
    }
    out.into_iter()
}

/// Index tuples of `combinations(range(n), r)`, in CPython's order.
fn combination_indices(n: usize, r: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    if r > n {
        return out;
    }
    let mut idx: Vec<usize> = (0..r).collect();
    loop {
        out.push(idx.clone());
        let Some(i) = (0..r).rev().find(|&i| idx[i] != i + n - r) else {
            return out;
        };
        idx[i] += 1;
        for j in i + 1..r {
            idx[j] = idx[j - 1] + 1;
        }
    }
}

/// Index tuples of `permutations(range(n), r)`, in CPython's order.
fn permutation_indices(n: usize, r: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    if r > n {
        return out;
    }
    let mut indices: Vec<usize> = (0..n).collect();
    let mut cycles: Vec<usize> = (0..r).map(|i| n - i).collect();
    out.push(indices[..r].to_vec());
    'outer: loop {
        for i in (0..r).rev() {
            cycles[i] -= 1;
            if cycles[i] == 0 {
                let moved = indices.remove(i);
                indices.push(moved);
                cycles[i] = n - i;
            } else {
                let j = cycles[i];
                indices.swap(i, n - j);
                out.push(indices[..r].to_vec());
                continue 'outer;
            }
        }
        return out;
    }
}

/// `itertools.combinations(items, 2)`.
pub fn it_combinations2<T: Clone>(
    items: impl IntoIterator<Item = T>,
) -> std::vec::IntoIter<(T, T)> {
    let pool: Vec<T> = items.into_iter().collect();
    combination_indices(pool.len(), 2)
        .into_iter()
        .map(|ix| (pool[ix[0]].clone(), pool[ix[1]].clone()))
        .collect::<Vec<_>>()
        .into_iter()
}

/// `itertools.combinations(items, 3)`.
pub fn it_combinations3<T: Clone>(
    items: impl IntoIterator<Item = T>,
) -> std::vec::IntoIter<(T, T, T)> {
    let pool: Vec<T> = items.into_iter().collect();
    combination_indices(pool.len(), 3)
        .into_iter()
        .map(|ix| {
            (
                pool[ix[0]].clone(),
                pool[ix[1]].clone(),
                pool[ix[2]].clone(),
            )
        })
        .collect::<Vec<_>>()
        .into_iter()
}

/// `itertools.permutations(items, 2)`.
pub fn it_permutations2<T: Clone>(
    items: impl IntoIterator<Item = T>,
) -> std::vec::IntoIter<(T, T)> {
    let pool: Vec<T> = items.into_iter().collect();
    permutation_indices(pool.len(), 2)
        .into_iter()
        .map(|ix| (pool[ix[0]].clone(), pool[ix[1]].clone()))
        .collect::<Vec<_>>()
        .into_iter()
}

/// `itertools.takewhile(pred, items)`.
pub fn it_takewhile<T: Clone>(
    mut pred: impl FnMut(T) -> PyResult<bool>,
    items: impl IntoIterator<Item = T>,
) -> PyResult<std::vec::IntoIter<T>> {
    let mut out = Vec::new();
    for x in items {
        if !pred(x.clone())? {
            break;
        }
        out.push(x);
    }
    Ok(out.into_iter())
}

/// `itertools.dropwhile(pred, items)`.
pub fn it_dropwhile<T: Clone>(
    mut pred: impl FnMut(T) -> PyResult<bool>,
    items: impl IntoIterator<Item = T>,
) -> PyResult<std::vec::IntoIter<T>> {
    let mut out = Vec::new();
    let mut dropping = true;
    for x in items {
        if dropping && pred(x.clone())? {
            continue;
        }
        dropping = false;
        out.push(x);
    }
    Ok(out.into_iter())
}

/// `itertools.starmap(func, pairs)`: `func(a, b)` for each pair, in order.
pub fn it_starmap2<A, B, R>(
    mut func: impl FnMut(A, B) -> PyResult<R>,
    items: impl IntoIterator<Item = (A, B)>,
) -> PyResult<std::vec::IntoIter<R>> {
    let mut out = Vec::new();
    for (a, b) in items {
        out.push(func(a, b)?);
    }
    Ok(out.into_iter())
}

/// `itertools.starmap(func, triples)`.
pub fn it_starmap3<A, B, C, R>(
    mut func: impl FnMut(A, B, C) -> PyResult<R>,
    items: impl IntoIterator<Item = (A, B, C)>,
) -> PyResult<std::vec::IntoIter<R>> {
    let mut out = Vec::new();
    for (a, b, c) in items {
        out.push(func(a, b, c)?);
    }
    Ok(out.into_iter())
}

/// `itertools.cycle(items)`: the items, saved as the first pass reads them,
/// then the saved items again and again (nothing for an empty iterable).
pub fn it_cycle<T: Clone>(items: impl IntoIterator<Item = T>) -> impl Iterator<Item = T> {
    let mut source = items.into_iter();
    let mut saved: Vec<T> = Vec::new();
    let mut first_pass = true;
    let mut i = 0usize;
    std::iter::from_fn(move || {
        if first_pass {
            if let Some(x) = source.next() {
                saved.push(x.clone());
                return Some(x);
            }
            first_pass = false;
        }
        if saved.is_empty() {
            return None;
        }
        let x = saved[i % saved.len()].clone();
        i += 1;
        Some(x)
    })
}

/// `itertools.accumulate(items, func, initial=x)`: initial first, then the
/// running results of func.
pub fn it_accumulate_fn_init<T: Clone>(
    items: impl IntoIterator<Item = T>,
    mut func: impl FnMut(T, T) -> PyResult<T>,
    initial: T,
) -> PyResult<std::vec::IntoIter<T>> {
    let mut out: Vec<T> = vec![initial];
    for x in items {
        let a = out[out.len() - 1].clone();
        let next = func(a, x)?;
        out.push(next);
    }
    Ok(out.into_iter())
}

/// `itertools.product(items, repeat=2)`.
pub fn it_product_repeat2<T: Clone>(
    items: impl IntoIterator<Item = T>,
) -> std::vec::IntoIter<(T, T)> {
    let pool: Vec<T> = items.into_iter().collect();
    it_product2(pool.clone(), pool)
}

/// `itertools.product(items, repeat=3)`.
pub fn it_product_repeat3<T: Clone>(
    items: impl IntoIterator<Item = T>,
) -> std::vec::IntoIter<(T, T, T)> {
    let pool: Vec<T> = items.into_iter().collect();
    let mut out = Vec::new();
    for x in &pool {
        for y in &pool {
            for z in &pool {
                out.push((x.clone(), y.clone(), z.clone()));
            }
        }
    }
    out.into_iter()
}

/// `itertools.product(a, b, c)`: the last iterable varies fastest.
pub fn it_product3<A: Clone, B: Clone, C: Clone>(
    a: impl IntoIterator<Item = A>,
    b: impl IntoIterator<Item = B>,
    c: impl IntoIterator<Item = C>,
) -> std::vec::IntoIter<(A, B, C)> {
    let bs: Vec<B> = b.into_iter().collect();
    let cs: Vec<C> = c.into_iter().collect();
    let mut out = Vec::new();
    for x in a {
        for y in &bs {
            for z in &cs {
                out.push((x.clone(), y.clone(), z.clone()));
            }
        }
    }
    out.into_iter()
}

/// `itertools.permutations(items, 3)`.
pub fn it_permutations3<T: Clone>(
    items: impl IntoIterator<Item = T>,
) -> std::vec::IntoIter<(T, T, T)> {
    let pool: Vec<T> = items.into_iter().collect();
    permutation_indices(pool.len(), 3)
        .into_iter()
        .map(|ix| {
            (
                pool[ix[0]].clone(),
                pool[ix[1]].clone(),
                pool[ix[2]].clone(),
            )
        })
        .collect::<Vec<_>>()
        .into_iter()
}

/// `itertools.combinations_with_replacement(items, 2)`, in CPython's order.
pub fn it_combinations_wr2<T: Clone>(
    items: impl IntoIterator<Item = T>,
) -> std::vec::IntoIter<(T, T)> {
    let pool: Vec<T> = items.into_iter().collect();
    let mut out = Vec::new();
    for i in 0..pool.len() {
        for j in i..pool.len() {
            out.push((pool[i].clone(), pool[j].clone()));
        }
    }
    out.into_iter()
}

/// `itertools.compress(items, selectors)`: items whose selector is true,
/// stopping at the shorter.
pub fn it_compress<T>(
    items: impl IntoIterator<Item = T>,
    selectors: impl IntoIterator<Item = bool>,
) -> impl Iterator<Item = T> {
    items
        .into_iter()
        .zip(selectors)
        .filter_map(|(x, keep)| keep.then_some(x))
}

/// `itertools.filterfalse(pred, items)`.
pub fn it_filterfalse<T: Clone>(
    mut pred: impl FnMut(T) -> PyResult<bool>,
    items: impl IntoIterator<Item = T>,
) -> PyResult<std::vec::IntoIter<T>> {
    let mut out = Vec::new();
    for x in items {
        if !pred(x.clone())? {
            out.push(x);
        }
    }
    Ok(out.into_iter())
}

/// `functools.reduce(func, items)`: TypeError on an empty iterable.
pub fn ft_reduce<T>(
    mut func: impl FnMut(T, T) -> PyResult<T>,
    items: impl IntoIterator<Item = T>,
) -> PyResult<T> {
    let mut it = items.into_iter();
    let Some(mut acc) = it.next() else {
        return Err(PyErr::type_error(
            "reduce() of empty iterable with no initial value",
        ));
    };
    for x in it {
        acc = func(acc, x)?;
    }
    Ok(acc)
}

/// `functools.reduce(func, items, initial)`.
pub fn ft_reduce_init<A, T>(
    mut func: impl FnMut(A, T) -> PyResult<A>,
    items: impl IntoIterator<Item = T>,
    initial: A,
) -> PyResult<A> {
    let mut acc = initial;
    for x in items {
        acc = func(acc, x)?;
    }
    Ok(acc)
}

/// `sorted(items, key=functools.cmp_to_key(cmp), reverse=...)`: CPython's
/// timsort driven by the comparison function (so even an inconsistent one
/// orders as in CPython); the first exception it raises stops the sort.
pub fn ft_sorted_cmp<T: Clone>(
    items: impl IntoIterator<Item = T>,
    mut cmp: impl FnMut(T, T) -> PyResult<i64>,
    reverse: bool,
) -> PyResult<Vec<T>> {
    let mut xs: Vec<T> = items.into_iter().collect();
    let mut failed: Option<PyErr> = None;
    let order = super::sort_order(xs.len(), reverse, |i, j| {
        if failed.is_some() {
            return false;
        }
        match cmp(xs[i].clone(), xs[j].clone()) {
            Ok(c) => c < 0,
            Err(e) => {
                failed = Some(e);
                false
            }
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    super::seq::apply_order(&mut xs, &order);
    Ok(xs)
}
