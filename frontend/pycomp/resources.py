"""Where the compiler's own files are: the op library and the templates.

They are package data of `pycomp`, found with `importlib.resources`, never
through the repository's path:

    pycomp/data/opslib/*.toml          the op library (docs/opslib.md)
    pycomp/data/templates/...          runtime sources, ffi_common.rs, the C
                                       header, the Node binding

In the repository, `frontend/pycomp/data/opslib` and `data/templates` are
symlinks to the top-level `opslib/` and `templates/` (where they are edited);
a wheel carries copies of them (`[tool.maturin] include` in pyproject.toml).
Paths are returned resolved, so a tool that writes the op library writes the
repository's files, not the symlinks.

A file that should be here and is not is an `InternalError` naming it: an
incomplete installation is pycomp's fault, never the user's code's.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

from pycomp.diagnostics import InternalError

__all__ = ["data_dir", "opslib_dir", "template", "templates_dir"]


def data_dir() -> Path:
    """The `pycomp/data` folder of the installed package."""
    root = files("pycomp") / "data"
    if not isinstance(root, Path):
        # A zipped install gives a zipfile.Path; cargo needs real files.
        raise InternalError(f"pycomp's data files are not on the file system ({root}); "
                            "install pycomp from its wheel into a directory")
    return root


def opslib_dir() -> Path:
    """The op library: `PYCOMP_OPSLIB` when set (tests and `pycomp ops synth`
    point it at a copy), else the package's own."""
    env = os.environ.get("PYCOMP_OPSLIB")
    return Path(env).resolve() if env else (data_dir() / "opslib").resolve()


def templates_dir() -> Path:
    d = (data_dir() / "templates").resolve()
    if not d.is_dir():
        raise InternalError(f"pycomp's templates are missing: no folder {d} "
                            "(the installation is incomplete; reinstall pycomp)")
    return d


def template(*parts: str) -> Path:
    """A file under the templates folder, which must exist."""
    path = templates_dir().joinpath(*parts)
    if not path.exists():
        raise InternalError(f"pycomp's template {'/'.join(parts)} is missing: no file {path} "
                            "(the installation is incomplete; reinstall pycomp)")
    return path
