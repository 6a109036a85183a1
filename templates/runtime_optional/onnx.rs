//! `pcrt::onnx`: `onnxruntime.InferenceSession` over the `ort` crate.
//!
//! Copied into a generated crate as `src/pcrt/onnx.rs` only when the compiled
//! Python uses `import onnxruntime`. The crate then depends on
//! `ort = { version = "=2.0.0-rc.15", default-features = false, features =
//! ["std", "ndarray", "load-dynamic", "api-17"] }` and `ndarray = "0.17"`, and
//! carries `pcrt::assets` too.
//!
//! - ONNX Runtime is loaded at run time (`load-dynamic`) from the library the
//!   bundle carries ([`ort_init`], once per process). A failed load leaves
//!   ort's global slot unusable, so it is never retried: every later call
//!   raises the same error.
//! - [`InferenceSession`] is a shared handle (`Arc`): cloning shares it, as
//!   Python names share one object. It is safe to run from many threads at
//!   once: `ort::Session::run` takes `&mut self`, so a session runs one call at
//!   a time, and the handle keeps a small pool of sessions of the same model
//!   (created on demand, at most [`max_sessions`]: the CPU count, capped at
//!   4) that share one ONNX Runtime thread pool and their pre-packed weights.
//! - Feeds are checked against the model before running, so a wrong input
//!   name, a missing input, a wrong dtype or rank or a wrong fixed dimension
//!   raises a `ValueError` naming what the model expects, e.g.
//!   `model input 'input_ids' expects int64 with shape [batch, sequence], got float32 with 2 dims`.
//!
//! Threads: one ONNX Runtime intra-op pool for the whole process (the
//! environment's global pool) of [`ort_num_threads`] threads
//! (`PYCOMP_NUM_THREADS`, else the number of CPUs), with spinning off, so
//! idle ORT threads do not burn the cores that tokenization (rayon, sized the
//! same way by `pcrt::tok`) or another caller needs; the sessions of a pool
//! all run on it, so concurrent calls share the cores instead of each bringing
//! its own pool. Measured on 2 cores (all-MiniLM-L6-v2 int8, tokenize + run,
//! dynamic padding; median of runs with other builds loading the machine /
//! best on a quiet one):
//!
//! | ORT threads | 1 text, ms | 32 texts, ms | 8 callers × 1 text, texts/s | 8 callers × 8 texts, texts/s |
//! |---|---|---|---|---|
//! | per session, 2 threads, spinning (Python's default), one session | 14.6 / 4.1 | 235 / 89 | 72 / 236 | 125 / 318 |
//! | global pool of 2, no spinning, one session (mutex) | 7.7 / 5.4 | 156 / 80 | 141 / 184 | 214 / 298 |
//! | per session, 1 thread, pool of 2 sessions | 7.4 / 6.0 | 164 / 153 | 122 / 207 | 251 / 402 |
//! | **global pool of 2, no spinning, pool of 2 sessions** (this module) | 7.4 / 5.3 | 143 / 83 | 119 / 214 | 230 / 408 |
//!
//! Spinning buys ~1.5 ms on one text on an idle machine and costs 2-3× as
//! soon as anything else wants the cores; the session pool adds ~25-35% for
//! concurrent batches. `PYCOMP_ORT_SESSIONS` caps the pool (1 = a mutex).

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, OnceLock};

use ndarray::{ArrayD, ArrayViewD, CowArray, IxDyn};
use ort::environment::{Environment, GlobalThreadPoolOptions};
use ort::logging::LogLevel;
use ort::session::builder::SessionBuilder;
use ort::session::{OutputSelector, RunOptions, Session as OrtSession, SessionInputValue};
use ort::value::{
    DynTensor, DynTensorValueType, DynValue, Tensor, TensorElementType, TensorRef, ValueType,
};

use super::{ExcKind, NdAny, PyErr, PyResult};

// ---------------------------------------------------------------------------
// Arrays in and out
// ---------------------------------------------------------------------------

/// A slot of the list `session.run` returns: the output array (`super::NdAny`,
/// the arrays whose dtype is known at run time only), or `None` once `nd_take_*`
/// moved it out. Compiled code takes an output only at its last use, so reading
/// an empty slot again is a pycomp bug (a `SystemError`).
pub type NdOutput = Option<NdAny>;

