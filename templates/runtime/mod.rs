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
mod convert;
pub use convert::*;

// Containers, iteration and the builtins over them.
mod seq;
pub use seq::*;
mod dict;
pub use dict::*;
mod set;
pub use set::*;
mod iter;
pub use iter::*;
mod math;
pub use math::*;

// The C ABI: the value encoding's bytes (shared with the loader), its
// Rust types, and the entry-point wrapper.
pub mod abi;
pub mod pcv;
// Typed C entry points: C structs, conversions, the wrapper.
pub mod cabi;

// What the emitter needs beyond the op library: places to assign through,
// propagation into an enclosing `try`.
mod place;
pub use place::*;
