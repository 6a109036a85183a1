"""`threading.Lock` / `RLock` (issue 10): `with lock:` released on every way out
(an exception included: a lock left held would make the next call wait forever),
acquire/release by hand, CPython's RuntimeError for releasing a free lock."""

import threading

_LOCK = threading.Lock()
_RLOCK = threading.RLock()


def guarded_total(xs: list[int]) -> int:
    total = 0
    with _LOCK:
        for x in xs:
            total += 10 // x
    return total


def early_return(xs: list[str]) -> str:
    with _LOCK:
        for s in xs:
            if s.startswith("#"):
                return s
    return "" if not _LOCK.locked() else "held"


def states(release_twice: bool) -> list[bool]:
    lock = threading.Lock()
    out = [lock.locked()]
    with lock as got:
        out.append(got)
        out.append(lock.locked())
    out.append(lock.locked())
    lock.acquire()
    lock.release()
    if release_twice:
        lock.release()
    return out


def nested_rlock(depth: int) -> int:
    with _RLOCK, _RLOCK:
        if depth < 0:
            raise ValueError(f"negative depth {depth}")
        return depth * 2
