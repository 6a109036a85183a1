"""Instances of compiled classes (and paths) at the Python boundary of a bundle.

An instance crosses the ABI as a record: the tuple of its fields, described in
the manifest as ``{"kind": "record", "name": ..., "fields": [...]}``
(docs/abi.md). The loader gives Python callers an equivalent dataclass (same
class name, same field names and order, the same ``repr`` as a dataclass of the
compiled module prints) and accepts, as an argument, any object that has the
class's attributes. A `collections` class (`{"kind": "dict", "class": "Counter"}`)
crosses as a dict: callers get the class back (a `Counter`, an `OrderedDict`, a
`defaultdict` with its factory) and pass an instance of it (a plain dict would
behave differently in CPython: `c[missing]` raises KeyError). A `pathlib.Path`
(``{"kind": "path"}``) crosses as its text: an argument may be a str or any
``os.PathLike``, a result is a ``pathlib.Path``. This module makes the classes,
and converts values both ways for the functions whose values hold enum members,
paths or collections classes (``Bundle.python_converts``); the loader extension
converts records and family objects of every other function itself, to and from
the wire, with these classes (``Bundle.set_classes``). It imports nothing of the
compiler.
"""

from __future__ import annotations

import collections
import dataclasses
import enum
import os
import pathlib
from typing import Any

_MISSING = object()


# A defaultdict's factory as the manifest names it.
_FACTORIES: dict[str, Any] = {"int": int, "float": float, "bool": bool, "str": str,
                              "list": list, "set": set, "dict": dict,
                              "Counter": collections.Counter,
                              "OrderedDict": collections.OrderedDict}


def mentions_record(t: dict[str, Any]) -> bool:
    """Whether values of manifest type `t` hold records, family objects, enum members,
    collections classes or paths anywhere (the loader converts them)."""
    if t["kind"] in ("record", "enum", "family", "path") or "class" in t:
        return True
    if any(mentions_record(t[k]) for k in ("item", "key", "value") if k in t):
        return True
    return any(mentions_record(i) for i in t.get("items", []))


