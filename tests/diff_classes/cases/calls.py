"""Method calls bound at run time: `obj.m(*xs)` and `obj.m(**d)` on an instance into
the method's `*args`/`**kwargs` (also through a base-typed value whose subclass
overrides the method, and through `super()`), a method raising on what it was given;
an inherited `@classmethod` building `cls(...)` that does not fit a subclass's
`__init__` (CPython's TypeError when it runs for that subclass, also through a
base-typed value, and never when it is not)."""

from __future__ import annotations


class Logger:
    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.lines: list[str] = []

    def log(self, level: str, *parts: str, **tags: int) -> int:
        line = self.prefix + level + ":" + " ".join(parts)
        for k, v in tags.items():
            line += f" {k}={v}"
        self.lines.append(line)
        return len(self.lines)


class Loud(Logger):
    def log(self, level: str, *parts: str, **tags: int) -> int:
        return super().log(level.upper(), *parts, **tags)


class Stats:
    def __init__(self) -> None:
        self.total = 0.0
        self.count = 0

    def add(self, *values: float) -> float:
        for v in values:
            if v < 0:
                raise ValueError(f"negative value {v}")
            self.total += v
            self.count += 1
        return self.total

    def configure(self, **limits: float) -> list[str]:
        return [f"{k}<={v}" for k, v in sorted(limits.items())]


class Unit:
    def __init__(self, scale: float) -> None:
        self.scale = scale

    @classmethod
    def standard(cls) -> Unit:
        return cls(2.0)


class Named(Unit):
    def __init__(self, name: str, scale: float) -> None:
        super().__init__(scale)
        self.name = name


class Tagged(Unit):
    def __init__(self, scale: float, *, tag: str = "t") -> None:
        super().__init__(scale)
        self.tag = tag


class Strict(Unit):
    def __init__(self, scale: float, *, tag: str) -> None:
        super().__init__(scale)
        self.tag = tag


def standard_for(kind: str) -> float:
    if kind == "named":
        return Named.standard().scale
    if kind == "tagged":
        return Tagged.standard().scale
    if kind == "strict":
        return Strict.standard().scale
    return Unit.standard().scale + Named("n", 1.0).scale


def standards(kinds: list[str]) -> list[float]:
    units: list[Unit] = [Named(k, 1.0) if k == "named" else Tagged(0.5) if k == "tagged"
                         else Unit(3.0) for k in kinds]
    return [u.standard().scale for u in units]


def log_parts(parts: list[str], tags: dict[str, int]) -> list[str]:
    lg = Logger("> ")
    lg.log("info", *parts)
    lg.log("warn", *parts, **tags)
    lg.log("debug", *parts, n=len(parts))
    return lg.lines


def log_through_base(loud: bool, parts: list[str], tags: dict[str, int]) -> list[str]:
    lg: Logger = Loud("! ") if loud else Logger("- ")
    lg.log("info", *parts, **tags)
    lg.log("done", **tags)
    return lg.lines


def loggers(parts: list[str]) -> list[int]:
    out = []
    for lg in [Logger("a"), Loud("b")]:
        out.append(lg.log("x", *parts) + lg.log("y", *reversed(parts)))
    return out


def add_all(values: list[float]) -> tuple[float, int]:
    s = Stats()
    s.add(*values)
    s.add(*[v * 2 for v in values])
    return s.total, s.count


def limits(names: list[str], values: list[float]) -> list[str]:
    return Stats().configure(**dict(zip(names, values)))
