//! The `random` module with CPython's exact streams: the Mersenne Twister
//! (MT19937, `rand_mt`) seeded as CPython seeds it (`init_by_array` over the
//! 32-bit words of `abs(seed)`), and CPython 3.11's algorithms on top of it:
//! `random()` from two words, `_randbelow` by rejection on `getrandbits`,
//! `shuffle`, `choice`, `sample` (both of its strategies), `uniform`, `gauss`.
//!
//! Like CPython's module functions, these share one generator per process
//! (behind a lock): `random.seed(42)` in one call fixes what the next draws
//! give. Without a seed the generator starts from the OS's randomness.
//! `random.Random(seed)` instances (`PyRng`) run the same methods on a state
//! of their own.

use super::{PyErr, PyResult};
use rand_mt::Mt;
use std::sync::{Arc, LazyLock, Mutex, MutexGuard};

/// CPython's `random.Random` state: the twister and `gauss`'s spare value.
pub struct PyRandom {
    mt: Mt,
    gauss_next: Option<f64>,
}

impl PyRandom {
    /// `random.seed(n)` for an int: init_by_array of abs(n)'s 32-bit words,
    /// least significant first (`[0]` for 0).
    pub fn from_seed(n: i64) -> PyRandom {
        let mut a = n.unsigned_abs();
        let mut key = Vec::new();
        while a > 0 {
            key.push(a as u32);
            a >>= 32;
        }
        if key.is_empty() {
            key.push(0);
        }
        PyRandom {
            mt: Mt::new_with_key(key),
            gauss_next: None,
        }
    }

    pub fn from_os() -> PyRandom {
        use std::hash::{BuildHasher, Hasher};
        let mut key = Vec::new();
        for _ in 0..4 {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u64(key.len() as u64);
            let v = h.finish();
            key.push(v as u32);
            key.push((v >> 32) as u32);
        }
        PyRandom {
            mt: Mt::new_with_key(key),
            gauss_next: None,
        }
    }

    /// `random.random()`: 53 bits from two words, in [0.0, 1.0).
    pub fn random(&mut self) -> f64 {
        let a = (self.mt.next_u32() >> 5) as f64;
        let b = (self.mt.next_u32() >> 6) as f64;
        (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)
    }

    /// `getrandbits(k)` for 0 < k <= 64: 32-bit words, least significant first.
    fn getrandbits(&mut self, k: u32) -> u64 {
        if k <= 32 {
            return (self.mt.next_u32() >> (32 - k)) as u64;
        }
        let low = self.mt.next_u32() as u64;
        let high = (self.mt.next_u32() >> (64 - k)) as u64;
        low | (high << 32)
    }

    /// `_randbelow(n)` for n > 0: rejection sampling on `n.bit_length()` bits.
    fn randbelow(&mut self, n: u64) -> u64 {
        let k = 64 - n.leading_zeros();
        let mut r = self.getrandbits(k);
        while r >= n {
            r = self.getrandbits(k);
        }
        r
    }

    /// `randrange(start, stop)` with step 1.
    pub fn randrange(&mut self, start: i64, stop: i64) -> PyResult<i64> {
        let width = stop as i128 - start as i128;
        if width <= 0 {
            return Err(PyErr::value_error(format!(
                "empty range for randrange() ({start}, {stop}, {width})"
            )));
        }
        // width <= 2**64 - 1: any i64 range fits
        let r = self.randbelow(width as u64) as i128;
        Ok((start as i128 + r) as i64)
    }

    /// `randrange(start, stop, step)`: step 1 as above, else `_randbelow` of the
    /// number of items (CPython's floor divisions on exact ints).
    pub fn randrange_step(&mut self, start: i64, stop: i64, step: i64) -> PyResult<i64> {
        if step == 1 {
            return self.randrange(start, stop);
        }
        let (width, istep) = (stop as i128 - start as i128, step as i128);
        let floor_div = |a: i128, b: i128| {
            let q = a / b;
            if a % b != 0 && ((a < 0) != (b < 0)) {
                q - 1
            } else {
                q
            }
        };
        let n = match istep {
            0 => return Err(PyErr::value_error("zero step for randrange()")),
            s if s > 0 => floor_div(width + s - 1, s),
            s => floor_div(width + s + 1, s),
        };
        if n <= 0 {
            return Err(PyErr::value_error("empty range for randrange()"));
        }
        // n <= 2**64 - 1 and the result lies in [start, stop)
        let r = self.randbelow(n as u64) as i128;
        Ok((start as i128 + istep * r) as i64)
    }

