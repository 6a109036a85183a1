"""Pooling and normalising as sentence-transformers' ONNX recipes write it: the mask
broadcast to the hidden states, Python types as dtypes, vector norms with `ord`."""

import numpy as np
import numpy.typing as npt


def st_mean_pool(hidden: npt.NDArray[np.float32], mask: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
    """sentence-transformers' ONNX recipe: the mask broadcast to the hidden states'
    shape, summed, divided, then L2-normalised with `ord=2`."""
    expanded = np.broadcast_to(np.expand_dims(mask, -1).astype(np.float32), hidden.shape)
    pooled = np.sum(hidden * expanded, axis=1) / np.clip(expanded.sum(axis=1), a_min=1e-9, a_max=None)
    return pooled / np.maximum(np.linalg.norm(pooled, ord=2, axis=1, keepdims=True), 1e-12)


def float_mask_pool(hidden: npt.NDArray[np.float32], mask: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """`astype(float)`: numpy's float64, so the pooled vectors are float64."""
    m = np.expand_dims(mask, axis=-1).astype(float)
    return np.sum(hidden * m, axis=1) / np.clip(np.sum(m, axis=1), 1e-9, None)


def nonzero_counts(mask: npt.NDArray[np.float32]) -> npt.NDArray[np.int64]:
    """`astype(int)` / `astype(bool)` / `dtype=int`: numpy's int64 and bool."""
    counts = mask.astype(bool).sum(axis=1).astype(int)
    out = np.zeros(counts.shape[0], dtype=int)
    out[:] = counts
    return out


def l1_normalize(pooled: npt.NDArray[np.float32], p: int) -> npt.NDArray[np.float32]:
    """Vector norms of other orders along an axis."""
    return pooled / np.linalg.norm(pooled, ord=p, axis=-1, keepdims=True)


def broadcast_rows(row: npt.NDArray[np.float64], n: int) -> npt.NDArray[np.float64]:
    """A shape given at run time, with numpy's errors for negative or unfitting ones."""
    return np.broadcast_to(row, (n, 3)) * 2.0


def restore_order(sorted_rows: npt.NDArray[np.float32], order: list[int]) -> npt.NDArray[np.float32]:
    """Rows embedded in length order put back in input order through `np.empty_like`
    and `np.empty` buffers filled whole (numpy leaves their values unset)."""
    out = np.empty_like(sorted_rows)
    out[np.array(order, dtype=int)] = sorted_rows
    lengths = np.empty((len(order),), dtype=np.int64)
    for i, k in enumerate(order):
        lengths[i] = k
    return out * (lengths.sum() > -1)
