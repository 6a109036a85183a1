"""pycomp: compile type-annotated Python inference code to native libraries.

`pycomp.build(fn_py, out)` compiles a file into a bundle; `pycomp.load(bundle)`
opens it and returns its functions as Python callables; `pycomp.Client` (and
`AsyncClient`) serves bundles' embedding functions in OpenAI's shape.
"""

from typing import TYPE_CHECKING, Any

from pycomp.driver import build, to_rust
from pycomp.load import Library, load

if TYPE_CHECKING:
    from pycomp.client import AsyncClient, Client

__all__ = ["AsyncClient", "Client", "Library", "__version__", "build", "load", "to_rust"]


def __getattr__(name: str) -> Any:
    # The clients import on first use: `import pycomp` stays free of openai.
    if name in ("Client", "AsyncClient"):
        from pycomp import client

        return getattr(client, name)
    raise AttributeError(f"module 'pycomp' has no attribute {name!r}")
__version__ = "0.1.0"
