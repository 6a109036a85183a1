"""Entry points taking `np.ndarray` without a dtype, as users annotate arrays: each is
compiled for the dtypes it can take (float32, float64, int64, int32, bool, and for a
single such parameter int8, uint8, int16, uint16 and uint32: a uint8 image) and called
with arrays of each; another dtype is refused at call time with a TypeError naming
the parameter and the dtypes it takes."""

import numpy as np


def softmax(logits: np.ndarray) -> np.ndarray:
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def classify(logits: np.ndarray, labels: list[str]) -> list[str]:
    return [labels[int(i)] for i in np.argmax(logits, axis=-1)]


def mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    m = mask.astype(np.float32)[:, :, None]
    return (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)


def l2_normalize(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=-1, keepdims=True)
    return x / np.maximum(norms, 1e-12)


def count_above(x: np.ndarray, t: float) -> int:
    return int((x > t).sum())


def total(x: np.ndarray) -> float:
    if x.size == 0:
        raise ValueError("empty array")
    return float(x.sum())


def top_k(scores: np.ndarray, k: int) -> list[int]:
    if k > scores.shape[0]:
        raise ValueError(f"k={k} is larger than {scores.shape[0]} scores")
    return [int(i) for i in np.argsort(-scores, kind="stable")[:k]]


def above(probs: np.ndarray, t: float) -> np.ndarray:
    return probs > t


def preprocess(image: np.ndarray) -> np.ndarray:
    """An HWC image (uint8 as decoders give it, or float) to a normalised CHW float32
    array; the mean of the whole image checked first."""
    if image.ndim != 3:
        raise ValueError(f"expected an HWC image, got shape {image.shape}")
    if float(image.mean()) == 0.0:
        raise ValueError("blank image")
    x = image.astype(np.float32) / 255.0
    return ((x - 0.5) / 0.25).transpose(2, 0, 1)
