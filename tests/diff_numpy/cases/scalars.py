"""Iterating over arrays (rows, numpy scalars) and turning them into Python values."""

import numpy as np
import numpy.typing as npt


def cosine_topk(query: npt.NDArray[np.float32], docs: npt.NDArray[np.float32],
                k: int) -> list[int]:
    """Embedding search: the k documents most similar to the query, best first."""
    sims = (docs / np.linalg.norm(docs, axis=1, keepdims=True)) @ (query / np.linalg.norm(query))
    order = np.argsort(-sims)
    return [int(i) for i in order[:k]]


def threshold(scores: npt.NDArray[np.float32], t: float) -> list[int]:
    """Positions of the scores above t, through `tolist()`."""
    return [i for i, s in enumerate(scores.tolist()) if s > t]


def argmax_labels(logits: npt.NDArray[np.float32], labels: list[str]) -> list[str]:
    """A classification head: the label of each row's best logit (a numpy int indexes)."""
    return [labels[i] for i in logits.argmax(axis=1)]


def decode_spans(logits: npt.NDArray[np.float32], tags: list[str]) -> list[tuple[str, int, int]]:
    """NER: BIO tags from per-token logits, merged into (type, start, end) spans."""
    spans: list[tuple[str, int, int]] = []
    kind = ""
    start = -1
    for pos, row in enumerate(logits):
        tag = tags[int(row.argmax())]
        if tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != kind):
            if kind:
                spans.append((kind, start, pos))
            kind = tag[2:]
            start = pos
        elif tag == "O" and kind:
            spans.append((kind, start, pos))
            kind = ""
    if kind:
        spans.append((kind, start, len(logits)))
    return spans


def report(scores: npt.NDArray[np.float32], names: list[str]) -> list[str]:
    """Lines of a report: numpy scalars printed by f-strings, str() and repr()."""
    lines = []
    for name, s in zip(names, scores.reshape(-1)):
        lines.append(f"{name}: {s:.3f} {s} {str(s)} {repr(s)}")
    return lines


def scalar_texts(ids: npt.NDArray[np.int32], flags: npt.NDArray[np.bool],
                 x: npt.NDArray[np.float64]) -> list[str]:
    """str/repr of int32, bool and float64 numpy scalars."""
    out = []
    for i in ids.reshape(-1):
        out.append(f"{i} {i:>4} {str(i)} {repr(i)}")
    for b in flags.reshape(-1):
        out.append(f"{b} {str(b)} {repr(b)}")
    for v in x.reshape(-1):
        out.append(f"{v} {str(v)} {repr(v)} {v:.2e}")
    return out


def lengths(mask: npt.NDArray[np.int64], pad_id: int) -> list[int]:
    """Sequence lengths of a padded batch; rows that hold the pad id are counted too."""
    out = []
    for row in mask:
        n = int(row.sum())
        if pad_id in row:
            n = -n
        out.append(n)
    return out


def best_per_row(probs: npt.NDArray[np.float32], labels: list[str]) -> list[tuple[str, float]]:
    """The best label of each row and its probability as a Python float."""
    out = []
    for row in probs:
        best = 0
        for j, p in enumerate(row):
            if p > row[best]:
                best = j
        out.append((labels[best], float(row[best])))
    return out


def nested(x: npt.NDArray[np.float32], ids: npt.NDArray[np.int64]) -> list[str]:
    """`tolist()` of arrays of any rank and dtype, printed as Python values."""
    return [str(x.tolist()), str(ids.tolist()), str((ids > 1).tolist()), str(len(ids))]


def pick_rows(m: npt.NDArray[np.float32], order: list[int]) -> list[float]:
    idx = np.array(order, dtype=np.int64)
    return [float(m[i, 0]) for i in idx]
