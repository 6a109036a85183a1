"""Which functions of a bundle are models, read from its manifest.

Three kinds, each recognised from the parameter and result types alone:

- **embedding**: one required ``list[str]`` parameter (every other has a
  default) and a float32 ndarray result of ndim 2 (or of unknown ndim): one
  row per text. An ``int`` parameter named ``dimensions`` is passed on.
- **rerank**: one required ``str`` parameter (the query) and one required
  ``list[str]`` parameter (the documents), and a float ndarray of ndim 1 (or
  unknown ndim) or a ``list[float]``: one relevance score per document.
- **classify**: one required ``list[str]`` parameter and a result of
  ``list[dict[str, float]]`` (label to score) or ``list[list[tuple[str,
  float]]]`` (label and score pairs): the label names come from the bundle.
- **chat**: one required parameter named ``messages`` of type
  ``list[dict[str, str]]`` and a ``str`` result (the answer) or an iterator of
  ``str`` (the answer, streamed). Parameters named ``max_tokens``,
  ``temperature``, ``top_p``, ``stop`` and ``seed`` (with defaults) receive the
  request's values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

Kind: TypeAlias = Literal["embedding", "rerank", "classify", "chat"]
KINDS: tuple[Kind, ...] = ("embedding", "rerank", "classify", "chat")

# What a function of each kind is, for messages: "bundle 'x' has no ..."
DESCRIPTIONS: dict[Kind, str] = {
    "embedding": "embedding function (one that takes a single required list[str] and "
                 "returns a 2-D float32 array)",
    "rerank": "rerank function (one that takes a required str query and list[str] "
              "documents and returns one float score per document)",
    "classify": "classification function (one that takes a single required list[str] and "
                "returns list[dict[str, float]] or list[list[tuple[str, float]]])",
    "chat": "chat function (one that takes a required `messages: list[dict[str, str]]` and "
            "returns a str or an iterator of str)",
}
PLURALS: dict[Kind, str] = {"embedding": "embedding functions", "rerank": "rerank functions",
                            "classify": "classification functions", "chat": "chat functions"}

# The request fields a chat function receives through parameters of the same name.
CHAT_OPTIONS = ("max_tokens", "temperature", "top_p", "stop", "seed")

_STR = {"kind": "str"}
_LIST_STR = {"kind": "list", "item": _STR}
_FLOAT = {"kind": "float"}


@dataclass(frozen=True)
class ModelFunction:
    """A bundle function that serves as a model of one kind."""

    name: str
    param: str
    """The required ``list[str]`` parameter (texts, or a reranker's documents)."""
    dimensions: bool = False
    """Embedding: whether it has an ``int`` parameter named ``dimensions``."""
    kind: Kind = "embedding"
    query: str | None = None
    """Rerank: the required ``str`` parameter."""
    stream: bool = False
    """Chat: whether the answer comes as an iterator of pieces."""
    options: tuple[str, ...] = ()
    """Chat: which of ``CHAT_OPTIONS`` the function has parameters for."""


def _is_int(t: Mapping[str, Any]) -> bool:
    return t.get("kind") == "int" or (t.get("kind") == "optional"
                                      and t.get("item", {}).get("kind") == "int")


def _is_scores(ret: Mapping[str, Any]) -> bool:
    if ret.get("kind") == "ndarray":
        return ret.get("dtype") in ("float32", "float64") and ret.get("ndim", 1) == 1
    return ret == {"kind": "list", "item": _FLOAT}


def _is_labelled(ret: Mapping[str, Any]) -> bool:
    if ret.get("kind") != "list":
        return False
    item = ret.get("item", {})
    if item == {"kind": "dict", "key": _STR, "value": _FLOAT}:
        return True
    pair = {"kind": "tuple", "items": [_STR, _FLOAT]}
    return item == {"kind": "list", "item": pair}


def _chat_function(spec: Mapping[str, Any], required: list[Mapping[str, Any]],
                   ret: Mapping[str, Any]) -> ModelFunction | None:
    messages = {"kind": "list", "item": {"kind": "dict", "key": _STR, "value": _STR}}
    if [(p.get("name"), p.get("type")) for p in required] != [("messages", messages)]:
        return None
    if ret == _STR:
        stream = False
    elif ret == {"kind": "iterator", "item": _STR}:
        stream = True
    else:
        return None
    names = {p.get("name") for p in spec.get("params", [])}
    return ModelFunction(spec["name"], "messages", kind="chat", stream=stream,
                         options=tuple(o for o in CHAT_OPTIONS if o in names))


def function_kind(spec: Mapping[str, Any]) -> ModelFunction | None:
    """The model a manifest function entry is, or None."""
    params = spec.get("params", [])
    required = [p for p in params if "default" not in p]
    ret = spec.get("returns", {})
    types = [p.get("type") for p in required]
    chat = _chat_function(spec, required, ret)
    if chat is not None:
        return chat
    if types == [_LIST_STR]:
        if ret.get("kind") == "ndarray" and ret.get("dtype") == "float32" \
                and ret.get("ndim", 2) == 2:
            dims = any(p["name"] == "dimensions" and _is_int(p.get("type", {}))
                       for p in params)
            return ModelFunction(spec["name"], required[0]["name"], dims)
        if _is_labelled(ret):
            return ModelFunction(spec["name"], required[0]["name"], kind="classify")
        return None
    if sorted(map(str, types)) == sorted(map(str, [_STR, _LIST_STR])) and _is_scores(ret):
        query = next(p["name"] for p in required if p["type"] == _STR)
        docs = next(p["name"] for p in required if p["type"] == _LIST_STR)
        return ModelFunction(spec["name"], docs, kind="rerank", query=query)
    return None


def model_functions(manifest: Mapping[str, Any], kind: Kind | None = None
                    ) -> list[ModelFunction]:
    """The manifest's model functions (of ``kind``, or all), in manifest order."""
    found = (function_kind(spec) for spec in manifest.get("functions", []))
    return [f for f in found if f is not None and (kind is None or f.kind == kind)]
