"""Padding as post-processing writes it: token ids padded to one length with
`np.pad` and `constant_values`, batches stacked after padding, feature maps padded
by reflection, symmetry or the edge values, circular signals (`wrap`), per-axis
widths as pairs, and numpy's errors for negative widths, widths that do not fit
the rank, misspelt modes and empty axes."""

import numpy as np
import numpy.typing as npt


def pad_ids(ids: npt.NDArray[np.int64], length: int, pad_id: int) -> list[int]:
    """One sequence of token ids padded on the right to `length` with `pad_id`."""
    return np.pad(ids, (0, length - len(ids)), constant_values=pad_id).tolist()


def pad_batch(rows: list[list[int]], pad_id: int) -> npt.NDArray[np.int64]:
    """A batch of id lists padded to the longest one."""
    n = max(len(r) for r in rows)
    out = [np.pad(np.array(r, dtype=np.int64), (0, n - len(r)), constant_values=pad_id)
           for r in rows]
    return np.stack(out)


def pad_image(x: npt.NDArray[np.float32], k: int, mode: str) -> npt.NDArray[np.float32]:
    """A feature map padded by `k` on both axes in the mode given at run time."""
    if mode == "edge":
        return np.pad(x, k, mode="edge")
    if mode == "reflect":
        return np.pad(x, ((k, k), (k, k)), mode="reflect")
    if mode == "symmetric":
        return np.pad(x, [(k, k), (k, k)], mode="symmetric")
    return np.pad(x, k)


def pad_empty(x: npt.NDArray[np.float32], k: int) -> list[int]:
    """Zeros around an array that may be empty (constant mode extends empty axes)."""
    return list(np.pad(x, k).shape)


def pad_rows_only(x: npt.NDArray[np.float64], before: int, after: int) -> npt.NDArray[np.float64]:
    """Rows of zeros above and below, none beside."""
    return np.pad(x, ((before, after), (0, 0)))


def pad_float_ids(x: npt.NDArray[np.int32], fill: float) -> list[list[int]]:
    """An int32 array padded with a float (truncated into int32 as numpy casts it)."""
    return np.pad(x, 1, constant_values=fill).tolist()


def circular(x: npt.NDArray[np.float32], k: int) -> list[float]:
    """A 1-D signal wrapped around on both ends (circular convolution's input)."""
    return np.pad(x, k, mode="wrap").tolist()


def bad_widths(x: npt.NDArray[np.float32], widths: list[tuple[int, int]]) -> list[int]:
    """Per-axis widths given as a list of pairs (numpy's broadcast error otherwise)."""
    return list(np.pad(x, widths).shape)


def misspelt_mode(x: npt.NDArray[np.float32], k: int) -> list[float]:
    """A misspelt mode name: numpy's ValueError, after its check of the widths."""
    return np.pad(x, k, mode="reflekt").tolist()
