"""Overrides reached through a value typed with the base class: property setters a
subclass overrides (the object's class's setter runs, a property redefined without a
setter raises CPython's AttributeError), and a setter added by a subclass to a
read-only property of the base."""

from __future__ import annotations


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
