"""Running sums and products along an axis (top-p sampling, decay weights,
shares of a running total) and top-k by partitioning (`np.argpartition` then a
sort of the k picked, `np.partition` for the k-th value)."""

import numpy as np
import numpy.typing as npt


def running_totals(counts: npt.NDArray[np.int32], axis: int) -> npt.NDArray[np.int64]:
    """Running totals of counts along an axis (int32 accumulates in int64)."""
    return np.cumsum(counts, axis=axis)


def top_p_count(probs: npt.NDArray[np.float32], p: float) -> list[int]:
    """How many of each row's most likely tokens top-p sampling keeps."""
    desc = -np.sort(-probs, axis=1)
    cum = desc.cumsum(axis=1)
    keep = (cum - desc) < p
    return keep.sum(axis=1).tolist()


def decay_weights(rates: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Compounded decay factors down each column."""
    return np.cumprod(1.0 - rates, axis=0)


def growth(x: npt.NDArray[np.int64]) -> list[int]:
    """The running product of every element (int64 wraps around as numpy's)."""
    return x.cumprod().tolist()


def cumulative_share(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Each element's share of its row's running total."""
    c = np.cumsum(x, axis=-1)
    return c / c[:, -1:]


def topk_ids(scores: npt.NDArray[np.float32], k: int) -> list[int]:
    """The k best ids, best first: argpartition, then a sort of the k picked."""
    idx = np.argpartition(-scores, k)[:k]
    idx = idx[np.argsort(-scores[idx])]
    return [int(i) for i in idx]


def topk_values(scores: npt.NDArray[np.float32], k: int) -> npt.NDArray[np.float32]:
    """Each row's k largest scores, largest first."""
    part = np.partition(scores, -k, axis=1)[:, -k:]
    return np.sort(part, axis=1)[:, ::-1]


def kth_distance(d: npt.NDArray[np.float64], k: int) -> npt.NDArray[np.float64]:
    """The distance to each point's k-th nearest neighbour (the partitioned k-th)."""
    return np.partition(d, k, axis=1)[:, k]


def lower_median(x: npt.NDArray[np.int64]) -> int:
    """The lower median by partitioning."""
    m = (len(x) - 1) // 2
    return int(np.partition(x, m)[m])


def nearest(x: npt.NDArray[np.float32], q: npt.NDArray[np.float32], k: int) -> list[int]:
    """The k nearest rows to a query, nearest first, by x.argpartition."""
    d = ((x - q) ** 2).sum(axis=1)
    idx = d.argpartition(k - 1)[:k]
    return [int(i) for i in idx[np.argsort(d[idx], kind="stable")]]
