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
    def functions(self) -> list[str]: ...
    def defaults(self, name: str) -> dict[str, Any]: ...
    def call(
        self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any] | None = None
    ) -> Any: ...
