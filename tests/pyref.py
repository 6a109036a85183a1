"""The Python side of the comparisons: import a source file as CPython runs it."""

from __future__ import annotations

import importlib.util
import inspect
import os
import re
import sys
import typing
from pathlib import Path
from types import FunctionType, ModuleType
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


def load_module(path: Path, name: str) -> ModuleType:
    """Import `path` under `name` (registered in sys.modules, as dataclasses and
    pickling expect), without changing the working directory."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None, f"cannot import {path}"
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def topics(cases_dir: Path) -> list[str]:
    """The topic files of a differential corpus (private `_*.py` files excluded)."""
    return sorted(p.stem for p in cases_dir.glob("*.py") if not p.stem.startswith("_"))


def public_functions(module: ModuleType) -> dict[str, FunctionType]:
    """The functions a topic file defines and exports: the ones compiled and compared."""
    return {
        name: obj
        for name, obj in vars(module).items()
        # a decorated function (`functools.cache`) is what its wrapper wraps
        if inspect.isfunction(inspect.unwrap(obj)) and obj.__module__ == module.__name__
        and not name.startswith("_") and not _takes_or_gives_function(obj)
        and not _generic(obj) and not _script_driver(module, name, obj)
    }


def _script_driver(module: ModuleType, name: str, fn: FunctionType) -> bool:
    """A command-line driver (`main()` under `if __name__ == "__main__":`, without
    parameters): only the script runs it, so it is not compiled (W007)."""
    source = inspect.getsource(module)
    guard = source.find('if __name__ == "__main__":')
    call = rf"^\s+({name}\(\)|(sys\.exit|raise SystemExit)\({name}\(\)\))\s*$"
    return guard >= 0 and re.search(call, source[guard:], re.MULTILINE) is not None and \
        not inspect.signature(fn).parameters


def _generic(fn: FunctionType) -> bool:
    """A generic function (a TypeVar in its annotations) is compiled per call site's
    types, for the module's own calls: not exported."""
    def mentions(t: object) -> bool:
        return isinstance(t, typing.TypeVar) or any(mentions(a) for a in typing.get_args(t))

    if "<locals>" in fn.__qualname__:
        return False  # a generic decorator's wrapper: the decorated function, compiled
    return any(mentions(t) for t in inspect.get_annotations(fn).values())


def _takes_or_gives_function(fn: FunctionType) -> bool:
    """A function taking or returning a function (a decorator, a factory) is not exported
    by pycomp: a host can neither pass nor keep one."""
    return any("Callable" in str(t) for t in inspect.get_annotations(fn).values())
