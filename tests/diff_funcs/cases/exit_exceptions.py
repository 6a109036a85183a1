"""`__exit__` given the real exception (issue 10): a timer that logs the failure, a
transaction that rolls back, a suppressor of some classes only, an `__exit__` that
translates the exception, `type(e).__name__` in handlers."""

import json
from types import TracebackType


class Timer:
    def __init__(self, name: str) -> None:
        self.name = name
        self.log: list[str] = []

    def __enter__(self) -> "Timer":  # noqa: PYI034 - compiled classes name themselves
        self.log.append(f"start {self.name}")
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self.log.append(f"done {self.name}")
        else:
            self.log.append(f"failed {self.name}: {exc_type.__name__}: {exc}")
            print(f"[{self.name}] {exc_type.__name__}", exc)


class ValidationError(ValueError):
    pass


class Transaction:
    def __init__(self, store: dict[str, int]) -> None:
        self.store = dict(store)
        self.saved: dict[str, int] = {}
        self.outcome = "open"

    def __enter__(self) -> "Transaction":  # noqa: PYI034 - compiled classes name themselves
        self.saved = dict(self.store)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> bool:
        if exc is None:
            self.outcome = "committed"
            return False
        self.store.clear()
        self.store.update(self.saved)
        self.outcome = f"rolled back ({exc})"
        # a validation failure is handled here; anything else goes on
        return isinstance(exc, ValidationError)


class Swallow:
    def __init__(self) -> None:
        self.swallowed: list[str] = []

    def __enter__(self) -> "Swallow":  # noqa: PYI034 - compiled classes name themselves
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> bool:
        if exc_type is not None and issubclass(exc_type, (KeyError, IndexError)):
            self.swallowed.append(f"{exc_type.__name__}({exc})")
            return True
        return False


class Translate:
    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is not None and issubclass(exc_type, LookupError):
            raise ValueError(f"bad reference: {exc}") from exc


def timed(values: list[int]) -> list[str]:
    t = Timer("div")
    try:
        with t:
            for v in values:
                t.log.append(str(100 // v))
    except ZeroDivisionError:
        t.log.append("caught")
    return t.log


def nested_timers(values: list[str]) -> list[str]:
    outer = Timer("outer")
    inner = Timer("inner")
    try:
        with outer, inner:
            total = sum(int(v) for v in values)
            inner.log.append(f"total {total}")
    except ValueError as e:
        outer.log.append(f"handled {type(e).__name__}")
    return outer.log + inner.log


def apply_updates(store: dict[str, int], updates: list[tuple[str, int]]) -> tuple[dict[str, int], str]:
    tx = Transaction(store)
    with tx:
        for key, delta in updates:
            if key not in tx.store:
                raise ValidationError(f"unknown key {key!r}")
            tx.store[key] += delta
            if tx.store[key] < 0:
                raise RuntimeError(f"{key} would go negative")
    return dict(tx.store), tx.outcome


def lookups(table: dict[str, list[int]], queries: list[tuple[str, int]]) -> tuple[list[int], list[str]]:
    guard = Swallow()
    found: list[int] = []
    for name, i in queries:
        with guard:
            found.append(10 // table[name][i])
    return found, list(guard.swallowed)


def resolve(table: dict[str, str], key: str) -> str:
    with Translate():
        return table[key].upper()


def describe(text: str) -> str:
    try:
        return str(json.loads(text)["n"] + 1)
    except Exception as e:
        return f"{type(e).__name__}: {e}"
