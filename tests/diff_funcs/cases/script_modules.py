"""A module that is both a library and a script, as such files are written: a
command-line driver (argparse, sys.argv, print) under `if __name__ == "__main__":`.
The driver, the private helper only it reaches and the imports only they read are
not compiled (W007); the library functions are, including one the script block
calls for its value and one that compiled code and the block both call."""

import argparse
import json
import sys
from pathlib import Path

STOP = {"the", "a", "an", "of"}


def keywords(text: str) -> list[str]:
    words = [w.strip(".,!?").lower() for w in text.split()]
    return [w for w in words if w and w not in STOP]


def overlap(query: str, doc: str) -> float:
    q, d = set(keywords(query)), set(keywords(doc))
    if not q:
        raise ValueError("empty query")
    return len(q & d) / len(q)


def rank(query: str, docs: list[str], top_k: int = 2) -> list[tuple[int, float]]:
    scored = [(i, overlap(query, d)) for i, d in enumerate(docs)]
    scored.sort(key=lambda t: (-t[1], t[0]))
    return scored[:top_k]


def version() -> str:
    return "1.2"


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="rank lines of a file")
    parser.add_argument("query")
    parser.add_argument("file", type=Path)
    parser.add_argument("-k", "--top-k", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    return parser.parse_args()


def main() -> int:
    args = _parse_args()
    docs = args.file.read_text(encoding="utf-8").splitlines()
    hits = rank(args.query, docs, args.top_k)
    if args.json:
        json.dump([{"line": i, "score": s} for i, s in hits], sys.stdout)
    else:
        for i, s in hits:
            print(f"{s:.2f}  {docs[i]}")
    return 0


if __name__ == "__main__":
    print(version(), file=sys.stderr)
    sys.exit(main())
