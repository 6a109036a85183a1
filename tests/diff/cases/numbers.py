"""Numbers where compiled code once differed from CPython: int ** negative int,
int/bool comparisons, constants built from constants, f-string braces,
nested format specs, chained comparisons (each operand evaluated once, lazily)."""

SHIFT = 3
BLOCK = 1 << SHIFT
MASK = BLOCK - 1
LIMITS = (BLOCK, BLOCK * BLOCK)


def inverse_powers(base: int, n: int) -> list[float]:
    return [base ** -k for k in range(1, n + 1)]


def power_table(base: int, n: int) -> list[int]:
    out = []
    for i in range(n):
        out.append(base ** i)
    return out


def scaled_power(base: int, exp: int) -> str:
    return f"{float(base) ** exp:.4g}"


def flags_equal(count: int, flag: bool) -> list[bool]:
    return [count == flag, count != flag, min(count, 1) == False, max(count, 0) > flag]


def block_bounds(i: int) -> tuple[int, int]:
    lo, hi = LIMITS
    start = (i & ~MASK) * 1
    if start >= hi:
        raise ValueError(f"block {i} is beyond {hi} (blocks of {lo})")
    return start, start + BLOCK


def braces(name: str) -> str:
    return f"{{{name}}}" + f"{{}}" + "{" + f"{{{{literal}}}}"


def aligned(label: str, width: int, value: float, digits: int) -> str:
    return f"[{label:>{width}}] [{label:*^{width + 2}}] [{value:{width}.{digits}f}]"


def column(cells: list[str], width: int) -> list[str]:
    return [f"{c:<{width}}|" for c in cells]


def _checked(x: int) -> int:
    if x > 1000:
        raise ValueError(f"too large: {x}")
    return x


def pop_in_range(xs: list[int]) -> list[int]:
    """A chained comparison evaluates its middle operand once: one pop per test."""
    ys = list(xs)
    out = []
    while ys:
        if 0 < ys.pop() < 100:
            out.append(len(ys))
    return out


def chain_lazy_calls(xs: list[int], lo: int, hi: int) -> list[int]:
    """In `x < lo < f(x)` f runs only when `x < lo` holds (a large x makes it
    raise), and `lo <= f(x) < hi` calls f once per test."""
    hits = []
    for x in xs:
        if x < lo < _checked(x):
            hits.append(-x)
        elif lo <= _checked(min(x, 1000)) < hi:
            hits.append(x)
    return hits
