"""Typing hooks of `opslib/llama_cpp.toml`: `stream=` decides whether
`create_chat_completion` and `create_completion` give a dict or a generator of
dicts, so it must be a literal."""

from __future__ import annotations

from pycomp.types import DYN, STR, DictT, GenT, Type

RESULT = DictT(STR, DYN)


def _stream(types: dict[str, Type], consts: dict[str, object]) -> bool | str:
    if "stream" not in types:
        return False
    value = consts.get("stream")
    if not isinstance(value, bool):
        return "`stream=` must be the literal True or False: it decides whether the call " \
               "gives a dict or a generator of dicts"
    return value


def not_streamed(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    stream = _stream(types, consts)
    if isinstance(stream, str):
        return stream
    return None if stream else RESULT


def streamed(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    stream = _stream(types, consts)
    return GenT(RESULT) if stream is True else None
