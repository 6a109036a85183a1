"""collections: word counts, grouping, LRU order, report strings."""

from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable, Mapping, Sequence


def top_words(text: str, n: int) -> list[tuple[str, int]]:
    words = [w.strip(".,!?;:").lower() for w in text.split()]
    counts = Counter(w for w in words if w)
    return counts.most_common(n)


def char_histogram(s: str) -> str:
    c = Counter(s)
    lines = []
    for ch, k in c.most_common():
        if ch.isspace():
            continue
        lines.append(f"{ch} {'#' * k}")
    return "\n".join(lines)


def anagram_groups(words: list[str]) -> list[list[str]]:
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for w in words:
        groups["".join(sorted(w.lower()))].append(w)
    return [g for g in groups.values() if len(g) > 1]


def inventory(orders: list[tuple[str, int]], returns: list[tuple[str, int]]) -> str:
    sold: Counter[str] = Counter()
    for item, qty in orders:
        if qty < 0:
            raise ValueError(f"negative quantity for {item}")
        sold[item] += qty
    back = Counter(dict(returns))
    net = sold - back
    both = sold & back
    total = sold + back
    return f"{net} | {both} | {total.total()} | {sold['unknown']} | {sold == net}"


def bigram_counts(tokens: list[str]) -> dict[str, int]:
    pairs: Counter[str] = Counter()
    for a, b in zip(tokens, tokens[1:]):
        pairs[f"{a} {b}"] += 1
    pairs.update(["<end>"])
    pairs.subtract({"<end>": 1})
    del pairs["<never seen>"]
    return dict(pairs)


def index_positions(words: list[str]) -> str:
    where: defaultdict[str, set[int]] = defaultdict(set)
    seen = defaultdict(int)
    for i, w in enumerate(words):
        where[w].add(i)
        seen[w] += 1
    first = words[0] if words else "?"
    _ = where["<missing>"]
    return f"{len(where)} {seen[first]} {sorted(where[first])} {seen}"


def recent_unique(events: list[str], size: int) -> list[str]:
    if size <= 0:
        raise ValueError("size must be positive")
    cache: OrderedDict[str, int] = OrderedDict()
    for i, e in enumerate(events):
        if e in cache:
            cache.move_to_end(e)
        cache[e] = i
        while len(cache) > size:
            cache.popitem(last=False)
    return list(cache)


def drain_last(pairs: list[tuple[str, int]], k: int) -> str:
    od = OrderedDict(pairs)
    out = []
    for _ in range(k):
        key, value = od.popitem()
        out.append(f"{key}={value}")
    od.move_to_end(pairs[0][0], last=False)
    return f"{','.join(out)} {od}"


def letter_overlap(a: str, b: str) -> tuple[int, str, list[str]]:
    ca = Counter(a.lower())
    cb = Counter(b.lower())
    common = ca & cb
    union = ca | cb
    return sum(common.values()), repr(union), sorted(common.elements())


def weighted_total(items: Sequence[str], weights: Mapping[str, float],
                   extra: Iterable[str]) -> float:
    """Abstract container annotations: callers pass a list or a tuple, and a dict."""
    total = sum(weights.get(x, 0.0) for x in items) + len(items) / 10
    for x in extra:
        total += weights[x]
    return round(total, 6)
