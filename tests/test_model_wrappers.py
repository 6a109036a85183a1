"""The model wrapped in a class and built once at module level, the most common shape
of inference code (tests/fixtures/wrappers, docs/language.md "Module-level
instances"): an `Embedder` and a `Classifier` whose `__init__` creates the tokenizer
and the ONNX session from a folder named by its argument. Each is compiled, built,
and compared with CPython running the same file: on the tiny generated models of
tests/models/make_tiny.py, and the embedder on the real MiniLM when it is installed.
"""

from __future__ import annotations

import shutil
import sys
import threading
from pathlib import Path
from typing import Any

import pycomp
import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "wrappers"
sys.path.insert(0, str(ROOT / "tests" / "models"))
sys.path.insert(0, str(ROOT / "tests"))
pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")
pytest.importorskip("tokenizers")
import make_tiny
from pyref import load_python

pytestmark = pytest.mark.filterwarnings("ignore:.*ReadOnly.*:UserWarning")

DOCS = ["the cat sat on the mat", "a dog runs in the park", "hello world",
        "stock prices fell today"]
TEXTS = ["hello world", "the cat sat on the mat today", "a very long sentence " * 10, "?"]


def _model_dir(folder: Path, onnx: str, tokenizer: str) -> None:
    folder.mkdir(parents=True)
    shutil.copy2(onnx, folder / "model.onnx")
    shutil.copy2(tokenizer, folder / "tokenizer.json")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("wrappers")
    models = make_tiny.make_all(root / "gen")
    src = root / "src"
    _model_dir(src / "model", models["embed"], models["tokenizer"])
    _model_dir(src / "classifier", models["classifier"], models["tokenizer"])
    out: dict[str, Any] = {}
    for name in ("embedder", "classifier", "annotated", "lazy", "per_call", "feeds"):
        shutil.copy2(FIXTURES / f"{name}.py", src / f"{name}.py")
        bundle = Path(pycomp.build(src / f"{name}.py", root / "bundles" / name))
        out[name] = (pycomp.load(bundle), load_python(src / f"{name}.py"), bundle)
    return out


def _same_hits(got: list[Any], want: list[Any]) -> None:
    assert [type(h).__name__ for h in got] == [type(h).__name__ for h in want]
    assert [(h.index, h.text) for h in got] == [(h.index, h.text) for h in want]
    assert [h.score for h in got] == pytest.approx([h.score for h in want], abs=1e-5)


def test_embedder_class_equals_cpython(tiny: dict[str, Any]) -> None:
    lib, py, bundle = tiny["embedder"]
    for query in ("cat", "dog park", "hello"):
        for k in (1, 2, 4):
            _same_hits(lib.search(query, DOCS, k), py.search(query, DOCS, k))
        assert lib.best(query, DOCS) == py.best(query, DOCS)
    # the files named in `__init__` from its argument are in the bundle
    assert {p.name for p in (bundle / "assets").iterdir()} == {"model.onnx", "tokenizer.json"}


def test_classifier_class_equals_cpython(tiny: dict[str, Any]) -> None:
    lib, py, _ = tiny["classifier"]
    got, want = lib.predict(TEXTS), py.predict(TEXTS)
    assert [label for label, _ in got] == [label for label, _ in want]
    assert [p for _, p in got] == pytest.approx([p for _, p in want], abs=1e-6)
    assert lib.count_labels(TEXTS) == py.count_labels(TEXTS)
    # `enable_truncation(max_length=max_length)` in `__init__`, from the default 16
    long = "a very long sentence " * 10
    assert lib.token_count(long) == py.token_count(long) == 16
    with pytest.raises(ValueError, match="^no texts to classify$"):
        py.predict([])
    with pytest.raises(ValueError, match="^no texts to classify$"):
        lib.predict([])


def test_library_annotations_equal_cpython(tiny: dict[str, Any]) -> None:
    """Helpers and fields annotated `Tokenizer`, `ort.InferenceSession`, `list[Encoding]`
    take the module's objects, the model's outputs typed from the file they were loaded
    from."""
    lib, py, _ = tiny["annotated"]
    assert lib.token_counts(TEXTS) == py.token_counts(TEXTS)
    got, want = lib.embed_rows(TEXTS), py.embed_rows(TEXTS)
    assert [len(r) for r in got] == [len(r) for r in want]
    assert [x for r in got for x in r] == pytest.approx([x for r in want for x in r], abs=2e-5)
    assert lib.first_token_norms(DOCS) == pytest.approx(py.first_token_norms(DOCS), abs=2e-4)


