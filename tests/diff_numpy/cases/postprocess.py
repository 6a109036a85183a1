"""Post-processing of model outputs as users write it: helpers annotated
`np.ndarray` (or `npt.NDArray[Any]`) and left to the flow for the dtype,
entry points typed at the boundary."""

from typing import Any

import numpy as np
import numpy.typing as npt


def _softmax(x: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = x / temperature
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _l2_normalize(v: npt.NDArray[Any]) -> npt.NDArray[Any]:
    norms = np.linalg.norm(v, axis=-1, keepdims=True)
    return v / np.clip(norms, 1e-12, None)


def _mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    m: np.ndarray = mask[:, :, None].astype(np.float32)
    summed = (hidden * m).sum(axis=1)
    counts = np.clip(m.sum(axis=1), 1e-9, None)
    return summed / counts


def sentence_embeddings(hidden: npt.NDArray[np.float32],
                        mask: npt.NDArray[np.int64]) -> np.ndarray:
    pooled: np.ndarray = _mean_pool(hidden, mask)
    return _l2_normalize(pooled)


def temperature_probs(logits: npt.NDArray[np.float32], temperature: float) -> np.ndarray:
    return _softmax(logits, temperature)


def top_k(scores: npt.NDArray[np.float32], k: int) -> list[tuple[int, float]]:
    probs: np.ndarray = _softmax(scores)
    order = np.argsort(-probs)[:k]
    return [(int(i), round(float(probs[i]), 6)) for i in order]


def labels_over(logits: npt.NDArray[np.float64], labels: list[str],
                threshold: float) -> list[str]:
    probs = _softmax(logits)
    keep: np.ndarray = probs > threshold
    return [labels[i] for i in range(len(labels)) if keep[i]]


def _zscore(x: np.ndarray) -> np.ndarray:
    return (x - x.mean()) / x.std()


def standardize(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> tuple[np.ndarray, np.ndarray]:
    return _zscore(a), _zscore(b)


def similarity(q: npt.NDArray[np.float32], docs: npt.NDArray[np.float32]) -> np.ndarray:
    qn: np.ndarray = _l2_normalize(q)
    dn: np.ndarray = _l2_normalize(docs)
    return dn @ qn


def threshold_report(scores: npt.NDArray[np.float32], names: list[str], cut: float) -> list[str]:
    """numpy scalars built with np.float32(...) compare and print as numpy's."""
    threshold = np.float32(cut)
    lines: list[str] = []
    for name, s in zip(names, scores):
        if s >= threshold:
            lines.append(f"{name}: {s:.4f} >= {threshold!r} ({float(s - threshold):.3f})")
    lines.append(repr(np.float64(cut) / 3))
    return lines


def quantize(x: float, n: int) -> str:
    """np.int64/np.int32 of Python numbers: truncation and numpy's errors."""
    q = np.int64(x * 127)
    small = np.int32(n)
    return f"{q!r} {small!r} {np.float32(q)!r} {np.int32(x)} {np.float64(n) / 2}"


def label_histogram(preds: npt.NDArray[np.int64], labels: list[str]) -> list[str]:
    """np.unique with counts and first indices, and a cumulative share."""
    values, counts = np.unique(preds, return_counts=True)
    _, first = np.unique(preds, return_index=True)
    share = np.cumsum(counts) / counts.sum()
    return [f"{labels[int(values[k])]}: {counts[k]} first at {first[k]} ({share[k]:.2f})"
            for k in range(len(values))]
