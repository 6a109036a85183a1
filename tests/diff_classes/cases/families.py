"""Families of classes crossing the ABI: results typed with a base class holding
objects of its subclasses (alone, in lists, dicts, tuples, optionals and a record's
field), a three-level family, an abstract base, and arguments typed with the base
whose own class decides which method runs."""

from abc import ABC, abstractmethod
from dataclasses import dataclass


@dataclass
class Shape:
    name: str

    def area(self) -> float:
        return 0.0

    def describe(self) -> str:
        return f"{self.name}: {self.area():.2f}"


@dataclass
class Circle(Shape):
    r: float

    def area(self) -> float:
        if self.r < 0:
            raise ValueError(f"negative radius {self.r}")
        return 3.14159 * self.r * self.r


@dataclass
class Square(Shape):
    side: float

    def area(self) -> float:
        return self.side * self.side


@dataclass
class Tile(Square):
    color: str = "grey"

    def describe(self) -> str:
        return f"{self.color} tile " + super().describe()


@dataclass
class Scene:
    title: str
    shapes: list[Shape]


@dataclass
class Event(ABC):
    at: int

    @abstractmethod
    def weight(self) -> float: ...


@dataclass
class Click(Event):
    x: int
    y: int

    def weight(self) -> float:
        return 1.0


@dataclass
class Purchase(Event):
    amount: float

    def weight(self) -> float:
        return 10.0 + self.amount


def _shape(part: str) -> Shape:
    kind, _, rest = part.partition(":")
    args = rest.split(":")
    if kind == "c":
        return Circle(args[0], float(args[1]))
    if kind == "s":
        return Square(args[0], float(args[1]))
    if kind == "t":
        return Tile(args[0], float(args[1]), args[2]) if len(args) > 2 else Tile(args[0], float(args[1]))
    if kind == "p":
        return Shape(args[0])
    raise ValueError(f"unknown shape kind {kind!r}")


def classify(part: str) -> Shape:
    """One shape from `kind:name:size[:color]`."""
    return _shape(part)


def parse_shapes(spec: str) -> list[Shape]:
    return [_shape(p) for p in spec.split(",") if p]


def largest(spec: str) -> Shape | None:
    best: Shape | None = None
    for s in parse_shapes(spec):
        if best is None or s.area() > best.area():
            best = s
    return best


def scene(title: str, spec: str) -> Scene:
    return Scene(title, parse_shapes(spec))


def by_name(spec: str) -> dict[str, tuple[Shape, float]]:
    return {s.name: (s, round(s.area(), 3)) for s in parse_shapes(spec)}


def tile(name: str, side: float) -> Tile:
    return Tile(name, side, "blue" if side > 1 else "grey")


def events(log: list[str]) -> list[Event]:
    out: list[Event] = []
    for i, line in enumerate(log):
        parts = line.split()
        if parts[0] == "click":
            out.append(Click(i, int(parts[1]), int(parts[2])))
        else:
            out.append(Purchase(i, float(parts[1])))
    return out


def describe(s: Shape) -> str:
    """The object's own `describe` and `area` (the argument's class decides)."""
    return s.describe()


def scene_report(sc: Scene, min_area: float) -> list[str]:
    total = round(sum([s.area() for s in sc.shapes], 0.0), 3)
    return [f"{sc.title}: {total}"] + [s.describe() for s in sc.shapes if s.area() >= min_area]


def heaviest(evs: list[Event]) -> Event:
    if not evs:
        raise ValueError("no events")
    best = evs[0]
    for e in evs[1:]:
        if e.weight() > best.weight():
            best = e
    return best
