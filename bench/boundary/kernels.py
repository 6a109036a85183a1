"""Functions whose bodies cost next to nothing: what a call of each measures is
the boundary (binding, encoding, the native call, decoding the result): numbers,
strings, lists, and instances of classes (records, and a family of classes)."""

from dataclasses import dataclass


def add(a: int, b: int) -> int:
    return a + b


def count_chars(texts: list[str]) -> int:
    n = 0
    for t in texts:
        n += len(t)
    return n


def total(xs: list[float]) -> float:
    s = 0.0
    for x in xs:
        s += x
    return s


def echo(s: str) -> str:
    return s


def scale(xs: list[float], k: float) -> list[float]:
    return [x * k for x in xs]


@dataclass
class Span:
    label: str
    start: int
    end: int


def span_width(spans: list[Span]) -> int:
    n = 0
    for s in spans:
        n += s.end - s.start
    return n


def make_spans(n: int) -> list[Span]:
    return [Span("tok", i, i + 2) for i in range(n)]


@dataclass
class Shape:
    name: str

    def area(self) -> float:
        return 0.0


@dataclass
class Circle(Shape):
    r: float

    def area(self) -> float:
        return 3.0 * self.r * self.r


@dataclass
class Square(Shape):
    side: float

    def area(self) -> float:
        return self.side * self.side


def total_area(shapes: list[Shape]) -> float:
    s = 0.0
    for sh in shapes:
        s += sh.area()
    return s


def make_shapes(n: int) -> list[Shape]:
    out: list[Shape] = []
    for i in range(n):
        if i % 2 == 0:
            out.append(Circle("c", float(i)))
        else:
            out.append(Square("s", float(i)))
    return out
