"""The README's main job: compile the bundled example and call it beside CPython."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

import pycomp

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "out"


def load_python(path: Path) -> object:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main() -> int:
    src = HERE / "text" / "chunk.py"
    start = time.perf_counter()
    bundle = pycomp.build(src, OUT / "chunk")
    print(f"compiled {src.relative_to(HERE.parent)} -> {bundle} in "
          f"{time.perf_counter() - start:.1f} s")
    lib = pycomp.load(bundle)
    py = load_python(src)
    text = ("pycomp compiles plain type-annotated Python into native code that runs "
            "anywhere: naïve café déjà vu.")
    ok = True
    for fn, args in [("chunk_words", (text, 4, 1)), ("count_words", (text,))]:
        compiled = getattr(lib, fn)(*args)
        expected = getattr(py, fn)(*args)
        same = compiled == expected
        ok &= same
        print(f"\n{fn}{args!r}")
        print(f"  compiled: {compiled!r}")
        print(f"  CPython:  {expected!r}")
        print(f"  {'same' if same else 'DIFFERENT'}")
    try:
        lib.chunk_words(text, 0)
    except ValueError as e:
        print(f"\nchunk_words(text, 0) raised ValueError: {e}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
