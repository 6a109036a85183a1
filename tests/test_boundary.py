"""The bundle boundary from Python and Node: native per-function callables,
zero-copy array results (numpy arrays over the library's result buffer,
freed when collected; typed arrays in Node, freed by a finalizer), packed
numeric lists and buffer-protocol inputs, async Node calls, and the Node
binding's refusals. Built from tests/fixtures/boundary.py."""

from __future__ import annotations

import gc
import importlib.util
import inspect
import json
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest

pycomp = pytest.importorskip("pycomp")
np = pytest.importorskip("numpy")
from pycomp import _loader

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "tests" / "fixtures" / "boundary.py"
NODE = shutil.which("node")
HAS_KOFFI = (ROOT / "node_modules" / "koffi").exists()


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pycomp.build(SOURCE, tmp_path_factory.mktemp("boundary") / "boundary")


@pytest.fixture(scope="module")
def lib(bundle: Path) -> Any:
    return pycomp.load(bundle)


def rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_functions_are_native_callables(lib: Any) -> None:
    f = lib.scaled
    assert isinstance(f, _loader.Function)
    assert f.__name__ == "scaled" and f.__doc__ == "x times k."
    assert list(inspect.signature(f).parameters) == ["x", "k"]
    assert lib.slow(10) == sum(i * i for i in range(10)) % 1000003


def test_array_results_view_the_native_buffer(lib: Any) -> None:
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    y = lib.scaled(x, 2.0)
    assert y.dtype == np.float32 and y.shape == (2, 3)
    assert (y == x * 2).all()
    assert type(y.base).__name__ == "ArrayView"  # no copy: a view of the result buffer
    assert y.ctypes.data % 16 == 0
    y[0, 0] = 7.0  # writable, and ours alone
    assert y[0, 0] == 7.0
    arr, word = lib.pair(np.array([1.0, 2.0]))
    assert word == "ok" and arr.tolist() == [2.0, 3.0]
    del lib  # the view keeps the buffer (and the library) alive
    gc.collect()
    assert arr.tolist() == [2.0, 3.0]


def test_array_results_export_dlpack_without_a_copy(lib: Any) -> None:
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    y = lib.scaled(x, 3.0)
    assert y.__dlpack_device__() == (1, 0)  # kDLCPU, device 0
    z = np.from_dlpack(y)  # a DLPack consumer (torch.from_dlpack takes the same capsule)
    assert np.shares_memory(z, y) and z.ctypes.data == y.ctypes.data
    del y
    gc.collect()  # the capsule's tensor keeps the native buffer alive
    assert z.tolist() == (x * 3).tolist()


def test_no_leak_over_10000_calls(lib: Any) -> None:
    x = np.ones(4096, dtype=np.float32)
    for _ in range(500):
        lib.scaled(x, 2.0)
    gc.collect()
    before = rss()
    total = 0.0
    for _ in range(10_000):
        total += float(lib.scaled(x, 2.0)[4095])
    gc.collect()
    grown = rss() - before
    assert total == 20_000.0
    # 10,000 results of 16 KiB are 160 MiB: what is left must be far less.
    assert grown < 40 * 2**20, f"RSS grew by {grown} bytes"


