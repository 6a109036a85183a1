//! `pcrt::llama`: llama-cpp-python's `Llama` (`create_chat_completion`,
//! `create_completion`) over the `llama-cpp-2` crate, with llama-cpp-python's
//! defaults, prompt building and result dicts.
//!
//! Copied into a generated crate as `src/pcrt/llama.rs` only when the compiled
//! Python uses `from llama_cpp import Llama`. The crate then depends on
//! `llama-cpp-2` (llama.cpp built from its vendored sources with cmake, CPU
//! only, no OpenMP) and `minijinja` (the GGUF's chat template is Jinja).
//!
//! What follows llama-cpp-python 0.3 exactly, so that greedy decoding gives its
//! token ids:
//! - the chat prompt is the GGUF's `tokenizer.chat_template` rendered with
//!   `messages`, `bos_token`, `eos_token`, `add_generation_prompt=True`, with
//!   Jinja's `trim_blocks` and `lstrip_blocks` (minijinja with Python's string
//!   methods), tokenized without an added BOS and with special tokens parsed;
//! - the prompt is evaluated in `n_batch` chunks, then one token at a time;
//! - the sampler chain: penalties (last 64 tokens), then greedy when
//!   `temperature == 0`, else top-k, typical (1.0), top-p, min-p, temperature and
//!   a seeded draw; without `seed=` the draw's seed is
//!   `random.Random(llama_seed).randint(0, 2**32)`, as llama-cpp-python's;
//! - generation stops at an end-of-generation token (`finish_reason` "stop"),
//!   at a stop string (the text is cut before it), or after `max_tokens`
//!   ("length"); the text is the tokens' pieces, decoded as UTF-8 dropping
//!   invalid bytes.
//!
//! Where it differs, on purpose: bad requests that llama-cpp-python passes on
//! to the template or treats as "unlimited" raise `ValueError` (empty
//! `messages`, an unknown role, a message without `role` or `content`,
//! `max_tokens <= 0` or above `n_ctx`); llama.cpp's log is silent.
//!
//! Streaming: a stream yields the same text as the non-streamed call, cut
//! into pieces as tokens arrive. A piece is released once no stop string can
//! still start inside it and its UTF-8 is complete (both decided by one
//! function, [`Run::releasable`]), so the concatenation of the pieces is the
//! non-streamed text.
//!
//! Concurrency: every call gets its own llama.cpp context (KV cache) on the
//! shared model, so two calls at once never interleave and both complete;
//! contexts are created under a lock (llama.cpp's context creation writes to
//! the model). A context is used by one thread at a time: the generator that
//! owns it is behind a mutex ([`super::Gen`]).

use std::num::NonZeroU32;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use super::IndexMap;
use llama_cpp_2::context::LlamaContext;
use llama_cpp_2::context::params::{LlamaContextParams, LlamaPoolingType};
use llama_cpp_2::llama_backend::LlamaBackend;
use llama_cpp_2::llama_batch::LlamaBatch;
use llama_cpp_2::model::LlamaModel;
use llama_cpp_2::model::params::LlamaModelParams;
use llama_cpp_2::sampling::LlamaSampler;
use llama_cpp_2::token::LlamaToken;

use super::{ExcKind, Gen, Obj, PyErr, PyRandom, PyResult};

/// llama.cpp's process-wide backend, initialised once, its log silenced.
fn backend() -> PyResult<&'static LlamaBackend> {
    static BACKEND: OnceLock<Result<LlamaBackend, String>> = OnceLock::new();
    BACKEND
        .get_or_init(|| {
            let mut b = LlamaBackend::init().map_err(|e| e.to_string())?;
            b.void_logs();
            Ok(b)
        })
        .as_ref()
        .map_err(|e| PyErr::new(ExcKind::RuntimeError, format!("llama.cpp: {e}")))
}

/// A Python `llama_cpp.Llama`: a loaded GGUF model, shared by every thread
/// (cloning shares it).
#[derive(Clone)]
pub struct Llama {
    inner: Arc<Inner>,
}

struct Inner {
    model: LlamaModel,
    path: String,
    n_ctx: u32,
    n_batch: u32,
    n_threads: i32,
    n_threads_batch: i32,
    seed: i64,
    /// `embedding=True`: `embed`/`create_embedding` are allowed.
    embedding: bool,
    /// The pooling of embeddings: `pooling_type=`, else the GGUF's, else none
    /// (llama.cpp's `LLAMA_POOLING_TYPE_*`, 0 to 3).
    pooling: i32,
    template: Option<String>,
    bos_token: String,
    eos_token: String,
    /// Held while a context is created (llama.cpp writes to the model then).
    new_context: Mutex<()>,
}