/// A borrowed array to feed a model (what `session.run`'s feed dict holds).
/// Built with `From` from `&ArrayD<T>` / `&Array2<T>` (any rank) / `&NdAny`:
/// the model reads the caller's memory, no copy when it is C-contiguous.
#[derive(Clone, Debug)]
pub enum NdRef<'a> {
    F32(ArrayViewD<'a, f32>),
    F64(ArrayViewD<'a, f64>),
    I64(ArrayViewD<'a, i64>),
    I32(ArrayViewD<'a, i32>),
    Bool(ArrayViewD<'a, bool>),
    I8(ArrayViewD<'a, i8>),
    U8(ArrayViewD<'a, u8>),
    I16(ArrayViewD<'a, i16>),
    U16(ArrayViewD<'a, u16>),
    U32(ArrayViewD<'a, u32>),
    /// A float16 array: ORT's float16 tensor takes its bits ([`NdRef::to_ort`]).
    F16(ArrayViewD<'a, super::nd::f16>),
}

/// The element types of [`NdAny`] and [`NdRef`].
pub trait NdElem: Clone + Sized + 'static {
    /// The numpy dtype name (`float32`, `int64`, ...).
    const DTYPE: &'static str;
    fn wrap_view(a: ArrayViewD<'_, Self>) -> NdRef<'_>;
    /// The array when `v` holds this dtype, else `v` back.
    fn unwrap(v: NdAny) -> Result<ArrayD<Self>, NdAny>;
    fn unwrap_ref(v: &NdAny) -> Option<&ArrayD<Self>>;
}

macro_rules! nd_elem {
    ($t:ty, $variant:ident, $ref_variant:ident, $name:literal) => {
        impl NdElem for $t {
            const DTYPE: &'static str = $name;
            fn wrap_view(a: ArrayViewD<'_, Self>) -> NdRef<'_> {
                NdRef::$ref_variant(a)
            }
            fn unwrap(v: NdAny) -> Result<ArrayD<Self>, NdAny> {
                match v {
                    NdAny::$variant(a) => Ok(a),
                    other => Err(other),
                }
            }
            fn unwrap_ref(v: &NdAny) -> Option<&ArrayD<Self>> {
                match v {
                    NdAny::$variant(a) => Some(a),
                    _ => None,
                }
            }
        }
        impl<'a, D: ndarray::Dimension> From<&'a ndarray::Array<$t, D>> for NdRef<'a> {
            fn from(a: &'a ndarray::Array<$t, D>) -> NdRef<'a> {
                NdRef::$ref_variant(a.view().into_dyn())
            }
        }
        impl<'a, D: ndarray::Dimension> From<ndarray::ArrayView<'a, $t, D>> for NdRef<'a> {
            fn from(a: ndarray::ArrayView<'a, $t, D>) -> NdRef<'a> {
                NdRef::$ref_variant(a.into_dyn())
            }
        }
    };
}

nd_elem!(f32, Float32, F32, "float32");
nd_elem!(f64, Float64, F64, "float64");
nd_elem!(i64, Int64, I64, "int64");
nd_elem!(i32, Int32, I32, "int32");
nd_elem!(bool, Bool, Bool, "bool");
nd_elem!(i8, Int8, I8, "int8");
nd_elem!(u8, UInt8, U8, "uint8");
nd_elem!(i16, Int16, I16, "int16");
nd_elem!(u16, UInt16, U16, "uint16");
nd_elem!(u32, UInt32, U32, "uint32");
nd_elem!(super::nd::f16, Float16, F16, "float16");

impl<'a> From<&'a NdAny> for NdRef<'a> {
    fn from(v: &'a NdAny) -> NdRef<'a> {
        match v {
            NdAny::Float32(a) => NdRef::F32(a.view()),
            NdAny::Float64(a) => NdRef::F64(a.view()),
            NdAny::Int64(a) => NdRef::I64(a.view()),
            NdAny::Int32(a) => NdRef::I32(a.view()),
            NdAny::Bool(a) => NdRef::Bool(a.view()),
            NdAny::Int8(a) => NdRef::I8(a.view()),
            NdAny::UInt8(a) => NdRef::U8(a.view()),
            NdAny::Int16(a) => NdRef::I16(a.view()),
            NdAny::UInt16(a) => NdRef::U16(a.view()),
            NdAny::UInt32(a) => NdRef::U32(a.view()),
            NdAny::Float16(a) => NdRef::F16(a.view()),
        }
    }
}

impl NdRef<'_> {
    fn dtype(&self) -> TensorElementType {
        match self {
            NdRef::F32(_) => TensorElementType::Float32,
            NdRef::F64(_) => TensorElementType::Float64,
            NdRef::I64(_) => TensorElementType::Int64,
            NdRef::I32(_) => TensorElementType::Int32,
            NdRef::Bool(_) => TensorElementType::Bool,
            NdRef::I8(_) => TensorElementType::Int8,
            NdRef::U8(_) => TensorElementType::Uint8,
            NdRef::I16(_) => TensorElementType::Int16,
            NdRef::U16(_) => TensorElementType::Uint16,
            NdRef::U32(_) => TensorElementType::Uint32,
            NdRef::F16(_) => TensorElementType::Float16,
        }
    }

    fn shape(&self) -> &[usize] {
        match self {
            NdRef::F32(a) => a.shape(),
            NdRef::F64(a) => a.shape(),
            NdRef::I64(a) => a.shape(),
            NdRef::I32(a) => a.shape(),
            NdRef::Bool(a) => a.shape(),
            NdRef::I8(a) => a.shape(),
            NdRef::U8(a) => a.shape(),
            NdRef::I16(a) => a.shape(),
            NdRef::U16(a) => a.shape(),
            NdRef::U32(a) => a.shape(),
            NdRef::F16(a) => a.shape(),
        }
    }

    /// An ORT value over the array: a view of its memory when C-contiguous,
    /// else a contiguous copy.
    fn to_ort(&self) -> ort::Result<SessionInputValue<'_>> {
        fn one<
            'v,
            T: ort::value::PrimitiveTensorElementType + std::fmt::Debug + Clone + 'static,
        >(
            a: &'v ArrayViewD<'_, T>,
        ) -> ort::Result<SessionInputValue<'v>> {
            if a.is_standard_layout() {
                Ok(TensorRef::from_array_view(a.view())?.into())
            } else {
                let owned: CowArray<'_, T, IxDyn> = a.as_standard_layout();
                Ok(Tensor::from_array(owned.into_owned())?.into())
            }
        }
        match self {
            NdRef::F32(a) => one(a),
            NdRef::F64(a) => one(a),
            NdRef::I64(a) => one(a),
            NdRef::I32(a) => one(a),
            NdRef::Bool(a) => one(a),
            NdRef::I8(a) => one(a),
            NdRef::U8(a) => one(a),
            NdRef::I16(a) => one(a),
            NdRef::U16(a) => one(a),
            NdRef::U32(a) => one(a),
            NdRef::F16(a) => {
                // ort's typed tensors need the `half` crate's f16: a float16 tensor of
                // the shape, filled with the bits in C order
                let bits: Vec<u16> = a.iter().map(|x| x.0).collect();
                let mut t = DynTensor::new(
                    &ort::memory::Allocator::default(),
                    TensorElementType::Float16,
                    a.shape().to_vec(),
                )?;
                // SAFETY: the tensor owns CPU memory for `bits.len()` float16 items
                unsafe {
                    std::ptr::copy_nonoverlapping(
                        bits.as_ptr(),
                        t.data_ptr_mut().cast::<u16>(),
                        bits.len(),
                    )
                };
                Ok(t.into())
            }
        }
    }
}

/// Python's index into a list of `len` items (negative from the end).
fn list_index(i: i64, len: usize) -> PyResult<usize> {
    let n = len as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(PyErr::index_error("list index out of range"));
    }
    Ok(j as usize)
}

fn taken_error(i: usize) -> PyErr {
    PyErr::new(
        ExcKind::SystemError,
        format!("model output {i} was read after it was moved out (a pycomp bug)"),
    )
}

fn dtype_error<T: NdElem>(i: usize, got: &NdAny) -> PyErr {
    PyErr::type_error(format!(
        "model output {i} is a {} array, not {} as the compiled code expects",
        got.dtype_name(),
        T::DTYPE
    ))
}

/// The list `session.run` returns, as `outputs[i]` reads it: through `&mut`
/// the array is moved out (for its last use; the slot becomes `None`), through
/// `&` it is copied and the list keeps it.
pub trait NdOutputs {
    fn nd_at<T: NdElem>(self, i: i64) -> PyResult<ArrayD<T>>;
}

impl NdOutputs for &mut [NdOutput] {
    fn nd_at<T: NdElem>(self, i: i64) -> PyResult<ArrayD<T>> {
        let j = list_index(i, self.len())?;
        match T::unwrap(self[j].take().ok_or_else(|| taken_error(j))?) {
            Ok(a) => Ok(a),
            Err(other) => {
                let err = dtype_error::<T>(j, &other);
                self[j] = Some(other);
                Err(err)
            }
        }
    }
}

impl NdOutputs for &mut Vec<NdOutput> {
    fn nd_at<T: NdElem>(self, i: i64) -> PyResult<ArrayD<T>> {
        self.as_mut_slice().nd_at(i)
    }
}

impl NdOutputs for &[NdOutput] {
    fn nd_at<T: NdElem>(self, i: i64) -> PyResult<ArrayD<T>> {
        let j = list_index(i, self.len())?;
        let v = self[j].as_ref().ok_or_else(|| taken_error(j))?;
        match T::unwrap_ref(v) {
            Some(a) => Ok(a.clone()),
            None => Err(dtype_error::<T>(j, v)),
        }
    }
}

impl NdOutputs for &Vec<NdOutput> {
    fn nd_at<T: NdElem>(self, i: i64) -> PyResult<ArrayD<T>> {
        self.as_slice().nd_at(i)
    }
}

/// `outputs[i]` as an array of dtype `T`: moved out through `&mut outputs`,
/// copied through `&outputs` (see [`NdOutputs`]). Negative `i` counts from
/// the end; out of range raises `IndexError("list index out of range")`; an
/// output of another dtype raises `TypeError` (the compiler types outputs
/// from the model, so that is a mismatch between model and compile time).
pub fn nd_take<T: NdElem>(outputs: impl NdOutputs, i: i64) -> PyResult<ArrayD<T>> {
    outputs.nd_at(i)
}

/// `outputs[i]`, copied (the list keeps it): [`nd_take`] through `&`.
pub fn nd_get<T: NdElem>(outputs: &[NdOutput], i: i64) -> PyResult<ArrayD<T>> {
    outputs.nd_at(i)
}

macro_rules! nd_access {
    ($take:ident, $get:ident, $t:ty) => {
        #[doc = concat!("[`nd_take`] for `", stringify!($t), "`: `&mut outputs` moves, `&outputs` copies.")]
        pub fn $take(outputs: impl NdOutputs, i: i64) -> PyResult<ArrayD<$t>> {
            outputs.nd_at::<$t>(i)
        }
        #[doc = concat!("[`nd_get`] for `", stringify!($t), "`.")]
        pub fn $get(outputs: &[NdOutput], i: i64) -> PyResult<ArrayD<$t>> {
            outputs.nd_at::<$t>(i)
        }
    };
}

nd_access!(nd_take_f32, nd_get_f32, f32);
nd_access!(nd_take_f64, nd_get_f64, f64);
nd_access!(nd_take_i64, nd_get_i64, i64);
nd_access!(nd_take_i32, nd_get_i32, i32);
nd_access!(nd_take_bool, nd_get_bool, bool);
nd_access!(nd_take_i8, nd_get_i8, i8);
nd_access!(nd_take_u8, nd_get_u8, u8);
nd_access!(nd_take_i16, nd_get_i16, i16);
nd_access!(nd_take_u16, nd_get_u16, u16);
nd_access!(nd_take_u32, nd_get_u32, u32);
nd_access!(nd_take_f16, nd_get_f16, super::nd::f16);

/// `**past` in a run's inputs: the dict's arrays under its names, borrowed
/// (the names are checked against the model by `session_run`).
pub fn feeds_of<T: NdElem>(d: &super::IndexMap<String, ArrayD<T>>) -> Vec<(&str, NdRef<'_>)> {
    d.iter()
        .map(|(k, v)| (k.as_str(), T::wrap_view(v.view())))
        .collect()
}

/// The inputs of a display with `**` items (`{"input_ids": ids, **past}`):
/// the pieces in order, a name given again replacing the earlier value where
/// it stood, as in a dict.
pub fn feeds_merge<'a>(pieces: Vec<Vec<(&'a str, NdRef<'a>)>>) -> Vec<(&'a str, NdRef<'a>)> {
    let mut out: Vec<(&'a str, NdRef<'a>)> = Vec::new();
    for (name, value) in pieces.into_iter().flatten() {
        match out.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => out.push((name, value)),
        }
    }
    out
}

/// A value `session.run` can feed: [`NdAny`] (owned), [`NdRef`] (borrowed),
/// or a reference to either.
pub trait Feed {
    fn feed(&self) -> NdRef<'_>;
}

impl Feed for NdAny {
    fn feed(&self) -> NdRef<'_> {
        NdRef::from(self)
    }
}

impl Feed for NdRef<'_> {
    fn feed(&self) -> NdRef<'_> {
        match self {
            NdRef::F32(a) => NdRef::F32(a.view()),
            NdRef::F64(a) => NdRef::F64(a.view()),
            NdRef::I64(a) => NdRef::I64(a.view()),
            NdRef::I32(a) => NdRef::I32(a.view()),
            NdRef::Bool(a) => NdRef::Bool(a.view()),
            NdRef::I8(a) => NdRef::I8(a.view()),
            NdRef::U8(a) => NdRef::U8(a.view()),
            NdRef::I16(a) => NdRef::I16(a.view()),
            NdRef::U16(a) => NdRef::U16(a.view()),
            NdRef::U32(a) => NdRef::U32(a.view()),
            NdRef::F16(a) => NdRef::F16(a.view()),
        }
    }
}

impl<F: Feed + ?Sized> Feed for &F {
    fn feed(&self) -> NdRef<'_> {
        (**self).feed()
    }
}

// ---------------------------------------------------------------------------
// The runtime: loading ONNX Runtime once per process
// ---------------------------------------------------------------------------

static ENV: OnceLock<Result<Environment, PyErr>> = OnceLock::new();

/// The number of ONNX Runtime intra-op threads: `PYCOMP_NUM_THREADS`, else
/// the number of CPUs (read once per process).
/// Whether sessions use ONNX Runtime's CPU memory arena and memory patterns
/// (`PYCOMP_ORT_ARENA=1`, Python's default) or plain allocations (the default
/// here: see bench/embed for the trade-off).
pub fn ort_arena() -> bool {
    std::env::var("PYCOMP_ORT_ARENA").is_ok_and(|v| v.trim() == "1")
}

/// Whether ONNX Runtime's worker threads spin while waiting for work:
/// `PYCOMP_ORT_SPIN=1` (lower latency on an idle machine) or `0` (the default:
/// spinning threads cost 2-3x as soon as anything else wants the cores).
pub fn ort_spin() -> bool {
    std::env::var("PYCOMP_ORT_SPIN").is_ok_and(|v| v.trim() == "1")
}

/// How much ONNX Runtime logs to stderr: `PYCOMP_ORT_LOG` = `verbose`,
/// `info`, `warning`, `error` or `fatal` (the default). Its errors reach the
/// caller as exceptions anyway; a library should not also print them.
pub fn ort_log_level() -> LogLevel {
    match std::env::var("PYCOMP_ORT_LOG").as_deref().map(str::trim) {
        Ok("verbose") => LogLevel::Verbose,
        Ok("info") => LogLevel::Info,
        Ok("warning") => LogLevel::Warning,
        Ok("error") => LogLevel::Error,
        _ => LogLevel::Fatal,
    }
}

pub fn ort_num_threads() -> usize {
    static N: OnceLock<usize> = OnceLock::new();
    *N.get_or_init(|| {
        std::env::var("PYCOMP_NUM_THREADS")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|&n| n > 0)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
    })
}

