"""bench/chat: the compiled SmolLM2 chat bundle against llama-cpp-python on the same GGUF.

Both sides run examples/chat/chat.py as written (`Llama(..., n_threads=2)`, a streamed
`create_chat_completion`, greedy): llama-cpp-python runs the Python file, the other side
the bundle `pycomp build --release` makes of it. Each side runs in its own fresh process
(one process cannot hold both llama.cpp copies), loads the model, answers one warm-up
request, then each prompt in turn. Prints, per side and as ratios (compiled / Python):

- time to first token (from the call to the first streamed piece), median over prompts;
- decode speed (tokens per second after the first token), median over prompts;
- load time (first call, model loading included).

The machine may be shared: the sides alternate for `--rounds` rounds and each side's best
round is kept.

The answers must be equal (greedy on the same GGUF): the bench stops otherwise.
llama-cpp-python is not installed by the project (its source build takes ~25 minutes,
docs/client.md): pass the interpreter of an environment that has it, e.g.

    python bench/chat/run.py --llama-python /path/to/venv/bin/python

Run by hand, never in CI.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "chat"

PROMPTS = [
    "What is the capital of France?",
    "Write a haiku about the sea.",
    "Explain gravity in one sentence.",
    "Name three colours and a fruit of each colour.",
    "Give me two tips for learning to cook.",
]

# One side: `chat` is examples/chat/chat.py's function, from the Python file or the bundle.
SIDE = """
import json, sys, time
side, prompts, max_tokens = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3])
t0 = time.perf_counter()
if side == "python":
    sys.path.insert(0, ".")
    from chat import chat
else:
    import pycomp
    chat = pycomp.load(side).chat

def run(prompt):
    start = time.perf_counter()
    first = None
    pieces = []
    for piece in chat([{"role": "user", "content": prompt}], max_tokens=max_tokens):
        if first is None:
            first = time.perf_counter()
        pieces.append(piece)
    end = time.perf_counter()
    return {"ttft": first - start, "decode": end - first, "pieces": pieces}

warm = run(prompts[0])
load = time.perf_counter() - t0
print(json.dumps({"load": load, "runs": [run(p) for p in prompts]}))
"""


def side(python: str, target: str, max_tokens: int) -> dict:
    proc = subprocess.run([python, "-c", SIDE, target, json.dumps(PROMPTS), str(max_tokens)],
                          check=False, cwd=EXAMPLE, capture_output=True, text=True,
                          timeout=3600,
                          env={**os.environ, "OMP_NUM_THREADS": "2"})
    if proc.returncode != 0:
        raise SystemExit(f"{target} side failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def figures(result: dict) -> dict[str, float]:
    runs = result["runs"]
    return {
        "ttft_ms": statistics.median(r["ttft"] for r in runs) * 1000,
        "tokens_per_s": statistics.median((len(r["pieces"]) - 1) / r["decode"] for r in runs),
        "load_s": result["load"],
        "tokens": sum(len(r["pieces"]) for r in runs),
    }


def best(rounds: list[dict[str, float]]) -> dict[str, float]:
    return {"ttft_ms": min(r["ttft_ms"] for r in rounds),
            "tokens_per_s": max(r["tokens_per_s"] for r in rounds),
            "load_s": min(r["load_s"] for r in rounds), "tokens": rounds[0]["tokens"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--llama-python", default=sys.executable,
                    help="an interpreter with llama-cpp-python installed")
    ap.add_argument("--max-tokens", type=int, default=64)
    ap.add_argument("--bundle", type=Path, help="an existing bundle of examples/chat/chat.py")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--prompts", type=int, default=len(PROMPTS), help="use the first N prompts")
    args = ap.parse_args()

    sys.path.insert(0, str(EXAMPLE))
    from fetch_model import fetch

    fetch()
    if args.bundle is None:
        import pycomp

        args.bundle = Path(tempfile.mkdtemp(prefix="bench-chat-")) / "smollm2"
        pycomp.build(EXAMPLE / "chat.py", args.bundle, release=True)

    del PROMPTS[args.prompts:]
    py_rounds, comp_rounds = [], []
    load = 0.0
    for _ in range(args.rounds):
        py = side(args.llama_python, "python", args.max_tokens)
        comp = side(sys.executable, str(args.bundle), args.max_tokens)
        load = max(load, os.getloadavg()[0])
        for a, b, prompt in zip(py["runs"], comp["runs"], PROMPTS):
            if a["pieces"] != b["pieces"]:
                raise SystemExit(f"the answers differ on {prompt!r}:\n{a['pieces']}\n"
                                 f"{b['pieces']}")
        py_rounds.append(figures(py))
        comp_rounds.append(figures(comp))
        print(f"round {len(py_rounds)}: llama-cpp-python {py_rounds[-1]}, compiled "
              f"{comp_rounds[-1]}", flush=True)
    p, c = best(py_rounds), best(comp_rounds)
    print(f"SmolLM2-135M-Instruct Q4_1, n_threads=2, greedy, {args.max_tokens} max tokens, "
          f"{len(PROMPTS)} prompts ({p['tokens']} tokens each side, equal answers), best of "
          f"{args.rounds} rounds; load average up to {load:.1f}")
    print(f"{'':24}{'llama-cpp-python':>18}{'compiled':>12}{'ratio':>8}")
    rows = [("time to first token ms", "ttft_ms", False), ("decode tokens/s", "tokens_per_s", True),
            ("first call (load) s", "load_s", False)]
    for label, key, higher in rows:
        ratio = c[key] / p[key]
        better = "better" if (ratio > 1) == higher else "worse"
        print(f"{label:24}{p[key]:18.2f}{c[key]:12.2f}{ratio:7.2f}x ({better})")


if __name__ == "__main__":
    main()
