"""Typing hooks of `opslib/bytes.toml`: the codec error handlers compiled code has no
equivalent for (they produce or read lone surrogates, or name characters) are refused
when written as a literal; a run-time value naming one raises ValueError when an
error occurs (docs/language.md)."""

from __future__ import annotations

from pycomp.types import BYTES, STR, Type

UNSUPPORTED_HANDLERS = ("surrogateescape", "surrogatepass", "namereplace")


def _refused(consts: dict[str, object]) -> str | None:
    errors = consts.get("errors")
    if errors in UNSUPPORTED_HANDLERS:
        return f"the `{errors}` error handler is not compiled (compiled strings hold no lone " \
               "surrogates): use strict, ignore, replace, backslashreplace or " \
               "xmlcharrefreplace"
    return None


def encoded(types: dict[str, Type], consts: dict[str, object]) -> Type | str:
    return _refused(consts) or BYTES


def decoded(types: dict[str, Type], consts: dict[str, object]) -> Type | str:
    return _refused(consts) or STR