/// The most sessions one [`InferenceSession`] keeps for concurrent calls:
/// `PYCOMP_ORT_SESSIONS`, else [`ort_num_threads`] capped at 4 (read once per
/// process). Each extra session holds its own copy of the model's weights
/// (pre-packed ones are shared) and is created only when that many calls
/// run at once; they all share the one ORT thread pool, so beyond a few the
/// gain is small and the memory is not.
pub fn max_sessions() -> usize {
    static N: OnceLock<usize> = OnceLock::new();
    *N.get_or_init(|| {
        std::env::var("PYCOMP_ORT_SESSIONS")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|&n| n > 0)
            .unwrap_or_else(|| ort_num_threads().min(4))
    })
}

/// Loads ONNX Runtime from `library` and creates the process's environment.
/// The first call decides, success or failure; later calls (with any path)
/// return the same outcome. Call it before creating sessions (the generated
/// initialiser of a session does, with `pcrt::assets::ort_library_path`).
pub fn ort_init(library: &Path) -> PyResult<()> {
    env_from(Some(library)).map(|_| ())
}

/// Whether ONNX Runtime was loaded successfully in this process.
pub fn ort_ready() -> bool {
    matches!(ENV.get(), Some(Ok(_)))
}

fn env_from(library: Option<&Path>) -> PyResult<&'static Environment> {
    let result = ENV.get_or_init(|| match library {
        Some(lib) => init_env(lib),
        None => match std::env::var_os("ORT_DYLIB_PATH").filter(|p| !p.is_empty()) {
            Some(p) => init_env(Path::new(&p)),
            None => Err(PyErr::new(
                ExcKind::RuntimeError,
                "ONNX Runtime is not loaded: pcrt::onnx::ort_init(<path of libonnxruntime>) was not called \
                 before creating a session, and ORT_DYLIB_PATH is not set",
            )),
        },
    });
    result.as_ref().map_err(Clone::clone)
}