impl std::fmt::Debug for Llama {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Llama({})", self.inner.path)
    }
}

fn value_error(message: impl Into<String>) -> PyErr {
    PyErr::value_error(message)
}

/// The number of CPUs, as Python's `multiprocessing.cpu_count()`.
fn cpu_count() -> i64 {
    std::thread::available_parallelism().map_or(1, |n| n.get() as i64)
}

/// `Llama(model_path=..., n_ctx=512, n_batch=512, n_threads=None,
/// n_threads_batch=None, seed=LLAMA_DEFAULT_SEED, embedding=False,
/// pooling_type=LLAMA_POOLING_TYPE_UNSPECIFIED, verbose=True)`.
#[allow(clippy::too_many_arguments)]
pub fn llama_new(
    model_path: &Path,
    n_ctx: i64,
    n_batch: i64,
    n_threads: Option<i64>,
    n_threads_batch: Option<i64>,
    seed: i64,
    embedding: bool,
    pooling_type: i64,
) -> PyResult<Llama> {
    let shown = model_path.display().to_string();
    if !model_path.exists() {
        return Err(value_error(format!("Model path does not exist: {shown}")));
    }
    if !(0..=i64::from(u32::MAX)).contains(&n_ctx) {
        return Err(value_error(format!("n_ctx must be >= 0, not {n_ctx}")));
    }
    if !(1..=i64::from(u32::MAX)).contains(&n_batch) {
        return Err(value_error(format!("n_batch must be >= 1, not {n_batch}")));
    }
    let threads = |n: Option<i64>, default: i64, what: &str| -> PyResult<i32> {
        let n = n.unwrap_or(default);
        i32::try_from(n)
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| value_error(format!("{what} must be >= 1, not {n}")))
    };
    let n_threads = threads(n_threads, (cpu_count() / 2).max(1), "n_threads")?;
    let n_threads_batch = threads(n_threads_batch, cpu_count(), "n_threads_batch")?;
    if !(-1..=3).contains(&pooling_type) {
        // rank pooling (4) gives scores, which llama-cpp-python's `embed` misreads
        return Err(value_error(format!(
            "pooling_type must be -1 (the model's), 0 (none), 1 (mean), 2 (cls) or 3 (last), \
             not {pooling_type}"
        )));
    }
    let backend = backend()?;
    let model = LlamaModel::load_from_file(backend, model_path, &LlamaModelParams::default())
        .map_err(|_| value_error(format!("Failed to load model from file: {shown}")))?;
    let n_ctx = if n_ctx == 0 {
        model.n_ctx_train()
    } else {
        n_ctx as u32
    };
    let template = model.meta_val_str("tokenizer.chat_template").ok();
    let pooling = if pooling_type >= 0 {
        pooling_type as i32
    } else {
        model_pooling(&model)
    };
    let (bos_token, eos_token) = {
        let vocab = model.vocab();
        let text = |t: LlamaToken| -> String {
            if t.0 < 0 {
                return String::new();
            }
            vocab
                .text(t)
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        (text(vocab.bos()), text(vocab.eos()))
    };
    Ok(Llama {
        inner: Arc::new(Inner {
            model,
            path: shown,
            n_ctx,
            n_batch: n_batch as u32,
            n_threads,
            n_threads_batch,
            seed,
            embedding,
            pooling,
            template,
            bos_token,
            eos_token,
            new_context: Mutex::new(()),
        }),
    })
}

/// The model's own pooling of embeddings, as llama.cpp resolves an unspecified
/// `pooling_type`: the GGUF's `{arch}.pooling_type`, none when it has none.
fn model_pooling(model: &LlamaModel) -> i32 {
    model
        .meta_val_str("general.architecture")
        .ok()
        .and_then(|arch| model.meta_val_str(&format!("{arch}.pooling_type")).ok())
        .and_then(|v| v.trim().parse::<i32>().ok())
        .map_or(0, |p| p.max(0))
}

/// The sampling and stopping arguments of `create_chat_completion` and
/// `create_completion` (the op templates fill it in).
#[derive(Clone, Debug)]
pub struct LlamaParams {
    pub max_tokens: Option<i64>,
    pub temperature: f64,
    pub top_p: f64,
    pub top_k: i64,
    pub min_p: f64,
    pub repeat_penalty: f64,
    pub frequency_penalty: f64,
    pub presence_penalty: f64,
    pub stop: Option<Vec<String>>,
    pub seed: Option<i64>,
}

/// The roles a chat message may have (OpenAI's).
const ROLES: [&str; 6] = [
    "system",
    "user",
    "assistant",
    "tool",
    "function",
    "developer",
];

