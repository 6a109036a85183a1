"""Unpacking iterables into names, with CPython's ValueError messages when the count
differs; nested targets in for loops."""


def key_value(line: str) -> tuple[str, str]:
    key, value = line.split("=", 1)
    return key.strip(), value.strip()


def rgb(hexes: str) -> tuple[int, int, int]:
    r, g, b = [int(h, 16) for h in hexes.split(",")]
    return r, g, b


def first_two_chars(s: str) -> str:
    a, b = s
    return b + a


def min_max_gap(xs: list[int]) -> int:
    lo, hi = sorted(xs)[:1] + sorted(xs)[-1:]
    return hi - lo


def doubled_pair(xs: list[int]) -> tuple[int, int]:
    a, b = (x * 2 for x in xs)
    return a, b


def first_word_pair(text: str) -> str:
    first, second = text.split(maxsplit=1)
    return f"{second}|{first}"


def weighted(rows: list[tuple[str, tuple[int, float]]]) -> float:
    total = 0.0
    for name, (count, weight) in rows:
        if not name:
            raise ValueError("empty name")
        total += count * weight
    return total


def with_defaults(overrides: dict[str, int]) -> dict[str, int]:
    """`**` in a dict display: later keys win, first positions stay."""
    base = {"batch": 8, "max_len": 128}
    return {**base, **overrides, "seed": overrides.get("seed", 0)}


def framed(tokens: list[str], words: str) -> list[str]:
    """`*` in a list display takes any iterable."""
    return ["[CLS]", *tokens, *words.split(), *(t.upper() for t in tokens), "[SEP]"]



def only_item(xs: list[int], text: str) -> str:
    """`(x,) = xs` / `x, = xs` / `[w] = words`: exactly one item, as the outputs of a
    one-output model are unpacked."""
    (x,) = xs
    y, = [v * 2 for v in xs]
    [word] = text.split()
    return f"{x + y}:{word.upper()}"
