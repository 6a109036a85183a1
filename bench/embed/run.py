"""bench/embed: the compiled MiniLM embedding bundle against the same pipeline in Python.

Same model (all-MiniLM-L6-v2 int8), same tokenizer, same ONNX Runtime library
(the onnxruntime wheel's, which the bundle carries). 512 sentences at batch
sizes 1, 8 and 32. Prints one table:

- throughput (sentences/s): Python pipeline; the bundle called from Python;
  the generated crate called from a small Rust binary; ratios against Python;
- cold start: a fresh process, from launch to the first embedding;
- peak RSS of a fresh process embedding all 512 sentences at batch 32.

Targets (issue 3): throughput at batch 32 >= 1.3x Python, cold start <= 0.2x,
peak RSS <= 0.5x. Run: `python bench/embed/run.py` (after scripts/install.sh).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tomlkit

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
EXAMPLE = ROOT / "examples" / "embed"
sys.path.insert(0, str(EXAMPLE))

WORDS = ["the", "a", "man", "woman", "child", "dog", "cat", "eats", "reads", "writes", "plays", "runs", "quickly", "slowly", "red", "blue", "house", "garden", "river", "city", "music", "book", "film", "movie", "great", "small", "large", "old", "new", "happy", "sad", "weather", "today", "tomorrow", "coffee", "tea", "bread", "food", "park", "school", "work", "market", "ocean", "mountain", "café", "naïve", "résumé"]


def sentences(n: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 24))).capitalize() + "."
            for _ in range(n)]


def child(code: str, *args: str) -> tuple[float, int, str]:
    """Run Python code in a fresh process: (wall seconds, peak RSS in KiB, stdout)."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          check=True, cwd=EXAMPLE)
    wall = time.perf_counter() - start
    return wall, _child_rss(proc), proc.stdout


def _child_rss(proc: subprocess.CompletedProcess[str]) -> int:
    for line in proc.stdout.splitlines():
        if line.startswith("RSS "):
            return int(line.split()[1])
    return 0


# VmHWM, the peak resident set of this process image: unlike ru_maxrss it does not
# start from the parent's size at fork.
RSS = ("print('RSS', [l.split()[1] for l in open('/proc/self/status') "
       "if l.startswith('VmHWM')][0])")

PY_PIPELINE = f"""
import sys, json
from embed import embed
texts = json.load(open(sys.argv[1]))
batch = int(sys.argv[2])
for i in range(0, len(texts), batch):
    embed(texts[i:i + batch])
{RSS}
"""

PY_COMPILED = f"""
import sys, json, pycomp
lib = pycomp.load(sys.argv[3])
texts = json.load(open(sys.argv[1]))
batch = int(sys.argv[2])
for i in range(0, len(texts), batch):
    lib.embed(texts[i:i + batch])
{RSS}
"""


def build_rust_bench(crate: Path, work: Path) -> Path:
    """A small binary depending on the generated crate by path."""
    doc = tomlkit.document()
    pkg = tomlkit.table()
    pkg["name"] = "bench-embed"
    pkg["version"] = "0.1.0"
    pkg["edition"] = "2024"
    pkg["publish"] = False
    doc["package"] = pkg
    deps = tomlkit.table()
    dep = tomlkit.inline_table()
    dep["path"] = str(crate)
    deps["embed"] = dep
    doc["dependencies"] = deps
    bins = tomlkit.aot()
    b = tomlkit.table()
    b["name"] = "bench-embed"
    b["path"] = str(HERE / "main.rs")
    bins.append(b)
    doc["bin"] = bins
    doc["workspace"] = tomlkit.table()
    (work / "Cargo.toml").write_text(tomlkit.dumps(doc))
    from pycomp.build import cargo_env, target_dir

    subprocess.run(["cargo", "build", "--release", "--manifest-path", str(work / "Cargo.toml")],
                   check=True, env=cargo_env(), capture_output=True)
    return target_dir() / "release" / "bench-embed"


