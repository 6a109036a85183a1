"""Generators over instances: a class whose `__iter__` is a generator, generator
expressions over objects given to any/all/sum/max/next, generator functions taking
and yielding instances (compiled generators that stay on their thread)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass
class Point:
    x: int
    w: float


class Window:
    """Fixed-size windows over a token list, yielded lazily."""

    def __init__(self, tokens: list[str], size: int) -> None:
        if size <= 0:
            raise ValueError(f"window size must be positive, got {size}")
        self.tokens = tokens
        self.size = size

    def __iter__(self) -> Iterator[list[str]]:
        for i in range(0, len(self.tokens), self.size):
            yield self.tokens[i:i + self.size]


class Corpus:
    def __init__(self) -> None:
        self.docs: list[str] = []

    def add(self, doc: str) -> None:
        self.docs.append(doc)

    def __iter__(self) -> Iterator[str]:
        for d in self.docs:
            if d:
                yield d.lower()

    def words(self) -> Iterator[str]:
        for d in self:
            yield from d.split()


def _points(xs: list[int]) -> list[Point]:
    return [Point(x, x / 2) for x in xs]


def _heavier(ps: list[Point], limit: float) -> Iterator[Point]:
    for p in ps:
        if p.w > limit:
            yield p


def windows(tokens: list[str], size: int) -> list[list[str]]:
    return [w for w in Window(tokens, size)]


def window_count(tokens: list[str], size: int) -> int:
    n = 0
    for _ in Window(tokens, size):
        n += 1
    return n


def any_all(xs: list[int], k: int) -> tuple[bool, bool]:
    ps = _points(xs)
    return any(p.x > k for p in ps), all(p.x > k for p in ps)


def total_weight(xs: list[int]) -> float:
    ps = _points(xs)
    return sum((p.w for p in ps), 0.0)


def heaviest_x(xs: list[int]) -> int:
    ps = _points(xs)
    return max(p.x for p in ps)


def heavier(xs: list[int], limit: float) -> list[int]:
    return [p.x for p in _heavier(_points(xs), limit)]


def first_heavier(xs: list[int], limit: float) -> int:
    p = next(_heavier(_points(xs), limit))
    return p.x


def mean_inverse(xs: list[int]) -> float:
    ps = _points(xs)
    total = sum((1 / p.w for p in ps), 0.0)
    return total / len(ps)


def corpus_words(docs: list[str]) -> list[str]:
    c = Corpus()
    for d in docs:
        c.add(d)
    alias = c
    alias.add("End")
    return sorted(set(c.words()))
