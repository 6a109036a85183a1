//! `pcrt::tok`: the Python `tokenizers` API (`Tokenizer`, `Encoding`) over the
//! Rust `tokenizers` crate, with Python's semantics and defaults.
//!
//! Copied into a generated crate as `src/pcrt/tok.rs` only when the compiled
//! Python uses `from tokenizers import Tokenizer`. The crate then depends on
//! `tokenizers = { version = "=0.23.1", default-features = false, features =
//! ["onig", "esaxx_fast"] }` and `rayon = "1"` (already in the tree through
//! tokenizers).
//!
//! - [`Tokenizer`] is a shared handle (`Arc<RwLock<..>>`): cloning it shares
//!   the tokenizer, as Python names share one object, so `enable_padding()` on
//!   a module-level tokenizer is seen by every later call, on every thread.
//!   Encoding takes a read lock; the configuration methods a write lock.
//! - `tokenizer.json` carries its own padding and truncation (the
//!   all-MiniLM-L6-v2 one pads every sequence to 128 and truncates at 128);
//!   [`tok_from_file`] keeps them, as Python's `Tokenizer.from_file` does.
//! - Offsets count code points, as Python's do (the Python binding encodes with
//!   `encode_char_offsets`; so does this module).
//! - The crate is pinned at 0.23.1, the Python wheel is 0.23.3: where they
//!   differ, this module follows the wheel. With truncation on, 0.23.1 stops
//!   tokenizing at `max_length` tokens and so loses the tokens that
//!   `encoding.overflowing` should hold (huggingface/tokenizers#2091); and its
//!   debug builds panic where the wheel's `max_length - special tokens` wraps.
//!   See [`TokState::encode`].
//! - Python ints are `i64`; where the Python binding converts to an unsigned
//!   Rust integer, an out-of-range value raises the `OverflowError` the
//!   binding raises, with its message.
//!
//! Threads: `encode_batch` and `decode_batch` run on one process-wide rayon
//! pool owned by this module (not rayon's global pool, which a host Rust
//! application may have configured), sized by [`tok_num_threads`]:
//! `PYCOMP_NUM_THREADS`, else `RAYON_NUM_THREADS`, else the number of CPUs. Batches
//! shorter than [`PARALLEL_MIN_BATCH`] are encoded on the calling thread:
//! below that, waking the pool costs more than it saves. `TOKENIZERS_PARALLELISM=false`
//! (the tokenizers crate's switch) still turns the pool off entirely.

use std::path::Path;
use std::sync::{Arc, OnceLock, RwLock, RwLockReadGuard, RwLockWriteGuard};

use tokenizers::utils::padding::{PaddingDirection, PaddingParams, PaddingStrategy};
use tokenizers::utils::truncation::{TruncationDirection, TruncationParams, TruncationStrategy};
use tokenizers::{EncodeInput, InputSequence};

pub use tokenizers::Encoding;

use super::{ExcKind, PyErr, PyResult};

// ---------------------------------------------------------------------------
// The tokenizer handle
// ---------------------------------------------------------------------------

/// A Python `tokenizers.Tokenizer`: a shared, thread-safe handle.
#[derive(Clone)]
pub struct Tokenizer {
    inner: Arc<RwLock<TokState>>,
}

struct TokState {
    tok: tokenizers::Tokenizer,
    /// While truncation is on: a copy without truncation, padding and
    /// post-processor, that tokenizes each sequence whole (see [`TokState::encode`]).
    raw: Option<tokenizers::Tokenizer>,
}

/// The tokenizer of a class's field before `__init__` sets it (a compiled class
/// struct is `Default`; every field is set before it is read, E101): an empty
/// word-level model, never used.
impl Default for Tokenizer {
    fn default() -> Tokenizer {
        Tokenizer::new(tokenizers::Tokenizer::new(
            tokenizers::models::wordlevel::WordLevel::default(),
        ))
    }
}

impl std::fmt::Debug for Tokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tokenizer")
    }
}

impl Tokenizer {
    /// Wraps a `tokenizers::Tokenizer` (its padding and truncation are kept).
    pub fn new(tok: tokenizers::Tokenizer) -> Tokenizer {
        let raw = raw_copy(&tok);
        Tokenizer {
            inner: Arc::new(RwLock::new(TokState { tok, raw })),
        }
    }

