"""Compiled `np.exp`, `np.log`, `np.tanh`, `np.sin`, `np.cos` (and the other
float ufuncs) of float32 and float16 arrays against numpy on this machine, bit
for bit (templates/runtime_optional/npkern32.rs ports numpy's float32 SIMD
kernels; bench/np_kernels.py measures every dispatch level).

Where numpy calls Intel's SVML (float32 log1p/expm1/log2/log10 and most float16
functions on an AVX-512 CPU, numpy's X86_V4), which pycomp does not reproduce,
the results must still be within 4 units in the last place (SVML's bound).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pyref import load_module

FLOAT32_PORTED = ["exp", "log", "tanh", "sin", "cos", "sqrt"]
FLOAT32_LIBM = ["log1p", "expm1", "log2", "log10"]  # SVML on X86_V4
FLOAT16 = FLOAT32_PORTED + FLOAT32_LIBM


def _avx512_skx() -> bool:
    """Whether numpy dispatches to its X86_V4 (AVX512_SKX) loops here."""
    from numpy._core._multiarray_umath import __cpu_features__ as cpu

    return bool(cpu.get("AVX512_SKX", False))


SOURCE = "import numpy as np\nimport numpy.typing as npt\n\n\n" + "\n\n".join(
    f"def {f}_{dt}(x: npt.NDArray[np.{dt}]) -> npt.NDArray[np.{dt}]:\n    return np.{f}(x)\n"
    for dt, funcs in (("float32", FLOAT32_PORTED + FLOAT32_LIBM), ("float16", FLOAT16))
    for f in funcs
) + """

def softmax(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def sigmoid(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    return 1 / (1 + np.exp(-x))


def log_softmax(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    s = x - x.max(axis=-1, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=-1, keepdims=True))


def gelu_tanh(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    c = np.float32(np.sqrt(2 / np.pi))
    return np.float32(0.5) * x * (1 + np.tanh(c * (x + np.float32(0.044715) * x * x * x)))


def exp_int16(x: npt.NDArray[np.int16]) -> npt.NDArray[np.float32]:
    return np.exp(x)
"""


def _float32_inputs() -> np.ndarray:
    rng = np.random.default_rng(11)
    tiny = np.finfo(np.float32).tiny
    big = np.finfo(np.float32).max
    edges = np.array([0.0, -0.0, 1.0, -1.0, np.inf, -np.inf, np.nan, big, -big, tiny, -tiny,
                      1e-45, -1e-45, 1e-40, -1e-40, 88.72283935546875, 88.7228, 89.0,
                      -103.97208, -103.9721, -104.0, -150.0, 1e30, -1e30, 71476.0625,
                      71476.07, 117435.99, 117436.0, -117436.0, 1e20], np.float32)
    # the half-way points of exp's and sin/cos's range reductions, and neighbours
    halves = np.concatenate([(np.arange(-151, 129) + 0.5) * np.log(2),
                             (np.arange(-1000, 1000) + 0.5) * (np.pi / 2)]).astype(np.float32)
    near = [halves]
    for direction in (np.inf, -np.inf):
        h = halves
        for _ in range(4):
            h = np.nextafter(h, np.float32(direction))
            near.append(h)
    bits = rng.integers(0, 2**32, 100_000, dtype=np.uint64).astype(np.uint32).view(np.float32)
    return np.concatenate([edges, *near, bits[np.isfinite(bits)],
                           rng.uniform(-12, 12, 100_000).astype(np.float32),
                           rng.uniform(-120, 120, 50_000).astype(np.float32)])


X32 = _float32_inputs()
X16 = np.arange(65536).astype(np.uint16).view(np.float16)  # every float16


@pytest.fixture(scope="module")
def case_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src: Path = tmp_path_factory.mktemp("np_kernels") / "np_kernels_case.py"
    src.write_text(SOURCE)
    return src


@pytest.fixture(scope="module")
def lib(case_file: Path) -> Any:
    import pycomp
    import pycomp.driver

    return pycomp.load(pycomp.driver.build(case_file, case_file.parent / "bundle"))


def _bits_differ(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Elements whose bits differ (a zero's sign counts), NaNs equal to NaNs."""
    assert a.dtype == b.dtype and a.shape == b.shape
    u = np.uint32 if a.dtype == np.float32 else np.uint16
    return (a.view(u) != b.view(u)) & ~(np.isnan(a) & np.isnan(b))


def _ulps(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Distance in units in the last place between finite values of one sign."""
    i = np.int64 if a.dtype == np.float32 else np.int32
    u = np.uint32 if a.dtype == np.float32 else np.uint16
    return np.abs(a.view(u).astype(i) - b.view(u).astype(i))


def _check(got: np.ndarray, want: np.ndarray, x: np.ndarray, exact: bool) -> None:
    assert got.dtype == want.dtype and got.shape == want.shape
    got, want, x = got.ravel(), want.ravel(), x.ravel()
    bad = _bits_differ(got, want)
    if not exact and bad.any():
        # numpy's SVML loops (accurate to 4 ulps): at most 4 ulps apart
        # (both NaN or both not, same sign, finite or the same infinity).
        assert (np.isnan(got) == np.isnan(want)).all()
        far = bad & ~(np.signbit(got) == np.signbit(want)) | bad & (_ulps(got, want) > 4)
        assert not far.any(), (x[far][:5], got[far][:5], want[far][:5])
        return
    assert not bad.any(), (int(bad.sum()), x[bad][:5], got[bad][:5], want[bad][:5])


@pytest.mark.parametrize("f", FLOAT32_PORTED + FLOAT32_LIBM)
def test_float32_ufunc_exact(lib: Any, f: str) -> None:
    with np.errstate(all="ignore"):
        want = getattr(np, f)(X32)
    got = np.asarray(getattr(lib, f"{f}_float32")(X32))
    _check(got, want, X32, exact=f in FLOAT32_PORTED or not _avx512_skx())


@pytest.mark.parametrize("f", FLOAT16)
def test_float16_ufunc_exact(lib: Any, f: str) -> None:
    with np.errstate(all="ignore"):
        want = getattr(np, f)(X16)
    got = np.asarray(getattr(lib, f"{f}_float16")(X16))
    # numpy's float16 tanh, log, log1p, log2 and sqrt agree with libm's float
    # functions on AVX-512 too (SVML rounds them the same way).
    same_on_avx512 = f in ("tanh", "log", "log1p", "log2", "sqrt")
    _check(got, want, X16, exact=same_on_avx512 or not _avx512_skx())


def test_float32_kernels_in_programs(lib: Any, case_file: Path) -> None:
    """softmax, sigmoid, log-softmax and tanh-GELU of logits, bit for bit."""
    rng = np.random.default_rng(5)
    logits = (rng.standard_normal((64, 1000)) * 4).astype(np.float32)
    ref = load_module(case_file, "pycomp_np_kernels_case")  # the same source in CPython
    with np.errstate(all="ignore"):
        for name in ("softmax", "sigmoid", "log_softmax", "gelu_tanh"):
            want = getattr(ref, name)(logits)
            got = np.asarray(getattr(lib, name)(logits))
            _check(got, want, logits, exact=True)
        ids = np.arange(-32768, 32768, dtype=np.int64).astype(np.int16)
        _check(np.asarray(lib.exp_int16(ids)), np.exp(ids), ids, exact=True)
