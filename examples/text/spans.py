"""Entity spans from BIO tags: a dataclass crossing the ABI as a record, and an
exception class of the module reaching every consumer by name."""

from __future__ import annotations

from dataclasses import dataclass


class NoSpans(ValueError):
    """There is no span to choose from."""


@dataclass
class Span:
    label: str
    start: int
    end: int
    text: str = ""

    def length(self) -> int:
        return self.end - self.start


def bio_spans(text: str, tags: list[str]) -> list[Span]:
    """The labelled spans of `text` (words split on spaces, one BIO tag per word)."""
    words = text.split(" ")
    if len(words) != len(tags):
        raise ValueError(f"{len(words)} words but {len(tags)} tags")
    spans: list[Span] = []
    pos = 0
    current: Span | None = None
    for word, tag in zip(words, tags):
        if tag.startswith("B-") or (tag.startswith("I-") and (current is None
                                                             or current.label != tag[2:])):
            current = Span(tag[2:], pos, pos + len(word))
            spans.append(current)
        elif tag.startswith("I-") and current is not None:
            current.end = pos + len(word)
        else:
            current = None
        pos += len(word) + 1
    for s in spans:
        s.text = text[s.start:s.end]
    return spans


def longest(spans: list[Span]) -> Span:
    """The longest span (the first of equals); NoSpans (a ValueError) when there is none."""
    if not spans:
        raise NoSpans("no spans")
    best = spans[0]
    for s in spans[1:]:
        if s.length() > best.length():
            best = s
    return best
