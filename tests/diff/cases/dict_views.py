"""Read-only `dict[str, T]` parameters (issue 12): a function that only reads a dict
of str keys (T a number, or such a dict in turn) takes it as a view of the argument
buffer, its keys not copied. Every read a view serves: `len`, truth, `in`, `d[k]`
(CPython's KeyError with the key), `d.get(k)` / `d.get(k, x)`, `items()` loops in
insertion order, nested dicts read through their loops; keys kept as copies."""

import json


def walk_records(docs: dict[str, dict[str, int]], keys: list[str]) -> dict[str, int]:
    """bench/kernels' walk_records: sums of fields over nested records, the number of
    fields missing, and of records named x..."""
    totals: dict[str, int] = {}
    absent = 0
    for name, fields in docs.items():
        for k in keys:
            if k not in fields:
                absent += 1
                continue
            totals[k] = totals.get(k, 0) + fields[k]
        if name.startswith("x"):
            totals["x"] = totals.get("x", 0) + 1
    totals["missing"] = absent
    return totals


def strict_lookup(weights: dict[str, float], words: list[str]) -> float:
    """`d[k]` of a missing key: CPython's KeyError with the key's repr."""
    total = 0.0
    for w in words:
        total += weights[w]
    return total


def view_reads(d: dict[str, int], key: str) -> tuple[int, bool, int, int, int | None]:
    """len, truth, `in`, get with and without a default of a str parameter key."""
    n = len(d) if d else -1
    return n, key in d, d.get(key, -7), d.get(key.upper(), 0), d.get(key)


def key_order(d: dict[str, bool], prefix: str) -> list[str]:
    """The keys kept (copied) in insertion order, by a flag value."""
    out: list[str] = []
    for k, flag in d.items():
        if flag and k.startswith(prefix):
            out.append(k)
        elif not flag:
            out.append(k.upper() + "!")
    return out


def deepest(tree: dict[str, dict[str, dict[str, int]]]) -> list[tuple[str, str, int]]:
    """Three levels of views: the largest value of each middle dict, by loop."""
    out: list[tuple[str, str, int]] = []
    for a, mid in tree.items():
        for b, leaf in mid.items():
            best = -1
            for c, v in leaf.items():
                if v > best and c != a:
                    best = v
            out.append((a, b, best))
        if not mid:
            out.append((a, "", len(tree)))
    return out


def owned_kept(d: dict[str, int], k: str) -> dict[str, int]:
    """A dict that is returned stays owned (no view): same results."""
    if k in d:
        return d
    return {k: len(d)}


def dynamic_key(d: dict[str, int], raw: str) -> int | None:
    """A key read from JSON (dynamic): the dict stays owned, looked up by value."""
    k = json.loads(raw)
    if k in d:
        return d[k]
    return d.get(k)