    fn read(&self) -> RwLockReadGuard<'_, TokState> {
        // A panic while holding the lock cannot leave the tokenizer half
        // changed (every change is one assignment), so a poisoned lock is used.
        self.inner.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, TokState> {
        self.inner.write().unwrap_or_else(|e| e.into_inner())
    }

    /// A copy of the underlying `tokenizers::Tokenizer`, with its current
    /// padding and truncation (for Rust callers that want the crate's API).
    pub fn to_inner(&self) -> tokenizers::Tokenizer {
        self.read().tok.clone()
    }

    /// Whether two handles share one tokenizer (Python's `is`).
    pub fn is_same(&self, other: &Tokenizer) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
}

/// One input of `encode`/`encode_batch`: a sequence and an optional pair.
type Input<'s> = (InputSequence<'s>, Option<InputSequence<'s>>);

impl TokState {
    /// Encodes one input (with char offsets), as the Python wheel (0.23.3) does.
    ///
    /// Without truncation this is the crate's `encode_char_offsets`. With
    /// truncation, the crate 0.23.1 stops tokenizing a sequence after
    /// `max_length` tokens (an early exit, huggingface/tokenizers#2091), which
    /// loses the tokens `encoding.overflowing` should hold; the wheel tokenizes
    /// whole sequences. So each sequence is tokenized whole by the `raw` copy,
    /// and truncation, post-processing and padding are applied as the crate's
    /// `post_process` does — except that `max_length - added special tokens`
    /// wraps as in the (release-built) wheel, where a debug build of the crate
    /// would panic: a `max_length` below the special tokens then never truncates.
    fn encode(
        &self,
        (seq, pair): Input<'_>,
        add_special_tokens: bool,
    ) -> tokenizers::Result<Encoding> {
        let Some(raw) = &self.raw else {
            let input: EncodeInput = match pair {
                None => EncodeInput::Single(seq),
                Some(p) => EncodeInput::Dual(seq, p),
            };
            return self.tok.encode_char_offsets(input, add_special_tokens);
        };
        let first = raw.encode_char_offsets(seq, false)?;
        let second = match pair {
            None => None,
            Some(p) => {
                let mut e = raw.encode_char_offsets(p, false)?;
                e.set_type_ids(vec![1; e.len()]);
                Some(e)
            }
        };
        self.post_process(first, second, add_special_tokens)
    }

    /// The crate's `TokenizerImpl::post_process`, with wrapping arithmetic.
    fn post_process(
        &self,
        first: Encoding,
        second: Option<Encoding>,
        add_special_tokens: bool,
    ) -> tokenizers::Result<Encoding> {
        use tokenizers::PostProcessor;
        let tok = &self.tok;
        let (first, second) = match tok.get_truncation() {
            Some(trunc) => {
                let added = added_tokens(tok, second.is_some());
                if add_special_tokens && added > 0 {
                    let params = TruncationParams {
                        max_length: trunc.max_length.wrapping_sub(added),
                        ..trunc.clone()
                    };
                    tokenizers::utils::truncation::truncate_encodings(first, second, &params)?
                } else {
                    tokenizers::utils::truncation::truncate_encodings(first, second, trunc)?
                }
            }
            None => (first, second),
        };
        let processed = match tok.get_post_processor() {
            Some(p) => p.process(first, second, add_special_tokens)?,
            None => {
                let parts = match second {
                    Some(s) => vec![first, s],
                    None => vec![first],
                };
                let mut merged = <dyn PostProcessor>::default_process(parts, add_special_tokens)?;
                merged.pop().expect("default_process returns one encoding")
            }
        };
        let mut one = [processed];
        if let Some(params) = tok.get_padding() {
            tokenizers::utils::padding::pad_encodings(&mut one, params)?;
        }
        let [processed] = one;
        Ok(processed)
    }
}

fn added_tokens(tok: &tokenizers::Tokenizer, is_pair: bool) -> usize {
    use tokenizers::PostProcessor;
    tok.get_post_processor()
        .map_or(0, |p| p.added_tokens(is_pair))
}

