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
