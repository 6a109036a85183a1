"""Post-processing of model outputs as people write it: helpers annotated
`np.ndarray` without dtype or rank (each compiled per call signature, so what
they return keeps the caller's rank), entry points typed at the boundary."""

import numpy as np
import numpy.typing as npt

LABELS = ["negative", "neutral", "positive"]
TAGS = ["toxic", "obscene", "insult", "threat"]


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _normalize(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v, axis=1, keepdims=True)
    return v / np.maximum(n, 1e-12)


def _mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    m = np.expand_dims(mask, -1).astype(hidden.dtype)
    return (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)


def embed(hidden: npt.NDArray[np.float32], mask: npt.NDArray[np.int64]) -> list[list[float]]:
    pooled = _mean_pool(hidden, mask)
    return _normalize(pooled).tolist()


def cosine_matrix(a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]) -> list[list[float]]:
    a_n = _normalize(a)
    b_n = _normalize(b)
    sim = a_n @ b_n.T
    return np.round(sim, 4).tolist()


def top_k_with_scores(scores: npt.NDArray[np.float32], k: int) -> list[list[tuple[int, float]]]:
    out = []
    order = np.argsort(-scores, axis=1)[:, :k]
    for row, ids in zip(scores, order):
        out.append([(int(i), float(row[i])) for i in ids])
    return out


def classify(rows: list[list[float]]) -> list[str]:
    logits = np.array(rows, dtype=np.float32)
    probs = _softmax(logits)
    ids = probs.argmax(axis=1)
    results = []
    for i, label_id in enumerate(ids):
        results.append(f"{LABELS[label_id]}: {probs[i, label_id]:.4f}")
    return results


def classify_one(row: list[float]) -> str:
    probs = _softmax(np.array(row, dtype=np.float32))
    best = probs.argmax()
    return f"{LABELS[best]} ({probs[best] * 100:.1f}%) of {len(probs)}"


def multilabel(logits: npt.NDArray[np.float32], threshold: float = 0.5) -> list[list[str]]:
    probs = _sigmoid(logits)
    out = []
    for row in probs:
        out.append([TAGS[j] for j in np.where(row > threshold)[0]])
    return out


def _iou(box: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    x1 = np.maximum(box[0], boxes[:, 0])
    y1 = np.maximum(box[1], boxes[:, 1])
    x2 = np.minimum(box[2], boxes[:, 2])
    y2 = np.minimum(box[3], boxes[:, 3])
    inter = np.maximum(0.0, x2 - x1) * np.maximum(0.0, y2 - y1)
    area = (box[2] - box[0]) * (box[3] - box[1])
    areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    return inter / (area + areas - inter)


def nms(boxes: npt.NDArray[np.float32], scores: npt.NDArray[np.float32],
        iou_threshold: float) -> list[int]:
    order = scores.argsort()[::-1]
    keep = []
    while order.size > 0:
        i = order[0]
        keep.append(int(i))
        if order.size == 1:
            break
        ious = _iou(boxes[i], boxes[order[1:]])
        order = order[1:][ious <= iou_threshold]
    return keep


def box_report(boxes: list[list[float]]) -> list[str]:
    out = []
    for box in np.array(boxes, dtype=np.float32):
        x1, y1, x2, y2 = box
        out.append(f"{x2 - x1:.1f}x{y2 - y1:.1f} at ({x1}, {y1})")
    return out
