"""`==`, `!=`, `is` and `in` between values of different classes, or an instance and
another type: CPython calls both sides' `__eq__`, and when both return NotImplemented
(a guarded `other: object` method, a dataclass's generated one, object's default)
falls back to identity."""

from dataclasses import dataclass
from typing import NamedTuple


class Version:
    def __init__(self, major: int, minor: int) -> None:
        self.major = major
        self.minor = minor

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self.major == other.major and self.minor == other.minor


class Tag:
    def __init__(self, name: str) -> None:
        self.name = name


@dataclass
class Point:
    x: int
    y: int


@dataclass
class Size:
    x: int
    y: int


class Pos(NamedTuple):
    x: int
    y: int


class Shape:
    def __init__(self, name: str) -> None:
        self.name = name


class Circle(Shape):
    def __init__(self, r: float) -> None:
        super().__init__("circle")
        self.r = r


def _version(text: str) -> Version:
    parts = text.split(".")
    if len(parts) != 2:
        raise ValueError(f"bad version {text!r}")
    return Version(int(parts[0]), int(parts[1]))


def version_against_others(text: str, n: int) -> list[bool]:
    v = _version(text)
    return [v == n, n == v, v != n, v == text, v != Tag(text), Tag(text) == v,
            v == _version(text), v == None]


def parsed_equals_int(text: str, n: int) -> bool:
    # the left operand is evaluated (and may raise) although the answer is known
    return _version(text) == n


def records_of_two_classes(x: int, y: int) -> list[bool]:
    p, s, q = Point(x, y), Size(x, y), Pos(x, y)
    return [p == s, s == p, p != s, p == q, q == p, q != s, p == Point(x, y),
            s != Size(y, x), q == Pos(x, y)]


def mixed_membership(xs: list[int], probe: int) -> list[bool]:
    points = [Point(x, x) for x in xs]
    versions = [Version(x, 0) for x in xs]
    keys = {Pos(x, 0): x for x in xs}
    return [Size(probe, probe) in points, Point(probe, probe) in points, probe in versions,
            Version(probe, 0) in versions, Tag("t") not in versions, None in points,
            Pos(probe, 0) in keys, Tag("t") in keys, probe in keys]


def optional_against_other(n: int) -> list[bool]:
    v: Version | None = Version(n, 0) if n > 0 else None
    t: Tag | None = Tag("a") if n > 1 else None
    return [v == None, v != None, v == n, v != "x", t == Version(n, 0),
            Version(n, 0) != t, t is None]


def family_identity(r: float) -> list[bool]:
    c = Circle(r)
    s: Shape = c
    other: Shape = Shape("circle")
    shapes: list[Shape] = [other, c]
    return [s is c, c is s, s == c, s != c, other == c, other is c, c in shapes,
            shapes.index(c) == 1, Tag("circle") in shapes, s == Tag("circle")]


def first_match(texts: list[str], wanted: str) -> int:
    target = _version(wanted)
    things: list[Version] = [_version(t) for t in texts]
    for i, t in enumerate(things):
        if t == target and t != wanted:
            return i
    raise LookupError(f"{wanted} not found")
