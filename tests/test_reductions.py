"""numpy reductions start from numpy's identities: the sum of nothing or of -0.0s is
0.0, the product of nothing 1, for every dtype; empty max/min raise numpy's error.

Compared exactly with numpy, the sign of zero included.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pycomp
import pytest
from pyref import load_python

DTYPES = ("float32", "float64", "int32", "int64")

# numpy warns on the mean of an empty array (and returns nan, as compiled code does).
pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")

SOURCE = "import numpy as np\nimport numpy.typing as npt\n" + "".join(
    f'''

def sum_{d}(a: npt.NDArray[np.{d}]) -> float:
    return float(np.sum(a))


def prod_{d}(a: npt.NDArray[np.{d}]) -> float:
    return float(np.prod(a))


def max_{d}(a: npt.NDArray[np.{d}]) -> float:
    return float(np.max(a))


def sum_rows_{d}(a: npt.NDArray[np.{d}]) -> float:
    return float(np.sum(a.reshape(-1, 1), axis=0)[0])
''' for d in DTYPES) + "".join(f'''

def mean_{d}(a: npt.NDArray[np.{d}]) -> float:
    return float(np.mean(a))
''' for d in ("float32", "float64"))


def _arrays(dtype: str) -> list[Any]:
    zero = -0.0 if dtype.startswith("float") else 0
    return [np.array([], dtype=dtype)] + [np.full(n, zero, dtype=dtype) for n in (1, 2, 7, 8, 9, 100)]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) ==
                                                      math.copysign(1, b))
    return bool(a == b)


def _outcome(fn: Any, a: Any) -> Any:
    try:
        with np.errstate(all="ignore"):
            return fn(a)
    except Exception as e:
        return type(e).__name__


@pytest.fixture(scope="module")
def modules(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    work = tmp_path_factory.mktemp("reductions")
    src = work / "reductions.py"
    src.write_text(SOURCE)
    return pycomp.load(pycomp.build(src, work / "bundle")), load_python(Path(src))


@pytest.mark.parametrize("dtype", DTYPES)
def test_reduction_identities_match_numpy(dtype: str, modules: tuple[Any, Any]) -> None:
    compiled, ref = modules
    names = ["sum", "prod", "max", "sum_rows"] + (["mean"] if dtype.startswith("float") else [])
    for name in names:
        for a in _arrays(dtype):
            fn = f"{name}_{dtype}"
            want, got = _outcome(getattr(ref, fn), a), _outcome(getattr(compiled, fn), a)
            assert _same(got, want), (fn, a.tolist(), want, got)
