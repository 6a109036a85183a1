"""Lists that may be empty, made arrays: the user's `np.array(xs)` / `np.asarray(xs)`
without a dtype (numpy makes an empty list float64 whatever the items would be: for
ints and bools compiled code raises ValueError naming the `dtype=` to pass, W008),
with a dtype, of floats; and the lists the compiler converts itself, where an empty
list is right: a list of ints as an index (`probs[rows, labels]`, `x[:, ids]`) and a
list given to a numpy function (`np.mean(xs)`, `np.argmax(xs)`)."""

import numpy as np
import numpy.typing as npt


def id_summary(ids: list[int]) -> str:
    """`np.array(ids)`: int64 from ints; an empty list raises (numpy: float64)."""
    a = np.array(ids)
    return f"{a.dtype} {a.shape} {a.sum()} {a.max()}"


def mask_rows(rows: list[list[bool]]) -> str:
    """`np.asarray(rows)` of rows of bools: 2-D bool; ragged rows raise numpy's
    ValueError, rows with no bools pycomp's (numpy: float64)."""
    m = np.asarray(rows)
    return f"{m.dtype} {m.shape} {int(m.sum())}"


def typed_ids(ids: list[int]) -> str:
    """With `dtype=` an empty list keeps the dtype in both."""
    a = np.array(ids, dtype=np.int64)
    f = np.asarray(ids, dtype=np.float64)
    return f"{a.dtype} {a.shape} {a.sum()} {f.dtype} {f.sum()}"


def float_values(xs: list[float]) -> str:
    """A list of floats is float64 empty or not."""
    a = np.array(xs)
    return f"{a.dtype} {a.shape} {a.sum()!r}"


def picked(probs: npt.NDArray[np.float64], rows: list[int], labels: list[int]) -> str:
    """`probs[rows, labels]` and `probs[:, labels]`: an empty list indexes as an empty
    int array (out of range: IndexError)."""
    return f"{probs[rows, labels]!r} {probs[:, labels]!r}"


def list_stats(xs: list[int], flags: list[bool]) -> str:
    """numpy functions given lists: the same for an empty list (mean is nan)."""
    return (f"{np.mean(xs)!r} {np.sqrt(xs)!r} {np.isnan(xs)!r} {np.any(flags)!r} "
            f"{np.all(flags)!r} {np.mean(flags)!r}")


def best(xs: list[int]) -> int:
    """`np.argmax` of a list of ints (an empty one raises numpy's ValueError)."""
    return int(np.argmax(xs))
