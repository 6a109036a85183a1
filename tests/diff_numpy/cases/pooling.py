"""Pooling token embeddings (batch, seq, dim) into sentence embeddings."""

import numpy as np
import numpy.typing as npt


def mean_pool(hidden: npt.NDArray[np.float32], mask: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
    """Mean of the token vectors where the attention mask is 1."""
    m = np.expand_dims(mask, -1).astype(np.float32)
    summed = np.sum(hidden * m, axis=1)
    counts = np.clip(np.sum(m, axis=1), 1e-9, None)
    return summed / counts


def cls_pool(hidden: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """The first token's vector of each sequence ([CLS])."""
    return hidden[:, 0, :]


def max_pool(hidden: npt.NDArray[np.float32], mask: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
    """Elementwise max over the unmasked tokens."""
    keep = np.expand_dims(mask, -1) > 0
    masked = np.where(keep, hidden, -np.inf)
    return np.max(masked, axis=1)


def last_token_pool(hidden: npt.NDArray[np.float32], mask: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
    """The vector of the last unmasked token of each sequence (decoder models)."""
    rows = []
    for i in range(hidden.shape[0]):
        n = int(np.sum(mask[i])) - 1
        if n < 0:
            raise ValueError(f"sequence {i} has no tokens")
        rows.append(hidden[i, n, :])
    return np.stack(rows)


def weighted_pool(hidden: npt.NDArray[np.float32], weights: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Token vectors averaged with per-token weights, normalised per sequence."""
    w = weights / np.sum(weights, axis=-1, keepdims=True)
    return np.sum(hidden * w[:, :, None], axis=1)


def pool_and_normalize(hidden: npt.NDArray[np.float32], mask: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
    """Mean pooling followed by L2 normalisation, as sentence-transformers does."""
    pooled = mean_pool(hidden, mask)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return pooled / np.maximum(norms, 1e-12)


def token_counts(mask: npt.NDArray[np.int64]) -> list[int]:
    """How many tokens each sequence has."""
    return np.sum(mask, axis=1).reshape(-1).tolist()


def pooled_features(hidden: npt.NDArray[np.float32], mask: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
    """[CLS] and mean-pooled vectors side by side: (batch, 2 * dim)."""
    return np.hstack([cls_pool(hidden), mean_pool(hidden, mask)])


def pad_ids(seqs: list[list[int]], length: int, pad: int) -> npt.NDArray[np.int64]:
    """Token id sequences padded (or cut) to one length, one row each."""
    out = np.full((len(seqs), length), pad)
    for i, seq in enumerate(seqs):
        row = np.array(seq[:length], dtype=np.int64)
        fill = np.full(length - len(row), pad)
        out[i] = np.concatenate([row, fill])
    return out


def mean_pool_methods(hidden: npt.NDArray[np.float32], mask: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
    """Mean pooling written with methods, as sentence-transformers snippets do."""
    m = mask[..., None].astype(np.float32)
    return (hidden * m).sum(1) / m.sum(1).clip(min=1e-9)