fn init_env(library: &Path) -> Result<Environment, PyErr> {
    let fatal = |detail: String| {
        PyErr::new(
            ExcKind::RuntimeError,
            format!(
                "cannot load ONNX Runtime from '{}': {detail} (ONNX Runtime stays unavailable in this process)",
                library.display()
            ),
        )
    };
    let abs: PathBuf = if library.is_absolute() {
        library.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(library))
            .unwrap_or_else(|_| library.to_path_buf())
    };
    if !abs.is_file() {
        return Err(fatal(
            "no such file (a bundle carries its own ONNX Runtime library beside its \
             library and uses no other: copy the whole bundle directory, or name another \
             library with PYCOMP_ORT_LIBRARY)"
                .to_string(),
        ));
    }
    let loaded = std::panic::catch_unwind(|| ort::init_from(&abs));
    let builder = match loaded {
        Ok(Ok(b)) => b,
        Ok(Err(e)) => {
            let msg = e.to_string();
            let hint = if msg.contains("expected version") {
                format!(
                    " (this build needs ONNX Runtime 1.{} or newer; the onnxruntime Python wheel 1.31 ships one)",
                    ort::MINOR_VERSION
                )
            } else {
                String::new()
            };
            return Err(fatal(format!("{msg}{hint}")));
        }
        Err(_) => return Err(fatal("the loader panicked".to_string())),
    };
    let threads = GlobalThreadPoolOptions::default()
        .with_intra_threads(ort_num_threads())
        .and_then(|o| o.with_inter_threads(1))
        .and_then(|o| o.with_spin_control(ort_spin()))
        .map_err(|e| fatal(e.to_string()))?;
    let env = builder
        .with_name("pycomp")
        .with_telemetry(false)
        .with_global_thread_pool(threads)
        .build()
        .map_err(|e| fatal(format!("cannot create the ONNX Runtime environment: {e}")))?;
    env.set_log_level(ort_log_level());
    Ok(env)
}

// ---------------------------------------------------------------------------
// Model signatures
// ---------------------------------------------------------------------------

/// One dimension of a model input or output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeDim {
    Fixed(i64),
    /// A symbolic dimension (`batch`, `sequence`).
    Named(String),
    /// A dynamic dimension without a name (`-1`).
    Dynamic,
}

