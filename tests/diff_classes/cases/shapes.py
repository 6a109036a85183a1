"""Inheritance: overriding, super().__init__, properties with setters, ABCs,
isinstance on optional values."""

from __future__ import annotations

import math
from abc import ABC, abstractmethod


class Shape(ABC):
    def __init__(self, name: str) -> None:
        self.name = name
        self.scale = 1.0

    @abstractmethod
    def area(self) -> float: ...

    def describe(self) -> str:
        return f"{self.name} with area {self.area():.2f}"

    def grow(self, k: float) -> None:
        if k <= 0:
            raise ValueError(f"scale factor must be positive, got {k}")
        self.scale *= k


class Rect(Shape):
    def __init__(self, w: float, h: float) -> None:
        super().__init__("rect")
        self.w = w
        self.h = h

    def area(self) -> float:
        return self.w * self.h * self.scale * self.scale


class Square(Rect):
    def __init__(self, side: float) -> None:
        super().__init__(side, side)
        self.name = "square"

    def describe(self) -> str:
        return "square: " + super().describe()


class Circle(Shape):
    def __init__(self, r: float) -> None:
        super().__init__("circle")
        self._r = r

    @property
    def radius(self) -> float:
        return self._r

    @radius.setter
    def radius(self, value: float) -> None:
        if value < 0:
            raise ValueError("radius must be non-negative")
        self._r = value

    def area(self) -> float:
        return math.pi * (self._r * self.scale) ** 2


class Temperature:
    def __init__(self, celsius: float) -> None:
        self.celsius = celsius

    @property
    def fahrenheit(self) -> float:
        return self.celsius * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, f: float) -> None:
        self.celsius = (f - 32) * 5 / 9

    @classmethod
    def from_fahrenheit(cls, f: float) -> Temperature:
        t = cls(0.0)
        t.fahrenheit = f
        return t


def rect_report(w: float, h: float, k: float) -> list[str]:
    r = Rect(w, h)
    before = r.describe()
    r.grow(k)
    return [before, r.describe(), r.name]


def square_report(side: float) -> list[str]:
    s = Square(side)
    s.grow(2.0)
    return [s.describe(), f"{s.area():.3f}", str(isinstance(s, Rect)), str(isinstance(s, Shape))]


def circle_radius(r: float, new_r: float) -> list[float]:
    c = Circle(r)
    before = c.area()
    c.radius = new_r
    return [before, c.radius, round(c.area(), 6)]


def temperatures(values: list[float]) -> list[str]:
    out = []
    for v in values:
        t = Temperature.from_fahrenheit(v)
        out.append(f"{t.celsius:.1f}C={t.fahrenheit:.1f}F")
    return out


def maybe_area(w: float, present: bool) -> float:
    r: Rect | None = Rect(w, 2.0) if present else None
    if isinstance(r, Rect):
        return r.area()
    if r is None:
        raise ValueError("no shape")
    return -1.0


def total_area(sides: list[float]) -> float:
    squares = [Square(s) for s in sides]
    total = 0.0
    for sq in squares:
        if sq.w < 0:
            raise ValueError(f"negative side {sq.w}")
        total += sq.area()
    return total