class RecordClasses:
    """The dataclasses standing for a bundle's classes, made once per bundle."""

    def __init__(self, module: str) -> None:
        self.module = module
        self.classes: dict[str, type] = {}  # dataclasses and enums, by name
        # a family type's classes, by the id of its manifest type
        self.families: dict[int, tuple[dict[str, Any], dict[str, tuple[type, dict[str, Any]]]]] = {}

    def cls(self, t: dict[str, Any]) -> type:
        name = t["name"]
        if name not in self.classes:
            fields = [(f["name"], Any) for f in t["fields"]]
            made = dataclasses.make_dataclass(name, fields)
            made.__module__ = self.module
            made.__doc__ = f"An instance of the compiled class `{name}` (its fields)."
            self.classes[name] = made
        return self.classes[name]

    def family(self, t: dict[str, Any]) -> dict[str, tuple[type, dict[str, Any]]]:
        """The classes a value of family type `t` may have (its class and those deriving
        from it, by name): dataclasses deriving from one another as the compiled classes
        do (so `isinstance` with a base holds), each with its record's type."""
        key = id(t)
        if key in self.families:
            return self.families[key][1]
        made: dict[str, dict[str, Any]] = {}
        for c in t["classes"]:  # bases first
            name = c["name"]
            if name not in self.classes:
                base = self.classes[c["bases"][0]] if c["bases"] else None
                inherited = {f.name for f in dataclasses.fields(base)} if base else set()
                own = [(f["name"], Any) for f in c["fields"] if f["name"] not in inherited]
                cls = dataclasses.make_dataclass(name, own, bases=(base,) if base else ())
                cls.__module__ = self.module
                cls.__doc__ = f"An instance of the compiled class `{name}` (its fields)."
                self.classes[name] = cls
            made[name] = {"kind": "record", "name": name, "fields": c["fields"]}
        out = {n: (self.classes[n], r) for n, r in made.items()
               if t["name"] in (k.__name__ for k in self.classes[n].__mro__)}
        self.families[key] = (t, out)  # (keeping `t`, whose id is the key)
        return out

    def enum(self, t: dict[str, Any]) -> type[enum.Enum]:
        """The enum standing for a compiled enum: same name, members and values."""
        name = t["name"]
        if name not in self.classes:
            members = [(m["name"], m["value"]) for m in t["members"]]
            base: Any = {"IntEnum": enum.IntEnum, "StrEnum": enum.StrEnum}.get(t["base"],
                                                                             enum.Enum)
            # `class X(str, Enum)`: the functional API's `type=` is the mixin
            mixin = {"type": str} if t["base"] == "str, Enum" else {}
            made: type[enum.Enum] = base(name, members, module=self.module, **mixin)
            made.__doc__ = f"The members of the compiled enum `{name}`."
            self.classes[name] = made
        return self.classes[name]  # type: ignore[return-value]

    def prepare(self, t: dict[str, Any]) -> None:
        """Makes the dataclasses of every record and family type in manifest type `t`
        (the loader gives them, by name, for the values it converts itself)."""
        if t["kind"] == "record":
            self.cls(t)
            fields = t["fields"]
        elif t["kind"] == "family":
            self.family(t)
            fields = [f for c in t["classes"] for f in c["fields"]]
        else:
            fields = []
        for inner in [*(t[k] for k in ("item", "key", "value") if k in t),
                      *t.get("items", []), *(f["type"] for f in fields)]:
            self.prepare(inner)

    def to_wire(self, v: Any, t: dict[str, Any], where: str) -> Any:
        """An argument as the loader binds it: records become tuples of their fields."""
        kind = t["kind"]
        if kind == "path":
            if isinstance(v, str | os.PathLike):
                text = os.fspath(v)
                if isinstance(text, str):
                    return text
            raise TypeError(f"{where} must be str or os.PathLike (of str), not "
                            f"{type(v).__name__}")
        if kind == "enum":
            # a member of this enum or of any enum with the same names and values
            members = {m["name"]: m["value"] for m in t["members"]}
            if not isinstance(v, enum.Enum) or members.get(v.name, _MISSING) != v.value:
                raise TypeError(f"{where} must be a {t['name']} member, not "
                                f"{type(v).__name__}")
            return v.value
        if kind == "family":
            # an object of the family: its class (the nearest of the family's in its
            # MRO: a compiled class, or the user's own class of that name) and its record
            classes = self.family(t)
            name = next((k.__name__ for k in type(v).__mro__ if k.__name__ in classes), None)
            if name is None:
                raise TypeError(f"{where} must be a {t['name']} (" + ", ".join(classes) +
                                f"), not {type(v).__name__}")
            return name, self.to_wire(v, classes[name][1], where)
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
        if "class" in t:
            _check_class(v, t, where)
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
        if kind == "path":
            return pathlib.Path(v)
        if kind == "iterator" and mentions_record(t):
            return (self.from_wire(x, t["item"]) for x in v)
        if kind == "enum":
            return self.enum(t)(v)
        if kind == "family":
            cls, record = self.family(t)[v[0]]
            return cls(*(self.from_wire(x, f["type"]) for x, f in zip(v[1], record["fields"])))
        if kind == "record":
            return self.cls(t)(*(self.from_wire(x, f["type"]) for x, f in zip(v, t["fields"])))
        if kind == "optional":
            return self.from_wire(v, t["item"])
        if not mentions_record(t):
            return v
        if kind == "list":
            return [self.from_wire(x, t["item"]) for x in v]
        if kind == "dict":
            items = {self.from_wire(k, t["key"]): self.from_wire(x, t["value"])
                     for k, x in v.items()}
            if t.get("class") == "defaultdict":
                return collections.defaultdict(_FACTORIES[t["factory"]], items)
            if "class" in t:
                return getattr(collections, t["class"])(items)
            return items
        if kind == "set":
            members = {self.from_wire(x, t["item"]) for x in v}
            return frozenset(members) if t.get("class") == "frozenset" else members
        if kind == "tuple" and "items" in t:
            return tuple(self.from_wire(x, it) for x, it in zip(v, t["items"]))
        return v


def _check_class(v: Any, t: dict[str, Any], where: str) -> None:
    """TypeError unless `v` is an instance of the manifest's class: a dict's collections
    class (with the manifest's factory, for a defaultdict) or `frozenset`. The compiled
    function relies on the class's behaviour (a Counter's missing keys count 0, a
    frozenset's repr)."""
    name = t["class"]
    cls: Any = frozenset if name == "frozenset" else getattr(collections, name)
    if not isinstance(v, cls):
        raise TypeError(f"{where} must be a {name}, not {type(v).__name__}")
    if name == "defaultdict" and v.default_factory is not _FACTORIES[t["factory"]]:
        raise TypeError(f"{where} must be a defaultdict({t['factory']}), not one made by "
                        f"{v.default_factory!r}")