/// The copy [`TokState::raw`] holds while truncation is on.
fn raw_copy(tok: &tokenizers::Tokenizer) -> Option<tokenizers::Tokenizer> {
    tok.get_truncation()?;
    let mut copy = tok.clone();
    copy.with_truncation(None).ok()?;
    copy.with_padding(None);
    copy.with_post_processor(None::<tokenizers::PostProcessorWrapper>);
    Some(copy)
}

// ---------------------------------------------------------------------------
// Errors and conversions
// ---------------------------------------------------------------------------

/// A `tokenizers` error as Python's binding raises it: class `Exception`.
fn tok_err(e: impl std::fmt::Display) -> PyErr {
    PyErr::new(ExcKind::Exception, e.to_string())
}

/// A Python int where the binding takes a `u32` (token ids, `pad_id`, ...).
fn to_u32(v: i64) -> PyResult<u32> {
    if v < 0 {
        Err(PyErr::overflow("number too small to fit in target type"))
    } else if v > u32::MAX as i64 {
        Err(PyErr::overflow("number too large to fit in target type"))
    } else {
        Ok(v as u32)
    }
}

/// A Python int where the binding takes a `usize` (lengths, strides).
fn to_usize(v: i64) -> PyResult<usize> {
    if v < 0 {
        Err(PyErr::overflow("can't convert negative int to unsigned"))
    } else {
        Ok(v as usize)
    }
}

fn ids_to_u32(ids: &[i64]) -> PyResult<Vec<u32>> {
    ids.iter().map(|&i| to_u32(i)).collect()
}

fn u32s(v: &[u32]) -> Vec<i64> {
    v.iter().map(|&x| x as i64).collect()
}

// ---------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------

/// `Tokenizer.from_file(path)`. A missing or unreadable file and a file that
/// is not a tokenizer raise `Exception` (the class Python raises), naming the
/// file: `Tokenizer.from_file('/x/tokenizer.json'): No such file or directory (os error 2)`.
pub fn tok_from_file(path: &Path) -> PyResult<Tokenizer> {
    let bytes = std::fs::read(path).map_err(|e| {
        PyErr::new(
            ExcKind::Exception,
            format!("Tokenizer.from_file('{}'): {e}", path.display()),
        )
    })?;
    tokenizers::Tokenizer::from_bytes(&bytes)
        .map(Tokenizer::new)
        .map_err(|e| {
            PyErr::new(
                ExcKind::Exception,
                format!(
                    "Tokenizer.from_file('{}'): not a valid tokenizer.json: {e}",
                    path.display()
                ),
            )
        })
}

/// `Tokenizer.from_str(json)`.
pub fn tok_from_str(json: &str) -> PyResult<Tokenizer> {
    json.parse::<tokenizers::Tokenizer>()
        .map(Tokenizer::new)
        .map_err(tok_err)
}

/// A tokenizer from the bytes of a `tokenizer.json` (an asset embedded with
/// `include_bytes!`); `name` names it in errors.
pub fn tok_from_bytes(bytes: &[u8], name: &str) -> PyResult<Tokenizer> {
    tokenizers::Tokenizer::from_bytes(bytes)
        .map(Tokenizer::new)
        .map_err(|e| {
            PyErr::new(
                ExcKind::Exception,
                format!("tokenizer '{name}' (embedded): not a valid tokenizer.json: {e}"),
            )
        })
}

/// A tokenizer from an asset found by `pcrt::assets::embedded_or_path`.
pub fn tok_from_asset(asset: &super::assets::Asset) -> PyResult<Tokenizer> {
    match asset {
        super::assets::Asset::Bytes { name, bytes } => tok_from_bytes(bytes, name),
        super::assets::Asset::Path(p) => tok_from_file(p),
    }
}

// ---------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------

const PRETOKENIZED_SEQ: &str = "PreTokenizedInputSequence must be Union[List[str], Tuple[str]]";
const TEXT_SEQ: &str = "TextInputSequence must be str";
const PRETOKENIZED_BATCH: &str = "PreTokenizedEncodeInput must be Union[PreTokenizedInputSequence, Tuple[PreTokenizedInputSequence, PreTokenizedInputSequence]]";
const TEXT_BATCH: &str =
    "TextEncodeInput must be Union[TextInputSequence, Tuple[InputSequence, InputSequence]]";

