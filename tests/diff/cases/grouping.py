"""itertools.groupby as tagging and text code uses it: runs, spans, grouping sorted records."""

import itertools


def run_lengths(s: str) -> list[tuple[str, int]]:
    return [(ch, len(list(g))) for ch, g in itertools.groupby(s)]


def compress(s: str) -> str:
    return "".join(f"{ch}{sum(1 for _ in g)}" for ch, g in itertools.groupby(s))


def entity_spans(tags: list[str]) -> list[tuple[str, int, int]]:
    out = []
    i = 0
    for tag, g in itertools.groupby(tags, key=lambda t: t.split("-")[-1]):
        n = len(list(g))
        if tag != "O":
            out.append((tag, i, i + n))
        i += n
    return out


def by_initial(words: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k, grp in itertools.groupby(sorted(words), key=lambda w: w[0]):
        out[k] = list(grp)
    return out


def longest_run(xs: list[int]) -> tuple[int, int]:
    best, best_len = 0, 0
    for value, g in itertools.groupby(xs):
        n = sum(1 for _ in g)
        if n > best_len:
            best, best_len = value, n
    return best, best_len


def peaks(xs: list[float]) -> list[float]:
    return [max(x for x in g) for positive, g in itertools.groupby(xs, key=lambda x: x > 0) if positive]


def route_by_score(scores: list[float], threshold: float) -> tuple[list[int], list[int]]:
    """`(kept if ok else dropped).append(i)`: the `if` picks the list changed in place."""
    kept: list[int] = []
    dropped: list[int] = []
    for i, s in enumerate(scores):
        (kept if s >= threshold else dropped).append(i)
    if not kept:
        raise ValueError(f"nothing scores {threshold} or more")
    return kept, dropped


def last_fields(lines: list[str]) -> list[str]:
    """Changing a new list no name holds: `line.split(",").pop()`, `sorted(...).pop(0)`."""
    out = [line.split(",").pop() for line in lines]
    if out:
        out.append(sorted(out).pop(0))
    return out