    /// `gauss(mu, sigma)`: the Box-Muller pair, the second kept for the next call.
    fn gauss(&mut self, mu: f64, sigma: f64) -> f64 {
        let z = match self.gauss_next.take() {
            Some(z) => z,
            None => {
                let x2pi = self.random() * std::f64::consts::TAU;
                let g2rad = (-2.0 * (1.0 - self.random()).ln()).sqrt();
                self.gauss_next = Some(x2pi.sin() * g2rad);
                x2pi.cos() * g2rad
            }
        };
        mu + z * sigma
    }

    /// `uniform(a, b)`: `a + (b - a) * random()`.
    fn uniform(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.random()
    }

    /// `randint(a, b)`: `randrange(a, b + 1)`.
    fn randint(&mut self, a: i64, b: i64) -> PyResult<i64> {
        let stop = b
            .checked_add(1)
            .ok_or_else(|| PyErr::overflow("integer overflow: result does not fit in 64 bits"))?;
        self.randrange(a, stop)
    }

    /// `randrange(stop)`.
    fn randrange1(&mut self, stop: i64) -> PyResult<i64> {
        if stop <= 0 {
            return Err(PyErr::value_error("empty range for randrange()"));
        }
        self.randrange(0, stop)
    }

    /// `choice(seq)`: `seq[_randbelow(len(seq))]`.
    fn choice<T: Clone>(&mut self, seq: &[T]) -> PyResult<T> {
        if seq.is_empty() {
            return Err(PyErr::index_error("Cannot choose from an empty sequence"));
        }
        let i = self.randbelow(seq.len() as u64) as usize;
        Ok(seq[i].clone())
    }

    /// `choice(s)` of a str: one character.
    fn choice_str(&mut self, s: &str) -> PyResult<String> {
        let chars: Vec<String> = s.chars().map(String::from).collect();
        self.choice(&chars)
    }

    /// `shuffle(x)`: Fisher-Yates from the end, as CPython.
    fn shuffle<T>(&mut self, x: &mut [T]) {
        for i in (1..x.len()).rev() {
            let j = self.randbelow(i as u64 + 1) as usize;
            x.swap(i, j);
        }
    }

    /// `sample(population, k)`: CPython's pool method for small populations,
    /// its set-of-selected method for large ones, so the picks are the same.
    fn sample<T: Clone>(&mut self, population: &[T], k: i64) -> PyResult<Vec<T>> {
        let picks = self.sample_indices(population.len(), k)?;
        Ok(picks.into_iter().map(|j| population[j].clone()).collect())
    }

    /// `sample(range(start, stop, step), k)`: the indices drawn as for a list of
    /// the range's items, each made `start + j * step`; the range is never made.
    fn sample_range(&mut self, start: i64, stop: i64, step: i64, k: i64) -> PyResult<Vec<i64>> {
        if step == 0 {
            return Err(PyErr::value_error("range() arg 3 must not be zero"));
        }
        let (lo, hi, st) = (start as i128, stop as i128, step as i128);
        let n = if st > 0 && lo < hi {
            (hi - lo - 1) / st + 1
        } else if st < 0 && lo > hi {
            (lo - hi - 1) / (-st) + 1
        } else {
            0
        };
        if n > i64::MAX as i128 {
            // `len(range)` past a C ssize_t, as CPython's sample takes it
            return Err(PyErr::overflow(
                "Python int too large to convert to C ssize_t",
            ));
        }
        let picks = self.sample_indices(n as usize, k)?;
        Ok(picks
            .into_iter()
            .map(|j| (lo + j as i128 * st) as i64)
            .collect())
    }

    /// The indices `sample` picks from `n` items: CPython's two strategies (a pool
    /// for small populations, a set of selected indices otherwise).
    fn sample_indices(&mut self, n: usize, k: i64) -> PyResult<Vec<usize>> {
        if k < 0 || k as usize > n {
            return Err(PyErr::value_error(
                "Sample larger than population or is negative",
            ));
        }
        let k = k as usize;
        let mut setsize = 21usize;
        if k > 5 {
            let exp = ((k * 3) as f64).ln() / 4f64.ln();
            setsize += 4usize.pow(exp.ceil() as u32);
        }
        let mut result = Vec::with_capacity(k);
        if n <= setsize {
            let mut pool: Vec<usize> = (0..n).collect();
            for i in 0..k {
                let j = self.randbelow((n - i) as u64) as usize;
                result.push(pool[j]);
                pool[j] = pool[n - i - 1];
            }
        } else {
            let mut selected = std::collections::HashSet::new();
            for _ in 0..k {
                let mut j = self.randbelow(n as u64) as usize;
                while selected.contains(&j) {
                    j = self.randbelow(n as u64) as usize;
                }
                selected.insert(j);
                result.push(j);
            }
        }
        Ok(result)
    }

