"""Evaluation results aggregated into tables: a module type alias for the rows,
defaultdicts, sorting by several keys, itertools (groupby, combinations, accumulate,
zip_longest), and comprehensions whose `if` narrows an optional item."""

import itertools
from collections import defaultdict
from typing import Optional

Row = tuple[str, str, float]  # (model, task, score)
Rows = list[Row]
Score = Optional[float]


def leaderboard(rows: Rows) -> list[tuple[int, str, float]]:
    by_model: dict[str, list[float]] = defaultdict(list)
    for model, _task, score in rows:
        by_model[model].append(score)
    avg = {m: sum(s) / len(s) for m, s in by_model.items()}
    ranked = sorted(avg.items(), key=lambda kv: (-round(kv[1], 6), kv[0]))
    return [(rank, m, round(a, 3)) for rank, (m, a) in enumerate(ranked, start=1)]


def pivot(rows: Rows) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = {}
    for model, task, score in rows:
        best = table.get(task, {}).get(model, float("-inf"))
        table.setdefault(task, {})[model] = max(score, best)
    return {t: dict(sorted(ms.items())) for t, ms in sorted(table.items(), key=lambda kv: kv[0])}


def best_per_task(rows: Rows) -> list[str]:
    rows = sorted(rows, key=lambda r: (r[1], -r[2], r[0]))
    out = []
    for task, group in itertools.groupby(rows, key=lambda r: r[1]):
        top = next(group)
        out.append(f"{task}: {top[0]} ({top[2]:.2f})")
    return out


def pairwise_wins(rows: Rows) -> dict[tuple[str, str], int]:
    scores: dict[str, dict[str, float]] = defaultdict(dict)
    for model, task, score in rows:
        scores[model][task] = score
    wins: dict[tuple[str, str], int] = {}
    for a, b in itertools.combinations(sorted(scores), 2):
        shared = sorted(set(scores[a]) & set(scores[b]))
        wins[(a, b)] = sum(1 for t in shared if scores[a][t] > scores[b][t])
    return wins


def smoothed(xs: list[float], alpha: float) -> list[float]:
    if not 0.0 <= alpha <= 1.0:
        raise ValueError(f"alpha must be in [0, 1], got {alpha}")
    return [round(v, 3) for v in itertools.accumulate(xs, lambda a, b: (1 - alpha) * a + alpha * b)]


def aligned(names: list[str], ranks: list[int]) -> list[tuple[str, int]]:
    """zip_longest pads with None; the comprehension's tests keep each side typed."""
    return [(x if x is not None else "-", y if y is not None else -1)
            for x, y in itertools.zip_longest(names, ranks)]


def present_scores(scores: list[Score], scale: float) -> list[float]:
    """An `if` clause narrowing the item it keeps: `s` is a float in the element."""
    return [round(s * scale, 2) for s in scores if s is not None]


def filled(scores: dict[str, Score]) -> dict[str, float]:
    return {k: v for k, v in scores.items() if v} | {k: 0.0 for k, v in scores.items() if not v}