def test_lazily_loaded_model_equals_cpython(tiny: dict[str, Any],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A session and a tokenizer held in module variables a `_load()` sets on first use
    (`global`), and in `functools` caches of a loading function: loaded at the first
    call, once, then shared; the files bundled as the module-level form's are."""
    lib, py, bundle = tiny["lazy"]
    monkeypatch.chdir(Path(py.__file__).parent)  # CPython loads from the working directory
    assert lib.loaded() == py.loaded() == [False, False]
    assert lib.token_counts(TEXTS) == py.token_counts(TEXTS)
    assert lib.loaded() == py.loaded() == [False, True]
    assert lib.cached_token_counts(TEXTS) == py.cached_token_counts(TEXTS)
    for text in DOCS:
        assert lib.embed_first(text) == pytest.approx(py.embed_first(text), abs=2e-5)
    assert lib.loaded() == py.loaded() == [True, True]
    assert lib.input_names() == py.input_names()
    assert lib.cache_stats() == py.cache_stats()
    assert {p.name for p in (bundle / "assets").iterdir()} == {"model.onnx", "tokenizer.json"}
    # four threads at once share the loaded objects
    want = py.token_counts(DOCS)
    results: list[Any] = []
    threads = [threading.Thread(target=lambda: results.append(
        (lib.token_counts(DOCS), lib.cached_token_counts(DOCS)))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [(want, want)] * 4


def test_wrapper_built_per_call_equals_cpython(tiny: dict[str, Any],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A class holding its tokenizer and session in fields, built inside the functions
    (its compiled struct starts from placeholders `__init__` replaces: it failed in cargo
    for want of a `Default` tokenizer and session), one loaded by a lazy property."""
    lib, py, _ = tiny["per_call"]
    monkeypatch.chdir(Path(py.__file__).parent)
    for text in DOCS:
        assert lib.embed(text) == pytest.approx(py.embed(text), abs=2e-5)
        assert lib.embed(text, False) == pytest.approx(py.embed(text, False), abs=2e-5)
        assert lib.count(text) == py.count(text)
    assert lib.loads(TEXTS) == py.loads(TEXTS) == 1


def test_feed_dict_from_a_helper_equals_cpython(tiny: dict[str, Any]) -> None:
    """A feed dict a helper returns, passed whole to `run` (its names checked at run
    time), `(hidden,) = session.run([...], feed)`, `np.broadcast_to` of the mask,
    `astype(float)`, `norm(ord=2, axis=1)`, a four-way `zip` and `Encoding.overflowing`."""
    lib, py, _ = tiny["feeds"]
    got, want = lib.embed(TEXTS), py.embed(TEXTS)
    assert (got.dtype, got.shape) == (want.dtype, want.shape)  # float64: astype(float)
    assert got.ravel().tolist() == pytest.approx(want.ravel().tolist(), abs=1e-6)
    for text in TEXTS:
        g, w = lib.token_table(text), py.token_table(text)
        assert [r.rsplit(":", 1)[0] for r in g] == [r.rsplit(":", 1)[0] for r in w]
    for text in TEXTS:  # the windows a truncation with a stride cuts off
        assert lib.windows(text) == py.windows(text)
    assert len(py.windows(TEXTS[2])) > 2
    # an input left out of the dict: onnxruntime's ValueError, which compiled code
    # extends with what the model expects
    with pytest.raises(ValueError) as want_err:
        py.without_token_types(TEXTS)
    with pytest.raises(ValueError) as got_err:
        lib.without_token_types(TEXTS)
    assert str(got_err.value).startswith(str(want_err.value).rstrip("."))


def test_module_instance_from_several_threads(tiny: dict[str, Any]) -> None:
    """Each thread builds its own instance; the resources are shared."""
    lib, py, _ = tiny["classifier"]
    want = py.predict(TEXTS)
    results: list[Any] = []
    threads = [threading.Thread(target=lambda: results.append(lib.predict(TEXTS)))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4
    for got in results:
        assert [label for label, _ in got] == [label for label, _ in want]


RAISING_CONSTRUCTOR = '''
class LabelMap:
    def __init__(self, names: list[str]) -> None:
        if len(set(names)) != len(names):
            raise ValueError(f"duplicate labels in {names}")
        self.names = names


LABELS = LabelMap(["a", "b", "a"])


def first() -> str:
    return LABELS.names[0]


def answer() -> int:
    return 42
'''


def test_module_instance_whose_constructor_raises(tmp_path: Path) -> None:
    """CPython fails at import; compiled code raises the same exception at each use
    (never a panic), and functions that do not read the instance work."""
    src = tmp_path / "labels.py"
    src.write_text(RAISING_CONSTRUCTOR)
    with pytest.raises(ValueError) as want:
        load_python(src)
    lib = pycomp.load(pycomp.build(src, tmp_path / "bundle"))
    for _ in range(2):
        with pytest.raises(ValueError) as got:
            lib.first()
        assert str(got.value) == str(want.value) == "duplicate labels in ['a', 'b', 'a']"
    assert lib.answer() == 42


def test_embedder_class_on_minilm(tmp_path: Path) -> None:
    """The trial as a user wrote it, on the real all-MiniLM-L6-v2."""
    from test_consumers import minilm_ready

    if not minilm_ready():
        pytest.skip("the MiniLM packages are not installed")
    src = tmp_path / "src"
    src.mkdir()
    (src / "model").symlink_to(ROOT / "examples" / "embed" / "model")
    shutil.copy2(FIXTURES / "embedder.py", src / "embedder.py")
    lib = pycomp.load(pycomp.build(src / "embedder.py", tmp_path / "bundle"))
    py = load_python(src / "embedder.py")
    docs = ["the cat sits on the mat", "stock markets fell sharply",
            "a kitten is resting on a rug", "rain is expected tomorrow"]
    for query in ("where is the cat?", "financial news", "weather forecast"):
        _same_hits(lib.search(query, docs, 3), py.search(query, docs, 3))
        assert lib.best(query, docs) == py.best(query, docs)