    /// `choices(population, k=k)`: `population[floor(random() * n)]`, k times
    /// (IndexError on an empty population, as CPython's indexing).
    fn choices<T: Clone>(&mut self, population: &[T], k: i64) -> PyResult<Vec<T>> {
        let n = population.len() as f64;
        let mut out = Vec::new();
        for _ in 0..k.max(0) {
            let i = (self.random() * n).floor() as usize;
            let x = population
                .get(i)
                .ok_or_else(|| PyErr::index_error("list index out of range"))?;
            out.push(x.clone());
        }
        Ok(out)
    }

    /// `choices(population, weights, k=k)`: bisect on the running sums of the
    /// weights with `random() * total`, and CPython's checks in its order.
    fn choices_weighted<T: Clone>(
        &mut self,
        population: &[T],
        weights: &[f64],
        k: i64,
    ) -> PyResult<Vec<T>> {
        let mut cum = Vec::with_capacity(weights.len());
        let mut acc = 0.0;
        for (i, w) in weights.iter().enumerate() {
            acc = if i == 0 { *w } else { acc + w };
            cum.push(acc);
        }
        let n = population.len();
        if cum.len() != n {
            return Err(PyErr::value_error(
                "The number of weights does not match the population",
            ));
        }
        let total = *cum
            .last()
            .ok_or_else(|| PyErr::index_error("list index out of range"))?;
        if total <= 0.0 {
            return Err(PyErr::value_error(
                "Total of weights must be greater than zero",
            ));
        }
        if !total.is_finite() {
            return Err(PyErr::value_error("Total of weights must be finite"));
        }
        let hi = n - 1;
        let mut out = Vec::new();
        for _ in 0..k.max(0) {
            let x = self.random() * total;
            // bisect_right(cum, x, 0, hi)
            let i = cum[..hi].partition_point(|c| *c <= x);
            out.push(population[i].clone());
        }
        Ok(out)
    }
}

static MODULE_RANDOM: LazyLock<Mutex<PyRandom>> = LazyLock::new(|| Mutex::new(PyRandom::from_os()));

fn module_random() -> MutexGuard<'static, PyRandom> {
    // A panic while holding the lock cannot leave the state half-written.
    MODULE_RANDOM.lock().unwrap_or_else(|e| e.into_inner())
}

/// `random.seed(n)`.
pub fn random_seed(n: i64) {
    *module_random() = PyRandom::from_seed(n);
}

/// `random.random()`.
pub fn random_random() -> f64 {
    module_random().random()
}

/// `random.uniform(a, b)`.
pub fn random_uniform(a: f64, b: f64) -> f64 {
    module_random().uniform(a, b)
}

/// `random.randint(a, b)`.
pub fn random_randint(a: i64, b: i64) -> PyResult<i64> {
    module_random().randint(a, b)
}

/// `random.randrange(start, stop)`.
pub fn random_randrange(start: i64, stop: i64) -> PyResult<i64> {
    module_random().randrange(start, stop)
}

/// `random.randrange(start, stop, step)`.
pub fn random_randrange3(start: i64, stop: i64, step: i64) -> PyResult<i64> {
    module_random().randrange_step(start, stop, step)
}

/// `random.randrange(stop)`.
pub fn random_randrange1(stop: i64) -> PyResult<i64> {
    module_random().randrange1(stop)
}

/// `random.choice(seq)`.
pub fn random_choice<T: Clone>(seq: &[T]) -> PyResult<T> {
    module_random().choice(seq)
}

/// `random.choice(s)` of a str.
pub fn random_choice_str(s: &str) -> PyResult<String> {
    module_random().choice_str(s)
}

/// `random.shuffle(x)`.
pub fn random_shuffle<T>(x: &mut [T]) {
    module_random().shuffle(x)
}

/// `random.sample(population, k)`.
pub fn random_sample<T: Clone>(population: &[T], k: i64) -> PyResult<Vec<T>> {
    module_random().sample(population, k)
}

/// `random.sample(range(start, stop, step), k)`.
pub fn random_sample_range(start: i64, stop: i64, step: i64, k: i64) -> PyResult<Vec<i64>> {
    module_random().sample_range(start, stop, step, k)
}

/// `random.choices(population, k=k)`.
pub fn random_choices<T: Clone>(population: &[T], k: i64) -> PyResult<Vec<T>> {
    module_random().choices(population, k)
}

/// `random.choices(population, weights, k=k)`.
pub fn random_choices_weighted<T: Clone, W: RandomWeight>(
    population: &[T],
    weights: &[W],
    k: i64,
) -> PyResult<Vec<T>> {
    let w: Vec<f64> = weights.iter().map(|w| w.weight()).collect();
    module_random().choices_weighted(population, &w, k)
}

