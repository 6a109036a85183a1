"""collections classes as entry-point parameters and results: the caller gets a
Counter, an OrderedDict or a defaultdict back (also inside lists and dicts) and
passes one in."""

from collections import Counter, OrderedDict, defaultdict


def word_counts(text: str, stop: list[str]) -> Counter[str]:
    counts = Counter(text.lower().split())
    for w in stop:
        del counts[w]
    if not counts:
        raise ValueError("no words left")
    return counts


def counts_per_line(text: str) -> list[Counter[str]]:
    return [Counter(line.split()) for line in text.splitlines()]


def merge_counts(a: Counter[str], b: Counter[str], key: str) -> tuple[Counter[str], int]:
    both = a + b
    if key not in both:
        raise KeyError(key)
    return both, a[key] - b["never seen"]


def group_by_initial(words: list[str]) -> defaultdict[str, list[str]]:
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for w in words:
        groups[w[0]].append(w)
    return groups


def labels_by_user(rows: list[tuple[str, str]]) -> dict[str, Counter[str]]:
    by_user: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for user, label in rows:
        by_user[user][label] += 1
    return dict(by_user)


def lru_order(events: list[str], size: int) -> OrderedDict[str, int]:
    if size < 1:
        raise ValueError(f"size must be at least 1, got {size}")
    cache: OrderedDict[str, int] = OrderedDict()
    for i, e in enumerate(events):
        if e in cache:
            cache.move_to_end(e)
        cache[e] = i
        if len(cache) > size:
            cache.popitem(last=False)
    return cache


def oldest_first(cache: OrderedDict[str, int], hist: defaultdict[str, int]) -> list[str]:
    keys = list(cache)
    return [k for k in keys if hist.get(k, 0) > 0] + [keys[-1]]
