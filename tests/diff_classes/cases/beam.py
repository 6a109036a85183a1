"""Beam search with a hypothesis class ordered by score, and other dunder methods."""

from __future__ import annotations

import math


class Hypothesis:
    def __init__(self, tokens: list[int], logprob: float) -> None:
        self.tokens = tokens
        self.logprob = logprob

    @property
    def score(self) -> float:
        return self.logprob / len(self.tokens) if self.tokens else self.logprob

    def extend(self, token: int, logprob: float) -> Hypothesis:
        return Hypothesis(self.tokens + [token], self.logprob + logprob)

    def __lt__(self, other: Hypothesis) -> bool:
        return self.score < other.score

    def __len__(self) -> int:
        return len(self.tokens)

    def __repr__(self) -> str:
        return f"Hypothesis({self.tokens}, {self.logprob:.3f})"


class Vector:
    def __init__(self, x: float, y: float) -> None:
        self.x = x
        self.y = y

    def __add__(self, other: Vector) -> Vector:
        return Vector(self.x + other.x, self.y + other.y)

    def __mul__(self, k: float) -> Vector:
        return Vector(self.x * k, self.y * k)

    def __eq__(self, other: Vector) -> bool:
        return self.x == other.x and self.y == other.y

    def __hash__(self) -> int:
        return hash((self.x, self.y))

    def __bool__(self) -> bool:
        return self.x != 0.0 or self.y != 0.0

    def __str__(self) -> str:
        return f"({self.x}, {self.y})"

    def __repr__(self) -> str:
        return f"Vector({self.x!r}, {self.y!r})"


class Bag:
    def __init__(self) -> None:
        self.items: dict[str, int] = {}

    def add(self, item: str) -> None:
        self.items[item] = self.items.get(item, 0) + 1

    def __contains__(self, item: str) -> bool:
        return item in self.items

    def __getitem__(self, item: str) -> int:
        if item not in self.items:
            raise KeyError(item)
        return self.items[item]

    def __len__(self) -> int:
        return sum(self.items.values())

    def __iter__(self):
        return iter(sorted(self.items))


def beam_search(table: list[list[float]], width: int) -> list[str]:
    if width <= 0:
        raise ValueError(f"beam width must be positive, got {width}")
    beams = [Hypothesis([], 0.0)]
    for step in table:
        candidates = []
        for h in beams:
            for tok, p in enumerate(step):
                if p <= 0.0:
                    continue
                candidates.append(h.extend(tok, math.log(p)))
        beams = sorted(candidates, reverse=True)[:width]
    return [repr(h) for h in beams]


def best_hypothesis(table: list[list[float]]) -> list[int]:
    hyps = [Hypothesis([i], math.log(p)) for i, p in enumerate(table[0])]
    best = max(hyps)
    worst = min(hyps)
    return best.tokens + [len(best)] + worst.tokens


def vector_sum(xs: list[float], ys: list[float]) -> list[str]:
    total = Vector(0.0, 0.0)
    for x, y in zip(xs, ys):
        total = total + Vector(x, y) * 2.0
    return [str(total), repr(total), f"{total}", str(bool(total))]


def unique_vectors(xs: list[float], ys: list[float]) -> int:
    seen: dict[Vector, int] = {}
    for x, y in zip(xs, ys):
        v = Vector(x, y)
        seen[v] = seen.get(v, 0) + 1
    return len(seen)


def bag_report(words: list[str], probe: str) -> list[str]:
    bag = Bag()
    for w in words:
        bag.add(w)
    out = [str(len(bag)), str(probe in bag)]
    for w in bag:
        out.append(f"{w}={bag[w]}")
    out.append(str(bag[probe]))
    return out


def nonzero_vectors(xs: list[float]) -> list[bool]:
    return [bool(Vector(x, 0.0)) for x in xs] + [Vector(1.0, 2.0) == Vector(1.0, 2.0),
                                                Vector(1.0, 2.0) != Vector(2.0, 1.0)]
