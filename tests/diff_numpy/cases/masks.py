"""Masks, slicing and index arithmetic on arrays."""

import numpy as np
import numpy.typing as npt


def in_range(x: npt.NDArray[np.float32], lo: float, hi: float) -> npt.NDArray[np.bool]:
    """Where lo <= x <= hi."""
    return (x >= lo) & (x <= hi)


def masked_mean(x: npt.NDArray[np.float64], mask: npt.NDArray[np.bool]) -> float:
    """The mean of the selected values."""
    n = int(np.sum(mask))
    if n == 0:
        raise ValueError("nothing selected")
    return float(np.sum(np.where(mask, x, 0.0))) / n


def replace_nan(x: npt.NDArray[np.float64], fill: float) -> npt.NDArray[np.float64]:
    """NaN entries replaced by `fill` (NaN is the only value not equal to itself)."""
    return np.where(x != x, fill, x)


def edges(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """The first and last columns side by side, rows reversed."""
    first = x[::-1, 0]
    last = x[::-1, -1]
    return np.stack([first, last], axis=1)


def every_other(x: npt.NDArray[np.int64], start: int) -> npt.NDArray[np.int64]:
    """Every second column from `start`, and the last axis of the result."""
    return x[..., start::2]


def ranks(x: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """The rank of each value (0 for the smallest)."""
    return np.argsort(np.argsort(x))


def top_k_desc(x: npt.NDArray[np.float32], k: int) -> list[int]:
    """Indices of the k largest values, largest first."""
    return np.argsort(x)[::-1][:k].reshape(-1).tolist()


def label_counts(labels: npt.NDArray[np.int64], n: int) -> list[int]:
    """How often each label 0 .. n-1 occurs."""
    return [int(np.sum(labels == c)) for c in range(n)]


def gram(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Row-by-row dot products of the flattened rows, divided by the row length."""
    m = x.reshape(x.shape[0], -1)
    rows, cols = m.shape
    if cols == 0:
        raise ValueError(f"{rows} empty rows")
    return m @ m.T / cols


def shift_ids(ids: npt.NDArray[np.int32], offset: int) -> npt.NDArray[np.int32]:
    """Token ids shifted by an offset (stays int32, like numpy)."""
    return ids + offset
