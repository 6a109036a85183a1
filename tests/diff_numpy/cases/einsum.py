"""np.einsum of two operands as people write it in attention and similarity
code: matrix products, row-wise dots, outer products, batched scores, implicit
outputs; shape mismatches raise numpy's ValueErrors."""

import numpy as np
import numpy.typing as npt


def project(x: npt.NDArray[np.float32], w: npt.NDArray[np.float32]) -> np.ndarray:
    """x @ w written as an einsum."""
    return np.einsum("ij,jk->ik", x, w)


def row_dots(a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]) -> np.ndarray:
    """The dot product of each pair of rows."""
    return np.einsum("ij,ij->i", a, b)


def similarity(a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]) -> np.ndarray:
    """a @ b.T without the transpose."""
    return np.einsum("id,jd->ij", a, b)


def outer(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> np.ndarray:
    """The outer product of two vectors."""
    return np.einsum("i,j->ij", a, b)


def inner(a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]) -> str:
    """The inner product of two vectors: a numpy scalar."""
    return repr(np.einsum("i,i->", a, b))


def implicit_product(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> np.ndarray:
    """An implicit output: the labels seen once, in alphabetical order."""
    return np.einsum("ij,jk", a, b)


def batched_scores(q: npt.NDArray[np.float32], k: npt.NDArray[np.float32]) -> np.ndarray:
    """Attention scores per batch: (b, i, d) x (b, j, d) -> (b, i, j)."""
    return np.einsum("bid,bjd->bij", q, k) / np.float32(np.sqrt(q.shape[-1]))


def weighted_counts(x: npt.NDArray[np.int64], w: npt.NDArray[np.int32]) -> np.ndarray:
    """Integer weights: int64 sums (int32 promotes)."""
    return np.einsum("ij,j->i", x, w)


def transposed(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> np.ndarray:
    """An output in another order than the inputs: (a @ b).T."""
    return np.einsum("ij,jk->ki", a, b)


def head_mix(x: npt.NDArray[np.float32], m: npt.NDArray[np.float32]) -> np.ndarray:
    """Mixing heads: (h, s, d) with (g, h) -> (g, s, d)."""
    return np.einsum("hsd,gh->gsd", x, m)
