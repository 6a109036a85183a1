//! Compiles pycomp's runtime template (`templates/runtime/`) as a library so
//! its behaviour is tested like any Rust code, in `tests/`.

#[path = "../../../templates/runtime/mod.rs"]
pub mod pcrt;

// The optional runtime modules (`templates/runtime_optional/`), which a
// generated crate carries only when its Python uses tokenizers or
// onnxruntime. In a generated crate they are `pcrt::tok`, `pcrt::onnx` and
// `pcrt::assets` and reach the rest of the runtime through `super::`; here
// they sit at the crate root, where these imports give `super::` the same
// names.
#[cfg(feature = "models")]
#[allow(unused_imports)]
use pcrt::{ExcKind, PyErr, PyResult};
#[cfg(feature = "models")]
#[path = "../../../templates/runtime_optional/assets.rs"]
pub mod assets;
// The numpy runtime (`templates/runtime_optional/nd.rs`), which `pcrt::onnx`
// takes its arrays of a run-time dtype from (`NdAny`); in a generated crate
// onnx always comes with it.
#[cfg(feature = "models")]
#[allow(unused_imports)]
use pcrt::{
    Bytes, Gen, Tuple, abi, array_elements, bool_to_str, cabi, float_repr, float_round,
    format_bool, format_float, format_int, py_sorted_by_key,
};
#[cfg(feature = "models")]
#[path = "../../../templates/runtime_optional/nd.rs"]
pub mod nd;
#[cfg(feature = "models")]
pub use nd::NdAny;
// numpy's OpenBLAS for float matrix products (`templates/runtime_optional/blas.rs`),
// which nd.rs calls as `super::blas_matmul2`; here it loads the library named by
// PYCOMP_BLAS_LIBRARY (a generated crate records numpy's at compile time).
#[cfg(feature = "models")]
#[path = "../../../templates/runtime_optional/blas.rs"]
pub mod blas;
#[cfg(feature = "models")]
pub use blas::{blas_matmul2, blas_norm};
#[cfg(feature = "models")]
pub(crate) const PCRT_BLAS_LIBRARY: &str = "";
#[cfg(feature = "models")]
#[path = "../../../templates/runtime_optional/onnx.rs"]
pub mod onnx;
#[cfg(feature = "models")]
#[path = "../../../templates/runtime_optional/tok.rs"]
pub mod tok;

// numpy's float32 ufunc kernels (templates/runtime_optional/npkern32.rs), which
// a generated crate carries with the numpy runtime; they need nothing else.
#[path = "../../../templates/runtime_optional/npkern32.rs"]
pub mod npkern32;
// nd.rs reaches them through `super::`, as in a generated crate.
#[cfg(feature = "models")]
#[allow(unused_imports)]
use npkern32::*;
// numpy's float64 ufunc kernels (templates/runtime_optional/npkern64.rs),
// which a generated crate carries with the numpy runtime (`nd.rs` calls them
// through `super::`); they need nothing else.
#[path = "../../../templates/runtime_optional/npkern64.rs"]
pub mod npkern64;
#[cfg(feature = "models")]
pub use npkern64::{
    npk64_exp, npk64_expm1, npk64_log, npk64_log1p, npk64_log2, npk64_log10, npk64_tanh,
};

// The `random` module (templates/runtime_optional/random.rs), which a
// generated crate carries when its Python imports random.
#[cfg(not(feature = "models"))]
#[allow(unused_imports)]
use pcrt::{ExcKind, PyErr, PyResult};
#[path = "../../../templates/runtime_optional/random.rs"]
pub mod random;

// The `re` module (templates/runtime_optional/re.rs); it reaches the
// runtime's map type through `super::`, as in a generated crate.
#[allow(unused_imports)]
use pcrt::IndexMap;
#[path = "../../../templates/runtime_optional/re.rs"]
pub mod re;

// The `statistics` module (templates/runtime_optional/statistics.rs), on num-bigint.
#[allow(unused_imports)]
use pcrt::{
    INT_OVERFLOW_MESSAGE, Obj, collect_vec, dict_room, int_truediv, math_fsum, push, py_sorted,
    str_repr,
};
#[path = "../../../templates/runtime_optional/statistics.rs"]
pub mod statistics;

// The `unicodedata` module (templates/runtime_optional/unicodedata.rs).
#[path = "../../../templates/runtime_optional/unicodedata.rs"]
pub mod unicodedata;
