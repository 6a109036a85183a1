"""itertools and functools as post-processing code uses them."""

import functools
import itertools
from functools import reduce


def windows(tokens: list[str]) -> list[str]:
    return [a + "|" + b for a, b in itertools.pairwise(tokens)]


def first_n(xs: list[int], n: int, start: int) -> list[int]:
    return list(itertools.islice(xs, n)) + list(itertools.islice(xs, start, None, 2))


def numbered(words: list[str], start: int) -> list[str]:
    return [f"{i}:{w}" for i, w in zip(itertools.count(start, 2), words)]


def running(xs: list[int], ys: list[float]) -> tuple[list[int], list[float], list[int]]:
    return (list(itertools.accumulate(xs)), list(itertools.accumulate(ys, initial=0.5)),
            list(itertools.accumulate(xs, max)))


def pairs(xs: list[str], r: int) -> list[str]:
    out = [a + b for a, b in itertools.combinations(xs, 2)]
    out += [a + b + c for a, b, c in itertools.combinations(xs, 3)]
    out += [a + b for a, b in itertools.permutations(xs, 2)]
    return out + [f"{a}{b}" for a, b in itertools.product(xs, range(r))]


def flat(chunks: list[list[int]], extra: list[int]) -> list[int]:
    return list(itertools.chain(extra, extra)) + list(itertools.chain.from_iterable(chunks))


def aligned(a: list[str], b: list[str]) -> list[str]:
    return [f"{x}/{y}" for x, y in itertools.zip_longest(a, b, fillvalue="-")] + \
        [f"{x}" for x, _ in itertools.zip_longest(a, b)]


def trim_pad(xs: list[int]) -> tuple[list[int], list[int], list[int]]:
    return (list(itertools.takewhile(lambda x: x != 0, xs)),
            list(itertools.dropwhile(lambda x: x == 0, xs)),
            list(itertools.repeat(0, len(xs) % 3)))


def product_of(xs: list[int], start: int) -> tuple[int, int, str]:
    return (reduce(lambda a, b: a * b, xs), functools.reduce(lambda a, b: a - b, xs, start),
            functools.reduce(lambda acc, x: acc + str(x), xs, ""))


def by_custom_order(words: list[str]) -> list[str]:
    def_order = sorted(words, key=functools.cmp_to_key(lambda a, b: len(a) - len(b)))
    return def_order + sorted(words, key=functools.cmp_to_key(
        lambda a, b: (a > b) - (a < b)), reverse=True)
