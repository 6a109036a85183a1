"""Keyword search as users write it: a BM25 index class whose document
frequencies are a `defaultdict` annotated as `dict`, term counts from
`Counter` annotated as `dict`, ranking with tuple sort keys."""

import math
from collections import Counter, OrderedDict, defaultdict

STOP = {"the", "a", "an", "of", "and"}


def _tokens(text: str) -> list[str]:
    out = []
    for raw in text.lower().split():
        w = raw.strip(".,;:!?\"'()[]")
        if w and w not in STOP:
            out.append(w)
    return out


class Index:
    def __init__(self, texts: list[str], k1: float = 1.5, b: float = 0.75) -> None:
        self.k1 = k1
        self.b = b
        self.docs = [_tokens(t) for t in texts]
        self.df: dict[str, int] = defaultdict(int)
        self.tf: list[dict[str, int]] = []
        for toks in self.docs:
            counts: dict[str, int] = Counter(toks)
            self.tf.append(dict(counts))
            for w in counts:
                self.df[w] += 1
        self.avgdl = sum(len(d) for d in self.docs) / len(self.docs)

    def idf(self, w: str) -> float:
        n = len(self.docs)
        df = self.df[w]  # a missing word reads 0 (and is added), as the defaultdict does
        return math.log((n - df + 0.5) / (df + 0.5) + 1.0)

    def score(self, query: str, i: int) -> float:
        s = 0.0
        dl = len(self.docs[i])
        for w in _tokens(query):
            f = self.tf[i].get(w, 0)
            if f:
                s += self.idf(w) * f * (self.k1 + 1) / (
                    f + self.k1 * (1 - self.b + self.b * dl / self.avgdl))
        return s


def bm25_top(texts: list[str], query: str, k: int) -> list[tuple[int, float]]:
    """ZeroDivisionError for no texts (the average length), as CPython."""
    index = Index(texts)
    scored = [(i, round(index.score(query, i), 6)) for i in range(len(texts))]
    scored.sort(key=lambda t: (-t[1], t[0]))
    return scored[:k]


def vocabulary_size(texts: list[str], query: str) -> tuple[int, int]:
    """Scoring reads missing query words through the defaultdict: they are added."""
    index = Index(texts)
    before = len(index.df)
    for i in range(len(texts)):
        index.score(query, i)
    for w in _tokens(query):
        index.idf(w)
    return before, len(index.df)


def grouped_lengths(words: list[str]) -> str:
    """A local `dict[int, list[str]]` holding a defaultdict(list); its repr is the
    defaultdict's. KeyError from the plain dict lookup at the end."""
    groups: dict[int, list[str]] = defaultdict(list)
    for w in words:
        groups[len(w)].append(w)
    order: dict[str, int] = OrderedDict()
    for w in words:
        order[w] = order.get(w, 0) + 1
    plain = dict(groups)
    return f"{groups!r} {order!r} {plain[3]}"


def keywords(texts: list[str], n: int) -> list[str]:
    """The n words with the highest tf-idf over the corpus; ZeroDivisionError for none."""
    df: dict[str, int] = defaultdict(int)
    tf: dict[str, int] = Counter()
    for t in texts:
        toks = _tokens(t)
        tf.update(toks)
        for w in set(toks):
            df[w] += 1
    weight = {w: c * math.log(len(texts) / df[w]) / len(tf) for w, c in tf.items()}
    return sorted(weight, key=lambda w: (-weight[w], w))[:n]


def postings(texts: list[str]) -> str:
    """An inverted index built through a dict-annotated defaultdict(list); ValueError
    from max() of no words."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(texts):
        for w in _tokens(t):
            if not index[w] or index[w][-1] != i:
                index[w].append(i)
    widest = max(index.items(), key=lambda kv: (len(kv[1]), kv[0]))[0]
    return f"{sorted(index.items())} {widest}"


def shares(words: list[str]) -> dict[str, int]:
    """Reading a defaultdict by the keys a loop or comprehension walks (no insert);
    ZeroDivisionError for no words."""
    counts: dict[str, int] = defaultdict(int)
    for w in words:
        counts[w.lower()] += 1
    total = 0
    for w in counts:  # noqa: PLC0206 - the idiom under test: read by the walked key
        total += counts[w]
    longest = [len(w) * counts[w] for w in counts]
    return {w: counts[w] * 100 // total + max(longest) for w in counts}
