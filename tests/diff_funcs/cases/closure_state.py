"""Functions returned from functions that keep state across calls (issue 10): the
closure's variables live in cells shared by every call of the function value and by
the function that made it (CPython's closure cells), and two factory calls make two
independent states.
"""

from collections.abc import Callable


def _make_counter(start: int, step: int) -> Callable[[], int]:
    count = start

    def tick() -> int:
        nonlocal count
        count += step
        return count

    return tick


def counters(start: int, step: int, n: int) -> list[int]:
    a = _make_counter(start, step)
    b = _make_counter(100, 1)
    out = [a() for _ in range(n)]
    out.append(b())
    out.append(a())
    return out


def _make_averager() -> Callable[[float], float]:
    history: list[float] = []

    def add(x: float) -> float:
        history.append(x)
        return sum(history) / len(history)

    return add


def running_averages(xs: list[float]) -> list[float]:
    avg = _make_averager()
    return [round(avg(x), 4) for x in xs]


def _make_vocab() -> Callable[[str], int]:
    ids: dict[str, int] = {}

    def lookup(tok: str) -> int:
        if tok not in ids:
            if len(ids) >= 4:
                raise KeyError(f"vocabulary full at {tok!r}")
            ids[tok] = len(ids)
        return ids[tok]

    return lookup


def encode_words(text: str) -> list[int]:
    enc = _make_vocab()
    return [enc(w) for w in text.split()]


def _make_limiter(budget: int) -> Callable[[str], str]:
    used = 0

    def take(s: str) -> str:
        nonlocal used
        if used + len(s) > budget:
            raise ValueError(f"budget {budget} exceeded after {used} chars")
        used += len(s)
        return f"{s}@{used}"

    return take


def spend(parts: list[str], budget: int) -> list[str]:
    take = _make_limiter(budget)
    return [take(p) for p in parts]


def _make_pair(seed: int) -> tuple[Callable[[], int], Callable[[int], None]]:
    value = seed

    def get() -> int:
        return value

    def put(v: int) -> None:
        nonlocal value
        value = v

    return get, put


def shared_between_two(seed: int, updates: list[int]) -> list[int]:
    get, put = _make_pair(seed)
    seen = [get()]
    for u in updates:
        put(u)
        seen.append(get())  # `get` sees what `put` stored: one cell
    return seen


def _make_stack() -> Callable[[str], list[str]]:
    items: list[str] = []

    def push(s: str) -> list[str]:
        if s == "pop":
            items.pop()  # IndexError: pop from empty list, as in CPython
        else:
            items.append(s)
        return list(items)

    return push


def stack_ops(ops: list[str]) -> list[list[str]]:
    push = _make_stack()
    return [push(o) for o in ops]
