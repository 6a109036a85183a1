"""Float matrix products as numpy computes them: `@`, `np.matmul`, `np.dot`,
`ndarray.dot` and `np.linalg.norm` of a whole array call the OpenBLAS numpy ships,
as numpy calls it (gemm, syrk for a matrix times its own transpose, gemv, dot, or
numpy's own loop), so the results agree with numpy bit for bit (the inputs file
sets EXACT): cosine similarity of embeddings, a Gram matrix, dense layers, batched
attention scores, vector dot products."""

import numpy as np
import numpy.typing as npt


def cosine_matrix(a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Cosine similarity of two sets of embeddings: rows normalised, then `a @ b.T`."""
    an = a / np.linalg.norm(a, axis=1, keepdims=True)
    bn = b / np.linalg.norm(b, axis=1, keepdims=True)
    return an @ bn.T


def scores64(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> list[npt.NDArray[np.float64]]:
    """float64 products: `a @ b.T`, `np.matmul(a, b.T)`, `np.dot(a, b.T)`, `a.T @ a`."""
    return [a @ b.T, np.matmul(a, b.T), np.dot(a, b.T), a.T @ a]


def gram(a: npt.NDArray[np.float32]) -> list[npt.NDArray[np.float32]]:
    """A matrix times its own transpose (numpy's syrk), both ways round."""
    return [a @ a.T, a.T @ a, np.dot(a, a.T)]


def dense(x: npt.NDArray[np.float32], w: npt.NDArray[np.float32],
          bias: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """A dense layer `x @ w + bias` (a 1-D `x` is one row)."""
    return x @ w + bias


def mat_vec(m: npt.NDArray[np.float32], v: npt.NDArray[np.float32]) -> list[npt.NDArray[np.float32]]:
    """Matrix times vector and vector times matrix (gemv), through `@`, `np.dot`, `.dot`."""
    return [m @ v, np.dot(m, v), m.dot(v), v @ m.T, m.T.dot(v)]


def vector_dots(a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]) -> list[float]:
    """Dot products of rows (BLAS sdot summed in float64), as Python floats."""
    return [float(np.dot(a[i], b[i])) for i in range(a.shape[0])] + [
        float(a[0] @ b[-1]), float(a[-1].dot(b[0]))]


def batched(q: npt.NDArray[np.float32], k: npt.NDArray[np.float32]) -> list[npt.NDArray[np.float32]]:
    """Batched attention scores `q @ k.transpose(0, 2, 1)`, a stack times a matrix."""
    return [np.matmul(q, np.transpose(k, (0, 2, 1))), q @ k[0].T]


def norms(x: npt.NDArray[np.float32], y: npt.NDArray[np.float64]) -> list[float]:
    """`np.linalg.norm` of whole arrays (sqrt of a BLAS dot), float32 and float64."""
    return [float(np.linalg.norm(x)), float(np.linalg.norm(x[0])), float(np.linalg.norm(y)),
            float(np.linalg.norm(x.T))]


def mixed(a: npt.NDArray[np.float32], b: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """float32 @ float64 is a float64 product."""
    return a @ b


def column_copies(x: npt.NDArray[np.float32], y: npt.NDArray[np.float32], j: int) -> list[float]:
    """Products of a column and of rows as W012's fix writes them: a copy of the
    column is contiguous in numpy too, so BLAS adds in the same order in both."""
    return [float(x[:, j].copy() @ y), float(x[j] @ x[j + 1]), float(np.dot(x[j, :], x[0]))]
