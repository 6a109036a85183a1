//! The `random` module with CPython's exact streams: the Mersenne Twister
//! (MT19937, `rand_mt`) seeded as CPython seeds it (`init_by_array` over the
//! 32-bit words of `abs(seed)`), and CPython 3.11's algorithms on top of it:
//! `random()` from two words, `_randbelow` by rejection on `getrandbits`,
//! `shuffle`, `choice`, `sample` (both of its strategies), `uniform`, `gauss`.
//!
//! Like CPython's module functions, these share one generator per process
//! (behind a lock): `random.seed(42)` in one call fixes what the next draws
//! give. Without a seed the generator starts from the OS's randomness.

use super::{PyErr, PyResult};
use rand_mt::Mt;
use std::sync::{LazyLock, Mutex, MutexGuard};

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

    fn from_os() -> PyRandom {
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

/// `random.uniform(a, b)`: `a + (b - a) * random()`.
pub fn random_uniform(a: f64, b: f64) -> f64 {
    a + (b - a) * module_random().random()
}

/// `random.randint(a, b)`: `randrange(a, b + 1)`.
pub fn random_randint(a: i64, b: i64) -> PyResult<i64> {
    let stop = b
        .checked_add(1)
        .ok_or_else(|| PyErr::overflow("integer overflow: result does not fit in 64 bits"))?;
    module_random().randrange(a, stop)
}

/// `random.randrange(start, stop)`.
pub fn random_randrange(start: i64, stop: i64) -> PyResult<i64> {
    module_random().randrange(start, stop)
}

/// `random.randrange(stop)`.
pub fn random_randrange1(stop: i64) -> PyResult<i64> {
    if stop <= 0 {
        return Err(PyErr::value_error("empty range for randrange()"));
    }
    module_random().randrange(0, stop)
}

/// `random.choice(seq)`.
pub fn random_choice<T: Clone>(seq: &[T]) -> PyResult<T> {
    if seq.is_empty() {
        return Err(PyErr::index_error("Cannot choose from an empty sequence"));
    }
    let i = module_random().randbelow(seq.len() as u64) as usize;
    Ok(seq[i].clone())
}

/// `random.choice(s)` of a str: one character.
pub fn random_choice_str(s: &str) -> PyResult<String> {
    let chars: Vec<String> = s.chars().map(String::from).collect();
    random_choice(&chars)
}

/// `random.shuffle(x)`: Fisher-Yates from the end, as CPython.
pub fn random_shuffle<T>(x: &mut [T]) {
    let mut r = module_random();
    for i in (1..x.len()).rev() {
        let j = r.randbelow(i as u64 + 1) as usize;
        x.swap(i, j);
    }
}

/// `random.sample(population, k)`: CPython's pool method for small
/// populations, its set-of-selected method for large ones, so the picks are
/// the same.
pub fn random_sample<T: Clone>(population: &[T], k: i64) -> PyResult<Vec<T>> {
    let n = population.len();
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
    let mut r = module_random();
    let mut result = Vec::with_capacity(k);
    if n <= setsize {
        let mut pool: Vec<T> = population.to_vec();
        for i in 0..k {
            let j = r.randbelow((n - i) as u64) as usize;
            result.push(pool[j].clone());
            pool[j] = pool[n - i - 1].clone();
        }
    } else {
        let mut selected = std::collections::HashSet::new();
        for _ in 0..k {
            let mut j = r.randbelow(n as u64) as usize;
            while selected.contains(&j) {
                j = r.randbelow(n as u64) as usize;
            }
            selected.insert(j);
            result.push(population[j].clone());
        }
    }
    Ok(result)
}

/// `random.gauss(mu, sigma)`.
pub fn random_gauss(mu: f64, sigma: f64) -> f64 {
    module_random().gauss(mu, sigma)
}
