"""itertools beyond the basics, as users write it: starmap, cycle, product with
repeat= and of three iterables, chain of four, permutations of three,
accumulate with a function and an initial value, compress, filterfalse,
combinations_with_replacement."""

import itertools
import operator


def scaled(pairs: list[tuple[float, float]]) -> list[float]:
    return list(itertools.starmap(lambda w, x: w * x, pairs))


def _span(start: int, end: int) -> str:
    if end < start:
        raise ValueError(f"bad span ({start}, {end})")
    return f"[{start}:{end}]"


def spans(pairs: list[tuple[int, int]], rows: list[tuple[int, int, int]]) -> list[str]:
    out = list(itertools.starmap(_span, pairs))
    out += [str(x) for x in itertools.starmap(lambda a, b, c: a * b + c, rows)]
    return out + [str(p) for p in itertools.starmap(operator.floordiv, pairs)]


def round_robin(workers: list[str], jobs: list[int]) -> list[str]:
    return [f"{w}<-{j}" for w, j in zip(itertools.cycle(workers), jobs)]


def repeated(xs: list[str], n: int) -> list[str]:
    return list(itertools.islice(itertools.cycle(xs), n))


def grid(xs: list[int]) -> tuple[list[tuple[int, int]], int, list[str]]:
    cells = [f"{a}{b}{c}" for a, b, c in itertools.product(xs, "ab", [True, False])]
    triples = len(list(itertools.product(xs, repeat=3)))
    return list(itertools.product(xs, repeat=2)), triples, cells


def decayed(xs: list[float], start: float) -> list[float]:
    return list(itertools.accumulate(xs, lambda acc, x: 0.5 * acc + x, initial=start))


def running_products(xs: list[int]) -> tuple[list[int], list[int]]:
    return (list(itertools.accumulate(xs, operator.mul, initial=1)),
            list(itertools.accumulate(xs, lambda a, b: a // b, initial=100)))


def kept(tokens: list[str], mask: list[bool]) -> tuple[list[str], list[str]]:
    dropped = list(itertools.compress(tokens, [not m for m in mask]))
    kept = list(itertools.compress(tokens, mask))
    return kept, list(itertools.chain(dropped, ["|"], kept, "!"))


def odd_ones(xs: list[int], d: int) -> list[int]:
    return list(itertools.filterfalse(lambda x: x % d == 0, xs))


def pairs_with_self(xs: list[str]) -> list[str]:
    out = [a + b for a, b in itertools.combinations_with_replacement(xs, 2)]
    return out + ["".join(p) for p in itertools.permutations(xs, 3)]
