"""`match` statements as parsing, dispatch and post-processing code writes them:
command lines split into words, HTTP-like status codes with guards, dataclass and
enum dispatch, JSON-shaped events and expression trees (`Any`), tuples of two
subjects, alternatives that bind, and `True`/`None` matched by identity."""

from dataclasses import dataclass
from enum import Enum
from typing import Any


class Label(Enum):
    NEG = 0
    POS = 1
    NEUTRAL = 2


@dataclass
class Span:
    start: int
    end: int
    label: str


@dataclass
class Entity(Span):
    score: float


def command(line: str) -> str:
    match line.split():
        case ["go", direction]:
            return f"going {direction}"
        case ["take", *items] if items:
            return "taking " + ", ".join(items)
        case ["quit" | "exit"]:
            return "bye"
        case []:
            return "empty"
        case [first, *_, last]:
            return f"{first}..{last}"
        case [word]:
            raise ValueError(f"unknown command {word!r}")
        case _:
            return "?"


def status(code: int) -> str:
    match code:
        case 200 | 201 | 204:
            return "ok"
        case 301 | 302 as moved:
            return f"moved ({moved})"
        case -1:
            return "no response"
        case n if n >= 500:
            return f"server error {n}"
        case n if 400 <= n < 500:
            return f"client error {n}"
        case _:
            raise ValueError(f"unexpected status {code}")


def _describe(s: Span) -> str:
    match s:
        case Entity(label="PER", score=sc) if sc < 0.5:
            return "weak person"
        case Entity(start, end, "PER"):
            return f"person {start}-{end}"
        case Entity(score=sc):
            return f"entity {sc:.2f}"
        case Span(0, end):
            return f"leading span to {end}"
        case Span(label=lab):
            return lab.lower()
        case _:
            raise AssertionError("not a span")


def describe(start: int, end: int, label: str, score: float) -> str:
    s: Span = Span(start, end, label) if score < 0 else Entity(start, end, label, score)
    return _describe(s)


def sentiment(value: int, confidence: float) -> str:
    label = Label(value)
    match label, confidence:
        case Label.POS, c if c > 0.9:
            return "very positive"
        case (Label.POS | Label.NEUTRAL) as lab, _:
            return lab.name.lower()
        case Label.NEG, _:
            return "negative"
        case _:
            return "unreachable"


def evaluate(node: Any) -> int:
    match node:
        case {"op": "+", "args": [a, b]}:
            return evaluate(a) + evaluate(b)
        case {"op": "*", "args": [a, *rest]}:
            out = evaluate(a)
            for r in rest:
                out *= evaluate(r)
            return out
        case {"op": "neg", "args": [a]}:
            return -evaluate(a)
        case {"op": op, **extra}:
            raise ValueError(f"bad node {op!r} with {sorted(extra)}")
        case bool():
            raise TypeError("booleans are not numbers here")
        case int(n):
            return n
        case str(s) if s.isdigit():
            return int(s)
        case [*items]:
            return sum(evaluate(i) for i in items)
        case _:
            raise TypeError(f"cannot evaluate {node!r}")


def event(e: dict[str, Any]) -> str:
    match e:
        case {"type": "click", "pos": [x, y]}:
            return f"click at {x},{y}"
        case {"type": "key", "key": str(k), **mods}:
            return f"key {k} {sorted(mods)}"
        case {"type": t}:
            return f"other {t}"
        case _:
            return "no type"


def flags(b: bool, v: int | None) -> list[str]:
    out: list[str] = []
    match b:
        case True:
            out.append("yes")
        case False:
            out.append("no")
    match v:
        case None:
            out.append("none")
        case 1:
            out.append("one")
        case (2 | 3) as small:
            out.append(f"small {small}")
        case other:
            out.append(f"other {other}")
    return out


def axis(p: tuple[int, int, int]) -> str:
    match p:
        case (0, 0, 0):
            return "origin"
        case (x, 0, 0) | (0, x, 0) | (0, 0, x):
            return f"on an axis at {x}"
        case (x, y, _) if x == y:
            return "diagonal"
        case _:
            return "space"
