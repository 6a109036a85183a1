"""collections kinds inside containers: a Counter per document, defaultdicts of
Counters and of defaultdicts, dicts of defaultdict(list), OrderedDicts in a list."""

from collections import Counter, OrderedDict, defaultdict


def doc_term_counts(docs: list[str], term: str) -> list[tuple[int, int, int]]:
    per_doc: list[Counter[str]] = []
    for d in docs:
        per_doc.append(Counter(d.lower().split()))
    total: Counter[str] = Counter()
    for c in per_doc:
        total.update(c)
    return [(c[term], len(c), total[term]) for c in per_doc]


def doc_frequency(docs: list[str], k: int) -> list[tuple[str, int]]:
    if k < 0:
        raise ValueError(f"k must be non-negative, got {k}")
    per_doc = [Counter(d.split()) for d in docs]
    df: Counter[str] = Counter()
    for c in per_doc:
        df.update(c.keys())
    best = per_doc[0].most_common(1) if per_doc else []
    order = OrderedDict.fromkeys(w for c in per_doc for w in c)
    return df.most_common(k) + best + [(w, 0) for w in list(order)[:2]]


def cooccurrence(sentences: list[list[str]]) -> list[tuple[str, str, int]]:
    pairs: defaultdict[str, defaultdict[str, int]] = defaultdict(lambda: defaultdict(int))
    for words in sentences:
        for a in words:
            for b in words:
                if a != b:
                    pairs[a][b] += 1
    out = []
    for a, inner in pairs.items():
        for b, n in inner.items():
            out.append((a, b, n))
    return sorted(out)


def label_counts(rows: list[tuple[str, str]], user: str) -> tuple[int, list[tuple[str, int]]]:
    by_user: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for u, label in rows:
        by_user[u][label] += 1
    seen = by_user[user]
    top = seen.most_common(1)[0]
    return len(by_user), [top] + sorted(seen.items())


def grouped_positions(words: list[str], bucket: int) -> dict[str, dict[str, list[int]]]:
    if bucket <= 0:
        raise ValueError("bucket must be positive")
    groups: dict[str, defaultdict[str, list[int]]] = {}
    for i, w in enumerate(words):
        key = f"b{i // bucket}"
        if key not in groups:
            groups[key] = defaultdict(list)
        groups[key][w[:1]].append(i)
    return {k: dict(v) for k, v in groups.items()}


def shard_totals(events: list[tuple[int, str]], shards: int) -> list[int]:
    counters: list[Counter[str]] = [Counter() for _ in range(shards)]
    for shard, name in events:
        counters[shard][name] += 1
    counters[0].subtract(["never"])
    return [c.total() + c["never"] for c in counters]


def recent_per_user(events: list[tuple[str, str]], keep: int) -> dict[str, list[str]]:
    if keep < 1:
        raise ValueError("keep must be at least 1")
    caches: defaultdict[str, OrderedDict[str, int]] = defaultdict(OrderedDict)
    for i, (user, page) in enumerate(events):
        if page in caches[user]:
            caches[user].move_to_end(page)
        caches[user][page] = i
        if len(caches[user]) > keep:
            caches[user].popitem(last=False)
    return {u: list(c) for u, c in caches.items()}


def counts_by_key(pairs: list[tuple[str, str]], key: str) -> dict[str, int]:
    table: dict[str, Counter[str]] = {}
    for k, v in pairs:
        table.setdefault(k, Counter())[v] += 1
    return dict(table[key] + Counter(["seen"]))


def doc_report(docs: list[str], probe: str) -> str:
    per_doc = [Counter(d.split()) for d in docs]
    wanted = Counter(probe.split())
    wanted["absent"] = 0
    firsts = [c.most_common(1)[0][0] for c in per_doc]
    return f"{per_doc} {wanted in per_doc} {per_doc[:1] == [wanted]} {per_doc != []} {firsts}"


def nested_reprs(pairs: list[tuple[str, int]]) -> list[str]:
    by_key: defaultdict[str, Counter[str]] = defaultdict(Counter)
    orders: defaultdict[str, OrderedDict[str, int]] = defaultdict(OrderedDict)
    groups: dict[str, defaultdict[str, list[int]]] = {}
    for k, v in pairs:
        if v < 0:
            raise ValueError(f"negative value {v} for {k!r}")
        by_key[k][str(v % 3)] += v
        orders[str(v % 2)][k] = v
        groups.setdefault(k[:1], defaultdict(list))[k].append(v)
    first: tuple[str, Counter[str]] | None = None
    for k, c in by_key.items():
        first = (k, c)
        break
    return [repr(by_key), str(orders), f"{groups}", repr(first), str([orders.get("0")])]