/// `tokenizer.encode(sequence, pair=None, is_pretokenized=False, add_special_tokens=True)`
/// with `sequence: str`, `pair: str | None`.
pub fn tok_encode(
    t: &Tokenizer,
    sequence: &str,
    pair: Option<&str>,
    is_pretokenized: bool,
    add_special_tokens: bool,
) -> PyResult<Encoding> {
    if is_pretokenized {
        return Err(PyErr::type_error(PRETOKENIZED_SEQ));
    }
    let input: Input = (sequence.into(), pair.map(InputSequence::from));
    t.read().encode(input, add_special_tokens).map_err(tok_err)
}

/// `tokenizer.encode(words, pair=None, is_pretokenized=True, add_special_tokens=True)`
/// with `words: list[str]` (a pre-tokenized sequence), `pair: list[str] | None`.
pub fn tok_encode_words(
    t: &Tokenizer,
    words: &[String],
    pair: Option<&[String]>,
    is_pretokenized: bool,
    add_special_tokens: bool,
) -> PyResult<Encoding> {
    if !is_pretokenized {
        return Err(PyErr::type_error(TEXT_SEQ));
    }
    let input: Input = (words.into(), pair.map(InputSequence::from));
    t.read().encode(input, add_special_tokens).map_err(tok_err)
}

/// Batches shorter than this are encoded on the calling thread.
pub const PARALLEL_MIN_BATCH: usize = 8;

/// The number of threads of the tokenizer pool: `PYCOMP_NUM_THREADS`, else
/// `RAYON_NUM_THREADS`, else the number of CPUs (read once per process).
pub fn tok_num_threads() -> usize {
    static N: OnceLock<usize> = OnceLock::new();
    *N.get_or_init(|| {
        let from_env = ["PYCOMP_NUM_THREADS", "RAYON_NUM_THREADS"]
            .iter()
            .find_map(|var| {
                std::env::var(var)
                    .ok()
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .filter(|&n| n > 0)
            });
        if let Some(n) = from_env {
            return n;
        }
        std::thread::available_parallelism().map_or(1, |n| n.get())
    })
}

