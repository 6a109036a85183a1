"""One fuzz program's calls, in a process of their own: a crash, an abort or a
hang of compiled code ends this process, not the harness.

    python -m tests.fuzz.child BUNDLE SOURCE PLAN.pickle

Prints one JSON line per call before making it (`{"call": ...}`) and one with
its verdict after (`{"ok": ...}` or `{"mismatch": ...}`), so the harness knows
which call a dead process was in.
"""

from __future__ import annotations

import inspect
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


# numpy's float math may round differently in the last place (float32 ufuncs are
# SIMD code in numpy): values computed with numpy compare with the tolerance of the
# numpy differential tests (tests/diff_numpy), everything else exactly.
RTOL, ATOL = 1e-5, 1e-6


def same(a: Any, b: Any, numpy: bool = False) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        if numpy and math.isclose(a, b, rel_tol=RTOL, abs_tol=ATOL):
            return True
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y, numpy) for x, y in zip(a, b))
    if isinstance(a, np.ndarray):
        # the same dtype, shape and items (NaN where NaN, infinities, the sign of zeros)
        return a.dtype == b.dtype and a.shape == b.shape and bool(
            np.allclose(a, b, rtol=RTOL, atol=ATOL, equal_nan=True)
            and np.array_equal(np.isnan(a), np.isnan(b)) and np.array_equal(
                np.where(np.isfinite(a), 0, a), np.where(np.isfinite(b), 0, b), equal_nan=True))
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
        if want[0] == got[0] and same(want[1], got[1], "np." in inspect.getsource(
                getattr(ref, name))):
            verdict = "ok"
        elif got == ("raise", "OverflowError"):
            verdict = "int64"  # documented: 64-bit ints raise where CPython's grow
        else:
            verdict = "mismatch"
        # what the Node child (tests/fuzz/child.js) must get through the same library:
        # exactly the outcome of this call from Python (compared with CPython above)
        try:
            expect = ["value", canon(got[1])] if got[0] == "value" else list(got)
        except TypeError:
            expect = None  # a value with no canonical form: not compared from Node
        print(json.dumps({verdict: [name, repr(args)[:200], repr(want)[:200], repr(got)[:200]],
                          "ref": expect}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