impl std::fmt::Display for NodeDim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NodeDim::Fixed(n) => write!(f, "{n}"),
            NodeDim::Named(s) => f.write_str(s),
            NodeDim::Dynamic => f.write_str("-1"),
        }
    }
}

/// `onnxruntime.NodeArg`: a model input or output.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeArg {
    pub name: String,
    /// The tensor element type; `None` for non-tensor values (sequences, maps).
    pub elem: Option<TensorElementType>,
    /// Python's `NodeArg.type`: `tensor(int64)`, `tensor(float)`, `seq(...)`.
    pub type_str: String,
    /// `None` for non-tensor values.
    pub dims: Option<Vec<NodeDim>>,
}

impl NodeArg {
    fn from_outlet(o: &ort::value::Outlet) -> NodeArg {
        let name = o.name().to_string();
        match o.dtype() {
            ValueType::Tensor {
                ty,
                shape,
                dimension_symbols,
            } => {
                let dims = shape
                    .iter()
                    .enumerate()
                    .map(|(i, &d)| {
                        if d >= 0 {
                            NodeDim::Fixed(d)
                        } else {
                            match dimension_symbols.get(i) {
                                Some(s) if !s.is_empty() => NodeDim::Named(s.clone()),
                                _ => NodeDim::Dynamic,
                            }
                        }
                    })
                    .collect();
                NodeArg {
                    name,
                    elem: Some(*ty),
                    type_str: format!("tensor({})", onnx_type_name(*ty)),
                    dims: Some(dims),
                }
            }
            other => NodeArg {
                name,
                elem: None,
                type_str: format!("{other}"),
                dims: None,
            },
        }
    }

    /// `int64 with shape [batch, sequence]`, as error messages show it.
    pub fn describe(&self) -> String {
        match (&self.elem, &self.dims) {
            (Some(t), Some(dims)) => {
                format!("{} with shape {}", onnx_dtype_name(*t), shape_text(dims))
            }
            _ => self.type_str.clone(),
        }
    }
}

fn shape_text(dims: &[NodeDim]) -> String {
    let parts: Vec<String> = dims.iter().map(|d| d.to_string()).collect();
    format!("[{}]", parts.join(", "))
}

/// The numpy name of an element type.
pub fn onnx_dtype_name(t: TensorElementType) -> &'static str {
    use TensorElementType::*;
    match t {
        Float32 => "float32",
        Float64 => "float64",
        Int64 => "int64",
        Int32 => "int32",
        Int16 => "int16",
        Int8 => "int8",
        Uint64 => "uint64",
        Uint32 => "uint32",
        Uint16 => "uint16",
        Uint8 => "uint8",
        Bool => "bool",
        Float16 => "float16",
        Bfloat16 => "bfloat16",
        String => "str",
        Complex64 => "complex64",
        Complex128 => "complex128",
        _ => "an unsupported element type",
    }
}

/// The ONNX name of an element type, as `NodeArg.type` shows it (`tensor(float)`).
fn onnx_type_name(t: TensorElementType) -> &'static str {
    use TensorElementType::*;
    match t {
        Float32 => "float",
        Float64 => "double",
        Int64 => "int64",
        Int32 => "int32",
        Int16 => "int16",
        Int8 => "int8",
        Uint64 => "uint64",
        Uint32 => "uint32",
        Uint16 => "uint16",
        Uint8 => "uint8",
        Bool => "bool",
        Float16 => "float16",
        Bfloat16 => "bfloat16",
        String => "string",
        Complex64 => "complex64",
        Complex128 => "complex128",
        _ => "unsupported",
    }
}

// ---------------------------------------------------------------------------
// Sessions
// ---------------------------------------------------------------------------

/// Where the sessions of a pool come from.
enum ModelSource {
    File(PathBuf),
    Memory(&'static [u8]),
}

struct Pool {
    idle: Vec<OrtSession>,
    /// Sessions alive: idle plus running.
    total: usize,
}

/// The settings of an `onnxruntime.SessionOptions` given as `sess_options`
/// (folded into the session call at compile time; `Default` is Python's
/// `SessionOptions()`). The graph optimization level, the execution mode and
/// deterministic compute are applied to every session of the pool: they decide
/// what the model computes. The thread counts, the memory arena and pattern
/// settings and the log level only decide how: sessions run on the process's
/// shared ONNX Runtime pool and memory settings (module documentation), so
/// those are not applied, as documented in docs/language.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionSettings {
    pub intra_op_num_threads: i64,
    pub inter_op_num_threads: i64,
    /// `GraphOptimizationLevel`: 0, 1, 2, 3 or 99 (`ORT_ENABLE_ALL`).
    pub graph_optimization_level: i64,
    /// `ExecutionMode`: 0 sequential, 1 parallel.
    pub execution_mode: i64,
    pub enable_cpu_mem_arena: bool,
    pub enable_mem_pattern: bool,
    pub enable_mem_reuse: bool,
    pub use_deterministic_compute: bool,
    pub log_severity_level: i64,
}

impl Default for SessionSettings {
    fn default() -> SessionSettings {
        SessionSettings {
            intra_op_num_threads: 0,
            inter_op_num_threads: 0,
            graph_optimization_level: 99,
            execution_mode: 0,
            enable_cpu_mem_arena: true,
            enable_mem_pattern: true,
            enable_mem_reuse: true,
            use_deterministic_compute: false,
            log_severity_level: 2,
        }
    }
}

impl SessionSettings {
    fn optimization_level(&self) -> ort::session::builder::GraphOptimizationLevel {
        use ort::session::builder::GraphOptimizationLevel as L;
        match self.graph_optimization_level {
            0 => L::Disable,
            1 => L::Level1,
            2 => L::Level2,
            3 => L::Level3,
            _ => L::All,
        }
    }
}

struct SessionInner {
    /// The model, as errors name it: its path, or the embedded asset's name.
    name: String,
    source: ModelSource,
    settings: SessionSettings,
    inputs: Vec<NodeArg>,
    outputs: Vec<NodeArg>,
    pool: Mutex<Pool>,
    returned: Condvar,
    max: usize,
    /// None only in the placeholder of [`InferenceSession::default`].
    prepacked: Option<ort::session::builder::PrepackedWeights>,
}

