"""A decoder loop written with tokenizers + onnxruntime + numpy (issue 14, the ONNX way),
compiled and compared token for token with the same loop run by CPython.

The model is a tiny causal decoder generated here (tests/models/make_decoder.py) with the
input and output names of an optimum export of GPT-2/Llama: input_ids, attention_mask,
position_ids, past_key_values.N.key/value -> logits, present.N.key/value. The loop feeds
the KV cache back through a dict unpacked into the feeds (`{..., **past}`) and slices the
new cache out of the outputs (`outputs[1:]`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pycomp
import pytest
from pyref import load_python

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "models"))

pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")
import make_decoder

LOOP = '''
from typing import Iterator

import numpy as np
import numpy.typing as npt
import onnxruntime as ort
from tokenizers import Tokenizer

tokenizer = Tokenizer.from_file("model/tokenizer.json")
session = ort.InferenceSession("model/decoder.onnx", providers=["CPUExecutionProvider"])
N_LAYERS = 2
N_HEADS = 2
HEAD_DIM = 8
EOS_ID = 0


def empty_cache() -> dict[str, npt.NDArray[np.float32]]:
    past = {}
    for i in range(N_LAYERS):
        past[f"past_key_values.{i}.key"] = np.zeros((1, N_HEADS, 0, HEAD_DIM), dtype=np.float32)
        past[f"past_key_values.{i}.value"] = np.zeros((1, N_HEADS, 0, HEAD_DIM), dtype=np.float32)
    return past


def generate(prompt: str, max_tokens: int = 16, eos_id: int = 0) -> Iterator[str]:
    ids = tokenizer.encode(prompt).ids
    input_ids = np.array([ids], dtype=np.int64)
    attention_mask = np.ones((1, len(ids)), dtype=np.int64)
    position_ids = np.arange(len(ids), dtype=np.int64).reshape(1, -1)
    past = empty_cache()
    for _ in range(max_tokens):
        outputs = session.run(None, {"input_ids": input_ids, "attention_mask": attention_mask,
                                     "position_ids": position_ids, **past})
        next_id = int(outputs[0][0, -1].argmax())
        if next_id == eos_id:
            break
        yield tokenizer.decode([next_id])
        present = outputs[1:]
        for i in range(N_LAYERS):
            past[f"past_key_values.{i}.key"] = present[2 * i]
            past[f"past_key_values.{i}.value"] = present[2 * i + 1]
        input_ids = np.array([[next_id]], dtype=np.int64)
        attention_mask = np.concatenate([attention_mask, np.ones((1, 1), dtype=np.int64)], axis=1)
        position_ids = np.array([[attention_mask.shape[1] - 1]], dtype=np.int64)


def greedy_ids(prompt: str, max_tokens: int) -> list[int]:
    """The same loop keeping the ids: the cache unpacked first, the logits sliced."""
    ids = tokenizer.encode(prompt).ids
    past = empty_cache()
    out: list[int] = []
    step = np.array([ids], dtype=np.int64)
    total = len(ids)
    while len(out) < max_tokens:
        n = step.shape[1]
        outputs = session.run(None, {**past, "input_ids": step,
                                     "attention_mask": np.ones((1, total), dtype=np.int64),
                                     "position_ids": np.arange(total - n, total,
                                                               dtype=np.int64).reshape(1, n)})
        logits = outputs[0]
        next_id = int(logits[:, -1].argmax())
        out.append(next_id)
        names = [o.name for o in session.get_outputs()]
        for name, value in zip(names[1:], outputs[1:]):
            past[name.replace("present", "past_key_values")] = value
        step = np.array([[next_id]], dtype=np.int64)
        total += 1
    return out


def sample(prompt: str, max_tokens: int, temperature: float, top_k: int,
           seed: int) -> Iterator[str]:
    """Temperature and top-k sampling with a seeded numpy Generator."""
    rng = np.random.default_rng(seed)
    ids = tokenizer.encode(prompt).ids
    past = empty_cache()
    step = np.array([ids], dtype=np.int64)
    total = len(ids)
    for _ in range(max_tokens):
        n = step.shape[1]
        outputs = session.run(None, {"input_ids": step,
                                     "attention_mask": np.ones((1, total), dtype=np.int64),
                                     "position_ids": np.arange(total - n, total,
                                                               dtype=np.int64).reshape(1, n),
                                     **past})
        logits = outputs[0][0, -1] / temperature
        top = np.argsort(logits)[-top_k:]
        scores = logits[top]
        probs = np.exp(scores - scores.max())
        probs = probs / probs.sum()
        next_id = int(top[rng.choice(len(top), p=probs)])
        if next_id == EOS_ID:
            break
        yield tokenizer.decode([next_id])
        present = outputs[1:]
        for i in range(N_LAYERS):
            past[f"past_key_values.{i}.key"] = present[2 * i]
            past[f"past_key_values.{i}.value"] = present[2 * i + 1]
        step = np.array([[next_id]], dtype=np.int64)
        total += 1
'''


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    d = tmp_path_factory.mktemp("decoder")
    files = make_decoder.make_decoder(d / "model")
    assert files["decoder"].exists()
    (d / "loop.py").write_text(LOOP)
    lib = pycomp.load(pycomp.build(d / "loop.py", d / "bundle"))
    return lib, load_python(d / "loop.py")


def outcome(fn: Any, *args: Any) -> tuple[str, Any]:
    try:
        r = fn(*args)
        return ("ok", list(r) if not isinstance(r, list) else r)
    except Exception as e:
        return (type(e).__name__, str(e))


PROMPTS = ["the cat sat on", "Hello, world!", "a", "WATER under the bridge, again and again"]


@pytest.mark.parametrize("prompt", PROMPTS)
def test_greedy_stream_equals_python(pair: tuple[Any, Any], prompt: str) -> None:
    lib, py = pair
    got, want = outcome(lib.generate, prompt, 12), outcome(py.generate, prompt, 12)
    assert got == want
    assert got[0] == "ok" and len(got[1]) == 12


@pytest.mark.parametrize("prompt", PROMPTS)
def test_greedy_ids_equal_python(pair: tuple[Any, Any], prompt: str) -> None:
    lib, py = pair
    got = lib.greedy_ids(prompt, 10)
    assert got == py.greedy_ids(prompt, 10)
    # both loops are the same greedy decoder: the stream is those ids' texts
    assert "".join(lib.generate(prompt, 10)) == "".join(py.generate(prompt, 10))


def test_stops_on_eos(pair: tuple[Any, Any]) -> None:
    lib, py = pair
    ids = py.greedy_ids("the cat sat on", 6)
    eos = ids[3]
    stop = ids.index(eos)  # the first time the loop sees it
    got = list(lib.generate("the cat sat on", 20, eos))
    assert got == list(py.generate("the cat sat on", 20, eos))
    assert len(got) == stop


def test_edges_equal_python(pair: tuple[Any, Any]) -> None:
    lib, py = pair
    for args in [("the cat", 0), ("the cat", -3), ("", 3)]:
        assert outcome(lib.generate, *args) == outcome(py.generate, *args)
        assert outcome(lib.greedy_ids, *args) == outcome(py.greedy_ids, *args)


def test_closing_the_stream_early(pair: tuple[Any, Any]) -> None:
    lib, py = pair
    it = lib.generate("the cat sat on", 50)
    first = [next(it) for _ in range(3)]
    it.close()
    assert first == list(py.generate("the cat sat on", 3))


SAMPLING = [("the cat sat on", 0.8, 5, 0), ("the cat sat on", 2.0, 5, 1),
            ("the cat sat on", 1.0, 40, 2**40), ("Hello, world!", 1.5, 40, 12345),
            ("WATER", 1.0, 1, 7)]


@pytest.mark.parametrize(("prompt", "temperature", "top_k", "seed"), SAMPLING)
def test_seeded_sampling_equals_python(pair: tuple[Any, Any], prompt: str, temperature: float,
                                       top_k: int, seed: int) -> None:
    lib, py = pair
    got = outcome(lib.sample, prompt, 24, temperature, top_k, seed)
    want = outcome(py.sample, prompt, 24, temperature, top_k, seed)
    assert got == want
    assert got[0] == "ok" and got[1]


def test_sampling_depends_on_the_seed(pair: tuple[Any, Any]) -> None:
    lib, _ = pair
    runs = {tuple(lib.sample("the cat sat on", 24, 1.0, 20, seed)) for seed in range(4)}
    assert len(runs) > 1
    # on this prompt the sampled tokens are not the greedy ones: the draws decide
    greedy = list(lib.generate("the cat sat on", 24, -1))
    assert any(sum(a != b for a, b in zip(greedy, run)) > 5 for run in runs)
    assert list(lib.sample("the cat", 24, 1.0, 20, 3)) == list(lib.sample("the cat", 24, 1.0,
                                                                           20, 3))


def test_sampling_errors_equal_python(pair: tuple[Any, Any]) -> None:
    lib, py = pair
    for args in [("the cat", 4, 0.0, 5, 0), ("the cat", 4, 1.0, 5, -1), ("", 4, 1.0, 5, 0)]:
        assert outcome(lib.sample, *args) == outcome(py.sample, *args)
