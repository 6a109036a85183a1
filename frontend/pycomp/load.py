"""Load a compiled pycomp bundle and call its functions from Python.

    >>> lib = pycomp.load("out/chunk")
    >>> lib.chunk_words("a b c", size=2)
    ['a b', 'b c']

A bundle is a directory holding ``manifest.json`` and the shared library it
names (docs/abi.md). Each function of the manifest becomes a Python callable
with the compiled function's name, docstring and signature; arguments are
bound and checked like CPython does, and the native code runs with the GIL
released, so threads can call bundle functions in parallel (a function whose
calls take a few microseconds keeps it: docs/abi.md, "The Python loader's
calls").
"""

from __future__ import annotations

import collections
import inspect
import json
import os
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Optional

from pycomp._loader import ABI_VERSION, Bundle, BundleError
from pycomp.integrity import BundleDamaged, verify_files
from pycomp.records import RecordClasses, mentions_record

__all__ = ["ABI_VERSION", "BundleError", "Function", "Library", "load"]

# A function of a bundle: a Python callable with __signature__ set.
Function = Callable[..., Any]


def _annotation(t: dict[str, Any]) -> Any:
    """The Python annotation for a manifest type (docs/abi.md, "Types")."""
    kind = t["kind"]
    scalars: dict[str, Any] = {"int": int, "float": float, "bool": bool, "str": str, "none": None}
    if kind in scalars:
        return scalars[kind]
    if kind == "path":
        return Path
    if kind == "list":
        return list[_annotation(t["item"])]  # type: ignore[misc]
    if kind == "set":
        kind_cls: Any = frozenset if t.get("class") == "frozenset" else set
        return kind_cls[_annotation(t["item"])]
    if kind == "dict" and t.get("class") == "Counter":
        return collections.Counter[_annotation(t["key"])]  # type: ignore[misc]
    if kind == "dict":
        cls = getattr(collections, t["class"]) if "class" in t else dict
        return cls[_annotation(t["key"]), _annotation(t["value"])]
    if kind == "tuple":
        if "items" in t:
            items = tuple(_annotation(i) for i in t["items"])
            return tuple[items] if items else tuple[()]  # type: ignore[valid-type]
        return tuple[_annotation(t["item"]), ...]  # type: ignore[misc]
    if kind == "optional":
        inner = _annotation(t["item"])
        try:
            return inner | None
        except TypeError:
            return Optional[inner]  # noqa: UP045 - for annotations `|` refuses
    if kind == "iterator":
        return Iterator[_annotation(t["item"])]  # type: ignore[misc]
    if kind == "ndarray":
        try:
            import numpy

            return numpy.ndarray
        except ImportError:  # pragma: no cover - numpy is a dependency
            return Any
    return Any


def _check_files(path: str) -> None:
    """Before the library is opened: every file the manifest lists has its
    recorded size and SHA-256 (once per process and file; integrity.py).
    A bundle without the list (built by hand) is not checked."""
    try:
        with open(Path(path) / "manifest.json", encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError):
        return  # Bundle() reports a missing or malformed manifest
    if isinstance(manifest, dict) and "files" in manifest:
        try:
            verify_files(Path(path), manifest["files"])
        except BundleDamaged as e:
            raise BundleError(f"cannot load the pycomp bundle {path}: {e}; rebuild it or copy "
                              "it again") from None


_PARAMETER_KINDS = {"kwonly": inspect.Parameter.KEYWORD_ONLY,
                    "posonly": inspect.Parameter.POSITIONAL_ONLY}