/// An `onnxruntime.InferenceSession`: a shared handle, safe to run from many
/// threads at once (see the module documentation).
#[derive(Clone)]
pub struct InferenceSession {
    inner: Arc<SessionInner>,
}

/// The session of a class's field before `__init__` sets it (a compiled class
/// struct is `Default`; every field is set before it is read, E101): a handle
/// without a model, loading nothing (no ONNX Runtime call), never run.
impl Default for InferenceSession {
    fn default() -> InferenceSession {
        InferenceSession {
            inner: Arc::new(SessionInner {
                name: String::new(),
                source: ModelSource::Memory(&[]),
                settings: SessionSettings::default(),
                inputs: Vec::new(),
                outputs: Vec::new(),
                pool: Mutex::new(Pool {
                    idle: Vec::new(),
                    total: 0,
                }),
                returned: Condvar::new(),
                max: 1,
                prepacked: None,
            }),
        }
    }
}

/// The name the compiler's type table uses for `InferenceSession`.
pub type Session = InferenceSession;

impl std::fmt::Debug for InferenceSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "InferenceSession({:?})", self.inner.name)
    }
}

/// An ort error as Python's onnxruntime shows it: `[ONNXRuntimeError] : 2 : INVALID_ARGUMENT : ...`.
fn ort_message<R>(e: &ort::Error<R>) -> String {
    use ort::ErrorCode::*;
    let (n, code) = match e.code() {
        Ok => (0, "OK"),
        GenericFailure => (1, "FAIL"),
        InvalidArgument => (2, "INVALID_ARGUMENT"),
        NoSuchFile => (3, "NO_SUCHFILE"),
        NoModel => (4, "NO_MODEL"),
        EngineError => (5, "ENGINE_ERROR"),
        RuntimeException => (6, "RUNTIME_EXCEPTION"),
        InvalidProtobuf => (7, "INVALID_PROTOBUF"),
        ModelLoaded => (8, "MODEL_LOADED"),
        NotImplemented => (9, "NOT_IMPLEMENTED"),
        InvalidGraph => (10, "INVALID_GRAPH"),
        ExecutionProviderFailure => (11, "EP_FAIL"),
        _ => (1, "FAIL"),
    };
    format!("[ONNXRuntimeError] : {n} : {code} : {}", e.message())
}

fn builder(env: &Environment) -> ort::Result<SessionBuilder> {
    OrtSession::builder(env)
}

fn warn_providers(providers: &[String]) {
    for p in providers {
        if p != "CPUExecutionProvider" {
            eprintln!(
                "pycomp: execution provider '{p}' is not available in this build; falling back to CPUExecutionProvider"
            );
        }
    }
}

impl SessionInner {
    fn create(&self, env: &Environment) -> PyResult<OrtSession> {
        let load = |b: SessionBuilder| -> ort::Result<OrtSession> {
            // No CPU memory arena and no memory patterns: ONNX Runtime then
            // frees what a run allocated instead of keeping the high-water mark,
            // which halves peak memory for batched text models at no
            // measurable cost in throughput (bench/embed).
            let b = match &self.prepacked {
                Some(weights) => b
                    .with_prepacked_weights(weights)
                    .map_err(ort::Error::<()>::from)?,
                None => b,
            };
            let mut b = b
                .with_execution_providers([ort::ep::CPU::default()
                    .with_arena_allocator(ort_arena())
                    .build()])
                .map_err(ort::Error::<()>::from)?
                .with_memory_pattern(ort_arena())
                .map_err(ort::Error::<()>::from)?
                .with_optimization_level(self.settings.optimization_level())
                .map_err(ort::Error::<()>::from)?
                .with_parallel_execution(self.settings.execution_mode == 1)
                .map_err(ort::Error::<()>::from)?;
            if self.settings.use_deterministic_compute {
                b = b
                    .with_deterministic_compute(true)
                    .map_err(ort::Error::<()>::from)?;
            }
            match &self.source {
                ModelSource::File(p) => b.commit_from_file(p),
                ModelSource::Memory(bytes) => b.commit_from_memory(bytes),
            }
        };
        builder(env).and_then(load).map_err(|e| {
            PyErr::new(
                ExcKind::Exception,
                format!("InferenceSession('{}'): {}", self.name, ort_message(&e)),
            )
        })
    }

    /// A session for one run: an idle one, a new one while fewer than `max`
    /// exist, else the next one returned.
    fn acquire(&self) -> PyResult<OrtSession> {
        let mut pool = self.pool.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(s) = pool.idle.pop() {
                return Ok(s);
            }
            if pool.total < self.max {
                pool.total += 1;
                drop(pool);
                let env = env_from(None)?;
                match self.create(env) {
                    Ok(s) => return Ok(s),
                    Err(e) => {
                        pool = self.pool.lock().unwrap_or_else(|e| e.into_inner());
                        pool.total -= 1;
                        if pool.total == 0 {
                            return Err(e);
                        }
                        // Another session exists: wait for it rather than fail.
                        continue;
                    }
                }
            }
            pool = self.returned.wait(pool).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn release(&self, s: OrtSession) {
        let mut pool = self.pool.lock().unwrap_or_else(|e| e.into_inner());
        pool.idle.push(s);
        drop(pool);
        self.returned.notify_one();
    }

    fn expects(&self) -> String {
        let parts: Vec<String> = self
            .inputs
            .iter()
            .map(|i| format!("'{}' ({})", i.name, i.describe()))
            .collect();
        parts.join(", ")
    }
}

/// Returns a session to its pool when the run ends, even by panic.
struct Lease<'a> {
    inner: &'a SessionInner,
    session: Option<OrtSession>,
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let Some(s) = self.session.take() {
            self.inner.release(s);
        }
    }
}

