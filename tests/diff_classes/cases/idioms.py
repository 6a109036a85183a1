"""Idioms mypy-clean class code uses: comparisons taking `other: object` that return
NotImplemented for other classes; hash() of records and tuples."""

from dataclasses import dataclass
from enum import IntEnum
from typing import NamedTuple


class Score:
    def __init__(self, label: str, value: float) -> None:
        self.label = label
        self.value = value

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Score):
            return NotImplemented
        return self.label == other.label and self.value == other.value

    def __hash__(self) -> int:
        return hash((self.label, self.value))


class Version:
    def __init__(self, major: int, minor: int) -> None:
        self.major = major
        self.minor = minor

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Version):
            return (self.major, self.minor) == (other.major, other.minor)
        return NotImplemented

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return (self.major, self.minor) < (other.major, other.minor)

    def __repr__(self) -> str:
        return f"Version({self.major}, {self.minor})"


class Tagged(Version):
    def __init__(self, major: int, minor: int, tag: str) -> None:
        super().__init__(major, minor)
        self.tag = tag


def count_equal(labels: list[str], values: list[float]) -> int:
    """How many scores equal the first one, plus the distinct scores."""
    scores = [Score(lab, v) for lab, v in zip(labels, values)]
    first = scores[0]
    same = sum(1 for s in scores if s == first)
    return same + len(set(scores))


def dedupe_scores(labels: list[str], values: list[float]) -> list[str]:
    seen: dict[Score, int] = {}
    for lab, v in zip(labels, values):
        s = Score(lab, v)
        seen[s] = seen.get(s, 0) + 1
    return [f"{s.label}:{s.value}x{n}" for s, n in seen.items()]


def newest(versions: list[tuple[int, int]]) -> str:
    vs = [Version(a, b) for a, b in versions]
    best = max(vs)
    return f"{best!r} of {sorted(vs)}"


def version_checks(a: int, b: int) -> list[bool]:
    v, w = Version(a, b), Version(b, a)
    return [v == w, v != w, v < w, v > w, v == Version(a, b)]


def tagged_order(tags: list[str]) -> list[str]:
    ts = [Tagged(len(t), i, t) for i, t in enumerate(tags)]
    ts.sort()
    return [t.tag for t in ts] + [str(ts[0] == ts[0]), str(ts[0] < ts[-1])]


class Level(IntEnum):
    LOW = 1
    MINUS = -1


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    weight: float


class Slot(NamedTuple):
    pos: int
    score: float
    level: Level


class Bucket:
    def __init__(self, k: int) -> None:
        self.k = k

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Bucket):
            return NotImplemented
        return self.k == other.k

    def __hash__(self) -> int:
        return self.k


def value_hashes(a: int, b: float) -> list[int]:
    """hash() of ints, floats and tuples: CPython's numbers (a str's are randomized)."""
    return [hash((a, b)), hash((a,)), hash(()), hash(b), hash((a, (b, True))),
            hash(Level.MINUS), hash((Level.LOW, a))]


def record_hashes(a: int, b: float) -> list[int]:
    """A frozen dataclass and a NamedTuple hash as the tuple of their fields; a
    `__hash__` returning -1 gives -2."""
    cell = Cell(a, -a, b)
    slot = Slot(a, b, Level.LOW)
    return [hash(cell), hash(slot), hash(Bucket(a)), hash((Bucket(a), a)),
            len({cell, Cell(a, -a, b)}), hash(cell) % 1000]


class Scorer:
    """A class constant as a method's parameter default (evaluated in the class body)."""

    DEFAULT_WEIGHT = 0.5
    LIMIT = 2

    def __init__(self) -> None:
        self.total = 0.0

    def add(self, x: float, weight: float = DEFAULT_WEIGHT) -> float:
        if weight < 0:
            raise ValueError(f"negative weight {weight}")
        self.total += x * weight
        return self.total

    def top(self, xs: list[int], k: int = LIMIT) -> list[int]:
        return sorted(xs)[-k:]


def weighted(xs: list[float], w: float) -> list[float]:
    s = Scorer()
    for x in xs:
        s.add(x)
    s.add(1.0, w)
    return [s.total] + [float(v) for v in s.top([int(x) for x in xs])]


class Unit:
    def __init__(self, scale: float) -> None:
        self.scale = scale

    @classmethod
    def standard(cls) -> "Unit":
        return cls(2.0)

    def value(self) -> float:
        return self.scale


class NamedUnit(Unit):
    """Its __init__ differs: the inherited `standard()` would fail, but is never called."""

    def __init__(self, name: str, scale: float) -> None:
        if scale <= 0:
            raise ValueError(f"{name}: scale must be positive")
        super().__init__(scale)
        self.name = name


def units(x: float) -> list[float]:
    n = NamedUnit("n", x)
    return [Unit.standard().value(), n.value(), NamedUnit("m", x * 2).scale]
