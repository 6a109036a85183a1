"""Helpers with `np.ndarray` parameters without a dtype, called from entry points
whose arrays have no dtype either: mean pooling with an optional mask (`mask:
np.ndarray | None = None`) that some calls leave None, an L2 normalisation used by
three entries, a softmax over a row the entry picks, each compiled for the dtypes the
entry is compiled for."""

import numpy as np
import numpy.typing as npt


def _pool(h: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
    """Mean over the tokens, or over the masked tokens."""
    if mask is None:
        return h.mean(axis=1)
    m = mask[:, :, None]
    return (h * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)


def _normalize(x: np.ndarray) -> np.ndarray:
    """L2 normalisation of each row."""
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max())
    return e / e.sum()


def embed(hidden: np.ndarray) -> list[list[float]]:
    """Mean pooling without a mask, then L2 normalisation."""
    return _normalize(_pool(hidden)).tolist()


def embed_masked(hidden: npt.NDArray[np.float32], mask: npt.NDArray[np.float32]) -> list[list[float]]:
    """Mean pooling over a float mask."""
    return _normalize(_pool(hidden, mask)).tolist()


def embed_unmasked(hidden: npt.NDArray[np.float32]) -> list[list[float]]:
    """Mean pooling with the mask given as None."""
    return _pool(hidden, None).tolist()


def similarity(a: np.ndarray, b: np.ndarray) -> list[list[float]]:
    """The cosine similarity matrix of two batches."""
    return (_normalize(a) @ _normalize(b).T).tolist()


def row_probs(logits: np.ndarray, i: int) -> list[float]:
    """The softmax of one row."""
    return _softmax(logits[i]).tolist()
