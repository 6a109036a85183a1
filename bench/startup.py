"""bench/startup: what a process pays before its first embedding.

Each number is the best of `--repeat` fresh processes (wall time from launch,
the interpreter's own start included; `python -c pass` is shown for scale):

- `import pycomp` (the loader only: no compiler module is imported);
- `import pycomp` + `pycomp.load(bundle)` of the MiniLM embedding bundle
  (manifest, file sizes and SHA-256 of every bundle file, dlopen);
- cold start to the first embedding, bundle against the same pipeline in
  Python with onnxruntime and tokenizers;
- for scale, the compiler: `import pycomp.driver`.

Also the in-process cost of the bundle's integrity check (size + SHA-256 of
each file, once per process). Ratios are against the Python pipeline's
imports or cold start. Run: `python bench/startup.py` (after
scripts/install.sh); it builds the bundle in release mode first.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "embed"
sys.path.insert(0, str(EXAMPLE))


def fresh(code: str, repeat: int) -> float:
    """Best wall time of `repeat` fresh interpreters running `code`."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=EXAMPLE,
                       capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="processes per row; best is kept")
    ap.add_argument("--debug", action="store_true", help="a debug build of the bundle")
    args = ap.parse_args()

    import pycomp
    from fetch_model import fetch
    from pycomp.integrity import verify_files

    fetch()
    work = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    bundle = pycomp.build(EXAMPLE / "embed.py", work / "bundle", release=not args.debug)
    b = repr(str(bundle))
    rows: list[tuple[str, float, str]] = []
    base = fresh("pass", args.repeat)
    py_imports = fresh("import numpy, onnxruntime, tokenizers", args.repeat)
    rows.append(("python -c pass", base, ""))
    rows.append(("import numpy, onnxruntime, tokenizers (Python pipeline)", py_imports, ""))
    imp = fresh("import pycomp", args.repeat)
    rows.append(("import pycomp", imp, f"{imp / py_imports:.2f}x"))
    loaded = fresh(f"import pycomp; pycomp.load({b})", args.repeat)
    rows.append(("import pycomp; pycomp.load(bundle)", loaded, f"{loaded / py_imports:.2f}x"))
    compiler = fresh("import pycomp.driver", args.repeat)
    rows.append(("import pycomp.driver (the compiler, for scale)", compiler,
                 f"{compiler / py_imports:.2f}x"))
    cold_py = fresh("from embed import embed; embed(['hello world'])", args.repeat)
    cold_lib = fresh(f"import pycomp; pycomp.load({b}).embed(['hello world'])", args.repeat)
    rows.append(("cold start to first embedding: Python pipeline", cold_py, ""))
    rows.append(("cold start to first embedding: bundle", cold_lib,
                 f"{cold_lib / cold_py:.2f}x"))

    files = json.loads((bundle / "manifest.json").read_text())["files"]
    size = sum(entry["size"] for entry in files.values())
    start = time.perf_counter()
    verify_files(bundle, files)
    check = time.perf_counter() - start

    print(f"| startup ({'debug' if args.debug else 'release'} bundle, best of {args.repeat}) "
          "| seconds | ratio |")
    print("|---|---|---|")
    for what, seconds, ratio in rows:
        print(f"| {what} | {seconds:.3f} | {ratio} |")
    print(f"\nintegrity check of {len(files)} files ({size / 1e6:.1f} MB): {check * 1000:.0f} ms "
          "once per process")
    return 0


if __name__ == "__main__":
    sys.exit(main())
