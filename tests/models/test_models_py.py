"""The compile-time side of models: `pycomp.onnxmeta` reading model signatures,
and the tiny models of `make_tiny.py` (deterministic, runnable in onnxruntime).

The runtime side (`pcrt::tok`, `pcrt::onnx`, `pcrt::assets`) is tested in
Rust: `cargo test -p pcrt-tests --features models --test models`.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import pytest
from pycomp.onnxmeta import ModelError, describe, read_model_signature

HERE = Path(__file__).resolve().parent
INTS = ("input_ids", "attention_mask", "token_type_ids")


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"models_{name}", HERE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> dict[str, str]:
    pytest.importorskip("onnx")
    pytest.importorskip("tokenizers")
    return _load("make_tiny").make_all(tmp_path_factory.mktemp("tiny"))


def test_tiny_signatures(tiny):
    sig = read_model_signature(tiny["embed"])
    assert sig.inputs == tuple((n, "int64", ("batch", "sequence")) for n in INTS)
    assert sig.outputs == (("last_hidden_state", "float32", ("batch", "sequence", 32)),)
    assert describe(sig.outputs[0]) == "last_hidden_state: float32 [batch, sequence, 32]"
    cls = read_model_signature(tiny["classifier"])
    assert cls.outputs == (("logits", "float32", ("batch", 3)),)
    assert cls.input("attention_mask") == ("attention_mask", "int64", ("batch", "sequence"))
    assert cls.output("nope") is None


def test_tiny_models_are_deterministic_and_run(tiny, tmp_path):
    pytest.importorskip("onnxruntime")
    again = _load("make_tiny").make_all(tmp_path)
    for key in ("embed", "classifier", "tokenizer"):
        a, b = Path(tiny[key]).read_bytes(), Path(again[key]).read_bytes()
        assert hashlib.sha256(a).digest() == hashlib.sha256(b).digest(), key
    _load("make_tiny").check(tiny)


def test_real_model_signature():
    try:
        paths = _load("make_expected").locate()
    except SystemExit as e:
        pytest.skip(str(e))
    sig = read_model_signature(paths["minilm_model"])
    assert [i[0] for i in sig.inputs] == list(INTS)
    assert sig.outputs == (("last_hidden_state", "float32", ("batch", "sequence", 384)),)


def test_missing_and_corrupt_files(tmp_path):
    with pytest.raises(ModelError, match="no such file: .*missing.onnx"):
        read_model_signature(tmp_path / "missing.onnx")
    bad = tmp_path / "bad.onnx"
    bad.write_bytes(b"\x00\x01garbage that is not protobuf\xff")
    with pytest.raises(ModelError, match="bad.onnx is not an ONNX model"):
        read_model_signature(bad)
    as_json = tmp_path / "tokenizer.json"
    as_json.write_text('{"version": "1.0"}')
    with pytest.raises(ModelError, match="tokenizer.json is not an ONNX model"):
        read_model_signature(as_json)
    with pytest.raises(ModelError, match="not a file"):
        read_model_signature(tmp_path)
