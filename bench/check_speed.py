"""How fast `pycomp check` is on a big file: lines per CPU-second.

The differential corpus (tests/diff/cases/*.py) replicated with renamed
top-level names into one file of about `--lines` lines (imports once, at the
top), then parse, lower and type inference on it, as `pycomp check` runs them.
CPU time (time.process_time), so a loaded machine measures the same work.
Prints the speed and its ratio to the target of 50,000 lines per second
(issue 16).

    python bench/check_speed.py [--lines 10000] [--profile] [--stages] [--repeat 1]

`--stages` also prints each pass's CPU-seconds and its own lines per second
(parse includes CPython's whole-file `compile()` for E005). `--repeat N`
checks the file N times and keeps each figure's best (least) CPU time: on a
loaded machine one run's figure varies by a quarter, the best of five much less.
"""

from __future__ import annotations

import argparse
import ast
import cProfile
import io
import pstats
import re
import tempfile
import time
import tokenize
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pycomp import driver

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "diff" / "cases"
TARGET = 50_000


def top_level_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def renamed(source: str, names: set[str], suffix: str) -> str:
    """`source` with every top-level name (not an attribute) spelled name+suffix."""
    out = []
    prev = None
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.NAME and tok.string in names and not (
                prev is not None and prev.string == "."):
            tok = tok._replace(string=tok.string + suffix)
        elif (tok.type == tokenize.STRING and tok.string[0] in "'\""
              and re.fullmatch(r"[\w\[\], .|]+", tok.string[1:-1])):
            # a named tuple's type name, `Entry = NamedTuple("Entry", ...)`, or a
            # string annotation, `"List[Vector]"`
            tok = tok._replace(string=re.sub(
                r"(?<![.\w])(\w+)", lambda m: m[1] + suffix if m[1] in names else m[1],
                tok.string))
        elif tok.type == tokenize.STRING and "f" in tok.string.split("'")[0].split('"')[0].lower():
            # an f-string is one token before Python 3.12: its names too
            tok = tok._replace(string=re.sub(
                r"(?<![.\w])(\w+)", lambda m: m[1] + suffix if m[1] in names else m[1],
                tok.string))
        out.append(tok)
        if tok.type not in (tokenize.NL, tokenize.COMMENT):
            prev = tok
    return tokenize.untokenize(out)


def corpus(lines: int) -> str:
    imports: list[str] = []
    bodies: list[tuple[str, set[str]]] = []
    for path in sorted(CASES.glob("*.py")):
        text = path.read_text()
        tree = ast.parse(text)
        lines_of = text.splitlines()
        # top-level imports, each whole (one may continue over lines: `import a, \`)
        taken: set[int] = set()
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                stmt = "\n".join(lines_of[node.lineno - 1:node.end_lineno])
                if stmt not in imports:
                    imports.append(stmt)
                taken.update(range(node.lineno - 1, node.end_lineno or node.lineno))
        keep = [line for i, line in enumerate(lines_of) if i not in taken]
        bodies.append(("\n".join(keep) + "\n", top_level_names(tree)))
    parts = ["\n".join(imports) + "\n"]
    total = len(imports)
    k = 0
    while total < lines:
        # per file and copy: two files may define the same top-level name
        for j, (body, names) in enumerate(bodies):
            text = renamed(body, names, f"_r{k}f{j}")
            parts.append(text)
            total += text.count("\n")
        k += 1
    return "\n".join(parts)


# The passes `driver._compile_source` runs, timed one by one (`--stages`).
PASSES = ("parse_source", "lower_module", "hoist_instance_resources",
          "fold_module_resource_paths", "infer_types", "check_aliasing",
          "check_module_instances", "check_generator_values", "check_exception_fields",
          "check_groupby_groups", "verify_module", "check_int_floats")


def time_passes() -> dict[str, float]:
    """Wrap each pass as the driver calls it: CPU-seconds per pass, filled as they run."""
    cpu: dict[str, float] = {}

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                cpu[name] = cpu.get(name, 0.0) + time.process_time() - start
        return run

    for name in PASSES:
        setattr(driver, name, timed(name, getattr(driver, name)))
    return cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--lines", type=int, default=10_000)
    ap.add_argument("--profile", action="store_true", help="print the top of a cProfile")
    ap.add_argument("--stages", action="store_true", help="print CPU-seconds per pass")
    ap.add_argument("--repeat", type=int, default=1, help="best of N checks")
    args = ap.parse_args()
    text = corpus(args.lines)
    n = text.count("\n")
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory() as tmp:
        # The op library loads once per process: not part of the speed.
        small = Path(tmp) / "small.py"
        small.write_text("def f(x: int) -> int:\n    return x + 1\n")
        driver.compile_source(small)
        run_cpu = time_passes() if args.stages else {}
        cpu_of: dict[str, float] = {}
        path = Path(tmp) / "big.py"
        path.write_text(text)
        prof = cProfile.Profile() if args.profile else None
        cpu = float("inf")
        for _ in range(max(1, args.repeat)):
            run_cpu.clear()
            start = time.process_time()
            if prof is not None:
                prof.enable()
            timings = driver.Timings()
            if prof is None:
                driver.compile_source(path, timings=timings)
            else:
                # on this thread, where the profile sees it (the corpus is not deeply nested)
                driver._compile_source(path, None, timings)
            if prof is not None:
                prof.disable()
            cpu = min(cpu, time.process_time() - start)
            for name, seconds in run_cpu.items():
                cpu_of[name] = min(cpu_of.get(name, seconds), seconds)
    speed = n / cpu
    stages = ", ".join(f"{k} {v:.2f} s" for k, v in timings.stages.items())
    print(f"{n} lines in {cpu:.2f} CPU-s ({stages}): {speed:,.0f} lines/s, "
          f"{speed / TARGET:.2f}x the target of {TARGET:,}")
    for name, seconds in sorted(cpu_of.items(), key=lambda kv: -kv[1]):
        print(f"  {name:28} {seconds:6.2f} CPU-s  {100 * seconds / cpu:4.1f}%  "
              f"{n / seconds:9,.0f} lines/s")
    if prof is not None:
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
