"""The call-overhead table: the same functions (bench/boundary/kernels.py)
called from Python as pure Python, as a mypyc extension built from the same
file, and as a pycomp bundle, on the same inputs, results asserted equal.

    python bench/boundary/run.py            # release build of the bundle
    python bench/boundary/run.py --quick    # fewer repeats
    python bench/boundary/run.py --cpu      # CPU time, on a shared machine

Prints, per call, the median time of each and the ratios pycomp/mypyc and
pycomp/Python. Run by hand; never a timed test.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "kernels.py"

TEXTS = [f"word{i % 97} and more" for i in range(1000)]
FLOATS = [i * 0.5 for i in range(1000)]


def spans(mod: Any) -> tuple[Any, ...]:
    """100 `Span` objects of module `mod` (mypyc takes only its own class; the pure
    module's objects are given to pycomp, as a caller's own objects would be)."""
    return ([mod.Span("tok", i, i + 3) for i in range(100)],)


def shapes(mod: Any) -> tuple[Any, ...]:
    return ([mod.Circle("c", 1.5) if i % 2 else mod.Square("s", 2.0) for i in range(100)],)


# (label, function, its arguments: a tuple, or a function of the module called)
CALLS: list[tuple[str, str, tuple[Any, ...] | Callable[[Any], tuple[Any, ...]]]] = [
    ("add(1, 2)", "add", (1, 2)),
    ("echo('hello')", "echo", ("hello",)),
    ("count_chars(1,000 str)", "count_chars", (TEXTS,)),
    ("total(1,000 float)", "total", (FLOATS,)),
    ("scale(1,000 float, 2.0)", "scale", (FLOATS, 2.0)),
    ("span_width(100 records)", "span_width", spans),
    ("make_spans(100) records", "make_spans", (100,)),
    ("total_area(100 family)", "total_area", shapes),
    ("make_shapes(100) family", "make_shapes", (100,)),
]


def load_source(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def build_mypyc(work: Path) -> ModuleType | None:
    """kernels.py compiled by mypyc, imported; None if mypyc cannot build here."""
    src = work / "mypyc_build"
    src.mkdir()
    shutil.copy2(SOURCE, src / "kernels.py")
    proc = subprocess.run([sys.executable, "-m", "mypyc", "kernels.py"], cwd=src,
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        print(f"mypyc failed, its column is left out:\n{proc.stderr[-2000:]}", file=sys.stderr)
        return None
    sys.path.insert(0, str(src))
    try:
        import kernels as compiled  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    assert compiled.__file__ and not compiled.__file__.endswith(".py"), compiled.__file__
    return compiled  # type: ignore[no-any-return]


def per_call(fn: Callable[..., Any], args: tuple[Any, ...], repeat: int,
             cpu: bool = False) -> float:
    """Median seconds per call over `repeat` timings (of CPU time with `cpu`)."""
    timer = timeit.Timer(lambda: fn(*args), timer=time.process_time if cpu else time.perf_counter)
    number, _ = timer.autorange()
    return statistics.median(timer.repeat(repeat=repeat, number=number)) / number


def fmt(seconds: float) -> str:
    if seconds < 1e-6:
        return f"{seconds * 1e9:8.0f} ns"
    return f"{seconds * 1e6:8.2f} us"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="3 repeats instead of 9")
    ap.add_argument("--debug", action="store_true", help="a debug build of the bundle")
    ap.add_argument("--cpu", action="store_true",
                    help="time by the process's CPU time (a machine shared with other jobs)")
    opts = ap.parse_args()
    repeat = 3 if opts.quick else 9
    import pycomp

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pure = load_source(SOURCE, "kernels_py")
        compiled = build_mypyc(work)
        os.environ.setdefault("PYCOMP_PROFILE", "debug" if opts.debug else "release")
        bundle = pycomp.load(pycomp.build(SOURCE, work / "bundle", release=not opts.debug))
        print(f"{'call':26} {'Python':>11} {'mypyc':>11} {'pycomp':>11} "
              f"{'pycomp/mypyc':>13} {'pycomp/Python':>14}")
        for label, name, given in CALLS:
            impls: dict[str, Callable[..., Any]] = {"python": getattr(pure, name),
                                                    "pycomp": getattr(bundle, name)}
            modules = {"python": pure, "pycomp": pure}
            if compiled is not None:
                impls["mypyc"] = getattr(compiled, name)
                modules["mypyc"] = compiled
            args = {k: given if isinstance(given, tuple) else given(modules[k]) for k in impls}
            # instances of the three classes compare by their repr
            want = repr(impls["python"](*args["python"]))
            for impl, fn in impls.items():
                got = repr(fn(*args[impl]))
                assert got == want, f"{impl} {label}: {got} != {want}"
            # Take turns, so drift of the machine hits each alike.
            times: dict[str, list[float]] = {k: [] for k in impls}
            for _ in range(3):
                for impl, fn in impls.items():
                    times[impl].append(per_call(fn, args[impl], repeat, opts.cpu))
            t = {k: min(v) for k, v in times.items()}
            my = t.get("mypyc")
            print(f"{label:26} {fmt(t['python'])} {fmt(my) if my else '        -  '} "
                  f"{fmt(t['pycomp'])} {t['pycomp'] / my if my else float('nan'):12.2f}x "
                  f"{t['pycomp'] / t['python']:13.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
