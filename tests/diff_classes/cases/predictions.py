"""Post-processing with dataclasses: predictions, thresholds, reports."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Prediction:
    label: str
    score: float
    index: int = 0


@dataclass(frozen=True)
class Threshold:
    label: str
    minimum: float


@dataclass(order=True)
class Ranked:
    score: float
    label: str


@dataclass
class Report:
    kept: list[Prediction] = field(default_factory=list)
    dropped: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, p: Prediction, keep: bool) -> None:
        if keep:
            self.kept.append(p)
        else:
            self.dropped += 1
            self.notes.append(f"dropped {p.label} at {p.score:.2f}")


def top_predictions(labels: list[str], scores: list[float], k: int) -> list[str]:
    if len(labels) != len(scores):
        raise ValueError(f"{len(labels)} labels but {len(scores)} scores")
    preds = [Prediction(l, s, i) for i, (l, s) in enumerate(zip(labels, scores))]
    preds.sort(key=lambda p: p.score, reverse=True)
    return [repr(p) for p in preds[:k]]


def apply_thresholds(labels: list[str], scores: list[float], minimum: float) -> list[str]:
    report = Report()
    limits = {l: Threshold(l, minimum) for l in labels}
    for i, (l, s) in enumerate(zip(labels, scores)):
        report.add(Prediction(l, s, i), s >= limits[l].minimum)
    return [str(report.dropped)] + report.notes + [p.label for p in report.kept]


def ranked_labels(labels: list[str], scores: list[float]) -> list[str]:
    ranked = sorted(Ranked(s, l) for l, s in zip(labels, scores))
    return [f"{r.label}:{r.score}" for r in ranked]


def best_prediction(labels: list[str], scores: list[float]) -> Prediction:
    if not labels:
        raise ValueError("no predictions")
    best = Prediction(labels[0], scores[0], 0)
    for i in range(1, len(labels)):
        if scores[i] > best.score:
            best = Prediction(labels[i], scores[i], i)
    return best


def equal_predictions(a: list[str], b: list[str]) -> list[bool]:
    pa = [Prediction(x, 1.0) for x in a]
    pb = [Prediction(x, 1.0) for x in b]
    out = [x == y for x, y in zip(pa, pb)]
    out.append(pa == pb)
    out.append(Threshold("a", 0.5) == Threshold("a", 0.5))
    return out


def report_repr(labels: list[str], scores: list[float]) -> str:
    report = Report()
    for i, (l, s) in enumerate(zip(labels, scores)):
        report.add(Prediction(l, s, i), s > 0.5)
    return repr(report)


def threshold_keys(labels: list[str]) -> dict[str, int]:
    seen: dict[Threshold, int] = {}
    for l in labels:
        t = Threshold(l, 0.5)
        seen[t] = seen.get(t, 0) + 1
    return {f"{t.label}@{t.minimum}": n for t, n in seen.items()}
