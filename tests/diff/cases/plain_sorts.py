"""Sorts of plain values (ints, floats, strs, bools and tuples of them), which the
runtime sorts with Rust's stable sort unless a NaN makes `<` partial (then CPython's
timsort, whose result with NaNs depends on its exact comparisons): ties, -0.0 and
0.0, reverse, keys, records, NaN placements, and keys that raise."""


def sorted_floats(xs: list[float], reverse: bool) -> list[float]:
    return sorted(xs, reverse=reverse)


def sorted_copy_desc(xs: list[float]) -> list[float]:
    ys = xs.copy()
    ys.sort(reverse=True)
    return ys


def top_indices(scores: list[float], k: int) -> list[int]:
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    return [order[j] for j in range(k)]


def rank_records(names: list[str], scores: list[int], weights: list[float]) -> list[str]:
    records: list[tuple[int, float, str]] = []
    for i in range(len(names)):
        records.append((-scores[i], weights[i], names[i]))
    records.sort()
    return [r[2] for r in records]


def by_length(words: list[str], reverse: bool) -> list[str]:
    out = list(words)
    out.sort(key=lambda w: (len(w), w.lower()), reverse=reverse)
    return out


def int_order(xs: list[int], flags: list[bool]) -> tuple[list[int], list[bool], list[int]]:
    ys = list(xs)
    ys.sort(reverse=True)
    return sorted(xs), sorted(flags), ys


def inverse_keys(xs: list[int]) -> list[int]:
    return sorted(xs, key=lambda x: 100 // x)


def pairs_by_score(pairs: list[tuple[str, float]]) -> list[tuple[str, float]]:
    return sorted(pairs, key=lambda p: (p[1], p[0]), reverse=True)
