"""Type stubs of the `pycomp._loader` extension (crates/pycomp-loader)."""

import os
import pathlib
from typing import Any

ABI_VERSION: int
"""The bundle ABI version this loader supports (docs/abi.md)."""

class BundleError(ImportError):
    """A bundle could not be loaded: missing or bad manifest.json, missing
    library or symbol, or an ABI version this pycomp does not support."""

class Bundle:
    """An open bundle directory (manifest.json plus the library it names)."""

    def __init__(self, path: str | os.PathLike[str]) -> None: ...
    @property
    def name(self) -> str: ...
    @property
    def path(self) -> pathlib.Path: ...
    @property
    def library_path(self) -> pathlib.Path: ...
    @property
    def manifest(self) -> dict[str, Any]: ...
    @property
    def manifest_json(self) -> str: ...
    @property
    def exceptions(self) -> dict[str, type[Exception]]: ...
    @property
    def functions(self) -> list[str]: ...
    def defaults(self, name: str) -> dict[str, Any]: ...
    def python_converts(self, name: str) -> bool:
        """Whether load.py converts the values of `name` (enum members, paths or
        collections classes in its types); else the loader converts records itself."""
    def set_classes(self, classes: dict[str, type]) -> None:
        """The classes records and family objects decode to, by name (once)."""
    def call(
        self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any] | None = None
    ) -> Any: ...
    def function(self, name: str) -> Function:
        """The native callable of function `name` (resolved once)."""

class Function:
    """A bundle function: calling it binds the arguments as CPython would
    and calls the native entry point (vectorcall: no argument tuple for a
    call by position). `__name__`, `__doc__` and `__signature__` live in its
    `__dict__`. Made by `Bundle.function` only."""

    __dict__: dict[str, Any]
    @property
    def bundle(self) -> Bundle: ...
    def __call__(self, *args: Any, **kwargs: Any) -> Any: ...

def pcv_encode(value: Any, ty: str) -> bytes:
    """The PCV bytes of `value` as manifest type `ty` (JSON)."""

def pcv_decode(data: bytes, ty: str) -> Any:
    """The value of PCV bytes `data` of manifest type `ty` (JSON)."""
