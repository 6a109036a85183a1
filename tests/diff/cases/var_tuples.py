"""Tuples of any length (`tuple[T, ...]`), one operation per function: tuple(...) of
lists, strings, generators, sorted(...), range and dict keys; indexing, slicing, `+`,
`*`, comparison (also with fixed tuples), unpacking with CPython's ValueError
messages, repr/str, min/max/sorted/sum, iteration."""


def tuple_of(xs: list[int], s: str, n: int) -> list[tuple[int, ...]]:
    return [tuple(xs), tuple(len(c) for c in s), tuple(sorted(xs)), tuple(range(n)),
            tuple({x: 1 for x in xs}), tuple(), tuple(x * 2 for x in xs if x > 0)]


def item_at(t: tuple[str, ...], i: int) -> str:
    return t[i]


def slices(t: tuple[int, ...], a: int, b: int) -> list[tuple[int, ...]]:
    return [t[a:b], t[::-1], t[a:], t[:b], t[::2], t[1:-1], t[a:b:-1]]


def joined(t: tuple[int, ...], x: int, n: int) -> tuple[int, ...]:
    u = t + (x,)
    u = u + t[:1]
    return u * n + () + (0,) * 2


def compare(a: tuple[int, ...], b: tuple[int, ...]) -> list[bool]:
    return [a < b, a <= b, a == b, a != b, a > b, a >= b, a == (1, 2), (1, 2) < a]


def unpack(t: tuple[int, ...]) -> int:
    a, b, c = t
    return a * 100 + b * 10 + c


def unpack_star(t: tuple[str, ...]) -> str:
    first, *rest = t
    return first + "|" + ",".join(rest)


def shown(t: tuple[str, ...], n: tuple[float, ...]) -> list[str]:
    return [repr(t), str(n), f"{t}", str(t[:1]), str([t, t[1:]]), repr({t: len(t)})]


def reduce_all(t: tuple[int, ...]) -> list[int]:
    return [min(t), max(t), sum(t), len(t), sorted(t, reverse=True)[0], 1 if t else 0]


def iterate(t: tuple[str, ...]) -> str:
    out = ""
    for i, x in enumerate(t):
        out += f"{i}{x}"
    for x in reversed(t):
        out += x.upper()
    return out + "".join(t) + str([x for x in t if x != "a"])
