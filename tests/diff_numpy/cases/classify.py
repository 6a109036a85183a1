"""Turning classifier logits into probabilities and labels."""

import math

import numpy as np
import numpy.typing as npt


def softmax(logits: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Softmax over the last axis, shifted by the max for stability."""
    shifted = logits - np.max(logits, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)


def log_softmax(logits: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """log(softmax(x)) computed stably."""
    m = np.max(logits, axis=-1, keepdims=True)
    return logits - m - np.log(np.sum(np.exp(logits - m), axis=-1, keepdims=True))


def predict_labels(logits: npt.NDArray[np.float32], labels: list[str]) -> list[str]:
    """The label of the highest logit of each row."""
    if logits.shape[-1] != len(labels):
        raise ValueError(f"{logits.shape[-1]} logits for {len(labels)} labels")
    idx = np.argmax(logits, axis=-1)
    return [labels[i] for i in idx.reshape(-1).tolist()]


def sigmoid_threshold(logits: npt.NDArray[np.float32], threshold: float) -> npt.NDArray[np.bool]:
    """Multi-label decisions: sigmoid(logit) >= threshold."""
    probs = 1.0 / (1.0 + np.exp(-logits))
    return probs >= threshold


def top_k(scores: npt.NDArray[np.float32], k: int) -> list[int]:
    """Indices of the k best scores, best first."""
    if k <= 0:
        raise ValueError("k must be positive")
    order = np.argsort(-scores)
    return order[:k].reshape(-1).tolist()


def top1_confidence(logits: npt.NDArray[np.float32]) -> list[float]:
    """The probability of the predicted class, per row."""
    probs = softmax(logits)
    return np.max(probs, axis=-1).reshape(-1).tolist()


def entropy(probs: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Shannon entropy (nats) of each row of probabilities."""
    return -np.sum(probs * np.log(np.clip(probs, 1e-12, 1.0)), axis=-1)


def multilabel(logits: npt.NDArray[np.float32], labels: list[str], threshold: float) -> list[list[str]]:
    """For each row, the labels whose sigmoid probability reaches the threshold."""
    hits = sigmoid_threshold(logits, threshold).astype(np.int64)
    out: list[list[str]] = []
    for i in range(hits.shape[0]):
        row = hits[i].reshape(-1).tolist()
        out.append([labels[j] for j in range(len(row)) if row[j] == 1])
    return out


def accuracy(pred: npt.NDArray[np.int64], gold: npt.NDArray[np.int64]) -> float:
    """The fraction of equal entries (shapes must broadcast)."""
    return float(np.mean(pred == gold))


def gelu(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """The tanh approximation of GELU (math.sqrt: np.sqrt would give a strong float64
    scalar and make numpy's result float64, see attention.scores_np_sqrt)."""
    return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / np.pi) * (x + 0.044715 * x ** 3)))
