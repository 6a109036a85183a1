"""pycomp: compile type-annotated Python inference code to native libraries.

`pycomp.build(fn_py, out)` compiles a file into a bundle; `pycomp.load(bundle)`
opens it and returns its functions as Python callables; `pycomp.Client` (and
`AsyncClient`) serves bundles' embedding functions in OpenAI's shape.
"""

import sys
import types
from typing import TYPE_CHECKING, Any

# Loading a bundle needs only pycomp.load (and the loader extension): the
# compiler (pycomp.driver and the stages) and the clients import on first use.
from pycomp.load import Library, load

if TYPE_CHECKING:
    from pycomp.client import AsyncClient, Client
    from pycomp.driver import build, to_rust

__all__ = ["AsyncClient", "Client", "Library", "__version__", "build", "load", "to_rust"]


class _Package(types.ModuleType):
    """`pycomp.build` is the function, imported on first use. Importing the
    submodule `pycomp.build` (the cargo stage) would set the package's
    attribute `build` to that module; the module stays in sys.modules only."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in ("build", "to_rust") and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    if name in ("Client", "AsyncClient"):
        from pycomp import client

        return getattr(client, name)
    if name in ("build", "to_rust"):
        from pycomp import driver

        return getattr(driver, name)
    raise AttributeError(f"module 'pycomp' has no attribute {name!r}")


__version__ = "0.1.0"
