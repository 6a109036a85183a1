"""Gather and scatter with two index arrays: the probability of each true label,
one-hot rows, a column of picked rows."""

import numpy as np
import numpy.typing as npt


def true_label_probs(probs: npt.NDArray[np.float32], labels: list[int]) -> list[float]:
    picked = probs[np.arange(len(labels)), labels]
    return [round(float(p), 6) for p in picked]


def one_hot(ids: list[int], n: int) -> list[list[float]]:
    out = np.zeros((len(ids), n), dtype=np.float32)
    out[np.arange(len(ids)), ids] = 1.0
    return out.tolist()


def nll(probs: npt.NDArray[np.float64], labels: npt.NDArray[np.int64]) -> float:
    p = probs[np.arange(probs.shape[0]), labels]
    return float(-np.log(p).mean())


def first_col(m: npt.NDArray[np.int64], rows: list[int]) -> list[int]:
    return m[rows, 0].tolist()


def scatter(m: npt.NDArray[np.float32], rows: list[int], cols: list[int], v: npt.NDArray[np.float32]) -> list[list[float]]:
    m = m.copy()
    m[rows, cols] = v
    return m.tolist()
