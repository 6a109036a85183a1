"""Classes declaring `__slots__` (as a tuple, a list, one string; a base's slots and
a subclass's own; a base with empty slots under an ABC): fields read, changed and
compared as in any class, the objects in lists and dicts."""

from abc import ABC, abstractmethod


class Vec:
    __slots__ = ("x", "y")

    def __init__(self, x: float, y: float) -> None:
        self.x = x
        self.y = y

    def __add__(self, other: "Vec") -> "Vec":
        return Vec(self.x + other.x, self.y + other.y)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Vec):
            return NotImplemented
        return self.x == other.x and self.y == other.y

    def __repr__(self) -> str:
        return f"Vec({self.x}, {self.y})"

    def norm1(self) -> float:
        return abs(self.x) + abs(self.y)


class Token:
    __slots__ = ["start", "text"]

    def __init__(self, text: str, start: int) -> None:
        if start < 0:
            raise ValueError(f"negative offset {start}")
        self.text = text
        self.start = start

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class Counted:
    __slots__ = "n"  # noqa: PLC0205 (one name, as users write it)

    def __init__(self) -> None:
        self.n = 0


class Node(ABC):
    __slots__ = ()

    @abstractmethod
    def value(self) -> int: ...


class Leaf(Node):
    __slots__ = ("v",)

    def __init__(self, v: int) -> None:
        self.v = v

    def value(self) -> int:
        return self.v


class Pair(Leaf):
    __slots__ = ("w",)

    def __init__(self, v: int, w: int) -> None:
        super().__init__(v)
        self.w = w

    def value(self) -> int:
        return self.v * 10 + self.w


def walk(steps: list[tuple[float, float]]) -> str:
    pos = Vec(0.0, 0.0)
    seen = [pos]
    for dx, dy in steps:
        pos = pos + Vec(dx, dy)
        seen.append(pos)
    return f"{pos!r} norm {pos.norm1()} back {seen.count(Vec(0.0, 0.0))}"


def tokens(text: str, offset: int) -> list[tuple[str, int, int]]:
    out = []
    start = offset
    for w in text.split():
        t = Token(w, start)
        start = t.end + 1
        out.append((t.text, t.start, t.end))
    return out


def counts(words: list[str]) -> dict[str, int]:
    by: dict[str, Counted] = {}
    for w in words:
        c = by.setdefault(w, Counted())
        c.n += 1
    return {w: c.n for w, c in by.items()}


def values(spec: list[int]) -> list[int]:
    nodes: list[Node] = [Pair(v // 10, v % 10) if v >= 10 else Leaf(v) for v in spec]
    if not nodes:
        raise IndexError("no nodes")
    return [n.value() for n in nodes]


def shift(text: str, by: int) -> list[int]:
    ts = [Token(w, i) for i, w in enumerate(text.split())]
    for t in ts:
        t.start += by
    return [t.end for t in ts]
