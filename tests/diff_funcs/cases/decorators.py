"""User-written decorators (issue 10): wrappers that log, validate, count and retry,
with `functools.wraps`, decorator factories (`@retry(3)`), stacked decorators. The
wrapper's printed lines are compared with CPython's byte for byte."""

import functools
from collections.abc import Callable


def logged(fn: Callable[[int, int], int]) -> Callable[[int, int], int]:
    @functools.wraps(fn)
    def wrapper(a: int, b: int) -> int:
        print(f"-> ({a}, {b})")
        result = fn(a, b)
        print(f"<- {result}")
        return result

    return wrapper


@logged
def gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


@logged
def checked_div(a: int, b: int) -> int:
    return a // b


def non_negative(fn: Callable[[float], float]) -> Callable[[float], float]:
    @functools.wraps(fn)
    def wrapper(x: float) -> float:
        if x < 0:
            raise ValueError(f"expected a non-negative value, got {x}")
        return fn(x)

    return wrapper


@non_negative
def root(x: float) -> float:
    return x ** 0.5


def retry(times: int) -> Callable[[Callable[[str], int]], Callable[[str], int]]:
    def decorator(fn: Callable[[str], int]) -> Callable[[str], int]:
        @functools.wraps(fn)
        def wrapper(s: str) -> int:
            last = ""
            for attempt in range(times):
                try:
                    return fn(s if attempt == 0 else s.strip().replace(",", ""))
                except ValueError as e:
                    print(f"attempt {attempt + 1} failed: {e}")
                    last = str(e)
            raise ValueError(f"gave up after {times} attempts: {last}")

        return wrapper

    return decorator


@retry(3)
def parse_amount(s: str) -> int:
    return int(s)


def clamp(lo: float, hi: float) -> Callable[[Callable[[float], float]], Callable[[float], float]]:
    def decorator(fn: Callable[[float], float]) -> Callable[[float], float]:
        def wrapper(x: float) -> float:
            return min(hi, max(lo, fn(x)))

        return wrapper

    return decorator


@clamp(0.0, 1.0)
@non_negative
def scaled(x: float) -> float:
    return x / 10.0


def tagged(tag: str) -> Callable[[Callable[[str], str]], Callable[[str], str]]:
    def decorator(fn: Callable[[str], str]) -> Callable[[str], str]:
        return lambda s: f"<{tag}>{fn(s)}</{tag}>"

    return decorator


@tagged("b")
@tagged("i")
def emphasize(text: str) -> str:
    return text.strip().upper()
