"""Float arrays to a Python scalar power: numpy turns `x ** 2` (the int 2) into
`np.square`, `x ** -1` into `np.reciprocal` and `x ** 0.5` (the float) into
`np.sqrt`, whose results are correctly rounded, where its `power` loop gives the C
library's (or, on AVX-512 machines, SVML's) `pow`. Compiled code takes the same
shortcuts, so these agree bit for bit (the inputs file sets EXACT)."""

import numpy as np
import numpy.typing as npt


def squares(x: npt.NDArray[np.float32]) -> list[npt.NDArray[np.float32]]:
    """The squares, and their sum along the last axis as an L2 norm by hand."""
    return [x ** 2, np.sqrt((x ** 2).sum(axis=-1))]


def squared_distances(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Squared Euclidean distances of matching rows."""
    return ((a - b) ** 2).sum(axis=1)


def roots_and_inverses(x: npt.NDArray[np.float32]) -> list[npt.NDArray[np.float32]]:
    """The square root and the reciprocal of positive values."""
    return [x ** 0.5, x ** -1, 1.0 / x]


def half_squares(x: npt.NDArray[np.float16]) -> npt.NDArray[np.float16]:
    """float16 stays float16: squared, and its square root."""
    return x ** 2 + x ** 0.5


def int_squares(x: npt.NDArray[np.int64], k: int) -> npt.NDArray[np.int64]:
    """An int array to an int power stays int; a negative exponent raises."""
    return x ** 2 + x ** k
