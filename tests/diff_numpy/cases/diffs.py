"""Differences, positions and 4-D transposes as held-out user programs wrote them:
voice-activity segments from `np.diff` of a 0/1 frame mask, deltas of features along
an axis, second differences, change points of a bool mask (numpy's `!=`), wrapping
uint8 differences, `np.flatnonzero` of a threshold, attention heads split and merged
with `x.transpose(0, 2, 1, 3)` / `x.transpose((0, 2, 1, 3))`, and `np.isneginf` /
`np.isposinf` of banned logits."""

import numpy as np
import numpy.typing as npt


def speech_segments(energy: npt.NDArray[np.float32], thr: float, hop: int) -> list[tuple[int, int]]:
    active = (energy > thr).astype(np.int8)
    pad = np.zeros(1, dtype=np.int8)
    edges = np.diff(np.concatenate([pad, active, pad]))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    return [(int(s) * hop, int(e) * hop) for s, e in zip(starts, ends)]


def feature_deltas(feats: npt.NDArray[np.float32], axis: int) -> npt.NDArray[np.float32]:
    return np.diff(feats, axis=axis)


def acceleration(track: npt.NDArray[np.float64], order: int) -> list[float]:
    return np.diff(track, n=order).tolist()


def change_points(mask: npt.NDArray[np.bool_]) -> list[int]:
    changed = np.diff(mask)
    return (np.flatnonzero(changed) + 1).tolist()


def pixel_steps(row: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    return np.diff(row)


def above(scores: npt.NDArray[np.float32], thr: float) -> list[int]:
    return np.flatnonzero(scores > thr).tolist()


def split_heads(x: npt.NDArray[np.float32], n_heads: int) -> npt.NDArray[np.float32]:
    b, t, d = x.shape
    if d % n_heads:
        raise ValueError(f"hidden size {d} is not divisible by {n_heads} heads")
    return x.reshape(b, t, n_heads, d // n_heads).transpose(0, 2, 1, 3)


def merge_heads(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    b, h, t, hd = x.shape
    return x.transpose((0, 2, 1, 3)).reshape(b, t, h * hd)


def allowed_tokens(logits: npt.NDArray[np.float32]) -> tuple[list[int], int]:
    if np.all(np.isneginf(logits)):
        raise RuntimeError("every token is banned")
    forced = int(np.count_nonzero(np.isposinf(logits)))
    return np.flatnonzero(~np.isneginf(logits)).tolist(), forced


def best_span(start: npt.NDArray[np.float32], end: npt.NDArray[np.float32],
              max_len: int) -> tuple[int, int]:
    n = start.shape[0]
    ones = np.ones((n, n), dtype=bool)
    valid = np.triu(ones) & np.tril(ones, k=max_len - 1)
    scores = np.where(valid, start[:, None] + end[None, :], -np.inf)
    s, e = divmod(int(np.argmax(scores)), n)
    return s, e
