"""`np.take_along_axis` as held-out user programs wrote it: the log-probability of
each label (`np.take_along_axis(logp, labels[:, None], axis=1)`), top-k scores in
the order `argsort` gives, per-token scores of a 3-D array, the rows picked by one
index per column (`axis=0`), sorted columns; numpy's errors (an index out of bounds,
negative ones, another rank, the broadcast's shapes) with messages compared."""

import numpy as np
import numpy.typing as npt


def label_nll(logits: npt.NDArray[np.float64], labels: npt.NDArray[np.int64]) -> float:
    m = logits.max(axis=1, keepdims=True)
    logp = logits - m - np.log(np.exp(logits - m).sum(axis=1, keepdims=True))
    picked = np.take_along_axis(logp, labels[:, None], axis=1)
    return float(-picked.mean())


def topk_scores(scores: npt.NDArray[np.float32], k: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    order = np.argsort(-scores, axis=-1, kind="stable")[:, :k]
    return order, np.take_along_axis(scores, order, axis=-1)


def token_scores(logp: npt.NDArray[np.float32], ids: npt.NDArray[np.int64]) -> list[list[float]]:
    return np.take_along_axis(logp, ids[:, :, None], axis=2)[:, :, 0].tolist()


def pick_rows(table: npt.NDArray[np.int64], rows: npt.NDArray[np.int64]) -> list[int]:
    return np.take_along_axis(table, rows[None, :], axis=0)[0].tolist()


def sort_columns(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    return np.take_along_axis(x, np.argsort(x, axis=0, kind="stable"), axis=0)


def gather(x: npt.NDArray[np.float32], idx: npt.NDArray[np.int32], axis: int) -> npt.NDArray[np.float32]:
    return np.take_along_axis(x, idx, axis=axis)


def qkv_shapes(x: npt.NDArray[np.float32], n_heads: int) -> list[list[int]]:
    q, k, v = np.split(x, 3, axis=-1)
    b, t, d = q.shape
    return [list(p.reshape(b, t, n_heads, d // n_heads).shape) for p in (q, k, v)]


def batches(x: npt.NDArray[np.float32], n: int) -> list[npt.NDArray[np.float32]]:
    return np.array_split(x, n)


def pieces(ids: npt.NDArray[np.int64], cuts: list[int]) -> list[list[int]]:
    return [p.tolist() for p in np.split(ids, cuts)]


def score_bins(scores: npt.NDArray[np.float32], edges: list[float], right: bool) -> list[int]:
    return np.digitize(scores, np.array(edges, dtype=np.float32), right=right).tolist()
