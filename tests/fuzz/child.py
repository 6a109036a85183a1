"""One fuzz program's calls, in a process of their own: a crash, an abort or a
hang of compiled code ends this process, not the harness.

    python -m tests.fuzz.child BUNDLE SOURCE PLAN.pickle

Prints one JSON line per call before making it (`{"call": ...}`) and one with
its verdict after (`{"ok": ...}` or `{"mismatch": ...}`), so the harness knows
which call a dead process was in.
"""

from __future__ import annotations

import json
import math
import pickle
import sys
from pathlib import Path
from typing import Any

import numpy as np


def outcome(fn: Any, args: list[Any]) -> tuple[str, Any]:
    try:
        return "value", fn(*args)
    except Exception as e:
        return "raise", type(e).__name__


def same(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) ==
                                                      math.copysign(1, b))
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, np.ndarray):
        # the same dtype, shape and items (NaN where NaN, the sign of zeros)
        return a.dtype == b.dtype and a.shape == b.shape and bool(
            np.array_equal(a, b, equal_nan=True) and np.array_equal(np.signbit(a), np.signbit(b)))
    return bool(a == b)


def main() -> int:
    import pycomp

    from tests.fuzz.canon import canon
    from tests.pyref import load_python

    bundle, source, plan_path = sys.argv[1:4]
    plan: list[tuple[str, list[Any]]] = pickle.loads(Path(plan_path).read_bytes())
    compiled = pycomp.load(bundle)
    ref = load_python(Path(source), "fuzz_ref")
    for name, args in plan:
        print(json.dumps({"call": [name, repr(args)[:200]]}), flush=True)
        want = outcome(getattr(ref, name), args)
        if getattr(ref, name).__annotations__.get("return") is float and want[0] == "value" \
                and type(want[1]) is int:
            # `-> float` returning an int: compiled code converts as the annotation says
            want = ("value", float(want[1]))
        got = outcome(getattr(compiled, name), args)
        if want[0] == got[0] and same(want[1], got[1]):
            verdict = "ok"
        elif got == ("raise", "OverflowError"):
            verdict = "int64"  # documented: 64-bit ints raise where CPython's grow
        else:
            verdict = "mismatch"
        # CPython's outcome for the Node child (tests/fuzz/child.js) to be compared with
        try:
            expect = ["value", canon(want[1])] if want[0] == "value" else list(want)
        except TypeError:
            expect = None  # a value with no canonical form: not compared from Node
        print(json.dumps({verdict: [name, repr(args)[:200], repr(want)[:200], repr(got)[:200]],
                          "ref": expect}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
