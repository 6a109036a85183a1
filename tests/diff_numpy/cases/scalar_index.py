"""`x[i]` / `x[i, j]` indexed down to one item: a numpy scalar, as numpy gives
(float32 prints and computes in float32, repr is `np.float32(...)`)."""

import numpy as np
import numpy.typing as npt


def item_texts(scores: npt.NDArray[np.float32]) -> list[str]:
    """str/repr/f-strings of float32 items and of arithmetic with Python floats."""
    x = scores.reshape(-1)
    a = x[0]
    b = x[1] * 3.0
    c = x[0] + x[1]
    return [str(a), repr(a), f"{a}", str(b), repr(b), str(c), f"{x[-1]:.3f}"]


def cell_texts(m: npt.NDArray[np.float32]) -> list[str]:
    """`m[i, j]` of a 2-D array: a numpy scalar; float() converts."""
    g = m.reshape(m.shape[0], -1)
    v = g[0, 1]
    return [str(v), repr(v), str(v * 2), str(float(v)), str(v > 0.5)]


def int_items(ids: npt.NDArray[np.int64]) -> list[str]:
    """int64 items: numpy's int arithmetic and printing; int() converts."""
    x = ids.reshape(-1)
    i = x[0]
    return [str(i), repr(i), repr(i + 1), str(i * 2.5), repr(i // 2), repr(int(i))]


def int32_items(ids: npt.NDArray[np.int32]) -> list[str]:
    """int32 items stay int32 with Python ints and promote with float."""
    x = ids.reshape(-1)
    i = x[0]
    return [str(i), repr(i), repr(i + 1), repr(i + x[1]), repr(i * 2.5)]


def round_trips(scores: npt.NDArray[np.float32]) -> list[str]:
    """float(x[i]), int(x[i]), .item() and tolist() give Python numbers."""
    x = scores.reshape(-1)
    return [repr(float(x[0])), repr(int(x[1])), repr(x[0].item()), repr(x.tolist()[0]),
            repr(x[2] / 2)]


def above(scores: npt.NDArray[np.float32], t: float) -> list[int]:
    """`if x[i] > t:` in an index loop."""
    x = scores.reshape(-1)
    out = []
    for i in range(len(x)):
        if x[i] > t:
            out.append(i)
    return out


def label_of(ids: npt.NDArray[np.int64], labels: list[str]) -> str:
    """A numpy integer item indexes a list."""
    return labels[ids.reshape(-1)[0]]


def running_best(scores: npt.NDArray[np.float32]) -> str:
    """A numpy scalar kept across iterations and printed."""
    x = scores.reshape(-1)
    best = x[0]
    for i in range(1, len(x)):
        if x[i] > best:
            best = x[i]
    return f"{best!r} {best}"


def flags(mask: npt.NDArray[np.bool]) -> list[str]:
    """bool items: numpy's `np.True_`, truth in conditions."""
    x = mask.reshape(-1)
    b = x[0]
    out = [str(b), repr(b)]
    if b:
        out.append("yes")
    if not x[1]:
        out.append("no")
    return out


def top_by_key(scores: npt.NDArray[np.float32], k: int) -> list[int]:
    """The best position and the top k by a key giving numpy scalars (`key=lambda i: x[i]`)."""
    x = scores.reshape(-1)
    best = max(range(len(x)), key=lambda i: x[i])
    return [best] + sorted(range(len(x)), key=lambda i: x[i], reverse=True)[:k]
