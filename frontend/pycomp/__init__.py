"""pycomp: compile type-annotated Python inference code to native libraries.

`pycomp.build(fn_py, out)` compiles a file into a bundle; `pycomp.load(bundle)`
opens it and returns its functions as Python callables.
"""

from pycomp.driver import build, to_rust
from pycomp.load import Library, load

__all__ = ["Library", "__version__", "build", "load", "to_rust"]
__version__ = "0.1.0"