/// `random.gauss(mu, sigma)`.
pub fn random_gauss(mu: f64, sigma: f64) -> f64 {
    module_random().gauss(mu, sigma)
}

/// A weight of `choices`: an int or a float, summed as a float (CPython sums
/// ints exactly; the same below 2**53).
pub trait RandomWeight {
    fn weight(&self) -> f64;
}

impl RandomWeight for f64 {
    fn weight(&self) -> f64 {
        *self
    }
}

impl RandomWeight for i64 {
    fn weight(&self) -> f64 {
        *self as f64
    }
}

/// A `random.Random` instance: its own generator; clones share one state, as
/// Python's names share one object.
#[derive(Clone)]
pub struct PyRng(Arc<Mutex<PyRandom>>);

/// The generator of a class's field before `__init__` sets it (a compiled class
/// struct is `Default`; every field is set before it is read, E101): seed 0.
impl Default for PyRng {
    fn default() -> PyRng {
        rng_new(0)
    }
}

impl PyRng {
    fn lock(&self) -> MutexGuard<'_, PyRandom> {
        // a panic while drawing cannot leave the state half-written
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// `random.Random(seed)`.
pub fn rng_new(seed: i64) -> PyRng {
    PyRng(Arc::new(Mutex::new(PyRandom::from_seed(seed))))
}

/// `random.Random()`: seeded from the OS's randomness.
pub fn rng_new_os() -> PyRng {
    PyRng(Arc::new(Mutex::new(PyRandom::from_os())))
}

/// `r.seed(n)`.
pub fn rng_seed(r: &PyRng, n: i64) {
    *r.lock() = PyRandom::from_seed(n);
}

/// `r.random()`.
pub fn rng_random(r: &PyRng) -> f64 {
    r.lock().random()
}

/// `r.uniform(a, b)`.
pub fn rng_uniform(r: &PyRng, a: f64, b: f64) -> f64 {
    r.lock().uniform(a, b)
}

/// `r.randint(a, b)`.
pub fn rng_randint(r: &PyRng, a: i64, b: i64) -> PyResult<i64> {
    r.lock().randint(a, b)
}

/// `r.randrange(start, stop)`.
pub fn rng_randrange(r: &PyRng, start: i64, stop: i64) -> PyResult<i64> {
    r.lock().randrange(start, stop)
}

/// `r.randrange(start, stop, step)`.
pub fn rng_randrange3(r: &PyRng, start: i64, stop: i64, step: i64) -> PyResult<i64> {
    r.lock().randrange_step(start, stop, step)
}

/// `r.randrange(stop)`.
pub fn rng_randrange1(r: &PyRng, stop: i64) -> PyResult<i64> {
    r.lock().randrange1(stop)
}

/// `r.choice(seq)`.
pub fn rng_choice<T: Clone>(r: &PyRng, seq: &[T]) -> PyResult<T> {
    r.lock().choice(seq)
}

/// `r.choice(s)` of a str.
pub fn rng_choice_str(r: &PyRng, s: &str) -> PyResult<String> {
    r.lock().choice_str(s)
}

/// `r.shuffle(x)`.
pub fn rng_shuffle<T>(r: &PyRng, x: &mut [T]) {
    r.lock().shuffle(x)
}

/// `r.sample(population, k)`.
pub fn rng_sample<T: Clone>(r: &PyRng, population: &[T], k: i64) -> PyResult<Vec<T>> {
    r.lock().sample(population, k)
}

/// `r.sample(range(start, stop, step), k)`.
pub fn rng_sample_range(r: &PyRng, start: i64, stop: i64, step: i64, k: i64) -> PyResult<Vec<i64>> {
    r.lock().sample_range(start, stop, step, k)
}

/// `r.choices(population, k=k)`.
pub fn rng_choices<T: Clone>(r: &PyRng, population: &[T], k: i64) -> PyResult<Vec<T>> {
    r.lock().choices(population, k)
}

/// `r.choices(population, weights, k=k)`.
pub fn rng_choices_weighted<T: Clone, W: RandomWeight>(
    r: &PyRng,
    population: &[T],
    weights: &[W],
    k: i64,
) -> PyResult<Vec<T>> {
    let w: Vec<f64> = weights.iter().map(|w| w.weight()).collect();
    r.lock().choices_weighted(population, &w, k)
}

/// `r.gauss(mu, sigma)`.
pub fn rng_gauss(r: &PyRng, mu: f64, sigma: f64) -> f64 {
    r.lock().gauss(mu, sigma)
}
