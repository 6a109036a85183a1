"""The fuzz harness: random programs through check and build, edge-value
arguments through the compiled functions against CPython.

    python -m tests.fuzz.harness --seeds 0:20 --functions 30 --calls 12

Findings are what must never happen: an internal error or a traceback from
`check`, a cargo error for a program `check` accepted, a crash, abort or hang
of the process calling compiled code, or a call whose value or exception class
differs from CPython's (apart from the documented 64-bit `OverflowError`). The
calls are made from Python (tests/fuzz/child.py) and, when Node and koffi are
installed, again from Node through the bundle's binding (tests/fuzz/child.js).
Refusals (diagnostics) are fine: the generator is looser than the subset.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import pickle
import random
import shutil
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from tests.fuzz.canon import tagged
from tests.fuzz.gen import EDGE_ARGS, ProgramGenerator

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Report:
    programs: int = 0
    refused: int = 0
    built: int = 0
    calls: int = 0
    node_calls: int = 0
    int64: int = 0
    findings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.programs} programs ({self.refused} refused with diagnostics, "
                f"{self.built} built), {self.calls} calls ({self.int64} 64-bit OverflowError), "
                f"{self.node_calls} of them also from Node, {len(self.findings)} findings")


def arg_plan(sigs: dict[str, list[str]], calls_per_function: int, seed: int
             ) -> list[tuple[str, list[object]]]:
    rng = random.Random(seed)
    plan: list[tuple[str, list[object]]] = []
    for name, params in sigs.items():
        combos = list(itertools.product(*(EDGE_ARGS[t] for t in params)))
        rng.shuffle(combos)
        plan += [(name, list(c)) for c in combos[:calls_per_function]]
    return plan


def fuzz_one(seed: int, functions: int, calls: int, work: Path, report: Report,
             call_timeout: float = 120.0) -> None:
    from pycomp import driver
    from pycomp.diagnostics import CompileError, InternalError

    source, sigs = ProgramGenerator(seed).module(functions)
    d = work / f"seed{seed}"
    d.mkdir(parents=True, exist_ok=True)
    path = d / f"fuzz{seed}.py"
    path.write_text(source, encoding="utf-8")
    report.programs += 1
    try:
        driver.compile_source(path)
    except CompileError as e:
        # Keep the functions that check: drop the refused ones and retry once.
        bad = {_function_at(source, diag.span.line) for diag in e.diagnostics}
        source, sigs = _without(source, sigs, bad)
        path.write_text(source, encoding="utf-8")
        if not sigs:
            report.refused += 1
            return
        try:
            driver.compile_source(path)
        except CompileError:
            report.refused += 1
            return
        except Exception:
            report.findings.append(f"seed {seed}: check raised\n{traceback.format_exc()}")
            return
    except Exception:
        report.findings.append(f"seed {seed}: check raised\n{traceback.format_exc()}")
        return
    try:
        bundle = driver.build(path, d / "bundle")
    except InternalError as e:
        report.findings.append(f"seed {seed}: cargo failed on a checked program: {e}"[:4000])
        return
    except Exception:
        report.findings.append(f"seed {seed}: build raised\n{traceback.format_exc()}")
        return
    report.built += 1
    plan = arg_plan(sigs, calls, seed)
    # pickled: sets, tuples and NaN go through as they are
    plan_path = d / "plan.pickle"
    plan_path.write_bytes(pickle.dumps(plan))
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    try:
        proc = subprocess.run([sys.executable, "-m", "tests.fuzz.child", str(bundle), str(path),
                               str(plan_path)], capture_output=True, text=True,
                              timeout=call_timeout, env=env, cwd=ROOT, check=False)
        out, rc = proc.stdout, proc.returncode
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        rc = None
    last_call = None
    expected: list[object] = []  # the outcome per call from Python, for the Node child
    for line in out.splitlines():
        rec = json.loads(line)
        if "call" in rec:
            last_call = rec["call"]
            continue
        report.calls += 1
        expected.append(rec.get("ref"))
        if "int64" in rec:
            report.int64 += 1
        elif "mismatch" in rec:
            report.findings.append(f"seed {seed}: differs from CPython: {rec['mismatch']}")
    if rc is None:
        report.findings.append(f"seed {seed}: hang (over {call_timeout} s) in {last_call}")
    elif rc != 0:
        report.findings.append(f"seed {seed}: the calling process died (status {rc}) in "
                               f"{last_call}: {proc.stderr[-2000:]}")
    elif node_available():
        fuzz_node(seed, bundle, plan, expected, d, report, call_timeout)


def node_available() -> bool:
    """Node and the koffi package (`npm ci`; scripts/install.sh installs both)."""
    return shutil.which("node") is not None and (ROOT / "node_modules" / "koffi").exists()


def fuzz_node(seed: int, bundle: Path, plan: list[tuple[str, list[object]]],
              expected: list[object], d: Path, report: Report, call_timeout: float) -> None:
    """The same calls from Node through the bundle's koffi binding (tests/fuzz/child.js):
    exactly the value or exception class the same call gave from Python (itself
    compared with CPython), one library behind both bindings."""
    plan_path = d / "plan.json"
    plan_path.write_text(json.dumps([[name, [tagged(a) for a in args]] for name, args in plan]))
    env = dict(os.environ, NODE_PATH=str(ROOT / "node_modules"))
    try:
        proc = subprocess.run(["node", str(ROOT / "tests" / "fuzz" / "child.js"), str(bundle),
                               str(plan_path)], capture_output=True, text=True,
                              timeout=call_timeout, env=env, cwd=ROOT, check=False)
        out, rc = proc.stdout, proc.returncode
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        rc = None
    last_call = None
    got = iter(expected)
    for line in out.splitlines():
        rec = json.loads(line)
        if "call" in rec:
            last_call = rec["call"]
            continue
        want = next(got, None)
        report.node_calls += 1
        outcome = ["raise", rec["raise"]] if "raise" in rec else ["value", rec["value"]]
        if want is None or outcome == want:
            continue
        report.findings.append(f"seed {seed}: from Node, differs from Python in {last_call}: "
                               f"{json.dumps(want)[:300]} != {json.dumps(outcome)[:300]}")
    if rc is None:
        report.findings.append(f"seed {seed}: Node hang (over {call_timeout} s) in {last_call}")
    elif rc != 0:
        report.findings.append(f"seed {seed}: the Node process died (status {rc}) in "
                               f"{last_call}: {proc.stderr[-2000:]}")


def _function_at(source: str, line: int) -> str | None:
    name = None
    for i, text in enumerate(source.splitlines(), 1):
        if text.startswith("def "):
            name = text[4:text.index("(")]
        if i == line:
            return name
    return None


def _without(source: str, sigs: dict[str, list[str]], bad: set[str | None]
             ) -> tuple[str, dict[str, list[str]]]:
    keep: list[str] = []
    skipping = False
    for text in source.splitlines():
        if text.startswith("def "):
            skipping = text[4:text.index("(")] in bad
        elif text and not text.startswith((" ", "\t")):
            skipping = False
        if not skipping:
            keep.append(text)
    return "\n".join(keep) + "\n", {k: v for k, v in sigs.items() if k not in bad}


def run(seeds: range, functions: int, calls: int, work: Path, budget_s: float | None = None
        ) -> Report:
    report = Report()
    start = time.monotonic()
    for seed in seeds:
        if budget_s is not None and time.monotonic() - start > budget_s:
            break
        fuzz_one(seed, functions, calls, work, report)
    return report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="0:10", help="START:STOP")
    ap.add_argument("--functions", type=int, default=30, help="functions per program")
    ap.add_argument("--calls", type=int, default=12, help="edge-value calls per function")
    ap.add_argument("--work", type=Path, default=ROOT / "out" / "fuzz")
    ap.add_argument("--budget", type=float, default=None, help="stop after this many seconds")
    args = ap.parse_args()
    a, b = (int(x) for x in args.seeds.split(":"))
    report = run(range(a, b), args.functions, args.calls, args.work, args.budget)
    for f in report.findings:
        print(f, end="\n\n")
    print(report.summary())
    return 1 if report.findings else 0


if __name__ == "__main__":
    sys.exit(main())
