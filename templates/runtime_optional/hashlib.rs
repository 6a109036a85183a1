//! The `hashlib` module's common digests on the RustCrypto crates (`md-5`,
//! `sha1`, `sha2`). A hash object is shared as in Python: `h2 = h` names the same
//! object, so an `update` through either is seen by both; `h.copy()` is a new one.

use super::Bytes;
use sha2::Digest;
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Clone)]
enum State {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

/// A `hashlib` hash object (`_hashlib.HASH`).
#[derive(Clone)]
pub struct Hasher(Rc<RefCell<State>>);

/// A variable declared before its first assignment holds this; it is never read.
impl Default for Hasher {
    fn default() -> Hasher {
        Hasher::md5(&[])
    }
}

impl Hasher {
    fn make(state: State, data: &[u8]) -> Hasher {
        let h = Hasher(Rc::new(RefCell::new(state)));
        h.update(data);
        h
    }

    /// `hashlib.md5(data)`.
    pub fn md5(data: &[u8]) -> Hasher {
        Hasher::make(State::Md5(md5::Md5::new()), data)
    }

    /// `hashlib.sha1(data)`.
    pub fn sha1(data: &[u8]) -> Hasher {
        Hasher::make(State::Sha1(sha1::Sha1::new()), data)
    }

    /// `hashlib.sha224(data)`.
    pub fn sha224(data: &[u8]) -> Hasher {
        Hasher::make(State::Sha224(sha2::Sha224::new()), data)
    }

    /// `hashlib.sha256(data)`.
    pub fn sha256(data: &[u8]) -> Hasher {
        Hasher::make(State::Sha256(sha2::Sha256::new()), data)
    }

    /// `hashlib.sha384(data)`.
    pub fn sha384(data: &[u8]) -> Hasher {
        Hasher::make(State::Sha384(sha2::Sha384::new()), data)
    }

    /// `hashlib.sha512(data)`.
    pub fn sha512(data: &[u8]) -> Hasher {
        Hasher::make(State::Sha512(sha2::Sha512::new()), data)
    }

    /// `h.update(data)`.
    pub fn update(&self, data: &[u8]) {
        match &mut *self.0.borrow_mut() {
            State::Md5(h) => h.update(data),
            State::Sha1(h) => h.update(data),
            State::Sha224(h) => h.update(data),
            State::Sha256(h) => h.update(data),
            State::Sha384(h) => h.update(data),
            State::Sha512(h) => h.update(data),
        }
    }

    /// `h.digest()`: the digest of the data so far (the object can go on).
    pub fn digest(&self) -> Bytes {
        let state = self.0.borrow().clone();
        Bytes(match state {
            State::Md5(h) => h.finalize().to_vec(),
            State::Sha1(h) => h.finalize().to_vec(),
            State::Sha224(h) => h.finalize().to_vec(),
            State::Sha256(h) => h.finalize().to_vec(),
            State::Sha384(h) => h.finalize().to_vec(),
            State::Sha512(h) => h.finalize().to_vec(),
        })
    }

    /// `h.hexdigest()`: the digest in lowercase hex.
    pub fn hexdigest(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        for b in self.digest().iter() {
            let _ = write!(out, "{b:02x}");
        }
        out
    }

    /// `h.copy()`: a new object with the same state.
    pub fn copy(&self) -> Hasher {
        Hasher(Rc::new(RefCell::new(self.0.borrow().clone())))
    }

    /// `h.name`.
    pub fn name(&self) -> String {
        String::from(match &*self.0.borrow() {
            State::Md5(_) => "md5",
            State::Sha1(_) => "sha1",
            State::Sha224(_) => "sha224",
            State::Sha256(_) => "sha256",
            State::Sha384(_) => "sha384",
            State::Sha512(_) => "sha512",
        })
    }

    /// `h.digest_size`, in bytes.
    pub fn digest_size(&self) -> i64 {
        match &*self.0.borrow() {
            State::Md5(_) => 16,
            State::Sha1(_) => 20,
            State::Sha224(_) => 28,
            State::Sha256(_) => 32,
            State::Sha384(_) => 48,
            State::Sha512(_) => 64,
        }
    }

    /// `h.block_size`, in bytes.
    pub fn block_size(&self) -> i64 {
        match &*self.0.borrow() {
            State::Md5(_) | State::Sha1(_) | State::Sha224(_) | State::Sha256(_) => 64,
            State::Sha384(_) | State::Sha512(_) => 128,
        }
    }
}
