"""Lambdas with default parameters (issue 10): `lambda v, i=i: ...` takes the value
`i` has when the lambda is made (the usual fix for late binding in loops and
comprehensions), `k=1` a constant, `j=i` another variable's value then."""

from collections.abc import Callable


def shifted(x: int) -> list[int]:
    fs: list[Callable[[int], int]] = [lambda v, i=i: v + i for i in range(3)]
    return [f(x) for f in fs]


def by_weight(xs: list[int], k: int) -> list[int]:
    return sorted(xs, key=lambda v, m=-1: v * m * k)


def table(x: int) -> dict[str, int]:
    ops: dict[str, Callable[[int], int]] = {}
    for name, n in [("double", 2), ("triple", 3), ("div", 0)]:
        ops[name] = lambda v, n=n: v * n if n else v // n
    return {k: f(x) for k, f in ops.items() if k != "div" or x < 0}


def digits(x: int) -> list[int]:
    fs: list[Callable[[int], int]] = []
    for i in range(3):
        fs.append(lambda v, j=i: v * 10 + j)
    return [f(x) for f in fs]


def suffixed(words: list[str], suffix: str) -> list[str]:
    add = lambda w, s=suffix: w + s
    return [add(w) for w in words]


def labelled(names: list[str]) -> dict[str, str]:
    makers: dict[str, Callable[[str], str]] = {n: lambda v, p=n: f"{p}={v}" for n in names}
    return {n: f(n.upper()) for n, f in makers.items()}


def thresholds(xs: list[float], cuts: list[float]) -> list[int]:
    tests: list[Callable[[float], bool]] = [lambda v, c=c: v >= c for c in cuts]
    return [sum(1 for t in tests if t(x)) for x in xs]


def parse_each(items: list[str]) -> list[int]:
    parsers: list[Callable[[], int]] = [lambda s=s: int(s) for s in items]
    return [p() for p in parsers]
