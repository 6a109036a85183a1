"""Glue around model outputs that held-out user programs wrote: raw bytes of arrays
(`x.tobytes()` hashed as a cache key, 16-bit PCM out of a float waveform), their sizes
(`nbytes`, `itemsize`), masks annotated `npt.NDArray[np.bool_]` and dtypes spelled
`np.bool_`/`np.double`/`np.single`, items of `tolist()` of an array of unknown rank
given to `round` and used as list indices, `all`/`any` of a generator of numpy scalars,
`np.bincount` and `np.diag` in an evaluation report (each was refused before)."""

import hashlib

import numpy as np
import numpy.typing as npt

LABELS = ["negative", "neutral", "positive"]


def cache_key(emb: npt.NDArray[np.float32], model: str) -> str:
    """A cache key from the embedding's raw bytes, its shape and the model name."""
    h = hashlib.sha256(emb.tobytes())
    h.update(model.encode())
    return f"{model}:{emb.shape}:{h.hexdigest()[:16]}"


def pcm16(wave: npt.NDArray[np.float32]) -> bytes:
    """A float waveform in [-1, 1] as little-endian 16-bit PCM (clipped; NaN casts as numpy)."""
    return (np.clip(wave, -1.0, 1.0) * 32767).astype(np.int16).tobytes()


def storage_report(codes: npt.NDArray[np.int8], scale: npt.NDArray[np.float32],
                   emb: npt.NDArray[np.float32]) -> str:
    """Bytes of an int8-quantised index against the float32 one."""
    saved = 1 - (codes.nbytes + scale.nbytes) / emb.nbytes
    return (f"{codes.nbytes + scale.nbytes} bytes vs {emb.nbytes} ({saved:.0%} saved, "
            f"{codes.itemsize}+{scale.itemsize} bytes per item)")


def mask_select(scores: npt.NDArray[np.float32], keep: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """A bool mask parameter and result written with numpy's `np.bool_`."""
    if scores.shape != keep.shape:
        raise ValueError(f"scores {scores.shape} and mask {keep.shape} differ")
    return (scores > 0.5).astype(np.bool_) & keep


def as_double(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
    """`np.double` and `np.single` as dtypes."""
    return x.astype(np.double) + np.zeros(x.shape, dtype=np.single)


def rounded_rows(x: npt.NDArray[np.float32], digits: int) -> list[list[float]]:
    """`round(v, n)` of the items of `tolist()` (a dynamic value: the rank is not known)."""
    return [[round(v, digits) for v in row] for row in x.tolist()]


def predicted_labels(logits: npt.NDArray[np.float32]) -> list[str]:
    """`LABELS[t]` for `t` an item of `argmax(-1).tolist()`."""
    return [LABELS[t] for t in logits.argmax(-1).tolist()]


def greedy_dedupe(emb: npt.NDArray[np.float32], threshold: float) -> list[int]:
    """Keep a row unless it is too similar to one kept before: `all(...)` of numpy bools,
    stopping at the first false one as CPython (a later bad index is never reached)."""
    sims = emb @ emb.T
    keep: list[int] = []
    for i in range(len(sims)):
        if all(sims[i, j] < threshold for j in keep):
            keep.append(i)
    return keep


def any_confident(probs: npt.NDArray[np.float32], picks: list[int], t: float) -> bool:
    """`any(...)` of numpy scalars picked by index; an array of another rank raises numpy's
    truth ValueError, a bad index only when reached."""
    return any(probs[j] > t for j in picks)


def per_class_recall(y_true: npt.NDArray[np.int64], y_pred: npt.NDArray[np.int64], n: int) -> list[str]:
    """Support by `np.bincount`, true positives by `np.diag` of a confusion matrix."""
    support = np.bincount(y_true, minlength=n)
    cm = np.zeros((n, n), dtype=np.int64)
    for t, p in zip(y_true, y_pred):
        cm[t, p] += 1
    tp = np.diag(cm)
    lines = [f"class {c}: {tp[c]}/{support[c]}" for c in range(n)]
    lines.append(f"off-diagonal {int(cm.sum() - tp.sum())}, above {np.diag(cm, 1).tolist()}, "
                 f"scaled {np.diag(tp * 2.0, -1).shape}")
    return lines
