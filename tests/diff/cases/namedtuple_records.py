"""collections.namedtuple (and the functional typing.NamedTuple): records built
by position and keyword, fields, indexing, unpacking, _replace, _asdict, repr,
ordering, hashing; field types read from the constructor calls."""

from collections import Counter, deque, namedtuple
from typing import NamedTuple

Token = namedtuple("Token", ["text", "start", "end"])
Point = namedtuple("Point", "x y")
Score = namedtuple("Score", "label, value", defaults=[0.0])
Entry = NamedTuple("Entry", [("key", str), ("count", int)])


def tokenize(text: str) -> list[str]:
    out = []
    pos = 0
    for w in text.split():
        start = text.index(w, pos)
        pos = start + len(w)
        out.append(Token(w, start, pos))
    return [repr(t) for t in out]


def token_counts(text: str, n: int) -> list[str]:
    toks = [Token(w.lower(), i, i + 1) for i, w in enumerate(text.split())]
    counts = Counter(t.text for t in toks)
    recent: deque[str] = deque(maxlen=n)
    for t in toks:
        recent.append(t.text)
    return [f"{w}={c}" for w, c in counts.most_common(3)] + list(recent)


def point_math(a: int, b: int, i: int) -> str:
    p = Point(a, b)
    q = p._replace(y=b * 2)
    x, y = p
    return f"{p} {q} {x - y} {p[i]} {p == Point(x=a, y=b)} {p < q} {len(p)}"


def scores(labels: list[str], values: list[float]) -> list[str]:
    out = [Score(l, v) for l, v in zip(labels, values)]
    out.append(Score("none"))
    out.sort(key=lambda s: (-s.value, s.label))
    return [f"{s.label}:{s.value:.2f}" for s in out]


def best_entry(words: list[str]) -> str:
    counts: dict[str, int] = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    entries = [Entry(k, c) for k, c in counts.items()]
    best = max(entries, key=lambda e: e.count)
    return f"{best} {entries[0].key} {Point(best.count, 0)._asdict()}"


def unique_points(coords: list[tuple[int, int]]) -> int:
    seen = set()
    for x, y in coords:
        seen.add(Point(x, y))
    return len(seen)


def spans_text(text: str, spans: list[tuple[int, int]]) -> list[str]:
    toks = [Token(text[s:e], s, e) for s, e in spans]
    out = []
    for tok in toks:
        if tok.end <= tok.start:
            raise ValueError(f"empty span {tok.start}:{tok.end}")
        out.append(f"{tok.text}@{tok[1]}")
    return out


def mean_point(xs: list[int], ys: list[int]) -> str:
    pts = [Point(x, y) for x, y in zip(xs, ys)]
    sx = sum(p.x for p in pts)
    sy = sum(p[1] for p in pts)
    return str(Point(sx // len(pts), sy // len(pts)))
