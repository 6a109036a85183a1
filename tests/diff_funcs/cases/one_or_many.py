# ruff: noqa: UP006, UP007, UP035 (Union[str, List[str]] as users write it)
"""Parameters taking one value or a list of them (`texts: Union[str, List[str]]`),
made a list by `if isinstance(texts, str): texts = [texts]` and then given to code
that takes a list, as embedding and classification helpers are written. A caller
giving another class gets a TypeError (CPython's comes later, from the code
that iterates it; the message differs)."""

from typing import List, Union


def lengths(texts: Union[str, List[str]]) -> list[int]:
    """Lengths of one text or many, longest first, then the first's; IndexError for an
    empty list."""
    if isinstance(texts, str):
        texts = [texts]
    first = texts[0]
    return sorted([len(t) for t in texts], reverse=True) + [len(first)]


def scaled(xs: list[float] | float, k: float = 2.0) -> list[float]:
    if isinstance(xs, float):
        xs = [xs]
    return [x * k for x in xs]


def names(ids: int | list[int]) -> str:
    """Label names of one id or many; IndexError for an unknown id."""
    table = ["zero", "one", "two"]
    if isinstance(ids, int):
        ids = [ids]
    return ", ".join(table[i] for i in ids)


def word_counts(texts: str | list[str]) -> list[int]:
    """ValueError for an empty text or list, checked before the conversion."""
    if not texts:
        raise ValueError("empty input")
    if isinstance(texts, str):
        texts = [texts]
    counts: list[int] = []
    for t in texts:
        counts.append(len(t.split()))
    return counts


def _encode(batch: list[str]) -> list[list[int]]:
    return [[ord(c) % 7 for c in t] for t in batch]


def encode(texts: Union[str, List[str]], pad: int = 0) -> list[list[int]]:
    """A batch padded to its longest item, as a tokenizer's encode_batch is used."""
    if isinstance(texts, str):
        texts = [texts]
    rows = _encode(texts)
    width = max((len(r) for r in rows), default=0)
    return [r + [pad] * (width - len(r)) for r in rows]
