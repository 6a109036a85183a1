//! pcrt: the Python semantics runtime that every generated crate carries.
//!
//! Copied verbatim from pycomp's `templates/runtime/` into each generated
//! crate as `src/pcrt/`; generated code calls into it through the templates
//! of the op library (`opslib/`). Only part of it is used by any one crate.
#![allow(dead_code)]

mod error;
pub use error::*;

// Numbers, text and formatting.
mod ints;
pub use ints::*;
// Both ints and iter define one; the int arithmetic message is the one shared.
pub use ints::INT_OVERFLOW_MESSAGE;
mod floats;
pub use floats::*;
mod fmt;
pub use fmt::*;
mod strs;
pub use strs::*;
mod bytes;
pub use bytes::*;
mod convert;
pub use convert::*;

// Containers, iteration and the builtins over them.
mod seq;
pub use seq::*;
mod tuple;
pub use tuple::*;
mod builtins;
pub use builtins::*;
mod ident_tables;
mod stdmods;
pub use stdmods::*;
mod itertools;
pub use itertools::*;
mod dict;
pub use dict::*;
mod set;
pub use set::*;
mod collections;
pub use collections::*;
mod iter;
pub use iter::*;
mod math;
pub use math::*;
// Dynamic values (`Any`, `object`, unions of distinct types).
mod obj;
pub use obj::*;
// `json.loads` / `json.dumps` (CPython's scanner and encoder).
mod json;
pub use json::*;
// Text files: `open()` in text mode.
mod textfile;
pub use textfile::*;
mod path;
pub use path::*;
// `threading.Lock` / `RLock`: acquired and released by calls.
mod lock;
pub use lock::*;
// `print` through the process's stdout and stderr.
mod print;
pub use print::*;
// Generators: stackless coroutines on `async`, one step per `next`.
mod generator;
pub use generator::*;
// `functools.cache` / `lru_cache`: results by arguments, shared by threads.
mod memo;
pub use memo::*;
// Functions as values (stored, returned): shared `Fn`s callable from any thread.
mod func;
pub use func::*;

// Instances of the module's classes: shared handles.
mod instance;
pub use instance::*;

// The C ABI: the value encoding's bytes (shared with the loader), its
// Rust types, and the entry-point wrapper.
pub mod abi;
pub mod pcv;
// Iterators across the C ABI: opaque handles with next and free.
pub mod iter_abi;
// Typed C entry points: C structs, conversions, the wrapper.
pub mod cabi;

// What the emitter needs beyond the op library: places to assign through,
// propagation into an enclosing `try`.
mod place;
pub use place::*;

// Recursion and allocation limits: never crash or abort the host.
mod limits;
pub use limits::*;
// The global allocator of a bundle's library (the crate's `mimalloc` feature).
#[cfg(feature = "mimalloc")]
pub mod alloc;
