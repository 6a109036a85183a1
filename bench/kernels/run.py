"""bench/kernels: CPython, mypyc and pycomp on the same kernels, in one process.

`kernels.py` is imported as is (CPython), compiled by mypyc (a C extension
built from a copy of the same file) and by pycomp (a release bundle). Every
kernel runs on the same inputs, the three taking turns round by round; the
results must be equal. Prints, per kernel, the median time of each and the
ratios (CPython time / other time: higher is faster), then the call overhead
of a trivial function.

Targets (issue 12): pycomp ahead of mypyc on every kernel, at least 3x CPython
on every string/container kernel, a median of at least 10x over all kernels.

    python bench/kernels/run.py [--rounds N] [-k NAME] [--cpu]

Run by hand (not in CI): building mypyc and the release bundle takes a minute.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
KERNELS = HERE / "kernels.py"

WORDS = ("the a man woman child dog cat eats reads writes plays runs quickly slowly red blue "
         "house garden river city music book film movie great small large old new happy sad "
         "weather today tomorrow coffee tea bread food park school work market ocean mountain "
         "café naïve résumé Straße über").split()


def text(rng: random.Random, n_words: int) -> str:
    out = []
    for i in range(n_words):
        w = rng.choice(WORDS)
        if rng.random() < 0.1:
            w = w.capitalize() + rng.choice(",.;!?")
        out.append(w)
        if i % 17 == 16:
            out.append("\t--")
    return " ".join(out)


def inputs() -> dict[str, tuple[Any, ...]]:
    """The arguments of each kernel (and its kind: string/container or numeric)."""
    rng = random.Random(12)
    lines = [("  " + text(rng, rng.randint(3, 30)) + "  ") for _ in range(2000)]
    doc = text(rng, 20000)
    docs = [text(rng, rng.randint(20, 200)) for _ in range(300)]
    names = [f"{rng.choice(WORDS)}-{i}" for i in range(20000)]
    nested = {f"{rng.choice('xyz')}{i}": {k: rng.randint(0, 100) for k in
                                         rng.sample(["a", "b", "c", "d", "e", "f"], 4)}
              for i in range(5000)}
    a = text(rng, 60)
    b = text(rng, 60)
    # a WordPiece vocabulary: every word's first 2-4 characters, its continuations
    # of 1-3 characters, some whole words, the single characters
    vocab: dict[str, int] = {"[UNK]": 0}
    for w in WORDS:
        lw = w.lower()
        for piece in [lw[:2], lw[:4], lw if len(lw) % 2 else ""] + [
                "##" + lw[i:i + n] for i in range(1, len(lw)) for n in (1, 3)]:
            if piece and piece not in vocab:
                vocab[piece] = len(vocab)
    for c in "abcdefghijklmnopqrstuvwxyz":
        vocab.setdefault(c, len(vocab))
    tokens = doc.split()[:20000]
    tags = []
    for _ in tokens:
        r = rng.random()
        tags.append("O" if r < 0.6 else rng.choice(["B-PER", "B-LOC", "B-ORG"]) if r < 0.75
                    else "I-" + rng.choice(["PER", "LOC"]))
    return {
        "normalize_text": (lines,),
        "ngram_counts": (doc, 3),
        "word_frequencies": (docs, 20),
        "chunk_windows": (doc, 64, 16),
        "levenshtein": (a, b),
        "lcs_tokens": (doc.split()[:1500], doc.split()[1500:3000]),
        "sort_records": (names, [rng.randint(0, 1000) for _ in names],
                         [rng.random() for _ in names]),
        "bpe_merges": (doc.lower().split()[:3000], 30),
        "walk_records": (nested, ["a", "b", "c", "g"]),
        "softmax_topk": ([rng.gauss(0.0, 3.0) for _ in range(50000)], 10),
        "wordpiece": ([w.strip(",.;!?").lower() for w in tokens], vocab, 20),
        "bio_spans": (tokens, tags),
        "topk_heap": ([rng.gauss(0.0, 3.0) for _ in range(50000)], 10),
        "count_vowels": (doc[:40000],),
        "sieve": (300000,),
        "collatz_steps": (20000,),
        "integrate": (500000,),
    }


NUMERIC = {"sieve", "collatz_steps", "integrate"}


def build_mypyc(work: Path) -> ModuleType:
    src = work / "mypyc_src"
    src.mkdir()
    shutil.copy(KERNELS, src / "bench_kernels.py")
    (src / "setup.py").write_text(
        "from setuptools import setup\nfrom mypyc.build import mypycify\n"
        "setup(name='bench_kernels', ext_modules=mypycify(['bench_kernels.py']))\n")
    subprocess.run([sys.executable, "setup.py", "build_ext", "--inplace"], cwd=src, check=True,
                   capture_output=True)
    sys.path.insert(0, str(src))
    import bench_kernels  # type: ignore[import-not-found]

    assert bench_kernels.__file__ and bench_kernels.__file__.endswith(".so"), \
        bench_kernels.__file__
    return bench_kernels  # type: ignore[no-any-return]


def load_cpython() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kernels_py", KERNELS)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


# wall-clock time, or this process's CPU time with --cpu (a machine shared with other
# jobs stretches wall-clock time by however long the process waits for a core)
CLOCK = time.perf_counter


def timed(fn: Callable[..., Any], args: tuple[Any, ...], reps: int) -> float:
    start = CLOCK()
    for _ in range(reps):
        fn(*args)
    return (CLOCK() - start) / reps


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("-k", dest="only",
                    help="run only kernels whose name contains this (or one of these, comma-separated)")
    ap.add_argument("--cpu", action="store_true",
                    help="time by CPU time of this process (on a loaded, shared machine)")
    args = ap.parse_args()
    if args.cpu:
        global CLOCK
        CLOCK = time.process_time
    load = os.getloadavg()
    print(f"clock: {'CPU time' if args.cpu else 'wall'}; load average at start "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    import pycomp

    with tempfile.TemporaryDirectory(prefix="pycomp-bench-kernels-") as tmp:
        work = Path(tmp)
        t0 = time.perf_counter()
        os.environ.setdefault("PYCOMP_PROFILE", "release")
        bundle = pycomp.build(KERNELS, work / "bundle", release=True)
        t1 = time.perf_counter()
        mypyc_mod = build_mypyc(work)
        t2 = time.perf_counter()
        print(f"built: pycomp {t1 - t0:.1f} s, mypyc {t2 - t1:.1f} s", file=sys.stderr)
        impls = {"cpython": load_cpython(), "mypyc": mypyc_mod, "pycomp": pycomp.load(bundle)}
        rows = []
        for name, kargs in inputs().items():
            if args.only and not any(part in name for part in args.only.split(",")):
                continue
            fns = {k: getattr(m, name) for k, m in impls.items()}
            results = {k: f(*kargs) for k, f in fns.items()}
            for k in ("mypyc", "pycomp"):
                if not same(results["cpython"], results[k]):
                    raise SystemExit(f"{name}: {k} differs from CPython:\n"
                                     f"{str(results[k])[:300]}\n{str(results['cpython'])[:300]}")
            # repetitions so that one timing of the fastest takes about 20 ms
            once = timed(fns["pycomp"], kargs, 1)
            reps = max(1, min(200, int(0.02 / max(once, 1e-7))))
            times: dict[str, list[float]] = {k: [] for k in fns}
            for _ in range(args.rounds):
                for k, f in fns.items():
                    times[k].append(timed(f, kargs, reps))
            med = {k: statistics.median(v) for k, v in times.items()}
            rows.append((name, med))
        print(f"{'kernel':18} {'CPython':>10} {'mypyc':>10} {'pycomp':>10} "
              f"{'mypyc x':>8} {'pycomp x':>8} {'vs mypyc':>8}")
        ratios = []
        for name, med in rows:
            r_my = med["cpython"] / med["mypyc"]
            r_pc = med["cpython"] / med["pycomp"]
            ratios.append(r_pc)
            kind = "" if name in NUMERIC else " *"
            print(f"{name:18} {med['cpython'] * 1e3:8.2f}ms {med['mypyc'] * 1e3:8.2f}ms "
                  f"{med['pycomp'] * 1e3:8.2f}ms {r_my:7.2f}x {r_pc:7.2f}x "
                  f"{med['mypyc'] / med['pycomp']:7.2f}x{kind}")
        if ratios:
            print(f"median pycomp/CPython ratio over {len(ratios)} kernels: "
                  f"{statistics.median(ratios):.2f}x   (* string/container kernel)")
        print()
        print("call overhead of add(1, 2):")
        for k, m in impls.items():
            f = m.add
            per = statistics.median(timed(f, (1, 2), 20000) for _ in range(5))
            print(f"  {k:8} {per * 1e9:8.0f} ns")
        load = os.getloadavg()
        print(f"load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
