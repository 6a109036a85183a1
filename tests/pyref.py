"""The Python side of the comparisons: import a source file as CPython runs it."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Any


def load_python(path: Path, name: str | None = None) -> Any:
    """Import `path` as a fresh module, from its own folder, the way `python file.py`
    resolves the relative model paths inside it."""
    spec = importlib.util.spec_from_file_location(name or f"ref_{path.parent.name}_{path.stem}",
                                                  path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        spec.loader.exec_module(mod)
    finally:
        os.chdir(cwd)
    return mod
