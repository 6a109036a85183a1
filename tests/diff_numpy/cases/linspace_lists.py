"""`np.linspace` and numpy functions given Python lists, as calibration and
post-processing code writes them: ECE bin edges, evenly spaced thresholds, a
grid of temperatures, `np.argmax(scores)` of a `list[float]` picking a label,
`np.mean(xs)` / `np.std(xs)` / `np.max(xs)` of a list. numpy converts a list with
np.asarray (an empty list is a float64 array, so the functions whose result
would depend on that take lists of ints only where it cannot)."""

import numpy as np
import numpy.typing as npt

LABELS = ["negative", "neutral", "positive"]


def bin_edges(n_bins: int) -> list[float]:
    """ECE bin edges: numpy's exact points (i * step + start, the last one `stop`)."""
    return np.linspace(0.0, 1.0, n_bins + 1).tolist()


def expected_calibration_error(conf: npt.NDArray[np.float64], correct: npt.NDArray[np.bool],
                               n_bins: int) -> float:
    """ECE with boolean masks per bin between linspace edges."""
    if conf.shape != correct.shape:
        raise ValueError(f"shapes differ: {conf.shape} and {correct.shape}")
    edges = np.linspace(0, 1, n_bins + 1)
    ece = 0.0
    for i in range(n_bins):
        in_bin = (conf > edges[i]) & (conf <= edges[i + 1])
        if in_bin.any():
            gap = abs(float(conf[in_bin].mean()) - float(correct[in_bin].mean()))
            ece += gap * float(in_bin.mean())
    return ece


def thresholds(lo: float, hi: float, n: int, endpoint: bool) -> str:
    """Evenly spaced thresholds printed as numpy prints them (`num` may be 0 or 1;
    a negative one raises numpy's ValueError)."""
    return repr(np.linspace(lo, hi, n, endpoint=endpoint))


def temperature_grid(n: int) -> str:
    """float32 and int grids from `dtype=` (an int dtype floors the points)."""
    t = np.linspace(0.5, 2.0, num=n, dtype=np.float32)
    k = np.linspace(-3, 3.5, n, dtype=np.int64)
    return f"{t!r} {k.tolist()}"


def grid_step(lo: float, hi: float) -> str:
    """retstep=True: the points and the step, a numpy float64."""
    pts, step = np.linspace(lo, hi, 4, retstep=True)
    if step < 0:
        raise ValueError(f"descending grid: step {step}")
    return f"{pts.tolist()} {step!r}"


def best_label(scores: list[float]) -> str:
    """`LABELS[np.argmax(scores)]` of a Python list (an empty one raises numpy's
    ValueError); NaN wins as in numpy."""
    return LABELS[np.argmax(scores)]


def closest(values: list[int], target: int) -> int:
    """`np.argmin` of a list of ints built by a comprehension."""
    return int(np.argmin([abs(v - target) for v in values]))


def summary(xs: list[float]) -> str:
    """np.mean / np.std / np.max / np.min / np.sum / np.median of a list of floats:
    numpy scalars (np.max of an empty list raises numpy's ValueError)."""
    return (f"{np.mean(xs)!r} {np.std(xs):.6f} {np.max(xs)!r} {np.min(xs)} "
            f"{np.sum(xs)!r} {np.median(xs)!r}")


def int_summary(xs: list[int]) -> str:
    """Lists of ints: the functions whose result an empty list would not change
    (mean, max, argmax raise or give float64 either way)."""
    return f"{np.mean(xs)!r} {np.max(xs)!r} {np.argmax(xs)!r} {np.var(xs)!r}"


def flags(xs: list[bool], ys: list[float]) -> str:
    """np.any / np.all / np.mean of a list of bools; a ufunc of a list of floats
    gives an array (nan out of the domain)."""
    return f"{np.any(xs)!r} {np.all(xs)!r} {np.mean(xs)!r} {np.sqrt(ys).tolist()}"

