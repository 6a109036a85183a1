"""Small int arrays made, filled and reduced: `np.zeros(..., dtype=np.uint8)`,
`np.full` of int8 (OverflowError out of range), setting a pixel, a histogram
indexed by uint8 items, reductions as numpy scalars of numpy's dtypes (`max`
of uint8 is `np.uint8`, `mean` float64, `sum` of int8 int64), depth maps with
NaN for missing values; messages compared."""

import numpy as np
import numpy.typing as npt


def stats(img: npt.NDArray[np.uint8]) -> list[str]:
    """Reductions of a uint8 image: numpy scalars of numpy's dtypes."""
    return [repr(img.max()), repr(img.min()), str(img.mean()), repr(img.argmax()),
            f"{img.max()}", str(img.std()), repr(np.median(img))]


def int8_total(q: npt.NDArray[np.int8]) -> list[str]:
    """sum of int8 is int64, along an axis too."""
    return [repr(q.sum()), repr(q.sum(axis=0).tolist()), repr(np.cumsum(q)[-1])]


def blank(h: int, w: int) -> np.ndarray:
    """An empty uint8 canvas (negative sizes raise)."""
    return np.zeros((h, w, 3), dtype=np.uint8)


def filled(n: int, v: int) -> np.ndarray:
    """`np.full` of int8 (a value out of range raises OverflowError)."""
    return np.full(n, v, dtype=np.int8)


def paint(img: npt.NDArray[np.uint8], i: int, v: int) -> np.ndarray:
    """Setting one pixel (OverflowError beyond 255, IndexError out of range)."""
    out = img.copy()
    out[i] = v
    return out


def histogram(img: npt.NDArray[np.uint8]) -> list[int]:
    """Pixel counts by value, indexing with the uint8 items."""
    counts = np.zeros(8, dtype=np.int64)
    for v in img.reshape(-1):
        counts[v % 8] += 1
    return counts.tolist()


def depth_to_metres(depth: npt.NDArray[np.uint16]) -> np.ndarray:
    """16-bit depth in millimetres to float32 metres, 0 as NaN."""
    m = depth.astype(np.float32) / 1000.0
    m[depth == 0] = np.nan
    return m


def scalars(n: int, x: float) -> list[str]:
    """numpy scalar constructors: `np.uint8(n)` raises OverflowError out of range,
    `np.int8(x)` truncates (NaN: ValueError), arrays cast as `astype`."""
    a = np.array([x, -x])
    return [repr(np.uint8(n)), repr(np.int16(x)), repr(np.uint32(n) + 1),
            str(np.int8(a).tolist()), repr(np.uint16(a)[0])]
