"""Boolean masks, index arrays, slice assignment and np.where/np.nonzero in
inference post-processing."""

import numpy as np
import numpy.typing as npt


def pos_only(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """The positive entries, flattened by the mask."""
    return x[x > 0]


def relu_inplace(x: npt.NDArray[np.float32], floor: float) -> npt.NDArray[np.float32]:
    """Negative activations set to a floor through a mask assignment."""
    y = x.copy()
    y[y < 0] = floor
    return y


def embed(table: npt.NDArray[np.float32], ids: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
    """Embedding lookup: rows of the table picked by an id array of any shape."""
    return table[ids]


def embed_list(table: npt.NDArray[np.float32], ids: list[int]) -> npt.NDArray[np.float32]:
    """Embedding lookup by a Python list of ids, then mean-pooled."""
    return table[ids].mean(axis=0)


def pad_batch(rows: list[list[int]], pad_id: int) -> npt.NDArray[np.int64]:
    """Batching with padding: each row copied into a full-width array with `out[i, :n] = row`."""
    width = max(len(r) for r in rows)
    out = np.full((len(rows), width), pad_id, dtype=np.int64)
    for i, r in enumerate(rows):
        out[i, :len(r)] = np.array(r, dtype=np.int64)
    return out


def attention_mask(ids: npt.NDArray[np.int64], pad_id: int, unk_id: int,
                   vocab: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Out-of-vocabulary ids replaced by unk, and the mask of real tokens."""
    clean = ids.copy()
    clean[clean >= vocab] = unk_id
    mask = np.zeros(ids.shape, dtype=np.int64)
    mask[ids != pad_id] = 1
    return clean, mask


def confident(scores: npt.NDArray[np.float32], t: float) -> list[int]:
    """Positions whose score passes the threshold, through np.where(cond)[0]."""
    return [int(i) for i in np.where(scores > t)[0]]


def hits(sim: npt.NDArray[np.float32], t: float) -> list[tuple[int, int]]:
    """(query, doc) pairs of a similarity matrix above t, from np.nonzero."""
    rows, cols = np.nonzero(sim > t)
    return [(int(r), int(c)) for r, c in zip(rows, cols)]


def scatter(n: int, idx: npt.NDArray[np.int64], values: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Scatter rows into a zero matrix; a repeated index keeps the last row."""
    out = np.zeros((n, values.shape[-1]), dtype=np.float32)
    out[idx] = values
    return out


def mark_columns(x: npt.NDArray[np.float64], col: int, v: float) -> npt.NDArray[np.float64]:
    """Column and last-axis assignment: `x[:, col] = v`, `x[..., -1] = 0`, `x[1:] *= 2`."""
    y = x.copy()
    y[:, col] = v
    y[..., -1] = 0
    y[1:] = y[1:] * 2
    return y
