"""`@contextlib.contextmanager` generators in `with` statements (issue 10): setup before
the `yield`, teardown after it, exceptions raised at the `yield` into the generator's
`except`/`finally`, suppression when the generator swallows one, the value bound by
`as`, a generator using another."""

import contextlib
from collections.abc import Generator, Iterator
from contextlib import contextmanager


@contextmanager
def _section(name: str) -> Iterator[str]:
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")


@contextlib.contextmanager
def _tolerant(label: str, limit: int = 2) -> Iterator[int]:
    print("start", label)
    try:
        yield limit * 10
    except ValueError as e:
        print(f"{label}: skipped ({e})")
    print("end", label)


@contextmanager
def _step(name: str, depth: int) -> Generator[int, None, None]:
    print("  " * depth + f"begin {name}")
    yield depth + 1
    print("  " * depth + f"done {name}")


@contextmanager
def _translated(what: str) -> Iterator[None]:
    try:
        yield
    except KeyError as e:
        raise ValueError(f"unknown {what}: {e}") from e


@contextmanager
def _checked(budget: int) -> Iterator[int]:
    if budget < 0:
        raise ValueError(f"negative budget {budget}")
    with _section("budget") as tag:
        print("tag", tag)
        yield budget
    print("budget released")


def render(rows: list[int]) -> str:
    with _section("table") as tag:
        total = 0
        for r in rows:
            total += 100 // r
        return f"{tag}={total}"


def parse_all(items: list[str]) -> int:
    total = 0
    for s in items:
        with _tolerant(s, limit=3) as scale:
            total += int(s) * scale
    return total


def nested_steps(n: int) -> list[int]:
    out: list[int] = []
    with _step("outer", 0) as d1, _step("inner", d1) as d2:
        out.append(d1)
        out.append(d2)
        out.append(10 // n)
    out.append(-1)
    return out


def lookup(table: dict[str, int], keys: list[str]) -> int:
    with _translated("key"):
        return sum(table[k] for k in keys)


def spend(budget: int, costs: list[int]) -> int:
    with _checked(budget) as left:
        for c in costs:
            if c > left:
                raise ValueError(f"cost {c} over budget {left}")
            left -= c
    return left


def first_big(groups: list[list[int]], limit: int) -> int:
    for g in groups:
        with _section(f"group{len(g)}") as tag:
            for x in g:
                if x > limit:
                    print(tag, "found", x)
                    return x
            if not g:
                break
    return -1


def retries(attempts: list[str]) -> list[int]:
    got: list[int] = []
    for a in attempts:
        with _tolerant("attempt"):
            got.append(int(a))
        print("after", a)
    return got


@contextmanager
def _logged(log: list[str], what: str) -> Iterator[None]:
    log.append(f"begin {what}")
    try:
        yield
    except ValueError as e:
        log.append(f"bad {what}: {e}")
    except KeyError:
        log.append(f"missing {what}")
        raise
    finally:
        log.append(f"end {what}")


def convert_all(items: list[str], table: dict[str, int]) -> list[str]:
    log: list[str] = []
    for s in items:
        with _logged(log, s):
            log.append(str(int(s) * table[s]))
    return log
