"""bench/serve: `pycomp serve` (Python) against the native server (`pycomp build --server`).

The MiniLM embedding bundle (examples/embed/embed.py) behind both servers on
127.0.0.1. For each server:

- cold start: from launching the process to the first embeddings answer
  (the model loads on the first call), median of 3 launches;
- load, with dynamic batching on (the defaults) and off (`--batch-max-items
  1`): C concurrent clients (threads with keep-alive httpx clients), each
  sending R requests of a few sentences; answers (every one checked against
  the bundle called directly: none may be lost or wrong; how many are bit
  for bit equal is printed), throughput (requests/s and sentences/s), p50/p99
  latency, the server's resident memory after warm-up, at the end and at its
  peak.

Prints one table with native/Python ratios. Run by hand (never in CI) after
scripts/install.sh, with a release build: `python bench/serve/run.py`
(`--clients 32 --requests 200 --texts 4`; `--bundle DIR` reuses a bundle
built with `pycomp build examples/embed/embed.py -o DIR --server`).
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "examples" / "embed"))

WORDS = [
    "the", "a", "man", "woman", "child", "dog", "cat", "eats", "reads", "writes", "plays",
    "runs", "quickly", "slowly", "red", "blue", "house", "garden", "river", "city",
    "music", "book", "film", "movie", "great", "small", "large", "old", "new", "happy",
    "sad", "weather", "today", "tomorrow", "coffee", "tea", "bread", "food", "park",
    "school", "work", "market", "ocean",
]


def sentences(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 16))).capitalize() + "."
            for _ in range(n)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def launch(kind: str, bundle: Path, port: int, batching: bool = True
           ) -> subprocess.Popen[bytes]:
    if kind == "python":
        cmd = [sys.executable, "-m", "pycomp.cli", "serve", str(bundle), "--port", str(port),
               "--no-access-log", "--log-level", "warning", "--max-concurrency", "256"]
    else:
        cmd = [str(bundle / "pycomp-server"), "--port", str(port), "--no-access-log",
               "--max-concurrency", "256"]
    if not batching:
        cmd += ["--batch-max-items", "1"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def memory(pid: int) -> tuple[float, float]:
    """The process's resident and peak resident memory in MiB (Linux)."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.split()
    return int(fields["VmRSS"][0]) / 1024, int(fields["VmHWM"][0]) / 1024


def cold_start(kind: str, bundle: Path) -> float:
    port = free_port()
    start = time.perf_counter()
    proc = launch(kind, bundle, port)
    try:
        while True:
            try:
                r = httpx.post(f"http://127.0.0.1:{port}/v1/embeddings",
                               json={"model": bundle.name, "input": "hello"}, timeout=60)
                if r.status_code == 200:
                    return time.perf_counter() - start
            except httpx.HTTPError:
                pass
            if proc.poll() is not None:
                raise SystemExit(f"the {kind} server exited")
            time.sleep(0.005)
    finally:
        proc.terminate()
        proc.wait(30)


def load(kind: str, bundle: Path, clients: int, requests: int, texts: int,
         want: dict[int, np.ndarray], inputs: dict[int, list[str]], batching: bool
         ) -> dict[str, float]:
    port = free_port()
    proc = launch(kind, bundle, port, batching)
    url = f"http://127.0.0.1:{port}/v1/embeddings"
    try:
        while True:
            try:
                if httpx.post(url, json={"model": bundle.name, "input": "warm"},
                              timeout=60).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.02)
        warm_rss, _ = memory(proc.pid)
        latencies: list[float] = []
        lock = threading.Lock()
        errors: list[str] = []
        exact = [0]

        def client(i: int) -> None:
            mine = []
            with httpx.Client(timeout=120) as c:
                for _ in range(requests):
                    t = time.perf_counter()
                    r = c.post(url, json={"model": bundle.name, "input": inputs[i]})
                    mine.append(time.perf_counter() - t)
                    if r.status_code != 200:
                        errors.append(f"client {i}: {r.status_code} {r.text[:200]}")
                        continue
                    got = np.array([d["embedding"] for d in r.json()["data"]],
                                   dtype=np.float32)
                    if not np.allclose(got, want[i], rtol=0, atol=1e-6):
                        errors.append(f"client {i}: other embeddings")
                    elif np.array_equal(got, want[i]):
                        with lock:
                            exact[0] += 1
            with lock:
                latencies.extend(mine)

        start = time.perf_counter()
        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
        end_rss, peak_rss = memory(proc.pid)
    finally:
        proc.terminate()
        proc.wait(30)
    if errors:
        raise SystemExit(f"{kind}: {len(errors)} wrong answers, e.g. {errors[0]}")
    lat = sorted(latencies)
    if len(lat) != clients * requests:
        raise SystemExit(f"{kind}: {clients * requests - len(lat)} requests lost")
    return {"answered": len(lat), "exact": exact[0], "rps": len(lat) / wall,
            "sps": len(lat) * texts / wall, "p50": lat[len(lat) // 2] * 1000,
            "p99": lat[int(len(lat) * 0.99)] * 1000, "rss_warm": warm_rss,
            "rss_end": end_rss, "rss_peak": peak_rss}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--texts", type=int, default=4, help="sentences per request")
    ap.add_argument("--bundle", type=Path, help="a bundle built with --server (default: "
                    "build examples/embed/embed.py)")
    args = ap.parse_args()
    import pycomp
    from fetch_model import fetch

    fetch()
    with tempfile.TemporaryDirectory() as tmp:
        bundle = args.bundle
        if bundle is None:
            bundle = Path(tmp) / "minilm"
            subprocess.run([sys.executable, "-m", "pycomp.cli", "build",
                            str(ROOT / "examples" / "embed" / "embed.py"), "-o", str(bundle),
                            "--server"], check=True)
        lib = pycomp.load(bundle)
        inputs = {i: sentences(args.texts, i) for i in range(args.clients)}
        want = {i: lib.embed(t) for i, t in inputs.items()}
        rows: dict[str, dict[str, float]] = {}
        for kind in ("python", "native"):
            cold = statistics.median(cold_start(kind, bundle) for _ in range(3))
            for batching in (True, False):
                name = kind if batching else f"{kind} unbatched"
                rows[name] = {"cold": cold * 1000,
                              **load(kind, bundle, args.clients, args.requests, args.texts,
                                     want, inputs, batching)}
                print(f"{name}: {rows[name]}", file=sys.stderr)
    print(f"bench/serve: MiniLM int8, {args.clients} clients x {args.requests} requests x "
          f"{args.texts} sentences, {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f}, profile {os.environ.get('PYCOMP_PROFILE', 'release')}; "
          "unbatched: --batch-max-items 1")
    names = list(rows)
    print(f"{'':22}" + "".join(f"{n:>19}" for n in names) + f"{'native/python':>15}")
    for key, label, better in [
            ("cold", "cold start (ms)", "low"), ("answered", "answered", "high"),
            ("exact", "bit-identical", "high"), ("rps", "requests/s", "high"),
            ("sps", "sentences/s", "high"), ("p50", "p50 latency (ms)", "low"),
            ("p99", "p99 latency (ms)", "low"), ("rss_warm", "RSS warm (MiB)", "low"),
            ("rss_end", "RSS end (MiB)", "low"), ("rss_peak", "RSS peak (MiB)", "low")]:
        p, n = rows["python"][key], rows["native"][key]
        print(f"{label:22}" + "".join(f"{rows[x][key]:19.1f}" for x in names)
              + f"{n / p:14.2f}x  ({better}er is better)")


if __name__ == "__main__":
    main()
