"""Attention and batching arithmetic on small matrices."""

import math

import numpy as np
import numpy.typing as npt


def _softmax(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def attention_scores(q: npt.NDArray[np.float32], k: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Scaled dot products q @ k.T / sqrt(d)."""
    d = q.shape[-1]
    return q @ k.T / math.sqrt(d)


def scores_np_sqrt(q: npt.NDArray[np.float32], k: npt.NDArray[np.float32]) -> np.ndarray:
    """The same with np.sqrt: np.sqrt of a Python float is a strong np.float64 (NEP 50)
    and makes the result float64."""
    return q @ k.T / np.sqrt(float(q.shape[-1]))


def masked_attention(q: npt.NDArray[np.float32], k: npt.NDArray[np.float32], v: npt.NDArray[np.float32],
                     mask: npt.NDArray[np.bool]) -> npt.NDArray[np.float32]:
    """softmax(q k^T / sqrt(d), masked) @ v."""
    scores = attention_scores(q, k)
    scores = np.where(mask, scores, -1e9)
    return _softmax(scores) @ v


def split_heads(x: npt.NDArray[np.float32], heads: int) -> npt.NDArray[np.float32]:
    """(seq, dim) -> (heads, seq, dim // heads)."""
    seq = x.shape[0]
    dim = x.shape[1]
    if dim % heads != 0:
        raise ValueError(f"{dim} is not divisible by {heads} heads")
    return x.reshape(seq, heads, dim // heads).transpose(1, 0, 2)


def merge_heads(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """(heads, seq, head_dim) -> (seq, heads * head_dim)."""
    seq = x.shape[1]
    return x.transpose(1, 0, 2).reshape(seq, -1)


def concat_batches(a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Two batches of rows, one after the other."""
    return np.concatenate([a, b], axis=0)


def stack_rows(rows: list[list[float]]) -> npt.NDArray[np.float32]:
    """A float32 matrix from a list of rows (all of one length)."""
    return np.array(rows, dtype=np.float32)


def pairwise_sq_dists(a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Squared euclidean distances between every row of a and every row of b."""
    diff = a[:, None, :] - b[None, :, :]
    return np.sum(diff * diff, axis=-1)


def linear(x: npt.NDArray[np.float32], w: npt.NDArray[np.float32], b: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """A dense layer: x @ w + b."""
    return x @ w + b


def batched_matmul(x: npt.NDArray[np.float32], w: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """(batch, seq, d) @ (d, e) -> (batch, seq, e)."""
    return np.matmul(x, w)
