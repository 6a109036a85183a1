"""numpy scalars (reductions, items) given to Python builtins as people write
it: `round(score, 2)`, `round(mean)`, `range(x.max())`, slice bounds
`tokens[:k]` from `argmax`, comparisons with Python numbers and f-strings."""

import numpy as np
import numpy.typing as npt


def rounded_max(x: npt.NDArray[np.float32]) -> str:
    """The best score rounded for a report (a np.float32, rounded by numpy)."""
    return repr(round(x.max(), 2))


def rounded_mean(x: npt.NDArray[np.float64]) -> int:
    """The mean latency rounded to an int (half to even)."""
    return round(x.mean())


def round_total(x: npt.NDArray[np.int32]) -> str:
    """A count total rounded to tens, and its Python int."""
    return repr(round(x.sum(), -1)) + " " + str(round(x.sum()))


def rounded_scores(x: npt.NDArray[np.float32]) -> list[str]:
    """Every score rounded to 3 places, as numpy scalars print."""
    return [str(round(s, 3)) for s in x]


def squares_up_to_max(x: npt.NDArray[np.int64]) -> list[int]:
    """A loop bounded by a numpy int."""
    out = []
    for i in range(x.max()):
        out.append(i * i)
    return out


def tokens_to_best(tokens: list[str], scores: npt.NDArray[np.float32]) -> list[str]:
    """The tokens up to and including the best-scoring one."""
    return tokens[:scores.argmax() + 1]


def span_text(text: str, starts: npt.NDArray[np.int64], ends: npt.NDArray[np.int64], i: int) -> str:
    """The text of span i from start/end offset arrays."""
    s, e = starts[i], ends[i]
    return text[s:e]


def between_extremes(x: npt.NDArray[np.float64]) -> list[int]:
    """The positions from the smallest to the largest value."""
    return list(range(x.argmin(), x.argmax()))


def every_kth(xs: list[int], steps: npt.NDArray[np.int64]) -> list[int]:
    """Every k-th item, k the smallest step (a zero step raises)."""
    return xs[::steps.min()]


def threshold_report(x: npt.NDArray[np.float32], t: float) -> str:
    """A report line comparing a numpy scalar with a Python float."""
    best = x.max()
    level = "high" if best > t else "low"
    return f"{best:.2f} {level} {best >= 1} {best == t}"
