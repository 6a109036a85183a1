"""`dataclasses.replace`: a changed copy of a frozen or plain dataclass, made by
calling the class again (so `__post_init__` validates and derives once more),
with CPython's TypeError for a name that is not a field and ValueError for a
field declared `init=False`."""

import dataclasses
from dataclasses import dataclass, field, replace


@dataclass
class Span:
    start: int
    end: int
    label: str = "O"
    length: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"span ends before it starts: ({self.start}, {self.end})")
        self.length = self.end - self.start


@dataclass
class Config:
    name: str
    lr: float = 0.001
    layers: int = 2
    tags: list[str] = field(default_factory=list)


@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int = 0

    def __post_init__(self) -> None:
        if self.minor < 0:
            raise ValueError(f"minor version must be >= 0, got {self.minor}")


def shifted(start: int, end: int, by: int) -> tuple[int, int, int]:
    s = Span(start, end, "PER")
    t = dataclasses.replace(s, start=s.start + by, end=s.end + by)
    return t.start, t.end, t.length


def relabeled(start: int, end: int, label: str) -> str:
    s = Span(start, end)
    return repr(replace(s, label=label)) + " " + repr(s)


def widened(start: int, end: int, new_end: int) -> int:
    return replace(Span(start, end), end=new_end).length


def bad_name(start: int) -> str:
    s = Span(start, start + 1)
    return repr(dataclasses.replace(s, stop=start + 2))


def derived_field(start: int, n: int) -> str:
    s = Span(start, start + 1)
    return repr(dataclasses.replace(s, length=n))


def sweep(name: str, rates: list[float]) -> list[str]:
    base = Config(name, layers=4)
    runs = [dataclasses.replace(base, lr=r) for r in rates]
    return [f"{c.name}:{c.lr}:{c.layers}" for c in runs] + [repr(base)]


def renamed(name: str, layers: int) -> tuple[str, bool, bool]:
    base = Config("base", tags=["a"])
    other = replace(base, name=name, layers=layers)
    return repr(other), other == base, replace(base) == base


def bumped(major: int, minor: int) -> list[str]:
    v = Version(major, minor)
    out = [replace(v, minor=v.minor + 1), replace(v, major=v.major + 1, minor=0), v,
           replace(v, minor=v.minor - 3)]
    return [f"{x.major}.{x.minor}" for x in sorted(out)]
