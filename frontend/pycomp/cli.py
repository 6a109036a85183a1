"""The `pycomp` command: check, trace, to-rust, build, ops, serve."""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

from pycomp import driver, pprint
from pycomp.diagnostics import CompileError, InternalError


def _report_compile_error(e: CompileError, fmt: str) -> int:
    if fmt == "json":
        print(e.to_json())
    else:
        print(e.render(), file=sys.stderr)
    return 1


def cmd_check(args: argparse.Namespace) -> int:
    try:
        driver.compile_source(args.file)
    except CompileError as e:
        return _report_compile_error(e, args.format)
    if args.format == "json":
        print("[]")
    else:
        print(f"{args.file}: ok", file=sys.stderr)
    return 0


def cmd_trace(args: argparse.Namespace) -> int:
    try:
        if args.lowered:
            sys.stdout.write(driver.lowered(args.file))
            return 0
        mod = driver.lower_only(args.file) if args.untyped else driver.compile_source(args.file)[0]
    except CompileError as e:
        return _report_compile_error(e, "text")
    sys.stdout.write(pprint.dot(mod) if args.dot else pprint.module(mod))
    return 0


def cmd_to_rust(args: argparse.Namespace) -> int:
    try:
        out = driver.to_rust(args.file, args.output)
    except CompileError as e:
        return _report_compile_error(e, "text")
    print(f"wrote crate {out}", file=sys.stderr)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    timings = driver.Timings()
    start = time.perf_counter()
    try:
        out = driver.build(args.file, args.output, release=False if args.debug else None,
                           timings=timings)
    except CompileError as e:
        return _report_compile_error(e, "text")
    total = time.perf_counter() - start
    stages = ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in timings.stages.items())
    print(f"built bundle {out} in {total:.1f} s ({stages})", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="pycomp", description="Compile type-annotated Python to "
                                 "native libraries.")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="report diagnostics only")
    p.add_argument("file")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("trace", help="print the typed IR")
    p.add_argument("file")
    p.add_argument("--dot", action="store_true", help="print Graphviz DOT")
    p.add_argument("--untyped", action="store_true", help="print the IR before inference")
    p.add_argument("--lowered", action="store_true",
                   help="print the lowered Rust-shaped IR (ownership and temporaries explicit)")
    p.set_defaults(func=cmd_trace)
    p = sub.add_parser("to-rust", help="write a standalone Rust crate")
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(func=cmd_to_rust)
    p = sub.add_parser("build", help="compile and build a bundle")
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--debug", action="store_true", help="cargo debug profile")
    p.set_defaults(func=cmd_build)
    try:
        from pycomp import ops_cli
        ops_cli.register(sub)
    except ImportError:
        pass
    from pycomp import server  # `serve`; imports Starlette and uvicorn only when it runs
    server.register(sub)
    args = ap.parse_args(argv)
    file = getattr(args, "file", None)
    if file is not None:
        try:
            Path(file).read_text(encoding="utf-8")
        except FileNotFoundError:
            print(f"error: no such file: {file}", file=sys.stderr)
            return 1
        except (UnicodeDecodeError, IsADirectoryError, PermissionError) as e:
            reason = "it is not UTF-8 text" if isinstance(e, UnicodeDecodeError) else str(e)
            print(f"error: cannot read {file}: {reason}", file=sys.stderr)
            return 1
    try:
        return int(args.func(args))
    except InternalError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except Exception:  # noqa: BLE001 - anything else is a pycomp bug, said plainly
        print("error: internal error in pycomp (this is a bug, please report it):",
              file=sys.stderr)
        traceback.print_exc()
        return 2


if __name__ == "__main__":
    sys.exit(main())
