"""Building arrays by repetition, as people write it around models: identity and
shifted-diagonal masks with `np.eye` (attention masks, one-hot rows), outer
products (`np.outer` for position grids and rank-one updates), `np.tile` of a row
for a batch, `np.repeat` of tokens per word and of rows per beam, and the errors
numpy raises for negative counts and mismatched repeats."""

import numpy as np
import numpy.typing as npt


def one_hot_rows(labels: list[int], n_classes: int) -> npt.NDArray[np.float32]:
    """One-hot rows picked from an identity matrix (IndexError past the classes)."""
    eye = np.eye(n_classes, dtype=np.float32)
    return eye[labels]


def band_mask(n: int, width: int) -> list[list[int]]:
    """A band of ones around the diagonal built from shifted identities (int32)."""
    m = np.eye(n, dtype=np.int32)
    for k in range(1, width + 1):
        m = m + np.eye(n, k=k, dtype=np.int32) + np.eye(n, n, -k, dtype=np.int32)
    return m.tolist()


def rect_eye(n: int, m: int, k: int) -> str:
    """A rectangular float64 identity, shape and trace printed (ValueError for a
    negative dimension)."""
    e = np.eye(n, m, k)
    return f"{e.shape} {e.sum()} {e.dtype}"


def position_grid(rows: npt.NDArray[np.float32], cols: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """An outer product of a float32 and an int64 vector (float64, as numpy promotes)."""
    return np.outer(rows, cols)


def rank_one_update(w: npt.NDArray[np.float32], u: npt.NDArray[np.float32],
                    v: npt.NDArray[np.float32], lr: float) -> npt.NDArray[np.float32]:
    """`w - lr * outer(u, v)` in float32 (broadcast ValueError for a wrong shape)."""
    return w - lr * np.outer(u, v)


def bool_pairs(a: npt.NDArray[np.bool], b: npt.NDArray[np.bool]) -> int:
    """How many pairs are both true, by an outer product of two masks (bool)."""
    return int(np.outer(a, b).sum())


def batch_of_row(row: npt.NDArray[np.float32], batch: int) -> npt.NDArray[np.float32]:
    """A row tiled into a batch (`np.tile(row, (batch, 1))`; negative batch raises)."""
    return np.tile(row, (batch, 1))


def tile_flat(x: npt.NDArray[np.int32], reps: int) -> list[int]:
    """A 1-D tiling of ids, to a list."""
    return np.tile(x.reshape(-1), reps).tolist()


def word_ids_to_tokens(word_scores: npt.NDArray[np.float32], tokens_per_word: list[int]) -> npt.NDArray[np.float32]:
    """Each word's score repeated for its sub-word tokens, by the list of counts and
    by an int32 array of them (numpy's errors for counts of another length, or a
    negative count)."""
    by_list = np.repeat(word_scores, tokens_per_word)
    by_array = np.repeat(word_scores, np.array(tokens_per_word, dtype=np.int32))
    return np.concatenate([by_list, by_array])


def beams(hidden: npt.NDArray[np.float64], n_beams: int, axis: int) -> npt.NDArray[np.float64]:
    """Rows repeated for beam search along an axis (AxisError, negative counts)."""
    return hidden.reshape(2, -1).repeat(n_beams, axis=axis)
