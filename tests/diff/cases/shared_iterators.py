"""One iterator read by several consumers in turn (`it = iter(xs)`): each takes
only what CPython's takes, and the next one goes on from there."""

import itertools


def batched(xs: list[str], size: int) -> list[list[str]]:
    it = iter(xs)
    out = []
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            break
        out.append(chunk)
    return out


def split_header(lines: list[str]) -> tuple[list[str], list[str]]:
    it = iter(lines)
    header = []
    for line in it:
        if not line.strip():
            break
        header.append(line)
    return header, list(it)


def pairs(xs: list[int]) -> list[tuple[int, int]]:
    it = iter(xs)
    return list(zip(it, it))


def after_found(xs: list[int], target: int) -> list[int]:
    it = iter(xs)
    if target in it:
        return list(it)
    return []


def head_tail(xs: list[int], limit: int) -> tuple[list[int], list[int]]:
    it = iter(xs)
    small = list(itertools.takewhile(lambda x: x < limit, it))
    return small, list(it)


def strided(n: int, start: int, stop: int, step: int) -> tuple[list[int], int]:
    g = (i * i for i in range(n))
    picked = list(itertools.islice(g, start, stop, step))
    return picked, sum(g)


def smallest_or_fallback(xs: list[int], fallbacks: list[int], i: int) -> int | None:
    """min's `default=` is evaluated before min runs, as every argument is: an index
    out of range raises even when `xs` is not empty (and a None default is no default)."""
    best = min(xs, default=None)
    fallback = min(set(xs), default=[None][i])
    return best if best is not None else fallback
