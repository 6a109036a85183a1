"""Generator expressions given to builtins that stop early (any, all, `in`, next,
zip, islice, takewhile, enumerate): items after the deciding one are never
computed, so a later item that would raise does not, as in CPython. Items that
are not bools (ints, floats, strs, lists) are tested by their truth."""

from itertools import islice, takewhile


def any_number(xs: list[str]) -> bool:
    """True at the first nonzero number; ValueError only if reached."""
    return any(int(x) for x in xs)


def all_numbers(xs: list[str]) -> bool:
    return all(float(x) for x in xs)


def any_text(xs: list[str]) -> bool:
    return any(x.strip() for x in xs) and all(x.split() for x in xs[:1])


def contains_one(xs: list[str]) -> bool:
    return 1 in (int(x) for x in xs)


def contains_word(xs: list[str], w: str) -> bool:
    return w.lower() not in (x.lower() for x in xs)


def first_two(xs: list[str]) -> list[int]:
    return list(islice((int(x) for x in xs), 2))


def leading_positive(xs: list[str]) -> list[int]:
    return list(takewhile(lambda v: v > 0, (int(x) for x in xs)))


def paired(labels: list[str], xs: list[str]) -> list[tuple[str, int]]:
    return list(zip(labels, (100 // int(x) for x in xs)))


def any_rows(rows: list[list[int]]) -> bool:
    return any(r[1:] for r in rows)