def outcome(f: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        r = f(*args, **kwargs)
    except Exception as e:
        return ("raised", type(e), str(e))
    return ("ok", type(r), r)


def test_number_functions_answer_as_cpython(lib: Any) -> None:
    # Numbers in and out (at most 3 parameters) go through the typed entry
    # point; arguments not exactly int/float, and keywords, through PCV.
    spec = importlib.util.spec_from_file_location("boundary_py", SOURCE)
    assert spec is not None and spec.loader is not None
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    calls: list[tuple[str, tuple[Any, ...]]] = [
        ("ratio", (7.0, 2)), ("ratio", (1.5, 0)), ("ratio", (-0.0, -3)), ("ratio", (7, 2)),
        ("ratio", (True, 4)), ("ratio", (float("inf"), 1)),
        ("at_least", (5, 2.5)), ("at_least", (2, 2.5)), ("at_least", (3, float("nan"))),
        ("at_least", (False, 0.0)),
        ("mix", (1, 2.5, -3)), ("mix", (2**62, 4.0, 1)), ("four", (1, 2, 3, 4)),
        ("four", (1, 2, 3, 0)), ("slow", (10,)), ("slow", (0,)), ("slow", (-5,)),
    ]
    for name, args in calls:
        for _ in range(3):  # the first call releases the GIL, the next ones keep it
            assert outcome(getattr(lib, name), *args) == outcome(getattr(ref, name), *args), \
                (name, args)
    assert lib.ratio(b=4, a=1.0) == 0.25
    assert lib.ratio(1.0, b=4) == 0.25
    with pytest.raises(TypeError, match=r"argument 'a' must be float, not str"):
        lib.ratio("7", 2)
    with pytest.raises(OverflowError, match="too large to convert"):
        lib.at_least(2**70, 1.0)
    with pytest.raises(TypeError, match=r"takes 2 positional arguments but 3 were given"):
        lib.ratio(1.0, 2, 3)


def test_a_long_call_after_short_ones_gives_the_gil_back(lib: Any) -> None:
    for _ in range(5):
        lib.slow(1)  # short calls: the next one keeps the GIL
    n = 100_000
    while True:  # a call long enough to tick the coarse clock hands the GIL back
        start = time.monotonic()
        lib.slow(n)
        if time.monotonic() - start >= 0.2:
            break
        n *= 2
    done = threading.Event()
    ticks = 0

    def call() -> None:
        lib.slow(n)
        done.set()

    t = threading.Thread(target=call)
    t.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    t.join()
    assert ticks > 20  # with the GIL held for >= 0.2 s this thread could not run


def test_packed_lists_and_buffers(lib: Any) -> None:
    import array

    assert lib.total([0.5, 1.5, 2]) == 4.0
    assert lib.total(np.array([1.0, 2.0])) == 3.0
    assert lib.total(array.array("d", [1.0, 2.5])) == 3.5
    assert lib.evens(7) == [0, 2, 4, 6]
    with pytest.raises(TypeError, match=r"total\(\) argument 'xs' must be list\[float\], "
                                        r"but xs\[1\] is str, not float"):
        lib.total([1.0, "x"])
    with pytest.raises(TypeError, match=r"not ndarray\[float64, ndim=2\]"):
        lib.total(np.zeros((2, 2)))


def test_bad_array_arguments(lib: Any) -> None:
    with pytest.raises(TypeError, match=r"must be ndarray\[float32\], not ndarray\[float64\]"):
        lib.scaled(np.zeros(3), 1.0)
    with pytest.raises(TypeError, match=r"must be ndarray\[float32\], not list"):
        lib.scaled([1.0], 1.0)
    with pytest.raises(UnicodeEncodeError):
        lib.echo("a\ud800")


def run_node(bundle: Path, test: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(NODE), "--expose-gc", "--test", str(ROOT / "tests" / "node" / test)],
        capture_output=True, text=True, check=False,
        env=dict(os.environ, PYCOMP_NODE_BUNDLE=str(bundle), NODE_PATH=str(ROOT / "node_modules"),
                 **env))


@pytest.mark.skipif(NODE is None or not HAS_KOFFI, reason="needs node and koffi")
def test_node_boundary(bundle: Path) -> None:
    proc = run_node(bundle, "boundary.test.js")
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-3000:]


def node_require(bundle: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(NODE), "-e", f"require({json.dumps(str(bundle / 'node'))})"],
                          capture_output=True, text=True, check=False,
                          env=dict(os.environ, NODE_PATH=str(ROOT / "node_modules")))


@pytest.mark.skipif(NODE is None or not HAS_KOFFI, reason="needs node and koffi")
def test_node_refuses_a_manifest_that_is_not_the_library_s(bundle: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(bundle, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["functions"][0]["symbol"] = "boundary_free_buffer"
    (copy / "manifest.json").write_text(json.dumps(manifest))
    proc = node_require(copy)
    assert proc.returncode != 0
    assert "does not match the manifest embedded" in proc.stderr
    manifest["abi_version"] = 1
    (copy / "manifest.json").write_text(json.dumps(manifest))
    proc = node_require(copy)
    assert "ABI version 1, but this binding supports ABI version 2" in proc.stderr


@pytest.mark.skipif(NODE is None or not HAS_KOFFI, reason="needs node and koffi")
def test_node_checks_the_bundle_files(bundle: Path, tmp_path: Path) -> None:
    import hashlib

    copy = tmp_path / "copy"
    shutil.copytree(bundle, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    library = copy / manifest["library"]
    digest = hashlib.sha256(library.read_bytes()).hexdigest()
    manifest["files"] = {manifest["library"]: {"size": library.stat().st_size, "sha256": digest}}
    (copy / "manifest.json").write_text(json.dumps(manifest))
    assert node_require(copy).returncode == 0, node_require(copy).stderr
    manifest["files"][manifest["library"]]["sha256"] = "0" * 64
    (copy / "manifest.json").write_text(json.dumps(manifest))
    proc = node_require(copy)
    assert proc.returncode != 0
    assert f"its file {manifest['library']} is damaged: its SHA-256 differs" in proc.stderr
    manifest["files"] = {"../x": {"size": 1, "sha256": digest}}
    (copy / "manifest.json").write_text(json.dumps(manifest))
    assert "names a file outside the bundle" in node_require(copy).stderr