fn new_session(
    name: String,
    source: ModelSource,
    providers: &[String],
    settings: SessionSettings,
) -> PyResult<InferenceSession> {
    let env = env_from(None)?;
    warn_providers(providers);
    let prepacked = ort::session::builder::PrepackedWeights::new();
    let mut inner = SessionInner {
        name,
        source,
        settings,
        inputs: Vec::new(),
        outputs: Vec::new(),
        pool: Mutex::new(Pool {
            idle: Vec::new(),
            total: 1,
        }),
        returned: Condvar::new(),
        max: max_sessions(),
        prepacked: Some(prepacked),
    };
    // The first session is created now: loading errors surface at
    // construction, as in Python, and it gives the model's signature.
    let first = inner.create(env)?;
    inner.inputs = first.inputs().iter().map(NodeArg::from_outlet).collect();
    inner.outputs = first.outputs().iter().map(NodeArg::from_outlet).collect();
    inner
        .pool
        .get_mut()
        .unwrap_or_else(|e| e.into_inner())
        .idle
        .push(first);
    Ok(InferenceSession {
        inner: Arc::new(inner),
    })
}

/// `ort.InferenceSession(path, providers=providers)`. The execution providers
/// other than `CPUExecutionProvider` are not in this build: like Python when a
/// provider is unavailable, it warns (on stderr) and runs on the CPU. A
/// missing or invalid model raises `Exception` with ONNX Runtime's message,
/// naming the file. Needs [`ort_init`] first (or `ORT_DYLIB_PATH`).
pub fn session_from_file(path: &Path, providers: &[String]) -> PyResult<InferenceSession> {
    session_with_settings(path, providers, SessionSettings::default())
}

/// [`session_from_file`] with the settings of a `SessionOptions`.
pub fn session_with_settings(
    path: &Path,
    providers: &[String],
    settings: SessionSettings,
) -> PyResult<InferenceSession> {
    new_session(
        path.display().to_string(),
        ModelSource::File(path.to_path_buf()),
        providers,
        settings,
    )
}

/// `ort.InferenceSession(path, providers=providers)` as compiled code
/// creates it: loads ONNX Runtime first if this process has not
/// ([`ort_init`] with `pcrt::assets::ort_library_path(ort_library)`, where
/// `ort_library` is the path recorded at compile time), then
/// [`session_from_file`].
pub fn session_new(
    path: &Path,
    providers: Option<Vec<String>>,
    settings: SessionSettings,
    ort_library: &str,
) -> PyResult<InferenceSession> {
    if ENV.get().is_none() {
        ort_init(&super::assets::ort_library_path(ort_library))?;
    }
    session_with_settings(path, providers.as_deref().unwrap_or(&[]), settings)
}

/// A session over a model embedded in the library (`include_bytes!`); `name`
/// names it in errors.
pub fn session_from_memory(
    bytes: &'static [u8],
    name: &str,
    providers: &[String],
) -> PyResult<InferenceSession> {
    new_session(
        format!("{name} (embedded)"),
        ModelSource::Memory(bytes),
        providers,
        SessionSettings::default(),
    )
}

/// A session over an asset found by `pcrt::assets::embedded_or_path`.
pub fn session_from_asset(
    asset: &super::assets::Asset,
    providers: &[String],
) -> PyResult<InferenceSession> {
    match asset {
        super::assets::Asset::Bytes { name, bytes } => session_from_memory(bytes, name, providers),
        super::assets::Asset::Path(p) => session_from_file(p, providers),
    }
}

/// `session.get_inputs()`.
pub fn session_get_inputs(s: &InferenceSession) -> Vec<NodeArg> {
    s.inner.inputs.clone()
}

/// `session.get_outputs()`.
pub fn session_get_outputs(s: &InferenceSession) -> Vec<NodeArg> {
    s.inner.outputs.clone()
}

/// `[i.name for i in session.get_inputs()]`.
pub fn session_input_names(s: &InferenceSession) -> Vec<String> {
    s.inner.inputs.iter().map(|i| i.name.clone()).collect()
}

/// `[o.name for o in session.get_outputs()]`.
pub fn session_output_names(s: &InferenceSession) -> Vec<String> {
    s.inner.outputs.iter().map(|o| o.name.clone()).collect()
}

/// `session.get_providers()`.
pub fn session_get_providers(_s: &InferenceSession) -> Vec<String> {
    vec!["CPUExecutionProvider".to_string()]
}

/// `node_arg.name`.
pub fn nodearg_name(a: &NodeArg) -> String {
    a.name.clone()
}

/// `node_arg.type` (`tensor(int64)`).
pub fn nodearg_type(a: &NodeArg) -> String {
    a.type_str.clone()
}

