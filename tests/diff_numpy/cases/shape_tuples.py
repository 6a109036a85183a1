"""`x.shape` of arrays whose rank is not known at compile time, as users write it
around a model: in error messages, compared with tuples, passed to numpy, sliced."""

import numpy as np
import numpy.typing as npt


def check_query(query: npt.NDArray[np.float32]) -> int:
    if query.ndim != 1:
        raise ValueError(f"query must be 1-D, got shape {query.shape}")
    return query.shape[0]


def check_image(img: npt.NDArray[np.float32]) -> str:
    if img.ndim != 3 or img.shape[2] != 3:
        raise ValueError(f"expected an HxWx3 image, got shape {img.shape}")
    return "image {} ok".format(img.shape)


def describe(x: npt.NDArray[np.float64]) -> str:
    s = x.shape
    return f"{s!r} {s} {str(s)} {len(s)} {s[1:]} {s[::-1]}"


def same_shape(a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]) -> bool:
    return a.shape == b.shape


def is_square(m: npt.NDArray[np.float32]) -> bool:
    if m.shape == (3, 3):
        return True
    return m.shape[0] == m.shape[-1]


def zeros_like_shape(ids: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    mask = np.zeros(ids.shape, dtype=np.int64)
    mask[ids != 0] = 1
    return mask


def shape_list(x: npt.NDArray[np.int32]) -> list[int]:
    return list(x.shape) + [x.ndim]


def batch_dims(hidden: npt.NDArray[np.float32]) -> tuple[int, int]:
    dims = hidden.shape
    if len(dims) < 2:
        raise ValueError(f"need a batch of sequences, got {dims}")
    return dims[0], dims[1]
