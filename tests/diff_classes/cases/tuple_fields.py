"""Tuples of any length (`tuple[T, ...]`) held by objects: a dataclass merge rule with
a tuple field (frozen, as a dict key), a NamedTuple of a word's symbols, a plain class
keeping a tuple it was given, and a dataclass returned to the caller as a record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True)
class Rule:
    symbols: tuple[str, ...]
    rank: int = 0

    def width(self) -> int:
        return len(self.symbols)


class Word(NamedTuple):
    symbols: tuple[str, ...]
    count: int


class History:
    def __init__(self, start: tuple[int, ...]) -> None:
        self.items = start

    def push(self, x: int) -> None:
        self.items = self.items + (x,)

    def last(self) -> int:
        return self.items[-1]


@dataclass
class Shape:
    name: str
    dims: tuple[int, ...]


def rule_table(words: list[str]) -> dict[str, int]:
    ranks: dict[Rule, int] = {}
    for i, w in enumerate(words):
        rule = Rule(tuple(w), i)
        ranks[rule] = ranks.get(rule, 0) + rule.width()
    return {"".join(r.symbols) + f"#{r.rank}": n for r, n in ranks.items()}


def words_of(text: str) -> list[str]:
    counts: dict[str, int] = {}
    for w in text.split():
        counts[w] = counts.get(w, 0) + 1
    out = [Word(tuple(w), c) for w, c in counts.items()]
    out.sort(key=lambda x: (-x.count, x.symbols))
    return [f"{x.symbols}:{x.count}" for x in out] + [repr(out[0]) if out else "-"]


def history(start: list[int], extra: list[int]) -> tuple[int, ...]:
    h = History(tuple(start))
    for x in extra:
        h.push(x)
    h.last()
    return h.items


def shape_of(name: str, dims: list[int]) -> Shape:
    if any(d < 0 for d in dims):
        raise ValueError(f"negative dimension in {tuple(dims)}")
    return Shape(name, tuple(dims))


def rule_repr(w: str, rank: int) -> str:
    r = Rule(tuple(w), rank)
    same = hash(r.symbols) == hash((w[0], w[-1])) if len(w) == 2 else hash(r) == hash(r)
    return f"{r} {r == Rule(tuple(w), rank)} {same} {r.symbols[0]}"
