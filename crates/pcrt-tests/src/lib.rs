//! Compiles pycomp's runtime template (`templates/runtime/`) as a library so
//! its behaviour is tested like any Rust code, in `tests/`.

#[path = "../../../templates/runtime/mod.rs"]
pub mod pcrt;
