"""functools.partial of module functions and lambdas: positional and keyword
binding, the bound values read when the partial is made, partials used as
`key=`, in `map` and passed as `Callable` arguments."""

import functools
from collections.abc import Callable
from functools import partial


def _scale(x: float, factor: float, offset: float = 0.0) -> float:
    if factor == 0.0:
        raise ValueError("factor must not be zero")
    return x * factor + offset


def _clip(lo: int, hi: int, x: int) -> int:
    if lo > hi:
        raise ValueError(f"empty range [{lo}, {hi}]")
    return max(lo, min(hi, x))


def _apply(fn: Callable[[int], int], xs: list[int]) -> list[int]:
    return [fn(x) for x in xs]


def scaled(xs: list[float], factor: float) -> list[float]:
    double = functools.partial(_scale, factor=factor)
    return list(map(double, xs))


def clipped(xs: list[int], lo: int, hi: int) -> list[int]:
    clip = partial(_clip, lo, hi)
    return _apply(clip, xs)


def shifted(xs: list[float], offset: float) -> list[float]:
    shift = partial(_scale, factor=1.0, offset=offset)
    return [shift(x) for x in xs]


def by_distance(xs: list[int], target: int) -> list[int]:
    dist = partial(lambda t, x: abs(x - t), target)
    return sorted(xs, key=dist)


def bound_early(xs: list[int], n: int) -> list[int]:
    clip = partial(_clip, n, 10)
    ys = xs + [n - 1]
    return [clip(x) for x in ys]


def weighted_sum(rows: list[list[int]], w: int) -> list[int]:
    if w < 0:
        raise ValueError(f"negative weight {w}")
    dot = partial(lambda k, row: sum(k * v for v in row), w)
    return list(map(dot, rows))


def labelled(words: list[str], sep: str) -> list[str]:
    tag = partial(lambda s, w, i: f"{i}{s}{w}", sep)
    return [tag(w, i) for i, w in enumerate(words)]
