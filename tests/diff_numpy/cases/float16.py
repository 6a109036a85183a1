"""float16 as a dtype of its own: arrays in and out (numpy `<f2`), casts and
`np.float16(x)` scalars (rounded directly from the double, inf beyond 65504),
arithmetic rounded to float16 after each operation, numpy 2's promotion
(float16 with uint8/int8 stays float16, with int16 is float32, with int32 is
float64, with a Python float stays float16), reductions (`sum` adds a whole lane
pairwise in float32 and rounds once; `mean` is float16; `cumsum` rounds each
step), comparisons and printing with float16's shortest digits (scientific from
1e3)."""

import numpy as np
import numpy.typing as npt


def half_scores(x: npt.NDArray[np.float32]) -> np.ndarray:
    """Logits stored in half precision: the cast rounds to nearest even, overflows to inf."""
    return x.astype(np.float16)


def scale_half(h: npt.NDArray[np.float16], k: float) -> np.ndarray:
    """A float16 array times a Python float stays float16 (the scalar is weak)."""
    return h * k + 0.5


def half_promotions(h: npt.NDArray[np.float16], u8: npt.NDArray[np.uint8]) -> tuple[
        np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """numpy 2's table: with uint8 float16, with int16 float32, with int32 and int64
    float64, with float32 float32; true division of float16 stays float16."""
    return (h + u8, h * u8.astype(np.int16), h - u8.astype(np.int32),
            h + u8.astype(np.int64), h * np.ones(1, dtype=np.float32), h / u8)


def half_sum(h: npt.NDArray[np.float16]) -> tuple[str, str, str]:
    """`sum` adds pairwise in float32 and rounds once (5000 x 0.1 is 500.0, where
    adding in float16 stops at 256); `mean` is float16; `cumsum` rounds every step."""
    return repr(h.sum()), repr(h.mean()), str(np.cumsum(h)[-3:])


def half_rows(h: npt.NDArray[np.float16]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Reductions along an axis stay float16: sum (pairwise per row), mean, max."""
    return h.sum(axis=1), h.mean(axis=0), h.max(axis=1)


def half_scalars(x: float, n: int) -> list[str]:
    """np.float16 scalars of Python numbers print float16's shortest digits,
    scientific from 1e3; their arithmetic stays float16."""
    a = np.float16(x)
    b = np.float16(n)
    return [str(a), repr(b), str(a * 3), repr(a + b), str(a / 7), repr(a > b), str(float(a))]


def half_print(h: npt.NDArray[np.float16]) -> tuple[str, str]:
    """str and repr of float16 arrays: shortest float16 digits, the dtype in repr."""
    return str(h), repr(h)


def half_compare(h: npt.NDArray[np.float16], t: float) -> tuple[np.ndarray, int, np.ndarray]:
    """Comparisons with a Python float compare in float16 (0.1 is 0.0999755859375)."""
    return h > t, int((h == t).sum()), np.where(h >= t, h, np.float16(0))


def half_softmax(h: npt.NDArray[np.float16]) -> np.ndarray:
    """A max-shifted softmax computed in float32 and stored back as float16."""
    x = h.astype(np.float32)
    e = np.exp(x - x.max())
    return (e / e.sum()).astype(np.float16)


def half_index(h: npt.NDArray[np.float16], i: int) -> tuple[float, list[float], float]:
    """An element is a Python float of the float16 value; tolist() likewise;
    out of range raises IndexError."""
    return float(h[i]), h.tolist(), float(h.max())
