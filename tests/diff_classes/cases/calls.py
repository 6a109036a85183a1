"""Method calls bound at run time: `obj.m(*xs)` and `obj.m(**d)` on an instance into
the method's `*args`/`**kwargs` (also through a base-typed value whose subclass
overrides the method, and through `super()`), a method raising on what it was given."""

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
