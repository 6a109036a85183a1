"""Everyday functions written as a user would (issue 10): a retry wrapper counting
attempts in a global, a memoised recursive scorer, a module-level dispatch table of
lambdas, a streaming chunker, printed progress, a registry of functions, ids
from a global sequence."""

import functools
import sys
import time
from collections.abc import Callable, Iterator

_ATTEMPTS = 0
_STATS: dict[str, int] = {"ok": 0, "failed": 0}


def _flaky(x: int) -> int:
    global _ATTEMPTS
    _ATTEMPTS += 1
    if _ATTEMPTS % 3 != 0:
        raise RuntimeError(f"attempt {_ATTEMPTS} failed")
    return x * 2


def _retry(fn: Callable[[int], int], x: int, tries: int = 3) -> int:
    last = ""
    for i in range(tries):
        try:
            result = fn(x)
            _STATS["ok"] += 1
            return result
        except RuntimeError as e:
            last = str(e)
            print(f"retry {i + 1}/{tries}: {e}")
    _STATS["failed"] += 1
    raise ValueError(f"gave up: {last}")


def fetch_twice(x: int) -> tuple[int, int, int]:
    global _ATTEMPTS
    _ATTEMPTS = 0
    a = _retry(_flaky, x)
    b = _retry(_flaky, x + 1)
    return a, b, _ATTEMPTS


@functools.lru_cache(maxsize=64)
def _score(n: int) -> int:
    if n < 2:
        return n
    return _score(n - 1) + _score(n - 2) * 2


def scores(n: int) -> list[int]:
    return [_score(i) for i in range(n)]


_OPS: dict[str, Callable[[float, float], float]] = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
}


def calc(program: list[tuple[str, float]]) -> float:
    acc = 0.0
    for op, v in program:
        if op not in _OPS:
            raise KeyError(op)
        acc = _OPS[op](acc, v)
    return acc


def chunks(text: str, size: int) -> Iterator[str]:
    if size <= 0:
        raise ValueError("size must be positive")
    buf: list[str] = []
    n = 0
    for word in text.split():
        if n + len(word) > size and buf:
            yield " ".join(buf)
            buf = []
            n = 0
        buf.append(word)
        n += len(word) + 1
    if buf:
        yield " ".join(buf)


def progress(items: list[str]) -> int:
    total = len(items)
    done = 0
    for i, it in enumerate(items, 1):
        done += len(it)
        print(f"\r[{i}/{total}] {it:<8}", end="", flush=True)
    print()
    print(f"done: {done} chars", file=sys.stderr)
    return done


def normalize(text: str, steps: list[str]) -> str:
    registry: dict[str, Callable[[str], str]] = {}
    registry["lower"] = str.lower
    registry["strip"] = str.strip
    registry["squash"] = lambda s: " ".join(s.split())
    for s in steps:
        text = registry[s](text)
    return text


_SEQ = 0


def next_ids(n: int) -> list[str]:
    global _SEQ
    out = []
    for _ in range(n):
        _SEQ += 1
        out.append(f"id-{_SEQ:04d}")
    return out


def timed(xs: list[int]) -> int:
    t0 = time.perf_counter()
    s = sum(x * x for x in xs)
    if time.perf_counter() < t0:
        raise RuntimeError("clock went back")
    return s
