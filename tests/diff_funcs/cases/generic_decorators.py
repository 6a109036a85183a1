"""Generic decorators (issue 10), written the way people write them: over a ParamSpec
and a TypeVar (`Callable[P, T]`, `*args: P.args, **kwargs: P.kwargs`), over
`Callable[..., T]` / `Callable[..., Any]` with `Any` or untyped `*args, **kwargs`,
decorator factories (`@retry(times=2)`, `@retry()`), stacks of them, and wrappers
keeping state in their closure (a call counter, a cache). Each is compiled as a copy
per decorated function; printed lines are compared with CPython's byte for byte."""

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


def traced(fn: Callable[P, T]) -> Callable[P, T]:
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        print(f"-> {fn.__name__}")
        result = fn(*args, **kwargs)
        print(f"<- {fn.__name__}: {result!r}")
        return result

    return wrapper


def logged(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        print(f"calling {fn.__qualname__}")
        return fn(*args, **kwargs)

    return wrapper


def _untyped(fn):
    def wrapper(*args, **kwargs):
        print("untyped wrapper")
        return fn(*args, **kwargs)

    return wrapper


def counted(fn: Callable[P, T]) -> Callable[P, T]:
    calls = 0

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        nonlocal calls
        calls += 1
        print(f"{fn.__name__} call #{calls}")
        return fn(*args, **kwargs)

    return wrapper


def retry(times: int = 3) -> Callable[[Callable[P, T]], Callable[P, T]]:
    def decorator(fn: Callable[P, T]) -> Callable[P, T]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            for attempt in range(1, times + 1):
                try:
                    return fn(*args, **kwargs)
                except ValueError as e:
                    print(f"attempt {attempt}/{times} failed: {e}")
                    if attempt == times:
                        raise
            raise RuntimeError("retry: no attempts")

        return wrapper

    return decorator


def retry_on(times: int = 3, exc: type[Exception] = ValueError
             ) -> Callable[[Callable[P, T]], Callable[P, T]]:
    def decorator(fn: Callable[P, T]) -> Callable[P, T]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            for attempt in range(times):
                try:
                    return fn(*args, **kwargs)
                except exc as e:
                    print(f"{fn.__name__}: {type(e).__name__} on try {attempt + 1}")
            raise exc(f"{fn.__name__} failed {times} times")

        return wrapper

    return decorator


def _retry_untyped(times=2):
    def decorator(fn):
        def wrapper(*args, **kwargs):
            last = ""
            for _ in range(times):
                try:
                    return fn(*args, **kwargs)
                except KeyError as e:
                    last = str(e)
            raise LookupError(f"gave up after {times} tries: {last}")

        return wrapper

    return decorator


def default_on_error(value: T) -> Callable[[Callable[P, T]], Callable[P, T]]:
    def decorator(fn: Callable[P, T]) -> Callable[P, T]:
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            try:
                return fn(*args, **kwargs)
            except ZeroDivisionError:
                return value

        return wrapper

    return decorator


def positive(fn: Callable[P, float]) -> Callable[P, float]:
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> float:
        result = fn(*args, **kwargs)
        if result <= 0:
            raise ValueError(f"{fn.__name__} gave {result}, expected a positive value")
        return result

    return wrapper


def memo_by_text(fn: Callable[[str], T]) -> Callable[[str], T]:
    cache: dict[str, T] = {}

    def wrapper(text: str) -> T:
        if text not in cache:
            print(f"{fn.__name__}: computing {text!r}")
            cache[text] = fn(text)
        return cache[text]

    return wrapper


def banner(fn: Callable[P, str]) -> Callable[P, str]:
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> str:
        try:
            return f"[{fn(*args, **kwargs)}]"
        finally:
            print(f"done {fn.__name__}")

    return wrapper


def unchanged(fn: Callable[P, T]) -> Callable[P, T]:
    return fn


@traced
def scale(values: list[float], factor: float = 2.0) -> list[float]:
    """Each value times the factor."""
    return [v * factor for v in values]


@traced
def lookup(table: dict[str, int], key: str) -> int:
    return table[key]


@logged
def greet(name: str, *, punct: str = "!") -> str:
    if not name:
        raise ValueError("empty name")
    return f"hello {name}{punct}"


@_untyped
def halve(x: int) -> float:
    return 10 / x


@counted
def tokens(text: str) -> list[str]:
    return text.split()


@retry(times=2)
def parse_port(s: str) -> int:
    port = int(s)
    if not 0 < port < 65536:
        raise ValueError(f"port out of range: {port}")
    return port


@retry()
def parse_ratio(s: str) -> float:
    a, b = s.split("/")
    return int(a) / int(b)


@_retry_untyped(3)
def pick(d: dict[str, str], k: str) -> str:
    return d[k]


@default_on_error(0.0)
def mean(xs: list[float]) -> float:
    return sum(xs) / len(xs)


@default_on_error(-1)
def ratio_index(a: int, b: int) -> int:
    return a // b


@positive
def norm(xs: list[float]) -> float:
    return sum(x * x for x in xs) ** 0.5


@memo_by_text
def vowels(text: str) -> int:
    return sum(1 for c in text.lower() if c in "aeiou")


@banner
@traced
def title(words: list[str], sep: str = " ") -> str:
    return sep.join(w.capitalize() for w in words)


@retry(times=2)
@counted
@positive
def checked_div(a: float, b: float) -> float:
    return a / b


@unchanged
def clip(x: int, lo: int = 0, hi: int = 10) -> int:
    if lo > hi:
        raise ValueError(f"empty range {lo}..{hi}")
    return max(lo, min(hi, x))


@retry_on(exc=KeyError, times=2)
def price(prices: dict[str, float], item: str) -> float:
    return prices[item]


@retry_on(2, ZeroDivisionError)
def share(total: int, people: int) -> int:
    return total // people


@retry_on()
def parse_flag(s: str) -> bool:
    if s not in ("yes", "no"):
        raise ValueError(f"not a flag: {s!r}")
    return s == "yes"


def fallback_on(exc: type[Exception] | tuple[type[Exception], ...], value: T
                ) -> Callable[[Callable[P, T]], Callable[P, T]]:
    def decorator(fn: Callable[P, T]) -> Callable[P, T]:
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            try:
                return fn(*args, **kwargs)
            except exc as e:
                print(f"{fn.__name__} fell back after {e!r}")
                return value

        return wrapper

    return decorator


@fallback_on((KeyError, IndexError), -1)
def cell(rows: list[dict[str, int]], i: int, key: str) -> int:
    return rows[i][key]


def name_of(which: str) -> str:
    names = {"scale": scale.__name__, "greet": greet.__qualname__, "clip": clip.__name__,
             "price": price.__name__}
    return f"{names[which]}: {scale.__doc__}"


def lookup_unwrapped(table: dict[str, int], key: str) -> int:
    return lookup.__wrapped__(table, key) * 10
