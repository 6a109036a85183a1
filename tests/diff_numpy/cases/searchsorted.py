"""Binary search with `np.searchsorted`: bucketing scores between sorted edges,
inverse-CDF sampling, thresholds given as Python floats (compared in float64),
ranks through an `argsort` sorter, insertion points of a 2-D array of values, and
numpy's errors for `side=`, sorters and arrays of another rank."""

import numpy as np
import numpy.typing as npt


def bucketize(scores: npt.NDArray[np.float32], edges: npt.NDArray[np.float32]) -> list[int]:
    """The bucket of each score between sorted edges (right-closed buckets)."""
    return np.searchsorted(edges, scores, side="right").tolist()


def sample_from_cdf(probs: npt.NDArray[np.float64], draws: npt.NDArray[np.float64]) -> list[int]:
    """Inverse-CDF sampling: the first index whose cumulative probability exceeds each
    draw."""
    cdf = np.cumsum(probs)
    return np.searchsorted(cdf, draws).tolist()


def threshold_index(sorted_scores: npt.NDArray[np.float32], t: float) -> int:
    """How many scores stay below a threshold (a Python float)."""
    return int(np.searchsorted(sorted_scores, t))


def rank_of(values: npt.NDArray[np.int64], x: int, side: str) -> int:
    """The rank of `x` among unsorted values, through the sorter of `argsort`."""
    order = np.argsort(values, kind="stable")
    return int(np.searchsorted(values, x, side=side, sorter=order))


def ranks_of(values: npt.NDArray[np.float64], xs: npt.NDArray[np.float64],
             order: npt.NDArray[np.int64]) -> list[int]:
    """Ranks of many values through a sorter the caller gives (numpy's errors for a
    sorter of another length or out of range)."""
    return np.searchsorted(values, xs, sorter=order).tolist()


def search_2d(grid: npt.NDArray[np.float64], x: float) -> int:
    """A search in a 2-D array (numpy's ValueError: it takes 1-D arrays only)."""
    return int(np.searchsorted(grid, x))


def positions(a: npt.NDArray[np.int32], v: npt.NDArray[np.int32]) -> npt.NDArray[np.int64]:
    """Insertion points of a 2-D array of values (the result keeps its shape)."""
    return np.searchsorted(a, v)
