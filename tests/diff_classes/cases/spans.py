"""Span objects: NamedTuple tokens and dataclass spans from BIO tags."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class Token(NamedTuple):
    text: str
    start: int
    end: int


class Point(NamedTuple):
    x: int
    y: int = 0


@dataclass
class Span:
    label: str
    start: int
    end: int
    text: str = ""

    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


def tokenize(text: str) -> list[Token]:
    tokens = []
    pos = 0
    for word in text.split(" "):
        if word:
            tokens.append(Token(word, pos, pos + len(word)))
        pos += len(word) + 1
    return tokens


def bio_spans(text: str, tags: list[str]) -> list[Span]:
    tokens = tokenize(text)
    if len(tokens) != len(tags):
        raise ValueError(f"{len(tokens)} tokens but {len(tags)} tags")
    spans: list[Span] = []
    current: Span | None = None
    for tok, tag in zip(tokens, tags):
        if tag.startswith("B-") or (tag.startswith("I-") and (current is None or
                                                             current.label != tag[2:])):
            current = Span(tag[2:], tok.start, tok.end)
            spans.append(current)
        elif tag.startswith("I-") and current is not None:
            current.end = tok.end
        else:
            current = None
    for s in spans:
        s.text = text[s.start:s.end]
    return spans


def token_fields(text: str) -> list[str]:
    out = []
    for tok in tokenize(text):
        word, start, end = tok
        out.append(f"{word}@{start}-{end} {tok[1]}-{tok[-1]} {tok!r} {len(tok)}")
    return out


def longest_span(text: str, tags: list[str]) -> str:
    spans = bio_spans(text, tags)
    if not spans:
        raise ValueError("no spans")
    best = max(spans, key=lambda s: s.length())
    return repr(best)


def moved_points(xs: list[int], dy: int) -> list[str]:
    pts = [Point(x) for x in xs]
    moved = [p._replace(y=p.y + dy) for p in pts]
    return [repr(p) for p in sorted(moved + pts)] + [str(p._asdict()) for p in moved]


def point_order(a: list[int], b: list[int]) -> list[bool]:
    if len(a) != 2 or len(b) != 2:
        raise ValueError("points need two coordinates")
    p = Point(a[0], a[1])
    q = Point(b[0], b[1])
    return [p < q, p <= q, p == q, p > q, p != q]


def overlapping_pairs(text: str, tags: list[str], other: list[str]) -> list[tuple[str, str]]:
    first = bio_spans(text, tags)
    second = bio_spans(text, other)
    return [(a.label, b.label) for a in first for b in second if a.overlaps(b)]
