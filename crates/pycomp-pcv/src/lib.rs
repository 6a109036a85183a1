//! PCV, the value encoding of the pycomp bundle ABI (docs/abi.md).
//!
//! The source is `templates/runtime/pcv.rs`, which every generated crate
//! carries as `pcrt::pcv` inside its copy of the runtime (generated crates
//! depend on crates.io crates only). This crate compiles that same file for
//! the Python loader, so the bytes are written and read by one piece of
//! code on both sides of the ABI; `tests/vectors.rs` checks it against the
//! conformance vectors in `tests/data/abi/`.

#[path = "../../../templates/runtime/pcv.rs"]
mod pcv;

pub use pcv::*;
