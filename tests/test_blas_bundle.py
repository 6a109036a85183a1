"""numpy's OpenBLAS in a bundle (docs/architecture.md, "numpy's OpenBLAS"):
copied from the numpy wheel only into bundles whose code makes float matrix
products, loaded at the first product, a RuntimeError (never a crash or another
result) where it cannot be loaded, and the same bits as numpy at one thread and
at numpy's default thread count."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pycomp
import pytest

SOURCE = '''
import numpy as np
import numpy.typing as npt


def sim(a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    return a @ b.T


def ints(a: npt.NDArray[np.int64], b: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    return a @ b


def norm(a: npt.NDArray[np.float64]) -> float:
    return float(np.linalg.norm(a))
'''

NO_PRODUCT = '''
import numpy as np
import numpy.typing as npt


def total(a: npt.NDArray[np.float32]) -> float:
    return float(a.sum())
'''


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("blas")
    (d / "mm.py").write_text(SOURCE)
    return pycomp.build(d / "mm.py", d / "bundle")


def run(bundle: Path, code: str, **env: str) -> subprocess.CompletedProcess[str]:
    script = "import numpy as np, pycomp\n" \
             f"lib = pycomp.load({str(bundle)!r})\n" \
             "rng = np.random.default_rng(5)\n" + textwrap.dedent(code)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={**os.environ, **env}, check=False, timeout=600)


def test_the_bundle_carries_numpys_openblas(bundle: Path) -> None:
    files = json.loads((bundle / "manifest.json").read_text())["files"]
    blas = [f for f in files if f.startswith("libscipy_openblas")]
    assert len(blas) == 1 and (bundle / blas[0]).is_file()
    # the libraries it links through its $ORIGIN run path come with it
    assert any(f.startswith("libgfortran") for f in files)
    assert any(f.startswith("libquadmath") for f in files)


def test_a_bundle_without_products_carries_no_blas(tmp_path: Path) -> None:
    (tmp_path / "tot.py").write_text(NO_PRODUCT)
    out = pycomp.build(tmp_path / "tot.py", tmp_path / "bundle")
    assert not list(out.glob("libscipy_openblas*"))
    assert pycomp.load(out).total(np.ones(3, dtype=np.float32)) == 3.0


def test_products_equal_numpys_at_one_and_default_threads(bundle: Path) -> None:
    code = '''
    a = rng.standard_normal((300, 384)).astype(np.float32)
    b = rng.standard_normal((257, 384)).astype(np.float32)
    x = rng.standard_normal(300_000)
    assert np.array_equal(lib.sim(a, b), a @ b.T)
    assert np.array_equal(lib.sim(a, a), a @ a.T)
    assert lib.norm(x) == float(np.linalg.norm(x))
    print("same")
    '''
    for env in ({}, {"OPENBLAS_NUM_THREADS": "1"}):
        proc = run(bundle, code, **env)
        assert proc.returncode == 0 and proc.stdout == "same\n", (env, proc.stderr)


def test_a_library_that_cannot_load_raises_runtime_error(bundle: Path) -> None:
    code = '''
    print(lib.ints(np.eye(2, dtype=np.int64), np.ones((2, 2), dtype=np.int64)).tolist())
    a = np.ones((2, 3), dtype=np.float32)
    for _ in range(2):
        try:
            lib.sim(a, a)
        except RuntimeError as e:
            print(str(e))
    '''
    proc = run(bundle, code, PYCOMP_BLAS_LIBRARY="/nonexistent/libblas.so")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "[[1, 1], [1, 1]]"  # int products need no BLAS
    assert lines[1] == lines[2]
    assert lines[1].startswith("cannot load numpy's OpenBLAS, which computes float matrix "
                               "products as numpy does, from '/nonexistent/libblas.so': no such file")
    not_blas = next(bundle.glob("libquadmath*"))
    proc = run(bundle, code, PYCOMP_BLAS_LIBRARY=str(not_blas))
    assert proc.returncode == 0, proc.stderr
    assert "has no 64-bit CBLAS function cblas_sgemm" in proc.stdout.splitlines()[1]


def test_without_numpys_openblas_products_use_numpys_loops_and_warn(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where numpy has no OpenBLAS of its own (built against Accelerate or MKL), the
    compiler says so (W013) and the bundle computes products with numpy's loops
    without BLAS (one product after the other, in the dtype), not a RuntimeError."""
    from pycomp import emit, infer
    from pycomp.diagnostics import CompileWarning

    monkeypatch.setattr(infer, "numpy_blas_library", lambda: None)
    monkeypatch.setattr(emit, "numpy_blas_library", lambda: None)
    monkeypatch.setattr(emit, "numpy_blas_libraries", list)
    monkeypatch.delenv("PYCOMP_BLAS_LIBRARY", raising=False)
    (tmp_path / "mm.py").write_text(SOURCE)
    with pytest.warns(CompileWarning, match=r"W013"):
        out = pycomp.build(tmp_path / "mm.py", tmp_path / "bundle")
    assert not any(p.name.startswith("libscipy_openblas") for p in out.iterdir())
    lib = pycomp.load(out)
    rng = np.random.default_rng(9)
    a = rng.standard_normal((3, 70)).astype(np.float32)
    b = rng.standard_normal((4, 70)).astype(np.float32)
    want = np.zeros((3, 4), dtype=np.float32)
    for i in range(3):
        for j in range(4):
            acc = np.float32(0.0)
            for t in range(70):
                acc = np.float32(acc + a[i, t] * b[j, t])
            want[i, j] = acc
    got = lib.sim(a, b)
    assert got.dtype == np.float32 and np.array_equal(got, want)
    v = rng.standard_normal(50)
    assert lib.norm(v) == float(np.sqrt(sum(float(x) * float(x) for x in v)))
