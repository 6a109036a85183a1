"""Normalising and rescaling feature matrices."""

import numpy as np
import numpy.typing as npt


def l2_normalize(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Each row scaled to unit length (zero rows stay zero)."""
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.maximum(norms, 1e-12)


def normalize_along(x: npt.NDArray[np.float64], axis: int) -> npt.NDArray[np.float64]:
    """Unit length along any axis."""
    return x / np.linalg.norm(x, axis=axis, keepdims=True)


def standardize(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Each column to zero mean and unit variance."""
    return (x - x.mean(axis=0)) / (x.std(axis=0) + 1e-6)


def min_max_scale(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Values rescaled to [0, 1]; a constant array becomes zeros."""
    lo = np.min(x)
    hi = np.max(x)
    if hi == lo:
        return np.zeros_like(x)
    return (x - lo) / (hi - lo)


def clip_scores(x: npt.NDArray[np.float32], lo: float, hi: float) -> npt.NDArray[np.float32]:
    """Scores clipped to [lo, hi]."""
    if lo > hi:
        raise ValueError(f"empty range [{lo}, {hi}]")
    return np.clip(x, lo, hi)


def center_rows(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Each row minus its mean."""
    return x - x.mean(axis=1, keepdims=True)


def zscore(x: npt.NDArray[np.float64]) -> list[float]:
    """Z-scores of all values, flattened."""
    return ((x - np.mean(x)) / np.std(x)).reshape(-1).tolist()


def quantize(x: npt.NDArray[np.float32], levels: int) -> npt.NDArray[np.int64]:
    """Values in [0, 1] mapped to bucket numbers 0 .. levels - 1."""
    if levels < 1:
        raise ValueError("levels must be positive")
    buckets = np.floor(x * levels).astype(np.int64)
    return np.clip(buckets, 0, levels - 1)


def safe_ratio(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """a / b, NaN where b is zero."""
    return np.where(b == 0.0, np.nan, a / np.where(b == 0.0, 1.0, b))


def softplus(x: npt.NDArray[np.float32], temperature: float) -> npt.NDArray[np.float32]:
    """log(1 + e^(x / t)), written with np.e."""
    if temperature <= 0.0:
        raise ValueError("temperature must be positive")
    return np.log(1.0 + np.e ** (x / temperature))
