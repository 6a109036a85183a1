"""Functions as values (issue 10): nested functions and lambdas returned from functions,
dispatch tables of functions and lambdas, functions kept in lists and variables and
called later. A function value holds copies of what it reads, which is what CPython's
closure reads when the variables are never assigned again."""

from collections.abc import Callable


def _make_scaler(k: float) -> Callable[[float], float]:
    def scale(x: float) -> float:
        return x * k

    return scale


def scale_all(xs: list[float], k: float) -> list[float]:
    scale = _make_scaler(k)
    return [scale(x) for x in xs]


def _make_adder(n: int) -> Callable[[int], int]:
    return lambda x: x + n


def compose_adders(a: int, b: int, x: int) -> int:
    add_a = _make_adder(a)
    add_b = _make_adder(b)
    return add_b(add_a(x))


def _add(a: float, b: float) -> float:
    return a + b


def _div(a: float, b: float) -> float:
    return a / b


def calculate(op: str, a: float, b: float) -> float:
    table = {"add": _add, "div": _div}
    if op not in table:
        raise ValueError(f"unknown operator {op!r}")
    return table[op](a, b)


def evaluate_rpn(tokens: list[str]) -> int:
    ops: dict[str, Callable[[int, int], int]] = {
        "+": lambda a, b: a + b,
        "-": lambda a, b: a - b,
        "*": lambda a, b: a * b,
        "/": lambda a, b: a // b,
    }
    stack: list[int] = []
    for t in tokens:
        if t in ops:
            b = stack.pop()
            a = stack.pop()
            stack.append(ops[t](a, b))
        else:
            stack.append(int(t))
    return stack[-1]


def normalize(text: str, steps: list[str]) -> str:
    available: dict[str, Callable[[str], str]] = {
        "strip": str.strip,
        "lower": str.lower,
        "squash": lambda s: " ".join(s.split()),
    }
    chain = [available[s] for s in steps]
    for f in chain:
        text = f(text)
    return text


def _make_tagger(prefix: str, width: int) -> Callable[[str], str]:
    def tag(word: str) -> str:
        return prefix + ":" + word.rjust(width)

    return tag


def tag_words(words: list[str], prefix: str, width: int) -> list[str]:
    tagger = _make_tagger(prefix.upper(), width)
    return [tagger(w) for w in words]


def _threshold(limit: float) -> Callable[[float], bool]:
    return lambda v: v > limit


def count_above(values: list[float], limit: float) -> int:
    above = _threshold(limit)
    return sum(1 for v in values if above(v))


def _pick(kind: str) -> Callable[[list[int]], int]:
    if kind == "max":
        return max
    if kind == "min":
        return min
    if kind == "len":
        return len
    raise KeyError(kind)


def reduce_by(kind: str, xs: list[int]) -> int:
    return _pick(kind)(xs)


def _twice(f: Callable[[int], int]) -> Callable[[int], int]:
    def g(x: int) -> int:
        return f(f(x))

    return g


def _inc(x: int) -> int:
    if x >= 100:
        raise OverflowError(f"{x} is too large")
    return x + 1


def apply_twice(x: int, times: int) -> int:
    f = _twice(_inc)
    for _ in range(times):
        x = f(x)
    return x


def choose_scorer(mode: str, words: list[str]) -> list[int]:
    if mode == "len":
        score: Callable[[str], int] = len
    else:
        score = lambda w: sum(1 for c in w if c in "aeiou")
    return [score(w) for w in words]
