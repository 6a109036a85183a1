"""A float array to a Python scalar power takes numpy's shortcuts bit for bit: `2` and
`2.0` are `np.square`, `-1` and `-1.0` `np.reciprocal`, `0.5` `np.sqrt`, for float64 and
float32 arrays (templates/runtime_optional/nd.rs `fast_scalar_power`). Through the C
library's `pow` instead, `x ** 2.0` differed from numpy's in the last place for about
0.06% of random x. Other exponents go through numpy's `power` loop (SVML's pow on AVX-512
CPUs), which compiled code does not reproduce there: warning W009
(tests/data/diagnostics-numpy-dtypes.test).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pycomp
import pytest

EXPONENTS = ("2", "2.0", "-1", "-1.0", "0.5")

SOURCE = "import numpy as np\nimport numpy.typing as npt\n" + "".join(f'''

def p{bits}(a: npt.NDArray[np.float{bits}]) -> list[npt.NDArray[np.float{bits}]]:
    return [{", ".join(f"a ** {e}" for e in EXPONENTS)}]
''' for bits in (64, 32))


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Any:
    work = tmp_path_factory.mktemp("nppow")
    src = Path(work / "nppow.py")
    src.write_text(SOURCE)
    return pycomp.load(pycomp.build(src, work / "bundle"))


def _inputs() -> Any:
    rng = np.random.default_rng(20261208)
    return np.concatenate([
        rng.uniform(0.0, 10.0, 100_000), -rng.uniform(0.0, 10.0, 20_000),
        np.exp(rng.uniform(-745.0, 709.0, 100_000)),
        np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 5e-324, 1e-200, 1e200, 1.0, -1.0]),
    ])


@pytest.mark.parametrize("bits", [64, 32])
def test_shortcut_powers_bit_for_bit(bits: int, compiled: Any) -> None:
    a = _inputs().astype(f"float{bits}")
    got = getattr(compiled, f"p{bits}")(a)
    for e, g in zip(EXPONENTS, got, strict=True):
        with np.errstate(all="ignore"):
            want = a ** (float(e) if "." in e else int(e))
        assert g.dtype == want.dtype and g.shape == want.shape
        differ = (g != want) & ~(np.isnan(g) & np.isnan(want))
        bad = np.nonzero(differ)[0]
        assert bad.size == 0, (e, bad.size, [(a[i], g[i], want[i]) for i in bad[:5]])
