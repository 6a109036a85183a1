"""Post-processing of classifier outputs given as logits."""
import math

LABELS = ["negative", "neutral", "positive"]
DEFAULT_THRESHOLD = 0.5


def softmax(logits: list[float], temperature: float = 1.0) -> list[float]:
    if temperature <= 0.0:
        raise ValueError(f"temperature must be positive, got {temperature}")
    m = max(logits)
    exps = [math.exp((x - m) / temperature) for x in logits]
    total = sum(exps)
    return [e / total for e in exps]


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def top_k_labels(logits: list[float], labels: list[str], k: int = 2) -> list[tuple[str, float]]:
    if len(logits) != len(labels):
        raise ValueError(f"got {len(logits)} logits for {len(labels)} labels")
    probs = softmax(logits, temperature=1.0)
    pairs = sorted(zip(labels, probs), key=lambda p: p[1], reverse=True)
    return [(lab, round(p, 4)) for lab, p in pairs[:k]]


def argmax(xs: list[float]) -> int:
    best_i, best_v = 0, xs[0]
    for i, x in enumerate(xs):
        if x > best_v:
            best_i, best_v = i, x
    return best_i


def predict_label(logits: list[float], threshold: float = 0.5, default: str = "unknown") -> str:
    """Index into LABELS: more than three logits can be an IndexError."""
    probs = softmax(logits)
    i = argmax(probs)
    return LABELS[i] if probs[i] >= threshold else default


def multilabel(logits: list[float], labels: list[str], threshold: float = 0.5) -> list[str]:
    out = []
    for lab, z in zip(labels, logits):
        if _sigmoid(z) >= threshold:
            out.append(lab)
    return out


def calibration_bins(probs: list[float], bins: int = 5) -> dict[int, int]:
    counts = {}
    for p in probs:
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"probability out of range: {p}")
        b = min(int(p * bins), bins - 1)
        counts[b] = counts.get(b, 0) + 1
    assert sum(counts.values()) == len(probs), "lost a probability"
    return counts


def entropy(probs: list[float]) -> float:
    return -math.fsum(p * math.log(p) for p in probs if p > 0.0)


def prediction_report(logits: list[float], labels: list[str]) -> list[str]:
    probs = softmax(logits)
    lines = []
    for rank, (lab, p) in enumerate(sorted(zip(labels, probs), key=lambda t: -t[1]), start=1):
        marker = "*" if p >= DEFAULT_THRESHOLD else " "
        lines.append(f"{rank}. {lab:<10}{p:>7.1%} {marker}")
    return lines


def batch_accuracy(preds: list[int], gold: list[int]) -> float:
    if len(preds) != len(gold):
        raise ValueError(f"length mismatch: {len(preds)} != {len(gold)}")
    correct = sum(1 for p, g in zip(preds, gold) if p == g)
    return correct / len(gold)


SENTIMENTS = ("negative", "neutral", "positive")


def ranked_sentiments(probs: list[float], k: int) -> list[str]:
    """Labels from a module-level tuple zipped with scores and walked (a tuple of
    strings iterated was a cargo error); IndexError for a bad k through the tuple index."""
    pairs = sorted(zip(SENTIMENTS, probs), key=lambda p: -p[1])
    names = [name for name, _ in pairs[:k]]
    for s in SENTIMENTS:
        if s not in names:
            names.append(s.upper())
    return names + [SENTIMENTS[k]]
