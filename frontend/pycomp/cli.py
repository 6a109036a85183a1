"""The `pycomp` command: check, trace, to-rust, build, ops, serve."""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
import warnings
from pathlib import Path

from pycomp import driver, pprint
from pycomp.build import GpuOptionError
from pycomp.diagnostics import CompileError, CompileWarning, InternalError
from pycomp.emit import GPU_FEATURES


def _report_compile_error(e: CompileError, fmt: str) -> int:
    if fmt == "json":
        print(e.to_json())
    else:
        print(e.render(), file=sys.stderr)
    return 1


def cmd_check(args: argparse.Namespace) -> int:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CompileWarning)
        try:
            driver.compile_source(args.file)
        except CompileError as e:
            return _report_compile_error(e, args.format)
    found = [w.message for w in caught if isinstance(w.message, CompileWarning)]
    if args.format == "json":
        print(json.dumps([w.diagnostic.to_json() for w in found], indent=2) if found else "[]")
        return 0
    for w in found:
        print(f"{w}\n", file=sys.stderr)
    n = len(found)
    note = f" ({n} warning{'s' if n != 1 else ''})" if n else ""
    print(f"{args.file}: ok{note}", file=sys.stderr)
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
    from pycomp.build import target_dir
    from pycomp.emit import crate_name
    from pycomp.progress import BuildReporter, Level

    level: Level = "quiet" if args.quiet else "verbose" if args.verbose else "normal"
    reporter = BuildReporter(level, crate=crate_name(Path(args.file).stem),
                             cache=str(target_dir()))
    timings = driver.Timings(on_stage=reporter.stage)
    start = time.perf_counter()
    try:
        out = driver.build(args.file, args.output, release=False if args.debug else None,
                           timings=timings, reporter=reporter, gpu=args.gpu)
        if args.server:
            from pycomp.serve.native import build_server

            server = build_server(args.file, out, release=False if args.debug else None,
                                  gpu=args.gpu)
            print(f"built native server {server}", file=sys.stderr)
    except CompileError as e:
        reporter.done()
        return _report_compile_error(e, "text")
    except GpuOptionError as e:
        reporter.done()
        print(f"error: {e}", file=sys.stderr)
        return 1
    except BaseException:
        reporter.done()
        raise
    total = time.perf_counter() - start
    stages = ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in timings.stages.items())
    reporter.done(f"built bundle {out} in {total:.1f} s ({stages})")
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
    p.add_argument("--server", action="store_true",
                   help="also build the native server (pycomp-server in the bundle: "
                   "docs/serve.md)")
    p.add_argument("--gpu", choices=sorted(GPU_FEATURES),
                   help="build llama.cpp with this GPU backend (programs with a Llama "
                   "model: docs/client.md)")
    shown = p.add_mutually_exclusive_group()
    shown.add_argument("-q", "--quiet", action="store_true",
                       help="print nothing but errors (progress shows only on a terminal)")
    shown.add_argument("-v", "--verbose", action="store_true", help="show cargo's full output")
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
