"""Batches built row by row the way tokenizer-to-model glue code builds them: padded
id matrices, masks and segment ids filled from Python lists (`ids[i, :n] = row`)."""

import numpy as np
import numpy.typing as npt


def pad_rows(rows: list[list[int]], pad_id: int) -> npt.NDArray[np.int64]:
    """Each row assigned as a list: numpy makes it an array, then broadcasts it."""
    width = max(len(r) for r in rows)
    ids = np.full((len(rows), width), pad_id, dtype=np.int64)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = r
    return ids


def fill_scores(n: int, rows: list[list[float]]) -> npt.NDArray[np.float32]:
    """Float lists into a float32 matrix after a first column; a wrong width raises."""
    out = np.zeros((len(rows), n), dtype=np.float32)
    for i, r in enumerate(rows):
        out[i, 1:] = r
    return out


def lengths_mask(lengths: list[int], width: int) -> npt.NDArray[np.int64]:
    """An attention mask from sequence lengths: ones up to each length."""
    mask = np.zeros((len(lengths), width), dtype=np.int64)
    for i, n in enumerate(lengths):
        mask[i, :n] = [1] * n
    return mask


def segment_ids(first: list[int], second: list[int]) -> npt.NDArray[np.int64]:
    """token_type_ids of a sentence pair: 0 over the first part, 1 over the second."""
    tt = np.zeros((1, len(first) + len(second)), dtype=np.int64)
    tt[0, len(first):] = [1 for _ in second]
    return tt


def windows(ids: list[int], size: int, stride: int) -> npt.NDArray[np.int64]:
    """Overlapping windows of a long sequence, the last one padded with zeros."""
    starts = list(range(0, max(len(ids) - size, 0) + 1, stride))
    if starts[-1] + size < len(ids):
        starts.append(starts[-1] + stride)
    out = np.zeros((len(starts), size), dtype=np.int64)
    for j, s in enumerate(starts):
        w = ids[s : s + size]
        out[j, : len(w)] = w
    return out


def stack_batches(rows: list[list[float]], batch: int) -> npt.NDArray[np.float32]:
    """Batches collected in a `list[np.ndarray]` local (the dtype of the arrays
    appended decides it) and concatenated; no rows raises numpy's ValueError."""
    parts: list[np.ndarray] = []
    for i in range(0, len(rows), batch):
        chunk = np.array(rows[i:i + batch], dtype=np.float32)
        parts.append(chunk * 2.0)
    return np.concatenate(parts, axis=0)


def id_array(ids: list[int], mask: list[bool]) -> str:
    """`np.array(ids)` without a dtype, as glue code writes it: int64 from ints, bool from
    bools. An empty list is float64 in numpy; compiled code raises ValueError naming the
    dtype= to pass (its dtype is fixed when compiling; warning W008)."""
    a = np.array(ids)
    m = np.array(mask)
    return f"{a.dtype} {a.shape} {a.sum()} {m.dtype} {int(m.sum())}"
