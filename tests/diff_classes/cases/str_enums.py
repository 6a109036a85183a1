"""Enums whose members are strs or ints: `class Role(str, Enum)` (chat roles, label
names), `StrEnum` (with auto()), and IntEnum members used as the ints they are
(indexes, arithmetic, lengths)."""

from __future__ import annotations

import json
from enum import Enum, IntEnum, StrEnum, auto


class Role(str, Enum):
    SYSTEM = "system"
    USER = "user"
    ASSISTANT = "assistant"


class Color(StrEnum):
    RED = auto()
    GREEN = "green"
    DARK_BLUE = auto()


class Level(IntEnum):
    LOW = 1
    MID = 2
    HIGH = 3


def role_text(name: str) -> list[str]:
    r = Role(name)
    return [str(r), f"{r}", repr(r), r.value, r.name, r.upper(), r + "!", r.title(),
            str(len(r)), r.replace("s", "S"), f"<|{r.value}|>"]


def role_compare(name: str, other: str) -> list[bool]:
    r = Role(name)
    return [r == other, other == r, r != other, r == Role.USER, r in ("user", "system"),
            r.startswith(other), other in r, r < other if other else r > other]


def role_json(names: list[str]) -> str:
    msgs = [{"role": Role(n).value, "content": n.upper()} for n in names]
    return json.dumps(msgs)


def sorted_roles(names: list[str]) -> list[str]:
    rs = [Role(n) for n in names]
    return [r.value for r in sorted(rs)] + [str(Role.USER in rs), str(len(set(rs)))]


def color_text(name: str) -> list[str]:
    c = Color(name)
    return [str(c), f"{c}", repr(c), c.value, c.name, c.capitalize(), str(c == "red"),
            str(sorted([Color.RED, Color.GREEN, Color.DARK_BLUE])), c.split("_")[0]]


def level_math(n: int) -> list[int]:
    xs = [10, 11, 12, 13, 14]
    return [Level.HIGH + n, n - Level.LOW, Level.MID * n, xs[Level.LOW], xs[-Level.HIGH],
            len("ab" * Level.HIGH), int(Level.HIGH), abs(-Level.MID), Level.HIGH // 2,
            n % Level.HIGH]


def level_of(value: int) -> str:
    lv = Level(value)
    return f"{lv.name}={lv.value} {str(lv)} {lv > Level.LOW} {lv == value} {lv + 0}"  # noqa: RUF010
