"""Values typed with a base class holding subclass instances: lists of the base,
parameters and variables annotated with it, overridden methods dispatched on the
object's class (CPython's MRO), `isinstance` narrowing from the base to a subclass,
and abstract base classes (CPython's TypeError when one is instantiated)."""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass


class Shape(ABC):
    def __init__(self, name: str) -> None:
        self.name = name

    @abstractmethod
    def area(self) -> float: ...

    @abstractmethod
    def perimeter(self) -> float: ...

    def describe(self) -> str:
        return f"{self.name}: area={self.area():.2f} perimeter={self.perimeter():.2f}"

    def __repr__(self) -> str:
        return f"<{self.name}>"


class Circle(Shape):
    def __init__(self, r: float) -> None:
        if r < 0:
            raise ValueError(f"negative radius {r}")
        super().__init__("circle")
        self.r = r

    def area(self) -> float:
        return math.pi * self.r * self.r

    def perimeter(self) -> float:
        return 2 * math.pi * self.r


class Rect(Shape):
    def __init__(self, w: float, h: float) -> None:
        super().__init__("rect")
        self.w = w
        self.h = h

    def area(self) -> float:
        return self.w * self.h

    def perimeter(self) -> float:
        return 2 * (self.w + self.h)


class Square(Rect):
    def __init__(self, side: float) -> None:
        super().__init__(side, side)
        self.name = "square"

    def describe(self) -> str:
        return "square! " + super().describe()


class Half(Shape):
    """Still abstract: perimeter is left unimplemented."""

    def area(self) -> float:
        return 0.5


def _area(s: Shape) -> float:
    return s.area()


def _make(kind: str, x: float) -> Shape:
    if kind == "circle":
        return Circle(x)
    if kind == "square":
        return Square(x)
    if kind == "rect":
        return Rect(x, 2 * x)
    raise ValueError(f"unknown shape {kind!r}")


def total_area(kinds: list[str], sizes: list[float]) -> float:
    shapes = [_make(k, x) for k, x in zip(kinds, sizes)]
    return round(sum((_area(s) for s in shapes), 0.0), 6)


def describe_all(r: float, w: float, side: float) -> list[str]:
    shapes: list[Shape] = [Circle(r), Rect(w, 1.0), Square(side)]
    return [s.describe() for s in shapes]


def largest(kinds: list[str], sizes: list[float]) -> str:
    best: Shape | None = None
    for k, x in zip(kinds, sizes):
        s = _make(k, x)
        if best is None or s.area() > best.area():
            best = s
    if best is None:
        raise ValueError("no shapes")
    return best.describe()


def widths(kinds: list[str], sizes: list[float]) -> list[float]:
    out = []
    for k, x in zip(kinds, sizes):
        s = _make(k, x)
        if isinstance(s, Circle):
            out.append(2 * s.r)
        elif isinstance(s, Rect):
            out.append(s.w)
    return out


def count_kinds(kinds: list[str], sizes: list[float]) -> list[int]:
    shapes = [_make(k, x) for k, x in zip(kinds, sizes)]
    rects = sum(1 for s in shapes if isinstance(s, Rect))
    squares = len([s for s in shapes if isinstance(s, Square)])
    return [rects, squares, len(shapes) - rects]


def reassigned(big: bool, x: float) -> str:
    s: Shape = Circle(x)
    if big:
        s = Square(x * 10)
    names = [repr(s), str(s), s.name]
    return " ".join(names)


def abstract_shape(which: int) -> float:
    if which == 0:
        return Half("h").area()
    return _area(Circle(float(which)))


@dataclass
class Event:
    at: int

    def weight(self) -> float:
        return 1.0

    def label(self) -> str:
        return f"event@{self.at}"


@dataclass
class Click(Event):
    button: str = "left"

    def weight(self) -> float:
        return 2.0 if self.button == "left" else 3.0


@dataclass
class Scroll(Event):
    dy: int = 0

    def weight(self) -> float:
        return abs(self.dy) / 10

    def label(self) -> str:
        return f"scroll {self.dy}@{self.at}"


def session_score(codes: list[int]) -> list[str]:
    events: list[Event] = []
    for i, c in enumerate(codes):
        if c == 0:
            events.append(Event(i))
        elif c > 0:
            events.append(Click(i, "left" if c == 1 else "right"))
        else:
            events.append(Scroll(i, c * 5))
    total = sum((e.weight() for e in events), 0.0)
    return [e.label() for e in events] + [f"{total:.1f}", repr(events[-1]) if events else "-"]
