"""Percentiles, quantiles and medians of model outputs (numpy's default
'linear' method, axes, lists of q), and helpers whose rank follows the call."""

import numpy as np
import numpy.typing as npt


def latency_report(ms: npt.NDArray[np.float64]) -> str:
    p50, p90, p99 = np.percentile(ms, [50, 90, 99])
    return f"p50={p50:.2f} p90={p90:.2f} p99={p99:.2f} median={np.median(ms):.2f}"


def score_cutoff(scores: npt.NDArray[np.float32], q: float) -> list[int]:
    cut = np.quantile(scores, q)
    return [i for i, s in enumerate(scores) if s >= cut]


def robust_scale(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    q1 = np.percentile(x, 25, axis=0)
    q3 = np.percentile(x, 75, axis=0)
    med = np.median(x, axis=0)
    return (x - med) / np.maximum(q3 - q1, 1e-6)


def row_percentiles(x: npt.NDArray[np.int64], q: int) -> list[float]:
    return np.percentile(x, q, axis=1).tolist()


def quartiles(x: npt.NDArray[np.float32], axis: int) -> npt.NDArray[np.float64]:
    return np.quantile(x, [0.25, 0.5, 0.75], axis=axis, keepdims=True)


def extremes(x: npt.NDArray[np.int32]) -> tuple[int, int, float]:
    return np.quantile(x, 0), np.quantile(x, 1), float(np.median(x))


def _center(x: np.ndarray) -> np.ndarray:
    if x.ndim == 1:
        x = x[None, :]
    return x - np.median(x, axis=-1, keepdims=True)


def _clip_outliers(x: np.ndarray, lo: float, hi: float) -> np.ndarray:
    a, b = np.percentile(x, [lo, hi])
    return np.clip(x, a, b)


def centered_rows(rows: list[list[float]], flat: list[float]) -> list[list[float]]:
    m = np.array(rows, dtype=np.float32)
    v = np.array(flat, dtype=np.float32)
    return _center(m).tolist() + _center(v).tolist()


def winsorize(values: list[float], lo: float, hi: float) -> list[str]:
    clipped = _clip_outliers(np.array(values), lo, hi)
    return [f"{v:.3f}" for v in clipped]
