"""Registry decorators (issue 10): decorators whose work is storing the function in a
module-level dict (`HANDLERS[name] = fn; return fn`), filled once as the module runs
and read by entry points (`HANDLERS[kind](text)`): a factory typed with a TypeVar
bound to a Callable, a plain decorator keyed by `fn.__name__`, a factory storing in
two tables with a defaulted key, a table holding entries before the decorations, a
key registered twice, int keys."""

from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable[[str], str])

HANDLERS: dict[str, Callable[[str], str]] = {}
CHECKS: dict[str, Callable[[str], bool]] = {}
SCORERS: dict[str, Callable[[list[float]], float]] = {}
ALIASES: dict[str, Callable[[list[float]], float]] = {}
OPS: dict[int, Callable[[int, int], int]] = {}


def _total(xs: list[float]) -> float:
    return sum(xs, 0.0)


BUILTIN_SCORERS: dict[str, Callable[[list[float]], float]] = {"total": _total}


def register(name: str) -> Callable[[F], F]:
    def deco(fn: F) -> F:
        HANDLERS[name] = fn
        return fn
    return deco


def check(fn: Callable[[str], bool]) -> Callable[[str], bool]:
    """Registers a check under its own name."""
    CHECKS[fn.__name__] = fn
    return fn


def scorer(name: str, alias: str = "default"
           ) -> Callable[[Callable[[list[float]], float]], Callable[[list[float]], float]]:
    def deco(fn: Callable[[list[float]], float]) -> Callable[[list[float]], float]:
        SCORERS[name] = fn
        ALIASES[alias] = fn
        return fn
    return deco


def builtin(name: str
            ) -> Callable[[Callable[[list[float]], float]], Callable[[list[float]], float]]:
    def deco(fn: Callable[[list[float]], float]) -> Callable[[list[float]], float]:
        BUILTIN_SCORERS[name] = fn
        return fn
    return deco


def op(code: int) -> Callable[[Callable[[int, int], int]], Callable[[int, int], int]]:
    def deco(fn: Callable[[int, int], int]) -> Callable[[int, int], int]:
        OPS[code] = fn
        return fn
    return deco


G = TypeVar("G", bound=Callable[..., object])


def mark(fn: G) -> G:  # not a registry: returns the function as it is, under a TypeVar
    return fn          # bound to a Callable (the decorated function's whole type)


@mark
def add_default(a: int, b: int = 2) -> int:
    return a + b


@register("upper")
def up(s: str) -> str:
    return s.upper()


@register("title")
def title(s: str) -> str:
    return s.title()


@register("strip")
def strip(s: str) -> str:
    if not s.strip():
        raise ValueError("nothing left after strip")
    return s.strip()


@register("upper")
def shout(s: str) -> str:  # registered again under "upper": replaces `up` there
    return s.upper() + "!"


@check
def is_short(s: str) -> bool:
    return len(s) < 5


@check
def has_digit(s: str) -> bool:
    return any(c.isdigit() for c in s)


@scorer("mean", alias="avg")
def mean(xs: list[float]) -> float:
    return sum(xs) / len(xs)


@scorer("max")
def top(xs: list[float]) -> float:
    return max(xs)


@builtin("min")
def bottom(xs: list[float]) -> float:
    return min(xs)


@op(1)
def add(a: int, b: int) -> int:
    return a + b


@op(2)
def div(a: int, b: int) -> int:
    return a // b


def handle(kind: str, text: str) -> str:
    return HANDLERS[kind](text)


def handle_all(text: str) -> list[str]:
    return [f"{k}={fn(text)}" for k, fn in HANDLERS.items()]


def handler_names() -> list[str]:
    return list(HANDLERS)


def handle_or(kind: str, text: str) -> str:
    if kind not in HANDLERS:
        return text
    return HANDLERS[kind](text)


def direct(text: str) -> str:
    return up(text) + shout(text)


def checks(text: str) -> dict[str, bool]:
    return {name: fn(text) for name, fn in CHECKS.items()}


def score(kind: str, xs: list[float]) -> float:
    return SCORERS[kind](xs)


def score_alias(alias: str, xs: list[float]) -> float:
    return ALIASES[alias](xs)


def alias_names() -> list[str]:
    return sorted(ALIASES)


def builtin_score(kind: str, xs: list[float]) -> float:
    return BUILTIN_SCORERS[kind](xs)


def builtin_names() -> list[str]:
    return list(BUILTIN_SCORERS)


def marked(a: int) -> int:
    return add_default(a) * 10 + add_default(a, b=5)


def apply_op(code: int, a: int, b: int) -> int:
    return OPS[code](a, b)
