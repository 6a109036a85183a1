"""The compile-time side of models: `pycomp.onnxmeta` reading model signatures,
and the tiny models of `make_tiny.py` (deterministic, runnable in onnxruntime).

The runtime side (`pcrt::tok`, `pcrt::onnx`, `pcrt::assets`) is tested in
Rust: `cargo test -p pcrt-tests --features models --test models`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import subprocess
import sys
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


def test_signature_of_every_value_kind(tmp_path):
    """Sequences, maps, optionals, sparse tensors, named/fixed/unnamed dims and a sparse
    initializer (not an input a caller feeds), read without the `onnx` package."""
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper

    def info(name: str, tp) -> object:
        return helper.make_value_info(name, tp)

    dims = helper.make_tensor_type_proto(TensorProto.FLOAT, ["batch", 4, None])
    graph = helper.make_graph(
        [helper.make_node("Identity", ["x"], ["y"])], "kinds",
        [info("x", dims),
         info("seq", helper.make_sequence_type_proto(
             helper.make_tensor_type_proto(TensorProto.DOUBLE, None))),
         info("m", helper.make_map_type_proto(
             TensorProto.INT64, helper.make_tensor_type_proto(TensorProto.STRING, None))),
         info("opt", helper.make_optional_type_proto(
             helper.make_tensor_type_proto(TensorProto.INT32, [2]))),
         info("sp", helper.make_sparse_tensor_type_proto(TensorProto.FLOAT, [3])),
         info("w", helper.make_tensor_type_proto(TensorProto.FLOAT, [3]))],
        [info("y", dims)],
        sparse_initializer=[helper.make_sparse_tensor(
            helper.make_tensor("w", TensorProto.FLOAT, [1], [1.0]),
            helper.make_tensor("w_idx", TensorProto.INT64, [1], [0]), [3])])
    path = tmp_path / "kinds.onnx"
    onnx.save(helper.make_model(graph), str(path))
    sig = read_model_signature(path)
    assert sig.inputs == (
        ("x", "float32", ("batch", 4, -1)),
        ("seq", "seq(tensor(double))", ()),
        ("m", "map(int64,tensor(string))", ()),
        ("opt", "optional(tensor(int32))", ()),
        ("sp", "unknown", ()),
    )
    assert sig.outputs == (("y", "float32", ("batch", 4, -1)),)


def test_reading_a_signature_does_not_import_onnx(tiny):
    """`import onnx` alone takes about a second; the compiler never needs it."""
    code = ("import sys\nfrom pycomp.onnxmeta import read_model_signature\n"
            f"read_model_signature({str(tiny['embed'])!r})\n"
            "assert 'onnx' not in sys.modules, 'onnx was imported'\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
