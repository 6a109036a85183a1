"""`pycomp ops`: list the op library, find calls without an op, run the op harness."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from pycomp.opslib import load_library


def cmd_list(args: argparse.Namespace) -> int:
    lib = load_library()
    for op in lib.ops:
        print(f"{op.name}{op.sig}")
    print(f"{len(lib.ops)} ops", file=sys.stderr)
    return 0


def cmd_missing(args: argparse.Namespace) -> int:
    from pycomp import driver
    from pycomp.diagnostics import CompileError

    try:
        driver.compile_source(args.file)
    except CompileError as e:
        missing = [d for d in e.diagnostics if d.code in ("E040", "E041")]
        for d in missing:
            print(f"{d.span.file}:{d.span.line}:{d.span.col}: {d.message.removeprefix('no op for ')}")
        others = len(e.diagnostics) - len(missing)
        if others:
            print(f"({others} other diagnostics; see `pycomp check {args.file}`)", file=sys.stderr)
        return 1 if missing else 0
    print("every call has an op", file=sys.stderr)
    return 0


def cmd_test(args: argparse.Namespace) -> int:
    from pycomp.opstest import run_all

    lib = load_library()
    files = None
    if args.names:
        wanted = set(args.names)
        files = sorted({op.file for op in lib.ops if op.name in wanted or op.file in wanted})
    work = Path(tempfile.mkdtemp(prefix="pycomp-ops-"))
    reports = run_all(work, files)
    failed = passed = skipped = 0
    for r in reports:
        for o in r.outcomes:
            if args.names and r.file not in args.names and o.case.op.name not in args.names:
                continue
            if o.ok:
                passed += 1
            else:
                failed += 1
                print(f"FAIL {r.file} {o.case.op.name}[{o.case.index}] "
                      f"{o.case.args!r}: {o.detail}")
        skipped += len(r.skipped)
        if args.verbose:
            for s in r.skipped:
                print(f"skip {s}")
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("ops", help="the op library")
    ops = p.add_subparsers(dest="ops_command", required=True)
    q = ops.add_parser("list", help="one op per line: its Python name and signature")
    q.set_defaults(func=cmd_list)
    q = ops.add_parser("missing", help="calls in a file that have no op")
    q.add_argument("file")
    q.set_defaults(func=cmd_missing)
    q = ops.add_parser("test", help="run the differential harness on the ops' vectors")
    q.add_argument("names", nargs="*", help="op names or opslib files (default: all)")
    q.add_argument("-v", "--verbose", action="store_true")
    q.set_defaults(func=cmd_test)