def rust_run(binary: Path, *args: str) -> tuple[float, float, int]:
    """(reported seconds, wall seconds, peak RSS KiB) of one run of the Rust binary."""
    start = time.perf_counter()
    proc = subprocess.run([str(binary), *args], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    seconds, _, hwm = proc.stdout.strip().partition(" ")
    return float(seconds), wall, int(hwm or 0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=512, help="sentences (default 512)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement; best is kept")
    ap.add_argument("--json", type=Path, help="also write the numbers here")
    args = ap.parse_args()

    import numpy as np
    import pycomp
    from fetch_model import fetch
    from pycomp.driver import crate_dir_for

    fetch()
    work = Path(tempfile.mkdtemp(prefix="bench-embed-"))
    bundle = pycomp.build(EXAMPLE / "embed.py", work / "bundle", release=True)
    texts = sentences(args.n)
    texts_file = work / "texts.json"
    texts_file.write_text(json.dumps(texts))
    lines_file = work / "texts.txt"
    lines_file.write_text("\n".join(texts) + "\n")
    binary = build_rust_bench(crate_dir_for(EXAMPLE / "embed.py"), work)

    os.chdir(EXAMPLE)  # the Python pipeline opens model/ relative to its folder
    from embed import embed as py_embed

    lib = pycomp.load(bundle)
    np.testing.assert_allclose(lib.embed(texts[:8]), py_embed(texts[:8]), rtol=1e-5, atol=1e-6)

    def best(fn: object, batch: int) -> float:
        times = []
        for _ in range(args.repeat):
            fn(texts[:batch])  # type: ignore[operator]
            t = time.perf_counter()
            for i in range(0, len(texts), batch):
                fn(texts[i:i + batch])  # type: ignore[operator]
            times.append(time.perf_counter() - t)
        return min(times)

    rows = []
    results: dict[str, object] = {"n": len(texts), "throughput": {}}
    for batch in (1, 8, 32):
        t_py = best(py_embed, batch)
        t_lib = best(lib.embed, batch)
        t_rs = min(rust_run(binary, "throughput", str(lines_file), str(batch))[0]
                   for _ in range(args.repeat))
        n = len(texts)
        rows.append((batch, n / t_py, n / t_lib, n / t_rs))
        results["throughput"][str(batch)] = {  # type: ignore[index]
            "python": n / t_py, "bundle_from_python": n / t_lib, "rust": n / t_rs}

    cold_py = min(child(f"from embed import embed; embed(['hello world'])\n{RSS}")[0]
                  for _ in range(args.repeat))
    cold_lib = min(child(f"import pycomp; pycomp.load({str(bundle)!r}).embed(['hello world'])"
                         f"\n{RSS}")[0] for _ in range(args.repeat))
    cold_rs = min(rust_run(binary, "cold", str(lines_file))[1] for _ in range(args.repeat))

    _, rss_py, _ = child(PY_PIPELINE, str(texts_file), "32")
    _, rss_lib, _ = child(PY_COMPILED, str(texts_file), "32", str(bundle))
    rss_rs = rust_run(binary, "throughput", str(lines_file), "32")[2]

    print(f"\nbench/embed: all-MiniLM-L6-v2 int8, {len(texts)} sentences, "
          f"ONNX Runtime {__import__('onnxruntime').__version__}, {os.cpu_count()} cores\n")
    print("| batch | Python (sent/s) | bundle from Python | ratio | Rust binary | ratio |")
    print("|---|---|---|---|---|---|")
    for batch, py, lb, rs in rows:
        print(f"| {batch} | {py:.0f} | {lb:.0f} | {lb / py:.2f}x | {rs:.0f} | {rs / py:.2f}x |")
    print()
    print("| measure | Python | bundle from Python | ratio | Rust binary | ratio |")
    print("|---|---|---|---|---|---|")
    print(f"| cold start to first embedding (s) | {cold_py:.3f} | {cold_lib:.3f} | "
          f"{cold_lib / cold_py:.2f}x | {cold_rs:.3f} | {cold_rs / cold_py:.2f}x |")
    print(f"| peak RSS, 512 at batch 32 (MiB) | {rss_py / 1024:.0f} | {rss_lib / 1024:.0f} | "
          f"{rss_lib / rss_py:.2f}x | {rss_rs / 1024:.0f} | {rss_rs / rss_py:.2f}x |")
    print("\ntargets: throughput at batch 32 >= 1.3x, cold start <= 0.2x, peak RSS <= 0.5x")
    results.update({"cold_start_s": {"python": cold_py, "bundle_from_python": cold_lib,
                                     "rust": cold_rs},
                    "peak_rss_kib": {"python": rss_py, "bundle_from_python": rss_lib,
                                     "rust": rss_rs}})
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
