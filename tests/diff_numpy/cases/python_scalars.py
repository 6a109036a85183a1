"""numpy functions given Python numbers, as people write them: `np.sqrt(d)` for a
scale, `np.exp(-t)`, `np.maximum(x, 0.0)`, `np.isnan(v)`, `np.abs(n)`. numpy converts
the number with np.asarray (bool, int64 or float64) and gives a numpy scalar, strong
under NEP 50: `float32_array / np.sqrt(d)` is float64."""

import numpy as np
import numpy.typing as npt


def scaled_scores(q: npt.NDArray[np.float32], k: npt.NDArray[np.float32]) -> np.ndarray:
    """Attention scores scaled by np.sqrt of the (int) head size: float64, as numpy."""
    return q @ k.T / np.sqrt(q.shape[-1])


def decayed(x: npt.NDArray[np.float32], t: float) -> np.ndarray:
    """A decay by np.exp(-t): the float64 scalar makes the array float64."""
    if t < 0:
        raise ValueError(f"t must be non-negative, got {t}")
    return x * np.exp(-t)


def kept_float32(x: npt.NDArray[np.float32], d: float) -> npt.NDArray[np.float32]:
    """The same scale cast back with np.float32: the array stays float32."""
    if d <= 0:
        raise ValueError(f"d must be positive, got {d}")
    return x / np.float32(np.sqrt(d))


def ufunc_reprs(x: float) -> str:
    """repr of ufuncs of a Python float: np.float64 scalars (nan out of the domain);
    the correctly rounded ones, whose last digit numpy's SIMD loops share."""
    parts = [np.sqrt(x), np.floor(x), np.ceil(x), np.sign(x), np.abs(x), np.square(x)]
    return " ".join(repr(p) for p in parts)


def transcendental(x: float) -> list[float]:
    """np.exp/np.log/np.log1p/np.tanh of a Python float (inf and nan, no exception)."""
    return [float(np.exp(x)), float(np.log(x)), float(np.log1p(x)), float(np.tanh(x)),
            float(np.log2(x)), float(np.expm1(x))]


def int_ufuncs(n: int) -> str:
    """Python ints become int64: np.abs/np.square/np.maximum stay int, np.sqrt float."""
    return (repr(np.abs(n)) + " " + repr(np.square(n)) + " " + repr(np.maximum(n, 0)) + " "
            + repr(np.maximum(n, 0.5)) + " " + repr(np.sqrt(n)) + " " + repr(np.sign(n)))


def relu_report(x: float) -> str:
    """np.maximum(x, 0.0) printed with str, repr and an f-string spec."""
    y = np.maximum(x, 0.0)
    return f"{y} {y!r} {y:.2f} {np.minimum(x, 1)}"


def value_checks(x: float) -> list[bool]:
    """np.isnan / np.isinf / np.isfinite of a Python float, converted with bool()."""
    if x == 0.0:
        raise ZeroDivisionError("zero is not a measurement")
    return [bool(np.isnan(x)), bool(np.isinf(x)), bool(np.isfinite(x)),
            bool(np.logical_not(x > 1.0))]


def clipped(x: float, lo: float, hi: float) -> str:
    """np.clip and np.round of Python floats: numpy scalars (numpy's rounding)."""
    if lo > hi:
        raise ValueError(f"empty range [{lo}, {hi}]")
    return repr(np.clip(x, lo, hi)) + " " + repr(np.round(x, 2)) + " " + repr(np.round(x))


def total_log_prob(probs: list[float]) -> float:
    """A sum of np.log of Python floats, each converted with float()."""
    total = 0.0
    for p in probs:
        if p <= 0.0:
            raise ValueError(f"probability must be positive, got {p}")
        total += float(np.log(p))
    return total
