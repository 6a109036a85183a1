"""The time module as inference code uses it: timing a step with perf_counter,
budgets with monotonic, timestamps with time(), back-off with sleep. Results
keep only what does not depend on the clock's reading."""

import time
from time import perf_counter


def timed_total(n: int) -> tuple[int, bool]:
    """A sum timed with perf_counter; ValueError for a negative count."""
    if n < 0:
        raise ValueError(f"n must be non-negative, got {n}")
    t0 = perf_counter()
    total = sum(i * i for i in range(n))
    elapsed = perf_counter() - t0
    return total, elapsed >= 0.0


def within_budget(items: list[str], budget_s: float) -> int:
    """How many items are handled before a monotonic deadline (a generous one here);
    ZeroDivisionError for an empty item."""
    deadline = time.monotonic() + budget_s
    done = 0
    for it in items:
        if time.monotonic() > deadline:
            break
        done += 100 // len(it)
    return done


def retry_backoff(delays: list[float]) -> str:
    """Sleeps each delay; ValueError for a negative one, as time.sleep."""
    start = time.perf_counter_ns()
    for d in delays:
        time.sleep(d)
    spent = time.perf_counter_ns() - start
    return f"slept {len(delays)} times, {spent >= int(sum(delays) * 1e9) - 1000}"


def sleep_whole(seconds: int) -> bool:
    """time.sleep with an int; OverflowError beyond a 64-bit nanosecond count."""
    t0 = time.monotonic_ns()
    time.sleep(seconds)
    return time.monotonic_ns() >= t0


def stamped(label: str, year_floor: int) -> str:
    """A record stamped with time(); the stamp is after `year_floor` (approximately);
    KeyError for an unknown label."""
    codes = {"a": 1, "b": 2}
    now = time.time()
    ns = time.time_ns()
    years = int(now // 31_556_952) + 1970
    return f"{label}:{codes[label]}:{years >= year_floor}:{ns // 1_000_000_000 >= int(now) - 1}"
