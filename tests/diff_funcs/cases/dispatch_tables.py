"""Functions stored by the function they are given to (issue 10): a `Callable` parameter
put into a dict (`table[name] = fn`, a dispatch table a `register` helper returns),
appended to a list, or bound to another name, then called from there; a module
table's `.get(name)`, tested for None, then called (issue 11)."""

from collections.abc import Callable


def _double(x: int) -> int:
    return x * 2


def _neg(x: int) -> int:
    if x == 0:
        raise ValueError("zero has no sign")
    return -x


def _registered(table: dict[str, Callable[[int], int]], name: str,
                fn: Callable[[int], int]) -> dict[str, Callable[[int], int]]:
    out = dict(table)
    if name in out:
        raise KeyError(f"{name} is already registered")
    out[name] = fn
    return out


def _repeated(fn: Callable[[int], int], times: int) -> list[Callable[[int], int]]:
    out = []
    for _ in range(times):
        out.append(fn)
    return out


def _aliased(fn: Callable[[int], int], x: int) -> int:
    chosen = fn
    return chosen(chosen(x))


def dispatch(op: str, x: int) -> int:
    table: dict[str, Callable[[int], int]] = {}
    table = _registered(table, "double", _double)
    table = _registered(table, "neg", _neg)
    table = _registered(table, "square", lambda v: v * v)
    return table[op](x)


def registered_twice(name: str) -> list[str]:
    table = _registered({}, "double", _double)
    table = _registered(table, name, _neg)
    return sorted(table)


def pipeline(x: int, doubles: int) -> list[int]:
    steps = _repeated(_double, doubles) + _repeated(_neg, 1)
    out = [x]
    for step in steps:
        out.append(step(out[-1]))
    return out


def twice(x: int, negate: bool) -> int:
    return _aliased(_neg if negate else _double, x)


COMMANDS: dict[str, Callable[[list[str]], str]] = {
    "upper": lambda args: " ".join(a.upper() for a in args),
    "sum": lambda args: str(sum(int(a) for a in args)),
}


def route(command: str) -> str:
    name, *args = command.split()
    handler = COMMANDS.get(name)
    if handler is None:
        raise KeyError(f"unknown command {name!r}; known: {', '.join(sorted(COMMANDS))}")
    return handler(args)
