"""Float sums in numpy's order: `sum`, `mean`, `var`, `std`, `prod` and `norm` along
an axis add as numpy does (pairwise along the innermost axis, one element after the
other across the others; float32 stays float32), so the results agree with numpy bit
for bit, not only to within rounding (the inputs file sets EXACT)."""

import numpy as np
import numpy.typing as npt


def totals(x: npt.NDArray[np.float32]) -> list[float]:
    """Full reductions of a float32 array, as Python floats."""
    return [float(x.sum()), float(np.sum(x)), float(x.mean()), float(np.var(x)),
            float(x.std()), float(np.std(x, ddof=1)), float(np.prod(x[:6]))]


def totals64(x: npt.NDArray[np.float64]) -> list[float]:
    """The same reductions of a float64 array."""
    return [float(x.sum()), float(x.mean()), float(x.var()), float(x.std(ddof=1)),
            float(np.prod(x[:6]))]


def along_axes(x: npt.NDArray[np.float32]) -> list[npt.NDArray[np.float32]]:
    """Reductions of a 2-D float32 array along each axis: pairwise along rows, one
    row after the other down columns."""
    return [x.sum(axis=0), x.sum(axis=1), x.sum(axis=-1, keepdims=True), x.mean(axis=0),
            x.mean(axis=1), x.var(axis=1), x.std(axis=0), x.std(axis=1, ddof=1),
            np.linalg.norm(x, axis=1), np.linalg.norm(x, axis=0)]


def mean_pool(hidden: npt.NDArray[np.float32], mask: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
    """Sentence embeddings as sentence-transformers computes them: masked mean over
    the token axis (the middle one), then L2 normalisation along the last."""
    m = mask[..., None].astype(hidden.dtype)
    summed = (hidden * m).sum(axis=1)
    counts = np.clip(m.sum(axis=1), 1e-9, None)
    pooled = summed / counts
    return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


def normalize_rows(weights: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Rows scaled to sum to one, as a softmax divides by its row sums."""
    return weights / weights.sum(axis=-1, keepdims=True)


def cube_axes(x: npt.NDArray[np.float64]) -> list[npt.NDArray[np.float64]]:
    """A 3-D float64 array reduced along each of its axes."""
    return [x.sum(axis=0), x.sum(axis=1), x.sum(axis=2), x.mean(axis=1), x.var(axis=2)]