/// The process-wide pool `encode_batch` and `decode_batch` run on (`None`
/// when it could not be built: the batch then runs on rayon's global pool).
fn pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(tok_num_threads())
            .thread_name(|i| format!("pcrt-tok-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}

/// Runs a batch operation of `n` items: on the calling thread when small (or
/// with one thread), else on the tokenizer pool.
fn run_batch<R: Send>(n: usize, f: impl FnOnce(bool) -> R + Send) -> R {
    if n < PARALLEL_MIN_BATCH || tok_num_threads() <= 1 {
        return f(false);
    }
    match pool() {
        Some(p) => p.install(|| f(true)),
        None => f(true),
    }
}

/// Encodes a batch, in parallel when `parallel`, then pads the batch
/// together: the crate's `encode_batch_char_offsets`, with the sequential
/// path and [`TokState::encode`].
fn encode_many(
    st: &TokState,
    inputs: Vec<Input<'_>>,
    add_special_tokens: bool,
    parallel: bool,
) -> PyResult<Vec<Encoding>> {
    use rayon::prelude::*;
    let use_pool = parallel && tokenizers::utils::parallelism::get_parallelism();
    let mut encodings: Vec<Encoding> = if use_pool {
        inputs
            .into_par_iter()
            .map(|i| st.encode(i, add_special_tokens))
            .collect::<tokenizers::Result<_>>()
    } else {
        inputs
            .into_iter()
            .map(|i| st.encode(i, add_special_tokens))
            .collect::<tokenizers::Result<_>>()
    }
    .map_err(tok_err)?;
    if let Some(params) = st.tok.get_padding() {
        tokenizers::utils::padding::pad_encodings(&mut encodings, params).map_err(tok_err)?;
    }
    Ok(encodings)
}

/// `tokenizer.encode_batch(input, is_pretokenized=False, add_special_tokens=True)`
/// with `input: list[str]`.
pub fn tok_encode_batch(
    t: &Tokenizer,
    input: &[String],
    is_pretokenized: bool,
    add_special_tokens: bool,
) -> PyResult<Vec<Encoding>> {
    if is_pretokenized {
        return Err(PyErr::type_error(PRETOKENIZED_BATCH));
    }
    let st = t.read();
    run_batch(input.len(), |par| {
        let items: Vec<Input> = input.iter().map(|s| (s.as_str().into(), None)).collect();
        encode_many(&st, items, add_special_tokens, par)
    })
}

/// `tokenizer.encode_batch(input, is_pretokenized=False, add_special_tokens=True)`
/// with `input: list[tuple[str, str]]` (sequence pairs). With
/// `is_pretokenized=True` Python reads each 2-tuple as one pre-tokenized
/// sequence of two words; so does this.
pub fn tok_encode_batch_pairs(
    t: &Tokenizer,
    input: &[(String, String)],
    is_pretokenized: bool,
    add_special_tokens: bool,
) -> PyResult<Vec<Encoding>> {
    let st = t.read();
    run_batch(input.len(), |par| {
        let items: Vec<Input> = if is_pretokenized {
            input
                .iter()
                .map(|(a, b)| (vec![a.as_str(), b.as_str()].into(), None))
                .collect()
        } else {
            input
                .iter()
                .map(|(a, b)| (a.as_str().into(), Some(b.as_str().into())))
                .collect()
        };
        encode_many(&st, items, add_special_tokens, par)
    })
}

/// `tokenizer.encode_batch(input, is_pretokenized=True, add_special_tokens=True)`
/// with `input: list[list[str]]` (pre-tokenized sequences).
pub fn tok_encode_batch_words(
    t: &Tokenizer,
    input: &[Vec<String>],
    is_pretokenized: bool,
    add_special_tokens: bool,
) -> PyResult<Vec<Encoding>> {
    if !is_pretokenized {
        return Err(PyErr::type_error(TEXT_BATCH));
    }
    let st = t.read();
    run_batch(input.len(), |par| {
        let items: Vec<Input> = input.iter().map(|w| (w.as_slice().into(), None)).collect();
        encode_many(&st, items, add_special_tokens, par)
    })
}

// ---------------------------------------------------------------------------
// Decoding and the vocabulary
// ---------------------------------------------------------------------------

/// `tokenizer.decode(ids, skip_special_tokens=True)`.
pub fn tok_decode(t: &Tokenizer, ids: &[i64], skip_special_tokens: bool) -> PyResult<String> {
    let ids = ids_to_u32(ids)?;
    t.read()
        .tok
        .decode(&ids, skip_special_tokens)
        .map_err(tok_err)
}

/// `tokenizer.decode_batch(sequences, skip_special_tokens=True)`.
pub fn tok_decode_batch(
    t: &Tokenizer,
    sequences: &[Vec<i64>],
    skip_special_tokens: bool,
) -> PyResult<Vec<String>> {
    let seqs = sequences
        .iter()
        .map(|s| ids_to_u32(s))
        .collect::<PyResult<Vec<Vec<u32>>>>()?;
    let st = t.read();
    run_batch(seqs.len(), |par| {
        use rayon::prelude::*;
        let one = |s: &Vec<u32>| st.tok.decode(s, skip_special_tokens);
        if par && tokenizers::utils::parallelism::get_parallelism() {
            seqs.par_iter()
                .map(one)
                .collect::<tokenizers::Result<Vec<String>>>()
        } else {
            seqs.iter()
                .map(one)
                .collect::<tokenizers::Result<Vec<String>>>()
        }
        .map_err(tok_err)
    })
}

/// `tokenizer.token_to_id(token)`: `None` when the token is not in the vocabulary.
pub fn tok_token_to_id(t: &Tokenizer, token: &str) -> Option<i64> {
    t.read().tok.token_to_id(token).map(i64::from)
}

/// `tokenizer.id_to_token(id)`: `None` when the id is out of range.
pub fn tok_id_to_token(t: &Tokenizer, id: i64) -> PyResult<Option<String>> {
    let id = to_u32(id)?;
    Ok(t.read().tok.id_to_token(id))
}

/// `tokenizer.get_vocab_size(with_added_tokens=True)`.
pub fn tok_get_vocab_size(t: &Tokenizer, with_added_tokens: bool) -> i64 {
    t.read().tok.get_vocab_size(with_added_tokens) as i64
}

// ---------------------------------------------------------------------------
// Padding and truncation
// ---------------------------------------------------------------------------

/// `tokenizer.enable_padding(direction='right', pad_id=0, pad_type_id=0,
/// pad_token='[PAD]', length=None, pad_to_multiple_of=None)`. As in Python,
/// the new settings replace the old ones whole (`length=None` pads each batch
/// to its longest sequence).
pub fn tok_enable_padding(
    t: &Tokenizer,
    direction: &str,
    pad_id: i64,
    pad_type_id: i64,
    pad_token: &str,
    length: Option<i64>,
    pad_to_multiple_of: Option<i64>,
) -> PyResult<()> {
    let direction = match direction {
        "left" => PaddingDirection::Left,
        "right" => PaddingDirection::Right,
        other => {
            return Err(PyErr::value_error(format!(
                "Unknown `direction`: `{other}`. Use one of `left` or `right`"
            )));
        }
    };
    let pad_to_multiple_of = pad_to_multiple_of.map(to_usize).transpose()?;
    let pad_id = to_u32(pad_id)?;
    let pad_type_id = to_u32(pad_type_id)?;
    let strategy = match length {
        None => PaddingStrategy::BatchLongest,
        Some(n) => PaddingStrategy::Fixed(to_usize(n)?),
    };
    let params = PaddingParams {
        strategy,
        direction,
        pad_to_multiple_of,
        pad_id,
        pad_type_id,
        pad_token: pad_token.to_string(),
    };
    t.write().tok.with_padding(Some(params));
    Ok(())
}

/// `tokenizer.no_padding()`.
pub fn tok_no_padding(t: &Tokenizer) {
    t.write().tok.with_padding(None);
}

/// `tokenizer.enable_truncation(max_length, stride=0, strategy='longest_first',
/// direction='right')`. A stride not smaller than `max_length` minus the
/// special tokens raises `ValueError`, with Python's message.
pub fn tok_enable_truncation(
    t: &Tokenizer,
    max_length: i64,
    stride: i64,
    strategy: &str,
    direction: &str,
) -> PyResult<()> {
    let max_length = to_usize(max_length)?;
    let stride = to_usize(stride)?;
    let strategy = match strategy {
        "longest_first" => TruncationStrategy::LongestFirst,
        "only_first" => TruncationStrategy::OnlyFirst,
        "only_second" => TruncationStrategy::OnlySecond,
        other => {
            return Err(PyErr::value_error(format!(
                "Unknown `strategy`: `{other}`. Use one of `longest_first`, `only_first`, or `only_second`"
            )));
        }
    };
    let direction = match direction {
        "left" => TruncationDirection::Left,
        "right" => TruncationDirection::Right,
        other => {
            return Err(PyErr::value_error(format!(
                "Unknown `direction`: `{other}`. Use one of `left` or `right`."
            )));
        }
    };
    let params = TruncationParams {
        direction,
        max_length,
        strategy,
        stride,
    };
    let mut st = t.write();
    let added = added_tokens(&st.tok, false);
    if max_length >= added {
        // The crate's own check, whose message Python shows.
        st.tok
            .with_truncation(Some(params))
            .map_err(|e| PyErr::value_error(e.to_string()))?;
    } else {
        // `max_length - added` wraps in the Python wheel, so its check passes:
        // set the parameters without the crate's (overflowing) check.
        st.tok
            .with_truncation(Some(TruncationParams {
                max_length: usize::MAX,
                stride: 0,
                ..params.clone()
            }))
            .map_err(|e| PyErr::value_error(e.to_string()))?;
        if let Some(p) = st.tok.get_truncation_mut() {
            *p = params;
        }
    }
    if st.raw.is_none() {
        st.raw = raw_copy(&st.tok);
    }
    Ok(())
}

/// `tokenizer.no_truncation()`.
pub fn tok_no_truncation(t: &Tokenizer) {
    let mut st = t.write();
    let _ = st.tok.with_truncation(None);
    st.raw = None;
}

/// The padding length `tokenizer.padding["length"]` reports: `None` when
/// padding is off or pads to the longest of each batch.
pub fn tok_padding_length(t: &Tokenizer) -> Option<i64> {
    match t.read().tok.get_padding() {
        Some(PaddingParams {
            strategy: PaddingStrategy::Fixed(n),
            ..
        }) => Some(*n as i64),
        _ => None,
    }
}

/// `tokenizer.truncation["max_length"]`, `None` when truncation is off.
pub fn tok_truncation_max_length(t: &Tokenizer) -> Option<i64> {
    t.read().tok.get_truncation().map(|p| p.max_length as i64)
}

// ---------------------------------------------------------------------------
// Encoding attributes
// ---------------------------------------------------------------------------

/// `encoding.ids`.
pub fn encoding_ids(e: &Encoding) -> Vec<i64> {
    u32s(e.get_ids())
}

/// `encoding.type_ids`.
pub fn encoding_type_ids(e: &Encoding) -> Vec<i64> {
    u32s(e.get_type_ids())
}

/// `encoding.attention_mask`.
pub fn encoding_attention_mask(e: &Encoding) -> Vec<i64> {
    u32s(e.get_attention_mask())
}

/// `encoding.special_tokens_mask`.
pub fn encoding_special_tokens_mask(e: &Encoding) -> Vec<i64> {
    u32s(e.get_special_tokens_mask())
}

/// `encoding.tokens`.
pub fn encoding_tokens(e: &Encoding) -> Vec<String> {
    e.get_tokens().to_vec()
}

/// `encoding.offsets`: `(start, end)` in code points of the input.
pub fn encoding_offsets(e: &Encoding) -> Vec<(i64, i64)> {
    e.get_offsets()
        .iter()
        .map(|&(s, t)| (s as i64, t as i64))
        .collect()
}

/// `encoding.word_ids`.
pub fn encoding_word_ids(e: &Encoding) -> Vec<Option<i64>> {
    e.get_word_ids().iter().map(|w| w.map(i64::from)).collect()
}

/// `encoding.sequence_ids`.
pub fn encoding_sequence_ids(e: &Encoding) -> Vec<Option<i64>> {
    e.get_sequence_ids()
        .into_iter()
        .map(|s| s.map(|s| s as i64))
        .collect()
}

/// `encoding.n_sequences`.
pub fn encoding_n_sequences(e: &Encoding) -> i64 {
    e.n_sequences() as i64
}

/// `encoding.overflowing`.
pub fn encoding_overflowing(e: &Encoding) -> Vec<Encoding> {
    e.get_overflowing().clone()
}

/// `len(encoding)`.
pub fn encoding_len(e: &Encoding) -> i64 {
    e.len() as i64
}

/// Which per-token field of an [`Encoding`] [`encodings_matrix`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EncField {
    Ids,
    TypeIds,
    AttentionMask,
    SpecialTokensMask,
}

impl EncField {
    fn get(self, e: &Encoding) -> &[u32] {
        match self {
            EncField::Ids => e.get_ids(),
            EncField::TypeIds => e.get_type_ids(),
            EncField::AttentionMask => e.get_attention_mask(),
            EncField::SpecialTokensMask => e.get_special_tokens_mask(),
        }
    }
}

/// The fused form of `np.array([e.ids for e in encodings], dtype=np.int64)`
/// (and of `type_ids`, `attention_mask`, `special_tokens_mask`): a
/// `[len(encodings), seq]` int64 array, built without the intermediate lists.
/// Encodings of different lengths (padding off) raise numpy's `ValueError`;
/// no encodings give shape `(0,)`, as numpy does for `np.array([])`.
pub fn encodings_matrix(encodings: &[Encoding], field: EncField) -> PyResult<ndarray::ArrayD<i64>> {
    let Some(first) = encodings.first() else {
        return Ok(ndarray::ArrayD::zeros(ndarray::IxDyn(&[0])));
    };
    let width = field.get(first).len();
    let mut data = Vec::with_capacity(encodings.len() * width);
    for e in encodings {
        let row = field.get(e);
        if row.len() != width {
            return Err(PyErr::value_error(format!(
                "setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was ({},) + inhomogeneous part.",
                encodings.len()
            )));
        }
        data.extend(row.iter().map(|&x| x as i64));
    }
    Ok(
        ndarray::ArrayD::from_shape_vec(ndarray::IxDyn(&[encodings.len(), width]), data)
            .expect("rows of equal width fill the shape"),
    )
}
