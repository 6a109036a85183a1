"""bench/serve: `pycomp serve` (Python) against the native server (`pycomp build --server`).

The MiniLM embedding bundle (examples/embed/embed.py) behind both servers on
127.0.0.1. For each server:

- cold start: from launching the process to the first embeddings answer
  (the model loads on the first call), median of 3 launches;
- load: C concurrent clients (threads with keep-alive httpx clients), each
  sending R requests of a few sentences; throughput (requests/s and
  sentences/s) and p50/p99 latency, every answer checked against the bundle.

Prints one table with native/Python ratios. Run after scripts/install.sh:
`python bench/serve/run.py` (`--clients 32 --requests 50 --texts 4`).
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


def launch(kind: str, bundle: Path, port: int) -> subprocess.Popen[bytes]:
    if kind == "python":
        cmd = [sys.executable, "-m", "pycomp.cli", "serve", str(bundle), "--port", str(port),
               "--no-access-log", "--log-level", "warning", "--max-concurrency", "256"]
    else:
        cmd = [str(bundle / "pycomp-server"), "--port", str(port), "--no-access-log",
               "--max-concurrency", "256"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


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
         want: dict[int, np.ndarray], inputs: dict[int, list[str]]) -> dict[str, float]:
    port = free_port()
    proc = launch(kind, bundle, port)
    url = f"http://127.0.0.1:{port}/v1/embeddings"
    try:
        while True:
            try:
                if httpx.post(url, json={"model": bundle.name, "input": "warm"},
                              timeout=60).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.02)
        latencies: list[float] = []
        lock = threading.Lock()
        errors: list[str] = []

        def client(i: int) -> None:
            mine = []
            with httpx.Client(timeout=120) as c:
                for _ in range(requests):
                    t = time.perf_counter()
                    r = c.post(url, json={"model": bundle.name, "input": inputs[i]})
                    mine.append(time.perf_counter() - t)
                    got = np.array([d["embedding"] for d in r.json()["data"]],
                                   dtype=np.float32)
                    if r.status_code != 200 or not np.allclose(got, want[i], atol=1e-5):
                        errors.append(f"client {i}: {r.status_code}")
            with lock:
                latencies.extend(mine)

        start = time.perf_counter()
        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
    finally:
        proc.terminate()
        proc.wait(30)
    if errors:
        raise SystemExit(f"{kind}: {len(errors)} wrong answers, e.g. {errors[0]}")
    lat = sorted(latencies)
    return {"rps": len(lat) / wall, "sps": len(lat) * texts / wall,
            "p50": lat[len(lat) // 2] * 1000, "p99": lat[int(len(lat) * 0.99)] * 1000}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--requests", type=int, default=50)
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
        rows = {}
        for kind in ("python", "native"):
            cold = statistics.median(cold_start(kind, bundle) for _ in range(3))
            rows[kind] = {"cold": cold * 1000,
                          **load(kind, bundle, args.clients, args.requests, args.texts, want,
                                 inputs)}
    print(f"bench/serve: MiniLM int8, {args.clients} clients x {args.requests} requests x "
          f"{args.texts} sentences, {os.cpu_count()} CPUs, profile "
          f"{os.environ.get('PYCOMP_PROFILE', 'release')}")
    print(f"{'':22}{'python':>12}{'native':>12}{'native/python':>15}")
    for key, label, better in [("cold", "cold start (ms)", "low"), ("rps", "requests/s", "high"),
                               ("sps", "sentences/s", "high"), ("p50", "p50 latency (ms)", "low"),
                               ("p99", "p99 latency (ms)", "low")]:
        p, n = rows["python"][key], rows["native"][key]
        print(f"{label:22}{p:12.1f}{n:12.1f}{n / p:14.2f}x  ({better}er is better)")


if __name__ == "__main__":
    main()
