"""`pycomp ops`: list the op library, find calls without an op, run the op harness,
draft a new op with an LLM (`synth`), write docs/ops.md (`doc`)."""

from __future__ import annotations

import argparse
import os
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


def cmd_synth(args: argparse.Namespace) -> int:
    from pycomp.synth import SynthError, entry_text, litellm_complete, synth

    if args.attempts < 1:
        print("error: --attempts must be at least 1", file=sys.stderr)
        return 2
    def log(msg: str) -> None:
        print(msg, file=sys.stderr)

    try:
        complete = litellm_complete(args.model, args.api_base)
        result = synth(args.name, complete, attempts=args.attempts, write=not args.dry_run,
                       force=args.force, log=log)
    except SynthError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if result.admitted and result.entry is not None:
        if args.dry_run:
            print(entry_text(result.entry), end="")
        else:
            from pycomp.opsdoc import default_path, render
            from pycomp.opslib import opslib_dir, repo_root

            if opslib_dir().resolve() == (repo_root() / "opslib").resolve():
                default_path().write_text(render(), encoding="utf-8")
                log(f"updated {default_path()}")
        return 0
    last = result.attempts[-1].error if result.attempts else "no attempt"
    print(f"rejected {args.name} after {len(result.attempts)} attempt(s); the last:\n{last}",
          file=sys.stderr)
    return 1


def cmd_doc(args: argparse.Namespace) -> int:
    from pycomp.opsdoc import default_path, render

    text = render()
    out = Path(args.output) if args.output else default_path()
    if args.check:
        current = out.read_text(encoding="utf-8") if out.exists() else ""
        if current != text:
            print(f"{out} is out of date: run `pycomp ops doc`", file=sys.stderr)
            return 1
        print(f"{out} is up to date", file=sys.stderr)
        return 0
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)
    return 0


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
    q = ops.add_parser("synth", help="draft an op with an LLM (litellm), test it against "
                       "CPython and add it to the library")
    q.add_argument("name", help="the op's name: str.isidentifier, math.remainder, len, ...")
    q.add_argument("--model", default=os.environ.get("PYCOMP_SYNTH_MODEL", "gpt-4o-mini"),
                   help="a litellm model name (default: $PYCOMP_SYNTH_MODEL or gpt-4o-mini)")
    q.add_argument("--api-base", default=os.environ.get("PYCOMP_SYNTH_API_BASE"),
                   help="an OpenAI-compatible endpoint (http://127.0.0.1:8000/v1)")
    q.add_argument("--attempts", type=int, default=3,
                   help="drafts to try, each after the last one's error (default 3)")
    q.add_argument("--dry-run", action="store_true",
                   help="check the draft and print it; do not write opslib")
    q.add_argument("--force", action="store_true",
                   help="draft another overload of a name the library has")
    q.set_defaults(func=cmd_synth)
    q = ops.add_parser("doc", help="write docs/ops.md: coverage and every op, from opslib")
    q.add_argument("-o", "--output", help="where to write (default: docs/ops.md)")
    q.add_argument("--check", action="store_true",
                   help="only check that the file is up to date")
    q.set_defaults(func=cmd_doc)
