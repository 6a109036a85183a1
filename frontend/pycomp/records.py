"""Instances of compiled classes at the Python boundary of a bundle.

An instance crosses the ABI as a record: the tuple of its fields, described in
the manifest as ``{"kind": "record", "name": ..., "fields": [...]}``
(docs/abi.md). The loader gives Python callers an equivalent dataclass (same
class name, same field names and order, the same ``repr`` as a dataclass of the
compiled module prints) and accepts, as an argument, any object that has the
class's attributes. This module converts both ways; it imports nothing of the
compiler.
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Any

_MISSING = object()


def mentions_record(t: dict[str, Any]) -> bool:
    """Whether values of manifest type `t` hold records or enum members anywhere."""
    if t["kind"] in ("record", "enum"):
        return True
    if any(mentions_record(t[k]) for k in ("item", "key", "value") if k in t):
        return True
    return any(mentions_record(i) for i in t.get("items", []))


class RecordClasses:
    """The dataclasses standing for a bundle's classes, made once per bundle."""

    def __init__(self, module: str) -> None:
        self.module = module
        self.classes: dict[str, type] = {}  # dataclasses and enums, by name

    def cls(self, t: dict[str, Any]) -> type:
        name = t["name"]
        if name not in self.classes:
            fields = [(f["name"], Any) for f in t["fields"]]
            made = dataclasses.make_dataclass(name, fields)
            made.__module__ = self.module
            made.__doc__ = f"An instance of the compiled class `{name}` (its fields)."
            self.classes[name] = made
        return self.classes[name]

    def enum(self, t: dict[str, Any]) -> type[enum.Enum]:
        """The enum standing for a compiled enum: same name, members and values."""
        name = t["name"]
        if name not in self.classes:
            base: Any = enum.IntEnum if t["base"] == "IntEnum" else enum.Enum
            made: type[enum.Enum] = base(name, [(m["name"], m["value"]) for m in t["members"]],
                                         module=self.module)
            made.__doc__ = f"The members of the compiled enum `{name}`."
            self.classes[name] = made
        return self.classes[name]  # type: ignore[return-value]

    def to_wire(self, v: Any, t: dict[str, Any], where: str) -> Any:
        """An argument as the loader binds it: records become tuples of their fields."""
        kind = t["kind"]
        if kind == "enum":
            # a member of this enum or of any enum with the same names and values
            members = {m["name"]: m["value"] for m in t["members"]}
            if not isinstance(v, enum.Enum) or members.get(v.name, _MISSING) != v.value:
                raise TypeError(f"{where} must be a {t['name']} member, not "
                                f"{type(v).__name__}")
            return v.value
        if kind == "record":
            out = []
            for f in t["fields"]:
                if not hasattr(v, f["name"]):
                    raise TypeError(f"{where} must be a {t['name']} (an object with the "
                                    f"attribute {f['name']!r}), not {type(v).__name__}")
                out.append(self.to_wire(getattr(v, f["name"]), f["type"], f"{where}.{f['name']}"))
            return tuple(out)
        if v is None:
            return v
        if kind == "optional":
            return self.to_wire(v, t["item"], where)
        if not mentions_record(t):
            return v
        if kind == "list" and isinstance(v, list):
            return [self.to_wire(x, t["item"], f"{where}[{i}]") for i, x in enumerate(v)]
        if kind == "set" and isinstance(v, (set, frozenset)):
            return {self.to_wire(x, t["item"], where) for x in v}
        if kind == "dict" and isinstance(v, dict):
            return {self.to_wire(k, t["key"], where): self.to_wire(x, t["value"], f"{where}[{k!r}]")
                    for k, x in v.items()}
        if kind == "tuple" and isinstance(v, tuple) and "items" in t:
            return tuple(self.to_wire(x, it, f"{where}[{i}]")
                         for i, (x, it) in enumerate(zip(v, t["items"])))
        return v

    def from_wire(self, v: Any, t: dict[str, Any]) -> Any:
        """A result as the caller sees it: record tuples become dataclass instances."""
        kind = t["kind"]
        if v is None:
            return v
        if kind == "enum":
            return self.enum(t)(v)
        if kind == "record":
            return self.cls(t)(*(self.from_wire(x, f["type"]) for x, f in zip(v, t["fields"])))
        if kind == "optional":
            return self.from_wire(v, t["item"])
        if not mentions_record(t):
            return v
        if kind == "list":
            return [self.from_wire(x, t["item"]) for x in v]
        if kind == "dict":
            return {self.from_wire(k, t["key"]): self.from_wire(x, t["value"]) for k, x in v.items()}
        if kind == "set":
            return {self.from_wire(x, t["item"]) for x in v}
        if kind == "tuple" and "items" in t:
            return tuple(self.from_wire(x, it) for x, it in zip(v, t["items"]))
        return v
