"""A module's functions given as values, as post-processing code hands them on:
`functools.reduce(math.gcd, ...)`, `map(math.sqrt, ...)`, a key of `sorted`, names
imported from a module (`from math import pi, gcd`), and module constants read by name."""

import functools
import math
import string
from math import floor, gcd, inf, pi, sqrt


def common_divisor(xs: list[int]) -> int:
    return functools.reduce(math.gcd, xs, 0)


def common_multiple(xs: list[int]) -> int:
    if not xs:
        raise ValueError("no values")
    return functools.reduce(math.lcm, xs)


def divisor_imported(xs: list[int]) -> int:
    return functools.reduce(gcd, xs, 0)


def roots(xs: list[float]) -> list[float]:
    return list(map(math.sqrt, xs))


def roots_imported(xs: list[float]) -> list[float]:
    return [round(r, 6) for r in map(sqrt, xs)]


def floors(xs: list[float]) -> list[int]:
    return list(map(floor, xs))


def by_magnitude(xs: list[float]) -> list[float]:
    return sorted(xs, key=math.fabs)


def largest_log(xs: list[float]) -> float:
    return max(map(math.log1p, xs))


def circle(r: float) -> str:
    return f"{pi * r * r:.4f} {2 * math.pi * r:.4f} {r < inf}"


def letters_only(s: str) -> str:
    return "".join(c for c in s if c in string.ascii_letters)

