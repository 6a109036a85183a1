"""Record llama-cpp-python's `embed`/`create_embedding` on SmolLM2 for tests/test_chat.py.

    python tests/chat/make_embed_reference.py   # writes tests/chat/embeddings.json

Run with llama-cpp-python installed (built as tests/chat/make_reference.py says).
It runs tests/chat/methods.py, the source the tests compile, on llama-cpp-python
and stores what each function returns or raises (floats as float32 text).
llama-cpp-python 0.3.36's `embed` of several texts without pooling reads the
second and later texts at a wrong offset, so `token_vectors_of_each` is not
recorded: the test compares it with each text embedded alone.
"""

from __future__ import annotations

import json
import os
import runpy
import sys
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "examples" / "chat"))

from fetch_model import GGUF, fetch
from fetch_model import HERE as EXAMPLE

TEXTS = ["Hello, world!", "Hi", "Caf\u00e9, \u65e5\u672c",
         "a text of more than eight tokens, cut to the batch size when truncated"]
CALLS: list[tuple[str, list[Any]]] = [
    ("token_vectors", [TEXTS[0]]),
    ("token_vectors", [TEXTS[1]]),
    ("token_vectors", [TEXTS[2]]),
    ("token_vectors", [TEXTS[0], True]),
    ("token_vectors", [""]),
    ("mean_vector", [TEXTS[1]]),
    ("mean_vector", [TEXTS[2], True]),
    ("mean_vectors", [TEXTS]),
    ("mean_vectors", [TEXTS, True]),
    ("mean_vectors", [TEXTS, False, False]),
    ("mean_vectors", [[TEXTS[1], ""]]),
    ("mean_vectors", [[]]),
    ("response", [TEXTS[:2]]),
    ("response_of_one", [TEXTS[1]]),
    ("not_an_embedder", [TEXTS[1]]),
]


def f32(value: Any) -> Any:
    """`value` with its floats written as float32 text (they are float32 in llama.cpp)."""
    if isinstance(value, float):
        return str(np.float32(value))
    if isinstance(value, list):
        return [f32(v) for v in value]
    if isinstance(value, dict):
        return {k: (v if k == "model" else f32(v)) for k, v in value.items()}
    return value


def main() -> int:
    import llama_cpp

    if not (EXAMPLE / "model" / GGUF).exists():
        fetch()
    os.chdir(EXAMPLE)
    module = runpy.run_path(str(HERE / "methods.py"))
    calls = []
    for name, args in CALLS:
        try:
            result: dict[str, Any] = {"value": f32(module[name](*args))}
        except Exception as e:  # the reference records what is raised
            result = {"raises": type(e).__name__, "message": str(e)}
        calls.append({"function": name, "args": args, **result})
    ref = {"llama_cpp_python": llama_cpp.__version__, "calls": calls}
    (HERE / "embeddings.json").write_text(json.dumps(ref) + "\n")
    print(f"wrote {HERE / 'embeddings.json'}")
    sys.stdout.flush()
    os._exit(0)  # llama-cpp-python 0.3.36 may crash freeing its models at exit


if __name__ == "__main__":
    sys.exit(main())
