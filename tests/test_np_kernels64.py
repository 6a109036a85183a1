"""np.exp / log / log1p / expm1 / log2 / log10 / tanh / sin / cos / sqrt of float64
arrays compute, bit for bit, what numpy computes on this machine
(templates/runtime_optional/npkern64.rs): numpy's CPU-dispatched loops (Intel SVML on
AVX-512 CPUs, numpy's own SIMD tanh on AVX2+FMA3 and AVX-512, the C library elsewhere).

Seeded random values over each function's whole domain, plus the edges: zeros, subnormals,
infinities, NaN, the overflow and underflow thresholds. Compared by bit pattern (any NaN
equals any NaN).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pycomp
import pytest

FUNCS = ("exp", "log", "tanh", "log2", "log10", "expm1", "log1p", "sin", "cos", "sqrt")

SOURCE = "import numpy as np\nimport numpy.typing as npt\n" + "".join(f'''

def np_{f}(a: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return np.{f}(a)
''' for f in FUNCS) + '''

def np_exp_2d(a: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return np.exp(a.reshape(-1, 3).T)


def np_log1p_ints(a: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    return np.log1p(a)
'''

EDGES = [0.0, -0.0, np.inf, -np.inf, np.nan, 5e-324, -5e-324, 2.2250738585072014e-308,
         2.225073858507201e-308, 1e-300, 1.0, -1.0, 0.5, 2.0, 1e-17, -1e-17, 0.9375, 1.0625,
         709.782712893384, 709.7827128933841, 709.78, 707.7032713517042, 707.70327135,
         -707.7032713517042, -708.3964185322641, -708.39641853226, -708.4, -740.0,
         -745.1332191019411, -745.13321910194, -745.2, 1e308, -1e308, 19.06, 22.0, -22.0,
         0.625, -0.625, 1e-9, -1e-9, 1.7976931348623157e308]


def _inputs() -> Any:
    rng = np.random.default_rng(20261208)
    raw = np.frombuffer(rng.bytes(8 * 100_000), dtype=np.float64)
    parts = [
        rng.uniform(-750.0, 750.0, 150_000),
        rng.standard_normal(150_000) * 4.0,
        rng.uniform(-1e-3, 1e-3, 50_000),
        np.exp(rng.uniform(-745.0, 709.0, 100_000)),
        rng.uniform(0.5, 2.0, 100_000),
        raw[np.isfinite(raw)],
        np.array(EDGES * 3),
    ]
    return np.concatenate(parts)


def _assert_same_bits(got: Any, want: Any, x: Any, name: str) -> None:
    assert got.dtype == want.dtype == np.float64 and got.shape == want.shape
    g, w = got.ravel(), want.ravel()
    differ = (g.view(np.uint64) != w.view(np.uint64)) & ~(np.isnan(g) & np.isnan(w))
    bad = np.nonzero(differ)[0]
    assert bad.size == 0, (name, bad.size, [(x.ravel()[i], g[i], w[i]) for i in bad[:5]])


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Any:
    work = tmp_path_factory.mktemp("npk64")
    src = Path(work / "npk64.py")
    src.write_text(SOURCE)
    return pycomp.load(pycomp.build(src, work / "bundle"))


@pytest.mark.parametrize("fn", FUNCS)
def test_float64_kernel_bit_for_bit(fn: str, compiled: Any) -> None:
    x = _inputs()
    with np.errstate(all="ignore"):
        want = getattr(np, fn)(x)
    _assert_same_bits(getattr(compiled, f"np_{fn}")(x), want, x, fn)


def test_float64_exp_of_a_strided_view(compiled: Any) -> None:
    x = _inputs()[:300_000]
    with np.errstate(all="ignore"):
        want = np.exp(x.reshape(-1, 3).T)
    _assert_same_bits(compiled.np_exp_2d(x), want, x.reshape(-1, 3).T, "exp_2d")


def test_float64_log1p_of_an_int_array(compiled: Any) -> None:
    """An int64 array's float64 result runs the same float64 kernel."""
    rng = np.random.default_rng(7)
    a = np.concatenate([rng.integers(-3, 2**62, 20_000), np.array([-1, 0, 1, 2**63 - 1])])
    with np.errstate(all="ignore"):
        want = np.log1p(a)
    _assert_same_bits(compiled.np_log1p_ints(a), want, a, "log1p of int64")
