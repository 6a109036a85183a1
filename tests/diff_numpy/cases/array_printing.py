"""Whole arrays printed, as people log them: `print(x)` / `str(x)` / `repr(x)` /
`f"{x}"` of embeddings, logits, probabilities, token ids and masks, with numpy's
default print options: 8 digits at most (each element its shortest), columns
aligned, scientific notation when the values span more than 1000 or pass 1e8 or
fall below 1e-4, nan/inf, lines wrapped at 75, `...` summaries above 1000
elements with `shape=`, `dtype=` for other dtypes than float64/int64/bool; a
format spec given to an array raises numpy's TypeError."""

import numpy as np
import numpy.typing as npt


def log_probs(logits: npt.NDArray[np.float32]) -> str:
    """Normalised weights of a batch printed in a log line (float32; no `exp`,
    whose last digits numpy's SIMD kernels choose per CPU)."""
    w = logits * logits
    p = w / w.sum(axis=-1, keepdims=True)
    return f"probs={p}"


def embedding_repr(x: npt.NDArray[np.float64]) -> str:
    """repr of an embedding (summarised past 1000 elements, with its shape)."""
    return repr(x)


def scaled(x: npt.NDArray[np.float64], scale: float) -> str:
    """str of scaled values: positional or scientific by numpy's rule."""
    return str(x * scale)


def token_ids(ids: npt.NDArray[np.int64]) -> str:
    """Token ids as printed by a tokenizer debug line (int64: no dtype in repr)."""
    return f"{ids}\n{ids!r}"


def int32_ids(ids: npt.NDArray[np.int32]) -> str:
    """int32 ids: repr names the dtype (on a new line when the last one is full)."""
    return repr(ids)


def mask_text(m: npt.NDArray[np.bool]) -> str:
    """An attention mask printed (bools aligned on ' True')."""
    return str(m) + " " + repr(m)


def matrix(x: npt.NDArray[np.float32], rows: int) -> str:
    """A 2-D float32 matrix: rows on their own lines, dtype in repr."""
    return repr(x.reshape(rows, -1)) + "\n" + str(x.reshape(rows, -1))


def small_dtypes(x: npt.NDArray[np.uint8]) -> str:
    """A uint8 image row and its int16 difference (dtypes named)."""
    d = x.astype(np.int16) - 128
    return repr(x) + " " + repr(d)


def printed(x: npt.NDArray[np.float64]) -> str:
    """`print(x)` of an array, then a format spec given to it (numpy's TypeError)."""
    print(x)
    return f"{x:.2f}"


def scalar_ties(x: npt.NDArray[np.float32]) -> str:
    """float32 items printed one by one: a value halfway between two shortest
    forms prints the even one, as numpy's Dragon4 (-48345.3125 is -48345.312)."""
    return " ".join(str(v) for v in x.reshape(-1)) + " " + repr(x.reshape(-1)[0])
