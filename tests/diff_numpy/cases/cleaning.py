"""Cleaning and sampling data as people write it: `np.nan_to_num` before a
reduction, label ids from `np.unique(..., return_inverse=True)`, masking rows
by a list of ids (`x[ids] = 0`), sampling without replacement with
`rng.choice(n, k, replace=False)`."""

import numpy as np
import numpy.typing as npt


def finite_mean(x: npt.NDArray[np.float64]) -> float:
    """The mean with NaN counted as 0 and the infinities clipped to float64's range."""
    return float(np.nan_to_num(x).mean())


def cleaned_scores(x: npt.NDArray[np.float32]) -> np.ndarray:
    """NaN -> 0, inf -> 1, -inf -> -1 in float32 (and an int array unchanged)."""
    return np.nan_to_num(x, nan=0.0, posinf=1.0, neginf=-1.0)


def encode_labels(labels: npt.NDArray[np.int64]) -> tuple[list[int], list[int]]:
    """Distinct labels and each item's code (the inverse keeps the array's shape)."""
    classes, codes = np.unique(labels, return_inverse=True)
    return classes.tolist(), codes.reshape(-1).tolist()


def label_frequencies(labels: npt.NDArray[np.int64]) -> np.ndarray:
    """Each item's label frequency: counts[inverse]."""
    _, inverse, counts = np.unique(labels, return_inverse=True, return_counts=True)
    return counts[inverse] / labels.size


def drop_tokens(x: npt.NDArray[np.float32], ids: list[int]) -> np.ndarray:
    """Zero the rows of the given token ids (negative from the end; IndexError out of range)."""
    y = x.copy()
    y[ids] = 0.0
    return y


def keep_by_flags(x: npt.NDArray[np.int64], flags: list[bool]) -> np.ndarray:
    """Set the flagged items to -1 (a boolean mask given as a list)."""
    y = x.copy()
    y[flags] = -1
    return y


def replace_rows(x: npt.NDArray[np.float64], ids: list[int], row: npt.NDArray[np.float64]) -> np.ndarray:
    """Rows picked by a list of ints replaced by a broadcast row."""
    y = x.copy()
    y[ids] = row
    return y


def sample_ids(seed: int, n: int, k: int) -> list[int]:
    """k distinct ids out of n, as numpy's Generator draws them."""
    rng = np.random.default_rng(seed)
    return rng.choice(n, size=k, replace=False).tolist()


def sample_batch(seed: int, x: npt.NDArray[np.float32], k: int) -> np.ndarray:
    """A batch of k distinct rows."""
    rng = np.random.default_rng(seed)
    picks = rng.choice(x.shape[0], k, replace=False)
    return x[picks]


def bootstrap_ids(seed: int, n: int, k: int, replace: bool) -> np.ndarray:
    """With or without replacement, chosen at run time."""
    rng = np.random.default_rng(seed)
    return rng.choice(n, (k,), replace)
