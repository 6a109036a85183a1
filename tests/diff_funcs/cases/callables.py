"""Functions passed as arguments: `Callable[[...], R]` parameters given module-level
functions, nested functions, lambdas and methods (issue 10)."""

from collections.abc import Callable


def _retry(fn: Callable[[str], int], arg: str, attempts: int) -> int:
    last = "never tried"
    for i in range(attempts):
        try:
            return fn(arg if i == 0 else arg.strip().replace(",", ""))
        except ValueError as e:
            last = str(e)
    raise ValueError(f"gave up after {attempts} attempts: {last}")


def _parse_int(s: str) -> int:
    return int(s)


def parse_with_retry(texts: list[str], attempts: int) -> list[int]:
    return [_retry(_parse_int, t, attempts) for t in texts]


def _top_k(items: list[str], k: int, score: Callable[[str], float]) -> list[str]:
    if k < 0:
        raise ValueError("k must not be negative")
    return sorted(items, key=score, reverse=True)[:k]


def top_k_by_weight(words: list[str], k: int, weights: dict[str, float]) -> list[str]:
    def weight(w: str) -> float:
        return weights.get(w, 0.0) + len(w) / 100

    return _top_k(words, k, weight)


def _count(items: list[str], pred: Callable[[str], bool]) -> int:
    return sum(1 for x in items if pred(x))


def count_matching(lines: list[str], prefix: str) -> tuple[int, int]:
    return _count(lines, lambda s: s.startswith(prefix)), _count(lines, str.isupper)


def _map_tokens(tokens: list[str], f: Callable[[str], str]) -> list[str]:
    return [f(t) for t in tokens]


def transform_tokens(tokens: list[str], upper: bool) -> list[str]:
    if upper:
        return _map_tokens(tokens, str.upper)
    return _map_tokens(tokens, lambda t: t[::-1])


def _safe(fn: Callable[[float], float], x: float, default: float) -> float:
    try:
        return fn(x)
    except ZeroDivisionError:
        return default


def safe_inverse(values: list[float], default: float) -> list[float]:
    return [_safe(lambda v: 1 / v, v, default) for v in values]


def _checked_add(a: int, b: int) -> int:
    if b < 0:
        raise ValueError(f"negative item {b}")
    return a + b


def _fold(f: Callable[[int, int], int], xs: list[int], start: int) -> int:
    acc = start
    for x in xs:
        acc = f(acc, x)
    return acc


def fold_counts(xs: list[int]) -> tuple[int, int]:
    return _fold(_checked_add, xs, 0), _fold(lambda a, b: a * 2 + b, xs, 1)


def _twice(f: Callable[[int], int], x: int) -> int:
    return f(f(x))


def _apply_best(f: Callable[[int], int], xs: list[int]) -> int:
    return _twice(f, max(xs, key=f))


def scaled_best(xs: list[int], factor: int) -> int:
    return _apply_best(lambda v: v * factor - len(xs), xs)


def aligned_report(rows: dict[str, float], width: int, digits: int) -> list[str]:
    """A nested function formatting with specs built from the enclosing variables."""

    def line(name: str, value: float) -> str:
        return f"{name:<{width}}|{value:>{width}.{digits}f}|{value:{'+' if value > 0 else '-'}}"

    return [line(k, v) for k, v in rows.items()]


def _adder(i: int) -> Callable[[int], int]:
    return lambda v: v + i


def _scaled_sub(k: int) -> Callable[[int, int], int]:
    return lambda p, q: p - q * k


def shifted_all(x: int, n: int) -> list[int]:
    """Functions made in a comprehension, each keeping its own `i` (the factory form of
    `lambda v, i=i: v + i`)."""
    fs: list[Callable[[int], int]] = [_adder(i) for i in range(n)]
    return [f(x) for f in fs]


def dispatch_built_in_loop(names: list[str], a: int, b: int) -> list[int]:
    """A dispatch table of lambdas, extended in a loop."""
    table: dict[str, Callable[[int, int], int]] = {
        "add": lambda p, q: p + q, "mul": lambda p, q: p * q}
    for k in range(2, 4):
        table[f"sub{k}"] = _scaled_sub(k)
    table["div"] = lambda p, q: p // q
    return [table[n](a, b) for n in names]
