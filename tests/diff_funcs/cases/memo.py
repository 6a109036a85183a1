"""Memoised functions: `functools.cache` and `functools.lru_cache` (issue 10).

Each cache lives as long as the module, in CPython and in the compiled library:
the cases run in the same order on both sides, so what a call finds cached (and
what it prints when it computes) is the same.
"""

import functools
from functools import cache, lru_cache

VOCAB = {"the", "then", "he", "hen", "a", "an", "ant", "and", "ten", "at", "eat"}


@functools.lru_cache(maxsize=None)  # noqa: UP033 - the spelling users write
def edit_distance(a: str, b: str) -> int:
    if not a:
        return len(b)
    if not b:
        return len(a)
    cost = 0 if a[0] == b[0] else 1
    return min(edit_distance(a[1:], b) + 1, edit_distance(a, b[1:]) + 1,
               edit_distance(a[1:], b[1:]) + cost)


@lru_cache
def fib(n: int) -> int:
    if n < 0:
        raise ValueError(f"fib of a negative number: {n}")
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@cache
def segmentations(text: str) -> int:
    """How many ways `text` splits into vocabulary words."""
    if not text:
        return 1
    total = 0
    for i in range(1, len(text) + 1):
        if text[:i] in VOCAB:
            total += segmentations(text[i:])
    return total


@cache
def _pieces(word: str) -> list[str]:
    return [word[i:i + 3] for i in range(0, len(word), 3)]


def piece_count(words: list[str]) -> int:
    return sum(len(_pieces(w)) for w in words)


@functools.lru_cache(maxsize=2)
def slow_label(code: int) -> str:
    print(f"computing label {code}")
    if code > 99:
        raise ValueError(f"unknown code {code}")
    return f"L{code:03d}"


def labels(codes: list[int]) -> list[str]:
    return [slow_label(c) for c in codes]


@functools.lru_cache(maxsize=64)
def score(word: str, bonus: int) -> float:
    print("scoring", word)
    vowels = sum(1 for ch in word if ch in "aeiou")
    return vowels / len(word) + bonus


def best_word(words: list[str], bonus: int) -> str:
    return max(words, key=lambda w: score(w, bonus))


@cache
def _ngrams(word: str, n: int) -> list[str]:
    return [word[i:i + n] for i in range(len(word) - n + 1)]


def shared_ngrams(a: str, b: str, n: int) -> list[str]:
    if n <= 0:
        raise ValueError("n must be positive")
    right = set(_ngrams(b, n))
    return [g for g in _ngrams(a, n) if g in right]


@functools.lru_cache(maxsize=0)
def uncached(x: int) -> int:
    print("uncached", x)
    return x * 2


@cache
def grid_paths(rows: int, cols: int, wall: tuple[int, int]) -> int:
    if rows < 0 or cols < 0 or (rows, cols) == wall:
        return 0
    if rows == 0 and cols == 0:
        return 1
    return grid_paths(rows - 1, cols, wall) + grid_paths(rows, cols - 1, wall)
