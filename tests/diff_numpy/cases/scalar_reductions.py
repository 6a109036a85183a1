"""Reductions over every element (`x.max()`, `np.sum(x)`, `a @ b` of 1-D arrays,
`np.linalg.norm(x)` ...): numpy scalars of the result dtype, as numpy gives them
(a float32 maximum prints as float32 and computes in float32); a numpy scalar
returned where `float`/`int` is declared is converted to the Python number."""

import numpy as np
import numpy.typing as npt


def float32_texts(x: npt.NDArray[np.float32]) -> list[str]:
    """str/repr of every reduction of a float32 array."""
    a = x.reshape(-1)
    return [str(a.max()), repr(np.min(a)), str(a.sum()), repr(np.prod(a)), str(a.mean()),
            repr(a.std()), str(np.var(a)), repr(np.median(a)), str(np.percentile(a, 50)),
            repr(np.quantile(a, 0.25)), str(np.linalg.norm(a)), repr(a.argmax()),
            str(np.argmin(a)), repr(a.any()), str(np.all(a > 0))]


def float64_texts(x: npt.NDArray[np.float64]) -> list[str]:
    """The same reductions of a float64 array: np.float64 scalars."""
    a = x.reshape(-1)
    return [str(a.max()), repr(np.min(a)), str(a.sum()), repr(np.prod(a)), str(a.mean()),
            repr(a.std()), str(np.var(a)), repr(np.median(a)), str(np.percentile(a, 50)),
            repr(np.quantile(a, 0.25)), str(np.linalg.norm(a)), repr(a.argmax()),
            str(np.argmin(a)), repr(a.any()), str(np.all(a > 0))]


def arithmetic(x: npt.NDArray[np.float32]) -> list[str]:
    """Arithmetic with a reduction keeps numpy's dtype: float32 with Python floats,
    float64 with a float64 scalar; comparisons give numpy bools."""
    a = x.reshape(-1)
    lo = a.min()
    hi = a.max()
    span = hi - lo
    return [repr(lo * 2.0), repr(span / 3), repr(hi + np.float64(1.0)), repr(a.sum() > 1.0),
            repr(-lo), repr(abs(lo)), str(((a - lo) / (span + 1e-6))[-1]), f"{hi:.3f}", f"{hi}"]


def inner(a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]) -> list[str]:
    """`a @ b`, `np.dot`, `a.dot(b)` of two 1-D arrays; a mismatch raises."""
    u = a.reshape(-1)
    v = b.reshape(-1)
    return [repr(u @ v), str(np.dot(u, v)), repr(u.dot(v)), repr(np.matmul(u, v) * 0.5)]


def ints(ids: npt.NDArray[np.int32]) -> list[str]:
    """Reductions of int32 arrays: sum widens to int64, max stays int32, mean is float64."""
    a = ids.reshape(-1)
    return [repr(a.sum()), repr(a.max()), repr(a.mean()), repr(a.max() + 1),
            repr(a.argmax()), repr(np.prod(a)), str(a.min() // 2)]


def score(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> float:
    """A float64 numpy scalar returned as `float`: converted, the same value."""
    return a.reshape(-1) @ b.reshape(-1)


def top(x: npt.NDArray[np.float64]) -> tuple[int, float]:
    """The argmax and the maximum returned as Python numbers (int64, float64)."""
    a = x.reshape(-1)
    best: int = a.argmax()
    return best, a.max()


def empty_max(x: npt.NDArray[np.float32]) -> str:
    """max of an empty array raises numpy's ValueError."""
    return str(x.max()) + " " + str(x.sum())