def _make_function(bundle: Bundle, spec: dict[str, Any], module: str,
                   records: RecordClasses) -> Function:
    """The native callable of function `spec` (`pycomp._loader.Function`,
    its entry point resolved once), with a function's name, doc and signature.
    The loader converts records and family objects itself (to the dataclasses
    of `records`); a function whose values hold enum members, paths or
    `collections` classes is wrapped: those (and records with them) converted
    here, on the wire as values and tuples (records.py)."""
    name: str = spec["name"]
    function: Any = bundle.function(name)
    param_types = [p["type"] for p in spec.get("params", [])]
    if not bundle.python_converts(name):
        for t in [*param_types, spec["returns"]]:
            records.prepare(t)
    elif any(mentions_record(t) for t in [*param_types, spec["returns"]]):
        native = function
        names = [p["name"] for p in spec.get("params", [])]
        by_name = dict(zip(names, param_types))

        def with_records(*args: Any, **kwargs: Any) -> Any:
            wire_args = tuple(records.to_wire(a, t, f"{name}() argument '{n}'")
                              for a, t, n in zip(args, param_types, names)
                              ) + args[len(param_types):]
            wire_kwargs = {k: records.to_wire(v, by_name[k], f"{name}() argument '{k}'")
                           if k in by_name else v for k, v in kwargs.items()}
            return records.from_wire(native(*wire_args, **wire_kwargs), spec["returns"])

        function = with_records
    defaults = bundle.defaults(name)
    params = [
        inspect.Parameter(
            p["name"],
            _PARAMETER_KINDS.get(p.get("kind", ""), inspect.Parameter.POSITIONAL_OR_KEYWORD),
            default=defaults.get(p["name"], inspect.Parameter.empty),
            annotation=_annotation(p["type"]),
        )
        for p in spec.get("params", [])
    ]
    attrs = {
        "__name__": name,
        "__qualname__": name,
        "__module__": module,
        "__doc__": spec.get("doc") or None,
        "__signature__": inspect.Signature(params,
                                           return_annotation=_annotation(spec["returns"])),
    }
    if isinstance(function, types.FunctionType):
        for attr, value in attrs.items():
            setattr(function, attr, value)
    else:
        function.__dict__.update(attrs)
    return function


class Library:
    """A loaded bundle: each of its functions and exception classes is an attribute.

    ``lib.functions`` lists the function names, ``lib.exceptions`` the exception
    classes of the compiled module by name, ``lib.manifest`` is the
    parsed manifest; ``lib["name"]`` also gets a function (for a name that
    clashes with one of these attributes).
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        _check_files(os.fspath(path))
        self._bundle = Bundle(os.fspath(path))
        manifest: dict[str, Any] = self._bundle.manifest
        self._manifest = manifest
        module = f"pycomp.bundle.{self._bundle.name}"
        self.records = RecordClasses(module)
        self._bundle.set_classes(self.records.classes)
        self._functions: dict[str, Function] = {
            spec["name"]: _make_function(self._bundle, spec, module, self.records)
            for spec in manifest.get("functions", [])
        }
        # The module's exception classes, so callers can `except lib.ValidationError`
        # (made once per bundle by the loader; subclasses of builtin exceptions).
        self.exceptions: dict[str, type[Exception]] = self._bundle.exceptions
        # Plain instance attributes, for fast lookup; a name that clashes with
        # an attribute of Library stays reachable as lib["name"].
        reserved = set(dir(type(self))) | {"exceptions", "records"}
        for xname, cls in self.exceptions.items():
            if xname not in reserved and not xname.startswith("_"):
                self.__dict__[xname] = cls
        for fname, function in self._functions.items():
            if fname not in reserved and not fname.startswith("_"):
                self.__dict__[fname] = function

    @property
    def name(self) -> str:
        """The bundle's name (its crate name)."""
        return str(self._bundle.name)

    @property
    def path(self) -> str:
        """The bundle directory."""
        return str(self._bundle.path)

    @property
    def manifest(self) -> dict[str, Any]:
        """The bundle's manifest (docs/abi.md), parsed."""
        return dict(self._manifest)

    @property
    def functions(self) -> list[str]:
        """The names of the bundle's functions, in manifest order."""
        return list(self._functions)

    def __getattr__(self, name: str) -> Function:
        # Only called when normal lookup fails: the bundle's functions.
        functions = self.__dict__.get("_functions", {})
        try:
            return functions[name]  # type: ignore[no-any-return]
        except KeyError:
            raise AttributeError(
                f"pycomp bundle {self.__dict__.get('_bundle')!r} has no function {name!r}"
            ) from None

    def __getitem__(self, name: str) -> Function:
        try:
            return self._functions[name]
        except KeyError:
            raise KeyError(name) from None

    def __contains__(self, name: object) -> bool:
        return name in self._functions

    def __iter__(self) -> Iterator[str]:
        return iter(self._functions)

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self._functions))

    def __repr__(self) -> str:
        names = list(self._functions)
        shown = ", ".join(names[:8]) or "no functions"
        if len(names) > 8:
            shown += f", ... ({len(names)} functions)"
        return f"<pycomp.Library {self.name!r} from {self.path!r}: {shown}>"


def load(path: str | os.PathLike[str]) -> Library:
    """Open the compiled bundle in directory ``path``.

    Raises ``pycomp.load.BundleError`` (an ``ImportError``) if the bundle is
    missing, malformed, or built for another ABI version.
    """
    return Library(path)