/// The chat prompt: the model's template rendered with the messages.
fn chat_prompt(llm: &Inner, messages: &[IndexMap<String, String>]) -> PyResult<String> {
    if messages.is_empty() {
        return Err(value_error("messages must not be empty"));
    }
    for (i, m) in messages.iter().enumerate() {
        let role = m
            .get("role")
            .ok_or_else(|| value_error(format!("messages[{i}] has no 'role'")))?;
        if !ROLES.contains(&role.as_str()) {
            return Err(value_error(format!(
                "messages[{i}] has an unknown role '{role}' (one of {})",
                ROLES.join(", ")
            )));
        }
        if !m.contains_key("content") {
            return Err(value_error(format!("messages[{i}] has no 'content'")));
        }
    }
    let Some(source) = llm.template.as_deref() else {
        return Err(value_error(format!(
            "{} has no chat template (tokenizer.chat_template)",
            llm.path
        )));
    };
    let mut env = minijinja::Environment::new();
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_unknown_method_callback(minijinja_contrib::pycompat::unknown_method_callback);
    env.add_function(
        "raise_exception",
        |message: String| -> Result<String, minijinja::Error> {
            Err(minijinja::Error::new(
                minijinja::ErrorKind::InvalidOperation,
                message,
            ))
        },
    );
    let template = env
        .template_from_str(source)
        .map_err(|e| value_error(format!("the chat template of {}: {e}", llm.path)))?;
    let messages: Vec<minijinja::Value> = messages
        .iter()
        .map(|m| minijinja::Value::from_iter(m.iter().map(|(k, v)| (k.as_str(), v.as_str()))))
        .collect();
    template
        .render(minijinja::context! {
            messages => messages,
            bos_token => llm.bos_token,
            eos_token => llm.eos_token,
            add_generation_prompt => true,
        })
        .map_err(|e| {
            value_error(format!("the chat template: {}", e.detail().unwrap_or("")))
                .with_fallback(&e)
        })
}

trait WithFallback {
    fn with_fallback(self, e: &minijinja::Error) -> PyErr;
}

impl WithFallback for PyErr {
    /// A template error without detail is reported by its whole text.
    fn with_fallback(self, e: &minijinja::Error) -> PyErr {
        if e.detail().is_some() {
            self
        } else {
            value_error(format!("the chat template: {e}"))
        }
    }
}

fn tokenize(llm: &Inner, text: &str, add_bos: bool) -> Vec<LlamaToken> {
    llm.model.vocab().tokenize(text.as_bytes(), add_bos, true)
}

/// One token's text, as llama-cpp-python's `detokenize` builds it.
fn piece(llm: &Inner, token: LlamaToken) -> Vec<u8> {
    llm.model.vocab().token_to_piece(token, false, None)
}

/// `bytes.decode("utf-8", errors="ignore")`.
fn decode_ignore(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
    }
    out
}

/// llama-cpp-python's "multibyte fix": how many more tokens to wait for when
/// the text ends inside a UTF-8 sequence.
fn multibyte_wait(text: &[u8]) -> usize {
    let tail = &text[text.len().saturating_sub(3)..];
    let mut wait = 0;
    for (i, &c) in tail.iter().enumerate() {
        let k = 3 - i;
        for (num, pattern) in [(2usize, 192u8), (3, 224), (4, 240)] {
            if num > k && pattern & c == pattern {
                wait = num - k;
            }
        }
    }
    wait
}

/// One generation: a context of its own, the sampler, the tokens and text so far.
struct Run<'m> {
    llm: &'m Inner,
    ctx: LlamaContext<'m>,
    sampler: LlamaSampler,
    n_past: i32,
    prompt_tokens: usize,
    completion: Vec<LlamaToken>,
    text: Vec<u8>,
    max_tokens: usize,
    stop: Vec<Vec<u8>>,
    wait: usize,
    /// The finish reason and the final length of `text`, once finished.
    finished: Option<(&'static str, usize)>,
}

// SAFETY: a `Run` owns its llama.cpp context and sampler (nothing else points
// to them) and is only used through `&mut`, by one thread at a time; llama.cpp
// contexts and samplers may move between threads.
unsafe impl Send for Run<'_> {}

fn llama_error(what: &str, e: impl std::fmt::Display) -> PyErr {
    PyErr::new(ExcKind::RuntimeError, format!("llama.cpp {what}: {e}"))
}

