"""`operator` as post-processing code uses it: itemgetter/attrgetter keys, operator
functions handed to reduce, sorted and map, and called directly."""

import functools
import operator
from operator import itemgetter


def rank_labels(scores: dict[str, float], k: int) -> list[tuple[str, float]]:
    """The k best labels, highest score first (ties keep insertion order)."""
    return sorted(scores.items(), key=itemgetter(1), reverse=True)[:k]


def by_length_then_text(words: list[str]) -> list[tuple[int, str]]:
    pairs = [(len(w), w) for w in words]
    return sorted(pairs, key=itemgetter(0, 1))


def product(xs: list[int]) -> int:
    return functools.reduce(operator.mul, xs, 1)


def running_total(xs: list[float]) -> float:
    if not xs:
        raise ValueError("no values")
    return functools.reduce(operator.add, xs)


def first_column(rows: list[tuple[str, int]]) -> list[str]:
    return list(map(itemgetter(0), rows))


def best_row(rows: list[list[float]], col: int) -> list[float]:
    if col == 0:
        return max(rows, key=itemgetter(0))
    return min(rows, key=itemgetter(-1))


def pairwise_ops(a: int, b: int) -> list[int]:
    return [operator.add(a, b), operator.sub(a, b), operator.mul(a, b),
            operator.floordiv(a, b), operator.mod(a, b), operator.neg(a)]


def compare_all(a: float, b: float) -> list[bool]:
    return [operator.lt(a, b), operator.le(a, b), operator.eq(a, b), operator.ne(a, b),
            operator.ge(a, b), operator.gt(a, b), operator.truth(a), operator.not_(b)]


def lookup_all(d: dict[str, int], keys: list[str]) -> list[int]:
    return [operator.getitem(d, k) for k in keys if operator.contains(d, k)] + [
        operator.getitem(d, keys[0])]
