"""Generator entry points: compiled bundles that stream their items."""

from collections.abc import Iterator


def squares(n: int) -> Iterator[int]:
    """The squares of 0 .. n-1; for n == 1000 the fourth item raises."""
    for i in range(n):
        if i == 3 and n == 1000:
            raise ValueError(f"item {i} of {n} fails")
        yield i * i


def shout(text: str) -> Iterator[str]:
    for w in text.split():
        yield w.upper() + "!"
