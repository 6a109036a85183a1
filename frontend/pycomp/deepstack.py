"""Runs the front end where deep nesting cannot exhaust Python's stack.

The passes walk the syntax tree and the IR recursively, one Python frame or a
few per level of nesting. Whatever CPython itself compiles (parse.py refuses
the rest with E005) must go through them, so they run on a thread with a
large stack and a recursion limit to match, instead of each pass being
rewritten as an explicit-stack walk.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# CPython compiles expressions up to about 3,000 levels deep (its compiler's
# limit under the default recursion limit); every pass takes a handful of
# frames per level. Stack pages are only touched as they are used.
FRONT_END_RECURSION_LIMIT = 200_000
FRONT_END_STACK_BYTES = 1 << 30

_lock = threading.Lock()
_active = threading.local()


def on_deep_stack(work: Callable[[], T]) -> T:
    """`work()` on a thread with a 1 GiB stack and a raised recursion limit.

    Re-entrant: a call made while already on such a thread runs directly.
    Exceptions propagate to the caller unchanged.
    """
    if getattr(_active, "deep", False):
        return work()
    result: list[T] = []
    error: list[BaseException] = []

    def run() -> None:
        _active.deep = True
        try:
            result.append(work())
        except BaseException as e:  # noqa: BLE001 - re-raised in the calling thread
            error.append(e)

    # The stack size and the recursion limit are process-wide: front ends in
    # one process take turns (the cargo build that follows does not).
    with _lock:
        # The passes build many small objects and free them by reference
        # counting; cyclic collections, which rescan the whole growing heap,
        # made checking a large file quadratic.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        old_limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(old_limit, FRONT_END_RECURSION_LIMIT))
        old_size = threading.stack_size(FRONT_END_STACK_BYTES)
        try:
            thread = threading.Thread(target=run, name="pycomp-front-end")
            thread.start()
            threading.stack_size(old_size)
            thread.join()
        finally:
            threading.stack_size(old_size)
            sys.setrecursionlimit(old_limit)
            if gc_was_enabled:
                gc.enable()
    if error:
        raise error[0]
    return result[0]
