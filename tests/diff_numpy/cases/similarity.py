"""Similarity search and simple metrics over embeddings."""

import numpy as np
import numpy.typing as npt


def cosine_matrix(a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Cosine similarity of every row of a with every row of b."""
    an = a / np.linalg.norm(a, axis=1, keepdims=True)
    bn = b / np.linalg.norm(b, axis=1, keepdims=True)
    return an @ bn.T


def cosine(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> float:
    """Cosine similarity of two vectors (0.0 when one is zero)."""
    denom = np.linalg.norm(a) * np.linalg.norm(b)
    if denom == 0.0:
        return 0.0
    return float(np.dot(a, b)) / denom


def nearest(query: npt.NDArray[np.float32], corpus: npt.NDArray[np.float32]) -> int:
    """The index of the corpus row most similar (dot product) to the query."""
    scores = corpus @ query
    return int(np.argmax(scores))


def search(query: npt.NDArray[np.float32], corpus: npt.NDArray[np.float32], k: int) -> list[tuple[int, float]]:
    """The k best (index, score) pairs by cosine similarity."""
    sims = cosine_matrix(query[None, :], corpus)[0]
    order = np.argsort(-sims)[:k].reshape(-1).tolist()
    return [(i, float(sims[i])) for i in order]


def mse(pred: npt.NDArray[np.float64], target: npt.NDArray[np.float64]) -> float:
    """Mean squared error."""
    return float(np.mean((pred - target) ** 2))


def mae(pred: npt.NDArray[np.float32], target: npt.NDArray[np.float32]) -> float:
    """Mean absolute error."""
    return float(np.mean(np.abs(pred - target)))


def count_above(x: npt.NDArray[np.float32], threshold: float) -> int:
    """How many values exceed the threshold."""
    return int(np.sum(x > threshold))


def one_hot(labels: list[int], n: int) -> npt.NDArray[np.float32]:
    """Rows of zeros with a one at each label."""
    if len(labels) == 0:
        raise ValueError("no labels")
    if min(labels) < 0 or max(labels) >= n:
        raise ValueError(f"labels must be in [0, {n})")
    hits = np.arange(n)[None, :] == np.array(labels)[:, None]
    return hits.astype(np.float32)


def dedupe_mask(sims: npt.NDArray[np.float32], threshold: float) -> npt.NDArray[np.bool]:
    """Rows that are not near-duplicates of an earlier row (similarity matrix input)."""
    n = sims.shape[0]
    keep: list[bool] = []
    for i in range(n):
        dup = False
        for j in range(i):
            if keep[j] and float(sims[i, j]) >= threshold:
                dup = True
        keep.append(not dup)
    return np.array(keep)


def scatter(n: int, idx: list[int], vals: list[float]) -> npt.NDArray[np.float64]:
    """A length-n vector of zeros with vals[k] stored at idx[k] (last write wins)."""
    out = np.zeros(n)
    for i, v in zip(idx, vals):
        out[i] = v
    return out
