"""Overrides reached through a value typed with the base class: property setters a
subclass overrides (the object's class's setter runs, a property redefined without a
setter raises CPython's AttributeError), a setter added by a subclass to a
read-only property of the base; comparisons a subclass overrides, on two base-typed
values (CPython's protocol: the subclass's reflected method first, NotImplemented from
a dataclass's generated method for another class, a guarded `other: object`, identity
last, TypeError for an unorderable pair, also inside `sorted` and `in`); methods taking
`*args`/`**kwargs` overridden and called through the base."""

from __future__ import annotations

from dataclasses import dataclass


class Knob:
    """A sampling setting with a validating setter."""

    def __init__(self, name: str, value: float) -> None:
        self.name = name
        self._value = value
        self.writes = 0

    @property
    def value(self) -> float:
        return self._value

    @value.setter
    def value(self, v: float) -> None:
        if v < 0:
            raise ValueError(f"{self.name} must be >= 0, got {v}")
        self.writes += 1
        self._value = v


class Clamped(Knob):
    """Clamps instead of refusing: overrides the setter (and the getter with it)."""

    def __init__(self, name: str, value: float, top: float) -> None:
        super().__init__(name, value)
        self.top = top

    @property
    def value(self) -> float:
        return self._value

    @value.setter
    def value(self, v: float) -> None:
        self.writes += 1
        self._value = min(max(v, 0.0), self.top)


class Pinned(Knob):
    """Redefines the property without a setter: assigning raises AttributeError."""

    @property
    def value(self) -> float:
        return self._value


def _knob(kind: str, name: str) -> Knob:
    if kind == "clamped":
        return Clamped(name, 0.5, 1.0)
    if kind == "pinned":
        return Pinned(name, 0.5)
    return Knob(name, 0.5)


def _apply(k: Knob, v: float) -> None:
    k.value = v


def set_one(kind: str, v: float) -> tuple[float, int]:
    k = _knob(kind, "temperature")
    _apply(k, v)
    return k.value, k.writes


def set_all(kinds: list[str], values: list[float]) -> list[str]:
    knobs = [_knob(kind, f"k{i}") for i, kind in enumerate(kinds)]
    for k, v in zip(knobs, values):
        k.value = v
    return [f"{k.name}={k.value:.2f}/{k.writes}" for k in knobs]


def bump_all(kinds: list[str], step: float, times: int) -> list[float]:
    knobs: list[Knob] = [_knob(kind, kind) for kind in kinds]
    for _ in range(times):
        for k in knobs:
            k.value += step
    return [k.value for k in knobs]


def settle(kinds: list[str], v: float) -> list[str]:
    out = []
    for kind in kinds:
        k = _knob(kind, kind)
        try:
            k.value = v
            out.append(f"{kind}: {k.value}")
        except AttributeError as e:
            out.append(f"{kind}: {e}")
    return out


class Meter:
    def __init__(self) -> None:
        self._ticks = 0

    @property
    def ticks(self) -> int:
        return self._ticks


class Resettable(Meter):
    """Adds a setter the base's read-only property lacks."""

    @property
    def ticks(self) -> int:
        return self._ticks

    @ticks.setter
    def ticks(self, n: int) -> None:
        self._ticks = n * 10


def reset_meter(resettable: bool, n: int) -> int:
    m: Meter = Resettable() if resettable else Meter()
    m.ticks = n
    return m.ticks


class Hyp:
    """A beam hypothesis ordered by score."""

    def __init__(self, text: str, score: float) -> None:
        self.text = text
        self.score = score

    def __lt__(self, other: Hyp) -> bool:
        return self.score < other.score

    def __repr__(self) -> str:
        return f"{self.text}:{self.score}"


class Penalized(Hyp):
    """Compares by its score halved; `__gt__` is what `hyp < penalized` calls first."""

    def __lt__(self, other: Hyp) -> bool:
        return self.score / 2 < other.score

    def __gt__(self, other: Hyp) -> bool:
        return self.score / 2 > other.score


def _beam(scores: list[float]) -> list[Hyp]:
    return [Penalized(f"p{i}", s) if i % 2 else Hyp(f"h{i}", s) for i, s in enumerate(scores)]


def rank(scores: list[float]) -> list[str]:
    beam = _beam(scores)
    best = max(beam) if beam else None
    return [repr(h) for h in sorted(beam)] + [repr(best)]


def pairwise(scores: list[float]) -> list[str]:
    beam = _beam(scores)
    return [f"{a!r}<{b!r}:{a < b} >:{a > b}" for a in beam for b in beam if a is not b]


@dataclass
class Tok:
    text: str


@dataclass
class Word(Tok):
    lemma: str = ""


class Mark(Tok):
    """A plain subclass: inherits Tok's generated `__eq__`, which declines another class."""


def _toks(texts: list[str]) -> list[Tok]:
    out: list[Tok] = []
    for i, t in enumerate(texts):
        out.append(Tok(t) if i % 3 == 0 else Word(t, t.lower()) if i % 3 == 1 else Mark(t))
    return out


def token_matches(texts: list[str], probe: str) -> list[str]:
    toks = _toks(texts)
    eq = [f"{i}{j}" for i, a in enumerate(toks) for j, b in enumerate(toks) if a == b]
    ne = sum(1 for a in toks for b in toks if a != b)
    found = [Tok(probe) in toks, Mark(probe) in toks, Word(probe, probe.lower()) in toks]
    return eq + [str(ne)] + [str(f) for f in found]


class Unit:
    def __init__(self, n: int) -> None:
        self.n = n


class Ranked(Unit):
    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Unit):
            return NotImplemented
        return self.n < other.n

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Unit):
            return NotImplemented
        return self.n == other.n


def order_units(ns: list[int], ranked: list[bool]) -> list[int]:
    units: list[Unit] = [Ranked(n) if r else Unit(n) for n, r in zip(ns, ranked)]
    same = [int(a == b) for a in units for b in units]
    return [u.n for u in sorted(units)] + same


class Sink:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def log(self, level: int, *parts: str, **tags: int) -> int:
        self.lines.append(f"{level} {' '.join(parts)} {sorted(tags.items())}")
        return len(parts) + len(tags)


class Shouting(Sink):
    def log(self, level: int, *parts: str, **tags: int) -> int:
        if level > 3:
            raise ValueError(f"level {level} is too loud")
        return super().log(level + 1, *[p.upper() for p in parts], **tags)


def log_through_base(shout: list[bool], level: int) -> list[str]:
    sinks: list[Sink] = [Shouting() if s else Sink() for s in shout]
    total = 0
    for s in sinks:
        total += s.log(level, "ok", "go", retries=2)
        total += s.log(level)
    return [line for s in sinks for line in s.lines] + [str(total)]
