"""Classes as users write them around a model (issue 10, trialC): `__eq__` written
`return isinstance(other, C) and ...`, dataclass fields defaulting to an enum member or
a tuple, `list()`/`sorted()`/`sum()` of an instance with `__iter__`, an object holding
callbacks in a field, a field's list given to `extend`, and `s: Shape` declared without
a value then assigned in each branch."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from enum import Enum


class Shape:
    def __init__(self, name: str) -> None:
        self.name = name

    def area(self) -> float:
        return 0.0


class Rect(Shape):
    def __init__(self, name: str, w: float, h: float) -> None:
        super().__init__(name)
        self.w = w
        self.h = h

    def area(self) -> float:
        return self.w * self.h

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Rect) and (self.w, self.h) == (other.w, other.h)


class Square(Rect):
    def __init__(self, name: str, side: float) -> None:
        super().__init__(name, side, side)


class Circle(Shape):
    def __init__(self, name: str, r: float) -> None:
        super().__init__(name)
        self.r = r

    def area(self) -> float:
        return math.pi * self.r ** 2

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Shape) and self.area() == other.area()


class Vec:
    def __init__(self, xs: list[float]) -> None:
        self.xs = xs

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Vec) and len(self.xs) == len(other.xs) and all(
            a == b for a, b in zip(self.xs, other.xs))


def _shape(kind: str, a: float, b: float) -> Shape:
    if kind == "rect":
        return Rect(kind, a, b)
    if kind == "square":
        return Square(kind, a)
    if kind == "circle":
        return Circle(kind, a)
    raise ValueError(f"unknown shape {kind!r}")


def equal_shapes(specs: list[tuple[str, float, float]]) -> list[tuple[int, int, bool, bool]]:
    """Every ordered pair, both `==` and `!=` (a Circle's `__eq__` answers for a Rect
    of the same area, a Rect's says False for a Circle without asking it)."""
    shapes = [_shape(k, a, b) for k, a, b in specs]
    return [(i, j, shapes[i] == shapes[j], shapes[i] != shapes[j])
            for i in range(len(shapes)) for j in range(len(shapes)) if i != j]


def vec_checks(a: list[float], b: list[float]) -> tuple[bool, bool, bool, int]:
    va, vb = Vec(a), Vec(b)
    found = [va, vb].count(Vec(list(b)))
    return va == vb, va != vb, Vec(list(a)) in [vb, va], found


class Strategy(Enum):
    GREEDY = "greedy"
    SAMPLE = "sample"
    BEAM = "beam"


@dataclass(frozen=True)
class GenConfig:
    strategy: Strategy = Strategy.GREEDY
    max_new_tokens: int = 32
    stop: tuple[str, ...] = ()
    pair: tuple[int, str] = (1, "a")

    def validate(self) -> GenConfig:
        if self.strategy is Strategy.BEAM and self.max_new_tokens < 2:
            raise ValueError("beam search needs at least 2 new tokens")
        return self


def _tagged(text: str, tags: tuple[str, ...] = ("<s>", "</s>"),
            mode: Strategy = Strategy.SAMPLE) -> str:
    return f"{tags[0]}{text}{tags[-1]} ({mode.value})"


def parse_config(args: list[str]) -> str:
    cfg = GenConfig()
    for arg in args:
        key, _, value = arg.partition("=")
        if key == "strategy":
            cfg = replace(cfg, strategy=Strategy(value))
        elif key == "max_new_tokens":
            cfg = replace(cfg, max_new_tokens=int(value))
        elif key == "stop":
            cfg = replace(cfg, stop=tuple(value.split("|")))
        else:
            raise KeyError(key)
    cfg = cfg.validate()
    return f"{cfg!r} {cfg == GenConfig()} {hash(cfg) == hash(replace(cfg))}"


def tagged(text: str, custom: bool) -> list[str]:
    return [_tagged(text), _tagged(text, ("[", "]")) if custom else _tagged(text, mode=Strategy.BEAM)]


class RingBuffer:
    def __init__(self, capacity: int) -> None:
        if capacity <= 0:
            raise ValueError("capacity must be positive")
        self._data: list[float] = []
        self._cap = capacity
        self._start = 0

    def push(self, x: float) -> None:
        if len(self._data) < self._cap:
            self._data.append(x)
        else:
            self._data[self._start] = x
            self._start = (self._start + 1) % self._cap

    def __iter__(self) -> Iterator[float]:
        for i in range(len(self._data)):
            yield self._data[(self._start + i) % len(self._data)]

    def __repr__(self) -> str:
        return f"RingBuffer({list(self)})"


class Words:
    def __init__(self, text: str) -> None:
        self.words = text.split()

    def __iter__(self) -> Iterator[str]:
        return iter(self.words)


def ring_views(xs: list[float], cap: int) -> tuple[str, list[float], list[float], float, float]:
    rb = RingBuffer(cap)
    for x in xs:
        rb.push(x)
    return repr(rb), sorted(rb), list(rb), sum(rb, 0.0), max(rb)


def word_views(text: str) -> tuple[list[str], list[tuple[int, str]], set[str], bool, tuple[str, ...]]:
    w = Words(text)
    return sorted(w, key=len), list(enumerate(w)), set(w), any(x.isupper() for x in w), tuple(w)


class EventBus:
    def __init__(self) -> None:
        self._handlers: dict[str, list[Callable[[str], str]]] = {}
        self.history: list[str] = []

    def on(self, event: str, handler: Callable[[str], str]) -> None:
        self._handlers.setdefault(event, []).append(handler)

    def emit(self, event: str, payload: str) -> int:
        handlers = self._handlers.get(event, [])
        if not handlers:
            raise LookupError(f"no handler for {event!r}")
        for h in handlers:
            self.history.append(h(payload))
        return len(handlers)


def _shout(s: str) -> str:
    return s.upper() + "!"


def run_bus(events: list[tuple[str, str]]) -> list[str]:
    bus = EventBus()
    bus.on("msg", _shout)
    bus.on("msg", lambda s: f"{len(s)} chars")
    out: list[str] = []
    for ev, payload in events:
        out.append(str(bus.emit(ev, payload)))
    out.extend(bus.history)
    return out


def declared_then_assigned(kind: str, size: float) -> tuple[str, float]:
    """`s: Shape` without a value, then assigned in each branch (mypy's idiom)."""
    s: Shape
    if kind == "square":
        s = Square("sq", size)
    elif kind == "circle":
        s = Circle("c", size)
    else:
        s = Shape(kind)
    label: str
    label = f"{s.name}:{type(s).__name__}"
    return label, round(s.area(), 6)