/// Checks the feeds against the model's inputs (Python's message for missing
/// inputs, extended with what the model expects).
fn check_feeds(inner: &SessionInner, feeds: &[(&str, NdRef<'_>)]) -> PyResult<()> {
    for (name, value) in feeds {
        let Some(arg) = inner.inputs.iter().find(|i| i.name == *name) else {
            return Err(PyErr::value_error(format!(
                "'{name}' is not an input of model '{}'; it expects {}",
                inner.name,
                inner.expects()
            )));
        };
        let (Some(elem), Some(dims)) = (arg.elem, &arg.dims) else {
            return Err(PyErr::value_error(format!(
                "model input '{name}' expects {}, which compiled code cannot feed",
                arg.type_str
            )));
        };
        let shape = value.shape();
        if value.dtype() != elem || shape.len() != dims.len() {
            return Err(PyErr::value_error(format!(
                "model input '{name}' expects {}, got {} with {} dims",
                arg.describe(),
                onnx_dtype_name(value.dtype()),
                shape.len()
            )));
        }
        for (k, (d, &got)) in dims.iter().zip(shape).enumerate() {
            if let NodeDim::Fixed(want) = d
                && *want != got as i64
            {
                let got_shape: Vec<String> = shape.iter().map(|n| n.to_string()).collect();
                return Err(PyErr::value_error(format!(
                    "model input '{name}' expects {}, got shape [{}] (dimension {k} must be {want})",
                    arg.describe(),
                    got_shape.join(", ")
                )));
            }
        }
    }
    let missing: Vec<&str> = inner
        .inputs
        .iter()
        .map(|i| i.name.as_str())
        .filter(|n| !feeds.iter().any(|(f, _)| f == n))
        .collect();
    if !missing.is_empty() {
        let quote = |names: &mut dyn Iterator<Item = &str>| {
            names
                .map(|n| format!("'{n}'"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        return Err(PyErr::value_error(format!(
            "Required inputs ([{}]) are missing from input feed ([{}]); model '{}' expects {}",
            quote(&mut missing.iter().copied()),
            quote(&mut feeds.iter().map(|(n, _)| *n)),
            inner.name,
            inner.expects()
        )));
    }
    Ok(())
}

/// One output value as an [`NdAny`] (copied out of ORT's memory), in its slot.
fn to_nd(name: &str, v: &DynValue) -> PyResult<NdOutput> {
    let err = |e: ort::Error| PyErr::new(ExcKind::Exception, format!("model output '{name}': {e}"));
    let ty = match v.dtype() {
        ValueType::Tensor { ty, .. } => *ty,
        other => {
            return Err(PyErr::type_error(format!(
                "model output '{name}' is a {other}, which compiled code does not support"
            )));
        }
    };
    Ok(Some(match ty {
        TensorElementType::Float32 => {
            NdAny::Float32(v.try_extract_array::<f32>().map_err(err)?.to_owned())
        }
        TensorElementType::Float64 => {
            NdAny::Float64(v.try_extract_array::<f64>().map_err(err)?.to_owned())
        }
        TensorElementType::Int64 => {
            NdAny::Int64(v.try_extract_array::<i64>().map_err(err)?.to_owned())
        }
        TensorElementType::Int32 => {
            NdAny::Int32(v.try_extract_array::<i32>().map_err(err)?.to_owned())
        }
        TensorElementType::Bool => {
            NdAny::Bool(v.try_extract_array::<bool>().map_err(err)?.to_owned())
        }
        TensorElementType::Int8 => {
            NdAny::Int8(v.try_extract_array::<i8>().map_err(err)?.to_owned())
        }
        TensorElementType::Uint8 => {
            NdAny::UInt8(v.try_extract_array::<u8>().map_err(err)?.to_owned())
        }
        TensorElementType::Int16 => {
            NdAny::Int16(v.try_extract_array::<i16>().map_err(err)?.to_owned())
        }
        TensorElementType::Uint16 => {
            NdAny::UInt16(v.try_extract_array::<u16>().map_err(err)?.to_owned())
        }
        TensorElementType::Uint32 => {
            NdAny::UInt32(v.try_extract_array::<u32>().map_err(err)?.to_owned())
        }
        TensorElementType::Float16 => {
            let t = v.view().downcast::<DynTensorValueType>().map_err(err)?;
            let ValueType::Tensor { shape, .. } = t.dtype() else {
                unreachable!("a tensor's type")
            };
            let shape: Vec<usize> = shape.iter().map(|&d| d as usize).collect();
            let n: usize = shape.iter().product();
            let bits: &[u16] = if n == 0 {
                &[]
            } else {
                // SAFETY: ORT's float16 tensor holds `n` two-byte items in CPU memory,
                // alive while `v` is
                unsafe { std::slice::from_raw_parts(t.data_ptr().cast::<u16>(), n) }
            };
            let items: Vec<super::nd::f16> = bits.iter().map(|&b| super::nd::f16(b)).collect();
            NdAny::Float16(ArrayD::from_shape_vec(IxDyn(&shape), items).map_err(|e| {
                PyErr::new(ExcKind::Exception, format!("model output '{name}': {e}"))
            })?)
        }
        other => {
            return Err(PyErr::type_error(format!(
                "model output '{name}' has dtype {}, which compiled code does not support",
                onnx_dtype_name(other)
            )));
        }
    }))
}

/// `session.run(output_names, input_feed)`: `output_names` `None` for all
/// outputs in the model's order, else those, in that order; `input_feed` the
/// `(name, array)` pairs of the feed dict, as [`NdAny`]s (moved in) or
/// [`NdRef`]s (borrowed: `NdRef::from(&ids)`, no copy), in a `Vec` or a
/// slice. Returns the outputs in order.
///
/// A feed that does not match the model raises `ValueError` (see
/// [`check_feeds`]); an unknown output name raises `ValueError`; a failure
/// inside ONNX Runtime raises `Exception` with its `[ONNXRuntimeError]`
/// message.
pub fn session_run<'n, F: Feed>(
    s: &InferenceSession,
    output_names: Option<Vec<String>>,
    input_feed: impl AsRef<[(&'n str, F)]>,
) -> PyResult<Vec<NdOutput>> {
    let feeds: Vec<(&str, NdRef<'_>)> = input_feed
        .as_ref()
        .iter()
        .map(|(n, f)| (*n, f.feed()))
        .collect();
    let feeds = feeds.as_slice();
    let output_names = output_names.as_deref();
    let inner = &*s.inner;
    check_feeds(inner, feeds)?;
    if let Some(names) = output_names {
        for n in names {
            if !inner.outputs.iter().any(|o| &o.name == n) {
                let have: Vec<String> = inner
                    .outputs
                    .iter()
                    .map(|o| format!("'{}' ({})", o.name, o.describe()))
                    .collect();
                return Err(PyErr::value_error(format!(
                    "'{n}' is not an output of model '{}'; its outputs are {}",
                    inner.name,
                    have.join(", ")
                )));
            }
        }
    }
    let run_err = |e: ort::Error| PyErr::new(ExcKind::Exception, ort_message(&e));
    let mut values: Vec<(Cow<'_, str>, SessionInputValue<'_>)> = Vec::with_capacity(feeds.len());
    for (name, value) in feeds {
        values.push((Cow::Borrowed(*name), value.to_ort().map_err(run_err)?));
    }

    let mut lease = Lease {
        inner,
        session: Some(inner.acquire()?),
    };
    let session = lease.session.as_mut().expect("a leased session");
    match output_names {
        None => {
            let outputs = session.run(values).map_err(run_err)?;
            inner
                .outputs
                .iter()
                .map(|o| to_nd(&o.name, &outputs[o.name.as_str()]))
                .collect()
        }
        Some(names) => {
            let mut selector = OutputSelector::no_default();
            let mut unique: Vec<&str> = Vec::new();
            for n in names {
                if !unique.contains(&n.as_str()) {
                    unique.push(n);
                    selector = selector.with(n.as_str());
                }
            }
            let options = RunOptions::new().map_err(run_err)?.with_outputs(selector);
            let outputs = session
                .run_with_options(values, &options)
                .map_err(run_err)?;
            names
                .iter()
                .map(|n| to_nd(n, &outputs[n.as_str()]))
                .collect()
        }
    }
}