impl<'m> Run<'m> {
    fn start(llm: &'m Inner, prompt: Vec<LlamaToken>, p: &LlamaParams) -> PyResult<Run<'m>> {
        let n_ctx = llm.n_ctx as usize;
        if prompt.is_empty() {
            return Err(value_error("the prompt is empty"));
        }
        if let Some(m) = p.max_tokens
            && (m <= 0 || m > n_ctx as i64)
        {
            return Err(value_error(format!(
                "max_tokens must be between 1 and n_ctx ({n_ctx}), not {m}"
            )));
        }
        if prompt.len() >= n_ctx {
            return Err(value_error(format!(
                "Requested tokens ({}) exceed context window of {n_ctx}",
                prompt.len()
            )));
        }
        let room = n_ctx - prompt.len();
        let max_tokens = p.max_tokens.map_or(room, |m| (m as usize).min(room));
        let seed = match p.seed {
            Some(s) => s as u32,
            // llama-cpp-python: random.Random(self._seed).randint(0, 2**32),
            // passed to llama.cpp as a uint32
            None => PyRandom::from_seed(llm.seed).randrange(0, (1i64 << 32) + 1)? as u32,
        };
        let sampler = sampler(llm, p, seed)?;
        let params = LlamaContextParams::default()
            .with_n_ctx(NonZeroU32::new(llm.n_ctx))
            .with_n_batch(llm.n_batch)
            .with_n_ubatch(llm.n_batch.min(512))
            .with_n_threads(llm.n_threads)
            .with_n_threads_batch(llm.n_threads_batch)
            .with_flash_attention_policy(llama_cpp_sys_2::LLAMA_FLASH_ATTN_TYPE_DISABLED);
        let ctx = {
            let _guard = llm.new_context.lock().unwrap_or_else(|e| e.into_inner());
            llm.model
                .new_context(backend()?, params)
                .map_err(|e| llama_error("context", e))?
        };
        let stop = p
            .stop
            .iter()
            .flatten()
            .map(|s| s.as_bytes().to_vec())
            .filter(|s| !s.is_empty())
            .collect();
        let mut run = Run {
            llm,
            ctx,
            sampler,
            n_past: 0,
            prompt_tokens: prompt.len(),
            completion: Vec::new(),
            text: Vec::new(),
            max_tokens,
            stop,
            wait: 0,
            finished: None,
        };
        for chunk in prompt.chunks(llm.n_batch as usize) {
            run.eval(chunk)?;
        }
        Ok(run)
    }

    /// Evaluates tokens after those already in the context (logits of the last).
    fn eval(&mut self, tokens: &[LlamaToken]) -> PyResult<()> {
        let mut batch = LlamaBatch::new(tokens.len(), 1);
        for (i, t) in tokens.iter().enumerate() {
            batch
                .add(*t, self.n_past + i as i32, &[0], i + 1 == tokens.len())
                .map_err(|e| llama_error("batch", e))?;
        }
        self.ctx
            .decode(&mut batch)
            .map_err(|e| llama_error("decode", e))?;
        self.n_past += tokens.len() as i32;
        Ok(())
    }

    /// Samples one token and updates the text; false once finished.
    fn step(&mut self) -> PyResult<bool> {
        if self.finished.is_some() {
            return Ok(false);
        }
        let token = self.sampler.sample(&self.ctx, -1);
        if self.llm.model.vocab().is_eog(token) {
            self.finished = Some(("stop", self.text.len()));
            return Ok(false);
        }
        self.completion.push(token);
        self.text.extend_from_slice(&piece(self.llm, token));
        let wait = multibyte_wait(&self.text);
        if wait > 0 {
            self.wait = wait;
        }
        if self.wait > 0 {
            self.wait -= 1;
        } else {
            let found = self.stop.iter().find_map(|s| find(&self.text, s));
            if let Some(at) = found {
                self.finished = Some(("stop", at));
                return Ok(false);
            }
            if self.completion.len() >= self.max_tokens {
                self.finished = Some(("length", self.text.len()));
                return Ok(false);
            }
        }
        self.eval(&[token])?;
        Ok(true)
    }

    /// How much of the text is final: all of it once finished; before, the
    /// text up to where a stop string could still begin, and never inside a
    /// UTF-8 sequence.
    fn releasable(&self) -> usize {
        if let Some((_, end)) = self.finished {
            return end;
        }
        let n = self.text.len();
        let mut held = 0;
        for s in &self.stop {
            for i in (1..=s.len().min(n)).rev() {
                if self.text.ends_with(&s[..i]) {
                    held = held.max(i);
                    break;
                }
            }
        }
        let mut end = n - held;
        // back off over an unfinished UTF-8 sequence at the end
        let start = end.saturating_sub(3);
        for i in (start..end).rev() {
            let c = self.text[i];
            if c & 0xC0 == 0x80 {
                continue; // a continuation byte
            }
            let need = match c {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF7 => 4,
                _ => 1,
            };
            if end - i < need {
                end = i;
            }
            break;
        }
        end
    }

    fn usage(&self) -> Obj {
        let prompt = self.prompt_tokens as i64;
        let completion = self.completion.len() as i64;
        dict([
            ("prompt_tokens", Obj::Int(prompt)),
            ("completion_tokens", Obj::Int(completion)),
            ("total_tokens", Obj::Int(prompt + completion)),
        ])
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The sampler chain of llama-cpp-python's `_init_sampler`.
fn sampler(llm: &Inner, p: &LlamaParams, seed: u32) -> PyResult<LlamaSampler> {
    let f = |x: f64| x as f32;
    let top_k = i32::try_from(p.top_k).map_err(|_| value_error("top_k is out of range"))?;
    let mut chain = vec![LlamaSampler::penalties(
        llm.model.n_vocab(),
        64,
        f(p.repeat_penalty),
        f(p.frequency_penalty),
        f(p.presence_penalty),
    )];
    if p.temperature < 0.0 {
        chain.push(LlamaSampler::dist(seed));
    } else if p.temperature == 0.0 {
        chain.push(LlamaSampler::greedy());
    } else {
        chain.extend([
            LlamaSampler::top_k(top_k),
            LlamaSampler::typical(1.0, 1),
            LlamaSampler::top_p(f(p.top_p), 1),
            LlamaSampler::min_p(f(p.min_p), 1),
            LlamaSampler::temp(f(p.temperature)),
            LlamaSampler::dist(seed),
        ]);
    }
    Ok(LlamaSampler::chain_simple(chain))
}

fn dict<const N: usize>(items: [(&str, Obj); N]) -> Obj {
    Obj::Dict(
        items
            .into_iter()
            .map(|(k, v)| (Obj::Str(k.to_string()), v))
            .collect(),
    )
}

/// `uuid.uuid4()` as text (the ids of completions).
fn uuid4() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut words = [0u64; 2];
    for (i, w) in words.iter_mut().enumerate() {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_usize(i);
        *w = h.finish();
    }
    let b = (u128::from(words[0]) << 64 | u128::from(words[1]))
        & !(0xF000u128 << 64)
        & !(0xC000u128 << 48);
    let b = b | (0x4000u128 << 64) | (0x8000u128 << 48);
    let s = format!("{b:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &s[..8],
        &s[8..12],
        &s[12..16],
        &s[16..20],
        &s[20..]
    )
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// What a call answers: a chat completion or a text completion.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Chat,
    Text,
}

struct Ids {
    id: String,
    created: i64,
    model: String,
}

impl Ids {
    fn new(llm: &Inner, kind: Kind) -> Ids {
        let prefix = if kind == Kind::Chat {
            "chatcmpl-"
        } else {
            "cmpl-"
        };
        Ids {
            id: format!("{prefix}{}", uuid4()),
            created: now(),
            model: llm.path.clone(),
        }
    }

    fn head(&self, object: &str) -> Vec<(&'static str, Obj)> {
        vec![
            ("id", Obj::Str(self.id.clone())),
            ("object", Obj::Str(object.to_string())),
            ("created", Obj::Int(self.created)),
            ("model", Obj::Str(self.model.clone())),
        ]
    }

    /// A streamed chunk: a chat `delta` or a completion `text`.
    fn chunk(&self, kind: Kind, delta: Obj, finish: Option<&str>) -> IndexMap<String, Obj> {
        let finish = finish.map_or(Obj::None, |f| Obj::Str(f.to_string()));
        let (object, choice) = match kind {
            Kind::Chat => (
                "chat.completion.chunk",
                dict([
                    ("index", Obj::Int(0)),
                    ("delta", delta),
                    ("logprobs", Obj::None),
                    ("finish_reason", finish),
                ]),
            ),
            Kind::Text => (
                "text_completion",
                dict([
                    ("text", delta),
                    ("index", Obj::Int(0)),
                    ("logprobs", Obj::None),
                    ("finish_reason", finish),
                ]),
            ),
        };
        let mut out: IndexMap<String, Obj> = self
            .head(object)
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        out.insert("choices".to_string(), Obj::List(vec![choice]));
        out
    }
}

fn prompt_tokens(
    llm: &Inner,
    kind: Kind,
    messages: &[IndexMap<String, String>],
    prompt: &str,
) -> PyResult<Vec<LlamaToken>> {
    match kind {
        Kind::Chat => Ok(tokenize(llm, &chat_prompt(llm, messages)?, false)),
        Kind::Text => {
            let vocab = llm.model.vocab();
            let mut tokens = Vec::new();
            if vocab.should_add_bos() && vocab.bos().0 >= 0 {
                tokens.push(vocab.bos());
            }
            tokens.extend(tokenize(llm, prompt, false));
            Ok(tokens)
        }
    }
}

fn complete(
    llm: &Inner,
    kind: Kind,
    tokens: Vec<LlamaToken>,
    p: &LlamaParams,
) -> PyResult<IndexMap<String, Obj>> {
    let ids = Ids::new(llm, kind);
    let mut run = Run::start(llm, tokens, p)?;
    while run.step()? {}
    let (reason, end) = run.finished.unwrap_or(("length", run.text.len()));
    let text = Obj::Str(decode_ignore(&run.text[..end]));
    let reason = Obj::Str(reason.to_string());
    let choice = match kind {
        Kind::Chat => dict([
            ("index", Obj::Int(0)),
            (
                "message",
                dict([
                    ("role", Obj::Str("assistant".to_string())),
                    ("content", text),
                ]),
            ),
            ("logprobs", Obj::None),
            ("finish_reason", reason),
        ]),
        Kind::Text => dict([
            ("text", text),
            ("index", Obj::Int(0)),
            ("logprobs", Obj::None),
            ("finish_reason", reason),
        ]),
    };
    let object = if kind == Kind::Chat {
        "chat.completion"
    } else {
        "text_completion"
    };
    let mut out = IndexMap::default();
    for (k, v) in ids.head(object) {
        out.insert(k.to_string(), v);
    }
    out.insert("choices".to_string(), Obj::List(vec![choice]));
    out.insert("usage".to_string(), run.usage());
    Ok(out)
}

fn stream(
    llm: &Llama,
    kind: Kind,
    tokens: Vec<LlamaToken>,
    p: LlamaParams,
) -> Gen<IndexMap<String, Obj>> {
    let inner = llm.inner.clone();
    Gen::new(move |co| async move {
        let llm: &Inner = &inner;
        let ids = Ids::new(llm, kind);
        let mut run = Run::start(llm, tokens, &p)?;
        let mut sent = 0;
        let mut first = kind == Kind::Chat;
        loop {
            let more = run.step()?;
            let end = run.releasable().max(sent);
            if end > sent {
                let piece = decode_ignore(&run.text[sent..end]);
                sent = end;
                if !piece.is_empty() {
                    if first {
                        first = false;
                        let role = dict([("role", Obj::Str("assistant".to_string()))]);
                        co.yield_(ids.chunk(kind, role, None)).await;
                    }
                    let delta = match kind {
                        Kind::Chat => dict([("content", Obj::Str(piece))]),
                        Kind::Text => Obj::Str(piece),
                    };
                    co.yield_(ids.chunk(kind, delta, None)).await;
                }
            }
            if !more {
                break;
            }
        }
        if first {
            let role = dict([("role", Obj::Str("assistant".to_string()))]);
            co.yield_(ids.chunk(kind, role, None)).await;
        }
        let reason = run.finished.map_or("length", |(r, _)| r);
        let last = match kind {
            Kind::Chat => dict([]),
            Kind::Text => Obj::Str(String::new()),
        };
        co.yield_(ids.chunk(kind, last, Some(reason))).await;
        Ok(())
    })
}

/// `llm.create_chat_completion(messages=..., stream=False)`.
pub fn llama_chat(
    llm: &Llama,
    messages: &[IndexMap<String, String>],
    p: LlamaParams,
) -> PyResult<IndexMap<String, Obj>> {
    let tokens = prompt_tokens(&llm.inner, Kind::Chat, messages, "")?;
    complete(&llm.inner, Kind::Chat, tokens, &p)
}

/// `llm.create_chat_completion(messages=..., stream=True)`. Bad messages
/// raise here, at the call, as llama-cpp-python formats the prompt before
/// its generator starts.
pub fn llama_chat_stream(
    llm: &Llama,
    messages: &[IndexMap<String, String>],
    p: LlamaParams,
) -> PyResult<Gen<IndexMap<String, Obj>>> {
    let tokens = prompt_tokens(&llm.inner, Kind::Chat, messages, "")?;
    Ok(stream(llm, Kind::Chat, tokens, p))
}

/// `llm.create_completion(prompt, stream=False)`.
pub fn llama_completion(
    llm: &Llama,
    prompt: &str,
    p: LlamaParams,
) -> PyResult<IndexMap<String, Obj>> {
    let tokens = prompt_tokens(&llm.inner, Kind::Text, &[], prompt)?;
    complete(&llm.inner, Kind::Text, tokens, &p)
}

/// `llm.create_completion(prompt, stream=True)`.
pub fn llama_completion_stream(
    llm: &Llama,
    prompt: &str,
    p: LlamaParams,
) -> PyResult<Gen<IndexMap<String, Obj>>> {
    let tokens = prompt_tokens(&llm.inner, Kind::Text, &[], prompt)?;
    Ok(stream(llm, Kind::Text, tokens, p))
}

/// `llm.tokenize(text, add_bos=True, special=False)`: llama.cpp's tokenizer on the
/// raw bytes (any bytes, not only UTF-8), as llama-cpp-python's.
pub fn llama_tokenize(llm: &Llama, text: &[u8], add_bos: bool, special: bool) -> Vec<i64> {
    llm.inner
        .model
        .vocab()
        .tokenize(text, add_bos, special)
        .into_iter()
        .map(|t| i64::from(t.0))
        .collect()
}

/// `llm.detokenize(tokens, special=False)`: the tokens' pieces joined, without the
/// space the first piece starts with when the first token is BOS (llama-cpp-python's
/// `LlamaModel.detokenize`). An id outside the vocabulary is a `ValueError`
/// (llama.cpp would abort the process).
pub fn llama_detokenize(llm: &Llama, tokens: &[i64], special: bool) -> PyResult<super::Bytes> {
    let vocab = llm.inner.model.vocab();
    let n_vocab = vocab.n_tokens();
    let mut out = Vec::new();
    for &t in tokens {
        let id = i32::try_from(t)
            .ok()
            .filter(|id| (0..n_vocab).contains(id))
            .ok_or_else(|| {
                value_error(format!(
                    "token id {t} is not in the vocabulary (0 to {})",
                    n_vocab - 1
                ))
            })?;
        out.extend(vocab.token_to_piece(LlamaToken(id), special, None));
    }
    if tokens.first() == Some(&i64::from(vocab.bos().0)) && out.first() == Some(&b' ') {
        out.remove(0);
    }
    Ok(super::Bytes(out))
}

/// The embeddings of `inputs` and their token count, as llama-cpp-python's
/// `Llama.embed` computes them: each text tokenized (BOS as the model asks,
/// special tokens as text), cut to `n_batch` tokens when `truncate`, texts
/// packed into batches of at most `n_batch` tokens and `n_seq_max` sequences,
/// one sequence each, every token an output. Pooled models give one vector per
/// text; without pooling, one vector per token, read at the text's own tokens
/// (llama-cpp-python 0.3.36 reads the second and later texts of a batch at the
/// wrong offset: docs/language.md, "Kept deviations"). `normalize` divides
/// each vector by its Euclidean norm (unless 0).
fn embed(
    llm: &Inner,
    inputs: &[&str],
    normalize: bool,
    truncate: bool,
) -> PyResult<(Vec<Obj>, i64)> {
    if !llm.embedding {
        return Err(PyErr::new(
            ExcKind::RuntimeError,
            "Llama model must be created with embedding=True to call this method",
        ));
    }
    if !(0..=3).contains(&llm.pooling) {
        return Err(value_error(format!(
            "{}: pooling type {} (rank) gives scores, not embeddings",
            llm.path, llm.pooling
        )));
    }
    let n_batch = llm.n_batch as usize;
    // SAFETY: a constant of llama.cpp, no state involved
    let n_seq_max = n_batch.min(unsafe { llama_cpp_sys_2::llama_max_parallel_sequences() });
    let params = LlamaContextParams::default()
        .with_n_ctx(NonZeroU32::new(llm.n_ctx))
        .with_n_batch(llm.n_batch)
        .with_n_ubatch(llm.n_batch.min(512))
        .with_n_threads(llm.n_threads)
        .with_n_threads_batch(llm.n_threads_batch)
        .with_embeddings(true)
        .with_pooling_type(LlamaPoolingType::from(llm.pooling))
        .with_n_seq_max(n_seq_max as u32)
        .with_kv_unified(true)
        .with_flash_attention_policy(llama_cpp_sys_2::LLAMA_FLASH_ATTN_TYPE_DISABLED);
    let mut ctx = {
        let _guard = llm.new_context.lock().unwrap_or_else(|e| e.into_inner());
        llm.model
            .new_context(backend()?, params)
            .map_err(|e| llama_error("context", e))?
    };
    let vocab = llm.model.vocab();
    let mut batch = LlamaBatch::new(n_batch, 1);
    let mut sizes: Vec<usize> = Vec::new();
    let mut data = Vec::with_capacity(inputs.len());
    let mut total = 0i64;
    for text in inputs {
        let mut tokens = vocab.tokenize(text.as_bytes(), true, false);
        if truncate {
            tokens.truncate(n_batch);
        }
        let n = tokens.len();
        total += n as i64;
        if n > n_batch {
            return Err(value_error(format!(
                "Requested tokens ({n}) exceed batch size of {n_batch}"
            )));
        }
        if sizes.iter().sum::<usize>() + n > n_batch || sizes.len() >= n_seq_max {
            embed_batch(llm, &mut ctx, &mut batch, &sizes, normalize, &mut data)?;
            sizes.clear();
        }
        batch
            .add_sequence(&tokens, sizes.len() as i32, true)
            .map_err(|e| llama_error("batch", e))?;
        sizes.push(n);
    }
    embed_batch(llm, &mut ctx, &mut batch, &sizes, normalize, &mut data)?;
    Ok((data, total))
}

/// Decodes one batch of `embed` (a sequence per text, `sizes` tokens each) and
/// appends the texts' embeddings to `data`.
fn embed_batch(
    llm: &Inner,
    ctx: &mut LlamaContext<'_>,
    batch: &mut LlamaBatch,
    sizes: &[usize],
    normalize: bool,
    data: &mut Vec<Obj>,
) -> PyResult<()> {
    ctx.clear_kv_cache();
    ctx.decode(batch).map_err(|e| {
        let code = match e {
            llama_cpp_2::DecodeError::NoKvCacheSlot => 1,
            llama_cpp_2::DecodeError::NTokensZero => -1,
            llama_cpp_2::DecodeError::Unknown(c) => c,
        };
        PyErr::new(
            ExcKind::RuntimeError,
            format!("llama_decode returned {code}"),
        )
    })?;
    batch.clear();
    let vector = |v: &[f32]| -> Obj {
        let norm = if normalize {
            v.iter()
                .map(|&x| f64::from(x) * f64::from(x))
                .sum::<f64>()
                .sqrt()
        } else {
            0.0
        };
        let scale = |x: f32| -> Obj {
            if norm == 0.0 {
                Obj::Float(f64::from(x))
            } else {
                Obj::Float(f64::from(x) / norm)
            }
        };
        Obj::List(v.iter().map(|&x| scale(x)).collect())
    };
    let mut first = 0;
    for (seq, &size) in sizes.iter().enumerate() {
        if llm.pooling == 0 {
            let mut rows = Vec::with_capacity(size);
            for i in first..first + size {
                let row = ctx
                    .embeddings_ith(i as i32)
                    .map_err(|e| llama_error("embeddings", e))?;
                rows.push(vector(row));
            }
            data.push(Obj::List(rows));
        } else {
            // llama-cpp-python reads a NULL pointer for a text without tokens
            let row = ctx
                .embeddings_seq_ith(seq as i32)
                .map_err(|_| value_error("NULL pointer access"))?;
            data.push(vector(row));
        }
        first += size;
    }
    Ok(())
}

/// `llm.embed(input, normalize=False, truncate=True)` of one text: a vector
/// (pooled models) or a vector per token.
pub fn llama_embed(llm: &Llama, input: &str, normalize: bool, truncate: bool) -> PyResult<Obj> {
    let (mut data, _) = embed(&llm.inner, &[input], normalize, truncate)?;
    Ok(data.pop().unwrap_or_default())
}

/// `llm.embed(inputs, normalize=False, truncate=True)` of a list of texts.
pub fn llama_embed_list(
    llm: &Llama,
    inputs: &[String],
    normalize: bool,
    truncate: bool,
) -> PyResult<Obj> {
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    Ok(Obj::List(
        embed(&llm.inner, &inputs, normalize, truncate)?.0,
    ))
}

/// `llm.create_embedding(input)` (one text or a list): the OpenAI-style dict,
/// `model` the model's path.
fn create_embedding(llm: &Llama, inputs: &[&str]) -> PyResult<IndexMap<String, Obj>> {
    let (data, total) = embed(&llm.inner, inputs, false, true)?;
    let data = data
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            dict([
                ("object", Obj::Str("embedding".to_string())),
                ("embedding", e),
                ("index", Obj::Int(i as i64)),
            ])
        })
        .collect();
    let mut out = IndexMap::default();
    out.insert("object".to_string(), Obj::Str("list".to_string()));
    out.insert("data".to_string(), Obj::List(data));
    out.insert("model".to_string(), Obj::Str(llm.inner.path.clone()));
    out.insert(
        "usage".to_string(),
        dict([
            ("prompt_tokens", Obj::Int(total)),
            ("total_tokens", Obj::Int(total)),
        ]),
    );
    Ok(out)
}

/// `llm.create_embedding(input)` of one text.
pub fn llama_create_embedding_one(llm: &Llama, input: &str) -> PyResult<IndexMap<String, Obj>> {
    create_embedding(llm, &[input])
}

/// `llm.create_embedding(inputs)` of a list of texts.
pub fn llama_create_embedding_list(
    llm: &Llama,
    inputs: &[String],
) -> PyResult<IndexMap<String, Obj>> {
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    create_embedding(llm, &inputs)
}

/// `llm.n_ctx()`.
pub fn llama_n_ctx(llm: &Llama) -> i64 {
    i64::from(llm.inner.n_ctx)
}
