"""Plain generic functions (issue 10): TypeVars (plain, `bound=`, constrained) in a
module function's annotations; each is compiled once per set of argument types its
calls give (`first` with a list of ints and a list of strs: two copies), generic
helpers calling generic helpers, a `Callable[[T], float]` key given a lambda or a
named function, a generator over `Sequence[T]`."""

from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
N = TypeVar("N", int, float)
F = TypeVar("F", bound=float)


def first(xs: list[T]) -> T:
    if not xs:
        raise IndexError("first() of an empty list")
    return xs[0]


def last_or(xs: Sequence[T], default: T) -> T:
    return xs[-1] if xs else default


def chunks(xs: Sequence[T], n: int) -> Iterator[list[T]]:
    if n <= 0:
        raise ValueError(f"chunk size must be positive, got {n}")
    for i in range(0, len(xs), n):
        yield list(xs[i:i + n])


def argmax(xs: list[T], key: Callable[[T], float]) -> T:
    if not xs:
        raise ValueError("argmax() of an empty list")
    best = xs[0]
    best_score = key(best)
    for x in xs[1:]:
        score = key(x)
        if score > best_score:
            best, best_score = x, score
    return best


def dedupe(xs: list[K]) -> list[K]:
    seen: set[K] = set()
    out: list[K] = []
    for x in xs:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def invert(d: dict[K, V]) -> dict[V, list[K]]:
    out: dict[V, list[K]] = {}
    for k, v in d.items():
        out.setdefault(v, []).append(k)
    return out


def scale(x: N, times: int) -> N:
    return x * times


def clamp(x: F, lo: F, hi: F) -> F:
    if lo > hi:
        raise ValueError(f"empty range [{lo}, {hi}]")
    return max(lo, min(x, hi))


def pair_up(xs: list[T]) -> list[tuple[T, T]]:
    if len(xs) % 2:
        raise ValueError(f"odd number of items: {len(xs)}")
    return [(xs[i], xs[i + 1]) for i in range(0, len(xs), 2)]


def firsts(rows: list[list[T]]) -> list[T]:
    return [first(r) for r in rows]  # a generic helper calling one


def find(xs: list[T], target: T) -> int | None:
    for i, x in enumerate(xs):
        if x == target:
            return i
    return None


def get_or(d: dict[str, T], k: str, default: T) -> T:
    return d.get(k, default)


def swap(p: tuple[K, V]) -> tuple[V, K]:
    return (p[1], p[0])


def apply_all(xs: list[T], f: Callable[[T], T]) -> list[T]:
    def once(x: T) -> T:  # nested in a generic function: copied with it
        return f(x)
    return [once(x) for x in xs]


class Ranked:
    def __init__(self, name: str, score: float) -> None:
        self.name = name
        self.score = score

    def leader(self, others: list["Ranked"]) -> str:
        return argmax(others, key=lambda r: r.score).name


FIRST_PRIME = first([2, 3, 5])


def _length(w: str) -> float:
    return float(len(w))


def head_int(xs: list[int]) -> int:
    return first(xs) * 10


def head_str(xs: list[str]) -> str:
    return first(xs).upper()


def head_row(rows: list[list[float]]) -> list[float]:
    return first(rows)


def tail_words(words: list[str]) -> str:
    return last_or(words, "<none>")


def tail_scores(scores: list[float]) -> float:
    return last_or(scores, -1.0)


def chunked_words(words: list[str], n: int) -> list[list[str]]:
    return list(chunks(words, n))


def chunk_totals(xs: list[int], n: int) -> list[int]:
    return [sum(c) for c in chunks(xs, n)]


def longest(words: list[str]) -> str:
    return argmax(words, key=lambda w: float(len(w)))


def longest_named(words: list[str]) -> str:
    return argmax(words, _length)


def best_label(pairs: list[tuple[str, float]]) -> str:
    return argmax(pairs, key=lambda p: p[1])[0]


def unique_words(text: str) -> list[str]:
    return dedupe(text.split())


def unique_ids(ids: list[int]) -> list[int]:
    return dedupe(ids)


def by_label(labels: dict[str, int]) -> dict[int, list[str]]:
    return invert(labels)


def scaled(a: int, b: float, times: int) -> str:
    return f"{scale(a, times)} {scale(b, times)}"


def clamped(x: float, lo: float, hi: float) -> float:
    return clamp(x, lo, hi)


def clamped_int(x: int) -> int:
    return clamp(x, 0, 10)


def pairs_of(words: list[str]) -> list[tuple[str, str]]:
    return pair_up(words)


def first_ids(rows: list[list[int]]) -> list[int]:
    return firsts(rows)


def first_words(rows: list[list[str]]) -> list[str]:
    return firsts(rows)


def position(words: list[str], w: str) -> int:
    i = find(words, w)
    return -1 if i is None else i


def lookup(d: dict[str, int], k: str) -> int:
    return get_or(d, k, -1)


def lookup_name(d: dict[str, str], k: str) -> str:
    return get_or(d, k, "?")


def swapped(a: str, b: int) -> tuple[int, str]:
    return swap((a, b))


def doubled(xs: list[int]) -> list[int]:
    return apply_all(xs, lambda x: x * 2)


def shouted(words: list[str]) -> list[str]:
    return apply_all(words, str.upper)


def leader(rows: list[tuple[str, float]]) -> str:
    ranked = [Ranked(n, s) for n, s in rows]
    if not ranked:
        raise ValueError("no rows")
    return ranked[0].leader(ranked)


def first_prime() -> int:
    return FIRST_PRIME


def _head(xs: list[T]):  # a private helper without a return annotation: the body's
    return xs[0]


def _depth(xs: list[T], n: int):
    if n <= 0:
        return 0
    return 1 + _depth(xs, n - 1)


def head_twice(xs: list[str]) -> str:
    return _head(xs).upper() + _head(xs)


def depth_plus_head(xs: list[int], n: int) -> int:
    return _depth(xs, n) + _head(xs)
