# ruff: noqa: UP045 (Optional[...] as users write it)
"""NamedTuples with fields that may be None (a search hit with an optional label, a
span with an optional score): built, printed, compared for equality, hashed, and
`_replace`d on their other fields."""

from __future__ import annotations

from typing import NamedTuple, Optional


class Hit(NamedTuple):
    doc: str
    score: float
    label: Optional[str] = None


class Span(NamedTuple):
    start: int
    end: int
    score: float | None = None


def hits(docs: list[str], threshold: float) -> list[str]:
    out = [Hit(d, len(d) / 10, d.upper() if len(d) > 3 else None) for d in docs]
    kept = [h._replace(score=round(h.score * 2, 2)) for h in out if h.score >= threshold]
    return [repr(h) for h in kept] + [str(len(set(out)))]


def same(a: str, b: str) -> list[bool]:
    x = Hit(a, 1.0)
    y = Hit(b, 1.0, None)
    return [x == y, x != y, hash(x) == hash(y), x.label is None, x[2] is None]


def spans(text: str) -> list[str]:
    out = []
    for i, w in enumerate(text.split()):
        s = Span(i, i + len(w), None if w.islower() else 0.5)
        out.append(f"{s} {s.score} {s._replace(end=s.end * 2)}")
    return out


def best(docs: list[str]) -> str:
    if not docs:
        raise ValueError("no documents")
    scored = [Hit(d, float(len(d)), None) for d in docs]
    top = max(scored, key=lambda h: h.score)
    return f"{top.doc}:{top.score}:{top.label}"


def labels(pairs: list[tuple[str, str]]) -> dict[str, Optional[str]]:
    hs = [Hit(d, 0.0, lab if lab else None) for d, lab in pairs]
    return {h.doc: h.label for h in hs}


def ordered(a: float | None, b: float | None, doc_b: str) -> list[bool]:
    x, y = Hit("d", 1.0, None if a is None else str(a)), Hit(doc_b, 1.0, None if b is None else str(b))
    s, t = Span(0, 1, a), Span(0, 1, b)
    return [x < y, x <= y, s > t, s >= t, sorted([s, t]) == [s, t]]
