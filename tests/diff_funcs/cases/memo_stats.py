"""`cache_info()` and `cache_clear()` of functools' caches (issue 10).

Each function clears the caches it looks at first, so what it reports depends on
its own calls only, in CPython and in the compiled library.
"""

import functools
from functools import cache, lru_cache


@functools.lru_cache(maxsize=None)  # noqa: UP033 - the spelling users write
def _fib(n: int) -> int:
    if n < 0:
        raise ValueError(f"fib of a negative number: {n}")
    return n if n < 2 else _fib(n - 1) + _fib(n - 2)


@lru_cache(maxsize=2)
def _label(code: int) -> str:
    if code > 99:
        raise ValueError(f"unknown code {code}")
    return f"L{code:03d}"


@cache
def _square(x: int) -> int:
    return x * x


@lru_cache
def _upper(s: str) -> str:
    return s.upper()


def fib_stats(n: int) -> str:
    _fib.cache_clear()
    value = _fib(n)
    again = _fib(n)
    info = _fib.cache_info()
    return f"{value} {again} {info}"


def label_evictions(codes: list[int]) -> list[str]:
    _label.cache_clear()
    out: list[str] = []
    for c in codes:
        out.append(_label(c))
        out.append(str(_label.cache_info()))
    return out


def square_counts(xs: list[int]) -> tuple[int, int, int]:
    _square.cache_clear()
    total = 0
    for x in xs:
        total += _square(x)
    info = _square.cache_info()
    return total, info.hits, info.misses


def cleared_between(words: list[str]) -> list[int]:
    _upper.cache_clear()
    sizes: list[int] = []
    for w in words:
        _upper(w)
        sizes.append(_upper.cache_info().currsize)
        if w == "reset":
            _upper.cache_clear()
            sizes.append(_upper.cache_info().currsize)
    info = _upper.cache_info()
    print(info)
    print(repr(info), info.maxsize)
    return sizes


def unbounded_maxsize(n: int) -> int | None:
    _fib.cache_clear()
    if _fib.cache_info().maxsize is None:
        return _fib(n)
    return None
