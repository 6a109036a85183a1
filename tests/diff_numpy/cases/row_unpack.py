"""Rows of an array unpacked by a loop or comprehension target, as held-out user
programs wrote them: `for x1, y1, x2, y2 in boxes`, `for (x, y), c in zip(coords,
conf)`, `for i, (s, e) in enumerate(spans)`, `[a * b for a, b in pairs]`, with
numpy scalars for the names and CPython's ValueErrors for rows of another length."""

import numpy as np
import numpy.typing as npt


def box_areas(boxes: npt.NDArray[np.float32]) -> list[float]:
    areas = []
    for x1, y1, x2, y2 in boxes:
        areas.append(float((x2 - x1) * (y2 - y1)))
    return areas


def keypoints(coords: npt.NDArray[np.int64], conf: npt.NDArray[np.float32], scale: float,
              thr: float) -> list[tuple[float, float] | None]:
    pts: list[tuple[float, float] | None] = []
    for (x, y), c in zip(coords, conf):
        pts.append(None if c < thr else (float(x) * scale, float(y) * scale))
    return pts


def span_report(spans: npt.NDArray[np.int64]) -> list[str]:
    lines = []
    for i, (s, e) in enumerate(spans):
        lines.append(f"{i}: {s}-{e} ({e - s} tokens)")
    return lines


def pair_products(pairs: npt.NDArray[np.float64]) -> list[float]:
    return [float(a * b) for a, b in pairs]


def widest(boxes: npt.NDArray[np.float32]) -> int:
    best, best_w = -1, -1.0
    for i, (x1, _, x2, _) in enumerate(boxes):
        if x2 - x1 > best_w:
            best, best_w = i, float(x2 - x1)
    return best


def accumulate(acc0: npt.NDArray[np.float32], rows: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    acc = acc0.copy()
    acc += rows
    acc[1:] *= rows[..., :1]
    return acc
