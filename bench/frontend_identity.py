"""Everything the front end says about many programs, to compare two front ends.

For every program of the differential corpora (tests/diff*/), examples/,
tests/fixtures/, every case of the tests/data/*.test files and `--fuzz N`
programs of tests/fuzz/gen.py, records the typed IR (`pycomp trace`), the
lowered IR (`pycomp trace --lowered`), every error rendered with its source,
every warning, or the internal error, as JSON. Run it once per front end (the
pure-Python one, one built with mypyc, one with a changed pass) and compare:

    python bench/frontend_identity.py /tmp/a.json
    PYTHONPATH=/path/to/other/frontend python bench/frontend_identity.py /tmp/b.json
    python bench/frontend_identity.py --compare /tmp/a.json /tmp/b.json

Each program is written to the same path (`--dir`), so diagnostics name the same
file in every run. The output does not depend on PYTHONHASHSEED.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROGRAM_GLOBS = ("tests/diff/cases/*.py", "tests/diff/inputs/**/*.py",
                 "tests/diff_classes/**/*.py", "tests/diff_numpy/**/*.py",
                 "tests/diff_funcs/**/*.py", "examples/**/*.py", "tests/fixtures/**/*.py")


def programs(fuzz: int) -> dict[str, str]:
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import data_files, parse_data_file
    from fuzz.gen import ProgramGenerator

    out: dict[str, str] = {}
    for pattern in PROGRAM_GLOBS:
        for p in sorted(ROOT.glob(pattern)):
            if p.name.startswith("test_") or p.name in ("__init__.py", "conftest.py"):
                continue
            out[str(p.relative_to(ROOT))] = p.read_text(encoding="utf-8",
                                                        errors="surrogateescape")
    for f in data_files():
        for case in parse_data_file(f).cases:
            out[f"{f.name}::{case.name}"] = case.source
    for seed in range(fuzz):
        out[f"fuzz/{seed}"] = ProgramGenerator(seed).module(4)[0]
    return out


def outputs(source: str, path: Path) -> dict[str, object]:
    from pycomp import driver, pprint
    from pycomp.diagnostics import CompileError, CompileWarning
    from pycomp.emit import lowered_text

    path.write_text(source, encoding="utf-8", errors="surrogateescape")
    r: dict[str, object] = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            typed, text = driver.compile_source(path)
            r["typed"] = pprint.module(typed)
            r["lowered"] = lowered_text(typed, text)
        except CompileError as e:
            r["errors"] = [d.render(source) for d in e.diagnostics]
        except Exception as e:  # noqa: BLE001 - an internal error is an output too
            r["internal_error"] = f"{type(e).__name__}: {e}"
    r["warnings"] = [str(w.message) for w in caught if isinstance(w.message, CompileWarning)]
    return r


def compare(a: Path, b: Path) -> int:
    old, new = json.loads(a.read_text()), json.loads(b.read_text())
    differ = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    for k in differ:
        print(f"differs: {k}")
    print(f"{len(old.keys() & new.keys())} programs in both, {len(differ)} differ")
    return 1 if differ else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, nargs="?")
    ap.add_argument("--fuzz", type=int, default=60, help="programs of tests/fuzz/gen.py")
    ap.add_argument("--dir", type=Path, default=Path("/tmp/pycomp-frontend-identity"))
    ap.add_argument("--compare", type=Path, nargs=2, metavar=("A", "B"))
    args = ap.parse_args()
    if args.compare:
        return compare(*args.compare)
    if args.out is None:
        ap.error("give the output file, or --compare A B")
    import pycomp.types

    print(f"pycomp.types from {pycomp.types.__file__}", file=sys.stderr)
    args.dir.mkdir(parents=True, exist_ok=True)
    start = time.process_time()
    found = {name: outputs(src, args.dir / "main.py") for name, src in programs(args.fuzz).items()}
    args.out.write_text(json.dumps(found, indent=1, sort_keys=True))
    kinds = {k: sum(1 for r in found.values() if k in r) for k in ("typed", "errors",
                                                                   "internal_error")}
    print(f"{len(found)} programs in {time.process_time() - start:.1f} CPU-s: {kinds}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
