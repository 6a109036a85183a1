"""`e.args` of the exceptions the runtime raises itself: a `KeyError`'s key (str, int,
tuple; from `d[k]`, `d.pop(k)`), an `IndexError`, the `ValueError` of `int("x")`, a
`ZeroDivisionError`, caught by their class or a base (`LookupError`, `ArithmeticError`,
a tuple of classes), `str(e)`/`repr(e)` beside them, and a `KeyError` raised to the
caller (whose `args` the loader rebuilds)."""


def missing_key(d: dict[str, int], k: str) -> str:
    try:
        return str(d[k])
    except KeyError as e:
        return f"args={e.args!r} first={e.args[0]!r} str={e!s} repr={e!r} n={len(e.args)}"


def missing_int_key(d: dict[int, str], k: int) -> int:
    try:
        return len(d[k])
    except KeyError as e:
        key = e.args[0]
        return -1 if key == k else -2


def missing_pair(d: dict[tuple[int, int], float], a: int, b: int) -> str:
    try:
        return str(d[(a, b)])
    except LookupError as e:
        return f"{type(e).__name__}: {e.args!r} {e!r}"


def pop_missing(d: dict[str, int], k: str) -> list[str]:
    out: list[str] = []
    own = dict(d)
    try:
        own.pop(k)
        out.append("popped")
    except KeyError as e:
        out.append(repr(e.args))
    return out


def bad_index(xs: list[int], i: int) -> str:
    try:
        return str(xs[i])
    except IndexError as e:
        return f"{e.args!r} {len(e.args)}"


def parse_all(texts: list[str]) -> list[str]:
    out: list[str] = []
    for t in texts:
        try:
            out.append(str(int(t)))
        except ValueError as e:
            out.append(f"{e.args[0]} | {e!r}")
    return out


def divide(a: int, b: int) -> str:
    try:
        return str(a // b)
    except ArithmeticError as e:
        return repr(e.args)


def first_arg(d: dict[str, int], k: str) -> str:
    try:
        return str(d[k] + int(k))
    except (KeyError, ValueError) as e:
        return repr(e.args[0])


def escape(d: dict[str, int], k: str) -> int:
    return d[k]
