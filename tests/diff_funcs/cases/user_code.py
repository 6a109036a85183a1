"""Function-model code as users write it (issue 10, trialC): `print(*xs, sep=...)`,
`if headers:` of an optional dict or list, `json.load(f)` of a file the function wrote,
try/except/else/finally in a loop whose `else` formats what the body assigned, a
list filled with `extend` from an object's list field, `if exc_type:` in `__exit__`, a
generic tracing decorator stacked on one keeping the name by `functools.wraps`, and a
module counter a constructor advances."""

import functools
import json
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def print_row(cells: list[str], sep: str) -> int:
    print(*cells)
    print(*cells, sep=sep, end=".\n")
    print("row:", len(cells), *cells, sep=" | ")
    print(*[c.upper() for c in cells], sep="")
    print(*range(len(cells)))
    return len(cells)


def print_numbers(xs: list[float]) -> None:
    print(*xs, sep=", ")
    print(*(x / len(xs) for x in xs))


def request_headers(headers: dict[str, str] | None, extra: list[str] | None) -> list[str]:
    h = dict(headers) if headers else {}
    h.setdefault("Accept", "application/json")
    out = [f"{k}: {v}" for k, v in h.items()]
    if extra:
        out.extend(extra)
    if not extra:
        out.append("no extra")
    if headers and "Authorization" not in headers:
        raise PermissionError("missing Authorization")
    return out


def tag_counts(tags: set[str] | None) -> int:
    return len(tags) if tags else -1


def save_and_load(path: str, labels: list[str], raw: str) -> str:
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps({"labels": labels, "n": len(labels)}) if not raw else raw)
    with open(path, encoding="utf-8") as f:
        cfg = json.load(f)
    return f"{cfg['n']} {cfg['labels']}"


def _parse(r: dict[str, str]) -> dict[str, float]:
    if "temperature" not in r:
        raise KeyError("temperature")
    return {k: float(v) for k, v in r.items()}


def check_many(reqs: list[dict[str, str]]) -> list[str]:
    results = []
    for i, r in enumerate(reqs):
        try:
            v = _parse(r)
        except KeyError as e:
            results.append(f"{i}: missing {e}")
        except ValueError as e:
            results.append(f"{i}: {e}")
        else:
            results.append(f"{i}: ok {v}")
        finally:
            results.append("-")
    return results


class _Recorder:
    def __init__(self, name: str) -> None:
        self.name = name
        self.log: list[str] = []

    def __enter__(self) -> "_Recorder":  # noqa: PYI034 - compiled classes name themselves
        self.log.append(f"enter {self.name}")
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: object) -> bool:
        self.log.append(f"exit {self.name}" + (f" {exc_type.__name__}: {exc}" if exc_type
                                               else ""))
        return exc_type is not None and issubclass(exc_type, KeyError)


def run_steps(steps: list[str]) -> list[str]:
    log: list[str] = []
    for s in steps:
        rec = _Recorder(s)
        with rec:
            if s.startswith("key"):
                raise KeyError(s)
            if s.startswith("bad"):
                raise ValueError(f"step {s} failed")
            log.append(f"ran {s}")
        log.extend(rec.log)
    return log


def _traced(fn: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        print(f"-> {fn.__name__}")
        try:
            result = fn(*args, **kwargs)
        except Exception as e:
            print(f"<- {fn.__name__} raised {type(e).__name__}")
            raise
        print(f"<- {fn.__name__} = {result!r}")
        return result
    return wrapper


def _positive(fn: Callable[[int], int]) -> Callable[[int], int]:
    @functools.wraps(fn)
    def wrapper(n: int) -> int:
        if n < 0:
            raise ValueError(f"needs n >= 0, got {n}")
        return fn(n)
    return wrapper


@_traced
@_positive
def pad_to(n: int) -> int:
    return (n + 7) // 8 * 8


_NEXT_ID = 1


class _Entity:
    def __init__(self, name: str) -> None:
        global _NEXT_ID
        if not name:
            raise ValueError("empty name")
        self.id = _NEXT_ID
        _NEXT_ID += 1
        self.name = name


def register(names: list[str]) -> list[str]:
    """A module counter a constructor advances (`global` in `__init__`)."""
    first = _NEXT_ID
    made = [_Entity(n) for n in names]
    return [f"{e.id - first}:{e.name}" for e in made]
