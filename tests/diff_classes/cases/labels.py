"""Label enums: mapping model outputs to labels and back."""

from __future__ import annotations

from enum import Enum, IntEnum


class Sentiment(Enum):
    NEGATIVE = 0
    NEUTRAL = 1
    POSITIVE = 2


class Priority(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3


class Tag(Enum):
    PERSON = "PER"
    PLACE = "LOC"
    ORG = "ORG"

    def describe(self) -> str:
        return f"{self.name.lower()} ({self.value})"


def label_of(index: int) -> str:
    return Sentiment(index).name


def label_names() -> list[str]:
    return [s.name for s in Sentiment]


def parse_labels(names: list[str]) -> list[int]:
    return [Sentiment[n].value for n in names]


def tag_descriptions(codes: list[str]) -> list[str]:
    return [Tag(c).describe() for c in codes]


def enum_texts(index: int) -> list[str]:
    s = Sentiment(index)
    return [str(s), repr(s), f"{s}", s.name, str(s == Sentiment.POSITIVE)]


def max_priority(levels: list[int]) -> str:
    if not levels:
        raise ValueError("no levels")
    best = Priority(levels[0])
    for v in levels[1:]:
        p = Priority(v)
        best = max(best, p)
    return f"{best.name}={int(best)} {best!r} {best!s}"


def count_by_label(indices: list[int]) -> dict[str, int]:
    counts: dict[Sentiment, int] = {}
    for i in indices:
        s = Sentiment(i)
        counts[s] = counts.get(s, 0) + 1
    return {s.name: n for s, n in counts.items()}


def _tag_for(code: str) -> Tag | None:
    return Tag(code) if code in ("PER", "LOC", "ORG") else None


def optional_matches(codes: list[str], wanted: str) -> list[bool]:
    """An optional member compared with a member and with another optional, by `is`,
    `is not`, `==` and `!=` (the optional side was always unequal: silent divergence);
    ValueError for a wanted code that is no Tag."""
    target = Tag(wanted)
    out = []
    prev: Tag | None = None
    for c in codes:
        t = _tag_for(c)
        out += [t is target, t == target, target != t, t is not Tag.ORG, t == prev, t is prev]
        prev = t
    return out


def first_tag_name(codes: list[str]) -> str:
    """`assert t is not None` narrows t for the rest of the block; AssertionError (with
    its message) when no code is a Tag."""
    t: Tag | None = None
    for c in codes:
        t = _tag_for(c)
        if t is not None:
            break
    assert t is not None, f"no tag in {codes}"
    return t.describe() + " " + t.name
