"""Comparing model outputs with tolerances and packing masks into bits, as people
write it: `np.allclose` of two runs' logits (float32 against float64, NaN with
`equal_nan`), `np.isclose` against a reference row and a Python number,
tolerance sweeps, `np.packbits` of binary embeddings and attention masks
(`axis=`, `bitorder=`), `np.unpackbits` back with `count=`, Hamming distances
between packed codes; numpy's errors (broadcasting, bit order, dtypes, counts)."""

import numpy as np
import numpy.typing as npt


def same_logits(a: npt.NDArray[np.float32], b: npt.NDArray[np.float64]) -> bool:
    """Whether two runs agree within numpy's default tolerances."""
    return np.allclose(a, b)


def same_with_nan(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64], equal_nan: bool) -> bool:
    """allclose with NaN equal or not, and a tight atol."""
    return np.allclose(a, b, rtol=1e-3, atol=0.0, equal_nan=equal_nan)


def close_mask(x: npt.NDArray[np.float32], ref: npt.NDArray[np.float32]) -> list[bool]:
    """Which entries of a batch match a reference row (broadcast), as Python bools."""
    return np.isclose(x, ref).reshape(-1).tolist()


def near_value(x: npt.NDArray[np.float32], v: float, atol: float) -> int:
    """How many float32 scores are close to a Python number (compared in float32)."""
    return int(np.isclose(x, v, atol=atol).sum())


def int_close(a: npt.NDArray[np.int32], b: npt.NDArray[np.int64]) -> str:
    """isclose of int arrays (computed in float64), printed as a numpy array repr of
    the count and the first result."""
    m = np.isclose(a, b, rtol=0.0, atol=1.0)
    return f"{m.sum()} {m.reshape(-1)[0]!r}"


def pack_signs(emb: npt.NDArray[np.float32]) -> npt.NDArray[np.uint8]:
    """A binary embedding: the signs of each row packed into bytes along the row."""
    return np.packbits(emb > 0, axis=-1)


def pack_little(mask: npt.NDArray[np.int64], order: str) -> list[int]:
    """A flat mask packed with a given bit order, to a list of byte values."""
    return np.packbits(mask, bitorder=order).tolist()


def hamming(a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]) -> int:
    """The Hamming distance between two packed sign codes."""
    pa = np.packbits(a > 0)
    pb = np.packbits(b > 0)
    return int(np.count_nonzero(np.unpackbits(pa ^ pb)))


def unpack_count(codes: npt.NDArray[np.uint8], count: int, order: str) -> npt.NDArray[np.uint8]:
    """The first `count` bits of each row of codes (numpy's errors for a bad order
    or a negative count past the bits)."""
    return np.unpackbits(codes, axis=1, count=count, bitorder=order)


def pack_floats(x: npt.NDArray[np.float64]) -> npt.NDArray[np.uint8]:
    """packbits of a float array raises numpy's TypeError (and of an empty one too)."""
    return np.packbits(x)
