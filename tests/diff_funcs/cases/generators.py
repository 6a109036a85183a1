"""Generators: streaming chunkers, a tokenizer's span generator, lazy pipelines.
Entry points returning an iterator are consumed item by item (the harness compares
the items before an exception too)."""

from collections.abc import Generator, Iterator


def chunk_words(text: str, size: int) -> Iterator[list[str]]:
    if size <= 0:
        raise ValueError(f"size must be positive, got {size}")
    buf: list[str] = []
    for w in text.split():
        buf.append(w)
        if len(buf) == size:
            yield buf
            buf = []
    if buf:
        yield buf


def word_spans(text: str) -> Iterator[tuple[int, int]]:
    start = -1
    for i, ch in enumerate(text):
        if ch.isspace():
            if start >= 0:
                yield (start, i)
                start = -1
        elif start < 0:
            start = i
    if start >= 0:
        yield (start, len(text))


def _countdown(n: int) -> Generator[int, None, None]:
    while n > 0:
        yield n
        n -= 1
        if n == 2:
            raise ValueError("reached 2")


def countdown(n: int) -> Iterator[int]:
    yield from _countdown(n)


def first_k(n: int, k: int) -> list[int]:
    out = []
    for x in _countdown(n):
        out.append(x)
        if len(out) == k:
            break
    return out


def sum_of_squares(n: int) -> int:
    squares = (i * i for i in range(n))
    return sum(squares)


def heads(xs: list[int]) -> list[int]:
    it = iter(xs)
    a = next(it, -1)
    b = next(it, -1)
    return [a, b, sum(it)]


def _tree(xs: list[int], depth: int) -> Iterator[int]:
    for x in xs:
        yield x * depth
    if depth < 3:
        yield from _tree(xs, depth + 1)


def tree_sorted(xs: list[int]) -> list[int]:
    return sorted(_tree(xs, 1))


def shout(words: list[str]) -> str:
    return "-".join(w.upper() for w in words)


def next_three(n: int) -> int:
    g = _countdown(n)
    return next(g) + next(g) + next(g)


def _parse_lines(lines: list[str]) -> Iterator[int]:
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        yield int(line)


def running_total(lines: list[str]) -> Iterator[int]:
    total = 0
    for v in _parse_lines(lines):
        total += v
        yield total


def pair_up(names: list[str], n: int) -> list[tuple[int, str]]:
    return list(zip(_countdown(n), names))


def numbered(n: int) -> list[tuple[int, int]]:
    out = []
    for i, x in enumerate(_countdown(n), start=1):
        out.append((i, x))
    return out


def has_big(xs: list[int], limit: int) -> bool:
    return any(x > limit for x in _parse_lines([str(v) for v in xs] + ["oops"]))
