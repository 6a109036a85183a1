"""Typing of `open()` (opslib/files.toml): what it returns depends on its mode.

Hooks are called as `hook(types, consts)` (stdtyping.py). Text files compile
(`pcrt::TextFile`, templates/runtime/textfile.rs); the mode must be a literal so
that the compiler knows it is one: a binary mode gives `bytes` and an update mode
(`r+`) reads and writes one file, neither of which is compiled yet.
"""

from __future__ import annotations

from pycomp.types import OpaqueT, Type

TEXT_FILE = OpaqueT("TextIOWrapper")

# CPython's text modes pycomp compiles: read, write (truncate), append, exclusive create
_TEXT_MODES = frozenset({m + t for m in "rwax" for t in ("", "t")} | {"t" + m for m in "rwax"})


def open_mode(types: dict[str, Type], consts: dict[str, object]) -> Type | str:
    """`open(path, mode)`: a text file for a literal text mode, else what is missing."""
    if "mode" in types and "mode" not in consts:
        return "the mode of `open()` must be a string literal (`\"r\"`, `\"w\"`, `\"a\"`)"
    mode = consts.get("mode", "r")
    if not isinstance(mode, str) or mode not in _TEXT_MODES:
        if isinstance(mode, str) and "b" in mode:
            return (f"binary files (`open(path, {mode!r})`) are not compiled: open the file "
                    "in text mode")
        if isinstance(mode, str) and "+" in mode:
            return (f"`open(path, {mode!r})` (reading and writing one file) is not compiled: "
                    "open it once to read and once to write")
        return f"invalid mode: {mode!r}"
    return TEXT_FILE
