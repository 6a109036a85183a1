"""Python's builtins given numpy arrays, as people write them around a model's
outputs: `max`/`min` of scores (numpy scalars, CPython's order with NaN), `any`/`all`
of masks and of rows, `sorted` of a 1-D array (a list of numpy scalars), `list(x)`,
and the errors CPython and numpy raise for empty arrays and ambiguous rows."""

import numpy as np
import numpy.typing as npt


def best_score(scores: npt.NDArray[np.float32]) -> str:
    """The best score as the builtin finds it, printed (a numpy float32)."""
    s = scores.reshape(-1)
    return f"{max(s)} {min(s)!r}"


def best_row(x: npt.NDArray[np.int64]) -> list[int]:
    """The largest row of a 2-D array by the builtin (rows of one element compare,
    longer rows raise numpy's ValueError)."""
    rows = x.reshape(len(x), -1)
    return max(rows).tolist()


def best_count(counts: npt.NDArray[np.int32]) -> int:
    """The largest count, converted."""
    c = counts.reshape(-1)
    return int(max(c)) - int(min(c))


def any_positive(x: npt.NDArray[np.float64]) -> bool:
    """Whether any element is nonzero (NaN is true), element by element."""
    return any(x.reshape(-1))


def all_rows(mask: npt.NDArray[np.bool]) -> bool:
    """`all` over the rows of a 2-D mask (numpy's truth of each row)."""
    m = mask.reshape(len(mask), -1)
    return all(m)


def sorted_scores(x: npt.NDArray[np.float32], reverse: bool) -> list[float]:
    """The scores sorted by the builtin (CPython's algorithm: NaN stays where it
    lands), as Python floats."""
    return [float(v) for v in sorted(x.reshape(-1), reverse=reverse)]


def sorted_repr(x: npt.NDArray[np.int32]) -> str:
    """`sorted` of an int32 array: numpy scalars, printed one by one."""
    return " ".join(repr(v) for v in sorted(x.reshape(-1)))


def top_label(logits: npt.NDArray[np.float32], labels: list[str]) -> str:
    """The label of the builtin max of a row, found back among the row's floats."""
    row = logits.reshape(-1)
    return labels[[float(v) for v in row].index(float(max(row)))]


def count_above(x: npt.NDArray[np.float32], t: float) -> str:
    """How many scores pass a threshold, with numpy's counter (a numpy int64)."""
    return repr(np.count_nonzero(x > t)) + " " + repr(np.count_nonzero(x))


def same_predictions(a: npt.NDArray[np.int64], b: npt.NDArray[np.float64]) -> bool:
    """Whether two runs predicted the same (shapes and values, int against float)."""
    return np.array_equal(a, b)
